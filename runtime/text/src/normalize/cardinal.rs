//! Cardinal numbers and the dispatch of every token that starts like a number (`-5`, `1,284`,
//! `$3`, `#127`, `23B`) to its class.

use super::numbers;
use super::{measure, money, time, Expander};

/// Numbers before a capital `K` that name a display resolution or a race (`4K`, `8K`, `10K`),
/// read "four K"; other `K`s are thousands (`20K`).
const DISPLAY_K: [&str; 8] = ["1", "2", "4", "5", "6", "8", "10", "16"];

/// A parsed number: sign, integer digits (grouping commas removed), fraction digits, remainder.
#[derive(Debug)]
pub(super) struct Num<'a> {
    pub neg: bool,
    pub grouped: bool,
    pub int: String,
    pub frac: Option<&'a str>,
    pub rest: &'a str,
}

impl Num<'_> {
    /// Whether the number is exactly one (singular units).
    pub fn is_one(&self) -> bool {
        self.int == "1" && self.frac.is_none()
    }

    /// Whether this is a plain non-negative integer.
    pub fn is_plain_int(&self) -> bool {
        !self.neg && self.frac.is_none()
    }
}

/// Parses a leading number of `s`; `None` when `s` does not start with one.
pub(super) fn parse_num(s: &str) -> Option<Num<'_>> {
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

impl Expander<'_, '_> {
    /// Tokens that start with a number, a sign, a currency symbol or `#`.
    pub(super) fn numeric(&mut self, core: &str) -> bool {
        let first = core.chars().next().unwrap_or(' ');
        if let Some((major, minor)) = money::currency(first) {
            return self.money(&core[first.len_utf8()..], major, minor);
        }
        if let Some(((major, minor), amount)) = money::prefixed_dollar(core) {
            return self.money(amount, major, minor);
        }
        if first == '#' && core.len() > 1 && numbers::is_digits(&core[1..]) {
            self.word("number");
            let code = super::context::is_digit_code(&self.cs[..self.i], &core[1..]);
            if core.len() > 5 || core[1..].starts_with('0') || code {
                self.parts(numbers::digits(&core[1..]));
            } else {
                self.parts(numbers::cardinal(&core[1..]));
            }
            return true;
        }
        let code = core.strip_prefix('#').filter(|c| {
            c.starts_with(|ch: char| ch.is_ascii_uppercase())
                && c.contains(|ch: char| ch.is_ascii_digit())
        });
        if let Some(code) = code {
            self.word("number");
            self.piece(code);
            return true;
        }
        if let Some(amount) = core
            .strip_prefix('-')
            .filter(|a| a.starts_with(['$', '£', '€', '¥']))
        {
            self.word("minus");
            return self.numeric(amount);
        }
        let Some(num) = parse_num(core) else {
            return false;
        };
        let rest = num.rest;
        if rest.is_empty() {
            return self.plain_number(&num);
        }
        if let Some(inches) = rest.strip_prefix('\'').filter(|i| numbers::is_digits(i)) {
            return self.feet_inches(&num, Some(inches));
        }
        if let Some(tail) = rest.strip_prefix('¢') {
            return self.cents_sign(&num, tail);
        }
        if let Some(c) = rest.chars().next().filter(|&c| rest.len() == c.len_utf8()) {
            if let Some((major, minor)) = money::currency(c) {
                return self.money(&core[..core.len() - rest.len()], major, minor);
            }
        }
        if num.is_plain_int() && self.joined() && self.day_month(core) {
            return true;
        }
        if num.is_plain_int() && self.ordinal_or_decade(&num) {
            return true;
        }
        if num.is_plain_int() {
            if let Some(ampm) = time::ampm(rest) {
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
        if rest.starts_with(['x', '×']) && self.dimensions(core) {
            return true;
        }
        if let Some(per) = rest.strip_prefix('/').and_then(measure::per_unit_word) {
            self.number(&num);
            self.word("per");
            self.word(per);
            return true;
        }
        if let Some((u, per)) = measure::per_unit(rest) {
            self.number(&num);
            self.unit(u, &num);
            self.word("per");
            self.word(per);
            return true;
        }
        if let Some(u) = measure::unit(rest, true) {
            self.number(&num);
            self.unit(u, &num);
            return true;
        }
        if rest == "K" && num.is_plain_int() && DISPLAY_K.contains(&num.int.as_str()) {
            self.number(&num);
            self.letters("K");
            return true;
        }
        let scale = money::scale(rest)
            .filter(|_| num.frac.is_some() || matches!(rest, "k" | "K" | "bn" | "mn" | "mil"));
        if let Some(scale) = scale {
            self.number(&num);
            self.word(scale);
            return true;
        }
        false
    }

    /// A number standing alone, possibly followed by a unit, am/pm, a fraction or a month.
    fn plain_number(&mut self, num: &Num) -> bool {
        if self.feet_inches(num, None) {
            return true;
        }
        if self.inch_mark() {
            self.number(num);
            self.unit(("inch", "inches"), num);
            return true;
        }
        if let (Some(f), false, true) = (num.frac, num.neg, num.rest.is_empty()) {
            let marker = self
                .chunk(1)
                .filter(|_| self.joined())
                .and_then(|n| time::ampm(&n.core));
            let ok = f.len() == 2 && num.int.len() <= 2 && f < "60";
            if let (Some(m), true) = (marker, ok) {
                let int = num.int.clone();
                self.consumed = 2;
                return self.time(&int, Some(f), Some(m));
            }
        }
        if self.per_hundred(num) || self.price_per_unit(num) {
            return true;
        }
        if self.joined() {
            let next_chunk = self.chunk(1).cloned().unwrap_or_default();
            let next = next_chunk.core.as_str();
            if let Some((u, per)) = measure::per_unit(next) {
                self.consumed = 2;
                self.number(num);
                self.unit(u, num);
                self.word("per");
                self.word(per);
                self.absorb_period(false);
                return true;
            }
            if let Some((u, used)) = measure::unit_at(self.cs, self.i + 1) {
                self.consumed = 1 + used;
                self.number(num);
                self.unit(u, num);
                self.absorb_period(false);
                return true;
            }
            if num.is_plain_int() {
                if let Some(ampm) = time::ampm(next) {
                    let int = num.int.clone();
                    self.consumed = 2;
                    return self.time(&int, None, Some(ampm));
                }
                if self.mixed_fraction(&num.int)
                    || self.day_month(&num.int)
                    || self.year_before_era(&num.int)
                {
                    return true;
                }
            }
        }
        if num.is_plain_int() && !num.grouped && numbers::is_year(&num.int) {
            self.parts(numbers::year(&num.int));
            return true;
        }
        self.number(num);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;

    #[test]
    fn table() {
        check(&[
            ("0", "zero"),
            ("7", "seven"),
            ("12", "twelve"),
            ("40", "forty"),
            ("99", "ninety nine"),
            ("100", "one hundred"),
            ("127", "one hundred twenty seven"),
            ("999", "nine hundred ninety nine"),
            ("10000", "ten thousand"),
            ("12345", "twelve thousand three hundred forty five"),
            ("1,284", "one thousand two hundred eighty four"),
            ("1,000,000", "one million"),
            ("3000000000", "three billion"),
            ("007", "zero zero seven"),
            ("-5", "minus five"),
            ("+3", "three"),
            ("1,2,3", "one , two , three"),
            ("99999999999999999999", "nine nine nine , nine nine nine , nine nine nine , nine nine nine , nine nine nine , nine nine nine , nine nine"),
            ("1921", "nineteen twenty one"),
            ("in 1887", "in eighteen eighty seven"),
            ("2000", "two thousand"),
            ("2005", "two thousand five"),
            ("2027", "twenty twenty seven"),
            ("1900", "nineteen hundred"),
            ("1905", "nineteen oh five"),
            ("3000", "three thousand"),
            ("1050", "one thousand fifty"),
            ("#127", "number one hundred twenty seven"),
            ("-$12.50", "minus twelve dollars and fifty cents"),
            ("5k", "five thousand"),
            ("a 4K TV", "a four K tv"),
            ("in 8K", "in eight K"),
            ("20K miles", "twenty thousand miles"),
            ("1080p", "ten eighty P"),
            ("720p", "seven twenty P"),
            ("2160p", "twenty one sixty P"),
            ("2M", "two M"),
            ("2.5M", "two point five million"),
            ("1.2B", "one point two billion"),
            ("ticket #90412", "ticket number nine zero four one two"),
            ("permit #B-2281", "permit number B twenty two eighty one"),
            ("register #07", "register number zero seven"),
            ("door code: #4471", "door code : number four four seven one"),
        ]);
    }
}
