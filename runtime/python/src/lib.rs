//! Python bindings of the Sotto engine (`import sotto`): a thin layer over the `sotto` crate's
//! engine API.
//!
//! Every call that synthesizes or loads runs with the GIL released; engine errors become the
//! exception of their kind ([`errors`]); samples come back as numpy `float32` arrays.

mod errors;
mod samples;
mod speak;
mod stream;
mod voice;

use pyo3::prelude::*;

/// The native module behind the `sotto` package.
#[pymodule]
fn _sotto(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<voice::PyVoice>()?;
    m.add_class::<stream::PyStream>()?;
    m.add_class::<stream::PyChunk>()?;
    m.add_class::<stream::PyMark>()?;
    m.add_class::<stream::PyDroppedSpan>()?;
    errors::register(m)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("MAX_TEXT_BYTES", sotto::MAX_TEXT_BYTES)?;
    Ok(())
}
