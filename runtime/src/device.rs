//! Where the networks run: tract's CPU runtime, or an NVIDIA GPU through `tract-cuda` in a
//! build with the `cuda` feature (CUDA 13: JetPack 7.2+, desktop GPUs) or `cuda12` (CUDA 12.6:
//! JetPack 6).
//!
//! `tract-cuda` translates convolutions (cuDNN), matrix products and element-wise operators;
//! what it does not translate (ConvTranspose, quantized operators) stays on the CPU, so the GPU
//! path is meant for the fp32 models.

use std::sync::OnceLock;

use tract_onnx::tract_core::runtime::Runtime;

pub use crate::engine::Device;
use crate::error::{Error, Result};
use crate::gpu::fault::FAULTS;
use crate::gpu::{Failure, Fault, Guarded, Reporter, Stage, FAULT_ENV};
use crate::net::cpu_runtime;

#[cfg(all(feature = "cuda", feature = "cuda12"))]
compile_error!("the `cuda` (CUDA 13) and `cuda12` (CUDA 12.6) features exclude each other");

/// The runtime chosen for a [`Device`], and why.
#[derive(Debug, Clone)]
pub struct Selection {
    /// The runtime to plan the networks on.
    pub runtime: &'static dyn Runtime,
    /// One line saying which runtime this is and why it was chosen.
    pub message: String,
    /// True when a GPU was wanted (`auto` in a GPU build) but the CPU is used instead.
    pub fell_back: bool,
    guard: Option<&'static Guarded>,
}

impl Selection {
    /// True when the networks run on a GPU (false again once [`Selection::late_fallback`]).
    pub fn is_gpu(&self) -> bool {
        self.runtime.name() != cpu_runtime().name()
    }

    /// Why the networks went to the CPU after all, when `auto` chose the GPU but a later stage
    /// (planning a model, its first run) failed; the line to say once, after loading.
    pub fn late_fallback(&self) -> Option<String> {
        let why = self.guard?.fallback()?;
        Some(format!("device: cpu (falling back: {why})"))
    }
}

/// True when this build can run networks on a GPU (the `cuda` or `cuda12` feature).
pub const GPU_BUILD: bool = cfg!(any(feature = "cuda", feature = "cuda12"));

/// Chooses the runtime for `device`, saying nothing while doing it.
pub fn select(device: Device) -> Result<Selection> {
    select_reporting(device, &|_| {})
}

/// Chooses the runtime for `device`; opening the GPU can take minutes on first use (kernel
/// compilation), which `report` hears about as it goes.
///
/// `Gpu` fails with [`Error::Device`] naming the stage that failed; `Auto` falls back to the
/// CPU and says why in [`Selection::message`], or later in [`Selection::late_fallback`] when
/// a model fails to plan or run on the GPU. [`FAULT_ENV`] injects a failure at one stage.
pub fn select_reporting(device: Device, report: Reporter) -> Result<Selection> {
    let cpu = |message: String, fell_back| Selection {
        runtime: cpu_runtime(),
        message,
        fell_back,
        guard: None,
    };
    if device == Device::Cpu {
        return Ok(cpu("device: cpu (asked for)".into(), false));
    }
    let fault = Fault::from_env().map_err(Error::Device)?;
    let strict = device == Device::Gpu;
    match open_gpu(fault, report) {
        Ok(gpu) => {
            let guard = guard(gpu, strict, fault);
            if let Some(why) = guard.fallback() {
                return Ok(cpu(format!("device: cpu (falling back: {why})"), true));
            }
            let message = match fault {
                Some(f) => format!("device: gpu stand-in ({FAULT_ENV}={})", f.name()),
                None => format!("device: gpu ({} runtime)", gpu.name()),
            };
            Ok(Selection {
                runtime: guard,
                message,
                fell_back: false,
                guard: Some(guard),
            })
        }
        Err(why) if strict => Err(Error::Device(format!("GPU asked for but unusable: {why}"))),
        Err(why) if GPU_BUILD || fault.is_some() => {
            Ok(cpu(format!("device: cpu (falling back: {why})"), true))
        }
        Err(why) => Ok(cpu(format!("device: cpu ({why})"), false)),
    }
}

/// The process-wide guard for (`strict`, `fault`): a fallback, like the CUDA context, holds
/// for the whole process.
fn guard(gpu: &'static dyn Runtime, strict: bool, fault: Option<Fault>) -> &'static Guarded {
    static GUARDS: [OnceLock<Guarded>; 2 * (FAULTS.len() + 1)] =
        [const { OnceLock::new() }; 2 * (FAULTS.len() + 1)];
    let f = fault.map_or(0, |f| {
        1 + FAULTS.iter().position(|&(_, x)| x == f).unwrap_or(0)
    });
    GUARDS[2 * f + usize::from(strict)].get_or_init(|| Guarded::new(gpu, strict, fault))
}

/// The GPU runtime (the CPU standing in when a fault is injected past the opening stages), or
/// why it cannot be used.
fn open_gpu(
    fault: Option<Fault>,
    report: Reporter,
) -> std::result::Result<&'static dyn Runtime, String> {
    if let Some(f) = fault {
        return match f.stage() {
            Stage::Driver | Stage::Libraries | Stage::Kernels => {
                Err(Failure::new(f.stage(), f.detail()).to_string())
            }
            Stage::Translate | Stage::FirstRun => Ok(cpu_runtime()),
        };
    }
    #[cfg(any(feature = "cuda", feature = "cuda12"))]
    return crate::gpu::open::open(report).map_err(|f| f.to_string());
    #[cfg(not(any(feature = "cuda", feature = "cuda12")))]
    {
        let _ = report;
        Err("this sotto was built without the `cuda` feature (nor `cuda12`)".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_is_always_available() {
        let s = select(Device::Cpu).unwrap();
        assert!(!s.is_gpu());
        assert!(!s.fell_back);
        assert_eq!(s.message, "device: cpu (asked for)");
    }

    #[test]
    fn auto_always_yields_a_runtime_and_says_which() {
        let s = select(Device::Auto).unwrap();
        assert!(s.message.starts_with("device: "), "{}", s.message);
        assert_eq!(s.is_gpu(), s.message.starts_with("device: gpu"));
        assert!(!s.fell_back || GPU_BUILD);
    }

    #[test]
    fn gpu_either_runs_on_a_gpu_or_names_why_not() {
        match select(Device::Gpu) {
            Ok(s) => assert!(s.is_gpu() && GPU_BUILD, "{}", s.message),
            Err(e) => {
                let msg = e.to_string();
                assert!(msg.contains("GPU asked for but unusable: "), "{msg}");
                if !GPU_BUILD {
                    assert!(msg.contains("without the `cuda` feature"), "{msg}");
                }
            }
        }
    }

    #[cfg(any(feature = "cuda", feature = "cuda12"))]
    #[test]
    fn the_cuda_runtime_is_linked_in() {
        use tract_onnx::tract_core::runtime::runtime_for_name;
        assert!(!matches!(runtime_for_name("cuda"), Ok(None)));
    }
}
