//! Finding and opening the voice pack and choosing its models.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use clap::Args;
use std::io::IsTerminal;

use sotto::{Checksums, Device, Notice, Voice, VoiceOptions, CACHE_ENV, MANIFEST_FILE};

/// Environment variable naming the default voice pack directory.
pub const VOICE_ENV: &str = "SOTTO_VOICE";
/// The voice pack shipped in the repository this binary was built from.
pub const SHIPPED_VOICE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../models/voices/joe");
/// Where an installed voice lies relative to the prefix above the binary's directory:
/// `/usr/bin/sotto` finds `/usr/share/sotto/voices/joe` (the Debian package), the board
/// tarball's `bin/sotto` its own `share/sotto/voices/joe`.
pub const INSTALLED_VOICE: &str = "share/sotto/voices/joe";
/// The Debian package's voice, for a binary copied elsewhere.
pub const SYSTEM_VOICE: &str = "/usr/share/sotto/voices/joe";

/// Where the voice is looked for when neither `--voice` nor `$SOTTO_VOICE` names one, in
/// order: beside the binary (`<prefix>/bin/sotto` → `<prefix>/share/sotto/voices/joe`), the
/// repository it was built from, the Debian package's.
pub fn default_voice_dirs() -> Vec<PathBuf> {
    let prefix = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().and_then(Path::parent).map(Path::to_path_buf));
    prefix
        .map(|p| p.join(INSTALLED_VOICE))
        .into_iter()
        .chain([PathBuf::from(SHIPPED_VOICE), PathBuf::from(SYSTEM_VOICE)])
        .collect()
}

/// Options shared by the commands that load a voice.
#[derive(Debug, Args)]
pub struct VoiceArgs {
    /// Voice pack directory [default: $SOTTO_VOICE, else the first that exists of
    /// <prefix>/share/sotto/voices/joe beside the binary's <prefix>/bin, the voice of the
    /// repository it was built from, /usr/share/sotto/voices/joe]
    #[arg(long, value_name = "DIR")]
    pub voice: Option<PathBuf>,
    /// Vocoder variant of the pack [default: the pack's default]
    #[arg(long, value_name = "NAME")]
    pub vocoder: Option<String>,
    /// Where the networks run; `gpu` needs a build with the `cuda` (CUDA 13) or `cuda12`
    /// (CUDA 12.6) feature
    #[arg(long, value_enum, default_value_t = DeviceArg::Auto)]
    pub device: DeviceArg,
    /// Where compiled GPU kernels and the checksums of verified model files are cached
    /// [default: $SOTTO_CACHE_DIR, else $XDG_CACHE_HOME or ~/.cache]
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
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
    /// The chosen pack directory: `--voice`, `$SOTTO_VOICE`, else the first of
    /// [`default_voice_dirs`] that holds a manifest.
    pub fn dir(&self) -> Result<PathBuf> {
        if let Some(dir) = self
            .voice
            .clone()
            .or_else(|| std::env::var_os(VOICE_ENV).map(PathBuf::from))
        {
            return Ok(dir);
        }
        let dirs = default_voice_dirs();
        dirs.iter()
            .find(|d| d.join(MANIFEST_FILE).is_file())
            .cloned()
            .ok_or_else(|| {
                let looked: Vec<_> = dirs.iter().map(|d| d.display().to_string()).collect();
                anyhow::anyhow!(
                    "no voice pack: give --voice DIR or set ${VOICE_ENV} (looked in {})",
                    looked.join(", ")
                )
            })
    }

    /// Model files remembered as verified in `--cache-dir`, `$SOTTO_CACHE_DIR`, or the user's
    /// cache directory.
    pub fn checksums(&self) -> Checksums {
        self.cache_root()
            .map_or_else(Checksums::default, |d| Checksums::in_cache(&d))
    }

    /// `--cache-dir`, else `$SOTTO_CACHE_DIR`.
    fn cache_root(&self) -> Option<PathBuf> {
        self.cache_dir
            .clone()
            .or_else(|| std::env::var_os(CACHE_ENV).map(PathBuf::from))
    }

    /// Opens the voice on `--device` with `opts`, telling the terminal what opening a GPU does;
    /// says which device runs it when `verbose`, and always when it fell back to the CPU.
    pub fn open_engine(&self, opts: &VoiceOptions, verbose: bool) -> Result<Arc<Voice>> {
        self.use_cache_dir()?;
        let dir = self.dir()?;
        let voice = Voice::open_reporting(&dir, opts, &notices(verbose))
            .with_context(|| format!("cannot open voice {}", dir.display()))?;
        say_device(voice.device_selected(), voice.device(), verbose);
        Ok(voice)
    }

    /// Opens the vocoder of the chosen pack for resynthesis, telling the terminal as
    /// [`VoiceArgs::open_engine`] does.
    pub fn open_resynthesizer(
        &self,
        opts: &VoiceOptions,
        verbose: bool,
    ) -> Result<sotto::Resynthesizer> {
        self.use_cache_dir()?;
        let dir = self.dir()?;
        let r = sotto::Resynthesizer::open_reporting(&dir, opts, &notices(verbose))
            .with_context(|| format!("cannot open voice {}", dir.display()))?;
        say_device(r.device_selected(), r.device(), verbose);
        Ok(r)
    }

    /// Voice options from these arguments (the device, the vocoder, the checksum cache).
    pub fn options(&self) -> VoiceOptions {
        VoiceOptions {
            device: self.device.into(),
            vocoder: self.vocoder.clone(),
            checksums: self.checksums(),
            ..VoiceOptions::default()
        }
    }

    /// Moves the GPU kernel cache to `--cache-dir` or `$SOTTO_CACHE_DIR` when a GPU may be used.
    fn use_cache_dir(&self) -> Result<()> {
        if self.device != DeviceArg::Cpu {
            if let Some(dir) = self.cache_root() {
                sotto::use_gpu_cache_dir(&dir)?;
            }
        }
        Ok(())
    }
}

/// Says which device runs the networks when `verbose` (the first choice too when a model
/// failed on it later), and always when they fell back to the CPU.
fn say_device(selected: &str, device: &str, verbose: bool) {
    if verbose && selected != device {
        eprintln!("sotto: {selected}");
    }
    if verbose || device.contains("falling back") {
        eprintln!("sotto: {device}");
    }
}

/// Prints the GPU's notices on stderr: progress lines overwrite each other on a terminal;
/// verbose-only notices need `-v`.
fn notices(verbose: bool) -> impl Fn(Notice) + Sync {
    let tty = std::io::stderr().is_terminal();
    move |n: Notice| match (n.verbose && !verbose, n.progress, tty) {
        (true, _, _) => {}
        (false, true, true) => eprint!("\r\x1b[Ksotto: {}", n.line),
        (false, true, false) => eprintln!("sotto: {}", n.line),
        (false, false, _) => eprintln!("{}sotto: {}", if tty { "\r\x1b[K" } else { "" }, n.line),
    }
}
