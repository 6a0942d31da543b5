//! `--precision auto|int8|fp32`, resolved by the library when it opens the voice
//! ([`sotto::PrecisionPolicy`]).

use sotto::{Precision, PrecisionPolicy};

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

/// Says which precision the library chose and why, when `verbose`.
pub fn say_precision((p, why): (Precision, &str), verbose: bool) {
    if verbose {
        eprintln!("sotto: precision {p} ({why})");
    }
}
