//! The buffer protocol of `array.array` (CPython's `array_buffer_getbuf` /
//! `array_buffer_relbuf`): a writable one-dimensional view of the items
//! with the typecode's struct format; each view counts as an export, and
//! the array refuses to change size while any is alive.
use super::object::{descr, raw};
use crate::ffi::*;
use crate::object::refcount::new_ref;
use libc::c_int;
use std::ptr::null_mut;

pub static mut AS_BUFFER: PyBufferProcs = PyBufferProcs {
    bf_getbuffer: Some(array_getbuffer),
    bf_releasebuffer: Some(array_releasebuffer),
};

/// What an empty array's views point at.
static EMPTY: u8 = 0;

unsafe extern "C" fn array_getbuffer(
    op: *mut PyObject,
    view: *mut Py_buffer,
    flags: c_int,
) -> c_int {
    // SAFETY: op is an array; view is writable or NULL.
    unsafe {
        if view.is_null() {
            crate::object::buffer::buffer_error(
                "array_buffer_getbuf: view==NULL argument is obsolete",
            );
            return -1;
        }
        let a = raw(op);
        let d = descr(op);
        let v = &mut *view;
        v.buf = if a.ob_item.is_null() {
            (&raw const EMPTY).cast_mut().cast()
        } else {
            a.ob_item.cast()
        };
        v.obj = new_ref(op);
        v.len = a.ob_base.ob_size * d.size as Py_ssize_t;
        v.readonly = 0;
        v.ndim = 1;
        v.itemsize = d.size as Py_ssize_t;
        v.suboffsets = null_mut();
        // The shape is the array's own length, which cannot change while
        // the view is exported.
        v.shape = if flags & PyBUF_ND == PyBUF_ND {
            &mut a.ob_base.ob_size
        } else {
            null_mut()
        };
        v.strides = if flags & PyBUF_STRIDES == PyBUF_STRIDES {
            &mut v.itemsize
        } else {
            null_mut()
        };
        v.format = if flags & PyBUF_FORMAT == PyBUF_FORMAT {
            d.format.as_ptr().cast_mut()
        } else {
            null_mut()
        };
        v.internal = null_mut();
        a.exports += 1;
        0
    }
}

unsafe extern "C" fn array_releasebuffer(op: *mut PyObject, _view: *mut Py_buffer) {
    // SAFETY: op is an array with an export outstanding.
    unsafe { raw(op).exports -= 1 }
}
