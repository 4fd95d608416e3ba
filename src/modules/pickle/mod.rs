//! The `_pickle` module (CPython's `Modules/_pickle.c`): the exception
//! classes `PickleError`, `PicklingError` and `UnpicklingError`, and
//! `PickleBuffer` (PEP 574). `pickle.py` takes `PickleBuffer` from here and
//! uses its own pure-Python pickler and unpickler, which it falls back to
//! while this module has no `Pickler`.
pub mod buffer;
mod dump;
mod input;
mod load;
mod opcodes;
mod pickler;
mod unpickler;

use crate::ffi::*;
use crate::modules::module_def::{self, add, add_type, exec_slot, SLOT_END};
use crate::object::descr::{method, METHOD_END};
use crate::object::exceptions::{new_exception_class, PyExc_Exception};
use crate::object::refcount::release_static;
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::{c_int, c_void};
use std::ffi::CStr;
use std::ptr::null_mut;
use std::sync::atomic::{AtomicPtr, Ordering};

/// `_pickle.PickleError`, created by the first exec of the module.
static PICKLE_ERROR: AtomicPtr<PyObject> = AtomicPtr::new(null_mut());
/// `_pickle.PicklingError`.
static PICKLING_ERROR: AtomicPtr<PyObject> = AtomicPtr::new(null_mut());
/// `_pickle.UnpicklingError`.
static UNPICKLING_ERROR: AtomicPtr<PyObject> = AtomicPtr::new(null_mut());

/// Raises `_pickle.UnpicklingError(msg)`.
pub fn unpickling_error(msg: &str) -> Raised {
    // SAFETY: the class exists once the module was executed, before any
    // unpickler.
    unsafe { errors::set_string(UNPICKLING_ERROR.load(Ordering::Relaxed), msg) }
}

/// `_pickle.UnpicklingError` (borrowed).
pub fn unpickling_error_class() -> *mut PyObject {
    UNPICKLING_ERROR.load(Ordering::Relaxed)
}

/// Raises `_pickle.PicklingError(msg)`.
pub fn pickling_error(msg: &str) -> Raised {
    // SAFETY: as for unpickling_error.
    unsafe { errors::set_string(PICKLING_ERROR.load(Ordering::Relaxed), msg) }
}

/// Drops the module's exception classes (interpreter finalization).
pub fn finalize() {
    release_static(&UNPICKLING_ERROR);
    release_static(&PICKLING_ERROR);
    release_static(&PICKLE_ERROR);
}

/// Creates the exception class `name` deriving from `base` into `slot`,
/// unless an earlier exec did.
unsafe fn exception(
    slot: &AtomicPtr<PyObject>,
    name: &CStr,
    base: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: base is a live exception class.
    unsafe {
        if slot.load(Ordering::Relaxed).is_null() {
            let e = new_exception_class(name.as_ptr(), base, null_mut(), null_mut())?;
            slot.store(e.into_raw(), Ordering::Relaxed);
        }
        Ok(Owned::from_borrowed(slot.load(Ordering::Relaxed)))
    }
}

unsafe extern "C" fn exec(m: *mut PyObject) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: m is the module being executed.
        unsafe {
            let base = exception(&PICKLE_ERROR, c"_pickle.PickleError", PyExc_Exception)?;
            let pickling = exception(&PICKLING_ERROR, c"_pickle.PicklingError", base.as_ptr())?;
            let unpickling =
                exception(&UNPICKLING_ERROR, c"_pickle.UnpicklingError", base.as_ptr())?;
            add(m, "PickleError", Ok(base))?;
            add(m, "PicklingError", Ok(pickling))?;
            add(m, "UnpicklingError", Ok(unpickling))?;
            add_type(m, &raw mut buffer::PyPickleBuffer_Type)?;
            add_type(m, &raw mut dump::PICKLER_TYPE)?;
            add_type(m, &raw mut load::UNPICKLER_TYPE)
        }
    })
}

static mut SLOTS: [PyModuleDef_Slot; 2] = [exec_slot(exec), SLOT_END];

static mut METHODS: [PyMethodDef; 5] = [
    method(c"dump", dump::pickle_dump as *const c_void, FK),
    method(c"dumps", dump::pickle_dumps as *const c_void, FK),
    method(c"load", load::pickle_load as *const c_void, FK),
    method(c"loads", load::pickle_loads as *const c_void, FK),
    METHOD_END,
];

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut DEF: PyModuleDef = module_def::def(
    c"_pickle",
    c"Optimized C implementation for the Python pickle module.",
    (&raw mut METHODS).cast(),
    (&raw mut SLOTS).cast(),
);

/// `PyInit__pickle`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    // SAFETY: DEF is a static module definition.
    unsafe { crate::capi::module::PyModuleDef_Init(&raw mut DEF) }
}
