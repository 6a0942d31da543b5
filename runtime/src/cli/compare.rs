//! `sotto compare`: how close two renderings are (SNR and largest sample difference per file),
//! e.g. the GPU's audio against the CPU's on a device with nothing but the binary.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};

/// SNR below which `compare` fails unless `--min-snr` says otherwise, in dB.
pub const DEFAULT_MIN_SNR_DB: f64 = 60.0;

/// Arguments of `sotto compare`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Reference: a 16-bit WAV file, or a directory of them
    reference: PathBuf,
    /// Rendering to check: a file, or a directory with the same file names
    test: PathBuf,
    /// Fail when any file's SNR is below this many dB
    #[arg(long, default_value_t = DEFAULT_MIN_SNR_DB)]
    min_snr: f64,
}

/// How one file compares.
#[derive(Debug, Clone, PartialEq)]
struct Diff {
    samples: usize,
    snr_db: f64,
    max_lsb: i32,
}

fn read(path: &Path) -> Result<Vec<i16>> {
    let mut r =
        hound::WavReader::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    if r.spec().bits_per_sample != 16 || r.spec().sample_format != hound::SampleFormat::Int {
        bail!("{}: not 16-bit PCM", path.display());
    }
    r.samples::<i16>()
        .collect::<Result<_, _>>()
        .with_context(|| format!("cannot read {}", path.display()))
}

fn diff(reference: &[i16], test: &[i16]) -> Option<Diff> {
    if reference.len() != test.len() {
        return None;
    }
    let (mut signal, mut noise, mut max_lsb) = (0f64, 0f64, 0i32);
    for (&a, &b) in reference.iter().zip(test) {
        signal += (a as f64).powi(2);
        let d = a as i32 - b as i32;
        noise += (d as f64).powi(2);
        max_lsb = max_lsb.max(d.abs());
    }
    let snr_db = if noise == 0.0 {
        f64::INFINITY
    } else {
        10.0 * (signal / noise).log10()
    };
    Some(Diff {
        samples: reference.len(),
        snr_db,
        max_lsb,
    })
}

fn pairs(reference: &Path, test: &Path) -> Result<Vec<(String, PathBuf, PathBuf)>> {
    if !reference.is_dir() {
        return Ok(vec![(
            reference.display().to_string(),
            reference.to_path_buf(),
            test.to_path_buf(),
        )]);
    }
    let mut names: Vec<String> = std::fs::read_dir(reference)
        .with_context(|| format!("cannot list {}", reference.display()))?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".wav"))
        .collect();
    names.sort();
    if names.is_empty() {
        bail!("no .wav files in {}", reference.display());
    }
    Ok(names
        .into_iter()
        .map(|n| (n.clone(), reference.join(&n), test.join(&n)))
        .collect())
}

pub fn run(args: Args) -> Result<ExitCode> {
    let mut snrs = Vec::new();
    let (mut failed, mut max_lsb) = (0, 0);
    for (name, a, b) in pairs(&args.reference, &args.test)? {
        let (a, b) = (read(&a)?, read(&b)?);
        match diff(&a, &b) {
            None => {
                failed += 1;
                println!("{name}\tlength {} vs {}\tFAIL", a.len(), b.len());
            }
            Some(d) => {
                let ok = d.snr_db >= args.min_snr;
                failed += usize::from(!ok);
                max_lsb = max_lsb.max(d.max_lsb);
                snrs.push(d.snr_db);
                println!(
                    "{name}\t{} samples\tSNR {:.1} dB\tmax {} LSB{}",
                    d.samples,
                    d.snr_db,
                    d.max_lsb,
                    if ok { "" } else { "\tFAIL" }
                );
            }
        }
    }
    snrs.sort_by(f64::total_cmp);
    if let (Some(min), Some(max)) = (snrs.first(), snrs.last()) {
        println!(
            "summary\t{} files\tSNR {min:.1}–{max:.1} dB (median {:.1})\tmax {max_lsb} LSB\t{failed} failed",
            snrs.len(),
            snrs[snrs.len() / 2]
        );
    }
    Ok(if failed > 0 {
        super::EXIT_FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_audio_has_infinite_snr_and_no_difference() {
        let d = diff(&[100, -200, 300], &[100, -200, 300]).unwrap();
        assert_eq!((d.snr_db, d.max_lsb), (f64::INFINITY, 0));
    }

    #[test]
    fn a_one_lsb_error_on_a_loud_signal_is_a_high_snr() {
        let a: Vec<i16> = (0..1000)
            .map(|i| ((i % 100) * 300 - 15000) as i16)
            .collect();
        let mut b = a.clone();
        b[10] += 1;
        let d = diff(&a, &b).unwrap();
        assert_eq!(d.max_lsb, 1);
        assert!(d.snr_db > 100.0, "{d:?}");
    }

    #[test]
    fn different_lengths_do_not_compare() {
        assert_eq!(diff(&[1, 2], &[1, 2, 3]), None);
    }
}
