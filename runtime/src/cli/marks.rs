//! `--marks FILE.jsonl`: one JSON object per mark, in order.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use sotto::Mark;

/// Writes marks as JSON lines: `{"kind", "text", "start", "duration"}` in seconds, plus
/// `start_sample` and `samples`.
pub struct MarksWriter {
    path: PathBuf,
    out: BufWriter<File>,
    rate: f64,
}

impl MarksWriter {
    /// Creates `path`; times are converted at `sample_rate`.
    pub fn create(path: &Path, sample_rate: u32) -> Result<Self> {
        let file =
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
        Ok(Self {
            path: path.to_path_buf(),
            out: BufWriter::new(file),
            rate: sample_rate as f64,
        })
    }

    /// Appends `marks`.
    pub fn write(&mut self, marks: &[Mark]) -> sotto::Result<()> {
        for m in marks {
            let line = serde_json::json!({
                "kind": m.kind.name(),
                "text": m.text,
                "start": m.start as f64 / self.rate,
                "duration": m.duration as f64 / self.rate,
                "start_sample": m.start,
                "samples": m.duration,
            });
            writeln!(self.out, "{line}").map_err(|e| sotto::Error::Io {
                path: self.path.clone(),
                source: e,
            })?;
        }
        Ok(())
    }

    /// Flushes the file.
    pub fn finish(mut self) -> Result<()> {
        self.out
            .flush()
            .with_context(|| format!("writing {}", self.path.display()))
    }
}
