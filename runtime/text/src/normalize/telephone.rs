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

/// Groups of a telephone number written without spaces: `(555)555-5555`, `(123)-123-5678`,
/// `+1-123-123-5678`, `+1(123)`-style prefixes included.
fn glued_phone(s: &str) -> Option<Vec<&str>> {
    let (cc, body) = match s.strip_prefix('+') {
        Some(r) => {
            let end = r.find(|c: char| !c.is_ascii_digit())?;
            (Some(&s[..end + 1]), r[end..].trim_start_matches('-'))
        }
        None => (None, s),
    };
    let Some(body) = body.strip_prefix('(') else {
        cc?;
        let groups: Vec<&str> = body.split('-').collect();
        let ok = groups.len() >= 2 && groups.iter().all(|g| is_digits(g) && g.len() <= 4);
        return ok.then(|| cc.into_iter().chain(groups).collect());
    };
    let (area, rest) = body.split_once(')')?;
    let rest = rest.trim_start_matches('-');
    let local = local_part(rest)?;
    (is_digits(area) && area.len() == 3).then_some(())?;
    let mut groups: Vec<&str> = cc.into_iter().collect();
    groups.push(area);
    groups.extend(local);
    Some(groups)
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

    /// `(555) 123-4567`, `+1 (555) 123-4567`, `+1 555 123 4567`, `555.123.4567`,
    /// `(555)555-5555`, `+1-555-123-4567`; dotted IPv4 addresses digit by digit.
    pub(super) fn telephone(&mut self, core: &str) -> bool {
        let cur = self.cur();
        let full = if cur.lead.ends_with('(') {
            format!("({core}")
        } else {
            core.to_string()
        };
        if let Some(groups) = glued_phone(&full) {
            if let Some(cc) = groups.first().and_then(|g| g.strip_prefix('+')) {
                self.word("plus");
                self.parts(numbers::digits(cc));
                self.pause();
                self.phone_groups(&groups[1..]);
            } else {
                self.phone_groups(&groups);
            }
            return true;
        }
        if let Some(cc) = core
            .strip_prefix('+')
            .filter(|c| is_digits(c) && c.len() <= 3)
        {
            if let Some(groups) = self.chunk(1).and_then(|c| {
                glued_phone(&format!("{}{}", c.lead, c.core))
                    .map(|g| g.iter().map(|s| s.to_string()).collect::<Vec<_>>())
            }) {
                self.word("plus");
                self.parts(numbers::digits(cc));
                self.pause();
                let gs: Vec<&str> = groups.iter().map(String::as_str).collect();
                self.phone_groups(&gs);
                self.consumed = 2;
                return true;
            }
        }
        let quads: Vec<&str> = core.split('.').collect();
        if quads.len() == 4 && quads.iter().all(|q| is_digits(q) && q.len() <= 3) {
            for (k, q) in quads.iter().enumerate() {
                if k > 0 {
                    self.word("dot");
                }
                self.parts(numbers::digits(q));
            }
            return true;
        }
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
        let (cc, area) = match core.split_once('(') {
            Some((cc, area)) if cc.len() > 1 && cc.starts_with('+') && is_digits(&cc[1..]) => {
                (Some(&cc[1..]), area)
            }
            _ if cur.lead.ends_with('(') => (None, core),
            _ => (None, ""),
        };
        if cur.trail.starts_with(')') && area.len() == 3 && is_digits(area) {
            if let Some(local) = self.chunk(1).and_then(|c| local_part(&c.core)) {
                if let Some(cc) = cc {
                    self.word("plus");
                    self.parts(numbers::digits(cc));
                    self.pause();
                }
                self.parts(numbers::digits(area));
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
                "(555)555-5555",
                "five five five , five five five , five five five five",
            ),
            (
                "+1 (123)-123-5678",
                "plus one , one two three , one two three , five six seven eight",
            ),
            (
                "+1-123-123-5678",
                "plus one , one two three , one two three , five six seven eight",
            ),
            (
                "Helpline +44(207) 946-0958",
                "helpline plus four four , two zero seven , nine four six , zero nine five eight",
            ),
            ("IP 10.0.0.1", "ip one zero dot zero dot zero dot one"),
            (
                "Call us at 555-0123 between 9 a.m. and 5 p.m.",
                "call us at five five five , zero one two three between nine A M and five P M .",
            ),
        ]);
    }
}
