//! Object memory: the allocators behind `PyMem_*`/`PyObject_Malloc`, and
//! object allocation with room for the GC header (`PyGC_Head`, two words)
//! in front of every object whose type has `Py_TPFLAGS_HAVE_GC`. Small
//! blocks come from the pools of `object::obmalloc`, the others from the C
//! allocator; the `PyMem_Raw*` family allocates from the C allocator only.
use crate::ffi::*;
use crate::modules::tracemalloc;
use crate::object::obmalloc;
use crate::object::refcount::incref;
use libc::c_void;

/// Size of the GC header placed before tracked objects.
pub const GC_HEAD_SIZE: usize = 16;

/// `PyGC_Head`: the collector's links (see `object::gc`); the low bits of
/// `prev` hold flags and `next == 0` means untracked.
#[repr(C)]
pub struct GcHead {
    pub next: usize,
    pub prev: usize,
}

/// A statically allocated object of a collected type, with the GC header
/// (never tracked) in front of it that the collector reads for every
/// object of such a type, as CPython's static empty tuple has one.
#[repr(C)]
pub struct StaticGc<T> {
    head: GcHead,
    pub object: T,
}

impl<T> StaticGc<T> {
    pub const fn new(object: T) -> StaticGc<T> {
        StaticGc {
            head: GcHead { next: 0, prev: 0 },
            object,
        }
    }
}

/// `PyObject_Malloc` / `PyMem_Malloc`: a zero-size request gets a unique
/// non-NULL pointer, as in CPython.
#[inline]
pub unsafe fn raw_malloc(n: usize) -> *mut c_void {
    // SAFETY: a plain allocation.
    let p = unsafe { obmalloc::malloc(n) };
    if tracing() {
        tracemalloc::track(p, n);
    }
    p
}

/// `PyMem_RawMalloc`: the C allocator's block, which C code may release
/// with `free` (as CPython's raw domain is `malloc` itself).
#[inline]
pub unsafe fn system_malloc(n: usize) -> *mut c_void {
    // SAFETY: libc malloc with a non-zero size.
    let p = unsafe { libc::malloc(n.max(1)) };
    if tracing() {
        tracemalloc::track(p, n);
    }
    p
}

/// `PyMem_RawCalloc`: as [`system_malloc`], zeroed.
#[inline]
pub unsafe fn system_calloc(n: usize, size: usize) -> *mut c_void {
    let p = match n.checked_mul(size) {
        // SAFETY: libc calloc of a non-zero size.
        Some(total) => unsafe { libc::calloc(1, total.max(1)) },
        None => std::ptr::null_mut(),
    };
    if tracing() {
        tracemalloc::track(p, n.saturating_mul(size));
    }
    p
}

/// Whether `tracemalloc` records blocks (one relaxed load on each
/// allocation).
#[inline(always)]
fn tracing() -> bool {
    tracemalloc::TRACING.load(std::sync::atomic::Ordering::Relaxed)
}

/// `size` zeroed bytes (`size` > 0).
#[inline(always)]
unsafe fn zeroed(size: usize) -> *mut c_void {
    // SAFETY: a non-zero size.
    unsafe { obmalloc::calloc(size) }
}

/// `PyObject_Calloc`.
#[inline]
pub unsafe fn raw_calloc(n: usize, size: usize) -> *mut c_void {
    let p = match n.checked_mul(size) {
        // SAFETY: a zeroed block of at least one byte.
        Some(total) => unsafe { zeroed(total.max(1)) },
        None => std::ptr::null_mut(),
    };
    if tracing() {
        tracemalloc::track(p, n.saturating_mul(size));
    }
    p
}

/// `PyObject_Realloc`.
#[inline]
pub unsafe fn raw_realloc(p: *mut c_void, n: usize) -> *mut c_void {
    // SAFETY: p came from one of these allocators or is NULL.
    let q = unsafe { obmalloc::realloc(p, n) };
    if tracing() && !q.is_null() {
        tracemalloc::untrack(p);
        tracemalloc::track(q, n);
    }
    q
}

/// `PyObject_Free`.
#[inline]
pub unsafe fn raw_free(p: *mut c_void) {
    if tracing() {
        tracemalloc::untrack(p);
    }
    // SAFETY: p came from one of these allocators or is NULL.
    unsafe { obmalloc::free(p) }
}

/// Whether instances of `tp` carry a GC header.
#[inline]
pub unsafe fn type_is_gc(tp: *mut PyTypeObject) -> bool {
    // SAFETY: tp is a valid type.
    unsafe { (*tp).tp_flags & Py_TPFLAGS_HAVE_GC != 0 }
}

/// `_PyObject_VAR_SIZE`: the bytes for an object of `tp` with `nitems` items,
/// rounded up to pointer size.
#[inline]
pub unsafe fn var_size(tp: *mut PyTypeObject, nitems: Py_ssize_t) -> usize {
    // SAFETY: tp is a valid type.
    let (basic, item) = unsafe { ((*tp).tp_basicsize as usize, (*tp).tp_itemsize as usize) };
    (basic + nitems as usize * item + 7) & !7
}

/// Sets the header of freshly allocated memory: type, refcount 1, and a
/// reference to a heap type (`PyObject_Init`).
#[inline]
pub unsafe fn init_object(op: *mut PyObject, tp: *mut PyTypeObject) {
    // SAFETY: op points at writable memory of at least a PyObject.
    unsafe {
        (*op).ob_refcnt = 1;
        (*op).ob_overflow = 0;
        (*op).ob_flags = 0;
        (*op).ob_type = tp;
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            incref(tp.cast());
        }
    }
}

/// Allocates `size` zeroed bytes for an object of `tp`, with a GC header in
/// front when the type is collected; returns the object pointer (NULL on
/// memory exhaustion, with no error set).
#[inline]
pub unsafe fn alloc_zeroed(tp: *mut PyTypeObject, size: usize) -> *mut PyObject {
    // SAFETY: tp valid; the memory is zeroed, so the GC head is untracked.
    unsafe {
        if type_is_gc(tp) {
            let p = zeroed(size + GC_HEAD_SIZE) as *mut u8;
            if p.is_null() {
                return std::ptr::null_mut();
            }
            if tracing() {
                tracemalloc::track(p.cast(), size + GC_HEAD_SIZE);
            }
            crate::object::gc::on_alloc();
            p.add(GC_HEAD_SIZE).cast()
        } else {
            let p = zeroed(size.max(1));
            if tracing() {
                tracemalloc::track(p, size);
            }
            p.cast()
        }
    }
}

/// `_PyObject_GC_Resize`: moves the variable-size object `op`, which the
/// collector must not track, to memory for `nitems` items (a GC header
/// moves with it) and sets its size. The new items are not initialized.
/// NULL on memory exhaustion (no error set), `op` then unchanged.
pub unsafe fn resize_var(op: *mut PyVarObject, nitems: Py_ssize_t) -> *mut PyVarObject {
    // SAFETY: op came from alloc_zeroed for its type and is untracked.
    unsafe {
        let tp = (*op).ob_base.ob_type;
        let pre = if type_is_gc(tp) { GC_HEAD_SIZE } else { 0 };
        let size = var_size(tp, nitems) + pre;
        let base = op.cast::<u8>().sub(pre).cast::<c_void>();
        let q = obmalloc::realloc(base, size);
        if q.is_null() {
            return std::ptr::null_mut();
        }
        if tracing() {
            tracemalloc::untrack(base);
            tracemalloc::track(q, size);
        }
        let op = q.cast::<u8>().add(pre).cast::<PyVarObject>();
        (*op).ob_size = nitems;
        op
    }
}

/// Frees the memory of a GC-tracked object (`PyObject_GC_Del`).
#[inline]
pub unsafe fn gc_free(op: *mut c_void) {
    if op.is_null() {
        return;
    }
    // SAFETY: op was returned by alloc_zeroed for a GC type; the collector
    // unlinks it first if its deallocator left it tracked.
    unsafe {
        crate::object::gc::on_free(op.cast());
        let base = (op as *mut u8).sub(GC_HEAD_SIZE).cast();
        if tracing() {
            tracemalloc::untrack(base);
        }
        obmalloc::free(base)
    }
}

/// `PyType_GenericAlloc`: zeroed memory for `nitems` items (plus one, as
/// CPython allocates), header initialized. NULL with `MemoryError` set on
/// failure.
pub unsafe fn generic_alloc(tp: *mut PyTypeObject, nitems: Py_ssize_t) -> *mut PyObject {
    // SAFETY: tp is a ready type.
    unsafe {
        let size = var_size(tp, nitems + 1);
        let op = alloc_zeroed(tp, size);
        if op.is_null() {
            crate::runtime::errors::no_memory();
            return op;
        }
        init_object(op, tp);
        if (*tp).tp_itemsize != 0 {
            (*op.cast::<PyVarObject>()).ob_size = nitems;
        }
        op
    }
}
