//! Ranges (`10-15`, `10–15 min`, `9am–5pm`, `$10–$20`, `1990-1995`) and the dispatch of
//! dash-joined digit groups to dates and telephone numbers.

use super::measure;
use super::numbers;
use super::{telephone, time, Expander};

fn numberish_start(s: &str) -> bool {
    s.contains(|c: char| c.is_ascii_digit())
        && s.chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || super::money::currency(c).is_some())
}

impl Expander<'_, '_> {
    /// `A–B` where both sides start like numbers but are not both plain digits.
    pub(super) fn range(&mut self, core: &str) -> bool {
        let Some(cut) = core
            .char_indices()
            .skip(1)
            .find(|&(_, c)| c == '–' || c == '-')
        else {
            return false;
        };
        let (a, b) = (&core[..cut.0], &core[cut.0 + cut.1.len_utf8()..]);
        if !numberish_start(a) || !numberish_start(b) || a.contains('/') || b.contains(['-', '–'])
        {
            return false;
        }
        if numbers::is_digits(a) && numbers::is_digits(b) {
            return false;
        }
        if let (Some(x), Some(y)) = (time::letter_marked(a), time::letter_marked(b)) {
            self.time(x.0, x.1, Some(x.2));
            self.word("to");
            return self.time(y.0, y.1, Some(y.2));
        }
        if unit_tail(a).is_some() && unit_tail(b).is_none() {
            return false;
        }
        let marker = self
            .chunk(1)
            .filter(|_| self.cur().trail.is_empty())
            .and_then(|n| time::ampm(&n.core));
        let (a, b) = match marker {
            Some(_) => (a.trim_end_matches(":00"), b.trim_end_matches(":00")),
            None => (a, b),
        };
        let quantity = unit_tail(b).is_some() || self.unit_follows();
        if quantity && numbers::is_digits(a) {
            self.parts(numbers::cardinal(a));
        } else {
            self.piece(a);
        }
        self.word("to");
        self.piece(b);
        self.range_unit();
        true
    }

    /// A unit word or time marker after a range or mixed number (`10-15 min`, `9–11 AM`).
    pub(super) fn range_unit(&mut self) {
        let last = self.i + self.consumed - 1;
        if !self.cs[last].trail.is_empty() {
            return;
        }
        let Some(next) = self.cs.get(last + 1) else {
            return;
        };
        if time::is_zone(&next.core) {
            self.letters(&next.core);
        } else if let Some(((_, many), used)) = measure::unit_at(self.cs, last + 1) {
            self.word(many);
            self.consumed += used - 1;
        } else if let Some(m) = time::ampm(&next.core) {
            self.letters(&m.iter().collect::<String>());
            let zone = self
                .cs
                .get(last + 2)
                .filter(|z| matches!(next.trail.as_str(), "" | ".") && time::is_zone(&z.core));
            if let Some(z) = zone {
                self.letters(&z.core);
                self.consumed += 1;
            }
        } else {
            return;
        }
        self.consumed += 1;
        self.absorb_period(false);
    }

    /// Whether a unit word stands right after the current chunk (`1200-1500 kg`): the range
    /// is then a quantity, not years.
    fn unit_follows(&self) -> bool {
        self.cur().trail.is_empty()
            && self
                .chunk(1)
                .is_some_and(|_| measure::unit_at(self.cs, self.i + 1).is_some())
    }

    /// Single capital letters joined by a dash (`Lots A-D`): "A to D".
    pub(super) fn letter_range(&mut self, core: &str) -> bool {
        let b = core.as_bytes();
        let ok = b.len() == 3
            && b[1] == b'-'
            && b[0].is_ascii_uppercase()
            && b[2].is_ascii_uppercase()
            && b[0] < b[2];
        if !ok {
            return false;
        }
        self.letters(&core[..1]);
        self.word("to");
        self.letters(&core[2..]);
        true
    }

    /// A dash standing alone between two times or numbers (`5:00 AM - 11:00 PM`): "to".
    pub(super) fn dash_between(&mut self, core: &str) -> bool {
        if !matches!(core, "-" | "–" | "—") {
            return false;
        }
        let before = self.prev().is_some_and(|p| {
            p.trail.is_empty()
                && (p.core.ends_with(|c: char| c.is_ascii_digit()) || time::ampm(&p.core).is_some())
        });
        let after = self
            .chunk(1)
            .is_some_and(|n| n.starts_with_digit() || n.core.starts_with('$'));
        if !(before && after && self.cur().trail.is_empty()) {
            return false;
        }
        self.word("to");
        true
    }

    /// `first-rest` with digit groups: ISO dates, telephone numbers, number ranges.
    pub(super) fn dashed(&mut self, first: &str, rest: &str) -> bool {
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
        if telephone::is_phone_groups(&groups) {
            self.phone_groups(&groups);
            return true;
        }
        let quantity = self.unit_follows();
        let read = |g: &str| {
            if numbers::is_year(g) && !quantity {
                numbers::year(g)
            } else {
                numbers::cardinal(g)
            }
        };
        self.parts(read(groups[0]));
        self.word("to");
        self.parts(read(groups[1]));
        self.range_unit();
        true
    }
}

/// The unit letters at the end of a range side (`10km` → `km`), if any.
fn unit_tail(s: &str) -> Option<&str> {
    let t = s.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
    (!t.is_empty() && measure::unit(t, true).is_some()).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;

    #[test]
    fn table() {
        check(&[
            ("10-15", "ten to fifteen"),
            ("10–15", "ten to fifteen"),
            ("1990-1995", "nineteen ninety to nineteen ninety five"),
            ("every 10-15 minutes", "every ten to fifteen minutes"),
            ("10–15 min", "ten to fifteen minutes"),
            ("9am–5pm", "nine A M to five P M"),
            ("9:00-17:30", "nine o'clock to seventeen thirty"),
            ("$10–$20", "ten dollars to twenty dollars"),
            ("5-10km", "five to ten kilometers"),
            ("C–E", "C to E"),
            ("5:00 AM - 11:00 PM", "five A M to eleven P M"),
            ("10 AM-8 PM", "ten A M to eight P M"),
            ("2:00-4:00 PM", "two to four P M"),
            ("6:30–10:00 a.m.", "six thirty to ten A M ."),
            ("9–11 AM", "nine to eleven A M"),
        ]);
    }
}
