//! The Operating System Utilities chapter (outside `sys`): `PyOS_FSPath`,
//! `Py_FdIsInteractive`, `PyOS_getsig`, `PyOS_setsig`. The signal
//! functions are declared by hand in `Python.h` with CPython's
//! `PyOS_sighandler_t` (cbindgen would name glibc's `sighandler_t`).
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::{bytes, protocol, str as pystr, typeobj};
use crate::runtime::errors;
use crate::Owned;
use libc::{c_char, c_int, sighandler_t, FILE};

/// `PyOS_FSPath`: `path` itself for str and bytes, else the result of its
/// `__fspath__()`, which must be str or bytes (`TypeError` otherwise).
#[no_mangle]
pub unsafe extern "C" fn PyOS_FSPath(path: *mut PyObject) -> *mut PyObject {
    crate::null_check!(path);
    guard_obj(|| {
        // SAFETY: path is a valid object.
        unsafe {
            if pystr::check(path) || bytes::check(path) {
                return Ok(Owned::from_borrowed(path));
            }
            let tp = (*path).ob_type;
            // A class can opt out with `__fspath__ = None`.
            let f = typeobj::lookup_str(tp, "__fspath__");
            if f.is_null() || f == crate::object::none::none() {
                return Err(errors::type_error(format!(
                    "expected str, bytes or os.PathLike object, not {}",
                    typeobj::type_name(path)
                )));
            }
            let r = protocol::call_method_obj(path, "__fspath__", &[])?;
            if !pystr::check(r.as_ptr()) && !bytes::check(r.as_ptr()) {
                return Err(errors::type_error(format!(
                    "expected {}.__fspath__() to return str or bytes, not {}",
                    typeobj::name_of(tp),
                    typeobj::type_name(r.as_ptr())
                )));
            }
            Ok(r)
        }
    })
}

/// `Py_FdIsInteractive`: whether `fp` is a terminal, or, when the
/// interpreter is interactive (`-i`, `PyConfig.interactive`), whether
/// `filename` is NULL, `"<stdin>"` or `"???"`.
#[no_mangle]
pub unsafe extern "C" fn Py_FdIsInteractive(fp: *mut FILE, filename: *const c_char) -> c_int {
    if fp.is_null() {
        return 0;
    }
    // SAFETY: fp is an open stream.
    if unsafe { libc::isatty(libc::fileno(fp)) } == 1 {
        return 1;
    }
    if crate::runtime::config::current().is_none_or(|c| c.interactive == 0) {
        return 0;
    }
    if filename.is_null() {
        return 1;
    }
    // SAFETY: filename is a C string.
    let name = unsafe { std::ffi::CStr::from_ptr(filename) }.to_bytes();
    (name == b"<stdin>" || name == b"???") as c_int
}

/// `PyOS_getsig`: the current handler of signal `sig` (`SIG_ERR` for a bad
/// number).
/// cbindgen:ignore
#[no_mangle]
pub extern "C" fn PyOS_getsig(sig: c_int) -> sighandler_t {
    // SAFETY: sigaction with a NULL new action only reads the handler
    // into our zeroed struct.
    unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(sig, std::ptr::null(), &mut old) == -1 {
            return libc::SIG_ERR;
        }
        old.sa_sigaction
    }
}

/// `PyOS_setsig`: installs `handler` for `sig` (with `SA_ONSTACK`, as
/// CPython does) and returns the previous one, or `SIG_ERR`.
/// cbindgen:ignore
#[no_mangle]
pub extern "C" fn PyOS_setsig(sig: c_int, handler: sighandler_t) -> sighandler_t {
    // SAFETY: both structs are zeroed then filled; sigaction copies them.
    unsafe {
        let mut new: libc::sigaction = std::mem::zeroed();
        let mut old: libc::sigaction = std::mem::zeroed();
        new.sa_sigaction = handler;
        libc::sigemptyset(&mut new.sa_mask);
        new.sa_flags = libc::SA_ONSTACK;
        if libc::sigaction(sig, &new, &mut old) == -1 {
            return libc::SIG_ERR;
        }
        old.sa_sigaction
    }
}
