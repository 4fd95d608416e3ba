//! The Mapping Protocol chapter: `PyMapping_*`. `PyMapping_DelItem` and
//! `PyMapping_DelItemString` are macros in Python.h, as in CPython.
use crate::capi::boundary::{guard_int, guard_obj, guard_status};
use crate::ffi::*;
use crate::object::typeobj::type_name;
use crate::object::{dict, list, protocol, str as pystr};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::{c_char, c_int};
use std::ptr::null_mut;

/// CPython's `null_error`: `SystemError("null argument to internal routine")`
/// unless an error is already set.
fn null_error() -> Raised {
    if errors::occurred().is_null() {
        errors::system_error("null argument to internal routine")
    } else {
        Raised::assume()
    }
}

/// A str key from a C string (`null_error` for NULL).
unsafe fn str_key(key: *const c_char) -> PyResult<Owned> {
    if key.is_null() {
        return Err(null_error());
    }
    // SAFETY: key is a NUL-terminated string.
    unsafe { pystr::from_cstr(key) }
}

/// `PyMapping_Check`: the type has `mp_subscript`.
#[no_mangle]
pub unsafe extern "C" fn PyMapping_Check(o: *mut PyObject) -> c_int {
    // SAFETY: o NULL or valid.
    unsafe {
        if o.is_null() {
            return 0;
        }
        let m = (*(*o).ob_type).tp_as_mapping;
        c_int::from(!m.is_null() && (*m).mp_subscript.is_some())
    }
}

/// `PyMapping_Size`.
#[no_mangle]
pub unsafe extern "C" fn PyMapping_Size(o: *mut PyObject) -> Py_ssize_t {
    guard_int(|| {
        // SAFETY: o NULL or valid.
        unsafe {
            if o.is_null() {
                return Err(null_error());
            }
            let tp = (*o).ob_type;
            let m = (*tp).tp_as_mapping;
            if !m.is_null() {
                if let Some(f) = (*m).mp_length {
                    let n = f(o);
                    return if n < 0 { Err(Raised::assume()) } else { Ok(n) };
                }
            }
            let sq = (*tp).tp_as_sequence;
            if !sq.is_null() && (*sq).sq_length.is_some() {
                return Err(errors::type_error(format!(
                    "{} is not a mapping",
                    type_name(o)
                )));
            }
            Err(errors::type_error(format!(
                "object of type '{}' has no len()",
                type_name(o)
            )))
        }
    })
}

/// `PyMapping_Length`: same as `PyMapping_Size`.
#[no_mangle]
pub unsafe extern "C" fn PyMapping_Length(o: *mut PyObject) -> Py_ssize_t {
    // SAFETY: forwarded.
    unsafe { PyMapping_Size(o) }
}

/// `PyMapping_GetItemString`: `o[key]`.
#[no_mangle]
pub unsafe extern "C" fn PyMapping_GetItemString(
    o: *mut PyObject,
    key: *const c_char,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: o NULL or valid; key NULL or a C string.
        unsafe {
            let k = str_key(key)?;
            if o.is_null() {
                return Err(null_error());
            }
            protocol::get_item(o, k.as_ptr())
        }
    })
}

/// `o[key]`, `None` when it raises `KeyError`.
unsafe fn optional_item(o: *mut PyObject, key: *mut PyObject) -> PyResult<Option<Owned>> {
    // SAFETY: o and key valid.
    unsafe {
        if dict::check_exact(o) {
            let v = dict::get_item(o, key)?;
            return Ok((!v.is_null()).then(|| Owned::from_borrowed(v)));
        }
        match protocol::get_item(o, key) {
            Ok(v) => Ok(Some(v)),
            Err(r) => {
                if errors::matches(crate::object::exceptions::PyExc_KeyError) {
                    errors::clear();
                    return Ok(None);
                }
                Err(r)
            }
        }
    }
}

/// Writes an optional item to `*result`; 1 found, 0 absent, -1 error.
unsafe fn store(result: *mut *mut PyObject, r: PyResult<Option<Owned>>) -> c_int {
    let (v, status) = match r {
        Ok(Some(v)) => (v.into_raw(), 1),
        Ok(None) => (null_mut(), 0),
        Err(_) => (null_mut(), -1),
    };
    if result.is_null() {
        // SAFETY: the reference is not wanted.
        unsafe { crate::object::refcount::xdecref(v) };
    } else {
        // SAFETY: result is writable.
        unsafe { *result = v };
    }
    status
}

/// `PyMapping_GetOptionalItem`: 1 and a strong reference when found, 0
/// and NULL on `KeyError`, -1 on other errors.
#[no_mangle]
pub unsafe extern "C" fn PyMapping_GetOptionalItem(
    o: *mut PyObject,
    key: *mut PyObject,
    result: *mut *mut PyObject,
) -> c_int {
    crate::capi::boundary::guard(|| {
        // SAFETY: checked for NULL.
        unsafe {
            let r = if o.is_null() || key.is_null() {
                Err(null_error())
            } else {
                optional_item(o, key)
            };
            store(result, r)
        }
    })
}

/// `PyMapping_GetOptionalItemString`.
#[no_mangle]
pub unsafe extern "C" fn PyMapping_GetOptionalItemString(
    o: *mut PyObject,
    key: *const c_char,
    result: *mut *mut PyObject,
) -> c_int {
    crate::capi::boundary::guard(|| {
        // SAFETY: checked for NULL.
        unsafe {
            let r = str_key(key).and_then(|k| {
                if o.is_null() {
                    return Err(null_error());
                }
                optional_item(o, k.as_ptr())
            });
            store(result, r)
        }
    })
}

/// `PyMapping_HasKeyWithError`: 1, 0, or -1 on error.
#[no_mangle]
pub unsafe extern "C" fn PyMapping_HasKeyWithError(o: *mut PyObject, key: *mut PyObject) -> c_int {
    // SAFETY: forwarded.
    unsafe { PyMapping_GetOptionalItem(o, key, null_mut()) }
}

/// `PyMapping_HasKeyStringWithError`.
#[no_mangle]
pub unsafe extern "C" fn PyMapping_HasKeyStringWithError(
    o: *mut PyObject,
    key: *const c_char,
) -> c_int {
    // SAFETY: forwarded.
    unsafe { PyMapping_GetOptionalItemString(o, key, null_mut()) }
}

/// Reports an error a `HasKey` function swallows as unraisable (CPython
/// 3.13 does the same, with a message naming the function) and gives 0.
fn swallow(r: c_int) -> c_int {
    if r < 0 {
        // SAFETY: the error indicator is set.
        unsafe { crate::capi::exceptions::PyErr_WriteUnraisable(null_mut()) };
        return 0;
    }
    r
}

/// `PyMapping_HasKey`: errors are reported as unraisable and give 0.
#[no_mangle]
pub unsafe extern "C" fn PyMapping_HasKey(o: *mut PyObject, key: *mut PyObject) -> c_int {
    // SAFETY: forwarded.
    swallow(unsafe { PyMapping_HasKeyWithError(o, key) })
}

/// `PyMapping_HasKeyString`: errors are reported as unraisable and give 0.
#[no_mangle]
pub unsafe extern "C" fn PyMapping_HasKeyString(o: *mut PyObject, key: *const c_char) -> c_int {
    // SAFETY: forwarded.
    swallow(unsafe { PyMapping_HasKeyStringWithError(o, key) })
}

/// `method_output_as_list`: `o.name()` as a list.
unsafe fn method_as_list(o: *mut PyObject, name: &str) -> PyResult<Owned> {
    // SAFETY: o valid.
    unsafe {
        let out = protocol::call_method_obj(o, name, &[])?;
        if list::check_exact(out.as_ptr()) {
            return Ok(out);
        }
        let it = match protocol::get_iter(out.as_ptr()) {
            Ok(it) => it,
            Err(r) => {
                if errors::matches(crate::object::exceptions::PyExc_TypeError) {
                    return Err(errors::type_error(format!(
                        "{}.{name}() returned a non-iterable (type {})",
                        type_name(o),
                        type_name(out.as_ptr())
                    )));
                }
                return Err(r);
            }
        };
        list::from_iterable(it.as_ptr())
    }
}

/// Keys, values or items of a mapping as a list; exact dicts directly.
unsafe fn listing(
    o: *mut PyObject,
    name: &str,
    for_dict: unsafe extern "C" fn(*mut PyObject) -> *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: o NULL or valid.
        unsafe {
            if o.is_null() {
                return Err(null_error());
            }
            if dict::check_exact(o) {
                return errors::check(for_dict(o));
            }
            method_as_list(o, name)
        }
    })
}

/// `PyMapping_Keys`: a list.
#[no_mangle]
pub unsafe extern "C" fn PyMapping_Keys(o: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { listing(o, "keys", crate::capi::dict::PyDict_Keys) }
}

/// `PyMapping_Values`: a list.
#[no_mangle]
pub unsafe extern "C" fn PyMapping_Values(o: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { listing(o, "values", crate::capi::dict::PyDict_Values) }
}

/// `PyMapping_Items`: a list of pairs.
#[no_mangle]
pub unsafe extern "C" fn PyMapping_Items(o: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { listing(o, "items", crate::capi::dict::PyDict_Items) }
}

/// `PyMapping_SetItemString`: `o[key] = value`.
#[no_mangle]
pub unsafe extern "C" fn PyMapping_SetItemString(
    o: *mut PyObject,
    key: *const c_char,
    value: *mut PyObject,
) -> c_int {
    guard_status(|| {
        // SAFETY: checked for NULL.
        unsafe {
            let k = str_key(key)?;
            if o.is_null() || value.is_null() {
                return Err(null_error());
            }
            protocol::set_item(o, k.as_ptr(), value)
        }
    })
}
