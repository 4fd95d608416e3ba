//! Adapters and converters (CPython's `Modules/_sqlite/microprotocols.c`
//! and the registration functions of `module.c`): the `adapters` registry
//! keyed by `(type, PrepareProtocol)`, the `__adapt__` / `__conform__`
//! protocol, and the `converters` registry keyed by upper-case type name.
use super::errors;
use crate::ffi::*;
use crate::modules::args::builtin;
use crate::object::typeobj::type_template;
use crate::object::{bytearray, dict, float, int, none, protocol, str as pystr, tuple, typeobj};
use crate::runtime::errors::{self as rterr, PyResult};
use crate::Owned;
use std::ptr::null_mut;
use std::sync::atomic::{AtomicBool, AtomicPtr, Ordering};

/// `adapters` and `converters` (made once per process).
pub static ADAPTERS: AtomicPtr<PyObject> = AtomicPtr::new(null_mut());
pub static CONVERTERS: AtomicPtr<PyObject> = AtomicPtr::new(null_mut());
/// Set once an adapter is registered for int, float, str or bytearray:
/// then every value goes through the registry.
static BASE_TYPE_ADAPTED: AtomicBool = AtomicBool::new(false);

/// Makes the registries once.
pub fn create() -> PyResult<()> {
    if ADAPTERS.load(Ordering::Relaxed).is_null() {
        ADAPTERS.store(dict::new()?.into_raw(), Ordering::Relaxed);
        CONVERTERS.store(dict::new()?.into_raw(), Ordering::Relaxed);
    }
    Ok(())
}

/// Drops the registries (interpreter finalization).
pub fn finalize() {
    crate::object::refcount::release_static(&ADAPTERS);
    crate::object::refcount::release_static(&CONVERTERS);
    BASE_TYPE_ADAPTED.store(false, Ordering::Relaxed);
}

/// `sqlite3.PrepareProtocol`: the protocol object of the adapters.
pub static mut PREPARE_PROTOCOL_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    tp_new: Some(crate::capi::allocation::PyType_GenericNew),
    tp_alloc: Some(crate::capi::allocation::PyType_GenericAlloc),
    tp_free: Some(crate::capi::memory::PyObject_Free),
    tp_dealloc: Some(crate::object::object::object_dealloc),
    tp_doc: c"PEP 246 style object adaption protocol type.".as_ptr(),
    ..type_template(
        c"sqlite3.PrepareProtocol",
        std::mem::size_of::<PyObject>(),
        0,
    )
};

fn protocol_type() -> *mut PyObject {
    (&raw mut PREPARE_PROTOCOL_TYPE).cast()
}

/// `_need_adapt`.
///
/// # Safety
/// `o` valid.
pub unsafe fn needs_adapting(o: *mut PyObject) -> bool {
    // SAFETY: o valid.
    unsafe {
        BASE_TYPE_ADAPTED.load(Ordering::Relaxed)
            || !(int::check_exact(o)
                || float::check_exact(o)
                || pystr::check_exact(o)
                || (*o).ob_type == &raw mut bytearray::PyByteArray_Type)
    }
}

/// Calls `f(arg)`; `None` when it returned None or raised `TypeError`.
unsafe fn try_protocol(f: Owned, arg: *mut PyObject) -> PyResult<Option<Owned>> {
    // SAFETY: f callable, arg valid.
    unsafe {
        match protocol::call_args(f.as_ptr(), &[arg]) {
            Ok(r) if r.as_ptr() == none::none() => Ok(None),
            Ok(r) => Ok(Some(r)),
            Err(e) => {
                if rterr::matches(crate::object::exceptions::PyExc_TypeError) {
                    rterr::clear();
                    Ok(None)
                } else {
                    Err(e)
                }
            }
        }
    }
}

/// `pysqlite_microprotocols_adapt` with PrepareProtocol: the value
/// itself when nothing adapts it.
///
/// # Safety
/// `o` valid.
pub unsafe fn adapt(o: *mut PyObject, proto: Option<*mut PyObject>) -> PyResult<Owned> {
    // SAFETY: o valid.
    unsafe {
        match adapt_with(o, proto.unwrap_or_else(protocol_type))? {
            Some(r) => Ok(r),
            None => Ok(Owned::from_borrowed(o)),
        }
    }
}

unsafe fn adapt_with(o: *mut PyObject, proto: *mut PyObject) -> PyResult<Option<Owned>> {
    // SAFETY: o and proto valid; the registry is a dict.
    unsafe {
        let key = tuple::pack(&[(*o).ob_type.cast(), proto])?;
        let f = dict::get_item(ADAPTERS.load(Ordering::Relaxed), key.as_ptr())?;
        if !f.is_null() {
            let f = Owned::from_borrowed(f);
            return protocol::call_args(f.as_ptr(), &[o]).map(Some);
        }
        if let Some(f) = protocol::getattr_opt(proto, crate::interned!("__adapt__"))? {
            if let Some(r) = try_protocol(f, o)? {
                return Ok(Some(r));
            }
        }
        if let Some(f) = protocol::getattr_opt(o, crate::interned!("__conform__"))? {
            if let Some(r) = try_protocol(f, proto)? {
                return Ok(Some(r));
            }
        }
        Ok(None)
    }
}

/// The registered converter for a type name (upper-cased), if any.
pub fn converter(name: &[u8]) -> PyResult<Option<Owned>> {
    let key = pystr::from_str(&String::from_utf8_lossy(name).to_uppercase())?;
    // SAFETY: the registry is a dict; key a str.
    unsafe {
        let f = dict::get_item(CONVERTERS.load(Ordering::Relaxed), key.as_ptr())?;
        Ok(if f.is_null() {
            None
        } else {
            Some(Owned::from_borrowed(f))
        })
    }
}

builtin!(pub register_adapter, |args, kws| {
    crate::modules::args::no_kwargs("register_adapter", &kws)?;
    crate::modules::args::arity("register_adapter", args, 2, 2)?;
    let ty = args[0];
    if ty == (&raw mut crate::object::int::PyLong_Type).cast()
        || ty == (&raw mut crate::object::float::PyFloat_Type).cast()
        || ty == (&raw mut pystr::PyUnicode_Type).cast()
        || ty == (&raw mut bytearray::PyByteArray_Type).cast()
    {
        BASE_TYPE_ADAPTED.store(true, Ordering::Relaxed);
    }
    let key = tuple::pack(&[ty, protocol_type()])?;
    dict::set_item(ADAPTERS.load(Ordering::Relaxed), key.as_ptr(), args[1])?;
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(pub register_converter, |args, kws| {
    crate::modules::args::no_kwargs("register_converter", &kws)?;
    crate::modules::args::arity("register_converter", args, 2, 2)?;
    if !pystr::check(args[0]) {
        return Err(rterr::type_error(format!(
            "register_converter() argument 1 must be str, not {}",
            typeobj::type_name(args[0])
        )));
    }
    let upper = protocol::call_method_obj(args[0], "upper", &[])?;
    dict::set_item(CONVERTERS.load(Ordering::Relaxed), upper.as_ptr(), args[1])?;
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(pub module_adapt, |args, kws| {
    crate::modules::args::no_kwargs("adapt", &kws)?;
    crate::modules::args::arity("adapt", args, 1, 3)?;
    let proto = args.get(1).copied().unwrap_or_else(protocol_type);
    match adapt_with(args[0], proto)? {
        Some(r) => Ok(r),
        None => match args.get(2) {
            Some(&alt) => Ok(Owned::from_borrowed(alt)),
            None => Err(errors::programming("can't adapt")),
        },
    }
});
