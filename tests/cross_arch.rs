//! The binary under test (e.g. aarch64 under qemu, through `$SOTTO_TEST_RUNNER`) produces the
//! same audio as a reference build (e.g. x86-64) named by `$SOTTO_REFERENCE_BIN`.
//!
//! With an acoustic model in the shipped voice this compares `sotto say` (fp32, temperature 0,
//! fixed seed); before that, `sotto resynth` of the speech fixture (HiFi-GAN, fp32). Both are
//! short, as the emulated run costs minutes per second of audio. Without `$SOTTO_REFERENCE_BIN`
//! there is nothing to compare against and the test only says so.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sotto::voice::{Role, VoicePack};

/// Environment variable naming the reference `sotto` binary, run natively.
const REFERENCE_ENV: &str = "SOTTO_REFERENCE_BIN";

/// fp32 audio of two builds (different CPUs, SIMD kernels and summation orders) must agree at
/// least this well; 16-bit output alone caps the SNR near 90 dB.
const MIN_CROSS_BUILD_SNR_DB: f64 = 60.0;

/// The sentence spoken by both builds when the voice has an acoustic model.
const SENTENCE: &str = "Platform 3, at 7:45.";

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sotto-cross-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// The command line rendering `out` with the shipped voice on the CPU.
fn render_args(out: &Path) -> Vec<String> {
    let voice = common::shipped_voice();
    let pack = VoicePack::open(&voice).unwrap();
    let has_acoustic = pack
        .manifest()
        .models
        .iter()
        .any(|m| m.role == Role::Encoder);
    let mut args: Vec<String> = if has_acoustic {
        [
            "say",
            SENTENCE,
            "--precision",
            "fp32",
            "--temperature",
            "0",
            "--seed",
            "7",
        ]
        .map(String::from)
        .to_vec()
    } else {
        vec![
            "resynth".into(),
            common::fixture("speech.wav").display().to_string(),
        ]
    };
    args.extend(["--device", "cpu", "--voice"].map(String::from));
    args.push(voice.display().to_string());
    args.extend(["-o".into(), out.display().to_string()]);
    args
}

fn check(o: &Output, what: &str) {
    assert!(
        o.status.success(),
        "{what}: {:?}\n{}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn audio_matches_the_reference_build() {
    let Some(reference) = std::env::var_os(REFERENCE_ENV) else {
        eprintln!("{REFERENCE_ENV} is not set: no reference build to compare with");
        return;
    };
    let (ours, theirs) = (tmp("under-test.wav"), tmp("reference.wav"));
    let o = common::sotto_command()
        .args(render_args(&ours))
        .output()
        .unwrap();
    check(&o, "build under test");
    let o = Command::new(&reference)
        .args(render_args(&theirs))
        .env_remove("SOTTO_VOICE")
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", Path::new(&reference).display()));
    check(&o, "reference build");
    let (rate_a, a) = common::read_wav(&theirs);
    let (rate_b, b) = common::read_wav(&ours);
    assert_eq!(rate_a, rate_b);
    assert_eq!(a.len(), b.len(), "the builds rendered different lengths");
    let snr = common::snr_db(&a, &b);
    let worst = a
        .iter()
        .zip(&b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0f32, f32::max);
    eprintln!(
        "{}: SNR {snr:.1} dB against the reference, max |Δ| {:.0} LSB over {} samples",
        render_args(&ours)[0],
        worst * 32768.0,
        a.len()
    );
    assert!(snr >= MIN_CROSS_BUILD_SNR_DB, "SNR {snr:.1} dB");
}
