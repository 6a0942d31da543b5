//! `--precision auto|int8|fp32`, resolved by the library ([`sotto::engine::resolve_precision`]).

use sotto::engine::{resolve_precision, PrecisionPolicy};
use sotto::voice::{Precision, VoicePack};

/// Precision on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PrecisionArg {
    /// int8 where the pack has it and it pays on this CPU (measured per CPU class), else fp32
    Auto,
    /// 8-bit integer models where the pack has them (an error when it has none)
    Int8,
    /// 32-bit float models
    Fp32,
}

impl From<PrecisionArg> for PrecisionPolicy {
    fn from(p: PrecisionArg) -> Self {
        match p {
            PrecisionArg::Auto => PrecisionPolicy::Auto,
            PrecisionArg::Int8 => PrecisionPolicy::Int8,
            PrecisionArg::Fp32 => PrecisionPolicy::Fp32,
        }
    }
}

/// Resolves `arg` for `pack` with the library's policy; says what it chose when `verbose`.
pub fn choose_precision(
    arg: PrecisionArg,
    pack: &VoicePack,
    gpu: bool,
    verbose: bool,
) -> sotto::Result<Precision> {
    let (p, why) = resolve_precision(arg.into(), pack, gpu)?;
    if verbose {
        eprintln!("sotto: precision {p} ({why})");
    }
    Ok(p)
}
