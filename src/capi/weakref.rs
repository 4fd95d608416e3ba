//! The Weak Reference Objects chapter: `PyWeakref_*` and
//! `PyObject_ClearWeakRefs`.
use crate::capi::boundary::{guard, guard_int, guard_obj};
use crate::ffi::*;
use crate::object::{none, weakref};
use crate::runtime::errors;
use libc::c_int;
use std::ptr::null_mut;

/// `PyWeakref_NewRef`: the shared ref when `callback` is NULL or `None`.
#[no_mangle]
pub unsafe extern "C" fn PyWeakref_NewRef(
    ob: *mut PyObject,
    callback: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(ob);
    // SAFETY: ob valid; callback NULL or valid.
    guard_obj(|| unsafe { weakref::new(&raw mut weakref::_PyWeakref_RefType, ob, callback) })
}

/// `PyWeakref_NewProxy`: the shared proxy when `callback` is NULL or
/// `None`; a callable proxy for a callable `ob`.
#[no_mangle]
pub unsafe extern "C" fn PyWeakref_NewProxy(
    ob: *mut PyObject,
    callback: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(ob);
    // SAFETY: ob valid; callback NULL or valid.
    guard_obj(|| unsafe { weakref::new_proxy(ob, callback) })
}

/// `PyWeakref_GetRef`: 1 and a strong reference, 0 and NULL when the
/// referent died, -1 (`TypeError`) when `r` is not a weak reference.
#[no_mangle]
pub unsafe extern "C" fn PyWeakref_GetRef(r: *mut PyObject, pobj: *mut *mut PyObject) -> c_int {
    guard_int(|| {
        // SAFETY: r NULL or valid; pobj writable.
        unsafe {
            if r.is_null() || !weakref::check(r) {
                *pobj = null_mut();
                return Err(errors::type_error("expected a weakref"));
            }
            match weakref::get_ref(r) {
                Some(o) => {
                    *pobj = o.into_raw();
                    Ok(1)
                }
                None => {
                    *pobj = null_mut();
                    Ok(0)
                }
            }
        }
    })
}

/// `PyWeakref_GetObject` (deprecated): the referent borrowed, `None` when
/// it died.
#[no_mangle]
pub unsafe extern "C" fn PyWeakref_GetObject(r: *mut PyObject) -> *mut PyObject {
    guard(|| {
        // SAFETY: r NULL or valid; a live referent is referenced by others.
        unsafe {
            if r.is_null() || !weakref::check(r) {
                errors::bad_internal_call();
                return null_mut();
            }
            match weakref::get_ref(r) {
                Some(o) => o.as_ptr(),
                None => none::none(),
            }
        }
    })
}

/// `PyObject_ClearWeakRefs`: called by the deallocator of a weakly
/// referenceable type, with the refcount at zero.
#[no_mangle]
pub unsafe extern "C" fn PyObject_ClearWeakRefs(op: *mut PyObject) {
    guard(|| {
        // SAFETY: op NULL or an object being deallocated.
        unsafe {
            if op.is_null() || !weakref::supports((*op).ob_type) || (*op).ob_refcnt != 0 {
                errors::bad_internal_call();
                return;
            }
            weakref::clear_weakrefs(op)
        }
    })
}
