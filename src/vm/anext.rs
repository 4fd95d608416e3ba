//! `anext_awaitable`: what `anext(aiterator, default)` returns. Awaiting
//! it drives `aiterator.__anext__()`'s awaitable and turns its
//! `StopAsyncIteration` into a return of `default` (CPython's
//! `Objects/iterobject.c`).
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::descr::{method, METHOD_END};
use crate::object::exceptions as exc;
use crate::object::protocol;
use crate::object::refcount::*;
use crate::object::typeobj::type_template;
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::c_void;

#[repr(C)]
struct AnextAwaitable {
    ob_base: PyObject,
    wrapped: *mut PyObject,
    default_value: *mut PyObject,
}

static mut ANEXT_AS_ASYNC: PyAsyncMethods = PyAsyncMethods {
    am_await: Some(crate::object::iterobject::self_iter),
    am_aiter: None,
    am_anext: None,
    am_send: None,
};

/// `_PyAnextAwaitable_Type`.
#[no_mangle]
pub static mut _PyAnextAwaitable_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(anext_dealloc),
    tp_traverse: Some(anext_traverse),
    tp_as_async: &raw mut ANEXT_AS_ASYNC,
    tp_iter: Some(crate::object::iterobject::self_iter),
    tp_iternext: Some(anext_iternext),
    tp_methods: (&raw const ANEXT_METHODS).cast_mut().cast(),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    ..type_template(c"anext_awaitable", std::mem::size_of::<AnextAwaitable>(), 0)
};

/// `PyAnextAwaitable_New`.
pub unsafe fn new(wrapped: *mut PyObject, default_value: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: the type is static; both arguments valid.
    unsafe {
        let op = crate::object::alloc::generic_alloc(&raw mut _PyAnextAwaitable_Type, 0);
        if op.is_null() {
            return Err(Raised::assume());
        }
        let a = &mut *op.cast::<AnextAwaitable>();
        a.wrapped = new_ref(wrapped);
        a.default_value = new_ref(default_value);
        crate::object::gc::track(op);
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// The iterator behind the wrapped awaitable (`anextawaitable_getiter`);
/// a coroutine is driven through its `__await__` wrapper.
unsafe fn awaitable_iter(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is an anext_awaitable.
    unsafe {
        let wrapped = (*op.cast::<AnextAwaitable>()).wrapped;
        let it = crate::vm::ops::get_awaitable(wrapped)?;
        if (*(*it.as_ptr()).ob_type).tp_iternext.is_some() {
            return Ok(it);
        }
        let am = (*(*it.as_ptr()).ob_type).tp_as_async;
        match if am.is_null() { None } else { (*am).am_await } {
            Some(f) => errors::check(f(it.as_ptr())),
            None => Err(errors::type_error(format!(
                "'{}' object can't be awaited",
                crate::object::typeobj::type_name(it.as_ptr())
            ))),
        }
    }
}

/// One step: `next(it)` or `it.<meth>(*args)`, with `StopAsyncIteration`
/// becoming `StopIteration(default)`.
unsafe fn proxy(op: *mut PyObject, meth: Option<&str>, args: &[*mut PyObject]) -> PyResult<Owned> {
    // SAFETY: op is an anext_awaitable.
    unsafe {
        let it = awaitable_iter(op)?;
        let r = match meth {
            None => match (*(*it.as_ptr()).ob_type).tp_iternext {
                Some(next) => errors::check(next(it.as_ptr())),
                None => Err(errors::type_error(format!(
                    "__await__() returned non-iterator of type '{}'",
                    crate::object::typeobj::type_name(it.as_ptr())
                ))),
            },
            Some(m) => protocol::call_method_obj(it.as_ptr(), m, args),
        };
        match r {
            Err(e) => {
                if errors::occurred().is_null() {
                    return Err(e);
                }
                if errors::matches(exc::PyExc_StopAsyncIteration) {
                    errors::clear();
                    let d = (*op.cast::<AnextAwaitable>()).default_value;
                    return Err(crate::vm::genobject::stop_iteration(Owned::from_borrowed(
                        d,
                    )));
                }
                Err(e)
            }
            ok => ok,
        }
    }
}

unsafe extern "C" fn anext_iternext(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is an anext_awaitable.
    guard_obj(|| unsafe { proxy(op, None, &[]) })
}

unsafe extern "C" fn anext_send(op: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is an anext_awaitable.
    guard_obj(|| unsafe { proxy(op, Some("send"), &[v]) })
}

unsafe extern "C" fn anext_throw(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an anext_awaitable; args holds nargs objects.
        unsafe {
            let a = crate::capi::call::arg_slice(args, nargs as usize);
            let e = crate::vm::genobject::throw_args_exception("throw", a)?;
            proxy(op, Some("throw"), &[e.as_ptr()])
        }
    })
}

unsafe extern "C" fn anext_close(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is an anext_awaitable.
    guard_obj(|| unsafe { proxy(op, Some("close"), &[]) })
}

unsafe extern "C" fn anext_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        let a = &*op.cast::<AnextAwaitable>();
        xdecref(a.wrapped);
        xdecref(a.default_value);
        crate::object::alloc::gc_free(op.cast());
    }
}

unsafe extern "C" fn anext_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> i32 {
    // SAFETY: op is an anext_awaitable.
    unsafe {
        let Some(v) = visit else { return 0 };
        let a = &*op.cast::<AnextAwaitable>();
        for p in [a.wrapped, a.default_value] {
            let r = v(p, arg);
            if r != 0 {
                return r;
            }
        }
        0
    }
}

static ANEXT_METHODS: [PyMethodDef; 4] = [
    method(c"send", anext_send as *const c_void, METH_O),
    method(c"throw", anext_throw as *const c_void, METH_FASTCALL),
    method(c"close", anext_close as *const c_void, METH_NOARGS),
    METHOD_END,
];
