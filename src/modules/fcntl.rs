//! The `fcntl` module (CPython's `Modules/fcntlmodule.c`): `fcntl` and
//! `ioctl` with an integer or a buffer argument, `flock`, `lockf`, and
//! the constants.
use crate::ffi::*;
use crate::modules::args::{bind, builtin};
use crate::modules::posix::int_arg;
use crate::modules::select::as_fd;
use crate::object::descr::{method, METHOD_END};
use crate::object::none;
use crate::object::{bytes, dict, int, module, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_ulong, c_void};

/// The size limit of a buffer argument, as in CPython.
const BUF_MAX: usize = 1024;

/// Runs `op(fd, code, arg)` with an int argument or, for bytes/str, a
/// copy of the buffer whose result is returned as bytes.
unsafe fn call_with_arg(
    name: &str,
    arg: Option<*mut PyObject>,
    f: impl Fn(*mut c_void) -> c_int,
) -> PyResult<Owned> {
    // SAFETY: arg valid when present; buf outlives the call.
    unsafe {
        if let Some(a) = arg {
            let data: Option<Vec<u8>> = if bytes::check(a) {
                Some(bytes::as_slice(a).to_vec())
            } else if pystr::check(a) {
                Some(pystr::as_str(a)?.as_bytes().to_vec())
            } else {
                None
            };
            if let Some(mut data) = data {
                if data.len() > BUF_MAX {
                    return Err(errors::value_error(format!("{name} string arg too long")));
                }
                let n = data.len();
                data.resize(BUF_MAX, 0);
                loop {
                    if f(data.as_mut_ptr().cast()) >= 0 {
                        return bytes::from_slice(&data[..n]);
                    }
                    if errors::last_errno() != libc::EINTR {
                        return Err(errors::last_os_error());
                    }
                    errors::check_signals()?;
                }
            }
        }
        let v = match arg {
            Some(a) => int_arg(a)? as usize,
            None => 0,
        };
        loop {
            let r = f(v as *mut c_void);
            if r >= 0 {
                return int::from_i64(r as i64);
            }
            if errors::last_errno() != libc::EINTR {
                return Err(errors::last_os_error());
            }
            errors::check_signals()?;
        }
    }
}

/// Raises `event` with CPython's arguments `(fd, code, *rest)`, an absent
/// optional argument given as None.
fn audit_fd_op(
    event: &std::ffi::CStr,
    fd: c_int,
    code: i64,
    rest: &[Option<*mut PyObject>],
) -> PyResult<()> {
    crate::runtime::audit::audit_with(event, || {
        let mut v = vec![int::from_i64(fd as i64)?, int::from_i64(code)?];
        for o in rest {
            // SAFETY: an argument is a valid object; None is immortal.
            v.push(unsafe { Owned::from_borrowed(o.unwrap_or(none::none())) });
        }
        Ok(v)
    })
}

builtin!(fcntl_fcntl, |args, kws| {
    let [f, c, a] = bind("fcntl", args, &kws, ["fd", "cmd", "arg"], 3, 2)?;
    let fd = as_fd(f.unwrap())?;
    let cmd = int_arg(c.unwrap())? as c_int;
    audit_fd_op(c"fcntl.fcntl", fd, cmd as i64, &[a])?;
    call_with_arg("fcntl", a, |p| libc::fcntl(fd, cmd, p))
});

builtin!(fcntl_ioctl, |args, kws| {
    let [f, r, a, _m] = bind(
        "ioctl",
        args,
        &kws,
        ["fd", "request", "arg", "mutate_flag"],
        4,
        2,
    )?;
    let fd = as_fd(f.unwrap())?;
    let req = int_arg(r.unwrap())? as c_ulong;
    audit_fd_op(c"fcntl.ioctl", fd, req as i64, &[a])?;
    call_with_arg("ioctl", a, |p| libc::ioctl(fd, req, p))
});

builtin!(fcntl_flock, |args, kws| {
    let [f, o] = bind("flock", args, &kws, ["fd", "operation"], 2, 2)?;
    let fd = as_fd(f.unwrap())?;
    let op = int_arg(o.unwrap())? as c_int;
    audit_fd_op(c"fcntl.flock", fd, op as i64, &[])?;
    crate::modules::posix::retry(|| libc::flock(fd, op))?;
    Ok(none::owned())
});

builtin!(fcntl_lockf, |args, kws| {
    let [f, c, l, s, w] = bind(
        "lockf",
        args,
        &kws,
        ["fd", "cmd", "len", "start", "whence"],
        5,
        2,
    )?;
    let fd = as_fd(f.unwrap())?;
    let code = int_arg(c.unwrap())? as c_int;
    let whence = match w {
        Some(w) => int_arg(w)?,
        None => 0,
    };
    crate::runtime::audit::audit_with(c"fcntl.lockf", || {
        let opt = |o: Option<*mut PyObject>| Owned::from_borrowed(o.unwrap_or(none::none()));
        Ok(vec![
            int::from_i64(fd as i64)?,
            int::from_i64(code as i64)?,
            opt(l),
            opt(s),
            int::from_i64(whence)?,
        ])
    })?;
    let mut lk: libc::flock = std::mem::zeroed();
    lk.l_type = if code == libc::LOCK_UN {
        libc::F_UNLCK
    } else if code & libc::LOCK_SH != 0 {
        libc::F_RDLCK
    } else if code & libc::LOCK_EX != 0 {
        libc::F_WRLCK
    } else {
        return Err(errors::value_error("unrecognized lockf argument"));
    } as i16;
    lk.l_len = match l {
        Some(l) => int_arg(l)?,
        None => 0,
    };
    lk.l_start = match s {
        Some(s) => int_arg(s)?,
        None => 0,
    };
    lk.l_whence = whence as i16;
    let cmd = if code & libc::LOCK_NB != 0 {
        libc::F_SETLK
    } else {
        libc::F_SETLKW
    };
    crate::modules::posix::retry(|| libc::fcntl(fd, cmd, &lk))?;
    Ok(none::owned())
});

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut METHODS: [PyMethodDef; 5] = [
    method(c"fcntl", fcntl_fcntl as *const c_void, FK),
    method(c"ioctl", fcntl_ioctl as *const c_void, FK),
    method(c"flock", fcntl_flock as *const c_void, FK),
    method(c"lockf", fcntl_lockf as *const c_void, FK),
    METHOD_END,
];

macro_rules! consts {
    ($($n:ident)*) => { [$((stringify!($n), libc::$n as i64),)*] };
}

const CONSTANTS: [(&str, i64); 33] = consts!(
    FD_CLOEXEC F_DUPFD F_DUPFD_CLOEXEC F_GETFD F_SETFD F_GETFL F_SETFL
    F_GETLK F_SETLK F_SETLKW F_GETOWN F_SETOWN F_RDLCK
    F_WRLCK F_UNLCK F_GETLEASE F_SETLEASE F_NOTIFY F_GETPIPE_SZ F_SETPIPE_SZ
    F_ADD_SEALS F_GET_SEALS F_SEAL_SEAL F_SEAL_SHRINK F_SEAL_GROW F_SEAL_WRITE
    F_OFD_GETLK F_OFD_SETLK F_OFD_SETLKW LOCK_SH LOCK_EX LOCK_NB LOCK_UN
);

/// `PyInit_fcntl`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the method table is static; the module is new.
        unsafe {
            let m = crate::modules::new_module("fcntl", (&raw mut METHODS).cast())?;
            let d = module::dict_of(m.as_ptr());
            for &(k, v) in CONSTANTS.iter() {
                dict::set_item(d, pystr::intern(k), int::from_i64(v)?.as_ptr())?;
            }
            PyResult::Ok(m)
        }
    })
}
