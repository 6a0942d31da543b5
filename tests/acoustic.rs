//! The acoustic model on fixed-size frame windows reproduces a whole-utterance run, and a
//! rendering without noise is deterministic (on the tiny test pack: mechanics, not quality).

mod common;

use std::path::{Path, PathBuf};

use sotto::voice::manifest::Role;
use sotto::{Device, PrecisionPolicy, SpeakOptions, Voice, VoiceOptions};

/// Stitched windows must match one whole-utterance run at least this well (2 steps, whose
/// receptive field the shipped context covers).
const MIN_STITCH_SNR_DB: f64 = 60.0;

/// A copy of the tiny pack whose frame models run as one window of `frames`.
fn whole_utterance_pack(frames: usize) -> PathBuf {
    let src = common::tiny_voice();
    let dir = std::env::temp_dir().join(format!("sotto-whole-{}-{frames}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string(src.join("voice.json")).unwrap();
    let mut manifest: sotto::voice::Manifest = serde_json::from_str(&text).unwrap();
    for m in &mut manifest.models {
        if matches!(m.role, Role::Prior | Role::Decoder) {
            m.chunk.size = frames;
            m.chunk.context = 0;
        }
        let link = dir.join(&m.file);
        if !link.exists() {
            std::os::unix::fs::symlink(src.join(&m.file), &link).unwrap();
        }
    }
    std::fs::write(
        dir.join("voice.json"),
        serde_json::to_string(&manifest).unwrap(),
    )
    .unwrap();
    dir
}

fn render(pack: &Path, text: &str, temperature: f32) -> Vec<f32> {
    let opts = VoiceOptions {
        device: Device::Cpu,
        precision: PrecisionPolicy::Fp32,
        ..VoiceOptions::default()
    };
    let voice = Voice::open(pack, &opts).unwrap();
    let speak = SpeakOptions {
        steps: Some(2),
        temperature: Some(temperature),
        seed: 11,
        ..SpeakOptions::default()
    };
    let mut audio = Vec::new();
    voice
        .speak(text, &speak, &mut |a| {
            audio.extend_from_slice(a);
            Ok(())
        })
        .unwrap();
    audio
}

const TEXT: &str =
    "Please keep your ticket until you leave the station at the end of your journey.";

#[test]
fn stitched_flow_windows_match_a_whole_utterance_run() {
    let chunked = render(&common::tiny_voice(), TEXT, 0.667);
    let frames = chunked.len() / 256;
    let whole = render(&whole_utterance_pack(frames + 8), TEXT, 0.667);
    assert_eq!(whole.len(), chunked.len());
    let snr = common::snr_db(&whole, &chunked);
    eprintln!("stitched flow SNR {snr:.1} dB over {frames} frames");
    assert!(snr >= MIN_STITCH_SNR_DB, "stitched SNR {snr:.1} dB");
}

#[test]
fn rendering_without_noise_is_deterministic() {
    let a = render(&common::tiny_voice(), TEXT, 0.0);
    let b = render(&common::tiny_voice(), TEXT, 0.0);
    assert_eq!(a, b);
}
