//! The type attribute cache behind `_PyType_Lookup`: results of MRO
//! lookups keyed by (type, interned name), valid for one epoch. Any change
//! to a type's attributes (`PyType_Modified`, `type.__setattr__`), and any
//! type creation or destruction, starts a new epoch. Lookups happen with the
//! GIL held, which serializes access to the table.
use crate::ffi::PyObject;
use std::sync::atomic::{AtomicU64, Ordering};

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

/// Starts a new epoch: every cached result becomes stale.
#[inline]
pub fn invalidate() {
    EPOCH.fetch_add(1, Ordering::Relaxed);
}

/// `PyType_ClearCache`: starts a new epoch and returns the number of the
/// one that ended.
pub fn clear() -> u64 {
    EPOCH.fetch_add(1, Ordering::Relaxed)
}
