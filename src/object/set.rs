//! `set` and `frozenset` (`PySet_Type`, `PyFrozenSet_Type`) and their
//! iterator, following `Objects/setobject.c` of CPython 3.13: an open
//! addressing table with linear probing runs (`LINEAR_PROBES`), the same
//! growth rule and the same dummy handling, so iteration order and
//! `frozenset` hashes match CPython's.
#![allow(non_camel_case_types)]
use crate::capi::boundary::{guard, guard_int, guard_obj, guard_status};
use crate::ffi::*;
use crate::object::dictkeys::fast_eq;
use crate::object::refcount::*;
use crate::object::typeobj::{self, type_name, type_template};
use crate::object::{descr, dict, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::{c_int, c_void};
use std::ptr::null_mut;

/// `setentry`.
#[derive(Clone, Copy)]
#[repr(C)]
pub struct setentry {
    pub key: *mut PyObject,
    /// Cached hash of the key; -1 for a dummy.
    pub hash: Py_hash_t,
}

/// `PySet_MINSIZE`.
pub const PySet_MINSIZE: usize = 8;

/// `PySetObject` (CPython 3.13 `Include/cpython/setobject.h`).
#[repr(C)]
pub struct PySetObject {
    pub ob_base: PyObject,
    /// Active and dummy entries.
    pub fill: Py_ssize_t,
    /// Active entries.
    pub used: Py_ssize_t,
    /// The table holds `mask + 1` slots.
    pub mask: Py_ssize_t,
    /// `smalltable` or a heap table.
    pub table: *mut setentry,
    /// Only used by frozensets; -1 until computed.
    pub hash: Py_hash_t,
    /// Where `pop()` looks next.
    pub finger: Py_ssize_t,
    pub smalltable: [setentry; PySet_MINSIZE],
    pub weakreflist: *mut PyObject,
}

const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

/// The key stored in deleted slots.
static mut DUMMY: PyObject = static_head(&raw mut crate::object::object::PyBaseObject_Type);

#[inline(always)]
fn dummy() -> *mut PyObject {
    &raw mut DUMMY
}

/// `PySet_Type`.
#[no_mangle]
pub static mut PySet_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE | _Py_TPFLAGS_MATCH_SELF,
    tp_dealloc: Some(set_dealloc),
    tp_repr: Some(set_repr),
    tp_hash: Some(crate::capi::object::PyObject_HashNotImplemented),
    tp_as_number: &raw mut SET_AS_NUMBER,
    tp_as_sequence: &raw mut SET_AS_SEQUENCE,
    tp_traverse: Some(set_traverse),
    tp_clear: Some(set_tp_clear),
    tp_richcompare: Some(set_richcompare),
    tp_iter: Some(set_iter),
    tp_methods: (&raw const SET_METHODS).cast_mut().cast(),
    tp_init: Some(set_init),
    tp_new: Some(set_new),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_doc:
        c"set(iterable=(), /)\n--\n\nA mutable unordered collection of distinct hashable elements."
            .as_ptr(),
    tp_weaklistoffset: std::mem::offset_of!(PySetObject, weakreflist) as Py_ssize_t,
    ..type_template(c"set", std::mem::size_of::<PySetObject>(), 0)
};

/// `PyFrozenSet_Type`.
#[no_mangle]
pub static mut PyFrozenSet_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE | _Py_TPFLAGS_MATCH_SELF,
    tp_dealloc: Some(set_dealloc),
    tp_repr: Some(set_repr),
    tp_hash: Some(frozenset_hash),
    tp_as_number: &raw mut FROZENSET_AS_NUMBER,
    tp_as_sequence: &raw mut SET_AS_SEQUENCE,
    tp_traverse: Some(set_traverse),
    tp_richcompare: Some(set_richcompare),
    tp_iter: Some(set_iter),
    tp_methods: (&raw const FROZENSET_METHODS).cast_mut().cast(),
    tp_new: Some(frozenset_new),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_doc: c"frozenset(iterable=(), /)\n--\n\nAn immutable, hashable, unordered collection of distinct hashable\nelements."
        .as_ptr(),
    tp_weaklistoffset: std::mem::offset_of!(PySetObject, weakreflist) as Py_ssize_t,
    ..type_template(c"frozenset", std::mem::size_of::<PySetObject>(), 0)
};

/// Layout of a set iterator.
#[repr(C)]
pub struct SetIterObject {
    pub ob_base: PyObject,
    /// NULL once exhausted.
    pub si_set: *mut PyObject,
    pub si_used: Py_ssize_t,
    pub si_pos: Py_ssize_t,
    pub len: Py_ssize_t,
}

/// `PySetIter_Type`.
#[no_mangle]
pub static mut PySetIter_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(setiter_dealloc),
    tp_traverse: Some(setiter_traverse),
    tp_iter: Some(crate::object::iterobject::self_iter),
    tp_iternext: Some(setiter_next),
    tp_methods: (&raw const SETITER_METHODS).cast_mut().cast(),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    ..type_template(c"set_iterator", std::mem::size_of::<SetIterObject>(), 0)
};

static mut SET_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(set_len),
    sq_contains: Some(set_contains_slot),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

static mut SET_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_subtract: Some(set_sub),
    nb_and: Some(set_and),
    nb_xor: Some(set_xor),
    nb_or: Some(set_or),
    nb_inplace_subtract: Some(set_isub),
    nb_inplace_and: Some(set_iand),
    nb_inplace_xor: Some(set_ixor),
    nb_inplace_or: Some(set_ior),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

static mut FROZENSET_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_subtract: Some(set_sub),
    nb_and: Some(set_and),
    nb_xor: Some(set_xor),
    nb_or: Some(set_or),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

const fn m(name: &'static std::ffi::CStr, f: *const c_void, flags: c_int) -> PyMethodDef {
    descr::method(name, f, flags)
}

static SET_METHODS: [PyMethodDef; 22] = [
    m(c"add", set_add_meth as *const c_void, METH_O).with_doc(c"add($self, object, /)\n--\n\nAdd object to the set (no change if it is there already)."),
    m(c"clear", set_clear_meth as *const c_void, METH_NOARGS).with_doc(c"clear($self, /)\n--\n\nRemove every element."),
    m(
        c"__contains__",
        set_contains_meth as *const c_void,
        METH_O | METH_COEXIST,
    ).with_doc(c"__contains__($self, object, /)\n--\n\nTrue if self contains the key (or element): key in self."),
    m(c"copy", set_copy_meth as *const c_void, METH_NOARGS).with_doc(c"copy($self, /)\n--\n\nA shallow copy of the set."),
    m(c"discard", set_discard_meth as *const c_void, METH_O).with_doc(c"discard($self, object, /)\n--\n\nRemove object from the set if it is there; no error if it is not."),
    m(
        c"difference",
        set_difference_meth as *const c_void,
        METH_FASTCALL,
    ).with_doc(c"difference($self, /, *others)\n--\n\nA new set of the elements of self that are in none of the others."),
    m(
        c"difference_update",
        set_difference_update_meth as *const c_void,
        METH_FASTCALL,
    ).with_doc(c"difference_update($self, /, *others)\n--\n\nRemove the elements of the others from the set."),
    m(
        c"intersection",
        set_intersection_meth as *const c_void,
        METH_FASTCALL,
    ).with_doc(c"intersection($self, /, *others)\n--\n\nA new set of the elements of self that are in all of the others."),
    m(
        c"intersection_update",
        set_intersection_update_meth as *const c_void,
        METH_FASTCALL,
    ).with_doc(c"intersection_update($self, /, *others)\n--\n\nKeep only the elements that are also in all of the others."),
    m(c"isdisjoint", set_isdisjoint_meth as *const c_void, METH_O).with_doc(c"isdisjoint($self, other, /)\n--\n\nTrue if self and other have no element in common."),
    m(c"issubset", set_issubset_meth as *const c_void, METH_O).with_doc(c"issubset($self, other, /)\n--\n\nTrue if every element of self is in other."),
    m(c"issuperset", set_issuperset_meth as *const c_void, METH_O).with_doc(c"issuperset($self, other, /)\n--\n\nTrue if every element of other is in self."),
    m(c"pop", set_pop_meth as *const c_void, METH_NOARGS).with_doc(c"pop($self, /)\n--\n\nRemove an arbitrary element and return it; KeyError when the set is\nempty."),
    m(c"remove", set_remove_meth as *const c_void, METH_O).with_doc(c"remove($self, object, /)\n--\n\nRemove object from the set; KeyError if it is not there."),
    m(c"__sizeof__", set_sizeof as *const c_void, METH_NOARGS).with_doc(c"__sizeof__($self, /)\n--\n\nThe memory used by self, in bytes."),
    m(
        c"symmetric_difference",
        set_symmetric_difference_meth as *const c_void,
        METH_O,
    ).with_doc(c"symmetric_difference($self, other, /)\n--\n\nA new set of the elements in exactly one of self and other."),
    m(
        c"symmetric_difference_update",
        set_symmetric_difference_update_meth as *const c_void,
        METH_O,
    ).with_doc(c"symmetric_difference_update($self, other, /)\n--\n\nMake the set the elements in exactly one of it and other."),
    m(c"union", set_union_meth as *const c_void, METH_FASTCALL).with_doc(c"union($self, /, *others)\n--\n\nA new set of the elements of self and of all the others."),
    m(c"update", set_update_meth as *const c_void, METH_FASTCALL).with_doc(c"update($self, /, *others)\n--\n\nAdd the elements of all the others to the set."),
    m(c"__reduce__", set_reduce as *const c_void, METH_NOARGS).with_doc(c"__reduce__($self, /)\n--\n\nThe state of self for pickling."),
    crate::object::genericalias::CLASS_GETITEM,
    descr::METHOD_END,
];

static FROZENSET_METHODS: [PyMethodDef; 13] = [
    m(
        c"__contains__",
        set_contains_meth as *const c_void,
        METH_O | METH_COEXIST,
    ).with_doc(c"__contains__($self, object, /)\n--\n\nTrue if self contains the key (or element): key in self."),
    m(c"copy", frozenset_copy_meth as *const c_void, METH_NOARGS).with_doc(c"copy($self, /)\n--\n\nA shallow copy of the set."),
    m(
        c"difference",
        set_difference_meth as *const c_void,
        METH_FASTCALL,
    ).with_doc(c"difference($self, /, *others)\n--\n\nA new set of the elements of self that are in none of the others."),
    m(
        c"intersection",
        set_intersection_meth as *const c_void,
        METH_FASTCALL,
    ).with_doc(c"intersection($self, /, *others)\n--\n\nA new set of the elements of self that are in all of the others."),
    m(c"isdisjoint", set_isdisjoint_meth as *const c_void, METH_O).with_doc(c"isdisjoint($self, other, /)\n--\n\nTrue if self and other have no element in common."),
    m(c"issubset", set_issubset_meth as *const c_void, METH_O).with_doc(c"issubset($self, other, /)\n--\n\nTrue if every element of self is in other."),
    m(c"issuperset", set_issuperset_meth as *const c_void, METH_O).with_doc(c"issuperset($self, other, /)\n--\n\nTrue if every element of other is in self."),
    m(c"__sizeof__", set_sizeof as *const c_void, METH_NOARGS).with_doc(c"__sizeof__($self, /)\n--\n\nThe memory used by self, in bytes."),
    m(
        c"symmetric_difference",
        set_symmetric_difference_meth as *const c_void,
        METH_O,
    ).with_doc(c"symmetric_difference($self, other, /)\n--\n\nA new set of the elements in exactly one of self and other."),
    m(c"union", set_union_meth as *const c_void, METH_FASTCALL).with_doc(c"union($self, /, *others)\n--\n\nA new set of the elements of self and of all the others."),
    m(c"__reduce__", set_reduce as *const c_void, METH_NOARGS).with_doc(c"__reduce__($self, /)\n--\n\nThe state of self for pickling."),
    crate::object::genericalias::CLASS_GETITEM,
    descr::METHOD_END,
];

static SETITER_METHODS: [PyMethodDef; 3] = [
    m(
        c"__length_hint__",
        setiter_len as *const c_void,
        METH_NOARGS,
    ),
    m(c"__reduce__", setiter_reduce as *const c_void, METH_NOARGS),
    descr::METHOD_END,
];

/// Every type of this file, for `static_types()`.
pub fn all_types() -> [*mut PyTypeObject; 3] {
    [
        &raw mut PySet_Type,
        &raw mut PyFrozenSet_Type,
        &raw mut PySetIter_Type,
    ]
}

// ---- type checks -----------------------------------------------------------

/// `PyAnySet_Check`: a set, frozenset or subclass instance.
#[inline]
pub unsafe fn check_any(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe {
        let tp = (*op).ob_type;
        tp == &raw mut PySet_Type
            || tp == &raw mut PyFrozenSet_Type
            || typeobj::is_subtype(tp, &raw mut PySet_Type)
            || typeobj::is_subtype(tp, &raw mut PyFrozenSet_Type)
    }
}

/// `PySet_Check`: a set or set subclass instance.
#[inline]
pub unsafe fn check_set(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { typeobj::is_subtype((*op).ob_type, &raw mut PySet_Type) }
}

/// `PySet_CheckExact`.
#[inline]
pub unsafe fn check_exact(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*op).ob_type == &raw mut PySet_Type }
}

/// `PyAnySet_CheckExact`.
#[inline]
pub unsafe fn check_any_exact(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*op).ob_type == &raw mut PySet_Type || (*op).ob_type == &raw mut PyFrozenSet_Type }
}

#[inline(always)]
unsafe fn so(op: *mut PyObject) -> *mut PySetObject {
    op.cast()
}

/// Number of elements (`PySet_GET_SIZE`).
#[inline(always)]
pub unsafe fn len(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: op is a set or frozenset.
    unsafe { (*so(op)).used }
}

#[inline(always)]
unsafe fn smalltable(s: *mut PySetObject) -> *mut setentry {
    // SAFETY: s is a set.
    unsafe { (&raw mut (*s).smalltable).cast() }
}

// ---- the table ---------------------------------------------------------------

/// Where a search ended.
enum Slot {
    /// The slot of an equal key.
    Active(*mut setentry),
    /// A never-used slot, and the last dummy seen on the way (or NULL).
    Unused(*mut setentry, *mut setentry),
}

/// The probe sequence of `set_add_entry`/`set_lookkey` for the cases that
/// run no Python code: identical keys, exact strs, exact ints. `None` when an
/// equal-hash key needs `__eq__` (the caller then takes the general path).
#[inline(always)]
unsafe fn probe_fast(s: *mut PySetObject, key: *mut PyObject, hash: Py_hash_t) -> Option<Slot> {
    // SAFETY: s is a set; its table has mask + 1 slots and a free one.
    unsafe {
        let mask = (*s).mask as usize;
        let table = (*s).table;
        let mut i = hash as usize & mask;
        let mut freeslot: *mut setentry = null_mut();
        let mut perturb = hash as usize;
        loop {
            let mut entry = table.add(i);
            let mut probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            loop {
                let e = *entry;
                if e.key.is_null() {
                    return Some(Slot::Unused(entry, freeslot));
                }
                if e.hash == hash {
                    if e.key == key {
                        return Some(Slot::Active(entry));
                    }
                    if fast_eq(e.key, key)? {
                        return Some(Slot::Active(entry));
                    }
                } else if e.hash == -1 {
                    freeslot = entry;
                }
                if probes == 0 {
                    break;
                }
                probes -= 1;
                entry = entry.add(1);
            }
            perturb >>= PERTURB_SHIFT;
            i = (i * 5 + 1 + perturb) & mask;
        }
    }
}

/// `set_add_entry`'s search when `__eq__` may run: comparisons may run
/// Python code, so the table is re-read and the search restarted when it
/// changed.
unsafe fn add_search_slow(
    op: *mut PyObject,
    key: *mut PyObject,
    hash: Py_hash_t,
) -> PyResult<Slot> {
    // SAFETY: op is a set.
    unsafe {
        let s = so(op);
        Ok('restart: loop {
            let mut mask = (*s).mask as usize;
            let mut i = hash as usize & mask;
            let mut freeslot: *mut setentry = null_mut();
            let mut perturb = hash as usize;
            loop {
                let mut entry = (*s).table.add(i);
                let mut probes = if i + LINEAR_PROBES <= mask {
                    LINEAR_PROBES
                } else {
                    0
                };
                loop {
                    let e = *entry;
                    if e.hash == 0 && e.key.is_null() {
                        break 'restart Slot::Unused(entry, freeslot);
                    }
                    if e.hash == hash {
                        let start = e.key;
                        if start == key {
                            break 'restart Slot::Active(entry);
                        }
                        if let Some(eq) = fast_eq(start, key) {
                            if eq {
                                break 'restart Slot::Active(entry);
                            }
                        } else {
                            let table = (*s).table;
                            let held = Owned::from_borrowed(start);
                            let eq = protocol::rich_compare_bool(held.as_ptr(), key, Py_EQ)?;
                            if eq {
                                break 'restart Slot::Active(entry);
                            }
                            if table != (*s).table || (*entry).key != start {
                                continue 'restart;
                            }
                            mask = (*s).mask as usize;
                        }
                    } else if e.hash == -1 {
                        // CPython keeps the last dummy seen, not the first.
                        freeslot = entry;
                    }
                    if probes == 0 {
                        break;
                    }
                    probes -= 1;
                    entry = entry.add(1);
                }
                perturb >>= PERTURB_SHIFT;
                i = (i * 5 + 1 + perturb) & mask;
            }
        })
    }
}

/// `set_add_entry`: adds `key` (a new reference is taken).
#[inline]
unsafe fn add_entry(op: *mut PyObject, key: *mut PyObject, hash: Py_hash_t) -> PyResult<()> {
    // SAFETY: op is a set.
    unsafe {
        let s = so(op);
        let found = match probe_fast(s, key, hash) {
            Some(slot) => slot,
            None => add_search_slow(op, key, hash)?,
        };
        match found {
            Slot::Active(_) => Ok(()),
            Slot::Unused(entry, freeslot) => {
                if !freeslot.is_null() {
                    (*s).used += 1;
                    *freeslot = setentry {
                        key: new_ref(key),
                        hash,
                    };
                    return Ok(());
                }
                (*s).fill += 1;
                (*s).used += 1;
                *entry = setentry {
                    key: new_ref(key),
                    hash,
                };
                if ((*s).fill as usize) * 5 < ((*s).mask as usize) * 3 {
                    return Ok(());
                }
                let used = (*s).used;
                table_resize(op, if used > 50000 { used * 2 } else { used * 4 })
            }
        }
    }
}

/// `set_insert_clean`: places a key known to be absent in a table without
/// dummies (no refcounting).
unsafe fn insert_clean(table: *mut setentry, mask: usize, key: *mut PyObject, hash: Py_hash_t) {
    // SAFETY: the table has mask + 1 slots and at least one free.
    unsafe {
        let mut perturb = hash as usize;
        let mut i = hash as usize & mask;
        loop {
            let mut entry = table.add(i);
            if (*entry).key.is_null() {
                *entry = setentry { key, hash };
                return;
            }
            if i + LINEAR_PROBES <= mask {
                for _ in 0..LINEAR_PROBES {
                    entry = entry.add(1);
                    if (*entry).key.is_null() {
                        *entry = setentry { key, hash };
                        return;
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i * 5 + 1 + perturb) & mask;
        }
    }
}

/// `set_table_resize`: a table of the smallest size above `minused`.
unsafe fn table_resize(op: *mut PyObject, minused: Py_ssize_t) -> PyResult<()> {
    // SAFETY: op is a set; live keys move without refcounting.
    unsafe {
        let s = so(op);
        let mut newsize = PySet_MINSIZE;
        while newsize <= minused as usize {
            newsize <<= 1;
        }
        let mut oldtable = (*s).table;
        let oldmask = (*s).mask as usize;
        let old_malloced = oldtable != smalltable(s);
        let mut small_copy = [setentry {
            key: null_mut(),
            hash: 0,
        }; PySet_MINSIZE];
        let newtable = if newsize == PySet_MINSIZE {
            let t = smalltable(s);
            if t == oldtable {
                if (*s).fill == (*s).used {
                    return Ok(());
                }
                small_copy.copy_from_slice(&(*s).smalltable);
                oldtable = small_copy.as_mut_ptr();
            }
            t
        } else {
            let t = libc::malloc(newsize * std::mem::size_of::<setentry>()).cast::<setentry>();
            if t.is_null() {
                return Err(errors::no_memory());
            }
            t
        };
        std::ptr::write_bytes(newtable, 0, newsize);
        (*s).mask = newsize as Py_ssize_t - 1;
        (*s).table = newtable;
        let newmask = newsize - 1;
        let no_dummies = (*s).fill == (*s).used;
        if !no_dummies {
            (*s).fill = (*s).used;
        }
        for j in 0..=oldmask {
            let e = *oldtable.add(j);
            if !e.key.is_null() && (no_dummies || e.key != dummy()) {
                insert_clean(newtable, newmask, e.key, e.hash);
            }
        }
        if old_malloced {
            libc::free(oldtable.cast());
        }
        Ok(())
    }
}

/// `set_lookkey`: the slot holding `key`, or the never-used slot ending the
/// search (key NULL).
#[inline(always)]
unsafe fn lookkey(
    op: *mut PyObject,
    key: *mut PyObject,
    hash: Py_hash_t,
) -> PyResult<*mut setentry> {
    // SAFETY: op is a set.
    unsafe {
        match probe_fast(so(op), key, hash) {
            Some(Slot::Active(e)) | Some(Slot::Unused(e, _)) => Ok(e),
            None => lookkey_slow(op, key, hash),
        }
    }
}

/// `set_lookkey` when `__eq__` may run Python code.
unsafe fn lookkey_slow(
    op: *mut PyObject,
    key: *mut PyObject,
    hash: Py_hash_t,
) -> PyResult<*mut setentry> {
    // SAFETY: op is a set; see add_entry.
    unsafe {
        let s = so(op);
        'restart: loop {
            let mut mask = (*s).mask as usize;
            let mut i = hash as usize & mask;
            let mut perturb = hash as usize;
            loop {
                let mut entry = (*s).table.add(i);
                let mut probes = if i + LINEAR_PROBES <= mask {
                    LINEAR_PROBES
                } else {
                    0
                };
                loop {
                    let e = *entry;
                    if e.hash == 0 && e.key.is_null() {
                        return Ok(entry);
                    }
                    if e.hash == hash {
                        let start = e.key;
                        if start == key {
                            return Ok(entry);
                        }
                        if let Some(eq) = fast_eq(start, key) {
                            if eq {
                                return Ok(entry);
                            }
                        } else {
                            let table = (*s).table;
                            let held = Owned::from_borrowed(start);
                            let eq = protocol::rich_compare_bool(held.as_ptr(), key, Py_EQ)?;
                            if table != (*s).table || (*entry).key != start {
                                continue 'restart;
                            }
                            if eq {
                                return Ok(entry);
                            }
                            mask = (*s).mask as usize;
                        }
                    }
                    if probes == 0 {
                        break;
                    }
                    probes -= 1;
                    entry = entry.add(1);
                }
                perturb >>= PERTURB_SHIFT;
                i = (i * 5 + 1 + perturb) & mask;
            }
        }
    }
}

#[inline]
unsafe fn contains_entry(op: *mut PyObject, key: *mut PyObject, hash: Py_hash_t) -> PyResult<bool> {
    // SAFETY: op is a set.
    unsafe { Ok(!(*lookkey(op, key, hash)?).key.is_null()) }
}

/// `set_discard_entry`: whether the key was there.
#[inline]
unsafe fn discard_entry(op: *mut PyObject, key: *mut PyObject, hash: Py_hash_t) -> PyResult<bool> {
    // SAFETY: op is a set.
    unsafe {
        let entry = lookkey(op, key, hash)?;
        let old = (*entry).key;
        if old.is_null() {
            return Ok(false);
        }
        *entry = setentry {
            key: dummy(),
            hash: -1,
        };
        (*so(op)).used -= 1;
        decref(old);
        Ok(true)
    }
}

/// `set_next`: the next active entry at or after `*pos`.
#[inline]
pub unsafe fn next_entry(op: *mut PyObject, pos: &mut usize) -> Option<setentry> {
    // SAFETY: op is a set.
    unsafe {
        let s = so(op);
        let mask = (*s).mask as usize;
        while *pos <= mask {
            let e = *(*s).table.add(*pos);
            *pos += 1;
            if !e.key.is_null() && e.key != dummy() {
                return Some(e);
            }
        }
        None
    }
}

/// `set_clear_internal`: empties the set, then drops the old keys.
unsafe fn clear_internal(op: *mut PyObject) {
    // SAFETY: op is a set; the set is made empty before any key is released.
    unsafe {
        let s = so(op);
        let table = (*s).table;
        let malloced = table != smalltable(s);
        let mut used = (*s).used;
        let mut small_copy = [setentry {
            key: null_mut(),
            hash: 0,
        }; PySet_MINSIZE];
        let old = if malloced {
            table
        } else if (*s).fill > 0 {
            small_copy.copy_from_slice(&(*s).smalltable);
            small_copy.as_mut_ptr()
        } else {
            return;
        };
        std::ptr::write_bytes(smalltable(s), 0, PySet_MINSIZE);
        (*s).used = 0;
        (*s).fill = 0;
        (*s).table = smalltable(s);
        (*s).mask = PySet_MINSIZE as Py_ssize_t - 1;
        (*s).hash = -1;
        let mut e = old;
        while used > 0 {
            let k = (*e).key;
            if !k.is_null() && k != dummy() {
                used -= 1;
                decref(k);
            }
            e = e.add(1);
        }
        if malloced {
            libc::free(table.cast());
        }
    }
}

/// `set_merge`: adds every element of set `other`.
unsafe fn merge(op: *mut PyObject, other: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a set, other a set or frozenset.
    unsafe {
        let (s, o) = (so(op), so(other));
        if op == other || (*o).used == 0 {
            return Ok(());
        }
        if (((*s).fill + (*o).used) * 5) as usize >= ((*s).mask as usize) * 3 {
            table_resize(op, ((*s).used + (*o).used) * 2)?;
        }
        if (*s).fill == 0 && (*s).mask == (*o).mask && (*o).fill == (*o).used {
            for i in 0..=(*o).mask as usize {
                let e = *(*o).table.add(i);
                if !e.key.is_null() {
                    *(*s).table.add(i) = setentry {
                        key: new_ref(e.key),
                        hash: e.hash,
                    };
                }
            }
            (*s).fill = (*o).fill;
            (*s).used = (*o).used;
            return Ok(());
        }
        if (*s).fill == 0 {
            let newmask = (*s).mask as usize;
            (*s).fill = (*o).used;
            (*s).used = (*o).used;
            for i in 0..=(*o).mask as usize {
                let e = *(*o).table.add(i);
                if !e.key.is_null() && e.key != dummy() {
                    insert_clean((*s).table, newmask, new_ref(e.key), e.hash);
                }
            }
            return Ok(());
        }
        let mut i = 0usize;
        while i <= (*o).mask as usize {
            let e = *(*o).table.add(i);
            i += 1;
            if !e.key.is_null() && e.key != dummy() {
                let k = Owned::from_borrowed(e.key);
                add_entry(op, k.as_ptr(), e.hash)?;
            }
        }
        Ok(())
    }
}

// ---- the Rust API ------------------------------------------------------------

/// Adds `key` to set `op` (`PySet_Add`).
#[inline]
pub unsafe fn add(op: *mut PyObject, key: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a set.
    unsafe {
        let h = protocol::hash(key)?;
        add_entry(op, key, h)
    }
}

/// The hash of a lookup key; an unhashable set is looked up as a frozenset
/// with the same elements (CPython's `set_contains`/`discard`/`remove`).
unsafe fn with_key<T>(
    key: *mut PyObject,
    f: impl Fn(*mut PyObject, Py_hash_t) -> PyResult<T>,
) -> PyResult<T> {
    // SAFETY: key valid.
    unsafe {
        match protocol::hash(key) {
            Ok(h) => f(key, h),
            Err(r) => {
                if !check_set(key) || !errors::matches(crate::object::exceptions::PyExc_TypeError) {
                    return Err(r);
                }
                errors::clear();
                let tmp = make_new_set(&raw mut PyFrozenSet_Type, key)?;
                let h = protocol::hash(tmp.as_ptr())?;
                f(tmp.as_ptr(), h)
            }
        }
    }
}

/// `key in op` (`set_contains`).
pub unsafe fn contains(op: *mut PyObject, key: *mut PyObject) -> PyResult<bool> {
    // SAFETY: op is a set.
    unsafe { with_key(key, |k, h| contains_entry(op, k, h)) }
}

/// `contains` without the frozenset retry (`PySet_Contains` semantics of
/// `set_contains_key`).
#[inline]
pub unsafe fn contains_key(op: *mut PyObject, key: *mut PyObject) -> PyResult<bool> {
    // SAFETY: op is a set.
    unsafe {
        let h = protocol::hash(key)?;
        contains_entry(op, key, h)
    }
}

/// Removes `key` if present (`set.discard`): whether it was there.
pub unsafe fn discard(op: *mut PyObject, key: *mut PyObject) -> PyResult<bool> {
    // SAFETY: op is a set.
    unsafe { with_key(key, |k, h| discard_entry(op, k, h)) }
}

/// `PySet_Discard`: no frozenset retry.
#[inline]
pub unsafe fn discard_key(op: *mut PyObject, key: *mut PyObject) -> PyResult<bool> {
    // SAFETY: op is a set.
    unsafe {
        let h = protocol::hash(key)?;
        discard_entry(op, key, h)
    }
}

/// `PySet_Clear`.
pub unsafe fn clear(op: *mut PyObject) {
    // SAFETY: op is a set.
    unsafe { clear_internal(op) }
}

/// `set.pop()`.
pub unsafe fn pop(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is a set.
    unsafe {
        let s = so(op);
        if (*s).used == 0 {
            return Err(errors::set_string(
                crate::object::exceptions::PyExc_KeyError,
                "pop from an empty set",
            ));
        }
        let mask = (*s).mask as usize;
        let mut i = (*s).finger as usize & mask;
        loop {
            let k = (*(*s).table.add(i)).key;
            if !k.is_null() && k != dummy() {
                break;
            }
            i = if i == mask { 0 } else { i + 1 };
        }
        let entry = (*s).table.add(i);
        let key = (*entry).key;
        *entry = setentry {
            key: dummy(),
            hash: -1,
        };
        (*s).used -= 1;
        (*s).finger = i as Py_ssize_t + 1;
        Ok(Owned::from_raw_unchecked(key))
    }
}

/// `set_update_internal`: adds every element of an iterable.
pub unsafe fn update(op: *mut PyObject, other: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a set, other valid.
    unsafe {
        if check_any(other) {
            return merge(op, other);
        }
        if dict::check_exact(other) {
            let s = so(op);
            let n = dict::len(other);
            if (((*s).fill + n) * 5) as usize >= ((*s).mask as usize) * 3 {
                table_resize(op, ((*s).used + n) * 2)?;
            }
            let mut pos = 0;
            while let Some(e) = dict::next_entry(other, &mut pos) {
                let k = Owned::from_borrowed(e.key);
                add_entry(op, k.as_ptr(), e.hash)?;
            }
            return Ok(());
        }
        let it = protocol::get_iter(other)?;
        while let Some(k) = protocol::iter_next(it.as_ptr())? {
            add(op, k.as_ptr())?;
        }
        Ok(())
    }
}

/// Allocates an empty set of type `tp`.
unsafe fn alloc_set(tp: *mut PyTypeObject) -> PyResult<Owned> {
    // SAFETY: tp is set, frozenset or a subclass; memory comes zeroed.
    unsafe {
        let op = if tp == &raw mut PySet_Type || tp == &raw mut PyFrozenSet_Type {
            crate::object::alloc::generic_alloc(tp, 0)
        } else {
            let alloc = (*tp)
                .tp_alloc
                .unwrap_or(crate::capi::allocation::PyType_GenericAlloc);
            alloc(tp, 0)
        };
        if op.is_null() {
            return Err(Raised::assume());
        }
        let s = so(op);
        (*s).table = smalltable(s);
        (*s).mask = PySet_MINSIZE as Py_ssize_t - 1;
        (*s).hash = -1;
        crate::object::gc::track(op);
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// `make_new_set`: a new set of type `tp` with the elements of `iterable`
/// (NULL for none).
pub unsafe fn make_new_set(tp: *mut PyTypeObject, iterable: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: tp is a set type; iterable NULL or valid.
    unsafe {
        let r = alloc_set(tp)?;
        if !iterable.is_null() {
            update(r.as_ptr(), iterable)?;
        }
        Ok(r)
    }
}

/// `make_new_set_basetype`: results of set operations are plain sets or
/// frozensets, whatever the subclass.
unsafe fn make_new_set_basetype(tp: *mut PyTypeObject, iterable: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: tp is a set type.
    unsafe {
        let base = if tp == &raw mut PySet_Type || tp == &raw mut PyFrozenSet_Type {
            tp
        } else if typeobj::is_subtype(tp, &raw mut PySet_Type) {
            &raw mut PySet_Type
        } else {
            &raw mut PyFrozenSet_Type
        };
        make_new_set(base, iterable)
    }
}

/// `PySet_New`.
pub unsafe fn new_set(iterable: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: iterable NULL or valid.
    unsafe { make_new_set(&raw mut PySet_Type, iterable) }
}

/// `PyFrozenSet_New`.
pub unsafe fn new_frozenset(iterable: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: iterable NULL or valid.
    unsafe { make_new_set(&raw mut PyFrozenSet_Type, iterable) }
}

/// `set_copy`: a new set or frozenset with the same elements.
pub unsafe fn copy(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is a set.
    unsafe { make_new_set_basetype((*op).ob_type, op) }
}

/// `set_swap_bodies`: exchanges the tables of two sets.
unsafe fn swap_bodies(a: *mut PyObject, b: *mut PyObject) {
    // SAFETY: a and b are sets; tables pointing into their own smalltable
    // are redirected to the other's after the smalltables are exchanged.
    unsafe {
        let (x, y) = (so(a), so(b));
        std::mem::swap(&mut (*x).fill, &mut (*y).fill);
        std::mem::swap(&mut (*x).used, &mut (*y).used);
        std::mem::swap(&mut (*x).mask, &mut (*y).mask);
        let x_small = (*x).table == smalltable(x);
        let y_small = (*y).table == smalltable(y);
        let xt = (*x).table;
        (*x).table = if y_small { smalltable(x) } else { (*y).table };
        (*y).table = if x_small { smalltable(y) } else { xt };
        if x_small || y_small {
            std::mem::swap(&mut (*x).smalltable, &mut (*y).smalltable);
        }
        let frozen = &raw mut PyFrozenSet_Type;
        if typeobj::is_subtype((*a).ob_type, frozen) && typeobj::is_subtype((*b).ob_type, frozen) {
            std::mem::swap(&mut (*x).hash, &mut (*y).hash);
        } else {
            (*x).hash = -1;
            (*y).hash = -1;
        }
    }
}

/// `set_intersection`.
pub unsafe fn intersection(op: *mut PyObject, other: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is a set, other valid.
    unsafe {
        if op == other {
            return copy(op);
        }
        let result = make_new_set_basetype((*op).ob_type, null_mut())?;
        if check_any(other) {
            let (mut a, mut b) = (op, other);
            if len(b) > len(a) {
                std::mem::swap(&mut a, &mut b);
            }
            let mut pos = 0;
            while let Some(e) = next_entry(b, &mut pos) {
                let k = Owned::from_borrowed(e.key);
                if contains_entry(a, k.as_ptr(), e.hash)? {
                    add_entry(result.as_ptr(), k.as_ptr(), e.hash)?;
                }
            }
            return Ok(result);
        }
        let it = protocol::get_iter(other)?;
        while let Some(k) = protocol::iter_next(it.as_ptr())? {
            let h = protocol::hash(k.as_ptr())?;
            if contains_entry(op, k.as_ptr(), h)? {
                add_entry(result.as_ptr(), k.as_ptr(), h)?;
            }
        }
        Ok(result)
    }
}

/// `set_difference_update_internal`.
pub unsafe fn difference_update(op: *mut PyObject, other: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a set, other valid.
    unsafe {
        if op == other {
            clear_internal(op);
            return Ok(());
        }
        if check_any(other) {
            let mut pos = 0;
            while let Some(e) = next_entry(other, &mut pos) {
                let k = Owned::from_borrowed(e.key);
                discard_entry(op, k.as_ptr(), e.hash)?;
            }
        } else {
            let it = protocol::get_iter(other)?;
            while let Some(k) = protocol::iter_next(it.as_ptr())? {
                discard_key(op, k.as_ptr())?;
            }
        }
        let s = so(op);
        if ((*s).fill - (*s).used) as usize <= (*s).mask as usize / 4 {
            return Ok(());
        }
        let used = (*s).used;
        table_resize(op, if used > 50000 { used * 2 } else { used * 4 })
    }
}

/// `set_difference`.
pub unsafe fn difference(op: *mut PyObject, other: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is a set, other valid.
    unsafe {
        let other_size = if check_any(other) {
            len(other)
        } else if dict::check_exact(other) {
            dict::len(other)
        } else {
            let r = copy(op)?;
            difference_update(r.as_ptr(), other)?;
            return Ok(r);
        };
        if (len(op) >> 2) > other_size {
            let r = copy(op)?;
            difference_update(r.as_ptr(), other)?;
            return Ok(r);
        }
        let result = make_new_set_basetype((*op).ob_type, null_mut())?;
        let is_dict = dict::check_exact(other);
        let mut pos = 0;
        while let Some(e) = next_entry(op, &mut pos) {
            let k = Owned::from_borrowed(e.key);
            let present = if is_dict {
                !dict::get_item_hashed(other, k.as_ptr(), e.hash)?.is_null()
            } else {
                contains_entry(other, k.as_ptr(), e.hash)?
            };
            if !present {
                add_entry(result.as_ptr(), k.as_ptr(), e.hash)?;
            }
        }
        Ok(result)
    }
}

/// `set_symmetric_difference_update`.
pub unsafe fn symmetric_difference_update(op: *mut PyObject, other: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a set, other valid.
    unsafe {
        if op == other {
            clear_internal(op);
            return Ok(());
        }
        if dict::check_exact(other) {
            let mut pos = 0;
            while let Some(e) = dict::next_entry(other, &mut pos) {
                let k = Owned::from_borrowed(e.key);
                if !discard_entry(op, k.as_ptr(), e.hash)? {
                    add_entry(op, k.as_ptr(), e.hash)?;
                }
            }
            return Ok(());
        }
        let otherset = if check_any(other) {
            Owned::from_borrowed(other)
        } else {
            make_new_set_basetype((*op).ob_type, other)?
        };
        let mut pos = 0;
        while let Some(e) = next_entry(otherset.as_ptr(), &mut pos) {
            let k = Owned::from_borrowed(e.key);
            if !discard_entry(op, k.as_ptr(), e.hash)? {
                add_entry(op, k.as_ptr(), e.hash)?;
            }
        }
        Ok(())
    }
}

/// `set_symmetric_difference`.
pub unsafe fn symmetric_difference(op: *mut PyObject, other: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is a set, other valid.
    unsafe {
        let r = make_new_set_basetype((*op).ob_type, other)?;
        symmetric_difference_update(r.as_ptr(), op)?;
        Ok(r)
    }
}

/// `set_issubset`.
pub unsafe fn issubset(op: *mut PyObject, other: *mut PyObject) -> PyResult<bool> {
    // SAFETY: op is a set, other valid.
    unsafe {
        if !check_any(other) {
            let tmp = new_set(other)?;
            return issubset(op, tmp.as_ptr());
        }
        if len(op) > len(other) {
            return Ok(false);
        }
        let mut pos = 0;
        while let Some(e) = next_entry(op, &mut pos) {
            let k = Owned::from_borrowed(e.key);
            if !contains_entry(other, k.as_ptr(), e.hash)? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// `set_issuperset`.
pub unsafe fn issuperset(op: *mut PyObject, other: *mut PyObject) -> PyResult<bool> {
    // SAFETY: op is a set, other valid.
    unsafe {
        if check_any(other) {
            return issubset(other, op);
        }
        let it = protocol::get_iter(other)?;
        while let Some(k) = protocol::iter_next(it.as_ptr())? {
            if !contains_key(op, k.as_ptr())? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// `set_isdisjoint`.
pub unsafe fn isdisjoint(op: *mut PyObject, other: *mut PyObject) -> PyResult<bool> {
    // SAFETY: op is a set, other valid.
    unsafe {
        if op == other {
            return Ok(len(op) == 0);
        }
        if check_any_exact(other) {
            let (mut a, mut b) = (op, other);
            if len(b) > len(a) {
                std::mem::swap(&mut a, &mut b);
            }
            let mut pos = 0;
            while let Some(e) = next_entry(b, &mut pos) {
                let k = Owned::from_borrowed(e.key);
                if contains_entry(a, k.as_ptr(), e.hash)? {
                    return Ok(false);
                }
            }
            return Ok(true);
        }
        let it = protocol::get_iter(other)?;
        while let Some(k) = protocol::iter_next(it.as_ptr())? {
            if contains_key(op, k.as_ptr())? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// `_shuffle_bits` of the frozenset hash.
#[inline]
fn shuffle_bits(h: usize) -> usize {
    ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
}

/// `frozenset_hash`: order-independent, CPython's exact algorithm.
unsafe fn compute_hash(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: op is a set.
    unsafe {
        let s = so(op);
        let mut hash: usize = 0;
        for i in 0..=(*s).mask as usize {
            hash ^= shuffle_bits((*(*s).table.add(i)).hash as usize);
        }
        if ((*s).mask as usize + 1 - (*s).fill as usize) & 1 != 0 {
            hash ^= shuffle_bits(0);
        }
        if ((*s).fill - (*s).used) & 1 != 0 {
            hash ^= shuffle_bits(usize::MAX);
        }
        hash ^= ((*s).used as usize + 1).wrapping_mul(1927868237);
        hash ^= (hash >> 11) ^ (hash >> 25);
        hash = hash.wrapping_mul(69069).wrapping_add(907133923);
        if hash == usize::MAX {
            hash = 590923713;
        }
        hash as Py_hash_t
    }
}

// ---- slots ---------------------------------------------------------------------

unsafe extern "C" fn frozenset_hash(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: op is a frozenset.
    unsafe {
        let s = so(op);
        if (*s).hash == -1 {
            (*s).hash = compute_hash(op);
        }
        (*s).hash
    }
}

/// Rejects keyword arguments: `NAME() takes no keyword arguments`.
unsafe fn no_keywords(name: &str, kw: *mut PyObject) -> PyResult<()> {
    // SAFETY: kw NULL or a dict.
    unsafe {
        if !kw.is_null() && dict::len(kw) != 0 {
            return Err(errors::type_error(format!(
                "{name}() takes no keyword arguments"
            )));
        }
        Ok(())
    }
}

/// The single optional positional argument of `set()`/`frozenset()`.
unsafe fn one_optional_arg(tp: *mut PyTypeObject, args: *mut PyObject) -> PyResult<*mut PyObject> {
    // SAFETY: args is a tuple.
    unsafe {
        let a = tuple::items(args);
        if a.len() > 1 {
            return Err(errors::type_error(format!(
                "{} expected at most 1 argument, got {}",
                typeobj::name_of(tp),
                a.len()
            )));
        }
        Ok(a.first().copied().unwrap_or(null_mut()))
    }
}

unsafe extern "C" fn set_new(
    tp: *mut PyTypeObject,
    _args: *mut PyObject,
    kw: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: tp is set or a subclass.
        unsafe {
            let init = (*tp).tp_init.map(|f| f as *const () as usize);
            if tp == &raw mut PySet_Type || init == Some(set_init as *const () as usize) {
                no_keywords("set", kw)?;
            }
            alloc_set(tp)
        }
    })
}

unsafe extern "C" fn set_init(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> c_int {
    guard_status(|| {
        // SAFETY: op is a set.
        unsafe {
            no_keywords("set", kw)?;
            let iterable = one_optional_arg((*op).ob_type, args)?;
            if (*so(op)).fill != 0 {
                clear_internal(op);
            }
            (*so(op)).hash = -1;
            if iterable.is_null() {
                return Ok(());
            }
            update(op, iterable)
        }
    })
}

unsafe extern "C" fn frozenset_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kw: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: tp is frozenset or a subclass.
        unsafe {
            let exact = tp == &raw mut PyFrozenSet_Type;
            let init = |t: *mut PyTypeObject| (*t).tp_init.map(|f| f as *const () as usize);
            if exact || init(tp) == init(&raw mut PyFrozenSet_Type) {
                no_keywords("frozenset", kw)?;
            }
            let iterable = one_optional_arg(tp, args)?;
            if exact && !iterable.is_null() && (*iterable).ob_type == tp {
                return Ok(Owned::from_borrowed(iterable));
            }
            make_new_set(tp, iterable)
        }
    })
}

unsafe extern "C" fn set_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        if !crate::object::trashcan::enter(op, set_dealloc) {
            return;
        }
        crate::object::gc::untrack(op);
        let s = so(op);
        if !(*s).weakreflist.is_null() {
            crate::object::weakref::clear_weakrefs(op);
        }
        let mut used = (*s).used;
        let mut e = (*s).table;
        while used > 0 {
            let k = (*e).key;
            if !k.is_null() && k != dummy() {
                used -= 1;
                decref(k);
            }
            e = e.add(1);
        }
        if (*s).table != smalltable(s) {
            libc::free((*s).table.cast());
        }
        let tp = (*op).ob_type;
        if let Some(free) = (*tp).tp_free {
            free(op.cast());
        }
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(tp.cast());
        }
        crate::object::trashcan::leave();
    }
}

unsafe extern "C" fn set_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    // SAFETY: op is a set.
    unsafe {
        let Some(visit) = visit else { return 0 };
        let mut pos = 0;
        while let Some(e) = next_entry(op, &mut pos) {
            let r = visit(e.key, arg);
            if r != 0 {
                return r;
            }
        }
        0
    }
}

unsafe extern "C" fn set_tp_clear(op: *mut PyObject) -> c_int {
    // SAFETY: op is a set.
    unsafe { clear_internal(op) };
    0
}

unsafe extern "C" fn set_len(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: op is a set.
    unsafe { len(op) }
}

unsafe extern "C" fn set_contains_slot(op: *mut PyObject, key: *mut PyObject) -> c_int {
    // SAFETY: op is a set.
    guard_int(|| unsafe { contains(op, key).map(c_int::from) })
}

unsafe extern "C" fn set_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a set; elements are held while their repr runs.
        unsafe {
            let name = type_name(op);
            if len(op) == 0 {
                return pystr::from_str(&format!("{name}()"));
            }
            let Some(_g) = protocol::ReprGuard::enter(op)? else {
                return pystr::from_str(&format!("{name}(...)"));
            };
            let mut keys = Vec::with_capacity(len(op) as usize);
            let mut pos = 0;
            while let Some(e) = next_entry(op, &mut pos) {
                keys.push(Owned::from_borrowed(e.key));
            }
            let exact = check_exact(op);
            let mut out = String::new();
            if !exact {
                out.push_str(name);
                out.push('(');
            }
            out.push('{');
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(pystr::as_str(protocol::repr(k.as_ptr())?.as_ptr())?);
            }
            out.push('}');
            if !exact {
                out.push(')');
            }
            pystr::from_str(&out)
        }
    })
}

fn py_bool(b: bool) -> Owned {
    Owned::from_borrowed_static(crate::object::bool::from_bool(b))
}

fn not_implemented() -> Owned {
    Owned::from_borrowed_static(crate::object::none::not_implemented())
}

unsafe extern "C" fn set_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is a set.
        unsafe {
            if !check_any(b) {
                return Ok(not_implemented());
            }
            let r = match op {
                Py_EQ | Py_NE => {
                    let (ha, hb) = ((*so(a)).hash, (*so(b)).hash);
                    let eq =
                        len(a) == len(b) && !(ha != -1 && hb != -1 && ha != hb) && issubset(a, b)?;
                    eq == (op == Py_EQ)
                }
                Py_LE => issubset(a, b)?,
                Py_GE => issuperset(a, b)?,
                Py_LT => len(a) < len(b) && issubset(a, b)?,
                _ => len(a) > len(b) && issuperset(a, b)?,
            };
            Ok(py_bool(r))
        }
    })
}

unsafe extern "C" fn set_iter(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a set.
        unsafe {
            let it = crate::object::alloc::generic_alloc(&raw mut PySetIter_Type, 0);
            if it.is_null() {
                return Err(Raised::assume());
            }
            let si = it.cast::<SetIterObject>();
            (*si).si_set = new_ref(op);
            (*si).si_used = len(op);
            (*si).si_pos = 0;
            (*si).len = len(op);
            crate::object::gc::track(it);
            Ok(Owned::from_raw_unchecked(it))
        }
    })
}

/// Binary operators take sets on both sides, else `NotImplemented`.
unsafe fn binop(
    a: *mut PyObject,
    b: *mut PyObject,
    f: unsafe fn(*mut PyObject, *mut PyObject) -> PyResult<Owned>,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a and b valid.
        unsafe {
            if !check_any(a) || !check_any(b) {
                return Ok(not_implemented());
            }
            f(a, b)
        }
    })
}

unsafe fn union2(a: *mut PyObject, b: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: a is a set.
    unsafe {
        let r = copy(a)?;
        if a != b {
            update(r.as_ptr(), b)?;
        }
        Ok(r)
    }
}

unsafe extern "C" fn set_or(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: see binop.
    unsafe { binop(a, b, union2) }
}

unsafe extern "C" fn set_and(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: see binop.
    unsafe { binop(a, b, intersection) }
}

unsafe extern "C" fn set_sub(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: see binop.
    unsafe { binop(a, b, difference) }
}

unsafe extern "C" fn set_xor(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: see binop.
    unsafe { binop(a, b, symmetric_difference) }
}

/// In-place operators: a set on the right, else `NotImplemented`.
unsafe fn inplace(
    a: *mut PyObject,
    b: *mut PyObject,
    f: unsafe fn(*mut PyObject, *mut PyObject) -> PyResult<()>,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is a set, b valid.
        unsafe {
            if !check_any(b) {
                return Ok(not_implemented());
            }
            f(a, b)?;
            Ok(Owned::from_borrowed(a))
        }
    })
}

unsafe fn intersection_update(a: *mut PyObject, b: *mut PyObject) -> PyResult<()> {
    // SAFETY: a is a set.
    unsafe {
        let tmp = intersection(a, b)?;
        swap_bodies(a, tmp.as_ptr());
        Ok(())
    }
}

unsafe extern "C" fn set_ior(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: see inplace.
    unsafe { inplace(a, b, update) }
}

unsafe extern "C" fn set_iand(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: see inplace.
    unsafe { inplace(a, b, intersection_update) }
}

unsafe extern "C" fn set_isub(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: see inplace.
    unsafe { inplace(a, b, difference_update) }
}

unsafe extern "C" fn set_ixor(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: see inplace.
    unsafe { inplace(a, b, symmetric_difference_update) }
}

// ---- methods -----------------------------------------------------------------

unsafe extern "C" fn set_add_meth(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a set.
    guard_obj(|| unsafe { add(op, key).map(|_| crate::object::none::owned()) })
}

unsafe extern "C" fn set_clear_meth(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a set.
    unsafe { clear_internal(op) };
    crate::object::none::none()
}

unsafe extern "C" fn set_contains_meth(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a set.
    guard_obj(|| unsafe { contains(op, key).map(py_bool) })
}

unsafe extern "C" fn set_copy_meth(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a set.
    guard_obj(|| unsafe { copy(op) })
}

unsafe extern "C" fn frozenset_copy_meth(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a frozenset.
        unsafe {
            if check_any_exact(op) {
                return Ok(Owned::from_borrowed(op));
            }
            copy(op)
        }
    })
}

unsafe extern "C" fn set_discard_meth(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a set.
    guard_obj(|| unsafe { discard(op, key).map(|_| crate::object::none::owned()) })
}

unsafe extern "C" fn set_remove_meth(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a set.
        unsafe {
            if discard(op, key)? {
                Ok(crate::object::none::owned())
            } else {
                Err(errors::key_error(key))
            }
        }
    })
}

unsafe extern "C" fn set_pop_meth(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a set.
    guard_obj(|| unsafe { pop(op) })
}

unsafe extern "C" fn set_sizeof(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a set.
        unsafe {
            let s = so(op);
            let mut n = (*(*op).ob_type).tp_basicsize as usize;
            if (*s).table != smalltable(s) {
                n += ((*s).mask as usize + 1) * std::mem::size_of::<setentry>();
            }
            crate::object::int::from_u64(n as u64)
        }
    })
}

unsafe extern "C" fn set_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a set.
        unsafe {
            let mut keys = Vec::with_capacity(len(op) as usize);
            let mut pos = 0;
            while let Some(e) = next_entry(op, &mut pos) {
                keys.push(Owned::from_borrowed(e.key));
            }
            let items = crate::object::list::from_vec(keys)?;
            let args = tuple::pack(&[items.as_ptr()])?;
            let state = crate::object::object_reduce::get_state(op)?;
            tuple::pack(&[(*op).ob_type.cast(), args.as_ptr(), state.as_ptr()])
        }
    })
}

unsafe fn args<'a>(a: *const *mut PyObject, n: Py_ssize_t) -> &'a [*mut PyObject] {
    // SAFETY: a holds n objects (or n is 0).
    unsafe {
        if n == 0 {
            &[]
        } else {
            std::slice::from_raw_parts(a, n as usize)
        }
    }
}

unsafe extern "C" fn set_union_meth(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a set; a holds n objects.
        unsafe {
            let r = copy(op)?;
            for &o in args(a, n) {
                if o != op {
                    update(r.as_ptr(), o)?;
                }
            }
            Ok(r)
        }
    })
}

unsafe extern "C" fn set_update_meth(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a set; a holds n objects.
        unsafe {
            for &o in args(a, n) {
                update(op, o)?;
            }
            Ok(crate::object::none::owned())
        }
    })
}

unsafe fn intersection_multi(op: *mut PyObject, others: &[*mut PyObject]) -> PyResult<Owned> {
    // SAFETY: op is a set.
    unsafe {
        if others.is_empty() {
            return copy(op);
        }
        let mut result = Owned::from_borrowed(op);
        for &o in others {
            result = intersection(result.as_ptr(), o)?;
        }
        Ok(result)
    }
}

unsafe extern "C" fn set_intersection_meth(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    // SAFETY: op is a set; a holds n objects.
    guard_obj(|| unsafe { intersection_multi(op, args(a, n)) })
}

unsafe extern "C" fn set_intersection_update_meth(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a set; a holds n objects.
        unsafe {
            let tmp = intersection_multi(op, args(a, n))?;
            swap_bodies(op, tmp.as_ptr());
            Ok(crate::object::none::owned())
        }
    })
}

unsafe extern "C" fn set_difference_meth(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a set; a holds n objects.
        unsafe {
            let others = args(a, n);
            let Some((&first, rest)) = others.split_first() else {
                return copy(op);
            };
            let r = difference(op, first)?;
            for &o in rest {
                difference_update(r.as_ptr(), o)?;
            }
            Ok(r)
        }
    })
}

unsafe extern "C" fn set_difference_update_meth(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a set; a holds n objects.
        unsafe {
            for &o in args(a, n) {
                difference_update(op, o)?;
            }
            Ok(crate::object::none::owned())
        }
    })
}

unsafe extern "C" fn set_symmetric_difference_meth(
    op: *mut PyObject,
    other: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: op is a set.
    guard_obj(|| unsafe { symmetric_difference(op, other) })
}

unsafe extern "C" fn set_symmetric_difference_update_meth(
    op: *mut PyObject,
    other: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: op is a set.
    guard_obj(|| unsafe {
        symmetric_difference_update(op, other).map(|_| crate::object::none::owned())
    })
}

unsafe extern "C" fn set_issubset_meth(op: *mut PyObject, other: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a set.
    guard_obj(|| unsafe { issubset(op, other).map(py_bool) })
}

unsafe extern "C" fn set_issuperset_meth(op: *mut PyObject, other: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a set.
    guard_obj(|| unsafe { issuperset(op, other).map(py_bool) })
}

unsafe extern "C" fn set_isdisjoint_meth(op: *mut PyObject, other: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a set.
    guard_obj(|| unsafe { isdisjoint(op, other).map(py_bool) })
}

// ---- the iterator ------------------------------------------------------------------

/// `setiter_reduce`: `(iter, (list,))` with what is left, read from a copy.
unsafe extern "C" fn setiter_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a set iterator; the copy has its type and state.
        unsafe {
            let c = crate::object::alloc::generic_alloc(&raw mut PySetIter_Type, 0);
            if c.is_null() {
                return Err(Raised::assume());
            }
            let (src, dst) = (op.cast::<SetIterObject>(), c.cast::<SetIterObject>());
            (*dst).si_set = xnew_ref((*src).si_set);
            (*dst).si_used = (*src).si_used;
            (*dst).si_pos = (*src).si_pos;
            (*dst).len = (*src).len;
            crate::object::gc::track(c);
            crate::object::seqiter_pickle::reduce_remaining(Owned::from_raw_unchecked(c))
        }
    })
}

unsafe extern "C" fn setiter_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        xdecref((*op.cast::<SetIterObject>()).si_set);
        crate::capi::gc::PyObject_GC_Del(op.cast());
    }
}

unsafe extern "C" fn setiter_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: op is a set iterator.
    unsafe {
        let s = (*op.cast::<SetIterObject>()).si_set;
        match visit {
            Some(v) if !s.is_null() => v(s, arg),
            _ => 0,
        }
    }
}

unsafe extern "C" fn setiter_len(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a set iterator.
        unsafe {
            let si = op.cast::<SetIterObject>();
            let s = (*si).si_set;
            let n = if !s.is_null() && (*si).si_used == len(s) {
                (*si).len
            } else {
                0
            };
            crate::object::int::from_i64(n as i64)
        }
    })
}

unsafe extern "C" fn setiter_next(op: *mut PyObject) -> *mut PyObject {
    guard(|| {
        // SAFETY: op is a set iterator.
        unsafe {
            let si = op.cast::<SetIterObject>();
            let s = (*si).si_set;
            if s.is_null() {
                return null_mut();
            }
            if (*si).si_used != len(s) {
                errors::runtime_error("Set changed size during iteration");
                (*si).si_used = -1;
                return null_mut();
            }
            let mut pos = (*si).si_pos as usize;
            match next_entry(s, &mut pos) {
                Some(e) => {
                    (*si).si_pos = pos as Py_ssize_t;
                    (*si).len -= 1;
                    new_ref(e.key)
                }
                None => {
                    (*si).si_pos = pos as Py_ssize_t;
                    (*si).si_set = null_mut();
                    decref(s);
                    null_mut()
                }
            }
        }
    })
}
