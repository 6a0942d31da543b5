//! Opening CUDA through tract-cuda, stage by stage, so each failure is named: driver, then
//! libraries, then the kernels (headers checked first when the cache lacks them).

use std::path::{Path, PathBuf};
use std::time::Instant;

use tract_cuda::kernels::{cubin_dir, LibraryName};
use tract_onnx::tract_core::runtime::{runtime_for_name, Runtime};

use super::{cache, catching, headers, Failure, Notice, Reporter, Stage};

/// The CUDA runtime with its context created and kernels compiled or loaded from the cache.
pub fn open(report: Reporter) -> Result<&'static dyn Runtime, Failure> {
    tract_cuda::utils::ensure_cuda_runtime_dependencies("CUDA is not usable on this machine")
        .map_err(|e| {
            let detail = format!("{e:#}");
            let stage = if detail.contains("sub-library") {
                Stage::Libraries
            } else {
                Stage::Driver
            };
            Failure::new(stage, detail)
        })?;
    let runtime = match runtime_for_name("cuda") {
        Ok(Some(rt)) => rt,
        Ok(None) => {
            return Err(Failure::new(
                Stage::Driver,
                "the cuda runtime is not registered in this build",
            ))
        }
        Err(e) => return Err(Failure::new(Stage::Driver, format!("{e:#}"))),
    };
    let root = cubin_dir();
    let cached = complete_dir(root);
    match &cached {
        Some(dir) => report(Notice {
            line: format!(
                "GPU kernels: cache hit, {} libraries in {}",
                LibraryName::EAGER.len(),
                dir.display()
            ),
            verbose: true,
            progress: false,
        }),
        None => {
            headers::find(headers::cuda_home().as_deref())
                .map_err(|e| Failure::new(Stage::Kernels, e))?;
            report(Notice {
                line: format!(
                    "compiling GPU kernels with NVRTC into {} (first use only; a minute or more, \
                     longer on a Jetson; `sotto warmup` does it ahead of time)",
                    root.display()
                ),
                verbose: false,
                progress: false,
            });
        }
    }
    let create = || catching(|| tract_cuda::with_cuda_stream(|_| Ok(())));
    if cached.is_some() {
        create().map_err(|e| Failure::new(Stage::Kernels, e))?;
    } else {
        let started = Instant::now();
        let (created, compiled) = cache::watching(root, LibraryName::EAGER.len(), report, create);
        created.map_err(|e| Failure::new(Stage::Kernels, e))?;
        report(Notice {
            line: format!(
                "GPU kernels: compiled {compiled} libraries in {:.1} s, cached in {}",
                started.elapsed().as_secs_f64(),
                root.display()
            ),
            verbose: false,
            progress: false,
        });
    }
    Ok(runtime)
}

/// A directory under `root` holding every library tract-cuda compiles when a context is
/// created, for one GPU architecture and NVRTC version (`sm_<arch>/nvrtc-<ver>`, the key
/// tract-cuda 0.23 names its cubins by).
fn complete_dir(root: &Path) -> Option<PathBuf> {
    let subdirs = |dir: &Path| -> Vec<PathBuf> {
        std::fs::read_dir(dir)
            .map(|it| {
                it.flatten()
                    .map(|e| e.path())
                    .filter(|p| p.is_dir())
                    .collect()
            })
            .unwrap_or_default()
    };
    subdirs(root)
        .into_iter()
        .flat_map(|sm| subdirs(&sm))
        .find(|dir| {
            let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
            let (Some(sm), Some(nvrtc)) = (dir.parent().and_then(name), name(dir)) else {
                return false;
            };
            let target = format!("--std=c++17 --gpu-architecture={sm} {nvrtc}");
            LibraryName::EAGER
                .iter()
                .all(|lib| lib.cubin_path(dir, &target).is_file())
        })
}
