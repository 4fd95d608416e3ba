//! The `_ctypes` module (CPython's `Modules/_ctypes/`), on which the
//! standard library's pure-Python `ctypes` package is built: the ctypes
//! metatypes and their abstract bases, instances laid out as CPython's
//! `CDataObject`, foreign calls and callbacks through libffi, and the
//! module's helper functions.
mod access;
mod array;
mod basetype;
mod callproc;
mod carg;
mod cdata;
mod cfield;
mod fields;
mod funcptr;
mod functions;
mod longdouble;
mod pointer;
mod simple;
mod stginfo;
mod structure;
mod thunk;
mod typemethods;

use crate::ffi::*;
use crate::modules::objtype::new_module;
use crate::object::descr::{method, METHOD_END};
use crate::object::{int, str as pystr};
use crate::runtime::errors::{PyResult, Raised};
use crate::Owned;
use std::ptr::null_mut;

/// `_ctypes.ArgumentError`, made at module creation.
pub static mut ARGUMENT_ERROR: *mut PyObject = null_mut();

macro_rules! fastcall {
    ($name:expr, $f:path) => {
        method(
            $name,
            $f as *const libc::c_void,
            METH_FASTCALL | METH_KEYWORDS,
        )
    };
}

static mut FUNCTIONS: [PyMethodDef; 19] = [
    fastcall!(c"sizeof", functions::sizeof),
    fastcall!(c"alignment", functions::alignment),
    fastcall!(c"byref", functions::byref),
    fastcall!(c"addressof", functions::addressof),
    fastcall!(c"resize", functions::resize),
    fastcall!(c"get_errno", functions::get_errno),
    fastcall!(c"set_errno", functions::set_errno),
    fastcall!(c"POINTER", pointer::py_pointer_type),
    fastcall!(c"pointer", pointer::py_pointer),
    fastcall!(c"dlopen", functions::py_dlopen),
    fastcall!(c"dlclose", functions::py_dlclose),
    fastcall!(c"dlsym", functions::py_dlsym),
    fastcall!(c"PyObj_FromPtr", functions::obj_from_ptr),
    fastcall!(c"Py_INCREF", functions::py_incref),
    fastcall!(c"Py_DECREF", functions::py_decref),
    fastcall!(c"buffer_info", functions::buffer_info),
    fastcall!(c"call_function", functions::call_function),
    fastcall!(c"call_cdeclfunction", functions::call_cdeclfunction),
    METHOD_END,
];

/// `_ctypes.__version__`, which `ctypes` checks against its own.
const VERSION: &str = "1.1.0";

/// Whether `op` can be called.
pub unsafe fn is_callable(op: *mut PyObject) -> bool {
    // SAFETY: op is live.
    unsafe { (*(*op).ob_type).tp_call.is_some() }
}

unsafe fn create() -> PyResult<Owned> {
    // SAFETY: the tables and types are static; called with the GIL.
    unsafe {
        stginfo::ready()?;
        cdata::ready()?;
        carg::ready()?;
        cfield::ready()?;
        thunk::ready()?;
        simple::ready()?;
        array::ready()?;
        pointer::ready()?;
        structure::ready()?;
        funcptr::ready()?;
        let m = new_module("_ctypes", (&raw mut FUNCTIONS).cast(), &[])?;
        let p = m.as_ptr();
        let add = |name: &std::ffi::CStr, v: *mut PyObject| -> PyResult<()> {
            if crate::capi::module::PyModule_AddObjectRef(p, name.as_ptr(), v) < 0 {
                return Err(Raised::assume());
            }
            Ok(())
        };
        let simple_base = simple::make_base()?;
        let array_base = array::make_base()?;
        let pointer_base = pointer::make_base()?;
        let (struct_base, union_base) = structure::make_bases()?;
        let funcptr_base = funcptr::make_base()?;
        add(c"_SimpleCData", simple_base.as_ptr())?;
        add(c"Array", array_base.as_ptr())?;
        add(c"_Pointer", pointer_base.as_ptr())?;
        add(c"Structure", struct_base.as_ptr())?;
        add(c"Union", union_base.as_ptr())?;
        add(c"CFuncPtr", funcptr_base.as_ptr())?;
        add(c"_pointer_type_cache", pointer::POINTER_CACHE)?;
        if ARGUMENT_ERROR.is_null() {
            ARGUMENT_ERROR = crate::object::exceptions::new_exception_class(
                c"ctypes.ArgumentError".as_ptr(),
                null_mut(),
                null_mut(),
                null_mut(),
            )?
            .into_raw();
        }
        add(c"ArgumentError", ARGUMENT_ERROR)?;
        let ints: [(&std::ffi::CStr, i64); 8] = [
            (c"FUNCFLAG_CDECL", callproc::FUNCFLAG_CDECL),
            (c"FUNCFLAG_PYTHONAPI", callproc::FUNCFLAG_PYTHONAPI),
            (c"FUNCFLAG_USE_ERRNO", callproc::FUNCFLAG_USE_ERRNO),
            (c"FUNCFLAG_USE_LASTERROR", callproc::FUNCFLAG_USE_LASTERROR),
            (c"RTLD_LOCAL", libc::RTLD_LOCAL as i64),
            (c"RTLD_GLOBAL", libc::RTLD_GLOBAL as i64),
            (c"CTYPES_MAX_ARGCOUNT", 1024),
            (c"SIZEOF_TIME_T", std::mem::size_of::<libc::time_t>() as i64),
        ];
        for (name, v) in &ints {
            add(name, int::from_i64(*v)?.as_ptr())?;
        }
        for (name, addr) in functions::addresses() {
            add(name, int::from_u64(addr as u64)?.as_ptr())?;
        }
        add(c"__version__", pystr::from_str(VERSION)?.as_ptr())?;
        add(
            c"__doc__",
            pystr::from_str("Create and manipulate C compatible data types in Python.")?.as_ptr(),
        )?;
        Ok(m)
    }
}

/// `PyInit__ctypes`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    // SAFETY: runs during import with the interpreter attached.
    crate::capi::boundary::guard_obj(|| unsafe { create() })
}
