//! The library's error type: every variant names its subject. A variant that wraps another
//! error leaves it out of its own message and exposes it as `source()`, so a report that walks
//! the chain (`{:#}` through anyhow) says each cause once.

use std::path::PathBuf;

/// Result alias used throughout the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong inside the engine.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// An output stream failed.
    #[error("writing audio")]
    Write(#[source] std::io::Error),
    /// Audio input is not a usable WAV file.
    #[error("{subject}: {reason}")]
    Audio {
        /// The input (a file name or `stdin`).
        subject: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The voice pack is incomplete, corrupt or inconsistent.
    #[error("voice pack {pack}: {reason}")]
    Pack {
        /// The voice pack directory.
        pack: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// A model failed to load, did not match its declaration, or failed to run.
    #[error("model {model}: {reason}")]
    Model {
        /// The model file or role.
        model: String,
        /// What went wrong.
        reason: String,
    },
    /// A configuration value is unusable.
    #[error("configuration: {0}")]
    Config(String),
    /// The requested compute device cannot be used.
    #[error("device: {0}")]
    Device(String),
    /// Text could not be turned into phonemes.
    #[error("text")]
    Text(#[from] sotto_text::Error),
    /// An input given to the engine (text, ids, options) is unusable.
    #[error("{subject}: {reason}")]
    Input {
        /// The input (e.g. `text`, `phoneme id 7`, `speed`).
        subject: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The utterance was cancelled before it finished.
    #[error("{0}: cancelled")]
    Cancelled(String),
}

/// What kind of failure an [`Error`] is, for callers that react to kinds rather than messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The caller's input (text, ids, settings, audio file) is unusable.
    BadInput,
    /// The voice pack is missing, incomplete, corrupt or out of bounds.
    BadPack,
    /// A network failed to load or run, or returned something unexpected.
    Model,
    /// The compute device asked for cannot be used.
    Device,
    /// The utterance was cancelled.
    Cancelled,
    /// Reading or writing a file or stream failed.
    Io,
}

impl Error {
    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Io { .. } | Error::Write(_) => ErrorKind::Io,
            Error::Text(sotto_text::Error::Io(_)) => ErrorKind::Io,
            Error::Audio { .. } | Error::Config(_) | Error::Text(_) | Error::Input { .. } => {
                ErrorKind::BadInput
            }
            Error::Pack { .. } => ErrorKind::BadPack,
            Error::Model { .. } => ErrorKind::Model,
            Error::Device(_) => ErrorKind::Device,
            Error::Cancelled(_) => ErrorKind::Cancelled,
        }
    }

    pub(crate) fn input(subject: impl Into<String>, reason: impl std::fmt::Display) -> Self {
        Error::Input {
            subject: subject.into(),
            reason: reason.to_string(),
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn model(model: impl Into<String>, reason: impl std::fmt::Display) -> Self {
        Error::Model {
            model: model.into(),
            reason: reason.to_string(),
        }
    }
}
