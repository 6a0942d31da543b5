//! `sotto warmup`: opens the device and loads the voice once, so that the GPU kernels are
//! compiled and cached at install time rather than on the first sentence.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;
use sotto::VoiceOptions;

use super::precision::{say_precision, PrecisionArg};
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
    let started = Instant::now();
    let opts = VoiceOptions {
        precision: args.precision.into(),
        ..args.voice.options()
    };
    let voice = args.voice.open_engine(&opts, args.verbose)?;
    say_precision(voice.precision(), args.verbose);
    let on = if voice.on_gpu() { "gpu" } else { "cpu" };
    eprintln!(
        "sotto: warm: device {on}, voice {} loaded in {:.1} s",
        voice.dir().display(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
