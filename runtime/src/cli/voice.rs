//! Finding and opening the voice pack and choosing its models.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;
use sotto::device::{Device, Selection};
use sotto::voice::VoicePack;

/// Environment variable naming the default voice pack directory.
pub const VOICE_ENV: &str = "SOTTO_VOICE";
/// The voice pack shipped in the repository.
pub const SHIPPED_VOICE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../models/voices/joe");

/// Options shared by the commands that load a voice.
#[derive(Debug, Args)]
pub struct VoiceArgs {
    /// Voice pack directory [default: $SOTTO_VOICE, else the shipped voice]
    #[arg(long, value_name = "DIR")]
    pub voice: Option<PathBuf>,
    /// Vocoder variant of the pack [default: the pack's default]
    #[arg(long, value_name = "NAME")]
    pub vocoder: Option<String>,
    /// Where the networks run; `gpu` needs a build with the `cuda` feature and CUDA 13
    #[arg(long, value_enum, default_value_t = DeviceArg::Auto)]
    pub device: DeviceArg,
}

/// Compute device on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DeviceArg {
    /// tract's CPU runtime
    Cpu,
    /// The CUDA GPU, or an error saying why not
    Gpu,
    /// The CUDA GPU when built with it and usable, else the CPU
    Auto,
}

impl From<DeviceArg> for Device {
    fn from(d: DeviceArg) -> Self {
        match d {
            DeviceArg::Cpu => Device::Cpu,
            DeviceArg::Gpu => Device::Gpu,
            DeviceArg::Auto => Device::Auto,
        }
    }
}

impl VoiceArgs {
    /// The chosen pack directory.
    pub fn dir(&self) -> PathBuf {
        self.voice
            .clone()
            .or_else(|| std::env::var_os(VOICE_ENV).map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from(SHIPPED_VOICE))
    }

    /// Opens the chosen pack.
    pub fn open(&self) -> Result<VoicePack> {
        let dir = self.dir();
        VoicePack::open(&dir).with_context(|| format!("cannot open voice {}", dir.display()))
    }

    /// The runtime for `--device`; says which on stderr when `verbose`, and always when a GPU
    /// build falls back to the CPU.
    pub fn device(&self, verbose: bool) -> Result<Selection> {
        let selection = sotto::device::select(self.device.into())?;
        if verbose || selection.fell_back {
            eprintln!("sotto: {}", selection.message);
        }
        Ok(selection)
    }

    /// The vocoder variant to use with `pack`.
    pub fn vocoder_name<'a>(&'a self, pack: &'a VoicePack) -> Result<&'a str> {
        let name = self
            .vocoder
            .as_deref()
            .unwrap_or(&pack.manifest().defaults.vocoder);
        if pack.manifest().vocoder(name, None).is_none() {
            anyhow::bail!(
                "voice {} has no vocoder {name:?} (it has: {})",
                pack.dir().display(),
                pack.manifest().vocoders().join(", ")
            );
        }
        Ok(name)
    }
}
