//! The Tuple Objects chapter: `PyTuple_*` (`PyTuple_Pack` is the C shim in
//! `variadic.c` over `_Ferrython_TuplePackArray`).
use crate::capi::boundary::{guard, guard_int, guard_obj};
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::structseq::{self, PyStructSequence_Desc};
use crate::object::tuple;
use crate::runtime::errors;
use libc::c_int;
use std::ptr::null_mut;

/// `PyTuple_New`.
#[no_mangle]
pub unsafe extern "C" fn PyTuple_New(size: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| tuple::new_uninit(size))
}

/// `PyTuple_Size`: `SystemError` for a non-tuple.
#[no_mangle]
pub unsafe extern "C" fn PyTuple_Size(p: *mut PyObject) -> Py_ssize_t {
    // SAFETY: p is checked before it is read; nothing here can panic.
    unsafe {
        if !p.is_null() && tuple::check(p) {
            return tuple::size(p);
        }
    }
    guard(|| {
        errors::bad_internal_call();
        -1
    })
}

/// `PyTuple_GetItem`: a borrowed reference. The hot path has no panic
/// point, so only the error path goes through the boundary guard.
#[no_mangle]
pub unsafe extern "C" fn PyTuple_GetItem(p: *mut PyObject, pos: Py_ssize_t) -> *mut PyObject {
    // SAFETY: p is checked to be a tuple and pos to be in range.
    unsafe {
        if !p.is_null() && tuple::check(p) && (pos as usize) < (tuple::size(p) as usize) {
            return *tuple::items_ptr(p).offset(pos);
        }
        getitem_error(p)
    }
}

#[cold]
#[inline(never)]
unsafe fn getitem_error(p: *mut PyObject) -> *mut PyObject {
    guard(|| {
        // SAFETY: p NULL or valid.
        if p.is_null() || unsafe { !tuple::check(p) } {
            errors::bad_internal_call();
        } else {
            errors::index_error("tuple index out of range");
        }
        null_mut()
    })
}

/// `PyTuple_GetSlice`.
#[no_mangle]
pub unsafe extern "C" fn PyTuple_GetSlice(
    p: *mut PyObject,
    low: Py_ssize_t,
    high: Py_ssize_t,
) -> *mut PyObject {
    crate::null_check!(p);
    guard_obj(|| {
        // SAFETY: p valid.
        unsafe {
            if !tuple::check(p) {
                return Err(errors::bad_internal_call());
            }
            tuple::get_slice(p, low, high)
        }
    })
}

/// `PyTuple_SetItem`: steals `o`; only for a tuple nobody else references
/// (`SystemError` otherwise, as CPython).
#[no_mangle]
pub unsafe extern "C" fn PyTuple_SetItem(
    p: *mut PyObject,
    pos: Py_ssize_t,
    o: *mut PyObject,
) -> c_int {
    // SAFETY: p NULL or valid; o a stolen reference or NULL.
    guard(|| unsafe {
        if p.is_null() || !tuple::check(p) || (*p).ob_refcnt != 1 {
            xdecref(o);
            errors::bad_internal_call();
            return -1;
        }
        if pos < 0 || pos >= tuple::size(p) {
            xdecref(o);
            errors::index_error("tuple assignment index out of range");
            return -1;
        }
        let slot = tuple::items_ptr(p).offset(pos);
        let old = std::mem::replace(&mut *slot, o);
        xdecref(old);
        0
    })
}

/// `_PyTuple_Resize`.
#[no_mangle]
pub unsafe extern "C" fn _PyTuple_Resize(p: *mut *mut PyObject, newsize: Py_ssize_t) -> c_int {
    crate::null_check!(p);
    // SAFETY: *p is a tuple owned by the caller.
    guard_int(|| unsafe { tuple::resize(p, newsize).map(|()| 0) })
}

/// The Rust half of `PyTuple_Pack`: a tuple of new references to `n`
/// objects collected by the C shim.
#[no_mangle]
pub unsafe extern "C" fn _Ferrython_TuplePackArray(
    n: Py_ssize_t,
    items: *const *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        if n < 0 {
            return Err(errors::bad_internal_call());
        }
        if n == 0 {
            return Ok(tuple::empty());
        }
        // SAFETY: the shim passes n valid objects.
        unsafe { tuple::pack(std::slice::from_raw_parts(items, n as usize)) }
    })
}

/// `PyTuple_FromArray` (3.14): a tuple of new references to `n` objects.
#[no_mangle]
pub unsafe extern "C" fn PyTuple_FromArray(
    items: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    // SAFETY: items holds n valid objects.
    unsafe { _Ferrython_TuplePackArray(n, items) }
}

/// `PyStructSequence_NewType`: a heap struct-sequence type.
#[no_mangle]
pub unsafe extern "C" fn PyStructSequence_NewType(
    desc: *mut PyStructSequence_Desc,
) -> *mut PyTypeObject {
    // SAFETY: desc is a valid description (checked for NULL inside).
    guard_obj(|| unsafe { structseq::new_type(desc) }).cast()
}

/// `PyStructSequence_InitType2`: fills and readies a static type; 0 or -1.
#[no_mangle]
pub unsafe extern "C" fn PyStructSequence_InitType2(
    tp: *mut PyTypeObject,
    desc: *mut PyStructSequence_Desc,
) -> c_int {
    crate::null_check!(tp);
    // SAFETY: tp is a zeroed type object the caller owns.
    guard_int(|| unsafe { structseq::init_type(tp, desc).map(|()| 0) })
}

/// `PyStructSequence_InitType`: `InitType2` that cannot report failure
/// (CPython aborts; here the error stays set).
#[no_mangle]
pub unsafe extern "C" fn PyStructSequence_InitType(
    tp: *mut PyTypeObject,
    desc: *mut PyStructSequence_Desc,
) {
    // SAFETY: forwarded.
    unsafe {
        PyStructSequence_InitType2(tp, desc);
    }
}

/// `PyStructSequence_New`: an instance of a struct-sequence type with every
/// item NULL, to be filled with `PyStructSequence_SetItem`.
#[no_mangle]
pub unsafe extern "C" fn PyStructSequence_New(tp: *mut PyTypeObject) -> *mut PyObject {
    crate::null_check!(tp);
    // SAFETY: tp is a struct-sequence type.
    guard_obj(|| unsafe { structseq::new(tp) })
}

/// `PyStructSequence_GetItem`: item `pos` (borrowed), hidden fields
/// included; no bounds check, as in CPython.
#[no_mangle]
pub unsafe extern "C" fn PyStructSequence_GetItem(
    p: *mut PyObject,
    pos: Py_ssize_t,
) -> *mut PyObject {
    // SAFETY: p is a struct sequence and pos < n_fields (caller contract).
    unsafe { structseq::get_item(p, pos) }
}

/// `PyStructSequence_SetItem`: stores (stealing) item `pos`.
#[no_mangle]
pub unsafe extern "C" fn PyStructSequence_SetItem(
    p: *mut PyObject,
    pos: Py_ssize_t,
    o: *mut PyObject,
) {
    // SAFETY: p is a struct sequence and pos < n_fields (caller contract).
    unsafe { structseq::set_item(p, pos, o) }
}
