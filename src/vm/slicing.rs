//! `BINARY_SLICE` and `STORE_SLICE` (`container[start:stop]`) for the eval
//! loop: an exact list or tuple sliced by None or small exact ints is cut
//! directly (and assigned from a list or tuple), without a slice object; anything else goes through a slice
//! object and the container's subscript slots.
use crate::ffi::*;
use crate::object::{int, list, none, protocol, slice, tuple};
use crate::runtime::errors::PyResult;
use crate::Owned;
use std::ptr::null_mut;

/// The bounds `[start:stop]` select in a sequence of length `n`, as
/// `PySlice_AdjustIndices` gives them for a step of 1, when both are None
/// or exact ints of at most two digits; None otherwise.
#[inline(always)]
unsafe fn bounds(start: *mut PyObject, stop: *mut PyObject, n: isize) -> Option<(isize, isize)> {
    // SAFETY: start and stop valid.
    unsafe {
        let at = |v: *mut PyObject, default: isize| -> Option<isize> {
            if v == none::none() {
                return Some(default);
            }
            if (*v).ob_type != &raw mut int::PyLong_Type {
                return None;
            }
            let i = int::small_value(v)? as isize;
            Some(if i < 0 { (i + n).max(0) } else { i.min(n) })
        };
        let lo = at(start, 0)?;
        let hi = at(stop, n)?;
        Some((lo, hi.max(lo)))
    }
}

/// `container[start:stop]`.
pub unsafe fn get(
    container: *mut PyObject,
    start: *mut PyObject,
    stop: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: all valid; the bounds are within the sequence.
    unsafe {
        let t = (*container).ob_type;
        if t == &raw mut list::PyList_Type {
            if let Some((lo, hi)) = bounds(start, stop, list::len(container)) {
                return list::get_slice(container, lo, hi);
            }
        } else if t == &raw mut tuple::PyTuple_Type {
            if let Some((lo, hi)) = bounds(start, stop, tuple::size(container)) {
                return tuple::get_slice(container, lo, hi);
            }
        }
        let s = slice::new(start, stop, null_mut())?;
        protocol::get_item(container, s.as_ptr())
    }
}

/// `container[start:stop] = v`.
pub unsafe fn set(
    container: *mut PyObject,
    start: *mut PyObject,
    stop: *mut PyObject,
    v: *mut PyObject,
) -> PyResult<()> {
    // SAFETY: all valid; set_slice takes bounds within the list.
    unsafe {
        // Only from a list or tuple: other values are iterated before the
        // bounds are taken (which may change the list), as CPython does.
        let vt = (*v).ob_type;
        if (*container).ob_type == &raw mut list::PyList_Type
            && (vt == &raw mut list::PyList_Type || vt == &raw mut tuple::PyTuple_Type)
        {
            if let Some((lo, hi)) = bounds(start, stop, list::len(container)) {
                return list::set_slice(container, lo, hi, v);
            }
        }
        let s = slice::new(start, stop, null_mut())?;
        protocol::set_item(container, s.as_ptr(), v)
    }
}
