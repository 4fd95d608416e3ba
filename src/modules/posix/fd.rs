//! File-descriptor functions of `posix`: `open`, `close`, `read`, `write`,
//! `lseek`, `dup`/`dup2`, `pipe`, `fsync`, `isatty`, `ftruncate`, `lockf`, the
//! inheritable and blocking flags, `device_encoding`. Calls interrupted by
//! a signal run the signal handlers, then retry (PEP 475).
use super::path::{self, fd_value};
use super::{dir_fd_arg, int_arg};
use crate::ffi::*;
use crate::modules::args::{bind, builtin};
use crate::object::none;
use crate::object::{bool as pybool, buffer, bytes, int, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_int;

/// Runs a libc call until it does not fail with `EINTR`, running pending
/// signal handlers between tries; a failure raises `OSError`. The call runs
/// with the GIL released (it must not touch Python objects).
pub(crate) fn retry<T: Copy + PartialOrd + Default>(mut f: impl FnMut() -> T) -> PyResult<T> {
    loop {
        let r = crate::runtime::gil::allow_threads(&mut f);
        if r >= T::default() {
            return Ok(r);
        }
        if errors::last_errno() != libc::EINTR {
            return Err(errors::last_os_error());
        }
        errors::check_signals()?;
    }
}

builtin!(pub(super) posix_open, |args, kws| {
    let [p, fl, m, d] = bind("open", args, &kws, ["path", "flags", "mode", "dir_fd"], 3, 2)?;
    let p = path::path("open", "path", p.unwrap())?;
    let flags = int_arg(fl.unwrap())? as c_int | libc::O_CLOEXEC;
    let mode = match m {
        Some(m) => int_arg(m)? as libc::c_uint,
        None => 0o777,
    };
    let dfd = dir_fd_arg(d)?;
    super::audit(c"open", &[p.obj.as_ptr(), none::none()], &[flags as i64])?;
    loop {
        let fd = libc::openat(dfd, p.c.as_ptr(), flags, mode);
        if fd >= 0 {
            return int::from_i64(fd as i64);
        }
        if errors::last_errno() != libc::EINTR {
            return Err(p.error());
        }
        errors::check_signals()?;
    }
});

builtin!(pub(super) posix_close, |args, kws| {
    let [fd] = bind("close", args, &kws, ["fd"], 1, 1)?;
    if libc::close(fd_value(fd.unwrap())?) != 0 {
        return Err(errors::last_os_error());
    }
    Ok(none::owned())
});

builtin!(pub(super) posix_closerange, |args, kws| {
    let [lo, hi] = bind("closerange", args, &kws, ["fd_low", "fd_high"], 2, 2)?;
    let (lo, hi) = (fd_value(lo.unwrap())?, fd_value(hi.unwrap())?);
    for fd in lo.max(0)..hi {
        libc::close(fd);
    }
    Ok(none::owned())
});

builtin!(pub(super) posix_read, |args, kws| {
    let [fd, n] = bind("read", args, &kws, ["fd", "length"], 2, 2)?;
    let fd = fd_value(fd.unwrap())?;
    let n = int_arg(n.unwrap())?;
    if n < 0 {
        *libc::__errno_location() = libc::EINVAL;
        return Err(errors::last_os_error());
    }
    let b = bytes::new_uninit(n as usize)?;
    let got = retry(|| libc::read(fd, bytes::as_mut_ptr(b.as_ptr()).cast(), n as usize))?;
    let mut p = b.into_raw();
    bytes::resize(&mut p, got as Py_ssize_t)?;
    Ok(Owned::from_raw_unchecked(p))
});

builtin!(pub(super) posix_write, |args, kws| {
    let [fd, data] = bind("write", args, &kws, ["fd", "data"], 2, 2)?;
    let fd = fd_value(fd.unwrap())?;
    let mut view: Py_buffer = std::mem::zeroed();
    buffer::get(data.unwrap(), &mut view, PyBUF_SIMPLE)?;
    let r = retry(|| libc::write(fd, view.buf, view.len as usize));
    buffer::release(&mut view);
    int::from_i64(r? as i64)
});

builtin!(pub(super) posix_pread, |args, kws| {
    let [fd, n, off] = bind("pread", args, &kws, ["fd", "length", "offset"], 3, 3)?;
    let fd = fd_value(fd.unwrap())?;
    let n = int_arg(n.unwrap())?;
    let off = int_arg(off.unwrap())?;
    if n < 0 {
        *libc::__errno_location() = libc::EINVAL;
        return Err(errors::last_os_error());
    }
    let b = bytes::new_uninit(n as usize)?;
    let got = retry(|| libc::pread(fd, bytes::as_mut_ptr(b.as_ptr()).cast(), n as usize, off))?;
    let mut p = b.into_raw();
    bytes::resize(&mut p, got as Py_ssize_t)?;
    Ok(Owned::from_raw_unchecked(p))
});

builtin!(pub(super) posix_pwrite, |args, kws| {
    let [fd, data, off] = bind("pwrite", args, &kws, ["fd", "str", "offset"], 3, 3)?;
    let fd = fd_value(fd.unwrap())?;
    let mut view: Py_buffer = std::mem::zeroed();
    buffer::get(data.unwrap(), &mut view, PyBUF_SIMPLE)?;
    let r = int_arg(off.unwrap())
        .and_then(|off| retry(|| libc::pwrite(fd, view.buf, view.len as usize, off)));
    buffer::release(&mut view);
    int::from_i64(r? as i64)
});

builtin!(pub(super) posix_lseek, |args, kws| {
    let [fd, pos, how] = bind("lseek", args, &kws, ["fd", "position", "whence"], 3, 3)?;
    let fd = fd_value(fd.unwrap())?;
    let r = libc::lseek(fd, int_arg(pos.unwrap())?, int_arg(how.unwrap())? as c_int);
    if r < 0 {
        return Err(errors::last_os_error());
    }
    int::from_i64(r)
});

builtin!(pub(super) posix_dup, |args, kws| {
    let [fd] = bind("dup", args, &kws, ["fd"], 1, 1)?;
    let r = libc::fcntl(fd_value(fd.unwrap())?, libc::F_DUPFD_CLOEXEC, 0);
    if r < 0 {
        return Err(errors::last_os_error());
    }
    int::from_i64(r as i64)
});

builtin!(pub(super) posix_dup2, |args, kws| {
    let [fd, fd2, inh] = bind("dup2", args, &kws, ["fd", "fd2", "inheritable"], 3, 2)?;
    let (fd, fd2) = (fd_value(fd.unwrap())?, fd_value(fd2.unwrap())?);
    let inheritable = match inh {
        Some(i) => protocol::is_true(i)?,
        None => true,
    };
    let r = if inheritable || fd == fd2 {
        libc::dup2(fd, fd2)
    } else {
        libc::dup3(fd, fd2, libc::O_CLOEXEC)
    };
    if r < 0 {
        return Err(errors::last_os_error());
    }
    int::from_i64(r as i64)
});

/// A pipe's two ends as a tuple.
fn pipe_with(flags: c_int) -> PyResult<Owned> {
    let mut fds = [0 as c_int; 2];
    // SAFETY: fds has room for the two descriptors.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), flags) } != 0 {
        return Err(errors::last_os_error());
    }
    tuple::from_vec(vec![
        int::from_i64(fds[0] as i64)?,
        int::from_i64(fds[1] as i64)?,
    ])
}

builtin!(pub(super) posix_pipe, |args, kws| {
    bind("pipe", args, &kws, [], 0, 0)?;
    pipe_with(libc::O_CLOEXEC)
});

builtin!(pub(super) posix_pipe2, |args, kws| {
    let [fl] = bind("pipe2", args, &kws, ["flags"], 1, 1)?;
    pipe_with(int_arg(fl.unwrap())? as c_int)
});

builtin!(pub(super) posix_openpty, |args, kws| {
    bind("openpty", args, &kws, [], 0, 0)?;
    let (mut master, mut slave) = (-1 as c_int, -1 as c_int);
    let (name, term, size) = (std::ptr::null_mut(), std::ptr::null(), std::ptr::null());
    if libc::openpty(&mut master, &mut slave, name, term, size) != 0 {
        return Err(errors::last_os_error());
    }
    // Both ends are non-inheritable, like every descriptor Python opens.
    let r = set_inheritable(master, false).and_then(|()| set_inheritable(slave, false));
    if let Err(e) = r {
        libc::close(master);
        libc::close(slave);
        return Err(e);
    }
    tuple::from_vec(vec![
        int::from_i64(master as i64)?,
        int::from_i64(slave as i64)?,
    ])
});

builtin!(pub(super) posix_login_tty, |args, kws| {
    let [fd] = bind("login_tty", args, &kws, ["fd"], 1, 1)?;
    let fd = fd_value(fd.unwrap())?;
    if libc::login_tty(fd) != 0 {
        return Err(errors::last_os_error());
    }
    Ok(none::owned())
});

/// One-descriptor calls that return 0 or -1.
unsafe fn fd_call(
    name: &str,
    args: crate::modules::args::Args,
    kws: &[(&str, *mut PyObject)],
    f: unsafe extern "C" fn(c_int) -> c_int,
) -> PyResult<Owned> {
    let [fd] = bind(name, args, kws, ["fd"], 1, 1)?;
    // SAFETY: fd is valid object; f a libc call.
    unsafe {
        // A descriptor or an object with fileno() (`fildes_converter`).
        let fd = crate::modules::select::as_fd(fd.unwrap())?;
        retry(|| f(fd))?;
    }
    Ok(none::owned())
}

builtin!(pub(super) posix_fsync, |args, kws| fd_call("fsync", args, &kws, libc::fsync));
builtin!(pub(super) posix_fdatasync, |args, kws| fd_call("fdatasync", args, &kws, libc::fdatasync));

builtin!(pub(super) posix_isatty, |args, kws| {
    let [fd] = bind("isatty", args, &kws, ["fd"], 1, 1)?;
    let r = libc::isatty(fd_value(fd.unwrap())?);
    Ok(Owned::from_borrowed_static(pybool::from_bool(r == 1)))
});

builtin!(pub(super) posix_ftruncate, |args, kws| {
    let [fd, l] = bind("ftruncate", args, &kws, ["fd", "length"], 2, 2)?;
    let fd = fd_value(fd.unwrap())?;
    let len = int_arg(l.unwrap())?;
    super::audit(c"os.truncate", &[], &[fd as i64, len])?;
    retry(|| libc::ftruncate(fd, len))?;
    Ok(none::owned())
});

// `os.lockf(fd, command, length, /)`: a POSIX record lock (`F_LOCK`,
// `F_TLOCK`, `F_ULOCK`, `F_TEST`) on `length` bytes from the offset.
builtin!(pub(super) posix_lockf, |args, kws| {
    crate::modules::args::no_kwargs("posix.lockf", &kws)?;
    crate::modules::args::arity("lockf", args, 3, 3)?;
    let fd = fd_value(args[0])?;
    let command = c_int::try_from(int_arg(args[1])?)
        .map_err(|_| errors::overflow_error("signed integer is greater than maximum"))?;
    let len = int_arg(args[2])?;
    super::audit(c"os.lockf", &[], &[fd as i64, command as i64, len])?;
    let r = crate::runtime::gil::allow_threads(|| libc::lockf(fd, command, len));
    if r < 0 {
        return Err(errors::last_os_error());
    }
    Ok(none::owned())
});

/// The `FD_CLOEXEC` flag of `fd`.
fn get_inheritable(fd: c_int) -> PyResult<bool> {
    // SAFETY: plain fcntl.
    let f = unsafe { libc::fcntl(fd, libc::F_GETFD) };
    if f < 0 {
        return Err(errors::last_os_error());
    }
    Ok(f & libc::FD_CLOEXEC == 0)
}

/// Sets or clears `FD_CLOEXEC` on `fd` (`_Py_set_inheritable`).
pub(super) fn set_inheritable(fd: c_int, inheritable: bool) -> PyResult<()> {
    // SAFETY: plain fcntl.
    unsafe {
        let f = libc::fcntl(fd, libc::F_GETFD);
        if f < 0 {
            return Err(errors::last_os_error());
        }
        let nf = if inheritable {
            f & !libc::FD_CLOEXEC
        } else {
            f | libc::FD_CLOEXEC
        };
        if nf != f && libc::fcntl(fd, libc::F_SETFD, nf) < 0 {
            return Err(errors::last_os_error());
        }
    }
    Ok(())
}

builtin!(pub(super) posix_get_inheritable, |args, kws| {
    let [fd] = bind("get_inheritable", args, &kws, ["fd"], 1, 1)?;
    let r = get_inheritable(fd_value(fd.unwrap())?)?;
    Ok(Owned::from_borrowed_static(pybool::from_bool(r)))
});

builtin!(pub(super) posix_set_inheritable, |args, kws| {
    let [fd, v] = bind("set_inheritable", args, &kws, ["fd", "inheritable"], 2, 2)?;
    set_inheritable(fd_value(fd.unwrap())?, protocol::is_true(v.unwrap())?)?;
    Ok(none::owned())
});

builtin!(pub(super) posix_get_blocking, |args, kws| {
    let [fd] = bind("get_blocking", args, &kws, ["fd"], 1, 1)?;
    let f = libc::fcntl(fd_value(fd.unwrap())?, libc::F_GETFL);
    if f < 0 {
        return Err(errors::last_os_error());
    }
    Ok(Owned::from_borrowed_static(pybool::from_bool(f & libc::O_NONBLOCK == 0)))
});

builtin!(pub(super) posix_set_blocking, |args, kws| {
    let [fd, v] = bind("set_blocking", args, &kws, ["fd", "blocking"], 2, 2)?;
    let fd = fd_value(fd.unwrap())?;
    let blocking = protocol::is_true(v.unwrap())?;
    let f = libc::fcntl(fd, libc::F_GETFL);
    if f < 0 {
        return Err(errors::last_os_error());
    }
    let nf = if blocking { f & !libc::O_NONBLOCK } else { f | libc::O_NONBLOCK };
    if libc::fcntl(fd, libc::F_SETFL, nf) < 0 {
        return Err(errors::last_os_error());
    }
    Ok(none::owned())
});

builtin!(pub(super) posix_device_encoding, |args, kws| {
    let [fd] = bind("device_encoding", args, &kws, ["fd"], 1, 1)?;
    if libc::isatty(fd_value(fd.unwrap())?) == 1 {
        return pystr::from_str("UTF-8");
    }
    Ok(none::owned())
});

builtin!(pub(super) posix_get_terminal_size, |args, kws| {
    let [fd] = bind("get_terminal_size", args, &kws, ["fd"], 1, 0)?;
    let fd = match fd {
        Some(f) => fd_value(f)?,
        None => 1,
    };
    let mut ws: libc::winsize = std::mem::zeroed();
    if libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) != 0 {
        return Err(errors::last_os_error());
    }
    super::sysinfo::terminal_size(ws.ws_col as i64, ws.ws_row as i64)
});
