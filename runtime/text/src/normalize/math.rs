//! Equations: `1-2=5`, `y=x +1`, `1- 2 = 5`: near an equals sign, `-` between operands is
//! "minus" and `+` is "plus".

use super::numbers;
use super::Expander;

/// How many chunks away an equals sign makes a chunk part of an equation (`1- 2 = 5`).
const EQUATION_REACH: usize = 2;

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
    /// A chunk of operands and operators near an equals sign.
    pub(super) fn equation(&mut self, core: &str) -> bool {
        if !core.contains(|c| operator(c).is_some()) || !self.near_equals() {
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

    /// Whether an equals sign stands in this chunk or within [`EQUATION_REACH`] chunks of it,
    /// with no punctuation between.
    fn near_equals(&self) -> bool {
        let lo = self.i.saturating_sub(EQUATION_REACH);
        let hi = (self.i + EQUATION_REACH).min(self.cs.len() - 1);
        let before = (lo..self.i)
            .rev()
            .take_while(|&j| self.cs[j].trail.is_empty())
            .any(|j| self.cs[j].core.contains('='));
        let after = (self.i..=hi)
            .take_while(|&j| j == self.i || self.cs[j - 1].trail.is_empty())
            .any(|j| self.cs[j].core.contains('='));
        before || after
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
            (
                "x=2. Rooms 4-6 are free",
                "X equals two . rooms four to six are free",
            ),
        ]);
    }
}
