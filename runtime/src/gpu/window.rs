//! Window size on the GPU: a network run there costs a few milliseconds of launches and copies
//! whatever its length, so the networks run on windows far wider than the CPU's.

use crate::voice::pack::MAX_WINDOW;

/// Positions per window (frames, or phonemes for the encoder) when the networks run on a GPU:
/// a sentence of up to ~12 s of speech is one window of each network.
pub const GPU_WINDOW: usize = 1024;

/// Environment variable overriding [`GPU_WINDOW`] (positions per window, 1 to [`MAX_WINDOW`];
/// the pack's own windows win when they are wider), for measuring the trade-off on a device.
pub const GPU_WINDOW_ENV: &str = "SOTTO_GPU_WINDOW";

/// The window size for a GPU: [`GPU_WINDOW_ENV`] when set, else [`GPU_WINDOW`]; an error
/// naming the variable when it is not a number in range.
pub fn gpu_window() -> Result<usize, String> {
    match std::env::var(GPU_WINDOW_ENV) {
        Err(_) => Ok(GPU_WINDOW),
        Ok(v) => match v.trim().parse::<usize>() {
            Ok(n) if (1..=MAX_WINDOW).contains(&n) => Ok(n),
            _ => Err(format!(
                "{GPU_WINDOW_ENV}={v:?} is not a window size from 1 to {MAX_WINDOW}"
            )),
        },
    }
}
