//! Analysis–synthesis: WAV in, log-mel, vocoder, audio out, streaming in bounded memory.

use std::io::Read;

use crate::audio::{AudioSink, WavSource};
use crate::error::{Error, Result};
use crate::mel::MelAnalyzer;
use crate::vocoder::Vocoder;

/// Streams `source` through mel analysis and `vocoder` into `sink`.
///
/// The signal is zero-padded to whole hops for analysis and the output is cut back to the
/// input's length (at the voice's rate). Returns the samples written.
pub fn resynthesize<R: Read>(
    source: &mut WavSource<R>,
    analyzer: &mut MelAnalyzer,
    vocoder: &mut Vocoder,
    sink: &mut AudioSink,
) -> Result<u64> {
    let hop = analyzer.config().hop;
    let mut block = Vec::new();
    let mut frames = Vec::new();
    let mut read = 0u64;
    let mut written = 0u64;
    let mut out = |audio: &[f32], limit: u64| -> Result<()> {
        let n = (limit.saturating_sub(written) as usize).min(audio.len());
        written += n as u64;
        sink.write(&audio[..n])
    };
    while source.next_block(&mut block)? {
        read += block.len() as u64;
        frames.clear();
        analyzer.push(&block, |f| frames.extend_from_slice(f));
        vocoder.push(&frames, &mut |a| out(a, u64::MAX))?;
    }
    if read == 0 {
        return Err(Error::Audio {
            subject: source.name().to_string(),
            reason: "holds no audio samples".into(),
        });
    }
    frames.clear();
    let pad = (hop - (read % hop as u64) as usize) % hop;
    analyzer.push(&vec![0.0; pad], |f| frames.extend_from_slice(f));
    analyzer.finish(|f| frames.extend_from_slice(f));
    vocoder.push(&frames, &mut |a| out(a, read))?;
    vocoder.finish(&mut |a| out(a, read))?;
    Ok(written)
}
