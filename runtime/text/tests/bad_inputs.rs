//! Every input of `../shared/eval/bad-inputs` through the normalizer, the phonemizer and the
//! SSML parser (strict and lenient): a reading or a positioned error, bounded, never a panic.

use sotto_text::ssml::{self, Options};
use sotto_text::Frontend;

#[test]
fn bad_inputs_read_or_fail_clearly() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/bad-inputs");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let fe = Frontend::new();
    let mut seen = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        seen += 1;
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        for sentence in fe.sentences(text.as_bytes()) {
            let sentence = sentence.unwrap();
            let spoken = fe.spoken(&sentence);
            assert!(
                spoken.len() <= 64 * sentence.len() + 64,
                "{}",
                path.display()
            );
            assert!(
                !spoken.contains('<'),
                "{}: markup read aloud: {spoken}",
                path.display()
            );
            fe.phonemize(&sentence).unwrap();
        }
        for lenient in [false, true] {
            match ssml::parse(&text, Options { lenient }) {
                Ok(doc) => assert!(doc.segments.len() <= text.len() + 1),
                Err(e) => assert!(e.line >= 1 && e.column >= 1 && !e.message.is_empty()),
            }
        }
    }
    assert!(
        seen >= 10,
        "bad-inputs suite not found in {}",
        dir.display()
    );
}
