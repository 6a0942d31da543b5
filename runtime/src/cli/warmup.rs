//! `sotto warmup`: opens the device and loads the voice once, so that the GPU kernels are
//! compiled and cached at install time rather than on the first sentence.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;
use sotto::synth::{LoadOptions, Synthesizer};

use super::precision::{choose_precision, PrecisionArg};
use super::voice::VoiceArgs;

/// Arguments of `sotto warmup`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Say what was done and what was cached, on stderr
    #[arg(short, long)]
    verbose: bool,
    /// Model precision
    #[arg(long, value_enum, default_value_t = PrecisionArg::Auto)]
    precision: PrecisionArg,
    #[command(flatten)]
    voice: VoiceArgs,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let pack = args.voice.open()?;
    let started = Instant::now();
    let device = args.voice.device(args.verbose)?;
    let opened = started.elapsed();
    let precision = choose_precision(args.precision, &pack, device.is_gpu(), args.verbose)?;
    Synthesizer::load_selected(
        &pack,
        &LoadOptions {
            precision,
            vocoder: args.voice.vocoder.as_deref(),
            device: args.voice.device.into(),
            user_lexicon: None,
        },
        &device,
    )?;
    args.voice.report_late_fallback(&device);
    let on = if device.is_gpu() { "gpu" } else { "cpu" };
    eprintln!(
        "sotto: warm: device {on} opened in {:.1} s, voice {} loaded in {:.1} s",
        opened.as_secs_f64(),
        pack.dir().display(),
        (started.elapsed() - opened).as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
