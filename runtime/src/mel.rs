//! Log-mel analysis matching the HiFi-GAN V1 training code.
//!
//! The signal is reflect-padded by `(n_fft - hop) / 2` samples on each side, framed without
//! centering, windowed by a periodic Hann window, and each frame's magnitude spectrum
//! `sqrt(re² + im² + 1e-9)` is projected on a Slaney-normalised mel basis (librosa's default)
//! and put through `ln(max(x, 1e-5))`. A signal of `k * hop` samples gives exactly `k` frames.
//!
//! [`MelAnalyzer`] is streaming: samples go in as they arrive, frames come out as soon as the
//! samples they cover are known, and [`MelAnalyzer::finish`] applies the closing reflection.

use std::sync::Arc;

use rustfft::num_complex::Complex32;
use rustfft::{Fft, FftPlanner};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Floor applied to mel energies before the logarithm.
pub const LOG_FLOOR: f32 = 1e-5;
/// Term added under the magnitude's square root.
pub const MAGNITUDE_EPSILON: f32 = 1e-9;

/// Parameters of the mel analysis; every voice pack states the ones its models were trained on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MelConfig {
    /// Sample rate in Hz.
    pub sample_rate: u32,
    /// FFT size in samples.
    pub n_fft: usize,
    /// Hop between frames in samples.
    pub hop: usize,
    /// Window length in samples (≤ `n_fft`).
    pub win: usize,
    /// Number of mel bands.
    pub n_mels: usize,
    /// Lowest mel band edge in Hz.
    pub fmin: f32,
    /// Highest mel band edge in Hz.
    pub fmax: f32,
}

impl MelConfig {
    /// The configuration of the HiFi-GAN V1 universal generator (22050 Hz, 80 mels, hop 256).
    pub const HIFIGAN_V1: MelConfig = MelConfig {
        sample_rate: 22050,
        n_fft: 1024,
        hop: 256,
        win: 1024,
        n_mels: 80,
        fmin: 0.0,
        fmax: 8000.0,
    };

    /// Log-mel value of digital silence.
    pub fn silence() -> f32 {
        LOG_FLOOR.ln()
    }

    /// Checks that the parameters describe a computable analysis.
    pub fn validate(&self) -> Result<()> {
        let ok = self.sample_rate > 0
            && self.hop > 0
            && self.win > 0
            && self.win <= self.n_fft
            && self.n_fft >= self.hop
            && (self.n_fft - self.hop).is_multiple_of(2)
            && self.n_mels > 0
            && self.fmin >= 0.0
            && self.fmax > self.fmin
            && self.fmax <= self.sample_rate as f32 / 2.0;
        if ok {
            Ok(())
        } else {
            Err(Error::Config(format!(
                "unusable mel configuration {self:?}"
            )))
        }
    }

    fn pad(&self) -> usize {
        (self.n_fft - self.hop) / 2
    }
}

fn hz_to_mel_slaney(hz: f64) -> f64 {
    const F_SP: f64 = 200.0 / 3.0;
    const MIN_LOG_HZ: f64 = 1000.0;
    let min_log_mel = MIN_LOG_HZ / F_SP;
    let logstep = 6.4f64.ln() / 27.0;
    if hz >= MIN_LOG_HZ {
        min_log_mel + (hz / MIN_LOG_HZ).ln() / logstep
    } else {
        hz / F_SP
    }
}

fn mel_to_hz_slaney(mel: f64) -> f64 {
    const F_SP: f64 = 200.0 / 3.0;
    const MIN_LOG_HZ: f64 = 1000.0;
    let min_log_mel = MIN_LOG_HZ / F_SP;
    let logstep = 6.4f64.ln() / 27.0;
    if mel >= min_log_mel {
        MIN_LOG_HZ * (logstep * (mel - min_log_mel)).exp()
    } else {
        F_SP * mel
    }
}

/// The Slaney-normalised mel filterbank, `n_mels` rows of `n_fft / 2 + 1` weights, as
/// `librosa.filters.mel(htk=False, norm="slaney")` builds it.
pub fn mel_basis(cfg: &MelConfig) -> Vec<Vec<f32>> {
    let n_bins = cfg.n_fft / 2 + 1;
    let fft_freqs: Vec<f64> = (0..n_bins)
        .map(|k| k as f64 * cfg.sample_rate as f64 / cfg.n_fft as f64)
        .collect();
    let lo = hz_to_mel_slaney(cfg.fmin as f64);
    let hi = hz_to_mel_slaney(cfg.fmax as f64);
    let edges: Vec<f64> = (0..cfg.n_mels + 2)
        .map(|i| mel_to_hz_slaney(lo + (hi - lo) * i as f64 / (cfg.n_mels + 1) as f64))
        .collect();
    (0..cfg.n_mels)
        .map(|m| {
            let (left, center, right) = (edges[m], edges[m + 1], edges[m + 2]);
            let norm = 2.0 / (right - left);
            fft_freqs
                .iter()
                .map(|&f| {
                    let lower = (f - left) / (center - left);
                    let upper = (right - f) / (right - center);
                    (lower.min(upper).max(0.0) * norm) as f32
                })
                .collect()
        })
        .collect()
}

/// Periodic Hann window of `win` samples centred in `n_fft` (zeros outside).
fn window(cfg: &MelConfig) -> Vec<f32> {
    let offset = (cfg.n_fft - cfg.win) / 2;
    let mut w = vec![0.0f32; cfg.n_fft];
    for i in 0..cfg.win {
        let phase = 2.0 * std::f64::consts::PI * i as f64 / cfg.win as f64;
        w[offset + i] = (0.5 - 0.5 * phase.cos()) as f32;
    }
    w
}

/// Sparse row of the mel basis: first non-zero bin and its weights.
struct MelRow {
    start: usize,
    weights: Vec<f32>,
}

/// Streaming log-mel analyzer.
pub struct MelAnalyzer {
    cfg: MelConfig,
    fft: Arc<dyn Fft<f32>>,
    window: Vec<f32>,
    rows: Vec<MelRow>,
    /// Padded signal not yet consumed by a frame; `buf[0]` is the first sample of the next frame.
    buf: Vec<f32>,
    /// First samples of the signal, kept until the opening reflection can be written.
    head: Vec<f32>,
    started: bool,
    scratch: Vec<Complex32>,
    spectrum: Vec<Complex32>,
    magnitude: Vec<f32>,
}

impl MelAnalyzer {
    /// Builds an analyzer for `cfg`.
    pub fn new(cfg: &MelConfig) -> Result<Self> {
        cfg.validate()?;
        let fft = FftPlanner::new().plan_fft_forward(cfg.n_fft);
        let rows = mel_basis(cfg)
            .into_iter()
            .map(|row| {
                let start = row.iter().position(|&w| w != 0.0).unwrap_or(0);
                let end = row.iter().rposition(|&w| w != 0.0).map_or(start, |e| e + 1);
                MelRow {
                    start,
                    weights: row[start..end].to_vec(),
                }
            })
            .collect();
        Ok(Self {
            scratch: vec![Complex32::default(); fft.get_inplace_scratch_len()],
            spectrum: vec![Complex32::default(); cfg.n_fft],
            magnitude: vec![0.0; cfg.n_fft / 2 + 1],
            window: window(cfg),
            fft,
            rows,
            buf: Vec::with_capacity(cfg.n_fft * 2),
            head: Vec::with_capacity(cfg.pad() + 1),
            started: false,
            cfg: cfg.clone(),
        })
    }

    /// The analysis parameters.
    pub fn config(&self) -> &MelConfig {
        &self.cfg
    }

    /// Feeds samples; calls `emit` with each completed frame of `n_mels` log-mel values.
    pub fn push(&mut self, samples: &[f32], mut emit: impl FnMut(&[f32])) {
        let pad = self.cfg.pad();
        let mut samples = samples;
        if !self.started {
            let need = pad + 1 - self.head.len();
            let take = need.min(samples.len());
            self.head.extend_from_slice(&samples[..take]);
            samples = &samples[take..];
            if self.head.len() < pad + 1 {
                return;
            }
            self.start();
        }
        self.buf.extend_from_slice(samples);
        self.drain(&mut emit);
    }

    /// Writes the opening reflection once `pad + 1` samples are known.
    fn start(&mut self) {
        let pad = self.cfg.pad();
        for i in (1..=pad).rev() {
            self.buf.push(self.head[i]);
        }
        let head = std::mem::take(&mut self.head);
        self.buf.extend_from_slice(&head);
        self.started = true;
    }

    /// Ends the signal: applies the closing reflection and emits the remaining frames.
    ///
    /// Signals shorter than `pad + 1` samples are reflected as far as they reach and then
    /// zero-extended. The analyzer is ready for a new signal afterwards.
    pub fn finish(&mut self, mut emit: impl FnMut(&[f32])) {
        let pad = self.cfg.pad();
        if !self.started {
            let head = std::mem::take(&mut self.head);
            if head.is_empty() {
                return;
            }
            self.buf.extend(reflect_short(&head, pad));
            self.buf.extend_from_slice(&head);
            self.buf.extend(reflect_short_tail(&head, pad));
        } else {
            let n = self.buf.len();
            for i in 0..pad {
                let idx = n.checked_sub(2 + i);
                self.buf.push(idx.map_or(0.0, |j| self.buf[j]));
            }
        }
        self.drain(&mut emit);
        self.buf.clear();
        self.head.clear();
        self.started = false;
    }

    fn drain(&mut self, emit: &mut impl FnMut(&[f32])) {
        let (n_fft, hop) = (self.cfg.n_fft, self.cfg.hop);
        let mut frame = vec![0.0f32; self.cfg.n_mels];
        let mut offset = 0;
        while self.buf.len() - offset >= n_fft {
            self.frame(offset, &mut frame);
            emit(&frame);
            offset += hop;
        }
        self.buf.drain(..offset);
    }

    fn frame(&mut self, offset: usize, out: &mut [f32]) {
        let n_fft = self.cfg.n_fft;
        for (i, c) in self.spectrum.iter_mut().enumerate() {
            *c = Complex32::new(self.buf[offset + i] * self.window[i], 0.0);
        }
        self.fft
            .process_with_scratch(&mut self.spectrum, &mut self.scratch);
        for (m, c) in self
            .magnitude
            .iter_mut()
            .zip(&self.spectrum[..n_fft / 2 + 1])
        {
            *m = (c.re * c.re + c.im * c.im + MAGNITUDE_EPSILON).sqrt();
        }
        for (o, row) in out.iter_mut().zip(&self.rows) {
            let e: f32 = row
                .weights
                .iter()
                .zip(&self.magnitude[row.start..])
                .map(|(w, m)| w * m)
                .sum();
            *o = e.max(LOG_FLOOR).ln();
        }
    }

    /// Analyzes a whole signal; returns frames row-major (`frames × n_mels`).
    pub fn analyze(&mut self, samples: &[f32]) -> Vec<f32> {
        let mut out = Vec::with_capacity((samples.len() / self.cfg.hop + 1) * self.cfg.n_mels);
        self.push(samples, |f| out.extend_from_slice(f));
        self.finish(|f| out.extend_from_slice(f));
        out
    }
}

fn reflect_short(head: &[f32], pad: usize) -> Vec<f32> {
    (1..=pad)
        .rev()
        .map(|i| head.get(i).copied().unwrap_or(0.0))
        .collect()
}

fn reflect_short_tail(head: &[f32], pad: usize) -> Vec<f32> {
    let n = head.len();
    (0..pad)
        .map(|i| n.checked_sub(2 + i).map_or(0.0, |j| head[j]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signal(n: usize) -> Vec<f32> {
        (0..n)
            .map(|i| (i as f32 * 0.031).sin() * 0.5 + (i as f32 * 0.17).cos() * 0.1)
            .collect()
    }

    #[test]
    fn frame_count_is_samples_over_hop() {
        let mut a = MelAnalyzer::new(&MelConfig::HIFIGAN_V1).unwrap();
        for k in [1usize, 2, 7, 40] {
            let mel = a.analyze(&signal(k * 256));
            assert_eq!(mel.len(), k * 80, "{k} hops");
        }
    }

    #[test]
    fn streaming_matches_whole_signal() {
        let s = signal(256 * 37 + 11);
        let mut a = MelAnalyzer::new(&MelConfig::HIFIGAN_V1).unwrap();
        let whole = a.analyze(&s);
        let mut streamed = Vec::new();
        for piece in s.chunks(97) {
            a.push(piece, |f| streamed.extend_from_slice(f));
        }
        a.finish(|f| streamed.extend_from_slice(f));
        assert_eq!(whole, streamed);
    }

    #[test]
    fn tiny_signals_do_not_panic() {
        let mut a = MelAnalyzer::new(&MelConfig::HIFIGAN_V1).unwrap();
        for n in 0..5 {
            let _ = a.analyze(&signal(n));
        }
        assert!(a.analyze(&[]).is_empty());
    }

    #[test]
    fn mel_basis_rows_are_slaney_normalised() {
        let basis = mel_basis(&MelConfig::HIFIGAN_V1);
        assert_eq!(basis.len(), 80);
        assert!(basis.iter().all(|r| r.len() == 513));
        assert!(basis.iter().all(|r| r.iter().any(|&w| w > 0.0)));
    }
}
