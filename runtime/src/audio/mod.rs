//! Audio in and out: WAV decoding to mono at the voice's rate (for [`crate::Resynthesizer`]),
//! and sinks writing 16-bit PCM as WAV or raw.

mod resample;
mod sink;
mod source;

pub use sink::{to_i16, wav_header, AudioSink, Format, UNKNOWN_LENGTH};
pub use source::WavSource;
