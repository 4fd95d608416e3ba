//! The abstract bases (`_SimpleCData`, `Structure`, `Union`, `Array`,
//! `_Pointer`, `CFuncPtr`) are heap types whose metatype is a ctypes
//! metatype, as `PyType_FromMetaclass` makes them in CPython: each carries
//! an (uninitialized) StgInfo, which marks it abstract.
use super::cdata::PYCDATA_TYPE;
use crate::ffi::*;
use crate::object::refcount::new_ref;
use crate::object::{dict, tuple};
use crate::runtime::errors::PyResult;
use crate::Owned;
use std::ffi::CStr;

/// Makes the heap type `full_name` (module "_ctypes") deriving from
/// `_CData` with instances of `basicsize` bytes; `setup` fills its slots
/// before it is readied.
pub unsafe fn make(
    meta: *mut PyTypeObject,
    full_name: &str,
    doc: &'static CStr,
    basicsize: usize,
    setup: impl FnOnce(*mut PyTypeObject),
) -> PyResult<Owned> {
    // SAFETY: a fresh heap type, filled before it is readied.
    unsafe {
        let base = &raw mut PYCDATA_TYPE;
        let ty = crate::object::heaptype::alloc(meta, full_name, 0)?;
        let tp: *mut PyTypeObject = ty.as_ptr().cast();
        (*tp).tp_flags = Py_TPFLAGS_HEAPTYPE
            | Py_TPFLAGS_BASETYPE
            | Py_TPFLAGS_HAVE_GC
            | Py_TPFLAGS_IMMUTABLETYPE;
        (*tp).tp_base = new_ref(base.cast()).cast();
        (*tp).tp_bases = tuple::pack(&[base.cast()])?.into_raw();
        (*tp).tp_basicsize = basicsize as Py_ssize_t;
        (*tp).tp_doc = crate::object::heaptype::copy_cstr(doc.to_bytes())?;
        let d = dict::new()?;
        dict::set_item(
            d.as_ptr(),
            crate::interned!("__module__"),
            crate::interned!("_ctypes"),
        )?;
        (*tp).tp_dict = d.into_raw();
        setup(tp);
        crate::object::typeobj::ready(tp)?;
        Ok(ty)
    }
}
