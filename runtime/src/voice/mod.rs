//! Voice packs: a directory with a manifest and the model files it lists.

pub mod bounds;
pub mod manifest;
pub mod pack;

pub use manifest::{Manifest, ModelEntry, Precision, Role};
pub use pack::VoicePack;
