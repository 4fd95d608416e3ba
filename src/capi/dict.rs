//! The Dictionary Objects chapter: `PyDict_*` and `PyDictProxy_New`.
//! The dict watcher API (`PyDict_AddWatcher`, `PyDict_Watch` ...) is not
//! provided.
use crate::capi::boundary::{guard, guard_int, guard_obj, guard_status};
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::{dict, list, mappingproxy, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_char, c_int};
use std::ptr::null_mut;

/// Fails with `PyErr_BadInternalCall` unless `op` is a non-NULL dict.
macro_rules! dict_arg {
    ($op:expr) => {
        // SAFETY: checked non-NULL first.
        if $op.is_null() || !unsafe { dict::check($op) } {
            errors::bad_internal_call();
            return <_ as crate::capi::boundary::FailureValue>::failure();
        }
    };
}

/// A str key from a C string.
unsafe fn str_key(key: *const c_char) -> PyResult<Owned> {
    // SAFETY: key is a NUL-terminated UTF-8 string.
    unsafe { pystr::from_cstr(key) }
}

/// Stores `v` (or NULL) into an optional out-pointer.
unsafe fn put(result: *mut *mut PyObject, v: *mut PyObject) {
    if !result.is_null() {
        // SAFETY: result points at writable storage.
        unsafe { *result = v };
    } else {
        // SAFETY: the caller did not want the reference.
        unsafe { xdecref(v) };
    }
}

/// `PyDict_New`.
#[no_mangle]
pub extern "C" fn PyDict_New() -> *mut PyObject {
    guard_obj(dict::new)
}

/// `PyDict_GetItem`: borrowed, NULL when absent; every error is swallowed
/// and the error indicator set before the call is kept.
#[no_mangle]
pub unsafe extern "C" fn PyDict_GetItem(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    guard(|| {
        // SAFETY: checked below.
        unsafe {
            if op.is_null() || key.is_null() || !dict::check(op) {
                return null_mut();
            }
            let saved = errors::take();
            let r = dict::get_item(op, key).unwrap_or(null_mut());
            errors::clear();
            if let Some(s) = saved {
                errors::restore(s);
            }
            r
        }
    })
}

/// `PyDict_GetItemWithError`: borrowed; NULL without an error when absent.
#[no_mangle]
pub unsafe extern "C" fn PyDict_GetItemWithError(
    op: *mut PyObject,
    key: *mut PyObject,
) -> *mut PyObject {
    dict_arg!(op);
    crate::null_check!(key);
    // SAFETY: op is a dict.
    guard(|| unsafe { dict::get_item(op, key).unwrap_or(null_mut()) })
}

/// `PyDict_GetItemRef`: 1 and a strong reference when found, 0 and NULL
/// when absent, -1 on error.
#[no_mangle]
pub unsafe extern "C" fn PyDict_GetItemRef(
    op: *mut PyObject,
    key: *mut PyObject,
    result: *mut *mut PyObject,
) -> c_int {
    if !result.is_null() {
        // SAFETY: result is writable.
        unsafe { *result = null_mut() };
    }
    dict_arg!(op);
    crate::null_check!(key);
    guard_int(|| {
        // SAFETY: op is a dict.
        unsafe {
            let v = dict::get_item(op, key)?;
            if v.is_null() {
                return Ok(0);
            }
            put(result, new_ref(v));
            Ok(1)
        }
    })
}

/// `PyDict_GetItemStringRef`.
#[no_mangle]
pub unsafe extern "C" fn PyDict_GetItemStringRef(
    op: *mut PyObject,
    key: *const c_char,
    result: *mut *mut PyObject,
) -> c_int {
    if !result.is_null() {
        // SAFETY: result is writable.
        unsafe { *result = null_mut() };
    }
    dict_arg!(op);
    crate::null_check!(key);
    guard_int(|| {
        // SAFETY: key is a C string; forwarded.
        unsafe {
            let k = str_key(key)?;
            Ok(PyDict_GetItemRef(op, k.as_ptr(), result))
        }
    })
}

/// `PyDict_GetItemString`: borrowed; errors swallowed.
#[no_mangle]
pub unsafe extern "C" fn PyDict_GetItemString(
    op: *mut PyObject,
    key: *const c_char,
) -> *mut PyObject {
    guard(|| {
        // SAFETY: key is a C string.
        unsafe {
            if key.is_null() {
                return null_mut();
            }
            let k = match str_key(key) {
                Ok(k) => k,
                Err(_) => {
                    errors::clear();
                    return null_mut();
                }
            };
            PyDict_GetItem(op, k.as_ptr())
        }
    })
}

/// `PyDict_SetItem`: new references to key and value are taken.
#[no_mangle]
pub unsafe extern "C" fn PyDict_SetItem(
    op: *mut PyObject,
    key: *mut PyObject,
    value: *mut PyObject,
) -> c_int {
    dict_arg!(op);
    crate::null_check!(key, value);
    // SAFETY: op is a dict.
    guard_status(|| unsafe { dict::set_item(op, key, value) })
}

/// `PyDict_SetItemString`: the key is interned, as CPython does.
#[no_mangle]
pub unsafe extern "C" fn PyDict_SetItemString(
    op: *mut PyObject,
    key: *const c_char,
    value: *mut PyObject,
) -> c_int {
    dict_arg!(op);
    crate::null_check!(key, value);
    guard_status(|| {
        // SAFETY: key is a C string; op a dict.
        unsafe {
            let k = pystr::intern_cstr(key)?;
            dict::set_item(op, k, value)
        }
    })
}

/// `PyDict_DelItem`: `KeyError` when absent.
#[no_mangle]
pub unsafe extern "C" fn PyDict_DelItem(op: *mut PyObject, key: *mut PyObject) -> c_int {
    dict_arg!(op);
    crate::null_check!(key);
    // SAFETY: op is a dict.
    guard_status(|| unsafe { dict::del_item(op, key) })
}

/// `PyDict_DelItemString`.
#[no_mangle]
pub unsafe extern "C" fn PyDict_DelItemString(op: *mut PyObject, key: *const c_char) -> c_int {
    dict_arg!(op);
    crate::null_check!(key);
    guard_status(|| {
        // SAFETY: key is a C string.
        unsafe {
            let k = str_key(key)?;
            dict::del_item(op, k.as_ptr())
        }
    })
}

/// `PyDict_Contains`: 1, 0, or -1 on error.
#[no_mangle]
pub unsafe extern "C" fn PyDict_Contains(op: *mut PyObject, key: *mut PyObject) -> c_int {
    dict_arg!(op);
    crate::null_check!(key);
    // SAFETY: op is a dict.
    guard_int(|| unsafe { dict::contains(op, key).map(c_int::from) })
}

/// `PyDict_ContainsString`.
#[no_mangle]
pub unsafe extern "C" fn PyDict_ContainsString(op: *mut PyObject, key: *const c_char) -> c_int {
    dict_arg!(op);
    crate::null_check!(key);
    guard_int(|| {
        // SAFETY: key is a C string.
        unsafe {
            let k = str_key(key)?;
            dict::contains(op, k.as_ptr()).map(c_int::from)
        }
    })
}

/// `PyDict_Clear`: does nothing for a non-dict.
#[no_mangle]
pub unsafe extern "C" fn PyDict_Clear(op: *mut PyObject) {
    // SAFETY: checked.
    unsafe {
        if !op.is_null() && dict::check(op) {
            guard(|| dict::clear(op));
        }
    }
}

/// `PyDict_Copy`: a new exact dict.
#[no_mangle]
pub unsafe extern "C" fn PyDict_Copy(op: *mut PyObject) -> *mut PyObject {
    dict_arg!(op);
    // SAFETY: op is a dict.
    guard_obj(|| unsafe { dict::copy(op) })
}

/// A list of the keys, values or items of a dict.
unsafe fn to_list(
    op: *mut PyObject,
    pick: fn(*mut PyObject, *mut PyObject) -> PyResult<Owned>,
) -> PyResult<Owned> {
    // SAFETY: op is a dict.
    unsafe {
        let mut v = Vec::with_capacity(dict::len(op) as usize);
        let mut pos = 0;
        while let Some((k, val)) = dict::next(op, &mut pos) {
            v.push(pick(k, val)?);
        }
        list::from_vec(v)
    }
}

/// `PyDict_Keys`: a new list.
#[no_mangle]
pub unsafe extern "C" fn PyDict_Keys(op: *mut PyObject) -> *mut PyObject {
    dict_arg!(op);
    // SAFETY: op is a dict; the picked object is alive while listed.
    guard_obj(|| unsafe { to_list(op, |k, _| Ok(Owned::from_borrowed(k))) })
}

/// `PyDict_Values`: a new list.
#[no_mangle]
pub unsafe extern "C" fn PyDict_Values(op: *mut PyObject) -> *mut PyObject {
    dict_arg!(op);
    // SAFETY: op is a dict; the picked object is alive while listed.
    guard_obj(|| unsafe { to_list(op, |_, v| Ok(Owned::from_borrowed(v))) })
}

/// `PyDict_Items`: a new list of `(key, value)` tuples.
#[no_mangle]
pub unsafe extern "C" fn PyDict_Items(op: *mut PyObject) -> *mut PyObject {
    dict_arg!(op);
    // SAFETY: op is a dict.
    guard_obj(|| unsafe { to_list(op, |k, v| crate::object::tuple::pack(&[k, v])) })
}

/// `PyDict_Size`: -1 with `SystemError` for a non-dict.
#[no_mangle]
pub unsafe extern "C" fn PyDict_Size(op: *mut PyObject) -> Py_ssize_t {
    dict_arg!(op);
    // SAFETY: op is a dict.
    unsafe { dict::len(op) }
}

/// `PyDict_Next`: borrowed key and value (either pointer may be NULL).
#[no_mangle]
pub unsafe extern "C" fn PyDict_Next(
    op: *mut PyObject,
    ppos: *mut Py_ssize_t,
    pkey: *mut *mut PyObject,
    pvalue: *mut *mut PyObject,
) -> c_int {
    // SAFETY: ppos is writable; op checked.
    unsafe {
        if op.is_null() || ppos.is_null() || !dict::check(op) || *ppos < 0 {
            return 0;
        }
        let mut pos = *ppos as usize;
        let Some((k, v)) = dict::next(op, &mut pos) else {
            return 0;
        };
        *ppos = pos as Py_ssize_t;
        if !pkey.is_null() {
            *pkey = k;
        }
        if !pvalue.is_null() {
            *pvalue = v;
        }
        1
    }
}

/// `PyDict_Merge`: adds the items of mapping `b` (anything with `keys()`);
/// existing keys are replaced when `override_` is non-zero.
#[no_mangle]
pub unsafe extern "C" fn PyDict_Merge(
    a: *mut PyObject,
    b: *mut PyObject,
    override_: c_int,
) -> c_int {
    dict_arg!(a);
    crate::null_check!(b);
    // SAFETY: a is a dict.
    guard_status(|| unsafe { dict::merge(a, b, override_) })
}

/// `PyDict_Update`: `PyDict_Merge(a, b, 1)`.
#[no_mangle]
pub unsafe extern "C" fn PyDict_Update(a: *mut PyObject, b: *mut PyObject) -> c_int {
    // SAFETY: forwarded.
    unsafe { PyDict_Merge(a, b, 1) }
}

/// `PyDict_MergeFromSeq2`: adds `(key, value)` pairs from an iterable.
#[no_mangle]
pub unsafe extern "C" fn PyDict_MergeFromSeq2(
    d: *mut PyObject,
    seq2: *mut PyObject,
    override_: c_int,
) -> c_int {
    dict_arg!(d);
    crate::null_check!(seq2);
    // SAFETY: d is a dict.
    guard_status(|| unsafe { dict::merge_from_seq2(d, seq2, override_ != 0) })
}

/// `PyDict_SetDefault`: the stored value, borrowed.
#[no_mangle]
pub unsafe extern "C" fn PyDict_SetDefault(
    d: *mut PyObject,
    key: *mut PyObject,
    default: *mut PyObject,
) -> *mut PyObject {
    dict_arg!(d);
    crate::null_check!(key, default);
    // SAFETY: d is a dict.
    guard(|| unsafe { dict::setdefault(d, key, default).unwrap_or(null_mut()) })
}

/// `PyDict_SetDefaultRef`: 1 when the key was present (`*result` its
/// value), 0 when `default` was inserted (`*result` default), -1 on error.
#[no_mangle]
pub unsafe extern "C" fn PyDict_SetDefaultRef(
    d: *mut PyObject,
    key: *mut PyObject,
    default: *mut PyObject,
    result: *mut *mut PyObject,
) -> c_int {
    if !result.is_null() {
        // SAFETY: result is writable.
        unsafe { *result = null_mut() };
    }
    dict_arg!(d);
    crate::null_check!(key, default);
    guard_int(|| {
        // SAFETY: d is a dict.
        unsafe {
            let before = dict::len(d);
            let v = dict::setdefault(d, key, default)?;
            put(result, new_ref(v));
            Ok(if dict::len(d) == before { 1 } else { 0 })
        }
    })
}

/// `PyDict_Pop`: 1 and the value when found (removed), 0 when absent, -1
/// on error.
#[no_mangle]
pub unsafe extern "C" fn PyDict_Pop(
    d: *mut PyObject,
    key: *mut PyObject,
    result: *mut *mut PyObject,
) -> c_int {
    if !result.is_null() {
        // SAFETY: result is writable.
        unsafe { *result = null_mut() };
    }
    dict_arg!(d);
    crate::null_check!(key);
    guard_int(|| {
        // SAFETY: d is a dict.
        unsafe {
            match dict::pop(d, key)? {
                Some(v) => {
                    put(result, v.into_raw());
                    Ok(1)
                }
                None => Ok(0),
            }
        }
    })
}

/// `PyDict_PopString`.
#[no_mangle]
pub unsafe extern "C" fn PyDict_PopString(
    d: *mut PyObject,
    key: *const c_char,
    result: *mut *mut PyObject,
) -> c_int {
    if !result.is_null() {
        // SAFETY: result is writable.
        unsafe { *result = null_mut() };
    }
    dict_arg!(d);
    crate::null_check!(key);
    guard_int(|| {
        // SAFETY: key is a C string; forwarded.
        unsafe {
            let k = str_key(key)?;
            Ok(PyDict_Pop(d, k.as_ptr(), result))
        }
    })
}

/// `PyDictProxy_New`: a read-only `mappingproxy` of a mapping.
#[no_mangle]
pub unsafe extern "C" fn PyDictProxy_New(mapping: *mut PyObject) -> *mut PyObject {
    crate::null_check!(mapping);
    // SAFETY: mapping is valid.
    guard_obj(|| unsafe { mappingproxy::new(mapping) })
}
