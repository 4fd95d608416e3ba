//! The String conversion and formatting chapter: `PyOS_double_to_string`,
//! `PyOS_string_to_double` and the `Py_DTSF_*` / `Py_DTST_*` constants,
//! `PyOS_strtoul` / `PyOS_strtol`, and `PyOS_mystricmp` /
//! `PyOS_mystrnicmp`. (`PyOS_snprintf` lives with the variadic shims.)
#![allow(non_upper_case_globals)]
use crate::capi::boundary::guard;
use crate::ffi::*;
use crate::object::float_repr::{self, Flags, ParseFloatErrorKind};
use crate::runtime::errors;
use libc::{c_char, c_int};
use std::ffi::CStr;
use std::ptr::null_mut;

/// `Py_DTSF_SIGN`: always emit a sign.
pub const Py_DTSF_SIGN: c_int = 0x01;
/// `Py_DTSF_ADD_DOT_0`: append `.0` to a result that looks like an integer.
pub const Py_DTSF_ADD_DOT_0: c_int = 0x02;
/// `Py_DTSF_ALT`: the `#` alternate form.
pub const Py_DTSF_ALT: c_int = 0x04;
/// `Py_DTSF_NO_NEG_0`: negative zero is shown as zero.
pub const Py_DTSF_NO_NEG_0: c_int = 0x08;
/// `Py_DTST_FINITE`: the formatted value was finite.
pub const Py_DTST_FINITE: c_int = 0;
/// `Py_DTST_INFINITE`: the formatted value was an infinity.
pub const Py_DTST_INFINITE: c_int = 1;
/// `Py_DTST_NAN`: the formatted value was a NaN.
pub const Py_DTST_NAN: c_int = 2;

/// `PyOS_double_to_string`: formats `val` with `format_code` (`e E f F g
/// G`, or `r` with precision 0) into a `PyMem_Malloc`'d string the caller
/// frees with `PyMem_Free`; `*ptype` (if not NULL) receives a `Py_DTST_*`.
/// Another code, or `r` with a nonzero precision, is `SystemError`.
#[no_mangle]
pub unsafe extern "C" fn PyOS_double_to_string(
    val: f64,
    format_code: c_char,
    precision: c_int,
    flags: c_int,
    ptype: *mut c_int,
) -> *mut c_char {
    guard(|| {
        let code = format_code as u8 as char;
        let valid = match code {
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => true,
            'r' => precision == 0,
            _ => false,
        };
        if !valid {
            errors::bad_internal_call();
            return null_mut();
        }
        let (text, kind) = float_repr::double_to_string(
            val,
            code,
            precision.max(0) as usize,
            Flags::from_bits(flags),
        );
        // SAFETY: PyMem_Malloc returns NULL or room for len + 1 bytes;
        // ptype is NULL or writable.
        unsafe {
            let p = crate::capi::memory::PyMem_Malloc(text.len() + 1).cast::<c_char>();
            if p.is_null() {
                errors::no_memory();
                return null_mut();
            }
            std::ptr::copy_nonoverlapping(text.as_ptr(), p.cast(), text.len());
            *p.add(text.len()) = 0;
            if !ptype.is_null() {
                *ptype = kind.as_dtst();
            }
            p
        }
    })
}

/// `PyOS_string_to_double`: parses a float literal at `s` (no leading
/// whitespace, no underscores). With `endptr` NULL the whole string must
/// parse; otherwise `*endptr` receives the end of the longest valid prefix
/// (`s` itself, with `ValueError`, when there is none). On overflow the
/// result is `±inf`, or `-1.0` with `overflow_exception` raised when that
/// is not NULL.
#[no_mangle]
pub unsafe extern "C" fn PyOS_string_to_double(
    s: *const c_char,
    endptr: *mut *mut c_char,
    overflow_exception: *mut PyObject,
) -> f64 {
    crate::null_check!(s);
    guard(|| {
        // SAFETY: s is a NUL-terminated string; endptr NULL or writable;
        // overflow_exception NULL or an exception class.
        unsafe {
            let bytes = CStr::from_ptr(s).to_bytes();
            if endptr.is_null() {
                return match float_repr::string_to_double(bytes, !overflow_exception.is_null()) {
                    Ok(v) => v,
                    Err(e) if e.kind == ParseFloatErrorKind::Overflow => {
                        errors::set_string(overflow_exception, &e.message);
                        -1.0
                    }
                    Err(e) => {
                        errors::value_error(e.message);
                        -1.0
                    }
                };
            }
            match float_repr::string_to_double_prefix(bytes) {
                Err(e) => {
                    *endptr = s.cast_mut();
                    errors::value_error(e.message);
                    -1.0
                }
                Ok(p) => {
                    *endptr = s.add(p.consumed).cast_mut();
                    if p.overflow && !overflow_exception.is_null() {
                        let shown = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]);
                        errors::set_string(
                            overflow_exception,
                            &format!("value too large to convert to float: '{shown}'"),
                        );
                        return -1.0;
                    }
                    p.value
                }
            }
        }
    })
}

/// The value of an ASCII digit or letter as a digit (`0`-`9`, then `a`/`A`
/// = 10 up to `z`/`Z` = 35); 37 for anything else, so that it is never
/// below a base (`_PyLong_DigitValue`).
fn digit_value(c: u8) -> u32 {
    match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        b'a'..=b'z' => u32::from(c - b'a') + 10,
        b'A'..=b'Z' => u32::from(c - b'A') + 10,
        _ => 37,
    }
}

/// `Py_ISSPACE`: the six ASCII white-space characters.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

/// Sets the C `errno`.
fn set_errno(value: c_int) {
    // SAFETY: errno is the calling thread's own.
    unsafe { *libc::__errno_location() = value };
}

/// `PyOS_strtoul`: the unsigned number at the start of `s` (after ASCII
/// white space) in `base` (2-36, or 0: a `0x`/`0o`/`0b` prefix picks it,
/// else 10; base 16, 8 and 2 also skip their own prefix). `*end`, when
/// `end` is not NULL, points after the digits read. No digits give 0; a
/// leading 0 in base 0 that starts no prefix reads the zeros only.
/// Overflow sets `errno` to `ERANGE` and returns `ULONG_MAX`. Unlike C's
/// `strtoul` there is no sign and no locale.
#[no_mangle]
pub unsafe extern "C" fn PyOS_strtoul(
    s: *const c_char,
    end: *mut *mut c_char,
    base: c_int,
) -> libc::c_ulong {
    // SAFETY: s is a NUL-terminated string; end NULL or writable.
    unsafe {
        let at = |i: usize| *s.add(i) as u8;
        let finish = |i: usize, value: libc::c_ulong| {
            if !end.is_null() {
                *end = s.add(i).cast_mut();
            }
            value
        };
        let mut i = 0;
        while is_space(at(i)) {
            i += 1;
        }
        let mut base = base as u32;
        if at(i) == b'0' {
            let prefix_base = match at(i + 1) {
                b'x' | b'X' if base == 0 || base == 16 => 16,
                b'o' | b'O' if base == 0 || base == 8 => 8,
                b'b' | b'B' if base == 0 || base == 2 => 2,
                _ => 0,
            };
            if prefix_base != 0 {
                // A prefix needs at least one digit after it.
                if digit_value(at(i + 2)) >= prefix_base {
                    return finish(i + 1, 0);
                }
                i += 2;
                base = prefix_base;
            } else if base == 0 {
                i += 1;
                while at(i) == b'0' {
                    i += 1;
                }
                while is_space(at(i)) {
                    i += 1;
                }
                return finish(i, 0);
            }
        } else if base == 0 {
            base = 10;
        }
        if !(2..=36).contains(&base) {
            return finish(i, 0);
        }
        let mut value: libc::c_ulong = 0;
        let mut overflowed = false;
        loop {
            let d = digit_value(at(i));
            if d >= base {
                break;
            }
            match value
                .checked_mul(libc::c_ulong::from(base))
                .and_then(|v| v.checked_add(libc::c_ulong::from(d)))
            {
                Some(v) => value = v,
                None => overflowed = true,
            }
            i += 1;
        }
        if overflowed {
            set_errno(libc::ERANGE);
            return finish(i, libc::c_ulong::MAX);
        }
        finish(i, value)
    }
}

/// `PyOS_strtol`: `PyOS_strtoul` after an optional sign. A value out of
/// range sets `errno` to `ERANGE` and returns `LONG_MAX` (also for large
/// negative numbers, as CPython does, except exactly `LONG_MIN`).
#[no_mangle]
pub unsafe extern "C" fn PyOS_strtol(
    s: *const c_char,
    end: *mut *mut c_char,
    base: c_int,
) -> libc::c_long {
    // SAFETY: s is a NUL-terminated string; end NULL or writable.
    unsafe {
        let mut p = s;
        while is_space(*p as u8) {
            p = p.add(1);
        }
        let sign = *p as u8;
        if sign == b'+' || sign == b'-' {
            p = p.add(1);
        }
        let magnitude = PyOS_strtoul(p, end, base);
        if let Ok(v) = libc::c_long::try_from(magnitude) {
            if sign == b'-' {
                -v
            } else {
                v
            }
        } else if sign == b'-' && magnitude == libc::c_long::MIN.unsigned_abs() {
            libc::c_long::MIN
        } else {
            set_errno(libc::ERANGE);
            libc::c_long::MAX
        }
    }
}

/// `PyOS_mystricmp` (`PyOS_stricmp`): compares two strings ignoring ASCII
/// case; the difference of the first lowered bytes that differ.
#[no_mangle]
pub unsafe extern "C" fn PyOS_mystricmp(a: *const c_char, b: *const c_char) -> c_int {
    // SAFETY: both are NUL-terminated strings.
    unsafe { PyOS_mystrnicmp(a, b, Py_ssize_t::MAX) }
}

/// `PyOS_mystrnicmp` (`PyOS_strnicmp`): `PyOS_mystricmp` over at most
/// `size` bytes; 0 for a size of 0 (a negative size compares the first
/// byte, as CPython's loop does).
#[no_mangle]
pub unsafe extern "C" fn PyOS_mystrnicmp(
    a: *const c_char,
    b: *const c_char,
    size: Py_ssize_t,
) -> c_int {
    if size == 0 {
        return 0;
    }
    // SAFETY: both are NUL-terminated strings (read up to the first NUL
    // or `size` bytes).
    unsafe {
        let mut i = 0;
        loop {
            let x = (*a.add(i) as u8).to_ascii_lowercase();
            let y = (*b.add(i) as u8).to_ascii_lowercase();
            if x != y || x == 0 || (i as Py_ssize_t) + 1 >= size {
                return c_int::from(x) - c_int::from(y);
            }
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_bits_match_the_formatter() {
        assert_eq!(Py_DTSF_SIGN, float_repr::PY_DTSF_SIGN);
        assert_eq!(Py_DTSF_ADD_DOT_0, float_repr::PY_DTSF_ADD_DOT_0);
        assert_eq!(Py_DTSF_ALT, float_repr::PY_DTSF_ALT);
        assert_eq!(Py_DTSF_NO_NEG_0, float_repr::PY_DTSF_NO_NEG_0);
    }
}
