//! Offline int8 quantization of Sotto's ONNX models for tract.
//!
//! The pipeline ([`quantize`]): find layers tract can run on int8 kernels (Conv group 1,
//! MatMul with a constant 2-D weight), optionally equalize consecutive conv pairs across a
//! positive-homogeneous activation, calibrate activation ranges by running the f32 model in tract
//! with intermediate tensors exposed, quantize weights (symmetric int8, per tensor or per output
//! channel) with bias correction, time every layer in isolation in each form, measure every
//! layer's sensitivity (end-to-end SNR with only that layer quantized), then choose the layers and
//! forms that save the most time for the least error within an SNR budget, verify the choice end
//! to end, and report.

pub mod calib;
pub mod chain;
pub mod error;
pub mod graph;
pub mod metrics;
pub mod npy;
pub mod onnx;
pub mod quant;
pub mod report;
pub mod runner;
pub mod storage;

use std::collections::HashMap;

use tract_onnx::pb::ModelProto;
use tract_onnx::prelude::*;

pub use calib::Sample;
pub use error::{QuantError, Result};
pub use graph::Form;
pub use quant::Method;
pub use report::{LayerReport, Report};

use graph::{Layer, LayerQuant};
use quant::{activation_params, quantize_weights, snr_db};
use runner::{plan, to_f32_vec};

/// Which weight granularities (forms) may be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Weights {
    /// Only per-tensor weight scales (QLinearConv/QLinearMatMul, fastest).
    PerTensor,
    /// Only per-channel weight scales (ConvInteger/MatMulInteger + f32 rescale).
    PerChannel,
    /// Either, per layer, by measured error and time.
    Auto,
}

#[derive(Clone, Debug)]
pub struct Options {
    pub method: Method,
    /// Minimum end-to-end SNR vs f32 on the calibration set, dB.
    pub min_snr_db: f64,
    /// For audio outputs: maximum log-spectral distance vs f32 on the calibration set, dB.
    pub max_lsd_db: Option<f64>,
    pub keep_f32: Vec<String>,
    pub force_int8: Vec<String>,
    pub weights: Weights,
    pub equalize: bool,
    pub bias_correction: bool,
    /// Store `Gemm` weights as int8 (weight-only: f32 arithmetic), see [`storage`].
    pub gemm_weights_int8: bool,
    /// A layer goes int8 only if its isolated int8 time is at most this fraction of f32's.
    pub max_time_ratio: f64,
    /// Calibration samples used for the per-layer sensitivity runs.
    pub sensitivity_samples: usize,
    /// Skip per-layer sensitivity runs and predict from local layer error instead (fast).
    pub skip_sensitivity: bool,
    pub timing_reps: usize,
    /// Values kept per tensor for percentile/MSE ranges.
    pub value_sample: usize,
    /// Progress lines on stderr.
    pub verbose: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            method: Method::Mse,
            min_snr_db: 30.0,
            max_lsd_db: None,
            keep_f32: vec![],
            force_int8: vec![],
            weights: Weights::Auto,
            equalize: true,
            bias_correction: true,
            gemm_weights_int8: false,
            max_time_ratio: 0.9,
            sensitivity_samples: 2,
            skip_sensitivity: false,
            timing_reps: 5,
            value_sample: 200_000,
            verbose: false,
        }
    }
}

/// One way to run a layer in int8, with its measured cost and benefit.
#[derive(Clone, Debug)]
struct Candidate {
    layer: usize,
    quant: LayerQuant,
    /// End-to-end SNR with only this layer quantized (dB), on the sensitivity subset.
    snr_db: f64,
    time_saved_s: f64,
}

macro_rules! say {
    ($o:expr, $($t:tt)*) => { if $o.verbose { eprintln!($($t)*); } };
}

/// Quantizes `model`. `calib` drives ranges and selection; `heldout` (may be empty) is only
/// evaluated. Returns the int8 model and its report.
pub fn quantize(
    model: &ModelProto,
    calib: &[Sample],
    heldout: &[Sample],
    opts: &Options,
) -> Result<(ModelProto, Report)> {
    if calib.is_empty() {
        return Err(QuantError::Option("empty calibration set".into()));
    }
    let graph = model.graph.as_ref().expect("checked at load");
    let (layers0, skipped) = graph::find_layers(graph);
    let names: Vec<&str> = layers0.iter().map(|l| l.name.as_str()).collect();
    // `all` in either list means every layer.
    let mut opts = opts.clone();
    for list in [&mut opts.keep_f32, &mut opts.force_int8] {
        if list.iter().any(|n| n == "all") {
            *list = names.iter().map(|s| s.to_string()).collect();
        }
    }
    let opts = &opts;
    for (flag, list) in [
        ("--keep-f32", &opts.keep_f32),
        ("--force-int8", &opts.force_int8),
    ] {
        for n in list {
            if !names.contains(&n.as_str()) {
                return Err(QuantError::UnknownLayer {
                    name: n.clone(),
                    flag: flag.into(),
                    candidates: names.join(", "),
                });
            }
        }
    }
    for n in &opts.force_int8 {
        if opts.keep_f32.contains(n) {
            return Err(QuantError::Option(format!(
                "layer {n:?} is both in --keep-f32 and --force-int8"
            )));
        }
    }

    // Reference outputs of the original model.
    say!(
        opts,
        "running the f32 model on {} calibration + {} held-out samples",
        calib.len(),
        heldout.len()
    );
    let reference = run_all(model, calib, "the f32 model")?;

    // Cross-layer equalization (function-preserving up to float rounding).
    let mut fmodel = model.clone();
    let cle_pairs = if opts.equalize {
        graph::cross_layer_equalize(&mut fmodel)
    } else {
        vec![]
    };
    say!(opts, "equalized {} conv pairs", cle_pairs.len());
    let (layers, _) = graph::find_layers(fmodel.graph.as_ref().unwrap());

    // Calibration statistics.
    let mut wanted: calib::Wanted = vec![];
    for l in &layers {
        for (t, ax) in [(&l.input, l.input_channel_axis()), (&l.output, 1)] {
            if !wanted.iter().any(|(n, _)| n == t) {
                wanted.push((t.clone(), ax));
            }
        }
    }
    say!(opts, "calibrating {} tensors", wanted.len());
    let (stats, eq_out) = calib::collect(&fmodel, calib, &wanted, opts.value_sample)?;
    let cle_snr = snr_outputs(&reference, &eq_out);
    let x_shapes = input_shapes(&fmodel, &calib[0], &layers)?;

    // Quantization parameters of every layer in every allowed form.
    let forms: Vec<Form> = match opts.weights {
        Weights::PerTensor => vec![Form::Qlinear],
        Weights::PerChannel => vec![Form::IntegerRescale],
        Weights::Auto => vec![Form::Qlinear, Form::IntegerRescale],
    };
    let mse_clip = opts.method != Method::MinMax;
    let mut lq: Vec<Vec<LayerQuant>> = vec![];
    for l in &layers {
        let xs = &stats[&l.input];
        let ys = &stats[&l.output];
        let x = activation_params(xs.min, xs.max, &xs.sample, opts.method);
        let y = activation_params(ys.min, ys.max, &ys.sample, opts.method);
        let mut per_form = vec![];
        for &form in &forms {
            let per_channel = form == Form::IntegerRescale;
            let wc = l.weight_by_out_channel();
            let (qc, scales) = quantize_weights(&wc, l.cout, per_channel, mse_clip);
            let wq = from_out_channel_layout(l, &qc);
            let bias = corrected_bias(l, &qc, &scales, &xs.chan_mean(), opts.bias_correction);
            per_form.push(LayerQuant {
                form,
                x,
                y,
                wq,
                w_scales: scales,
                bias,
            });
        }
        lq.push(per_form);
    }

    // Per-layer timing in isolation.
    say!(opts, "timing {} layers in isolation", layers.len());
    let mut times: Vec<(f64, Vec<f64>)> = vec![];
    for (li, l) in layers.iter().enumerate() {
        let shape = &x_shapes[li];
        let t32 = time_layer(&fmodel, l, None, shape, opts.timing_reps)?;
        let mut tq = vec![];
        let unfoldable = l.kind == graph::Kind::Conv
            && l.kernel > 1
            && l.weight.dims.len() == 3
            && onnx::attr_is(&fmodel.graph.as_ref().unwrap().node[l.node], "strides")
                .is_none_or(|s| s.iter().all(|&v| v == 1));
        for q in lq[li].iter_mut() {
            let mut t = time_layer(&fmodel, l, Some(q), shape, opts.timing_reps)?;
            if q.form == Form::Qlinear && unfoldable {
                // Same numbers with the im2col spelled out; keep whichever tract runs faster.
                let u = LayerQuant {
                    form: Form::QlinearUnfold,
                    ..q.clone()
                };
                let tu = time_layer(&fmodel, l, Some(&u), shape, opts.timing_reps)?;
                if tu < t {
                    *q = u;
                    t = tu;
                }
            }
            tq.push(t);
        }
        say!(
            opts,
            "  {:40} f32 {:7.3} ms  int8 {:?} ms",
            l.name,
            t32 * 1e3,
            tq.iter()
                .map(|t| (t * 1e4).round() / 10.0)
                .collect::<Vec<_>>()
        );
        times.push((t32, tq));
    }

    // Per-layer sensitivity.
    let sens_n = opts.sensitivity_samples.clamp(1, calib.len());
    let sens_set = &calib[..sens_n];
    let sens_ref = &reference[..sens_n];
    let mut cands: Vec<Candidate> = vec![];
    let mut sens: HashMap<(usize, Form), f64> = HashMap::new();
    let mut sens_plans: HashMap<Vec<Vec<usize>>, ()> = HashMap::new();
    let _ = &mut sens_plans;
    for (li, l) in layers.iter().enumerate() {
        if opts.keep_f32.contains(&l.name) {
            continue;
        }
        for (fi, q) in lq[li].iter().enumerate() {
            let saved = times[li].0 - times[li].1[fi];
            let fast = times[li].1[fi] <= times[li].0 * opts.max_time_ratio;
            if !fast && !opts.force_int8.contains(&l.name) {
                continue;
            }
            let snr = if opts.skip_sensitivity {
                f64::NAN
            } else {
                let m = graph::rewrite(&fmodel, &layers, &HashMap::from([(li, q.clone())]));
                let out = run_all(
                    &m,
                    sens_set,
                    &format!("the model with only {} in int8", l.name),
                )?;
                snr_outputs(sens_ref, &out)
            };
            say!(
                opts,
                "  sensitivity {:40} {:?}: {:6.1} dB, saves {:.3} ms",
                l.name,
                q.form,
                snr,
                saved * 1e3
            );
            sens.insert((li, q.form), snr);
            cands.push(Candidate {
                layer: li,
                quant: q.clone(),
                snr_db: snr,
                time_saved_s: saved,
            });
        }
    }

    // Selection: most time saved per unit of error first, within the noise budget; verified
    // end to end and tightened until the SNR target holds.
    let noise = |snr: f64| {
        if snr.is_nan() {
            0.0
        } else {
            10f64.powf(-snr / 10.0)
        }
    };
    let mut budget = 10f64.powf(-opts.min_snr_db / 10.0);
    let mut order = cands.clone();
    order.sort_by(|a, b| {
        let ea = noise(a.snr_db) / a.time_saved_s.max(1e-9);
        let eb = noise(b.snr_db) / b.time_saved_s.max(1e-9);
        ea.total_cmp(&eb)
    });
    let forced: Vec<usize> = layers
        .iter()
        .enumerate()
        .filter(|(_, l)| opts.force_int8.contains(&l.name))
        .map(|(i, _)| i)
        .collect();
    let select = |budget: f64| -> HashMap<usize, LayerQuant> {
        let mut chosen: HashMap<usize, LayerQuant> = HashMap::new();
        let mut total = 0.0;
        for &li in &forced {
            // Forced layers take their least-noisy form.
            if let Some(c) = cands
                .iter()
                .filter(|c| c.layer == li)
                .min_by(|a, b| noise(a.snr_db).total_cmp(&noise(b.snr_db)))
            {
                total += noise(c.snr_db);
                chosen.insert(li, c.quant.clone());
            } else {
                chosen.insert(li, lq[li][0].clone());
            }
        }
        for c in &order {
            if chosen.contains_key(&c.layer) {
                continue;
            }
            if total + noise(c.snr_db) <= budget {
                total += noise(c.snr_db);
                chosen.insert(c.layer, c.quant.clone());
            }
        }
        chosen
    };
    // The int8 model for a selection, with its Gemm weights stored int8 when asked.
    let build = |chosen: &HashMap<usize, LayerQuant>| {
        let mut m = graph::rewrite(&fmodel, &layers, chosen);
        let stored = if opts.gemm_weights_int8 {
            storage::gemm_weights_int8(&mut m)
        } else {
            vec![]
        };
        (m, stored)
    };
    let mut chosen;
    let mut qmodel;
    let mut stored;
    let mut snr_calib;
    let mut lsd_calib;
    let mut attempts = 0;
    loop {
        chosen = select(budget);
        (qmodel, stored) = build(&chosen);
        let out = run_all(&qmodel, calib, "the int8 model")?;
        snr_calib = snr_outputs(&reference, &out);
        lsd_calib = lsd_outputs(&reference, &out);
        say!(
            opts,
            "selection {attempts}: {} layers int8, calibration SNR {snr_calib:.1} dB",
            chosen.len()
        );
        attempts += 1;
        let lsd_ok = match (opts.max_lsd_db, lsd_calib) {
            (Some(max), Some(l)) => l <= max,
            _ => true,
        };
        if (snr_calib >= opts.min_snr_db && lsd_ok) || chosen.len() <= forced.len() || attempts >= 6
        {
            break;
        }
        // Errors add up worse than predicted: shrink the budget by the shortfall (at least 2x).
        let shortfall = 10f64.powf((opts.min_snr_db - snr_calib) / 10.0).max(2.0);
        budget /= shortfall;
    }
    let lsd_bad = matches!((opts.max_lsd_db, lsd_calib), (Some(max), Some(l)) if l > max);
    if (snr_calib < opts.min_snr_db || lsd_bad) && chosen.len() > forced.len() {
        // Give up on the unforced layers entirely.
        chosen.retain(|li, _| forced.contains(li));
        (qmodel, stored) = build(&chosen);
        let out = run_all(&qmodel, calib, "the int8 model")?;
        snr_calib = snr_outputs(&reference, &out);
        lsd_calib = lsd_outputs(&reference, &out);
    }

    let skipped: Vec<_> = skipped
        .into_iter()
        .map(|s| match stored.contains(&s.name) {
            true => graph::Skipped {
                why: "computes in f32; weights stored int8 (--gemm-weights-int8)".into(),
                ..s
            },
            false => s,
        })
        .collect();

    // Held-out evaluation, size and speed of the whole model.
    let (snr_heldout, lsd_heldout) = if heldout.is_empty() {
        (None, None)
    } else {
        let r = run_all(model, heldout, "the f32 model")?;
        let q = run_all(&qmodel, heldout, "the int8 model")?;
        (Some(snr_outputs(&r, &q)), lsd_outputs(&r, &q))
    };
    let size_f32 = onnx::encode_model(model).len();
    let size_int8 = onnx::encode_model(&qmodel).len();
    say!(opts, "timing the whole model");
    let mut p32 = plan(model, &calib[0].inputs, &[], "the f32 model")?;
    let mut p8 = plan(&qmodel, &calib[0].inputs, &[], "the int8 model")?;
    let reps = opts.timing_reps.max(3);
    // Interleave to share machine noise fairly.
    let (mut a, mut b) = (vec![], vec![]);
    for _ in 0..reps {
        a.push(p32.time(&calib[0].inputs, 1)?);
        b.push(p8.time(&calib[0].inputs, 1)?);
    }
    let t32 = a.iter().copied().fold(f64::INFINITY, f64::min);
    let t8 = b.iter().copied().fold(f64::INFINITY, f64::min);
    // Optimized-plan ops that came from the integer layers (node names `<layer>.int8*`).
    let mut integer_ops: Vec<String> = p8
        .node_names
        .iter()
        .zip(&p8.op_names)
        .filter(|(n, _)| n.contains(".int8"))
        .map(|(_, o)| o.clone())
        .collect();
    integer_ops.sort();
    integer_ops.dedup();

    let layer_reports = layers
        .iter()
        .enumerate()
        .map(|(li, l)| {
            let ch = chosen.get(&li);
            let precision = match ch.map(|q| q.form) {
                None => "f32".to_string(),
                Some(Form::Qlinear) => "int8 (per-tensor, QLinear)".into(),
                Some(Form::QlinearUnfold) => "int8 (per-tensor, QLinear, unfolded)".into(),
                Some(Form::IntegerRescale) => "int8 (per-channel, Integer+rescale)".into(),
            };
            let reason = if opts.keep_f32.contains(&l.name) {
                "--keep-f32".to_string()
            } else if opts.force_int8.contains(&l.name) {
                "--force-int8".into()
            } else if ch.is_some() {
                "fits the SNR budget".into()
            } else if !cands.iter().any(|c| c.layer == li) {
                "int8 not faster in isolation".into()
            } else {
                "error too high for the budget".into()
            };
            let fi = |f: Form| lq[li].iter().position(|q| q.form == f);
            LayerReport {
                name: l.name.clone(),
                op: fmodel.graph.as_ref().unwrap().node[l.node].op_type.clone(),
                weight_shape: l.weight.dims.clone(),
                input_shape: x_shapes[li].clone(),
                precision,
                reason,
                snr_per_tensor_db: sens
                    .get(&(li, Form::Qlinear))
                    .or(sens.get(&(li, Form::QlinearUnfold)))
                    .copied(),
                snr_per_channel_db: sens.get(&(li, Form::IntegerRescale)).copied(),
                time_f32_ms: times[li].0 * 1e3,
                time_per_tensor_ms: fi(Form::Qlinear)
                    .or(fi(Form::QlinearUnfold))
                    .map(|i| times[li].1[i] * 1e3),
                time_per_channel_ms: fi(Form::IntegerRescale).map(|i| times[li].1[i] * 1e3),
                x_range: (stats[&l.input].min, stats[&l.input].max),
                x_scale: lq[li][0].x.scale,
            }
        })
        .collect();
    let report = Report {
        method: opts.method.name(),
        min_snr_db: opts.min_snr_db,
        max_lsd_db: opts.max_lsd_db,
        weights: opts.weights,
        equalized_pairs: cle_pairs.len(),
        equalization_snr_db: cle_snr,
        bias_correction: opts.bias_correction,
        calibration_samples: calib.len(),
        heldout_samples: heldout.len(),
        layers_total: layers.len(),
        layers_int8: chosen.len(),
        layers: layer_reports,
        skipped,
        snr_calibration_db: snr_calib,
        snr_heldout_db: snr_heldout,
        lsd_calibration_db: lsd_calib,
        lsd_heldout_db: lsd_heldout,
        size_f32_bytes: size_f32,
        size_int8_bytes: size_int8,
        size_ratio: size_int8 as f64 / size_f32 as f64,
        time_input_shape: calib[0].inputs.iter().map(|t| t.shape().to_vec()).collect(),
        time_f32_ms: t32 * 1e3,
        time_int8_ms: t8 * 1e3,
        time_ratio: t8 / t32,
        integer_ops_in_plan: integer_ops,
    };
    Ok((qmodel, report))
}

/// Runs a model on samples (one plan per distinct shape), returning the outputs.
pub fn run_all(model: &ModelProto, samples: &[Sample], what: &str) -> Result<Vec<Vec<Tensor>>> {
    let mut plans: HashMap<Vec<Vec<usize>>, runner::Plan> = HashMap::new();
    let mut outs = vec![];
    for s in samples {
        let key: Vec<Vec<usize>> = s.inputs.iter().map(|t| t.shape().to_vec()).collect();
        if !plans.contains_key(&key) {
            plans.insert(key.clone(), plan(model, &s.inputs, &[], what)?);
        }
        outs.push(plans.get_mut(&key).unwrap().run(&s.inputs)?);
    }
    Ok(outs)
}

/// SNR over all samples, the worst over model outputs.
pub fn snr_outputs(reference: &[Vec<Tensor>], test: &[Vec<Tensor>]) -> f64 {
    let n_out = reference.first().map(|r| r.len()).unwrap_or(0);
    (0..n_out)
        .map(|o| {
            let r: Vec<f32> = reference.iter().flat_map(|s| to_f32_vec(&s[o])).collect();
            let t: Vec<f32> = test.iter().flat_map(|s| to_f32_vec(&s[o])).collect();
            snr_db(&r, &t)
        })
        .fold(f64::INFINITY, f64::min)
}

/// Mean log-spectral distance (dB) over the audio-like outputs (last axis ≥ 4096 samples, at
/// most 2 rows) of all samples; None when no output looks like audio.
pub fn lsd_outputs(reference: &[Vec<Tensor>], test: &[Vec<Tensor>]) -> Option<f64> {
    let mut vals = vec![];
    for (r, t) in reference.iter().zip(test) {
        for (ro, to) in r.iter().zip(t) {
            let last = *ro.shape().last().unwrap_or(&0);
            if last < 4096 || ro.len() / last > 2 {
                continue;
            }
            let (rv, tv) = (to_f32_vec(ro), to_f32_vec(to));
            for (a, b) in rv.chunks(last).zip(tv.chunks(last)) {
                vals.extend(metrics::log_spectral_distance(a, b));
            }
        }
    }
    (!vals.is_empty()).then(|| vals.iter().sum::<f64>() / vals.len() as f64)
}

/// Shape of every layer's input for the first calibration sample.
fn input_shapes(model: &ModelProto, sample: &Sample, layers: &[Layer]) -> Result<Vec<Vec<usize>>> {
    let mut names: Vec<String> = vec![];
    for l in layers {
        if !names.contains(&l.input) {
            names.push(l.input.clone());
        }
    }
    let g = model.graph.as_ref().unwrap();
    let mut all: Vec<String> = g.output.iter().map(|o| o.name.clone()).collect();
    for n in &names {
        if !all.contains(n) {
            all.push(n.clone());
        }
    }
    let mut p = plan(model, &sample.inputs, &names, "the f32 model")?;
    let out = p.run(&sample.inputs)?;
    Ok(layers
        .iter()
        .map(|l| {
            out[all.iter().position(|n| *n == l.input).unwrap()]
                .shape()
                .to_vec()
        })
        .collect())
}

/// Inverse of [`Layer::weight_by_out_channel`].
fn from_out_channel_layout(l: &Layer, q: &[i8]) -> Vec<i8> {
    match l.kind {
        graph::Kind::Conv | graph::Kind::MatMulLeft => q.to_vec(),
        graph::Kind::MatMulRight => {
            let (k, n) = (l.weight.dims[0], l.weight.dims[1]);
            let mut out = vec![0i8; k * n];
            for i in 0..k {
                for j in 0..n {
                    out[i * n + j] = q[j * k + i];
                }
            }
            out
        }
    }
}

/// Bias after correcting the expected output shift of weight quantization:
/// `b[c] -= Σ_i,k (Ŵ - W)[c, i, k] · E[x_i]` (convs; MatMul layers have no bias input).
fn corrected_bias(
    l: &Layer,
    qc: &[i8],
    scales: &[f32],
    x_mean: &[f32],
    enabled: bool,
) -> Option<Vec<f32>> {
    if l.kind != graph::Kind::Conv {
        return None;
    }
    let mut b = l.bias.clone().unwrap_or_else(|| vec![0.0; l.cout]);
    if enabled {
        let cin = l.weight.dims[1];
        let k = l.kernel;
        if x_mean.len() == cin {
            for c in 0..l.cout {
                let s = if scales.len() == 1 {
                    scales[0]
                } else {
                    scales[c]
                };
                let mut shift = 0f64;
                for (i, &m) in x_mean.iter().enumerate() {
                    for j in 0..k {
                        let ix = (c * cin + i) * k + j;
                        shift += ((qc[ix] as f32 * s - l.weight.data[ix]) * m) as f64;
                    }
                }
                b[c] -= shift as f32;
            }
        }
    } else if l.bias.is_none() {
        return None;
    }
    Some(b)
}

/// Times one layer alone (f32 when `q` is None) on a random input of `shape`.
fn time_layer(
    model: &ModelProto,
    l: &Layer,
    q: Option<&LayerQuant>,
    shape: &[usize],
    reps: usize,
) -> Result<f64> {
    let g = model.graph.as_ref().unwrap();
    let n = &g.node[l.node];
    let mut init = vec![onnx::f32_tensor(
        &l.weight_name,
        &l.weight.dims,
        &l.weight.data,
    )];
    if let (Some(bn), Some(b)) = (&l.bias_name, &l.bias) {
        init.push(onnx::f32_tensor(bn, &[b.len()], b));
    }
    let mut node = n.clone();
    node.input[if l.kind == graph::Kind::MatMulLeft {
        1
    } else {
        0
    }] = "x".into();
    node.output = vec!["y".into()];
    node.name = l.name.clone();
    let sym: Vec<Option<i64>> = shape.iter().map(|&d| Some(d as i64)).collect();
    let gp = tract_onnx::pb::GraphProto {
        node: vec![node],
        initializer: init,
        input: vec![onnx::value_info_f32("x", &sym)],
        output: vec![tract_onnx::pb::ValueInfoProto {
            name: "y".into(),
            ..Default::default()
        }],
        name: "layer".into(),
        ..Default::default()
    };
    let m = onnx::model_from_graph(gp);
    let single = Layer {
        node: 0,
        input: "x".into(),
        output: "y".into(),
        ..l.clone()
    };
    let m = match q {
        None => m,
        Some(q) => graph::rewrite(
            &m,
            std::slice::from_ref(&single),
            &HashMap::from([(0, q.clone())]),
        ),
    };
    let len: usize = shape.iter().product();
    let data: Vec<f32> = (0..len).map(|i| (i as f32 * 0.737).sin() * 0.5).collect();
    let x = tract_ndarray::ArrayD::from_shape_vec(shape.to_vec(), data)
        .unwrap()
        .into_tensor();
    let mut p = plan(
        &m,
        std::slice::from_ref(&x),
        &[],
        &format!("layer {} alone", l.name),
    )?;
    p.time(std::slice::from_ref(&x), reps)
}
