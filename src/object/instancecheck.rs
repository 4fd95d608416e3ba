//! `isinstance` and `issubclass` (`Objects/abstract.c`:
//! `PyObject_IsInstance`, `PyObject_IsSubclass`): exact types take the
//! fast path; tuples and unions are checked item by item; otherwise the
//! class's `__instancecheck__` / `__subclasscheck__` decides (ABCs), and
//! classes that are not types are checked through `__bases__` and
//! `__class__`.
use crate::ffi::*;
use crate::object::{protocol, tuple, typeobj};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;

/// `cls.__bases__` when it is a tuple (`abstract_get_bases`).
unsafe fn bases_of(cls: *mut PyObject) -> PyResult<Option<Owned>> {
    // SAFETY: cls is valid.
    unsafe {
        let b = protocol::getattr_opt(cls, crate::interned!("__bases__"))?;
        Ok(b.filter(|b| tuple::check(b.as_ptr())))
    }
}

/// Whether `derived` has `cls` among its `__bases__`, transitively
/// (`abstract_issubclass`).
unsafe fn abstract_issubclass(derived: *mut PyObject, cls: *mut PyObject) -> PyResult<bool> {
    let mut derived = Owned::from_borrowed_static(derived);
    loop {
        if derived.as_ptr() == cls {
            return Ok(true);
        }
        // SAFETY: derived is valid.
        let Some(bases) = (unsafe { bases_of(derived.as_ptr())? }) else {
            return Ok(false);
        };
        // SAFETY: bases is a tuple.
        let items = unsafe { tuple::items(bases.as_ptr()) };
        match items {
            [] => return Ok(false),
            [one] => derived = Owned::from_borrowed_static(*one),
            _ => {
                protocol::enter_recursive_call(" in __issubclass__")?;
                let r = items.iter().try_fold(false, |found, &b| {
                    // SAFETY: b is an item of bases, kept alive by it.
                    Ok(found || unsafe { abstract_issubclass(b, cls)? })
                });
                protocol::leave_recursive_call();
                return r;
            }
        }
    }
}

/// Whether `cls` is a type or has a `__bases__` tuple; else raises
/// TypeError with `msg`.
unsafe fn check_class(cls: *mut PyObject, msg: &str) -> PyResult<()> {
    // SAFETY: cls is valid.
    unsafe {
        if typeobj::instance_of(cls, &raw mut typeobj::PyType_Type) || bases_of(cls)?.is_some() {
            Ok(())
        } else {
            Err(errors::type_error(msg))
        }
    }
}

/// The items to check one by one when `cls` is a tuple or a union.
unsafe fn alternatives(cls: *mut PyObject) -> Option<*mut PyObject> {
    // SAFETY: cls is valid.
    unsafe {
        if tuple::check(cls) {
            Some(cls)
        } else {
            crate::object::union::args_of(cls)
        }
    }
}

/// `isinstance(inst, cls)` without the `__instancecheck__` hook
/// (`object_isinstance`).
pub unsafe fn plain_isinstance(inst: *mut PyObject, cls: *mut PyObject) -> PyResult<bool> {
    // SAFETY: inst and cls are valid.
    unsafe {
        if typeobj::instance_of(cls, &raw mut typeobj::PyType_Type) {
            if typeobj::instance_of(inst, cls.cast()) {
                return Ok(true);
            }
            let icls = protocol::getattr_opt(inst, crate::interned!("__class__"))?;
            return Ok(match icls {
                Some(c)
                    if c.as_ptr() != (*inst).ob_type.cast()
                        && typeobj::instance_of(c.as_ptr(), &raw mut typeobj::PyType_Type) =>
                {
                    typeobj::is_subtype(c.as_ptr().cast(), cls.cast())
                }
                _ => false,
            });
        }
        check_class(
            cls,
            "isinstance() arg 2 must be a type, a tuple of types, or a union",
        )?;
        match protocol::getattr_opt(inst, crate::interned!("__class__"))? {
            Some(icls) => abstract_issubclass(icls.as_ptr(), cls),
            None => Ok(false),
        }
    }
}

/// `issubclass(derived, cls)` without the `__subclasscheck__` hook
/// (`recursive_issubclass`).
pub unsafe fn plain_issubclass(derived: *mut PyObject, cls: *mut PyObject) -> PyResult<bool> {
    // SAFETY: derived and cls are valid.
    unsafe {
        let ty = &raw mut typeobj::PyType_Type;
        if typeobj::instance_of(cls, ty) && typeobj::instance_of(derived, ty) {
            return Ok(typeobj::is_subtype(derived.cast(), cls.cast()));
        }
        check_class(derived, "issubclass() arg 1 must be a class")?;
        if alternatives(cls).is_none() {
            check_class(
                cls,
                "issubclass() arg 2 must be a class, a tuple of classes, or a union",
            )?;
        }
        abstract_issubclass(derived, cls)
    }
}

/// `PyObject_IsInstance`.
pub unsafe fn is_instance(inst: *mut PyObject, cls: *mut PyObject) -> PyResult<bool> {
    // SAFETY: inst and cls are valid.
    unsafe {
        if (*inst).ob_type.cast() == cls {
            return Ok(true);
        }
        if (*cls).ob_type == &raw mut typeobj::PyType_Type {
            return plain_isinstance(inst, cls);
        }
        if let Some(items) = alternatives(cls) {
            let items = Owned::from_borrowed(items);
            protocol::enter_recursive_call(" in __instancecheck__")?;
            let mut r = Ok(false);
            for &c in tuple::items(items.as_ptr()) {
                r = is_instance(inst, c);
                if !matches!(r, Ok(false)) {
                    break;
                }
            }
            protocol::leave_recursive_call();
            return r;
        }
        match protocol::lookup_special(cls, "__instancecheck__")? {
            Some(checker) => {
                protocol::enter_recursive_call(" in __instancecheck__")?;
                let r = protocol::call_args(checker.as_ptr(), &[inst]);
                protocol::leave_recursive_call();
                protocol::is_true(r?.as_ptr())
            }
            None => plain_isinstance(inst, cls),
        }
    }
}

/// `PyObject_IsSubclass`.
pub unsafe fn is_subclass(derived: *mut PyObject, cls: *mut PyObject) -> PyResult<bool> {
    // SAFETY: derived and cls are valid.
    unsafe {
        if (*cls).ob_type == &raw mut typeobj::PyType_Type {
            if derived == cls {
                return Ok(true);
            }
            return plain_issubclass(derived, cls);
        }
        if let Some(items) = alternatives(cls) {
            let items = Owned::from_borrowed(items);
            protocol::enter_recursive_call(" in __subclasscheck__")?;
            let mut r = Ok(false);
            for &c in tuple::items(items.as_ptr()) {
                r = is_subclass(derived, c);
                if !matches!(r, Ok(false)) {
                    break;
                }
            }
            protocol::leave_recursive_call();
            return r;
        }
        match protocol::lookup_special(cls, "__subclasscheck__")? {
            Some(checker) => {
                protocol::enter_recursive_call(" in __subclasscheck__")?;
                let r = protocol::call_args(checker.as_ptr(), &[derived]);
                protocol::leave_recursive_call();
                protocol::is_true(r?.as_ptr())
            }
            None => plain_issubclass(derived, cls),
        }
    }
}
