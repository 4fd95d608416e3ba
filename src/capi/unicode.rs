//! The Unicode Objects chapter: `PyUnicode_*`.
use crate::capi::boundary::{guard, guard_obj};
use crate::ffi::*;
use crate::object::str as pystr;
use crate::runtime::errors;
use libc::c_char;
use std::ptr::null;

/// `PyUnicode_FromString`: decodes UTF-8.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromString(s: *const c_char) -> *mut PyObject {
    crate::null_check!(s);
    // SAFETY: s is a C string.
    guard_obj(|| unsafe { pystr::from_cstr(s) })
}

/// `PyUnicode_AsUTF8AndSize`: the cached UTF-8 form; `size` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsUTF8AndSize(
    op: *mut PyObject,
    size: *mut Py_ssize_t,
) -> *const c_char {
    crate::null_check!(op);
    guard(|| {
        // SAFETY: op non-NULL.
        unsafe {
            if !pystr::check(op) {
                errors::type_error("bad argument type for built-in operation");
                return null();
            }
            match pystr::as_str(op) {
                Ok(s) => {
                    if !size.is_null() {
                        *size = s.len() as Py_ssize_t;
                    }
                    s.as_ptr().cast()
                }
                Err(_) => null(),
            }
        }
    })
}

/// `PyUnicode_AsUTF8`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsUTF8(op: *mut PyObject) -> *const c_char {
    // SAFETY: forwarded.
    unsafe { PyUnicode_AsUTF8AndSize(op, std::ptr::null_mut()) }
}
