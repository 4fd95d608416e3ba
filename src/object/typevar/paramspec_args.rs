//! `typing.ParamSpecArgs` and `typing.ParamSpecKwargs`: what `P.args` and
//! `P.kwargs` are, equal when their `ParamSpec`s are.
use super::bind_args;
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::descr::{getset, method, GETSET_END, METHOD_END};
use crate::object::refcount::*;
use crate::object::typeobj::type_template;
use crate::object::{protocol, str as pystr};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::c_void;

#[repr(C)]
struct AttrObject {
    ob_base: PyObject,
    origin: *mut PyObject,
}

const fn attr_type(name: &'static std::ffi::CStr) -> PyTypeObject {
    PyTypeObject {
        tp_flags: Py_TPFLAGS_HAVE_GC,
        tp_dealloc: Some(attr_dealloc),
        tp_traverse: Some(attr_traverse),
        tp_repr: Some(attr_repr),
        tp_richcompare: Some(attr_richcompare),
        tp_new: Some(attr_new),
        tp_methods: (&raw const ATTR_METHODS).cast_mut().cast(),
        tp_getset: (&raw const ATTR_GETSET).cast_mut().cast(),
        tp_free: Some(crate::capi::gc::PyObject_GC_Del),
        ..type_template(name, std::mem::size_of::<AttrObject>(), 0)
    }
}

/// `_PyParamSpecArgs_Type`.
#[no_mangle]
pub static mut _PyParamSpecArgs_Type: PyTypeObject = attr_type(c"typing.ParamSpecArgs");

/// `_PyParamSpecKwargs_Type`.
#[no_mangle]
pub static mut _PyParamSpecKwargs_Type: PyTypeObject = attr_type(c"typing.ParamSpecKwargs");

/// `origin.args` (or `origin.kwargs` when `kwargs`).
pub unsafe fn new(origin: *mut PyObject, kwargs: bool) -> PyResult<Owned> {
    let t = if kwargs {
        &raw mut _PyParamSpecKwargs_Type
    } else {
        &raw mut _PyParamSpecArgs_Type
    };
    // SAFETY: origin valid.
    unsafe { alloc(t, origin) }
}

unsafe fn alloc(t: *mut PyTypeObject, origin: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: t is one of the two types; origin valid.
    unsafe {
        let op = crate::object::alloc::generic_alloc(t, 0);
        if op.is_null() {
            return Err(Raised::assume());
        }
        (*op.cast::<AttrObject>()).origin = new_ref(origin);
        crate::object::gc::track(op);
        Ok(Owned::from_raw_unchecked(op))
    }
}

unsafe fn origin(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a ParamSpecArgs/Kwargs.
    unsafe { (*op.cast::<AttrObject>()).origin }
}

unsafe extern "C" fn attr_new(
    t: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple; kwargs NULL or a dict.
        unsafe {
            let fname = if t == &raw mut _PyParamSpecKwargs_Type {
                "paramspeckwargs"
            } else {
                "paramspecargs"
            };
            let b = bind_args(fname, args, kwargs, &["origin"], &[], false)?;
            if b.values[0].is_null() {
                return Err(errors::type_error(format!(
                    "{fname}() missing required argument 'origin' (pos 1)"
                )));
            }
            alloc(t, b.values[0])
        }
    })
}

unsafe extern "C" fn attr_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        xdecref(origin(op));
        crate::object::alloc::gc_free(op.cast());
    }
}

unsafe extern "C" fn attr_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> i32 {
    // SAFETY: op is a ParamSpecArgs/Kwargs.
    unsafe {
        match visit {
            Some(v) => v(origin(op), arg),
            None => 0,
        }
    }
}

/// `P.args` / `P.kwargs`, from the origin's `__name__`.
unsafe extern "C" fn attr_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a ParamSpecArgs/Kwargs.
        unsafe {
            let o = origin(op);
            let what = if (*op).ob_type == &raw mut _PyParamSpecKwargs_Type {
                "kwargs"
            } else {
                "args"
            };
            let name = if (*o).ob_type == &raw mut super::typeparam::_PyParamSpec_Type {
                Owned::from_borrowed((*o.cast::<super::typeparam::TypeParamObject>()).name)
            } else {
                protocol::repr(o)?
            };
            pystr::from_str(&format!("{}.{what}", pystr::as_str(name.as_ptr())?))
        }
    })
}

unsafe extern "C" fn attr_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: i32,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is a ParamSpecArgs/Kwargs; b valid.
        unsafe {
            if (*a).ob_type != (*b).ob_type || (op != Py_EQ && op != Py_NE) {
                return Ok(Owned::from_borrowed_static(
                    crate::object::none::not_implemented(),
                ));
            }
            protocol::rich_compare(origin(a), origin(b), op)
        }
    })
}

unsafe extern "C" fn get_origin(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a ParamSpecArgs/Kwargs.
    unsafe { new_ref(origin(op)) }
}

unsafe extern "C" fn attr_mro_entries(op: *mut PyObject, _bases: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op valid.
        let kind = unsafe { crate::object::typeobj::short_name((*op).ob_type) };
        Err(errors::type_error(format!(
            "Cannot subclass an instance of {kind}"
        )))
    })
}

static ATTR_METHODS: [PyMethodDef; 2] = [
    method(
        c"__mro_entries__",
        attr_mro_entries as *const c_void,
        METH_O,
    ),
    METHOD_END,
];

static ATTR_GETSET: [PyGetSetDef; 2] = [getset(c"__origin__", Some(get_origin), None), GETSET_END];
