//! The cycle collector, after CPython's generational design
//! (`Python/gc.c`): every tracked object is linked, through the `PyGC_Head`
//! in front of it, into one of three generation lists. A collection of
//! generation `g` takes generations `0..=g`, subtracts the references the
//! objects hold to each other (`tp_traverse`) from their reference counts,
//! keeps whatever is still referenced from outside (and everything reachable
//! from that), and breaks the cycles of the rest: weak references to them are
//! cleared (callbacks run), finalizers (`tp_finalize`, PEP 442) run once,
//! objects the finalizers resurrected survive, and the others get `tp_clear`.
//!
//! Safety rests on one rule for every `tp_traverse`: it visits only
//! references the object owns. A reference the collector cannot see only
//! keeps things alive (a leak at worst); it never frees a live object.
//!
//! Automatic collections are only scheduled by allocation (a bit in the
//! eval-breaker word); they run at the evaluation loop's safe points
//! ([`collect_scheduled`]), never inside
//! arbitrary runtime code. The state is per process and relies on the
//! caller holding the interpreter lock.
use crate::ffi::*;
use crate::object::alloc::{GcHead, GC_HEAD_SIZE};
use crate::object::refcount::{decref, incref};
use libc::{c_int, c_void};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ptr::null_mut;

/// `_PyGC_PREV_MASK_FINALIZED`: `tp_finalize` already ran for the object.
const FINALIZED: usize = 1;
/// `_PyGC_PREV_MASK_COLLECTING`: the object is a candidate of the running
/// collection and `prev` holds its index (see `Candidates`), not a link.
const COLLECTING: usize = 2;
/// Where a candidate's index starts in `GcHead::prev`.
const INDEX_SHIFT: u32 = 2;
/// The flag bits kept in the low bits of `GcHead::prev`.
const PREV_FLAGS: usize = 3;

/// `gc.DEBUG_STATS`.
pub const DEBUG_STATS: c_int = 1;
/// `gc.DEBUG_COLLECTABLE`.
pub const DEBUG_COLLECTABLE: c_int = 2;
/// `gc.DEBUG_UNCOLLECTABLE`.
pub const DEBUG_UNCOLLECTABLE: c_int = 4;
/// `gc.DEBUG_SAVEALL`.
pub const DEBUG_SAVEALL: c_int = 32;
/// `gc.DEBUG_LEAK`.
pub const DEBUG_LEAK: c_int = DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL;

/// Number of generations.
pub const NUM_GENERATIONS: usize = 3;

/// One generation: its list head, and the counter compared with its
/// threshold (allocations for generation 0, collections of the next younger
/// generation for the others).
pub struct Generation {
    head: GcHead,
    pub threshold: i64,
    pub count: i64,
}

/// Per-generation statistics (`gc.get_stats()`).
#[derive(Clone, Copy, Default)]
pub struct GenStats {
    pub collections: i64,
    pub collected: i64,
    pub uncollectable: i64,
}

/// The collector's state.
pub struct GcState {
    pub gens: [Generation; NUM_GENERATIONS],
    /// `gc.freeze()`: objects the collector ignores.
    permanent: GcHead,
    /// What readying the core's static types made (their dicts, method
    /// descriptors, MRO tuples, subclass weak references): it lives until
    /// finalization clears those types, so collections skip it (see
    /// [`set_aside_static`]); `gc.get_objects()` still lists it.
    statics: GcHead,
    pub stats: [GenStats; NUM_GENERATIONS],
    pub enabled: bool,
    pub debug: c_int,
    collecting: bool,
    scheduled: bool,
    /// Objects in the oldest generation after its last collection, and
    /// objects promoted to it since (CPython's full-collection heuristic).
    long_lived_total: i64,
    long_lived_pending: i64,
    /// `gc.garbage` and `gc.callbacks` (owned lists, created on demand).
    pub garbage: *mut PyObject,
    pub callbacks: *mut PyObject,
}

const fn generation(threshold: i64) -> Generation {
    Generation {
        head: GcHead { next: 0, prev: 0 },
        threshold,
        count: 0,
    }
}

static mut STATE: GcState = GcState {
    gens: [generation(2000), generation(10), generation(10)],
    permanent: GcHead { next: 0, prev: 0 },
    statics: GcHead { next: 0, prev: 0 },
    stats: [GenStats {
        collections: 0,
        collected: 0,
        uncollectable: 0,
    }; NUM_GENERATIONS],
    enabled: true,
    debug: 0,
    collecting: false,
    scheduled: false,
    long_lived_total: 0,
    long_lived_pending: 0,
    garbage: null_mut(),
    callbacks: null_mut(),
};

/// The collector's state, with its list heads initialized.
#[inline]
pub fn state() -> &'static mut GcState {
    // SAFETY: the interpreter lock serializes access; list heads are made
    // circular before first use.
    unsafe {
        let p = &raw mut STATE;
        let st = &mut *p;
        if st.gens[0].head.next == 0 {
            for g in &mut st.gens {
                list_init(&mut g.head);
            }
            list_init(&mut st.permanent);
            list_init(&mut st.statics);
        }
        st
    }
}

// ---- Lists -------------------------------------------------------------

#[inline(always)]
fn list_init(h: *mut GcHead) {
    // SAFETY: h is a valid head.
    unsafe {
        (*h).next = h as usize;
        (*h).prev = h as usize;
    }
}

#[inline(always)]
unsafe fn prev_of(g: *mut GcHead) -> *mut GcHead {
    // SAFETY: g is linked.
    unsafe { ((*g).prev & !PREV_FLAGS) as *mut GcHead }
}

#[inline(always)]
unsafe fn set_prev(g: *mut GcHead, p: *mut GcHead) {
    // SAFETY: g is valid; the flag bits are kept.
    unsafe { (*g).prev = (p as usize) | ((*g).prev & PREV_FLAGS) }
}

#[inline(always)]
unsafe fn list_append(g: *mut GcHead, list: *mut GcHead) {
    // SAFETY: list is a circular list; g is unlinked.
    unsafe {
        let last = prev_of(list);
        set_prev(g, last);
        (*g).next = list as usize;
        (*last).next = g as usize;
        set_prev(list, g);
    }
}

#[inline(always)]
unsafe fn list_remove(g: *mut GcHead) {
    // SAFETY: g is linked into a circular list.
    unsafe {
        let prev = prev_of(g);
        let next = (*g).next as *mut GcHead;
        (*prev).next = next as usize;
        set_prev(next, prev);
        (*g).next = 0;
    }
}

#[inline(always)]
unsafe fn list_move(g: *mut GcHead, to: *mut GcHead) {
    // SAFETY: g is linked; to is a list head.
    unsafe {
        list_remove(g);
        list_append(g, to);
    }
}

#[inline(always)]
fn list_is_empty(list: *mut GcHead) -> bool {
    // SAFETY: list is a head.
    unsafe { (*list).next == list as usize }
}

/// Appends every object of `from` to `to`, leaving `from` empty.
unsafe fn list_merge(from: *mut GcHead, to: *mut GcHead) {
    if list_is_empty(from) {
        return;
    }
    // SAFETY: both are circular lists.
    unsafe {
        let first = (*from).next as *mut GcHead;
        let last = prev_of(from);
        let to_last = prev_of(to);
        (*to_last).next = first as usize;
        set_prev(first, to_last);
        (*last).next = to as usize;
        set_prev(to, last);
    }
    list_init(from);
}

/// The objects of a list, in order.
unsafe fn list_objects(list: *mut GcHead) -> Vec<*mut PyObject> {
    // Sized first: growing by doubling would copy a full collection's
    // thousands of pointers a dozen times over.
    // SAFETY: as below.
    let mut v = Vec::with_capacity(unsafe { list_len(list) });
    // SAFETY: list is circular and nothing runs while it is walked.
    unsafe {
        let mut g = (*list).next as *mut GcHead;
        while g != list {
            v.push(object_of(g));
            g = (*g).next as *mut GcHead;
        }
    }
    v
}

/// The number of objects in a list.
unsafe fn list_len(list: *mut GcHead) -> usize {
    let mut n = 0;
    // SAFETY: list is circular and nothing runs while it is walked.
    unsafe {
        let mut g = (*list).next as *mut GcHead;
        while g != list {
            n += 1;
            g = (*g).next as *mut GcHead;
        }
    }
    n
}

#[inline(always)]
pub fn head_of(op: *mut PyObject) -> *mut GcHead {
    // SAFETY: collected objects have their GC header right before them.
    unsafe { op.cast::<u8>().sub(GC_HEAD_SIZE).cast() }
}

#[inline(always)]
fn object_of(g: *mut GcHead) -> *mut PyObject {
    // SAFETY: the object follows its header.
    unsafe { g.cast::<u8>().add(GC_HEAD_SIZE).cast() }
}

// ---- Tracking ----------------------------------------------------------

/// `_PyObject_IS_GC`: whether `op` has a GC header (its type is collected
/// and, for types with `tp_is_gc`, this instance is: static type objects
/// are not).
#[inline]
pub unsafe fn is_gc(op: *mut PyObject) -> bool {
    // SAFETY: op is a valid object.
    unsafe {
        let tp = (*op).ob_type;
        (*tp).tp_flags & Py_TPFLAGS_HAVE_GC != 0 && (*tp).tp_is_gc.is_none_or(|f| f(op) != 0)
    }
}

/// Whether a collected object is tracked.
#[inline(always)]
pub unsafe fn is_tracked(op: *mut PyObject) -> bool {
    // SAFETY: op has a GC header.
    unsafe { (*head_of(op)).next != 0 }
}

/// `PyObject_GC_Track`: links a collected object into the youngest
/// generation (nothing happens if it is tracked already).
#[inline]
pub unsafe fn track(op: *mut PyObject) {
    // SAFETY: op has a GC header.
    unsafe {
        let g = head_of(op);
        if (*g).next != 0 {
            return;
        }
        list_append(g, &mut state().gens[0].head);
    }
}

/// `_PyObject_GC_Link`: counts the memory of a new collected object against
/// generation 0 and schedules a collection once the generation is over its
/// threshold. As in CPython, the count follows allocations and frees of
/// memory (see [`on_free`]), not tracking: an object a free list recycles
/// is not counted again, so a loop that reuses the same few lists, tuples
/// or dicts does not trigger collections.
#[inline]
pub fn on_alloc() {
    let st = state();
    let young = &mut st.gens[0];
    young.count += 1;
    if young.count > young.threshold
        && young.threshold > 0
        && st.enabled
        && !st.collecting
        && !st.scheduled
    {
        st.scheduled = true;
        crate::runtime::gil::set_eval_breaker(crate::runtime::gil::GC_SCHEDULED);
    }
}

/// `PyObject_GC_UnTrack`: unlinks a collected object (nothing happens if it
/// is not tracked).
#[inline]
pub unsafe fn untrack(op: *mut PyObject) {
    // SAFETY: op has a GC header.
    unsafe {
        let g = head_of(op);
        if (*g).next != 0 {
            list_remove(g);
        }
    }
}

/// Called when a collected object's memory is freed: unlinks it if its
/// deallocator did not, and counts the deallocation against generation 0.
#[inline]
pub unsafe fn on_free(op: *mut PyObject) {
    // SAFETY: op has a GC header.
    unsafe { untrack(op) };
    let young = &mut state().gens[0];
    if young.count > 0 {
        young.count -= 1;
    }
}

/// `PyObject_GC_IsFinalized`.
pub unsafe fn is_finalized(op: *mut PyObject) -> bool {
    // SAFETY: op has a GC header.
    unsafe { (*head_of(op)).prev & FINALIZED != 0 }
}

/// Marks `op` as finalized (PEP 442: `tp_finalize` runs once).
pub unsafe fn set_finalized(op: *mut PyObject) {
    // SAFETY: op has a GC header.
    unsafe { (*head_of(op)).prev |= FINALIZED }
}

// ---- Visiting ----------------------------------------------------------

/// Visits each non-NULL object of `objs`, as a run of `Py_VISIT` does (the
/// body of most `tp_traverse` functions); stops at the first non-zero
/// result and returns it.
#[inline]
pub unsafe fn visit_all(objs: &[*mut PyObject], visit: visitproc, arg: *mut c_void) -> c_int {
    let Some(visit) = visit else { return 0 };
    for &o in objs {
        if !o.is_null() {
            // SAFETY: the caller owns a reference to each object.
            let r = unsafe { visit(o, arg) };
            if r != 0 {
                return r;
            }
        }
    }
    0
}

/// A hasher for object addresses (they are unique and 16-byte aligned).
#[derive(Default)]
struct AddrHasher(u64);

impl Hasher for AddrHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, _: &[u8]) {
        unreachable!("only addresses are hashed")
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = ((n >> 4) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type AddrMap<V> = HashMap<usize, V, BuildHasherDefault<AddrHasher>>;

/// The objects being collected: each one's reference count minus the
/// references from the others (`gc_refs`), and whether it is known to be
/// reachable from outside.
///
/// While the counts are computed, each candidate's `GcHead::prev` holds its
/// index here (shifted past the flag bits) with [`COLLECTING`] set, as
/// CPython keeps `gc_refs` in `_gc_prev`: a visited reference finds its
/// candidate without a table look-up. The links are restored before any
/// code can run again.
struct Candidates {
    objs: Vec<*mut PyObject>,
    refs: Vec<isize>,
    reachable: Vec<bool>,
    stack: Vec<usize>,
}

impl Candidates {
    /// Computes which objects of `list` are reachable from outside it:
    /// subtracts the references they hold to each other from their
    /// reference counts, then marks what is still referenced and everything
    /// reachable from that.
    unsafe fn compute(list: *mut GcHead) -> Candidates {
        // SAFETY: the list is consistent and its objects alive; no code
        // runs until the links are restored below.
        unsafe {
            let objs = list_objects(list);
            let refs = objs
                .iter()
                .enumerate()
                .map(|(i, &op)| {
                    let g = head_of(op);
                    (*g).prev = (i << INDEX_SHIFT) | COLLECTING | ((*g).prev & FINALIZED);
                    (*op).ob_refcnt as isize
                })
                .collect();
            let n = objs.len();
            let mut c = Candidates {
                objs,
                refs,
                reachable: vec![false; n],
                stack: Vec::new(),
            };
            for i in 0..n {
                c.traverse_one(i, visit_decref);
            }
            c.propagate();
            let mut prev = list;
            for &op in &c.objs {
                let g = head_of(op);
                (*g).prev = prev as usize | ((*g).prev & FINALIZED);
                prev = g;
            }
            c
        }
    }

    unsafe fn traverse_one(
        &mut self,
        i: usize,
        visit: unsafe extern "C" fn(*mut PyObject, *mut c_void) -> c_int,
    ) {
        let op = self.objs[i];
        // SAFETY: op is alive; the callback receives this struct back.
        unsafe {
            if let Some(t) = (*(*op).ob_type).tp_traverse {
                t(op, Some(visit), (self as *mut Candidates).cast());
            }
        }
    }

    /// Marks everything referenced from outside, and everything reachable
    /// from that, as reachable. A negative count means some `tp_traverse`
    /// visits a reference it does not own; such objects are kept.
    unsafe fn propagate(&mut self) {
        for i in 0..self.objs.len() {
            if self.refs[i] != 0 && !self.reachable[i] {
                self.reachable[i] = true;
                self.stack.push(i);
            }
        }
        while let Some(i) = self.stack.pop() {
            // SAFETY: a candidate is alive during the marking.
            unsafe { self.traverse_one(i, visit_reachable) };
        }
    }
}

/// The candidate index of `op` in the running collection, if it is one.
#[inline(always)]
unsafe fn candidate_index(op: *mut PyObject, c: &Candidates) -> Option<usize> {
    // SAFETY: op is a live object; only collected objects have a header.
    unsafe {
        if !is_gc(op) {
            return None;
        }
        let g = head_of(op);
        let prev = (*g).prev;
        if (*g).next == 0 || prev & COLLECTING == 0 {
            return None;
        }
        // A statically allocated object of a collected type may lack a
        // header (one made by an extension module, say): what precedes it
        // is then no index, and must not be taken for one.
        let i = prev >> INDEX_SHIFT;
        (c.objs.get(i) == Some(&op)).then_some(i)
    }
}

unsafe extern "C" fn visit_decref(op: *mut PyObject, arg: *mut c_void) -> c_int {
    // SAFETY: arg is the Candidates of the running collection; op is a
    // live object.
    unsafe {
        let c = &mut *arg.cast::<Candidates>();
        if let Some(i) = candidate_index(op, c) {
            c.refs[i] -= 1;
        }
    }
    0
}

unsafe extern "C" fn visit_reachable(op: *mut PyObject, arg: *mut c_void) -> c_int {
    // SAFETY: arg is the Candidates of the running collection; op is a
    // live object.
    unsafe {
        let c = &mut *arg.cast::<Candidates>();
        if let Some(i) = candidate_index(op, c) {
            if !c.reachable[i] {
                c.reachable[i] = true;
                c.stack.push(i);
            }
        }
    }
    0
}

// ---- Collecting --------------------------------------------------------

/// What a collection found: objects freed and objects kept in `gc.garbage`.
#[derive(Clone, Copy, Default)]
pub struct Outcome {
    pub collected: i64,
    pub uncollectable: i64,
}

/// Whether a collection is running (`gcstate->collecting`); read without
/// the interpreter lock by faulthandler's signal handlers.
pub fn is_collecting() -> bool {
    // SAFETY: a plain read of a flag; a stale answer only changes a report.
    unsafe { std::ptr::read_volatile(&raw const STATE.collecting) }
}

/// `gc_collect_main`: collects generation `gen` (and the younger ones).
/// Returns `None` when a collection is already running.
pub fn collect(gen: usize) -> Option<Outcome> {
    let st = state();
    if st.collecting {
        return None;
    }
    st.collecting = true;
    st.scheduled = false;
    // SAFETY: the interpreter lock is held; the lists are consistent.
    let out = unsafe {
        crate::runtime::errors::keeping_raised(|| {
            run_callbacks("start", gen, Outcome::default());
            let out = collect_generation(gen);
            run_callbacks("stop", gen, out);
            out
        })
    };
    let st = state();
    st.stats[gen].collections += 1;
    st.stats[gen].collected += out.collected;
    st.stats[gen].uncollectable += out.uncollectable;
    st.collecting = false;
    Some(out)
}

unsafe fn collect_generation(gen: usize) -> Outcome {
    let st = state();
    let started = (st.debug & DEBUG_STATS != 0).then(|| {
        print_stats_header(gen);
        std::time::Instant::now()
    });
    // Counters: this collection counts for the next generation.
    if gen + 1 < NUM_GENERATIONS {
        st.gens[gen + 1].count += 1;
    }
    for g in &mut st.gens[..=gen] {
        g.count = 0;
    }
    let older: *mut GcHead = &mut st.gens[(gen + 1).min(NUM_GENERATIONS - 1)].head;
    let mut work = Box::new(GcHead { next: 0, prev: 0 });
    let work: *mut GcHead = &mut *work;
    list_init(work);
    // SAFETY: the generation lists are consistent; `work` outlives its use.
    unsafe {
        for i in 0..=gen {
            list_merge(&mut st.gens[i].head, work);
        }
        let c = Candidates::compute(work);
        let mut unreachable_head = Box::new(GcHead { next: 0, prev: 0 });
        let unreachable: *mut GcHead = &mut *unreachable_head;
        list_init(unreachable);
        let mut found = 0;
        for (i, &op) in c.objs.iter().enumerate() {
            if !c.reachable[i] {
                list_move(head_of(op), unreachable);
                found += 1;
            }
        }
        let survivors = c.objs.len() - found;
        drop(c);
        list_merge(work, older);
        if gen == NUM_GENERATIONS - 2 {
            st.long_lived_pending += survivors as i64;
        } else if gen == NUM_GENERATIONS - 1 {
            st.long_lived_pending = 0;
            st.long_lived_total = list_len(older) as i64;
        }
        if list_is_empty(unreachable) {
            print_stats_done(started, 0, 0);
            return Outcome::default();
        }
        let found = found as i64;
        if st.debug & DEBUG_COLLECTABLE != 0 {
            print_collectable(unreachable);
        }
        clear_weakrefs(unreachable);
        if finalize(unreachable) {
            drop_resurrected(unreachable, older);
        }
        let kept = delete_garbage(unreachable, older);
        print_stats_done(started, found, kept);
        Outcome {
            collected: found - kept,
            uncollectable: kept,
        }
    }
}

/// `gc.DEBUG_STATS` output (on `sys.stderr`, as CPython's
/// `PySys_WriteStderr`) at the start of a collection of `gen`: the size of
/// each generation and of the permanent one.
fn print_stats_header(gen: usize) {
    let st = state();
    // SAFETY: the lists are consistent and nothing runs while they are
    // counted.
    let sizes: Vec<String> = st
        .gens
        .iter_mut()
        .map(|g| unsafe { list_len(&mut g.head) }.to_string())
        .collect();
    // SAFETY: as above.
    let permanent = unsafe { list_len(&mut st.permanent) };
    crate::modules::io::stdio::write_stderr(&format!(
        "gc: collecting generation {gen}...\n\
         gc: objects in each generation: {}\n\
         gc: objects in permanent generation: {permanent}\n",
        sizes.join(" ")
    ));
}

/// `gc.DEBUG_STATS` output at the end of a collection that started at
/// `started` (None when the flag was off then).
fn print_stats_done(started: Option<std::time::Instant>, found: i64, kept: i64) {
    if let Some(t) = started {
        crate::modules::io::stdio::write_stderr(&format!(
            "gc: done, {found} unreachable, {kept} uncollectable, {:.4}s elapsed\n",
            t.elapsed().as_secs_f64()
        ));
    }
}

/// `gc.DEBUG_COLLECTABLE` output (`debug_cycle`): a line on `sys.stderr`
/// naming the type and address of each object found unreachable.
unsafe fn print_collectable(unreachable: *mut GcHead) {
    // SAFETY: the objects in the list are alive; their types are too.
    let lines: String = unsafe { list_objects(unreachable) }
        .into_iter()
        .map(|op| {
            // SAFETY: as above.
            let name = unsafe { crate::object::typeobj::type_name(op) };
            format!("gc: collectable <{name} {op:p}>\n")
        })
        .collect();
    crate::modules::io::stdio::write_stderr(&lines);
}

/// `handle_weakrefs`: clears every weak reference to an unreachable object,
/// then runs the callbacks of the references that are not garbage
/// themselves.
unsafe fn clear_weakrefs(unreachable: *mut GcHead) {
    // SAFETY: the objects in the list are alive; the weakref lists are
    // consistent.
    unsafe {
        let objs = list_objects(unreachable);
        let garbage: AddrMap<()> = objs.iter().map(|&o| (o as usize, ())).collect();
        let mut pending = Vec::new();
        for &op in &objs {
            if (*(*op).ob_type).tp_weaklistoffset > 0 {
                crate::object::weakref::take_refs(
                    op,
                    |wr| !garbage.contains_key(&(wr as usize)),
                    &mut pending,
                );
            }
        }
        crate::object::weakref::run_callbacks(pending);
    }
}

/// `finalize_garbage`: runs `tp_finalize` once on each unreachable object
/// that has one. Returns whether any ran.
unsafe fn finalize(unreachable: *mut GcHead) -> bool {
    let mut seen_head = Box::new(GcHead { next: 0, prev: 0 });
    let seen: *mut GcHead = &mut *seen_head;
    list_init(seen);
    let mut ran = false;
    // SAFETY: objects stay linked until freed; each is moved to `seen`
    // before its finalizer can change the list.
    unsafe {
        while !list_is_empty(unreachable) {
            let g = (*unreachable).next as *mut GcHead;
            list_move(g, seen);
            let op = object_of(g);
            if let Some(fin) = (*(*op).ob_type).tp_finalize {
                if (*g).prev & FINALIZED == 0 {
                    (*g).prev |= FINALIZED;
                    ran = true;
                    incref(op);
                    fin(op);
                    if !crate::runtime::errors::occurred().is_null() {
                        crate::capi::exceptions::PyErr_WriteUnraisable(op);
                    }
                    decref(op);
                }
            }
        }
        list_merge(seen, unreachable);
    }
    ran
}

/// `handle_resurrected_objects`: finalizers may have made some garbage
/// reachable again; those objects (and what they reach) move to `older`.
unsafe fn drop_resurrected(unreachable: *mut GcHead, older: *mut GcHead) {
    // SAFETY: the remaining objects are alive.
    unsafe {
        let c = Candidates::compute(unreachable);
        for (i, &op) in c.objs.iter().enumerate() {
            if c.reachable[i] {
                list_move(head_of(op), older);
            }
        }
    }
}

/// `delete_garbage`: breaks the cycles with `tp_clear` (or saves the
/// objects in `gc.garbage` under `DEBUG_SAVEALL`). Returns how many were
/// kept in `gc.garbage`.
unsafe fn delete_garbage(unreachable: *mut GcHead, older: *mut GcHead) -> i64 {
    let st = state();
    let mut kept = 0;
    // SAFETY: each object is moved to `older` before its clear runs, so
    // an object freed meanwhile unlinks itself from a valid list.
    unsafe {
        while !list_is_empty(unreachable) {
            let g = (*unreachable).next as *mut GcHead;
            let op = object_of(g);
            list_move(g, older);
            if st.debug & DEBUG_SAVEALL != 0 {
                if let Ok(garbage) = garbage_list() {
                    if crate::object::list::append(garbage, op).is_ok() {
                        kept += 1;
                    }
                }
                crate::runtime::errors::clear();
                continue;
            }
            if let Some(clear) = (*(*op).ob_type).tp_clear {
                incref(op);
                clear(op);
                if !crate::runtime::errors::occurred().is_null() {
                    crate::capi::exceptions::PyErr_WriteUnraisable(null_mut());
                }
                decref(op);
            }
        }
    }
    kept
}

/// `gc.garbage`, created on first use (borrowed).
pub fn garbage_list() -> crate::PyResult<*mut PyObject> {
    let st = state();
    if st.garbage.is_null() {
        st.garbage = crate::object::list::new(0)?.into_raw();
    }
    Ok(st.garbage)
}

/// `gc.callbacks`, created on first use (borrowed).
pub fn callbacks_list() -> crate::PyResult<*mut PyObject> {
    let st = state();
    if st.callbacks.is_null() {
        st.callbacks = crate::object::list::new(0)?.into_raw();
    }
    Ok(st.callbacks)
}

/// Calls each of `gc.callbacks` with `(phase, info)`; errors are reported
/// as unraisable.
unsafe fn run_callbacks(phase: &str, gen: usize, out: Outcome) {
    let st = state();
    if st.callbacks.is_null() || crate::object::list::len(st.callbacks) == 0 {
        return;
    }
    let info = || -> crate::PyResult<crate::Owned> {
        use crate::object::{dict, int, str as pystr};
        let d = dict::new()?;
        for (k, v) in [
            ("generation", gen as i64),
            ("collected", out.collected),
            ("uncollectable", out.uncollectable),
        ] {
            // SAFETY: d is a fresh dict.
            unsafe { dict::set_item(d.as_ptr(), pystr::intern(k), int::from_i64(v)?.as_ptr())? };
        }
        Ok(d)
    };
    // SAFETY: the callbacks list is owned by the state; a copy is iterated
    // so that callbacks may change it.
    unsafe {
        let Ok(cbs) = crate::object::list::as_tuple(st.callbacks) else {
            crate::runtime::errors::clear();
            return;
        };
        let (Ok(p), Ok(i)) = (crate::object::str::from_str(phase), info()) else {
            crate::runtime::errors::clear();
            return;
        };
        for &cb in crate::object::tuple::items(cbs.as_ptr()) {
            if crate::object::protocol::call_args(cb, &[p.as_ptr(), i.as_ptr()]).is_err() {
                crate::capi::exceptions::PyErr_WriteUnraisable(cb);
            }
        }
    }
}

/// `gc_collect_generations`: collects the oldest generation whose count is
/// over its threshold (the oldest one only when enough objects were
/// promoted to it since its last collection, as CPython does).
pub fn collect_generations() -> Option<Outcome> {
    let st = state();
    for gen in (0..NUM_GENERATIONS).rev() {
        let g = &st.gens[gen];
        if g.count > g.threshold && g.threshold > 0 {
            if gen == NUM_GENERATIONS - 1 && st.long_lived_pending < st.long_lived_total / 4 {
                continue;
            }
            return collect(gen);
        }
    }
    None
}

/// Runs the automatic collection that `track` scheduled through the
/// eval-breaker word (called by the evaluation loop's safe points).
pub fn collect_scheduled() {
    if std::mem::replace(&mut state().scheduled, false) {
        collect_generations();
    }
}

/// `gc.freeze()`: moves every tracked object to the permanent generation.
pub fn freeze() {
    let st = state();
    for g in &mut st.gens {
        // SAFETY: both are lists.
        unsafe { list_merge(&mut g.head, &mut st.permanent) };
    }
}

/// `gc.unfreeze()`: moves the permanent generation to the oldest one.
pub fn unfreeze() {
    let st = state();
    // SAFETY: both are lists.
    unsafe { list_merge(&mut st.permanent, &mut st.gens[NUM_GENERATIONS - 1].head) };
}

/// `gc.get_freeze_count()`.
pub fn freeze_count() -> usize {
    // SAFETY: the permanent list is consistent.
    unsafe { list_len(&mut state().permanent) }
}

/// Sets aside everything tracked so far, at initialization once the
/// core's static types are ready: their dicts, descriptors and MRO tuples
/// live until [`restore_static`] at finalization, and every collection
/// would otherwise traverse these few thousand objects again to find them
/// alive. References from them keep objects alive, as references from
/// outside the collected generations do. They count as part of the
/// oldest generation for `gc.get_objects()`.
pub fn set_aside_static() {
    let st = state();
    for g in &mut st.gens {
        // SAFETY: both are lists.
        unsafe { list_merge(&mut g.head, &mut st.statics) };
        g.count = 0;
    }
}

/// Returns what [`set_aside_static`] set aside to the oldest generation
/// (finalization, before the static types are cleared), so that the last
/// collection sees whatever of it outlives them.
pub fn restore_static() {
    let st = state();
    // SAFETY: both are lists.
    unsafe { list_merge(&mut st.statics, &mut st.gens[NUM_GENERATIONS - 1].head) };
}

/// The tracked objects of generation `gen`, or of all generations (not
/// the permanent one) for `None` (borrowed pointers, valid until Python
/// code runs).
pub fn objects(gen: Option<usize>) -> Vec<*mut PyObject> {
    let st = state();
    let gens = match gen {
        Some(g) => g..g + 1,
        None => 0..NUM_GENERATIONS,
    };
    // SAFETY: the lists are consistent.
    let mut v: Vec<_> = gens
        .flat_map(|g| unsafe { list_objects(&mut st.gens[g].head) })
        .collect();
    if gen.is_none_or(|g| g == NUM_GENERATIONS - 1) {
        // SAFETY: as above.
        v.extend(unsafe { list_objects(&mut st.statics) });
    }
    v
}

/// Forgets every object still tracked (the end of finalization): what
/// survived the last collections is leaked, never traversed again by a
/// later interpreter, whose objects it may point at no longer.
pub fn forget_all() {
    if std::env::var_os("FERRYTHON_GC_LEFTOVERS").is_some() {
        let st = state();
        let oldest: *mut GcHead = &mut st.gens[NUM_GENERATIONS - 1].head;
        // References from outside the leftovers keep them alive: the place
        // to look for the leak.
        // SAFETY: the lists are consistent, tracked objects alive; no code
        // runs while counting (everything is unlinked below anyway).
        let c = unsafe {
            for g in 0..NUM_GENERATIONS - 1 {
                list_merge(&mut st.gens[g].head, oldest);
            }
            Candidates::compute(oldest)
        };
        for (&op, &external) in c.objs.iter().zip(&c.refs) {
            // SAFETY: tracked objects are alive.
            unsafe {
                eprintln!(
                    "gc leftover: {} at {:p} refcnt {} (external {}) {}",
                    crate::object::typeobj::type_name(op),
                    op,
                    (*op).ob_refcnt,
                    external,
                    crate::object::protocol::repr(op)
                        .ok()
                        .and_then(|r| crate::object::str::as_str(r.as_ptr())
                            .ok()
                            .map(|s| s.chars().take(200).collect::<String>()))
                        .unwrap_or_default()
                )
            };
        }
    }
    let st = state();
    let heads: Vec<*mut GcHead> = st
        .gens
        .iter_mut()
        .map(|g| &mut g.head as *mut GcHead)
        .chain([&mut st.permanent as *mut GcHead, &mut st.statics])
        .collect();
    for h in heads {
        // SAFETY: the lists are consistent; each object is unlinked.
        unsafe {
            while !list_is_empty(h) {
                list_remove((*h).next as *mut GcHead);
            }
        }
    }
    for g in &mut st.gens {
        g.count = 0;
    }
    st.long_lived_total = 0;
    st.long_lived_pending = 0;
}

/// Clears `gc.garbage` and `gc.callbacks` (interpreter finalization).
pub fn clear_lists() {
    let st = state();
    // SAFETY: the lists are owned by the state.
    unsafe {
        crate::object::refcount::xdecref(std::mem::replace(&mut st.garbage, null_mut()));
        crate::object::refcount::xdecref(std::mem::replace(&mut st.callbacks, null_mut()));
    }
}
