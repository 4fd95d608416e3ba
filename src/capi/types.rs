//! The Type Objects chapter: `PyType_Ready`, subtype checks, flags, names.
use crate::capi::boundary::{guard_obj, guard_status};
use crate::ffi::*;
use crate::object::{str as pystr, typeobj};
use libc::{c_int, c_ulong};

/// `PyType_Ready`.
#[no_mangle]
pub unsafe extern "C" fn PyType_Ready(tp: *mut PyTypeObject) -> c_int {
    crate::null_check!(tp);
    // SAFETY: tp is a type object that outlives its use.
    guard_status(|| unsafe { typeobj::ready(tp) })
}

/// `PyType_IsSubtype`.
#[no_mangle]
pub unsafe extern "C" fn PyType_IsSubtype(a: *mut PyTypeObject, b: *mut PyTypeObject) -> c_int {
    // SAFETY: both are types.
    unsafe { typeobj::is_subtype(a, b) as c_int }
}

/// `PyType_GetFlags`.
#[no_mangle]
pub unsafe extern "C" fn PyType_GetFlags(tp: *mut PyTypeObject) -> c_ulong {
    // SAFETY: tp is a type.
    unsafe { (*tp).tp_flags }
}

/// `PyType_Modified`.
#[no_mangle]
pub unsafe extern "C" fn PyType_Modified(tp: *mut PyTypeObject) {
    // SAFETY: tp is a type.
    unsafe { typeobj::modified(tp) }
}

/// `PyType_GetName`: `__name__`.
#[no_mangle]
pub unsafe extern "C" fn PyType_GetName(tp: *mut PyTypeObject) -> *mut PyObject {
    crate::null_check!(tp);
    // SAFETY: tp is a type.
    guard_obj(|| unsafe { crate::object::protocol::getattr_str(tp.cast(), "__name__") })
}

/// `PyType_GetQualName`: `__qualname__`.
#[no_mangle]
pub unsafe extern "C" fn PyType_GetQualName(tp: *mut PyTypeObject) -> *mut PyObject {
    crate::null_check!(tp);
    // SAFETY: tp is a type.
    guard_obj(|| unsafe { pystr::from_str(&typeobj::qualname(tp)?) })
}

/// `PyType_GetModuleName`: `__module__`.
#[no_mangle]
pub unsafe extern "C" fn PyType_GetModuleName(tp: *mut PyTypeObject) -> *mut PyObject {
    crate::null_check!(tp);
    // SAFETY: tp is a type.
    guard_obj(|| unsafe { crate::object::protocol::getattr_str(tp.cast(), "__module__") })
}

/// `PyType_GetFullyQualifiedName`: `module.qualname`, or the qualname for
/// builtins and `__main__`.
#[no_mangle]
pub unsafe extern "C" fn PyType_GetFullyQualifiedName(tp: *mut PyTypeObject) -> *mut PyObject {
    crate::null_check!(tp);
    guard_obj(|| {
        // SAFETY: tp is a type.
        unsafe {
            let q = typeobj::qualname(tp)?;
            match typeobj::module_name(tp)?.as_deref() {
                None | Some("builtins") | Some("__main__") => pystr::from_str(&q),
                Some(m) => pystr::from_str(&format!("{m}.{q}")),
            }
        }
    })
}

/// `PyType_HasFeature` as a function.
#[no_mangle]
pub unsafe extern "C" fn PyType_HasFeature(tp: *mut PyTypeObject, feature: c_ulong) -> c_int {
    // SAFETY: tp is a type.
    unsafe { ((*tp).tp_flags & feature != 0) as c_int }
}
