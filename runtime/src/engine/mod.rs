//! The engine: a loaded [`Voice`] shared by any number of threads, and per-thread [`Stream`]s
//! that pull audio chunk by chunk with the [`Mark`]s (sentences, words, phonemes) that fall in
//! each chunk. The crate root re-exports its public items; the CLI, the C ABI, the Python
//! binding and the server are thin users of it.

mod dropped;
mod marks;
mod options;
mod policy;
mod source;
mod stream;
mod voice;

pub use dropped::MAX_DROPPED_SPANS;
pub use marks::{Mark, MarkKind};
pub use policy::{resolve_precision, resolve_precision_on, PrecisionPolicy, AUTO_PRECISION};
pub use sotto_text::ssml::MAX_DOCUMENT_BYTES as MAX_SSML_BYTES;
pub use stream::{CancelHandle, Chunk, Spoken, Stream, MAX_SILENCE_CHUNK_SAMPLES, MAX_TEXT_BYTES};
pub use options::{
    Defaults, Device, LoadedModel, SpeakOptions, SpeakSettings, VoiceOptions, DEFAULT_SPEED,
};
pub use voice::Voice;

pub use crate::cpu::CpuClass;
pub use crate::error::ErrorKind;
pub use crate::voice::manifest::Precision;
