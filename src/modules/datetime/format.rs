//! Text output of the date and time types: ISO 8601 pieces, UTC offsets,
//! and `strftime`, which expands `%z`, `%:z`, `%Z` and `%f` here and
//! passes the rest to `time.strftime` as CPython's `wrap_strftime` does.
use super::{delta, tzinfo, Hms, Ymd};
use crate::ffi::*;
use crate::object::{none, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;

/// `YYYY-MM-DD`.
pub fn iso_date(d: Ymd) -> String {
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

/// The time part of an isoformat for `timespec`; `ValueError` for an
/// unknown one.
pub fn iso_time(t: Hms, timespec: &str) -> PyResult<String> {
    let Hms {
        hour,
        minute,
        second,
        us,
    } = t;
    Ok(match timespec {
        "auto" if us != 0 => format!("{hour:02}:{minute:02}:{second:02}.{us:06}"),
        "auto" | "seconds" => format!("{hour:02}:{minute:02}:{second:02}"),
        "hours" => format!("{hour:02}"),
        "minutes" => format!("{hour:02}:{minute:02}"),
        "milliseconds" => format!("{hour:02}:{minute:02}:{second:02}.{:03}", us / 1000),
        "microseconds" => format!("{hour:02}:{minute:02}:{second:02}.{us:06}"),
        _ => return Err(errors::value_error("Unknown timespec value")),
    })
}

/// An offset as `±HH<sep>MM[<sep>SS[.ffffff]]`.
pub fn utcoffset_text(us: i128, sep: &str) -> String {
    let sign = if us < 0 { '-' } else { '+' };
    let us = us.abs();
    let (s, u) = (us / 1_000_000, us % 1_000_000);
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    let mut out = format!("{sign}{h:02}{sep}{m:02}");
    if s != 0 || u != 0 {
        out += &format!("{sep}{s:02}");
        if u != 0 {
            out += &format!(".{u:06}");
        }
    }
    out
}

/// The offset of `tz` for `arg` formatted with `sep`, or "" when None.
pub unsafe fn tz_offset_text(tz: *mut PyObject, arg: *mut PyObject, sep: &str) -> PyResult<String> {
    // SAFETY: tz and arg valid.
    unsafe {
        Ok(match tzinfo::call_utcoffset(tz, arg)? {
            Some(off) => utcoffset_text(delta::us_of(off.as_ptr()), sep),
            None => String::new(),
        })
    }
}

/// A `time.struct_time`-like 9-tuple.
pub fn time_tuple(d: Ymd, t: Hms, dst: i32) -> PyResult<Owned> {
    let wd = super::calendar::weekday(d);
    let yday = super::calendar::day_of_year(d);
    let f = |v: i32| super::pyint(v as i64);
    let items = vec![
        f(d.year)?,
        f(d.month)?,
        f(d.day)?,
        f(t.hour)?,
        f(t.minute)?,
        f(t.second)?,
        f(wd)?,
        f(yday)?,
        f(dst)?,
    ];
    let tup = tuple::from_vec(items)?;
    // SAFETY: struct_time accepts a 9-tuple.
    unsafe {
        let st = super::import_attr("time", "struct_time")?;
        crate::object::protocol::call_args(st.as_ptr(), &[tup.as_ptr()])
    }
}

/// `strftime(format)` of an object with date `d`, time `t` and `tz`
/// (None for dates); `tzarg` is what `utcoffset`/`tzname` receive.
pub unsafe fn strftime(
    format: *mut PyObject,
    timetuple: *mut PyObject,
    us: i32,
    tz: *mut PyObject,
    tzarg: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: the objects are valid.
    unsafe {
        if !pystr::check(format) {
            return Err(errors::type_error(format!(
                "strftime() argument 1 must be str, not {}",
                super::tname(format)
            )));
        }
        let units = pystr::to_ucs4(format);
        let mut out: Vec<u32> = Vec::with_capacity(units.len() + 8);
        let mut zreplace: Option<Vec<u32>> = None;
        let mut colonz: Option<Vec<u32>> = None;
        let mut tzname: Option<Vec<u32>> = None;
        let pct = '%' as u32;
        let mut i = 0;
        while i < units.len() {
            let c = units[i];
            i += 1;
            if c != pct || i >= units.len() {
                out.push(c);
                continue;
            }
            let n = units[i];
            i += 1;
            if n == 'z' as u32 {
                if zreplace.is_none() {
                    zreplace = Some(
                        tz_offset_text(tz, tzarg, "")?
                            .chars()
                            .map(|c| c as u32)
                            .collect(),
                    );
                }
                out.extend(zreplace.as_ref().unwrap());
            } else if n == ':' as u32 && i < units.len() && units[i] == 'z' as u32 {
                i += 1;
                if colonz.is_none() {
                    colonz = Some(
                        tz_offset_text(tz, tzarg, ":")?
                            .chars()
                            .map(|c| c as u32)
                            .collect(),
                    );
                }
                out.extend(colonz.as_ref().unwrap());
            } else if n == 'Z' as u32 {
                if tzname.is_none() {
                    let name = tzinfo::call_tzname(tz, tzarg)?;
                    tzname = Some(if name.as_ptr() == none::none() {
                        Vec::new()
                    } else {
                        // A '%' in the name must stay literal.
                        let p = pystr::from_str("%")?;
                        let pp = pystr::from_str("%%")?;
                        let r = super::call_method(
                            name.as_ptr(),
                            "replace",
                            &[p.as_ptr(), pp.as_ptr()],
                        )?;
                        if !pystr::check(r.as_ptr()) {
                            return Err(errors::type_error(
                                "tzname.replace() did not return a string",
                            ));
                        }
                        pystr::to_ucs4(r.as_ptr())
                    });
                }
                out.extend(tzname.as_ref().unwrap());
            } else if n == 'f' as u32 {
                out.extend(format!("{us:06}").chars().map(|c| c as u32));
            } else {
                out.push(c);
                out.push(n);
            }
        }
        let fmt = pystr::from_ucs4(&out)?;
        let f = super::import_attr("time", "strftime")?;
        crate::object::protocol::call_args(f.as_ptr(), &[fmt.as_ptr(), timetuple])
    }
}

/// `ctime()` text: `Sun Sep 16 01:03:52 1973`.
pub fn ctime(d: Ymd, t: Hms) -> String {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{} {} {:2} {:02}:{:02}:{:02} {:04}",
        DAYS[super::calendar::weekday(d) as usize],
        MONTHS[d.month as usize - 1],
        d.day,
        t.hour,
        t.minute,
        t.second,
        d.year
    )
}

/// `__format__`: `str(self)` for an empty spec, else `self.strftime(spec)`.
pub unsafe fn format(slf: *mut PyObject, spec: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: slf and spec valid.
    unsafe {
        if !pystr::check(spec) {
            return Err(errors::type_error(format!(
                "format() argument must be str, not {}",
                super::tname(spec)
            )));
        }
        if pystr::len(spec) == 0 {
            return crate::object::protocol::str_(slf);
        }
        super::call_method(slf, "strftime", &[spec])
    }
}
