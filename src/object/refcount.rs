//! Reference counting with CPython 3.14's immortality rule: an object whose
//! 32-bit count reads as negative when taken as `int32` is immortal and never
//! touched.
use crate::ffi::*;

/// Whether `op` is immortal (`_Py_IsImmortal`).
#[inline(always)]
pub unsafe fn is_immortal(op: *mut PyObject) -> bool {
    // SAFETY: the caller passes a valid object pointer.
    unsafe { ((*op).ob_refcnt as i32) < 0 }
}

/// `Py_INCREF`.
#[inline(always)]
pub unsafe fn incref(op: *mut PyObject) {
    // SAFETY: the caller passes a valid object pointer and holds the GIL.
    unsafe {
        let c = (*op).ob_refcnt;
        if (c as i32) >= 0 {
            (*op).ob_refcnt = c + 1;
        }
    }
}

/// `Py_XINCREF`.
#[inline(always)]
pub unsafe fn xincref(op: *mut PyObject) {
    if !op.is_null() {
        // SAFETY: non-null and valid by the caller's contract.
        unsafe { incref(op) }
    }
}

/// `Py_DECREF`: deallocates at zero.
#[inline(always)]
pub unsafe fn decref(op: *mut PyObject) {
    // SAFETY: the caller owns a reference to a valid object.
    unsafe {
        let c = (*op).ob_refcnt;
        if (c as i32) < 0 {
            return;
        }
        let c = c - 1;
        (*op).ob_refcnt = c;
        if c == 0 {
            dealloc(op);
        }
    }
}

/// `Py_XDECREF`.
#[inline(always)]
pub unsafe fn xdecref(op: *mut PyObject) {
    if !op.is_null() {
        // SAFETY: non-null and owned by the caller.
        unsafe { decref(op) }
    }
}

/// `Py_NewRef`.
#[inline(always)]
pub unsafe fn new_ref(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: valid object by the caller's contract.
    unsafe { incref(op) };
    op
}

/// `Py_XNewRef`: a new reference to `op`, or NULL for NULL.
#[inline(always)]
pub unsafe fn xnew_ref(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is NULL or valid by the caller's contract.
    unsafe { xincref(op) };
    op
}

/// `_Py_Dealloc`: runs the type's `tp_dealloc`.
#[inline(never)]
pub unsafe fn dealloc(op: *mut PyObject) {
    // SAFETY: the count reached zero; the type outlives its instances.
    unsafe {
        let tp = (*op).ob_type;
        if let Some(f) = (*tp).tp_dealloc {
            f(op)
        }
    }
}

/// Makes `op` immortal (`_Py_SetImmortal`).
#[inline]
pub unsafe fn make_immortal(op: *mut PyObject) {
    // SAFETY: valid object; immortal objects are never freed.
    unsafe {
        (*op).ob_refcnt = _Py_IMMORTAL_INITIAL_REFCNT;
        (*op).ob_flags |= _Py_IMMORTAL_FLAGS;
    }
}

/// The header of a statically allocated immortal object of type `tp`
/// (`PyObject_HEAD_INIT`).
pub const fn static_head(tp: *mut PyTypeObject) -> PyObject {
    PyObject {
        ob_refcnt: _Py_IMMORTAL_INITIAL_REFCNT,
        ob_overflow: 0,
        ob_flags: _Py_STATIC_FLAG_BITS,
        ob_type: tp,
    }
}

/// `PyVarObject_HEAD_INIT`.
pub const fn static_var_head(tp: *mut PyTypeObject, size: Py_ssize_t) -> PyVarObject {
    PyVarObject {
        ob_base: static_head(tp),
        ob_size: size,
    }
}

/// Empties a process-wide slot holding a strong reference (an object a
/// builtin module creates once, such as its exception class) and drops
/// that reference: finalization calls this so the next initialization
/// creates a fresh one.
pub fn release_static(slot: &std::sync::atomic::AtomicPtr<PyObject>) {
    let p = slot.swap(std::ptr::null_mut(), std::sync::atomic::Ordering::AcqRel);
    // SAFETY: the slot owned this reference (or is empty).
    unsafe { xdecref(p) };
}
