//! SSML on the command line: `--ssml`, `--ssml-lenient`, or a text that starts with `<speak>`.

use std::io::{BufRead, BufReader, Read};

use anyhow::{Context, Result};
use sotto_text::ssml::{self, Document, Options, MAX_DOCUMENT_BYTES};

/// Bytes looked at to decide whether unflagged input is SSML.
const SNIFF_BYTES: usize = 64;

/// What to speak: a parsed SSML document, or plain text to stream.
pub enum Input {
    /// A parsed document.
    Ssml(Document),
    /// Plain text (the reader, with nothing consumed).
    Plain(Box<dyn Read + Send>),
}

/// Reads `reader` as SSML when `forced` or when it starts like SSML; plain text otherwise.
pub fn read(reader: Box<dyn Read + Send>, forced: bool, lenient: bool) -> Result<Input> {
    let mut buf = BufReader::with_capacity(SNIFF_BYTES.max(8192), reader);
    let head = buf.fill_buf().context("reading text")?;
    let head = String::from_utf8_lossy(&head[..head.len().min(SNIFF_BYTES)]).into_owned();
    if !(forced || lenient || ssml::looks_like_ssml(&head)) {
        return Ok(Input::Plain(Box::new(buf)));
    }
    let mut bytes = Vec::new();
    buf.take(MAX_DOCUMENT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .context("reading SSML")?;
    anyhow::ensure!(
        bytes.len() <= MAX_DOCUMENT_BYTES,
        "SSML document larger than {MAX_DOCUMENT_BYTES} bytes"
    );
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "SSML is not valid UTF-8 (byte {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok(Input::Ssml(ssml::parse(&text, Options { lenient })?))
}
