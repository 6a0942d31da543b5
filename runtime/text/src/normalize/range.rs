//! Ranges (`10-15`, `10–15 min`, `9am–5pm`, `$10–$20`, `1990-1995`) and the dispatch of
//! dash-joined digit groups to dates and telephone numbers.

use super::measure;
use super::numbers;
use super::{telephone, Expander};

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
        let (a_unit, b_unit) = (unit_tail(a), unit_tail(b));
        match (a_unit, b_unit) {
            (None, Some(_)) | (Some(_), Some(_)) | (None, None) => {
                self.piece(a);
                self.word("to");
                self.piece(b);
            }
            (Some(_), None) => return false,
        }
        self.range_unit();
        true
    }

    /// A unit word after a range (`10-15 min`), read in the plural.
    fn range_unit(&mut self) {
        if !self.joined() {
            return;
        }
        let Some(next) = self.chunk(1) else { return };
        if let Some((_, many)) = measure::unit(&next.core, false) {
            self.word(many);
            self.consumed = 2;
            self.absorb_period(false);
        }
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
        ]);
    }
}
