//! Builtin modules written in Rust, and the per-interpreter module table
//! (`sys.modules`).
pub mod args;
pub mod builtins;
pub mod sys;
pub mod thread;

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

/// The builtin modules written in Rust, besides `builtins` and `sys`:
/// (name, init function). An init function works like an extension's
/// `PyInit_<name>`: it returns a new module (single-phase) or its static
/// `PyModuleDef` (multi-phase, PEP 489). One line per module, sorted.
const TABLE: &[(&str, crate::capi::import::InitFunc)] = &[("_thread", thread::init)];

/// The names of all builtin modules, sorted (`sys.builtin_module_names`).
pub fn builtin_names() -> Vec<&'static str> {
    let mut v: Vec<&str> = ["builtins", "sys"]
        .into_iter()
        .chain(TABLE.iter().map(|&(n, _)| n))
        .collect();
    v.sort_unstable();
    v
}

/// Creates the builtin module `name`, if there is one (`None` otherwise).
/// `builtins` exists per interpreter already; the embedder's inittab is
/// searched after the modules written in Rust.
pub fn create_builtin(name: &str) -> crate::PyResult<Option<crate::Owned>> {
    match name {
        // SAFETY: the builtins module lives in the interpreter.
        "builtins" => Ok(Some(unsafe {
            crate::Owned::from_borrowed(builtins::module())
        })),
        "sys" => sys::create().map(Some),
        _ => match TABLE.iter().find(|&&(n, _)| n == name) {
            // SAFETY: the table holds our modules' init functions.
            Some(&(n, f)) => unsafe { crate::capi::import::run_init_function(n, f) }.map(Some),
            None => crate::capi::import::create_from_inittab(name),
        },
    }
}
