//! The Unicode Objects and Codecs chapter: `PyUnicode_*` and
//! `PyUnicodeWriter_*`. Thin exports over `object::str`, `str_methods`,
//! `str_format` and `codecs_core`.
use crate::capi::boundary::{guard, guard_int, guard_obj, guard_status};
use crate::capi::exceptions::PyErr_BadArgument;
use crate::ffi::*;
use crate::object::codecs_core::{self as cc, Codec};
use crate::object::refcount::*;
use crate::object::str::{self as pystr, from_ucs4, to_ucs4};
use crate::object::str_methods as sm;
use crate::object::typeobj::type_name;
use crate::object::unicode_props::{self as up, Case};
use crate::object::{bytes, protocol};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_char, c_int, c_void, wchar_t};
use std::ffi::CStr;
use std::ptr::{null, null_mut};

/// Raises `TypeError("bad argument type for built-in operation")` unless
/// `op` is a str.
unsafe fn need_str(op: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is non-NULL.
    if unsafe { pystr::check(op) } {
        Ok(())
    } else {
        PyErr_BadArgument();
        Err(errors::Raised::assume())
    }
}

/// `TypeError("must be str, not T")` unless `op` is a str
/// (CPython's `ensure_unicode`).
unsafe fn ensure_str(op: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is non-NULL.
    unsafe {
        if pystr::check(op) {
            Ok(())
        } else {
            Err(errors::type_error(format!(
                "must be str, not {}",
                type_name(op)
            )))
        }
    }
}

/// An optional C string argument (NULL is None); must be UTF-8.
unsafe fn opt_cstr<'a>(p: *const c_char) -> PyResult<Option<&'a str>> {
    if p.is_null() {
        return Ok(None);
    }
    // SAFETY: p is NUL-terminated.
    match unsafe { CStr::from_ptr(p) }.to_str() {
        Ok(s) => Ok(Some(s)),
        Err(_) => Err(errors::value_error("argument is not valid UTF-8")),
    }
}

/// A byte buffer from C (`size` bytes, NULL allowed when size is 0).
unsafe fn byte_slice<'a>(s: *const c_char, size: Py_ssize_t) -> &'a [u8] {
    if s.is_null() || size <= 0 {
        return &[];
    }
    // SAFETY: the caller passes size readable bytes.
    unsafe { std::slice::from_raw_parts(s.cast(), size as usize) }
}

/// Whether a string may be modified in place (fresh, unshared, unhashed).
unsafe fn modifiable(op: *mut PyObject) -> bool {
    // SAFETY: op is a str.
    unsafe {
        let a = op.cast::<PyASCIIObject>();
        (*op).ob_refcnt == 1 && (*a).hash == -1 && (*a).state & 3 == 0
    }
}

// ---------------------------------------------------------------------
// Creation

/// `PyUnicode_New`: an uninitialized string of `size` characters up to
/// `maxchar`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_New(size: Py_ssize_t, maxchar: u32) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: new_uninit returns a fresh string.
        unsafe {
            if size == 0 {
                return pystr::from_str("");
            }
            Ok(Owned::from_raw_unchecked(pystr::new_uninit(size, maxchar)?))
        }
    })
}

/// `PyUnicode_FromKindAndData`: a string from 1-, 2- or 4-byte units.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromKindAndData(
    kind: c_int,
    buffer: *const c_void,
    size: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        if size < 0 {
            return Err(errors::value_error("size must be positive"));
        }
        if size > 0 && buffer.is_null() {
            return Err(errors::bad_internal_call());
        }
        let n = size as usize;
        // SAFETY: buffer holds size units of the given kind.
        unsafe {
            let v: Vec<u32> = match kind {
                1 => std::slice::from_raw_parts(buffer as *const u8, n)
                    .iter()
                    .map(|&c| c as u32)
                    .collect(),
                2 => std::slice::from_raw_parts(buffer as *const u16, n)
                    .iter()
                    .map(|&c| c as u32)
                    .collect(),
                4 => {
                    let s = std::slice::from_raw_parts(buffer as *const u32, n);
                    let maxc = s.iter().copied().max().unwrap_or(0);
                    return Ok(Owned::from_raw_unchecked({
                        let op = pystr::new_uninit(size, maxc)?;
                        for (i, &c) in s.iter().enumerate() {
                            write_char(op, i, c);
                        }
                        op
                    }));
                }
                _ => return Err(errors::system_error("invalid kind")),
            };
            from_ucs4(&v)
        }
    })
}

/// `PyUnicode_FromStringAndSize`: decodes `size` bytes of UTF-8.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromStringAndSize(
    s: *const c_char,
    size: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        if size < 0 {
            return Err(errors::system_error(
                "Negative size passed to PyUnicode_FromStringAndSize",
            ));
        }
        if s.is_null() && size != 0 {
            return Err(errors::system_error(
                "NULL string with positive size with NULL passed to PyUnicode_FromStringAndSize",
            ));
        }
        // SAFETY: s holds size bytes.
        pystr::from_utf8(unsafe { byte_slice(s, size) })
    })
}

/// `PyUnicode_FromString`: decodes UTF-8.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromString(s: *const c_char) -> *mut PyObject {
    crate::null_check!(s);
    // SAFETY: s is a C string.
    guard_obj(|| unsafe { pystr::from_cstr(s) })
}

/// `PyUnicode_FromWideChar`: from `size` wchar_t (UTF-32 here); -1 means
/// NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromWideChar(
    w: *const wchar_t,
    size: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        if w.is_null() && size != 0 {
            return Err(errors::bad_internal_call());
        }
        // SAFETY: w holds size units, or is NUL-terminated when size is -1.
        unsafe {
            let n = if size == -1 {
                libc::wcslen(w)
            } else {
                size.max(0) as usize
            };
            let units: &[wchar_t] = if n == 0 {
                &[]
            } else {
                std::slice::from_raw_parts(w, n)
            };
            let mut v = Vec::with_capacity(n);
            for &u in units {
                let c = u as u32;
                if c > 0x10ffff {
                    return Err(errors::value_error(format!(
                        "character U+{c:x} is not in range [U+0000; U+10ffff]"
                    )));
                }
                v.push(c);
            }
            from_ucs4(&v)
        }
    })
}

/// `PyUnicode_FromOrdinal`: the one-character string `chr(ordinal)`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromOrdinal(ordinal: c_int) -> *mut PyObject {
    guard_obj(|| {
        if !(0..0x110000).contains(&ordinal) {
            return Err(errors::value_error("chr() arg not in range(0x110000)"));
        }
        pystr::char_str(ordinal as u32)
    })
}

/// `PyUnicode_FromObject`: an exact str with the same value.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromObject(obj: *mut PyObject) -> *mut PyObject {
    crate::null_check!(obj);
    guard_obj(|| {
        // SAFETY: obj valid.
        unsafe {
            if pystr::check_exact(obj) {
                return Ok(Owned::from_borrowed(obj));
            }
            if pystr::check(obj) {
                return pystr::copy_exact(obj);
            }
            Err(errors::type_error(format!(
                "Can't convert '{}' object to str implicitly",
                type_name(obj)
            )))
        }
    })
}

/// `PyUnicode_FromEncodedObject`: decodes a bytes-like object.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromEncodedObject(
    obj: *mut PyObject,
    encoding: *const c_char,
    errs: *const c_char,
) -> *mut PyObject {
    crate::null_check!(obj);
    guard_obj(|| {
        // SAFETY: obj valid; C strings NUL-terminated or NULL.
        unsafe {
            if bytes::check(obj) && bytes::as_slice(obj).is_empty() {
                return pystr::from_str("");
            }
            pystr::decode_object(obj, opt_cstr(encoding)?, opt_cstr(errs)?)
        }
    })
}

// ---------------------------------------------------------------------
// Reading and writing characters

/// `PyUnicode_GetLength`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_GetLength(op: *mut PyObject) -> Py_ssize_t {
    crate::null_check!(op);
    guard_int(|| {
        // SAFETY: op non-NULL.
        unsafe {
            need_str(op)?;
            Ok(pystr::len(op))
        }
    })
}

/// `PyUnicode_ReadChar`: the code point at `index`, `(Py_UCS4)-1` on error.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_ReadChar(op: *mut PyObject, index: Py_ssize_t) -> u32 {
    crate::null_check!(op);
    guard_int(|| {
        // SAFETY: op non-NULL.
        unsafe {
            need_str(op)?;
            if index < 0 || index >= pystr::len(op) {
                return Err(errors::index_error("string index out of range"));
            }
            Ok(pystr::read_char(op, index as usize))
        }
    })
}

/// `PyUnicode_WriteChar`: stores a character into a fresh string.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_WriteChar(
    op: *mut PyObject,
    index: Py_ssize_t,
    ch: u32,
) -> c_int {
    crate::null_check!(op);
    guard_status(|| {
        // SAFETY: op non-NULL; index checked; the kind holds ch.
        unsafe {
            if !pystr::check(op) {
                return Err(errors::bad_internal_call());
            }
            if index < 0 || index >= pystr::len(op) {
                return Err(errors::index_error("string index out of range"));
            }
            if !modifiable(op) {
                return Err(errors::system_error(
                    "Cannot modify a string currently used",
                ));
            }
            if ch > pystr::max_char(op) {
                return Err(errors::value_error("character out of range"));
            }
            write_char(op, index as usize, ch);
            Ok(())
        }
    })
}

unsafe fn write_char(op: *mut PyObject, i: usize, ch: u32) {
    // SAFETY: i < len and ch fits the kind.
    unsafe {
        let d = pystr::data(op);
        match pystr::kind(op) {
            1 => *d.add(i) = ch as u8,
            2 => *(d as *mut u16).add(i) = ch as u16,
            _ => *(d as *mut u32).add(i) = ch,
        }
    }
}

/// `PyUnicode_Substring`: `str[start:end]`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Substring(
    op: *mut PyObject,
    start: Py_ssize_t,
    end: Py_ssize_t,
) -> *mut PyObject {
    crate::null_check!(op);
    guard_obj(|| {
        // SAFETY: op non-NULL.
        unsafe {
            need_str(op)?;
            if start < 0 || end < 0 {
                return Err(errors::index_error("string index out of range"));
            }
            let len = pystr::len(op);
            let end = end.min(len);
            if start >= len || end < start {
                return pystr::from_str("");
            }
            pystr::substring(op, start as usize, end as usize)
        }
    })
}

fn kind_name(op: *mut PyObject) -> &'static str {
    // SAFETY: op is a str.
    unsafe {
        if pystr::is_ascii(op) {
            return "ascii";
        }
        match pystr::kind(op) {
            1 => "latin1",
            2 => "UCS2",
            _ => "UCS4",
        }
    }
}

/// `PyUnicode_CopyCharacters`: copies characters between strings; returns
/// how many were copied.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_CopyCharacters(
    to: *mut PyObject,
    to_start: Py_ssize_t,
    from: *mut PyObject,
    from_start: Py_ssize_t,
    how_many: Py_ssize_t,
) -> Py_ssize_t {
    crate::null_check!(to, from);
    guard_int(|| {
        // SAFETY: both non-NULL; ranges checked below.
        unsafe {
            if !pystr::check(to) || !pystr::check(from) {
                return Err(errors::bad_internal_call());
            }
            let (tl, fl) = (pystr::len(to), pystr::len(from));
            if from_start < 0 || from_start > fl || to_start < 0 || to_start > tl {
                return Err(errors::index_error("string index out of range"));
            }
            if how_many < 0 {
                return Err(errors::system_error("how_many cannot be negative"));
            }
            let n = how_many.min(fl - from_start).min(tl - to_start);
            if n == 0 {
                return Ok(0);
            }
            if !modifiable(to) {
                return Err(errors::system_error(
                    "Cannot modify a string currently used",
                ));
            }
            let maxc = pystr::max_char(to);
            let chars: Vec<u32> = (0..n as usize)
                .map(|k| pystr::read_char(from, from_start as usize + k))
                .collect();
            if chars.iter().any(|&c| c > maxc) {
                return Err(errors::system_error(format!(
                    "Cannot copy {} characters into a string of {} characters",
                    kind_name(from),
                    kind_name(to)
                )));
            }
            for (k, &c) in chars.iter().enumerate() {
                write_char(to, to_start as usize + k, c);
            }
            Ok(n)
        }
    })
}

/// `PyUnicode_Fill`: writes `fill_char` over `length` characters.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Fill(
    op: *mut PyObject,
    start: Py_ssize_t,
    length: Py_ssize_t,
    fill_char: u32,
) -> Py_ssize_t {
    crate::null_check!(op);
    guard_int(|| {
        // SAFETY: op non-NULL; range clipped.
        unsafe {
            if !pystr::check(op) {
                return Err(errors::bad_internal_call());
            }
            if !modifiable(op) {
                return Err(errors::system_error(
                    "Cannot modify a string currently used",
                ));
            }
            if start < 0 {
                return Err(errors::index_error("string index out of range"));
            }
            if fill_char > pystr::max_char(op) {
                return Err(errors::value_error(
                    "fill character is bigger than the string maximum character",
                ));
            }
            let len = pystr::len(op);
            let n = length.min(len - start).max(0);
            for k in 0..n {
                write_char(op, (start + k) as usize, fill_char);
            }
            Ok(n)
        }
    })
}

/// `PyUnicode_AsUCS4`: copies into `buffer` (NUL-terminated if asked).
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsUCS4(
    op: *mut PyObject,
    buffer: *mut u32,
    buflen: Py_ssize_t,
    copy_null: c_int,
) -> *mut u32 {
    crate::null_check!(op);
    guard(|| {
        // SAFETY: op non-NULL; buffer holds buflen units.
        unsafe {
            if need_str(op).is_err() {
                return null_mut();
            }
            if buffer.is_null() || buflen < 0 {
                errors::bad_internal_call();
                return null_mut();
            }
            let v = to_ucs4(op);
            let need = v.len() as Py_ssize_t + (copy_null != 0) as Py_ssize_t;
            if buflen < need {
                errors::system_error("string is longer than the buffer");
                if copy_null != 0 && buflen > 0 {
                    *buffer.add(buflen as usize - 1) = 0;
                }
                return null_mut();
            }
            std::ptr::copy_nonoverlapping(v.as_ptr(), buffer, v.len());
            if copy_null != 0 {
                *buffer.add(v.len()) = 0;
            }
            buffer
        }
    })
}

/// `PyUnicode_AsUCS4Copy`: a `PyMem_Malloc`ed NUL-terminated copy.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsUCS4Copy(op: *mut PyObject) -> *mut u32 {
    crate::null_check!(op);
    guard(|| {
        // SAFETY: op non-NULL; the buffer has len + 1 units.
        unsafe {
            if need_str(op).is_err() {
                return null_mut();
            }
            let v = to_ucs4(op);
            let p = crate::capi::memory::PyMem_Malloc((v.len() + 1) * 4) as *mut u32;
            if p.is_null() {
                errors::no_memory();
                return null_mut();
            }
            std::ptr::copy_nonoverlapping(v.as_ptr(), p, v.len());
            *p.add(v.len()) = 0;
            p
        }
    })
}

/// `PyUnicode_AsWideChar`: copies at most `size` wchar_t; returns the
/// number copied without the NUL, or the size needed when `w` is NULL.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsWideChar(
    op: *mut PyObject,
    w: *mut wchar_t,
    size: Py_ssize_t,
) -> Py_ssize_t {
    crate::null_check!(op);
    guard_int(|| {
        // SAFETY: op non-NULL; w holds size units.
        unsafe {
            need_str(op)?;
            let v = to_ucs4(op);
            let len = v.len() as Py_ssize_t;
            if w.is_null() {
                return Ok(len + 1);
            }
            let (copy, res) = if size > len {
                (len + 1, len)
            } else {
                (size, size)
            };
            for k in 0..copy.max(0) as usize {
                *w.add(k) = v.get(k).copied().unwrap_or(0) as wchar_t;
            }
            Ok(res)
        }
    })
}

/// `PyUnicode_AsWideCharString`: a `PyMem_Malloc`ed NUL-terminated copy;
/// with `size` NULL an embedded NUL is an error.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsWideCharString(
    op: *mut PyObject,
    size: *mut Py_ssize_t,
) -> *mut wchar_t {
    crate::null_check!(op);
    guard(|| {
        // SAFETY: op non-NULL.
        unsafe {
            if need_str(op).is_err() {
                return null_mut();
            }
            let v = to_ucs4(op);
            if size.is_null() && v.contains(&0) {
                errors::value_error("embedded null character");
                return null_mut();
            }
            let p =
                crate::capi::memory::PyMem_Malloc((v.len() + 1) * std::mem::size_of::<wchar_t>())
                    as *mut wchar_t;
            if p.is_null() {
                errors::no_memory();
                return null_mut();
            }
            for (k, &c) in v.iter().enumerate() {
                *p.add(k) = c as wchar_t;
            }
            *p.add(v.len()) = 0;
            if !size.is_null() {
                *size = v.len() as Py_ssize_t;
            }
            p
        }
    })
}

/// `PyUnicode_AsUTF8AndSize`: the cached UTF-8 form; `size` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsUTF8AndSize(
    op: *mut PyObject,
    size: *mut Py_ssize_t,
) -> *const c_char {
    if op.is_null() {
        errors::bad_internal_call();
        if !size.is_null() {
            // SAFETY: size is writable.
            unsafe { *size = -1 };
        }
        return null();
    }
    guard(|| {
        // SAFETY: op non-NULL.
        unsafe {
            let r = need_str(op).and_then(|_| pystr::as_str(op));
            match r {
                Ok(s) => {
                    if !size.is_null() {
                        *size = s.len() as Py_ssize_t;
                    }
                    s.as_ptr().cast()
                }
                Err(_) => {
                    if !size.is_null() {
                        *size = -1;
                    }
                    null()
                }
            }
        }
    })
}

/// `PyUnicode_AsUTF8`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsUTF8(op: *mut PyObject) -> *const c_char {
    // SAFETY: forwarded.
    unsafe { PyUnicode_AsUTF8AndSize(op, null_mut()) }
}

// ---------------------------------------------------------------------
// Codecs

unsafe fn encode_with(op: *mut PyObject, codec: Codec) -> *mut PyObject {
    crate::null_check!(op);
    guard_obj(|| {
        // SAFETY: op non-NULL.
        unsafe {
            need_str(op)?;
            cc::encode(op, codec, None)
        }
    })
}

/// `PyUnicode_AsUTF8String`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsUTF8String(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { encode_with(op, Codec::Utf8) }
}

/// `PyUnicode_AsASCIIString`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsASCIIString(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { encode_with(op, Codec::Ascii) }
}

/// `PyUnicode_AsLatin1String`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsLatin1String(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { encode_with(op, Codec::Latin1) }
}

/// `PyUnicode_AsUTF16String`: native order with a BOM.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsUTF16String(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { encode_with(op, Codec::Utf16(0)) }
}

/// `PyUnicode_AsUTF32String`: native order with a BOM.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsUTF32String(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { encode_with(op, Codec::Utf32(0)) }
}

/// `PyUnicode_AsEncodedString`: encodes with a named codec (only the
/// built-in codecs are available; others raise `LookupError`).
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsEncodedString(
    op: *mut PyObject,
    encoding: *const c_char,
    errs: *const c_char,
) -> *mut PyObject {
    crate::null_check!(op);
    guard_obj(|| {
        // SAFETY: op non-NULL; C strings NUL-terminated or NULL.
        unsafe {
            need_str(op)?;
            pystr::encode(op, opt_cstr(encoding)?, opt_cstr(errs)?)
        }
    })
}

/// `PyUnicode_Decode`: decodes `size` bytes with a named codec.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Decode(
    s: *const c_char,
    size: Py_ssize_t,
    encoding: *const c_char,
    errs: *const c_char,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: s holds size bytes; C strings NUL-terminated or NULL.
        unsafe { pystr::decode(byte_slice(s, size), opt_cstr(encoding)?, opt_cstr(errs)?) }
    })
}

/// `PyUnicode_DecodeUTF8`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeUTF8(
    s: *const c_char,
    size: Py_ssize_t,
    errs: *const c_char,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { PyUnicode_DecodeUTF8Stateful(s, size, errs, null_mut()) }
}

/// `PyUnicode_DecodeUTF8Stateful`: with `consumed` non-NULL an incomplete
/// sequence at the end is left for the next call.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeUTF8Stateful(
    s: *const c_char,
    size: Py_ssize_t,
    errs: *const c_char,
    consumed: *mut Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: s holds size bytes; consumed writable or NULL.
        unsafe {
            let (r, n) = cc::decode_utf8(byte_slice(s, size), opt_cstr(errs)?, consumed.is_null())?;
            if !consumed.is_null() {
                *consumed = n as Py_ssize_t;
            }
            Ok(r)
        }
    })
}

/// `PyUnicode_DecodeASCII`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeASCII(
    s: *const c_char,
    size: Py_ssize_t,
    errs: *const c_char,
) -> *mut PyObject {
    // SAFETY: s holds size bytes.
    guard_obj(|| unsafe { cc::decode_ascii(byte_slice(s, size), opt_cstr(errs)?) })
}

/// `PyUnicode_DecodeLatin1`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeLatin1(
    s: *const c_char,
    size: Py_ssize_t,
    _errs: *const c_char,
) -> *mut PyObject {
    // SAFETY: s holds size bytes.
    guard_obj(|| cc::decode_latin1(unsafe { byte_slice(s, size) }))
}

type UtfDecoder = fn(&[u8], Option<&str>, &mut i32, bool) -> PyResult<(Owned, usize)>;

unsafe fn decode_utf_n(
    f: UtfDecoder,
    s: *const c_char,
    size: Py_ssize_t,
    errs: *const c_char,
    byteorder: *mut c_int,
    consumed: *mut Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: s holds size bytes; out pointers writable or NULL.
        unsafe {
            let mut bo = if byteorder.is_null() { 0 } else { *byteorder };
            let (r, n) = f(
                byte_slice(s, size),
                opt_cstr(errs)?,
                &mut bo,
                consumed.is_null(),
            )?;
            if !byteorder.is_null() {
                *byteorder = bo;
            }
            if !consumed.is_null() {
                *consumed = n as Py_ssize_t;
            }
            Ok(r)
        }
    })
}

/// `PyUnicode_DecodeUTF16`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeUTF16(
    s: *const c_char,
    size: Py_ssize_t,
    errs: *const c_char,
    byteorder: *mut c_int,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { decode_utf_n(cc::decode_utf16, s, size, errs, byteorder, null_mut()) }
}

/// `PyUnicode_DecodeUTF16Stateful`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeUTF16Stateful(
    s: *const c_char,
    size: Py_ssize_t,
    errs: *const c_char,
    byteorder: *mut c_int,
    consumed: *mut Py_ssize_t,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { decode_utf_n(cc::decode_utf16, s, size, errs, byteorder, consumed) }
}

/// `PyUnicode_DecodeUTF32`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeUTF32(
    s: *const c_char,
    size: Py_ssize_t,
    errs: *const c_char,
    byteorder: *mut c_int,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { decode_utf_n(cc::decode_utf32, s, size, errs, byteorder, null_mut()) }
}

/// `PyUnicode_DecodeUTF32Stateful`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeUTF32Stateful(
    s: *const c_char,
    size: Py_ssize_t,
    errs: *const c_char,
    byteorder: *mut c_int,
    consumed: *mut Py_ssize_t,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { decode_utf_n(cc::decode_utf32, s, size, errs, byteorder, consumed) }
}

/// `PyUnicode_DecodeUnicodeEscape` (`\\N{name}` escapes are not
/// supported: no name database).
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeUnicodeEscape(
    s: *const c_char,
    size: Py_ssize_t,
    errs: *const c_char,
) -> *mut PyObject {
    // SAFETY: s holds size bytes.
    guard_obj(|| unsafe { cc::decode_unicode_escape(byte_slice(s, size), opt_cstr(errs)?) })
}

/// `PyUnicode_DecodeRawUnicodeEscape`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeRawUnicodeEscape(
    s: *const c_char,
    size: Py_ssize_t,
    errs: *const c_char,
) -> *mut PyObject {
    // SAFETY: s holds size bytes.
    guard_obj(|| unsafe { cc::decode_raw_unicode_escape(byte_slice(s, size), opt_cstr(errs)?) })
}

/// `PyUnicode_AsUnicodeEscapeString`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsUnicodeEscapeString(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { encode_with(op, Codec::UnicodeEscape) }
}

/// `PyUnicode_AsRawUnicodeEscapeString`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsRawUnicodeEscapeString(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { encode_with(op, Codec::RawUnicodeEscape) }
}

/// `PyUnicode_DecodeFSDefaultAndSize`: decoded with the file-system
/// codec.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeFSDefaultAndSize(
    s: *const c_char,
    size: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: s holds size bytes.
        let data = unsafe { byte_slice(s, size) };
        crate::runtime::fs_codec::decode(data)
    })
}

/// `PyUnicode_DecodeFSDefault`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeFSDefault(s: *const c_char) -> *mut PyObject {
    crate::null_check!(s);
    // SAFETY: s is NUL-terminated.
    unsafe { PyUnicode_DecodeFSDefaultAndSize(s, libc::strlen(s) as Py_ssize_t) }
}

/// `PyUnicode_EncodeFSDefault`: encoded with the file-system codec.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_EncodeFSDefault(op: *mut PyObject) -> *mut PyObject {
    crate::null_check!(op);
    guard_obj(|| {
        // SAFETY: op non-NULL.
        unsafe {
            need_str(op)?;
            crate::runtime::fs_codec::encode(op)
        }
    })
}

/// The error handler of the locale functions: strict or surrogateescape.
unsafe fn locale_errors<'a>(errs: *const c_char) -> PyResult<&'a str> {
    // SAFETY: errs NUL-terminated or NULL.
    match unsafe { opt_cstr(errs)? } {
        None | Some("strict") => Ok("strict"),
        Some("surrogateescape") => Ok("surrogateescape"),
        Some(_) => Err(errors::value_error("unsupported error handler")),
    }
}

/// `PyUnicode_DecodeLocaleAndSize`: the locale encoding is UTF-8 here.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeLocaleAndSize(
    s: *const c_char,
    size: Py_ssize_t,
    errs: *const c_char,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: s holds size bytes.
        unsafe {
            let data = byte_slice(s, size);
            if data.contains(&0) {
                return Err(errors::value_error("embedded null byte"));
            }
            cc::decode_utf8(data, Some(locale_errors(errs)?), true).map(|r| r.0)
        }
    })
}

/// `PyUnicode_DecodeLocale`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeLocale(
    s: *const c_char,
    errs: *const c_char,
) -> *mut PyObject {
    crate::null_check!(s);
    // SAFETY: s is NUL-terminated.
    unsafe { PyUnicode_DecodeLocaleAndSize(s, libc::strlen(s) as Py_ssize_t, errs) }
}

/// `PyUnicode_EncodeLocale`: UTF-8 (the locale encoding here).
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_EncodeLocale(
    op: *mut PyObject,
    errs: *const c_char,
) -> *mut PyObject {
    crate::null_check!(op);
    guard_obj(|| {
        // SAFETY: op non-NULL.
        unsafe {
            need_str(op)?;
            if to_ucs4(op).contains(&0) {
                return Err(errors::value_error("embedded null character"));
            }
            cc::encode(op, Codec::Utf8, Some(locale_errors(errs)?))
        }
    })
}

const PY_CLEANUP_SUPPORTED: c_int = 0x20000;

/// `PyUnicode_FSConverter`: str (encoded), bytes or `os.PathLike` to
/// bytes for `PyArg_Parse*` "O&"; 0 on error.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FSConverter(arg: *mut PyObject, result: *mut c_void) -> c_int {
    let out = result as *mut *mut PyObject;
    if arg.is_null() {
        // SAFETY: cleanup call: *out holds what we stored.
        unsafe {
            if !(*out).is_null() {
                decref(*out);
                *out = null_mut();
            }
        }
        return 1;
    }
    guard(|| {
        let r = || -> PyResult<c_int> {
            // SAFETY: arg valid; out writable.
            unsafe {
                *out = crate::runtime::fs_codec::fs_converter(arg)?.into_raw();
                Ok(PY_CLEANUP_SUPPORTED)
            }
        };
        r().unwrap_or(0)
    })
}

/// `PyUnicode_FSDecoder`: str, bytes (decoded) or `os.PathLike` to str;
/// 0 on error.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FSDecoder(arg: *mut PyObject, result: *mut c_void) -> c_int {
    let out = result as *mut *mut PyObject;
    if arg.is_null() {
        // SAFETY: cleanup call: *out holds what we stored.
        unsafe {
            if !(*out).is_null() {
                decref(*out);
                *out = null_mut();
            }
        }
        return 1;
    }
    guard(|| {
        let r = || -> PyResult<c_int> {
            // SAFETY: arg valid; out writable.
            unsafe {
                *out = crate::runtime::fs_codec::fs_decoder(arg)?.into_raw();
                Ok(PY_CLEANUP_SUPPORTED)
            }
        };
        r().unwrap_or(0)
    })
}

/// `PyUnicode_GetDefaultEncoding`: always "utf-8".
#[no_mangle]
pub extern "C" fn PyUnicode_GetDefaultEncoding() -> *const c_char {
    c"utf-8".as_ptr()
}

// ---------------------------------------------------------------------
// Methods and slots

/// `PyUnicode_Concat`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Concat(
    left: *mut PyObject,
    right: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(left, right);
    guard_obj(|| {
        // SAFETY: both non-NULL.
        unsafe {
            ensure_str(left)?;
            if !pystr::check(right) {
                return Err(errors::type_error(format!(
                    "can only concatenate str (not \"{}\") to str",
                    type_name(right)
                )));
            }
            pystr::concat(left, right)
        }
    })
}

/// `PyUnicode_Split`: `s.split(sep, maxsplit)` (sep NULL: whitespace).
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Split(
    s: *mut PyObject,
    sep: *mut PyObject,
    maxsplit: Py_ssize_t,
) -> *mut PyObject {
    crate::null_check!(s);
    guard_obj(|| {
        // SAFETY: s non-NULL; sep NULL or valid.
        unsafe {
            ensure_str(s)?;
            if !sep.is_null() {
                ensure_str(sep)?;
            }
            sm::split(s, sep, maxsplit, false)
        }
    })
}

/// `PyUnicode_RSplit`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_RSplit(
    s: *mut PyObject,
    sep: *mut PyObject,
    maxsplit: Py_ssize_t,
) -> *mut PyObject {
    crate::null_check!(s);
    guard_obj(|| {
        // SAFETY: s non-NULL; sep NULL or valid.
        unsafe {
            ensure_str(s)?;
            if !sep.is_null() {
                ensure_str(sep)?;
            }
            sm::split(s, sep, maxsplit, true)
        }
    })
}

/// `PyUnicode_Splitlines`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Splitlines(s: *mut PyObject, keepends: c_int) -> *mut PyObject {
    crate::null_check!(s);
    guard_obj(|| {
        // SAFETY: s non-NULL.
        unsafe {
            ensure_str(s)?;
            sm::splitlines(s, keepends != 0)
        }
    })
}

/// `PyUnicode_Join`: `separator.join(seq)`; a NULL separator is a space.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Join(
    separator: *mut PyObject,
    seq: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(seq);
    guard_obj(|| {
        // SAFETY: seq valid; separator NULL or valid.
        unsafe {
            let sep = if separator.is_null() {
                pystr::char_str(0x20)?
            } else {
                if !pystr::check(separator) {
                    return Err(errors::type_error(format!(
                        "separator: expected str instance, {} found",
                        type_name(separator)
                    )));
                }
                Owned::from_borrowed(separator)
            };
            sm::join(sep.as_ptr(), seq)
        }
    })
}

/// `PyUnicode_Partition`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Partition(
    s: *mut PyObject,
    sep: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(s, sep);
    guard_obj(|| {
        // SAFETY: both non-NULL.
        unsafe {
            ensure_str(s)?;
            sm::partition(s, sep, false)
        }
    })
}

/// `PyUnicode_RPartition`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_RPartition(
    s: *mut PyObject,
    sep: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(s, sep);
    guard_obj(|| {
        // SAFETY: both non-NULL.
        unsafe {
            ensure_str(s)?;
            sm::partition(s, sep, true)
        }
    })
}

/// `PyUnicode_Tailmatch`: 1 if `s[start:end]` starts (`direction` -1) or
/// ends (+1) with `sub`, else 0; -1 on error.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Tailmatch(
    s: *mut PyObject,
    sub: *mut PyObject,
    start: Py_ssize_t,
    end: Py_ssize_t,
    direction: c_int,
) -> Py_ssize_t {
    crate::null_check!(s, sub);
    guard_int(|| {
        // SAFETY: both non-NULL.
        unsafe {
            ensure_str(s)?;
            ensure_str(sub)?;
            Ok(sm::tailmatch(s, sub, start, end, direction > 0) as Py_ssize_t)
        }
    })
}

/// `PyUnicode_Find`: index of `sub` in `s[start:end]` searching forward
/// (`direction` > 0) or backward; -1 if absent, -2 on error.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Find(
    s: *mut PyObject,
    sub: *mut PyObject,
    start: Py_ssize_t,
    end: Py_ssize_t,
    direction: c_int,
) -> Py_ssize_t {
    if s.is_null() || sub.is_null() {
        errors::bad_internal_call();
        return -2;
    }
    guard(|| {
        // SAFETY: both non-NULL.
        unsafe {
            if ensure_str(s).is_err() || ensure_str(sub).is_err() {
                return -2;
            }
            sm::find_range(s, sub, start, end, direction > 0).map_or(-1, |i| i as Py_ssize_t)
        }
    })
}

/// `PyUnicode_FindChar`: index of `ch` in `s[start:end]`; -1 if absent,
/// -2 on error.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FindChar(
    s: *mut PyObject,
    ch: u32,
    start: Py_ssize_t,
    end: Py_ssize_t,
    direction: c_int,
) -> Py_ssize_t {
    if s.is_null() {
        errors::bad_internal_call();
        return -2;
    }
    guard(|| {
        // SAFETY: s non-NULL.
        unsafe {
            if !pystr::check(s) {
                PyErr_BadArgument();
                return -2;
            }
            let len = pystr::len(s);
            let end = end.min(len);
            if start < 0 || end < 0 {
                errors::index_error("string index out of range");
                return -2;
            }
            let mut range = start..end;
            let found = if direction > 0 {
                range.find(|&i| pystr::read_char(s, i as usize) == ch)
            } else {
                range.rfind(|&i| pystr::read_char(s, i as usize) == ch)
            };
            found.unwrap_or(-1)
        }
    })
}

/// `PyUnicode_Count`: non-overlapping occurrences of `sub` in
/// `s[start:end]`; -1 on error.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Count(
    s: *mut PyObject,
    sub: *mut PyObject,
    start: Py_ssize_t,
    end: Py_ssize_t,
) -> Py_ssize_t {
    crate::null_check!(s, sub);
    guard_int(|| {
        // SAFETY: both non-NULL.
        unsafe {
            ensure_str(s)?;
            ensure_str(sub)?;
            Ok(sm::count_range(s, sub, start, end) as Py_ssize_t)
        }
    })
}

/// `PyUnicode_Replace`: at most `maxcount` replacements (-1: all).
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Replace(
    s: *mut PyObject,
    sub: *mut PyObject,
    repl: *mut PyObject,
    maxcount: Py_ssize_t,
) -> *mut PyObject {
    crate::null_check!(s, sub, repl);
    guard_obj(|| {
        // SAFETY: all non-NULL.
        unsafe {
            ensure_str(s)?;
            ensure_str(sub)?;
            ensure_str(repl)?;
            sm::replace(s, sub, repl, maxcount)
        }
    })
}

/// `PyUnicode_Translate`: `str.translate(table)`. Unmapped characters
/// (`LookupError`) are kept; `errors` only matters for the codec-style
/// error cases CPython routes through it, which `str.translate` reports
/// as exceptions here too.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Translate(
    s: *mut PyObject,
    table: *mut PyObject,
    _errs: *const c_char,
) -> *mut PyObject {
    crate::null_check!(s, table);
    guard_obj(|| {
        // SAFETY: both non-NULL.
        unsafe {
            ensure_str(s)?;
            sm::translate(s, table)
        }
    })
}

/// `PyUnicode_Compare`: -1, 0 or 1; -1 with `TypeError` for non-strs.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Compare(left: *mut PyObject, right: *mut PyObject) -> c_int {
    crate::null_check!(left, right);
    guard_int(|| {
        // SAFETY: both non-NULL.
        unsafe {
            if pystr::check(left) && pystr::check(right) {
                return Ok(pystr::compare(left, right) as c_int);
            }
            Err(errors::type_error(format!(
                "Can't compare {} and {}",
                type_name(left),
                type_name(right)
            )))
        }
    })
}

/// `PyUnicode_CompareWithASCIIString`: compares with a Latin-1 C string;
/// never raises.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_CompareWithASCIIString(
    u: *mut PyObject,
    s: *const c_char,
) -> c_int {
    // SAFETY: u is a str; s NUL-terminated.
    unsafe {
        let b = CStr::from_ptr(s).to_bytes();
        let n = pystr::len(u) as usize;
        for (i, &c) in b.iter().enumerate() {
            if i >= n {
                return -1;
            }
            let x = pystr::read_char(u, i);
            if x != c as u32 {
                return if x < c as u32 { -1 } else { 1 };
            }
        }
        (n > b.len()) as c_int
    }
}

/// `PyUnicode_EqualToUTF8AndSize`: 1 if `u` equals the UTF-8 text, else 0
/// (also for non-strs and invalid UTF-8); never raises.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_EqualToUTF8AndSize(
    u: *mut PyObject,
    s: *const c_char,
    size: Py_ssize_t,
) -> c_int {
    // SAFETY: u valid; s holds size bytes.
    unsafe {
        if u.is_null() || !pystr::check(u) {
            return 0;
        }
        let want = byte_slice(s, size);
        if pystr::is_ascii(u) {
            return (pystr::data_bytes(u) == want) as c_int;
        }
        let Ok(text) = std::str::from_utf8(want) else {
            return 0;
        };
        let n = pystr::len(u) as usize;
        let mut i = 0;
        for ch in text.chars() {
            if i >= n || pystr::read_char(u, i) != ch as u32 {
                return 0;
            }
            i += 1;
        }
        (i == n) as c_int
    }
}

/// `PyUnicode_EqualToUTF8`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_EqualToUTF8(u: *mut PyObject, s: *const c_char) -> c_int {
    // SAFETY: s is NUL-terminated.
    unsafe { PyUnicode_EqualToUTF8AndSize(u, s, libc::strlen(s) as Py_ssize_t) }
}

/// `PyUnicode_Equal` (3.14): 1 if equal, 0 if not, -1 with `TypeError`
/// when an argument is not a str.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Equal(a: *mut PyObject, b: *mut PyObject) -> c_int {
    crate::null_check!(a, b);
    guard_int(|| {
        // SAFETY: both non-NULL.
        unsafe {
            for (o, which) in [(a, "first"), (b, "second")] {
                if !pystr::check(o) {
                    return Err(errors::type_error(format!(
                        "{which} argument must be str, not {}",
                        type_name(o)
                    )));
                }
            }
            Ok(pystr::eq(a, b) as c_int)
        }
    })
}

/// `PyUnicode_RichCompare`: `NotImplemented` unless both are strs.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_RichCompare(
    left: *mut PyObject,
    right: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    crate::null_check!(left, right);
    guard_obj(|| {
        // SAFETY: both non-NULL.
        unsafe {
            if !pystr::check(left) || !pystr::check(right) {
                return Ok(Owned::from_borrowed(crate::object::none::not_implemented()));
            }
            protocol::rich_compare(left, right, op)
        }
    })
}

/// `PyUnicode_Format`: `format % args`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Format(
    format: *mut PyObject,
    args: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(format, args);
    guard_obj(|| {
        // SAFETY: both non-NULL.
        unsafe {
            ensure_str(format)?;
            crate::object::str_format::percent_format(format, args)
        }
    })
}

/// `PyUnicode_Contains`: 1 if `element` is a substring of `container`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Contains(
    container: *mut PyObject,
    element: *mut PyObject,
) -> c_int {
    crate::null_check!(container, element);
    guard_int(|| {
        // SAFETY: both non-NULL.
        unsafe {
            if !pystr::check(element) {
                return Err(errors::type_error(format!(
                    "'in <string>' requires string as left operand, not {}",
                    type_name(element)
                )));
            }
            ensure_str(container)?;
            Ok(pystr::find(container, element).is_some() as c_int)
        }
    })
}

/// `PyUnicode_IsIdentifier`: 1 if the string is a valid identifier.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_IsIdentifier(s: *mut PyObject) -> c_int {
    crate::null_check!(s);
    guard_int(|| {
        // SAFETY: s non-NULL.
        unsafe {
            need_str(s)?;
            Ok(sm::str_is_identifier(s) as c_int)
        }
    })
}

// ---------------------------------------------------------------------
// Interning and in-place building

/// `PyUnicode_InternInPlace`: replaces `*p` by the interned equal string.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_InternInPlace(p: *mut *mut PyObject) {
    if p.is_null() {
        return;
    }
    guard(|| {
        // SAFETY: *p is a str the caller owns.
        unsafe {
            if (*p).is_null() || !pystr::check(*p) {
                return;
            }
            if pystr::intern_in_place(p).is_err() {
                errors::clear();
            }
        }
    })
}

/// `PyUnicode_InternImmortal` (deprecated): as `PyUnicode_InternInPlace`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_InternImmortal(p: *mut *mut PyObject) {
    // SAFETY: forwarded.
    unsafe { PyUnicode_InternInPlace(p) }
}

/// `PyUnicode_InternFromString`: a new reference to the interned string.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_InternFromString(s: *const c_char) -> *mut PyObject {
    crate::null_check!(s);
    guard_obj(|| {
        // SAFETY: s is NUL-terminated.
        unsafe {
            let o = pystr::from_cstr(s)?;
            let mut p = o.into_raw();
            pystr::intern_in_place(&mut p)?;
            Ok(Owned::from_raw_unchecked(p))
        }
    })
}

/// `PyUnicode_Resize`: resizes `*unicode`, replacing it by a new object
/// (new characters are NUL until written).
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Resize(
    unicode: *mut *mut PyObject,
    length: Py_ssize_t,
) -> c_int {
    if unicode.is_null() {
        errors::bad_internal_call();
        return -1;
    }
    guard_status(|| {
        // SAFETY: *unicode is a str the caller owns.
        unsafe {
            let u = *unicode;
            if u.is_null() || !pystr::check(u) || length < 0 {
                return Err(errors::bad_internal_call());
            }
            if length == pystr::len(u) {
                return Ok(());
            }
            // Shared strings are copied, as CPython's resize_copy does; a
            // fresh one is rebuilt the same way.
            let mut v = to_ucs4(u);
            v.resize(length as usize, 0);
            let maxc = v.iter().copied().max().unwrap_or(0).max(pystr::max_char(u));
            let r = pystr::from_code_points(v.iter().copied(), v.len(), maxc)?;
            decref(u);
            *unicode = r.into_raw();
            Ok(())
        }
    })
}

/// `PyUnicode_Append`: `*pleft += right`; on error `*pleft` becomes NULL.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Append(pleft: *mut *mut PyObject, right: *mut PyObject) {
    if pleft.is_null() {
        return;
    }
    guard(|| {
        // SAFETY: *pleft owned by the caller (or NULL); right valid or NULL.
        unsafe {
            let left = *pleft;
            if left.is_null() {
                return;
            }
            let r = if right.is_null() || !pystr::check(left) || !pystr::check(right) {
                if !right.is_null() && pystr::check(left) {
                    Err(errors::type_error(format!(
                        "can only concatenate str (not \"{}\") to str",
                        type_name(right)
                    )))
                } else {
                    Err(errors::bad_internal_call())
                }
            } else {
                pystr::concat(left, right)
            };
            decref(left);
            *pleft = r.map_or(null_mut(), Owned::into_raw);
        }
    })
}

/// `PyUnicode_AppendAndDel`: `PyUnicode_Append` then releases `right`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AppendAndDel(pleft: *mut *mut PyObject, right: *mut PyObject) {
    // SAFETY: forwarded; right is a reference the caller gives away.
    unsafe {
        PyUnicode_Append(pleft, right);
        if !right.is_null() {
            decref(right);
        }
    }
}

// ---------------------------------------------------------------------
// PyUnicodeWriter (3.14)

/// `PyUnicodeWriter`: an opaque string builder.
pub struct PyUnicodeWriter {
    buf: Vec<u32>,
}

/// `PyUnicodeWriter_Create`: a writer with room for `length` characters.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeWriter_Create(length: Py_ssize_t) -> *mut PyUnicodeWriter {
    guard(|| {
        if length < 0 {
            errors::value_error("length must be positive");
            return null_mut();
        }
        Box::into_raw(Box::new(PyUnicodeWriter {
            buf: Vec::with_capacity(length as usize),
        }))
    })
}

/// `PyUnicodeWriter_Discard`: frees a writer without a result.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeWriter_Discard(w: *mut PyUnicodeWriter) {
    if !w.is_null() {
        // SAFETY: w came from PyUnicodeWriter_Create.
        drop(unsafe { Box::from_raw(w) });
    }
}

/// `PyUnicodeWriter_Finish`: the built string; frees the writer.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeWriter_Finish(w: *mut PyUnicodeWriter) -> *mut PyObject {
    crate::null_check!(w);
    // SAFETY: w came from PyUnicodeWriter_Create.
    let w = unsafe { Box::from_raw(w) };
    guard_obj(|| from_ucs4(&w.buf))
}

unsafe fn writer<'a>(w: *mut PyUnicodeWriter) -> &'a mut PyUnicodeWriter {
    // SAFETY: w came from PyUnicodeWriter_Create and is not shared.
    unsafe { &mut *w }
}

/// `PyUnicodeWriter_WriteChar`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeWriter_WriteChar(w: *mut PyUnicodeWriter, ch: u32) -> c_int {
    crate::null_check!(w);
    guard_status(|| {
        if ch > 0x10ffff {
            return Err(errors::value_error("character must be in range(0x110000)"));
        }
        // SAFETY: w valid.
        unsafe { writer(w) }.buf.push(ch);
        Ok(())
    })
}

/// `PyUnicodeWriter_WriteUTF8`: strict UTF-8 (`size` -1: NUL-terminated).
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeWriter_WriteUTF8(
    w: *mut PyUnicodeWriter,
    s: *const c_char,
    size: Py_ssize_t,
) -> c_int {
    crate::null_check!(w);
    guard_status(|| {
        // SAFETY: s holds size bytes or is NUL-terminated.
        unsafe {
            let n = if size < 0 {
                libc::strlen(s) as Py_ssize_t
            } else {
                size
            };
            let (o, _) = cc::decode_utf8(byte_slice(s, n), None, true)?;
            writer(w).buf.extend(to_ucs4(o.as_ptr()));
            Ok(())
        }
    })
}

/// `PyUnicodeWriter_WriteASCII`: the bytes must be ASCII (not checked, as
/// in CPython).
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeWriter_WriteASCII(
    w: *mut PyUnicodeWriter,
    s: *const c_char,
    size: Py_ssize_t,
) -> c_int {
    crate::null_check!(w);
    guard_status(|| {
        // SAFETY: s holds size bytes or is NUL-terminated.
        unsafe {
            let n = if size < 0 {
                libc::strlen(s) as Py_ssize_t
            } else {
                size
            };
            writer(w)
                .buf
                .extend(byte_slice(s, n).iter().map(|&b| b as u32));
            Ok(())
        }
    })
}

/// `PyUnicodeWriter_WriteWideChar`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeWriter_WriteWideChar(
    w: *mut PyUnicodeWriter,
    s: *const wchar_t,
    size: Py_ssize_t,
) -> c_int {
    crate::null_check!(w);
    guard_status(|| {
        // SAFETY: s holds size units or is NUL-terminated.
        unsafe {
            let o = errors::check(PyUnicode_FromWideChar(s, size))?;
            writer(w).buf.extend(to_ucs4(o.as_ptr()));
            Ok(())
        }
    })
}

/// `PyUnicodeWriter_WriteUCS4`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeWriter_WriteUCS4(
    w: *mut PyUnicodeWriter,
    s: *const u32,
    size: Py_ssize_t,
) -> c_int {
    crate::null_check!(w);
    guard_status(|| {
        if size < 0 {
            return Err(errors::value_error("size must be positive"));
        }
        // SAFETY: s holds size units.
        unsafe {
            let src: &[u32] = if size == 0 {
                &[]
            } else {
                std::slice::from_raw_parts(s, size as usize)
            };
            if let Some(&c) = src.iter().find(|&&c| c > 0x10ffff) {
                return Err(errors::value_error(format!(
                    "character U+{c:x} is not in range [U+0000; U+10ffff]"
                )));
            }
            writer(w).buf.extend_from_slice(src);
            Ok(())
        }
    })
}

/// `PyUnicodeWriter_WriteStr`: writes `str(obj)`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeWriter_WriteStr(
    w: *mut PyUnicodeWriter,
    obj: *mut PyObject,
) -> c_int {
    crate::null_check!(w, obj);
    guard_status(|| {
        // SAFETY: both valid.
        unsafe {
            let s = protocol::str_(obj)?;
            writer(w).buf.extend(to_ucs4(s.as_ptr()));
            Ok(())
        }
    })
}

/// `PyUnicodeWriter_WriteRepr`: writes `repr(obj)`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeWriter_WriteRepr(
    w: *mut PyUnicodeWriter,
    obj: *mut PyObject,
) -> c_int {
    crate::null_check!(w, obj);
    guard_status(|| {
        // SAFETY: both valid.
        unsafe {
            let s = protocol::repr(obj)?;
            writer(w).buf.extend(to_ucs4(s.as_ptr()));
            Ok(())
        }
    })
}

/// `PyUnicodeWriter_WriteSubstring`: writes `s[start:end]`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeWriter_WriteSubstring(
    w: *mut PyUnicodeWriter,
    s: *mut PyObject,
    start: Py_ssize_t,
    end: Py_ssize_t,
) -> c_int {
    crate::null_check!(w, s);
    guard_status(|| {
        // SAFETY: both valid; range checked.
        unsafe {
            need_str(s)?;
            let len = pystr::len(s);
            if start < 0 || start > len || end < start || end > len {
                return Err(errors::value_error("invalid start argument"));
            }
            let b = writer(w);
            b.buf
                .extend((start..end).map(|i| pystr::read_char(s, i as usize)));
            Ok(())
        }
    })
}

/// `PyUnicodeWriter_DecodeUTF8Stateful`: decodes UTF-8 with an error
/// handler into the writer.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeWriter_DecodeUTF8Stateful(
    w: *mut PyUnicodeWriter,
    s: *const c_char,
    size: Py_ssize_t,
    errs: *const c_char,
    consumed: *mut Py_ssize_t,
) -> c_int {
    crate::null_check!(w);
    guard_status(|| {
        // SAFETY: s holds size bytes; consumed writable or NULL.
        unsafe {
            let n = if size < 0 {
                libc::strlen(s) as Py_ssize_t
            } else {
                size
            };
            let (o, used) = cc::decode_utf8(byte_slice(s, n), opt_cstr(errs)?, consumed.is_null())?;
            if !consumed.is_null() {
                *consumed = used as Py_ssize_t;
            }
            writer(w).buf.extend(to_ucs4(o.as_ptr()));
            Ok(())
        }
    })
}

// ---------------------------------------------------------------------
// Character properties (the functions behind the Py_UNICODE_IS*/TO* macros)

/// `_PyUnicode_IsWhitespace` (`Py_UNICODE_ISSPACE`).
#[no_mangle]
pub extern "C" fn _PyUnicode_IsWhitespace(ch: u32) -> c_int {
    up::is_space(ch) as c_int
}

/// `_PyUnicode_IsLinebreak` (`Py_UNICODE_ISLINEBREAK`).
#[no_mangle]
pub extern "C" fn _PyUnicode_IsLinebreak(ch: u32) -> c_int {
    up::is_linebreak(ch) as c_int
}

/// `_PyUnicode_IsLowercase` (`Py_UNICODE_ISLOWER`).
#[no_mangle]
pub extern "C" fn _PyUnicode_IsLowercase(ch: u32) -> c_int {
    up::is_lower(ch) as c_int
}

/// `_PyUnicode_IsUppercase` (`Py_UNICODE_ISUPPER`).
#[no_mangle]
pub extern "C" fn _PyUnicode_IsUppercase(ch: u32) -> c_int {
    up::is_upper(ch) as c_int
}

/// `_PyUnicode_IsTitlecase` (`Py_UNICODE_ISTITLE`).
#[no_mangle]
pub extern "C" fn _PyUnicode_IsTitlecase(ch: u32) -> c_int {
    up::is_title(ch) as c_int
}

/// `_PyUnicode_IsDecimalDigit` (`Py_UNICODE_ISDECIMAL`).
#[no_mangle]
pub extern "C" fn _PyUnicode_IsDecimalDigit(ch: u32) -> c_int {
    up::is_decimal(ch) as c_int
}

/// `_PyUnicode_IsDigit` (`Py_UNICODE_ISDIGIT`).
#[no_mangle]
pub extern "C" fn _PyUnicode_IsDigit(ch: u32) -> c_int {
    up::is_digit(ch) as c_int
}

/// `_PyUnicode_IsNumeric` (`Py_UNICODE_ISNUMERIC`).
#[no_mangle]
pub extern "C" fn _PyUnicode_IsNumeric(ch: u32) -> c_int {
    up::is_numeric(ch) as c_int
}

/// `_PyUnicode_IsPrintable` (`Py_UNICODE_ISPRINTABLE`).
#[no_mangle]
pub extern "C" fn _PyUnicode_IsPrintable(ch: u32) -> c_int {
    up::is_printable(ch) as c_int
}

/// `_PyUnicode_IsAlpha` (`Py_UNICODE_ISALPHA`).
#[no_mangle]
pub extern "C" fn _PyUnicode_IsAlpha(ch: u32) -> c_int {
    up::is_alpha(ch) as c_int
}

/// `_PyUnicode_ToLowercase` (`Py_UNICODE_TOLOWER`): the first character
/// of the full mapping, as CPython returns.
#[no_mangle]
pub extern "C" fn _PyUnicode_ToLowercase(ch: u32) -> u32 {
    up::simple_mapped(ch, Case::Lower)
}

/// `_PyUnicode_ToUppercase` (`Py_UNICODE_TOUPPER`).
#[no_mangle]
pub extern "C" fn _PyUnicode_ToUppercase(ch: u32) -> u32 {
    up::simple_mapped(ch, Case::Upper)
}

/// `_PyUnicode_ToTitlecase` (`Py_UNICODE_TOTITLE`).
#[no_mangle]
pub extern "C" fn _PyUnicode_ToTitlecase(ch: u32) -> u32 {
    up::simple_mapped(ch, Case::Title)
}

/// `_PyUnicode_ToDecimalDigit` (`Py_UNICODE_TODECIMAL`): -1 if none.
#[no_mangle]
pub extern "C" fn _PyUnicode_ToDecimalDigit(ch: u32) -> c_int {
    up::decimal_value(ch).map_or(-1, |d| d as c_int)
}

/// `_PyUnicode_ToDigit` (`Py_UNICODE_TODIGIT`): -1 if none.
#[no_mangle]
pub extern "C" fn _PyUnicode_ToDigit(ch: u32) -> c_int {
    up::digit_value(ch).map_or(-1, |d| d as c_int)
}

/// `_PyUnicode_ToNumeric` (`Py_UNICODE_TONUMERIC`): -1.0 if none.
#[no_mangle]
pub extern "C" fn _PyUnicode_ToNumeric(ch: u32) -> f64 {
    up::numeric_value(ch).unwrap_or(-1.0)
}

/// The part the deprecated `PyUnicode_As{De,En}coded*` functions share:
/// checks that `op` is a str, warns with `DeprecationWarning` `msg`, and
/// runs `op` through the codec registry (`encode` or decode) with
/// `encoding` (NULL: the default encoding, UTF-8).
unsafe fn deprecated_codec_call(
    op: *mut PyObject,
    encoding: *const c_char,
    errs: *const c_char,
    encode: bool,
    msg: &CStr,
) -> PyResult<(Owned, &'static str)> {
    // SAFETY: op valid; the C strings NUL-terminated or NULL.
    unsafe {
        need_str(op)?;
        if crate::capi::warnings::PyErr_WarnEx(
            crate::object::exceptions::PyExc_DeprecationWarning,
            msg.as_ptr(),
            1,
        ) < 0
        {
            return Err(errors::Raised::assume());
        }
        let encoding: &'static str = opt_cstr(encoding)?.unwrap_or("utf-8");
        let errs = opt_cstr(errs)?;
        let r = if encode {
            crate::modules::codecs::registry::encode(op, encoding, errs)?
        } else {
            crate::modules::codecs::registry::decode(op, encoding, errs)?
        };
        Ok((r, encoding))
    }
}

/// `PyUnicode_AsDecodedObject` (deprecated): `codecs.decode(op, encoding,
/// errors)` of a str, whatever type the codec returns.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsDecodedObject(
    op: *mut PyObject,
    encoding: *const c_char,
    errs: *const c_char,
) -> *mut PyObject {
    crate::null_check!(op);
    guard_obj(|| {
        // SAFETY: forwarded.
        unsafe {
            deprecated_codec_call(
                op,
                encoding,
                errs,
                false,
                c"PyUnicode_AsDecodedObject() is deprecated; use PyCodec_Decode() to decode from str",
            )
            .map(|r| r.0)
        }
    })
}

/// `PyUnicode_AsDecodedUnicode` (deprecated): `PyUnicode_AsDecodedObject`
/// whose result must be a str.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsDecodedUnicode(
    op: *mut PyObject,
    encoding: *const c_char,
    errs: *const c_char,
) -> *mut PyObject {
    crate::null_check!(op);
    guard_obj(|| {
        // SAFETY: forwarded.
        unsafe {
            let (r, encoding) = deprecated_codec_call(
                op,
                encoding,
                errs,
                false,
                c"PyUnicode_AsDecodedUnicode() is deprecated; use PyCodec_Decode() to decode from str to str",
            )?;
            if !pystr::check(r.as_ptr()) {
                // CPython names the argument's type here, not the result's.
                return Err(errors::type_error(format!(
                    "'{encoding}' decoder returned '{}' instead of 'str'; use codecs.decode() to decode to arbitrary types",
                    type_name(op)
                )));
            }
            Ok(r)
        }
    })
}

/// `PyUnicode_AsEncodedObject` (deprecated): `codecs.encode(op, encoding,
/// errors)` of a str, whatever type the codec returns.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsEncodedObject(
    op: *mut PyObject,
    encoding: *const c_char,
    errs: *const c_char,
) -> *mut PyObject {
    crate::null_check!(op);
    guard_obj(|| {
        // SAFETY: forwarded.
        unsafe {
            deprecated_codec_call(
                op,
                encoding,
                errs,
                true,
                c"PyUnicode_AsEncodedObject() is deprecated; use PyUnicode_AsEncodedString() to encode from str to bytes or PyCodec_Encode() for generic encoding",
            )
            .map(|r| r.0)
        }
    })
}

/// `PyUnicode_AsEncodedUnicode` (deprecated): `PyUnicode_AsEncodedObject`
/// whose result must be a str.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsEncodedUnicode(
    op: *mut PyObject,
    encoding: *const c_char,
    errs: *const c_char,
) -> *mut PyObject {
    crate::null_check!(op);
    guard_obj(|| {
        // SAFETY: forwarded.
        unsafe {
            let (r, encoding) = deprecated_codec_call(
                op,
                encoding,
                errs,
                true,
                c"PyUnicode_AsEncodedUnicode() is deprecated; use PyCodec_Encode() to encode from str to str",
            )?;
            if !pystr::check(r.as_ptr()) {
                return Err(errors::type_error(format!(
                    "'{encoding}' encoder returned '{}' instead of 'str'; use codecs.encode() to encode to arbitrary types",
                    type_name(r.as_ptr())
                )));
            }
            Ok(r)
        }
    })
}

/// `PyUnicode_GetSize`: removed in CPython 3.12 (it counted `wchar_t`
/// units) but kept in the stable ABI; it only raises `RuntimeError`.
#[no_mangle]
pub extern "C" fn PyUnicode_GetSize(_op: *mut PyObject) -> Py_ssize_t {
    errors::runtime_error("PyUnicode_GetSize has been removed.");
    -1
}

/// `PyUnicode_DecodeUTF7`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeUTF7(
    s: *const c_char,
    size: Py_ssize_t,
    errs: *const c_char,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { PyUnicode_DecodeUTF7Stateful(s, size, errs, null_mut()) }
}

/// `PyUnicode_DecodeUTF7Stateful`: with `consumed` non-NULL an unfinished
/// base64 run at the end is left for the next call.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeUTF7Stateful(
    s: *const c_char,
    size: Py_ssize_t,
    errs: *const c_char,
    consumed: *mut Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: s holds size bytes; consumed writable or NULL.
        unsafe {
            let (r, n) = crate::object::codecs_utf7::decode(
                byte_slice(s, size),
                opt_cstr(errs)?,
                consumed.is_null(),
            )?;
            if !consumed.is_null() {
                *consumed = n as Py_ssize_t;
            }
            Ok(r)
        }
    })
}

/// `PyUnicode_DecodeCharmap`: decodes each byte through `mapping` (a str
/// indexed by byte, or a mapping from byte values to code points, str or
/// None); a NULL mapping decodes Latin-1.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeCharmap(
    s: *const c_char,
    size: Py_ssize_t,
    mapping: *mut PyObject,
    errs: *const c_char,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: s holds size bytes; mapping valid or NULL.
        unsafe {
            let data = byte_slice(s, size);
            if mapping.is_null() {
                return cc::decode_latin1(data);
            }
            crate::modules::codecs::charmap::decode(data, opt_cstr(errs)?, mapping)
        }
    })
}

/// `PyUnicode_AsCharmapString`: encodes `op` through `mapping` (code point
/// to byte value, bytes or None), strictly.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsCharmapString(
    op: *mut PyObject,
    mapping: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op and mapping valid when non-NULL.
        unsafe {
            if op.is_null() || mapping.is_null() || !pystr::check(op) {
                PyErr_BadArgument();
                return Err(errors::Raised::assume());
            }
            crate::modules::codecs::charmap::encode(op, None, mapping)
        }
    })
}

/// `PyUnicode_BuildEncodingMap`: the `EncodingMap` (or, for tables it
/// cannot hold, the dict) reversing the first 256 characters of a decoding
/// table, for `PyUnicode_AsCharmapString`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_BuildEncodingMap(table: *mut PyObject) -> *mut PyObject {
    crate::null_check!(table);
    guard_obj(|| {
        // SAFETY: table valid.
        unsafe {
            need_str(table)?;
            crate::modules::codecs::encoding_map::build(table)
        }
    })
}
