//! The Complex Number Objects chapter: `PyComplex_*` and the `_Py_c_*`
//! arithmetic on `Py_complex` values (non-limited API), which report
//! failures through `errno` as CPython's do.
use crate::capi::boundary::{guard, guard_int, guard_obj, FailureValue};
use crate::ffi::*;
use crate::object::complex::{self, CError};

impl FailureValue for Py_complex {
    /// `PyComplex_AsCComplex`'s error value: `-1.0 + 0.0j`.
    fn failure() -> Self {
        Py_complex {
            real: -1.0,
            imag: 0.0,
        }
    }
}

/// Sets C `errno` for a failed `_Py_c_*` operation.
fn set_errno(e: CError) {
    // SAFETY: __errno_location returns this thread's errno.
    unsafe {
        *libc::__errno_location() = match e {
            CError::Domain => libc::EDOM,
            CError::Range => libc::ERANGE,
        }
    }
}

/// `_Py_c_sum`.
#[no_mangle]
pub extern "C" fn _Py_c_sum(a: Py_complex, b: Py_complex) -> Py_complex {
    complex::c_sum(a, b)
}

/// `_Py_c_diff`.
#[no_mangle]
pub extern "C" fn _Py_c_diff(a: Py_complex, b: Py_complex) -> Py_complex {
    complex::c_diff(a, b)
}

/// `_Py_c_neg`.
#[no_mangle]
pub extern "C" fn _Py_c_neg(a: Py_complex) -> Py_complex {
    complex::c_neg(a)
}

/// `_Py_c_prod`.
#[no_mangle]
pub extern "C" fn _Py_c_prod(a: Py_complex, b: Py_complex) -> Py_complex {
    complex::c_prod(a, b)
}

/// `_Py_c_quot`: a zero divisor gives `0j` with `errno = EDOM`.
#[no_mangle]
pub extern "C" fn _Py_c_quot(a: Py_complex, b: Py_complex) -> Py_complex {
    complex::c_quot(a, b).unwrap_or_else(|e| {
        set_errno(e);
        Py_complex {
            real: 0.0,
            imag: 0.0,
        }
    })
}

/// `_Py_c_pow`: zero to a negative or complex power gives `0j` with
/// `errno = EDOM`; an infinite result sets `errno = ERANGE`.
#[no_mangle]
pub extern "C" fn _Py_c_pow(a: Py_complex, b: Py_complex) -> Py_complex {
    match complex::c_pow_unchecked(a, b) {
        Ok(r) => {
            if let Err(e) = complex::adjust_range(r) {
                set_errno(e);
            }
            r
        }
        Err(e) => {
            set_errno(e);
            Py_complex {
                real: 0.0,
                imag: 0.0,
            }
        }
    }
}

/// `_Py_c_abs`: `hypot(z.real, z.imag)`; overflow sets `errno = ERANGE`.
#[no_mangle]
pub extern "C" fn _Py_c_abs(z: Py_complex) -> f64 {
    complex::c_abs(z).unwrap_or_else(|e| {
        set_errno(e);
        f64::INFINITY
    })
}

/// `PyComplex_FromCComplex`.
#[no_mangle]
pub extern "C" fn PyComplex_FromCComplex(c: Py_complex) -> *mut PyObject {
    guard_obj(|| complex::from_c(c))
}

/// `PyComplex_FromDoubles`.
#[no_mangle]
pub extern "C" fn PyComplex_FromDoubles(real: f64, imag: f64) -> *mut PyObject {
    guard_obj(|| complex::from_parts(real, imag))
}

/// `PyComplex_RealAsDouble`: the real part of a complex or of
/// `__complex__()`, else `PyFloat_AsDouble(op)`.
#[no_mangle]
pub unsafe extern "C" fn PyComplex_RealAsDouble(op: *mut PyObject) -> f64 {
    crate::null_check!(op);
    // SAFETY: op is a valid object.
    guard_int(|| unsafe { complex::as_c(op) }.map(|c| c.real))
}

/// `PyComplex_ImagAsDouble`: the imaginary part of a complex or of
/// `__complex__()`, else 0.0 for a real number (-1.0 with an error).
#[no_mangle]
pub unsafe extern "C" fn PyComplex_ImagAsDouble(op: *mut PyObject) -> f64 {
    crate::null_check!(op);
    // SAFETY: op is a valid object.
    guard_int(|| unsafe { complex::as_c(op) }.map(|c| c.imag))
}

/// `PyComplex_AsCComplex`: `-1.0+0.0j` with an exception on failure.
#[no_mangle]
pub unsafe extern "C" fn PyComplex_AsCComplex(op: *mut PyObject) -> Py_complex {
    crate::null_check!(op);
    // SAFETY: op is a valid object.
    guard(|| unsafe { complex::as_c(op) }.unwrap_or_else(|_| Py_complex::failure()))
}
