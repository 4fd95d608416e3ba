//! `super` (`PySuper_Type`): attribute lookup that starts after a given
//! class in the MRO of an object's type.
use crate::capi::boundary::{guard_obj, guard_status};
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::{self, type_template, PyType_Type};
use crate::object::{dict, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, check, PyResult};
use crate::Owned;
use std::ffi::CStr;
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
    tp_descr_get: Some(super_descr_get),
    tp_members: (&raw const SUPER_MEMBERS).cast_mut().cast(),
    tp_init: Some(super_init),
    tp_new: Some(crate::capi::allocation::PyType_GenericNew),
    tp_doc: c"super() -> super(__class__, <first argument>), inside a method\nsuper(type) -> unbound super object\nsuper(type, obj) -> bound super object; isinstance(obj, type) must hold\nsuper(type, type2) -> bound super object; issubclass(type2, type) must hold\n\nA proxy that looks attributes up in the classes after type in the method\nresolution order of obj (or type2), as in calling a base class's method:\n\n  class C(B):\n      def meth(self, arg):\n          super().meth(arg)"
        .as_ptr(),
    ..type_template(c"super", std::mem::size_of::<SuperObject>(), 0)
};

/// A read-only object member of `SuperObject` (None when NULL).
const fn member(name: &'static CStr, offset: usize, doc: &'static CStr) -> PyMemberDef {
    PyMemberDef {
        name: name.as_ptr(),
        r#type: _Py_T_OBJECT,
        offset: offset as Py_ssize_t,
        flags: Py_READONLY,
        doc: doc.as_ptr(),
    }
}

static SUPER_MEMBERS: [PyMemberDef; 4] = [
    member(
        c"__thisclass__",
        std::mem::offset_of!(SuperObject, type_),
        c"the class super() was called in (its first argument)",
    ),
    member(
        c"__self__",
        std::mem::offset_of!(SuperObject, obj),
        c"the object super() is bound to, or None when unbound",
    ),
    member(
        c"__self_class__",
        std::mem::offset_of!(SuperObject, obj_type),
        c"the type whose MRO super() searches, or None when unbound",
    ),
    PyMemberDef {
        name: std::ptr::null(),
        r#type: 0,
        offset: 0,
        flags: 0,
        doc: std::ptr::null(),
    },
];

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

/// The type whose MRO is searched for `super(type, obj)` (CPython's
/// `supercheck`): `obj` itself if it is a subclass of `tp`, else its type,
/// else its `__class__` (for proxies), as a new reference.
pub(crate) unsafe fn check_obj(tp: *mut PyTypeObject, obj: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: both valid.
    unsafe {
        let is_type = typeobj::instance_of(obj, &raw mut PyType_Type);
        if is_type && typeobj::is_subtype(obj.cast(), tp) {
            return Ok(Owned::from_borrowed(obj));
        }
        if typeobj::is_subtype((*obj).ob_type, tp) {
            return Ok(Owned::from_borrowed((*obj).ob_type.cast()));
        }
        if let Some(cls) = protocol::getattr_opt(obj, crate::interned!("__class__"))? {
            let c = cls.as_ptr();
            if typeobj::instance_of(c, &raw mut PyType_Type)
                && c != (*obj).ob_type.cast()
                && typeobj::is_subtype(c.cast(), tp)
            {
                return Ok(cls);
            }
        }
        let (what, name) = if is_type {
            ("type", typeobj::name_of(obj.cast()))
        } else {
            ("instance of", typeobj::name_of((*obj).ob_type))
        };
        Err(errors::type_error(format!(
            "super(type, obj): obj ({what} {name}) is not an instance or subtype of type ({}).",
            typeobj::name_of(tp)
        )))
    }
}

/// `super.__get__` (`super_descr_get`): an unbound super stored on a
/// class binds to the instance it is looked up through.
unsafe extern "C" fn super_descr_get(
    op: *mut PyObject,
    obj: *mut PyObject,
    _tp: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a super object; obj NULL or valid.
        unsafe {
            let so = s(op);
            if obj.is_null() || obj == crate::object::none::none() || !so.obj.is_null() {
                return Ok(Owned::from_borrowed(op));
            }
            if (*op).ob_type != &raw mut PySuper_Type {
                // A subclass of super is called as super is: sub(type, obj).
                return protocol::call_args((*op).ob_type.cast(), &[so.type_.cast(), obj]);
            }
            let obj_type = check_obj(so.type_, obj)?;
            let new = crate::capi::allocation::PyType_GenericNew(
                &raw mut PySuper_Type,
                null_mut(),
                null_mut(),
            );
            let new = check(new)?;
            let ns = s(new.as_ptr());
            ns.type_ = new_ref(so.type_.cast()).cast();
            ns.obj = new_ref(obj);
            ns.obj_type = obj_type.into_raw().cast();
            Ok(new)
        }
    })
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
        // A first parameter that a closure captures lives in a cell; a
        // cell passed as the argument itself is the object.
        let kind0 = cd.localspluskinds.first().copied().unwrap_or(0);
        if kind0 & ferrython_compiler::bytecode::fast_kind::CELL != 0
            && (*first).ob_type == &raw mut crate::vm::cell::PyCell_Type
        {
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
                check_obj(tp.cast(), obj)?.into_raw().cast()
            };
            let so = s(op);
            let old = [so.type_.cast(), so.obj, so.obj_type.cast()];
            so.type_ = new_ref(tp).cast();
            xincref(obj);
            so.obj = obj;
            so.obj_type = obj_type;
            for o in old {
                xdecref(o);
            }
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
                if let Some(v) = lookup_after(so.obj_type, so.type_.cast(), name) {
                    if let Some(get) = (*(*v.as_ptr()).ob_type).tp_descr_get {
                        let obj = if so.obj == so.obj_type.cast() {
                            null_mut()
                        } else {
                            so.obj
                        };
                        return check(get(v.as_ptr(), obj, so.obj_type.cast()));
                    }
                    return Ok(v);
                }
            }
            crate::object::object::generic_getattr(op, name)
        }
    })
}

/// The attribute `name` (a str) in the dicts along `start`'s MRO after
/// `class` (`_super_lookup_descr`); None when absent, or when `start` has
/// no MRO yet (a custom `mro()` is running).
pub(crate) unsafe fn lookup_after(
    start: *mut PyTypeObject,
    class: *mut PyObject,
    name: *mut PyObject,
) -> Option<Owned> {
    // SAFETY: start is a type; its MRO is held while a key's __eq__ may
    // replace it (by assigning __bases__).
    unsafe {
        let mro = (*start).tp_mro;
        if mro.is_null() {
            return None;
        }
        let mro = Owned::from_borrowed(mro);
        let items = tuple::items(mro.as_ptr());
        let pos = items
            .iter()
            .position(|&t| t == class)
            .map_or(items.len(), |i| i + 1);
        for &t in &items[pos..] {
            let d = (*t.cast::<PyTypeObject>()).tp_dict;
            if d.is_null() {
                continue;
            }
            let v = dict::get_item_known_hash_str(d, name);
            if !v.is_null() {
                return Some(Owned::from_borrowed(v));
            }
        }
        None
    }
}
