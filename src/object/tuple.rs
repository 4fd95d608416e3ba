//! `tuple` (`PyTuple_Type`): an immutable array with the items inline after
//! the header and a cached hash (3.14 layout). The empty tuple is a static
//! immortal singleton.
use crate::capi::boundary::{guard, guard_obj};
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::type_template;
use crate::object::{protocol, str as pystr};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use std::ptr::null_mut;

/// `PyTuple_Type`.
#[no_mangle]
pub static mut PyTuple_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE
        | Py_TPFLAGS_TUPLE_SUBCLASS
        | Py_TPFLAGS_HAVE_GC
        | Py_TPFLAGS_SEQUENCE,
    tp_dealloc: Some(tuple_dealloc),
    tp_repr: Some(tuple_repr),
    tp_hash: Some(tuple_hash),
    tp_richcompare: Some(tuple_richcompare),
    tp_as_sequence: &raw mut TUPLE_AS_SEQUENCE,
    tp_traverse: Some(tuple_traverse),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_doc: c"Built-in immutable sequence.".as_ptr(),
    ..type_template(
        c"tuple",
        std::mem::size_of::<PyTupleObject>() - std::mem::size_of::<*mut PyObject>(),
        std::mem::size_of::<*mut PyObject>(),
    )
};

static mut TUPLE_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(tuple_length),
    sq_item: Some(tuple_item),
    sq_contains: Some(tuple_contains),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

/// The empty tuple, a static immortal object.
static mut EMPTY_TUPLE: PyTupleObject = PyTupleObject {
    ob_base: static_var_head(&raw mut PyTuple_Type, 0),
    ob_hash: -1,
    ob_item: [null_mut()],
};

/// Whether `op` is a tuple or tuple subclass instance.
#[inline(always)]
pub unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*(*op).ob_type).tp_flags & Py_TPFLAGS_TUPLE_SUBCLASS != 0 }
}

/// The items of a tuple.
#[inline(always)]
pub unsafe fn items<'a>(op: *mut PyObject) -> &'a [*mut PyObject] {
    // SAFETY: op is a tuple with ob_size items inline.
    unsafe {
        let t = op.cast::<PyTupleObject>();
        std::slice::from_raw_parts((*t).ob_item.as_ptr(), (*t).ob_base.ob_size as usize)
    }
}

/// The item pointer array (for filling a new tuple).
#[inline(always)]
pub unsafe fn items_ptr(op: *mut PyObject) -> *mut *mut PyObject {
    // SAFETY: op is a tuple.
    unsafe { (*op.cast::<PyTupleObject>()).ob_item.as_mut_ptr() }
}

/// Number of items.
#[inline(always)]
pub unsafe fn size(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: op is a tuple.
    unsafe { (*op.cast::<PyVarObject>()).ob_size }
}

/// The empty tuple (a new reference to the immortal singleton).
pub fn empty() -> Owned {
    // SAFETY: the singleton is static and immortal.
    unsafe { Owned::from_raw_unchecked((&raw mut EMPTY_TUPLE).cast()) }
}

/// `PyTuple_New`: a tuple of `n` NULL items to be filled by the caller.
pub fn new_uninit(n: Py_ssize_t) -> PyResult<Owned> {
    if n < 0 {
        return Err(errors::bad_internal_call());
    }
    if n == 0 {
        return Ok(empty());
    }
    // SAFETY: PyTuple_Type is ready; generic_alloc zeroes the items.
    unsafe {
        let op = crate::object::alloc::generic_alloc(&raw mut PyTuple_Type, n);
        if op.is_null() {
            return Err(Raised::assume());
        }
        (*op.cast::<PyTupleObject>()).ob_hash = -1;
        crate::capi::gc::track(op);
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// A new tuple holding new references to `items`.
pub fn from_slice(items: &[*mut PyObject]) -> PyResult<Owned> {
    let t = new_uninit(items.len() as isize)?;
    // SAFETY: t has room for items.len() items.
    unsafe {
        let p = items_ptr(t.as_ptr());
        for (i, &o) in items.iter().enumerate() {
            *p.add(i) = new_ref(o);
        }
    }
    Ok(t)
}

/// `PyTuple_Pack`.
pub fn pack(items: &[*mut PyObject]) -> PyResult<Owned> {
    from_slice(items)
}

/// A new tuple taking ownership of `items`.
pub fn from_vec(items: Vec<Owned>) -> PyResult<Owned> {
    let t = new_uninit(items.len() as isize)?;
    // SAFETY: t has room for items.len() items.
    unsafe {
        let p = items_ptr(t.as_ptr());
        for (i, o) in items.into_iter().enumerate() {
            *p.add(i) = o.into_raw();
        }
    }
    Ok(t)
}

unsafe extern "C" fn tuple_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; the empty singleton is immortal.
    unsafe {
        crate::capi::gc::untrack(op);
        for &o in items(op) {
            xdecref(o);
        }
        let tp = (*op).ob_type;
        if let Some(free) = (*tp).tp_free {
            free(op.cast());
        }
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(tp.cast());
        }
    }
}

unsafe extern "C" fn tuple_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut libc::c_void,
) -> libc::c_int {
    // SAFETY: op is a tuple.
    unsafe {
        let Some(visit) = visit else { return 0 };
        for &o in items(op) {
            if !o.is_null() {
                let r = visit(o, arg);
                if r != 0 {
                    return r;
                }
            }
        }
        0
    }
}

unsafe extern "C" fn tuple_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a tuple.
        unsafe {
            let its = items(op);
            if its.is_empty() {
                return pystr::from_str("()");
            }
            let Some(_g) = protocol::ReprGuard::enter(op)? else {
                return pystr::from_str("(...)");
            };
            let mut out = String::from("(");
            for (i, &o) in its.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(pystr::as_str(protocol::repr(o)?.as_ptr())?);
            }
            if its.len() == 1 {
                out.push(',');
            }
            out.push(')');
            pystr::from_str(&out)
        }
    })
}

/// The xxHash-based hash CPython 3.8+ computes over a tuple's items (also
/// used by `slice`, which hashes like the tuple `(start, stop, step)`).
pub unsafe fn hash_items(its: &[*mut PyObject]) -> PyResult<Py_hash_t> {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let mut acc: u64 = P5;
    for &o in its {
        // SAFETY: the items are valid objects kept alive by the caller.
        let h = unsafe { protocol::hash(o)? };
        acc = acc.wrapping_add((h as u64).wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((its.len() as u64) ^ (P5 ^ 3527539));
    Ok(if acc == u64::MAX {
        1546275796
    } else {
        acc as isize
    })
}

/// The tuple hash, cached in `ob_hash`.
unsafe extern "C" fn tuple_hash(op: *mut PyObject) -> Py_hash_t {
    guard(|| {
        // SAFETY: op is a tuple.
        unsafe {
            let t = op.cast::<PyTupleObject>();
            if (*t).ob_hash != -1 {
                return (*t).ob_hash;
            }
            let Ok(h) = hash_items(items(op)) else {
                return -1;
            };
            (*t).ob_hash = h;
            h
        }
    })
}

unsafe extern "C" fn tuple_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: libc::c_int,
) -> *mut PyObject {
    // SAFETY: a is a tuple.
    guard_obj(|| unsafe {
        if !check(b) {
            return Ok(Owned::from_borrowed(crate::object::none::not_implemented()));
        }
        protocol::compare_sequences(items(a), items(b), op)
    })
}

unsafe extern "C" fn tuple_length(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: op is a tuple.
    unsafe { size(op) }
}

unsafe extern "C" fn tuple_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    // SAFETY: op is a tuple.
    unsafe {
        let its = items(op);
        if i < 0 || i as usize >= its.len() {
            errors::index_error("tuple index out of range");
            return null_mut();
        }
        new_ref(its[i as usize])
    }
}

unsafe extern "C" fn tuple_contains(op: *mut PyObject, x: *mut PyObject) -> libc::c_int {
    guard(|| {
        // SAFETY: op is a tuple.
        unsafe {
            for &o in items(op) {
                match protocol::rich_compare_bool(o, x, Py_EQ) {
                    Ok(true) => return 1,
                    Ok(false) => {}
                    Err(_) => return -1,
                }
            }
            0
        }
    })
}

/// `PySequence_Tuple`: a tuple of the items of any iterable (the same
/// object for an exact tuple).
pub unsafe fn from_iterable(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op valid.
    unsafe {
        if (*op).ob_type == &raw mut PyTuple_Type {
            return Ok(Owned::from_borrowed(op));
        }
        let it = protocol::get_iter(op)?;
        let mut items = Vec::new();
        while let Some(x) = protocol::iter_next(it.as_ptr())? {
            items.push(x);
        }
        from_vec(items)
    }
}
