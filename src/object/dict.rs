//! `dict` (`PyDict_Type`): an insertion-ordered hash table in CPython's
//! compact style (the table itself is in `dictkeys.rs`), its methods, its
//! slots, and the Rust API the rest of the runtime calls. Views and
//! iterators are in `dictview.rs`.
use crate::capi::boundary::{guard, guard_obj, guard_status};
use crate::ffi::*;
use crate::object::dictkeys::{self, Keys, Probe, DUMMY, EMPTY};
use crate::object::refcount::*;
use crate::object::typeobj::{type_name, type_template};
use crate::object::{descr, dictview, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::{c_int, c_void};
use std::cell::RefCell;
use std::ptr::null_mut;

/// `PyDict_Type`.
#[no_mangle]
pub static mut PyDict_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE
        | Py_TPFLAGS_DICT_SUBCLASS
        | Py_TPFLAGS_HAVE_GC
        | Py_TPFLAGS_MAPPING
        | _Py_TPFLAGS_MATCH_SELF,
    tp_dealloc: Some(dict_dealloc),
    tp_repr: Some(dict_repr),
    tp_hash: Some(crate::capi::object::PyObject_HashNotImplemented),
    tp_as_number: &raw mut DICT_AS_NUMBER,
    tp_as_mapping: &raw mut DICT_AS_MAPPING,
    tp_as_sequence: &raw mut DICT_AS_SEQUENCE,
    tp_traverse: Some(dict_traverse),
    tp_clear: Some(dict_tp_clear),
    tp_richcompare: Some(dict_richcompare),
    tp_iter: Some(dict_iter),
    tp_methods: (&raw const DICT_METHODS).cast_mut().cast(),
    tp_init: Some(dict_init),
    tp_new: Some(dict_new),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_doc: c"dict() -> new empty dictionary\ndict(mapping) -> dictionary of the mapping's (key, value) pairs\ndict(iterable) -> dictionary of the (key, value) pairs of iterable\ndict(**kwargs) -> dictionary of the name=value pairs,\n    as in dict(one=1, two=2)\n\nA mutable mapping from hashable keys to values, in insertion order."
        .as_ptr(),
    ..type_template(c"dict", std::mem::size_of::<PyDictObject>(), 0)
};

static mut DICT_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: Some(dict_length),
    mp_subscript: Some(dict_subscript),
    mp_ass_subscript: Some(dict_ass_subscript),
};

static mut DICT_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_contains: Some(dict_contains),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

static mut DICT_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_or: Some(dict_or),
    nb_inplace_or: Some(dict_ior),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

static DICT_METHODS: [PyMethodDef; 17] = [
    descr::method(
        c"__getitem__",
        dict_subscript as *const c_void,
        METH_O | METH_COEXIST,
    ).with_doc(c"__getitem__($self, key, /)\n--\n\nThe value for key: self[key]."),
    descr::method(
        c"__contains__",
        dict_contains_meth as *const c_void,
        METH_O | METH_COEXIST,
    ).with_doc(c"__contains__($self, key, /)\n--\n\nTrue if self contains the key (or element): key in self."),
    descr::method(c"__sizeof__", dict_sizeof as *const c_void, METH_NOARGS).with_doc(c"__sizeof__($self, /)\n--\n\nThe memory used by self, in bytes."),
    descr::method(c"get", dict_get as *const c_void, METH_FASTCALL).with_doc(c"get($self, key, default=None, /)\n--\n\nThe value for key if key is in the dictionary, else default."),
    descr::method(
        c"setdefault",
        dict_setdefault as *const c_void,
        METH_FASTCALL,
    ).with_doc(c"setdefault($self, key, default=None, /)\n--\n\nThe value for key, after inserting key with default if it is missing."),
    descr::method(c"pop", dict_pop as *const c_void, METH_FASTCALL).with_doc(c"pop($self, key, default=<unrepresentable>, /)\n--\n\nRemove key and return its value; when key is missing, default is\nreturned if given, else KeyError is raised."),
    descr::method(c"popitem", dict_popitem as *const c_void, METH_NOARGS).with_doc(c"popitem($self, /)\n--\n\nRemove the most recently inserted (key, value) pair and return it;\nKeyError when the dictionary is empty."),
    descr::method(c"keys", dict_keys as *const c_void, METH_NOARGS).with_doc(c"keys($self, /)\n--\n\nA set-like view of the keys."),
    descr::method(c"items", dict_items as *const c_void, METH_NOARGS).with_doc(c"items($self, /)\n--\n\nA set-like view of the (key, value) pairs."),
    descr::method(c"values", dict_values as *const c_void, METH_NOARGS).with_doc(c"values($self, /)\n--\n\nA view of the values."),
    descr::method(
        c"update",
        dict_update as *const c_void,
        METH_VARARGS | METH_KEYWORDS,
    ).with_doc(c"D.update([E, ]**F) -> None\n\nAdd the pairs of E and then of F to D, replacing the values of keys it\nhas: a mapping E gives E[k] for each k in E.keys(), another iterable E\ngives its (k, v) pairs, and F gives its keyword arguments."),
    descr::method(
        c"fromkeys",
        dict_fromkeys as *const c_void,
        METH_FASTCALL | METH_CLASS,
    ).with_doc(c"fromkeys($type, iterable, value=None, /)\n--\n\nA new dictionary with the keys of iterable, each mapped to value."),
    descr::method(c"clear", dict_clear_meth as *const c_void, METH_NOARGS).with_doc(c"clear($self, /)\n--\n\nRemove every item."),
    descr::method(c"copy", dict_copy as *const c_void, METH_NOARGS).with_doc(c"copy($self, /)\n--\n\nA shallow copy of the dictionary."),
    descr::method(c"__reversed__", dict_reversed as *const c_void, METH_NOARGS).with_doc(c"__reversed__($self, /)\n--\n\nAn iterator over the items, last to first."),
    crate::object::genericalias::CLASS_GETITEM,
    descr::METHOD_END,
];

// ---- the Rust API ------------------------------------------------------

#[inline(always)]
unsafe fn obj(d: *mut PyObject) -> *mut PyDictObject {
    d.cast()
}

/// The table of a dict.
#[inline(always)]
pub unsafe fn keys(d: *mut PyObject) -> *mut Keys {
    // SAFETY: every dict's ma_keys is a table (the shared empty one at least).
    unsafe { (*obj(d)).ma_keys.cast() }
}

/// Whether `op` is a dict or dict subclass instance.
#[inline(always)]
pub unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*(*op).ob_type).tp_flags & Py_TPFLAGS_DICT_SUBCLASS != 0 }
}

/// Whether `op` is exactly a dict.
#[inline(always)]
pub unsafe fn check_exact(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*op).ob_type == &raw mut PyDict_Type }
}

/// Dealloc'd exact dicts kept for reuse (the header is rewritten on reuse).
struct FreeDicts(Vec<*mut PyObject>);

impl Drop for FreeDicts {
    fn drop(&mut self) {
        for &op in &self.0 {
            // SAFETY: each entry is the memory of a dead dict, GC-allocated.
            unsafe { crate::object::alloc::gc_free(op.cast()) }
        }
    }
}

thread_local! {
    static FREE_DICTS: RefCell<FreeDicts> = const { RefCell::new(FreeDicts(Vec::new())) };
}
const FREE_DICTS_MAX: usize = 80;

/// Frees the dicts kept for reuse by this thread (finalization and
/// thread exit).
pub fn clear_freelist() {
    let _ = FREE_DICTS.try_with(|f| drop(FreeDicts(std::mem::take(&mut f.borrow_mut().0))));
}

/// A new empty dict (no table allocated until the first insertion).
#[inline]
pub fn new() -> PyResult<Owned> {
    // SAFETY: PyDict_Type is static; a recycled object is dead memory of the
    // right size whose header is rewritten here.
    unsafe {
        let op = match FREE_DICTS.try_with(|f| f.borrow_mut().0.pop()) {
            Ok(Some(op)) => {
                crate::object::alloc::init_object(op, &raw mut PyDict_Type);
                op
            }
            _ => {
                let op = crate::object::alloc::generic_alloc(&raw mut PyDict_Type, 0);
                if op.is_null() {
                    return Err(Raised::assume());
                }
                op
            }
        };
        let d = obj(op);
        (*d).ma_used = 0;
        (*d)._ma_watcher_tag = 0;
        (*d).ma_keys = dictkeys::empty().cast();
        (*d).ma_values = null_mut();
        crate::object::gc::track(op);
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// A new empty dict sized for `n` items (`_PyDict_NewPresized`).
pub fn with_capacity(n: usize) -> PyResult<Owned> {
    let d = new()?;
    if n > dictkeys::usable_fraction(8) {
        // SAFETY: d is a fresh empty dict.
        unsafe { resize(d.as_ptr(), dictkeys::log2_estimate(n), true)? };
    }
    Ok(d)
}

/// Number of items.
#[inline(always)]
pub unsafe fn len(d: *mut PyObject) -> Py_ssize_t {
    // SAFETY: d is a dict.
    unsafe { (*obj(d)).ma_used }
}

/// Replaces the table with a fresh one of `1 << log2` slots holding the
/// live entries in order (`dictresize`).
unsafe fn resize(d: *mut PyObject, log2: u8, all_str: bool) -> PyResult<()> {
    // SAFETY: d is a dict; entries move to the new table without refcounting.
    unsafe {
        let old = keys(d);
        let n = if (*old).nentries == 0 {
            Keys::new(log2, all_str)
        } else {
            let n = Keys::rebuilt(old, log2);
            if !n.is_null() {
                (*n).all_str = all_str && (*old).all_str;
            }
            n
        };
        if n.is_null() {
            return Err(errors::no_memory());
        }
        (*obj(d)).ma_keys = n.cast();
        Keys::free(old);
        Ok(())
    }
}

/// Finds `key`: `(index slot, entry index)`. Comparisons may run Python
/// code; when that changes the table the search restarts, as CPython does.
#[inline(always)]
unsafe fn lookup(
    d: *mut PyObject,
    key: *mut PyObject,
    hash: Py_hash_t,
) -> PyResult<Option<(usize, usize)>> {
    // SAFETY: d is a dict, key valid.
    unsafe {
        let k = keys(d);
        if (*k).all_str && pystr::check_exact(key) {
            return Ok(Keys::lookup_str(k, key, hash));
        }
        lookup_any(d, key, hash)
    }
}

/// [`lookup`] past the all-str fast path (kept out of line so that path
/// stays small).
#[inline(never)]
unsafe fn lookup_any(
    d: *mut PyObject,
    key: *mut PyObject,
    hash: Py_hash_t,
) -> PyResult<Option<(usize, usize)>> {
    // SAFETY: d is a dict, key valid.
    unsafe {
        let k = keys(d);
        match Keys::lookup_identity(k, key, hash) {
            Probe::Found(slot, ix) => Ok(Some((slot, ix))),
            Probe::Absent => Ok(None),
            Probe::NeedsEq => lookup_generic(d, key, hash),
        }
    }
}

unsafe fn lookup_generic(
    d: *mut PyObject,
    key: *mut PyObject,
    hash: Py_hash_t,
) -> PyResult<Option<(usize, usize)>> {
    // SAFETY: d is a dict; the table is re-read after every comparison.
    unsafe {
        'restart: loop {
            let k = keys(d);
            let mask = (*k).size() - 1;
            let mut perturb = hash as usize;
            let mut i = hash as usize & mask;
            loop {
                let ix = Keys::index(k, i);
                if ix >= 0 {
                    let e = *Keys::entry(k, ix as usize);
                    if e.key == key {
                        return Ok(Some((i, ix as usize)));
                    }
                    if e.hash == hash {
                        if let Some(eq) = dictkeys::fast_eq(e.key, key) {
                            if eq {
                                return Ok(Some((i, ix as usize)));
                            }
                        } else {
                            let start = Owned::from_borrowed(e.key);
                            let eq = protocol::rich_compare_bool(start.as_ptr(), key, Py_EQ)?;
                            if keys(d) != k || Keys::entry(k, ix as usize).key != start.as_ptr() {
                                continue 'restart;
                            }
                            if eq {
                                return Ok(Some((i, ix as usize)));
                            }
                        }
                    }
                } else if ix == EMPTY {
                    return Ok(None);
                }
                perturb >>= 5;
                i = (i * 5 + perturb + 1) & mask;
            }
        }
    }
}

/// The hash of a key: the cached one for strs.
#[inline(always)]
pub unsafe fn key_hash(key: *mut PyObject) -> PyResult<Py_hash_t> {
    // SAFETY: key valid.
    unsafe { protocol::hash(key) }
}

/// The value for `key` (borrowed), NULL when absent; raises for an
/// unhashable key or a failing `__eq__`.
#[inline]
pub unsafe fn get_item(d: *mut PyObject, key: *mut PyObject) -> PyResult<*mut PyObject> {
    // SAFETY: d is a dict, key valid.
    unsafe {
        let h = key_hash(key)?;
        get_item_hashed(d, key, h)
    }
}

/// `get_item` with a known hash.
#[inline]
pub unsafe fn get_item_hashed(
    d: *mut PyObject,
    key: *mut PyObject,
    h: Py_hash_t,
) -> PyResult<*mut PyObject> {
    // SAFETY: d is a dict.
    unsafe {
        Ok(match lookup(d, key, h)? {
            Some((_, ix)) => Keys::entry(keys(d), ix).value,
            None => null_mut(),
        })
    }
}

/// Lookup by a str key; never raises (a failing comparison with a non-str
/// key is cleared, as `PyDict_GetItem` does). Borrowed result or NULL.
#[inline]
pub unsafe fn get_item_known_hash_str(d: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    // SAFETY: d is a dict, key a str.
    unsafe {
        let h = pystr::hash(key);
        let k = keys(d);
        if (*k).all_str && pystr::check_exact(key) {
            return match Keys::lookup_str(k, key, h) {
                Some((_, ix)) => Keys::entry(k, ix).value,
                None => null_mut(),
            };
        }
        let saved = errors::take();
        let r = get_item_hashed(d, key, h).unwrap_or(null_mut());
        errors::clear();
        if let Some(s) = saved {
            errors::restore(s);
        }
        r
    }
}

/// Lookup by a Rust string key (borrowed result, NULL when absent).
pub unsafe fn get_str(d: *mut PyObject, key: &str) -> *mut PyObject {
    // SAFETY: d is a dict; interned keys are immortal.
    unsafe { get_item_known_hash_str(d, pystr::intern(key)) }
}

/// Whether `key` is in the dict.
#[inline]
pub unsafe fn contains(d: *mut PyObject, key: *mut PyObject) -> PyResult<bool> {
    // SAFETY: d is a dict.
    unsafe { Ok(!get_item(d, key)?.is_null()) }
}

/// Sets `d[key] = value` (new references taken).
#[inline]
pub unsafe fn set_item(d: *mut PyObject, key: *mut PyObject, value: *mut PyObject) -> PyResult<()> {
    // SAFETY: d is a dict.
    unsafe {
        let h = key_hash(key)?;
        set_item_hashed(d, key, value, h)
    }
}

/// `set_item` with a known hash.
pub unsafe fn set_item_hashed(
    d: *mut PyObject,
    key: *mut PyObject,
    value: *mut PyObject,
    h: Py_hash_t,
) -> PyResult<()> {
    // SAFETY: d is a dict; key and value valid.
    unsafe {
        if let Some((_, ix)) = lookup(d, key, h)? {
            let e = Keys::entry(keys(d), ix);
            let old = std::mem::replace(&mut e.value, new_ref(value));
            decref(old);
            return Ok(());
        }
        insert_new(d, new_ref(key), new_ref(value), h)
    }
}

/// Appends an absent key (stealing `key` and `value`), growing the table
/// first when it is full or when a non-str key enters a str-only table.
unsafe fn insert_new(
    d: *mut PyObject,
    key: *mut PyObject,
    value: *mut PyObject,
    h: Py_hash_t,
) -> PyResult<()> {
    // SAFETY: d is a dict; key absent.
    unsafe {
        let k = keys(d);
        let is_str = pystr::check_exact(key);
        if (*k).usable == 0 || ((*k).all_str && !is_str && (*k).nentries > 0) {
            let all_str = (*k).all_str && is_str;
            let log2 = dictkeys::log2_for(len(d) as usize * 3);
            if let Err(r) = resize(d, log2, all_str) {
                decref(key);
                decref(value);
                return Err(r);
            }
        }
        Keys::append(keys(d), h, key, value);
        (*obj(d)).ma_used += 1;
        Ok(())
    }
}

/// Removes the entry at `ix` (found in index slot `slot`).
unsafe fn delete_at(d: *mut PyObject, slot: usize, ix: usize) {
    // SAFETY: d is a dict; slot holds ix, a live entry. The references are
    // dropped after the table is consistent.
    unsafe {
        let k = keys(d);
        Keys::set_index(k, slot, DUMMY);
        Keys::key_removed(k);
        let e = Keys::entry(k, ix);
        let (key, value) = (e.key, e.value);
        e.key = null_mut();
        e.value = null_mut();
        (*obj(d)).ma_used -= 1;
        decref(key);
        decref(value);
    }
}

/// Deletes `key`; `Ok(false)` when it was absent (no error set).
pub unsafe fn del_item_opt(d: *mut PyObject, key: *mut PyObject) -> PyResult<bool> {
    // SAFETY: d is a dict.
    unsafe {
        let h = key_hash(key)?;
        del_item_hashed(d, key, h)
    }
}

/// `del_item_opt` with a known hash.
pub unsafe fn del_item_hashed(
    d: *mut PyObject,
    key: *mut PyObject,
    h: Py_hash_t,
) -> PyResult<bool> {
    // SAFETY: d is a dict.
    unsafe {
        let Some((slot, ix)) = lookup(d, key, h)? else {
            return Ok(false);
        };
        delete_at(d, slot, ix);
        Ok(true)
    }
}

/// `PyDict_DelItem`: deleting a missing key raises `KeyError`.
pub unsafe fn del_item(d: *mut PyObject, key: *mut PyObject) -> PyResult<()> {
    // SAFETY: d is a dict.
    unsafe {
        if del_item_opt(d, key)? {
            Ok(())
        } else {
            Err(errors::key_error(key))
        }
    }
}

/// Removes and returns `key`'s value; `Ok(None)` when absent. An empty dict
/// answers without hashing, as CPython's does.
pub unsafe fn pop(d: *mut PyObject, key: *mut PyObject) -> PyResult<Option<Owned>> {
    // SAFETY: d is a dict.
    unsafe {
        if len(d) == 0 {
            return Ok(None);
        }
        let h = key_hash(key)?;
        let Some((slot, ix)) = lookup(d, key, h)? else {
            return Ok(None);
        };
        let v = Owned::from_borrowed(Keys::entry(keys(d), ix).value);
        delete_at(d, slot, ix);
        Ok(Some(v))
    }
}

/// `d.setdefault(key, default)`: the value now stored (borrowed).
pub unsafe fn setdefault(
    d: *mut PyObject,
    key: *mut PyObject,
    default: *mut PyObject,
) -> PyResult<*mut PyObject> {
    // SAFETY: d is a dict.
    unsafe {
        let h = key_hash(key)?;
        if let Some((_, ix)) = lookup(d, key, h)? {
            return Ok(Keys::entry(keys(d), ix).value);
        }
        insert_new(d, new_ref(key), new_ref(default), h)?;
        Ok(default)
    }
}

/// `PyDict_Next`: the live entry at or after `*pos` (borrowed), advancing.
#[inline]
pub unsafe fn next(d: *mut PyObject, pos: &mut usize) -> Option<(*mut PyObject, *mut PyObject)> {
    // SAFETY: d is a dict.
    unsafe { next_entry(d, pos).map(|e| (e.key, e.value)) }
}

/// `_PyDict_Next`: like `next` with the stored hash.
#[inline]
pub unsafe fn next_entry(d: *mut PyObject, pos: &mut usize) -> Option<dictkeys::Entry> {
    // SAFETY: d is a dict.
    unsafe {
        let k = keys(d);
        let n = (*k).nentries;
        while *pos < n {
            let e = *Keys::entry(k, *pos);
            *pos += 1;
            if !e.value.is_null() {
                return Some(e);
            }
        }
        None
    }
}

/// Releases every live entry of a detached table, then the table.
unsafe fn release_table(k: *mut Keys) {
    // SAFETY: k is no longer reachable from any dict; NULL only for memory
    // that never went through dict_new.
    unsafe {
        if k.is_null() {
            return;
        }
        for e in Keys::used_entries(k) {
            if !e.value.is_null() {
                decref(e.key);
                decref(e.value);
            }
        }
        Keys::free(k);
    }
}

/// `PyDict_Clear`.
pub unsafe fn clear(d: *mut PyObject) {
    // SAFETY: d is a dict; the old entries are released after the swap so
    // their destructors see a consistent, empty dict.
    unsafe {
        let old = keys(d);
        if old == dictkeys::empty() {
            return;
        }
        (*obj(d)).ma_keys = dictkeys::empty().cast();
        (*obj(d)).ma_used = 0;
        release_table(old);
    }
}

/// `PyDict_Copy`: a new exact dict with the same items.
pub unsafe fn copy(d: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: d is a dict.
    unsafe {
        let k = keys(d);
        let n = len(d) as usize;
        if n == 0 {
            return new();
        }
        // CPython clones the table, holes and all, unless a third of it is
        // holes or the type iterates its own way (copy_lock_held).
        if iterates_as_dict(d) && n >= (*k).nentries * 2 / 3 {
            let c = Keys::clone_table(k);
            if c.is_null() {
                return Err(errors::no_memory());
            }
            let r = new()?;
            (*obj(r.as_ptr())).ma_keys = c.cast();
            (*obj(r.as_ptr())).ma_used = n as Py_ssize_t;
            return Ok(r);
        }
        let r = new()?;
        merge(r.as_ptr(), d, 1)?;
        Ok(r)
    }
}

/// Whether `d`'s type keeps dict's own `tp_iter` (subclasses that override
/// `__iter__` are merged through `keys()`).
#[inline]
unsafe fn iterates_as_dict(d: *mut PyObject) -> bool {
    // SAFETY: d valid.
    unsafe {
        (*(*d).ob_type).tp_iter.map(|f| f as *const () as usize)
            == Some(dict_iter as *const () as usize)
    }
}

/// Merges a dict `b` whose iteration is dict's own into `a`
/// (`dict_merge`'s fast path). `override_`: 0 keeps existing keys, 1
/// replaces them, 2 raises `KeyError` for a duplicate.
unsafe fn merge_dict(a: *mut PyObject, b: *mut PyObject, override_: i32) -> PyResult<()> {
    // SAFETY: a and b are dicts; b's entries are held while inserting.
    unsafe {
        if a == b || len(b) == 0 {
            return Ok(());
        }
        let mut override_ = override_;
        if len(a) == 0 {
            override_ = 1;
            let bk = keys(b);
            if len(b) as usize == (*bk).nentries
                && ((*bk).log2_size() == 3
                    || dictkeys::usable_fraction((*bk).size() / 2) < len(b) as usize)
            {
                let c = Keys::clone_table(bk);
                if c.is_null() {
                    return Err(errors::no_memory());
                }
                let old = keys(a);
                (*obj(a)).ma_keys = c.cast();
                (*obj(a)).ma_used = len(b);
                release_table(old);
                return Ok(());
            }
        }
        let ak = keys(a);
        if dictkeys::usable_fraction((*ak).size()) < len(b) as usize {
            let all_str = (*keys(b)).all_str && ((*ak).all_str);
            resize(
                a,
                dictkeys::log2_estimate((len(a) + len(b)) as usize),
                all_str,
            )?;
        }
        let orig = len(b);
        let mut pos = 0;
        while let Some(e) = next_entry(b, &mut pos) {
            let key = Owned::from_borrowed(e.key);
            let value = Owned::from_borrowed(e.value);
            if override_ == 1 {
                set_item_hashed(a, key.as_ptr(), value.as_ptr(), e.hash)?;
            } else if lookup(a, key.as_ptr(), e.hash)?.is_none() {
                insert_new(a, key.clone().into_raw(), value.clone().into_raw(), e.hash)?;
            } else if override_ == 2 {
                return Err(errors::key_error(key.as_ptr()));
            }
            if orig != len(b) {
                return Err(errors::runtime_error("dict mutated during update"));
            }
        }
        Ok(())
    }
}

/// The iterable of a mapping's keys: `b.keys()`, checked to be iterable.
pub unsafe fn mapping_keys_iter(b: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: b valid.
    unsafe {
        let ks = protocol::call_method_obj(b, "keys", &[])?;
        match protocol::get_iter(ks.as_ptr()) {
            Ok(it) => Ok(it),
            Err(r) => {
                if errors::matches(crate::object::exceptions::PyExc_TypeError) {
                    return Err(errors::type_error(format!(
                        "{}.keys() returned a non-iterable (type {})",
                        type_name(b),
                        type_name(ks.as_ptr())
                    )));
                }
                Err(r)
            }
        }
    }
}

/// `PyDict_Merge` / `dict_merge`: adds the items of mapping `b` to dict `a`.
pub unsafe fn merge(a: *mut PyObject, b: *mut PyObject, override_: i32) -> PyResult<()> {
    // SAFETY: a is a dict, b valid.
    unsafe {
        if check(b) && iterates_as_dict(b) {
            return merge_dict(a, b, override_);
        }
        let it = mapping_keys_iter(b)?;
        while let Some(key) = protocol::iter_next(it.as_ptr())? {
            if override_ != 1 && contains(a, key.as_ptr())? {
                if override_ == 0 {
                    continue;
                }
                return Err(errors::key_error(key.as_ptr()));
            }
            let value = protocol::get_item(b, key.as_ptr())?;
            set_item(a, key.as_ptr(), value.as_ptr())?;
        }
        Ok(())
    }
}

/// `PyDict_MergeFromSeq2`: adds `(key, value)` pairs from an iterable.
pub unsafe fn merge_from_seq2(
    d: *mut PyObject,
    seq: *mut PyObject,
    override_: bool,
) -> PyResult<()> {
    // SAFETY: d is a dict, seq valid.
    unsafe {
        let it = protocol::get_iter(seq)?;
        let mut i = 0usize;
        while let Some(item) = protocol::iter_next(it.as_ptr())? {
            let fast = if tuple::check(item.as_ptr()) {
                item.clone()
            } else {
                match tuple::from_iterable(item.as_ptr()) {
                    Ok(t) => t,
                    Err(r) => {
                        if errors::matches(crate::object::exceptions::PyExc_TypeError) {
                            return Err(errors::type_error(format!(
                                "cannot convert dictionary update sequence element #{i} to a sequence"
                            )));
                        }
                        return Err(r);
                    }
                }
            };
            let pair = tuple::items(fast.as_ptr());
            if pair.len() != 2 {
                return Err(errors::value_error(format!(
                    "dictionary update sequence element #{i} has length {}; 2 is required",
                    pair.len()
                )));
            }
            let (k, v) = (Owned::from_borrowed(pair[0]), Owned::from_borrowed(pair[1]));
            if override_ {
                set_item(d, k.as_ptr(), v.as_ptr())?;
            } else {
                setdefault(d, k.as_ptr(), v.as_ptr())?;
            }
            i += 1;
        }
        Ok(())
    }
}

/// `dict_update_arg`: a dict or anything with `keys()` is merged as a
/// mapping, anything else as an iterable of pairs.
pub unsafe fn update_arg(d: *mut PyObject, arg: *mut PyObject) -> PyResult<()> {
    // SAFETY: d is a dict, arg valid.
    unsafe {
        if check_exact(arg) {
            return merge_dict(d, arg, 1);
        }
        if protocol::getattr_opt(arg, crate::interned!("keys"))?.is_some() {
            return merge(d, arg, 1);
        }
        merge_from_seq2(d, arg, true)
    }
}

/// Checks that every key of a `**kwargs` dict is a str.
unsafe fn validate_keywords(kw: *mut PyObject) -> PyResult<()> {
    // SAFETY: kw is a dict.
    unsafe {
        let mut pos = 0;
        while let Some((k, _)) = next(kw, &mut pos) {
            if !pystr::check(k) {
                return Err(errors::type_error("keywords must be strings"));
            }
        }
        Ok(())
    }
}

/// `dict_update_common`: the body of `dict(...)` and `d.update(...)`.
unsafe fn update_common(
    d: *mut PyObject,
    args: *mut PyObject,
    kw: *mut PyObject,
    name: &str,
) -> PyResult<()> {
    // SAFETY: d is a dict; args a tuple; kw NULL or a dict.
    unsafe {
        let a = tuple::items(args);
        if a.len() > 1 {
            return Err(errors::type_error(format!(
                "{name} expected at most 1 argument, got {}",
                a.len()
            )));
        }
        if let Some(&arg) = a.first() {
            update_arg(d, arg)?;
        }
        if !kw.is_null() && len(kw) != 0 {
            validate_keywords(kw)?;
            merge(d, kw, 1)?;
        }
        Ok(())
    }
}

/// Whether two dicts have equal items (`dict_equal`).
unsafe fn equal(a: *mut PyObject, b: *mut PyObject) -> PyResult<bool> {
    // SAFETY: a and b are dicts; entries are held while compared, and a's
    // table is re-read at each step since comparisons may mutate it.
    unsafe {
        if len(a) != len(b) {
            return Ok(false);
        }
        let mut pos = 0;
        while let Some(e) = next_entry(a, &mut pos) {
            let key = Owned::from_borrowed(e.key);
            let aval = Owned::from_borrowed(e.value);
            let bval = get_item_hashed(b, key.as_ptr(), e.hash)?;
            if bval.is_null() {
                return Ok(false);
            }
            let bval = Owned::from_borrowed(bval);
            if !protocol::rich_compare_bool(aval.as_ptr(), bval.as_ptr(), Py_EQ)? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// `(key, value)` of the last item, removed (`dict.popitem`).
pub unsafe fn popitem(d: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: d is a dict.
    unsafe {
        if len(d) == 0 {
            return Err(errors::set_string(
                crate::object::exceptions::PyExc_KeyError,
                "popitem(): dictionary is empty",
            ));
        }
        let k = keys(d);
        let mut i = (*k).nentries - 1;
        while Keys::entry(k, i).value.is_null() {
            i -= 1;
        }
        let e = *Keys::entry(k, i);
        let pair = tuple::pack(&[e.key, e.value])?;
        // The index slot holding entry i (lookdict_index).
        let mask = (*k).size() - 1;
        let mut perturb = e.hash as usize;
        let mut slot = e.hash as usize & mask;
        while Keys::index(k, slot) != i as isize {
            perturb >>= 5;
            slot = (slot * 5 + perturb + 1) & mask;
        }
        Keys::set_index(k, slot, DUMMY);
        Keys::key_removed(k);
        let ent = Keys::entry(k, i);
        ent.key = null_mut();
        ent.value = null_mut();
        (*k).nentries = i;
        (*obj(d)).ma_used -= 1;
        decref(e.key);
        decref(e.value);
        Ok(pair)
    }
}

/// `_PyArg_CheckPositional`: `name expected at least/at most N arguments`.
pub fn check_nargs(name: &str, n: usize, min: usize, max: usize) -> PyResult<()> {
    let (bound, what) = if n < min {
        (min, "at least ")
    } else if n > max {
        (max, "at most ")
    } else {
        return Ok(());
    };
    Err(errors::type_error(format!(
        "{name} expected {}{bound} argument{}, got {n}",
        if min < max { what } else { "" },
        if bound == 1 { "" } else { "s" }
    )))
}

// ---- slots ---------------------------------------------------------------

unsafe extern "C" fn dict_new(
    tp: *mut PyTypeObject,
    _args: *mut PyObject,
    _kw: *mut PyObject,
) -> *mut PyObject {
    guard(|| {
        // SAFETY: tp is dict or a subclass; tp_alloc gives zeroed memory.
        unsafe {
            if tp == &raw mut PyDict_Type {
                return new().map_or(null_mut(), Owned::into_raw);
            }
            let alloc = (*tp)
                .tp_alloc
                .unwrap_or(crate::capi::allocation::PyType_GenericAlloc);
            let op = alloc(tp, 0);
            if op.is_null() {
                return op;
            }
            (*obj(op)).ma_keys = dictkeys::empty().cast();
            crate::object::gc::track(op);
            op
        }
    })
}

unsafe extern "C" fn dict_init(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> c_int {
    // SAFETY: op is a dict, args a tuple.
    guard_status(|| unsafe { update_common(op, args, kw, "dict") })
}

unsafe extern "C" fn dict_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        // An empty dict releases nothing that could recurse: no trashcan.
        if (*obj(op)).ma_used == 0 {
            dict_teardown(op);
            return;
        }
        if !crate::object::trashcan::enter(op, dict_dealloc) {
            return;
        }
        dict_teardown(op);
        crate::object::trashcan::leave();
    }
}

/// The body of `dict_dealloc`, run under the trashcan.
unsafe fn dict_teardown(op: *mut PyObject) {
    // SAFETY: refcount reached zero; the trashcan let op through.
    unsafe {
        crate::object::gc::untrack(op);
        let k = keys(op);
        (*obj(op)).ma_keys = dictkeys::empty().cast();
        (*obj(op)).ma_used = 0;
        release_table(k);
        let tp = (*op).ob_type;
        if tp == &raw mut PyDict_Type {
            let kept = FREE_DICTS
                .try_with(|f| {
                    let mut f = f.borrow_mut();
                    if f.0.len() < FREE_DICTS_MAX {
                        f.0.push(op);
                        true
                    } else {
                        false
                    }
                })
                .unwrap_or(false);
            if kept {
                return;
            }
        }
        if let Some(free) = (*tp).tp_free {
            free(op.cast());
        }
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(tp.cast());
        }
    }
}

unsafe extern "C" fn dict_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    // SAFETY: op is a dict; visit is the collector's callback.
    unsafe {
        let Some(visit) = visit else { return 0 };
        let k = keys(op);
        if k.is_null() {
            return 0;
        }
        // Exact strs are never collected: a table holding only such keys
        // visits its values alone, and otherwise each value before its key,
        // as CPython's dict_traverse (what `gc.get_referents` lists).
        let all_str = (*k).all_str;
        for e in Keys::used_entries(k) {
            if !e.value.is_null() {
                let r = visit(e.value, arg);
                if r != 0 {
                    return r;
                }
                if !all_str {
                    let r = visit(e.key, arg);
                    if r != 0 {
                        return r;
                    }
                }
            }
        }
        0
    }
}

unsafe extern "C" fn dict_tp_clear(op: *mut PyObject) -> c_int {
    // SAFETY: op is a dict.
    unsafe { clear(op) };
    0
}

unsafe extern "C" fn dict_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a dict; items are held while their repr runs.
        unsafe {
            if len(op) == 0 {
                return pystr::from_str("{}");
            }
            let Some(_guard) = protocol::ReprGuard::enter(op)? else {
                return pystr::from_str("{...}");
            };
            let mut out = String::from("{");
            let mut pos = 0;
            let mut first = true;
            while let Some((k, v)) = next(op, &mut pos) {
                let (k, v) = (Owned::from_borrowed(k), Owned::from_borrowed(v));
                if !first {
                    out.push_str(", ");
                }
                first = false;
                out.push_str(pystr::as_str(protocol::repr(k.as_ptr())?.as_ptr())?);
                out.push_str(": ");
                out.push_str(pystr::as_str(protocol::repr(v.as_ptr())?.as_ptr())?);
            }
            out.push('}');
            pystr::from_str(&out)
        }
    })
}

unsafe extern "C" fn dict_length(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: op is a dict.
    unsafe { len(op) }
}

unsafe extern "C" fn dict_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a dict.
        unsafe {
            let v = get_item(op, key)?;
            if !v.is_null() {
                return Ok(Owned::from_borrowed(v));
            }
            if !check_exact(op) {
                if let Some(v) = protocol::call_special(op, "__missing__", &[key])? {
                    return Ok(v);
                }
            }
            Err(errors::key_error(key))
        }
    })
}

unsafe extern "C" fn dict_ass_subscript(
    op: *mut PyObject,
    key: *mut PyObject,
    value: *mut PyObject,
) -> c_int {
    guard_status(|| {
        // SAFETY: op is a dict.
        unsafe {
            if value.is_null() {
                del_item(op, key)
            } else {
                set_item(op, key, value)
            }
        }
    })
}

unsafe extern "C" fn dict_contains(op: *mut PyObject, key: *mut PyObject) -> c_int {
    // SAFETY: op is a dict.
    guard_int(|| unsafe { contains(op, key).map(c_int::from) })
}

use crate::capi::boundary::guard_int;

unsafe extern "C" fn dict_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is a dict.
        unsafe {
            if !check(b) || (op != Py_EQ && op != Py_NE) {
                return Ok(Owned::from_borrowed_static(
                    crate::object::none::not_implemented(),
                ));
            }
            let eq = equal(a, b)?;
            Ok(Owned::from_borrowed_static(crate::object::bool::from_bool(
                eq == (op == Py_EQ),
            )))
        }
    })
}

/// `tp_iter`: iteration over the keys.
pub unsafe extern "C" fn dict_iter(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a dict.
    guard_obj(|| unsafe { dictview::iter_new(op, dictview::Kind::Keys, false) })
}

unsafe extern "C" fn dict_or(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a and b valid.
        unsafe {
            if !check(a) || !check(b) {
                return Ok(Owned::from_borrowed_static(
                    crate::object::none::not_implemented(),
                ));
            }
            let r = copy(a)?;
            update_arg(r.as_ptr(), b)?;
            Ok(r)
        }
    })
}

unsafe extern "C" fn dict_ior(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is a dict.
        unsafe {
            update_arg(a, b)?;
            Ok(Owned::from_borrowed(a))
        }
    })
}

// ---- methods ---------------------------------------------------------------

unsafe extern "C" fn dict_contains_meth(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a dict.
        unsafe {
            Ok(Owned::from_borrowed_static(crate::object::bool::from_bool(
                contains(op, key)?,
            )))
        }
    })
}

unsafe extern "C" fn dict_sizeof(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a dict.
        unsafe {
            let k = keys(op);
            let mut n = (*(*op).ob_type).tp_basicsize as usize;
            if k != dictkeys::empty() {
                n += (*k).cpython_size();
            }
            crate::object::int::from_u64(n as u64)
        }
    })
}

unsafe extern "C" fn dict_get(
    op: *mut PyObject,
    args: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args holds n objects.
        unsafe {
            check_nargs("get", n as usize, 1, 2)?;
            let v = get_item(op, *args)?;
            if !v.is_null() {
                return Ok(Owned::from_borrowed(v));
            }
            Ok(Owned::from_borrowed(if n == 2 {
                *args.add(1)
            } else {
                crate::object::none::none()
            }))
        }
    })
}

unsafe extern "C" fn dict_setdefault(
    op: *mut PyObject,
    args: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args holds n objects.
        unsafe {
            check_nargs("setdefault", n as usize, 1, 2)?;
            let default = if n == 2 {
                *args.add(1)
            } else {
                crate::object::none::none()
            };
            Ok(Owned::from_borrowed(setdefault(op, *args, default)?))
        }
    })
}

unsafe extern "C" fn dict_pop(
    op: *mut PyObject,
    args: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args holds n objects.
        unsafe {
            check_nargs("pop", n as usize, 1, 2)?;
            match pop(op, *args)? {
                Some(v) => Ok(v),
                None if n == 2 => Ok(Owned::from_borrowed(*args.add(1))),
                None => Err(errors::key_error(*args)),
            }
        }
    })
}

unsafe extern "C" fn dict_popitem(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a dict.
    guard_obj(|| unsafe { popitem(op) })
}

unsafe extern "C" fn dict_keys(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a dict.
    guard_obj(|| unsafe { dictview::view_new(op, dictview::Kind::Keys) })
}

unsafe extern "C" fn dict_items(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a dict.
    guard_obj(|| unsafe { dictview::view_new(op, dictview::Kind::Items) })
}

unsafe extern "C" fn dict_values(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a dict.
    guard_obj(|| unsafe { dictview::view_new(op, dictview::Kind::Values) })
}

unsafe extern "C" fn dict_reversed(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a dict.
    guard_obj(|| unsafe { dictview::iter_new(op, dictview::Kind::Keys, true) })
}

unsafe extern "C" fn dict_update(
    op: *mut PyObject,
    args: *mut PyObject,
    kw: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a dict, args a tuple.
        unsafe {
            update_common(op, args, kw, "update")?;
            Ok(Owned::from_borrowed_static(crate::object::none::none()))
        }
    })
}

unsafe extern "C" fn dict_clear_meth(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a dict.
    unsafe { clear(op) };
    crate::object::none::none()
}

unsafe extern "C" fn dict_copy(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a dict.
    guard_obj(|| unsafe { copy(op) })
}

/// `dict.fromkeys(iterable, value=None)` on class `cls`.
pub unsafe fn fromkeys(
    cls: *mut PyObject,
    iterable: *mut PyObject,
    value: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: cls callable; iterable and value valid.
    unsafe {
        let d = protocol::call_args(cls, &[])?;
        let dp = d.as_ptr();
        if check_exact(dp) && check_exact(iterable) {
            if len(dp) == 0 {
                resize(dp, dictkeys::log2_estimate(len(iterable) as usize), true)?;
            }
            let mut pos = 0;
            while let Some(e) = next_entry(iterable, &mut pos) {
                let key = Owned::from_borrowed(e.key);
                set_item_hashed(dp, key.as_ptr(), value, e.hash)?;
            }
            return Ok(d);
        }
        // A set or frozenset gives its stored hashes too.
        if check_exact(dp) && crate::object::set::check_any_exact(iterable) {
            let n = crate::object::set::len(iterable);
            if len(dp) == 0 {
                resize(dp, dictkeys::log2_estimate(n as usize), true)?;
            }
            let mut pos = 0;
            while let Some(e) = crate::object::set::next_entry(iterable, &mut pos) {
                let key = Owned::from_borrowed(e.key);
                set_item_hashed(dp, key.as_ptr(), value, e.hash)?;
            }
            return Ok(d);
        }
        let it = protocol::get_iter(iterable)?;
        let exact = check_exact(dp);
        while let Some(key) = protocol::iter_next(it.as_ptr())? {
            if exact {
                set_item(dp, key.as_ptr(), value)?;
            } else {
                protocol::set_item(dp, key.as_ptr(), value)?;
            }
        }
        Ok(d)
    }
}

unsafe extern "C" fn dict_fromkeys(
    cls: *mut PyObject,
    args: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args holds n objects.
        unsafe {
            check_nargs("fromkeys", n as usize, 1, 2)?;
            let value = if n == 2 {
                *args.add(1)
            } else {
                crate::object::none::none()
            };
            fromkeys(cls, *args, value)
        }
    })
}
