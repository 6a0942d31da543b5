//! Text read piece by piece while a [`SpanScanner`] finds what the voice cannot read.

use std::io::Read;

use super::script::{DroppedSpan, SpanScanner};

/// Passes the bytes of `inner` through unchanged and hands each [`DroppedSpan`] in them to
/// `on_span` as soon as the span ends (the last one when `inner` ends); offsets count the
/// bytes read. A character split between two reads is scanned whole, once; invalid UTF-8 is
/// scanned as replaced characters, as the sentence splitter reads it.
pub struct ScanningReader<R, F> {
    inner: R,
    pending: Vec<u8>,
    scanner: SpanScanner,
    on_span: F,
    finished: bool,
}

impl<R: Read, F: FnMut(DroppedSpan)> ScanningReader<R, F> {
    /// Wraps `inner`, calling `on_span` for each span found.
    pub fn new(inner: R, on_span: F) -> Self {
        ScanningReader {
            inner,
            pending: Vec::new(),
            scanner: SpanScanner::new(),
            on_span,
            finished: false,
        }
    }

    fn scan(&mut self, bytes: &[u8]) {
        self.pending.extend_from_slice(bytes);
        let whole = match std::str::from_utf8(&self.pending) {
            Ok(s) => s.len(),
            Err(e) => e.valid_up_to() + e.error_len().unwrap_or(0),
        };
        let text = String::from_utf8_lossy(&self.pending[..whole]).into_owned();
        self.scanner
            .feed(&text)
            .into_iter()
            .for_each(&mut self.on_span);
        self.pending.drain(..whole);
    }

    fn finish(&mut self) {
        let tail = std::mem::take(&mut self.pending);
        let text = String::from_utf8_lossy(&tail).into_owned();
        let spans = self
            .scanner
            .feed(&text)
            .into_iter()
            .chain(self.scanner.finish());
        spans.for_each(&mut self.on_span);
    }
}

impl<R: Read, F: FnMut(DroppedSpan)> Read for ScanningReader<R, F> {
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
    use crate::normalize::dropped_spans;

    fn read_spans(bytes: &[u8], step: usize) -> (Vec<u8>, Vec<(usize, usize)>) {
        let mut spans = Vec::new();
        let mut out = Vec::new();
        ScanningReader::new(Chunked(bytes, step), |s: DroppedSpan| {
            spans.push((s.start, s.end))
        })
        .read_to_end(&mut out)
        .unwrap();
        (out, spans)
    }

    #[test]
    fn a_reader_finds_the_same_spans_as_the_whole_text_in_any_read_size() {
        let text = "Hello Привет мир, and 你好 there. Ok.";
        let want: Vec<_> = dropped_spans(text)
            .iter()
            .map(|s| (s.start, s.end))
            .collect();
        assert_eq!(want.len(), 2, "{want:?}");
        for step in [1, 2, 3, 5, 64] {
            let (out, got) = read_spans(text.as_bytes(), step);
            assert_eq!(out, text.as_bytes());
            assert_eq!(got, want, "reads of {step} bytes");
        }
    }

    #[test]
    fn a_span_at_the_end_of_the_text_is_reported_when_the_reader_ends() {
        let (_, got) = read_spans("ok 你好".as_bytes(), 1);
        assert_eq!(got, [(3, 9)]);
    }

    #[test]
    fn invalid_utf8_passes_through_unchanged() {
        let bytes = b"a \xff\xfe b \xe4\xbd";
        for step in [1, 2, 64] {
            let (out, got) = read_spans(bytes, step);
            assert_eq!(out, bytes);
            assert!(got.is_empty(), "{got:?}");
        }
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
