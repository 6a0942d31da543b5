//! Which model precision `auto` means for a pack on this machine: one table, CPU class →
//! precision, each row with the measurement behind it.

use crate::cpu::CpuClass;
use crate::error::{Error, Result};
use crate::voice::{Precision, VoicePack};

/// The precision asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PrecisionPolicy {
    /// The precision measured fastest on this CPU's class, where the pack has it: int8 on
    /// aarch64 with the dot-product extension, fp32 elsewhere (the table and its measurements
    /// are in this module's `AUTO_PRECISION`); fp32 on a GPU, which runs no quantized
    /// operators. [`crate::Voice::precision`] says what was chosen and why.
    #[default]
    Auto,
    /// 8-bit integer models where the pack has them (an error when it has none).
    Int8,
    /// 32-bit float models.
    Fp32,
}

/// What `auto` loads on each CPU class when the pack has int8 models, and why. Measured with the
/// shipped pack's int8 acoustic decoder (per-layer int8, 2026-12-02/03): aarch64 instructions of
/// the whole voice (`bench/arm-cost.sh`, `../shared/tools/icount` under qemu); x86-64 wall time
/// of the small vocoder's per-layer int8 form (2026-11-27) and of the int8 decoder (2026-12-02).
pub const AUTO_PRECISION: [(CpuClass, Precision, &str); 6] = [
    (
        CpuClass::X86Avx2,
        Precision::Fp32,
        "tract's int8 runs about 57x slower than fp32 without VNNI",
    ),
    (
        CpuClass::X86Avx512Vnni,
        Precision::Fp32,
        "int8 measured 1.02x (vocoder) and 1.0-1.19x (decoder) fp32's wall time with AVX-512 VNNI: no gain",
    ),
    (
        CpuClass::X86Amx,
        Precision::Fp32,
        "tract picks its AVX-512 VNNI kernels here too (1.02x fp32): no gain",
    ),
    (
        CpuClass::Arm64,
        Precision::Fp32,
        "the int8 decoder counted 1.12x fp32's instructions for the whole voice on Cortex-A72 (SMLAL)",
    ),
    (
        CpuClass::Arm64DotProd,
        Precision::Int8,
        "the int8 decoder counted 0.93x fp32's instructions for the whole voice on Cortex-A76 (SDOT)",
    ),
    (CpuClass::Other, Precision::Fp32, "no int8 kernels known"),
];

/// Resolves `policy` for `pack` on this CPU (or a GPU when `gpu`); returns the precision and
/// why it was chosen. Asking for int8 from a pack without int8 models is an error naming the
/// pack and what it has.
pub fn resolve_precision(
    policy: PrecisionPolicy,
    pack: &VoicePack,
    gpu: bool,
) -> Result<(Precision, String)> {
    resolve_precision_on(policy, pack, gpu, CpuClass::detect())
}

/// [`resolve_precision`] as it would resolve on a CPU of class `cpu`.
pub fn resolve_precision_on(
    policy: PrecisionPolicy,
    pack: &VoicePack,
    gpu: bool,
    cpu: CpuClass,
) -> Result<(Precision, String)> {
    let models = &pack.manifest().models;
    let has_int8 = models.iter().any(|m| m.precision == Precision::Int8);
    match policy {
        PrecisionPolicy::Fp32 => Ok((Precision::Fp32, "asked for".to_string())),
        PrecisionPolicy::Int8 if !has_int8 => Err(Error::Pack {
            pack: pack.dir().to_path_buf(),
            reason: format!(
                "has no int8 models (its models: {}); ask for fp32 or auto",
                models
                    .iter()
                    .map(|m| format!("{:?} {:?}", m.role, m.precision).to_lowercase())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }),
        PrecisionPolicy::Int8 => Ok((Precision::Int8, "asked for".to_string())),
        PrecisionPolicy::Auto if !has_int8 => {
            Ok((Precision::Fp32, "the voice has no int8 models".into()))
        }
        PrecisionPolicy::Auto if gpu => Ok((Precision::Fp32, "the GPU runs fp32 models".into())),
        PrecisionPolicy::Auto => {
            let (_, p, why) = AUTO_PRECISION
                .iter()
                .find(|(c, _, _)| *c == cpu)
                .expect("every CPU class has a row");
            Ok((*p, format!("{}: {why}", cpu.describe())))
        }
    }
}
