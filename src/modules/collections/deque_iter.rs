//! The deque iterators, `_deque_iterator` and `_deque_reverse_iterator`:
//! they give `counter` more items and fail once the deque changes.
use super::deque::{dq, DEQUE_TYPE};
use crate::capi::boundary::{guard_iter, guard_obj};
use crate::ffi::*;
use crate::modules::objtype::{meth_noargs, new_obj, parse, ptr, some, state, state_refs};
use crate::object::descr::{method, METHOD_END};
use crate::object::exceptions::PyExc_OverflowError;
use crate::object::{int, number, protocol, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_void;

/// An iterator over a deque: the deque, the deque's mutation counter when
/// the iterator was made, the position, and the items left.
pub struct DequeIter {
    deque: Option<Owned>,
    state: u64,
    index: usize,
    counter: usize,
}
state_refs!(DequeIter, deque);

const fn iter_type(name: &'static std::ffi::CStr, new: newfunc) -> PyTypeObject {
    PyTypeObject {
        tp_iter: Some(crate::object::iterobject::self_iter),
        tp_iternext: Some(dequeiter_next),
        tp_new: new,
        tp_methods: (&raw const ITER_METHODS).cast_mut().cast(),
        ..crate::modules::objtype::gc_type::<DequeIter>(name, 0)
    }
}

/// `collections._deque_iterator`.
pub static mut DEQUE_ITER_TYPE: PyTypeObject =
    iter_type(c"collections._deque_iterator", Some(dequeiter_new));
/// `collections._deque_reverse_iterator`.
pub static mut DEQUE_REVITER_TYPE: PyTypeObject =
    iter_type(c"collections._deque_reverse_iterator", Some(dequeiter_new));

static ITER_METHODS: [PyMethodDef; 3] = [
    method(
        c"__length_hint__",
        dequeiter_len as *const c_void,
        METH_NOARGS,
    ),
    method(
        c"__reduce__",
        dequeiter_reduce as *const c_void,
        METH_NOARGS,
    ),
    METHOD_END,
];

unsafe fn make(tp: *mut PyTypeObject, deque: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: deque is a deque.
    unsafe {
        let d = dq(deque);
        new_obj(
            tp,
            DequeIter {
                deque: some(deque),
                state: d.state,
                index: 0,
                counter: d.items.len(),
            },
        )
    }
}

/// `deque.__iter__`.
pub unsafe extern "C" fn deque_iter(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a deque.
    guard_obj(|| unsafe { make(&raw mut DEQUE_ITER_TYPE, op) })
}

meth_noargs!(pub deque_reversed, |op| make(&raw mut DEQUE_REVITER_TYPE, op));

unsafe extern "C" fn dequeiter_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple, kwargs NULL or a dict.
        unsafe {
            let fname = crate::object::typeobj::short_name(tp);
            let [deque, index] = parse(fname, args, kwargs, ["deque", "index"], 2, 1)?;
            if !crate::object::typeobj::instance_of(deque, &raw mut DEQUE_TYPE) {
                return Err(errors::type_error(format!(
                    "{fname}() argument 1 must be collections.deque, not {}",
                    crate::object::typeobj::type_name(deque)
                )));
            }
            let it = make(tp, deque)?;
            let n = if index.is_null() {
                0
            } else {
                number::as_ssize(index, PyExc_OverflowError)?
            };
            for _ in 0..n {
                if protocol::iter_next(it.as_ptr())?.is_none() {
                    break;
                }
            }
            Ok(it)
        }
    })
}

unsafe extern "C" fn dequeiter_next(op: *mut PyObject) -> *mut PyObject {
    guard_iter(|| {
        // SAFETY: op is a deque iterator over a deque.
        unsafe {
            let reverse = crate::object::typeobj::instance_of(op, &raw mut DEQUE_REVITER_TYPE);
            let it = state::<DequeIter>(op);
            let d = ptr(&it.deque);
            if d.is_null() || it.counter == 0 {
                return Ok(None);
            }
            let dqs = dq(d);
            if dqs.state != it.state {
                it.counter = 0;
                return Err(errors::runtime_error("deque mutated during iteration"));
            }
            let len = dqs.items.len();
            let pos = if reverse {
                len - 1 - it.index
            } else {
                it.index
            };
            it.index += 1;
            it.counter -= 1;
            Ok(dqs.items.get(pos).cloned())
        }
    })
}

meth_noargs!(dequeiter_len, |op| int::from_i64(
    state::<DequeIter>(op).counter as i64
));

meth_noargs!(dequeiter_reduce, |op| {
    let it = state::<DequeIter>(op);
    let d = ptr(&it.deque);
    if d.is_null() {
        return Err(errors::type_error("cannot reduce a cleared iterator"));
    }
    let done = dq(d).items.len().saturating_sub(it.counter);
    let n = int::from_i64(done as i64)?;
    let args = tuple::pack(&[d, n.as_ptr()])?;
    tuple::pack(&[(*op).ob_type.cast(), args.as_ptr()])
});
