//! Streaming band-limited resampling (windowed sinc).

/// Zero crossings of the sinc kernel on each side of a tap.
pub const ZERO_CROSSINGS: usize = 16;

/// Converts a stream from one sample rate to another.
#[derive(Debug, Clone)]
pub struct Resampler {
    from: u32,
    to: u32,
    cutoff: f64,
    half_width: f64,
    buf: Vec<f32>,
    base: u64,
    next_out: u64,
}

impl Resampler {
    /// A resampler from `from` Hz to `to` Hz (both > 0).
    pub fn new(from: u32, to: u32) -> Self {
        let cutoff = (to as f64 / from as f64).min(1.0);
        Self {
            from,
            to,
            cutoff,
            half_width: ZERO_CROSSINGS as f64 / cutoff,
            buf: Vec::new(),
            base: 0,
            next_out: 0,
        }
    }

    /// Feeds input samples; appends every output sample that no longer depends on later input.
    pub fn push(&mut self, input: &[f32], out: &mut Vec<f32>) {
        self.buf.extend_from_slice(input);
        self.drain(false, out);
    }

    /// Ends the stream (zeros beyond it) and appends the remaining output.
    pub fn finish(&mut self, out: &mut Vec<f32>) {
        self.drain(true, out);
        self.buf.clear();
        self.base = 0;
        self.next_out = 0;
    }

    fn drain(&mut self, ended: bool, out: &mut Vec<f32>) {
        let total_in = self.base + self.buf.len() as u64;
        let total_out = total_in * self.to as u64 / self.from as u64;
        loop {
            let p = self.next_out as f64 * self.from as f64 / self.to as f64;
            if ended {
                if self.next_out >= total_out {
                    break;
                }
            } else if p + self.half_width >= total_in as f64 {
                break;
            }
            out.push(self.sample(p));
            self.next_out += 1;
        }
        let p = self.next_out as f64 * self.from as f64 / self.to as f64;
        let keep = (p - self.half_width).floor().max(0.0) as u64;
        if keep > self.base {
            let n = ((keep - self.base) as usize).min(self.buf.len());
            self.buf.drain(..n);
            self.base += n as u64;
        }
    }

    fn sample(&self, p: f64) -> f32 {
        let lo = (p - self.half_width).ceil().max(self.base as f64) as u64;
        let hi = (p + self.half_width).floor() as u64;
        let mut acc = 0.0f64;
        for k in lo..=hi {
            let Some(&x) = self.buf.get((k - self.base) as usize) else {
                break;
            };
            let d = p - k as f64;
            acc += x as f64 * self.kernel(d);
        }
        acc as f32
    }

    fn kernel(&self, d: f64) -> f64 {
        let x = d * self.cutoff;
        let sinc = if x.abs() < 1e-9 {
            1.0
        } else {
            (std::f64::consts::PI * x).sin() / (std::f64::consts::PI * x)
        };
        let w = 0.5 + 0.5 * (std::f64::consts::PI * d / self.half_width).cos();
        self.cutoff * sinc * w
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tone(rate: u32, hz: f64, n: usize) -> Vec<f32> {
        (0..n)
            .map(|i| (2.0 * std::f64::consts::PI * hz * i as f64 / rate as f64).sin() as f32)
            .collect()
    }

    #[test]
    fn a_tone_survives_resampling() {
        let input = tone(48000, 440.0, 48000);
        let mut r = Resampler::new(48000, 22050);
        let mut out = Vec::new();
        for piece in input.chunks(1000) {
            r.push(piece, &mut out);
        }
        r.finish(&mut out);
        assert_eq!(out.len(), 22050);
        let expect = tone(22050, 440.0, 22050);
        let err: f64 = out[200..21800]
            .iter()
            .zip(&expect[200..21800])
            .map(|(a, b)| ((a - b) as f64).powi(2))
            .sum::<f64>()
            / 21600.0;
        assert!(err < 1e-4, "mean squared error {err}");
    }

    #[test]
    fn upsampling_keeps_length_ratio() {
        let mut r = Resampler::new(16000, 22050);
        let mut out = Vec::new();
        r.push(&tone(16000, 300.0, 16000), &mut out);
        r.finish(&mut out);
        assert_eq!(out.len(), 22050);
    }
}
