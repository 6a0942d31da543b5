//! One ONNX graph as a tract plan with concrete input shapes, checked against its declaration,
//! and the frame layouts the networks take.

pub mod channel_norm;
pub mod cpu_plan;

use std::path::Path;
use std::sync::Arc;

use tract_onnx::prelude::*;
use tract_onnx::tract_core::runtime::{Runnable, Runtime, State};

use crate::error::{Error, Result};
use crate::voice::manifest::{DType, ModelEntry};

/// A loaded network, ready to run one chunk at a time. The plan is shared between the nets
/// [`Net::fork`] makes; each has its own run state. A chunking with a lead adds a second plan
/// for the smaller first window ([`Net::for_window`]).
pub struct Net {
    label: String,
    window: usize,
    state: Box<dyn State>,
    plan: Arc<dyn Runnable>,
    table_rows: Option<usize>,
    output_lens: Vec<Option<usize>>,
    lead: Option<Box<Net>>,
}

impl std::fmt::Debug for Net {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Net").field("label", &self.label).finish()
    }
}

impl Net {
    /// Loads `path`, checks its inputs and outputs against `entry`, fixes the chunk axis to
    /// `entry.chunk.window()` (and, for a chunking with a lead, to `lead_window()` in a second
    /// plan) and plans it on `runtime` (on the CPU as [`cpu_plan`] does).
    pub fn load(path: &Path, entry: &ModelEntry, runtime: &dyn Runtime) -> Result<Self> {
        let model = Self::parse(path, entry)?;
        let lead = match entry.chunk.lead_window() {
            Some(len) => Some(Box::new(Self::plan(model.clone(), entry, runtime, len)?)),
            None => None,
        };
        let mut net = Self::plan(model, entry, runtime, entry.chunk.window())?;
        net.lead = lead;
        Ok(net)
    }

    /// The graph of `path`, its input and output names checked against `entry`.
    fn parse(path: &Path, entry: &ModelEntry) -> Result<InferenceModel> {
        let label = entry.file.clone();
        let fail = |e: &dyn std::fmt::Display| Error::model(&label, e);
        let model = tract_onnx::onnx()
            .model_for_path(path)
            .map_err(|e| fail(&format!("not a loadable ONNX model: {e}")))?;
        let names = |outlets: &[OutletId]| -> Vec<String> {
            outlets
                .iter()
                .map(|&o| {
                    model
                        .outlet_label(o)
                        .map_or_else(|| model.node(o.node).name.clone(), str::to_string)
                })
                .collect()
        };
        let (inputs, outputs) = (names(&model.inputs), names(&model.outputs));
        let declared: Vec<&str> = entry.inputs.iter().map(|s| s.name.as_str()).collect();
        if inputs != declared {
            return Err(fail(&format!(
                "graph inputs {inputs:?} do not match the manifest's {declared:?}"
            )));
        }
        if outputs != entry.outputs {
            return Err(fail(&format!(
                "graph outputs {outputs:?} do not match the manifest's {:?}",
                entry.outputs
            )));
        }
        Ok(model)
    }

    /// `model` with its chunk axis fixed to `window`, planned on `runtime`.
    fn plan(
        mut model: InferenceModel,
        entry: &ModelEntry,
        runtime: &dyn Runtime,
        window: usize,
    ) -> Result<Self> {
        let label = entry.file.clone();
        let fail = |e: &dyn std::fmt::Display| Error::model(&label, e);
        for (ix, spec) in entry.inputs.iter().enumerate() {
            let shape: Vec<usize> = spec
                .dims
                .iter()
                .map(|&d| if d < 0 { window } else { d as usize })
                .collect();
            let dt = match spec.dtype {
                DType::F32 => f32::datum_type(),
                DType::I64 => i64::datum_type(),
            };
            let graph_dt = model
                .input_fact(ix)
                .ok()
                .and_then(|f| tract_onnx::tract_hir::infer::Factoid::concretize(&f.datum_type));
            if let Some(graph_dt) = graph_dt.filter(|g| *g != dt) {
                return Err(fail(&format!(
                    "input {} takes {graph_dt:?} in the graph, the manifest declares {}",
                    spec.name,
                    spec.dtype.name()
                )));
            }
            model
                .set_input_fact(ix, InferenceFact::dt_shape(dt, shape))
                .map_err(|e| fail(&e))?;
        }
        let on_cpu = runtime.name() == cpu_runtime().name();
        let typed = model
            .into_typed()
            .and_then(|mut m| {
                if on_cpu {
                    cpu_plan::declutter(&mut m)?;
                } else {
                    m.declutter()?;
                }
                Ok(m)
            })
            .map_err(|e| fail(&format!("shapes do not fit the declared inputs: {e}")))?;
        let table_rows = lookup_table_rows(&typed);
        let output_lens = (0..typed.outputs.len())
            .map(|i| {
                typed
                    .output_fact(i)
                    .ok()
                    .and_then(|f| f.shape.as_concrete().map(|s| s.iter().product()))
            })
            .collect();
        let plan: Arc<dyn Runnable> = if on_cpu {
            cpu_plan::plan(typed).map(|p| Arc::new(p) as Arc<dyn Runnable>)
        } else {
            runtime.prepare(typed).map(Arc::from)
        }
        .map_err(|e| fail(&e))?;
        let state = plan.spawn().map_err(|e| fail(&e))?;
        Ok(Self {
            label,
            window,
            state,
            plan,
            table_rows,
            output_lens,
            lead: None,
        })
    }

    /// A net on the same plans with its own fresh run states.
    pub fn fork(&self) -> Result<Self> {
        Ok(Self {
            label: self.label.clone(),
            window: self.window,
            state: self
                .plan
                .spawn()
                .map_err(|e| Error::model(&self.label, e))?,
            plan: Arc::clone(&self.plan),
            table_rows: self.table_rows,
            output_lens: self.output_lens.clone(),
            lead: self.lead.as_ref().map(|l| l.fork().map(Box::new)).transpose()?,
        })
    }

    /// The net planned for windows of `len` positions: this one, or its lead plan.
    pub fn for_window(&mut self, len: usize) -> Result<&mut Net> {
        if len == self.window {
            return Ok(self);
        }
        match &mut self.lead {
            Some(lead) if lead.window == len => Ok(lead),
            _ => Err(Error::model(
                &self.label,
                format!("no plan for a window of {len} positions (planned: {})", self.window),
            )),
        }
    }

    /// Rows of the graph's first constant lookup table (an embedding gathered by an input),
    /// when it has one: the indices it may be given are `0..rows`.
    pub fn table_rows(&self) -> Option<usize> {
        self.table_rows
    }

    /// Checks at load that output `index` (named `name`) of one window holds `expected`
    /// values, as `what` says it must; an output whose size tract cannot tell before running
    /// passes.
    pub fn expect_output(
        &self,
        index: usize,
        name: &str,
        expected: usize,
        what: &str,
    ) -> Result<()> {
        match self.output_lens.get(index).copied().flatten() {
            Some(n) if n != expected => Err(Error::model(
                &self.label,
                format!("output {name} gives {n} values per window, {what} needs {expected}"),
            )),
            _ => Ok(()),
        }
    }

    /// Runs one chunk.
    pub fn run(&mut self, inputs: TVec<TValue>) -> Result<TVec<TValue>> {
        self.state
            .run(inputs)
            .map_err(|e| Error::model(&self.label, format!("inference failed: {e}")))
    }

    /// The model file this net was loaded from.
    pub fn label(&self) -> &str {
        &self.label
    }
}

fn lookup_table_rows(model: &TypedModel) -> Option<usize> {
    model.nodes().iter().find_map(|node| {
        if node.op().name() != "Gather" {
            return None;
        }
        let table = model.outlet_fact(*node.inputs.first()?).ok()?;
        table.konst.as_ref()?.shape().first().copied()
    })
}

/// The `f32` contents of a network output.
pub fn f32s(value: &TValue) -> TractResult<&[f32]> {
    value.try_as_plain_ram()?.as_slice::<f32>()
}

/// The CPU runtime.
pub fn cpu_runtime() -> &'static dyn Runtime {
    static CPU: tract_onnx::tract_core::runtime::DefaultRuntime =
        tract_onnx::tract_core::runtime::DefaultRuntime;
    &CPU
}

/// Time-major `[t][c]` to channel-major `[c][t]`.
pub(crate) fn transpose_into(src: &[f32], t: usize, c: usize, dst: &mut Vec<f32>) {
    dst.clear();
    dst.resize(t * c, 0.0);
    for (ti, row) in src.chunks_exact(c).enumerate().take(t) {
        for (ci, &v) in row.iter().enumerate() {
            dst[ci * t + ti] = v;
        }
    }
}
