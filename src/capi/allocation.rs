//! The Allocating Objects chapter: `PyType_GenericAlloc`, `PyObject_New`,
//! `PyObject_Init` and friends.
use crate::capi::boundary::guard;
use crate::ffi::*;
use crate::object::alloc;
use crate::runtime::errors;

/// `PyType_GenericAlloc`: zeroed instance memory (with a GC header for
/// collected types), refcount 1; tracked by the collector when the type is
/// collected.
#[no_mangle]
pub unsafe extern "C" fn PyType_GenericAlloc(
    tp: *mut PyTypeObject,
    nitems: Py_ssize_t,
) -> *mut PyObject {
    crate::null_check!(tp);
    guard(|| {
        // SAFETY: tp is a type.
        unsafe {
            let op = alloc::generic_alloc(tp, nitems);
            if !op.is_null() && alloc::type_is_gc(tp) {
                crate::object::gc::track(op);
            }
            op
        }
    })
}

/// `PyType_GenericNew`: `tp_alloc(type, 0)`, ignoring the arguments.
#[no_mangle]
pub unsafe extern "C" fn PyType_GenericNew(
    tp: *mut PyTypeObject,
    _args: *mut PyObject,
    _kw: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(tp);
    // SAFETY: tp is a type.
    unsafe {
        let a = (*tp).tp_alloc.unwrap_or(PyType_GenericAlloc);
        a(tp, 0)
    }
}

/// `PyObject_Init`: sets the type and refcount of caller-allocated memory.
#[no_mangle]
pub unsafe extern "C" fn PyObject_Init(op: *mut PyObject, tp: *mut PyTypeObject) -> *mut PyObject {
    if op.is_null() {
        return errors::no_memory_null();
    }
    // SAFETY: op points at memory for an object of tp.
    unsafe { alloc::init_object(op, tp) };
    op
}

/// `PyObject_InitVar`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_InitVar(
    op: *mut PyVarObject,
    tp: *mut PyTypeObject,
    size: Py_ssize_t,
) -> *mut PyVarObject {
    if op.is_null() {
        return errors::no_memory_null().cast();
    }
    // SAFETY: op points at memory for a variable-size object of tp.
    unsafe {
        alloc::init_object(op.cast(), tp);
        (*op).ob_size = size;
    }
    op
}

/// `_PyObject_New` (behind the `PyObject_New` macro): uninitialized memory
/// of `tp_basicsize` bytes with the header set.
#[no_mangle]
pub unsafe extern "C" fn _PyObject_New(tp: *mut PyTypeObject) -> *mut PyObject {
    crate::null_check!(tp);
    // SAFETY: tp is a type.
    unsafe {
        let op = alloc::raw_malloc((*tp).tp_basicsize as usize) as *mut PyObject;
        PyObject_Init(op, tp)
    }
}

/// `_PyObject_NewVar` (behind `PyObject_NewVar`).
#[no_mangle]
pub unsafe extern "C" fn _PyObject_NewVar(
    tp: *mut PyTypeObject,
    n: Py_ssize_t,
) -> *mut PyVarObject {
    crate::null_check!(tp);
    // SAFETY: tp is a type.
    unsafe {
        let op = alloc::raw_malloc(alloc::var_size(tp, n)) as *mut PyVarObject;
        PyObject_InitVar(op, tp, n)
    }
}
