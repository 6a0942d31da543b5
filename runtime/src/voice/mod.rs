//! Voice packs: a directory with a manifest and the model files it lists.

pub mod bounds;
pub mod checksums;
pub mod manifest;
pub mod pack;

pub use checksums::Checksums;
pub use manifest::{FrameSpace, Interface, Manifest, ModelEntry, Precision, Role};
pub use pack::VoicePack;
