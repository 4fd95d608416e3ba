//! Traceback objects from C (`Include/traceback.h`): `PyTraceBack_Here`
//! and `PyTraceBack_Print`.
use crate::capi::boundary::guard_status;
use crate::ffi::PyObject;
use crate::object::{protocol, str as pystr};
use crate::vm::frame::PyFrameObject;
use crate::vm::traceback;
use libc::c_int;

/// `PyTraceBack_Here`: puts an entry for `f` at its current line in front
/// of the raised exception's traceback; 0, or -1 on failure.
#[no_mangle]
pub unsafe extern "C" fn PyTraceBack_Here(f: *mut PyFrameObject) -> c_int {
    crate::null_check!(f);
    // SAFETY: f is a live frame.
    guard_status(|| unsafe { traceback::here(f.cast()) })
}

/// `PyTraceBack_Print`: writes "Traceback (most recent call last):" and
/// the entries of `tb` to the file object `f` (with its `write` method);
/// 0 when `tb` is NULL, -1 with `SystemError` when it is no traceback.
#[no_mangle]
pub unsafe extern "C" fn PyTraceBack_Print(tb: *mut PyObject, f: *mut PyObject) -> c_int {
    if tb.is_null() {
        return 0;
    }
    // SAFETY: tb is a live object.
    if f.is_null() || !unsafe { traceback::check(tb) } {
        crate::runtime::errors::bad_internal_call();
        return -1;
    }
    guard_status(|| {
        // SAFETY: tb is a traceback and f a live object; the GIL is held.
        unsafe {
            let mut text = String::from("Traceback (most recent call last):\n");
            text.push_str(&crate::object::exceptions::display::format_tb(tb));
            let s = pystr::from_str(&text)?;
            protocol::call_method_obj(f, "write", &[s.as_ptr()])?;
            Ok(())
        }
    })
}
