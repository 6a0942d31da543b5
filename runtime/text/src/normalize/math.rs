//! Equations: `1-2=5`, `y=x +1`, `1- 2 = 5`: inside a sentence with an equals sign, `-`
//! between operands is "minus" and `+` is "plus".

use super::numbers;
use super::Expander;

/// The reading of an operator character in an equation.
fn operator(c: char) -> Option<&'static str> {
    Some(match c {
        '=' => "equals",
        '+' => "plus",
        '-' | '–' | '−' => "minus",
        '*' | '×' => "times",
        '/' => "divided by",
        _ => return None,
    })
}

/// Whether an operand is a number or a one-letter variable.
fn operand(s: &str) -> bool {
    numbers::is_digits(s) || s.len() == 1 && s.chars().all(|c| c.is_ascii_alphabetic())
}

impl Expander<'_, '_> {
    /// A chunk of operands and operators in a sentence that has an equals sign.
    pub(super) fn equation(&mut self, core: &str) -> bool {
        if !core.contains(|c| operator(c).is_some())
            || !self.cs.iter().any(|c| c.core.contains('='))
        {
            return false;
        }
        let operands: Vec<&str> = core.split(|c| operator(c).is_some()).collect();
        if !operands.iter().all(|o| o.is_empty() || operand(o))
            || operands.iter().all(|o| o.is_empty())
        {
            return false;
        }
        let mut start = 0;
        for (k, c) in core.char_indices() {
            if let Some(w) = operator(c) {
                self.operand(&core[start..k]);
                self.word(w);
                start = k + c.len_utf8();
            }
        }
        self.operand(&core[start..]);
        true
    }

    fn operand(&mut self, s: &str) {
        if numbers::is_digits(s) {
            self.parts(numbers::cardinal(s));
        } else {
            self.letters(s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;

    #[test]
    fn table() {
        check(&[
            ("3+4=7", "three plus four equals seven"),
            ("10-6=4", "ten minus six equals four"),
            ("a=b +2", "A equals B plus two"),
            ("7- 3 = 4", "seven minus three equals four"),
            ("12/4=3", "twelve divided by four equals three"),
            ("open 9-5", "open nine to five"),
        ]);
    }
}
