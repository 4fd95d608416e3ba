//! `float` (`PyFloat_Type`): a C double.
use crate::ffi::*;
use crate::object::typeobj::type_template;
use crate::runtime::errors::{self, PyResult};
use crate::Owned;

/// `PyFloat_Type`.
#[no_mangle]
pub static mut PyFloat_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE,
    tp_free: Some(crate::capi::memory::PyObject_Free),
    tp_doc: c"Convert a string or number to a floating-point number, if possible.".as_ptr(),
    ..type_template(c"float", std::mem::size_of::<PyFloatObject>(), 0)
};

/// Whether `op` is a float or float subclass instance.
#[inline(always)]
pub unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { crate::object::typeobj::instance_of(op, &raw mut PyFloat_Type) }
}

/// A new float.
pub fn from_f64(v: f64) -> PyResult<Owned> {
    // SAFETY: room for a PyFloatObject, header set by init_object.
    unsafe {
        let op =
            crate::object::alloc::raw_malloc(std::mem::size_of::<PyFloatObject>()) as *mut PyObject;
        if op.is_null() {
            return Err(errors::no_memory());
        }
        crate::object::alloc::init_object(op, &raw mut PyFloat_Type);
        (*op.cast::<PyFloatObject>()).ob_fval = v;
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// The value of a float object.
#[inline(always)]
pub unsafe fn value(op: *mut PyObject) -> f64 {
    // SAFETY: op is a float.
    unsafe { (*op.cast::<PyFloatObject>()).ob_fval }
}
