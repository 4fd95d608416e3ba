//! `BINARY_OP` and `COMPARE_OP` for the eval loop, with fast paths for
//! exact ints of at most two digits and exact floats (what CPython's
//! specialized `BINARY_OP_*_INT`/`_FLOAT` and `COMPARE_OP_*` instructions
//! do). Other operands, subclasses included, take the full number protocol.
use crate::ffi::*;
use crate::object::float::{self, PyFloat_Type};
use crate::object::int::{self, PyLong_Type};
use crate::object::refcount::*;
use crate::object::{none, number};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;

/// Magnitudes up to 2**53 convert to a float exactly.
const EXACT_F64: i64 = 1 << 53;

/// An exact int's value when it has at most two digits, or an exact
/// float's value converted from one that converts exactly; None otherwise.
#[inline(always)]
unsafe fn as_exact_f64(v: *mut PyObject) -> Option<f64> {
    // SAFETY: v valid.
    unsafe {
        let t = (*v).ob_type;
        if t == &raw mut PyFloat_Type {
            Some(float::value(v))
        } else if t == &raw mut PyLong_Type {
            let x = int::small_value(v)?;
            (x.abs() <= EXACT_F64).then_some(x as f64)
        } else {
            None
        }
    }
}

/// The float result of `a <op> b` when one operand is an exact float and
/// the other an exact float or small exact int, and the operation is one
/// of + - * / that cannot raise; None otherwise.
#[inline(always)]
unsafe fn float_result(a: *mut PyObject, b: *mut PyObject, i: u32) -> Option<f64> {
    // SAFETY: a and b valid.
    unsafe {
        if (*a).ob_type != &raw mut PyFloat_Type && (*b).ob_type != &raw mut PyFloat_Type {
            return None;
        }
        let (x, y) = (as_exact_f64(a)?, as_exact_f64(b)?);
        match i {
            0 | 13 => Some(x + y),
            5 | 18 => Some(x * y),
            10 | 23 => Some(x - y),
            // Division by zero raises: left to float's slot.
            11 | 24 if y != 0.0 => Some(x / y),
            _ => None,
        }
    }
}

/// The result of `x <op> y` on two small ints, when it is an int computed
/// without the general int code; None otherwise (`/` gives a float and is
/// handled by [`int_true_divide`]).
#[inline(always)]
fn int_result(x: i64, y: i64, i: u32) -> Option<i64> {
    // Two-digit values have at most 60 bits: + and - cannot overflow.
    match i {
        0 | 13 => Some(x + y),
        10 | 23 => Some(x - y),
        5 | 18 => x.checked_mul(y),
        // Floor division and modulo round toward minus infinity; division
        // by zero raises and is left to int's slot.
        2 | 15 if y != 0 => {
            let q = x / y;
            Some(if x % y != 0 && (x < 0) != (y < 0) {
                q - 1
            } else {
                q
            })
        }
        6 | 19 if y != 0 => {
            let r = x % y;
            Some(if r != 0 && (r < 0) != (y < 0) {
                r + y
            } else {
                r
            })
        }
        1 | 14 => Some(x & y),
        7 | 20 => Some(x | y),
        12 | 25 => Some(x ^ y),
        _ => None,
    }
}

/// `x / y` on two small ints whose magnitudes convert to floats exactly:
/// the quotient of the two floats is the correctly rounded result.
#[inline(always)]
fn int_true_divide(x: i64, y: i64, i: u32) -> Option<f64> {
    (matches!(i, 11 | 24) && y != 0 && x.abs() <= EXACT_F64 && y.abs() <= EXACT_F64)
        .then(|| x as f64 / y as f64)
}

/// `BINARY_OP i` on the two stack operands, which it consumes: the int
/// results of two exact ints of one digit and `+ - * /` of two exact floats
/// here (inlined into the eval loop, as CPython's specialized
/// `BINARY_OP_*_INT`/`_FLOAT`), the rest in [`binary_op_consume`].
#[inline(always)]
pub unsafe fn binary_op_owned(a: *mut PyObject, b: *mut PyObject, i: u32) -> PyResult<Owned> {
    // SAFETY: a and b are owned references.
    unsafe {
        // One type compared for both operands, and each fast path reads
        // the values without checking it again.
        let t = (*a).ob_type;
        if t == (*b).ob_type {
            if t == &raw mut PyFloat_Type {
                let (x, y) = (float::value(a), float::value(b));
                let r = match i {
                    0 | 13 => Some(x + y),
                    5 | 18 => Some(x * y),
                    10 | 23 => Some(x - y),
                    // Division by zero raises: left to float's slot.
                    11 | 24 if y != 0.0 => Some(x / y),
                    _ => None,
                };
                if let Some(r) = r {
                    return float_consume::<true>(a, b, r);
                }
            } else if t == &raw mut PyLong_Type {
                if let (Some(x), Some(y)) = (int::compact_int_value(a), int::compact_int_value(b)) {
                    if let Some(r) = int_result(x, y, i) {
                        decref(a);
                        decref(b);
                        return int::from_i64(r);
                    }
                }
            }
        }
        binary_op_consume(a, b, i)
    }
}

/// The float `r`, computed from owned operands `a` and `b`, which it
/// consumes: written into an operand that is an exact float no one else
/// holds (as CPython 3.14's `_PyFloat_FromDouble_ConsumeInputs`), else a
/// new float. `FLOATS`: both operands are known to be exact floats.
#[inline(always)]
unsafe fn float_consume<const FLOATS: bool>(
    a: *mut PyObject,
    b: *mut PyObject,
    r: f64,
) -> PyResult<Owned> {
    // SAFETY: a and b are owned references; an operand whose count is 1 is
    // referenced only by the caller, so changing its value is unobservable.
    unsafe {
        // Written out rather than a loop over the two orders, which the
        // compiler kept as an array on the stack.
        let spare = |o: *mut PyObject| {
            (FLOATS || (*o).ob_type == &raw mut PyFloat_Type) && (*o).ob_refcnt == 1
        };
        let (mine, other) = if spare(a) {
            (a, b)
        } else if spare(b) {
            (b, a)
        } else {
            decref(a);
            decref(b);
            return float::from_f64(r);
        };
        (*mine.cast::<PyFloatObject>()).ob_fval = r;
        decref(other);
        Ok(Owned::from_raw_unchecked(mine))
    }
}

/// [`binary_op_owned`] past its inlined cases.
#[inline(never)]
unsafe fn binary_op_consume(a: *mut PyObject, b: *mut PyObject, i: u32) -> PyResult<Owned> {
    // SAFETY: a and b are owned references; an operand whose count is 1 is
    // referenced only by the caller, so changing its value is unobservable.
    unsafe {
        let t = (*a).ob_type;
        if t == (*b).ob_type && t == &raw mut PyLong_Type {
            if let (Some(x), Some(y)) = (int::small_value(a), int::small_value(b)) {
                if let Some(r) = int_result(x, y, i) {
                    decref(a);
                    decref(b);
                    return int::from_i64(r);
                }
            }
        }
        if let Some(r) = float_result(a, b, i) {
            return float_consume::<false>(a, b, r);
        }
        let r = binary_op(a, b, i);
        decref(a);
        decref(b);
        r
    }
}

/// `BINARY_OP i` (in-place forms for `i >= 13`).
pub unsafe fn binary_op(a: *mut PyObject, b: *mut PyObject, i: u32) -> PyResult<Owned> {
    use number::{binary_op as bin, inplace_op as inp};
    // SAFETY: a and b valid.
    unsafe {
        let t = (*a).ob_type;
        if t == (*b).ob_type && t == &raw mut PyLong_Type {
            if let (Some(x), Some(y)) = (int::small_value(a), int::small_value(b)) {
                if let Some(r) = int_result(x, y, i) {
                    return int::from_i64(r);
                }
                if let Some(r) = int_true_divide(x, y, i) {
                    return float::from_f64(r);
                }
            }
        }
        if let Some(r) = float_result(a, b, i) {
            return float::from_f64(r);
        }
        // Both exact ints or exact floats: their own slot handles the pair
        // (no subclass may intervene).
        if t == (*b).ob_type && (t == &raw mut PyLong_Type || t == &raw mut PyFloat_Type) {
            let nb = &*(*t).tp_as_number;
            let slot = match i % 13 {
                0 => nb.nb_add,
                1 => nb.nb_and,
                2 => nb.nb_floor_divide,
                3 => nb.nb_lshift,
                5 => nb.nb_multiply,
                6 => nb.nb_remainder,
                7 => nb.nb_or,
                9 => nb.nb_rshift,
                10 => nb.nb_subtract,
                11 => nb.nb_true_divide,
                12 => nb.nb_xor,
                _ => None,
            };
            if let Some(f) = slot {
                let r = errors::check(f(a, b))?;
                if r.as_ptr() != none::not_implemented() {
                    return Ok(r);
                }
            }
        }
        macro_rules! table {
            ($($n:literal => $slot:ident, $islot:ident, $sym:literal;)*) => {
                match i {
                    $($n => bin(a, b, |nb| nb.$slot, $sym),)*
                    $(n if n == $n + 13 => inp(a, b, |nb| nb.$islot, |nb| nb.$slot, concat!($sym, "=")),)*
                    _ => Err(errors::system_error("bad BINARY_OP")),
                }
            };
        }
        match i {
            0 => return number::add(a, b),
            5 => return number::multiply(a, b),
            8 => return number::power(a, b, none::none()),
            13 => return number::inplace_add(a, b),
            18 => return number::inplace_multiply(a, b),
            21 => return number::inplace_power(a, b, none::none()),
            _ => {}
        }
        table! {
            1 => nb_and, nb_inplace_and, "&";
            2 => nb_floor_divide, nb_inplace_floor_divide, "//";
            3 => nb_lshift, nb_inplace_lshift, "<<";
            4 => nb_matrix_multiply, nb_inplace_matrix_multiply, "@";
            6 => nb_remainder, nb_inplace_remainder, "%";
            7 => nb_or, nb_inplace_or, "|";
            9 => nb_rshift, nb_inplace_rshift, ">>";
            10 => nb_subtract, nb_inplace_subtract, "-";
            11 => nb_true_divide, nb_inplace_true_divide, "/";
            12 => nb_xor, nb_inplace_xor, "^";
        }
    }
}

/// `COMPARE_OP` of two exact ints of at most two digits or two exact
/// floats (the rich comparison they would run, without its dispatch);
/// None for other operands.
#[inline(always)]
pub unsafe fn compare_fast(a: *mut PyObject, b: *mut PyObject, op: u32) -> Option<bool> {
    use std::cmp::Ordering;
    // SAFETY: a and b valid.
    unsafe {
        let t = (*a).ob_type;
        if t != (*b).ob_type {
            return None;
        }
        let ord = if t == &raw mut PyLong_Type {
            let (x, y) = match (int::compact_value(a), int::compact_value(b)) {
                (Some(x), Some(y)) => (x, y),
                _ => (int::small_value(a)?, int::small_value(b)?),
            };
            x.cmp(&y)
        } else if t == &raw mut PyFloat_Type {
            match float::value(a).partial_cmp(&float::value(b)) {
                Some(o) => o,
                // NaN: only != holds.
                None => return Some(op == Py_NE as u32),
            }
        } else {
            return None;
        };
        Some(match op as i32 {
            Py_LT => ord == Ordering::Less,
            Py_LE => ord != Ordering::Greater,
            Py_EQ => ord == Ordering::Equal,
            Py_NE => ord != Ordering::Equal,
            Py_GT => ord == Ordering::Greater,
            _ => ord != Ordering::Less,
        })
    }
}
