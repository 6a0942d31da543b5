//! Text in scripts the English voice cannot read (Han, Cyrillic, Arabic, …): found, named and
//! reported as [`DroppedSpan`]s, so that dropping it is never silent.

use std::fmt;

/// Longest span text shown by [`DroppedSpan`]'s `Display`, in characters.
pub const MAX_SHOWN_CHARS: usize = 40;

/// A writing system whose letters the voice cannot read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    /// Chinese characters (also used in Japanese and Korean text).
    Han,
    /// Japanese hiragana and katakana.
    Kana,
    /// Korean hangul.
    Hangul,
    /// Cyrillic (Russian, Ukrainian, Bulgarian, …).
    Cyrillic,
    /// Greek.
    Greek,
    /// Arabic (also Persian and Urdu).
    Arabic,
    /// Hebrew.
    Hebrew,
    /// Devanagari (Hindi, Marathi, Nepali, …).
    Devanagari,
    /// Thai.
    Thai,
    /// Any other non-Latin letters.
    Other,
}

impl fmt::Display for Script {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Script::Han => "Han (CJK)",
            Script::Kana => "Japanese kana",
            Script::Hangul => "Korean hangul",
            Script::Cyrillic => "Cyrillic",
            Script::Greek => "Greek",
            Script::Arabic => "Arabic",
            Script::Hebrew => "Hebrew",
            Script::Devanagari => "Devanagari",
            Script::Thai => "Thai",
            Script::Other => "non-Latin",
        })
    }
}

/// A run of text in a script the voice cannot read, left out of the spoken form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DroppedSpan {
    /// Byte offset of its first character in the text given to the normalizer.
    pub start: usize,
    /// Byte offset just past its last character.
    pub end: usize,
    /// The dropped text as written: `text[start..end]` from [`dropped_spans`], its first
    /// [`MAX_SHOWN_CHARS`] + 1 characters from a [`SpanScanner`].
    pub text: String,
    /// The script of its first letter.
    pub script: Script,
}

impl fmt::Display for DroppedSpan {
    /// `Cyrillic text "Привет мир" (bytes 6..25) dropped: the voice reads English only`, the
    /// text cut to [`MAX_SHOWN_CHARS`] characters.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown: String = self.text.chars().take(MAX_SHOWN_CHARS).collect();
        let cut = if shown.len() < self.text.len() {
            "…"
        } else {
            ""
        };
        write!(
            f,
            "{} text \"{shown}{cut}\" (bytes {}..{}) dropped: the voice reads English only",
            self.script, self.start, self.end
        )
    }
}

/// The script of a letter the voice cannot read; `None` for Latin letters (folded or kept),
/// IPA, digits, punctuation, symbols and emoji.
pub fn unreadable_script(c: char) -> Option<Script> {
    if !c.is_alphabetic() {
        return None;
    }
    let script = match c as u32 {
        0x0000..=0x036F | 0x1D00..=0x1DBF | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF => {
            return None
        }
        0x2070..=0x209F | 0x2100..=0x214F | 0xFB00..=0xFB06 => return None,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => Script::Hebrew,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Script::Arabic
        }
        0x0900..=0x097F => Script::Devanagari,
        0x0E00..=0x0E7F => Script::Thai,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Script::Hangul,
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => Script::Kana,
        0x2E80..=0x2FDF | 0x3005..=0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => {
            Script::Han
        }
        0x20000..=0x3FFFF => Script::Han,
        _ => Script::Other,
    };
    Some(script)
}

/// Whether `c` may sit inside a dropped span between two of its letters (spaces, digits,
/// punctuation, the scripts' own punctuation), so `Привет, мир` is one span.
fn joins(c: char) -> bool {
    !c.is_alphabetic()
}

/// The spans of `text` in scripts the voice cannot read, in order; inline phonemes
/// (`[[ … ]]`) are not searched. A span runs from one unreadable letter to the last one of the
/// same script with no readable letter between them. Linear in the length of `text`.
pub fn dropped_spans(text: &str) -> Vec<DroppedSpan> {
    let mut out = Vec::new();
    let mut base = 0;
    let mut rest = text;
    loop {
        let inline = rest.find(super::INLINE_OPEN).and_then(|open| {
            let body = open + super::INLINE_OPEN.len();
            rest[body..]
                .find(super::INLINE_CLOSE)
                .map(|len| (open, body + len + super::INLINE_CLOSE.len()))
        });
        let plain = inline.map_or(rest, |(open, _)| &rest[..open]);
        let mut scanner = SpanScanner::at(base);
        out.extend(scanner.feed(plain));
        out.extend(scanner.finish());
        let Some((_, skip)) = inline else {
            break;
        };
        base += skip;
        rest = &rest[skip..];
    }
    for d in &mut out {
        d.text = text[d.start..d.end].to_string();
    }
    out
}

/// A span being read: where it starts and ends, its script, its text so far (at most
/// [`MAX_SHOWN_CHARS`] + 1 characters) and the joining characters after its last letter.
#[derive(Debug)]
struct Open {
    start: usize,
    end: usize,
    script: Script,
    text: String,
    chars: usize,
    gap: String,
}

impl Open {
    fn push(&mut self, s: &str) {
        for c in s.chars() {
            if self.chars > MAX_SHOWN_CHARS {
                return;
            }
            self.text.push(c);
            self.chars += 1;
        }
    }

    fn close(self) -> DroppedSpan {
        DroppedSpan {
            start: self.start,
            end: self.end,
            text: self.text,
            script: self.script,
        }
    }
}

/// Finds [`DroppedSpan`]s in text that arrives piece by piece (a stream), in bounded memory:
/// each span's `text` keeps at most [`MAX_SHOWN_CHARS`] + 1 characters, its offsets count
/// every byte fed. Inline phonemes are not recognised here.
#[derive(Debug, Default)]
pub struct SpanScanner {
    offset: usize,
    open: Option<Open>,
}

impl SpanScanner {
    /// A scanner whose offsets start at 0.
    pub fn new() -> SpanScanner {
        SpanScanner::default()
    }

    fn at(offset: usize) -> SpanScanner {
        SpanScanner { offset, open: None }
    }

    /// Scans the next piece of the text; returns the spans that ended in it.
    pub fn feed(&mut self, piece: &str) -> Vec<DroppedSpan> {
        let mut out = Vec::new();
        for (k, c) in piece.char_indices() {
            let at = self.offset + k;
            let end = at + c.len_utf8();
            let micro = c == '\u{3bc}'
                && piece[k + c.len_utf8()..].starts_with(|n: char| n.is_ascii_alphabetic());
            match unreadable_script(c).filter(|_| !micro) {
                Some(script) if self.open.as_ref().is_some_and(|o| o.script == script) => {
                    if let Some(o) = self.open.as_mut() {
                        let gap = std::mem::take(&mut o.gap);
                        o.push(&gap);
                        o.push(c.encode_utf8(&mut [0; 4]));
                        o.end = end;
                    }
                }
                Some(script) => {
                    out.extend(self.open.take().map(Open::close));
                    let mut o = Open {
                        start: at,
                        end,
                        script,
                        text: String::new(),
                        chars: 0,
                        gap: String::new(),
                    };
                    o.push(c.encode_utf8(&mut [0; 4]));
                    self.open = Some(o);
                }
                None if joins(c) => {
                    if let Some(o) = self.open.as_mut() {
                        if o.gap.chars().count() <= MAX_SHOWN_CHARS {
                            o.gap.push(c);
                        }
                    }
                }
                None => out.extend(self.open.take().map(Open::close)),
            }
        }
        self.offset += piece.len();
        out
    }

    /// Ends the text: the span still open, if any.
    pub fn finish(&mut self) -> Option<DroppedSpan> {
        self.open.take().map(Open::close)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(String, Script)> {
        dropped_spans(text)
            .into_iter()
            .map(|d| {
                assert_eq!(&text[d.start..d.end], d.text);
                (d.text, d.script)
            })
            .collect()
    }

    #[test]
    fn finds_and_names_unreadable_spans() {
        let s = |t: &str, sc| (t.to_string(), sc);
        assert_eq!(
            spans("Welcome! 欢迎光临。 Enjoy."),
            [s("欢迎光临", Script::Han)]
        );
        assert_eq!(
            spans("Exit Выход, выход 3"),
            [s("Выход, выход", Script::Cyrillic)]
        );
        assert_eq!(
            spans("مرحبا بكم in Dubai"),
            [s("مرحبا بكم", Script::Arabic)]
        );
        assert_eq!(
            spans("東京 Tokyo ソウル 서울"),
            [
                s("東京", Script::Han),
                s("ソウル", Script::Kana),
                s("서울", Script::Hangul)
            ]
        );
        assert_eq!(spans("Καλημέρα"), [s("Καλημέρα", Script::Greek)]);
        assert!(spans("café naïve Müller, 12 µg, 5 \u{3bc}g, CO₂, 25°C 🍕 — ok").is_empty());
        assert!(spans("Say [[ sˈɑːtoʊ ʃ ж ]] now").is_empty());
        assert_eq!(spans("[[ə]] ж"), [s("ж", Script::Cyrillic)]);
        assert_eq!(dropped_spans("[[ə]] ж")[0].start, 7);
    }

    #[test]
    fn display_names_the_span_and_cuts_long_text() {
        let d = &dropped_spans("a Привет b")[0];
        assert_eq!(
            d.to_string(),
            "Cyrillic text \"Привет\" (bytes 2..14) dropped: the voice reads English only"
        );
        let long = "ж".repeat(100);
        let shown = dropped_spans(&long)[0].to_string();
        assert!(shown.contains(&format!("{}…\"", "ж".repeat(MAX_SHOWN_CHARS))));
    }

    #[test]
    fn a_stream_gives_the_spans_of_the_whole_text() {
        let text = "Exit Выход, gate 4. 出口 here, Выход ok";
        let whole = dropped_spans(text);
        for step in [1, 2, 3, 7] {
            let mut sc = SpanScanner::new();
            let mut got = Vec::new();
            let chars: Vec<char> = text.chars().collect();
            for piece in chars.chunks(step) {
                got.extend(sc.feed(&piece.iter().collect::<String>()));
            }
            got.extend(sc.finish());
            assert_eq!(got, whole, "pieces of {step} chars");
        }
    }

    #[test]
    fn a_stream_keeps_span_text_bounded() {
        let mut sc = SpanScanner::new();
        for _ in 0..10_000 {
            assert!(sc.feed("жжжж ").is_empty());
        }
        let d = sc.finish().unwrap();
        assert_eq!(d.end, 10_000 * "жжжж ".len() - 1);
        assert_eq!(d.text.chars().count(), MAX_SHOWN_CHARS + 1);
        assert!(d.to_string().contains("…"));
    }

    #[test]
    fn long_input_is_one_span() {
        let text = "漢".repeat(100_000);
        let d = dropped_spans(&text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].end, text.len());
    }
}
