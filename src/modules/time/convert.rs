//! `struct_time` and the calendar functions of `time`: `gmtime`,
//! `localtime`, `mktime`, `asctime`, `ctime`, `strftime` (the C library's,
//! in the C locale as in CPython), and `strptime` (the pure-Python
//! `_strptime`, as CPython delegates it).
use crate::ffi::*;
use crate::modules::args::{bind, builtin};
use crate::object::structseq::{
    self, field, PyStructSequence_Desc, PyStructSequence_Field, FIELD_END,
};
use crate::object::{bytes, float, int, none, number, protocol, str as pystr, tuple, typeobj};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::fs_codec::{decode_locale, encode_locale};
use crate::Owned;
use std::ffi::CString;

static mut FIELDS: [PyStructSequence_Field; 12] = [
    field(c"tm_year"),
    field(c"tm_mon"),
    field(c"tm_mday"),
    field(c"tm_hour"),
    field(c"tm_min"),
    field(c"tm_sec"),
    field(c"tm_wday"),
    field(c"tm_yday"),
    field(c"tm_isdst"),
    field(c"tm_zone"),
    field(c"tm_gmtoff"),
    FIELD_END,
];

static mut DESC: PyStructSequence_Desc = PyStructSequence_Desc {
    name: c"time.struct_time".as_ptr(),
    doc: std::ptr::null(),
    fields: (&raw mut FIELDS).cast(),
    n_in_sequence: 9,
};

// SAFETY: a zeroed type object is valid before it is readied.
static mut TYPE: PyTypeObject = unsafe { std::mem::zeroed() };

/// The `time.struct_time` type.
pub(super) fn struct_time_type() -> PyResult<*mut PyTypeObject> {
    // SAFETY: static type and description.
    unsafe { structseq::static_type(&raw mut TYPE, &raw const DESC) }
}

/// A `struct_time` from a C `struct tm`.
fn from_tm(tm: &libc::tm) -> PyResult<Owned> {
    let i = |v: i64| int::from_i64(v);
    let zone = if tm.tm_zone.is_null() {
        Owned::from_borrowed_static(none::none())
    } else {
        // SAFETY: tm_zone is a NUL-terminated string.
        decode_locale(unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) }.to_bytes())?
    };
    let items = vec![
        i(tm.tm_year as i64 + 1900)?,
        i(tm.tm_mon as i64 + 1)?,
        i(tm.tm_mday as i64)?,
        i(tm.tm_hour as i64)?,
        i(tm.tm_min as i64)?,
        i(tm.tm_sec as i64)?,
        i((tm.tm_wday as i64 + 6) % 7)?,
        i(tm.tm_yday as i64 + 1)?,
        i(tm.tm_isdst as i64)?,
        zone,
        i(tm.tm_gmtoff)?,
    ];
    // SAFETY: the type has 11 fields.
    unsafe { structseq::from_items(struct_time_type()?, items) }
}

fn out_of_range() -> errors::Raised {
    errors::overflow_error("timestamp out of range for platform time_t")
}

/// A timestamp argument as `time_t` (floats rounded down); None or
/// absent means now.
unsafe fn time_t_arg(o: Option<*mut PyObject>) -> PyResult<libc::time_t> {
    // SAFETY: o valid when present.
    unsafe {
        let o = match o {
            Some(o) if o != none::none() => o,
            _ => return Ok(libc::time(std::ptr::null_mut())),
        };
        if float::check(o) {
            let v = float::value(o);
            if v.is_nan() {
                return Err(errors::value_error("Invalid value NaN (not a number)"));
            }
            let f = v.floor();
            if !(-9.2e18..9.2e18).contains(&f) {
                return Err(out_of_range());
            }
            return Ok(f as libc::time_t);
        }
        let v = number::index(o)?;
        int::as_i128(v.as_ptr())
            .and_then(|v| i64::try_from(v).ok())
            .ok_or_else(out_of_range)
    }
}

/// `gmtime_r`/`localtime_r` of a timestamp argument.
unsafe fn broken_down(o: Option<*mut PyObject>, local: bool) -> PyResult<libc::tm> {
    // SAFETY: tm is written before it is read.
    unsafe {
        let t = time_t_arg(o)?;
        let mut tm: libc::tm = std::mem::zeroed();
        let r = if local {
            libc::localtime_r(&t, &mut tm)
        } else {
            libc::gmtime_r(&t, &mut tm)
        };
        if r.is_null() {
            if errors::last_errno() == libc::EOVERFLOW {
                return Err(out_of_range());
            }
            return Err(errors::last_os_error());
        }
        Ok(tm)
    }
}

builtin!(pub(super) time_gmtime, |args, kws| {
    let [s] = bind("gmtime", args, &kws, ["seconds"], 1, 0)?;
    from_tm(&broken_down(s, false)?)
});

builtin!(pub(super) time_localtime, |args, kws| {
    let [s] = bind("localtime", args, &kws, ["seconds"], 1, 0)?;
    from_tm(&broken_down(s, true)?)
});

/// A time tuple (a 9-tuple or a `struct_time`) as a `struct tm`
/// (CPython's `gettmarg`); `zone` keeps the encoded `tm_zone` alive.
unsafe fn tm_arg(func: &str, o: *mut PyObject, zone: &mut Option<CString>) -> PyResult<libc::tm> {
    // SAFETY: o valid; tm fields are plain integers.
    unsafe {
        if !tuple::check(o) {
            return Err(errors::type_error("Tuple or struct_time argument required"));
        }
        let is_struct = (*o).ob_type == struct_time_type()?;
        let items = tuple::items(o);
        if items.len() != 9 {
            return Err(errors::type_error(format!(
                "{func}(): illegal time tuple argument"
            )));
        }
        let mut v = [0i64; 9];
        for (slot, &x) in v.iter_mut().zip(items) {
            if float::check(x) {
                return Err(errors::type_error(
                    "'float' object cannot be interpreted as an integer",
                ));
            }
            let n = int::as_i64(number::index(x)?.as_ptr())?;
            *slot = i32::try_from(n).map_err(|_| {
                errors::overflow_error(if n < 0 {
                    "signed integer is less than minimum"
                } else {
                    "signed integer is greater than maximum"
                })
            })? as i64;
        }
        if v[0] < i32::MIN as i64 + 1900 {
            return Err(errors::overflow_error("year out of range"));
        }
        let mut tm: libc::tm = std::mem::zeroed();
        tm.tm_year = (v[0] - 1900) as i32;
        tm.tm_mon = (v[1] - 1) as i32;
        tm.tm_mday = v[2] as i32;
        tm.tm_hour = v[3] as i32;
        tm.tm_min = v[4] as i32;
        tm.tm_sec = v[5] as i32;
        // C's remainder: a day of week below -1 stays negative, and
        // check_tm refuses it.
        tm.tm_wday = ((v[6] + 1) % 7) as i32;
        tm.tm_yday = (v[7] - 1) as i32;
        tm.tm_isdst = v[8] as i32;
        if is_struct {
            let z = structseq::get_item(o, 9);
            if z != none::none() {
                let b = encode_locale(z)?;
                *zone = CString::new(bytes::as_slice(b.as_ptr())).ok();
                if let Some(c) = zone {
                    tm.tm_zone = c.as_ptr();
                }
            }
            let off = structseq::get_item(o, 10);
            if off != none::none() {
                tm.tm_gmtoff = int::as_i64(number::index(off)?.as_ptr())?;
            }
        }
        Ok(tm)
    }
}

/// Range checks of `asctime` and `strftime` (CPython's `checktm`); the
/// zero month, day and day of year that a time tuple may carry become the
/// first ones.
fn check_tm(tm: &mut libc::tm) -> PyResult<()> {
    if tm.tm_mon == -1 {
        tm.tm_mon = 0;
    }
    if tm.tm_mday == 0 {
        tm.tm_mday = 1;
    }
    if tm.tm_yday == -1 {
        tm.tm_yday = 0;
    }
    let bad = if !(0..=11).contains(&tm.tm_mon) {
        "month out of range"
    } else if !(1..=31).contains(&tm.tm_mday) {
        "day of month out of range"
    } else if !(0..=23).contains(&tm.tm_hour) {
        "hour out of range"
    } else if !(0..=59).contains(&tm.tm_min) {
        "minute out of range"
    } else if !(0..=61).contains(&tm.tm_sec) {
        "seconds out of range"
    } else if tm.tm_wday < 0 {
        "day of week out of range"
    } else if !(0..=365).contains(&tm.tm_yday) {
        "day of year out of range"
    } else {
        return Ok(());
    };
    Err(errors::value_error(bad))
}

builtin!(pub(super) time_mktime, |args, kws| {
    let [t] = bind("mktime", args, &kws, ["t"], 1, 1)?;
    let mut zone = None;
    let mut tm = tm_arg("mktime", t.unwrap(), &mut zone)?;
    tm.tm_wday = -1;
    let r = libc::mktime(&mut tm);
    if r == -1 && tm.tm_wday == -1 {
        return Err(errors::overflow_error("mktime argument out of range"));
    }
    float::from_f64(r as f64)
});

/// `asctime`'s fixed format: `Sun Jan  1 00:00:00 2023`.
fn asctime_text(tm: &libc::tm) -> String {
    const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{} {}{:3} {:02}:{:02}:{:02} {}",
        DAYS[tm.tm_wday.rem_euclid(7) as usize],
        MONTHS[tm.tm_mon.rem_euclid(12) as usize],
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec,
        tm.tm_year as i64 + 1900
    )
}

builtin!(pub(super) time_asctime, |args, kws| {
    let [t] = bind("asctime", args, &kws, ["t"], 1, 0)?;
    let tm = match t {
        Some(t) => {
            let mut zone = None;
            let mut tm = tm_arg("asctime", t, &mut zone)?;
            check_tm(&mut tm)?;
            tm
        }
        None => broken_down(None, true)?,
    };
    pystr::from_str(&asctime_text(&tm))
});

builtin!(pub(super) time_ctime, |args, kws| {
    let [s] = bind("ctime", args, &kws, ["seconds"], 1, 0)?;
    pystr::from_str(&asctime_text(&broken_down(s, true)?))
});

builtin!(pub(super) time_strftime, |args, kws| {
    let [f, t] = bind("strftime", args, &kws, ["format", "t"], 2, 1)?;
    let f = f.unwrap();
    if !pystr::check(f) {
        return Err(errors::type_error(format!(
            "strftime() argument 1 must be str, not {}",
            typeobj::type_name(f)
        )));
    }
    let mut zone = None;
    let mut tm = match t {
        Some(t) => tm_arg("strftime", t, &mut zone)?,
        None => broken_down(None, true)?,
    };
    check_tm(&mut tm)?;
    tm.tm_isdst = tm.tm_isdst.clamp(-1, 1);
    let fmt = encode_locale(f)?;
    let fmt = bytes::as_slice(fmt.as_ptr());
    if fmt.is_empty() {
        return pystr::from_str("");
    }
    let c = CString::new(fmt).map_err(|_| errors::value_error("embedded null character"))?;
    let mut size = 1024usize;
    loop {
        let mut buf = vec![0u8; size];
        let n = libc::strftime(buf.as_mut_ptr().cast(), size, c.as_ptr(), &tm);
        if n > 0 || size >= 256 * fmt.len() {
            return decode_locale(&buf[..n]);
        }
        size *= 2;
    }
});

builtin!(pub(super) time_strptime, |args, kws| {
    let [s, f] = bind("strptime", args, &kws, ["string", "format"], 2, 1)?;
    let m = crate::runtime::import::import_absolute("_strptime")?;
    let func = protocol::getattr_str(m.as_ptr(), "_strptime_time")?;
    let default;
    let f = match f {
        Some(f) => f,
        None => {
            default = pystr::from_str("%a %b %d %H:%M:%S %Y")?;
            default.as_ptr()
        }
    };
    protocol::call_args(func.as_ptr(), &[s.unwrap(), f])
});
