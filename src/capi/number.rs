//! The number protocol (`PyNumber_*`, `PyIndex_Check`): thin exports over
//! `object::number`, which holds CPython's operand dispatch.
use crate::capi::boundary::{guard, guard_int, guard_obj};
use crate::ffi::*;
use crate::object::number::{self, binary_op, inplace_op, unary_op};
use crate::object::{int, int_text};
use crate::runtime::errors;
use libc::c_int;

/// CPython's `null_error`: `SystemError` for a NULL argument.
fn null_error() -> *mut PyObject {
    errors::null_argument();
    std::ptr::null_mut()
}

/// `PyNumber_Add`: numeric addition, else sequence concatenation.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_Add(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::null_check!(a, b);
    // SAFETY: a and b valid.
    guard_obj(|| unsafe { number::add(a, b) })
}

/// `PyNumber_Multiply`: numeric product, else sequence repetition.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_Multiply(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::null_check!(a, b);
    // SAFETY: a and b valid.
    guard_obj(|| unsafe { number::multiply(a, b) })
}

/// `PyNumber_Power`: `pow(a, b, c)`; `c` is `Py_None` for `a ** b`.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_Power(
    a: *mut PyObject,
    b: *mut PyObject,
    c: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(a, b, c);
    // SAFETY: a, b and c valid.
    guard_obj(|| unsafe { number::power(a, b, c) })
}

/// `PyNumber_InPlaceAdd`: `a += b`.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_InPlaceAdd(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::null_check!(a, b);
    // SAFETY: a and b valid.
    guard_obj(|| unsafe { number::inplace_add(a, b) })
}

/// `PyNumber_InPlaceMultiply`: `a *= b`.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_InPlaceMultiply(
    a: *mut PyObject,
    b: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(a, b);
    // SAFETY: a and b valid.
    guard_obj(|| unsafe { number::inplace_multiply(a, b) })
}

/// `PyNumber_InPlacePower`: `a **= b` (`c` is `Py_None` unless called as
/// the three-argument form).
#[no_mangle]
pub unsafe extern "C" fn PyNumber_InPlacePower(
    a: *mut PyObject,
    b: *mut PyObject,
    c: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(a, b, c);
    // SAFETY: a, b and c valid.
    guard_obj(|| unsafe { number::inplace_power(a, b, c) })
}

/// `PyNumber_Subtract`: `-`.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_Subtract(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::null_check!(a, b);
    // SAFETY: a and b valid.
    guard_obj(|| unsafe { binary_op(a, b, |nb| nb.nb_subtract, "-") })
}

/// `PyNumber_MatrixMultiply`: `@`.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_MatrixMultiply(
    a: *mut PyObject,
    b: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(a, b);
    // SAFETY: a and b valid.
    guard_obj(|| unsafe { binary_op(a, b, |nb| nb.nb_matrix_multiply, "@") })
}

/// `PyNumber_FloorDivide`: `//`.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_FloorDivide(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::null_check!(a, b);
    // SAFETY: a and b valid.
    guard_obj(|| unsafe { binary_op(a, b, |nb| nb.nb_floor_divide, "//") })
}

/// `PyNumber_TrueDivide`: `/`.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_TrueDivide(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::null_check!(a, b);
    // SAFETY: a and b valid.
    guard_obj(|| unsafe { binary_op(a, b, |nb| nb.nb_true_divide, "/") })
}

/// `PyNumber_Remainder`: `%`.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_Remainder(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::null_check!(a, b);
    // SAFETY: a and b valid.
    guard_obj(|| unsafe { binary_op(a, b, |nb| nb.nb_remainder, "%") })
}

/// `PyNumber_Divmod`: `divmod()`.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_Divmod(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::null_check!(a, b);
    // SAFETY: a and b valid.
    guard_obj(|| unsafe { binary_op(a, b, |nb| nb.nb_divmod, "divmod()") })
}

/// `PyNumber_Lshift`: `<<`.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_Lshift(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::null_check!(a, b);
    // SAFETY: a and b valid.
    guard_obj(|| unsafe { binary_op(a, b, |nb| nb.nb_lshift, "<<") })
}

/// `PyNumber_Rshift`: `>>`.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_Rshift(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::null_check!(a, b);
    // SAFETY: a and b valid.
    guard_obj(|| unsafe { binary_op(a, b, |nb| nb.nb_rshift, ">>") })
}

/// `PyNumber_And`: `&`.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_And(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::null_check!(a, b);
    // SAFETY: a and b valid.
    guard_obj(|| unsafe { binary_op(a, b, |nb| nb.nb_and, "&") })
}

/// `PyNumber_Xor`: `^`.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_Xor(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::null_check!(a, b);
    // SAFETY: a and b valid.
    guard_obj(|| unsafe { binary_op(a, b, |nb| nb.nb_xor, "^") })
}

/// `PyNumber_Or`: `|`.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_Or(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::null_check!(a, b);
    // SAFETY: a and b valid.
    guard_obj(|| unsafe { binary_op(a, b, |nb| nb.nb_or, "|") })
}

/// `PyNumber_InPlaceSubtract`: `-=`.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_InPlaceSubtract(
    a: *mut PyObject,
    b: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(a, b);
    // SAFETY: a and b valid.
    guard_obj(|| unsafe {
        inplace_op(a, b, |nb| nb.nb_inplace_subtract, |nb| nb.nb_subtract, "-=")
    })
}

/// `PyNumber_InPlaceMatrixMultiply`: `@=`.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_InPlaceMatrixMultiply(
    a: *mut PyObject,
    b: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(a, b);
    // SAFETY: a and b valid.
    guard_obj(|| unsafe {
        inplace_op(
            a,
            b,
            |nb| nb.nb_inplace_matrix_multiply,
            |nb| nb.nb_matrix_multiply,
            "@=",
        )
    })
}

/// `PyNumber_InPlaceFloorDivide`: `//=`.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_InPlaceFloorDivide(
    a: *mut PyObject,
    b: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(a, b);
    // SAFETY: a and b valid.
    guard_obj(|| unsafe {
        inplace_op(
            a,
            b,
            |nb| nb.nb_inplace_floor_divide,
            |nb| nb.nb_floor_divide,
            "//=",
        )
    })
}

/// `PyNumber_InPlaceTrueDivide`: `/=`.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_InPlaceTrueDivide(
    a: *mut PyObject,
    b: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(a, b);
    // SAFETY: a and b valid.
    guard_obj(|| unsafe {
        inplace_op(
            a,
            b,
            |nb| nb.nb_inplace_true_divide,
            |nb| nb.nb_true_divide,
            "/=",
        )
    })
}

/// `PyNumber_InPlaceRemainder`: `%=`.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_InPlaceRemainder(
    a: *mut PyObject,
    b: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(a, b);
    // SAFETY: a and b valid.
    guard_obj(|| unsafe {
        inplace_op(
            a,
            b,
            |nb| nb.nb_inplace_remainder,
            |nb| nb.nb_remainder,
            "%=",
        )
    })
}

/// `PyNumber_InPlaceLshift`: `<<=`.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_InPlaceLshift(
    a: *mut PyObject,
    b: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(a, b);
    // SAFETY: a and b valid.
    guard_obj(|| unsafe { inplace_op(a, b, |nb| nb.nb_inplace_lshift, |nb| nb.nb_lshift, "<<=") })
}

/// `PyNumber_InPlaceRshift`: `>>=`.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_InPlaceRshift(
    a: *mut PyObject,
    b: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(a, b);
    // SAFETY: a and b valid.
    guard_obj(|| unsafe { inplace_op(a, b, |nb| nb.nb_inplace_rshift, |nb| nb.nb_rshift, ">>=") })
}

/// `PyNumber_InPlaceAnd`: `&=`.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_InPlaceAnd(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::null_check!(a, b);
    // SAFETY: a and b valid.
    guard_obj(|| unsafe { inplace_op(a, b, |nb| nb.nb_inplace_and, |nb| nb.nb_and, "&=") })
}

/// `PyNumber_InPlaceXor`: `^=`.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_InPlaceXor(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::null_check!(a, b);
    // SAFETY: a and b valid.
    guard_obj(|| unsafe { inplace_op(a, b, |nb| nb.nb_inplace_xor, |nb| nb.nb_xor, "^=") })
}

/// `PyNumber_InPlaceOr`: `|=`.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_InPlaceOr(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::null_check!(a, b);
    // SAFETY: a and b valid.
    guard_obj(|| unsafe { inplace_op(a, b, |nb| nb.nb_inplace_or, |nb| nb.nb_or, "|=") })
}

/// `PyNumber_Negative`: `unary -`.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_Negative(o: *mut PyObject) -> *mut PyObject {
    if o.is_null() {
        return null_error();
    }
    // SAFETY: o valid.
    guard_obj(|| unsafe { unary_op(o, |nb| nb.nb_negative, "unary -") })
}

/// `PyNumber_Positive`: `unary +`.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_Positive(o: *mut PyObject) -> *mut PyObject {
    if o.is_null() {
        return null_error();
    }
    // SAFETY: o valid.
    guard_obj(|| unsafe { unary_op(o, |nb| nb.nb_positive, "unary +") })
}

/// `PyNumber_Absolute`: `abs()`.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_Absolute(o: *mut PyObject) -> *mut PyObject {
    if o.is_null() {
        return null_error();
    }
    // SAFETY: o valid.
    guard_obj(|| unsafe { unary_op(o, |nb| nb.nb_absolute, "abs()") })
}

/// `PyNumber_Invert`: `unary ~`.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_Invert(o: *mut PyObject) -> *mut PyObject {
    if o.is_null() {
        return null_error();
    }
    // SAFETY: o valid.
    guard_obj(|| unsafe { unary_op(o, |nb| nb.nb_invert, "unary ~") })
}

/// `PyNumber_Index`: an exact int via `__index__`.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_Index(o: *mut PyObject) -> *mut PyObject {
    if o.is_null() {
        return null_error();
    }
    // SAFETY: o valid; the index result is an int.
    guard_obj(|| unsafe { int::exact(number::index(o)?.as_ptr()) })
}

/// `PyNumber_Long`: `int(o)`.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_Long(o: *mut PyObject) -> *mut PyObject {
    if o.is_null() {
        return null_error();
    }
    // SAFETY: o valid.
    guard_obj(|| unsafe { int::from_object(o) })
}

/// `PyNumber_Float`: `float(o)`, through the float type's constructor.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_Float(o: *mut PyObject) -> *mut PyObject {
    if o.is_null() {
        return null_error();
    }
    guard_obj(|| {
        // SAFETY: o valid; PyFloat_Type is a static type object.
        unsafe {
            let float_type = (&raw mut crate::object::float::PyFloat_Type).cast::<PyObject>();
            crate::object::protocol::call_args(float_type, &[o])
        }
    })
}

/// `PyNumber_ToBase`: `bin()`/`oct()`/`str()`/`hex()` text of `__index__`.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_ToBase(n: *mut PyObject, base: c_int) -> *mut PyObject {
    if !matches!(base, 2 | 8 | 10 | 16) {
        errors::system_error("PyNumber_ToBase: base must be 2, 8, 10 or 16");
        return std::ptr::null_mut();
    }
    if n.is_null() {
        return null_error();
    }
    guard_obj(|| {
        // SAFETY: n valid; the index result is an int.
        unsafe {
            let i = number::index(n)?;
            let p = i.as_ptr();
            let text = if base == 10 {
                int::decimal_string(p)?
            } else {
                int_text::to_base_prefixed(int::sign(p) < 0, int::digits(p), base as u32)
            };
            crate::object::str::from_str(&text)
        }
    })
}

/// `PyNumber_AsSsize_t`: `__index__` as a `Py_ssize_t`; out of range
/// raises `exc`, or clamps when `exc` is NULL.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_AsSsize_t(o: *mut PyObject, exc: *mut PyObject) -> Py_ssize_t {
    if o.is_null() {
        null_error();
        return -1;
    }
    // SAFETY: o valid; exc NULL or an exception class.
    guard_int(|| unsafe { number::as_ssize(o, exc) })
}

/// `PyNumber_Check`: whether `o` has `__index__`, `__int__` or
/// `__float__`, or is a complex number.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_Check(o: *mut PyObject) -> c_int {
    if o.is_null() {
        return 0;
    }
    guard(|| {
        // SAFETY: o valid; tp_as_number NULL or a table.
        unsafe {
            let nb = (*(*o).ob_type).tp_as_number;
            let numeric = !nb.is_null()
                && ((*nb).nb_index.is_some() || (*nb).nb_int.is_some() || (*nb).nb_float.is_some());
            (numeric || crate::object::complex::check(o)) as c_int
        }
    })
}

/// `PyIndex_Check`: whether `o` has `__index__`.
#[no_mangle]
pub unsafe extern "C" fn PyIndex_Check(o: *mut PyObject) -> c_int {
    if o.is_null() {
        return 0;
    }
    // SAFETY: o valid.
    guard(|| unsafe { number::index_check(o) as c_int })
}
