//! The life cycle of instances of classes defined in Python
//! (`Objects/typeobject.c`'s `subtype_*` functions): every such class is
//! collected, so its instances are traversed and cleared by the cycle
//! collector through their slots and `__dict__`, run `__del__` once
//! (PEP 442), and are torn down by `subtype_dealloc` before the base type's
//! deallocator runs.
use crate::ffi::*;
use crate::object::gc;
use crate::object::refcount::*;
use libc::{c_int, c_void};
use std::ptr::null_mut;

/// The object slots (`__slots__` members) a class level adds.
unsafe fn slot_members(t: *mut PyTypeObject) -> impl Iterator<Item = Py_ssize_t> {
    // SAFETY: a class's member table ends with a NULL name.
    unsafe {
        let mut m = (*t).tp_members;
        std::iter::from_fn(move || loop {
            if m.is_null() || (*m).name.is_null() {
                return None;
            }
            let cur = m;
            m = m.add(1);
            if (*cur).r#type == Py_T_OBJECT_EX {
                return Some((*cur).offset);
            }
        })
    }
}

#[inline]
unsafe fn slot_at(op: *mut PyObject, offset: Py_ssize_t) -> *mut *mut PyObject {
    // SAFETY: offset is a member offset inside op's layout.
    unsafe { op.cast::<u8>().offset(offset).cast() }
}

/// `subtype_traverse`: visits the slots of each Python-defined level, the
/// instance dict, the type (when the nearest C base does not visit it),
/// then whatever the C base visits.
pub unsafe extern "C" fn subtype_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> c_int {
    let Some(visit) = visit else { return 0 };
    // SAFETY: op is an instance of a class defined in Python.
    unsafe {
        let tp = (*op).ob_type;
        let mut base = tp;
        while (*base).tp_traverse.map(|f| f as usize)
            == Some(subtype_traverse as *const () as usize)
        {
            for off in slot_members(base) {
                let v = *slot_at(op, off);
                if !v.is_null() {
                    let r = visit(v, arg);
                    if r != 0 {
                        return r;
                    }
                }
            }
            base = (*base).tp_base;
        }
        // A dict that a builtin base defines is the base's to visit.
        let dslot = if (*base).tp_dictoffset == 0 {
            crate::object::object::dict_slot(op)
        } else {
            null_mut()
        };
        if !dslot.is_null() && !(*dslot).is_null() {
            let r = visit(*dslot, arg);
            if r != 0 {
                return r;
            }
        }
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 && (*base).tp_flags & Py_TPFLAGS_HEAPTYPE == 0
        {
            let r = visit(tp.cast(), arg);
            if r != 0 {
                return r;
            }
        }
        match (*base).tp_traverse {
            Some(t) => t(op, Some(visit), arg),
            None => 0,
        }
    }
}

/// `subtype_clear`: drops the slots of each Python-defined level and the
/// instance dict, then lets the C base clear what it holds.
pub unsafe extern "C" fn subtype_clear(op: *mut PyObject) -> c_int {
    // SAFETY: op is an instance of a class defined in Python.
    unsafe {
        let mut base = (*op).ob_type;
        while (*base).tp_clear.map(|f| f as usize) == Some(subtype_clear as *const () as usize) {
            for off in slot_members(base) {
                xdecref(std::mem::replace(&mut *slot_at(op, off), null_mut()));
            }
            base = (*base).tp_base;
        }
        if (*base).tp_dictoffset == 0 {
            let dslot = crate::object::object::dict_slot(op);
            if !dslot.is_null() {
                xdecref(std::mem::replace(&mut *dslot, null_mut()));
            }
        }
        match (*base).tp_clear {
            Some(c) => c(op),
            None => 0,
        }
    }
}

/// `subtype_dealloc`: untracks the instance, runs its finalizer (an
/// instance resurrected by `__del__` survives), clears its weak
/// references, slots and dict, then hands over to the nearest base
/// deallocator that is not this one (which frees the memory and drops the
/// reference to the heap type). A collected instance goes through the
/// trashcan: a long chain of instances (each holding the next in a slot or
/// its dict) would otherwise recurse once per link and overflow the stack.
pub unsafe extern "C" fn subtype_dealloc(op: *mut PyObject) {
    // SAFETY: op's refcount reached zero; the layout follows its type.
    unsafe {
        if !gc::is_gc(op) {
            return tear_down(op, false);
        }
        gc::untrack(op);
        if crate::object::trashcan::enter(op, subtype_dealloc) {
            tear_down(op, true);
            crate::object::trashcan::leave();
        }
    }
}

/// The work of [`subtype_dealloc`] once the instance is untracked
/// (`collected`) and let through by the trashcan.
unsafe fn tear_down(op: *mut PyObject, collected: bool) {
    // SAFETY: as subtype_dealloc.
    unsafe {
        let tp = (*op).ob_type;
        if (*tp).tp_finalize.is_some() {
            if collected {
                gc::track(op);
            }
            if call_finalizer_from_dealloc(op) {
                return;
            }
            if collected {
                gc::untrack(op);
            }
        }
        let mut base = tp;
        while (*base).tp_dealloc.map(|f| f as usize) == Some(subtype_dealloc as *const () as usize)
        {
            base = (*base).tp_base;
        }
        if (*tp).tp_weaklistoffset > 0 && (*base).tp_weaklistoffset == 0 {
            crate::object::weakref::clear_weakrefs(op);
        }
        let mut t = tp;
        while t != base {
            for off in slot_members(t) {
                xdecref(std::mem::replace(&mut *slot_at(op, off), null_mut()));
            }
            t = (*t).tp_base;
        }
        if (*base).tp_dictoffset == 0 {
            let dslot = crate::object::object::dict_slot(op);
            if !dslot.is_null() {
                xdecref(std::mem::replace(&mut *dslot, null_mut()));
            }
        }
        match (*base).tp_dealloc {
            Some(d) => d(op),
            None => crate::object::object::object_dealloc(op),
        }
    }
}

/// `PyObject_CallFinalizer`: runs `tp_finalize` once (collected objects
/// remember that it ran), with the raised exception set aside.
pub unsafe fn call_finalizer(op: *mut PyObject) {
    // SAFETY: op is alive.
    unsafe {
        let Some(fin) = (*(*op).ob_type).tp_finalize else {
            return;
        };
        let collected = gc::is_gc(op);
        if collected {
            if gc::is_finalized(op) {
                return;
            }
            gc::set_finalized(op);
        }
        crate::runtime::errors::keeping_raised(|| fin(op));
    }
}

/// `PyObject_CallFinalizerFromDealloc`: runs the finalizer of an object
/// whose refcount reached zero, holding it alive meanwhile. Returns true
/// when the finalizer resurrected it (the deallocator must then stop).
pub unsafe fn call_finalizer_from_dealloc(op: *mut PyObject) -> bool {
    // SAFETY: op's refcount is zero and its memory intact.
    unsafe {
        (*op).ob_refcnt = 1;
        call_finalizer(op);
        (*op).ob_refcnt -= 1;
        (*op).ob_refcnt != 0
    }
}

/// The `tp_finalize` of classes that define `__del__`: calls it; an
/// exception is reported as unraisable.
pub unsafe extern "C" fn slot_tp_finalize(op: *mut PyObject) {
    // SAFETY: op is alive (held by the caller).
    unsafe {
        let tp = (*op).ob_type;
        let del = crate::object::typeobj::lookup_str(tp, "__del__");
        if del.is_null() {
            return;
        }
        let r = match (*(*del).ob_type).tp_descr_get {
            Some(get) => crate::runtime::errors::check(get(del, op, tp.cast()))
                .and_then(|m| crate::object::protocol::call_args(m.as_ptr(), &[])),
            None => crate::object::protocol::call_args(del, &[op]),
        };
        if r.is_err() {
            crate::capi::exceptions::PyErr_WriteUnraisable(del);
        }
    }
}

/// The `__dict__` descriptor that a class adding an instance dict gets
/// (CPython's `subtype_dict` / `subtype_setdict`).
pub static mut SUBTYPE_DICT_GETSET: PyGetSetDef =
    crate::object::descr::getset(c"__dict__", Some(subtype_dict), Some(subtype_setdict));

/// The nearest builtin type on `tp`'s base chain whose instances have a
/// dict (`get_builtin_base_with_dict`): a class derived from such a type
/// (a metaclass, say) reaches its instances' dict through that type's own
/// `__dict__` descriptor.
unsafe fn builtin_base_with_dict(tp: *mut PyTypeObject) -> *mut PyTypeObject {
    // SAFETY: tp is a ready type; tp_base chains end in NULL.
    unsafe {
        let mut t = tp;
        while !(*t).tp_base.is_null() {
            if (*t).tp_dictoffset != 0 && (*t).tp_flags & Py_TPFLAGS_HEAPTYPE == 0 {
                return t;
            }
            t = (*t).tp_base;
        }
        std::ptr::null_mut()
    }
}

/// `TypeError: this __dict__ descriptor does not support 'T' objects`.
unsafe fn dict_descr_error(obj: *mut PyObject) -> crate::runtime::errors::Raised {
    // SAFETY: obj is live.
    crate::runtime::errors::type_error(format!(
        "this __dict__ descriptor does not support '{}' objects",
        unsafe { crate::object::typeobj::type_name(obj) }
    ))
}

/// The `__dict__` data descriptor of the builtin base `base`
/// (`get_dict_descriptor`).
unsafe fn base_dict_descr(
    base: *mut PyTypeObject,
    obj: *mut PyObject,
) -> crate::runtime::errors::PyResult<*mut PyObject> {
    // SAFETY: base is a ready type; obj live.
    unsafe {
        let d = crate::object::typeobj::lookup_str(base, "__dict__");
        if d.is_null() || (*(*d).ob_type).tp_descr_set.is_none() {
            return Err(dict_descr_error(obj));
        }
        Ok(d)
    }
}

/// `subtype_dict`: the instance dict, made on first use.
unsafe extern "C" fn subtype_dict(op: *mut PyObject, c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is an instance of a class with a dict slot.
    unsafe {
        let tp = (*op).ob_type;
        let base = builtin_base_with_dict(tp);
        if base.is_null() {
            return crate::object::object::PyObject_GenericGetDict(op, c);
        }
        crate::capi::boundary::guard_obj(|| {
            let d = base_dict_descr(base, op)?;
            match (*(*d).ob_type).tp_descr_get {
                Some(get) => crate::runtime::errors::check(get(d, op, tp.cast())),
                None => Err(dict_descr_error(op)),
            }
        })
    }
}

unsafe extern "C" fn subtype_setdict(
    op: *mut PyObject,
    value: *mut PyObject,
    _c: *mut c_void,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is an instance of a class with a dict slot.
        unsafe {
            let base = builtin_base_with_dict((*op).ob_type);
            if !base.is_null() {
                let d = base_dict_descr(base, op)?;
                let set = (*(*d).ob_type)
                    .tp_descr_set
                    .ok_or_else(|| dict_descr_error(op))?;
                if set(d, op, value) < 0 {
                    return Err(crate::runtime::errors::Raised::assume());
                }
                return Ok(());
            }
            let slot = crate::object::object::dict_slot(op);
            if slot.is_null() {
                return Err(crate::runtime::errors::attribute_error(
                    "This object has no __dict__",
                ));
            }
            // Unlike PyObject_GenericSetDict, deleting is allowed: the
            // next attribute access makes a fresh dict.
            if !value.is_null() && !crate::object::dict::check(value) {
                return Err(crate::runtime::errors::type_error(format!(
                    "__dict__ must be set to a dictionary, not a '{}'",
                    crate::object::typeobj::type_name(value)
                )));
            }
            xdecref(std::mem::replace(&mut *slot, xnew_ref(value)));
            Ok(())
        }
    })
}
