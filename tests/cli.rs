//! The `sotto` binary end to end: real voice pack, real files, real errors.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn sotto(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sotto"))
        .args(args)
        .env_remove("SOTTO_VOICE")
        .output()
        .expect("sotto runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn tmp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("sotto-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn resynth_writes_a_wav_of_the_input_length() {
    let out = tmp("resynth.wav");
    let input = common::fixture("sentence.wav");
    let o = sotto(&["resynth", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (rate, audio) = common::read_wav(&out);
    let (_, original) = common::read_wav(&input);
    assert_eq!(rate, 22050);
    assert_eq!(audio.len(), original.len());
    let peak = audio.iter().fold(0.0f32, |m, &x| m.max(x.abs()));
    assert!(peak > 0.05, "output is silent (peak {peak})");
}

#[test]
fn resynth_rejects_non_wav_input_clearly() {
    let bad = tmp("not-a.wav");
    std::fs::write(&bad, b"this is not a wav file at all").unwrap();
    let o = sotto(&["resynth", bad.to_str().unwrap(), "-o", tmp("x.wav").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not a usable WAV file"), "{}", stderr(&o));
}

#[test]
fn resynth_rejects_empty_and_truncated_input_clearly() {
    let empty = tmp("empty.wav");
    std::fs::write(&empty, b"").unwrap();
    let o = sotto(&["resynth", empty.to_str().unwrap(), "-o", tmp("y.wav").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let full = std::fs::read(common::fixture("sentence.wav")).unwrap();
    let cut = tmp("cut.wav");
    std::fs::write(&cut, &full[..30]).unwrap();
    let o = sotto(&["resynth", cut.to_str().unwrap(), "-o", tmp("z.wav").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

#[test]
fn resynth_names_a_missing_voice_pack() {
    let o = sotto(&[
        "resynth",
        common::fixture("speech.wav").to_str().unwrap(),
        "-o",
        tmp("w.wav").to_str().unwrap(),
        "--voice",
        "/nonexistent/voice",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("/nonexistent/voice"), "{}", stderr(&o));
}

#[test]
fn bad_flags_are_usage_errors() {
    let o = sotto(&["resynth", "--no-such-flag"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(Path::new(env!("CARGO_BIN_EXE_sotto")).exists());
}
