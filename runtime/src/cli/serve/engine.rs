//! The one place the server touches the synthesis library: a bounded pool of loaded
//! synthesizers, a bounded wait queue, and sentence-by-sentence speech with events.
//!
//! Today a [`Synthesizer`] is not shareable across threads, so the pool holds one per
//! concurrent synthesis, loaded at start. A synthesizer whose sink failed mid-utterance (a
//! client that disconnected, a cancelled request) keeps partial vocoder windows, so such a
//! lease is dropped and a freshly loaded synthesizer takes its place: a disconnect never
//! leaks into a later response. When the engine API (shared voice, per-thread streams with
//! marks) lands, only this module changes.

use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex};

use anyhow::{Context, Result};
use sotto::acoustic::settings::{MAX_STEPS, TEMPERATURE_RANGE};
use sotto::acoustic::Settings;
use sotto::synth::{LoadOptions, Synthesizer};
use sotto::voice::{Precision, VoicePack};

/// Accepted range of the speaking rate (OpenAI's).
pub const SPEED_RANGE: (f32, f32) = (0.25, 4.0);

/// What a request asks of the voice besides its text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// Speaking rate; 2 is twice as fast.
    pub speed: f32,
    /// Flow-matching steps; the voice's default when `None`.
    pub steps: Option<u32>,
    /// Noise scale; the voice's default when `None`.
    pub temperature: Option<f32>,
    /// Noise seed.
    pub seed: u64,
}

impl Default for Params {
    fn default() -> Self {
        Self {
            speed: 1.0,
            steps: None,
            temperature: None,
            seed: 0,
        }
    }
}

impl Params {
    /// Checks every value; the message names the first bad field.
    pub fn validate(&self) -> std::result::Result<(), (&'static str, String)> {
        let (lo, hi) = SPEED_RANGE;
        if !(self.speed.is_finite() && (lo..=hi).contains(&self.speed)) {
            return Err((
                "speed",
                format!("speed must be a number within {lo}..={hi}"),
            ));
        }
        if let Some(s) = self.steps {
            if s == 0 || s as usize > MAX_STEPS {
                return Err(("steps", format!("steps must be 1..={MAX_STEPS}")));
            }
        }
        if let Some(t) = self.temperature {
            let (lo, hi) = TEMPERATURE_RANGE;
            if !(t.is_finite() && (lo..=hi).contains(&t)) {
                return Err((
                    "temperature",
                    format!("temperature must be within {lo}..={hi}"),
                ));
            }
        }
        Ok(())
    }

    fn settings(&self, defaults: &Settings) -> Settings {
        Settings {
            steps: self.steps.map_or(defaults.steps, |s| s as usize),
            temperature: self.temperature.unwrap_or(defaults.temperature),
            length_scale: defaults.length_scale / self.speed,
            seed: self.seed,
        }
    }
}

/// What happens while a text is spoken, in order.
///
/// Word and phoneme marks of the engine API will arrive as a further variant between a
/// sentence's start and end; consumers ignore variants they do not know.
#[derive(Debug)]
pub enum Piece<'a> {
    /// A sentence with something to speak begins (`index` counts spoken sentences).
    Sentence { index: usize, text: &'a str },
    /// Samples in [-1, 1] at the voice's rate (the silence between sentences included).
    Audio(&'a [f32]),
    /// The sentence `index` is complete.
    SentenceEnd { index: usize },
}

/// Why no synthesizer was handed out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Every synthesizer is busy and the wait queue is full.
    Busy,
    /// The server is shutting down.
    ShuttingDown,
}

/// Why speaking stopped early.
#[derive(Debug)]
pub enum SpeakError {
    /// The text or settings were refused (nothing to speak, unreadable text); a client error.
    Input(String),
    /// The consumer of the pieces failed (client gone) or the server cancelled.
    Stopped,
    /// The engine failed.
    Engine(anyhow::Error),
}

/// Description of the served voice.
#[derive(Debug, Clone)]
pub struct VoiceInfo {
    /// The pack's name.
    pub name: String,
    /// BCP 47 language tag of the pack.
    pub language: String,
    /// Output sample rate.
    pub sample_rate: u32,
}

/// How to load each synthesizer of the pool.
pub struct LoadSpec {
    /// The voice.
    pub pack: VoicePack,
    /// Model precision.
    pub precision: Precision,
    /// Vocoder variant (the pack's default when `None`).
    pub vocoder: Option<String>,
    /// Where the networks run (the device already chosen: `Cpu` or `Gpu`).
    pub device: sotto::device::Device,
}

struct Pool {
    free: Vec<Synthesizer>,
    waiting: usize,
    loaded: usize,
}

/// A bounded pool of synthesizers with a bounded wait queue.
pub struct Engine {
    spec: LoadSpec,
    info: VoiceInfo,
    defaults: Settings,
    sentence_silence: usize,
    queue: usize,
    pool: Mutex<Pool>,
    freed: Condvar,
    shutting_down: AtomicBool,
    cancelled: AtomicBool,
}

impl Engine {
    /// Loads `slots` synthesizers; at most `queue` requests wait for one beyond those.
    pub fn load(spec: LoadSpec, slots: usize, queue: usize) -> Result<Self> {
        let mut free = Vec::with_capacity(slots);
        for _ in 0..slots.max(1) {
            free.push(load_one(&spec)?);
        }
        let m = spec.pack.manifest();
        let info = VoiceInfo {
            name: m.name.clone(),
            language: m.language.clone(),
            sample_rate: m.sample_rate,
        };
        let defaults = *free[0].settings();
        let sentence_silence =
            (m.defaults.sentence_silence.max(0.0) * m.sample_rate as f32) as usize;
        let loaded = free.len();
        Ok(Self {
            spec,
            info,
            defaults,
            sentence_silence,
            queue,
            pool: Mutex::new(Pool {
                free,
                waiting: 0,
                loaded,
            }),
            freed: Condvar::new(),
            shutting_down: AtomicBool::new(false),
            cancelled: AtomicBool::new(false),
        })
    }

    /// The served voice.
    pub fn info(&self) -> &VoiceInfo {
        &self.info
    }

    /// Waits for a free synthesizer, or refuses when the queue is full or the server stops.
    pub fn acquire(&self) -> std::result::Result<Lease<'_>, Refusal> {
        let mut pool = self.pool.lock().unwrap_or_else(|e| e.into_inner());
        if self.is_shutting_down() {
            return Err(Refusal::ShuttingDown);
        }
        if pool.free.is_empty() {
            if pool.waiting >= self.queue || pool.loaded == 0 {
                return Err(Refusal::Busy);
            }
            pool.waiting += 1;
            while pool.free.is_empty() && !self.is_shutting_down() {
                pool = self.freed.wait(pool).unwrap_or_else(|e| e.into_inner());
            }
            pool.waiting -= 1;
            if self.is_shutting_down() {
                return Err(Refusal::ShuttingDown);
            }
        }
        let synth = pool.free.pop().expect("a free synthesizer");
        Ok(Lease {
            engine: self,
            synth: Some(synth),
            dirty: false,
        })
    }

    /// Refuses new work from now on; requests waiting in the queue are refused.
    pub fn begin_shutdown(&self) {
        self.shutting_down.store(true, Ordering::SeqCst);
        let _pool = self.pool.lock().unwrap_or_else(|e| e.into_inner());
        self.freed.notify_all();
    }

    /// Stops every running synthesis at its next audio window.
    pub fn cancel_all(&self) {
        self.cancelled.store(true, Ordering::SeqCst);
    }

    /// Whether the server is shutting down.
    pub fn is_shutting_down(&self) -> bool {
        self.shutting_down.load(Ordering::SeqCst)
    }

    fn give_back(&self, synth: Option<Synthesizer>) {
        let mut pool = self.pool.lock().unwrap_or_else(|e| e.into_inner());
        match synth {
            Some(s) => pool.free.push(s),
            None => pool.loaded -= 1,
        }
        self.freed.notify_one();
    }
}

fn load_one(spec: &LoadSpec) -> Result<Synthesizer> {
    Synthesizer::load(
        &spec.pack,
        &LoadOptions {
            precision: spec.precision,
            vocoder: spec.vocoder.as_deref(),
            device: spec.device,
            user_lexicon: None,
        },
    )
    .with_context(|| format!("cannot load voice {}", spec.pack.dir().display()))
}

/// One synthesizer, held for one request.
pub struct Lease<'e> {
    engine: &'e Engine,
    synth: Option<Synthesizer>,
    dirty: bool,
}

/// What a finished [`Lease::speak`] produced.
#[derive(Debug, Default, Clone, Copy)]
pub struct Spoken {
    /// Sentences that produced audio.
    pub sentences: usize,
    /// Samples produced, silences included.
    pub samples: usize,
}

impl Lease<'_> {
    /// Speaks `text` exactly as `sotto say` does for the same settings (same sentences, same
    /// per-sentence seeds, same silences), handing each piece to `out` as it is made.
    /// `out` failing stops the synthesis. `first_index` continues the sentence numbering
    /// of an earlier call (a text streamed in parts).
    pub fn speak<R: Read>(
        &mut self,
        text: R,
        params: &Params,
        first_index: usize,
        out: &mut dyn FnMut(Piece) -> std::io::Result<()>,
    ) -> std::result::Result<Spoken, SpeakError> {
        params
            .validate()
            .map_err(|(_, msg)| SpeakError::Input(msg))?;
        let engine = self.engine;
        let synth = self.synth.as_mut().expect("a leased synthesizer");
        synth
            .set_settings(params.settings(&engine.defaults))
            .map_err(|e| SpeakError::Input(e.to_string()))?;
        let silence = vec![0.0f32; engine.sentence_silence];
        let mut spoken = Spoken::default();
        let sentences = synth.frontend().sentences(text);
        for sentence in sentences {
            let sentence = sentence.map_err(|e| SpeakError::Input(e.to_string()))?;
            let ids = synth
                .ids(&sentence)
                .map_err(|e| SpeakError::Input(e.to_string()))?;
            if ids.is_empty() {
                continue;
            }
            let index = first_index + spoken.sentences;
            out(Piece::Sentence {
                index,
                text: &sentence,
            })
            .map_err(|_| SpeakError::Stopped)?;
            let mut samples = 0usize;
            let mut sink = |a: &[f32]| -> sotto::Result<()> {
                if engine.cancelled.load(Ordering::Relaxed) {
                    return Err(sotto::Error::Write(std::io::ErrorKind::Interrupted.into()));
                }
                samples += a.len();
                out(Piece::Audio(a)).map_err(sotto::Error::Write)
            };
            if index > 0 {
                sink(&silence).map_err(|_| SpeakError::Stopped)?;
            }
            let result = synth.speak_ids(&ids, index, &mut sink);
            if let Err(e) = result {
                self.dirty = true;
                return Err(match e {
                    sotto::Error::Write(_) => SpeakError::Stopped,
                    e => SpeakError::Engine(e.into()),
                });
            }
            spoken.samples += samples;
            out(Piece::SentenceEnd { index }).map_err(|_| SpeakError::Stopped)?;
            spoken.sentences += 1;
        }
        if spoken.sentences == 0 && first_index == 0 {
            return Err(SpeakError::Input("the text holds nothing to speak".into()));
        }
        Ok(spoken)
    }
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        let synth = self.synth.take();
        let synth = if self.dirty && self.engine.is_shutting_down() {
            None
        } else if self.dirty {
            drop(synth);
            match load_one(&self.engine.spec) {
                Ok(s) => Some(s),
                Err(e) => {
                    eprintln!("sotto serve: cannot reload a synthesizer, one fewer slot: {e:#}");
                    None
                }
            }
        } else {
            synth
        };
        self.engine.give_back(synth);
    }
}
