//! Chemical formulas written with subscript digits (`CO₂`, `H₂O`, `PM₂.₅`): the letters spelled,
//! each subscript number read as a number ("C O two").

use super::numbers;
use super::Expander;

/// The ASCII digit of a subscript digit (`₂` → `2`).
fn subscript_digit(c: char) -> Option<char> {
    let d = (c as u32).checked_sub('₀' as u32)?;
    (d < 10).then(|| char::from(b'0' + d as u8))
}

/// Whether `core` is a formula: ASCII letters and subscript digits (a `.` only between
/// subscripts), starting with a capital, with at least one subscript.
fn is_formula(core: &str) -> bool {
    let chars: Vec<char> = core.chars().collect();
    chars.first().is_some_and(char::is_ascii_uppercase)
        && chars.iter().any(|&c| subscript_digit(c).is_some())
        && chars.iter().enumerate().all(|(k, &c)| {
            c.is_ascii_alphabetic()
                || subscript_digit(c).is_some()
                || (c == '.'
                    && k > 0
                    && subscript_digit(chars[k - 1]).is_some()
                    && chars.get(k + 1).and_then(|&n| subscript_digit(n)).is_some())
        })
}

impl Expander<'_, '_> {
    /// A formula with subscript digits: letters by name, subscripts as numbers.
    pub(super) fn chemical(&mut self, core: &str) -> bool {
        if !is_formula(core) {
            return false;
        }
        let mut digits = String::new();
        let mut frac: Option<String> = None;
        let flush = |e: &mut Self, digits: &mut String, frac: &mut Option<String>| {
            if digits.is_empty() {
                return;
            }
            match frac.take() {
                Some(f) => e.parts(numbers::decimal(digits, &f)),
                None => e.parts(numbers::cardinal(digits)),
            }
            digits.clear();
        };
        for c in core.chars() {
            if let Some(d) = subscript_digit(c) {
                match frac.as_mut() {
                    Some(f) => f.push(d),
                    None => digits.push(d),
                }
            } else if c == '.' {
                frac = Some(String::new());
            } else {
                flush(self, &mut digits, &mut frac);
                self.letters(&c.to_string());
            }
        }
        flush(self, &mut digits, &mut frac);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;

    #[test]
    fn table() {
        check(&[
            ("CO₂", "C O two"),
            ("CO₂ level", "C O two level"),
            ("H₂O", "H two O"),
            ("NO₂ is high.", "N O two is high ."),
            ("C₆H₁₂O₆", "C six H twelve O six"),
            ("PM₂.₅", "P M two point five"),
            ("CaCO₃", "C A C O three"),
            ("O₃ alert", "O three alert"),
            ("CO₂e", "C O two E"),
            ("₂", ""),
        ]);
    }
}
