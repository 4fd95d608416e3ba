//! `PyCapsule` (`PyCapsule_Type`): an opaque C pointer with a name, a
//! context and a destructor, the way extension modules publish C APIs to
//! each other.
use crate::ffi::*;
use crate::object::str as pystr;
use crate::object::typeobj::type_template;
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use std::ffi::{c_char, c_void, CStr};

/// `PyCapsule_Destructor`: called with the capsule when it is deallocated.
pub type PyCapsule_Destructor = Option<unsafe extern "C" fn(*mut PyObject)>;

/// The capsule object (CPython's `PyCapsule`, private layout).
#[repr(C)]
pub struct PyCapsuleObject {
    pub ob_base: PyObject,
    pub pointer: *mut c_void,
    pub name: *const c_char,
    pub context: *mut c_void,
    pub destructor: PyCapsule_Destructor,
}

/// `PyCapsule_Type`.
#[no_mangle]
pub static mut PyCapsule_Type: PyTypeObject = PyTypeObject {
    tp_dealloc: Some(capsule_dealloc),
    tp_repr: Some(capsule_repr),
    tp_doc: c"Capsule objects let you wrap a C \"void *\" pointer in a Python\nobject.  They're a way of passing data through the Python interpreter\nwithout creating your own custom type.\n\nCapsules are used for communication between extension modules.\nThey provide a way for an extension module to export a C interface\nto other extension modules, so that extension modules can use the\nPython import mechanism to link to one another.\n"
        .as_ptr(),
    ..type_template(c"PyCapsule", std::mem::size_of::<PyCapsuleObject>(), 0)
};

#[inline]
unsafe fn cap(op: *mut PyObject) -> *mut PyCapsuleObject {
    op.cast()
}

/// Whether two capsule names match: both NULL, or equal C strings.
unsafe fn name_matches(a: *const c_char, b: *const c_char) -> bool {
    match (a.is_null(), b.is_null()) {
        (true, true) => true,
        // SAFETY: both are NUL-terminated strings.
        (false, false) => unsafe { CStr::from_ptr(a) == CStr::from_ptr(b) },
        _ => false,
    }
}

/// `PyCapsule_New`: `ValueError` for a NULL pointer.
pub unsafe fn new(
    pointer: *mut c_void,
    name: *const c_char,
    destructor: PyCapsule_Destructor,
) -> PyResult<Owned> {
    if pointer.is_null() {
        return Err(errors::value_error(
            "PyCapsule_New called with null pointer",
        ));
    }
    // SAFETY: fresh memory of the capsule's size; the type is static.
    unsafe {
        let op = crate::object::alloc::raw_malloc(std::mem::size_of::<PyCapsuleObject>())
            as *mut PyObject;
        if op.is_null() {
            return Err(errors::no_memory());
        }
        crate::object::alloc::init_object(op, &raw mut PyCapsule_Type);
        let c = cap(op);
        (*c).pointer = pointer;
        (*c).name = name;
        (*c).context = std::ptr::null_mut();
        (*c).destructor = destructor;
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// Whether `op` is a usable capsule (exact type, non-NULL pointer).
unsafe fn is_legal(op: *mut PyObject) -> bool {
    // SAFETY: op NULL or valid.
    unsafe {
        !op.is_null() && (*op).ob_type == &raw mut PyCapsule_Type && !(*cap(op)).pointer.is_null()
    }
}

/// The capsule of `op`, or `ValueError` "`<func>` called with invalid
/// PyCapsule object".
pub unsafe fn legal(op: *mut PyObject, func: &str) -> PyResult<*mut PyCapsuleObject> {
    // SAFETY: op NULL or valid.
    if unsafe { is_legal(op) } {
        Ok(op.cast())
    } else {
        Err(errors::value_error(format!(
            "{func} called with invalid PyCapsule object"
        )))
    }
}

/// `PyCapsule_IsValid`.
pub unsafe fn is_valid(op: *mut PyObject, name: *const c_char) -> bool {
    // SAFETY: op NULL or valid; name NULL or a C string.
    unsafe { is_legal(op) && name_matches((*cap(op)).name, name) }
}

/// `PyCapsule_GetPointer`.
pub unsafe fn get_pointer(op: *mut PyObject, name: *const c_char) -> PyResult<*mut c_void> {
    // SAFETY: legal() checked the type.
    unsafe {
        let c = legal(op, "PyCapsule_GetPointer")?;
        if !name_matches((*c).name, name) {
            return Err(errors::value_error(
                "PyCapsule_GetPointer called with incorrect name",
            ));
        }
        Ok((*c).pointer)
    }
}

/// `PyCapsule_Import`: imports the module named by the leading part of the
/// dotted `name`, follows the remaining parts as attributes, and returns
/// the pointer of the capsule found there (whose name must be `name`).
pub unsafe fn import(name: *const c_char) -> PyResult<*mut c_void> {
    // SAFETY: name is a C string.
    let full = unsafe { CStr::from_ptr(name) }.to_string_lossy();
    let mut parts = full.split('.');
    let first = parts.next().unwrap_or("");
    let mut object = match crate::runtime::import::import_absolute(first) {
        Ok(m) => m,
        Err(_) => {
            errors::clear();
            let msg = format!("PyCapsule_Import could not import module \"{first}\"");
            // SAFETY: PyExc_ImportError is set before any code runs.
            return Err(unsafe {
                errors::set_string(crate::object::exceptions::PyExc_ImportError, &msg)
            });
        }
    };
    for part in parts {
        // SAFETY: object is a valid object.
        object = unsafe { crate::object::protocol::getattr_str(object.as_ptr(), part)? };
    }
    // SAFETY: object valid; name a C string.
    unsafe {
        if is_valid(object.as_ptr(), name) {
            Ok((*cap(object.as_ptr())).pointer)
        } else {
            Err(errors::attribute_error(format!(
                "PyCapsule_Import \"{full}\" is not valid"
            )))
        }
    }
}

unsafe extern "C" fn capsule_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; the destructor sees the whole capsule.
    unsafe {
        if let Some(d) = (*cap(op)).destructor {
            d(op);
        }
        crate::object::alloc::raw_free(op.cast());
    }
}

unsafe extern "C" fn capsule_repr(op: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a capsule; its name NULL or a C string.
        unsafe {
            let name = (*cap(op)).name;
            let text = if name.is_null() {
                format!("<capsule object NULL at {op:p}>")
            } else {
                format!(
                    "<capsule object \"{}\" at {op:p}>",
                    CStr::from_ptr(name).to_string_lossy()
                )
            };
            pystr::from_str(&text)
        }
    })
}
