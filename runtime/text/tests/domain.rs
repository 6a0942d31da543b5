//! Written → spoken pairs for the voice's domain (tests/data/domain-pairs.tsv, our own wording),
//! the per-class pairs of tests/data/class-pairs.tsv (read sentence by sentence, as `sotto
//! normalize` does) and the raw dev sentences of `../shared/eval/sentences-dev-raw.tsv`, checked
//! through the normalizer's spoken form.

use std::path::{Path, PathBuf};

use sotto_text::{Frontend, Item};

/// Longest all-capital word compared as the letters it may be spelled as (`EV` = `E V`).
const MAX_ACRONYM: usize = 5;

/// Lowercase words, punctuation and hyphens dropped, short capital words as their letters
/// (the speller decides whether `ATM` is spelled): what a listener can tell apart.
fn canon(s: &str) -> String {
    let mut words = Vec::new();
    for w in s.replace(['-', '–'], " ").split_whitespace() {
        let w: String = w
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '\'')
            .collect();
        if w.len() <= MAX_ACRONYM && w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase()) {
            words.extend(w.chars().map(|c| c.to_ascii_lowercase().to_string()));
        } else if !w.is_empty() {
            words.push(w.to_lowercase());
        }
    }
    words.join(" ")
}

/// (written, spoken) rows of a TSV whose written and spoken columns are `cols`.
fn pairs(path: &Path, cols: (usize, usize)) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert!(f.len() > cols.1, "{}: bad row {l:?}", path.display());
            (f[cols.0].to_string(), f[cols.1].to_string())
        })
        .collect()
}

fn misses(rows: &[(String, String)]) -> Vec<String> {
    let fe = Frontend::new();
    rows.iter()
        .filter_map(|(written, spoken)| {
            let got = fe.spoken(written);
            (canon(&got) != canon(spoken))
                .then(|| format!("{written:?}\n   got  {got:?}\n   want {spoken:?}"))
        })
        .collect()
}

/// Classes of `class-pairs.tsv` and the fewest pairs each must hold.
const CLASSES: [(&str, usize); 6] = [
    ("units", 20),
    ("compact", 20),
    ("abbreviations", 20),
    ("places", 20),
    ("identifiers", 20),
    ("decoration", 20),
];

/// Text as `sotto normalize` reads it: split into sentences, each read on its own (a wrong
/// sentence split shows as a misplaced reading), one-letter words lowercased and letters as
/// capitals, so the letter `A` and the article "a" differ.
fn spoken_by_sentence(fe: &Frontend, text: &str) -> String {
    let mut out = Vec::new();
    for sentence in fe.sentences(text.as_bytes()) {
        for item in fe.normalize(&sentence.expect("reading a string")) {
            match item {
                Item::Word(w) if w.len() == 1 => out.push(w.to_lowercase()),
                Item::Word(w) => out.push(w),
                Item::Letter(c) => out.push(c.to_string()),
                Item::Ipa(p) => out.push(p),
                Item::Pause(_) => {}
            }
        }
    }
    out.join(" ")
}

/// [`canon`] that keeps a lone capital letter apart from a lowercase word (`A` the letter, `a`
/// the article); `I` compares as the pronoun.
fn canon_letters(s: &str) -> String {
    let mut words = Vec::new();
    for w in s.replace(['-', '–'], " ").split_whitespace() {
        let w: String = w
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '\'')
            .collect();
        let caps = w.chars().all(|c| c.is_ascii_uppercase());
        if w == "I" {
            words.push("i".to_string());
        } else if caps && (1..=MAX_ACRONYM).contains(&w.len()) {
            words.extend(w.chars().map(|c| c.to_string()));
        } else if !w.is_empty() {
            words.push(w.to_lowercase());
        }
    }
    words.join(" ")
}

#[test]
fn class_pairs_read_as_written_sentence_by_sentence() {
    let path = manifest().join("tests/data/class-pairs.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let fe = Frontend::new();
    let mut counts = std::collections::BTreeMap::new();
    let mut failed = Vec::new();
    for l in text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let f: Vec<&str> = l.split('\t').collect();
        assert!(f.len() == 3, "{}: bad row {l:?}", path.display());
        let (class, written, spoken) = (f[0], f[1], f[2]);
        assert!(
            CLASSES.iter().any(|(c, _)| *c == class),
            "unknown class {class:?} in {l:?}"
        );
        *counts.entry(class).or_insert(0usize) += 1;
        let got = spoken_by_sentence(&fe, written);
        if canon_letters(&got) != canon_letters(spoken) {
            failed.push(format!(
                "[{class}] {written:?}\n   got  {got:?}\n   want {spoken:?}"
            ));
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} pairs differ:\n{}",
        failed.len(),
        counts.values().sum::<usize>(),
        failed.join("\n")
    );
    for (class, min) in CLASSES {
        let n = counts.get(class).copied().unwrap_or(0);
        assert!(n >= min, "class {class}: only {n} pairs, want {min}");
    }
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn domain_pairs_read_as_written() {
    let rows = pairs(&manifest().join("tests/data/domain-pairs.tsv"), (0, 1));
    assert!(rows.len() >= 300, "only {} pairs", rows.len());
    let m = misses(&rows);
    assert!(
        m.is_empty(),
        "{} of {} pairs differ:\n{}",
        m.len(),
        rows.len(),
        m.join("\n")
    );
}

#[test]
fn dev_raw_sentences_read_as_their_spoken_column() {
    let path = manifest().join("../../../shared/eval/sentences-dev-raw.tsv");
    let rows = pairs(&path, (1, 2));
    assert!(rows.len() >= 20, "only {} rows", rows.len());
    let m = misses(&rows);
    assert!(
        m.is_empty(),
        "{} of {} rows differ:\n{}",
        m.len(),
        rows.len(),
        m.join("\n")
    );
}
