//! Times the acoustic model of a voice pack in tract (encoder, prior and flow decoder; no
//! vocoder): single-thread real-time factor over the sentences of a TSV file, for each number of
//! flow steps asked for. Prints one JSON line per step count.
//!
//! `cargo run --release --example bench_acoustic -- VOICE_DIR SENTENCES.tsv [STEPS...]`

use std::time::Instant;

use anyhow::{Context, Result};
use sotto::acoustic::{AcousticModel, Settings};
use sotto::net::cpu_runtime;
use sotto::synth::{LoadOptions, Synthesizer};
use sotto::voice::{Interface, Precision, VoicePack};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    anyhow::ensure!(
        args.len() >= 3,
        "usage: bench_acoustic VOICE_DIR SENTENCES.tsv [STEPS...]"
    );
    let pack = VoicePack::open(&args[1])?;
    let steps: Vec<usize> = if args.len() > 3 {
        args[3..]
            .iter()
            .map(|s| s.parse())
            .collect::<Result<_, _>>()?
    } else {
        vec![1, 2, 4, 8]
    };
    let synth = Synthesizer::load(&pack, &LoadOptions::cpu_fp32())?;
    let text = std::fs::read_to_string(&args[2]).with_context(|| args[2].clone())?;
    let utterances: Vec<Vec<i64>> = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').nth(1))
        .map(|t| synth.ids(t))
        .collect::<Result<_, _>>()?;
    let t0 = Instant::now();
    let mut model = AcousticModel::load(&pack, cpu_runtime(), Precision::Fp32, Interface::Mel)?;
    let load = t0.elapsed().as_secs_f64();
    let hop = pack.manifest().mel.hop as f64 / pack.manifest().sample_rate as f64;
    for &n in &steps {
        let settings = Settings {
            steps: n,
            ..*synth.settings()
        };
        let t = Instant::now();
        let mut frames = 0;
        for ids in utterances.iter().filter(|ids| !ids.is_empty()) {
            frames += model.synthesize(ids, &settings, &mut |_| Ok(()))?;
        }
        let took = t.elapsed().as_secs_f64();
        let audio = frames as f64 * hop;
        println!(
            "{{\"steps\":{n},\"load_s\":{load:.4},\"audio_s\":{audio:.2},\"took_s\":{took:.3},\"rtf\":{:.4}}}",
            took / audio
        );
    }
    Ok(())
}
