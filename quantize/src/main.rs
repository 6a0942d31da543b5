//! `sotto-quantize MODEL.onnx --calib DIR -o OUT.onnx`: int8 quantization for tract.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, ValueEnum};

use sotto_quantize::{calib, onnx, quantize, Method, Options, Weights};

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
    #[arg(long)]
    calib: PathBuf,
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
    let mut samples = calib::load_samples(&cli.calib, &specs)?;
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

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("sotto-quantize: {e:#}");
            ExitCode::FAILURE
        }
    }
}
