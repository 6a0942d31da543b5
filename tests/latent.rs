//! The latent interface: a vocoder taking latent frames pulls the prior and decoder that make
//! them (or a one-output prior that makes them alone, with the encoder declared for the
//! interface), denormalised per channel; packs that pair an interface with nothing, or that
//! declare latent models without a `latent` section, are refused by name (tiny test pack:
//! mechanics, not quality). A module of the `pack` test binary.

use std::path::{Path, PathBuf};

use sotto::synth::{LoadOptions, Synthesizer};
use sotto::voice::{Interface, Role, VoicePack};
use sotto::{Device, PrecisionPolicy, SpeakOptions, Voice, VoiceOptions};

use crate::common;

/// Lowest SNR of the direct path's audio with lead windows against the same pack without them
/// (both stitch exact windows; only summation order differs).
const MIN_LEAD_SNR_DB: f64 = 60.0;

const TEXT: &str = "Doors closing at platform three. Please stand clear.";
const LATENT_VOCODER: &str = "small-latent";

fn options(vocoder: Option<&str>) -> LoadOptions<'_> {
    LoadOptions {
        vocoder,
        ..LoadOptions::cpu_fp32()
    }
}

fn speak(dir: &Path, vocoder: Option<&str>) -> Vec<f32> {
    speak_with(dir, vocoder, &SpeakOptions::default())
}

fn speak_with(dir: &Path, vocoder: Option<&str>, speak: &SpeakOptions) -> Vec<f32> {
    let opts = VoiceOptions {
        device: Device::Cpu,
        precision: PrecisionPolicy::Fp32,
        vocoder: vocoder.map(str::to_string),
        ..VoiceOptions::default()
    };
    let voice = Voice::open(dir, &opts).unwrap();
    let mut audio = Vec::new();
    voice
        .speak(TEXT, speak, &mut |a| {
            audio.extend_from_slice(a);
            Ok(())
        })
        .unwrap();
    audio
}

fn load_error_with(dir: &Path, vocoder: Option<&str>) -> String {
    let pack = match VoicePack::open(dir) {
        Ok(p) => p,
        Err(e) => return e.to_string(),
    };
    match Synthesizer::load(&pack, &options(vocoder)) {
        Ok(_) => panic!("{} loaded", dir.display()),
        Err(e) => e.to_string(),
    }
}

/// A private copy of the tiny pack with its manifest edited by `edit`.
fn pack_copy(name: &str, edit: impl FnOnce(&mut serde_json::Value)) -> PathBuf {
    super::pack_copy(&format!("latent-{name}"), |dir| {
        super::edit_manifest(dir, edit)
    })
}

fn models(v: &mut serde_json::Value) -> &mut Vec<serde_json::Value> {
    v["models"].as_array_mut().unwrap()
}

#[test]
fn a_latent_vocoder_loads_the_acoustic_models_of_its_interface() {
    let pack = VoicePack::open(common::tiny_voice()).unwrap();
    let synth = Synthesizer::load(&pack, &options(Some(LATENT_VOCODER))).unwrap();
    let files: Vec<&str> = synth.models().iter().map(|m| m.file.as_str()).collect();
    assert_eq!(
        files,
        [
            "encoder.onnx",
            "prior-latent.onnx",
            "decoder-latent.onnx",
            "vocoder-latent.onnx"
        ]
    );
    let mel = Synthesizer::load(&pack, &options(None)).unwrap();
    let files: Vec<&str> = mel.models().iter().map(|m| m.file.as_str()).collect();
    assert_eq!(
        files,
        [
            "encoder.onnx",
            "prior.onnx",
            "decoder.onnx",
            "vocoder-small.onnx"
        ]
    );
}

#[test]
fn the_latent_path_speaks_the_same_length_as_the_mel_path() {
    let dir = common::tiny_voice();
    let latent = speak(&dir, Some(LATENT_VOCODER));
    let mel = speak(&dir, None);
    assert!(latent.iter().all(|s| s.is_finite()));
    assert!(
        latent.iter().any(|&s| s != 0.0),
        "the latent path made silence"
    );
    // One encoder, so one set of durations: both paths last exactly as long.
    assert_eq!(latent.len(), mel.len());
    assert_ne!(latent, mel);
}

#[test]
fn the_latent_path_is_deterministic_for_a_seed() {
    let dir = common::tiny_voice();
    assert_eq!(
        speak(&dir, Some(LATENT_VOCODER)),
        speak(&dir, Some(LATENT_VOCODER))
    );
}

#[test]
fn latent_frames_are_denormalised_per_channel() {
    // Doubling one channel's std changes the audio; the mel path does not read it.
    let scaled = pack_copy("scaled", |v| {
        let std = v["latent"]["std"].as_array_mut().unwrap();
        std[3] = (std[3].as_f64().unwrap() * 2.0).into();
    });
    let base = common::tiny_voice();
    assert_ne!(
        speak(&scaled, Some(LATENT_VOCODER)),
        speak(&base, Some(LATENT_VOCODER))
    );
    assert_eq!(speak(&scaled, None), speak(&base, None));
}

#[test]
fn a_vocoder_whose_interface_no_acoustic_model_speaks_is_refused() {
    let dir = pack_copy("unpaired", |v| {
        models(v).retain(|m| !(m["interface"] == "latent" && m["role"] != "vocoder"));
    });
    let err = load_error_with(&dir, Some(LATENT_VOCODER));
    assert!(
        err.contains("latent") && err.contains("prior"),
        "unexpected error: {err}"
    );
    speak(&dir, None);
}

#[test]
fn latent_models_without_a_latent_section_are_refused() {
    let dir = pack_copy("no-section", |v| {
        v.as_object_mut().unwrap().remove("latent");
    });
    let err = load_error_with(&dir, None);
    assert!(
        err.contains("latent") && err.contains("section"),
        "unexpected error: {err}"
    );
}

#[test]
fn a_latent_section_that_does_not_match_its_channels_is_refused() {
    let dir = pack_copy("short-std", |v| {
        v["latent"]["std"].as_array_mut().unwrap().pop();
    });
    let err = load_error_with(&dir, None);
    assert!(err.contains("latent.std"), "unexpected error: {err}");
    let dir = pack_copy("zero-std", |v| {
        v["latent"]["std"][0] = 0.0.into();
    });
    let err = load_error_with(&dir, None);
    assert!(err.contains("latent.std"), "unexpected error: {err}");
    let dir = pack_copy("other-hop", |v| {
        v["latent"]["hop"] = 128.into();
    });
    let err = load_error_with(&dir, None);
    assert!(err.contains("latent.hop"), "unexpected error: {err}");
}

#[test]
fn a_latent_vocoder_declared_with_mel_width_is_refused() {
    let dir = pack_copy("mel-width", |v| {
        for m in models(v) {
            if m["file"] == "vocoder-latent.onnx" {
                m["inputs"][0]["dims"][1] = 80.into();
            }
        }
    });
    let err = load_error_with(&dir, Some(LATENT_VOCODER));
    assert!(
        err.contains("vocoder-latent.onnx") && err.contains("latent vocoder"),
        "unexpected error: {err}"
    );
}

#[test]
fn the_manifest_reads_each_models_interface() {
    let pack = VoicePack::open(common::tiny_voice()).unwrap();
    let m = pack.manifest();
    let latent: Vec<(Role, &str)> = m
        .models
        .iter()
        .filter(|e| e.interface == Interface::Latent)
        .map(|e| (e.role, e.file.as_str()))
        .collect();
    assert_eq!(
        latent,
        [
            (Role::Prior, "prior-latent.onnx"),
            (Role::Decoder, "decoder-latent.onnx"),
            (Role::Vocoder, "vocoder-latent.onnx")
        ]
    );
    let space = m.frame_space(Interface::Latent).unwrap();
    assert_eq!((space.channels, space.silence), (8, 0.0));
    assert_eq!(m.frame_space(Interface::Mel).unwrap().channels, 80);
}

#[test]
fn resynthesis_refuses_a_latent_vocoder() {
    let out = common::tmp("latent", "resynth.wav");
    let o = common::sotto_command()
        .args(["resynth"])
        .arg(common::fixture("speech.wav"))
        .arg("-o")
        .arg(&out)
        .args(["--voice"])
        .arg(common::tiny_voice())
        .args(["--vocoder", LATENT_VOCODER])
        .output()
        .unwrap();
    assert!(!o.status.success());
    let err = common::stderr(&o);
    assert!(
        err.contains("takes latent frames") && err.contains("choose a mel vocoder (small)"),
        "unexpected error: {err}"
    );
}

/// A copy of the tiny pack whose latent path is the direct form (tests/fixtures/tiny-direct): its
/// own latent encoder and a prior with one output, the latent prior and decoder removed.
fn direct_pack(name: &str) -> PathBuf {
    direct_pack_with(name, |_| {})
}

/// [`direct_pack`] with its manifest then edited by `edit`.
fn direct_pack_with(name: &str, edit: impl FnOnce(&mut serde_json::Value)) -> PathBuf {
    let direct = common::fixture("tiny-direct");
    super::pack_copy(&format!("direct-{name}"), |dir| {
        let mut entries: Vec<serde_json::Value> =
            serde_json::from_slice(&std::fs::read(direct.join("entries.json")).unwrap()).unwrap();
        for e in &mut entries {
            let file = e["file"].as_str().unwrap().to_string();
            std::fs::copy(direct.join(&file), dir.join(&file)).unwrap();
            let digest = sotto::voice::checksums::sha256_file(&dir.join(&file)).unwrap();
            e["sha256"] = digest.into();
        }
        super::edit_manifest(dir, |v| {
            models(v).retain(|m| {
                !(m["interface"] == "latent" && (m["role"] == "prior" || m["role"] == "decoder"))
            });
            models(v).extend(entries);
            edit(v);
        });
    })
}

#[test]
fn a_prior_with_one_output_makes_the_frames_without_a_decoder() {
    let dir = direct_pack("files");
    let pack = VoicePack::open(&dir).unwrap();
    let synth = Synthesizer::load(&pack, &options(Some(LATENT_VOCODER))).unwrap();
    let files: Vec<&str> = synth.models().iter().map(|m| m.file.as_str()).collect();
    assert_eq!(
        files,
        [
            "encoder-latent.onnx",
            "flow-latent.onnx",
            "vocoder-latent.onnx"
        ]
    );
    let audio = speak(&dir, Some(LATENT_VOCODER));
    assert!(audio.iter().all(|s| s.is_finite()));
    assert!(
        audio.iter().any(|&s| s != 0.0),
        "the direct path made silence"
    );
}

#[test]
fn the_direct_latent_path_ignores_noise_and_steps() {
    let dir = direct_pack("noise");
    let base = speak(&dir, Some(LATENT_VOCODER));
    let other = SpeakOptions {
        seed: 7,
        ..SpeakOptions::default()
    };
    assert_eq!(speak_with(&dir, Some(LATENT_VOCODER), &other), base);
}

#[test]
fn an_encoder_declared_for_the_latent_interface_times_the_latent_path_alone() {
    let dir = direct_pack("timing");
    let pack = VoicePack::open(&dir).unwrap();
    let mel = Synthesizer::load(&pack, &options(None)).unwrap();
    assert_eq!(mel.models()[0].file, "encoder.onnx");
    // The latent encoder gives one frame more per id than the mel encoder.
    let latent = speak(&dir, Some(LATENT_VOCODER)).len();
    let mel = speak(&dir, None).len();
    assert!(latent > mel, "latent {latent} samples, mel {mel}");
}

#[test]
fn lead_windows_leave_the_direct_latent_audio_unchanged() {
    let base = direct_pack("no-lead");
    let lead = direct_pack_with("lead", |v| {
        for m in models(v) {
            if m["interface"] == "latent" && m["role"] != "encoder" {
                m["chunk"]["lead"] = 20.into();
            }
        }
    });
    let pack = VoicePack::open(&lead).unwrap();
    let leads = pack
        .manifest()
        .models
        .iter()
        .filter(|m| m.chunk.lead.is_some())
        .count();
    assert_eq!(leads, 2, "the flow and the latent vocoder");
    let (want, got) = (
        speak(&base, Some(LATENT_VOCODER)),
        speak(&lead, Some(LATENT_VOCODER)),
    );
    let snr = common::snr_db(&want, &got);
    assert!(snr >= MIN_LEAD_SNR_DB, "lead windows: SNR {snr:.1} dB");
}
