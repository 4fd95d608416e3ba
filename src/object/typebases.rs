//! Writable class attributes that reshape a class (`Objects/typeobject.c`:
//! `type_set_bases`, `type_get_type_params` / `type_set_type_params`).
use crate::capi::boundary::{guard_obj, guard_status};
use crate::ffi::*;
use crate::object::typemro::{self, MroSet};
use crate::object::typenew::{self, best_base};
use crate::object::typeobj::{self, name_of, PyType_Type};
use crate::object::{dict, refcount, str as pystr, subclasses, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_void;

/// Refuses to change `name` on a static or immutable type, or to delete it
/// (`check_set_special_type_attr`).
pub(crate) unsafe fn check_settable(
    tp: *mut PyTypeObject,
    v: *mut PyObject,
    name: &str,
) -> PyResult<()> {
    // SAFETY: tp is a type.
    unsafe {
        // An immutable type says "set" even for a deletion, as CPython does.
        let immutable = (*tp).tp_flags & Py_TPFLAGS_IMMUTABLETYPE != 0
            || (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE == 0;
        if immutable || v.is_null() {
            let what = if immutable { "set" } else { "delete" };
            return Err(errors::type_error(format!(
                "cannot {what} '{name}' attribute of immutable type '{}'",
                name_of(tp)
            )));
        }
        let name = pystr::from_str(name)?;
        crate::runtime::audit::audit(c"object.__setattr__", &[tp.cast(), name.as_ptr(), v])
    }
}

/// `cls.__bases__ = bases` (`type_set_bases`): checks the new bases as
/// class creation would, then recomputes the MRO of `cls` and of its
/// subclasses, restoring the old ones if any fails. A custom `mro()` may
/// assign `__bases__` again meanwhile: the innermost assignment wins.
pub unsafe extern "C" fn set_bases(op: *mut PyObject, v: *mut PyObject, _c: *mut c_void) -> i32 {
    guard_status(|| {
        // SAFETY: op is a type; v NULL (delete) or valid.
        unsafe {
            let tp: *mut PyTypeObject = op.cast();
            check_settable(tp, v, "__bases__")?;
            let name = name_of(tp);
            if !tuple::check(v) {
                return Err(errors::type_error(format!(
                    "can only assign tuple to {name}.__bases__, not {}",
                    typeobj::type_name(v)
                )));
            }
            let items = tuple::items(v);
            if items.is_empty() {
                return Err(errors::type_error(format!(
                    "can only assign non-empty tuple to {name}.__bases__, not ()"
                )));
            }
            for &b in items {
                if !typeobj::instance_of(b, &raw mut PyType_Type) {
                    return Err(errors::type_error(format!(
                        "{name}.__bases__ must be tuple of classes, not '{}'",
                        typeobj::type_name(b)
                    )));
                }
                // A reentrant assignment (from a custom mro()) has set
                // tp_base already, before the MROs that would show it.
                let bt: *mut PyTypeObject = b.cast();
                if typeobj::is_subtype(bt, tp)
                    || (!(*bt).tp_mro.is_null() && typeobj::base_chain_reaches(bt, tp))
                {
                    return Err(errors::type_error(
                        "a __bases__ item causes an inheritance cycle",
                    ));
                }
            }
            let new_base = best_base(items)?;
            compatible_for_assignment((*tp).tp_base, new_base, "__bases__")?;
            let old_bases = Owned::from_raw_unchecked(std::mem::replace(
                &mut (*tp).tp_bases,
                refcount::new_ref(v),
            ));
            let old_base = Owned::from_raw(
                std::mem::replace(
                    &mut (*tp).tp_base,
                    refcount::new_ref(new_base.cast()).cast(),
                )
                .cast(),
            );
            let mut undo = Vec::new();
            if let Err(e) = mro_hierarchy(tp, &mut undo) {
                // Newest first, sparing a class whose MRO changed since.
                for (cls, new_mro, old_mro) in undo.into_iter().rev() {
                    let cls: *mut PyTypeObject = cls.as_ptr().cast();
                    if (*cls).tp_mro == new_mro.as_ptr() {
                        let old = old_mro.map_or(std::ptr::null_mut(), Owned::into_raw);
                        refcount::decref(std::mem::replace(&mut (*cls).tp_mro, old));
                        typeobj::modified(cls);
                    }
                }
                if (*tp).tp_bases == v {
                    refcount::decref(std::mem::replace(&mut (*tp).tp_bases, old_bases.into_raw()));
                    let old = old_base.map_or(std::ptr::null_mut(), Owned::into_raw);
                    refcount::decref(std::mem::replace(&mut (*tp).tp_base, old.cast()).cast());
                }
                return Err(e);
            }
            // Unless a reentrant assignment did it all already.
            if (*tp).tp_bases == v {
                subclasses::unregister_from(tp, old_bases.as_ptr());
                subclasses::register(tp)?;
                update_all_slots(tp)?;
            }
            Ok(())
        }
    })
}

/// A class whose MRO `set_bases` replaced: the class, its new MRO and
/// the old one.
type MroUndo = (Owned, Owned, Option<Owned>);

/// Recomputes the MRO of `tp` and of every class derived from it
/// (`mro_hierarchy`), recording each change in `undo`.
unsafe fn mro_hierarchy(tp: *mut PyTypeObject, undo: &mut Vec<MroUndo>) -> PyResult<()> {
    // SAFETY: tp is a ready type; its subclasses are live types.
    unsafe {
        let old = match typemro::internal(tp)? {
            MroSet::Reentered => return Ok(()),
            MroSet::Replaced(old) => old,
        };
        undo.push((
            Owned::from_borrowed(tp.cast()),
            Owned::from_borrowed((*tp).tp_mro),
            old,
        ));
        let subs = subclasses::list_of(tp)?;
        for &s in crate::object::list::items(subs.as_ptr()) {
            mro_hierarchy(s.cast(), undo)?;
        }
        Ok(())
    }
}

/// Points the slots of `tp` and its subclasses at what their new MROs
/// give for each dunder that a class along `tp`'s MRO defines in Python
/// (`update_all_slots`; builtin bases keep their layout, so their slots
/// stay).
unsafe fn update_all_slots(tp: *mut PyTypeObject) -> PyResult<()> {
    // SAFETY: tp is ready; the names are kept alive across the updates.
    unsafe {
        let mut names: Vec<Owned> = Vec::new();
        for &c in tuple::items(Owned::from_borrowed((*tp).tp_mro).as_ptr()) {
            let c: *mut PyTypeObject = c.cast();
            if (*c).tp_flags & Py_TPFLAGS_HEAPTYPE == 0 || (*c).tp_dict.is_null() {
                continue;
            }
            let mut pos = 0;
            while let Some((k, _)) = dict::next((*c).tp_dict, &mut pos) {
                if pystr::check(k) && !names.iter().any(|n| n.as_ptr() == k) {
                    names.push(Owned::from_borrowed(k));
                }
            }
        }
        for n in &names {
            if let Some(n) = pystr::as_str_opt(n.as_ptr()) {
                typenew::update_slot(tp, n)?;
            }
        }
        Ok(())
    }
}

/// `obj.__class__ = cls` (`object_set_class`): allowed between mutable
/// classes (or module subclasses) whose instances have the same layout.
pub unsafe extern "C" fn set_class(op: *mut PyObject, v: *mut PyObject, _c: *mut c_void) -> i32 {
    guard_status(|| {
        // SAFETY: op is live; v NULL (delete) or valid.
        unsafe {
            if v.is_null() {
                return Err(errors::type_error("can't delete __class__ attribute"));
            }
            if !typeobj::instance_of(v, &raw mut PyType_Type) {
                return Err(errors::type_error(format!(
                    "__class__ must be set to a class, not '{}' object",
                    typeobj::type_name(v)
                )));
            }
            crate::runtime::audit::audit(
                c"object.__setattr__",
                &[op, crate::interned!("__class__"), v],
            )?;
            let newto: *mut PyTypeObject = v.cast();
            let oldto = (*op).ob_type;
            let module = &raw mut crate::object::module::PyModule_Type;
            let immutable = |tp: *mut PyTypeObject| {
                (*tp).tp_flags & Py_TPFLAGS_IMMUTABLETYPE != 0
                    || (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE == 0
            };
            if !(typeobj::is_subtype(newto, module) && typeobj::is_subtype(oldto, module))
                && (immutable(newto) || immutable(oldto))
            {
                return Err(errors::type_error(
                    "__class__ assignment only supported for mutable types or ModuleType subclasses",
                ));
            }
            compatible_for_assignment(oldto, newto, "__class__")?;
            if (*newto).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
                crate::object::refcount::incref(v);
            }
            (*op).ob_type = newto;
            if (*oldto).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
                crate::object::refcount::decref(oldto.cast());
            }
            Ok(())
        }
    })
}

/// Whether instances of `child` are laid out exactly as its base's
/// (`compatible_with_tp_base`).
unsafe fn same_layout_as_base(child: *mut PyTypeObject) -> bool {
    // SAFETY: child is a ready type.
    unsafe {
        let parent = (*child).tp_base;
        !parent.is_null()
            && (*child).tp_basicsize == (*parent).tp_basicsize
            && (*child).tp_itemsize == (*parent).tp_itemsize
            && (*child).tp_dictoffset == (*parent).tp_dictoffset
            && (*child).tp_weaklistoffset == (*parent).tp_weaklistoffset
            && (*child).tp_flags & Py_TPFLAGS_HAVE_GC == (*parent).tp_flags & Py_TPFLAGS_HAVE_GC
            && ((*child).tp_dealloc.map(|f| f as usize)
                == Some(crate::object::subtype::subtype_dealloc as *const () as usize)
                || (*child).tp_dealloc.map(|f| f as usize)
                    == (*parent).tp_dealloc.map(|f| f as usize))
    }
}

/// Whether `a` and `b`, on the same base, add the same words: the same
/// dict and weak reference slots and equal `__slots__` (`same_slots_added`).
unsafe fn same_slots_added(a: *mut PyTypeObject, b: *mut PyTypeObject) -> PyResult<bool> {
    // SAFETY: a and b are ready types with the same tp_base.
    unsafe {
        let word = std::mem::size_of::<*mut PyObject>() as Py_ssize_t;
        let mut size = (*(*a).tp_base).tp_basicsize;
        if (*a).tp_dictoffset == size && (*b).tp_dictoffset == size {
            size += word;
        }
        if (*a).tp_weaklistoffset == size && (*b).tp_weaklistoffset == size {
            size += word;
        }
        let sa = (*a.cast::<PyHeapTypeObject>()).ht_slots;
        let sb = (*b.cast::<PyHeapTypeObject>()).ht_slots;
        if !sa.is_null() && !sb.is_null() {
            if !crate::object::protocol::rich_compare_bool(sa, sb, Py_EQ)? {
                return Ok(false);
            }
            size += word * tuple::size(sa);
        }
        Ok(size == (*a).tp_basicsize && size == (*b).tp_basicsize)
    }
}

/// Refuses to turn instances of `oldto` into instances of `newto` unless
/// both free and lay out their instances alike (`compatible_for_assignment`).
unsafe fn compatible_for_assignment(
    oldto: *mut PyTypeObject,
    newto: *mut PyTypeObject,
    attr: &str,
) -> PyResult<()> {
    // SAFETY: both are ready types.
    unsafe {
        if (*newto).tp_free.map(|f| f as usize) != (*oldto).tp_free.map(|f| f as usize) {
            return Err(errors::type_error(format!(
                "{attr} assignment: '{}' deallocator differs from '{}'",
                name_of(newto),
                name_of(oldto)
            )));
        }
        let mut newbase = newto;
        let mut oldbase = oldto;
        while same_layout_as_base(newbase) {
            newbase = (*newbase).tp_base;
        }
        while same_layout_as_base(oldbase) {
            oldbase = (*oldbase).tp_base;
        }
        if newbase != oldbase
            && ((*newbase).tp_base != (*oldbase).tp_base
                || (*newbase).tp_flags & Py_TPFLAGS_HEAPTYPE == 0
                || (*oldbase).tp_flags & Py_TPFLAGS_HEAPTYPE == 0
                || !same_slots_added(newbase, oldbase)?)
        {
            return Err(errors::type_error(format!(
                "{attr} assignment: '{}' object layout differs from '{}'",
                name_of(newto),
                name_of(oldto)
            )));
        }
        Ok(())
    }
}

/// `cls.__type_params__`: what the class dict holds, else `()`.
pub unsafe extern "C" fn get_type_params(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a type; its dict exists once ready.
        unsafe {
            let tp: *mut PyTypeObject = op.cast();
            if tp == &raw mut PyType_Type || (*tp).tp_dict.is_null() {
                return Ok(tuple::empty());
            }
            let p =
                dict::get_item_known_hash_str((*tp).tp_dict, crate::interned!("__type_params__"));
            Ok(if p.is_null() {
                tuple::empty()
            } else {
                Owned::from_borrowed(p)
            })
        }
    })
}

/// `cls.__type_params__ = value`.
pub unsafe extern "C" fn set_type_params(
    op: *mut PyObject,
    v: *mut PyObject,
    _c: *mut c_void,
) -> i32 {
    guard_status(|| {
        // SAFETY: op is a type; v NULL (delete) or valid.
        unsafe {
            let tp: *mut PyTypeObject = op.cast();
            check_settable(tp, v, "__type_params__")?;
            dict::set_item((*tp).tp_dict, crate::interned!("__type_params__"), v)?;
            typeobj::modified(tp);
            Ok(())
        }
    })
}
