//! The hash table behind a dict (`PyDictKeysObject` in CPython): one
//! allocation holding a small header, a sparse index array whose width
//! (1, 2, 4 or 8 bytes) grows with the table, and a dense array of entries
//! in insertion order. Probing, growth and sizes follow `Objects/dictobject.c`
//! so iteration order and `__sizeof__` match CPython.
//!
//! A table remembers whether every key it ever held was an exact `str`; a
//! lookup with an exact `str` key in such a table compares without running
//! Python code. Empty dicts share one static, read-only table, and small
//! tables are recycled through a per-thread free list.
use crate::ffi::*;
use crate::object::{int, str as pystr};
use std::cell::RefCell;
use std::ptr::null_mut;

/// One slot of the dense entry array; a deleted entry has NULL key and value.
#[derive(Clone, Copy)]
#[repr(C)]
pub struct Entry {
    pub hash: Py_hash_t,
    pub key: *mut PyObject,
    pub value: *mut PyObject,
}

/// Table header; the index array and the entries follow it in memory.
#[repr(C)]
pub struct Keys {
    /// log2 of the number of index slots.
    log2_size: u8,
    /// log2 of the bytes of one index slot.
    log2_width: u8,
    /// Every key inserted so far was an exact `str`.
    pub all_str: bool,
    /// `dk_version`: 0, or a number no other key layout has had, given out
    /// by [`Keys::version`] and dropped whenever a key enters or leaves.
    /// Equal versions mean the same keys at the same entry indices, which
    /// is what `LOAD_GLOBAL`'s inline cache relies on.
    version: u32,
    /// Entries in use, deleted ones included (the next free entry).
    pub nentries: usize,
    /// Entries that can still be appended before a resize.
    pub usable: usize,
}

pub const EMPTY: isize = -1;
pub const DUMMY: isize = -2;
/// log2 of `PyDict_MINSIZE`.
const LOG2_MINSIZE: u8 = 3;
const PERTURB_SHIFT: u32 = 5;
const FREELIST_MAX: usize = 80;

/// The shared table of empty dicts: eight empty slots, no usable entry, so
/// the first insertion always allocates. Never written.
#[repr(C)]
struct EmptyKeys {
    head: Keys,
    indices: [i8; 8],
}

static mut EMPTY_KEYS: EmptyKeys = EmptyKeys {
    head: Keys {
        log2_size: LOG2_MINSIZE,
        log2_width: 0,
        all_str: true,
        version: 0,
        nentries: 0,
        usable: 0,
    },
    indices: [-1; 8],
};

/// The shared empty table.
#[inline(always)]
pub fn empty() -> *mut Keys {
    (&raw mut EMPTY_KEYS).cast()
}

/// Recycled tables of the minimum size (8 slots, 1-byte indices), freed
/// with the thread.
struct FreeKeys(Vec<*mut Keys>);

impl Drop for FreeKeys {
    fn drop(&mut self) {
        for &k in &self.0 {
            // SAFETY: each entry is a dead table from Keys::new.
            unsafe { libc::free(k.cast()) }
        }
    }
}

thread_local! {
    static FREE_KEYS: RefCell<FreeKeys> = const { RefCell::new(FreeKeys(Vec::new())) };
}

/// Frees the key tables kept for reuse by this thread (finalization and
/// thread exit).
pub fn clear_freelist() {
    let _ = FREE_KEYS.try_with(|f| drop(FreeKeys(std::mem::take(&mut f.borrow_mut().0))));
}

/// `USABLE_FRACTION`: entries a table of `size` slots may hold.
#[inline(always)]
pub const fn usable_fraction(size: usize) -> usize {
    (size << 1) / 3
}

/// `calculate_log2_keysize`: the smallest table with more than `minsize` slots
/// (at least 8).
#[inline]
pub fn log2_for(minsize: usize) -> u8 {
    let m = (minsize | 8) - 1;
    (usize::BITS - (m | 7).leading_zeros()) as u8
}

/// `estimate_log2_keysize`: a table that holds `n` entries without resizing.
#[inline]
pub fn log2_estimate(n: usize) -> u8 {
    log2_for((n * 3).div_ceil(2))
}

#[inline(always)]
fn width_for(log2_size: u8) -> u8 {
    match log2_size {
        0..=7 => 0,
        8..=15 => 1,
        16..=31 => 2,
        _ => 3,
    }
}

#[inline(always)]
fn alloc_bytes(log2_size: u8) -> usize {
    let size = 1usize << log2_size;
    std::mem::size_of::<Keys>()
        + (size << width_for(log2_size))
        + usable_fraction(size) * std::mem::size_of::<Entry>()
}

impl Keys {
    /// A new empty table with `1 << log2_size` slots; NULL when out of memory.
    pub fn new(log2_size: u8, all_str: bool) -> *mut Keys {
        let size = 1usize << log2_size;
        let width = width_for(log2_size);
        let k = if log2_size == LOG2_MINSIZE {
            FREE_KEYS
                .try_with(|f| f.borrow_mut().0.pop())
                .ok()
                .flatten()
                .unwrap_or(null_mut())
        } else {
            null_mut()
        };
        // SAFETY: a fresh allocation of alloc_bytes(log2_size) bytes (or a
        // recycled one of the same size), header and indices written here.
        unsafe {
            let k = if k.is_null() {
                libc::malloc(alloc_bytes(log2_size)).cast::<Keys>()
            } else {
                k
            };
            if k.is_null() {
                return k;
            }
            k.write(Keys {
                log2_size,
                log2_width: width,
                all_str,
                version: 0,
                nentries: 0,
                usable: usable_fraction(size),
            });
            std::ptr::write_bytes(k.add(1).cast::<u8>(), 0xff, size << width);
            k
        }
    }

    /// Frees a table whose entries were already released or moved; the
    /// shared empty table is left alone.
    pub unsafe fn free(k: *mut Keys) {
        if k == empty() {
            return;
        }
        // SAFETY: k came from Keys::new.
        unsafe {
            if (*k).log2_size == LOG2_MINSIZE {
                let kept = FREE_KEYS
                    .try_with(|f| {
                        let mut f = f.borrow_mut();
                        if f.0.len() < FREELIST_MAX {
                            f.0.push(k);
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
            libc::free(k.cast());
        }
    }

    /// Number of index slots.
    #[inline(always)]
    pub fn size(&self) -> usize {
        1 << self.log2_size
    }

    /// log2 of the number of index slots.
    #[inline(always)]
    pub fn log2_size(&self) -> u8 {
        self.log2_size
    }

    /// Bytes CPython would report for this table (`_PyDict_KeysSize`): str-only
    /// tables use 16-byte entries there.
    pub fn cpython_size(&self) -> usize {
        let size = self.size();
        let entry = if self.all_str { 16 } else { 24 };
        32 + (size << self.log2_width) + usable_fraction(size) * entry
    }

    #[inline(always)]
    unsafe fn indices(k: *mut Keys) -> *mut u8 {
        // SAFETY: the index array follows the header.
        unsafe { k.add(1).cast() }
    }

    /// The index stored in slot `i`.
    #[inline(always)]
    pub unsafe fn index(k: *mut Keys, i: usize) -> isize {
        // SAFETY: i < size; the width matches log2_width.
        unsafe {
            let p = Self::indices(k);
            match (*k).log2_width {
                0 => *p.cast::<i8>().add(i) as isize,
                1 => *p.cast::<i16>().add(i) as isize,
                2 => *p.cast::<i32>().add(i) as isize,
                _ => *p.cast::<i64>().add(i) as isize,
            }
        }
    }

    /// Stores `ix` in slot `i`.
    #[inline(always)]
    pub unsafe fn set_index(k: *mut Keys, i: usize, ix: isize) {
        // SAFETY: i < size; ix fits the width (the width grows with the table).
        unsafe {
            let p = Self::indices(k);
            match (*k).log2_width {
                0 => *p.cast::<i8>().add(i) = ix as i8,
                1 => *p.cast::<i16>().add(i) = ix as i16,
                2 => *p.cast::<i32>().add(i) = ix as i32,
                _ => *p.cast::<i64>().add(i) = ix as i64,
            }
        }
    }

    /// The entry array.
    #[inline(always)]
    pub unsafe fn entries(k: *mut Keys) -> *mut Entry {
        // SAFETY: entries follow the indices.
        unsafe { Self::indices(k).add((*k).size() << (*k).log2_width).cast() }
    }

    /// Entry `ix`.
    #[inline(always)]
    pub unsafe fn entry<'a>(k: *mut Keys, ix: usize) -> &'a mut Entry {
        // SAFETY: ix < nentries.
        unsafe { &mut *Self::entries(k).add(ix) }
    }

    /// The used part of the entry array.
    #[inline(always)]
    pub unsafe fn used_entries<'a>(k: *mut Keys) -> &'a [Entry] {
        // SAFETY: the first nentries entries are initialized.
        unsafe { std::slice::from_raw_parts(Self::entries(k), (*k).nentries) }
    }

    /// Slot of `hash`'s probe sequence holding no live index (EMPTY or
    /// DUMMY): where a new key goes (`find_empty_slot`).
    #[inline]
    pub unsafe fn find_empty_slot(k: *mut Keys, hash: Py_hash_t) -> usize {
        // SAFETY: the table always has an empty slot.
        unsafe {
            let mask = (*k).size() - 1;
            let mut perturb = hash as usize;
            let mut i = hash as usize & mask;
            while Self::index(k, i) >= 0 {
                perturb >>= PERTURB_SHIFT;
                i = (i * 5 + perturb + 1) & mask;
            }
            i
        }
    }

    /// The table's keys version (`_PyDictKeys_GetVersionForCurrentState`):
    /// assigned on first request, 0 once the versions run out and for the
    /// shared empty table.
    #[inline]
    pub unsafe fn version(k: *mut Keys) -> u32 {
        use std::sync::atomic::{AtomicU32, Ordering};
        /// The next version to give out; 0 is never given.
        static NEXT: AtomicU32 = AtomicU32::new(1);
        // SAFETY: k is a live table; the empty table is never written.
        unsafe {
            if (*k).version == 0 && k != empty() {
                let v = NEXT.load(Ordering::Relaxed);
                if v != 0 {
                    // Tables of different interpreters may ask at once:
                    // each must get its own number.
                    (*k).version = NEXT.fetch_add(1, Ordering::Relaxed);
                }
            }
            (*k).version
        }
    }

    /// The version as it stands (0: none given out since the last change).
    #[inline(always)]
    pub fn current_version(&self) -> u32 {
        self.version
    }

    /// Forgets the version after a key left the table.
    #[inline]
    pub unsafe fn key_removed(k: *mut Keys) {
        // SAFETY: k is a live table, not the empty one (it has no keys).
        unsafe { (*k).version = 0 }
    }

    /// Appends a new entry for a key known to be absent (stealing `key` and
    /// `value`); the caller made sure `usable > 0`.
    #[inline]
    pub unsafe fn append(k: *mut Keys, hash: Py_hash_t, key: *mut PyObject, value: *mut PyObject) {
        // SAFETY: usable > 0, so entry nentries is in bounds.
        unsafe {
            debug_assert!((*k).usable > 0);
            if (*k).all_str && !pystr::check_exact(key) {
                (*k).all_str = false;
            }
            (*k).version = 0;
            let slot = Self::find_empty_slot(k, hash);
            let ix = (*k).nentries;
            Self::set_index(k, slot, ix as isize);
            Self::entries(k).add(ix).write(Entry { hash, key, value });
            (*k).nentries = ix + 1;
            (*k).usable -= 1;
        }
    }

    /// Looks up an exact-`str` key in a table whose keys are all exact strs:
    /// no Python code runs. Returns `(slot, entry index)`.
    #[inline]
    pub unsafe fn lookup_str(
        k: *mut Keys,
        key: *mut PyObject,
        hash: Py_hash_t,
    ) -> Option<(usize, usize)> {
        // SAFETY: forwarded; the width picks the index type.
        unsafe {
            let r = match (*k).log2_width {
                0 => probe::<i8, true>(k, key, hash),
                1 => probe::<i16, true>(k, key, hash),
                2 => probe::<i32, true>(k, key, hash),
                _ => probe::<i64, true>(k, key, hash),
            };
            match r {
                Probe::Found(slot, ix) => Some((slot, ix)),
                _ => None,
            }
        }
    }

    /// Looks up any key as far as no Python code is needed: `NeedsEq` when
    /// an entry with the same hash holds a different, non-identical key
    /// that must be compared with `__eq__`.
    #[inline]
    pub unsafe fn lookup_identity(k: *mut Keys, key: *mut PyObject, hash: Py_hash_t) -> Probe {
        // SAFETY: forwarded; the width picks the index type.
        unsafe {
            match (*k).log2_width {
                0 => probe::<i8, false>(k, key, hash),
                1 => probe::<i16, false>(k, key, hash),
                2 => probe::<i32, false>(k, key, hash),
                _ => probe::<i64, false>(k, key, hash),
            }
        }
    }

    /// A table of `1 << log2_size` slots holding the live entries of `k` in
    /// order (moved, not increfed); `k` is not freed. NULL when out of memory.
    pub unsafe fn rebuilt(k: *mut Keys, log2_size: u8) -> *mut Keys {
        // SAFETY: k is a valid table; the new one has room for every live entry.
        unsafe {
            let n = Self::new(log2_size, (*k).all_str);
            if n.is_null() {
                return n;
            }
            let dst = Self::entries(n);
            let mut j = 0;
            for e in Self::used_entries(k) {
                if !e.value.is_null() {
                    dst.add(j).write(*e);
                    j += 1;
                }
            }
            let mask = (*n).size() - 1;
            for ix in 0..j {
                let hash = (*dst.add(ix)).hash;
                let mut perturb = hash as usize;
                let mut i = hash as usize & mask;
                while Self::index(n, i) != EMPTY {
                    perturb >>= PERTURB_SHIFT;
                    i = (i * 5 + perturb + 1) & mask;
                }
                Self::set_index(n, i, ix as isize);
            }
            (*n).nentries = j;
            (*n).usable -= j;
            n
        }
    }

    /// An exact copy of `k` (same size, same index array), with new
    /// references to every live key and value. NULL when out of memory.
    pub unsafe fn clone_table(k: *mut Keys) -> *mut Keys {
        // SAFETY: k is a valid table of the same byte size as the copy.
        unsafe {
            let bytes = alloc_bytes((*k).log2_size);
            let n = libc::malloc(bytes).cast::<Keys>();
            if n.is_null() {
                return n;
            }
            std::ptr::copy_nonoverlapping(k.cast::<u8>(), n.cast::<u8>(), bytes);
            for e in Self::used_entries(n) {
                if !e.value.is_null() {
                    crate::object::refcount::incref(e.key);
                    crate::object::refcount::incref(e.value);
                }
            }
            n
        }
    }
}

/// The outcome of a probe that runs no Python code.
pub enum Probe {
    /// `(index slot, entry index)` of the key.
    Found(usize, usize),
    /// The key is not in the table.
    Absent,
    /// An entry with the same hash needs `__eq__` to decide.
    NeedsEq,
}

/// Key equality settled without Python code when both keys are exact strs
/// or both exact ints (the common keys); `None` when `__eq__` must decide.
/// Shared by dicts and sets.
#[inline(always)]
pub unsafe fn fast_eq(a: *mut PyObject, b: *mut PyObject) -> Option<bool> {
    // SAFETY: a and b are valid objects.
    unsafe {
        let t = (*a).ob_type;
        if t != (*b).ob_type {
            return None;
        }
        if t == &raw mut pystr::PyUnicode_Type {
            return Some(pystr::eq(a, b));
        }
        if t == &raw mut int::PyLong_Type {
            return Some(int::sign(a) == int::sign(b) && int::digits(a) == int::digits(b));
        }
        None
    }
}

/// An index slot type (1, 2, 4 or 8 bytes).
trait IndexSlot: Copy {
    fn get(self) -> isize;
}

macro_rules! index_slot {
    ($($t:ty),*) => {$(impl IndexSlot for $t {
        #[inline(always)]
        fn get(self) -> isize {
            self as isize
        }
    })*};
}
index_slot!(i8, i16, i32, i64);

/// The probe loop for one index width. With `STR`, every key of the table
/// and `key` are exact strs and equal hashes are settled by comparing
/// contents; otherwise strs and ints are compared directly and any other
/// equal hash on a non-identical key gives `NeedsEq`.
#[inline(always)]
unsafe fn probe<I: IndexSlot, const STR: bool>(
    k: *mut Keys,
    key: *mut PyObject,
    hash: Py_hash_t,
) -> Probe {
    // SAFETY: k is a valid table whose index slots have type I.
    unsafe {
        let mask = (*k).size() - 1;
        let indices = Keys::indices(k).cast::<I>();
        let entries = Keys::entries(k);
        let mut perturb = hash as usize;
        let mut i = hash as usize & mask;
        loop {
            let ix = (*indices.add(i)).get();
            if ix >= 0 {
                let e = &*entries.add(ix as usize);
                if e.key == key {
                    return Probe::Found(i, ix as usize);
                }
                if e.hash == hash {
                    let eq = if STR {
                        pystr::eq(e.key, key)
                    } else {
                        match fast_eq(e.key, key) {
                            Some(eq) => eq,
                            None => return Probe::NeedsEq,
                        }
                    };
                    if eq {
                        return Probe::Found(i, ix as usize);
                    }
                }
            } else if ix == EMPTY {
                return Probe::Absent;
            }
            perturb >>= PERTURB_SHIFT;
            i = (i * 5 + perturb + 1) & mask;
        }
    }
}
