//! `super` (`PySuper_Type`): attribute lookup that starts after a given
//! class in the MRO of an object's type.
use crate::capi::boundary::{guard_obj, guard_status};
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::{self, type_template, PyType_Type};
use crate::object::{dict, str as pystr, tuple};
use crate::runtime::errors::{self, check, PyResult};
use crate::Owned;
use std::ptr::null_mut;

/// `superobject`.
#[repr(C)]
pub struct SuperObject {
    pub ob_base: PyObject,
    pub type_: *mut PyTypeObject,
    pub obj: *mut PyObject,
    pub obj_type: *mut PyTypeObject,
}

/// `PySuper_Type`.
#[no_mangle]
pub static mut PySuper_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(super_dealloc),
    tp_traverse: Some(super_traverse),
    tp_repr: Some(super_repr),
    tp_getattro: Some(super_getattro),
    tp_descr_get: None,
    tp_init: Some(super_init),
    tp_new: Some(crate::capi::allocation::PyType_GenericNew),
    ..type_template(c"super", std::mem::size_of::<SuperObject>(), 0)
};

unsafe fn s<'a>(op: *mut PyObject) -> &'a mut SuperObject {
    // SAFETY: op is a super object.
    unsafe { &mut *op.cast::<SuperObject>() }
}

unsafe extern "C" fn super_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; op has a GC header.
    unsafe {
        crate::object::gc::untrack(op);
        let so = s(op);
        xdecref(so.type_.cast());
        xdecref(so.obj);
        xdecref(so.obj_type.cast());
        let tp = (*op).ob_type;
        match (*tp).tp_free {
            Some(free) => free(op.cast()),
            None => crate::object::alloc::gc_free(op.cast()),
        }
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(tp.cast());
        }
    }
}

/// `super_traverse`: the class, the object and the object's type.
unsafe extern "C" fn super_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut libc::c_void,
) -> libc::c_int {
    // SAFETY: op is a super object owning its three fields.
    unsafe {
        let so = s(op);
        crate::object::gc::visit_all(&[so.type_.cast(), so.obj, so.obj_type.cast()], visit, arg)
    }
}

/// The type whose MRO is searched for `super(type, obj)`.
unsafe fn check_obj(tp: *mut PyTypeObject, obj: *mut PyObject) -> PyResult<*mut PyTypeObject> {
    // SAFETY: both valid.
    unsafe {
        if typeobj::instance_of(obj, &raw mut PyType_Type) && typeobj::is_subtype(obj.cast(), tp) {
            return Ok(obj.cast());
        }
        if typeobj::is_subtype((*obj).ob_type, tp) {
            return Ok((*obj).ob_type);
        }
        Err(errors::type_error(
            "super(type, obj): obj must be an instance or subtype of type",
        ))
    }
}

/// `super()` with no arguments: the first argument of the running function
/// and its `__class__` cell.
unsafe fn zero_arg() -> PyResult<(*mut PyObject, *mut PyObject)> {
    // SAFETY: the current frame, if any, is live.
    unsafe {
        let f = crate::vm::frame::current();
        if f.is_null() {
            return Err(errors::runtime_error("super(): no current frame"));
        }
        let fo = crate::vm::frame::fr(f);
        let cd = crate::vm::code::data(fo.code);
        if cd.argcount == 0 && cd.flags & 0x4 == 0 {
            return Err(errors::runtime_error("super(): no arguments"));
        }
        let slots = crate::vm::frame::slots(f);
        let mut first = *slots;
        if first.is_null() {
            return Err(errors::runtime_error("super(): arg[0] deleted"));
        }
        if (*first).ob_type == &raw mut crate::vm::cell::PyCell_Type {
            first = crate::vm::cell::get(first);
        }
        for (i, &name) in cd.localsplusnames.iter().enumerate() {
            if pystr::as_str(name)? == "__class__" {
                let c = *slots.add(i);
                let cls = if c.is_null() {
                    null_mut()
                } else {
                    crate::vm::cell::get(c)
                };
                if cls.is_null() {
                    return Err(errors::runtime_error("super(): empty __class__ cell"));
                }
                if !typeobj::instance_of(cls, &raw mut PyType_Type) {
                    return Err(errors::runtime_error("super(): __class__ is not a type"));
                }
                return Ok((cls, first));
            }
        }
        Err(errors::runtime_error("super(): __class__ cell not found"))
    }
}

unsafe extern "C" fn super_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> libc::c_int {
    guard_status(|| {
        // SAFETY: op is a super object; args a tuple.
        unsafe {
            if !kwargs.is_null() && dict::len(kwargs) != 0 {
                return Err(errors::type_error("super() takes no keyword arguments"));
            }
            let (tp, obj) = match tuple::items(args) {
                [] => zero_arg()?,
                [t] => (*t, null_mut()),
                [t, o] => (*t, *o),
                a => {
                    return Err(errors::type_error(format!(
                        "super() expected at most 2 arguments, got {}",
                        a.len()
                    )))
                }
            };
            if !typeobj::instance_of(tp, &raw mut PyType_Type) {
                return Err(errors::type_error(format!(
                    "super() argument 1 must be a type, not {}",
                    typeobj::type_name(tp)
                )));
            }
            let obj = if obj == crate::object::none::none() {
                null_mut()
            } else {
                obj
            };
            let obj_type = if obj.is_null() {
                null_mut()
            } else {
                check_obj(tp.cast(), obj)?
            };
            let so = s(op);
            so.type_ = new_ref(tp).cast();
            xincref(obj);
            so.obj = obj;
            xincref(obj_type.cast());
            so.obj_type = obj_type;
            Ok(())
        }
    })
}

unsafe extern "C" fn super_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a super object.
        unsafe {
            let so = s(op);
            let t = if so.type_.is_null() {
                "NULL".to_string()
            } else {
                typeobj::name_of(so.type_).to_string()
            };
            if so.obj_type.is_null() {
                pystr::from_str(&format!("<super: <class '{t}'>, NULL>"))
            } else {
                pystr::from_str(&format!(
                    "<super: <class '{t}'>, <{} object>>",
                    typeobj::name_of(so.obj_type)
                ))
            }
        }
    })
}

unsafe extern "C" fn super_getattro(op: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a super object; name valid.
        unsafe {
            let so = s(op);
            // A name that is not a str goes to the generic lookup, which
            // refuses it.
            let skip = so.obj_type.is_null()
                || !pystr::check(name)
                || pystr::as_str_opt(name) == Some("__class__");
            if !skip {
                let mro = tuple::items((*so.obj_type).tp_mro);
                let pos = mro
                    .iter()
                    .position(|&t| t == so.type_.cast())
                    .map_or(mro.len(), |i| i + 1);
                for &t in &mro[pos..] {
                    let v =
                        dict::get_item_known_hash_str((*t.cast::<PyTypeObject>()).tp_dict, name);
                    if v.is_null() {
                        continue;
                    }
                    if let Some(get) = (*(*v).ob_type).tp_descr_get {
                        let obj = if so.obj == so.obj_type.cast() {
                            null_mut()
                        } else {
                            so.obj
                        };
                        return check(get(v, obj, so.obj_type.cast()));
                    }
                    return Ok(Owned::from_borrowed(v));
                }
            }
            crate::object::object::generic_getattr(op, name)
        }
    })
}
