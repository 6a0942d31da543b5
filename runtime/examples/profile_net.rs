//! Per-operator time profile of one ONNX graph in tract, with concrete input shapes.
//!
//! `cargo run --release --example profile_net -- MODEL.onnx DIMS [DIMS…] [--runs N] [--unfused]`
//! where each DIMS is the comma-separated shape of one f32 input (e.g. `1,80,112`), or of an
//! i64 input of phoneme ids with `:i64` after it (e.g. `1,256:i64`).
//! Prints the total time per operator kind and the ten slowest nodes of the plan the runtime
//! runs on the CPU (`sotto::net::cpu_plan`: channel norms fused), or with `--unfused` of
//! tract's own plan.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use tract_onnx::prelude::*;
use tract_onnx::tract_core::plan::eval;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .first()
        .context("usage: profile_net MODEL.onnx DIMS… [--runs N] [--unfused]")?;
    let unfused = args.iter().any(|a| a == "--unfused");
    let runs: usize = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .map_or(Ok(5), |s| s.parse())?;
    let shapes: Vec<(Vec<usize>, bool)> = args[1..]
        .iter()
        .take_while(|a| !a.starts_with("--"))
        .map(|d| {
            let (dims, ids) = d
                .strip_suffix(":i64")
                .map_or((d.as_str(), false), |s| (s, true));
            let dims = dims.split(',').map(str::parse).collect::<Result<_, _>>();
            dims.map(|dims| (dims, ids))
        })
        .collect::<Result<_, _>>()?;
    let mut model = tract_onnx::onnx().model_for_path(path)?;
    for (ix, (shape, ids)) in shapes.iter().enumerate() {
        let fact = if *ids {
            i64::fact(shape)
        } else {
            f32::fact(shape)
        };
        model.set_input_fact(ix, fact.into())?;
    }
    let mut typed = model.into_typed()?;
    let plan = if unfused {
        typed.into_optimized()?.into_runnable()?
    } else {
        sotto::net::cpu_plan::declutter(&mut typed)?;
        sotto::net::cpu_plan::plan(typed)?
    };
    let inputs: TVec<TValue> = shapes
        .iter()
        .map(|(s, ids)| {
            let n: usize = s.iter().product();
            if *ids {
                let data: Vec<i64> = (0..n).map(|i| ((i * 7919) % 50 + 3) as i64).collect();
                return Tensor::from_shape(s, &data).map(|t| t.into_tvalue());
            }
            let data: Vec<f32> = (0..n)
                .map(|i| ((i * 7919) % 1000) as f32 / 500.0 - 4.0)
                .collect();
            Tensor::from_shape(s, &data).map(|t| t.into_tvalue())
        })
        .collect::<TractResult<_>>()?;
    let mut state = plan.spawn()?;
    state.run(inputs.clone())?;
    let mut per_op: HashMap<String, Duration> = HashMap::new();
    let mut per_node: HashMap<String, Duration> = HashMap::new();
    let t0 = Instant::now();
    for _ in 0..runs {
        state.run_plan_with_eval(inputs.clone(), |ctx, st, node, input| {
            let t = Instant::now();
            let out = eval(ctx, st, node, input);
            let dt = t.elapsed();
            *per_op.entry(node.op().name().to_string()).or_default() += dt;
            *per_node
                .entry(format!("{} ({})", node.name, node.op().name()))
                .or_default() += dt;
            out
        })?;
    }
    let total = t0.elapsed() / runs as u32;
    println!(
        "{path}: {:.2} ms per run ({runs} runs)",
        total.as_secs_f64() * 1e3
    );
    let show = |map: HashMap<String, Duration>, n: usize| {
        let mut v: Vec<_> = map.into_iter().collect();
        v.sort_by_key(|e| std::cmp::Reverse(e.1));
        for (name, d) in v.into_iter().take(n) {
            let ms = d.as_secs_f64() * 1e3 / runs as f64;
            println!(
                "  {ms:9.2} ms {:5.1}%  {name}",
                100.0 * ms / (total.as_secs_f64() * 1e3)
            );
        }
    };
    println!("by operator:");
    show(per_op, 12);
    println!("slowest nodes:");
    show(per_node, 10);
    Ok(())
}
