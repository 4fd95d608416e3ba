//! `property` (`PyProperty_Type`): a data descriptor made of getter,
//! setter and deleter callables.
use crate::capi::boundary::{guard_obj, guard_status};
use crate::ffi::*;
use crate::object::descr::{method, GETSET_END, METHOD_END};
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
        crate::object::gc::visit_all(&[po.fget, po.fset, po.fdel, po.doc], visit, arg)
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
            for (slot, v) in [&mut po.fget, &mut po.fset, &mut po.fdel, &mut po.doc]
                .into_iter()
                .zip(vals)
            {
                let v = or_null(v);
                xincref(v);
                xdecref(std::mem::replace(slot, v));
            }
            if po.doc.is_null() && !po.fget.is_null() {
                if let Some(d) = protocol::getattr_opt(po.fget, pystr::intern("__doc__"))? {
                    if d.as_ptr() != none::none() {
                        po.doc = d.into_raw();
                    }
                }
            }
            Ok(())
        }
    })
}

unsafe fn property_name(op: *mut PyObject) -> String {
    // SAFETY: op is a property.
    unsafe {
        let n = p(op).name;
        if !n.is_null() && pystr::check(n) {
            return format!(" '{}'", pystr::as_str_opt(n).unwrap_or(""));
        }
        String::new()
    }
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
                return Err(errors::attribute_error(format!(
                    "property{} of '{}' object has no getter",
                    property_name(op),
                    typeobj::type_name(obj)
                )));
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
                return Err(errors::attribute_error(format!(
                    "property{} of '{}' object has no {what}",
                    property_name(op),
                    typeobj::type_name(obj)
                )));
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
        let mut vals = [po.fget, po.fset, po.fdel, none::none()];
        vals[which] = f;
        let vals: Vec<*mut PyObject> = vals
            .iter()
            .map(|&v| if v.is_null() { none::none() } else { v })
            .collect();
        let r = protocol::call_args((*op).ob_type.cast(), &vals)?;
        if !po.name.is_null() && (*r.as_ptr()).ob_type == (*op).ob_type {
            p(r.as_ptr()).name = new_ref(po.name);
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

macro_rules! field_getter {
    ($name:ident, $field:ident) => {
        unsafe extern "C" fn $name(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
            // SAFETY: op is a property.
            unsafe {
                let v = p(op).$field;
                new_ref(if v.is_null() { none::none() } else { v })
            }
        }
    };
}

field_getter!(get_fget, fget);
field_getter!(get_fset, fset);
field_getter!(get_fdel, fdel);
field_getter!(get_doc, doc);

unsafe extern "C" fn get_isabstract(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a property.
        unsafe {
            for f in [p(op).fget, p(op).fset, p(op).fdel] {
                if f.is_null() {
                    continue;
                }
                if let Some(v) = protocol::getattr_opt(f, pystr::intern("__isabstractmethod__"))? {
                    if protocol::is_true(v.as_ptr())? {
                        return Ok(Owned::from_borrowed_static(crate::object::bool::py_true()));
                    }
                }
            }
            Ok(Owned::from_borrowed_static(crate::object::bool::py_false()))
        }
    })
}

/// `property.__name__` (`property_get___name__`): the name given by
/// `__set_name__` or assigned, else the getter's `__name__`.
unsafe extern "C" fn get_name(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a property.
        unsafe {
            let prop = p(op);
            if !prop.name.is_null() {
                return Ok(Owned::from_borrowed(prop.name));
            }
            if !prop.fget.is_null() {
                if let Some(name) = protocol::getattr_opt(prop.fget, pystr::intern("__name__"))? {
                    return Ok(name);
                }
            }
            Err(errors::attribute_error(
                "'property' object has no attribute '__name__'",
            ))
        }
    })
}

/// `property.__name__ = name` (`property_set___name__`).
unsafe extern "C" fn set_name(op: *mut PyObject, v: *mut PyObject, _c: *mut c_void) -> libc::c_int {
    // SAFETY: op is a property; v NULL (delete) or valid.
    unsafe {
        let new = if v.is_null() { null_mut() } else { new_ref(v) };
        xdecref(std::mem::replace(&mut p(op).name, new));
    }
    0
}

static PROPERTY_GETSET: [PyGetSetDef; 7] = [
    crate::object::descr::getset(c"__name__", Some(get_name), Some(set_name)),
    crate::object::descr::getset(c"fget", Some(get_fget), None),
    crate::object::descr::getset(c"fset", Some(get_fset), None),
    crate::object::descr::getset(c"fdel", Some(get_fdel), None),
    crate::object::descr::getset(c"__doc__", Some(get_doc), None),
    crate::object::descr::getset(c"__isabstractmethod__", Some(get_isabstract), None),
    GETSET_END,
];
