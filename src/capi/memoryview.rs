//! The MemoryView Objects chapter: `PyMemoryView_FromObject`,
//! `PyMemoryView_FromMemory`, `PyMemoryView_FromBuffer`,
//! `PyMemoryView_GetContiguous`.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::memoryview;
use libc::{c_char, c_int};

/// `PyMemoryView_FromObject`: a memoryview of `obj`'s buffer.
#[no_mangle]
pub unsafe extern "C" fn PyMemoryView_FromObject(obj: *mut PyObject) -> *mut PyObject {
    crate::null_check!(obj);
    // SAFETY: obj non-NULL.
    guard_obj(|| unsafe { memoryview::from_object(obj) })
}

/// `PyMemoryView_FromMemory`: a byte view of `size` bytes at `mem`;
/// `flags` is `PyBUF_READ` or `PyBUF_WRITE`.
#[no_mangle]
pub unsafe extern "C" fn PyMemoryView_FromMemory(
    mem: *mut c_char,
    size: Py_ssize_t,
    flags: c_int,
) -> *mut PyObject {
    crate::null_check!(mem);
    // SAFETY: the caller keeps mem alive while the view is used.
    guard_obj(|| unsafe { memoryview::from_memory(mem.cast(), size, flags) })
}

/// `PyMemoryView_FromBuffer`: a memoryview of the memory `info` describes,
/// with no exporter object.
#[no_mangle]
pub unsafe extern "C" fn PyMemoryView_FromBuffer(info: *const Py_buffer) -> *mut PyObject {
    crate::null_check!(info);
    // SAFETY: info valid.
    guard_obj(|| unsafe { memoryview::from_buffer(&*info) })
}

/// `PyMemoryView_GetContiguous`: a contiguous memoryview of `base` in
/// `order`, copying when needed (read-only requests only).
#[no_mangle]
pub unsafe extern "C" fn PyMemoryView_GetContiguous(
    base: *mut PyObject,
    buffertype: c_int,
    order: c_char,
) -> *mut PyObject {
    crate::null_check!(base);
    // SAFETY: base non-NULL.
    guard_obj(|| unsafe { memoryview::get_contiguous(base, buffertype, order as u8) })
}
