//! The vocoder on fixed-size windows reproduces a whole-utterance run (mel and latent
//! vocoders alike), and leaves silent utterance edges silent.

mod common;

use sotto::mel::MelAnalyzer;
use sotto::net::cpu_runtime;
use sotto::vocoder::Vocoder;
use sotto::voice::manifest::{Chunking, Interface};
use sotto::voice::VoicePack;

/// Stitched windows must match one whole-utterance run at least this well.
const MIN_STITCH_SNR_DB: f64 = 40.0;
/// Where the input is silent at an utterance edge, the output's RMS stays below this (16-bit
/// LSB). Edge padding keeps the small vocoder at ~2; without it the edges hiss at 10-30.
const MAX_EDGE_RMS_LSB: f64 = 8.0;
/// Frames (256 samples) checked at each edge.
const EDGE_FRAMES: usize = 3;

fn vocode(
    pack: &VoicePack,
    name: &str,
    chunk: Option<Chunking>,
    frames: &[f32],
    feed: usize,
) -> Vec<f32> {
    let mut entry = pack.manifest().vocoder(name, None).unwrap().clone();
    if let Some(c) = chunk {
        entry.chunk = c;
    }
    let mut v = Vocoder::load(pack, &entry, cpu_runtime()).unwrap();
    let channels = v.channels();
    let mut out = Vec::new();
    let mut sink = |a: &[f32]| {
        out.extend_from_slice(a);
        Ok(())
    };
    for piece in frames.chunks(feed * channels) {
        v.push(piece, &mut sink).unwrap();
    }
    v.finish(&mut sink).unwrap();
    out
}

/// The teacher's noise-free latent of a held-out corpus sentence (frames x 192, little-endian
/// f32; `models/recipes/latent/make_z_fixture.py`).
fn latent_fixture() -> Vec<f32> {
    std::fs::read(common::fixture("speech.z"))
        .unwrap()
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect()
}

#[test]
fn stitched_windows_match_a_whole_utterance_run_for_every_vocoder() {
    let pack = VoicePack::open(common::shipped_voice()).unwrap();
    let (_, samples) = common::read_wav(&common::fixture("sentence.wav"));
    let mel = MelAnalyzer::new(&pack.manifest().mel)
        .unwrap()
        .analyze(&samples);
    let latent = latent_fixture();
    let names = pack.manifest().vocoders();
    assert!(!names.is_empty(), "the shipped voice has no vocoder");
    for name in names {
        let entry = pack.manifest().vocoder(name, None).unwrap();
        let (input, channels) = match entry.interface {
            Interface::Mel => (&mel, 80),
            Interface::Latent => (&latent, 192),
        };
        let frames = input.len() / channels;
        let edge_pad = entry.edge_pad;
        let whole = vocode(
            &pack,
            name,
            Some(Chunking {
                size: frames + 2 * edge_pad,
                context: 0,
                lead: None,
            }),
            input,
            frames,
        );
        let chunked = vocode(&pack, name, None, input, 7);
        assert_eq!(whole.len(), frames * 256, "{name}");
        let snr = common::snr_db(&whole, &chunked);
        eprintln!("{name}: stitched SNR {snr:.1} dB");
        assert!(snr >= MIN_STITCH_SNR_DB, "{name}: stitched SNR {snr:.1} dB");
    }
}

fn rms_lsb(samples: &[f32]) -> f64 {
    let sum: f64 = samples.iter().map(|&x| (x as f64 * 32768.0).powi(2)).sum();
    (sum / samples.len().max(1) as f64).sqrt()
}

#[test]
fn the_default_vocoder_keeps_silent_utterance_edges_silent() {
    let pack = VoicePack::open(common::shipped_voice()).unwrap();
    let (_, samples) = common::read_wav(&common::fixture("teacher-lights.wav"));
    let edge = EDGE_FRAMES * 256;
    let n = samples.len() / 256 * 256;
    assert!(rms_lsb(&samples[..edge]) < 4.0 && rms_lsb(&samples[n - edge..n]) < 4.0);
    let mel = MelAnalyzer::new(&pack.manifest().mel)
        .unwrap()
        .analyze(&samples);
    let default = pack.manifest().defaults.vocoder.clone();
    let out = vocode(&pack, &default, None, &mel, 7);
    let (head, tail) = (rms_lsb(&out[..edge]), rms_lsb(&out[out.len() - edge..]));
    eprintln!("{default}: edge RMS {head:.1} / {tail:.1} LSB");
    assert!(
        head <= MAX_EDGE_RMS_LSB && tail <= MAX_EDGE_RMS_LSB,
        "{default}: silent edges come out at {head:.1} / {tail:.1} LSB RMS"
    );
}
