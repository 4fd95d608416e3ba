//! The methods of `range` (`count`, `index`, `__reduce__`) and of
//! `range_iterator` and `longrange_iterator` (`__length_hint__`, and
//! pickling as `iter(range(next, stop, step))` with `__setstate__`
//! skipping ahead), as in `Objects/rangeobject.c`.
use crate::capi::boundary::guard_obj;
use crate::capi::sequence::{iter_search, Search};
use crate::ffi::*;
use crate::object::range::{LongRangeIter, PyRangeObject, PyRange_Type, RangeIter};
use crate::object::refcount::*;
use crate::object::{descr, int, none, number, protocol, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_void;

pub static RANGE_METHODS: [PyMethodDef; 5] = [
    descr::method(
        c"__reversed__",
        crate::object::range::range_reversed as *const c_void,
        METH_NOARGS,
    ).with_doc(c"__reversed__($self, /)\n--\n\nAn iterator over the items, last to first."),
    descr::method(c"__reduce__", range_reduce as *const c_void, METH_NOARGS).with_doc(c"__reduce__($self, /)\n--\n\nThe state of self for pickling."),
    descr::method(c"count", range_count as *const c_void, METH_O).with_doc(c"count($self, object, /)\n--\n\nThe number of times object occurs in the range (0 or 1 for an int)."),
    descr::method(c"index", range_index as *const c_void, METH_O).with_doc(c"index($self, object, /)\n--\n\nThe position of object in the range; ValueError when it is not in it."),
    descr::METHOD_END,
];

pub static RANGEITER_METHODS: [PyMethodDef; 4] = [
    descr::method(
        c"__length_hint__",
        rangeiter_len as *const c_void,
        METH_NOARGS,
    ),
    descr::method(
        c"__reduce__",
        rangeiter_reduce as *const c_void,
        METH_NOARGS,
    ),
    descr::method(c"__setstate__", rangeiter_setstate as *const c_void, METH_O),
    descr::METHOD_END,
];

pub static LONGRANGEITER_METHODS: [PyMethodDef; 4] = [
    descr::method(
        c"__length_hint__",
        longrangeiter_len as *const c_void,
        METH_NOARGS,
    ),
    descr::method(
        c"__reduce__",
        longrangeiter_reduce as *const c_void,
        METH_NOARGS,
    ),
    descr::method(
        c"__setstate__",
        longrangeiter_setstate as *const c_void,
        METH_O,
    ),
    descr::METHOD_END,
];

/// Whether `x` takes the arithmetic path (an exact int or a bool), as
/// CPython's range searches decide; anything else is compared item by item.
unsafe fn arithmetic(x: *mut PyObject) -> bool {
    // SAFETY: x valid.
    unsafe { int::check_exact(x) || (*x).ob_type == &raw mut crate::object::bool::PyBool_Type }
}

/// `range.__reduce__`: `(range, (start, stop, step))`.
unsafe extern "C" fn range_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a range.
        unsafe {
            let r = &*op.cast::<PyRangeObject>();
            let args = tuple::pack(&[r.start, r.stop, r.step])?;
            tuple::pack(&[(*op).ob_type.cast(), args.as_ptr()])
        }
    })
}

/// `range.count(x)`.
unsafe extern "C" fn range_count(op: *mut PyObject, x: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a range.
        unsafe {
            let n = if arithmetic(x) {
                protocol::contains(op, x)? as Py_ssize_t
            } else {
                iter_search(op, x, Search::Count)?
            };
            int::from_i64(n as i64)
        }
    })
}

/// `range.index(x)`: `(x - start) // step` for an int in the range.
unsafe extern "C" fn range_index(op: *mut PyObject, x: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a range.
        unsafe {
            if !arithmetic(x) {
                return int::from_i64(iter_search(op, x, Search::Index)? as i64);
            }
            if !protocol::contains(op, x)? {
                let r = protocol::repr(x)?;
                return Err(errors::value_error(format!(
                    "{} is not in range",
                    crate::object::str::as_str(r.as_ptr())?
                )));
            }
            let r = &*op.cast::<PyRangeObject>();
            let diff = number::binary_op(x, r.start, |nb| nb.nb_subtract, "-")?;
            number::binary_op(diff.as_ptr(), r.step, |nb| nb.nb_floor_divide, "//")
        }
    })
}

/// `(iter, (range(start, stop, step),), None)`: the range of what is left.
unsafe fn reduce_range(start: Owned, stop: Owned, step: Owned) -> PyResult<Owned> {
    // SAFETY: the three are ints; range is a static type.
    unsafe {
        let f = crate::capi::reflection::builtin("iter")?;
        let r = protocol::call_args(
            (&raw mut PyRange_Type).cast(),
            &[start.as_ptr(), stop.as_ptr(), step.as_ptr()],
        )?;
        let args = tuple::from_vec(vec![r])?;
        tuple::from_vec(vec![f, args, Owned::from_borrowed_static(none::none())])
    }
}

unsafe extern "C" fn rangeiter_len(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a range iterator.
    guard_obj(|| unsafe { int::from_u64((*op.cast::<RangeIter>()).remaining) })
}

unsafe extern "C" fn rangeiter_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a range iterator.
        unsafe {
            let ri = &*op.cast::<RangeIter>();
            let stop = ri.next as i128 + ri.remaining as i128 * ri.step as i128;
            reduce_range(
                int::from_i64(ri.next)?,
                int::from_i128(stop)?,
                int::from_i64(ri.step)?,
            )
        }
    })
}

/// Skips `state` items, clipped to what is left (a negative count skips
/// none).
unsafe extern "C" fn rangeiter_setstate(op: *mut PyObject, state: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a range iterator.
        unsafe {
            let n = int::as_i64(number::index(state)?.as_ptr())?;
            let ri = &mut *op.cast::<RangeIter>();
            let n = (n.max(0) as u64).min(ri.remaining);
            ri.next = ri.next.wrapping_add((n as i64).wrapping_mul(ri.step));
            ri.remaining -= n;
            Ok(Owned::from_borrowed_static(none::none()))
        }
    })
}

unsafe extern "C" fn longrangeiter_len(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a long range iterator.
    guard_obj(|| unsafe {
        Ok(Owned::from_borrowed(
            (*op.cast::<LongRangeIter>()).remaining,
        ))
    })
}

unsafe extern "C" fn longrangeiter_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a long range iterator; its fields are ints.
        unsafe {
            let li = &*op.cast::<LongRangeIter>();
            let span = number::multiply(li.remaining, li.step)?;
            let stop = number::add(li.next, span.as_ptr())?;
            reduce_range(
                Owned::from_borrowed(li.next),
                stop,
                Owned::from_borrowed(li.step),
            )
        }
    })
}

/// As [`rangeiter_setstate`], with int objects.
unsafe extern "C" fn longrangeiter_setstate(
    op: *mut PyObject,
    state: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a long range iterator; its fields own ints.
        unsafe {
            let li = &mut *op.cast::<LongRangeIter>();
            let mut n = Owned::from_borrowed(state);
            if protocol::rich_compare_bool(state, int::small(0), Py_LT)? {
                n = Owned::from_borrowed(int::small(0));
            } else if protocol::rich_compare_bool(state, li.remaining, Py_GT)? {
                n = Owned::from_borrowed(li.remaining);
            }
            let span = number::multiply(n.as_ptr(), li.step)?;
            let next = number::add(li.next, span.as_ptr())?;
            let rem = number::binary_op(li.remaining, n.as_ptr(), |nb| nb.nb_subtract, "-")?;
            decref(std::mem::replace(&mut li.next, next.into_raw()));
            decref(std::mem::replace(&mut li.remaining, rem.into_raw()));
            Ok(Owned::from_borrowed_static(none::none()))
        }
    })
}
