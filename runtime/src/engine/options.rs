//! What the engine is asked for: where and how to load a voice, how to speak a text, and
//! what a loaded voice reports of its defaults and networks.

use super::policy::PrecisionPolicy;
#[cfg(doc)]
use super::voice::Voice;
use crate::voice::{Checksums, Precision, Role};

/// Where to run the networks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Device {
    /// tract's CPU runtime.
    Cpu,
    /// The CUDA GPU; an error when this build lacks the `cuda` feature or the machine lacks a
    /// usable CUDA stack.
    Gpu,
    /// The CUDA GPU when this build has the `cuda` feature and the machine a usable CUDA
    /// stack, else the CPU.
    #[default]
    Auto,
}

/// One network a [`Voice`] loaded ([`Voice::models`]): which file, at which precision, on
/// which window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedModel {
    /// Its role in the pipeline.
    pub role: Role,
    /// File name in the pack.
    pub file: String,
    /// Precision of that file.
    pub precision: Precision,
    /// Positions per run (frames, or phonemes for the encoder), context included.
    pub window: usize,
}

impl std::fmt::Display for LoadedModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} {} (window {})",
            self.role, self.file, self.precision, self.window
        )
    }
}

/// How to load a voice.
#[derive(Debug, Clone, Default)]
pub struct VoiceOptions {
    /// Where the networks run (`Auto`: the GPU when this build and machine have one).
    pub device: Device,
    /// Model precision (`Auto`: chosen for this CPU and device).
    pub precision: PrecisionPolicy,
    /// Vocoder variant; the pack's default when `None`.
    pub vocoder: Option<String>,
    /// A user lexicon (`word<TAB>phonemes` lines) overriding the built-in one.
    pub user_lexicon: Option<String>,
    /// How model files are checked against the pack's checksums (by default, remembered in
    /// the user's cache directory).
    pub checksums: Checksums,
}

/// How to speak one text; `None` fields take the voice's defaults. Steps, temperature and seed
/// drive a flow-matching decoder; a path whose prior gives the frames itself (the latent path's
/// teacher flow) is deterministic and ignores them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpeakOptions {
    /// Flow-matching steps (network evaluations), 1 to 64.
    pub steps: Option<usize>,
    /// Noise scale, 0 (deterministic) to 2.
    pub temperature: Option<f32>,
    /// Speaking rate; 2 is twice as fast. Within [`Voice::speed_range`] (0.25 to 4 for a
    /// voice whose default length scale is 1).
    pub speed: f32,
    /// Noise seed.
    pub seed: u64,
}

impl Default for SpeakOptions {
    fn default() -> Self {
        Self {
            steps: None,
            temperature: None,
            speed: DEFAULT_SPEED,
            seed: 0,
        }
    }
}

/// The speaking rate of [`SpeakOptions::default`].
pub const DEFAULT_SPEED: f32 = 1.0;

/// A voice's default synthesis settings, from its pack's manifest ([`Voice::defaults`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Defaults {
    /// Flow-matching steps (network evaluations per window).
    pub steps: usize,
    /// Noise temperature (0 is deterministic).
    pub temperature: f32,
    /// Duration scale at [`DEFAULT_SPEED`] (greater than 1 speaks slower).
    pub length_scale: f32,
}

/// The settings one text is spoken with: [`SpeakOptions`] checked against a voice, its
/// defaults filled in ([`Voice::check`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpeakSettings {
    /// Flow-matching steps (network evaluations per window).
    pub steps: usize,
    /// Noise temperature (0 is deterministic).
    pub temperature: f32,
    /// Duration scale: the voice's default divided by the speed.
    pub length_scale: f32,
    /// Noise seed.
    pub seed: u64,
}

impl std::fmt::Display for SpeakSettings {
    /// `steps 2, temperature 0.667, length scale 1, seed 0`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "steps {}, temperature {}, length scale {}, seed {}",
            self.steps, self.temperature, self.length_scale, self.seed
        )
    }
}
