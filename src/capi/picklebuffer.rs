//! The Pickle buffer objects chapter (PEP 574): `PyPickleBuffer_FromObject`,
//! `PyPickleBuffer_GetBuffer`, `PyPickleBuffer_Release`; the type is
//! `PyPickleBuffer_Type` in `src/modules/pickle/buffer.rs`.
use crate::capi::boundary::{guard_int, guard_obj, guard_status};
use crate::ffi::*;
use crate::modules::pickle::buffer;
use crate::runtime::errors::{self, PyResult};
use libc::c_int;

/// `TypeError` unless `obj` is a `PickleBuffer`.
unsafe fn expect_picklebuffer(obj: *mut PyObject) -> PyResult<()> {
    // SAFETY: obj is a live object.
    if unsafe { buffer::check(obj) } {
        return Ok(());
    }
    Err(errors::type_error(format!(
        "expected PickleBuffer, {} found",
        crate::object::typeobj::type_name(obj)
    )))
}

/// `PyPickleBuffer_FromObject`: a new `PickleBuffer` holding a read-only
/// view of `obj`'s buffer.
#[no_mangle]
pub unsafe extern "C" fn PyPickleBuffer_FromObject(obj: *mut PyObject) -> *mut PyObject {
    crate::null_check!(obj);
    // SAFETY: obj non-NULL.
    guard_obj(|| unsafe { buffer::from_object(obj) })
}

/// `PyPickleBuffer_GetBuffer`: the view a `PickleBuffer` wraps, owned by
/// it; NULL with `ValueError` once it was released, `TypeError` for
/// another object.
#[no_mangle]
pub unsafe extern "C" fn PyPickleBuffer_GetBuffer(obj: *mut PyObject) -> *const Py_buffer {
    crate::null_check!(obj);
    guard_int(|| {
        // SAFETY: obj non-NULL; the view lives as long as the PickleBuffer.
        unsafe {
            expect_picklebuffer(obj)?;
            buffer::live_view(obj).map(|v| v as *const Py_buffer)
        }
    })
}

/// `PyPickleBuffer_Release`: lets go of the wrapped view (0; again is a
/// no-op); -1 with `TypeError` for another object.
#[no_mangle]
pub unsafe extern "C" fn PyPickleBuffer_Release(obj: *mut PyObject) -> c_int {
    crate::null_check!(obj);
    guard_status(|| {
        // SAFETY: obj non-NULL, and a PickleBuffer once checked.
        unsafe {
            expect_picklebuffer(obj)?;
            buffer::release(obj);
        }
        Ok(())
    })
}
