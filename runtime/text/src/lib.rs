//! English text normalization and grapheme-to-phoneme conversion for Sotto.

pub mod arpabet;
pub mod g2p;
pub mod ids;
pub mod inflection;
pub mod lexicon;
pub mod normalize;
pub mod phoneset;
pub mod split;
pub mod ssml;
pub mod words;

use std::io::Read;

pub use ids::PhonemeIdMap;
pub use lexicon::UserLexicon;
pub use normalize::{DroppedSpan, Item, ScanningReader, Script, SpanScanner};
pub use split::Sentences;

use normalize::normalize;
use words::{Context, Speller};

/// Errors of the text frontend.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input could not be read as text.
    #[error("{0}")]
    Input(String),
    /// A user lexicon line could not be parsed.
    #[error("user lexicon line {line}: {message}")]
    Lexicon {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A phoneme id map could not be parsed.
    #[error("{0}")]
    IdMap(String),
    /// A malformed or unsupported SSML document.
    #[error(transparent)]
    Ssml(#[from] ssml::SsmlError),
    /// Reading the input failed.
    #[error("reading text")]
    Io(#[from] std::io::Error),
}

/// Result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Longest text [`Frontend::phonemize`] takes at once, in bytes (a sentence from
/// [`Sentences`] is at most [`split::MAX_SENTENCE_CHARS`] characters of up to 4 bytes).
pub const MAX_PHONEMIZE_BYTES: usize = split::MAX_SENTENCE_CHARS * 4;

/// One spoken word: as written (after normalization) and as phonemes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhonemizedWord {
    /// The word as normalization produced it (`"seven"` for `7`).
    pub text: String,
    /// Its phonemes, with any clause punctuation that follows it.
    pub phonemes: String,
}

/// Spoken items of a text and the spans of it the voice cannot read (see
/// [`Frontend::normalize_checked`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// The spoken items, as [`Frontend::normalize`] gives them.
    pub items: Vec<Item>,
    /// Text in scripts the voice cannot read (`漢字`, `Привет`), left out of `items`; empty when
    /// nothing was dropped. Offsets are bytes of the text given.
    pub dropped: Vec<DroppedSpan>,
}

impl Normalized {
    /// The spoken form of the items, as [`Frontend::spoken`] gives it.
    pub fn spoken(&self) -> String {
        normalize::spoken(&self.items)
    }
}

/// The English frontend: normalizer, lexicon, G2P and user overrides.
#[derive(Debug, Clone)]
pub struct Frontend {
    speller: Speller,
}

impl Default for Frontend {
    fn default() -> Self {
        Frontend::new()
    }
}

fn word_key(item: Option<&Item>) -> String {
    match item {
        Some(Item::Word(w)) => w.to_ascii_lowercase(),
        Some(Item::Letter(c)) => c.to_ascii_lowercase().to_string(),
        Some(Item::Ipa(_)) => "x".to_string(),
        _ => String::new(),
    }
}

impl Frontend {
    /// A frontend with the embedded lexicon and G2P model.
    pub fn new() -> Frontend {
        Frontend {
            speller: Speller::new(UserLexicon::default()),
        }
    }

    /// A frontend whose user lexicon (see [`UserLexicon::parse`]) overrides the embedded one.
    pub fn with_user_lexicon(text: &str) -> Result<Frontend> {
        Ok(Frontend {
            speller: Speller::new(UserLexicon::parse(text)?),
        })
    }

    /// Splits text from a reader into sentences, reading it piece by piece.
    pub fn sentences<R: Read>(&self, reader: R) -> Sentences<R> {
        Sentences::new(reader)
    }

    /// Normalizes text into spoken items (words, letters, inline phonemes, pauses).
    pub fn normalize(&self, text: &str) -> Vec<Item> {
        normalize(text)
    }

    /// [`Frontend::normalize`], also naming the text it drops because the voice cannot read
    /// its script, so a caller can warn instead of dropping it silently.
    pub fn normalize_checked(&self, text: &str) -> Normalized {
        Normalized {
            items: normalize(text),
            dropped: normalize::dropped_spans(text),
        }
    }

    /// The spoken form of text (normally one sentence): its words, letters as capitals, inline
    /// phonemes as `[[…]]`, clause punctuation attached (`"Gate B12."` → `"gate B twelve."`).
    pub fn spoken(&self, text: &str) -> String {
        normalize::spoken(&normalize(text))
    }

    /// Phonemizes text (normally one sentence) into an espeak-ng style phoneme string: words
    /// separated by spaces, clause punctuation attached to the preceding word
    /// (`"Hello, world."` → `"həlˈoʊ, wˈɜːld."`). Returns an empty string when nothing in the
    /// text can be spoken (empty, whitespace, emoji only). Text longer than
    /// [`MAX_PHONEMIZE_BYTES`] is refused.
    pub fn phonemize(&self, text: &str) -> Result<String> {
        Ok(join_words(&self.phonemize_words(text)?))
    }

    /// [`Frontend::phonemize`] word by word: each spoken word with its written form, so a
    /// caller can follow words through to phoneme ids (joined by spaces they give exactly
    /// `phonemize`'s string).
    pub fn phonemize_words(&self, text: &str) -> Result<Vec<PhonemizedWord>> {
        if text.len() > MAX_PHONEMIZE_BYTES {
            return Err(Error::Input(format!(
                "text of {} bytes is longer than the {MAX_PHONEMIZE_BYTES} bytes phonemized at \
                 once (split it into sentences first)",
                text.len()
            )));
        }
        Ok(self.item_words(&normalize(text)))
    }

    /// Phonemizes items made by the normalizer (or an SSML document), as [`Frontend::phonemize`].
    pub fn phonemize_items(&self, items: &[Item]) -> String {
        join_words(&self.item_words(items))
    }

    /// The spoken words of normalized items with their phonemes.
    pub fn item_words(&self, items: &[Item]) -> Vec<PhonemizedWord> {
        self.item_words_at(items)
            .into_iter()
            .map(|(_, w)| w)
            .collect()
    }

    /// [`Frontend::item_words`], each word with the index of the item it was read from.
    pub fn item_words_at(&self, items: &[Item]) -> Vec<(usize, PhonemizedWord)> {
        let mut out: Vec<(usize, PhonemizedWord)> = Vec::new();
        let mut prev = String::new();
        for (k, item) in items.iter().enumerate() {
            let (written, ipa) = match item {
                Item::Pause(p) => {
                    if let Some((_, last)) = out.last_mut() {
                        if last
                            .phonemes
                            .ends_with(|c: char| !phoneset::PAUSES.contains(c) && c != ' ')
                        {
                            last.phonemes.push(*p);
                        }
                    }
                    prev.clear();
                    continue;
                }
                Item::Word(w) => {
                    let next = word_key(items.get(k + 1));
                    let ipa = self.speller.word(
                        w,
                        Context {
                            prev: &prev,
                            next: &next,
                        },
                    );
                    prev = w.to_ascii_lowercase();
                    (w.clone(), ipa)
                }
                Item::Letter(c) => {
                    prev = c.to_ascii_lowercase().to_string();
                    (c.to_string(), words::letter(*c).to_string())
                }
                Item::Ipa(s) => {
                    prev = "x".to_string();
                    (s.clone(), s.clone())
                }
            };
            if ipa.is_empty() {
                continue;
            }
            out.push((
                k,
                PhonemizedWord {
                    text: written,
                    phonemes: ipa,
                },
            ));
        }
        out
    }

    /// Phonemizes a single word out of context (no reduced function-word forms).
    pub fn word(&self, word: &str) -> String {
        self.speller.word(word, Context::default())
    }
}

/// Phoneme strings of words joined by single spaces.
fn join_words(words: &[PhonemizedWord]) -> String {
    let mut out = String::new();
    for w in words {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w.phonemes);
    }
    out
}
