//! The locale conversions of `Include/cpython/fileutils.h`:
//! `Py_DecodeLocale` and `Py_EncodeLocale`. Ferrython's locale encoding
//! is UTF-8; bytes that do not decode are kept as lone surrogates
//! U+DC80..U+DCFF ("surrogateescape") and encoded back to the same bytes.
use crate::capi::memory::{PyMem_Malloc, PyMem_RawMalloc};
use libc::{c_char, wchar_t};
use std::ffi::CStr;

/// `arg` decoded as UTF-8 with "surrogateescape": each byte that does not
/// start a valid sequence becomes U+DC00 + byte.
pub(crate) fn decode_surrogateescape(arg: &[u8]) -> Vec<wchar_t> {
    let mut out = Vec::with_capacity(arg.len() + 1);
    let mut rest = arg;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.extend(s.chars().map(|c| c as wchar_t));
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                // SAFETY: from_utf8 checked the first valid_up_to bytes.
                let s = unsafe { std::str::from_utf8_unchecked(good) };
                out.extend(s.chars().map(|c| c as wchar_t));
                let n = e.error_len().unwrap_or(bad.len());
                out.extend(bad[..n].iter().map(|&b| 0xdc00 + b as wchar_t));
                rest = &bad[n..];
            }
        }
    }
    out
}

/// `chars` encoded as UTF-8 with "surrogateescape" (the inverse of
/// [`decode_surrogateescape`]): U+DC80..U+DCFF become the bytes they
/// escape; the index of a character that cannot be encoded (another
/// surrogate, a value beyond U+10FFFF) on failure.
pub(crate) fn encode_surrogateescape(chars: &[wchar_t]) -> Result<Vec<u8>, usize> {
    let mut out = Vec::with_capacity(chars.len() + 1);
    for (i, &c) in chars.iter().enumerate() {
        let c = c as u32;
        if (0xdc80..=0xdcff).contains(&c) {
            out.push((c - 0xdc00) as u8);
            continue;
        }
        let ch = char::from_u32(c).ok_or(i)?;
        let mut buf = [0u8; 4];
        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
    }
    Ok(out)
}

/// `Py_DecodeLocale`: a `PyMem_RawMalloc` wide string (free with
/// `PyMem_RawFree`); `*size` is its length, or `(size_t)-1` when memory
/// runs out (NULL is returned).
#[no_mangle]
pub unsafe extern "C" fn Py_DecodeLocale(arg: *const c_char, size: *mut usize) -> *mut wchar_t {
    if arg.is_null() {
        if !size.is_null() {
            // SAFETY: size is writable.
            unsafe { *size = usize::MAX - 1 };
        }
        return std::ptr::null_mut();
    }
    // SAFETY: arg is a C string.
    let mut w = decode_surrogateescape(unsafe { CStr::from_ptr(arg) }.to_bytes());
    let len = w.len();
    w.push(0);
    // SAFETY: plain allocation of w.len() wide characters.
    let p = unsafe { PyMem_RawMalloc(w.len() * size_of::<wchar_t>()) }.cast::<wchar_t>();
    // SAFETY: p, when not NULL, has room for w; size is NULL or writable.
    unsafe {
        if !p.is_null() {
            std::ptr::copy_nonoverlapping(w.as_ptr(), p, w.len());
        }
        if !size.is_null() {
            *size = if p.is_null() { usize::MAX } else { len };
        }
    }
    p
}

/// `Py_EncodeLocale`: a `PyMem_Malloc` byte string (free with
/// `PyMem_Free`); U+DC80..U+DCFF become the bytes they escape. NULL for a
/// character that cannot be encoded (another surrogate, a value beyond
/// U+10FFFF), with `*error_pos` its index; `*error_pos` is `(size_t)-1`
/// on success.
#[no_mangle]
pub unsafe extern "C" fn Py_EncodeLocale(
    text: *const wchar_t,
    error_pos: *mut usize,
) -> *mut c_char {
    let set_pos = |v: usize| {
        if !error_pos.is_null() {
            // SAFETY: error_pos is writable.
            unsafe { *error_pos = v };
        }
    };
    if text.is_null() {
        return std::ptr::null_mut();
    }
    // SAFETY: text is a NUL-terminated wide string.
    let chars = unsafe { std::slice::from_raw_parts(text, libc::wcslen(text)) };
    let mut out = match encode_surrogateescape(chars) {
        Ok(out) => out,
        Err(i) => {
            set_pos(i);
            return std::ptr::null_mut();
        }
    };
    out.push(0);
    // SAFETY: plain allocation of out.len() bytes.
    let p = unsafe { PyMem_Malloc(out.len()) }.cast::<c_char>();
    if p.is_null() {
        set_pos(usize::MAX);
        return p;
    }
    // SAFETY: p has room for out.
    unsafe { std::ptr::copy_nonoverlapping(out.as_ptr().cast(), p, out.len()) };
    set_pos(usize::MAX);
    p
}
