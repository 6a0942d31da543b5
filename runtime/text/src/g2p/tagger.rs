//! The letter tagger: letter embeddings, residual ReLU convolutions over the word (zero beyond
//! its ends) and a linear layer scoring each letter's label, as `Tagger` in `train_g2p.py`.
//! A model sums the scores of one or more taggers.

use super::dense::{add_product, axpy};

/// Letters the tagger reads; letter `i` of this string has input id `i + 1` (0 is padding).
pub const LETTERS: &[u8; 27] = b"abcdefghijklmnopqrstuvwxyz'";

/// Input ids: the letters and the padding id.
pub const VOCAB: usize = LETTERS.len() + 1;

/// One convolution: weight `[kernel][channels in][channels out]`, bias `[channels]`.
#[derive(Debug, Clone)]
pub struct Conv {
    /// `[kernel][channels in][channels out]`.
    pub weight: Vec<f32>,
    /// `[channels]`.
    pub bias: Vec<f32>,
}

/// The network's weights, laid out as in the model file.
#[derive(Debug, Clone)]
pub struct Tagger {
    /// Width of every hidden layer.
    pub channels: usize,
    /// Convolution width (odd).
    pub kernel: usize,
    /// `[VOCAB][channels]`.
    pub embedding: Vec<f32>,
    /// The residual convolutions in order.
    pub convs: Vec<Conv>,
    /// `[channels][labels]`.
    pub out_weight: Vec<f32>,
    /// `[labels]`.
    pub out_bias: Vec<f32>,
}

impl Tagger {
    /// The input id of a lowercase letter or apostrophe.
    pub fn letter_id(letter: u8) -> Option<usize> {
        LETTERS.iter().position(|&l| l == letter).map(|i| i + 1)
    }

    /// Adds the label scores of each letter of a word given as input ids to `acc`
    /// (`ids.len()` rows of one score per label). Inlined into [`Member`](super::Member)'s
    /// AVX build and its portable one alike.
    #[inline(always)]
    pub fn add_scores(&self, ids: &[usize], acc: &mut [f32]) {
        let c = self.channels;
        let n = ids.len();
        let mut h = Vec::with_capacity(n * c);
        for &id in ids {
            h.extend_from_slice(&self.embedding[id * c..(id + 1) * c]);
        }
        let half = self.kernel / 2;
        let mut y = vec![0f32; n * c];
        for conv in &self.convs {
            for row in y.chunks_exact_mut(c) {
                row.copy_from_slice(&conv.bias);
            }
            for (k, taps) in conv.weight.chunks_exact(c * c).enumerate() {
                let targets = half.saturating_sub(k)..(n + half).saturating_sub(k).min(n);
                for t in targets {
                    let x = &h[(t + k - half) * c..(t + k - half + 1) * c];
                    add_product(&mut y[t * c..(t + 1) * c], x, taps);
                }
            }
            for (o, v) in h.iter_mut().zip(&y) {
                *o += v.max(0.0);
            }
        }
        let labels = self.out_bias.len();
        let mut scores = Vec::with_capacity(n * labels);
        for _ in 0..n {
            scores.extend_from_slice(&self.out_bias);
        }
        for (i, row) in self.out_weight.chunks_exact(labels).enumerate() {
            for t in 0..n {
                axpy(&mut scores[t * labels..(t + 1) * labels], h[t * c + i], row);
            }
        }
        for (a, s) in acc.iter_mut().zip(&scores) {
            *a += s;
        }
    }
}
