//! Fuzzes normalization and phonemization: no panics, output within the phoneme set and bounded.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sotto_text::{phoneset, Frontend};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let fe = Frontend::new();
    let _ = fe.normalize(&text);
    let out = fe.phonemize(&text).expect("phonemize never fails on text");
    assert!(out.chars().all(phoneset::is_symbol));
    assert!(out.chars().count() <= text.len() * 40 + 64);
});
