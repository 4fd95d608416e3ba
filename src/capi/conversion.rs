//! The String conversion and formatting chapter, its float half:
//! `PyOS_double_to_string`, `PyOS_string_to_double` and the `Py_DTSF_*` /
//! `Py_DTST_*` constants. (`PyOS_snprintf` lives with the variadic shims.)
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
