//! Phoneme ids to log-mel frames: encoder, length regulation, flow-matching decoder.

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
use crate::voice::manifest::{ModelEntry, Precision, Role};
use crate::voice::VoicePack;

/// The acoustic model of a voice pack, loaded.
#[derive(Debug)]
pub struct AcousticModel {
    encoder: PhonemeEncoder,
    flow: FlowDecoder,
    channels: usize,
    encoded: Encoded,
}

fn entry(pack: &VoicePack, role: Role, precision: Precision) -> Result<&ModelEntry> {
    let m = pack.manifest();
    m.model(role, None, Some(precision))
        .or_else(|| m.model(role, None, Some(Precision::Fp32)))
        .ok_or_else(|| Error::Pack {
            pack: pack.dir().to_path_buf(),
            reason: format!("no {role:?} model (the pack has no acoustic model)"),
        })
}

impl AcousticModel {
    /// Loads the encoder, prior and decoder of `pack`, preferring `precision` per model.
    pub fn load(pack: &VoicePack, runtime: &dyn Runtime, precision: Precision) -> Result<Self> {
        let m = pack.manifest();
        let enc = entry(pack, Role::Encoder, precision)?;
        let prior = entry(pack, Role::Prior, precision)?;
        let dec = entry(pack, Role::Decoder, precision)?;
        let channels = prior
            .inputs
            .first()
            .and_then(|s| s.dims.get(1))
            .filter(|&&c| c > 0)
            .map(|&c| c as usize)
            .ok_or_else(|| Error::model(&prior.file, "input `h` must be declared [1, C, -1]"))?;
        if prior.chunk != dec.chunk {
            return Err(Error::model(
                &dec.file,
                "prior and decoder must share one frame chunking",
            ));
        }
        let load = |e: &ModelEntry| -> Result<Net> { Net::load(&pack.model_path(e)?, e, runtime) };
        Ok(Self {
            encoder: PhonemeEncoder::new(load(enc)?, enc, channels),
            flow: FlowDecoder::new(
                load(prior)?,
                load(dec)?,
                dec,
                channels,
                m.mel.n_mels,
                m.defaults.mel_mean,
                m.defaults.mel_std,
            ),
            channels,
            encoded: Encoded::default(),
        })
    }

    /// Renders one utterance's ids to log-mel frames, handing them to `sink` as they finish.
    pub fn synthesize(
        &mut self,
        ids: &[i64],
        settings: &Settings,
        sink: &mut dyn FnMut(&[f32]) -> Result<()>,
    ) -> Result<usize> {
        settings.validate().map_err(Error::Config)?;
        self.encoder.encode(ids, settings, &mut self.encoded)?;
        let c = self.channels;
        let mut frames = 0;
        let mut row = Vec::new();
        for (k, &d) in self.encoded.durations.iter().enumerate() {
            let feat = &self.encoded.features[k * c..(k + 1) * c];
            row.clear();
            for _ in 0..d {
                row.extend_from_slice(feat);
            }
            frames += d;
            self.flow.push(&row, settings, sink)?;
        }
        self.flow.finish(settings, sink)?;
        Ok(frames)
    }
}
