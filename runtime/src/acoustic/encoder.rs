//! Phoneme ids to per-id features and durations, on fixed-size id windows.

use tract_onnx::prelude::*;

use super::settings::{Settings, MAX_FRAMES_PER_ID};
use crate::chunk::Windower;
use crate::error::{Error, Result};
use crate::net::{f32s, Net};
use crate::voice::bounds::MAX_PHONEME_ID;
use crate::voice::manifest::ModelEntry;

/// The phoneme encoder and duration predictor.
#[derive(Debug)]
pub struct PhonemeEncoder {
    net: Net,
    windower: Windower,
    channels: usize,
    window: Vec<f32>,
}

/// An encoded utterance: features (time-major, one row per id) and frames per id.
#[derive(Debug, Default, Clone)]
pub struct Encoded {
    /// `ids × channels` features.
    pub features: Vec<f32>,
    /// Frames each id lasts.
    pub durations: Vec<usize>,
}

impl PhonemeEncoder {
    /// Wraps a loaded encoder net producing `channels` features per id.
    pub fn new(net: Net, entry: &ModelEntry, channels: usize) -> Self {
        Self {
            net,
            windower: Windower::new(entry.chunk, vec![0.0]),
            channels,
            window: Vec::new(),
        }
    }

    /// A net on the same plan with its own run state.
    pub fn fork(&self) -> Result<Self> {
        Ok(Self {
            net: self.net.fork()?,
            windower: Windower::new(self.windower.chunking(), vec![0.0]),
            channels: self.channels,
            window: Vec::new(),
        })
    }

    /// Ids the encoder's embedding has rows for: `0..rows`, or up to
    /// [`MAX_PHONEME_ID`] when the graph has no constant lookup table.
    pub fn id_limit(&self) -> i64 {
        self.net.table_rows().map_or(MAX_PHONEME_ID + 1, |r| {
            r.min(MAX_PHONEME_ID as usize + 1) as i64
        })
    }

    /// Fails on the first id the encoder has no row for.
    pub fn check_ids(&self, ids: &[i64]) -> Result<()> {
        let limit = self.id_limit();
        match ids.iter().position(|&i| !(0..limit).contains(&i)) {
            Some(k) => Err(Error::input(
                format!("phoneme id {} (position {k})", ids[k]),
                format!("the encoder {} takes ids 0..{limit}", self.net.label()),
            )),
            None => Ok(()),
        }
    }

    /// Encodes one utterance's ids.
    pub fn encode(&mut self, ids: &[i64], settings: &Settings, out: &mut Encoded) -> Result<()> {
        out.features.clear();
        out.durations.clear();
        self.windower.reset();
        let as_f32: Vec<f32> = ids.iter().map(|&i| i as f32).collect();
        self.windower.push(&as_f32);
        let c = self.channels;
        while let Some(info) = self.windower.next_window(true, &mut self.window) {
            let w = info.len;
            let ids_t: Vec<i64> = self.window.iter().map(|&v| v as i64).collect();
            let mask: Vec<f32> = (0..w).map(|k| (k < info.valid) as u8 as f32).collect();
            let label = self.net.label().to_string();
            let bad = |e: TractError| Error::model(&label, e);
            let inputs = tvec!(
                Tensor::from_shape(&[1, w], &ids_t)
                    .map_err(bad)?
                    .into_tvalue(),
                Tensor::from_shape(&[1, 1, w], &mask)
                    .map_err(bad)?
                    .into_tvalue(),
            );
            let outputs = self.net.for_window(w)?.run(inputs)?;
            let h = f32s(&outputs[0]).map_err(bad)?;
            let log_dur = f32s(&outputs[1]).map_err(bad)?;
            if h.len() != c * w || log_dur.len() != w {
                return Err(Error::model(
                    self.net.label(),
                    format!(
                        "returned {} features and {} durations for a {w}-id window",
                        h.len(),
                        log_dur.len()
                    ),
                ));
            }
            for k in info.emit.clone() {
                out.features.extend((0..c).map(|ch| h[ch * w + k]));
                out.durations
                    .push(frames(log_dur[k], settings.length_scale));
            }
        }
        Ok(())
    }
}

/// Frames for a predicted `ln(1 + frames)`, scaled and clamped.
pub fn frames(log_dur: f32, length_scale: f32) -> usize {
    let d = (log_dur.exp() - 1.0).max(0.0) * length_scale;
    if d.is_finite() {
        (d.round() as usize).min(MAX_FRAMES_PER_ID)
    } else {
        0
    }
}
