//! Seeded Gaussian noise addressed by position, so chunking never changes a rendering.

/// One standard-normal value for `(seed, index)`; the same pair always gives the same value.
pub fn normal(seed: u64, index: u64) -> f32 {
    let a = splitmix64(seed ^ splitmix64(index));
    let b = splitmix64(a);
    let u1 = ((a >> 11) as f64 + 0.5) / (1u64 << 53) as f64;
    let u2 = (b >> 11) as f64 / (1u64 << 53) as f64;
    ((-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()) as f32
}

fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noise_is_standard_normal_and_repeatable() {
        let n = 200_000u64;
        let xs: Vec<f64> = (0..n).map(|i| normal(7, i) as f64).collect();
        let mean = xs.iter().sum::<f64>() / n as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
        assert!(mean.abs() < 0.01, "mean {mean}");
        assert!((var - 1.0).abs() < 0.02, "variance {var}");
        assert_eq!(normal(7, 12345), normal(7, 12345));
        assert_ne!(normal(7, 12345), normal(8, 12345));
    }
}
