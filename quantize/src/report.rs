//! The per-run report, as JSON and as text.

use std::fmt::Write;

use serde::Serialize;

use crate::graph::Skipped;
use crate::Weights;

#[derive(Clone, Debug, Serialize)]
pub struct LayerReport {
    pub name: String,
    pub op: String,
    pub weight_shape: Vec<usize>,
    pub input_shape: Vec<usize>,
    /// `f32` or `int8 (...)`.
    pub precision: String,
    pub reason: String,
    /// End-to-end SNR vs f32 with only this layer in int8 (per-tensor form), dB.
    pub snr_per_tensor_db: Option<f64>,
    /// Same, per-channel form.
    pub snr_per_channel_db: Option<f64>,
    /// The layer alone in tract, median ms.
    pub time_f32_ms: f64,
    pub time_per_tensor_ms: Option<f64>,
    pub time_per_channel_ms: Option<f64>,
    pub x_range: (f32, f32),
    pub x_scale: f32,
}

#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub method: String,
    pub min_snr_db: f64,
    pub max_lsd_db: Option<f64>,
    pub weights: Weights,
    pub equalized_pairs: usize,
    /// SNR of the equalized f32 model vs the original (should be ≫ 100 dB).
    pub equalization_snr_db: f64,
    pub bias_correction: bool,
    pub calibration_samples: usize,
    pub heldout_samples: usize,
    pub layers_total: usize,
    pub layers_int8: usize,
    pub layers: Vec<LayerReport>,
    pub skipped: Vec<Skipped>,
    pub snr_calibration_db: f64,
    pub snr_heldout_db: Option<f64>,
    /// Log-spectral distance of audio outputs vs f32, dB (None: no audio-like output).
    pub lsd_calibration_db: Option<f64>,
    pub lsd_heldout_db: Option<f64>,
    pub size_f32_bytes: usize,
    pub size_int8_bytes: usize,
    pub size_ratio: f64,
    pub time_input_shape: Vec<Vec<usize>>,
    pub time_f32_ms: f64,
    pub time_int8_ms: f64,
    /// int8 time / f32 time for the whole model in tract (= RTF ratio; < 1 is faster).
    pub time_ratio: f64,
    /// tract ops of the optimized int8 plan that came from the integer layers.
    pub integer_ops_in_plan: Vec<String>,
}

fn opt(v: Option<f64>, prec: usize) -> String {
    match v {
        Some(x) if x.is_finite() => format!("{x:.prec$}"),
        Some(x) => format!("{x}"),
        None => "-".into(),
    }
}

impl Report {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("report serializes")
    }

    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "sotto-quantize: {} of {} layers int8 (method {}, weights {:?}, min SNR {} dB, {} equalized pairs, bias correction {})",
            self.layers_int8,
            self.layers_total,
            self.method,
            self.weights,
            self.min_snr_db,
            self.equalized_pairs,
            self.bias_correction
        );
        let _ = writeln!(
            s,
            "{:<44} {:>14} {:<36} {:>8} {:>8} {:>9} {:>9} {:>9}",
            "layer", "input", "precision", "snr/t dB", "snr/c dB", "f32 ms", "i8/t ms", "i8/c ms"
        );
        for l in &self.layers {
            let _ = writeln!(
                s,
                "{:<44} {:>14} {:<36} {:>8} {:>8} {:>9.3} {:>9} {:>9}",
                l.name,
                format!("{:?}", l.input_shape).replace(' ', ""),
                l.precision,
                opt(l.snr_per_tensor_db, 1),
                opt(l.snr_per_channel_db, 1),
                l.time_f32_ms,
                opt(l.time_per_tensor_ms, 3),
                opt(l.time_per_channel_ms, 3),
            );
        }
        for k in &self.skipped {
            let _ = writeln!(s, "{:<44} {:>14} f32 ({}: {})", k.name, "", k.op, k.why);
        }
        let _ = writeln!(
            s,
            "SNR vs f32: calibration {:.2} dB ({} samples), held-out {} dB ({} samples); equalized f32 vs original {:.1} dB",
            self.snr_calibration_db,
            self.calibration_samples,
            opt(self.snr_heldout_db, 2),
            self.heldout_samples,
            self.equalization_snr_db
        );
        if self.lsd_calibration_db.is_some() {
            let _ = writeln!(
                s,
                "log-spectral distance vs f32 (audio outputs): calibration {} dB, held-out {} dB",
                opt(self.lsd_calibration_db, 2),
                opt(self.lsd_heldout_db, 2)
            );
        }
        let _ = writeln!(
            s,
            "size: {:.2} MB -> {:.2} MB (x{:.3}); time for input {:?}: f32 {:.2} ms, int8 {:.2} ms (RTF ratio {:.3}, {:.2}x faster)",
            self.size_f32_bytes as f64 / 1e6,
            self.size_int8_bytes as f64 / 1e6,
            self.size_ratio,
            self.time_input_shape,
            self.time_f32_ms,
            self.time_int8_ms,
            self.time_ratio,
            1.0 / self.time_ratio
        );
        s
    }
}
