//! Typed errors; each names the file, node, input or shape it is about.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum QuantError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not an ONNX model ({why})")]
    NotOnnx { path: PathBuf, why: String },
    #[error("node {node:?}: unsupported operator {op} ({why})")]
    UnsupportedOp {
        node: String,
        op: String,
        why: String,
    },
    #[error("tract cannot {what}: {message}")]
    Tract { what: String, message: String },
    #[error("{path}: not a readable .npy file ({why})")]
    Npy { path: PathBuf, why: String },
    #[error("{dir}: empty calibration set (no .npy files)")]
    EmptyCalibration { dir: PathBuf },
    #[error(
        "{path}: does not name a model input (expected NAME.INPUT.npy, INPUT one of {inputs})"
    )]
    UnnamedInput { path: PathBuf, inputs: String },
    #[error("{dir}: calibration sample {sample:?} has no file for model input {input:?} (expected {sample}.{input}.npy)")]
    MissingInput {
        dir: PathBuf,
        sample: String,
        input: String,
    },
    #[error("{path}: calibration input {input:?} {detail}")]
    InputShape {
        path: PathBuf,
        input: String,
        detail: String,
    },
    #[error("layer {name:?} named in {flag} is not a quantizable layer of this model (candidates: {candidates})")]
    UnknownLayer {
        name: String,
        flag: String,
        candidates: String,
    },
    #[error("{path}: not a valid ranges file ({why})")]
    Ranges { path: PathBuf, why: String },
    #[error("invalid option: {0}")]
    Option(String),
}

impl QuantError {
    pub(crate) fn tract(what: impl Into<String>, e: impl std::fmt::Display) -> Self {
        // `{:#}` prints the whole anyhow context chain on one line.
        QuantError::Tract {
            what: what.into(),
            message: format!("{e:#}"),
        }
    }
}

pub type Result<T, E = QuantError> = std::result::Result<T, E>;
