//! The `_socket` module (CPython's `Modules/socketmodule.c`) on Linux: the
//! socket type, name resolution, address conversion, ancillary data and
//! the constants that the pure-Python `socket` module builds on. Blocking
//! system calls run with the GIL released; interrupted ones run the signal
//! handlers and resume (PEP 475).
mod addr;
mod consts;
mod convert;
mod msg;
mod netdb;
mod sockcall;
mod sockio;
mod sockobj;

pub(crate) use sockcall::now_ns;
pub(crate) use sockobj::fd_and_timeout;

use crate::ffi::*;
use crate::modules::args::format_i;
use crate::modules::args::{builtin, no_kwargs};
use crate::modules::posix::int_arg;
use crate::object::descr::{method, METHOD_END};
use crate::object::exceptions::{self as exc, new_exception_class};
use crate::object::none;
use crate::object::{bool as pybool, dict, float, int, module, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::{c_int, c_void};
use std::ffi::CStr;
use std::ptr::null_mut;
use std::sync::atomic::{AtomicI64, AtomicPtr, Ordering};

/// `socket.herror` and `socket.gaierror`, made once.
static HERROR: AtomicPtr<PyObject> = AtomicPtr::new(null_mut());
static GAIERROR: AtomicPtr<PyObject> = AtomicPtr::new(null_mut());

/// Drops the module's exception classes and forgets the default timeout
/// (interpreter finalization).
pub fn finalize() {
    crate::object::refcount::release_static(&HERROR);
    crate::object::refcount::release_static(&GAIERROR);
    DEFAULT_TIMEOUT.store(-1, Ordering::Relaxed);
}

/// The timeout of new sockets in nanoseconds; negative means none.
static DEFAULT_TIMEOUT: AtomicI64 = AtomicI64::new(-1);

fn default_timeout() -> i64 {
    DEFAULT_TIMEOUT.load(Ordering::Relaxed)
}

/// Raises `exc_type((code, text))`, the form of `herror` and `gaierror`.
fn coded_error(exc_type: *mut PyObject, code: c_int, text: *const libc::c_char) -> Raised {
    let build = || -> PyResult<Raised> {
        // SAFETY: the C library returns a NUL-terminated message.
        let msg = unsafe { CStr::from_ptr(text) }.to_string_lossy();
        let args = tuple::from_vec(vec![int::from_i64(code as i64)?, pystr::from_str(&msg)?])?;
        // SAFETY: exc_type is an exception class, args a tuple.
        Ok(unsafe { errors::set_object(exc_type, args.as_ptr()) })
    };
    match build() {
        Ok(r) | Err(r) => r,
    }
}

/// `set_gaierror`: `socket.gaierror(code, gai_strerror(code))`, or the
/// `OSError` of `errno` for `EAI_SYSTEM`.
fn gai_error(code: c_int) -> Raised {
    if code == libc::EAI_SYSTEM {
        return errors::last_os_error();
    }
    // SAFETY: gai_strerror accepts any code.
    coded_error(GAIERROR.load(Ordering::Relaxed), code, unsafe {
        libc::gai_strerror(code)
    })
}

/// `set_herror`: `socket.herror(code, hstrerror(code))`.
fn h_error(code: c_int) -> Raised {
    // SAFETY: hstrerror accepts any code.
    coded_error(HERROR.load(Ordering::Relaxed), code, unsafe {
        libc::hstrerror(code)
    })
}

/// Raises `OSError(msg)` (no errno).
fn os_error_msg(msg: &str) -> Raised {
    // SAFETY: PyExc_OSError is set before any code runs.
    unsafe { errors::set_string(exc::PyExc_OSError, msg) }
}

/// Checks the arguments of a `METH_VARARGS` function parsed with
/// `PyArg_ParseTuple` (no keywords; `min..=max` positional ones), with
/// its messages.
fn varargs(
    fname: &str,
    args: &[*mut PyObject],
    kws: &[(&str, *mut PyObject)],
    min: usize,
    max: usize,
) -> PyResult<()> {
    no_kwargs(fname, kws)?;
    let n = args.len();
    if (min..=max).contains(&n) {
        return Ok(());
    }
    let (how, want) = if min == max {
        ("exactly", min)
    } else if n < min {
        ("at least", min)
    } else {
        ("at most", max)
    };
    Err(errors::type_error(if want == 1 && min == max {
        format!("{fname}() takes exactly one argument ({n} given)")
    } else {
        let s = if want == 1 { "" } else { "s" };
        format!("{fname}() takes {how} {want} argument{s} ({n} given)")
    }))
}

/// An optional C `int` argument with its default.
unsafe fn opt_int(o: Option<*mut PyObject>, default: c_int) -> PyResult<c_int> {
    match o {
        // SAFETY: o valid.
        Some(o) => unsafe { format_i(o) },
        None => Ok(default),
    }
}

/// `socket_parse_timeout`: None is no timeout (-1), else non-negative
/// seconds as nanoseconds, rounded up.
unsafe fn parse_timeout(o: *mut PyObject) -> PyResult<i64> {
    if o == none::none() {
        return Ok(-1);
    }
    // SAFETY: o valid.
    let ns = unsafe { crate::modules::time::clocks::duration_ns(o)? };
    if ns < 0 {
        return Err(errors::value_error("Timeout value out of range"));
    }
    Ok(ns as i64)
}

/// A timeout as Python sees it: None or float seconds.
fn timeout_obj(t: i64) -> PyResult<Owned> {
    if t < 0 {
        Ok(none::owned())
    } else {
        float::from_f64(t as f64 / 1e9)
    }
}

builtin!(socket_getdefaulttimeout, |args, kws| {
    varargs("getdefaulttimeout", args, &kws, 0, 0)?;
    timeout_obj(default_timeout())
});

builtin!(socket_setdefaulttimeout, |args, kws| {
    varargs("setdefaulttimeout", args, &kws, 1, 1)?;
    DEFAULT_TIMEOUT.store(parse_timeout(args[0])?, Ordering::Relaxed);
    Ok(none::owned())
});

/// A socket descriptor argument (`PyLong_AsSocket_t`).
unsafe fn fd_arg(o: *mut PyObject) -> PyResult<c_int> {
    // SAFETY: o valid.
    let v = unsafe { int_arg(o)? };
    c_int::try_from(v)
        .map_err(|_| errors::overflow_error("Python int too large to convert to C int"))
}

builtin!(socket_close, |args, kws| {
    varargs("close", args, &kws, 1, 1)?;
    let fd = fd_arg(args[0])?;
    let r = crate::runtime::gil::allow_threads(|| libc::close(fd));
    // The peer may already have closed the connection: ECONNRESET is
    // not an error here (bpo-30319).
    if r < 0 && errors::last_errno() != libc::ECONNRESET {
        return Err(errors::last_os_error());
    }
    Ok(none::owned())
});

builtin!(socket_dup, |args, kws| {
    varargs("dup", args, &kws, 1, 1)?;
    let fd = fd_arg(args[0])?;
    let new = libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0);
    if new < 0 {
        return Err(errors::last_os_error());
    }
    int::from_i64(new as i64)
});

static mut METHODS: [PyMethodDef; 29] = {
    const FK: c_int = METH_FASTCALL | METH_KEYWORDS;
    [
        method(
            c"gethostbyname",
            netdb::socket_gethostbyname as *const c_void,
            FK,
        ),
        method(
            c"gethostbyname_ex",
            netdb::socket_gethostbyname_ex as *const c_void,
            FK,
        ),
        method(
            c"gethostbyaddr",
            netdb::socket_gethostbyaddr as *const c_void,
            FK,
        ),
        method(
            c"gethostname",
            netdb::socket_gethostname as *const c_void,
            FK,
        ),
        method(
            c"sethostname",
            netdb::socket_sethostname as *const c_void,
            FK,
        ),
        method(
            c"getservbyname",
            netdb::socket_getservbyname as *const c_void,
            FK,
        ),
        method(
            c"getservbyport",
            netdb::socket_getservbyport as *const c_void,
            FK,
        ),
        method(
            c"getprotobyname",
            netdb::socket_getprotobyname as *const c_void,
            FK,
        ),
        method(c"close", socket_close as *const c_void, FK),
        method(c"dup", socket_dup as *const c_void, FK),
        method(
            c"socketpair",
            sockobj::socket_socketpair as *const c_void,
            FK,
        ),
        method(c"ntohs", convert::socket_ntohs as *const c_void, FK),
        method(c"ntohl", convert::socket_ntohl as *const c_void, FK),
        method(c"htons", convert::socket_htons as *const c_void, FK),
        method(c"htonl", convert::socket_htonl as *const c_void, FK),
        method(c"inet_aton", convert::socket_inet_aton as *const c_void, FK),
        method(c"inet_ntoa", convert::socket_inet_ntoa as *const c_void, FK),
        method(c"inet_pton", convert::socket_inet_pton as *const c_void, FK),
        method(c"inet_ntop", convert::socket_inet_ntop as *const c_void, FK),
        method(
            c"getaddrinfo",
            netdb::socket_getaddrinfo as *const c_void,
            FK,
        ),
        method(
            c"getnameinfo",
            netdb::socket_getnameinfo as *const c_void,
            FK,
        ),
        method(
            c"getdefaulttimeout",
            socket_getdefaulttimeout as *const c_void,
            FK,
        ),
        method(
            c"setdefaulttimeout",
            socket_setdefaulttimeout as *const c_void,
            FK,
        ),
        method(
            c"if_nameindex",
            netdb::socket_if_nameindex as *const c_void,
            FK,
        ),
        method(
            c"if_nametoindex",
            netdb::socket_if_nametoindex as *const c_void,
            FK,
        ),
        method(
            c"if_indextoname",
            netdb::socket_if_indextoname as *const c_void,
            FK,
        ),
        method(c"CMSG_LEN", msg::socket_cmsg_len as *const c_void, FK),
        method(c"CMSG_SPACE", msg::socket_cmsg_space as *const c_void, FK),
        METHOD_END,
    ]
};

/// `PyInit__socket`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the tables are static; the module is new.
        unsafe {
            if HERROR.load(Ordering::Relaxed).is_null() {
                let h = new_exception_class(
                    c"socket.herror".as_ptr(),
                    exc::PyExc_OSError,
                    null_mut(),
                    null_mut(),
                )?;
                HERROR.store(h.into_raw(), Ordering::Relaxed);
                let g = new_exception_class(
                    c"socket.gaierror".as_ptr(),
                    exc::PyExc_OSError,
                    null_mut(),
                    null_mut(),
                )?;
                GAIERROR.store(g.into_raw(), Ordering::Relaxed);
            }
            let m = crate::modules::new_module("_socket", (&raw mut METHODS).cast())?;
            let d = module::dict_of(m.as_ptr());
            let tp = sockobj::sock_type()?;
            let set = |k: &str, v: *mut PyObject| dict::set_item(d, pystr::intern(k), v);
            set("socket", tp)?;
            set("SocketType", tp)?;
            set("error", exc::PyExc_OSError)?;
            set("timeout", exc::PyExc_TimeoutError)?;
            set("herror", HERROR.load(Ordering::Relaxed))?;
            set("gaierror", GAIERROR.load(Ordering::Relaxed))?;
            set("has_ipv6", pybool::py_true())?;
            for &(k, v) in consts::CONSTANTS.iter().chain(&consts::ALIASES) {
                set(k, int::from_i64(v)?.as_ptr())?;
            }
            Ok(m)
        }
    })
}
