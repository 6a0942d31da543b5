//! The GPU path behind `--device gpu|auto`: opening CUDA stage by stage, a runtime that plans
//! each network on the GPU and proves it with one run, and the CPU fallback when any stage
//! fails (`auto`) or an error naming the stage (`gpu`).

pub mod cache;
pub mod fault;
pub mod guard;
pub mod headers;
#[cfg(any(feature = "cuda", feature = "cuda12"))]
pub mod open;
pub mod window;

use std::fmt;

pub use fault::{Fault, FAULT_ENV};
pub use guard::Guarded;
pub use window::{gpu_window, GPU_WINDOW, GPU_WINDOW_ENV};

/// The stages of the GPU path, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Loading and initialising the CUDA driver.
    Driver,
    /// Loading cudart, NVRTC, cuBLAS and cuDNN.
    Libraries,
    /// Compiling (or loading cached) kernels with NVRTC, creating the CUDA context.
    Kernels,
    /// Translating a model's plan to GPU operators and uploading its weights.
    Translate,
    /// A model's first run on the GPU.
    FirstRun,
}

impl Stage {
    /// Every stage, in order.
    pub const ALL: [Stage; 5] = [
        Stage::Driver,
        Stage::Libraries,
        Stage::Kernels,
        Stage::Translate,
        Stage::FirstRun,
    ];
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Stage::Driver => "CUDA driver",
            Stage::Libraries => "CUDA libraries",
            Stage::Kernels => "GPU kernels (NVRTC)",
            Stage::Translate => "planning on the GPU",
            Stage::FirstRun => "first run on the GPU",
        })
    }
}

/// Why the GPU path failed: the stage and what it said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The stage that failed.
    pub stage: Stage,
    /// Its message.
    pub detail: String,
}

impl Failure {
    /// A failure of `stage` saying `detail`.
    pub fn new(stage: Stage, detail: impl Into<String>) -> Self {
        Self {
            stage,
            detail: detail.into(),
        }
    }

    /// True when the failure reads as the GPU running out of memory.
    pub fn is_out_of_memory(&self) -> bool {
        let d = self.detail.to_ascii_lowercase();
        d.contains("out of memory") || d.contains("out_of_memory")
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_out_of_memory() {
            write!(f, "{} (out of GPU memory): {}", self.stage, self.detail)
        } else {
            write!(f, "{}: {}", self.stage, self.detail)
        }
    }
}

/// A line for the terminal about the GPU path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The text, without a `sotto:` prefix.
    pub line: String,
    /// Only worth showing with `-v` (cache hits); otherwise always shown (compilation).
    pub verbose: bool,
    /// A progress line that the next one replaces on a terminal.
    pub progress: bool,
}

/// Receives [`Notice`]s while the GPU is opened; may be called from a watcher thread.
pub type Reporter<'a> = &'a (dyn Fn(Notice) + Sync);

/// Runs `f`, turning an error or a panic into its message. A panic's default report is
/// silenced while `f` runs (the caller says why once); calls are serialised so the process's
/// hook is always put back.
pub(crate) fn catching<T>(f: impl FnOnce() -> anyhow::Result<T>) -> Result<T, String> {
    static HOOK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _serial = HOOK.lock().unwrap_or_else(|e| e.into_inner());
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    std::panic::set_hook(hook);
    match result {
        Ok(Ok(t)) => Ok(t),
        Ok(Err(e)) => Err(format!("{e:#}")),
        Err(payload) => Err(payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "panicked".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message() {
        let r: Result<(), String> = catching(|| panic!("Could not create CUDA context: boom"));
        assert_eq!(r.unwrap_err(), "Could not create CUDA context: boom");
        let r: Result<(), String> =
            catching(|| Err(anyhow::anyhow!("inner")).map_err(|e| e.context("outer")));
        assert_eq!(r.unwrap_err(), "outer: inner");
        assert_eq!(catching(|| Ok(3)), Ok(3));
    }

    #[test]
    fn out_of_memory_is_named() {
        let f = Failure::new(Stage::FirstRun, "CUDA_ERROR_OUT_OF_MEMORY: out of memory");
        assert!(f
            .to_string()
            .starts_with("first run on the GPU (out of GPU memory): "));
        let f = Failure::new(Stage::Translate, "no kernel for Foo");
        assert_eq!(f.to_string(), "planning on the GPU: no kernel for Foo");
    }
}
