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
    tp_dealloc: Some(seqiter_dealloc),
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
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// `__iter__` of iterators: returns self.
pub unsafe extern "C" fn self_iter(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op valid.
    unsafe { new_ref(op) }
}

unsafe extern "C" fn seqiter_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        xdecref((*op.cast::<SeqIterObject>()).seq);
        crate::object::alloc::raw_free(op.cast());
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
            let sq = (*(*seq).ob_type).tp_as_sequence;
            let r = ((*sq).sq_item.unwrap())(seq, (*it).index);
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

/// Layout of a callable iterator (`iter(callable, sentinel)`).
#[repr(C)]
pub struct CallIterObject {
    pub ob_base: PyObject,
    /// NULL once exhausted.
    pub func: *mut PyObject,
    pub sentinel: *mut PyObject,
}

/// `PyCallIter_Type` (`callable_iterator`).
pub static mut PyCallIter_Type: PyTypeObject = PyTypeObject {
    tp_dealloc: Some(calliter_dealloc),
    tp_iter: Some(self_iter),
    tp_iternext: Some(calliter_next),
    ..type_template(
        c"callable_iterator",
        std::mem::size_of::<CallIterObject>(),
        0,
    )
};

/// `PyCallIter_New`: calls `func` until it returns a value equal to
/// `sentinel` (or raises `StopIteration`).
pub unsafe fn call_iter_new(func: *mut PyObject, sentinel: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: the type is static; fields initialized below.
    unsafe {
        let op = crate::object::alloc::generic_alloc(&raw mut PyCallIter_Type, 0);
        if op.is_null() {
            return Err(Raised::assume());
        }
        let it = op.cast::<CallIterObject>();
        (*it).func = new_ref(func);
        (*it).sentinel = new_ref(sentinel);
        Ok(Owned::from_raw_unchecked(op))
    }
}

unsafe extern "C" fn calliter_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        let it = op.cast::<CallIterObject>();
        xdecref((*it).func);
        xdecref((*it).sentinel);
        crate::object::alloc::raw_free(op.cast());
    }
}

unsafe extern "C" fn calliter_next(op: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_iter(|| {
        // SAFETY: op is a callable iterator.
        unsafe {
            let it = op.cast::<CallIterObject>();
            let func = (*it).func;
            if func.is_null() {
                return Ok(None);
            }
            let r = match crate::object::protocol::call_args(func, &[]) {
                Ok(r) => r,
                Err(e) => {
                    if errors::matches(crate::object::exceptions::PyExc_StopIteration) {
                        errors::clear();
                        (*it).func = null_mut();
                        decref(func);
                        return Ok(None);
                    }
                    return Err(e);
                }
            };
            if crate::object::protocol::rich_compare_bool(r.as_ptr(), (*it).sentinel, Py_EQ)? {
                (*it).func = null_mut();
                decref(func);
                return Ok(None);
            }
            Ok(Some(r))
        }
    })
}
