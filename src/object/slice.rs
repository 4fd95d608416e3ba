//! `slice` (`PySlice_Type`): the `start:stop:step` object, and the index
//! arithmetic every sliceable sequence shares (`PySlice_Unpack`,
//! `PySlice_AdjustIndices`, `slice.indices`).
use crate::capi::boundary::{guard, guard_obj};
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::{type_name, type_template};
use crate::object::{descr, int, none, number, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use std::ptr::null_mut;

/// `PySlice_Type`.
#[no_mangle]
pub static mut PySlice_Type: PyTypeObject = PyTypeObject {
    tp_dealloc: Some(slice_dealloc),
    tp_repr: Some(slice_repr),
    tp_hash: Some(slice_hash),
    tp_richcompare: Some(slice_richcompare),
    tp_members: (&raw const SLICE_MEMBERS).cast_mut().cast(),
    tp_methods: (&raw const SLICE_METHODS).cast_mut().cast(),
    tp_new: Some(slice_new),
    tp_doc: c"slice(stop)\nslice(start, stop[, step])\n\nThe slice that the indexing syntax a[start:stop:step] makes."
        .as_ptr(),
    ..type_template(c"slice", std::mem::size_of::<PySliceObject>(), 0)
};

const fn readonly_member(name: &'static std::ffi::CStr, offset: usize) -> PyMemberDef {
    PyMemberDef {
        name: name.as_ptr(),
        r#type: _Py_T_OBJECT,
        offset: offset as Py_ssize_t,
        flags: Py_READONLY,
        doc: std::ptr::null(),
    }
}

static SLICE_MEMBERS: [PyMemberDef; 4] = [
    readonly_member(c"start", std::mem::offset_of!(PySliceObject, start)),
    readonly_member(c"stop", std::mem::offset_of!(PySliceObject, stop)),
    readonly_member(c"step", std::mem::offset_of!(PySliceObject, step)),
    PyMemberDef {
        name: std::ptr::null(),
        r#type: 0,
        offset: 0,
        flags: 0,
        doc: std::ptr::null(),
    },
];

static SLICE_METHODS: [PyMethodDef; 3] = [
    descr::method(c"indices", slice_indices as *const _, METH_O).with_doc(c"indices($self, object, /)\n--\n\nThe (start, stop, step) that the slice selects from a sequence of\nlength object, with negative and missing values resolved."),
    descr::method(c"__reduce__", slice_reduce as *const _, METH_NOARGS).with_doc(c"__reduce__($self, /)\n--\n\nThe state of self for pickling."),
    descr::METHOD_END,
];

/// Whether `op` is a slice (`PySlice_Check`; slice cannot be subclassed).
#[inline(always)]
pub unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*op).ob_type == &raw mut PySlice_Type }
}

/// `PySlice_New`: NULL parts mean `None`.
pub unsafe fn new(
    start: *mut PyObject,
    stop: *mut PyObject,
    step: *mut PyObject,
) -> PyResult<Owned> {
    let or_none = |p: *mut PyObject| if p.is_null() { none::none() } else { p };
    // SAFETY: the type is static; the parts are valid or NULL; a cached
    // block is a dead slice of the same size.
    unsafe {
        let cached = CACHE
            .try_with(|c| c.replace(null_mut()))
            .unwrap_or(null_mut());
        let op = if cached.is_null() {
            let op = crate::object::alloc::raw_malloc(std::mem::size_of::<PySliceObject>())
                as *mut PyObject;
            if op.is_null() {
                return Err(errors::no_memory());
            }
            op
        } else {
            cached
        };
        crate::object::alloc::init_object(op, &raw mut PySlice_Type);
        let s = op.cast::<PySliceObject>();
        (*s).start = new_ref(or_none(start));
        (*s).stop = new_ref(or_none(stop));
        (*s).step = new_ref(or_none(step));
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// `start`, `stop` and `step` of a slice (borrowed).
#[inline(always)]
pub unsafe fn parts(op: *mut PyObject) -> [*mut PyObject; 3] {
    // SAFETY: op is a slice.
    unsafe {
        let s = op.cast::<PySliceObject>();
        [(*s).start, (*s).stop, (*s).step]
    }
}

/// `_PyEval_SliceIndex`: an index-capable object as `Py_ssize_t`, clamped
/// to the `Py_ssize_t` range instead of overflowing.
pub unsafe fn slice_index(v: *mut PyObject) -> PyResult<Py_ssize_t> {
    // SAFETY: v valid.
    unsafe {
        if int::check(v) {
            if let Some(x) = int::small_value(v) {
                return Ok(x as Py_ssize_t);
            }
        }
        let nb = (*(*v).ob_type).tp_as_number;
        if !int::check(v) && (nb.is_null() || (*nb).nb_index.is_none()) {
            return Err(errors::type_error(
                "slice indices must be integers or None or have an __index__ method",
            ));
        }
        let i = number::index(v)?;
        match int::as_i64(i.as_ptr()) {
            Ok(x) => Ok(x as Py_ssize_t),
            Err(_) => {
                errors::clear();
                Ok(if int::sign(i.as_ptr()) < 0 {
                    Py_ssize_t::MIN
                } else {
                    Py_ssize_t::MAX
                })
            }
        }
    }
}

/// `PySlice_Unpack`: `(start, stop, step)` with `None` replaced by the
/// extreme values for the step's direction; `ValueError` for a zero step.
pub unsafe fn unpack(op: *mut PyObject) -> PyResult<(Py_ssize_t, Py_ssize_t, Py_ssize_t)> {
    // SAFETY: op is a slice; its parts are valid objects.
    unsafe {
        let [start, stop, step] = parts(op);
        let none = none::none();
        let step = if step == none {
            1
        } else {
            let s = slice_index(step)?;
            if s == 0 {
                return Err(errors::value_error("slice step cannot be zero"));
            }
            // Keeps -step from overflowing in the length computation.
            s.max(-Py_ssize_t::MAX)
        };
        let start = if start == none {
            if step < 0 {
                Py_ssize_t::MAX
            } else {
                0
            }
        } else {
            slice_index(start)?
        };
        let stop = if stop == none {
            if step < 0 {
                Py_ssize_t::MIN
            } else {
                Py_ssize_t::MAX
            }
        } else {
            slice_index(stop)?
        };
        Ok((start, stop, step))
    }
}

/// `PySlice_AdjustIndices`: clips `start`/`stop` to a sequence of `length`
/// and returns the number of items the slice selects.
pub fn adjust_indices(
    length: Py_ssize_t,
    start: &mut Py_ssize_t,
    stop: &mut Py_ssize_t,
    step: Py_ssize_t,
) -> Py_ssize_t {
    debug_assert!(step != 0 && step >= -Py_ssize_t::MAX);
    let clip = |i: &mut Py_ssize_t| {
        if *i < 0 {
            *i = i.saturating_add(length);
            if *i < 0 {
                *i = if step < 0 { -1 } else { 0 };
            }
        } else if *i >= length {
            *i = if step < 0 { length - 1 } else { length };
        }
    };
    clip(start);
    clip(stop);
    if step < 0 {
        if *stop < *start {
            return (*start - *stop - 1) / (-step) + 1;
        }
    } else if *start < *stop {
        return (*stop - *start - 1) / step + 1;
    }
    0
}

/// The resolved indices of a slice applied to a sequence of some length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Indices {
    pub start: Py_ssize_t,
    pub stop: Py_ssize_t,
    pub step: Py_ssize_t,
    /// How many items the slice selects.
    pub len: Py_ssize_t,
}

impl Indices {
    /// The sequence index of the `k`-th selected item.
    #[inline(always)]
    pub fn at(&self, k: Py_ssize_t) -> Py_ssize_t {
        self.start + k * self.step
    }
}

/// `PySlice_GetIndicesEx`: unpack then adjust to `length` (the one call
/// `__getitem__` implementations make).
pub unsafe fn indices(op: *mut PyObject, length: Py_ssize_t) -> PyResult<Indices> {
    // SAFETY: op is a slice.
    let (mut start, mut stop, step) = unsafe { unpack(op)? };
    let len = adjust_indices(length, &mut start, &mut stop, step);
    Ok(Indices {
        start,
        stop,
        step,
        len,
    })
}

/// `indices` against a length read after the slice's parts are converted
/// (their `__index__` may resize a mutable sequence), as CPython's
/// `PySlice_Unpack` + `PySlice_AdjustIndices` pair does.
pub unsafe fn indices_with(
    op: *mut PyObject,
    length: impl FnOnce() -> Py_ssize_t,
) -> PyResult<Indices> {
    // SAFETY: op is a slice.
    let (mut start, mut stop, step) = unsafe { unpack(op)? };
    let len = adjust_indices(length(), &mut start, &mut stop, step);
    Ok(Indices {
        start,
        stop,
        step,
        len,
    })
}

/// `_PySlice_GetLongIndices`: `(start, stop, step)` of the slice applied
/// to a sequence of `length` items (an int that may exceed `Py_ssize_t`,
/// as for `slice.indices` or a huge `range`), clamped the way
/// `slice.indices` reports them (`stop` is -1 for a negative step that
/// runs to the start).
pub unsafe fn long_indices(op: *mut PyObject, length: *mut PyObject) -> PyResult<[Owned; 3]> {
    // SAFETY: op is a slice; length is an int >= 0.
    unsafe {
        let [start, stop, step] = parts(op);
        let none = none::none();
        let as_index = |v: *mut PyObject| -> PyResult<Owned> {
            if !number::index_check(v) {
                return Err(errors::type_error(
                    "slice indices must be integers or None or have an __index__ method",
                ));
            }
            number::index(v)
        };
        let step = if step == none {
            int::from_i64(1)?
        } else {
            let s = as_index(step)?;
            if int::sign(s.as_ptr()) == 0 {
                return Err(errors::value_error("slice step cannot be zero"));
            }
            s
        };
        let neg = int::sign(step.as_ptr()) < 0;
        let (lower, upper) = if neg {
            let m1 = int::from_i64(-1)?;
            let up = number::add(length, m1.as_ptr())?;
            (m1, up)
        } else {
            (int::from_i64(0)?, Owned::from_borrowed(length))
        };
        let fix = |v: *mut PyObject, default: &Owned| -> PyResult<Owned> {
            if v == none {
                return Ok(Owned::from_borrowed(default.as_ptr()));
            }
            let i = as_index(v)?;
            Ok(if int::sign(i.as_ptr()) < 0 {
                let i = number::add(i.as_ptr(), length)?;
                if protocol::rich_compare_bool(i.as_ptr(), lower.as_ptr(), Py_LT)? {
                    Owned::from_borrowed(lower.as_ptr())
                } else {
                    i
                }
            } else if protocol::rich_compare_bool(i.as_ptr(), upper.as_ptr(), Py_GT)? {
                Owned::from_borrowed(upper.as_ptr())
            } else {
                i
            })
        };
        let start = fix(start, if neg { &upper } else { &lower })?;
        let stop = fix(stop, if neg { &lower } else { &upper })?;
        Ok([start, stop, step])
    }
}

thread_local! {
    /// One dead slice kept for reuse (CPython caches one too): `a[i:j]`
    /// builds and drops a slice per evaluation.
    static CACHE: std::cell::Cell<*mut PyObject> = const { std::cell::Cell::new(null_mut()) };
}

/// Frees the slice kept for reuse (at finalization).
pub fn clear_freelist() {
    let _ = CACHE.try_with(|c| {
        let op = c.replace(null_mut());
        if !op.is_null() {
            // SAFETY: the cached slice is dead memory from raw_malloc.
            unsafe { crate::object::alloc::raw_free(op.cast()) };
        }
    });
}

unsafe extern "C" fn slice_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; the parts are owned.
    unsafe {
        for p in parts(op) {
            decref(p);
        }
        let kept = CACHE
            .try_with(|c| {
                if c.get().is_null() {
                    c.set(op);
                    true
                } else {
                    false
                }
            })
            .unwrap_or(false);
        if !kept {
            crate::object::alloc::raw_free(op.cast());
        }
    }
}

unsafe extern "C" fn slice_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a slice.
        unsafe {
            let [a, b, c] = parts(op);
            let text = format!(
                "slice({}, {}, {})",
                protocol::repr_string(a)?,
                protocol::repr_string(b)?,
                protocol::repr_string(c)?
            );
            pystr::from_str(&text)
        }
    })
}

unsafe extern "C" fn slice_hash(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: op is a slice.
    guard(|| unsafe { tuple::hash_items(&parts(op), false).unwrap_or(-1) })
}

unsafe extern "C" fn slice_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: libc::c_int,
) -> *mut PyObject {
    // SAFETY: a and b valid.
    guard_obj(|| unsafe {
        if !check(a) || !check(b) {
            return Ok(Owned::from_borrowed_static(none::not_implemented()));
        }
        protocol::compare_sequences(&parts(a), &parts(b), op)
    })
}

unsafe extern "C" fn slice_new(
    _tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args is a tuple, kwargs NULL or a dict.
        unsafe {
            if !kwargs.is_null() && crate::object::dict::len(kwargs) != 0 {
                return Err(errors::type_error("slice() takes no keyword arguments"));
            }
            match tuple::items(args) {
                [] => Err(errors::type_error(
                    "slice expected at least 1 argument, got 0",
                )),
                [stop] => new(null_mut(), *stop, null_mut()),
                [start, stop] => new(*start, *stop, null_mut()),
                [start, stop, step] => new(*start, *stop, *step),
                more => Err(errors::type_error(format!(
                    "slice expected at most 3 arguments, got {}",
                    more.len()
                ))),
            }
        }
    })
}

unsafe extern "C" fn slice_indices(op: *mut PyObject, length: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a slice, length valid.
        unsafe {
            let n = number::index(length)?;
            if int::sign(n.as_ptr()) < 0 {
                return Err(errors::value_error("length should not be negative"));
            }
            tuple::from_vec(long_indices(op, n.as_ptr())?.into())
        }
    })
}

unsafe extern "C" fn slice_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a slice.
        unsafe {
            let args = tuple::from_slice(&parts(op))?;
            tuple::pack(&[(&raw mut PySlice_Type).cast(), args.as_ptr()])
        }
    })
}

/// Raises the `TypeError` a sequence gives for a bad subscript:
/// "`<what>` indices must be integers or slices, not `<type>`".
pub unsafe fn bad_subscript(what: &str, key: *mut PyObject) -> Raised {
    // SAFETY: key valid.
    errors::type_error(format!(
        "{what} indices must be integers or slices, not {}",
        unsafe { type_name(key) }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn adj(len: isize, start: isize, stop: isize, step: isize) -> (isize, isize, isize) {
        let (mut a, mut b) = (start, stop);
        let n = adjust_indices(len, &mut a, &mut b, step);
        (a, b, n)
    }

    #[test]
    fn adjust_matches_cpython() {
        // range(10)[::] / [::-1] / [2:8:3] / [-3:] / [100:] / [::-2]
        assert_eq!(adj(10, 0, isize::MAX, 1), (0, 10, 10));
        assert_eq!(adj(10, isize::MAX, isize::MIN, -1), (9, -1, 10));
        assert_eq!(adj(10, 2, 8, 3), (2, 8, 2));
        assert_eq!(adj(10, -3, isize::MAX, 1), (7, 10, 3));
        assert_eq!(adj(10, 100, isize::MAX, 1), (10, 10, 0));
        assert_eq!(adj(10, isize::MAX, isize::MIN, -2), (9, -1, 5));
        assert_eq!(adj(0, isize::MAX, isize::MIN, -1), (-1, -1, 0));
        assert_eq!(adj(5, -100, 100, 1), (0, 5, 5));
        assert_eq!(adj(5, 100, -100, -1), (4, -1, 5));
        assert_eq!(adj(5, 3, 1, 1), (3, 1, 0));
    }
}
