//! Times a vocoder of a voice pack in tract: load time and single-thread real-time factor
//! over a WAV file's mel, streamed in the pack's windows. Prints one JSON line.
//!
//! `cargo run --release --example bench_vocoder -- VOICE_DIR VOCODER WAV [REPEATS]`

use std::time::Instant;

use anyhow::{Context, Result};
use sotto::mel::MelAnalyzer;
use sotto::net::cpu_runtime;
use sotto::vocoder::Vocoder;
use sotto::voice::VoicePack;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    anyhow::ensure!(
        args.len() >= 4,
        "usage: bench_vocoder VOICE_DIR VOCODER WAV [REPEATS]"
    );
    let repeats: usize = args.get(4).map_or(Ok(3), |s| s.parse())?;
    let t0 = Instant::now();
    let pack = VoicePack::open(&args[1])?;
    let entry = pack
        .manifest()
        .vocoder(&args[2], None)
        .context("no such vocoder")?
        .clone();
    let mut vocoder = Vocoder::load(&pack, &entry, cpu_runtime())?;
    let load = t0.elapsed().as_secs_f64();
    let mut reader = hound::WavReader::open(&args[3])?;
    let samples: Vec<f32> = reader
        .samples::<i16>()
        .map(|s| s.map(|v| v as f32 / 32768.0))
        .collect::<Result<_, _>>()?;
    let mel = MelAnalyzer::new(&pack.manifest().mel)?.analyze(&samples);
    let mut best = f64::MAX;
    let mut produced = 0;
    for _ in 0..repeats {
        let t = Instant::now();
        produced = 0;
        vocoder.push(&mel, &mut |a| {
            produced += a.len();
            Ok(())
        })?;
        vocoder.finish(&mut |a| {
            produced += a.len();
            Ok(())
        })?;
        best = best.min(t.elapsed().as_secs_f64());
    }
    let audio = produced as f64 / pack.manifest().sample_rate as f64;
    println!(
        "{{\"engine\":\"tract\",\"vocoder\":\"{}\",\"load_s\":{load:.4},\"audio_s\":{audio:.3},\"best_s\":{best:.4},\"rtf\":{:.4},\"window\":{}}}",
        args[2],
        best / audio,
        entry.chunk.window()
    );
    Ok(())
}
