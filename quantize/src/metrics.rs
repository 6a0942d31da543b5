//! Output error measures: waveform SNR (in `quant`) and, for audio outputs, the log-spectral
//! distance, which follows what is heard better than a phase-sensitive waveform SNR.

use rustfft::{num_complex::Complex, FftPlanner};

const N_FFT: usize = 1024;
const HOP: usize = 256;
/// Spectral floor below each signal's peak power, dB (quiet bins do not dominate the distance).
const FLOOR_DB: f64 = 80.0;

fn power_db(x: &[f32], fft: &dyn rustfft::Fft<f64>, window: &[f64]) -> Vec<Vec<f64>> {
    let mut frames = vec![];
    let mut start = 0;
    while start + N_FFT <= x.len() {
        let mut buf: Vec<Complex<f64>> = (0..N_FFT)
            .map(|i| Complex::new(x[start + i] as f64 * window[i], 0.0))
            .collect();
        fft.process(&mut buf);
        frames.push(
            buf[..N_FFT / 2 + 1]
                .iter()
                .map(|c| 10.0 * (c.norm_sqr() + 1e-20).log10())
                .collect(),
        );
        start += HOP;
    }
    frames
}

/// Log-spectral distance in dB: per frame the RMS over bins of the difference of the power
/// spectra in dB (Hann 1024 / hop 256, both floored at the reference's peak − 80 dB), averaged
/// over frames. None when the signal is shorter than one frame.
pub fn log_spectral_distance(reference: &[f32], test: &[f32]) -> Option<f64> {
    if reference.len() < N_FFT || reference.len() != test.len() {
        return None;
    }
    let fft = FftPlanner::<f64>::new().plan_fft_forward(N_FFT);
    let window: Vec<f64> = (0..N_FFT)
        .map(|i| 0.5 - 0.5 * (2.0 * std::f64::consts::PI * i as f64 / N_FFT as f64).cos())
        .collect();
    let a = power_db(reference, fft.as_ref(), &window);
    let b = power_db(test, fft.as_ref(), &window);
    let peak = a.iter().flatten().fold(f64::NEG_INFINITY, |m, &v| m.max(v));
    let floor = peak - FLOOR_DB;
    let mut total = 0.0;
    for (fa, fb) in a.iter().zip(&b) {
        let ms: f64 = fa
            .iter()
            .zip(fb)
            .map(|(&x, &y)| (x.max(floor) - y.max(floor)).powi(2))
            .sum::<f64>()
            / fa.len() as f64;
        total += ms.sqrt();
    }
    Some(total / a.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_is_zero_and_noise_is_not() {
        let x: Vec<f32> = (0..8192).map(|i| (i as f32 * 0.05).sin()).collect();
        assert_eq!(log_spectral_distance(&x, &x), Some(0.0));
        let y: Vec<f32> = x
            .iter()
            .enumerate()
            .map(|(i, v)| v + 0.01 * ((i * 7919 % 101) as f32 / 50.0 - 1.0))
            .collect();
        assert!(log_spectral_distance(&x, &y).unwrap() > 1.0);
        assert_eq!(log_spectral_distance(&x[..100], &y[..100]), None);
    }
}
