//! The `_operator` module (CPython's `Modules/_operator.c`): the operator
//! functions over the abstract object protocols, `length_hint`, `call`,
//! `_compare_digest`, and the `itemgetter`/`attrgetter`/`methodcaller`
//! types (in `getters.rs`).
mod getters;

use crate::capi::number::*;
use crate::capi::object::{
    PyObject_DelItem, PyObject_GetItem, PyObject_RichCompare, PyObject_SetItem,
};
use crate::capi::sequence::{
    PySequence_Concat, PySequence_Count, PySequence_InPlaceConcat, PySequence_Index,
};
use crate::ffi::*;
use crate::modules::args::{arity, builtin, no_kwargs};
use crate::modules::objtype::new_module;
use crate::object::descr::{method, METHOD_END};
use crate::object::{bool as pybool, int, none, protocol, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_void;

/// Defines a two-argument function over a C-API function.
macro_rules! binary {
    ($name:ident, $fname:literal, $f:expr) => {
        builtin!($name, |args, kws| {
            no_kwargs($fname, &kws)?;
            arity($fname, args, 2, 2)?;
            errors::check($f(args[0], args[1]))
        });
    };
}

/// Defines a one-argument function.
macro_rules! unary {
    ($name:ident, $fname:literal, |$a:ident| $body:expr) => {
        builtin!($name, |args, kws| {
            no_kwargs($fname, &kws)?;
            if args.len() != 1 {
                return Err(errors::type_error(format!(
                    "_operator.{}() takes exactly one argument ({} given)",
                    $fname,
                    args.len()
                )));
            }
            let $a = args[0];
            $body
        });
    };
}

/// Defines a rich comparison.
macro_rules! compare {
    ($name:ident, $fname:literal, $op:expr) => {
        builtin!($name, |args, kws| {
            no_kwargs($fname, &kws)?;
            arity($fname, args, 2, 2)?;
            errors::check(PyObject_RichCompare(args[0], args[1], $op))
        });
    };
}

fn py_bool(b: bool) -> PyResult<Owned> {
    Ok(Owned::from_borrowed_static(pybool::from_bool(b)))
}

unsafe fn pow2(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: a, b valid.
    unsafe { PyNumber_Power(a, b, none::none()) }
}

unsafe fn ipow2(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: a, b valid.
    unsafe { PyNumber_InPlacePower(a, b, none::none()) }
}

/// `PySequence_Check`-style test used by `concat`: the type has
/// `__getitem__` as a sequence.
unsafe fn has_getitem(a: *mut PyObject) -> bool {
    // SAFETY: a valid.
    unsafe { !crate::object::typeobj::lookup_str((*a).ob_type, "__getitem__").is_null() }
}

unsafe fn concat_check(a: *mut PyObject) -> PyResult<()> {
    // SAFETY: a valid.
    unsafe {
        if !has_getitem(a) {
            return Err(errors::type_error(format!(
                "'{}' object can't be concatenated",
                crate::object::typeobj::type_name(a)
            )));
        }
        Ok(())
    }
}

unary!(op_truth, "truth", |a| py_bool(protocol::is_true(a)?));
unary!(op_not, "not_", |a| py_bool(!protocol::is_true(a)?));
unary!(op_abs, "abs", |a| errors::check(PyNumber_Absolute(a)));
unary!(op_inv, "inv", |a| errors::check(PyNumber_Invert(a)));
unary!(op_invert, "invert", |a| errors::check(PyNumber_Invert(a)));
unary!(op_neg, "neg", |a| errors::check(PyNumber_Negative(a)));
unary!(op_pos, "pos", |a| errors::check(PyNumber_Positive(a)));
unary!(op_index, "index", |a| crate::object::number::index(a));
unary!(op_is_none, "is_none", |a| py_bool(a == none::none()));
unary!(op_is_not_none, "is_not_none", |a| py_bool(
    a != none::none()
));

binary!(op_add, "add", PyNumber_Add);
binary!(op_sub, "sub", PyNumber_Subtract);
binary!(op_mul, "mul", PyNumber_Multiply);
binary!(op_matmul, "matmul", PyNumber_MatrixMultiply);
binary!(op_floordiv, "floordiv", PyNumber_FloorDivide);
binary!(op_truediv, "truediv", PyNumber_TrueDivide);
binary!(op_mod, "mod", PyNumber_Remainder);
binary!(op_pow, "pow", pow2);
binary!(op_lshift, "lshift", PyNumber_Lshift);
binary!(op_rshift, "rshift", PyNumber_Rshift);
binary!(op_and, "and_", PyNumber_And);
binary!(op_or, "or_", PyNumber_Or);
binary!(op_xor, "xor", PyNumber_Xor);
binary!(op_iadd, "iadd", PyNumber_InPlaceAdd);
binary!(op_isub, "isub", PyNumber_InPlaceSubtract);
binary!(op_imul, "imul", PyNumber_InPlaceMultiply);
binary!(op_imatmul, "imatmul", PyNumber_InPlaceMatrixMultiply);
binary!(op_ifloordiv, "ifloordiv", PyNumber_InPlaceFloorDivide);
binary!(op_itruediv, "itruediv", PyNumber_InPlaceTrueDivide);
binary!(op_imod, "imod", PyNumber_InPlaceRemainder);
binary!(op_ipow, "ipow", ipow2);
binary!(op_ilshift, "ilshift", PyNumber_InPlaceLshift);
binary!(op_irshift, "irshift", PyNumber_InPlaceRshift);
binary!(op_iand, "iand", PyNumber_InPlaceAnd);
binary!(op_ior, "ior", PyNumber_InPlaceOr);
binary!(op_ixor, "ixor", PyNumber_InPlaceXor);
binary!(op_getitem, "getitem", PyObject_GetItem);

builtin!(op_concat, |args, kws| {
    no_kwargs("concat", &kws)?;
    arity("concat", args, 2, 2)?;
    concat_check(args[0])?;
    errors::check(PySequence_Concat(args[0], args[1]))
});

builtin!(op_iconcat, |args, kws| {
    no_kwargs("iconcat", &kws)?;
    arity("iconcat", args, 2, 2)?;
    concat_check(args[0])?;
    errors::check(PySequence_InPlaceConcat(args[0], args[1]))
});

builtin!(op_contains, |args, kws| {
    no_kwargs("contains", &kws)?;
    arity("contains", args, 2, 2)?;
    py_bool(protocol::contains(args[0], args[1])?)
});

builtin!(op_count_of, |args, kws| {
    no_kwargs("countOf", &kws)?;
    arity("countOf", args, 2, 2)?;
    let n = PySequence_Count(args[0], args[1]);
    if n < 0 {
        return Err(errors::Raised::assume());
    }
    int::from_i64(n as i64)
});

builtin!(op_index_of, |args, kws| {
    no_kwargs("indexOf", &kws)?;
    arity("indexOf", args, 2, 2)?;
    let n = PySequence_Index(args[0], args[1]);
    if n < 0 {
        return Err(errors::Raised::assume());
    }
    int::from_i64(n as i64)
});

builtin!(op_setitem, |args, kws| {
    no_kwargs("setitem", &kws)?;
    arity("setitem", args, 3, 3)?;
    if PyObject_SetItem(args[0], args[1], args[2]) < 0 {
        return Err(errors::Raised::assume());
    }
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(op_delitem, |args, kws| {
    no_kwargs("delitem", &kws)?;
    arity("delitem", args, 2, 2)?;
    if PyObject_DelItem(args[0], args[1]) < 0 {
        return Err(errors::Raised::assume());
    }
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(op_is, |args, kws| {
    no_kwargs("is_", &kws)?;
    arity("is_", args, 2, 2)?;
    py_bool(args[0] == args[1])
});

builtin!(op_is_not, |args, kws| {
    no_kwargs("is_not", &kws)?;
    arity("is_not", args, 2, 2)?;
    py_bool(args[0] != args[1])
});

compare!(op_lt, "lt", Py_LT);
compare!(op_le, "le", Py_LE);
compare!(op_eq, "eq", Py_EQ);
compare!(op_ne, "ne", Py_NE);
compare!(op_gt, "gt", Py_GT);
compare!(op_ge, "ge", Py_GE);

builtin!(op_length_hint, |args, kws| {
    no_kwargs("length_hint", &kws)?;
    arity("length_hint", args, 1, 2)?;
    let default = match args.get(1) {
        Some(&d) => {
            if !int::check(d) {
                return Err(errors::type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    crate::object::typeobj::type_name(d)
                )));
            }
            crate::object::number::as_ssize(d, crate::object::exceptions::PyExc_OverflowError)?
        }
        None => 0,
    };
    int::from_i64(crate::object::list::length_hint(args[0], default)? as i64)
});

unsafe extern "C" fn op_call(
    _m: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    crate::capi::boundary::guard(|| {
        // SAFETY: fastcall arguments; the first is the callable.
        unsafe {
            if nargsf < 1 {
                errors::type_error("call() missing required argument 'obj' (pos 1)");
                return std::ptr::null_mut();
            }
            crate::capi::call::vectorcall(*args, args.add(1), nargsf as usize - 1, kwnames)
        }
    })
}

/// The bytes of a `_compare_digest` operand that has the buffer
/// interface (`TypeError` otherwise, as `PyObject_GetBuffer` says).
unsafe fn buffer_bytes(a: *mut PyObject) -> PyResult<Vec<u8>> {
    // SAFETY: a valid; the view is released before returning.
    unsafe {
        let mut view: Py_buffer = std::mem::zeroed();
        crate::object::buffer::get(a, &mut view, PyBUF_SIMPLE)?;
        let v = std::slice::from_raw_parts(view.buf as *const u8, view.len as usize).to_vec();
        crate::object::buffer::release(&mut view);
        Ok(v)
    }
}

builtin!(op_compare_digest, |args, kws| {
    no_kwargs("_compare_digest", &kws)?;
    arity("_compare_digest", args, 2, 2)?;
    let (a, b) = (args[0], args[1]);
    let (x, y) = if pystr::check(a) && pystr::check(b) {
        if !pystr::is_ascii(a) || !pystr::is_ascii(b) {
            return Err(errors::type_error(
                "comparing strings with non-ASCII characters is not supported",
            ));
        }
        (pystr::data_bytes(a).to_vec(), pystr::data_bytes(b).to_vec())
    } else {
        if !crate::object::buffer::check(a) && !crate::object::buffer::check(b) {
            return Err(errors::type_error(format!(
                "unsupported operand types(s) or combination of types: '{}' and '{}'",
                crate::object::typeobj::type_name(a),
                crate::object::typeobj::type_name(b)
            )));
        }
        (buffer_bytes(a)?, buffer_bytes(b)?)
    };
    // Constant time in the length of the second operand.
    let mut diff = (x.len() != y.len()) as u8;
    let left = if x.len() == y.len() { &x } else { &y };
    for (p, q) in left.iter().zip(&y) {
        diff |= p ^ q;
    }
    py_bool(diff == 0)
});

const FK: libc::c_int = METH_FASTCALL | METH_KEYWORDS;

const fn f(name: &'static std::ffi::CStr, p: *const c_void) -> PyMethodDef {
    method(name, p, FK)
}

static mut FUNCTIONS: [PyMethodDef; 56] = [
    f(c"truth", op_truth as *const c_void),
    f(c"not_", op_not as *const c_void),
    f(c"abs", op_abs as *const c_void),
    f(c"inv", op_inv as *const c_void),
    f(c"invert", op_invert as *const c_void),
    f(c"neg", op_neg as *const c_void),
    f(c"pos", op_pos as *const c_void),
    f(c"index", op_index as *const c_void),
    f(c"is_none", op_is_none as *const c_void),
    f(c"is_not_none", op_is_not_none as *const c_void),
    f(c"add", op_add as *const c_void),
    f(c"sub", op_sub as *const c_void),
    f(c"mul", op_mul as *const c_void),
    f(c"matmul", op_matmul as *const c_void),
    f(c"floordiv", op_floordiv as *const c_void),
    f(c"truediv", op_truediv as *const c_void),
    f(c"mod", op_mod as *const c_void),
    f(c"pow", op_pow as *const c_void),
    f(c"lshift", op_lshift as *const c_void),
    f(c"rshift", op_rshift as *const c_void),
    f(c"and_", op_and as *const c_void),
    f(c"or_", op_or as *const c_void),
    f(c"xor", op_xor as *const c_void),
    f(c"concat", op_concat as *const c_void),
    f(c"iadd", op_iadd as *const c_void),
    f(c"isub", op_isub as *const c_void),
    f(c"imul", op_imul as *const c_void),
    f(c"imatmul", op_imatmul as *const c_void),
    f(c"ifloordiv", op_ifloordiv as *const c_void),
    f(c"itruediv", op_itruediv as *const c_void),
    f(c"imod", op_imod as *const c_void),
    f(c"ipow", op_ipow as *const c_void),
    f(c"ilshift", op_ilshift as *const c_void),
    f(c"irshift", op_irshift as *const c_void),
    f(c"iand", op_iand as *const c_void),
    f(c"ior", op_ior as *const c_void),
    f(c"ixor", op_ixor as *const c_void),
    f(c"iconcat", op_iconcat as *const c_void),
    f(c"contains", op_contains as *const c_void),
    f(c"countOf", op_count_of as *const c_void),
    f(c"indexOf", op_index_of as *const c_void),
    f(c"getitem", op_getitem as *const c_void),
    f(c"setitem", op_setitem as *const c_void),
    f(c"delitem", op_delitem as *const c_void),
    f(c"is_", op_is as *const c_void),
    f(c"is_not", op_is_not as *const c_void),
    f(c"lt", op_lt as *const c_void),
    f(c"le", op_le as *const c_void),
    f(c"eq", op_eq as *const c_void),
    f(c"ne", op_ne as *const c_void),
    f(c"gt", op_gt as *const c_void),
    f(c"ge", op_ge as *const c_void),
    f(c"length_hint", op_length_hint as *const c_void),
    f(c"call", op_call as *const c_void),
    f(c"_compare_digest", op_compare_digest as *const c_void),
    METHOD_END,
];

/// `PyInit__operator`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the tables are static.
        unsafe {
            let m = new_module(
                "_operator",
                (&raw mut FUNCTIONS).cast(),
                &[
                    &raw mut getters::ITEMGETTER_TYPE,
                    &raw mut getters::ATTRGETTER_TYPE,
                    &raw mut getters::METHODCALLER_TYPE,
                ],
            )?;
            protocol::setattr(
                m.as_ptr(),
                crate::interned!("__doc__"),
                pystr::from_str(
                    "Operator interface: functions for Python's intrinsic operators\n(operator.add(x, y) computes x + y), named like the special methods.",
                )?
                .as_ptr(),
            )?;
            Ok(m)
        }
    })
}
