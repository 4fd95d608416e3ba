//! `int` (`PyLong_Type`): arbitrary precision in CPython 3.12+'s layout —
//! `lv_tag = ndigits << 3 | sign` (sign 0 positive, 1 zero, 2 negative) and
//! little-endian base-2**30 digits inline after the tag.
use crate::ffi::*;
use crate::object::typeobj::type_template;
use crate::runtime::errors::{self, PyResult};
use crate::Owned;

/// `PyLong_Type`.
#[no_mangle]
pub static mut PyLong_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_LONG_SUBCLASS,
    tp_free: Some(crate::capi::memory::PyObject_Free),
    tp_doc: c"int([x]) -> integer\nint(x, base=10) -> integer".as_ptr(),
    ..type_template(
        c"int",
        std::mem::offset_of!(PyLongObject, ob_digit),
        std::mem::size_of::<digit>(),
    )
};

const SIGN_MASK: usize = 3;
const NON_SIZE_BITS: u32 = 3;
const DIGIT_MASK: u64 = (1 << PyLong_SHIFT) - 1;

/// Whether `op` is an int or int subclass instance (`PyLong_Check`).
#[inline(always)]
pub unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*(*op).ob_type).tp_flags & Py_TPFLAGS_LONG_SUBCLASS != 0 }
}

/// The tag word for `ndigits` digits and a sign (-1, 0, 1).
#[inline(always)]
pub const fn make_tag(ndigits: usize, sign: i32) -> usize {
    (ndigits << NON_SIZE_BITS) | (1 - sign) as usize
}

/// Number of digits.
#[inline(always)]
pub unsafe fn ndigits(op: *mut PyObject) -> usize {
    // SAFETY: op is an int.
    unsafe { (*op.cast::<PyLongObject>()).lv_tag >> NON_SIZE_BITS }
}

/// The sign: -1, 0 or 1.
#[inline(always)]
pub unsafe fn sign(op: *mut PyObject) -> i32 {
    // SAFETY: op is an int.
    unsafe { 1 - ((*op.cast::<PyLongObject>()).lv_tag & SIGN_MASK) as i32 }
}

/// The digits, least significant first.
#[inline(always)]
pub unsafe fn digits<'a>(op: *mut PyObject) -> &'a [digit] {
    // SAFETY: op is an int with ndigits digits inline.
    unsafe {
        std::slice::from_raw_parts((*op.cast::<PyLongObject>()).ob_digit.as_ptr(), ndigits(op))
    }
}

/// Allocates an int of `n` digits (uninitialized digits, tag set).
pub unsafe fn alloc(n: usize, sign: i32) -> PyResult<*mut PyObject> {
    // SAFETY: PyLong_Type is a static type; room for max(n, 1) digits.
    unsafe {
        let size =
            std::mem::offset_of!(PyLongObject, ob_digit) + n.max(1) * std::mem::size_of::<digit>();
        let op = crate::object::alloc::raw_malloc(size) as *mut PyObject;
        if op.is_null() {
            return Err(errors::no_memory());
        }
        crate::object::alloc::init_object(op, &raw mut PyLong_Type);
        (*op.cast::<PyLongObject>()).lv_tag = make_tag(n, if n == 0 { 0 } else { sign });
        if n == 0 {
            (*op.cast::<PyLongObject>()).ob_digit[0] = 0;
        }
        Ok(op)
    }
}

/// Smallest and largest cached small int (immortal, preallocated).
pub const SMALL_MIN: i64 = -5;
pub const SMALL_MAX: i64 = 256;
const N_SMALL: usize = (SMALL_MAX - SMALL_MIN + 1) as usize;

const fn small_table() -> [PyLongObject; N_SMALL] {
    let mut t = [const {
        PyLongObject {
            ob_base: crate::object::refcount::static_head(&raw mut PyLong_Type),
            lv_tag: 0,
            ob_digit: [0],
        }
    }; N_SMALL];
    let mut i = 0;
    while i < N_SMALL {
        let v = SMALL_MIN + i as i64;
        t[i].lv_tag = if v == 0 {
            make_tag(0, 0)
        } else if v < 0 {
            make_tag(1, -1)
        } else {
            make_tag(1, 1)
        };
        t[i].ob_digit[0] = v.unsigned_abs() as digit;
        i += 1;
    }
    t
}

static mut SMALL_INTS: [PyLongObject; N_SMALL] = small_table();

/// The cached immortal int for `v` in `SMALL_MIN..=SMALL_MAX` (borrowed).
#[inline(always)]
pub fn small(v: i64) -> *mut PyObject {
    debug_assert!((SMALL_MIN..=SMALL_MAX).contains(&v));
    // SAFETY: the index is in bounds; the table is static and immortal.
    unsafe {
        (&raw mut SMALL_INTS)
            .cast::<PyLongObject>()
            .add((v - SMALL_MIN) as usize)
            .cast()
    }
}

/// A new int with magnitude `m` and sign -1 or 1.
fn from_magnitude(mut m: u64, sign: i32) -> PyResult<Owned> {
    if m <= SMALL_MAX as u64 && (sign > 0 || m <= (-SMALL_MIN) as u64) {
        let v = if sign < 0 { -(m as i64) } else { m as i64 };
        return Ok(Owned::from_borrowed_static(small(v)));
    }
    let mut ds = [0u32; 3];
    let mut n = 0;
    while m != 0 {
        ds[n] = (m & DIGIT_MASK) as u32;
        m >>= PyLong_SHIFT;
        n += 1;
    }
    // SAFETY: alloc gives room for n digits.
    unsafe {
        let op = alloc(n, sign)?;
        let p = (*op.cast::<PyLongObject>()).ob_digit.as_mut_ptr();
        std::ptr::copy_nonoverlapping(ds.as_ptr(), p, n);
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// A new int from an `i64`.
pub fn from_i64(v: i64) -> PyResult<Owned> {
    from_magnitude(v.unsigned_abs(), if v < 0 { -1 } else { 1 })
}

/// A new int from a `u64`.
pub fn from_u64(v: u64) -> PyResult<Owned> {
    from_magnitude(v, 1)
}

/// The value as an `i64`; `OverflowError` when it does not fit.
pub unsafe fn as_i64(op: *mut PyObject) -> PyResult<i64> {
    // SAFETY: op is an int.
    unsafe {
        let ds = digits(op);
        let mut m: u128 = 0;
        for &d in ds.iter().rev() {
            m = (m << PyLong_SHIFT) | d as u128;
            if m > 1u128 << 64 {
                break;
            }
        }
        let neg = sign(op) < 0;
        if (!neg && m > i64::MAX as u128) || (neg && m > 1u128 << 63) {
            return Err(errors::overflow_error(
                "Python int too large to convert to C long",
            ));
        }
        Ok(if neg {
            (m as i128).wrapping_neg() as i64
        } else {
            m as i64
        })
    }
}
