//! Money: `$34.50`, `£1.50`, `$3.5 million`, `$5M`, `5$`, `59¢`.

use super::cardinal::{parse_num, Num};
use super::measure::{self, Unit};
use super::numbers;
use super::Expander;

/// A currency symbol's (major unit, minor unit) readings as (singular, plural) pairs.
pub fn currency(c: char) -> Option<(Unit, Unit)> {
    Some(match c {
        '$' => (("dollar", "dollars"), ("cent", "cents")),
        '£' => (("pound", "pounds"), ("penny", "pence")),
        '€' => (("euro", "euros"), ("cent", "cents")),
        '¥' => (("yen", "yen"), ("sen", "sen")),
        '₩' => (("won", "won"), ("jeon", "jeon")),
        '₹' => (("rupee", "rupees"), ("paisa", "paise")),
        _ => return None,
    })
}

/// Dollar currencies written with a country prefix (`US$`, `A$`), with their readings.
const PREFIXED_DOLLARS: [(&str, Unit); 8] = [
    ("US", ("US dollar", "US dollars")),
    ("A", ("Australian dollar", "Australian dollars")),
    ("AU", ("Australian dollar", "Australian dollars")),
    ("C", ("Canadian dollar", "Canadian dollars")),
    ("CA", ("Canadian dollar", "Canadian dollars")),
    ("NZ", ("New Zealand dollar", "New Zealand dollars")),
    ("HK", ("Hong Kong dollar", "Hong Kong dollars")),
    ("S", ("Singapore dollar", "Singapore dollars")),
];

/// `US$76` → the currency of the prefix and the amount after the `$`.
pub fn prefixed_dollar(core: &str) -> Option<((Unit, Unit), &str)> {
    let (prefix, amount) = core.split_once('$')?;
    let (_, major) = PREFIXED_DOLLARS.iter().find(|(p, _)| *p == prefix)?;
    let (_, minor) = currency('$')?;
    amount
        .starts_with(|c: char| c.is_ascii_digit() || c == '.')
        .then_some(((*major, minor), amount))
}

/// Fraction digits of an amount as cents: zeros past the second place dropped (`.500` → `50`);
/// `None` when a nonzero digit follows the cents (`.999`).
fn cents_digits(f: &str) -> Option<&str> {
    let (cents, beyond) = f.split_at(f.len().min(2));
    beyond.bytes().all(|b| b == b'0').then_some(cents)
}

/// Scale words that may follow a number (`$3.5 million`), with attached short forms.
pub fn scale(s: &str) -> Option<&'static str> {
    Some(match s {
        "thousand" | "k" | "K" => "thousand",
        "million" | "M" | "m" | "mn" | "mil" => "million",
        "billion" | "B" | "bn" | "b" => "billion",
        "trillion" | "T" | "tn" => "trillion",
        _ => return None,
    })
}

impl Expander<'_, '_> {
    /// An amount in cents (`59¢`, `99¢/lb`), `tail` being what follows the `¢`.
    pub(super) fn cents_sign(&mut self, num: &Num, tail: &str) -> bool {
        let per = tail.strip_prefix('/').and_then(measure::per_unit_word);
        if !tail.is_empty() && per.is_none() {
            return false;
        }
        if num.neg {
            self.word("minus");
        }
        self.number(num);
        self.word(if num.is_one() { "cent" } else { "cents" });
        if let Some(u) = per {
            self.word("per");
            self.word(u);
        }
        true
    }

    /// A number before a currency per unit (`1.79 €/L`): the amount in that currency per unit.
    pub(super) fn price_per_unit(&mut self, num: &Num) -> bool {
        let Some(next) = self.chunk(1).filter(|_| self.joined()) else {
            return false;
        };
        let mut chars = next.core.chars();
        let Some((major, minor)) = chars.next().and_then(currency) else {
            return false;
        };
        let Some(u) = chars.as_str().strip_prefix('/') else {
            return false;
        };
        if measure::per_unit_word(u).is_none() || num.neg {
            return false;
        }
        let amount = match num.frac {
            Some(f) => format!("{}.{f}/{u}", num.int),
            None => format!("{}/{u}", num.int),
        };
        self.consumed = 2;
        self.money(&amount, major, minor);
        self.absorb_period(false);
        true
    }

    /// An amount after (or before) a currency symbol.
    pub(super) fn money(&mut self, amount: &str, major: Unit, minor: Unit) -> bool {
        let Some(num) = parse_num(amount) else {
            if !amount.is_empty() {
                return false;
            }
            self.word(major.0);
            return true;
        };
        let scale_word = scale(num.rest).or_else(|| {
            self.chunk(1)
                .filter(|_| self.joined())
                .and_then(|n| scale(&n.core).filter(|s| *s == n.core || n.core.len() <= 2))
        });
        let per = num
            .rest
            .strip_prefix('/')
            .filter(|u| !u.is_empty() && u.chars().all(|c| c.is_ascii_alphabetic()));
        if !num.rest.is_empty() && scale(num.rest).is_none() && per.is_none() {
            return false;
        }
        if num.neg {
            self.word("minus");
        }
        if let Some(s) = scale_word {
            if num.rest.is_empty() {
                self.consumed = 2;
            }
            self.parts(match num.frac {
                Some(f) => numbers::decimal(&num.int, f),
                None => numbers::cardinal(&num.int),
            });
            self.word(s);
            self.word(major.1);
            return true;
        }
        let cents = match num.frac.map(|f| (f, cents_digits(f))) {
            Some((_, Some(c))) if c.len() == 2 => c.trim_start_matches('0').to_string(),
            Some((_, Some(c))) => format!("{c}0"),
            Some((f, None)) => {
                self.parts(numbers::decimal(&num.int, f));
                self.word(major.1);
                return true;
            }
            None => String::new(),
        };
        let whole = num.int.trim_start_matches('0');
        if !whole.is_empty() || cents.is_empty() {
            self.parts(numbers::cardinal(if whole.is_empty() {
                "0"
            } else {
                &num.int
            }));
            let one = whole == "1" || (cents.is_empty() && self.attributive());
            self.word(if one { major.0 } else { major.1 });
        }
        if !cents.is_empty() {
            if !whole.is_empty() {
                self.word("and");
            }
            self.parts(numbers::cardinal(&cents));
            self.word(if cents == "1" { minor.0 } else { minor.1 });
        }
        if let Some(u) = per {
            self.word("per");
            match measure::per_unit_word(u) {
                Some(one) => self.word(one),
                None => self.word(u),
            }
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
            ("$34.50", "thirty four dollars and fifty cents"),
            (
                "$1,284.07",
                "one thousand two hundred eighty four dollars and seven cents",
            ),
            ("$1", "one dollar"),
            ("$5.00", "five dollars"),
            ("$0.50", "fifty cents"),
            ("$0.01", "one cent"),
            ("$2.5", "two dollars and fifty cents"),
            ("$3.5 million", "three point five million dollars"),
            ("$5M", "five million dollars"),
            ("$2bn", "two billion dollars"),
            ("£20", "twenty pounds"),
            ("£1.50", "one pound and fifty pence"),
            ("€15", "fifteen euros"),
            ("¥500", "five hundred yen"),
            ("$-5", "minus five dollars"),
            ("5$", "five dollars"),
            ("$", "dollar"),
            ("$€", "dollar euro"),
            ("$1.999", "one point nine nine nine dollars"),
            ("$3.500", "three dollars and fifty cents"),
            ("$7.010", "seven dollars and one cent"),
            ("$4.000", "four dollars"),
            ("$.05", "five cents"),
            ("US$40", "forty us dollars"),
            ("A$2.5 billion", "two point five billion australian dollars"),
            ("$12/d", "twelve dollars per day"),
            ("$9/mo.", "nine dollars per month ."),
            ("$4.19/gal", "four dollars and nineteen cents per gallon"),
            ("₩460 billion", "four hundred sixty billion won"),
            ("¥30 b", "thirty billion yen"),
            ("$149/night", "one hundred forty nine dollars per night"),
            ("$1.99/lb.", "one dollar and ninety nine cents per pound ."),
            (
                "Total due: $34.50. Thank you!",
                "total due : thirty four dollars and fifty cents . thank you !",
            ),
            ("gum 75¢", "gum seventy five cents"),
            ("1¢ coin", "one cent coin"),
            ("apples 89¢/lb", "apples eighty nine cents per pound"),
        ]);
    }
}
