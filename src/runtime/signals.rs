//! Signal delivery (the core of CPython's `Modules/signalmodule.c`): the
//! C-level handler only records that a signal arrived (and writes its
//! number to the wakeup descriptor); the evaluation loop notices at its
//! next eval-breaker check and [`check`] runs the Python handlers, in the
//! main thread, between bytecodes.
use crate::ffi::PyObject;
use crate::object::exceptions as exc;
use crate::runtime::errors::{self, PyResult};
use libc::c_int;
use std::ptr::null_mut;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicPtr, AtomicU64, Ordering};

/// One more than the highest signal number (`NSIG`; Linux has 64 signals).
pub const NSIG: usize = 65;

/// Per signal: it arrived and its handler has not run yet.
static TRIPPED: [AtomicBool; NSIG] = [const { AtomicBool::new(false) }; NSIG];
/// Some entry of `TRIPPED` is set.
static ANY_TRIPPED: AtomicBool = AtomicBool::new(false);
/// Per signal: the Python-level handler (a strong reference), NULL when
/// Python never set one.
static HANDLERS: [AtomicPtr<PyObject>; NSIG] = [const { AtomicPtr::new(null_mut()) }; NSIG];
/// The descriptor `signal.set_wakeup_fd` named, -1 when none.
static WAKEUP_FD: AtomicI32 = AtomicI32::new(-1);
/// `set_wakeup_fd(warn_on_full_buffer=)`: a full wakeup descriptor is
/// reported too, not only other write errors.
static WAKEUP_WARN_FULL: AtomicBool = AtomicBool::new(true);
/// The `errno` of the last failed write to the wakeup descriptor, to be
/// reported by [`check`]; 0 when none.
static WAKEUP_ERRNO: AtomicI32 = AtomicI32::new(0);
/// [`finalize`] dropped the handlers: a signal that arrives (or is
/// simulated) now has no handler, where before finalization no handler
/// meant the default one (CPython's NULL handler after `_PySignal_Fini`).
static CLEARED: AtomicBool = AtomicBool::new(false);
/// The `pthread_t` of the thread that initialized the runtime.
static MAIN_THREAD: AtomicU64 = AtomicU64::new(0);
/// The last program run (`PyRun_*`, `-m`) ended in an uncaught
/// `KeyboardInterrupt` (CPython's `unhandled_keyboard_interrupt`).
static UNHANDLED_INTERRUPT: AtomicBool = AtomicBool::new(false);

/// Records the calling thread as the main thread (runtime initialization).
pub fn note_main_thread() {
    CLEARED.store(false, Ordering::Relaxed);
    // SAFETY: pthread_self has no preconditions.
    MAIN_THREAD.store(unsafe { libc::pthread_self() } as u64, Ordering::Relaxed);
}

/// Whether the calling thread is the main thread.
pub fn is_main_thread() -> bool {
    // SAFETY: pthread_self has no preconditions.
    MAIN_THREAD.load(Ordering::Relaxed) == unsafe { libc::pthread_self() } as u64
}

/// The C-level handler of every signal with a Python handler.
/// Async-signal-safe: atomics and `write` only; `errno` is preserved.
pub extern "C" fn c_handler(sig: c_int) {
    // SAFETY: __errno_location is async-signal-safe.
    let saved = unsafe { *libc::__errno_location() };
    trip(sig);
    let fd = WAKEUP_FD.load(Ordering::Relaxed);
    if fd >= 0 {
        let b = sig as u8;
        // SAFETY: write and __errno_location are async-signal-safe; b
        // lives for the call. A full pipe drops the byte, as in CPython.
        unsafe {
            while libc::write(fd, (&raw const b).cast(), 1) < 0 {
                let e = *libc::__errno_location();
                if e == libc::EINTR {
                    continue;
                }
                if WAKEUP_WARN_FULL.load(Ordering::Relaxed) || e != libc::EAGAIN {
                    WAKEUP_ERRNO.store(e, Ordering::Relaxed);
                }
                break;
            }
        }
    }
    // SAFETY: as above.
    unsafe { *libc::__errno_location() = saved };
}

/// Marks `sig` as arrived (from the C handler or `PyErr_SetInterruptEx`).
pub fn trip(sig: c_int) {
    if let Some(t) = TRIPPED.get(sig as usize) {
        t.store(true, Ordering::Release);
        ANY_TRIPPED.store(true, Ordering::Release);
        crate::runtime::gil::set_eval_breaker(crate::runtime::gil::SIGNALS_PENDING);
    }
}

/// `PyErr_SetInterruptEx`: trips `sig` unless its handler is the
/// default or ignored disposition (a SIGINT that Python never handled
/// counts as handled when our C handler is installed for it).
/// Async-signal-safe.
pub fn simulate(sig: c_int) {
    let h = handler(sig as usize);
    let handled = if h.is_null() {
        CLEARED.load(Ordering::Relaxed)
            || (sig == libc::SIGINT
                && disposition(sig) == c_handler as *const () as libc::sighandler_t)
    } else {
        // SAFETY: a handler object stays alive while installed.
        !unsafe { crate::object::int::check(h) }
    };
    if handled {
        trip(sig);
    }
}

/// Whether a signal waits for its Python handler (one relaxed load; the
/// eval loop asks this at every eval-breaker check).
#[inline(always)]
pub fn pending() -> bool {
    ANY_TRIPPED.load(Ordering::Relaxed)
}

/// Takes a pending SIGINT (`PyOS_InterruptOccurred`).
pub fn take_interrupt() -> bool {
    TRIPPED[libc::SIGINT as usize].swap(false, Ordering::AcqRel)
}

/// `PyErr_CheckSignals`: runs the Python handlers of the signals that
/// arrived, in the main thread; the first one to raise stops the run
/// (the rest stay pending). A SIGINT without a Python handler raises
/// `KeyboardInterrupt`. A signal whose handler went away after it arrived
/// (set to `SIG_DFL`/`SIG_IGN`, or dropped at finalization) is reported
/// as an unraisable `OSError`, as in CPython.
pub fn check() -> PyResult<()> {
    if !pending() || !is_main_thread() {
        return Ok(());
    }
    ANY_TRIPPED.store(false, Ordering::Release);
    report_wakeup_error();
    for sig in 1..NSIG {
        if !TRIPPED[sig].swap(false, Ordering::AcqRel) {
            continue;
        }
        let h = HANDLERS[sig].load(Ordering::Acquire);
        // SAFETY: a non-NULL handler is a live object.
        let gone = (h.is_null() && CLEARED.load(Ordering::Relaxed))
            || (!h.is_null() && unsafe { crate::object::int::check(h) });
        let r = if gone {
            // SAFETY: PyExc_OSError is set at load time.
            unsafe {
                errors::set_string(
                    exc::PyExc_OSError,
                    &format!("Signal {sig} ignored due to race condition"),
                )
            };
            crate::capi::exceptions::write_unraisable(None, crate::object::none::none());
            Ok(())
        } else if h.is_null() {
            if sig == libc::SIGINT as usize {
                // SAFETY: PyExc_KeyboardInterrupt is set at load time.
                Err(unsafe { errors::set_object(exc::PyExc_KeyboardInterrupt, null_mut()) })
            } else {
                Ok(())
            }
        } else {
            // SAFETY: h is a live handler object.
            unsafe { call_handler(h, sig) }
        };
        if r.is_err() {
            if TRIPPED.iter().any(|t| t.load(Ordering::Relaxed)) {
                ANY_TRIPPED.store(true, Ordering::Release);
            }
            return r;
        }
    }
    Ok(())
}

/// `report_wakeup_write_error`: a failed write to the wakeup descriptor
/// is reported as an unraisable `OSError`, leaving the raised exception
/// (if any) as it was.
fn report_wakeup_error() {
    let e = WAKEUP_ERRNO.swap(0, Ordering::Relaxed);
    if e == 0 {
        return;
    }
    let raised = errors::take();
    // SAFETY: PyExc_OSError is set at load time.
    unsafe { errors::set_from_errno(exc::PyExc_OSError, e, null_mut(), null_mut()) };
    crate::capi::exceptions::write_unraisable(
        Some("Exception ignored when trying to write to the signal wakeup fd"),
        null_mut(),
    );
    if let Some(r) = raised {
        errors::restore(r);
    }
}

/// Calls a Python handler as `handler(signum, frame)`.
unsafe fn call_handler(h: *mut PyObject, sig: usize) -> PyResult<()> {
    // SAFETY: h valid; the frame is the running one or None.
    unsafe {
        let f = crate::vm::frame::current();
        let frame = if f.is_null() {
            crate::object::none::none()
        } else {
            f
        };
        let n = crate::object::int::from_i64(sig as i64)?;
        crate::object::protocol::call_args(h, &[n.as_ptr(), frame])?;
        Ok(())
    }
}

/// The Python handler of `sig` (borrowed), NULL when none was set.
pub fn handler(sig: usize) -> *mut PyObject {
    HANDLERS[sig].load(Ordering::Acquire)
}

/// Replaces the Python handler of `sig` with `h` (a new strong reference
/// or NULL) and returns the old one (owned, may be NULL).
pub fn swap_handler(sig: usize, h: *mut PyObject) -> *mut PyObject {
    HANDLERS[sig].swap(h, Ordering::AcqRel)
}

/// `_PySignal_Fini`: drops every Python handler and gives the signals
/// that ran one (and SIGINT) their default disposition back;
/// forgets the wakeup descriptor and the signals not handled yet.
pub fn finalize() {
    let c = c_handler as *const () as libc::sighandler_t;
    for (sig, slot) in HANDLERS.iter().enumerate() {
        TRIPPED[sig].store(false, Ordering::Relaxed);
        let old = slot.swap(null_mut(), Ordering::AcqRel);
        // SIGINT got the C handler at startup even without a Python one.
        if (!old.is_null() || sig == libc::SIGINT as usize) && disposition(sig as c_int) == c {
            set_disposition(sig as c_int, libc::SIG_DFL);
        }
        if !old.is_null() {
            // SAFETY: the table owned this reference.
            unsafe { crate::object::refcount::decref(old) };
        }
    }
    ANY_TRIPPED.store(false, Ordering::Relaxed);
    WAKEUP_FD.store(-1, Ordering::Relaxed);
    CLEARED.store(true, Ordering::Relaxed);
}

/// Sets the wakeup descriptor, and whether a full one is reported,
/// returning the old descriptor.
pub fn swap_wakeup_fd(fd: c_int, warn_on_full_buffer: bool) -> c_int {
    WAKEUP_WARN_FULL.store(warn_on_full_buffer, Ordering::Relaxed);
    WAKEUP_FD.swap(fd, Ordering::AcqRel)
}

/// Installs `handler` (`SIG_DFL`, `SIG_IGN` or [`c_handler`]) for `sig`
/// with `SA_ONSTACK` and without `SA_RESTART` (interrupted calls fail with
/// `EINTR` so the Python handler runs, as in CPython). Returns whether it
/// worked (errno set otherwise).
pub fn set_disposition(sig: c_int, handler: libc::sighandler_t) -> bool {
    // SAFETY: act is fully initialized before use.
    unsafe {
        let mut act: libc::sigaction = std::mem::zeroed();
        act.sa_sigaction = handler;
        act.sa_flags = libc::SA_ONSTACK;
        libc::sigemptyset(&mut act.sa_mask);
        libc::sigaction(sig, &act, null_mut()) == 0
    }
}

/// The current C-level disposition of `sig`.
pub fn disposition(sig: c_int) -> libc::sighandler_t {
    // SAFETY: a NULL new action only reads the current one.
    unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        libc::sigaction(sig, null_mut(), &mut old);
        old.sa_sigaction
    }
}

/// What CPython does at startup: ignore `SIGPIPE` and `SIGXFSZ` (so
/// writes fail with `EPIPE`/`EFBIG` instead of killing the process) and
/// turn SIGINT into `KeyboardInterrupt`.
pub fn install_startup_handlers() {
    note_main_thread();
    set_disposition(libc::SIGPIPE, libc::SIG_IGN);
    set_disposition(libc::SIGXFSZ, libc::SIG_IGN);
    if disposition(libc::SIGINT) == libc::SIG_DFL {
        set_disposition(libc::SIGINT, c_handler as *const () as libc::sighandler_t);
    }
}

/// Records how a program run ended, as CPython's `run_eval_code_obj` and
/// `pymain_run_module` do: `failed` with exactly `KeyboardInterrupt` (not a
/// subclass) raised makes [`Py_RunMain`](crate::capi::config::Py_RunMain)
/// end the process by SIGINT.
pub fn note_run_end(failed: bool) {
    // SAFETY: PyExc_KeyboardInterrupt is set at load time.
    let interrupted = failed && errors::occurred() == unsafe { exc::PyExc_KeyboardInterrupt };
    UNHANDLED_INTERRUPT.store(interrupted, Ordering::Relaxed);
}

/// Takes the note of [`note_run_end`]: whether the last run ended in an
/// uncaught `KeyboardInterrupt`.
pub fn take_unhandled_interrupt() -> bool {
    UNHANDLED_INTERRUPT.swap(false, Ordering::Relaxed)
}

/// `exit_sigint` of CPython's `Modules/main.c`: after an uncaught
/// `KeyboardInterrupt`, the process ends by SIGINT with its default
/// disposition, so that a shell or parent process sees the interrupt
/// (status 130 in a shell). Returns 130 (128 + SIGINT) only if the
/// signal did not end the process.
pub fn exit_sigint() -> c_int {
    if set_disposition(libc::SIGINT, libc::SIG_DFL) {
        // SAFETY: kill and getpid have no preconditions.
        unsafe { libc::kill(libc::getpid(), libc::SIGINT) };
    } else {
        eprintln!("signal: {}", std::io::Error::last_os_error());
    }
    128 + libc::SIGINT
}
