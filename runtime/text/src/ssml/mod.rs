//! An SSML subset parsed into a structured document: spans of spoken items with a speaking
//! rate, breaks of a given duration and marks.
//!
//! Elements: `<speak>` (the root), `<break time|strength>`, `<say-as interpret-as=
//! "characters|spell-out|cardinal|number|ordinal|digits|date|time|telephone">`, `<sub alias>`,
//! `<phoneme alphabet="ipa" ph>`, `<prosody rate>`, `<mark name>`, `<p>`, `<s>`. Anything
//! else is an error naming its line and column, or with [`Options::lenient`] is dropped while
//! its text is still read; tags are never read aloud.

mod xml;

use crate::normalize::numbers::{self, Part};
use crate::normalize::{normalize, Item};

pub use xml::{MAX_ATTRIBUTES, MAX_DEPTH, MAX_DOCUMENT_BYTES};

/// Longest break honoured, in milliseconds.
pub const MAX_BREAK_MS: u32 = 10_000;
/// Slowest and fastest `<prosody rate>` accepted (1 = the voice's rate).
pub const RATE_RANGE: (f32, f32) = (0.25, 4.0);
/// Most spoken items in one span before it is cut into another utterance.
pub const MAX_SPAN_ITEMS: usize = 200;

/// Break durations of the `strength` values, in milliseconds.
const STRENGTHS: [(&str, u32); 6] = [
    ("none", 0),
    ("x-weak", 100),
    ("weak", 250),
    ("medium", 400),
    ("strong", 700),
    ("x-strong", 1200),
];

/// Speaking rates of the `rate` keywords.
const RATES: [(&str, f32); 6] = [
    ("x-slow", 0.6),
    ("slow", 0.8),
    ("medium", 1.0),
    ("default", 1.0),
    ("fast", 1.25),
    ("x-fast", 1.5),
];

/// A malformed or unsupported SSML document, with the position of the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("SSML line {line}, column {column}: {message}")]
pub struct SsmlError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// How to parse.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Drop unknown elements (reading their text) instead of failing.
    pub lenient: bool,
}

/// One piece of a parsed document, in speaking order.
#[derive(Debug, Clone, PartialEq)]
pub enum Segment {
    /// Items spoken as one utterance; `rate` 2 speaks twice as fast (durations ÷ 2).
    Speech {
        /// The items, as [`normalize`] makes them.
        items: Vec<Item>,
        /// Speaking rate relative to the voice's.
        rate: f32,
        /// The `<mark>`s inside the utterance, in order: they label it and never split it.
        marks: Vec<InlineMark>,
    },
    /// Silence of this many milliseconds.
    Break {
        /// Duration in milliseconds.
        ms: u32,
    },
    /// A named position (`<mark name="…"/>`) outside any utterance: before a break, or at the
    /// end of the document.
    Mark {
        /// The mark's name.
        name: String,
    },
}

/// A `<mark name="…"/>` inside an utterance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineMark {
    /// How many of the utterance's items come before it (0: at its start; the number of
    /// items: at its end).
    pub at: usize,
    /// The mark's name.
    pub name: String,
}

/// A parsed SSML document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// The segments in order.
    pub segments: Vec<Segment>,
}

/// Whether `text` should be read as SSML (it starts with `<speak` or an XML declaration).
pub fn looks_like_ssml(text: &str) -> bool {
    let t = text.trim_start_matches('\u{FEFF}').trim_start();
    t.starts_with("<speak") || (t.starts_with("<?xml") && t.contains("<speak"))
}

#[derive(Debug, Clone)]
enum Say {
    Normal,
    Characters,
    Cardinal,
    Ordinal,
    Digits,
    Telephone,
}

#[derive(Debug, Clone)]
struct Frame {
    name: String,
    rate: f32,
    say: Say,
    /// Inside `<sub>` or `<phoneme>`: the element's own text is replaced.
    replaced: bool,
}

struct Builder {
    doc: Document,
    items: Vec<Item>,
    rate: f32,
    /// Marks waiting for the utterance they fall in (kept across an utterance with nothing
    /// to speak, so a mark before a sentence labels that sentence's start).
    marks: Vec<InlineMark>,
}

impl Builder {
    /// Ends the utterance being built; its marks go with it.
    fn flush(&mut self) {
        if self.items.iter().any(|i| !matches!(i, Item::Pause(_))) {
            self.doc.segments.push(Segment::Speech {
                items: std::mem::take(&mut self.items),
                rate: self.rate,
                marks: std::mem::take(&mut self.marks),
            });
        }
        self.items.clear();
        for m in &mut self.marks {
            m.at = 0;
        }
    }

    /// Ends the utterance being built and places any marks still waiting here, outside an
    /// utterance (before a break, or at the end).
    fn flush_all(&mut self) {
        self.flush();
        for m in self.marks.drain(..) {
            self.doc.segments.push(Segment::Mark { name: m.name });
        }
    }

    fn mark(&mut self, name: String) {
        self.marks.push(InlineMark {
            at: self.items.len(),
            name,
        });
    }

    fn set_rate(&mut self, rate: f32) {
        if rate != self.rate {
            self.flush();
            self.rate = rate;
        }
    }

    fn push_items(&mut self, items: Vec<Item>) {
        for item in items {
            let end = matches!(item, Item::Pause('.' | '!' | '?'));
            self.items.push(item);
            if end || self.items.len() >= MAX_SPAN_ITEMS {
                self.flush();
            }
        }
    }
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// `300ms`, `1.5s`, `2s` → milliseconds.
fn parse_time(s: &str) -> Option<u32> {
    let s = s.trim();
    let (num, scale) = if let Some(n) = s.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = s.strip_suffix('s') {
        (n, 1000.0)
    } else {
        return None;
    };
    let v: f32 = num.trim().parse().ok()?;
    (v.is_finite() && v >= 0.0).then(|| (v * scale).round().min(MAX_BREAK_MS as f32) as u32)
}

/// `slow`, `150%`, `+20%`, `-10%`, `0.8` → a rate relative to the enclosing one.
fn parse_rate(s: &str) -> Option<f32> {
    let s = s.trim();
    if let Some((_, r)) = RATES.iter().find(|(k, _)| *k == s) {
        return Some(*r);
    }
    if let Some(p) = s.strip_suffix('%') {
        let v: f32 = p.parse().ok()?;
        let r = if p.starts_with(['+', '-']) {
            1.0 + v / 100.0
        } else {
            v / 100.0
        };
        return (r.is_finite() && r > 0.0).then_some(r);
    }
    let v: f32 = s.parse().ok()?;
    (v.is_finite() && v > 0.0).then_some(v)
}

fn words(parts: Vec<Part>) -> Vec<Item> {
    parts
        .into_iter()
        .map(|p| match p {
            Part::Word(w) => Item::Word(w.to_string()),
            Part::Pause => Item::Pause(','),
        })
        .collect()
}

fn say_as(text: &str, say: &Say) -> Vec<Item> {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    match say {
        Say::Normal => normalize(text),
        Say::Characters => text
            .chars()
            .filter_map(|c| {
                if c.is_ascii_alphabetic() {
                    Some(vec![Item::Letter(c.to_ascii_uppercase())])
                } else if c.is_ascii_digit() {
                    Some(words(numbers::digits(&c.to_string())))
                } else {
                    None
                }
            })
            .flatten()
            .collect(),
        Say::Cardinal if !digits.is_empty() => {
            let mut out = Vec::new();
            if text.trim_start().starts_with('-') {
                out.push(Item::Word("minus".into()));
            }
            out.extend(words(numbers::cardinal(&digits)));
            out
        }
        Say::Ordinal if !digits.is_empty() => words(numbers::ordinal(&digits)),
        Say::Digits => words(numbers::digits(&digits)),
        Say::Telephone => {
            let mut out = Vec::new();
            for g in text
                .split(|c: char| !c.is_ascii_digit())
                .filter(|g| !g.is_empty())
            {
                if !out.is_empty() {
                    out.push(Item::Pause(','));
                }
                out.extend(words(numbers::digits(g)));
            }
            out
        }
        Say::Cardinal | Say::Ordinal => normalize(text),
    }
}

/// Parses an SSML document.
pub fn parse(src: &str, opts: Options) -> Result<Document, SsmlError> {
    let events = xml::parse(src)?;
    let err = |at: usize, message: String| {
        let (line, column) = xml::line_col(src, at);
        SsmlError {
            line,
            column,
            message,
        }
    };
    let mut b = Builder {
        doc: Document::default(),
        items: Vec::new(),
        rate: 1.0,
        marks: Vec::new(),
    };
    let mut stack: Vec<Frame> = Vec::new();
    for ev in events {
        match ev {
            xml::Event::Start { name, attrs, at } => {
                let parent = stack.last().cloned().unwrap_or(Frame {
                    name: String::new(),
                    rate: 1.0,
                    say: Say::Normal,
                    replaced: false,
                });
                if stack.is_empty() && name != "speak" {
                    return Err(err(
                        at,
                        format!("the root element must be <speak>, not <{name}>"),
                    ));
                }
                let mut frame = Frame {
                    name: name.clone(),
                    ..parent.clone()
                };
                let need = |key: &str| {
                    attr(&attrs, key)
                        .ok_or_else(|| err(at, format!("<{name}> needs a {key} attribute")))
                };
                match name.as_str() {
                    "speak" if stack.is_empty() => {}
                    "speak" => return Err(err(at, "<speak> inside <speak>".into())),
                    "p" | "s" => b.flush(),
                    "break" => {
                        let ms = match (attr(&attrs, "time"), attr(&attrs, "strength")) {
                            (Some(t), _) => parse_time(t).ok_or_else(|| {
                                err(at, format!("break time {t:?} is not like 300ms or 1.5s"))
                            })?,
                            (None, Some(s)) => STRENGTHS
                                .iter()
                                .find(|(k, _)| *k == s)
                                .map(|(_, v)| *v)
                                .ok_or_else(|| err(at, format!("unknown break strength {s:?}")))?,
                            (None, None) => 400,
                        };
                        b.flush_all();
                        b.doc.segments.push(Segment::Break { ms });
                    }
                    "mark" => {
                        let n = need("name")?.to_string();
                        b.mark(n);
                    }
                    "say-as" => {
                        let kind = need("interpret-as")?;
                        frame.say = match kind {
                            "characters" | "spell-out" | "verbatim" => Say::Characters,
                            "cardinal" | "number" => Say::Cardinal,
                            "ordinal" => Say::Ordinal,
                            "digits" => Say::Digits,
                            "telephone" => Say::Telephone,
                            "date" | "time" => Say::Normal,
                            other => {
                                return Err(err(
                                    at,
                                    format!("unsupported say-as interpret-as {other:?}"),
                                ))
                            }
                        };
                    }
                    "sub" => {
                        let alias = need("alias")?;
                        b.push_items(say_as(alias, &parent.say));
                        frame.replaced = true;
                    }
                    "phoneme" => {
                        let ph = need("ph")?;
                        let alphabet = attr(&attrs, "alphabet").unwrap_or("ipa");
                        if alphabet != "ipa" {
                            return Err(err(
                                at,
                                format!("phoneme alphabet {alphabet:?} is not supported (use ipa)"),
                            ));
                        }
                        let items: Vec<Item> = ph
                            .split_whitespace()
                            .map(crate::phoneset::clean_ipa)
                            .filter(|p| !p.is_empty())
                            .map(Item::Ipa)
                            .collect();
                        if items.is_empty() {
                            return Err(err(at, format!("phoneme ph {ph:?} holds no phonemes")));
                        }
                        b.push_items(items);
                        frame.replaced = true;
                    }
                    "prosody" => {
                        if let Some(r) = attr(&attrs, "rate") {
                            let rel = parse_rate(r).ok_or_else(|| {
                                err(at, format!("prosody rate {r:?} is not understood"))
                            })?;
                            let rate = parent.rate * rel;
                            if !(RATE_RANGE.0..=RATE_RANGE.1).contains(&rate) {
                                return Err(err(
                                    at,
                                    format!(
                                        "prosody rate {r:?} gives {rate:.2}, outside {} to {}",
                                        RATE_RANGE.0, RATE_RANGE.1
                                    ),
                                ));
                            }
                            frame.rate = rate;
                            b.set_rate(rate);
                        }
                    }
                    other if opts.lenient => {
                        let _ = other;
                    }
                    other => return Err(err(at, format!("unsupported element <{other}>"))),
                }
                stack.push(frame);
            }
            xml::Event::End { .. } => {
                let frame = stack.pop();
                if frame.is_some_and(|f| matches!(f.name.as_str(), "p" | "s")) {
                    b.flush();
                }
                let rate = stack.last().map_or(1.0, |f| f.rate);
                b.set_rate(rate);
            }
            xml::Event::Text(t) => {
                let Some(top) = stack.last() else { continue };
                if top.replaced {
                    continue;
                }
                let say = top.say.clone();
                b.push_items(say_as(&t, &say));
            }
        }
    }
    b.flush_all();
    Ok(b.doc)
}

#[cfg(test)]
mod tests;
