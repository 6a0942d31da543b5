//! Sotto: on-device English text-to-speech on tract.

pub mod acoustic;
pub mod audio;
pub mod chunk;
pub mod cpu;
pub mod device;
pub mod engine;
pub mod error;
pub mod gpu;
pub mod mel;
pub mod net;
pub mod resynth;
pub mod synth;
pub mod utterance;
pub mod vocoder;
pub mod voice;

pub use engine::{Chunk, Mark, MarkKind, SpeakOptions, Stream, Voice, VoiceOptions};
pub use error::{Error, ErrorKind, Result};
pub use synth::{LoadOptions, LoadedModel, Synthesizer};
