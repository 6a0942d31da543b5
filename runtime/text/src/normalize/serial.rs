//! Serial numbers and codes: runs of letters and digits (`BA287`, `23B`, `COVID19`, `mp3`),
//! and the fallback reading of any other token.

use super::numbers;
use super::symbols::Neighbours;
use super::{Expander, Item};

/// Longest capital run beside digits spelled letter by letter (`BA287`); longer ones
/// (`SAVE20`) are words for the speller.
const MAX_SPELLED_CODE: usize = 3;

/// Nouns after which a lone `A` names a letter (`group A may board`, `press button A`).
const LETTER_NAMING_NOUNS: [&str; 40] = [
    "group",
    "gate",
    "lot",
    "zone",
    "row",
    "section",
    "door",
    "terminal",
    "plan",
    "option",
    "level",
    "type",
    "class",
    "vitamin",
    "grade",
    "platform",
    "track",
    "building",
    "wing",
    "line",
    "car",
    "seat",
    "button",
    "exit",
    "entrance",
    "concourse",
    "bay",
    "pier",
    "deck",
    "block",
    "tower",
    "hall",
    "ward",
    "counter",
    "window",
    "desk",
    "lane",
    "size",
    "phase",
    "press",
];

impl Expander<'_, '_> {
    /// Letters, digits and symbols of a code (`BA287`, `23B`, `0x1F`) or, with `url_like`,
    /// of an electronic address, each run read by its kind; a run of more than four digits in
    /// a code is read digit by digit (`AB-20417/3`).
    pub(super) fn serial(&mut self, body: &str, url_like: bool) {
        let chars: Vec<char> = body.chars().collect();
        let mixed = chars
            .iter()
            .any(|c| !c.is_ascii_digit() && !matches!(c, '.' | ','));
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
                let country_tld = url_like
                    && run.len() == 2
                    && start > 0
                    && chars[start - 1] == '.'
                    && chars.get(k).is_none_or(|&c| c == '/');
                if country_tld {
                    self.letters(&run);
                } else {
                    let in_code = run.len() < chars.len() && !url_like;
                    self.letter_run(&run, touches_digit, url_like, in_code);
                }
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
                let long_in_code =
                    run.len() > 4 && run.bytes().all(|b| b.is_ascii_digit()) && mixed;
                let after_letter_dash =
                    start > 1 && chars[start - 1] == '-' && chars[start - 2].is_ascii_alphabetic();
                let in_code = start > 0 && chars[start - 1].is_ascii_alphabetic()
                    || after_letter_dash
                    || chars.get(k).is_some_and(char::is_ascii_alphabetic)
                    || long_in_code;
                if url_like {
                    self.parts(numbers::digits(&run));
                } else {
                    self.digit_run(&run, in_code);
                }
            } else {
                let at = Neighbours {
                    prev: k.checked_sub(1).map(|j| chars[j]),
                    next: chars.get(k + 1).copied(),
                    url_like,
                };
                self.symbol(c, at);
                k += 1;
            }
        }
    }

    /// A number that is a code by its context (`PIN 4821`, `card ending in 8876`, `order
    /// 48213`): digit by digit; dashed digit groups after `no.` or `item` as one code.
    pub(super) fn digit_code(&mut self, core: &str) -> bool {
        let dashed = core.contains('-')
            && core.split('-').all(numbers::is_digits)
            && super::context::is_dashed_code(self.prev());
        if dashed {
            for (k, g) in core.split('-').enumerate() {
                if k > 0 {
                    self.pause();
                }
                self.digit_run(g, true);
            }
            return true;
        }
        if !numbers::is_digits(core) || core.len() < 2 {
            return false;
        }
        if !super::context::is_digit_code(&self.cs[..self.i], core) {
            return false;
        }
        self.parts(numbers::digits(core));
        true
    }

    /// A run of letters; `in_code` tells that the token has more than this run (`A-047`), so a
    /// lone `A` is the letter.
    fn letter_run(&mut self, run: &str, touches_digit: bool, url_like: bool, in_code: bool) {
        let upper = run.chars().all(|c| c.is_ascii_uppercase());
        let single = run.len() == 1;
        let spelled_code =
            touches_digit && ((upper && run.len() <= MAX_SPELLED_CODE) || run.len() <= 2);
        if spelled_code || (url_like && run == "www") {
            self.letters(run);
        } else if run == "A" && (in_code || self.a_is_letter()) {
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
        let prev_cap = self.prev().is_some_and(|p| {
            p.trail.is_empty()
                && (p.capitalized()
                    || LETTER_NAMING_NOUNS.contains(&p.core.to_ascii_lowercase().as_str()))
        });
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
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;

    #[test]
    fn table() {
        check(&[
            ("B12", "B twelve"),
            ("23B", "twenty three B"),
            ("BA287", "B A two eighty seven"),
            ("I-95", "I ninety five"),
            ("A380", "A three eighty"),
            ("mp3", "M P three"),
            ("COVID19", "covid nineteen"),
            ("SAVE20", "save twenty"),
            ("0x1F", "zero X one F"),
            ("1e10", "one E ten"),
            ("Gate B12", "gate B twelve"),
            ("Lot A is full", "lot A is full"),
            ("A cat", "a cat"),
            ("Plan A.", "plan A ."),
            ("I saw a cat", "i saw a cat"),
            ("vitamin C", "vitamin C"),
            (
                "Exit 23B is 1.5 miles ahead.",
                "exit twenty three B is one point five miles ahead .",
            ),
            ("Ref KX-20417/3", "ref kx two zero four one seven three"),
            (
                "55/208841/2024",
                "fifty five two zero eight eight four one two thousand twenty four",
            ),
            ("@40", "at forty"),
            ("5@2", "five at two"),
            ("well-known", "well known"),
            ("a 5-minute walk", "a five minute walk"),
            (
                "Booking 550213 is confirmed",
                "booking five five zero two one three is confirmed",
            ),
            ("Dial 411 now", "dial four one one now"),
            (
                "Reply HELP to 40404",
                "reply help to four zero four zero four",
            ),
            ("order 12 items", "order twelve items"),
            ("Part no. 118-40", "part number one eighteen , forty"),
            ("ticket A-047", "ticket A zero four seven"),
            ("code A-7-B", "code A seven B"),
            ("row A/B", "row A slash B"),
            ("group A may board", "group A may board"),
            ("press A to accept", "press A to accept"),
            ("it was a good day", "it was a good day"),
        ]);
    }
}
