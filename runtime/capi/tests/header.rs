//! `include/sotto.h` is what cbindgen makes of the sources now (`SOTTO_BLESS=1` rewrites it).

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
