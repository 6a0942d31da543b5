//! Addresses: house and room numbers read as identifiers (`221 Baker St.` → "two twenty one"),
//! compass directions (`NW 5th St.`, `Hwy 101 S`), street types and suite/unit numbers.

use super::context::{self, DIRECTIONS};
use super::numbers;
use super::Expander;

impl Expander<'_, '_> {
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

    /// `N`, `SW`, `N.W.` as compass directions where the context says so.
    pub(super) fn direction(&mut self, core: &str) -> bool {
        let plain = core.replace('.', "");
        let Some((_, reading)) = DIRECTIONS.iter().find(|(d, _)| *d == plain) else {
            return false;
        };
        if !context::is_direction(self.prev(), self.prev_n(2), &self.cs[self.i..]) {
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
            ("Room 1204", "room one thousand two hundred four"),
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
        ]);
    }
}
