//! Mel analysis against the reference computed by an independent numpy/librosa implementation.

mod common;

use sotto::mel::{MelAnalyzer, MelConfig};

/// Largest difference allowed between the Rust and the reference log-mel.
const LOG_MEL_TOLERANCE: f32 = 1e-3;

#[test]
fn log_mel_matches_the_librosa_reference() {
    let (rate, samples) = common::read_wav(&common::fixture("speech.wav"));
    assert_eq!(rate, 22050);
    let bytes = std::fs::read(common::fixture("speech.mel")).unwrap();
    let reference: Vec<f32> = bytes
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    let mel = MelAnalyzer::new(&MelConfig::HIFIGAN_V1)
        .unwrap()
        .analyze(&samples);
    assert_eq!(mel.len(), reference.len());
    assert_eq!(mel.len(), samples.len() / 256 * 80);
    let worst = mel
        .iter()
        .zip(&reference)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0f32, f32::max);
    assert!(worst < LOG_MEL_TOLERANCE, "max |Δ log-mel| = {worst}");
}
