//! The tracing part of `sys`: `settrace`/`gettrace`, `setprofile`/
//! `getprofile`, `call_tracing` (events come from `vm::tracing`), the
//! stack trampoline family and `_is_gil_enabled`.
use crate::ffi::*;
use crate::modules::args::{arity, builtin, no_kwargs};
use crate::object::{bool as pybool, none, str as pystr, tuple, typeobj};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;

fn none_obj() -> PyResult<Owned> {
    Ok(Owned::from_borrowed_static(none::none()))
}

/// The object, or None for NULL.
fn or_none(p: *mut PyObject) -> PyResult<Owned> {
    if p.is_null() {
        return none_obj();
    }
    // SAFETY: p is a live reference owned by the thread state.
    Ok(unsafe { Owned::from_borrowed(p) })
}

builtin!(pub(super) sys_settrace, |args, kws| {
    no_kwargs("settrace", &kws)?;
    arity("settrace", args, 1, 1)?;
    crate::runtime::audit::audit(c"sys.settrace", &[])?;
    crate::vm::tracing::set_trace(args[0]);
    none_obj()
});

builtin!(pub(super) sys_gettrace, |args, kws| {
    arity("gettrace", args, 0, 0)?;
    or_none(crate::runtime::tstate::get().trace_func)
});

builtin!(pub(super) sys_setprofile, |args, kws| {
    no_kwargs("setprofile", &kws)?;
    arity("setprofile", args, 1, 1)?;
    crate::runtime::audit::audit(c"sys.setprofile", &[])?;
    crate::vm::tracing::set_profile(args[0]);
    none_obj()
});

builtin!(pub(super) sys_getprofile, |args, kws| {
    arity("getprofile", args, 0, 0)?;
    or_none(crate::runtime::tstate::get().profile_func)
});

builtin!(pub(super) sys_call_tracing, |args, kws| {
    no_kwargs("call_tracing", &kws)?;
    arity("call_tracing", args, 2, 2)?;
    if !tuple::check(args[1]) {
        return Err(errors::type_error(format!(
            "call_tracing() argument 2 must be tuple, not {}",
            typeobj::type_name(args[1])
        )));
    }
    crate::vm::tracing::call_tracing(args[0], args[1])
});

// The perf trampoline (`python -X perf`) is a CPython build option;
// ferrython is like a CPython built without it.
builtin!(pub(super) sys_activate_stack_trampoline, |args, kws| {
    no_kwargs("activate_stack_trampoline", &kws)?;
    arity("activate_stack_trampoline", args, 1, 1)?;
    if !pystr::check(args[0]) {
        return Err(errors::type_error(format!(
            "activate_stack_trampoline() argument must be str, not {}",
            typeobj::type_name(args[0])
        )));
    }
    Err(errors::value_error("perf trampoline not available"))
});

builtin!(pub(super) sys_deactivate_stack_trampoline, |args, kws| {
    arity("deactivate_stack_trampoline", args, 0, 0)?;
    none_obj()
});

builtin!(pub(super) sys_is_stack_trampoline_active, |args, kws| {
    arity("is_stack_trampoline_active", args, 0, 0)?;
    Ok(Owned::from_borrowed_static(pybool::from_bool(false)))
});

builtin!(pub(super) sys_is_gil_enabled, |args, kws| {
    arity("_is_gil_enabled", args, 0, 0)?;
    Ok(Owned::from_borrowed_static(pybool::from_bool(true)))
});
