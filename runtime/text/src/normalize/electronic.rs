//! Electronic addresses: URLs and e-mail addresses, read with "dot", "slash", "at".

use super::Expander;

/// Top-level domains that make a dotted word a host name.
const TLDS: [&str; 20] = [
    ".com", ".org", ".net", ".io", ".edu", ".gov", ".co", ".uk", ".dev", ".app", ".ai", ".us",
    ".ca", ".info", ".de", ".fr", ".it", ".es", ".nl", ".sm",
];

/// Schemes read aloud before the rest of the address (web schemes are left unsaid).
const SPOKEN_SCHEMES: [&str; 2] = ["file:", "ftp:"];

fn looks_like_domain(core: &str) -> bool {
    let lower = core.to_ascii_lowercase();
    let host = lower.split('/').next().unwrap_or("");
    TLDS.iter()
        .any(|t| host.ends_with(t) && host.len() > t.len())
        || lowercase_host(host)
}

/// A lowercase dotted name whose last label is a word (`test.abc`, `maps.example.travel`):
/// a host name even when its top-level domain is not one we list.
fn lowercase_host(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    let Some((tld, names)) = labels.split_last() else {
        return false;
    };
    !names.is_empty()
        && names[0].len() >= 2
        && names.iter().all(|l| {
            !l.is_empty()
                && l.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
        && (2..=6).contains(&tld.len())
        && tld.chars().all(|c| c.is_ascii_lowercase())
}

/// Whether `core` is an e-mail address: a local part, `@`, and a dotted domain.
fn email(core: &str) -> bool {
    core.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain
                .split_once('.')
                .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty())
    })
}

impl Expander<'_, '_> {
    /// URLs (`https://example.org/about`, `www.example.com`, `example.com`, `file:///a.txt`)
    /// and e-mail addresses.
    pub(super) fn electronic(&mut self, core: &str) -> bool {
        let lower = core.to_ascii_lowercase();
        let scheme = SPOKEN_SCHEMES.iter().find(|s| lower.starts_with(*s));
        let special =
            email(core) || core.starts_with("http") || core.starts_with("www.") || scheme.is_some();
        if !(special || looks_like_domain(core)) {
            return false;
        }
        let body = ["https://", "http://"]
            .iter()
            .find_map(|p| core.strip_prefix(p))
            .unwrap_or(core);
        if let Some(s) = scheme {
            self.word(&s[..s.len() - 1]);
            self.word("colon");
            self.serial(&body[s.len()..], true);
        } else {
            self.serial(body, true);
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
            ("john.doe@example.com", "john dot doe at example dot com"),
            ("www.example.com", "W W W dot example dot com"),
            ("https://example.org/about", "example dot org slash about"),
            ("example.com", "example dot com"),
            ("help_desk@site.io", "help underscore desk at site dot I O"),
            ("a @ b", "a at B"),
            ("asdf123@abc.com", "asdf one two three at abc dot com"),
            ("a@hotmail.de", "a at hotmail dot D E"),
            (
                "www.news.com.sm/123",
                "W W W dot news dot com dot S M slash one two three",
            ),
            ("tickets.example.travel", "tickets dot example dot travel"),
            ("see fares.xyz today", "see fares dot xyz today"),
            (
                "file:///home/me/map.txt",
                "file colon slash slash slash home slash me slash map dot txt",
            ),
            ("r&d@corp.com", "R ampersand D at corp dot com"),
            ("meet @noon", "meet at noon"),
        ]);
    }
}
