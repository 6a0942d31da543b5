//! Property tests: the frontend never panics, stays inside the phoneme set and bounds its output.

use proptest::prelude::*;
use sotto_text::{phoneset, Frontend};

/// Output characters allowed per input byte (plus a constant), e.g. `W` → `dˈʌbəljˌuː`.
const MAX_EXPANSION: usize = 40;
const SLACK: usize = 64;

fn check(fe: &Frontend, text: &str) {
    let out = fe.phonemize(text).unwrap();
    assert!(
        out.chars().all(phoneset::is_symbol),
        "{text:?} gave symbols outside the set: {out:?}"
    );
    assert!(
        out.chars().count() <= text.len() * MAX_EXPANSION + SLACK,
        "{text:?} expanded to {} chars",
        out.chars().count()
    );
    assert!(!out.starts_with(' ') && !out.ends_with(' ') && !out.contains("  "));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_string(text in any::<String>()) {
        check(&Frontend::new(), &text);
    }

    #[test]
    fn text_like(text in "[A-Za-z0-9 .,;:!?'\"$%&#*@/\\-–—°£€:()\\[\\]]{0,80}") {
        check(&Frontend::new(), &text);
    }

    #[test]
    fn numbers(text in "[-+$#]?[0-9]{1,40}([.,:/-][0-9]{1,12}){0,3}(st|nd|th|%|km|m|s|am| PM| km/h)?") {
        check(&Frontend::new(), &text);
    }

    #[test]
    fn sentences_are_capped(text in "[a-z .!?\n]{0,3000}") {
        let fe = Frontend::new();
        for s in fe.sentences(text.as_bytes()) {
            let s = s.unwrap();
            prop_assert!(s.chars().count() <= sotto_text::split::MAX_SENTENCE_CHARS);
            prop_assert!(!s.trim().is_empty());
        }
    }
}
