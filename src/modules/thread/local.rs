//! `_thread._local`: an object whose attributes are per thread.
//!
//! Each thread's attributes live in a dict stored in that thread state's
//! dict (`PyThreadState_GetDict`) under a key object private to the local,
//! so a thread's dicts go away with the thread. Every attribute access
//! puts the calling thread's dict in the instance's `__dict__` slot for
//! the generic lookup and empties the slot afterwards, so the local never
//! keeps a finished thread's dict alive (threading's `_DummyThread` is
//! dropped when its thread's dict goes). A thread that first touches a local of a subclass
//! with its own `__init__` runs it with the constructor's arguments.
use crate::capi::boundary::{guard_obj, guard_status};
use crate::ffi::*;
use crate::object::descr::{getset, GETSET_END};
use crate::object::refcount::{decref, incref, xdecref, xincref};
use crate::object::typeobj::{self, type_template};
use crate::object::{dict, object as pyobject, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use libc::c_int;
use std::ptr::null_mut;

/// A `_thread._local` instance.
#[repr(C)]
pub struct LocalObject {
    pub ob_base: PyObject,
    /// Private key of this local in the thread states' dicts (an `object()`).
    pub key: *mut PyObject,
    /// The constructor's arguments (a tuple) and keywords (NULL or a dict),
    /// for `__init__` in each new thread.
    pub args: *mut PyObject,
    pub kwargs: *mut PyObject,
    /// The `__dict__` slot: the dict of the thread that last used it.
    pub dict: *mut PyObject,
}

/// `_thread._local`.
pub static mut LOCAL_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(local_dealloc),
    tp_traverse: Some(local_traverse),
    tp_clear: Some(local_clear),
    tp_getattro: Some(local_getattro),
    tp_setattro: Some(local_setattro),
    tp_new: Some(local_new),
    tp_dictoffset: std::mem::offset_of!(LocalObject, dict) as Py_ssize_t,
    tp_getset: (&raw const LOCAL_GETSET).cast_mut().cast(),
    ..type_template(c"_thread._local", std::mem::size_of::<LocalObject>(), 0)
};

static LOCAL_GETSET: [PyGetSetDef; 2] =
    [getset(c"__dict__", Some(local_get_dict), None), GETSET_END];

/// `__dict__`: the calling thread's attributes.
unsafe extern "C" fn local_get_dict(
    op: *mut PyObject,
    _closure: *mut libc::c_void,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a local; thread_dict leaves a dict in its slot.
        unsafe {
            with_thread_dict(op, true, || {
                Ok(crate::Owned::from_borrowed(fields(op).dict))
            })
        }
    })
}

unsafe fn fields<'a>(op: *mut PyObject) -> &'a mut LocalObject {
    // SAFETY: the caller passes a local (or subclass instance).
    unsafe { &mut *op.cast::<LocalObject>() }
}

unsafe extern "C" fn local_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: tp is _local or a subclass; args a tuple; kwds NULL or a
        // dict.
        unsafe {
            let has_args = tuple::size(args) != 0 || (!kwds.is_null() && dict::len(kwds) != 0);
            let base_init = crate::object::object::PyBaseObject_Type.tp_init;
            if has_args && (*tp).tp_init.map(|f| f as usize) == base_init.map(|f| f as usize) {
                return Err(errors::type_error(
                    "Initialization arguments are not supported",
                ));
            }
            let alloc = (*tp)
                .tp_alloc
                .unwrap_or(crate::capi::allocation::PyType_GenericAlloc);
            let op = errors::check(alloc(tp, 0))?;
            let key = crate::object::protocol::call_args(
                (&raw mut crate::object::object::PyBaseObject_Type).cast(),
                &[],
            )?;
            let f = fields(op.as_ptr());
            f.key = key.into_raw();
            incref(args);
            f.args = args;
            xincref(kwds);
            f.kwargs = kwds;
            // The creating thread's dict exists from the start; the
            // constructor's __init__ call initializes it.
            with_thread_dict(op.as_ptr(), false, || Ok(()))?;
            Ok(op)
        }
    })
}

/// Runs `f` with the calling thread's dict for `op` in its `__dict__`
/// slot (see [`thread_dict`]), then empties the slot: the thread state's
/// dict owns the thread's attributes, the local does not.
unsafe fn with_thread_dict<T>(
    op: *mut PyObject,
    init: bool,
    f: impl FnOnce() -> PyResult<T>,
) -> PyResult<T> {
    // SAFETY: op is a live local; we hold the GIL.
    unsafe {
        thread_dict(op, init)?;
        if fields(op).dict.is_null() {
            // A subclass's __init__ set attributes, which emptied the slot.
            thread_dict(op, false)?;
        }
        let r = f();
        xdecref(std::mem::replace(&mut fields(op).dict, null_mut()));
        r
    }
}

/// Puts the calling thread's dict for `op` in its `__dict__` slot,
/// creating it (and, with `init`, running a subclass's `__init__`) on this
/// thread's first use.
unsafe fn thread_dict(op: *mut PyObject, init: bool) -> PyResult<()> {
    // SAFETY: op is a live local; we hold the GIL.
    unsafe {
        let tsdict = crate::capi::gil::PyThreadState_GetDict();
        if tsdict.is_null() {
            return Err(errors::system_error("Couldn't get thread-state dictionary"));
        }
        let f = fields(op);
        let d = dict::get_item(tsdict, f.key)?;
        if !d.is_null() {
            if d != f.dict {
                incref(d);
                xdecref(std::mem::replace(&mut f.dict, d));
            }
            return Ok(());
        }
        let d = dict::new()?;
        dict::set_item(tsdict, f.key, d.as_ptr())?;
        xdecref(std::mem::replace(&mut f.dict, d.into_raw()));
        let tp = (*op).ob_type;
        let base_init = crate::object::object::PyBaseObject_Type.tp_init;
        // A local the collector cleared has no arguments left to run it with.
        let overridden = (*tp).tp_init.map(|f| f as usize) != base_init.map(|f| f as usize);
        if init && overridden && !f.args.is_null() {
            if let Some(i) = (*tp).tp_init {
                let (args, kwargs) = (f.args, f.kwargs);
                if i(op, args, kwargs) < 0 {
                    // This thread's dict is left unusable, as in CPython.
                    let _ = dict::del_item_opt(tsdict, fields(op).key);
                    return Err(Raised::assume());
                }
            }
        }
        Ok(())
    }
}

unsafe extern "C" fn local_getattro(op: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a local; name valid.
        unsafe { with_thread_dict(op, true, || pyobject::generic_getattr(op, name)) }
    })
}

unsafe extern "C" fn local_setattro(
    op: *mut PyObject,
    name: *mut PyObject,
    value: *mut PyObject,
) -> c_int {
    guard_status(|| {
        // SAFETY: op is a local; name valid; value NULL or valid.
        unsafe {
            if crate::object::str::check(name)
                && crate::object::str::as_str_opt(name) == Some("__dict__")
            {
                return Err(errors::attribute_error(format!(
                    "'{}' object attribute '__dict__' is read-only",
                    typeobj::type_name(op)
                )));
            }
            with_thread_dict(op, true, || pyobject::generic_setattr(op, name, value))
        }
    })
}

/// `local_traverse`: the constructor's arguments and the `__dict__` slot
/// (a thread's attributes may refer back to the local).
unsafe extern "C" fn local_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut libc::c_void,
) -> c_int {
    // SAFETY: op is a local.
    unsafe {
        let f = fields(op);
        crate::object::gc::visit_all(&[f.key, f.args, f.kwargs, f.dict], visit, arg)
    }
}

/// `local_clear`: drops the arguments and the `__dict__` slot.
unsafe extern "C" fn local_clear(op: *mut PyObject) -> c_int {
    // SAFETY: op is a local owning these fields.
    unsafe {
        let f = fields(op);
        for p in [&mut f.args, &mut f.kwargs, &mut f.dict] {
            xdecref(std::mem::replace(p, null_mut()));
        }
    }
    0
}

unsafe extern "C" fn local_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; the fields are owned or NULL.
    unsafe {
        crate::object::gc::untrack(op);
        let f = fields(op);
        // The thread's dict as it is: none is created for this.
        let ts = crate::runtime::tstate::current();
        let tsdict = if ts.is_null() { null_mut() } else { (*ts).dict };
        if !tsdict.is_null() && !f.key.is_null() {
            errors::keeping_raised(|| dict::del_item_opt(tsdict, f.key).map(|_| ())).unwrap_or(());
        }
        for p in [&mut f.key, &mut f.args, &mut f.kwargs, &mut f.dict] {
            xdecref(std::mem::replace(p, null_mut()));
        }
        let tp = (*op).ob_type;
        if let Some(free) = (*tp).tp_free {
            free(op.cast());
        }
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(tp.cast());
        }
    }
}
