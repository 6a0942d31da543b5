//! Calibration sets (a directory of `.npy` files) and activation statistics collected by running
//! the f32 model in tract with intermediate tensors exposed as outputs.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use tract_onnx::pb::{tensor_shape_proto::dimension::Value, type_proto, GraphProto};
use tract_onnx::prelude::*;

use crate::error::QuantError;
use crate::npy::read_npy;
use crate::runner::{plan, to_f32_vec};

/// A declared model input.
#[derive(Clone, Debug)]
pub struct InputSpec {
    pub name: String,
    pub dtype: DatumType,
    /// -1 for symbolic dimensions.
    pub dims: Vec<i64>,
}

pub fn input_specs(graph: &GraphProto) -> Vec<InputSpec> {
    let inits: std::collections::HashSet<&str> =
        graph.initializer.iter().map(|t| t.name.as_str()).collect();
    graph
        .input
        .iter()
        .filter(|i| !inits.contains(i.name.as_str()))
        .map(|i| {
            let (dtype, dims) = match i.r#type.as_ref().and_then(|t| t.value.as_ref()) {
                Some(type_proto::Value::TensorType(t)) => {
                    let dt = match t.elem_type {
                        1 => f32::datum_type(),
                        2 => u8::datum_type(),
                        6 => i32::datum_type(),
                        7 => i64::datum_type(),
                        9 => bool::datum_type(),
                        _ => f32::datum_type(),
                    };
                    let dims = t
                        .shape
                        .as_ref()
                        .map(|s| {
                            s.dim
                                .iter()
                                .map(|d| match d.value {
                                    Some(Value::DimValue(v)) => v,
                                    _ => -1,
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    (dt, dims)
                }
                _ => (f32::datum_type(), vec![]),
            };
            InputSpec {
                name: i.name.clone(),
                dtype,
                dims,
            }
        })
        .collect()
}

/// One calibration/evaluation sample: a tensor per model input, in model input order.
#[derive(Clone, Debug)]
pub struct Sample {
    pub name: String,
    pub inputs: Vec<Tensor>,
}

/// Loads `dir`: with one model input, every `*.npy` is a sample (`NAME.npy` or
/// `NAME.INPUT.npy`); with several, files are `NAME.INPUT.npy`, grouped by NAME. Shapes and types
/// are checked against the declared inputs.
pub fn load_samples(dir: &Path, specs: &[InputSpec]) -> Result<Vec<Sample>, QuantError> {
    let entries = std::fs::read_dir(dir).map_err(|e| QuantError::Io {
        path: dir.into(),
        source: e,
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "npy"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(QuantError::EmptyCalibration { dir: dir.into() });
    }
    // sample name -> input name -> file
    let mut groups: BTreeMap<String, HashMap<String, PathBuf>> = BTreeMap::new();
    for f in files {
        let stem = f.file_stem().unwrap().to_string_lossy().to_string();
        let (sample, input) = match specs
            .iter()
            .find(|s| stem.ends_with(&format!(".{}", s.name)))
        {
            Some(s) => (
                stem[..stem.len() - s.name.len() - 1].to_string(),
                s.name.clone(),
            ),
            None if specs.len() == 1 => (stem, specs[0].name.clone()),
            None => {
                return Err(QuantError::UnnamedInput {
                    path: f.clone(),
                    inputs: specs
                        .iter()
                        .map(|s| s.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                })
            }
        };
        groups.entry(sample).or_default().insert(input, f);
    }
    let mut samples = vec![];
    for (name, files) in groups {
        let mut inputs = vec![];
        for spec in specs {
            let path = files
                .get(&spec.name)
                .ok_or_else(|| QuantError::MissingInput {
                    dir: dir.into(),
                    sample: name.clone(),
                    input: spec.name.clone(),
                })?;
            let t = read_npy(path)?;
            let t = if spec.dtype == i64::datum_type() && t.datum_type() == i32::datum_type() {
                t.cast_to::<i64>().map(|c| c.into_owned()).unwrap_or(t)
            } else {
                t
            };
            let rank_ok = spec.dims.is_empty() || spec.dims.len() == t.rank();
            let dims_ok = rank_ok
                && spec
                    .dims
                    .iter()
                    .zip(t.shape())
                    .all(|(&d, &s)| d < 0 || d as usize == s);
            if !dims_ok || t.datum_type() != spec.dtype || t.len() == 0 {
                return Err(QuantError::InputShape {
                    path: path.clone(),
                    input: spec.name.clone(),
                    detail: format!(
                        "has shape {:?} and type {:?}; the model wants {:?} ({:?}; -1 = any)",
                        t.shape(),
                        t.datum_type(),
                        spec.dims,
                        spec.dtype
                    ),
                });
            }
            inputs.push(t);
        }
        samples.push(Sample { name, inputs });
    }
    Ok(samples)
}

/// Statistics of one float tensor over the calibration set.
#[derive(Clone, Debug, Default)]
pub struct Stats {
    pub min: f32,
    pub max: f32,
    /// A strided subsample of the values (for percentile / MSE ranges).
    pub sample: Vec<f32>,
    /// Per-channel sums along the requested axis, and how many values each sums.
    pub chan_sum: Vec<f64>,
    pub chan_count: u64,
    pub count: u64,
}

impl Stats {
    pub fn chan_mean(&self) -> Vec<f32> {
        self.chan_sum
            .iter()
            .map(|s| (s / self.chan_count.max(1) as f64) as f32)
            .collect()
    }
}

/// Statistics per tensor name, and the model outputs of every sample.
pub type Collected = (HashMap<String, Stats>, Vec<Vec<Tensor>>);

/// What to collect: tensor name -> channel axis (negative from the end) for channel means.
pub type Wanted = Vec<(String, isize)>;

/// Runs the model on every sample (one tract plan per distinct input shape) and returns the
/// statistics of every wanted tensor plus the model outputs of each sample.
pub fn collect(
    model: &tract_onnx::pb::ModelProto,
    samples: &[Sample],
    wanted: &Wanted,
    sample_cap: usize,
) -> Result<Collected, QuantError> {
    let names: Vec<String> = wanted.iter().map(|(n, _)| n.clone()).collect();
    let n_out = model.graph.as_ref().unwrap().output.len();
    let mut plans: HashMap<Vec<Vec<usize>>, crate::runner::Plan> = HashMap::new();
    let mut stats: HashMap<String, Stats> = HashMap::new();
    let mut outputs = vec![];
    let per_sample = (sample_cap / samples.len().max(1)).max(1);
    for s in samples {
        let key: Vec<Vec<usize>> = s.inputs.iter().map(|t| t.shape().to_vec()).collect();
        if !plans.contains_key(&key) {
            plans.insert(
                key.clone(),
                plan(model, &s.inputs, &names, "the f32 model for calibration")?,
            );
        }
        let out = plans.get_mut(&key).unwrap().run(&s.inputs)?;
        outputs.push(out[..n_out].to_vec());
        // Extra outputs follow the model's own; names already among the outputs were not added
        // twice, so look each up by position in the final output list.
        let g = model.graph.as_ref().unwrap();
        let mut all_names: Vec<&str> = g.output.iter().map(|o| o.name.as_str()).collect();
        for n in &names {
            if !all_names.contains(&n.as_str()) {
                all_names.push(n);
            }
        }
        for (name, axis) in wanted {
            let ix = all_names.iter().position(|n| n == name).unwrap();
            let t = &out[ix];
            let v = to_f32_vec(t);
            let st = stats.entry(name.clone()).or_insert_with(|| Stats {
                min: f32::INFINITY,
                max: f32::NEG_INFINITY,
                ..Default::default()
            });
            for &x in &v {
                st.min = st.min.min(x);
                st.max = st.max.max(x);
            }
            st.count += v.len() as u64;
            let stride = (v.len() / per_sample).max(1);
            // Odd offset per sample so strided picks do not alias with channel layout.
            st.sample
                .extend(v.iter().skip(stride / 2).step_by(stride).copied());
            let rank = t.rank() as isize;
            let ax = if *axis < 0 { rank + axis } else { *axis };
            if ax >= 0 && ax < rank {
                let shape = t.shape();
                let c = shape[ax as usize];
                let inner: usize = shape[ax as usize + 1..].iter().product();
                if st.chan_sum.len() != c {
                    st.chan_sum = vec![0.0; c];
                }
                for (i, x) in v.iter().enumerate() {
                    st.chan_sum[(i / inner) % c] += *x as f64;
                }
                st.chan_count += (v.len() / c) as u64;
            }
        }
    }
    Ok((stats, outputs))
}
