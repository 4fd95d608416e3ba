//! The Slice Objects chapter: `PySlice_*`.
use crate::capi::boundary::{guard, guard_int, guard_obj};
use crate::ffi::*;
use crate::object::{int, none, slice};
use crate::runtime::errors::PyResult;
use libc::c_int;

/// `PySlice_New`: NULL parts mean `None`.
#[no_mangle]
pub unsafe extern "C" fn PySlice_New(
    start: *mut PyObject,
    stop: *mut PyObject,
    step: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: the parts are valid objects or NULL.
    guard_obj(|| unsafe { slice::new(start, stop, step) })
}

/// `PySlice_Unpack`: returns 0 and the raw indices, or -1 with an error.
#[no_mangle]
pub unsafe extern "C" fn PySlice_Unpack(
    slice_: *mut PyObject,
    start: *mut Py_ssize_t,
    stop: *mut Py_ssize_t,
    step: *mut Py_ssize_t,
) -> c_int {
    crate::null_check!(slice_, start, stop, step);
    guard_int(|| {
        // SAFETY: slice_ is a slice (as CPython assumes); outputs writable.
        unsafe {
            let (a, b, c) = slice::unpack(slice_)?;
            (*start, *stop, *step) = (a, b, c);
            Ok(0)
        }
    })
}

/// `PySlice_AdjustIndices`.
#[no_mangle]
pub unsafe extern "C" fn PySlice_AdjustIndices(
    length: Py_ssize_t,
    start: *mut Py_ssize_t,
    stop: *mut Py_ssize_t,
    step: Py_ssize_t,
) -> Py_ssize_t {
    // SAFETY: start and stop are writable (the caller's contract).
    guard(|| unsafe { slice::adjust_indices(length, &mut *start, &mut *stop, step) })
}

/// `PySlice_GetIndicesEx`.
#[no_mangle]
pub unsafe extern "C" fn PySlice_GetIndicesEx(
    slice_: *mut PyObject,
    length: Py_ssize_t,
    start: *mut Py_ssize_t,
    stop: *mut Py_ssize_t,
    step: *mut Py_ssize_t,
    slicelength: *mut Py_ssize_t,
) -> c_int {
    crate::null_check!(slice_, start, stop, step, slicelength);
    guard_int(|| {
        // SAFETY: slice_ is a slice; outputs writable.
        unsafe {
            let ix = slice::indices(slice_, length)?;
            (*start, *stop, *step, *slicelength) = (ix.start, ix.stop, ix.step, ix.len);
            Ok(0)
        }
    })
}

/// `PySlice_GetIndices`: the old API; -1 without an exception for
/// out-of-range or non-int parts, as CPython does.
#[no_mangle]
pub unsafe extern "C" fn PySlice_GetIndices(
    slice_: *mut PyObject,
    length: Py_ssize_t,
    start: *mut Py_ssize_t,
    stop: *mut Py_ssize_t,
    step: *mut Py_ssize_t,
) -> c_int {
    crate::null_check!(slice_, start, stop, step);
    // SAFETY: slice_ is a slice; outputs writable.
    guard_int(|| unsafe {
        let [a, b, c] = slice::parts(slice_);
        let none = none::none();
        let as_ssize = |v: *mut PyObject| -> PyResult<Option<Py_ssize_t>> {
            if !int::check(v) {
                return Ok(None);
            }
            int::as_i64(v).map(|x| Some(x as Py_ssize_t))
        };
        *step = if c == none {
            1
        } else {
            match as_ssize(c)? {
                Some(x) => x,
                None => return Ok(-1),
            }
        };
        *start = if a == none {
            if *step < 0 {
                length - 1
            } else {
                0
            }
        } else {
            match as_ssize(a)? {
                Some(x) if x < 0 => x + length,
                Some(x) => x,
                None => return Ok(-1),
            }
        };
        *stop = if b == none {
            if *step < 0 {
                -1
            } else {
                length
            }
        } else {
            match as_ssize(b)? {
                Some(x) if x < 0 => x + length,
                Some(x) => x,
                None => return Ok(-1),
            }
        };
        if *stop > length || *start >= length || *step == 0 {
            return Ok(-1);
        }
        Ok(0)
    })
}
