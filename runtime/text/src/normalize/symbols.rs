//! Symbols: `&`, `#`, `*`, `%`, `@`, dashes and brackets inside and between words.

use super::{Expander, Item};

/// The reading of a symbol character on its own.
fn symbol(c: char, before_digit: bool) -> Option<&'static str> {
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
        '$' => "dollar",
        '€' => "euro",
        '£' => "pound",
        '₩' => "won",
        '₹' => "rupee",
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

impl Expander<'_, '_> {
    /// A symbol inside a token; `between` tells whether letters or digits surround it.
    pub(super) fn symbol(&mut self, c: char, between: bool, next: Option<char>, url_like: bool) {
        let before_digit = next.is_some_and(|n| n.is_ascii_digit());
        match c {
            '.' if url_like && between => self.word("dot"),
            '-' if url_like && between => self.word("dash"),
            '/' if url_like => self.word("slash"),
            ':' if url_like => {}
            '–' if between => self.word("to"),
            '-' | '–' | '—' | '\'' | '"' | '(' | ')' | '[' | ']' | '{' | '}' => {
                if !between && matches!(c, '—' | '–') {
                    self.out.push(Item::Pause(','));
                }
            }
            '/' if between => {}
            '.' | ',' | ';' | ':' | '!' | '?' => {
                if next.is_some() {
                    self.out
                        .push(Item::Pause(if c == '.' && !between { '.' } else { ',' }));
                }
            }
            c => {
                if let Some(w) = symbol(c, before_digit) {
                    self.word(w);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;

    #[test]
    fn table() {
        check(&[
            ("Press * then #", "press star then pound"),
            (
                "Press * then # to repeat this menu.",
                "press star then pound to repeat this menu .",
            ),
            ("salt & pepper", "salt and pepper"),
            ("a — b", "a , B"),
            ("C–E", "C to E"),
            (
                "Lot A is full; please use Lots C–E instead.",
                "lot A is full ; please use lots C to E instead .",
            ),
            ("1 < 2", "one less than two"),
            ("x = 5", "X equals five"),
        ]);
    }
}
