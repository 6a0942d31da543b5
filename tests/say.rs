//! `sotto say` end to end: text in, streamed audio out, through every entry point.
//!
//! These run on the tiny test pack (untrained models with the real pipeline's shapes), so they
//! check mechanics — lengths, determinism, streaming, errors — in seconds, not speech quality.

mod common;

use std::process::Output;

fn sotto(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = common::sotto_command();
    cmd.args(args).arg("--voice").arg(common::tiny_voice());
    common::run_with_stdin(cmd, stdin.unwrap_or_default())
}

fn tmp(name: &str) -> std::path::PathBuf {
    common::tmp("say", name)
}

use common::stderr;

/// Bad inputs longer than this are checked through `phonemize` only (tests/cli.rs), as
/// speaking them takes minutes.
const MAX_SPOKEN_BAD_INPUT: usize = 1024;

/// The tiny pack gives every phoneme id this many 256-sample frames.
const TINY_FRAMES_PER_ID: usize = 3;

#[test]
fn say_speaks_a_sentence_to_a_wav_file() {
    let out = tmp("hello.wav");
    let o = sotto(
        &[
            "say",
            "Hello, and welcome aboard.",
            "-o",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let (rate, audio) = common::read_wav(&out);
    assert_eq!(rate, 22050);
    let ids = sotto(&["phonemize", "--ids", "Hello, and welcome aboard."], None);
    let n_ids = String::from_utf8_lossy(&ids.stdout)
        .split_whitespace()
        .count();
    assert_eq!(audio.len(), n_ids * TINY_FRAMES_PER_ID * 256);
    assert!(audio.iter().any(|&x| x != 0.0), "all zeros");
}

#[test]
fn say_without_noise_is_deterministic() {
    let args = |o: &str| {
        vec![
            "say".to_string(),
            "Turn left at the next light.".into(),
            "--temperature".into(),
            "0".into(),
            "-o".into(),
            o.into(),
        ]
    };
    let (a, b) = (tmp("det-a.wav"), tmp("det-b.wav"));
    for p in [&a, &b] {
        let v = args(p.to_str().unwrap());
        let v: Vec<&str> = v.iter().map(String::as_str).collect();
        let o = sotto(&v, None);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    assert_eq!(std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
}

#[test]
fn say_reads_stdin_and_streams_raw_pcm_to_stdout() {
    let o = sotto(
        &["say", "-o", "-", "--format", "raw"],
        Some(b"Good morning. The museum opens at nine."),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(o.stdout.len() % 2, 0);
    assert!(o.stdout.len() > 22050, "{} bytes", o.stdout.len());
}

#[test]
fn a_failed_say_leaves_no_output_file() {
    let out = tmp("failed.wav");
    let marks = tmp("failed.jsonl");
    let unwritable = tmp("no-such-dir").join("marks.jsonl");
    let cases: [(&str, Vec<&str>); 4] = [
        ("blank text", vec!["   "]),
        ("emoji only", vec!["🙂🙂"]),
        (
            "malformed SSML",
            vec!["<speak>unclosed", "--marks", marks.to_str().unwrap()],
        ),
        (
            "unwritable --marks",
            vec!["Mind the gap.", "--marks", unwritable.to_str().unwrap()],
        ),
    ];
    for (what, extra) in cases {
        let _ = std::fs::remove_file(&out);
        let mut args = vec!["say", "-o", out.to_str().unwrap()];
        args.extend(extra);
        let o = sotto(&args, None);
        assert_eq!(o.status.code(), Some(1), "{what}: {}", stderr(&o));
        assert!(!out.exists(), "{what}: left {}", out.display());
        assert!(!marks.exists(), "{what}: left {}", marks.display());
    }
}

#[test]
fn say_rejects_text_with_nothing_to_speak() {
    for text in ["", "   \n\t ", "🙂🙂🙂", "...!?"] {
        let o = sotto(
            &["say", text, "-o", tmp("nothing.wav").to_str().unwrap()],
            None,
        );
        assert_eq!(o.status.code(), Some(1), "{text:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("nothing to speak"),
            "{text:?}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn say_survives_every_bad_input_of_the_shared_suite() {
    let dir = common::root().join("../shared/eval/bad-inputs");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        panic!("missing {}", dir.display());
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        if bytes.len() > MAX_SPOKEN_BAD_INPUT {
            continue;
        }
        let o = sotto(
            &["say", "-o", tmp("bad.wav").to_str().unwrap()],
            Some(&bytes),
        );
        let code = o.status.code();
        assert!(
            code == Some(0) || (code == Some(1) && stderr(&o).contains("error")),
            "{}: exit {code:?}: {}",
            path.display(),
            stderr(&o)
        );
    }
}

#[test]
fn say_ssml_survives_every_bad_input_of_the_shared_suite() {
    let dir = common::root().join("../shared/eval/bad-inputs");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        for flag in ["--ssml", "--ssml-lenient"] {
            let o = sotto(
                &["say", flag, "-o", tmp("bad-ssml.wav").to_str().unwrap()],
                Some(&bytes),
            );
            let code = o.status.code();
            assert!(
                code == Some(0) || (code == Some(1) && stderr(&o).contains("error")),
                "{} {flag}: exit {code:?}: {}",
                path.display(),
                stderr(&o)
            );
        }
    }
}

#[test]
fn say_detects_ssml_and_reports_malformed_markup_by_position() {
    let out = tmp("ssml.wav");
    let o = sotto(
        &["say", "<speak>Doors closing.<break time=\"500ms\"/>Next stop, <say-as interpret-as=\"characters\">ABC</say-as>.</speak>", "-o", out.to_str().unwrap()],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let (_, audio) = common::read_wav(&out);
    assert!(audio.len() > 22050 / 2, "{} samples", audio.len());
    let o = sotto(
        &[
            "say",
            "--ssml",
            "<speak>\n  <blink>no</blink></speak>",
            "-o",
            tmp("bad.wav").to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("line 2, column 3"), "{}", stderr(&o));
    let o = sotto(
        &[
            "say",
            "--ssml-lenient",
            "<speak><blink>yes</blink></speak>",
            "-o",
            tmp("ok.wav").to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn batch_writes_one_wav_per_row_and_skips_comments() {
    let tsv = tmp("list.tsv");
    std::fs::write(
        &tsv,
        "# a comment\nfirst\tPlease stand clear of the doors.\textra\n\nsecond\tThank you.\n",
    )
    .unwrap();
    let dir = tmp("batch");
    let o = sotto(
        &[
            "say",
            "--batch",
            tsv.to_str().unwrap(),
            "--out-dir",
            dir.to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    for id in ["first", "second"] {
        let (_, audio) = common::read_wav(&dir.join(format!("{id}.wav")));
        assert!(audio.len() > 5000, "{id}: {} samples", audio.len());
    }
}

#[test]
fn out_of_range_settings_are_clear_errors() {
    let out = tmp("range.wav");
    for args in [
        vec!["--speed", "0"],
        vec!["--temperature", "9"],
        vec!["--steps", "0"],
        vec!["--steps", "1000"],
    ] {
        let mut v = vec!["say", "Hello.", "-o", out.to_str().unwrap()];
        v.extend(&args);
        let o = sotto(&v, None);
        assert!(!o.status.success(), "{args:?} accepted");
        assert!(!stderr(&o).contains("panicked"), "{args:?}: {}", stderr(&o));
    }
}
