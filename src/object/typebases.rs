//! Writable class attributes that reshape a class (`Objects/typeobject.c`:
//! `type_set_bases`, `type_get_type_params` / `type_set_type_params`).
use crate::capi::boundary::{guard_obj, guard_status};
use crate::ffi::*;
use crate::object::typenew::{best_base, solid};
use crate::object::typeobj::{self, name_of, PyType_Type};
use crate::object::{dict, str as pystr, subclasses, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_void;

/// Refuses to change `name` on a static or immutable type, or to delete it
/// (`check_set_special_type_attr`).
pub(crate) unsafe fn check_settable(
    tp: *mut PyTypeObject,
    v: *mut PyObject,
    name: &str,
) -> PyResult<()> {
    // SAFETY: tp is a type.
    unsafe {
        // An immutable type says "set" even for a deletion, as CPython does.
        let immutable = (*tp).tp_flags & Py_TPFLAGS_IMMUTABLETYPE != 0
            || (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE == 0;
        if immutable || v.is_null() {
            let what = if immutable { "set" } else { "delete" };
            return Err(errors::type_error(format!(
                "cannot {what} '{name}' attribute of immutable type '{}'",
                name_of(tp)
            )));
        }
        Ok(())
    }
}

/// `cls.__bases__ = bases`: checks the new bases as class creation would,
/// then recomputes the MRO of `cls` and of its subclasses (restoring the
/// old bases if that fails).
pub unsafe extern "C" fn set_bases(op: *mut PyObject, v: *mut PyObject, _c: *mut c_void) -> i32 {
    guard_status(|| {
        // SAFETY: op is a type; v NULL (delete) or valid.
        unsafe {
            let tp: *mut PyTypeObject = op.cast();
            check_settable(tp, v, "__bases__")?;
            let name = name_of(tp);
            if !tuple::check(v) {
                return Err(errors::type_error(format!(
                    "can only assign tuple to {name}.__bases__, not {}",
                    typeobj::type_name(v)
                )));
            }
            let items = tuple::items(v);
            if items.is_empty() {
                return Err(errors::type_error(format!(
                    "can only assign non-empty tuple to {name}.__bases__, not ()"
                )));
            }
            for &b in items {
                if !typeobj::instance_of(b, &raw mut PyType_Type) {
                    return Err(errors::type_error(format!(
                        "{name}.__bases__ must be tuple of classes, not '{}'",
                        typeobj::type_name(b)
                    )));
                }
                if typeobj::is_subtype(b.cast(), tp) {
                    return Err(errors::type_error(
                        "a __bases__ item causes an inheritance cycle",
                    ));
                }
            }
            let new_base = best_base(items)?;
            let old_base = (*tp).tp_base;
            if !old_base.is_null()
                && (*new_base).tp_free.map(|f| f as usize)
                    != (*old_base).tp_free.map(|f| f as usize)
            {
                return Err(errors::type_error(format!(
                    "__bases__ assignment: '{}' deallocator differs from '{}'",
                    name_of(new_base),
                    name_of(old_base)
                )));
            }
            if !old_base.is_null() && solid(new_base) != solid(old_base) {
                return Err(errors::type_error(format!(
                    "__bases__ assignment: '{}' object layout differs from '{}'",
                    name_of(new_base),
                    name_of(old_base)
                )));
            }
            let old_bases = Owned::from_borrowed((*tp).tp_bases);
            subclasses::unregister(tp);
            (*tp).tp_bases = Owned::from_borrowed(v).into_raw();
            (*tp).tp_base = new_base;
            let done = remake_mro(tp);
            if done.is_err() {
                let failed = std::mem::replace(&mut (*tp).tp_bases, old_bases.into_raw());
                crate::object::refcount::decref(failed);
                (*tp).tp_base = old_base;
                errors::keeping_raised(|| {
                    let _ = remake_mro(tp);
                });
            } else {
                crate::object::refcount::incref(new_base.cast());
                crate::object::refcount::xdecref(old_base.cast());
                drop(old_bases);
            }
            subclasses::register(tp)?;
            done
        }
    })
}

/// Recomputes the MRO of `tp` and of every class derived from it.
unsafe fn remake_mro(tp: *mut PyTypeObject) -> PyResult<()> {
    // SAFETY: tp is a ready type; its subclasses are live types.
    unsafe {
        typeobj::compute_mro(tp)?;
        typeobj::modified(tp);
        let subs = subclasses::list_of(tp)?;
        for &s in crate::object::list::items(subs.as_ptr()) {
            remake_mro(s.cast())?;
        }
        Ok(())
    }
}

/// `cls.__type_params__`: what the class dict holds, else `()`.
pub unsafe extern "C" fn get_type_params(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a type; its dict exists once ready.
        unsafe {
            let tp: *mut PyTypeObject = op.cast();
            if tp == &raw mut PyType_Type || (*tp).tp_dict.is_null() {
                return Ok(tuple::empty());
            }
            let p = dict::get_str((*tp).tp_dict, "__type_params__");
            Ok(if p.is_null() {
                tuple::empty()
            } else {
                Owned::from_borrowed(p)
            })
        }
    })
}

/// `cls.__type_params__ = value`.
pub unsafe extern "C" fn set_type_params(
    op: *mut PyObject,
    v: *mut PyObject,
    _c: *mut c_void,
) -> i32 {
    guard_status(|| {
        // SAFETY: op is a type; v NULL (delete) or valid.
        unsafe {
            let tp: *mut PyTypeObject = op.cast();
            check_settable(tp, v, "__type_params__")?;
            dict::set_item((*tp).tp_dict, pystr::intern("__type_params__"), v)?;
            typeobj::modified(tp);
            Ok(())
        }
    })
}
