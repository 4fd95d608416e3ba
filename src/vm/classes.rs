//! `__build_class__`: runs a class body with a fresh namespace and calls
//! the metaclass (PEP 3115 `__prepare__`, PEP 487 keyword arguments).
use crate::ffi::*;
use crate::object::{dict, protocol, str as pystr, tuple, typeobj};
use crate::runtime::errors::{self, PyResult};
use crate::vm::function::PyFunctionObject;
use crate::vm::{cell, frame};
use crate::Owned;
use std::ptr::null_mut;

/// Stores the class body's annotations in its namespace as
/// `__annotations__`, evaluated now, when the body made an annotate
/// function (`__annotate_func__` in the namespace). The pure-Python library ferrython runs on (CPython 3.13's)
/// reads them there: the metaclasses of `typing.NamedTuple` and
/// `TypedDict` from the namespace, `inspect.get_annotations` (and so
/// `dataclasses`) from the class dict. When evaluating fails (say a
/// forward reference to a name defined later) they stay lazy as PEP 649
/// has them, and `cls.__annotations__` evaluates them on first access.
unsafe fn evaluate_class_annotations(ns: *mut PyObject) -> PyResult<()> {
    // SAFETY: ns is the namespace the body ran in.
    unsafe {
        if !dict::check(ns)
            || !dict::get_item_known_hash_str(ns, crate::interned!("__annotations__")).is_null()
        {
            return Ok(());
        }
        let f = dict::get_item_known_hash_str(ns, crate::interned!("__annotate_func__"));
        if f.is_null() || (*f).ob_type != &raw mut crate::vm::function::PyFunction_Type {
            return Ok(());
        }
        match protocol::call_args(f, &[crate::object::int::small(1)]) {
            Ok(a) if dict::check(a.as_ptr()) => {
                protocol::set_item(ns, crate::interned!("__annotations__"), a.as_ptr())
            }
            Ok(_) => Ok(()),
            Err(_) if errors::matches(crate::object::exceptions::PyExc_Exception) => {
                errors::clear();
                Ok(())
            }
            Err(e) => Err(e),
        }
    }
}

/// The most derived metaclass of `meta` and the bases' types.
pub(crate) unsafe fn calculate_metaclass(
    meta: *mut PyTypeObject,
    bases: &[*mut PyObject],
) -> PyResult<*mut PyTypeObject> {
    // SAFETY: bases are valid objects.
    unsafe {
        let mut winner = meta;
        for &b in bases {
            let bt = (*b).ob_type;
            if typeobj::is_subtype(winner, bt) {
                continue;
            }
            if typeobj::is_subtype(bt, winner) {
                winner = bt;
                continue;
            }
            return Err(errors::type_error(
                "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
            ));
        }
        Ok(winner)
    }
}

/// The bases after PEP 560's `__mro_entries__` (`update_bases`): each base
/// that is not a class and has that method is replaced by the tuple it
/// returns. `None` when nothing changed.
unsafe fn update_bases(orig: *mut PyObject) -> PyResult<Option<Owned>> {
    // SAFETY: orig is a tuple of valid objects.
    unsafe {
        let items = tuple::items(orig);
        let mut out: Option<Vec<*mut PyObject>> = None;
        let mut keep: Vec<Owned> = Vec::new();
        for (i, &b) in items.iter().enumerate() {
            let entries = if typeobj::instance_of(b, &raw mut typeobj::PyType_Type) {
                None
            } else {
                protocol::getattr_opt(b, crate::interned!("__mro_entries__"))?
            };
            let Some(m) = entries else {
                if let Some(o) = &mut out {
                    o.push(b);
                }
                continue;
            };
            let r = protocol::call_args(m.as_ptr(), &[orig])?;
            if !tuple::check(r.as_ptr()) {
                return Err(errors::type_error("__mro_entries__ must return a tuple"));
            }
            let o = out.get_or_insert_with(|| items[..i].to_vec());
            o.extend_from_slice(tuple::items(r.as_ptr()));
            keep.push(r);
        }
        match out {
            Some(o) => tuple::from_slice(&o).map(Some),
            None => Ok(None),
        }
    }
}

/// `builtins.__build_class__(func, name, *bases, metaclass=None, **kwds)`.
pub unsafe fn build_class(
    args: &[*mut PyObject],
    kws: &[(&str, *mut PyObject)],
) -> PyResult<Owned> {
    // SAFETY: arguments are valid objects.
    unsafe {
        if args.len() < 2 {
            return Err(errors::type_error("__build_class__: not enough arguments"));
        }
        let func = args[0];
        if !crate::vm::function::check(func) {
            return Err(errors::type_error(
                "__build_class__: func must be a function",
            ));
        }
        let name = args[1];
        if !pystr::check(name) {
            return Err(errors::type_error("__build_class__: name is not a string"));
        }
        let orig_bases = tuple::from_slice(&args[2..])?;
        let updated = update_bases(orig_bases.as_ptr())?;
        let bases = match &updated {
            Some(b) => Owned::from_borrowed(b.as_ptr()),
            None => Owned::from_borrowed(orig_bases.as_ptr()),
        };
        let base_items = tuple::items(bases.as_ptr());
        let mut meta: *mut PyObject = null_mut();
        let kwd = dict::new()?;
        for &(k, v) in kws {
            if k == "metaclass" {
                meta = v;
            } else {
                dict::set_item(kwd.as_ptr(), pystr::intern(k), v)?;
            }
        }
        let is_class = meta.is_null() || typeobj::instance_of(meta, &raw mut typeobj::PyType_Type);
        let meta = if meta.is_null() {
            match base_items.first() {
                Some(&b) => (*b).ob_type.cast(),
                None => (&raw mut typeobj::PyType_Type).cast(),
            }
        } else {
            meta
        };
        let meta = if is_class {
            calculate_metaclass(meta.cast(), base_items)?.cast()
        } else {
            meta
        };
        let ns = match protocol::getattr_opt(meta, crate::interned!("__prepare__"))? {
            Some(prep) => {
                let kwnames: Vec<*mut PyObject> = kws
                    .iter()
                    .filter(|(k, _)| *k != "metaclass")
                    .map(|(k, _)| pystr::intern(k))
                    .collect();
                let mut a = vec![name, bases.as_ptr()];
                a.extend(
                    kws.iter()
                        .filter(|(k, _)| *k != "metaclass")
                        .map(|&(_, v)| v),
                );
                let kn = tuple::from_slice(&kwnames)?;
                errors::check(crate::capi::call::vectorcall(
                    prep.as_ptr(),
                    a.as_ptr(),
                    2,
                    if kwnames.is_empty() {
                        null_mut()
                    } else {
                        kn.as_ptr()
                    },
                ))?
            }
            None => dict::new()?,
        };
        // Run the body with the namespace as its locals.
        let fo = &*func.cast::<PyFunctionObject>();
        let f = frame::new(
            fo.func_code,
            fo.func_globals,
            fo.func_builtins,
            ns.as_ptr(),
            func,
        )?;
        let cellv = crate::vm::eval::run_frame(f.as_ptr())?;
        drop(f);
        evaluate_class_annotations(ns.as_ptr())?;
        if updated.is_some() {
            protocol::set_item(
                ns.as_ptr(),
                crate::interned!("__orig_bases__"),
                orig_bases.as_ptr(),
            )?;
        }
        let mut call_args = vec![name, bases.as_ptr(), ns.as_ptr()];
        let kwnames: Vec<*mut PyObject> = {
            let mut pos = 0;
            let mut v = Vec::new();
            while let Some((k, val)) = dict::next(kwd.as_ptr(), &mut pos) {
                v.push(k);
                call_args.push(val);
            }
            v
        };
        let kn = tuple::from_slice(&kwnames)?;
        let cls = errors::check(crate::capi::call::vectorcall(
            meta,
            call_args.as_ptr(),
            3,
            if kwnames.is_empty() {
                null_mut()
            } else {
                kn.as_ptr()
            },
        ))?;
        // type.__new__ fills the `__class__` cell from `__classcell__`; a
        // metaclass that dropped it leaves the cell empty.
        if (*cellv.as_ptr()).ob_type == &raw mut cell::PyCell_Type
            && typeobj::instance_of(cls.as_ptr(), &raw mut typeobj::PyType_Type)
        {
            let cur = cell::get(cellv.as_ptr());
            if cur != cls.as_ptr() {
                let (name, as_) = (
                    protocol::repr_string(name)?,
                    protocol::repr_string(cls.as_ptr())?,
                );
                if cur.is_null() {
                    return Err(errors::runtime_error(format!(
                        "__class__ not set defining {name} as {as_}. Was __classcell__ propagated to type.__new__?"
                    )));
                }
                return Err(errors::type_error(format!(
                    "__class__ set to {} defining {name} as {as_}",
                    protocol::repr_string(cur)?
                )));
            }
        }
        Ok(cls)
    }
}
