//! `type.__subclasses__()` bookkeeping (`Objects/typeobject.c`'s
//! `add_subclass`/`remove_subclass`): each type's `tp_subclasses` is a
//! dict from the subclass's address to a weak reference to it.
use crate::ffi::*;
use crate::object::{dict, int, list, weakref};
use crate::runtime::errors::PyResult;
use crate::Owned;

/// Records `sub` as a subclass of each of its bases. Types readied before
/// weak references exist are recorded by `register_static` later.
pub unsafe fn register(sub: *mut PyTypeObject) -> PyResult<()> {
    // SAFETY: sub is a ready type with a bases tuple.
    unsafe {
        let rt = &raw mut weakref::_PyWeakref_RefType;
        if (*rt).tp_flags & Py_TPFLAGS_READY == 0 || (*sub).tp_bases.is_null() {
            return Ok(());
        }
        let key = int::from_i64(sub as usize as i64)?;
        let r = weakref::new(rt, sub.cast(), std::ptr::null_mut())?;
        for &b in crate::object::tuple::items((*sub).tp_bases) {
            let base: *mut PyTypeObject = b.cast();
            if (*base).tp_subclasses.is_null() {
                (*base).tp_subclasses = dict::new()?.into_raw().cast();
            }
            dict::set_item((*base).tp_subclasses.cast(), key.as_ptr(), r.as_ptr())?;
        }
        Ok(())
    }
}

/// Forgets `sub` in its bases' records (it is being deallocated).
pub unsafe fn unregister(sub: *mut PyTypeObject) {
    // SAFETY: sub is a type whose bases are still referenced.
    unsafe { unregister_from(sub, (*sub).tp_bases) }
}

/// Forgets `sub` in the records of the classes of `bases` (a tuple of
/// types, or NULL): its bases, or those it had before `__bases__` changed.
pub unsafe fn unregister_from(sub: *mut PyTypeObject, bases: *mut PyObject) {
    // SAFETY: bases is NULL or a tuple of live types.
    unsafe {
        if bases.is_null() {
            return;
        }
        let Ok(key) = int::from_i64(sub as usize as i64) else {
            crate::runtime::errors::clear();
            return;
        };
        for &b in crate::object::tuple::items(bases) {
            let d: *mut PyObject = (*b.cast::<PyTypeObject>()).tp_subclasses.cast();
            if !d.is_null() && dict::del_item_opt(d, key.as_ptr()).is_err() {
                crate::runtime::errors::clear();
            }
        }
    }
}

/// Drops the record of `tp` (finalization of a static type).
pub unsafe fn clear(tp: *mut PyTypeObject) {
    // SAFETY: tp is a type; its record is a dict or NULL.
    unsafe {
        let d = std::mem::replace(&mut (*tp).tp_subclasses, std::ptr::null_mut());
        crate::object::refcount::xdecref(d.cast());
    }
}

/// The live subclasses of `tp`, as `type.__subclasses__()` lists them.
pub unsafe fn list_of(tp: *mut PyTypeObject) -> PyResult<Owned> {
    // SAFETY: tp is a type; its record holds weak references.
    unsafe {
        let out = list::new(0)?;
        let d: *mut PyObject = (*tp).tp_subclasses.cast();
        if d.is_null() {
            return Ok(out);
        }
        let mut pos = 0;
        while let Some((_, r)) = dict::next(d, &mut pos) {
            if let Some(sub) = weakref::get_ref(r) {
                list::append(out.as_ptr(), sub.as_ptr())?;
            }
        }
        Ok(out)
    }
}
