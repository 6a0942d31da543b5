//! Text normalization: raw text to spoken words, spelled letters, inline phonemes and pauses.
//!
//! Text is cut into whitespace-separated chunks; each chunk (with its neighbours as context)
//! is read by the first semiotic class that claims it, in the order of [`Expander::expand`].
//! Every class is its own module with its own table of cases; the rules that look at
//! neighbouring words (Street or Saint, a direction after a road number, whether a period ends
//! the sentence) live together in [`context`].

pub(crate) mod abbreviation;
mod address;
mod cardinal;
mod chemical;
pub(crate) mod clean;
pub(crate) mod context;
mod date;
mod decimal;
mod duration;
mod electronic;
mod fraction;
mod math;
mod measure;
mod money;
pub mod numbers;
mod ordinal;
mod range;
mod roman;
pub mod script;
mod serial;
mod span_reader;
mod symbols;
mod telephone;
mod time;
mod version;

use numbers::Part;
pub use script::{dropped_spans, DroppedSpan, Script, SpanScanner};
pub use span_reader::ScanningReader;

/// One spoken item produced by the normalizer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A word to look up (original case kept, ASCII letters and apostrophes).
    Word(String),
    /// A letter read by its name.
    Letter(char),
    /// Phonemes given inline by the user.
    Ipa(String),
    /// Clause punctuation, one of `.,;:!?`.
    Pause(char),
}

/// Opening and closing markers of inline phonemes.
pub const INLINE_OPEN: &str = "[[";
/// Closing marker of inline phonemes.
pub const INLINE_CLOSE: &str = "]]";

/// Longest sub-token recursion (pieces of pieces) a chunk may go through.
const MAX_PIECE_DEPTH: usize = 4;

const LEAD_STRIP: &[char] = &['"', '\'', '(', '[', '{', '¿', '¡'];
const TRAIL_STRIP: &[char] = &['"', '\'', ')', ']', '}', '.', ',', ';', ':', '!', '?'];

/// A whitespace-separated piece of text: leading brackets/quotes, core, trailing punctuation.
#[derive(Debug, Clone, Default)]
struct Chunk {
    lead: String,
    core: String,
    trail: String,
}

impl Chunk {
    fn capitalized(&self) -> bool {
        self.core
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_uppercase())
    }

    fn starts_with_digit(&self) -> bool {
        self.core.chars().next().is_some_and(|c| c.is_ascii_digit())
    }

    fn piece(core: &str) -> Chunk {
        Chunk {
            core: core.to_string(),
            ..Chunk::default()
        }
    }
}

/// Splits `AM-8`/`p.m.–4` (a time marker glued to the next range end) into three words; a
/// dotted marker loses its last period, which is no sentence end.
fn split_marker_dash(w: &str) -> Vec<&str> {
    for marker in ["AM", "PM", "am", "pm", "a.m.", "p.m."] {
        if let Some(rest) = w.strip_prefix(marker) {
            if let Some(dash) = rest.chars().next().filter(|c| matches!(c, '-' | '–')) {
                let after = &rest[dash.len_utf8()..];
                if after.starts_with(|c: char| c.is_ascii_digit()) {
                    return vec![marker.trim_end_matches('.'), "–", after];
                }
            }
        }
    }
    vec![w]
}

/// Splits `~25°F` (about, then a quantity) into the tilde and the quantity.
fn split_tilde(w: &str) -> Vec<&str> {
    match w.strip_prefix('~') {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit() || c == '$') => vec!["~", rest],
        _ => vec![w],
    }
}

/// Whether `s` reads as a station or place name piece: a capitalized word of two or more
/// letters (`Bryant`, `St`, `Sq.`) or an ordinal (`42nd`).
fn name_piece(s: &str) -> bool {
    let s = s.strip_suffix('.').unwrap_or(s);
    let word = s.len() >= 2
        && s.starts_with(|c: char| c.is_ascii_uppercase())
        && s.chars().all(|c| c.is_ascii_alphabetic())
        && s.chars().any(|c| c.is_ascii_lowercase());
    word || ordinal_piece(s)
}

fn ordinal_piece(s: &str) -> bool {
    let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    numbers::is_digits(digits) && matches!(&s[digits.len()..], "st" | "nd" | "rd" | "th")
}

/// Splits `St–Bryant` (two place names joined by a dash: `42nd St–Bryant Park`) into the names
/// and a lone dash, read as a pause, not "to". Days and months (`Mon–Fri`) stay ranges; with a
/// hyphen one side must be an ordinal or a street type (`Winston-Salem` stays one name).
fn split_name_dash(w: &str) -> Vec<&str> {
    let Some((cut, dash)) = w.char_indices().find(|&(_, c)| matches!(c, '–' | '-')) else {
        return vec![w];
    };
    let (l, r) = (&w[..cut], &w[cut + dash.len_utf8()..]);
    let bare = |s: &str| s.trim_end_matches(TRAIL_STRIP).to_string();
    let (lb, rb) = (l.trim_start_matches(LEAD_STRIP), bare(r));
    if !name_piece(lb) || !name_piece(&rb) || r.contains(['–', '-']) {
        return vec![w];
    }
    let calendar = |s: &str| {
        let s = s.trim_end_matches('.');
        abbreviation::day(s).is_some() || abbreviation::month(s).is_some()
    };
    if calendar(lb) || calendar(&rb) {
        return vec![w];
    }
    let street = |s: &str| {
        context::STREET_TYPES
            .iter()
            .any(|(t, _)| *t == s.trim_end_matches('.'))
    };
    let strong = ordinal_piece(lb) || ordinal_piece(&rb) || street(lb) || street(&rb);
    if dash == '-' && !strong {
        return vec![w];
    }
    vec![l, "–", r]
}

fn chunks(text: &str) -> Vec<Chunk> {
    text.split_whitespace()
        .flat_map(split_name_dash)
        .flat_map(split_tilde)
        .flat_map(split_marker_dash)
        .map(|w| {
            let core_start = w.trim_start_matches(LEAD_STRIP);
            let core = core_start.trim_end_matches(TRAIL_STRIP);
            Chunk {
                lead: w[..w.len() - core_start.len()].to_string(),
                core: core.to_string(),
                trail: core_start[core.len()..].to_string(),
            }
        })
        .collect()
}

/// The strongest pause among punctuation characters, if any.
fn pause_of(punct: &str) -> Option<char> {
    "?!.;:,".chars().find(|&p| punct.contains(p))
}

/// Normalizes text into spoken items; `[[ ... ]]` spans pass through as phonemes.
pub fn normalize(text: &str) -> Vec<Item> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(INLINE_OPEN) {
        let body = &rest[start + INLINE_OPEN.len()..];
        let Some(len) = body.find(INLINE_CLOSE) else {
            break;
        };
        normalize_plain(&rest[..start], &mut out);
        for w in body[..len].split_whitespace() {
            let ipa = crate::phoneset::clean_ipa(w);
            if !ipa.is_empty() {
                out.push(Item::Ipa(ipa));
            }
            if let Some(p) = pause_of(w) {
                out.push(Item::Pause(p));
            }
        }
        rest = &body[len + INLINE_CLOSE.len()..];
    }
    normalize_plain(rest, &mut out);
    out
}

/// The spoken form of items as one line: words as written, letters as capitals, inline
/// phonemes as `[[…]]`, pauses attached to the word before them.
pub fn spoken(items: &[Item]) -> String {
    let mut out = String::new();
    for item in items {
        match item {
            Item::Pause(p) => {
                if !out.is_empty() && !out.ends_with(|c: char| "?!.;:,".contains(c)) {
                    out.push(*p);
                }
                continue;
            }
            _ if out.is_empty() => {}
            _ => out.push(' '),
        }
        match item {
            Item::Word(w) => out.push_str(w),
            Item::Letter(c) => out.push(*c),
            Item::Ipa(s) => {
                out.push_str(INLINE_OPEN);
                out.push_str(s);
                out.push_str(INLINE_CLOSE);
            }
            Item::Pause(_) => {}
        }
    }
    out
}

fn normalize_plain(text: &str, out: &mut Vec<Item>) {
    let cs = chunks(&clean::clean(text));
    run(&cs, out, 0);
}

fn run(cs: &[Chunk], out: &mut Vec<Item>, depth: usize) {
    let mut i = 0;
    while i < cs.len() {
        let mut e = Expander {
            cs,
            i,
            out,
            consumed: 1,
            absorb: false,
            depth,
        };
        e.expand();
        let (consumed, absorb) = (e.consumed.max(1), e.absorb);
        let last = &cs[(i + consumed - 1).min(cs.len() - 1)];
        let trail = if absorb {
            last.trail.replacen('.', "", 1)
        } else {
            last.trail.clone()
        };
        if let Some(p) = pause_of(&trail) {
            out.push(Item::Pause(p));
        }
        i += consumed;
    }
}

/// Reads chunk `i` of `cs` (and possibly the chunks after it) into `out`.
struct Expander<'a, 'o> {
    cs: &'a [Chunk],
    i: usize,
    out: &'o mut Vec<Item>,
    /// Chunks read by this expansion (at least 1).
    consumed: usize,
    /// Whether the period of the last consumed chunk belongs to an abbreviation.
    absorb: bool,
    depth: usize,
}

impl<'a> Expander<'a, '_> {
    fn chunk(&self, offset: usize) -> Option<&'a Chunk> {
        self.cs.get(self.i + offset)
    }

    fn cur(&self) -> &'a Chunk {
        &self.cs[self.i]
    }

    fn prev(&self) -> Option<&'a Chunk> {
        self.prev_n(1)
    }

    fn prev_n(&self, n: usize) -> Option<&'a Chunk> {
        self.i.checked_sub(n).and_then(|j| self.cs.get(j))
    }

    /// Whether nothing (no punctuation) separates this chunk from the next one.
    fn joined(&self) -> bool {
        self.cur().trail.is_empty() && self.chunk(1).is_some_and(|c| c.lead.is_empty())
    }

    fn word(&mut self, w: &str) {
        for part in w.split(' ') {
            if !part.is_empty() {
                self.out.push(Item::Word(part.to_string()));
            }
        }
    }

    fn parts(&mut self, parts: Vec<Part>) {
        for p in parts {
            match p {
                Part::Word(w) => self.word(w),
                Part::Pause => self.out.push(Item::Pause(',')),
            }
        }
    }

    fn letters(&mut self, s: &str) {
        self.out.extend(
            s.chars()
                .filter(char::is_ascii_alphabetic)
                .map(|c| Item::Letter(c.to_ascii_uppercase())),
        );
    }

    fn pause(&mut self) {
        self.out.push(Item::Pause(','));
    }

    fn dotted(&self) -> bool {
        self.cur().trail.starts_with('.')
    }

    /// Reads `core` as a chunk of its own (no neighbours), e.g. one side of a range.
    fn piece(&mut self, core: &str) {
        if self.depth >= MAX_PIECE_DEPTH {
            self.letters(core);
            return;
        }
        let cs = [Chunk::piece(core)];
        let mut sub = Vec::new();
        run(&cs, &mut sub, self.depth + 1);
        self.out.extend(sub);
    }

    /// Absorbs the last consumed chunk's period into an abbreviation unless it plausibly ends
    /// the sentence (see [`context::period_continues`]); `title` abbreviations always absorb it.
    fn absorb_period(&mut self, title: bool) {
        let last = &self.cs[self.i + self.consumed - 1];
        if !last.trail.starts_with('.') {
            return;
        }
        let next = self.cs.get(self.i + self.consumed);
        self.absorb = title
            || last.trail[1..].contains([',', ';', ':', '!', '?'])
            || next.is_some_and(|n| {
                let before = (self.i + self.consumed)
                    .checked_sub(2)
                    .and_then(|j| self.cs.get(j));
                let after_number =
                    before.is_some_and(|b| b.trail.is_empty() && b.starts_with_digit());
                context::period_continues(
                    &last.core,
                    &format!("{}{}", n.lead, n.core),
                    after_number,
                )
            });
    }

    fn expand(&mut self) {
        let core = self.cur().core.clone();
        if core.is_empty() {
            return;
        }
        let _ = self.decoration(&core)
            || self.chemical(&core)
            || self.numeric_date(&core)
            || self.month_day(&core)
            || self.slash_direction(&core)
            || self.direction(&core)
            || self.abbreviation(&core)
            || self.whitelist(&core)
            || self.equation(&core)
            || self.telephone(&core)
            || self.weekday(&core)
            || self.zone(&core)
            || self.state(&core)
            || self.lone_unit(&core)
            || self.road_code(&core)
            || self.dash_between(&core)
            || self.arrow(&core)
            || self.letter_range(&core)
            || self.roman(&core)
            || self.version(&core)
            || self.digit_code(&core)
            || self.address(&core)
            || self.compact_duration(&core)
            || self.range(&core)
            || self.numeric(&core)
            || self.compound(&core)
            || self.electronic(&core)
            || {
                self.serial(&core, false);
                if core.len() == 1 {
                    self.absorb_period(false);
                }
                true
            };
    }

    /// A chunk of mixed decoration symbols (`=-=-=-=`, `*~*~*`, `<<>>`): left unread.
    fn decoration(&mut self, core: &str) -> bool {
        core.chars().count() >= clean::MIN_DECORATION_RUN
            && core.chars().all(|c| "#*=~_-+^|<>".contains(c))
    }

    /// Hyphenated compounds with a word in them (`3rd-floor`, `5-minute`, `well-known`): each
    /// piece read on its own; a number and a unit are an adjective (`10-min` → "ten minute").
    fn compound(&mut self, core: &str) -> bool {
        if !core.contains('-') || core.contains(['@', '/']) {
            return false;
        }
        let pieces: Vec<&str> = core.split('-').collect();
        let has_word = pieces
            .iter()
            .any(|p| p.len() >= 2 && p.chars().all(|c| c.is_ascii_alphabetic()));
        let all_ok = pieces
            .iter()
            .all(|p| !p.is_empty() && p.chars().any(|c| c.is_ascii_alphanumeric()));
        if !(has_word && all_ok && pieces.len() > 1) {
            return false;
        }
        if let [n, u] = pieces[..] {
            if let Some((one, _)) = numbers::is_digits(n)
                .then(|| measure::unit(u, true))
                .flatten()
            {
                self.parts(numbers::cardinal(n));
                self.word(one);
                return true;
            }
        }
        for p in pieces {
            self.piece(p);
        }
        true
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! The table-test helper shared by the class modules.

    use super::*;

    /// Items rendered as lowercase words, capital letters, `[ipa]` and pause characters.
    pub fn render(text: &str) -> String {
        normalize(text)
            .iter()
            .map(|i| match i {
                Item::Word(w) => w.to_ascii_lowercase(),
                Item::Letter(c) => c.to_string(),
                Item::Ipa(s) => format!("[{s}]"),
                Item::Pause(p) => p.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Asserts every (written, rendered) pair, listing all failures at once.
    pub fn check(cases: &[(&str, &str)]) {
        let failures: Vec<String> = cases
            .iter()
            .filter_map(|(input, want)| {
                let got = render(input);
                (got != *want).then(|| format!("{input:?}: got {got:?}, want {want:?}"))
            })
            .collect();
        assert!(
            failures.is_empty(),
            "{} failures:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}

#[cfg(test)]
mod tests;
