//! The `array` module (CPython's `Modules/arraymodule.c`): `array.array`,
//! a mutable sequence of C numbers or characters stored unboxed, which
//! exports its items through the buffer protocol; its iterator; the
//! `typecodes` string, the `ArrayType` alias and the `_array_reconstructor`
//! used by pickles.
mod buffer;
mod descr;
mod iter;
mod methods;
mod object;
mod pickle;
mod sequence;

use crate::ffi::*;
use crate::modules::objtype::new_module;
use crate::object::descr::{method, METHOD_END};
use crate::object::{protocol, str as pystr};
use crate::runtime::errors::{PyResult, Raised};
use crate::Owned;

static mut FUNCTIONS: [PyMethodDef; 2] = [
    method(
        c"_array_reconstructor",
        pickle::array_reconstructor as *const libc::c_void,
        METH_FASTCALL | METH_KEYWORDS,
    ),
    METHOD_END,
];

const DOC: &str = "This module defines an object type which can efficiently represent
an array of basic values: characters, integers, floating-point
numbers.  Arrays are sequence types and behave very much like lists,
except that the type of objects stored in them is constrained.
";

unsafe fn create() -> PyResult<Owned> {
    // SAFETY: the tables and types are static.
    unsafe {
        let m = new_module(
            "array",
            (&raw mut FUNCTIONS).cast(),
            &[&raw mut object::ARRAY_TYPE],
        )?;
        crate::object::typeobj::ready(&raw mut iter::ARRAY_ITER_TYPE)?;
        let p = m.as_ptr();
        let add = |name: &std::ffi::CStr, v: *mut PyObject| -> PyResult<()> {
            if crate::capi::module::PyModule_AddObjectRef(p, name.as_ptr(), v) < 0 {
                return Err(Raised::assume());
            }
            Ok(())
        };
        add(c"ArrayType", (&raw mut object::ARRAY_TYPE).cast())?;
        let codes: String = descr::DESCRS.iter().map(|d| d.code as char).collect();
        add(c"typecodes", pystr::from_str(&codes)?.as_ptr())?;
        add(c"__doc__", pystr::from_str(DOC)?.as_ptr())?;
        // Arrays are mutable sequences for isinstance checks.
        let abc = crate::runtime::import::import_absolute("collections.abc")?;
        let ms = protocol::getattr_str(abc.as_ptr(), "MutableSequence")?;
        protocol::call_method_obj(
            ms.as_ptr(),
            "register",
            &[(&raw mut object::ARRAY_TYPE).cast()],
        )?;
        Ok(m)
    }
}

/// `PyInit_array`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    // SAFETY: runs during import with the interpreter attached.
    crate::capi::boundary::guard_obj(|| unsafe { create() })
}
