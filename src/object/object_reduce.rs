//! The pickling side of `object` (`Objects/typeobject.c`):
//! `__reduce_ex__`, `__reduce__` and `__getstate__`, which `copy` and
//! `pickle` use for instances of classes that define nothing themselves,
//! through `copyreg`'s `__newobj__` / `__newobj_ex__` / `_reduce_ex`.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::{dict, int, list, none, protocol, tuple, typeobj};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;

/// `copyreg.<name>`.
fn copyreg(name: &str) -> PyResult<Owned> {
    let m = crate::runtime::import::import_absolute("copyreg")?;
    // SAFETY: m is a module.
    unsafe { protocol::getattr_str(m.as_ptr(), name) }
}

/// `TypeError: cannot pickle 'X' object`.
unsafe fn cannot_pickle(obj: *mut PyObject) -> errors::Raised {
    // SAFETY: obj valid.
    unsafe {
        errors::type_error(format!(
            "cannot pickle '{}' object",
            typeobj::type_name(obj)
        ))
    }
}

/// The default `__getstate__` (`object_getstate_default`): the instance
/// dict (None when empty), paired with the `__slots__` values if any.
/// `required` refuses objects whose layout holds more than that.
unsafe fn getstate_default(obj: *mut PyObject, required: bool) -> PyResult<Owned> {
    // SAFETY: obj valid.
    unsafe {
        let tp = (*obj).ob_type;
        if required && (*tp).tp_itemsize != 0 {
            return Err(cannot_pickle(obj));
        }
        let slot = crate::object::object::dict_slot(obj);
        let mut state = if !slot.is_null() && !(*slot).is_null() && dict::len(*slot) > 0 {
            dict::copy(*slot)?
        } else {
            Owned::from_borrowed_static(none::none())
        };
        let names = protocol::call_args(copyreg("_slotnames")?.as_ptr(), &[tp.cast()])?;
        if names.as_ptr() != none::none() && !list::check(names.as_ptr()) {
            return Err(errors::type_error(
                "copyreg._slotnames didn't return a list or None",
            ));
        }
        // Strong references: the list lives on the class, and a
        // `__getattr__` run below may change it.
        let names: Vec<Owned> = if list::check(names.as_ptr()) {
            list::items(names.as_ptr())
                .iter()
                .map(|&n| Owned::from_borrowed(n))
                .collect()
        } else {
            Vec::new()
        };
        if required {
            let word = size_of::<*mut PyObject>() as Py_ssize_t;
            let mut basic = crate::object::object::PyBaseObject_Type.tp_basicsize;
            if (*tp).tp_dictoffset != 0 {
                basic += word;
            }
            if (*tp).tp_weaklistoffset > 0 {
                basic += word;
            }
            basic += word * names.len() as Py_ssize_t;
            if (*tp).tp_basicsize > basic {
                return Err(cannot_pickle(obj));
            }
        }
        if !names.is_empty() {
            let slots = dict::new()?;
            for name in &names {
                if let Some(v) = protocol::getattr_opt(obj, name.as_ptr())? {
                    dict::set_item(slots.as_ptr(), name.as_ptr(), v.as_ptr())?;
                }
            }
            if dict::len(slots.as_ptr()) > 0 {
                state = tuple::pack(&[state.as_ptr(), slots.as_ptr()])?;
            }
        }
        Ok(state)
    }
}

/// The state `obj.__getstate__()` gives (`object_getstate`).
unsafe fn getstate(obj: *mut PyObject, required: bool) -> PyResult<Owned> {
    // SAFETY: obj valid.
    unsafe {
        let meth = protocol::getattr_str(obj, "__getstate__")?;
        let mt = (*meth.as_ptr()).ob_type;
        let is_default = (mt == &raw mut crate::object::methodobject::PyCFunction_Type
            || mt == &raw mut crate::object::methodobject::PyCMethod_Type)
            && (*(*meth.as_ptr().cast::<PyCFunctionObject>()).m_ml)
                .ml_meth
                .is_some_and(|f| f as usize == object_getstate as *const () as usize);
        if is_default {
            return getstate_default(obj, required);
        }
        protocol::call_args(meth.as_ptr(), &[])
    }
}

/// `_PyObject_GetState`: `obj.__getstate__()`, for the `__reduce__` of
/// builtin types that keep their subclasses' dict and slots.
pub unsafe fn get_state(obj: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: obj valid.
    unsafe { getstate(obj, false) }
}

/// The arguments `__getnewargs_ex__` / `__getnewargs__` give: (args,
/// kwargs), args None when neither exists.
unsafe fn getnewargs(obj: *mut PyObject) -> PyResult<(Option<Owned>, Option<Owned>)> {
    // SAFETY: obj valid.
    unsafe {
        // Special methods: looked up on the type, as `_PyObject_GetNewArguments` does.
        if let Some(r) = protocol::call_special(obj, "__getnewargs_ex__", &[])? {
            if !tuple::check(r.as_ptr()) {
                return Err(errors::type_error(format!(
                    "__getnewargs_ex__ should return a tuple, not '{}'",
                    typeobj::type_name(r.as_ptr())
                )));
            }
            let [args, kwargs] = tuple::items(r.as_ptr()) else {
                return Err(errors::value_error(format!(
                    "__getnewargs_ex__ should return a tuple of length 2, not {}",
                    tuple::size(r.as_ptr())
                )));
            };
            if !tuple::check(*args) {
                return Err(errors::type_error(format!(
                    "first item of the tuple returned by __getnewargs_ex__ must be a tuple, not '{}'",
                    typeobj::type_name(*args)
                )));
            }
            if !dict::check(*kwargs) {
                return Err(errors::type_error(format!(
                    "second item of the tuple returned by __getnewargs_ex__ must be a dict, not '{}'",
                    typeobj::type_name(*kwargs)
                )));
            }
            return Ok((
                Some(Owned::from_borrowed(*args)),
                Some(Owned::from_borrowed(*kwargs)),
            ));
        }
        if let Some(r) = protocol::call_special(obj, "__getnewargs__", &[])? {
            if !tuple::check(r.as_ptr()) {
                return Err(errors::type_error(format!(
                    "__getnewargs__ should return a tuple, not '{}'",
                    typeobj::type_name(r.as_ptr())
                )));
            }
            return Ok((Some(r), None));
        }
        Ok((None, None))
    }
}

/// `reduce_newobj`: the protocol 2+ reduction through `copyreg.__newobj__`
/// (or `__newobj_ex__` with keyword arguments).
unsafe fn reduce_newobj(obj: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: obj valid.
    unsafe {
        let tp = (*obj).ob_type;
        if (*tp).tp_new.is_none() {
            return Err(cannot_pickle(obj));
        }
        let (args, kwargs) = getnewargs(obj)?;
        let hasargs = args.is_some();
        let args = args.unwrap_or_else(tuple::empty);
        let plain = kwargs.as_ref().is_none_or(|k| dict::len(k.as_ptr()) == 0);
        let (newobj, newargs) = if plain {
            let mut v = vec![Owned::from_borrowed(tp.cast())];
            v.extend(
                tuple::items(args.as_ptr())
                    .iter()
                    .map(|&a| Owned::from_borrowed(a)),
            );
            (copyreg("__newobj__")?, tuple::from_vec(v)?)
        } else {
            let k = kwargs.unwrap_or_else(|| Owned::from_borrowed_static(none::none()));
            (
                copyreg("__newobj_ex__")?,
                tuple::pack(&[tp.cast(), args.as_ptr(), k.as_ptr()])?,
            )
        };
        let is_list = list::check(obj);
        let is_dict = dict::check(obj);
        let state = getstate(obj, !hasargs && !is_list && !is_dict)?;
        let none = || Owned::from_borrowed_static(none::none());
        let listitems = if is_list {
            protocol::get_iter(obj)?
        } else {
            none()
        };
        let dictitems = if is_dict {
            let items = protocol::call_method_obj(obj, "items", &[])?;
            protocol::get_iter(items.as_ptr())?
        } else {
            none()
        };
        tuple::from_vec(vec![newobj, newargs, state, listitems, dictitems])
    }
}

/// `_common_reduce`: protocol 2 and up use `__newobj__`, older ones
/// `copyreg._reduce_ex`.
unsafe fn common_reduce(obj: *mut PyObject, proto: i64) -> PyResult<Owned> {
    // SAFETY: obj valid.
    unsafe {
        if proto >= 2 {
            return reduce_newobj(obj);
        }
        let p = int::from_i64(proto)?;
        protocol::call_args(copyreg("_reduce_ex")?.as_ptr(), &[obj, p.as_ptr()])
    }
}

/// `object.__reduce__()`.
pub unsafe extern "C" fn object_reduce(obj: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: obj valid.
    guard_obj(|| unsafe { common_reduce(obj, 0) })
}

/// `object.__reduce_ex__(protocol)`: a `__reduce__` that the class
/// overrides wins.
pub unsafe extern "C" fn object_reduce_ex(
    obj: *mut PyObject,
    proto: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: obj and proto valid.
    guard_obj(|| unsafe {
        let proto = int::as_i64(crate::object::number::index(proto)?.as_ptr())?;
        if let Some(reduce) = protocol::getattr_opt(obj, crate::interned!("__reduce__"))? {
            let cls_reduce = protocol::getattr_str((*obj).ob_type.cast(), "__reduce__")?;
            let obj_reduce = dict::get_str(
                crate::object::object::PyBaseObject_Type.tp_dict,
                "__reduce__",
            );
            if cls_reduce.as_ptr() != obj_reduce {
                return protocol::call_args(reduce.as_ptr(), &[]);
            }
        }
        common_reduce(obj, proto)
    })
}

/// `object.__getstate__()`.
pub unsafe extern "C" fn object_getstate(obj: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: obj valid.
    guard_obj(|| unsafe { getstate_default(obj, false) })
}
