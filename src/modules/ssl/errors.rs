//! The exception classes of `_ssl` (`ssl.SSLError` and its subclasses)
//! and the translation of OpenSSL's error queue into them (CPython's
//! `fill_and_set_sslerror` and `_setSSLError`). A message reads
//! `[LIB: REASON] text (file:line)`, the location naming our source.
use super::errcodes::{LIBS, REASONS};
use super::ossl;
use crate::ffi::*;
use crate::object::descr::method;
use crate::object::exceptions::{self as exc, new_exception_class};
use crate::object::{int, none, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::{c_int, c_long, c_ulong, c_void};
use std::ffi::CStr;
use std::panic::Location;
use std::ptr::null_mut;
use std::sync::atomic::{AtomicPtr, Ordering};

/// The exception classes, in the order of [`NAMES`].
#[derive(Clone, Copy, PartialEq)]
pub enum Exc {
    Error,
    ZeroReturn,
    WantRead,
    WantWrite,
    Syscall,
    Eof,
    CertVerification,
}

/// The classes' names; all but the first derive from `SSLError`.
pub const NAMES: [&CStr; 7] = [
    c"ssl.SSLError",
    c"ssl.SSLZeroReturnError",
    c"ssl.SSLWantReadError",
    c"ssl.SSLWantWriteError",
    c"ssl.SSLSyscallError",
    c"ssl.SSLEOFError",
    c"ssl.SSLCertVerificationError",
];

static CLASSES: [AtomicPtr<PyObject>; 7] = [const { AtomicPtr::new(null_mut()) }; 7];

/// The class `e` (borrowed).
pub fn class(e: Exc) -> *mut PyObject {
    CLASSES[e as usize].load(Ordering::Relaxed)
}

/// The class at index `i` of [`NAMES`] (borrowed).
pub fn class_at(i: usize) -> *mut PyObject {
    CLASSES[i].load(Ordering::Relaxed)
}

/// `SSLError.__str__` (CPython's `SSLError_str`): the `strerror` when it
/// is a string, else `str(args)`.
unsafe extern "C" fn sslerror_str(slf: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: slf is an OSError instance (SSLError derives from it).
        unsafe {
            let e = slf.cast::<PyOSErrorObject>();
            let s = (*e).strerror;
            if !s.is_null() && pystr::check(s) {
                return Ok(Owned::from_borrowed(s));
            }
            let args = if (*e).args.is_null() {
                tuple::empty()
            } else {
                Owned::from_borrowed((*e).args)
            };
            protocol::str_(args.as_ptr())
        }
    })
}

static mut STR_DEF: PyMethodDef = method(c"__str__", sslerror_str as *const c_void, METH_NOARGS);

/// Makes the classes once per process.
pub fn create_classes() -> PyResult<()> {
    if !class(Exc::Error).is_null() {
        return Ok(());
    }
    // SAFETY: the names are C strings, the bases classes; STR_DEF static.
    unsafe {
        let base = new_exception_class(
            NAMES[0].as_ptr(),
            exc::PyExc_OSError,
            null_mut(),
            null_mut(),
        )?;
        let descr = crate::object::descr::new_method(base.as_ptr().cast(), &raw mut STR_DEF)?;
        protocol::setattr(base.as_ptr(), crate::interned!("__str__"), descr.as_ptr())?;
        // Like CPython's SSLError, made from a spec named "ssl.SSLError":
        // immutable (its subclasses are not), with the dotted tp_name.
        let tp = base.as_ptr().cast::<PyTypeObject>();
        (*tp).tp_flags |= Py_TPFLAGS_IMMUTABLETYPE;
        (*tp).tp_name = NAMES[0].as_ptr();
        CLASSES[0].store(base.into_raw(), Ordering::Relaxed);
        for (i, name) in NAMES.iter().enumerate().skip(1) {
            let ssl_error = class_at(0);
            let bases = if i == Exc::CertVerification as usize {
                tuple::pack(&[ssl_error, exc::PyExc_ValueError])?
            } else {
                Owned::from_borrowed(ssl_error)
            };
            let c = new_exception_class(name.as_ptr(), bases.as_ptr(), null_mut(), null_mut())?;
            CLASSES[i].store(c.into_raw(), Ordering::Relaxed);
        }
    }
    Ok(())
}

/// Drops the classes (interpreter finalization).
pub fn finalize() {
    for c in &CLASSES {
        crate::object::refcount::release_static(c);
    }
}

/// Raises `SSLError(msg)` (a plain message, no library or reason).
pub fn plain(msg: &str) -> Raised {
    // SAFETY: the classes exist once the module is imported.
    unsafe { errors::set_string(class(Exc::Error), msg) }
}

/// The name of library `lib` (`ERR_LIB_*`).
fn lib_name(lib: c_int) -> Option<&'static str> {
    LIBS.binary_search_by_key(&lib, |&(l, _)| l)
        .ok()
        .map(|i| LIBS[i].1)
}

/// The mnemonic of reason `reason` of library `lib`.
fn reason_name(lib: c_int, reason: c_int) -> Option<&'static str> {
    REASONS
        .binary_search_by_key(&(lib, reason), |&(l, r, _)| (l, r))
        .ok()
        .map(|i| REASONS[i].2)
}

/// What a certificate verification failure adds: the verify result and
/// its text.
pub struct Verify {
    pub code: c_long,
    pub message: Option<String>,
}

/// The text of verify result `code` on a connection to `hostname`.
pub fn verify_message(code: c_long, hostname: Option<&str>) -> Option<String> {
    const HOSTNAME_MISMATCH: c_long = 62;
    const IP_ADDRESS_MISMATCH: c_long = 64;
    let host = hostname.unwrap_or("None");
    match code {
        HOSTNAME_MISMATCH => Some(format!(
            "Hostname mismatch, certificate is not valid for '{host}'."
        )),
        IP_ADDRESS_MISMATCH => Some(format!(
            "IP address mismatch, certificate is not valid for '{host}'."
        )),
        _ => {
            // SAFETY: the function accepts any code and returns a static
            // string or NULL.
            let p = unsafe { ossl::X509_verify_cert_error_string(code) };
            (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
        }
    }
}

/// `fill_and_set_sslerror`: raises `e((code, message))` for OpenSSL error
/// `errcode` (0: none), with `library`, `reason` and, for a verification
/// failure, `verify_code` and `verify_message`.
pub fn fill(
    e: Exc,
    code: c_int,
    errstr: Option<&str>,
    errcode: c_ulong,
    verify: Option<Verify>,
    at: &Location,
) -> Raised {
    let (mut lib, mut reason) = (None, None);
    let mut text = errstr.map(str::to_owned);
    if errcode != 0 {
        let l = ossl::ERR_GET_LIB(errcode);
        lib = lib_name(l);
        reason = reason_name(l, ossl::ERR_GET_REASON(errcode));
        if text.is_none() {
            // SAFETY: returns a static string or NULL.
            let p = unsafe { ossl::ERR_reason_error_string(errcode) };
            if !p.is_null() {
                // SAFETY: NUL-terminated.
                text = Some(unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned());
            }
        }
    }
    let text = text.unwrap_or_else(|| "unknown error".to_owned());
    let file = at.file().rsplit('/').next().unwrap_or("");
    let place = format!("({file}:{})", at.line());
    let verify_text = verify
        .as_ref()
        .map(|v| v.message.as_deref().unwrap_or("None"));
    let msg = match (lib, reason, verify_text) {
        (Some(l), Some(r), Some(v)) => format!("[{l}: {r}] {text}: {v} {place}"),
        (Some(l), Some(r), None) => format!("[{l}: {r}] {text} {place}"),
        (Some(l), None, _) => format!("[{l}] {text} {place}"),
        _ => format!("{text} {place}"),
    };
    let build = || -> PyResult<Raised> {
        let args = tuple::from_vec(vec![int::from_i64(code as i64)?, pystr::from_str(&msg)?])?;
        let cls = class(e);
        // SAFETY: cls is an exception class, args a tuple.
        unsafe {
            let inst = protocol::call(cls, args.as_ptr(), null_mut())?;
            let opt = |s: Option<&str>| -> PyResult<Owned> {
                match s {
                    Some(s) => pystr::from_str(s),
                    None => Ok(Owned::from_borrowed_static(none::none())),
                }
            };
            let set =
                |k: &str, v: &Owned| protocol::setattr(inst.as_ptr(), pystr::intern(k), v.as_ptr());
            set("reason", &opt(reason)?)?;
            set("library", &opt(lib)?)?;
            if let Some(v) = &verify {
                set("verify_code", &int::from_i64(v.code)?)?;
                set("verify_message", &opt(v.message.as_deref())?)?;
            }
            Ok(errors::set_object(cls, inst.as_ptr()))
        }
    };
    match build() {
        Ok(r) | Err(r) => r,
    }
}

/// `_setSSLError(NULL, 0, ...)`: raises `SSLError` for the last error on
/// OpenSSL's queue and clears the queue.
#[track_caller]
pub fn from_queue() -> Raised {
    let at = Location::caller();
    // SAFETY: reads this thread's error queue.
    let code = unsafe { ossl::ERR_peek_last_error() };
    let r = fill(Exc::Error, ossl::ERR_GET_REASON(code), None, code, None, at);
    // SAFETY: clears this thread's error queue.
    unsafe { ossl::ERR_clear_error() };
    r
}

/// `_setSSLError(msg, ...)`: raises `SSLError((0, "msg (place)"))`
/// without consulting the queue, and clears it.
#[track_caller]
pub fn with_text(msg: &str) -> Raised {
    let at = Location::caller();
    let r = fill(Exc::Error, 0, Some(msg), 0, None, at);
    // SAFETY: clears this thread's error queue.
    unsafe { ossl::ERR_clear_error() };
    r
}

/// The `OSError` of `errno` `e` after clearing OpenSSL's queue (a file
/// that could not be opened).
pub fn os_error(e: c_int) -> Raised {
    // SAFETY: clears this thread's error queue; no filenames.
    unsafe {
        ossl::ERR_clear_error();
        errors::os_error(e, null_mut(), null_mut())
    }
}
