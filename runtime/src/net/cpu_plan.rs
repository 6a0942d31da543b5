//! How the runtime plans a graph for the CPU: tract's declutter passes without its axis search,
//! the channel norms fused, then tract's code generation.
//!
//! tract's `ChangeAxes` pass tries, for every wire with a unit axis, to remove that axis from
//! the whole graph, copying each weight tensor the attempt reaches. The voice's networks run at
//! batch 1 with their inputs and outputs locked, so nearly every attempt fails after copying:
//! on the shipped pack the pass took three fifths of declutter time and two fifths of all tract's
//! loading, and the plan it leads to runs no faster and computes the same values (test
//! `cpu_plans_match_tracts_plans`).

use std::sync::Arc;

use tract_onnx::prelude::*;
use tract_onnx::tract_core::optim::Optimizer;
use tract_onnx::tract_core::runtime::RunOptions;

use super::channel_norm;

/// The declutter pass the CPU plan leaves out.
const SKIPPED_PASS: &str = "ChangeAxes";

/// Declutters `model` with tract's passes, `ChangeAxes` left out.
pub fn declutter(model: &mut TypedModel) -> TractResult<()> {
    let mut optimizer = Optimizer::declutter();
    optimizer
        .passes
        .retain(|pass| format!("{pass:?}") != SKIPPED_PASS);
    optimizer.optimize(model)
}

/// The CPU plan of a model [`declutter`] has decluttered: its channel norms fused, then tract's
/// code generation.
pub fn plan(mut model: TypedModel) -> TractResult<Arc<TypedRunnableModel>> {
    channel_norm::fuse(&mut model)?;
    model.optimize()?;
    model.into_runnable_with_options(&RunOptions::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_skipped_pass_is_one_of_tracts() {
        let names: Vec<String> = Optimizer::declutter()
            .passes
            .iter()
            .map(|pass| format!("{pass:?}"))
            .collect();
        assert_eq!(
            names.iter().filter(|n| *n == SKIPPED_PASS).count(),
            1,
            "tract's declutter passes: {names:?}"
        );
    }
}
