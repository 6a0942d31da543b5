//! Roman numerals after a name (`Henry VIII` → "henry the eighth") or a counting word
//! (`Chapter IV` → "chapter four", `World War II` → "world war two").

use super::numbers;
use super::Expander;

/// Words after which a Roman numeral is a cardinal.
const COUNTING_WORDS: [&str; 14] = [
    "chapter", "part", "phase", "level", "act", "volume", "vol", "book", "type", "class", "grade",
    "stage", "war", "tier",
];

/// Largest Roman numeral read as such.
const MAX_ROMAN: usize = 3999;

/// The value of a canonical Roman numeral (`IV`, not `IIII`).
fn value(s: &str) -> Option<usize> {
    const SYMBOLS: [(&str, usize); 13] = [
        ("M", 1000),
        ("CM", 900),
        ("D", 500),
        ("CD", 400),
        ("C", 100),
        ("XC", 90),
        ("L", 50),
        ("XL", 40),
        ("X", 10),
        ("IX", 9),
        ("V", 5),
        ("IV", 4),
        ("I", 1),
    ];
    if s.is_empty() || s.len() > 15 {
        return None;
    }
    let mut rest = s;
    let mut n = 0;
    for (sym, v) in SYMBOLS {
        let mut count = 0;
        while let Some(r) = rest.strip_prefix(sym) {
            rest = r;
            n += v;
            count += 1;
            if count > 3 {
                return None;
            }
        }
    }
    (rest.is_empty() && (1..=MAX_ROMAN).contains(&n)).then_some(n)
}

impl Expander<'_, '_> {
    /// A Roman numeral in a naming or counting context.
    pub(super) fn roman(&mut self, core: &str) -> bool {
        if core.len() < 2 && core != "V" && core != "X" {
            return false;
        }
        let Some(n) = value(core) else { return false };
        let Some(prev) = self.prev().filter(|p| p.trail.is_empty()) else {
            return false;
        };
        let lower = prev.core.to_ascii_lowercase();
        if COUNTING_WORDS.contains(&lower.as_str()) {
            self.parts(numbers::cardinal_n(n));
            return true;
        }
        let name = prev.capitalized()
            && prev.core.len() > 2
            && prev.core[1..].chars().all(|c| c.is_ascii_lowercase())
            && n <= 40;
        if !name {
            return false;
        }
        self.word("the");
        self.parts(numbers::ordinal(&n.to_string()));
        true
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;
    use super::value;

    #[test]
    fn values() {
        for (s, v) in [
            ("IV", Some(4)),
            ("XIV", Some(14)),
            ("MCMXC", Some(1990)),
            ("IIII", None),
            ("IC", None),
        ] {
            assert_eq!(value(s), v, "{s}");
        }
    }

    #[test]
    fn table() {
        check(&[
            ("Henry VIII", "henry the eighth"),
            ("Louis XIV", "louis the fourteenth"),
            ("Chapter IV", "chapter four"),
            ("World War II", "world war two"),
            ("Sign in at MIX desk", "sign in at mix desk"),
        ]);
    }
}
