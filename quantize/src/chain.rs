//! Quantization-aware models: the integer graph written from the ranges training used.
//!
//! A model trained with fake quantization (the small vocoder's `train_gan.py --qat-minutes`)
//! comes with a ranges file (`export.py` writes `OUT.ranges.json`): the u8 range of every
//! activation its int8 arithmetic quantized, keyed by ONNX tensor name. Here each layer whose
//! input has a range is rewritten with exactly that arithmetic — per-tensor symmetric int8
//! weights (`max|w| / 127`, rounding half up), u8 activations — and no calibration, timing or
//! selection: the model was trained for this graph.
//!
//! A layer whose output (or its ReLU's output) also has a range becomes `QLinearConv` with the
//! requantization fused in; other layers keep an i32 accumulator rescaled in f32
//! (`ConvInteger → Cast → Mul → Add`). Then [`fold_requantize`] removes every
//! `dequantize → [Relu] → quantize` round trip with identical parameters, so consecutive layers
//! exchange u8 tensors directly: one quantize before the first layer of a chain, one
//! dequantize after the last.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::Deserialize;
use tract_onnx::pb::{GraphProto, ModelProto, NodeProto};

use crate::error::{QuantError, Result};
use crate::graph::{find_layers, rewrite, Form, LayerQuant};
use crate::onnx::const_f32;
use crate::quant::QParams;

/// Largest int8 weight magnitude (symmetric, -127..=127).
const I8_MAX: f32 = 127.0;
/// Two scales closer than this (relative) are the same quantizer.
const SCALE_TOLERANCE: f32 = 1e-6;

/// The ranges file of a quantization-aware model.
#[derive(Debug, Deserialize)]
pub struct Ranges {
    /// `[lo, hi]` per activation tensor name.
    pub tensors: HashMap<String, [f32; 2]>,
}

impl Ranges {
    /// Reads a ranges file (JSON: `{"tensors": {"NAME": [lo, hi], ...}}`).
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|source| QuantError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let ranges: Ranges = serde_json::from_str(&text).map_err(|e| QuantError::Ranges {
            path: path.to_path_buf(),
            why: e.to_string(),
        })?;
        for (name, [lo, hi]) in &ranges.tensors {
            if !(lo.is_finite() && hi.is_finite() && lo <= hi) {
                return Err(QuantError::Ranges {
                    path: path.to_path_buf(),
                    why: format!("tensor {name:?} has range [{lo}, {hi}]"),
                });
            }
        }
        Ok(ranges)
    }

    fn params(&self, tensor: &str) -> Option<QParams> {
        self.tensors
            .get(tensor)
            .map(|&[lo, hi]| QParams::from_range(lo, hi))
    }
}

/// One rewritten layer, for the report.
#[derive(Debug, Clone)]
pub struct ChainLayer {
    pub name: String,
    pub form: Form,
    pub input: QParams,
    /// The requantized output (QLinear form only).
    pub output: Option<QParams>,
    pub weight_scale: f32,
}

/// Rewrites every layer of `model` whose input has a range in `ranges` into int8 with the
/// ranges' arithmetic, then chains consecutive integer layers. Fails when no layer has a range
/// or a range names no tensor of the graph.
pub fn quantize_with_ranges(
    model: &ModelProto,
    ranges: &Ranges,
) -> Result<(ModelProto, Vec<ChainLayer>)> {
    let graph = model.graph.as_ref().expect("checked at load");
    let known: HashSet<&str> = graph
        .node
        .iter()
        .flat_map(|n| n.input.iter().chain(&n.output).map(String::as_str))
        .collect();
    if let Some(name) = ranges.tensors.keys().find(|t| !known.contains(t.as_str())) {
        return Err(QuantError::Option(format!(
            "the ranges name tensor {name:?}, which this model does not have"
        )));
    }
    let (layers, _) = find_layers(graph);
    let relu_after: HashMap<&str, &str> = graph
        .node
        .iter()
        .filter(|n| n.op_type == "Relu")
        .map(|n| (n.input[0].as_str(), n.output[0].as_str()))
        .collect();
    let mut plan = HashMap::new();
    let mut report = vec![];
    for (li, l) in layers.iter().enumerate() {
        let Some(x) = ranges.params(&l.input) else {
            continue;
        };
        let w = &l.weight.data;
        let scale = (w.iter().fold(0f32, |m, v| m.max(v.abs())) / I8_MAX).max(f32::MIN_POSITIVE);
        let wq: Vec<i8> = w
            .iter()
            .map(|v| (v / scale + 0.5).floor().clamp(-I8_MAX, I8_MAX) as i8)
            .collect();
        let y = ranges.params(&l.output).or_else(|| {
            relu_after
                .get(l.output.as_str())
                .and_then(|r| ranges.params(r))
        });
        let form = if y.is_some() {
            Form::Qlinear
        } else {
            Form::IntegerRescale
        };
        report.push(ChainLayer {
            name: l.name.clone(),
            form,
            input: x,
            output: y,
            weight_scale: scale,
        });
        plan.insert(
            li,
            LayerQuant {
                form,
                x,
                y: y.unwrap_or(x),
                wq,
                w_scales: vec![scale],
                bias: l.bias.clone(),
            },
        );
    }
    if plan.is_empty() {
        return Err(QuantError::Option(
            "no quantizable layer reads a tensor the ranges name".into(),
        ));
    }
    let mut out = rewrite(model, &layers, &plan);
    fold_requantize(out.graph.as_mut().expect("rewrite keeps the graph"));
    Ok((out, report))
}

/// Removes `Cast(f32) → Mul(s) → Add(-zp·s) → [Relu] → Mul(1/s') → Add(zp'+0.5) → Clip(0, 255) →
/// Cast(u8)` where `(s', zp')` equal `(s, zp)` (and zp is 0 when a Relu sits between): that round
/// trip maps every u8 value to itself, so the consumers of its end read its start directly.
/// Nodes left without consumers are dropped. Returns how many round trips were removed.
pub fn fold_requantize(graph: &mut GraphProto) -> usize {
    let outputs: HashSet<String> = graph.output.iter().map(|o| o.name.clone()).collect();
    let mut replace: HashMap<String, String> = HashMap::new();
    {
        let producer: HashMap<&str, &NodeProto> = graph
            .node
            .iter()
            .flat_map(|n| n.output.iter().map(move |o| (o.as_str(), n)))
            .collect();
        let scalar = |name: &str| const_f32(graph, name).and_then(|t| t.data.first().copied());
        let from = |name: &str, op: &str| producer.get(name).filter(|n| n.op_type == op).copied();
        for cast_u8 in graph
            .node
            .iter()
            .filter(|n| n.op_type == "Cast" && cast_attr(n) == Some(2))
        {
            let found = (|| {
                let clip = from(&cast_u8.input[0], "Clip")?;
                let q_add = from(&clip.input[0], "Add")?;
                let q_mul = from(&q_add.input[0], "Mul")?;
                let (inv_scale, offset) = (scalar(&q_mul.input[1])?, scalar(&q_add.input[1])?);
                let (relu, dq_out) = match from(&q_mul.input[0], "Relu") {
                    Some(r) => (true, r.input[0].as_str()),
                    None => (false, q_mul.input[0].as_str()),
                };
                let dq_add = from(dq_out, "Add")?;
                let dq_mul = from(&dq_add.input[0], "Mul")?;
                let cast_f = from(&dq_mul.input[0], "Cast").filter(|c| cast_attr(c) == Some(1))?;
                let (scale, dq_offset) = (scalar(&dq_mul.input[1])?, scalar(&dq_add.input[1])?);
                let zp = offset - 0.5;
                let same_scale = (inv_scale * scale - 1.0).abs() < SCALE_TOLERANCE;
                let same_zp = (dq_offset + zp * scale).abs() <= scale * SCALE_TOLERANCE;
                (same_scale && same_zp && (!relu || zp == 0.0))
                    .then(|| (cast_u8.output[0].clone(), cast_f.input[0].clone()))
            })();
            if let Some((end, start)) = found {
                replace.insert(end, start);
            }
        }
    }
    let folded = replace.len();
    for n in graph.node.iter_mut() {
        for i in n.input.iter_mut() {
            if let Some(r) = replace.get(i) {
                *i = r.clone();
            }
        }
    }
    loop {
        let used: HashSet<&str> = graph
            .node
            .iter()
            .flat_map(|n| n.input.iter().map(String::as_str))
            .collect();
        let dead: HashSet<usize> = graph
            .node
            .iter()
            .enumerate()
            .filter(|(_, n)| {
                n.output
                    .iter()
                    .all(|o| !used.contains(o.as_str()) && !outputs.contains(o))
            })
            .map(|(i, _)| i)
            .collect();
        if dead.is_empty() {
            break;
        }
        let mut i = 0;
        graph.node.retain(|_| {
            i += 1;
            !dead.contains(&(i - 1))
        });
    }
    let used: HashSet<String> = graph
        .node
        .iter()
        .flat_map(|n| n.input.iter().cloned())
        .collect();
    graph.initializer.retain(|t| used.contains(&t.name));
    folded
}

fn cast_attr(n: &NodeProto) -> Option<i64> {
    crate::onnx::attr_i(n, "to")
}
