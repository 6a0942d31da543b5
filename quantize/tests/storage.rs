//! Weight-only int8 storage of `Gemm` layers: the file shrinks, tract folds the stored
//! weights back into f32 constants, and the function stays within 8-bit rounding of f32.

use sotto_quantize::onnx::*;
use sotto_quantize::runner::plan;
use sotto_quantize::{run_all, snr_outputs, storage, Sample};
use tract_onnx::pb::{GraphProto, ModelProto, TensorProto, ValueInfoProto};
use tract_onnx::prelude::*;

const ROWS: usize = 16;
const IN: usize = 128;
const OUT: usize = 192;
/// Lowest SNR accepted of the stored model against f32: 8-bit weights with one scale.
const MIN_SNR_DB: f64 = 35.0;

/// Deterministic numbers in [-1, 1).
fn noise(n: usize, seed: u64) -> Vec<f32> {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 40) as f32 / (1u64 << 23) as f32 - 1.0
        })
        .collect()
}

/// x[ROWS, IN] → Gemm(x, Wᵀ, b) → y[ROWS, OUT], the weight as PyTorch's Linear exports it.
fn gemm_model() -> ModelProto {
    let g = GraphProto {
        name: "gemm".into(),
        node: vec![node(
            "Gemm",
            "film",
            &["x", "w", "b"],
            &["y"],
            vec![attr_int("transB", 1)],
        )],
        initializer: vec![
            f32_tensor("w", &[OUT, IN], &noise(OUT * IN, 1)),
            f32_tensor("b", &[OUT], &noise(OUT, 2)),
        ],
        input: vec![value_info_f32("x", &[Some(ROWS as i64), Some(IN as i64)])],
        output: vec![ValueInfoProto {
            name: "y".into(),
            ..Default::default()
        }],
        ..Default::default()
    };
    model_from_graph(g)
}

fn samples() -> Vec<Sample> {
    (0..2)
        .map(|i| Sample {
            name: format!("s{i}"),
            inputs: vec![tract_ndarray::ArrayD::from_shape_vec(
                vec![ROWS, IN],
                noise(ROWS * IN, 10 + i),
            )
            .unwrap()
            .into_tensor()],
        })
        .collect()
}

fn initializer<'a>(m: &'a ModelProto, name: &str) -> Option<&'a TensorProto> {
    m.graph
        .as_ref()?
        .initializer
        .iter()
        .find(|t| t.name == name)
}

#[test]
fn stored_gemm_weights_shrink_the_file_and_keep_the_function() {
    let f32_model = gemm_model();
    let mut stored = f32_model.clone();
    assert_eq!(storage::gemm_weights_int8(&mut stored), vec!["film"]);
    assert!(initializer(&stored, "w").is_none());
    assert!(initializer(&stored, "b").is_some(), "the bias stays f32");

    let (before, after) = (encode_model(&f32_model).len(), encode_model(&stored).len());
    assert!(after * 3 < before, "{before} -> {after} bytes");

    let cal = samples();
    let snr = snr_outputs(
        &run_all(&f32_model, &cal, "f32").unwrap(),
        &run_all(&stored, &cal, "stored").unwrap(),
    );
    assert!(snr >= MIN_SNR_DB, "{snr} dB");
    assert!(snr.is_finite(), "the weights were not rounded");

    let p = plan(&stored, &cal[0].inputs, &[], "stored").unwrap();
    assert!(
        !p.op_names.iter().any(|op| op.contains("Dequantize")),
        "tract folds the stored weights at load: {:?}",
        p.op_names
    );
}

#[test]
fn a_weight_shared_with_another_node_stays_f32() {
    let mut m = gemm_model();
    let g = m.graph.as_mut().unwrap();
    g.node
        .push(node("Identity", "also_w", &["w"], &["w_out"], vec![]));
    g.output.push(ValueInfoProto {
        name: "w_out".into(),
        ..Default::default()
    });
    assert!(storage::gemm_weights_int8(&mut m).is_empty());
    assert!(initializer(&m, "w").is_some());
}
