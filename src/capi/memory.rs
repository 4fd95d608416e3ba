//! The Memory Management chapter: `PyMem_Raw*`, `PyMem_*`, `PyObject_*`
//! allocators. `PyMem_Raw*` hands out the C allocator's blocks; the other
//! two families serve small blocks from `object::obmalloc`'s pools. Every
//! family's free and realloc take a block of any family (CPython forbids
//! mixing them; we tolerate it).
use crate::object::alloc::*;
use libc::c_void;

/// Requests above `PY_SSIZE_T_MAX` fail with NULL, as in CPython.
#[inline]
fn too_big(n: usize) -> bool {
    n > isize::MAX as usize
}

/// `PyMem_RawMalloc`.
#[no_mangle]
pub unsafe extern "C" fn PyMem_RawMalloc(n: usize) -> *mut c_void {
    if too_big(n) {
        return std::ptr::null_mut();
    }
    // SAFETY: plain allocation.
    unsafe { system_malloc(n) }
}

/// `PyMem_RawCalloc`.
#[no_mangle]
pub unsafe extern "C" fn PyMem_RawCalloc(n: usize, size: usize) -> *mut c_void {
    // SAFETY: system_calloc checks the product for overflow.
    unsafe { system_calloc(n, size) }
}

/// `PyMem_RawRealloc`.
#[no_mangle]
pub unsafe extern "C" fn PyMem_RawRealloc(p: *mut c_void, n: usize) -> *mut c_void {
    if too_big(n) {
        return std::ptr::null_mut();
    }
    if p.is_null() {
        // SAFETY: plain allocation.
        return unsafe { system_malloc(n) };
    }
    // SAFETY: p came from one of the allocators; the C allocator's blocks
    // stay the C allocator's.
    unsafe { raw_realloc(p, n) }
}

/// `PyMem_RawFree`.
#[no_mangle]
pub unsafe extern "C" fn PyMem_RawFree(p: *mut c_void) {
    // SAFETY: p came from this allocator or is NULL.
    unsafe { raw_free(p) }
}

/// `PyMem_Malloc`.
#[no_mangle]
pub unsafe extern "C" fn PyMem_Malloc(n: usize) -> *mut c_void {
    if too_big(n) {
        return std::ptr::null_mut();
    }
    // SAFETY: plain allocation.
    unsafe { raw_malloc(n) }
}

/// `PyMem_Calloc`.
#[no_mangle]
pub unsafe extern "C" fn PyMem_Calloc(n: usize, size: usize) -> *mut c_void {
    // SAFETY: raw_calloc checks the product for overflow.
    unsafe { raw_calloc(n, size) }
}

/// `PyMem_Realloc`.
#[no_mangle]
pub unsafe extern "C" fn PyMem_Realloc(p: *mut c_void, n: usize) -> *mut c_void {
    if too_big(n) {
        return std::ptr::null_mut();
    }
    // SAFETY: p came from this allocator or is NULL.
    unsafe { raw_realloc(p, n) }
}

/// `PyMem_Free`.
#[no_mangle]
pub unsafe extern "C" fn PyMem_Free(p: *mut c_void) {
    // SAFETY: p came from this allocator or is NULL.
    unsafe { raw_free(p) }
}

/// `PyObject_Malloc`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_Malloc(n: usize) -> *mut c_void {
    if too_big(n) {
        return std::ptr::null_mut();
    }
    // SAFETY: plain allocation.
    unsafe { raw_malloc(n) }
}

/// `PyObject_Calloc`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_Calloc(n: usize, size: usize) -> *mut c_void {
    // SAFETY: raw_calloc checks the product for overflow.
    unsafe { raw_calloc(n, size) }
}

/// `PyObject_Realloc`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_Realloc(p: *mut c_void, n: usize) -> *mut c_void {
    if too_big(n) {
        return std::ptr::null_mut();
    }
    // SAFETY: p came from this allocator or is NULL.
    unsafe { raw_realloc(p, n) }
}

/// `PyObject_Free`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_Free(p: *mut c_void) {
    // SAFETY: p came from this allocator or is NULL.
    unsafe { raw_free(p) }
}

/// `_PyMem_GetCurrentAllocatorName` (internal in CPython; exported here
/// for the test-support `_testinternalcapi`): "pymalloc" while small
/// blocks come from `object::obmalloc`'s pools, else "malloc". Ferrython
/// has no debug hooks and no `PYTHONMALLOC` choice, so the name never
/// carries "_debug".
#[no_mangle]
pub extern "C" fn _PyMem_GetCurrentAllocatorName() -> *const libc::c_char {
    if crate::object::obmalloc::serving() {
        c"pymalloc".as_ptr()
    } else {
        c"malloc".as_ptr()
    }
}
