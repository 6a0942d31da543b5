//! Dense row-vector × matrix products shared by the taggers: the weights are stored one row per
//! input (`[inputs][outputs]`), so each input scales one contiguous row.

/// Input rows combined per pass over the outputs.
const ROWS: usize = 4;

/// Adds `scale * row` to `acc`.
#[inline(always)]
pub fn axpy(acc: &mut [f32], scale: f32, row: &[f32]) {
    for (a, w) in acc.iter_mut().zip(row) {
        *a += scale * w;
    }
}

/// Adds `x · rows` (`ROWS` rows of `acc.len()` weights, one per input in `x`) to `acc`.
#[inline(always)]
fn axpy_rows(acc: &mut [f32], x: &[f32; ROWS], rows: &[f32]) {
    let n = acc.len();
    let (r0, rest) = rows.split_at(n);
    let (r1, rest) = rest.split_at(n);
    let (r2, r3) = rest.split_at(n);
    for o in 0..n {
        acc[o] += x[0] * r0[o] + x[1] * r1[o] + x[2] * r2[o] + x[3] * r3[o];
    }
}

/// Adds `x · weight` to `acc`, `weight` being `[x.len()][acc.len()]`.
#[inline(always)]
pub fn add_product(acc: &mut [f32], x: &[f32], weight: &[f32]) {
    let n = acc.len();
    let blocks = x.len() / ROWS;
    for (xs, rows) in x.chunks_exact(ROWS).zip(weight.chunks_exact(ROWS * n)) {
        axpy_rows(acc, &[xs[0], xs[1], xs[2], xs[3]], rows);
    }
    for i in blocks * ROWS..x.len() {
        axpy(acc, x[i], &weight[i * n..(i + 1) * n]);
    }
}

/// Adds `x[t] · weight` to `acc[t]` for every row `t` of `x` (`inputs` wide) and of `acc`:
/// the same sums as `add_product` row by row, with each block of weight rows read once for
/// all of them.
#[inline(always)]
pub fn add_products(acc: &mut [f32], x: &[f32], inputs: usize, weight: &[f32]) {
    let n = x.len() / inputs;
    let outputs = acc.len() / n.max(1);
    let blocks = inputs / ROWS;
    for (b, rows) in weight.chunks_exact(ROWS * outputs).take(blocks).enumerate() {
        for (a, xt) in acc.chunks_exact_mut(outputs).zip(x.chunks_exact(inputs)) {
            let xs = &xt[b * ROWS..(b + 1) * ROWS];
            axpy_rows(a, &[xs[0], xs[1], xs[2], xs[3]], rows);
        }
    }
    for i in blocks * ROWS..inputs {
        let row = &weight[i * outputs..(i + 1) * outputs];
        for (a, xt) in acc.chunks_exact_mut(outputs).zip(x.chunks_exact(inputs)) {
            axpy(a, xt[i], row);
        }
    }
}
