//! Running a socket system call the way CPython's `sock_call_ex` does: in
//! timeout mode wait with `poll()` until the socket is ready (raising
//! `TimeoutError` at the deadline), call with the GIL released, retry after
//! `EINTR` once the signal handlers ran (PEP 475), and poll again after a
//! spurious `EAGAIN`.
use crate::object::exceptions as exc;
use crate::runtime::errors::{self, PyResult, Raised};
use crate::runtime::gil::allow_threads;
use libc::c_int;

/// Why a socket call failed.
pub(super) enum Fail {
    /// A Python exception is set (a signal handler raised).
    Raised(Raised),
    /// The call failed with this `errno`.
    Os(c_int),
    /// The timeout expired.
    Timeout,
}

impl From<Raised> for Fail {
    fn from(r: Raised) -> Fail {
        Fail::Raised(r)
    }
}

impl Fail {
    /// The Python exception: `OSError` for an errno, `TimeoutError("timed
    /// out")` for an expired timeout.
    pub(super) fn raise(self) -> Raised {
        match self {
            Fail::Raised(r) => r,
            // SAFETY: no filenames.
            Fail::Os(e) => unsafe {
                errors::os_error(e, std::ptr::null_mut(), std::ptr::null_mut())
            },
            // SAFETY: PyExc_TimeoutError is set before any code runs.
            Fail::Timeout => unsafe { errors::set_string(exc::PyExc_TimeoutError, "timed out") },
        }
    }
}

/// The monotonic clock in nanoseconds.
pub(crate) fn now_ns() -> i64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: ts is writable.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    ts.tv_sec * 1_000_000_000 + ts.tv_nsec
}

/// `internal_select`: waits up to `interval` ns (negative: forever) for
/// `fd` to become readable (or writable); `Ok(false)` on timeout, `Err`
/// with the errno when `poll()` fails.
fn wait(fd: c_int, writing: bool, interval: i64, connect: bool) -> Result<bool, c_int> {
    if fd < 0 {
        return Ok(true);
    }
    let mut events = if writing { libc::POLLOUT } else { libc::POLLIN };
    if connect {
        events |= libc::POLLERR;
    }
    let mut p = libc::pollfd {
        fd,
        events,
        revents: 0,
    };
    let ms = if interval < 0 {
        -1
    } else {
        ((interval as i128 + 999_999) / 1_000_000).min(c_int::MAX as i128) as c_int
    };
    // SAFETY: p is one valid pollfd.
    let n = allow_threads(|| unsafe { libc::poll(&mut p, 1, ms) });
    match n {
        n if n < 0 => Err(errors::last_errno()),
        0 => Ok(false),
        _ => Ok(true),
    }
}

/// `sock_call_ex`: runs `f` (a system call on `fd` returning a negative
/// value with `errno` set on failure) with the socket's `timeout` (ns;
/// negative blocks, 0 never waits). `connect` waits for a connection in
/// progress even without a timeout.
pub(super) fn call_ex<T: Copy + PartialOrd + Default>(
    fd: c_int,
    writing: bool,
    connect: bool,
    timeout: i64,
    mut f: impl FnMut() -> T,
) -> Result<T, Fail> {
    let mut deadline: Option<i64> = None;
    loop {
        if timeout > 0 || connect {
            let ready = if timeout > 0 {
                let interval = match deadline {
                    Some(d) => d - now_ns(),
                    None => {
                        deadline = Some(now_ns() + timeout);
                        timeout
                    }
                };
                if interval >= 0 {
                    wait(fd, writing, interval, connect)
                } else {
                    Ok(false)
                }
            } else {
                wait(fd, writing, timeout, connect)
            };
            match ready {
                Ok(true) => {}
                Ok(false) => return Err(Fail::Timeout),
                Err(libc::EINTR) => {
                    errors::check_signals()?;
                    continue;
                }
                Err(e) => return Err(Fail::Os(e)),
            }
        }
        let err = loop {
            let r = allow_threads(&mut f);
            if r >= T::default() {
                return Ok(r);
            }
            let e = errors::last_errno();
            if e != libc::EINTR {
                break e;
            }
            errors::check_signals()?;
        };
        // A readiness report can be a false positive (a datagram dropped
        // for a bad checksum): wait again.
        if timeout > 0 && (err == libc::EWOULDBLOCK || err == libc::EAGAIN) {
            continue;
        }
        return Err(Fail::Os(err));
    }
}

/// `sock_call`: [`call_ex`] raising the Python exception on failure.
pub(super) fn call<T: Copy + PartialOrd + Default>(
    fd: c_int,
    writing: bool,
    timeout: i64,
    f: impl FnMut() -> T,
) -> PyResult<T> {
    call_ex(fd, writing, false, timeout, f).map_err(Fail::raise)
}
