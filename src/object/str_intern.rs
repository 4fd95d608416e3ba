//! The table of interned strings behind `str::intern` (CPython's
//! `interned` dict of `Objects/unicodeobject.c`). Interned strings are
//! immortal and shared by every interpreter, so the table is process-wide;
//! it is split into shards, each behind its own lock, so that interpreters
//! running in parallel rarely wait for each other.
//!
//! A shard is an open-addressed hash table (linear probing) of the str
//! objects themselves: a slot keeps the key's hash and length next to the
//! object, so most mismatches are settled inside the table, and a match
//! compares the object's own UTF-8 text (which lives as long as it does);
//! an insertion allocates nothing but the str. Slots are 16 bytes: the
//! thousands of names a run interns share few cache lines.
use crate::ffi::PyObject;
use std::sync::atomic::{AtomicPtr, AtomicU32, Ordering};
use std::sync::Mutex;

/// How many shards (a power of two); the top bits of a hash choose one.
const SHARDS: usize = 16;
/// The slots a shard starts with once it is first used (a power of two):
/// room for the names start-up interns, without growing on the way.
const INITIAL_SLOTS: usize = 512;

#[derive(Clone, Copy)]
struct Slot {
    /// The low half of the key's hash.
    hash: u32,
    /// The key's length in bytes (saturated: longer keys compare their
    /// text).
    len: u32,
    /// The interned str; null for an empty slot.
    obj: *mut PyObject,
}

const EMPTY: Slot = Slot {
    hash: 0,
    len: 0,
    obj: std::ptr::null_mut(),
};

/// The length a slot keeps for a key of `n` bytes.
#[inline]
fn slot_len(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

struct Shard {
    slots: Vec<Slot>,
    used: usize,
}

// SAFETY: the pointers are to immortal strs that any thread may read; the
// shard is only reached through its mutex.
unsafe impl Send for Shard {}

static TABLE: [Mutex<Shard>; SHARDS] = [const {
    Mutex::new(Shard {
        slots: Vec::new(),
        used: 0,
    })
}; SHARDS];

/// FxHash-style hash of the key bytes, eight at a time.
#[inline]
pub(crate) fn hash(s: &[u8]) -> u64 {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut h = s.len() as u64;
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = 0u64;
        for (i, &b) in rest.iter().enumerate() {
            w |= (b as u64) << (8 * i);
        }
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    // The top bits pick the shard, the low ones the slot: fold the well
    // mixed high half into the low one.
    h ^ (h >> 29)
}

impl Shard {
    /// The slot holding `key`, or the empty slot where it belongs.
    #[inline]
    fn probe(&self, h: u64, key: &[u8]) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = h as usize & mask;
        let (hash, len) = (h as u32, slot_len(key.len()));
        loop {
            let s = &self.slots[i];
            if s.obj.is_null() {
                return i;
            }
            // SAFETY: the slot holds a live interned str, whose UTF-8 text
            // was made when it was interned.
            if s.hash == hash
                && s.len == len
                && unsafe { crate::object::str::as_str(s.obj) }.is_ok_and(|t| t.as_bytes() == key)
            {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /// Doubles the slots (or makes the first ones).
    fn grow(&mut self) {
        let n = (self.slots.len() * 2).max(INITIAL_SLOTS);
        let old = std::mem::replace(&mut self.slots, vec![EMPTY; n]);
        let mask = n - 1;
        for s in old.into_iter().filter(|s| !s.obj.is_null()) {
            let mut i = s.hash as usize & mask;
            while !self.slots[i].obj.is_null() {
                i = (i + 1) & mask;
            }
            self.slots[i] = s;
        }
    }
}

/// The interned str equal to `key`, made by `make` (which returns a new,
/// immortal str whose UTF-8 text is ready) when there is none yet.
pub fn get_or_insert(key: &str, make: impl FnOnce() -> *mut PyObject) -> *mut PyObject {
    let key = key.as_bytes();
    let h = hash(key);
    let mut shard = TABLE[(h >> 60) as usize % SHARDS]
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    // At most half full: linear probing stays short.
    if (shard.used + 1) * 2 > shard.slots.len() {
        shard.grow();
    }
    let i = shard.probe(h, key);
    if !shard.slots[i].obj.is_null() {
        return shard.slots[i].obj;
    }
    let obj = make();
    shard.slots[i] = Slot {
        hash: h as u32,
        len: slot_len(key.len()),
        obj,
    };
    shard.used += 1;
    obj
}

/// How many strings are interned (`sys.getunicodeinternedsize`).
pub fn len() -> usize {
    TABLE
        .iter()
        .map(|s| s.lock().unwrap_or_else(|e| e.into_inner()).used)
        .sum()
}

/// Counts the runs of the table: [`drain`] starts a new one, in which
/// every [`Cached`] name is looked up again. Starts at 1, so that a cache
/// never filled (epoch 0) is stale.
static EPOCH: AtomicU32 = AtomicU32::new(1);

/// The interned str of one fixed name, remembered where it is used (the
/// role of CPython's `_Py_ID`): the first use in a run interns the name,
/// later ones read the pointer back without hashing the text or taking
/// the table's lock. Made by the [`interned!`](crate::interned) macro.
pub struct Cached {
    /// The [`EPOCH`] in which `obj` was interned.
    epoch: AtomicU32,
    obj: AtomicPtr<PyObject>,
}

impl Cached {
    #[allow(clippy::new_without_default)]
    pub const fn new() -> Cached {
        Cached {
            epoch: AtomicU32::new(0),
            obj: AtomicPtr::new(std::ptr::null_mut()),
        }
    }

    /// The interned str equal to `name` (always the same text for one
    /// cache): immortal until the table is drained.
    #[inline]
    pub fn get(&self, name: &str) -> *mut PyObject {
        let now = EPOCH.load(Ordering::Acquire);
        if self.epoch.load(Ordering::Acquire) == now {
            return self.obj.load(Ordering::Relaxed);
        }
        self.fill(name, now)
    }

    #[cold]
    fn fill(&self, name: &str, now: u32) -> *mut PyObject {
        let p = crate::object::str::intern(name);
        self.obj.store(p, Ordering::Relaxed);
        // Published after the pointer: whoever sees the epoch sees it.
        self.epoch.store(now, Ordering::Release);
        p
    }
}

/// The interned str of a string literal, cached at the call site
/// ([`Cached`]): `interned!("__dict__")` is `str::intern("__dict__")`
/// without the table look-up after the first use.
#[macro_export]
macro_rules! interned {
    ($name:literal) => {{
        static CACHE: $crate::object::str_intern::Cached =
            $crate::object::str_intern::Cached::new();
        CACHE.get($name)
    }};
}

/// Empties the table, handing each interned str to `free` (finalization).
/// Every [`Cached`] name goes stale.
pub fn drain(mut free: impl FnMut(*mut PyObject)) {
    EPOCH.fetch_add(1, Ordering::AcqRel);
    for shard in &TABLE {
        let slots = {
            let mut s = shard.lock().unwrap_or_else(|e| e.into_inner());
            s.used = 0;
            std::mem::take(&mut s.slots)
        };
        for s in slots.into_iter().filter(|s| !s.obj.is_null()) {
            free(s.obj);
        }
    }
}
