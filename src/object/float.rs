//! `float` (`PyFloat_Type`): a C double (`Objects/floatobject.c`). Exact
//! floats come from a per-thread free list; arithmetic accepts float and int
//! operands (ints converted exactly or `OverflowError`), comparisons with
//! ints are exact, and the hash is CPython's numeric hash.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::float_repr;
use crate::object::freelist::BlockCache;
use crate::object::hash::{HASH_BITS, HASH_INF, HASH_MODULUS};
use crate::object::none::{none, not_implemented};
use crate::object::typeobj::{type_name, type_template};
use crate::object::{bool as pybool, descr, format_spec, int, number, protocol, tuple};
use crate::object::{str as pystr, typeobj};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::{c_int, c_void};
use std::cmp::Ordering;

/// `PyFloat_Type`.
#[no_mangle]
pub static mut PyFloat_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE | _Py_TPFLAGS_MATCH_SELF,
    tp_dealloc: Some(float_dealloc),
    tp_repr: Some(float_repr_slot),
    tp_hash: Some(float_hash),
    tp_richcompare: Some(float_richcompare),
    tp_as_number: &raw mut FLOAT_AS_NUMBER,
    tp_methods: (&raw const FLOAT_METHODS).cast_mut().cast(),
    tp_getset: (&raw const FLOAT_GETSET).cast_mut().cast(),
    tp_new: Some(float_new),
    tp_free: Some(crate::capi::memory::PyObject_Free),
    tp_doc: c"float(x=0, /)\n--\n\nA floating-point number made from a number or a string."
        .as_ptr(),
    ..type_template(c"float", std::mem::size_of::<PyFloatObject>(), 0)
};

static mut FLOAT_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_add: Some(float_add),
    nb_subtract: Some(float_sub),
    nb_multiply: Some(float_mul),
    nb_remainder: Some(float_rem),
    nb_divmod: Some(float_divmod),
    nb_power: Some(float_pow),
    nb_negative: Some(float_neg),
    nb_positive: Some(float_pos),
    nb_absolute: Some(float_abs),
    nb_bool: Some(float_bool),
    nb_int: Some(float_int),
    nb_float: Some(float_pos),
    nb_floor_divide: Some(float_floor_div),
    nb_true_divide: Some(float_div),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

static FLOAT_METHODS: [PyMethodDef; 14] = [
    descr::method(c"conjugate", float_float as *const c_void, METH_NOARGS).with_doc(c"conjugate($self, /)\n--\n\nThe complex conjugate; a real number is its own."),
    descr::method(c"__trunc__", float_trunc as *const c_void, METH_NOARGS).with_doc(c"__trunc__($self, /)\n--\n\nself truncated toward zero, as an int."),
    descr::method(c"__floor__", float_floor as *const c_void, METH_NOARGS).with_doc(c"__floor__($self, /)\n--\n\nThe greatest int that is <= self."),
    descr::method(c"__ceil__", float_ceil as *const c_void, METH_NOARGS).with_doc(c"__ceil__($self, /)\n--\n\nThe least int that is >= self."),
    descr::method(c"__round__", float_round as *const c_void, METH_FASTCALL).with_doc(c"__round__($self, ndigits=None, /)\n--\n\nself rounded to ndigits decimal digits; an int when ndigits is omitted."),
    descr::method(
        c"is_integer",
        float_is_integer as *const c_void,
        METH_NOARGS,
    ).with_doc(c"is_integer($self, /)\n--\n\nTrue if the number is integral (no fractional part)."),
    descr::method(
        c"as_integer_ratio",
        float_as_integer_ratio as *const c_void,
        METH_NOARGS,
    ).with_doc(c"as_integer_ratio($self, /)\n--\n\nA pair of integers whose ratio is exactly the float, with a positive\ndenominator; OverflowError for infinities, ValueError for NaN."),
    descr::method(c"hex", float_hex as *const c_void, METH_NOARGS).with_doc(c"hex($self, /)\n--\n\nThe exact value as hexadecimal text, as in (0.5).hex() == '0x1.0000000000000p-1'."),
    descr::method(
        c"fromhex",
        float_fromhex as *const c_void,
        METH_O | METH_CLASS,
    ).with_doc(c"fromhex($type, string, /)\n--\n\nThe float written as hexadecimal text, as in float.fromhex('0x1p-1') == 0.5."),
    descr::method(
        c"from_number",
        float_from_number as *const c_void,
        METH_O | METH_CLASS,
    ).with_doc(c"from_number($type, number, /)\n--\n\nThe number converted to this type through its __float__, __index__ or\n__complex__ method (not from a string)."),
    descr::method(
        c"__getnewargs__",
        float_getnewargs as *const c_void,
        METH_NOARGS,
    ).with_doc(c"__getnewargs__($self, /)\n--\n\nThe arguments that recreate self, for pickling."),
    descr::method(
        c"__getformat__",
        float_getformat as *const c_void,
        METH_O | METH_CLASS,
    ).with_doc(c"__getformat__($type, typestr, /)\n--\n\nThe storage format of 'double' or 'float' on this machine: 'unknown',\n'IEEE, big-endian' or 'IEEE, little-endian'. For the test suite."),
    descr::method(c"__format__", float_format as *const c_void, METH_O).with_doc(c"__format__($self, format_spec, /)\n--\n\nself formatted by format_spec (see format())."),
    descr::METHOD_END,
];

static FLOAT_GETSET: [PyGetSetDef; 3] = [
    descr::getset(c"real", Some(float_get_real), None)
        .with_doc(c"The real part: the float itself."),
    descr::getset(c"imag", Some(float_get_imag), None).with_doc(c"The imaginary part: always 0.0."),
    descr::GETSET_END,
];

/// Most exact floats kept for reuse per thread (CPython keeps 100).
const FREELIST_MAX: usize = 100;

thread_local! {
    static FREE: BlockCache = const { BlockCache::new() };
}

/// Frees the floats kept for reuse (at finalization).
pub fn clear_freelist() {
    let _ = FREE.try_with(BlockCache::drain);
}

/// Whether `op` is a float or float subclass instance (`PyFloat_Check`).
#[inline(always)]
pub unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { typeobj::instance_of(op, &raw mut PyFloat_Type) }
}

/// Whether `op` is exactly a float (`PyFloat_CheckExact`).
#[inline(always)]
pub unsafe fn check_exact(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*op).ob_type == &raw mut PyFloat_Type }
}

/// A new exact float (`PyFloat_FromDouble`).
#[inline]
pub fn from_f64(v: f64) -> PyResult<Owned> {
    let recycled = FREE
        .try_with(BlockCache::pop)
        .unwrap_or(std::ptr::null_mut());
    // SAFETY: a recycled block or fresh memory of PyFloatObject's size; the
    // header is set before the object is handed out.
    unsafe {
        let op = if recycled.is_null() {
            let p = crate::object::alloc::raw_malloc(std::mem::size_of::<PyFloatObject>());
            if p.is_null() {
                return Err(errors::no_memory());
            }
            p.cast::<PyObject>()
        } else {
            recycled.cast()
        };
        (*op).ob_refcnt = 1;
        (*op).ob_overflow = 0;
        (*op).ob_flags = 0;
        (*op).ob_type = &raw mut PyFloat_Type;
        (*op.cast::<PyFloatObject>()).ob_fval = v;
        Ok(Owned::from_raw_unchecked(op))
    }
}

unsafe extern "C" fn float_dealloc(op: *mut PyObject) {
    // SAFETY: op's count reached zero; exact floats own plain malloc blocks.
    unsafe {
        if !check_exact(op) {
            return crate::object::object::object_dealloc(op);
        }
        let kept = FREE
            .try_with(|f| f.push(op.cast(), FREELIST_MAX))
            .unwrap_or(false);
        if !kept {
            crate::object::alloc::raw_free(op.cast());
        }
    }
}

/// The value of a float object (`PyFloat_AS_DOUBLE`).
#[inline(always)]
pub unsafe fn value(op: *mut PyObject) -> f64 {
    // SAFETY: op is a float.
    unsafe { (*op.cast::<PyFloatObject>()).ob_fval }
}

/// An instance of the float subclass `tp` holding `v` (`float_subtype_new`).
unsafe fn subtype_from_f64(tp: *mut PyTypeObject, v: f64) -> PyResult<Owned> {
    // SAFETY: tp is a ready subtype of float, so its instances start with a
    // PyFloatObject.
    unsafe {
        let alloc = (*tp)
            .tp_alloc
            .unwrap_or(crate::capi::allocation::PyType_GenericAlloc);
        let op = errors::check(alloc(tp, 0))?;
        (*op.as_ptr().cast::<PyFloatObject>()).ob_fval = v;
        Ok(op)
    }
}

// ---------------------------------------------------------------------------
// int <-> double
// ---------------------------------------------------------------------------

const DIGIT_BITS: u32 = PyLong_SHIFT;
const DIGIT_MASK: u64 = (1 << DIGIT_BITS) - 1;

/// Decomposes a finite nonzero `|x|` into `m * 2**e` with `m < 2**53`.
#[inline]
fn mantissa_exponent(x: f64) -> (u64, i32) {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    if biased == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), biased - 1075)
    }
}

/// The integral value `t` (finite, `t == t.trunc()`) as `m << shift`.
fn integral_parts(t: f64) -> (u64, u32) {
    if t == 0.0 {
        return (0, 0);
    }
    let (m, e) = mantissa_exponent(t);
    if e >= 0 {
        (m, e as u32)
    } else {
        (m >> (-e) as u32, 0)
    }
}

/// Base-2**30 digit `i` of `m << shift`.
#[inline]
fn shifted_digit(m: u64, shift: u32, i: usize) -> digit {
    let lo = i as u64 * DIGIT_BITS as u64;
    let shift = shift as u64;
    let d = if lo + DIGIT_BITS as u64 <= shift {
        0
    } else if lo >= shift {
        let k = lo - shift;
        if k >= 64 {
            0
        } else {
            m >> k
        }
    } else {
        m << (shift - lo)
    };
    (d & DIGIT_MASK) as digit
}

/// Number of digits of `m << shift` (0 for zero).
#[inline]
fn shifted_ndigits(m: u64, shift: u32) -> usize {
    if m == 0 {
        return 0;
    }
    let bits = (64 - m.leading_zeros()) as usize + shift as usize;
    bits.div_ceil(DIGIT_BITS as usize)
}

/// A new int equal to `±(m << shift)`.
pub fn int_from_shifted(m: u64, shift: u32, negative: bool) -> PyResult<Owned> {
    let ds: Vec<digit> = (0..shifted_ndigits(m, shift))
        .map(|i| shifted_digit(m, shift, i))
        .collect();
    int::from_digits(if negative { -1 } else { 1 }, &ds)
}

/// Compares the float `x` with the int `w` exactly; `None` when `x` is NaN.
unsafe fn compare_with_int(x: f64, w: *mut PyObject) -> Option<Ordering> {
    // SAFETY: w is an int.
    let (ds, wsign) = unsafe { (int::digits(w), int::sign(w)) };
    if ds.len() <= 1 {
        // Fits in 30 bits: converts exactly.
        let v = ds.first().copied().unwrap_or(0) as f64;
        return x.partial_cmp(&if wsign < 0 { -v } else { v });
    }
    if x.is_nan() {
        return None;
    }
    let xsign = if x > 0.0 {
        1
    } else if x < 0.0 {
        -1
    } else {
        0
    };
    if xsign != wsign || x.is_infinite() {
        return Some(if x.is_infinite() {
            x.partial_cmp(&0.0).unwrap()
        } else {
            xsign.cmp(&wsign)
        });
    }
    // Same sign, both nonzero: compare magnitudes, then flip for negatives.
    let ax = x.abs();
    let t = ax.trunc();
    let (m, shift) = integral_parts(t);
    let xn = shifted_ndigits(m, shift);
    let mut ord = xn.cmp(&ds.len());
    if ord == Ordering::Equal {
        for i in (0..xn).rev() {
            ord = shifted_digit(m, shift, i).cmp(&ds[i]);
            if ord != Ordering::Equal {
                break;
            }
        }
    }
    if ord == Ordering::Equal && ax != t {
        ord = Ordering::Greater;
    }
    Some(if xsign < 0 { ord.reverse() } else { ord })
}

// ---------------------------------------------------------------------------
// Conversions from other objects
// ---------------------------------------------------------------------------

/// The value of a float or int operand; `None` for any other type (the
/// operation returns `NotImplemented`).
#[inline(always)]
unsafe fn operand(op: *mut PyObject) -> PyResult<Option<f64>> {
    // SAFETY: op valid.
    unsafe {
        if check(op) {
            Ok(Some(value(op)))
        } else if int::check(op) {
            int::to_f64(op).map(Some)
        } else {
            Ok(None)
        }
    }
}

/// The `nb_float` slot of `op`'s type, if any.
unsafe fn nb_float_of(op: *mut PyObject) -> unaryfunc {
    // SAFETY: op valid; tp_as_number NULL or a table.
    unsafe {
        let nb = (*(*op).ob_type).tp_as_number;
        if nb.is_null() {
            None
        } else {
            (*nb).nb_float
        }
    }
}

/// Whether `op`'s type has `nb_index`.
unsafe fn has_index(op: *mut PyObject) -> bool {
    // SAFETY: op valid; tp_as_number NULL or a table.
    unsafe {
        let nb = (*(*op).ob_type).tp_as_number;
        !nb.is_null() && (*nb).nb_index.is_some()
    }
}

/// Calls `__float__` and checks that it returned a float; an instance of
/// a strict subclass of float is accepted with a `DeprecationWarning`, as
/// `PyNumber_Float` and `PyFloat_AsDouble` do.
unsafe fn call_nb_float(
    op: *mut PyObject,
    f: unsafe extern "C" fn(*mut PyObject) -> *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: op valid; f is its type's nb_float.
    unsafe {
        let r = errors::check(f(op))?;
        if check_exact(r.as_ptr()) {
            return Ok(r);
        }
        let what = format!(
            "{}.__float__ returned non-float (type {})",
            type_name(op),
            type_name(r.as_ptr())
        );
        if !check(r.as_ptr()) {
            return Err(errors::type_error(what));
        }
        crate::modules::_warnings::deprecation(
            &format!(
                "{what}.  The ability to return an instance of a strict subclass of float is deprecated, and may be removed in a future version of Python."
            ),
            1,
        )?;
        Ok(r)
    }
}

/// `PyFloat_AsDouble`: a float's value, else `__float__`, else
/// `__index__`; `TypeError("must be real number, not X")` otherwise.
pub unsafe fn as_f64(op: *mut PyObject) -> PyResult<f64> {
    // SAFETY: op valid.
    unsafe {
        if check(op) {
            return Ok(value(op));
        }
        let Some(f) = nb_float_of(op) else {
            if has_index(op) {
                let i = number::index(op)?;
                return int::to_f64(i.as_ptr());
            }
            return Err(errors::type_error(format!(
                "must be real number, not {}",
                type_name(op)
            )));
        };
        Ok(value(call_nb_float(op, f)?.as_ptr()))
    }
}

/// `PyNumber_Float`: `float(x)` for an exact result — the same object for
/// an exact float, else `__float__`, `__index__`, a float subclass's value,
/// or the text of a str/bytes.
pub unsafe fn from_object(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op valid.
    unsafe {
        if check_exact(op) {
            return Ok(Owned::from_borrowed(op));
        }
        if let Some(f) = nb_float_of(op) {
            let r = call_nb_float(op, f)?;
            if check_exact(r.as_ptr()) {
                return Ok(r);
            }
            return from_f64(value(r.as_ptr()));
        }
        if has_index(op) {
            let i = number::index(op)?;
            return from_f64(int::to_f64(i.as_ptr())?);
        }
        if check(op) {
            return from_f64(value(op));
        }
        from_string(op)
    }
}

/// `PyFloat_FromString`: parses a str, or the bytes of a bytes-like object
/// (bytes, bytearray, buffer).
pub unsafe fn from_string(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op valid.
    unsafe {
        if pystr::check(op) {
            return match float_repr::parse_float(pystr::as_str(op)?) {
                Ok(v) => from_f64(v),
                Err(e) => Err(errors::value_error(e.message)),
            };
        }
        let Some(data) = crate::object::bytes_methods::bytes_like(op)? else {
            return Err(errors::type_error(format!(
                "float() argument must be a string or a real number, not '{}'",
                type_name(op)
            )));
        };
        match float_repr::parse_float_bytes(&data) {
            Ok(v) => from_f64(v),
            Err(_) => Err(errors::value_error(format!(
                "could not convert string to float: {}",
                protocol::repr_string(op)?
            ))),
        }
    }
}

// ---------------------------------------------------------------------------
// Hash and comparison
// ---------------------------------------------------------------------------

/// `_Py_HashDouble(inst, v)`: the numeric hash, equal to the hash of an
/// equal int or fraction; NaN hashes by the identity of `inst`.
pub fn hash_f64(inst: *mut PyObject, v: f64) -> Py_hash_t {
    if !v.is_finite() {
        if v.is_infinite() {
            return if v > 0.0 { HASH_INF } else { -HASH_INF };
        }
        return crate::object::object::hash_pointer(inst.cast());
    }
    if v == 0.0 {
        return 0;
    }
    // v = m * 2**e, and 2**61 == 1 (mod 2**61 - 1): the hash is m rotated
    // left by e within 61 bits.
    let (m, e) = mantissa_exponent(v.abs());
    let k = e.rem_euclid(HASH_BITS as i32) as u32;
    let x = ((m << k) & HASH_MODULUS) | (m >> (HASH_BITS - k));
    let h = if v < 0.0 { -(x as i64) } else { x as i64 } as Py_hash_t;
    if h == -1 {
        -2
    } else {
        h
    }
}

unsafe extern "C" fn float_hash(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: op is a float.
    hash_f64(op, unsafe { value(op) })
}

/// The outcome of comparison `op` given an ordering (`None`: unordered).
#[inline]
pub fn compare_result(ord: Option<Ordering>, op: c_int) -> bool {
    match ord {
        None => op == Py_NE,
        Some(o) => match op {
            Py_LT => o == Ordering::Less,
            Py_LE => o != Ordering::Greater,
            Py_EQ => o == Ordering::Equal,
            Py_NE => o != Ordering::Equal,
            Py_GT => o == Ordering::Greater,
            _ => o != Ordering::Less,
        },
    }
}

unsafe extern "C" fn float_richcompare(
    v: *mut PyObject,
    w: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    // SAFETY: v is a float; w valid.
    unsafe {
        let x = value(v);
        let ord = if check(w) {
            x.partial_cmp(&value(w))
        } else if int::check(w) {
            compare_with_int(x, w)
        } else {
            return crate::object::refcount::new_ref(not_implemented());
        };
        pybool::from_bool(compare_result(ord, op))
    }
}

// ---------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------

unsafe extern "C" fn float_repr_slot(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a float.
    guard_obj(|| pystr::from_str(&float_repr::repr(unsafe { value(op) })))
}

unsafe extern "C" fn float_format(op: *mut PyObject, spec: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a float; spec valid.
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
                // Errors name the object's own type, as CPython's tp_name.
                let tname = typeobj::name_of((*op).ob_type);
                let formatted = format_spec::parse_for(spec, tname)
                    .and_then(|p| format_spec::format_float_parsed(value(op), &p, tname));
                match formatted {
                    Ok(s) => pystr::from_str(&s),
                    Err(e) => Err(format_error(e)),
                }
            })
        }
    })
}

/// Raises a format-spec error with its exception class.
pub fn format_error(e: format_spec::FormatSpecError) -> Raised {
    match e.kind {
        format_spec::ErrorKind::ValueError => errors::value_error(e.message),
        format_spec::ErrorKind::OverflowError => errors::overflow_error(e.message),
        format_spec::ErrorKind::MemoryError => errors::no_memory(),
    }
}

// ---------------------------------------------------------------------------
// Arithmetic
// ---------------------------------------------------------------------------

/// A binary operation on two float-or-int operands.
#[inline(always)]
unsafe fn binary(
    a: *mut PyObject,
    b: *mut PyObject,
    f: impl FnOnce(f64, f64) -> PyResult<f64>,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a and b valid.
        let (x, y) = unsafe { (operand(a)?, operand(b)?) };
        match (x, y) {
            (Some(x), Some(y)) => from_f64(f(x, y)?),
            _ => Ok(Owned::from_borrowed_static(not_implemented())),
        }
    })
}

unsafe extern "C" fn float_add(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot arguments are valid objects.
    unsafe { binary(a, b, |x, y| Ok(x + y)) }
}

unsafe extern "C" fn float_sub(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot arguments are valid objects.
    unsafe { binary(a, b, |x, y| Ok(x - y)) }
}

unsafe extern "C" fn float_mul(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot arguments are valid objects.
    unsafe { binary(a, b, |x, y| Ok(x * y)) }
}

unsafe extern "C" fn float_div(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot arguments are valid objects.
    unsafe {
        binary(a, b, |x, y| {
            if y == 0.0 {
                return Err(errors::zero_division_error("float division by zero"));
            }
            Ok(x / y)
        })
    }
}

/// `x % y` with the sign of `y` (`float_rem`); `y` is nonzero.
pub fn py_mod(x: f64, y: f64) -> f64 {
    let m = x % y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m + y
        } else {
            m
        }
    } else {
        0.0f64.copysign(y)
    }
}

/// `divmod(x, y)` for floats (`_float_div_mod`); `y` is nonzero.
pub fn py_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(x / y)
    };
    (floordiv, m)
}

unsafe extern "C" fn float_rem(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot arguments are valid objects.
    unsafe {
        binary(a, b, |x, y| {
            if y == 0.0 {
                return Err(errors::zero_division_error("float modulo by zero"));
            }
            Ok(py_mod(x, y))
        })
    }
}

unsafe extern "C" fn float_floor_div(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot arguments are valid objects.
    unsafe {
        binary(a, b, |x, y| {
            if y == 0.0 {
                return Err(errors::zero_division_error("float floor division by zero"));
            }
            Ok(py_divmod(x, y).0)
        })
    }
}

unsafe extern "C" fn float_divmod(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a and b valid.
        let (x, y) = unsafe { (operand(a)?, operand(b)?) };
        let (Some(x), Some(y)) = (x, y) else {
            return Ok(Owned::from_borrowed_static(not_implemented()));
        };
        if y == 0.0 {
            return Err(errors::zero_division_error("float divmod()"));
        }
        let (d, m) = py_divmod(x, y);
        let (d, m) = (from_f64(d)?, from_f64(m)?);
        tuple::pack(&[d.as_ptr(), m.as_ptr()])
    })
}

/// Whether `x` is an odd integer (`DOUBLE_IS_ODD_INTEGER`).
fn is_odd_integer(x: f64) -> bool {
    x.abs() % 2.0 == 1.0
}

/// How `x ** y` turns out for floats (`float_pow`'s special cases).
pub enum PowResult {
    /// A float result.
    Value(f64),
    /// A negative base with a fractional exponent: the result is complex.
    Complex,
}

/// `x ** y` for floats with CPython's special cases and errors.
pub fn float_pow_value(x: f64, y: f64) -> PyResult<PowResult> {
    use PowResult::*;
    if y == 0.0 {
        return Ok(Value(1.0));
    }
    if x.is_nan() {
        return Ok(Value(x));
    }
    if y.is_nan() {
        return Ok(Value(if x == 1.0 { 1.0 } else { y }));
    }
    if y.is_infinite() {
        let ax = x.abs();
        return Ok(Value(if ax == 1.0 {
            1.0
        } else if (y > 0.0) == (ax > 1.0) {
            y.abs()
        } else {
            0.0
        }));
    }
    if x.is_infinite() {
        let odd = is_odd_integer(y);
        return Ok(Value(if y > 0.0 {
            if odd {
                x
            } else {
                x.abs()
            }
        } else if odd {
            0.0f64.copysign(x)
        } else {
            0.0
        }));
    }
    if x == 0.0 {
        if y < 0.0 {
            return Err(errors::zero_division_error(
                "0.0 cannot be raised to a negative power",
            ));
        }
        return Ok(Value(if is_odd_integer(y) { x } else { 0.0 }));
    }
    if x == 1.0 {
        return Ok(Value(1.0));
    }
    let mut base = x;
    let mut negate = false;
    if x < 0.0 {
        if y != y.floor() {
            return Ok(Complex);
        }
        base = -x;
        negate = is_odd_integer(y);
    }
    if base == 1.0 {
        return Ok(Value(if negate { -1.0 } else { 1.0 }));
    }
    let r = base.powf(y);
    if r.is_infinite() {
        return Err(range_error());
    }
    Ok(Value(if negate { -r } else { r }))
}

/// `OverflowError(34, 'Numerical result out of range')`, as
/// `PyErr_SetFromErrno(PyExc_OverflowError)` raises for `ERANGE`.
pub fn range_error() -> Raised {
    let args = (|| {
        let code = int::from_i64(libc::ERANGE as i64)?;
        let msg = pystr::from_str("Numerical result out of range")?;
        tuple::pack(&[code.as_ptr(), msg.as_ptr()])
    })();
    match args {
        // SAFETY: PyExc_OverflowError is an exception class; args a tuple.
        Ok(a) => unsafe {
            errors::set_object(crate::object::exceptions::PyExc_OverflowError, a.as_ptr())
        },
        Err(r) => r,
    }
}

unsafe extern "C" fn float_pow(
    a: *mut PyObject,
    b: *mut PyObject,
    c: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: slot arguments are valid objects.
        unsafe {
            if c != none() {
                return Err(errors::type_error(
                    "pow() 3rd argument not allowed unless all arguments are integers",
                ));
            }
            let (Some(x), Some(y)) = (operand(a)?, operand(b)?) else {
                return Ok(Owned::from_borrowed_static(not_implemented()));
            };
            match float_pow_value(x, y)? {
                PowResult::Value(v) => from_f64(v),
                PowResult::Complex => crate::object::complex::power(a, b, c),
            }
        }
    })
}

unsafe extern "C" fn float_neg(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a float.
    guard_obj(|| from_f64(-unsafe { value(op) }))
}

unsafe extern "C" fn float_abs(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a float.
    guard_obj(|| from_f64(unsafe { value(op) }.abs()))
}

unsafe extern "C" fn float_bool(op: *mut PyObject) -> c_int {
    // SAFETY: op is a float.
    (unsafe { value(op) } != 0.0) as c_int
}

/// `float.__float__` / `__pos__` / `conjugate`: the same exact float, or a
/// new exact float with a subclass instance's value.
unsafe extern "C" fn float_float(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a float.
    unsafe {
        if check_exact(op) {
            return crate::object::refcount::new_ref(op);
        }
        guard_obj(|| from_f64(value(op)))
    }
}

unsafe extern "C" fn float_pos(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a float.
    unsafe { float_float(op, std::ptr::null_mut()) }
}

unsafe extern "C" fn float_int(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a float.
    unsafe { float_trunc(op, std::ptr::null_mut()) }
}

unsafe extern "C" fn float_trunc(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a float.
    guard_obj(|| int::from_f64(unsafe { value(op) }))
}

unsafe extern "C" fn float_floor(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a float.
    guard_obj(|| int::from_f64(unsafe { value(op) }.floor()))
}

unsafe extern "C" fn float_ceil(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a float.
    guard_obj(|| int::from_f64(unsafe { value(op) }.ceil()))
}

// ---------------------------------------------------------------------------
// Rounding
// ---------------------------------------------------------------------------

/// `round(x, ndigits)` for floats: correctly rounded half-even on the exact
/// binary value (as `double_round` does with `_Py_dg_dtoa` mode 3).
pub fn round_to_digits(x: f64, ndigits: i64) -> PyResult<f64> {
    const NDIGITS_MAX: i64 = 323;
    const NDIGITS_MIN: i64 = -308;
    if !x.is_finite() || x == 0.0 || ndigits > NDIGITS_MAX {
        return Ok(x);
    }
    if ndigits < NDIGITS_MIN {
        return Ok(0.0 * x);
    }
    if ndigits >= 0 {
        let text = format!("{:.*}", ndigits as usize, x);
        return Ok(text.parse::<f64>().unwrap_or(x));
    }
    // Round the exact integral part at 10**p, using the dropped digits and
    // the fraction to break ties.
    let p = (-ndigits) as usize;
    let t = x.abs().trunc();
    let has_fraction = x.abs() != t;
    let mut digits = format!("{:.0}", t).into_bytes();
    if digits.len() < p + 1 {
        let mut padded = vec![b'0'; p + 1 - digits.len()];
        padded.extend_from_slice(&digits);
        digits = padded;
    }
    let keep_len = digits.len() - p;
    let first_dropped = digits[keep_len];
    let rest_nonzero = has_fraction || digits[keep_len + 1..].iter().any(|&d| d != b'0');
    let last_odd = (digits[keep_len - 1] - b'0') % 2 == 1;
    let mut kept = digits[..keep_len].to_vec();
    if first_dropped > b'5' || (first_dropped == b'5' && (rest_nonzero || last_odd)) {
        let mut i = kept.len();
        loop {
            if i == 0 {
                kept.insert(0, b'1');
                break;
            }
            i -= 1;
            if kept[i] == b'9' {
                kept[i] = b'0';
            } else {
                kept[i] += 1;
                break;
            }
        }
    }
    let text = format!("{}e{}", String::from_utf8_lossy(&kept), p);
    let r = text.parse::<f64>().unwrap_or(f64::INFINITY);
    if r.is_infinite() {
        return Err(errors::overflow_error(
            "rounded value too large to represent",
        ));
    }
    Ok(r.copysign(x))
}

unsafe extern "C" fn float_round(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a float; args holds nargs objects.
        unsafe {
            if nargs > 1 {
                return Err(errors::type_error(format!(
                    "__round__ expected at most 1 argument, got {nargs}"
                )));
            }
            let x = value(op);
            let nd = if nargs == 1 { *args } else { none() };
            if nd == none() {
                return int::from_f64(x.round_ties_even());
            }
            let i = number::index(nd)?;
            // PyNumber_AsSsize_t(o, NULL): out-of-range values clamp.
            let ndigits = match int::as_i64(i.as_ptr()) {
                Ok(v) => v,
                Err(_) => {
                    errors::clear();
                    if int::sign(i.as_ptr()) < 0 {
                        i64::MIN
                    } else {
                        i64::MAX
                    }
                }
            };
            from_f64(round_to_digits(x, ndigits)?)
        }
    })
}

// ---------------------------------------------------------------------------
// Other methods
// ---------------------------------------------------------------------------

unsafe extern "C" fn float_is_integer(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a float.
    let x = unsafe { value(op) };
    pybool::from_bool(x.is_finite() && x == x.floor())
}

unsafe extern "C" fn float_as_integer_ratio(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a float.
        let x = unsafe { value(op) };
        let Some((m, shift)) = float_repr::as_integer_ratio(x) else {
            return Err(if x.is_nan() {
                errors::value_error("cannot convert NaN to integer ratio")
            } else {
                errors::overflow_error("cannot convert Infinity to integer ratio")
            });
        };
        let (num, den) = if shift >= 0 {
            (
                int_from_shifted(m.unsigned_abs(), shift as u32, m < 0)?,
                int::from_i64(1)?,
            )
        } else {
            (
                int::from_i64(m)?,
                int_from_shifted(1, shift.unsigned_abs(), false)?,
            )
        };
        tuple::pack(&[num.as_ptr(), den.as_ptr()])
    })
}

unsafe extern "C" fn float_hex(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a float.
    guard_obj(|| pystr::from_str(&float_repr::float_hex(unsafe { value(op) })))
}

/// A classmethod's float result: the float itself for `float`, `cls(x)`
/// for a subclass.
unsafe fn for_class(cls: *mut PyObject, x: Owned) -> PyResult<Owned> {
    if cls == (&raw mut PyFloat_Type).cast() {
        return Ok(x);
    }
    // SAFETY: cls is a type object.
    unsafe { protocol::call_args(cls, &[x.as_ptr()]) }
}

unsafe extern "C" fn float_fromhex(cls: *mut PyObject, s: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: cls is a type; s valid.
        unsafe {
            if !pystr::check(s) {
                return Err(errors::type_error(
                    "bad argument type for built-in operation",
                ));
            }
            let x = match float_repr::float_fromhex(pystr::as_str(s)?) {
                Ok(x) => x,
                Err(e @ float_repr::FromHexError::Invalid) => {
                    return Err(errors::value_error(e.message()))
                }
                Err(e @ float_repr::FromHexError::Overflow) => {
                    return Err(errors::overflow_error(e.message()))
                }
            };
            for_class(cls, from_f64(x)?)
        }
    })
}

unsafe extern "C" fn float_from_number(cls: *mut PyObject, x: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: cls is a type; x valid.
        unsafe {
            if !check(x) && nb_float_of(x).is_none() && !has_index(x) {
                return Err(errors::type_error(format!(
                    "must be real number, not {}",
                    type_name(x)
                )));
            }
            for_class(cls, from_object(x)?)
        }
    })
}

unsafe extern "C" fn float_getnewargs(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a float.
        let v = from_f64(unsafe { value(op) })?;
        tuple::pack(&[v.as_ptr()])
    })
}

unsafe extern "C" fn float_getformat(_cls: *mut PyObject, t: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: t valid.
        unsafe {
            if !pystr::check(t) {
                return Err(errors::type_error(format!(
                    "__getformat__() argument must be str, not {}",
                    type_name(t)
                )));
            }
            match pystr::as_str(t)? {
                "double" | "float" => pystr::from_str("IEEE, little-endian"),
                _ => Err(errors::value_error(
                    "__getformat__() argument 1 must be 'double' or 'float'",
                )),
            }
        }
    })
}

unsafe extern "C" fn float_get_real(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a float.
    unsafe { float_float(op, std::ptr::null_mut()) }
}

unsafe extern "C" fn float_get_imag(_op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    guard_obj(|| from_f64(0.0))
}

unsafe extern "C" fn float_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: tp is float or a subtype; args a tuple; kwargs NULL or a dict.
        unsafe {
            let float_tp = &raw mut PyFloat_Type;
            if !kwargs.is_null()
                && crate::object::dict::len(kwargs) != 0
                && (tp == float_tp
                    || (*tp).tp_init.map(|f| f as usize) == (*float_tp).tp_init.map(|f| f as usize))
            {
                return Err(errors::type_error("float() takes no keyword arguments"));
            }
            let items = tuple::items(args);
            let x = match items {
                [] => from_f64(0.0)?,
                [x] => from_object(*x)?,
                _ => {
                    return Err(errors::type_error(format!(
                        "float expected at most 1 argument, got {}",
                        items.len()
                    )))
                }
            };
            if tp == float_tp {
                Ok(x)
            } else {
                subtype_from_f64(tp, value(x.as_ptr()))
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_matches_cpython() {
        let p = std::ptr::null_mut();
        assert_eq!(hash_f64(p, 0.1), 230584300921369408);
        assert_eq!(hash_f64(p, 1e300), 1224995262755759164);
        assert_eq!(hash_f64(p, -1.0), -2);
        assert_eq!(hash_f64(p, 1.0), 1);
        assert_eq!(hash_f64(p, 2.0f64.powi(61)), 1);
        assert_eq!(hash_f64(p, 0.5), 1 << 60);
        assert_eq!(hash_f64(p, f64::INFINITY), 314159);
    }

    #[test]
    fn divmod_follows_python_signs() {
        assert_eq!(py_divmod(7.5, -2.0), (-4.0, -0.5));
        assert_eq!(py_mod(-1.0, 3.0), 2.0);
        assert!(py_mod(0.0, -3.0).is_sign_negative());
        assert_eq!(py_divmod(-0.0, 5.0).0.to_bits(), (-0.0f64).to_bits());
    }

    #[test]
    fn rounding_is_half_even_on_exact_values() {
        assert_eq!(round_to_digits(2.675, 2).ok(), Some(2.67));
        assert_eq!(round_to_digits(0.125, 2).ok(), Some(0.12));
        assert_eq!(round_to_digits(0.375, 2).ok(), Some(0.38));
        assert_eq!(round_to_digits(5.0, -1).ok(), Some(0.0));
        assert_eq!(round_to_digits(15.0, -1).ok(), Some(20.0));
        assert_eq!(round_to_digits(25.0, -1).ok(), Some(20.0));
        assert_eq!(round_to_digits(25.5, -1).ok(), Some(30.0));
        assert_eq!(round_to_digits(949.0, -2).ok(), Some(900.0));
        assert_eq!(round_to_digits(951.0, -2).ok(), Some(1000.0));
        assert_eq!(round_to_digits(12345.0, -7).ok(), Some(0.0));
        assert_eq!(
            round_to_digits(-4.0, -1).map(|v| v.to_bits()).ok(),
            Some((-0.0f64).to_bits())
        );
        assert_eq!(round_to_digits(1.5, 400).ok(), Some(1.5));
    }

    #[test]
    fn shifted_digits_cover_the_value() {
        // 3 << 29 = 0x60000000 spans the first two digits.
        assert_eq!(shifted_ndigits(3, 29), 2);
        assert_eq!(shifted_digit(3, 29, 0), 1 << 29);
        assert_eq!(shifted_digit(3, 29, 1), 1);
        assert_eq!(shifted_ndigits(1, 1074), 36);
        assert_eq!(shifted_digit(1, 1074, 35), 1 << (1074 - 35 * 30));
    }
}
