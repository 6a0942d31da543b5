//! Quantization-aware models (`--ranges`): the integer chain is written with the given ranges,
//! consecutive layers exchange u8 tensors directly, and the result stays close to f32.

use std::collections::HashMap;

use sotto_quantize::chain::{quantize_with_ranges, Ranges};
use sotto_quantize::onnx::*;
use sotto_quantize::{run_all, snr_outputs, QuantError, Sample};
use tract_onnx::pb::{GraphProto, ModelProto, ValueInfoProto};
use tract_onnx::prelude::*;

const C: usize = 32;
const H: usize = 96;
const D: usize = 40;
const T: usize = 48;
/// The chained model against f32 on these inputs (8-bit everywhere, three layers).
const MIN_SNR_DB: f64 = 25.0;

/// Deterministic pseudo-random numbers in [-1, 1).
fn noise(n: usize, seed: u64) -> Vec<f32> {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            ((s >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
        })
        .collect()
}

fn scaled(n: usize, seed: u64, k: f32) -> Vec<f32> {
    noise(n, seed).iter().map(|v| v * k).collect()
}

/// x[1,C,T] → Conv C→H → Relu → Conv H→C → + x → Conv head C→D: one ConvNeXt-style pair and a
/// head, as in the small vocoder.
fn relu_chain_model() -> ModelProto {
    let pw = |name: &str, ins: &[&str], out: &str| {
        node(
            "Conv",
            name,
            ins,
            &[out],
            vec![attr_ints("kernel_shape", &[1])],
        )
    };
    let g = GraphProto {
        name: "chain".into(),
        node: vec![
            pw("pw1", &["x", "w1", "b1"], "h"),
            node("Relu", "relu", &["h"], &["r"], vec![]),
            pw("pw2", &["r", "w2", "b2"], "z"),
            node("Add", "res", &["z", "x"], &["s"], vec![]),
            pw("head", &["s", "wh", "bh"], "y"),
        ],
        initializer: vec![
            f32_tensor("w1", &[H, C, 1], &scaled(H * C, 1, 0.3)),
            f32_tensor("b1", &[H], &scaled(H, 2, 0.1)),
            f32_tensor("w2", &[C, H, 1], &scaled(C * H, 3, 0.1)),
            f32_tensor("b2", &[C], &scaled(C, 4, 0.1)),
            f32_tensor("wh", &[D, C, 1], &scaled(D * C, 5, 0.2)),
            f32_tensor("bh", &[D], &scaled(D, 6, 0.1)),
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

fn samples() -> Vec<Sample> {
    (0..3)
        .map(|i| Sample {
            name: format!("s{i}"),
            inputs: vec![tract_ndarray::ArrayD::from_shape_vec(
                vec![1, C, T],
                noise(C * T, 10 + i),
            )
            .unwrap()
            .into_tensor()],
        })
        .collect()
}

/// Ranges covering what the f32 model computes on `samples()` (inputs in ±1).
fn ranges() -> Ranges {
    let tensors: HashMap<String, [f32; 2]> = [
        ("x", [-1.0, 1.0]),
        ("r", [0.0, 3.5]),
        ("z", [-2.5, 2.5]),
        ("s", [-3.5, 3.5]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    Ranges { tensors }
}

fn ops(m: &ModelProto) -> Vec<String> {
    m.graph
        .as_ref()
        .unwrap()
        .node
        .iter()
        .map(|n| {
            let to = attr_i(n, "to").map_or(String::new(), |t| format!("({t})"));
            format!("{}{to}", n.op_type)
        })
        .collect()
}

#[test]
fn chained_layers_exchange_u8_without_requantizing() {
    let model = relu_chain_model();
    let (q, layers) = quantize_with_ranges(&model, &ranges()).unwrap();
    assert_eq!(layers.len(), 3);
    let ops = ops(&q);
    let count = |op: &str| ops.iter().filter(|o| o.as_str() == op).count();
    assert_eq!(count("QLinearConv"), 2, "{ops:?}");
    assert_eq!(count("ConvInteger"), 1, "{ops:?}");
    assert_eq!(
        count("Relu"),
        0,
        "the ReLU is the u8 clip of pw1's output: {ops:?}"
    );
    // One quantize into the pair, one for the head; one dequantize after the pair, one cast of
    // the head's accumulator.
    assert_eq!(count("Cast(2)"), 2, "{ops:?}");
    assert_eq!(count("Cast(1)"), 2, "{ops:?}");
    let data = samples();
    let f32_out = run_all(&model, &data, "f32").unwrap();
    let int8_out = run_all(&q, &data, "int8").unwrap();
    let snr = snr_outputs(&f32_out, &int8_out);
    assert!(snr >= MIN_SNR_DB, "SNR {snr:.1} dB");
}

#[test]
fn ranges_naming_unknown_tensors_or_no_layer_are_refused() {
    let model = relu_chain_model();
    let mut r = ranges();
    r.tensors.insert("nowhere".into(), [0.0, 1.0]);
    let err = quantize_with_ranges(&model, &r).unwrap_err();
    assert!(err.to_string().contains("nowhere"), "{err}");
    let none = Ranges {
        tensors: [("y".to_string(), [0.0, 1.0])].into_iter().collect(),
    };
    assert!(matches!(
        quantize_with_ranges(&model, &none),
        Err(QuantError::Option(_))
    ));
}

#[test]
fn ranges_files_with_bad_numbers_name_the_tensor() {
    let dir = std::env::temp_dir().join(format!("sotto-chain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cases = [
        ("nan.json", r#"{"tensors": {"x": [1.0, -1.0]}}"#, "\"x\""),
        ("notjson.json", "{tensors", "not a valid ranges file"),
        (
            "short.json",
            r#"{"tensors": {"x": [1.0]}}"#,
            "not a valid ranges file",
        ),
    ];
    for (name, text, want) in cases {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        let err = Ranges::load(&p).unwrap_err().to_string();
        assert!(err.contains(want) && err.contains(name), "{name}: {err}");
    }
    std::fs::remove_dir_all(&dir).ok();
}
