//! Runs a vocoder of a voice pack with its graph translated to f16 by tract's `f32_to_f16`
//! (optionally only some nodes; the graph's inputs and outputs stay f32), over a WAV file's
//! mel, for counting its cost under `../shared/tools/icount` and seeing what tract made of it:
//! prints, per operator of the optimized plan (planned as the runtime plans for the CPU,
//! `sotto::net::cpu_plan`), how many run in f16 and in f32, and the output's SNR against fp32.
//!
//! `cargo run --release --example vocoder_f16 -- VOICE_DIR VOCODER WAV REPEATS PRECISION`
//!
//! PRECISION is `f32`, `f16` (every node), `f16:==PATTERN,…` (only nodes whose name contains
//! a pattern) or `f16:!=PATTERN,…` (all but those).

use std::collections::BTreeMap;
use std::sync::Mutex;

use anyhow::{Context, Result};
use sotto::mel::MelAnalyzer;
use sotto::net::{cpu_plan, cpu_runtime};
use sotto::vocoder::Vocoder;
use sotto::voice::VoicePack;
use tract_onnx::prelude::*;
use tract_onnx::tract_core::floats::FloatPrecisionTranslator;
use tract_onnx::tract_core::internal::StaticName;
use tract_onnx::tract_core::ops::cast::Cast;
use tract_onnx::tract_core::ops::source::TypedSource;
use tract_onnx::tract_core::runtime::{RunOptions, Runnable, Runtime};
use tract_onnx::tract_core::transform::{parse_legacy_filter, ModelTransform};

/// tract's CPU runtime behind a float translation of the graph; keeps a census of the plan.
#[derive(Debug)]
struct F16Cpu {
    filter: Option<String>,
    census: Mutex<BTreeMap<String, [usize; 2]>>,
}

impl Runtime for F16Cpu {
    fn name(&self) -> StaticName {
        "cpu-f16".into()
    }

    fn check(&self) -> TractResult<()> {
        Ok(())
    }

    fn prepare_with_options(
        &self,
        mut model: TypedModel,
        _options: &RunOptions,
    ) -> TractResult<Box<dyn Runnable>> {
        let filter = parse_legacy_filter(self.filter.as_deref())?;
        FloatPrecisionTranslator::with_filter(DatumType::F32, DatumType::F16, move |node| {
            filter.matches(&node.name)
        })
        .transform(&mut model)?;
        keep_f32_interface(&mut model)?;
        cpu_plan::declutter(&mut model)?;
        let plan = cpu_plan::plan(model)?;
        let mut census = self.census.lock().unwrap();
        for node in plan.model().nodes() {
            let f16 = node
                .outputs
                .first()
                .is_some_and(|o| o.fact.datum_type == DatumType::F16);
            census.entry(node.op().name().to_string()).or_default()[usize::from(f16)] += 1;
        }
        Ok(Box::new(plan))
    }
}

/// The translator makes the graph's inputs and outputs f16; the runtime feeds and reads f32:
/// the inputs become f32 sources cast to f16, the outputs are cast back to f32.
fn keep_f32_interface(model: &mut TypedModel) -> TractResult<()> {
    for input in model.inputs.clone() {
        let successors = model.outlet_successors(input).to_vec();
        let f16 = model.outlet_fact(input)?.clone();
        let f32 = TypedFact::dt_shape(DatumType::F32, f16.shape.clone());
        model.node_mut(input.node).op = Box::new(TypedSource::new(f32.clone()));
        model.node_mut(input.node).outputs[0].fact = f32;
        let name = format!("{}.to-f16", model.node(input.node).name);
        let cast = model.wire_node(name, Cast { to: DatumType::F16 }, &[input])?[0];
        for inlet in successors {
            model.add_edge(cast, inlet)?;
        }
    }
    let mut outputs = tvec!();
    for (ix, output) in model.outputs.clone().into_iter().enumerate() {
        outputs.push(
            model.wire_node(
                format!("output-{ix}.to-f32"),
                Cast { to: DatumType::F32 },
                &[output],
            )?[0],
        );
    }
    model.select_output_outlets(&outputs)?;
    Ok(())
}

fn run() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    anyhow::ensure!(
        args.len() == 6,
        "usage: vocoder_f16 VOICE_DIR VOCODER WAV REPEATS f32|f16[:==PAT,…|:!=PAT,…]"
    );
    let repeats: usize = args[4].parse()?;
    let pack = VoicePack::open(&args[1])?;
    let entry = pack
        .manifest()
        .vocoder(&args[2], None)
        .context("no such vocoder")?
        .clone();
    let mut reader = hound::WavReader::open(&args[3])?;
    let samples: Vec<f32> = reader
        .samples::<i16>()
        .map(|s| s.map(|v| v as f32 / 32768.0))
        .collect::<Result<_, _>>()?;
    let mel = MelAnalyzer::new(&pack.manifest().mel)?.analyze(&samples);
    let speak = |vocoder: &mut Vocoder| -> Result<Vec<f32>> {
        let mut out = Vec::new();
        vocoder.push(&mel, &mut |a| {
            out.extend_from_slice(a);
            Ok(())
        })?;
        vocoder.finish(&mut |a| {
            out.extend_from_slice(a);
            Ok(())
        })?;
        Ok(out)
    };

    let precision = args[5].as_str();
    let f16 = match precision {
        "f32" => None,
        p => Some(F16Cpu {
            filter: p.strip_prefix("f16:").map(str::to_string),
            census: Mutex::default(),
        }),
    };
    let mut vocoder = match &f16 {
        Some(rt) => Vocoder::load(&pack, &entry, rt)?,
        None => Vocoder::load(&pack, &entry, cpu_runtime())?,
    };
    let mut audio = Vec::new();
    for _ in 0..repeats {
        audio = speak(&mut vocoder)?;
    }
    if let Some(rt) = &f16 {
        let reference = speak(&mut Vocoder::load(&pack, &entry, cpu_runtime())?)?;
        let noise: f64 = reference
            .iter()
            .zip(&audio)
            .map(|(r, a)| f64::from(r - a).powi(2))
            .sum();
        let signal: f64 = reference.iter().map(|r| f64::from(*r).powi(2)).sum();
        eprintln!(
            "{precision}: SNR {:.1} dB vs f32",
            10.0 * (signal / noise.max(1e-30)).log10()
        );
        for (op, [f32s, f16s]) in rt.census.lock().unwrap().iter() {
            eprintln!("  {op:<28} f32 {f32s:>4}  f16 {f16s:>4}");
        }
    }
    Ok(())
}

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("vocoder_f16: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
