//! The `datetime.datetime_CAPI` capsule (`PyDateTime_CAPI` of
//! `include/datetime.h`): the types, `timezone.utc` and the constructors
//! that C code reaches through `PyDateTime_IMPORT` and the
//! `PyDate_FromDate`-style macros.
use super::{delta, tzinfo, Hms, Ymd};
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::none;
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_int;

/// `PyDateTime_CAPI`.
#[repr(C)]
pub struct PyDateTime_CAPI {
    pub date_type: *mut PyTypeObject,
    pub datetime_type: *mut PyTypeObject,
    pub time_type: *mut PyTypeObject,
    pub delta_type: *mut PyTypeObject,
    pub tzinfo_type: *mut PyTypeObject,
    pub timezone_utc: *mut PyObject,
    pub date_from_date:
        unsafe extern "C" fn(c_int, c_int, c_int, *mut PyTypeObject) -> *mut PyObject,
    pub datetime_from_date_and_time: unsafe extern "C" fn(
        c_int,
        c_int,
        c_int,
        c_int,
        c_int,
        c_int,
        c_int,
        *mut PyObject,
        *mut PyTypeObject,
    ) -> *mut PyObject,
    pub time_from_time: unsafe extern "C" fn(
        c_int,
        c_int,
        c_int,
        c_int,
        *mut PyObject,
        *mut PyTypeObject,
    ) -> *mut PyObject,
    pub delta_from_delta:
        unsafe extern "C" fn(c_int, c_int, c_int, c_int, *mut PyTypeObject) -> *mut PyObject,
    pub timezone_from_timezone: unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject,
    pub datetime_from_timestamp:
        unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> *mut PyObject,
    pub date_from_timestamp: unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject,
    pub datetime_from_date_and_time_and_fold: unsafe extern "C" fn(
        c_int,
        c_int,
        c_int,
        c_int,
        c_int,
        c_int,
        c_int,
        *mut PyObject,
        c_int,
        *mut PyTypeObject,
    ) -> *mut PyObject,
    pub time_from_time_and_fold: unsafe extern "C" fn(
        c_int,
        c_int,
        c_int,
        c_int,
        *mut PyObject,
        c_int,
        *mut PyTypeObject,
    ) -> *mut PyObject,
}

/// The checked tzinfo argument of a constructor (NULL reads as None).
unsafe fn tz_arg(tz: *mut PyObject) -> PyResult<*mut PyObject> {
    let tz = if tz.is_null() { none::none() } else { tz };
    // SAFETY: tz valid.
    unsafe { super::check_tzinfo(tz)? };
    Ok(tz)
}

unsafe extern "C" fn date_from_date(
    y: c_int,
    m: c_int,
    d: c_int,
    tp: *mut PyTypeObject,
) -> *mut PyObject {
    guard_obj(|| {
        let v = super::check_date(y, m, d)?;
        // SAFETY: tp is the date type or a subclass.
        unsafe { super::new_date_raw(tp, v) }
    })
}

#[allow(clippy::too_many_arguments)]
unsafe extern "C" fn datetime_from_date_and_time_and_fold(
    y: c_int,
    mo: c_int,
    d: c_int,
    h: c_int,
    mi: c_int,
    s: c_int,
    us: c_int,
    tz: *mut PyObject,
    fold: c_int,
    tp: *mut PyTypeObject,
) -> *mut PyObject {
    guard_obj(|| {
        let v: Ymd = super::check_date(y, mo, d)?;
        let t: Hms = super::check_time(h, mi, s, us, fold)?;
        // SAFETY: tp is the datetime type or a subclass; tz valid or NULL.
        unsafe { super::new_datetime_raw(tp, v, t, tz_arg(tz)?, fold) }
    })
}

#[allow(clippy::too_many_arguments)]
unsafe extern "C" fn datetime_from_date_and_time(
    y: c_int,
    mo: c_int,
    d: c_int,
    h: c_int,
    mi: c_int,
    s: c_int,
    us: c_int,
    tz: *mut PyObject,
    tp: *mut PyTypeObject,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { datetime_from_date_and_time_and_fold(y, mo, d, h, mi, s, us, tz, 0, tp) }
}

unsafe extern "C" fn time_from_time_and_fold(
    h: c_int,
    m: c_int,
    s: c_int,
    us: c_int,
    tz: *mut PyObject,
    fold: c_int,
    tp: *mut PyTypeObject,
) -> *mut PyObject {
    guard_obj(|| {
        let t = super::check_time(h, m, s, us, fold)?;
        // SAFETY: tp is the time type or a subclass; tz valid or NULL.
        unsafe { super::new_time_raw(tp, t, tz_arg(tz)?, fold) }
    })
}

unsafe extern "C" fn time_from_time(
    h: c_int,
    m: c_int,
    s: c_int,
    us: c_int,
    tz: *mut PyObject,
    tp: *mut PyTypeObject,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { time_from_time_and_fold(h, m, s, us, tz, 0, tp) }
}

/// `Delta_FromDelta`: with `normalize`, any fields; else they must be
/// normalized already.
unsafe extern "C" fn delta_from_delta(
    d: c_int,
    s: c_int,
    us: c_int,
    normalize: c_int,
    tp: *mut PyTypeObject,
) -> *mut PyObject {
    guard_obj(|| {
        let total = d as i128 * super::US_PER_DAY as i128
            + s as i128 * super::US_PER_SECOND as i128
            + us as i128;
        let (dd, ss, uu) = delta::split_us(total)?;
        if normalize == 0 && (dd, ss, uu) != (d, s, us) {
            return Err(errors::value_error("timedelta fields are not normalized"));
        }
        // SAFETY: tp is the timedelta type or a subclass.
        unsafe { delta::new_ex(tp, dd, ss, uu) }
    })
}

unsafe extern "C" fn timezone_from_timezone(
    offset: *mut PyObject,
    name: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: offset a timedelta, name NULL or a str (the C contract).
        unsafe {
            if offset.is_null() || !super::is_delta(offset) {
                return Err(errors::bad_internal_call());
            }
            tzinfo::new_timezone(offset, name)
        }
    })
}

unsafe extern "C" fn datetime_from_timestamp(
    cls: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: cls a class; args a tuple; kwargs NULL or a dict.
        unsafe {
            let f = crate::object::protocol::getattr_str(cls, "fromtimestamp")?;
            crate::object::protocol::call(f.as_ptr(), args, kwargs)
        }
    })
}

unsafe extern "C" fn date_from_timestamp(cls: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: cls a class; args a tuple.
        unsafe {
            let f = crate::object::protocol::getattr_str(cls, "fromtimestamp")?;
            crate::object::protocol::call(f.as_ptr(), args, std::ptr::null_mut())
        }
    })
}

static mut CAPI: PyDateTime_CAPI = PyDateTime_CAPI {
    date_type: &raw mut super::date::DATE_TYPE,
    datetime_type: &raw mut super::date_time::DATETIME_TYPE,
    time_type: &raw mut super::time::TIME_TYPE,
    delta_type: &raw mut delta::DELTA_TYPE,
    tzinfo_type: &raw mut tzinfo::TZINFO_TYPE,
    timezone_utc: std::ptr::null_mut(),
    date_from_date,
    datetime_from_date_and_time,
    time_from_time,
    delta_from_delta,
    timezone_from_timezone,
    datetime_from_timestamp,
    date_from_timestamp,
    datetime_from_date_and_time_and_fold,
    time_from_time_and_fold,
};

/// The capsule `datetime.datetime_CAPI`.
pub unsafe fn capsule() -> PyResult<Owned> {
    // SAFETY: the table is static; utc exists once the module is set up.
    unsafe {
        CAPI.timezone_utc = tzinfo::utc();
        let c = crate::capi::capsule::PyCapsule_New(
            (&raw mut CAPI).cast(),
            c"datetime.datetime_CAPI".as_ptr(),
            None,
        );
        errors::check(c)
    }
}
