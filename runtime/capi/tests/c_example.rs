//! The C example, compiled with the system C compiler against `libsotto`, speaks exactly what
//! the engine speaks, marks included; the C ABI refuses misuse with codes; valgrind finds no
//! leak or invalid access in the example; dropped spans come back with their byte ranges.

use std::path::{Path, PathBuf};
use std::process::Command;

use engine::{SpeakOptions, Voice, VoiceOptions};

const TEXT: &str = "Your train leaves at seven. Mind the gap, please.";

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn tiny_voice() -> PathBuf {
    crate_dir().join("../../tests/fixtures/tiny-voice")
}

/// The profile directory holding `libsotto.so` (the test binary lives in its `deps/`).
fn lib_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.parent().unwrap().parent().unwrap().to_path_buf()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sotto-capi-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Compiles a C source against the shared library.
fn compile(source: &Path, name: &str) -> PathBuf {
    let exe = scratch(name);
    let lib = lib_dir();
    // `cargo test` links integration tests against no cdylib: build (or refresh) it, in the
    // profile this test was built in. `--tests` keeps the dev-dependencies' features (cbindgen
    // turns on rustix's defaults, under tract-nnef), so the engine and tract built for the
    // tests are reused instead of being compiled again with another feature set.
    let mut build = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    build.args([
        "build",
        "-q",
        "-p",
        "sotto-capi",
        "--lib",
        "--tests",
        "--target-dir",
    ]);
    build.arg(lib.parent().unwrap());
    if lib.file_name().is_some_and(|n| n == "release") {
        build.arg("--release");
    }
    assert!(
        build.status().unwrap().success(),
        "cargo build -p sotto-capi failed"
    );
    assert!(
        lib.join("libsotto.so").is_file(),
        "no libsotto.so in {}",
        lib.display()
    );
    let o = Command::new("cc")
        .args(["-std=c99", "-Wall", "-Werror", "-O1", "-g"])
        .arg("-I")
        .arg(crate_dir().join("include"))
        .arg(source)
        .arg("-o")
        .arg(&exe)
        .arg(format!("-L{}", lib.display()))
        .arg(format!("-Wl,-rpath,{}", lib.display()))
        .args(["-lsotto", "-lm"])
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "cc: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    exe
}

fn read_wav(path: &Path) -> (u32, Vec<i16>) {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[..4], b"RIFF");
    let rate = u32::from_le_bytes(bytes[24..28].try_into().unwrap());
    let data = u32::from_le_bytes(bytes[40..44].try_into().unwrap()) as usize;
    assert_eq!(bytes.len(), 44 + data, "header sizes");
    let samples = bytes[44..]
        .chunks_exact(2)
        .map(|b| i16::from_le_bytes([b[0], b[1]]))
        .collect();
    (rate, samples)
}

const SSML: &str = "<speak>Your train leaves at seven.<mark name=\"gap\"/><break time=\"300ms\"/>\
     <prosody rate=\"80%\">Mind the gap, please.</prosody><mark name=\"end\"/></speak>";

#[test]
fn the_c_example_speaks_what_the_engine_speaks() {
    let exe = compile(&crate_dir().join("examples/speak.c"), "speak");
    let kinds = speaks_what_the_engine_speaks(&exe, TEXT, "text");
    assert!(!kinds.contains(&"mark".to_string()));
    let kinds = speaks_what_the_engine_speaks(&exe, SSML, "ssml");
    assert_eq!(kinds.iter().filter(|k| *k == "mark").count(), 2);
}

/// Runs the C example on `text` and compares its WAV and marks with the engine's; returns
/// the kinds of the marks.
fn speaks_what_the_engine_speaks(exe: &Path, text: &str, name: &str) -> Vec<String> {
    let (wav, marks) = (
        scratch(&format!("{name}.wav")),
        scratch(&format!("{name}.jsonl")),
    );
    let o = Command::new(exe)
        .arg(tiny_voice())
        .arg(text)
        .arg(&wav)
        .arg(&marks)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "speak: {}",
        String::from_utf8_lossy(&o.stderr)
    );

    let voice = Voice::open(tiny_voice(), &VoiceOptions::default()).unwrap();
    let mut stream = voice.stream().unwrap();
    if text.starts_with("<speak") {
        stream.start_ssml(text, &SpeakOptions::default()).unwrap();
    } else {
        stream.start(text, &SpeakOptions::default()).unwrap();
    }
    let mut want = Vec::new();
    let mut want_marks = Vec::new();
    for chunk in stream {
        let chunk = chunk.unwrap();
        want.extend(chunk.samples.iter().map(|&s| engine::audio::to_i16(s)));
        want_marks.extend(chunk.marks);
    }
    let (rate, got) = read_wav(&wav);
    assert_eq!(rate, voice.sample_rate());
    assert_eq!(got, want, "C and Rust audio");

    let lines: Vec<serde_like::Line> = std::fs::read_to_string(&marks)
        .unwrap()
        .lines()
        .map(serde_like::parse)
        .collect();
    assert_eq!(lines.len(), want_marks.len());
    for (l, m) in lines.iter().zip(&want_marks) {
        assert_eq!(l.kind, m.kind.name());
        assert_eq!(l.text, m.text);
        assert_eq!((l.start, l.samples), (m.start, m.duration));
    }
    lines.into_iter().map(|l| l.kind).collect()
}

#[test]
fn the_c_abi_refuses_misuse_with_codes() {
    let exe = compile(&crate_dir().join("tests/misuse.c"), "misuse");
    let o = Command::new(&exe).arg(tiny_voice()).output().unwrap();
    assert!(
        o.status.success(),
        "misuse: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn the_c_abi_reports_dropped_spans_with_their_byte_ranges() {
    let exe = compile(&crate_dir().join("tests/dropped.c"), "dropped");
    let o = Command::new(&exe).arg(tiny_voice()).output().unwrap();
    assert!(
        o.status.success(),
        "dropped: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn valgrind_finds_no_leak_or_invalid_access_in_the_dropped_span_query() {
    let exe = compile(&crate_dir().join("tests/dropped.c"), "dropped-vg");
    let o = Command::new("valgrind")
        .args([
            "--error-exitcode=99",
            "--leak-check=full",
            "--errors-for-leak-kinds=definite,indirect",
            "--show-leak-kinds=definite,indirect",
        ])
        .arg(&exe)
        .arg(tiny_voice())
        .output()
        .expect("valgrind is installed");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "valgrind:\n{err}");
    assert!(err.contains("ERROR SUMMARY: 0 errors"), "{err}");
}

/// Runs `exe` (the example) under valgrind on `text` into `wav`; returns its exit code and
/// valgrind's report.
fn valgrind(exe: &Path, text: &str, wav: &Path) -> (Option<i32>, String) {
    let o = Command::new("valgrind")
        .args([
            "--error-exitcode=99",
            "--leak-check=full",
            "--errors-for-leak-kinds=definite,indirect",
            "--show-leak-kinds=definite,indirect",
        ])
        .arg(exe)
        .arg(tiny_voice())
        .arg(text)
        .arg(wav)
        .arg(scratch("vg.jsonl"))
        .output()
        .expect("valgrind is installed");
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn valgrind_finds_no_leak_or_invalid_access_in_the_c_example() {
    let exe = compile(&crate_dir().join("examples/speak.c"), "speak-vg");
    let (code, err) = valgrind(&exe, "Mind the gap.", &scratch("vg.wav"));
    assert_eq!(code, Some(0), "valgrind:\n{err}");
    assert!(err.contains("ERROR SUMMARY: 0 errors"), "{err}");
}

#[test]
fn the_c_example_frees_everything_when_the_output_cannot_be_created() {
    let exe = compile(&crate_dir().join("examples/speak.c"), "speak-vg-out");
    let wav = scratch("no-such-dir").join("out.wav");
    let (code, err) = valgrind(&exe, "Mind the gap.", &wav);
    assert_eq!(code, Some(1), "valgrind:\n{err}");
    assert!(err.contains("ERROR SUMMARY: 0 errors"), "{err}");
    assert!(err.contains("out.wav"), "names the file: {err}");
}

#[test]
fn the_c_example_prints_why_a_start_failed_and_leaves_no_files() {
    let exe = compile(&crate_dir().join("examples/speak.c"), "speak-fail");
    let (wav, marks) = (scratch("fail.wav"), scratch("fail.jsonl"));
    let o = Command::new(&exe)
        .arg(tiny_voice())
        .arg("<speak>unclosed")
        .arg(&wav)
        .arg(&marks)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("SSML line"),
        "the message survives the frees: {err}"
    );
    assert!(!wav.exists() && !marks.exists());
}

/// Just enough JSON reading for the example's flat mark lines.
mod serde_like {
    pub struct Line {
        pub kind: String,
        pub text: String,
        pub start: u64,
        pub samples: u64,
    }

    fn field<'a>(line: &'a str, key: &str) -> &'a str {
        let at = line.find(&format!("\"{key}\":")).expect(key) + key.len() + 3;
        let rest = &line[at..];
        if let Some(s) = rest.strip_prefix('"') {
            let mut end = 0;
            let b = s.as_bytes();
            while b[end] != b'"' || (end > 0 && b[end - 1] == b'\\') {
                end += 1;
            }
            &s[..end]
        } else {
            let end = rest.find([',', '}']).unwrap();
            &rest[..end]
        }
    }

    pub fn parse(line: &str) -> Line {
        Line {
            kind: field(line, "kind").to_string(),
            text: field(line, "text")
                .replace("\\\"", "\"")
                .replace("\\\\", "\\"),
            start: field(line, "start_sample").parse().unwrap(),
            samples: field(line, "samples").parse().unwrap(),
        }
    }
}
