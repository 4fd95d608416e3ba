//! Reference counting exports (`Include/refcount.h`, `object.h`).
use crate::ffi::*;
use crate::object::refcount::*;

/// `Py_IncRef`: `Py_XINCREF` as a function.
#[no_mangle]
pub unsafe extern "C" fn Py_IncRef(op: *mut PyObject) {
    // SAFETY: NULL or a valid object.
    unsafe { xincref(op) }
}

/// `Py_DecRef`: `Py_XDECREF` as a function.
#[no_mangle]
pub unsafe extern "C" fn Py_DecRef(op: *mut PyObject) {
    // SAFETY: NULL or an owned reference.
    unsafe { xdecref(op) }
}

/// `_Py_IncRef` (called by abi3 code built with limited API >= 3.12).
#[no_mangle]
pub unsafe extern "C" fn _Py_IncRef(op: *mut PyObject) {
    // SAFETY: a valid object.
    unsafe { incref(op) }
}

/// `_Py_DecRef`.
#[no_mangle]
pub unsafe extern "C" fn _Py_DecRef(op: *mut PyObject) {
    // SAFETY: an owned reference.
    unsafe { decref(op) }
}

/// `_Py_Dealloc`: runs `tp_dealloc`.
#[no_mangle]
pub unsafe extern "C" fn _Py_Dealloc(op: *mut PyObject) {
    // SAFETY: the count reached zero.
    unsafe { dealloc(op) }
}

/// `Py_NewRef`.
#[no_mangle]
pub unsafe extern "C" fn Py_NewRef(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: a valid object.
    unsafe { new_ref(op) }
}

/// `Py_XNewRef`.
#[no_mangle]
pub unsafe extern "C" fn Py_XNewRef(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: NULL or a valid object.
    unsafe { xincref(op) };
    op
}

/// `Py_REFCNT` as a function (limited API 3.14).
#[no_mangle]
pub unsafe extern "C" fn Py_REFCNT(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: a valid object.
    unsafe { (*op).ob_refcnt as Py_ssize_t }
}

/// `_Py_SetRefcnt` (limited API 3.13): no effect on immortal objects.
#[no_mangle]
pub unsafe extern "C" fn _Py_SetRefcnt(op: *mut PyObject, n: Py_ssize_t) {
    // SAFETY: a valid object.
    unsafe {
        if !is_immortal(op) {
            (*op).ob_refcnt = n as u32;
        }
    }
}

/// `Py_TYPE` as a function (limited API 3.14).
#[no_mangle]
pub unsafe extern "C" fn Py_TYPE(op: *mut PyObject) -> *mut PyTypeObject {
    // SAFETY: a valid object.
    unsafe { (*op).ob_type }
}

/// `Py_Is`.
#[no_mangle]
pub extern "C" fn Py_Is(a: *mut PyObject, b: *mut PyObject) -> libc::c_int {
    (a == b) as libc::c_int
}

/// `Py_IsNone`.
#[no_mangle]
pub extern "C" fn Py_IsNone(a: *mut PyObject) -> libc::c_int {
    (a == crate::object::none::none()) as libc::c_int
}

/// `Py_IsTrue`.
#[no_mangle]
pub extern "C" fn Py_IsTrue(a: *mut PyObject) -> libc::c_int {
    (a == crate::object::bool::py_true()) as libc::c_int
}

/// `Py_IsFalse`.
#[no_mangle]
pub extern "C" fn Py_IsFalse(a: *mut PyObject) -> libc::c_int {
    (a == crate::object::bool::py_false()) as libc::c_int
}
