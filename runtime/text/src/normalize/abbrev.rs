//! Abbreviations, symbols, month and day names.

/// Abbreviations read the same in any context (matched case-sensitively, period optional).
const ABBREVIATIONS: [(&str, &str); 44] = [
    ("Mr", "mister"),
    ("Mrs", "missus"),
    ("Ms", "miz"),
    ("Prof", "professor"),
    ("Jr", "junior"),
    ("Sr", "senior"),
    ("Ave", "avenue"),
    ("Blvd", "boulevard"),
    ("Rd", "road"),
    ("Ln", "lane"),
    ("Hwy", "highway"),
    ("Apt", "apartment"),
    ("apt", "apartment"),
    ("est", "established"),
    ("Est", "established"),
    ("etc", "et cetera"),
    ("vs", "versus"),
    ("approx", "approximately"),
    ("Approx", "approximately"),
    ("dept", "department"),
    ("Dept", "department"),
    ("Gov", "governor"),
    ("Sen", "senator"),
    ("Rep", "representative"),
    ("Capt", "captain"),
    ("Sgt", "sergeant"),
    ("Lt", "lieutenant"),
    ("Gen", "general"),
    ("Col", "colonel"),
    ("Mt", "mount"),
    ("Ft", "fort"),
    ("Jan", "january"),
    ("Feb", "february"),
    ("Mar", "march"),
    ("Apr", "april"),
    ("Jun", "june"),
    ("Jul", "july"),
    ("Aug", "august"),
    ("Sep", "september"),
    ("Sept", "september"),
    ("Oct", "october"),
    ("Nov", "november"),
    ("Dec", "december"),
    ("tel", "telephone"),
];

/// Abbreviations that need their period to be read as such (otherwise they are words).
const DOTTED: [(&str, &str); 14] = [
    ("Mon", "monday"),
    ("Tue", "tuesday"),
    ("Tues", "tuesday"),
    ("Wed", "wednesday"),
    ("Thu", "thursday"),
    ("Thur", "thursday"),
    ("Thurs", "thursday"),
    ("Fri", "friday"),
    ("Sat", "saturday"),
    ("Sun", "sunday"),
    ("hrs", "hours"),
    ("min", "minutes"),
    ("ext", "extension"),
    ("Co", "company"),
];

/// Abbreviations that always precede what they qualify, so their period never ends a sentence.
pub const TITLES: [&str; 10] = [
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Mt", "Ft", "No", "Apt",
];

/// Month names, January first.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The expansion of an abbreviation; `dotted` tells whether a period followed it.
pub fn expand(word: &str, dotted: bool) -> Option<&'static str> {
    ABBREVIATIONS
        .iter()
        .chain(if dotted { DOTTED.iter() } else { [].iter() })
        .find(|(k, _)| *k == word)
        .map(|(_, v)| *v)
}

/// The month number (1–12) of a month name or abbreviation.
pub fn month(word: &str) -> Option<usize> {
    let lower = word.to_ascii_lowercase();
    if let Some(i) = MONTHS.iter().position(|m| *m == lower) {
        return Some(i + 1);
    }
    let full = expand(word, true)?;
    MONTHS.iter().position(|m| *m == full).map(|i| i + 1)
}

/// Dotted letter abbreviations with a non-spelled reading (`e.g.`).
pub fn dotted_phrase(word: &str) -> Option<&'static str> {
    Some(match word.to_ascii_lowercase().as_str() {
        "e.g" => "for example",
        "i.e" => "that is",
        "etc" => "et cetera",
        _ => return None,
    })
}

/// The reading of a symbol character on its own.
pub fn symbol(c: char, before_digit: bool) -> Option<&'static str> {
    Some(match c {
        '&' => "and",
        '@' => "at",
        '#' if before_digit => "number",
        '#' => "pound",
        '*' => "star",
        '+' => "plus",
        '=' => "equals",
        '/' => "slash",
        '%' => "percent",
        '°' => "degrees",
        '<' => "less than",
        '>' => "greater than",
        '~' => "about",
        '$' => "dollars",
        '€' => "euros",
        '£' => "pounds",
        '¥' => "yen",
        '§' => "section",
        '×' => "times",
        '\\' => "backslash",
        '_' => "underscore",
        '|' => "bar",
        '^' => "caret",
        _ => return None,
    })
}

/// Two-letter words that are read as letters when written in capitals.
pub const CAPITAL_ACRONYMS: [&str; 9] = ["US", "UK", "EU", "TV", "PC", "ID", "OK", "AI", "UN"];
