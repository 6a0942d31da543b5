//! Phoneme ids to frames (log-mel or latent): encoder, length regulation, then a prior with a
//! flow-matching decoder, or a prior that gives the frames itself.

pub mod encoder;
pub mod flow;
pub mod noise;
pub mod settings;

use tract_onnx::tract_core::runtime::Runtime;

pub use encoder::{Encoded, PhonemeEncoder};
pub use flow::FlowDecoder;
pub use settings::Settings;

use crate::error::{Error, Result};
use crate::net::Net;
use crate::voice::manifest::{Interface, ModelEntry, Precision, Role};
use crate::voice::VoicePack;

/// Most phoneme ids one utterance may have (a sentence of
/// [`sotto_text::split::MAX_SENTENCE_CHARS`] characters needs well under this).
pub const MAX_IDS: usize = 8_192;

/// The acoustic model of a voice pack, loaded.
#[derive(Debug)]
pub struct AcousticModel {
    encoder: PhonemeEncoder,
    flow: FlowDecoder,
    channels: usize,
    encoded: Encoded,
    settings: Settings,
    cursor: usize,
    row: Vec<f32>,
}

/// The `role` model of `interface` at `precision`, else at fp32.
fn model_entry(
    pack: &VoicePack,
    role: Role,
    precision: Precision,
    interface: Interface,
) -> Option<&ModelEntry> {
    let at = |p: Precision| {
        pack.manifest()
            .models
            .iter()
            .find(|e| e.role == role && e.precision == p && e.interface == interface)
    };
    at(precision).or_else(|| at(Precision::Fp32))
}

fn missing(pack: &VoicePack, role: Role, interface: Interface) -> Error {
    Error::Pack {
        pack: pack.dir().to_path_buf(),
        reason: format!(
            "no {role} model speaking the {interface} interface (the vocoder chosen takes \
             {interface} frames)"
        ),
    }
}

/// The models [`AcousticModel::load`] takes for `precision` and the frames of `interface`, each
/// at that precision when the pack has it, else fp32.
#[derive(Debug, Clone, Copy)]
pub struct Entries<'a> {
    /// The encoder declared for `interface`, else the pack's mel encoder.
    pub encoder: &'a ModelEntry,
    /// The prior of `interface`.
    pub prior: &'a ModelEntry,
    /// The flow decoder; `None` when the prior gives the frames itself (one output).
    pub decoder: Option<&'a ModelEntry>,
}

impl<'a> Entries<'a> {
    /// The entries in pipeline order.
    pub fn all(&self) -> impl Iterator<Item = &'a ModelEntry> {
        [Some(self.encoder), Some(self.prior), self.decoder]
            .into_iter()
            .flatten()
    }
}

/// Picks the acoustic models of `pack` for `precision` and `interface`.
pub fn entries(pack: &VoicePack, precision: Precision, interface: Interface) -> Result<Entries<'_>> {
    let encoder = model_entry(pack, Role::Encoder, precision, interface)
        .or_else(|| model_entry(pack, Role::Encoder, precision, Interface::Mel))
        .ok_or_else(|| Error::Pack {
            pack: pack.dir().to_path_buf(),
            reason: "no encoder model (the pack has no acoustic model)".into(),
        })?;
    let prior = model_entry(pack, Role::Prior, precision, interface)
        .ok_or_else(|| missing(pack, Role::Prior, interface))?;
    let decoder = match prior.outputs.len() {
        1 => None,
        _ => Some(
            model_entry(pack, Role::Decoder, precision, interface)
                .ok_or_else(|| missing(pack, Role::Decoder, interface))?,
        ),
    };
    Ok(Entries {
        encoder,
        prior,
        decoder,
    })
}

impl AcousticModel {
    /// Loads the encoder, prior and decoder of `pack` that produce `interface` frames,
    /// preferring `precision` per model.
    pub fn load(
        pack: &VoicePack,
        runtime: &dyn Runtime,
        precision: Precision,
        interface: Interface,
    ) -> Result<Self> {
        let m = pack.manifest();
        let Entries {
            encoder: enc,
            prior,
            decoder: dec,
        } = entries(pack, precision, interface)?;
        let space = m.frame_space(interface).ok_or_else(|| Error::Pack {
            pack: pack.dir().to_path_buf(),
            reason: format!("{}: no `{interface}` section for its frames", prior.file),
        })?;
        let channels = prior
            .inputs
            .first()
            .and_then(|s| s.dims.get(1))
            .filter(|&&c| c > 0)
            .map(|&c| c as usize)
            .ok_or_else(|| Error::model(&prior.file, "input `h` must be declared [1, C, -1]"))?;
        if let Some(dec) = dec.filter(|d| d.chunk != prior.chunk) {
            return Err(Error::model(
                &dec.file,
                "prior and decoder must share one frame chunking",
            ));
        }
        let load = |e: &ModelEntry| -> Result<Net> { Net::load(&pack.model_path(e)?, e, runtime) };
        let (enc_net, prior_net) = (load(enc)?, load(prior)?);
        let dec_net = dec.map(load).transpose()?;
        let (n, w, d) = (enc.chunk.window(), prior.chunk.window(), space.channels);
        let width = format!("{d} {interface} channels per frame");
        enc_net.expect_output(
            0,
            &enc.outputs[0],
            channels * n,
            &format!("the prior's {channels} channels"),
        )?;
        enc_net.expect_output(1, &enc.outputs[1], n, "one log duration per id")?;
        prior_net.expect_output(0, &prior.outputs[0], d * w, &width)?;
        if let (Some(net), Some(dec)) = (&dec_net, dec) {
            net.expect_output(0, &dec.outputs[0], d * w, &width)?;
        }
        Ok(Self {
            encoder: PhonemeEncoder::new(enc_net, enc, channels),
            flow: FlowDecoder::new(prior_net, dec_net.zip(dec), prior.chunk, channels, space),
            channels,
            encoded: Encoded::default(),
            settings: Settings::from_defaults(&m.defaults),
            cursor: 0,
            row: Vec::new(),
        })
    }

    /// A model on the same plans with its own run state, ready for a new utterance.
    pub fn fork(&self) -> Result<Self> {
        Ok(Self {
            encoder: self.encoder.fork()?,
            flow: self.flow.fork()?,
            channels: self.channels,
            encoded: Encoded::default(),
            settings: self.settings,
            cursor: 0,
            row: Vec::new(),
        })
    }

    /// Renders one utterance's ids to frames, handing them to `sink` as they finish.
    pub fn synthesize(
        &mut self,
        ids: &[i64],
        settings: &Settings,
        sink: &mut dyn FnMut(&[f32]) -> Result<()>,
    ) -> Result<usize> {
        self.begin(ids, settings)?;
        while self.advance(sink)? {}
        Ok(self.encoded.durations.iter().sum())
    }

    /// Starts an utterance, forgetting any unfinished one: checks and encodes `ids`.
    pub fn begin(&mut self, ids: &[i64], settings: &Settings) -> Result<()> {
        settings.validate().map_err(Error::Config)?;
        self.flow.reset();
        self.cursor = usize::MAX;
        if ids.len() > MAX_IDS {
            return Err(Error::input(
                "phoneme ids",
                format!("{} ids in one utterance, at most {MAX_IDS}", ids.len()),
            ));
        }
        self.encoder.check_ids(ids)?;
        self.encoder.encode(ids, settings, &mut self.encoded)?;
        self.settings = *settings;
        self.cursor = 0;
        Ok(())
    }

    /// Ids the encoder takes: `0..id_limit()`.
    pub fn id_limit(&self) -> i64 {
        self.encoder.id_limit()
    }

    /// Frames each id of the current utterance lasts.
    pub fn durations(&self) -> &[usize] {
        &self.encoded.durations
    }

    /// Renders the next id of the current utterance, handing finished frames to `sink`; after
    /// the last id, ends the utterance. Returns whether ids remain.
    pub fn advance(&mut self, sink: &mut dyn FnMut(&[f32]) -> Result<()>) -> Result<bool> {
        let c = self.channels;
        let n = self.encoded.durations.len();
        if self.cursor >= n {
            if self.cursor == n {
                self.cursor = usize::MAX;
                self.flow.finish(&self.settings, sink)?;
            }
            return Ok(false);
        }
        let k = self.cursor;
        self.cursor += 1;
        let feat = &self.encoded.features[k * c..(k + 1) * c];
        self.row.clear();
        for _ in 0..self.encoded.durations[k] {
            self.row.extend_from_slice(feat);
        }
        self.flow.push(&self.row, &self.settings, sink)?;
        if self.cursor == n {
            self.cursor = usize::MAX;
            self.flow.finish(&self.settings, sink)?;
            return Ok(false);
        }
        Ok(true)
    }
}
