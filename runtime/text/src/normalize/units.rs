//! Units of measure and currencies read after numbers.

/// A unit's singular and plural reading.
pub type Unit = (&'static str, &'static str);

/// Unit abbreviations (case-sensitive) and their readings.
const UNITS: [(&str, Unit); 58] = [
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
];

/// Units that are also common words, read as units only when attached to the number (`5s`).
const ATTACHED_ONLY: [&str; 3] = ["s", "x", "l"];

/// The reading of a unit abbreviation; `attached` tells whether it touched the number.
pub fn unit(s: &str, attached: bool) -> Option<Unit> {
    let s = s.strip_suffix('.').unwrap_or(s);
    if !attached && ATTACHED_ONLY.contains(&s) {
        return None;
    }
    UNITS.iter().find(|(k, _)| *k == s).map(|(_, u)| *u)
}

/// A currency symbol's (major unit, minor unit) readings as (singular, plural) pairs.
pub fn currency(c: char) -> Option<(Unit, Unit)> {
    Some(match c {
        '$' => (("dollar", "dollars"), ("cent", "cents")),
        '£' => (("pound", "pounds"), ("penny", "pence")),
        '€' => (("euro", "euros"), ("cent", "cents")),
        '¥' => (("yen", "yen"), ("sen", "sen")),
        _ => return None,
    })
}

/// Scale words that may follow a number (`$3.5 million`), with attached short forms.
pub fn scale(s: &str) -> Option<&'static str> {
    Some(match s {
        "thousand" | "k" | "K" => "thousand",
        "million" | "M" | "m" | "mn" => "million",
        "billion" | "B" | "bn" | "b" => "billion",
        "trillion" | "T" | "tn" => "trillion",
        _ => return None,
    })
}
