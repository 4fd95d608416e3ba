//! `typing.NoDefault` (PEP 696): the immortal singleton meaning "this type
//! parameter has no default", and its type `NoDefaultType`.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::descr::{method, METHOD_END};
use crate::object::refcount::static_head;
use crate::object::typeobj::type_template;
use crate::Owned;
use libc::c_void;

/// `_PyNoDefault_Type`.
#[no_mangle]
pub static mut _PyNoDefault_Type: PyTypeObject = PyTypeObject {
    tp_repr: Some(nodefault_repr),
    tp_new: Some(nodefault_new),
    tp_methods: (&raw const NODEFAULT_METHODS).cast_mut().cast(),
    tp_doc: c"Type of typing.NoDefault, the marker of a type parameter without a default.".as_ptr(),
    ..type_template(c"NoDefaultType", std::mem::size_of::<PyObject>(), 0)
};

/// `_Py_NoDefaultStruct`.
#[no_mangle]
pub static mut _Py_NoDefaultStruct: PyObject = static_head(&raw mut _PyNoDefault_Type);

/// The `NoDefault` singleton (immortal).
pub fn no_default() -> *mut PyObject {
    &raw mut _Py_NoDefaultStruct
}

unsafe extern "C" fn nodefault_repr(_op: *mut PyObject) -> *mut PyObject {
    Owned::from_borrowed_static(crate::interned!("typing.NoDefault")).into_raw()
}

/// Pickles by name, as `typing.NoDefault`.
unsafe extern "C" fn nodefault_reduce(_op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    Owned::from_borrowed_static(crate::interned!("NoDefault")).into_raw()
}

unsafe extern "C" fn nodefault_new(
    _tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple; kwargs NULL or a dict.
        unsafe {
            let nk = if kwargs.is_null() {
                0
            } else {
                crate::object::dict::len(kwargs)
            };
            if crate::object::tuple::size(args) != 0 || nk != 0 {
                return Err(crate::runtime::errors::type_error(
                    "NoDefaultType takes no arguments",
                ));
            }
            Ok(Owned::from_borrowed_static(no_default()))
        }
    })
}

static NODEFAULT_METHODS: [PyMethodDef; 2] = [
    method(
        c"__reduce__",
        nodefault_reduce as *const c_void,
        METH_NOARGS,
    ),
    METHOD_END,
];
