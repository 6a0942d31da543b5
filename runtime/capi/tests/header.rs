//! `include/sotto.h` is what cbindgen makes of the sources now (`SOTTO_BLESS=1` rewrites it),
//! with C89 comments only.

use std::path::PathBuf;

#[test]
fn header_is_current() {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).unwrap();
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_crate(&crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen reads the sources")
        .write(&mut generated);
    let generated = c89_comments(&String::from_utf8(generated).unwrap()).into_bytes();
    let path = crate_dir.join("include").join("sotto.h");
    if std::env::var_os("SOTTO_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is stale: run `SOTTO_BLESS=1 cargo test -p sotto-capi --test header`",
        path.display()
    );
}

/// cbindgen writes `//` after the C++ guards whatever the documentation style: made `/* */`
/// so the header has C89 comments only.
fn c89_comments(header: &str) -> String {
    header
        .replace("// __cplusplus", "/* __cplusplus */")
        .replace("// extern \"C\"", "/* extern \"C\" */")
}

#[test]
fn the_header_has_only_c89_comments() {
    let header =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("include/sotto.h"))
            .unwrap();
    let line = header.lines().position(|l| l.contains("//"));
    assert_eq!(line, None, "a // comment on line {:?}", line.map(|n| n + 1));
}
