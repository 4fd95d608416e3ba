//! The trashcan (`Py_TRASHCAN_BEGIN`/`END`): container deallocators that
//! release their items would recurse once per nesting level, so a list
//! nested a million deep would overflow the C stack. Past a fixed depth,
//! dead containers are parked on a per-thread list (linked through their GC
//! header) and deallocated when the outermost deallocation returns.
use crate::ffi::PyObject;
use crate::object::alloc::{GcHead, GC_HEAD_SIZE};
use std::cell::Cell;
use std::ptr::null_mut;

/// Nesting depth at which deallocation is deferred (CPython uses 50).
const UNWIND_LEVEL: u32 = 50;

thread_local! {
    /// Current deallocation depth.
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    /// Parked containers, linked through `GcHead::prev`.
    static LATER: Cell<*mut PyObject> = const { Cell::new(null_mut()) };
    /// Whether the parked list is being drained (no nested draining).
    static DRAINING: Cell<bool> = const { Cell::new(false) };
}

#[inline(always)]
unsafe fn head(op: *mut PyObject) -> *mut GcHead {
    // SAFETY: op belongs to a collected type (GC header in front).
    unsafe { op.cast::<u8>().sub(GC_HEAD_SIZE).cast() }
}

/// Called first by a container's `tp_dealloc` (`dealloc`, the function
/// calling): `false` when the object was parked (the deallocator must
/// return at once), `true` when it is to be torn down now, in which case
/// [`leave`] must follow. Only the deallocator of the object's own type
/// parks it (as CPython's `_PyTrash_cond`): a base deallocator called by a
/// subclass's would otherwise park an object half torn down, to be torn
/// down again from the start.
#[inline]
pub unsafe fn enter(op: *mut PyObject, dealloc: unsafe extern "C" fn(*mut PyObject)) -> bool {
    let d = DEPTH.with(|c| c.get());
    // SAFETY: op is a live object being deallocated; its type is valid.
    let own = unsafe { (*(*op).ob_type).tp_dealloc }.map(|f| f as usize) == Some(dealloc as usize);
    if d >= UNWIND_LEVEL && own {
        // SAFETY: op is a dead collected object; once it leaves the
        // collector's lists, its GC links are ours.
        unsafe {
            crate::object::gc::untrack(op);
            let h = head(op);
            (*h).next = 0;
            (*h).prev = LATER.with(|l| l.replace(op)) as usize;
        }
        return false;
    }
    DEPTH.with(|c| c.set(d + 1));
    true
}

/// Called last by a deallocator that [`enter`] let through; at depth zero
/// it deallocates the parked containers.
#[inline]
pub unsafe fn leave() {
    let d = DEPTH.with(|c| c.get()) - 1;
    DEPTH.with(|c| c.set(d));
    if d == 0 && !LATER.with(|l| l.get()).is_null() && !DRAINING.with(|c| c.get()) {
        DRAINING.with(|c| c.set(true));
        loop {
            let op = LATER.with(|l| l.get());
            if op.is_null() {
                break;
            }
            // SAFETY: op was parked by enter(); its type outlives it.
            unsafe {
                LATER.with(|l| l.set((*head(op)).prev as *mut PyObject));
                (*head(op)).prev = 0;
                if let Some(f) = (*(*op).ob_type).tp_dealloc {
                    f(op);
                }
            }
        }
        DRAINING.with(|c| c.set(false));
    }
}
