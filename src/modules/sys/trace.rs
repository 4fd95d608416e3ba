//! The tracing part of `sys`: `settrace`/`gettrace`, `setprofile`/
//! `getprofile` (and `_settraceallthreads`/`_setprofileallthreads`),
//! `call_tracing` (events come from `vm::tracing`), the
//! stack trampoline family and `_is_gil_enabled`.
use crate::ffi::*;
use crate::modules::args::{arity, builtin, no_kwargs};
use crate::object::{bool as pybool, none, str as pystr, tuple, typeobj};
use crate::runtime::errors::{self, PyResult};
use crate::vm::tracing::{self, Hook};
use crate::Owned;

/// The object, or None for NULL.
fn or_none(p: *mut PyObject) -> PyResult<Owned> {
    if p.is_null() {
        return Ok(none::owned());
    }
    // SAFETY: p is a live reference owned by the thread state.
    Ok(unsafe { Owned::from_borrowed(p) })
}

/// Sets `func` (None: nothing) as the trace or profile function of the
/// current thread, or with `all` of every thread of the interpreter.
fn set_python_hook(hook: Hook, func: *mut PyObject, all: bool) -> PyResult<Owned> {
    let (f, obj) = tracing::python_hook(hook, func);
    let ts = crate::runtime::tstate::current();
    // SAFETY: the thread states of this interpreter are live while the GIL
    // is held.
    unsafe {
        if all {
            for t in (*(*ts).interp).thread_states() {
                tracing::set_hook(t, hook, f, obj)?;
            }
        } else {
            tracing::set_hook(ts, hook, f, obj)?;
        }
    }
    Ok(none::owned())
}

builtin!(pub(super) sys_settrace, |args, kws| {
    no_kwargs("settrace", &kws)?;
    arity("sys.settrace", args, 1, 1)?;
    set_python_hook(Hook::Trace, args[0], false)
});

builtin!(pub(super) sys_settraceallthreads, |args, kws| {
    no_kwargs("_settraceallthreads", &kws)?;
    arity("sys._settraceallthreads", args, 1, 1)?;
    set_python_hook(Hook::Trace, args[0], true)
});

builtin!(pub(super) sys_gettrace, |args, kws| {
    arity("sys.gettrace", args, 0, 0)?;
    or_none(crate::runtime::tstate::get().c_traceobj)
});

builtin!(pub(super) sys_setprofile, |args, kws| {
    no_kwargs("setprofile", &kws)?;
    arity("sys.setprofile", args, 1, 1)?;
    set_python_hook(Hook::Profile, args[0], false)
});

builtin!(pub(super) sys_setprofileallthreads, |args, kws| {
    no_kwargs("_setprofileallthreads", &kws)?;
    arity("sys._setprofileallthreads", args, 1, 1)?;
    set_python_hook(Hook::Profile, args[0], true)
});

builtin!(pub(super) sys_getprofile, |args, kws| {
    arity("sys.getprofile", args, 0, 0)?;
    or_none(crate::runtime::tstate::get().c_profileobj)
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
    arity("sys.activate_stack_trampoline", args, 1, 1)?;
    if !pystr::check(args[0]) {
        return Err(errors::type_error(format!(
            "activate_stack_trampoline() argument must be str, not {}",
            typeobj::type_name(args[0])
        )));
    }
    Err(errors::value_error("perf trampoline not available"))
});

builtin!(pub(super) sys_deactivate_stack_trampoline, |args, kws| {
    arity("sys.deactivate_stack_trampoline", args, 0, 0)?;
    Ok(none::owned())
});

builtin!(pub(super) sys_is_stack_trampoline_active, |args, kws| {
    arity("sys.is_stack_trampoline_active", args, 0, 0)?;
    Ok(Owned::from_borrowed_static(pybool::from_bool(false)))
});

builtin!(pub(super) sys_is_gil_enabled, |args, kws| {
    arity("sys._is_gil_enabled", args, 0, 0)?;
    Ok(Owned::from_borrowed_static(pybool::from_bool(true)))
});
