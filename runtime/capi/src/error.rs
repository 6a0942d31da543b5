//! Status codes, the thread-local last error, and the guard every entry point runs under.

use std::cell::RefCell;
use std::ffi::{c_char, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

use engine::ErrorKind;

/// Success.
pub const SOTTO_OK: i32 = 0;
/// `sotto_stream_next`: the stream has no more chunks (nothing started, or the last chunk
/// was already returned).
pub const SOTTO_DONE: i32 = 1;
/// The caller's input (text, options, pointer) is unusable.
pub const SOTTO_ERR_BAD_INPUT: i32 = -1;
/// The voice pack is missing, incomplete, corrupt or out of bounds.
pub const SOTTO_ERR_BAD_PACK: i32 = -2;
/// A network failed to load or run.
pub const SOTTO_ERR_MODEL: i32 = -3;
/// The compute device asked for cannot be used.
pub const SOTTO_ERR_DEVICE: i32 = -4;
/// The stream was cancelled (`sotto_stream_cancel`); it is ready for `sotto_stream_start`.
pub const SOTTO_ERR_CANCELLED: i32 = -5;
/// Reading or writing a file failed.
pub const SOTTO_ERR_IO: i32 = -6;
/// A bug inside the library (a caught panic); the handle involved should be freed.
pub const SOTTO_ERR_INTERNAL: i32 = -7;

/// The version of the C ABI this header describes: raised when a call, type or constant
/// changes incompatibly; compare with `sotto_abi_version()` of the library loaded.
pub const SOTTO_ABI_VERSION: u32 = 1;

/// The ABI version of the library loaded (`SOTTO_ABI_VERSION` of the header it was built
/// with).
#[no_mangle]
pub extern "C" fn sotto_abi_version() -> u32 {
    SOTTO_ABI_VERSION
}

/// The library's version, e.g. `"0.1.0"` (static, never NULL).
#[no_mangle]
pub extern "C" fn sotto_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

thread_local! {
    static LAST_ERROR: RefCell<CString> = RefCell::new(CString::default());
}

pub(crate) fn code(kind: ErrorKind) -> i32 {
    match kind {
        ErrorKind::BadInput => SOTTO_ERR_BAD_INPUT,
        ErrorKind::BadPack => SOTTO_ERR_BAD_PACK,
        ErrorKind::Model => SOTTO_ERR_MODEL,
        ErrorKind::Device => SOTTO_ERR_DEVICE,
        ErrorKind::Cancelled => SOTTO_ERR_CANCELLED,
        ErrorKind::Io => SOTTO_ERR_IO,
    }
}

/// An error on its way to the caller: a code and a message for `sotto_last_error`.
pub(crate) struct Failure(pub i32, pub String);

impl From<engine::Error> for Failure {
    fn from(e: engine::Error) -> Self {
        let mut msg = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            msg.push_str(": ");
            msg.push_str(&s.to_string());
            source = s.source();
        }
        Failure(code(e.kind()), msg)
    }
}

pub(crate) fn bad_input(msg: impl Into<String>) -> Failure {
    Failure(SOTTO_ERR_BAD_INPUT, msg.into())
}

fn set_last_error(msg: String) {
    let c = CString::new(msg.replace('\0', " ")).unwrap_or_default();
    LAST_ERROR.with(|e| *e.borrow_mut() = c);
}

/// Runs an entry point's body: clears the last error, catches any panic, and turns a
/// failure into its code with the message kept for `sotto_last_error`.
pub(crate) fn guard(body: impl FnOnce() -> Result<i32, Failure>) -> i32 {
    set_last_error(String::new());
    quiet(body)
}

/// [`guard`] for the calls that cannot fail (the free functions, queries): the last error is
/// left as it was unless the body panics, so a caller may free its handles before printing
/// the message of the call that failed.
pub(crate) fn quiet(body: impl FnOnce() -> Result<i32, Failure>) -> i32 {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(code)) => code,
        Ok(Err(Failure(code, msg))) => {
            set_last_error(msg);
            code
        }
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            set_last_error(format!("internal error (please report): {what}"));
            SOTTO_ERR_INTERNAL
        }
    }
}

/// The message of the last failed call on this thread (empty after a successful one; the
/// free functions and `sotto_voice_sample_rate` leave it as it was). The string stays valid
/// until the next call on this thread other than those; never NULL.
#[no_mangle]
pub extern "C" fn sotto_last_error() -> *const c_char {
    LAST_ERROR.with(|e| e.borrow().as_ptr())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_an_entry_point_becomes_an_internal_error_code() {
        let code = guard(|| panic!("boom"));
        assert_eq!(code, SOTTO_ERR_INTERNAL);
        let msg = unsafe { std::ffi::CStr::from_ptr(sotto_last_error()) };
        assert!(msg.to_str().unwrap().contains("boom"), "{msg:?}");
        assert_eq!(guard(|| Ok(SOTTO_OK)), SOTTO_OK);
        let msg = unsafe { std::ffi::CStr::from_ptr(sotto_last_error()) };
        assert!(msg.to_bytes().is_empty());
    }

    #[test]
    fn the_free_functions_keep_the_last_error() {
        assert_eq!(
            guard(|| Err(bad_input("text is NULL"))),
            SOTTO_ERR_BAD_INPUT
        );
        unsafe {
            crate::sotto_stream_free(std::ptr::null_mut());
            crate::sotto_voice_free(std::ptr::null_mut());
            assert_eq!(crate::sotto_voice_sample_rate(std::ptr::null()), 0);
        }
        let msg = unsafe { std::ffi::CStr::from_ptr(sotto_last_error()) };
        assert_eq!(msg.to_str().unwrap(), "text is NULL");
    }
}
