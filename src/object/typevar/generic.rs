//! `typing.Generic`: the base of generic classes. Subscription and
//! subclassing are `typing.py`'s work (`_generic_class_getitem`,
//! `_generic_init_subclass`), as in CPython.
use super::call_typing;
use super::typeparam::is_typevartuple;
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::descr::{method, METHOD_END};
use crate::object::typeobj::type_template;
use crate::object::{dict, protocol, tuple};
use crate::runtime::errors::PyResult;
use crate::Owned;
use libc::c_void;

/// `_PyGeneric_Type` (`typing.Generic`).
#[no_mangle]
pub static mut _PyGeneric_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE,
    tp_methods: (&raw const GENERIC_METHODS).cast_mut().cast(),
    ..type_template(c"typing.Generic", std::mem::size_of::<PyObject>(), 0)
};

/// `params` with each `TypeVarTuple` replaced by its unpacking
/// (`typing.Unpack[Ts]`); the same tuple when there is none.
pub unsafe fn unpack_typevartuples(params: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: params is a tuple.
    unsafe {
        let items = tuple::items(params);
        if !items.iter().any(|&p| is_typevartuple(p)) {
            return Ok(Owned::from_borrowed(params));
        }
        let typing = crate::runtime::import::import_absolute("typing")?;
        let unpack = protocol::getattr_str(typing.as_ptr(), "Unpack")?;
        let mut out = Vec::with_capacity(items.len());
        for &p in items {
            out.push(if is_typevartuple(p) {
                protocol::get_item(unpack.as_ptr(), p)?
            } else {
                Owned::from_borrowed(p)
            });
        }
        tuple::from_vec(out)
    }
}

/// `INTRINSIC_SUBSCRIPT_GENERIC`: `Generic[*params]`, the base a
/// `class C[T]` statement adds.
pub unsafe fn subscript_generic(params: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: params is the tuple of the class's type parameters.
    unsafe {
        let params = unpack_typevartuples(params)?;
        call_typing(
            "_GenericAlias",
            &[(&raw mut _PyGeneric_Type).cast(), params.as_ptr()],
        )
    }
}

/// `typing.<name>(cls, *args, **kwargs)`.
unsafe fn call_typing_with_cls(
    name: &str,
    cls: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: args a tuple; kwargs NULL or a dict.
    unsafe {
        let typing = crate::runtime::import::import_absolute("typing")?;
        let f = protocol::getattr_str(typing.as_ptr(), name)?;
        let mut all = vec![cls];
        all.extend_from_slice(tuple::items(args));
        let t = tuple::from_slice(&all)?;
        let kw = if kwargs.is_null() || dict::len(kwargs) == 0 {
            std::ptr::null_mut()
        } else {
            kwargs
        };
        protocol::call(f.as_ptr(), t.as_ptr(), kw)
    }
}

unsafe extern "C" fn generic_class_getitem(
    cls: *mut PyObject,
    params: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: cls is a class; params valid.
        unsafe {
            let t = tuple::pack(&[params])?;
            call_typing_with_cls(
                "_generic_class_getitem",
                cls,
                t.as_ptr(),
                std::ptr::null_mut(),
            )
        }
    })
}

unsafe extern "C" fn generic_init_subclass(
    cls: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: cls is a class; args a tuple; kwargs NULL or a dict.
    guard_obj(|| unsafe { call_typing_with_cls("_generic_init_subclass", cls, args, kwargs) })
}

static GENERIC_METHODS: [PyMethodDef; 3] = [
    method(
        c"__class_getitem__",
        generic_class_getitem as *const c_void,
        METH_O | METH_CLASS,
    ),
    method(
        c"__init_subclass__",
        generic_init_subclass as *const c_void,
        METH_VARARGS | METH_KEYWORDS | METH_CLASS,
    ),
    METHOD_END,
];
