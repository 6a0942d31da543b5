//! `sotto-quantize MODEL.onnx --calib DIR -o OUT.onnx`: int8 quantization for tract.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, ValueEnum};

use sotto_quantize::{
    calib, chain, npy, onnx, quantize, run_all, snr_outputs, Method, Options, Weights,
};

#[derive(Clone, Copy, Debug, ValueEnum)]
enum MethodArg {
    Minmax,
    Percentile,
    Mse,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum WeightsArg {
    PerTensor,
    PerChannel,
    Auto,
}

/// Quantize an fp32 ONNX model to int8 forms that tract runs on integer kernels, calibrated on
/// real inputs, keeping in f32 every layer where int8 is slower or too inaccurate.
#[derive(Parser, Debug)]
#[command(name = "sotto-quantize", version)]
struct Cli {
    /// The fp32 ONNX model.
    model: PathBuf,
    /// Calibration inputs: a directory of .npy files (NAME.npy for one-input models, otherwise
    /// NAME.INPUT.npy per model input).
    #[arg(long, required_unless_present = "ranges")]
    calib: Option<PathBuf>,
    /// A quantization-aware model's ranges file (JSON `{"tensors": {NAME: [lo, hi]}}`): every
    /// layer reading a named tensor goes int8 with exactly those ranges and per-tensor max-abs
    /// weights, consecutive layers chained in u8; no calibration or selection. With --calib,
    /// the int8 model's SNR against f32 on those inputs is reported.
    #[arg(long)]
    ranges: Option<PathBuf>,
    /// With --ranges: reference outputs (NAME.npy for each --calib sample NAME, e.g. the
    /// fake-quantized training model's), against which the int8 model's SNR is reported.
    #[arg(long, requires = "ranges")]
    expected: Option<PathBuf>,
    /// Held-out inputs (same layout), only evaluated.
    #[arg(long)]
    heldout: Option<PathBuf>,
    /// Where to write the int8 model.
    #[arg(short, long)]
    output: PathBuf,
    /// Activation range method.
    #[arg(long, value_enum, default_value = "mse")]
    method: MethodArg,
    /// Percentile for --method percentile.
    #[arg(long, default_value_t = 99.99)]
    percentile: f64,
    /// Weight scale granularity.
    #[arg(long, value_enum, default_value = "auto")]
    weights: WeightsArg,
    /// Minimum SNR of the int8 model vs fp32 on the calibration set, dB.
    #[arg(long, default_value_t = 30.0)]
    min_snr: f64,
    /// For audio outputs (last axis >= 4096 samples): maximum log-spectral distance vs fp32 on
    /// the calibration set, dB.
    #[arg(long)]
    max_lsd: Option<f64>,
    /// Layers (node names) kept in f32, comma separated (`all` for every layer).
    #[arg(long, value_delimiter = ',')]
    keep_f32: Vec<String>,
    /// Layers (node names) forced to int8, comma separated (`all` for every layer).
    #[arg(long, value_delimiter = ',')]
    force_int8: Vec<String>,
    /// Disable cross-layer equalization.
    #[arg(long)]
    no_equalize: bool,
    /// Disable bias correction.
    #[arg(long)]
    no_bias_correction: bool,
    /// Store the weights of `Gemm` layers (computed in f32) as per-tensor int8 behind a
    /// `DequantizeLinear` that tract folds at load: a smaller file, the same f32 arithmetic on
    /// weights rounded to 8 bits.
    #[arg(long)]
    gemm_weights_int8: bool,
    /// int8 is used for a layer only if its time alone is at most this fraction of f32's.
    #[arg(long, default_value_t = 0.9)]
    max_time_ratio: f64,
    /// Calibration samples used by each per-layer sensitivity run.
    #[arg(long, default_value_t = 2)]
    sensitivity_samples: usize,
    /// Skip the per-layer sensitivity runs (every fast-enough layer then counts as error-free;
    /// useful with --force-int8 all).
    #[arg(long)]
    no_sensitivity: bool,
    /// Use at most this many calibration samples.
    #[arg(long)]
    max_samples: Option<usize>,
    /// Write the report as JSON here (the text report goes to stdout).
    #[arg(long)]
    report: Option<PathBuf>,
    /// Progress on stderr.
    #[arg(short, long)]
    verbose: bool,
}

fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    let model = onnx::load_model(&cli.model)?;
    let specs = calib::input_specs(model.graph.as_ref().expect("checked at load"));
    if let Some(ranges) = &cli.ranges {
        return run_ranges(&cli, &model, &specs, ranges);
    }
    let calib_dir = cli
        .calib
        .as_ref()
        .expect("clap requires --calib without --ranges");
    let mut samples = calib::load_samples(calib_dir, &specs)?;
    if let Some(n) = cli.max_samples {
        samples.truncate(n.max(1));
    }
    let heldout = match &cli.heldout {
        Some(d) => calib::load_samples(d, &specs)?,
        None => vec![],
    };
    let opts = Options {
        method: match cli.method {
            MethodArg::Minmax => Method::MinMax,
            MethodArg::Percentile => Method::Percentile(cli.percentile),
            MethodArg::Mse => Method::Mse,
        },
        min_snr_db: cli.min_snr,
        max_lsd_db: cli.max_lsd,
        keep_f32: cli.keep_f32,
        force_int8: cli.force_int8,
        weights: match cli.weights {
            WeightsArg::PerTensor => Weights::PerTensor,
            WeightsArg::PerChannel => Weights::PerChannel,
            WeightsArg::Auto => Weights::Auto,
        },
        equalize: !cli.no_equalize,
        bias_correction: !cli.no_bias_correction,
        gemm_weights_int8: cli.gemm_weights_int8,
        max_time_ratio: cli.max_time_ratio,
        sensitivity_samples: cli.sensitivity_samples,
        skip_sensitivity: cli.no_sensitivity,
        verbose: cli.verbose,
        ..Options::default()
    };
    let (qmodel, report) = quantize(&model, &samples, &heldout, &opts)
        .with_context(|| format!("quantizing {}", cli.model.display()))?;
    onnx::save_model(&qmodel, &cli.output)?;
    print!("{}", report.to_text());
    if let Some(p) = &cli.report {
        std::fs::write(p, report.to_json()).with_context(|| format!("writing {}", p.display()))?;
    }
    let lsd_ok = match (cli.max_lsd, report.lsd_calibration_db) {
        (Some(max), Some(l)) => l <= max,
        _ => true,
    };
    Ok(
        if (report.snr_calibration_db >= cli.min_snr && lsd_ok) || report.layers_int8 == 0 {
            ExitCode::SUCCESS
        } else {
            eprintln!(
            "warning: forced layers keep the SNR at {:.1} dB (--min-snr {}), log-spectral distance {:?} dB (--max-lsd {:?})",
            report.snr_calibration_db, cli.min_snr, report.lsd_calibration_db, cli.max_lsd
        );
            ExitCode::from(2)
        },
    )
}

/// `--ranges`: the integer graph of a quantization-aware model, checked on `--calib` inputs.
fn run_ranges(
    cli: &Cli,
    model: &tract_onnx::pb::ModelProto,
    specs: &[calib::InputSpec],
    ranges: &std::path::Path,
) -> Result<ExitCode> {
    let ranges = chain::Ranges::load(ranges)?;
    let (qmodel, layers) = chain::quantize_with_ranges(model, &ranges)
        .with_context(|| format!("quantizing {}", cli.model.display()))?;
    onnx::save_model(&qmodel, &cli.output)?;
    for l in &layers {
        println!(
            "{:<28} {:<16} in scale {:.5} zp {:>3}  out {}  w scale {:.6}",
            l.name,
            format!("{:?}", l.form),
            l.input.scale,
            l.input.zero_point,
            l.output.map_or("f32 (i32 rescaled)".into(), |y| format!(
                "scale {:.5} zp {:>3}",
                y.scale, y.zero_point
            )),
            l.weight_scale
        );
    }
    let size = |m: &tract_onnx::pb::ModelProto| onnx::encode_model(m).len() as f64;
    println!(
        "{} layers int8; size {:.1} MB -> {:.1} MB (x{:.2})",
        layers.len(),
        size(model) / 1e6,
        size(&qmodel) / 1e6,
        size(&qmodel) / size(model)
    );
    if let Some(dir) = &cli.calib {
        let samples = calib::load_samples(dir, specs)?;
        let f32_out = run_all(model, &samples, "the f32 model")?;
        let int8_out = run_all(&qmodel, &samples, "the int8 model")?;
        println!(
            "int8 vs f32 on {}: SNR {:.1} dB",
            dir.display(),
            snr_outputs(&f32_out, &int8_out)
        );
        if let Some(exp) = &cli.expected {
            let expected = samples
                .iter()
                .map(|s| {
                    let p = exp.join(format!("{}.npy", s.name));
                    npy::read_npy(&p).map(|t| vec![t])
                })
                .collect::<Result<Vec<_>, _>>()?;
            println!(
                "int8 vs {}: SNR {:.1} dB",
                exp.display(),
                snr_outputs(&expected, &int8_out)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("sotto-quantize: {e:#}");
            ExitCode::FAILURE
        }
    }
}
