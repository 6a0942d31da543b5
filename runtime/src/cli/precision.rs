//! `--precision auto|int8|fp32` and the CPU check behind `auto`.

use sotto::voice::{Precision, VoicePack};

/// Precision on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PrecisionArg {
    /// int8 where the pack has it and this CPU runs int8 kernels fast, else fp32
    Auto,
    /// 8-bit integer models where the pack has them
    Int8,
    /// 32-bit float models
    Fp32,
}

/// Resolves `auto` for `pack` on this CPU, or fp32 on a GPU (`tract-cuda` runs no quantized
/// operators); says what it chose when `verbose`.
pub fn choose_precision(
    arg: PrecisionArg,
    pack: &VoicePack,
    gpu: bool,
    verbose: bool,
) -> Precision {
    let has_int8 = pack
        .manifest()
        .models
        .iter()
        .any(|m| m.precision == Precision::Int8);
    let (p, why) = match arg {
        PrecisionArg::Fp32 => (Precision::Fp32, "asked for".to_string()),
        PrecisionArg::Int8 => (Precision::Int8, "asked for".to_string()),
        PrecisionArg::Auto if !has_int8 => (Precision::Fp32, "the voice has no int8 models".into()),
        PrecisionArg::Auto if gpu => (Precision::Fp32, "the GPU runs fp32 models".into()),
        PrecisionArg::Auto => match sotto::cpu::fast_int8() {
            Some(kernel) => (Precision::Int8, format!("this CPU has {kernel}")),
            None => (Precision::Fp32, "this CPU lacks fast int8 kernels".into()),
        },
    };
    if verbose {
        eprintln!("sotto: precision {p:?} ({why})");
    }
    p
}
