//! Loading and validating a voice pack directory.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::checksums::{Check, Checksums};
use super::manifest::{Manifest, ModelEntry, Precision, Role, FORMAT_VERSION, MANIFEST_FILE};
use crate::error::{Error, Result};

/// Largest manifest accepted, in bytes.
pub const MAX_MANIFEST_BYTES: u64 = 1 << 20;
/// Largest window (`size + 2 * context`) the runtime plans, in positions: the bound on the
/// GPU's widened windows ([`VoicePack::with_windows`]).
pub const MAX_WINDOW: usize = 1 << 14;
/// Largest window a manifest may declare, in positions: 2.3 times the widest shipped one (the
/// flow's 224 frames). Every window is computed whole however short the text, so this bounds what
/// the shortest sentence costs: a pack declaring more could make "Hello." take minutes.
pub const MAX_DECLARED_WINDOW: usize = 512;
/// Most silent frames a vocoder may ask for at each utterance edge (the shipped small vocoder
/// asks for 48).
pub const MAX_EDGE_PAD: usize = 128;

/// A validated voice pack: its directory, manifest, and how its files' checksums are checked.
#[derive(Debug, Clone)]
pub struct VoicePack {
    dir: PathBuf,
    manifest: Manifest,
    checksums: Checksums,
}

impl VoicePack {
    /// Reads `dir/voice.json` and checks it: format version, mel configuration, that every
    /// listed file exists, and that the phoneme set has its special symbols.
    ///
    /// File checksums are checked when a model is opened ([`VoicePack::model_path`]), as
    /// [`Checksums::default`] says until [`VoicePack::with_checksums`] says otherwise.
    pub fn open(dir: impl AsRef<Path>) -> Result<Self> {
        let dir = dir.as_ref().to_path_buf();
        let err = |reason: String| Error::Pack {
            pack: dir.clone(),
            reason,
        };
        let path = dir.join(MANIFEST_FILE);
        let file = File::open(&path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                if dir.exists() && !dir.is_dir() =>
            {
                err("is a file, not a voice pack directory".into())
            }
            std::io::ErrorKind::NotFound if !dir.is_dir() => err("no such directory".into()),
            std::io::ErrorKind::NotFound => err(format!("missing {MANIFEST_FILE}")),
            _ => Error::io(&path, e),
        })?;
        let mut text = String::new();
        file.take(MAX_MANIFEST_BYTES + 1)
            .read_to_string(&mut text)
            .map_err(|e| err(format!("{MANIFEST_FILE} is not readable text: {e}")))?;
        if text.len() as u64 > MAX_MANIFEST_BYTES {
            return Err(err(format!(
                "{MANIFEST_FILE} is larger than {MAX_MANIFEST_BYTES} bytes"
            )));
        }
        let manifest: Manifest = serde_json::from_str(&text)
            .map_err(|e| err(format!("{MANIFEST_FILE} is not a valid manifest: {e}")))?;
        if manifest.format != FORMAT_VERSION {
            return Err(err(format!(
                "manifest format {} is not supported (this runtime reads format {FORMAT_VERSION})",
                manifest.format
            )));
        }
        super::bounds::check(&manifest).map_err(err)?;
        manifest
            .mel
            .validate()
            .map_err(|e| err(format!("mel: {e}")))?;
        if manifest.sample_rate != manifest.mel.sample_rate {
            return Err(err(format!(
                "sample rate {} differs from the mel analysis' {}",
                manifest.sample_rate, manifest.mel.sample_rate
            )));
        }
        let ph = &manifest.phonemes;
        for s in [&ph.pad, &ph.bos, &ph.eos] {
            if !ph.ids.contains_key(s) {
                return Err(err(format!("phoneme set lacks its special symbol {s:?}")));
            }
        }
        manifest
            .phoneme_id_map()
            .map_err(|e| err(format!("{MANIFEST_FILE} phonemes.ids: {e}")))?;
        let files = manifest
            .models
            .iter()
            .map(|m| &m.file)
            .chain(manifest.files.iter().map(|f| &f.file));
        for f in files {
            if Path::new(f).is_absolute() || f.contains("..") {
                return Err(err(format!(
                    "file {f:?} must be a plain name inside the pack"
                )));
            }
            if !dir.join(f).is_file() {
                return Err(err(format!("missing file {f}")));
            }
        }
        for m in &manifest.models {
            if m.chunk.size == 0 || m.upsample == 0 {
                return Err(err(format!(
                    "model {}: chunk size and upsample must be > 0",
                    m.file
                )));
            }
            let window = m
                .chunk
                .context
                .checked_mul(2)
                .and_then(|c| c.checked_add(m.chunk.size));
            if window.is_none_or(|w| w > MAX_DECLARED_WINDOW) {
                return Err(err(format!(
                    "model {}: window of {} + 2 × {} positions beyond {MAX_DECLARED_WINDOW}",
                    m.file, m.chunk.size, m.chunk.context
                )));
            }
            if let Some(lead) = m.chunk.lead.filter(|&l| l == 0 || l > m.chunk.size) {
                return Err(err(format!(
                    "model {}: a lead of {lead} positions must be within 1..={} (its chunk size)",
                    m.file, m.chunk.size
                )));
            }
            if m.edge_pad > MAX_EDGE_PAD {
                return Err(err(format!(
                    "model {}: edge padding of {} frames beyond {MAX_EDGE_PAD}",
                    m.file, m.edge_pad
                )));
            }
            if m.edge_pad > 0 && m.role != Role::Vocoder {
                return Err(err(format!(
                    "model {}: only a vocoder takes edge padding",
                    m.file
                )));
            }
        }
        if manifest.vocoder(&manifest.defaults.vocoder, None).is_none() {
            return Err(err(format!(
                "default vocoder {:?} is not in the pack",
                manifest.defaults.vocoder
            )));
        }
        Ok(Self {
            dir,
            manifest,
            checksums: Checksums::default(),
        })
    }

    /// This pack with its model files checked as `checksums` says.
    pub fn with_checksums(mut self, checksums: Checksums) -> Self {
        self.checksums = checksums;
        self
    }

    /// The pack directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The manifest.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// This pack with every window of at least `size` positions (frames or phonemes), for a
    /// device where each network run costs far more than the positions it holds (a GPU): the
    /// encoder, prior, decoder and every vocoder with an inverse-STFT head get
    /// `max(size, their own)`, capped so a window stays within [`MAX_WINDOW`]. Contexts stay
    /// as declared, so every emitted position sees the same neighbourhood and the audio equals
    /// the declared windows' up to floating-point summation order. Waveform vocoders (HiFi-GAN)
    /// keep their windows: their activations grow with the window's samples.
    pub fn with_windows(&self, size: usize) -> VoicePack {
        let mut widened = self.clone();
        for m in &mut widened.manifest.models {
            if m.role == Role::Vocoder && m.istft.is_none() {
                continue;
            }
            let cap = MAX_WINDOW.saturating_sub(2 * m.chunk.context);
            m.chunk.size = m.chunk.size.max(size.min(cap));
        }
        widened
    }

    /// Path of a model file after checking it against the manifest's sha256.
    pub fn model_path(&self, entry: &ModelEntry) -> Result<PathBuf> {
        let path = self.dir.join(&entry.file);
        match self.checksums.check(&path, &entry.sha256)? {
            Check::Remembered | Check::Hashed => Ok(path),
            Check::Differs(digest) => Err(Error::Pack {
                pack: self.dir.clone(),
                reason: format!(
                    "checksum mismatch for {}: manifest says {}, file has {digest}",
                    entry.file, entry.sha256
                ),
            }),
        }
    }
}

impl Manifest {
    /// The phoneme id map of `phonemes.ids` (an error when a symbol is not one character).
    pub fn phoneme_id_map(
        &self,
    ) -> std::result::Result<sotto_text::PhonemeIdMap, sotto_text::Error> {
        let pairs: Vec<(String, i64)> = self
            .phonemes
            .ids
            .iter()
            .map(|(k, &v)| (k.clone(), v))
            .collect();
        sotto_text::PhonemeIdMap::from_pairs(&pairs)
    }

    /// The vocoder named `name`, at `precision` when given (else the first listed).
    pub fn vocoder(&self, name: &str, precision: Option<Precision>) -> Option<&ModelEntry> {
        self.model(Role::Vocoder, Some(name), precision)
    }

    /// The first model with `role`, optionally of variant `name` and `precision`.
    pub fn model(
        &self,
        role: Role,
        name: Option<&str>,
        precision: Option<Precision>,
    ) -> Option<&ModelEntry> {
        self.models.iter().find(|m| {
            m.role == role
                && name.is_none_or(|n| m.name == n)
                && precision.is_none_or(|p| m.precision == p)
        })
    }

    /// Names of the vocoder variants in the pack.
    pub fn vocoders(&self) -> Vec<&str> {
        self.vocoders_where(|_| true)
    }

    /// Names of the vocoder variants that take `interface` frames.
    pub fn vocoders_of(&self, interface: super::manifest::Interface) -> Vec<&str> {
        self.vocoders_where(|m| m.interface == interface)
    }

    fn vocoders_where(&self, keep: impl Fn(&ModelEntry) -> bool) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .models
            .iter()
            .filter(|m| m.role == Role::Vocoder && keep(m))
            .map(|m| m.name.as_str())
            .collect();
        v.dedup();
        v
    }
}
