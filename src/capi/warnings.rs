//! The warning functions of the Exception Handling chapter
//! (`PyErr_WarnEx`, `PyErr_WarnExplicit*`, `PyErr_WarnFormat`,
//! `PyErr_ResourceWarning`): thin wrappers over the `_warnings` core
//! (src/modules/_warnings.rs), so C warnings go through `warnings.filters`
//! (an "error" filter turns them into exceptions) and the registries, as
//! in CPython. A category of NULL means `RuntimeWarning`.
use crate::capi::boundary::guard_status;
use crate::ffi::*;
use crate::modules::_warnings as core;
use crate::object::exceptions as exc;
use crate::object::{none, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_char;

/// The category to use: NULL means `RuntimeWarning`.
fn category_of(category: *mut PyObject) -> *mut PyObject {
    if category.is_null() {
        // SAFETY: the PyExc_* pointers are set at load time.
        return unsafe { exc::PyExc_RuntimeWarning };
    }
    category
}

/// A C string argument as a str.
unsafe fn text_arg(p: *const c_char) -> PyResult<Owned> {
    if p.is_null() {
        return Err(errors::bad_internal_call());
    }
    // SAFETY: p is a C string.
    let s = unsafe { std::ffi::CStr::from_ptr(p) }
        .to_str()
        .map_err(|_| errors::unicode_error("warning text is not valid UTF-8"))?;
    pystr::from_str(s)
}

/// `PyErr_WarnEx`: warns at the Python code `stack_level` frames up
/// (`<sys>:0` when C runs without a Python caller). Returns 0, or -1 with
/// an exception set.
#[no_mangle]
pub unsafe extern "C" fn PyErr_WarnEx(
    category: *mut PyObject,
    message: *const c_char,
    stack_level: Py_ssize_t,
) -> libc::c_int {
    guard_status(|| {
        // SAFETY: message a C string; category NULL or valid.
        unsafe {
            let m = text_arg(message)?;
            core::warn(
                category_of(category),
                m.as_ptr(),
                stack_level,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            )
        }
    })
}

/// `PyErr_WarnExplicitObject`: a warning at an explicit location.
#[no_mangle]
pub unsafe extern "C" fn PyErr_WarnExplicitObject(
    category: *mut PyObject,
    message: *mut PyObject,
    filename: *mut PyObject,
    lineno: libc::c_int,
    module: *mut PyObject,
    registry: *mut PyObject,
) -> libc::c_int {
    crate::null_check!(message, filename);
    guard_status(|| {
        // SAFETY: message/filename valid; module/registry NULL or valid.
        unsafe {
            let module = if module == none::none() {
                std::ptr::null_mut()
            } else {
                module
            };
            core::warn_explicit(
                category_of(category),
                message,
                filename,
                lineno as i64,
                module,
                registry,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            )
        }
    })
}

/// `PyErr_WarnExplicit`.
#[no_mangle]
pub unsafe extern "C" fn PyErr_WarnExplicit(
    category: *mut PyObject,
    text: *const c_char,
    filename: *const c_char,
    lineno: libc::c_int,
    module: *const c_char,
    registry: *mut PyObject,
) -> libc::c_int {
    guard_status(|| {
        // SAFETY: C strings (module may be NULL); registry NULL or valid.
        unsafe {
            let msg = text_arg(text)?;
            let file = text_arg(filename)?;
            let module = if module.is_null() {
                None
            } else {
                Some(text_arg(module)?)
            };
            let m = module.as_ref().map_or(std::ptr::null_mut(), |m| m.as_ptr());
            core::warn_explicit(
                category_of(category),
                msg.as_ptr(),
                file.as_ptr(),
                lineno as i64,
                m,
                registry,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            )
        }
    })
}

/// The Rust half of `PyErr_WarnFormat` and `PyErr_ResourceWarning`
/// (src/capi/variadic.c): `message` is the formatted str (stolen; NULL
/// when formatting failed, with the exception set); `source` is the
/// object a `ResourceWarning` is about (NULL otherwise).
#[no_mangle]
pub unsafe extern "C" fn _Ferrython_WarnFormatted(
    category: *mut PyObject,
    stack_level: Py_ssize_t,
    message: *mut PyObject,
    source: *mut PyObject,
) -> libc::c_int {
    guard_status(|| {
        // SAFETY: message NULL (error set) or an owned str.
        unsafe {
            let Some(m) = Owned::from_raw(message) else {
                return Err(errors::Raised::assume());
            };
            core::warn(
                category_of(category),
                m.as_ptr(),
                stack_level,
                source,
                std::ptr::null_mut(),
            )
        }
    })
}
