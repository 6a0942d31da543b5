//! A [`Runtime`] that plans each network on the GPU and runs it once on zeros before handing
//! it out, so translation and memory failures show at load rather than mid-sentence. Under
//! `auto` a failure switches it, for good, to the CPU and records why; under `gpu` the failure
//! is the error.

use std::sync::OnceLock;

use tract_onnx::prelude::*;
use tract_onnx::tract_core::runtime::{RunOptions, Runnable, Runtime};

use super::{catching, Failure, Fault, Stage};
use crate::net::cpu_runtime;

/// The GPU runtime behind `--device gpu|auto`.
#[derive(Debug)]
pub struct Guarded {
    gpu: &'static dyn Runtime,
    strict: bool,
    fault: Option<Fault>,
    fallback: OnceLock<Failure>,
}

impl Guarded {
    /// Plans on `gpu`; `strict` (`--device gpu`) makes a failure an error instead of a switch to
    /// the CPU; `fault` injects a failure at its stage.
    pub fn new(gpu: &'static dyn Runtime, strict: bool, fault: Option<Fault>) -> Self {
        Self {
            gpu,
            strict,
            fault,
            fallback: OnceLock::new(),
        }
    }

    /// Why the networks went to the CPU, once a GPU stage failed under `auto`.
    pub fn fallback(&self) -> Option<&Failure> {
        self.fallback.get()
    }

    /// The injected fault, if any.
    pub fn fault(&self) -> Option<Fault> {
        self.fault
    }

    fn injected(&self, stage: Stage) -> Result<(), Failure> {
        match self.fault {
            Some(f) if f.stage() == stage => Err(Failure::new(stage, f.detail())),
            _ => Ok(()),
        }
    }

    fn plan_on_gpu(
        &self,
        model: TypedModel,
        options: &RunOptions,
    ) -> Result<Box<dyn Runnable>, Failure> {
        self.injected(Stage::Translate)?;
        let plan = catching(|| self.gpu.prepare_with_options(model, options))
            .map_err(|e| Failure::new(Stage::Translate, e))?;
        self.injected(Stage::FirstRun)?;
        catching(|| {
            let inputs = (0..plan.input_count())
                .map(|ix| {
                    let fact = plan.input_fact(ix)?;
                    let shape = fact.shape.as_concrete().ok_or_else(|| {
                        anyhow::anyhow!("input {ix} has no concrete shape: {fact:?}")
                    })?;
                    Ok(Tensor::zero_dt(fact.datum_type, shape)?.into_tvalue())
                })
                .collect::<TractResult<TVec<TValue>>>()?;
            plan.spawn()?.run(inputs)
        })
        .map_err(|e| Failure::new(Stage::FirstRun, e))?;
        Ok(plan)
    }
}

impl Runtime for Guarded {
    fn name(&self) -> std::borrow::Cow<'static, str> {
        match (self.fallback(), self.fault) {
            (Some(_), _) => cpu_runtime().name(),
            (None, Some(_)) => "gpu stand-in".into(),
            (None, None) => self.gpu.name(),
        }
    }

    fn prepare_with_options(
        &self,
        model: TypedModel,
        options: &RunOptions,
    ) -> TractResult<Box<dyn Runnable>> {
        if self.fallback().is_some() {
            return cpu_runtime().prepare_with_options(model, options);
        }
        let name = model.name().map_or_else(String::new, |n| format!(" ({n})"));
        match self.plan_on_gpu(model.clone(), options) {
            Ok(plan) => Ok(plan),
            Err(failure) if self.strict => {
                anyhow::bail!("GPU asked for but unusable{name}: {failure}")
            }
            Err(failure) => {
                let _ = self.fallback.set(failure);
                cpu_runtime().prepare_with_options(model, options)
            }
        }
    }

    fn check(&self) -> TractResult<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Failing(&'static str, bool);

    impl Runtime for Failing {
        fn name(&self) -> std::borrow::Cow<'static, str> {
            "failing".into()
        }
        fn prepare_with_options(
            &self,
            _: TypedModel,
            _: &RunOptions,
        ) -> TractResult<Box<dyn Runnable>> {
            if self.1 {
                panic!("{}", self.0)
            }
            anyhow::bail!("{}", self.0)
        }
        fn check(&self) -> TractResult<()> {
            Ok(())
        }
    }

    fn tiny_model() -> TypedModel {
        let mut m = TypedModel::default();
        let x = m.add_source("x", f32::fact([2, 3])).unwrap();
        let y = m
            .wire_node("neg", tract_onnx::tract_core::ops::math::neg(), &[x])
            .unwrap();
        m.select_output_outlets(&y).unwrap();
        m
    }

    fn run(plan: &dyn Runnable) -> Vec<f32> {
        let x = tensor2(&[[1f32, 2., 3.], [4., 5., 6.]]).into_tvalue();
        let out = plan.spawn().unwrap().run(tvec![x]).unwrap();
        crate::net::f32s(&out[0]).unwrap().to_vec()
    }

    #[test]
    fn a_translation_error_falls_back_to_the_cpu_under_auto() {
        let g = Guarded::new(
            Box::leak(Box::new(Failing("no kernel for Neg", false))),
            false,
            None,
        );
        let plan = g.prepare(tiny_model()).unwrap();
        assert_eq!(run(&*plan), [-1., -2., -3., -4., -5., -6.]);
        let why = g.fallback().unwrap();
        assert_eq!(why.stage, Stage::Translate);
        assert!(why.detail.contains("no kernel for Neg"), "{why}");
        assert_eq!(g.name(), "cpu");
    }

    #[test]
    fn a_panicking_gpu_runtime_falls_back_too() {
        let g = Guarded::new(
            Box::leak(Box::new(Failing("Could not create CUDA context", true))),
            false,
            None,
        );
        assert!(g.prepare(tiny_model()).is_ok());
        assert!(g
            .fallback()
            .unwrap()
            .detail
            .contains("Could not create CUDA context"));
    }

    #[test]
    fn a_translation_error_is_the_error_under_gpu() {
        let g = Guarded::new(
            Box::leak(Box::new(Failing("no kernel for Neg", false))),
            true,
            None,
        );
        let e = format!("{:#}", g.prepare(tiny_model()).unwrap_err());
        assert!(e.starts_with("GPU asked for but unusable"), "{e}");
        assert!(e.contains("planning on the GPU: no kernel for Neg"), "{e}");
        assert!(g.fallback().is_none());
    }

    #[test]
    fn later_models_go_straight_to_the_cpu_after_a_fallback() {
        let g = Guarded::new(cpu_runtime(), false, Some(Fault::Oom));
        assert_eq!(g.name(), "gpu stand-in");
        g.prepare(tiny_model()).unwrap();
        assert_eq!(g.fallback().unwrap().stage, Stage::FirstRun);
        let plan = g.prepare(tiny_model()).unwrap();
        assert_eq!(run(&*plan)[0], -1.);
    }

    #[test]
    fn a_working_gpu_runtime_is_used_and_proved_by_one_run() {
        let g = Guarded::new(cpu_runtime(), true, None);
        let plan = g.prepare(tiny_model()).unwrap();
        assert_eq!(run(&*plan)[5], -6.);
        assert!(g.fallback().is_none());
        assert_eq!(g.name(), "cpu");
    }
}
