//! `property` (`PyProperty_Type`): a data descriptor made of getter,
//! setter and deleter callables.
use crate::capi::boundary::{guard_obj, guard_status};
use crate::ffi::*;
use crate::object::descr::{method, readonly_member, GETSET_END, METHOD_END};
use crate::object::exceptions::MEMBER_END;
use crate::object::refcount::*;
use crate::object::typeobj::{self, type_template};
use crate::object::{dict, none, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_void;
use std::ptr::null_mut;

/// `propertyobject`.
#[repr(C)]
pub struct PropertyObject {
    pub ob_base: PyObject,
    pub fget: *mut PyObject,
    pub fset: *mut PyObject,
    pub fdel: *mut PyObject,
    pub doc: *mut PyObject,
    pub name: *mut PyObject,
    /// The doc came from the getter's `__doc__` (so a new getter's
    /// replaces it).
    pub getter_doc: libc::c_int,
}

/// `PyProperty_Type`.
#[no_mangle]
pub static mut PyProperty_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(property_dealloc),
    tp_traverse: Some(property_traverse),
    tp_descr_get: Some(property_get),
    tp_descr_set: Some(property_set),
    tp_init: Some(property_init),
    tp_new: Some(crate::capi::allocation::PyType_GenericNew),
    tp_methods: (&raw const PROPERTY_METHODS).cast_mut().cast(),
    tp_members: (&raw const PROPERTY_MEMBERS).cast_mut().cast(),
    tp_getset: (&raw const PROPERTY_GETSET).cast_mut().cast(),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_doc: c"property(fget=None, fset=None, fdel=None, doc=None)\n--\n\nAn attribute managed by functions: fget computes its value, fset\nassigns it and fdel deletes it; doc is its docstring (by default\nfget's). As a decorator:\n\n  class C:\n      @property\n      def x(self):\n          \"The x of C.\"\n          return self._x\n\n      @x.setter\n      def x(self, value):\n          self._x = value"
        .as_ptr(),
    ..type_template(c"property", std::mem::size_of::<PropertyObject>(), 0)
};

unsafe fn p<'a>(op: *mut PyObject) -> &'a mut PropertyObject {
    // SAFETY: op is a property.
    unsafe { &mut *op.cast::<PropertyObject>() }
}

unsafe extern "C" fn property_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        let po = p(op);
        for f in [po.fget, po.fset, po.fdel, po.doc, po.name] {
            xdecref(f);
        }
        let tp = (*op).ob_type;
        crate::object::alloc::gc_free(op.cast());
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(tp.cast());
        }
    }
}

unsafe extern "C" fn property_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> libc::c_int {
    // SAFETY: op is a property.
    unsafe {
        let po = p(op);
        crate::object::gc::visit_all(&[po.fget, po.fset, po.fdel, po.doc, po.name], visit, arg)
    }
}

fn or_null(o: *mut PyObject) -> *mut PyObject {
    if o == none::none() {
        null_mut()
    } else {
        o
    }
}

/// `property(fget=None, fset=None, fdel=None, doc=None)`.
unsafe extern "C" fn property_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> libc::c_int {
    guard_status(|| {
        // SAFETY: op is a property; args a tuple.
        unsafe {
            let mut vals = [null_mut(); 4];
            let items = tuple::items(args);
            if items.len() > 4 {
                return Err(errors::type_error(format!(
                    "property() takes at most 4 arguments ({} given)",
                    items.len()
                )));
            }
            vals[..items.len()].copy_from_slice(items);
            if !kwargs.is_null() {
                let mut pos = 0;
                while let Some((k, v)) = dict::next(kwargs, &mut pos) {
                    let i = match pystr::as_str(k)? {
                        "fget" => 0,
                        "fset" => 1,
                        "fdel" => 2,
                        "doc" => 3,
                        other => {
                            return Err(errors::type_error(format!(
                                "property() got an unexpected keyword argument '{other}'"
                            )))
                        }
                    };
                    vals[i] = v;
                }
            }
            let po = p(op);
            for (slot, v) in [&mut po.fget, &mut po.fset, &mut po.fdel]
                .into_iter()
                .zip(vals)
            {
                let v = or_null(v);
                xincref(v);
                xdecref(std::mem::replace(slot, v));
            }
            // An explicit doc, else the getter's.
            po.getter_doc = 0;
            let mut doc = Owned::from_raw(xnew_ref(or_null(vals[3])));
            if doc.is_none() && !po.fget.is_null() {
                doc = protocol::getattr_opt(po.fget, crate::interned!("__doc__"))?
                    .filter(|d| d.as_ptr() != none::none());
                po.getter_doc = doc.is_some() as libc::c_int;
            }
            if (*op).ob_type == &raw mut PyProperty_Type {
                let doc = doc.map_or(null_mut(), Owned::into_raw);
                xdecref(std::mem::replace(&mut po.doc, doc));
                return Ok(());
            }
            // A subclass's instance keeps the doc in its dict (or slot),
            // where the class's own __doc__ does not shadow it.
            let doc = doc.unwrap_or_else(|| Owned::from_borrowed_static(none::none()));
            if protocol::setattr(op, crate::interned!("__doc__"), doc.as_ptr()).is_err() {
                // A doc that cannot be stored was dropped silently before
                // 3.12; CPython keeps that unless the getter gave it.
                if po.getter_doc == 0
                    && errors::matches(crate::object::exceptions::PyExc_AttributeError)
                {
                    errors::clear();
                    return Ok(());
                }
                return Err(errors::Raised::assume());
            }
            Ok(())
        }
    })
}

/// The property's name (given by `__set_name__`, else the getter's
/// `__name__`), if any (`property_name`).
unsafe fn name_of(op: *mut PyObject) -> PyResult<Option<Owned>> {
    // SAFETY: op is a property.
    unsafe {
        let po = p(op);
        if !po.name.is_null() {
            return Ok(Some(Owned::from_borrowed(po.name)));
        }
        if po.fget.is_null() {
            return Ok(None);
        }
        protocol::getattr_opt(po.fget, crate::interned!("__name__"))
    }
}

/// `property 'x' of 'C' object has no getter` (and setter, deleter).
unsafe fn missing(op: *mut PyObject, obj: *mut PyObject, what: &str) -> errors::Raised {
    // SAFETY: op is a property, obj live.
    let text = unsafe {
        (|| -> PyResult<String> {
            let q = pystr::from_str(&typeobj::qualname((*obj).ob_type)?)?;
            let q = protocol::repr_string(q.as_ptr())?;
            Ok(match name_of(op)? {
                Some(n) => format!(
                    "property {} of {q} object has no {what}",
                    protocol::repr_string(n.as_ptr())?
                ),
                None => format!("property of {q} object has no {what}"),
            })
        })()
    };
    match text {
        Ok(t) => errors::attribute_error(t),
        Err(e) => e,
    }
}

/// `property.__name__`, else AttributeError.
unsafe extern "C" fn get_name(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a property.
        unsafe {
            name_of(op)?.ok_or_else(|| {
                errors::attribute_error(format!(
                    "'{}' object has no attribute '__name__'",
                    typeobj::type_name(op)
                ))
            })
        }
    })
}

unsafe extern "C" fn property_get(
    op: *mut PyObject,
    obj: *mut PyObject,
    _tp: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a property.
        unsafe {
            if obj.is_null() || obj == none::none() && _tp != (*none::none()).ob_type.cast() {
                return Ok(Owned::from_borrowed(op));
            }
            let f = p(op).fget;
            if f.is_null() {
                return Err(missing(op, obj, "getter"));
            }
            protocol::call_args(f, &[obj])
        }
    })
}

unsafe extern "C" fn property_set(
    op: *mut PyObject,
    obj: *mut PyObject,
    value: *mut PyObject,
) -> libc::c_int {
    guard_status(|| {
        // SAFETY: op is a property.
        unsafe {
            let (f, what) = if value.is_null() {
                (p(op).fdel, "deleter")
            } else {
                (p(op).fset, "setter")
            };
            if f.is_null() {
                return Err(missing(op, obj, what));
            }
            if value.is_null() {
                protocol::call_args(f, &[obj])?;
            } else {
                protocol::call_args(f, &[obj, value])?;
            }
            Ok(())
        }
    })
}

/// A copy of the property with one accessor replaced (`getter`,
/// `setter`, `deleter`).
unsafe fn copy_with(op: *mut PyObject, which: usize, f: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is a property.
    unsafe {
        let po = p(op);
        let mut vals = [po.fget, po.fset, po.fdel, po.doc];
        vals[which] = f;
        // A doc taken from the getter is taken again from the (new) one.
        if po.getter_doc != 0 && !or_null(vals[0]).is_null() {
            vals[3] = null_mut();
        }
        let vals: Vec<*mut PyObject> = vals
            .iter()
            .map(|&v| if v.is_null() { none::none() } else { v })
            .collect();
        let r = protocol::call_args((*op).ob_type.cast(), &vals)?;
        if typeobj::instance_of(r.as_ptr(), &raw mut PyProperty_Type) {
            xdecref(std::mem::replace(
                &mut p(r.as_ptr()).name,
                xnew_ref(po.name),
            ));
        }
        Ok(r)
    }
}

unsafe extern "C" fn prop_getter(op: *mut PyObject, f: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a property.
    guard_obj(|| unsafe { copy_with(op, 0, f) })
}

unsafe extern "C" fn prop_setter(op: *mut PyObject, f: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a property.
    guard_obj(|| unsafe { copy_with(op, 1, f) })
}

unsafe extern "C" fn prop_deleter(op: *mut PyObject, f: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a property.
    guard_obj(|| unsafe { copy_with(op, 2, f) })
}

unsafe extern "C" fn prop_set_name(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a property; args a tuple.
        unsafe {
            let items = tuple::items(args);
            if items.len() != 2 {
                return Err(errors::type_error(format!(
                    "__set_name__() takes 2 positional arguments but {} were given",
                    items.len()
                )));
            }
            xdecref(std::mem::replace(&mut p(op).name, new_ref(items[1])));
            Ok(Owned::from_borrowed_static(none::none()))
        }
    })
}

static PROPERTY_METHODS: [PyMethodDef; 5] = [
    method(c"getter", prop_getter as *const c_void, METH_O).with_doc(c"getter($self, object, /)\n--\n\nA copy of the property with fget replaced (for use as a decorator)."),
    method(c"setter", prop_setter as *const c_void, METH_O).with_doc(c"setter($self, object, /)\n--\n\nA copy of the property with fset replaced (for use as a decorator)."),
    method(c"deleter", prop_deleter as *const c_void, METH_O).with_doc(c"deleter($self, object, /)\n--\n\nA copy of the property with fdel replaced (for use as a decorator)."),
    method(
        c"__set_name__",
        prop_set_name as *const c_void,
        METH_VARARGS,
    ).with_doc(c"__set_name__($self, owner, name, /)\n--\n\nRecord name as the property's name in owner (for its error messages)."),
    METHOD_END,
];

unsafe extern "C" fn set_name(op: *mut PyObject, v: *mut PyObject, _c: *mut c_void) -> libc::c_int {
    // SAFETY: op is a property; v NULL or valid.
    unsafe { xdecref(std::mem::replace(&mut p(op).name, xnew_ref(v))) };
    0
}

unsafe extern "C" fn get_isabstract(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a property.
        unsafe {
            for f in [p(op).fget, p(op).fset, p(op).fdel] {
                if f.is_null() {
                    continue;
                }
                if let Some(v) = protocol::getattr_opt(f, crate::interned!("__isabstractmethod__"))?
                {
                    if protocol::is_true(v.as_ptr())? {
                        return Ok(Owned::from_borrowed_static(crate::object::bool::py_true()));
                    }
                }
            }
            Ok(Owned::from_borrowed_static(crate::object::bool::py_false()))
        }
    })
}

static PROPERTY_MEMBERS: [PyMemberDef; 5] = [
    readonly_member(
        c"fget",
        _Py_T_OBJECT,
        std::mem::offset_of!(PropertyObject, fget),
    ),
    readonly_member(
        c"fset",
        _Py_T_OBJECT,
        std::mem::offset_of!(PropertyObject, fset),
    ),
    readonly_member(
        c"fdel",
        _Py_T_OBJECT,
        std::mem::offset_of!(PropertyObject, fdel),
    ),
    PyMemberDef {
        name: c"__doc__".as_ptr(),
        r#type: _Py_T_OBJECT,
        offset: std::mem::offset_of!(PropertyObject, doc) as Py_ssize_t,
        flags: 0,
        doc: std::ptr::null(),
    },
    MEMBER_END,
];

static PROPERTY_GETSET: [PyGetSetDef; 3] = [
    crate::object::descr::getset(c"__name__", Some(get_name), Some(set_name)),
    crate::object::descr::getset(c"__isabstractmethod__", Some(get_isabstract), None),
    GETSET_END,
];
