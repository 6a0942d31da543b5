//! Numbers as English words: cardinals, ordinals, years, decimals, fractions and digit strings.

/// Longest digit string read as one cardinal (up to hundreds of trillions).
pub const MAX_CARDINAL_DIGITS: usize = 15;

/// Digits per spoken group when a number is too long for a cardinal.
pub const DIGIT_GROUP: usize = 3;

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const SCALES: [&str; 7] = [
    "",
    "thousand",
    "million",
    "billion",
    "trillion",
    "quadrillion",
    "quintillion",
];

/// Longest digit string read as one cardinal when written with grouping commas.
pub const MAX_GROUPED_DIGITS: usize = 21;

/// One spoken piece of a number: a word, or a pause between digit groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// An English word.
    Word(&'static str),
    /// A short pause (comma).
    Pause,
}

fn under_100(n: usize, out: &mut Vec<&'static str>) {
    if n < 20 {
        out.push(ONES[n]);
    } else {
        out.push(TENS[n / 10]);
        if !n.is_multiple_of(10) {
            out.push(ONES[n % 10]);
        }
    }
}

fn under_1000(n: usize, out: &mut Vec<&'static str>) {
    if n >= 100 {
        out.push(ONES[n / 100]);
        out.push("hundred");
        if !n.is_multiple_of(100) {
            under_100(n % 100, out);
        }
    } else {
        under_100(n, out);
    }
}

/// Whether `s` is a non-empty ASCII digit string.
pub fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Words for a digit string read as a cardinal; too-long strings are read in digit groups.
pub fn cardinal(digits: &str) -> Vec<Part> {
    cardinal_up_to(digits, MAX_CARDINAL_DIGITS)
}

/// Words for a number written with grouping commas (up to [`MAX_GROUPED_DIGITS`] digits).
pub fn cardinal_grouped(digits: &str) -> Vec<Part> {
    cardinal_up_to(digits, MAX_GROUPED_DIGITS)
}

fn cardinal_up_to(digits: &str, max: usize) -> Vec<Part> {
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        let only: String = digits.chars().filter(char::is_ascii_digit).collect();
        return cardinal(&only);
    }
    let trimmed = digits.trim_start_matches('0');
    if trimmed.is_empty() {
        return if digits.is_empty() {
            Vec::new()
        } else {
            vec![Part::Word("zero")]
        };
    }
    if trimmed.len() > max.min(MAX_GROUPED_DIGITS) {
        return digit_groups(digits);
    }
    let groups: Vec<usize> = {
        let b = trimmed.as_bytes();
        let mut v = Vec::new();
        let mut end = b.len();
        while end > 0 {
            let start = end.saturating_sub(3);
            v.push(
                b[start..end]
                    .iter()
                    .fold(0usize, |a, d| a * 10 + usize::from(d - b'0')),
            );
            end = start;
        }
        v
    };
    let mut words = Vec::new();
    for (i, &g) in groups.iter().enumerate().rev() {
        if g == 0 {
            continue;
        }
        under_1000(g, &mut words);
        if i > 0 {
            words.push(SCALES[i]);
        }
    }
    words.into_iter().map(Part::Word).collect()
}

/// Words for a small number.
pub fn cardinal_n(n: usize) -> Vec<Part> {
    cardinal(&n.to_string())
}

/// Each digit as a word (`0` as "zero").
pub fn digits(s: &str) -> Vec<Part> {
    s.bytes()
        .filter(u8::is_ascii_digit)
        .map(|d| Part::Word(ONES[usize::from(d - b'0')]))
        .collect()
}

/// Digit by digit, with a pause after every [`DIGIT_GROUP`] digits.
pub fn digit_groups(s: &str) -> Vec<Part> {
    let mut out = Vec::new();
    let ds: Vec<u8> = s.bytes().filter(u8::is_ascii_digit).collect();
    for (i, chunk) in ds.chunks(DIGIT_GROUP).enumerate() {
        if i > 0 {
            out.push(Part::Pause);
        }
        out.extend(
            chunk
                .iter()
                .map(|d| Part::Word(ONES[usize::from(d - b'0')])),
        );
    }
    out
}

fn ordinal_word(w: &'static str) -> &'static str {
    match w {
        "one" => "first",
        "two" => "second",
        "three" => "third",
        "four" => "fourth",
        "five" => "fifth",
        "six" => "sixth",
        "seven" => "seventh",
        "eight" => "eighth",
        "nine" => "ninth",
        "ten" => "tenth",
        "eleven" => "eleventh",
        "twelve" => "twelfth",
        "thirteen" => "thirteenth",
        "fourteen" => "fourteenth",
        "fifteen" => "fifteenth",
        "sixteen" => "sixteenth",
        "seventeen" => "seventeenth",
        "eighteen" => "eighteenth",
        "nineteen" => "nineteenth",
        "twenty" => "twentieth",
        "thirty" => "thirtieth",
        "forty" => "fortieth",
        "fifty" => "fiftieth",
        "sixty" => "sixtieth",
        "seventy" => "seventieth",
        "eighty" => "eightieth",
        "ninety" => "ninetieth",
        "hundred" => "hundredth",
        "thousand" => "thousandth",
        "million" => "millionth",
        "billion" => "billionth",
        "trillion" => "trillionth",
        "zero" => "zeroth",
        other => other,
    }
}

fn plural_word(w: &'static str) -> &'static str {
    match w {
        "twenty" => "twenties",
        "thirty" => "thirties",
        "forty" => "forties",
        "fifty" => "fifties",
        "sixty" => "sixties",
        "seventy" => "seventies",
        "eighty" => "eighties",
        "ninety" => "nineties",
        "hundred" => "hundreds",
        "thousand" => "thousands",
        "ten" => "tens",
        other => other,
    }
}

fn map_last(mut parts: Vec<Part>, f: fn(&'static str) -> &'static str) -> Vec<Part> {
    if let Some(Part::Word(w)) = parts.last_mut() {
        *w = f(w);
    }
    parts
}

/// Ordinal words for a digit string (`21` → "twenty first").
pub fn ordinal(digits: &str) -> Vec<Part> {
    map_last(cardinal(digits), ordinal_word)
}

/// Plural of a number's words, for decades (`1990s` → "nineteen nineties").
pub fn plural(parts: Vec<Part>) -> Vec<Part> {
    map_last(parts, plural_word)
}

/// Whether a 4-digit string is read as a year.
pub fn is_year(s: &str) -> bool {
    s.len() == 4 && is_digits(s) && matches!(s.parse::<u32>(), Ok(1100..=2099))
}

/// Words for a year (`1921` → "nineteen twenty one", `2005` → "two thousand five").
pub fn year(s: &str) -> Vec<Part> {
    let n: usize = s.parse().unwrap_or(0);
    if !(1000..10000).contains(&n) || (2000..2010).contains(&n) {
        return cardinal(s);
    }
    let (hi, lo) = (n / 100, n % 100);
    let mut w = Vec::new();
    under_100(hi, &mut w);
    match lo {
        0 => w.push("hundred"),
        1..=9 => {
            w.push("oh");
            w.push(ONES[lo]);
        }
        _ => under_100(lo, &mut w),
    }
    w.into_iter().map(Part::Word).collect()
}

/// Reading of 3–4 digit identifiers such as room or house numbers (`214` → "two fourteen").
pub fn nominal(s: &str) -> Vec<Part> {
    if !is_digits(s) || s.starts_with('0') || !(3..=4).contains(&s.len()) {
        return if s.starts_with('0') && s.len() > 1 {
            digits(s)
        } else {
            cardinal(s)
        };
    }
    let n: usize = s.parse().unwrap_or(0);
    let (hi, lo) = (n / 100, n % 100);
    if lo == 0 && s.len() == 4 && hi % 10 != 0 {
        let mut w = Vec::new();
        under_100(hi, &mut w);
        w.push("hundred");
        return w.into_iter().map(Part::Word).collect();
    }
    if lo == 0 || (lo < 10 && s.len() == 4 && hi % 10 == 0) {
        return cardinal(s);
    }
    if lo < 10 {
        let mut w = Vec::new();
        under_100(hi, &mut w);
        w.extend(["oh", ONES[lo]]);
        return w.into_iter().map(Part::Word).collect();
    }
    let mut w = Vec::new();
    under_100(hi, &mut w);
    under_100(lo, &mut w);
    w.into_iter().map(Part::Word).collect()
}

/// Digits after a decimal point, read one by one.
pub fn decimal(int: &str, frac: &str) -> Vec<Part> {
    let mut out = cardinal(int);
    if !frac.is_empty() {
        out.push(Part::Word("point"));
        out.extend(digits(frac));
    }
    out
}

/// Largest denominator read as a fraction (`31/32` → "thirty one thirty seconds").
pub const MAX_DENOMINATOR: usize = 100;

fn plural_ordinal(w: &'static str) -> &'static str {
    match w {
        "first" => "firsts",
        "second" => "seconds",
        "third" => "thirds",
        "fourth" => "fourths",
        "fifth" => "fifths",
        "sixth" => "sixths",
        "seventh" => "sevenths",
        "eighth" => "eighths",
        "ninth" => "ninths",
        "tenth" => "tenths",
        "eleventh" => "elevenths",
        "twelfth" => "twelfths",
        "thirteenth" => "thirteenths",
        "fourteenth" => "fourteenths",
        "fifteenth" => "fifteenths",
        "sixteenth" => "sixteenths",
        "seventeenth" => "seventeenths",
        "eighteenth" => "eighteenths",
        "nineteenth" => "nineteenths",
        "twentieth" => "twentieths",
        "thirtieth" => "thirtieths",
        "fortieth" => "fortieths",
        "fiftieth" => "fiftieths",
        "sixtieth" => "sixtieths",
        "seventieth" => "seventieths",
        "eightieth" => "eightieths",
        "ninetieth" => "ninetieths",
        "hundredth" => "hundredths",
        other => other,
    }
}

/// A fraction `num/den` (`3/4` → "three quarters"); `None` if the denominator is out of range.
pub fn fraction(num: &str, den: &str) -> Option<Vec<Part>> {
    let d: usize = den.parse().ok()?;
    let n: usize = num.parse().ok()?;
    if !(2..=MAX_DENOMINATOR).contains(&d) || num.len() > 3 {
        return None;
    }
    let mut out = cardinal(num);
    match d {
        2 => out.push(Part::Word(if n == 1 { "half" } else { "halves" })),
        4 => out.push(Part::Word(if n == 1 { "quarter" } else { "quarters" })),
        _ => {
            let mut den_words = ordinal(den);
            if n != 1 {
                den_words = map_last(den_words, plural_ordinal);
            }
            out.extend(den_words);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(parts: Vec<Part>) -> String {
        parts
            .iter()
            .map(|p| match p {
                Part::Word(w) => *w,
                Part::Pause => ",",
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    type Reader = fn(&str) -> Vec<Part>;

    #[test]
    fn table() {
        let cases: &[(Reader, &str, &str)] = &[
            (cardinal, "0", "zero"),
            (cardinal, "7", "seven"),
            (cardinal, "13", "thirteen"),
            (cardinal, "40", "forty"),
            (cardinal, "127", "one hundred twenty seven"),
            (cardinal, "1000", "one thousand"),
            (cardinal, "1284", "one thousand two hundred eighty four"),
            (cardinal, "1000000", "one million"),
            (cardinal, "2000001", "two million one"),
            (cardinal, "007", "seven"),
            (
                cardinal,
                "999999999999999",
                "nine hundred ninety nine trillion nine hundred ninety nine billion nine hundred ninety nine million nine hundred ninety nine thousand nine hundred ninety nine",
            ),
            (cardinal, "1234567890123456", "one two three , four five six , seven eight nine , zero one two , three four five , six"),
            (ordinal, "1", "first"),
            (ordinal, "2", "second"),
            (ordinal, "3", "third"),
            (ordinal, "5", "fifth"),
            (ordinal, "12", "twelfth"),
            (ordinal, "21", "twenty first"),
            (ordinal, "30", "thirtieth"),
            (ordinal, "100", "one hundredth"),
            (year, "1921", "nineteen twenty one"),
            (year, "1900", "nineteen hundred"),
            (year, "1905", "nineteen oh five"),
            (year, "2000", "two thousand"),
            (year, "2005", "two thousand five"),
            (year, "2027", "twenty twenty seven"),
            (year, "1887", "eighteen eighty seven"),
            (nominal, "214", "two fourteen"),
            (nominal, "221", "two twenty one"),
            (nominal, "200", "two hundred"),
            (nominal, "101", "one oh one"),
            (nominal, "4500", "forty five hundred"),
            (nominal, "2000", "two thousand"),
            (nominal, "1204", "twelve oh four"),
            (nominal, "1507", "fifteen oh seven"),
            (nominal, "2005", "two thousand five"),
            (nominal, "2200", "twenty two hundred"),
            (nominal, "1600", "sixteen hundred"),
            (nominal, "1450", "fourteen fifty"),
            (digits, "0123", "zero one two three"),
        ];
        for (f, input, want) in cases {
            assert_eq!(s(f(input)), *want, "{input}");
        }
    }

    #[test]
    fn fractions_and_decimals() {
        assert_eq!(s(fraction("1", "2").unwrap()), "one half");
        assert_eq!(s(fraction("3", "4").unwrap()), "three quarters");
        assert_eq!(s(fraction("2", "3").unwrap()), "two thirds");
        assert_eq!(s(fraction("1", "8").unwrap()), "one eighth");
        assert!(fraction("1", "0").is_none());
        assert!(fraction("1", "2000").is_none());
        assert_eq!(
            s(fraction("31", "32").unwrap()),
            "thirty one thirty seconds"
        );
        assert_eq!(s(decimal("1", "5")), "one point five");
        assert_eq!(s(decimal("", "25")), "point two five");
        assert_eq!(s(plural(year("1990"))), "nineteen nineties");
    }
}
