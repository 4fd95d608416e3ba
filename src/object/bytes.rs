//! `bytes` (`PyBytes_Type`): an immutable byte string stored inline after
//! the header, NUL-terminated, with a cached hash.
use crate::ffi::*;
use crate::object::typeobj::type_template;
use crate::runtime::errors::{self, PyResult};
use crate::Owned;

/// `PyBytes_Type`.
#[no_mangle]
pub static mut PyBytes_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_BYTES_SUBCLASS,
    tp_free: Some(crate::capi::memory::PyObject_Free),
    tp_doc: c"bytes(iterable_of_ints) -> bytes".as_ptr(),
    ..type_template(
        c"bytes",
        std::mem::offset_of!(PyBytesObject, ob_sval) + 1,
        1,
    )
};

/// The empty bytes object, a static immortal singleton.
static mut EMPTY_BYTES: PyBytesObject = PyBytesObject {
    ob_base: crate::object::refcount::static_var_head(&raw mut PyBytes_Type, 0),
    ob_shash: 0,
    ob_sval: [0],
};

/// The empty bytes singleton (borrowed; immortal).
pub fn empty() -> *mut PyObject {
    (&raw mut EMPTY_BYTES).cast()
}

/// Whether `op` is a bytes or bytes subclass instance.
#[inline(always)]
pub unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*(*op).ob_type).tp_flags & Py_TPFLAGS_BYTES_SUBCLASS != 0 }
}

/// A new bytes of `n` uninitialized bytes (NUL-terminated).
pub fn new_uninit(n: usize) -> PyResult<Owned> {
    let header = std::mem::offset_of!(PyBytesObject, ob_sval);
    let Some(size) = n
        .checked_add(header + 1)
        .filter(|&s| s <= isize::MAX as usize)
    else {
        return Err(errors::overflow_error("byte string is too large"));
    };
    // SAFETY: room for the header, n bytes and a NUL.
    unsafe {
        let op = crate::object::alloc::raw_malloc(size) as *mut PyObject;
        if op.is_null() {
            return Err(errors::no_memory());
        }
        crate::object::alloc::init_object(op, &raw mut PyBytes_Type);
        let b = op.cast::<PyBytesObject>();
        (*b).ob_base.ob_size = n as Py_ssize_t;
        (*b).ob_shash = -1;
        *(*b).ob_sval.as_mut_ptr().add(n) = 0;
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// A new bytes copied from `data`.
pub fn from_slice(data: &[u8]) -> PyResult<Owned> {
    if data.is_empty() {
        return Ok(Owned::from_borrowed_static(empty()));
    }
    let o = new_uninit(data.len())?;
    // SAFETY: o has room for data.len() bytes.
    unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), as_mut_ptr(o.as_ptr()), data.len()) };
    Ok(o)
}

/// The byte buffer of a bytes object.
#[inline(always)]
pub unsafe fn as_mut_ptr(op: *mut PyObject) -> *mut u8 {
    // SAFETY: op is a bytes.
    unsafe { (*op.cast::<PyBytesObject>()).ob_sval.as_mut_ptr().cast() }
}

/// The contents of a bytes object.
#[inline(always)]
pub unsafe fn as_slice<'a>(op: *mut PyObject) -> &'a [u8] {
    // SAFETY: op is a bytes with ob_size bytes.
    unsafe {
        std::slice::from_raw_parts(as_mut_ptr(op), (*op.cast::<PyVarObject>()).ob_size as usize)
    }
}
