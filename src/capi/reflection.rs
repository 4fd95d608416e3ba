//! The Reflection chapter: `PyEval_GetBuiltins`, `PyEval_GetGlobals`,
//! `PyEval_GetFrame` and the strong-reference `PyEval_GetFrame*` forms.
use crate::ffi::*;
use crate::object::refcount::xincref;
use crate::vm::frame::PyFrameObject;
use std::ptr::null_mut;

/// The running Python frame (borrowed), NULL outside Python code.
fn current_frame() -> *mut PyObject {
    let ts = crate::runtime::tstate::current();
    if ts.is_null() {
        return null_mut();
    }
    // SAFETY: a current thread state is live.
    unsafe { (*ts).frame }
}

/// `PyEval_GetBuiltins`: the running frame's builtins dict, or the
/// interpreter's when no Python code runs (borrowed).
#[no_mangle]
pub extern "C" fn PyEval_GetBuiltins() -> *mut PyObject {
    let f = current_frame();
    if !f.is_null() {
        // SAFETY: f is a live frame.
        return unsafe { (*f.cast::<PyFrameObject>()).builtins };
    }
    let b = crate::modules::builtins::module();
    if b.is_null() {
        return null_mut();
    }
    // SAFETY: b is the builtins module.
    unsafe { crate::object::module::dict_of(b) }
}

/// `_PyEval_GetBuiltin`: the builtin called `name` (a new reference),
/// `AttributeError` when the builtins lack it.
pub fn builtin(name: &str) -> crate::runtime::errors::PyResult<crate::Owned> {
    let d = PyEval_GetBuiltins();
    // SAFETY: d is NULL or a dict.
    let v = if d.is_null() {
        null_mut()
    } else {
        unsafe { crate::object::dict::get_str(d, name) }
    };
    if v.is_null() {
        return Err(crate::runtime::errors::attribute_error(name));
    }
    // SAFETY: v is a live value of the builtins dict.
    Ok(unsafe { crate::Owned::from_borrowed(v) })
}

/// `PyEval_GetGlobals`: the running frame's globals (borrowed), NULL
/// outside Python code.
#[no_mangle]
pub extern "C" fn PyEval_GetGlobals() -> *mut PyObject {
    let f = current_frame();
    if f.is_null() {
        return null_mut();
    }
    // SAFETY: f is a live frame.
    unsafe { (*f.cast::<PyFrameObject>()).globals }
}

/// `PyEval_GetFrame`: the running frame (borrowed), NULL outside Python
/// code.
#[no_mangle]
pub extern "C" fn PyEval_GetFrame() -> *mut PyFrameObject {
    current_frame().cast()
}

/// `PyEval_GetFrameBuiltins`: `PyEval_GetBuiltins` as a new reference.
#[no_mangle]
pub extern "C" fn PyEval_GetFrameBuiltins() -> *mut PyObject {
    let b = PyEval_GetBuiltins();
    // SAFETY: b is NULL or a live dict.
    unsafe { xincref(b) };
    b
}

/// `PyEval_GetFrameGlobals`: `PyEval_GetGlobals` as a new reference.
#[no_mangle]
pub extern "C" fn PyEval_GetFrameGlobals() -> *mut PyObject {
    let g = PyEval_GetGlobals();
    // SAFETY: g is NULL or a live dict.
    unsafe { xincref(g) };
    g
}

/// `PyEval_GetFrameLocals`: `locals()` of the running frame as a new
/// reference (a snapshot dict for a function), NULL without an error
/// outside Python code.
#[no_mangle]
pub extern "C" fn PyEval_GetFrameLocals() -> *mut PyObject {
    let f = current_frame();
    if f.is_null() {
        return null_mut();
    }
    // SAFETY: f is a live frame.
    crate::capi::boundary::guard_obj(|| unsafe { crate::vm::frame::locals_of(f) })
}
