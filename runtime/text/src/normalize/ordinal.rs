//! Ordinals (`3rd`, `21st`) and decades (`1990s`, `'90s`).

use super::cardinal::Num;
use super::numbers;
use super::{Expander, Item};

/// Words before `90s` that make it a decade (`the 90s`, `early 80s`); elsewhere it is seconds.
const DECADE_BEFORE: [&str; 6] = ["the", "early", "mid", "late", "mid-", "those"];

impl Expander<'_, '_> {
    /// Whether a two-digit number with `s` is a decade here: a multiple of ten written with an
    /// apostrophe (`'90s`, `90's`), after `the`/`early`/`late`, or as a piece of a range or
    /// compound (`1960s-80s`, `mid-80s`); else `90s` is seconds.
    fn decade_here(&self, int: &str) -> bool {
        let apostrophe = self.cur().lead.ends_with('\'') || self.cur().core.contains('\'');
        let after_word = self.prev().is_some_and(|p| {
            p.trail.is_empty() && DECADE_BEFORE.contains(&p.core.to_ascii_lowercase().as_str())
        });
        int.ends_with('0') && (apostrophe || after_word || self.depth > 0)
    }

    /// `3rd`, `21st`, possessive `29th's`; `1990s`, `90s`. `false` when the suffix is neither.
    pub(super) fn ordinal_or_decade(&mut self, num: &Num) -> bool {
        let rest = num.rest.to_ascii_lowercase();
        let (suffix, possessive) = match rest.strip_suffix("'s") {
            Some(s) if s.len() == 2 => (s, true),
            _ => (rest.as_str(), false),
        };
        match suffix {
            "st" | "nd" | "rd" | "th" => {
                self.parts(numbers::ordinal(&num.int));
                if let Some(Item::Word(w)) = self.out.last_mut().filter(|_| possessive) {
                    w.push_str("'s");
                }
                true
            }
            "s" | "'s"
                if num.int.len() == 4 || num.int.len() == 2 && self.decade_here(&num.int) =>
            {
                let words = if num.int.len() == 4 {
                    numbers::year(&num.int)
                } else {
                    numbers::cardinal(&num.int)
                };
                self.parts(numbers::plural(words));
                true
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;

    #[test]
    fn table() {
        check(&[
            ("1st", "first"),
            ("2nd", "second"),
            ("3rd", "third"),
            ("4th", "fourth"),
            ("11th", "eleventh"),
            ("21st", "twenty first"),
            ("22nd", "twenty second"),
            ("100th", "one hundredth"),
            ("the 2nd floor", "the second floor"),
            ("3rd-floor lounge", "third floor lounge"),
            ("the 1990s", "the nineteen nineties"),
            ("the '90s", "the nineties"),
            ("1980s", "nineteen eighties"),
            ("10s", "ten seconds"),
            ("in the 80s", "in the eighties"),
            ("early 90s", "early nineties"),
            ("the 45s", "the forty five seconds"),
            ("1960s-80s", "nineteen sixties to eighties"),
            ("mid-80s", "mid eighties"),
            ("23rd", "twenty third"),
            ("101st", "one hundred first"),
            ("the 4th's parade", "the fourth's parade"),
            ("May 1st’s sale", "may first's sale"),
        ]);
    }
}
