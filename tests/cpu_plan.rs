//! The runtime's CPU plans (`sotto::net::cpu_plan`: tract's declutter without its axis search,
//! channel norms fused) against tract's own plans of the shipped networks.

mod common;

use sotto::net::{channel_norm, cpu_plan};
use tract_onnx::prelude::*;
use tract_onnx::tract_core::ops::nn::RmsNorm;

/// The runtime's plan must compute what tract's computes, to float rounding.
const MIN_PLAN_SNR_DB: f64 = 100.0;

/// Frames (or phonemes) per test window.
const FRAMES: usize = 40;

/// A model of the shipped voice (trained: its norms' shifts are not zero, unlike the tiny
/// test pack's), typed for `inputs`.
fn shipped(file: &str, inputs: &TVec<TValue>) -> TypedModel {
    let path = common::root().join("models/voices/joe").join(file);
    let mut model = tract_onnx::onnx().model_for_path(path).unwrap();
    for (ix, input) in inputs.iter().enumerate() {
        let fact = InferenceFact::dt_shape(input.datum_type(), input.shape());
        model.set_input_fact(ix, fact).unwrap();
    }
    model.into_typed().unwrap()
}

fn ramp(shape: &[usize]) -> TValue {
    let n = shape.iter().product::<usize>();
    let data: Vec<f32> = (0..n)
        .map(|i| ((i * 7919) % 1000) as f32 / 250.0 - 2.0)
        .collect();
    tract_ndarray::ArrayD::from_shape_vec(shape, data)
        .unwrap()
        .into_tvalue()
}

fn ones(shape: &[usize]) -> TValue {
    tract_ndarray::ArrayD::<f32>::ones(shape).into_tvalue()
}

/// Every shipped network with inputs of [`FRAMES`] positions.
fn cases() -> Vec<(&'static str, TVec<TValue>)> {
    let ids: Vec<i64> = (0..FRAMES as i64).map(|i| 1 + i % 40).collect();
    let ids = tract_ndarray::ArrayD::from_shape_vec(vec![1, FRAMES], ids).unwrap();
    vec![
        (
            "encoder.onnx",
            tvec![ids.into_tvalue(), ones(&[1, 1, FRAMES])],
        ),
        (
            "prior.onnx",
            tvec![ramp(&[1, 192, FRAMES]), ones(&[1, 1, FRAMES])],
        ),
        (
            "decoder.onnx",
            tvec![
                ramp(&[1, 80, FRAMES]),
                ramp(&[1, 80, FRAMES]),
                ramp(&[1, 192, FRAMES]),
                ones(&[1, 1, FRAMES]),
                tensor1(&[0.5f32]).into_tvalue(),
                tensor1(&[0.5f32]).into_tvalue(),
            ],
        ),
        ("vocoder-small.onnx", tvec![ramp(&[1, 80, FRAMES])]),
    ]
}

fn output(plan: &dyn tract_onnx::tract_core::runtime::Runnable, inputs: &TVec<TValue>) -> Vec<f32> {
    let out = plan.run(inputs.clone()).unwrap();
    sotto::net::f32s(&out[0]).unwrap().to_vec()
}

#[test]
fn cpu_plans_match_tracts_plans() {
    for (file, inputs) in cases() {
        let model = shipped(file, &inputs);
        let tracts = model
            .clone()
            .into_optimized()
            .unwrap()
            .into_runnable()
            .unwrap();
        let mut decluttered = model;
        cpu_plan::declutter(&mut decluttered).unwrap();
        let ours = cpu_plan::plan(decluttered).unwrap();
        let snr = common::snr_db(&output(&tracts, &inputs), &output(&ours, &inputs));
        assert!(
            snr >= MIN_PLAN_SNR_DB,
            "{file}: runtime plan SNR {snr:.1} dB"
        );
    }
}

#[test]
fn every_channel_norm_is_fused() {
    for (file, inputs) in cases() {
        let mut model = shipped(file, &inputs);
        cpu_plan::declutter(&mut model).unwrap();
        let norms = model
            .nodes()
            .iter()
            .filter(|n| n.op_is::<RmsNorm>())
            .count();
        assert!(norms > 0, "{file} has channel norms");
        assert_eq!(channel_norm::fuse(&mut model).unwrap(), norms, "{file}");
    }
}
