//! The slots by which `weakref.proxy` passes arithmetic, item access,
//! `len`, `in` and iteration on to its referent (the `proxy_*` functions
//! of `Objects/weakrefobject.c`); a dead proxy raises `ReferenceError`.
use crate::capi::boundary::{guard_int, guard_obj, guard_status};
use crate::ffi::*;
use crate::object::weakref::unwrap;
use crate::object::{float, int, number, protocol};
use crate::runtime::errors;
use libc::{c_int, c_void};

macro_rules! binary {
    ($name:ident, $slot:ident, $sym:literal) => {
        unsafe extern "C" fn $name(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
            // SAFETY: a and b valid; the proxies among them are unwrapped.
            guard_obj(|| unsafe {
                number::binary_op(
                    unwrap(a)?.as_ptr(),
                    unwrap(b)?.as_ptr(),
                    |nb| nb.$slot,
                    $sym,
                )
            })
        }
    };
}

macro_rules! inplace {
    ($name:ident, $islot:ident, $slot:ident, $sym:literal) => {
        unsafe extern "C" fn $name(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
            // SAFETY: a and b valid; the proxies among them are unwrapped.
            guard_obj(|| unsafe {
                number::inplace_op(
                    unwrap(a)?.as_ptr(),
                    unwrap(b)?.as_ptr(),
                    |nb| nb.$islot,
                    |nb| nb.$slot,
                    $sym,
                )
            })
        }
    };
}

/// `+`, `*` and their in-place forms, which fall back on sequence
/// concatenation and repetition.
macro_rules! sequence_aware {
    ($name:ident, $op:path) => {
        unsafe extern "C" fn $name(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
            // SAFETY: a and b valid; the proxies among them are unwrapped.
            guard_obj(|| unsafe { $op(unwrap(a)?.as_ptr(), unwrap(b)?.as_ptr()) })
        }
    };
}

macro_rules! unary {
    ($name:ident, $slot:ident, $sym:literal) => {
        unsafe extern "C" fn $name(a: *mut PyObject) -> *mut PyObject {
            // SAFETY: a is a proxy.
            guard_obj(|| unsafe { number::unary_op(unwrap(a)?.as_ptr(), |nb| nb.$slot, $sym) })
        }
    };
}

sequence_aware!(proxy_add, number::add);
sequence_aware!(proxy_mul, number::multiply);
sequence_aware!(proxy_iadd, number::inplace_add);
sequence_aware!(proxy_imul, number::inplace_multiply);
binary!(proxy_sub, nb_subtract, "-");
binary!(proxy_floordiv, nb_floor_divide, "//");
binary!(proxy_truediv, nb_true_divide, "/");
binary!(proxy_mod, nb_remainder, "%");
binary!(proxy_divmod, nb_divmod, "divmod()");
binary!(proxy_lshift, nb_lshift, "<<");
binary!(proxy_rshift, nb_rshift, ">>");
binary!(proxy_and, nb_and, "&");
binary!(proxy_xor, nb_xor, "^");
binary!(proxy_or, nb_or, "|");
binary!(proxy_matmul, nb_matrix_multiply, "@");
inplace!(proxy_isub, nb_inplace_subtract, nb_subtract, "-=");
inplace!(
    proxy_ifloordiv,
    nb_inplace_floor_divide,
    nb_floor_divide,
    "//="
);
inplace!(proxy_itruediv, nb_inplace_true_divide, nb_true_divide, "/=");
inplace!(proxy_imod, nb_inplace_remainder, nb_remainder, "%=");
inplace!(proxy_ilshift, nb_inplace_lshift, nb_lshift, "<<=");
inplace!(proxy_irshift, nb_inplace_rshift, nb_rshift, ">>=");
inplace!(proxy_iand, nb_inplace_and, nb_and, "&=");
inplace!(proxy_ixor, nb_inplace_xor, nb_xor, "^=");
inplace!(proxy_ior, nb_inplace_or, nb_or, "|=");
inplace!(
    proxy_imatmul,
    nb_inplace_matrix_multiply,
    nb_matrix_multiply,
    "@="
);
unary!(proxy_neg, nb_negative, "unary -");
unary!(proxy_pos, nb_positive, "unary +");
unary!(proxy_abs, nb_absolute, "abs()");
unary!(proxy_invert, nb_invert, "unary ~");

unsafe extern "C" fn proxy_pow(
    a: *mut PyObject,
    b: *mut PyObject,
    c: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: a, b, c valid; the proxies among them are unwrapped.
    guard_obj(|| unsafe {
        number::power(
            unwrap(a)?.as_ptr(),
            unwrap(b)?.as_ptr(),
            unwrap(c)?.as_ptr(),
        )
    })
}

unsafe extern "C" fn proxy_ipow(
    a: *mut PyObject,
    b: *mut PyObject,
    c: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: a, b, c valid; the proxies among them are unwrapped.
    guard_obj(|| unsafe {
        number::inplace_power(
            unwrap(a)?.as_ptr(),
            unwrap(b)?.as_ptr(),
            unwrap(c)?.as_ptr(),
        )
    })
}

unsafe extern "C" fn proxy_int(a: *mut PyObject) -> *mut PyObject {
    // SAFETY: a is a proxy.
    guard_obj(|| unsafe { int::from_object(unwrap(a)?.as_ptr()) })
}

unsafe extern "C" fn proxy_float(a: *mut PyObject) -> *mut PyObject {
    // SAFETY: a is a proxy.
    guard_obj(|| unsafe { float::from_object(unwrap(a)?.as_ptr()) })
}

unsafe extern "C" fn proxy_index(a: *mut PyObject) -> *mut PyObject {
    // SAFETY: a is a proxy.
    guard_obj(|| unsafe { number::index(unwrap(a)?.as_ptr()) })
}

unsafe extern "C" fn proxy_bool(op: *mut PyObject) -> c_int {
    // SAFETY: op is a proxy.
    guard_int(|| unsafe { Ok(protocol::is_true(unwrap(op)?.as_ptr())? as c_int) })
}

/// The number methods shared by both proxy types.
pub static mut PROXY_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_add: Some(proxy_add),
    nb_subtract: Some(proxy_sub),
    nb_multiply: Some(proxy_mul),
    nb_remainder: Some(proxy_mod),
    nb_divmod: Some(proxy_divmod),
    nb_power: Some(proxy_pow),
    nb_negative: Some(proxy_neg),
    nb_positive: Some(proxy_pos),
    nb_absolute: Some(proxy_abs),
    nb_bool: Some(proxy_bool),
    nb_invert: Some(proxy_invert),
    nb_lshift: Some(proxy_lshift),
    nb_rshift: Some(proxy_rshift),
    nb_and: Some(proxy_and),
    nb_xor: Some(proxy_xor),
    nb_or: Some(proxy_or),
    nb_int: Some(proxy_int),
    nb_float: Some(proxy_float),
    nb_inplace_add: Some(proxy_iadd),
    nb_inplace_subtract: Some(proxy_isub),
    nb_inplace_multiply: Some(proxy_imul),
    nb_inplace_remainder: Some(proxy_imod),
    nb_inplace_power: Some(proxy_ipow),
    nb_inplace_lshift: Some(proxy_ilshift),
    nb_inplace_rshift: Some(proxy_irshift),
    nb_inplace_and: Some(proxy_iand),
    nb_inplace_xor: Some(proxy_ixor),
    nb_inplace_or: Some(proxy_ior),
    nb_floor_divide: Some(proxy_floordiv),
    nb_true_divide: Some(proxy_truediv),
    nb_inplace_floor_divide: Some(proxy_ifloordiv),
    nb_inplace_true_divide: Some(proxy_itruediv),
    nb_index: Some(proxy_index),
    nb_matrix_multiply: Some(proxy_matmul),
    nb_inplace_matrix_multiply: Some(proxy_imatmul),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

unsafe extern "C" fn proxy_contains(op: *mut PyObject, x: *mut PyObject) -> c_int {
    // SAFETY: op is a proxy; x valid.
    guard_int(|| unsafe { Ok(protocol::contains(unwrap(op)?.as_ptr(), x)? as c_int) })
}

/// The sequence methods of both proxy types (only `in`).
pub static mut PROXY_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_contains: Some(proxy_contains),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

unsafe extern "C" fn proxy_length(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: op is a proxy.
    guard_int(|| unsafe { protocol::len(unwrap(op)?.as_ptr()) })
}

unsafe extern "C" fn proxy_getitem(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a proxy; key valid.
    guard_obj(|| unsafe { protocol::get_item(unwrap(op)?.as_ptr(), key) })
}

unsafe extern "C" fn proxy_setitem(
    op: *mut PyObject,
    key: *mut PyObject,
    v: *mut PyObject,
) -> c_int {
    // SAFETY: op is a proxy; key valid; v NULL (delete) or valid.
    guard_status(|| unsafe { protocol::set_item(unwrap(op)?.as_ptr(), key, v) })
}

/// The mapping methods of both proxy types.
pub static mut PROXY_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: Some(proxy_length),
    mp_subscript: Some(proxy_getitem),
    mp_ass_subscript: Some(proxy_setitem),
};

/// `tp_iter`: the referent's iterator.
pub unsafe extern "C" fn proxy_iter(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a proxy.
    guard_obj(|| unsafe { protocol::get_iter(unwrap(op)?.as_ptr()) })
}

/// `tp_iternext`: the next item of a referent that is an iterator.
pub unsafe extern "C" fn proxy_iternext(op: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_iter(|| {
        // SAFETY: op is a proxy.
        unsafe {
            let o = unwrap(op)?;
            if (*(*o.as_ptr()).ob_type).tp_iternext.is_none() {
                return Err(errors::type_error(format!(
                    "Weakref proxy referenced a non-iterator '{}' object",
                    crate::object::typeobj::type_name(o.as_ptr())
                )));
            }
            protocol::iter_next(o.as_ptr())
        }
    })
}

unsafe extern "C" fn proxy_bytes(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a proxy.
    guard_obj(|| unsafe { protocol::call_method_obj(unwrap(op)?.as_ptr(), "__bytes__", &[]) })
}

unsafe extern "C" fn proxy_reversed(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a proxy.
    guard_obj(|| unsafe { protocol::call_method_obj(unwrap(op)?.as_ptr(), "__reversed__", &[]) })
}

/// `__bytes__` and `__reversed__`, looked up on the type and so not
/// reached through `tp_getattro`.
pub static PROXY_METHODS: [PyMethodDef; 3] = [
    crate::object::descr::method(c"__bytes__", proxy_bytes as *const c_void, METH_NOARGS),
    crate::object::descr::method(
        c"__reversed__",
        proxy_reversed as *const c_void,
        METH_NOARGS,
    ),
    crate::object::descr::METHOD_END,
];
