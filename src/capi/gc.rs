//! The GC support chapter: allocation of collected objects and tracking.
//! Tracked objects carry a `PyGC_Head` in front; the cycle collector that
//! walks the tracked set is not written yet, so tracking only records the
//! state that `PyObject_GC_IsTracked` reports.
use crate::ffi::*;
use crate::object::alloc::{self, GcHead, GC_HEAD_SIZE};
use libc::{c_int, c_void};

#[inline(always)]
unsafe fn head(op: *mut PyObject) -> *mut GcHead {
    // SAFETY: collected objects have a GC header right before them.
    unsafe { op.cast::<u8>().sub(GC_HEAD_SIZE).cast() }
}

/// Marks a collected object as tracked.
#[inline]
pub unsafe fn track(op: *mut PyObject) {
    // SAFETY: op belongs to a collected type.
    unsafe { (*head(op)).next = 1 }
}

/// Marks a collected object as untracked.
#[inline]
pub unsafe fn untrack(op: *mut PyObject) {
    // SAFETY: op belongs to a collected type.
    unsafe { (*head(op)).next = 0 }
}

/// `PyObject_GC_Track`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_GC_Track(op: *mut c_void) {
    // SAFETY: op is a collected object.
    unsafe { track(op.cast()) }
}

/// `PyObject_GC_UnTrack`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_GC_UnTrack(op: *mut c_void) {
    // SAFETY: op is a collected object.
    unsafe { untrack(op.cast()) }
}

/// `PyObject_GC_IsTracked`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_GC_IsTracked(op: *mut PyObject) -> c_int {
    // SAFETY: op valid.
    unsafe { (alloc::type_is_gc((*op).ob_type) && (*head(op)).next != 0) as c_int }
}

/// `PyObject_GC_IsFinalized`: no collector has finalized anything yet.
#[no_mangle]
pub unsafe extern "C" fn PyObject_GC_IsFinalized(_op: *mut PyObject) -> c_int {
    0
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
