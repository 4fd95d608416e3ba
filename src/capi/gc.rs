//! The Supporting Cyclic Garbage Collection chapter: allocation of
//! collected objects, tracking, and control of the collector (which lives
//! in `object::gc`).
use crate::ffi::*;
use crate::object::{alloc, gc};
use crate::runtime::errors;
use libc::{c_int, c_void};

/// `PyObject_GC_Track`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_GC_Track(op: *mut c_void) {
    if op.is_null() {
        return;
    }
    // SAFETY: op is a collected object.
    unsafe { gc::track(op.cast()) }
}

/// `PyObject_GC_UnTrack`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_GC_UnTrack(op: *mut c_void) {
    if op.is_null() {
        return;
    }
    // SAFETY: op is a collected object.
    unsafe { gc::untrack(op.cast()) }
}

/// `PyObject_GC_IsTracked`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_GC_IsTracked(op: *mut PyObject) -> c_int {
    if op.is_null() {
        return 0;
    }
    // SAFETY: op valid.
    unsafe { (gc::is_gc(op) && gc::is_tracked(op)) as c_int }
}

/// `PyObject_GC_IsFinalized`: whether the collector (or the deallocator)
/// already ran the object's `tp_finalize`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_GC_IsFinalized(op: *mut PyObject) -> c_int {
    if op.is_null() {
        return 0;
    }
    // SAFETY: op valid.
    unsafe { (gc::is_gc(op) && gc::is_finalized(op)) as c_int }
}

/// `PyObject_IS_GC`: whether `op` carries a GC header.
#[no_mangle]
pub unsafe extern "C" fn PyObject_IS_GC(op: *mut PyObject) -> c_int {
    if op.is_null() {
        return 0;
    }
    // SAFETY: op valid.
    unsafe { gc::is_gc(op) as c_int }
}

/// `PyGC_Collect`: a full collection; the number of unreachable objects
/// found (0 when a collection is already running or the collector is
/// disabled, as in CPython).
#[no_mangle]
pub extern "C" fn PyGC_Collect() -> Py_ssize_t {
    if !gc::state().enabled {
        return 0;
    }
    gc::collect(gc::NUM_GENERATIONS - 1)
        .map_or(0, |o| (o.collected + o.uncollectable) as Py_ssize_t)
}

/// `PyGC_Enable`: enables automatic collection; the previous state.
#[no_mangle]
pub extern "C" fn PyGC_Enable() -> c_int {
    std::mem::replace(&mut gc::state().enabled, true) as c_int
}

/// `PyGC_Disable`: disables automatic collection; the previous state.
#[no_mangle]
pub extern "C" fn PyGC_Disable() -> c_int {
    std::mem::replace(&mut gc::state().enabled, false) as c_int
}

/// `PyGC_IsEnabled`.
#[no_mangle]
pub extern "C" fn PyGC_IsEnabled() -> c_int {
    gc::state().enabled as c_int
}

/// `PyObject_GC_Del`: frees a collected object's memory.
#[no_mangle]
pub unsafe extern "C" fn PyObject_GC_Del(op: *mut c_void) {
    // SAFETY: op came from a GC allocation.
    unsafe { alloc::gc_free(op) }
}

/// `_PyObject_GC_New` (behind `PyObject_GC_New`).
#[no_mangle]
pub unsafe extern "C" fn _PyObject_GC_New(tp: *mut PyTypeObject) -> *mut PyObject {
    crate::null_check!(tp);
    // SAFETY: tp is a collected type.
    unsafe {
        let op = alloc::alloc_zeroed(tp, (*tp).tp_basicsize as usize);
        crate::capi::allocation::PyObject_Init(op, tp)
    }
}

/// `_PyObject_GC_NewVar` (behind `PyObject_GC_NewVar`).
#[no_mangle]
pub unsafe extern "C" fn _PyObject_GC_NewVar(
    tp: *mut PyTypeObject,
    n: Py_ssize_t,
) -> *mut PyVarObject {
    crate::null_check!(tp);
    // SAFETY: tp is a collected type.
    unsafe {
        let op = alloc::alloc_zeroed(tp, alloc::var_size(tp, n));
        crate::capi::allocation::PyObject_InitVar(op.cast(), tp, n)
    }
}

/// `_PyObject_GC_Resize` (behind `PyObject_GC_Resize`): reallocates the
/// variable-size object `op` for `nitems` items; the result may have moved.
/// `op` must not be tracked by the collector (CPython only asserts it;
/// here it is a `SystemError`, as is a negative `nitems`).
#[no_mangle]
pub unsafe extern "C" fn _PyObject_GC_Resize(
    op: *mut PyVarObject,
    nitems: Py_ssize_t,
) -> *mut PyVarObject {
    crate::null_check!(op);
    // SAFETY: op is a live variable-size object.
    unsafe {
        if nitems < 0 || gc::is_tracked(op.cast()) {
            errors::bad_internal_call();
            return std::ptr::null_mut();
        }
        let tp = (*op).ob_base.ob_type;
        let item = (*tp).tp_itemsize.max(1);
        if nitems > (Py_ssize_t::MAX - (*tp).tp_basicsize - 64) / item {
            errors::no_memory();
            return std::ptr::null_mut();
        }
        let r = alloc::resize_var(op, nitems);
        if r.is_null() {
            errors::no_memory();
        }
        r
    }
}
