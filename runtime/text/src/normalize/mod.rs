//! Text normalization: raw text to spoken words, spelled letters, inline phonemes and pauses.

pub(crate) mod abbrev;
mod clean;
pub mod numbers;
mod units;

use numbers::Part;

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

const LEAD_STRIP: &[char] = &['"', '\'', '(', '[', '{', '¿', '¡'];
const TRAIL_STRIP: &[char] = &['"', '\'', ')', ']', '}', '.', ',', ';', ':', '!', '?'];

/// Words before a number that make 3–4 digit numbers read as identifiers (`room 214`).
const NOMINAL_CONTEXT: [&str; 9] = [
    "room",
    "suite",
    "flight",
    "route",
    "highway",
    "interstate",
    "channel",
    "apartment",
    "apt",
];

/// Street-type words after an address number.
const STREET_WORDS: [&str; 18] = [
    "St",
    "Street",
    "Ave",
    "Avenue",
    "Rd",
    "Road",
    "Blvd",
    "Boulevard",
    "Dr",
    "Drive",
    "Ln",
    "Lane",
    "Way",
    "Ct",
    "Court",
    "Pl",
    "Place",
    "Hwy",
];

#[derive(Debug, Clone)]
struct Chunk {
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
}

fn chunks(text: &str) -> Vec<Chunk> {
    text.split_whitespace()
        .map(|w| {
            let w = w.trim_start_matches(LEAD_STRIP);
            let core = w.trim_end_matches(TRAIL_STRIP);
            Chunk {
                core: core.to_string(),
                trail: w[core.len()..].to_string(),
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

fn normalize_plain(text: &str, out: &mut Vec<Item>) {
    let cs = chunks(&clean::clean(text));
    let mut i = 0;
    while i < cs.len() {
        let mut e = Expander {
            cs: &cs,
            i,
            out,
            consumed: 1,
            absorb: false,
        };
        e.expand();
        let (consumed, absorb) = (e.consumed, e.absorb);
        let last = &cs[i + consumed - 1];
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

/// A parsed number: sign, integer digits (grouping commas removed), fraction digits, remainder.
#[derive(Debug)]
struct Num<'a> {
    neg: bool,
    grouped: bool,
    int: String,
    frac: Option<&'a str>,
    rest: &'a str,
}

fn parse_num(s: &str) -> Option<Num<'_>> {
    let (neg, body) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let b = body.as_bytes();
    let mut int = String::new();
    let mut grouped = false;
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            int.push(char::from(b[i]));
            i += 1;
        } else if b[i] == b','
            && !int.is_empty()
            && b.len() >= i + 4
            && b[i + 1..i + 4].iter().all(u8::is_ascii_digit)
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
        {
            grouped = true;
            i += 1;
        } else {
            break;
        }
    }
    let mut frac = None;
    if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        let start = i + 1;
        let mut end = start;
        while b.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
        }
        frac = Some(&body[start..end]);
        i = end;
    }
    if int.is_empty() && frac.is_none() {
        return None;
    }
    Some(Num {
        neg,
        grouped,
        int,
        frac,
        rest: &body[i..],
    })
}

fn is_ampm(s: &str) -> Option<[char; 2]> {
    match s.to_ascii_lowercase().as_str() {
        "am" | "a.m" | "a.m." => Some(['a', 'm']),
        "pm" | "p.m" | "p.m." => Some(['p', 'm']),
        _ => None,
    }
}

fn is_singular(n: &Num) -> bool {
    n.int == "1" && n.frac.is_none()
}

struct Expander<'a, 'o> {
    cs: &'a [Chunk],
    i: usize,
    out: &'o mut Vec<Item>,
    consumed: usize,
    absorb: bool,
}

impl<'a> Expander<'a, '_> {
    fn chunk(&self, offset: usize) -> Option<&'a Chunk> {
        self.cs.get(self.i + offset)
    }

    fn prev(&self) -> Option<&'a Chunk> {
        self.i.checked_sub(1).and_then(|j| self.cs.get(j))
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

    fn dotted(&self) -> bool {
        self.cs[self.i].trail.starts_with('.')
    }

    /// Absorbs the chunk's period into an abbreviation unless it plausibly ends the sentence.
    fn absorb_period(&mut self, title: bool) {
        let last = &self.cs[self.i + self.consumed - 1];
        if !last.trail.starts_with('.') {
            return;
        }
        let next = self.cs.get(self.i + self.consumed);
        self.absorb = title
            || last.trail[1..].contains([',', ';', ':', '!', '?'])
            || next.is_some_and(|n| {
                n.core
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            });
    }

    fn expand(&mut self) {
        let core = self.cs[self.i].core.clone();
        if core.is_empty() {
            return;
        }
        if self.abbreviation(&core)
            || self.month_day(&core)
            || self.address(&core)
            || self.number_like(&core)
        {
            return;
        }
        self.generic(&core);
    }

    fn abbreviation(&mut self, core: &str) -> bool {
        let dotted = self.dotted();
        let next_cap = self.chunk(1).is_some_and(Chunk::capitalized);
        let next_digit = self
            .chunk(1)
            .and_then(|c| c.core.chars().next())
            .is_some_and(|c| c.is_ascii_digit() || c == '#');
        let prev_name = self.prev().is_some_and(|p| {
            p.trail.is_empty() && (p.capitalized() || numbers::is_digits(&p.core))
        });
        let (text, title) = match core {
            "St" | "ST" if prev_name => ("street", false),
            "St" | "ST" => ("saint", true),
            "Dr" | "DR" if prev_name && !next_cap => ("drive", false),
            "Dr" | "DR" => ("doctor", true),
            "No" | "no" | "Nr" | "nr" if dotted && next_digit => ("number", true),
            _ => match abbrev::expand(core, dotted) {
                Some(t) => (t, abbrev::TITLES.contains(&core)),
                None => return self.dotted_letters(core),
            },
        };
        self.word(text);
        self.absorb_period(title);
        true
    }

    fn dotted_letters(&mut self, core: &str) -> bool {
        if !core.contains('.') {
            return false;
        }
        let parts: Vec<&str> = core.split('.').collect();
        if !parts
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()))
        {
            return false;
        }
        match abbrev::dotted_phrase(core) {
            Some(p) => self.word(p),
            None => self.letters(core),
        }
        self.absorb_period(false);
        true
    }

    fn month_day(&mut self, core: &str) -> bool {
        let Some(m) = abbrev::month(core) else {
            return false;
        };
        let Some(next) = self.chunk(1) else {
            return false;
        };
        let day = next
            .core
            .trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &next.core[day.len()..];
        let valid_suffix = matches!(
            suffix.to_ascii_lowercase().as_str(),
            "" | "st" | "nd" | "rd" | "th"
        );
        let cur_trail_ok = self.cs[self.i].trail.is_empty() || self.cs[self.i].trail == ".";
        if !(numbers::is_digits(day) && day.len() <= 2 && valid_suffix && cur_trail_ok) {
            return false;
        }
        let d: usize = day.parse().unwrap_or(0);
        if !(1..=31).contains(&d) {
            return false;
        }
        let day = day.to_string();
        self.word(abbrev::MONTHS[m - 1]);
        self.parts(numbers::ordinal(&day));
        self.consumed = 2;
        true
    }

    fn address(&mut self, core: &str) -> bool {
        if !numbers::is_digits(core) || !(3..=4).contains(&core.len()) || core.starts_with('0') {
            return false;
        }
        let prev_nominal = self.prev().is_some_and(|p| {
            let w = p.core.to_ascii_lowercase();
            NOMINAL_CONTEXT.contains(&w.as_str()) && p.trail.is_empty()
        });
        let street = self.cs[self.i].trail.is_empty()
            && self.chunk(1).is_some_and(Chunk::capitalized)
            && (1..=3).any(|k| {
                self.chunk(k + 1)
                    .is_some_and(|c| STREET_WORDS.contains(&c.core.as_str()))
                    && (1..=k).all(|j| self.chunk(j).is_some_and(|c| c.trail.is_empty()))
            });
        if !(prev_nominal || street) {
            return false;
        }
        self.parts(numbers::nominal(core));
        true
    }

    fn number_like(&mut self, core: &str) -> bool {
        let first = core.chars().next().unwrap_or(' ');
        if let Some((major, minor)) = units::currency(first) {
            return self.currency(&core[first.len_utf8()..], major, minor);
        }
        if first == '#' && core[1..].bytes().all(|b| b.is_ascii_digit()) && core.len() > 1 {
            self.word("number");
            self.parts(numbers::cardinal(&core[1..]));
            return true;
        }
        let Some(num) = parse_num(core) else {
            return false;
        };
        let rest = num.rest;
        if rest.is_empty() {
            return self.plain_number(&num);
        }
        if let Some(c) = rest.chars().next().filter(|&c| rest.len() == c.len_utf8()) {
            if let Some((major, minor)) = units::currency(c) {
                return self.currency(&core[..core.len() - rest.len()], major, minor);
            }
        }
        if num.frac.is_none() && !num.neg {
            match rest.to_ascii_lowercase().as_str() {
                "st" | "nd" | "rd" | "th" => {
                    self.parts(numbers::ordinal(&num.int));
                    return true;
                }
                "s" | "'s" if num.int.len() == 4 || num.int.len() == 2 => {
                    let words = if num.int.len() == 4 {
                        numbers::year(&num.int)
                    } else {
                        numbers::cardinal(&num.int)
                    };
                    self.parts(numbers::plural(words));
                    return true;
                }
                _ => {}
            }
            if let Some(ampm) = is_ampm(rest) {
                return self.time(&num.int, None, Some(ampm));
            }
            if let Some(mm) = rest.strip_prefix(':') {
                return self.clock(&num.int, mm);
            }
            if let Some(r) = rest.strip_prefix(['-', '–']) {
                if self.dashed(&num.int, r) {
                    return true;
                }
            }
            if let Some(r) = rest.strip_prefix('/') {
                if self.slashed(&num.int, r) {
                    return true;
                }
            }
        }
        if let Some(u) = units::unit(rest, true) {
            self.number(&num);
            self.unit(u, &num);
            return true;
        }
        false
    }

    fn number(&mut self, num: &Num) {
        if num.neg {
            self.word("minus");
        }
        match num.frac {
            Some(f) => self.parts(numbers::decimal(&num.int, f)),
            None if num.int.len() > 1 && num.int.starts_with('0') => {
                self.parts(numbers::digits(&num.int))
            }
            None => self.parts(numbers::cardinal(&num.int)),
        }
    }

    fn unit(&mut self, (one, many): units::Unit, num: &Num) {
        self.word(if is_singular(num) { one } else { many });
    }

    fn plain_number(&mut self, num: &Num) -> bool {
        let trail_empty = self.cs[self.i].trail.is_empty();
        if trail_empty {
            if let Some(next) = self.chunk(1) {
                if let Some(u) = units::unit(&next.core, false) {
                    self.number(num);
                    self.unit(u, num);
                    self.consumed = 2;
                    if next.core == "min" || next.core == "hrs" {
                        self.absorb_period(false);
                    }
                    return true;
                }
                if !num.neg && num.frac.is_none() {
                    if let Some(ampm) = is_ampm(&next.core) {
                        let int = num.int.clone();
                        self.consumed = 2;
                        return self.time(&int, None, Some(ampm));
                    }
                }
            }
        }
        if !num.neg && !num.grouped && num.frac.is_none() && numbers::is_year(&num.int) {
            self.parts(numbers::year(&num.int));
            return true;
        }
        self.number(num);
        true
    }

    fn currency(&mut self, amount: &str, major: units::Unit, minor: units::Unit) -> bool {
        let Some(num) = parse_num(amount) else {
            self.word(major.1);
            return true;
        };
        let scale = units::scale(num.rest).or_else(|| {
            self.chunk(1)
                .filter(|_| self.cs[self.i].trail.is_empty())
                .and_then(|n| units::scale(&n.core).filter(|s| *s == n.core))
        });
        if !num.rest.is_empty() && units::scale(num.rest).is_none() {
            return false;
        }
        if num.neg {
            self.word("minus");
        }
        if let Some(scale) = scale {
            if num.rest.is_empty() {
                self.consumed = 2;
            }
            self.parts(match num.frac {
                Some(f) => numbers::decimal(&num.int, f),
                None => numbers::cardinal(&num.int),
            });
            self.word(scale);
            self.word(major.1);
            return true;
        }
        let cents = match num.frac {
            Some(f) if f.len() == 2 => f.trim_start_matches('0').to_string(),
            Some(f) if f.len() == 1 => format!("{f}0"),
            Some(f) => {
                self.parts(numbers::decimal(&num.int, f));
                self.word(major.1);
                return true;
            }
            None => String::new(),
        };
        let dollars = num.int.trim_start_matches('0');
        if !dollars.is_empty() || cents.is_empty() {
            self.parts(numbers::cardinal(if dollars.is_empty() {
                "0"
            } else {
                &num.int
            }));
            self.word(if dollars == "1" { major.0 } else { major.1 });
        }
        if !cents.is_empty() {
            if !dollars.is_empty() {
                self.word("and");
            }
            self.parts(numbers::cardinal(&cents));
            self.word(if cents == "1" { minor.0 } else { minor.1 });
        }
        true
    }

    fn clock(&mut self, h: &str, rest: &str) -> bool {
        let mm: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let after = &rest[mm.len()..];
        let ampm = if after.is_empty() {
            None
        } else {
            match is_ampm(after) {
                Some(a) => Some(a),
                None => return false,
            }
        };
        let hv: usize = h.parse().unwrap_or(99);
        let mv: usize = mm.parse().unwrap_or(99);
        if mm.len() != 2 || hv > 24 || mv > 59 || h.len() > 2 {
            return false;
        }
        let ampm = ampm.or_else(|| {
            let next = self.chunk(1)?;
            let a = is_ampm(&next.core)?;
            self.cs[self.i].trail.is_empty().then_some(a)
        });
        if ampm.is_some() && after.is_empty() {
            self.consumed = 2;
        }
        self.time(h, Some(&mm), ampm)
    }

    fn time(&mut self, h: &str, mm: Option<&str>, ampm: Option<[char; 2]>) -> bool {
        let hv: usize = h.parse().unwrap_or(99);
        if hv > 24 || (ampm.is_some() && hv > 12) {
            return false;
        }
        self.parts(numbers::cardinal(h));
        match mm {
            Some("00") if ampm.is_none() => self.word("o'clock"),
            Some("00") | None => {}
            Some(m) if m.starts_with('0') => {
                self.word("oh");
                self.parts(numbers::cardinal(m));
            }
            Some(m) => self.parts(numbers::cardinal(m)),
        }
        if let Some(l) = ampm {
            self.out
                .extend(l.iter().map(|&c| Item::Letter(c.to_ascii_uppercase())));
            self.absorb_period(false);
        }
        true
    }

    fn dashed(&mut self, first: &str, rest: &str) -> bool {
        let mut groups = vec![first];
        groups.extend(rest.split(['-', '–']));
        if !groups.iter().all(|g| numbers::is_digits(g)) {
            return false;
        }
        let lens: Vec<usize> = groups.iter().map(|g| g.len()).collect();
        if lens == [4, 2, 2] {
            let m: usize = groups[1].parse().unwrap_or(0);
            let d: usize = groups[2].parse().unwrap_or(0);
            if (1..=12).contains(&m) && (1..=31).contains(&d) {
                self.date(m, groups[2], groups[0]);
                return true;
            }
        }
        let phone = groups.len() > 2
            || lens == [3, 4]
            || groups.iter().any(|g| g.len() > 1 && g.starts_with('0'));
        if phone {
            for (k, g) in groups.iter().enumerate() {
                if k > 0 {
                    self.out.push(Item::Pause(','));
                }
                self.parts(numbers::digits(g));
            }
            return true;
        }
        let read = |g: &str| {
            if numbers::is_year(g) {
                numbers::year(g)
            } else {
                numbers::cardinal(g)
            }
        };
        self.parts(read(groups[0]));
        self.word("to");
        self.parts(read(groups[1]));
        true
    }

    fn date(&mut self, month: usize, day: &str, year: &str) {
        self.word(abbrev::MONTHS[month - 1]);
        self.parts(numbers::ordinal(day));
        self.out.push(Item::Pause(','));
        self.parts(numbers::year(year));
    }

    fn slashed(&mut self, num: &str, rest: &str) -> bool {
        let groups: Vec<&str> = rest.split('/').collect();
        if !groups.iter().all(|g| numbers::is_digits(g)) {
            return false;
        }
        match groups.as_slice() {
            [den] => {
                let (n, d): (usize, usize) = (num.parse().unwrap_or(0), den.parse().unwrap_or(0));
                match numbers::fraction(num, den).filter(|_| n < d) {
                    Some(p) => self.parts(p),
                    None => {
                        self.parts(numbers::cardinal(num));
                        self.word("over");
                        self.parts(numbers::cardinal(den));
                    }
                }
                true
            }
            [day, year] => {
                let m: usize = num.parse().unwrap_or(0);
                let d: usize = day.parse().unwrap_or(0);
                if !(1..=12).contains(&m) || !(1..=31).contains(&d) || ![2, 4].contains(&year.len())
                {
                    return false;
                }
                let year = if year.len() == 2 {
                    format!("20{year}")
                } else {
                    year.to_string()
                };
                self.date(m, day, &year);
                true
            }
            _ => false,
        }
    }

    fn generic(&mut self, core: &str) {
        let special = core.contains('@') || core.starts_with("http") || core.starts_with("www.");
        let url_like = special || looks_like_domain(core);
        let body = if url_like {
            ["https://", "http://"]
                .iter()
                .find_map(|p| core.strip_prefix(p))
                .unwrap_or(core)
        } else {
            core
        };
        let chars: Vec<char> = body.chars().collect();
        let mut k = 0;
        while k < chars.len() {
            let c = chars[k];
            if c.is_ascii_alphabetic() {
                let start = k;
                while k < chars.len()
                    && (chars[k].is_ascii_alphabetic()
                        || (chars[k] == '\''
                            && chars.get(k + 1).is_some_and(char::is_ascii_alphabetic)))
                {
                    k += 1;
                }
                let run: String = chars[start..k].iter().collect();
                let touches_digit = (start > 0 && chars[start - 1].is_ascii_digit())
                    || chars.get(k).is_some_and(char::is_ascii_digit);
                self.letter_run(&run, touches_digit, url_like);
            } else if c.is_ascii_digit() {
                let start = k;
                while k < chars.len()
                    && (chars[k].is_ascii_digit()
                        || (matches!(chars[k], '.' | ',')
                            && !url_like
                            && chars.get(k + 1).is_some_and(char::is_ascii_digit)
                            && chars
                                .get(k.wrapping_sub(1))
                                .is_some_and(char::is_ascii_digit)))
                {
                    k += 1;
                }
                let run: String = chars[start..k].iter().collect();
                let in_code = start > 0 && chars[start - 1].is_ascii_alphabetic()
                    || chars.get(k).is_some_and(char::is_ascii_alphabetic);
                self.digit_run(&run, in_code || url_like);
            } else {
                let prev_alnum = k > 0 && chars[k - 1].is_ascii_alphanumeric();
                let next = chars.get(k + 1).copied();
                let next_alnum = next.is_some_and(|n| n.is_ascii_alphanumeric());
                self.symbol(c, prev_alnum && next_alnum, next, url_like);
                k += 1;
            }
        }
    }

    fn letter_run(&mut self, run: &str, touches_digit: bool, url_like: bool) {
        let upper = run.chars().all(|c| c.is_ascii_uppercase());
        let single = run.len() == 1;
        if (touches_digit && (upper || run.len() <= 2)) || (url_like && run == "www") {
            self.letters(run);
        } else if run == "A" && self.a_is_letter() {
            self.out.push(Item::Letter('A'));
        } else if single && run != "a" && run != "I" && run != "A" {
            self.letters(run);
        } else {
            self.out.push(Item::Word(run.to_string()));
        }
    }

    fn a_is_letter(&self) -> bool {
        let cur = &self.cs[self.i];
        let next_plain = self
            .chunk(1)
            .and_then(|c| c.core.chars().next())
            .is_some_and(|c| c.is_ascii_lowercase());
        let prev_cap = self
            .prev()
            .is_some_and(|p| p.capitalized() && p.trail.is_empty());
        cur.core.len() == 1
            && (!cur.trail.is_empty() || self.chunk(1).is_none() || prev_cap || !next_plain)
    }

    fn digit_run(&mut self, run: &str, in_code: bool) {
        if run.contains(',') {
            let clean = run.replace(',', "");
            let valid = !run.contains('.') && run.split(',').skip(1).all(|g| g.len() == 3);
            if valid {
                self.parts(numbers::cardinal(&clean));
            } else {
                for (k, g) in run.split(',').enumerate() {
                    if k > 0 {
                        self.out.push(Item::Pause(','));
                    }
                    self.digit_run(g, in_code);
                }
            }
            return;
        }
        let groups: Vec<&str> = run.split('.').collect();
        if groups.len() == 2 {
            self.parts(numbers::decimal(groups[0], groups[1]));
            return;
        }
        for (k, g) in groups.iter().enumerate() {
            if k > 0 {
                self.word("dot");
            }
            let parts = if in_code && g.len() > 4 || g.len() > 1 && g.starts_with('0') {
                numbers::digits(g)
            } else if in_code {
                numbers::nominal(g)
            } else {
                numbers::cardinal(g)
            };
            self.parts(parts);
        }
    }

    fn symbol(&mut self, c: char, between: bool, next: Option<char>, url_like: bool) {
        let before_digit = next.is_some_and(|n| n.is_ascii_digit());
        match c {
            '.' if url_like && between => self.word("dot"),
            '-' if url_like && between => self.word("dash"),
            '/' if url_like => self.word("slash"),
            ':' if url_like => {}
            '–' if between => self.word("to"),
            '-' | '–' | '—' | '\'' | '"' | '(' | ')' | '[' | ']' | '{' | '}' => {
                if !between && matches!(c, '—' | '–') {
                    self.out.push(Item::Pause(','));
                }
            }
            '/' if between => {}
            '.' | ',' | ';' | ':' | '!' | '?' => {
                if next.is_some() {
                    self.out
                        .push(Item::Pause(if c == '.' && !between { '.' } else { ',' }));
                }
            }
            c => {
                if let Some(w) = abbrev::symbol(c, before_digit) {
                    self.word(w);
                }
            }
        }
    }
}

fn looks_like_domain(core: &str) -> bool {
    const TLDS: [&str; 12] = [
        ".com", ".org", ".net", ".io", ".edu", ".gov", ".co", ".uk", ".dev", ".app", ".ai", ".us",
    ];
    let lower = core.to_ascii_lowercase();
    let host = lower.split('/').next().unwrap_or("");
    TLDS.iter()
        .any(|t| host.ends_with(t) && host.len() > t.len())
}

#[cfg(test)]
mod tests;
