//! `staticmethod` and `classmethod` wrappers (`Objects/funcobject.c`).
use crate::capi::boundary::guard;
use crate::ffi::*;
use crate::object::protocol;
use crate::object::refcount::*;
use crate::object::typeobj::type_template;
use crate::runtime::errors::{PyResult, Raised};
use crate::Owned;

/// The layout of `staticmethod` and `classmethod` objects.
#[repr(C)]
pub struct WrapperObject {
    pub ob_base: PyObject,
    pub callable: *mut PyObject,
    pub dict: *mut PyObject,
}

/// `PyStaticMethod_Type`.
#[no_mangle]
pub static mut PyStaticMethod_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(wrapper_dealloc),
    tp_descr_get: Some(staticmethod_get),
    tp_repr: Some(wrapper_repr),
    tp_call: Some(staticmethod_call),
    tp_traverse: Some(wrapper_traverse),
    tp_dictoffset: std::mem::offset_of!(WrapperObject, dict) as Py_ssize_t,
    tp_init: Some(wrapper_init),
    tp_new: Some(crate::capi::allocation::PyType_GenericNew),
    tp_getset: (&raw const WRAPPER_GETSET).cast_mut().cast(),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_doc: c"staticmethod(function, /)\n--\n\nMake function a static method: it gets no implicit first argument,\nwhether it is called on the class or on an instance. As a decorator:\n\n  class C:\n      @staticmethod\n      def f(arg1, arg2): ..."
        .as_ptr(),
    ..type_template(c"staticmethod", std::mem::size_of::<WrapperObject>(), 0)
};

/// `PyStaticMethod_New`.
pub unsafe fn new_staticmethod(callable: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: the type is static; fields set below.
    unsafe {
        let op = crate::object::alloc::generic_alloc(&raw mut PyStaticMethod_Type, 0);
        if op.is_null() {
            return Err(Raised::assume());
        }
        (*op.cast::<WrapperObject>()).callable = new_ref(callable);
        crate::object::gc::track(op);
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// `sm_repr` / `cm_repr`: `<staticmethod(f)>` or `<classmethod(f)>`
/// (the base name, for subclasses too).
unsafe extern "C" fn wrapper_repr(op: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a staticmethod or classmethod; its callable is
        // live (NULL before __init__ ran).
        unsafe {
            let cm = &raw mut PyClassMethod_Type;
            let name = if crate::object::typeobj::is_subtype((*op).ob_type, cm) {
                "classmethod"
            } else {
                "staticmethod"
            };
            let callable = (*op.cast::<WrapperObject>()).callable;
            let inner = if callable.is_null() {
                "<NULL>".to_string()
            } else {
                protocol::repr_string(callable)?
            };
            crate::object::str::from_str(&format!("<{name}({inner})>"))
        }
    })
}

unsafe extern "C" fn wrapper_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        let w = op.cast::<WrapperObject>();
        xdecref((*w).callable);
        xdecref((*w).dict);
        let tp = (*op).ob_type;
        crate::object::alloc::gc_free(op.cast());
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(tp.cast());
        }
    }
}

unsafe extern "C" fn wrapper_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut libc::c_void,
) -> libc::c_int {
    // SAFETY: op is a wrapper object.
    unsafe {
        let w = op.cast::<WrapperObject>();
        crate::object::gc::visit_all(&[(*w).callable, (*w).dict], visit, arg)
    }
}

unsafe extern "C" fn staticmethod_get(
    op: *mut PyObject,
    _obj: *mut PyObject,
    _tp: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: op is a staticmethod.
    unsafe { new_ref((*op.cast::<WrapperObject>()).callable) }
}

unsafe extern "C" fn staticmethod_call(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: op is a staticmethod; args a tuple.
    guard(|| unsafe {
        crate::capi::call::call_raw((*op.cast::<WrapperObject>()).callable, args, kwargs)
    })
}

/// `PyClassMethod_Type`: `classmethod`, binding the callable to the class.
#[no_mangle]
pub static mut PyClassMethod_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(wrapper_dealloc),
    tp_descr_get: Some(classmethod_get),
    tp_repr: Some(wrapper_repr),
    tp_traverse: Some(wrapper_traverse),
    tp_dictoffset: std::mem::offset_of!(WrapperObject, dict) as Py_ssize_t,
    tp_init: Some(wrapper_init),
    tp_new: Some(crate::capi::allocation::PyType_GenericNew),
    tp_getset: (&raw const WRAPPER_GETSET).cast_mut().cast(),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_doc: c"classmethod(function, /)\n--\n\nMake function a class method: it gets the class as its first argument,\nwhether it is called on the class or on an instance. As a decorator:\n\n  class C:\n      @classmethod\n      def f(cls, arg1, arg2): ...\n\nCalled on an instance of a subclass, it gets the subclass."
        .as_ptr(),
    ..type_template(c"classmethod", std::mem::size_of::<WrapperObject>(), 0)
};

/// `PyClassMethod_New`.
pub unsafe fn new_classmethod(callable: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: the type is static; fields set below.
    unsafe {
        let op = crate::object::alloc::generic_alloc(&raw mut PyClassMethod_Type, 0);
        if op.is_null() {
            return Err(Raised::assume());
        }
        (*op.cast::<WrapperObject>()).callable = new_ref(callable);
        crate::object::gc::track(op);
        Ok(Owned::from_raw_unchecked(op))
    }
}

unsafe extern "C" fn classmethod_get(
    op: *mut PyObject,
    obj: *mut PyObject,
    tp: *mut PyObject,
) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a classmethod.
        unsafe {
            let tp = if tp.is_null() {
                (*obj).ob_type.cast()
            } else {
                tp
            };
            crate::vm::function::new_method((*op.cast::<WrapperObject>()).callable, tp)
        }
    })
}

/// `staticmethod(f)` / `classmethod(f)`: stores the callable.
unsafe extern "C" fn wrapper_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> libc::c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is a wrapper object; args a tuple.
        unsafe {
            let name = crate::object::typeobj::short_name((*op).ob_type);
            if !kwargs.is_null() && crate::object::dict::len(kwargs) != 0 {
                return Err(crate::runtime::errors::type_error(format!(
                    "{name}() takes no keyword arguments"
                )));
            }
            let items = crate::object::tuple::items(args);
            if items.len() != 1 {
                return Err(crate::runtime::errors::type_error(format!(
                    "{name} expected 1 argument, got {}",
                    items.len()
                )));
            }
            let w = op.cast::<WrapperObject>();
            xdecref(std::mem::replace(&mut (*w).callable, new_ref(items[0])));
            // As `functools.wraps` (`functools_wraps`): the wrapper shows
            // the callable's name, module and doc.
            for attr in ["__module__", "__name__", "__qualname__", "__doc__"] {
                let attr = crate::object::str::intern(attr);
                if let Some(v) = protocol::getattr_opt(items[0], attr)? {
                    protocol::setattr(op, attr, v.as_ptr())?;
                }
            }
            Ok(())
        }
    })
}

unsafe extern "C" fn get_func(op: *mut PyObject, _c: *mut libc::c_void) -> *mut PyObject {
    // SAFETY: op is a wrapper object.
    unsafe {
        let c = (*op.cast::<WrapperObject>()).callable;
        new_ref(if c.is_null() {
            crate::object::none::none()
        } else {
            c
        })
    }
}

/// `__isabstractmethod__`: whether the callable is abstract.
unsafe extern "C" fn get_isabstract(op: *mut PyObject, _c: *mut libc::c_void) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a wrapper object.
        unsafe {
            let c = (*op.cast::<WrapperObject>()).callable;
            let abs = match protocol::getattr_opt(c, crate::interned!("__isabstractmethod__"))? {
                Some(v) => protocol::is_true(v.as_ptr())?,
                None => false,
            };
            Ok(Owned::from_borrowed_static(crate::object::bool::from_bool(
                abs,
            )))
        }
    })
}

/// `__annotations__` / `__annotate__` (`descriptor_get_wrapped_attribute`):
/// the callable's, cached in the wrapper's `__dict__`.
unsafe fn wrapped_attr(op: *mut PyObject, name: &str) -> PyResult<Owned> {
    // SAFETY: op is a wrapper object, which has a __dict__.
    unsafe {
        let d = crate::runtime::errors::check(crate::object::object::PyObject_GenericGetDict(
            op,
            std::ptr::null_mut(),
        ))?;
        let name = crate::object::str::intern(name);
        let cached = crate::object::dict::get_item(d.as_ptr(), name)?;
        if !cached.is_null() {
            return Ok(Owned::from_borrowed(cached));
        }
        let v = protocol::getattr((*op.cast::<WrapperObject>()).callable, name)?;
        crate::object::dict::set_item(d.as_ptr(), name, v.as_ptr())?;
        Ok(v)
    }
}

/// Sets or deletes `name` in the wrapper's `__dict__`
/// (`descriptor_set_wrapped_attribute`).
unsafe fn set_wrapped_attr(op: *mut PyObject, name: &str, value: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a wrapper object, which has a __dict__.
    unsafe {
        let d = crate::runtime::errors::check(crate::object::object::PyObject_GenericGetDict(
            op,
            std::ptr::null_mut(),
        ))?;
        let key = crate::object::str::intern(name);
        if !value.is_null() {
            return crate::object::dict::set_item(d.as_ptr(), key, value);
        }
        if !crate::object::dict::del_item_opt(d.as_ptr(), key)? {
            return Err(crate::runtime::errors::attribute_error(format!(
                "'{}' object has no attribute '{name}'",
                crate::object::typeobj::type_name(op)
            )));
        }
        Ok(())
    }
}

macro_rules! wrapped_attr_getset {
    ($get:ident, $set:ident, $name:literal) => {
        unsafe extern "C" fn $get(op: *mut PyObject, _c: *mut libc::c_void) -> *mut PyObject {
            // SAFETY: op is a wrapper object.
            crate::capi::boundary::guard_obj(|| unsafe { wrapped_attr(op, $name) })
        }

        unsafe extern "C" fn $set(
            op: *mut PyObject,
            value: *mut PyObject,
            _c: *mut libc::c_void,
        ) -> libc::c_int {
            // SAFETY: op is a wrapper object.
            crate::capi::boundary::guard_status(|| unsafe { set_wrapped_attr(op, $name, value) })
        }
    };
}

wrapped_attr_getset!(get_annotations, set_annotations, "__annotations__");
wrapped_attr_getset!(get_annotate, set_annotate, "__annotate__");

static WRAPPER_GETSET: [PyGetSetDef; 7] = [
    crate::object::descr::getset(
        c"__dict__",
        Some(crate::object::object::PyObject_GenericGetDict),
        Some(crate::object::object::PyObject_GenericSetDict),
    ),
    crate::object::descr::getset(c"__func__", Some(get_func), None),
    crate::object::descr::getset(c"__wrapped__", Some(get_func), None),
    crate::object::descr::getset(c"__isabstractmethod__", Some(get_isabstract), None),
    crate::object::descr::getset(
        c"__annotations__",
        Some(get_annotations),
        Some(set_annotations),
    ),
    crate::object::descr::getset(c"__annotate__", Some(get_annotate), Some(set_annotate)),
    crate::object::descr::GETSET_END,
];
