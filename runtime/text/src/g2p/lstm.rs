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

/// The network's weights, the first layer's input side tabulated per letter.
#[derive(Debug, Clone)]
pub struct Lstm {
    /// Per direction of the first layer: `[VOCAB][4 × hidden]`, bias plus the embedding of each
    /// input id times the input weight (what that layer computes first for a letter).
    first: [Vec<f32>; 2],
    /// Per layer: the forward direction, then the backward one.
    layers: Vec<[Direction; 2]>,
    /// `[2 × hidden][labels]`.
    out_weight: Vec<f32>,
    /// `[labels]`.
    out_bias: Vec<f32>,
}

/// Input below which `exp` saturates (keeps `2^n` a normal f32).
const EXP_MIN: f32 = -87.3;

/// Input above which `exp` saturates.
const EXP_MAX: f32 = 88.3;

/// `e^x` within about 2 ulp (Cephes `expf`: range reduction by ln 2 in two parts, a degree-6
/// polynomial) in plain arithmetic: no libm call, and the same value on every target.
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
    /// Bias plus `x[t] · input weight` for each row of `x` (`inputs` wide).
    fn project(&self, x: &[f32], inputs: usize) -> Vec<f32> {
        let n = x.len() / inputs;
        let mut projected = Vec::with_capacity(n * self.bias.len());
        for _ in 0..n {
            projected.extend_from_slice(&self.bias);
        }
        add_products(&mut projected, x, inputs, &self.input_weight);
        projected
    }

    /// Runs this direction over a word whose letters' projected inputs are `projected` (`n`
    /// rows of `4 × hidden`), writing its `hidden` states into columns `column..column +
    /// hidden` of `out` (`n` rows of `stride`).
    #[inline(always)]
    fn run(
        &self,
        projected: &[f32],
        backward: bool,
        out: &mut [f32],
        stride: usize,
        column: usize,
    ) {
        let g = self.bias.len();
        let hidden = g / 4;
        let n = projected.len() / g;
        let mut h = vec![0f32; hidden];
        let mut c = vec![0f32; hidden];
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
    /// A tagger from its weights: `embedding` `[VOCAB][embed]`, per layer the forward and
    /// backward directions, the output layer `[2 × hidden][labels]` and its bias.
    pub fn new(
        embedding: &[f32],
        embed: usize,
        layers: Vec<[Direction; 2]>,
        out_weight: Vec<f32>,
        out_bias: Vec<f32>,
    ) -> Lstm {
        let first = match layers.first() {
            Some([forward, backward]) => [
                forward.project(embedding, embed),
                backward.project(embedding, embed),
            ],
            None => [Vec::new(), Vec::new()],
        };
        Lstm {
            first,
            layers,
            out_weight,
            out_bias,
        }
    }

    /// Adds the label scores of each letter of a word given as input ids to `acc`
    /// (`ids.len()` rows of one score per label). Inlined into [`Member`](super::Member)'s
    /// AVX build and its portable one alike.
    #[inline(always)]
    pub fn add_scores(&self, ids: &[usize], acc: &mut [f32]) {
        let n = ids.len();
        let mut x = Vec::new();
        let mut inputs = 0;
        for (layer, [forward, backward]) in self.layers.iter().enumerate() {
            let g = forward.bias.len();
            let hidden = g / 4;
            let width = 2 * hidden;
            let projected = if layer == 0 {
                let rows = |table: &[f32]| -> Vec<f32> {
                    ids.iter()
                        .flat_map(|&id| &table[id * g..(id + 1) * g])
                        .copied()
                        .collect()
                };
                [rows(&self.first[0]), rows(&self.first[1])]
            } else {
                [forward.project(&x, inputs), backward.project(&x, inputs)]
            };
            let mut y = vec![0f32; n * width];
            forward.run(&projected[0], false, &mut y, width, 0);
            backward.run(&projected[1], true, &mut y, width, hidden);
            x = y;
            inputs = width;
        }
        let mut scores = Vec::with_capacity(n * self.out_bias.len());
        for _ in 0..n {
            scores.extend_from_slice(&self.out_bias);
        }
        add_products(&mut scores, &x, inputs, &self.out_weight);
        for (a, s) in acc.iter_mut().zip(&scores) {
            *a += s;
        }
    }
}
