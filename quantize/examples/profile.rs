//! Per-node tract profile of an ONNX model on a random f32 input:
//! `cargo run -p sotto-quantize --example profile -- MODEL.onnx 1,80,96`.

use tract_onnx::prelude::*;

fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let m = sotto_quantize::onnx::load_model(std::path::Path::new(&a[0])).unwrap();
    let shape: Vec<usize> = a[1].split(',').map(|s| s.parse().unwrap()).collect();
    let len: usize = shape.iter().product();
    let x: Vec<f32> = (0..len).map(|i| (i as f32 * 0.737).sin()).collect();
    let x = tract_ndarray::ArrayD::from_shape_vec(shape, x)
        .unwrap()
        .into_tensor();
    let prof = sotto_quantize::runner::profile(&m, &[x], 5).unwrap();
    let total: f64 = prof.iter().map(|p| p.2).sum();
    let mut by_op: std::collections::BTreeMap<String, f64> = Default::default();
    for (n, op, s) in &prof {
        *by_op.entry(op.clone()).or_default() += s;
        if std::env::var("ALL").is_ok() && *s > 1e-5 {
            println!("{:9.3} ms {op:30} {n}", s * 1e3);
        }
    }
    let mut v: Vec<_> = by_op.into_iter().collect();
    v.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (op, s) in v.iter().take(15) {
        println!("{:9.3} ms {:5.1}% {op}", s * 1e3, 100.0 * s / total);
    }
    println!("{:9.3} ms total", total * 1e3);
}
