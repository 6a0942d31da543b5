//! Letter-to-sound for words missing from the lexicon: a convolutional letter tagger trained by
//! `models/recipes/text/train_g2p.py` gives each letter a phone chunk (nothing, one phone or two
//! phones, stress included); the first primary stress is kept.

mod format;
mod tagger;

use std::path::Path;

use crate::arpabet::{Phone, Stress};

pub use format::{G2pError, MAGIC, VERSION};
use tagger::Tagger;

/// The model built by the recipe.
static MODEL: &[u8] = include_bytes!("../../data/g2p.bin");

/// Name of the embedded model in errors.
const EMBEDDED_NAME: &str = "runtime/text/data/g2p.bin";

/// Longest word predicted; longer words are cut into pieces of this size.
pub const MAX_LETTERS: usize = 40;

/// The letter tagger G2P model.
#[derive(Debug, Clone)]
pub struct G2p {
    labels: Vec<Vec<Phone>>,
    tagger: Option<Tagger>,
}

impl G2p {
    /// Loads the embedded model; should it not parse (a test guards that it does), the G2P
    /// predicts no phones.
    pub fn embedded() -> G2p {
        G2p::try_embedded().unwrap_or(G2p {
            labels: Vec::new(),
            tagger: None,
        })
    }

    /// Loads the embedded model, reporting why it does not parse.
    pub fn try_embedded() -> Result<G2p, G2pError> {
        G2p::from_bytes(MODEL, EMBEDDED_NAME)
    }

    /// Parses a model file's bytes; `file` names them in errors.
    pub fn from_bytes(bytes: &[u8], file: &str) -> Result<G2p, G2pError> {
        let model = format::parse(bytes, file)?;
        Ok(G2p {
            labels: model.labels,
            tagger: Some(model.tagger),
        })
    }

    /// Reads a model file.
    pub fn load(path: &Path) -> Result<G2p, G2pError> {
        let model = format::load(path)?;
        Ok(G2p {
            labels: model.labels,
            tagger: Some(model.tagger),
        })
    }

    /// Predicts ARPAbet phones for a word of letters `a-z` and `'` (others are ignored).
    pub fn predict(&self, word: &str) -> Vec<Phone> {
        let Some(tagger) = &self.tagger else {
            return Vec::new();
        };
        let ids: Vec<usize> = word
            .bytes()
            .filter_map(|b| Tagger::letter_id(b.to_ascii_lowercase()))
            .collect();
        let mut out = Vec::new();
        for piece in ids.chunks(MAX_LETTERS) {
            let phones = tagger
                .tag(piece)
                .into_iter()
                .flat_map(|label| self.labels[label].iter().copied())
                .collect();
            out.extend(fix_stress(phones));
        }
        out
    }
}

/// Keeps the first primary stress, demoting later ones; stresses the first vowel if none is.
fn fix_stress(mut phones: Vec<Phone>) -> Vec<Phone> {
    let mut seen = false;
    for p in phones.iter_mut() {
        if p.stress() == Stress::Primary {
            if seen {
                *p = p.with_stress(Stress::Secondary);
            }
            seen = true;
        }
    }
    if !seen {
        if let Some(p) = phones.iter_mut().find(|p| p.is_vowel()) {
            *p = p.with_stress(Stress::Primary);
        }
    }
    phones
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arpabet;

    #[test]
    fn predicts_plausible_words() {
        let g = G2p::try_embedded().unwrap();
        let ipa = |w: &str| arpabet::to_ipa(&g.predict(w));
        assert_eq!(ipa("sotto").chars().filter(|&c| c == 'ˈ').count(), 1);
        assert!(ipa("blorpington").starts_with("bl"));
        assert!(g.predict("").is_empty());
        assert!(g.predict("'''").len() <= 6);
        assert!(g.predict(&"a".repeat(5000)).len() < 10_000);
    }
}
