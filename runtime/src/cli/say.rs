//! `sotto say`: text → speech, streamed to a file or stdout, or a whole sentence list.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use sotto::{Chunk, SpeakOptions, Stream, VoiceOptions};

use super::marks::MarksWriter;
use super::output::Created;
use super::phonemize::frontend_lexicon_text;
use super::precision::PrecisionArg;
use super::resynth::{open_sink, OutFormat};
use super::ssml_input;
use super::text_input::{read_tsv, text_reader, warn_dropped, warn_unreadable};
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
    /// Flow-matching steps (network evaluations) [default: the voice's]; a path whose prior
    /// gives the frames itself (the latent path's teacher flow) takes none
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=64))]
    steps: Option<u32>,
    /// Speaking rate; 2 is twice as fast (durations are divided by it)
    #[arg(long, default_value_t = 1.0)]
    speed: f32,
    /// Noise scale, 0 for a deterministic rendering [default: the voice's]; a path whose prior
    /// gives the frames itself is always deterministic
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
    /// Write the sentence, word and phoneme marks as JSON lines (with --batch: DIR/<id>.jsonl)
    #[arg(long, value_name = "FILE")]
    marks: Option<PathBuf>,
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
    let lexicon = frontend_lexicon_text(args.lexicon.as_ref())?;
    let started = Instant::now();
    let voice = args.voice.open_engine(
        &VoiceOptions {
            device: args.voice.device.into(),
            precision: args.precision.into(),
            vocoder: args.voice.vocoder.clone(),
            user_lexicon: lexicon,
            checksums: args.voice.checksums(),
        },
        args.verbose,
    )?;
    let opts = SpeakOptions {
        steps: args.steps.map(|s| s as usize),
        temperature: args.temperature,
        speed: args.speed,
        seed: args.seed,
    };
    let settings = voice.check(&opts)?;
    if args.verbose {
        let (precision, why) = voice.precision();
        eprintln!("sotto: precision {precision} ({why})");
        for model in voice.models() {
            eprintln!("sotto: model {model}");
        }
        eprintln!(
            "sotto: voice {} loaded in {:.0} ms; {settings}",
            voice.dir().display(),
            started.elapsed().as_secs_f64() * 1e3,
        );
    }
    let mut stream = voice.stream()?;
    if let Some(tsv) = &args.batch {
        let dir = args.out_dir.as_ref().expect("clap requires --out-dir");
        let marks = args.marks.is_some();
        return batch(
            &mut stream,
            &opts,
            tsv,
            dir,
            args.format,
            marks,
            args.verbose,
        );
    }
    let output = args.output.as_ref().expect("clap requires --output");
    let input = ssml_input::read(
        Box::new(warn_unreadable(text_reader(args.text.as_deref()))),
        args.ssml,
        args.ssml_lenient,
    )?;
    let mut created = Created::new();
    let mut sink = open_sink(output, args.format, voice.sample_rate())?;
    created.add(output);
    let mut marks = match &args.marks {
        Some(p) => {
            let m = MarksWriter::create(p, voice.sample_rate())?;
            created.add(p);
            Some(m)
        }
        None => None,
    };
    let t0 = Instant::now();
    let mut first_audio = None;
    match input {
        ssml_input::Input::Plain(reader) => stream.start_reader(reader, &opts)?,
        ssml_input::Input::Ssml(doc) => stream.start_document(doc, &opts)?,
    }
    let spoken = stream.run(&mut |chunk: &Chunk| {
        first_audio.get_or_insert_with(|| t0.elapsed());
        if let Some(m) = &mut marks {
            m.write(&chunk.marks)?;
        }
        sink.write(&chunk.samples)?;
        sink.flush()
    })?;
    sink.finish()?;
    if let Some(m) = marks {
        m.finish()?;
    }
    created.keep();
    if args.verbose {
        let secs = spoken.samples as f64 / voice.sample_rate() as f64;
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

/// Speaks one batch row into `path` (and its marks beside it); the stream is left ready for
/// the next row whatever happens.
fn speak_row(
    stream: &mut Stream,
    opts: &SpeakOptions,
    text: &str,
    path: &Path,
    format: OutFormat,
    marks: bool,
) -> Result<()> {
    let rate = stream.voice().sample_rate();
    let mut created = Created::new();
    let mut sink = open_sink(path, format, rate)?;
    created.add(path);
    let marks_path = path.with_extension("jsonl");
    let mut marks = if marks {
        let m = MarksWriter::create(&marks_path, rate)?;
        created.add(&marks_path);
        Some(m)
    } else {
        None
    };
    stream.start(text, opts)?;
    let result = stream.run(&mut |chunk: &Chunk| {
        if let Some(m) = &mut marks {
            m.write(&chunk.marks)?;
        }
        sink.write(&chunk.samples)
    });
    let finished = sink.finish();
    result?;
    finished?;
    if let Some(m) = marks {
        m.finish()?;
    }
    created.keep();
    Ok(())
}

fn batch(
    stream: &mut Stream,
    opts: &SpeakOptions,
    tsv: &Path,
    dir: &Path,
    format: OutFormat,
    marks: bool,
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
        for span in sotto_text::normalize::dropped_spans(&row.text) {
            warn_dropped(&span, Some(&row.id));
        }
        if let Err(e) = speak_row(stream, opts, &row.text, &path, format, marks) {
            stream.stop();
            failed += 1;
            eprintln!(
                "{}sotto: {}: {e:#}",
                if progress { "\r\x1b[K" } else { "" },
                row.id,
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
