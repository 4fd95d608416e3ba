//! The Type Objects chapter: `PyType_Ready`, subtype checks, flags, names.
use crate::capi::boundary::{guard, guard_obj, guard_status};
use crate::ffi::*;
use crate::object::{heaptype, str as pystr, typeobj};
use crate::runtime::errors;
use libc::{c_int, c_uint, c_ulong, c_void};

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

/// `PyType_ClearCache`: empties the type attribute cache. CPython returns
/// its last type version tag; ferrython's cache has no tags but epochs
/// (`object::typecache`), and this returns the number of the epoch it
/// ends.
#[no_mangle]
pub extern "C" fn PyType_ClearCache() -> c_uint {
    crate::object::typecache::clear() as c_uint
}

/// `PyType_GetTypeDataSize` (3.12): how many bytes `cls` adds to its
/// base's instances (from its aligned type data offset); 0 when it adds
/// none.
#[no_mangle]
pub unsafe extern "C" fn PyType_GetTypeDataSize(cls: *mut PyTypeObject) -> Py_ssize_t {
    crate::null_check!(cls);
    // SAFETY: cls is a type.
    unsafe { ((*cls).tp_basicsize - heaptype::type_data_offset((*cls).tp_base)).max(0) }
}

/// `PyObject_GetTypeData` (3.12): the memory `cls` (a class of `obj`)
/// reserved in `obj` for itself, from the aligned end of its base's part.
/// Like CPython it does not check that `obj` is an instance of `cls`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_GetTypeData(
    obj: *mut PyObject,
    cls: *mut PyTypeObject,
) -> *mut c_void {
    crate::null_check!(obj, cls);
    // SAFETY: obj is an instance of cls, which is at least this big.
    unsafe {
        obj.cast::<u8>()
            .offset(heaptype::type_data_offset((*cls).tp_base))
            .cast()
    }
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

/// `PyType_FromMetaclass`.
#[no_mangle]
pub unsafe extern "C" fn PyType_FromMetaclass(
    meta: *mut PyTypeObject,
    module: *mut PyObject,
    spec: *mut PyType_Spec,
    bases: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(spec);
    // SAFETY: spec valid; the rest NULL or valid.
    guard_obj(|| unsafe { heaptype::from_spec(meta, module, spec, bases) })
}

/// `PyType_FromModuleAndSpec`.
#[no_mangle]
pub unsafe extern "C" fn PyType_FromModuleAndSpec(
    module: *mut PyObject,
    spec: *mut PyType_Spec,
    bases: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { PyType_FromMetaclass(std::ptr::null_mut(), module, spec, bases) }
}

/// `PyType_FromSpecWithBases`.
#[no_mangle]
pub unsafe extern "C" fn PyType_FromSpecWithBases(
    spec: *mut PyType_Spec,
    bases: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { PyType_FromMetaclass(std::ptr::null_mut(), std::ptr::null_mut(), spec, bases) }
}

/// `PyType_FromSpec`.
#[no_mangle]
pub unsafe extern "C" fn PyType_FromSpec(spec: *mut PyType_Spec) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe {
        PyType_FromMetaclass(
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            spec,
            std::ptr::null_mut(),
        )
    }
}

/// `PyType_GetSlot`: NULL for an empty slot; `SystemError` for an invalid
/// slot id.
#[no_mangle]
pub unsafe extern "C" fn PyType_GetSlot(tp: *mut PyTypeObject, slot: c_int) -> *mut c_void {
    crate::null_check!(tp);
    // SAFETY: tp is a type.
    unsafe {
        if !(1..=Py_tp_token).contains(&slot) {
            errors::bad_internal_call();
            return std::ptr::null_mut();
        }
        match heaptype::slot_ptr(tp, slot) {
            Some(p) => *p,
            None => std::ptr::null_mut(),
        }
    }
}

/// `PyType_GetModule` (borrowed).
#[no_mangle]
pub unsafe extern "C" fn PyType_GetModule(tp: *mut PyTypeObject) -> *mut PyObject {
    crate::null_check!(tp);
    // SAFETY: tp is a type.
    guard(|| unsafe { heaptype::module_of(tp).unwrap_or(std::ptr::null_mut()) })
}

/// `PyType_GetModuleState`.
#[no_mangle]
pub unsafe extern "C" fn PyType_GetModuleState(tp: *mut PyTypeObject) -> *mut c_void {
    // SAFETY: the module of a heap type is a module object.
    unsafe {
        let m = PyType_GetModule(tp);
        if m.is_null() {
            return std::ptr::null_mut();
        }
        crate::capi::module::PyModule_GetState(m)
    }
}

/// `PyType_GetModuleByDef` (borrowed).
#[no_mangle]
pub unsafe extern "C" fn PyType_GetModuleByDef(
    tp: *mut PyTypeObject,
    def: *mut PyModuleDef,
) -> *mut PyObject {
    crate::null_check!(tp, def);
    // SAFETY: tp is a ready type.
    guard(|| unsafe { heaptype::module_by_def(tp, def).unwrap_or(std::ptr::null_mut()) })
}

/// `PyType_GetBaseByToken` (3.14): 1 and a new reference in `*result` when
/// a type in the MRO has `token`, else 0; -1 with `TypeError` for a
/// non-type.
#[no_mangle]
pub unsafe extern "C" fn PyType_GetBaseByToken(
    tp: *mut PyTypeObject,
    token: *mut c_void,
    result: *mut *mut PyTypeObject,
) -> c_int {
    crate::null_check!(tp);
    // SAFETY: tp valid; result NULL or writable.
    unsafe {
        if !result.is_null() {
            *result = std::ptr::null_mut();
        }
        if !typeobj::instance_of(tp.cast(), &raw mut typeobj::PyType_Type) {
            errors::type_error(format!(
                "expected a type, got a '{}' object",
                typeobj::type_name(tp.cast())
            ));
            return -1;
        }
        if token.is_null() {
            return 0;
        }
        match heaptype::base_by_token(tp, token) {
            Some(t) => {
                if !result.is_null() {
                    *result = crate::object::refcount::new_ref(t.cast()).cast();
                }
                1
            }
            None => 0,
        }
    }
}

/// `PyType_Freeze` (3.14): makes a type immutable.
#[no_mangle]
pub unsafe extern "C" fn PyType_Freeze(tp: *mut PyTypeObject) -> c_int {
    crate::null_check!(tp);
    // SAFETY: tp is a type.
    unsafe {
        (*tp).tp_flags |= Py_TPFLAGS_IMMUTABLETYPE;
        typeobj::modified(tp);
    }
    0
}
