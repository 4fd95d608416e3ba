//! Messages with ancillary data (`sendmsg`, `recvmsg`, `recvmsg_into`),
//! which carry descriptors between processes (`SCM_RIGHTS`), and the
//! `CMSG_LEN` / `CMSG_SPACE` size functions.
use super::addr::{self, SockAddr};
use super::sockcall::call;
use super::sockobj::{sock, SockObject};
use super::{opt_int, os_error_msg, varargs};
use crate::ffi::*;
use crate::modules::args::builtin;
use crate::modules::args::format_i;
use crate::modules::posix::int_arg;
use crate::object::buffer::Guard;
use crate::object::typeobj::type_name;
use crate::object::{bytes, int, list, none as pynone, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_uint, cmsghdr, msghdr};
use std::mem::zeroed;

/// The largest value stored in a `socklen_t` here.
const SOCKLEN_T_LIMIT: usize = 0x7fff_ffff;

/// `CMSG_LEN(length)` when it stays within range.
fn cmsg_len(length: usize) -> Option<usize> {
    // SAFETY: CMSG_LEN is arithmetic.
    let base = unsafe { libc::CMSG_LEN(0) } as usize;
    if length > SOCKLEN_T_LIMIT - base {
        return None;
    }
    // SAFETY: as above; length fits a c_uint after the check.
    Some(unsafe { libc::CMSG_LEN(length as c_uint) } as usize)
}

/// `CMSG_SPACE(length)` when it stays within range.
fn cmsg_space(length: usize) -> Option<usize> {
    // SAFETY: CMSG_SPACE is arithmetic.
    let one = unsafe { libc::CMSG_SPACE(1) } as usize;
    if length > SOCKLEN_T_LIMIT - one {
        return None;
    }
    // SAFETY: as above; length fits a c_uint after the check.
    Some(unsafe { libc::CMSG_SPACE(length as c_uint) } as usize)
}

/// The `length` argument of the size functions.
unsafe fn length_arg(
    args: &[*mut PyObject],
    kws: &[(&str, *mut PyObject)],
    name: &str,
) -> PyResult<Option<usize>> {
    varargs(name, args, kws, 1, 1)?;
    // SAFETY: args[0] valid.
    let n = unsafe { int_arg(args[0])? };
    Ok(usize::try_from(n).ok())
}

builtin!(pub(super) socket_cmsg_len, |args, kws| {
    match length_arg(args, &kws, "CMSG_LEN")?.and_then(cmsg_len) {
        Some(n) => int::from_i64(n as i64),
        None => Err(errors::overflow_error("CMSG_LEN() argument out of range")),
    }
});

builtin!(pub(super) socket_cmsg_space, |args, kws| {
    match length_arg(args, &kws, "CMSG_SPACE")?.and_then(cmsg_space) {
        Some(n) => int::from_i64(n as i64),
        None => Err(errors::overflow_error("CMSG_SPACE() argument out of range")),
    }
});

/// One `(level, type, data)` ancillary item to send.
struct Item {
    level: c_int,
    ty: c_int,
    data: Guard,
}

/// Parses an ancillary item (CPython's `(iiy*)`).
unsafe fn parse_item(o: *mut PyObject) -> PyResult<Item> {
    const WHAT: &str = "[sendmsg() ancillary data items]()";
    // SAFETY: o valid.
    unsafe {
        let t = if tuple::check(o) || list::check(o) {
            tuple::from_iterable(o)?
        } else {
            return Err(errors::type_error(format!(
                "{WHAT} argument must be 3-item sequence, not {}",
                type_name(o)
            )));
        };
        let items = tuple::items(t.as_ptr());
        if items.len() != 3 {
            return Err(errors::type_error(format!(
                "{WHAT} argument must be sequence of length 3, not {}",
                items.len()
            )));
        }
        Ok(Item {
            level: format_i(items[0])?,
            ty: format_i(items[1])?,
            data: Guard::new(items[2], PyBUF_SIMPLE)?,
        })
    }
}

builtin!(pub(super) sock_sendmsg, |slf, args, kws| {
    varargs("sendmsg", args, &kws, 1, 4)?;
    let s = sock(slf);
    let mut m: msghdr = zeroed();
    let target = args.get(3).copied().filter(|&a| a != pynone::none());
    let a: Option<SockAddr> = match target {
        Some(t) => Some(addr::parse(s.family, t, "sendmsg")?),
        None => None,
    };
    crate::runtime::audit::audit(c"socket.sendmsg", &[slf, target.unwrap_or(pynone::none())])?;
    if let Some(a) = &a {
        m.msg_name = a.as_ptr().cast_mut().cast();
        m.msg_namelen = a.len;
    }
    let parts = tuple::from_iterable_msg(args[0], "sendmsg() argument 1 must be an iterable")?;
    let views = tuple::items(parts.as_ptr())
        .iter()
        .map(|&p| Guard::new(p, PyBUF_SIMPLE))
        .collect::<PyResult<Vec<_>>>()?;
    let mut iov: Vec<libc::iovec> = views
        .iter()
        .map(|v| libc::iovec {
            iov_base: v.ptr().cast(),
            iov_len: v.len(),
        })
        .collect();
    m.msg_iov = iov.as_mut_ptr();
    m.msg_iovlen = iov.len();
    let items = match args.get(1) {
        Some(&anc) => {
            let t = tuple::from_iterable_msg(anc, "sendmsg() argument 2 must be an iterable")?;
            tuple::items(t.as_ptr()).iter().map(|&i| parse_item(i)).collect::<PyResult<Vec<_>>>()?
        }
        None => Vec::new(),
    };
    let flags = opt_int(args.get(2).copied(), 0)?;
    let mut total = 0usize;
    for it in &items {
        let space = cmsg_space(it.data.len()).ok_or_else(|| os_error_msg("ancillary data item too large"))?;
        total += space;
        if total > SOCKLEN_T_LIMIT {
            return Err(os_error_msg("too much ancillary data"));
        }
    }
    // Zero-filled, as glibc's CMSG_NXTHDR reads the next header's length.
    let mut control = vec![0u64; total.div_ceil(8)];
    if !items.is_empty() {
        m.msg_control = control.as_mut_ptr().cast();
        m.msg_controllen = total;
        let mut h: *mut cmsghdr = std::ptr::null_mut();
        for (i, it) in items.iter().enumerate() {
            h = if i == 0 { libc::CMSG_FIRSTHDR(&m) } else { libc::CMSG_NXTHDR(&m, h) };
            if h.is_null() {
                return Err(errors::runtime_error("ancillary data does not fit in calculated space"));
            }
            (*h).cmsg_len = cmsg_len(it.data.len()).unwrap_or(0);
            (*h).cmsg_level = it.level;
            (*h).cmsg_type = it.ty;
            std::ptr::copy_nonoverlapping(it.data.ptr(), libc::CMSG_DATA(h), it.data.len());
        }
    }
    let fd = s.fd;
    let mp = &raw const m;
    // SAFETY: the header's buffers stay alive for the call.
    let n = call(fd, true, s.timeout, || unsafe { libc::sendmsg(fd, mp, flags) })?;
    int::from_i64(n as i64)
});

/// Closes the descriptors of `SCM_RIGHTS` items (received but unused).
unsafe fn close_rights(m: &msghdr) {
    // SAFETY: the header describes a filled control buffer.
    unsafe {
        let mut h = if m.msg_controllen > 0 {
            libc::CMSG_FIRSTHDR(m)
        } else {
            std::ptr::null_mut()
        };
        while !h.is_null() {
            let Some(len) = data_len(m, h) else { break };
            if (*h).cmsg_level == libc::SOL_SOCKET && (*h).cmsg_type == libc::SCM_RIGHTS {
                let p = libc::CMSG_DATA(h).cast::<c_int>();
                for i in 0..len.0 / std::mem::size_of::<c_int>() {
                    libc::close(p.add(i).read_unaligned());
                }
            }
            if len.1 {
                break;
            }
            h = libc::CMSG_NXTHDR(m, h);
        }
    }
}

/// `get_cmsg_data_len`: the length of an item's data within the buffer
/// and whether it was truncated; None for a malformed header.
unsafe fn data_len(m: &msghdr, h: *const cmsghdr) -> Option<(usize, bool)> {
    // SAFETY: h lies in the control buffer of m.
    unsafe {
        let start = m.msg_control as usize;
        let end = start + m.msg_controllen;
        let base = cmsg_len(0)?;
        if (h as usize) + std::mem::size_of::<cmsghdr>() > end || ((*h).cmsg_len) < base {
            return None;
        }
        let want = (*h).cmsg_len - base;
        let data = libc::CMSG_DATA(h) as usize;
        if data > end {
            return None;
        }
        let space = end - data;
        Some(if space >= want {
            (want, false)
        } else {
            (space, true)
        })
    }
}

/// `sock_recvmsg_guts`: receives into `iov` with an ancillary buffer of
/// `controllen` bytes; returns the byte count and the rest of the result
/// tuple (ancillary items, flags, address).
unsafe fn recvmsg_guts(
    s: &SockObject,
    iov: &mut [libc::iovec],
    controllen: i64,
    flags: c_int,
) -> PyResult<(usize, [Owned; 3])> {
    let size = addr::addr_len(s.family)?;
    let mut a = SockAddr::zeroed(size);
    a.storage.ss_family = libc::AF_UNSPEC as libc::sa_family_t;
    if controllen < 0 || controllen as usize > SOCKLEN_T_LIMIT {
        return Err(errors::value_error("invalid ancillary data buffer length"));
    }
    let mut control = vec![0u64; (controllen as usize).div_ceil(8)];
    // SAFETY: msghdr is plain data.
    let mut m: msghdr = unsafe { zeroed() };
    m.msg_name = a.as_mut_ptr().cast();
    m.msg_namelen = size;
    m.msg_iov = iov.as_mut_ptr();
    m.msg_iovlen = iov.len();
    if controllen > 0 {
        m.msg_control = control.as_mut_ptr().cast();
        m.msg_controllen = controllen as usize;
    }
    let fd = s.fd;
    let mp = &raw mut m;
    // SAFETY: the header's buffers stay alive for the call.
    let n = call(fd, false, s.timeout, || unsafe {
        libc::recvmsg(fd, mp, flags)
    })?;
    // SAFETY: the call filled the header and its buffers.
    let rest = unsafe { recvmsg_result(&m, &a, size) };
    if rest.is_err() {
        // SAFETY: as above.
        unsafe { close_rights(&m) };
    }
    Ok((n as usize, rest?))
}

/// The ancillary items, flags and address of a received message.
unsafe fn recvmsg_result(m: &msghdr, a: &SockAddr, size: libc::socklen_t) -> PyResult<[Owned; 3]> {
    // SAFETY: m was filled by recvmsg.
    unsafe {
        let anc = list::new(0)?;
        let mut h = if m.msg_controllen > 0 {
            libc::CMSG_FIRSTHDR(m)
        } else {
            std::ptr::null_mut()
        };
        while !h.is_null() {
            let got = data_len(m, h);
            if got.is_none_or(|g| g.1) {
                crate::modules::_warnings::warn(
                    crate::object::exceptions::PyExc_RuntimeWarning,
                    crate::object::str::from_str(
                        "received malformed or improperly-truncated ancillary data",
                    )?
                    .as_ptr(),
                    1,
                    std::ptr::null_mut(),
                    std::ptr::null_mut(),
                )?;
            }
            let Some((len, truncated)) = got else { break };
            let data = std::slice::from_raw_parts(libc::CMSG_DATA(h), len);
            let item = tuple::from_vec(vec![
                int::from_i64((*h).cmsg_level as i64)?,
                int::from_i64((*h).cmsg_type as i64)?,
                bytes::from_slice(data)?,
            ])?;
            list::append(anc.as_ptr(), item.as_ptr())?;
            if truncated {
                break;
            }
            h = libc::CMSG_NXTHDR(m, h);
        }
        Ok([
            anc,
            int::from_i64(m.msg_flags as i64)?,
            addr::make(a.as_ptr(), m.msg_namelen.min(size))?,
        ])
    }
}

builtin!(pub(super) sock_recvmsg, |slf, args, kws| {
    varargs("recvmsg", args, &kws, 1, 3)?;
    let n = int_arg(args[0])?;
    let anc = match args.get(1) {
        Some(&a) => int_arg(a)?,
        None => 0,
    };
    let flags = opt_int(args.get(2).copied(), 0)?;
    if n < 0 {
        return Err(errors::value_error("negative buffer size in recvmsg()"));
    }
    let b = bytes::new_uninit(n as usize)?;
    let mut iov = [libc::iovec {
        iov_base: bytes::as_mut_ptr(b.as_ptr()).cast(),
        iov_len: n as usize,
    }];
    let (got, [a, f, addr]) = recvmsg_guts(sock(slf), &mut iov, anc, flags)?;
    let mut p = b.into_raw();
    if got != n as usize {
        bytes::resize(&mut p, got as Py_ssize_t)?;
    }
    tuple::from_vec(vec![Owned::from_raw_unchecked(p), a, f, addr])
});

builtin!(pub(super) sock_recvmsg_into, |slf, args, kws| {
    varargs("recvmsg_into", args, &kws, 1, 3)?;
    let anc = match args.get(1) {
        Some(&a) => int_arg(a)?,
        None => 0,
    };
    let flags = opt_int(args.get(2).copied(), 0)?;
    let bufs = tuple::from_iterable_msg(args[0], "recvmsg_into() argument 1 must be an iterable")?;
    let views = tuple::items(bufs.as_ptr())
        .iter()
        .map(|&b| {
            Guard::new(b, PyBUF_WRITABLE).map_err(|_| {
                errors::clear();
                errors::type_error(
                    "recvmsg_into() argument 1 must be an iterable of single-segment read-write buffers",
                )
            })
        })
        .collect::<PyResult<Vec<_>>>()?;
    let mut iov: Vec<libc::iovec> = views
        .iter()
        .map(|v| libc::iovec {
            iov_base: v.ptr().cast(),
            iov_len: v.len(),
        })
        .collect();
    let (got, [a, f, addr]) = recvmsg_guts(sock(slf), &mut iov, anc, flags)?;
    tuple::from_vec(vec![int::from_i64(got as i64)?, a, f, addr])
});
