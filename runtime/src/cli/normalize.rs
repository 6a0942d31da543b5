//! `sotto normalize`: text → the spoken form (words) of each sentence, one per line; text in
//! a script the voice cannot read is dropped with one warning per span on stderr.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use sotto_text::Frontend;

use super::text_input::{read_tsv, text_reader, warn_dropped, warn_unreadable};

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
            let n = fe.normalize_checked(&row.text);
            for span in &n.dropped {
                warn_dropped(span, Some(&row.id));
            }
            writeln!(out, "{}\t{}", row.id, n.spoken())?;
        }
    } else {
        let reader = warn_unreadable(text_reader(args.text.as_deref()));
        for sentence in fe.sentences(reader) {
            let line = fe.spoken(&sentence?);
            if !line.is_empty() {
                writeln!(out, "{line}")?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
