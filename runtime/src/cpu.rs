//! The running CPU's class, as far as choosing model precision goes.

/// CPU classes whose int8 and fp32 kernels in tract differ in speed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CpuClass {
    /// x86-64 with AVX2 but no AVX-512 VNNI: tract's int8 runs on emulated kernels.
    X86Avx2,
    /// x86-64 with AVX-512 VNNI.
    X86Avx512Vnni,
    /// x86-64 with AMX-INT8 (Sapphire Rapids and later; VNNI too).
    X86Amx,
    /// aarch64 without the dot-product extension (Cortex-A72, Pi 4): int8 through SMLAL.
    Arm64,
    /// aarch64 with dot product (Cortex-A76/A78, Neoverse, Pi 5, Orin): tract's SDOT kernels.
    Arm64DotProd,
    /// Anything else (no int8 kernels known).
    Other,
}

impl CpuClass {
    /// The class of the CPU this process runs on.
    pub fn detect() -> CpuClass {
        #[cfg(target_arch = "x86_64")]
        {
            if amx_int8() {
                return CpuClass::X86Amx;
            }
            if std::arch::is_x86_feature_detected!("avx512vnni") {
                return CpuClass::X86Avx512Vnni;
            }
            if std::arch::is_x86_feature_detected!("avx2") {
                return CpuClass::X86Avx2;
            }
            CpuClass::Other
        }
        #[cfg(target_arch = "aarch64")]
        {
            if std::arch::is_aarch64_feature_detected!("dotprod") {
                return CpuClass::Arm64DotProd;
            }
            CpuClass::Arm64
        }
        #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
        {
            CpuClass::Other
        }
    }

    /// How the class is named in messages.
    pub fn describe(self) -> &'static str {
        match self {
            CpuClass::X86Avx2 => "x86-64 with AVX2 (no AVX-512 VNNI)",
            CpuClass::X86Avx512Vnni => "x86-64 with AVX-512 VNNI",
            CpuClass::X86Amx => "x86-64 with AMX-INT8",
            CpuClass::Arm64 => "aarch64 without dot product (Cortex-A72 class)",
            CpuClass::Arm64DotProd => "aarch64 with dot product (Cortex-A76 class)",
            CpuClass::Other => "a CPU without known int8 kernels",
        }
    }
}

/// CPUID leaf 7 reports AMX-INT8 in EDX bit 25.
#[cfg(target_arch = "x86_64")]
fn amx_int8() -> bool {
    const AMX_INT8_BIT: u32 = 1 << 25;
    let leaf = std::arch::x86_64::__cpuid_count(7, 0);
    leaf.edx & AMX_INT8_BIT != 0
}
