//! Sotto: on-device English text-to-speech on tract.
//!
//! Open a voice pack once as a [`Voice`] (shared by any number of threads), then open a
//! [`Stream`] per thread and pull audio [`Chunk`]s from it, each with the [`Mark`]s
//! (sentences, words, phonemes, SSML marks) that start in it:
//!
//! ```no_run
//! use sotto::{SpeakOptions, Voice, VoiceOptions};
//!
//! let voice = Voice::open("models/voices/joe", &VoiceOptions::default())?;
//! let mut stream = voice.stream()?;
//! stream.start("Doors closing. Stand clear.", &SpeakOptions::default())?;
//! for chunk in &mut stream {
//!     let chunk = chunk?;
//!     // play chunk.samples (mono f32 at voice.sample_rate()); show chunk.marks
//!     for mark in &chunk.marks {
//!         println!("{} {:?} at sample {}", mark.kind.name(), mark.text, mark.start);
//!     }
//! }
//! // Text in a script the voice cannot read (e.g. Cyrillic) is skipped, and said so:
//! for span in stream.dropped() {
//!     eprintln!("warning: {span}");
//! }
//! # Ok::<(), sotto::Error>(())
//! ```
//!
//! [`Voice::speak`] renders a whole text at once; [`Stream::start_ssml`] speaks SSML;
//! [`audio::AudioSink`] writes WAV or raw PCM; [`Resynthesizer`] runs recorded speech
//! through the voice's vocoder.
//!
//! Everything else (model loading, the networks, mel analysis, the GPU path) is internal. The
//! `internals` feature makes those modules public for this crate's own tests, benchmarks and
//! examples; they are not a stable API.
#![deny(missing_docs)]
// Without `internals`, parts of the internal modules serve only the tests and benchmarks.
#![cfg_attr(not(feature = "internals"), allow(dead_code, unused_imports))]

/// Declares modules that are private, or public with the `internals` feature.
macro_rules! internal {
    ($($(#[$attr:meta])* $name:ident;)*) => {
        $(
            $(#[$attr])*
            #[cfg(feature = "internals")]
            pub mod $name;
            $(#[$attr])*
            #[cfg(not(feature = "internals"))]
            mod $name;
        )*
    };
}

pub mod audio;
mod error;
mod resynth;

internal! {
    acoustic;
    chunk;
    cpu;
    device;
    engine;
    gpu;
    mel;
    net;
    synth;
    utterance;
    vocoder;
    voice;
}

pub use engine::{
    CancelHandle, Chunk, Defaults, Device, LoadedModel, Mark, MarkKind, PrecisionPolicy,
    SpeakOptions, SpeakSettings, Spoken, Stream, Voice, VoiceOptions, DEFAULT_SPEED,
    MAX_DROPPED_SPANS, MAX_SILENCE_CHUNK_SAMPLES, MAX_SSML_BYTES, MAX_TEXT_BYTES,
};
pub use error::{Error, ErrorKind, Result};
pub use gpu::cache::CACHE_ENV;
pub use gpu::Notice;
pub use resynth::Resynthesizer;
pub use sotto_text::{DroppedSpan, Script};
pub use voice::manifest::{Attribution, Precision, Role, MANIFEST_FILE};
pub use voice::{phoneme_ids, Checksums};

/// Keeps compiled GPU kernels under `dir` (created if missing) instead of the user's cache
/// directory; call it before the first [`Voice::open`] that may use a GPU (the location is
/// read once per process). Returns the absolute directory.
pub fn use_gpu_cache_dir(dir: impl AsRef<std::path::Path>) -> Result<std::path::PathBuf> {
    gpu::cache::use_dir(dir.as_ref()).map_err(Error::Config)
}
