//! Generators and coroutines (`PyGen_Type`, `PyCoro_Type`): a suspended
//! frame resumed by `send`/`throw`/`close`, as PEP 342 and PEP 492 define.
//! Async generators (`asyncgen.rs`) share this layout and machinery.
use crate::capi::boundary::{guard, guard_iter, guard_obj};
use crate::ffi::*;
use crate::object::descr::{getset, method, GETSET_END, METHOD_END};
use crate::object::refcount::*;
use crate::object::typeobj::type_template;
use crate::object::{exceptions as exc, none, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::vm::eval::Exit;
use crate::vm::frame::{self, fr};
use crate::Owned;
use libc::c_void;
use std::ptr::null_mut;

/// A generator or coroutine.
#[repr(C)]
pub struct PyGenObject {
    pub ob_base: PyObject,
    /// The suspended frame; NULL once finished.
    pub frame: *mut PyObject,
    pub name: *mut PyObject,
    pub qualname: *mut PyObject,
    /// The code object (kept after the frame is gone, for `gi_code`).
    pub code: *mut PyObject,
    /// The exception its frame was handling when it last suspended
    /// (`gi_exc_state`), NULL when none: in place while it runs.
    pub exc_state: *mut PyObject,
    pub running: u8,
    /// Weak references to it (`gi_weakreflist`).
    pub weakreflist: *mut PyObject,
    /// A coroutine's `cr_origin`: `((filename, lineno, funcname), ...)` of
    /// the frames that created it, innermost first; NULL unless origin
    /// tracking was on (`sys.set_coroutine_origin_tracking_depth`).
    pub origin: *mut PyObject,
}

const fn gen_type(
    name: &'static std::ffi::CStr,
    next: iternextfunc,
    am: *mut PyAsyncMethods,
    methods: *const PyMethodDef,
    getset: *const PyGetSetDef,
) -> PyTypeObject {
    PyTypeObject {
        tp_flags: Py_TPFLAGS_HAVE_GC,
        tp_dealloc: Some(gen_dealloc),
        tp_finalize: Some(gen_finalize),
        tp_repr: Some(gen_repr),
        tp_traverse: Some(gen_traverse),
        tp_iter: if next.is_some() {
            Some(crate::object::iterobject::self_iter)
        } else {
            None
        },
        tp_iternext: next,
        tp_as_async: am,
        tp_methods: methods.cast_mut(),
        tp_getset: getset.cast_mut(),
        tp_free: Some(crate::capi::gc::PyObject_GC_Del),
        tp_weaklistoffset: std::mem::offset_of!(PyGenObject, weakreflist) as Py_ssize_t,
        ..type_template(name, std::mem::size_of::<PyGenObject>(), 0)
    }
}

/// `PyGen_Type`.
#[no_mangle]
pub static mut PyGen_Type: PyTypeObject = gen_type(
    c"generator",
    Some(gen_iternext),
    null_mut(),
    (&raw const GEN_METHODS).cast(),
    (&raw const GEN_GETSET).cast(),
);

static mut CORO_AS_ASYNC: PyAsyncMethods = PyAsyncMethods {
    am_await: Some(coro_await),
    am_aiter: None,
    am_anext: None,
    am_send: None,
};

/// `PyCoro_Type`.
#[no_mangle]
pub static mut PyCoro_Type: PyTypeObject = gen_type(
    c"coroutine",
    None,
    &raw mut CORO_AS_ASYNC,
    (&raw const CORO_METHODS).cast(),
    (&raw const CORO_GETSET).cast(),
);

/// `_PyCoroWrapper_Type`: what `coroutine.__await__()` returns.
#[no_mangle]
pub static mut _PyCoroWrapper_Type: PyTypeObject = PyTypeObject {
    tp_dealloc: Some(wrapper_dealloc),
    tp_iter: Some(crate::object::iterobject::self_iter),
    tp_iternext: Some(wrapper_next),
    tp_methods: (&raw const WRAPPER_METHODS).cast_mut().cast(),
    ..type_template(c"coroutine_wrapper", std::mem::size_of::<PyGenObject>(), 0)
};

/// Whether `op` is a generator or coroutine of ours.
pub unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*op).ob_type == &raw mut PyGen_Type || (*op).ob_type == &raw mut PyCoro_Type }
}

/// What a generator-like object is called in messages.
unsafe fn kind(g: *mut PyObject) -> &'static str {
    // SAFETY: g is a generator, coroutine or async generator.
    unsafe {
        let tp = (*g).ob_type;
        if tp == &raw mut PyCoro_Type {
            "coroutine"
        } else if tp == &raw mut crate::vm::asyncgen::PyAsyncGen_Type {
            "async generator"
        } else {
            "generator"
        }
    }
}

/// The iterator a generator suspended in `yield from` or `await`
/// delegates to (`_PyGen_yf`), borrowed; NULL when it is not delegating.
pub unsafe fn delegate(g: *mut PyObject) -> *mut PyObject {
    // SAFETY: g is generator-like; a suspended frame's stack holds the
    // receiver on top while it waits at `YIELD_VALUE 1`.
    unsafe {
        let f = (*g.cast::<PyGenObject>()).frame;
        if f.is_null() || (*g.cast::<PyGenObject>()).running != 0 {
            return null_mut();
        }
        let fo = fr(f);
        if fo.lasti() < 0 || fo.stacktop < 1 {
            return null_mut();
        }
        let unit = crate::vm::code::data(fo.code).code[fo.lasti() as usize];
        if unit != ferrython_compiler::bytecode::Opcode::YIELD_VALUE as u16 | (1 << 8) {
            return null_mut();
        }
        *frame::slots(f).add((fo.nlocalsplus + fo.stacktop - 1) as usize)
    }
}

/// Whether generator-like `g` is running (`gi_running`).
pub unsafe fn is_running(g: *mut PyObject) -> bool {
    // SAFETY: g is generator-like.
    unsafe { (*g.cast::<PyGenObject>()).running != 0 }
}

/// Runs `f` with the generator marked as running (while it works on the
/// iterator it delegates to).
unsafe fn while_running<T>(g: *mut PyObject, f: impl FnOnce() -> T) -> T {
    // SAFETY: g is generator-like.
    unsafe {
        let go = g.cast::<PyGenObject>();
        (*go).running = 1;
        let r = f();
        (*go).running = 0;
        r
    }
}

/// Throws the raised exception into `g` (`_gen_throw`): into the iterator
/// it delegates to first, if any. A `GeneratorExit` closes that iterator
/// instead when `close_on_genexit` (async generators pass false so that
/// their awaits can finish the work).
pub unsafe fn throw_raised(g: *mut PyObject, close_on_genexit: bool) -> PyResult<Sent> {
    // SAFETY: g is generator-like; the indicator holds the exception.
    unsafe {
        let yf = delegate(g);
        if yf.is_null() {
            return send_ex(g, none::none(), true);
        }
        let yf = Owned::from_borrowed(yf);
        if close_on_genexit && errors::matches(exc::PyExc_GeneratorExit) {
            let e = errors::take().expect("GeneratorExit is raised");
            if while_running(g, || close_iter(yf.as_ptr())).is_ok() {
                errors::restore(e);
            }
            return send_ex(g, none::none(), true);
        }
        let r = if check(yf.as_ptr()) {
            // The delegate runs on top of this generator's frame, as if
            // its `yield from` had resumed it: its tracebacks, `f_back`
            // and `sys._getframe()` see the whole chain.
            let f = (*g.cast::<PyGenObject>()).frame;
            frame::push(f);
            let r = while_running(g, || throw_raised(yf.as_ptr(), close_on_genexit));
            frame::pop(f);
            xdecref(std::mem::replace(&mut fr(f).f_back, null_mut()));
            r
        } else {
            let e = errors::take().expect("an exception is raised");
            match protocol::getattr_opt(yf.as_ptr(), crate::interned!("throw"))? {
                None => {
                    errors::restore(e);
                    return send_ex(g, none::none(), true);
                }
                Some(m) => while_running(g, || {
                    protocol::call_args(m.as_ptr(), &[e.as_ptr()]).map(Sent::Yielded)
                }),
            }
        };
        match r {
            Ok(Sent::Yielded(v)) => Ok(Sent::Yielded(v)),
            // The delegate finished: its StopIteration (or other error)
            // goes into this frame, where `CLEANUP_THROW` takes the value.
            Ok(Sent::Returned(v)) => {
                stop_iteration(v);
                send_ex(g, none::none(), true)
            }
            Err(_) => send_ex(g, none::none(), true),
        }
    }
}

/// Closes the iterator a generator delegates to (`gen_close_iter`).
unsafe fn close_iter(yf: *mut PyObject) -> PyResult<()> {
    // SAFETY: yf valid.
    unsafe {
        if check(yf) {
            return close(yf).map(drop);
        }
        // A failing lookup of `close` is reported, and closing goes on.
        match protocol::getattr_opt(yf, crate::interned!("close")) {
            Ok(Some(m)) => {
                protocol::call_args(m.as_ptr(), &[])?;
            }
            Ok(None) => {}
            Err(_) => crate::capi::exceptions::PyErr_WriteUnraisable(yf),
        }
        Ok(())
    }
}

/// Whether an exception raised where suspended frame `f` stopped would be
/// caught by its code, not just by the handler that every generator has
/// around its body (turning `StopIteration` into `RuntimeError`).
unsafe fn handles_exit(f: *mut PyObject) -> bool {
    use ferrython_compiler::bytecode::{Intrinsic1, Opcode};
    // SAFETY: f is a suspended frame; its code object is alive.
    unsafe {
        let lasti = fr(f).lasti() as u32;
        let cd = crate::vm::code::data(fr(f).code);
        let Some(h) = cd
            .exceptiontable
            .iter()
            .find(|e| e.start <= lasti && lasti < e.end)
        else {
            return false;
        };
        let guard =
            Opcode::CALL_INTRINSIC_1 as u16 | ((Intrinsic1::StopIterationError as u16) << 8);
        cd.code.get(h.target as usize) != Some(&guard)
    }
}

/// `gen.close()`: throws `GeneratorExit` in and returns the generator's
/// return value (None if it finished by raising).
pub unsafe fn close(g: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: g is generator-like.
    unsafe {
        let go = g.cast::<PyGenObject>();
        if (*go).frame.is_null() {
            return Ok(Owned::from_borrowed_static(none::none()));
        }
        if fr((*go).frame).lasti() < 0 {
            release_frame(go);
            return Ok(Owned::from_borrowed_static(none::none()));
        }
        let yf = delegate(g);
        if yf.is_null() && !handles_exit((*go).frame) {
            // Nothing would catch the GeneratorExit: CPython finishes the
            // generator without running it (no events, no frame).
            release_frame(go);
            return Ok(Owned::from_borrowed_static(none::none()));
        }
        let closed = if yf.is_null() {
            Ok(())
        } else {
            let yf = Owned::from_borrowed(yf);
            while_running(g, || close_iter(yf.as_ptr()))
        };
        if closed.is_ok() {
            errors::set_object(exc::PyExc_GeneratorExit, null_mut());
        }
        match send_ex(g, none::none(), true) {
            Ok(Sent::Yielded(_)) => Err(errors::runtime_error(format!(
                "{} ignored GeneratorExit",
                kind(g)
            ))),
            Ok(Sent::Returned(v)) => Ok(v),
            Err(e) => {
                if errors::matches(exc::PyExc_GeneratorExit)
                    || errors::matches(exc::PyExc_StopIteration)
                {
                    errors::clear();
                    return Ok(Owned::from_borrowed_static(none::none()));
                }
                Err(e)
            }
        }
    }
}

/// Lets go of a generator's frame (it finished or was closed): the frame,
/// if something else keeps it, no longer names the generator.
unsafe fn release_frame(go: *mut PyGenObject) {
    // SAFETY: go is generator-like; its frame, when set, is owned.
    unsafe {
        let f = std::mem::replace(&mut (*go).frame, null_mut());
        if !f.is_null() {
            fr(f).generator = null_mut();
            decref(f);
        }
    }
}

/// Makes the generator, coroutine or async generator (by the code's
/// flags) that will run frame `f`.
pub unsafe fn new(f: Owned, flags: u32) -> PyResult<Owned> {
    use ferrython_compiler::bytecode::co_flags;
    // SAFETY: f is a fresh frame of a generator function.
    unsafe {
        let tp = if flags & co_flags::COROUTINE != 0 {
            &raw mut PyCoro_Type
        } else if flags & co_flags::ASYNC_GENERATOR != 0 {
            &raw mut crate::vm::asyncgen::PyAsyncGen_Type
        } else {
            &raw mut PyGen_Type
        };
        let op = crate::object::alloc::generic_alloc(tp, 0);
        if op.is_null() {
            return Err(Raised::assume());
        }
        let g = op.cast::<PyGenObject>();
        let fo = fr(f.as_ptr());
        let (name, qualname) = if fo.func.is_null() {
            let d = crate::vm::code::data(fo.code);
            (d.name.clone(), d.qualname.clone())
        } else {
            let func = &*fo.func.cast::<crate::vm::function::PyFunctionObject>();
            (
                Owned::from_borrowed(func.func_name),
                Owned::from_borrowed(func.func_qualname),
            )
        };
        // Frames are tracked once they outlive a run; this one lives on
        // in the generator.
        crate::object::gc::track(f.as_ptr());
        fo.generator = op;
        (*g).frame = f.into_raw();
        (*g).name = name.into_raw();
        (*g).qualname = qualname.into_raw();
        (*g).code = new_ref(fo.code);
        let g = Owned::from_raw_unchecked(op);
        if tp == &raw mut PyCoro_Type {
            let depth = crate::runtime::tstate::get().coroutine_origin_tracking_depth;
            if depth > 0 {
                (*op.cast::<PyGenObject>()).origin = origin(depth as usize)?.into_raw();
            }
        }
        crate::object::gc::track(op);
        Ok(g)
    }
}

/// `cr_origin` of a coroutine made now (`compute_cr_origin`): the
/// `(filename, lineno, funcname)` of up to `depth` frames, from the one
/// creating it outwards.
unsafe fn origin(depth: usize) -> PyResult<Owned> {
    let mut items = Vec::new();
    let mut f = crate::vm::frame::current();
    // SAFETY: the running frames are alive; each holds its `f_back`.
    unsafe {
        while !f.is_null() && items.len() < depth {
            let d = crate::vm::code::data(fr(f).code);
            let line = crate::vm::frame::lineno(f).map_or(-1, i64::from);
            let line = crate::object::int::from_i64(line)?;
            items.push(tuple::pack(&[
                d.filename.as_ptr(),
                line.as_ptr(),
                d.name.as_ptr(),
            ])?);
            f = fr(f).f_back;
        }
    }
    tuple::from_vec(items)
}

/// What resuming produced.
pub enum Sent {
    /// The generator yielded this value.
    Yielded(Owned),
    /// The generator returned this value.
    Returned(Owned),
}

/// Resumes the generator with `value` (or with the raised exception when
/// `throw`): `gen_send_ex`.
pub unsafe fn send_ex(g: *mut PyObject, value: *mut PyObject, throw: bool) -> PyResult<Sent> {
    // SAFETY: g is a generator; its frame (if any) is suspended.
    unsafe {
        let go = g.cast::<PyGenObject>();
        let kind = kind(g);
        if (*go).running != 0 {
            return Err(errors::value_error(format!("{kind} already executing")));
        }
        let f = (*go).frame;
        if f.is_null() {
            if kind == "coroutine" {
                // A finished coroutine refuses what is thrown in too.
                if throw {
                    errors::clear();
                }
                return Err(errors::runtime_error(
                    "cannot reuse already awaited coroutine",
                ));
            }
            if throw {
                return Err(Raised::assume());
            }
            return Ok(Sent::Returned(Owned::from_borrowed_static(none::none())));
        }
        let fo = fr(f);
        if fo.lasti() < 0 {
            if !throw && value != none::none() {
                return Err(errors::type_error(format!(
                    "can't send non-None value to a just-started {kind}"
                )));
            }
        } else if fo.pending_jump >= 0
            && !throw
            && crate::vm::tracing::active(crate::runtime::tstate::get())
        {
            // A trace function set `f_lineno` when it yielded: the traced
            // loop goes on at that line, which has no use for the value.
        } else {
            // The value of the suspended yield expression (None under a
            // throw: the exception table's depth counts that slot).
            fo.pending_jump = -1;
            push_sent(f, if throw { none::none() } else { value });
        }
        // The frame handles its own exceptions: the caller's are set aside
        // (still seen by `sys.exception()` when the frame has none) and
        // the frame's own return when it suspends.
        exc_state_in(go);
        let ts = crate::runtime::tstate::get();
        if throw {
            // What is thrown in happens inside the frame's own handler
            // (`_PyErr_ChainStackItem`).
            let own = ts.handled_exception;
            if !own.is_null() && own != none::none() {
                if let Some(e) = errors::take() {
                    exc::chain_context(e.as_ptr(), own);
                    errors::restore(e);
                }
            }
        }
        (*go).running = 1;
        let r = crate::vm::eval::resume(f, throw);
        (*go).running = 0;
        exc_state_out(go);
        match r {
            Ok(Exit::Yield(v)) => Ok(Sent::Yielded(v)),
            Ok(Exit::Return(v)) => {
                release_frame(go);
                Ok(Sent::Returned(v))
            }
            Err(e) => {
                release_frame(go);
                Err(e)
            }
        }
    }
}

/// Pushes a new reference to `v` on the stack of suspended generator frame
/// `f`: the value of the yield expression it waits at.
#[inline]
unsafe fn push_sent(f: *mut PyObject, v: *mut PyObject) {
    // SAFETY: f is a suspended frame with room for the value (caller
    // contract); v is a live object.
    unsafe {
        let fo = fr(f);
        let slot = frame::slots(f).add((fo.nlocalsplus + fo.stacktop) as usize);
        *slot = new_ref(v);
        fo.stacktop += 1;
    }
}

/// Before generator `go` runs: its own handled exception becomes the
/// thread's, and the caller's is set aside (`exc_state_out` undoes this).
#[inline]
unsafe fn exc_state_in(go: *mut PyGenObject) {
    // SAFETY: go is a live generator (caller contract).
    unsafe {
        let ts = crate::runtime::tstate::get();
        let outer = std::mem::replace(
            &mut ts.handled_exception,
            std::mem::replace(&mut (*go).exc_state, null_mut()),
        );
        ts.exc_outer.push(outer);
    }
}

/// After generator `go` ran: it keeps its handled exception, and the
/// caller's comes back.
#[inline]
unsafe fn exc_state_out(go: *mut PyGenObject) {
    // SAFETY: go is a live generator that exc_state_in prepared.
    unsafe {
        let ts = crate::runtime::tstate::get();
        let outer = ts.exc_outer.pop().unwrap_or(null_mut());
        let own = std::mem::replace(&mut ts.handled_exception, outer);
        xdecref(std::mem::replace(&mut (*go).exc_state, own));
    }
}

/// Starts the next step of generator `g` (an exact generator) in the
/// caller's eval loop, which runs its frame on top of its own (`FOR_ITER`,
/// as CPython's `FOR_ITER_GEN`): the frame, with `None` pushed as the
/// value of the yield it is suspended at, and the generator marked running
/// with its own handled exception in place; None (nothing done) when the
/// generator is running, finished, or waits for a jump a trace function
/// set, which [`send_ex`] handles. [`leave_inline`] undoes this.
#[inline]
pub unsafe fn enter_inline(g: *mut PyObject) -> Option<*mut PyObject> {
    // SAFETY: g is a generator; its frame (if any) is suspended.
    unsafe {
        let go = g.cast::<PyGenObject>();
        let f = (*go).frame;
        if (*go).running != 0 || f.is_null() || fr(f).pending_jump >= 0 {
            return None;
        }
        let fo = fr(f);
        if fo.lasti() >= 0 {
            push_sent(f, none::none());
        }
        exc_state_in(go);
        (*go).running = 1;
        Some(f)
    }
}

/// The generator frame `f` that [`enter_inline`] started stopped: it
/// yielded, or it `finished` (returned or raised); the generator is no
/// longer running and its handled exception is set aside again, as
/// [`send_ex`] does after its run.
#[inline]
pub unsafe fn leave_inline(f: *mut PyObject, finished: bool) {
    // SAFETY: f is the frame of a generator that enter_inline started;
    // the caller's stack keeps the generator alive.
    unsafe {
        let go = fr(f).generator.cast::<PyGenObject>();
        (*go).running = 0;
        exc_state_out(go);
        if finished {
            release_frame(go);
        }
    }
}

/// Raises `StopIteration(value)` (the value wrapped in a tuple if needed).
pub unsafe fn stop_iteration(v: Owned) -> Raised {
    // SAFETY: the class is static; the argument tuple keeps tuples intact.
    unsafe {
        if v.as_ptr() == none::none() {
            return errors::set_object(exc::PyExc_StopIteration, null_mut());
        }
        match tuple::pack(&[v.as_ptr()]) {
            Ok(t) => errors::set_object(exc::PyExc_StopIteration, t.as_ptr()),
            Err(r) => r,
        }
    }
}

unsafe extern "C" fn gen_iternext(op: *mut PyObject) -> *mut PyObject {
    guard_iter(|| {
        // SAFETY: op is a generator.
        unsafe {
            match send_ex(op, none::none(), false)? {
                Sent::Yielded(v) => Ok(Some(v)),
                Sent::Returned(v) if v.as_ptr() == none::none() => Ok(None),
                Sent::Returned(v) => Err(stop_iteration(v)),
            }
        }
    })
}

unsafe extern "C" fn gen_send(op: *mut PyObject, arg: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a generator.
        unsafe {
            match send_ex(op, arg, false)? {
                Sent::Yielded(v) => Ok(v),
                Sent::Returned(v) => Err(stop_iteration(v)),
            }
        }
    })
}

/// The exception that `throw(exc)` / `throw(type[, value[, tb]])` means
/// (the three-argument form warns).
pub unsafe fn throw_args_exception(name: &str, a: &[*mut PyObject]) -> PyResult<Owned> {
    // SAFETY: the arguments are valid objects.
    unsafe {
        if a.is_empty() {
            return Err(errors::type_error(format!(
                "{name} expected at least 1 argument, got 0"
            )));
        }
        if a.len() > 3 {
            return Err(errors::type_error(format!(
                "{name} expected at most 3 arguments, got {}",
                a.len()
            )));
        }
        if a.len() > 1 {
            crate::modules::_warnings::deprecation(
                &format!(
                    "the (type, exc, tb) signature of {name}() is deprecated, use the single-arg signature instead."
                ),
                1,
            )?;
        }
        let value = a
            .get(1)
            .copied()
            .filter(|&v| v != none::none())
            .unwrap_or(null_mut());
        let e = if exc::is_class(a[0]) {
            // When making the exception fails, that error is what the
            // generator gets.
            match exc::instantiate(a[0], value) {
                Ok(e) => e,
                Err(r) => return errors::take().ok_or(r),
            }
        } else if exc::is_instance(a[0]) {
            if !value.is_null() {
                return Err(errors::type_error(
                    "instance exception may not have a separate value",
                ));
            }
            Owned::from_borrowed(a[0])
        } else {
            return Err(errors::type_error(format!(
                "exceptions must be classes or instances deriving from BaseException, not {}",
                crate::object::typeobj::type_name(a[0])
            )));
        };
        if let Some(&tb) = a.get(2) {
            if tb != none::none() {
                if !crate::vm::traceback::check(tb) {
                    return Err(errors::type_error(
                        "throw() third argument must be a traceback object",
                    ));
                }
                let b = e.as_ptr().cast::<PyBaseExceptionObject>();
                xdecref(std::mem::replace(&mut (*b).traceback, new_ref(tb)));
            }
        }
        Ok(e)
    }
}

/// `gen.throw(exc)` / `gen.throw(type[, value[, tb]])`.
unsafe extern "C" fn gen_throw(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a generator; args holds nargs objects.
        unsafe {
            let a = crate::capi::call::arg_slice(args, nargs as usize);
            errors::restore(throw_args_exception("throw", a)?);
            match throw_raised(op, true)? {
                Sent::Yielded(v) => Ok(v),
                Sent::Returned(v) => Err(stop_iteration(v)),
            }
        }
    })
}

unsafe extern "C" fn gen_close(op: *mut PyObject, _unused: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a generator.
    guard_obj(|| unsafe { close(op) })
}

/// `tp_finalize` of generators, coroutines and async generators
/// (`_PyGen_Finalize`): an unfinished async generator goes to its
/// finalizer hook when it has one, a coroutine that never started warns
/// that it was never awaited, and other suspended generators are closed
/// so their `finally` blocks run. The collector runs it before it breaks
/// cycles, so the frame still holds intact objects. Errors are reported
/// as unraisable. The caller keeps `g` alive.
pub(crate) unsafe extern "C" fn gen_finalize(g: *mut PyObject) {
    // SAFETY: g is generator-like with a reference held for the call.
    unsafe {
        let f = (*g.cast::<PyGenObject>()).frame;
        if f.is_null() {
            return;
        }
        let saved = errors::take();
        let r = match crate::vm::asyncgen::finalizer_hook(g) {
            Some(h) => protocol::call_args(h, &[g]).map(drop),
            None if fr(f).lasti() < 0 && (*g).ob_type == &raw mut PyCoro_Type => {
                warn_unawaited(g);
                Ok(())
            }
            None => close(g).map(drop),
        };
        if r.is_err() {
            crate::capi::exceptions::PyErr_WriteUnraisable(g);
        }
        if let Some(e) = saved {
            errors::restore(e);
        }
    }
}

/// `RuntimeWarning: coroutine '...' was never awaited`, for a coroutine
/// destroyed before it started (`_PyErr_WarnUnawaitedCoroutine`): through
/// `warnings._warn_unawaited_coroutine` (which adds where the coroutine
/// was made when `cr_origin` is set), else directly. A failure is
/// reported as unraisable.
unsafe fn warn_unawaited(c: *mut PyObject) {
    // SAFETY: c is a coroutine with a reference held for the call.
    unsafe {
        // Once `sys.modules` is gone (late in finalization) there is no
        // one to warn, and CPython's warning is lost too.
        let modules = crate::modules::sys_modules();
        if modules.is_null() {
            return;
        }
        // Imported if need be, except while the runtime finalizes.
        let through_warnings = || -> PyResult<bool> {
            let loaded =
                crate::object::dict::get_item_known_hash_str(modules, crate::interned!("warnings"));
            let warnings = if !loaded.is_null() && loaded != none::none() {
                Owned::from_borrowed(loaded)
            } else if crate::runtime::lifecycle::is_finalizing() {
                return Ok(false);
            } else {
                crate::runtime::import::import_absolute("warnings")?
            };
            match protocol::getattr_opt(
                warnings.as_ptr(),
                crate::interned!("_warn_unawaited_coroutine"),
            )? {
                Some(f) => protocol::call_args(f.as_ptr(), &[c]).map(|_| true),
                None => Ok(false),
            }
        };
        let warned = match through_warnings() {
            Ok(w) => w,
            Err(_) => {
                crate::capi::exceptions::PyErr_WriteUnraisable(c);
                false
            }
        };
        if warned {
            return;
        }
        let q = pystr::as_str((*c.cast::<PyGenObject>()).qualname).unwrap_or("?");
        if let Ok(msg) = std::ffi::CString::new(format!("coroutine '{q}' was never awaited")) {
            if crate::capi::warnings::PyErr_WarnEx(exc::PyExc_RuntimeWarning, msg.as_ptr(), 1) < 0 {
                crate::capi::exceptions::PyErr_WriteUnraisable(c);
            }
        }
    }
}

/// `tp_dealloc` of generators, coroutines and async generators.
pub(crate) unsafe extern "C" fn gen_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; finalizing revives the object for the
    // duration, and a finalizer that keeps a reference resurrects it.
    unsafe {
        if !(*op.cast::<PyGenObject>()).weakreflist.is_null() {
            crate::object::weakref::clear_weakrefs(op);
        }
        if !(*op.cast::<PyGenObject>()).frame.is_null()
            && crate::object::subtype::call_finalizer_from_dealloc(op)
        {
            return;
        }
        crate::object::gc::untrack(op);
        crate::vm::asyncgen::clear_extra(op);
        let go = op.cast::<PyGenObject>();
        release_frame(go);
        xdecref((*go).name);
        xdecref((*go).qualname);
        xdecref((*go).code);
        xdecref((*go).exc_state);
        xdecref((*go).origin);
        crate::object::alloc::gc_free(op.cast());
    }
}

pub(crate) unsafe extern "C" fn gen_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> libc::c_int {
    // SAFETY: op is a generator.
    unsafe {
        let g = &*op.cast::<PyGenObject>();
        crate::object::gc::visit_all(&[g.frame, g.exc_state, g.origin], visit, arg)
    }
}

pub(crate) unsafe extern "C" fn gen_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a generator.
        unsafe {
            let kind = crate::object::typeobj::short_name((*op).ob_type);
            let q = pystr::as_str((*op.cast::<PyGenObject>()).qualname)?;
            pystr::from_str(&format!("<{kind} object {q} at {op:p}>"))
        }
    })
}

static GEN_METHODS: [PyMethodDef; 4] = [
    method(c"send", gen_send as *const c_void, METH_O).with_doc(
        c"send(value)\n\nResumes the generator with value as the result of the yield it\nstopped at; returns what it yields next, or raises StopIteration.",
    ),
    method(c"throw", gen_throw as *const c_void, METH_FASTCALL).with_doc(
        c"throw(exc)\n\nRaises exc in generator code at the yield it stopped at; returns\nwhat it yields next, or raises StopIteration. The older\nthrow(type[, value[, traceback]]) form is deprecated.",
    ),
    method(c"close", gen_close as *const c_void, METH_NOARGS).with_doc(
        c"close()\n\nRaises GeneratorExit inside generator code so that it finishes.",
    ),
    METHOD_END,
];

const CORO_SEND_DOC: &std::ffi::CStr = c"send(value)\n\nResumes the coroutine, passing value into coroutine code as the\nresult of the await it stopped at; returns what it passes out next,\nor raises StopIteration.";
const CORO_THROW_DOC: &std::ffi::CStr = c"throw(exc)\n\nRaises exc in coroutine code at the await it stopped at; returns\nwhat it passes out next, or raises StopIteration. The older\nthrow(type[, value[, traceback]]) form is deprecated.";
const CORO_CLOSE_DOC: &std::ffi::CStr =
    c"close()\n\nRaises GeneratorExit inside coroutine code so that it finishes.";

/// The methods of coroutines.
static CORO_METHODS: [PyMethodDef; 4] = [
    method(c"send", gen_send as *const c_void, METH_O).with_doc(CORO_SEND_DOC),
    method(c"throw", gen_throw as *const c_void, METH_FASTCALL).with_doc(CORO_THROW_DOC),
    method(c"close", gen_close as *const c_void, METH_NOARGS).with_doc(CORO_CLOSE_DOC),
    METHOD_END,
];

pub(crate) unsafe extern "C" fn get_name(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a generator.
    unsafe { new_ref((*op.cast::<PyGenObject>()).name) }
}

pub(crate) unsafe extern "C" fn get_qualname(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a generator.
    unsafe { new_ref((*op.cast::<PyGenObject>()).qualname) }
}

/// Sets `__name__`/`__qualname__` (`gen_set_name`): str only.
unsafe fn set_str_field(
    op: *mut PyObject,
    v: *mut PyObject,
    field: fn(&mut PyGenObject) -> &mut *mut PyObject,
    what: &str,
) -> libc::c_int {
    // SAFETY: op is generator-like; v NULL (delete) or valid.
    unsafe {
        if v.is_null() || !pystr::check(v) {
            errors::type_error(format!("{what} must be set to a string object"));
            return -1;
        }
        let slot = field(&mut *op.cast::<PyGenObject>());
        xdecref(std::mem::replace(slot, new_ref(v)));
        0
    }
}

pub(crate) unsafe extern "C" fn set_name(
    op: *mut PyObject,
    v: *mut PyObject,
    _c: *mut c_void,
) -> libc::c_int {
    // SAFETY: op is generator-like.
    unsafe { set_str_field(op, v, |g| &mut g.name, "__name__") }
}

pub(crate) unsafe extern "C" fn set_qualname(
    op: *mut PyObject,
    v: *mut PyObject,
    _c: *mut c_void,
) -> libc::c_int {
    // SAFETY: op is generator-like.
    unsafe { set_str_field(op, v, |g| &mut g.qualname, "__qualname__") }
}

/// The name of a generator-like object's attribute for audit events:
/// `names` are the generator's, coroutine's and async generator's.
unsafe fn attr_name(g: *mut PyObject, names: [&'static str; 3]) -> &'static str {
    // SAFETY: g is a generator, coroutine or async generator.
    unsafe {
        let tp = (*g).ob_type;
        if tp == &raw mut PyCoro_Type {
            names[1]
        } else if tp == &raw mut crate::vm::asyncgen::PyAsyncGen_Type {
            names[2]
        } else {
            names[0]
        }
    }
}

/// `gi_code` / `cr_code` / `ag_code`, audited as `object.__getattr__`.
pub(crate) unsafe extern "C" fn get_code(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is generator-like.
    unsafe {
        let name = attr_name(op, ["gi_code", "cr_code", "ag_code"]);
        if crate::runtime::audit::audit_getattr(op, name).is_err() {
            return null_mut();
        }
        new_ref((*op.cast::<PyGenObject>()).code)
    }
}

/// `gi_yieldfrom` / `cr_await` / `ag_await`.
pub(crate) unsafe extern "C" fn get_delegate(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is generator-like.
    unsafe {
        let d = delegate(op);
        new_ref(if d.is_null() { none::none() } else { d })
    }
}

/// `gi_suspended`: whether the frame is paused at a yield.
pub(crate) unsafe extern "C" fn get_suspended(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is generator-like.
    unsafe {
        let g = &*op.cast::<PyGenObject>();
        let s = !g.frame.is_null() && g.running == 0 && fr(g.frame).lasti() >= 0;
        new_ref(crate::object::bool::from_bool(s))
    }
}

/// `gi_frame` / `cr_frame` / `ag_frame`, audited as `object.__getattr__`.
pub(crate) unsafe extern "C" fn get_frame(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a generator.
    unsafe {
        let name = attr_name(op, ["gi_frame", "cr_frame", "ag_frame"]);
        if crate::runtime::audit::audit_getattr(op, name).is_err() {
            return null_mut();
        }
        let f = (*op.cast::<PyGenObject>()).frame;
        new_ref(if f.is_null() { none::none() } else { f })
    }
}

pub(crate) unsafe extern "C" fn get_running(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a generator.
    unsafe { new_ref(crate::object::bool::from_bool(is_running(op))) }
}

static GEN_GETSET: [PyGetSetDef; 8] = [
    getset(c"__name__", Some(get_name), Some(set_name)),
    getset(c"__qualname__", Some(get_qualname), Some(set_qualname)),
    getset(c"gi_frame", Some(get_frame), None),
    getset(c"gi_running", Some(get_running), None),
    getset(c"gi_code", Some(get_code), None),
    getset(c"gi_yieldfrom", Some(get_delegate), None),
    getset(c"gi_suspended", Some(get_suspended), None),
    GETSET_END,
];

/// `cr_origin`: where the coroutine was made, or None.
unsafe extern "C" fn get_origin(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a coroutine.
    unsafe {
        let o = (*op.cast::<PyGenObject>()).origin;
        new_ref(if o.is_null() { none::none() } else { o })
    }
}

static CORO_GETSET: [PyGetSetDef; 9] = [
    getset(c"__name__", Some(get_name), Some(set_name)).with_doc(c"The name of the coroutine."),
    getset(c"__qualname__", Some(get_qualname), Some(set_qualname))
        .with_doc(c"The qualified name of the coroutine."),
    getset(c"cr_frame", Some(get_frame), None),
    getset(c"cr_running", Some(get_running), None),
    getset(c"cr_code", Some(get_code), None),
    getset(c"cr_await", Some(get_delegate), None),
    getset(c"cr_suspended", Some(get_suspended), None),
    getset(c"cr_origin", Some(get_origin), None),
    GETSET_END,
];

/// `coroutine.__await__()`: an iterator driving the coroutine.
unsafe extern "C" fn coro_await(op: *mut PyObject) -> *mut PyObject {
    guard(|| {
        // SAFETY: op is a coroutine; the wrapper borrows its layout field
        // `frame` to hold the coroutine.
        unsafe {
            let w = crate::object::alloc::generic_alloc(&raw mut _PyCoroWrapper_Type, 0);
            if w.is_null() {
                return null_mut();
            }
            (*w.cast::<PyGenObject>()).frame = new_ref(op);
            w
        }
    })
}

unsafe extern "C" fn wrapper_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        xdecref((*op.cast::<PyGenObject>()).frame);
        crate::object::alloc::raw_free(op.cast());
    }
}

unsafe extern "C" fn wrapper_next(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a coroutine wrapper.
    unsafe { gen_iternext((*op.cast::<PyGenObject>()).frame) }
}

unsafe extern "C" fn wrapper_send(op: *mut PyObject, arg: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a coroutine wrapper.
    unsafe { gen_send((*op.cast::<PyGenObject>()).frame, arg) }
}

unsafe extern "C" fn wrapper_throw(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
) -> *mut PyObject {
    // SAFETY: op is a coroutine wrapper.
    unsafe { gen_throw((*op.cast::<PyGenObject>()).frame, args, nargs) }
}

unsafe extern "C" fn wrapper_close(op: *mut PyObject, a: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a coroutine wrapper.
    unsafe { gen_close((*op.cast::<PyGenObject>()).frame, a) }
}

static WRAPPER_METHODS: [PyMethodDef; 4] = [
    method(c"send", wrapper_send as *const c_void, METH_O).with_doc(CORO_SEND_DOC),
    method(c"throw", wrapper_throw as *const c_void, METH_FASTCALL).with_doc(CORO_THROW_DOC),
    method(c"close", wrapper_close as *const c_void, METH_NOARGS).with_doc(CORO_CLOSE_DOC),
    METHOD_END,
];
