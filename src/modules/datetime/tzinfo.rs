//! `datetime.tzinfo` (the abstract base, `PyDateTime_TZInfoType`) and
//! `datetime.timezone` (fixed offsets, `PyDateTime_TimeZoneType`, with the
//! `timezone.utc` singleton); and the checked calls of a tzinfo's
//! `utcoffset`, `dst` and `tzname` that the other types make.
use super::{delta, TimeZone};
use crate::capi::boundary::{guard, guard_obj};
use crate::ffi::*;
use crate::modules::objtype::{meth_noargs, meth_o, parse};
use crate::object::descr::{method, METHOD_END};
use crate::object::refcount::*;
use crate::object::typeobj::type_template;
use crate::object::{dict, none, protocol, str as pystr, tuple, typeobj};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};
use std::ptr::null_mut;

/// `datetime.tzinfo`.
pub static mut TZINFO_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE,
    tp_dealloc: Some(super::plain_dealloc),
    tp_methods: (&raw const TZINFO_METHODS).cast_mut().cast(),
    tp_new: Some(crate::capi::allocation::PyType_GenericNew),
    tp_doc: c"Abstract base class for time zone info objects.".as_ptr(),
    ..type_template(c"datetime.tzinfo", std::mem::size_of::<PyObject>(), 0)
};

static TZINFO_METHODS: [PyMethodDef; 6] = [
    method(c"tzname", tzinfo_tzname as *const c_void, METH_O),
    method(c"utcoffset", tzinfo_utcoffset as *const c_void, METH_O),
    method(c"dst", tzinfo_dst as *const c_void, METH_O),
    method(c"fromutc", tzinfo_fromutc as *const c_void, METH_O),
    method(c"__reduce__", tzinfo_reduce as *const c_void, METH_NOARGS),
    METHOD_END,
];

/// `datetime.timezone`.
pub static mut TIMEZONE_TYPE: PyTypeObject = PyTypeObject {
    tp_base: &raw mut TZINFO_TYPE,
    tp_dealloc: Some(timezone_dealloc),
    tp_repr: Some(timezone_repr),
    tp_str: Some(timezone_str),
    tp_hash: Some(timezone_hash),
    tp_richcompare: Some(timezone_richcompare),
    tp_methods: (&raw const TIMEZONE_METHODS).cast_mut().cast(),
    tp_new: Some(timezone_new),
    tp_doc: c"Fixed offset from UTC implementation of tzinfo.".as_ptr(),
    ..type_template(c"datetime.timezone", std::mem::size_of::<TimeZone>(), 0)
};

static TIMEZONE_METHODS: [PyMethodDef; 6] = [
    method(c"tzname", timezone_tzname as *const c_void, METH_O),
    method(c"utcoffset", timezone_utcoffset as *const c_void, METH_O),
    method(c"dst", timezone_dst as *const c_void, METH_O),
    method(c"fromutc", timezone_fromutc as *const c_void, METH_O),
    method(
        c"__getinitargs__",
        timezone_getinitargs as *const c_void,
        METH_NOARGS,
    ),
    METHOD_END,
];

static UTC: std::sync::atomic::AtomicPtr<PyObject> = std::sync::atomic::AtomicPtr::new(null_mut());

/// `timezone.utc` (borrowed; immortal).
pub fn utc() -> *mut PyObject {
    UTC.load(std::sync::atomic::Ordering::Relaxed)
}

fn not_implemented(what: &str) -> errors::Raised {
    errors::not_implemented_error(format!("a tzinfo subclass must implement {what}()"))
}

meth_o!(tzinfo_tzname, |_slf, _dt| Err(not_implemented("tzname")));
meth_o!(tzinfo_utcoffset, |_slf, _dt| Err(not_implemented(
    "utcoffset"
)));
meth_o!(tzinfo_dst, |_slf, _dt| Err(not_implemented("dst")));

meth_o!(tzinfo_fromutc, |slf, dt| {
    if !super::is_datetime(dt) {
        return Err(errors::type_error("fromutc: argument must be a datetime"));
    }
    if super::dt_tzinfo(dt) != slf {
        return Err(errors::value_error("fromutc: dt.tzinfo is not self"));
    }
    let off = call_utcoffset(slf, dt)?
        .ok_or_else(|| errors::value_error("fromutc: non-None utcoffset() result required"))?;
    let dst = call_dst(slf, dt)?
        .ok_or_else(|| errors::value_error("fromutc: non-None dst() result required"))?;
    let diff = delta::from_us(delta::us_of(off.as_ptr()) - delta::us_of(dst.as_ptr()))?;
    let shifted = crate::object::number::add(dt, diff.as_ptr())?;
    match call_dst(slf, shifted.as_ptr())? {
        None => Err(errors::value_error(
            "fromutc: tz.dst() gave inconsistent results; cannot convert",
        )),
        Some(d) => crate::object::number::add(shifted.as_ptr(), d.as_ptr()),
    }
});

meth_noargs!(tzinfo_reduce, |slf| {
    let args = match protocol::getattr_opt(slf, crate::interned!("__getinitargs__"))? {
        Some(f) => protocol::call_args(f.as_ptr(), &[])?,
        None => tuple::empty(),
    };
    let state = super::call_method(slf, "__getstate__", &[])?;
    tuple::pack(&[(*slf).ob_type.cast(), args.as_ptr(), state.as_ptr()])
});

/// Checks an offset a tzinfo returned: None or a timedelta strictly
/// within a day.
unsafe fn checked_offset(name: &str, r: Owned) -> PyResult<Option<Owned>> {
    // SAFETY: r valid.
    unsafe {
        if r.as_ptr() == none::none() {
            return Ok(None);
        }
        if !super::is_delta(r.as_ptr()) {
            return Err(errors::type_error(format!(
                "tzinfo.{name}() must return None or timedelta, not '{}'",
                super::tname(r.as_ptr())
            )));
        }
        if delta::us_of(r.as_ptr()).abs() >= super::US_PER_DAY as i128 {
            return Err(errors::value_error(format!(
                "offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not {}.",
                protocol::repr_string(r.as_ptr())?
            )));
        }
        Ok(Some(r))
    }
}

/// `tzinfo.utcoffset(arg)`, checked; None for a None tzinfo.
pub unsafe fn call_utcoffset(tz: *mut PyObject, arg: *mut PyObject) -> PyResult<Option<Owned>> {
    // SAFETY: tz and arg valid.
    unsafe {
        if tz == none::none() {
            return Ok(None);
        }
        if (*tz).ob_type == super::timezone_type() {
            return Ok(Some(Owned::from_borrowed((*tz.cast::<TimeZone>()).offset)));
        }
        checked_offset("utcoffset", super::call_method(tz, "utcoffset", &[arg])?)
    }
}

/// `tzinfo.dst(arg)`, checked; None for a None tzinfo.
pub unsafe fn call_dst(tz: *mut PyObject, arg: *mut PyObject) -> PyResult<Option<Owned>> {
    // SAFETY: tz and arg valid.
    unsafe {
        if tz == none::none() {
            return Ok(None);
        }
        checked_offset("dst", super::call_method(tz, "dst", &[arg])?)
    }
}

/// `tzinfo.tzname(arg)`: None or a str.
pub unsafe fn call_tzname(tz: *mut PyObject, arg: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: tz and arg valid.
    unsafe {
        if tz == none::none() {
            return Ok(none::owned());
        }
        let r = super::call_method(tz, "tzname", &[arg])?;
        if r.as_ptr() != none::none() && !pystr::check(r.as_ptr()) {
            return Err(errors::type_error(format!(
                "tzinfo.tzname() must return None or a string, not '{}'",
                super::tname(r.as_ptr())
            )));
        }
        Ok(r)
    }
}

/// A new timezone (no check of the offset's range); `name` may be NULL.
unsafe fn new_timezone_raw(offset: *mut PyObject, name: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: offset is a timedelta, name NULL or a str.
    unsafe {
        let op = super::alloc(super::timezone_type())?;
        let o = &mut *op.cast::<TimeZone>();
        o.offset = new_ref(offset);
        o.name = xnew_ref(name);
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// `timezone(offset, name)` with the range check; the UTC singleton for
/// a zero offset without a name.
pub unsafe fn new_timezone(offset: *mut PyObject, name: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: offset is a timedelta, name NULL or a str.
    unsafe {
        if name.is_null() && delta::is_zero(offset) && !utc().is_null() {
            return Ok(Owned::from_borrowed(utc()));
        }
        let (d, s, u) = delta::fields(offset);
        if !(-1..1).contains(&d) || (d == -1 && s == 0 && u == 0) {
            return Err(errors::value_error(format!(
                "offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not {}.",
                protocol::repr_string(offset)?
            )));
        }
        new_timezone_raw(offset, name)
    }
}

unsafe extern "C" fn timezone_new(
    _tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple, kwargs NULL or a dict.
        unsafe {
            let [offset, name] = parse("timezone", args, kwargs, ["offset", "name"], 0, 1)?;
            if !super::is_delta(offset) {
                return Err(errors::type_error(format!(
                    "timezone() argument 1 must be datetime.timedelta, not {}",
                    super::tname(offset)
                )));
            }
            if !name.is_null() && !pystr::check(name) {
                return Err(errors::type_error(format!(
                    "timezone() argument 2 must be str, not {}",
                    super::tname(name)
                )));
            }
            new_timezone(offset, name)
        }
    })
}

unsafe extern "C" fn timezone_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; op is a timezone.
    unsafe {
        let o = &mut *op.cast::<TimeZone>();
        xdecref(std::mem::replace(&mut o.offset, null_mut()));
        xdecref(std::mem::replace(&mut o.name, null_mut()));
        super::plain_dealloc(op);
    }
}

unsafe fn tz<'a>(op: *mut PyObject) -> &'a TimeZone {
    // SAFETY: op is a timezone.
    unsafe { &*op.cast::<TimeZone>() }
}

unsafe extern "C" fn timezone_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a timezone.
        unsafe {
            let name = super::repr_type_name(op);
            if op == utc() {
                return pystr::from_str(&format!("{name}.utc"));
            }
            let o = tz(op);
            let off = protocol::repr_string(o.offset)?;
            if o.name.is_null() {
                pystr::from_str(&format!("{name}({off})"))
            } else {
                pystr::from_str(&format!(
                    "{name}({off}, {})",
                    protocol::repr_string(o.name)?
                ))
            }
        }
    })
}

/// `UTC±HH:MM[:SS[.ffffff]]` for an offset.
fn utc_name(us: i128) -> String {
    if us == 0 {
        return "UTC".into();
    }
    let sign = if us < 0 { '-' } else { '+' };
    let us = us.abs();
    let (s, u) = (us / 1_000_000, us % 1_000_000);
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    let mut out = format!("UTC{sign}{h:02}:{m:02}");
    if s != 0 || u != 0 {
        out += &format!(":{s:02}");
        if u != 0 {
            out += &format!(".{u:06}");
        }
    }
    out
}

unsafe fn tzname_of(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is a timezone.
    unsafe {
        let o = tz(op);
        if !o.name.is_null() {
            return Ok(Owned::from_borrowed(o.name));
        }
        pystr::from_str(&utc_name(delta::us_of(o.offset)))
    }
}

unsafe extern "C" fn timezone_str(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a timezone.
    guard_obj(|| unsafe { tzname_of(op) })
}

unsafe extern "C" fn timezone_hash(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: op is a timezone.
    guard(|| unsafe { delta::hash_us(delta::us_of(tz(op).offset)) })
}

unsafe extern "C" fn timezone_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is a timezone; b valid.
        unsafe {
            if (op != Py_EQ && op != Py_NE) || !typeobj::instance_of(b, super::timezone_type()) {
                return Ok(super::not_implemented());
            }
            Ok(super::cmp_result(
                delta::compare(tz(a).offset, tz(b).offset),
                op,
            ))
        }
    })
}

/// Checks the argument of a timezone's methods: a datetime or None.
unsafe fn check_dt_arg(what: &str, dt: *mut PyObject) -> PyResult<()> {
    // SAFETY: dt valid.
    unsafe {
        if dt == none::none() || super::is_datetime(dt) {
            return Ok(());
        }
        Err(errors::type_error(format!(
            "{what}(dt) argument must be a datetime instance or None, not {}",
            super::tname(dt)
        )))
    }
}

meth_o!(timezone_tzname, |slf, dt| {
    check_dt_arg("tzname", dt)?;
    tzname_of(slf)
});

meth_o!(timezone_utcoffset, |slf, dt| {
    check_dt_arg("utcoffset", dt)?;
    Ok(Owned::from_borrowed(tz(slf).offset))
});

meth_o!(timezone_dst, |_slf, dt| {
    check_dt_arg("dst", dt)?;
    Ok(none::owned())
});

meth_o!(timezone_fromutc, |slf, dt| {
    if !super::is_datetime(dt) {
        return Err(errors::type_error(format!(
            "fromutc: argument must be a datetime, not {}",
            super::tname(dt)
        )));
    }
    if super::dt_tzinfo(dt) != slf {
        return Err(errors::value_error("fromutc: dt.tzinfo is not self"));
    }
    crate::object::number::add(dt, tz(slf).offset)
});

unsafe fn initargs(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is a timezone.
    unsafe {
        let o = tz(op);
        if o.name.is_null() {
            tuple::pack(&[o.offset])
        } else {
            tuple::pack(&[o.offset, o.name])
        }
    }
}

meth_noargs!(timezone_getinitargs, |slf| initargs(slf));

/// Creates `timezone.utc`, `min` and `max`.
pub unsafe fn add_class_attrs() -> PyResult<()> {
    // SAFETY: the types are readied.
    unsafe {
        let tp = super::timezone_type();
        let d = (*tp).tp_dict;
        if !utc().is_null() {
            return Ok(());
        }
        let zero = delta::from_us(0)?;
        let u = new_timezone_raw(zero.as_ptr(), null_mut())?;
        make_immortal(u.as_ptr());
        UTC.store(u.into_raw(), std::sync::atomic::Ordering::Relaxed);
        dict::set_item(d, crate::interned!("utc"), utc())?;
        let span = 86_400 * super::US_PER_SECOND as i128 - 60 * super::US_PER_SECOND as i128;
        let lo = delta::from_us(-span)?;
        let hi = delta::from_us(span)?;
        dict::set_item(
            d,
            crate::interned!("min"),
            new_timezone_raw(lo.as_ptr(), null_mut())?.as_ptr(),
        )?;
        dict::set_item(
            d,
            crate::interned!("max"),
            new_timezone_raw(hi.as_ptr(), null_mut())?.as_ptr(),
        )?;
        typeobj::modified(tp);
        Ok(())
    }
}
