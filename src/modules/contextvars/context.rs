//! `contextvars.Context` (`PyContext_Type`, CPython's `Python/context.c`):
//! an immutable-looking mapping from `ContextVar`s to values, and the
//! thread state's current context with entering and leaving.
//!
//! The variables live in a dict that contexts share copy-on-write: `copy()`
//! shares it, and a context about to change it copies it first when anyone
//! else (another context, an iterator) holds it. A context's own dict is
//! reached only through the `ContextVar` operations, whose keys hash and
//! compare without running Python code.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::modules::objtype::{meth_fast, meth_noargs, new_obj, ptr, state, state_refs, Obj};
use crate::object::descr::{method, METHOD_END};
use crate::object::refcount::*;
use crate::object::{bool as pybool, dict, none, protocol, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::runtime::tstate;
use crate::Owned;
use libc::{c_int, c_void};

/// A context: its variables (a dict), the context that was current when
/// it was entered (owned while entered), and whether it is entered.
pub struct Ctx {
    pub(super) vars: Option<Owned>,
    prev: Option<Owned>,
    entered: bool,
    weakreflist: *mut PyObject,
}
state_refs!(Ctx, vars, prev);

/// `PyContext_Type`.
#[no_mangle]
pub static mut PyContext_Type: PyTypeObject = PyTypeObject {
    tp_new: Some(context_new),
    tp_iter: Some(context_iter),
    tp_richcompare: Some(context_richcompare),
    tp_hash: Some(crate::capi::object::PyObject_HashNotImplemented),
    tp_getattro: Some(crate::object::object::PyObject_GenericGetAttr),
    tp_as_mapping: &raw mut CONTEXT_AS_MAPPING,
    tp_as_sequence: &raw mut CONTEXT_AS_SEQUENCE,
    tp_methods: (&raw const CONTEXT_METHODS).cast_mut().cast(),
    tp_weaklistoffset: std::mem::offset_of!(Obj<Ctx>, state.weakreflist) as Py_ssize_t,
    ..crate::modules::objtype::gc_type::<Ctx>(c"_contextvars.Context", 0)
};

static mut CONTEXT_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: Some(context_len),
    mp_subscript: Some(context_subscript),
    mp_ass_subscript: None,
};

static mut CONTEXT_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_contains: Some(context_contains),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

static CONTEXT_METHODS: [PyMethodDef; 7] = [
    method(c"get", context_get_method as *const c_void, METH_FASTCALL),
    method(c"items", context_items as *const c_void, METH_NOARGS),
    method(c"keys", context_keys as *const c_void, METH_NOARGS),
    method(c"values", context_values as *const c_void, METH_NOARGS),
    method(c"copy", context_copy as *const c_void, METH_NOARGS),
    method(
        c"run",
        context_run as *const c_void,
        METH_FASTCALL | METH_KEYWORDS,
    ),
    METHOD_END,
];

/// Whether `op` is exactly a `Context` (`PyContext_CheckExact`).
pub unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*op).ob_type == &raw mut PyContext_Type }
}

/// Raises `TypeError` unless `op` is a `Context` (CPython's `ENSURE_Context`).
pub unsafe fn ensure(op: *mut PyObject) -> PyResult<()> {
    // SAFETY: op valid.
    if unsafe { check(op) } {
        Ok(())
    } else {
        Err(errors::type_error("an instance of Context was expected"))
    }
}

/// A new context over `vars` (shared), or over a new empty dict.
pub fn new_context(vars: Option<*mut PyObject>) -> PyResult<Owned> {
    let vars = match vars {
        // SAFETY: the caller passes a live dict.
        Some(d) => unsafe { Owned::from_borrowed(d) },
        None => dict::new()?,
    };
    // SAFETY: the type's layout is Obj<Ctx>.
    unsafe {
        new_obj(
            &raw mut PyContext_Type,
            Ctx {
                vars: Some(vars),
                prev: None,
                entered: false,
                weakreflist: std::ptr::null_mut(),
            },
        )
    }
}

/// The variables dict of context `ctx` (borrowed).
#[inline]
pub unsafe fn vars(ctx: *mut PyObject) -> *mut PyObject {
    // SAFETY: ctx is a Context.
    ptr(&unsafe { state::<Ctx>(ctx) }.vars)
}

/// The variables dict of `ctx`, copied first when it is shared, so that it
/// may be changed in place.
pub unsafe fn vars_mut(ctx: *mut PyObject) -> PyResult<*mut PyObject> {
    // SAFETY: ctx is a Context; its dict is live.
    unsafe {
        let st = state::<Ctx>(ctx);
        let d = ptr(&st.vars);
        if (*d).ob_refcnt == 1 {
            return Ok(d);
        }
        let copy = dict::copy(d)?;
        let p = copy.as_ptr();
        st.vars = Some(copy);
        Ok(p)
    }
}

/// The current thread's context (borrowed), made empty on first use
/// (CPython's `context_get`).
pub fn current() -> PyResult<*mut PyObject> {
    let ts = tstate::get();
    if ts.context.is_null() {
        ts.context = new_context(None)?.into_raw();
    }
    Ok(ts.context)
}

/// Makes `ctx` the current context of the thread (`PyContext_Enter`).
pub unsafe fn enter(ctx: *mut PyObject) -> PyResult<()> {
    // SAFETY: ctx valid; checked to be a Context.
    unsafe {
        ensure(ctx)?;
        let st = state::<Ctx>(ctx);
        if st.entered {
            let r = protocol::repr_string(ctx)?;
            return Err(errors::runtime_error(format!(
                "cannot enter context: {r} is already entered"
            )));
        }
        let ts = tstate::get();
        st.prev = Owned::from_raw(std::mem::replace(&mut ts.context, new_ref(ctx)));
        st.entered = true;
        ts.context_ver += 1;
        Ok(())
    }
}

/// Restores the context that was current before `ctx` was entered
/// (`PyContext_Exit`).
pub unsafe fn exit(ctx: *mut PyObject) -> PyResult<()> {
    // SAFETY: ctx valid; checked to be a Context.
    unsafe {
        ensure(ctx)?;
        let st = state::<Ctx>(ctx);
        if !st.entered {
            let r = protocol::repr_string(ctx)?;
            return Err(errors::runtime_error(format!(
                "cannot exit context: {r} has not been entered"
            )));
        }
        let ts = tstate::get();
        if ts.context != ctx {
            return Err(errors::runtime_error(
                "cannot exit context: thread state references a different context object",
            ));
        }
        let prev = st.prev.take().map_or(std::ptr::null_mut(), Owned::into_raw);
        st.entered = false;
        let own = std::mem::replace(&mut ts.context, prev);
        ts.context_ver += 1;
        decref(own);
        Ok(())
    }
}

/// Raises `TypeError` unless `key` is a `ContextVar`.
unsafe fn check_key(key: *mut PyObject) -> PyResult<()> {
    // SAFETY: key valid.
    unsafe {
        if super::var::check(key) {
            return Ok(());
        }
        let r = protocol::repr_string(key)?;
        Err(errors::type_error(format!(
            "a ContextVar key was expected, got {r}"
        )))
    }
}

unsafe extern "C" fn context_new(
    _tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple; kwargs NULL or a dict.
        unsafe {
            if tuple::size(args) != 0 || (!kwargs.is_null() && dict::len(kwargs) != 0) {
                return Err(errors::type_error(
                    "Context() does not accept any arguments",
                ));
            }
        }
        new_context(None)
    })
}

unsafe extern "C" fn context_iter(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a Context.
    guard_obj(|| unsafe { protocol::get_iter(vars(op)) })
}

unsafe extern "C" fn context_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a and b valid.
        unsafe {
            if !check(a) || !check(b) || (op != Py_EQ && op != Py_NE) {
                return Ok(Owned::from_borrowed_static(none::not_implemented()));
            }
            // Hold both dicts: a value's __eq__ may set variables.
            let (x, y) = (Owned::from_borrowed(vars(a)), Owned::from_borrowed(vars(b)));
            let eq = protocol::rich_compare_bool(x.as_ptr(), y.as_ptr(), Py_EQ)?;
            Ok(Owned::from_borrowed_static(pybool::from_bool(
                eq == (op == Py_EQ),
            )))
        }
    })
}

unsafe extern "C" fn context_len(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: op is a Context.
    unsafe { dict::len(vars(op)) }
}

/// The value of `key` in context `op`, `None` when absent.
unsafe fn lookup(op: *mut PyObject, key: *mut PyObject) -> PyResult<*mut PyObject> {
    // SAFETY: op is a Context, key valid.
    unsafe {
        check_key(key)?;
        dict::get_item(vars(op), key)
    }
}

unsafe extern "C" fn context_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a Context, key valid.
        unsafe {
            let v = lookup(op, key)?;
            if v.is_null() {
                let exc = crate::object::exceptions::PyExc_KeyError;
                return Err(errors::set_object(exc, key));
            }
            Ok(Owned::from_borrowed(v))
        }
    })
}

unsafe extern "C" fn context_contains(op: *mut PyObject, key: *mut PyObject) -> c_int {
    // SAFETY: op is a Context, key valid.
    match unsafe { lookup(op, key) } {
        Ok(v) => (!v.is_null()) as c_int,
        Err(_) => -1,
    }
}

meth_fast!(context_get_method, |slf, args| {
    crate::modules::args::arity("get", args, 1, 2)?;
    let v = lookup(slf, args[0])?;
    Ok(Owned::from_borrowed(if !v.is_null() {
        v
    } else if args.len() == 2 {
        args[1]
    } else {
        none::none()
    }))
});

/// An iterator over the `what` view of the context's dict.
unsafe fn view_iter(op: *mut PyObject, what: &str) -> PyResult<Owned> {
    // SAFETY: op is a Context.
    unsafe {
        let view = protocol::call_method_obj(vars(op), what, &[])?;
        protocol::get_iter(view.as_ptr())
    }
}

meth_noargs!(context_items, |slf| view_iter(slf, "items"));
meth_noargs!(context_keys, |slf| view_iter(slf, "keys"));
meth_noargs!(context_values, |slf| view_iter(slf, "values"));
meth_noargs!(context_copy, |slf| new_context(Some(vars(slf))));

unsafe extern "C" fn context_run(
    slf: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        if nargs < 1 {
            return Err(errors::type_error(
                "run() missing 1 required positional argument",
            ));
        }
        // SAFETY: fastcall arguments: nargs positional then the keyword
        // values named by kwnames.
        unsafe {
            enter(slf)?;
            let r = crate::capi::call::vectorcall(*args, args.add(1), nargs as usize - 1, kwnames);
            let r = Owned::from_raw(r);
            exit(slf)?;
            r.ok_or_else(Raised::assume)
        }
    })
}
