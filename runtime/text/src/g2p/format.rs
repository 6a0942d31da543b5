//! The `g2p.bin` file written by `models/recipes/text/train_g2p.py`: a header, the label set
//! (phone chunks) and the taggers' weights, all little-endian. Biases are f16; a weight matrix
//! `q8 [rows][columns]` is `rows` f16 scales, then `rows × columns` i8 codes (value = code ×
//! its row's scale).
//!
//! ```text
//! "SG2N" | u32 version | u32 vocab | u32 labels | u32 members
//! labels × (u8 n | n phone codes)
//! members × (u32 kind | kind 0 (convolutional) or kind 1 (LSTM) | f16 output bias [labels])
//! kind 0: u32 channels | u32 layers | u32 kernel
//!   q8 embedding [vocab][channels]
//!   layers × (q8 conv weight [kernel × channels in][channels out] | f16 bias [channels])
//!   q8 output weight [channels][labels]
//! kind 1: u32 embed | u32 hidden | u32 layers
//!   q8 embedding [vocab][embed]
//!   layers × (forward, backward) × (q8 input weight [inputs][4 hidden]
//!     | q8 recurrent weight [hidden][4 hidden] | f16 bias [4 hidden])
//!   q8 output weight [2 hidden][labels]
//! ```
//!
//! Version 1 (no kind, f16 matrices: convolutional members only) is no longer read.

use std::path::Path;

use crate::arpabet::{Phone, PHONE_COUNT};

use super::lstm::{Direction, Lstm};
use super::tagger::{Conv, Tagger, VOCAB};
use super::Member;

/// First four bytes of a model file.
pub const MAGIC: &[u8; 4] = b"SG2N";

/// The format version this runtime reads.
pub const VERSION: u32 = 2;

/// Member kind of a convolutional tagger.
const KIND_CONV: usize = 0;

/// Member kind of a bidirectional LSTM tagger.
const KIND_LSTM: usize = 1;

/// Most taggers whose scores a model sums.
const MAX_MEMBERS: usize = 8;

/// Largest channel count accepted (bounds the memory a header can ask for).
const MAX_CHANNELS: usize = 1024;

/// Largest number of convolution layers accepted.
const MAX_LAYERS: usize = 64;

/// Largest convolution width accepted.
const MAX_KERNEL: usize = 31;

/// Largest LSTM state size accepted.
const MAX_HIDDEN: usize = 1024;

/// Largest number of LSTM layers accepted.
const MAX_LSTM_LAYERS: usize = 8;

/// Largest label set accepted.
const MAX_LABELS: usize = 4096;

/// Most phones one letter may emit.
const MAX_LABEL_PHONES: usize = 4;

/// Exponent bits of an f16 that mark infinity or NaN.
const F16_EXP_MASK: u16 = 0x7c00;

/// Value of the lowest mantissa bit of a subnormal f16 (2^-24).
const F16_SUBNORMAL_STEP: f32 = 1.0 / 16_777_216.0;

/// f32 exponent bias minus f16 exponent bias.
const F32_F16_EXP_OFFSET: u32 = 127 - 15;

/// Why a G2P model could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum G2pError {
    /// The file could not be read.
    #[error("cannot read G2P model {file}: {source}")]
    Io {
        /// The model file.
        file: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file does not start with the model magic.
    #[error("{file} is not a G2P model (no SG2N magic)")]
    Magic {
        /// The model file.
        file: String,
    },
    /// The file has a format version this runtime does not read.
    #[error("{file}: G2P model version {found}, this runtime reads version {VERSION}")]
    Version {
        /// The model file.
        file: String,
        /// The version in the file.
        found: u32,
    },
    /// A header field is outside what the runtime accepts.
    #[error("{file}: G2P model {field} is {value}, outside {min}..={max}")]
    Header {
        /// The model file.
        file: String,
        /// The header field.
        field: &'static str,
        /// Its value.
        value: usize,
        /// Smallest accepted value.
        min: usize,
        /// Largest accepted value.
        max: usize,
    },
    /// A label holds a byte that is no phone code or too many phones.
    #[error("{file}: G2P label {label} is malformed")]
    Label {
        /// The model file.
        file: String,
        /// Index of the label.
        label: usize,
    },
    /// The file ends before the part being read.
    #[error("{file}: G2P model truncated at byte {at} (reading {part})")]
    Truncated {
        /// The model file.
        file: String,
        /// Offset where the data ran out.
        at: usize,
        /// What was being read.
        part: &'static str,
    },
    /// A weight is infinite or NaN.
    #[error("{file}: G2P weight {index} of {part} is not finite")]
    Weight {
        /// The model file.
        file: String,
        /// The tensor.
        part: &'static str,
        /// Index inside the tensor.
        index: usize,
    },
    /// Bytes follow the last tensor.
    #[error("{file}: {extra} unexpected bytes after the G2P model")]
    Trailing {
        /// The model file.
        file: String,
        /// How many bytes.
        extra: usize,
    },
}

/// A parsed model: phone chunks per label and the taggers scoring them.
#[derive(Debug, Clone)]
pub struct Model {
    /// Phones of each label.
    pub labels: Vec<Vec<Phone>>,
    /// Taggers whose scores are summed.
    pub taggers: Vec<Member>,
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    file: &'a str,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, part: &'static str) -> Result<&'a [u8], G2pError> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| G2pError::Truncated {
            file: self.file.to_string(),
            at: self.bytes.len(),
            part,
        })?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }

    fn u32(&mut self, part: &'static str) -> Result<u32, G2pError> {
        let s = self.take(4, part)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }

    fn dim(&mut self, field: &'static str, min: usize, max: usize) -> Result<usize, G2pError> {
        let value = self.u32(field)? as usize;
        if (min..=max).contains(&value) {
            Ok(value)
        } else {
            Err(G2pError::Header {
                file: self.file.to_string(),
                field,
                value,
                min,
                max,
            })
        }
    }

    fn f16s(&mut self, n: usize, part: &'static str) -> Result<Vec<f32>, G2pError> {
        let bytes = self.take(n * 2, part)?;
        bytes
            .chunks_exact(2)
            .enumerate()
            .map(|(index, b)| {
                let bits = u16::from_le_bytes([b[0], b[1]]);
                if bits & F16_EXP_MASK == F16_EXP_MASK {
                    return Err(G2pError::Weight {
                        file: self.file.to_string(),
                        part,
                        index,
                    });
                }
                Ok(f16_to_f32(bits))
            })
            .collect()
    }

    fn q8(
        &mut self,
        rows: usize,
        columns: usize,
        part: &'static str,
    ) -> Result<Vec<f32>, G2pError> {
        let scales = self.f16s(rows, part)?;
        let codes = self.take(rows * columns, part)?;
        let mut out = Vec::with_capacity(rows * columns);
        for (row, &scale) in codes.chunks_exact(columns.max(1)).zip(&scales) {
            out.extend(row.iter().map(|&c| f32::from(c as i8) * scale));
        }
        Ok(out)
    }
}

/// Converts a finite IEEE half-precision value to f32 (exactly).
fn f16_to_f32(bits: u16) -> f32 {
    let sign = u32::from(bits & 0x8000) << 16;
    let exp = u32::from((bits >> 10) & 0x1f);
    let mantissa = u32::from(bits & 0x3ff);
    if exp == 0 {
        let magnitude = mantissa as f32 * F16_SUBNORMAL_STEP;
        return f32::from_bits(sign | magnitude.to_bits());
    }
    f32::from_bits(sign | (exp + F32_F16_EXP_OFFSET) << 23 | mantissa << 13)
}

/// Reads a model file from disk.
pub fn load(path: &Path) -> Result<Model, G2pError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| G2pError::Io {
        file: file.clone(),
        source,
    })?;
    parse(&bytes, &file)
}

/// Parses model bytes; `file` names them in errors.
pub fn parse(bytes: &[u8], file: &str) -> Result<Model, G2pError> {
    let mut r = Reader { bytes, at: 0, file };
    if r.take(MAGIC.len(), "magic").ok() != Some(MAGIC.as_slice()) {
        return Err(G2pError::Magic {
            file: file.to_string(),
        });
    }
    let found = r.u32("version")?;
    if found != VERSION {
        return Err(G2pError::Version {
            file: file.to_string(),
            found,
        });
    }
    let vocab = r.dim("vocabulary", VOCAB, VOCAB)?;
    let nlabels = r.dim("labels", 1, MAX_LABELS)?;
    let members = r.dim("members", 1, MAX_MEMBERS)?;
    let mut labels = Vec::with_capacity(nlabels);
    for label in 0..nlabels {
        let n = usize::from(r.take(1, "label length")?[0]);
        let codes = r.take(n, "label phones")?;
        if n > MAX_LABEL_PHONES || codes.iter().any(|&c| c >= PHONE_COUNT) {
            return Err(G2pError::Label {
                file: file.to_string(),
                label,
            });
        }
        labels.push(codes.iter().map(|&c| Phone(c)).collect());
    }
    let mut taggers = Vec::with_capacity(members);
    for _ in 0..members {
        taggers.push(match r.dim("member kind", KIND_CONV, KIND_LSTM)? {
            KIND_CONV => Member::Conv(tagger(&mut r, vocab, nlabels)?),
            _ => Member::Lstm(lstm(&mut r, vocab, nlabels)?),
        });
    }
    if r.at != bytes.len() {
        return Err(G2pError::Trailing {
            file: file.to_string(),
            extra: bytes.len() - r.at,
        });
    }
    Ok(Model { labels, taggers })
}

fn tagger(r: &mut Reader, vocab: usize, nlabels: usize) -> Result<Tagger, G2pError> {
    let channels = r.dim("channels", 1, MAX_CHANNELS)?;
    let layers = r.dim("layers", 0, MAX_LAYERS)?;
    let kernel = r.dim("kernel", 1, MAX_KERNEL)?;
    if kernel % 2 == 0 {
        return Err(G2pError::Header {
            file: r.file.to_string(),
            field: "kernel (must be odd)",
            value: kernel,
            min: 1,
            max: MAX_KERNEL,
        });
    }
    let embedding = r.q8(vocab, channels, "embedding")?;
    let mut convs = Vec::with_capacity(layers);
    for _ in 0..layers {
        let weight = r.q8(kernel * channels, channels, "convolution weight")?;
        let bias = r.f16s(channels, "convolution bias")?;
        convs.push(Conv { weight, bias });
    }
    let out_weight = r.q8(channels, nlabels, "output weight")?;
    let out_bias = r.f16s(nlabels, "output bias")?;
    Ok(Tagger {
        channels,
        kernel,
        embedding,
        convs,
        out_weight,
        out_bias,
    })
}

fn lstm(r: &mut Reader, vocab: usize, nlabels: usize) -> Result<Lstm, G2pError> {
    let embed = r.dim("embedding width", 1, MAX_CHANNELS)?;
    let hidden = r.dim("hidden size", 1, MAX_HIDDEN)?;
    let layers = r.dim("LSTM layers", 1, MAX_LSTM_LAYERS)?;
    let embedding = r.q8(vocab, embed, "embedding")?;
    let mut stack = Vec::with_capacity(layers);
    let mut inputs = embed;
    for _ in 0..layers {
        let mut direction = || -> Result<Direction, G2pError> {
            Ok(Direction {
                input_weight: r.q8(inputs, 4 * hidden, "LSTM input weight")?,
                hidden_weight: r.q8(hidden, 4 * hidden, "LSTM recurrent weight")?,
                bias: r.f16s(4 * hidden, "LSTM bias")?,
            })
        };
        let forward = direction()?;
        let backward = direction()?;
        stack.push([forward, backward]);
        inputs = 2 * hidden;
    }
    let out_weight = r.q8(inputs, nlabels, "output weight")?;
    let out_bias = r.f16s(nlabels, "output bias")?;
    Ok(Lstm::new(&embedding, embed, stack, out_weight, out_bias))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f16_values_convert_exactly() {
        assert_eq!(f16_to_f32(0x3c00), 1.0);
        assert_eq!(f16_to_f32(0xc000), -2.0);
        assert_eq!(f16_to_f32(0x3555), 0.333_251_95);
        assert_eq!(f16_to_f32(0x0001), 2f32.powi(-24));
        assert_eq!(f16_to_f32(0x7bff), 65504.0);
        assert_eq!(f16_to_f32(0x8000), 0.0);
    }
}
