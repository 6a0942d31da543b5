//! Prints every node of one ONNX graph's optimized tract plan with its operator's own
//! description (for matrix products: the kernel tract picked), given concrete input shapes.
//!
//! `cargo run --example plan_census -- MODEL.onnx DIMS [DIMS…]` (each DIMS a comma-separated
//! f32 input shape, e.g. `1,80,176`). Under qemu, `TRACT_CPU_AARCH64_KIND` picks the CPU tract
//! plans for.

use anyhow::{Context, Result};
use tract_onnx::prelude::*;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .first()
        .context("usage: plan_census MODEL.onnx DIMS…")?;
    let mut model = tract_onnx::onnx().model_for_path(path)?;
    for (ix, dims) in args[1..].iter().enumerate() {
        let shape: Vec<usize> = dims.split(',').map(str::parse).collect::<Result<_, _>>()?;
        model.set_input_fact(ix, f32::fact(&shape).into())?;
    }
    let plan = model.into_optimized()?;
    for node in plan.eval_order()? {
        let node = plan.node(node);
        let info = node.op().info()?.join("; ");
        println!("{}\t{}\t{}", node.op().name(), node.name, info);
    }
    Ok(())
}
