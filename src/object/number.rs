//! The number protocol in Rust (`Objects/abstract.c`): binary operators with
//! CPython's operand order (a right operand whose type is a subclass of the
//! left's gets the first try), in-place fallbacks, unary operators, and
//! `__index__`.
use crate::ffi::*;
use crate::object::none::not_implemented;
use crate::object::typeobj::{self, type_name};
use crate::runtime::errors::{self, check, PyResult, Raised};
use crate::Owned;

/// Picks one binary slot out of a `PyNumberMethods` table.
pub type BinSlot = fn(&PyNumberMethods) -> binaryfunc;

unsafe fn slot_of(tp: *mut PyTypeObject, pick: BinSlot) -> binaryfunc {
    // SAFETY: tp valid; tp_as_number NULL or a table.
    unsafe {
        let nb = (*tp).tp_as_number;
        if nb.is_null() {
            None
        } else {
            pick(&*nb)
        }
    }
}

/// `binary_op1`: the result, or `NotImplemented` when neither side handles it.
pub unsafe fn binary_op1(a: *mut PyObject, b: *mut PyObject, pick: BinSlot) -> PyResult<Owned> {
    // SAFETY: a and b valid.
    unsafe {
        let (ta, tb) = ((*a).ob_type, (*b).ob_type);
        let sa = slot_of(ta, pick);
        let mut sb = if ta != tb { slot_of(tb, pick) } else { None };
        if sb.map(|f| f as usize) == sa.map(|f| f as usize) {
            sb = None;
        }
        if let Some(fa) = sa {
            if let Some(fb) = sb {
                if typeobj::is_subtype(tb, ta) {
                    let r = check(fb(a, b))?;
                    if r.as_ptr() != not_implemented() {
                        return Ok(r);
                    }
                    sb = None;
                }
            }
            let r = check(fa(a, b))?;
            if r.as_ptr() != not_implemented() {
                return Ok(r);
            }
        }
        if let Some(fb) = sb {
            return check(fb(a, b));
        }
        Ok(Owned::from_borrowed_static(not_implemented()))
    }
}

/// `binary_op`: raises `TypeError` when unsupported.
pub unsafe fn binary_op(
    a: *mut PyObject,
    b: *mut PyObject,
    pick: BinSlot,
    symbol: &str,
) -> PyResult<Owned> {
    // SAFETY: a and b valid.
    unsafe {
        let r = binary_op1(a, b, pick)?;
        if r.as_ptr() != not_implemented() {
            return Ok(r);
        }
        Err(unsupported(a, b, symbol))
    }
}

/// `TypeError: unsupported operand type(s) for +: 'A' and 'B'`; for
/// `print >> f`, with CPython's hint about Python 2's print statement.
pub unsafe fn unsupported(a: *mut PyObject, b: *mut PyObject, symbol: &str) -> Raised {
    // SAFETY: a and b valid; a builtin function's method def is live.
    unsafe {
        let print_statement = symbol == ">>"
            && (*a).ob_type == &raw mut crate::object::methodobject::PyCFunction_Type
            && crate::object::methodobject::ml_name((*a.cast::<PyCFunctionObject>()).m_ml)
                == "print";
        let hint = if print_statement {
            ". Did you mean \"print(<message>, file=<output_stream>)\"?"
        } else {
            ""
        };
        errors::type_error(format!(
            "unsupported operand type(s) for {symbol}: '{}' and '{}'{hint}",
            type_name(a),
            type_name(b)
        ))
    }
}

/// An in-place operator: the in-place slot of the left operand, then the
/// plain binary operation.
pub unsafe fn inplace_op(
    a: *mut PyObject,
    b: *mut PyObject,
    ipick: BinSlot,
    pick: BinSlot,
    symbol: &str,
) -> PyResult<Owned> {
    // SAFETY: a and b valid.
    unsafe {
        if let Some(f) = slot_of((*a).ob_type, ipick) {
            let r = check(f(a, b))?;
            if r.as_ptr() != not_implemented() {
                return Ok(r);
            }
        }
        let r = binary_op1(a, b, pick)?;
        if r.as_ptr() != not_implemented() {
            return Ok(r);
        }
        Err(unsupported(a, b, symbol))
    }
}

/// A unary operator through `pick`, with CPython's message when missing.
pub unsafe fn unary_op(
    a: *mut PyObject,
    pick: fn(&PyNumberMethods) -> unaryfunc,
    symbol: &str,
) -> PyResult<Owned> {
    // SAFETY: a valid.
    unsafe {
        let nb = (*(*a).ob_type).tp_as_number;
        if !nb.is_null() {
            if let Some(f) = pick(&*nb) {
                return check(f(a));
            }
        }
        Err(errors::type_error(format!(
            "bad operand type for {symbol}: '{}'",
            type_name(a)
        )))
    }
}

/// `PyNumber_Index`: an exact int (a new reference) via `__index__`.
pub unsafe fn index(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op valid.
    unsafe {
        if crate::object::int::check(op) {
            return Ok(Owned::from_borrowed(op));
        }
        let nb = (*(*op).ob_type).tp_as_number;
        let f = if nb.is_null() { None } else { (*nb).nb_index };
        let Some(f) = f else {
            return Err(errors::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(op)
            )));
        };
        let r = check(f(op))?;
        if !crate::object::int::check(r.as_ptr()) {
            return Err(errors::type_error(format!(
                "__index__ returned non-int (type {})",
                type_name(r.as_ptr())
            )));
        }
        if (*r.as_ptr()).ob_type != &raw mut crate::object::int::PyLong_Type {
            warn_strict_int_subclass("__index__", r.as_ptr())?;
        }
        Ok(r)
    }
}

/// The `DeprecationWarning` for `__index__` or `__int__` (`method`)
/// returning `r`, an instance of a strict subclass of int.
pub(crate) unsafe fn warn_strict_int_subclass(method: &str, r: *mut PyObject) -> PyResult<()> {
    // SAFETY: r valid; the category is a live exception type.
    unsafe {
        crate::modules::_warnings::deprecation(
            &format!(
                "{method} returned non-int (type {}).  The ability to return an instance of a strict subclass of int is deprecated, and may be removed in a future version of Python.",
                type_name(r)
            ),
            1,
        )
    }
}

/// An index as `Py_ssize_t`; too large raises `IndexError` ("cannot fit
/// 'int' into an index-sized integer"), as `PyNumber_AsSsize_t(o,
/// PyExc_IndexError)` does.
pub unsafe fn index_as_ssize(op: *mut PyObject, what: &str) -> PyResult<Py_ssize_t> {
    // SAFETY: op valid.
    unsafe {
        let nb = (*(*op).ob_type).tp_as_number;
        if !crate::object::int::check(op) && (nb.is_null() || (*nb).nb_index.is_none()) {
            return Err(errors::type_error(format!(
                "{what}s must be integers or slices, not {}",
                type_name(op)
            )));
        }
        let i = index(op)?;
        crate::object::int::as_i64(i.as_ptr())
            .map(|v| v as Py_ssize_t)
            .map_err(|_| {
                errors::clear();
                errors::index_error(format!(
                    "cannot fit '{}' into an index-sized integer",
                    type_name(op)
                ))
            })
    }
}

/// Picks one ternary slot out of a `PyNumberMethods` table.
pub type TernSlot = fn(&PyNumberMethods) -> ternaryfunc;

unsafe fn tern_slot_of(tp: *mut PyTypeObject, pick: TernSlot) -> ternaryfunc {
    // SAFETY: tp valid; tp_as_number NULL or a table.
    unsafe {
        let nb = (*tp).tp_as_number;
        if nb.is_null() {
            None
        } else {
            pick(&*nb)
        }
    }
}

/// `ternary_op`: `pow(a, b, c)` dispatch over the three operands' slots
/// (`c` is None for the two-argument form).
pub unsafe fn ternary_op(
    a: *mut PyObject,
    b: *mut PyObject,
    c: *mut PyObject,
    pick: TernSlot,
    symbol: &str,
) -> PyResult<Owned> {
    // SAFETY: a, b and c valid.
    unsafe {
        let same = |x: ternaryfunc, y: ternaryfunc| x.map(|f| f as usize) == y.map(|f| f as usize);
        let (ta, tb) = ((*a).ob_type, (*b).ob_type);
        let sa = tern_slot_of(ta, pick);
        let mut sb = if ta != tb {
            tern_slot_of(tb, pick)
        } else {
            None
        };
        if same(sa, sb) {
            sb = None;
        }
        if let Some(fa) = sa {
            if let Some(fb) = sb {
                if typeobj::is_subtype(tb, ta) {
                    let r = check(fb(a, b, c))?;
                    if r.as_ptr() != not_implemented() {
                        return Ok(r);
                    }
                    sb = None;
                }
            }
            let r = check(fa(a, b, c))?;
            if r.as_ptr() != not_implemented() {
                return Ok(r);
            }
        }
        if let Some(fb) = sb {
            let r = check(fb(a, b, c))?;
            if r.as_ptr() != not_implemented() {
                return Ok(r);
            }
        }
        if c != crate::object::none::none() {
            let sc = tern_slot_of((*c).ob_type, pick);
            if let Some(fc) = sc.filter(|_| !same(sc, sa) && !same(sc, sb)) {
                let r = check(fc(a, b, c))?;
                if r.as_ptr() != not_implemented() {
                    return Ok(r);
                }
            }
            return Err(errors::type_error(format!(
                "unsupported operand type(s) for {symbol}: '{}', '{}', '{}'",
                type_name(a),
                type_name(b),
                type_name(c)
            )));
        }
        Err(unsupported(a, b, symbol))
    }
}

/// `PyNumber_Power`.
pub unsafe fn power(a: *mut PyObject, b: *mut PyObject, c: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: a, b and c valid.
    unsafe { ternary_op(a, b, c, |nb| nb.nb_power, "** or pow()") }
}

/// `PyNumber_InPlacePower`: the left operand's `nb_inplace_power`, then
/// `pow`.
pub unsafe fn inplace_power(
    a: *mut PyObject,
    b: *mut PyObject,
    c: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: a, b and c valid.
    unsafe {
        if let Some(f) = tern_slot_of((*a).ob_type, |nb| nb.nb_inplace_power) {
            let r = check(f(a, b, c))?;
            if r.as_ptr() != not_implemented() {
                return Ok(r);
            }
        }
        ternary_op(a, b, c, |nb| nb.nb_power, "**=")
    }
}

/// The sequence methods of `op`'s type, if any.
unsafe fn seq_methods<'a>(op: *mut PyObject) -> Option<&'a PySequenceMethods> {
    // SAFETY: op valid; tp_as_sequence NULL or a table.
    unsafe { (*(*op).ob_type).tp_as_sequence.as_ref() }
}

/// `sequence_repeat`: `seq * n` through `sq_repeat`.
unsafe fn sequence_repeat(
    f: unsafe extern "C" fn(*mut PyObject, Py_ssize_t) -> *mut PyObject,
    seq: *mut PyObject,
    n: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: seq and n valid.
    unsafe {
        if !index_check(n) {
            return Err(errors::type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                type_name(n)
            )));
        }
        let count = as_ssize(n, crate::object::exceptions::PyExc_OverflowError)?;
        check(f(seq, count))
    }
}

/// `PyNumber_Add`: `nb_add`, then a sequence's `sq_concat`.
pub unsafe fn add(a: *mut PyObject, b: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: a and b valid.
    unsafe {
        if let Some(r) = crate::object::int::add_small_exact(a, b) {
            return r;
        }
        let r = binary_op1(a, b, |nb| nb.nb_add)?;
        if r.as_ptr() != not_implemented() {
            return Ok(r);
        }
        if let Some(f) = seq_methods(a).and_then(|s| s.sq_concat) {
            return check(f(a, b));
        }
        Err(unsupported(a, b, "+"))
    }
}

/// `PyNumber_Multiply`: `nb_multiply`, then either side's `sq_repeat`.
pub unsafe fn multiply(a: *mut PyObject, b: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: a and b valid.
    unsafe {
        let r = binary_op1(a, b, |nb| nb.nb_multiply)?;
        if r.as_ptr() != not_implemented() {
            return Ok(r);
        }
        if let Some(f) = seq_methods(a).and_then(|s| s.sq_repeat) {
            return sequence_repeat(f, a, b);
        }
        if let Some(f) = seq_methods(b).and_then(|s| s.sq_repeat) {
            return sequence_repeat(f, b, a);
        }
        Err(unsupported(a, b, "*"))
    }
}

/// `PyNumber_InPlaceAdd`: `nb_inplace_add`, `nb_add`, then
/// `sq_inplace_concat` or `sq_concat`.
pub unsafe fn inplace_add(a: *mut PyObject, b: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: a and b valid.
    unsafe {
        if let Some(f) = slot_of((*a).ob_type, |nb| nb.nb_inplace_add) {
            let r = check(f(a, b))?;
            if r.as_ptr() != not_implemented() {
                return Ok(r);
            }
        }
        let r = binary_op1(a, b, |nb| nb.nb_add)?;
        if r.as_ptr() != not_implemented() {
            return Ok(r);
        }
        if let Some(s) = seq_methods(a) {
            if let Some(f) = s.sq_inplace_concat.or(s.sq_concat) {
                return check(f(a, b));
            }
        }
        Err(unsupported(a, b, "+="))
    }
}

/// `PyNumber_InPlaceMultiply`: `nb_inplace_multiply`, `nb_multiply`, then
/// `sq_inplace_repeat` or `sq_repeat`.
pub unsafe fn inplace_multiply(a: *mut PyObject, b: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: a and b valid.
    unsafe {
        if let Some(f) = slot_of((*a).ob_type, |nb| nb.nb_inplace_multiply) {
            let r = check(f(a, b))?;
            if r.as_ptr() != not_implemented() {
                return Ok(r);
            }
        }
        let r = binary_op1(a, b, |nb| nb.nb_multiply)?;
        if r.as_ptr() != not_implemented() {
            return Ok(r);
        }
        if let Some(s) = seq_methods(a) {
            if let Some(f) = s.sq_inplace_repeat.or(s.sq_repeat) {
                return sequence_repeat(f, a, b);
            }
        }
        if let Some(f) = seq_methods(b).and_then(|s| s.sq_repeat) {
            return sequence_repeat(f, b, a);
        }
        Err(unsupported(a, b, "*="))
    }
}

/// `PyIndex_Check`: whether the type has `nb_index`.
pub unsafe fn index_check(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe {
        let nb = (*(*op).ob_type).tp_as_number;
        !nb.is_null() && (*nb).nb_index.is_some()
    }
}

/// `PyNumber_AsSsize_t`: `__index__` as a `Py_ssize_t`; out of range
/// raises `exc` ("cannot fit 'int' into an index-sized integer"), or
/// clamps when `exc` is NULL.
pub unsafe fn as_ssize(op: *mut PyObject, exc: *mut PyObject) -> PyResult<Py_ssize_t> {
    // SAFETY: op valid; exc NULL or an exception class.
    unsafe {
        let i = index(op)?;
        let p = i.as_ptr();
        if let Some(v) = crate::object::int::as_i128(p).and_then(|v| Py_ssize_t::try_from(v).ok()) {
            return Ok(v);
        }
        if exc.is_null() {
            return Ok(if crate::object::int::sign(p) < 0 {
                Py_ssize_t::MIN
            } else {
                Py_ssize_t::MAX
            });
        }
        Err(errors::set_string(
            exc,
            &format!("cannot fit '{}' into an index-sized integer", type_name(op)),
        ))
    }
}
