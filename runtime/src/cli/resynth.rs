//! `sotto resynth`: WAV → log-mel → vocoder → WAV.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use sotto::audio::{AudioSink, Format, WavSource};
use sotto::VoiceOptions;

use super::output::Created;
use super::precision::{say_precision, PrecisionArg};
use super::voice::VoiceArgs;

/// Arguments of `sotto resynth`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Input WAV file (`-` for stdin); stereo is mixed to mono, other rates are resampled
    input: PathBuf,
    /// Output file (`-` for stdout)
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    /// Output container
    #[arg(long, value_enum, default_value_t = OutFormat::Wav)]
    format: OutFormat,
    /// Vocoder precision (fp32 where the pack has no int8 variant of the vocoder)
    #[arg(long, value_enum, default_value_t = PrecisionArg::Auto)]
    precision: PrecisionArg,
    /// Say which device runs the vocoder, on stderr
    #[arg(short, long)]
    verbose: bool,
    #[command(flatten)]
    voice: VoiceArgs,
}

/// Output container on the command line.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum OutFormat {
    /// RIFF/WAVE 16-bit PCM
    Wav,
    /// Headerless 16-bit little-endian PCM
    Raw,
}

impl From<OutFormat> for Format {
    fn from(f: OutFormat) -> Self {
        match f {
            OutFormat::Wav => Format::Wav,
            OutFormat::Raw => Format::Raw,
        }
    }
}

/// Opens `path` for writing audio (`-` is stdout).
pub fn open_sink(path: &Path, format: OutFormat, rate: u32) -> Result<AudioSink> {
    Ok(if path.as_os_str() == "-" {
        AudioSink::to_writer(Box::new(std::io::stdout().lock()), format.into(), rate)?
    } else {
        AudioSink::create(path, format.into(), rate)?
    })
}

pub fn run(args: Args) -> Result<ExitCode> {
    let opts = VoiceOptions {
        precision: args.precision.into(),
        ..args.voice.options()
    };
    let mut resynth = args.voice.open_resynthesizer(&opts, args.verbose)?;
    say_precision(resynth.precision(), args.verbose);
    let (input, label): (Box<dyn Read>, String) = if args.input.as_os_str() == "-" {
        (Box::new(std::io::stdin().lock()), "stdin".into())
    } else {
        let f = File::open(&args.input)
            .with_context(|| format!("cannot open {}", args.input.display()))?;
        (
            Box::new(BufReader::new(f)),
            args.input.display().to_string(),
        )
    };
    let mut source = WavSource::new(input, &label, resynth.sample_rate())?;
    let mut created = Created::new();
    let mut sink = open_sink(&args.output, args.format, resynth.sample_rate())?;
    created.add(&args.output);
    resynth
        .run(&mut source, &mut sink)
        .with_context(|| format!("resynthesizing {label}"))?;
    sink.finish()?;
    created.keep();
    Ok(ExitCode::SUCCESS)
}
