//! Generators and coroutines (`PyGen_Type`, `PyCoro_Type`): a suspended
//! frame resumed by `send`/`throw`/`close`, as PEP 342 and PEP 492 define.
use crate::capi::boundary::{guard, guard_iter, guard_obj};
use crate::ffi::*;
use crate::object::descr::{method, GETSET_END, METHOD_END};
use crate::object::refcount::*;
use crate::object::typeobj::type_template;
use crate::object::{exceptions as exc, none, str as pystr, tuple};
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
    pub running: u8,
}

const fn gen_type(
    name: &'static std::ffi::CStr,
    next: iternextfunc,
    am: *mut PyAsyncMethods,
) -> PyTypeObject {
    PyTypeObject {
        tp_flags: Py_TPFLAGS_HAVE_GC,
        tp_dealloc: Some(gen_dealloc),
        tp_repr: Some(gen_repr),
        tp_traverse: Some(gen_traverse),
        tp_iter: if next.is_some() {
            Some(crate::object::iterobject::self_iter)
        } else {
            None
        },
        tp_iternext: next,
        tp_as_async: am,
        tp_methods: (&raw const GEN_METHODS).cast_mut().cast(),
        tp_getset: (&raw const GEN_GETSET).cast_mut().cast(),
        tp_free: Some(crate::capi::gc::PyObject_GC_Del),
        ..type_template(name, std::mem::size_of::<PyGenObject>(), 0)
    }
}

/// `PyGen_Type`.
#[no_mangle]
pub static mut PyGen_Type: PyTypeObject = gen_type(c"generator", Some(gen_iternext), null_mut());

static mut CORO_AS_ASYNC: PyAsyncMethods = PyAsyncMethods {
    am_await: Some(coro_await),
    am_aiter: None,
    am_anext: None,
    am_send: None,
};

/// `PyCoro_Type`.
#[no_mangle]
pub static mut PyCoro_Type: PyTypeObject = gen_type(c"coroutine", None, &raw mut CORO_AS_ASYNC);

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

/// Makes the generator (or coroutine) that will run frame `f`.
pub unsafe fn new(f: Owned, coroutine: bool) -> PyResult<Owned> {
    // SAFETY: f is a fresh frame of a generator function.
    unsafe {
        let tp = if coroutine {
            &raw mut PyCoro_Type
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
        (*g).frame = f.into_raw();
        (*g).name = name.into_raw();
        (*g).qualname = qualname.into_raw();
        crate::object::gc::track(op);
        Ok(Owned::from_raw_unchecked(op))
    }
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
        let kind = if (*g).ob_type == &raw mut PyCoro_Type {
            "coroutine"
        } else {
            "generator"
        };
        if (*go).running != 0 {
            return Err(errors::value_error(format!("{kind} already executing")));
        }
        let f = (*go).frame;
        if f.is_null() {
            if throw {
                return Err(Raised::assume());
            }
            if kind == "coroutine" {
                return Err(errors::runtime_error(
                    "cannot reuse already awaited coroutine",
                ));
            }
            return Ok(Sent::Returned(Owned::from_borrowed_static(none::none())));
        }
        let fo = fr(f);
        if fo.lasti < 0 {
            if !throw && value != none::none() {
                return Err(errors::type_error(format!(
                    "can't send non-None value to a just-started {kind}"
                )));
            }
        } else if !throw {
            // The value of the suspended yield expression.
            let slot = frame::slots(f).add((fo.nlocalsplus + fo.stacktop) as usize);
            *slot = new_ref(value);
            fo.stacktop += 1;
        }
        (*go).running = 1;
        let r = crate::vm::eval::resume(f, throw);
        (*go).running = 0;
        match r {
            Ok(Exit::Yield(v)) => Ok(Sent::Yielded(v)),
            Ok(Exit::Return(v)) => {
                (*go).frame = null_mut();
                decref(f);
                Ok(Sent::Returned(v))
            }
            Err(e) => {
                (*go).frame = null_mut();
                decref(f);
                Err(e)
            }
        }
    }
}

/// Raises `StopIteration(value)` (the value wrapped in a tuple if needed).
unsafe fn stop_iteration(v: Owned) -> Raised {
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
            if a.is_empty() || a.len() > 3 {
                return Err(errors::type_error(format!(
                    "throw expected at least 1 argument, got {}",
                    a.len()
                )));
            }
            let value = a
                .get(1)
                .copied()
                .filter(|&v| v != none::none())
                .unwrap_or(null_mut());
            let e = if exc::is_class(a[0]) {
                exc::instantiate(a[0], value)?
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
            errors::restore(e);
            match send_ex(op, none::none(), true)? {
                Sent::Yielded(v) => Ok(v),
                Sent::Returned(v) => Err(stop_iteration(v)),
            }
        }
    })
}

unsafe extern "C" fn gen_close(op: *mut PyObject, _unused: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a generator.
        unsafe {
            let go = op.cast::<PyGenObject>();
            if (*go).frame.is_null() {
                return Ok(Owned::from_borrowed_static(none::none()));
            }
            if fr((*go).frame).lasti < 0 {
                let f = std::mem::replace(&mut (*go).frame, null_mut());
                decref(f);
                return Ok(Owned::from_borrowed_static(none::none()));
            }
            errors::set_object(exc::PyExc_GeneratorExit, null_mut());
            match send_ex(op, none::none(), true) {
                Ok(Sent::Yielded(_)) => {
                    Err(errors::runtime_error("generator ignored GeneratorExit"))
                }
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
    })
}

unsafe extern "C" fn gen_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        let go = op.cast::<PyGenObject>();
        xdecref((*go).frame);
        xdecref((*go).name);
        xdecref((*go).qualname);
        crate::object::alloc::gc_free(op.cast());
    }
}

unsafe extern "C" fn gen_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> libc::c_int {
    // SAFETY: op is a generator.
    unsafe {
        let f = (*op.cast::<PyGenObject>()).frame;
        match visit {
            Some(v) if !f.is_null() => v(f, arg),
            _ => 0,
        }
    }
}

unsafe extern "C" fn gen_repr(op: *mut PyObject) -> *mut PyObject {
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
    method(c"send", gen_send as *const c_void, METH_O),
    method(c"throw", gen_throw as *const c_void, METH_FASTCALL),
    method(c"close", gen_close as *const c_void, METH_NOARGS),
    METHOD_END,
];

unsafe extern "C" fn get_name(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a generator.
    unsafe { new_ref((*op.cast::<PyGenObject>()).name) }
}

unsafe extern "C" fn get_qualname(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a generator.
    unsafe { new_ref((*op.cast::<PyGenObject>()).qualname) }
}

unsafe extern "C" fn get_frame(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a generator.
    unsafe {
        let f = (*op.cast::<PyGenObject>()).frame;
        new_ref(if f.is_null() { none::none() } else { f })
    }
}

unsafe extern "C" fn get_running(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a generator.
    unsafe {
        new_ref(crate::object::bool::from_bool(
            (*op.cast::<PyGenObject>()).running != 0,
        ))
    }
}

static GEN_GETSET: [PyGetSetDef; 7] = [
    crate::object::descr::getset(c"__name__", Some(get_name), None),
    crate::object::descr::getset(c"__qualname__", Some(get_qualname), None),
    crate::object::descr::getset(c"gi_frame", Some(get_frame), None),
    crate::object::descr::getset(c"gi_running", Some(get_running), None),
    crate::object::descr::getset(c"cr_frame", Some(get_frame), None),
    crate::object::descr::getset(c"cr_running", Some(get_running), None),
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
    method(c"send", wrapper_send as *const c_void, METH_O),
    method(c"throw", wrapper_throw as *const c_void, METH_FASTCALL),
    method(c"close", wrapper_close as *const c_void, METH_NOARGS),
    METHOD_END,
];
