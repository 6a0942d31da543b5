//! Run-time synthesis settings and their defaults.

use crate::voice::manifest::Defaults;

/// Most flow-matching steps accepted.
pub const MAX_STEPS: usize = 64;
/// Longest duration given to one phoneme id, in frames.
pub const MAX_FRAMES_PER_ID: usize = 96;
/// Accepted range of the duration scale.
pub const LENGTH_SCALE_RANGE: (f32, f32) = (0.25, 4.0);
/// Accepted range of the noise temperature.
pub const TEMPERATURE_RANGE: (f32, f32) = (0.0, 2.0);

/// How the acoustic model renders.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Flow-matching network evaluations (Euler steps).
    pub steps: usize,
    /// Scale of the initial noise around the prior (0 = deterministic).
    pub temperature: f32,
    /// Duration scale; > 1 speaks slower.
    pub length_scale: f32,
    /// Noise seed.
    pub seed: u64,
}

impl Settings {
    /// The voice's defaults with seed 0.
    pub fn from_defaults(d: &Defaults) -> Self {
        Self {
            steps: d.steps,
            temperature: d.temperature,
            length_scale: d.length_scale,
            seed: 0,
        }
    }

    /// Checks every value is in range; names the first one that is not.
    pub fn validate(&self) -> Result<(), String> {
        if self.steps == 0 || self.steps > MAX_STEPS {
            return Err(format!(
                "steps must be a whole number from 1 to {MAX_STEPS}, got {}",
                self.steps
            ));
        }
        let (lo, hi) = TEMPERATURE_RANGE;
        if !(lo..=hi).contains(&self.temperature) {
            return Err(format!(
                "temperature must be from {lo} to {hi}, got {}",
                self.temperature
            ));
        }
        let (lo, hi) = LENGTH_SCALE_RANGE;
        if !(lo..=hi).contains(&self.length_scale) {
            return Err(format!(
                "length scale must be from {lo} to {hi}, got {}",
                self.length_scale
            ));
        }
        Ok(())
    }
}

impl std::fmt::Display for Settings {
    /// `steps 2, temperature 0.667, length scale 1, seed 0`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "steps {}, temperature {}, length scale {}, seed {}",
            self.steps, self.temperature, self.length_scale, self.seed
        )
    }
}
