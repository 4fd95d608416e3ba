//! `sys.settrace` / `sys.setprofile` (CPython's `Python/legacy_tracing.c`
//! and the trace parts of `Python/sysmodule.c`): a thread's trace function
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
use crate::ffi::PyObject;
use crate::object::refcount::{decref, new_ref, xdecref};
use crate::object::{none, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::tstate::{self, PyThreadState};
use crate::vm::eval::Exit;
use crate::vm::frame::fr;
use crate::vm::monitoring;
use crate::Owned;
use std::ptr::null_mut;

/// What a trace or profile function is told.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Event {
    Call,
    Line,
    Return,
    Exception,
    CCall,
    CReturn,
    CException,
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
        }
    }
}

/// Whether frames starting now on this thread must run traced (a trace
/// or profile function is set, or a `sys.monitoring` tool wants events).
#[inline(always)]
pub fn active(ts: &PyThreadState) -> bool {
    (ts.trace_func as usize | ts.profile_func as usize) != 0 || monitoring::active() != 0
}

/// The events of a traced frame's start: `PY_START` (or `PY_RESUME` for a
/// resumed generator) and `call`.
pub unsafe fn enter(f: *mut PyObject) -> PyResult<()> {
    // SAFETY: f is the frame about to run.
    unsafe {
        let resumed = fr(f).lasti >= 0;
        let ev = if resumed {
            monitoring::PY_RESUME
        } else {
            monitoring::PY_START
        };
        if monitoring::active() & ev != 0 {
            let (code, at, offset) = monitoring::code_and_offset(f)?;
            monitoring::fire(ev, code, at, &[code, offset.as_ptr()])?;
        }
        event(f, Event::Call, null_mut())
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
                let ev = if matches!(r, Ok(Exit::Return(_))) {
                    monitoring::PY_RETURN
                } else {
                    monitoring::PY_YIELD
                };
                if monitoring::active() & ev != 0 {
                    let (code, at, offset) = monitoring::code_and_offset(f)?;
                    monitoring::fire(ev, code, at, &[code, offset.as_ptr(), v.as_ptr()])?;
                }
                event(f, Event::Return, v.as_ptr())?;
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
    use crate::vm::function::{self, PyMethodObject, PyMethod_Type};
    // SAFETY: callable is a valid object; a method's im_func is valid.
    unsafe {
        function::check(callable)
            || ((*callable).ob_type == &raw mut PyMethod_Type
                && function::check((*callable.cast::<PyMethodObject>()).im_func))
    }
}

/// What the profile function's `c_*` events pass for a call of
/// `callable` with first argument `arg0`: the builtin function itself,
/// or a method descriptor bound to `arg0`; None for other callables.
pub(crate) unsafe fn profiled_c_function(
    callable: *mut PyObject,
    arg0: *mut PyObject,
) -> PyResult<Option<Owned>> {
    use crate::object::descr::PyMethodDescr_Type;
    use crate::object::methodobject::PyCFunction_Type;
    // SAFETY: callable and arg0 are valid objects.
    unsafe {
        let ty = (*callable).ob_type;
        if ty == &raw mut PyCFunction_Type
            || crate::object::typeobj::is_subtype(ty, &raw mut PyCFunction_Type)
        {
            return Ok(Some(Owned::from_borrowed(callable)));
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
/// there is none): `CALL`, and the profile function's `c_call`.
pub unsafe fn call_start(
    f: *mut PyObject,
    callable: *mut PyObject,
    arg0: *mut PyObject,
) -> PyResult<()> {
    let ts = tstate::get();
    if ts.tracing != 0 {
        return Ok(());
    }
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
        if !ts.profile_func.is_null() {
            if let Some(c) = profiled_c_function(callable, arg0)? {
                event(f, Event::CCall, c.as_ptr())?;
            }
        }
        Ok(())
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
            if !tstate::get().profile_func.is_null() {
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

/// Sets (or, with NULL/None, removes) the thread's trace function.
pub unsafe fn set_trace(func: *mut PyObject) {
    let ts = tstate::get();
    let func = if func.is_null() || func == none::none() {
        null_mut()
    } else {
        func
    };
    // SAFETY: func is NULL or a valid object; the field owns its reference.
    unsafe {
        let old = std::mem::replace(
            &mut ts.trace_func,
            if func.is_null() { func } else { new_ref(func) },
        );
        xdecref(old);
    }
}

/// Sets (or removes) the thread's profile function.
pub unsafe fn set_profile(func: *mut PyObject) {
    let ts = tstate::get();
    let func = if func.is_null() || func == none::none() {
        null_mut()
    } else {
        func
    };
    // SAFETY: as set_trace.
    unsafe {
        let old = std::mem::replace(
            &mut ts.profile_func,
            if func.is_null() { func } else { new_ref(func) },
        );
        xdecref(old);
    }
}

/// Calls `func(frame, event, arg)` with events turned off meanwhile.
unsafe fn call(
    func: *mut PyObject,
    f: *mut PyObject,
    ev: Event,
    arg: *mut PyObject,
) -> PyResult<Owned> {
    let ts = tstate::get();
    ts.tracing += 1;
    // SAFETY: func, f and arg are valid objects.
    let r = unsafe {
        let name = pystr::intern(ev.name());
        protocol::call_args(func, &[f, name, arg])
    };
    ts.tracing -= 1;
    r
}

/// Raises `ev` for frame `f` with `arg` (NULL for None): the profile
/// function first, then the trace function (the thread's for `call`, the
/// frame's own for the others). A function that fails is removed.
pub unsafe fn event(f: *mut PyObject, ev: Event, arg: *mut PyObject) -> PyResult<()> {
    let ts = tstate::get();
    if ts.tracing != 0 {
        return Ok(());
    }
    let arg = if arg.is_null() { none::none() } else { arg };
    // SAFETY: f is the running frame; the functions are owned by the
    // thread state (held for the call).
    unsafe {
        let profile = ts.profile_func;
        if !profile.is_null() && ev != Event::Line && ev != Event::Exception {
            let p = Owned::from_borrowed(profile);
            if let Err(e) = call(p.as_ptr(), f, ev, arg) {
                set_profile(null_mut());
                return Err(e);
            }
        }
        if ts.trace_func.is_null()
            || matches!(ev, Event::CCall | Event::CReturn | Event::CException)
        {
            return Ok(());
        }
        let frame = fr(f);
        let func = if ev == Event::Call {
            ts.trace_func
        } else {
            frame.f_trace
        };
        if func.is_null() {
            return Ok(());
        }
        let func = Owned::from_borrowed(func);
        match call(func.as_ptr(), f, ev, arg) {
            Ok(r) => {
                if r.as_ptr() != none::none() {
                    xdecref(std::mem::replace(&mut frame.f_trace, r.into_raw()));
                }
                Ok(())
            }
            Err(e) => {
                set_trace(null_mut());
                xdecref(std::mem::replace(&mut frame.f_trace, null_mut()));
                Err(e)
            }
        }
    }
}

/// Raises `exception` for the exception being raised in frame `f`, with
/// `(type, value, traceback)`; a failing trace function's exception
/// replaces it.
pub unsafe fn exception_event(f: *mut PyObject) {
    let ts = tstate::get();
    // SAFETY: f is the running frame.
    unsafe {
        if ts.tracing != 0 {
            return;
        }
        if monitoring::active() & monitoring::RAISE != 0 {
            let Some(exc) = errors::take() else { return };
            let r = monitoring::code_and_offset(f).and_then(|(code, at, offset)| {
                monitoring::fire(
                    monitoring::RAISE,
                    code,
                    at,
                    &[code, offset.as_ptr(), exc.as_ptr()],
                )
            });
            if r.is_err() {
                return;
            }
            errors::restore(exc);
        }
        if ts.trace_func.is_null() || fr(f).f_trace.is_null() {
            return;
        }
        let Some(exc) = errors::take() else { return };
        let tb = protocol::getattr_opt(exc.as_ptr(), pystr::intern("__traceback__"))
            .ok()
            .flatten()
            .unwrap_or_else(|| Owned::from_borrowed(none::none()));
        let ty = (*exc.as_ptr()).ob_type.cast::<PyObject>();
        let arg = match tuple::pack(&[ty, exc.as_ptr(), tb.as_ptr()]) {
            Ok(a) => a,
            Err(_) => return,
        };
        if event(f, Event::Exception, arg.as_ptr()).is_ok() {
            errors::restore(exc);
        }
    }
}

/// The line event check before each instruction of a traced frame: a line
/// event when the instruction at `start` begins another line than the last
/// one traced, or when a jump went back. Instructions without a line, and
/// the backward jump closing a loop (`jump_back`, which carries the loop
/// header's line), raise none, as in CPython.
#[inline]
pub unsafe fn instruction(
    f: *mut PyObject,
    start: usize,
    jump_back: bool,
    last: &mut (u32, usize),
) -> PyResult<()> {
    let ts = tstate::get();
    // SAFETY: f is the running frame.
    unsafe {
        let legacy = !ts.trace_func.is_null() && !fr(f).f_trace.is_null();
        let tools = monitoring::active() & monitoring::LINE != 0;
        if ts.tracing != 0 || !(legacy || tools) {
            last.1 = start;
            return Ok(());
        }
        let line = crate::vm::code::line_of(crate::vm::code::data(fr(f).code), start);
        if line == 0 || jump_back {
            last.1 = start;
            return Ok(());
        }
        let fire = line != last.0 || start < last.1;
        *last = (line, start);
        if fire {
            if tools {
                let n = crate::object::int::from_i64(line as i64)?;
                let code = fr(f).code;
                monitoring::fire(monitoring::LINE, code, start * 2, &[code, n.as_ptr()])?;
            }
            if legacy {
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
    for p in [&mut ts.trace_func, &mut ts.profile_func] {
        let old = std::mem::replace(p, null_mut());
        if !old.is_null() {
            // SAFETY: owned references.
            unsafe { decref(old) };
        }
    }
}
