//! `faulthandler.dump_traceback_later`: a watchdog thread that, unless
//! cancelled first, writes `Timeout (H:MM:SS[.ffffff])!` and every
//! thread's traceback after the timeout, again each period with
//! `repeat`, and ends the process with `exit` (`faulthandler_thread`).
use super::{dump, keep};
use crate::runtime::errors::PyResult;
use crate::Owned;
use libc::c_int;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// The running watchdog: its cancel flag and wake-up, and its thread.
struct Watchdog {
    cancel: Arc<(Mutex<bool>, Condvar)>,
    thread: std::thread::JoinHandle<()>,
    /// The file kept alive while the watchdog may write to it.
    file: usize,
}

static CURRENT: Mutex<Option<Watchdog>> = Mutex::new(None);

/// `Timeout (0:00:01)!` / `Timeout (0:00:00.500000)!` for `micros`.
fn header(micros: u64) -> String {
    let (sec, us) = (micros / 1_000_000, micros % 1_000_000);
    let (min, sec) = (sec / 60, sec % 60);
    let (hour, min) = (min / 60, min % 60);
    let mut h = format!("Timeout ({hour}:{min:02}:{sec:02}");
    if us != 0 {
        h.push_str(&format!(".{us:06}"));
    }
    h.push_str(")!\n");
    h
}

/// Stops the watchdog, if one runs, and waits for its thread.
pub fn cancel() {
    let w = CURRENT.lock().unwrap_or_else(|e| e.into_inner()).take();
    if let Some(w) = w {
        let (lock, cv) = &*w.cancel;
        *lock.lock().unwrap_or_else(|e| e.into_inner()) = true;
        cv.notify_all();
        // The thread never needs the GIL, so waiting for it cannot deadlock.
        let _ = w.thread.join();
        let mut slot = w.file;
        keep(&mut slot, None);
    }
}

/// Starts a watchdog (after stopping the previous one).
pub fn arm(micros: u64, repeat: bool, fd: c_int, exit: bool, file: Option<Owned>) -> PyResult<()> {
    cancel();
    let text = header(micros);
    let cancel_pair = Arc::new((Mutex::new(false), Condvar::new()));
    let theirs = Arc::clone(&cancel_pair);
    let thread = std::thread::Builder::new()
        .name("faulthandler watchdog".into())
        .spawn(move || {
            let (lock, cv) = &*theirs;
            let mut cancelled = lock.lock().unwrap_or_else(|e| e.into_inner());
            loop {
                let (c, timeout) = cv
                    .wait_timeout_while(cancelled, Duration::from_micros(micros), |c| !*c)
                    .unwrap_or_else(|e| e.into_inner());
                cancelled = c;
                if !timeout.timed_out() {
                    return;
                }
                dump::puts(fd, text.as_bytes());
                // SAFETY: a NULL current thread: every thread is "Thread".
                let _ = unsafe { dump::dump_threads(fd, std::ptr::null_mut()) };
                if exit {
                    // SAFETY: _exit ends the process at once, as CPython does.
                    unsafe { libc::_exit(1) };
                }
                if !repeat {
                    return;
                }
            }
        })
        .map_err(|e| {
            crate::runtime::errors::runtime_error(format!("unable to start watchdog thread: {e}"))
        })?;
    let mut slot = 0;
    keep(&mut slot, file);
    *CURRENT.lock().unwrap_or_else(|e| e.into_inner()) = Some(Watchdog {
        cancel: cancel_pair,
        thread,
        file: slot,
    });
    Ok(())
}
