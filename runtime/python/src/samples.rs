//! Samples to numpy: one copy into a `bytearray` that a `float32` array views.

use pyo3::prelude::*;
use pyo3::types::PyByteArray;

/// Bytes per `f32` sample.
const SAMPLE_BYTES: usize = std::mem::size_of::<f32>();

/// `samples` as a writable 1-D numpy `float32` array.
pub(crate) fn to_numpy<'py>(py: Python<'py>, samples: &[f32]) -> PyResult<Bound<'py, PyAny>> {
    let buf = PyByteArray::new_with(py, samples.len() * SAMPLE_BYTES, |bytes| {
        for (out, s) in bytes.chunks_exact_mut(SAMPLE_BYTES).zip(samples) {
            out.copy_from_slice(&s.to_ne_bytes());
        }
        Ok(())
    })?;
    py.import("numpy")?
        .getattr("frombuffer")?
        .call1((buf, "float32"))
}
