//! `sotto.Stream`, `sotto.Chunk`, `sotto.Mark`: audio pulled chunk by chunk with its marks.

use std::sync::{Mutex, PoisonError};

use pyo3::prelude::*;
use sotto::{CancelHandle, Chunk, DroppedSpan, Mark, Stream};

use crate::errors::to_py;
use crate::samples::to_numpy;

/// Audio of one text, pulled chunk by chunk: iterate it (each step synthesizes the next chunk
/// with the GIL released). `cancel()` may be called from any thread, also while another thread
/// waits for a chunk: that wait then raises Cancelled.
#[pyclass(name = "Stream", module = "sotto", frozen)]
pub struct PyStream {
    inner: Mutex<Stream>,
    cancel: CancelHandle,
    sample_rate: u32,
    dropped: Vec<Py<PyDroppedSpan>>,
}

impl PyStream {
    pub(crate) fn new(
        py: Python<'_>,
        stream: Stream,
        dropped: Vec<PyDroppedSpan>,
    ) -> PyResult<Self> {
        let dropped = dropped
            .into_iter()
            .map(|d| Py::new(py, d))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(Self {
            dropped,
            cancel: stream.cancel_handle(),
            sample_rate: stream.voice().sample_rate(),
            inner: Mutex::new(stream),
        })
    }
}

#[pymethods]
impl PyStream {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<PyChunk>> {
        let next = py.allow_threads(|| {
            self.inner
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .next()
        });
        match next {
            None => Ok(None),
            Some(Err(e)) => Err(to_py(e)),
            Some(Ok(chunk)) => PyChunk::new(py, chunk).map(Some),
        }
    }

    /// Stops the stream: the chunk being made (or the next one asked for) raises Cancelled,
    /// within one phoneme's worth of work. Safe from any thread.
    fn cancel(&self) {
        self.cancel.cancel();
    }

    /// Sample rate of the stream's audio in Hz.
    #[getter]
    fn sample_rate(&self) -> u32 {
        self.sample_rate
    }

    /// The spans of the text in scripts the voice cannot read (Cyrillic, Han, …), which are
    /// skipped, in order (none for SSML).
    #[getter]
    fn dropped(&self, py: Python<'_>) -> Vec<Py<PyDroppedSpan>> {
        self.dropped.iter().map(|d| d.clone_ref(py)).collect()
    }
}

/// A span of the text the voice cannot read, skipped when speaking.
#[pyclass(name = "DroppedSpan", module = "sotto", frozen, get_all, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PyDroppedSpan {
    /// The skipped text, as written.
    text: String,
    /// Its script ("Cyrillic", "Han (CJK)", …).
    script: String,
    /// Index of its first character in the text (`text[start:end]` is the span).
    start: usize,
    /// Index just past its last character.
    end: usize,
}

impl PyDroppedSpan {
    /// The spans of `text` the engine reported, with byte offsets made character indices.
    pub(crate) fn of(text: &str, spans: &[DroppedSpan]) -> Vec<PyDroppedSpan> {
        let chars = |byte: usize| text.get(..byte).map_or(0, |t| t.chars().count());
        spans
            .iter()
            .map(|d| PyDroppedSpan {
                text: d.text.clone(),
                script: d.script.to_string(),
                start: chars(d.start),
                end: chars(d.end),
            })
            .collect()
    }
}

#[pymethods]
impl PyDroppedSpan {
    fn __repr__(&self) -> String {
        format!(
            "DroppedSpan(text={:?}, script={:?}, start={}, end={})",
            self.text, self.script, self.start, self.end
        )
    }
}

/// A piece of the audio and the marks that start in it.
#[pyclass(name = "Chunk", module = "sotto", frozen, get_all)]
pub struct PyChunk {
    /// Mono samples in [-1, 1] (numpy float32) at the voice's sample rate.
    samples: Py<PyAny>,
    /// Index of the chunk's first sample in the stream's audio.
    start: u64,
    /// Marks whose start falls in this chunk, in order (the last chunk carries any left).
    marks: Vec<Py<PyMark>>,
    /// True on the stream's last chunk.
    is_last: bool,
}

impl PyChunk {
    fn new(py: Python<'_>, chunk: Chunk) -> PyResult<Self> {
        Ok(Self {
            samples: to_numpy(py, &chunk.samples)?.unbind(),
            start: chunk.start,
            marks: chunk
                .marks
                .into_iter()
                .map(|m| Py::new(py, PyMark::from(m)))
                .collect::<PyResult<_>>()?,
            is_last: chunk.is_last,
        })
    }
}

#[pymethods]
impl PyChunk {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "<sotto.Chunk start={} samples={} marks={} is_last={}>",
            self.start,
            self.samples.bind(py).len()?,
            self.marks.len(),
            if self.is_last { "True" } else { "False" }
        ))
    }
}

/// A timed mark: a sentence, word or phoneme of the text, or an SSML `<mark name="…"/>`.
#[pyclass(name = "Mark", module = "sotto", frozen, get_all, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PyMark {
    /// "sentence", "word", "phoneme" or "mark" (an SSML mark; its duration is 0).
    kind: &'static str,
    /// The sentence as read, the word as spoken ("seven" for "7"), the phoneme (IPA) or the
    /// mark's name.
    text: String,
    /// Index of its first sample in the stream's audio.
    start: u64,
    /// Its length in samples.
    duration: u64,
}

impl From<Mark> for PyMark {
    fn from(m: Mark) -> Self {
        Self {
            kind: m.kind.name(),
            text: m.text,
            start: m.start,
            duration: m.duration,
        }
    }
}

#[pymethods]
impl PyMark {
    fn __repr__(&self) -> String {
        format!(
            "Mark(kind={:?}, text={:?}, start={}, duration={})",
            self.kind, self.text, self.start, self.duration
        )
    }
}
