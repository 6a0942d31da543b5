//! Voice-pack validation names the problem: missing file, checksum mismatch, wrong version,
//! corrupt model, graph inputs that differ from the manifest.

mod common;
mod latent;

use std::path::{Path, PathBuf};

use sotto::synth::{LoadOptions, Synthesizer};
use sotto::voice::checksums::SETTLE;
use sotto::voice::{Checksums, Precision, VoicePack};

/// A private copy of the tiny pack, edited by `edit` (file name → new bytes, or the manifest).
fn pack_copy(name: &str, edit: impl FnOnce(&Path)) -> PathBuf {
    let src = common::tiny_voice();
    let dir = std::env::temp_dir().join(format!("sotto-pack-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for e in std::fs::read_dir(&src).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    edit(&dir);
    dir
}

fn edit_manifest(dir: &Path, f: impl FnOnce(&mut serde_json::Value)) {
    let path = dir.join("voice.json");
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    f(&mut v);
    std::fs::write(&path, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
}

/// Replaces `file` with `bytes` and records its new checksum, so only its content is wrong.
fn replace_keeping_checksum(dir: &Path, file: &str, bytes: &[u8]) {
    std::fs::write(dir.join(file), bytes).unwrap();
    let digest = sotto::voice::checksums::sha256_file(&dir.join(file)).unwrap();
    edit_manifest(dir, |v| {
        for m in v["models"].as_array_mut().unwrap() {
            if m["file"] == file {
                m["sha256"] = digest.clone().into();
            }
        }
    });
}

fn load_error(dir: &Path) -> String {
    let pack = match VoicePack::open(dir) {
        Ok(p) => p,
        Err(e) => return e.to_string(),
    };
    let opts = LoadOptions {
        precision: Precision::Fp32,
        vocoder: None,
        device: sotto::device::Device::Cpu,
        user_lexicon: None,
    };
    match Synthesizer::load(&pack, &opts) {
        Ok(_) => panic!("{} loaded", dir.display()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn the_tiny_pack_loads() {
    let pack = VoicePack::open(common::tiny_voice()).unwrap();
    let opts = LoadOptions {
        precision: Precision::Fp32,
        vocoder: None,
        device: sotto::device::Device::Cpu,
        user_lexicon: None,
    };
    Synthesizer::load(&pack, &opts).unwrap();
}

#[test]
fn a_missing_manifest_or_directory_is_named() {
    let e = load_error(Path::new("/nonexistent/sotto-voice"));
    assert!(e.contains("no such directory"), "{e}");
    let dir = pack_copy("no-manifest", |d| {
        std::fs::remove_file(d.join("voice.json")).unwrap()
    });
    assert!(load_error(&dir).contains("missing voice.json"));
}

#[test]
fn a_missing_model_file_is_named() {
    let dir = pack_copy("missing", |d| {
        std::fs::remove_file(d.join("decoder.onnx")).unwrap()
    });
    let e = load_error(&dir);
    assert!(e.contains("missing file decoder.onnx"), "{e}");
}

#[test]
fn a_checksum_mismatch_is_named() {
    let dir = pack_copy("checksum", |d| {
        let mut bytes = std::fs::read(d.join("prior.onnx")).unwrap();
        let n = bytes.len();
        bytes[n / 2] ^= 0x55;
        std::fs::write(d.join("prior.onnx"), bytes).unwrap();
    });
    let e = load_error(&dir);
    assert!(e.contains("checksum mismatch for prior.onnx"), "{e}");
}

#[test]
fn a_model_corrupted_after_a_load_is_named_at_the_next() {
    let records = std::env::temp_dir().join(format!("sotto-records-{}", std::process::id()));
    let dir = pack_copy("corrupted-later", |_| {});
    let open = || {
        VoicePack::open(&dir)
            .unwrap()
            .with_checksums(Checksums::Remembered(records.clone()))
    };
    let loads = |pack: &VoicePack| {
        let opts = LoadOptions::cpu_fp32();
        Synthesizer::load(pack, &opts).map(|_| ())
    };
    loads(&open()).unwrap();
    let mut bytes = std::fs::read(dir.join("decoder.onnx")).unwrap();
    let n = bytes.len();
    bytes[n / 2] ^= 0x55;
    std::fs::write(dir.join("decoder.onnx"), bytes).unwrap();
    let e = loads(&open()).unwrap_err().to_string();
    assert!(e.contains("checksum mismatch for decoder.onnx"), "{e}");
}

#[test]
fn remembered_checksums_record_each_settled_model_file() {
    let records = std::env::temp_dir().join(format!("sotto-settled-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&records);
    let pack = VoicePack::open(common::tiny_voice())
        .unwrap()
        .with_checksums(Checksums::Remembered(records.clone()));
    let mut files: Vec<&str> = pack
        .manifest()
        .models
        .iter()
        .map(|m| m.file.as_str())
        .collect();
    files.sort_unstable();
    files.dedup();
    for _ in 0..2 {
        for m in &pack.manifest().models {
            pack.model_path(m).unwrap();
        }
    }
    let settled = files
        .iter()
        .filter(|f| {
            let meta = std::fs::metadata(pack.dir().join(f)).unwrap();
            let last = meta.modified().unwrap().max(changed(&meta));
            last.elapsed().is_ok_and(|age| age >= SETTLE)
        })
        .count();
    let recorded = std::fs::read_dir(&records).map_or(0, |d| d.count());
    assert_eq!(recorded, settled, "{files:?}");
}

/// The status-change time of a file (its modification time where there is none).
fn changed(meta: &std::fs::Metadata) -> std::time::SystemTime {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let nanos = u32::try_from(meta.ctime_nsec()).unwrap_or(0);
        if let Ok(secs) = u64::try_from(meta.ctime()) {
            return std::time::UNIX_EPOCH + std::time::Duration::new(secs, nanos);
        }
    }
    meta.modified().unwrap()
}

#[test]
fn an_unsupported_format_version_is_named() {
    let dir = pack_copy("version", |d| edit_manifest(d, |v| v["format"] = 99.into()));
    let e = load_error(&dir);
    assert!(e.contains("format 99 is not supported"), "{e}");
}

#[test]
fn windows_beyond_the_bound_are_refused_before_any_allocation() {
    for (name, chunk, edge_pad) in [
        (
            "huge-window",
            serde_json::json!({"size": 1u64 << 40, "context": 0}),
            0,
        ),
        (
            "overflowing-context",
            serde_json::json!({"size": 1, "context": u64::MAX / 2 + 1}),
            0,
        ),
        (
            "huge-edge-pad",
            serde_json::json!({"size": 64, "context": 8}),
            1u64 << 30,
        ),
    ] {
        let dir = pack_copy(name, |d| {
            edit_manifest(d, |v| {
                let m = &mut v["models"][0];
                m["chunk"] = chunk;
                m["edge_pad"] = edge_pad.into();
            })
        });
        let e = load_error(&dir);
        assert!(e.contains("beyond"), "{name}: {e}");
    }
}

#[test]
fn a_lead_outside_its_chunk_is_refused() {
    for (name, lead) in [("lead-zero", 0u64), ("lead-past-size", 129)] {
        let dir = pack_copy(name, |d| {
            edit_manifest(d, |v| {
                v["models"][0]["chunk"] =
                    serde_json::json!({"size": 128, "context": 8, "lead": lead});
            })
        });
        let e = load_error(&dir);
        assert!(e.contains("lead") && e.contains("1..=128"), "{name}: {e}");
    }
}

#[test]
fn edge_padding_on_a_model_that_is_not_a_vocoder_is_refused() {
    let dir = pack_copy("edge-pad-encoder", |d| {
        edit_manifest(d, |v| {
            for m in v["models"].as_array_mut().unwrap() {
                if m["role"] == "encoder" {
                    m["edge_pad"] = 8.into();
                }
            }
        })
    });
    let e = load_error(&dir);
    assert!(e.contains("only a vocoder takes edge padding"), "{e}");
}

#[test]
fn a_manifest_that_is_not_json_is_named() {
    let dir = pack_copy("garbage", |d| {
        std::fs::write(d.join("voice.json"), b"\xff\xfe{{not json").unwrap()
    });
    let e = load_error(&dir);
    assert!(e.contains("voice.json"), "{e}");
}

#[test]
fn a_corrupt_model_with_a_matching_checksum_is_named() {
    let dir = pack_copy("corrupt", |d| {
        replace_keeping_checksum(d, "encoder.onnx", b"this is not a protobuf at all")
    });
    let e = load_error(&dir);
    assert!(
        e.contains("encoder.onnx") && e.contains("not a loadable ONNX model"),
        "{e}"
    );
}

#[test]
fn graph_inputs_that_differ_from_the_manifest_are_named() {
    let dir = pack_copy("inputs", |d| {
        edit_manifest(d, |v| {
            for m in v["models"].as_array_mut().unwrap() {
                if m["file"] == "prior.onnx" {
                    m["inputs"][0]["name"] = "features".into();
                }
            }
        })
    });
    let e = load_error(&dir);
    assert!(
        e.contains("prior.onnx") && e.contains("do not match the manifest"),
        "{e}"
    );
}

#[test]
fn a_model_swapped_for_another_role_is_named() {
    let dir = pack_copy("swapped", |d| {
        let prior = std::fs::read(d.join("prior.onnx")).unwrap();
        replace_keeping_checksum(d, "decoder.onnx", &prior)
    });
    let e = load_error(&dir);
    assert!(
        e.contains("decoder.onnx") && e.contains("do not match"),
        "{e}"
    );
}

#[test]
fn a_path_escaping_the_pack_is_refused() {
    let dir = pack_copy("escape", |d| {
        edit_manifest(d, |v| v["models"][0]["file"] = "../../etc/passwd".into())
    });
    let e = load_error(&dir);
    assert!(e.contains("plain name inside the pack"), "{e}");
}

/// Edits the manifest entry of `file` in a private copy of the tiny pack.
fn entry_edited(name: &str, file: &'static str, f: impl FnOnce(&mut serde_json::Value)) -> PathBuf {
    pack_copy(name, |d| {
        edit_manifest(d, |v| {
            let m = v["models"]
                .as_array_mut()
                .unwrap()
                .iter_mut()
                .find(|m| m["file"] == file)
                .unwrap();
            f(m)
        })
    })
}

#[test]
fn an_input_declared_with_another_type_than_the_graphs_is_refused_at_open() {
    let dir = entry_edited("ids-f32", "encoder.onnx", |m| {
        m["inputs"][0]["dtype"] = "f32".into();
    });
    let e = load_error(&dir);
    assert!(
        e.contains("encoder.onnx") && e.contains("ids") && e.contains("declares f32"),
        "{e}"
    );
}

#[test]
fn a_fixed_time_axis_that_is_not_the_window_is_refused_at_open() {
    let dir = entry_edited("fixed-time", "encoder.onnx", |m| {
        m["inputs"][0]["dims"][1] = 64.into();
        m["inputs"][1]["dims"][2] = 64.into();
    });
    let e = load_error(&dir);
    assert!(
        e.contains("encoder.onnx") && e.contains("output h gives"),
        "{e}"
    );
}

#[test]
fn an_inverse_stft_the_vocoder_does_not_produce_is_refused_at_open() {
    let dir = entry_edited("istft-2048", "vocoder-small.onnx", |m| {
        m["istft"]["n_fft"] = 2048.into();
    });
    let e = load_error(&dir);
    assert!(
        e.contains("vocoder-small.onnx") && e.contains("n_fft 2048"),
        "{e}"
    );
}

#[test]
fn a_window_or_edge_padding_that_would_make_a_short_sentence_ruinous_is_refused() {
    use sotto::voice::pack::{MAX_DECLARED_WINDOW, MAX_EDGE_PAD};
    let dir = entry_edited("wide-window", "vocoder-small.onnx", |m| {
        m["chunk"] = serde_json::json!({"size": 4048, "context": 24});
    });
    let e = load_error(&dir);
    assert!(
        e.contains("vocoder-small.onnx") && e.contains("beyond"),
        "{e}"
    );
    let dir = entry_edited("long-edge", "vocoder-small.onnx", |m| {
        m["edge_pad"] = 16384.into();
    });
    let e = load_error(&dir);
    assert!(e.contains("edge padding") && e.contains("beyond"), "{e}");
    let dir = entry_edited("at-the-bounds", "vocoder-small.onnx", |m| {
        m["chunk"] = serde_json::json!({"size": MAX_DECLARED_WINDOW - 48, "context": 24});
        m["edge_pad"] = MAX_EDGE_PAD.into();
    });
    let pack = VoicePack::open(&dir).unwrap();
    Synthesizer::load(&pack, &LoadOptions::cpu_fp32()).unwrap();
}
