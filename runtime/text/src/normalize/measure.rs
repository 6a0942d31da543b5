//! Measures: a number with a unit (`42 km`, `12°C`, `60%`, `3.5 gal`).

use super::cardinal::{parse_num, Num};
use super::numbers;
use super::{context, Chunk, Expander};

/// A unit's singular and plural reading.
pub type Unit = (&'static str, &'static str);

/// Unit abbreviations (case-sensitive) and their readings.
const UNITS: &[(&str, Unit)] = &[
    ("m", ("meter", "meters")),
    ("km", ("kilometer", "kilometers")),
    ("cm", ("centimeter", "centimeters")),
    ("mm", ("millimeter", "millimeters")),
    ("km/h", ("kilometer per hour", "kilometers per hour")),
    ("kph", ("kilometer per hour", "kilometers per hour")),
    ("kmh", ("kilometer per hour", "kilometers per hour")),
    ("m/s", ("meter per second", "meters per second")),
    ("mph", ("mile per hour", "miles per hour")),
    ("ft", ("foot", "feet")),
    ("mi", ("mile", "miles")),
    ("yd", ("yard", "yards")),
    ("L", ("liter", "liters")),
    ("l", ("liter", "liters")),
    ("ml", ("milliliter", "milliliters")),
    ("mL", ("milliliter", "milliliters")),
    ("kg", ("kilogram", "kilograms")),
    ("g", ("gram", "grams")),
    ("mg", ("milligram", "milligrams")),
    ("lb", ("pound", "pounds")),
    ("lbs", ("pound", "pounds")),
    ("oz", ("ounce", "ounces")),
    ("°C", ("degree Celsius", "degrees Celsius")),
    ("°F", ("degree Fahrenheit", "degrees Fahrenheit")),
    ("°", ("degree", "degrees")),
    ("ºC", ("degree Celsius", "degrees Celsius")),
    ("ºF", ("degree Fahrenheit", "degrees Fahrenheit")),
    ("C°", ("degree Celsius", "degrees Celsius")),
    ("KB", ("kilobyte", "kilobytes")),
    ("kB", ("kilobyte", "kilobytes")),
    ("MB", ("megabyte", "megabytes")),
    ("GB", ("gigabyte", "gigabytes")),
    ("TB", ("terabyte", "terabytes")),
    ("Mbps", ("megabit per second", "megabits per second")),
    ("Gbps", ("gigabit per second", "gigabits per second")),
    ("Hz", ("hertz", "hertz")),
    ("kHz", ("kilohertz", "kilohertz")),
    ("MHz", ("megahertz", "megahertz")),
    ("GHz", ("gigahertz", "gigahertz")),
    ("kW", ("kilowatt", "kilowatts")),
    ("kWh", ("kilowatt hour", "kilowatt hours")),
    ("mAh", ("milliamp hour", "milliamp hours")),
    ("V", ("volt", "volts")),
    ("ms", ("millisecond", "milliseconds")),
    ("s", ("second", "seconds")),
    ("sec", ("second", "seconds")),
    ("secs", ("second", "seconds")),
    ("min", ("minute", "minutes")),
    ("mins", ("minute", "minutes")),
    ("h", ("hour", "hours")),
    ("hr", ("hour", "hours")),
    ("hrs", ("hour", "hours")),
    ("yr", ("year", "years")),
    ("yrs", ("year", "years")),
    ("x", ("times", "times")),
    ("×", ("times", "times")),
    ("%", ("percent", "percent")),
    ("pct", ("percent", "percent")),
    ("gal", ("gallon", "gallons")),
    ("gals", ("gallon", "gallons")),
    ("qt", ("quart", "quarts")),
    ("pt", ("pint", "pints")),
    ("mpg", ("mile per gallon", "miles per gallon")),
    ("psi", ("P S I", "P S I")),
    ("cc", ("C C", "C C")),
    ("kt", ("knot", "knots")),
    ("kts", ("knot", "knots")),
    ("in", ("inch", "inches")),
    ("sqft", ("square foot", "square feet")),
    ("ha", ("hectare", "hectares")),
    ("MW", ("megawatt", "megawatts")),
    ("mA", ("milliamp", "milliamps")),
    ("Ah", ("amp hour", "amp hours")),
    ("wk", ("week", "weeks")),
    ("wks", ("week", "weeks")),
    ("mo", ("month", "months")),
    ("mos", ("month", "months")),
    ("hp", ("horsepower", "horsepower")),
    ("t", ("ton", "tons")),
    ("inHg", ("inch of mercury", "inches of mercury")),
    ("hPa", ("hectopascal", "hectopascals")),
    ("kcal", ("calorie", "calories")),
    ("dB", ("decibel", "decibels")),
    ("bpm", ("B P M", "B P M")),
    ("rpm", ("R P M", "R P M")),
    (
        "mi/kWh",
        ("mile per kilowatt hour", "miles per kilowatt hour"),
    ),
    ("µg", ("microgram", "micrograms")),
    ("mcg", ("microgram", "micrograms")),
    ("µs", ("microsecond", "microseconds")),
    ("µm", ("micrometer", "micrometers")),
    ("µL", ("microliter", "microliters")),
    ("µl", ("microliter", "microliters")),
    ("µA", ("microamp", "microamps")),
    ("µV", ("microvolt", "microvolts")),
    ("µF", ("microfarad", "microfarads")),
    ("µSv", ("microsievert", "microsieverts")),
    ("ns", ("nanosecond", "nanoseconds")),
    ("nm", ("nanometer", "nanometers")),
    ("ppm", ("part per million", "parts per million")),
    ("ppb", ("part per billion", "parts per billion")),
    ("W", ("watt", "watts")),
    ("Wh", ("watt hour", "watt hours")),
    ("MWh", ("megawatt hour", "megawatt hours")),
    ("GWh", ("gigawatt hour", "gigawatt hours")),
    ("kVA", ("kilovolt amp", "kilovolt amps")),
    ("kPa", ("kilopascal", "kilopascals")),
    ("mbar", ("millibar", "millibars")),
    ("fps", ("frame per second", "frames per second")),
    ("MP", ("megapixel", "megapixels")),
    ("lm", ("lumen", "lumens")),
    ("tsp", ("teaspoon", "teaspoons")),
    ("tbsp", ("tablespoon", "tablespoons")),
    ("Tbsp", ("tablespoon", "tablespoons")),
    ("floz", ("fluid ounce", "fluid ounces")),
    ("fl.oz", ("fluid ounce", "fluid ounces")),
    ("sq.ft", ("square foot", "square feet")),
    ("sq.m", ("square meter", "square meters")),
    ("cu.ft", ("cubic foot", "cubic feet")),
    ("cu.m", ("cubic meter", "cubic meters")),
    ("m³/h", ("cubic meter per hour", "cubic meters per hour")),
];

/// Two-word unit abbreviations (`sq ft`, `cu. ft.`, `fl oz`): the first word without its
/// period, the second, and the reading.
const TWO_WORD_UNITS: &[(&str, &str, Unit)] = &[
    ("sq", "ft", ("square foot", "square feet")),
    ("sq", "m", ("square meter", "square meters")),
    ("sq", "km", ("square kilometer", "square kilometers")),
    ("sq", "mi", ("square mile", "square miles")),
    ("sq", "in", ("square inch", "square inches")),
    ("sq", "yd", ("square yard", "square yards")),
    ("sq", "cm", ("square centimeter", "square centimeters")),
    ("cu", "ft", ("cubic foot", "cubic feet")),
    ("cu", "m", ("cubic meter", "cubic meters")),
    ("cu", "in", ("cubic inch", "cubic inches")),
    ("cu", "yd", ("cubic yard", "cubic yards")),
    ("cu", "cm", ("cubic centimeter", "cubic centimeters")),
    ("fl", "oz", ("fluid ounce", "fluid ounces")),
];

/// The unit two chunks spell together (`sq ft`, `sq. m`, `fl. oz.`), if they do.
pub(super) fn two_word_unit(first: &Chunk, second: &Chunk) -> Option<Unit> {
    if !matches!(first.trail.as_str(), "" | ".") || !second.lead.is_empty() {
        return None;
    }
    let a = first.core.to_ascii_lowercase();
    let b = second.core.strip_suffix('.').unwrap_or(&second.core);
    TWO_WORD_UNITS
        .iter()
        .find(|(x, y, _)| *x == a && (*y == b || (b.len() > 1 && y.eq_ignore_ascii_case(b))))
        .map(|(_, _, u)| *u)
}

/// Units that are also common words, read as units only when attached to the number (`5s`).
const ATTACHED_ONLY: [&str; 5] = ["s", "x", "l", "in", "W"];

/// The reading of a unit abbreviation; `attached` tells whether it touched the number.
pub fn unit(s: &str, attached: bool) -> Option<Unit> {
    let s = s.strip_suffix('.').unwrap_or(s);
    if !attached && ATTACHED_ONLY.contains(&s) {
        return None;
    }
    UNITS
        .iter()
        .find(|(k, _)| *k == s)
        .or_else(|| {
            let folded = (s.len() >= 2).then(|| {
                UNITS
                    .iter()
                    .find(|(k, _)| k.len() >= 2 && k.eq_ignore_ascii_case(s))
            })?;
            folded.filter(|(k, _)| !ATTACHED_ONLY.contains(k))
        })
        .map(|(_, u)| *u)
        .or_else(|| powered(s))
}

/// Time units that only follow a slash or `per` (`$12/d`), singular.
const PER_ONLY: [(&str, &str); 6] = [
    ("d", "day"),
    ("day", "day"),
    ("wk", "week"),
    ("week", "week"),
    ("mo", "month"),
    ("month", "month"),
];

/// The singular reading of a unit counted per (`/kg` → "kilogram", `/d` → "day").
pub fn per_unit_word(s: &str) -> Option<&'static str> {
    let s = s.strip_suffix('.').unwrap_or(s);
    unit(s, false)
        .map(|(one, _)| one)
        .or_else(|| PER_ONLY.iter().find(|(k, _)| *k == s).map(|(_, w)| *w))
}

/// `kg/kg`-style rates: the unit and the singular word of what it is counted per, a unit
/// (`kWh/yr`) or a plain lowercase word of three or more letters (`L/cycle`, `kWh/load`).
pub(super) fn per_unit(s: &str) -> Option<(Unit, &str)> {
    let (a, b) = s.split_once('/')?;
    let u = unit(a, true)?;
    if let Some(per) = unit(b, true)
        .map(|(one, _)| one)
        .or_else(|| per_unit_word(b))
    {
        return Some((u, per));
    }
    let word = b.len() >= 3 && b.chars().all(|c| c.is_ascii_lowercase());
    word.then_some((u, b))
}

/// `m2`, `km²`, `cm3`: square and cubic units.
fn powered(s: &str) -> Option<Unit> {
    const SQUARE: [(&str, Unit); 8] = [
        ("m", ("square meter", "square meters")),
        ("km", ("square kilometer", "square kilometers")),
        ("cm", ("square centimeter", "square centimeters")),
        ("mm", ("square millimeter", "square millimeters")),
        ("ft", ("square foot", "square feet")),
        ("in", ("square inch", "square inches")),
        ("yd", ("square yard", "square yards")),
        ("mi", ("square mile", "square miles")),
    ];
    const CUBIC: [(&str, Unit); 6] = [
        ("m", ("cubic meter", "cubic meters")),
        ("km", ("cubic kilometer", "cubic kilometers")),
        ("cm", ("cubic centimeter", "cubic centimeters")),
        ("ft", ("cubic foot", "cubic feet")),
        ("in", ("cubic inch", "cubic inches")),
        ("yd", ("cubic yard", "cubic yards")),
    ];
    let s = s.replace("^", "");
    let (base, table): (&str, &[(&str, Unit)]) = if let Some(b) = s.strip_suffix(['2', '²']) {
        (b, &SQUARE)
    } else if let Some(b) = s.strip_suffix(['3', '³']) {
        (b, &CUBIC)
    } else {
        return None;
    };
    table.iter().find(|(k, _)| *k == base).map(|(_, u)| *u)
}

/// The unit that the chunks from `k` of `cs` stand for, with how many chunks it takes: two
/// (`sq ft`, `fl. oz.`) or one (see [`unit_after`]).
pub(super) fn unit_at(cs: &[Chunk], k: usize) -> Option<(Unit, usize)> {
    let first = cs.get(k)?;
    if super::time::is_zone(&first.core) {
        return None;
    }
    let after_decimal = k > 0 && cs[k - 1].core.contains('.');
    if first.core == "W" && after_decimal {
        return unit("W", true).map(|u| (u, 1));
    }
    if let Some(u) = cs
        .get(k + 1)
        .and_then(|second| two_word_unit(first, second))
    {
        return Some((u, 2));
    }
    unit_after(first).map(|u| (u, 1))
}

/// The unit a separate chunk after a number stands for (`km`, `in.` but not a bare `in`).
pub(super) fn unit_after(c: &Chunk) -> Option<Unit> {
    if c.core == "in" && c.trail.starts_with('.') {
        return unit(&c.core, true);
    }
    unit(&c.core, false)
}

impl Expander<'_, '_> {
    /// Whether the chunks read so far are a measure modifying the next word (`a 12 oz. cup`).
    pub(super) fn attributive(&self) -> bool {
        self.attributive_unit(None)
    }

    /// [`Self::attributive`], knowing the singular reading of the unit.
    fn attributive_unit(&self, one: Option<&str>) -> bool {
        let last = self.i + self.consumed - 1;
        let glued = one.filter(|_| last == self.i);
        context::attributive(self.prev(), &self.cs[last], self.cs.get(last + 1), glued)
    }

    /// The unit's word in the number's grammatical number (singular when attributive).
    pub(super) fn unit(&mut self, (one, many): Unit, num: &Num) {
        let w = if num.is_one() || self.attributive_unit(Some(one)) {
            one
        } else {
            many
        };
        if w.split(' ').all(|p| p.len() == 1) {
            self.letters(w);
        } else {
            self.word(w);
        }
    }
}

impl Expander<'_, '_> {
    /// Whether the current chunk ends in an inch mark (`12"`): a double quote that closes no
    /// quotation opened before it.
    pub(super) fn inch_mark(&self) -> bool {
        let quotes = self.cs[..self.i]
            .iter()
            .map(|c| c.lead.matches('"').count() + c.trail.matches('"').count())
            .sum::<usize>()
            + self.cur().lead.matches('"').count();
        self.cur().trail.starts_with('"') && quotes.is_multiple_of(2)
    }

    /// Whether the current chunk ends in a foot mark (`13'`): an apostrophe that closes no
    /// quotation opened before it.
    fn foot_mark(&self) -> bool {
        let opened = self.cs[..=self.i]
            .iter()
            .filter(|c| c.lead.contains('\''))
            .count();
        self.cur().trail.starts_with('\'') && opened == 0
    }

    /// Feet and inches: `6'8"`, `13' 6"`, `a 9' ceiling`; `inches` are the digits after the
    /// foot mark inside this chunk, if any.
    pub(super) fn feet_inches(&mut self, num: &Num, inches: Option<&str>) -> bool {
        let inches = match inches {
            Some(i) if numbers::is_digits(i) && self.cur().trail.starts_with('"') => Some(i),
            Some(_) => return false,
            None if self.foot_mark() => {
                let next = self.chunk(1).filter(|n| {
                    self.cur().trail == "'"
                        && numbers::is_digits(&n.core)
                        && n.lead.is_empty()
                        && n.trail.starts_with('"')
                });
                if next.is_some() {
                    self.consumed = 2;
                }
                next.map(|n| n.core.as_str())
            }
            None => return false,
        };
        self.number(num);
        self.unit(("foot", "feet"), num);
        if let Some(i) = inches {
            self.parts(numbers::cardinal(i));
            self.word(if i == "1" { "inch" } else { "inches" });
        }
        true
    }

    /// A rate per hundred units after the number (`7.8 L/100 km`, `18 kWh/100km`).
    pub(super) fn per_hundred(&mut self, num: &Num) -> bool {
        let Some(next) = self.chunk(1).filter(|_| self.joined()) else {
            return false;
        };
        let Some((a, b)) = next.core.split_once("/100") else {
            return false;
        };
        let Some(u) = unit(a, true) else {
            return false;
        };
        let (per, used) = match unit(b, true) {
            Some(p) if !b.is_empty() => (p, 2),
            _ => match self
                .chunk(2)
                .filter(|_| b.is_empty() && next.trail.is_empty())
            {
                Some(c) => match unit_after(c) {
                    Some(p) => (p, 3),
                    None => return false,
                },
                None => return false,
            },
        };
        self.consumed = used;
        self.number(num);
        self.unit(u, num);
        self.word("per hundred");
        self.word(per.1);
        self.absorb_period(false);
        true
    }

    /// Dimensions written without spaces (`2x8`, `22×14×9in`): the sides joined by "by", then
    /// a unit attached to the last side or standing after it.
    pub(super) fn dimensions(&mut self, core: &str) -> bool {
        let Some(nums) = core
            .split(['x', '×'])
            .map(parse_num)
            .collect::<Option<Vec<Num>>>()
        else {
            return false;
        };
        let Some((last, sides)) = nums.split_last() else {
            return false;
        };
        if sides.is_empty() || sides.iter().any(|n| n.neg || !n.rest.is_empty()) {
            return false;
        }
        let tail = match last.rest {
            "" => None,
            r => match unit(r, true) {
                Some(u) => Some(u),
                None => return false,
            },
        };
        for (k, n) in nums.iter().enumerate() {
            if k > 0 {
                self.word("by");
            }
            self.number(n);
        }
        match tail {
            Some(u) => self.unit(u, last),
            None => self.range_unit(),
        }
        true
    }

    /// A unit after `per` (`per kWh`) reads in the singular, after a scale word (`100 million
    /// kg`) or a rate after a number glued to other text (`limit=50 km/h`) in the plural; `x`
    /// between numbers reads "by".
    pub(super) fn lone_unit(&mut self, core: &str) -> bool {
        let prev = self.prev().filter(|p| p.trail.is_empty());
        if prev.is_some_and(|p| p.core == "per") {
            if let Some(((one, _), used)) = unit_at(self.cs, self.i) {
                self.consumed = used;
                self.word(one);
                self.absorb_period(false);
                return true;
            }
        }
        let after_scale = prev
            .is_some_and(|p| super::money::scale(&p.core).is_some_and(|s| s == p.core))
            && self
                .prev_n(2)
                .is_some_and(|q| q.trail.is_empty() && q.starts_with_digit());
        if after_scale {
            if let Some(((_, many), used)) = unit_at(self.cs, self.i) {
                self.consumed = used;
                self.word(many);
                self.absorb_period(false);
                return true;
            }
        }
        let after_glued_number = prev.is_some_and(|p| {
            !p.starts_with_digit() && p.core.ends_with(|c: char| c.is_ascii_digit())
        });
        if after_glued_number && core.contains('/') {
            if let Some((_, many)) = unit_after(self.cur()) {
                self.word(many);
                self.absorb_period(false);
                return true;
            }
        }
        let between_numbers = prev.is_some_and(|p| p.starts_with_digit())
            && self.chunk(1).is_some_and(|n| n.starts_with_digit());
        if matches!(core, "x" | "×") && between_numbers && self.cur().trail.is_empty() {
            self.word("by");
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
            ("400 m", "four hundred meters"),
            ("1 m", "one meter"),
            ("42 km", "forty two kilometers"),
            ("42km", "forty two kilometers"),
            ("50 km/h", "fifty kilometers per hour"),
            ("60 mph", "sixty miles per hour"),
            ("6 ft", "six feet"),
            ("1.5 mi", "one point five miles"),
            ("2 L", "two liters"),
            ("5 kg", "five kilograms"),
            ("12°C", "twelve degrees celsius"),
            ("-3 °F", "minus three degrees fahrenheit"),
            ("90°", "ninety degrees"),
            ("2.4 GB", "two point four gigabytes"),
            ("5 min.", "five minutes ."),
            ("in 5 min. we", "in five minutes we"),
            ("3 hrs", "three hours"),
            ("1 hr", "one hour"),
            ("5 s", "five S"),
            ("5s", "five seconds"),
            ("100 g", "one hundred grams"),
            ("3x", "three times"),
            ("60%", "sixty percent"),
            ("15%.", "fifteen percent ."),
            ("2.5%", "two point five percent"),
            ("100 %", "one hundred percent"),
            ("12 gal", "twelve gallons"),
            ("32 psi", "thirty two P S I"),
            ("150 kW", "one hundred fifty kilowatts"),
            ("75 kWh", "seventy five kilowatt hours"),
            ("I am in 5 in", "i am in five in"),
            ("a 12in pipe", "a twelve inch pipe"),
            ("2 wks", "two weeks"),
            ("12KG", "twelve kilograms"),
            ("3 Mbps", "three megabits per second"),
            ("80 m2", "eighty square meters"),
            ("100 million kg", "one hundred million kilograms"),
            ("12kg/kg", "twelve kilograms per kilogram"),
            ("45ºC", "forty five degrees celsius"),
            ("5 km³", "five cubic kilometers"),
            ("6 ft 8 in.", "six feet eight inches ."),
            ("2 in. of snow", "two inches of snow"),
            ("$0.45 per kWh", "forty five cents per kilowatt hour"),
            ("22 x 14 x 9 in.", "twenty two by fourteen by nine inches ."),
            ("a 4x6 print", "a four by six print"),
            ("limit=50 km/h", "limit equals fifty kilometers per hour"),
            ("a 15\" laptop", "a fifteen inch laptop"),
            ("cut to 2.5\"", "cut to two point five inches"),
            ("he said \"wait 5\" and left", "he said wait five and left"),
            ("10x12 ft", "ten by twelve feet"),
            ("3×5cm", "three by five centimeters"),
            ("0x1F", "zero X one F"),
            ("45/kg", "forty five per kilogram"),
            ("8 cc/min", "eight C C per minute"),
            ("9.5 L/cycle", "nine point five liters per cycle"),
            ("3 cc/s", "three C C per second"),
            ("0.9 kWh/load", "zero point nine kilowatt hours per load"),
            ("350 kWh/yr", "three hundred fifty kilowatt hours per year"),
            (
                "1200-1500 kg",
                "one thousand two hundred to one thousand five hundred kilograms",
            ),
            (
                "1800-2000kWh",
                "one thousand eight hundred to two thousand kilowatt hours",
            ),
            ("clearance 11'6\"", "clearance eleven feet six inches"),
            ("a 10' pole", "a ten foot pole"),
            ("height 7' 2\" max", "height seven feet two inches max"),
            (
                "uses 6.2 L/100 km",
                "uses six point two liters per hundred kilometers",
            ),
            (
                "gas 1.65 £/L",
                "gas one pound and sixty five pence per liter",
            ),
            ("a 40 t truck", "a forty ton truck"),
            (
                "pressure 1013 hPa",
                "pressure one thousand thirteen hectopascals",
            ),
            ("a 30-min ride", "a thirty minute ride"),
            ("the 5-mi loop", "the five mile loop"),
        ]);
    }

    #[test]
    fn prefixed_powered_and_two_word_units() {
        check(&[
            ("12 µg", "twelve micrograms"),
            ("12 μg", "twelve micrograms"),
            ("40µs", "forty microseconds"),
            ("1 µs", "one microsecond"),
            ("2.5 µm", "two point five micrometers"),
            ("100 mcg", "one hundred micrograms"),
            ("850 ppm", "eight hundred fifty parts per million"),
            ("30 ppb", "thirty parts per billion"),
            ("1 ppm", "one part per million"),
            ("35 µg/m³", "thirty five micrograms per cubic meter"),
            ("2.5 m³", "two point five cubic meters"),
            ("40 m²", "forty square meters"),
            ("12 ft²", "twelve square feet"),
            ("3 ft³", "three cubic feet"),
            ("10 m^2", "ten square meters"),
            ("5000 mAh", "five thousand milliamp hours"),
            ("12 kWh", "twelve kilowatt hours"),
            ("65W", "sixty five watts"),
            ("500 Wh", "five hundred watt hours"),
            ("1,200 sq ft", "one thousand two hundred square feet"),
            ("45 sq. m", "forty five square meters"),
            ("3.5 cu. ft.", "three point five cubic feet ."),
            ("3.5 cu. ft. drum", "three point five cubic foot drum"),
            ("4.5 cu ft. Spin", "four point five cubic feet . spin"),
            ("2 tsp", "two teaspoons"),
            ("1 tbsp", "one tablespoon"),
            ("2 Tbsp", "two tablespoons"),
            ("8 fl oz", "eight fluid ounces"),
            ("12 fl. oz.", "twelve fluid ounces ."),
            ("$3 per sq ft", "three dollars per square foot"),
            ("400-600 sq ft", "four hundred to six hundred square feet"),
            ("2 sq mi", "two square miles"),
            ("30 fps", "thirty frames per second"),
            ("12MP", "twelve megapixels"),
        ]);
    }
}
