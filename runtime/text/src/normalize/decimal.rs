//! Decimal numbers (`1.5`, `-0.25`, `.5`) and numbers with a scale word (`1.2M`).

use super::cardinal::Num;
use super::numbers::{self, Part};
use super::Expander;

impl Expander<'_, '_> {
    /// Reads a whole number: sign, decimals digit by digit, leading zeros as digits.
    pub(super) fn number(&mut self, num: &Num) {
        if num.neg {
            self.word("minus");
        }
        let parts: Vec<Part> = match num.frac {
            Some(f) => numbers::decimal(&num.int, f),
            None if num.int.len() > 1 && num.int.starts_with('0') => numbers::digits(&num.int),
            None if num.grouped => numbers::cardinal_grouped(&num.int),
            None => numbers::cardinal(&num.int),
        };
        self.parts(parts);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;

    #[test]
    fn table() {
        check(&[
            ("1.5", "one point five"),
            ("0.25", "zero point two five"),
            (".5", "point five"),
            ("-0.0005", "minus zero point zero zero zero five"),
            ("3.14", "three point one four"),
            ("1.2 million", "one point two million"),
            ("4.5M", "four point five million"),
            ("12.50", "twelve point five zero"),
            ("1,000,000,000,000,000", "one quadrillion"),
        ]);
    }
}
