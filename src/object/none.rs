//! The singletons `None`, `NotImplemented` and `Ellipsis` and their types.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::refcount::static_head;
use crate::object::typeobj::type_template;
use crate::Owned;

const fn singleton_type(
    name: &'static std::ffi::CStr,
    repr: reprfunc,
    hash: hashfunc,
    methods: *const PyMethodDef,
    number: *mut PyNumberMethods,
) -> PyTypeObject {
    PyTypeObject {
        tp_repr: repr,
        tp_methods: methods.cast_mut(),
        tp_hash: hash,
        tp_as_number: number,
        tp_new: Some(singleton_new),
        tp_dealloc: Some(singleton_dealloc),
        ..type_template(name, std::mem::size_of::<PyObject>(), 0)
    }
}

/// The type of `None`.
#[no_mangle]
pub static mut _PyNone_Type: PyTypeObject = singleton_type(
    c"NoneType",
    Some(none_repr),
    Some(none_hash),
    std::ptr::null(),
    &raw mut SINGLETON_AS_NUMBER,
);
/// The type of `NotImplemented`.
#[no_mangle]
pub static mut _PyNotImplemented_Type: PyTypeObject = singleton_type(
    c"NotImplementedType",
    Some(notimpl_repr),
    None,
    (&raw const NAMED_SINGLETON_METHODS).cast(),
    &raw mut SINGLETON_AS_NUMBER,
);
/// The type of `Ellipsis`.
#[no_mangle]
pub static mut PyEllipsis_Type: PyTypeObject = singleton_type(
    c"ellipsis",
    Some(ellipsis_repr),
    None,
    (&raw const NAMED_SINGLETON_METHODS).cast(),
    // Always true, with no `__bool__` of its own.
    std::ptr::null_mut(),
);

/// `NotImplemented` and `Ellipsis` pickle as the builtin names they are.
static NAMED_SINGLETON_METHODS: [PyMethodDef; 2] = [
    crate::object::descr::method(
        c"__reduce__",
        singleton_reduce as *const libc::c_void,
        METH_NOARGS,
    ),
    crate::object::descr::METHOD_END,
];

/// `__reduce__` of `NotImplemented` and `Ellipsis`: their name.
unsafe extern "C" fn singleton_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is NotImplemented or Ellipsis; their repr is their name.
    unsafe {
        (*(*op).ob_type)
            .tp_repr
            .map_or(std::ptr::null_mut(), |r| r(op))
    }
}

/// `hash(None)`: a constant since CPython 3.12, so that sets and dicts
/// holding None iterate in the same order in every run.
unsafe extern "C" fn none_hash(_op: *mut PyObject) -> Py_hash_t {
    0xFCA86420
}

unsafe extern "C" fn none_repr(_op: *mut PyObject) -> *mut PyObject {
    Owned::from_borrowed_static(crate::interned!("None")).into_raw()
}

unsafe extern "C" fn notimpl_repr(_op: *mut PyObject) -> *mut PyObject {
    Owned::from_borrowed_static(crate::interned!("NotImplemented")).into_raw()
}

unsafe extern "C" fn ellipsis_repr(_op: *mut PyObject) -> *mut PyObject {
    Owned::from_borrowed_static(crate::interned!("Ellipsis")).into_raw()
}

static mut SINGLETON_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_bool: Some(singleton_bool),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

unsafe extern "C" fn singleton_bool(op: *mut PyObject) -> libc::c_int {
    // None is false; NotImplemented (deprecated in a boolean context) is
    // true.
    (op != none()) as libc::c_int
}

unsafe extern "C" fn singleton_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: tp is one of the singleton types; args a tuple.
        unsafe {
            let nk = if kwargs.is_null() {
                0
            } else {
                crate::object::dict::len(kwargs)
            };
            if crate::object::tuple::size(args) != 0 || nk != 0 {
                return Err(crate::runtime::errors::type_error(format!(
                    "{}() takes no arguments",
                    crate::object::typeobj::name_of(tp)
                )));
            }
            let s = if tp == &raw mut _PyNone_Type {
                none()
            } else if tp == &raw mut _PyNotImplemented_Type {
                not_implemented()
            } else {
                ellipsis()
            };
            Ok(Owned::from_borrowed(s))
        }
    })
}

unsafe extern "C" fn singleton_dealloc(_op: *mut PyObject) {
    // Immortal singletons are never deallocated.
    crate::runtime::lifecycle::fatal_error(
        "deallocating a singleton (None, NotImplemented or Ellipsis)",
    );
}

/// `_Py_NoneStruct`.
#[no_mangle]
pub static mut _Py_NoneStruct: PyObject = static_head(&raw mut _PyNone_Type);
/// `_Py_NotImplementedStruct`.
#[no_mangle]
pub static mut _Py_NotImplementedStruct: PyObject = static_head(&raw mut _PyNotImplemented_Type);
/// `_Py_EllipsisObject`.
#[no_mangle]
pub static mut _Py_EllipsisObject: PyObject = static_head(&raw mut PyEllipsis_Type);

/// `Py_None`.
#[inline(always)]
pub fn none() -> *mut PyObject {
    &raw mut _Py_NoneStruct
}

/// `None` as a new reference (`Py_RETURN_NONE`).
#[inline(always)]
pub fn owned() -> Owned {
    Owned::from_borrowed_static(none())
}

/// `Py_NotImplemented`.
#[inline(always)]
pub fn not_implemented() -> *mut PyObject {
    &raw mut _Py_NotImplementedStruct
}

/// `Py_Ellipsis`.
#[inline(always)]
pub fn ellipsis() -> *mut PyObject {
    &raw mut _Py_EllipsisObject
}
