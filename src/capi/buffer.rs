//! The Buffer Protocol chapter: `PyObject_GetBuffer`, `PyBuffer_Release`,
//! contiguity queries and copies between strided and contiguous memory.
use crate::capi::boundary::{guard, guard_int, guard_status};
use crate::ffi::*;
use crate::object::buffer;
use crate::runtime::errors;
use libc::{c_char, c_int, c_void};
use std::ffi::CStr;

/// The order letter of a C `char` argument.
fn order_of(order: c_char) -> u8 {
    order as u8
}

/// `PyObject_CheckBuffer`: 1 when `obj` exports buffers.
#[no_mangle]
pub unsafe extern "C" fn PyObject_CheckBuffer(obj: *mut PyObject) -> c_int {
    crate::null_check!(obj);
    // SAFETY: obj non-NULL.
    guard(|| unsafe { buffer::check(obj) as c_int })
}

/// `PyObject_GetBuffer`: asks `exporter` to fill `view` as `flags`
/// requests; `TypeError` when it is not bytes-like. A NULL `view` (the
/// obsolete "lock only" call) gets `BufferError`, as CPython's builtin
/// exporters answer it, before any exporter sees it.
#[no_mangle]
pub unsafe extern "C" fn PyObject_GetBuffer(
    exporter: *mut PyObject,
    view: *mut Py_buffer,
    flags: c_int,
) -> c_int {
    crate::null_check!(exporter);
    if view.is_null() {
        // SAFETY: PyExc_BufferError is a static exception type.
        unsafe {
            errors::set_string(
                crate::object::exceptions::PyExc_BufferError,
                "PyObject_GetBuffer: view==NULL argument is obsolete",
            )
        };
        return -1;
    }
    // SAFETY: both non-NULL.
    guard_status(|| unsafe { buffer::get(exporter, view, flags) })
}

/// `PyBuffer_Release`: releases the view and drops its reference to the
/// exporter (no-op when `view->obj` is NULL).
#[no_mangle]
pub unsafe extern "C" fn PyBuffer_Release(view: *mut Py_buffer) {
    if view.is_null() {
        return;
    }
    // SAFETY: view filled by PyObject_GetBuffer or PyBuffer_FillInfo.
    guard(|| unsafe { buffer::release(view) })
}

/// `PyBuffer_FillInfo`: a one-dimensional unsigned-byte view of `len`
/// bytes at `buf` exported by `obj` (which may be NULL).
#[no_mangle]
pub unsafe extern "C" fn PyBuffer_FillInfo(
    view: *mut Py_buffer,
    obj: *mut PyObject,
    buf: *mut c_void,
    len: Py_ssize_t,
    readonly: c_int,
    flags: c_int,
) -> c_int {
    guard(|| {
        // SAFETY: view checked by the helper; None is immortal, so standing
        // in for a NULL exporter leaves no reference behind.
        unsafe {
            let owner = if obj.is_null() {
                crate::object::none::none()
            } else {
                obj
            };
            let r = crate::object::bytes::fill_buffer_info(
                view,
                owner,
                buf.cast(),
                len,
                readonly != 0,
                flags,
            );
            if r == 0 && obj.is_null() {
                (*view).obj = std::ptr::null_mut();
            }
            r
        }
    })
}

/// `PyBuffer_IsContiguous`: 1 when the view is contiguous in `order`
/// (`'C'`, `'F'` or `'A'`).
#[no_mangle]
pub unsafe extern "C" fn PyBuffer_IsContiguous(view: *const Py_buffer, order: c_char) -> c_int {
    crate::null_check!(view);
    // SAFETY: view valid.
    guard(|| unsafe { buffer::is_contiguous(&*view, order_of(order)) as c_int })
}

/// `PyBuffer_GetPointer`: the address of the item at `indices` (one per
/// dimension).
#[no_mangle]
pub unsafe extern "C" fn PyBuffer_GetPointer(
    view: *const Py_buffer,
    indices: *const Py_ssize_t,
) -> *mut c_void {
    crate::null_check!(view);
    guard(|| {
        // SAFETY: indices has view->ndim entries.
        unsafe {
            let v = &*view;
            let idx = if v.ndim == 0 {
                &[][..]
            } else {
                std::slice::from_raw_parts(indices, v.ndim as usize)
            };
            buffer::pointer_at(v, idx, &buffer::strides_of(v)).cast()
        }
    })
}

/// `PyBuffer_ToContiguous`: copies the view's `len` bytes into `buf`,
/// laid out in `order`.
#[no_mangle]
pub unsafe extern "C" fn PyBuffer_ToContiguous(
    buf: *mut c_void,
    src: *const Py_buffer,
    len: Py_ssize_t,
    order: c_char,
) -> c_int {
    crate::null_check!(buf, src);
    guard_status(|| {
        // SAFETY: buf has room for len bytes; src valid.
        unsafe {
            let v = &*src;
            if len != v.len {
                return Err(errors::value_error(
                    "PyBuffer_ToContiguous: len != view->len",
                ));
            }
            let data = buffer::to_vec(v, order_of(order));
            std::ptr::copy_nonoverlapping(data.as_ptr(), buf.cast::<u8>(), data.len());
            Ok(())
        }
    })
}

/// `PyBuffer_FromContiguous`: copies up to `len` bytes of contiguous `buf`
/// (in order `fort`) into the items of `view`.
#[no_mangle]
pub unsafe extern "C" fn PyBuffer_FromContiguous(
    view: *const Py_buffer,
    buf: *const c_void,
    len: Py_ssize_t,
    fort: c_char,
) -> c_int {
    crate::null_check!(view, buf);
    guard_status(|| {
        // SAFETY: view writable; buf holds len bytes.
        unsafe {
            let v = &*view;
            let n = len.min(v.len).max(0) as usize;
            let data = std::slice::from_raw_parts(buf.cast::<u8>(), n);
            buffer::write_from(v, data, order_of(fort));
            Ok(())
        }
    })
}

/// `PyObject_CopyData`: copies the contents of `src`'s buffer into
/// `dest`'s (which must be at least as large).
#[no_mangle]
pub unsafe extern "C" fn PyObject_CopyData(dest: *mut PyObject, src: *mut PyObject) -> c_int {
    crate::null_check!(dest, src);
    guard_status(|| {
        // SAFETY: both non-NULL; views released on every path.
        unsafe {
            let mut vd: Py_buffer = std::mem::zeroed();
            let mut vs: Py_buffer = std::mem::zeroed();
            buffer::get(dest, &mut vd, PyBUF_FULL)?;
            if let Err(e) = buffer::get(src, &mut vs, PyBUF_FULL_RO) {
                buffer::release(&mut vd);
                return Err(e);
            }
            let r = if vd.len < vs.len {
                Err(buffer::buffer_error(
                    "destination is too small to receive data from source",
                ))
            } else {
                buffer::write_from(&vd, &buffer::to_vec(&vs, b'C'), b'C');
                Ok(())
            };
            buffer::release(&mut vs);
            buffer::release(&mut vd);
            r
        }
    })
}

/// `PyBuffer_FillContiguousStrides`: the strides of a contiguous
/// `nd`-dimensional array of `shape` in `order` (`'F'` or C).
#[no_mangle]
pub unsafe extern "C" fn PyBuffer_FillContiguousStrides(
    nd: c_int,
    shape: *mut Py_ssize_t,
    strides: *mut Py_ssize_t,
    itemsize: c_int,
    order: c_char,
) {
    if nd <= 0 || shape.is_null() || strides.is_null() {
        return;
    }
    guard(|| {
        // SAFETY: shape and strides have nd entries.
        unsafe {
            let sh = std::slice::from_raw_parts(shape, nd as usize);
            let o = if order_of(order) == b'F' { b'F' } else { b'C' };
            let st = buffer::contiguous_strides(sh, itemsize as Py_ssize_t, o);
            std::ptr::copy_nonoverlapping(st.as_ptr(), strides, st.len());
        }
    })
}

/// `PyBuffer_SizeFromFormat`: the item size of a struct format; -1 with
/// `ValueError` for formats outside the single-item ones.
#[no_mangle]
pub unsafe extern "C" fn PyBuffer_SizeFromFormat(format: *const c_char) -> Py_ssize_t {
    crate::null_check!(format);
    // SAFETY: format is a C string.
    guard_int(|| buffer::size_from_format(unsafe { CStr::from_ptr(format) }.to_bytes()))
}

/// `PyObject_CheckReadBuffer` (stable ABI only): 1 when `obj` gives a
/// simple buffer, 0 otherwise (any error cleared).
#[no_mangle]
pub unsafe extern "C" fn PyObject_CheckReadBuffer(obj: *mut PyObject) -> c_int {
    crate::null_check!(obj);
    guard(|| {
        // SAFETY: obj non-NULL; the view is released at once.
        unsafe {
            let mut view: Py_buffer = std::mem::zeroed();
            if buffer::get(obj, &mut view, PyBUF_SIMPLE).is_err() {
                errors::clear();
                return 0;
            }
            buffer::release(&mut view);
            1
        }
    })
}

/// The memory of a simple buffer of `obj` (`flags` `PyBUF_SIMPLE` or
/// `PyBUF_WRITABLE`), released before returning: the pointer stays valid
/// only while the exporter does not move its data, as CPython warns.
unsafe fn released_buffer(
    obj: *mut PyObject,
    buf: *mut *mut c_void,
    len: *mut Py_ssize_t,
    flags: c_int,
) -> c_int {
    guard_status(|| {
        if obj.is_null() || buf.is_null() || len.is_null() {
            return Err(errors::null_argument());
        }
        // SAFETY: the pointers are non-NULL; the view is released at once.
        unsafe {
            let mut view: Py_buffer = std::mem::zeroed();
            if flags == PyBUF_WRITABLE {
                if buffer::get(obj, &mut view, flags).is_err() {
                    errors::clear();
                    return Err(errors::type_error("expected a writable bytes-like object"));
                }
            } else {
                buffer::get(obj, &mut view, flags)?;
            }
            *buf = view.buf;
            *len = view.len;
            buffer::release(&mut view);
            Ok(())
        }
    })
}

/// `PyObject_AsCharBuffer` (stable ABI only): the read-only memory of a
/// bytes-like object.
#[no_mangle]
pub unsafe extern "C" fn PyObject_AsCharBuffer(
    obj: *mut PyObject,
    buf: *mut *const c_char,
    len: *mut Py_ssize_t,
) -> c_int {
    // SAFETY: forwarded.
    unsafe { released_buffer(obj, buf.cast(), len, PyBUF_SIMPLE) }
}

/// `PyObject_AsReadBuffer` (stable ABI only): the read-only memory of a
/// bytes-like object.
#[no_mangle]
pub unsafe extern "C" fn PyObject_AsReadBuffer(
    obj: *mut PyObject,
    buf: *mut *const c_void,
    len: *mut Py_ssize_t,
) -> c_int {
    // SAFETY: forwarded.
    unsafe { released_buffer(obj, buf.cast(), len, PyBUF_SIMPLE) }
}

/// `PyObject_AsWriteBuffer` (stable ABI only): the writable memory of a
/// bytes-like object; `TypeError` when it is read-only.
#[no_mangle]
pub unsafe extern "C" fn PyObject_AsWriteBuffer(
    obj: *mut PyObject,
    buf: *mut *mut c_void,
    len: *mut Py_ssize_t,
) -> c_int {
    // SAFETY: forwarded.
    unsafe { released_buffer(obj, buf, len, PyBUF_WRITABLE) }
}
