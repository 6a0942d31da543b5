//! Helpers shared by the end-to-end tests.
#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// Environment variable holding a command prefix for running the `sotto` binary, e.g.
/// `qemu-aarch64-static -cpu neoverse-n1` for cross-built tests.
pub const RUNNER_ENV: &str = "SOTTO_TEST_RUNNER";

/// Environment variable naming another `sotto` binary to test instead of this build's, e.g.
/// an aarch64 cross build run through `$SOTTO_TEST_RUNNER`.
pub const BIN_ENV: &str = "SOTTO_TEST_BIN";

/// A command running the `sotto` binary under test (`$SOTTO_TEST_BIN`, else this build's;
/// through `$SOTTO_TEST_RUNNER` if set), with the voice chosen by the test rather than the
/// environment.
pub fn sotto_command() -> Command {
    sotto_command_at(&sotto_bin())
}

/// The `sotto` binary under test: `$SOTTO_TEST_BIN`, else this build's.
pub fn sotto_bin() -> PathBuf {
    std::env::var_os(BIN_ENV)
        .map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_sotto")), PathBuf::from)
}

/// [`sotto_command`] for a copy of the binary at `bin`.
pub fn sotto_command_at(bin: &std::path::Path) -> Command {
    let runner = std::env::var(RUNNER_ENV).unwrap_or_default();
    let mut words = runner.split_whitespace();
    let mut cmd = match words.next() {
        Some(prog) => {
            let mut c = Command::new(prog);
            c.args(words).arg(bin);
            c
        }
        None => Command::new(bin),
    };
    cmd.env_remove("SOTTO_VOICE");
    cmd.env_remove("SOTTO_CUDA_FAULT");
    cmd
}

/// Repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A committed test fixture.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests").join("fixtures").join(name)
}

/// The voice pack shipped in the repository.
pub fn shipped_voice() -> PathBuf {
    root().join("models").join("voices").join("joe")
}

/// The tiny untrained test pack (a fixture exercising every mechanism, not a voice).
pub fn tiny_voice() -> PathBuf {
    fixture("tiny-voice")
}

/// Reads a mono 16-bit WAV as floats.
pub fn read_wav(path: &std::path::Path) -> (u32, Vec<f32>) {
    let mut r = hound::WavReader::open(path).expect("readable wav");
    let rate = r.spec().sample_rate;
    let s = r
        .samples::<i16>()
        .map(|s| s.expect("sample") as f32 / 32768.0)
        .collect();
    (rate, s)
}

/// Signal-to-noise ratio of `test` against `reference`, in dB.
pub fn snr_db(reference: &[f32], test: &[f32]) -> f64 {
    assert_eq!(reference.len(), test.len(), "lengths differ");
    let signal: f64 = reference.iter().map(|&x| (x as f64).powi(2)).sum();
    let noise: f64 = reference
        .iter()
        .zip(test)
        .map(|(&a, &b)| ((a - b) as f64).powi(2))
        .sum();
    10.0 * (signal / noise.max(1e-30)).log10()
}

/// Runs `cmd` with `stdin` fed from a separate thread (so a child that writes a lot before it
/// has read everything cannot deadlock the test) and collects its output.
pub fn run_with_stdin(mut cmd: Command, stdin: &[u8]) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sotto runs");
    let mut input = child.stdin.take().unwrap();
    let bytes = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&bytes);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

/// A fresh per-process scratch path under the system temp directory.
pub fn tmp(group: &str, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sotto-{group}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// The child's stderr as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The tiny test pack opened through the engine API, on the CPU at fp32.
pub fn tiny_engine_voice() -> std::sync::Arc<sotto::Voice> {
    use sotto::{Device, PrecisionPolicy, Voice, VoiceOptions};
    let opts = VoiceOptions {
        device: Device::Cpu,
        precision: PrecisionPolicy::Fp32,
        ..VoiceOptions::default()
    };
    Voice::open(tiny_voice(), &opts).unwrap()
}
