//! Measures log-mel analysis of one second of 22050 Hz audio (HiFi-GAN V1 configuration).

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use sotto::mel::{MelAnalyzer, MelConfig};

fn mel_one_second(c: &mut Criterion) {
    let signal: Vec<f32> = (0..22050)
        .map(|i| (i as f32 * 0.05).sin() * 0.3 + (i as f32 * 0.31).cos() * 0.1)
        .collect();
    let mut analyzer = MelAnalyzer::new(&MelConfig::HIFIGAN_V1).unwrap();
    c.bench_function("mel/1s", |b| {
        b.iter(|| analyzer.analyze(black_box(&signal)))
    });
}

criterion_group!(benches, mel_one_second);
criterion_main!(benches);
