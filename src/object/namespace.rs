//! `types.SimpleNamespace` (`Objects/namespaceobject.c`): an object whose
//! attributes live in its `__dict__`, with a readable repr and equality by
//! attributes. `sys.implementation` is one.
use crate::capi::boundary::{guard, guard_obj};
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::type_template;
use crate::object::{dict, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_int;
use std::ptr::null_mut;

/// A namespace: the header and its attribute dict.
#[repr(C)]
pub struct PyNamespaceObject {
    pub ob_base: PyObject,
    pub ns_dict: *mut PyObject,
}

/// `_PyNamespace_Type`.
#[no_mangle]
pub static mut _PyNamespace_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(namespace_dealloc),
    tp_repr: Some(namespace_repr),
    tp_hash: Some(crate::capi::object::PyObject_HashNotImplemented),
    tp_getattro: Some(crate::object::object::PyObject_GenericGetAttr),
    tp_setattro: Some(crate::object::object::PyObject_GenericSetAttr),
    tp_traverse: Some(namespace_traverse),
    tp_clear: Some(namespace_clear),
    tp_richcompare: Some(namespace_richcompare),
    tp_methods: (&raw const NAMESPACE_METHODS).cast_mut().cast(),
    tp_getset: (&raw const NAMESPACE_GETSET).cast_mut().cast(),
    tp_dictoffset: std::mem::offset_of!(PyNamespaceObject, ns_dict) as Py_ssize_t,
    tp_init: Some(namespace_init),
    tp_new: Some(namespace_new),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_doc: c"SimpleNamespace(mapping_or_iterable=(), /, **kwargs)\n--\n\nA simple attribute-based namespace.".as_ptr(),
    ..type_template(
        c"types.SimpleNamespace",
        std::mem::size_of::<PyNamespaceObject>(),
        0,
    )
};

static NAMESPACE_GETSET: [PyGetSetDef; 2] = [
    crate::object::descr::getset(
        c"__dict__",
        Some(crate::object::object::PyObject_GenericGetDict),
        None,
    ),
    crate::object::descr::GETSET_END,
];

static NAMESPACE_METHODS: [PyMethodDef; 3] = [
    crate::object::descr::method(
        c"__reduce__",
        namespace_reduce as *const libc::c_void,
        METH_NOARGS,
    ),
    crate::object::descr::method(
        c"__replace__",
        namespace_replace as *const libc::c_void,
        METH_VARARGS | METH_KEYWORDS,
    ),
    crate::object::descr::METHOD_END,
];

/// The attribute dict of namespace `op` (borrowed).
unsafe fn ns_dict(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a namespace.
    unsafe { (*op.cast::<PyNamespaceObject>()).ns_dict }
}

/// Whether `op` is a `SimpleNamespace` (or a subclass instance).
unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op is a valid object.
    unsafe { crate::object::typeobj::is_subtype((*op).ob_type, &raw mut _PyNamespace_Type) }
}

/// `_PyNamespace_New`: a namespace holding the items of `kwds` (a dict or
/// NULL).
pub unsafe fn new(kwds: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: the type is static and ready.
    unsafe {
        let ns = errors::check(namespace_new(
            &raw mut _PyNamespace_Type,
            tuple::empty().as_ptr(),
            null_mut(),
        ))?;
        if !kwds.is_null() {
            dict::update_arg(ns_dict(ns.as_ptr()), kwds)?;
        }
        Ok(ns)
    }
}

unsafe extern "C" fn namespace_new(
    tp: *mut PyTypeObject,
    _args: *mut PyObject,
    _kwds: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: tp is the namespace type or a subtype.
        unsafe {
            let alloc = (*tp)
                .tp_alloc
                .unwrap_or(crate::capi::allocation::PyType_GenericAlloc);
            let op = errors::check(alloc(tp, 0))?;
            (*op.as_ptr().cast::<PyNamespaceObject>()).ns_dict = dict::new()?.into_raw();
            Ok(op)
        }
    })
}

/// Checks that every key of dict `d` is a str.
unsafe fn validate_keywords(d: *mut PyObject) -> PyResult<()> {
    // SAFETY: d is a dict.
    unsafe {
        let mut pos = 0;
        while let Some((k, _)) = dict::next(d, &mut pos) {
            if !pystr::check(k) {
                return Err(errors::type_error("keywords must be strings"));
            }
        }
    }
    Ok(())
}

unsafe extern "C" fn namespace_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> c_int {
    // SAFETY: op is a namespace, args a tuple, kwds NULL or a dict.
    guard(|| unsafe {
        let r = (|| -> PyResult<()> {
            let items = tuple::items(args);
            if items.len() > 1 {
                return Err(errors::type_error(format!(
                    "{} expected at most 1 positional argument, got {}",
                    crate::object::typeobj::short_name((*op).ob_type),
                    items.len()
                )));
            }
            if let Some(&arg) = items.first() {
                let d = dict::new()?;
                dict::update_arg(d.as_ptr(), arg)?;
                validate_keywords(d.as_ptr())?;
                dict::update_arg(ns_dict(op), d.as_ptr())?;
            }
            if !kwds.is_null() {
                validate_keywords(kwds)?;
                dict::update_arg(ns_dict(op), kwds)?;
            }
            Ok(())
        })();
        if r.is_ok() {
            0
        } else {
            -1
        }
    })
}

unsafe extern "C" fn namespace_dealloc(op: *mut PyObject) {
    // SAFETY: the refcount reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        let tp = (*op).ob_type;
        xdecref(ns_dict(op));
        match (*tp).tp_free {
            Some(free) => free(op.cast()),
            None => crate::object::alloc::gc_free(op.cast()),
        }
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(tp.cast());
        }
    }
}

unsafe extern "C" fn namespace_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut libc::c_void,
) -> c_int {
    // SAFETY: op is a namespace.
    unsafe {
        let d = ns_dict(op);
        match visit {
            Some(visit) if !d.is_null() => visit(d, arg),
            _ => 0,
        }
    }
}

unsafe extern "C" fn namespace_clear(op: *mut PyObject) -> c_int {
    // SAFETY: op is a namespace.
    unsafe {
        let p = &raw mut (*op.cast::<PyNamespaceObject>()).ns_dict;
        let old = std::mem::replace(&mut *p, null_mut());
        xdecref(old);
    }
    0
}

unsafe extern "C" fn namespace_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a namespace.
    guard_obj(|| unsafe {
        let tp = (*op).ob_type;
        let name = if tp == &raw mut _PyNamespace_Type {
            "namespace"
        } else {
            crate::object::typeobj::short_name(tp)
        };
        let Some(_g) = protocol::ReprGuard::enter(op)? else {
            return pystr::from_str(&format!("{name}(...)"));
        };
        let d = Owned::from_borrowed(ns_dict(op));
        let mut parts = Vec::new();
        let mut pos = 0;
        while let Some((k, v)) = dict::next(d.as_ptr(), &mut pos) {
            if pystr::check(k) {
                let v = Owned::from_borrowed(v);
                let k = Owned::from_borrowed(k);
                let r = protocol::repr(v.as_ptr())?;
                parts.push(format!(
                    "{}={}",
                    pystr::as_str(k.as_ptr())?,
                    pystr::as_str(r.as_ptr())?
                ));
            }
        }
        pystr::from_str(&format!("{name}({})", parts.join(", ")))
    })
}

unsafe extern "C" fn namespace_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    // SAFETY: a and b are valid objects.
    guard_obj(|| unsafe {
        if check(a) && check(b) {
            protocol::rich_compare(ns_dict(a), ns_dict(b), op)
        } else {
            Ok(Owned::from_borrowed_static(
                crate::object::none::not_implemented(),
            ))
        }
    })
}

unsafe extern "C" fn namespace_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a namespace.
    guard_obj(|| unsafe {
        let empty = tuple::empty();
        tuple::pack(&[(*op).ob_type.cast(), empty.as_ptr(), ns_dict(op)])
    })
}

unsafe extern "C" fn namespace_replace(
    op: *mut PyObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: op is a namespace, args a tuple, kwds NULL or a dict.
    guard_obj(|| unsafe {
        if tuple::size(args) != 0 {
            return Err(errors::type_error(
                "__replace__() takes no positional arguments",
            ));
        }
        let tp = (*op).ob_type;
        let new = protocol::call_args(tp.cast(), &[])?;
        dict::update_arg(ns_dict(new.as_ptr()), ns_dict(op))?;
        if !kwds.is_null() {
            dict::update_arg(ns_dict(new.as_ptr()), kwds)?;
        }
        Ok(new)
    })
}
