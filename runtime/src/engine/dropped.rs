//! Text a stream skips because the voice cannot read its script: found as the text is read,
//! kept for [`Stream::dropped`](super::Stream::dropped).

use std::io::Read;
use std::sync::{Arc, Mutex, PoisonError};

use sotto_text::normalize::dropped_spans;
use sotto_text::{DroppedSpan, SpanScanner};

/// Most dropped spans a stream keeps per text; later ones are not recorded (the text itself
/// is still spoken), so a hostile text cannot grow the list without bound.
pub const MAX_DROPPED_SPANS: usize = 256;

/// The dropped spans of the text a stream speaks, shared with the reader that finds them.
#[derive(Debug, Clone, Default)]
pub(crate) struct DroppedLog(Arc<Mutex<Vec<DroppedSpan>>>);

impl DroppedLog {
    /// A log holding the spans of `text`, a whole text at hand.
    pub fn of_text(text: &str) -> Self {
        let mut spans = dropped_spans(text);
        spans.truncate(MAX_DROPPED_SPANS);
        DroppedLog(Arc::new(Mutex::new(spans)))
    }

    /// The spans recorded so far.
    pub fn spans(&self) -> Vec<DroppedSpan> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    fn record(&self, spans: Vec<DroppedSpan>) {
        let mut all = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let room = MAX_DROPPED_SPANS.saturating_sub(all.len());
        all.extend(spans.into_iter().take(room));
    }
}

/// Passes text through unchanged, recording in its [`DroppedLog`] each span in a script the
/// voice cannot read; offsets count the bytes read.
pub(crate) struct ScanningReader<R> {
    inner: R,
    pending: Vec<u8>,
    scanner: SpanScanner,
    log: DroppedLog,
    finished: bool,
}

impl<R: Read> ScanningReader<R> {
    /// Wraps `inner`, recording into `log`.
    pub fn new(inner: R, log: DroppedLog) -> Self {
        ScanningReader {
            inner,
            pending: Vec::new(),
            scanner: SpanScanner::new(),
            log,
            finished: false,
        }
    }

    /// Scans the bytes read, up to the last whole UTF-8 character (invalid bytes count as
    /// one replaced character each, as the sentence splitter reads them).
    fn scan(&mut self, bytes: &[u8]) {
        self.pending.extend_from_slice(bytes);
        let valid = match std::str::from_utf8(&self.pending) {
            Ok(s) => s.len(),
            Err(e) => e.valid_up_to() + e.error_len().unwrap_or(0),
        };
        let text = String::from_utf8_lossy(&self.pending[..valid]).into_owned();
        self.log.record(self.scanner.feed(&text));
        self.pending.drain(..valid);
    }

    fn finish(&mut self) {
        let tail = std::mem::take(&mut self.pending);
        let text = String::from_utf8_lossy(&tail).into_owned();
        let mut spans = self.scanner.feed(&text);
        spans.extend(self.scanner.finish());
        self.log.record(spans);
    }
}

impl<R: Read> Read for ScanningReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n > 0 {
            self.scan(&buf[..n]);
        } else if !self.finished {
            self.finished = true;
            self.finish();
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reader_records_the_same_spans_as_the_whole_text_in_any_read_size() {
        let text = "Hello Привет мир, and 你好 there. Ok.";
        let want = DroppedLog::of_text(text).spans();
        assert_eq!(want.len(), 2, "{want:?}");
        for step in [1, 2, 3, 5, 64] {
            let log = DroppedLog::default();
            let mut r = ScanningReader::new(Chunked(text.as_bytes(), step), log.clone());
            let mut out = String::new();
            r.read_to_string(&mut out).unwrap();
            assert_eq!(out, text);
            let got: Vec<_> = log.spans().iter().map(|s| (s.start, s.end)).collect();
            let exp: Vec<_> = want.iter().map(|s| (s.start, s.end)).collect();
            assert_eq!(got, exp, "reads of {step} bytes");
        }
    }

    #[test]
    fn dropped_spans_are_capped_per_text() {
        let text = "a я ".repeat(MAX_DROPPED_SPANS + 10);
        assert_eq!(DroppedLog::of_text(&text).spans().len(), MAX_DROPPED_SPANS);
        let log = DroppedLog::default();
        let mut r = ScanningReader::new(text.as_bytes(), log.clone());
        std::io::copy(&mut r, &mut std::io::sink()).unwrap();
        assert_eq!(log.spans().len(), MAX_DROPPED_SPANS);
    }

    /// A reader handing out at most `.1` bytes per read.
    struct Chunked<'a>(&'a [u8], usize);

    impl Read for Chunked<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.1.min(buf.len()).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }
}
