//! `datetime.time` (`PyDateTime_TimeType`).
use super::{delta, format, tzinfo, Hms, PyDateTime_Time};
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::modules::args::format_i;
use crate::modules::args::{bind, builtin};
use crate::modules::objtype::{meth_noargs, meth_o};
use crate::object::descr::{getset, method, GETSET_END, METHOD_END};
use crate::object::typeobj::type_template;
use crate::object::{dict, none, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};
use std::cmp::Ordering;

const KW: c_int = METH_FASTCALL | METH_KEYWORDS;

/// `datetime.time`.
pub static mut TIME_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE,
    tp_dealloc: Some(super::tz_holder_dealloc),
    tp_repr: Some(time_repr),
    tp_str: Some(time_str),
    tp_hash: Some(time_hash),
    tp_richcompare: Some(time_richcompare),
    tp_new: Some(time_new),
    tp_methods: (&raw const TIME_METHODS).cast_mut().cast(),
    tp_getset: (&raw const TIME_GETSET).cast_mut().cast(),
    tp_doc: c"time([hour[, minute[, second[, microsecond[, tzinfo]]]]]) --> a time object\n\nAll arguments are optional. tzinfo may be None, or an instance of\na tzinfo subclass. The remaining arguments may be ints.\n".as_ptr(),
    ..type_template(c"datetime.time", std::mem::size_of::<PyDateTime_Time>(), 0)
};

static TIME_METHODS: [PyMethodDef; 13] = [
    method(c"isoformat", time_isoformat as *const c_void, KW),
    method(c"strftime", time_strftime as *const c_void, KW),
    method(c"__format__", time_format as *const c_void, METH_O),
    method(c"utcoffset", time_utcoffset as *const c_void, METH_NOARGS),
    method(c"dst", time_dst as *const c_void, METH_NOARGS),
    method(c"tzname", time_tzname as *const c_void, METH_NOARGS),
    method(c"replace", time_replace as *const c_void, KW),
    method(c"__replace__", time_replace as *const c_void, KW),
    method(
        c"fromisoformat",
        time_fromisoformat as *const c_void,
        METH_O | METH_CLASS,
    ),
    method(c"strptime", time_strptime as *const c_void, KW | METH_CLASS),
    method(c"__reduce_ex__", time_reduce_ex as *const c_void, METH_O),
    method(c"__reduce__", time_reduce as *const c_void, METH_NOARGS),
    METHOD_END,
];

/// The `hour`, `minute`, `second`, `microsecond`, `tzinfo` and `fold`
/// getters of a type with a time of day (`time`, `datetime`), read
/// through its `$hms`, `$tzinfo` and `$fold` accessors.
macro_rules! time_of_day_getset {
    ($hms:path, $tzinfo:path, $fold:path) => {{
        unsafe extern "C" fn get_hour(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
            // SAFETY: op is an instance of the type the table belongs to.
            guard_obj(|| super::pyint(unsafe { $hms(op) }.hour as i64))
        }
        unsafe extern "C" fn get_minute(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
            // SAFETY: as get_hour.
            guard_obj(|| super::pyint(unsafe { $hms(op) }.minute as i64))
        }
        unsafe extern "C" fn get_second(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
            // SAFETY: as get_hour.
            guard_obj(|| super::pyint(unsafe { $hms(op) }.second as i64))
        }
        unsafe extern "C" fn get_us(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
            // SAFETY: as get_hour.
            guard_obj(|| super::pyint(unsafe { $hms(op) }.us as i64))
        }
        unsafe extern "C" fn get_tzinfo(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
            // SAFETY: as get_hour.
            guard_obj(|| Ok(unsafe { Owned::from_borrowed($tzinfo(op)) }))
        }
        unsafe extern "C" fn get_fold(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
            // SAFETY: as get_hour.
            guard_obj(|| super::pyint(unsafe { $fold(op) } as i64))
        }
        [
            getset(c"hour", Some(get_hour), None),
            getset(c"minute", Some(get_minute), None),
            getset(c"second", Some(get_second), None),
            getset(c"microsecond", Some(get_us), None),
            getset(c"tzinfo", Some(get_tzinfo), None),
            getset(c"fold", Some(get_fold), None),
            GETSET_END,
        ]
    }};
}
pub(super) use time_of_day_getset;

static TIME_GETSET: [PyGetSetDef; 7] =
    time_of_day_getset!(super::time_hms, super::time_tzinfo, super::time_fold);

/// A time of class `cls`: directly for `time` itself, else by calling
/// the class (with `fold=` only when set).
pub unsafe fn new_time_ex(
    t: Hms,
    tz: *mut PyObject,
    fold: i32,
    cls: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: cls is a class; tz valid.
    unsafe {
        if cls == super::time_type().cast() {
            return super::new_time_raw(super::time_type(), t, tz, fold);
        }
        let f = |v: i32| super::pyint(v as i64);
        let args = tuple::from_vec(vec![
            f(t.hour)?,
            f(t.minute)?,
            f(t.second)?,
            f(t.us)?,
            Owned::from_borrowed(tz),
        ])?;
        let kw = if fold != 0 {
            let d = dict::new()?;
            dict::set_item(d.as_ptr(), crate::interned!("fold"), f(fold)?.as_ptr())?;
            Some(d)
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

unsafe extern "C" fn time_new(
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
                if let Some(d) = super::date::pickle_state(a[0], 6, |d| (d[0] & 0x7f) < 24)? {
                    let tz = if n == 2 { a[1] } else { none::none() };
                    super::check_tzinfo(tz).map_err(|_| {
                        errors::clear();
                        errors::type_error("bad tzinfo state arg")
                    })?;
                    let fold = (d[0] >> 7) as i32;
                    let mut t = super::hms_from(&d);
                    t.hour &= 0x7f;
                    return super::new_time_raw(tp, t, tz, fold);
                }
            }
            let a = crate::modules::objtype::parse(
                "time",
                args,
                kwargs,
                ["hour", "minute", "second", "microsecond", "tzinfo", "fold"],
                0,
                0,
            )?;
            if !a[5].is_null() && tuple::size(args) > 5 {
                return Err(errors::type_error(
                    "time() takes at most 5 positional arguments (6 given)",
                ));
            }
            let t = super::check_time(
                super::opt_int(a[0], 0)?,
                super::opt_int(a[1], 0)?,
                super::opt_int(a[2], 0)?,
                super::opt_int(a[3], 0)?,
                super::opt_int(a[5], 0)?,
            )?;
            let tz = if a[4].is_null() { none::none() } else { a[4] };
            super::check_tzinfo(tz)?;
            super::new_time_raw(tp, t, tz, super::opt_int(a[5], 0)?)
        }
    })
}

/// The repr body shared with datetime: `h, m[, s[, us]]`.
pub fn hms_repr(t: Hms) -> String {
    if t.us != 0 {
        format!("{}, {}, {}, {}", t.hour, t.minute, t.second, t.us)
    } else if t.second != 0 {
        format!("{}, {}, {}", t.hour, t.minute, t.second)
    } else {
        format!("{}, {}", t.hour, t.minute)
    }
}

/// `, tzinfo=...` and `, fold=1` for a repr.
pub unsafe fn tz_fold_repr(tz: *mut PyObject, fold: i32) -> PyResult<String> {
    let mut s = String::new();
    if tz != none::none() {
        // SAFETY: tz valid.
        s += &format!(", tzinfo={}", unsafe { protocol::repr_string(tz)? });
    }
    if fold != 0 {
        s += ", fold=1";
    }
    Ok(s)
}

unsafe extern "C" fn time_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a time.
        unsafe {
            pystr::from_str(&format!(
                "{}({}{})",
                super::repr_type_name(op),
                hms_repr(super::time_hms(op)),
                tz_fold_repr(super::time_tzinfo(op), super::time_fold(op))?
            ))
        }
    })
}

unsafe extern "C" fn time_str(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a time.
    guard_obj(|| unsafe { super::call_method(op, "isoformat", &[]) })
}

/// The offset of a time in microseconds (None-aware).
unsafe fn offset_us(op: *mut PyObject) -> PyResult<Option<i128>> {
    // SAFETY: op is a time.
    unsafe {
        Ok(
            tzinfo::call_utcoffset(super::time_tzinfo(op), none::none())?
                .map(|o| delta::us_of(o.as_ptr())),
        )
    }
}

unsafe extern "C" fn time_hash(op: *mut PyObject) -> Py_hash_t {
    crate::capi::boundary::guard_int(|| {
        // SAFETY: op is a time.
        unsafe {
            let o = &mut *op.cast::<PyDateTime_Time>();
            if o.hashcode != -1 {
                return Ok(o.hashcode);
            }
            let h = match offset_us(op)? {
                None => {
                    let h = crate::object::hash::hash_bytes(&o.data);
                    if h == -1 {
                        -2
                    } else {
                        h
                    }
                }
                Some(off) => delta::hash_us(super::time_hms(op).total_us() as i128 - off),
            };
            o.hashcode = h;
            Ok(h)
        }
    })
}

unsafe extern "C" fn time_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is a time; b valid.
        unsafe {
            if !super::is_time(b) {
                return Ok(super::not_implemented());
            }
            let (ta, tb) = (super::time_hms(a), super::time_hms(b));
            if super::time_tzinfo(a) == super::time_tzinfo(b) {
                return Ok(super::cmp_result(ta.cmp(&tb), op));
            }
            let (oa, ob) = (offset_us(a)?, offset_us(b)?);
            if oa == ob {
                return Ok(super::cmp_result(ta.cmp(&tb), op));
            }
            let (Some(oa), Some(ob)) = (oa, ob) else {
                if op == Py_EQ || op == Py_NE {
                    return Ok(super::cmp_result(Ordering::Less, op));
                }
                return Err(errors::type_error(
                    "can't compare offset-naive and offset-aware times",
                ));
            };
            let x = ta.total_us() as i128 - oa;
            let y = tb.total_us() as i128 - ob;
            Ok(super::cmp_result(x.cmp(&y), op))
        }
    })
}

/// The `timespec` keyword as a str.
pub unsafe fn timespec_arg(o: Option<*mut PyObject>) -> PyResult<String> {
    match o {
        None => Ok("auto".into()),
        // SAFETY: o valid.
        Some(o) => unsafe {
            if !pystr::check(o) {
                return Err(errors::type_error(format!(
                    "isoformat() argument 'timespec' must be str, not {}",
                    super::tname(o)
                )));
            }
            Ok(pystr::as_str(o)?.to_string())
        },
    }
}

builtin!(time_isoformat, |slf, args, kws| {
    let a = bind("isoformat", args, &kws, ["timespec"], 1, 0)?;
    let mut s = format::iso_time(super::time_hms(slf), &timespec_arg(a[0])?)?;
    s += &format::tz_offset_text(super::time_tzinfo(slf), none::none(), ":")?;
    pystr::from_str(&s)
});

builtin!(time_strftime, |slf, args, kws| {
    let a = bind("strftime", args, &kws, ["format"], 1, 1)?;
    let t = super::time_hms(slf);
    let f = |v: i32| super::pyint(v as i64);
    let tt = tuple::from_vec(vec![
        f(1900)?,
        f(1)?,
        f(1)?,
        f(t.hour)?,
        f(t.minute)?,
        f(t.second)?,
        f(0)?,
        f(1)?,
        f(-1)?,
    ])?;
    format::strftime(
        a[0].unwrap(),
        tt.as_ptr(),
        t.us,
        super::time_tzinfo(slf),
        none::none(),
    )
});

meth_o!(time_format, |slf, spec| format::format(slf, spec));

meth_noargs!(time_utcoffset, |slf| Ok(tzinfo::call_utcoffset(
    super::time_tzinfo(slf),
    none::none()
)?
.unwrap_or_else(none::owned)));

meth_noargs!(time_dst, |slf| Ok(tzinfo::call_dst(
    super::time_tzinfo(slf),
    none::none()
)?
.unwrap_or_else(none::owned)));

meth_noargs!(time_tzname, |slf| tzinfo::call_tzname(
    super::time_tzinfo(slf),
    none::none()
));

builtin!(time_replace, |slf, args, kws| {
    let a = bind(
        "replace",
        args,
        &kws,
        ["hour", "minute", "second", "microsecond", "tzinfo", "fold"],
        5,
        0,
    )?;
    let t = super::time_hms(slf);
    let g = |o: Option<*mut PyObject>, d: i32| o.map_or(Ok(d), |o| format_i(o));
    let fold = g(a[5], super::time_fold(slf))?;
    let t = super::check_time(
        g(a[0], t.hour)?,
        g(a[1], t.minute)?,
        g(a[2], t.second)?,
        g(a[3], t.us)?,
        fold,
    )?;
    let tz = a[4].unwrap_or(super::time_tzinfo(slf));
    super::check_tzinfo(tz)?;
    new_time_ex(t, tz, fold, (*slf).ob_type.cast())
});

/// The tzinfo of a parsed offset: None, `timezone.utc`, or a timezone.
pub unsafe fn offset_tz(off: super::parse::Offset) -> PyResult<Owned> {
    // SAFETY: the types are ready.
    unsafe {
        match off {
            None => Ok(none::owned()),
            Some(0) => Ok(Owned::from_borrowed(tzinfo::utc())),
            Some(us) => {
                let d = delta::from_us(us as i128)?;
                tzinfo::new_timezone(d.as_ptr(), std::ptr::null_mut())
            }
        }
    }
}

/// `ValueError: Invalid isoformat string: '...'`.
pub unsafe fn invalid_iso(s: *mut PyObject) -> errors::Raised {
    // SAFETY: s valid.
    let r = unsafe { protocol::repr_string(s) }.unwrap_or_default();
    errors::clear();
    errors::value_error(format!("Invalid isoformat string: {r}"))
}

meth_o!(time_fromisoformat, |cls, s| {
    if !pystr::check(s) {
        return Err(errors::type_error(format!(
            "fromisoformat: argument must be str, not {}",
            super::tname(s)
        )));
    }
    let mut text = pystr::to_ucs4(s);
    if text.first() == Some(&('T' as u32)) {
        text.remove(0);
    }
    let (t, off) = super::parse::parse_time(&text).ok_or_else(|| invalid_iso(s))?;
    let t = super::check_time(t.hour, t.minute, t.second, t.us, 0).map_err(|_| invalid_iso(s))?;
    let tz = offset_tz(off).map_err(|_| invalid_iso(s))?;
    new_time_ex(t, tz.as_ptr(), 0, cls)
});

builtin!(time_strptime, |cls, args, kws| {
    crate::modules::args::no_kwargs("strptime", &kws)?;
    crate::modules::args::arity("strptime", args, 2, 2)?;
    let f = super::import_attr("_strptime", "_strptime_datetime")?;
    let dt_type = super::datetime_type().cast();
    let r = protocol::call_args(f.as_ptr(), &[dt_type, args[0], args[1]])?;
    new_time_ex(
        super::dt_hms(r.as_ptr()),
        super::dt_tzinfo(r.as_ptr()),
        0,
        cls,
    )
});

unsafe fn reduce(op: *mut PyObject, proto: i64) -> PyResult<Owned> {
    // SAFETY: op is a time.
    unsafe {
        let o = &*op.cast::<PyDateTime_Time>();
        let mut data = o.data;
        if proto > 3 && o.fold != 0 {
            data[0] |= 0x80;
        }
        super::reduce_with_state(op, &data, super::time_tzinfo(op))
    }
}

meth_o!(time_reduce_ex, |slf, proto| reduce(
    slf,
    format_i(proto)? as i64
));
meth_noargs!(time_reduce, |slf| reduce(slf, 2));

/// Sets `time.min`, `max` and `resolution`.
pub unsafe fn add_class_attrs() -> PyResult<()> {
    // SAFETY: the type is readied.
    unsafe {
        let tp = super::time_type();
        let d = (*tp).tp_dict;
        if !dict::get_item_known_hash_str(d, crate::interned!("max")).is_null() {
            return Ok(());
        }
        let hi = Hms {
            hour: 23,
            minute: 59,
            second: 59,
            us: 999_999,
        };
        dict::set_item(
            d,
            crate::interned!("min"),
            super::new_time_raw(tp, Hms::default(), none::none(), 0)?.as_ptr(),
        )?;
        dict::set_item(
            d,
            crate::interned!("max"),
            super::new_time_raw(tp, hi, none::none(), 0)?.as_ptr(),
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
