//! Regular inflections of known words: plural and possessive `-s`, `-es`, `-'s`, `-s'`, and past
//! `-ed`, pronounced from the stem's own phones.
//!
//! The endings follow the English voicing rule: `-s` is `IH0 Z` after a sibilant, `S` after
//! another voiceless consonant, else `Z`; `-ed` is `IH0 D` after `T` or `D`, `T` after a
//! voiceless consonant, else `D`. Over the lexicon's own word pairs (`walk`/`walks`, 25,000 of
//! them, `models/recipes/text/inflections.py`) this rule is the most frequent ending for every
//! suffix and final stem phone seen 20 times or more, and a word is exactly its stem plus the
//! rule's ending in 90% of `-s` and 83% of `-ed` pairs. Stems are looked up as written, with a
//! silent `e` restored (`baked` ← `bake`), a doubled final consonant undone (`planned` ← `plan`)
//! and `i` back to `y` (`carried` ← `carry`).

use crate::arpabet::{self, is_sibilant, Phone};

/// Shortest stem looked up, in letters (`sus` is not `su` + `s`).
const MIN_STEM: usize = 3;

/// An inflectional ending and what it adds to its stem's phones.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ending {
    /// Plural or possessive: `S`, `Z` or `IH0 Z`.
    Sibilant,
    /// Past tense: `T`, `D` or `IH0 D`.
    Dental,
    /// The apostrophe after a plural or a name ending in `s` (`jones'`): nothing.
    Silent,
}

/// Suffixes tried longest first, with their ending.
const SUFFIXES: [(&str, Ending); 6] = [
    ("'s", Ending::Sibilant),
    ("s'", Ending::Sibilant),
    ("es", Ending::Sibilant),
    ("ed", Ending::Dental),
    ("s", Ending::Sibilant),
    ("'", Ending::Silent),
];

fn is_voiceless(name: &str) -> bool {
    matches!(name, "P" | "T" | "K" | "F" | "TH" | "S" | "SH" | "CH")
}

/// The phones `ending` adds after a stem ending in `last`.
fn ending_phones(ending: Ending, last: &str) -> &'static str {
    match ending {
        Ending::Sibilant if is_sibilant(last) => "IH0 Z",
        Ending::Sibilant if is_voiceless(last) => "S",
        Ending::Sibilant => "Z",
        Ending::Dental if matches!(last, "T" | "D") => "IH0 D",
        Ending::Dental if is_voiceless(last) => "T",
        Ending::Dental => "D",
        Ending::Silent => "",
    }
}

/// The spellings a stem may have before `suffix` was added to it (`stem` as it stands first).
fn stem_spellings(stem: &str, suffix: &str) -> Vec<String> {
    let mut out = vec![stem.to_string()];
    if suffix.starts_with('e') {
        out.push(format!("{stem}e"));
        let b = stem.as_bytes();
        if let [.., x, y] = b {
            if x == y && !b"aeiouys".contains(y) {
                out.push(stem[..stem.len() - 1].to_string());
            }
        }
        if let Some(base) = stem.strip_suffix('i') {
            out.push(format!("{base}y"));
        }
    }
    out
}

/// The phones of `word` as a regular inflection of a word `lookup` knows, or `None` when it is
/// not one. `lookup` takes a lowercase word; `word` is lowercase.
pub fn inflect(word: &str, lookup: impl Fn(&str) -> Option<Vec<Phone>>) -> Option<Vec<Phone>> {
    for (suffix, ending) in SUFFIXES {
        let Some(stem) = word.strip_suffix(suffix) else {
            continue;
        };
        let misfit = match suffix {
            "s" => stem.ends_with('s'),
            "'" => !stem.ends_with('s'),
            _ => false,
        };
        if misfit {
            continue;
        }
        for spelling in stem_spellings(stem, suffix) {
            if spelling.len() < MIN_STEM {
                continue;
            }
            if let Some(mut phones) = lookup(&spelling) {
                let last = phones.last()?.name();
                phones.extend(arpabet::parse_pron(ending_phones(ending, last))?);
                return Some(phones);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon(word: &str) -> Option<Vec<Phone>> {
        let pron = match word {
            "walk" => "W AO1 K",
            "bake" => "B EY1 K",
            "plan" => "P L AE1 N",
            "carry" => "K AE1 R IY0",
            "box" => "B AA1 K S",
            "wait" => "W EY1 T",
            "dog" => "D AO1 G",
            "jones" => "JH OW1 N Z",
            "judge" => "JH AH1 JH",
            "fish" => "F IH1 SH",
            _ => return None,
        };
        arpabet::parse_pron(pron)
    }

    fn said(word: &str) -> Option<String> {
        inflect(word, lexicon).map(|p| {
            p.iter()
                .map(|p| {
                    let digit = match p.stress() {
                        arpabet::Stress::None if p.is_vowel() => "0",
                        arpabet::Stress::Primary => "1",
                        arpabet::Stress::Secondary => "2",
                        _ => "",
                    };
                    format!("{}{digit}", p.name())
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
    }

    #[test]
    fn endings_follow_the_voicing_rule() {
        assert_eq!(said("walks").as_deref(), Some("W AO1 K S"));
        assert_eq!(said("dogs").as_deref(), Some("D AO1 G Z"));
        assert_eq!(said("boxes").as_deref(), Some("B AA1 K S IH0 Z"));
        assert_eq!(said("walked").as_deref(), Some("W AO1 K T"));
        assert_eq!(said("waited").as_deref(), Some("W EY1 T IH0 D"));
        assert_eq!(said("judged").as_deref(), Some("JH AH1 JH D"));
        assert_eq!(said("fished").as_deref(), Some("F IH1 SH T"));
        assert_eq!(said("dog's").as_deref(), Some("D AO1 G Z"));
        assert_eq!(said("dogs'").as_deref(), Some("D AO1 G Z"));
        assert_eq!(said("jones'").as_deref(), Some("JH OW1 N Z"));
    }

    #[test]
    fn stems_lose_their_spelling_changes() {
        assert_eq!(said("baked").as_deref(), Some("B EY1 K T"));
        assert_eq!(said("planned").as_deref(), Some("P L AE1 N D"));
        assert_eq!(said("carried").as_deref(), Some("K AE1 R IY0 D"));
        assert_eq!(said("carries").as_deref(), Some("K AE1 R IY0 Z"));
        assert_eq!(said("judges").as_deref(), Some("JH AH1 JH IH0 Z"));
    }

    #[test]
    fn words_that_only_look_inflected_are_left_alone() {
        assert_eq!(said("walkss"), None);
        assert_eq!(said("dog'"), None);
        assert_eq!(said("unknowns"), None);
        assert_eq!(said("s"), None);
        assert_eq!(said(""), None);
    }
}
