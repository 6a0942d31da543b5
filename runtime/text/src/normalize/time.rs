//! Times of day: `10:45`, `7:30 PM`, `9 a.m.`, `9am`, `12:00`, with time zones (`EST`).

use super::numbers;
use super::{Expander, Item};

/// `am`/`pm` in any of their written forms, as the two letters to say.
pub(super) fn ampm(s: &str) -> Option<[char; 2]> {
    match s.to_ascii_lowercase().as_str() {
        "am" | "a.m" | "a.m." => Some(['a', 'm']),
        "pm" | "p.m" | "p.m." => Some(['p', 'm']),
        _ => None,
    }
}

/// Time-zone abbreviations read letter by letter after a time.
const ZONES: [&str; 12] = [
    "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "UTC", "GMT", "CET", "BST",
];

impl Expander<'_, '_> {
    /// `h:mm` (with `am`/`pm` attached or as the next chunk); `false` when not a valid time.
    pub(super) fn clock(&mut self, h: &str, rest: &str) -> bool {
        let mm: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let after = &rest[mm.len()..];
        let attached = if after.is_empty() {
            None
        } else {
            match ampm(after) {
                Some(a) => Some(a),
                None => return false,
            }
        };
        let hv: usize = h.parse().unwrap_or(99);
        let mv: usize = mm.parse().unwrap_or(99);
        if mm.len() != 2 || hv > 24 || mv > 59 || h.len() > 2 {
            return false;
        }
        let marker = attached.or_else(|| {
            let next = self.chunk(1)?;
            let a = ampm(&next.core)?;
            self.joined().then_some(a)
        });
        if marker.is_some() && after.is_empty() {
            self.consumed = 2;
        }
        self.time(h, Some(&mm), marker)
    }

    /// Reads hour, minutes and am/pm; `false` when the hour is out of range.
    pub(super) fn time(&mut self, h: &str, mm: Option<&str>, marker: Option<[char; 2]>) -> bool {
        let hv: usize = h.parse().unwrap_or(99);
        if hv > 24 || (marker.is_some() && hv > 12) {
            return false;
        }
        self.parts(numbers::cardinal(h));
        match mm {
            Some("00") if marker.is_none() => self.word("o'clock"),
            Some("00") | None => {}
            Some(m) if m.starts_with('0') => {
                self.word("oh");
                self.parts(numbers::cardinal(m));
            }
            Some(m) => self.parts(numbers::cardinal(m)),
        }
        if let Some(l) = marker {
            self.out
                .extend(l.iter().map(|&c| Item::Letter(c.to_ascii_uppercase())));
            self.absorb_period(false);
        }
        let last = self.i + self.consumed - 1;
        let zone = self
            .cs
            .get(last + 1)
            .filter(|z| self.cs[last].trail.is_empty() && ZONES.contains(&z.core.as_str()));
        if let Some(z) = zone {
            self.letters(&z.core);
            self.consumed += 1;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;

    #[test]
    fn table() {
        check(&[
            ("10:45", "ten forty five"),
            ("7:30 PM", "seven thirty P M"),
            ("7:30pm", "seven thirty P M"),
            ("9 a.m. and", "nine A M and"),
            ("9am", "nine A M"),
            ("at 5 p.m.", "at five P M ."),
            ("12:00", "twelve o'clock"),
            ("7:05", "seven oh five"),
            ("11:59 AM", "eleven fifty nine A M"),
            ("I am here", "i am here"),
            ("25:00", "twenty five , zero zero"),
            ("3 PM EST", "three P M E S T"),
            (
                "Meet me at 7:30 PM on Fri., Dec. 5th.",
                "meet me at seven thirty P M on friday , december fifth .",
            ),
        ]);
    }
}
