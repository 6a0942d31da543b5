//! The kernel cache: tract-cuda compiles its CUDA kernels with NVRTC on first use and keeps the
//! cubins under `$XDG_CACHE_HOME/tract/<version>/cuda/<CUDA API>/cubins/sm_<arch>/nvrtc-<ver>/`
//! (`~/.cache/...` when `XDG_CACHE_HOME` is unset). Sotto can point it elsewhere and watches it
//! fill to report progress.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use super::{Notice, Reporter};

/// Environment variable naming the cache directory (GPU kernels, verified model checksums) that
/// the `sotto` command and the Python binding use when none is given.
pub const CACHE_ENV: &str = "SOTTO_CACHE_DIR";
/// How often the cache is looked at while kernels compile.
const WATCH_PERIOD: Duration = Duration::from_millis(200);
/// How deep below the cache root cubins are looked for.
const MAX_DEPTH: usize = 4;

/// Makes tract-cuda keep its kernel cache under `dir` (created if missing); must run before
/// the GPU is first opened, since tract-cuda reads the location once. Returns the absolute
/// directory.
pub fn use_dir(dir: &Path) -> Result<PathBuf, String> {
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("cannot create cache directory {}: {e}", dir.display()))?;
    let abs = std::fs::canonicalize(dir)
        .map_err(|e| format!("cache directory {}: {e}", dir.display()))?;
    std::env::set_var("XDG_CACHE_HOME", &abs);
    Ok(abs)
}

/// Number of compiled kernel libraries (`*.cubin`) under `root`.
pub fn cubins(root: &Path) -> usize {
    fn walk(dir: &Path, depth: usize) -> usize {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return 0;
        };
        entries
            .flatten()
            .map(|e| {
                let p = e.path();
                if p.is_dir() && depth < MAX_DEPTH {
                    walk(&p, depth + 1)
                } else {
                    usize::from(p.extension().is_some_and(|x| x == "cubin"))
                }
            })
            .sum()
    }
    walk(root, 0)
}

/// Runs `f` while reporting each kernel library that appears under `root`, as "k of
/// `expected`"; returns `f`'s result and how many appeared.
pub fn watching<T>(
    root: &Path,
    expected: usize,
    report: Reporter,
    f: impl FnOnce() -> T,
) -> (T, usize) {
    let before = cubins(root);
    let (done, finished) = mpsc::channel::<()>();
    let started = Instant::now();
    let result = std::thread::scope(|s| {
        s.spawn(move || {
            let mut seen = 0;
            while let Err(RecvTimeoutError::Timeout) = finished.recv_timeout(WATCH_PERIOD) {
                let now = cubins(root).saturating_sub(before);
                if now > seen {
                    seen = now;
                    report(Notice {
                        line: format!(
                            "compiling GPU kernels: {now} of {expected} libraries, {:.0} s",
                            started.elapsed().as_secs_f64()
                        ),
                        verbose: false,
                        progress: true,
                    });
                }
            }
        });
        let r = f();
        drop(done);
        r
    });
    (result, cubins(root).saturating_sub(before))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn cubins_are_counted_below_the_root_and_nothing_else() {
        let root = std::env::temp_dir().join(format!("sotto-cache-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        assert_eq!(cubins(&root), 0);
        let dir = root.join("sm_87/nvrtc-12.6");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("nn_1.cubin"), b"x").unwrap();
        std::fs::write(dir.join("nn_1.0123.tmp"), b"x").unwrap();
        assert_eq!(cubins(&root), 1);
    }

    #[test]
    fn libraries_appearing_while_compiling_are_reported() {
        let root = std::env::temp_dir().join(format!("sotto-watch-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        let lines = Mutex::new(Vec::new());
        let report = |n: Notice| lines.lock().unwrap().push(n);
        let (r, new) = watching(&root, 2, &report, || {
            for k in 0..2 {
                std::fs::write(root.join(format!("lib{k}.cubin")), b"x").unwrap();
                std::thread::sleep(WATCH_PERIOD * 3);
            }
            7
        });
        assert_eq!((r, new), (7, 2));
        let lines = lines.into_inner().unwrap();
        assert!(lines.iter().all(|n| n.progress && !n.verbose));
        assert!(
            lines
                .last()
                .unwrap()
                .line
                .starts_with("compiling GPU kernels: 2 of 2"),
            "{lines:?}"
        );
    }
}
