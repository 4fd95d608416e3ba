//! The one boundary every `extern "C"` export goes through: a Rust panic is
//! caught and becomes `SystemError` plus the function's C failure value, and
//! `Result<T, Raised>` becomes that failure value with the indicator set.
use crate::ffi::PyObject;
use crate::runtime::errors::{self, PyResult};
use libc::c_int;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The value a C-API function returns on failure.
pub trait FailureValue {
    /// NULL, -1, or the type's documented error value.
    fn failure() -> Self;
}

impl<T> FailureValue for *mut T {
    fn failure() -> Self {
        std::ptr::null_mut()
    }
}
impl<T> FailureValue for *const T {
    fn failure() -> Self {
        std::ptr::null()
    }
}
macro_rules! minus_one {
    ($($t:ty),*) => {$(impl FailureValue for $t { fn failure() -> Self { -1 as _ } })*};
}
minus_one!(i8, i16, c_int, i64, isize, u8, u16, u32, u64, usize);
impl FailureValue for f64 {
    fn failure() -> Self {
        -1.0
    }
}
impl<T> FailureValue for Option<T> {
    fn failure() -> Self {
        None
    }
}
impl FailureValue for () {
    fn failure() {}
}
impl FailureValue for crate::ffi::PySendResult {
    fn failure() -> Self {
        crate::ffi::PySendResult::PYGEN_ERROR
    }
}

/// Runs an export's body; a panic becomes `SystemError` and the failure value.
#[inline(always)]
pub fn guard<R: FailureValue>(f: impl FnOnce() -> R) -> R {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            errors::system_error(format!("internal error in ferrython: {msg}"));
            R::failure()
        }
    }
}

/// Runs a body returning a new reference; `Err` becomes NULL.
#[inline(always)]
pub fn guard_obj(f: impl FnOnce() -> PyResult<crate::Owned>) -> *mut PyObject {
    guard(|| match f() {
        Ok(o) => o.into_raw(),
        Err(_) => std::ptr::null_mut(),
    })
}

/// Runs the body of a `tp_iternext`: `Ok(None)` is exhaustion (NULL with
/// no error set), `Err` NULL with the error set.
#[inline(always)]
pub fn guard_iter(f: impl FnOnce() -> PyResult<Option<crate::Owned>>) -> *mut PyObject {
    guard(|| match f() {
        Ok(Some(o)) => o.into_raw(),
        _ => std::ptr::null_mut(),
    })
}

/// Runs a body returning status; `Err` becomes -1, `Ok` 0.
#[inline(always)]
pub fn guard_status(f: impl FnOnce() -> PyResult<()>) -> c_int {
    guard(|| match f() {
        Ok(()) => 0,
        Err(_) => -1,
    })
}

/// Runs a body returning an integer result; `Err` becomes -1.
#[inline(always)]
pub fn guard_int<T: FailureValue>(f: impl FnOnce() -> PyResult<T>) -> T {
    guard(|| f().unwrap_or_else(|_| T::failure()))
}

/// Returns the failure value with `SystemError("bad argument to internal
/// function")` set when a required pointer is NULL (`PyErr_BadInternalCall`).
#[macro_export]
macro_rules! null_check {
    ($($p:expr),+) => {
        $(if $p.is_null() {
            $crate::runtime::errors::bad_internal_call();
            return <_ as $crate::capi::boundary::FailureValue>::failure();
        })+
    };
}
