//! Letter-to-sound for words missing from the lexicon: a letter-context classifier trained by
//! `models/recipes/text/train_g2p.py` (longest seen letter window decides each letter's phones).

use crate::arpabet::{self, Phone, Stress};

/// The model built by the recipe.
static MODEL: &[u8] = include_bytes!("../data/g2p.bin");

/// Padding letter outside the word.
const PAD: u8 = b'#';

/// Longest word predicted; longer words are cut into pieces of this size.
pub const MAX_LETTERS: usize = 40;

#[derive(Debug, Clone)]
struct Level {
    left: usize,
    right: usize,
    records: &'static [u8],
}

/// The letter-context G2P model.
#[derive(Debug, Clone)]
pub struct G2p {
    labels: Vec<Vec<Phone>>,
    levels: Vec<Level>,
}

fn read_u32(b: &[u8], at: &mut usize) -> Option<usize> {
    let s = b.get(*at..*at + 4)?;
    *at += 4;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]) as usize)
}

impl G2p {
    /// Loads the embedded model.
    pub fn embedded() -> G2p {
        G2p::parse(MODEL).unwrap_or(G2p {
            labels: Vec::new(),
            levels: Vec::new(),
        })
    }

    fn parse(b: &'static [u8]) -> Option<G2p> {
        if b.get(..4)? != b"SG2P" {
            return None;
        }
        let mut at = 4;
        let nlabels = read_u32(b, &mut at)?;
        let nlevels = read_u32(b, &mut at)?;
        let mut labels = Vec::with_capacity(nlabels);
        for _ in 0..nlabels {
            let n = usize::from(*b.get(at)?);
            labels.push(arpabet::from_codes(b.get(at + 1..at + 1 + n)?));
            at += 1 + n;
        }
        let mut levels = Vec::with_capacity(nlevels);
        for _ in 0..nlevels {
            let left = usize::from(*b.get(at)?);
            let right = usize::from(*b.get(at + 1)?);
            at += 2;
            let count = read_u32(b, &mut at)?;
            let size = (left + right + 3) * count;
            levels.push(Level {
                left,
                right,
                records: b.get(at..at + size)?,
            });
            at += size;
        }
        Some(G2p { labels, levels })
    }

    fn lookup(&self, level: &Level, key: &[u8]) -> Option<&[Phone]> {
        let width = key.len() + 2;
        let n = level.records.len() / width;
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let rec = &level.records[mid * width..(mid + 1) * width];
            match rec[..key.len()].cmp(key) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => {
                    let label = u16::from_le_bytes([rec[key.len()], rec[key.len() + 1]]);
                    return self.labels.get(usize::from(label)).map(Vec::as_slice);
                }
            }
        }
        None
    }

    /// Predicts ARPAbet phones for a word of letters `a-z` and `'` (others are ignored).
    pub fn predict(&self, word: &str) -> Vec<Phone> {
        let letters: Vec<u8> = word
            .bytes()
            .map(|b| b.to_ascii_lowercase())
            .filter(|b| b.is_ascii_lowercase() || *b == b'\'')
            .collect();
        let mut out = Vec::new();
        for piece in letters.chunks(MAX_LETTERS) {
            out.extend(fix_stress(self.predict_piece(piece)));
        }
        out
    }

    fn predict_piece(&self, letters: &[u8]) -> Vec<Phone> {
        let margin = self
            .levels
            .iter()
            .map(|l| l.left.max(l.right))
            .max()
            .unwrap_or(0);
        let mut padded = vec![PAD; margin];
        padded.extend_from_slice(letters);
        padded.extend(std::iter::repeat_n(PAD, margin));
        let mut out = Vec::new();
        for i in 0..letters.len() {
            let c = i + margin;
            for level in self.levels.iter().rev() {
                if let Some(phones) = self.lookup(level, &padded[c - level.left..=c + level.right])
                {
                    out.extend_from_slice(phones);
                    break;
                }
            }
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

    #[test]
    fn predicts_plausible_words() {
        let g = G2p::embedded();
        let ipa = |w: &str| arpabet::to_ipa(&g.predict(w));
        assert_eq!(ipa("sotto").chars().filter(|&c| c == 'ˈ').count(), 1);
        assert!(ipa("blorpington").starts_with("bl"));
        assert!(g.predict("").is_empty());
        assert!(g.predict("'''").len() <= 3);
        assert!(g.predict(&"a".repeat(5000)).len() < 10_000);
    }
}
