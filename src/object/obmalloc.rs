//! The small-block allocator behind objects, `PyObject_Malloc` and
//! `PyMem_Malloc` (CPython's `Objects/obmalloc.c`, "pymalloc"). Blocks of
//! up to [`MAX_SMALL`] bytes come from pools (one page each) that serve
//! one size class (16-byte steps): a pool hands out its blocks one after
//! the other, and then those freed since, from its own free list. Larger
//! requests go to the C allocator. A block costs no header, a fresh block
//! needs no zeroing (the pages come zeroed from the kernel), and neither
//! allocating nor freeing searches anything: start-up, which allocates
//! some fifteen thousand small blocks, spends a fifth of its instructions
//! in `malloc` and `free` without this.
//!
//! The pools live in one range of address space reserved at the first
//! request ([`RESERVE`] bytes, taken up as used): a block belongs here
//! exactly when its address falls in that range, which is how [`free`]
//! and [`realloc`] tell these blocks from the C allocator's (a block from
//! either may be handed to either). When the range is used up, or cannot
//! be reserved, requests go to the C allocator. A pool whose blocks are
//! all free serves any class next; once every pool of an arena
//! ([`ARENA`] bytes of the range) is free and more than [`IDLE_ARENAS`]
//! such arenas keep their pages, the arena's pages go back to the kernel
//! (as pymalloc frees empty arenas), so that memory freed by a collection
//! leaves the process.
//!
//! Callers hold an interpreter lock, but interpreters with a GIL of their
//! own run in parallel (and `PyMem_RawFree` may be handed one of these
//! blocks without any lock held), so the state sits behind a spin lock
//! (uncontended in a process with one interpreter), which `fork` takes for
//! its duration, as glibc does with its own locks, so that a child never
//! starts with it held.
use libc::c_void;
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicUsize, Ordering};

/// The largest request served here; larger ones go to `malloc`.
pub const MAX_SMALL: usize = 512;
/// Block sizes are multiples of this (and blocks are aligned to it, as
/// `malloc`'s are).
const ALIGN: usize = 16;
const CLASSES: usize = MAX_SMALL / ALIGN;
/// The bytes of one pool.
const POOL: usize = 4096;
/// The bytes of an arena: pages go back to the kernel an arena at a time.
const ARENA: usize = 256 << 10;
const POOLS_PER_ARENA: usize = ARENA / POOL;
/// Address space reserved for the pools (reserved, not committed: the
/// kernel supplies a page when it is first written).
const RESERVE: usize = 1 << 30;
const POOLS: usize = RESERVE / POOL;
const ARENAS: usize = RESERVE / ARENA;
/// How many arenas whose pools are all free keep their pages; beyond that
/// an arena that empties gives them back. (Start-up and shutdown of a
/// small program stay under this, and make no system call for it.)
const IDLE_ARENAS: usize = 8;
/// The bytes at the start of the range populated when it is reserved.
const POPULATE: usize = 512 << 10;
/// No pool (an empty list).
const NONE: u32 = u32::MAX;

/// A start for the range that no user-space address falls after: the
/// range's start before it is reserved, and when it cannot be.
const NO_RANGE: usize = 0usize.wrapping_sub(RESERVE);
/// Start of the reserved range.
static BASE: AtomicUsize = AtomicUsize::new(NO_RANGE);
/// The spin lock over [`STATE`] and the pool records.
static LOCKED: AtomicBool = AtomicBool::new(false);
/// The pool records, one per pool of the range (made with the range).
static POOL_INFO: AtomicPtr<Pool> = AtomicPtr::new(std::ptr::null_mut());

/// A free block: the link to the next free block of its pool.
struct FreeBlock {
    next: *mut FreeBlock,
}

/// What is known of one pool (kept apart from the pool's page, so that
/// freeing touches no page but the block's own).
struct Pool {
    /// Freed blocks of the pool.
    free: *mut FreeBlock,
    /// Links of the class's list of pools with a block to give, or of the
    /// list of free pools (`next` only).
    next: u32,
    prev: u32,
    /// Blocks handed out and not freed.
    used: u16,
    /// Offset of the first block never handed out since the pool last
    /// took a class.
    fresh: u16,
    class: u8,
    /// Whether the pool's never-used blocks may hold old data (it served
    /// another class, and its arena kept its pages since).
    dirty: bool,
}

struct State {
    /// Per class, the pools with a block to give.
    avail: [u32; CLASSES],
    /// The pools with no block in use.
    empty: u32,
    /// Pools in use in each arena.
    arena_used: [u16; ARENAS],
    /// Whether each arena is one of the `idle` ones.
    arena_idle: [bool; ARENAS],
    /// Arenas with no pool in use that keep their pages.
    idle: usize,
    /// The first pool of the range never handed out.
    next_pool: u32,
    /// Whether the range was asked for already.
    tried: bool,
}

static mut STATE: State = State {
    avail: [NONE; CLASSES],
    empty: NONE,
    arena_used: [0; ARENAS],
    arena_idle: [false; ARENAS],
    idle: 0,
    next_pool: 0,
    tried: false,
};

/// Runs `f` on the state and the pool records under the spin lock.
#[inline(always)]
fn locked<R>(f: impl FnOnce(&mut State, *mut Pool) -> R) -> R {
    if LOCKED
        .compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed)
        .is_err()
    {
        wait_for_lock();
    }
    let state = &raw mut STATE;
    // SAFETY: the lock gives this thread sole access to STATE and to the
    // records.
    let r = f(unsafe { &mut *state }, POOL_INFO.load(Ordering::Relaxed));
    LOCKED.store(false, Ordering::Release);
    r
}

/// Takes the lock another thread holds: spins a while (the holder is one
/// list operation away from letting go), then yields the processor in
/// case the holder was preempted.
#[cold]
fn wait_for_lock() {
    let mut spins = 0u32;
    while LOCKED
        .compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed)
        .is_err()
    {
        spins += 1;
        if spins < 64 {
            std::hint::spin_loop();
        } else {
            std::thread::yield_now();
        }
    }
}

/// `pthread_atfork` handlers: the lock is held across `fork`, so no other
/// thread is inside a block operation at that moment, and released in
/// both processes after it.
extern "C" fn lock_for_fork() {
    if LOCKED
        .compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed)
        .is_err()
    {
        wait_for_lock();
    }
}

extern "C" fn unlock_after_fork() {
    LOCKED.store(false, Ordering::Release);
}

/// Whether `p` is a block of this allocator.
#[inline(always)]
fn owns(p: *mut c_void) -> bool {
    (p as usize).wrapping_sub(BASE.load(Ordering::Relaxed)) < RESERVE
}

/// The size class of a request of `n` bytes (1..=MAX_SMALL).
#[inline(always)]
fn class_for(n: usize) -> usize {
    (n - 1) / ALIGN
}

/// The bytes of a block of class `c`.
#[inline(always)]
fn block_size(c: usize) -> usize {
    (c + 1) * ALIGN
}

/// Reserves the range and the pool records (first request, under the
/// lock). False when they cannot be had.
#[cold]
fn reserve(st: &mut State) -> bool {
    if st.tried {
        return !POOL_INFO.load(Ordering::Relaxed).is_null();
    }
    st.tried = true;
    let flags = libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE;
    let prot = libc::PROT_READ | libc::PROT_WRITE;
    let records = POOLS * std::mem::size_of::<Pool>();
    // SAFETY: fresh anonymous mappings, owned by this allocator for the
    // life of the process.
    let (range, info) = unsafe {
        (
            libc::mmap(std::ptr::null_mut(), RESERVE, prot, flags, -1, 0),
            libc::mmap(std::ptr::null_mut(), records, prot, flags, -1, 0),
        )
    };
    if range == libc::MAP_FAILED || info == libc::MAP_FAILED {
        // SAFETY: whichever mapping was made is unused.
        unsafe {
            if range != libc::MAP_FAILED {
                libc::munmap(range, RESERVE);
            }
            if info != libc::MAP_FAILED {
                libc::munmap(info, records);
            }
        }
        return false;
    }
    // Pools are handed out from the start of the range, and any run of
    // the runtime fills more than the first POPULATE bytes: the kernel
    // maps them at once in half the time that faulting them in one page
    // at a time takes (a kernel older than 5.14 refuses the advice).
    // SAFETY: the start of the fresh mapping.
    unsafe { libc::madvise(range, POPULATE, libc::MADV_POPULATE_WRITE) };
    POOL_INFO.store(info.cast(), Ordering::Relaxed);
    BASE.store(range as usize, Ordering::Relaxed);
    // SAFETY: plain functions that live as long as the process.
    unsafe {
        libc::pthread_atfork(
            Some(lock_for_fork),
            Some(unlock_after_fork),
            Some(unlock_after_fork),
        )
    };
    true
}

/// Unlinks pool `i` from the list of its class.
///
/// # Safety
/// Under the lock; `info` the records; `i` on that list.
#[inline(always)]
unsafe fn unlink(st: &mut State, info: *mut Pool, i: u32) {
    // SAFETY: per the contract, the linked records exist.
    unsafe {
        let p = &mut *info.add(i as usize);
        if p.prev == NONE {
            st.avail[p.class as usize] = p.next;
        } else {
            (*info.add(p.prev as usize)).next = p.next;
        }
        if p.next != NONE {
            (*info.add(p.next as usize)).prev = p.prev;
        }
    }
}

/// Links pool `i` at the head of the list of its class.
///
/// # Safety
/// Under the lock; `info` the records; `i` on no list.
#[inline(always)]
unsafe fn link(st: &mut State, info: *mut Pool, i: u32) {
    // SAFETY: per the contract, the linked records exist.
    unsafe {
        let c = (*info.add(i as usize)).class as usize;
        let head = st.avail[c];
        (*info.add(i as usize)).next = head;
        (*info.add(i as usize)).prev = NONE;
        if head != NONE {
            (*info.add(head as usize)).prev = i;
        }
        st.avail[c] = i;
    }
}

/// A pool for class `c` (a free one, else one never used), linked on the
/// class's list; false when the range is used up.
#[cold]
fn new_pool(st: &mut State, info: *mut Pool, c: usize) -> bool {
    let i = if st.empty != NONE {
        let i = st.empty;
        // SAFETY: a pool on the free list has its record.
        st.empty = unsafe { (*info.add(i as usize)).next };
        i
    } else {
        if !reserve(st) || st.next_pool as usize >= POOLS {
            return false;
        }
        st.next_pool += 1;
        st.next_pool - 1
    };
    // (`reserve` may just have made the records.)
    let info = POOL_INFO.load(Ordering::Relaxed);
    let arena = i as usize / POOLS_PER_ARENA;
    if st.arena_idle[arena] {
        // An arena that kept its pages is in use again.
        st.arena_idle[arena] = false;
        st.idle -= 1;
    }
    st.arena_used[arena] += 1;
    // SAFETY: the record of pool i (fresh ones are zero: not dirty).
    unsafe {
        let p = &mut *info.add(i as usize);
        p.free = std::ptr::null_mut();
        p.used = 0;
        p.fresh = 0;
        p.class = c as u8;
        link(st, info, i);
    }
    true
}

/// A block of class `c`, and whether it is known to be zero; NULL when
/// the range is used up.
#[inline(always)]
fn take(c: usize) -> (*mut c_void, bool) {
    locked(|st, info| {
        if st.avail[c] == NONE && !new_pool(st, info, c) {
            return (std::ptr::null_mut(), false);
        }
        let info = POOL_INFO.load(Ordering::Relaxed);
        let i = st.avail[c];
        let size = block_size(c);
        // SAFETY: a pool on the class's list has a free block or room for
        // a fresh one; its record and page are live.
        unsafe {
            let p = &mut *info.add(i as usize);
            let (block, zero) = if !p.free.is_null() {
                let b = p.free;
                p.free = (*b).next;
                (b.cast::<c_void>(), false)
            } else {
                let at = BASE.load(Ordering::Relaxed) + i as usize * POOL + p.fresh as usize;
                p.fresh += size as u16;
                (at as *mut c_void, !p.dirty)
            };
            p.used += 1;
            if p.free.is_null() && p.fresh as usize + size > POOL {
                unlink(st, info, i);
            }
            (block, zero)
        }
    })
}

/// Gives block `b` of the pools back to its pool.
#[inline(always)]
fn release(b: *mut c_void) {
    let i = ((b as usize - BASE.load(Ordering::Relaxed)) / POOL) as u32;
    locked(|st, info| {
        // SAFETY: b is a live block of pool i, whose record exists.
        unsafe {
            let p = &mut *info.add(i as usize);
            let size = block_size(p.class as usize);
            let was_full = p.free.is_null() && p.fresh as usize + size > POOL;
            let f = b.cast::<FreeBlock>();
            (*f).next = p.free;
            p.free = f;
            p.used -= 1;
            if p.used == 0 {
                if !was_full {
                    unlink(st, info, i);
                }
                pool_emptied(st, info, i);
            } else if was_full {
                link(st, info, i);
            }
        }
    })
}

/// Puts pool `i`, whose blocks are all free, on the free pool list; gives
/// its arena's pages back when the arena is unused and enough others keep
/// theirs.
#[cold]
fn pool_emptied(st: &mut State, info: *mut Pool, i: u32) {
    // SAFETY: the record of pool i.
    unsafe {
        let p = &mut *info.add(i as usize);
        p.dirty = true;
        p.next = st.empty;
    }
    st.empty = i;
    let arena = i as usize / POOLS_PER_ARENA;
    st.arena_used[arena] -= 1;
    if st.arena_used[arena] != 0 {
        return;
    }
    if st.idle < IDLE_ARENAS {
        st.arena_idle[arena] = true;
        st.idle += 1;
        return;
    }
    let first = arena * POOLS_PER_ARENA;
    // SAFETY: no block of the arena is in use; its pools stay on the free
    // list and read as zero when next touched.
    unsafe {
        libc::madvise(
            (BASE.load(Ordering::Relaxed) + first * POOL) as *mut c_void,
            ARENA,
            libc::MADV_DONTNEED,
        );
        for k in first..first + POOLS_PER_ARENA {
            (*info.add(k)).dirty = false;
        }
    }
}

/// The blocks handed out and not freed (CPython's
/// `_Py_GetGlobalAllocatedBlocks`, behind `sys.getallocatedblocks`): the
/// sum of the pools' counts, so that allocating and freeing keep no
/// counter of their own. Requests passed to the C allocator are not
/// counted, as in CPython.
pub fn allocated_blocks() -> usize {
    locked(|st, info| {
        if info.is_null() {
            return 0;
        }
        // SAFETY: pools below `next_pool` have records; the lock keeps
        // their counts still.
        (0..st.next_pool as usize)
            .map(|i| unsafe { (*info.add(i)).used as usize })
            .sum()
    })
}

/// Whether small requests are served from the pools (false when the
/// address range could not be reserved, or before the first request):
/// the allocator's name is then "pymalloc", else "malloc".
pub fn serving() -> bool {
    !POOL_INFO.load(Ordering::Relaxed).is_null()
}

/// `size` bytes (at least one), from a pool when small enough.
#[inline]
pub unsafe fn malloc(size: usize) -> *mut c_void {
    if size <= MAX_SMALL {
        let (p, _) = take(class_for(size.max(1)));
        if !p.is_null() {
            return p;
        }
    }
    // SAFETY: a non-zero size.
    unsafe { libc::malloc(size.max(1)) }
}

/// `size` zeroed bytes (at least one), from a pool when small enough.
#[inline]
pub unsafe fn calloc(size: usize) -> *mut c_void {
    if size <= MAX_SMALL {
        let c = class_for(size.max(1));
        let (p, zero) = take(c);
        if !p.is_null() {
            if !zero {
                // SAFETY: the whole block is ours.
                unsafe { std::ptr::write_bytes(p.cast::<u8>(), 0, block_size(c)) };
            }
            return p;
        }
    }
    // SAFETY: a non-zero size.
    unsafe { libc::calloc(1, size.max(1)) }
}

/// Frees a block of this allocator or of the C allocator (NULL is
/// ignored).
#[inline]
pub unsafe fn free(p: *mut c_void) {
    if owns(p) {
        release(p);
    } else {
        // SAFETY: p is NULL or came from the C allocator.
        unsafe { libc::free(p) }
    }
}

/// Resizes a block of either allocator to `size` bytes (at least one),
/// keeping its contents up to the smaller size; NULL (the block then
/// unchanged) when memory is exhausted.
pub unsafe fn realloc(p: *mut c_void, size: usize) -> *mut c_void {
    if p.is_null() {
        // SAFETY: a plain allocation.
        return unsafe { malloc(size) };
    }
    if !owns(p) {
        // SAFETY: p came from the C allocator.
        return unsafe { libc::realloc(p, size.max(1)) };
    }
    let i = (p as usize - BASE.load(Ordering::Relaxed)) / POOL;
    // SAFETY: p is a live block, so its pool keeps its class while p lives
    // (only this thread may free p).
    let old = block_size(unsafe { (*POOL_INFO.load(Ordering::Relaxed).add(i)).class } as usize);
    if size <= old && size > old / 2 {
        return p;
    }
    // SAFETY: q is a fresh block of at least `size` bytes; p has `old`.
    unsafe {
        let q = malloc(size);
        if !q.is_null() {
            std::ptr::copy_nonoverlapping(p.cast::<u8>(), q.cast::<u8>(), old.min(size));
            release(p);
        }
        q
    }
}
