//! The engine's error kinds as Python exceptions, all under `sotto.SottoError`.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use sotto::ErrorKind;

create_exception!(
    sotto,
    SottoError,
    PyException,
    "Base class of every error the Sotto engine raises."
);
create_exception!(
    sotto,
    BadInput,
    SottoError,
    "The caller's input (text, SSML, settings, option value) is unusable."
);
create_exception!(
    sotto,
    BadPack,
    SottoError,
    "The voice pack is missing, incomplete, corrupt or out of bounds."
);
create_exception!(
    sotto,
    ModelError,
    SottoError,
    "A network failed to load or run, or returned something unexpected."
);
create_exception!(
    sotto,
    DeviceError,
    SottoError,
    "The compute device asked for cannot be used."
);
create_exception!(
    sotto,
    Cancelled,
    SottoError,
    "The stream was cancelled (Stream.cancel); the voice stays usable."
);
create_exception!(
    sotto,
    IoError,
    SottoError,
    "Reading or writing a file failed."
);

/// Adds the exception classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("SottoError", py.get_type::<SottoError>())?;
    m.add("BadInput", py.get_type::<BadInput>())?;
    m.add("BadPack", py.get_type::<BadPack>())?;
    m.add("ModelError", py.get_type::<ModelError>())?;
    m.add("DeviceError", py.get_type::<DeviceError>())?;
    m.add("Cancelled", py.get_type::<Cancelled>())?;
    m.add("IoError", py.get_type::<IoError>())?;
    Ok(())
}

/// The exception of `e`'s kind, its message the error and each of its causes.
pub(crate) fn to_py(e: sotto::Error) -> PyErr {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    match e.kind() {
        ErrorKind::BadInput => BadInput::new_err(msg),
        ErrorKind::BadPack => BadPack::new_err(msg),
        ErrorKind::Model => ModelError::new_err(msg),
        ErrorKind::Device => DeviceError::new_err(msg),
        ErrorKind::Cancelled => Cancelled::new_err(msg),
        ErrorKind::Io => IoError::new_err(msg),
    }
}

/// A `BadInput` for an argument the bindings check themselves.
pub(crate) fn bad_input(msg: impl Into<String>) -> PyErr {
    BadInput::new_err(msg.into())
}
