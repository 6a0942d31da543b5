//! Finding quantizable layers, cross-layer equalization and rewriting layers into the integer
//! forms tract runs on int8 kernels.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use tract_onnx::pb::{GraphProto, ModelProto, NodeProto};

use crate::onnx::*;
use crate::quant::QParams;

/// How a layer's weight multiplies its input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    /// `Conv`, weight `[Cout, Cin, k...]`, group 1, channels on axis 1.
    Conv,
    /// `MatMul(x, W)`, W `[K, N]`: output channels are W's columns (last axis of x / y).
    MatMulRight,
    /// `MatMul(W, x)`, W `[M, K]`: output channels are W's rows (axis -2 of y).
    MatMulLeft,
}

/// A layer that can run on integer kernels.
#[derive(Clone, Debug)]
pub struct Layer {
    pub name: String,
    pub node: usize,
    pub kind: Kind,
    pub input: String,
    pub output: String,
    pub weight_name: String,
    pub weight: F32Tensor,
    pub bias_name: Option<String>,
    pub bias: Option<Vec<f32>>,
    pub cout: usize,
    /// Kernel size (product of spatial dims) for convs, 1 otherwise.
    pub kernel: usize,
}

impl Layer {
    /// Weights reordered so each output channel is contiguous (`[cout, rest]`).
    pub fn weight_by_out_channel(&self) -> Vec<f32> {
        match self.kind {
            Kind::Conv | Kind::MatMulLeft => self.weight.data.clone(),
            Kind::MatMulRight => {
                let (k, n) = (self.weight.dims[0], self.weight.dims[1]);
                let mut out = vec![0f32; k * n];
                for i in 0..k {
                    for j in 0..n {
                        out[j * k + i] = self.weight.data[i * n + j];
                    }
                }
                out
            }
        }
    }

    /// Axis of the layer input along which its input channels lie, and the input channel count.
    pub fn input_channel_axis(&self) -> isize {
        match self.kind {
            Kind::Conv => 1,
            Kind::MatMulRight => -1,
            Kind::MatMulLeft => -2,
        }
    }
}

/// An operator that was looked at and left in f32, and why.
#[derive(Clone, Debug, Serialize)]
pub struct Skipped {
    pub name: String,
    pub op: String,
    pub why: String,
}

pub fn node_name(n: &NodeProto, ix: usize) -> String {
    if n.name.is_empty() {
        format!("{}_{ix}", n.op_type)
    } else {
        n.name.clone()
    }
}

/// Quantizable layers of a graph (Conv group 1 with a constant weight, MatMul with one constant
/// 2-D operand), and the MAC-carrying operators left alone.
pub fn find_layers(graph: &GraphProto) -> (Vec<Layer>, Vec<Skipped>) {
    let mut layers = vec![];
    let mut skipped = vec![];
    for (ix, n) in graph.node.iter().enumerate() {
        let name = node_name(n, ix);
        let skip = |why: &str| Skipped {
            name: name.clone(),
            op: n.op_type.clone(),
            why: why.into(),
        };
        match n.op_type.as_str() {
            "Conv" => {
                let Some(w) = n.input.get(1).and_then(|w| const_f32(graph, w)) else {
                    skipped.push(skip("weight is not a constant float tensor"));
                    continue;
                };
                let group = attr_i(n, "group").unwrap_or(1);
                if group != 1 {
                    skipped.push(skip(&format!(
                        "grouped/depthwise conv (group {group}): int8 is far slower than f32 in tract"
                    )));
                    continue;
                }
                let bias = n.input.get(2).filter(|b| !b.is_empty()).cloned();
                let bias_data = match &bias {
                    Some(b) => match const_f32(graph, b) {
                        Some(t) => Some(t.data),
                        None => {
                            skipped.push(skip("bias is not a constant float tensor"));
                            continue;
                        }
                    },
                    None => None,
                };
                let cout = w.dims[0];
                let kernel = w.dims[2..].iter().product();
                layers.push(Layer {
                    name,
                    node: ix,
                    kind: Kind::Conv,
                    input: n.input[0].clone(),
                    output: n.output[0].clone(),
                    weight_name: n.input[1].clone(),
                    weight: w,
                    bias_name: bias,
                    bias: bias_data,
                    cout,
                    kernel,
                });
            }
            "MatMul" => {
                let a = const_f32(graph, &n.input[0]);
                let b = const_f32(graph, &n.input[1]);
                let (kind, w, x, wn) = match (a, b) {
                    (None, Some(b)) if b.dims.len() == 2 => {
                        (Kind::MatMulRight, b, &n.input[0], &n.input[1])
                    }
                    (Some(a), None) if a.dims.len() == 2 => {
                        (Kind::MatMulLeft, a, &n.input[1], &n.input[0])
                    }
                    _ => {
                        skipped.push(skip("no single constant 2-D operand"));
                        continue;
                    }
                };
                let cout = if kind == Kind::MatMulRight {
                    w.dims[1]
                } else {
                    w.dims[0]
                };
                layers.push(Layer {
                    name,
                    node: ix,
                    kind,
                    input: x.clone(),
                    output: n.output[0].clone(),
                    weight_name: wn.clone(),
                    weight: w,
                    bias_name: None,
                    bias: None,
                    cout,
                    kernel: 1,
                });
            }
            "ConvTranspose" => skipped.push(skip("no integer ConvTranspose in ONNX; stays f32")),
            "Gemm" => skipped.push(skip("Gemm is not handled yet; stays f32")),
            _ => {}
        }
    }
    (layers, skipped)
}

/// Consumers of each tensor name.
fn consumers(graph: &GraphProto) -> HashMap<&str, Vec<usize>> {
    let mut m: HashMap<&str, Vec<usize>> = HashMap::new();
    for (ix, n) in graph.node.iter().enumerate() {
        for i in &n.input {
            m.entry(i.as_str()).or_default().push(ix);
        }
    }
    for o in &graph.output {
        m.entry(o.name.as_str()).or_default().push(usize::MAX);
    }
    m
}

fn use_count(graph: &GraphProto, name: &str) -> usize {
    graph
        .node
        .iter()
        .flat_map(|n| n.input.iter())
        .filter(|i| *i == name)
        .count()
}

/// Cross-layer equalization of `Conv → (Relu|LeakyRelu|nothing) → Conv` pairs where the first
/// conv's output feeds only the activation and the activation only the second conv (both
/// positive-homogeneous, so scaling channel i of conv1 by 1/s and conv2's input channel i by s
/// keeps the function). Returns the names of the equalized pairs.
pub fn cross_layer_equalize(model: &mut ModelProto) -> Vec<(String, String)> {
    let graph = model.graph.as_mut().expect("checked at load");
    let (layers, _) = find_layers(graph);
    let by_node: HashMap<usize, &Layer> = layers.iter().map(|l| (l.node, l)).collect();
    let cons = consumers(graph);
    let mut pairs = vec![];
    for l1 in layers.iter().filter(|l| l.kind == Kind::Conv) {
        let Some(c1) = cons.get(l1.output.as_str()).filter(|c| c.len() == 1) else {
            continue;
        };
        let mut next = c1[0];
        if next == usize::MAX {
            continue;
        }
        let act = &graph.node[next];
        if matches!(act.op_type.as_str(), "Relu" | "LeakyRelu") {
            let Some(c2) = cons.get(act.output[0].as_str()).filter(|c| c.len() == 1) else {
                continue;
            };
            next = c2[0];
        }
        let Some(l2) = by_node
            .get(&next)
            .filter(|l| l.kind == Kind::Conv && l.input != l1.input)
        else {
            continue;
        };
        if use_count(graph, &l1.weight_name) != 1
            || use_count(graph, &l2.weight_name) != 1
            || l1
                .bias_name
                .as_ref()
                .is_some_and(|b| use_count(graph, b) != 1)
            || l2.weight.dims[1] != l1.cout
        {
            continue;
        }
        pairs.push((l1.clone(), (*l2).clone()));
    }
    let mut done = vec![];
    let mut touched = HashSet::new();
    for (l1, l2) in pairs {
        // A conv that is both the second of one pair and the first of another is equalized
        // once on each side; that composes, but keep it simple: each conv takes part once.
        if !touched.insert(l1.name.clone()) || !touched.insert(l2.name.clone()) {
            continue;
        }
        let c = l1.cout;
        let k1 = l1.weight.data.len() / c;
        let (cout2, k2) = (l2.weight.dims[0], l2.kernel);
        let cin2 = l2.weight.dims[1];
        let w1 = current_f32(graph, &l1.weight_name);
        let mut w2 = current_f32(graph, &l2.weight_name);
        let mut w1 = w1;
        let mut b1 = l1.bias_name.as_ref().map(|b| current_f32(graph, b));
        for i in 0..c {
            let r1 = w1[i * k1..(i + 1) * k1]
                .iter()
                .fold(0f32, |m, v| m.max(v.abs()));
            let mut r2 = 0f32;
            for o in 0..cout2 {
                let base = (o * cin2 + i) * k2;
                r2 = w2[base..base + k2].iter().fold(r2, |m, v| m.max(v.abs()));
            }
            if r1 <= 1e-12 || r2 <= 1e-12 {
                continue;
            }
            let s = (r1 / r2).sqrt().clamp(1e-3, 1e3);
            w1[i * k1..(i + 1) * k1].iter_mut().for_each(|v| *v /= s);
            if let Some(b) = b1.as_mut() {
                b[i] /= s;
            }
            for o in 0..cout2 {
                let base = (o * cin2 + i) * k2;
                w2[base..base + k2].iter_mut().for_each(|v| *v *= s);
            }
        }
        set_f32(graph, &l1.weight_name, &w1);
        set_f32(graph, &l2.weight_name, &w2);
        if let (Some(n), Some(b)) = (&l1.bias_name, &b1) {
            set_f32(graph, n, b);
        }
        done.push((l1.name.clone(), l2.name.clone()));
    }
    done
}

fn current_f32(graph: &GraphProto, name: &str) -> Vec<f32> {
    const_f32(graph, name)
        .expect("constant checked by find_layers")
        .data
}

/// Replaces the float data of an initializer or `Constant` node output.
fn set_f32(graph: &mut GraphProto, name: &str, data: &[f32]) {
    if let Some(t) = graph.initializer.iter_mut().find(|t| t.name == name) {
        let dims: Vec<usize> = t.dims.iter().map(|&d| d as usize).collect();
        *t = f32_tensor(name, &dims, data);
        return;
    }
    for n in graph.node.iter_mut() {
        if n.op_type == "Constant" && n.output.first().is_some_and(|o| o == name) {
            for a in n.attribute.iter_mut().filter(|a| a.name == "value") {
                if let Some(t) = a.t.as_mut() {
                    let dims: Vec<usize> = t.dims.iter().map(|&d| d as usize).collect();
                    *t = f32_tensor(name, &dims, data);
                }
            }
        }
    }
}

/// The integer form a layer is rewritten into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Form {
    /// `QuantizeLinear → QLinearConv/QLinearMatMul (per-tensor weight scale, i32 bias) →
    /// DequantizeLinear`: requantization fuses into tract's int8 kernel.
    Qlinear,
    /// The per-tensor QLinear form of a 1-D conv with kernel > 1 (stride 1), with the im2col
    /// spelled out in the graph: `Pad(zp) → k × Slice → Concat → QLinearConv k=1`. Same
    /// numbers as `Qlinear`; tract's own uint8 Im2col is several times slower than the slices.
    QlinearUnfold,
    /// `QuantizeLinear → ConvInteger/MatMulInteger → Cast → Mul(per-channel scale) → Add(bias)`:
    /// per-output-channel weight scales, rescaled in f32.
    IntegerRescale,
}

/// Everything needed to rewrite one layer.
#[derive(Clone, Debug)]
pub struct LayerQuant {
    pub form: Form,
    pub x: QParams,
    /// Output range (QLinear form only).
    pub y: QParams,
    /// int8 weights in the layer's own weight layout.
    pub wq: Vec<i8>,
    /// One scale (per tensor) or `cout` scales.
    pub w_scales: Vec<f32>,
    /// f32 bias (after bias correction), or None.
    pub bias: Option<Vec<f32>>,
}

/// Rewrites the given layers (by index into `layers`) into their integer forms; everything else is
/// copied. Float weights no longer referenced are dropped.
pub fn rewrite(
    model: &ModelProto,
    layers: &[Layer],
    quant: &HashMap<usize, LayerQuant>,
) -> ModelProto {
    let mut out = model.clone();
    let g = out.graph.as_mut().expect("checked at load");
    let by_node: HashMap<usize, usize> = quant.keys().map(|&li| (layers[li].node, li)).collect();
    let mut nodes = Vec::with_capacity(g.node.len() + 4 * quant.len());
    let mut inits = vec![];
    // One QuantizeLinear per (tensor, params), shared by layers reading the same tensor.
    let mut quantized: HashMap<(String, u32, u8), String> = HashMap::new();
    for (ix, n) in g.node.iter().enumerate() {
        let Some(&li) = by_node.get(&ix) else {
            nodes.push(n.clone());
            continue;
        };
        let l = &layers[li];
        let q = &quant[&li];
        let p = sanitize(&l.name);
        let key = (l.input.clone(), q.x.scale.to_bits(), q.x.zero_point);
        let xq = if let Some(xq) = quantized.get(&key) {
            xq.clone()
        } else {
            let xq = format!("{p}.xq");
            inits.push(f32_tensor(&format!("{p}.x_scale"), &[], &[q.x.scale]));
            inits.push(u8_tensor(&format!("{p}.x_zp"), &[], &[q.x.zero_point]));
            quantize_nodes(&mut nodes, &mut inits, &p, &l.input, &xq, q.x);
            quantized.insert(key, xq.clone());
            xq
        };
        let xs = format!("{}.x_scale", xq.trim_end_matches(".xq"));
        let xz = format!("{}.x_zp", xq.trim_end_matches(".xq"));
        let wname = format!("{p}.wq");
        let wdims = &l.weight.dims;
        let mut conv_attrs: Vec<_> = n.attribute.clone();
        let mut xq = xq;
        if q.form == Form::QlinearUnfold {
            let (cout, cin, k) = (wdims[0], wdims[1], wdims[2]);
            let dil = attr_is(n, "dilations")
                .and_then(|d| d.first().copied())
                .unwrap_or(1);
            let pads = attr_is(n, "pads").unwrap_or(vec![0, 0]);
            let t = |s: &str| format!("{p}.{s}");
            inits.push(i64_tensor(
                &t("unfold_pads"),
                &[6],
                &[0, 0, pads[0], 0, 0, pads[1]],
            ));
            inits.push(u8_tensor(&t("unfold_pad_value"), &[], &[q.x.zero_point]));
            nodes.push(node(
                "Pad",
                &t("unfold_pad"),
                &[&xq, &t("unfold_pads"), &t("unfold_pad_value")],
                &[&t("xpad")],
                vec![],
            ));
            let mut taps = vec![];
            for j in 0..k as i64 {
                let start = j * dil;
                let end = if j == k as i64 - 1 {
                    i64::MAX
                } else {
                    -((k as i64 - 1 - j) * dil)
                };
                inits.push(i64_tensor(&t(&format!("tap{j}_start")), &[1], &[start]));
                inits.push(i64_tensor(&t(&format!("tap{j}_end")), &[1], &[end]));
                inits.push(i64_tensor(&t(&format!("tap{j}_axis")), &[1], &[2]));
                let out = t(&format!("tap{j}"));
                nodes.push(node(
                    "Slice",
                    &out,
                    &[
                        &t("xpad"),
                        &t(&format!("tap{j}_start")),
                        &t(&format!("tap{j}_end")),
                        &t(&format!("tap{j}_axis")),
                    ],
                    &[&out],
                    vec![],
                ));
                taps.push(out);
            }
            let tap_refs: Vec<&str> = taps.iter().map(String::as_str).collect();
            nodes.push(node(
                "Concat",
                &t("unfold"),
                &tap_refs,
                &[&t("xcol")],
                vec![attr_int("axis", 1)],
            ));
            xq = t("xcol");
            // W'[o, j*cin + i] = W[o, i, j]
            let mut w2 = vec![0i8; q.wq.len()];
            for o in 0..cout {
                for i in 0..cin {
                    for j in 0..k {
                        w2[(o * k + j) * cin + i] = q.wq[(o * cin + i) * k + j];
                    }
                }
            }
            inits.push(i8_tensor(&wname, &[cout, k * cin, 1], &w2));
            conv_attrs = vec![attr_ints("kernel_shape", &[1])];
        } else {
            inits.push(i8_tensor(&wname, wdims, &q.wq));
        }
        match q.form {
            Form::Qlinear | Form::QlinearUnfold => {
                assert_eq!(q.w_scales.len(), 1, "QLinear form is per-tensor");
                let ws = q.w_scales[0];
                inits.push(f32_tensor(&format!("{p}.w_scale"), &[], &[ws]));
                inits.push(i8_tensor(&format!("{p}.w_zp"), &[], &[0]));
                inits.push(f32_tensor(&format!("{p}.y_scale"), &[], &[q.y.scale]));
                inits.push(u8_tensor(&format!("{p}.y_zp"), &[], &[q.y.zero_point]));
                let yq = format!("{p}.yq");
                let mut ins = vec![
                    xq.clone(),
                    xs.clone(),
                    xz.clone(),
                    wname.clone(),
                    format!("{p}.w_scale"),
                    format!("{p}.w_zp"),
                    format!("{p}.y_scale"),
                    format!("{p}.y_zp"),
                ];
                let op = if l.kind == Kind::Conv {
                    "QLinearConv"
                } else {
                    "QLinearMatMul"
                };
                if l.kind == Kind::MatMulLeft {
                    // QLinearMatMul(a, ..., b, ...): the weight is operand a.
                    ins.swap(0, 3);
                    ins.swap(1, 4);
                    ins.swap(2, 5);
                }
                if let Some(b) = &q.bias {
                    let s = q.x.scale * ws;
                    let bq: Vec<i32> = b.iter().map(|v| (v / s).round() as i32).collect();
                    inits.push(i32_tensor(&format!("{p}.bias_q"), &[bq.len()], &bq));
                    ins.push(format!("{p}.bias_q"));
                }
                let ins_ref: Vec<&str> = ins.iter().map(String::as_str).collect();
                let attrs = if l.kind == Kind::Conv {
                    conv_attrs
                } else {
                    vec![]
                };
                nodes.push(node(op, &format!("{p}.int8"), &ins_ref, &[&yq], attrs));
                dequantize_nodes(&mut nodes, &mut inits, &p, &yq, &l.output, q.y);
            }
            Form::IntegerRescale => {
                let acc = format!("{p}.acc");
                let (op, ins): (&str, Vec<&str>) = match l.kind {
                    Kind::Conv => ("ConvInteger", vec![&xq, &wname, &xz]),
                    Kind::MatMulRight => ("MatMulInteger", vec![&xq, &wname, &xz]),
                    Kind::MatMulLeft => ("MatMulInteger", vec![&wname, &xq, "", &xz]),
                };
                let attrs = if l.kind == Kind::Conv {
                    conv_attrs
                } else {
                    vec![]
                };
                // ConvInteger takes no zero point for the weight; an empty name skips it.
                nodes.push(node(op, &format!("{p}.int8"), &ins, &[&acc], attrs));
                nodes.push(node(
                    "Cast",
                    &format!("{p}.cast"),
                    &[&acc],
                    &[&format!("{p}.accf")],
                    vec![attr_int("to", 1)],
                ));
                let scales: Vec<f32> = if q.w_scales.len() == 1 {
                    vec![q.w_scales[0] * q.x.scale]
                } else {
                    q.w_scales.iter().map(|s| s * q.x.scale).collect()
                };
                let sdims = channel_dims(l, scales.len());
                inits.push(f32_tensor(&format!("{p}.rescale"), &sdims, &scales));
                let scaled = if q.bias.is_some() {
                    format!("{p}.scaled")
                } else {
                    l.output.clone()
                };
                nodes.push(node(
                    "Mul",
                    &format!("{p}.mul"),
                    &[&format!("{p}.accf"), &format!("{p}.rescale")],
                    &[&scaled],
                    vec![],
                ));
                if let Some(b) = &q.bias {
                    inits.push(f32_tensor(
                        &format!("{p}.bias"),
                        &channel_dims(l, b.len()),
                        b,
                    ));
                    nodes.push(node(
                        "Add",
                        &format!("{p}.add_bias"),
                        &[&scaled, &format!("{p}.bias")],
                        &[&l.output],
                        vec![],
                    ));
                }
            }
        }
    }
    g.node = nodes;
    g.initializer.extend(inits);
    let used: HashSet<String> = g
        .node
        .iter()
        .flat_map(|n| n.input.iter().cloned())
        .collect();
    let outputs: HashSet<String> = g.output.iter().map(|o| o.name.clone()).collect();
    g.initializer
        .retain(|t| used.contains(&t.name) || outputs.contains(&t.name));
    // Inputs listed for initializers (old exporters) must go with them.
    let inits: HashSet<String> = g.initializer.iter().map(|t| t.name.clone()).collect();
    let removed: HashSet<String> = model
        .graph
        .as_ref()
        .unwrap()
        .initializer
        .iter()
        .map(|t| t.name.clone())
        .filter(|n| !inits.contains(n))
        .collect();
    g.input.retain(|i| !removed.contains(&i.name));
    g.value_info.retain(|v| !removed.contains(&v.name));
    out
}

/// `QuantizeLinear(x, scale, zp)` to uint8 as `Cast(Clip(x / scale + zp + 0.5, 0, 255))`: tract
/// fuses the arithmetic into one vectorized chain and casts fast, about 2x quicker than its
/// QuantizeLinear (rounding is half-up instead of half-to-even, which only differs on exact ties).
fn quantize_nodes(
    nodes: &mut Vec<NodeProto>,
    inits: &mut Vec<tract_onnx::pb::TensorProto>,
    p: &str,
    x: &str,
    xq: &str,
    q: QParams,
) {
    inits.push(f32_tensor(
        &format!("{p}.q_inv_scale"),
        &[],
        &[1.0 / q.scale],
    ));
    inits.push(f32_tensor(
        &format!("{p}.q_offset"),
        &[],
        &[q.zero_point as f32 + 0.5],
    ));
    inits.push(f32_tensor(&format!("{p}.q_lo"), &[], &[0.0]));
    inits.push(f32_tensor(&format!("{p}.q_hi"), &[], &[255.0]));
    let t = |s: &str| format!("{p}.{s}");
    nodes.push(node(
        "Mul",
        &t("q_mul"),
        &[x, &t("q_inv_scale")],
        &[&t("q_a")],
        vec![],
    ));
    nodes.push(node(
        "Add",
        &t("q_add"),
        &[&t("q_a"), &t("q_offset")],
        &[&t("q_b")],
        vec![],
    ));
    nodes.push(node(
        "Clip",
        &t("q_clip"),
        &[&t("q_b"), &t("q_lo"), &t("q_hi")],
        &[&t("q_c")],
        vec![],
    ));
    nodes.push(node(
        "Cast",
        &t("quantize"),
        &[&t("q_c")],
        &[xq],
        vec![attr_int("to", 2)],
    ));
}

/// `DequantizeLinear(yq, scale, zp)` from uint8 as `Cast(yq) * scale - zp * scale` (tract's
/// DequantizeLinear is ~8x slower than the cast and fused multiply-add).
fn dequantize_nodes(
    nodes: &mut Vec<NodeProto>,
    inits: &mut Vec<tract_onnx::pb::TensorProto>,
    p: &str,
    yq: &str,
    y: &str,
    q: QParams,
) {
    let t = |s: &str| format!("{p}.{s}");
    inits.push(f32_tensor(&t("dq_scale"), &[], &[q.scale]));
    inits.push(f32_tensor(
        &t("dq_offset"),
        &[],
        &[-(q.zero_point as f32) * q.scale],
    ));
    nodes.push(node(
        "Cast",
        &t("dq_cast"),
        &[yq],
        &[&t("dq_f")],
        vec![attr_int("to", 1)],
    ));
    nodes.push(node(
        "Mul",
        &t("dq_mul"),
        &[&t("dq_f"), &t("dq_scale")],
        &[&t("dq_m")],
        vec![],
    ));
    nodes.push(node(
        "Add",
        &t("dequantize"),
        &[&t("dq_m"), &t("dq_offset")],
        &[y],
        vec![],
    ));
}

/// Shape for a per-output-channel (or scalar) tensor broadcasting against the layer's output.
fn channel_dims(l: &Layer, n: usize) -> Vec<usize> {
    if n == 1 {
        return vec![];
    }
    match l.kind {
        Kind::Conv => {
            let mut d = vec![n];
            d.extend(std::iter::repeat_n(1, l.weight.dims.len() - 2));
            d
        }
        Kind::MatMulRight => vec![n],
        Kind::MatMulLeft => vec![n, 1],
    }
}

fn sanitize(name: &str) -> String {
    name.trim_start_matches('/').replace('/', ".")
}
