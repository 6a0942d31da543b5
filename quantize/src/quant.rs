//! Choosing int8 ranges: activations (min-max, percentile, MSE-optimal clipping) and weights
//! (symmetric int8, per tensor or per output channel).

use serde::{Deserialize, Serialize};

/// How activation ranges (and weight clipping) are chosen from calibration statistics.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// Observed minimum and maximum.
    MinMax,
    /// The given percentile of each tail (e.g. 99.99).
    Percentile(f64),
    /// The clipping range minimising quantization MSE on the calibration values.
    Mse,
}

impl Method {
    pub fn name(&self) -> String {
        match self {
            Method::MinMax => "minmax".into(),
            Method::Percentile(p) => format!("percentile({p})"),
            Method::Mse => "mse".into(),
        }
    }
}

/// Affine uint8 activation quantization: `x ≈ scale * (q - zero_point)`, q in 0..=255.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct QParams {
    pub scale: f32,
    pub zero_point: u8,
}

impl QParams {
    /// uint8 parameters covering `[lo, hi]` (always containing 0, so padding zeros are exact).
    pub fn from_range(lo: f32, hi: f32) -> Self {
        let lo = lo.min(0.0);
        let hi = hi.max(0.0);
        let scale = ((hi - lo) / 255.0).max(1e-8);
        let zp = (-lo / scale).round().clamp(0.0, 255.0) as u8;
        QParams {
            scale,
            zero_point: zp,
        }
    }

    pub fn fake_quant(&self, x: f32) -> f32 {
        let q = (x / self.scale).round_ties_even() + self.zero_point as f32;
        (q.clamp(0.0, 255.0) - self.zero_point as f32) * self.scale
    }
}

/// Range of an activation given its exact min/max and a subsample of its values.
pub fn activation_params(min: f32, max: f32, sample: &[f32], method: Method) -> QParams {
    match method {
        Method::MinMax => QParams::from_range(min, max),
        Method::Percentile(p) => {
            let mut s = sample.to_vec();
            if s.is_empty() {
                return QParams::from_range(min, max);
            }
            s.sort_by(|a, b| a.total_cmp(b));
            let at = |q: f64| s[((q / 100.0) * (s.len() - 1) as f64).round() as usize];
            QParams::from_range(at(100.0 - p), at(p))
        }
        Method::Mse => {
            if sample.is_empty() {
                return QParams::from_range(min, max);
            }
            // A histogram of the sample stands in for the values (bin centres, counts).
            const BINS: usize = 2048;
            let (lo, hi) = (min.min(0.0), max.max(0.0));
            let w = ((hi - lo) / BINS as f32).max(1e-12);
            let mut counts = vec![0u32; BINS];
            for &v in sample {
                counts[(((v - lo) / w) as usize).min(BINS - 1)] += 1;
            }
            let hist: Vec<(f32, f64)> = counts
                .iter()
                .enumerate()
                .filter(|(_, &c)| c > 0)
                .map(|(i, &c)| (lo + (i as f32 + 0.5) * w, c as f64))
                .collect();
            let mse = |q: &QParams| -> f64 {
                hist.iter()
                    .map(|&(v, c)| c * ((q.fake_quant(v) - v) as f64).powi(2))
                    .sum()
            };
            // Shrink each side of the range independently on a grid; keep the best MSE.
            let mut best = QParams::from_range(min, max);
            let mut best_err = mse(&best);
            let grid: Vec<f32> = (0..=20).map(|i| 1.0 - 0.035 * i as f32).collect();
            for &a in &grid {
                for &b in &grid {
                    let q = QParams::from_range(min * a, max * b);
                    let e = mse(&q);
                    if e < best_err {
                        best_err = e;
                        best = q;
                    }
                }
            }
            best
        }
    }
}

/// Symmetric int8 weights `w ≈ scale[c] * q` (q in -127..=127), `scale` per output channel
/// (`per_channel`, the first axis of `dims`) or one for the whole tensor. `mse_clip` searches a
/// clipping ratio per scale group minimising the weight MSE.
pub fn quantize_weights(
    w: &[f32],
    cout: usize,
    per_channel: bool,
    mse_clip: bool,
) -> (Vec<i8>, Vec<f32>) {
    let groups = if per_channel { cout } else { 1 };
    let chunk = w.len() / groups;
    let mut q = vec![0i8; w.len()];
    let mut scales = Vec::with_capacity(groups);
    for g in 0..groups {
        let ws = &w[g * chunk..(g + 1) * chunk];
        let amax = ws.iter().fold(0f32, |m, v| m.max(v.abs())).max(1e-12);
        let err = |s: f32| -> f64 {
            ws.iter()
                .map(|&v| {
                    let r = (v / s).round_ties_even().clamp(-127.0, 127.0) * s;
                    ((r - v) as f64).powi(2)
                })
                .sum()
        };
        let mut scale = amax / 127.0;
        if mse_clip {
            let mut best = err(scale);
            for i in 1..=30 {
                let s = amax * (1.0 - 0.02 * i as f32) / 127.0;
                let e = err(s);
                if e < best {
                    best = e;
                    scale = s;
                }
            }
        }
        for (d, &v) in q[g * chunk..(g + 1) * chunk].iter_mut().zip(ws) {
            *d = (v / scale).round_ties_even().clamp(-127.0, 127.0) as i8;
        }
        scales.push(scale);
    }
    (q, scales)
}

/// Signal-to-noise ratio of `test` against `reference` in dB (∞ when identical).
pub fn snr_db(reference: &[f32], test: &[f32]) -> f64 {
    let (mut s, mut n) = (0f64, 0f64);
    for (&r, &t) in reference.iter().zip(test) {
        s += (r as f64).powi(2);
        n += ((r - t) as f64).powi(2);
    }
    if reference.len() != test.len() {
        return f64::NEG_INFINITY;
    }
    if n == 0.0 {
        return f64::INFINITY;
    }
    10.0 * (s / n).log10()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_contains_zero_and_roundtrips() {
        let q = QParams::from_range(0.5, 2.0);
        assert_eq!(q.zero_point, 0);
        assert!((q.fake_quant(0.0)).abs() < 1e-9);
        let q = QParams::from_range(-1.0, 3.0);
        assert!((q.fake_quant(1.0) - 1.0).abs() <= q.scale / 2.0 + 1e-6);
    }

    #[test]
    fn mse_clips_outliers() {
        let mut v: Vec<f32> = (0..10000).map(|i| ((i as f32) * 0.37).sin()).collect();
        v.push(40.0);
        let mm = activation_params(-1.0, 40.0, &v, Method::MinMax);
        let mse = activation_params(-1.0, 40.0, &v, Method::Mse);
        assert!(mse.scale < mm.scale);
    }

    #[test]
    fn weights_per_channel() {
        let w = [1.0, -0.5, 0.01, 0.02];
        let (q, s) = quantize_weights(&w, 2, true, false);
        assert_eq!(q[0], 127);
        assert_eq!(q[3], 127);
        assert!((s[1] - 0.02 / 127.0).abs() < 1e-9);
    }
}
