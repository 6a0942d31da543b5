//! `sotto phonemize`: text → phonemes (or ids), one sentence per line.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use sotto_text::Frontend;

use super::text_input::{read_tsv, text_reader};
use super::voice::VoiceArgs;

/// Arguments of `sotto phonemize`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Text to phonemize [default: read stdin]
    #[arg(allow_hyphen_values = true)]
    text: Option<String>,
    /// Print phoneme ids of the voice instead of phonemes
    #[arg(long)]
    ids: bool,
    /// Phonemize a sentence list (id<TAB>text); prints id<TAB>result, one row per line
    #[arg(long, value_name = "TSV", conflicts_with = "text")]
    batch: Option<PathBuf>,
    /// User lexicon (word<TAB>phonemes per line) overriding the built-in one
    #[arg(long, value_name = "FILE")]
    lexicon: Option<PathBuf>,
    #[command(flatten)]
    voice: VoiceArgs,
}

/// Largest user lexicon accepted, in bytes.
pub const MAX_LEXICON_BYTES: u64 = 64 << 20;

/// Reads the optional user lexicon file.
pub fn frontend_lexicon_text(lexicon: Option<&PathBuf>) -> Result<Option<String>> {
    let Some(p) = lexicon else { return Ok(None) };
    let len = std::fs::metadata(p)
        .with_context(|| format!("cannot read lexicon {}", p.display()))?
        .len();
    anyhow::ensure!(
        len <= MAX_LEXICON_BYTES,
        "lexicon {} is larger than {MAX_LEXICON_BYTES} bytes",
        p.display()
    );
    let bytes = std::fs::read(p).with_context(|| format!("cannot read lexicon {}", p.display()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("lexicon {} is not valid UTF-8", p.display()))?;
    Ok(Some(text))
}

/// Builds the frontend with the optional user lexicon.
pub fn frontend(lexicon: Option<&PathBuf>) -> Result<Frontend> {
    Ok(match frontend_lexicon_text(lexicon)? {
        Some(text) => Frontend::with_user_lexicon(&text).with_context(|| {
            format!(
                "lexicon {}",
                lexicon.map(|p| p.display().to_string()).unwrap_or_default()
            )
        })?,
        None => Frontend::new(),
    })
}

pub fn run(args: Args) -> Result<ExitCode> {
    let fe = frontend(args.lexicon.as_ref())?;
    let ids = if args.ids {
        Some(sotto::phoneme_ids(args.voice.dir()?)?)
    } else {
        None
    };
    let render = |text: &str| -> Result<String> {
        let ph = fe.phonemize(text)?;
        Ok(match &ids {
            Some(map) => map
                .ids(&ph)
                .iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(" "),
            None => ph,
        })
    };
    let mut out = std::io::stdout().lock();
    if let Some(tsv) = &args.batch {
        for row in read_tsv(tsv)? {
            writeln!(out, "{}\t{}", row.id, render(&row.text)?)?;
        }
    } else {
        for sentence in fe.sentences(text_reader(args.text.as_deref())) {
            let line = render(&sentence?)?;
            if !line.is_empty() {
                writeln!(out, "{line}")?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
