//! `sotto normalize`: text → the spoken form (words) of each sentence, one per line.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use sotto_text::Frontend;

use super::text_input::{read_tsv, text_reader};

/// Arguments of `sotto normalize`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Text to normalize [default: read stdin]
    #[arg(allow_hyphen_values = true)]
    text: Option<String>,
    /// Normalize a sentence list (id<TAB>text); prints id<TAB>spoken form, one row per line
    #[arg(long, value_name = "TSV", conflicts_with = "text")]
    batch: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let fe = Frontend::new();
    let mut out = std::io::stdout().lock();
    if let Some(tsv) = &args.batch {
        for row in read_tsv(tsv)? {
            writeln!(out, "{}\t{}", row.id, fe.spoken(&row.text))?;
        }
    } else {
        for sentence in fe.sentences(text_reader(args.text.as_deref())) {
            let line = fe.spoken(&sentence?);
            if !line.is_empty() {
                writeln!(out, "{line}")?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
