//! Measures the shipped voice's acoustic model on one sentence, single-threaded, from phoneme
//! ids to log-mel frames (encoder, length regulation, prior and flow decoder on the pack's frame
//! windows), for 1, 2 and 4 flow steps.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};
use sotto::acoustic::{AcousticModel, Settings};
use sotto::net::cpu_runtime;
use sotto::synth::{LoadOptions, Synthesizer};
use sotto::voice::{Interface, Precision, VoicePack};

const SENTENCE: &str = "The next bus to the central station leaves in twelve minutes.";

fn acoustic_sentence(c: &mut Criterion) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../models/voices/joe");
    let pack = VoicePack::open(dir).unwrap();
    let synth = Synthesizer::load(&pack, &LoadOptions::cpu_fp32()).unwrap();
    let ids = synth.ids(SENTENCE).unwrap();
    let mut model =
        AcousticModel::load(&pack, cpu_runtime(), Precision::Fp32, Interface::Mel).unwrap();
    for steps in [1, 2, 4] {
        let settings = Settings {
            steps,
            ..*synth.settings()
        };
        c.bench_function(&format!("acoustic/one sentence/{steps} steps"), |b| {
            b.iter(|| model.synthesize(&ids, &settings, &mut |_| Ok(())).unwrap())
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = acoustic_sentence
}
criterion_main!(benches);
