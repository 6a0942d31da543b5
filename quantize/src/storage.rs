//! Weight-only int8 storage for layers that compute in f32: a `Gemm`'s constant weight is
//! stored as symmetric per-tensor int8 behind a `DequantizeLinear`, which tract folds back into
//! an f32 constant when it loads the model. Arithmetic stays f32; the file shrinks by 4× for
//! those weights (e.g. the flow decoder's FiLM projections, a quarter of its int8 file).

use tract_onnx::pb::{GraphProto, ModelProto};

use crate::graph::node_name;
use crate::onnx::{f32_tensor, i8_tensor, node, tensor_to_f32};
use crate::quant::quantize_weights;

/// Suffix of the int8 initializer that replaces a stored weight.
const STORED_SUFFIX: &str = ".stored_i8";

/// Stores every `Gemm` weight (input B, a float initializer used by no other node) as int8 with
/// one scale; returns the names of the layers changed.
pub fn gemm_weights_int8(model: &mut ModelProto) -> Vec<String> {
    let graph = model.graph.as_mut().expect("checked at load");
    let gemms: Vec<(String, String)> = graph
        .node
        .iter()
        .enumerate()
        .filter(|(_, n)| n.op_type == "Gemm")
        .filter_map(|(ix, n)| Some((node_name(n, ix), n.input.get(1)?.clone())))
        .collect();
    gemms
        .into_iter()
        .filter(|(_, weight)| uses(graph, weight) == 1 && store_int8(graph, weight))
        .map(|(name, _)| name)
        .collect()
}

fn uses(graph: &GraphProto, tensor: &str) -> usize {
    let by_nodes = graph
        .node
        .iter()
        .flat_map(|n| n.input.iter())
        .filter(|i| *i == tensor)
        .count();
    by_nodes + graph.output.iter().filter(|o| o.name == tensor).count()
}

/// Replaces initializer `name` by int8 values, a scale and a `DequantizeLinear` that yields
/// `name` again; false when `name` is no float initializer.
fn store_int8(graph: &mut GraphProto, name: &str) -> bool {
    let Some(at) = graph.initializer.iter().position(|t| t.name == name) else {
        return false;
    };
    let Some(w) = tensor_to_f32(&graph.initializer[at]) else {
        return false;
    };
    let (q, scales) = quantize_weights(&w.data, 1, false, true);
    let values = format!("{name}{STORED_SUFFIX}");
    let scale = format!("{name}{STORED_SUFFIX}.scale");
    let zero = format!("{name}{STORED_SUFFIX}.zero_point");
    graph.initializer.remove(at);
    graph.initializer.push(i8_tensor(&values, &w.dims, &q));
    graph
        .initializer
        .push(f32_tensor(&scale, &[], &scales[..1]));
    graph.initializer.push(i8_tensor(&zero, &[], &[0]));
    graph.node.insert(
        0,
        node(
            "DequantizeLinear",
            &format!("{name}{STORED_SUFFIX}.dequantize"),
            &[&values, &scale, &zero],
            &[name],
            vec![],
        ),
    );
    true
}
