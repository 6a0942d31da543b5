//! Time of each stage of loading one ONNX graph for the CPU, the runtime's way
//! (`sotto::net::cpu_plan`) beside tract's stock pipeline, and one run of each plan.
//!
//! `cargo run --release --example load_stages -- MODEL.onnx DIMS [DIMS…] [--runs N]`
//! where each DIMS is the comma-separated shape of one input, `f32` unless prefixed `i64:`
//! (e.g. `i64:1,160 1,1,160` for the encoder). Prints the median over N loads (default 5) of
//! parsing, typing, decluttering and planning, in milliseconds.

use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use tract_onnx::prelude::*;

#[derive(Clone, Copy, PartialEq)]
enum Pipeline {
    Runtime,
    Tract,
}

struct Stages([Duration; 5]);

const STAGES: [&str; 5] = ["parse", "type", "declutter", "plan", "first run"];

fn load(path: &str, inputs: &TVec<TValue>, pipeline: Pipeline) -> Result<Stages> {
    let mut times = [Duration::ZERO; 5];
    let mut lap = {
        let mut t = Instant::now();
        move |slot: &mut Duration| {
            *slot = t.elapsed();
            t = Instant::now();
        }
    };
    let mut model = tract_onnx::onnx().model_for_path(path)?;
    for (ix, input) in inputs.iter().enumerate() {
        model.set_input_fact(
            ix,
            InferenceFact::dt_shape(input.datum_type(), input.shape()),
        )?;
    }
    lap(&mut times[0]);
    let mut typed = model.into_typed()?;
    lap(&mut times[1]);
    if pipeline == Pipeline::Runtime {
        sotto::net::cpu_plan::declutter(&mut typed)?;
    } else {
        typed.declutter()?;
    }
    lap(&mut times[2]);
    let plan = match pipeline {
        Pipeline::Runtime => sotto::net::cpu_plan::plan(typed)?,
        Pipeline::Tract => typed.into_optimized()?.into_runnable()?,
    };
    lap(&mut times[3]);
    plan.run(inputs.clone())?;
    lap(&mut times[4]);
    Ok(Stages(times))
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .first()
        .context("usage: load_stages MODEL.onnx DIMS… [--runs N]")?;
    let runs: usize = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .map_or(Ok(5), |s| s.parse())?;
    let inputs: TVec<TValue> = args[1..]
        .iter()
        .take_while(|a| !a.starts_with("--"))
        .map(|d| -> Result<TValue> {
            let (dims, int) = d
                .strip_prefix("i64:")
                .map_or((d.as_str(), false), |d| (d, true));
            let shape: Vec<usize> = dims.split(',').map(str::parse).collect::<Result<_, _>>()?;
            let n = shape.iter().product::<usize>();
            Ok(if int {
                Tensor::from_shape(&shape, &vec![1i64; n])?.into_tvalue()
            } else {
                Tensor::from_shape(&shape, &vec![0.5f32; n])?.into_tvalue()
            })
        })
        .collect::<Result<_>>()?;
    println!("{path}: median of {runs} loads, ms");
    println!("{:>9} {}", "", STAGES.map(|s| format!("{s:>10}")).join(""));
    for (name, pipeline) in [("runtime", Pipeline::Runtime), ("tract", Pipeline::Tract)] {
        let mut all: Vec<Stages> = (0..runs)
            .map(|_| load(path, &inputs, pipeline))
            .collect::<Result<_>>()?;
        let medians: Vec<String> = (0..STAGES.len())
            .map(|s| {
                all.sort_by_key(|st| st.0[s]);
                format!("{:10.1}", all[runs / 2].0[s].as_secs_f64() * 1e3)
            })
            .collect();
        println!("{name:>9} {}", medians.join(""));
    }
    Ok(())
}
