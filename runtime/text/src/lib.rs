//! English text normalization and grapheme-to-phoneme conversion for Sotto.

/// Errors of the text frontend.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input could not be read as text.
    #[error("{0}")]
    Input(String),
}
