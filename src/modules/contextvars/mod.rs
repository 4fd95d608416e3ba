//! The `_contextvars` module (CPython's `Python/_contextvars.c` over
//! `Python/context.c`): `Context`, `ContextVar`, `Token` and
//! `copy_context`. The current context lives in the thread state
//! (`PyThreadState.context`).
pub mod context;
pub mod var;

use crate::ffi::*;
use crate::modules::objtype::{meth_noargs, new_module};
use crate::object::descr::{method, METHOD_END};
use crate::object::dict;
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_void;

/// The types this module defines, readied with the builtin types.
pub fn all_types() -> [*mut PyTypeObject; 4] {
    [
        &raw mut context::PyContext_Type,
        &raw mut var::PyContextVar_Type,
        &raw mut var::PyContextToken_Type,
        &raw mut var::TOKEN_MISSING_TYPE,
    ]
}

/// A new context holding the current context's variables
/// (`PyContext_CopyCurrent`).
pub fn copy_current() -> PyResult<Owned> {
    let ctx = context::current()?;
    // SAFETY: ctx is a live Context.
    context::new_context(Some(unsafe { context::vars(ctx) }))
}

meth_noargs!(copy_context, |_m| copy_current());

static mut FUNCTIONS: [PyMethodDef; 2] = [
    method(c"copy_context", copy_context as *const c_void, METH_NOARGS),
    METHOD_END,
];

/// `PyInit__contextvars`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the tables and types are static.
        unsafe {
            let m = new_module(
                "_contextvars",
                (&raw mut FUNCTIONS).cast(),
                &[
                    &raw mut context::PyContext_Type,
                    &raw mut var::PyContextVar_Type,
                    &raw mut var::PyContextToken_Type,
                ],
            )?;
            let tp = &raw mut var::PyContextToken_Type;
            let d = (*tp).tp_dict;
            if d.is_null() {
                return Err(errors::system_error("Token type not ready"));
            }
            dict::set_item(d, crate::interned!("MISSING"), &raw mut var::TOKEN_MISSING)?;
            crate::object::typeobj::modified(tp);
            Ok(m)
        }
    })
}
