//! `sys.settrace` / `sys.setprofile` and their C forms `PyEval_SetTrace` /
//! `PyEval_SetProfile` (CPython's `Python/legacy_tracing.c` and the trace
//! parts of `Python/sysmodule.c`). Each thread has at most one trace and
//! one profile function, a C `Py_tracefunc` with its object; the Python
//! functions of `sys.settrace`/`sys.setprofile` are called through the
//! trampolines here, as in CPython. A thread's trace function
//! sees `call`, `line`, `return` and `exception` events of the frames that
//! start while it is set (the value it returns for `call` becomes the
//! frame's local trace function, `frame.f_trace`); a profile function sees
//! `call` and `return`, and `c_call`, `c_return` and `c_exception` around
//! calls of builtin functions and method descriptors made by the frame's
//! call instructions. A function that raises is removed and its exception
//! propagates. While one runs, no events are raised on its thread.
//!
//! The evaluation loop checks `active` once per frame: an untraced frame
//! runs the loop compiled without any of this.
use crate::capi::tracing::*;
use crate::ffi::PyObject;
use crate::object::refcount::{xdecref, xincref};
use crate::object::{none, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::runtime::tstate::{self, PyThreadState};
use crate::vm::eval::Exit;
use crate::vm::frame::{fr, PyFrameObject};
use crate::vm::monitoring;
use crate::Owned;
use libc::c_int;
use std::ptr::null_mut;
use std::sync::atomic::{AtomicUsize, Ordering};

/// `Py_tracefunc`: a trace or profile function written in C, called with
/// its object, the frame, the event (`PyTrace_*`) and the event's argument;
/// it returns 0, or -1 with an exception set.
pub type Py_tracefunc =
    Option<unsafe extern "C" fn(*mut PyObject, *mut PyFrameObject, c_int, *mut PyObject) -> c_int>;

/// What a trace or profile function is told.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Event {
    Call,
    Line,
    Return,
    Exception,
    CCall,
    CReturn,
    CException,
    Opcode,
}

impl Event {
    fn name(self) -> &'static str {
        match self {
            Event::Call => "call",
            Event::Line => "line",
            Event::Return => "return",
            Event::Exception => "exception",
            Event::CCall => "c_call",
            Event::CReturn => "c_return",
            Event::CException => "c_exception",
            Event::Opcode => "opcode",
        }
    }

    /// The `PyTrace_*` number a C function is given.
    fn what(self) -> c_int {
        match self {
            Event::Call => PyTrace_CALL,
            Event::Exception => PyTrace_EXCEPTION,
            Event::Line => PyTrace_LINE,
            Event::Return => PyTrace_RETURN,
            Event::CCall => PyTrace_C_CALL,
            Event::CException => PyTrace_C_EXCEPTION,
            Event::CReturn => PyTrace_C_RETURN,
            Event::Opcode => PyTrace_OPCODE,
        }
    }

    fn from_what(what: c_int) -> Event {
        match what {
            PyTrace_CALL => Event::Call,
            PyTrace_EXCEPTION => Event::Exception,
            PyTrace_LINE => Event::Line,
            PyTrace_RETURN => Event::Return,
            PyTrace_C_CALL => Event::CCall,
            PyTrace_C_EXCEPTION => Event::CException,
            PyTrace_C_RETURN => Event::CReturn,
            _ => Event::Opcode,
        }
    }
}

/// How many threads have a trace or profile function.
static HOOKED: AtomicUsize = AtomicUsize::new(0);

/// Whether some thread may want events (a trace or profile function is
/// set somewhere, or a tool wants events): what an untraced loop checks
/// after a call, which may have started them, before the exact `active`.
#[inline(always)]
pub fn maybe_active() -> bool {
    HOOKED.load(Ordering::Relaxed) != 0 || monitoring::active() != 0
}

/// Which of a thread's two functions.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Hook {
    Trace,
    Profile,
}

/// Replaces thread `ts`'s trace or profile function with `func` and its
/// object `obj` (a new reference is taken), keeping `HOOKED` up to date.
unsafe fn replace_hook(ts: *mut PyThreadState, hook: Hook, func: Py_tracefunc, obj: *mut PyObject) {
    // SAFETY: ts is a live thread state of this interpreter and the GIL is
    // held, so no other thread reads its functions meanwhile; obj is NULL
    // or a valid object.
    unsafe {
        let ts = &mut *ts;
        let hooked = |ts: &PyThreadState| ts.c_tracefunc.is_some() || ts.c_profilefunc.is_some();
        let before = hooked(ts);
        let obj = if func.is_none() { null_mut() } else { obj };
        xincref(obj);
        let old = match hook {
            Hook::Trace => {
                ts.c_tracefunc = func;
                std::mem::replace(&mut ts.c_traceobj, obj)
            }
            Hook::Profile => {
                ts.c_profilefunc = func;
                std::mem::replace(&mut ts.c_profileobj, obj)
            }
        };
        let after = hooked(ts);
        if before != after {
            if after {
                HOOKED.fetch_add(1, Ordering::Relaxed);
            } else {
                HOOKED.fetch_sub(1, Ordering::Relaxed);
            }
        }
        xdecref(old);
    }
}

/// Sets (or with `None` removes) thread `ts`'s trace or profile function
/// (`_PyEval_SetTrace` / `_PyEval_SetProfile`), after the `sys.settrace` /
/// `sys.setprofile` audit event.
pub unsafe fn set_hook(
    ts: *mut PyThreadState,
    hook: Hook,
    func: Py_tracefunc,
    obj: *mut PyObject,
) -> PyResult<()> {
    let event = match hook {
        Hook::Trace => c"sys.settrace",
        Hook::Profile => c"sys.setprofile",
    };
    crate::runtime::audit::audit(event, &[])?;
    // SAFETY: as replace_hook (caller contract).
    unsafe { replace_hook(ts, hook, func, obj) };
    Ok(())
}

/// A Python function for `sys.settrace`/`sys.setprofile` (None or NULL
/// for none) as a C function and object: the trampoline and the function.
pub fn python_hook(hook: Hook, func: *mut PyObject) -> (Py_tracefunc, *mut PyObject) {
    if func.is_null() || func == none::none() {
        return (None, null_mut());
    }
    let trampoline: unsafe extern "C" fn(_, _, _, _) -> _ = match hook {
        Hook::Trace => trace_trampoline,
        Hook::Profile => profile_trampoline,
    };
    (Some(trampoline), func)
}

/// Whether trace function events of frame `fo` reach a function: always
/// for a C function; for a Python one (`sys.settrace`) only while the frame
/// has its local trace function (`f_trace`), which is all the trampoline
/// would call, so the events are not even computed otherwise.
#[inline]
fn traces(ts: &PyThreadState, fo: &PyFrameObject) -> bool {
    match ts.c_tracefunc {
        None => false,
        Some(f) => !fo.f_trace.is_null() || f as usize != trace_trampoline as *const () as usize,
    }
}

/// Whether frames starting now on this thread must run traced (a trace
/// or profile function is set, or a `sys.monitoring` tool wants events).
#[inline(always)]
pub fn active(ts: &PyThreadState) -> bool {
    ts.c_tracefunc.is_some() || ts.c_profilefunc.is_some() || monitoring::active() != 0
}

/// The events of `RESUME` (oparg `resume_kind`) in a traced frame:
/// `PY_START` at the start of the code, `PY_RESUME` after a yield or an
/// await; and `call`.
pub unsafe fn resume(f: *mut PyObject, resume_kind: u32) -> PyResult<()> {
    // SAFETY: f is the running frame.
    unsafe {
        let ev = if resume_kind & 3 == 0 {
            monitoring::PY_START
        } else {
            monitoring::PY_RESUME
        };
        if monitoring::active() & ev != 0 {
            let (code, at, offset) = monitoring::code_and_offset(f)?;
            monitoring::fire(ev, code, at, &[code, offset.as_ptr()])?;
        }
        event(f, Event::Call, null_mut())
    }
}

/// The events of an exception thrown into suspended generator frame `f`
/// (the error indicator holds it): `PY_THROW`, `call`, then `RAISE` and
/// `exception`, all reported at the instruction after the yield, as
/// CPython does. A failing callback's exception replaces the thrown one.
pub unsafe fn throw(f: *mut PyObject) {
    // SAFETY: f is the running frame, suspended at a YIELD_VALUE (which
    // has no inline cache: the next instruction is one unit on).
    unsafe {
        let fo = fr(f);
        fo.set_lasti(fo.lasti() + 1);
        if let Some(exc) = errors::take() {
            let start = || -> PyResult<()> {
                if monitoring::active() & monitoring::PY_THROW != 0 {
                    let (code, at, offset) = monitoring::code_and_offset(f)?;
                    monitoring::fire(
                        monitoring::PY_THROW,
                        code,
                        at,
                        &[code, offset.as_ptr(), exc.as_ptr()],
                    )?;
                }
                event(f, Event::Call, null_mut())
            };
            if start().is_ok() {
                errors::restore(exc);
                let _ = exception_event(f);
            }
        }
        fo.set_lasti(fo.lasti() - 1);
    }
}

/// The events of a traced frame's exit: `PY_RETURN`, `PY_YIELD` or
/// `PY_UNWIND`, and `return`. A failing callback's exception replaces
/// the result.
pub unsafe fn leave(f: *mut PyObject, r: PyResult<Exit>) -> PyResult<Exit> {
    // SAFETY: f is the frame that just stopped running.
    unsafe {
        match r {
            Ok(Exit::Return(ref v)) | Ok(Exit::Yield(ref v)) => {
                let yielded = matches!(r, Ok(Exit::Yield(_)));
                let ev = if yielded {
                    monitoring::PY_YIELD
                } else {
                    monitoring::PY_RETURN
                };
                // CPython reports a yield at the instruction after it
                // (where the generator resumes); YIELD_VALUE has no cache.
                let fo = fr(f);
                fo.set_lasti(fo.lasti() + yielded as i32);
                let events = || -> PyResult<()> {
                    if monitoring::active() & ev != 0 {
                        let (code, at, offset) = monitoring::code_and_offset(f)?;
                        monitoring::fire(ev, code, at, &[code, offset.as_ptr(), v.as_ptr()])?;
                    }
                    event(f, Event::Return, v.as_ptr())
                };
                let done = events();
                fo.set_lasti(fo.lasti() - yielded as i32);
                done?;
                r
            }
            Err(e) => {
                let Some(exc) = errors::take() else {
                    return Err(e);
                };
                if monitoring::active() & monitoring::PY_UNWIND != 0 {
                    let (code, at, offset) = monitoring::code_and_offset(f)?;
                    monitoring::fire(
                        monitoring::PY_UNWIND,
                        code,
                        at,
                        &[code, offset.as_ptr(), exc.as_ptr()],
                    )?;
                }
                event(f, Event::Return, null_mut())?;
                Err(errors::restore(exc))
            }
        }
    }
}

/// Whether a call of `callable` runs as a Python frame (a function, or
/// a method bound to one): the calls without `C_RETURN`/`C_RAISE`.
unsafe fn runs_python(callable: *mut PyObject) -> bool {
    use crate::vm::function;
    // SAFETY: callable is a valid object.
    unsafe { function::check(callable) || function::is_python_method(callable) }
}

/// What the profile function's `c_*` events pass for a call of
/// `callable` with first argument `arg0`: the builtin function itself
/// (also when a method wraps it), or a method descriptor bound to
/// `arg0`; None for other callables.
pub(crate) unsafe fn profiled_c_function(
    callable: *mut PyObject,
    arg0: *mut PyObject,
) -> PyResult<Option<Owned>> {
    use crate::object::descr::PyMethodDescr_Type;
    use crate::object::methodobject::PyCFunction_Type;
    // SAFETY: callable and arg0 are valid objects; a method's im_func is.
    unsafe {
        use crate::vm::function::{PyMethodObject, PyMethod_Type};
        let is_builtin = |c: *mut PyObject| {
            let ty = (*c).ob_type;
            ty == &raw mut PyCFunction_Type
                || crate::object::typeobj::is_subtype(ty, &raw mut PyCFunction_Type)
        };
        if is_builtin(callable) {
            return Ok(Some(Owned::from_borrowed(callable)));
        }
        let ty = (*callable).ob_type;
        if ty == &raw mut PyMethod_Type {
            // A method bound to a builtin (gh-122029): the builtin.
            let func = (*callable.cast::<PyMethodObject>()).im_func;
            return Ok(is_builtin(func).then(|| Owned::from_borrowed(func)));
        }
        if ty != &raw mut PyMethodDescr_Type || arg0 == monitoring::missing() {
            return Ok(None);
        }
        let get = (*ty).tp_descr_get.expect("method descriptors bind");
        errors::check(get(callable, arg0, (*arg0).ob_type.cast())).map(Some)
    }
}

/// The events before a call instruction of a traced frame `f` calls
/// `callable` with first argument `arg0` (`monitoring::missing()` when
/// there is none): `CALL`, and the profile function's `c_call`. Returns
/// whether the call is watched (a tool wants `CALL` or a profile function
/// is set): only then does `call_end` follow, as CPython reports the end
/// of a call only from an instruction that was instrumented at its start.
pub unsafe fn call_start(
    f: *mut PyObject,
    callable: *mut PyObject,
    arg0: *mut PyObject,
) -> PyResult<bool> {
    let ts = tstate::get();
    if ts.tracing != 0 {
        return Ok(false);
    }
    let watched = monitoring::active() & monitoring::CALL != 0 || ts.c_profilefunc.is_some();
    // SAFETY: f is the running frame; callable and arg0 are valid.
    unsafe {
        if monitoring::active() & monitoring::CALL != 0 {
            let (code, at, offset) = monitoring::code_and_offset(f)?;
            monitoring::fire(
                monitoring::CALL,
                code,
                at,
                &[code, offset.as_ptr(), callable, arg0],
            )?;
        }
        if ts.c_profilefunc.is_some() {
            if let Some(c) = profiled_c_function(callable, arg0)? {
                event(f, Event::CCall, c.as_ptr())?;
            }
        }
        Ok(watched)
    }
}

/// The events after that call, unless it ran a Python frame: `C_RETURN`
/// and `c_return` for a result `r`, `C_RAISE` and `c_exception` when it
/// raised (`r` NULL). Returns `r`, or NULL (with `r` dropped) when a
/// callback raised instead.
pub unsafe fn call_end(
    f: *mut PyObject,
    callable: *mut PyObject,
    arg0: *mut PyObject,
    r: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: f is the running frame; callable, arg0 and r (unless NULL)
    // are valid; r is owned.
    unsafe {
        if tstate::get().tracing != 0 || runs_python(callable) {
            return r;
        }
        let raised = r.is_null();
        let exc = if raised { errors::take() } else { None };
        let (mon_event, ev) = if raised {
            (monitoring::C_RAISE, Event::CException)
        } else {
            (monitoring::C_RETURN, Event::CReturn)
        };
        let events = || -> PyResult<()> {
            if monitoring::active() & monitoring::CALL != 0 {
                let (code, at, offset) = monitoring::code_and_offset(f)?;
                monitoring::fire(
                    mon_event,
                    code,
                    at,
                    &[code, offset.as_ptr(), callable, arg0],
                )?;
            }
            if tstate::get().c_profilefunc.is_some() {
                if let Some(c) = profiled_c_function(callable, arg0)? {
                    event(f, ev, c.as_ptr())?;
                }
            }
            Ok(())
        };
        match events() {
            Ok(()) => {
                if let Some(exc) = exc {
                    errors::restore(exc);
                }
                r
            }
            Err(_) => {
                xdecref(r);
                null_mut()
            }
        }
    }
}

/// `LOAD_SUPER_ATTR` in traced frame `f` while a tool wants `CALL`, done
/// as CPython's instrumented form does: `CALL` for `sup` (with `class` as
/// its first argument for the two-argument form), the call itself
/// (`sup(class, self_)`, or `sup()` which finds both in the frame), then
/// `C_RETURN` or `C_RAISE`, and the attribute `name` of the super object,
/// bound (no method split, so the call that follows sees a bound method).
pub unsafe fn super_attr(
    f: *mut PyObject,
    sup: *mut PyObject,
    class: *mut PyObject,
    self_: *mut PyObject,
    name: *mut PyObject,
    two_args: bool,
) -> PyResult<Owned> {
    let arg0 = if two_args {
        class
    } else {
        monitoring::missing()
    };
    // SAFETY: f is the running frame; the objects are valid.
    unsafe {
        let armed = call_start(f, sup, arg0)?;
        let args: &[*mut PyObject] = if two_args { &[class, self_] } else { &[] };
        let s = protocol::call_args(sup, args).map_or(null_mut(), Owned::into_raw);
        let s = errors::check(if armed { call_end(f, sup, arg0, s) } else { s })?;
        protocol::getattr(s.as_ptr(), name)
    }
}

thread_local! {
    /// The frame and event of the trace or profile call running on this
    /// thread (what `frame.f_lineno` assignment checks).
    static CURRENT: std::cell::Cell<(usize, Option<Event>)> = const { std::cell::Cell::new((0, None)) };
}

/// The event a trace or profile function running on this thread was
/// called for, if it was called for frame `f`.
pub fn current_event(f: *mut PyObject) -> Option<Event> {
    match CURRENT.get() {
        (frame, ev) if frame == f as usize => ev,
        (0, _) => None,
        _ => Some(Event::Return),
    }
}

/// Calls the C function `func(obj, f, ev, arg)` with events turned off
/// meanwhile (its object held for the call).
unsafe fn call_c(
    func: unsafe extern "C" fn(*mut PyObject, *mut PyFrameObject, c_int, *mut PyObject) -> c_int,
    obj: *mut PyObject,
    f: *mut PyObject,
    ev: Event,
    arg: *mut PyObject,
) -> PyResult<()> {
    let ts = tstate::get();
    ts.tracing += 1;
    let outer = CURRENT.replace((f as usize, Some(ev)));
    // SAFETY: func is a Py_tracefunc; obj is NULL or valid (held for the
    // call, as the function may replace itself); f is a live frame; arg is
    // NULL or valid.
    let r = unsafe {
        xincref(obj);
        let r = func(obj, f.cast(), ev.what(), arg);
        xdecref(obj);
        r
    };
    CURRENT.set(outer);
    tstate::get().tracing -= 1;
    if r == 0 {
        Ok(())
    } else {
        Err(Raised::assume())
    }
}

/// Calls the Python function `func(frame, event, arg)` (None for a NULL
/// `arg`).
unsafe fn call_python(
    func: *mut PyObject,
    f: *mut PyObject,
    ev: Event,
    arg: *mut PyObject,
) -> PyResult<Owned> {
    let arg = if arg.is_null() { none::none() } else { arg };
    // SAFETY: func, f and arg are valid objects.
    unsafe { protocol::call_args(func, &[f, pystr::intern(ev.name()), arg]) }
}

/// `sys.settrace`'s `Py_tracefunc` (CPython's `trace_trampoline`): calls
/// the thread's function (`obj`) for `call`, the frame's `f_trace` for the
/// other events; what the call returns, unless None, becomes `f_trace`. A
/// function that raises is removed, with the frame's `f_trace`.
unsafe extern "C" fn trace_trampoline(
    obj: *mut PyObject,
    frame: *mut PyFrameObject,
    what: c_int,
    arg: *mut PyObject,
) -> c_int {
    let f = frame.cast::<PyObject>();
    // SAFETY: f is a live frame owning its f_trace; obj is held by the
    // caller.
    unsafe {
        let fo = fr(f);
        let callback = if what == PyTrace_CALL {
            obj
        } else {
            fo.f_trace
        };
        if callback.is_null() {
            return 0;
        }
        let callback = Owned::from_borrowed(callback);
        match call_python(callback.as_ptr(), f, Event::from_what(what), arg) {
            Ok(r) => {
                if r.as_ptr() != none::none() {
                    xdecref(std::mem::replace(&mut fo.f_trace, r.into_raw()));
                }
                0
            }
            Err(_) => {
                replace_hook(tstate::current(), Hook::Trace, None, null_mut());
                xdecref(std::mem::replace(&mut fo.f_trace, null_mut()));
                -1
            }
        }
    }
}

/// `sys.setprofile`'s `Py_tracefunc` (CPython's `profile_trampoline`):
/// calls the thread's function (`obj`); one that raises is removed.
unsafe extern "C" fn profile_trampoline(
    obj: *mut PyObject,
    frame: *mut PyFrameObject,
    what: c_int,
    arg: *mut PyObject,
) -> c_int {
    // SAFETY: obj is held by the caller; frame is a live frame.
    unsafe {
        match call_python(obj, frame.cast(), Event::from_what(what), arg) {
            Ok(_) => 0,
            Err(_) => {
                replace_hook(tstate::current(), Hook::Profile, None, null_mut());
                -1
            }
        }
    }
}

/// Raises `ev` for frame `f` with `arg`: the profile function first (not
/// for `line`, `exception` and `opcode`), then the trace function (not for
/// the `c_*` events). `arg` NULL is passed on as NULL for `return` (the
/// frame is unwinding an exception) and as None otherwise, as CPython
/// does.
pub unsafe fn event(f: *mut PyObject, ev: Event, arg: *mut PyObject) -> PyResult<()> {
    let ts = tstate::get();
    if ts.tracing != 0 {
        return Ok(());
    }
    let arg = if arg.is_null() && ev != Event::Return {
        none::none()
    } else {
        arg
    };
    // SAFETY: f is the running frame; the functions' objects are owned by
    // the thread state.
    unsafe {
        if let Some(p) = ts.c_profilefunc {
            if !matches!(ev, Event::Line | Event::Exception | Event::Opcode) {
                call_c(p, ts.c_profileobj, f, ev, arg)?;
            }
        }
        let ts = tstate::get();
        if let Some(t) = ts.c_tracefunc {
            if !matches!(ev, Event::CCall | Event::CReturn | Event::CException) {
                call_c(t, ts.c_traceobj, f, ev, arg)?;
            }
        }
        Ok(())
    }
}

/// Raises `exception` for the exception being raised in frame `f`, with
/// `(type, value, traceback)`; a failing trace function's exception
/// replaces it (and the result is an error).
pub unsafe fn exception_event(f: *mut PyObject) -> PyResult<()> {
    let ts = tstate::get();
    // SAFETY: f is the running frame.
    unsafe {
        if ts.tracing != 0 {
            return Ok(());
        }
        if monitoring::active() & monitoring::RAISE != 0 {
            let Some(exc) = errors::take() else {
                return Ok(());
            };
            let (code, at, offset) = monitoring::code_and_offset(f)?;
            monitoring::fire(
                monitoring::RAISE,
                code,
                at,
                &[code, offset.as_ptr(), exc.as_ptr()],
            )?;
            errors::restore(exc);
        }
        if !traces(ts, fr(f)) {
            return Ok(());
        }
        let Some(exc) = errors::take() else {
            return Ok(());
        };
        let tb = protocol::getattr_opt(exc.as_ptr(), crate::interned!("__traceback__"))
            .ok()
            .flatten()
            .unwrap_or_else(|| Owned::from_borrowed(none::none()));
        let ty = (*exc.as_ptr()).ob_type.cast::<PyObject>();
        let arg = tuple::pack(&[ty, exc.as_ptr(), tb.as_ptr()])?;
        event(f, Event::Exception, arg.as_ptr())?;
        errors::restore(exc);
        Ok(())
    }
}

/// `BRANCH` for the conditional jump at unit `start` of traced frame `f`,
/// which went on at unit `dest` (taken or not).
pub unsafe fn branch(f: *mut PyObject, start: usize, dest: usize) -> PyResult<()> {
    if monitoring::active() & monitoring::BRANCH == 0 {
        return Ok(());
    }
    // SAFETY: f is the running frame.
    let code = unsafe { fr(f).code };
    let from = crate::object::int::from_i64(start as i64 * 2)?;
    let to = crate::object::int::from_i64(dest as i64 * 2)?;
    monitoring::fire(
        monitoring::BRANCH,
        code,
        start * 2,
        &[code, from.as_ptr(), to.as_ptr()],
    )
}

/// `EXCEPTION_HANDLED`: traced frame `f` caught `exc` with its handler at
/// unit `handler` (the event's offset, as in CPython).
pub unsafe fn exception_handled(
    f: *mut PyObject,
    handler: usize,
    exc: *mut PyObject,
) -> PyResult<()> {
    if monitoring::active() & monitoring::EXCEPTION_HANDLED == 0 || exc.is_null() {
        return Ok(());
    }
    // SAFETY: f is the running frame.
    let code = unsafe { fr(f).code };
    let at = crate::object::int::from_i64(handler as i64 * 2)?;
    monitoring::fire(
        monitoring::EXCEPTION_HANDLED,
        code,
        handler * 2,
        &[code, at.as_ptr(), exc],
    )
}

/// `RERAISE`: the instruction at unit `start` of traced frame `f` raises
/// again the exception being raised (`RERAISE`, `END_ASYNC_FOR`,
/// `CLEANUP_THROW`). A failing callback's exception replaces it.
pub unsafe fn reraise(f: *mut PyObject, start: usize) {
    if monitoring::active() & monitoring::RERAISE == 0 {
        return;
    }
    let Some(exc) = errors::take() else {
        return;
    };
    // SAFETY: f is the running frame.
    let code = unsafe { fr(f).code };
    let fired = crate::object::int::from_i64(start as i64 * 2).and_then(|at| {
        monitoring::fire(
            monitoring::RERAISE,
            code,
            start * 2,
            &[code, at.as_ptr(), exc.as_ptr()],
        )
    });
    if fired.is_ok() {
        errors::restore(exc);
    }
}

/// A `SEND` in traced frame `f` finished because an iterator that is not
/// a generator or coroutine raised `StopIteration(value)` (CPython raises
/// it there, and reports it): `RAISE` and `exception`.
pub unsafe fn stop_iteration(f: *mut PyObject, value: *mut PyObject) -> PyResult<()> {
    let ts = tstate::get();
    // SAFETY: f is the running frame; value is valid.
    unsafe {
        let legacy = traces(ts, fr(f));
        if ts.tracing != 0 || !(legacy || monitoring::active() & monitoring::RAISE != 0) {
            return Ok(());
        }
        crate::vm::genobject::stop_iteration(Owned::from_borrowed(value));
        exception_event(f)?;
        errors::clear();
        Ok(())
    }
}

/// `STOP_ITERATION`: a `for` loop or a `yield from`/`await` of traced
/// frame `f` ran a generator or coroutine that returned `value`, at unit
/// `at`. CPython makes the `StopIteration(value)` that PEP 380 speaks of
/// for the event (`INSTRUMENTED_END_FOR`, `INSTRUMENTED_END_SEND`); the
/// trace function sees it as an `exception` event.
pub unsafe fn generator_returned(
    f: *mut PyObject,
    at: usize,
    value: *mut PyObject,
) -> PyResult<()> {
    let ts = tstate::get();
    // SAFETY: f is the running frame; value is valid.
    unsafe {
        let legacy = traces(ts, fr(f));
        let tools = monitoring::active() & monitoring::STOP_ITERATION != 0;
        if ts.tracing != 0 || !(legacy || tools) {
            return Ok(());
        }
        crate::vm::genobject::stop_iteration(Owned::from_borrowed(value));
        let exc = errors::take().ok_or_else(Raised::assume)?;
        if tools {
            let code = fr(f).code;
            let offset = crate::object::int::from_i64(at as i64 * 2)?;
            monitoring::fire(
                monitoring::STOP_ITERATION,
                code,
                at * 2,
                &[code, offset.as_ptr(), exc.as_ptr()],
            )?;
        }
        if legacy {
            let ty = (*exc.as_ptr()).ob_type.cast::<PyObject>();
            let arg = tuple::pack(&[ty, exc.as_ptr(), none::none()])?;
            event(f, Event::Exception, arg.as_ptr())?;
        }
        Ok(())
    }
}

/// The next value of generator `it` for a `FOR_ITER` at unit `at` of
/// traced frame `f` (NULL once it is exhausted, with no error set): its
/// return value makes a `STOP_ITERATION` event ([`generator_returned`]).
pub unsafe fn next_of_generator(
    f: *mut PyObject,
    it: *mut PyObject,
    at: usize,
) -> PyResult<*mut PyObject> {
    use crate::vm::genobject::{send_ex, Sent};
    // SAFETY: it is a generator and f the running frame.
    unsafe {
        match send_ex(it, none::none(), false)? {
            Sent::Yielded(v) => Ok(v.into_raw()),
            Sent::Returned(v) => {
                generator_returned(f, at, v.as_ptr())?;
                Ok(null_mut())
            }
        }
    }
}

/// The events before each instruction of a traced frame, the one at unit
/// `start` after the one at `*prev` (which becomes `start`): a line
/// event where `vm::trace_lines` says, `INSTRUCTION`, the `opcode` event
/// (`frame.f_trace_opcodes`), and for an unconditional jump to `jump_to`,
/// `JUMP`, and a line event when it goes back to its own line.
/// `frame.f_trace_lines` off suppresses the trace function's line events.
#[inline]
pub unsafe fn instruction(
    f: *mut PyObject,
    start: usize,
    jump_to: Option<usize>,
    prev: &mut usize,
) -> PyResult<()> {
    let before = std::mem::replace(prev, start);
    let ts = tstate::get();
    // SAFETY: f is the running frame.
    unsafe {
        let fo = fr(f);
        let legacy = traces(ts, fo);
        let tools =
            monitoring::active() & (monitoring::LINE | monitoring::INSTRUCTION | monitoring::JUMP);
        if ts.tracing != 0 || !(legacy || tools != 0) {
            return Ok(());
        }
        let cd = crate::vm::code::data(fo.code);
        if let Some(line) = crate::vm::trace_lines::line_event_at(cd, start, before) {
            if tools & monitoring::LINE != 0 {
                let n = crate::object::int::from_i64(line as i64)?;
                let code = fo.code;
                monitoring::fire(monitoring::LINE, code, start * 2, &[code, n.as_ptr()])?;
            }
            if legacy && fo.trace_lines != 0 {
                event(f, Event::Line, null_mut())?;
            }
        }
        if tools & monitoring::INSTRUCTION != 0 {
            let n = crate::object::int::from_i64(start as i64 * 2)?;
            let code = fo.code;
            monitoring::fire(
                monitoring::INSTRUCTION,
                code,
                start * 2,
                &[code, n.as_ptr()],
            )?;
        }
        if fo.trace_opcodes != 0 && legacy {
            event(f, Event::Opcode, null_mut())?;
        }
        if let Some(to) = jump_to {
            if tools & monitoring::JUMP != 0 {
                let from = crate::object::int::from_i64(start as i64 * 2)?;
                let dest = crate::object::int::from_i64(to as i64 * 2)?;
                let code = fo.code;
                monitoring::fire(
                    monitoring::JUMP,
                    code,
                    start * 2,
                    &[code, from.as_ptr(), dest.as_ptr()],
                )?;
            }
            let line = crate::vm::code::line_of(cd, start);
            if to < start
                && line.is_some()
                && crate::vm::code::line_of(cd, to) == line
                && fo.trace_lines != 0
                && legacy
            {
                event(f, Event::Line, null_mut())?;
            }
        }
        Ok(())
    }
}

/// `sys.call_tracing(func, args)`: calls `func(*args)` with events on
/// even inside a trace function.
pub unsafe fn call_tracing(func: *mut PyObject, args: *mut PyObject) -> PyResult<Owned> {
    let ts = tstate::get();
    let saved = std::mem::replace(&mut ts.tracing, 0);
    // SAFETY: func valid; args a tuple.
    let r = unsafe { protocol::call(func, args, null_mut()) };
    tstate::get().tracing = saved;
    r
}

/// Drops the thread's functions (its thread state is being cleared).
pub fn clear(ts: &mut PyThreadState) {
    // SAFETY: ts is the thread state being cleared, with the GIL held.
    unsafe {
        replace_hook(ts, Hook::Trace, None, null_mut());
        replace_hook(ts, Hook::Profile, None, null_mut());
    }
}
