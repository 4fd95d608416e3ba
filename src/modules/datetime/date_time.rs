//! `datetime.datetime` (`PyDateTime_DateTimeType`), a subclass of `date`.
use super::calendar::{self, MAXORDINAL};
use super::time::{hms_repr, invalid_iso, offset_tz, timespec_arg, tz_fold_repr};
use super::{delta, format, timestamp, tzinfo, Hms, PyDateTime_DateTime, Ymd, US_PER_DAY};
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::modules::args::format_i;
use crate::modules::args::{arity, bind, builtin, no_kwargs};
use crate::modules::objtype::{meth_noargs, meth_o};
use crate::object::descr::{getset, method, GETSET_END, METHOD_END};
use crate::object::typeobj::type_template;
use crate::object::{dict, none, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};
use std::cmp::Ordering;

const KW: c_int = METH_FASTCALL | METH_KEYWORDS;

/// `datetime.datetime`.
pub static mut DATETIME_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE,
    tp_base: &raw mut super::date::DATE_TYPE,
    tp_dealloc: Some(super::tz_holder_dealloc),
    tp_repr: Some(dt_repr),
    tp_str: Some(dt_str),
    tp_hash: Some(dt_hash),
    tp_richcompare: Some(dt_richcompare),
    tp_new: Some(dt_new),
    tp_as_number: &raw mut DT_AS_NUMBER,
    tp_methods: (&raw const DT_METHODS).cast_mut().cast(),
    tp_getset: (&raw const DT_GETSET).cast_mut().cast(),
    tp_doc: c"datetime(year, month, day[, hour[, minute[, second[, microsecond[,tzinfo]]]]])\n\nThe year, month and day arguments are required. tzinfo may be None, or an\ninstance of a tzinfo subclass. The remaining arguments may be ints.\n".as_ptr(),
    ..type_template(
        c"datetime.datetime",
        std::mem::size_of::<PyDateTime_DateTime>(),
        0,
    )
};

static mut DT_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_add: Some(dt_add),
    nb_subtract: Some(dt_subtract),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

static DT_METHODS: [PyMethodDef; 25] = [
    method(c"now", dt_now as *const c_void, KW | METH_CLASS),
    method(
        c"utcnow",
        dt_utcnow as *const c_void,
        METH_NOARGS | METH_CLASS,
    ),
    method(
        c"fromtimestamp",
        dt_fromtimestamp as *const c_void,
        KW | METH_CLASS,
    ),
    method(
        c"utcfromtimestamp",
        dt_utcfromtimestamp as *const c_void,
        METH_O | METH_CLASS,
    ),
    method(c"strptime", dt_strptime as *const c_void, KW | METH_CLASS),
    method(c"combine", dt_combine as *const c_void, KW | METH_CLASS),
    method(
        c"fromisoformat",
        dt_fromisoformat as *const c_void,
        METH_O | METH_CLASS,
    ),
    method(c"date", dt_date as *const c_void, METH_NOARGS),
    method(c"time", dt_time as *const c_void, METH_NOARGS),
    method(c"timetz", dt_timetz as *const c_void, METH_NOARGS),
    method(c"ctime", dt_ctime as *const c_void, METH_NOARGS),
    method(c"timetuple", dt_timetuple as *const c_void, METH_NOARGS),
    method(c"timestamp", dt_timestamp as *const c_void, METH_NOARGS),
    method(
        c"utctimetuple",
        dt_utctimetuple as *const c_void,
        METH_NOARGS,
    ),
    method(c"isoformat", dt_isoformat as *const c_void, KW),
    method(c"strftime", dt_strftime as *const c_void, KW),
    method(c"utcoffset", dt_utcoffset as *const c_void, METH_NOARGS),
    method(c"dst", dt_dst as *const c_void, METH_NOARGS),
    method(c"tzname", dt_tzname as *const c_void, METH_NOARGS),
    method(c"replace", dt_replace as *const c_void, KW),
    method(c"__replace__", dt_replace as *const c_void, KW),
    method(c"astimezone", dt_astimezone as *const c_void, KW),
    method(c"__reduce_ex__", dt_reduce_ex as *const c_void, METH_O),
    method(c"__reduce__", dt_reduce as *const c_void, METH_NOARGS),
    METHOD_END,
];

static DT_GETSET: [PyGetSetDef; 7] =
    super::time::time_of_day_getset!(super::dt_hms, super::dt_tzinfo, super::dt_fold);

/// A datetime of class `cls`: directly for `datetime` itself, else by
/// calling the class (with `fold=` only when set).
pub unsafe fn new_dt_ex(
    d: Ymd,
    t: Hms,
    tz: *mut PyObject,
    fold: i32,
    cls: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: cls is a class; tz valid.
    unsafe {
        if cls == super::datetime_type().cast() {
            return super::new_datetime_raw(super::datetime_type(), d, t, tz, fold);
        }
        let f = |v: i32| super::pyint(v as i64);
        let args = tuple::from_vec(vec![
            f(d.year)?,
            f(d.month)?,
            f(d.day)?,
            f(t.hour)?,
            f(t.minute)?,
            f(t.second)?,
            f(t.us)?,
            Owned::from_borrowed(tz),
        ])?;
        let kw = if fold != 0 {
            let k = dict::new()?;
            dict::set_item(k.as_ptr(), crate::interned!("fold"), f(fold)?.as_ptr())?;
            Some(k)
        } else {
            None
        };
        protocol::call(
            cls,
            args.as_ptr(),
            kw.as_ref().map_or(std::ptr::null_mut(), Owned::as_ptr),
        )
    }
}

unsafe extern "C" fn dt_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple; kwargs NULL or a dict.
        unsafe {
            let n = tuple::size(args);
            if (n == 1 || n == 2) && (kwargs.is_null() || dict::len(kwargs) == 0) {
                let a = tuple::items(args);
                if let Some(b) =
                    super::date::pickle_state(a[0], 10, |d| (1..=12).contains(&(d[2] & 0x7f)))?
                {
                    let tz = if n == 2 { a[1] } else { none::none() };
                    super::check_tzinfo(tz).map_err(|_| {
                        errors::clear();
                        errors::type_error("bad tzinfo state arg")
                    })?;
                    let fold = (b[2] >> 7) as i32;
                    let d = Ymd {
                        year: ((b[0] as i32) << 8) | b[1] as i32,
                        month: (b[2] & 0x7f) as i32,
                        day: b[3] as i32,
                    };
                    return super::new_datetime_raw(tp, d, super::hms_from(&b[4..]), tz, fold);
                }
            }
            let a = crate::modules::objtype::parse(
                "datetime",
                args,
                kwargs,
                [
                    "year",
                    "month",
                    "day",
                    "hour",
                    "minute",
                    "second",
                    "microsecond",
                    "tzinfo",
                    "fold",
                ],
                0,
                3,
            )?;
            if tuple::size(args) > 8 {
                return Err(errors::type_error(
                    "datetime() takes at most 8 positional arguments (9 given)",
                ));
            }
            let d = super::check_date(format_i(a[0])?, format_i(a[1])?, format_i(a[2])?)?;
            let fold = super::opt_int(a[8], 0)?;
            let t = super::check_time(
                super::opt_int(a[3], 0)?,
                super::opt_int(a[4], 0)?,
                super::opt_int(a[5], 0)?,
                super::opt_int(a[6], 0)?,
                fold,
            )?;
            let tz = if a[7].is_null() { none::none() } else { a[7] };
            super::check_tzinfo(tz)?;
            super::new_datetime_raw(tp, d, t, tz, fold)
        }
    })
}

unsafe extern "C" fn dt_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a datetime.
        unsafe {
            let d = super::ymd_of(op);
            pystr::from_str(&format!(
                "{}({}, {}, {}, {}{})",
                super::repr_type_name(op),
                d.year,
                d.month,
                d.day,
                hms_repr(super::dt_hms(op)),
                tz_fold_repr(super::dt_tzinfo(op), super::dt_fold(op))?
            ))
        }
    })
}

unsafe extern "C" fn dt_str(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a datetime.
        unsafe {
            let sep = pystr::from_str(" ")?;
            super::call_method(op, "isoformat", &[sep.as_ptr()])
        }
    })
}

/// Microseconds from 0001-01-01 of a date and time (naive).
pub fn total_us(d: Ymd, t: Hms) -> i128 {
    (calendar::ymd_to_ord(d) - 1) as i128 * US_PER_DAY as i128 + t.total_us() as i128
}

/// The date and time of a microsecond count; `OverflowError` outside the
/// datetime range.
pub fn from_total_us(us: i128) -> PyResult<(Ymd, Hms)> {
    let days = us.div_euclid(US_PER_DAY as i128);
    let rest = us.rem_euclid(US_PER_DAY as i128) as i64;
    let ord = days + 1;
    if !(1..=MAXORDINAL as i128).contains(&ord) {
        return Err(errors::overflow_error("date value out of range"));
    }
    let s = rest / 1_000_000;
    Ok((
        calendar::ord_to_ymd(ord as i64),
        Hms {
            hour: (s / 3600) as i32,
            minute: (s / 60 % 60) as i32,
            second: (s % 60) as i32,
            us: (rest % 1_000_000) as i32,
        },
    ))
}

unsafe fn naive_us(op: *mut PyObject) -> i128 {
    // SAFETY: op is a datetime.
    unsafe { total_us(super::ymd_of(op), super::dt_hms(op)) }
}

/// `self.utcoffset()` in microseconds.
pub unsafe fn offset_us(op: *mut PyObject) -> PyResult<Option<i128>> {
    // SAFETY: op is a datetime.
    unsafe {
        Ok(tzinfo::call_utcoffset(super::dt_tzinfo(op), op)?.map(|o| delta::us_of(o.as_ptr())))
    }
}

/// A copy of a datetime (exact type) with another fold.
unsafe fn with_fold(op: *mut PyObject, fold: i32) -> PyResult<Owned> {
    // SAFETY: op is a datetime.
    unsafe {
        super::new_datetime_raw(
            super::datetime_type(),
            super::ymd_of(op),
            super::dt_hms(op),
            super::dt_tzinfo(op),
            fold,
        )
    }
}

unsafe extern "C" fn dt_hash(op: *mut PyObject) -> Py_hash_t {
    crate::capi::boundary::guard_int(|| {
        // SAFETY: op is a datetime.
        unsafe {
            let o = &mut *op.cast::<PyDateTime_DateTime>();
            if o.hashcode != -1 {
                return Ok(o.hashcode);
            }
            let off = if o.fold != 0 {
                let z = with_fold(op, 0)?;
                offset_us(z.as_ptr())?
            } else {
                offset_us(op)?
            };
            let h = match off {
                None => {
                    let h = crate::object::hash::hash_bytes(&o.data);
                    if h == -1 {
                        -2
                    } else {
                        h
                    }
                }
                Some(off) => delta::hash_us(naive_us(op) - off),
            };
            o.hashcode = h;
            Ok(h)
        }
    })
}

/// PEP 495: an aware datetime in a fold or gap whose offset depends on
/// `fold` never compares equal to one in another zone.
unsafe fn pep495_exception(
    a: *mut PyObject,
    oa: Option<i128>,
    b: *mut PyObject,
    ob: Option<i128>,
) -> PyResult<bool> {
    // SAFETY: a and b are datetimes.
    unsafe {
        let fa = with_fold(a, 1 - super::dt_fold(a))?;
        if offset_us(fa.as_ptr())? != oa {
            return Ok(true);
        }
        let fb = with_fold(b, 1 - super::dt_fold(b))?;
        Ok(offset_us(fb.as_ptr())? != ob)
    }
}

unsafe extern "C" fn dt_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is a datetime; b valid.
        unsafe {
            if !super::is_datetime(b) {
                return Ok(super::not_implemented());
            }
            let fields = |x| (super::ymd_of(x), super::dt_hms(x));
            if super::dt_tzinfo(a) == super::dt_tzinfo(b) {
                return Ok(super::cmp_result(fields(a).cmp(&fields(b)), op));
            }
            let (oa, ob) = (offset_us(a)?, offset_us(b)?);
            let eq_op = op == Py_EQ || op == Py_NE;
            let ord = if oa == ob {
                fields(a).cmp(&fields(b))
            } else if let (Some(x), Some(y)) = (oa, ob) {
                (naive_us(a) - x).cmp(&(naive_us(b) - y))
            } else if eq_op {
                return Ok(super::cmp_result(Ordering::Less, op));
            } else {
                return Err(errors::type_error(
                    "can't compare offset-naive and offset-aware datetimes",
                ));
            };
            if eq_op && ord == Ordering::Equal && pep495_exception(a, oa, b, ob)? {
                return Ok(super::cmp_result(Ordering::Less, op));
            }
            Ok(super::cmp_result(ord, op))
        }
    })
}

/// `dt + us` as a datetime of dt's class with dt's tzinfo.
unsafe fn add_us(dt: *mut PyObject, us: i128) -> PyResult<Owned> {
    // SAFETY: dt is a datetime.
    unsafe {
        let (d, t) = from_total_us(naive_us(dt) + us)?;
        new_dt_ex(d, t, super::dt_tzinfo(dt), 0, (*dt).ob_type.cast())
    }
}

unsafe extern "C" fn dt_add(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: operands valid.
        unsafe {
            if super::is_datetime(a) && super::is_delta(b) {
                return add_us(a, delta::us_of(b));
            }
            if super::is_delta(a) && super::is_datetime(b) {
                return add_us(b, delta::us_of(a));
            }
            Ok(super::not_implemented())
        }
    })
}

unsafe extern "C" fn dt_subtract(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: operands valid.
        unsafe {
            if !super::is_datetime(a) {
                return Ok(super::not_implemented());
            }
            if super::is_delta(b) {
                return add_us(a, -delta::us_of(b));
            }
            if !super::is_datetime(b) {
                return Ok(super::not_implemented());
            }
            let (mut x, mut y) = (naive_us(a), naive_us(b));
            if super::dt_tzinfo(a) != super::dt_tzinfo(b) {
                match (offset_us(a)?, offset_us(b)?) {
                    (Some(oa), Some(ob)) => {
                        x -= oa;
                        y -= ob;
                    }
                    (None, None) => {}
                    _ => {
                        return Err(errors::type_error(
                            "can't subtract offset-naive and offset-aware datetimes",
                        ))
                    }
                }
            }
            delta::from_us(x - y)
        }
    })
}

/// A datetime of class `cls` from a POSIX time: local (with the fold
/// found) or UTC broken-down time, then `tz.fromutc` when `tz` is given.
unsafe fn from_timet(
    cls: *mut PyObject,
    t: i64,
    us: i32,
    tz: *mut PyObject,
    utc: bool,
) -> PyResult<Owned> {
    // SAFETY: cls is a class; tz valid.
    unsafe {
        let local = !utc && tz == none::none();
        let (d, mut hms) = timestamp::broken_down(t, local)?;
        hms.us = us;
        let fold = if local {
            timestamp::local_fold(t, d, hms)?
        } else {
            0
        };
        let r = new_dt_ex(d, hms, tz, fold, cls)?;
        if tz != none::none() {
            return super::call_method(tz, "fromutc", &[r.as_ptr()]);
        }
        Ok(r)
    }
}

builtin!(dt_now, |cls, args, kws| {
    let a = bind("now", args, &kws, ["tz"], 1, 0)?;
    let tz = a[0].unwrap_or(none::none());
    super::check_tzinfo(tz)?;
    let (t, us) = timestamp::now();
    from_timet(cls, t, us, tz, false)
});

fn deprecated(msg: &str) -> PyResult<()> {
    crate::modules::_warnings::deprecation(msg, 1)
}

meth_noargs!(dt_utcnow, |cls| {
    deprecated("datetime.datetime.utcnow() is deprecated and scheduled for removal in a future version. Use timezone-aware objects to represent datetimes in UTC: datetime.datetime.now(datetime.UTC).")?;
    let (t, us) = timestamp::now();
    from_timet(cls, t, us, none::none(), true)
});

builtin!(dt_fromtimestamp, |cls, args, kws| {
    let a = bind("fromtimestamp", args, &kws, ["timestamp", "tz"], 2, 1)?;
    let tz = a[1].unwrap_or(none::none());
    super::check_tzinfo(tz)?;
    let (t, us) = timestamp::split(a[0].unwrap(), false)?;
    from_timet(cls, t, us, tz, false)
});

meth_o!(dt_utcfromtimestamp, |cls, ts| {
    deprecated("datetime.datetime.utcfromtimestamp() is deprecated and scheduled for removal in a future version. Use timezone-aware objects to represent datetimes in UTC: datetime.datetime.fromtimestamp(t, datetime.UTC).")?;
    let (t, us) = timestamp::split(ts, false)?;
    from_timet(cls, t, us, none::none(), true)
});

builtin!(dt_strptime, |cls, args, kws| {
    no_kwargs("strptime", &kws)?;
    arity("strptime", args, 2, 2)?;
    let f = super::import_attr("_strptime", "_strptime_datetime")?;
    protocol::call_args(f.as_ptr(), &[cls, args[0], args[1]])
});

builtin!(dt_combine, |cls, args, kws| {
    let a = bind("combine", args, &kws, ["date", "time", "tzinfo"], 3, 2)?;
    let (d, t) = (a[0].unwrap(), a[1].unwrap());
    if !super::is_date(d) {
        return Err(errors::type_error(format!(
            "combine() argument 1 must be datetime.date, not {}",
            super::tname(d)
        )));
    }
    if !super::is_time(t) {
        return Err(errors::type_error(format!(
            "combine() argument 2 must be datetime.time, not {}",
            super::tname(t)
        )));
    }
    let tz = a[2].unwrap_or(super::time_tzinfo(t));
    super::check_tzinfo(tz)?;
    new_dt_ex(
        super::ymd_of(d),
        super::time_hms(t),
        tz,
        super::time_fold(t),
        cls,
    )
});

meth_o!(dt_fromisoformat, |cls, s| {
    if !pystr::check(s) {
        return Err(errors::type_error(format!(
            "fromisoformat: argument must be str, not {}",
            super::tname(s)
        )));
    }
    let text = pystr::to_ucs4(s);
    if text.len() < 7 {
        return Err(invalid_iso(s));
    }
    let n = super::parse::date_length(&text).ok_or_else(|| invalid_iso(s))?;
    let d = super::parse::parse_date(&text[..n.min(text.len())]).ok_or_else(|| invalid_iso(s))?;
    let (t, off) = if text.len() > n + 1 {
        super::parse::parse_time(&text[n + 1..]).ok_or_else(|| invalid_iso(s))?
    } else if text.len() == n + 1 {
        return Err(invalid_iso(s));
    } else {
        (Hms::default(), None)
    };
    let d = super::check_date(d.year, d.month, d.day)?;
    let t = super::check_time(t.hour, t.minute, t.second, t.us, 0)?;
    let tz = offset_tz(off).map_err(|_| invalid_iso(s))?;
    new_dt_ex(d, t, tz.as_ptr(), 0, cls)
});

meth_noargs!(dt_date, |slf| super::new_date_raw(
    super::date_type(),
    super::ymd_of(slf)
));

meth_noargs!(dt_time, |slf| super::new_time_raw(
    super::time_type(),
    super::dt_hms(slf),
    none::none(),
    super::dt_fold(slf)
));

meth_noargs!(dt_timetz, |slf| super::new_time_raw(
    super::time_type(),
    super::dt_hms(slf),
    super::dt_tzinfo(slf),
    super::dt_fold(slf)
));

meth_noargs!(dt_ctime, |slf| pystr::from_str(&format::ctime(
    super::ymd_of(slf),
    super::dt_hms(slf)
)));

meth_noargs!(dt_timetuple, |slf| {
    let flag = match tzinfo::call_dst(super::dt_tzinfo(slf), slf)? {
        None => -1,
        Some(d) => !delta::is_zero(d.as_ptr()) as i32,
    };
    format::time_tuple(super::ymd_of(slf), super::dt_hms(slf), flag)
});

/// POSIX time of a naive datetime read as local time.
unsafe fn local_posix(op: *mut PyObject) -> PyResult<i64> {
    // SAFETY: op is a datetime.
    unsafe {
        let mut t = super::dt_hms(op);
        t.us = 0;
        timestamp::local_to_seconds(super::ymd_of(op), t, super::dt_fold(op))
    }
}

meth_noargs!(dt_timestamp, |slf| {
    if super::dt_tzinfo(slf) == none::none() {
        let s = local_posix(slf)?;
        return crate::object::float::from_f64(s as f64 + super::dt_hms(slf).us as f64 / 1e6);
    }
    let off = offset_us(slf)?.unwrap_or(0);
    let epoch = timestamp::EPOCH_SECONDS as i128 * 1_000_000;
    delta::true_div(naive_us(slf) - off - epoch, 1_000_000)
});

meth_noargs!(dt_utctimetuple, |slf| {
    let mut us = naive_us(slf);
    if let Some(off) = offset_us(slf)? {
        us -= off;
    }
    let (d, t) = match from_total_us(us) {
        Ok(v) => v,
        Err(e) => {
            // Out of range after the shift: CPython lets the year step
            // outside 1..9999 here; report the overflow.
            return Err(e);
        }
    };
    format::time_tuple(d, t, 0)
});

builtin!(dt_isoformat, |slf, args, kws| {
    let a = bind("isoformat", args, &kws, ["sep", "timespec"], 2, 0)?;
    let sep = match a[0] {
        None => 'T' as u32,
        Some(o) => {
            if !pystr::check(o) || pystr::len(o) != 1 {
                return Err(errors::type_error(format!(
                    "isoformat() argument 1 must be a unicode character, not {}",
                    if pystr::check(o) {
                        "str"
                    } else {
                        super::tname(o)
                    }
                )));
            }
            pystr::read_char(o, 0)
        }
    };
    let mut s: Vec<u32> = format::iso_date(super::ymd_of(slf))
        .chars()
        .map(|c| c as u32)
        .collect();
    s.push(sep);
    let mut rest = format::iso_time(super::dt_hms(slf), &timespec_arg(a[1])?)?;
    rest += &format::tz_offset_text(super::dt_tzinfo(slf), slf, ":")?;
    s.extend(rest.chars().map(|c| c as u32));
    pystr::from_ucs4(&s)
});

builtin!(dt_strftime, |slf, args, kws| {
    let a = bind("strftime", args, &kws, ["format"], 1, 1)?;
    let tt = super::call_method(slf, "timetuple", &[])?;
    format::strftime(
        a[0].unwrap(),
        tt.as_ptr(),
        super::dt_hms(slf).us,
        super::dt_tzinfo(slf),
        slf,
    )
});

meth_noargs!(dt_utcoffset, |slf| Ok(tzinfo::call_utcoffset(
    super::dt_tzinfo(slf),
    slf
)?
.unwrap_or_else(none::owned)));

meth_noargs!(dt_dst, |slf| Ok(tzinfo::call_dst(
    super::dt_tzinfo(slf),
    slf
)?
.unwrap_or_else(none::owned)));

meth_noargs!(dt_tzname, |slf| tzinfo::call_tzname(
    super::dt_tzinfo(slf),
    slf
));

builtin!(dt_replace, |slf, args, kws| {
    let a = bind(
        "replace",
        args,
        &kws,
        [
            "year",
            "month",
            "day",
            "hour",
            "minute",
            "second",
            "microsecond",
            "tzinfo",
            "fold",
        ],
        8,
        0,
    )?;
    let (d, t) = (super::ymd_of(slf), super::dt_hms(slf));
    let g = |o: Option<*mut PyObject>, v: i32| o.map_or(Ok(v), |o| format_i(o));
    let d = super::check_date(g(a[0], d.year)?, g(a[1], d.month)?, g(a[2], d.day)?)?;
    let fold = g(a[8], super::dt_fold(slf))?;
    let t = super::check_time(
        g(a[3], t.hour)?,
        g(a[4], t.minute)?,
        g(a[5], t.second)?,
        g(a[6], t.us)?,
        fold,
    )?;
    let tz = a[7].unwrap_or(super::dt_tzinfo(slf));
    super::check_tzinfo(tz)?;
    new_dt_ex(d, t, tz, fold, (*slf).ob_type.cast())
});

/// The system's local timezone at POSIX time `t`, as a fixed timezone
/// named by the C library.
unsafe fn local_timezone_at(t: i64) -> PyResult<Owned> {
    let tt: libc::time_t = t;
    // SAFETY: tm is written by the call.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: valid pointers.
    if unsafe { libc::localtime_r(&tt, &mut tm) }.is_null() {
        return Err(errors::overflow_error(
            "timestamp out of range for platform time_t",
        ));
    }
    let off = delta::from_us(tm.tm_gmtoff as i128 * 1_000_000)?;
    let name = if tm.tm_zone.is_null() {
        None
    } else {
        // SAFETY: tm_zone is a NUL-terminated string.
        let z = unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) };
        Some(pystr::from_str(&z.to_string_lossy())?)
    };
    // SAFETY: off is a timedelta; name NULL or a str.
    unsafe {
        tzinfo::new_timezone(
            off.as_ptr(),
            name.as_ref().map_or(std::ptr::null_mut(), Owned::as_ptr),
        )
    }
}

builtin!(dt_astimezone, |slf, args, kws| {
    let a = bind("astimezone", args, &kws, ["tz"], 1, 0)?;
    let tz = match a[0] {
        Some(t) if t != none::none() => {
            if !super::is_tzinfo(t) {
                return Err(errors::type_error(format!(
                    "tzinfo argument must be None or of a tzinfo subclass, not type '{}'",
                    super::tname(t)
                )));
            }
            Some(t)
        }
        _ => None,
    };
    let mytz = super::dt_tzinfo(slf);
    let epoch_us = timestamp::EPOCH_SECONDS as i128 * 1_000_000;
    // The instant as microseconds since 0001-01-01 UTC; a naive datetime
    // (or one whose tzinfo gives no offset) is a local time.
    let utc_us = match tzinfo::call_utcoffset(mytz, slf)? {
        Some(off) => {
            if tz == Some(mytz) {
                return Ok(Owned::from_borrowed(slf));
            }
            naive_us(slf) - delta::us_of(off.as_ptr())
        }
        None => local_posix(slf)? as i128 * 1_000_000 + epoch_us + super::dt_hms(slf).us as i128,
    };
    let tz = match tz {
        Some(t) => Owned::from_borrowed(t),
        None => local_timezone_at((utc_us - epoch_us).div_euclid(1_000_000) as i64)?,
    };
    let (d, t) = from_total_us(utc_us)?;
    let utc = new_dt_ex(d, t, tz.as_ptr(), 0, (*slf).ob_type.cast())?;
    super::call_method(tz.as_ptr(), "fromutc", &[utc.as_ptr()])
});

unsafe fn reduce(op: *mut PyObject, proto: i64) -> PyResult<Owned> {
    // SAFETY: op is a datetime.
    unsafe {
        let o = &*op.cast::<PyDateTime_DateTime>();
        let mut data = o.data;
        if proto > 3 && o.fold != 0 {
            data[2] |= 0x80;
        }
        super::reduce_with_state(op, &data, super::dt_tzinfo(op))
    }
}

meth_o!(dt_reduce_ex, |slf, proto| reduce(
    slf,
    format_i(proto)? as i64
));
meth_noargs!(dt_reduce, |slf| reduce(slf, 2));

/// Sets `datetime.min`, `max` and `resolution`.
pub unsafe fn add_class_attrs() -> PyResult<()> {
    // SAFETY: the type is readied.
    unsafe {
        let tp = super::datetime_type();
        let d = (*tp).tp_dict;
        if !dict::get_item_known_hash_str(d, crate::interned!("max")).is_null() {
            return Ok(());
        }
        let lo = Ymd {
            year: 1,
            month: 1,
            day: 1,
        };
        let hi = Ymd {
            year: 9999,
            month: 12,
            day: 31,
        };
        let thi = Hms {
            hour: 23,
            minute: 59,
            second: 59,
            us: 999_999,
        };
        dict::set_item(
            d,
            crate::interned!("min"),
            super::new_datetime_raw(tp, lo, Hms::default(), none::none(), 0)?.as_ptr(),
        )?;
        dict::set_item(
            d,
            crate::interned!("max"),
            super::new_datetime_raw(tp, hi, thi, none::none(), 0)?.as_ptr(),
        )?;
        dict::set_item(
            d,
            crate::interned!("resolution"),
            delta::from_us(1)?.as_ptr(),
        )?;
        crate::object::typeobj::modified(tp);
        Ok(())
    }
}
