//! Word pronunciation: user lexicon, reduced function words, heteronyms, the lexicon, spelled
//! acronyms and the G2P fallback, rendered as espeak-ng style IPA.

use crate::arpabet::{self, Phone};
use crate::g2p::G2p;
use crate::inflection;
use crate::lexicon::{Lexicon, Pron, UserLexicon};
use crate::normalize::abbreviation::CAPITAL_ACRONYMS;

/// Longest unknown all-capital word that is spelled out rather than pronounced.
pub const MAX_SPELLED: usize = 5;

/// espeak-ng style letter names, `a` first.
const LETTERS: [&str; 26] = [
    "ˈeɪ",
    "bˈiː",
    "sˈiː",
    "dˈiː",
    "ˈiː",
    "ˈɛf",
    "dʒˈiː",
    "ˈeɪtʃ",
    "ˈaɪ",
    "dʒˈeɪ",
    "kˈeɪ",
    "ˈɛl",
    "ˈɛm",
    "ˈɛn",
    "ˈoʊ",
    "pˈiː",
    "kjˈuː",
    "ˈɑːɹ",
    "ˈɛs",
    "tˈiː",
    "jˈuː",
    "vˈiː",
    "dˈʌbəljˌuː",
    "ˈɛks",
    "wˈaɪ",
    "zˈiː",
];

/// Unstressed running-speech forms of function words (espeak-ng en-us conventions).
const REDUCED: [(&str, &str); 63] = [
    ("a", "ɐ"),
    ("an", "ɐn"),
    ("and", "ænd"),
    ("of", "ʌv"),
    ("for", "fɔːɹ"),
    ("in", "ɪn"),
    ("on", "ɔn"),
    ("at", "æt"),
    ("is", "ɪz"),
    ("it", "ɪt"),
    ("was", "wʌz"),
    ("were", "wɜː"),
    ("from", "fɹʌm"),
    ("by", "baɪ"),
    ("with", "wɪð"),
    ("as", "æz"),
    ("or", "ɔːɹ"),
    ("but", "bˌʌt"),
    ("he", "hiː"),
    ("she", "ʃiː"),
    ("we", "wiː"),
    ("you", "juː"),
    ("i", "aɪ"),
    ("me", "mˌiː"),
    ("they", "ðeɪ"),
    ("them", "ðˌɛm"),
    ("her", "hɜː"),
    ("his", "hɪz"),
    ("my", "maɪ"),
    ("your", "jʊɹ"),
    ("our", "ˌaʊɚ"),
    ("its", "ɪts"),
    ("has", "hɐz"),
    ("have", "hæv"),
    ("had", "hæd"),
    ("can", "kæn"),
    ("will", "wɪl"),
    ("would", "wʊd"),
    ("could", "kʊd"),
    ("should", "ʃʊd"),
    ("be", "biː"),
    ("been", "bɪn"),
    ("are", "ɑːɹ"),
    ("am", "æm"),
    ("if", "ɪf"),
    ("that", "ðæt"),
    ("than", "ðɐn"),
    ("so", "sˌoʊ"),
    ("not", "nˌɑːt"),
    ("there", "ðɛɹ"),
    ("which", "wˌɪtʃ"),
    ("who", "hˌuː"),
    ("what", "wʌt"),
    ("this", "ðɪs"),
    ("those", "ðoʊz"),
    ("when", "wɛn"),
    ("it's", "ɪts"),
    ("i'm", "aɪm"),
    ("get", "ɡɛt"),
    ("some", "sˌʌm"),
    ("him", "hˌɪm"),
    ("how", "hˌaʊ"),
    ("up", "ˌʌp"),
];

/// Function words whose reduced form is kept even at the end of a clause.
const ALWAYS_REDUCED: [&str; 14] = [
    "a", "an", "and", "i", "he", "she", "we", "they", "you", "it", "is", "your", "it's", "i'm",
];

/// Context of a word in its clause.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// The previous word, lowercase (empty at clause start).
    pub prev: &'a str,
    /// The next word, lowercase (empty at clause end).
    pub next: &'a str,
}

fn starts_with_vowel_sound(next: &str) -> bool {
    next.chars().next().is_some_and(|c| "aeiou".contains(c))
}

/// The letter name of an ASCII letter.
pub fn letter(c: char) -> &'static str {
    let i = c.to_ascii_lowercase() as usize;
    LETTERS
        .get(i.wrapping_sub('a' as usize))
        .copied()
        .unwrap_or("")
}

/// Spells a word letter by letter, letters separated by spaces.
pub fn spell(word: &str) -> String {
    word.chars()
        .filter(char::is_ascii_alphabetic)
        .map(letter)
        .collect::<Vec<_>>()
        .join(" ")
}

fn reduced(lower: &str, ctx: Context) -> Option<&'static str> {
    match lower {
        "the" if ctx.next.is_empty() => None,
        "the" if starts_with_vowel_sound(ctx.next) => Some("ðɪ"),
        "the" => Some("ðə"),
        "to" if ctx.next.is_empty() => None,
        "to" if starts_with_vowel_sound(ctx.next) => Some("tʊ"),
        "to" => Some("tə"),
        "it" if starts_with_vowel_sound(ctx.next) => Some("ɪɾ"),
        _ => {
            let r = REDUCED.iter().find(|(w, _)| *w == lower)?.1;
            (!ctx.next.is_empty() || ALWAYS_REDUCED.contains(&lower)).then_some(r)
        }
    }
}

fn heteronym(lower: &str, ctx: Context) -> Option<&'static str> {
    const PAST: [&str; 10] = [
        "have", "has", "had", "was", "were", "been", "be", "is", "are", "being",
    ];
    const TO_VERB: [&str; 11] = [
        "to", "will", "would", "can", "could", "should", "must", "might", "please", "i", "we",
    ];
    let after_det = matches!(
        ctx.prev,
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "my"
            | "your"
            | "our"
            | "their"
            | "his"
            | "her"
            | "its"
            | "new"
            | "world"
    );
    Some(match lower {
        "read" if PAST.contains(&ctx.prev) => "R EH1 D",
        "read" => "R IY1 D",
        "lead" if after_det || ctx.next == "singer" => "L IY1 D",
        "lead" if ctx.next == "poisoning" || ctx.next == "pipe" => "L EH1 D",
        "lead" => "L IY1 D",
        "live"
            if ctx.prev.is_empty() || TO_VERB.contains(&ctx.prev) || ctx.prev.ends_with("n't") =>
        {
            "L IH1 V"
        }
        "live"
            if matches!(
                ctx.next,
                "music"
                    | "show"
                    | "event"
                    | "events"
                    | "stream"
                    | "broadcast"
                    | "coverage"
                    | "updates"
                    | "wire"
                    | "animals"
                    | "bait"
            ) =>
        {
            "L AY1 V"
        }
        "live" => "L IH1 V",
        "record" if after_det || ctx.next.is_empty() => "R EH1 K ER0 D",
        "record" => "R IH0 K AO1 R D",
        "present" if after_det => "P R EH1 Z AH0 N T",
        "present" if TO_VERB.contains(&ctx.prev) => "P R IY0 Z EH1 N T",
        "present" => "P R EH1 Z AH0 N T",
        "object" if after_det => "AA1 B JH EH0 K T",
        "close" if after_det || matches!(ctx.next, "to" | "by" | "call") => "K L OW1 S",
        "close" => "K L OW1 Z",
        "use" if after_det || matches!(ctx.next, "of") => "Y UW1 S",
        "use" => "Y UW1 Z",
        "wind" if TO_VERB.contains(&ctx.prev) => "W AY1 N D",
        "wind" => "W IH1 N D",
        "tear" if TO_VERB.contains(&ctx.prev) => "T EH1 R",
        "tear" => "T IH1 R",
        "minute" if after_det && ctx.next.is_empty() => "M IH1 N AH0 T",
        "minute" => "M IH1 N AH0 T",
        "row" => "R OW1",
        "bass" if matches!(ctx.next, "guitar" | "player" | "line" | "drum") => "B EY1 S",
        "polish" if ctx.prev.is_empty() => "P OW1 L IH0 SH",
        "polish" => "P AA1 L IH0 SH",
        "wound" if PAST.contains(&ctx.prev) && ctx.next == "up" => "W AW1 N D",
        "wound" => "W UW1 N D",
        "desert" if after_det => "D EH1 Z ER0 T",
        "does" => "D AH1 Z",
        "produce" if after_det => "P R OW1 D UW0 S",
        "content" if after_det => "K AA1 N T EH0 N T",
        "estimate" if after_det => "EH1 S T AH0 M AH0 T",
        "separate" if TO_VERB.contains(&ctx.prev) => "S EH1 P ER0 EY2 T",
        "separate" => "S EH1 P ER0 AH0 T",
        _ => return None,
    })
}

/// Looks words up and renders them as IPA.
#[derive(Debug, Clone)]
pub struct Speller {
    lexicon: Lexicon,
    g2p: G2p,
    user: UserLexicon,
}

impl Speller {
    /// Builds a speller from the embedded data and a user lexicon.
    pub fn new(user: UserLexicon) -> Speller {
        Speller {
            lexicon: Lexicon::embedded(),
            g2p: G2p::embedded(),
            user,
        }
    }

    /// The embedded lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The G2P model.
    pub fn g2p(&self) -> &G2p {
        &self.g2p
    }

    /// The phones of a lowercase word from the lexicon, or as a regular inflection of a word in it.
    fn lookup(&self, lower: &str) -> Option<Vec<Phone>> {
        self.lexicon
            .get(lower)
            .or_else(|| inflection::inflect(lower, |w| self.lexicon.get(w)))
    }

    /// The IPA of one word in context (`word` keeps its original case).
    pub fn word(&self, word: &str, ctx: Context) -> String {
        let lower = word.to_ascii_lowercase();
        if let Some(p) = self.user.get(&lower) {
            return match p {
                Pron::Arpabet(ph) => arpabet::to_ipa(ph),
                Pron::Ipa(s) => s.clone(),
            };
        }
        let all_caps = word.len() > 1 && word.chars().all(|c| c.is_ascii_uppercase());
        if all_caps && CAPITAL_ACRONYMS.contains(&word) {
            return spell(word);
        }
        if let Some(r) = reduced(&lower, ctx) {
            return r.to_string();
        }
        if let Some(p) = heteronym(&lower, ctx).and_then(arpabet::parse_pron) {
            return arpabet::to_ipa(&p);
        }
        if let Some(p) = self.lookup(&lower) {
            return arpabet::to_ipa(&p);
        }
        let letters = lower.chars().filter(char::is_ascii_alphabetic).count();
        let no_vowel = !lower.chars().any(|c| "aeiouy".contains(c));
        if (all_caps || no_vowel) && letters <= MAX_SPELLED {
            return spell(word);
        }
        arpabet::to_ipa(&self.g2p.predict(&lower))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_reduce_in_context() {
        let s = Speller::new(UserLexicon::default());
        let c = |prev, next| Context { prev, next };
        assert_eq!(s.word("the", c("", "cat")), "ðə");
        assert_eq!(s.word("the", c("", "east")), "ðɪ");
        assert_eq!(s.word("to", c("", "go")), "tə");
        assert_eq!(s.word("read", c("have", "it")), "ɹˈɛd");
        assert_eq!(s.word("read", c("to", "it")), "ɹˈiːd");
        assert_eq!(s.word("FBI", c("", "")), s.word("fbi", c("", "")));
        assert_eq!(s.word("XQZ", c("", "")), "ˈɛks kjˈuː zˈiː");
        assert_eq!(s.word("US", c("the", "")), "jˈuː ˈɛs");
        assert_eq!(s.word("Mary's", c("", "")), "mˈɛɹɪz");
    }

    #[test]
    fn inflections_missing_from_the_lexicon_keep_their_stem() {
        let s = Speller::new(UserLexicon::default());
        let none = Context { prev: "", next: "" };
        assert!(s.lexicon().get("dimonds").is_none());
        assert_eq!(
            s.word("dimonds", none),
            format!("{}z", s.word("dimond", none))
        );
        assert_eq!(
            s.word("lisabethed", none),
            format!("{}t", s.word("lisabeth", none))
        );
    }
}
