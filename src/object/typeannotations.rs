//! `type.__annotate__` and `type.__annotations__` (PEP 649/749): a class
//! body stores its annotate function as `__annotate_func__` in its
//! namespace (as CPython 3.14 does); `type_new` moves it out of the class
//! dict into the type's `tp_cache` field, which CPython no longer uses, so
//! the class dict holds what the 3.13 library that ferrython runs on
//! expects (`typing` takes every unknown name in it for a protocol
//! member). `type.__annotate__` reads an explicit `__annotate__` entry,
//! then that field. The annotations dict is made from the function (by
//! `__build_class__`, or on first access when that failed) and kept in the
//! class dict as `__annotations__` (3.14 keeps it as
//! `__annotations_cache__`), where that library looks for it
//! (`inspect.get_annotations`). Assignment replaces it.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::refcount::{incref, xdecref};
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

/// The class's annotate function (borrowed): an explicit `__annotate__`
/// entry in its dict `d`, else the one its body made (or None); NULL when
/// neither.
unsafe fn annotate_entry(tp: *mut PyTypeObject, d: *mut PyObject) -> *mut PyObject {
    // SAFETY: tp is a heap type and d its dict.
    unsafe {
        let f = dict::get_item_known_hash_str(d, crate::interned!("__annotate__"));
        if f.is_null() {
            (*tp).tp_cache
        } else {
            f
        }
    }
}

/// Replaces the heap type's annotate function (`v` borrowed, NULL for
/// none).
unsafe fn set_annotate_func(tp: *mut PyTypeObject, v: *mut PyObject) {
    // SAFETY: tp is a heap type; tp_cache holds NULL or an owned reference.
    unsafe {
        let old = std::mem::replace(&mut (*tp).tp_cache, v);
        if !v.is_null() {
            incref(v);
        }
        xdecref(old);
    }
}

/// Moves the `__annotate_func__` a class body left in the new class's
/// dict `d` to the type (see the module comment); part of `type_new`.
pub(crate) unsafe fn take_annotate_func(tp: *mut PyTypeObject, d: *mut PyObject) -> PyResult<()> {
    // SAFETY: tp is the heap type being made and d its dict.
    unsafe {
        let key = crate::interned!("__annotate_func__");
        let f = dict::get_item_known_hash_str(d, key);
        if !f.is_null() {
            set_annotate_func(tp, f);
            dict::del_item(d, key)?;
        }
        Ok(())
    }
}

/// `type.__annotate__`: the class's annotate function, or None.
pub unsafe extern "C" fn get_annotate(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a type.
        unsafe {
            let d = heap_dict(op, "__annotate__")?;
            let f = annotate_entry(op.cast(), d);
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
            let a = dict::get_item_known_hash_str(d, crate::interned!("__annotations__"));
            if !a.is_null() {
                return bind(a, op);
            }
            let f = annotate_entry(op.cast(), d);
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
            dict::set_item(d, crate::interned!("__annotations__"), annotations.as_ptr())?;
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
            let key = crate::interned!("__annotations__");
            if v.is_null() {
                if dict::get_item_known_hash_str(d, crate::interned!("__annotations__")).is_null() {
                    return Err(errors::attribute_error("__annotations__"));
                }
                dict::del_item_opt(d, key)?;
            } else {
                dict::set_item(d, key, v)?;
            }
            set_annotate_func(tp, none::none());
            dict::del_item_opt(d, crate::interned!("__annotate__"))?;
            typeobj::modified(tp);
            Ok(())
        }
    })
}

/// `type.__annotate__ = f`: a callable or None; a new function replaces
/// the annotations made by the old one.
pub unsafe extern "C" fn set_annotate(
    op: *mut PyObject,
    v: *mut PyObject,
    _c: *mut c_void,
) -> libc::c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is a type; v NULL (delete) or valid.
        unsafe {
            let tp = op.cast::<PyTypeObject>();
            if v.is_null() {
                return Err(errors::type_error("cannot delete __annotate__ attribute"));
            }
            if (*tp).tp_flags & Py_TPFLAGS_IMMUTABLETYPE != 0
                || (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE == 0
            {
                return Err(errors::type_error(format!(
                    "cannot set '__annotate__' attribute of immutable type '{}'",
                    typeobj::name_of(tp)
                )));
            }
            if v != none::none() && (*(*v).ob_type).tp_call.is_none() {
                return Err(errors::type_error("__annotate__ must be callable or None"));
            }
            let d = (*tp).tp_dict;
            set_annotate_func(tp, v);
            if v != none::none() {
                dict::del_item_opt(d, crate::interned!("__annotations__"))?;
            }
            typeobj::modified(tp);
            Ok(())
        }
    })
}
