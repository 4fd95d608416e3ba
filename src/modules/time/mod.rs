//! The `time` module (CPython's `Modules/timemodule.c`): clocks
//! (`clocks`), `struct_time` and the calendar conversions (`convert`),
//! and the module table with the time-zone attributes.
pub(crate) mod clocks;
mod convert;

use crate::ffi::*;
use crate::modules::args::{bind, builtin};
use crate::object::descr::{method, METHOD_END};
use crate::object::none;
use crate::object::{dict, int, module, str as pystr, tuple};
use crate::runtime::errors::PyResult;
use libc::{c_int, c_void};

extern "C" {
    /// POSIX `tzset` (not bound by the libc crate).
    fn tzset();
}

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

macro_rules! table {
    ($($name:literal => $f:path $(, $doc:literal)?;)*) => {
        [$(method($name, $f as *const c_void, FK)$(.with_doc($doc))?,)* METHOD_END]
    };
}

static mut METHODS: [PyMethodDef; 24] = table! {
    c"asctime" => convert::time_asctime;
    c"clock_getres" => clocks::time_clock_getres;
    c"clock_gettime" => clocks::time_clock_gettime;
    c"clock_gettime_ns" => clocks::time_clock_gettime_ns;
    c"ctime" => convert::time_ctime;
    c"get_clock_info" => clocks::time_get_clock_info;
    c"gmtime" => convert::time_gmtime;
    c"localtime" => convert::time_localtime;
    c"mktime" => convert::time_mktime;
    c"monotonic" => clocks::time_monotonic,
        c"monotonic($module, /)\n--\n\nThe value in seconds of a clock that never goes backwards, as a float;\nonly differences between two values are meaningful.";
    c"monotonic_ns" => clocks::time_monotonic_ns,
        c"monotonic_ns($module, /)\n--\n\nLike monotonic(), in nanoseconds as an int.";
    c"perf_counter" => clocks::time_perf_counter,
        c"perf_counter($module, /)\n--\n\nThe value in seconds of the highest-resolution clock for measuring short\ndurations, as a float; only differences are meaningful.";
    c"perf_counter_ns" => clocks::time_perf_counter_ns,
        c"perf_counter_ns($module, /)\n--\n\nLike perf_counter(), in nanoseconds as an int.";
    c"process_time" => clocks::time_process_time,
        c"process_time($module, /)\n--\n\nThe CPU time (system and user) of the current process in seconds, as a\nfloat; sleeping is not counted.";
    c"process_time_ns" => clocks::time_process_time_ns,
        c"process_time_ns($module, /)\n--\n\nLike process_time(), in nanoseconds as an int.";
    c"sleep" => clocks::time_sleep;
    c"strftime" => convert::time_strftime;
    c"strptime" => convert::time_strptime;
    c"thread_time" => clocks::time_thread_time,
        c"thread_time($module, /)\n--\n\nThe CPU time (system and user) of the current thread in seconds, as a\nfloat; sleeping is not counted.";
    c"thread_time_ns" => clocks::time_thread_time_ns,
        c"thread_time_ns($module, /)\n--\n\nLike thread_time(), in nanoseconds as an int.";
    c"time" => clocks::time_time,
        c"time($module, /)\n--\n\nThe current time in seconds since the Epoch, as a float (with a\nfraction of a second when the clock provides one).";
    c"time_ns" => clocks::time_time_ns,
        c"time_ns($module, /)\n--\n\nThe current time in nanoseconds since the Epoch, as an int.";
    c"tzset" => time_tzset,
        c"tzset($module, /)\n--\n\nReset the time zone conversion rules from the TZ environment variable.";
};

/// Sets `timezone`, `altzone`, `daylight` and `tzname` in `d` from the
/// C library's view of January and July of the current year (as CPython's
/// `init_timezone`, which also copes with southern-hemisphere DST).
unsafe fn set_timezone(d: *mut PyObject) -> PyResult<()> {
    const YEAR: i64 = (365 * 24 + 6) * 3600;
    // SAFETY: tm is written by localtime_r before it is read; d is a dict.
    unsafe {
        tzset();
        let t = libc::time(std::ptr::null_mut()) / YEAR * YEAR;
        let probe = |t: i64| -> (i64, Vec<u8>) {
            let mut tm: libc::tm = std::mem::zeroed();
            libc::localtime_r(&t, &mut tm);
            let name = if tm.tm_zone.is_null() {
                Vec::new()
            } else {
                std::ffi::CStr::from_ptr(tm.tm_zone).to_bytes().to_vec()
            };
            (-tm.tm_gmtoff, name)
        };
        let (jan, jan_name) = probe(t);
        let (jul, jul_name) = probe(t + YEAR / 2);
        let ((std_off, std_name), (dst_off, dst_name)) = if jan < jul {
            ((jul, jul_name), (jan, jan_name))
        } else {
            ((jan, jan_name), (jul, jul_name))
        };
        let set = |k: &str, v: *mut PyObject| dict::set_item(d, pystr::intern(k), v);
        set("timezone", int::from_i64(std_off)?.as_ptr())?;
        set("altzone", int::from_i64(dst_off)?.as_ptr())?;
        set(
            "daylight",
            int::from_i64((std_off != dst_off) as i64)?.as_ptr(),
        )?;
        let names = tuple::from_vec(vec![
            crate::runtime::fs_codec::decode_locale(&std_name)?,
            crate::runtime::fs_codec::decode_locale(&dst_name)?,
        ])?;
        set("tzname", names.as_ptr())
    }
}

builtin!(time_tzset, |slf, args, kws| {
    bind("tzset", args, &kws, [], 0, 0)?;
    set_timezone(module::dict_of(slf))?;
    Ok(none::owned())
});

/// `PyInit_time`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the method table is static; the module is new.
        unsafe {
            let m = crate::modules::new_module("time", (&raw mut METHODS).cast())?;
            let d = module::dict_of(m.as_ptr());
            let set = |k: &str, v: *mut PyObject| dict::set_item(d, pystr::intern(k), v);
            for &(k, v) in clocks::CLOCK_IDS {
                set(k, int::from_i64(v as i64)?.as_ptr())?;
            }
            set("struct_time", convert::struct_time_type()?.cast())?;
            set("_STRUCT_TM_ITEMS", int::from_i64(11)?.as_ptr())?;
            set_timezone(d)?;
            Ok(m)
        }
    })
}
