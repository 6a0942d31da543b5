//! The channel norm of the voice's networks as one CPU operator.
//!
//! Every block of the encoder, prior, decoder and small vocoder normalises each time step of its
//! `[N, C, T]` activations over the channels (`ChannelNorm` in the recipes: mean, variance,
//! scale and shift per channel). tract declutters that ONNX subgraph into `Reduce<Sum>` over
//! the channel axis, a `Mul` by `1/C`, a broadcast `Sub`, an `RmsNorm` over the channel axis and
//! the affine `Mul` and `Add`. Over an axis that is not the innermost, tract runs the reduction
//! and the norm on their generic paths, each pass allocating its output: about a fifth of each
//! network's time for well under 1% of its arithmetic.
//!
//! [`fuse`] replaces each such chain in a decluttered model by one [`ChannelNorm`] node that
//! computes the same arithmetic in place, in three passes over contiguous rows of `T` values.
//! The result equals the unfused graph's up to the rounding of its reciprocal square root.

use tract_onnx::prelude::*;
use tract_onnx::tract_core::internal::*;
use tract_onnx::tract_core::ops::binary::TypedBinOp;
use tract_onnx::tract_core::ops::nn::{Reduce, Reducer, RmsNorm};

/// Layer normalisation over one axis of an `f32` tensor, with an optional per-channel affine:
/// `y = (x - mean) / sqrt(var + eps) * scale + shift`, the mean taken as the sum times
/// `mean_factor` (the graph's own `1/C` constant).
#[derive(Clone, Debug, PartialEq)]
pub struct ChannelNorm {
    axis: usize,
    mean_factor: f32,
    eps: f32,
    affine: Option<(Vec<f32>, Vec<f32>)>,
}

// tract compares operators to merge identical nodes; a NaN constant only keeps a node unmerged.
impl Eq for ChannelNorm {}

impl Op for ChannelNorm {
    fn name(&self) -> StaticName {
        "ChannelNorm".into()
    }

    fn info(&self) -> TractResult<Vec<String>> {
        Ok(vec![format!(
            "axis: {}, eps: {}, affine: {}",
            self.axis,
            self.eps,
            self.affine.is_some()
        )])
    }

    op_as_typed_op!();
}

impl EvalOp for ChannelNorm {
    op_out_of_plan!();

    fn eval(&self, _ctx: &EvalContext, inputs: TVec<TValue>) -> TractResult<TVec<TValue>> {
        let mut x = args_1!(inputs).into_tensor();
        let shape = x.shape();
        let channels = shape[self.axis];
        let inner: usize = shape[self.axis + 1..].iter().product();
        if channels == 0 || inner == 0 {
            return Ok(tvec!(x.into_tvalue()));
        }
        let mut mean = vec![0f32; inner];
        let mut scale = vec![0f32; inner];
        let variance_factor = 1.0 / channels as f32;
        let mut view = x.try_as_plain_ram_mut()?;
        for block in view
            .as_slice_mut::<f32>()?
            .chunks_exact_mut(channels * inner)
        {
            mean.fill(0.0);
            for row in block.chunks_exact(inner) {
                mean.iter_mut().zip(row).for_each(|(m, v)| *m += v);
            }
            mean.iter_mut().for_each(|m| *m *= self.mean_factor);
            scale.fill(0.0);
            for row in block.chunks_exact(inner) {
                scale
                    .iter_mut()
                    .zip(row.iter().zip(&mean))
                    .for_each(|(s, (v, m))| *s += (v - m) * (v - m));
            }
            scale
                .iter_mut()
                .for_each(|s| *s = 1.0 / (*s * variance_factor + self.eps).sqrt());
            for (c, row) in block.chunks_exact_mut(inner).enumerate() {
                let (w, b) = self
                    .affine
                    .as_ref()
                    .map_or((1.0, 0.0), |(w, b)| (w[c], b[c]));
                row.iter_mut()
                    .zip(mean.iter().zip(&scale))
                    .for_each(|(v, (m, s))| *v = (*v - m) * s * w + b);
            }
        }
        Ok(tvec!(x.into_tvalue()))
    }
}

impl TypedOp for ChannelNorm {
    fn output_facts(&self, inputs: &[&TypedFact]) -> TractResult<TVec<TypedFact>> {
        ensure!(inputs[0].datum_type == f32::datum_type());
        Ok(tvec!(f32::fact(inputs[0].shape.clone())))
    }

    fn axes_mapping(
        &self,
        inputs: &[&TypedFact],
        _outputs: &[&TypedFact],
    ) -> TractResult<AxesMapping> {
        let axes = (0..inputs[0].rank())
            .zip('a'..)
            .map(|(ix, letter)| Axis::new(letter, 1, 1).input(0, ix).output(0, ix))
            .collect::<Vec<_>>();
        AxesMapping::new(1, 1, axes)
    }

    as_op!();
}

/// Replaces every channel-norm chain of `model` (see the module docs) by a [`ChannelNorm`]
/// node; returns how many. The replaced nodes are left for the optimizer to prune.
pub fn fuse(model: &mut TypedModel) -> TractResult<usize> {
    let found: Vec<Found> = model
        .nodes()
        .iter()
        .filter_map(|node| find(model, node))
        .collect();
    for f in &found {
        let mut patch = TypedModelPatch::new(format!("fuse channel norm {}", f.name));
        let input = patch.tap_model(model, f.input)?;
        let fused = patch.wire_node(&f.name, f.op.clone(), &[input])?[0];
        patch.shunt_outside(model, f.output, fused)?;
        patch.apply(model)?;
    }
    Ok(found.len())
}

struct Found {
    name: String,
    input: OutletId,
    output: OutletId,
    op: ChannelNorm,
}

fn find(model: &TypedModel, node: &TypedNode) -> Option<Found> {
    let rms = node.op_as::<RmsNorm>()?;
    let sub = bin_op(model, node.inputs[0], "Sub")?;
    let (x, mean) = (sub.inputs[0], sub.inputs[1]);
    let x_fact = model.outlet_fact(x).ok()?;
    if x_fact.datum_type != f32::datum_type() || rms.axis >= x_fact.rank() {
        return None;
    }
    let channels = x_fact.shape[rms.axis].to_usize().ok()?;
    let scaled = bin_op(model, mean, "Mul")?;
    let (sum, mean_factor) = match scaled.inputs.as_slice() {
        [a, b] => scalar(model, *b)
            .map(|k| (*a, k))
            .or_else(|| scalar(model, *a).map(|k| (*b, k)))?,
        _ => return None,
    };
    let reduce = model.node(sum.node).op_as::<Reduce>()?;
    if model.node(sum.node).inputs[0] != x
        || reduce.axes.as_slice() != [rms.axis]
        || reduce.reducer != Reducer::Sum
    {
        return None;
    }
    let eps = rms.eps.cast_to_scalar::<f32>().ok()?;
    let normed = OutletId::new(node.id, 0);
    let (affine, output) = affine(model, normed, rms.axis, channels)
        .map_or((None, normed), |(w, b, out)| (Some((w, b)), out));
    Some(Found {
        name: format!("{}.channel_norm", node.name),
        input: x,
        output,
        op: ChannelNorm {
            axis: rms.axis,
            mean_factor,
            eps,
            affine,
        },
    })
}

/// The per-channel `Mul` then `Add` by constants that alone consume `normed`, as the scale and
/// shift vectors and the `Add`'s output.
fn affine(
    model: &TypedModel,
    normed: OutletId,
    axis: usize,
    channels: usize,
) -> Option<(Vec<f32>, Vec<f32>, OutletId)> {
    let mul = sole_consumer(model, normed, "Mul")?;
    let scale = per_channel(model, mul, normed, axis, channels)?;
    let scaled = OutletId::new(mul.id, 0);
    let add = sole_consumer(model, scaled, "Add")?;
    let shift = per_channel(model, add, scaled, axis, channels)?;
    Some((scale, shift, OutletId::new(add.id, 0)))
}

fn sole_consumer<'m>(model: &'m TypedModel, outlet: OutletId, op: &str) -> Option<&'m TypedNode> {
    let [inlet] = model.outlet_successors(outlet) else {
        return None;
    };
    let node = model.node(inlet.node);
    (node.op_as::<TypedBinOp>()?.0.name() == op && !model.output_outlets().ok()?.contains(&outlet))
        .then_some(node)
}

/// The constant operand of the binary `node` whose other operand is `from`, when it holds one
/// value per channel along `axis` (every other dimension 1).
fn per_channel(
    model: &TypedModel,
    node: &TypedNode,
    from: OutletId,
    axis: usize,
    channels: usize,
) -> Option<Vec<f32>> {
    let other = *node.inputs.iter().find(|&&i| i != from)?;
    let konst = model.outlet_fact(other).ok()?.konst.clone()?;
    let rank = model.outlet_fact(from).ok()?.rank();
    let fits = konst.rank() == rank
        && konst.datum_type() == f32::datum_type()
        && konst
            .shape()
            .iter()
            .enumerate()
            .all(|(ix, &d)| d == if ix == axis { channels } else { 1 });
    fits.then(|| values(&konst).map(<[f32]>::to_vec))?
}

fn bin_op<'m>(model: &'m TypedModel, outlet: OutletId, op: &str) -> Option<&'m TypedNode> {
    let node = model.node(outlet.node);
    (node.op_as::<TypedBinOp>()?.0.name() == op).then_some(node)
}

fn scalar(model: &TypedModel, outlet: OutletId) -> Option<f32> {
    let konst = model.outlet_fact(outlet).ok()?.konst.clone()?;
    (konst.len() == 1 && konst.datum_type() == f32::datum_type())
        .then(|| values(&konst)?.first().copied())?
}

fn values(tensor: &Tensor) -> Option<&[f32]> {
    tensor.try_as_plain_ram().ok()?.as_slice::<f32>().ok()
}
