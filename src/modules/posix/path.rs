//! Path arguments of the `posix` functions (`path_converter` in CPython's
//! `Modules/posixmodule.c`): str (encoded with the file-system codec),
//! bytes, or an `os.PathLike`; some functions also take an open file
//! descriptor. Names a function returns have the type of the path given.
use crate::ffi::*;
use crate::object::{bytes, int, number, protocol, str as pystr, typeobj};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::runtime::fs_codec;
use crate::Owned;
use libc::c_int;
use std::ffi::{CStr, CString};
use std::ptr::null_mut;

/// A converted path argument.
pub struct PathArg {
    /// The encoded path.
    pub c: CString,
    /// The path as str or bytes (an `os.PathLike`'s `__fspath__()`): the
    /// `filename` of an error, what audit hooks see.
    pub obj: Owned,
    /// Whether names derived from it are returned as bytes.
    pub bytes: bool,
}

impl PathArg {
    /// The path's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.c.as_bytes()
    }

    /// The `OSError` for the current `errno`, naming this path.
    pub fn error(&self) -> Raised {
        // SAFETY: obj is a valid object.
        unsafe { errors::os_error(errors::last_errno(), self.obj.as_ptr(), null_mut()) }
    }

    /// The `OSError` for the current `errno`, naming this path and `other`.
    pub fn error2(&self, other: &PathArg) -> Raised {
        // SAFETY: both objects valid.
        unsafe { errors::os_error(errors::last_errno(), self.obj.as_ptr(), other.obj.as_ptr()) }
    }

    /// A name produced from this path, as str or bytes like the path.
    pub fn name(&self, data: &[u8]) -> PyResult<Owned> {
        if self.bytes {
            bytes::from_slice(data)
        } else {
            fs_codec::decode(data)
        }
    }
}

/// What a path-or-descriptor argument named.
pub enum Target {
    Path(PathArg),
    Fd(c_int),
}

/// Converts a str/bytes value to a C string; `ValueError` on a NUL.
unsafe fn to_cstring(func: &str, argname: &str, v: *mut PyObject) -> PyResult<(CString, bool)> {
    // SAFETY: v is a str or bytes (caller contract).
    unsafe {
        let (data, is_bytes) = if pystr::check(v) {
            (fs_codec::encode(v)?, false)
        } else {
            (Owned::from_borrowed(v), true)
        };
        CString::new(bytes::as_slice(data.as_ptr()))
            .map(|c| (c, is_bytes))
            .map_err(|_| {
                errors::value_error(format!("{func}: embedded null character in {argname}"))
            })
    }
}

fn kinds(allow_fd: bool, allow_none: bool) -> &'static str {
    match (allow_fd, allow_none) {
        (true, true) => "string, bytes, os.PathLike, integer or None",
        (true, false) => "string, bytes, os.PathLike or integer",
        (false, true) => "string, bytes, os.PathLike or None",
        (false, false) => "string, bytes or os.PathLike",
    }
}

/// Converts `o` as parameter `argname` of `func`. An int is a file
/// descriptor when `allow_fd`.
pub unsafe fn target(
    func: &str,
    argname: &str,
    o: *mut PyObject,
    allow_fd: bool,
) -> PyResult<Target> {
    // SAFETY: forwarded.
    unsafe { target_impl(func, argname, o, allow_fd, false) }
}

/// [`target`] of a parameter that may also be None (the caller handles
/// None; only the error message differs).
pub unsafe fn nullable_target(func: &str, argname: &str, o: *mut PyObject) -> PyResult<Target> {
    // SAFETY: forwarded.
    unsafe { target_impl(func, argname, o, true, true) }
}

unsafe fn target_impl(
    func: &str,
    argname: &str,
    o: *mut PyObject,
    allow_fd: bool,
    allow_none: bool,
) -> PyResult<Target> {
    // SAFETY: o is a valid object.
    unsafe {
        if allow_fd && !pystr::check(o) && !bytes::check(o) && number::index_check(o) {
            crate::modules::select::warn_bool_fd(o)?;
            return Ok(Target::Fd(fd_value(o)?));
        }
        path_impl(func, argname, o, allow_fd, allow_none).map(Target::Path)
    }
}

/// Converts `o` as a path (no descriptor).
pub unsafe fn path(func: &str, argname: &str, o: *mut PyObject) -> PyResult<PathArg> {
    // SAFETY: forwarded.
    unsafe { path_impl(func, argname, o, false, false) }
}

/// Converts an optional path: `None`/absent gives `None`.
pub unsafe fn opt_path(
    func: &str,
    argname: &str,
    o: Option<*mut PyObject>,
) -> PyResult<Option<PathArg>> {
    match o {
        // SAFETY: p valid.
        Some(p) if p != crate::object::none::none() => unsafe {
            path_impl(func, argname, p, false, true).map(Some)
        },
        _ => Ok(None),
    }
}

unsafe fn path_impl(
    func: &str,
    argname: &str,
    o: *mut PyObject,
    allow_fd: bool,
    allow_none: bool,
) -> PyResult<PathArg> {
    // SAFETY: o is a valid object.
    unsafe {
        // A class can opt out of os.PathLike with `__fspath__ = None`.
        let fspath = typeobj::lookup_str((*o).ob_type, "__fspath__");
        let value = if pystr::check(o) || bytes::check(o) {
            Owned::from_borrowed(o)
        } else if !fspath.is_null() && fspath != crate::object::none::none() {
            let r = protocol::call_method_obj(o, "__fspath__", &[])?;
            if !pystr::check(r.as_ptr()) && !bytes::check(r.as_ptr()) {
                return Err(errors::type_error(format!(
                    "expected {}.__fspath__() to return str or bytes, not {}",
                    typeobj::name_of((*o).ob_type),
                    typeobj::type_name(r.as_ptr())
                )));
            }
            r
        } else {
            return Err(errors::type_error(format!(
                "{func}: {argname} should be {}, not {}",
                kinds(allow_fd, allow_none),
                typeobj::type_name(o)
            )));
        };
        let (c, is_bytes) = to_cstring(func, argname, value.as_ptr())?;
        Ok(PathArg {
            c,
            obj: value,
            bytes: is_bytes,
        })
    }
}

/// A file descriptor argument: an int in C `int` range.
pub unsafe fn fd_value(o: *mut PyObject) -> PyResult<c_int> {
    // SAFETY: o valid.
    unsafe {
        if crate::object::float::check(o) {
            return Err(errors::type_error(
                "'float' object cannot be interpreted as an integer",
            ));
        }
        let v = int::as_i64(number::index(o)?.as_ptr())?;
        c_int::try_from(v).map_err(|_| {
            errors::overflow_error(if v < 0 {
                "fd is less than minimum"
            } else {
                "fd is greater than maximum"
            })
        })
    }
}

/// The C string of a NUL-terminated buffer returned by libc.
pub unsafe fn cstr_bytes<'a>(p: *const libc::c_char) -> &'a [u8] {
    // SAFETY: p is a NUL-terminated string (caller contract).
    unsafe { CStr::from_ptr(p).to_bytes() }
}
