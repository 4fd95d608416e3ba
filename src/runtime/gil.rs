//! The global interpreter lock (CPython's `Python/ceval_gil.c`): one per
//! process for now (every interpreter shares it until PEP 684's own-GIL
//! interpreters arrive).
//!
//! The lock is a flag guarded by a mutex, with two condition variables:
//! `cond` wakes threads waiting for the flag, `switch` wakes a thread that
//! dropped the lock on request until another thread has taken it (forced
//! switching, so the requester really runs). A waiter that sees no switch
//! within the switch interval sets the drop request in the eval-breaker
//! word, which the evaluation loop polls at backward jumps and function
//! entry; the holder then drops the lock and waits for the switch.
use crate::runtime::tstate::{self, PyThreadState};
use std::sync::atomic::{AtomicU32, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// Eval-breaker bit: a thread waits for the GIL; the holder should drop it.
pub const GIL_DROP_REQUEST: u32 = 1;
/// Eval-breaker bit: some thread state has a pending asynchronous
/// exception (`PyThreadState_SetAsyncExc`).
pub const ASYNC_EXC: u32 = 2;

/// Eval-breaker bit: a signal arrived; the main thread runs its handler.
pub const SIGNALS_PENDING: u32 = 4;

/// Eval-breaker bit: allocation scheduled a cycle collection.
pub const GC_SCHEDULED: u32 = 8;

/// Eval-breaker bit: `Py_AddPendingCall` queued calls for the main
/// thread (`runtime::pending`).
pub const CALLS_TO_DO: u32 = 16;

/// The eval-breaker word: nonzero when the evaluation loop must look at
/// something other than the next instruction.
static EVAL_BREAKER: AtomicU32 = AtomicU32::new(0);

/// Thread states with a pending asynchronous exception.
static ASYNC_EXC_PENDING: AtomicUsize = AtomicUsize::new(0);

/// The switch interval in microseconds (`sys.setswitchinterval`).
static INTERVAL_US: AtomicU64 = AtomicU64::new(5000);

struct GilState {
    /// Whether some thread holds the GIL.
    locked: bool,
    /// The thread state that holds it (as an address), 0 when free.
    holder: usize,
    /// Incremented at every acquisition: a waiter that sees it unchanged
    /// after a whole interval asks for a switch.
    switch_number: u64,
    /// Threads sleeping in `take`.
    waiters: u32,
}

static STATE: Mutex<GilState> = Mutex::new(GilState {
    locked: false,
    holder: 0,
    switch_number: 0,
    waiters: 0,
});
static COND: Condvar = Condvar::new();
static SWITCH: Condvar = Condvar::new();

fn lock() -> MutexGuard<'static, GilState> {
    STATE.lock().unwrap_or_else(|e| e.into_inner())
}

/// `sys.getswitchinterval()` in seconds.
pub fn switch_interval() -> f64 {
    INTERVAL_US.load(Ordering::Relaxed) as f64 * 1e-6
}

/// `sys.setswitchinterval(seconds)`; the caller checked `seconds > 0`.
pub fn set_switch_interval(seconds: f64) {
    INTERVAL_US.store((seconds * 1e6) as u64, Ordering::Relaxed);
}

/// Takes the GIL for `ts`, sleeping while another thread holds it. A
/// thread that finds the runtime finalized (or finalizing, if it is not the
/// finalizing thread) hangs here forever, as in CPython 3.14: it must not
/// touch objects that finalization frees.
///
/// # Safety
/// `ts` is NULL or a live thread state of the calling thread.
pub unsafe fn take(ts: *mut PyThreadState) {
    let mut g = lock();
    if g.locked {
        g.waiters += 1;
        while g.locked {
            let seen = g.switch_number;
            let interval = INTERVAL_US.load(Ordering::Relaxed).max(1);
            let (ng, res) = COND
                .wait_timeout(g, Duration::from_micros(interval))
                .unwrap_or_else(|e| e.into_inner());
            g = ng;
            if res.timed_out() && g.locked && g.switch_number == seen {
                EVAL_BREAKER.fetch_or(GIL_DROP_REQUEST, Ordering::Relaxed);
            }
        }
        g.waiters -= 1;
    }
    g.locked = true;
    g.holder = ts as usize;
    g.switch_number = g.switch_number.wrapping_add(1);
    // The request was addressed to the previous holder.
    EVAL_BREAKER.fetch_and(!GIL_DROP_REQUEST, Ordering::Relaxed);
    SWITCH.notify_all();
    drop(g);
    // SAFETY: as the caller promises.
    if unsafe { crate::runtime::lifecycle::must_hang(ts) } {
        release(ts, false);
        hang();
    }
}

/// Releases the GIL held by `ts`. With `forced` (the holder answers a drop
/// request), waits until another thread has taken it, so that the
/// requester runs before this thread can take it back.
pub fn release(ts: *mut PyThreadState, forced: bool) {
    let mut g = lock();
    debug_assert!(g.locked && (ts.is_null() || g.holder == ts as usize));
    g.locked = false;
    g.holder = 0;
    COND.notify_one();
    if forced {
        let seen = g.switch_number;
        while g.switch_number == seen && g.waiters > 0 {
            g = SWITCH.wait(g).unwrap_or_else(|e| e.into_inner());
        }
    }
}

/// Whether the GIL is held by `ts`.
pub fn held_by(ts: *mut PyThreadState) -> bool {
    let g = lock();
    g.locked && g.holder == ts as usize
}

/// Whether a thread holds the GIL (after finalization nobody does).
pub fn is_locked() -> bool {
    lock().locked
}

/// Blocks the calling thread forever (`PyThread_hang_thread`): used for
/// threads that try to run Python code after finalization.
pub fn hang() -> ! {
    loop {
        std::thread::park();
    }
}

/// Runs `f` with the GIL released (`Py_BEGIN_ALLOW_THREADS` ...
/// `Py_END_ALLOW_THREADS`): `f` must not touch Python objects. Without a
/// current thread state (the caller does not hold the GIL), just runs `f`.
pub fn allow_threads<R>(f: impl FnOnce() -> R) -> R {
    let ts = save_thread();
    let r = f();
    // SAFETY: ts is this thread's, detached just above.
    unsafe { restore_thread(ts) };
    r
}

/// Locks `m`, waiting for it with the GIL released when another thread
/// holds it (the `ACQUIRE_LOCK` of CPython's compression modules, whose
/// objects run their codec without the GIL). A lock poisoned by a panic is
/// taken as it is: the panic was already reported as `SystemError`.
pub fn lock_detached<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    match m.try_lock() {
        Ok(g) => g,
        Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
        Err(std::sync::TryLockError::WouldBlock) => {
            allow_threads(|| m.lock().unwrap_or_else(|p| p.into_inner()))
        }
    }
}

/// `PyEval_SaveThread`: detaches the current thread state and releases
/// the GIL; returns the thread state (NULL when there was none).
pub fn save_thread() -> *mut PyThreadState {
    let ts = tstate::swap(std::ptr::null_mut());
    if !ts.is_null() {
        release(ts, false);
    }
    ts
}

/// `PyEval_RestoreThread`: takes the GIL and makes `ts` current again.
///
/// # Safety
/// `ts` is NULL or a live thread state of the calling thread.
pub unsafe fn restore_thread(ts: *mut PyThreadState) {
    if !ts.is_null() {
        // errno survives, so a caller can look at it after the GIL is back.
        let errno = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
        // SAFETY: as the caller promises.
        unsafe {
            take(ts);
            *libc::__errno_location() = errno;
        }
        tstate::swap(ts);
    }
}

/// Raises the eval-breaker bits `bits`.
pub fn set_eval_breaker(bits: u32) {
    EVAL_BREAKER.fetch_or(bits, Ordering::Relaxed);
}

/// Lowers the eval-breaker bits `bits`.
pub fn clear_eval_breaker(bits: u32) {
    EVAL_BREAKER.fetch_and(!bits, Ordering::Relaxed);
}

/// Records that a thread state got (`pending == true`) or lost an
/// asynchronous exception, keeping `ASYNC_EXC` raised while any is pending.
pub fn note_async_exc(pending: bool) {
    if pending {
        ASYNC_EXC_PENDING.fetch_add(1, Ordering::Relaxed);
        set_eval_breaker(ASYNC_EXC);
    } else if ASYNC_EXC_PENDING.fetch_sub(1, Ordering::Relaxed) == 1 {
        EVAL_BREAKER.fetch_and(!ASYNC_EXC, Ordering::Relaxed);
    }
}

/// The evaluation loop's check (backward jumps and `RESUME`): one relaxed
/// load on the fast path.
#[inline(always)]
pub fn check_eval_breaker() -> crate::PyResult<()> {
    if EVAL_BREAKER.load(Ordering::Relaxed) == 0 {
        return Ok(());
    }
    handle_eval_breaker()
}

/// `_Py_HandlePending`: answers a drop request by letting a waiting
/// thread run; in the main thread, raises for a pending signal and runs
/// the pending calls; then raises this thread's asynchronous exception,
/// if any.
#[cold]
#[inline(never)]
fn handle_eval_breaker() -> crate::PyResult<()> {
    let bits = EVAL_BREAKER.load(Ordering::Relaxed);
    let ts = tstate::current();
    if ts.is_null() {
        return Ok(());
    }
    if bits & GIL_DROP_REQUEST != 0 {
        tstate::swap(std::ptr::null_mut());
        release(ts, true);
        // SAFETY: ts is this thread's live thread state.
        unsafe { take(ts) };
        tstate::swap(ts);
    }
    if bits & GC_SCHEDULED != 0 {
        EVAL_BREAKER.fetch_and(!GC_SCHEDULED, Ordering::Relaxed);
        crate::object::gc::collect_scheduled();
    }
    if bits & SIGNALS_PENDING != 0 && crate::runtime::signals::is_main_thread() {
        EVAL_BREAKER.fetch_and(!SIGNALS_PENDING, Ordering::Relaxed);
        let r = crate::runtime::errors::check_signals();
        if crate::runtime::signals::pending() {
            set_eval_breaker(SIGNALS_PENDING);
        }
        r?;
    }
    if bits & CALLS_TO_DO != 0 && crate::runtime::signals::is_main_thread() {
        crate::runtime::pending::run()?;
    }
    if bits & ASYNC_EXC != 0 {
        // SAFETY: ts is the current, live thread state and we hold the GIL.
        let exc = unsafe { std::mem::replace(&mut (*ts).async_exc, std::ptr::null_mut()) };
        if !exc.is_null() {
            note_async_exc(false);
            // SAFETY: async_exc owned a reference to an exception class.
            let r = unsafe { crate::Owned::from_raw_unchecked(exc) };
            // SAFETY: as above.
            return Err(unsafe {
                crate::runtime::errors::set_object(r.as_ptr(), std::ptr::null_mut())
            });
        }
    }
    Ok(())
}
