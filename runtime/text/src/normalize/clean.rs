//! Character-level cleanup: markup, entities, control and zero-width characters, typographic
//! punctuation and accented letters, leaving ASCII text plus a few meaningful symbols.

/// Longest span between `<` and `>` treated as a markup tag.
const MAX_TAG: usize = 200;

/// The Greek small mu, written for the micro prefix before a unit (`μg`).
const GREEK_MU: char = '\u{3bc}';
/// The micro sign the unit table uses (`µg`).
const MICRO: char = '\u{b5}';

/// Non-ASCII symbols kept for the normalizer.
const KEPT: &str = "–—£€¥₩₹°§×²³¢→µ₀₁₂₃₄₅₆₇₈₉";

fn fold_accent(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' => "A",
        'ç' | 'ć' | 'č' => "c",
        'Ç' | 'Ć' | 'Č' => "C",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ę' | 'Ě' => "E",
        'ì' | 'í' | 'î' | 'ï' | 'ī' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => "I",
        'ñ' | 'ń' | 'ň' => "n",
        'Ñ' | 'Ń' | 'Ň' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' => "O",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' => "U",
        'ý' | 'ÿ' => "y",
        'Ý' | 'Ÿ' => "Y",
        'š' | 'ś' => "s",
        'Š' | 'Ś' => "S",
        'ž' | 'ź' | 'ż' => "z",
        'Ž' | 'Ź' | 'Ż' => "Z",
        'ł' => "l",
        'Ł' => "L",
        'ß' => "ss",
        'æ' => "ae",
        'Æ' => "AE",
        'œ' => "oe",
        'Œ' => "OE",
        _ => return None,
    })
}

fn map_char(c: char, out: &mut String) {
    match c {
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}' => {}
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}' | '`' => out.push('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => out.push('"'),
        '\u{2010}' | '\u{2011}' | '\u{2212}' => out.push('-'),
        '\u{2026}' => out.push_str("..."),
        '—' => out.push_str(" — "),
        'º' => out.push('°'),
        '⇒' | '➔' | '➜' | '⟶' | '⮕' => out.push('→'),
        '½' => out.push_str(" 1/2"),
        '¼' => out.push_str(" 1/4"),
        '¾' => out.push_str(" 3/4"),
        c if c.is_ascii_graphic() || c == ' ' => out.push(c),
        c if c.is_whitespace() || c.is_control() => out.push(' '),
        c if KEPT.contains(c) => out.push(c),
        c => match fold_accent(c) {
            Some(s) => out.push_str(s),
            None => out.push(' '),
        },
    }
}

fn entity(s: &str) -> Option<(&'static str, usize)> {
    const ENTITIES: [(&str, &str); 7] = [
        ("&amp;", "&"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&apos;", "'"),
        ("&#39;", "'"),
        ("&nbsp;", " "),
    ];
    ENTITIES
        .iter()
        .find(|(e, _)| s.starts_with(e))
        .map(|(e, r)| (*r, e.len()))
}

fn tag_len(s: &str) -> Option<usize> {
    let rest = s.strip_prefix('<')?;
    let first = rest.chars().next()?;
    if !(first.is_ascii_alphabetic() || matches!(first, '/' | '!' | '?')) {
        return None;
    }
    let end = rest
        .char_indices()
        .take(MAX_TAG)
        .find(|&(_, c)| c == '>' || c == '<')?;
    (end.1 == '>').then_some(end.0 + 2)
}

fn csi_len(s: &str) -> Option<usize> {
    let rest = s.strip_prefix("\u{1b}[")?;
    let end = rest
        .char_indices()
        .take(32)
        .find(|&(_, c)| !(c.is_ascii_digit() || c == ';'))?;
    end.1.is_ascii_alphabetic().then_some(end.0 + 3)
}

/// Symbols that, repeated, are decoration (`####`, `====`, `***`, `~~~`), not text to read.
const DECORATION: &str = "#*=~_-+^|\\<>@&%$•·─━═★☆◆■□▪▫●○";

/// Shortest run of one decoration symbol that is left unread.
pub const MIN_DECORATION_RUN: usize = 3;

/// The byte length of a run of one decoration symbol at the start of `s`, if it is at least
/// [`MIN_DECORATION_RUN`] long.
fn decoration_run(s: &str, c: char) -> Option<usize> {
    if !DECORATION.contains(c) {
        return None;
    }
    let n = s.chars().take_while(|&x| x == c).count();
    (n >= MIN_DECORATION_RUN).then(|| n * c.len_utf8())
}

/// Cleans raw text into ASCII plus the symbols in `KEPT`; tags and escape sequences become
/// spaces, and so do runs of a repeated decoration symbol (`####`, `====`). Linear in the
/// length of `text`.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        let rest = &text[i..];
        if let Some(n) = decoration_run(rest, c) {
            out.push(' ');
            i += n;
            continue;
        }
        if c == '<' {
            if let Some(n) = tag_len(rest) {
                out.push(' ');
                i += n;
                continue;
            }
        } else if c == '&' {
            if let Some((r, n)) = entity(rest) {
                out.push_str(r);
                i += n;
                continue;
            }
        } else if c == GREEK_MU
            && rest[c.len_utf8()..].starts_with(|n: char| n.is_ascii_alphabetic())
        {
            out.push(MICRO);
            i += c.len_utf8();
            continue;
        } else if c == '\u{1b}' {
            if let Some(n) = csi_len(rest) {
                out.push(' ');
                i += n;
                continue;
            }
        }
        map_char(c, &mut out);
        i += c.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_table() {
        let cases = [
            ("plain", "plain"),
            ("Ma\u{200B}ple", "Maple"),
            ("clo\u{AD}sed", "closed"),
            ("it\u{2019}s", "it's"),
            ("caf\u{e9}", "cafe"),
            ("<speak>Hi <break time=\"5s\"/> x</speak>", " Hi   x "),
            ("a &amp; b", "a & b"),
            ("Ready\u{7}\u{1b}[31m now\u{8}", "Ready   now "),
            ("A \u{1F600} B", "A   B"),
            ("1 < 2", "1 < 2"),
            ("12°C", "12°C"),
            ("C–E", "C–E"),
            ("漢字", "  "),
            ("5 \u{3bc}g", "5 µg"),
            ("CO₂", "CO₂"),
            ("#### Menu ####", "  Menu  "),
            ("a ==== b *** c", "a   b   c"),
            ("##1 -- x", "##1 -- x"),
            ("~~~~~~Sale~~~~~~", " Sale "),
        ];
        for (input, want) in cases {
            assert_eq!(clean(input), want, "{input:?}");
        }
    }
}
