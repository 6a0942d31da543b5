//! Limits on every number a voice manifest may declare, so no manifest can drive an
//! allocation, a loop or an index beyond what a real voice needs.

use super::manifest::{Interface, Manifest, ModelEntry, Role};
use crate::acoustic::Settings;

/// Longest silence between sentences a manifest may ask for, in seconds.
pub const MAX_SENTENCE_SILENCE_S: f32 = 10.0;
/// Lowest output sample rate accepted, in Hz.
pub const MIN_SAMPLE_RATE: u32 = 4_000;
/// Highest output sample rate accepted, in Hz.
pub const MAX_SAMPLE_RATE: u32 = 192_000;
/// Largest FFT size of the mel analysis or an inverse STFT.
pub const MAX_N_FFT: usize = 1 << 14;
/// Most mel bands.
pub const MAX_N_MELS: usize = 512;
/// Largest fixed dimension of a declared model input, and largest upsampling factor.
pub const MAX_DIM: i64 = 4_096;
/// Largest phoneme id (the encoder's embedding must have a row for each id it is given).
pub const MAX_PHONEME_ID: i64 = 65_535;
/// Largest absolute value of the mel normalisation constants.
pub const MAX_MEL_SCALE: f32 = 1e4;
/// Most channels of a latent frame.
pub const MAX_LATENT_CHANNELS: usize = 1_024;

/// Inputs and outputs each role's network may declare (a decoder may add the step input; a
/// prior gives `mu` and `cond` for a flow decoder, or the frames themselves).
fn arity(role: Role) -> (&'static [usize], &'static [usize]) {
    match role {
        Role::Encoder => (&[2], &[2]),
        Role::Prior => (&[2], &[1, 2]),
        Role::Decoder => (&[5, 6], &[1]),
        Role::Vocoder => (&[1], &[1]),
    }
}

/// Checks every bounded number of `m`; names the field and value of the first one out of
/// bounds.
pub fn check(m: &Manifest) -> Result<(), String> {
    if !(MIN_SAMPLE_RATE..=MAX_SAMPLE_RATE).contains(&m.sample_rate) {
        return Err(format!(
            "sample_rate {} is outside {MIN_SAMPLE_RATE}..={MAX_SAMPLE_RATE} Hz",
            m.sample_rate
        ));
    }
    let mel = &m.mel;
    if mel.n_fft > MAX_N_FFT || mel.win > MAX_N_FFT || mel.hop > MAX_N_FFT {
        return Err(format!(
            "mel n_fft {}, win {} or hop {} beyond {MAX_N_FFT}",
            mel.n_fft, mel.win, mel.hop
        ));
    }
    if mel.n_mels == 0 || mel.n_mels > MAX_N_MELS {
        return Err(format!(
            "mel n_mels {} is outside 1..={MAX_N_MELS}",
            mel.n_mels
        ));
    }
    let d = &m.defaults;
    if !(0.0..=MAX_SENTENCE_SILENCE_S).contains(&d.sentence_silence) {
        return Err(format!(
            "defaults.sentence_silence {} is outside 0..={MAX_SENTENCE_SILENCE_S} s",
            d.sentence_silence
        ));
    }
    let mean_ok = (-MAX_MEL_SCALE..=MAX_MEL_SCALE).contains(&d.mel_mean);
    let std_ok = d.mel_std > 0.0 && d.mel_std <= MAX_MEL_SCALE;
    if !(mean_ok && std_ok) {
        return Err(format!(
            "defaults.mel_mean {} / mel_std {} are not finite numbers within ±{MAX_MEL_SCALE} \
             (mel_std > 0)",
            d.mel_mean, d.mel_std
        ));
    }
    Settings::from_defaults(d)
        .validate()
        .map_err(|e| format!("defaults: {e}"))?;
    if let Some(l) = &m.latent {
        if l.channels == 0 || l.channels > MAX_LATENT_CHANNELS {
            return Err(format!(
                "latent.channels {} is outside 1..={MAX_LATENT_CHANNELS}",
                l.channels
            ));
        }
        if l.hop != mel.hop {
            return Err(format!(
                "latent.hop {} differs from the mel hop {} (durations count one frame space)",
                l.hop, mel.hop
            ));
        }
        if l.mean.len() != l.channels || l.std.len() != l.channels {
            return Err(format!(
                "latent.mean and latent.std need {} values each, they have {} and {}",
                l.channels,
                l.mean.len(),
                l.std.len()
            ));
        }
        let scale_ok = |v: &f32| (-MAX_MEL_SCALE..=MAX_MEL_SCALE).contains(v);
        if !l.mean.iter().all(scale_ok) || !l.std.iter().all(|s| *s > 0.0 && scale_ok(s)) {
            return Err(format!(
                "latent.mean / latent.std hold values that are not finite numbers within \
                 ±{MAX_MEL_SCALE} (std > 0)"
            ));
        }
    }
    if let Some(e) = m
        .models
        .iter()
        .find(|e| e.interface == Interface::Latent && m.latent.is_none())
    {
        return Err(format!(
            "model {} speaks the latent interface but the manifest has no `latent` section",
            e.file
        ));
    }
    for (symbol, &id) in &m.phonemes.ids {
        if !(0..=MAX_PHONEME_ID).contains(&id) {
            return Err(format!(
                "phoneme {symbol:?} has id {id}, outside 0..={MAX_PHONEME_ID}"
            ));
        }
    }
    m.models.iter().try_for_each(model)
}

fn model(e: &ModelEntry) -> Result<(), String> {
    let (inputs, outputs) = arity(e.role);
    if !inputs.contains(&e.inputs.len()) || !outputs.contains(&e.outputs.len()) {
        return Err(format!(
            "model {}: a {:?} network takes {inputs:?} inputs and gives {outputs:?} outputs, \
             the manifest declares {} and {}",
            e.file,
            e.role,
            e.inputs.len(),
            e.outputs.len()
        ));
    }
    for spec in &e.inputs {
        if spec.dims.len() > 4
            || spec
                .dims
                .iter()
                .any(|&d| d == 0 || !(-1..=MAX_DIM).contains(&d))
        {
            return Err(format!(
                "model {}: input {} has dims {:?} (each -1 or 1..={MAX_DIM}, at most 4)",
                e.file, spec.name, spec.dims
            ));
        }
    }
    if e.upsample as i64 > MAX_DIM {
        return Err(format!(
            "model {}: upsample {} beyond {MAX_DIM}",
            e.file, e.upsample
        ));
    }
    if let Some(s) = e.istft {
        if s.n_fft == 0 || s.n_fft > MAX_N_FFT || s.hop == 0 || s.center > s.n_fft {
            return Err(format!(
                "model {}: istft {s:?} (n_fft 1..={MAX_N_FFT}, hop > 0, center <= n_fft)",
                e.file
            ));
        }
    }
    Ok(())
}
