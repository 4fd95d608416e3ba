//! The `_posixshmem` module (CPython's
//! `Modules/_multiprocessing/posixshmem.c`): `shm_open` and `shm_unlink`
//! for `multiprocessing.shared_memory`.
use crate::ffi::*;
use crate::modules::args::format_i;
use crate::modules::args::{bind, builtin};
use crate::object::descr::{method, METHOD_END};
use crate::object::none;
use crate::object::{int, str as pystr, typeobj};
use crate::runtime::errors::{self, PyResult};
use libc::{c_int, c_void};
use std::ffi::CString;

/// A `path` argument: a str without NUL.
unsafe fn path_arg(func: &str, o: *mut PyObject) -> PyResult<CString> {
    // SAFETY: o valid (caller contract).
    unsafe {
        if !pystr::check(o) {
            return Err(errors::type_error(format!(
                "{func}() argument 1 must be str, not {}",
                typeobj::type_name(o)
            )));
        }
        CString::new(pystr::as_str(o)?).map_err(|_| errors::value_error("embedded null character"))
    }
}

builtin!(shm_open, |args, kws| {
    let [p, f, m] = bind("shm_open", args, &kws, ["path", "flags", "mode"], 3, 2)?;
    let path = path_arg("shm_open", p.unwrap())?;
    let flags = format_i(f.unwrap())?;
    let mode = match m {
        Some(m) => format_i(m)?,
        None => 0o777,
    };
    loop {
        let fd = crate::runtime::gil::allow_threads(|| {
            libc::shm_open(path.as_ptr(), flags, mode as libc::mode_t)
        });
        if fd >= 0 {
            return int::from_i64(fd as i64);
        }
        let e = errors::last_errno();
        if e != libc::EINTR {
            return Err(errors::os_error(e, p.unwrap(), std::ptr::null_mut()));
        }
        errors::check_signals()?;
    }
});

builtin!(shm_unlink, |args, kws| {
    let [p] = bind("shm_unlink", args, &kws, ["path"], 1, 1)?;
    let path = path_arg("shm_unlink", p.unwrap())?;
    let r = crate::runtime::gil::allow_threads(|| libc::shm_unlink(path.as_ptr()));
    if r < 0 {
        return Err(errors::os_error(
            errors::last_errno(),
            p.unwrap(),
            std::ptr::null_mut(),
        ));
    }
    Ok(none::owned())
});

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut METHODS: [PyMethodDef; 3] = [
    method(c"shm_open", shm_open as *const c_void, FK),
    method(c"shm_unlink", shm_unlink as *const c_void, FK),
    METHOD_END,
];

/// `PyInit__posixshmem`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the method table is static.
        unsafe { crate::modules::new_module("_posixshmem", (&raw mut METHODS).cast()) }
    })
}
