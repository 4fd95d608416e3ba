//! The Data marshalling support chapter (`Doc/c-api/marshal.rst`): the
//! stable-ABI functions over byte strings in memory. Both allow code
//! objects, as CPython's do.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::modules::marshal;
use libc::{c_char, c_int};

/// `PyMarshal_ReadObjectFromString`: the value marshalled in the first
/// `len` bytes at `data` (bytes after it are ignored).
#[no_mangle]
pub unsafe extern "C" fn PyMarshal_ReadObjectFromString(
    data: *const c_char,
    len: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        let bytes = if data.is_null() || len <= 0 {
            &[][..]
        } else {
            // SAFETY: the caller passes len readable bytes.
            unsafe { std::slice::from_raw_parts(data.cast::<u8>(), len as usize) }
        };
        marshal::loads(bytes)
    })
}

/// `PyMarshal_WriteObjectToString`: `marshal.dumps(value, version)`.
#[no_mangle]
pub unsafe extern "C" fn PyMarshal_WriteObjectToString(
    value: *mut PyObject,
    version: c_int,
) -> *mut PyObject {
    crate::null_check!(value);
    // SAFETY: value valid.
    guard_obj(|| unsafe { marshal::dumps_value(value, i64::from(version), true) })
}
