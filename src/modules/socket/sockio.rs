//! Connecting and moving data through a socket: `_accept`, `connect`,
//! `connect_ex`, the `recv` and `send` families. Each call waits and
//! retries as [`sockcall`](super::sockcall) describes.
use super::addr::{self, SockAddr};
use super::sockcall::{call, call_ex, now_ns, Fail};
use super::sockobj::{noargs, onearg, sock, SockObject};
use super::{opt_int, varargs};
use crate::ffi::*;
use crate::modules::args::format_i;
use crate::modules::args::{bind, builtin, no_kwargs};
use crate::modules::posix::int_arg;
use crate::object::buffer::Guard;
use crate::object::none;
use crate::object::typeobj::type_name;
use crate::object::{bytes, int, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void, socklen_t};

noargs!(sock_accept, |s, slf| {
    let mut a = SockAddr::zeroed(addr::addr_len(s.family)?);
    let (p, l) = (a.as_mut_ptr(), &raw mut a.len);
    let fd = s.fd;
    // SAFETY: p has room for *l bytes.
    let new = call(fd, false, s.timeout, || unsafe {
        libc::accept4(fd, p, l, libc::SOCK_CLOEXEC)
    })?;
    let n = match int::from_i64(new as i64) {
        Ok(n) => n,
        Err(e) => {
            libc::close(new);
            return Err(e);
        }
    };
    tuple::from_vec(vec![n, addr::make(a.as_ptr(), a.len)?])
});

/// `internal_connect`: `Ok(0)` once connected; a failure is the errno
/// when `raise` is false (for `connect_ex`), else the raised `OSError`.
unsafe fn connect(s: &SockObject, a: &SockAddr, raise: bool) -> PyResult<c_int> {
    let fd = s.fd;
    let (p, len) = (a.as_ptr(), a.len);
    // SAFETY: p holds len bytes of an address.
    if crate::runtime::gil::allow_threads(|| unsafe { libc::connect(fd, p, len) }) == 0 {
        return Ok(0);
    }
    let err = errors::last_errno();
    let wait = if err == libc::EINTR {
        errors::check_signals()?;
        // The connection goes on in the background: a socket that blocks
        // waits for it.
        s.timeout != 0
    } else {
        s.timeout > 0 && err == libc::EINPROGRESS
    };
    if !wait {
        if raise {
            // SAFETY: no filenames.
            return Err(unsafe {
                errors::os_error(err, std::ptr::null_mut(), std::ptr::null_mut())
            });
        }
        return Ok(err);
    }
    // The outcome is the socket's pending error.
    let r = call_ex(fd, true, true, s.timeout, || {
        let mut e: c_int = 0;
        let mut n = size_of_int();
        // SAFETY: e and n are writable and sized for an int.
        if unsafe {
            libc::getsockopt(
                fd,
                libc::SOL_SOCKET,
                libc::SO_ERROR,
                (&raw mut e).cast(),
                &mut n,
            )
        } != 0
        {
            return -1;
        }
        if e == 0 || e == libc::EISCONN {
            return 0;
        }
        // SAFETY: errno is this thread's.
        unsafe { *libc::__errno_location() = e };
        -1
    });
    match r {
        Ok(_) => Ok(0),
        Err(Fail::Raised(r)) => Err(r),
        Err(f) if raise => Err(f.raise()),
        Err(Fail::Os(e)) => Ok(e),
        Err(Fail::Timeout) => Ok(libc::EWOULDBLOCK),
    }
}

fn size_of_int() -> socklen_t {
    std::mem::size_of::<c_int>() as socklen_t
}

onearg!(sock_connect, |s, slf, arg| {
    let a = addr::parse(s.family, arg, "connect")?;
    crate::runtime::audit::audit(c"socket.connect", &[slf, arg])?;
    connect(s, &a, true)?;
    Ok(none::owned())
});

onearg!(sock_connect_ex, |s, slf, arg| {
    let a = addr::parse(s.family, arg, "connect_ex")?;
    crate::runtime::audit::audit(c"socket.connect", &[slf, arg])?;
    int::from_i64(connect(s, &a, false)? as i64)
});

/// A buffer size argument (`n`), refusing negative sizes with `msg`.
unsafe fn size_arg(o: *mut PyObject, msg: &str) -> PyResult<usize> {
    // SAFETY: o valid.
    let n = unsafe { int_arg(o)? };
    if n < 0 {
        return Err(errors::value_error(msg));
    }
    Ok(n as usize)
}

/// `sock_recv_guts`: receives up to `len` bytes into `buf`.
fn recv_into_raw(s: &SockObject, buf: *mut u8, len: usize, flags: c_int) -> PyResult<usize> {
    if len == 0 {
        return Ok(0);
    }
    let fd = s.fd;
    // SAFETY: buf has len writable bytes while the caller holds it.
    let n = call(fd, false, s.timeout, || unsafe {
        libc::recv(fd, buf.cast(), len, flags)
    })?;
    Ok(n as usize)
}

/// `sock_recvfrom_guts`: receives into `buf` and returns the count and
/// the sender's address.
fn recvfrom_into_raw(
    s: &SockObject,
    buf: *mut u8,
    len: usize,
    flags: c_int,
) -> PyResult<(usize, Owned)> {
    let size = addr::addr_len(s.family)?;
    let mut a = SockAddr::zeroed(size);
    let (p, l) = (a.as_mut_ptr(), &raw mut a.len);
    let fd = s.fd;
    let n = call(fd, false, s.timeout, || {
        // SAFETY: buf has len writable bytes, p has room for size bytes.
        unsafe {
            *l = size;
            libc::recvfrom(fd, buf.cast(), len, flags, p, l)
        }
    })?;
    // SAFETY: the call filled a.len bytes.
    Ok((n as usize, unsafe { addr::make(a.as_ptr(), a.len)? }))
}

/// A new bytes object holding what `fill` wrote into its first `n` bytes.
fn filled_bytes(n: usize, fill: impl FnOnce(*mut u8) -> PyResult<usize>) -> PyResult<Owned> {
    let b = bytes::new_uninit(n)?;
    // SAFETY: b is a new bytes object of n bytes.
    unsafe {
        let got = fill(bytes::as_mut_ptr(b.as_ptr()))?;
        if got == n {
            return Ok(b);
        }
        let mut p = b.into_raw();
        bytes::resize(&mut p, got as Py_ssize_t)?;
        Ok(Owned::from_raw_unchecked(p))
    }
}

builtin!(pub(super) sock_recv, |slf, args, kws| {
    varargs("recv", args, &kws, 1, 2)?;
    let n = size_arg(args[0], "negative buffersize in recv")?;
    let flags = opt_int(args.get(1).copied(), 0)?;
    let s = sock(slf);
    filled_bytes(n, |p| recv_into_raw(s, p, n, flags))
});

builtin!(pub(super) sock_recvfrom, |slf, args, kws| {
    varargs("recvfrom", args, &kws, 1, 2)?;
    let n = size_arg(args[0], "negative buffersize in recvfrom")?;
    let flags = opt_int(args.get(1).copied(), 0)?;
    let s = sock(slf);
    let mut from = None;
    let data = filled_bytes(n, |p| {
        let (got, a) = recvfrom_into_raw(s, p, n, flags)?;
        from = Some(a);
        Ok(got)
    })?;
    tuple::from_vec(vec![data, from.unwrap_or_else(none::owned)])
});

/// A writable buffer argument (`w*`).
unsafe fn writable(fname: &str, o: *mut PyObject) -> PyResult<Guard> {
    // SAFETY: o valid.
    unsafe {
        Guard::new(o, PyBUF_WRITABLE).map_err(|_| {
            errors::clear();
            errors::type_error(format!(
                "{fname}() argument 1 must be read-write bytes-like object, not {}",
                type_name(o)
            ))
        })
    }
}

/// The `(buffer, nbytes, flags)` arguments of the `_into` methods.
unsafe fn into_args(
    fname: &str,
    args: &[*mut PyObject],
    kws: &[(&str, *mut PyObject)],
) -> PyResult<(Guard, Option<usize>, c_int)> {
    let [b, n, f] = bind(fname, args, kws, ["buffer", "nbytes", "flags"], 3, 1)?;
    // SAFETY: the arguments are valid objects.
    unsafe {
        let view = writable(fname, b.unwrap())?;
        let n = match n {
            Some(n) => {
                Some(size_arg(n, &format!("negative buffersize in {fname}"))?).filter(|&n| n != 0)
            }
            None => None,
        };
        Ok((view, n, opt_int(f, 0)?))
    }
}

builtin!(pub(super) sock_recv_into, |slf, args, kws| {
    let (view, n, flags) = into_args("recv_into", args, &kws)?;
    let n = n.unwrap_or(view.len());
    if view.len() < n {
        return Err(errors::value_error("buffer too small for requested bytes"));
    }
    let got = recv_into_raw(sock(slf), view.ptr(), n, flags)?;
    int::from_i64(got as i64)
});

builtin!(pub(super) sock_recvfrom_into, |slf, args, kws| {
    let (view, n, flags) = into_args("recvfrom_into", args, &kws)?;
    let n = n.unwrap_or(view.len());
    if n > view.len() {
        return Err(errors::value_error("nbytes is greater than the length of the buffer"));
    }
    let (got, a) = recvfrom_into_raw(sock(slf), view.ptr(), n, flags)?;
    tuple::from_vec(vec![int::from_i64(got as i64)?, a])
});

/// `send(2)` of `len` bytes at `buf` with the socket's timeout `timeout`.
fn send_raw(
    fd: c_int,
    timeout: i64,
    buf: *const u8,
    len: usize,
    flags: c_int,
) -> Result<usize, Fail> {
    // SAFETY: buf holds len bytes while the caller holds its view.
    call_ex(fd, true, false, timeout, || unsafe {
        libc::send(fd, buf.cast::<c_void>(), len, flags)
    })
    .map(|n| n as usize)
}

builtin!(pub(super) sock_send, |slf, args, kws| {
    varargs("send", args, &kws, 1, 2)?;
    let data = Guard::new(args[0], PyBUF_SIMPLE)?;
    let flags = opt_int(args.get(1).copied(), 0)?;
    let s = sock(slf);
    let n = send_raw(s.fd, s.timeout, data.ptr(), data.len(), flags).map_err(Fail::raise)?;
    int::from_i64(n as i64)
});

builtin!(pub(super) sock_sendall, |slf, args, kws| {
    varargs("sendall", args, &kws, 1, 2)?;
    let data = Guard::new(args[0], PyBUF_SIMPLE)?;
    let flags = opt_int(args.get(1).copied(), 0)?;
    let s = sock(slf);
    let (mut at, len) = (0usize, data.len());
    let deadline = (s.timeout > 0).then(|| now_ns() + s.timeout);
    loop {
        let timeout = match deadline {
            Some(d) => {
                let left = d - now_ns();
                if left <= 0 {
                    return Err(Fail::Timeout.raise());
                }
                left
            }
            None => s.timeout,
        };
        let n = send_raw(s.fd, timeout, data.ptr().add(at), len - at, flags).map_err(Fail::raise)?;
        at += n;
        // A send interrupted by a signal can succeed partly: the handlers
        // run before the next round.
        errors::check_signals()?;
        if at >= len {
            return Ok(none::owned());
        }
    }
});

builtin!(pub(super) sock_sendto, |slf, args, kws| {
    no_kwargs("sendto", &kws)?;
    if !(2..=3).contains(&args.len()) {
        return Err(errors::type_error(format!(
            "sendto() takes 2 or 3 arguments ({} given)",
            args.len()
        )));
    }
    let data = Guard::new(args[0], PyBUF_SIMPLE)?;
    let flags = if args.len() == 3 { format_i(args[1])? } else { 0 };
    let target = args[args.len() - 1];
    let s = sock(slf);
    let a = addr::parse(s.family, target, "sendto")?;
    crate::runtime::audit::audit(c"socket.sendto", &[slf, target])?;
    let fd = s.fd;
    let (buf, len, p, alen) = (data.ptr(), data.len(), a.as_ptr(), a.len);
    // SAFETY: buf holds len bytes, p holds alen bytes of an address.
    let n = call(fd, true, s.timeout, || unsafe {
        libc::sendto(fd, buf.cast(), len, flags, p, alen)
    })?;
    int::from_i64(n as i64)
});
