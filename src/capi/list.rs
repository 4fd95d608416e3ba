//! The List Objects chapter: `PyList_*`.
use crate::capi::boundary::{guard, guard_obj, guard_status};
use crate::ffi::*;
use crate::object::list;
use crate::object::refcount::*;
use crate::runtime::errors::{self, PyResult};
use libc::c_int;
use std::ptr::null_mut;

/// `SystemError` unless `op` is a non-NULL list (`PyErr_BadInternalCall`).
#[inline(always)]
unsafe fn require_list(op: *mut PyObject) -> PyResult<()> {
    // SAFETY: op NULL or valid.
    if op.is_null() || unsafe { !list::check(op) } {
        return Err(errors::bad_internal_call());
    }
    Ok(())
}

/// `PyList_New`.
#[no_mangle]
pub unsafe extern "C" fn PyList_New(size: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| list::new(size))
}

/// `PyList_Size`.
#[no_mangle]
pub unsafe extern "C" fn PyList_Size(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: op is checked before it is read; nothing here can panic.
    unsafe {
        if !op.is_null() && list::check(op) {
            return list::len(op);
        }
    }
    guard(|| {
        errors::bad_internal_call();
        -1
    })
}

/// `PyList_GetItem`: a borrowed reference. The hot path has no panic
/// point, so only the error path goes through the boundary guard.
#[no_mangle]
pub unsafe extern "C" fn PyList_GetItem(op: *mut PyObject, index: Py_ssize_t) -> *mut PyObject {
    // SAFETY: op is checked to be a list and index to be in range.
    unsafe {
        if !op.is_null() && list::check(op) && (index as usize) < (list::len(op) as usize) {
            return list::get(op, index);
        }
        getitem_error(op)
    }
}

#[cold]
#[inline(never)]
unsafe fn getitem_error(op: *mut PyObject) -> *mut PyObject {
    guard(|| {
        // SAFETY: op NULL or valid.
        if unsafe { require_list(op) }.is_ok() {
            errors::index_error("list index out of range");
        }
        null_mut()
    })
}

/// `PyList_GetItemRef`: a new reference; `TypeError` for a non-list.
#[no_mangle]
pub unsafe extern "C" fn PyList_GetItemRef(op: *mut PyObject, index: Py_ssize_t) -> *mut PyObject {
    crate::null_check!(op);
    guard_obj(|| {
        // SAFETY: checked to be a list.
        unsafe {
            if !list::check(op) {
                return Err(errors::type_error("expected a list"));
            }
            list::item(op, index)
        }
    })
}

/// `PyList_SetItem`: steals `item`. The hot path only stores and releases
/// the old item (whose deallocator guards itself).
#[no_mangle]
pub unsafe extern "C" fn PyList_SetItem(
    op: *mut PyObject,
    index: Py_ssize_t,
    item: *mut PyObject,
) -> c_int {
    // SAFETY: op is checked to be a list and index to be in range; item is
    // a stolen reference.
    unsafe {
        if !op.is_null() && list::check(op) && (index as usize) < (list::len(op) as usize) {
            let slot = (*op.cast::<PyListObject>()).ob_item.offset(index);
            let old = std::mem::replace(&mut *slot, item);
            xdecref(old);
            return 0;
        }
        setitem_error(op, index, item)
    }
}

#[cold]
#[inline(never)]
unsafe fn setitem_error(op: *mut PyObject, index: Py_ssize_t, item: *mut PyObject) -> c_int {
    guard_status(|| {
        // SAFETY: op NULL or valid; item stolen.
        unsafe {
            if let Err(e) = require_list(op) {
                xdecref(item);
                return Err(e);
            }
            list::set_item_steal(op, index, item)
        }
    })
}

/// `PyList_Insert`.
#[no_mangle]
pub unsafe extern "C" fn PyList_Insert(
    op: *mut PyObject,
    index: Py_ssize_t,
    item: *mut PyObject,
) -> c_int {
    guard_status(|| {
        // SAFETY: checked to be a list; item non-NULL.
        unsafe {
            require_list(op)?;
            if item.is_null() {
                return Err(errors::bad_internal_call());
            }
            list::insert(op, index, item)
        }
    })
}

/// `PyList_Append`.
#[no_mangle]
pub unsafe extern "C" fn PyList_Append(op: *mut PyObject, item: *mut PyObject) -> c_int {
    // SAFETY: checked to be a list; item non-NULL.
    unsafe {
        if !op.is_null() && !item.is_null() && list::check(op) {
            return match list::append(op, item) {
                Ok(()) => 0,
                Err(_) => -1,
            };
        }
    }
    errors::bad_internal_call();
    -1
}

/// `PyList_Extend` (3.13).
#[no_mangle]
pub unsafe extern "C" fn PyList_Extend(op: *mut PyObject, iterable: *mut PyObject) -> c_int {
    guard_status(|| {
        // SAFETY: checked to be a list.
        unsafe {
            require_list(op)?;
            if iterable.is_null() {
                return Err(errors::bad_internal_call());
            }
            list::extend(op, iterable)
        }
    })
}

/// `PyList_Clear` (3.13).
#[no_mangle]
pub unsafe extern "C" fn PyList_Clear(op: *mut PyObject) -> c_int {
    guard_status(|| {
        // SAFETY: checked to be a list.
        unsafe {
            require_list(op)?;
            list::clear(op);
            Ok(())
        }
    })
}

/// `PyList_GetSlice`.
#[no_mangle]
pub unsafe extern "C" fn PyList_GetSlice(
    op: *mut PyObject,
    low: Py_ssize_t,
    high: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: checked to be a list.
        unsafe {
            require_list(op)?;
            list::get_slice(op, low, high)
        }
    })
}

/// `PyList_SetSlice`: `itemlist` NULL deletes.
#[no_mangle]
pub unsafe extern "C" fn PyList_SetSlice(
    op: *mut PyObject,
    low: Py_ssize_t,
    high: Py_ssize_t,
    itemlist: *mut PyObject,
) -> c_int {
    guard_status(|| {
        // SAFETY: checked to be a list.
        unsafe {
            require_list(op)?;
            list::set_slice(op, low, high, itemlist)
        }
    })
}

/// `PyList_Sort`.
#[no_mangle]
pub unsafe extern "C" fn PyList_Sort(op: *mut PyObject) -> c_int {
    guard_status(|| {
        // SAFETY: checked to be a list.
        unsafe {
            require_list(op)?;
            crate::object::listsort::sort(op, null_mut(), false)
        }
    })
}

/// `PyList_Reverse`.
#[no_mangle]
pub unsafe extern "C" fn PyList_Reverse(op: *mut PyObject) -> c_int {
    guard_status(|| {
        // SAFETY: checked to be a list.
        unsafe {
            require_list(op)?;
            list::reverse(op);
            Ok(())
        }
    })
}

/// `PyList_AsTuple`.
#[no_mangle]
pub unsafe extern "C" fn PyList_AsTuple(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: checked to be a list.
        unsafe {
            require_list(op)?;
            list::as_tuple(op)
        }
    })
}
