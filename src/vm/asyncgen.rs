//! Async generators (PEP 525, CPython's `Objects/genobject.c` second
//! half): `PyAsyncGen_Type`, the awaitables its `__anext__`/`asend` and
//! `athrow`/`aclose` return, and the wrapper that marks the values its
//! body yields (as opposed to what its awaits pass up to the event loop).
use crate::capi::boundary::{guard_iter, guard_obj};
use crate::ffi::*;
use crate::object::descr::{getset, method, GETSET_END, METHOD_END};
use crate::object::refcount::*;
use crate::object::typeobj::type_template;
use crate::object::{exceptions as exc, none, protocol};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::vm::genobject::{self, PyGenObject, Sent};
use crate::Owned;
use libc::c_void;
use std::ptr::null_mut;

/// An async generator: a generator object plus the event loop's hooks.
#[repr(C)]
pub struct PyAsyncGenObject {
    pub gen: PyGenObject,
    /// `sys.get_asyncgen_hooks().finalizer` when first iterated.
    pub finalizer: *mut PyObject,
    pub hooks_inited: u8,
    pub closed: u8,
    /// An `asend`/`athrow` awaitable is being iterated (`ag_running`).
    pub running_async: u8,
}

static mut AG_AS_ASYNC: PyAsyncMethods = PyAsyncMethods {
    am_await: None,
    am_aiter: Some(crate::object::iterobject::self_iter),
    am_anext: Some(ag_anext),
    am_send: None,
};

/// `PyAsyncGen_Type`.
#[no_mangle]
pub static mut PyAsyncGen_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(genobject::gen_dealloc),
    tp_finalize: Some(genobject::gen_finalize),
    tp_repr: Some(genobject::gen_repr),
    tp_traverse: Some(ag_traverse),
    tp_as_async: &raw mut AG_AS_ASYNC,
    tp_methods: (&raw const AG_METHODS).cast_mut().cast(),
    tp_getset: (&raw const AG_GETSET).cast_mut().cast(),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_weaklistoffset: (std::mem::offset_of!(PyAsyncGenObject, gen)
        + std::mem::offset_of!(PyGenObject, weakreflist)) as Py_ssize_t,
    ..type_template(
        c"async_generator",
        std::mem::size_of::<PyAsyncGenObject>(),
        0,
    )
};

unsafe fn ag<'a>(op: *mut PyObject) -> &'a mut PyAsyncGenObject {
    // SAFETY: op is an async generator.
    unsafe { &mut *op.cast::<PyAsyncGenObject>() }
}

/// The finalizer hook that takes over an unfinished async generator
/// being destroyed, if it is one and has such a hook.
pub unsafe fn finalizer_hook(g: *mut PyObject) -> Option<*mut PyObject> {
    // SAFETY: g is generator-like.
    unsafe {
        if (*g).ob_type != &raw mut PyAsyncGen_Type {
            return None;
        }
        let a = ag(g);
        (!a.finalizer.is_null() && a.closed == 0).then_some(a.finalizer)
    }
}

/// Drops what an async generator holds beyond a generator's fields.
pub unsafe fn clear_extra(g: *mut PyObject) {
    // SAFETY: g is generator-like and being destroyed.
    unsafe {
        if (*g).ob_type == &raw mut PyAsyncGen_Type {
            xdecref(std::mem::replace(&mut ag(g).finalizer, null_mut()));
        }
    }
}

unsafe extern "C" fn ag_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> i32 {
    // SAFETY: op is an async generator.
    unsafe {
        let f = ag(op).finalizer;
        if let Some(v) = visit {
            if !f.is_null() {
                let r = v(f, arg);
                if r != 0 {
                    return r;
                }
            }
        }
        genobject::gen_traverse(op, visit, arg)
    }
}

/// Runs the `firstiter` hook and records the `finalizer` the first time
/// the generator is iterated (`async_gen_init_hooks`).
unsafe fn init_hooks(g: *mut PyObject) -> PyResult<()> {
    // SAFETY: g is an async generator.
    unsafe {
        let a = ag(g);
        if a.hooks_inited != 0 {
            return Ok(());
        }
        a.hooks_inited = 1;
        let ts = crate::runtime::tstate::get();
        a.finalizer = xnew_ref(ts.async_gen_finalizer);
        let first = ts.async_gen_firstiter;
        if !first.is_null() {
            let first = Owned::from_borrowed(first);
            protocol::call_args(first.as_ptr(), &[g])?;
        }
        Ok(())
    }
}

/// Turns what the generator's frame produced into what an awaitable
/// driving it returns (`async_gen_unwrap_value`): a yielded (wrapped)
/// value ends the await with `StopIteration(value)`; a return is
/// `StopAsyncIteration`; anything else passes through to the event loop.
unsafe fn unwrap_value(g: *mut PyObject, r: PyResult<Sent>) -> PyResult<Owned> {
    // SAFETY: g is an async generator.
    unsafe {
        let a = ag(g);
        let v = match r {
            Ok(Sent::Yielded(v)) => v,
            Ok(Sent::Returned(_)) => {
                errors::set_object(exc::PyExc_StopAsyncIteration, null_mut());
                a.closed = 1;
                a.running_async = 0;
                return Err(Raised::assume());
            }
            Err(e) => {
                if errors::matches(exc::PyExc_StopAsyncIteration)
                    || errors::matches(exc::PyExc_GeneratorExit)
                {
                    a.closed = 1;
                }
                a.running_async = 0;
                return Err(e);
            }
        };
        if (*v.as_ptr()).ob_type == &raw mut _PyAsyncGenWrappedValue_Type {
            a.running_async = 0;
            let inner = Owned::from_borrowed((*v.as_ptr().cast::<WrappedValue>()).val);
            return Err(genobject::stop_iteration(inner));
        }
        Ok(v)
    }
}

unsafe extern "C" fn ag_anext(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an async generator.
        unsafe {
            init_hooks(op)?;
            asend_new(op, null_mut())
        }
    })
}

unsafe extern "C" fn ag_asend(op: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an async generator.
        unsafe {
            init_hooks(op)?;
            asend_new(op, v)
        }
    })
}

unsafe extern "C" fn ag_athrow(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an async generator; args holds nargs objects.
        unsafe {
            let a = crate::capi::call::arg_slice(args, nargs as usize);
            let e = genobject::throw_args_exception("athrow", a)?;
            init_hooks(op)?;
            athrow_new(op, e.as_ptr())
        }
    })
}

unsafe extern "C" fn ag_aclose(op: *mut PyObject, _unused: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an async generator.
        unsafe {
            init_hooks(op)?;
            athrow_new(op, null_mut())
        }
    })
}

unsafe extern "C" fn get_ag_running(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is an async generator.
    unsafe { new_ref(crate::object::bool::from_bool(ag(op).running_async != 0)) }
}

static AG_METHODS: [PyMethodDef; 4] = [
    method(c"asend", ag_asend as *const c_void, METH_O),
    method(c"athrow", ag_athrow as *const c_void, METH_FASTCALL),
    method(c"aclose", ag_aclose as *const c_void, METH_NOARGS),
    METHOD_END,
];

static AG_GETSET: [PyGetSetDef; 8] = [
    getset(
        c"__name__",
        Some(genobject::get_name),
        Some(genobject::set_name),
    ),
    getset(
        c"__qualname__",
        Some(genobject::get_qualname),
        Some(genobject::set_qualname),
    ),
    getset(c"ag_frame", Some(genobject::get_frame), None),
    getset(c"ag_running", Some(get_ag_running), None),
    getset(c"ag_code", Some(genobject::get_code), None),
    getset(c"ag_await", Some(genobject::get_delegate), None),
    getset(c"ag_suspended", Some(genobject::get_suspended), None),
    GETSET_END,
];

// ---------------------------------------------------------------------------
// The value wrapper.

#[repr(C)]
struct WrappedValue {
    ob_base: PyObject,
    val: *mut PyObject,
}

/// `_PyAsyncGenWrappedValue_Type`: marks a value the body yielded.
#[no_mangle]
pub static mut _PyAsyncGenWrappedValue_Type: PyTypeObject = PyTypeObject {
    tp_dealloc: Some(wrapped_dealloc),
    ..type_template(
        c"async_generator_wrapped_value",
        std::mem::size_of::<WrappedValue>(),
        0,
    )
};

/// `CALL_INTRINSIC_1 ASYNC_GEN_WRAP` (`_PyAsyncGenValueWrapperNew`).
pub unsafe fn wrap(v: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: v valid; the wrapper is a plain fixed-size object.
    unsafe {
        let op = crate::object::alloc::generic_alloc(&raw mut _PyAsyncGenWrappedValue_Type, 0);
        if op.is_null() {
            return Err(Raised::assume());
        }
        (*op.cast::<WrappedValue>()).val = new_ref(v);
        Ok(Owned::from_raw_unchecked(op))
    }
}

unsafe extern "C" fn wrapped_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        xdecref((*op.cast::<WrappedValue>()).val);
        crate::object::alloc::raw_free(op.cast());
    }
}

// ---------------------------------------------------------------------------
// The awaitables.

const STATE_INIT: u8 = 0;
const STATE_ITER: u8 = 1;
const STATE_CLOSED: u8 = 2;

/// `async_generator_asend` / `async_generator_athrow`: the generator and
/// the value to send (asend; NULL for `__anext__`) or the exception to
/// throw (athrow; NULL for `aclose`).
#[repr(C)]
struct Awaitable {
    ob_base: PyObject,
    gen: *mut PyObject,
    arg: *mut PyObject,
    state: u8,
}

unsafe fn aw<'a>(op: *mut PyObject) -> &'a mut Awaitable {
    // SAFETY: op is an asend or athrow object.
    unsafe { &mut *op.cast::<Awaitable>() }
}

const fn awaitable_type(
    name: &'static std::ffi::CStr,
    next: iternextfunc,
    am: *mut PyAsyncMethods,
    methods: *const [PyMethodDef; 4],
) -> PyTypeObject {
    PyTypeObject {
        tp_flags: Py_TPFLAGS_HAVE_GC,
        tp_dealloc: Some(awaitable_dealloc),
        tp_finalize: Some(awaitable_finalize),
        tp_traverse: Some(awaitable_traverse),
        tp_as_async: am,
        tp_iter: Some(crate::object::iterobject::self_iter),
        tp_iternext: next,
        tp_methods: methods.cast_mut().cast(),
        tp_free: Some(crate::capi::gc::PyObject_GC_Del),
        ..type_template(name, std::mem::size_of::<Awaitable>(), 0)
    }
}

static mut AWAITABLE_AS_ASYNC: PyAsyncMethods = PyAsyncMethods {
    am_await: Some(crate::object::iterobject::self_iter),
    am_aiter: None,
    am_anext: None,
    am_send: None,
};

/// `_PyAsyncGenASend_Type`.
#[no_mangle]
pub static mut _PyAsyncGenASend_Type: PyTypeObject = awaitable_type(
    c"async_generator_asend",
    Some(asend_iternext),
    &raw mut AWAITABLE_AS_ASYNC,
    &raw const ASEND_METHODS,
);

/// `_PyAsyncGenAThrow_Type`.
#[no_mangle]
pub static mut _PyAsyncGenAThrow_Type: PyTypeObject = awaitable_type(
    c"async_generator_athrow",
    Some(athrow_iternext),
    &raw mut AWAITABLE_AS_ASYNC,
    &raw const ATHROW_METHODS,
);

unsafe fn awaitable_new(
    tp: *mut PyTypeObject,
    g: *mut PyObject,
    arg: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: g is an async generator; arg NULL or valid.
    unsafe {
        let op = crate::object::alloc::generic_alloc(tp, 0);
        if op.is_null() {
            return Err(Raised::assume());
        }
        let a = aw(op);
        a.gen = new_ref(g);
        a.arg = xnew_ref(arg);
        a.state = STATE_INIT;
        crate::object::gc::track(op);
        Ok(Owned::from_raw_unchecked(op))
    }
}

unsafe fn asend_new(g: *mut PyObject, v: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: as awaitable_new.
    unsafe { awaitable_new(&raw mut _PyAsyncGenASend_Type, g, v) }
}

unsafe fn athrow_new(g: *mut PyObject, e: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: as awaitable_new.
    unsafe { awaitable_new(&raw mut _PyAsyncGenAThrow_Type, g, e) }
}

/// `tp_finalize` of both awaitables (`async_gen_asend_finalize`,
/// `async_gen_athrow_finalize`): one never awaited warns
/// "coroutine method 'asend' of '<qualname>' was never awaited" (or
/// 'athrow', 'aclose'); a failing warning is reported as unraisable.
unsafe extern "C" fn awaitable_finalize(op: *mut PyObject) {
    // SAFETY: op is an asend or athrow object held for the call; its
    // generator is alive.
    unsafe {
        let a = aw(op);
        if a.state != STATE_INIT {
            return;
        }
        let method = if (*op).ob_type == &raw mut _PyAsyncGenASend_Type {
            "asend"
        } else if a.arg.is_null() {
            "aclose"
        } else {
            "athrow"
        };
        let saved = errors::take();
        let qualname = (*a.gen.cast::<PyGenObject>()).qualname;
        let warned = crate::object::protocol::repr(qualname).and_then(|q| {
            let msg = crate::object::str::from_str(&format!(
                "coroutine method '{method}' of {} was never awaited",
                crate::object::str::as_str(q.as_ptr())?
            ))?;
            crate::modules::_warnings::warn(
                crate::object::exceptions::PyExc_RuntimeWarning,
                msg.as_ptr(),
                1,
                a.gen,
                null_mut(),
            )
        });
        if warned.is_err() {
            crate::capi::exceptions::PyErr_WriteUnraisable(a.gen);
        }
        if let Some(e) = saved {
            errors::restore(e);
        }
    }
}

unsafe extern "C" fn awaitable_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; a finalizer that keeps a reference
    // resurrects it.
    unsafe {
        if aw(op).state == STATE_INIT && crate::object::subtype::call_finalizer_from_dealloc(op) {
            return;
        }
        crate::object::gc::untrack(op);
        let a = aw(op);
        xdecref(a.gen);
        xdecref(a.arg);
        crate::object::alloc::gc_free(op.cast());
    }
}

unsafe extern "C" fn awaitable_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> i32 {
    // SAFETY: op is an asend or athrow object.
    unsafe {
        let a = aw(op);
        crate::object::gc::visit_all(&[a.gen, a.arg], visit, arg)
    }
}

/// `close()` of either awaitable (`async_gen_asend_close`,
/// `async_gen_athrow_close`): throws `GeneratorExit` in through it; the
/// generator finishing (or raising `GeneratorExit`) is success, and it
/// going on to yield is "coroutine ignored GeneratorExit".
unsafe extern "C" fn awaitable_close(op: *mut PyObject, _unused: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an asend or athrow object; the exception class is
        // static.
        unsafe {
            if aw(op).state == STATE_CLOSED {
                return Ok(none::owned());
            }
            let throw = if (*op).ob_type == &raw mut _PyAsyncGenASend_Type {
                asend_throw
            } else {
                athrow_throw
            };
            let exit = exc::PyExc_GeneratorExit;
            let r = throw(op, &exit, 1);
            if !r.is_null() {
                decref(r);
                return Err(errors::runtime_error("coroutine ignored GeneratorExit"));
            }
            if errors::matches(exc::PyExc_StopIteration)
                || errors::matches(exc::PyExc_StopAsyncIteration)
                || errors::matches(exc::PyExc_GeneratorExit)
            {
                errors::clear();
                return Ok(none::owned());
            }
            Err(Raised::assume())
        }
    })
}

const ASEND_REUSED: &str = "cannot reuse already awaited __anext__()/asend()";
const ATHROW_REUSED: &str = "cannot reuse already awaited aclose()/athrow()";

/// `asend.send(v)` (`async_gen_asend_send`); `v` NULL for `__next__`.
unsafe fn asend_send(op: *mut PyObject, v: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is an asend object.
    unsafe {
        let o = aw(op);
        let g = o.gen;
        if o.state == STATE_CLOSED {
            return Err(errors::runtime_error(ASEND_REUSED));
        }
        let mut v = if v.is_null() { none::none() } else { v };
        if o.state == STATE_INIT {
            if ag(g).running_async != 0 {
                o.state = STATE_CLOSED;
                return Err(errors::runtime_error(
                    "anext(): asynchronous generator is already running",
                ));
            }
            if v == none::none() && !o.arg.is_null() {
                v = o.arg;
            }
            o.state = STATE_ITER;
        }
        ag(g).running_async = 1;
        let r = unwrap_value(g, genobject::send_ex(g, v, false));
        if r.is_err() {
            o.state = STATE_CLOSED;
        }
        r
    }
}

unsafe extern "C" fn asend_iternext(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is an asend object.
    guard_iter(|| unsafe { asend_send(op, null_mut()).map(Some) })
}

unsafe extern "C" fn asend_send_meth(op: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is an asend object.
    guard_obj(|| unsafe { asend_send(op, v) })
}

/// The start of `asend.throw` / `athrow.throw`: refuses an awaitable
/// already awaited to its end (`reused`, the message) or one whose
/// generator another awaitable is running (`who` names the method in the
/// message); a fresh awaitable and its generator become running.
unsafe fn start_throw(o: &mut Awaitable, reused: &str, who: &str) -> PyResult<()> {
    if o.state == STATE_CLOSED {
        return Err(errors::runtime_error(reused));
    }
    if o.state == STATE_INIT {
        // SAFETY: o.gen is the async generator o was made for.
        let g = unsafe { ag(o.gen) };
        if g.running_async != 0 {
            o.state = STATE_CLOSED;
            return Err(errors::runtime_error(format!(
                "{who}(): asynchronous generator is already running"
            )));
        }
        o.state = STATE_ITER;
        g.running_async = 1;
    }
    Ok(())
}

unsafe extern "C" fn asend_throw(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an asend object; args holds nargs objects.
        unsafe {
            let o = aw(op);
            let g = o.gen;
            start_throw(o, ASEND_REUSED, "anext")?;
            let a = crate::capi::call::arg_slice(args, nargs as usize);
            errors::restore(genobject::throw_args_exception("throw", a)?);
            let r = unwrap_value(g, genobject::throw_raised(g, true));
            if r.is_err() {
                o.state = STATE_CLOSED;
            }
            r
        }
    })
}

static ASEND_METHODS: [PyMethodDef; 4] = [
    method(c"send", asend_send_meth as *const c_void, METH_O),
    method(c"throw", asend_throw as *const c_void, METH_FASTCALL),
    method(c"close", awaitable_close as *const c_void, METH_NOARGS),
    METHOD_END,
];

/// The end of an athrow/aclose await that failed (`check_error`): for
/// aclose, the generator finishing by `GeneratorExit` or
/// `StopAsyncIteration` is success, reported as `StopIteration`.
unsafe fn athrow_error(o: &mut Awaitable, e: Raised) -> PyResult<Owned> {
    // SAFETY: o.gen is an async generator.
    unsafe {
        ag(o.gen).running_async = 0;
        o.state = STATE_CLOSED;
        if o.arg.is_null()
            && (errors::matches(exc::PyExc_StopAsyncIteration)
                || errors::matches(exc::PyExc_GeneratorExit))
        {
            errors::clear();
            return Err(errors::set_object(exc::PyExc_StopIteration, null_mut()));
        }
        Err(e)
    }
}

/// An aclose that saw the generator yield a value instead of finishing.
unsafe fn ignored_exit(o: &mut Awaitable) -> Raised {
    // SAFETY: o.gen is an async generator.
    unsafe {
        ag(o.gen).running_async = 0;
        o.state = STATE_CLOSED;
        errors::runtime_error("async generator ignored GeneratorExit")
    }
}

/// Whether `v` is a value the body yielded.
unsafe fn is_wrapped(v: &Owned) -> bool {
    // SAFETY: v valid.
    unsafe { (*v.as_ptr()).ob_type == &raw mut _PyAsyncGenWrappedValue_Type }
}

/// What aclose makes of one step of the generator: a body yield is an
/// ignored `GeneratorExit`, a return the end of the close.
unsafe fn aclose_step(o: &mut Awaitable, r: PyResult<Sent>) -> PyResult<Owned> {
    // SAFETY: o.gen is an async generator.
    unsafe {
        match r {
            Ok(Sent::Yielded(v)) if is_wrapped(&v) => Err(ignored_exit(o)),
            Ok(Sent::Yielded(v)) => Ok(v),
            Ok(Sent::Returned(_)) => {
                let e = errors::set_object(exc::PyExc_StopAsyncIteration, null_mut());
                athrow_error(o, e)
            }
            Err(e) => athrow_error(o, e),
        }
    }
}

/// `athrow.send(v)` (`async_gen_athrow_send`).
unsafe fn athrow_send(op: *mut PyObject, v: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is an athrow object.
    unsafe {
        let o = aw(op);
        let g = o.gen;
        if o.state == STATE_CLOSED {
            return Err(errors::runtime_error(ATHROW_REUSED));
        }
        if (*g.cast::<PyGenObject>()).frame.is_null() {
            o.state = STATE_CLOSED;
            return Err(errors::set_object(exc::PyExc_StopIteration, null_mut()));
        }
        if o.state == STATE_INIT {
            if ag(g).running_async != 0 {
                o.state = STATE_CLOSED;
                let what = if o.arg.is_null() { "aclose" } else { "athrow" };
                return Err(errors::runtime_error(format!(
                    "{what}(): asynchronous generator is already running"
                )));
            }
            if ag(g).closed != 0 {
                o.state = STATE_CLOSED;
                return Err(errors::set_object(
                    exc::PyExc_StopAsyncIteration,
                    null_mut(),
                ));
            }
            if v != none::none() {
                return Err(errors::runtime_error(
                    "can't send non-None value to a just-started coroutine",
                ));
            }
            o.state = STATE_ITER;
            ag(g).running_async = 1;
            if o.arg.is_null() {
                ag(g).closed = 1;
                errors::set_object(exc::PyExc_GeneratorExit, null_mut());
                return aclose_step(o, genobject::throw_raised(g, false));
            }
            errors::restore(Owned::from_borrowed(o.arg));
            return match unwrap_value(g, genobject::throw_raised(g, false)) {
                Err(e) => athrow_error(o, e),
                ok => ok,
            };
        }
        let r = genobject::send_ex(g, v, false);
        if o.arg.is_null() {
            aclose_step(o, r)
        } else {
            unwrap_value(g, r)
        }
    }
}

unsafe extern "C" fn athrow_iternext(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is an athrow object.
    guard_iter(|| unsafe { athrow_send(op, none::none()).map(Some) })
}

unsafe extern "C" fn athrow_send_meth(op: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is an athrow object.
    guard_obj(|| unsafe { athrow_send(op, v) })
}

unsafe extern "C" fn athrow_throw(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an athrow object; args holds nargs objects.
        unsafe {
            let o = aw(op);
            let g = o.gen;
            start_throw(o, ATHROW_REUSED, "athrow")?;
            let a = crate::capi::call::arg_slice(args, nargs as usize);
            errors::restore(genobject::throw_args_exception("throw", a)?);
            let r = genobject::throw_raised(g, true);
            if !o.arg.is_null() {
                let r = unwrap_value(g, r);
                if r.is_err() {
                    o.state = STATE_CLOSED;
                }
                return r;
            }
            if !matches!(r, Ok(Sent::Yielded(_))) {
                // Finished, either way: it cannot be awaited again.
                o.state = STATE_CLOSED;
                ag(g).running_async = 0;
            }
            match r {
                Ok(Sent::Yielded(v)) if is_wrapped(&v) => Err(ignored_exit(o)),
                Ok(Sent::Yielded(v)) => Ok(v),
                Ok(Sent::Returned(_)) => {
                    Err(errors::set_object(exc::PyExc_StopIteration, null_mut()))
                }
                Err(e) => {
                    if errors::matches(exc::PyExc_StopAsyncIteration)
                        || errors::matches(exc::PyExc_GeneratorExit)
                    {
                        errors::clear();
                        return Err(errors::set_object(exc::PyExc_StopIteration, null_mut()));
                    }
                    Err(e)
                }
            }
        }
    })
}

static ATHROW_METHODS: [PyMethodDef; 4] = [
    method(c"send", athrow_send_meth as *const c_void, METH_O),
    method(c"throw", athrow_throw as *const c_void, METH_FASTCALL),
    method(c"close", awaitable_close as *const c_void, METH_NOARGS),
    METHOD_END,
];

/// `sys.set_asyncgen_hooks` storage check: a hook is a callable or None.
pub unsafe fn check_hook(v: *mut PyObject, what: &str) -> PyResult<()> {
    // SAFETY: v valid.
    unsafe {
        if v == none::none() || (*(*v).ob_type).tp_call.is_some() {
            return Ok(());
        }
        Err(errors::type_error(format!(
            "callable {what} expected, got {}",
            crate::object::typeobj::type_name(v)
        )))
    }
}
