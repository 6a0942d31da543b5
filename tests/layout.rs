//! The end-to-end tests' own layout: every test file in `tests/` is a test target of the
//! `sotto` crate or a module of one, so none is left out of `cargo test --workspace` (and so
//! of CI).

use std::path::Path;

#[test]
fn every_test_file_is_a_test_target_or_a_module_of_one() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let tests = root.join("../tests");
    let files: Vec<String> = std::fs::read_dir(&tests)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".rs"))
        .collect();
    let targets: Vec<&String> = files
        .iter()
        .filter(|n| manifest.contains(&format!("path = \"../tests/{n}\"")))
        .collect();
    let sources: Vec<String> = targets
        .iter()
        .map(|n| std::fs::read_to_string(tests.join(n)).unwrap())
        .collect();
    let missing: Vec<&String> = files
        .iter()
        .filter(|n| !targets.contains(n))
        .filter(|n| {
            let module = format!("mod {};", n.trim_end_matches(".rs"));
            !sources
                .iter()
                .any(|s| s.lines().any(|l| l.trim() == module))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "test files that no [[test]] of runtime/Cargo.toml runs: {missing:?}"
    );
}
