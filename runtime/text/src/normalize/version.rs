//! Version numbers: `v2.1` → "version two point one", `version 3.2.1` → "three point two
//! point one", `iOS 17.4.1` → "seventeen point four point one".

use super::numbers::{self, is_digits};
use super::Expander;

/// Words after which a dotted number is a version.
const VERSION_WORDS: [&str; 8] = [
    "version", "ver", "v", "release", "firmware", "ios", "android", "update",
];

fn dotted_groups(s: &str) -> Option<Vec<&str>> {
    let groups: Vec<&str> = s.split('.').collect();
    (groups.len() >= 2 && groups.len() <= 5 && groups.iter().all(|g| is_digits(g) && g.len() <= 4))
        .then_some(groups)
}

impl Expander<'_, '_> {
    /// `v2.1`, `V3`, or a dotted number after a version word.
    pub(super) fn version(&mut self, core: &str) -> bool {
        let (said_version, body) = match core.strip_prefix(['v', 'V']) {
            Some(b) if b.starts_with(|c: char| c.is_ascii_digit()) => (true, b),
            _ => (false, core),
        };
        let after_word = self.prev().is_some_and(|p| {
            p.trail.is_empty() && VERSION_WORDS.contains(&p.core.to_ascii_lowercase().as_str())
        });
        let groups = match dotted_groups(body) {
            Some(g) if said_version || after_word => g,
            None if said_version && is_digits(body) => vec![body],
            _ => return false,
        };
        if said_version {
            self.word("version");
        }
        for (k, g) in groups.iter().enumerate() {
            if k > 0 {
                self.word("point");
            }
            self.parts(numbers::cardinal(g));
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
            ("v2.1", "version two point one"),
            ("V3", "version three"),
            ("version 3.2.1", "version three point two point one"),
            (
                "Update to iOS 17.4.1 now",
                "update to ios seventeen point four point one now",
            ),
            ("3.14.15", "three dot fourteen dot fifteen"),
        ]);
    }
}
