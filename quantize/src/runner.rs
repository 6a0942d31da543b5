//! Running ONNX protobufs in tract with concrete input shapes, the way the runtime plans them
//! (decluttered, then optimized by the default CPU runtime).

use std::time::Instant;

use tract_onnx::pb::{ModelProto, ValueInfoProto};
use tract_onnx::prelude::*;
use tract_onnx::tract_core::runtime::{DefaultRuntime, Runnable, Runtime, State};

use crate::error::QuantError;

/// A planned model and a live state.
pub struct Plan {
    state: Box<dyn State>,
    _plan: Box<dyn Runnable>,
    /// Operator names of the optimized model, for checks ("is an integer kernel present?").
    pub op_names: Vec<String>,
    /// Node names of the optimized model, parallel to `op_names`.
    pub node_names: Vec<String>,
}

/// Plans `proto` for inputs shaped like `sample`. `extra_outputs` are tensor names appended to
/// the graph outputs (for calibration).
pub fn plan(
    proto: &ModelProto,
    sample: &[Tensor],
    extra_outputs: &[String],
    what: &str,
) -> Result<Plan, QuantError> {
    let mut proto = proto.clone();
    if !extra_outputs.is_empty() {
        let g = proto.graph.as_mut().expect("checked at load");
        for name in extra_outputs {
            if !g.output.iter().any(|o| &o.name == name) {
                g.output.push(ValueInfoProto {
                    name: name.clone(),
                    ..Default::default()
                });
            }
        }
    }
    let fail = |e: &dyn std::fmt::Display| QuantError::tract(format!("load {what}"), e);
    let mut model = tract_onnx::onnx()
        .model_for_proto_model(&proto)
        .map_err(|e| fail(&e))?;
    for (ix, t) in sample.iter().enumerate() {
        model
            .set_input_fact(ix, InferenceFact::dt_shape(t.datum_type(), t.shape()))
            .map_err(|e| fail(&e))?;
    }
    let typed = model
        .into_typed()
        .and_then(|m| m.into_decluttered())
        .map_err(|e| fail(&e))?;
    let optimized = typed.into_optimized().map_err(|e| fail(&e))?;
    let op_names = optimized
        .nodes()
        .iter()
        .map(|n| n.op().name().to_string())
        .collect();
    let node_names = optimized.nodes().iter().map(|n| n.name.clone()).collect();
    let plan = DefaultRuntime.prepare(optimized).map_err(|e| fail(&e))?;
    let state = plan.spawn().map_err(|e| fail(&e))?;
    Ok(Plan {
        state,
        _plan: plan,
        op_names,
        node_names,
    })
}

impl Plan {
    pub fn run(&mut self, inputs: &[Tensor]) -> Result<Vec<Tensor>, QuantError> {
        let out = self
            .state
            .run(inputs.iter().map(|t| t.clone().into_tvalue()).collect())
            .map_err(|e| QuantError::tract("run the model", e))?;
        Ok(out.into_iter().map(|v| v.into_tensor()).collect())
    }

    /// Best wall time of `reps` runs (after one warm-up), in seconds: on a shared machine the
    /// minimum is the stablest estimate of the work itself.
    pub fn time(&mut self, inputs: &[Tensor], reps: usize) -> Result<f64, QuantError> {
        let tv: TVec<TValue> = inputs.iter().map(|t| t.clone().into_tvalue()).collect();
        self.state
            .run(tv.clone())
            .map_err(|e| QuantError::tract("run the model", e))?;
        let mut times = Vec::with_capacity(reps);
        for _ in 0..reps.max(1) {
            let t0 = Instant::now();
            self.state
                .run(tv.clone())
                .map_err(|e| QuantError::tract("run the model", e))?;
            times.push(t0.elapsed().as_secs_f64());
        }
        Ok(times.into_iter().fold(f64::INFINITY, f64::min))
    }
}

/// f32 view of a tensor (casting other types).
pub fn to_f32_vec(t: &Tensor) -> Vec<f32> {
    match t.cast_to::<f32>() {
        Ok(c) => c
            .try_as_plain_ram()
            .and_then(|p| p.as_slice::<f32>().map(|s| s.to_vec()))
            .unwrap_or_default(),
        Err(_) => vec![],
    }
}

/// Per-node time of the optimized plan (best of `reps` runs after a warm-up):
/// `(node name, op name, seconds)` in plan order.
pub fn profile(
    proto: &ModelProto,
    inputs: &[Tensor],
    reps: usize,
) -> Result<Vec<(String, String, f64)>, QuantError> {
    use tract_onnx::tract_core::plan::{eval, SimplePlan, SimpleState};
    let fail = |e: &dyn std::fmt::Display| QuantError::tract("profile the model", e);
    let mut model = tract_onnx::onnx()
        .model_for_proto_model(proto)
        .map_err(|e| fail(&e))?;
    for (ix, t) in inputs.iter().enumerate() {
        model
            .set_input_fact(ix, InferenceFact::dt_shape(t.datum_type(), t.shape()))
            .map_err(|e| fail(&e))?;
    }
    let m = model.into_optimized().map_err(|e| fail(&e))?;
    let plan = SimplePlan::new(m).map_err(|e| fail(&e))?;
    let mut state = SimpleState::new(&plan).map_err(|e| fail(&e))?;
    let n = plan.model().nodes().len();
    let mut best = vec![f64::MAX; n];
    for _ in 0..reps.max(1) + 1 {
        let mut cur = vec![0f64; n];
        state
            .run_plan_with_eval(
                inputs.iter().map(|t| t.clone().into_tvalue()).collect(),
                |ctx, st, node, inp| {
                    let t0 = Instant::now();
                    let r = eval(ctx, st, node, inp);
                    cur[node.id] += t0.elapsed().as_secs_f64();
                    r
                },
            )
            .map_err(|e| fail(&e))?;
        for (b, c) in best.iter_mut().zip(&cur) {
            *b = b.min(*c);
        }
    }
    Ok(plan
        .model()
        .nodes()
        .iter()
        .map(|nd| (nd.name.clone(), nd.op().name().to_string(), best[nd.id]))
        .collect())
}
