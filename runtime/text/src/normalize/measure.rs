//! Measures: a number with a unit (`42 km`, `12°C`, `60%`, `3.5 gal`).

use super::cardinal::Num;
use super::Expander;

/// A unit's singular and plural reading.
pub type Unit = (&'static str, &'static str);

/// Unit abbreviations (case-sensitive) and their readings.
const UNITS: [(&str, Unit); 79] = [
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
    ("dB", ("decibel", "decibels")),
    (
        "mi/kWh",
        ("mile per kilowatt hour", "miles per kilowatt hour"),
    ),
];

/// Units that are also common words, read as units only when attached to the number (`5s`).
const ATTACHED_ONLY: [&str; 4] = ["s", "x", "l", "in"];

/// The reading of a unit abbreviation; `attached` tells whether it touched the number.
pub fn unit(s: &str, attached: bool) -> Option<Unit> {
    let s = s.strip_suffix('.').unwrap_or(s);
    if !attached && ATTACHED_ONLY.contains(&s) {
        return None;
    }
    UNITS.iter().find(|(k, _)| *k == s).map(|(_, u)| *u)
}

impl Expander<'_, '_> {
    /// The unit's word in the number's grammatical number.
    pub(super) fn unit(&mut self, (one, many): Unit, num: &Num) {
        let w = if num.is_one() { one } else { many };
        if w.split(' ').all(|p| p.len() == 1) {
            self.letters(w);
        } else {
            self.word(w);
        }
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
            ("a 12in pipe", "a twelve inches pipe"),
            ("2 wks", "two weeks"),
        ]);
    }
}
