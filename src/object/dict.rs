//! `dict` (`PyDict_Type`): an insertion-ordered hash table in CPython's
//! compact style — a dense array of entries in insertion order plus a sparse
//! index table probed with CPython's perturbation scheme — so iteration
//! order is CPython's.
use crate::capi::boundary::{guard, guard_obj};
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::{self, type_template};
use crate::object::{protocol, str as pystr};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use std::ptr::null_mut;

/// `PyDict_Type`.
#[no_mangle]
pub static mut PyDict_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE
        | Py_TPFLAGS_DICT_SUBCLASS
        | Py_TPFLAGS_HAVE_GC
        | Py_TPFLAGS_MAPPING,
    tp_dealloc: Some(dict_dealloc),
    tp_repr: Some(dict_repr),
    tp_hash: Some(crate::capi::object::PyObject_HashNotImplemented),
    tp_as_mapping: &raw mut DICT_AS_MAPPING,
    tp_as_sequence: &raw mut DICT_AS_SEQUENCE,
    tp_traverse: Some(dict_traverse),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_doc: c"dict() -> new empty dictionary".as_ptr(),
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

/// One slot of the dense entry array; a deleted entry has a NULL key.
#[derive(Clone, Copy)]
pub struct Entry {
    pub hash: Py_hash_t,
    pub key: *mut PyObject,
    pub value: *mut PyObject,
}

const EMPTY: i32 = -1;
const DUMMY: i32 = -2;
const MIN_SIZE: usize = 8;

/// The table behind `ma_keys`.
pub struct Table {
    indices: Vec<i32>,
    pub entries: Vec<Entry>,
    /// Bumped on every structural change; lookups restart when a key's
    /// `__eq__` changed the table under them.
    pub version: u64,
}

impl Table {
    fn with_capacity(n: usize) -> Table {
        let size = (n * 3 / 2 + 1).next_power_of_two().max(MIN_SIZE);
        Table {
            indices: vec![EMPTY; size],
            entries: Vec::with_capacity(size * 2 / 3),
            version: 0,
        }
    }

    #[inline]
    fn mask(&self) -> usize {
        self.indices.len() - 1
    }

    /// Index slots probed for `hash`, CPython's order.
    #[inline]
    fn probe(&self, hash: Py_hash_t) -> impl Iterator<Item = usize> + '_ {
        let mask = self.mask();
        let mut perturb = hash as usize;
        let mut i = hash as usize & mask;
        let mut first = true;
        std::iter::from_fn(move || {
            if !first {
                perturb >>= 5;
                i = (i * 5 + perturb + 1) & mask;
            }
            first = false;
            Some(i)
        })
    }

    fn rebuild(&mut self, min_used: usize) {
        let live: Vec<Entry> = self
            .entries
            .iter()
            .copied()
            .filter(|e| !e.key.is_null())
            .collect();
        let size = ((min_used.max(live.len()) * 3).next_power_of_two()).max(MIN_SIZE);
        self.indices = vec![EMPTY; size];
        self.entries = Vec::with_capacity(size * 2 / 3);
        for e in live {
            let ix = self.entries.len() as i32;
            let slot = self
                .probe(e.hash)
                .find(|&s| self.indices[s] == EMPTY)
                .unwrap();
            self.indices[slot] = ix;
            self.entries.push(e);
        }
        self.version += 1;
    }
}

#[inline(always)]
unsafe fn table<'a>(d: *mut PyObject) -> &'a mut Table {
    // SAFETY: every dict's ma_keys holds a Box<Table> from new().
    unsafe { &mut *((*d.cast::<PyDictObject>()).ma_keys as *mut Table) }
}

/// Whether `op` is a dict or dict subclass instance.
#[inline(always)]
pub unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*(*op).ob_type).tp_flags & Py_TPFLAGS_DICT_SUBCLASS != 0 }
}

/// Attaches an empty table to freshly allocated dict memory.
pub unsafe fn init_storage(op: *mut PyObject, capacity: usize) {
    // SAFETY: op is a zeroed dict allocation.
    unsafe {
        (*op.cast::<PyDictObject>()).ma_keys =
            Box::into_raw(Box::new(Table::with_capacity(capacity))).cast();
    }
}

/// A new empty dict.
pub fn new() -> PyResult<Owned> {
    with_capacity(0)
}

/// A new empty dict sized for `n` items.
pub fn with_capacity(n: usize) -> PyResult<Owned> {
    // SAFETY: PyDict_Type is ready; generic_alloc gives zeroed memory.
    unsafe {
        let op = crate::object::alloc::generic_alloc(&raw mut PyDict_Type, 0);
        if op.is_null() {
            return Err(Raised::assume());
        }
        init_storage(op, n);
        crate::capi::gc::track(op);
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// Number of items.
#[inline]
pub unsafe fn len(d: *mut PyObject) -> Py_ssize_t {
    // SAFETY: d is a dict.
    unsafe { (*d.cast::<PyDictObject>()).ma_used }
}

/// Key equality as dicts use it: identity, then str fast path, then `==`.
#[inline]
unsafe fn keys_equal(a: *mut PyObject, b: *mut PyObject) -> PyResult<bool> {
    if a == b {
        return Ok(true);
    }
    // SAFETY: both valid.
    unsafe {
        if pystr::check_exact(a) && pystr::check_exact(b) {
            return Ok(pystr::eq(a, b));
        }
        protocol::rich_compare_bool(a, b, Py_EQ)
    }
}

/// Finds the index slot and entry index of `key`, or `None`.
unsafe fn find(
    d: *mut PyObject,
    key: *mut PyObject,
    hash: Py_hash_t,
) -> PyResult<Option<(usize, usize)>> {
    // SAFETY: d is a dict; comparisons may run Python code, so the table is
    // re-fetched and the search restarted when it changed.
    unsafe {
        'restart: loop {
            let t = table(d);
            let version = t.version;
            let mask = t.mask();
            let mut perturb = hash as usize;
            let mut i = hash as usize & mask;
            loop {
                let ix = t.indices[i];
                if ix == EMPTY {
                    return Ok(None);
                }
                if ix >= 0 {
                    let e = t.entries[ix as usize];
                    if e.key == key {
                        return Ok(Some((i, ix as usize)));
                    }
                    if e.hash == hash {
                        let k = Owned::from_borrowed(e.key);
                        let eq = keys_equal(k.as_ptr(), key)?;
                        if table(d).version != version {
                            continue 'restart;
                        }
                        if eq {
                            return Ok(Some((i, ix as usize)));
                        }
                    }
                }
                perturb >>= 5;
                i = (i * 5 + perturb + 1) & mask;
            }
        }
    }
}

/// The value for `key` (borrowed), NULL when absent; raises for an
/// unhashable key or a failing `__eq__`.
pub unsafe fn get_item(d: *mut PyObject, key: *mut PyObject) -> PyResult<*mut PyObject> {
    // SAFETY: d is a dict, key valid.
    unsafe {
        let h = protocol::hash(key)?;
        get_item_hashed(d, key, h)
    }
}

/// `get_item` with a known hash.
pub unsafe fn get_item_hashed(
    d: *mut PyObject,
    key: *mut PyObject,
    h: Py_hash_t,
) -> PyResult<*mut PyObject> {
    // SAFETY: d is a dict.
    unsafe {
        Ok(match find(d, key, h)? {
            Some((_, ix)) => table(d).entries[ix].value,
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
        // Fast path: identical or equal str keys without running Python code.
        let t = table(d);
        for slot in t.probe(h) {
            let ix = t.indices[slot];
            if ix == EMPTY {
                return null_mut();
            }
            if ix >= 0 {
                let e = &t.entries[ix as usize];
                if e.key == key {
                    return e.value;
                }
                if e.hash == h && pystr::check_exact(e.key) {
                    if pystr::eq(e.key, key) {
                        return e.value;
                    }
                } else if e.hash == h {
                    break;
                }
            }
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

/// Sets `d[key] = value` (new references taken).
pub unsafe fn set_item(d: *mut PyObject, key: *mut PyObject, value: *mut PyObject) -> PyResult<()> {
    // SAFETY: d is a dict.
    unsafe {
        let h = protocol::hash(key)?;
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
        if let Some((_, ix)) = find(d, key, h)? {
            let t = table(d);
            let old = std::mem::replace(&mut t.entries[ix].value, new_ref(value));
            decref(old);
            return Ok(());
        }
        let t = table(d);
        if t.entries.len() + 1 > t.indices.len() * 2 / 3 {
            t.rebuild(len(d) as usize + 1);
        }
        let slot = t.probe(h).find(|&s| t.indices[s] < 0).unwrap();
        t.indices[slot] = t.entries.len() as i32;
        t.entries.push(Entry {
            hash: h,
            key: new_ref(key),
            value: new_ref(value),
        });
        t.version += 1;
        (*d.cast::<PyDictObject>()).ma_used += 1;
        Ok(())
    }
}

/// Deletes `key`; `Ok(false)` when it was absent (no error set).
pub unsafe fn del_item_opt(d: *mut PyObject, key: *mut PyObject) -> PyResult<bool> {
    // SAFETY: d is a dict.
    unsafe {
        let h = protocol::hash(key)?;
        let Some((slot, ix)) = find(d, key, h)? else {
            return Ok(false);
        };
        let t = table(d);
        t.indices[slot] = DUMMY;
        let e = std::mem::replace(
            &mut t.entries[ix],
            Entry {
                hash: 0,
                key: null_mut(),
                value: null_mut(),
            },
        );
        t.version += 1;
        (*d.cast::<PyDictObject>()).ma_used -= 1;
        decref(e.key);
        decref(e.value);
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

/// `PyDict_Next`: the live entry at or after `*pos` (borrowed), advancing.
pub unsafe fn next(d: *mut PyObject, pos: &mut usize) -> Option<(*mut PyObject, *mut PyObject)> {
    // SAFETY: d is a dict.
    unsafe {
        let t = table(d);
        while *pos < t.entries.len() {
            let e = t.entries[*pos];
            *pos += 1;
            if !e.key.is_null() {
                return Some((e.key, e.value));
            }
        }
        None
    }
}

/// `PyDict_Clear`.
pub unsafe fn clear(d: *mut PyObject) {
    // SAFETY: d is a dict; the old entries are released after the swap so
    // their destructors see a consistent, empty dict.
    unsafe {
        let t = table(d);
        let old = std::mem::replace(t, Table::with_capacity(0));
        table(d).version = old.version + 1;
        (*d.cast::<PyDictObject>()).ma_used = 0;
        for e in old.entries {
            if !e.key.is_null() {
                decref(e.key);
                decref(e.value);
            }
        }
    }
}

unsafe extern "C" fn dict_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        crate::capi::gc::untrack(op);
        let t = Box::from_raw((*op.cast::<PyDictObject>()).ma_keys as *mut Table);
        (*op.cast::<PyDictObject>()).ma_keys = null_mut();
        for e in t.entries {
            if !e.key.is_null() {
                decref(e.key);
                decref(e.value);
            }
        }
        let tp = (*op).ob_type;
        if let Some(free) = (*tp).tp_free {
            free(op.cast());
        }
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(tp.cast());
        }
    }
}

unsafe extern "C" fn dict_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut libc::c_void,
) -> libc::c_int {
    // SAFETY: op is a dict; visit is the collector's callback.
    unsafe {
        let Some(visit) = visit else { return 0 };
        for e in &table(op).entries {
            if !e.key.is_null() {
                let r = visit(e.key, arg);
                if r != 0 {
                    return r;
                }
                let r = visit(e.value, arg);
                if r != 0 {
                    return r;
                }
            }
        }
        0
    }
}

unsafe extern "C" fn dict_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a dict.
        unsafe {
            let Some(_guard) = crate::object::protocol::ReprGuard::enter(op)? else {
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
    guard(|| {
        // SAFETY: op is a dict.
        unsafe {
            match get_item(op, key) {
                Ok(v) if !v.is_null() => new_ref(v),
                Ok(_) => {
                    if (*op).ob_type != &raw mut PyDict_Type {
                        let missing = typeobj::lookup_str((*op).ob_type, "__missing__");
                        if !missing.is_null() {
                            return match protocol::call_method_obj(op, "__missing__", &[key]) {
                                Ok(r) => r.into_raw(),
                                Err(_) => null_mut(),
                            };
                        }
                    }
                    errors::key_error(key);
                    null_mut()
                }
                Err(_) => null_mut(),
            }
        }
    })
}

unsafe extern "C" fn dict_ass_subscript(
    op: *mut PyObject,
    key: *mut PyObject,
    value: *mut PyObject,
) -> libc::c_int {
    crate::capi::boundary::guard_status(|| {
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

unsafe extern "C" fn dict_contains(op: *mut PyObject, key: *mut PyObject) -> libc::c_int {
    // SAFETY: op is a dict.
    guard(|| unsafe {
        match get_item(op, key) {
            Ok(v) => (!v.is_null()) as libc::c_int,
            Err(_) => -1,
        }
    })
}
