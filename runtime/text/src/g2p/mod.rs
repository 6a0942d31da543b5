//! Letter-to-sound for words missing from the lexicon: letter taggers (bidirectional LSTM or
//! convolutional) trained by `models/recipes/text/train_g2p.py` score a phone chunk for each
//! letter (nothing, one phone or two phones, stress included); the best chunks are chosen such
//! that exactly one letter carries the primary stress.

mod dense;
mod format;
mod lstm;
mod tagger;

use std::path::Path;

use crate::arpabet::{Phone, Stress};

pub use format::{G2pError, MAGIC, VERSION};
use lstm::Lstm;
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
    classes: Vec<LabelClass>,
    taggers: Vec<Member>,
}

/// One tagger whose label scores a model sums.
#[derive(Debug, Clone)]
pub(crate) enum Member {
    /// Residual convolutions.
    Conv(Tagger),
    /// Bidirectional LSTM layers.
    Lstm(Lstm),
}

impl Member {
    /// Adds the member's label scores for `ids` to `acc`, built for AVX where the CPU has it.
    fn add_scores(&self, ids: &[usize], acc: &mut [f32]) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx") {
            // SAFETY: the CPU has AVX, checked just above.
            return unsafe { self.add_scores_avx(ids, acc) };
        }
        self.add_scores_portable(ids, acc)
    }

    /// `add_scores` compiled for AVX: the same operations in the same order (no fused
    /// multiply-add), so the same scores as the portable build.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx")]
    unsafe fn add_scores_avx(&self, ids: &[usize], acc: &mut [f32]) {
        self.add_scores_portable(ids, acc)
    }

    #[inline(always)]
    fn add_scores_portable(&self, ids: &[usize], acc: &mut [f32]) {
        match self {
            Member::Conv(t) => t.add_scores(ids, acc),
            Member::Lstm(t) => t.add_scores(ids, acc),
        }
    }
}

/// What a label means for the one-primary-stress choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LabelClass {
    /// No vowel.
    Consonants,
    /// Vowels, none with primary stress.
    Unstressed,
    /// Exactly one primary-stressed vowel.
    Primary,
    /// More than one primary-stressed vowel.
    Primaries,
}

impl LabelClass {
    fn of(phones: &[Phone]) -> LabelClass {
        let primaries = phones
            .iter()
            .filter(|p| p.stress() == Stress::Primary)
            .count();
        match primaries {
            0 if phones.iter().any(|p| p.is_vowel()) => LabelClass::Unstressed,
            0 => LabelClass::Consonants,
            1 => LabelClass::Primary,
            _ => LabelClass::Primaries,
        }
    }

    fn has_vowel(self) -> bool {
        self != LabelClass::Consonants
    }

    fn without_primary(self) -> bool {
        matches!(self, LabelClass::Consonants | LabelClass::Unstressed)
    }
}

/// Index and value of the largest score among the labels `keep` accepts (the first on ties).
fn best_where(
    scores: &[f32],
    classes: &[LabelClass],
    keep: fn(LabelClass) -> bool,
) -> (usize, f32) {
    let mut best: Option<(usize, f32)> = None;
    for (i, (&s, &c)) in scores.iter().zip(classes).enumerate() {
        if keep(c) && best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.unwrap_or((0, f32::NEG_INFINITY))
}

impl G2p {
    /// Loads the embedded model; should it not parse (a test guards that it does), the G2P
    /// predicts no phones.
    pub fn embedded() -> G2p {
        G2p::try_embedded().unwrap_or(G2p {
            labels: Vec::new(),
            classes: Vec::new(),
            taggers: Vec::new(),
        })
    }

    /// Loads the embedded model, reporting why it does not parse.
    pub fn try_embedded() -> Result<G2p, G2pError> {
        G2p::from_bytes(MODEL, EMBEDDED_NAME)
    }

    /// Parses a model file's bytes; `file` names them in errors.
    pub fn from_bytes(bytes: &[u8], file: &str) -> Result<G2p, G2pError> {
        Ok(G2p::from_model(format::parse(bytes, file)?))
    }

    /// Reads a model file.
    pub fn load(path: &Path) -> Result<G2p, G2pError> {
        Ok(G2p::from_model(format::load(path)?))
    }

    fn from_model(model: format::Model) -> G2p {
        G2p {
            classes: model.labels.iter().map(|l| LabelClass::of(l)).collect(),
            labels: model.labels,
            taggers: model.taggers,
        }
    }

    /// Predicts ARPAbet phones for a word of letters `a-z` and `'` (others are ignored).
    pub fn predict(&self, word: &str) -> Vec<Phone> {
        let ids: Vec<usize> = word
            .bytes()
            .filter_map(|b| Tagger::letter_id(b.to_ascii_lowercase()))
            .collect();
        let mut out = Vec::new();
        for piece in ids.chunks(MAX_LETTERS) {
            let phones = self
                .labels_of(piece)
                .into_iter()
                .flat_map(|label| self.labels[label].iter().copied())
                .collect();
            out.extend(fix_stress(phones));
        }
        out
    }

    /// The chosen label of each letter: the members' summed scores decide, with exactly one
    /// letter taking a primary-stressed label (the one losing least by it) unless the best
    /// labels hold no vowel at all.
    fn labels_of(&self, ids: &[usize]) -> Vec<usize> {
        let nlabels = self.labels.len();
        if self.taggers.is_empty() || ids.is_empty() {
            return Vec::new();
        }
        let mut scores = vec![0f32; ids.len() * nlabels];
        for tagger in &self.taggers {
            tagger.add_scores(ids, &mut scores);
        }
        let rows = scores.chunks_exact(nlabels);
        let best: Vec<usize> = rows
            .clone()
            .map(|row| best_where(row, &self.classes, |_| true).0)
            .collect();
        if !best.iter().any(|&l| self.classes[l].has_vowel()) {
            return best;
        }
        let mut out = Vec::with_capacity(ids.len());
        let mut stressed = (0, 0, f32::NEG_INFINITY);
        for (i, row) in rows.enumerate() {
            let (plain, plain_score) = best_where(row, &self.classes, LabelClass::without_primary);
            let (primary, primary_score) =
                best_where(row, &self.classes, |c| c == LabelClass::Primary);
            let loss = primary_score - plain_score;
            if i == 0 || loss > stressed.2 {
                stressed = (i, primary, loss);
            }
            out.push(plain);
        }
        out[stressed.0] = stressed.1;
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
