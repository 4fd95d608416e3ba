//! Boolean objects (`PyBool_*`).
use crate::ffi::PyObject;
use crate::object::bool::from_bool;
use crate::Owned;
use libc::c_long;

/// `PyBool_FromLong`: `Py_True` for nonzero, else `Py_False`.
#[no_mangle]
pub extern "C" fn PyBool_FromLong(v: c_long) -> *mut PyObject {
    Owned::from_borrowed_static(from_bool(v != 0)).into_raw()
}
