//! Measures one vocoder window (the shipped pack's chunk plus context) for each vocoder of the
//! shipped voice, single-threaded, from log-mel frames to the window's audio samples (a declared
//! lead window is left out: one full window each).

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};
use sotto::net::cpu_runtime;
use sotto::vocoder::Vocoder;
use sotto::voice::VoicePack;

fn vocoder_window(c: &mut Criterion) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../models/voices/joe");
    let pack = VoicePack::open(dir).unwrap();
    let m = pack.manifest().clone();
    for entry in m
        .models
        .iter()
        .filter(|e| e.role == sotto::voice::Role::Vocoder)
    {
        let mut entry = entry.clone();
        entry.chunk.lead = None;
        let mut v = Vocoder::load(&pack, &entry, cpu_runtime()).unwrap();
        let frames = entry.chunk.window();
        let mel: Vec<f32> = (0..frames * m.mel.n_mels)
            .map(|i| -6.0 + (i as f32 * 0.37).sin() * 2.0)
            .collect();
        let name = format!(
            "vocoder/{}-{:?}/{}-frame window",
            entry.name, entry.precision, frames
        );
        c.bench_function(&name, |b| {
            b.iter(|| {
                let mut n = 0;
                v.push(&mel, &mut |a| {
                    n += a.len();
                    Ok(())
                })
                .unwrap();
                v.finish(&mut |a| {
                    n += a.len();
                    Ok(())
                })
                .unwrap();
                n
            })
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = vocoder_window
}
criterion_main!(benches);
