//! `io.open_code` and the hook behind it (`PyFile_SetOpenCodeHook`,
//! PEP 578): what opens files that are to be run as code.
use crate::ffi::PyObject;
use crate::object::{none, str as pystr, typeobj};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_void;
use std::sync::Mutex;

/// A hook: gets the path (a str) and the user data, returns a new
/// reference to an open binary file, or NULL with an exception set.
pub type HookFn =
    unsafe extern "C" fn(path: *mut PyObject, user_data: *mut c_void) -> *mut PyObject;

/// `Py_OpenCodeHookFunction` (spelled out for cbindgen).
pub type Py_OpenCodeHookFunction =
    Option<unsafe extern "C" fn(path: *mut PyObject, user_data: *mut c_void) -> *mut PyObject>;

/// The hook and its data (as an address), when one is set.
static HOOK: Mutex<Option<(HookFn, usize)>> = Mutex::new(None);

fn hook() -> std::sync::MutexGuard<'static, Option<(HookFn, usize)>> {
    HOOK.lock().unwrap_or_else(|e| e.into_inner())
}

/// Sets the hook; false when one is already set (it cannot be replaced).
/// It outlives finalization, as in CPython (it belongs to the process).
pub fn set_hook(f: HookFn, data: *mut c_void) -> bool {
    let mut h = hook();
    if h.is_some() {
        return false;
    }
    *h = Some((f, data as usize));
    true
}

/// Whether a hook is set (the importer then reads source through it).
pub fn hook_is_set() -> bool {
    hook().is_some()
}

/// The contents of `path` read through the hook (`open_code(path).read()`).
pub fn read_through_hook(path: &str) -> PyResult<Vec<u8>> {
    let p = pystr::from_str(path)?;
    // SAFETY: p is a str; f is what the hook returned.
    unsafe {
        let f = open_code(p.as_ptr())?;
        let data = crate::object::protocol::call_method_obj(f.as_ptr(), "read", &[]);
        crate::object::protocol::call_method_obj(f.as_ptr(), "close", &[])?;
        let data = data?;
        if !crate::object::bytes::check(data.as_ptr()) {
            return Err(errors::type_error(format!(
                "open_code hook's file read() returned {}, not bytes",
                typeobj::type_name(data.as_ptr())
            )));
        }
        Ok(crate::object::bytes::as_slice(data.as_ptr()).to_vec())
    }
}

/// `PyFile_OpenCodeObject`: opens `path` (a str) for reading as code,
/// through the hook if one is set, else as `open(path, 'rb')`.
pub unsafe fn open_code(path: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: path is a valid object.
    unsafe {
        if !pystr::check(path) {
            return Err(errors::type_error(format!(
                "'path' must be 'str', not '{}'",
                typeobj::type_name(path)
            )));
        }
        let set = *hook();
        if let Some((f, data)) = set {
            let r = f(path, data as *mut c_void);
            if r.is_null() && errors::occurred().is_null() {
                return Err(errors::system_error(
                    "open_code hook returned NULL without setting an exception",
                ));
            }
            return errors::check(r);
        }
        let mode = pystr::from_str("rb")?;
        super::open::open(
            path,
            mode.as_ptr(),
            -1,
            None,
            None,
            None,
            true,
            none::none(),
        )
    }
}
