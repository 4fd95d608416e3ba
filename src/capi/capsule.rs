//! The Capsules chapter: `PyCapsule_*`.
use crate::capi::boundary::{guard, guard_int, guard_obj, guard_status};
use crate::ffi::*;
use crate::object::capsule::{self, PyCapsule_Destructor};
use libc::c_int;
use std::ffi::{c_char, c_void};
use std::ptr::null_mut;

/// `PyCapsule_New`.
#[no_mangle]
pub unsafe extern "C" fn PyCapsule_New(
    pointer: *mut c_void,
    name: *const c_char,
    destructor: PyCapsule_Destructor,
) -> *mut PyObject {
    // SAFETY: name NULL or a C string that outlives the capsule (caller's contract).
    guard_obj(|| unsafe { capsule::new(pointer, name, destructor) })
}

/// `PyCapsule_GetPointer`.
#[no_mangle]
pub unsafe extern "C" fn PyCapsule_GetPointer(
    capsule_: *mut PyObject,
    name: *const c_char,
) -> *mut c_void {
    // SAFETY: capsule_ NULL or valid; name NULL or a C string.
    guard_int(|| unsafe { capsule::get_pointer(capsule_, name) })
}

/// `PyCapsule_GetName`.
#[no_mangle]
pub unsafe extern "C" fn PyCapsule_GetName(capsule_: *mut PyObject) -> *const c_char {
    // SAFETY: legal() checks the object.
    guard_int(|| unsafe { Ok((*capsule::legal(capsule_, "PyCapsule_GetName")?).name) })
}

/// `PyCapsule_GetDestructor`.
#[no_mangle]
pub unsafe extern "C" fn PyCapsule_GetDestructor(capsule_: *mut PyObject) -> PyCapsule_Destructor {
    guard(|| {
        // SAFETY: legal() checks the object.
        unsafe {
            match capsule::legal(capsule_, "PyCapsule_GetDestructor") {
                Ok(c) => (*c).destructor,
                Err(_) => None,
            }
        }
    })
}

/// `PyCapsule_GetContext`.
#[no_mangle]
pub unsafe extern "C" fn PyCapsule_GetContext(capsule_: *mut PyObject) -> *mut c_void {
    // SAFETY: legal() checks the object.
    guard_int(|| unsafe { Ok((*capsule::legal(capsule_, "PyCapsule_GetContext")?).context) })
}

/// `PyCapsule_SetPointer`: `ValueError` for a NULL pointer.
#[no_mangle]
pub unsafe extern "C" fn PyCapsule_SetPointer(
    capsule_: *mut PyObject,
    pointer: *mut c_void,
) -> c_int {
    guard_status(|| {
        if pointer.is_null() {
            return Err(crate::runtime::errors::value_error(
                "PyCapsule_SetPointer called with null pointer",
            ));
        }
        // SAFETY: legal() checks the object.
        unsafe { (*capsule::legal(capsule_, "PyCapsule_SetPointer")?).pointer = pointer };
        Ok(())
    })
}

/// `PyCapsule_SetName`.
#[no_mangle]
pub unsafe extern "C" fn PyCapsule_SetName(capsule_: *mut PyObject, name: *const c_char) -> c_int {
    // SAFETY: legal() checks the object.
    guard_status(|| unsafe {
        (*capsule::legal(capsule_, "PyCapsule_SetName")?).name = name;
        Ok(())
    })
}

/// `PyCapsule_SetDestructor`.
#[no_mangle]
pub unsafe extern "C" fn PyCapsule_SetDestructor(
    capsule_: *mut PyObject,
    destructor: PyCapsule_Destructor,
) -> c_int {
    // SAFETY: legal() checks the object.
    guard_status(|| unsafe {
        (*capsule::legal(capsule_, "PyCapsule_SetDestructor")?).destructor = destructor;
        Ok(())
    })
}

/// `PyCapsule_SetContext`.
#[no_mangle]
pub unsafe extern "C" fn PyCapsule_SetContext(
    capsule_: *mut PyObject,
    context: *mut c_void,
) -> c_int {
    // SAFETY: legal() checks the object.
    guard_status(|| unsafe {
        (*capsule::legal(capsule_, "PyCapsule_SetContext")?).context = context;
        Ok(())
    })
}

/// `PyCapsule_IsValid`: 1 for a capsule with a pointer and this name.
#[no_mangle]
pub unsafe extern "C" fn PyCapsule_IsValid(capsule_: *mut PyObject, name: *const c_char) -> c_int {
    // SAFETY: capsule_ NULL or valid; name NULL or a C string.
    guard(|| unsafe { capsule::is_valid(capsule_, name) as c_int })
}

/// `PyCapsule_Import`: the pointer of the capsule at the dotted `name`.
#[no_mangle]
pub unsafe extern "C" fn PyCapsule_Import(name: *const c_char, _no_block: c_int) -> *mut c_void {
    if name.is_null() {
        crate::runtime::errors::bad_internal_call();
        return null_mut();
    }
    // SAFETY: name is a C string.
    guard_int(|| unsafe { capsule::import(name) })
}
