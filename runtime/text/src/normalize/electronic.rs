//! Electronic addresses: URLs and e-mail addresses, read with "dot", "slash", "at".

use super::Expander;

/// Top-level domains that make a dotted word a host name.
const TLDS: [&str; 20] = [
    ".com", ".org", ".net", ".io", ".edu", ".gov", ".co", ".uk", ".dev", ".app", ".ai", ".us",
    ".ca", ".info", ".de", ".fr", ".it", ".es", ".nl", ".sm",
];

fn looks_like_domain(core: &str) -> bool {
    let lower = core.to_ascii_lowercase();
    let host = lower.split('/').next().unwrap_or("");
    TLDS.iter()
        .any(|t| host.ends_with(t) && host.len() > t.len())
}

impl Expander<'_, '_> {
    /// URLs (`https://example.org/about`, `www.example.com`, `example.com`) and e-mail.
    pub(super) fn electronic(&mut self, core: &str) -> bool {
        let special = core.contains('@') || core.starts_with("http") || core.starts_with("www.");
        if !(special || looks_like_domain(core)) {
            return false;
        }
        let body = ["https://", "http://"]
            .iter()
            .find_map(|p| core.strip_prefix(p))
            .unwrap_or(core);
        self.serial(body, true);
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
        ]);
    }
}
