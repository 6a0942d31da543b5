//! The C ABI of Sotto (`libsotto.so`, `libsotto.a`, header `include/sotto.h`): opaque voice
//! and stream handles over the engine API, error codes and a thread-local last error.
//!
//! Thread safety: a `SottoVoice` may be used from any number of threads at once (open one
//! `SottoStream` per thread). A `SottoStream` is used by one thread at a time, except
//! `sotto_stream_cancel`, which any thread may call while another is in `sotto_stream_next`.
//!
//! No call unwinds into the caller or aborts the process: every entry point runs under
//! `catch_unwind` (the release profile unwinds) and turns a panic into `SOTTO_ERR_INTERNAL`.

mod error;
mod handles;

pub use error::*;
pub use handles::*;
