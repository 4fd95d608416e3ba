//! The `sys` part of the Operating System Utilities chapter:
//! `PySys_GetObject`, `PySys_SetObject`, and the Rust halves of
//! `PySys_WriteStdout`/`WriteStderr`/`FormatStdout`/`FormatStderr` (whose
//! variadic fronts are in `variadic.c`).
use crate::capi::boundary::guard_status;
use crate::ffi::*;
use crate::modules::sys;
use crate::object::{dict, none, protocol, str as pystr};
use crate::runtime::errors;
use libc::{c_char, c_int};
use std::ffi::CStr;
use std::io::Write;

/// `PySys_GetObject`: `sys.<name>` (borrowed), NULL without an error when
/// absent.
#[no_mangle]
pub unsafe extern "C" fn PySys_GetObject(name: *const c_char) -> *mut PyObject {
    if name.is_null() {
        return std::ptr::null_mut();
    }
    // SAFETY: name is a C string.
    match unsafe { CStr::from_ptr(name) }.to_str() {
        Ok(n) => sys::get(n),
        Err(_) => std::ptr::null_mut(),
    }
}

/// `PySys_SetObject`: sets `sys.<name>`; a NULL value deletes it (no
/// error when it is absent). 0 or -1.
#[no_mangle]
pub unsafe extern "C" fn PySys_SetObject(name: *const c_char, value: *mut PyObject) -> c_int {
    crate::null_check!(name);
    guard_status(|| {
        // SAFETY: name is a C string; value NULL or valid.
        unsafe {
            let n = pystr::from_cstr(name)?;
            if value.is_null() {
                let d = sys::namespace();
                if !d.is_null() {
                    dict::del_item_opt(d, n.as_ptr())?;
                }
                return Ok(());
            }
            sys::set(pystr::as_str(n.as_ptr())?, value)
        }
    })
}

/// Writes `text` to `sys.stdout` (`err` = 0) or `sys.stderr`: through the
/// object's `write` when it is set, else to the process stream. The
/// caller's raised exception survives; errors while writing are dropped.
///
/// # Safety
/// `text` is a str object.
unsafe fn write(err: c_int, text: *mut PyObject) {
    let saved = errors::take();
    let file = sys::get(if err != 0 { "stderr" } else { "stdout" });
    // SAFETY: file NULL or valid; text a str.
    unsafe {
        if !file.is_null() && file != none::none() {
            if protocol::call_method_obj(file, "write", &[text]).is_err() {
                errors::clear();
            }
        } else if let Ok(s) = pystr::as_str(text) {
            if err != 0 {
                let _ = std::io::stderr().lock().write_all(s.as_bytes());
            } else {
                let _ = std::io::stdout().lock().write_all(s.as_bytes());
            }
        } else {
            errors::clear();
        }
    }
    if let Some(e) = saved {
        errors::restore(e);
    }
}

/// The Rust half of `PySys_WriteStdout`/`PySys_WriteStderr`: writes the C
/// string already formatted by `vsnprintf` (UTF-8, invalid bytes
/// replaced).
#[no_mangle]
pub unsafe extern "C" fn _Ferrython_SysWrite(err: c_int, text: *const c_char) {
    // SAFETY: text is a C string.
    let s = unsafe { CStr::from_ptr(text) }.to_string_lossy();
    let saved = errors::take();
    let obj = pystr::from_str(&s);
    if let Some(e) = saved {
        errors::restore(e);
    }
    match obj {
        // SAFETY: o is a str.
        Ok(o) => unsafe { write(err, o.as_ptr()) },
        Err(_) => errors::clear(),
    }
}

/// The Rust half of `PySys_FormatStdout`/`PySys_FormatStderr`: writes a
/// str built by `PyUnicode_FromFormatV` and releases it (NULL: nothing).
#[no_mangle]
pub unsafe extern "C" fn _Ferrython_SysWriteObject(err: c_int, text: *mut PyObject) {
    if text.is_null() {
        return;
    }
    // SAFETY: text is a new reference to a str.
    unsafe {
        write(err, text);
        crate::object::refcount::decref(text);
    }
}
