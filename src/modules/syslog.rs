//! The `syslog` module (CPython's `Modules/syslogmodule.c`): `openlog`,
//! `syslog`, `closelog`, `setlogmask`, `LOG_MASK`/`LOG_UPTO` and the
//! priority, option and facility constants.
use crate::ffi::*;
use crate::modules::args::format_i;
use crate::modules::args::{bind, builtin};
use crate::modules::objtype::{meth_noargs, meth_o};
use crate::modules::posix::int_arg;
use crate::object::descr::{method, METHOD_END};
use crate::object::none;
use crate::object::{dict, int, list, module, str as pystr, typeobj};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};
use std::ffi::CString;
use std::sync::Mutex;

/// The identity passed to `openlog`: the C library keeps the pointer, so
/// the string lives here until the log is closed or reopened. `Some` while
/// the log is open.
static IDENT: Mutex<Option<Option<CString>>> = Mutex::new(None);

/// The text of a str, cut at its first NUL as C sees it.
unsafe fn c_text(o: *mut PyObject) -> PyResult<CString> {
    // SAFETY: o is a str (caller contract).
    let s = unsafe { pystr::as_str(o)? };
    let cut = s.split('\0').next().unwrap_or("");
    Ok(CString::new(cut).unwrap_or_default())
}

/// The default identity: the last path component of `sys.argv[0]`, when
/// there is a non-empty one.
unsafe fn default_ident() -> PyResult<Option<CString>> {
    // SAFETY: sys.argv, when a list, holds valid objects.
    unsafe {
        let argv = crate::modules::sys::get("argv");
        if argv.is_null() || !list::check(argv) || list::len(argv) == 0 {
            return Ok(None);
        }
        let a0 = list::get(argv, 0);
        if !pystr::check(a0) {
            return Ok(None);
        }
        let s = pystr::as_str(a0)?;
        if s.is_empty() {
            return Ok(None);
        }
        let base = s.rsplit('/').next().unwrap_or(s);
        Ok(CString::new(base.split('\0').next().unwrap_or("")).ok())
    }
}

/// Opens the log with `ident` (None: the default), keeping the string.
unsafe fn open(ident: Option<*mut PyObject>, option: c_int, facility: c_int) -> PyResult<()> {
    // SAFETY: ident is a str when present.
    unsafe {
        let text = match ident {
            Some(i) => Some(c_text(i)?),
            None => default_ident()?,
        };
        let ident_obj = match (&ident, &text) {
            (Some(i), _) => Owned::from_borrowed(*i),
            (None, Some(t)) => pystr::from_str(&t.to_string_lossy())?,
            (None, None) => none::owned(),
        };
        crate::modules::posix::audit(
            c"syslog.openlog",
            &[ident_obj.as_ptr()],
            &[option as i64, facility as i64],
        )?;
        let mut slot = IDENT.lock().unwrap_or_else(|e| e.into_inner());
        let p = text.as_ref().map_or(std::ptr::null(), |t| t.as_ptr());
        libc::openlog(p, option, facility);
        // The previous string may be dropped only after openlog replaced it.
        *slot = Some(text);
        Ok(())
    }
}

builtin!(syslog_openlog, |args, kws| {
    let [i, o, f] = bind(
        "openlog",
        args,
        &kws,
        ["ident", "logoption", "facility"],
        3,
        0,
    )?;
    let ident = match i {
        Some(i) if i == none::none() => None,
        Some(i) if !pystr::check(i) => {
            return Err(errors::type_error(format!(
                "openlog() argument 'ident' must be str, not {}",
                typeobj::type_name(i)
            )))
        }
        other => other,
    };
    // Both are C `long` parameters that CPython narrows to `int` as C
    // casts do.
    let option = match o {
        Some(o) => int_arg(o)? as c_int,
        None => 0,
    };
    let facility = match f {
        Some(f) => int_arg(f)? as c_int,
        None => libc::LOG_USER,
    };
    open(ident, option, facility)?;
    Ok(none::owned())
});

builtin!(syslog_syslog, |args, kws| {
    crate::modules::args::no_kwargs("syslog", &kws)?;
    let (pri, msg) = match args {
        [m] => (None, *m),
        [p, m] => (Some(*p), *m),
        _ => {
            return Err(errors::type_error(
                "syslog.syslog requires 1 to 2 arguments",
            ))
        }
    };
    let priority = match pri {
        Some(p) => format_i(p)?,
        None => libc::LOG_INFO,
    };
    if !pystr::check(msg) {
        return Err(errors::type_error(format!(
            "syslog() argument {} must be str, not {}",
            args.len(),
            typeobj::type_name(msg)
        )));
    }
    let text = pystr::as_str(msg)?;
    if text.contains('\0') {
        return Err(errors::value_error("embedded null character"));
    }
    let pri_obj = int::from_i64(priority as i64)?;
    crate::runtime::audit::audit(c"syslog.syslog", &[pri_obj.as_ptr(), msg])?;
    let is_open = IDENT.lock().unwrap_or_else(|e| e.into_inner()).is_some();
    if !is_open {
        open(None, 0, libc::LOG_USER)?;
    }
    let c = CString::new(text).unwrap_or_default();
    crate::runtime::gil::allow_threads(|| libc::syslog(priority, c"%s".as_ptr(), c.as_ptr()));
    Ok(none::owned())
});

meth_noargs!(syslog_closelog, |_m| {
    crate::runtime::audit::audit(c"syslog.closelog", &[])?;
    let mut slot = IDENT.lock().unwrap_or_else(|e| e.into_inner());
    if slot.is_some() {
        libc::closelog();
        *slot = None;
    }
    Ok(none::owned())
});

builtin!(syslog_setlogmask, |args, kws| {
    let [m] = bind("setlogmask", args, &kws, ["maskpri"], 1, 1)?;
    // A C long, truncated to the C int the call takes, as in CPython.
    let mask = long_arg(m.unwrap())?;
    crate::runtime::audit::audit(c"syslog.setlogmask", &[m.unwrap()])?;
    int::from_i64(libc::setlogmask(mask as c_int) as i64)
});

/// A C long argument (`setlogmask`, `LOG_MASK`, `LOG_UPTO`).
unsafe fn long_arg(o: *mut PyObject) -> PyResult<i64> {
    // SAFETY: o valid (caller contract).
    unsafe {
        if crate::object::float::check(o) {
            return Err(errors::type_error(
                "'float' object cannot be interpreted as an integer",
            ));
        }
        let i = crate::object::number::index(o)?;
        int::as_i64_or(i.as_ptr(), "Python int too large to convert to C long")
    }
}

meth_o!(syslog_log_mask, |_m, p| {
    int::from_i64(1i64.wrapping_shl(long_arg(p)? as u32))
});

meth_o!(syslog_log_upto, |_m, p| {
    let pri = long_arg(p)?;
    int::from_i64(
        1i64.wrapping_shl(pri.wrapping_add(1) as u32)
            .wrapping_sub(1),
    )
});

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut METHODS: [PyMethodDef; 7] = [
    method(c"openlog", syslog_openlog as *const c_void, FK),
    method(c"closelog", syslog_closelog as *const c_void, METH_NOARGS),
    method(c"syslog", syslog_syslog as *const c_void, FK),
    method(c"setlogmask", syslog_setlogmask as *const c_void, FK),
    method(c"LOG_MASK", syslog_log_mask as *const c_void, METH_O),
    method(c"LOG_UPTO", syslog_log_upto as *const c_void, METH_O),
    METHOD_END,
];

macro_rules! consts {
    ($($n:ident)*) => { [$((stringify!($n), libc::$n as i64),)*] };
}

const CONSTANTS: [(&str, i64); 34] = consts!(
    LOG_EMERG LOG_ALERT LOG_CRIT LOG_ERR LOG_WARNING LOG_NOTICE LOG_INFO
    LOG_DEBUG
    LOG_PID LOG_CONS LOG_NDELAY LOG_ODELAY LOG_NOWAIT LOG_PERROR
    LOG_KERN LOG_USER LOG_MAIL LOG_DAEMON LOG_AUTH LOG_LPR LOG_LOCAL0
    LOG_LOCAL1 LOG_LOCAL2 LOG_LOCAL3 LOG_LOCAL4 LOG_LOCAL5 LOG_LOCAL6
    LOG_LOCAL7 LOG_SYSLOG LOG_CRON LOG_UUCP LOG_NEWS LOG_AUTHPRIV LOG_FTP
);

/// `PyInit_syslog`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the method table is static; the module is new.
        unsafe {
            let m = crate::modules::new_module("syslog", (&raw mut METHODS).cast())?;
            let d = module::dict_of(m.as_ptr());
            for &(k, v) in CONSTANTS.iter() {
                dict::set_item(d, pystr::intern(k), int::from_i64(v)?.as_ptr())?;
            }
            PyResult::Ok(m)
        }
    })
}
