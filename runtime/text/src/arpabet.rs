//! ARPAbet phone codes (as stored in the lexicon and G2P) and their espeak-ng style IPA rendering.

/// Vowel names; a vowel's code is `index * 3 + stress`.
const VOWELS: [&str; 15] = [
    "AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW",
];

/// Consonant names; a consonant's code is `45 + index`.
const CONSONANTS: [&str; 24] = [
    "B", "CH", "D", "DH", "F", "G", "HH", "JH", "K", "L", "M", "N", "NG", "P", "R", "S", "SH", "T",
    "TH", "V", "W", "Y", "Z", "ZH",
];

/// First consonant code.
const CONSONANT_BASE: u8 = 45;

/// Number of distinct phone codes.
pub const PHONE_COUNT: u8 = CONSONANT_BASE + CONSONANTS.len() as u8;

/// One ARPAbet phone, stored as its byte code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Phone(pub u8);

/// Lexical stress of a vowel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stress {
    /// Unstressed (ARPAbet 0).
    None,
    /// Primary stress (ARPAbet 1).
    Primary,
    /// Secondary stress (ARPAbet 2).
    Secondary,
}

impl Phone {
    /// Parses an ARPAbet phone such as `AH0` or `T`; vowels without a digit get stress 1.
    pub fn parse(s: &str) -> Option<Phone> {
        let up = s.to_ascii_uppercase();
        let (base, digit) = match up.as_bytes().last() {
            Some(d @ b'0'..=b'2') => (&up[..up.len() - 1], d - b'0'),
            _ => (up.as_str(), 1),
        };
        if let Some(v) = VOWELS.iter().position(|&v| v == base) {
            return Some(Phone(v as u8 * 3 + digit));
        }
        let c = CONSONANTS.iter().position(|&c| c == base)?;
        (up.len() == base.len()).then_some(Phone(CONSONANT_BASE + c as u8))
    }

    /// Whether the phone is a vowel.
    pub fn is_vowel(self) -> bool {
        self.0 < CONSONANT_BASE
    }

    /// The stress of a vowel (`Stress::None` for consonants).
    pub fn stress(self) -> Stress {
        match (self.is_vowel(), self.0 % 3) {
            (true, 1) => Stress::Primary,
            (true, 2) => Stress::Secondary,
            _ => Stress::None,
        }
    }

    /// The phone with its stress replaced (no change for consonants).
    pub fn with_stress(self, stress: Stress) -> Phone {
        if !self.is_vowel() {
            return self;
        }
        let s = match stress {
            Stress::None => 0,
            Stress::Primary => 1,
            Stress::Secondary => 2,
        };
        Phone(self.0 / 3 * 3 + s)
    }

    /// The ARPAbet name without stress digit.
    pub fn name(self) -> &'static str {
        if self.is_vowel() {
            VOWELS[usize::from(self.0 / 3)]
        } else {
            CONSONANTS
                .get(usize::from(self.0 - CONSONANT_BASE))
                .copied()
                .unwrap_or("")
        }
    }
}

/// Parses a space-separated ARPAbet pronunciation.
pub fn parse_pron(s: &str) -> Option<Vec<Phone>> {
    s.split_whitespace().map(Phone::parse).collect()
}

/// Decodes stored phone codes, dropping invalid ones.
pub fn from_codes(codes: &[u8]) -> Vec<Phone> {
    codes
        .iter()
        .filter(|&&c| c < PHONE_COUNT)
        .map(|&c| Phone(c))
        .collect()
}

/// Whether the phone named `name` (no stress digit) is a sibilant.
pub(crate) fn is_sibilant(name: &str) -> bool {
    matches!(name, "S" | "Z" | "SH" | "ZH" | "CH" | "JH")
}

fn vowel_ipa(phones: &[Phone], i: usize) -> &'static str {
    let p = phones[i];
    let next = phones.get(i + 1).map(|p| p.name());
    let before_r = next == Some("R");
    let before_vowel = phones.get(i + 1).is_some_and(|p| p.is_vowel());
    let short_ao = matches!(next, Some("NG" | "F"));
    let last = i + 1 == phones.len();
    let stressed = p.stress() != Stress::None;
    match p.name() {
        "AA" => "ɑː",
        "AE" => "æ",
        "AH" if stressed => "ʌ",
        "AH" if i == 0 && !last => "ɐ",
        "AH" => "ə",
        "AO" if before_r => "oː",
        "AO" if short_ao => "ɔ",
        "AO" => "ɔː",
        "AW" => "aʊ",
        "AY" => "aɪ",
        "EH" => "ɛ",
        "ER" if stressed && before_vowel => "ɜːɹ",
        "ER" if stressed => "ɜː",
        "ER" if before_vowel => "ɚɹ",
        "ER" => "ɚ",
        "EY" => "eɪ",
        "IH" if !stressed && reduced_suffix(phones, i) => "ᵻ",
        "IH" => "ɪ",
        "IY" if before_r => "ɪ",
        "IY" if stressed => "iː",
        "IY" if last => "i",
        "IY" => "ɪ",
        "OW" => "oʊ",
        "OY" => "ɔɪ",
        "UH" => "ʊ",
        "UW" => "uː",
        _ => "",
    }
}

fn reduced_suffix(phones: &[Phone], i: usize) -> bool {
    if i + 2 != phones.len() || i == 0 {
        return false;
    }
    let prev = phones[i - 1].name();
    match phones[i + 1].name() {
        "D" => matches!(prev, "T" | "D"),
        "Z" => is_sibilant(prev),
        _ => false,
    }
}

fn consonant_ipa(phones: &[Phone], i: usize) -> &'static str {
    match phones[i].name() {
        "B" => "b",
        "CH" => "tʃ",
        "D" => "d",
        "DH" => "ð",
        "F" => "f",
        "G" => "ɡ",
        "HH" => "h",
        "JH" => "dʒ",
        "K" => "k",
        "L" => "l",
        "M" => "m",
        "N" => "n",
        "NG" => "ŋ",
        "P" => "p",
        "R" => "ɹ",
        "S" => "s",
        "SH" => "ʃ",
        "T" if is_flap(phones, i) => "ɾ",
        "T" => "t",
        "TH" => "θ",
        "V" => "v",
        "W" => "w",
        "Y" => "j",
        "Z" => "z",
        "ZH" => "ʒ",
        _ => "",
    }
}

fn is_flap(phones: &[Phone], i: usize) -> bool {
    let prev_ok = i > 0 && (phones[i - 1].is_vowel() || phones[i - 1].name() == "R");
    let next = phones.get(i + 1);
    prev_ok && next.is_some_and(|n| n.is_vowel() && n.stress() == Stress::None)
}

/// Renders a word's phones as espeak-ng en-us style IPA, stress marks before stressed vowels.
pub fn to_ipa(phones: &[Phone]) -> String {
    let mut out = String::new();
    let mut after_primary = false;
    for i in 0..phones.len() {
        let p = phones[i];
        if p.is_vowel() {
            let keep_secondary = !after_primary || matches!(p.name(), "EY" | "AY");
            match p.stress() {
                Stress::Primary => {
                    out.push('ˈ');
                    after_primary = true;
                }
                Stress::Secondary if keep_secondary => out.push('ˌ'),
                _ => {}
            }
            out.push_str(vowel_ipa(phones, i));
        } else {
            out.push_str(consonant_ipa(phones, i));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ipa(s: &str) -> String {
        to_ipa(&parse_pron(s).unwrap())
    }

    #[test]
    fn renders_espeak_conventions() {
        assert_eq!(ipa("HH AH0 L OW1"), "həlˈoʊ");
        assert_eq!(ipa("W AO1 T ER0"), "wˈɔːɾɚ");
        assert_eq!(ipa("W AA1 N T IH0 D"), "wˈɑːntᵻd");
        assert_eq!(ipa("AH0 G EH1 N"), "ɐɡˈɛn");
        assert_eq!(ipa("B ER1 D"), "bˈɜːd");
    }

    #[test]
    fn parses_and_names() {
        assert_eq!(Phone::parse("ah0").map(Phone::name), Some("AH"));
        assert_eq!(Phone::parse("T1"), None);
        assert_eq!(Phone::parse("XX"), None);
    }
}
