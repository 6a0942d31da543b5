//! The phoneme symbol set of Piper's espeak-ng voices, which all frontend output stays within.

/// Every symbol (one char each) a phoneme string may contain, besides the id map's `_ ^ $` markers.
pub const SYMBOLS: &str = " !'(),-.:;?abcdefhijklmnopqrstuvwxyzæçðøħŋœǀǁǂǃɐɑɒɓɔɕɖɗɘəɚɛɜɞɟɠɡɢɣɤɥɦɧɨɪɫɬɭɮɯɰɱɲɳɴɵɶɸɹɺɻɽɾʀʁʂʃʄʈʉʊʋʌʍʎʏʐʑʒʔʕʘʙʛʜʝʟʡʢʲˈˌːˑ˞βθχᵻⱱ0123456789\u{327}\u{303}\u{32a}\u{32f}\u{329}ʰˤε↓#\"";

/// Clause punctuation the voice knows, each read as a pause.
pub const PAUSES: &str = ".,;:!?";

/// Whether `c` is in the phoneme set.
pub fn is_symbol(c: char) -> bool {
    SYMBOLS.contains(c)
}

/// Keeps only phoneme-set symbols of `s` that are not pauses or spaces (for user-given IPA).
pub fn clean_ipa(s: &str) -> String {
    s.chars()
        .map(|c| if c == 'g' { 'ɡ' } else { c })
        .filter(|&c| is_symbol(c) && !PAUSES.contains(c) && c != ' ')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans() {
        assert_eq!(clean_ipa("sˈɑːtoʊ 😀,"), "sˈɑːtoʊ");
        assert_eq!(SYMBOLS.chars().count(), 148);
    }
}
