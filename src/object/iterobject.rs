//! `iterator` (`PySeqIter_Type`): iteration over any object with
//! `__getitem__`, stopping at `IndexError` or `StopIteration`.
use crate::capi::boundary::guard;
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::type_template;
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use std::ptr::null_mut;

/// Layout of a sequence iterator.
#[repr(C)]
pub struct SeqIterObject {
    pub ob_base: PyObject,
    pub index: Py_ssize_t,
    /// NULL once exhausted.
    pub seq: *mut PyObject,
}

/// `PySeqIter_Type`.
#[no_mangle]
pub static mut PySeqIter_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(seqiter_dealloc),
    tp_traverse: Some(seqiter_traverse),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_iter: Some(self_iter),
    tp_iternext: Some(seqiter_next),
    ..type_template(c"iterator", std::mem::size_of::<SeqIterObject>(), 0)
};

/// `PySeqIter_New`.
pub unsafe fn seq_iter_new(seq: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: the type is static; fields initialized below.
    unsafe {
        let op = crate::object::alloc::generic_alloc(&raw mut PySeqIter_Type, 0);
        if op.is_null() {
            return Err(Raised::assume());
        }
        let it = op.cast::<SeqIterObject>();
        (*it).index = 0;
        (*it).seq = new_ref(seq);
        crate::object::gc::track(op);
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// `__iter__` of iterators: returns self.
pub unsafe extern "C" fn self_iter(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op valid.
    unsafe { new_ref(op) }
}

unsafe extern "C" fn seqiter_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; the iterator has a GC header.
    unsafe {
        crate::object::gc::untrack(op);
        xdecref((*op.cast::<SeqIterObject>()).seq);
        crate::object::alloc::gc_free(op.cast());
    }
}

unsafe extern "C" fn seqiter_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut libc::c_void,
) -> libc::c_int {
    // SAFETY: op is a sequence iterator, which owns its sequence.
    unsafe { crate::object::gc::visit_all(&[(*op.cast::<SeqIterObject>()).seq], visit, arg) }
}

/// `seq[i]` through the `sq_item` slot of an iterated sequence (NULL with
/// an exception on failure); a class whose `__getitem__` was deleted
/// meanwhile has none left and gets `TypeError`.
pub(crate) unsafe fn item_at(seq: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    // SAFETY: seq valid.
    unsafe {
        let sq = (*(*seq).ob_type).tp_as_sequence;
        match if sq.is_null() { None } else { (*sq).sq_item } {
            Some(f) => f(seq, i),
            None => {
                errors::type_error(format!(
                    "'{}' object does not support indexing",
                    crate::object::typeobj::type_name(seq)
                ));
                null_mut()
            }
        }
    }
}

unsafe extern "C" fn seqiter_next(op: *mut PyObject) -> *mut PyObject {
    guard(|| {
        // SAFETY: op is a sequence iterator.
        unsafe {
            let it = op.cast::<SeqIterObject>();
            let seq = (*it).seq;
            if seq.is_null() {
                return null_mut();
            }
            let r = item_at(seq, (*it).index);
            if !r.is_null() {
                (*it).index += 1;
                return r;
            }
            if errors::matches(crate::object::exceptions::PyExc_IndexError)
                || errors::matches(crate::object::exceptions::PyExc_StopIteration)
            {
                errors::clear();
                (*it).seq = null_mut();
                decref(seq);
            }
            null_mut()
        }
    })
}
