//! Fuzzes the SSML reader, strict and lenient: no panics, and every segment within the bounds
//! the engine relies on (finite rates in range, bounded breaks).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sotto_text::ssml::{parse, Options, Segment, MAX_BREAK_MS, RATE_RANGE};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for lenient in [false, true] {
        let Ok(doc) = parse(&text, Options { lenient }) else {
            continue;
        };
        for segment in doc.segments {
            match segment {
                Segment::Speech { rate, .. } => {
                    assert!(rate.is_finite() && (RATE_RANGE.0..=RATE_RANGE.1).contains(&rate))
                }
                Segment::Break { ms } => assert!(ms <= MAX_BREAK_MS),
                Segment::Mark { .. } => {}
            }
        }
    }
});
