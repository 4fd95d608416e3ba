//! `range` (`PyRange_Type`) and its iterator (`PyRangeIter_Type`). Values
//! that fit in `i64` take the fast path; larger bounds go through int
//! objects (`PyLongRangeIter_Type`).
use crate::capi::boundary::{guard, guard_obj};
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::type_template;
use crate::object::{bool as pybool, int, number, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use std::ptr::null_mut;

/// A range object: `start`, `stop`, `step`, `length` as ints.
#[repr(C)]
pub struct PyRangeObject {
    pub ob_base: PyObject,
    pub start: *mut PyObject,
    pub stop: *mut PyObject,
    pub step: *mut PyObject,
    pub length: *mut PyObject,
}

/// `PyRange_Type`.
#[no_mangle]
pub static mut PyRange_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_SEQUENCE,
    tp_dealloc: Some(range_dealloc),
    tp_repr: Some(range_repr),
    tp_hash: Some(range_hash),
    tp_richcompare: Some(range_richcompare),
    tp_iter: Some(range_iter),
    tp_new: Some(range_new),
    tp_vectorcall: Some(range_vectorcall),
    tp_as_sequence: &raw mut RANGE_AS_SEQUENCE,
    tp_as_mapping: &raw mut RANGE_AS_MAPPING,
    tp_as_number: &raw mut RANGE_AS_NUMBER,
    tp_getset: (&raw const RANGE_GETSET).cast_mut().cast(),
    tp_methods: (&raw const crate::object::range_methods::RANGE_METHODS)
        .cast_mut()
        .cast(),
    tp_doc: c"range(stop) -> range object\nrange(start, stop[, step]) -> range object\n\nAn immutable sequence of the integers from start (0 by default) up to,\nbut not including, stop, step (1 by default) apart: range(i, j) holds\ni, i+1, ..., j-1, and range(4) holds 0, 1, 2, 3."
        .as_ptr(),
    ..type_template(c"range", std::mem::size_of::<PyRangeObject>(), 0)
};

static mut RANGE_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(range_length),
    sq_contains: Some(range_contains),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

static mut RANGE_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: Some(range_length),
    mp_subscript: Some(range_subscript),
    mp_ass_subscript: None,
};

static mut RANGE_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_bool: Some(range_bool),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

/// The fast range iterator.
#[repr(C)]
pub struct RangeIter {
    pub ob_base: PyObject,
    pub next: i64,
    pub step: i64,
    pub remaining: u64,
}

/// `PyRangeIter_Type`.
#[no_mangle]
pub static mut PyRangeIter_Type: PyTypeObject = PyTypeObject {
    tp_dealloc: Some(rangeiter_dealloc),
    tp_iter: Some(crate::object::iterobject::self_iter),
    tp_iternext: Some(rangeiter_next),
    tp_methods: (&raw const crate::object::range_methods::RANGEITER_METHODS)
        .cast_mut()
        .cast(),
    ..type_template(c"range_iterator", std::mem::size_of::<RangeIter>(), 0)
};

/// The iterator over ranges with big bounds: int objects throughout.
#[repr(C)]
pub struct LongRangeIter {
    pub ob_base: PyObject,
    pub next: *mut PyObject,
    pub step: *mut PyObject,
    pub remaining: *mut PyObject,
}

/// `PyLongRangeIter_Type`.
#[no_mangle]
pub static mut PyLongRangeIter_Type: PyTypeObject = PyTypeObject {
    tp_dealloc: Some(longrangeiter_dealloc),
    tp_iter: Some(crate::object::iterobject::self_iter),
    tp_iternext: Some(longrangeiter_next),
    tp_methods: (&raw const crate::object::range_methods::LONGRANGEITER_METHODS)
        .cast_mut()
        .cast(),
    ..type_template(
        c"longrange_iterator",
        std::mem::size_of::<LongRangeIter>(),
        0,
    )
};

unsafe fn r<'a>(op: *mut PyObject) -> &'a PyRangeObject {
    // SAFETY: op is a range.
    unsafe { &*op.cast::<PyRangeObject>() }
}

/// `max(0, ceil((stop - start) / step))` with int objects.
unsafe fn compute_length(
    start: *mut PyObject,
    stop: *mut PyObject,
    step: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: the three are ints.
    unsafe {
        let zero = int::small(0);
        let (lo, hi, st) = if protocol::rich_compare_bool(step, zero, Py_GT)? {
            (start, stop, Owned::from_borrowed(step))
        } else {
            (
                stop,
                start,
                number::unary_op(step, |nb| nb.nb_negative, "unary -")?,
            )
        };
        if protocol::rich_compare_bool(lo, hi, Py_GE)? {
            return Ok(Owned::from_borrowed_static(zero));
        }
        // (hi - lo - 1) // st + 1
        let diff = number::binary_op(hi, lo, |nb| nb.nb_subtract, "-")?;
        let diff = number::binary_op(diff.as_ptr(), int::small(1), |nb| nb.nb_subtract, "-")?;
        let q = number::binary_op(diff.as_ptr(), st.as_ptr(), |nb| nb.nb_floor_divide, "//")?;
        number::add(q.as_ptr(), int::small(1))
    }
}

/// `range(stop)`, `range(start, stop[, step])`.
pub unsafe fn new(
    start: *mut PyObject,
    stop: *mut PyObject,
    step: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: arguments are valid objects.
    unsafe {
        // PyNumber_Index: exact ints, so range(True) holds 0 and 1.
        let start = int::exact(number::index(start)?.as_ptr())?;
        let stop = int::exact(number::index(stop)?.as_ptr())?;
        let step = int::exact(number::index(step)?.as_ptr())?;
        if int::sign(step.as_ptr()) == 0 {
            return Err(errors::value_error("range() arg 3 must not be zero"));
        }
        let length = compute_length(start.as_ptr(), stop.as_ptr(), step.as_ptr())?;
        let op = crate::object::alloc::generic_alloc(&raw mut PyRange_Type, 0);
        if op.is_null() {
            return Err(Raised::assume());
        }
        let ro = op.cast::<PyRangeObject>();
        (*ro).start = start.into_raw();
        (*ro).stop = stop.into_raw();
        (*ro).step = step.into_raw();
        (*ro).length = length.into_raw();
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// `range(...)` given its positional arguments, with `has_kw` when
/// keywords were passed (`range_from_array`).
unsafe fn from_args(args: &[*mut PyObject], has_kw: bool) -> PyResult<Owned> {
    if has_kw {
        return Err(errors::type_error("range() takes no keyword arguments"));
    }
    // SAFETY: the arguments are valid objects.
    unsafe {
        match args {
            [stop] => new(int::small(0), *stop, int::small(1)),
            [start, stop] => new(*start, *stop, int::small(1)),
            [start, stop, step] => new(*start, *stop, *step),
            [] => Err(errors::type_error(
                "range expected at least 1 argument, got 0",
            )),
            a => Err(errors::type_error(format!(
                "range expected at most 3 arguments, got {}",
                a.len()
            ))),
        }
    }
}

unsafe extern "C" fn range_new(
    _tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: args a tuple; kwargs NULL or a dict.
    guard_obj(|| unsafe {
        from_args(
            tuple::items(args),
            !kwargs.is_null() && crate::object::dict::len(kwargs) != 0,
        )
    })
}

/// `range_vectorcall`: `range(...)` without an argument tuple.
unsafe extern "C" fn range_vectorcall(
    _tp: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: the vectorcall convention: nargs valid arguments.
    guard_obj(|| unsafe {
        let n = crate::capi::call::nargs(nargsf) as usize;
        from_args(
            crate::capi::call::arg_slice(args, n),
            !kwnames.is_null() && tuple::size(kwnames) != 0,
        )
    })
}

unsafe extern "C" fn range_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        let ro = r(op);
        for p in [ro.start, ro.stop, ro.step, ro.length] {
            decref(p);
        }
        crate::object::alloc::raw_free(op.cast());
    }
}

unsafe extern "C" fn range_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a range.
        unsafe {
            let ro = r(op);
            let s = protocol::repr_string(ro.start)?;
            let e = protocol::repr_string(ro.stop)?;
            if int::as_i64(ro.step).ok() == Some(1) {
                return pystr::from_str(&format!("range({s}, {e})"));
            }
            errors::clear();
            pystr::from_str(&format!(
                "range({s}, {e}, {})",
                protocol::repr_string(ro.step)?
            ))
        }
    })
}

unsafe extern "C" fn range_length(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: op is a range.
    unsafe {
        match int::as_i64(r(op).length) {
            Ok(n) => n as Py_ssize_t,
            Err(_) => {
                errors::clear();
                errors::overflow_error("Python int too large to convert to C ssize_t");
                -1
            }
        }
    }
}

unsafe extern "C" fn range_bool(op: *mut PyObject) -> libc::c_int {
    // SAFETY: op is a range.
    unsafe { (int::sign(r(op).length) != 0) as libc::c_int }
}

/// The item at index `i` (an int, already checked to be in range).
unsafe fn item_at(op: *mut PyObject, i: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is a range; i an int.
    unsafe {
        let ro = r(op);
        let off = number::binary_op(i, ro.step, |nb| nb.nb_multiply, "*")?;
        number::add(ro.start, off.as_ptr())
    }
}

unsafe extern "C" fn range_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a range.
        unsafe {
            let ro = r(op);
            if crate::object::slice::check(key) {
                // `compute_slice`: the length may exceed `Py_ssize_t`.
                let [start, stop, step] = crate::object::slice::long_indices(key, ro.length)?;
                let start = item_at(op, start.as_ptr())?;
                let stop = item_at(op, stop.as_ptr())?;
                let step = number::binary_op(ro.step, step.as_ptr(), |nb| nb.nb_multiply, "*")?;
                return new(start.as_ptr(), stop.as_ptr(), step.as_ptr());
            }
            let i = number::index(key).map_err(|e| {
                if errors::matches(crate::object::exceptions::PyExc_TypeError) {
                    errors::clear();
                    return errors::type_error(format!(
                        "range indices must be integers or slices, not {}",
                        crate::object::typeobj::type_name(key)
                    ));
                }
                e
            })?;
            let i = if int::sign(i.as_ptr()) < 0 {
                number::add(i.as_ptr(), ro.length)?
            } else {
                i
            };
            if int::sign(i.as_ptr()) < 0
                || protocol::rich_compare_bool(i.as_ptr(), ro.length, Py_GE)?
            {
                return Err(errors::index_error("range object index out of range"));
            }
            item_at(op, i.as_ptr())
        }
    })
}

unsafe extern "C" fn range_contains(op: *mut PyObject, x: *mut PyObject) -> libc::c_int {
    guard(|| {
        // SAFETY: op is a range.
        unsafe {
            let ro = r(op);
            let check = || -> PyResult<bool> {
                // Only exact ints (and bools) take the arithmetic path: an
                // int subclass may define its own __eq__.
                if !int::check_exact(x) && (*x).ob_type != &raw mut crate::object::bool::PyBool_Type
                {
                    let it = protocol::get_iter(op)?;
                    while let Some(v) = protocol::iter_next(it.as_ptr())? {
                        if protocol::rich_compare_bool(v.as_ptr(), x, Py_EQ)? {
                            return Ok(true);
                        }
                    }
                    return Ok(false);
                }
                let pos = int::sign(ro.step) > 0;
                let (lo_ok, hi_ok) = if pos {
                    (
                        protocol::rich_compare_bool(ro.start, x, Py_LE)?,
                        protocol::rich_compare_bool(x, ro.stop, Py_LT)?,
                    )
                } else {
                    (
                        protocol::rich_compare_bool(ro.start, x, Py_GE)?,
                        protocol::rich_compare_bool(x, ro.stop, Py_GT)?,
                    )
                };
                if !(lo_ok && hi_ok) {
                    return Ok(false);
                }
                let diff = number::binary_op(x, ro.start, |nb| nb.nb_subtract, "-")?;
                let m = number::binary_op(diff.as_ptr(), ro.step, |nb| nb.nb_remainder, "%")?;
                Ok(int::sign(m.as_ptr()) == 0)
            };
            match check() {
                Ok(b) => b as libc::c_int,
                Err(_) => -1,
            }
        }
    })
}

unsafe extern "C" fn range_hash(op: *mut PyObject) -> Py_hash_t {
    guard(|| {
        // SAFETY: op is a range.
        unsafe {
            let ro = r(op);
            let none = crate::object::none::none();
            let t = if int::sign(ro.length) == 0 {
                tuple::pack(&[ro.length, none, none])
            } else if int::as_i64(ro.length).ok() == Some(1) {
                tuple::pack(&[ro.length, ro.start, none])
            } else {
                errors::clear();
                tuple::pack(&[ro.length, ro.start, ro.step])
            };
            t.and_then(|t| protocol::hash(t.as_ptr())).unwrap_or(-1)
        }
    })
}

unsafe extern "C" fn range_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: libc::c_int,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is a range.
        unsafe {
            if (*b).ob_type != &raw mut PyRange_Type || (op != Py_EQ && op != Py_NE) {
                return Ok(Owned::from_borrowed_static(
                    crate::object::none::not_implemented(),
                ));
            }
            let (x, y) = (r(a), r(b));
            let eq = if a == b {
                true
            } else if !protocol::rich_compare_bool(x.length, y.length, Py_EQ)? {
                false
            } else if int::sign(x.length) == 0 {
                true
            } else if !protocol::rich_compare_bool(x.start, y.start, Py_EQ)? {
                false
            } else {
                int::as_i64(x.length).ok() == Some(1)
                    || protocol::rich_compare_bool(x.step, y.step, Py_EQ)?
            };
            errors::clear();
            Ok(Owned::from_borrowed_static(pybool::from_bool(
                eq == (op == Py_EQ),
            )))
        }
    })
}

unsafe extern "C" fn range_iter(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a range.
        unsafe {
            let ro = r(op);
            new_iter(ro.start, ro.step, ro.length)
        }
    })
}

/// `range.__reversed__()`: from the last item down, step negated.
pub(crate) unsafe extern "C" fn range_reversed(
    op: *mut PyObject,
    _: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a range of ints.
        unsafe {
            let ro = r(op);
            let bin = |a, b, slot: crate::object::number::BinSlot, sym| {
                crate::object::number::binary_op(a, b, slot, sym)
            };
            let one = int::from_i64(1)?;
            let zero = int::from_i64(0)?;
            let last_index = bin(ro.length, one.as_ptr(), |nb| nb.nb_subtract, "-")?;
            let offset = bin(last_index.as_ptr(), ro.step, |nb| nb.nb_multiply, "*")?;
            let last = bin(ro.start, offset.as_ptr(), |nb| nb.nb_add, "+")?;
            let step = bin(zero.as_ptr(), ro.step, |nb| nb.nb_subtract, "-")?;
            new_iter(last.as_ptr(), step.as_ptr(), ro.length)
        }
    })
}

/// An iterator over `len` ints from `start` by `step`: the fast one when
/// every value fits in `i64`.
unsafe fn new_iter(
    start: *mut PyObject,
    step: *mut PyObject,
    length: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: the arguments are ints.
    unsafe {
        match (int::as_i64(start), int::as_i64(step), int::as_i64(length)) {
            // Every value, the last one included, must fit.
            (Ok(start), Ok(step), Ok(len))
                if len == 0
                    || i64::try_from(
                        i128::from(start) + i128::from(step) * i128::from(len - 1),
                    )
                    .is_ok() =>
            {
                let it = crate::object::alloc::generic_alloc(&raw mut PyRangeIter_Type, 0);
                if it.is_null() {
                    return Err(Raised::assume());
                }
                let ri = it.cast::<RangeIter>();
                (*ri).next = start;
                (*ri).step = step;
                (*ri).remaining = len as u64;
                Ok(Owned::from_raw_unchecked(it))
            }
            _ => {
                errors::clear();
                let it = crate::object::alloc::generic_alloc(&raw mut PyLongRangeIter_Type, 0);
                if it.is_null() {
                    return Err(Raised::assume());
                }
                let li = it.cast::<LongRangeIter>();
                (*li).next = new_ref(start);
                (*li).step = new_ref(step);
                (*li).remaining = new_ref(length);
                Ok(Owned::from_raw_unchecked(it))
            }
        }
    }
}

unsafe extern "C" fn rangeiter_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe { crate::object::alloc::raw_free(op.cast()) }
}

unsafe extern "C" fn rangeiter_next(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a range iterator.
    unsafe {
        let ri = op.cast::<RangeIter>();
        if (*ri).remaining == 0 {
            return null_mut();
        }
        let v = (*ri).next;
        (*ri).next = v.wrapping_add((*ri).step);
        (*ri).remaining -= 1;
        int::from_i64(v).map_or(null_mut(), Owned::into_raw)
    }
}

unsafe extern "C" fn longrangeiter_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        let li = op.cast::<LongRangeIter>();
        decref((*li).next);
        decref((*li).step);
        decref((*li).remaining);
        crate::object::alloc::raw_free(op.cast());
    }
}

unsafe extern "C" fn longrangeiter_next(op: *mut PyObject) -> *mut PyObject {
    guard(|| {
        // SAFETY: op is a long range iterator.
        unsafe {
            let li = op.cast::<LongRangeIter>();
            if int::sign((*li).remaining) <= 0 {
                return null_mut();
            }
            let v = (*li).next;
            let (Ok(n), Ok(rem)) = (
                number::add(v, (*li).step),
                number::binary_op((*li).remaining, int::small(1), |nb| nb.nb_subtract, "-"),
            ) else {
                return null_mut();
            };
            (*li).next = n.into_raw();
            decref(std::mem::replace(&mut (*li).remaining, rem.into_raw()));
            v
        }
    })
}

macro_rules! range_attr {
    ($name:ident, $field:ident) => {
        unsafe extern "C" fn $name(op: *mut PyObject, _c: *mut libc::c_void) -> *mut PyObject {
            // SAFETY: op is a range.
            unsafe { new_ref(r(op).$field) }
        }
    };
}

range_attr!(get_start, start);
range_attr!(get_stop, stop);
range_attr!(get_step, step);

static RANGE_GETSET: [PyGetSetDef; 4] = [
    crate::object::descr::getset(c"start", Some(get_start), None),
    crate::object::descr::getset(c"stop", Some(get_stop), None),
    crate::object::descr::getset(c"step", Some(get_step), None),
    crate::object::descr::GETSET_END,
];
