//! Where audio goes: 16-bit PCM as WAV or raw, to a file or any writer, as it is produced.

use std::fs::File;
use std::io::{BufWriter, Seek, SeekFrom, Write};
use std::path::Path;

use crate::error::{Error, Result};

/// Output container.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// RIFF/WAVE, 16-bit PCM mono.
    Wav,
    /// Headerless little-endian 16-bit PCM mono.
    Raw,
}

/// Size written in the header of a WAV stream whose length is not known in advance.
pub const UNKNOWN_LENGTH: u32 = u32::MAX;
const HEADER_BYTES: u32 = 44;

/// Converts a float sample in [-1, 1] to 16-bit PCM, clipping.
pub fn to_i16(s: f32) -> i16 {
    (s.clamp(-1.0, 1.0) * 32767.0).round() as i16
}

/// The 44-byte header of a 16-bit mono WAV at `sample_rate` holding `data_bytes` of samples
/// ([`UNKNOWN_LENGTH`] when the length is not known yet).
pub fn wav_header(sample_rate: u32, data_bytes: u32) -> Vec<u8> {
    let riff = data_bytes.saturating_add(HEADER_BYTES - 8);
    let mut h = Vec::with_capacity(HEADER_BYTES as usize);
    h.extend_from_slice(b"RIFF");
    h.extend_from_slice(&riff.to_le_bytes());
    h.extend_from_slice(b"WAVEfmt ");
    h.extend_from_slice(&16u32.to_le_bytes());
    h.extend_from_slice(&1u16.to_le_bytes());
    h.extend_from_slice(&1u16.to_le_bytes());
    h.extend_from_slice(&sample_rate.to_le_bytes());
    h.extend_from_slice(&sample_rate.wrapping_mul(2).to_le_bytes());
    h.extend_from_slice(&2u16.to_le_bytes());
    h.extend_from_slice(&16u16.to_le_bytes());
    h.extend_from_slice(b"data");
    h.extend_from_slice(&data_bytes.to_le_bytes());
    h
}

/// A streaming PCM writer.
pub struct AudioSink {
    out: Box<dyn Write>,
    file: Option<File>,
    format: Format,
    sample_rate: u32,
    samples: u64,
    buf: Vec<u8>,
}

impl AudioSink {
    /// Writes to `out`; a WAV header declares an unknown length (as streaming encoders do).
    pub fn to_writer(out: Box<dyn Write>, format: Format, sample_rate: u32) -> Result<Self> {
        let mut sink = Self {
            out,
            file: None,
            format,
            sample_rate,
            samples: 0,
            buf: Vec::new(),
        };
        sink.header(UNKNOWN_LENGTH)?;
        Ok(sink)
    }

    /// Creates `path`; a WAV header gets its real sizes when the sink is finished.
    pub fn create(path: &Path, format: Format, sample_rate: u32) -> Result<Self> {
        let file = File::create(path).map_err(|e| Error::io(path, e))?;
        let writer = file.try_clone().map_err(|e| Error::io(path, e))?;
        let mut sink = Self::to_writer(Box::new(BufWriter::new(writer)), format, sample_rate)?;
        sink.file = Some(file);
        Ok(sink)
    }

    fn header(&mut self, data_bytes: u32) -> Result<()> {
        if self.format == Format::Raw {
            return Ok(());
        }
        let h = wav_header(self.sample_rate, data_bytes);
        self.out.write_all(&h).map_err(Error::Write)
    }

    /// Appends samples.
    pub fn write(&mut self, samples: &[f32]) -> Result<()> {
        self.buf.clear();
        for &s in samples {
            self.buf.extend_from_slice(&to_i16(s).to_le_bytes());
        }
        self.samples += samples.len() as u64;
        self.out.write_all(&self.buf).map_err(Error::Write)
    }

    /// Appends `n` samples of silence.
    pub fn silence(&mut self, n: usize) -> Result<()> {
        self.write(&vec![0.0; n])
    }

    /// Samples written so far.
    pub fn samples(&self) -> u64 {
        self.samples
    }

    /// Flushes the stream so a listener gets what was written.
    pub fn flush(&mut self) -> Result<()> {
        self.out.flush().map_err(Error::Write)
    }

    /// Flushes and, for a WAV file, writes the final sizes into the header.
    pub fn finish(mut self) -> Result<()> {
        self.flush()?;
        if let (Some(mut file), Format::Wav) = (self.file.take(), self.format) {
            let data = u32::try_from(self.samples * 2).unwrap_or(UNKNOWN_LENGTH - HEADER_BYTES);
            let mut patch = |at: u64, v: u32| -> std::io::Result<()> {
                file.seek(SeekFrom::Start(at))?;
                file.write_all(&v.to_le_bytes())
            };
            patch(4, data + HEADER_BYTES - 8).map_err(Error::Write)?;
            patch(40, data).map_err(Error::Write)?;
        }
        Ok(())
    }
}
