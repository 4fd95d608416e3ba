//! `datetime.date` (`PyDateTime_DateType`) and the `IsoCalendarDate`
//! result of `isocalendar()`.
use super::calendar::{self, MAXORDINAL};
use super::{delta, format, timestamp, PyDateTime_Date, Ymd};
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::modules::args::format_i;
use crate::modules::args::{arity, bind, builtin, no_kwargs};
use crate::modules::objtype::{meth_noargs, meth_o};
use crate::object::descr::{getset, method, GETSET_END, METHOD_END};
use crate::object::structseq::{
    self, field, PyStructSequence_Desc, PyStructSequence_Field, FIELD_END,
};
use crate::object::typeobj::type_template;
use crate::object::{bytes, dict, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};

const KW: c_int = METH_FASTCALL | METH_KEYWORDS;

/// `datetime.date`.
pub static mut DATE_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE,
    tp_dealloc: Some(super::plain_dealloc),
    tp_repr: Some(date_repr),
    tp_str: Some(date_str),
    tp_hash: Some(date_hash),
    tp_richcompare: Some(date_richcompare),
    tp_new: Some(date_new),
    tp_as_number: &raw mut DATE_AS_NUMBER,
    tp_methods: (&raw const DATE_METHODS).cast_mut().cast(),
    tp_getset: (&raw const DATE_GETSET).cast_mut().cast(),
    tp_doc: c"date(year, month, day) --> date object".as_ptr(),
    ..type_template(c"datetime.date", std::mem::size_of::<PyDateTime_Date>(), 0)
};

static mut DATE_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_add: Some(date_add),
    nb_subtract: Some(date_subtract),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

static DATE_METHODS: [PyMethodDef; 19] = [
    method(
        c"fromtimestamp",
        date_fromtimestamp as *const c_void,
        METH_O | METH_CLASS,
    ),
    method(
        c"fromordinal",
        date_fromordinal as *const c_void,
        METH_O | METH_CLASS,
    ),
    method(
        c"fromisoformat",
        date_fromisoformat as *const c_void,
        METH_O | METH_CLASS,
    ),
    method(
        c"fromisocalendar",
        date_fromisocalendar as *const c_void,
        KW | METH_CLASS,
    ),
    method(
        c"today",
        date_today as *const c_void,
        METH_NOARGS | METH_CLASS,
    ),
    method(c"ctime", date_ctime as *const c_void, METH_NOARGS),
    method(c"strftime", date_strftime as *const c_void, KW),
    method(c"__format__", date_format as *const c_void, METH_O),
    method(c"timetuple", date_timetuple as *const c_void, METH_NOARGS),
    method(
        c"isocalendar",
        date_isocalendar as *const c_void,
        METH_NOARGS,
    ),
    method(c"isoformat", date_isoformat as *const c_void, METH_NOARGS),
    method(c"isoweekday", date_isoweekday as *const c_void, METH_NOARGS),
    method(c"toordinal", date_toordinal as *const c_void, METH_NOARGS),
    method(c"weekday", date_weekday as *const c_void, METH_NOARGS),
    method(c"replace", date_replace as *const c_void, KW),
    method(c"__replace__", date_replace as *const c_void, KW),
    method(c"__reduce__", date_reduce as *const c_void, METH_NOARGS),
    method(c"strptime", date_strptime as *const c_void, KW | METH_CLASS),
    METHOD_END,
];

static DATE_GETSET: [PyGetSetDef; 4] = [
    getset(c"year", Some(get_year), None),
    getset(c"month", Some(get_month), None),
    getset(c"day", Some(get_day), None),
    GETSET_END,
];

unsafe extern "C" fn get_year(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a date.
    guard_obj(|| super::pyint(unsafe { super::ymd_of(op) }.year as i64))
}
unsafe extern "C" fn get_month(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a date.
    guard_obj(|| super::pyint(unsafe { super::ymd_of(op) }.month as i64))
}
unsafe extern "C" fn get_day(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a date.
    guard_obj(|| super::pyint(unsafe { super::ymd_of(op) }.day as i64))
}

/// A date of class `cls`: built directly for `date` itself, else by
/// calling the class (`new_date_subclass_ex`), so subclasses that
/// override `__new__` see the fields.
pub unsafe fn new_date_ex(v: Ymd, cls: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: cls is a class.
    unsafe {
        if cls == super::date_type().cast() {
            return super::new_date_raw(super::date_type(), v);
        }
        if cls == super::datetime_type().cast() {
            return super::new_datetime_raw(
                super::datetime_type(),
                v,
                super::Hms::default(),
                crate::object::none::none(),
                0,
            );
        }
        let (y, m, d) = (
            super::pyint(v.year as i64)?,
            super::pyint(v.month as i64)?,
            super::pyint(v.day as i64)?,
        );
        crate::object::protocol::call_args(cls, &[y.as_ptr(), m.as_ptr(), d.as_ptr()])
    }
}

/// The pickle state argument of a date, if `args` is one: 4 bytes (or a
/// latin-1 str) with a valid month byte.
pub unsafe fn pickle_state(
    arg: *mut PyObject,
    len: usize,
    check: impl Fn(&[u8]) -> bool,
) -> PyResult<Option<Vec<u8>>> {
    // SAFETY: arg valid.
    unsafe {
        let data: Vec<u8> = if bytes::check(arg) {
            bytes::as_slice(arg).to_vec()
        } else if pystr::check(arg) && pystr::len(arg) as usize == len {
            let cps = pystr::to_ucs4(arg);
            if cps.iter().any(|&c| c > 255) {
                return Err(errors::value_error(
                    "Failed to encode latin1 string when unpickling a date or datetime object. Pickle.load(data, encoding='latin1') is assumed.",
                ));
            }
            cps.into_iter().map(|c| c as u8).collect()
        } else {
            return Ok(None);
        };
        Ok((data.len() == len && check(&data)).then_some(data))
    }
}

unsafe extern "C" fn date_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple; kwargs NULL or a dict.
        unsafe {
            if tuple::size(args) == 1 && (kwargs.is_null() || dict::len(kwargs) == 0) {
                let a = tuple::items(args)[0];
                if let Some(d) = pickle_state(a, 4, |d| (1..=12).contains(&d[2]))? {
                    let v = Ymd {
                        year: ((d[0] as i32) << 8) | d[1] as i32,
                        month: d[2] as i32,
                        day: d[3] as i32,
                    };
                    return super::new_date_raw(tp, v);
                }
            }
            let [y, m, d] = crate::modules::objtype::parse(
                "date",
                args,
                kwargs,
                ["year", "month", "day"],
                0,
                3,
            )?;
            let v = super::check_date(format_i(y)?, format_i(m)?, format_i(d)?)?;
            super::new_date_raw(tp, v)
        }
    })
}

unsafe extern "C" fn date_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a date.
        unsafe {
            let v = super::ymd_of(op);
            pystr::from_str(&format!(
                "{}({}, {}, {})",
                super::repr_type_name(op),
                v.year,
                v.month,
                v.day
            ))
        }
    })
}

unsafe extern "C" fn date_str(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a date.
    guard_obj(|| unsafe { super::call_method(op, "isoformat", &[]) })
}

unsafe extern "C" fn date_hash(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: op is a date.
    unsafe {
        let o = &mut *op.cast::<PyDateTime_Date>();
        if o.hashcode == -1 {
            let h = crate::object::hash::hash_bytes(&o.data);
            o.hashcode = if h == -1 { -2 } else { h };
        }
        o.hashcode
    }
}

unsafe extern "C" fn date_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is a date; b valid.
        unsafe {
            if !super::is_date(b) || super::is_datetime(a) != super::is_datetime(b) {
                return Ok(super::not_implemented());
            }
            Ok(super::cmp_result(
                super::ymd_of(a).cmp(&super::ymd_of(b)),
                op,
            ))
        }
    })
}

/// `ordinal + days` as a date of class `cls`; `OverflowError` outside the
/// range.
unsafe fn shifted(v: Ymd, days: i64, cls: *mut PyObject) -> PyResult<Owned> {
    let ord = calendar::ymd_to_ord(v) + days;
    if !(1..=MAXORDINAL).contains(&ord) {
        return Err(errors::overflow_error("date value out of range"));
    }
    // SAFETY: cls is a class.
    unsafe { new_date_ex(calendar::ord_to_ymd(ord), cls) }
}

unsafe extern "C" fn date_add(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: operands valid.
        unsafe {
            if super::is_datetime(a) || super::is_datetime(b) {
                return Ok(super::not_implemented());
            }
            let (d, t) = if super::is_date(a) { (a, b) } else { (b, a) };
            if !super::is_delta(t) {
                return Ok(super::not_implemented());
            }
            let days = delta::fields(t).0 as i64;
            shifted(super::ymd_of(d), days, (*d).ob_type.cast())
        }
    })
}

unsafe extern "C" fn date_subtract(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: operands valid.
        unsafe {
            if super::is_datetime(a) || super::is_datetime(b) || !super::is_date(a) {
                return Ok(super::not_implemented());
            }
            if super::is_date(b) {
                let days =
                    calendar::ymd_to_ord(super::ymd_of(a)) - calendar::ymd_to_ord(super::ymd_of(b));
                return delta::from_us(days as i128 * super::US_PER_DAY as i128);
            }
            if super::is_delta(b) {
                let days = delta::fields(b).0 as i64;
                return shifted(super::ymd_of(a), -days, (*a).ob_type.cast());
            }
            Ok(super::not_implemented())
        }
    })
}

meth_o!(date_fromtimestamp, |cls, ts| {
    let (t, _) = timestamp::split(ts, true)?;
    let (d, _) = timestamp::broken_down(t, true)?;
    new_date_ex(d, cls)
});

meth_noargs!(date_today, |cls| {
    let t = timestamp::now_float()?;
    super::call_method(cls, "fromtimestamp", &[t.as_ptr()])
});

meth_o!(date_fromordinal, |cls, n| {
    let ord = format_i(n)? as i64;
    if ord < 1 {
        return Err(errors::value_error("ordinal must be >= 1"));
    }
    if ord > MAXORDINAL {
        return Err(errors::value_error(format!(
            "year {} is out of range",
            calendar::ord_to_ymd(ord).year
        )));
    }
    new_date_ex(calendar::ord_to_ymd(ord), cls)
});

meth_o!(date_fromisoformat, |cls, s| {
    if !pystr::check(s) {
        return Err(errors::type_error(format!(
            "fromisoformat: argument must be str, not {}",
            super::tname(s)
        )));
    }
    let text = pystr::to_ucs4(s);
    let v = super::parse::parse_date_only(&text).ok_or_else(|| {
        let r = crate::object::protocol::repr_string(s).unwrap_or_default();
        errors::value_error(format!("Invalid isoformat string: {r}"))
    })?;
    let v = super::check_date(v.year, v.month, v.day)?;
    new_date_ex(v, cls)
});

builtin!(date_fromisocalendar, |cls, args, kws| {
    let a = bind("fromisocalendar", args, &kws, ["year", "week", "day"], 3, 3)?;
    // Values beyond a C int are out of range too.
    let arg = |o: *mut PyObject, what: &str| {
        format_i(o).map_err(|e| {
            if errors::matches(crate::object::exceptions::PyExc_OverflowError) {
                errors::clear();
                errors::value_error(format!("{what} is out of range"))
            } else {
                e
            }
        })
    };
    let y = arg(a[0].unwrap(), "Year")?;
    let w = arg(a[1].unwrap(), "Week")?;
    let d = arg(a[2].unwrap(), "Weekday")?;
    let v = calendar::from_iso_calendar(y, w, d).map_err(errors::value_error)?;
    new_date_ex(v, cls)
});

builtin!(date_strptime, |cls, args, kws| {
    no_kwargs("strptime", &kws)?;
    arity("strptime", args, 2, 2)?;
    let f = super::import_attr("_strptime", "_strptime_datetime")?;
    let dt_type = super::datetime_type().cast();
    let r = crate::object::protocol::call_args(f.as_ptr(), &[dt_type, args[0], args[1]])?;
    let v = super::ymd_of(r.as_ptr());
    new_date_ex(v, cls)
});

meth_noargs!(date_ctime, |slf| pystr::from_str(&format::ctime(
    super::ymd_of(slf),
    super::Hms::default()
)));

builtin!(date_strftime, |slf, args, kws| {
    let a = bind("strftime", args, &kws, ["format"], 1, 1)?;
    let tt = super::call_method(slf, "timetuple", &[])?;
    format::strftime(
        a[0].unwrap(),
        tt.as_ptr(),
        0,
        crate::object::none::none(),
        crate::object::none::none(),
    )
});

meth_o!(date_format, |slf, spec| format::format(slf, spec));

meth_noargs!(date_timetuple, |slf| format::time_tuple(
    super::ymd_of(slf),
    super::Hms::default(),
    -1
));

static mut ISO_FIELDS: [PyStructSequence_Field; 4] =
    [field(c"year"), field(c"week"), field(c"weekday"), FIELD_END];

static mut ISO_DESC: PyStructSequence_Desc = PyStructSequence_Desc {
    name: c"datetime.IsoCalendarDate".as_ptr(),
    doc: std::ptr::null(),
    fields: (&raw mut ISO_FIELDS).cast(),
    n_in_sequence: 3,
};

// SAFETY: a zeroed type object is valid before it is readied.
static mut ISO_TYPE: PyTypeObject = unsafe { std::mem::zeroed() };

static mut ISO_REDUCE: PyMethodDef =
    method(c"__reduce__", iso_reduce as *const c_void, METH_NOARGS);

// An IsoCalendarDate pickles as a plain tuple, as in CPython.
meth_noargs!(iso_reduce, |slf| {
    let items = tuple::from_slice(tuple::items(slf))?;
    let args = tuple::pack(&[items.as_ptr()])?;
    tuple::pack(&[(&raw mut tuple::PyTuple_Type).cast(), args.as_ptr()])
});

/// The `IsoCalendarDate` type, readied on first use.
unsafe fn iso_type() -> PyResult<*mut PyTypeObject> {
    // SAFETY: the static type and its description live for the process.
    unsafe {
        if ISO_TYPE.tp_flags & Py_TPFLAGS_READY != 0 {
            return Ok(&raw mut ISO_TYPE);
        }
        let tp = structseq::static_type(&raw mut ISO_TYPE, &raw const ISO_DESC)?;
        let m = crate::object::descr::new_method(tp, &raw mut ISO_REDUCE)?;
        dict::set_item((*tp).tp_dict, crate::interned!("__reduce__"), m.as_ptr())?;
        crate::object::typeobj::modified(tp);
        Ok(tp)
    }
}

meth_noargs!(date_isocalendar, |slf| {
    let (y, w, d) = calendar::iso_calendar(super::ymd_of(slf));
    let tp = iso_type()?;
    structseq::from_items(
        tp,
        vec![
            super::pyint(y as i64)?,
            super::pyint(w as i64)?,
            super::pyint(d as i64)?,
        ],
    )
});

meth_noargs!(date_isoformat, |slf| pystr::from_str(&format::iso_date(
    super::ymd_of(slf)
)));

meth_noargs!(date_isoweekday, |slf| super::pyint(
    calendar::weekday(super::ymd_of(slf)) as i64 + 1
));

meth_noargs!(date_weekday, |slf| super::pyint(
    calendar::weekday(super::ymd_of(slf)) as i64
));

meth_noargs!(date_toordinal, |slf| super::pyint(calendar::ymd_to_ord(
    super::ymd_of(slf)
)));

builtin!(date_replace, |slf, args, kws| {
    let a = bind("replace", args, &kws, ["year", "month", "day"], 3, 0)?;
    let v = super::ymd_of(slf);
    let y = a[0].map_or(Ok(v.year), |o| format_i(o))?;
    let m = a[1].map_or(Ok(v.month), |o| format_i(o))?;
    let d = a[2].map_or(Ok(v.day), |o| format_i(o))?;
    let v = super::check_date(y, m, d)?;
    new_date_ex(v, (*slf).ob_type.cast())
});

unsafe fn state(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is a date.
    unsafe { bytes::from_slice(&(*op.cast::<PyDateTime_Date>()).data) }
}

meth_noargs!(date_reduce, |slf| {
    let st = state(slf)?;
    let args = tuple::pack(&[st.as_ptr()])?;
    tuple::pack(&[(*slf).ob_type.cast(), args.as_ptr()])
});

/// Sets `date.min`, `max` and `resolution`.
pub unsafe fn add_class_attrs() -> PyResult<()> {
    // SAFETY: the type is readied.
    unsafe {
        let tp = super::date_type();
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
        dict::set_item(
            d,
            crate::interned!("min"),
            super::new_date_raw(tp, lo)?.as_ptr(),
        )?;
        dict::set_item(
            d,
            crate::interned!("max"),
            super::new_date_raw(tp, hi)?.as_ptr(),
        )?;
        dict::set_item(
            d,
            crate::interned!("resolution"),
            delta::from_us(super::US_PER_DAY as i128)?.as_ptr(),
        )?;
        crate::object::typeobj::modified(tp);
        Ok(())
    }
}
