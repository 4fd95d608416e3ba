//! `collections.defaultdict`: a dict subclass whose `__missing__` calls
//! `default_factory` (CPython's `defdict` in `Modules/_collectionsmodule.c`).
use crate::capi::boundary::{guard_obj, guard_status};
use crate::ffi::*;
use crate::modules::objtype::{meth_noargs, meth_o, type_short_name};
use crate::object::descr::{method, METHOD_END};
use crate::object::dict::PyDict_Type;
use crate::object::exceptions::{member, MEMBER_END};
use crate::object::protocol::ReprGuard;
use crate::object::refcount::*;
use crate::object::typeobj::type_template;
use crate::object::{dict, none, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::{c_int, c_void};
use std::ptr::null_mut;

/// A defaultdict: a dict followed by the factory (NULL reads as None).
#[repr(C)]
pub struct DefDict {
    dict: PyDictObject,
    default_factory: *mut PyObject,
}

/// `collections.defaultdict`.
pub static mut DEFDICT_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    tp_base: &raw mut PyDict_Type,
    tp_dealloc: Some(defdict_dealloc),
    tp_traverse: Some(defdict_traverse),
    tp_clear: Some(defdict_tp_clear),
    tp_repr: Some(defdict_repr),
    tp_init: Some(defdict_init),
    tp_methods: (&raw const DEFDICT_METHODS).cast_mut().cast(),
    tp_members: (&raw const DEFDICT_MEMBERS).cast_mut().cast(),
    tp_as_number: &raw mut DEFDICT_AS_NUMBER,
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    ..type_template(
        c"collections.defaultdict",
        std::mem::size_of::<DefDict>(),
        0,
    )
};

static mut DEFDICT_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_or: Some(defdict_or),
    // SAFETY: the remaining fields are nullable (inherited from dict).
    ..unsafe { std::mem::zeroed() }
};

static DEFDICT_METHODS: [PyMethodDef; 6] = [
    method(c"__missing__", defdict_missing as *const c_void, METH_O),
    method(c"copy", defdict_copy as *const c_void, METH_NOARGS),
    method(c"__copy__", defdict_copy as *const c_void, METH_NOARGS),
    method(c"__reduce__", defdict_reduce as *const c_void, METH_NOARGS),
    crate::object::genericalias::CLASS_GETITEM,
    METHOD_END,
];

static DEFDICT_MEMBERS: [PyMemberDef; 2] = [
    member(
        c"default_factory",
        std::mem::offset_of!(DefDict, default_factory),
        0,
        c"Factory for default value called by __missing__().",
    ),
    MEMBER_END,
];

unsafe fn factory(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a defaultdict.
    let f = unsafe { (*op.cast::<DefDict>()).default_factory };
    if f.is_null() {
        none::none()
    } else {
        f
    }
}

unsafe extern "C" fn defdict_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; op is a defaultdict.
    unsafe {
        crate::object::gc::untrack(op);
        xdecref(std::mem::replace(
            &mut (*op.cast::<DefDict>()).default_factory,
            null_mut(),
        ));
        if let Some(d) = PyDict_Type.tp_dealloc {
            d(op);
        }
    }
}

unsafe extern "C" fn defdict_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: op is a defaultdict.
    unsafe {
        let f = (*op.cast::<DefDict>()).default_factory;
        if let (Some(v), false) = (visit, f.is_null()) {
            let r = v(f, arg);
            if r != 0 {
                return r;
            }
        }
        match PyDict_Type.tp_traverse {
            Some(t) => t(op, visit, arg),
            None => 0,
        }
    }
}

unsafe extern "C" fn defdict_tp_clear(op: *mut PyObject) -> c_int {
    // SAFETY: op is a defaultdict.
    unsafe {
        xdecref(std::mem::replace(
            &mut (*op.cast::<DefDict>()).default_factory,
            null_mut(),
        ));
        match PyDict_Type.tp_clear {
            Some(c) => c(op),
            None => 0,
        }
    }
}

unsafe extern "C" fn defdict_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> c_int {
    guard_status(|| {
        // SAFETY: op is a defaultdict; args a tuple.
        unsafe {
            let a = tuple::items(args);
            let mut rest = a;
            let mut newf = null_mut();
            if let Some(&f) = a.first() {
                if f != none::none() && (*(*f).ob_type).tp_call.is_none() {
                    return Err(errors::type_error(
                        "first argument must be callable or None",
                    ));
                }
                if f != none::none() {
                    newf = f;
                }
                rest = &a[1..];
            }
            xincref(newf);
            xdecref(std::mem::replace(
                &mut (*op.cast::<DefDict>()).default_factory,
                newf,
            ));
            let rest = tuple::from_slice(rest)?;
            match PyDict_Type.tp_init {
                Some(init) if init(op, rest.as_ptr(), kwargs) < 0 => Err(Raised::assume()),
                _ => Ok(()),
            }
        }
    })
}

meth_o!(defdict_missing, |op, key| {
    let f = (*op.cast::<DefDict>()).default_factory;
    if f.is_null() || f == none::none() {
        return Err(errors::key_error(key));
    }
    let v = protocol::call_args(f, &[])?;
    protocol::set_item(op, key, v.as_ptr())?;
    Ok(v)
});

/// `type(op)(op.default_factory, src)`.
unsafe fn new_like(op: *mut PyObject, src: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is a defaultdict; src valid.
    unsafe { protocol::call_args((*op).ob_type.cast(), &[factory(op), src]) }
}

meth_noargs!(defdict_copy, |op| new_like(op, op));

meth_noargs!(defdict_reduce, |op| {
    let f = factory(op);
    let args = if f == none::none() {
        tuple::empty()
    } else {
        tuple::pack(&[f])?
    };
    let items = protocol::call_method_obj(op, "items", &[])?;
    let it = protocol::get_iter(items.as_ptr())?;
    let n = none::none();
    tuple::pack(&[(*op).ob_type.cast(), args.as_ptr(), n, n, it.as_ptr()])
});

unsafe extern "C" fn defdict_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a defaultdict.
        unsafe {
            let base = match PyDict_Type.tp_repr {
                Some(r) => errors::check(r(op))?,
                None => return Err(errors::system_error("dict has no repr")),
            };
            let f = factory(op);
            let frepr = if f == none::none() {
                "None".to_string()
            } else {
                match ReprGuard::enter(f)? {
                    None => "...".to_string(),
                    Some(_g) => protocol::repr_string(f)?,
                }
            };
            pystr::from_str(&format!(
                "{}({frepr}, {})",
                type_short_name(op),
                pystr::as_str(base.as_ptr())?
            ))
        }
    })
}

unsafe extern "C" fn defdict_or(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: one of a, b is a defaultdict.
        unsafe {
            let is_dd = |o| crate::object::typeobj::instance_of(o, &raw mut DEFDICT_TYPE);
            let (this, other) = if is_dd(a) { (a, b) } else { (b, a) };
            if !dict::check(other) {
                return Ok(Owned::from_borrowed_static(none::not_implemented()));
            }
            let new = new_like(this, a)?;
            dict::update_arg(new.as_ptr(), b)?;
            Ok(new)
        }
    })
}
