//! File objects (`Doc/c-api/file.rst`): the open-code hook of PEP 578.
use crate::capi::boundary::{guard_int, guard_obj};
use crate::ffi::PyObject;
use crate::modules::io::open_code::{self, Py_OpenCodeHookFunction};
use crate::runtime::errors;
use libc::{c_char, c_int, c_void};

/// `PyFile_SetOpenCodeHook`: sets the hook `io.open_code` and
/// `PyFile_OpenCode*` use. Raises the `setopencodehook` audit event when
/// the runtime is initialized; -1 when a hook is already set (with a
/// `SystemError` once initialized) or the event is refused.
#[no_mangle]
pub unsafe extern "C" fn PyFile_SetOpenCodeHook(
    hook: Py_OpenCodeHookFunction,
    user_data: *mut c_void,
) -> c_int {
    let initialized = crate::runtime::lifecycle::is_initialized();
    guard_int(|| {
        if initialized {
            crate::runtime::audit::audit(c"setopencodehook", &[])?;
        }
        let Some(hook) = hook else {
            return Ok(-1);
        };
        if !open_code::set_hook(hook, user_data) {
            if initialized {
                return Err(errors::system_error(
                    "failed to change existing open_code hook",
                ));
            }
            return Ok(-1);
        }
        Ok(0)
    })
}

/// `PyFile_OpenCodeObject`: opens `path` (a str) for reading code.
#[no_mangle]
pub unsafe extern "C" fn PyFile_OpenCodeObject(path: *mut PyObject) -> *mut PyObject {
    crate::null_check!(path);
    // SAFETY: path is a valid object.
    guard_obj(|| unsafe { open_code::open_code(path) })
}

/// `PyFile_OpenCode`: `PyFile_OpenCodeObject` with a UTF-8 path.
#[no_mangle]
pub unsafe extern "C" fn PyFile_OpenCode(utf8path: *const c_char) -> *mut PyObject {
    crate::null_check!(utf8path);
    guard_obj(|| {
        // SAFETY: utf8path is a C string.
        let bytes = unsafe { std::ffi::CStr::from_ptr(utf8path) }.to_bytes();
        let path = crate::object::str::from_utf8(bytes)?;
        // SAFETY: path is a str.
        unsafe { open_code::open_code(path.as_ptr()) }
    })
}
