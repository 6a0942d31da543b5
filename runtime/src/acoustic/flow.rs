//! Frame features to output frames (log-mel or latent): prior, then Euler steps of the flow
//! decoder, per window. A prior without a decoder gives the frames itself (a deterministic
//! map such as the teacher's own flow): no noise, no steps.
//!
//! A decoder distilled for few steps declares a sixth input, [`STEP_INPUT`], and is given the
//! step size 1/steps: it returns the mean velocity over the step rather than the velocity at
//! its start.

use tract_onnx::prelude::*;

use super::noise::normal;
use super::settings::Settings;
use crate::chunk::{WindowInfo, Windower};
use crate::error::{Error, Result};
use crate::net::{f32s, transpose_into, Net};
use crate::voice::manifest::{Chunking, FrameSpace, ModelEntry};

/// Name of the optional decoder input that carries the step size.
pub const STEP_INPUT: &str = "dt";

/// The frame-rate half of the acoustic model.
#[derive(Debug)]
pub struct FlowDecoder {
    prior: Net,
    decoder: Option<Net>,
    takes_step: bool,
    windower: Windower,
    channels: usize,
    space: FrameSpace,
    window: Vec<f32>,
    scratch: Vec<f32>,
    frames_out: Vec<f32>,
}

impl FlowDecoder {
    /// Wraps a loaded prior and, unless the prior gives the frames itself, its decoder, run on
    /// windows of `chunk`; frames are of `space`, whose per-channel mean and std undo the
    /// models' normalisation.
    pub fn new(
        prior: Net,
        decoder: Option<(Net, &ModelEntry)>,
        chunk: Chunking,
        channels: usize,
        space: FrameSpace,
    ) -> Self {
        let takes_step = decoder
            .as_ref()
            .is_some_and(|(_, e)| e.inputs.iter().any(|i| i.name == STEP_INPUT));
        Self {
            prior,
            decoder: decoder.map(|(net, _)| net),
            takes_step,
            windower: Windower::new(chunk, vec![0.0; channels]),
            channels,
            space,
            window: Vec::new(),
            scratch: Vec::new(),
            frames_out: Vec::new(),
        }
    }

    /// A decoder on the same plans with its own run state.
    pub fn fork(&self) -> Result<Self> {
        Ok(Self {
            prior: self.prior.fork()?,
            decoder: self.decoder.as_ref().map(Net::fork).transpose()?,
            takes_step: self.takes_step,
            windower: Windower::new(self.windower.chunking(), vec![0.0; self.channels]),
            channels: self.channels,
            space: self.space.clone(),
            window: Vec::new(),
            scratch: Vec::new(),
            frames_out: Vec::new(),
        })
    }

    /// Appends frame features (time-major rows of `channels`); emits finished output frames.
    pub fn push(
        &mut self,
        features: &[f32],
        settings: &Settings,
        sink: &mut dyn FnMut(&[f32]) -> Result<()>,
    ) -> Result<()> {
        self.windower.push(features);
        self.drain(false, settings, sink)
    }

    /// Ends the utterance and emits the remaining frames.
    pub fn finish(
        &mut self,
        settings: &Settings,
        sink: &mut dyn FnMut(&[f32]) -> Result<()>,
    ) -> Result<()> {
        self.drain(true, settings, sink)?;
        self.windower.reset();
        Ok(())
    }

    /// Forgets any utterance in progress (one whose sink failed or that was cancelled).
    pub fn reset(&mut self) {
        self.windower.reset();
    }

    /// Frames pushed since the utterance began.
    pub fn pushed(&self) -> usize {
        self.windower.pushed()
    }

    fn drain(
        &mut self,
        ended: bool,
        settings: &Settings,
        sink: &mut dyn FnMut(&[f32]) -> Result<()>,
    ) -> Result<()> {
        while let Some(info) = self.windower.next_window(ended, &mut self.window) {
            self.render(&info, settings)?;
            sink(&self.frames_out)?;
        }
        Ok(())
    }

    fn render(&mut self, info: &WindowInfo, s: &Settings) -> Result<()> {
        let w = info.len;
        let (c, m) = (self.channels, self.space.channels);
        let prior_label = self.prior.label().to_string();
        let prior_err = |e: TractError| Error::model(&prior_label, e);
        transpose_into(&self.window, w, c, &mut self.scratch);
        let mask: Vec<f32> = (0..w).map(|k| (k < info.valid) as u8 as f32).collect();
        let mask_t = Tensor::from_shape(&[1, 1, w], &mask).map_err(prior_err)?;
        let h = Tensor::from_shape(&[1, c, w], &self.scratch).map_err(prior_err)?;
        let out = self
            .prior
            .for_window(w)?
            .run(tvec!(h.into_tvalue(), mask_t.clone().into_tvalue()))?;
        let mu = out[0].clone();
        let mu_s = f32s(&mu).map_err(prior_err)?;
        if mu_s.len() != m * w {
            return Err(Error::model(self.prior.label(), "mu has the wrong shape"));
        }
        let mut x: Vec<f32> = mu_s.to_vec();
        let takes_step = self.takes_step;
        if let Some(decoder) = &mut self.decoder {
            let cond = out.get(1).cloned().ok_or_else(|| {
                Error::model(&prior_label, "a prior with a decoder gives mu and cond")
            })?;
            for band in 0..m {
                for k in 0..info.valid {
                    let index = ((info.start + k) * m + band) as u64;
                    x[band * w + k] += s.temperature * normal(s.seed, index);
                }
            }
            let dt = 1.0 / s.steps as f32;
            let dec_label = decoder.label().to_string();
            let dec_err = |e: TractError| Error::model(&dec_label, e);
            for step in 0..s.steps {
                let t = Tensor::from_shape(&[1], &[step as f32 * dt]).map_err(dec_err)?;
                let xt = Tensor::from_shape(&[1, m, w], &x).map_err(dec_err)?;
                let mut inputs = tvec!(
                    xt.into_tvalue(),
                    mu.clone(),
                    cond.clone(),
                    mask_t.clone().into_tvalue(),
                    t.into_tvalue()
                );
                if takes_step {
                    inputs.push(tensor1(&[dt]).into_tvalue());
                }
                let v = decoder.for_window(w)?.run(inputs)?;
                let v = f32s(&v[0]).map_err(dec_err)?;
                if v.len() != m * w {
                    return Err(Error::model(&dec_label, "velocity has the wrong shape"));
                }
                for (xi, vi) in x.iter_mut().zip(v) {
                    *xi += dt * vi;
                }
            }
        }
        self.frames_out.clear();
        let (mean, std) = (&self.space.mean, &self.space.std);
        for k in info.emit.clone() {
            self.frames_out
                .extend((0..m).map(|band| x[band * w + k] * std[band] + mean[band]));
        }
        Ok(())
    }
}
