//! Frames to audio: a neural vocoder run on fixed-size windows, streaming.
//!
//! A vocoder takes the frames of its manifest entry's interface: log-mel frames, or latent
//! frames (the teacher's `z`, for its own decoder or a student of it). Windows past an
//! utterance's edges are padded with that interface's silent frame.
//!
//! A vocoder either outputs samples directly (HiFi-GAN: `hop` samples per frame) or one
//! complex spectrum per frame, turned into samples by [`istft::Istft`]. A vocoder whose manifest
//! entry asks for `edge_pad` gets that many silent frames before and after every utterance;
//! the audio they make is dropped (`EdgeTrim`).

pub mod istft;

use tract_onnx::prelude::*;
use tract_onnx::tract_core::runtime::Runtime;

use crate::chunk::Windower;
use crate::error::{Error, Result};
use crate::mel::MelConfig;
use crate::net::{f32s, transpose_into, Net};
use crate::voice::manifest::{Interface, ModelEntry};
use crate::voice::VoicePack;
use istft::Istft;

/// A streaming vocoder: frames in, audio samples out as soon as they are final.
#[derive(Debug)]
pub struct Vocoder {
    net: Net,
    windower: Windower,
    interface: Interface,
    channels: usize,
    hop: usize,
    window: Vec<f32>,
    input: Vec<f32>,
    istft: Option<Istft>,
    samples: Vec<f32>,
    re: Vec<f32>,
    im: Vec<f32>,
    edge_pad: usize,
    frames: usize,
    trim: EdgeTrim,
    silence: Vec<f32>,
}

/// Passes on the samples of an utterance's own frames and drops those of its edge padding.
#[derive(Debug, Default, Clone)]
struct EdgeTrim {
    at: usize,
    from: usize,
    to: Option<usize>,
}

impl EdgeTrim {
    /// Starts an utterance whose first `skip` samples are padding.
    fn start(&mut self, skip: usize) {
        *self = Self {
            at: 0,
            from: skip,
            to: None,
        };
    }

    /// The part of the next `chunk` of output that belongs to the utterance.
    fn pass<'a>(&mut self, chunk: &'a [f32]) -> &'a [f32] {
        let (a, b) = (self.at, self.at + chunk.len());
        self.at = b;
        let lo = a.max(self.from).min(b);
        let hi = self.to.map_or(b, |t| t.min(b)).max(lo);
        &chunk[lo - a..hi - a]
    }
}

impl Vocoder {
    /// Loads the vocoder `entry` of `pack` on `runtime`.
    pub fn load(pack: &VoicePack, entry: &ModelEntry, runtime: &dyn Runtime) -> Result<Self> {
        let mel: &MelConfig = &pack.manifest().mel;
        let space = pack
            .manifest()
            .frame_space(entry.interface)
            .ok_or_else(|| {
                Error::model(
                    &entry.file,
                    format!(
                        "takes {} frames the manifest does not describe",
                        entry.interface
                    ),
                )
            })?;
        let spec = entry.inputs.first().ok_or_else(|| {
            Error::model(
                &entry.file,
                "a vocoder takes one input, the manifest lists none",
            )
        })?;
        if entry.inputs.len() != 1 || spec.dims != [1, space.channels as i64, -1] {
            return Err(Error::model(
                &entry.file,
                format!(
                    "a {} vocoder takes one input [1, {}, -1], the manifest declares {:?}",
                    entry.interface, space.channels, entry.inputs
                ),
            ));
        }
        if let Some(spec) = entry.istft {
            if spec.hop != mel.hop || spec.n_fft < spec.hop || spec.n_fft % 2 != 0 {
                return Err(Error::model(
                    &entry.file,
                    format!("inverse STFT {spec:?} does not fit the mel hop {}", mel.hop),
                ));
            }
        } else if entry.upsample != mel.hop {
            return Err(Error::model(
                &entry.file,
                format!(
                    "upsamples by {} but the mel hop is {}",
                    entry.upsample, mel.hop
                ),
            ));
        }
        let net = Net::load(&pack.model_path(entry)?, entry, runtime)?;
        let w = entry.chunk.window();
        match entry.istft {
            Some(spec) => net.expect_output(
                0,
                &entry.outputs[0],
                2 * (spec.n_fft / 2 + 1) * w,
                &format!(
                    "an inverse STFT of n_fft {} (2 × {} bins per frame)",
                    spec.n_fft,
                    spec.n_fft / 2 + 1
                ),
            )?,
            None => net.expect_output(
                0,
                &entry.outputs[0],
                entry.upsample * w,
                &format!("upsampling by {}", entry.upsample),
            )?,
        }
        let silence = vec![space.silence; space.channels];
        Ok(Self {
            net,
            windower: Windower::new(entry.chunk, silence.clone()),
            interface: entry.interface,
            channels: space.channels,
            hop: mel.hop,
            window: Vec::new(),
            input: Vec::new(),
            istft: entry.istft.map(Istft::new),
            samples: Vec::new(),
            re: Vec::new(),
            im: Vec::new(),
            edge_pad: entry.edge_pad,
            frames: 0,
            trim: EdgeTrim::default(),
            silence,
        })
    }

    /// A vocoder on the same plan with its own run state, ready for a new utterance.
    pub fn fork(&self) -> Result<Self> {
        Ok(Self {
            net: self.net.fork()?,
            windower: Windower::new(self.windower.chunking(), self.silence.clone()),
            interface: self.interface,
            channels: self.channels,
            hop: self.hop,
            window: Vec::new(),
            input: Vec::new(),
            istft: self.istft.as_ref().map(|i| Istft::new(i.spec())),
            samples: Vec::new(),
            re: Vec::new(),
            im: Vec::new(),
            edge_pad: self.edge_pad,
            frames: 0,
            trim: EdgeTrim::default(),
            silence: self.silence.clone(),
        })
    }

    /// The frames this vocoder takes.
    pub fn interface(&self) -> Interface {
        self.interface
    }

    /// Feeds frames (time-major, [`Vocoder::channels`] values each); hands finished audio to
    /// `sink`.
    pub fn push(
        &mut self,
        frames: &[f32],
        sink: &mut dyn FnMut(&[f32]) -> Result<()>,
    ) -> Result<()> {
        if frames.is_empty() {
            return Ok(());
        }
        if self.frames == 0 {
            self.trim.start(self.edge_pad * self.hop);
            self.windower.push_pad(self.edge_pad);
        }
        self.frames += frames.len() / self.channels;
        self.windower.push(frames);
        self.drain(false, sink)
    }

    /// Ends the utterance: emits the remaining audio and resets for the next one.
    pub fn finish(&mut self, sink: &mut dyn FnMut(&[f32]) -> Result<()>) -> Result<()> {
        if self.frames > 0 {
            self.trim.to = Some((self.edge_pad + self.frames) * self.hop);
            self.windower.push_pad(self.edge_pad);
            self.drain(true, sink)?;
            if let Some(istft) = &mut self.istft {
                istft.drain(self.windower.pushed() * self.hop, &mut self.samples);
                let out = self.trim.pass(&self.samples);
                if !out.is_empty() {
                    sink(out)?;
                }
            }
        }
        self.reset();
        Ok(())
    }

    /// Values per frame it takes.
    pub fn channels(&self) -> usize {
        self.channels
    }

    /// Forgets any utterance in progress (one whose sink failed or that was cancelled).
    pub fn reset(&mut self) {
        if let Some(istft) = &mut self.istft {
            istft.reset();
        }
        self.windower.reset();
        self.frames = 0;
        self.trim = EdgeTrim::default();
    }

    fn drain(&mut self, ended: bool, sink: &mut dyn FnMut(&[f32]) -> Result<()>) -> Result<()> {
        while let Some(info) = self.windower.next_window(ended, &mut self.window) {
            let w = info.len;
            transpose_into(&self.window, w, self.channels, &mut self.input);
            let tensor = Tensor::from_shape(&[1, self.channels, w], &self.input)
                .map_err(|e| Error::model(self.net.label(), e))?;
            let out = self.net.for_window(w)?.run(tvec!(tensor.into_tvalue()))?;
            let audio = f32s(&out[0]).map_err(|e| Error::model(self.net.label(), e))?;
            if let Some(istft) = &mut self.istft {
                let bins = istft.bins();
                if audio.len() != 2 * bins * w {
                    return Err(Error::model(
                        self.net.label(),
                        format!(
                            "returned {} values, expected {} spectra of {bins} bins",
                            audio.len(),
                            w
                        ),
                    ));
                }
                for k in info.emit.clone() {
                    self.re.clear();
                    self.im.clear();
                    self.re.extend((0..bins).map(|b| audio[b * w + k]));
                    self.im.extend((0..bins).map(|b| audio[(bins + b) * w + k]));
                    istft.add_frame(info.start + k, &self.re, &self.im);
                }
                let last = info.start + info.emit.end - 1;
                istft.drain(istft.final_before(last), &mut self.samples);
                let out = self.trim.pass(&self.samples);
                if !out.is_empty() {
                    sink(out)?;
                }
                continue;
            }
            let (a, b) = (info.emit.start * self.hop, info.emit.end * self.hop);
            if audio.len() < b {
                return Err(Error::model(
                    self.net.label(),
                    format!("returned {} samples for a {w}-frame window", audio.len()),
                ));
            }
            let out = self.trim.pass(&audio[a..b]);
            if !out.is_empty() {
                sink(out)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::EdgeTrim;

    #[test]
    fn edge_trim_keeps_exactly_the_utterance_samples_across_chunk_boundaries() {
        let stream: Vec<f32> = (0..100).map(|i| i as f32).collect();
        for step in [1, 3, 7, 10, 64, 100] {
            let mut trim = EdgeTrim::default();
            trim.start(12);
            let mut kept = Vec::new();
            for (i, chunk) in stream.chunks(step).enumerate() {
                if (i + 1) * step > 82 {
                    trim.to = Some(82);
                }
                kept.extend_from_slice(trim.pass(chunk));
            }
            let want: Vec<f32> = (12..82).map(|i| i as f32).collect();
            assert_eq!(kept, want, "chunks of {step}");
        }
    }
}
