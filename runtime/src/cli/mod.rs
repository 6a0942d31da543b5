//! Command-line parsing and dispatch; exit codes live here.

mod compare;
mod marks;
mod normalize;
mod output;
mod phonemize;
mod precision;
mod resynth;
mod say;
#[cfg(feature = "serve")]
mod serve;
mod ssml_input;
mod text_input;
mod voice;
mod warmup;

use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};

/// Exit code of a run that failed.
pub const EXIT_FAILURE: ExitCode = ExitCode::FAILURE;

/// On-device English text-to-speech.
#[derive(Debug, Parser)]
#[command(name = "sotto", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Speak text with a voice pack
    Say(say::Args),
    /// Print the spoken form (words) of text, one sentence per line
    Normalize(normalize::Args),
    /// Print the phonemes (or phoneme ids) of text, one sentence per line
    Phonemize(phonemize::Args),
    /// Re-synthesize a WAV file through mel analysis and the vocoder
    Resynth(resynth::Args),
    /// Compare two renderings (files or directories of WAVs): SNR and largest difference
    Compare(compare::Args),
    /// Compile the GPU kernels and load the voice once, so later runs start fast
    Warmup(warmup::Args),
    /// Serve speech over HTTP (OpenAI-compatible) and the Wyoming protocol
    #[cfg(feature = "serve")]
    Serve(serve::Args),
}

/// Parses the command line and runs it.
pub fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Say(args) => say::run(args),
        Command::Normalize(args) => normalize::run(args),
        Command::Phonemize(args) => phonemize::run(args),
        Command::Resynth(args) => resynth::run(args),
        Command::Warmup(args) => warmup::run(args),
        Command::Compare(args) => compare::run(args),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::run(args),
    }
}
