//! Analysis–synthesis: recorded speech in, log-mel, the voice's vocoder, audio out, streaming
//! in bounded memory (what `sotto resynth` does; a check of a vocoder on real speech).

use std::io::Read;
use std::path::Path;

use crate::audio::{AudioSink, WavSource};
use crate::engine::{resolve_precision, VoiceOptions};
use crate::error::{Error, Result};
use crate::gpu::Notice;
use crate::mel::{MelAnalyzer, MelConfig};
use crate::vocoder::Vocoder;
use crate::voice::{Interface, Precision, VoicePack};

/// A voice pack's mel vocoder, loaded alone, with the mel analysis its models were trained on.
#[derive(Debug)]
pub struct Resynthesizer {
    mel: MelConfig,
    vocoder: Vocoder,
    sample_rate: u32,
    device: String,
    selected: String,
    precision: (Precision, String),
}

impl Resynthesizer {
    /// Opens the pack in `dir` and loads the vocoder `opts` names (the pack's default when
    /// `None`) on `opts.device` at `opts.precision` (fp32 where the pack has no int8 form of
    /// it); `opts.user_lexicon` is not used. An error names a vocoder the pack lacks, or one
    /// that takes latent frames rather than log-mel.
    pub fn open(dir: impl AsRef<Path>, opts: &VoiceOptions) -> Result<Self> {
        Self::open_reporting(dir, opts, &|_| {})
    }

    /// [`Resynthesizer::open`], telling `report` what opening a GPU does as it goes (as
    /// [`Voice::open_reporting`](crate::Voice::open_reporting) does).
    pub fn open_reporting(
        dir: impl AsRef<Path>,
        opts: &VoiceOptions,
        report: &(dyn Fn(Notice) + Sync),
    ) -> Result<Self> {
        let pack = VoicePack::open(dir)?.with_checksums(opts.checksums.clone());
        let m = pack.manifest();
        let name = opts.vocoder.as_deref().unwrap_or(&m.defaults.vocoder);
        let pack_error = |reason: String| Error::Pack {
            pack: pack.dir().to_path_buf(),
            reason,
        };
        if m.vocoder(name, None).is_none() {
            return Err(pack_error(format!(
                "no vocoder {name:?} (it has: {})",
                m.vocoders().join(", ")
            )));
        }
        let selection = crate::device::select_reporting(opts.device, report)?;
        let precision = resolve_precision(opts.precision, &pack, selection.is_gpu())?;
        let entry = m
            .vocoder(name, Some(precision.0))
            .or_else(|| m.vocoder(name, None))
            .ok_or_else(|| pack_error(format!("no vocoder {name:?}")))?;
        if entry.interface != Interface::Mel {
            return Err(Error::input(
                "vocoder",
                format!(
                    "{name:?} takes {} frames, and resynthesis analyses audio into log-mel: \
                     choose a mel vocoder ({})",
                    entry.interface,
                    m.vocoders_of(Interface::Mel).join(", ")
                ),
            ));
        }
        MelAnalyzer::new(&m.mel)?;
        let vocoder = Vocoder::load(&pack, entry, selection.runtime)?;
        Ok(Resynthesizer {
            mel: m.mel.clone(),
            vocoder,
            sample_rate: m.sample_rate,
            device: selection
                .late_fallback()
                .unwrap_or_else(|| selection.message.clone()),
            selected: selection.message,
            precision,
        })
    }

    /// Output sample rate in Hz (inputs at other rates are resampled to it).
    pub fn sample_rate(&self) -> u32 {
        self.sample_rate
    }

    /// Which device runs the vocoder, and why (one line, as [`crate::Voice::device`]).
    pub fn device(&self) -> &str {
        &self.device
    }

    /// The device first chosen (as [`crate::Voice::device_selected`]).
    pub fn device_selected(&self) -> &str {
        &self.selected
    }

    /// The precision the vocoder was loaded at, and why.
    pub fn precision(&self) -> (Precision, &str) {
        (self.precision.0, &self.precision.1)
    }

    /// Streams `source` (at [`Resynthesizer::sample_rate`]) through mel analysis and the
    /// vocoder into `sink`; returns the samples written.
    ///
    /// The signal is zero-padded to whole hops for analysis and the output is cut back to the
    /// input's length. A source with no samples is an [`Error::Audio`] naming it.
    pub fn run<R: Read>(&mut self, source: &mut WavSource<R>, sink: &mut AudioSink) -> Result<u64> {
        let mut analyzer = MelAnalyzer::new(&self.mel)?;
        self.vocoder.reset();
        resynthesize(source, &mut analyzer, &mut self.vocoder, sink)
    }
}

/// Streams `source` through mel analysis and `vocoder` into `sink`; returns the samples
/// written.
pub(crate) fn resynthesize<R: Read>(
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
