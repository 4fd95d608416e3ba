//! What `dir()` lists: `object.__dir__` and `type.__dir__`
//! (`Objects/typeobject.c`), `module.__dir__` (`Objects/moduleobject.c`)
//! and `dir(obj)` itself (`PyObject_Dir`), which calls the `__dir__` found
//! on the object's type and sorts the result.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::{dict, list, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_void;
use std::ptr::null_mut;

/// `getattr(o, name)`, None when it raises `AttributeError`.
unsafe fn attr_or_none(o: *mut PyObject, name: &str) -> PyResult<Option<Owned>> {
    // SAFETY: o valid.
    unsafe { protocol::getattr_opt(o, pystr::intern(name)) }
}

/// Adds the names in `cls.__dict__` and, recursively, in those of
/// `cls.__bases__` to `names` (`merge_class_dict`).
unsafe fn merge_class_dict(names: *mut PyObject, cls: *mut PyObject) -> PyResult<()> {
    // SAFETY: names is a dict; cls valid.
    unsafe {
        if let Some(d) = attr_or_none(cls, "__dict__")? {
            dict::update_arg(names, d.as_ptr())?;
        }
        let Some(bases) = attr_or_none(cls, "__bases__")? else {
            return Ok(());
        };
        let bases = tuple::from_iterable(bases.as_ptr())?;
        for &b in tuple::items(bases.as_ptr()) {
            crate::object::protocol::RecursionGuard::enter(" in __dir__")
                .and_then(|_g| merge_class_dict(names, b))?;
        }
        Ok(())
    }
}

/// `object.__dir__()`: the instance dict's names and those of its class
/// and the class's bases.
pub unsafe extern "C" fn object_dir(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op valid.
        unsafe {
            let names = match attr_or_none(op, "__dict__")? {
                Some(d) if dict::check(d.as_ptr()) => dict::copy(d.as_ptr())?,
                _ => dict::new()?,
            };
            if let Some(cls) = attr_or_none(op, "__class__")? {
                merge_class_dict(names.as_ptr(), cls.as_ptr())?;
            }
            list::from_iterable(names.as_ptr())
        }
    })
}

/// `type.__dir__()`: the names of the class and its bases, not the
/// metaclass's.
pub unsafe extern "C" fn type_dir(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a type.
        unsafe {
            let names = dict::new()?;
            merge_class_dict(names.as_ptr(), op)?;
            list::from_iterable(names.as_ptr())
        }
    })
}

/// `module.__dir__()`: the module's own `__dir__` function if its dict
/// has one, else the dict's keys.
pub unsafe extern "C" fn module_dir(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a module.
        unsafe {
            let d = protocol::getattr_str(op, "__dict__")?;
            if !dict::check(d.as_ptr()) {
                return Err(errors::type_error("<module>.__dict__ is not a dictionary"));
            }
            let f = dict::get_item_known_hash_str(d.as_ptr(), crate::interned!("__dir__"));
            if !f.is_null() {
                let f = Owned::from_borrowed(f);
                return protocol::call_args(f.as_ptr(), &[]);
            }
            list::from_iterable(d.as_ptr())
        }
    })
}

/// `dir(obj)`: `type(obj).__dir__(obj)` as a sorted list.
pub unsafe fn dir_of(o: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: o valid.
    unsafe {
        let Some(f) = protocol::lookup_special(o, "__dir__")? else {
            return Err(errors::type_error("object does not provide __dir__"));
        };
        let r = protocol::call_args(f.as_ptr(), &[])?;
        let l = list::from_iterable(r.as_ptr())?;
        crate::object::listsort::sort(l.as_ptr(), null_mut(), false)?;
        Ok(l)
    }
}

/// `dir()` without an argument: the sorted names of the running frame's
/// locals; `SystemError` when no Python frame runs (`PyObject_Dir(NULL)`
/// called from C outside any).
pub unsafe fn dir_locals() -> PyResult<Owned> {
    let f = crate::vm::frame::current();
    if f.is_null() {
        return Err(errors::system_error("frame does not exist"));
    }
    // SAFETY: f is the running frame.
    unsafe {
        // The keys of the locals mapping (any mapping, as eval() takes).
        let names = crate::vm::frame_locals::snapshot(f)?;
        let l = errors::check(crate::capi::mapping::PyMapping_Keys(names.as_ptr()))?;
        crate::object::listsort::sort(l.as_ptr(), null_mut(), false)?;
        Ok(l)
    }
}

/// `__dir__` of `object`, `type` and `module`, for their method tables.
pub const OBJECT_DIR: PyMethodDef =
    crate::object::descr::method(c"__dir__", object_dir as *const c_void, METH_NOARGS).with_doc(c"__dir__($self, /)\n--\n\nThe default dir(): the names of the attributes of self and of its class.");
pub const TYPE_DIR: PyMethodDef =
    crate::object::descr::method(c"__dir__", type_dir as *const c_void, METH_NOARGS).with_doc(c"__dir__($self, /)\n--\n\nThe default dir() of a class: the names of its attributes and of its\nbases'.");
pub const MODULE_DIR: PyMethodDef =
    crate::object::descr::method(c"__dir__", module_dir as *const c_void, METH_NOARGS).with_doc(c"__dir__($self, /)\n--\n\nThe names of the module's attributes: its __dict__'s keys, or what a\n__dir__ function in it returns.");
