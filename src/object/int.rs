//! `int` (`PyLong_Type`): arbitrary precision in CPython 3.12+'s layout —
//! `lv_tag = ndigits << 3 | sign` (sign 0 positive, 1 zero, 2 negative) and
//! little-endian base-2**30 digits inline after the tag.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::bool as pybool;
use crate::object::freelist::BlockCache;
use crate::object::int_arith::{self, BigInt, View};
use crate::object::none::{none, not_implemented};
use crate::object::typeobj::{type_name, type_template};
use crate::object::{
    bytearray, bytes, descr, dict, float, format_spec, int_text, number, protocol, str as pystr,
    tuple,
};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};
use std::ptr::null_mut;
use std::sync::atomic::{AtomicUsize, Ordering};

/// `PyLong_Type`.
#[no_mangle]
pub static mut PyLong_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_LONG_SUBCLASS | _Py_TPFLAGS_MATCH_SELF,
    tp_repr: Some(long_repr),
    tp_hash: Some(long_hash),
    tp_richcompare: Some(long_richcompare),
    tp_as_number: &raw mut LONG_AS_NUMBER,
    tp_methods: (&raw mut LONG_METHODS).cast(),
    tp_getset: (&raw mut LONG_GETSET).cast(),
    tp_new: Some(long_new),
    tp_dealloc: Some(long_dealloc),
    tp_free: Some(crate::capi::memory::PyObject_Free),
    tp_doc: c"int([x]) -> integer\nint(x, base=10) -> integer\n\nAn integer made from a number or a string; 0 without an argument.\n\nA number is converted with x.__int__() (or x.__index__()), a float\ntruncated toward zero. A str, bytes or bytearray is read as an integer\nliteral in the given base, 2 to 36, or 0 to take the base from the\nliteral's prefix (0b, 0o, 0x)."
        .as_ptr(),
    ..type_template(
        c"int",
        std::mem::offset_of!(PyLongObject, ob_digit),
        std::mem::size_of::<digit>(),
    )
};

const SIGN_MASK: usize = 3;
const NON_SIZE_BITS: u32 = 3;
const DIGIT_MASK: u64 = (1 << PyLong_SHIFT) - 1;

/// Whether `op` is exactly an int (`PyLong_CheckExact`).
#[inline(always)]
pub unsafe fn check_exact(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*op).ob_type == &raw mut PyLong_Type }
}

/// `a + b` for two exact ints of at most two digits each (whose sum fits
/// an `i64`); None for any other operands. What `int.__add__` gives them,
/// without the slot dispatch.
#[inline(always)]
pub unsafe fn add_small_exact(a: *mut PyObject, b: *mut PyObject) -> Option<PyResult<Owned>> {
    // SAFETY: a and b valid; read as ints only once checked to be ints.
    unsafe {
        if !check_exact(a) || !check_exact(b) {
            return None;
        }
        let (x, y) = (small_value(a)?, small_value(b)?);
        Some(from_i64(x + y))
    }
}

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

/// Ints of up to this many digits share one block size and are kept for
/// reuse per thread, like CPython 3.14's int free list.
const CACHED_DIGITS: usize = 2;
const CACHED_SIZE: usize =
    std::mem::offset_of!(PyLongObject, ob_digit) + CACHED_DIGITS * std::mem::size_of::<digit>();
/// Most blocks kept per thread.
const FREELIST_MAX: usize = 100;

thread_local! {
    static FREE: BlockCache = const { BlockCache::new() };
}

/// Frees the int blocks kept for reuse (at finalization).
pub fn clear_freelist() {
    let _ = FREE.try_with(BlockCache::drain);
}

/// Allocates an int of `n` digits (uninitialized digits, tag set).
pub unsafe fn alloc(n: usize, sign: i32) -> PyResult<*mut PyObject> {
    // SAFETY: PyLong_Type is a static type; room for max(n, 1) digits.
    unsafe {
        // CPython's MAX_LONG_DIGITS: beyond it the size does not fit a ssize_t.
        let max = (isize::MAX as usize - std::mem::offset_of!(PyLongObject, ob_digit))
            / std::mem::size_of::<digit>();
        if n > max {
            return Err(errors::overflow_error("too many digits in integer"));
        }
        let op = if n <= CACHED_DIGITS {
            let p = FREE.try_with(BlockCache::pop).unwrap_or(null_mut());
            if p.is_null() {
                crate::object::alloc::raw_malloc(CACHED_SIZE)
            } else {
                p.cast()
            }
        } else {
            let size = std::mem::offset_of!(PyLongObject, ob_digit)
                + n.max(1) * std::mem::size_of::<digit>();
            crate::object::alloc::raw_malloc(size)
        } as *mut PyObject;
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

/// The int-max-str-digits limit (`sys.set_int_max_str_digits`; 0 = none).
static MAX_STR_DIGITS: AtomicUsize = AtomicUsize::new(int_text::DEFAULT_MAX_STR_DIGITS);

/// The current int-max-str-digits limit (0: unlimited).
pub fn max_str_digits() -> usize {
    MAX_STR_DIGITS.load(Ordering::Relaxed)
}

/// Sets the int-max-str-digits limit (`sys.set_int_max_str_digits`); the
/// caller validates it (0 or at least 640).
pub fn set_max_str_digits(limit: usize) {
    MAX_STR_DIGITS.store(limit, Ordering::Relaxed);
}

/// The value when it has at most two digits (`|v| < 2**60`), so that sums,
/// differences and shifts of two such values fit an `i64` and products an
/// `i128`.
#[inline(always)]
pub unsafe fn small_value(op: *mut PyObject) -> Option<i64> {
    // SAFETY: op is an int; ndigits digits are inline.
    unsafe {
        let tag = (*op.cast::<PyLongObject>()).lv_tag;
        let d = (*op.cast::<PyLongObject>()).ob_digit.as_ptr();
        let m = match tag >> NON_SIZE_BITS {
            0 => return Some(0),
            1 => *d as i64,
            2 => *d as i64 | ((*d.add(1) as i64) << PyLong_SHIFT),
            _ => return None,
        };
        Some(if tag & SIGN_MASK == 2 { -m } else { m })
    }
}

/// The value of an exact int of at most one digit (CPython's "compact"
/// ints), None for anything else.
#[inline(always)]
pub unsafe fn compact_value(op: *mut PyObject) -> Option<i64> {
    // SAFETY: op valid; an int always has room for one digit, which a
    // zero's sign (0) cancels whatever it holds.
    unsafe {
        if (*op).ob_type != &raw mut PyLong_Type {
            return None;
        }
        compact_int_value(op)
    }
}

/// [`compact_value`] of an int already known to be one.
#[inline(always)]
pub unsafe fn compact_int_value(op: *mut PyObject) -> Option<i64> {
    // SAFETY: op is an int, which always has room for one digit; a zero's
    // sign (0) cancels whatever it holds.
    unsafe {
        let l = &*op.cast::<PyLongObject>();
        (l.lv_tag < 2 << NON_SIZE_BITS)
            .then(|| (1 - (l.lv_tag & SIGN_MASK) as i64) * *l.ob_digit.as_ptr() as i64)
    }
}

/// Whether the int is "compact" in CPython's sense (at most one digit).
#[inline(always)]
pub unsafe fn is_compact(op: *mut PyObject) -> bool {
    // SAFETY: op is an int.
    unsafe { ndigits(op) <= 1 }
}

/// The value as a [`BigInt`].
pub unsafe fn to_big(op: *mut PyObject) -> BigInt {
    // SAFETY: op is an int.
    unsafe {
        BigInt {
            neg: sign(op) < 0,
            mag: digits(op).to_vec(),
        }
    }
}

/// A new exact int with a sign (-1, 0, 1) and normalized digits.
pub fn from_digits(sign: i32, ds: &[digit]) -> PyResult<Owned> {
    if ds.len() <= 1 {
        let m = ds.first().copied().unwrap_or(0) as i64;
        if m <= SMALL_MAX {
            return from_i64(if sign < 0 { -m } else { m });
        }
    }
    // SAFETY: alloc gives room for ds.len() digits.
    unsafe {
        let op = alloc(ds.len(), sign)?;
        let p = (*op.cast::<PyLongObject>()).ob_digit.as_mut_ptr();
        std::ptr::copy_nonoverlapping(ds.as_ptr(), p, ds.len());
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// A borrowed view of the value (valid while `op` lives).
#[inline(always)]
pub unsafe fn view<'a>(op: *mut PyObject) -> View<'a> {
    // SAFETY: op is an int.
    unsafe {
        View {
            neg: sign(op) < 0,
            mag: digits(op),
        }
    }
}

/// `x + y` (`x - y` when `subtract`), written straight into a new int.
fn add_views(x: View, y: View, subtract: bool) -> PyResult<Owned> {
    let n = x.mag.len().max(y.mag.len()) + 1;
    // SAFETY: alloc gives room for n digits, all that signed_add_into may
    // write; the tag is then set to the digits actually used.
    unsafe {
        let op = Owned::from_raw_unchecked(alloc(n, 1)?);
        let lo = op.as_ptr().cast::<PyLongObject>();
        let out = std::slice::from_raw_parts_mut((*lo).ob_digit.as_mut_ptr(), n);
        let (neg, used) = int_arith::signed_add_into(x.neg, x.mag, y.neg != subtract, y.mag, out);
        if used <= 1 {
            let m = if used == 0 { 0 } else { out[0] as i64 };
            return from_i64(if neg { -m } else { m });
        }
        (*lo).lv_tag = make_tag(used, if neg { -1 } else { 1 });
        Ok(op)
    }
}

/// The value of a view of at most four digits (120 bits).
fn view_i128(v: View) -> Option<i128> {
    if v.mag.len() > 4 {
        return None;
    }
    let m = v
        .mag
        .iter()
        .rev()
        .fold(0i128, |acc, &d| (acc << PyLong_SHIFT) | d as i128);
    Some(if v.neg { -m } else { m })
}

/// Floor division and modulo of values of at most 120 bits, `None` for a
/// zero divisor or wider values.
fn floor_divmod_i128(x: View, y: View) -> Option<(i128, i128)> {
    let (x, y) = (view_i128(x)?, view_i128(y)?);
    if y == 0 {
        return None;
    }
    let (mut q, mut r) = (x / y, x % y);
    if r != 0 && ((r < 0) != (y < 0)) {
        q -= 1;
        r += y;
    }
    Some((q, r))
}

/// A new int from a [`BigInt`].
pub fn from_big(v: &BigInt) -> PyResult<Owned> {
    from_digits(v.signum(), &v.mag)
}

/// A new int with magnitude `m` and sign -1 or 1.
fn from_magnitude(mut m: u128, sign: i32) -> PyResult<Owned> {
    if m <= SMALL_MAX as u128 && (sign > 0 || m <= (-SMALL_MIN) as u128) {
        let v = if sign < 0 { -(m as i64) } else { m as i64 };
        return Ok(Owned::from_borrowed_static(small(v)));
    }
    let mut ds = [0u32; 5];
    let mut n = 0;
    while m != 0 {
        ds[n] = (m as u32) & DIGIT_MASK as u32;
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

/// A new int from an `i64`: the cached small ints without a call.
#[inline(always)]
pub fn from_i64(v: i64) -> PyResult<Owned> {
    if (SMALL_MIN..=SMALL_MAX).contains(&v) {
        return Ok(Owned::from_borrowed_static(small(v)));
    }
    from_i64_alloc(v)
}

/// [`from_i64`] outside the small-int range: a new object.
#[inline(never)]
fn from_i64_alloc(v: i64) -> PyResult<Owned> {
    let m = v.unsigned_abs();
    if m < 1 << (2 * PyLong_SHIFT) {
        // One or two digits: the common cases, without the general digit
        // loop.
        let n = if m < 1 << PyLong_SHIFT { 1 } else { 2 };
        // SAFETY: alloc gives room for n digits.
        unsafe {
            let op = alloc(n, if v < 0 { -1 } else { 1 })?;
            let d = (*op.cast::<PyLongObject>()).ob_digit.as_mut_ptr();
            *d = (m & DIGIT_MASK) as digit;
            if n == 2 {
                *d.add(1) = (m >> PyLong_SHIFT) as digit;
            }
            return Ok(Owned::from_raw_unchecked(op));
        }
    }
    from_magnitude(m as u128, if v < 0 { -1 } else { 1 })
}

/// A new int from a `u64`.
pub fn from_u64(v: u64) -> PyResult<Owned> {
    from_magnitude(v as u128, 1)
}

/// A new int from an `i128`.
pub fn from_i128(v: i128) -> PyResult<Owned> {
    from_magnitude(v.unsigned_abs(), if v < 0 { -1 } else { 1 })
}

/// The magnitude as a `u128` when it has at most 4 digits (120 bits).
unsafe fn magnitude_u128(op: *mut PyObject) -> Option<u128> {
    // SAFETY: op is an int.
    let ds = unsafe { digits(op) };
    if ds.len() > 4 {
        return None;
    }
    Some(
        ds.iter()
            .rev()
            .fold(0u128, |acc, &d| (acc << PyLong_SHIFT) | d as u128),
    )
}

/// The value as an `i128` when it fits.
pub unsafe fn as_i128(op: *mut PyObject) -> Option<i128> {
    // SAFETY: op is an int.
    unsafe {
        let m = magnitude_u128(op)?;
        Some(if sign(op) < 0 {
            -(m as i128)
        } else {
            m as i128
        })
    }
}

/// The value as an `i64`; `OverflowError` with `msg` when it does not fit.
pub unsafe fn as_i64_or(op: *mut PyObject, msg: &str) -> PyResult<i64> {
    // SAFETY: op is an int.
    unsafe {
        if let Some(v) = small_value(op) {
            return Ok(v);
        }
        as_i128(op)
            .and_then(|v| i64::try_from(v).ok())
            .ok_or_else(|| errors::overflow_error(msg))
    }
}

/// The value as an `i64`; `OverflowError` when it does not fit.
pub unsafe fn as_i64(op: *mut PyObject) -> PyResult<i64> {
    // SAFETY: op is an int.
    unsafe { as_i64_or(op, "Python int too large to convert to C long") }
}

/// The value as a `u64` when it is non-negative and fits.
pub unsafe fn as_u64(op: *mut PyObject) -> Option<u64> {
    // SAFETY: op is an int.
    unsafe {
        if sign(op) < 0 {
            return None;
        }
        magnitude_u128(op).and_then(|m| u64::try_from(m).ok())
    }
}

/// The low 64 bits of the two's complement value (`PyLong_AsUnsignedLongMask`).
pub unsafe fn low_u64(op: *mut PyObject) -> u64 {
    // SAFETY: op is an int.
    unsafe {
        let m = digits(op)
            .iter()
            .rev()
            .fold(0u64, |acc, &d| (acc << PyLong_SHIFT) | d as u64);
        if sign(op) < 0 {
            m.wrapping_neg()
        } else {
            m
        }
    }
}

/// The nearest float; `OverflowError: int too large to convert to float`.
#[inline]
pub unsafe fn to_f64(op: *mut PyObject) -> PyResult<f64> {
    // SAFETY: op is an int.
    unsafe {
        match small_value(op) {
            Some(v) => Ok(v as f64),
            None => view(op)
                .to_f64()
                .map_err(|_| errors::overflow_error("int too large to convert to float")),
        }
    }
}

/// An exact int equal to an int (subclass) instance: the object itself
/// when exact, else a copy.
pub unsafe fn exact(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is an int.
    unsafe {
        if (*op).ob_type == &raw mut PyLong_Type {
            return Ok(Owned::from_borrowed(op));
        }
        from_digits(sign(op), digits(op))
    }
}

/// Decimal text of an int, honouring the int-max-str-digits limit.
pub unsafe fn decimal_string(op: *mut PyObject) -> PyResult<String> {
    // SAFETY: op is an int.
    unsafe {
        if let Some(v) = as_i128(op) {
            return Ok(v.to_string());
        }
        int_text::to_decimal_signed(sign(op) < 0, digits(op), max_str_digits())
            .map_err(|e| errors::value_error(e.message))
    }
}

/// The int's hash (CPython's numeric hash).
pub unsafe fn hash_value(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: op is an int.
    unsafe {
        match small_value(op) {
            Some(-1) => -2,
            Some(v) => v as Py_hash_t,
            None => view(op).hash() as Py_hash_t,
        }
    }
}

/// `int(s, base)` for text, with the int-max-str-digits limit.
pub fn parse_text(text: &str, base: i64) -> PyResult<Owned> {
    match int_text::parse_int_limited(text, base, max_str_digits()) {
        Ok((neg, mag)) => from_digits(if neg { -1 } else { 1 }, &mag),
        Err(e) => Err(errors::value_error(e.message)),
    }
}

/// `int(str, base)`: text that is no valid UTF-8 (lone surrogates) is no
/// valid literal either.
unsafe fn parse_str(op: *mut PyObject, base: i64) -> PyResult<Owned> {
    // SAFETY: op is a str.
    unsafe {
        match pystr::as_str(op) {
            Ok(text) => parse_text(text, base),
            Err(_) => {
                errors::clear();
                let r = protocol::repr_string(op)?;
                Err(errors::value_error(format!(
                    "invalid literal for int() with base {base}: {r}"
                )))
            }
        }
    }
}

/// The bytes of a bytes or bytearray object (what `int()` parses).
unsafe fn bytes_like<'a>(op: *mut PyObject) -> Option<&'a [u8]> {
    // SAFETY: op valid; the slice lives as long as the object is unchanged.
    unsafe {
        if bytes::check(op) {
            Some(bytes::as_slice(op))
        } else if bytearray::check(op) {
            Some(bytearray::as_slice(op))
        } else {
            None
        }
    }
}

/// `int(bytes, base)`: ASCII text; the error shows the data as a bytes repr.
fn parse_bytes(data: &[u8], base: i64) -> PyResult<Owned> {
    let text = std::str::from_utf8(data).ok().filter(|t| t.is_ascii());
    match text.map(|t| int_text::parse_int_limited(t, base, max_str_digits())) {
        Some(Ok((neg, mag))) => from_digits(if neg { -1 } else { 1 }, &mag),
        Some(Err(e)) if e.kind != int_text::IntTextErrorKind::InvalidLiteral => {
            Err(errors::value_error(e.message))
        }
        _ => {
            let b = bytes::from_slice(data)?;
            // SAFETY: b is a bytes object.
            let r = unsafe { protocol::repr_string(b.as_ptr())? };
            Err(errors::value_error(format!(
                "invalid literal for int() with base {base}: {r}"
            )))
        }
    }
}

/// `int(x)` with one argument (`PyNumber_Long`): `__int__`, `__index__`,
/// then text and bytes.
pub unsafe fn from_object(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op valid.
    unsafe {
        if (*op).ob_type == &raw mut PyLong_Type {
            return Ok(Owned::from_borrowed(op));
        }
        let nb = (*(*op).ob_type).tp_as_number;
        if !nb.is_null() {
            if let Some(f) = (*nb).nb_int {
                let r = errors::check(f(op))?;
                if !check(r.as_ptr()) {
                    return Err(errors::type_error(format!(
                        "__int__ returned non-int (type {})",
                        type_name(r.as_ptr())
                    )));
                }
                if (*r.as_ptr()).ob_type != &raw mut PyLong_Type {
                    number::warn_strict_int_subclass("__int__", r.as_ptr())?;
                }
                return exact(r.as_ptr());
            }
            if (*nb).nb_index.is_some() {
                let r = number::index(op)?;
                return exact(r.as_ptr());
            }
        }
        if pystr::check(op) {
            return parse_str(op, 10);
        }
        if let Some(data) = bytes_like(op) {
            return parse_bytes(data, 10);
        }
        // Any other buffer (memoryview, array) is parsed as bytes.
        let mut view: Py_buffer = std::mem::zeroed();
        if crate::object::buffer::get(op, &mut view, PyBUF_SIMPLE).is_ok() {
            let data = if view.len > 0 {
                std::slice::from_raw_parts(view.buf as *const u8, view.len as usize).to_vec()
            } else {
                Vec::new()
            };
            crate::object::buffer::release(&mut view);
            return parse_bytes(&data, 10);
        }
        errors::clear();
        Err(errors::type_error(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            type_name(op)
        )))
    }
}

/// The integral part of a float (`int(float)`, `PyLong_FromDouble`):
/// `OverflowError` for infinities, `ValueError` for NaN.
pub fn from_f64(x: f64) -> PyResult<Owned> {
    if x.is_infinite() {
        return Err(errors::overflow_error(
            "cannot convert float infinity to integer",
        ));
    }
    if x.is_nan() {
        return Err(errors::value_error("cannot convert float NaN to integer"));
    }
    if x.abs() < 9.2e18 {
        return from_i64(x as i64);
    }
    from_big(&BigInt::from_f64(x))
}

// ---- Slots ---------------------------------------------------------------

/// Runs a binary operator: `NotImplemented` unless both operands are ints;
/// `fast` first on small values (it may decline with `None`), else `big`.
#[inline(always)]
unsafe fn binop(
    a: *mut PyObject,
    b: *mut PyObject,
    fast: impl FnOnce(i64, i64) -> Option<PyResult<Owned>>,
    big: impl FnOnce(View, View) -> PyResult<Owned>,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a and b valid objects; checked to be ints before use.
        unsafe {
            if !check(a) || !check(b) {
                return Ok(Owned::from_borrowed_static(not_implemented()));
            }
            if let (Some(x), Some(y)) = (small_value(a), small_value(b)) {
                if let Some(r) = fast(x, y) {
                    return r;
                }
            }
            big(view(a), view(b))
        }
    })
}

unsafe extern "C" fn long_add(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot called with valid objects.
    unsafe {
        binop(
            a,
            b,
            |x, y| Some(from_i64(x + y)),
            |x, y| add_views(x, y, false),
        )
    }
}

unsafe extern "C" fn long_sub(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot called with valid objects.
    unsafe {
        binop(
            a,
            b,
            |x, y| Some(from_i64(x - y)),
            |x, y| add_views(x, y, true),
        )
    }
}

unsafe extern "C" fn long_mul(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot called with valid objects.
    unsafe {
        binop(
            a,
            b,
            |x, y| Some(from_i128(x as i128 * y as i128)),
            |x, y| from_big(&(x * y)),
        )
    }
}

fn floor_divmod_i64(x: i64, y: i64) -> (i64, i64) {
    let (mut q, mut r) = (x / y, x % y);
    if r != 0 && ((r < 0) != (y < 0)) {
        q -= 1;
        r += y;
    }
    (q, r)
}

fn big_divmod(x: View, y: View, msg: &str) -> PyResult<(BigInt, BigInt)> {
    x.divmod(y).ok_or_else(|| errors::zero_division_error(msg))
}

const DIV_BY_ZERO: &str = "integer division or modulo by zero";
const MOD_BY_ZERO: &str = "integer modulo by zero";

unsafe extern "C" fn long_floor_div(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot called with valid objects.
    unsafe {
        binop(
            a,
            b,
            |x, y| (y != 0).then(|| from_i64(floor_divmod_i64(x, y).0)),
            |x, y| match floor_divmod_i128(x, y) {
                Some((q, _)) => from_i128(q),
                None => from_big(&big_divmod(x, y, DIV_BY_ZERO)?.0),
            },
        )
    }
}

unsafe extern "C" fn long_mod(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot called with valid objects.
    unsafe {
        binop(
            a,
            b,
            |x, y| (y != 0).then(|| from_i64(floor_divmod_i64(x, y).1)),
            |x, y| match floor_divmod_i128(x, y) {
                Some((_, r)) => from_i128(r),
                None => from_big(&big_divmod(x, y, MOD_BY_ZERO)?.1),
            },
        )
    }
}

fn pair(q: PyResult<Owned>, r: PyResult<Owned>) -> PyResult<Owned> {
    let (q, r) = (q?, r?);
    tuple::pack(&[q.as_ptr(), r.as_ptr()])
}

unsafe extern "C" fn long_divmod(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot called with valid objects.
    unsafe {
        binop(
            a,
            b,
            |x, y| {
                (y != 0).then(|| {
                    let (q, r) = floor_divmod_i64(x, y);
                    pair(from_i64(q), from_i64(r))
                })
            },
            |x, y| {
                let (q, r) = big_divmod(x, y, DIV_BY_ZERO)?;
                pair(from_big(&q), from_big(&r))
            },
        )
    }
}

unsafe extern "C" fn long_true_div(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    const EXACT: i64 = 1 << 53;
    // SAFETY: slot called with valid objects.
    unsafe {
        binop(
            a,
            b,
            |x, y| {
                (y != 0 && x.abs() <= EXACT && y.abs() <= EXACT)
                    .then(|| float::from_f64(x as f64 / y as f64))
            },
            |x, y| {
                if y.mag.is_empty() {
                    return Err(errors::zero_division_error("division by zero"));
                }
                let q = x.true_div(y).map_err(|_| {
                    errors::overflow_error("integer division result too large for a float")
                })?;
                float::from_f64(q)
            },
        )
    }
}

/// Guards against results too large to allocate: `MemoryError` above this
/// many bits (CPython would try and fail the allocation).
const MAX_BITS: u64 = 1 << 35;

unsafe extern "C" fn long_pow(
    a: *mut PyObject,
    b: *mut PyObject,
    c: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: slot called with valid objects; each checked to be an int
        // before its digits are read.
        unsafe {
            if !check(a) || !check(b) || (c != none() && !check(c)) {
                return Ok(Owned::from_borrowed_static(not_implemented()));
            }
            if c == none() {
                return pow2(a, b);
            }
            let (x, e, m) = (to_big(a), to_big(b), to_big(c));
            if m.is_zero() {
                return Err(errors::value_error("pow() 3rd argument cannot be 0"));
            }
            let negative_output = m.neg;
            let m = m.abs();
            let (base, e) = if e.neg {
                let inv = x.modinv(&m).ok_or_else(|| {
                    errors::value_error("base is not invertible for the given modulus")
                })?;
                (inv, e.negate())
            } else {
                (x, e)
            };
            let mut r = base.modpow(&e, &m);
            if m.mag == [1] {
                r = BigInt::ZERO;
            }
            if negative_output && !r.is_zero() {
                r = r.sub(&m);
            }
            from_big(&r)
        }
    })
}

/// `a ** b` without a modulus.
unsafe fn pow2(a: *mut PyObject, b: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: a and b are ints.
    unsafe {
        if sign(b) < 0 {
            let (x, y) = (to_f64(a)?, to_f64(b)?);
            if x == 0.0 {
                return Err(errors::zero_division_error(
                    "0.0 cannot be raised to a negative power",
                ));
            }
            return float::from_f64(x.powf(y));
        }
        if let (Some(x), Some(y)) = (small_value(a), small_value(b)) {
            if let Some(r) = u32::try_from(y)
                .ok()
                .and_then(|y| (x as i128).checked_pow(y))
            {
                return from_i128(r);
            }
        }
        let (x, e) = (to_big(a), to_big(b));
        if x.mag.is_empty() || x.mag == [1] {
            let odd = e.mag.first().is_some_and(|d| d & 1 == 1);
            let r = match (x.signum(), e.is_zero()) {
                (_, true) => 1,
                (0, false) => 0,
                (-1, false) if odd => -1,
                _ => 1,
            };
            return from_i64(r);
        }
        let bits = int_arith::bit_length(&x.mag);
        match e.to_i128() {
            Some(n) if (bits as i128 - 1).saturating_mul(n) < MAX_BITS as i128 => {}
            _ => return Err(errors::no_memory()),
        }
        from_big(&x.pow(&e))
    }
}

unsafe extern "C" fn long_neg(a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is an int (slot of int).
        unsafe {
            match small_value(a) {
                Some(v) => from_i64(-v),
                None => from_digits(-sign(a), digits(a)),
            }
        }
    })
}

unsafe extern "C" fn long_pos(a: *mut PyObject) -> *mut PyObject {
    // SAFETY: a is an int (slot of int).
    guard_obj(|| unsafe { exact(a) })
}

unsafe extern "C" fn long_abs(a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is an int (slot of int).
        unsafe {
            if sign(a) < 0 {
                from_digits(1, digits(a))
            } else {
                exact(a)
            }
        }
    })
}

unsafe extern "C" fn long_bool(a: *mut PyObject) -> c_int {
    // SAFETY: a is an int (slot of int).
    unsafe { (sign(a) != 0) as c_int }
}

pub(crate) unsafe extern "C" fn long_invert(a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is an int (slot of int).
        unsafe {
            match small_value(a) {
                Some(v) => from_i64(!v),
                None => from_big(&to_big(a).invert()),
            }
        }
    })
}

/// The shift count of `b`: `ValueError` when negative, `None` when it does
/// not fit a `usize`.
fn shift_count(y: View) -> PyResult<Option<usize>> {
    if y.neg {
        return Err(errors::value_error("negative shift count"));
    }
    Ok(y.to_big().to_i128().and_then(|v| usize::try_from(v).ok()))
}

unsafe extern "C" fn long_lshift(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot called with valid objects.
    unsafe {
        binop(
            a,
            b,
            |x, y| (0..=64).contains(&y).then(|| from_i128((x as i128) << y)),
            |x, y| {
                let n = shift_count(y)?;
                if x.mag.is_empty() {
                    return from_i64(0);
                }
                match n {
                    Some(n) if (n as u64) < MAX_BITS => from_big(&x.to_big().shl(n)),
                    _ => Err(errors::no_memory()),
                }
            },
        )
    }
}

unsafe extern "C" fn long_rshift(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot called with valid objects.
    unsafe {
        binop(
            a,
            b,
            |x, y| (y >= 0).then(|| from_i64(x >> y.min(63))),
            |x, y| match shift_count(y)? {
                Some(n) => from_big(&x.to_big().shr(n)),
                None => from_i64(if x.neg { -1 } else { 0 }),
            },
        )
    }
}

/// int's `nb_and` slot (bool falls back to it).
pub(crate) unsafe extern "C" fn long_and(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot called with valid objects.
    unsafe {
        binop(
            a,
            b,
            |x, y| Some(from_i64(x & y)),
            |x, y| from_big(&x.bitop(y, |p, q| p & q)),
        )
    }
}

/// int's `nb_or` slot (bool falls back to it).
pub(crate) unsafe extern "C" fn long_or(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot called with valid objects.
    unsafe {
        binop(
            a,
            b,
            |x, y| Some(from_i64(x | y)),
            |x, y| from_big(&x.bitop(y, |p, q| p | q)),
        )
    }
}

/// int's `nb_xor` slot (bool falls back to it).
pub(crate) unsafe extern "C" fn long_xor(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot called with valid objects.
    unsafe {
        binop(
            a,
            b,
            |x, y| Some(from_i64(x ^ y)),
            |x, y| from_big(&x.bitop(y, |p, q| p ^ q)),
        )
    }
}

unsafe extern "C" fn long_float(a: *mut PyObject) -> *mut PyObject {
    // SAFETY: a is an int (slot of int).
    guard_obj(|| unsafe { float::from_f64(to_f64(a)?) })
}

unsafe extern "C" fn long_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a and b valid; read as ints only after the check.
        unsafe {
            if !check(a) || !check(b) {
                return Ok(Owned::from_borrowed_static(not_implemented()));
            }
            let ord = match (small_value(a), small_value(b)) {
                (Some(x), Some(y)) => x.cmp(&y),
                _ => view(a).compare(view(b)),
            };
            let r = match op {
                Py_LT => ord.is_lt(),
                Py_LE => ord.is_le(),
                Py_EQ => ord.is_eq(),
                Py_NE => ord.is_ne(),
                Py_GT => ord.is_gt(),
                _ => ord.is_ge(),
            };
            Ok(Owned::from_borrowed_static(pybool::from_bool(r)))
        }
    })
}

/// Frees an exact int directly (it was allocated by [`alloc`]); subclass
/// instances go through the generic path.
unsafe extern "C" fn long_dealloc(op: *mut PyObject) {
    // SAFETY: op's refcount reached zero; exact ints come from raw_malloc.
    unsafe {
        if (*op).ob_type == &raw mut PyLong_Type {
            let small = ndigits(op) <= CACHED_DIGITS;
            if !(small
                && FREE
                    .try_with(|f| f.push(op.cast(), FREELIST_MAX))
                    .unwrap_or(false))
            {
                crate::object::alloc::raw_free(op.cast());
            }
        } else {
            crate::object::object::object_dealloc(op);
        }
    }
}

unsafe extern "C" fn long_hash(a: *mut PyObject) -> Py_hash_t {
    // SAFETY: a is an int (slot of int).
    unsafe { hash_value(a) }
}

unsafe extern "C" fn long_repr(a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is an int (slot of int).
        unsafe {
            if let Some(v) = small_value(a) {
                let mut buf = [0u8; 24];
                return pystr::from_str(format_i64(v, &mut buf));
            }
            pystr::from_str(&decimal_string(a)?)
        }
    })
}

/// Decimal digits of `v` written into `buf` (no allocation).
fn format_i64(v: i64, buf: &mut [u8; 24]) -> &str {
    let mut i = buf.len();
    let mut m = v.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (m % 10) as u8;
        m /= 10;
        if m == 0 {
            break;
        }
    }
    if v < 0 {
        i -= 1;
        buf[i] = b'-';
    }
    std::str::from_utf8(&buf[i..]).unwrap_or("0")
}

static mut LONG_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_add: Some(long_add),
    nb_subtract: Some(long_sub),
    nb_multiply: Some(long_mul),
    nb_remainder: Some(long_mod),
    nb_divmod: Some(long_divmod),
    nb_power: Some(long_pow),
    nb_negative: Some(long_neg),
    nb_positive: Some(long_pos),
    nb_absolute: Some(long_abs),
    nb_bool: Some(long_bool),
    nb_invert: Some(long_invert),
    nb_lshift: Some(long_lshift),
    nb_rshift: Some(long_rshift),
    nb_and: Some(long_and),
    nb_xor: Some(long_xor),
    nb_or: Some(long_or),
    nb_int: Some(long_pos),
    nb_float: Some(long_float),
    nb_floor_divide: Some(long_floor_div),
    nb_true_divide: Some(long_true_div),
    nb_index: Some(long_pos),
    // SAFETY: the remaining slots are nullable.
    ..unsafe { std::mem::zeroed() }
};

unsafe extern "C" fn long_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args is a tuple, kwargs NULL or a dict, tp a subtype of int.
        unsafe {
            let items = tuple::items(args);
            let nkw = if kwargs.is_null() {
                0
            } else {
                dict::len(kwargs) as usize
            };
            if items.len() + nkw > 2 {
                return Err(errors::type_error(format!(
                    "int expected at most 2 arguments, got {}",
                    items.len() + nkw
                )));
            }
            let x = items.first().copied();
            let mut base = items.get(1).copied();
            let mut pos = 0;
            while !kwargs.is_null() {
                let Some((k, v)) = dict::next(kwargs, &mut pos) else {
                    break;
                };
                let name = pystr::as_str(k)?;
                if name != "base" {
                    return Err(errors::type_error(format!(
                        "int() got an unexpected keyword argument '{name}'"
                    )));
                }
                if base.is_some() {
                    return Err(errors::type_error(
                        "argument for int() given by name ('base') and position (2)",
                    ));
                }
                base = Some(v);
            }
            let v = match (x, base) {
                (None, None) => from_i64(0)?,
                (None, Some(_)) => return Err(errors::type_error("int() missing string argument")),
                (Some(x), None) => from_object(x)?,
                (Some(x), Some(b)) => {
                    let b = number::index(b)?;
                    let base = as_i64(b.as_ptr()).unwrap_or_else(|_| {
                        errors::clear();
                        i64::MAX
                    });
                    if pystr::check(x) {
                        parse_str(x, base)?
                    } else if let Some(data) = bytes_like(x) {
                        parse_bytes(data, base)?
                    } else {
                        return Err(errors::type_error(
                            "int() can't convert non-string with explicit base",
                        ));
                    }
                }
            };
            if tp == &raw mut PyLong_Type {
                return Ok(v);
            }
            new_subtype(tp, v.as_ptr())
        }
    })
}

/// An instance of the int subclass `tp` with the value of the int `v`.
unsafe fn new_subtype(tp: *mut PyTypeObject, v: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: tp is a subtype of int whose instances start with the int
    // layout; tp_alloc gives room for max(n, 1) digits.
    unsafe {
        let n = ndigits(v);
        let alloc = (*tp)
            .tp_alloc
            .unwrap_or(crate::capi::allocation::PyType_GenericAlloc);
        let op = errors::check(alloc(tp, n.max(1) as Py_ssize_t))?;
        let dst = op.as_ptr().cast::<PyLongObject>();
        (*dst).lv_tag = (*v.cast::<PyLongObject>()).lv_tag;
        std::ptr::copy_nonoverlapping(
            (*v.cast::<PyLongObject>()).ob_digit.as_ptr(),
            (*dst).ob_digit.as_mut_ptr(),
            n.max(1),
        );
        Ok(op)
    }
}

// ---- Methods -------------------------------------------------------------

/// Parses `METH_FASTCALL | METH_KEYWORDS` arguments against `names` (the
/// first `max_pos` may be positional, the first `required` must be given)
/// with Argument Clinic's messages. Missing optional ones are NULL.
unsafe fn fast_args<const N: usize>(
    fname: &str,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
    names: [&str; N],
    max_pos: usize,
    required: usize,
) -> PyResult<[*mut PyObject; N]> {
    // SAFETY: args holds nargs positional values then one per kwnames entry.
    unsafe {
        let nargs = nargs as usize;
        if nargs > max_pos {
            return Err(errors::type_error(format!(
                "{fname}() takes at most {max_pos} positional arguments ({nargs} given)"
            )));
        }
        let mut out = [std::ptr::null_mut(); N];
        out[..nargs].copy_from_slice(std::slice::from_raw_parts(args, nargs));
        if !kwnames.is_null() {
            for (i, &k) in tuple::items(kwnames).iter().enumerate() {
                let key = pystr::as_str(k)?;
                let Some(slot) = names.iter().position(|n| *n == key) else {
                    return Err(errors::type_error(format!(
                        "{fname}() got an unexpected keyword argument '{key}'"
                    )));
                };
                if slot < nargs {
                    return Err(errors::type_error(format!(
                        "argument for {fname}() given by name ('{key}') and position ({})",
                        slot + 1
                    )));
                }
                out[slot] = *args.add(nargs + i);
            }
        }
        if let Some(i) = out[..required].iter().position(|p| p.is_null()) {
            return Err(errors::type_error(format!(
                "{fname}() missing required argument '{}' (pos {})",
                names[i],
                i + 1
            )));
        }
        Ok(out)
    }
}

/// `byteorder` and `signed` of `to_bytes`/`from_bytes`: little-endian?, signed?
unsafe fn byteorder_and_signed(
    fname: &str,
    order: *mut PyObject,
    signed: *mut PyObject,
) -> PyResult<(bool, bool)> {
    // SAFETY: both NULL or valid.
    unsafe {
        let little = if order.is_null() {
            false
        } else {
            if !pystr::check(order) {
                return Err(errors::type_error(format!(
                    "{fname}() argument 'byteorder' must be str, not {}",
                    type_name(order)
                )));
            }
            match pystr::as_str(order)? {
                "little" => true,
                "big" => false,
                _ => {
                    return Err(errors::value_error(
                        "byteorder must be either 'little' or 'big'",
                    ))
                }
            }
        };
        let signed = !signed.is_null() && protocol::is_true(signed)?;
        Ok((little, signed))
    }
}

unsafe extern "C" fn long_to_bytes(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an int; the arguments follow the vectorcall layout.
        unsafe {
            let [length, order, signed] = fast_args(
                "to_bytes",
                args,
                nargs,
                kwnames,
                ["length", "byteorder", "signed"],
                2,
                0,
            )?;
            let n = if length.is_null() {
                1
            } else {
                let l = number::index(length)?;
                if sign(l.as_ptr()) < 0 {
                    return Err(errors::value_error("length argument must be non-negative"));
                }
                as_i64_or(l.as_ptr(), "Python int too large to convert to C ssize_t")? as usize
            };
            let (little, signed) = byteorder_and_signed("to_bytes", order, signed)?;
            let v = to_big(op);
            if v.neg && !signed {
                return Err(errors::overflow_error(
                    "can't convert negative int to unsigned",
                ));
            }
            if !v.fits_bytes(n, signed) {
                return Err(errors::overflow_error("int too big to convert"));
            }
            let out = bytes::new_uninit(n)?;
            v.write_bytes(
                std::slice::from_raw_parts_mut(bytes::as_mut_ptr(out.as_ptr()), n),
                little,
            );
            Ok(out)
        }
    })
}

unsafe extern "C" fn long_from_bytes(
    cls: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: cls is int or a subclass; arguments in vectorcall layout.
        unsafe {
            let [data, order, signed] = fast_args(
                "from_bytes",
                args,
                nargs,
                kwnames,
                ["bytes", "byteorder", "signed"],
                2,
                1,
            )?;
            let (little, signed) = byteorder_and_signed("from_bytes", order, signed)?;
            // PyObject_Bytes: a buffer, __bytes__, or an iterable of ints.
            let data = bytes::of_object(data)?;
            let mut raw = bytes::as_slice(data.as_ptr()).to_vec();
            if !little {
                raw.reverse();
            }
            let v = from_big(&BigInt::from_le_bytes(&raw, signed))?;
            if cls == (&raw mut PyLong_Type).cast() {
                return Ok(v);
            }
            protocol::call_args(cls, &[v.as_ptr()])
        }
    })
}

unsafe extern "C" fn long_bit_length(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is an int.
    guard_obj(|| unsafe { from_u64(int_arith::bit_length(digits(op))) })
}

unsafe extern "C" fn long_bit_count(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is an int.
    guard_obj(|| unsafe { from_u64(digits(op).iter().map(|d| d.count_ones() as u64).sum()) })
}

unsafe extern "C" fn long_as_integer_ratio(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is an int.
    guard_obj(|| unsafe { pair(exact(op), from_i64(1)) })
}

unsafe extern "C" fn long_exact(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is an int.
    guard_obj(|| unsafe { exact(op) })
}

unsafe extern "C" fn long_is_integer(_op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| Ok(Owned::from_borrowed_static(pybool::py_true())))
}

unsafe extern "C" fn long_getnewargs(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an int.
        let v = unsafe { exact(op)? };
        tuple::pack(&[v.as_ptr()])
    })
}

/// `int.__sizeof__` (`int___sizeof___impl`): from the sizes of the
/// object's own type, so a subclass counts the fields it adds.
unsafe extern "C" fn long_sizeof(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an int; its type is ready.
        let (n, tp) = unsafe { (ndigits(op), &*(*op).ob_type) };
        from_u64((tp.tp_basicsize as usize + n.max(1) * tp.tp_itemsize as usize) as u64)
    })
}

unsafe extern "C" fn long_format(op: *mut PyObject, spec: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an int, spec valid.
        unsafe {
            if !pystr::check(spec) {
                return Err(errors::type_error(format!(
                    "__format__() argument must be str, not {}",
                    type_name(spec)
                )));
            }
            crate::object::format_fill::with_spec(spec, |spec| {
                if spec.is_empty() {
                    return protocol::str_(op);
                }
                let tname = type_name(op);
                let parsed = format_spec::parse_for(spec, tname)
                    .map_err(crate::object::float::format_error)?;
                let text = match format_spec::int_presentation(&parsed) {
                    format_spec::IntPresentation::Float => {
                        format_spec::format_float_parsed(to_f64(op)?, &parsed, tname)
                    }
                    format_spec::IntPresentation::Digits(base) if base != 10 => {
                        let ds = int_text::to_base(digits(op), base);
                        format_spec::format_int_digits_parsed(sign(op) < 0, &ds, &parsed, tname)
                    }
                    _ => {
                        let ds = int_text::to_decimal_signed(false, digits(op), max_str_digits())
                            .map_err(|e| errors::value_error(e.message))?;
                        format_spec::format_int_digits_parsed(sign(op) < 0, &ds, &parsed, tname)
                    }
                }
                .map_err(crate::object::float::format_error)?;
                pystr::from_str(&text)
            })
        }
    })
}

unsafe extern "C" fn long_round(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an int; args holds nargs values.
        unsafe {
            if nargs > 1 {
                return Err(errors::type_error(format!(
                    "__round__ expected at most 1 argument, got {nargs}"
                )));
            }
            if nargs == 0 {
                return exact(op);
            }
            let nd = number::index(*args)?;
            if sign(nd.as_ptr()) >= 0 {
                return exact(op);
            }
            let k = to_big(nd.as_ptr()).negate();
            let v = to_big(op);
            // 10**k > 2*|v| rounds to zero; skip computing a huge power.
            let bits = int_arith::bit_length(&v.mag) as i128;
            match k.to_i128() {
                Some(k) if 3 * k <= bits + 3 => {}
                _ => return from_i64(0),
            }
            let p = BigInt::from_i128(10).pow(&k);
            let (mut q, r) = big_divmod(v.view(), p.view(), DIV_BY_ZERO)?;
            let odd = q.mag.first().is_some_and(|d| d & 1 == 1);
            match r.shl(1).compare(&p) {
                std::cmp::Ordering::Greater => q = q.add(&BigInt::from_i128(1)),
                std::cmp::Ordering::Equal if odd => q = q.add(&BigInt::from_i128(1)),
                _ => {}
            }
            from_big(&q.mul(&p))
        }
    })
}

static mut LONG_METHODS: [PyMethodDef; 15] = [
    descr::method(c"conjugate", long_exact as *const c_void, METH_NOARGS).with_doc(c"conjugate($self, /)\n--\n\nThe complex conjugate; a real number is its own."),
    descr::method(c"bit_length", long_bit_length as *const c_void, METH_NOARGS).with_doc(c"bit_length($self, /)\n--\n\nThe number of bits needed to write abs(self) in binary, without sign or\nleading zeros: (37).bit_length() == 6."),
    descr::method(c"bit_count", long_bit_count as *const c_void, METH_NOARGS).with_doc(c"bit_count($self, /)\n--\n\nThe number of one bits in the binary form of abs(self) (its population\ncount): (13).bit_count() == 3."),
    descr::method(
        c"to_bytes",
        long_to_bytes as *const c_void,
        METH_FASTCALL | METH_KEYWORDS,
    ).with_doc(c"to_bytes($self, /, length=1, byteorder='big', *, signed=False)\n--\n\nThe bytes that represent the integer.\n\nlength is the number of bytes; byteorder is 'big' (most significant\nbyte first) or 'little'; signed chooses two's complement for negative\nintegers. OverflowError is raised when the value does not fit."),
    descr::method(
        c"from_bytes",
        long_from_bytes as *const c_void,
        METH_FASTCALL | METH_KEYWORDS | METH_CLASS,
    ).with_doc(c"from_bytes($type, /, bytes, byteorder='big', *, signed=False)\n--\n\nThe integer that the given bytes represent.\n\nbytes is any bytes-like object or iterable of ints; byteorder is 'big'\n(most significant byte first) or 'little'; signed reads it as two's\ncomplement."),
    descr::method(
        c"as_integer_ratio",
        long_as_integer_ratio as *const c_void,
        METH_NOARGS,
    ).with_doc(c"as_integer_ratio($self, /)\n--\n\nThe pair (self, 1): the integer as a fraction in lowest terms."),
    descr::method(c"__trunc__", long_exact as *const c_void, METH_NOARGS).with_doc(c"__trunc__($self, /)\n--\n\nself truncated toward zero, as an int."),
    descr::method(c"__floor__", long_exact as *const c_void, METH_NOARGS).with_doc(c"__floor__($self, /)\n--\n\nThe greatest int that is <= self."),
    descr::method(c"__ceil__", long_exact as *const c_void, METH_NOARGS).with_doc(c"__ceil__($self, /)\n--\n\nThe least int that is >= self."),
    descr::method(c"__round__", long_round as *const c_void, METH_FASTCALL).with_doc(c"__round__($self, ndigits=<unrepresentable>, /)\n--\n\nself rounded to ndigits decimal digits (halfway cases to even)."),
    descr::method(
        c"__getnewargs__",
        long_getnewargs as *const c_void,
        METH_NOARGS,
    ).with_doc(c"__getnewargs__($self, /)\n--\n\nThe arguments that recreate self, for pickling."),
    descr::method(c"__format__", long_format as *const c_void, METH_O).with_doc(c"__format__($self, format_spec, /)\n--\n\nself formatted by format_spec (see format())."),
    descr::method(c"__sizeof__", long_sizeof as *const c_void, METH_NOARGS).with_doc(c"__sizeof__($self, /)\n--\n\nThe memory used by self, in bytes."),
    descr::method(c"is_integer", long_is_integer as *const c_void, METH_NOARGS).with_doc(c"is_integer($self, /)\n--\n\nTrue: every int is integral (kept for duck typing with float)."),
    descr::METHOD_END,
];

unsafe extern "C" fn get_self(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: op is an int.
    guard_obj(|| unsafe { exact(op) })
}

unsafe extern "C" fn get_zero(_: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    Owned::from_borrowed_static(small(0)).into_raw()
}

unsafe extern "C" fn get_one(_: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    Owned::from_borrowed_static(small(1)).into_raw()
}

static mut LONG_GETSET: [PyGetSetDef; 5] = [
    descr::getset(c"real", Some(get_self), None).with_doc(c"The real part: the integer itself."),
    descr::getset(c"imag", Some(get_zero), None).with_doc(c"The imaginary part: always 0."),
    descr::getset(c"numerator", Some(get_self), None)
        .with_doc(c"The numerator of the integer as a fraction in lowest terms: itself."),
    descr::getset(c"denominator", Some(get_one), None)
        .with_doc(c"The denominator of the integer as a fraction in lowest terms: 1."),
    descr::GETSET_END,
];
