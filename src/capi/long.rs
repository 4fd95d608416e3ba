//! Integer objects (`PyLong_*`): conversions between `int` and C integers,
//! doubles, strings and native byte buffers; PEP 757's export/import of the
//! digit array. Error types and messages are CPython 3.13's.
use crate::capi::boundary::{guard, guard_int, guard_obj, guard_status};
use crate::ffi::*;
use crate::object::int;
use crate::object::int_arith::BigInt;
use crate::object::typeobj::type_name;
use crate::object::{number, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_char, c_double, c_int, c_long, c_longlong, c_ulong, c_ulonglong, c_void};
use std::ffi::CStr;

/// `Py_ASNATIVEBYTES_DEFAULTS`: native endianness, signed, no `__index__`.
pub const Py_ASNATIVEBYTES_DEFAULTS: c_int = -1;
/// `Py_ASNATIVEBYTES_BIG_ENDIAN`.
pub const Py_ASNATIVEBYTES_BIG_ENDIAN: c_int = 0;
/// `Py_ASNATIVEBYTES_LITTLE_ENDIAN`.
pub const Py_ASNATIVEBYTES_LITTLE_ENDIAN: c_int = 1;
/// `Py_ASNATIVEBYTES_NATIVE_ENDIAN`.
pub const Py_ASNATIVEBYTES_NATIVE_ENDIAN: c_int = 3;
/// `Py_ASNATIVEBYTES_UNSIGNED_BUFFER`.
pub const Py_ASNATIVEBYTES_UNSIGNED_BUFFER: c_int = 4;
/// `Py_ASNATIVEBYTES_REJECT_NEGATIVE`.
pub const Py_ASNATIVEBYTES_REJECT_NEGATIVE: c_int = 8;
/// `Py_ASNATIVEBYTES_ALLOW_INDEX`.
pub const Py_ASNATIVEBYTES_ALLOW_INDEX: c_int = 16;

/// `PyLongLayout` (PEP 757): how `PyLong_Export` lays out digits.
#[repr(C)]
pub struct PyLongLayout {
    pub bits_per_digit: u8,
    pub digit_size: u8,
    pub digits_order: i8,
    pub digit_endianness: i8,
}

/// `PyLongExport` (PEP 757): an int as an `int64_t` or a digit array.
#[repr(C)]
pub struct PyLongExport {
    pub value: i64,
    pub negative: u8,
    pub ndigits: Py_ssize_t,
    pub digits: *const c_void,
    pub _reserved: usize,
}

/// `PyLongWriter` (PEP 757): opaque; it is the int being filled in.
pub struct PyLongWriter {
    _private: [u8; 0],
}

static NATIVE_LAYOUT: PyLongLayout = PyLongLayout {
    bits_per_digit: PyLong_SHIFT as u8,
    digit_size: std::mem::size_of::<digit>() as u8,
    digits_order: -1,
    digit_endianness: -1,
};

/// The int of `op` for the conversions that accept `__index__`.
unsafe fn index_of(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op valid.
    unsafe { number::index(op) }
}

/// The int itself for the conversions that require one ("an integer is
/// required").
unsafe fn require_int(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op valid.
    unsafe {
        if !int::check(op) {
            return Err(errors::type_error("an integer is required"));
        }
        Ok(Owned::from_borrowed(op))
    }
}

/// The value as an `i128` of an int, or `None` when beyond 120 bits.
unsafe fn wide(op: &Owned) -> Option<i128> {
    // SAFETY: op is an int.
    unsafe { int::as_i128(op.as_ptr()) }
}

/// A signed conversion with `OverflowError(msg)` outside `T`.
unsafe fn signed<T: TryFrom<i128>>(v: &Owned, msg: &str) -> PyResult<T> {
    // SAFETY: v is an int.
    unsafe { wide(v) }
        .and_then(|x| T::try_from(x).ok())
        .ok_or_else(|| errors::overflow_error(msg))
}

/// An unsigned conversion: `OverflowError(neg)` for negatives, `(big)`
/// beyond `T`.
unsafe fn unsigned<T: TryFrom<i128>>(v: &Owned, neg: &str, big: &str) -> PyResult<T> {
    // SAFETY: v is an int.
    unsafe {
        if int::sign(v.as_ptr()) < 0 {
            return Err(errors::overflow_error(neg));
        }
        signed(v, big)
    }
}

/// `PyLong_FromLong`.
#[no_mangle]
pub extern "C" fn PyLong_FromLong(v: c_long) -> *mut PyObject {
    guard_obj(|| int::from_i64(v))
}

/// `PyLong_FromUnsignedLong`.
#[no_mangle]
pub extern "C" fn PyLong_FromUnsignedLong(v: c_ulong) -> *mut PyObject {
    guard_obj(|| int::from_u64(v))
}

/// `PyLong_FromLongLong`.
#[no_mangle]
pub extern "C" fn PyLong_FromLongLong(v: c_longlong) -> *mut PyObject {
    guard_obj(|| int::from_i64(v))
}

/// `PyLong_FromUnsignedLongLong`.
#[no_mangle]
pub extern "C" fn PyLong_FromUnsignedLongLong(v: c_ulonglong) -> *mut PyObject {
    guard_obj(|| int::from_u64(v))
}

/// `PyLong_FromSsize_t`.
#[no_mangle]
pub extern "C" fn PyLong_FromSsize_t(v: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| int::from_i64(v as i64))
}

/// `PyLong_FromSize_t`.
#[no_mangle]
pub extern "C" fn PyLong_FromSize_t(v: usize) -> *mut PyObject {
    guard_obj(|| int::from_u64(v as u64))
}

/// `PyLong_FromInt32` (3.14).
#[no_mangle]
pub extern "C" fn PyLong_FromInt32(v: i32) -> *mut PyObject {
    guard_obj(|| int::from_i64(v as i64))
}

/// `PyLong_FromUInt32` (3.14).
#[no_mangle]
pub extern "C" fn PyLong_FromUInt32(v: u32) -> *mut PyObject {
    guard_obj(|| int::from_u64(v as u64))
}

/// `PyLong_FromInt64` (3.14).
#[no_mangle]
pub extern "C" fn PyLong_FromInt64(v: i64) -> *mut PyObject {
    guard_obj(|| int::from_i64(v))
}

/// `PyLong_FromUInt64` (3.14).
#[no_mangle]
pub extern "C" fn PyLong_FromUInt64(v: u64) -> *mut PyObject {
    guard_obj(|| int::from_u64(v))
}

/// `PyLong_FromDouble`: the integral part; `OverflowError` for infinities,
/// `ValueError` for NaN.
#[no_mangle]
pub extern "C" fn PyLong_FromDouble(v: c_double) -> *mut PyObject {
    guard_obj(|| int::from_f64(v))
}

/// `PyLong_FromVoidPtr`: the address as an unsigned int.
#[no_mangle]
pub extern "C" fn PyLong_FromVoidPtr(p: *mut c_void) -> *mut PyObject {
    guard_obj(|| int::from_u64(p as usize as u64))
}

/// `PyLong_FromString`: parses the whole NUL-terminated string (surrounding
/// whitespace, sign, base prefix, underscores, as `int(str, base)`); on
/// success `*pend` points at the terminating NUL, on error at `str`.
#[no_mangle]
pub unsafe extern "C" fn PyLong_FromString(
    s: *const c_char,
    pend: *mut *mut c_char,
    base: c_int,
) -> *mut PyObject {
    crate::null_check!(s);
    guard_obj(|| {
        // SAFETY: s is a NUL-terminated string; pend NULL or writable.
        unsafe {
            if (base != 0 && base < 2) || base > 36 {
                return Err(errors::value_error("int() arg 2 must be >= 2 and <= 36"));
            }
            let bytes = CStr::from_ptr(s).to_bytes();
            let r = match std::str::from_utf8(bytes) {
                Ok(text) => int::parse_text(text, base as i64),
                Err(_) => {
                    let shown = pystr::from_str(&String::from_utf8_lossy(bytes))?;
                    Err(errors::value_error(format!(
                        "invalid literal for int() with base {base}: {}",
                        crate::object::protocol::repr_string(shown.as_ptr())?
                    )))
                }
            };
            if !pend.is_null() {
                *pend = if r.is_ok() {
                    s.add(bytes.len()) as *mut c_char
                } else {
                    s as *mut c_char
                };
            }
            r
        }
    })
}

/// `PyLong_FromUnicodeObject`: `int(u, base)`.
#[no_mangle]
pub unsafe extern "C" fn PyLong_FromUnicodeObject(u: *mut PyObject, base: c_int) -> *mut PyObject {
    crate::null_check!(u);
    // SAFETY: u is a str (as_str checks nothing else is read).
    guard_obj(|| unsafe { int::parse_text(pystr::as_str(u)?, base as i64) })
}

/// `PyLong_AsLong`: via `__index__` for non-ints.
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsLong(op: *mut PyObject) -> c_long {
    crate::null_check!(op);
    guard_int(|| {
        // SAFETY: op valid.
        unsafe {
            if let Some(v) = fast_small(op) {
                return Ok(v);
            }
            let v = index_of(op)?;
            int::as_i64(v.as_ptr())
        }
    })
}

/// The value of a small exact int or bool without touching refcounts.
#[inline(always)]
unsafe fn fast_small(op: *mut PyObject) -> Option<i64> {
    // SAFETY: op valid; read as an int only after the check.
    unsafe {
        if int::check(op) {
            int::small_value(op)
        } else {
            None
        }
    }
}

/// `PyLong_AsInt`.
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsInt(op: *mut PyObject) -> c_int {
    crate::null_check!(op);
    guard_int(|| {
        // SAFETY: op valid.
        unsafe {
            let v = index_of(op)?;
            signed(&v, "Python int too large to convert to C int")
        }
    })
}

/// `PyLong_AsLongAndOverflow`: `*overflow` is -1/1 (and -1 returned, no
/// exception) when the value is out of range.
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsLongAndOverflow(
    op: *mut PyObject,
    overflow: *mut c_int,
) -> c_long {
    crate::null_check!(op, overflow);
    guard_int(|| {
        // SAFETY: op valid, overflow writable.
        unsafe {
            *overflow = 0;
            let v = index_of(op)?;
            match wide(&v).and_then(|x| i64::try_from(x).ok()) {
                Some(x) => Ok(x),
                None => {
                    *overflow = if int::sign(v.as_ptr()) < 0 { -1 } else { 1 };
                    Ok(-1)
                }
            }
        }
    })
}

/// `PyLong_AsLongLongAndOverflow`.
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsLongLongAndOverflow(
    op: *mut PyObject,
    overflow: *mut c_int,
) -> c_longlong {
    // SAFETY: same contract; long long is long on this platform.
    unsafe { PyLong_AsLongAndOverflow(op, overflow) }
}

/// `PyLong_AsLongLong`.
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsLongLong(op: *mut PyObject) -> c_longlong {
    crate::null_check!(op);
    guard_int(|| {
        // SAFETY: op valid.
        unsafe {
            if let Some(v) = fast_small(op) {
                return Ok(v);
            }
            let v = index_of(op)?;
            signed(&v, "int too big to convert")
        }
    })
}

/// `PyLong_AsSsize_t`: ints only.
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsSsize_t(op: *mut PyObject) -> Py_ssize_t {
    crate::null_check!(op);
    guard_int(|| {
        // SAFETY: op valid.
        unsafe {
            if let Some(v) = fast_small(op) {
                return Ok(v as Py_ssize_t);
            }
            let v = require_int(op)?;
            signed(&v, "Python int too large to convert to C ssize_t")
        }
    })
}

/// `PyLong_AsUnsignedLong`: ints only.
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsUnsignedLong(op: *mut PyObject) -> c_ulong {
    crate::null_check!(op);
    guard_int(|| {
        // SAFETY: op valid.
        unsafe {
            let v = require_int(op)?;
            unsigned(
                &v,
                "can't convert negative value to unsigned int",
                "Python int too large to convert to C unsigned long",
            )
        }
    })
}

/// `PyLong_AsSize_t`: ints only.
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsSize_t(op: *mut PyObject) -> usize {
    crate::null_check!(op);
    guard_int(|| {
        // SAFETY: op valid.
        unsafe {
            let v = require_int(op)?;
            unsigned(
                &v,
                "can't convert negative value to size_t",
                "Python int too large to convert to C size_t",
            )
        }
    })
}

/// `PyLong_AsUnsignedLongLong`: ints only.
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsUnsignedLongLong(op: *mut PyObject) -> c_ulonglong {
    crate::null_check!(op);
    guard_int(|| {
        // SAFETY: op valid.
        unsafe {
            let v = require_int(op)?;
            unsigned(
                &v,
                "can't convert negative int to unsigned",
                "int too big to convert",
            )
        }
    })
}

/// `PyLong_AsUnsignedLongMask`: the value modulo 2**64, via `__index__`.
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsUnsignedLongMask(op: *mut PyObject) -> c_ulong {
    crate::null_check!(op);
    guard_int(|| {
        // SAFETY: op valid.
        unsafe {
            let v = index_of(op)?;
            Ok(int::low_u64(v.as_ptr()))
        }
    })
}

/// `PyLong_AsUnsignedLongLongMask`.
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsUnsignedLongLongMask(op: *mut PyObject) -> c_ulonglong {
    // SAFETY: same contract; long long is long on this platform.
    unsafe { PyLong_AsUnsignedLongMask(op) }
}

/// `PyLong_AsDouble`: ints only; `OverflowError` beyond the float range.
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsDouble(op: *mut PyObject) -> c_double {
    crate::null_check!(op);
    guard_int(|| {
        // SAFETY: op valid.
        unsafe {
            let v = require_int(op)?;
            int::to_f64(v.as_ptr())
        }
    })
}

/// `PyLong_AsVoidPtr`: negative values as `long`, others as `unsigned long`.
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsVoidPtr(op: *mut PyObject) -> *mut c_void {
    crate::null_check!(op);
    // SAFETY: op valid.
    unsafe {
        let addr = if int::check(op) && int::sign(op) < 0 {
            PyLong_AsLong(op) as usize
        } else {
            PyLong_AsUnsignedLong(op) as usize
        };
        if addr == usize::MAX && !errors::occurred().is_null() {
            return std::ptr::null_mut();
        }
        addr as *mut c_void
    }
}

/// A 3.14 fixed-width conversion through `PyLong_AsNativeBytes`.
unsafe fn as_fixed(
    op: *mut PyObject,
    out: *mut c_void,
    size: usize,
    flags: c_int,
    name: &str,
) -> c_int {
    crate::null_check!(op, out);
    // SAFETY: out has size writable bytes.
    unsafe {
        let needed = PyLong_AsNativeBytes(op, out, size as Py_ssize_t, flags);
        if needed < 0 {
            return -1;
        }
        if needed as usize > size {
            errors::overflow_error(format!("Python int too large to convert to {name}"));
            return -1;
        }
        0
    }
}

const SIGNED_FLAGS: c_int = Py_ASNATIVEBYTES_NATIVE_ENDIAN | Py_ASNATIVEBYTES_ALLOW_INDEX;
const UNSIGNED_FLAGS: c_int = Py_ASNATIVEBYTES_NATIVE_ENDIAN
    | Py_ASNATIVEBYTES_UNSIGNED_BUFFER
    | Py_ASNATIVEBYTES_REJECT_NEGATIVE
    | Py_ASNATIVEBYTES_ALLOW_INDEX;

/// `PyLong_AsInt32` (3.14): 0 on success, -1 with an exception.
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsInt32(op: *mut PyObject, value: *mut i32) -> c_int {
    // SAFETY: value points at an int32_t.
    unsafe { as_fixed(op, value.cast(), 4, SIGNED_FLAGS, "C int32_t") }
}

/// `PyLong_AsUInt32` (3.14).
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsUInt32(op: *mut PyObject, value: *mut u32) -> c_int {
    // SAFETY: value points at a uint32_t.
    unsafe { as_fixed(op, value.cast(), 4, UNSIGNED_FLAGS, "C uint32_t") }
}

/// `PyLong_AsInt64` (3.14).
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsInt64(op: *mut PyObject, value: *mut i64) -> c_int {
    // SAFETY: value points at an int64_t.
    unsafe { as_fixed(op, value.cast(), 8, SIGNED_FLAGS, "C int64_t") }
}

/// `PyLong_AsUInt64` (3.14).
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsUInt64(op: *mut PyObject, value: *mut u64) -> c_int {
    // SAFETY: value points at a uint64_t.
    unsafe { as_fixed(op, value.cast(), 8, UNSIGNED_FLAGS, "C uint64_t") }
}

/// Whether `flags` ask for little-endian (`_resolve_endianness`).
fn little_endian(flags: c_int) -> bool {
    if flags == -1 || flags & 2 != 0 {
        cfg!(target_endian = "little")
    } else {
        flags & 1 != 0
    }
}

/// Whether `v` fits `bits` bits as two's complement (`_fits_in_n_bits`).
fn fits_in_bits(v: i64, bits: usize) -> bool {
    if bits >= 64 {
        return true;
    }
    let ext = v >> (bits - 1);
    ext == 0 || ext == -1
}

/// `PyLong_AsNativeBytes` (3.13): writes the low `n` bytes of the two's
/// complement value and returns how many bytes the value needs (more than
/// `n` means it was truncated), or -1 with an exception.
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsNativeBytes(
    op: *mut PyObject,
    buffer: *mut c_void,
    n: Py_ssize_t,
    flags: c_int,
) -> Py_ssize_t {
    if op.is_null() || n < 0 {
        errors::bad_internal_call();
        return -1;
    }
    guard_int(|| {
        // SAFETY: op valid; buffer has n writable bytes.
        unsafe {
            let little = little_endian(flags);
            let flag = |f: c_int| flags != -1 && flags & f != 0;
            let v = if int::check(op) {
                Owned::from_borrowed(op)
            } else if flag(Py_ASNATIVEBYTES_ALLOW_INDEX) {
                number::index(op)?
            } else {
                return Err(errors::type_error(format!(
                    "expect int, got {}",
                    type_name(op)
                )));
            };
            let vp = v.as_ptr();
            if flag(Py_ASNATIVEBYTES_REJECT_NEGATIVE) && int::sign(vp) < 0 {
                return Err(errors::value_error("Cannot convert negative int"));
            }
            let n = n as usize;
            let unsigned_ok = flags == -1 || flags & Py_ASNATIVEBYTES_UNSIGNED_BUFFER != 0;
            let out = std::slice::from_raw_parts_mut(buffer.cast::<u8>(), n);
            let big = int::to_big(vp);
            big.write_bytes(out, little);
            if int::is_compact(vp) {
                let cv = int::small_value(vp).unwrap_or(0);
                let size = std::mem::size_of::<Py_ssize_t>();
                if n == 0 || n > size {
                    return Ok(size as Py_ssize_t);
                }
                if fits_in_bits(cv, n * 8) {
                    return Ok(n as Py_ssize_t);
                }
                if cv > 0 && fits_in_bits(cv, n * 8 + 1) {
                    return Ok(if unsigned_ok { n } else { n + 1 } as Py_ssize_t);
                }
                return Ok(size as Py_ssize_t);
            }
            let nb = crate::object::int_arith::bit_length(&big.mag) as usize;
            let mut res = nb / 8 + 1;
            if n > 0 && res == n + 1 && nb.is_multiple_of(8) {
                if big.neg {
                    // -2**(8n-1) needs no extra sign bit.
                    if big.fits_bytes(n, true) {
                        res = n;
                    }
                } else if out[if little { n - 1 } else { 0 }] & 0x80 != 0 && unsigned_ok {
                    res = n;
                }
            }
            Ok(res as Py_ssize_t)
        }
    })
}

/// Builds an int from `n` bytes at `buffer`.
unsafe fn from_native(
    buffer: *const c_void,
    n: usize,
    little: bool,
    signed: bool,
) -> *mut PyObject {
    crate::null_check!(buffer);
    guard_obj(|| {
        // SAFETY: buffer has n readable bytes.
        let mut raw = unsafe { std::slice::from_raw_parts(buffer.cast::<u8>(), n) }.to_vec();
        if !little {
            raw.reverse();
        }
        int::from_big(&BigInt::from_le_bytes(&raw, signed))
    })
}

/// `PyLong_FromNativeBytes` (3.13): signed unless `flags` has
/// `Py_ASNATIVEBYTES_UNSIGNED_BUFFER`.
#[no_mangle]
pub unsafe extern "C" fn PyLong_FromNativeBytes(
    buffer: *const c_void,
    n: usize,
    flags: c_int,
) -> *mut PyObject {
    let signed = flags == -1 || flags & Py_ASNATIVEBYTES_UNSIGNED_BUFFER == 0;
    // SAFETY: forwarded contract.
    unsafe { from_native(buffer, n, little_endian(flags), signed) }
}

/// `PyLong_FromUnsignedNativeBytes` (3.13).
#[no_mangle]
pub unsafe extern "C" fn PyLong_FromUnsignedNativeBytes(
    buffer: *const c_void,
    n: usize,
    flags: c_int,
) -> *mut PyObject {
    // SAFETY: forwarded contract.
    unsafe { from_native(buffer, n, little_endian(flags), false) }
}

/// The int argument of the 3.14 predicates, or `TypeError(prefix int, got T)`.
unsafe fn int_arg(op: *mut PyObject, prefix: &str) -> PyResult<*mut PyObject> {
    // SAFETY: op valid.
    unsafe {
        if int::check(op) {
            Ok(op)
        } else {
            Err(errors::type_error(format!(
                "{prefix} int, got {}",
                type_name(op)
            )))
        }
    }
}

/// `PyLong_GetSign` (3.14): stores -1, 0 or 1.
#[no_mangle]
pub unsafe extern "C" fn PyLong_GetSign(op: *mut PyObject, sign: *mut c_int) -> c_int {
    crate::null_check!(op, sign);
    guard_status(|| {
        // SAFETY: op valid, sign writable.
        unsafe {
            *sign = int::sign(int_arg(op, "expect")?);
            Ok(())
        }
    })
}

/// `PyLong_IsPositive` (3.14).
#[no_mangle]
pub unsafe extern "C" fn PyLong_IsPositive(op: *mut PyObject) -> c_int {
    crate::null_check!(op);
    // SAFETY: op valid.
    guard_int(|| unsafe { Ok((int::sign(int_arg(op, "expected")?) > 0) as c_int) })
}

/// `PyLong_IsNegative` (3.14).
#[no_mangle]
pub unsafe extern "C" fn PyLong_IsNegative(op: *mut PyObject) -> c_int {
    crate::null_check!(op);
    // SAFETY: op valid.
    guard_int(|| unsafe { Ok((int::sign(int_arg(op, "expected")?) < 0) as c_int) })
}

/// `PyLong_IsZero` (3.14).
#[no_mangle]
pub unsafe extern "C" fn PyLong_IsZero(op: *mut PyObject) -> c_int {
    crate::null_check!(op);
    // SAFETY: op valid.
    guard_int(|| unsafe { Ok((int::sign(int_arg(op, "expected")?) == 0) as c_int) })
}

/// `PyLong_GetNativeLayout` (3.14, PEP 757).
#[no_mangle]
pub extern "C" fn PyLong_GetNativeLayout() -> *const PyLongLayout {
    &NATIVE_LAYOUT
}

/// `PyLong_Export` (3.14, PEP 757): values that fit an `int64_t` in
/// `value`, others as a view of the digits (kept alive until
/// `PyLong_FreeExport`).
#[no_mangle]
pub unsafe extern "C" fn PyLong_Export(op: *mut PyObject, out: *mut PyLongExport) -> c_int {
    crate::null_check!(op, out);
    guard_status(|| {
        // SAFETY: op valid; out writable.
        unsafe {
            out.write(PyLongExport {
                value: 0,
                negative: 0,
                ndigits: 0,
                digits: std::ptr::null(),
                _reserved: 0,
            });
            let op = int_arg(op, "expect")?;
            if let Some(v) = int::as_i128(op).and_then(|v| i64::try_from(v).ok()) {
                (*out).value = v;
                return Ok(());
            }
            (*out).negative = (int::sign(op) < 0) as u8;
            (*out).ndigits = int::ndigits(op) as Py_ssize_t;
            (*out).digits = (*op.cast::<PyLongObject>()).ob_digit.as_ptr().cast();
            (*out)._reserved = Owned::from_borrowed(op).into_raw() as usize;
            Ok(())
        }
    })
}

/// `PyLong_FreeExport` (3.14).
#[no_mangle]
pub unsafe extern "C" fn PyLong_FreeExport(export: *mut PyLongExport) {
    if export.is_null() {
        return;
    }
    // SAFETY: export was filled by PyLong_Export.
    unsafe {
        let obj = (*export)._reserved as *mut PyObject;
        (*export)._reserved = 0;
        errors::release(obj);
    }
}

/// `PyLongWriter_Create` (3.14, PEP 757): an int of `ndigits` digits to be
/// filled in through `*digits`.
#[no_mangle]
pub unsafe extern "C" fn PyLongWriter_Create(
    negative: c_int,
    ndigits: Py_ssize_t,
    digits: *mut *mut c_void,
) -> *mut PyLongWriter {
    crate::null_check!(digits);
    if ndigits <= 0 {
        errors::value_error("ndigits must be positive");
        return std::ptr::null_mut();
    }
    guard(|| {
        // SAFETY: alloc gives room for ndigits digits; digits is writable.
        unsafe {
            match int::alloc(ndigits as usize, if negative != 0 { -1 } else { 1 }) {
                Ok(op) => {
                    *digits = (*op.cast::<PyLongObject>()).ob_digit.as_mut_ptr().cast();
                    op.cast()
                }
                Err(_) => std::ptr::null_mut(),
            }
        }
    })
}

/// `PyLongWriter_Finish` (3.14): normalizes the digits and returns the int.
#[no_mangle]
pub unsafe extern "C" fn PyLongWriter_Finish(writer: *mut PyLongWriter) -> *mut PyObject {
    crate::null_check!(writer);
    guard_obj(|| {
        // SAFETY: writer is an int from PyLongWriter_Create, owned here.
        unsafe {
            let w = Owned::from_raw_unchecked(writer.cast());
            let ds = int::digits(w.as_ptr());
            let n = ds.iter().rposition(|&d| d != 0).map_or(0, |p| p + 1);
            if ds[..n].iter().any(|&d| d > crate::object::int_text::MASK) {
                return Err(errors::system_error(
                    "PyLongWriter_Finish: digit out of range",
                ));
            }
            int::from_digits(int::sign(w.as_ptr()), &ds[..n])
        }
    })
}

/// `PyLongWriter_Discard` (3.14).
#[no_mangle]
pub unsafe extern "C" fn PyLongWriter_Discard(writer: *mut PyLongWriter) {
    // SAFETY: writer NULL or an int from PyLongWriter_Create.
    unsafe { errors::release(writer.cast()) }
}

/// `_PyLong_Sign`: -1, 0 or 1 (CPython's private helper, still used by
/// extensions).
#[no_mangle]
pub unsafe extern "C" fn _PyLong_Sign(op: *mut PyObject) -> c_int {
    // SAFETY: op is an int (the caller's contract, as in CPython).
    unsafe { int::sign(op) }
}

/// `_PyLong_NumBits`: the bit length of the absolute value.
#[no_mangle]
pub unsafe extern "C" fn _PyLong_NumBits(op: *mut PyObject) -> i64 {
    // SAFETY: op is an int (the caller's contract, as in CPython).
    unsafe { crate::object::int_arith::bit_length(int::digits(op)) as i64 }
}

/// `_PyLong_FromByteArray`: an int from `n` bytes, two's complement when
/// `is_signed`.
#[no_mangle]
pub unsafe extern "C" fn _PyLong_FromByteArray(
    bytes: *const u8,
    n: usize,
    little_endian: c_int,
    is_signed: c_int,
) -> *mut PyObject {
    if n == 0 {
        return guard_obj(|| int::from_i64(0));
    }
    // SAFETY: forwarded contract.
    unsafe { from_native(bytes.cast(), n, little_endian != 0, is_signed != 0) }
}

/// `_PyLong_AsByteArray` (3.13 signature): writes the low `n` bytes of the
/// value; 0 on success, -1 when it does not fit or is negative for an
/// unsigned buffer (then nothing is written), raising `OverflowError` only
/// when `with_exceptions`.
#[no_mangle]
pub unsafe extern "C" fn _PyLong_AsByteArray(
    v: *mut PyLongObject,
    bytes: *mut u8,
    n: usize,
    little_endian: c_int,
    is_signed: c_int,
    with_exceptions: c_int,
) -> c_int {
    crate::null_check!(v, bytes);
    guard(|| {
        // SAFETY: v is an int; bytes has n writable bytes.
        unsafe {
            let big = int::to_big(v.cast());
            if big.neg && is_signed == 0 {
                if with_exceptions != 0 {
                    errors::overflow_error("can't convert negative int to unsigned");
                }
                return -1;
            }
            big.write_bytes(std::slice::from_raw_parts_mut(bytes, n), little_endian != 0);
            if big.fits_bytes(n, is_signed != 0) {
                return 0;
            }
            if with_exceptions != 0 {
                errors::overflow_error("int too big to convert");
            }
            -1
        }
    })
}

/// `_PyLong_GCD`: the greatest common divisor of two ints (non-negative).
#[no_mangle]
pub unsafe extern "C" fn _PyLong_GCD(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::null_check!(a, b);
    // SAFETY: a and b are ints (the caller's contract, as in CPython).
    guard_obj(|| unsafe { int::from_big(&int::to_big(a).gcd(&int::to_big(b))) })
}

/// `PyLong_GetInfo`: `sys.int_info`'s values (bits_per_digit,
/// sizeof_digit, default_max_str_digits, str_digits_check_threshold) as a
/// plain tuple until struct sequences exist.
#[no_mangle]
pub extern "C" fn PyLong_GetInfo() -> *mut PyObject {
    use crate::object::int_text::{DEFAULT_MAX_STR_DIGITS, MAX_STR_DIGITS_THRESHOLD};
    guard_obj(|| {
        let items = [
            int::from_u64(PyLong_SHIFT as u64)?,
            int::from_u64(std::mem::size_of::<digit>() as u64)?,
            int::from_u64(DEFAULT_MAX_STR_DIGITS as u64)?,
            int::from_u64(MAX_STR_DIGITS_THRESHOLD as u64)?,
        ];
        crate::object::tuple::from_vec(items.into())
    })
}
