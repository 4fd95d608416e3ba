//! The Common Object Structures and Descriptor chapters: builtin function
//! objects from a `PyMethodDef` (`PyCFunction_*`, `PyCMethod_New`),
//! descriptors from C definitions (`PyDescr_*`), `PyMember_GetOne/SetOne`.
use crate::capi::boundary::{guard_obj, guard_status};
use crate::ffi::*;
use crate::object::{descr, funcobject, member, methodobject};
use crate::runtime::errors;
use libc::c_int;
use std::ptr::null_mut;

/// `PyCMethod_New`.
#[no_mangle]
pub unsafe extern "C" fn PyCMethod_New(
    ml: *mut PyMethodDef,
    self_: *mut PyObject,
    module: *mut PyObject,
    cls: *mut PyTypeObject,
) -> *mut PyObject {
    crate::null_check!(ml);
    // SAFETY: ml outlives the function object.
    guard_obj(|| unsafe { methodobject::new(ml, self_, module, cls) })
}

/// `PyWrapper_New`: binds the slot wrapper `d` (a `wrapper_descriptor`)
/// to `self_`, as `d.__get__(self_)` does. CPython only asserts the
/// argument types; here a `d` of another type is a `SystemError` and a
/// `self_` of the wrong class a `TypeError`.
#[no_mangle]
pub unsafe extern "C" fn PyWrapper_New(d: *mut PyObject, self_: *mut PyObject) -> *mut PyObject {
    crate::null_check!(d, self_);
    // SAFETY: both valid.
    guard_obj(|| unsafe {
        if !crate::object::slotdefs::is_wrapper(d) {
            return Err(errors::bad_internal_call());
        }
        crate::object::slotdefs::bind(d, self_)
    })
}

/// `PyCFunction_NewEx`.
#[no_mangle]
pub unsafe extern "C" fn PyCFunction_NewEx(
    ml: *mut PyMethodDef,
    self_: *mut PyObject,
    module: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { PyCMethod_New(ml, self_, module, null_mut()) }
}

/// `PyCFunction_New`.
#[no_mangle]
pub unsafe extern "C" fn PyCFunction_New(
    ml: *mut PyMethodDef,
    self_: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { PyCMethod_New(ml, self_, null_mut(), null_mut()) }
}

unsafe fn as_cfunction(op: *mut PyObject) -> Option<*mut PyCFunctionObject> {
    // SAFETY: op valid.
    unsafe {
        if crate::object::typeobj::instance_of(op, &raw mut methodobject::PyCFunction_Type) {
            Some(op.cast())
        } else {
            errors::bad_internal_call();
            None
        }
    }
}

/// `PyCFunction_GetFunction`.
#[no_mangle]
pub unsafe extern "C" fn PyCFunction_GetFunction(op: *mut PyObject) -> PyCFunction {
    crate::null_check!(op);
    // SAFETY: op checked to be a builtin function.
    unsafe { as_cfunction(op).and_then(|f| (*(*f).m_ml).ml_meth) }
}

/// `PyCFunction_GetSelf` (borrowed; NULL for `METH_STATIC`).
#[no_mangle]
pub unsafe extern "C" fn PyCFunction_GetSelf(op: *mut PyObject) -> *mut PyObject {
    crate::null_check!(op);
    // SAFETY: op checked to be a builtin function.
    unsafe {
        as_cfunction(op).map_or(null_mut(), |f| {
            if (*(*f).m_ml).ml_flags & METH_STATIC != 0 {
                null_mut()
            } else {
                (*f).m_self
            }
        })
    }
}

/// `PyCFunction_GetFlags`.
#[no_mangle]
pub unsafe extern "C" fn PyCFunction_GetFlags(op: *mut PyObject) -> c_int {
    crate::null_check!(op);
    // SAFETY: op checked to be a builtin function.
    unsafe { as_cfunction(op).map_or(-1, |f| (*(*f).m_ml).ml_flags) }
}

/// `PyDescr_NewMethod`.
#[no_mangle]
pub unsafe extern "C" fn PyDescr_NewMethod(
    tp: *mut PyTypeObject,
    ml: *mut PyMethodDef,
) -> *mut PyObject {
    crate::null_check!(tp, ml);
    // SAFETY: ml outlives the descriptor.
    guard_obj(|| unsafe { descr::new_method(tp, ml) })
}

/// `PyDescr_NewClassMethod`.
#[no_mangle]
pub unsafe extern "C" fn PyDescr_NewClassMethod(
    tp: *mut PyTypeObject,
    ml: *mut PyMethodDef,
) -> *mut PyObject {
    crate::null_check!(tp, ml);
    // SAFETY: ml outlives the descriptor; the flag selects the kind.
    guard_obj(|| unsafe {
        if (*ml).ml_flags & METH_CLASS == 0 {
            return Err(errors::system_error(
                "PyDescr_NewClassMethod needs METH_CLASS",
            ));
        }
        descr::new_method(tp, ml)
    })
}

/// `PyDescr_NewMember`.
#[no_mangle]
pub unsafe extern "C" fn PyDescr_NewMember(
    tp: *mut PyTypeObject,
    m: *mut PyMemberDef,
) -> *mut PyObject {
    crate::null_check!(tp, m);
    // SAFETY: m outlives the descriptor.
    guard_obj(|| unsafe { descr::new_member(tp, m) })
}

/// `PyDescr_NewGetSet`.
#[no_mangle]
pub unsafe extern "C" fn PyDescr_NewGetSet(
    tp: *mut PyTypeObject,
    g: *mut PyGetSetDef,
) -> *mut PyObject {
    crate::null_check!(tp, g);
    // SAFETY: g outlives the descriptor.
    guard_obj(|| unsafe { descr::new_getset(tp, g) })
}

/// `PyMember_GetOne`.
#[no_mangle]
pub unsafe extern "C" fn PyMember_GetOne(
    obj: *const libc::c_char,
    m: *mut PyMemberDef,
) -> *mut PyObject {
    crate::null_check!(obj, m);
    // SAFETY: obj is the base address of an object with the member.
    guard_obj(|| unsafe { member::get(obj as *mut PyObject, m) })
}

/// `PyMember_SetOne`.
#[no_mangle]
pub unsafe extern "C" fn PyMember_SetOne(
    obj: *mut libc::c_char,
    m: *mut PyMemberDef,
    value: *mut PyObject,
) -> c_int {
    crate::null_check!(obj, m);
    // SAFETY: obj is the base address of an object with the member.
    guard_status(|| unsafe { member::set(obj.cast(), m, value) })
}

/// `PyStaticMethod_New`.
#[no_mangle]
pub unsafe extern "C" fn PyStaticMethod_New(callable: *mut PyObject) -> *mut PyObject {
    crate::null_check!(callable);
    // SAFETY: callable valid.
    guard_obj(|| unsafe { funcobject::new_staticmethod(callable) })
}
