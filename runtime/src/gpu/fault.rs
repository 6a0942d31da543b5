//! `SOTTO_CUDA_FAULT`: a GPU failure injected at one stage, so tests prove every fallback
//! path on machines without a GPU.
//!
//! With a fault set, the CPU runtime stands in for the GPU up to the faulty stage, which then
//! fails as the real one would; `--device gpu` therefore always ends in an error and `auto` on
//! the CPU, in every build. The stand-in never produces audio the CPU would not.

use super::Stage;

/// Environment variable naming the fault to inject.
pub const FAULT_ENV: &str = "SOTTO_CUDA_FAULT";

/// A failure injected into the GPU path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The CUDA driver (`libcuda.so`) is missing.
    NoDriver,
    /// NVRTC (`libnvrtc.so`), needed to compile the kernels, is missing.
    NoNvrtc,
    /// The CUDA headers NVRTC compiles the kernels against are missing.
    NoHeaders,
    /// A model's plan fails to translate to GPU operators.
    Translate,
    /// The GPU runs out of memory on a model's first run.
    Oom,
}

/// Every fault with its name in [`FAULT_ENV`].
pub const FAULTS: [(&str, Fault); 5] = [
    ("no-driver", Fault::NoDriver),
    ("no-nvrtc", Fault::NoNvrtc),
    ("no-headers", Fault::NoHeaders),
    ("translate", Fault::Translate),
    ("oom", Fault::Oom),
];

impl Fault {
    /// The fault named by [`FAULT_ENV`], `None` when unset or empty, an error naming the
    /// accepted values when it is something else.
    pub fn from_env() -> Result<Option<Fault>, String> {
        match std::env::var(FAULT_ENV) {
            Err(std::env::VarError::NotPresent) => Ok(None),
            Err(std::env::VarError::NotUnicode(_)) => {
                Err(format!("{FAULT_ENV} is not valid UTF-8"))
            }
            Ok(v) if v.is_empty() => Ok(None),
            Ok(v) => Self::parse(&v).map(Some).ok_or_else(|| {
                let names: Vec<&str> = FAULTS.iter().map(|(n, _)| *n).collect();
                format!("{FAULT_ENV}={v:?} is not one of {}", names.join(", "))
            }),
        }
    }

    /// The fault called `name`.
    pub fn parse(name: &str) -> Option<Fault> {
        FAULTS.iter().find(|(n, _)| *n == name).map(|&(_, f)| f)
    }

    /// Its name in [`FAULT_ENV`].
    pub fn name(self) -> &'static str {
        FAULTS
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("?", |(n, _)| n)
    }

    /// The stage at which it fails.
    pub fn stage(self) -> Stage {
        match self {
            Fault::NoDriver => Stage::Driver,
            Fault::NoNvrtc => Stage::Libraries,
            Fault::NoHeaders => Stage::Kernels,
            Fault::Translate => Stage::Translate,
            Fault::Oom => Stage::FirstRun,
        }
    }

    /// What the real failure says, marked as injected.
    pub fn detail(self) -> String {
        let what = match self {
            Fault::NoDriver => "CUDA driver library not found (libcuda.so.1)",
            Fault::NoNvrtc => "CUDA runtime sub-library \"nvrtc\" could not be loaded",
            Fault::NoHeaders => {
                "No CUDA toolkit root found; NVRTC needs the toolkit's headers (set CUDA_HOME)"
            }
            Fault::Translate => "an operator could not be translated to the GPU",
            Fault::Oom => "CUDA_ERROR_OUT_OF_MEMORY: out of memory",
        };
        format!("{what} [injected by {FAULT_ENV}={}]", self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fault_name_round_trips() {
        for (name, fault) in FAULTS {
            assert_eq!(Fault::parse(name), Some(fault));
            assert_eq!(fault.name(), name);
            assert!(fault.detail().contains(name));
        }
        assert_eq!(Fault::parse("oops"), None);
    }

    #[test]
    fn faults_cover_every_stage() {
        let stages: Vec<Stage> = FAULTS.iter().map(|(_, f)| f.stage()).collect();
        for s in Stage::ALL {
            assert!(stages.contains(&s), "{s:?}");
        }
    }
}
