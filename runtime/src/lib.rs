//! Sotto: on-device English text-to-speech on tract.

pub mod acoustic;
pub mod audio;
pub mod chunk;
pub mod cpu;
pub mod device;
pub mod error;
pub mod mel;
pub mod net;
pub mod resynth;
pub mod ssml;
pub mod synth;
pub mod vocoder;
pub mod voice;

pub use error::{Error, Result};
pub use synth::{LoadOptions, Synthesizer};
