//! The Object Protocol chapter: `PyObject_*`.
use crate::capi::boundary::{guard, guard_int, guard_obj, guard_status};
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::{bool as pybool, protocol, str as pystr, typeobj};
use crate::runtime::errors;
use libc::{c_char, c_int, c_uint};
use std::ptr::null_mut;

unsafe fn name_obj(name: *const c_char) -> crate::PyResult<crate::Owned> {
    // SAFETY: name is a NUL-terminated UTF-8 string.
    unsafe { pystr::from_cstr(name) }
}

/// `PyObject_Repr`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_Repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op valid (CPython gives "<NULL>" for NULL).
    guard_obj(|| unsafe {
        if op.is_null() {
            return pystr::from_str("<NULL>");
        }
        protocol::repr(op)
    })
}

/// `PyObject_ASCII`: `ascii(op)`; "<NULL>" for NULL.
#[no_mangle]
pub unsafe extern "C" fn PyObject_ASCII(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is NULL or valid.
    guard_obj(|| unsafe {
        if op.is_null() {
            return pystr::from_str("<NULL>");
        }
        protocol::ascii(op)
    })
}

/// `PyObject_Format`: `format(op, spec)`; a NULL spec means "". A spec that
/// is not a str is a `SystemError`, as in CPython.
#[no_mangle]
pub unsafe extern "C" fn PyObject_Format(op: *mut PyObject, spec: *mut PyObject) -> *mut PyObject {
    crate::null_check!(op);
    // SAFETY: op valid; spec NULL or valid.
    guard_obj(|| unsafe {
        let text = if spec.is_null() {
            ""
        } else if pystr::check(spec) {
            pystr::as_str(spec)?
        } else {
            return Err(errors::system_error(format!(
                "Format specifier must be a string, not {}",
                typeobj::type_name(spec)
            )));
        };
        crate::object::str_format::format_obj(op, text)
    })
}

/// `PyObject_Str`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_Str(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op valid.
    guard_obj(|| unsafe {
        if op.is_null() {
            return pystr::from_str("<NULL>");
        }
        protocol::str_(op)
    })
}

/// `PyObject_Hash`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_Hash(op: *mut PyObject) -> Py_hash_t {
    crate::null_check!(op);
    // SAFETY: op non-NULL.
    guard_int(|| unsafe { protocol::hash(op) })
}

/// `PyObject_HashNotImplemented`: the `tp_hash` of unhashable types.
#[no_mangle]
pub unsafe extern "C" fn PyObject_HashNotImplemented(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: op valid.
    unsafe { protocol::unhashable(op) };
    -1
}

/// `PyObject_RichCompare`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_RichCompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    crate::null_check!(a, b);
    if !(Py_LT..=Py_GE).contains(&op) {
        errors::bad_internal_call();
        return null_mut();
    }
    // SAFETY: a, b non-NULL; op in range.
    guard_obj(|| unsafe { protocol::rich_compare(a, b, op) })
}

/// `PyObject_RichCompareBool`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_RichCompareBool(
    a: *mut PyObject,
    b: *mut PyObject,
    op: c_int,
) -> c_int {
    crate::null_check!(a, b);
    if !(Py_LT..=Py_GE).contains(&op) {
        errors::bad_internal_call();
        return -1;
    }
    // SAFETY: a, b non-NULL.
    guard_int(|| unsafe { protocol::rich_compare_bool(a, b, op).map(c_int::from) })
}

/// `PyObject_IsTrue`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_IsTrue(op: *mut PyObject) -> c_int {
    crate::null_check!(op);
    // SAFETY: op non-NULL.
    guard_int(|| unsafe { protocol::is_true(op).map(c_int::from) })
}

/// `PyObject_Not`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_Not(op: *mut PyObject) -> c_int {
    crate::null_check!(op);
    // SAFETY: op non-NULL.
    guard_int(|| unsafe { protocol::is_true(op).map(|t| c_int::from(!t)) })
}

/// `PyObject_Length`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_Length(op: *mut PyObject) -> Py_ssize_t {
    crate::null_check!(op);
    // SAFETY: op non-NULL.
    guard_int(|| unsafe { protocol::len(op) })
}

/// `PyObject_Size`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_Size(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: forwarded.
    unsafe { PyObject_Length(op) }
}

/// `PyObject_Type`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_Type(op: *mut PyObject) -> *mut PyObject {
    crate::null_check!(op);
    // SAFETY: op non-NULL.
    unsafe { new_ref((*op).ob_type.cast()) }
}

/// `PyObject_GetAttr`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_GetAttr(op: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    crate::null_check!(op, name);
    // SAFETY: non-NULL.
    guard_obj(|| unsafe { protocol::getattr(op, name) })
}

/// `PyObject_GetAttrString`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_GetAttrString(
    op: *mut PyObject,
    name: *const c_char,
) -> *mut PyObject {
    crate::null_check!(op, name);
    // SAFETY: non-NULL.
    guard_obj(|| unsafe { protocol::getattr(op, name_obj(name)?.as_ptr()) })
}

/// `PyObject_GetOptionalAttr`: 1 and `*result` set when found, 0 and NULL
/// when missing, -1 on error.
#[no_mangle]
pub unsafe extern "C" fn PyObject_GetOptionalAttr(
    op: *mut PyObject,
    name: *mut PyObject,
    result: *mut *mut PyObject,
) -> c_int {
    crate::null_check!(op, name, result);
    guard(|| {
        // SAFETY: non-NULL.
        unsafe {
            *result = null_mut();
            match protocol::getattr_opt(op, name) {
                Ok(Some(v)) => {
                    *result = v.into_raw();
                    1
                }
                Ok(None) => 0,
                Err(_) => -1,
            }
        }
    })
}

/// `PyObject_GetOptionalAttrString`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_GetOptionalAttrString(
    op: *mut PyObject,
    name: *const c_char,
    result: *mut *mut PyObject,
) -> c_int {
    crate::null_check!(op, name, result);
    guard(|| {
        // SAFETY: non-NULL.
        unsafe {
            *result = null_mut();
            match name_obj(name) {
                Ok(n) => PyObject_GetOptionalAttr(op, n.as_ptr(), result),
                Err(_) => -1,
            }
        }
    })
}

/// `PyObject_SetAttr` (NULL value deletes).
#[no_mangle]
pub unsafe extern "C" fn PyObject_SetAttr(
    op: *mut PyObject,
    name: *mut PyObject,
    value: *mut PyObject,
) -> c_int {
    crate::null_check!(op, name);
    // SAFETY: non-NULL.
    guard_status(|| unsafe { protocol::setattr(op, name, value) })
}

/// `PyObject_SetAttrString`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_SetAttrString(
    op: *mut PyObject,
    name: *const c_char,
    value: *mut PyObject,
) -> c_int {
    crate::null_check!(op, name);
    // SAFETY: non-NULL.
    guard_status(|| unsafe { protocol::setattr(op, name_obj(name)?.as_ptr(), value) })
}

/// `PyObject_DelAttr`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_DelAttr(op: *mut PyObject, name: *mut PyObject) -> c_int {
    // SAFETY: forwarded.
    unsafe { PyObject_SetAttr(op, name, null_mut()) }
}

/// `PyObject_DelAttrString`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_DelAttrString(op: *mut PyObject, name: *const c_char) -> c_int {
    // SAFETY: forwarded.
    unsafe { PyObject_SetAttrString(op, name, null_mut()) }
}

/// `PyObject_HasAttrWithError`: 1, 0, or -1 with an error set.
#[no_mangle]
pub unsafe extern "C" fn PyObject_HasAttrWithError(
    op: *mut PyObject,
    name: *mut PyObject,
) -> c_int {
    crate::null_check!(op, name);
    // SAFETY: non-NULL.
    guard_int(|| unsafe { protocol::getattr_opt(op, name).map(|v| c_int::from(v.is_some())) })
}

/// `PyObject_HasAttrStringWithError`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_HasAttrStringWithError(
    op: *mut PyObject,
    name: *const c_char,
) -> c_int {
    crate::null_check!(op, name);
    // SAFETY: non-NULL.
    guard_int(|| unsafe {
        protocol::getattr_opt(op, name_obj(name)?.as_ptr()).map(|v| c_int::from(v.is_some()))
    })
}

/// `PyObject_HasAttr`: errors are swallowed (reported as unraisable by
/// CPython 3.13+; here cleared).
#[no_mangle]
pub unsafe extern "C" fn PyObject_HasAttr(op: *mut PyObject, name: *mut PyObject) -> c_int {
    // SAFETY: forwarded.
    let r = unsafe { PyObject_HasAttrWithError(op, name) };
    if r < 0 {
        errors::clear();
        return 0;
    }
    r
}

/// `PyObject_HasAttrString`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_HasAttrString(op: *mut PyObject, name: *const c_char) -> c_int {
    // SAFETY: forwarded.
    let r = unsafe { PyObject_HasAttrStringWithError(op, name) };
    if r < 0 {
        errors::clear();
        return 0;
    }
    r
}

/// `PyObject_GetItem`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_GetItem(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    crate::null_check!(op, key);
    // SAFETY: non-NULL.
    guard_obj(|| unsafe { protocol::get_item(op, key) })
}

/// `PyObject_SetItem`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_SetItem(
    op: *mut PyObject,
    key: *mut PyObject,
    value: *mut PyObject,
) -> c_int {
    crate::null_check!(op, key, value);
    // SAFETY: non-NULL.
    guard_status(|| unsafe { protocol::set_item(op, key, value) })
}

/// `PyObject_DelItem`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_DelItem(op: *mut PyObject, key: *mut PyObject) -> c_int {
    crate::null_check!(op, key);
    // SAFETY: non-NULL.
    guard_status(|| unsafe { protocol::set_item(op, key, null_mut()) })
}

/// `PyObject_DelItemString`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_DelItemString(op: *mut PyObject, key: *const c_char) -> c_int {
    crate::null_check!(op, key);
    // SAFETY: non-NULL; key a C string.
    guard_status(|| unsafe { protocol::set_item(op, name_obj(key)?.as_ptr(), null_mut()) })
}

/// `PyObject_GetIter`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_GetIter(op: *mut PyObject) -> *mut PyObject {
    crate::null_check!(op);
    // SAFETY: non-NULL.
    guard_obj(|| unsafe { protocol::get_iter(op) })
}

/// `PyIter_Next`: NULL at exhaustion without an error.
#[no_mangle]
pub unsafe extern "C" fn PyIter_Next(it: *mut PyObject) -> *mut PyObject {
    crate::null_check!(it);
    guard(|| {
        // SAFETY: non-NULL.
        match unsafe { protocol::iter_next(it) } {
            Ok(Some(v)) => v.into_raw(),
            _ => null_mut(),
        }
    })
}

/// `PyIter_NextItem` (3.14): 1 with `*item`, 0 at the end, -1 on error.
#[no_mangle]
pub unsafe extern "C" fn PyIter_NextItem(it: *mut PyObject, item: *mut *mut PyObject) -> c_int {
    crate::null_check!(it, item);
    guard(|| {
        // SAFETY: non-NULL.
        unsafe {
            *item = null_mut();
            if (*(*it).ob_type).tp_iternext.is_none() {
                errors::type_error(format!(
                    "expected an iterator, got '{}'",
                    typeobj::type_name(it)
                ));
                return -1;
            }
            match protocol::iter_next(it) {
                Ok(Some(v)) => {
                    *item = v.into_raw();
                    1
                }
                Ok(None) => 0,
                Err(_) => -1,
            }
        }
    })
}

/// `PyIter_Check`.
#[no_mangle]
pub unsafe extern "C" fn PyIter_Check(op: *mut PyObject) -> c_int {
    // SAFETY: op valid.
    unsafe { (*(*op).ob_type).tp_iternext.is_some() as c_int }
}

/// `PyAIter_Check`: 1 if the type of `op` has `__anext__`.
#[no_mangle]
pub unsafe extern "C" fn PyAIter_Check(op: *mut PyObject) -> c_int {
    // SAFETY: op valid.
    unsafe { protocol::is_aiter(op) as c_int }
}

/// `PyIter_Send`: sends `arg` into `iter` (through `am_send` when its type
/// has one, else `tp_iternext` for None, else `iter.send(arg)`):
/// `PYGEN_NEXT` with the yielded value, `PYGEN_RETURN` with the returned
/// value (StopIteration's, consumed), `PYGEN_ERROR` with NULL and an
/// exception.
#[no_mangle]
pub unsafe extern "C" fn PyIter_Send(
    iter: *mut PyObject,
    arg: *mut PyObject,
    presult: *mut *mut PyObject,
) -> PySendResult {
    crate::null_check!(iter, arg, presult);
    guard(|| {
        // SAFETY: non-NULL.
        unsafe {
            let am = (*(*iter).ob_type).tp_as_async;
            if let Some(send) = if am.is_null() { None } else { (*am).am_send } {
                return match send(iter, arg, presult) {
                    1 => PySendResult::PYGEN_NEXT,
                    0 => PySendResult::PYGEN_RETURN,
                    _ => PySendResult::PYGEN_ERROR,
                };
            }
            let (value, status) = match crate::vm::ops::send(iter, arg) {
                Ok(crate::vm::genobject::Sent::Yielded(v)) => {
                    (v.into_raw(), PySendResult::PYGEN_NEXT)
                }
                Ok(crate::vm::genobject::Sent::Returned(v)) => {
                    (v.into_raw(), PySendResult::PYGEN_RETURN)
                }
                Err(_) => (null_mut(), PySendResult::PYGEN_ERROR),
            };
            *presult = value;
            status
        }
    })
}

/// `PyObject_GetAIter`: `aiter(op)`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_GetAIter(op: *mut PyObject) -> *mut PyObject {
    crate::null_check!(op);
    // SAFETY: non-NULL.
    guard_obj(|| unsafe { protocol::get_aiter(op) })
}

/// `PyObject_SelfIter`: a new reference to `op` (the `tp_iter` of
/// iterators).
#[no_mangle]
pub unsafe extern "C" fn PyObject_SelfIter(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op valid.
    unsafe { crate::object::iterobject::self_iter(op) }
}

/// `PyObject_Dir`: `dir(op)`, or for NULL the sorted names of the running
/// frame's locals.
#[no_mangle]
pub unsafe extern "C" fn PyObject_Dir(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op NULL or valid.
    guard_obj(|| unsafe {
        if op.is_null() {
            crate::object::dir::dir_locals()
        } else {
            crate::object::dir::dir_of(op)
        }
    })
}

/// `PyObject_Bytes`: `bytes(op)`; `b"<NULL>"` for NULL.
#[no_mangle]
pub unsafe extern "C" fn PyObject_Bytes(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op NULL or valid.
    guard_obj(|| unsafe {
        if op.is_null() {
            return crate::object::bytes::from_slice(b"<NULL>");
        }
        crate::object::bytes::of_object(op)
    })
}

/// `PyObject_IsInstance`: 1, 0, or -1 with an exception.
#[no_mangle]
pub unsafe extern "C" fn PyObject_IsInstance(op: *mut PyObject, cls: *mut PyObject) -> c_int {
    crate::null_check!(op, cls);
    // SAFETY: non-NULL.
    guard_int(|| unsafe { crate::object::instancecheck::is_instance(op, cls) }.map(c_int::from))
}

/// `PyObject_IsSubclass`: 1, 0, or -1 with an exception.
#[no_mangle]
pub unsafe extern "C" fn PyObject_IsSubclass(derived: *mut PyObject, cls: *mut PyObject) -> c_int {
    crate::null_check!(derived, cls);
    // SAFETY: non-NULL.
    guard_int(|| {
        unsafe { crate::object::instancecheck::is_subclass(derived, cls) }.map(c_int::from)
    })
}

/// `Py_GetConstant` (3.13): a new reference to a constant.
#[no_mangle]
pub unsafe extern "C" fn Py_GetConstant(id: c_uint) -> *mut PyObject {
    let p = Py_GetConstantBorrowed(id);
    if !p.is_null() {
        // SAFETY: a valid object.
        unsafe { incref(p) };
    }
    p
}

/// `Py_GetConstantBorrowed` (3.13).
#[no_mangle]
pub extern "C" fn Py_GetConstantBorrowed(id: c_uint) -> *mut PyObject {
    use crate::object::{none, tuple};
    match id {
        Py_CONSTANT_NONE => none::none(),
        Py_CONSTANT_FALSE => pybool::py_false(),
        Py_CONSTANT_TRUE => pybool::py_true(),
        Py_CONSTANT_ELLIPSIS => none::ellipsis(),
        Py_CONSTANT_NOT_IMPLEMENTED => none::not_implemented(),
        Py_CONSTANT_ZERO => crate::object::int::small(0),
        Py_CONSTANT_ONE => crate::object::int::small(1),
        Py_CONSTANT_EMPTY_STR => crate::interned!(""),
        Py_CONSTANT_EMPTY_BYTES => crate::object::bytes::empty(),
        Py_CONSTANT_EMPTY_TUPLE => tuple::empty().into_raw(),
        _ => {
            errors::system_error("invalid constant identifier");
            null_mut()
        }
    }
}

/// `Py_ReprEnter`: 1 when `op` is already being represented, else 0.
#[no_mangle]
pub unsafe extern "C" fn Py_ReprEnter(op: *mut PyObject) -> c_int {
    if protocol::ReprGuard::active(op) {
        return 1;
    }
    match protocol::ReprGuard::enter(op) {
        Ok(Some(g)) => {
            std::mem::forget(g);
            0
        }
        _ => -1,
    }
}

/// `Py_ReprLeave`.
#[no_mangle]
pub unsafe extern "C" fn Py_ReprLeave(op: *mut PyObject) {
    protocol::ReprGuard::leave(op)
}
