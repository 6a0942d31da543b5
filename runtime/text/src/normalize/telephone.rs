//! Telephone numbers: `555-0123`, `1-800-555-1234`, `(555) 123-4567`, `+1 555 123 4567`,
//! read digit by digit with a pause between groups.

use super::numbers::{self, is_digits};
use super::Expander;

/// Whether dash-joined digit groups form a telephone number rather than a range.
pub(super) fn is_phone_groups(groups: &[&str]) -> bool {
    let lens: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    groups.len() > 2 || lens == [3, 4] || groups.iter().any(|g| g.len() > 1 && g.starts_with('0'))
}

/// `123-4567` / `123-456-7890` groups of a local number after an area code.
fn local_part(s: &str) -> Option<Vec<&str>> {
    let groups: Vec<&str> = s.split(['-', '.']).collect();
    let lens: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    (groups.iter().all(|g| is_digits(g)) && lens == [3, 4]).then_some(groups)
}

impl Expander<'_, '_> {
    /// Reads digit groups with a pause between them.
    pub(super) fn phone_groups(&mut self, groups: &[&str]) {
        for (k, g) in groups.iter().enumerate() {
            if k > 0 {
                self.pause();
            }
            self.parts(numbers::digits(g));
        }
    }

    /// `(555) 123-4567`, `+1 (555) 123-4567`, `+1 555 123 4567`, `555.123.4567`.
    pub(super) fn telephone(&mut self, core: &str) -> bool {
        let cur = self.cur();
        if let Some(cc) = core
            .strip_prefix('+')
            .filter(|c| is_digits(c) && c.len() <= 3)
        {
            let rest: Vec<&str> = (1..=4)
                .map_while(|k| self.chunk(k))
                .map(|c| c.core.as_str())
                .take_while(|c| c.chars().all(|ch| ch.is_ascii_digit() || "-.".contains(ch)))
                .collect();
            let digits: usize = rest
                .iter()
                .map(|r| r.chars().filter(char::is_ascii_digit).count())
                .sum();
            if !(7..=12).contains(&digits) {
                return false;
            }
            self.word("plus");
            self.parts(numbers::digits(cc));
            for r in &rest {
                self.pause();
                let gs: Vec<&str> = r.split(['-', '.']).collect();
                self.phone_groups(&gs);
            }
            self.consumed = 1 + rest.len();
            return true;
        }
        let area = cur.lead.ends_with('(') && cur.trail.starts_with(')') && core.len() == 3;
        if area && is_digits(core) {
            if let Some(local) = self.chunk(1).and_then(|c| local_part(&c.core)) {
                self.parts(numbers::digits(core));
                self.pause();
                self.phone_groups(&local);
                self.consumed = 2;
                return true;
            }
        }
        let dotted: Vec<&str> = core.split('.').collect();
        if dotted.len() == 3
            && dotted.iter().map(|g| g.len()).eq([3, 3, 4])
            && dotted.iter().all(|g| is_digits(g))
        {
            self.phone_groups(&dotted);
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;

    #[test]
    fn table() {
        check(&[
            ("555-0123", "five five five , zero one two three"),
            (
                "1-800-555-1234",
                "one , eight zero zero , five five five , one two three four",
            ),
            (
                "555-123-4567",
                "five five five , one two three , four five six seven",
            ),
            (
                "(555) 123-4567",
                "five five five , one two three , four five six seven",
            ),
            (
                "Call (408) 555-0100.",
                "call four zero eight , five five five , zero one zero zero .",
            ),
            (
                "+1 650 555 0199",
                "plus one , six five zero , five five five , zero one nine nine",
            ),
            (
                "555.123.4567",
                "five five five , one two three , four five six seven",
            ),
            (
                "Call us at 555-0123 between 9 a.m. and 5 p.m.",
                "call us at five five five , zero one two three between nine A M and five P M .",
            ),
        ]);
    }
}
