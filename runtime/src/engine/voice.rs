//! A loaded voice: the pack's networks planned once, shared by every stream on any thread.

use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use super::options::{Defaults, LoadedModel, SpeakOptions, SpeakSettings, VoiceOptions};
use super::policy::resolve_precision;
use super::stream::{Chunk, Spoken, Stream};
use crate::acoustic::settings::{LENGTH_SCALE_RANGE, MAX_STEPS, TEMPERATURE_RANGE};
use crate::acoustic::Settings;
use crate::error::{Error, Result};
use crate::gpu::Notice;
use crate::synth::{LoadOptions, Synthesizer};
use crate::voice::manifest::Attribution;
use crate::voice::{Precision, VoicePack};

/// Most idle pipelines a voice keeps for reuse by later streams.
const MAX_IDLE_PIPELINES: usize = 16;

/// A loaded voice. `Send + Sync`: share it in an [`Arc`] and open a [`Stream`] per thread.
#[derive(Debug)]
pub struct Voice {
    pack: VoicePack,
    template: Mutex<Synthesizer>,
    idle: Mutex<Vec<Synthesizer>>,
    device: String,
    selected: String,
    on_gpu: bool,
    precision: (Precision, String),
    models: Vec<LoadedModel>,
    base: Settings,
    sample_rate: u32,
}

impl Voice {
    /// Opens and checks the pack in `dir`, chooses device and precision, and loads its
    /// networks.
    pub fn open(dir: impl AsRef<Path>, opts: &VoiceOptions) -> Result<Arc<Voice>> {
        Self::open_reporting(dir, opts, &|_| {})
    }

    /// [`Voice::open`], telling `report` what opening a GPU does as it goes (kernel
    /// compilation can take minutes on first use). A GPU that fails after it was chosen (a
    /// model fails to plan or run there) leaves the voice on the CPU, and [`Voice::device`]
    /// says why.
    pub fn open_reporting(
        dir: impl AsRef<Path>,
        opts: &VoiceOptions,
        report: &(dyn Fn(Notice) + Sync),
    ) -> Result<Arc<Voice>> {
        let pack = VoicePack::open(dir)?.with_checksums(opts.checksums.clone());
        let selection = crate::device::select_reporting(opts.device, report)?;
        let precision = resolve_precision(opts.precision, &pack, selection.is_gpu())?;
        let synth = Synthesizer::load_on(
            &pack,
            &LoadOptions {
                precision: precision.0,
                vocoder: opts.vocoder.as_deref(),
                device: opts.device,
                user_lexicon: opts.user_lexicon.as_deref(),
            },
            selection.runtime,
        )?;
        Ok(Arc::new(Voice {
            base: *synth.settings(),
            models: synth.models().to_vec(),
            sample_rate: synth.sample_rate(),
            template: Mutex::new(synth),
            idle: Mutex::new(Vec::new()),
            device: selection
                .late_fallback()
                .unwrap_or_else(|| selection.message.clone()),
            on_gpu: selection.is_gpu() && selection.late_fallback().is_none(),
            selected: selection.message,
            precision,
            pack,
        }))
    }

    /// A stream on this voice with its own run state (cheap: the networks are shared).
    pub fn stream(self: &Arc<Self>) -> Result<Stream> {
        let synth = match self
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop()
        {
            Some(s) => s,
            None => self
                .template
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .fork()?,
        };
        Ok(Stream::new(Arc::clone(self), synth))
    }

    pub(crate) fn recycle(&self, synth: Synthesizer) {
        let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        if idle.len() < MAX_IDLE_PIPELINES {
            idle.push(synth);
        }
    }

    /// Output sample rate in Hz.
    pub fn sample_rate(&self) -> u32 {
        self.sample_rate
    }

    /// The pack directory.
    pub fn dir(&self) -> &Path {
        self.pack.dir()
    }

    /// The voice's name from its manifest.
    pub fn name(&self) -> &str {
        &self.pack.manifest().name
    }

    /// The voice's language as a BCP 47 tag (`en-US`), from its manifest.
    pub fn language(&self) -> &str {
        &self.pack.manifest().language
    }

    /// Which device runs the networks, and why (one line).
    pub fn device(&self) -> &str {
        &self.device
    }

    /// True when the networks run on a GPU (false after a late fallback to the CPU).
    pub fn on_gpu(&self) -> bool {
        self.on_gpu
    }

    /// The device first chosen, before any model was loaded (differs from [`Voice::device`]
    /// when the GPU failed later and the voice fell back to the CPU).
    pub fn device_selected(&self) -> &str {
        &self.selected
    }

    /// The precision the models were loaded at, and why.
    pub fn precision(&self) -> (Precision, &str) {
        (self.precision.0, &self.precision.1)
    }

    /// The networks loaded, in pipeline order (encoder, prior, decoder, vocoder): file,
    /// precision and window of each.
    pub fn models(&self) -> &[LoadedModel] {
        &self.models
    }

    /// Where the voice comes from and its licence, when its manifest says.
    pub fn attribution(&self) -> Option<&Attribution> {
        self.pack.manifest().attribution.as_ref()
    }

    /// The voice's default settings (what `None` in [`SpeakOptions`] stands for).
    pub fn defaults(&self) -> Defaults {
        Defaults {
            steps: self.base.steps,
            temperature: self.base.temperature,
            length_scale: self.base.length_scale,
        }
    }

    /// Speaks a whole text (as [`Stream::start`] takes it) on a stream of its own, handing
    /// each chunk's samples to `sink` as they are made; an error from `sink` stops it and is
    /// returned. Fails when the text holds nothing to speak.
    pub fn speak(
        self: &Arc<Self>,
        text: &str,
        opts: &SpeakOptions,
        sink: &mut dyn FnMut(&[f32]) -> Result<()>,
    ) -> Result<Spoken> {
        let mut stream = self.stream()?;
        stream.start(text, opts)?;
        stream.run(&mut |chunk: &Chunk| sink(&chunk.samples))
    }

    /// The speeds this voice takes, slowest and fastest: those that keep its length scale
    /// (its default divided by the speed) within 0.25 to 4, so 0.25 to 4 for a voice whose
    /// default length scale is 1.
    pub fn speed_range(&self) -> (f32, f32) {
        let (lo, hi) = LENGTH_SCALE_RANGE;
        (
            self.base.length_scale / hi,
            self.base.length_scale / lo,
        )
    }

    /// The voice's default settings with seed 0.
    pub(crate) fn base_settings(&self) -> Settings {
        self.base
    }

    /// The settings `opts` asks for, checked against this voice (what [`Stream::start`] does
    /// first); an error ([`Error::Input`]) names the option (`speed`, `steps`, `temperature`)
    /// that is out of range.
    pub fn check(&self, opts: &SpeakOptions) -> Result<SpeakSettings> {
        let s = self.settings(opts)?;
        Ok(SpeakSettings {
            steps: s.steps,
            temperature: s.temperature,
            length_scale: s.length_scale,
            seed: s.seed,
        })
    }

    /// [`Voice::check`], as the acoustic model takes them.
    pub(crate) fn settings(&self, opts: &SpeakOptions) -> Result<Settings> {
        let (lo, hi) = self.speed_range();
        if !(opts.speed.is_finite() && (lo..=hi).contains(&opts.speed)) {
            return Err(Error::input(
                "speed",
                format!(
                    "must be from {lo} to {hi} for this voice, got {}",
                    opts.speed
                ),
            ));
        }
        let steps = opts.steps.unwrap_or(self.base.steps);
        if !(1..=MAX_STEPS).contains(&steps) {
            return Err(Error::input(
                "steps",
                format!("must be a whole number from 1 to {MAX_STEPS}, got {steps}"),
            ));
        }
        let temperature = opts.temperature.unwrap_or(self.base.temperature);
        let (tlo, thi) = TEMPERATURE_RANGE;
        if !(tlo..=thi).contains(&temperature) {
            return Err(Error::input(
                "temperature",
                format!("must be from {tlo} to {thi}, got {temperature}"),
            ));
        }
        let (slo, shi) = LENGTH_SCALE_RANGE;
        let s = Settings {
            steps,
            temperature,
            length_scale: (self.base.length_scale / opts.speed).clamp(slo, shi),
            seed: opts.seed,
        };
        s.validate().map_err(|e| Error::input("settings", e))?;
        Ok(s)
    }
}
