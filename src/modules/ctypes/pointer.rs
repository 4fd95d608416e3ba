//! `PyCPointerType`, the metatype of pointer types (`POINTER(c_int)`),
//! and `_Pointer`, their base (`Modules/_ctypes/_ctypes.c`): `contents`,
//! indexing through the pointer, `POINTER()` with its cache and
//! `pointer()`.
use super::cdata::{self, cd};
use super::stginfo::{self, CTYPE_TYPE};
use super::{access, array, carg, typemethods};
use crate::ffi::*;
use crate::modules::args::{arity, builtin};
use crate::object::refcount::*;
use crate::object::typeobj::{self, name_of, type_name, type_template, PyType_Type};
use crate::object::{dict, int, none, number, protocol, slice, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};
use std::ptr::null_mut;

/// `_ctypes.PyCPointerType`.
pub static mut POINTER_TYPE_META: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE
        | Py_TPFLAGS_TYPE_SUBCLASS
        | Py_TPFLAGS_HAVE_GC
        | Py_TPFLAGS_IMMUTABLETYPE,
    tp_base: &raw mut CTYPE_TYPE,
    tp_init: Some(pointer_type_init),
    tp_methods: (&raw const POINTER_TYPE_METHODS).cast_mut().cast(),
    tp_doc: c"metatype for the Pointer Objects".as_ptr(),
    ..type_template(c"_ctypes.PyCPointerType", 0, 0)
};

typemethods::ctype_methods!(
    POINTER_TYPE_METHODS,
    7,
    pointer_from_param_meth,
    crate::object::descr::method(
        c"set_type",
        set_type as *const c_void,
        METH_FASTCALL | METH_KEYWORDS
    )
);

/// The `_Pointer` type, made at module creation.
pub static mut POINTER_BASE: *mut PyTypeObject = null_mut();

/// `_ctypes._pointer_type_cache`.
pub static mut POINTER_CACHE: *mut PyObject = null_mut();

/// `PyCPointerTypeObject_Check`.
pub unsafe fn is_pointer_type(tp: *mut PyObject) -> bool {
    // SAFETY: tp is live.
    unsafe { typeobj::instance_of(tp, &raw mut POINTER_TYPE_META) }
}

/// `PointerObject_Check`.
pub unsafe fn is_pointer(op: *mut PyObject) -> bool {
    // SAFETY: op is live.
    unsafe { is_pointer_type((*op).ob_type.cast()) }
}

/// Points the pointer type's StgInfo at `proto`.
unsafe fn set_proto(op: *mut PyObject, proto: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a pointer type.
    unsafe {
        let Some(pinfo) = stginfo::from_type(proto) else {
            return Err(errors::type_error("_type_ must have storage info"));
        };
        let fmt = format!("&{}", super::structure::field_format(pinfo));
        let info = &mut *stginfo::info_ptr(op);
        info.set_format(&fmt)?;
        xdecref(std::mem::replace(&mut info.proto, new_ref(proto)));
        Ok(())
    }
}

/// `PyCPointerType.__init__`.
unsafe extern "C" fn pointer_type_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is a new class made by this metatype.
        unsafe {
            stginfo::init_class(op, args, kwds)?;
            let info = stginfo::fresh(op)?;
            info.set_pointer_layout(pointer_paramfunc);
            let d = (*op.cast::<PyTypeObject>()).tp_dict;
            let proto = dict::get_item_known_hash_str(d, crate::interned!("_type_"));
            if !proto.is_null() {
                set_proto(op, proto)?;
            }
            info.initialized = 1;
            Ok(())
        }
    })
}

builtin!(set_type, |slf, args, kws| {
    arity("set_type", args, 1, 1)?;
    set_proto(slf, args[0])?;
    protocol::setattr(slf, crate::interned!("_type_"), args[0])?;
    Ok(Owned::from_borrowed_static(none::none()))
});

/// `PyCPointerType_paramfunc`: the pointer value itself.
unsafe fn pointer_paramfunc(obj: *mut cdata::CDataObject) -> PyResult<Owned> {
    // SAFETY: obj is a pointer instance.
    unsafe {
        let p = std::ptr::read_unaligned((*obj).b_ptr.cast::<*mut u8>());
        carg::pointer(p, obj.cast())
    }
}

/// `PyCPointerType_from_param`.
unsafe fn pointer_from_param(tp: *mut PyObject, value: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: tp is a pointer type; value is live.
    unsafe {
        if value == none::none() {
            return Ok(Owned::from_borrowed_static(value));
        }
        if let Some(info) = stginfo::from_type(tp) {
            let proto = info.proto;
            if !proto.is_null() {
                if typeobj::instance_of(value, proto.cast()) {
                    return byref_impl(value, 0);
                }
                if is_pointer(value) || array::is_array(value) {
                    if let Some(v) = stginfo::from_object(value) {
                        if !v.proto.is_null()
                            && typeobj::instance_of(v.proto, &raw mut PyType_Type)
                            && typeobj::is_subtype(v.proto.cast(), proto.cast())
                        {
                            return Ok(Owned::from_borrowed(value));
                        }
                    }
                }
            }
        }
        typemethods::generic_from_param(tp, value)
    }
}

builtin!(pointer_from_param_meth, |slf, args, kws| {
    arity("from_param", args, 1, 1)?;
    pointer_from_param(slf, args[0])
});

/// `byref(obj, offset)` without the argument checks.
pub unsafe fn byref_impl(obj: *mut PyObject, offset: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: obj is a ctypes instance.
    unsafe { carg::pointer(cd(obj).b_ptr.offset(offset), obj) }
}

/// The pointed-to type and its size.
unsafe fn target(op: *mut PyObject) -> PyResult<(*mut PyObject, Py_ssize_t)> {
    // SAFETY: op is a pointer instance.
    unsafe {
        let info = cdata::info_of(op)?;
        let proto = info.proto;
        if proto.is_null() {
            return Err(errors::type_error("Cannot create instance: has no _type_"));
        }
        Ok((proto, stginfo::require(proto)?.size))
    }
}

/// The address the pointer holds.
unsafe fn address(op: *mut PyObject) -> *mut u8 {
    // SAFETY: op is a pointer instance with pointer-sized memory.
    unsafe { std::ptr::read_unaligned(cd(op).b_ptr.cast::<*mut u8>()) }
}

unsafe fn get_item(op: *mut PyObject, i: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: op is a pointer instance.
    unsafe {
        let a = address(op);
        if a.is_null() {
            return Err(errors::value_error("NULL pointer access"));
        }
        let (proto, size) = target(op)?;
        access::get(proto, None, op, i, size, a.offset(i * size))
    }
}

unsafe extern "C" fn pointer_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a pointer instance.
        unsafe {
            if number::index_check(key) {
                let i = number::as_ssize(key, crate::object::exceptions::PyExc_IndexError)?;
                return get_item(op, i);
            }
            if slice::check(key) {
                let [start, stop, step] = slice::parts(key);
                let step = if step == none::none() {
                    1
                } else {
                    let s = number::as_ssize(step, crate::object::exceptions::PyExc_ValueError)?;
                    if s == 0 {
                        return Err(errors::value_error("slice step cannot be zero"));
                    }
                    s
                };
                let start = if start == none::none() {
                    if step < 0 {
                        return Err(errors::value_error("slice start is required for step < 0"));
                    }
                    0
                } else {
                    number::as_ssize(start, crate::object::exceptions::PyExc_ValueError)?
                };
                if stop == none::none() {
                    return Err(errors::value_error("slice stop is required"));
                }
                let stop = number::as_ssize(stop, crate::object::exceptions::PyExc_ValueError)?;
                let len = if (step > 0 && start >= stop) || (step < 0 && start <= stop) {
                    0
                } else if step > 0 {
                    (stop - start - 1) / step + 1
                } else {
                    (stop - start + 1) / step + 1
                };
                let ix = slice::Indices {
                    start,
                    stop,
                    step,
                    len,
                };
                let (proto, _) = target(op)?;
                let a = address(op);
                if a.is_null() && len > 0 {
                    return Err(errors::value_error("NULL pointer access"));
                }
                return array::slice_items(op, proto, a, &ix, |i| get_item(op, i));
            }
            Err(errors::type_error("Pointer indices must be integer"))
        }
    })
}

unsafe extern "C" fn pointer_ass_subscript(
    op: *mut PyObject,
    key: *mut PyObject,
    v: *mut PyObject,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is a pointer instance.
        unsafe {
            if v.is_null() {
                return Err(errors::type_error("Pointer does not support item deletion"));
            }
            let i = number::as_ssize(key, crate::object::exceptions::PyExc_IndexError)?;
            let a = address(op);
            if a.is_null() {
                return Err(errors::value_error("NULL pointer access"));
            }
            let (proto, size) = target(op)?;
            let setfunc = stginfo::require(proto)?.setfunc;
            access::set(op, proto, setfunc, v, i, size, a.offset(i * size))
        }
    })
}

unsafe extern "C" fn pointer_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    // SAFETY: op is a pointer instance.
    crate::capi::boundary::guard_obj(|| unsafe { get_item(op, i) })
}

unsafe fn set_contents_impl(op: *mut PyObject, value: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a pointer instance.
    unsafe {
        let (proto, _) = target(op)?;
        if !typeobj::instance_of(value, proto.cast()) {
            return Err(errors::type_error(format!(
                "expected {} instead of {}",
                name_of(proto.cast()),
                type_name(value)
            )));
        }
        std::ptr::write_unaligned(cd(op).b_ptr.cast::<*mut u8>(), cd(value).b_ptr);
        cdata::keep_ref(op, 1, Owned::from_borrowed(value))?;
        let keep = cdata::kept_objects(value)?;
        cdata::keep_ref(op, 0, keep)
    }
}

unsafe extern "C" fn contents_get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a pointer instance.
        unsafe {
            let a = address(op);
            if a.is_null() {
                return Err(errors::value_error("NULL pointer access"));
            }
            let (proto, _) = target(op)?;
            cdata::from_base_obj(proto, op, 0, a)
        }
    })
}

unsafe extern "C" fn contents_set(op: *mut PyObject, v: *mut PyObject, _c: *mut c_void) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is a pointer instance.
        unsafe {
            if v.is_null() {
                return Err(errors::type_error("Pointer does not support item deletion"));
            }
            set_contents_impl(op, v)
        }
    })
}

unsafe extern "C" fn pointer_new(
    tp: *mut PyTypeObject,
    _a: *mut PyObject,
    _k: *mut PyObject,
) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: tp is a pointer type.
        unsafe {
            match stginfo::from_type(tp.cast()) {
                Some(info) if !info.proto.is_null() => cdata::new_instance(tp.cast()),
                _ => Err(errors::type_error("Cannot create instance: has no _type_")),
            }
        }
    })
}

unsafe extern "C" fn pointer_init(
    op: *mut PyObject,
    args: *mut PyObject,
    _k: *mut PyObject,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is a pointer instance; args a tuple.
        unsafe {
            let a = tuple::items(args);
            arity("POINTER", a, 0, 1)?;
            if let Some(&v) = a.first() {
                set_contents_impl(op, v)?;
            }
            Ok(())
        }
    })
}

unsafe extern "C" fn pointer_bool(op: *mut PyObject) -> c_int {
    // SAFETY: op is a pointer instance.
    unsafe { (!address(op).is_null()) as c_int }
}

static POINTER_GETSET: [PyGetSetDef; 2] = [
    crate::object::descr::getset(c"contents", Some(contents_get), Some(contents_set)),
    crate::object::descr::GETSET_END,
];

/// Makes `_Pointer` and the pointer type cache.
pub unsafe fn make_base() -> PyResult<Owned> {
    // SAFETY: the metatype is ready.
    unsafe {
        let t = super::basetype::make(
            &raw mut POINTER_TYPE_META,
            "_ctypes._Pointer",
            c"XXX to be provided",
            std::mem::size_of::<cdata::CDataObject>(),
            |tp| {
                (*tp).tp_new = Some(pointer_new);
                (*tp).tp_init = Some(pointer_init);
                (*(*tp).tp_as_number).nb_bool = Some(pointer_bool);
                (*(*tp).tp_as_sequence).sq_item = Some(pointer_item);
                (*(*tp).tp_as_mapping).mp_subscript = Some(pointer_subscript);
                (*(*tp).tp_as_mapping).mp_ass_subscript = Some(pointer_ass_subscript);
                (*tp).tp_getset = (&raw const POINTER_GETSET).cast_mut().cast();
            },
        )?;
        POINTER_BASE = t.as_ptr().cast();
        if POINTER_CACHE.is_null() {
            POINTER_CACHE = dict::new()?.into_raw();
        }
        Ok(t)
    }
}

/// `POINTER(cls)`: the cached pointer type to `cls`; for a str, an
/// incomplete pointer type named after it (completed by `set_type`).
pub unsafe fn pointer_type(cls: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: cls is live.
    unsafe {
        let hit = dict::get_item(POINTER_CACHE, cls)?;
        if !hit.is_null() {
            return Ok(Owned::from_borrowed(hit));
        }
        let bases = tuple::pack(&[POINTER_BASE.cast()])?;
        let ns = dict::new()?;
        let (name, key) = if pystr::check(cls) {
            let name = format!("LP_{}", pystr::as_str(cls)?);
            (name, None)
        } else if typeobj::instance_of(cls, &raw mut PyType_Type) {
            dict::set_item(ns.as_ptr(), crate::interned!("_type_"), cls)?;
            (format!("LP_{}", name_of(cls.cast())), Some(cls))
        } else {
            return Err(errors::type_error("must be a ctypes type"));
        };
        let n = pystr::from_str(&name)?;
        let t = protocol::call_args(
            (&raw mut POINTER_TYPE_META).cast(),
            &[n.as_ptr(), bases.as_ptr(), ns.as_ptr()],
        )?;
        let key = match key {
            Some(k) => Owned::from_borrowed(k),
            None => int::from_u64(t.as_ptr() as usize as u64)?,
        };
        dict::set_item(POINTER_CACHE, key.as_ptr(), t.as_ptr())?;
        Ok(t)
    }
}

builtin!(pub py_pointer_type, |args, kws| {
    arity("POINTER", args, 1, 1)?;
    pointer_type(args[0])
});

builtin!(pub py_pointer, |args, kws| {
    arity("pointer", args, 1, 1)?;
    let t = pointer_type((*args[0]).ob_type.cast())?;
    protocol::call_args(t.as_ptr(), &[args[0]])
});

/// Readies the metatype.
pub unsafe fn ready() -> PyResult<()> {
    // SAFETY: a static type.
    unsafe { typeobj::ready(&raw mut POINTER_TYPE_META) }
}
