//! Text from the command line, a file or stdin, and TSV sentence lists.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use anyhow::{Context, Result};
use sotto_text::{DroppedSpan, ScanningReader};

/// Longest TSV line accepted, in bytes.
pub const MAX_TSV_LINE: usize = 1 << 20;

/// The text argument, or stdin when it is absent.
pub fn text_reader(text: Option<&str>) -> Box<dyn Read + Send> {
    match text {
        Some(t) => Box::new(std::io::Cursor::new(t.as_bytes().to_vec())),
        None => Box::new(std::io::stdin()),
    }
}

/// Prints one warning on stderr for a span of text the voice cannot read (`what` names the
/// input, e.g. a row id, when there are several).
pub fn warn_dropped(span: &DroppedSpan, what: Option<&str>) {
    match what {
        Some(w) => eprintln!("sotto: warning: {w}: {span}"),
        None => eprintln!("sotto: warning: {span}"),
    }
}

/// Passes text through unchanged, warning on stderr once per span of text in a script the
/// voice cannot read (normalization drops it); offsets count the bytes read.
pub fn warn_unreadable<R: Read + Send>(inner: R) -> impl Read + Send {
    ScanningReader::new(inner, |span| warn_dropped(&span, None))
}

/// One row of a sentence list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The row id (first column).
    pub id: String,
    /// The text (second column).
    pub text: String,
}

/// Reads `id<TAB>text[<TAB>…]` rows; blank and `#` lines are skipped, extra columns ignored.
/// Ids must be plain file names. Invalid UTF-8 is replaced.
pub fn read_tsv(path: &Path) -> Result<Vec<Row>> {
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut reader = BufReader::new(file);
    let mut rows = Vec::new();
    let mut line = Vec::new();
    let mut number = 0;
    loop {
        line.clear();
        let n = (&mut reader)
            .take(MAX_TSV_LINE as u64 + 1)
            .read_until(b'\n', &mut line)
            .with_context(|| format!("reading {}", path.display()))?;
        if n == 0 {
            break;
        }
        number += 1;
        anyhow::ensure!(
            line.len() <= MAX_TSV_LINE,
            "{}:{number}: line longer than {MAX_TSV_LINE} bytes",
            path.display()
        );
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\n', '\r']);
        if text.trim().is_empty() || text.starts_with('#') {
            continue;
        }
        let mut cols = text.split('\t');
        let id = cols.next().unwrap_or_default().trim();
        let Some(body) = cols.next() else {
            anyhow::bail!("{}:{number}: expected id<TAB>text", path.display());
        };
        anyhow::ensure!(
            !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
                && !id.starts_with('.'),
            "{}:{number}: id {id:?} is not a plain file name (letters, digits, - _ .)",
            path.display()
        );
        rows.push(Row {
            id: id.to_string(),
            text: body.to_string(),
        });
    }
    Ok(rows)
}
