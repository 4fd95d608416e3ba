//! The Bytes Objects chapter: `PyBytes_*` (`PyBytes_FromFormat` and
//! `PyBytes_FromFormatV` are C shims in `variadic.c` over
//! `_Ferrython_BytesFromFormatArgs`).
use crate::capi::boundary::{guard, guard_int, guard_obj, guard_status};
use crate::capi::format::FerrythonVarArg;
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::type_name;
use crate::object::{bytes, str as pystr};
use crate::runtime::errors::{self, PyResult};
use libc::{c_char, c_int};
use std::ptr::null_mut;

/// The `TypeError` for a non-bytes argument: "expected bytes, T found".
unsafe fn expected_bytes(o: *mut PyObject) -> errors::Raised {
    // SAFETY: o valid.
    errors::type_error(format!("expected bytes, {} found", unsafe { type_name(o) }))
}

/// `PyBytes_FromStringAndSize`: `v` NULL gives `len` uninitialized bytes.
#[no_mangle]
pub unsafe extern "C" fn PyBytes_FromStringAndSize(
    v: *const c_char,
    len: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        if len < 0 {
            return Err(errors::system_error(
                "Negative size passed to PyBytes_FromStringAndSize",
            ));
        }
        if v.is_null() {
            if len == 0 {
                return Ok(crate::Owned::from_borrowed_static(bytes::empty()));
            }
            return bytes::new_uninit(len as usize);
        }
        // SAFETY: v points at len bytes.
        bytes::from_slice(unsafe { std::slice::from_raw_parts(v.cast(), len as usize) })
    })
}

/// `PyBytes_FromString`.
#[no_mangle]
pub unsafe extern "C" fn PyBytes_FromString(v: *const c_char) -> *mut PyObject {
    crate::null_check!(v);
    // SAFETY: v is a NUL-terminated string.
    guard_obj(|| bytes::from_slice(unsafe { std::ffi::CStr::from_ptr(v) }.to_bytes()))
}

/// `PyBytes_FromObject`.
#[no_mangle]
pub unsafe extern "C" fn PyBytes_FromObject(o: *mut PyObject) -> *mut PyObject {
    crate::null_check!(o);
    // SAFETY: o valid.
    guard_obj(|| unsafe { bytes::from_object(o) })
}

/// `PyBytes_Size`.
#[no_mangle]
pub unsafe extern "C" fn PyBytes_Size(o: *mut PyObject) -> Py_ssize_t {
    crate::null_check!(o);
    // SAFETY: o valid.
    guard_int(|| unsafe {
        if !bytes::check(o) {
            return Err(expected_bytes(o));
        }
        Ok(bytes::size(o))
    })
}

/// `PyBytes_AsString`: the internal buffer (NUL-terminated).
#[no_mangle]
pub unsafe extern "C" fn PyBytes_AsString(o: *mut PyObject) -> *mut c_char {
    crate::null_check!(o);
    // SAFETY: o valid.
    guard(|| unsafe {
        if !bytes::check(o) {
            expected_bytes(o);
            return null_mut();
        }
        bytes::as_mut_ptr(o).cast()
    })
}

/// `PyBytes_AsStringAndSize`: without `len`, embedded NULs raise
/// `ValueError`.
#[no_mangle]
pub unsafe extern "C" fn PyBytes_AsStringAndSize(
    o: *mut PyObject,
    buffer: *mut *mut c_char,
    len: *mut Py_ssize_t,
) -> c_int {
    crate::null_check!(o, buffer);
    guard_status(|| {
        // SAFETY: o valid; buffer (and len when given) writable.
        unsafe {
            if !bytes::check(o) {
                return Err(expected_bytes(o));
            }
            let data = bytes::as_slice(o);
            *buffer = bytes::as_mut_ptr(o).cast();
            if len.is_null() {
                if data.contains(&0) {
                    return Err(errors::value_error("embedded null byte"));
                }
            } else {
                *len = data.len() as Py_ssize_t;
            }
            Ok(())
        }
    })
}

/// `PyBytes_Concat`: `*bytes = *bytes + newpart`; on error `*bytes` is
/// released and set to NULL.
#[no_mangle]
pub unsafe extern "C" fn PyBytes_Concat(pv: *mut *mut PyObject, w: *mut PyObject) {
    if pv.is_null() {
        errors::bad_internal_call();
        return;
    }
    guard(|| {
        // SAFETY: *pv NULL or an owned reference; w NULL or valid.
        unsafe {
            let v = *pv;
            if v.is_null() {
                return;
            }
            if w.is_null() {
                *pv = null_mut();
                decref(v);
                return;
            }
            *pv = match bytes::concat(v, w) {
                Ok(r) => r.into_raw(),
                Err(_) => null_mut(),
            };
            decref(v);
        }
    })
}

/// `PyBytes_ConcatAndDel`: `PyBytes_Concat`, then releases `newpart`.
#[no_mangle]
pub unsafe extern "C" fn PyBytes_ConcatAndDel(pv: *mut *mut PyObject, w: *mut PyObject) {
    // SAFETY: as PyBytes_Concat; w is owned by the caller.
    unsafe {
        PyBytes_Concat(pv, w);
        xdecref(w);
    }
}

/// `PyBytes_Join(sep, iterable)` (3.14): `sep.join(iterable)`.
#[no_mangle]
pub unsafe extern "C" fn PyBytes_Join(
    sep: *mut PyObject,
    iterable: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(sep, iterable);
    // SAFETY: both valid.
    guard_obj(|| unsafe {
        if !bytes::check(sep) {
            return Err(expected_bytes(sep));
        }
        errors::check(crate::object::bytes_methods::b_join(sep, iterable))
    })
}

/// `_PyBytes_Resize`.
#[no_mangle]
pub unsafe extern "C" fn _PyBytes_Resize(pv: *mut *mut PyObject, newsize: Py_ssize_t) -> c_int {
    crate::null_check!(pv);
    // SAFETY: *pv is a bytes the caller owns.
    guard_status(|| unsafe { bytes::resize(pv, newsize) })
}

/// `PyBytes_DecodeEscape` is not provided; `PyBytes_Repr(o, smartquotes)`.
#[no_mangle]
pub unsafe extern "C" fn PyBytes_Repr(o: *mut PyObject, _smartquotes: c_int) -> *mut PyObject {
    crate::null_check!(o);
    // SAFETY: o valid.
    guard_obj(|| unsafe {
        if !bytes::check(o) {
            return Err(expected_bytes(o));
        }
        pystr::from_str(&crate::object::bytes_methods::repr_text(bytes::as_slice(o)))
    })
}

/// Formats per `PyBytes_FromFormatV`'s rules (`%c %d %i %u %x %s %p %%`
/// with `l`, `ll`, `z` sizes; an unknown conversion copies the rest of the
/// format as is).
unsafe fn format(fmt: &[u8], args: &[FerrythonVarArg]) -> PyResult<Vec<u8>> {
    let mut out = Vec::with_capacity(fmt.len() + 16);
    let mut next = args.iter();
    let mut take = || {
        next.next()
            .copied()
            .ok_or_else(|| errors::system_error("PyBytes_FromFormatV() got too few arguments"))
    };
    let mut i = 0;
    while i < fmt.len() {
        if fmt[i] != b'%' {
            out.push(fmt[i]);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        if fmt.get(i) == Some(&b'%') {
            out.push(b'%');
            i += 1;
            continue;
        }
        while i < fmt.len() && fmt[i].is_ascii_digit() {
            i += 1;
        }
        let mut prec: Option<usize> = None;
        if fmt.get(i) == Some(&b'.') {
            i += 1;
            let s = i;
            while i < fmt.len() && fmt[i].is_ascii_digit() {
                i += 1;
            }
            prec = std::str::from_utf8(&fmt[s..i])
                .ok()
                .and_then(|t| t.parse().ok());
        }
        let mut size = 0;
        while let Some(&m @ (b'l' | b'z')) = fmt.get(i) {
            size = if m == b'z' { 3 } else { size + 1 };
            i += 1;
        }
        let Some(&conv) = fmt.get(i) else {
            out.extend_from_slice(&fmt[start..]);
            break;
        };
        i += 1;
        match conv {
            b'c' => {
                let c = take()?.v as i64 as c_int;
                if !(0..=255).contains(&c) {
                    return Err(errors::overflow_error(
                        "PyBytes_FromFormatV(): %c format expects an integer in range [0; 255]",
                    ));
                }
                out.push(c as u8);
            }
            b'd' | b'i' => {
                let v = take()?.v as i64;
                let v = if size == 0 { v as i32 as i64 } else { v };
                out.extend_from_slice(v.to_string().as_bytes());
            }
            b'u' | b'x' => {
                let v = take()?.v;
                let v = if size == 0 { v as u32 as u64 } else { v };
                let t = if conv == b'u' {
                    v.to_string()
                } else {
                    format!("{v:x}")
                };
                out.extend_from_slice(t.as_bytes());
            }
            b's' => {
                let p = take()?.v as usize as *const c_char;
                // SAFETY: %s takes a NUL-terminated string.
                let s = unsafe { std::ffi::CStr::from_ptr(p) }.to_bytes();
                out.extend_from_slice(&s[..prec.map_or(s.len(), |n| n.min(s.len()))]);
            }
            b'p' => {
                let p = take()?.v;
                out.extend_from_slice(format!("{p:#x}").as_bytes());
            }
            _ => {
                out.extend_from_slice(&fmt[start..]);
                break;
            }
        }
    }
    Ok(out)
}

/// The Rust half of `PyBytes_FromFormatV`.
#[no_mangle]
pub unsafe extern "C" fn _Ferrython_BytesFromFormatArgs(
    fmt: *const c_char,
    args: *const FerrythonVarArg,
    n: usize,
) -> *mut PyObject {
    crate::null_check!(fmt);
    guard_obj(|| {
        // SAFETY: fmt is a C string; args holds n entries.
        unsafe {
            let items = if n == 0 {
                &[][..]
            } else {
                std::slice::from_raw_parts(args, n)
            };
            let text = format(std::ffi::CStr::from_ptr(fmt).to_bytes(), items)?;
            bytes::from_slice(&text)
        }
    })
}

/// `PyBytes_DecodeEscape`: the bytes that `len` bytes of bytes-literal
/// text at `s` stand for (`codecs.escape_decode`): `errors` is NULL /
/// "strict", "replace" or "ignore" for a bad `\x` escape; an unknown escape
/// warns (`DeprecationWarning`) and is kept. The last two arguments are
/// unused, as in CPython.
#[no_mangle]
pub unsafe extern "C" fn PyBytes_DecodeEscape(
    s: *const c_char,
    len: Py_ssize_t,
    errs: *const c_char,
    unicode: Py_ssize_t,
    recode_encoding: *const c_char,
) -> *mut PyObject {
    let _ = (unicode, recode_encoding);
    guard_obj(|| {
        // SAFETY: s holds len bytes; errs NUL-terminated or NULL.
        unsafe {
            let data = if s.is_null() || len <= 0 {
                &[][..]
            } else {
                std::slice::from_raw_parts(s.cast::<u8>(), len as usize)
            };
            let errs = (!errs.is_null()).then(|| std::ffi::CStr::from_ptr(errs).to_string_lossy());
            let out = crate::modules::codecs::charmap::unescape_bytes(data, errs.as_deref())?;
            bytes::from_slice(&out)
        }
    })
}
