//! The Frame Objects chapter: `PyFrame_GetCode`, `PyFrame_GetLineNumber`,
//! `PyFrame_GetBack`, the getters of a frame's namespaces and
//! `PyFrame_GetVar`, and `PyFrame_GetGenerator`.
use crate::capi::boundary::guard_obj;
use crate::ffi::PyObject;
use crate::object::refcount::new_ref;
use crate::object::str as pystr;
use crate::runtime::errors;
use crate::vm::code::PyCodeObject;
use crate::vm::frame::{self, PyFrameObject};
use libc::{c_char, c_int};
use std::ptr::null_mut;

/// `PyFrame_GetCode`: the frame's code object (a new reference).
#[no_mangle]
pub unsafe extern "C" fn PyFrame_GetCode(f: *mut PyFrameObject) -> *mut PyCodeObject {
    crate::null_check!(f);
    // SAFETY: f is a live frame, which owns its code object.
    unsafe { crate::object::refcount::new_ref((*f).code).cast() }
}

/// `PyFrame_GetLineNumber`: the line the frame is running (`f_lineno`),
/// -1 where its code has no line.
#[no_mangle]
pub unsafe extern "C" fn PyFrame_GetLineNumber(f: *mut PyFrameObject) -> c_int {
    crate::null_check!(f);
    // SAFETY: f is a live frame.
    unsafe { frame::lineno(f.cast()).map_or(-1, |l| l as c_int) }
}

/// `PyFrame_GetBack`: the frame's caller (a new reference), or NULL with
/// no exception set for the outermost frame.
#[no_mangle]
pub unsafe extern "C" fn PyFrame_GetBack(f: *mut PyFrameObject) -> *mut PyFrameObject {
    crate::null_check!(f);
    // SAFETY: f is a live frame, which owns a reference to its caller.
    unsafe {
        let back = (*f).f_back;
        if back.is_null() {
            return std::ptr::null_mut();
        }
        crate::object::refcount::new_ref(back).cast()
    }
}

/// `PyFrame_GetLocals`: `frame.f_locals` (a new reference): a function
/// frame's `FrameLocalsProxy`, or the locals mapping of a module or class
/// body.
#[no_mangle]
pub unsafe extern "C" fn PyFrame_GetLocals(f: *mut PyFrameObject) -> *mut PyObject {
    crate::null_check!(f);
    // SAFETY: f is a live frame.
    guard_obj(|| unsafe { crate::vm::frame_locals::f_locals(f.cast()) })
}

/// `PyFrame_GetGlobals`: the frame's globals (a new reference).
#[no_mangle]
pub unsafe extern "C" fn PyFrame_GetGlobals(f: *mut PyFrameObject) -> *mut PyObject {
    crate::null_check!(f);
    // SAFETY: f is a live frame, which owns its globals.
    unsafe { new_ref((*f).globals) }
}

/// `PyFrame_GetBuiltins`: the frame's builtins (a new reference).
#[no_mangle]
pub unsafe extern "C" fn PyFrame_GetBuiltins(f: *mut PyFrameObject) -> *mut PyObject {
    crate::null_check!(f);
    // SAFETY: f is a live frame, which owns its builtins.
    unsafe { new_ref((*f).builtins) }
}

/// `PyFrame_GetLasti`: the byte offset of the last instruction started
/// (`f_lasti`), -1 before the first.
#[no_mangle]
pub unsafe extern "C" fn PyFrame_GetLasti(f: *mut PyFrameObject) -> c_int {
    crate::null_check!(f);
    // SAFETY: f is a live frame; a code unit is two bytes.
    unsafe {
        let lasti = (*f).lasti();
        if lasti < 0 {
            -1
        } else {
            lasti * 2
        }
    }
}

/// `PyFrame_GetVar`: the frame's fast local (or cell or free variable)
/// `name` (a new reference); `NameError` when it has none or it is
/// unbound, `TypeError` when `name` is not a str.
#[no_mangle]
pub unsafe extern "C" fn PyFrame_GetVar(
    f: *mut PyFrameObject,
    name: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(f, name);
    guard_obj(|| {
        // SAFETY: f is a live frame, name valid.
        unsafe {
            if !pystr::check(name) {
                return Err(errors::type_error(format!(
                    "name must be str, not {}",
                    crate::object::typeobj::type_name(name)
                )));
            }
            if let Some(v) = crate::vm::frame_locals::fast_var(f.cast(), name)? {
                return Ok(v);
            }
            let r = crate::object::protocol::repr(name)?;
            Err(errors::set_string(
                crate::object::exceptions::PyExc_NameError,
                &format!("variable {} does not exist", pystr::as_str(r.as_ptr())?),
            ))
        }
    })
}

/// `PyFrame_GetVarString`: [`PyFrame_GetVar`] with a UTF-8 name.
#[no_mangle]
pub unsafe extern "C" fn PyFrame_GetVarString(
    f: *mut PyFrameObject,
    name: *const c_char,
) -> *mut PyObject {
    crate::null_check!(f, name);
    // SAFETY: name is a NUL-terminated string.
    let Ok(n) = (unsafe { pystr::from_cstr(name) }) else {
        return null_mut();
    };
    // SAFETY: f is a live frame, n a str.
    unsafe { PyFrame_GetVar(f, n.as_ptr()) }
}

/// `PyFrame_GetGenerator`: the generator, coroutine or async generator
/// that owns the frame (a new reference), or NULL with no exception set
/// for a frame of a plain call or of a generator that finished.
#[no_mangle]
pub unsafe extern "C" fn PyFrame_GetGenerator(f: *mut PyFrameObject) -> *mut PyObject {
    crate::null_check!(f);
    // SAFETY: f is a live frame; a generator it names owns it, so is alive.
    unsafe {
        let g = (*f).generator;
        if g.is_null() {
            return null_mut();
        }
        new_ref(g)
    }
}
