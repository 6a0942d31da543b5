//! Fractions (`3/4`, `1/2`), mixed numbers (`9 3/4`) and other slashed numbers (`24/7` is in
//! the whitelist; `10/3` reads "ten over three"; `12/31` is a date, see
//! [`super::context::is_month_day`]).

use super::measure;
use super::numbers;
use super::Expander;

/// A `num/den` string that reads as a fraction.
fn simple_fraction(s: &str) -> Option<(&str, &str)> {
    let (n, d) = s.split_once('/')?;
    (numbers::is_digits(n) && numbers::is_digits(d)).then_some((n, d))?;
    numbers::fraction(n, d)?;
    let (nv, dv): (usize, usize) = (n.parse().ok()?, d.parse().ok()?);
    (nv < dv).then_some((n, d))
}

/// `4th` → `4` (a denominator written as an ordinal: `1/4th`).
fn strip_ordinal_suffix(s: &str) -> &str {
    let lower = s.to_ascii_lowercase();
    for suf in ["st", "nd", "rd", "th"] {
        if lower.ends_with(suf) && s.len() > 2 && numbers::is_digits(&s[..s.len() - 2]) {
            return &s[..s.len() - 2];
        }
    }
    s
}

impl Expander<'_, '_> {
    /// `num/…`: fractions, dates (`12/25/2024`), ratios (`1/0` → "one over zero").
    pub(super) fn slashed(&mut self, num: &str, rest: &str) -> bool {
        let rest = strip_ordinal_suffix(rest);
        let groups: Vec<&str> = rest.split('/').collect();
        if !groups.iter().all(|g| numbers::is_digits(g)) {
            return false;
        }
        match groups.as_slice() {
            [den] if super::context::is_month_day(num, den, self.prev()) => {
                self.month_slash_day(num, den)
            }
            [den] => {
                match simple_fraction(&format!("{num}/{den}"))
                    .and_then(|_| numbers::fraction(num, den))
                {
                    Some(p) => {
                        self.parts(p);
                        self.fraction_of_unit();
                    }
                    None => {
                        self.parts(numbers::cardinal(num));
                        self.word("over");
                        self.parts(numbers::cardinal(den));
                    }
                }
                true
            }
            [day, year] => self.slashed_date(&[num, day, year]),
            _ => false,
        }
    }

    /// A unit after a proper fraction (`1/2 mi`): "of a mile" (`a 3/4 in. bolt`: "inch").
    fn fraction_of_unit(&mut self) {
        let Some(next) = self.chunk(1).filter(|_| self.joined()) else {
            return;
        };
        let Some((one, _)) = measure::unit_after(next) else {
            return;
        };
        self.consumed = 2;
        let vowel = one.starts_with(['a', 'e', 'i', 'o', 'u']) || one == "hour";
        if !self.attributive() {
            self.word(if vowel { "of an" } else { "of a" });
        }
        self.word(one);
        self.absorb_period(false);
    }

    /// `9 3/4` → "nine and three quarters" (the whole part is this chunk).
    pub(super) fn mixed_fraction(&mut self, whole: &str) -> bool {
        let Some(next) = self.chunk(1) else {
            return false;
        };
        let Some((n, d)) = simple_fraction(&next.core) else {
            return false;
        };
        let Some(frac) = numbers::fraction(n, d) else {
            return false;
        };
        self.parts(numbers::cardinal(whole));
        self.word("and");
        self.parts(frac);
        self.consumed = 2;
        self.range_unit();
        true
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;

    #[test]
    fn table() {
        check(&[
            ("1/2", "one half"),
            ("3/4", "three quarters"),
            ("1/4", "one quarter"),
            ("2/3", "two thirds"),
            ("5/8", "five eighths"),
            ("1/3", "one third"),
            ("1/0", "one over zero"),
            ("10/3", "ten over three"),
            ("1/4th", "one quarter"),
            ("31/32", "thirty one thirty seconds"),
            ("9 3/4", "nine and three quarters"),
            ("2 1/2 cups", "two and one half cups"),
            ("9 3/4 in. wide", "nine and three quarters inches wide"),
            ("½ cup", "one half cup"),
            (
                "The 3 kids ate 1/2 of the pizza.",
                "the three kids ate one half of the pizza .",
            ),
            ("Sale ends 11/28", "sale ends november twenty eighth"),
            ("back on 03/09", "back on march ninth"),
            ("closed until 2/3", "closed until february third"),
            ("cut 5/16 off", "cut five sixteenths off"),
            ("7/10 of riders", "seven tenths of riders"),
            ("Exit in 3/4 mi", "exit in three quarters of a mile"),
            ("a 1/4 in. gap", "a one quarter inch gap"),
        ]);
    }
}
