//! The Cell Objects chapter: `PyCell_New`, `PyCell_Get`, `PyCell_Set`.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::refcount::*;
use crate::runtime::errors;
use crate::vm::cell;
use libc::c_int;

unsafe fn is_cell(op: *mut PyObject) -> bool {
    // SAFETY: op is a valid object.
    unsafe { (*op).ob_type == &raw mut cell::PyCell_Type }
}

/// `PyCell_New`: a cell holding `v` (NULL for an empty cell).
#[no_mangle]
pub unsafe extern "C" fn PyCell_New(v: *mut PyObject) -> *mut PyObject {
    // SAFETY: the caller passes NULL or an object.
    guard_obj(|| unsafe { cell::new(v) })
}

/// `PyCell_Get`: a new reference to the content (NULL, no error, when
/// empty); `SystemError` for a non-cell.
#[no_mangle]
pub unsafe extern "C" fn PyCell_Get(op: *mut PyObject) -> *mut PyObject {
    crate::null_check!(op);
    // SAFETY: op non-NULL; checked to be a cell.
    unsafe {
        if !is_cell(op) {
            errors::bad_internal_call();
            return std::ptr::null_mut();
        }
        let v = cell::get(op);
        xincref(v);
        v
    }
}

/// `PyCell_Set`: replaces the content (NULL empties the cell).
#[no_mangle]
pub unsafe extern "C" fn PyCell_Set(op: *mut PyObject, v: *mut PyObject) -> c_int {
    crate::null_check!(op);
    // SAFETY: op non-NULL; checked to be a cell.
    unsafe {
        if !is_cell(op) {
            errors::bad_internal_call();
            return -1;
        }
        cell::set(op, v);
    }
    0
}
