//! The `select` module (CPython's `Modules/selectmodule.c`), in the part
//! `selectors` and `subprocess` use on Linux: `select()` and `poll()`
//! objects. Waits release the GIL; an interrupted wait runs the signal
//! handlers and resumes with the time left (PEP 475).
use crate::ffi::*;
use crate::modules::args::{bind, builtin};
use crate::modules::posix::int_arg;
use crate::object::descr::{method, METHOD_END};
use crate::object::none;
use crate::object::refcount::*;
use crate::object::typeobj::type_template;
use crate::object::{
    dict, float, int, list, module, number, protocol, str as pystr, tuple, typeobj,
};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::{c_int, c_void};
use std::ptr::null_mut;

/// Warns `RuntimeWarning: bool is used as a file descriptor` when `o` is
/// True or False (CPython's descriptor converters do).
///
/// # Safety
/// `o` is a valid object.
pub unsafe fn warn_bool_fd(o: *mut PyObject) -> PyResult<()> {
    if (o == crate::object::bool::py_true() || o == crate::object::bool::py_false())
        // SAFETY: the category and message are valid.
        && unsafe {
            crate::capi::warnings::PyErr_WarnEx(
                crate::object::exceptions::PyExc_RuntimeWarning,
                c"bool is used as a file descriptor".as_ptr(),
                1,
            )
        } < 0
    {
        return Err(Raised::assume());
    }
    Ok(())
}

/// A file descriptor from an int (a bool warns) or an object's `fileno()`
/// (`PyObject_AsFileDescriptor`).
pub unsafe fn as_fd(o: *mut PyObject) -> PyResult<c_int> {
    // SAFETY: o valid.
    unsafe {
        let v = if int::check(o) {
            warn_bool_fd(o)?;
            Owned::from_borrowed(o)
        } else if !typeobj::lookup_str((*o).ob_type, "fileno").is_null() {
            let r = protocol::call_method_obj(o, "fileno", &[])?;
            if !int::check(r.as_ptr()) {
                return Err(errors::type_error("fileno() returned a non-integer"));
            }
            r
        } else {
            return Err(errors::type_error(
                "argument must be an int, or have a fileno() method.",
            ));
        };
        let too_large = "Python int too large to convert to C int";
        let fd = int::as_i64_or(v.as_ptr(), too_large)?;
        let fd = c_int::try_from(fd).map_err(|_| errors::overflow_error(too_large))?;
        if fd < 0 {
            return Err(errors::value_error(format!(
                "file descriptor cannot be a negative integer ({fd})"
            )));
        }
        Ok(fd)
    }
}

/// A timeout in seconds (None: wait forever) as nanoseconds.
unsafe fn timeout_ns(o: Option<*mut PyObject>, scale: f64) -> PyResult<Option<i128>> {
    // SAFETY: o valid when present.
    unsafe {
        let o = match o {
            Some(o) if o != none::none() => o,
            _ => return Ok(None),
        };
        let v = if float::check(o) {
            float::value(o)
        } else if number::index_check(o) {
            int::to_f64(number::index(o)?.as_ptr())?
        } else {
            return Err(errors::type_error("timeout must be an integer or None"));
        };
        if v.is_nan() {
            return Err(errors::value_error("Invalid value NaN (not a number)"));
        }
        // Rounded away from zero (CPython's _PyTime_ROUND_TIMEOUT): a tiny
        // negative timeout stays negative.
        let t = v * scale;
        let t = if t < 0.0 { t.floor() } else { t.ceil() };
        if !(i64::MIN as f64..i64::MAX as f64).contains(&t) {
            return Err(errors::overflow_error(
                "timestamp too large to convert to C PyTime_t",
            ));
        }
        Ok(Some(t as i128))
    }
}

fn now_ns() -> i128 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: ts writable.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    ts.tv_sec as i128 * 1_000_000_000 + ts.tv_nsec as i128
}

/// The (fd, object) pairs of one `select()` list.
unsafe fn fd_list(o: *mut PyObject) -> PyResult<Vec<(c_int, Owned)>> {
    // SAFETY: o valid.
    unsafe {
        // A list is read in place, its length checked at each step (as
        // PySequence_Fast does): fileno() may shrink it.
        let seq = if list::check(o) {
            Owned::from_borrowed(o)
        } else {
            list::from_iterable(o)?
        };
        let mut v = Vec::new();
        let mut i = 0;
        while i < list::len(seq.as_ptr()) as usize {
            let item = Owned::from_borrowed(list::items(seq.as_ptr())[i]);
            i += 1;
            let x = item.as_ptr();
            let fd = as_fd(x)?;
            if fd as usize >= libc::FD_SETSIZE {
                return Err(errors::value_error(
                    "filedescriptor out of range in select()",
                ));
            }
            v.push((fd, Owned::from_borrowed(x)));
        }
        Ok(v)
    }
}

builtin!(select_select, |args, kws| {
    let [r, w, x, t] = bind(
        "select",
        args,
        &kws,
        ["rlist", "wlist", "xlist", "timeout"],
        4,
        3,
    )?;
    let timeout = timeout_ns(t, 1e9)?;
    if timeout.is_some_and(|t| t < 0) {
        return Err(errors::value_error("timeout must be non-negative"));
    }
    let lists = [
        fd_list(r.unwrap())?,
        fd_list(w.unwrap())?,
        fd_list(x.unwrap())?,
    ];
    let deadline = timeout.map(|t| now_ns() + t);
    let mut sets: [libc::fd_set; 3] = std::mem::zeroed();
    loop {
        let mut maxfd = -1;
        for (set, l) in sets.iter_mut().zip(&lists) {
            libc::FD_ZERO(set);
            for (fd, _) in l {
                libc::FD_SET(*fd, set);
                maxfd = maxfd.max(*fd);
            }
        }
        let mut tv;
        let tvp = match deadline {
            Some(d) => {
                let left = (d - now_ns()).max(0);
                tv = libc::timeval {
                    tv_sec: (left / 1_000_000_000) as i64,
                    tv_usec: ((left % 1_000_000_000) / 1000) as i64,
                };
                &mut tv as *mut libc::timeval
            }
            None => null_mut(),
        };
        let [rs, ws, xs] = &mut sets;
        let (rs, ws, xs) = (
            rs as *mut libc::fd_set,
            ws as *mut libc::fd_set,
            xs as *mut libc::fd_set,
        );
        // SAFETY: the sets and the timeval outlive the call.
        let n = crate::runtime::gil::allow_threads(|| unsafe {
            libc::select(maxfd + 1, rs, ws, xs, tvp)
        });
        if n >= 0 {
            break;
        }
        if errors::last_errno() != libc::EINTR {
            return Err(errors::last_os_error());
        }
        errors::check_signals()?;
    }
    let mut out = Vec::with_capacity(3);
    for (set, l) in sets.iter().zip(&lists) {
        let hits = l
            .iter()
            .filter(|(fd, _)| libc::FD_ISSET(*fd, set))
            .map(|(_, o)| Owned::from_borrowed(o.as_ptr()))
            .collect();
        out.push(list::from_vec(hits)?);
    }
    tuple::from_vec(out)
});

/// A `select.poll` object: the registered descriptors and their masks.
#[repr(C)]
pub struct PollObject {
    ob_base: PyObject,
    fds: *mut PyObject,
    /// A `poll()` call is waiting (with the GIL released) on this object.
    running: bool,
}

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut POLL_METHODS: [PyMethodDef; 5] = [
    method(c"register", poll_register as *const c_void, FK),
    method(c"modify", poll_modify as *const c_void, FK),
    method(c"unregister", poll_unregister as *const c_void, FK),
    method(c"poll", poll_poll as *const c_void, FK),
    METHOD_END,
];

/// `select.poll`'s type.
pub static mut POLL_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT,
    tp_dealloc: Some(poll_dealloc),
    tp_methods: (&raw mut POLL_METHODS).cast(),
    ..type_template(c"select.poll", std::mem::size_of::<PollObject>(), 0)
};

unsafe extern "C" fn poll_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        xdecref((*op.cast::<PollObject>()).fds);
        if let Some(f) = (*(*op).ob_type).tp_free {
            f(op.cast());
        }
    }
}

builtin!(select_poll, |args, kws| {
    bind("poll", args, &kws, [], 0, 0)?;
    let tp = &raw mut POLL_TYPE;
    if (*tp).tp_flags & Py_TPFLAGS_READY == 0 {
        typeobj::ready(tp)?;
    }
    let fds = dict::new()?;
    let alloc = (*tp)
        .tp_alloc
        .unwrap_or(crate::capi::allocation::PyType_GenericAlloc);
    let op = alloc(tp, 0);
    if op.is_null() {
        return Err(Raised::assume());
    }
    (*op.cast::<PollObject>()).fds = fds.into_raw();
    Ok(Owned::from_raw_unchecked(op))
});

fn fds_of(slf: *mut PyObject) -> *mut PyObject {
    // SAFETY: slf is a poll object.
    unsafe { (*slf.cast::<PollObject>()).fds }
}

/// An event mask argument (an unsigned short).
unsafe fn mask_arg(o: *mut PyObject) -> PyResult<i64> {
    // SAFETY: o valid.
    let m = unsafe { int_arg(o)? };
    if m < 0 {
        return Err(errors::value_error("value must be positive"));
    }
    if m > 0xffff {
        return Err(errors::overflow_error(
            "Python int too large for C unsigned short",
        ));
    }
    Ok(m)
}

builtin!(poll_register, |slf, args, kws| {
    let [f, m] = bind("register", args, &kws, ["fd", "eventmask"], 2, 1)?;
    let fd = as_fd(f.unwrap())?;
    let mask = match m {
        Some(m) => mask_arg(m)?,
        None => (libc::POLLIN | libc::POLLPRI | libc::POLLOUT) as i64,
    };
    dict::set_item(
        fds_of(slf),
        int::from_i64(fd as i64)?.as_ptr(),
        int::from_i64(mask)?.as_ptr(),
    )?;
    Ok(none::owned())
});

builtin!(poll_modify, |slf, args, kws| {
    let [f, m] = bind("modify", args, &kws, ["fd", "eventmask"], 2, 2)?;
    let fd = int::from_i64(as_fd(f.unwrap())? as i64)?;
    let mask = mask_arg(m.unwrap())?;
    if !dict::contains(fds_of(slf), fd.as_ptr())? {
        return Err(errors::os_error(libc::ENOENT, null_mut(), null_mut()));
    }
    dict::set_item(fds_of(slf), fd.as_ptr(), int::from_i64(mask)?.as_ptr())?;
    Ok(none::owned())
});

builtin!(poll_unregister, |slf, args, kws| {
    let [f] = bind("unregister", args, &kws, ["fd"], 1, 1)?;
    let fd = int::from_i64(as_fd(f.unwrap())? as i64)?;
    dict::del_item(fds_of(slf), fd.as_ptr())?;
    Ok(none::owned())
});

builtin!(poll_poll, |slf, args, kws| {
    let [t] = bind("poll", args, &kws, ["timeout"], 1, 0)?;
    let timeout = timeout_ns(t, 1e6)?;
    if timeout.is_some_and(|t| (t + 999_999) / 1_000_000 > i32::MAX as i128) {
        return Err(errors::overflow_error("timeout is too large"));
    }
    let timeout = timeout.filter(|&t| t >= 0);
    let running = &raw mut (*slf.cast::<PollObject>()).running;
    if *running {
        return Err(errors::runtime_error("concurrent poll() invocation"));
    }
    *running = true;
    let r = poll_wait(slf, timeout);
    *running = false;
    r
});

/// `poll.poll`'s wait on the registered descriptors, at most `timeout`
/// nanoseconds (None: no limit).
///
/// # Safety
/// `slf` is a poll object.
unsafe fn poll_wait(slf: *mut PyObject, timeout: Option<i128>) -> PyResult<Owned> {
    // SAFETY: as the caller promises; the registered items are ints.
    unsafe {
        let d = fds_of(slf);
        let mut pfds = Vec::new();
        let mut pos = 0;
        while let Some((k, v)) = dict::next(d, &mut pos) {
            pfds.push(libc::pollfd {
                fd: int::as_i64(k)? as c_int,
                events: int::as_i64(v)? as i16,
                revents: 0,
            });
        }
        let deadline = timeout.map(|t| now_ns() + t);
        loop {
            let ms = match deadline {
                Some(dl) => ((dl - now_ns()).max(0) + 999_999) / 1_000_000,
                None => -1,
            };
            let (p, len) = (pfds.as_mut_ptr(), pfds.len() as libc::nfds_t);
            let ms = ms.min(i32::MAX as i128) as c_int;
            // SAFETY: pfds outlives the call.
            let n = crate::runtime::gil::allow_threads(|| libc::poll(p, len, ms));
            if n >= 0 {
                break;
            }
            if errors::last_errno() != libc::EINTR {
                return Err(errors::last_os_error());
            }
            errors::check_signals()?;
        }
        let mut out = Vec::new();
        for p in pfds.iter().filter(|p| p.revents != 0) {
            out.push(tuple::from_vec(vec![
                int::from_i64(p.fd as i64)?,
                int::from_i64(p.revents as u16 as i64)?,
            ])?);
        }
        list::from_vec(out)
    }
}

static mut METHODS: [PyMethodDef; 3] = [
    method(c"select", select_select as *const c_void, FK),
    method(c"poll", select_poll as *const c_void, FK),
    METHOD_END,
];

macro_rules! poll_consts {
    ($($n:ident)*) => { [$((stringify!($n), libc::$n as i64),)*] };
}

const CONSTANTS: [(&str, i64); 11] = poll_consts!(
    POLLIN POLLPRI POLLOUT POLLERR POLLHUP POLLNVAL POLLRDNORM POLLRDBAND
    POLLWRNORM POLLWRBAND POLLRDHUP
);

/// `PyInit_select`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the method table is static; the module is new.
        unsafe {
            let m = crate::modules::new_module("select", (&raw mut METHODS).cast())?;
            let d = module::dict_of(m.as_ptr());
            for &(k, v) in CONSTANTS.iter() {
                dict::set_item(d, pystr::intern(k), int::from_i64(v)?.as_ptr())?;
            }
            dict::set_item(
                d,
                crate::interned!("POLLMSG"),
                int::from_i64(0x400)?.as_ptr(),
            )?;
            dict::set_item(
                d,
                crate::interned!("PIPE_BUF"),
                int::from_i64(libc::PIPE_BUF as i64)?.as_ptr(),
            )?;
            dict::set_item(
                d,
                crate::interned!("error"),
                crate::object::exceptions::PyExc_OSError,
            )?;
            Ok(m)
        }
    })
}
