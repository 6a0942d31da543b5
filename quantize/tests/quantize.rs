//! End-to-end checks on tiny graphs built here: the int8 model runs in tract with integer
//! kernels and stays close to f32; bad inputs give errors naming their subject.

use std::collections::HashMap;
use std::path::Path;

use sotto_quantize::graph::{self, Form, LayerQuant};
use sotto_quantize::onnx::*;
use sotto_quantize::quant::{quantize_weights, QParams};
use sotto_quantize::{
    calib, quantize, run_all, snr_outputs, Method, Options, QuantError, Sample, Weights,
};
use tract_onnx::pb::{GraphProto, ModelProto, ValueInfoProto};
use tract_onnx::prelude::*;

/// Deterministic pseudo-random numbers in [-1, 1).
fn noise(n: usize, seed: u64) -> Vec<f32> {
    let mut s = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..n)
        .map(|_| {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((s >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
        })
        .collect()
}

const C: usize = 32;
const H: usize = 96;

/// x[1,C,T] → Conv k3 C→H → LeakyRelu → Conv k1 H→C → + x ; and a MatMul head x^T @ W.
fn tiny_model() -> ModelProto {
    let w1: Vec<f32> = noise(H * C * 3, 1).iter().map(|v| v * 0.2).collect();
    let b1: Vec<f32> = noise(H, 2).iter().map(|v| v * 0.1).collect();
    let w2: Vec<f32> = noise(C * H, 3).iter().map(|v| v * 0.1).collect();
    let b2: Vec<f32> = noise(C, 4).iter().map(|v| v * 0.1).collect();
    let wm: Vec<f32> = noise(C * 24, 5).iter().map(|v| v * 0.2).collect();
    let nodes = vec![
        node(
            "Conv",
            "conv1",
            &["x", "w1", "b1"],
            &["h1"],
            vec![
                attr_ints("kernel_shape", &[3]),
                attr_ints("pads", &[1, 1]),
                attr_int("group", 1),
            ],
        ),
        node(
            "LeakyRelu",
            "act",
            &["h1"],
            &["a1"],
            vec![attr_float("alpha", 0.1)],
        ),
        node(
            "Conv",
            "conv2",
            &["a1", "w2", "b2"],
            &["h2"],
            vec![attr_ints("kernel_shape", &[1])],
        ),
        node("Add", "res", &["h2", "x"], &["r"], vec![]),
        node(
            "Transpose",
            "tr",
            &["r"],
            &["rt"],
            vec![attr_ints("perm", &[0, 2, 1])],
        ),
        node("MatMul", "head", &["rt", "wm"], &["y"], vec![]),
    ];
    let g = GraphProto {
        name: "tiny".into(),
        node: nodes,
        initializer: vec![
            f32_tensor("w1", &[H, C, 3], &w1),
            f32_tensor("b1", &[H], &b1),
            f32_tensor("w2", &[C, H, 1], &w2),
            f32_tensor("b2", &[C], &b2),
            f32_tensor("wm", &[C, 24], &wm),
        ],
        input: vec![value_info_f32("x", &[Some(1), Some(C as i64), None])],
        output: vec![ValueInfoProto {
            name: "y".into(),
            ..Default::default()
        }],
        ..Default::default()
    };
    model_from_graph(g)
}

fn samples(n: usize, t: usize, seed: u64) -> Vec<Sample> {
    (0..n)
        .map(|i| {
            // Smooth-ish signals with channel-dependent scale.
            let raw = noise(C * t, seed + i as u64);
            let v: Vec<f32> = raw
                .iter()
                .enumerate()
                .map(|(j, r)| r * (0.5 + (j / t) as f32 / C as f32) + ((j % t) as f32 * 0.05).sin())
                .collect();
            let x = tract_ndarray::ArrayD::from_shape_vec(vec![1, C, t], v)
                .unwrap()
                .into_tensor();
            Sample {
                name: format!("s{i}"),
                inputs: vec![x],
            }
        })
        .collect()
}

fn quick_opts() -> Options {
    Options {
        timing_reps: 1,
        sensitivity_samples: 1,
        min_snr_db: 30.0,
        ..Options::default()
    }
}

#[test]
fn each_form_is_accurate_and_uses_integer_kernels() {
    let m = tiny_model();
    let (layers, _) = graph::find_layers(m.graph.as_ref().unwrap());
    assert_eq!(
        layers.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(),
        ["conv1", "conv2", "head"]
    );
    let cal = samples(2, 64, 10);
    let reference = run_all(&m, &cal, "f32").unwrap();
    for form in [Form::Qlinear, Form::QlinearUnfold, Form::IntegerRescale] {
        // conv1 alone, ranges from a generous guess (inputs are within ±2, outputs within ±8).
        let l = &layers[0];
        let (wq, s) = quantize_weights(&l.weight.data, l.cout, form == Form::IntegerRescale, false);
        let q = LayerQuant {
            form,
            x: QParams::from_range(-2.5, 2.5),
            y: QParams::from_range(-8.0, 8.0),
            wq,
            w_scales: s,
            bias: l.bias.clone(),
        };
        let qm = graph::rewrite(&m, &layers, &HashMap::from([(0, q)]));
        let out = run_all(&qm, &cal, "int8").unwrap();
        let snr = snr_outputs(&reference, &out);
        assert!(snr > 30.0, "{form:?}: SNR {snr:.1} dB");
        // The integer conv is lowered to tract's matmul kernel (on int8 operands).
        let p = sotto_quantize::runner::plan(&qm, &cal[0].inputs, &[], "int8").unwrap();
        let lowered = p
            .node_names
            .iter()
            .zip(&p.op_names)
            .any(|(n, o)| n.starts_with("conv1.int8") && o == "OptMatMul");
        assert!(
            lowered,
            "{form:?}: {:?}",
            p.node_names.iter().zip(&p.op_names).collect::<Vec<_>>()
        );
        // Re-encoding round-trips.
        let bytes = encode_model(&qm);
        decode_model(&bytes, Path::new("mem")).unwrap();
    }
}

#[test]
fn quantize_meets_snr_threshold_on_held_out() {
    let m = tiny_model();
    let cal = samples(4, 64, 20);
    let held = samples(2, 48, 99);
    for method in [Method::MinMax, Method::Percentile(99.99), Method::Mse] {
        for weights in [Weights::PerTensor, Weights::Auto] {
            let opts = Options {
                method,
                weights,
                max_time_ratio: 100.0,
                ..quick_opts()
            };
            let (qm, report) = quantize(&m, &cal, &held, &opts).unwrap();
            assert!(
                report.layers_int8 >= 1,
                "{method:?} {weights:?}: {}",
                report.to_text()
            );
            assert!(report.snr_calibration_db >= 30.0, "{}", report.to_text());
            let held_snr = report.snr_heldout_db.unwrap();
            assert!(
                held_snr > 25.0,
                "held-out SNR {held_snr:.1} dB\n{}",
                report.to_text()
            );
            let g = qm.graph.as_ref().unwrap();
            assert!(g
                .node
                .iter()
                .any(|n| n.op_type.starts_with("QLinear") || n.op_type.ends_with("Integer")));
            assert_eq!(g.output[0].name, "y");
            assert_eq!(g.input[0].name, "x");
            assert!(report.size_ratio < 1.0);
            serde_json::from_str::<serde_json::Value>(&report.to_json()).unwrap();
        }
    }
}

#[test]
fn flags_force_layers_either_way() {
    let m = tiny_model();
    let cal = samples(2, 32, 30);
    let opts = Options {
        keep_f32: vec!["conv1".into()],
        force_int8: vec!["conv2".into()],
        max_time_ratio: 0.0, // nothing is "fast enough" unless forced
        ..quick_opts()
    };
    let (_, r) = quantize(&m, &cal, &[], &opts).unwrap();
    let p: HashMap<_, _> = r
        .layers
        .iter()
        .map(|l| (l.name.as_str(), l.precision.as_str()))
        .collect();
    assert_eq!(p["conv1"], "f32");
    assert!(p["conv2"].starts_with("int8"));
    assert_eq!(p["head"], "f32");
    let bad = Options {
        keep_f32: vec!["nope".into()],
        ..quick_opts()
    };
    let e = quantize(&m, &cal, &[], &bad).unwrap_err();
    assert!(
        matches!(e, QuantError::UnknownLayer { .. }) && e.to_string().contains("nope"),
        "{e}"
    );
}

#[test]
fn equalization_preserves_the_function() {
    let m = tiny_model();
    let mut eq = m.clone();
    let pairs = graph::cross_layer_equalize(&mut eq);
    assert_eq!(pairs, vec![("conv1".to_string(), "conv2".to_string())]);
    let cal = samples(1, 32, 40);
    let snr = snr_outputs(
        &run_all(&m, &cal, "a").unwrap(),
        &run_all(&eq, &cal, "b").unwrap(),
    );
    assert!(snr > 100.0, "{snr}");
}

fn tmpdir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("sotto-quantize-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn errors_name_their_subject() {
    let d = tmpdir("errors");
    // Not ONNX.
    let f = d.join("junk.onnx");
    std::fs::write(&f, b"this is not a protobuf \xff\xff\xff").unwrap();
    let e = load_model(&f).unwrap_err();
    assert!(
        matches!(e, QuantError::NotOnnx { .. }) && e.to_string().contains("junk.onnx"),
        "{e}"
    );
    // Empty calibration set.
    let m = tiny_model();
    let specs = calib::input_specs(m.graph.as_ref().unwrap());
    let e = calib::load_samples(&d, &specs).unwrap_err();
    assert!(matches!(e, QuantError::EmptyCalibration { .. }), "{e}");
    // Wrong shape: 5 channels instead of 32.
    sotto_quantize::npy::write_npy_f32(&d.join("a.npy"), &[1, 5, 10], &[0.0; 50]).unwrap();
    let e = calib::load_samples(&d, &specs).unwrap_err();
    let s = e.to_string();
    assert!(
        matches!(e, QuantError::InputShape { .. })
            && s.contains("a.npy")
            && s.contains("[1, 5, 10]"),
        "{s}"
    );
    // Right shape loads.
    std::fs::remove_file(d.join("a.npy")).unwrap();
    sotto_quantize::npy::write_npy_f32(&d.join("a.npy"), &[1, C, 10], &vec![0.5; C * 10]).unwrap();
    let s = calib::load_samples(&d, &specs).unwrap();
    assert_eq!(s[0].inputs[0].shape(), &[1, C, 10]);
    // An operator tract does not know is reported by name.
    let mut bad = tiny_model();
    bad.graph.as_mut().unwrap().node[1].op_type = "FancyRelu".into();
    let e = quantize(&bad, &samples(1, 16, 1), &[], &quick_opts()).unwrap_err();
    assert!(e.to_string().contains("FancyRelu"), "{e}");
}
