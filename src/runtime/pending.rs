//! Pending calls (CPython's `Py_AddPendingCall` queue in
//! `Python/ceval_gil.c`): C functions that any thread, with or without the
//! GIL, asks the main thread to run. Adding one raises the eval-breaker
//! bit [`gil::CALLS_TO_DO`]; the main thread runs the queue at its next
//! eval-breaker check (backward jumps and function entry) or when
//! `Py_MakePendingCalls` is called.
use crate::runtime::errors::{PyResult, Raised};
use crate::runtime::gil;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// The most calls the main thread's queue holds (CPython's
/// `MAXPENDINGCALLS_MAIN`); one more is refused.
const MAX_PENDING: usize = 32;

/// A queued call: the function and its argument (an address, so the
/// queue is `Send`).
type Call = (
    unsafe extern "C" fn(*mut libc::c_void) -> libc::c_int,
    usize,
);

static QUEUE: Mutex<VecDeque<Call>> = Mutex::new(VecDeque::new());

/// Set while the queue is being run: calls are not run recursively.
static BUSY: AtomicBool = AtomicBool::new(false);

fn queue() -> std::sync::MutexGuard<'static, VecDeque<Call>> {
    QUEUE.lock().unwrap_or_else(|e| e.into_inner())
}

/// `_PyEval_AddPendingCall` for the main thread: queues `func(arg)` and
/// signals the main thread; false when the queue is full.
pub fn add(func: unsafe extern "C" fn(*mut libc::c_void) -> libc::c_int, arg: usize) -> bool {
    let mut q = queue();
    if q.len() >= MAX_PENDING {
        return false;
    }
    q.push_back((func, arg));
    gil::set_eval_breaker(gil::CALLS_TO_DO);
    true
}

/// `make_pending_calls`: runs the queued calls, oldest first, as long as
/// each returns 0. A call that fails stops the run with its exception
/// (the rest stay queued and the bit stays raised). Calls added while the
/// queue runs are run too, up to [`MAX_PENDING`] of them in one go;
/// nested runs (a call that reaches the eval loop) do nothing.
pub fn run() -> PyResult<()> {
    if BUSY.swap(true, Ordering::Acquire) {
        return Ok(());
    }
    // Cleared before running, so a call added meanwhile raises it again.
    gil::clear_eval_breaker(gil::CALLS_TO_DO);
    let mut result = Ok(());
    for _ in 0..MAX_PENDING {
        let Some((func, arg)) = queue().pop_front() else {
            break;
        };
        // SAFETY: the caller of Py_AddPendingCall passed a function and
        // the argument it expects.
        if unsafe { func(arg as *mut libc::c_void) } != 0 {
            if crate::runtime::errors::occurred().is_null() {
                crate::runtime::errors::system_error("error return without exception set");
            }
            result = Err(Raised::assume());
            break;
        }
    }
    if !queue().is_empty() {
        gil::set_eval_breaker(gil::CALLS_TO_DO);
    }
    BUSY.store(false, Ordering::Release);
    result
}

/// `_Py_FinishPendingCalls`: at finalization, runs every call still
/// queued; a failing one is reported as unraisable and the rest still run.
pub fn finish() {
    while !queue().is_empty() {
        if run().is_err() {
            crate::capi::exceptions::write_unraisable(
                Some("Exception ignored while finishing pending calls"),
                std::ptr::null_mut(),
            );
        }
    }
}
