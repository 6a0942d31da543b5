//! `include/sotto.h` is what cbindgen makes of the sources now (`SOTTO_BLESS=1` rewrites it),
//! made C89-clean: `/* */` comments only, no comma after an enum's last enumerator, no `bool`;
//! a C89 compiler in pedantic mode takes it without a warning.

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
    let generated = c89(&String::from_utf8(generated).unwrap()).into_bytes();
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

/// cbindgen's output made C89: it writes `//` after the C++ guards whatever the documentation
/// style (made `/* */`), and a comma after every enumerator (the last one's dropped).
fn c89(header: &str) -> String {
    let header = header
        .replace("// __cplusplus", "/* __cplusplus */")
        .replace("// extern \"C\"", "/* extern \"C\" */");
    let lines: Vec<&str> = header.lines().collect();
    let mut out = String::with_capacity(header.len());
    for (i, line) in lines.iter().enumerate() {
        let closes_enum = lines.get(i + 1).is_some_and(|next| next.starts_with("} "));
        match line.strip_suffix(',') {
            Some(last) if closes_enum && line.starts_with("  SOTTO_") => out.push_str(last),
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

#[test]
fn the_header_has_only_c89_comments() {
    let header =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("include/sotto.h"))
            .unwrap();
    let line = header.lines().position(|l| l.contains("//"));
    assert_eq!(line, None, "a // comment on line {:?}", line.map(|n| n + 1));
}

#[test]
fn the_header_has_no_comma_after_the_last_enumerator() {
    let header =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("include/sotto.h"))
            .unwrap();
    let lines: Vec<&str> = header.lines().collect();
    let trailing = lines
        .windows(2)
        .position(|w| w[0].trim_end().ends_with(',') && w[1].starts_with('}'));
    assert_eq!(
        trailing,
        None,
        "a trailing comma on line {:?}",
        trailing.map(|n| n + 1)
    );
}

/// The header compiles as C89 (`-std=c89 -pedantic -Werror`: no `//`, no trailing enum
/// comma, no `bool`, no declarations C89 lacks) and as C99 and C++ alike.
#[test]
fn the_header_compiles_as_pedantic_c89() {
    let include = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("include");
    let dir = std::env::temp_dir().join(format!("sotto-capi-c89-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let source = dir.join("c89.c");
    std::fs::write(
        &source,
        "#include \"sotto.h\"\nint main(void) { return sotto_abi_version() == 0; }\n",
    )
    .unwrap();
    for (compiler, std) in [
        ("cc", "-std=c89"),
        ("cc", "-std=c99"),
        ("c++", "-std=c++11"),
    ] {
        let mut cmd = std::process::Command::new(compiler);
        cmd.args([
            std,
            "-pedantic",
            "-Wall",
            "-Wextra",
            "-Werror",
            "-fsyntax-only",
        ]);
        if compiler == "c++" {
            cmd.args(["-x", "c++"]);
        }
        let o = cmd.arg("-I").arg(&include).arg(&source).output().unwrap();
        assert!(
            o.status.success(),
            "{compiler} {std}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}
