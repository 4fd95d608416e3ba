//! Pickling of the index iterators `list_iterator`, `list_reverseiterator`,
//! `tuple_iterator` and the str iterators (CPython's
//! `listiter_reduce_general`, `tupleiter_reduce`, `unicodeiter_reduce` and
//! their `__setstate__`): `iter(seq)` or `reversed(seq)` rebuilds the
//! iterator and the state is its position.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::list::{self, SeqIndexIter};
use crate::object::{none, number, str as pystr, tuple};
use crate::Owned;

unsafe fn is_reverse(op: *mut PyObject) -> bool {
    // SAFETY: op is valid.
    unsafe { (*op).ob_type == &raw mut list::PyListRevIter_Type }
}

/// `__reduce__`: `(iter, (seq,), index)`, or `(iter, ([],))` (a tuple's:
/// `(iter, ((),))`, a str's `(iter, ('',))`) once exhausted; `reversed`
/// for the reverse iterator.
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
            let empty = if tp == &raw mut tuple::PyTupleIter_Type {
                tuple::empty()
            } else if tp == &raw mut pystr::PyUnicodeIter_Type
                || tp == &raw mut pystr::_PyUnicodeASCIIIter_Type
            {
                pystr::empty()?
            } else {
                list::from_vec(Vec::new())?
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
