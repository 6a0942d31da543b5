//! The voice-pack manifest (`voice.json`): what a pack holds and how its models are called.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::mel::MelConfig;
pub use crate::vocoder::istft::IstftSpec;

/// The manifest format this runtime reads.
pub const FORMAT_VERSION: u32 = 1;
/// File name of the manifest inside a pack directory.
pub const MANIFEST_FILE: &str = "voice.json";

/// A voice pack's manifest.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Manifest format version; must equal [`FORMAT_VERSION`].
    pub format: u32,
    /// Short voice name.
    pub name: String,
    /// BCP-47 language tag.
    pub language: String,
    /// Output sample rate in Hz.
    pub sample_rate: u32,
    /// The mel analysis the models were trained on.
    pub mel: MelConfig,
    /// The latent frame space, for packs whose models speak [`Interface::Latent`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latent: Option<LatentConfig>,
    /// Phoneme symbols and their ids.
    pub phonemes: PhonemeSet,
    /// Every model file of the pack.
    pub models: Vec<ModelEntry>,
    /// Every other file of the pack (licences, lexicons) with its checksum.
    #[serde(default)]
    pub files: Vec<FileEntry>,
    /// Default synthesis settings.
    pub defaults: Defaults,
    /// Where the voice comes from and under which licence (optional: credits such as the
    /// Wyoming `info` event's show it when present).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<Attribution>,
}

/// Where a voice comes from, as its pack's manifest credits it (`"attribution"` in
/// `voice.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attribution {
    /// Who made the voice and from what (e.g. the upstream voice and its dataset).
    pub name: String,
    /// Where the upstream voice is published.
    pub url: String,
    /// Its licence, as an SPDX expression (e.g. `MIT`).
    pub license: String,
}

/// A latent frame space: the input of a latent vocoder (for the shipped voice, the Piper
/// teacher's `z`, which its own decoder turns into audio), and the acoustic models'
/// normalisation of it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LatentConfig {
    /// Values per frame.
    pub channels: usize,
    /// Audio samples per frame; equal to the mel hop, so durations count the same frames.
    pub hop: usize,
    /// Per-channel mean the acoustic models' latent space is centred on.
    pub mean: Vec<f32>,
    /// Per-channel scale of the acoustic models' latent space.
    pub std: Vec<f32>,
}

/// The frames a model produces (prior, decoder) or takes (vocoder).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Interface {
    /// Log-mel frames of the pack's `mel` analysis.
    #[default]
    Mel,
    /// Latent frames of the pack's `latent` section.
    Latent,
}

impl Interface {
    fn is_mel(&self) -> bool {
        *self == Interface::Mel
    }
}

impl std::fmt::Display for Interface {
    /// The manifest's spelling (`mel`, `latent`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Interface::Mel => "mel",
            Interface::Latent => "latent",
        })
    }
}

/// A frame space as the pipeline uses it: width, and how the acoustic models' normalised
/// frames map back to it (`value * std[c] + mean[c]`).
#[derive(Debug, Clone, PartialEq)]
pub struct FrameSpace {
    /// Which interface this is.
    pub interface: Interface,
    /// Values per frame.
    pub channels: usize,
    /// Per-channel mean (length `channels`).
    pub mean: Vec<f32>,
    /// Per-channel scale (length `channels`).
    pub std: Vec<f32>,
    /// The value of a silent frame, which pads windows past an utterance's edges.
    pub silence: f32,
}

impl Manifest {
    /// The frame space of `interface`, or `None` when the pack does not describe it (a latent
    /// interface without a `latent` section).
    pub fn frame_space(&self, interface: Interface) -> Option<FrameSpace> {
        match interface {
            Interface::Mel => Some(FrameSpace {
                interface,
                channels: self.mel.n_mels,
                mean: vec![self.defaults.mel_mean; self.mel.n_mels],
                std: vec![self.defaults.mel_std; self.mel.n_mels],
                silence: MelConfig::silence(),
            }),
            Interface::Latent => self.latent.as_ref().map(|l| FrameSpace {
                interface,
                channels: l.channels,
                mean: l.mean.clone(),
                std: l.std.clone(),
                silence: 0.0,
            }),
        }
    }
}

/// The phoneme inventory in Piper's conventions.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhonemeSet {
    /// Symbol → id.
    pub ids: BTreeMap<String, i64>,
    /// Padding symbol inserted between phonemes.
    pub pad: String,
    /// Symbol opening an utterance.
    pub bos: String,
    /// Symbol closing an utterance.
    pub eos: String,
}

/// What a model does in the pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Phoneme ids → phoneme features and log durations.
    Encoder,
    /// Frame-rate phoneme features → prior frames and conditioning for the decoder, or (a prior
    /// with one output) the frames themselves, deterministically.
    Prior,
    /// One flow-matching evaluation: (x, mu, cond, t) → velocity.
    Decoder,
    /// Frames (mel or latent) → audio samples.
    Vocoder,
}

/// Numeric precision of a model file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// 32-bit float weights and activations.
    Fp32,
    /// 8-bit integer kernels where they pay.
    Int8,
}

impl std::fmt::Display for Role {
    /// The manifest's spelling (`encoder`, `prior`, `decoder`, `vocoder`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Role::Encoder => "encoder",
            Role::Prior => "prior",
            Role::Decoder => "decoder",
            Role::Vocoder => "vocoder",
        })
    }
}

impl std::fmt::Display for Precision {
    /// The manifest's spelling (`fp32`, `int8`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Precision::Fp32 => "fp32",
            Precision::Int8 => "int8",
        })
    }
}

/// Element type of a model input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DType {
    /// 32-bit float.
    F32,
    /// 64-bit signed integer.
    I64,
}

impl DType {
    /// The manifest's spelling (`f32`, `i64`).
    pub fn name(&self) -> &'static str {
        match self {
            DType::F32 => "f32",
            DType::I64 => "i64",
        }
    }
}

/// A declared model input. `dims` uses -1 for the chunk axis, fixed from `chunk` at load.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TensorSpec {
    /// Input name in the ONNX graph.
    pub name: String,
    /// Element type.
    pub dtype: DType,
    /// Shape; -1 marks the chunk axis.
    pub dims: Vec<i64>,
}

/// Fixed chunking of a model's time axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chunking {
    /// Positions (frames or phonemes) produced per window.
    pub size: usize,
    /// Context positions on each side of a window.
    pub context: usize,
    /// Positions the first window of a stream produces, when it is to be smaller than the
    /// others (a second plan of `lead + context` positions runs it: first audio sooner).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<usize>,
}

impl Chunking {
    /// Positions fed per window: `size + 2 * context`.
    pub fn window(&self) -> usize {
        self.size + 2 * self.context
    }

    /// Positions fed to the first window when the chunking has a lead: `lead + context` (it
    /// starts at the stream's start, so it has no left context).
    pub fn lead_window(&self) -> Option<usize> {
        self.lead.map(|lead| lead + self.context)
    }
}

/// One model file of the pack.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelEntry {
    /// Its role in the pipeline.
    pub role: Role,
    /// Variant name (e.g. `hifigan`, `small`); roles may have several.
    pub name: String,
    /// Precision of the file.
    pub precision: Precision,
    /// File name relative to the pack directory.
    pub file: String,
    /// Lower-case hex sha256 of the file.
    pub sha256: String,
    /// Declared inputs, in graph order.
    pub inputs: Vec<TensorSpec>,
    /// Output names, in graph order.
    pub outputs: Vec<String>,
    /// Chunking of the time axis.
    pub chunk: Chunking,
    /// Output values per input position along the time axis (256 for a vocoder, 1 otherwise).
    #[serde(default = "one")]
    pub upsample: usize,
    /// For a vocoder that outputs one spectrum per frame: the inverse-STFT framing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub istft: Option<IstftSpec>,
    /// Silent frames put before and after each utterance, their output dropped, so the network
    /// never sees its own zero padding at an utterance edge (for a vocoder trained on segments
    /// cut from inside utterances).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub edge_pad: usize,
    /// The frames it produces (prior, decoder) or takes (vocoder); `mel` when absent. An
    /// encoder with an interface serves that interface's prior alone; one without serves every
    /// interface that has none of its own.
    #[serde(default, skip_serializing_if = "Interface::is_mel")]
    pub interface: Interface,
}

fn one() -> usize {
    1
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A non-model file of the pack.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileEntry {
    /// File name relative to the pack directory.
    pub file: String,
    /// Lower-case hex sha256 of the file.
    pub sha256: String,
}

/// Default synthesis settings of the voice.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    /// Vocoder variant used unless another is asked for.
    pub vocoder: String,
    /// Flow-matching steps.
    #[serde(default = "default_steps")]
    pub steps: usize,
    /// Scale of the initial noise.
    #[serde(default = "default_temperature")]
    pub temperature: f32,
    /// Duration scale (> 1 is slower).
    #[serde(default = "default_speed")]
    pub length_scale: f32,
    /// Silence between sentences, in seconds.
    #[serde(default = "default_sentence_silence")]
    pub sentence_silence: f32,
    /// Mel normalisation: mean the models' mel space is centred on.
    #[serde(default)]
    pub mel_mean: f32,
    /// Mel normalisation: scale of the models' mel space.
    #[serde(default = "default_speed")]
    pub mel_std: f32,
}

fn default_steps() -> usize {
    2
}
fn default_temperature() -> f32 {
    0.667
}
fn default_speed() -> f32 {
    1.0
}
fn default_sentence_silence() -> f32 {
    0.2
}
