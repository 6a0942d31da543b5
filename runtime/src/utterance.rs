//! One sentence as phoneme ids, with each word and phoneme located in the id sequence, so the
//! acoustic model's per-id durations time them.

use std::ops::Range;

use sotto_text::ids::{BOS, EOS, PAD};
use sotto_text::{PhonemeIdMap, PhonemizedWord};

/// Stress marks, timed with the phoneme that follows them.
const STRESS: [char; 2] = ['ˈ', 'ˌ'];

/// A word or phoneme and the ids it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The word as written (after normalization), or the phoneme's symbols.
    pub text: String,
    /// The ids it covers, each symbol's trailing pad included.
    pub ids: Range<usize>,
}

/// A sentence ready for the acoustic model.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Utterance {
    /// Phoneme ids, `^ _ p _ … $` as [`PhonemeIdMap::ids`] gives them; empty when nothing in
    /// the sentence can be spoken.
    pub ids: Vec<i64>,
    /// Spoken words in order.
    pub words: Vec<Span>,
    /// Phonemes in order (stress marks joined to the phoneme after them, length and other
    /// modifiers to the one before).
    pub phonemes: Vec<Span>,
}

impl Utterance {
    /// Maps phonemized `words` to ids with `map`.
    pub fn new(words: &[PhonemizedWord], map: &PhonemeIdMap) -> Self {
        Self::with_word_starts(words, map).0
    }

    /// [`Utterance::new`], with the id index at which each of `words` starts (after the space
    /// before it); none when the utterance has no ids.
    pub fn with_word_starts(words: &[PhonemizedWord], map: &PhonemeIdMap) -> (Self, Vec<usize>) {
        let mut u = Utterance::default();
        let mut starts = Vec::with_capacity(words.len());
        if words
            .iter()
            .all(|w| w.phonemes.chars().all(|c| !c.is_alphabetic()))
        {
            return (u, starts);
        }
        let pad = map.symbol(PAD).unwrap_or_default();
        let push = |ids: &mut Vec<i64>, c: char| -> bool {
            match map.symbol(c) {
                Some(s) => {
                    ids.extend_from_slice(s);
                    ids.extend_from_slice(pad);
                    true
                }
                None => false,
            }
        };
        u.ids.extend_from_slice(map.symbol(BOS).unwrap_or_default());
        u.ids.extend_from_slice(pad);
        for (k, w) in words.iter().enumerate() {
            if k > 0 {
                push(&mut u.ids, ' ');
            }
            starts.push(u.ids.len());
            let mut word: Option<Range<usize>> = None;
            let mut stress_from: Option<usize> = None;
            for c in w.phonemes.chars() {
                let at = u.ids.len();
                if !push(&mut u.ids, c) {
                    continue;
                }
                let end = u.ids.len();
                if STRESS.contains(&c) {
                    stress_from.get_or_insert(at);
                } else if c.is_alphabetic() && !is_modifier(c) {
                    let start = stress_from.take().unwrap_or(at);
                    u.phonemes.push(Span {
                        text: c.to_string(),
                        ids: start..end,
                    });
                    word = Some(word.map_or(start..end, |r| r.start..end));
                } else if !c.is_ascii_punctuation() && !c.is_whitespace() {
                    if let Some(p) = u.phonemes.last_mut().filter(|_| word.is_some()) {
                        p.text.push(c);
                        p.ids.end = end;
                        word = word.map(|r| r.start..end);
                    }
                }
            }
            if let Some(ids) = word {
                u.words.push(Span {
                    text: w.text.clone(),
                    ids,
                });
            }
        }
        u.ids.extend_from_slice(map.symbol(EOS).unwrap_or_default());
        (u, starts)
    }
}

/// Length marks and other modifier letters, which lengthen or colour the phoneme before them
/// (combining marks are not alphabetic, so they join it anyway).
fn is_modifier(c: char) -> bool {
    matches!(c, 'ː' | 'ˑ' | 'ʰ' | 'ʲ' | 'ʷ' | 'ˠ' | 'ˤ')
}
