//! `bool` (`PyBool_Type`): a subclass of `int` with exactly two instances,
//! `_Py_TrueStruct` and `_Py_FalseStruct`, laid out as ints.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::int::{make_tag, PyLong_Type};
use crate::object::refcount::static_head;
use crate::object::str as pystr;
use crate::object::typeobj::type_template;
use crate::Owned;

/// `PyBool_Type`.
#[no_mangle]
pub static mut PyBool_Type: PyTypeObject = PyTypeObject {
    tp_base: &raw mut PyLong_Type,
    tp_repr: Some(bool_repr),
    tp_as_number: &raw mut BOOL_AS_NUMBER,
    tp_new: Some(bool_new),
    tp_dealloc: Some(bool_dealloc),
    tp_doc: c"bool(object=False, /)\n--\n\nTrue when the argument is true, False otherwise.\n\nbool is a subclass of int; True and False are its only instances."
        .as_ptr(),
    ..type_template(c"bool", std::mem::size_of::<PyLongObject>(), 0)
};

/// `_Py_FalseStruct`: the int 0.
#[no_mangle]
pub static mut _Py_FalseStruct: PyLongObject = PyLongObject {
    ob_base: static_head(&raw mut PyBool_Type),
    lv_tag: make_tag(0, 0),
    ob_digit: [0],
};

/// `_Py_TrueStruct`: the int 1.
#[no_mangle]
pub static mut _Py_TrueStruct: PyLongObject = PyLongObject {
    ob_base: static_head(&raw mut PyBool_Type),
    lv_tag: make_tag(1, 1),
    ob_digit: [1],
};

/// `Py_True`.
#[inline(always)]
pub fn py_true() -> *mut PyObject {
    (&raw mut _Py_TrueStruct).cast()
}

/// `Py_False`.
#[inline(always)]
pub fn py_false() -> *mut PyObject {
    (&raw mut _Py_FalseStruct).cast()
}

/// `Py_True` or `Py_False` (borrowed; both are immortal).
#[inline(always)]
pub fn from_bool(b: bool) -> *mut PyObject {
    if b {
        py_true()
    } else {
        py_false()
    }
}

unsafe extern "C" fn bool_repr(op: *mut PyObject) -> *mut PyObject {
    let text = if op == py_true() { "True" } else { "False" };
    guard_obj(|| Ok(Owned::from_borrowed_static(pystr::intern(text))))
}

unsafe extern "C" fn bool_new(
    _tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args is a tuple, kwargs NULL or a dict.
        unsafe {
            if !kwargs.is_null() && crate::object::dict::len(kwargs) != 0 {
                return Err(crate::runtime::errors::type_error(
                    "bool() takes no keyword arguments",
                ));
            }
            let items = crate::object::tuple::items(args);
            match items {
                [] => Ok(Owned::from_borrowed_static(py_false())),
                [x] => Ok(Owned::from_borrowed_static(from_bool(
                    crate::object::protocol::is_true(*x)?,
                ))),
                _ => Err(crate::runtime::errors::type_error(format!(
                    "bool expected at most 1 argument, got {}",
                    items.len()
                ))),
            }
        }
    })
}

/// `&`, `|`, `^`: a bool when both operands are bools, else int's result.
unsafe fn bool_bitop(
    a: *mut PyObject,
    b: *mut PyObject,
    op: fn(bool, bool) -> bool,
    int_slot: unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject,
) -> *mut PyObject {
    // SAFETY: a and b valid objects.
    unsafe {
        let is_bool = |o: *mut PyObject| (*o).ob_type == &raw mut PyBool_Type;
        if is_bool(a) && is_bool(b) {
            return Owned::from_borrowed_static(from_bool(op(a == py_true(), b == py_true())))
                .into_raw();
        }
        int_slot(a, b)
    }
}

unsafe extern "C" fn bool_and(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot called with valid objects.
    unsafe { bool_bitop(a, b, |x, y| x & y, crate::object::int::long_and) }
}

unsafe extern "C" fn bool_or(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot called with valid objects.
    unsafe { bool_bitop(a, b, |x, y| x | y, crate::object::int::long_or) }
}

unsafe extern "C" fn bool_xor(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot called with valid objects.
    unsafe { bool_bitop(a, b, |x, y| x ^ y, crate::object::int::long_xor) }
}

/// `~b` (`bool_invert`): int's inversion, with the `DeprecationWarning`
/// CPython gives since 3.12.
unsafe extern "C" fn bool_invert(v: *mut PyObject) -> *mut PyObject {
    // SAFETY: v is a bool; the category and message are valid.
    unsafe {
        if crate::capi::warnings::PyErr_WarnEx(
            crate::object::exceptions::PyExc_DeprecationWarning,
            c"Bitwise inversion '~' on bool is deprecated and will be removed in Python 3.16. This returns the bitwise inversion of the underlying int object and is usually not what you expect from negating a bool. Use the 'not' operator for boolean negation or ~int(x) if you really want the bitwise inversion of the underlying int.".as_ptr(),
            1,
        ) < 0
        {
            return std::ptr::null_mut();
        }
        crate::object::int::long_invert(v)
    }
}

/// bool's own operators; the others are inherited from int.
static mut BOOL_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_invert: Some(bool_invert),
    nb_and: Some(bool_and),
    nb_or: Some(bool_or),
    nb_xor: Some(bool_xor),
    // SAFETY: the remaining slots are nullable (filled from int by PyType_Ready).
    ..unsafe { std::mem::zeroed() }
};

unsafe extern "C" fn bool_dealloc(_op: *mut PyObject) {
    crate::runtime::lifecycle::fatal_error("deallocating True or False");
}
