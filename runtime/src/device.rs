//! Where the networks run: tract's CPU runtime, or an NVIDIA GPU through `tract-cuda` in a
//! build with the `cuda` feature (Jetson Orin on JetPack with CUDA 13, or a desktop GPU).
//!
//! `tract-cuda` translates convolutions (cuDNN), matrix products and element-wise operators;
//! what it does not translate (ConvTranspose, quantized operators) stays on the CPU, so the GPU
//! path is meant for the fp32 models.

use tract_onnx::tract_core::runtime::Runtime;

use crate::error::{Error, Result};
use crate::net::cpu_runtime;

/// Where to run the networks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Device {
    /// tract's CPU runtime.
    Cpu,
    /// The CUDA GPU; an error when this build lacks the `cuda` feature or the machine lacks a
    /// usable CUDA stack.
    Gpu,
    /// The CUDA GPU when this build has the `cuda` feature and the machine a usable CUDA
    /// stack, else the CPU.
    #[default]
    Auto,
}

/// The runtime chosen for a [`Device`], and why.
#[derive(Debug, Clone)]
pub struct Selection {
    /// The runtime to plan the networks on.
    pub runtime: &'static dyn Runtime,
    /// One line saying which runtime this is and why it was chosen.
    pub message: String,
    /// True when a GPU was wanted (`auto` in a `cuda` build) but the CPU is used instead.
    pub fell_back: bool,
}

impl Selection {
    /// True when the networks run on a GPU.
    pub fn is_gpu(&self) -> bool {
        self.runtime.name() != cpu_runtime().name()
    }
}

/// True when this build can run networks on a GPU (the `cuda` feature).
pub const GPU_BUILD: bool = cfg!(feature = "cuda");

/// Chooses the runtime for `device`.
///
/// `Gpu` fails with [`Error::Device`] naming why no GPU is usable; `Auto` falls back to the
/// CPU and says why in [`Selection::message`].
pub fn select(device: Device) -> Result<Selection> {
    let cpu = |message: String, fell_back| Selection {
        runtime: cpu_runtime(),
        message,
        fell_back,
    };
    match device {
        Device::Cpu => Ok(cpu("device: cpu (asked for)".into(), false)),
        Device::Gpu | Device::Auto => match gpu_runtime() {
            Ok(runtime) => Ok(Selection {
                runtime,
                message: format!("device: gpu ({} runtime)", runtime.name()),
                fell_back: false,
            }),
            Err(why) if device == Device::Gpu => {
                Err(Error::Device(format!("GPU asked for but unusable: {why}")))
            }
            Err(why) if GPU_BUILD => Ok(cpu(format!("device: cpu (falling back: {why})"), true)),
            Err(why) => Ok(cpu(format!("device: cpu ({why})"), false)),
        },
    }
}

/// The CUDA runtime, or why it cannot be used.
#[cfg(feature = "cuda")]
fn gpu_runtime() -> std::result::Result<&'static dyn Runtime, String> {
    use tract_onnx::tract_core::runtime::runtime_for_name;
    tract_cuda::utils::ensure_cuda_runtime_dependencies("CUDA is not usable on this machine")
        .map_err(|e| format!("{e:#}"))?;
    match runtime_for_name("cuda") {
        Ok(Some(rt)) => Ok(rt),
        Ok(None) => Err("the cuda runtime is not registered in this build".into()),
        Err(e) => Err(format!("{e:#}")),
    }
}

/// The CUDA runtime, or why it cannot be used.
#[cfg(not(feature = "cuda"))]
fn gpu_runtime() -> std::result::Result<&'static dyn Runtime, String> {
    Err("this sotto was built without the `cuda` feature".into())
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

    #[cfg(feature = "cuda")]
    #[test]
    fn the_cuda_runtime_is_linked_in() {
        use tract_onnx::tract_core::runtime::runtime_for_name;
        assert!(!matches!(runtime_for_name("cuda"), Ok(None)));
    }
}
