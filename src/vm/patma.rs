//! Structural pattern matching (PEP 634): the work of `MATCH_KEYS` and
//! `MATCH_CLASS` (CPython's `match_keys` and `match_class` in ceval.c).
//! `MATCH_MAPPING`/`MATCH_SEQUENCE` only test the type flags, in the loop.
use crate::ffi::*;
use crate::object::{dict, protocol, set, str as pystr, tuple, typeobj};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;

/// `MATCH_KEYS`: the values of `keys` (a tuple) in the mapping `subject`,
/// as a tuple, or `None` when a key is missing. Keys are looked up with
/// `subject.get(key, sentinel)`, so `__missing__` never runs; a key
/// checked twice is a `ValueError`.
pub unsafe fn match_keys(subject: *mut PyObject, keys: *mut PyObject) -> PyResult<Option<Owned>> {
    // SAFETY: subject valid; keys is the tuple the compiler built.
    unsafe {
        let keys = tuple::items(keys);
        if keys.is_empty() {
            return Ok(Some(tuple::empty()));
        }
        let exact_dict = (*subject).ob_type == &raw mut dict::PyDict_Type;
        let get = if exact_dict {
            None
        } else {
            Some(protocol::getattr_str(subject, "get")?)
        };
        let sentinel = protocol::call_args(
            (&raw mut crate::object::object::PyBaseObject_Type).cast(),
            &[],
        )?;
        let seen = set::new_set(std::ptr::null_mut())?;
        let mut values = Vec::with_capacity(keys.len());
        for &key in keys {
            if set::contains(seen.as_ptr(), key)? {
                let r = protocol::repr(key)?;
                return Err(errors::value_error(format!(
                    "mapping pattern checks duplicate key ({})",
                    pystr::as_str(r.as_ptr())?
                )));
            }
            set::add(seen.as_ptr(), key)?;
            let v = match &get {
                None => {
                    let v = dict::get_item(subject, key)?;
                    if v.is_null() {
                        return Ok(None);
                    }
                    Owned::from_borrowed(v)
                }
                Some(get) => {
                    let v = protocol::call_args(get.as_ptr(), &[key, sentinel.as_ptr()])?;
                    if v.as_ptr() == sentinel.as_ptr() {
                        return Ok(None);
                    }
                    v
                }
            };
            values.push(v);
        }
        tuple::from_vec(values).map(Some)
    }
}

/// `MATCH_CLASS nargs`: when `subject` is an instance of `cls`, the tuple
/// of its `nargs` positional sub-pattern values (attributes named by
/// `cls.__match_args__`, or the subject itself for the builtin types that
/// match themselves) followed by the attributes named in `kwnames`; `None`
/// when it is not an instance or lacks one of the attributes.
pub unsafe fn match_class(
    subject: *mut PyObject,
    cls: *mut PyObject,
    nargs: usize,
    kwnames: *mut PyObject,
) -> PyResult<Option<Owned>> {
    // SAFETY: subject and cls valid; kwnames a tuple of str.
    unsafe {
        if !typeobj::instance_of(cls, &raw mut typeobj::PyType_Type) {
            return Err(errors::type_error("called match pattern must be a class"));
        }
        match crate::capi::object::PyObject_IsInstance(subject, cls) {
            0 => return Ok(None),
            r if r < 0 => return Err(errors::Raised::assume()),
            _ => {}
        }
        let tp = cls.cast::<PyTypeObject>();
        let mut seen: Vec<*mut PyObject> = Vec::new();
        let mut attrs = Vec::with_capacity(nargs + tuple::size(kwnames) as usize);
        if nargs > 0 {
            let match_args = protocol::getattr_opt(cls, crate::interned!("__match_args__"))?;
            let match_self = match_args.is_none() && (*tp).tp_flags & _Py_TPFLAGS_MATCH_SELF != 0;
            let allowed = match &match_args {
                Some(m) => {
                    if !tuple::check(m.as_ptr()) {
                        return Err(errors::type_error(format!(
                            "{}.__match_args__ must be a tuple (got {})",
                            typeobj::short_name(tp),
                            typeobj::type_name(m.as_ptr())
                        )));
                    }
                    tuple::size(m.as_ptr()) as usize
                }
                None => match_self as usize,
            };
            if nargs > allowed {
                return Err(errors::type_error(format!(
                    "{}() accepts {allowed} positional sub-pattern{} ({nargs} given)",
                    typeobj::short_name(tp),
                    if allowed == 1 { "" } else { "s" }
                )));
            }
            if match_self {
                attrs.push(Owned::from_borrowed(subject));
            } else if let Some(m) = &match_args {
                for &name in &tuple::items(m.as_ptr())[..nargs] {
                    if !pystr::check(name) {
                        return Err(errors::type_error(format!(
                            "__match_args__ elements must be strings (got {})",
                            typeobj::type_name(name)
                        )));
                    }
                    match class_attr(subject, tp, name, &mut seen)? {
                        Some(v) => attrs.push(v),
                        None => return Ok(None),
                    }
                }
            }
        }
        for &name in tuple::items(kwnames) {
            match class_attr(subject, tp, name, &mut seen)? {
                Some(v) => attrs.push(v),
                None => return Ok(None),
            }
        }
        tuple::from_vec(attrs).map(Some)
    }
}

/// One attribute of a class pattern (`match_class_attr`): `None` when the
/// subject lacks it; a `TypeError` when a name is matched twice.
unsafe fn class_attr(
    subject: *mut PyObject,
    tp: *mut PyTypeObject,
    name: *mut PyObject,
    seen: &mut Vec<*mut PyObject>,
) -> PyResult<Option<Owned>> {
    // SAFETY: name is a str; subject valid.
    unsafe {
        for &s in seen.iter() {
            if protocol::rich_compare_bool(s, name, Py_EQ)? {
                let r = protocol::repr(name)?;
                return Err(errors::type_error(format!(
                    "{}() got multiple sub-patterns for attribute {}",
                    typeobj::short_name(tp),
                    pystr::as_str(r.as_ptr())?
                )));
            }
        }
        seen.push(name);
        protocol::getattr_opt(subject, name)
    }
}
