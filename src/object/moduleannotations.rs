//! `module.__annotations__` and `module.__annotate__` (PEP 649/749, CPython's
//! `module_get_annotations` & co. in Objects/moduleobject.c). Module code
//! stores an `__annotate__` function in its namespace; the annotations dict
//! is made by calling it with format 1 (VALUE) on first access and cached in
//! the namespace as `__annotations__`, except while the module is still
//! being imported (its spec's `_initializing` is true), so that a partly run
//! module does not freeze an incomplete dict.
use crate::capi::boundary::{guard_obj, guard_status};
use crate::ffi::*;
use crate::object::{dict, int, module, none, protocol, typeobj};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_void;

/// The module's namespace, which must be a dict.
unsafe fn namespace(op: *mut PyObject) -> PyResult<*mut PyObject> {
    // SAFETY: op is a module.
    let d = unsafe { module::dict_of(op) };
    // SAFETY: d is NULL or a valid object.
    if d.is_null() || !unsafe { dict::check(d) } {
        return Err(errors::type_error("<module>.__dict__ is not a dictionary"));
    }
    Ok(d)
}

/// Whether the module is still running its code: `__spec__._initializing`
/// is true (`_PyModuleSpec_IsInitializing`).
unsafe fn is_initializing(d: *mut PyObject) -> PyResult<bool> {
    // SAFETY: d is a dict.
    let spec = unsafe { dict::get_item_known_hash_str(d, crate::interned!("__spec__")) };
    if spec.is_null() {
        return Ok(false);
    }
    // SAFETY: spec is valid; the name is interned.
    match unsafe { protocol::getattr_opt(spec, crate::interned!("_initializing"))? } {
        // SAFETY: v is a valid object.
        Some(v) => unsafe { protocol::is_true(v.as_ptr()) },
        None => Ok(false),
    }
}

/// `module.__annotate__`: the namespace's `__annotate__`, which is set to
/// None when missing.
pub unsafe extern "C" fn get_annotate(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a module.
        unsafe {
            let d = namespace(op)?;
            let f = dict::get_item_known_hash_str(d, crate::interned!("__annotate__"));
            if !f.is_null() {
                return Ok(Owned::from_borrowed(f));
            }
            dict::set_item(d, crate::interned!("__annotate__"), none::none())?;
            Ok(Owned::from_borrowed_static(none::none()))
        }
    })
}

/// `module.__annotate__ = f`: a callable or None; a new function drops the
/// cached annotations.
pub unsafe extern "C" fn set_annotate(
    op: *mut PyObject,
    v: *mut PyObject,
    _c: *mut c_void,
) -> libc::c_int {
    guard_status(|| {
        // SAFETY: op is a module; v NULL (delete) or valid.
        unsafe {
            if v.is_null() {
                return Err(errors::type_error("cannot delete __annotate__ attribute"));
            }
            let d = namespace(op)?;
            if v != none::none() && (*(*v).ob_type).tp_call.is_none() {
                return Err(errors::type_error("__annotate__ must be callable or None"));
            }
            dict::set_item(d, crate::interned!("__annotate__"), v)?;
            if v != none::none() {
                dict::del_item_opt(d, crate::interned!("__annotations__"))?;
            }
            Ok(())
        }
    })
}

/// `module.__annotations__`: the cached dict, else what `__annotate__(1)`
/// returns (or a new empty dict), cached unless the module is initializing.
pub unsafe extern "C" fn get_annotations(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a module.
        unsafe {
            let d = namespace(op)?;
            let cached = dict::get_item_known_hash_str(d, crate::interned!("__annotations__"));
            if !cached.is_null() {
                return Ok(Owned::from_borrowed(cached));
            }
            let initializing = is_initializing(d)?;
            let f = dict::get_item_known_hash_str(d, crate::interned!("__annotate__"));
            let annotations = if !f.is_null() && (*(*f).ob_type).tp_call.is_some() {
                let f = Owned::from_borrowed(f);
                let a = protocol::call_args(f.as_ptr(), &[int::small(1)])?;
                if !dict::check(a.as_ptr()) {
                    return Err(errors::type_error(format!(
                        "__annotate__() must return a dict, not {}",
                        typeobj::type_name(a.as_ptr())
                    )));
                }
                a
            } else {
                dict::new()?
            };
            if !initializing {
                dict::set_item(d, crate::interned!("__annotations__"), annotations.as_ptr())?;
            }
            Ok(annotations)
        }
    })
}

/// `module.__annotations__ = value` / `del module.__annotations__`: the
/// namespace entry; either drops `__annotate__`.
pub unsafe extern "C" fn set_annotations(
    op: *mut PyObject,
    v: *mut PyObject,
    _c: *mut c_void,
) -> libc::c_int {
    guard_status(|| {
        // SAFETY: op is a module; v NULL (delete) or valid.
        unsafe {
            let d = namespace(op)?;
            let key = crate::interned!("__annotations__");
            if v.is_null() {
                if !dict::del_item_opt(d, key)? {
                    return Err(errors::attribute_error("__annotations__"));
                }
            } else {
                dict::set_item(d, key, v)?;
            }
            dict::del_item_opt(d, crate::interned!("__annotate__"))?;
            Ok(())
        }
    })
}
