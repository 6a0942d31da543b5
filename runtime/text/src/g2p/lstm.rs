//! The recurrent tagger: letter embeddings, bidirectional LSTM layers over the whole word and a
//! linear layer scoring each letter's label, as `LstmTagger` in `train_g2p.py` (PyTorch's
//! `nn.LSTM` gate order: input, forget, cell, output).

use super::dense::{add_product, add_products};

/// One direction of one layer.
#[derive(Debug, Clone)]
pub struct Direction {
    /// `[inputs][4 × hidden]`.
    pub input_weight: Vec<f32>,
    /// `[hidden][4 × hidden]`.
    pub hidden_weight: Vec<f32>,
    /// `[4 × hidden]`: PyTorch's two biases summed.
    pub bias: Vec<f32>,
}

/// The network's weights, laid out as in the model file.
#[derive(Debug, Clone)]
pub struct Lstm {
    /// Width of a letter embedding (the first layer's input).
    pub embed: usize,
    /// State size of each direction.
    pub hidden: usize,
    /// `[VOCAB][embed]`.
    pub embedding: Vec<f32>,
    /// Per layer: the forward direction, then the backward one.
    pub layers: Vec<[Direction; 2]>,
    /// `[2 × hidden][labels]`.
    pub out_weight: Vec<f32>,
    /// `[labels]`.
    pub out_bias: Vec<f32>,
}

/// Inputs beyond which `exp` saturates (keeps `2^n` a normal f32).
const EXP_MIN: f32 = -87.3;
const EXP_MAX: f32 = 88.3;

/// `e^x` within about 2 ulp (Cephes `expf`: range reduction by ln 2 in two parts, a degree-6
/// polynomial), written with plain arithmetic so that loops over it vectorize.
#[inline(always)]
fn exp(x: f32) -> f32 {
    let x = x.clamp(EXP_MIN, EXP_MAX);
    let n = (x * std::f32::consts::LOG2_E + 0.5).floor();
    let r = x - n * 0.693_359_4 - n * -2.121_944_4e-4;
    let p = ((((1.987_569_1e-4 * r + 1.398_199_9e-3) * r + 8.333_452e-3) * r + 4.166_579_6e-2) * r
        + 0.166_666_65)
        * r
        + 0.5;
    let y = p * r * r + r + 1.0;
    y * f32::from_bits(((n as i32 + 127) as u32) << 23)
}

#[inline(always)]
fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + exp(-x))
}

#[inline(always)]
fn tanh(x: f32) -> f32 {
    2.0 * sigmoid(2.0 * x) - 1.0
}

impl Direction {
    /// Runs this direction over `x` (`n` rows of `inputs`), writing its `hidden` states into
    /// columns `column..column + hidden` of `out` (`n` rows of `stride`).
    #[inline(always)]
    fn run(
        &self,
        x: &[f32],
        inputs: usize,
        backward: bool,
        out: &mut [f32],
        stride: usize,
        column: usize,
    ) {
        let g = self.bias.len();
        let hidden = g / 4;
        let n = x.len() / inputs;
        let mut h = vec![0f32; hidden];
        let mut c = vec![0f32; hidden];
        let mut projected = Vec::with_capacity(n * g);
        for _ in 0..n {
            projected.extend_from_slice(&self.bias);
        }
        add_products(&mut projected, x, inputs, &self.input_weight);
        let mut gates = vec![0f32; g];
        for step in 0..n {
            let t = if backward { n - 1 - step } else { step };
            gates.copy_from_slice(&projected[t * g..(t + 1) * g]);
            add_product(&mut gates, &h, &self.hidden_weight);
            let (i, rest) = gates.split_at_mut(hidden);
            let (f, rest) = rest.split_at_mut(hidden);
            let (cell, o) = rest.split_at_mut(hidden);
            for v in i.iter_mut().chain(f.iter_mut()).chain(o.iter_mut()) {
                *v = sigmoid(*v);
            }
            for v in cell.iter_mut() {
                *v = tanh(*v);
            }
            for k in 0..hidden {
                c[k] = f[k] * c[k] + i[k] * cell[k];
            }
            for k in 0..hidden {
                h[k] = o[k] * tanh(c[k]);
            }
            out[t * stride + column..t * stride + column + hidden].copy_from_slice(&h);
        }
    }
}

impl Lstm {
    /// Adds the label scores of each letter of a word given as input ids to `acc`
    /// (`ids.len()` rows of one score per label).
    pub fn add_scores(&self, ids: &[usize], acc: &mut [f32]) {
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
        let n = ids.len();
        let e = self.embed;
        let mut x = Vec::with_capacity(n * e);
        for &id in ids {
            x.extend_from_slice(&self.embedding[id * e..(id + 1) * e]);
        }
        let mut inputs = e;
        let width = 2 * self.hidden;
        for [forward, backward] in &self.layers {
            let mut y = vec![0f32; n * width];
            forward.run(&x, inputs, false, &mut y, width, 0);
            backward.run(&x, inputs, true, &mut y, width, self.hidden);
            x = y;
            inputs = width;
        }
        let labels = self.out_bias.len();
        for (t, row) in acc.chunks_exact_mut(labels).take(n).enumerate() {
            let mut scores = self.out_bias.clone();
            add_product(
                &mut scores,
                &x[t * inputs..(t + 1) * inputs],
                &self.out_weight,
            );
            for (a, s) in row.iter_mut().zip(&scores) {
                *a += s;
            }
        }
    }
}
