//! Fuzzes the streaming sentence splitter on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sotto_text::{split::MAX_SENTENCE_CHARS, Frontend};

fuzz_target!(|data: &[u8]| {
    let fe = Frontend::new();
    for s in fe.sentences(data) {
        let s = s.expect("reading a byte slice never fails");
        assert!(s.chars().count() <= MAX_SENTENCE_CHARS);
    }
});
