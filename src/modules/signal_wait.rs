//! The interval timers and the signal waits of the `_signal` module
//! (CPython's `Modules/signalmodule.c`): `setitimer`, `getitimer` and
//! `ItimerError`; `sigwait`, `sigwaitinfo`, `sigtimedwait` and the
//! `struct_siginfo` they return.
use crate::ffi::*;
use crate::modules::args::{bind, builtin};
use crate::modules::posix::int_arg;
use crate::object::structseq::{self, structseq_desc};
use crate::object::{float, int, none, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::gil::allow_threads;
use crate::Owned;
use libc::c_int;
use std::ptr::null_mut;
use std::sync::atomic::{AtomicPtr, Ordering};

/// `signal.ItimerError` (an `OSError` subclass), made once.
static ITIMER_ERROR: AtomicPtr<PyObject> = AtomicPtr::new(null_mut());

/// Drops `ItimerError` (interpreter finalization).
pub fn finalize() {
    crate::object::refcount::release_static(&ITIMER_ERROR);
}

/// `signal.ItimerError`, created on first use (borrowed; kept until
/// finalization).
pub fn itimer_error() -> PyResult<*mut PyObject> {
    let e = ITIMER_ERROR.load(Ordering::Acquire);
    if !e.is_null() {
        return Ok(e);
    }
    // SAFETY: a new class deriving from OSError; the reference is kept.
    let e = unsafe {
        crate::capi::exceptions::PyErr_NewException(
            c"signal.itimer_error".as_ptr(),
            crate::object::exceptions::PyExc_OSError,
            null_mut(),
        )
    };
    if e.is_null() {
        return Err(errors::Raised::assume());
    }
    ITIMER_ERROR.store(e, Ordering::Release);
    Ok(e)
}

/// Seconds (an int or a float) as a non-negative-rounded `timeval`, the
/// microseconds rounded up (`timeval_from_double`, `_PyTime_ROUND_CEILING`).
unsafe fn timeval_arg(o: Option<*mut PyObject>) -> PyResult<libc::timeval> {
    let secs = match o {
        // SAFETY: o is a live object.
        Some(o) => unsafe { float::as_f64(o)? },
        None => 0.0,
    };
    if secs.is_nan() {
        return Err(errors::value_error("Invalid value NaN (not a number)"));
    }
    let us = (secs * 1e6).ceil();
    if us.abs() >= 9.2e18 {
        return Err(errors::overflow_error(
            "timestamp too large to convert to C _PyTime_t",
        ));
    }
    let us = us as i64;
    Ok(libc::timeval {
        tv_sec: us.div_euclid(1_000_000),
        tv_usec: us.rem_euclid(1_000_000),
    })
}

/// An `itimerval` as `(delay, interval)` in seconds (`itimer_retval`).
fn itimer_value(v: &libc::itimerval) -> PyResult<Owned> {
    let secs = |t: &libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
    tuple::from_vec(vec![
        float::from_f64(secs(&v.it_value))?,
        float::from_f64(secs(&v.it_interval))?,
    ])
}

/// The error of a failed `setitimer`/`getitimer`: `ItimerError` with errno.
fn itimer_failed() -> errors::Raised {
    let errno = errors::last_errno();
    match itimer_error() {
        // SAFETY: cls is an exception class.
        Ok(cls) => unsafe { errors::set_from_errno(cls, errno, null_mut(), null_mut()) },
        Err(e) => e,
    }
}

builtin!(pub(super) signal_setitimer, |args, kws| {
    let [w, s, i] = bind("setitimer", args, &kws, ["which", "seconds", "interval"], 3, 2)?;
    let which = int_arg(w.unwrap())? as c_int;
    let new = libc::itimerval {
        it_value: timeval_arg(s)?,
        it_interval: timeval_arg(i)?,
    };
    let mut old: libc::itimerval = std::mem::zeroed();
    if libc::setitimer(which, &new, &mut old) != 0 {
        return Err(itimer_failed());
    }
    itimer_value(&old)
});

builtin!(pub(super) signal_getitimer, |args, kws| {
    let [w] = bind("getitimer", args, &kws, ["which"], 1, 1)?;
    let which = int_arg(w.unwrap())? as c_int;
    let mut cur: libc::itimerval = std::mem::zeroed();
    if libc::getitimer(which, &mut cur) != 0 {
        return Err(itimer_failed());
    }
    itimer_value(&cur)
});

structseq_desc!(
    SIGINFO_DESC,
    c"signal.struct_siginfo",
    7,
    [
        c"si_signo",
        c"si_code",
        c"si_errno",
        c"si_pid",
        c"si_uid",
        c"si_status",
        c"si_band"
    ]
);

static mut SIGINFO_TYPE: PyTypeObject = unsafe { std::mem::zeroed() };

/// `signal.struct_siginfo`.
pub fn siginfo_type() -> PyResult<*mut PyTypeObject> {
    // SAFETY: a static type readied on first use from a static description.
    unsafe { structseq::static_type(&raw mut SIGINFO_TYPE, &raw const SIGINFO_DESC) }
}

/// A `siginfo_t` as a `struct_siginfo` (`fill_siginfo`): the fields of
/// the child-status and poll members are read whatever the signal, as
/// CPython does.
fn siginfo_value(si: &libc::siginfo_t) -> PyResult<Owned> {
    // SAFETY: si was filled by the kernel; the union members are plain
    // integers. si_band is the long at the start of the union (after the
    // three ints and their padding).
    let (pid, uid, status, band) = unsafe {
        let band = *(si as *const libc::siginfo_t)
            .cast::<u8>()
            .add(16)
            .cast::<libc::c_long>();
        (si.si_pid(), si.si_uid(), si.si_status(), band)
    };
    let items = [
        si.si_signo as i64,
        si.si_code as i64,
        si.si_errno as i64,
        pid as i64,
        uid as i64,
        status as i64,
        band,
    ]
    .into_iter()
    .map(int::from_i64)
    .collect::<PyResult<Vec<_>>>()?;
    // SAFETY: the type has seven fields.
    unsafe { structseq::from_items(siginfo_type()?, items) }
}

builtin!(pub(super) signal_sigwait, |args, kws| {
    let [s] = bind("sigwait", args, &kws, ["sigset"], 1, 1)?;
    let set = super::signal::mask_of(s.unwrap())?;
    let mut sig: c_int = 0;
    let (setp, sigp) = (&raw const set as usize, &raw mut sig as usize);
    // SAFETY: set and sig outlive the call.
    let err = allow_threads(|| unsafe {
        libc::sigwait(setp as *const libc::sigset_t, sigp as *mut c_int)
    });
    if err != 0 {
        return Err(errors::os_error(err, null_mut(), null_mut()));
    }
    int::from_i64(sig as i64)
});

/// Waits for a signal of `set` for at most `timeout` (forever with None),
/// retrying after an interruption once the handlers ran (PEP 475).
/// None when the time ran out.
unsafe fn wait_info(
    set: &libc::sigset_t,
    timeout: Option<std::time::Duration>,
) -> PyResult<Option<libc::siginfo_t>> {
    let deadline = timeout.map(|t| std::time::Instant::now() + t);
    loop {
        // SAFETY: zeroed siginfo_t is valid.
        let mut si: libc::siginfo_t = unsafe { std::mem::zeroed() };
        let (setp, sip) = (set as *const libc::sigset_t as usize, &raw mut si as usize);
        let left = deadline.map(|d| d.saturating_duration_since(std::time::Instant::now()));
        // The error number is read before the GIL is taken back.
        let (res, e) = allow_threads(|| {
            let (setp, sip) = (setp as *const libc::sigset_t, sip as *mut libc::siginfo_t);
            // SAFETY: set and si outlive the call.
            let res = unsafe {
                match left {
                    None => libc::sigwaitinfo(setp, sip),
                    Some(l) => {
                        let ts = libc::timespec {
                            tv_sec: l.as_secs() as libc::time_t,
                            tv_nsec: l.subsec_nanos() as libc::c_long,
                        };
                        libc::sigtimedwait(setp, sip, &ts)
                    }
                }
            };
            (res, errors::last_errno())
        });
        if res != -1 {
            return Ok(Some(si));
        }
        if e == libc::EAGAIN && deadline.is_some() {
            return Ok(None);
        }
        if e != libc::EINTR {
            // SAFETY: plain error construction.
            return Err(unsafe { errors::os_error(e, null_mut(), null_mut()) });
        }
        errors::check_signals()?;
        if deadline.is_some_and(|d| std::time::Instant::now() >= d) {
            return Ok(None);
        }
    }
}

builtin!(pub(super) signal_sigwaitinfo, |args, kws| {
    let [s] = bind("sigwaitinfo", args, &kws, ["sigset"], 1, 1)?;
    let set = super::signal::mask_of(s.unwrap())?;
    match wait_info(&set, None)? {
        Some(si) => siginfo_value(&si),
        None => Ok(none::owned()),
    }
});

builtin!(pub(super) signal_sigtimedwait, |args, kws| {
    let [s, t] = bind("sigtimedwait", args, &kws, ["sigset", "timeout"], 2, 2)?;
    let set = super::signal::mask_of(s.unwrap())?;
    let secs = float::as_f64(t.unwrap())?;
    if secs.is_nan() {
        return Err(errors::value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(errors::value_error("timeout must be non-negative"));
    }
    let timeout = std::time::Duration::try_from_secs_f64(secs).map_err(|_| {
        errors::overflow_error("timestamp too large to convert to C _PyTime_t")
    })?;
    match wait_info(&set, Some(timeout))? {
        Some(si) => siginfo_value(&si),
        None => Ok(none::owned()),
    }
});
