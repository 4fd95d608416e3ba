//! The Profiling and Tracing section of the C API (`Include/cpython/
//! pystate.h`, `Python/ceval.c`): `PyEval_SetTrace`, `PyEval_SetProfile`
//! and their `AllThreads` forms, with the `PyTrace_*` event numbers. The
//! functions are kept and called by `vm::tracing`.
use crate::ffi::PyObject;
use crate::runtime::tstate;
use crate::vm::tracing::{self, Hook, Py_tracefunc};
use libc::c_int;

/// The event numbers a `Py_tracefunc` receives.
pub const PyTrace_CALL: c_int = 0;
pub const PyTrace_EXCEPTION: c_int = 1;
pub const PyTrace_LINE: c_int = 2;
pub const PyTrace_RETURN: c_int = 3;
pub const PyTrace_C_CALL: c_int = 4;
pub const PyTrace_C_EXCEPTION: c_int = 5;
pub const PyTrace_C_RETURN: c_int = 6;
pub const PyTrace_OPCODE: c_int = 7;

/// Sets the function on the current thread, or on every thread of its
/// interpreter; a failure (an audit hook refusing) is reported as
/// unraisable, since these functions cannot fail.
unsafe fn set(hook: Hook, func: Py_tracefunc, obj: *mut PyObject, all: bool, what: &str) {
    let ts = tstate::current();
    if ts.is_null() {
        return;
    }
    // SAFETY: the caller holds the GIL (the documented contract), so the
    // interpreter's thread states are live; obj is NULL or valid.
    unsafe {
        let threads = if all {
            (*(*ts).interp).thread_states()
        } else {
            vec![ts]
        };
        for t in threads {
            if tracing::set_hook(t, hook, func, obj).is_err() {
                crate::capi::exceptions::write_unraisable(
                    Some(&format!("Exception ignored in {what}")),
                    std::ptr::null_mut(),
                );
            }
        }
    }
}

/// `PyEval_SetTrace`: makes `func` (NULL: none) the current thread's trace
/// function, called with `obj` for every event but the `c_*` ones.
#[no_mangle]
pub unsafe extern "C" fn PyEval_SetTrace(func: Py_tracefunc, obj: *mut PyObject) {
    // SAFETY: forwarded contract.
    unsafe { set(Hook::Trace, func, obj, false, "PyEval_SetTrace") }
}

/// `PyEval_SetTraceAllThreads`: `PyEval_SetTrace` for every thread of the
/// current interpreter.
#[no_mangle]
pub unsafe extern "C" fn PyEval_SetTraceAllThreads(func: Py_tracefunc, obj: *mut PyObject) {
    // SAFETY: forwarded contract.
    unsafe { set(Hook::Trace, func, obj, true, "PyEval_SetTraceAllThreads") }
}

/// `PyEval_SetProfile`: makes `func` (NULL: none) the current thread's
/// profile function, called with `obj` for every event but `line`,
/// `exception` and `opcode`.
#[no_mangle]
pub unsafe extern "C" fn PyEval_SetProfile(func: Py_tracefunc, obj: *mut PyObject) {
    // SAFETY: forwarded contract.
    unsafe { set(Hook::Profile, func, obj, false, "PyEval_SetProfile") }
}

/// `PyEval_SetProfileAllThreads`: `PyEval_SetProfile` for every thread of
/// the current interpreter.
#[no_mangle]
pub unsafe extern "C" fn PyEval_SetProfileAllThreads(func: Py_tracefunc, obj: *mut PyObject) {
    // SAFETY: forwarded contract.
    unsafe {
        set(
            Hook::Profile,
            func,
            obj,
            true,
            "PyEval_SetProfileAllThreads",
        )
    }
}
