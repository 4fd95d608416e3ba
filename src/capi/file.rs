//! File objects (`Doc/c-api/file.rst`): the open-code hook of PEP 578,
//! `PyFile_FromFd`, `PyFile_GetLine`, `PyFile_Write*` and
//! `PyObject_AsFileDescriptor`.
use crate::capi::boundary::{guard_int, guard_obj, guard_status};
use crate::ffi::PyObject;
use crate::modules::io::open_code::{self, Py_OpenCodeHookFunction};
use crate::object::exceptions as exc;
use crate::object::{bool as pybool, bytes, int, none, protocol, str as pystr};
use crate::runtime::errors;
use crate::runtime::errors::PyResult;
use crate::Owned;
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

/// `PyFile_FromFd`: `io.open(fd, mode, buffering, encoding, errors,
/// newline, closefd)`; `name` is ignored, as in CPython (the streams'
/// `name` is read-only). NULL strings are passed as None.
#[no_mangle]
pub unsafe extern "C" fn PyFile_FromFd(
    fd: c_int,
    name: *const c_char,
    mode: *const c_char,
    buffering: c_int,
    encoding: *const c_char,
    errs: *const c_char,
    newline: *const c_char,
    closefd: c_int,
) -> *mut PyObject {
    let _ = name;
    guard_obj(|| {
        // SAFETY: the strings are NUL-terminated or NULL.
        unsafe {
            let text = |s: *const c_char| -> PyResult<Owned> {
                if s.is_null() {
                    Ok(Owned::from_borrowed_static(none::none()))
                } else {
                    pystr::from_cstr(s)
                }
            };
            let io = crate::runtime::import::import_absolute("_io")?;
            let open = protocol::getattr_str(io.as_ptr(), "open")?;
            let args = [
                int::from_i64(i64::from(fd))?,
                text(mode)?,
                int::from_i64(i64::from(buffering))?,
                text(encoding)?,
                text(errs)?,
                text(newline)?,
                Owned::from_borrowed_static(pybool::from_bool(closefd != 0)),
            ];
            let ptrs = args.each_ref().map(|a| a.as_ptr());
            protocol::call_args(open.as_ptr(), &ptrs)
        }
    })
}

/// `PyFile_GetLine`: `f.readline()` (`f.readline(n)` for `n > 0`), which
/// must give bytes or str. With `n < 0` the trailing newline is dropped and
/// an empty result is `EOFError`.
#[no_mangle]
pub unsafe extern "C" fn PyFile_GetLine(f: *mut PyObject, n: c_int) -> *mut PyObject {
    crate::null_check!(f);
    guard_obj(|| {
        // SAFETY: f valid.
        unsafe {
            let line = if n <= 0 {
                protocol::call_method_obj(f, "readline", &[])?
            } else {
                let n = int::from_i64(i64::from(n))?;
                protocol::call_method_obj(f, "readline", &[n.as_ptr()])?
            };
            let l = line.as_ptr();
            let is_bytes = bytes::check(l);
            if !is_bytes && !pystr::check(l) {
                return Err(errors::type_error("object.readline() returned non-string"));
            }
            if n >= 0 {
                return Ok(line);
            }
            let len = if is_bytes {
                bytes::size(l)
            } else {
                pystr::len(l)
            } as usize;
            if len == 0 {
                return Err(errors::set_string(
                    exc::PyExc_EOFError,
                    "EOF when reading a line",
                ));
            }
            if is_bytes {
                let data = bytes::as_slice(l);
                if data[len - 1] == b'\n' {
                    return bytes::from_slice(&data[..len - 1]);
                }
            } else if pystr::read_char(l, len - 1) == u32::from(b'\n') {
                return pystr::substring(l, 0, len - 1);
            }
            Ok(line)
        }
    })
}

/// `Py_PRINT_RAW` (Python.h): write `str(v)` rather than `repr(v)`.
const PRINT_RAW: c_int = 1;

/// `PyFile_WriteObject`: `f.write(str(v))` with `Py_PRINT_RAW` in `flags`,
/// else `f.write(repr(v))`.
#[no_mangle]
pub unsafe extern "C" fn PyFile_WriteObject(
    v: *mut PyObject,
    f: *mut PyObject,
    flags: c_int,
) -> c_int {
    guard_status(|| {
        if f.is_null() {
            return Err(errors::type_error("writeobject with NULL file"));
        }
        // SAFETY: f valid; v valid or NULL ("<NULL>").
        unsafe {
            let write = protocol::getattr_str(f, "write")?;
            let text = if flags & PRINT_RAW != 0 {
                crate::capi::object::PyObject_Str(v)
            } else {
                crate::capi::object::PyObject_Repr(v)
            };
            let text = errors::check(text)?;
            protocol::call_args(write.as_ptr(), &[text.as_ptr()]).map(drop)
        }
    })
}

/// `PyFile_WriteString`: writes the UTF-8 string `s` to `f` (as
/// `f.write(s)`); -1 without trying when an exception is already set.
#[no_mangle]
pub unsafe extern "C" fn PyFile_WriteString(s: *const c_char, f: *mut PyObject) -> c_int {
    if f.is_null() {
        if errors::occurred().is_null() {
            errors::system_error("null file for PyFile_WriteString");
        }
        return -1;
    }
    if !errors::occurred().is_null() {
        return -1;
    }
    crate::null_check!(s);
    guard_status(|| {
        // SAFETY: s is a NUL-terminated string, f valid.
        unsafe {
            let text = pystr::from_cstr(s)?;
            if PyFile_WriteObject(text.as_ptr(), f, PRINT_RAW) < 0 {
                return Err(errors::Raised::assume());
            }
            Ok(())
        }
    })
}

/// `PyObject_AsFileDescriptor`: the file descriptor `o` is (an int) or
/// that its `fileno()` returns; a negative one is `ValueError`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_AsFileDescriptor(o: *mut PyObject) -> c_int {
    crate::null_check!(o);
    // SAFETY: o valid.
    guard_int(|| unsafe { crate::modules::select::as_fd(o) })
}
