//! Times of day: `10:45`, `7:30 PM`, `9 a.m.`, `9am`, `12:00`, `6:00a`, with time zones
//! (`EST`, `PT`).

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

/// A time written with a one-letter marker (`7a`, `10:30p`), as hour, minutes and marker.
pub(super) fn letter_marked(s: &str) -> Option<(&str, Option<&str>, [char; 2])> {
    let marker = match s.as_bytes().last()? {
        b'a' => ['a', 'm'],
        b'p' => ['p', 'm'],
        _ => return None,
    };
    let body = &s[..s.len() - 1];
    let (h, mm) = match body.split_once(':') {
        Some((h, mm)) => (h, Some(mm)),
        None => (body, None),
    };
    let ok = (1..=2).contains(&h.len())
        && numbers::is_digits(h)
        && mm.is_none_or(|m| m.len() == 2 && numbers::is_digits(m) && m < "60");
    ok.then_some((h, mm, marker))
}

/// `p.m.est`, `amPST`: a time marker with a time zone glued after it.
fn ampm_zone(s: &str) -> Option<([char; 2], &str)> {
    ["a.m.", "p.m.", "am", "pm"].iter().find_map(|m| {
        let head = s.get(..m.len())?;
        let zone = &s[m.len()..];
        let marker = ampm(head).filter(|_| head.eq_ignore_ascii_case(m))?;
        ZONES
            .contains(&zone.to_ascii_uppercase().as_str())
            .then_some((marker, zone))
    })
}

/// Time-zone abbreviations read letter by letter after a time.
const ZONES: [&str; 18] = [
    "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "UTC", "GMT", "CET", "BST", "ET", "CT",
    "MT", "PT", "HST", "AKST",
];

/// Whether `s` is a time-zone abbreviation written in capitals (`PT`, `UTC`, `E.S.T.`).
pub(super) fn is_zone(s: &str) -> bool {
    let plain = s.replace('.', "");
    plain.chars().all(|c| c.is_ascii_uppercase()) && ZONES.contains(&plain.as_str())
}

/// Words before a time zone that name a time (`noon PT`, `midnight UTC`, `local`).
const ZONE_AFTER_WORDS: [&str; 3] = ["noon", "midnight", "midday"];

impl Expander<'_, '_> {
    /// A capital time zone after a time, an hour or a range the classes before left unread
    /// (`opens 9 ET`, `noon PT`): spelled.
    pub(super) fn zone(&mut self, core: &str) -> bool {
        if !is_zone(core) {
            return false;
        }
        let after_time = self.prev().is_some_and(|p| {
            p.trail.is_empty()
                && (p.core.ends_with(|c: char| c.is_ascii_digit())
                    || ampm(&p.core).is_some()
                    || ZONE_AFTER_WORDS.contains(&p.core.to_ascii_lowercase().as_str()))
        });
        if !after_time {
            return false;
        }
        self.letters(core);
        self.absorb_period(false);
        true
    }

    /// `h:mm` (with `am`/`pm` attached or as the next chunk); `false` when not a valid time.
    pub(super) fn clock(&mut self, h: &str, rest: &str) -> bool {
        if let Some((mm, ss)) = rest.split_once(':') {
            return self.duration_clock(h, mm, ss);
        }
        let mm: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let after = &rest[mm.len()..];
        let attached = if after.is_empty() {
            None
        } else {
            match ampm(after).or(match after {
                "a" => Some(['a', 'm']),
                "p" => Some(['p', 'm']),
                _ => None,
            }) {
                Some(a) => Some(a),
                None => return false,
            }
        };
        let hv: usize = h.parse().unwrap_or(99);
        let mv: usize = mm.parse().unwrap_or(99);
        if mm.len() != 2 || hv > 24 || mv > 59 || h.len() > 2 {
            return false;
        }
        let glued = self
            .chunk(1)
            .filter(|_| self.joined() && attached.is_none())
            .and_then(|n| ampm_zone(&n.core));
        if let Some((marker, zone)) = glued {
            self.consumed = 2;
            self.time(h, Some(&mm), Some(marker));
            self.letters(zone);
            return true;
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

    /// `h:mm:ss` → "fourteen hours ten minutes and thirty seconds".
    fn duration_clock(&mut self, h: &str, mm: &str, ss: &str) -> bool {
        let ss_digits: String = ss.chars().take_while(char::is_ascii_digit).collect();
        let marker = ampm(&ss[ss_digits.len()..]);
        let ok = mm.len() == 2
            && ss_digits.len() == 2
            && numbers::is_digits(mm)
            && (marker.is_some() || ss_digits.len() == ss.len());
        let (hv, mv, sv): (usize, usize, usize) = (
            h.parse().unwrap_or(99),
            mm.parse().unwrap_or(99),
            ss_digits.parse().unwrap_or(99),
        );
        if !ok || hv > 24 || mv > 59 || sv > 59 {
            return false;
        }
        let unit =
            |n: usize, one: &'static str, many: &'static str| if n == 1 { one } else { many };
        self.parts(numbers::cardinal_n(hv));
        self.word(unit(hv, "hour", "hours"));
        self.parts(numbers::cardinal_n(mv));
        self.word(unit(mv, "minute", "minutes"));
        self.word("and");
        self.parts(numbers::cardinal_n(sv));
        self.word(unit(sv, "second", "seconds"));
        if let Some(l) = marker {
            self.out
                .extend(l.iter().map(|&c| Item::Letter(c.to_ascii_uppercase())));
        }
        true
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
        let zone = self.cs.get(last + 1).filter(|z| {
            let upper = z.core.replace('.', "").to_ascii_uppercase();
            let sep_ok = self.cs[last].trail.is_empty()
                || (self.cs[last].trail == "." && ampm(&self.cs[last].core).is_some());
            sep_ok && ZONES.contains(&upper.as_str())
        });
        if let Some(z) = zone {
            self.letters(&z.core);
            self.absorb_period(false);
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
            ("departs 6:15 a.m.PST", "departs six fifteen A M P S T"),
            ("4:05 pmEST today", "four oh five P M E S T today"),
            ("9 a.m. and", "nine A M and"),
            ("9am", "nine A M"),
            ("at 5 p.m.", "at five P M ."),
            ("12:00", "twelve o'clock"),
            ("7:05", "seven oh five"),
            ("11:59 AM", "eleven fifty nine A M"),
            ("I am here", "i am here"),
            ("25:00", "twenty five , zero zero"),
            ("3 PM EST", "three P M E S T"),
            ("1:59 p.m. est", "one fifty nine P M E S T"),
            ("14:10:30", "fourteen hours ten minutes and thirty seconds"),
            ("1.59 p.m.", "one fifty nine P M ."),
            (
                "Meet me at 7:30 PM on Fri., Dec. 5th.",
                "meet me at seven thirty P M on friday , december fifth .",
            ),
            ("open 8a-4p", "open eight A M to four P M"),
            ("from 11:30a", "from eleven thirty A M"),
            ("9 a.m.–1 p.m. daily", "nine A M to one P M daily"),
            ("ends 6 PM ET", "ends six P M E T"),
            ("platform 3a", "platform three A"),
            ("opens 9 ET.", "opens nine E T ."),
            ("closes at 4 PT sharp", "closes at four P T sharp"),
            ("due noon PT", "due noon P T"),
            ("ends at midnight PST", "ends at midnight P S T"),
            ("webinar 1-2 p.m. ET.", "webinar one to two P M E T ."),
            ("support 9–5 ET daily", "support nine to five E T daily"),
            ("live 8–10 PM CST", "live eight to ten P M C S T"),
            ("a PT session", "a pt session"),
        ]);
    }
}
