//! The `sotto` binary end to end: real voice pack, real files, real errors.

mod common;

use std::process::Output;

fn sotto(args: &[&str]) -> Output {
    common::sotto_command()
        .args(args)
        .output()
        .expect("sotto runs")
}

fn sotto_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut cmd = common::sotto_command();
    cmd.args(args);
    common::run_with_stdin(cmd, stdin)
}

fn bad_inputs() -> Vec<(String, Vec<u8>)> {
    let dir = common::root().join("../shared/eval/bad-inputs");
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    assert!(v.len() >= 10, "bad-inputs suite not found");
    v
}

fn survived(o: &Output) -> bool {
    let code = o.status.code();
    code == Some(0) || (code == Some(1) && stderr(o).contains("error:"))
}

use common::stderr;

fn tmp(name: &str) -> std::path::PathBuf {
    common::tmp("cli", name)
}

/// `sotto resynth INPUT -o OUT` with the shipped voice.
fn resynth(input: &std::path::Path, out: &std::path::Path) -> Output {
    sotto(&[
        "resynth",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ])
}

#[test]
fn resynth_writes_a_wav_of_the_input_length() {
    let out = tmp("resynth.wav");
    let input = common::fixture("sentence.wav");
    let o = resynth(&input, &out);
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
    let o = resynth(&bad, &tmp("x.wav"));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("not a usable WAV file"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn resynth_rejects_empty_and_truncated_input_clearly() {
    let empty = tmp("empty.wav");
    std::fs::write(&empty, b"").unwrap();
    let o = resynth(&empty, &tmp("y.wav"));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let full = std::fs::read(common::fixture("sentence.wav")).unwrap();
    let cut = tmp("cut.wav");
    std::fs::write(&cut, &full[..30]).unwrap();
    let o = resynth(&cut, &tmp("z.wav"));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

#[test]
fn a_truncated_wav_into_resynth_says_so_and_leaves_no_file() {
    let full = std::fs::read(common::fixture("sentence.wav")).unwrap();
    let out = tmp("from-cut.wav");
    for (name, len) in [("cut-header.wav", 30), ("cut-data.wav", full.len() / 2 + 1)] {
        let cut = tmp(name);
        std::fs::write(&cut, &full[..len]).unwrap();
        let o = resynth(&cut, &out);
        assert_eq!(o.status.code(), Some(1), "{name}: {}", stderr(&o));
        assert!(stderr(&o).contains("truncated"), "{name}: {}", stderr(&o));
        assert!(!out.exists(), "{name}: left {}", out.display());
    }
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
}

#[test]
fn phonemize_survives_every_bad_input_from_stdin_arguments_and_batch() {
    survives_every_bad_input(&["phonemize", "--ids"]);
}

#[test]
fn normalize_survives_every_bad_input_from_stdin_arguments_and_batch() {
    survives_every_bad_input(&["normalize"]);
}

/// Feeds every bad input to the text command `args` (`args[0]` the subcommand) on stdin, as an
/// argument (when it is text) and as a `--batch` row; each run must end with a clear result.
fn survives_every_bad_input(args: &[&str]) {
    let command = args[0];
    for (name, bytes) in bad_inputs() {
        let o = sotto_stdin(args, &bytes);
        assert!(
            survived(&o),
            "{command}: {name} via stdin: {:?} {}",
            o.status,
            stderr(&o)
        );
        if let Ok(text) = std::str::from_utf8(&bytes) {
            if !text.contains('\0') {
                let o = sotto(&[command, text]);
                assert!(
                    survived(&o),
                    "{command}: {name} as argument: {}",
                    stderr(&o)
                );
            }
        }
        let tsv = tmp(&format!("{name}.{command}.tsv"));
        let mut row = b"row1\t".to_vec();
        row.extend(
            bytes
                .iter()
                .map(|&b| if b == b'\n' || b == b'\t' { b' ' } else { b }),
        );
        row.push(b'\n');
        std::fs::write(&tsv, &row).unwrap();
        let o = sotto(&[command, "--batch", tsv.to_str().unwrap()]);
        assert!(survived(&o), "{command}: {name} via batch: {}", stderr(&o));
    }
}

#[test]
fn normalize_prints_the_spoken_form_one_sentence_per_line() {
    let o = sotto(&["normalize", "Ticket no. 17 is at Gate B12. Open 24/7."]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "Ticket number seventeen is at Gate B twelve.\nOpen twenty four seven.\n"
    );
    let tsv = tmp("normalize.tsv");
    std::fs::write(&tsv, "a\tSale ends Oct. 3rd.\nb\tHwy 101 S\n").unwrap();
    let o = sotto(&["normalize", "--batch", tsv.to_str().unwrap()]);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "a\tSale ends october third.\nb\thighway one oh one south\n"
    );
}

#[test]
fn normalize_warns_once_per_span_it_cannot_read() {
    let o = sotto(&["normalize", "Exit Выход, выход. Welcome to 新宿 station."]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "Exit,\nWelcome to station.\n"
    );
    let warnings: Vec<String> = stderr(&o)
        .lines()
        .filter(|l| l.starts_with("sotto: warning:"))
        .map(str::to_string)
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0].contains("Cyrillic text \"Выход, выход\""),
        "{warnings:?}"
    );
    assert!(
        warnings[1].contains("Han (CJK) text \"新宿\""),
        "{warnings:?}"
    );
    let text = format!("Menu {} 漢字 {}", "#".repeat(2_000), "ж".repeat(2_000));
    let o = sotto_stdin(&["normalize"], text.as_bytes());
    assert_eq!(String::from_utf8_lossy(&o.stdout), "Menu\n");
    assert_eq!(stderr(&o).lines().count(), 2, "{}", stderr(&o));
    let tsv = tmp("normalize-scripts.tsv");
    std::fs::write(&tsv, "r1\tGate 4 出口 now.\nr2\tPlain.\n").unwrap();
    let o = sotto(&["normalize", "--batch", tsv.to_str().unwrap()]);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "r1\tGate four now.\nr2\tPlain.\n"
    );
    assert!(stderr(&o).contains("sotto: warning: r1: Han (CJK) text \"出口\""));
    assert!(!stderr(&o).contains("r2"));
}

#[test]
fn phonemize_reads_a_megabyte_from_stdin_sentence_by_sentence() {
    let text = "The next bus leaves at 10:45 from stop 12. ".repeat(25_000);
    let o = sotto_stdin(&["phonemize"], text.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let lines = String::from_utf8_lossy(&o.stdout).lines().count();
    assert!(lines >= 20_000, "{lines} sentences");
}

#[test]
fn phonemize_ids_match_the_golden_output() {
    let text = std::fs::read_to_string(common::fixture("golden/phonemize.txt")).unwrap();
    let want = std::fs::read_to_string(common::fixture("golden/phonemize.ids")).unwrap();
    let o = sotto_stdin(&["phonemize", "--ids"], text.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        want,
        "regenerate with: sotto phonemize --ids < tests/fixtures/golden/phonemize.txt"
    );
}

#[test]
fn resynth_mixes_stereo_and_resamples_other_rates() {
    let (_, mono) = common::read_wav(&common::fixture("speech.wav"));
    let input = tmp("stereo-44k.wav");
    let spec = hound::WavSpec {
        channels: 2,
        sample_rate: 44100,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut w = hound::WavWriter::create(&input, spec).unwrap();
    for &s in &mono {
        for _ in 0..2 {
            let v = (s * 32767.0) as i16;
            w.write_sample(v).unwrap();
            w.write_sample(v).unwrap();
        }
    }
    w.finalize().unwrap();
    let out = tmp("stereo-out.wav");
    let o = resynth(&input, &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let (rate, audio) = common::read_wav(&out);
    assert_eq!(rate, 22050);
    assert_eq!(audio.len(), mono.len());
}

/// Guards the installed layouts (the Debian package's `/usr/bin` + `/usr/share/sotto`, the
/// board tarball's `bin/` + `share/`): with neither `--voice` nor `$SOTTO_VOICE`, a binary in
/// `<prefix>/bin` speaks with `<prefix>/share/sotto/voices/joe`.
#[test]
fn the_voice_installed_beside_the_binary_is_found_by_default() {
    let prefix = tmp("installed-prefix");
    let _ = std::fs::remove_dir_all(&prefix);
    let (bin_dir, voice) = (prefix.join("bin"), prefix.join("share/sotto/voices/joe"));
    std::fs::create_dir_all(&bin_dir).unwrap();
    std::fs::create_dir_all(&voice).unwrap();
    let bin = bin_dir.join("sotto");
    std::fs::hard_link(common::sotto_bin(), &bin)
        .or_else(|_| std::fs::copy(common::sotto_bin(), &bin).map(|_| ()))
        .unwrap();
    for f in std::fs::read_dir(common::tiny_voice()).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, voice.join(f.file_name().unwrap())).unwrap();
    }
    let out = prefix.join("out.wav");
    let o = common::sotto_command_at(&bin)
        .args(["say", "-v", "Doors closing.", "-o", out.to_str().unwrap()])
        .output()
        .expect("sotto runs");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!("voice {} loaded", voice.display())),
        "{}",
        stderr(&o)
    );
    assert!(!common::read_wav(&out).1.is_empty());
    std::fs::remove_dir_all(&prefix).unwrap();
}
