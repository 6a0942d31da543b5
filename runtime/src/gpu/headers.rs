//! The CUDA headers NVRTC compiles tract-cuda's kernels against, found the way tract-cuda 0.23
//! finds them (`CUDA_HOME`, `CUDA_PATH`, `/usr/local/cuda`, the `nvcc` on `PATH`), checked
//! before kernels are compiled: a missing header there is a panic inside tract-cuda, which a
//! release build (`panic = "abort"`) cannot turn into a fallback.

use std::path::{Path, PathBuf};

/// The header that marks a toolkit include directory.
pub const TOOLKIT_SENTINEL: &str = "cuda_fp16.h";
/// The other toolkit header the kernels include.
pub const MATH_HEADER: &str = "math_constants.h";
/// The CCCL (libcudacxx) header that marks its include root.
pub const CCCL_SENTINEL: &str = "cuda/std/cstdint";

/// The toolkit root tract-cuda would use, from the environment.
pub fn cuda_home() -> Option<PathBuf> {
    let env = |k| std::env::var_os(k).map(PathBuf::from);
    env("CUDA_HOME")
        .or_else(|| env("CUDA_PATH"))
        .or_else(|| Some(PathBuf::from("/usr/local/cuda")).filter(|p| p.exists()))
        .or_else(nvcc_root)
}

fn nvcc_root() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("nvcc"))
        .find(|p| p.is_file())
        .and_then(|p| Some(p.parent()?.parent()?.to_path_buf()))
}

/// The include directories NVRTC needs (toolkit, CCCL) under `home`, or what is missing.
pub fn find(home: Option<&Path>) -> Result<(PathBuf, PathBuf), String> {
    let Some(home) = home else {
        return Err(
            "no CUDA toolkit root found (CUDA_HOME, CUDA_PATH, /usr/local/cuda, nvcc on \
                    PATH); NVRTC needs the toolkit's headers (apt: cuda-cudart-dev-<ver>, \
                    cuda-cccl-<ver>): set CUDA_HOME"
                .into(),
        );
    };
    let mut candidates = vec![home.join("include")];
    if let Ok(entries) = std::fs::read_dir(home.join("targets")) {
        let mut targets: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path().join("include"))
            .collect();
        targets.sort();
        candidates.extend(targets);
    }
    let include = candidates
        .iter()
        .find(|c| c.join(TOOLKIT_SENTINEL).exists())
        .ok_or_else(|| {
            format!(
                "no {TOOLKIT_SENTINEL} under {} (apt: cuda-cudart-dev-<ver>)",
                home.display()
            )
        })?;
    if !include.join(MATH_HEADER).exists() {
        return Err(format!(
            "no {MATH_HEADER} in {} (apt: cuda-cudart-dev-<ver>)",
            include.display()
        ));
    }
    let cccl = [
        include.join("cccl"),
        include.join("libcudacxx").join("include"),
        include.clone(),
    ]
    .into_iter()
    .find(|c| c.join(CCCL_SENTINEL).exists())
    .ok_or_else(|| {
        format!(
            "no CCCL headers ({CCCL_SENTINEL}) under {} (apt: cuda-cccl-<ver>)",
            include.display()
        )
    })?;
    Ok((include.clone(), cccl))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(p: &Path) {
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, "").unwrap();
    }

    fn scratch(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("sotto-headers-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn a_cuda_13_layout_is_found_under_targets() {
        let home = scratch("13");
        let inc = home.join("targets/sbsa-linux/include");
        touch(&inc.join(TOOLKIT_SENTINEL));
        touch(&inc.join(MATH_HEADER));
        touch(&inc.join("cccl").join(CCCL_SENTINEL));
        assert_eq!(find(Some(&home)), Ok((inc.clone(), inc.join("cccl"))));
    }

    #[test]
    fn a_cuda_12_layout_has_cccl_in_include() {
        let home = scratch("12");
        let inc = home.join("include");
        touch(&inc.join(TOOLKIT_SENTINEL));
        touch(&inc.join(MATH_HEADER));
        touch(&inc.join(CCCL_SENTINEL));
        assert_eq!(find(Some(&home)), Ok((inc.clone(), inc)));
    }

    #[test]
    fn each_missing_piece_is_named() {
        assert!(find(None).unwrap_err().contains("CUDA_HOME"));
        let home = scratch("missing");
        std::fs::create_dir_all(&home).unwrap();
        assert!(find(Some(&home)).unwrap_err().contains(TOOLKIT_SENTINEL));
        touch(&home.join("include").join(TOOLKIT_SENTINEL));
        assert!(find(Some(&home)).unwrap_err().contains(MATH_HEADER));
        touch(&home.join("include").join(MATH_HEADER));
        assert!(find(Some(&home)).unwrap_err().contains("cuda-cccl"));
    }
}
