//! What a stream speaks, piece by piece: plain text sentence by sentence, or a parsed SSML
//! document's utterances, breaks and marks.

use std::io::Read;

use sotto_text::normalize;
use sotto_text::ssml::{Document, Segment};
use sotto_text::Sentences;

use crate::error::Result;
use crate::synth::Synthesizer;
use crate::utterance::Utterance;

/// The next thing a stream renders.
pub(crate) enum Piece {
    /// One utterance, the text it was read from, its speaking rate relative to the
    /// stream's (2 speaks twice as fast), and the named positions inside it (id index, name).
    Speech {
        text: String,
        utt: Utterance,
        rate: f32,
        marks: Vec<(usize, String)>,
    },
    /// Silence, in samples.
    Silence(usize),
    /// Named positions in the audio, between utterances.
    Marks(Vec<String>),
}

/// Where a stream's pieces come from.
pub(crate) enum Source {
    /// Sentences split from text as it is read; `in_memory` when the whole text is at hand
    /// (so the stream may look ahead for the end).
    Text {
        sentences: Sentences<Box<dyn Read + Send>>,
        in_memory: bool,
    },
    /// The segments of an SSML document, in speaking order.
    Document(std::vec::IntoIter<Segment>),
}

impl Source {
    /// A source reading plain text from `reader`.
    pub fn text(synth: &Synthesizer, reader: Box<dyn Read + Send>, in_memory: bool) -> Self {
        Source::Text {
            sentences: synth.frontend().sentences(reader),
            in_memory,
        }
    }

    /// A source speaking `doc`.
    pub fn document(doc: Document) -> Self {
        Source::Document(doc.segments.into_iter())
    }

    /// Whether everything left is already in memory, so looking ahead costs no reading.
    pub fn in_memory(&self) -> bool {
        match self {
            Source::Text { in_memory, .. } => *in_memory,
            Source::Document(_) => true,
        }
    }

    /// The next piece worth rendering (utterances with nothing to speak are skipped), or
    /// `None` at the end.
    pub fn next_piece(&mut self, synth: &Synthesizer) -> Result<Option<Piece>> {
        match self {
            Source::Text { sentences, .. } => {
                for sentence in sentences.by_ref() {
                    let text = sentence?;
                    let utt = synth.utterance(&text)?;
                    if !utt.ids.is_empty() {
                        return Ok(Some(Piece::Speech {
                            text,
                            utt,
                            rate: 1.0,
                            marks: Vec::new(),
                        }));
                    }
                }
                Ok(None)
            }
            Source::Document(segments) => {
                for segment in segments.by_ref() {
                    match segment {
                        Segment::Speech { items, rate, marks } => {
                            let at: Vec<usize> = marks.iter().map(|m| m.at).collect();
                            let (utt, ids) = synth.utterance_of_items_at(&items, &at);
                            let names = marks.into_iter().map(|m| m.name);
                            if utt.ids.is_empty() {
                                if at.is_empty() {
                                    continue;
                                }
                                return Ok(Some(Piece::Marks(names.collect())));
                            }
                            return Ok(Some(Piece::Speech {
                                text: normalize::spoken(&items),
                                utt,
                                rate,
                                marks: ids.into_iter().zip(names).collect(),
                            }));
                        }
                        Segment::Break { ms } => {
                            let n = break_samples(ms, synth.sample_rate(), synth.hop());
                            return Ok(Some(Piece::Silence(n)));
                        }
                        Segment::Mark { name } => return Ok(Some(Piece::Marks(vec![name]))),
                    }
                }
                Ok(None)
            }
        }
    }
}

/// Samples of silence for a break of `ms` milliseconds: the nearest whole number of frames.
pub(crate) fn break_samples(ms: u32, sample_rate: u32, hop: usize) -> usize {
    let samples = f64::from(ms) * f64::from(sample_rate) / 1000.0;
    let frames = (samples / hop as f64).round() as usize;
    frames * hop
}
