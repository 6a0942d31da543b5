//! Times one layer in tract in f32 and in each int8 form:
//! `cargo run -p sotto-quantize --example forms -- CIN COUT K T [DIL]`.

use std::collections::HashMap;

use sotto_quantize::graph::{self, Form, LayerQuant};
use sotto_quantize::onnx::*;
use sotto_quantize::quant::{quantize_weights, QParams};
use sotto_quantize::runner::plan;
use tract_onnx::pb::{GraphProto, ValueInfoProto};
use tract_onnx::prelude::*;

fn main() {
    let a: Vec<usize> = std::env::args()
        .skip(1)
        .map(|s| s.parse().unwrap())
        .collect();
    let (cin, cout, k, t) = (a[0], a[1], a[2], a[3]);
    let dil = a.get(4).copied().unwrap_or(1) as i64;
    let w: Vec<f32> = (0..cout * cin * k)
        .map(|i| ((i as f32 * 0.37).sin()) * 0.05)
        .collect();
    let b: Vec<f32> = (0..cout).map(|i| (i as f32 * 0.1).cos() * 0.1).collect();
    let pad = dil * (k as i64 - 1) / 2;
    let conv = node(
        "Conv",
        "conv",
        &["x", "w", "b"],
        &["y"],
        vec![
            attr_ints("kernel_shape", &[k as i64]),
            attr_ints("pads", &[pad, pad]),
            attr_ints("dilations", &[dil]),
            attr_int("group", 1),
        ],
    );
    let g = GraphProto {
        node: vec![conv],
        initializer: vec![
            f32_tensor("w", &[cout, cin, k], &w),
            f32_tensor("b", &[cout], &b),
        ],
        input: vec![value_info_f32(
            "x",
            &[Some(1), Some(cin as i64), Some(t as i64)],
        )],
        output: vec![ValueInfoProto {
            name: "y".into(),
            ..Default::default()
        }],
        ..Default::default()
    };
    let m = model_from_graph(g);
    let (layers, _) = graph::find_layers(m.graph.as_ref().unwrap());
    let x: Vec<f32> = (0..cin * t).map(|i| (i as f32 * 0.737).sin()).collect();
    let x = tract_ndarray::ArrayD::from_shape_vec(vec![1, cin, t], x)
        .unwrap()
        .into_tensor();
    let time = |m: &tract_onnx::pb::ModelProto| {
        let mut p = plan(m, std::slice::from_ref(&x), &[], "bench").unwrap();
        let mut best = f64::MAX;
        for _ in 0..3 {
            best = best.min(p.time(std::slice::from_ref(&x), 5).unwrap());
        }
        (best * 1e3, p.op_names.clone())
    };
    let (t32, _) = time(&m);
    println!("f32 conv {cin}->{cout} k{k} d{dil} T{t}: {t32:.3} ms");
    for (label, form, per_channel, xq, yq) in [
        (
            "qlinear u8 zp128",
            Form::Qlinear,
            false,
            QParams {
                scale: 0.01,
                zero_point: 128,
            },
            QParams {
                scale: 0.02,
                zero_point: 128,
            },
        ),
        (
            "qlinear-unfold u8 zp128",
            Form::QlinearUnfold,
            false,
            QParams {
                scale: 0.01,
                zero_point: 128,
            },
            QParams {
                scale: 0.02,
                zero_point: 128,
            },
        ),
        (
            "qlinear u8 zp0 / y zp0",
            Form::Qlinear,
            false,
            QParams {
                scale: 0.01,
                zero_point: 0,
            },
            QParams {
                scale: 0.02,
                zero_point: 0,
            },
        ),
        (
            "qlinear u8 zp0 / y zp128",
            Form::Qlinear,
            false,
            QParams {
                scale: 0.01,
                zero_point: 0,
            },
            QParams {
                scale: 0.02,
                zero_point: 128,
            },
        ),
        (
            "integer+rescale per-channel zp128",
            Form::IntegerRescale,
            true,
            QParams {
                scale: 0.01,
                zero_point: 128,
            },
            QParams {
                scale: 0.02,
                zero_point: 128,
            },
        ),
        (
            "integer+rescale per-tensor zp0",
            Form::IntegerRescale,
            false,
            QParams {
                scale: 0.01,
                zero_point: 0,
            },
            QParams {
                scale: 0.02,
                zero_point: 128,
            },
        ),
    ] {
        let (wq, s) = quantize_weights(&w, cout, per_channel, false);
        let q = LayerQuant {
            form,
            x: xq,
            y: yq,
            wq,
            w_scales: s,
            bias: Some(b.clone()),
        };
        let qm = graph::rewrite(&m, &layers, &HashMap::from([(0, q)]));
        let (tq, _ops) = time(&qm);
        println!("  {label:36} {tq:8.3} ms  x{:.2}", t32 / tq);
        if std::env::var("PROFILE").is_ok() {
            for (n, op, s) in
                sotto_quantize::runner::profile(&qm, std::slice::from_ref(&x), 5).unwrap()
            {
                if s > 1e-5 {
                    println!("      {:8.3} ms {op} {n}", s * 1e3);
                }
            }
        }
    }
}
