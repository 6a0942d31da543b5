//! Speaking a parsed SSML document ([`sotto_text::ssml::Document`]) with a [`Synthesizer`]:
//! each span at its own rate (the duration scale applied to that span's ids only), each break
//! as silence of the asked duration rounded to whole mel frames, marks reported with the
//! sample at which they fall.
//!
//! Marks are returned as positions here; the engine API (word timings, #14) is where they are
//! meant to be reported to callers alongside word boundaries.

use sotto_text::ssml::{Document, Segment};
use sotto_text::PhonemeIdMap;

use crate::acoustic::settings::LENGTH_SCALE_RANGE;
use crate::acoustic::Settings;
use crate::error::Result;
use crate::synth::Synthesizer;
use crate::voice::manifest::Manifest;

/// What speaking a document produced.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SpokenDocument {
    /// Samples handed to the sink for each segment, in document order (a mark gives 0).
    pub segment_samples: Vec<usize>,
    /// Each mark's name and the sample offset where it falls.
    pub marks: Vec<(String, usize)>,
    /// Utterances that produced audio.
    pub utterances: usize,
    /// Samples handed to the sink in all.
    pub samples: usize,
}

/// Samples of silence for a break of `ms` milliseconds: the nearest whole number of frames.
pub fn break_samples(ms: u32, sample_rate: u32, hop: usize) -> usize {
    let samples = f64::from(ms) * f64::from(sample_rate) / 1000.0;
    let frames = (samples / hop as f64).round() as usize;
    frames * hop
}

/// Speaks `doc` with `synth` (loaded from the pack whose manifest is `manifest`); the voice's
/// sentence silence separates utterances that no break separates.
pub fn speak_document(
    synth: &mut Synthesizer,
    manifest: &Manifest,
    doc: &Document,
    sink: &mut dyn FnMut(&[f32]) -> Result<()>,
) -> Result<SpokenDocument> {
    let pairs: Vec<(String, i64)> = manifest
        .phonemes
        .ids
        .iter()
        .map(|(k, &v)| (k.clone(), v))
        .collect();
    let id_map = PhonemeIdMap::from_pairs(&pairs)?;
    let rate_hz = manifest.sample_rate;
    let hop = manifest.mel.hop;
    let gap = vec![0.0f32; (manifest.defaults.sentence_silence.max(0.0) * rate_hz as f32) as usize];
    let base: Settings = *synth.settings();
    let mut out = SpokenDocument::default();
    let mut after_speech = false;
    let result = (|| -> Result<()> {
        for seg in &doc.segments {
            let mut samples = 0usize;
            match seg {
                Segment::Speech { items, rate } => {
                    let phonemes = synth.frontend().phonemize_items(items);
                    if !phonemes.chars().any(char::is_alphabetic) {
                        out.segment_samples.push(0);
                        continue;
                    }
                    let ids = id_map.ids(&phonemes);
                    let (lo, hi) = LENGTH_SCALE_RANGE;
                    synth.set_settings(Settings {
                        length_scale: (base.length_scale / rate).clamp(lo, hi),
                        ..base
                    })?;
                    if after_speech {
                        sink(&gap)?;
                        out.samples += gap.len();
                    }
                    let mut count = |a: &[f32]| -> Result<()> {
                        samples += a.len();
                        sink(a)
                    };
                    synth.speak_ids(&ids, out.utterances, &mut count)?;
                    out.utterances += 1;
                    after_speech = true;
                }
                Segment::Break { ms } => {
                    let silence = vec![0.0f32; break_samples(*ms, rate_hz, hop)];
                    sink(&silence)?;
                    samples = silence.len();
                    after_speech = false;
                }
                Segment::Mark { name } => out.marks.push((name.clone(), out.samples)),
            }
            out.samples += samples;
            out.segment_samples.push(samples);
        }
        Ok(())
    })();
    synth.set_settings(base)?;
    result.map(|()| out)
}

#[cfg(test)]
mod tests {
    use sotto_text::ssml::{parse, Options};

    use super::*;
    use crate::synth::LoadOptions;
    use crate::voice::VoicePack;

    fn tiny() -> (VoicePack, Synthesizer) {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/tiny-voice");
        let pack = VoicePack::open(dir).expect("tiny pack");
        let synth = Synthesizer::load(&pack, &LoadOptions::cpu_fp32()).expect("loads");
        (pack, synth)
    }

    fn speak(src: &str) -> SpokenDocument {
        let (pack, mut synth) = tiny();
        let doc = parse(src, Options::default()).expect("parses");
        let mut total = 0;
        let spoken = speak_document(&mut synth, pack.manifest(), &doc, &mut |a| {
            total += a.len();
            Ok(())
        })
        .expect("speaks");
        assert_eq!(total, spoken.samples);
        spoken
    }

    #[test]
    fn breaks_last_what_was_asked_within_one_frame() {
        let (pack, _) = tiny();
        let m = pack.manifest();
        for ms in [0, 1, 100, 250, 333, 1000, 2500] {
            let s = speak(&format!("<speak><break time=\"{ms}ms\"/></speak>"));
            let asked = f64::from(ms) * f64::from(m.sample_rate) / 1000.0;
            assert!(
                (s.samples as f64 - asked).abs() <= m.mel.hop as f64 / 2.0 + 1.0,
                "{ms} ms gave {} samples",
                s.samples
            );
            assert_eq!(s.samples % m.mel.hop, 0);
        }
    }

    #[test]
    fn prosody_rate_changes_only_its_span() {
        let plain = speak("<speak><s>Hello there.</s><s>Good night.</s><s>See you.</s></speak>");
        let slow = speak(
            "<speak><s>Hello there.</s><prosody rate=\"50%\"><s>Good night.</s></prosody><s>See you.</s></speak>",
        );
        assert_eq!(plain.segment_samples.len(), 3);
        assert_eq!(plain.segment_samples[0], slow.segment_samples[0]);
        assert_eq!(plain.segment_samples[2], slow.segment_samples[2]);
        let ratio = slow.segment_samples[1] as f64 / plain.segment_samples[1] as f64;
        assert!(
            (1.7..=2.3).contains(&ratio),
            "rate 50% gave a duration ratio of {ratio}"
        );
    }

    #[test]
    fn marks_fall_between_utterances() {
        let s = speak("<speak>One.<mark name=\"here\"/><break time=\"500ms\"/>Two.</speak>");
        assert_eq!(s.marks.len(), 1);
        assert_eq!(s.marks[0].0, "here");
        assert_eq!(s.marks[0].1, s.segment_samples[0]);
        assert_eq!(s.utterances, 2);
    }
}
