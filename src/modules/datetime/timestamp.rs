//! POSIX timestamps: converting a timestamp argument to seconds and
//! microseconds, the C library's `localtime_r`/`gmtime_r`, and local time
//! as seconds for the PEP 495 fold probe and `datetime.timestamp()`.
use super::{Hms, Ymd};
use crate::ffi::*;
use crate::object::{float, int};
use crate::runtime::errors::{self, PyResult};

/// Seconds from 0001-01-01 to 1970-01-01.
pub const EPOCH_SECONDS: i64 = 719_162 * 86_400;

fn out_of_range() -> errors::Raised {
    errors::overflow_error("timestamp out of range for platform time_t")
}

/// A timestamp as (seconds, microseconds) with microseconds rounded half
/// to even (`_PyTime_ObjectToTimeval`); `whole` drops the fraction
/// (rounding down), as `date.fromtimestamp` does.
pub unsafe fn split(ts: *mut PyObject, whole: bool) -> PyResult<(i64, i32)> {
    // SAFETY: ts valid.
    unsafe {
        if float::check(ts) {
            let x = float::value(ts);
            if x.is_nan() {
                return Err(errors::value_error("Invalid value NaN (not a number)"));
            }
            if whole {
                let f = x.floor();
                if !(-9.2e18..9.2e18).contains(&f) {
                    return Err(out_of_range());
                }
                return Ok((f as i64, 0));
            }
            let mut ip = x.trunc();
            let mut us = ((x - ip) * 1e6).round_ties_even();
            if us >= 1e6 {
                us -= 1e6;
                ip += 1.0;
            } else if us < 0.0 {
                us += 1e6;
                ip -= 1.0;
            }
            if !(-9.2e18..9.2e18).contains(&ip) {
                return Err(out_of_range());
            }
            return Ok((ip as i64, us as i32));
        }
        let v = crate::object::number::index(ts).map_err(|_| {
            errors::clear();
            errors::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                super::tname(ts)
            ))
        })?;
        let s = int::as_i128(v.as_ptr())
            .and_then(|v| i64::try_from(v).ok())
            .ok_or_else(out_of_range)?;
        Ok((s, 0))
    }
}

/// Broken-down time of `t`, local or UTC; `OverflowError`/`OSError` when
/// the C library cannot represent it.
pub fn broken_down(t: i64, local: bool) -> PyResult<(Ymd, Hms)> {
    let tt: libc::time_t = t;
    // SAFETY: tm is written by the call.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: valid pointers.
    let r = unsafe {
        if local {
            libc::localtime_r(&tt, &mut tm)
        } else {
            libc::gmtime_r(&tt, &mut tm)
        }
    };
    if r.is_null() {
        let e = errors::last_errno();
        if e == libc::EOVERFLOW || e == 0 {
            return Err(out_of_range());
        }
        return Err(errors::last_os_error());
    }
    let year = tm.tm_year as i64 + 1900;
    if !(super::MINYEAR as i64..=super::MAXYEAR as i64).contains(&year) {
        return Err(errors::value_error(format!("year {year} is out of range")));
    }
    Ok((
        Ymd {
            year: year as i32,
            month: tm.tm_mon + 1,
            day: tm.tm_mday,
        },
        Hms {
            hour: tm.tm_hour,
            minute: tm.tm_min,
            // Leap seconds are folded into :59.
            second: tm.tm_sec.min(59),
            us: 0,
        },
    ))
}

/// Seconds since 0001-01-01 of a date and time read as UTC.
pub fn to_seconds(d: Ymd, t: Hms) -> i64 {
    (super::calendar::ymd_to_ord(d) - 1) * 86_400
        + t.hour as i64 * 3600
        + t.minute as i64 * 60
        + t.second as i64
}

/// Local wall time of the instant `u` (seconds since 0001-01-01, UTC),
/// as seconds since 0001-01-01.
pub fn local(u: i64) -> PyResult<i64> {
    let (d, t) = broken_down(u - EPOCH_SECONDS, true)?;
    Ok(to_seconds(d, t))
}

/// Whether the local time of POSIX time `t` is the second of two equal
/// wall times (PEP 495 `fold`): probe a day back for a transition.
pub fn local_fold(t: i64, d: Ymd, tm: Hms) -> PyResult<i32> {
    const MAX_FOLD: i64 = 24 * 3600;
    let result = to_seconds(d, tm);
    let probe = match local(EPOCH_SECONDS + t - MAX_FOLD) {
        Ok(p) => p,
        // Near the ends of the range there is nothing to probe.
        Err(_) => {
            errors::clear();
            return Ok(0);
        }
    };
    let transition = result - probe - MAX_FOLD;
    if transition < 0 {
        let probe = local(EPOCH_SECONDS + t + transition)?;
        if probe == result {
            return Ok(1);
        }
    }
    Ok(0)
}

/// The POSIX time of a naive local date and time (`local_to_seconds`):
/// the instant whose local time it is, the earlier (fold 0) or later
/// (fold 1) of two; in a gap, the time shifted by the gap.
pub fn local_to_seconds(d: Ymd, tm: Hms, fold: i32) -> PyResult<i64> {
    const MAX_FOLD: i64 = 24 * 3600;
    let t = to_seconds(d, tm);
    let a = local(t)? - t;
    let u1 = t - a;
    let t1 = local(u1)?;
    let b = if t1 == t {
        let u2 = u1 + if fold == 0 { -MAX_FOLD } else { MAX_FOLD };
        let b = local(u2)? - u2;
        if a == b {
            return Ok(u1 - EPOCH_SECONDS);
        }
        b
    } else {
        t1 - u1
    };
    let u2 = t - b;
    if local(u2)? == t {
        return Ok(u2 - EPOCH_SECONDS);
    }
    if t1 == t {
        return Ok(u1 - EPOCH_SECONDS);
    }
    Ok(if fold == 0 { u1.max(u2) } else { u1.min(u2) } - EPOCH_SECONDS)
}

/// The current time as (seconds, microseconds).
pub fn now() -> (i64, i32) {
    // SAFETY: ts is written by the call.
    let mut ts: libc::timespec = unsafe { std::mem::zeroed() };
    // SAFETY: valid pointer.
    unsafe { libc::clock_gettime(libc::CLOCK_REALTIME, &mut ts) };
    (ts.tv_sec, (ts.tv_nsec / 1000) as i32)
}

/// The current time as a float, as `time.time()` returns it.
pub fn now_float() -> PyResult<crate::Owned> {
    // SAFETY: ts is written by the call.
    let mut ts: libc::timespec = unsafe { std::mem::zeroed() };
    // SAFETY: valid pointer.
    unsafe { libc::clock_gettime(libc::CLOCK_REALTIME, &mut ts) };
    float::from_f64(ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9)
}
