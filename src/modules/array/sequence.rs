//! The sequence and mapping slots of `array.array` (CPython's
//! `array_item`, `array_subscr`, `array_ass_subscr`, `array_concat` ...):
//! indexing, slices and extended slices, slice assignment from arrays of
//! the same typecode, `+`, `*`, `+=`, `*=` and `in`.
use super::object::{
    check, data, del_slice, descr, exports_error, extend, from_bytes, get, item_ptr, len, raw,
    resize, set,
};
use crate::capi::boundary::{guard, guard_int, guard_obj, guard_status};
use crate::ffi::*;
use crate::object::exceptions::PyExc_IndexError;
use crate::object::typeobj::type_name;
use crate::object::{number, protocol, slice};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_int;

pub static mut AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(array_length),
    sq_concat: Some(array_concat),
    sq_repeat: Some(array_repeat),
    sq_item: Some(array_item),
    sq_ass_item: Some(array_ass_item),
    sq_contains: Some(array_contains),
    sq_inplace_concat: Some(array_inplace_concat),
    sq_inplace_repeat: Some(array_inplace_repeat),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

pub static mut AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: Some(array_length),
    mp_subscript: Some(array_subscr),
    mp_ass_subscript: Some(array_ass_subscr),
};

/// `PyErr_BadArgument`.
fn bad_argument() -> errors::Raised {
    errors::type_error("bad argument type for built-in operation")
}

unsafe extern "C" fn array_length(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: op is an array.
    guard_int(|| Ok(unsafe { len(op) }))
}

/// Item `i` or `IndexError("array index out of range")`.
unsafe fn item(op: *mut PyObject, i: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: op is an array; i is checked.
    unsafe {
        if i < 0 || i >= len(op) {
            return Err(errors::index_error("array index out of range"));
        }
        get(op, i)
    }
}

unsafe extern "C" fn array_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    // SAFETY: op is an array.
    guard_obj(|| unsafe { item(op, i) })
}

/// A new exact array holding the items the slice `s` selects.
unsafe fn get_slice(op: *mut PyObject, s: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is an array, s a slice; indices are clamped to the length
    // read after the slice's parts were converted.
    unsafe {
        let ix = slice::indices_with(s, || len(op))?;
        let d = descr(op);
        if ix.len <= 0 {
            return from_bytes(d, &[]);
        }
        if ix.step == 1 {
            let lo = ix.start as usize * d.size;
            return from_bytes(d, &data(op)[lo..lo + ix.len as usize * d.size]);
        }
        let src = data(op);
        let mut v = Vec::with_capacity(ix.len as usize * d.size);
        for k in 0..ix.len {
            let at = ix.at(k) as usize * d.size;
            v.extend_from_slice(&src[at..at + d.size]);
        }
        from_bytes(d, &v)
    }
}

unsafe extern "C" fn array_subscr(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an array.
        unsafe {
            if number::index_check(key) {
                let mut i = number::as_ssize(key, PyExc_IndexError)?;
                if i < 0 {
                    i += len(op);
                }
                return item(op, i);
            }
            if slice::check(key) {
                return get_slice(op, key);
            }
            Err(errors::type_error("array indices must be integers"))
        }
    })
}

unsafe extern "C" fn array_ass_item(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) -> c_int {
    guard_status(|| {
        // SAFETY: op is an array.
        unsafe {
            if v.is_null() {
                return del_slice(op, i, i + 1);
            }
            if i < 0 || i >= len(op) {
                return Err(errors::index_error("array assignment index out of range"));
            }
            set(op, i, v)
        }
    })
}

unsafe extern "C" fn array_ass_subscr(
    op: *mut PyObject,
    key: *mut PyObject,
    v: *mut PyObject,
) -> c_int {
    // SAFETY: op is an array; v NULL (delete) or valid.
    guard_status(|| unsafe { ass_subscript(op, key, v) })
}

/// `array_ass_subscr`: `a[key] = v` / `del a[key]`.
unsafe fn ass_subscript(op: *mut PyObject, key: *mut PyObject, v: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is an array; all memory moves stay within its length,
    // which is re-read after every call that may run Python code.
    unsafe {
        let (start, mut stop, step, slicelength);
        if number::index_check(key) {
            let mut i = number::as_ssize(key, PyExc_IndexError)?;
            if i < 0 {
                i += len(op);
            }
            if i < 0 || i >= len(op) {
                return Err(errors::index_error("array assignment index out of range"));
            }
            if !v.is_null() {
                return set(op, i, v);
            }
            (start, stop, step, slicelength) = (i, i + 1, 1, 1);
        } else if slice::check(key) {
            let ix = slice::indices_with(key, || len(op))?;
            (start, stop, step, slicelength) = (ix.start, ix.stop, ix.step, ix.len);
        } else {
            return Err(errors::type_error("array indices must be integers"));
        }
        let needed = if v.is_null() {
            0
        } else if check(v) {
            if v == op {
                // a[i:j] = a: assign from a copy.
                let copy = from_bytes(descr(op), data(op))?;
                return ass_subscript(op, key, copy.as_ptr());
            }
            if descr(v).code != descr(op).code {
                return Err(bad_argument());
            }
            len(v)
        } else {
            return Err(errors::type_error(format!(
                "can only assign array (not \"{}\") to array slice",
                type_name(v)
            )));
        };
        let isz = descr(op).size;
        if (step > 0 && stop < start) || (step < 0 && stop > start) {
            stop = start;
        }
        if (needed == 0 || slicelength != needed) && raw(op).exports > 0 {
            return Err(exports_error());
        }
        let size = len(op);
        if step == 1 {
            if slicelength > needed {
                std::ptr::copy(
                    item_ptr(op, stop),
                    item_ptr(op, start + needed),
                    (size - stop) as usize * isz,
                );
                resize(op, size + needed - slicelength)?;
            } else if slicelength < needed {
                resize(op, size + needed - slicelength)?;
                std::ptr::copy(
                    item_ptr(op, stop),
                    item_ptr(op, start + needed),
                    (size - stop) as usize * isz,
                );
            }
            if needed > 0 {
                std::ptr::copy_nonoverlapping(
                    raw(v).ob_item,
                    item_ptr(op, start),
                    needed as usize * isz,
                );
            }
            return Ok(());
        }
        if needed == 0 {
            // Delete an extended slice: keep the items off its stride.
            let (lo, st) = if step < 0 {
                (start + step * (slicelength - 1), -step)
            } else {
                (start, step)
            };
            let hit = |i: Py_ssize_t| i >= lo && (i - lo) % st == 0 && (i - lo) / st < slicelength;
            let mut w = 0;
            for i in 0..size {
                if !hit(i) {
                    if w != i {
                        std::ptr::copy_nonoverlapping(item_ptr(op, i), item_ptr(op, w), isz);
                    }
                    w += 1;
                }
            }
            return resize(op, size - slicelength);
        }
        if needed != slicelength {
            return Err(errors::value_error(format!(
                "attempt to assign array of size {needed} to extended slice of size {slicelength}"
            )));
        }
        for k in 0..slicelength {
            std::ptr::copy_nonoverlapping(item_ptr(v, k), item_ptr(op, start + k * step), isz);
        }
        Ok(())
    }
}

unsafe extern "C" fn array_contains(op: *mut PyObject, v: *mut PyObject) -> c_int {
    guard(|| {
        // SAFETY: op is an array; the length is re-read after each compare.
        unsafe {
            let mut i = 0;
            while i < len(op) {
                let x = match get(op, i) {
                    Ok(x) => x,
                    Err(_) => return -1,
                };
                match protocol::rich_compare_bool(x.as_ptr(), v, Py_EQ) {
                    Ok(true) => return 1,
                    Ok(false) => {}
                    Err(_) => return -1,
                }
                i += 1;
            }
            0
        }
    })
}

unsafe extern "C" fn array_concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is an array.
        unsafe {
            if !check(b) {
                return Err(errors::type_error(format!(
                    "can only append array (not \"{}\") to array",
                    type_name(b)
                )));
            }
            if descr(a).code != descr(b).code {
                return Err(bad_argument());
            }
            let mut v = Vec::with_capacity(data(a).len() + data(b).len());
            v.extend_from_slice(data(a));
            v.extend_from_slice(data(b));
            from_bytes(descr(a), &v)
        }
    })
}

/// `n` copies of `src` back to back; `MemoryError` past `isize::MAX`.
fn repeated(src: &[u8], n: Py_ssize_t) -> PyResult<Vec<u8>> {
    let n = n.max(0) as usize;
    if src.is_empty() || n == 0 {
        return Ok(Vec::new());
    }
    match src.len().checked_mul(n) {
        Some(total) if total <= isize::MAX as usize => Ok(src.repeat(n)),
        _ => Err(errors::no_memory()),
    }
}

unsafe extern "C" fn array_repeat(op: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    // SAFETY: op is an array.
    guard_obj(|| unsafe { from_bytes(descr(op), &repeated(data(op), n)?) })
}

unsafe extern "C" fn array_inplace_concat(op: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an array.
        unsafe {
            if !check(b) {
                return Err(errors::type_error(format!(
                    "can only extend array with array (not \"{}\")",
                    type_name(b)
                )));
            }
            extend(op, b)?;
            Ok(Owned::from_borrowed(op))
        }
    })
}

unsafe extern "C" fn array_inplace_repeat(op: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an array; the repeated copy is written after the
        // resize.
        unsafe {
            if len(op) > 0 && n != 1 {
                let v = repeated(data(op), n)?;
                resize(op, len(op) * n.max(0))?;
                data(op).copy_from_slice(&v);
            }
            Ok(Owned::from_borrowed(op))
        }
    })
}
