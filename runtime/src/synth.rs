//! One voice's pipeline, utterance by utterance: frontend → acoustic model → vocoder → sink.
//! The engine's streams drive it; whole texts go through [`crate::engine::Stream`].

use sotto_text::{Frontend, PhonemeIdMap};
use tract_onnx::tract_core::runtime::Runtime;

use crate::acoustic::{AcousticModel, Settings};
use crate::engine::{Device, LoadedModel};
use crate::error::{Error, Result};
use crate::gpu::gpu_window;
use crate::net::cpu_runtime;
use crate::utterance::Utterance;
use crate::vocoder::Vocoder;
use crate::voice::manifest::{ModelEntry, Precision};
use crate::voice::VoicePack;

/// Noise-seed stride between consecutive sentences of one text.
const SENTENCE_SEED_STRIDE: u64 = 0x9E37_79B9;

/// How to load a voice for synthesis.
#[derive(Debug, Clone)]
pub struct LoadOptions<'a> {
    /// Precision preferred for every model that has variants.
    pub precision: Precision,
    /// Vocoder variant; the pack's default when `None`.
    pub vocoder: Option<&'a str>,
    /// Where the networks run.
    pub device: Device,
    /// A user lexicon (text form) overriding the embedded one.
    pub user_lexicon: Option<&'a str>,
}

impl LoadOptions<'_> {
    /// fp32 models on the CPU, the pack's default vocoder and no user lexicon.
    pub fn cpu_fp32() -> Self {
        Self {
            precision: Precision::Fp32,
            vocoder: None,
            device: Device::Cpu,
            user_lexicon: None,
        }
    }
}

/// A loaded voice ready to speak.
#[derive(Debug)]
pub struct Synthesizer {
    frontend: Frontend,
    id_map: PhonemeIdMap,
    acoustic: AcousticModel,
    vocoder: Vocoder,
    settings: Settings,
    sample_rate: u32,
    hop: usize,
    sentence_silence: usize,
    models: Vec<LoadedModel>,
}

impl Synthesizer {
    /// Loads the acoustic model and vocoder of `pack` on the device `opts` names (on the CPU,
    /// the vocoder on a second thread beside the acoustic model).
    pub fn load(pack: &VoicePack, opts: &LoadOptions) -> Result<Self> {
        let selection = crate::device::select(opts.device)?;
        Self::load_on(pack, opts, selection.runtime)
    }

    /// On a GPU the networks run on [`gpu_window`]-wide windows ([`VoicePack::with_windows`]).
    pub(crate) fn load_on(
        pack: &VoicePack,
        opts: &LoadOptions,
        runtime: &dyn Runtime,
    ) -> Result<Self> {
        let widened;
        let on_cpu = runtime.name() == cpu_runtime().name();
        let pack = if on_cpu {
            pack
        } else {
            widened = pack.with_windows(gpu_window().map_err(Error::Device)?);
            &widened
        };
        let m = pack.manifest();
        let id_map = crate::voice::id_map(pack)?;
        let frontend = match opts.user_lexicon {
            Some(text) => Frontend::with_user_lexicon(text)?,
            None => Frontend::new(),
        };
        let name = opts.vocoder.unwrap_or(&m.defaults.vocoder);
        let voc = m
            .vocoder(name, Some(opts.precision))
            .or_else(|| m.vocoder(name, None))
            .ok_or_else(|| Error::Pack {
                pack: pack.dir().to_path_buf(),
                reason: format!("no vocoder {name:?} (it has: {})", m.vocoders().join(", ")),
            })?;
        let (acoustic, vocoder) = if on_cpu {
            std::thread::scope(|scope| -> Result<_> {
                let vocoder = scope.spawn(|| Vocoder::load(pack, voc, runtime));
                let acoustic = AcousticModel::load(pack, runtime, opts.precision, voc.interface);
                let vocoder = vocoder
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                Ok((acoustic?, vocoder?))
            })?
        } else {
            (
                AcousticModel::load(pack, runtime, opts.precision, voc.interface)?,
                Vocoder::load(pack, voc, runtime)?,
            )
        };
        let limit = acoustic.id_limit();
        if let Some((symbol, id)) = m.phonemes.ids.iter().find(|(_, id)| **id >= limit) {
            return Err(Error::Pack {
                pack: pack.dir().to_path_buf(),
                reason: format!(
                    "phoneme {symbol:?} has id {id} but the encoder's embedding has {limit} rows"
                ),
            });
        }
        let loaded = |e: &ModelEntry| LoadedModel {
            role: e.role,
            file: e.file.clone(),
            precision: e.precision,
            window: e.chunk.window(),
        };
        let mut models: Vec<LoadedModel> =
            crate::acoustic::entries(pack, opts.precision, voc.interface)?
                .all()
                .map(loaded)
                .collect();
        models.push(loaded(voc));
        Ok(Self {
            frontend,
            id_map,
            acoustic,
            vocoder,
            models,
            settings: Settings::from_defaults(&m.defaults),
            sample_rate: m.sample_rate,
            hop: m.mel.hop,
            sentence_silence: (m.defaults.sentence_silence.max(0.0) * m.sample_rate as f32)
                as usize,
        })
    }

    /// A synthesizer sharing this one's loaded networks, with its own run state: the way to
    /// speak on several threads at once.
    pub fn fork(&self) -> Result<Self> {
        Ok(Self {
            frontend: self.frontend.clone(),
            id_map: self.id_map.clone(),
            acoustic: self.acoustic.fork()?,
            vocoder: self.vocoder.fork()?,
            settings: self.settings,
            sample_rate: self.sample_rate,
            hop: self.hop,
            sentence_silence: self.sentence_silence,
            models: self.models.clone(),
        })
    }

    /// The networks loaded, in pipeline order (encoder, prior, decoder, vocoder).
    pub fn models(&self) -> &[LoadedModel] {
        &self.models
    }

    /// The settings used for the next sentences.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Replaces the settings after checking them.
    pub fn set_settings(&mut self, settings: Settings) -> Result<()> {
        settings.validate().map_err(Error::Config)?;
        self.settings = settings;
        Ok(())
    }

    /// Output sample rate.
    pub fn sample_rate(&self) -> u32 {
        self.sample_rate
    }

    /// Samples per mel frame.
    pub fn hop(&self) -> usize {
        self.hop
    }

    /// Samples of silence between sentences.
    pub fn sentence_silence(&self) -> usize {
        self.sentence_silence
    }

    /// The text frontend.
    pub fn frontend(&self) -> &Frontend {
        &self.frontend
    }

    /// Phoneme ids of one sentence (`^ _ p _ … $`); empty when nothing in it can be spoken.
    pub fn ids(&self, sentence: &str) -> Result<Vec<i64>> {
        Ok(self.utterance(sentence)?.ids)
    }

    /// One sentence as phoneme ids with its words and phonemes located in them; no ids when
    /// nothing in it can be spoken.
    pub fn utterance(&self, sentence: &str) -> Result<Utterance> {
        let words = self.frontend.phonemize_words(sentence)?;
        Ok(Utterance::new(&words, &self.id_map))
    }

    /// Normalized items (an SSML document's utterance) as phoneme ids with their words and
    /// phonemes located; no ids when nothing in them can be spoken.
    pub fn utterance_of_items(&self, items: &[sotto_text::Item]) -> Utterance {
        Utterance::new(&self.frontend.item_words(items), &self.id_map)
    }

    /// [`Synthesizer::utterance_of_items`], with the id index of each position in `at` (a
    /// count of items before it): the utterance's start when no spoken word comes before it,
    /// the start of the next word read, or the utterance's end when none follows.
    pub fn utterance_of_items_at(
        &self,
        items: &[sotto_text::Item],
        at: &[usize],
    ) -> (Utterance, Vec<usize>) {
        let read = self.frontend.item_words_at(items);
        let words: Vec<_> = read.iter().map(|(_, w)| w.clone()).collect();
        let (utt, starts) = Utterance::with_word_starts(&words, &self.id_map);
        let ids = at
            .iter()
            .map(|&a| match read.iter().take_while(|(k, _)| *k < a).count() {
                0 => 0,
                j => starts.get(j).copied().unwrap_or(utt.ids.len()),
            })
            .collect();
        (utt, ids)
    }

    /// Speaks one sentence (the `index`-th of its text); audio goes to `sink` as it is made.
    /// Returns the mel frames rendered (0 when the sentence has nothing to speak).
    pub fn speak_sentence(
        &mut self,
        sentence: &str,
        index: usize,
        sink: &mut dyn FnMut(&[f32]) -> Result<()>,
    ) -> Result<usize> {
        let ids = self.ids(sentence)?;
        self.speak_ids(&ids, index, sink)
    }

    /// Speaks one utterance given as phoneme ids.
    pub fn speak_ids(
        &mut self,
        ids: &[i64],
        index: usize,
        sink: &mut dyn FnMut(&[f32]) -> Result<()>,
    ) -> Result<usize> {
        if ids.is_empty() {
            return Ok(0);
        }
        self.begin(ids, index)?;
        while self.advance(sink)? {}
        Ok(self.acoustic.durations().iter().sum())
    }

    /// Starts the utterance `ids` (the `index`-th of its text), forgetting any unfinished
    /// one; returns the frames each id lasts.
    pub fn begin(&mut self, ids: &[i64], index: usize) -> Result<&[usize]> {
        self.vocoder.reset();
        let mut settings = self.settings;
        settings.seed = settings
            .seed
            .wrapping_add((index as u64).wrapping_mul(SENTENCE_SEED_STRIDE));
        self.acoustic.begin(ids, &settings)?;
        Ok(self.acoustic.durations())
    }

    /// Renders the next id of the utterance begun, handing finished audio to `sink`; after
    /// the last one, ends the utterance. Returns whether ids remain.
    pub fn advance(&mut self, sink: &mut dyn FnMut(&[f32]) -> Result<()>) -> Result<bool> {
        let vocoder = &mut self.vocoder;
        let more = self.acoustic.advance(&mut |mel| vocoder.push(mel, sink))?;
        if !more {
            vocoder.finish(sink)?;
        }
        Ok(more)
    }
}
