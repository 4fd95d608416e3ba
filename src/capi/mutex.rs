//! `PyMutex` (CPython's `Include/cpython/lock.h`): a one-byte lock that C
//! code embeds in its own structs. `PyMutex_Lock`, `PyMutex_Unlock`,
//! `PyMutex_IsLocked`. A thread that sleeps waiting for a mutex releases
//! the GIL meanwhile, as CPython's does.
//!
//! The byte holds two bits, as CPython's does: `LOCKED`, and `HAS_PARKED`
//! when some thread sleeps waiting for it. Sleepers wait on one process-wide
//! condition variable; an unlock that sees `HAS_PARKED` wakes them all and
//! they race for the lock again (contention on a `PyMutex` is rare, so one
//! shared queue serves every mutex).
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Condvar, Mutex};

const LOCKED: u8 = 1;
const HAS_PARKED: u8 = 2;
/// Attempts to take a contended lock by spinning before sleeping.
const SPINS: u32 = 40;

/// CPython's `PyMutex`: zero-initialised means unlocked.
#[repr(C)]
pub struct PyMutex {
    pub _bits: u8,
}

static PARKING: Mutex<()> = Mutex::new(());
static WAKE: Condvar = Condvar::new();

/// The lock byte seen as an atomic.
///
/// # Safety
/// `m` points to a live `PyMutex` that is only accessed atomically.
unsafe fn bits<'a>(m: *mut PyMutex) -> &'a AtomicU8 {
    // SAFETY: u8 and AtomicU8 share size and alignment; the caller keeps
    // the mutex alive and only touches it through these functions.
    unsafe { AtomicU8::from_ptr(&raw mut (*m)._bits) }
}

/// `PyMutex_Lock`: takes the lock, sleeping while another thread holds it.
#[no_mangle]
pub unsafe extern "C" fn PyMutex_Lock(m: *mut PyMutex) {
    // SAFETY: the caller passes a live mutex.
    let b = unsafe { bits(m) };
    if b.compare_exchange(0, LOCKED, Ordering::Acquire, Ordering::Relaxed)
        .is_ok()
    {
        return;
    }
    lock_slow(b);
}

/// The contended path of `PyMutex_Lock`.
fn lock_slow(b: &AtomicU8) {
    let mut spins = 0;
    loop {
        let v = b.load(Ordering::Relaxed);
        if v & LOCKED == 0 {
            if b.compare_exchange(v, v | LOCKED, Ordering::Acquire, Ordering::Relaxed)
                .is_ok()
            {
                return;
            }
            continue;
        }
        if spins < SPINS {
            spins += 1;
            std::thread::yield_now();
            continue;
        }
        if v & HAS_PARKED == 0
            && b.compare_exchange(v, v | HAS_PARKED, Ordering::Relaxed, Ordering::Relaxed)
                .is_err()
        {
            continue;
        }
        // Sleeping releases the GIL (CPython detaches the thread state):
        // the holder may need it to get to its unlock.
        crate::runtime::gil::allow_threads(|| {
            let guard = PARKING.lock().unwrap_or_else(|e| e.into_inner());
            // Checked under PARKING: an unlock after this point must take
            // PARKING to wake us, so it cannot slip between check and wait.
            if b.load(Ordering::Relaxed) == LOCKED | HAS_PARKED {
                drop(WAKE.wait(guard).unwrap_or_else(|e| e.into_inner()));
            }
        });
    }
}

/// `PyMutex_Unlock`: releases the lock, waking sleepers if there are any.
/// Unlocking an unlocked mutex is a fatal error in CPython; here it is
/// reported on stderr and ignored.
#[no_mangle]
pub unsafe extern "C" fn PyMutex_Unlock(m: *mut PyMutex) {
    // SAFETY: the caller passes a live mutex.
    let b = unsafe { bits(m) };
    let old = b.swap(0, Ordering::Release);
    if old & LOCKED == 0 {
        eprintln!("Fatal Python error: PyMutex_Unlock: unlocking mutex that is not locked");
        return;
    }
    if old & HAS_PARKED != 0 {
        let _guard = PARKING.lock().unwrap_or_else(|e| e.into_inner());
        WAKE.notify_all();
    }
}

/// `PyMutex_IsLocked` (3.14): whether some thread holds the lock.
#[no_mangle]
pub unsafe extern "C" fn PyMutex_IsLocked(m: *mut PyMutex) -> std::ffi::c_int {
    // SAFETY: the caller passes a live mutex.
    let b = unsafe { bits(m) };
    (b.load(Ordering::Relaxed) & LOCKED != 0) as std::ffi::c_int
}
