//! What the running CPU offers tract's int8 kernels.

/// The fast int8 matrix kernel family this CPU supports, if any: AMX or AVX-512 VNNI on
/// x86-64, the dot-product extension on aarch64.
pub fn fast_int8() -> Option<&'static str> {
    #[cfg(target_arch = "x86_64")]
    {
        if amx_int8() {
            return Some("AMX int8");
        }
        if std::arch::is_x86_feature_detected!("avx512vnni") {
            return Some("AVX-512 VNNI");
        }
        None
    }
    #[cfg(target_arch = "aarch64")]
    {
        if std::arch::is_aarch64_feature_detected!("dotprod") {
            return Some("aarch64 dot product");
        }
        None
    }
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    {
        None
    }
}

/// CPUID leaf 7 reports AMX-INT8 in EDX bit 25.
#[cfg(target_arch = "x86_64")]
fn amx_int8() -> bool {
    const AMX_INT8_BIT: u32 = 1 << 25;
    let leaf = std::arch::x86_64::__cpuid_count(7, 0);
    leaf.edx & AMX_INT8_BIT != 0
}
