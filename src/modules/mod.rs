//! Builtin modules written in Rust, and the per-interpreter module table
//! (`sys.modules`).
pub mod args;
pub mod builtins;
pub mod sys;

use crate::ffi::PyObject;

/// The interpreter's `sys.modules` dict (borrowed), NULL before
/// initialization.
pub fn sys_modules() -> *mut PyObject {
    let ts = crate::runtime::tstate::current();
    if ts.is_null() {
        return std::ptr::null_mut();
    }
    // SAFETY: a current thread state has a live interpreter.
    unsafe { (*(*ts).interp).modules }
}

/// Creates the builtin module `name`, if there is one (`None` otherwise).
/// `builtins` exists per interpreter already.
pub fn create_builtin(name: &str) -> crate::PyResult<Option<crate::Owned>> {
    match name {
        // SAFETY: the builtins module lives in the interpreter.
        "builtins" => Ok(Some(unsafe {
            crate::Owned::from_borrowed(builtins::module())
        })),
        "sys" => sys::create().map(Some),
        _ => crate::capi::import::create_from_inittab(name),
    }
}
