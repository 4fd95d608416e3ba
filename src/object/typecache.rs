//! The type attribute cache behind `_PyType_Lookup`: results of MRO
//! lookups keyed by (type, interned name), valid for one epoch. Any change
//! to a type's attributes (`PyType_Modified`, `type.__setattr__`), and any
//! type creation or destruction, starts a new epoch. Lookups happen with the
//! GIL held, which serializes access to the table.
//!
//! The same epochs govern the types' version tags (`tp_version_tag`), which
//! the eval loop's inline caches compare: a tag names a type's attributes
//! as they stand, and a new epoch takes every tag given out back.
use crate::ffi::{PyObject, PyTypeObject};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

const SIZE: usize = 4096;

#[derive(Clone, Copy)]
struct Entry {
    tp: usize,
    name: usize,
    epoch: u64,
    value: *mut PyObject,
}

const EMPTY: Entry = Entry {
    tp: 0,
    name: 0,
    epoch: 0,
    value: std::ptr::null_mut(),
};

static mut TABLE: [Entry; SIZE] = [EMPTY; SIZE];
static EPOCH: AtomicU64 = AtomicU64::new(1);

#[inline(always)]
fn slot(tp: usize, name: usize) -> usize {
    ((tp >> 4) ^ (name >> 4) ^ (name >> 13)) & (SIZE - 1)
}

/// The cached lookup result (`Some(NULL)` for a cached miss), if any.
#[inline(always)]
pub fn get(tp: usize, name: usize) -> Option<*mut PyObject> {
    let table = &raw const TABLE;
    // SAFETY: the table is only touched with the GIL held.
    let e = unsafe { (*table)[slot(tp, name)] };
    (e.tp == tp && e.name == name && e.epoch == EPOCH.load(Ordering::Relaxed)).then_some(e.value)
}

/// Records a lookup result for the current epoch.
#[inline(always)]
pub fn put(tp: usize, name: usize, value: *mut PyObject) {
    let epoch = EPOCH.load(Ordering::Relaxed);
    // SAFETY: the table is only touched with the GIL held.
    unsafe {
        let table = &raw mut TABLE;
        (*table)[slot(tp, name)] = Entry {
            tp,
            name,
            epoch,
            value,
        }
    };
}

/// Starts a new epoch: every cached result becomes stale and every type
/// loses its version tag (also `PyType_ClearCache`). Returns the number of
/// the epoch that ended.
pub fn invalidate() -> u64 {
    let ended = EPOCH.fetch_add(1, Ordering::Relaxed);
    let mut tags = TAGS.lock().unwrap_or_else(|e| e.into_inner());
    for &tp in &tags.tagged {
        // SAFETY: a tagged type is alive: freeing a type starts a new
        // epoch first, which empties this list.
        unsafe { (*(tp as *mut PyTypeObject)).tp_version_tag = 0 };
    }
    tags.tagged.clear();
    ended
}

/// The version tags given out in this epoch.
struct Tags {
    /// The next tag; 0 once they ran out.
    next: u32,
    /// The types holding a tag.
    tagged: Vec<usize>,
}

static TAGS: Mutex<Tags> = Mutex::new(Tags {
    next: 1,
    tagged: Vec::new(),
});

/// The type's version tag (`assign_version_tag`), given on first request:
/// equal tags mean the same type with the same attributes along its MRO
/// (the tag is dropped by the next epoch); 0 when the tags ran out.
#[inline]
pub unsafe fn version_tag(tp: *mut PyTypeObject) -> u32 {
    // SAFETY: tp is a live type.
    unsafe {
        let t = (*tp).tp_version_tag;
        if t != 0 {
            return t;
        }
        let mut tags = TAGS.lock().unwrap_or_else(|e| e.into_inner());
        let t = tags.next;
        if t != 0 {
            tags.next = t.wrapping_add(1);
            tags.tagged.push(tp as usize);
            (*tp).tp_version_tag = t;
        }
        t
    }
}
