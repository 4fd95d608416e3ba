//! The Byte Array Objects chapter: `PyByteArray_*` (the `AS_STRING` and
//! `GET_SIZE` macros are in Python.h).
use crate::capi::boundary::{guard, guard_int, guard_obj, guard_status};
use crate::ffi::*;
use crate::object::bytearray;
use crate::object::bytes_methods::bytes_like;
use crate::object::typeobj::type_name;
use crate::runtime::errors;
use libc::{c_char, c_int};
use std::ptr::null_mut;

/// `PyByteArray_FromStringAndSize`: `v` NULL gives `len` zero bytes... as
/// CPython, uninitialized (zeroed here).
#[no_mangle]
pub unsafe extern "C" fn PyByteArray_FromStringAndSize(
    v: *const c_char,
    len: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        if len < 0 {
            return Err(errors::system_error(
                "Negative size passed to PyByteArray_FromStringAndSize",
            ));
        }
        if v.is_null() {
            return bytearray::from_slice(&vec![0; len as usize]);
        }
        // SAFETY: v points at len bytes.
        bytearray::from_slice(unsafe { std::slice::from_raw_parts(v.cast(), len as usize) })
    })
}

/// `PyByteArray_FromObject`: `bytearray(o)`.
#[no_mangle]
pub unsafe extern "C" fn PyByteArray_FromObject(o: *mut PyObject) -> *mut PyObject {
    crate::null_check!(o);
    // SAFETY: o valid.
    guard_obj(|| unsafe {
        crate::object::protocol::call_args((&raw mut bytearray::PyByteArray_Type).cast(), &[o])
    })
}

/// `PyByteArray_Concat`: a new bytearray `a + b` of two bytes-like objects.
#[no_mangle]
pub unsafe extern "C" fn PyByteArray_Concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::null_check!(a, b);
    // SAFETY: both valid.
    guard_obj(|| unsafe {
        let (Some(x), Some(y)) = (bytes_like(a)?, bytes_like(b)?) else {
            let bad = if bytes_like(a)?.is_none() { a } else { b };
            return Err(errors::type_error(format!(
                "can't concat {} to {}",
                type_name(bad),
                type_name(a)
            )));
        };
        let mut v = x.into_owned();
        v.extend_from_slice(&y);
        bytearray::from_slice(&v)
    })
}

/// `PyByteArray_Size`.
#[no_mangle]
pub unsafe extern "C" fn PyByteArray_Size(o: *mut PyObject) -> Py_ssize_t {
    crate::null_check!(o);
    // SAFETY: o valid.
    guard_int(|| unsafe {
        if !bytearray::check(o) {
            return Err(errors::bad_internal_call());
        }
        Ok(bytearray::len(o))
    })
}

/// `PyByteArray_AsString`: the NUL-terminated buffer.
#[no_mangle]
pub unsafe extern "C" fn PyByteArray_AsString(o: *mut PyObject) -> *mut c_char {
    crate::null_check!(o);
    // SAFETY: o valid.
    guard(|| unsafe {
        if !bytearray::check(o) {
            errors::bad_internal_call();
            return null_mut();
        }
        let p = (*o.cast::<PyByteArrayObject>()).ob_start;
        if p.is_null() || bytearray::len(o) == 0 {
            return c"".as_ptr() as *mut c_char;
        }
        p
    })
}

/// `PyByteArray_Resize`.
#[no_mangle]
pub unsafe extern "C" fn PyByteArray_Resize(o: *mut PyObject, len: Py_ssize_t) -> c_int {
    crate::null_check!(o);
    // SAFETY: o valid.
    guard_status(|| unsafe {
        if !bytearray::check(o) {
            return Err(errors::bad_internal_call());
        }
        bytearray::resize(o, len)
    })
}
