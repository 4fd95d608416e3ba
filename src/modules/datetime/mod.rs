//! `_datetime`: the date and time types of CPython's `Modules/_datetimemodule.c`
//! with the object layouts of `Include/datetime.h` (`PyDateTime_Date`,
//! `PyDateTime_DateTime`, `PyDateTime_Time`, `PyDateTime_Delta`), so C code
//! using the accessor macros reads our objects.
//!
//! One file per type (`delta.rs`, `date.rs`, `time.rs`, `date_time.rs`,
//! `tzinfo.rs`), the calendar arithmetic in `calendar.rs`, text in
//! `format.rs` (isoformat, strftime) and `parse.rs` (fromisoformat).
pub mod calendar;
pub mod capi;
pub mod date;
pub mod date_time;
pub mod delta;
pub mod format;
pub mod parse;
pub mod time;
pub mod timestamp;
pub mod tzinfo;

use crate::ffi::*;
use crate::modules::args::format_i;
use crate::object::typeobj;
use crate::object::{dict, int, module, none, protocol, str as pystr};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::{c_char, c_int};

pub const MINYEAR: i32 = 1;
pub const MAXYEAR: i32 = 9999;
pub const MAX_DELTA_DAYS: i64 = 999_999_999;
pub const US_PER_SECOND: i64 = 1_000_000;
pub const US_PER_DAY: i64 = 86_400 * US_PER_SECOND;

/// `PyDateTime_Delta`.
#[repr(C)]
pub struct PyDateTime_Delta {
    pub ob_base: PyObject,
    pub hashcode: Py_hash_t,
    pub days: c_int,
    pub seconds: c_int,
    pub microseconds: c_int,
}

/// `PyDateTime_Date`: year (2 bytes, big-endian), month, day.
#[repr(C)]
pub struct PyDateTime_Date {
    pub ob_base: PyObject,
    pub hashcode: Py_hash_t,
    pub hastzinfo: c_char,
    pub data: [u8; 4],
}

/// `PyDateTime_Time`: hour, minute, second, microsecond (3 bytes); the
/// `tzinfo` member is meaningful only when `hastzinfo` is set.
#[repr(C)]
pub struct PyDateTime_Time {
    pub ob_base: PyObject,
    pub hashcode: Py_hash_t,
    pub hastzinfo: c_char,
    pub data: [u8; 6],
    pub fold: u8,
    pub tzinfo: *mut PyObject,
}

/// `PyDateTime_DateTime`: the date bytes then the time bytes.
#[repr(C)]
pub struct PyDateTime_DateTime {
    pub ob_base: PyObject,
    pub hashcode: Py_hash_t,
    pub hastzinfo: c_char,
    pub data: [u8; 10],
    pub fold: u8,
    pub tzinfo: *mut PyObject,
}

/// The `timezone` object: a fixed offset and an optional name.
#[repr(C)]
pub struct TimeZone {
    pub ob_base: PyObject,
    pub offset: *mut PyObject,
    pub name: *mut PyObject,
}

/// Year, month, day.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub struct Ymd {
    pub year: i32,
    pub month: i32,
    pub day: i32,
}

/// Hour, minute, second, microsecond.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Default)]
pub struct Hms {
    pub hour: i32,
    pub minute: i32,
    pub second: i32,
    pub us: i32,
}

impl Hms {
    /// Microseconds since midnight.
    pub fn total_us(self) -> i64 {
        ((self.hour as i64 * 60 + self.minute as i64) * 60 + self.second as i64) * US_PER_SECOND
            + self.us as i64
    }
}

pub fn date_type() -> *mut PyTypeObject {
    &raw mut date::DATE_TYPE
}
pub fn datetime_type() -> *mut PyTypeObject {
    &raw mut date_time::DATETIME_TYPE
}
pub fn time_type() -> *mut PyTypeObject {
    &raw mut time::TIME_TYPE
}
pub fn delta_type() -> *mut PyTypeObject {
    &raw mut delta::DELTA_TYPE
}
pub fn tzinfo_type() -> *mut PyTypeObject {
    &raw mut tzinfo::TZINFO_TYPE
}
pub fn timezone_type() -> *mut PyTypeObject {
    &raw mut tzinfo::TIMEZONE_TYPE
}

/// `PyDate_Check` (datetimes too).
pub unsafe fn is_date(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { typeobj::instance_of(op, date_type()) }
}
pub unsafe fn is_datetime(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { typeobj::instance_of(op, datetime_type()) }
}
pub unsafe fn is_time(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { typeobj::instance_of(op, time_type()) }
}
pub unsafe fn is_delta(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { typeobj::instance_of(op, delta_type()) }
}
pub unsafe fn is_tzinfo(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { typeobj::instance_of(op, tzinfo_type()) }
}

/// The year, month and day of a date or datetime.
pub unsafe fn ymd_of(op: *mut PyObject) -> Ymd {
    // SAFETY: op is a date (a datetime starts with the same fields).
    let d = unsafe { &(*op.cast::<PyDateTime_Date>()).data };
    Ymd {
        year: ((d[0] as i32) << 8) | d[1] as i32,
        month: d[2] as i32,
        day: d[3] as i32,
    }
}

pub fn hms_from(d: &[u8]) -> Hms {
    Hms {
        hour: d[0] as i32,
        minute: d[1] as i32,
        second: d[2] as i32,
        us: ((d[3] as i32) << 16) | ((d[4] as i32) << 8) | d[5] as i32,
    }
}

fn put_ymd(d: &mut [u8], v: Ymd) {
    d[0] = (v.year >> 8) as u8;
    d[1] = v.year as u8;
    d[2] = v.month as u8;
    d[3] = v.day as u8;
}

fn put_hms(d: &mut [u8], v: Hms) {
    d[0] = v.hour as u8;
    d[1] = v.minute as u8;
    d[2] = v.second as u8;
    d[3] = (v.us >> 16) as u8;
    d[4] = (v.us >> 8) as u8;
    d[5] = v.us as u8;
}

/// The time fields of a datetime.
pub unsafe fn dt_hms(op: *mut PyObject) -> Hms {
    // SAFETY: op is a datetime.
    hms_from(unsafe { &(&(*op.cast::<PyDateTime_DateTime>()).data)[4..] })
}

/// The fields of a time.
pub unsafe fn time_hms(op: *mut PyObject) -> Hms {
    // SAFETY: op is a time.
    hms_from(unsafe { &(*op.cast::<PyDateTime_Time>()).data })
}

pub unsafe fn dt_fold(op: *mut PyObject) -> i32 {
    // SAFETY: op is a datetime.
    unsafe { (*op.cast::<PyDateTime_DateTime>()).fold as i32 }
}

pub unsafe fn time_fold(op: *mut PyObject) -> i32 {
    // SAFETY: op is a time.
    unsafe { (*op.cast::<PyDateTime_Time>()).fold as i32 }
}

/// The tzinfo of a datetime (borrowed; None when naive).
pub unsafe fn dt_tzinfo(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a datetime.
    unsafe {
        let o = &*op.cast::<PyDateTime_DateTime>();
        if o.hastzinfo != 0 {
            o.tzinfo
        } else {
            none::none()
        }
    }
}

/// The tzinfo of a time (borrowed; None when naive).
pub unsafe fn time_tzinfo(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a time.
    unsafe {
        let o = &*op.cast::<PyDateTime_Time>();
        if o.hastzinfo != 0 {
            o.tzinfo
        } else {
            none::none()
        }
    }
}

/// Allocates an instance of `tp` (a subclass allocates through its own
/// `tp_alloc`).
pub unsafe fn alloc(tp: *mut PyTypeObject) -> PyResult<*mut PyObject> {
    // SAFETY: tp is one of our types or a subclass.
    unsafe {
        let f = (*tp)
            .tp_alloc
            .unwrap_or(crate::capi::allocation::PyType_GenericAlloc);
        let op = f(tp, 0);
        if op.is_null() {
            Err(Raised::assume())
        } else {
            Ok(op)
        }
    }
}

/// A date of type `tp` with checked fields.
pub unsafe fn new_date_raw(tp: *mut PyTypeObject, v: Ymd) -> PyResult<Owned> {
    // SAFETY: tp has the date layout.
    unsafe {
        let op = alloc(tp)?;
        let o = &mut *op.cast::<PyDateTime_Date>();
        o.hashcode = -1;
        o.hastzinfo = 0;
        put_ymd(&mut o.data, v);
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// A datetime of type `tp` with checked fields.
pub unsafe fn new_datetime_raw(
    tp: *mut PyTypeObject,
    d: Ymd,
    t: Hms,
    tz: *mut PyObject,
    fold: i32,
) -> PyResult<Owned> {
    // SAFETY: tp has the datetime layout; tz valid.
    unsafe {
        let op = alloc(tp)?;
        let o = &mut *op.cast::<PyDateTime_DateTime>();
        o.hashcode = -1;
        put_ymd(&mut o.data[..4], d);
        put_hms(&mut o.data[4..], t);
        o.fold = fold as u8;
        if tz != none::none() {
            o.hastzinfo = 1;
            o.tzinfo = crate::object::refcount::new_ref(tz);
        } else {
            o.hastzinfo = 0;
            o.tzinfo = std::ptr::null_mut();
        }
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// A time of type `tp` with checked fields.
pub unsafe fn new_time_raw(
    tp: *mut PyTypeObject,
    t: Hms,
    tz: *mut PyObject,
    fold: i32,
) -> PyResult<Owned> {
    // SAFETY: tp has the time layout; tz valid.
    unsafe {
        let op = alloc(tp)?;
        let o = &mut *op.cast::<PyDateTime_Time>();
        o.hashcode = -1;
        put_hms(&mut o.data, t);
        o.fold = fold as u8;
        if tz != none::none() {
            o.hastzinfo = 1;
            o.tzinfo = crate::object::refcount::new_ref(tz);
        } else {
            o.hastzinfo = 0;
            o.tzinfo = std::ptr::null_mut();
        }
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// `tp_dealloc` of time and datetime: drops the tzinfo.
pub unsafe extern "C" fn tz_holder_dealloc(op: *mut PyObject) {
    // SAFETY: op is a time or datetime whose refcount reached zero; both
    // layouts keep hastzinfo at the same offset, and tzinfo after the data.
    unsafe {
        let tz = if is_datetime(op) {
            let o = &mut *op.cast::<PyDateTime_DateTime>();
            (o.hastzinfo != 0).then(|| std::mem::replace(&mut o.tzinfo, std::ptr::null_mut()))
        } else {
            let o = &mut *op.cast::<PyDateTime_Time>();
            (o.hastzinfo != 0).then(|| std::mem::replace(&mut o.tzinfo, std::ptr::null_mut()))
        };
        if let Some(tz) = tz {
            crate::object::refcount::xdecref(tz);
        }
        plain_dealloc(op);
    }
}

/// `tp_dealloc` of the types without references.
pub unsafe extern "C" fn plain_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        let tp = (*op).ob_type;
        match (*tp).tp_free {
            Some(free) => free(op.cast()),
            None => crate::capi::memory::PyObject_Free(op.cast()),
        }
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            crate::object::refcount::decref(tp.cast());
        }
    }
}

/// An optional integer argument (absent: `default`).
pub unsafe fn opt_int(o: *mut PyObject, default: i32) -> PyResult<i32> {
    if o.is_null() {
        Ok(default)
    } else {
        // SAFETY: o valid.
        unsafe { format_i(o) }
    }
}

/// The `__reduce__` value of a time or datetime: `(type(op), (state,))`,
/// or `(type(op), (state, tzinfo))` when it has a tzinfo.
pub unsafe fn reduce_with_state(
    op: *mut PyObject,
    state: &[u8],
    tz: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: op and tz are live objects.
    unsafe {
        let st = crate::object::bytes::from_slice(state)?;
        let args = if tz == none::none() {
            crate::object::tuple::pack(&[st.as_ptr()])?
        } else {
            crate::object::tuple::pack(&[st.as_ptr(), tz])?
        };
        crate::object::tuple::pack(&[(*op).ob_type.cast(), args.as_ptr()])
    }
}

/// Checks the year, month and day (`check_date_args`).
pub fn check_date(year: i32, month: i32, day: i32) -> PyResult<Ymd> {
    if !(MINYEAR..=MAXYEAR).contains(&year) {
        return Err(errors::value_error(format!("year {year} is out of range")));
    }
    if !(1..=12).contains(&month) {
        return Err(errors::value_error("month must be in 1..12"));
    }
    if day < 1 || day > calendar::days_in_month(year, month) {
        return Err(errors::value_error("day is out of range for month"));
    }
    Ok(Ymd { year, month, day })
}

/// Checks the time fields (`check_time_args`).
pub fn check_time(hour: i32, minute: i32, second: i32, us: i32, fold: i32) -> PyResult<Hms> {
    if !(0..=23).contains(&hour) {
        return Err(errors::value_error("hour must be in 0..23"));
    }
    if !(0..=59).contains(&minute) {
        return Err(errors::value_error("minute must be in 0..59"));
    }
    if !(0..=59).contains(&second) {
        return Err(errors::value_error("second must be in 0..59"));
    }
    if !(0..=999_999).contains(&us) {
        return Err(errors::value_error("microsecond must be in 0..999999"));
    }
    if fold != 0 && fold != 1 {
        return Err(errors::value_error("fold must be either 0 or 1"));
    }
    Ok(Hms {
        hour,
        minute,
        second,
        us,
    })
}

/// Checks a tzinfo argument: None or a tzinfo instance.
pub unsafe fn check_tzinfo(tz: *mut PyObject) -> PyResult<()> {
    // SAFETY: tz valid.
    unsafe {
        if tz == none::none() || is_tzinfo(tz) {
            return Ok(());
        }
        Err(errors::type_error(format!(
            "tzinfo argument must be None or of a tzinfo subclass, not type '{}'",
            typeobj::type_name(tz)
        )))
    }
}

/// The `NotImplemented` result.
pub fn not_implemented() -> Owned {
    Owned::from_borrowed_static(none::not_implemented())
}

/// The result of a rich comparison from an ordering.
pub fn cmp_result(ord: std::cmp::Ordering, op: c_int) -> Owned {
    let b = crate::object::float::compare_result(Some(ord), op);
    Owned::from_borrowed_static(crate::object::bool::from_bool(b))
}

/// A Python int.
pub fn pyint(v: i64) -> PyResult<Owned> {
    int::from_i64(v)
}

/// Calls `getattr(op, name)(*args)`.
pub unsafe fn call_method(
    op: *mut PyObject,
    name: &str,
    args: &[*mut PyObject],
) -> PyResult<Owned> {
    // SAFETY: op and args valid.
    unsafe { protocol::call_method_obj(op, name, args) }
}

/// `module.name`, imported.
pub unsafe fn import_attr(module_name: &str, name: &str) -> PyResult<Owned> {
    // SAFETY: the import system is initialized.
    unsafe {
        let m = crate::runtime::import::import_absolute(module_name)?;
        protocol::getattr_str(m.as_ptr(), name)
    }
}

/// The short type name used in messages.
pub unsafe fn tname(op: *mut PyObject) -> &'static str {
    // SAFETY: op valid.
    unsafe { typeobj::type_name(op) }
}

/// `repr(cls)`-style name of an instance's type as reprs show it: the
/// type's `tp_name` (`datetime.date` for ours, the class name otherwise).
pub unsafe fn repr_type_name(op: *mut PyObject) -> &'static str {
    // SAFETY: op valid.
    unsafe { typeobj::cstr_or((*(*op).ob_type).tp_name, "?") }
}

/// The `_datetime` module.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the types are static; readied once.
        unsafe {
            let types = [
                date_type(),
                datetime_type(),
                time_type(),
                delta_type(),
                tzinfo_type(),
                timezone_type(),
            ];
            for &tp in &types {
                typeobj::ready(tp)?;
            }
            delta::add_class_attrs()?;
            date::add_class_attrs()?;
            date_time::add_class_attrs()?;
            time::add_class_attrs()?;
            tzinfo::add_class_attrs()?;
            let m = crate::modules::objtype::new_module(
                "_datetime",
                (&raw mut MODULE_METHODS).cast(),
                &types,
            )?;
            let d = module::dict_of(m.as_ptr());
            dict::set_item(
                d,
                crate::interned!("MINYEAR"),
                pyint(MINYEAR as i64)?.as_ptr(),
            )?;
            dict::set_item(
                d,
                crate::interned!("MAXYEAR"),
                pyint(MAXYEAR as i64)?.as_ptr(),
            )?;
            dict::set_item(d, crate::interned!("UTC"), tzinfo::utc())?;
            dict::set_item(
                d,
                crate::interned!("datetime_CAPI"),
                capi::capsule()?.as_ptr(),
            )?;
            dict::set_item(
                d,
                crate::interned!("__doc__"),
                pystr::from_str("Fast implementation of the datetime module.")?.as_ptr(),
            )?;
            Ok(m)
        }
    })
}

static mut MODULE_METHODS: [PyMethodDef; 1] = [crate::object::descr::METHOD_END];
