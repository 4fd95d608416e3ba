//! The Reflection chapter: `PyEval_GetBuiltins`, `PyEval_GetGlobals`,
//! `PyEval_GetLocals`, `PyEval_GetFrame`, the strong-reference
//! `PyEval_GetFrame*` forms and `PyEval_GetFuncName`/`PyEval_GetFuncDesc`.
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
/// `AttributeError` when the builtins lack it. A running frame's builtins
/// may be any mapping (`__builtins__` of its globals).
pub fn builtin(name: &str) -> crate::runtime::errors::PyResult<crate::Owned> {
    let b = PyEval_GetBuiltins();
    let v = if b.is_null() {
        None
    } else {
        // SAFETY: b is a live mapping; the key is an interned str.
        unsafe { crate::vm::ops::mapping_lookup(b, crate::object::str::intern(name))? }
    };
    v.ok_or_else(|| crate::runtime::errors::attribute_error(name))
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
    crate::capi::boundary::guard_obj(|| unsafe { crate::vm::frame_locals::snapshot(f) })
}

/// `PyEval_GetLocals` (deprecated): the running frame's locals (borrowed).
/// For a function frame that is a dict kept on the frame and refreshed
/// from the fast locals at each call (CPython 3.13's `f_locals_cache`);
/// `SystemError` outside Python code.
#[no_mangle]
pub extern "C" fn PyEval_GetLocals() -> *mut PyObject {
    let f = current_frame();
    if f.is_null() {
        crate::runtime::errors::system_error("frame does not exist");
        return null_mut();
    }
    crate::capi::boundary::guard_int(|| {
        // SAFETY: f is the running frame; the cache is owned by it.
        unsafe {
            let fo = &mut *f.cast::<PyFrameObject>();
            if !fo.locals.is_null() {
                return Ok(fo.locals);
            }
            let snapshot = crate::vm::frame_locals::snapshot(f)?;
            if fo.locals_cache.is_null() {
                fo.locals_cache = crate::object::dict::new()?.into_raw();
            }
            crate::object::dict::merge(fo.locals_cache, snapshot.as_ptr(), 1)?;
            Ok(fo.locals_cache)
        }
    })
}

/// `PyCFunction_Check`: a builtin function or method (or a subtype).
unsafe fn is_cfunction(op: *mut PyObject) -> bool {
    // SAFETY: op is a live object.
    unsafe {
        crate::object::typeobj::instance_of(
            op,
            &raw mut crate::object::methodobject::PyCFunction_Type,
        )
    }
}

/// `PyEval_GetFuncName`: the name of a function, bound method or builtin
/// function, else the name of the object's type.
#[no_mangle]
pub unsafe extern "C" fn PyEval_GetFuncName(func: *mut PyObject) -> *const libc::c_char {
    use crate::vm::function;
    // SAFETY: func is a live object; the names returned live as long as it.
    unsafe {
        if (*func).ob_type == &raw mut function::PyMethod_Type {
            return PyEval_GetFuncName((*func.cast::<function::PyMethodObject>()).im_func);
        }
        if function::check(func) {
            let name = (*func.cast::<function::PyFunctionObject>()).func_name;
            return crate::capi::unicode::PyUnicode_AsUTF8(name);
        }
        if is_cfunction(func) {
            return (*(*func.cast::<PyCFunctionObject>()).m_ml).ml_name;
        }
        (*(*func).ob_type).tp_name
    }
}

/// `PyEval_GetFuncDesc`: "()" for functions, bound methods and builtin
/// functions (what follows their name in messages), " object" otherwise.
#[no_mangle]
pub unsafe extern "C" fn PyEval_GetFuncDesc(func: *mut PyObject) -> *const libc::c_char {
    use crate::vm::function;
    // SAFETY: func is a live object.
    let callable = unsafe {
        (*func).ob_type == &raw mut function::PyMethod_Type
            || function::check(func)
            || is_cfunction(func)
    };
    if callable { c"()" } else { c" object" }.as_ptr()
}
