//! Addresses: house and room numbers read as identifiers (`221 Baker St.` → "two twenty one"),
//! compass directions (`NW 5th St.`, `Hwy 101 S`), street types and suite/unit numbers.

use super::context::{self, DIRECTIONS};
use super::numbers;
use super::Expander;

/// US state codes read as the state's name after a city (`Santa Clara, CA 95051`).
const STATES: [(&str, &str); 51] = [
    ("AL", "Alabama"),
    ("AK", "Alaska"),
    ("AZ", "Arizona"),
    ("AR", "Arkansas"),
    ("CA", "California"),
    ("CO", "Colorado"),
    ("CT", "Connecticut"),
    ("DE", "Delaware"),
    ("DC", "D C"),
    ("FL", "Florida"),
    ("GA", "Georgia"),
    ("HI", "Hawaii"),
    ("ID", "Idaho"),
    ("IL", "Illinois"),
    ("IN", "Indiana"),
    ("IA", "Iowa"),
    ("KS", "Kansas"),
    ("KY", "Kentucky"),
    ("LA", "Louisiana"),
    ("ME", "Maine"),
    ("MD", "Maryland"),
    ("MA", "Massachusetts"),
    ("MI", "Michigan"),
    ("MN", "Minnesota"),
    ("MS", "Mississippi"),
    ("MO", "Missouri"),
    ("MT", "Montana"),
    ("NE", "Nebraska"),
    ("NV", "Nevada"),
    ("NH", "New Hampshire"),
    ("NJ", "New Jersey"),
    ("NM", "New Mexico"),
    ("NY", "New York"),
    ("NC", "North Carolina"),
    ("ND", "North Dakota"),
    ("OH", "Ohio"),
    ("OK", "Oklahoma"),
    ("OR", "Oregon"),
    ("PA", "Pennsylvania"),
    ("RI", "Rhode Island"),
    ("SC", "South Carolina"),
    ("SD", "South Dakota"),
    ("TN", "Tennessee"),
    ("TX", "Texas"),
    ("UT", "Utah"),
    ("VT", "Vermont"),
    ("VA", "Virginia"),
    ("WA", "Washington"),
    ("WV", "West Virginia"),
    ("WI", "Wisconsin"),
    ("WY", "Wyoming"),
];

/// State codes that are also words or common abbreviations: read as states after a city only
/// before a ZIP, at the end of a clause or before a lowercase word (`Portland, OR is`); `OK`
/// only before a ZIP.
const WORDLIKE_STATES: [&str; 12] = [
    "OK", "IN", "ME", "OR", "HI", "OH", "LA", "ID", "MA", "PA", "DE", "CO",
];

/// Capitalized words before a comma that are no city (`Yes, OK`, `Sorry, IN 5 min`).
const NOT_CITIES: [&str; 14] = [
    "yes", "no", "ok", "okay", "hello", "hi", "sorry", "please", "thanks", "well", "now", "so",
    "and", "but",
];

/// Whether `s` is a ZIP code (`95051`, `95051-1234`).
fn is_zip(s: &str) -> bool {
    let (five, four) = s.split_once('-').unwrap_or((s, "0000"));
    five.len() == 5 && numbers::is_digits(five) && four.len() == 4 && numbers::is_digits(four)
}

impl Expander<'_, '_> {
    /// A state code after `City,` (then its ZIP code digit by digit).
    pub(super) fn state(&mut self, core: &str) -> bool {
        let Some((_, name)) = STATES.iter().find(|(c, _)| *c == core) else {
            return false;
        };
        let after_city = self.prev().is_some_and(|p| {
            p.trail.starts_with(',')
                && p.capitalized()
                && p.core.chars().any(|c| c.is_ascii_lowercase())
                && p.core
                    .chars()
                    .skip(1)
                    .all(|c| c.is_ascii_lowercase() || matches!(c, '-' | '.' | '\'' | 'A'..='Z'))
                && !NOT_CITIES.contains(&p.core.to_ascii_lowercase().as_str())
        });
        let next = self.chunk(1);
        let zip_next = next.is_some_and(|n| is_zip(&n.core));
        let ends = next.is_none() || !self.cur().trail.is_empty();
        let mixed_case_next = next.is_some_and(|n| n.core.chars().any(|c| c.is_ascii_lowercase()));
        let read = zip_next
            || !WORDLIKE_STATES.contains(&core) && ends
            || core != "OK" && (ends || mixed_case_next);
        if !(after_city && read) {
            return false;
        }
        for w in name.split(' ') {
            if w.len() == 1 {
                self.letters(w);
            } else {
                self.word(w);
            }
        }
        if let Some(zip) = next.filter(|_| zip_next) {
            if !self.cur().trail.is_empty() {
                self.pause();
            }
            let (five, four) = zip.core.split_once('-').unwrap_or((&zip.core, ""));
            self.parts(numbers::digits(five));
            if !four.is_empty() {
                self.pause();
                self.parts(numbers::digits(four));
            }
            self.consumed = 2;
        }
        true
    }

    /// A 3–4 digit number that names a house, room, route or flight.
    pub(super) fn address(&mut self, core: &str) -> bool {
        if !numbers::is_digits(core) || !(3..=4).contains(&core.len()) || core.starts_with('0') {
            return false;
        }
        if !context::is_nominal_number(self.prev(), self.cur(), &self.cs[self.i + 1..]) {
            return false;
        }
        self.parts(numbers::nominal(core));
        true
    }

    /// Road codes `I-5`, `US-101`, `SR-17`: letters, then the number as an identifier.
    pub(super) fn road_code(&mut self, core: &str) -> bool {
        let Some((code, number)) = core.split_once('-') else {
            return false;
        };
        let ok = (1..=3).contains(&code.len())
            && code.chars().all(|c| c.is_ascii_uppercase())
            && numbers::is_digits(number)
            && number.len() <= 3
            && !number.starts_with('0');
        if !ok {
            return false;
        }
        self.letters(code);
        self.parts(numbers::nominal(number));
        true
    }

    /// A direction and the place it leads to, as signs write them (`N/Seattle`, `WB/Downtown`):
    /// "north, Seattle".
    pub(super) fn slash_direction(&mut self, core: &str) -> bool {
        let Some((d, place)) = core.split_once('/') else {
            return false;
        };
        let reading = match d {
            "NB" => "northbound",
            "SB" => "southbound",
            "EB" => "eastbound",
            "WB" => "westbound",
            _ => match DIRECTIONS.iter().find(|(k, _)| *k == d && k.len() <= 2) {
                Some((_, r)) => r,
                None => return false,
            },
        };
        let place_ok = place.len() >= 2
            && place.starts_with(|c: char| c.is_ascii_uppercase())
            && place.chars().any(|c| c.is_ascii_lowercase())
            && place.chars().all(|c| c.is_ascii_alphabetic() || c == '.');
        if !place_ok {
            return false;
        }
        self.word(reading);
        self.pause();
        self.piece(place);
        true
    }

    /// `N`, `SW`, `N.W.` as compass directions where the context says so.
    pub(super) fn direction(&mut self, core: &str) -> bool {
        let plain = core.replace('.', "");
        let Some((_, reading)) = DIRECTIONS.iter().find(|(d, _)| *d == plain) else {
            return false;
        };
        if !context::is_direction(self.prev(), self.prev_n(2), &self.cs[self.i..], self.i == 1) {
            return false;
        }
        self.word(reading);
        self.absorb_period(false);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;

    #[test]
    fn table() {
        check(&[
            (
                "221 Baker St., Apt. 4",
                "two twenty one baker street , apartment four",
            ),
            ("room 214", "room two fourteen"),
            ("Room 1204", "room twelve oh four"),
            ("Suite 1507", "suite fifteen oh seven"),
            ("2200 N. Main St", "twenty two hundred north main street"),
            ("1600 W. 5th Ave.", "sixteen hundred west fifth avenue ."),
            ("flight 1450", "flight fourteen fifty"),
            ("Suite 105", "suite one oh five"),
            ("Unit 4B", "unit four B"),
            ("NW 5th St.", "northwest fifth street ."),
            ("100 N Main St", "one hundred north main street"),
            (
                "2788 San Tomas Expy",
                "twenty seven eighty eight san tomas expressway",
            ),
            ("123 Laguna Ct", "one twenty three laguna court"),
            ("Hwy 101 S", "highway one oh one south"),
            ("Take Route 66 W.", "take route sixty six west ."),
            ("E Main St", "east main street"),
            ("Sunset Dr.", "sunset drive ."),
            ("Maple St.", "maple street ."),
            (
                "Santa Clara, CA 95051",
                "santa clara , california nine five zero five one",
            ),
            ("Albany, NY.", "albany , new york ."),
            ("I am OK, OK?", "i am ok , ok ?"),
            ("Portland, OR is rainy", "portland , oregon is rainy"),
            ("Bangor, ME.", "bangor , maine ."),
            ("Winston-Salem, NC", "winston salem , north carolina"),
            ("Yes, IN the lobby", "yes , in the lobby"),
            ("Tulsa, OK.", "tulsa , ok ."),
            (
                "Tulsa, OK 74103",
                "tulsa , oklahoma seven four one zero three",
            ),
            (
                "Take the ramp to US-101 N.",
                "take the ramp to U S one oh one north .",
            ),
            (
                "Visit us at 4500 Mission St.",
                "visit us at forty five hundred mission street .",
            ),
            (
                "Destination: 350 5th Ave.",
                "destination : three fifty fifth avenue .",
            ),
            ("WN 1877 to Austin", "wn eighteen seventy seven to austin"),
            ("on B6 1022", "on B six ten twenty two"),
            ("I-5 N/Seattle", "I five north , seattle"),
            ("Exit 12 WB/Downtown", "exit twelve westbound , downtown"),
            ("N/A", "not applicable"),
            ("42nd St–Bryant Park", "forty second street , bryant park"),
            ("Times Sq–42nd St", "times square , forty second street"),
            ("Boston–New York", "boston , new york"),
            ("Mon–Fri", "monday to friday"),
            ("Winston-Salem", "winston salem"),
            ("Court Sq-23rd St", "court square , twenty third street"),
        ]);
    }
}
