//! Pickling of the index iterators `list_iterator`, `list_reverseiterator`,
//! `tuple_iterator` and the str iterators (CPython's
//! `listiter_reduce_general`, `tupleiter_reduce`, `unicodeiter_reduce` and
//! their `__setstate__`): `iter(seq)` or `reversed(seq)` rebuilds the
//! iterator and the state is its position; and the iterators over dicts
//! and sets, pickled as an iterator over the list of what they still yield.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::list::{self, SeqIndexIter};
use crate::object::{none, number, str as pystr, tuple};
use crate::runtime::errors::PyResult;
use crate::Owned;

unsafe fn is_reverse(op: *mut PyObject) -> bool {
    // SAFETY: op is valid.
    unsafe { (*op).ob_type == &raw mut list::PyListRevIter_Type }
}

/// `__reduce__`: `(iter, (seq,), index)`, or once exhausted `(iter, ([],))`
/// for a list, `(iter, ('',))` for a str and `(iter, ((),))` for the
/// others; `reversed` for the reverse iterator.
pub unsafe extern "C" fn reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is one of the index iterators.
        unsafe {
            let reverse = is_reverse(op);
            // Looked up first: the lookup may run code that moves the iterator.
            let f = crate::capi::reflection::builtin(if reverse { "reversed" } else { "iter" })?;
            let it = op.cast::<SeqIndexIter>();
            let seq = (*it).it_seq;
            if !seq.is_null() && (*it).it_index >= 0 {
                let args = tuple::from_vec(vec![Owned::from_borrowed(seq)])?;
                let index = crate::object::int::from_i64((*it).it_index as i64)?;
                return tuple::from_vec(vec![f, args, index]);
            }
            let tp = (*op).ob_type;
            let empty = if tp == &raw mut list::PyListIter_Type || reverse {
                list::from_vec(Vec::new())?
            } else if tp == &raw mut pystr::PyUnicodeIter_Type
                || tp == &raw mut pystr::_PyUnicodeASCIIIter_Type
            {
                pystr::empty()?
            } else {
                tuple::empty()
            };
            tuple::from_vec(vec![f, tuple::from_vec(vec![empty])?])
        }
    })
}

/// `__setstate__(index)`: the position, clamped to the sequence (a list
/// iterator given a negative one is exhausted).
pub unsafe extern "C" fn setstate(op: *mut PyObject, state: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is one of the index iterators.
        unsafe {
            let index = number::as_ssize(state, crate::object::exceptions::PyExc_OverflowError)?;
            let it = op.cast::<SeqIndexIter>();
            let seq = (*it).it_seq;
            if !seq.is_null() {
                let n = if tuple::check(seq) {
                    tuple::size(seq)
                } else if pystr::check(seq) {
                    pystr::len(seq)
                } else {
                    list::len(seq)
                };
                (*it).it_index = if is_reverse(op) {
                    index.clamp(-1, n - 1)
                } else if index < 0 && list::check(seq) {
                    // A list iterator's -1 means exhausted.
                    n
                } else {
                    index.clamp(0, n)
                };
            }
            Ok(Owned::from_borrowed_static(none::none()))
        }
    })
}

/// `__reduce__` of the iterators over hashed containers (CPython's
/// `dictiter_reduce`, `setiter_reduce`): `(iter, (list,))`, the list holding
/// what `copy` (a fresh copy of the iterator, so the original does not
/// move) still yields.
pub unsafe fn reduce_remaining(copy: Owned) -> PyResult<Owned> {
    // SAFETY: copy is a live iterator.
    unsafe {
        let f = crate::capi::reflection::builtin("iter")?;
        let rest = list::from_iterable(copy.as_ptr())?;
        tuple::from_vec(vec![f, tuple::from_vec(vec![rest])?])
    }
}
