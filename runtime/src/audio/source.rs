//! Reading WAV input as a mono stream at the voice's sample rate.

use std::io::Read;

use super::resample::Resampler;
use crate::error::{Error, Result};

/// Samples read from the input per block.
pub const READ_BLOCK: usize = 8192;
/// Lowest input sample rate accepted, in Hz (lower rates would make the resampler emit
/// thousands of samples per input sample).
pub const MIN_INPUT_RATE: u32 = 1_000;
/// Highest input sample rate accepted, in Hz.
pub const MAX_INPUT_RATE: u32 = 768_000;

/// A WAV stream delivered in blocks of mono `f32` samples at a target rate.
pub struct WavSource<R: Read> {
    name: String,
    reader: hound::WavReader<R>,
    channels: usize,
    scale: f32,
    float: bool,
    resampler: Option<Resampler>,
    done: bool,
}

impl<R: Read> WavSource<R> {
    /// Parses the WAV header of `input`; `name` names it in errors.
    pub fn new(input: R, name: &str, target_rate: u32) -> Result<Self> {
        let err = |reason: String| Error::Audio {
            subject: name.to_string(),
            reason,
        };
        let reader = hound::WavReader::new(input).map_err(|e| err(describe(e)))?;
        let spec = reader.spec();
        if spec.channels == 0 || spec.sample_rate == 0 {
            return Err(err(
                "the header declares no channels or a zero sample rate".into()
            ));
        }
        if !(MIN_INPUT_RATE..=MAX_INPUT_RATE).contains(&spec.sample_rate) {
            return Err(err(format!(
                "sample rate {} Hz is outside {MIN_INPUT_RATE} to {MAX_INPUT_RATE} Hz",
                spec.sample_rate
            )));
        }
        let float = spec.sample_format == hound::SampleFormat::Float;
        if float && spec.bits_per_sample != 32 {
            return Err(err(format!(
                "{}-bit float samples are not supported",
                spec.bits_per_sample
            )));
        }
        if !float && !(8..=32).contains(&spec.bits_per_sample) {
            return Err(err(format!(
                "{}-bit samples are not supported",
                spec.bits_per_sample
            )));
        }
        let scale = if float {
            1.0
        } else {
            1.0 / (1u64 << (spec.bits_per_sample - 1)) as f32
        };
        Ok(Self {
            name: name.to_string(),
            channels: spec.channels as usize,
            scale,
            float,
            resampler: (spec.sample_rate != target_rate)
                .then(|| Resampler::new(spec.sample_rate, target_rate)),
            reader,
            done: false,
        })
    }

    /// The name the input is known by in errors.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The input's own sample rate.
    pub fn input_rate(&self) -> u32 {
        self.reader.spec().sample_rate
    }

    /// Reads the next block into `out` (cleared first); returns false at the end of the stream.
    pub fn next_block(&mut self, out: &mut Vec<f32>) -> Result<bool> {
        out.clear();
        if self.done {
            return Ok(false);
        }
        let mut mono = Vec::with_capacity(READ_BLOCK);
        let mut frame = 0.0f32;
        let mut k = 0;
        let mut ended = true;
        let want = READ_BLOCK * self.channels;
        for _ in 0..want {
            let s = if self.float {
                self.reader.samples::<f32>().next()
            } else {
                self.reader
                    .samples::<i32>()
                    .next()
                    .map(|r| r.map(|v| v as f32 * self.scale))
            };
            let Some(s) = s else { break };
            let s = s.map_err(|e| Error::Audio {
                subject: self.name.clone(),
                reason: describe(e),
            })?;
            ended = false;
            frame += if s.is_finite() { s } else { 0.0 };
            k += 1;
            if k == self.channels {
                mono.push(frame / self.channels as f32);
                frame = 0.0;
                k = 0;
            }
        }
        let finished = ended || mono.len() < READ_BLOCK;
        match &mut self.resampler {
            Some(r) => {
                r.push(&mono, out);
                if finished {
                    r.finish(out);
                }
            }
            None => out.extend_from_slice(&mono),
        }
        self.done = finished;
        Ok(!out.is_empty() || !finished)
    }
}

/// The message of the error hound gives when the input ends inside its header (its kind is
/// `Other`, not `UnexpectedEof`).
const HOUND_SHORT_READ: &str = "Failed to read enough bytes.";

fn describe(e: hound::Error) -> String {
    match e {
        hound::Error::IoError(e)
            if e.kind() == std::io::ErrorKind::UnexpectedEof
                || e.to_string() == HOUND_SHORT_READ =>
        {
            "the file is truncated".to_string()
        }
        hound::Error::IoError(e) => e.to_string(),
        hound::Error::FormatError(m) => format!("not a usable WAV file ({m})"),
        hound::Error::Unsupported => "an unsupported WAV variant".to_string(),
        other => other.to_string(),
    }
}
