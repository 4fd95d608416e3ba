//! `datetime.timedelta` (`PyDateTime_DeltaType`): days, seconds and
//! microseconds kept normalized; arithmetic on the total microseconds in
//! `i128`, which holds every value a timedelta and its products can reach
//! before the range check.
use super::{PyDateTime_Delta, MAX_DELTA_DAYS, US_PER_DAY, US_PER_SECOND};
use crate::capi::boundary::{guard, guard_obj};
use crate::ffi::*;
use crate::modules::objtype::{meth_noargs, parse};
use crate::object::descr::{method, readonly_member, METHOD_END};
use crate::object::exceptions::MEMBER_END;
use crate::object::typeobj::type_template;
use crate::object::{dict, float, int, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};
use std::cmp::Ordering;

/// `datetime.timedelta`.
pub static mut DELTA_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE,
    tp_dealloc: Some(super::plain_dealloc),
    tp_repr: Some(delta_repr),
    tp_str: Some(delta_str),
    tp_hash: Some(delta_hash),
    tp_richcompare: Some(delta_richcompare),
    tp_new: Some(delta_new),
    tp_as_number: &raw mut DELTA_AS_NUMBER,
    tp_methods: (&raw const DELTA_METHODS).cast_mut().cast(),
    tp_members: (&raw const DELTA_MEMBERS).cast_mut().cast(),
    tp_doc: c"Difference between two datetime values.\n\ntimedelta(days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0)\n\nAll arguments are optional and default to 0.\nArguments may be integers or floats, and may be positive or negative.".as_ptr(),
    ..type_template(
        c"datetime.timedelta",
        std::mem::size_of::<PyDateTime_Delta>(),
        0,
    )
};

static mut DELTA_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_add: Some(delta_add),
    nb_subtract: Some(delta_subtract),
    nb_multiply: Some(delta_multiply),
    nb_remainder: Some(delta_remainder),
    nb_divmod: Some(delta_divmod),
    nb_negative: Some(delta_negative),
    nb_positive: Some(delta_positive),
    nb_absolute: Some(delta_abs),
    nb_bool: Some(delta_bool),
    nb_floor_divide: Some(delta_floor_divide),
    nb_true_divide: Some(delta_true_divide),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

static DELTA_METHODS: [PyMethodDef; 3] = [
    method(
        c"total_seconds",
        delta_total_seconds as *const c_void,
        METH_NOARGS,
    ),
    method(c"__reduce__", delta_reduce as *const c_void, METH_NOARGS),
    METHOD_END,
];

static DELTA_MEMBERS: [PyMemberDef; 4] = [
    readonly_member(
        c"days",
        Py_T_INT,
        std::mem::offset_of!(PyDateTime_Delta, days),
    ),
    readonly_member(
        c"seconds",
        Py_T_INT,
        std::mem::offset_of!(PyDateTime_Delta, seconds),
    ),
    readonly_member(
        c"microseconds",
        Py_T_INT,
        std::mem::offset_of!(PyDateTime_Delta, microseconds),
    ),
    MEMBER_END,
];

/// Splits microseconds into (days, seconds, microseconds); `OverflowError`
/// outside the timedelta range.
pub fn split_us(us: i128) -> PyResult<(i32, i32, i32)> {
    let s = us.div_euclid(US_PER_SECOND as i128);
    let u = us.rem_euclid(US_PER_SECOND as i128) as i32;
    let d = s.div_euclid(86_400);
    let sec = s.rem_euclid(86_400) as i32;
    if d.abs() > MAX_DELTA_DAYS as i128 {
        return Err(errors::overflow_error(format!(
            "days={d}; must have magnitude <= {MAX_DELTA_DAYS}"
        )));
    }
    Ok((d as i32, sec, u))
}

/// A timedelta of type `tp` from normalized fields.
pub unsafe fn new_ex(tp: *mut PyTypeObject, d: i32, s: i32, us: i32) -> PyResult<Owned> {
    // SAFETY: tp has the timedelta layout.
    unsafe {
        let op = super::alloc(tp)?;
        let o = &mut *op.cast::<PyDateTime_Delta>();
        o.hashcode = -1;
        o.days = d;
        o.seconds = s;
        o.microseconds = us;
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// A `timedelta` of `us` microseconds.
pub fn from_us(us: i128) -> PyResult<Owned> {
    let (d, s, u) = split_us(us)?;
    // SAFETY: the timedelta type is static.
    unsafe { new_ex(super::delta_type(), d, s, u) }
}

/// The total microseconds of a timedelta.
pub unsafe fn us_of(op: *mut PyObject) -> i128 {
    // SAFETY: op is a timedelta.
    let o = unsafe { &*op.cast::<PyDateTime_Delta>() };
    o.days as i128 * US_PER_DAY as i128
        + o.seconds as i128 * US_PER_SECOND as i128
        + o.microseconds as i128
}

/// The fields of a timedelta.
pub unsafe fn fields(op: *mut PyObject) -> (i32, i32, i32) {
    // SAFETY: op is a timedelta.
    let o = unsafe { &*op.cast::<PyDateTime_Delta>() };
    (o.days, o.seconds, o.microseconds)
}

fn too_large() -> errors::Raised {
    errors::overflow_error("Python int too large to convert to C int")
}

/// Adds `num * factor` microseconds to the sum (`accum` of CPython's
/// constructor); float parts below a microsecond collect in `leftover`.
unsafe fn accum(
    name: &str,
    sum: &mut i128,
    num: *mut PyObject,
    factor: i64,
    leftover: &mut f64,
) -> PyResult<()> {
    // SAFETY: num valid.
    unsafe {
        if int::check(num) {
            let v = int::as_i128(num).ok_or_else(too_large)?;
            *sum = v
                .checked_mul(factor as i128)
                .and_then(|p| sum.checked_add(p))
                .ok_or_else(too_large)?;
            return Ok(());
        }
        if float::check(num) {
            let x = float::value(num);
            if x.is_nan() {
                return Err(errors::value_error("cannot convert float NaN to integer"));
            }
            if x.is_infinite() {
                return Err(errors::overflow_error(
                    "cannot convert float infinity to integer",
                ));
            }
            let ip = x.trunc();
            if ip.abs() > 1e36 {
                return Err(too_large());
            }
            *sum = (ip as i128)
                .checked_mul(factor as i128)
                .and_then(|p| sum.checked_add(p))
                .ok_or_else(too_large)?;
            let frac = x - ip;
            if frac != 0.0 {
                let scaled = factor as f64 * frac;
                let whole = scaled.trunc();
                *sum += whole as i128;
                *leftover += scaled - whole;
            }
            return Ok(());
        }
        Err(errors::type_error(format!(
            "unsupported type for timedelta {name} component: {}",
            super::tname(num)
        )))
    }
}

unsafe extern "C" fn delta_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple, kwargs NULL or a dict.
        unsafe {
            const NAMES: [&str; 7] = [
                "days",
                "seconds",
                "microseconds",
                "milliseconds",
                "minutes",
                "hours",
                "weeks",
            ];
            const FACTORS: [i64; 7] = [
                US_PER_DAY,
                US_PER_SECOND,
                1,
                1000,
                60 * US_PER_SECOND,
                3600 * US_PER_SECOND,
                7 * US_PER_DAY,
            ];
            let a = parse("timedelta", args, kwargs, NAMES, 0, 0)?;
            let mut sum: i128 = 0;
            let mut leftover = 0.0f64;
            // CPython accumulates in this order: microseconds first.
            for i in [2usize, 3, 1, 4, 5, 0, 6] {
                if !a[i].is_null() {
                    accum(NAMES[i], &mut sum, a[i], FACTORS[i], &mut leftover)?;
                }
            }
            if leftover != 0.0 {
                let mut whole = leftover.round();
                if (whole - leftover).abs() == 0.5 {
                    // Halfway: round to make the total even.
                    let odd = (sum & 1) as f64;
                    whole = 2.0 * ((leftover + odd) * 0.5).round() - odd;
                }
                sum += whole as i128;
            }
            let (d, s, u) = split_us(sum)?;
            new_ex(tp, d, s, u)
        }
    })
}

unsafe extern "C" fn delta_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a timedelta.
        unsafe {
            let (d, s, u) = fields(op);
            let mut parts = Vec::with_capacity(3);
            if d != 0 {
                parts.push(format!("days={d}"));
            }
            if s != 0 {
                parts.push(format!("seconds={s}"));
            }
            if u != 0 {
                parts.push(format!("microseconds={u}"));
            }
            let body = if parts.is_empty() {
                "0".to_string()
            } else {
                parts.join(", ")
            };
            pystr::from_str(&format!("{}({body})", super::repr_type_name(op)))
        }
    })
}

/// `str(timedelta)`: `[D day[s], ]H:MM:SS[.UUUUUU]`.
pub fn delta_text(d: i32, s: i32, u: i32) -> String {
    let mut out = String::new();
    if d != 0 {
        out = format!("{d} day{}, ", if d.abs() != 1 { "s" } else { "" });
    }
    out += &format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
    if u != 0 {
        out += &format!(".{u:06}");
    }
    out
}

unsafe extern "C" fn delta_str(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a timedelta.
        let (d, s, u) = unsafe { fields(op) };
        pystr::from_str(&delta_text(d, s, u))
    })
}

/// A hash of a microsecond count, shared by timedelta and the aware
/// time and datetime hashes.
pub fn hash_us(us: i128) -> Py_hash_t {
    let h = crate::object::hash::hash_bytes(&us.to_le_bytes());
    if h == -1 {
        -2
    } else {
        h
    }
}

unsafe extern "C" fn delta_hash(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: op is a timedelta.
    unsafe {
        let o = &mut *op.cast::<PyDateTime_Delta>();
        if o.hashcode == -1 {
            o.hashcode = hash_us(us_of(op));
        }
        o.hashcode
    }
}

unsafe extern "C" fn delta_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is a timedelta; b valid.
        unsafe {
            if !super::is_delta(b) {
                return Ok(super::not_implemented());
            }
            Ok(super::cmp_result(us_of(a).cmp(&us_of(b)), op))
        }
    })
}

/// Both operands as microseconds when both are timedeltas.
unsafe fn both(a: *mut PyObject, b: *mut PyObject) -> Option<(i128, i128)> {
    // SAFETY: a and b valid.
    unsafe { (super::is_delta(a) && super::is_delta(b)).then(|| (us_of(a), us_of(b))) }
}

unsafe extern "C" fn delta_add(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: operands valid.
        match unsafe { both(a, b) } {
            Some((x, y)) => from_us(x + y),
            None => Ok(super::not_implemented()),
        }
    })
}

unsafe extern "C" fn delta_subtract(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: operands valid.
        match unsafe { both(a, b) } {
            Some((x, y)) => from_us(x - y),
            None => Ok(super::not_implemented()),
        }
    })
}

/// `m / n` rounded to the nearest integer, ties to even; `n != 0`.
pub fn divide_nearest(m: i128, n: i128) -> i128 {
    let (m, n) = if n < 0 { (-m, -n) } else { (m, n) };
    let q = m.div_euclid(n);
    let r = m.rem_euclid(n);
    let twice = 2 * r;
    if twice > n || (twice == n && q & 1 == 1) {
        q + 1
    } else {
        q
    }
}

/// A float as `mant * 2**exp` with an integer mantissa (`as_integer_ratio`
/// without building the ratio).
fn float_parts(x: f64) -> PyResult<(i128, i32)> {
    if x.is_nan() {
        return Err(errors::value_error("cannot convert NaN to integer ratio"));
    }
    if x.is_infinite() {
        return Err(errors::overflow_error(
            "cannot convert Infinity to integer ratio",
        ));
    }
    if x == 0.0 {
        return Ok((0, 0));
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = (bits & ((1u64 << 52) - 1)) as i128;
    let (mut m, mut e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), exp - 1075)
    };
    while m & 1 == 0 {
        m >>= 1;
        e += 1;
    }
    Ok((if x < 0.0 { -m } else { m }, e))
}

/// `us * x`, rounded half to even.
fn multiply_float(us: i128, x: f64) -> PyResult<Owned> {
    let (m, e) = float_parts(x)?;
    let p = us.checked_mul(m).ok_or_else(too_large)?;
    if e >= 0 {
        let r = if e >= 127 && p != 0 {
            return Err(too_large());
        } else {
            p.checked_mul(1i128 << e.min(126)).ok_or_else(too_large)?
        };
        return from_us(r);
    }
    let k = -e;
    if k >= 126 {
        return from_us(0);
    }
    from_us(divide_nearest(p, 1i128 << k))
}

/// `us / x`, rounded half to even.
fn divide_float(us: i128, x: f64) -> PyResult<Owned> {
    let (m, e) = float_parts(x)?;
    if m == 0 {
        return Err(errors::zero_division_error("division by zero"));
    }
    if e >= 0 {
        if e >= 126 {
            return from_us(0);
        }
        let den = m.checked_mul(1i128 << e);
        return match den {
            Some(den) => from_us(divide_nearest(us, den)),
            None => from_us(0),
        };
    }
    let k = -e;
    let num = if us == 0 {
        0
    } else if k >= 126 {
        return Err(too_large());
    } else {
        us.checked_mul(1i128 << k).ok_or_else(too_large)?
    };
    from_us(divide_nearest(num, m))
}

/// `x.as_integer_ratio()` of a float subclass, which may override it:
/// checked to be a pair of ints that fit.
unsafe fn integer_ratio(x: *mut PyObject) -> PyResult<(i128, i128)> {
    // SAFETY: x valid.
    unsafe {
        let r = super::call_method(x, "as_integer_ratio", &[])?;
        if !tuple::check(r.as_ptr()) {
            return Err(errors::type_error(format!(
                "unexpected return type from as_integer_ratio(): expected tuple, got '{}'",
                super::tname(r.as_ptr())
            )));
        }
        let items = tuple::items(r.as_ptr());
        if items.len() != 2 {
            return Err(errors::value_error(
                "as_integer_ratio() must return a 2-tuple",
            ));
        }
        let get = |o: *mut PyObject| {
            if !int::check(o) {
                return Err(errors::type_error(
                    "as_integer_ratio() must return a pair of ints",
                ));
            }
            int::as_i128(o).ok_or_else(too_large)
        };
        let (n, d) = (get(items[0])?, get(items[1])?);
        if d <= 0 {
            return Err(errors::value_error(
                "as_integer_ratio() returned a bad denominator",
            ));
        }
        Ok((n, d))
    }
}

unsafe extern "C" fn delta_multiply(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: operands valid.
        unsafe {
            let (d, other) = if super::is_delta(a) { (a, b) } else { (b, a) };
            let us = us_of(d);
            if int::check(other) {
                let n = int::as_i128(other).ok_or_else(too_large)?;
                return from_us(us.checked_mul(n).ok_or_else(too_large)?);
            }
            if float::check(other) {
                if !float::check_exact(other) {
                    let (n, d) = integer_ratio(other)?;
                    return from_us(divide_nearest(us.checked_mul(n).ok_or_else(too_large)?, d));
                }
                return multiply_float(us, float::value(other));
            }
            Ok(super::not_implemented())
        }
    })
}

fn zero_div() -> errors::Raised {
    errors::zero_division_error("integer division or modulo by zero")
}

unsafe extern "C" fn delta_floor_divide(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: operands valid.
        unsafe {
            if !super::is_delta(a) {
                return Ok(super::not_implemented());
            }
            let us = us_of(a);
            if super::is_delta(b) {
                let d = us_of(b);
                if d == 0 {
                    return Err(zero_div());
                }
                return int::from_i128(floor_div(us, d));
            }
            if int::check(b) {
                let n = int::as_i128(b).ok_or_else(too_large)?;
                if n == 0 {
                    return Err(zero_div());
                }
                return from_us(floor_div(us, n));
            }
            Ok(super::not_implemented())
        }
    })
}

/// Python's `//` on integers.
pub fn floor_div(a: i128, b: i128) -> i128 {
    let q = a / b;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

/// Python's `%` on integers.
pub fn floor_mod(a: i128, b: i128) -> i128 {
    a - floor_div(a, b) * b
}

unsafe extern "C" fn delta_true_divide(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: operands valid.
        unsafe {
            if !super::is_delta(a) {
                return Ok(super::not_implemented());
            }
            let us = us_of(a);
            if super::is_delta(b) {
                let d = us_of(b);
                if d == 0 {
                    return Err(errors::zero_division_error("division by zero"));
                }
                return true_div(us, d);
            }
            if int::check(b) {
                let n = int::as_i128(b).ok_or_else(too_large)?;
                if n == 0 {
                    return Err(zero_div());
                }
                return from_us(divide_nearest(us, n));
            }
            if float::check(b) {
                if !float::check_exact(b) {
                    let (n, d) = integer_ratio(b)?;
                    if n == 0 {
                        return Err(zero_div());
                    }
                    return from_us(divide_nearest(us.checked_mul(d).ok_or_else(too_large)?, n));
                }
                return divide_float(us, float::value(b));
            }
            Ok(super::not_implemented())
        }
    })
}

/// `a / b` as a correctly rounded float (through int objects when the
/// operands are beyond a float's exact range).
pub fn true_div(a: i128, b: i128) -> PyResult<Owned> {
    const EXACT: i128 = 1 << 53;
    if a.abs() < EXACT && b.abs() < EXACT {
        return float::from_f64(a as f64 / b as f64);
    }
    let x = int::from_i128(a)?;
    let y = int::from_i128(b)?;
    // SAFETY: both are ints.
    unsafe { crate::object::number::binary_op(x.as_ptr(), y.as_ptr(), |nb| nb.nb_true_divide, "/") }
}

unsafe extern "C" fn delta_remainder(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: operands valid.
        match unsafe { both(a, b) } {
            Some((_, 0)) => Err(zero_div()),
            Some((x, y)) => from_us(floor_mod(x, y)),
            None => Ok(super::not_implemented()),
        }
    })
}

unsafe extern "C" fn delta_divmod(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: operands valid.
        match unsafe { both(a, b) } {
            Some((_, 0)) => Err(zero_div()),
            Some((x, y)) => {
                let q = int::from_i128(floor_div(x, y))?;
                let r = from_us(floor_mod(x, y))?;
                tuple::pack(&[q.as_ptr(), r.as_ptr()])
            }
            None => Ok(super::not_implemented()),
        }
    })
}

unsafe extern "C" fn delta_negative(a: *mut PyObject) -> *mut PyObject {
    // SAFETY: a is a timedelta.
    guard_obj(|| from_us(-unsafe { us_of(a) }))
}

unsafe extern "C" fn delta_positive(a: *mut PyObject) -> *mut PyObject {
    // SAFETY: a is a timedelta.
    guard_obj(|| from_us(unsafe { us_of(a) }))
}

unsafe extern "C" fn delta_abs(a: *mut PyObject) -> *mut PyObject {
    // SAFETY: a is a timedelta.
    guard_obj(|| from_us(unsafe { us_of(a) }.abs()))
}

unsafe extern "C" fn delta_bool(a: *mut PyObject) -> c_int {
    // SAFETY: a is a timedelta.
    guard(|| (unsafe { us_of(a) } != 0) as c_int)
}

meth_noargs!(delta_total_seconds, |slf| true_div(
    us_of(slf),
    US_PER_SECOND as i128
));

meth_noargs!(delta_reduce, |slf| {
    let (d, s, u) = fields(slf);
    let args = tuple::from_vec(vec![
        super::pyint(d as i64)?,
        super::pyint(s as i64)?,
        super::pyint(u as i64)?,
    ])?;
    tuple::pack(&[(*slf).ob_type.cast(), args.as_ptr()])
});

/// Sets `timedelta.min`, `max` and `resolution`.
pub unsafe fn add_class_attrs() -> PyResult<()> {
    // SAFETY: the type is readied.
    unsafe {
        let tp = super::delta_type();
        let d = (*tp).tp_dict;
        if !dict::get_item_known_hash_str(d, crate::interned!("max")).is_null() {
            return Ok(());
        }
        dict::set_item(
            d,
            crate::interned!("min"),
            new_ex(tp, -MAX_DELTA_DAYS as i32, 0, 0)?.as_ptr(),
        )?;
        dict::set_item(
            d,
            crate::interned!("max"),
            new_ex(tp, MAX_DELTA_DAYS as i32, 86_399, 999_999)?.as_ptr(),
        )?;
        dict::set_item(
            d,
            crate::interned!("resolution"),
            new_ex(tp, 0, 0, 1)?.as_ptr(),
        )?;
        crate::object::typeobj::modified(tp);
        Ok(())
    }
}

/// The ordering of two timedeltas, for the types that compare offsets.
pub unsafe fn compare(a: *mut PyObject, b: *mut PyObject) -> Ordering {
    // SAFETY: both are timedeltas.
    unsafe { us_of(a).cmp(&us_of(b)) }
}

/// True for the zero timedelta.
pub unsafe fn is_zero(op: *mut PyObject) -> bool {
    // SAFETY: op is a timedelta.
    unsafe { us_of(op) == 0 }
}
