//! The Sequence Protocol chapter: `PySequence_*` and `PySeqIter_New`
//! (`PySequence_Fast_GET_SIZE`/`_ITEMS`/`_GET_ITEM` are macros in Python.h).
use crate::capi::boundary::{guard_int, guard_obj, guard_status};
use crate::ffi::*;
use crate::object::typeobj::type_name;
use crate::object::{dict, int, iterobject, list, none, number, protocol, slice, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::c_int;
use std::ptr::null_mut;

macro_rules! nonnull {
    ($($p:expr),+) => {$(if $p.is_null() { return Err(errors::null_argument()); })+};
}

unsafe fn seq_methods(o: *mut PyObject) -> Option<&'static PySequenceMethods> {
    // SAFETY: o valid; the table outlives the type.
    unsafe {
        let sq = (*(*o).ob_type).tp_as_sequence;
        (!sq.is_null()).then(|| &*sq)
    }
}

unsafe fn map_methods(o: *mut PyObject) -> Option<&'static PyMappingMethods> {
    // SAFETY: o valid; the table outlives the type.
    unsafe {
        let mp = (*(*o).ob_type).tp_as_mapping;
        (!mp.is_null()).then(|| &*mp)
    }
}

/// `sequence_check`: `sq_item` present and not a dict.
unsafe fn is_sequence(o: *mut PyObject) -> bool {
    // SAFETY: o valid.
    unsafe { !dict::check(o) && seq_methods(o).is_some_and(|s| s.sq_item.is_some()) }
}

unsafe fn not_a_sequence(o: *mut PyObject) -> Raised {
    // SAFETY: o valid.
    errors::type_error(format!("{} is not a sequence", unsafe { type_name(o) }))
}

/// A negative index plus `sq_length` when the type has one.
unsafe fn adjust(o: *mut PyObject, i: Py_ssize_t) -> PyResult<Py_ssize_t> {
    // SAFETY: o valid.
    unsafe {
        if i < 0 {
            if let Some(f) = seq_methods(o).and_then(|s| s.sq_length) {
                let n = f(o);
                if n < 0 {
                    return Err(Raised::assume());
                }
                return Ok(i + n);
            }
        }
        Ok(i)
    }
}

/// `PySequence_Check`.
#[no_mangle]
pub unsafe extern "C" fn PySequence_Check(o: *mut PyObject) -> c_int {
    // SAFETY: o valid (CPython does not check for NULL either).
    unsafe { is_sequence(o) as c_int }
}

/// `PySequence_Size`.
#[no_mangle]
pub unsafe extern "C" fn PySequence_Size(o: *mut PyObject) -> Py_ssize_t {
    guard_int(|| {
        nonnull!(o);
        // SAFETY: o valid.
        unsafe {
            if let Some(f) = seq_methods(o).and_then(|s| s.sq_length) {
                let n = f(o);
                return if n < 0 { Err(Raised::assume()) } else { Ok(n) };
            }
            if map_methods(o).is_some_and(|m| m.mp_length.is_some()) {
                return Err(not_a_sequence(o));
            }
            Err(errors::type_error(format!(
                "object of type '{}' has no len()",
                type_name(o)
            )))
        }
    })
}

/// `PySequence_Length`: the old name of `PySequence_Size`.
#[no_mangle]
pub unsafe extern "C" fn PySequence_Length(o: *mut PyObject) -> Py_ssize_t {
    // SAFETY: forwarded.
    unsafe { PySequence_Size(o) }
}

/// `PySequence_Concat`.
#[no_mangle]
pub unsafe extern "C" fn PySequence_Concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        nonnull!(a, b);
        // SAFETY: a and b valid.
        unsafe {
            if let Some(f) = seq_methods(a).and_then(|s| s.sq_concat) {
                return errors::check(f(a, b));
            }
            if is_sequence(a) && is_sequence(b) {
                let r = number::binary_op1(a, b, |n| n.nb_add)?;
                if r.as_ptr() != none::not_implemented() {
                    return Ok(r);
                }
            }
            Err(errors::type_error(format!(
                "'{}' object can't be concatenated",
                type_name(a)
            )))
        }
    })
}

/// `PySequence_Repeat`.
#[no_mangle]
pub unsafe extern "C" fn PySequence_Repeat(o: *mut PyObject, count: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| {
        nonnull!(o);
        // SAFETY: o valid.
        unsafe {
            if let Some(f) = seq_methods(o).and_then(|s| s.sq_repeat) {
                return errors::check(f(o, count));
            }
            if is_sequence(o) {
                let n = int::from_i64(count as i64)?;
                let r = number::binary_op1(o, n.as_ptr(), |m| m.nb_multiply)?;
                if r.as_ptr() != none::not_implemented() {
                    return Ok(r);
                }
            }
            Err(errors::type_error(format!(
                "'{}' object can't be repeated",
                type_name(o)
            )))
        }
    })
}

/// `PySequence_InPlaceConcat`.
#[no_mangle]
pub unsafe extern "C" fn PySequence_InPlaceConcat(
    a: *mut PyObject,
    b: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        nonnull!(a, b);
        // SAFETY: a and b valid.
        unsafe {
            let sq = seq_methods(a);
            if let Some(f) = sq.and_then(|s| s.sq_inplace_concat) {
                return errors::check(f(a, b));
            }
            if let Some(f) = sq.and_then(|s| s.sq_concat) {
                return errors::check(f(a, b));
            }
            if is_sequence(a) && is_sequence(b) {
                return number::inplace_op(a, b, |n| n.nb_inplace_add, |n| n.nb_add, "+=");
            }
            Err(errors::type_error(format!(
                "'{}' object can't be concatenated",
                type_name(a)
            )))
        }
    })
}

/// `PySequence_InPlaceRepeat`.
#[no_mangle]
pub unsafe extern "C" fn PySequence_InPlaceRepeat(
    o: *mut PyObject,
    count: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        nonnull!(o);
        // SAFETY: o valid.
        unsafe {
            let sq = seq_methods(o);
            if let Some(f) = sq.and_then(|s| s.sq_inplace_repeat) {
                return errors::check(f(o, count));
            }
            if let Some(f) = sq.and_then(|s| s.sq_repeat) {
                return errors::check(f(o, count));
            }
            if is_sequence(o) {
                let n = int::from_i64(count as i64)?;
                return number::inplace_op(
                    o,
                    n.as_ptr(),
                    |m| m.nb_inplace_multiply,
                    |m| m.nb_multiply,
                    "*=",
                );
            }
            Err(errors::type_error(format!(
                "'{}' object can't be repeated",
                type_name(o)
            )))
        }
    })
}

/// `PySequence_GetItem`: negative indexes count from the end. Exact lists,
/// tuples and bytes are read directly (that path cannot panic).
#[no_mangle]
pub unsafe extern "C" fn PySequence_GetItem(o: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    // SAFETY: o is checked to be an exact list or tuple, the index to be in
    // range.
    unsafe {
        if !o.is_null() && (list::check_exact(o) || tuple::check_exact(o)) {
            let n = (*o.cast::<PyVarObject>()).ob_size;
            let j = if i < 0 { i + n } else { i };
            if (j as usize) < (n as usize) {
                let item = if tuple::check_exact(o) {
                    *tuple::items_ptr(o).offset(j)
                } else {
                    list::get(o, j)
                };
                return crate::object::refcount::new_ref(item);
            }
        }
        if !o.is_null() && crate::object::bytes::check_exact(o) {
            let data = crate::object::bytes::as_slice(o);
            let j = if i < 0 {
                i + data.len() as Py_ssize_t
            } else {
                i
            };
            if (j as usize) < data.len() {
                return crate::object::int::small(data[j as usize] as i64);
            }
        }
    }
    guard_obj(|| {
        nonnull!(o);
        // SAFETY: o valid.
        unsafe {
            if let Some(f) = seq_methods(o).and_then(|s| s.sq_item) {
                let i = adjust(o, i)?;
                return errors::check(f(o, i));
            }
            if map_methods(o).is_some_and(|m| m.mp_subscript.is_some()) {
                return Err(not_a_sequence(o));
            }
            Err(errors::type_error(format!(
                "'{}' object does not support indexing",
                type_name(o)
            )))
        }
    })
}

/// `PySequence_GetSlice`: `o[i1:i2]` through `mp_subscript`.
#[no_mangle]
pub unsafe extern "C" fn PySequence_GetSlice(
    o: *mut PyObject,
    i1: Py_ssize_t,
    i2: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        nonnull!(o);
        // SAFETY: o valid.
        unsafe {
            if let Some(f) = map_methods(o).and_then(|m| m.mp_subscript) {
                let s = index_slice(i1, i2)?;
                return errors::check(f(o, s.as_ptr()));
            }
            Err(errors::type_error(format!(
                "'{}' object is unsliceable",
                type_name(o)
            )))
        }
    })
}

/// `slice(i1, i2)` with int bounds (`_PySlice_FromIndices`).
fn index_slice(i1: Py_ssize_t, i2: Py_ssize_t) -> PyResult<Owned> {
    let (a, b) = (int::from_i64(i1 as i64)?, int::from_i64(i2 as i64)?);
    // SAFETY: both bounds are ints.
    unsafe { slice::new(a.as_ptr(), b.as_ptr(), null_mut()) }
}

unsafe fn set_or_del_item(o: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) -> PyResult<()> {
    // SAFETY: o valid; v NULL or valid.
    unsafe {
        if let Some(f) = seq_methods(o).and_then(|s| s.sq_ass_item) {
            let i = adjust(o, i)?;
            if f(o, i, v) < 0 {
                return Err(Raised::assume());
            }
            return Ok(());
        }
        if map_methods(o).is_some_and(|m| m.mp_ass_subscript.is_some()) {
            return Err(not_a_sequence(o));
        }
        Err(errors::type_error(if v.is_null() {
            format!("'{}' object doesn't support item deletion", type_name(o))
        } else {
            format!("'{}' object does not support item assignment", type_name(o))
        }))
    }
}

/// `PySequence_SetItem`.
#[no_mangle]
pub unsafe extern "C" fn PySequence_SetItem(
    o: *mut PyObject,
    i: Py_ssize_t,
    v: *mut PyObject,
) -> c_int {
    guard_status(|| {
        nonnull!(o);
        // SAFETY: o valid; v NULL (deletes, as CPython still allows) or valid.
        unsafe { set_or_del_item(o, i, v) }
    })
}

/// `PySequence_DelItem`.
#[no_mangle]
pub unsafe extern "C" fn PySequence_DelItem(o: *mut PyObject, i: Py_ssize_t) -> c_int {
    guard_status(|| {
        nonnull!(o);
        // SAFETY: o valid.
        unsafe { set_or_del_item(o, i, null_mut()) }
    })
}

unsafe fn set_or_del_slice(
    o: *mut PyObject,
    i1: Py_ssize_t,
    i2: Py_ssize_t,
    v: *mut PyObject,
) -> PyResult<()> {
    // SAFETY: o valid; v NULL or valid.
    unsafe {
        if let Some(f) = map_methods(o).and_then(|m| m.mp_ass_subscript) {
            let s = index_slice(i1, i2)?;
            if f(o, s.as_ptr(), v) < 0 {
                return Err(Raised::assume());
            }
            return Ok(());
        }
        Err(errors::type_error(if v.is_null() {
            format!("'{}' object doesn't support slice deletion", type_name(o))
        } else {
            format!("'{}' object doesn't support slice assignment", type_name(o))
        }))
    }
}

/// `PySequence_SetSlice`.
#[no_mangle]
pub unsafe extern "C" fn PySequence_SetSlice(
    o: *mut PyObject,
    i1: Py_ssize_t,
    i2: Py_ssize_t,
    v: *mut PyObject,
) -> c_int {
    guard_status(|| {
        nonnull!(o);
        // SAFETY: o valid.
        unsafe { set_or_del_slice(o, i1, i2, v) }
    })
}

/// `PySequence_DelSlice`.
#[no_mangle]
pub unsafe extern "C" fn PySequence_DelSlice(
    o: *mut PyObject,
    i1: Py_ssize_t,
    i2: Py_ssize_t,
) -> c_int {
    guard_status(|| {
        nonnull!(o);
        // SAFETY: o valid.
        unsafe { set_or_del_slice(o, i1, i2, null_mut()) }
    })
}

/// `PySequence_Tuple`.
#[no_mangle]
pub unsafe extern "C" fn PySequence_Tuple(o: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        nonnull!(o);
        // SAFETY: o valid.
        unsafe {
            if list::check_exact(o) {
                return list::as_tuple(o);
            }
            tuple::from_iterable(o)
        }
    })
}

/// `PySequence_List`.
#[no_mangle]
pub unsafe extern "C" fn PySequence_List(o: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        nonnull!(o);
        // SAFETY: o valid.
        unsafe { list::from_iterable(o) }
    })
}

/// `PySequence_Fast`: the list or tuple itself, else a new list; a
/// non-iterable raises `TypeError(m)`.
#[no_mangle]
pub unsafe extern "C" fn PySequence_Fast(
    o: *mut PyObject,
    m: *const libc::c_char,
) -> *mut PyObject {
    guard_obj(|| {
        nonnull!(o);
        // SAFETY: o valid; m a C string.
        unsafe {
            if list::check_exact(o) || tuple::check_exact(o) {
                return Ok(Owned::from_borrowed(o));
            }
            let it = match protocol::get_iter(o) {
                Ok(it) => it,
                Err(e) => {
                    if errors::matches(crate::object::exceptions::PyExc_TypeError) && !m.is_null() {
                        let msg = std::ffi::CStr::from_ptr(m).to_string_lossy().into_owned();
                        errors::clear();
                        return Err(errors::type_error(msg));
                    }
                    return Err(e);
                }
            };
            list::from_iterable(it.as_ptr())
        }
    })
}

/// What `_PySequence_IterSearch` looks for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Search {
    Count,
    Contains,
    Index,
}

/// `_PySequence_IterSearch`.
pub(crate) unsafe fn iter_search(
    seq: *mut PyObject,
    x: *mut PyObject,
    what: Search,
) -> PyResult<Py_ssize_t> {
    // SAFETY: seq and x valid.
    unsafe {
        let it = match protocol::get_iter(seq) {
            Ok(it) => it,
            Err(e) => {
                if errors::matches(crate::object::exceptions::PyExc_TypeError) {
                    errors::clear();
                    return Err(errors::type_error(format!(
                        "argument of type '{}' is not iterable",
                        type_name(seq)
                    )));
                }
                return Err(e);
            }
        };
        let mut n: Py_ssize_t = 0;
        while let Some(item) = protocol::iter_next(it.as_ptr())? {
            if protocol::rich_compare_bool(item.as_ptr(), x, Py_EQ)? {
                match what {
                    Search::Count => n += 1,
                    Search::Contains => return Ok(1),
                    Search::Index => return Ok(n),
                }
            } else if what == Search::Index {
                n += 1;
            }
        }
        match what {
            Search::Index => Err(errors::value_error("sequence.index(x): x not in sequence")),
            Search::Contains => Ok(0),
            Search::Count => Ok(n),
        }
    }
}

/// `PySequence_Count`.
#[no_mangle]
pub unsafe extern "C" fn PySequence_Count(o: *mut PyObject, value: *mut PyObject) -> Py_ssize_t {
    guard_int(|| {
        nonnull!(o, value);
        // SAFETY: both valid.
        unsafe { iter_search(o, value, Search::Count) }
    })
}

/// `PySequence_Contains`: `sq_contains` when the type has it, else a search
/// by iteration.
#[no_mangle]
pub unsafe extern "C" fn PySequence_Contains(o: *mut PyObject, value: *mut PyObject) -> c_int {
    guard_int(|| {
        nonnull!(o);
        if value.is_null() {
            return Err(errors::bad_internal_call());
        }
        // SAFETY: both valid.
        unsafe {
            if let Some(f) = seq_methods(o).and_then(|s| s.sq_contains) {
                let r = f(o, value);
                return if r < 0 { Err(Raised::assume()) } else { Ok(r) };
            }
            iter_search(o, value, Search::Contains).map(|r| r as c_int)
        }
    })
}

/// `PySequence_In`: the old name of `PySequence_Contains`.
#[no_mangle]
pub unsafe extern "C" fn PySequence_In(o: *mut PyObject, value: *mut PyObject) -> c_int {
    // SAFETY: forwarded.
    unsafe { PySequence_Contains(o, value) }
}

/// `PySequence_Index`.
#[no_mangle]
pub unsafe extern "C" fn PySequence_Index(o: *mut PyObject, value: *mut PyObject) -> Py_ssize_t {
    guard_int(|| {
        nonnull!(o, value);
        // SAFETY: both valid.
        unsafe { iter_search(o, value, Search::Index) }
    })
}

/// `PySeqIter_New`: an iterator over anything with `__getitem__`.
#[no_mangle]
pub unsafe extern "C" fn PySeqIter_New(seq: *mut PyObject) -> *mut PyObject {
    crate::null_check!(seq);
    // SAFETY: seq valid.
    guard_obj(|| unsafe { iterobject::seq_iter_new(seq) })
}

/// `PyCallIter_New`: `iter(callable, sentinel)`; `callable` is not checked
/// (a non-callable fails at the first `next`).
#[no_mangle]
pub unsafe extern "C" fn PyCallIter_New(
    callable: *mut PyObject,
    sentinel: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(callable, sentinel);
    // SAFETY: both valid.
    guard_obj(|| unsafe { crate::object::calliter::new(callable, sentinel) })
}
