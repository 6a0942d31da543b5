//! The engine API: a loaded [`Voice`] shared by any number of threads, and per-thread
//! [`Stream`]s that pull audio chunk by chunk with the [`Mark`]s (sentences, words, phonemes)
//! that fall in each chunk. The CLI and the C ABI are thin users of this module.
//!
//! ```no_run
//! use sotto::engine::{SpeakOptions, Voice, VoiceOptions};
//! let voice = Voice::open("models/voices/joe", &VoiceOptions::default())?;
//! let mut stream = voice.stream()?;
//! stream.start("Doors closing.", &SpeakOptions::default())?;
//! while let Some(chunk) = stream.next() {
//!     let chunk = chunk?;
//!     // play chunk.samples (f32 at voice.sample_rate()); show chunk.marks
//! }
//! # Ok::<(), sotto::Error>(())
//! ```

mod marks;
mod policy;
mod source;
mod stream;
mod voice;

pub use marks::{Mark, MarkKind};
pub use policy::{resolve_precision, resolve_precision_on, PrecisionPolicy, AUTO_PRECISION};
pub use sotto_text::ssml::MAX_DOCUMENT_BYTES as MAX_SSML_BYTES;
pub use stream::{CancelHandle, Chunk, Spoken, Stream, MAX_SILENCE_CHUNK_SAMPLES, MAX_TEXT_BYTES};
pub use voice::{SpeakOptions, Voice, VoiceOptions};

pub use crate::cpu::CpuClass;
pub use crate::device::Device;
pub use crate::error::ErrorKind;
pub use crate::voice::manifest::Precision;
