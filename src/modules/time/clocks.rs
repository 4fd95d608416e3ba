//! The clocks of `time`: `time`, `monotonic`, `perf_counter`,
//! `process_time`, `thread_time` (each also in `_ns`), `clock_gettime`
//! and friends, and `sleep`, which runs signal handlers when a signal
//! interrupts it and then sleeps for the rest of the time (PEP 475).
use crate::modules::args::{bind, builtin};
use crate::modules::posix::int_arg;
use crate::object::none;
use crate::object::{float, int, number};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, clockid_t};

/// The `CLOCK_*` constants.
pub(super) const CLOCK_IDS: &[(&str, clockid_t)] = &[
    ("CLOCK_BOOTTIME", libc::CLOCK_BOOTTIME),
    ("CLOCK_MONOTONIC", libc::CLOCK_MONOTONIC),
    ("CLOCK_MONOTONIC_RAW", libc::CLOCK_MONOTONIC_RAW),
    ("CLOCK_PROCESS_CPUTIME_ID", libc::CLOCK_PROCESS_CPUTIME_ID),
    ("CLOCK_REALTIME", libc::CLOCK_REALTIME),
    ("CLOCK_TAI", libc::CLOCK_TAI),
    ("CLOCK_THREAD_CPUTIME_ID", libc::CLOCK_THREAD_CPUTIME_ID),
];

/// Reads a clock as (seconds, nanoseconds).
fn read(clock: clockid_t) -> PyResult<libc::timespec> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: ts is writable.
    if unsafe { libc::clock_gettime(clock, &mut ts) } != 0 {
        return Err(errors::last_os_error());
    }
    Ok(ts)
}

fn as_float(ts: libc::timespec) -> PyResult<Owned> {
    float::from_f64(ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9)
}

fn as_ns(ts: libc::timespec) -> PyResult<Owned> {
    int::from_i128(ts.tv_sec as i128 * 1_000_000_000 + ts.tv_nsec as i128)
}

macro_rules! clock_fns {
    ($($f:ident, $fns:ident => $clock:ident;)*) => {$(
        builtin!(pub(super) $f, |args, kws| {
            bind(stringify!($f), args, &kws, [], 0, 0)?;
            as_float(read(libc::$clock)?)
        });
        builtin!(pub(super) $fns, |args, kws| {
            bind(stringify!($fns), args, &kws, [], 0, 0)?;
            as_ns(read(libc::$clock)?)
        });
    )*};
}

clock_fns! {
    time_time, time_time_ns => CLOCK_REALTIME;
    time_monotonic, time_monotonic_ns => CLOCK_MONOTONIC;
    time_perf_counter, time_perf_counter_ns => CLOCK_MONOTONIC;
    time_process_time, time_process_time_ns => CLOCK_PROCESS_CPUTIME_ID;
    time_thread_time, time_thread_time_ns => CLOCK_THREAD_CPUTIME_ID;
}

builtin!(pub(super) time_clock_gettime, |args, kws| {
    let [c] = bind("clock_gettime", args, &kws, ["clk_id"], 1, 1)?;
    as_float(read(int_arg(c.unwrap())? as clockid_t)?)
});

builtin!(pub(super) time_clock_gettime_ns, |args, kws| {
    let [c] = bind("clock_gettime_ns", args, &kws, ["clk_id"], 1, 1)?;
    as_ns(read(int_arg(c.unwrap())? as clockid_t)?)
});

builtin!(pub(super) time_clock_getres, |args, kws| {
    let [c] = bind("clock_getres", args, &kws, ["clk_id"], 1, 1)?;
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    if libc::clock_getres(int_arg(c.unwrap())? as clockid_t, &mut ts) != 0 {
        return Err(errors::last_os_error());
    }
    as_float(ts)
});

/// A duration in seconds (int or float) as nanoseconds, rounded up as
/// CPython's `_PyTime_ROUND_TIMEOUT` does.
pub(crate) unsafe fn duration_ns(o: *mut crate::ffi::PyObject) -> PyResult<i128> {
    // SAFETY: o valid.
    unsafe {
        if float::check(o) {
            let v = float::value(o);
            if v.is_nan() {
                return Err(errors::value_error("Invalid value NaN (not a number)"));
            }
            let ns = (v * 1e9).ceil();
            if ns.abs() > 9.2e18 {
                return Err(errors::overflow_error(
                    "timestamp out of range for platform time_t",
                ));
            }
            return Ok(ns as i128);
        }
        let v = int::as_i128(number::index(o)?.as_ptr())
            .filter(|v| v.abs() < 9_200_000_000)
            .ok_or_else(|| {
                errors::overflow_error("timestamp too large to convert to C PyTime_t")
            })?;
        Ok(v * 1_000_000_000)
    }
}

builtin!(pub(super) time_sleep, |args, kws| {
    let [s] = bind("sleep", args, &kws, ["secs"], 1, 1)?;
    crate::runtime::audit::audit(c"time.sleep", &[s.unwrap()])?;
    let ns = duration_ns(s.unwrap())?;
    if ns < 0 {
        return Err(errors::value_error("sleep length must be non-negative"));
    }
    let now = read(libc::CLOCK_MONOTONIC)?;
    let end = now.tv_sec as i128 * 1_000_000_000 + now.tv_nsec as i128 + ns;
    let deadline = libc::timespec {
        tv_sec: (end / 1_000_000_000) as i64,
        tv_nsec: (end % 1_000_000_000) as i64,
    };
    loop {
        let r: c_int = crate::runtime::gil::allow_threads(|| {
            libc::clock_nanosleep(
                libc::CLOCK_MONOTONIC,
                libc::TIMER_ABSTIME,
                &deadline,
                std::ptr::null_mut(),
            )
        });
        match r {
            0 => return Ok(none::owned()),
            libc::EINTR => errors::check_signals()?,
            e => return Err(errors::os_error(e, std::ptr::null_mut(), std::ptr::null_mut())),
        }
    }
});

builtin!(pub(super) time_get_clock_info, |args, kws| {
    let [n] = bind("get_clock_info", args, &kws, ["name"], 1, 1)?;
    let name = crate::object::str::as_str(n.unwrap())?;
    let (implementation, clock, monotonic, adjustable) = match name {
        "time" => ("clock_gettime(CLOCK_REALTIME)", libc::CLOCK_REALTIME, false, true),
        "monotonic" | "perf_counter" => ("clock_gettime(CLOCK_MONOTONIC)", libc::CLOCK_MONOTONIC, true, false),
        "process_time" => (
            "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)",
            libc::CLOCK_PROCESS_CPUTIME_ID,
            true,
            false,
        ),
        "thread_time" => (
            "clock_gettime(CLOCK_THREAD_CPUTIME_ID)",
            libc::CLOCK_THREAD_CPUTIME_ID,
            true,
            false,
        ),
        _ => return Err(errors::value_error("unknown clock")),
    };
    let mut res = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    if libc::clock_getres(clock, &mut res) != 0 {
        return Err(errors::last_os_error());
    }
    // The result is a types.SimpleNamespace, as in CPython.
    let types = crate::runtime::import::import_absolute("types")?;
    let ns = crate::object::protocol::getattr_str(types.as_ptr(), "SimpleNamespace")?;
    let kw = crate::object::dict::new()?;
    let d = kw.as_ptr();
    let set = |k: &str, v: Owned| crate::object::dict::set_item(d, crate::object::str::intern(k), v.as_ptr());
    set("implementation", crate::object::str::from_str(implementation)?)?;
    set("monotonic", Owned::from_borrowed_static(crate::object::bool::from_bool(monotonic)))?;
    set("adjustable", Owned::from_borrowed_static(crate::object::bool::from_bool(adjustable)))?;
    set("resolution", as_float(res)?)?;
    crate::object::protocol::call(ns.as_ptr(), crate::object::tuple::empty().as_ptr(), d)
});
