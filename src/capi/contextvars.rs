//! The Context Variables Objects chapter: `PyContext_*`, `PyContextVar_*`
//! (the core is `src/modules/contextvars/`).
use crate::capi::boundary::{guard_obj, guard_status};
use crate::ffi::*;
use crate::modules::contextvars::{context, copy_current, var};
use crate::object::str as pystr;
use libc::{c_char, c_int};

/// `PyContext_New`: a new empty context.
#[no_mangle]
pub extern "C" fn PyContext_New() -> *mut PyObject {
    guard_obj(|| context::new_context(None))
}

/// `PyContext_Copy`: a shallow copy of context `ctx`.
#[no_mangle]
pub unsafe extern "C" fn PyContext_Copy(ctx: *mut PyObject) -> *mut PyObject {
    crate::null_check!(ctx);
    // SAFETY: ctx non-NULL; checked to be a Context.
    guard_obj(|| unsafe {
        context::ensure(ctx)?;
        context::new_context(Some(context::vars(ctx)))
    })
}

/// `PyContext_CopyCurrent`: a shallow copy of the current context.
#[no_mangle]
pub extern "C" fn PyContext_CopyCurrent() -> *mut PyObject {
    guard_obj(copy_current)
}

/// `PyContext_Enter`: makes `ctx` the thread's current context.
#[no_mangle]
pub unsafe extern "C" fn PyContext_Enter(ctx: *mut PyObject) -> c_int {
    crate::null_check!(ctx);
    // SAFETY: ctx non-NULL.
    guard_status(|| unsafe { context::enter(ctx) })
}

/// `PyContext_Exit`: restores the context current before `ctx` was
/// entered.
#[no_mangle]
pub unsafe extern "C" fn PyContext_Exit(ctx: *mut PyObject) -> c_int {
    crate::null_check!(ctx);
    // SAFETY: ctx non-NULL.
    guard_status(|| unsafe { context::exit(ctx) })
}

/// `PyContextVar_New`: a context variable named `name` (UTF-8) with the
/// default `def` (NULL for none).
#[no_mangle]
pub unsafe extern "C" fn PyContextVar_New(
    name: *const c_char,
    def: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(name);
    guard_obj(|| {
        // SAFETY: name is a NUL-terminated string; def NULL or valid.
        unsafe {
            let n = pystr::from_utf8(std::ffi::CStr::from_ptr(name).to_bytes())?;
            var::new_var(n.as_ptr(), def)
        }
    })
}

/// `PyContextVar_Get`: stores in `*value` a new reference to the
/// variable's value, else `default_value`, else its default, else NULL;
/// returns -1 with `*value` NULL on error.
#[no_mangle]
pub unsafe extern "C" fn PyContextVar_Get(
    var: *mut PyObject,
    default_value: *mut PyObject,
    value: *mut *mut PyObject,
) -> c_int {
    crate::null_check!(var, value);
    // SAFETY: var, value non-NULL; default NULL or valid.
    unsafe {
        match var::get(var, default_value) {
            Ok(v) => {
                *value = v.map_or(std::ptr::null_mut(), crate::Owned::into_raw);
                0
            }
            Err(_) => {
                *value = std::ptr::null_mut();
                -1
            }
        }
    }
}

/// `PyContextVar_Set`: sets the variable in the current context; returns
/// the token that restores it.
#[no_mangle]
pub unsafe extern "C" fn PyContextVar_Set(
    var: *mut PyObject,
    value: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(var, value);
    // SAFETY: var, value non-NULL.
    guard_obj(|| unsafe { var::set(var, value) })
}

/// `PyContextVar_Reset`: restores the variable to its value before the
/// `PyContextVar_Set` that returned `token`.
#[no_mangle]
pub unsafe extern "C" fn PyContextVar_Reset(var: *mut PyObject, token: *mut PyObject) -> c_int {
    crate::null_check!(var, token);
    // SAFETY: var, token non-NULL.
    guard_status(|| unsafe { var::reset(var, token) })
}
