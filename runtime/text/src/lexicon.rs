//! The embedded CMUdict-derived lexicon and user lexicons (word → ARPAbet phones or IPA).

use std::collections::HashMap;

use crate::arpabet::{self, Phone};
use crate::Error;

/// The compact lexicon built by `models/recipes/text/build_lexicon.py`.
static LEXICON: &[u8] = include_bytes!("../data/lexicon.bin");

/// Longest word the lexicon can hold.
const MAX_WORD: usize = 255;

/// Read-only view of the embedded lexicon: front-coded entries in blocks, binary-searched by block.
#[derive(Debug, Clone, Copy)]
pub struct Lexicon {
    offsets: &'static [u8],
    data: &'static [u8],
    blocks: usize,
    entries: usize,
}

fn u32_at(b: &[u8], at: usize) -> usize {
    b.get(at..at + 4)
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]) as usize)
        .unwrap_or(0)
}

impl Lexicon {
    /// Opens the embedded lexicon.
    pub fn embedded() -> Lexicon {
        Lexicon::parse(LEXICON).unwrap_or(Lexicon {
            offsets: &[],
            data: &[],
            blocks: 0,
            entries: 0,
        })
    }

    fn parse(b: &'static [u8]) -> Option<Lexicon> {
        if b.get(..4)? != b"SLX1" {
            return None;
        }
        let entries = u32_at(b, 4);
        let blocks = u32_at(b, 12);
        let start = 16 + blocks * 4;
        Some(Lexicon {
            offsets: b.get(16..start)?,
            data: b.get(start..)?,
            blocks,
            entries,
        })
    }

    /// Number of words in the lexicon.
    pub fn len(&self) -> usize {
        self.entries
    }

    /// Whether the lexicon is empty.
    pub fn is_empty(&self) -> bool {
        self.entries == 0
    }

    fn first_word(&self, block: usize) -> &'static [u8] {
        let at = u32_at(self.offsets, block * 4);
        let len = usize::from(*self.data.get(at + 1).unwrap_or(&0));
        self.data.get(at + 2..at + 2 + len).unwrap_or(&[])
    }

    /// Looks up a lowercase word.
    pub fn get(&self, word: &str) -> Option<Vec<Phone>> {
        let key = word.as_bytes();
        if key.is_empty() || key.len() > MAX_WORD || self.blocks == 0 {
            return None;
        }
        let (mut lo, mut hi) = (0, self.blocks);
        while hi - lo > 1 {
            let mid = (lo + hi) / 2;
            if self.first_word(mid) <= key {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let end = if lo + 1 < self.blocks {
            u32_at(self.offsets, (lo + 1) * 4)
        } else {
            self.data.len()
        };
        let mut at = u32_at(self.offsets, lo * 4);
        let mut word = Vec::with_capacity(32);
        while at < end {
            let shared = usize::from(*self.data.get(at)?);
            let slen = usize::from(*self.data.get(at + 1)?);
            word.truncate(shared);
            word.extend_from_slice(self.data.get(at + 2..at + 2 + slen)?);
            at += 2 + slen;
            let plen = usize::from(*self.data.get(at)?);
            let phones = self.data.get(at + 1..at + 1 + plen)?;
            at += 1 + plen;
            match word.as_slice().cmp(key) {
                std::cmp::Ordering::Equal => return Some(arpabet::from_codes(phones)),
                std::cmp::Ordering::Greater => return None,
                std::cmp::Ordering::Less => {}
            }
        }
        None
    }
}

/// A pronunciation given by the user: ARPAbet phones or literal IPA.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pron {
    /// ARPAbet phones, rendered with the usual conventions.
    Arpabet(Vec<Phone>),
    /// IPA in the voice's phoneme set, used as given.
    Ipa(String),
}

/// Words with user-given pronunciations, keyed by lowercase word.
#[derive(Debug, Clone, Default)]
pub struct UserLexicon {
    entries: HashMap<String, Pron>,
}

impl UserLexicon {
    /// Parses a user lexicon: one `word pronunciation` per line, `#` starts a comment.
    ///
    /// The pronunciation is ARPAbet (`S AA1 T OW0`) if every token parses as an ARPAbet phone,
    /// otherwise IPA in the voice's phoneme set (`sˈɑːtoʊ`).
    pub fn parse(text: &str) -> Result<UserLexicon, Error> {
        let mut entries = HashMap::new();
        for (n, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let mut parts = line.splitn(2, char::is_whitespace);
            let word = parts.next().unwrap_or("").to_lowercase();
            let pron = parts.next().unwrap_or("").trim();
            if pron.is_empty() {
                return Err(Error::Lexicon {
                    line: n + 1,
                    message: format!("no pronunciation for {word:?}"),
                });
            }
            let pron = match arpabet::parse_pron(pron) {
                Some(p) => Pron::Arpabet(p),
                None => {
                    let ipa = crate::phoneset::clean_ipa(pron);
                    if ipa.is_empty() {
                        return Err(Error::Lexicon {
                            line: n + 1,
                            message: format!("pronunciation of {word:?} has no known phonemes"),
                        });
                    }
                    Pron::Ipa(ipa)
                }
            };
            entries.insert(word, pron);
        }
        Ok(UserLexicon { entries })
    }

    /// Looks up a lowercase word.
    pub fn get(&self, word: &str) -> Option<&Pron> {
        self.entries.get(word)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_words() {
        let lex = Lexicon::embedded();
        assert!(lex.len() > 100_000);
        let ipa = |w: &str| arpabet::to_ipa(&lex.get(w).unwrap());
        assert_eq!(ipa("hello"), "həlˈoʊ");
        assert_eq!(
            ipa("aaa"),
            arpabet::to_ipa(&arpabet::parse_pron("T R IH2 P AH0 L EY1").unwrap())
        );
        assert!(lex.get("zzzzqx").is_none());
        assert!(lex.get("").is_none());
        assert!(lex.get("a").is_some());
        assert!(lex.get("zywicki").is_some());
    }

    #[test]
    fn parses_user_lexicon() {
        let u = UserLexicon::parse("# c\nSotto sˈɑːtoʊ\nfoo F UW1 # x\n").unwrap();
        assert_eq!(u.get("sotto"), Some(&Pron::Ipa("sˈɑːtoʊ".into())));
        assert!(matches!(u.get("foo"), Some(Pron::Arpabet(_))));
        assert!(UserLexicon::parse("lonely\n").is_err());
    }
}
