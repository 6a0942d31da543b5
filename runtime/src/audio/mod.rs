//! Audio in and out: WAV decoding to mono at the voice's rate, resampling, PCM sinks.

pub mod resample;
pub mod sink;
pub mod source;

pub use sink::{AudioSink, Format};
pub use source::WavSource;
