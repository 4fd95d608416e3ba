//! The Frame Objects chapter: `PyFrame_GetCode`, `PyFrame_GetLineNumber`,
//! `PyFrame_GetBack`.
use crate::vm::code::PyCodeObject;
use crate::vm::frame::{self, PyFrameObject};
use libc::c_int;

/// `PyFrame_GetCode`: the frame's code object (a new reference).
#[no_mangle]
pub unsafe extern "C" fn PyFrame_GetCode(f: *mut PyFrameObject) -> *mut PyCodeObject {
    crate::null_check!(f);
    // SAFETY: f is a live frame, which owns its code object.
    unsafe { crate::object::refcount::new_ref((*f).code).cast() }
}

/// `PyFrame_GetLineNumber`: the line the frame is running (`f_lineno`),
/// -1 where its code has no line.
#[no_mangle]
pub unsafe extern "C" fn PyFrame_GetLineNumber(f: *mut PyFrameObject) -> c_int {
    crate::null_check!(f);
    // SAFETY: f is a live frame.
    unsafe { frame::lineno(f.cast()).map_or(-1, |l| l as c_int) }
}

/// `PyFrame_GetBack`: the frame's caller (a new reference), or NULL with
/// no exception set for the outermost frame.
#[no_mangle]
pub unsafe extern "C" fn PyFrame_GetBack(f: *mut PyFrameObject) -> *mut PyFrameObject {
    crate::null_check!(f);
    // SAFETY: f is a live frame, which owns a reference to its caller.
    unsafe {
        let back = (*f).f_back;
        if back.is_null() {
            return std::ptr::null_mut();
        }
        crate::object::refcount::new_ref(back).cast()
    }
}
