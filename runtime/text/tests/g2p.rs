//! The shipped G2P model: it reproduces the recipe's predictions, meets its held-out accuracy
//! (alone, and behind the regular inflections of lexicon words), and a damaged model file is a
//! typed error.

use std::collections::HashSet;
use std::path::Path;

use sotto_text::arpabet::{self, Phone, Stress};
use sotto_text::g2p::{G2p, G2pError, MAGIC};
use sotto_text::inflection;
use sotto_text::lexicon::Lexicon;

/// Word accuracy (stress included) the shipped model must keep on the recipe's held-out words:
/// it measures 0.673; a retrained model must not fall below this.
const MIN_HELDOUT_ACCURACY: f64 = 0.67;

/// Word accuracy of what the speller says of a held-out word missing from the lexicon: a
/// regular inflection of a word the lexicon keeps (the held-out words removed from it), else the
/// G2P. It measures 0.705 (issue #28 asks for 0.70).
const MIN_HELDOUT_ACCURACY_WITH_INFLECTIONS: f64 = 0.70;

/// Words → phones predicted by the Python model (`train_g2p.py --fixture`): every held-out
/// word.
const PYTHON_FIXTURE: &str = "tests/data/g2p-python.tsv";

/// The held-out split written by `train_g2p.py`, never trained on.
const HELDOUT: &str = "../../models/recipes/text/heldout.tsv";

/// The shipped model file.
const MODEL: &str = "data/g2p.bin";

/// Every how many held-out words the stress check looks at.
const STRESS_STRIDE: usize = 5;

/// Distance between the bytes damaged one at a time.
const DAMAGE_STRIDE: usize = 9973;

/// Offset of the label count in the header.
const LABELS_AT: usize = 12;

fn path(rel: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn pairs(rel: &str) -> Vec<(String, Vec<Phone>)> {
    let text = std::fs::read_to_string(path(rel)).unwrap();
    text.lines()
        .map(|line| {
            let (word, pron) = line.split_once('\t').unwrap();
            (word.to_string(), arpabet::parse_pron(pron).unwrap())
        })
        .collect()
}

fn model_bytes() -> Vec<u8> {
    std::fs::read(path(MODEL)).unwrap()
}

#[test]
fn shipped_model_reproduces_python_predictions() {
    let g2p = G2p::load(&path(MODEL)).unwrap();
    let fixture = pairs(PYTHON_FIXTURE);
    assert!(fixture.len() >= 100);
    for (word, phones) in fixture {
        assert_eq!(g2p.predict(&word), phones, "{word}");
    }
}

#[test]
fn heldout_word_accuracy_meets_target() {
    let g2p = G2p::embedded();
    let words = pairs(HELDOUT);
    let right = words
        .iter()
        .filter(|(word, phones)| g2p.predict(word) == *phones)
        .count();
    let accuracy = right as f64 / words.len() as f64;
    assert!(
        accuracy >= MIN_HELDOUT_ACCURACY,
        "held-out word accuracy {accuracy:.3} over {} words",
        words.len()
    );
}

#[test]
fn inflections_of_lexicon_words_raise_heldout_accuracy() {
    let g2p = G2p::embedded();
    let lexicon = Lexicon::embedded();
    let words = pairs(HELDOUT);
    let heldout: HashSet<&str> = words.iter().map(|(w, _)| w.as_str()).collect();
    let known = |w: &str| (!heldout.contains(w)).then(|| lexicon.get(w)).flatten();
    let (mut right, mut inflected) = (0, 0);
    for (word, phones) in &words {
        let said = match inflection::inflect(word, known) {
            Some(p) => {
                inflected += 1;
                p
            }
            None => g2p.predict(word),
        };
        right += usize::from(said == *phones);
    }
    let accuracy = right as f64 / words.len() as f64;
    assert!(inflected > words.len() / 20, "{inflected} inflections");
    assert!(
        accuracy >= MIN_HELDOUT_ACCURACY_WITH_INFLECTIONS,
        "held-out word accuracy with inflections {accuracy:.3} over {} words",
        words.len()
    );
}

#[test]
fn every_prediction_has_one_primary_stress() {
    let g2p = G2p::embedded();
    for (word, _) in pairs(HELDOUT).iter().step_by(STRESS_STRIDE) {
        let phones = g2p.predict(word);
        let primaries = phones
            .iter()
            .filter(|p| p.stress() == Stress::Primary)
            .count();
        let vowels = phones.iter().any(|p| p.is_vowel());
        assert_eq!(primaries, usize::from(vowels), "{word}");
    }
}

#[test]
fn truncated_model_is_a_typed_error() {
    let bytes = model_bytes();
    let cuts = (0..600).chain((600..bytes.len()).step_by(4099));
    for cut in cuts {
        let err = G2p::from_bytes(&bytes[..cut], "cut.bin").unwrap_err();
        assert!(
            matches!(err, G2pError::Truncated { .. } | G2pError::Magic { .. }),
            "cut at {cut}: {err}"
        );
        assert!(err.to_string().contains("cut.bin"));
    }
}

#[test]
fn damaged_model_header_is_a_typed_error() {
    let bytes = model_bytes();
    let mut bad = bytes.clone();
    bad[0] = b'X';
    assert!(matches!(
        G2p::from_bytes(&bad, "m"),
        Err(G2pError::Magic { .. })
    ));
    let mut bad = bytes.clone();
    bad[MAGIC.len()] = 9;
    assert!(matches!(
        G2p::from_bytes(&bad, "m"),
        Err(G2pError::Version { found: 9, .. })
    ));
    let mut bad = bytes.clone();
    bad[LABELS_AT..LABELS_AT + 4].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(matches!(
        G2p::from_bytes(&bad, "m"),
        Err(G2pError::Header { .. })
    ));
    let mut bad = bytes.clone();
    bad.push(0);
    assert!(matches!(
        G2p::from_bytes(&bad, "m"),
        Err(G2pError::Trailing { extra: 1, .. })
    ));
    let mut bad = bytes.clone();
    let last = bad.len() - 2;
    bad[last..].copy_from_slice(&0x7e00u16.to_le_bytes());
    assert!(matches!(
        G2p::from_bytes(&bad, "m"),
        Err(G2pError::Weight { .. })
    ));
}

#[test]
fn any_damaged_byte_never_panics() {
    let bytes = model_bytes();
    for at in (0..bytes.len()).step_by(DAMAGE_STRIDE) {
        for value in [0u8, 0x7f, 0xff] {
            let mut bad = bytes.clone();
            bad[at] = value;
            if let Ok(g2p) = G2p::from_bytes(&bad, "m") {
                g2p.predict("sotto");
            }
        }
    }
}

#[test]
fn missing_model_file_names_the_file() {
    let err = G2p::load(Path::new("/nonexistent/g2p.bin")).unwrap_err();
    assert!(matches!(err, G2pError::Io { .. }));
    assert!(err.to_string().contains("/nonexistent/g2p.bin"));
}
