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
    errors::keeping_raised(|| {
        let file = sys::get(if err != 0 { "stderr" } else { "stdout" });
        // SAFETY: file NULL or valid; text a str.
        unsafe {
            if !file.is_null() && file != none::none() {
                let _ = protocol::call_method_obj(file, "write", &[text]);
            } else if let Ok(s) = pystr::as_str(text) {
                if err != 0 {
                    let _ = std::io::stderr().lock().write_all(s.as_bytes());
                } else {
                    let _ = std::io::stdout().lock().write_all(s.as_bytes());
                }
            }
        }
    })
}

/// The Rust half of `PySys_WriteStdout`/`PySys_WriteStderr`: writes the C
/// string already formatted by `vsnprintf` (UTF-8, invalid bytes
/// replaced).
#[no_mangle]
pub unsafe extern "C" fn _Ferrython_SysWrite(err: c_int, text: *const c_char) {
    // SAFETY: text is a C string.
    let s = unsafe { CStr::from_ptr(text) }.to_string_lossy();
    // A failure to build the str must not replace the caller's error.
    if let Ok(o) = errors::keeping_raised(|| pystr::from_str(&s)) {
        // SAFETY: o is a str.
        unsafe { write(err, o.as_ptr()) }
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

/// Looks up `sys.<name>` for the `PySys_GetAttr` family: `Ok(None)` when
/// absent.
unsafe fn lookup(name: *mut PyObject) -> crate::PyResult<Option<crate::Owned>> {
    // SAFETY: name is a valid object.
    unsafe {
        if !pystr::check(name) {
            return Err(errors::type_error(format!(
                "attribute name must be string, not '{}'",
                crate::object::typeobj::type_name(name)
            )));
        }
        let d = sys::namespace();
        if d.is_null() {
            return Err(errors::set_string(
                crate::object::exceptions::PyExc_RuntimeError,
                "no sys module",
            ));
        }
        let v = dict::get_item(d, name)?;
        Ok((!v.is_null()).then(|| crate::Owned::from_borrowed(v)))
    }
}

/// `PySys_GetAttr`: `sys.<name>` as a new reference; `RuntimeError("lost
/// sys.<name>")` when it is absent.
#[no_mangle]
pub unsafe extern "C" fn PySys_GetAttr(name: *mut PyObject) -> *mut PyObject {
    crate::null_check!(name);
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: name valid.
        unsafe {
            lookup(name)?.ok_or_else(|| {
                errors::set_string(
                    crate::object::exceptions::PyExc_RuntimeError,
                    &format!("lost sys.{}", pystr::as_str(name).unwrap_or("?")),
                )
            })
        }
    })
}

/// `PySys_GetAttrString`: `PySys_GetAttr` with a C-string name.
#[no_mangle]
pub unsafe extern "C" fn PySys_GetAttrString(name: *const c_char) -> *mut PyObject {
    crate::null_check!(name);
    // SAFETY: name is a C string.
    match unsafe { pystr::from_cstr(name) } {
        // SAFETY: n is a str.
        Ok(n) => unsafe { PySys_GetAttr(n.as_ptr()) },
        Err(_) => std::ptr::null_mut(),
    }
}

/// `PySys_GetOptionalAttr`: 1 and a new reference in `*result` when
/// `sys.<name>` exists, 0 and NULL when not, -1 on error.
#[no_mangle]
pub unsafe extern "C" fn PySys_GetOptionalAttr(
    name: *mut PyObject,
    result: *mut *mut PyObject,
) -> c_int {
    crate::null_check!(name, result);
    // SAFETY: result is writable; name valid.
    unsafe {
        *result = std::ptr::null_mut();
        match lookup(name) {
            Ok(Some(v)) => {
                *result = v.into_raw();
                1
            }
            Ok(None) => 0,
            Err(_) => -1,
        }
    }
}

/// `PySys_GetOptionalAttrString`: the C-string form.
#[no_mangle]
pub unsafe extern "C" fn PySys_GetOptionalAttrString(
    name: *const c_char,
    result: *mut *mut PyObject,
) -> c_int {
    crate::null_check!(name, result);
    // SAFETY: name is a C string; result writable.
    unsafe {
        match pystr::from_cstr(name) {
            Ok(n) => PySys_GetOptionalAttr(n.as_ptr(), result),
            Err(_) => {
                *result = std::ptr::null_mut();
                -1
            }
        }
    }
}

/// `sys.<name>` if it is an object of the wanted kind, else a fresh one
/// stored there (borrowed).
unsafe fn sys_container(
    name: &str,
    is_kind: unsafe fn(*mut PyObject) -> bool,
    make: fn() -> crate::PyResult<crate::Owned>,
) -> crate::PyResult<*mut PyObject> {
    let v = sys::get(name);
    // SAFETY: v is NULL or valid.
    if !v.is_null() && unsafe { is_kind(v) } {
        return Ok(v);
    }
    let fresh = make()?;
    // SAFETY: fresh is a new object.
    unsafe { sys::set(name, fresh.as_ptr())? };
    Ok(sys::get(name))
}

/// `PySys_GetXOptions`: the dict `sys._xoptions` (borrowed), created when
/// missing.
#[no_mangle]
pub extern "C" fn PySys_GetXOptions() -> *mut PyObject {
    // SAFETY: dict::check reads a valid object.
    unsafe { sys_container("_xoptions", dict::check, dict::new) }.unwrap_or_else(|_| {
        errors::clear();
        std::ptr::null_mut()
    })
}

/// `PySys_AddXOption`: records `-X` option `key[=value]` in
/// `sys._xoptions` (`True` when there is no value).
#[no_mangle]
pub unsafe extern "C" fn PySys_AddXOption(option: *const libc::wchar_t) {
    if option.is_null() {
        return;
    }
    // SAFETY: option is a wide C string.
    let text = unsafe { crate::capi::config::wide_to_string(option) };
    let r = (|| {
        let d = PySys_GetXOptions();
        if d.is_null() {
            return Err(errors::Raised::assume());
        }
        let (key, value) = match text.split_once('=') {
            Some((k, v)) => (k, pystr::from_str(v)?),
            None => (
                text.as_str(),
                crate::Owned::from_borrowed_static(crate::object::bool::py_true()),
            ),
        };
        // SAFETY: d is a dict.
        unsafe { dict::set_item(d, pystr::from_str(key)?.as_ptr(), value.as_ptr()) }
    })();
    if r.is_err() {
        errors::clear();
    }
}

/// The list `sys.warnoptions` (borrowed), created when missing.
fn warnoptions() -> crate::PyResult<*mut PyObject> {
    // SAFETY: list::check reads a valid object.
    unsafe {
        sys_container("warnoptions", crate::object::list::check, || {
            crate::object::list::from_vec(Vec::new())
        })
    }
}

/// `PySys_HasWarnOptions` (removed from the 3.13 headers, kept in the
/// stable ABI): 1 when `sys.warnoptions` is a non-empty list.
#[no_mangle]
pub extern "C" fn PySys_HasWarnOptions() -> c_int {
    let w = sys::get("warnoptions");
    // SAFETY: w is NULL or a live object.
    (!w.is_null()
        && unsafe { crate::object::list::check(w) && !crate::object::list::items(w).is_empty() })
        as c_int
}

/// `PySys_ResetWarnOptions`: empties `sys.warnoptions`.
#[no_mangle]
pub extern "C" fn PySys_ResetWarnOptions() {
    let fresh = crate::object::list::from_vec(Vec::new());
    // SAFETY: fresh is a new list.
    if fresh
        .and_then(|l| unsafe { sys::set("warnoptions", l.as_ptr()) })
        .is_err()
    {
        errors::clear();
    }
}

/// `PySys_AddWarnOptionUnicode`: appends `option` to `sys.warnoptions`.
#[no_mangle]
pub unsafe extern "C" fn PySys_AddWarnOptionUnicode(option: *mut PyObject) {
    if option.is_null() {
        return;
    }
    // SAFETY: the list is sys.warnoptions; option valid.
    if warnoptions()
        .and_then(|l| unsafe { crate::object::list::append(l, option) })
        .is_err()
    {
        errors::clear();
    }
}

/// `PySys_AddWarnOption`: the wide-string form.
#[no_mangle]
pub unsafe extern "C" fn PySys_AddWarnOption(option: *const libc::wchar_t) {
    if option.is_null() {
        return;
    }
    // SAFETY: option is a wide C string.
    let text = unsafe { crate::capi::config::wide_to_string(option) };
    match pystr::from_str(&text) {
        // SAFETY: o is a str.
        Ok(o) => unsafe { PySys_AddWarnOptionUnicode(o.as_ptr()) },
        Err(_) => errors::clear(),
    }
}

/// The strings of a C `wchar_t *argv[]`.
unsafe fn wide_args(argc: c_int, argv: *mut *mut libc::wchar_t) -> Vec<String> {
    (0..argc.max(0) as usize)
        // SAFETY: argv holds argc wide C strings.
        .map(|i| unsafe { crate::capi::config::wide_to_string(*argv.add(i)) })
        .collect()
}

/// `PySys_SetArgvEx`: sets `sys.argv` (`['']` for no arguments); with
/// `updatepath`, puts the script's directory (or `''`) first in
/// `sys.path`, as CPython does.
#[no_mangle]
pub unsafe extern "C" fn PySys_SetArgvEx(
    argc: c_int,
    argv: *mut *mut libc::wchar_t,
    updatepath: c_int,
) {
    let mut args = if argv.is_null() {
        Vec::new()
    } else {
        // SAFETY: argv holds argc strings.
        unsafe { wide_args(argc, argv) }
    };
    if args.is_empty() {
        args.push(String::new());
    }
    let r = (|| -> crate::PyResult<()> {
        let items = args
            .iter()
            .map(|a| pystr::from_str(a))
            .collect::<crate::PyResult<Vec<_>>>()?;
        let list = crate::object::list::from_vec(items)?;
        // SAFETY: list is a new list.
        unsafe { sys::set("argv", list.as_ptr())? };
        if updatepath != 0 {
            let a0 = &args[0];
            let dir = if a0.is_empty() || a0 == "-c" || a0 == "-m" {
                String::new()
            } else {
                let p = std::fs::canonicalize(a0).unwrap_or_else(|_| a0.into());
                p.parent()
                    .map(|d| d.to_string_lossy().into_owned())
                    .unwrap_or_default()
            };
            let path = sys::path_list();
            if !path.is_null() {
                // SAFETY: path is sys.path, a list.
                unsafe { crate::object::list::insert(path, 0, pystr::from_str(&dir)?.as_ptr())? };
            }
        }
        Ok(())
    })();
    if r.is_err() {
        errors::clear();
    }
}

/// `PySys_SetArgv`: `PySys_SetArgvEx` with `updatepath` 1.
#[no_mangle]
pub unsafe extern "C" fn PySys_SetArgv(argc: c_int, argv: *mut *mut libc::wchar_t) {
    // SAFETY: forwarded.
    unsafe { PySys_SetArgvEx(argc, argv, 1) }
}

/// `PySys_SetPath`: `sys.path` from a `:`-separated list.
#[no_mangle]
pub unsafe extern "C" fn PySys_SetPath(path: *const libc::wchar_t) {
    if path.is_null() {
        return;
    }
    // SAFETY: path is a wide C string.
    let text = unsafe { crate::capi::config::wide_to_string(path) };
    let r = (|| {
        let items = text
            .split(':')
            .map(pystr::from_str)
            .collect::<crate::PyResult<Vec<_>>>()?;
        let list = crate::object::list::from_vec(items)?;
        // SAFETY: list is a new list.
        unsafe { sys::set("path", list.as_ptr()) }
    })();
    if r.is_err() {
        errors::clear();
    }
}
