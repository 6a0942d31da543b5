//! Text a stream skips because the voice cannot read its script: found as the text is read,
//! kept for [`Stream::dropped`](super::Stream::dropped).

use std::sync::{Arc, Mutex, PoisonError};

use sotto_text::normalize::dropped_spans;
use sotto_text::DroppedSpan;

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

    /// Records `span` unless the log is full.
    pub fn record(&self, span: DroppedSpan) {
        let mut all = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if all.len() < MAX_DROPPED_SPANS {
            all.push(span);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sotto_text::ScanningReader;

    #[test]
    fn dropped_spans_are_capped_per_text() {
        let text = "a я ".repeat(MAX_DROPPED_SPANS + 10);
        assert_eq!(DroppedLog::of_text(&text).spans().len(), MAX_DROPPED_SPANS);
        let log = DroppedLog::default();
        let sink = log.clone();
        let mut r = ScanningReader::new(text.as_bytes(), move |span| sink.record(span));
        std::io::copy(&mut r, &mut std::io::sink()).unwrap();
        assert_eq!(log.spans().len(), MAX_DROPPED_SPANS);
    }
}
