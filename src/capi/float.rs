//! The Floating-Point Objects chapter: `PyFloat_*`, including the IEEE
//! pack/unpack helpers (`PyFloat_Pack2/4/8`, `PyFloat_Unpack2/4/8`).
use crate::capi::boundary::{guard, guard_int, guard_obj};
use crate::ffi::*;
use crate::object::{float, int, tuple};
use crate::runtime::errors;
use libc::{c_char, c_int};

/// `PyFloat_FromDouble`.
#[no_mangle]
pub extern "C" fn PyFloat_FromDouble(v: f64) -> *mut PyObject {
    guard_obj(|| float::from_f64(v))
}

/// `PyFloat_FromString`: parses a str or bytes object as `float()` does.
#[no_mangle]
pub unsafe extern "C" fn PyFloat_FromString(s: *mut PyObject) -> *mut PyObject {
    crate::null_check!(s);
    // SAFETY: s is a valid object.
    guard_obj(|| unsafe { float::from_string(s) })
}

/// `PyFloat_AsDouble`: a float's value, else `__float__`, else
/// `__index__`; -1.0 with an exception on failure.
#[no_mangle]
pub unsafe extern "C" fn PyFloat_AsDouble(op: *mut PyObject) -> f64 {
    // SAFETY: op is NULL or a valid object.
    if !op.is_null() && unsafe { float::check_exact(op) } {
        // SAFETY: op is a float.
        return unsafe { float::value(op) };
    }
    if op.is_null() {
        // CPython answers NULL with PyErr_BadArgument.
        errors::type_error("bad argument type for built-in operation");
        return -1.0;
    }
    // SAFETY: op is a valid object.
    guard_int(|| unsafe { float::as_f64(op) })
}

/// `PyFloat_GetMax`: `DBL_MAX`.
#[no_mangle]
pub extern "C" fn PyFloat_GetMax() -> f64 {
    f64::MAX
}

/// `PyFloat_GetMin`: `DBL_MIN` (the smallest normal double).
#[no_mangle]
pub extern "C" fn PyFloat_GetMin() -> f64 {
    f64::MIN_POSITIVE
}

/// `PyFloat_GetInfo`: the fields of `sys.float_info` in its order (max,
/// max_exp, max_10_exp, min, min_exp, min_10_exp, dig, mant_dig, epsilon,
/// radix, rounds). Deliberate difference until struct sequences exist: a
/// plain tuple rather than the `sys.float_info` struct sequence.
#[no_mangle]
pub extern "C" fn PyFloat_GetInfo() -> *mut PyObject {
    guard_obj(|| {
        let items = vec![
            float::from_f64(f64::MAX)?,
            int::from_i64(f64::MAX_EXP as i64)?,
            int::from_i64(f64::MAX_10_EXP as i64)?,
            float::from_f64(f64::MIN_POSITIVE)?,
            int::from_i64(f64::MIN_EXP as i64)?,
            int::from_i64(f64::MIN_10_EXP as i64)?,
            int::from_i64(f64::DIGITS as i64)?,
            int::from_i64(f64::MANTISSA_DIGITS as i64)?,
            float::from_f64(f64::EPSILON)?,
            int::from_i64(f64::RADIX as i64)?,
            int::from_i64(1)?,
        ];
        tuple::from_vec(items)
    })
}

/// Writes `bytes` (most significant first) to `p`, reversed when `le`.
unsafe fn write_ordered(p: *mut c_char, bytes: &[u8], le: c_int) {
    // SAFETY: the caller gives room for bytes.len() bytes at p.
    unsafe {
        for (i, &b) in bytes.iter().enumerate() {
            let at = if le != 0 { bytes.len() - 1 - i } else { i };
            *p.add(at).cast::<u8>() = b;
        }
    }
}

/// Reads `N` bytes from `p` into most-significant-first order.
unsafe fn read_ordered<const N: usize>(p: *const c_char, le: c_int) -> [u8; N] {
    let mut out = [0u8; N];
    // SAFETY: the caller guarantees N readable bytes at p.
    unsafe {
        for (i, b) in out.iter_mut().enumerate() {
            let at = if le != 0 { N - 1 - i } else { i };
            *b = *p.add(at).cast::<u8>();
        }
    }
    out
}

/// The IEEE half-precision bits of `x`, rounded half-even; `None` when it
/// is too large.
pub fn to_half_bits(x: f64) -> Option<u16> {
    let sign = x.is_sign_negative() as u16;
    if x.is_nan() {
        return Some((sign << 15) | (0x1f << 10) | 512);
    }
    if x.is_infinite() {
        return Some((sign << 15) | (0x1f << 10));
    }
    if x == 0.0 {
        return Some(sign << 15);
    }
    let ax = x.abs();
    if ax >= 65536.0 {
        return None;
    }
    if ax < 2f64.powi(-25) {
        return Some(sign << 15);
    }
    // ax = f * 2**e with 1 <= f < 2.
    let mut e = ax.log2().floor() as i32;
    if ax < 2f64.powi(e) {
        e -= 1;
    } else if ax >= 2f64.powi(e + 1) {
        e += 1;
    }
    let mut f = ax / 2f64.powi(e);
    if e < -14 {
        f *= 2f64.powi(14 + e);
        e = 0;
    } else {
        e += 15;
        f -= 1.0;
    }
    f *= 1024.0;
    let mut bits = f as u16;
    let rest = f - bits as f64;
    if rest > 0.5 || (rest == 0.5 && bits % 2 == 1) {
        bits += 1;
        if bits == 1024 {
            bits = 0;
            e += 1;
            if e == 31 {
                return None;
            }
        }
    }
    Some(bits | ((e as u16) << 10) | (sign << 15))
}

/// The double for IEEE half-precision bits.
pub fn from_half_bits(bits: u16) -> f64 {
    let negative = bits & 0x8000 != 0;
    let e = ((bits >> 10) & 0x1f) as i32;
    let f = (bits & 0x3ff) as f64;
    let x = if e == 0x1f {
        if f == 0.0 {
            f64::INFINITY
        } else {
            f64::NAN
        }
    } else if e == 0 {
        f / 1024.0 * 2f64.powi(-14)
    } else {
        (1.0 + f / 1024.0) * 2f64.powi(e - 15)
    };
    if negative {
        -x
    } else {
        x
    }
}

/// `PyFloat_Pack2`: IEEE 754 half precision (2 bytes at `p`).
#[no_mangle]
pub unsafe extern "C" fn PyFloat_Pack2(x: f64, p: *mut c_char, le: c_int) -> c_int {
    guard(|| match to_half_bits(x) {
        // SAFETY: the caller gives 2 writable bytes at p.
        Some(bits) => unsafe {
            write_ordered(p, &bits.to_be_bytes(), le);
            0
        },
        None => {
            errors::overflow_error("float too large to pack with e format");
            -1
        }
    })
}

/// `PyFloat_Pack4`: IEEE 754 single precision (4 bytes at `p`).
#[no_mangle]
pub unsafe extern "C" fn PyFloat_Pack4(x: f64, p: *mut c_char, le: c_int) -> c_int {
    guard(|| {
        let y = x as f32;
        if y.is_infinite() && !x.is_infinite() {
            errors::overflow_error("float too large to pack with f format");
            return -1;
        }
        // SAFETY: the caller gives 4 writable bytes at p.
        unsafe { write_ordered(p, &y.to_be_bytes(), le) };
        0
    })
}

/// `PyFloat_Pack8`: IEEE 754 double precision (8 bytes at `p`).
#[no_mangle]
pub unsafe extern "C" fn PyFloat_Pack8(x: f64, p: *mut c_char, le: c_int) -> c_int {
    // SAFETY: the caller gives 8 writable bytes at p.
    guard(|| unsafe {
        write_ordered(p, &x.to_be_bytes(), le);
        0
    })
}

/// `PyFloat_Unpack2`: the double for 2 bytes of IEEE half precision.
#[no_mangle]
pub unsafe extern "C" fn PyFloat_Unpack2(p: *const c_char, le: c_int) -> f64 {
    // SAFETY: the caller gives 2 readable bytes at p.
    from_half_bits(u16::from_be_bytes(unsafe { read_ordered::<2>(p, le) }))
}

/// `PyFloat_Unpack4`: the double for 4 bytes of IEEE single precision.
#[no_mangle]
pub unsafe extern "C" fn PyFloat_Unpack4(p: *const c_char, le: c_int) -> f64 {
    // SAFETY: the caller gives 4 readable bytes at p.
    f32::from_be_bytes(unsafe { read_ordered::<4>(p, le) }) as f64
}

/// `PyFloat_Unpack8`: the double for 8 bytes of IEEE double precision.
#[no_mangle]
pub unsafe extern "C" fn PyFloat_Unpack8(p: *const c_char, le: c_int) -> f64 {
    // SAFETY: the caller gives 8 readable bytes at p.
    f64::from_be_bytes(unsafe { read_ordered::<8>(p, le) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_precision_round_trips_and_rounds_half_even() {
        assert_eq!(to_half_bits(1.0), Some(0x3c00));
        assert_eq!(to_half_bits(-2.0), Some(0xc000));
        assert_eq!(to_half_bits(65504.0), Some(0x7bff));
        assert_eq!(to_half_bits(65520.0), None);
        assert_eq!(to_half_bits(5.960464477539063e-08), Some(1));
        assert_eq!(to_half_bits(2.9802322387695312e-08), Some(0));
        assert_eq!(to_half_bits(1.0 + 2f64.powi(-11)), Some(0x3c00));
        assert_eq!(to_half_bits(1.0 + 3.0 * 2f64.powi(-11)), Some(0x3c02));
        for bits in [0x0001u16, 0x03ff, 0x0400, 0x3555, 0x7bff, 0x8001, 0xfbff] {
            assert_eq!(to_half_bits(from_half_bits(bits)), Some(bits));
        }
    }

    #[test]
    fn every_half_value_round_trips_and_midpoints_go_to_even() {
        for bits in 0u16..0x7c00 {
            let x = from_half_bits(bits);
            assert_eq!(to_half_bits(x), Some(bits), "{bits:#x}");
            assert_eq!(to_half_bits(-x), Some(bits | 0x8000), "-{bits:#x}");
            if bits + 1 < 0x7c00 {
                let mid = (x + from_half_bits(bits + 1)) / 2.0;
                let even = if bits % 2 == 0 { bits } else { bits + 1 };
                assert_eq!(to_half_bits(mid), Some(even), "mid {bits:#x}");
                assert_eq!(to_half_bits(mid * (1.0 + 1e-12)), Some(bits + 1));
            }
        }
    }
}
