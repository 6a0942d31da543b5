//! Hostile voice manifests and WAV headers: each is a clear error naming its subject, never a
//! panic, an abort or a huge allocation. Runs the `sotto` binary (`$SOTTO_TEST_BIN` may name
//! a release build).

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::{json, Value};

/// A copy of the tiny pack (models linked) with its manifest edited by `edit`.
fn hostile_pack(name: &str, edit: &dyn Fn(&mut Value)) -> PathBuf {
    let src = common::tiny_voice();
    let dir = common::tmp("hostile", name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut v: Value =
        serde_json::from_slice(&std::fs::read(src.join("voice.json")).unwrap()).unwrap();
    for m in v["models"].as_array().unwrap() {
        let f = m["file"].as_str().unwrap();
        std::os::unix::fs::symlink(src.join(f), dir.join(f)).unwrap();
    }
    edit(&mut v);
    std::fs::write(dir.join("voice.json"), serde_json::to_vec(&v).unwrap()).unwrap();
    dir
}

fn model<'a>(v: &'a mut Value, role: &str) -> &'a mut Value {
    v["models"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|m| m["role"] == role)
        .unwrap()
}

fn assert_clear_error(o: &Output, case: &str, subject: &str) {
    let err = common::stderr(o);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{case}: status {:?}, {err}",
        o.status
    );
    assert!(!err.contains("panicked"), "{case}: {err}");
    assert!(
        err.contains("error:") && err.contains(subject),
        "{case}: wants {subject:?} in {err}"
    );
}

type Edit = fn(&mut Value);

#[test]
fn hostile_manifests_are_clear_errors() {
    let cases: &[(&str, &str, Edit)] = &[
        ("silence-huge", "sentence_silence", |v| {
            v["defaults"]["sentence_silence"] = json!(1e30)
        }),
        ("silence-negative", "sentence_silence", |v| {
            v["defaults"]["sentence_silence"] = json!(-1.0)
        }),
        ("mel-std-zero", "mel_std", |v| {
            v["defaults"]["mel_std"] = json!(0.0)
        }),
        ("steps-zero", "steps", |v| v["defaults"]["steps"] = json!(0)),
        ("length-scale-huge", "length scale", |v| {
            v["defaults"]["length_scale"] = json!(1e9)
        }),
        ("temperature-negative", "temperature", |v| {
            v["defaults"]["temperature"] = json!(-1.0)
        }),
        ("rate-one", "sample_rate", |v| {
            v["sample_rate"] = json!(1);
            v["mel"]["sample_rate"] = json!(1);
        }),
        ("mel-nfft-huge", "n_fft", |v| {
            v["mel"]["n_fft"] = json!(1u64 << 40)
        }),
        ("mel-nmels-huge", "n_mels", |v| {
            v["mel"]["n_mels"] = json!(1u64 << 30)
        }),
        ("istft-center-huge", "istft", |v| {
            model(v, "vocoder")["istft"]["center"] = json!(1u64 << 40)
        }),
        ("istft-nfft-huge", "istft", |v| {
            model(v, "vocoder")["istft"]["n_fft"] = json!(1u64 << 40)
        }),
        ("istft-hop-zero", "istft", |v| {
            model(v, "vocoder")["istft"]["hop"] = json!(0)
        }),
        ("encoder-one-output", "outputs", |v| {
            model(v, "encoder")["outputs"] = json!(["h"])
        }),
        ("prior-one-output", "outputs", |v| {
            model(v, "prior")["outputs"] = json!(["mu"])
        }),
        ("decoder-three-inputs", "inputs", |v| {
            let m = model(v, "decoder");
            m["inputs"].as_array_mut().unwrap().truncate(3);
        }),
        ("prior-channels-huge", "dims", |v| {
            model(v, "prior")["inputs"][0]["dims"][1] = json!(1u64 << 40)
        }),
        ("upsample-huge", "upsample", |v| {
            model(v, "vocoder")["upsample"] = json!(1u64 << 40)
        }),
        ("chunk-huge", "window", |v| {
            model(v, "decoder")["chunk"]["size"] = json!(1u64 << 40)
        }),
        ("edge-pad-huge", "edge padding", |v| {
            model(v, "vocoder")["edge_pad"] = json!(1u64 << 40)
        }),
        ("id-huge", "has id", |v| {
            v["phonemes"]["ids"]["a"] = json!(1i64 << 40)
        }),
        ("id-negative", "has id", |v| {
            v["phonemes"]["ids"]["a"] = json!(-5)
        }),
        ("id-beyond-embedding", "embedding", |v| {
            v["phonemes"]["ids"]["a"] = json!(5000)
        }),
    ];
    for (name, subject, edit) in cases {
        let dir = hostile_pack(name, edit);
        let out = common::tmp("hostile", &format!("{name}.wav"));
        let mut cmd = common::sotto_command();
        cmd.args(["say", "Hello there.", "-o"])
            .arg(&out)
            .arg("--voice")
            .arg(&dir);
        let o = cmd.output().unwrap();
        assert_clear_error(&o, name, subject);
    }
}

/// A 16-bit mono WAV header (and a few samples) with the given fields.
fn wav(rate: u32, channels: u16, bits: u16, format: u16, data_len: u32) -> Vec<u8> {
    let mut h = Vec::new();
    h.extend_from_slice(b"RIFF");
    h.extend_from_slice(&(36 + 64u32).to_le_bytes());
    h.extend_from_slice(b"WAVEfmt ");
    h.extend_from_slice(&16u32.to_le_bytes());
    h.extend_from_slice(&format.to_le_bytes());
    h.extend_from_slice(&channels.to_le_bytes());
    h.extend_from_slice(&rate.to_le_bytes());
    let block = (channels as u32 * bits as u32 / 8).max(1);
    h.extend_from_slice(&rate.wrapping_mul(block).to_le_bytes());
    h.extend_from_slice(&(block as u16).to_le_bytes());
    h.extend_from_slice(&bits.to_le_bytes());
    h.extend_from_slice(b"data");
    h.extend_from_slice(&data_len.to_le_bytes());
    h.extend_from_slice(&[0x11; 64]);
    h
}

fn resynth(input: &Path, name: &str) -> Output {
    let out = common::tmp("hostile", &format!("{name}.out.wav"));
    let mut cmd = common::sotto_command();
    cmd.arg("resynth")
        .arg(input)
        .arg("-o")
        .arg(&out)
        .arg("--voice")
        .arg(common::tiny_voice());
    cmd.output().unwrap()
}

#[test]
fn hostile_wav_headers_are_clear_errors() {
    let cases: &[(&str, &str, Vec<u8>)] = &[
        ("rate-1hz", "sample rate 1 Hz", wav(1, 1, 16, 1, 64)),
        (
            "rate-4mhz",
            "sample rate 4000000 Hz",
            wav(4_000_000, 1, 16, 1, 64),
        ),
        ("rate-max", "not a usable WAV", wav(u32::MAX, 1, 16, 1, 64)),
        ("rate-zero", "zero sample rate", wav(0, 1, 16, 1, 64)),
        ("channels-zero", "zero channels", wav(22050, 0, 16, 1, 64)),
        ("bits-64", "64-bit samples", wav(22050, 1, 64, 1, 64)),
        ("float-16", "bits per sample", wav(22050, 1, 16, 3, 64)),
        ("format-odd", "unsupported WAV", wav(22050, 1, 16, 0x55, 64)),
    ];
    for (name, subject, bytes) in cases {
        let input = common::tmp("hostile", &format!("{name}.wav"));
        std::fs::write(&input, bytes).unwrap();
        let o = resynth(&input, name);
        assert_clear_error(&o, name, subject);
        assert!(
            common::stderr(&o).contains(&format!("{name}.wav")),
            "{name}: names the file"
        );
    }
}

#[test]
fn odd_but_valid_wav_headers_are_read() {
    let cases: &[(&str, Vec<u8>)] = &[
        ("many-channels", wav(22050, 64, 16, 1, 64)),
        ("data-len-lies", wav(16000, 1, 16, 1, u32::MAX)),
        ("rate-low", wav(1000, 1, 16, 1, 64)),
    ];
    for (name, bytes) in cases {
        let input = common::tmp("hostile", &format!("{name}.wav"));
        std::fs::write(&input, bytes).unwrap();
        let o = resynth(&input, name);
        let code = o.status.code();
        assert!(
            code == Some(0) || (code == Some(1) && common::stderr(&o).contains("error:")),
            "{name}: {:?} {}",
            o.status,
            common::stderr(&o)
        );
    }
}

#[test]
fn pack_problems_are_bad_pack_errors_naming_the_manifest_field() {
    use sotto::{ErrorKind, Voice, VoiceOptions};
    let dir = hostile_pack("symbol-two-chars", &|v| {
        v["phonemes"]["ids"]["ab"] = json!(3);
    });
    let e = Voice::open(&dir, &VoiceOptions::default()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadPack, "{e}");
    let msg = e.to_string();
    assert!(
        msg.contains("voice.json") && msg.contains("phonemes.ids"),
        "{msg}"
    );
    let file = dir.join("voice.json");
    let e = Voice::open(&file, &VoiceOptions::default()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadPack, "{e}");
    assert!(e.to_string().contains("not a voice pack directory"), "{e}");
}
