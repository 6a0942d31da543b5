//! Symbols: `&`, `#`, `*`, `%`, `@`, dashes and brackets inside and between words.

use super::{Expander, Item};

/// Where a symbol stands among the characters of its token.
#[derive(Debug, Clone, Copy)]
pub(super) struct Neighbours {
    /// The character before it, if any.
    pub prev: Option<char>,
    /// The character after it, if any.
    pub next: Option<char>,
    /// Whether the token is an electronic address.
    pub url_like: bool,
}

impl Neighbours {
    fn between(&self) -> bool {
        self.prev.is_some_and(|c| c.is_ascii_alphanumeric())
            && self.next.is_some_and(|c| c.is_ascii_alphanumeric())
    }

    fn touches_letter(&self) -> bool {
        self.prev.is_some_and(|c| c.is_ascii_alphabetic())
            || self.next.is_some_and(|c| c.is_ascii_alphabetic())
    }

    fn between_letters(&self) -> bool {
        self.prev.is_some_and(|c| c.is_ascii_alphabetic())
            && self.next.is_some_and(|c| c.is_ascii_alphabetic())
    }
}

/// The reading of a symbol character on its own: `#` before a number is "number", in a
/// hashtag (touching letters) "hash", else the keypad's "pound"; `&` in an address is
/// "ampersand".
fn symbol(c: char, at: Neighbours) -> Option<&'static str> {
    Some(match c {
        '&' if at.url_like => "ampersand",
        '&' => "and",
        '@' => "at",
        '#' if at.next.is_some_and(|n| n.is_ascii_digit()) => "number",
        '#' if at.touches_letter() => "hash",
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
    /// An arrow standing alone: "to" between two words (`JFK → SFO`), else silent.
    pub(super) fn arrow(&mut self, core: &str) -> bool {
        if core != "→" {
            return false;
        }
        let between = self.prev().is_some_and(|p| p.trail.is_empty()) && self.chunk(1).is_some();
        if between && self.cur().trail.is_empty() {
            self.word("to");
        }
        true
    }

    /// A symbol inside a token, read by its neighbours: a slash between two words is
    /// "slash" (`upgrade/update`), between digits or inside a code it is silent.
    pub(super) fn symbol(&mut self, c: char, at: Neighbours) {
        let (between, next, url_like) = (at.between(), at.next, at.url_like);
        match c {
            '.' if url_like && between => self.word("dot"),
            '-' if url_like && next.is_some() => self.word("dash"),
            '/' if url_like || at.between_letters() => self.word("slash"),
            ':' if url_like => {}
            '–' | '→' if between => self.word("to"),
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
                if let Some(w) = symbol(c, at) {
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
            ("#1 pick", "number one pick"),
            ("#transit", "hash transit"),
            ("in/out", "in slash out"),
            ("salt & pepper", "salt and pepper"),
            ("a — b", "a , B"),
            ("C–E", "C to E"),
            (
                "Lot A is full; please use Lots C–E instead.",
                "lot A is full ; please use lots C to E instead .",
            ),
            ("1 < 2", "one less than two"),
            ("x = 5", "X equals five"),
            ("Rows F-K", "rows F to K"),
            ("BOS → ORD", "bos to ord"),
            ("Exit →", "exit"),
            ("about ~40 min", "about about forty minutes"),
            ("~$15", "about fifteen dollars"),
        ]);
    }
}
