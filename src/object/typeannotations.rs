//! `type.__annotations__` and `type.__annotate__` (PEP 649/749): a class
//! body stores an `__annotate__` function; the annotations dict is made
//! from it on first access and cached in the class dict as
//! `__annotations_cache__`. A class dict's own `__annotations__` (set by
//! assignment or by `from __future__ import annotations`) wins.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::{dict, int, none, protocol, typeobj};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_void;

unsafe fn heap_dict(op: *mut PyObject, attr: &str) -> PyResult<*mut PyObject> {
    // SAFETY: op is a type.
    unsafe {
        let tp = op.cast::<PyTypeObject>();
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE == 0 {
            return Err(errors::attribute_error(format!(
                "type object '{}' has no attribute '{attr}'",
                typeobj::name_of(tp)
            )));
        }
        Ok((*tp).tp_dict)
    }
}

/// Binds a descriptor found in the class dict, as attribute lookup would.
unsafe fn bind(v: *mut PyObject, tp: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: v and tp valid.
    unsafe {
        match (*(*v).ob_type).tp_descr_get {
            Some(get) => errors::check(get(v, std::ptr::null_mut(), tp)),
            None => Ok(Owned::from_borrowed(v)),
        }
    }
}

/// `type.__annotate__`: the class's annotate function, or None.
pub unsafe extern "C" fn get_annotate(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a type.
        unsafe {
            let d = heap_dict(op, "__annotate__")?;
            let f = dict::get_str(d, "__annotate__");
            if f.is_null() {
                return Ok(Owned::from_borrowed_static(none::none()));
            }
            bind(f, op)
        }
    })
}

/// `type.__annotations__`.
pub unsafe extern "C" fn get_annotations(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a type.
        unsafe {
            let d = heap_dict(op, "__annotations__")?;
            for key in ["__annotations__", "__annotations_cache__"] {
                let a = dict::get_str(d, key);
                if !a.is_null() {
                    return bind(a, op);
                }
            }
            let f = dict::get_str(d, "__annotate__");
            let annotations = if !f.is_null() && (*(*f).ob_type).tp_call.is_some() {
                let f = bind(f, op)?;
                let a = protocol::call_args(f.as_ptr(), &[int::small(1)])?;
                if !dict::check(a.as_ptr()) {
                    return Err(errors::type_error(format!(
                        "__annotate__ returned non-dict of type '{}'",
                        typeobj::type_name(a.as_ptr())
                    )));
                }
                a
            } else {
                dict::new()?
            };
            dict::set_item(
                d,
                crate::object::str::intern("__annotations_cache__"),
                annotations.as_ptr(),
            )?;
            typeobj::modified(op.cast());
            Ok(annotations)
        }
    })
}

/// `type.__annotations__ = value` / `del type.__annotations__`: replaces
/// what `__annotate__` would give.
pub unsafe extern "C" fn set_annotations(
    op: *mut PyObject,
    v: *mut PyObject,
    _c: *mut c_void,
) -> libc::c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is a type; v NULL (delete) or valid.
        unsafe {
            let tp = op.cast::<PyTypeObject>();
            if (*tp).tp_flags & Py_TPFLAGS_IMMUTABLETYPE != 0
                || (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE == 0
            {
                return Err(errors::type_error(format!(
                    "cannot set '__annotations__' attribute of immutable type '{}'",
                    typeobj::name_of(tp)
                )));
            }
            let d = (*tp).tp_dict;
            let key = crate::object::str::intern("__annotations__");
            if v.is_null() {
                if dict::get_str(d, "__annotations__").is_null() {
                    return Err(errors::attribute_error("__annotations__"));
                }
                dict::del_item_opt(d, key)?;
            } else {
                dict::set_item(d, key, v)?;
            }
            dict::set_item(d, crate::object::str::intern("__annotate__"), none::none())?;
            dict::del_item_opt(d, crate::object::str::intern("__annotations_cache__"))?;
            typeobj::modified(tp);
            Ok(())
        }
    })
}
