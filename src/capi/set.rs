//! The Set Objects chapter: `PySet_*` and `PyFrozenSet_New`
//! (`PySet_GET_SIZE` is a macro in Python.h reading `PySetObject.used`).
use crate::capi::boundary::{guard_int, guard_obj, guard_status};
use crate::ffi::*;
use crate::object::set;
use crate::runtime::errors;
use libc::c_int;

/// Fails with `PyErr_BadInternalCall` unless `cond` holds for a non-NULL `op`.
macro_rules! require {
    ($op:expr, $cond:expr) => {
        // SAFETY: checked non-NULL first.
        if $op.is_null() || !unsafe { $cond($op) } {
            errors::bad_internal_call();
            return <_ as crate::capi::boundary::FailureValue>::failure();
        }
    };
}

/// `PySet_New`: a new set of the items of `iterable` (empty for NULL).
#[no_mangle]
pub unsafe extern "C" fn PySet_New(iterable: *mut PyObject) -> *mut PyObject {
    // SAFETY: iterable is NULL or valid.
    guard_obj(|| unsafe { set::new_set(iterable) })
}

/// `PyFrozenSet_New`: a new frozenset of the items of `iterable`.
#[no_mangle]
pub unsafe extern "C" fn PyFrozenSet_New(iterable: *mut PyObject) -> *mut PyObject {
    // SAFETY: iterable is NULL or valid.
    guard_obj(|| unsafe { set::new_frozenset(iterable) })
}

/// `PySet_Size`: for a set or frozenset.
#[no_mangle]
pub unsafe extern "C" fn PySet_Size(anyset: *mut PyObject) -> Py_ssize_t {
    require!(anyset, set::check_any);
    // SAFETY: anyset is a set.
    unsafe { set::len(anyset) }
}

/// `PySet_Contains`: 1, 0, or -1 (an unhashable key raises `TypeError`).
#[no_mangle]
pub unsafe extern "C" fn PySet_Contains(anyset: *mut PyObject, key: *mut PyObject) -> c_int {
    require!(anyset, set::check_any);
    crate::null_check!(key);
    // SAFETY: anyset is a set.
    guard_int(|| unsafe { set::contains_key(anyset, key).map(c_int::from) })
}

/// `PySet_Discard`: 1 when found and removed, 0 when absent, -1 on error.
#[no_mangle]
pub unsafe extern "C" fn PySet_Discard(s: *mut PyObject, key: *mut PyObject) -> c_int {
    require!(s, set::check_set);
    crate::null_check!(key);
    // SAFETY: s is a set.
    guard_int(|| unsafe { set::discard_key(s, key).map(c_int::from) })
}

/// `PySet_Add`: sets, and frozensets nobody else holds yet (to fill them).
#[no_mangle]
pub unsafe extern "C" fn PySet_Add(anyset: *mut PyObject, key: *mut PyObject) -> c_int {
    // SAFETY: anyset checked non-NULL first.
    unsafe fn fillable(op: *mut PyObject) -> bool {
        // SAFETY: op valid.
        unsafe {
            set::check_set(op)
                || (crate::object::typeobj::is_subtype(
                    (*op).ob_type,
                    &raw mut set::PyFrozenSet_Type,
                ) && (*op).ob_refcnt == 1)
        }
    }
    require!(anyset, fillable);
    crate::null_check!(key);
    // SAFETY: anyset is a set.
    guard_status(|| unsafe { set::add(anyset, key) })
}

/// `PySet_Clear`.
#[no_mangle]
pub unsafe extern "C" fn PySet_Clear(s: *mut PyObject) -> c_int {
    require!(s, set::check_set);
    // SAFETY: s is a set.
    unsafe { set::clear(s) };
    0
}

/// `PySet_Pop`: an arbitrary element, removed; `KeyError` when empty.
#[no_mangle]
pub unsafe extern "C" fn PySet_Pop(s: *mut PyObject) -> *mut PyObject {
    require!(s, set::check_set);
    // SAFETY: s is a set.
    guard_obj(|| unsafe { set::pop(s) })
}
