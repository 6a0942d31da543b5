//! `sotto say`: text → speech, streamed to a file or stdout, or a whole sentence list.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use sotto::acoustic::Settings;
use sotto::synth::{LoadOptions, Synthesizer};

use super::phonemize::frontend_lexicon_text;
use super::precision::{choose_precision, PrecisionArg};
use super::resynth::{open_sink, OutFormat};
use super::ssml_input;
use super::text_input::{read_tsv, text_reader};
use super::voice::VoiceArgs;

/// Arguments of `sotto say`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Text to speak [default: read stdin]
    #[arg(allow_hyphen_values = true)]
    text: Option<String>,
    /// Output file (`-` for stdout)
    #[arg(short, long, value_name = "FILE", required_unless_present = "batch")]
    output: Option<PathBuf>,
    /// Output container
    #[arg(long, value_enum, default_value_t = OutFormat::Wav)]
    format: OutFormat,
    /// Speak a sentence list (id<TAB>text[<TAB>…]) into DIR/<id>.wav
    #[arg(long, value_name = "TSV", requires = "out_dir", conflicts_with_all = ["text", "output"])]
    batch: Option<PathBuf>,
    /// Output directory of --batch
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// Flow-matching steps (network evaluations) [default: the voice's]
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=64))]
    steps: Option<u32>,
    /// Speaking rate; 2 is twice as fast (durations are divided by it)
    #[arg(long, default_value_t = 1.0)]
    speed: f32,
    /// Noise scale, 0 for a deterministic rendering [default: the voice's]
    #[arg(long)]
    temperature: Option<f32>,
    /// Noise seed
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Model precision
    #[arg(long, value_enum, default_value_t = PrecisionArg::Auto)]
    precision: PrecisionArg,
    /// User lexicon (word<TAB>phonemes per line) overriding the built-in one
    #[arg(long, value_name = "FILE")]
    lexicon: Option<PathBuf>,
    /// Read the text as SSML (also chosen when the text starts with `<speak>`)
    #[arg(long, conflicts_with = "batch")]
    ssml: bool,
    /// Read the text as SSML, dropping unknown elements (their text is still read)
    #[arg(long, conflicts_with = "batch")]
    ssml_lenient: bool,
    /// Say what was chosen and how fast it ran, on stderr
    #[arg(short, long)]
    verbose: bool,
    #[command(flatten)]
    voice: VoiceArgs,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let pack = args.voice.open()?;
    let device = args.voice.device(args.verbose)?;
    let precision = choose_precision(args.precision, &pack, device.is_gpu(), args.verbose);
    let lexicon = frontend_lexicon_text(args.lexicon.as_ref())?;
    let started = Instant::now();
    let mut synth = Synthesizer::load(
        &pack,
        &LoadOptions {
            precision,
            vocoder: args.voice.vocoder.as_deref(),
            runtime: device.runtime,
            user_lexicon: lexicon.as_deref(),
        },
    )?;
    let defaults = *synth.settings();
    anyhow::ensure!(
        args.speed.is_finite() && args.speed > 0.0,
        "--speed must be a positive number"
    );
    synth.set_settings(Settings {
        steps: args.steps.map_or(defaults.steps, |s| s as usize),
        temperature: args.temperature.unwrap_or(defaults.temperature),
        length_scale: defaults.length_scale / args.speed,
        seed: args.seed,
    })?;
    if args.verbose {
        eprintln!(
            "sotto: voice {} loaded in {:.0} ms; {:?}",
            pack.dir().display(),
            started.elapsed().as_secs_f64() * 1e3,
            synth.settings()
        );
    }
    if let Some(tsv) = &args.batch {
        let dir = args.out_dir.as_ref().expect("clap requires --out-dir");
        return batch(&mut synth, tsv, dir, args.format, args.verbose);
    }
    let output = args.output.as_ref().expect("clap requires --output");
    let input = ssml_input::read(
        text_reader(args.text.as_deref()),
        args.ssml,
        args.ssml_lenient,
    )?;
    let mut sink = open_sink(output, args.format, synth.sample_rate())?;
    let reader = match input {
        ssml_input::Input::Plain(r) => r,
        ssml_input::Input::Ssml(doc) => {
            let spoken =
                sotto::ssml::speak_document(&mut synth, pack.manifest(), &doc, &mut |a| {
                    sink.write(a)
                })?;
            sink.finish()?;
            anyhow::ensure!(
                spoken.samples > 0,
                "the SSML document holds nothing to speak"
            );
            return Ok(ExitCode::SUCCESS);
        }
    };
    let t0 = Instant::now();
    let mut first_audio = None;
    let spoken = synth.speak(reader, &mut |a| {
        first_audio.get_or_insert_with(|| t0.elapsed());
        sink.write(a)?;
        sink.flush()
    })?;
    sink.finish()?;
    if args.verbose {
        let secs = spoken.samples as f64 / synth.sample_rate() as f64;
        let took = t0.elapsed().as_secs_f64();
        eprintln!(
            "sotto: {} sentences, {secs:.2} s of audio in {took:.2} s (RTF {:.3}), first audio after {:.0} ms",
            spoken.sentences,
            took / secs.max(1e-9),
            first_audio.unwrap_or_default().as_secs_f64() * 1e3
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn batch(
    synth: &mut Synthesizer,
    tsv: &Path,
    dir: &Path,
    format: OutFormat,
    verbose: bool,
) -> Result<ExitCode> {
    let rows = read_tsv(tsv)?;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let progress = std::io::stderr().is_terminal();
    let mut failed = 0;
    let ext = match format {
        OutFormat::Wav => "wav",
        OutFormat::Raw => "raw",
    };
    for (k, row) in rows.iter().enumerate() {
        let path = dir.join(format!("{}.{ext}", row.id));
        let mut sink = open_sink(&path, format, synth.sample_rate())?;
        let result = synth.speak(row.text.as_bytes(), &mut |a| sink.write(a));
        sink.finish()?;
        if let Err(e) = result {
            failed += 1;
            eprintln!(
                "{}sotto: {}: {:#}",
                if progress { "\r\x1b[K" } else { "" },
                row.id,
                anyhow::Error::new(e)
            );
        }
        if progress {
            let done = (k + 1) * 30 / rows.len().max(1);
            eprint!(
                "\r[{}{}] {}/{}",
                "#".repeat(done),
                " ".repeat(30 - done),
                k + 1,
                rows.len()
            );
        }
    }
    if progress {
        eprintln!();
    }
    if verbose || failed > 0 {
        eprintln!(
            "sotto: {} of {} rows spoken",
            rows.len() - failed,
            rows.len()
        );
    }
    Ok(if failed > 0 {
        super::EXIT_FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
