//! The library's public surface: without the `internals` feature, `lib.rs` exports exactly the
//! engine API listed here (a change to it must change this list and be meant), every exported
//! item is defined in a file of the API, and no such file names a tract crate, so no tract
//! type can reach a public signature. `#![deny(missing_docs)]` in `lib.rs` keeps it documented.

use std::collections::BTreeSet;
use std::path::PathBuf;

/// Modules public without `internals`.
const PUBLIC_MODULES: [&str; 1] = ["audio"];

/// Items the crate root exports (re-exports and its own functions).
const ROOT_EXPORTS: [&str; 34] = [
    "Attribution",
    "CACHE_ENV",
    "CancelHandle",
    "Checksums",
    "Chunk",
    "DEFAULT_SPEED",
    "Defaults",
    "Device",
    "DroppedSpan",
    "Error",
    "ErrorKind",
    "LoadedModel",
    "MANIFEST_FILE",
    "MAX_DROPPED_SPANS",
    "MAX_SILENCE_CHUNK_SAMPLES",
    "MAX_SSML_BYTES",
    "MAX_TEXT_BYTES",
    "Mark",
    "MarkKind",
    "Notice",
    "Precision",
    "PrecisionPolicy",
    "Resynthesizer",
    "Result",
    "Role",
    "Script",
    "SpeakOptions",
    "SpeakSettings",
    "Spoken",
    "Stream",
    "Voice",
    "VoiceOptions",
    "phoneme_ids",
    "use_gpu_cache_dir",
];

/// Items `sotto::audio` exports.
const AUDIO_EXPORTS: [&str; 6] = [
    "AudioSink",
    "Format",
    "UNKNOWN_LENGTH",
    "WavSource",
    "to_i16",
    "wav_header",
];

/// Exports defined in the text frontend crate (which has no tract dependency).
const FROM_SOTTO_TEXT: [&str; 3] = ["DroppedSpan", "MAX_SSML_BYTES", "Script"];

/// The files that define the public items and their methods (under `runtime/src`).
const API_FILES: [&str; 18] = [
    "lib.rs",
    "error.rs",
    "resynth.rs",
    "audio/mod.rs",
    "audio/sink.rs",
    "audio/source.rs",
    "engine/mod.rs",
    "engine/dropped.rs",
    "engine/marks.rs",
    "engine/options.rs",
    "engine/policy.rs",
    "engine/stream.rs",
    "engine/voice.rs",
    "gpu/mod.rs",
    "gpu/cache.rs",
    "voice/mod.rs",
    "voice/manifest.rs",
    "voice/checksums.rs",
];

fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn read(file: &str) -> String {
    std::fs::read_to_string(src().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// `text` without `//` comments (doc comments included).
fn code(text: &str) -> String {
    text.lines()
        .map(|l| l.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The part of `text` outside the `internal! { … }` invocation and the macro's definition.
fn outside_macros(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    let mut skipping = false;
    for line in text.lines() {
        let t = line.trim_start();
        if !skipping && (t.starts_with("internal! {") || t.starts_with("macro_rules!")) {
            skipping = true;
            depth = 0;
        }
        if skipping {
            depth += line.matches('{').count();
            depth = depth.saturating_sub(line.matches('}').count());
            if depth == 0 && line.contains('}') {
                skipping = false;
            }
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The names a file's `pub use` statements export (`a::{B, C as D}` gives `B`, `D`) and its
/// own `pub fn`/`pub mod` items (modules separately).
fn exports(text: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let text = outside_macros(&code(text));
    let (mut names, mut modules) = (BTreeSet::new(), BTreeSet::new());
    for statement in text.split(';') {
        let s = statement.split_whitespace().collect::<Vec<_>>().join(" ");
        let s = s.rsplit("pub ").next().map(|r| format!("pub {r}"));
        let Some(s) = s.filter(|_| statement.contains("pub ")) else {
            continue;
        };
        if let Some(path) = s.strip_prefix("pub use ") {
            let list = match (path.find('{'), path.rfind('}')) {
                (Some(a), Some(b)) => path[a + 1..b].to_string(),
                _ => path.rsplit("::").next().unwrap_or_default().to_string(),
            };
            for item in list.split(',').map(str::trim).filter(|i| !i.is_empty()) {
                names.insert(item.rsplit(' ').next().unwrap().to_string());
            }
        } else if let Some(name) = s.strip_prefix("pub mod ") {
            modules.insert(name.trim().to_string());
        }
    }
    for line in text.lines() {
        if let Some(rest) = line.trim_start().strip_prefix("pub fn ") {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            names.insert(name);
        }
    }
    (names, modules)
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn the_crate_root_exports_the_engine_api_and_nothing_else() {
    let (names, modules) = exports(&read("lib.rs"));
    assert_eq!(modules, set(&PUBLIC_MODULES), "public modules");
    assert_eq!(
        names,
        set(&ROOT_EXPORTS),
        "items exported by the crate root"
    );
    let (audio, audio_modules) = exports(&read("audio/mod.rs"));
    assert!(audio_modules.is_empty(), "audio's submodules are private");
    assert_eq!(audio, set(&AUDIO_EXPORTS), "items exported by sotto::audio");
}

#[test]
fn no_file_of_the_public_api_names_a_tract_crate() {
    for file in API_FILES {
        let text = code(&read(file));
        let hit = text.lines().position(|l| l.contains("tract_"));
        assert_eq!(
            hit,
            None,
            "{file} line {:?} names tract",
            hit.map(|n| n + 1)
        );
    }
}

/// Every `.rs` file under `runtime/src/` but the CLI's, relative to it.
fn library_files() -> Vec<String> {
    fn walk(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&src(), &mut files);
    files
        .iter()
        .map(|p| {
            p.strip_prefix(src())
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|f| !f.starts_with("cli/") && f != "main.rs")
        .collect()
}

#[test]
fn every_exported_item_is_defined_in_a_file_of_the_public_api() {
    let files = library_files();
    let kinds = ["struct", "enum", "fn", "const", "type", "trait"];
    for name in ROOT_EXPORTS.iter().chain(&AUDIO_EXPORTS) {
        if FROM_SOTTO_TEXT.contains(name) {
            continue;
        }
        let defined: Vec<&String> = files
            .iter()
            .filter(|f| {
                let text = code(&read(f));
                kinds.iter().any(|k| {
                    let head = format!("pub {k} {name}");
                    text.match_indices(&head).any(|(at, _)| {
                        !text[at + head.len()..]
                            .starts_with(|c: char| c.is_alphanumeric() || c == '_')
                    })
                })
            })
            .collect();
        assert!(!defined.is_empty(), "{name} is defined nowhere");
        for f in defined {
            assert!(
                API_FILES.contains(&f.as_str()),
                "{name} is defined in {f}, outside the API files"
            );
        }
    }
}
