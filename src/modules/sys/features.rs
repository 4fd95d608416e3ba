//! What `sys` reports about CPython 3.14 features ferrython does not
//! have: the `sys._jit` namespace (there is no JIT compiler, so
//! `is_available`, `is_enabled` and `is_active` are all false) and
//! `sys.is_remote_debug_enabled` (no PEP 768 remote debugging).
use crate::ffi::*;
use crate::modules::args::{arity, builtin, no_kwargs};
use crate::object::bool as pybool;
use crate::object::descr::{method, METHOD_END};
use crate::runtime::errors::PyResult;
use crate::Owned;
use libc::c_void;

const FK: libc::c_int = METH_FASTCALL | METH_KEYWORDS;

builtin!(jit_is_available, |args, kws| {
    no_kwargs("is_available", &kws)?;
    arity("sys._jit.is_available", args, 0, 0)?;
    Ok(Owned::from_borrowed_static(pybool::from_bool(false)))
});

builtin!(jit_is_enabled, |args, kws| {
    no_kwargs("is_enabled", &kws)?;
    arity("sys._jit.is_enabled", args, 0, 0)?;
    Ok(Owned::from_borrowed_static(pybool::from_bool(false)))
});

builtin!(jit_is_active, |args, kws| {
    no_kwargs("is_active", &kws)?;
    arity("sys._jit.is_active", args, 0, 0)?;
    Ok(Owned::from_borrowed_static(pybool::from_bool(false)))
});

builtin!(pub(super) sys_is_remote_debug_enabled, |args, kws| {
    no_kwargs("is_remote_debug_enabled", &kws)?;
    arity("sys.is_remote_debug_enabled", args, 0, 0)?;
    Ok(Owned::from_borrowed_static(pybool::from_bool(false)))
});

static mut JIT_METHODS: [PyMethodDef; 4] = [
    method(c"is_available", jit_is_available as *const c_void, FK),
    method(c"is_enabled", jit_is_enabled as *const c_void, FK),
    method(c"is_active", jit_is_active as *const c_void, FK),
    METHOD_END,
];

/// A new `sys._jit` module.
pub fn create_jit() -> PyResult<Owned> {
    // SAFETY: the method table is static.
    unsafe { crate::modules::new_module("sys._jit", (&raw mut JIT_METHODS).cast()) }
}
