//! OS-thread primitives (CPython's `Python/thread.c` and
//! `thread_pthread.h`): the lock behind `PyThread_allocate_lock` and
//! `_thread.lock`, starting native threads, the thread stack size.
//! Nothing here touches Python objects or the GIL; callers that block
//! release the GIL around these calls.
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// A non-reentrant lock that any thread may release (CPython's
/// `PyThread_type_lock` semantics, unlike a mutex).
pub struct Lock {
    locked: Mutex<bool>,
    cond: Condvar,
}

impl Default for Lock {
    fn default() -> Self {
        Self::new()
    }
}

impl Lock {
    /// An unlocked lock.
    pub const fn new() -> Lock {
        Lock {
            locked: Mutex::new(false),
            cond: Condvar::new(),
        }
    }

    fn state(&self) -> MutexGuard<'_, bool> {
        self.locked.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes the lock if it is free; never blocks.
    pub fn try_acquire(&self) -> bool {
        let mut l = self.state();
        if *l {
            return false;
        }
        *l = true;
        true
    }

    /// Takes the lock, waiting at most `timeout` (forever with `None`);
    /// false when the time ran out.
    pub fn acquire(&self, timeout: Option<Duration>) -> bool {
        let mut l = self.state();
        let deadline = timeout.map(|t| Instant::now().checked_add(t));
        while *l {
            match deadline {
                None | Some(None) => l = self.cond.wait(l).unwrap_or_else(|e| e.into_inner()),
                Some(Some(d)) => {
                    let now = Instant::now();
                    if now >= d {
                        return false;
                    }
                    l = self
                        .cond
                        .wait_timeout(l, d - now)
                        .unwrap_or_else(|e| e.into_inner())
                        .0;
                }
            }
        }
        *l = true;
        true
    }

    /// Releases the lock; false if it was not locked.
    pub fn release(&self) -> bool {
        let mut l = self.state();
        if !*l {
            return false;
        }
        *l = false;
        self.cond.notify_one();
        true
    }

    /// Whether the lock is held.
    pub fn is_locked(&self) -> bool {
        *self.state()
    }

    /// Forces the lock to the unlocked state (`_at_fork_reinit`).
    pub fn reset(&self) {
        *self.state() = false;
    }
}

/// Smallest stack size `_thread.stack_size` accepts (CPython's
/// `THREAD_STACK_MIN`).
pub const STACK_MIN: usize = 0x8000;
/// Stack of a new thread when `stack_size` is 0 (the usual main-thread
/// stack on Linux, so recursion limits behave alike in every thread).
const DEFAULT_STACK: usize = 8 << 20;

/// The size set by `_thread.stack_size`, 0 for the default.
static STACK_SIZE: AtomicUsize = AtomicUsize::new(0);

/// `PyThread_get_stacksize`.
pub fn stack_size() -> usize {
    STACK_SIZE.load(Ordering::Relaxed)
}

/// `PyThread_set_stacksize`: false when `size` is neither 0 nor at least
/// [`STACK_MIN`].
pub fn set_stack_size(size: usize) -> bool {
    if size != 0 && size < STACK_MIN {
        return false;
    }
    STACK_SIZE.store(size, Ordering::Relaxed);
    true
}

/// The stack size of a new thread: the configured one, else the default.
pub fn new_stack_size() -> usize {
    match stack_size() {
        0 => DEFAULT_STACK,
        n => n,
    }
}

/// Starts an OS thread running `f` with the configured stack size;
/// returns its `pthread_t` as `get_ident()` reports it, and the handle to
/// join it.
pub fn spawn(
    f: impl FnOnce() + Send + 'static,
) -> std::io::Result<(u64, std::thread::JoinHandle<()>)> {
    use std::os::unix::thread::JoinHandleExt;
    let h = std::thread::Builder::new()
        .stack_size(new_stack_size())
        .spawn(f)?;
    let ident: u64 = h.as_pthread_t();
    Ok((ident, h))
}
