//! Streaming inverse STFT with overlap-add, for vocoders that predict one spectrum per frame.
//!
//! Frame `f`'s spectrum is centred on sample `hop * f + center`; its inverse FFT is windowed
//! by a periodic Hann window and added into the output, which is divided by the sum of squared
//! windows covering each sample (exact reconstruction for a spectrum taken with the same
//! window). Samples are handed out as soon as no later frame can touch them.

use std::sync::Arc;

use rustfft::num_complex::Complex32;
use rustfft::{Fft, FftPlanner};
use serde::{Deserialize, Serialize};

/// Window-energy sums below this leave the sample at zero.
pub const MIN_WINDOW_SUM: f32 = 1e-8;

/// Framing of a spectral vocoder's output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IstftSpec {
    /// FFT size; the model outputs `n_fft / 2 + 1` real parts then as many imaginary parts.
    pub n_fft: usize,
    /// Samples between frames (the mel hop).
    pub hop: usize,
    /// Sample offset of frame 0's centre.
    pub center: usize,
}

/// Streaming overlap-add synthesis.
pub struct Istft {
    spec: IstftSpec,
    ifft: Arc<dyn Fft<f32>>,
    window: Vec<f32>,
    buf: Vec<Complex32>,
    scratch: Vec<Complex32>,
    acc: Vec<f32>,
    wsum: Vec<f32>,
    base: usize,
}

impl std::fmt::Debug for Istft {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Istft").field("spec", &self.spec).finish()
    }
}

impl Istft {
    /// Synthesis for `spec`.
    pub fn new(spec: IstftSpec) -> Self {
        let n = spec.n_fft;
        let ifft = FftPlanner::new().plan_fft_inverse(n);
        let window = (0..n)
            .map(|i| (0.5 - 0.5 * (std::f64::consts::TAU * i as f64 / n as f64).cos()) as f32)
            .collect();
        Self {
            scratch: vec![Complex32::default(); ifft.get_inplace_scratch_len()],
            buf: vec![Complex32::default(); n],
            ifft,
            window,
            acc: Vec::new(),
            wsum: Vec::new(),
            base: 0,
            spec,
        }
    }

    /// The framing.
    pub fn spec(&self) -> IstftSpec {
        self.spec
    }

    /// Bins per frame (`n_fft / 2 + 1`).
    pub fn bins(&self) -> usize {
        self.spec.n_fft / 2 + 1
    }

    /// Adds frame `f` given its real and imaginary parts.
    pub fn add_frame(&mut self, f: usize, re: &[f32], im: &[f32]) {
        let (n, bins) = (self.spec.n_fft, self.bins());
        for k in 0..bins {
            self.buf[k] = Complex32::new(re[k], im[k]);
        }
        self.buf[0].im = 0.0;
        self.buf[bins - 1].im = 0.0;
        for k in bins..n {
            self.buf[k] = self.buf[n - k].conj();
        }
        self.ifft
            .process_with_scratch(&mut self.buf, &mut self.scratch);
        let scale = 1.0 / n as f32;
        let start = (self.spec.hop * f + self.spec.center) as isize - (n / 2) as isize;
        for i in 0..n {
            let pos = start + i as isize;
            if pos < self.base as isize {
                continue;
            }
            let at = pos as usize - self.base;
            if at >= self.acc.len() {
                self.acc.resize(at + 1, 0.0);
                self.wsum.resize(at + 1, 0.0);
            }
            let w = self.window[i];
            self.acc[at] += self.buf[i].re * scale * w;
            self.wsum[at] += w * w;
        }
    }

    /// First sample that frame `f + 1` (the next one) would touch: everything before it is final
    /// once frame `f` has been added.
    pub fn final_before(&self, f: usize) -> usize {
        (self.spec.hop * (f + 1) + self.spec.center).saturating_sub(self.spec.n_fft / 2)
    }

    /// Hands out samples `[emitted, upto)`, normalised, to `out`.
    pub fn drain(&mut self, upto: usize, out: &mut Vec<f32>) {
        out.clear();
        if upto <= self.base {
            return;
        }
        let n = (upto - self.base).min(self.acc.len());
        out.extend(self.acc[..n].iter().zip(&self.wsum[..n]).map(|(&a, &w)| {
            if w > MIN_WINDOW_SUM {
                a / w
            } else {
                0.0
            }
        }));
        out.resize(upto - self.base, 0.0);
        self.acc.drain(..n);
        self.wsum.drain(..n);
        self.base = upto;
    }

    /// Forgets the stream.
    pub fn reset(&mut self) {
        self.acc.clear();
        self.wsum.clear();
        self.base = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: IstftSpec = IstftSpec {
        n_fft: 64,
        hop: 16,
        center: 8,
    };

    /// Analysis with the same framing (frame f centred on hop * f + center, zeros outside).
    fn analyze(x: &[f32], frames: usize) -> Vec<(Vec<f32>, Vec<f32>)> {
        let n = SPEC.n_fft;
        let fft = FftPlanner::<f32>::new().plan_fft_forward(n);
        let w: Vec<f32> = (0..n)
            .map(|i| (0.5 - 0.5 * (std::f64::consts::TAU * i as f64 / n as f64).cos()) as f32)
            .collect();
        (0..frames)
            .map(|f| {
                let start = (SPEC.hop * f + SPEC.center) as isize - (n / 2) as isize;
                let mut buf: Vec<Complex32> = (0..n)
                    .map(|i| {
                        let p = start + i as isize;
                        let v = if p >= 0 && (p as usize) < x.len() {
                            x[p as usize]
                        } else {
                            0.0
                        };
                        Complex32::new(v * w[i], 0.0)
                    })
                    .collect();
                fft.process(&mut buf);
                let bins = n / 2 + 1;
                (
                    buf[..bins].iter().map(|c| c.re).collect(),
                    buf[..bins].iter().map(|c| c.im).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn synthesis_inverts_analysis_with_the_same_framing() {
        let frames = 20;
        let x: Vec<f32> = (0..frames * SPEC.hop)
            .map(|i| (i as f32 * 0.3).sin() + (i as f32 * 0.071).cos())
            .collect();
        let spectra = analyze(&x, frames);
        let mut s = Istft::new(SPEC);
        let mut y = Vec::new();
        let mut piece = Vec::new();
        for (f, (re, im)) in spectra.iter().enumerate() {
            s.add_frame(f, re, im);
            s.drain(s.final_before(f), &mut piece);
            y.extend_from_slice(&piece);
        }
        s.drain(frames * SPEC.hop, &mut piece);
        y.extend_from_slice(&piece);
        assert_eq!(y.len(), x.len());
        let worst = x
            .iter()
            .zip(&y)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0f32, f32::max);
        assert!(worst < 1e-4, "max error {worst}");
    }
}
