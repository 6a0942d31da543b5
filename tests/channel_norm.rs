//! The runtime's fused channel norm (`sotto::net::channel_norm`) against tract's own graph.

mod common;

use sotto::net::channel_norm;
use tract_onnx::prelude::*;
use tract_onnx::tract_core::ops::nn::RmsNorm;

/// The fused operator must compute what the graph computes, to float rounding.
const MIN_FUSED_SNR_DB: f64 = 100.0;

/// A model of the shipped voice (trained: its norms' shifts are not zero, unlike the tiny
/// test pack's).
fn shipped(file: &str) -> std::path::PathBuf {
    common::root().join("models/voices/joe").join(file)
}

fn run(model: TypedModel, inputs: &TVec<TValue>) -> Vec<f32> {
    let plan = model.into_optimized().unwrap().into_runnable().unwrap();
    let out = plan.run(inputs.clone()).unwrap();
    sotto::net::f32s(&out[0]).unwrap().to_vec()
}

#[test]
fn fused_channel_norms_match_the_graph() {
    let frames = 40;
    let ramp = |shape: &[usize]| {
        let n = shape.iter().product::<usize>();
        let data: Vec<f32> = (0..n)
            .map(|i| ((i * 7919) % 1000) as f32 / 250.0 - 2.0)
            .collect();
        tract_ndarray::ArrayD::from_shape_vec(shape, data)
            .unwrap()
            .into_tvalue()
    };
    let ones = tract_ndarray::ArrayD::<f32>::ones(vec![1, 1, frames]).into_tvalue();
    let cases: [(&str, TVec<TValue>); 2] = [
        ("vocoder-small.onnx", tvec![ramp(&[1, 80, frames])]),
        ("prior.onnx", tvec![ramp(&[1, 192, frames]), ones]),
    ];
    for (file, inputs) in cases {
        let mut model = tract_onnx::onnx().model_for_path(shipped(file)).unwrap();
        for (ix, input) in inputs.iter().enumerate() {
            model
                .set_input_fact(ix, f32::fact(input.shape()).into())
                .unwrap();
        }
        let model = model.into_typed().unwrap().into_decluttered().unwrap();
        let norms = model
            .nodes()
            .iter()
            .filter(|n| n.op_is::<RmsNorm>())
            .count();
        let mut fused = model.clone();
        assert_eq!(
            channel_norm::fuse(&mut fused).unwrap(),
            norms,
            "{file}: every channel norm fused"
        );
        assert!(norms > 0, "{file} has channel norms");
        let (want, got) = (run(model, &inputs), run(fused, &inputs));
        let snr = common::snr_db(&want, &got);
        assert!(snr >= MIN_FUSED_SNR_DB, "{file}: fused SNR {snr:.1} dB");
    }
}
