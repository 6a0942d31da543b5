//! Which model precision `auto` means for a pack on this machine.

use crate::voice::{Precision, VoicePack};

/// The precision asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PrecisionPolicy {
    /// int8 where the pack has it and this CPU runs int8 kernels fast, else fp32 (always fp32
    /// on a GPU, which runs no quantized operators).
    #[default]
    Auto,
    /// 8-bit integer models where the pack has them.
    Int8,
    /// 32-bit float models.
    Fp32,
}

/// Resolves `policy` for `pack` on this CPU (or a GPU when `gpu`); returns the precision and
/// why it was chosen.
pub fn resolve_precision(
    policy: PrecisionPolicy,
    pack: &VoicePack,
    gpu: bool,
) -> (Precision, String) {
    let has_int8 = pack
        .manifest()
        .models
        .iter()
        .any(|m| m.precision == Precision::Int8);
    match policy {
        PrecisionPolicy::Fp32 => (Precision::Fp32, "asked for".to_string()),
        PrecisionPolicy::Int8 => (Precision::Int8, "asked for".to_string()),
        PrecisionPolicy::Auto if !has_int8 => {
            (Precision::Fp32, "the voice has no int8 models".into())
        }
        PrecisionPolicy::Auto if gpu => (Precision::Fp32, "the GPU runs fp32 models".into()),
        PrecisionPolicy::Auto => match crate::cpu::fast_int8() {
            Some(kernel) => (Precision::Int8, format!("this CPU has {kernel}")),
            None => (Precision::Fp32, "this CPU lacks fast int8 kernels".into()),
        },
    }
}
