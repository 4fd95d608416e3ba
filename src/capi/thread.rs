//! `pythread.h`: thread identity, `PyThread_type_lock`, starting native
//! threads, and thread-specific storage (the `Py_tss_t` API and the older
//! `PyThread_*_key` API). None of these need the GIL or a thread state.
use crate::runtime::pythread::{self, Lock};
use crate::runtime::tstate;
use libc::{c_int, c_longlong, c_uint, c_ulong, c_void};
use std::ptr::null_mut;
use std::time::Duration;

/// `PyThread_type_lock`: an opaque lock handle.
pub type PyThread_type_lock = *mut c_void;

/// `PyLockStatus`: the result of `PyThread_acquire_lock_timed`.
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PyLockStatus {
    PY_LOCK_FAILURE = 0,
    PY_LOCK_ACQUIRED = 1,
    PY_LOCK_INTR,
}

/// `Py_tss_t`: a thread-specific storage key; `Py_tss_NEEDS_INIT` (all
/// zero) is the uncreated state.
#[repr(C)]
pub struct Py_tss_t {
    pub _is_initialized: c_int,
    pub _key: c_uint,
}

/// `PY_TIMEOUT_MAX`: the longest timeout, in microseconds, that
/// `PyThread_acquire_lock_timed` takes (timeouts are kept in nanoseconds).
#[no_mangle]
pub static PY_TIMEOUT_MAX: c_longlong = c_longlong::MAX / 1000;

/// `PyThread_init_thread`: nothing to set up.
#[no_mangle]
pub extern "C" fn PyThread_init_thread() {}

/// `PyThread_GetInfo`: a new `sys.thread_info` (thread implementation,
/// lock implementation, library version); needs the GIL.
#[no_mangle]
pub extern "C" fn PyThread_GetInfo() -> *mut crate::ffi::PyObject {
    crate::capi::boundary::guard_obj(crate::modules::sys::info::thread_info)
}

/// `PyThread_exit_thread`: ends the calling thread (`pthread_exit`). Meant
/// for threads started by `PyThread_start_new_thread` (or by C code).
#[no_mangle]
pub extern "C-unwind" fn PyThread_exit_thread() -> ! {
    // SAFETY: pthread_exit ends the calling thread; this frame owns
    // nothing that would need dropping.
    unsafe { libc::pthread_exit(null_mut()) }
}

/// `PyThread_get_thread_ident`: `threading.get_ident()` of the caller.
#[no_mangle]
pub extern "C" fn PyThread_get_thread_ident() -> c_ulong {
    tstate::thread_ident() as c_ulong
}

/// `PyThread_get_thread_native_id`: the kernel's id of the caller.
#[no_mangle]
pub extern "C" fn PyThread_get_thread_native_id() -> c_ulong {
    tstate::native_thread_id() as c_ulong
}

/// `PyThread_start_new_thread`: runs `func(arg)` in a new detached thread;
/// returns its ident, or `PYTHREAD_INVALID_THREAD_ID` when it could not
/// start.
#[no_mangle]
pub extern "C" fn PyThread_start_new_thread(
    func: Option<unsafe extern "C" fn(*mut c_void)>,
    arg: *mut c_void,
) -> c_ulong {
    let Some(func) = func else {
        return c_ulong::MAX;
    };
    let boot = Box::into_raw(Box::new((func, arg as usize)));
    // SAFETY: attr is initialized before use and destroyed after; the
    // start routine has the C ABI pthread_create expects (C-unwind only
    // lets pthread_exit's forced unwinding pass), and takes over boot.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        libc::pthread_attr_init(&mut attr);
        libc::pthread_attr_setstacksize(&mut attr, pythread::new_stack_size());
        libc::pthread_attr_setdetachstate(&mut attr, libc::PTHREAD_CREATE_DETACHED);
        let start: extern "C" fn(*mut c_void) -> *mut c_void =
            std::mem::transmute(thread_start as extern "C-unwind" fn(*mut c_void) -> *mut c_void);
        let mut tid: libc::pthread_t = 0;
        let rc = libc::pthread_create(&mut tid, &attr, start, boot.cast());
        libc::pthread_attr_destroy(&mut attr);
        if rc != 0 {
            drop(Box::from_raw(boot));
            return c_ulong::MAX;
        }
        tid as c_ulong
    }
}

/// The start routine of the threads `PyThread_start_new_thread` makes: a
/// raw pthread (not a Rust thread, whose `catch_unwind` would stop the
/// forced unwinding of `PyThread_exit_thread`) whose frame holds nothing
/// to drop while `func` runs.
extern "C-unwind" fn thread_start(boot: *mut c_void) -> *mut c_void {
    // SAFETY: boot is the box PyThread_start_new_thread made for this
    // thread; func gets the argument its caller meant for it.
    unsafe {
        let (func, arg) = *Box::from_raw(boot.cast::<(unsafe extern "C" fn(*mut c_void), usize)>());
        func(arg as *mut c_void);
    }
    null_mut()
}

/// `PyThread_allocate_lock`: a new unlocked lock, NULL on failure.
#[no_mangle]
pub extern "C" fn PyThread_allocate_lock() -> PyThread_type_lock {
    Box::into_raw(Box::new(Lock::new())).cast()
}

/// `PyThread_free_lock`.
#[no_mangle]
pub unsafe extern "C" fn PyThread_free_lock(lock: PyThread_type_lock) {
    if !lock.is_null() {
        // SAFETY: lock came from PyThread_allocate_lock.
        drop(unsafe { Box::from_raw(lock.cast::<Lock>()) });
    }
}

/// `PyThread_acquire_lock`: 1 when taken; with `waitflag` 0 it does not
/// wait.
#[no_mangle]
pub unsafe extern "C" fn PyThread_acquire_lock(lock: PyThread_type_lock, waitflag: c_int) -> c_int {
    // SAFETY: forwarded.
    let r = unsafe { PyThread_acquire_lock_timed(lock, if waitflag != 0 { -1 } else { 0 }, 0) };
    (r == PyLockStatus::PY_LOCK_ACQUIRED) as c_int
}

/// `PyThread_acquire_lock_timed`: waits up to `microseconds` (forever when
/// negative). This runtime never interrupts the wait, so `intr_flag` has no
/// effect and `PY_LOCK_INTR` is never returned.
#[no_mangle]
pub unsafe extern "C" fn PyThread_acquire_lock_timed(
    lock: PyThread_type_lock,
    microseconds: c_longlong,
    _intr_flag: c_int,
) -> PyLockStatus {
    if lock.is_null() {
        return PyLockStatus::PY_LOCK_FAILURE;
    }
    // SAFETY: lock came from PyThread_allocate_lock.
    let l = unsafe { &*lock.cast::<Lock>() };
    let ok = match microseconds {
        0 => l.try_acquire(),
        m if m < 0 => l.acquire(None),
        m => l.acquire(Some(Duration::from_micros(m.min(PY_TIMEOUT_MAX) as u64))),
    };
    if ok {
        PyLockStatus::PY_LOCK_ACQUIRED
    } else {
        PyLockStatus::PY_LOCK_FAILURE
    }
}

/// `PyThread_release_lock`.
#[no_mangle]
pub unsafe extern "C" fn PyThread_release_lock(lock: PyThread_type_lock) {
    if !lock.is_null() {
        // SAFETY: lock came from PyThread_allocate_lock.
        unsafe { &*lock.cast::<Lock>() }.release();
    }
}

/// `PyThread_get_stacksize`: the stack size for new threads, 0 for the
/// default.
#[no_mangle]
pub extern "C" fn PyThread_get_stacksize() -> usize {
    pythread::stack_size()
}

/// `PyThread_set_stacksize`: 0 on success, -1 for a size below the
/// minimum (32 KiB).
#[no_mangle]
pub extern "C" fn PyThread_set_stacksize(size: usize) -> c_int {
    if pythread::set_stack_size(size) {
        0
    } else {
        -1
    }
}

/// `PyThread_tss_alloc`: a new uncreated key on the heap, NULL on failure.
#[no_mangle]
pub extern "C" fn PyThread_tss_alloc() -> *mut Py_tss_t {
    Box::into_raw(Box::new(Py_tss_t {
        _is_initialized: 0,
        _key: 0,
    }))
}

/// `PyThread_tss_free`: deletes the key if created, then frees it.
#[no_mangle]
pub unsafe extern "C" fn PyThread_tss_free(key: *mut Py_tss_t) {
    if !key.is_null() {
        // SAFETY: key came from PyThread_tss_alloc.
        unsafe {
            PyThread_tss_delete(key);
            drop(Box::from_raw(key));
        }
    }
}

/// `PyThread_tss_is_created`.
#[no_mangle]
pub unsafe extern "C" fn PyThread_tss_is_created(key: *mut Py_tss_t) -> c_int {
    // SAFETY: the caller passes a valid key.
    (!key.is_null() && unsafe { (*key)._is_initialized } != 0) as c_int
}

/// `PyThread_tss_create`: 0 on success (also when already created).
#[no_mangle]
pub unsafe extern "C" fn PyThread_tss_create(key: *mut Py_tss_t) -> c_int {
    if key.is_null() {
        return -1;
    }
    // SAFETY: the caller passes a valid key.
    unsafe {
        if (*key)._is_initialized != 0 {
            return 0;
        }
        let mut k: libc::pthread_key_t = 0;
        if libc::pthread_key_create(&mut k, None) != 0 {
            return -1;
        }
        (*key)._key = k;
        (*key)._is_initialized = 1;
    }
    0
}

/// `PyThread_tss_delete`: forgets the key (no-op when not created).
#[no_mangle]
pub unsafe extern "C" fn PyThread_tss_delete(key: *mut Py_tss_t) {
    // SAFETY: the caller passes a valid key.
    unsafe {
        if key.is_null() || (*key)._is_initialized == 0 {
            return;
        }
        libc::pthread_key_delete((*key)._key);
        (*key)._key = 0;
        (*key)._is_initialized = 0;
    }
}

/// `PyThread_tss_set`: 0 on success.
#[no_mangle]
pub unsafe extern "C" fn PyThread_tss_set(key: *mut Py_tss_t, value: *mut c_void) -> c_int {
    // SAFETY: the caller passes a created key.
    unsafe {
        if key.is_null() || (*key)._is_initialized == 0 {
            return -1;
        }
        if libc::pthread_setspecific((*key)._key, value) == 0 {
            0
        } else {
            -1
        }
    }
}

/// `PyThread_tss_get`: this thread's value, NULL when unset.
#[no_mangle]
pub unsafe extern "C" fn PyThread_tss_get(key: *mut Py_tss_t) -> *mut c_void {
    // SAFETY: the caller passes a created key.
    unsafe {
        if key.is_null() || (*key)._is_initialized == 0 {
            return null_mut();
        }
        libc::pthread_getspecific((*key)._key)
    }
}

/// `PyThread_create_key` (deprecated TLS API): a new key, -1 on failure.
#[no_mangle]
pub extern "C" fn PyThread_create_key() -> c_int {
    let mut k: libc::pthread_key_t = 0;
    // SAFETY: k is a valid out pointer.
    if unsafe { libc::pthread_key_create(&mut k, None) } != 0 || k > c_int::MAX as c_uint {
        return -1;
    }
    k as c_int
}

/// `PyThread_delete_key` (deprecated TLS API).
#[no_mangle]
pub extern "C" fn PyThread_delete_key(key: c_int) {
    // SAFETY: deleting an unknown key only returns an error code.
    unsafe { libc::pthread_key_delete(key as libc::pthread_key_t) };
}

/// `PyThread_set_key_value` (deprecated TLS API): 0 on success.
#[no_mangle]
pub unsafe extern "C" fn PyThread_set_key_value(key: c_int, value: *mut c_void) -> c_int {
    // SAFETY: an unknown key only returns an error code.
    if unsafe { libc::pthread_setspecific(key as libc::pthread_key_t, value) } == 0 {
        0
    } else {
        -1
    }
}

/// `PyThread_get_key_value` (deprecated TLS API).
#[no_mangle]
pub extern "C" fn PyThread_get_key_value(key: c_int) -> *mut c_void {
    // SAFETY: an unknown key yields NULL.
    unsafe { libc::pthread_getspecific(key as libc::pthread_key_t) }
}

/// `PyThread_delete_key_value` (deprecated TLS API): unsets this thread's
/// value.
#[no_mangle]
pub extern "C" fn PyThread_delete_key_value(key: c_int) {
    // SAFETY: an unknown key only returns an error code.
    unsafe { libc::pthread_setspecific(key as libc::pthread_key_t, null_mut()) };
}

/// `PyThread_ReInitTLS` (deprecated TLS API): nothing to do after fork.
#[no_mangle]
pub extern "C" fn PyThread_ReInitTLS() {}
