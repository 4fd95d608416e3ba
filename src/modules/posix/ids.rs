//! User and group ids across the Python boundary (CPython's
//! `_Py_Uid_Converter`, `_Py_Gid_Converter`, `_PyLong_FromUid`,
//! `_PyLong_FromGid`): -1 stands for `(uid_t)-1`, the "no change" id.
use crate::ffi::*;
use crate::object::exceptions as exc;
use crate::object::{float, int, number, typeobj};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;

/// Converts `o` to an id of a 32-bit id type; `what` is "uid" or "gid".
unsafe fn id_arg(o: *mut PyObject, what: &str) -> PyResult<u32> {
    // SAFETY: o valid.
    unsafe {
        if float::check(o) {
            return Err(errors::type_error(format!(
                "{what} should be integer, not float"
            )));
        }
        let i = match number::index(o) {
            Ok(i) => i,
            Err(r) => {
                if errors::matches(exc::PyExc_TypeError) {
                    errors::clear();
                    return Err(errors::type_error(format!(
                        "{what} should be integer, not {}",
                        typeobj::type_name(o)
                    )));
                }
                return Err(r);
            }
        };
        // As CPython's converter: a value that fits a C long but not the id
        // type is "less than minimum", even a large positive one.
        let less = || errors::overflow_error(format!("{what} is less than minimum"));
        match int::as_i128(i.as_ptr()) {
            Some(-1) => Ok(u32::MAX),
            Some(v) if (0..=u32::MAX as i128).contains(&v) => Ok(v as u32),
            Some(v) if i64::try_from(v).is_ok() => Err(less()),
            _ if int::sign(i.as_ptr()) < 0 => Err(less()),
            _ => Err(errors::overflow_error(format!(
                "{what} is greater than maximum"
            ))),
        }
    }
}

/// A `uid_t` argument.
pub(crate) unsafe fn uid_arg(o: *mut PyObject) -> PyResult<libc::uid_t> {
    // SAFETY: o valid (caller contract).
    unsafe { id_arg(o, "uid") }
}

/// A `gid_t` argument.
pub(crate) unsafe fn gid_arg(o: *mut PyObject) -> PyResult<libc::gid_t> {
    // SAFETY: o valid (caller contract).
    unsafe { id_arg(o, "gid") }
}

/// An id as a Python int: `(id_t)-1` is -1.
pub(crate) fn from_id(id: u32) -> PyResult<Owned> {
    int::from_i64(shown(id))
}

/// An id as messages show it: `(id_t)-1` is -1.
pub(crate) fn shown(id: u32) -> i64 {
    if id == u32::MAX {
        -1
    } else {
        id as i64
    }
}
