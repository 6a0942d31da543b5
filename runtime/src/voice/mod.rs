//! Voice packs: a directory with a manifest and the model files it lists.

pub mod bounds;
pub mod checksums;
pub mod manifest;
pub mod pack;

use std::path::Path;

pub use checksums::Checksums;
pub use manifest::{FrameSpace, Interface, Manifest, ModelEntry, Precision, Role};
pub use pack::VoicePack;

use crate::error::{Error, Result};

/// The phoneme → id table of the voice pack in `dir`, read from its manifest without loading
/// its networks (what `sotto phonemize --ids` prints).
pub fn phoneme_ids(dir: impl AsRef<Path>) -> Result<sotto_text::PhonemeIdMap> {
    id_map(&VoicePack::open(dir)?)
}

/// The phoneme id map of `pack`; an error names the pack.
pub(crate) fn id_map(pack: &VoicePack) -> Result<sotto_text::PhonemeIdMap> {
    pack.manifest()
        .phoneme_id_map()
        .map_err(|e| Error::Pack {
            pack: pack.dir().to_path_buf(),
            reason: format!("{} phonemes.ids: {e}", manifest::MANIFEST_FILE),
        })
}
