//! The process-wide path parameters of the Initialization chapter
//! (CPython's `Python/pathconfig.c`): `Py_SetPath`, `Py_SetProgramName`,
//! `Py_SetPythonHome` before initialization, and the `Py_Get*` functions
//! that answer the computed values after it (NULL before, unless set).
//! The strings live in `runtime::pathconfig::GLOBALS`; the wide copies
//! handed out stay valid until that value changes.
use crate::capi::config::wide_to_string;
use crate::runtime::pathconfig::{self, PathGlobals};
use libc::wchar_t;
use std::ptr::null_mut;
use std::sync::Mutex;

/// A value handed out as a wide string, and its copy.
type WideCopy = Option<(String, Vec<wchar_t>)>;

/// The wide copies, one per getter (program name, home, full path,
/// prefix, exec prefix, path).
static COPIES: Mutex<[WideCopy; 6]> = Mutex::new([None, None, None, None, None, None]);

/// A wide copy of the value `pick` selects, stable while it is unchanged.
fn get(slot: usize, pick: fn(&PathGlobals) -> Option<String>) -> *mut wchar_t {
    let value = pick(&pathconfig::globals());
    let mut copies = COPIES.lock().unwrap_or_else(|e| e.into_inner());
    let copy = &mut copies[slot];
    match (value, copy.as_ref()) {
        (None, _) => null_mut(),
        (Some(v), Some((old, _))) if *old == v => {
            copy.as_mut().map_or(null_mut(), |c| c.1.as_mut_ptr())
        }
        (Some(v), _) => {
            let wide = v.chars().map(|c| c as wchar_t).chain([0]).collect();
            copy.insert((v, wide)).1.as_mut_ptr()
        }
    }
}

/// The text of `s` when it is non-NULL and not empty.
unsafe fn text(s: *const wchar_t) -> Option<String> {
    // SAFETY: s is NULL or a NUL-terminated wide string.
    (!s.is_null() && unsafe { *s } != 0).then(|| unsafe { wide_to_string(s) })
}

/// `Py_SetProgramName` (deprecated): the program name the next
/// initialization uses unless its configuration names one; NULL or empty
/// forgets it.
#[no_mangle]
#[deprecated = "3.11"]
pub unsafe extern "C" fn Py_SetProgramName(name: *const wchar_t) {
    // SAFETY: name is NULL or a wide string.
    let v = unsafe { text(name) };
    pathconfig::globals().program_name = v;
}

/// `Py_SetPythonHome` (deprecated): the home (`PYTHONHOME`) the next
/// initialization uses unless its configuration names one; NULL or empty
/// forgets it.
#[no_mangle]
#[deprecated = "3.11"]
pub unsafe extern "C" fn Py_SetPythonHome(home: *const wchar_t) {
    // SAFETY: home is NULL or a wide string.
    let v = unsafe { text(home) };
    pathconfig::globals().home = v;
}

/// `Py_SetPath` (removed from the 3.13 headers, kept in the stable ABI):
/// the next initialization's module search path is `path` (entries
/// separated by `:`), with empty `sys.prefix` and `sys.exec_prefix`; NULL
/// forgets every path parameter.
#[no_mangle]
pub unsafe extern "C" fn Py_SetPath(path: *const wchar_t) {
    // SAFETY: path is NULL or a wide string.
    let v = (!path.is_null()).then(|| unsafe { wide_to_string(path) });
    pathconfig::set_path(v);
}

/// `Py_GetProgramName` (deprecated): `PyConfig.program_name` of the last
/// initialization, or what `Py_SetProgramName` set.
#[no_mangle]
#[deprecated = "3.13"]
pub extern "C" fn Py_GetProgramName() -> *mut wchar_t {
    get(0, |g| g.program_name.clone())
}

/// `Py_GetPythonHome` (deprecated): `PyConfig.home`, or what
/// `Py_SetPythonHome` set.
#[no_mangle]
#[deprecated = "3.13"]
pub extern "C" fn Py_GetPythonHome() -> *mut wchar_t {
    get(1, |g| g.home.clone())
}

/// `Py_GetProgramFullPath` (deprecated): `sys.executable`.
#[no_mangle]
#[deprecated = "3.13"]
pub extern "C" fn Py_GetProgramFullPath() -> *mut wchar_t {
    get(2, |g| g.program_full_path.clone())
}

/// `Py_GetPrefix` (deprecated): `sys.prefix`.
#[no_mangle]
#[deprecated = "3.13"]
pub extern "C" fn Py_GetPrefix() -> *mut wchar_t {
    get(3, |g| g.prefix.clone())
}

/// `Py_GetExecPrefix` (deprecated): `sys.exec_prefix`.
#[no_mangle]
#[deprecated = "3.13"]
pub extern "C" fn Py_GetExecPrefix() -> *mut wchar_t {
    get(4, |g| g.exec_prefix.clone())
}

/// `Py_GetPath` (deprecated): the path `Py_SetPath` set, else the module
/// search path of the last initialization, entries joined by `:`.
#[no_mangle]
#[deprecated = "3.13"]
pub extern "C" fn Py_GetPath() -> *mut wchar_t {
    get(5, |g| {
        g.module_search_path
            .clone()
            .or_else(|| g.calculated_module_search_path.clone())
    })
}
