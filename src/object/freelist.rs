//! Per-thread caches of freed fixed-size object blocks (CPython keeps such
//! free lists for floats, ints and others): a dead object's memory goes on
//! the list and the next allocation of the same kind takes it back without
//! a trip through `malloc`. The link to the next block lives in the block's
//! first word. A cache has no destructor (a thread-local with one costs a
//! state check on every access): a thread that exits leaves its blocks
//! behind; the main thread's are freed at finalization.
use std::cell::Cell;
use std::ptr::null_mut;

/// A list of free blocks of one size, all from `raw_malloc`.
pub struct BlockCache {
    head: Cell<*mut u8>,
    len: Cell<usize>,
}

impl BlockCache {
    pub const fn new() -> BlockCache {
        BlockCache {
            head: Cell::new(null_mut()),
            len: Cell::new(0),
        }
    }

    /// A cached block, or NULL when the list is empty.
    #[inline(always)]
    pub fn pop(&self) -> *mut u8 {
        let p = self.head.get();
        if !p.is_null() {
            // SAFETY: p is a free block whose first word is the link.
            self.head.set(unsafe { *p.cast::<*mut u8>() });
            self.len.set(self.len.get() - 1);
        }
        p
    }

    /// Keeps `p` (a dead block of this list's size) unless `max` blocks
    /// are kept already; false when the caller must free it.
    #[inline(always)]
    pub fn push(&self, p: *mut u8, max: usize) -> bool {
        if self.len.get() >= max {
            return false;
        }
        // SAFETY: p is a dead block at least a pointer in size.
        unsafe { *p.cast::<*mut u8>() = self.head.get() };
        self.head.set(p);
        self.len.set(self.len.get() + 1);
        true
    }

    /// Frees every kept block.
    pub fn drain(&self) {
        let mut p = self.head.replace(null_mut());
        self.len.set(0);
        while !p.is_null() {
            // SAFETY: each kept block links to the next and came from
            // raw_malloc.
            unsafe {
                let next = *p.cast::<*mut u8>();
                crate::object::alloc::raw_free(p.cast());
                p = next;
            }
        }
    }
}

impl Default for BlockCache {
    fn default() -> Self {
        BlockCache::new()
    }
}
