//! Name resolution and host facts: `getaddrinfo`, `getnameinfo`, the
//! `gethostby*` family, services and protocols by name, the host name,
//! and network interface names and indexes. Lookups run with the GIL
//! released.
use super::addr::{self, getaddrinfo, hints, host_arg, ip_addr, ip_str, str_cstring};
use super::{gai_error, h_error, opt_int, os_error_msg, varargs};
use crate::ffi::*;
use crate::modules::args::format_i;
use crate::modules::args::{bind, builtin};
use crate::object::typeobj::type_name;
use crate::object::{bytes, int, list, none as pynone, number, protocol, str as pystr, tuple};
use crate::runtime::audit::{audit, audit_with};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::fs_codec;
use crate::runtime::gil::allow_threads;
use crate::Owned;
use libc::{c_char, c_int, c_void, hostent, size_t, socklen_t};
use std::ffi::{CStr, CString};
use std::ptr::null_mut;

extern "C" {
    fn sethostname(name: *const c_char, len: size_t) -> c_int;
    fn gethostbyname_r(
        name: *const c_char,
        ret: *mut hostent,
        buf: *mut c_char,
        buflen: size_t,
        result: *mut *mut hostent,
        h_errnop: *mut c_int,
    ) -> c_int;
    fn gethostbyaddr_r(
        addr: *const c_void,
        len: socklen_t,
        ty: c_int,
        ret: *mut hostent,
        buf: *mut c_char,
        buflen: size_t,
        result: *mut *mut hostent,
        h_errnop: *mut c_int,
    ) -> c_int;
}

/// A str argument (the `s` format) as a C string.
unsafe fn cstr_arg(fname: &str, pos: usize, o: *mut PyObject) -> PyResult<CString> {
    // SAFETY: o valid.
    unsafe {
        if !pystr::check(o) {
            return Err(errors::type_error(format!(
                "{fname}() argument {pos} must be str, not {}",
                type_name(o)
            )));
        }
        str_cstring(o)
    }
}

builtin!(pub(super) socket_gethostname, |args, kws| {
    varargs("gethostname", args, &kws, 0, 0)?;
    audit(c"socket.gethostname", &[])?;
    let mut buf = [0u8; 1024];
    let p = buf.as_mut_ptr().cast::<c_char>();
    if allow_threads(|| libc::gethostname(p, 1023)) < 0 {
        return Err(errors::last_os_error());
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(1023);
    fs_codec::decode(&buf[..end])
});

builtin!(pub(super) socket_sethostname, |args, kws| {
    varargs("sethostname", args, &kws, 1, 1)?;
    let name = if bytes::check(args[0]) {
        Owned::from_borrowed(args[0])
    } else {
        fs_codec::fs_converter(args[0])?
    };
    audit_with(c"socket.sethostname", || Ok(vec![Owned::from_borrowed(name.as_ptr())]))?;
    let b = bytes::as_slice(name.as_ptr());
    if sethostname(b.as_ptr().cast(), b.len()) != 0 {
        return Err(errors::last_os_error());
    }
    Ok(pynone::owned())
});

/// A host name for the `gethostby*` functions (the `et` format with the
/// IDNA codec).
unsafe fn idna_host(o: *mut PyObject, fname: &str) -> PyResult<CString> {
    // SAFETY: o valid.
    unsafe {
        if pystr::check(o) || bytes::check(o) || crate::object::bytearray::check(o) {
            return host_arg(o);
        }
        Err(errors::type_error(format!(
            "{fname}() argument 1 must be str, bytes or bytearray, not {}",
            type_name(o)
        )))
    }
}

builtin!(pub(super) socket_gethostbyname, |args, kws| {
    varargs("gethostbyname", args, &kws, 1, 1)?;
    let name = idna_host(args[0], "gethostbyname")?;
    audit(c"socket.gethostbyname", args)?;
    let a = ip_addr(&name, libc::AF_INET)?;
    let sin = &*a.as_ptr().cast::<libc::sockaddr_in>();
    ip_str(libc::AF_INET, (&raw const sin.sin_addr).cast())
});

/// The size of a service name buffer (glibc's `NI_MAXSERV`, which the
/// `libc` crate lacks).
const NI_MAXSERV: libc::socklen_t = 32;

/// Room for the strings a `hostent` points into.
const HOSTENT_BUF: usize = 16384;

/// `gethost_common`: `(name, aliases, addresses)` of a lookup result.
unsafe fn host_tuple(h: *mut hostent, h_err: c_int, af: c_int) -> PyResult<Owned> {
    // SAFETY: h is NULL or a filled hostent whose lists end with NULL.
    unsafe {
        if h.is_null() {
            return Err(h_error(h_err));
        }
        let h = &*h;
        if h.h_addrtype != af {
            return Err(errors::os_error(libc::EAFNOSUPPORT, null_mut(), null_mut()));
        }
        let names = list::new(0)?;
        if !h.h_aliases.is_null() {
            let mut p = h.h_aliases;
            while !p.read_unaligned().is_null() {
                list::append(
                    names.as_ptr(),
                    pystr::from_cstr(p.read_unaligned())?.as_ptr(),
                )?;
                p = p.add(1);
            }
        }
        let addrs = list::new(0)?;
        let mut p = h.h_addr_list;
        while !p.read_unaligned().is_null() {
            list::append(
                addrs.as_ptr(),
                ip_str(af, p.read_unaligned().cast())?.as_ptr(),
            )?;
            p = p.add(1);
        }
        let name = pystr::from_utf8(CStr::from_ptr(h.h_name).to_bytes())?;
        tuple::from_vec(vec![name, names, addrs])
    }
}

builtin!(pub(super) socket_gethostbyname_ex, |args, kws| {
    varargs("gethostbyname_ex", args, &kws, 1, 1)?;
    let name = idna_host(args[0], "gethostbyname_ex")?;
    audit(c"socket.gethostbyname", args)?;
    let a = ip_addr(&name, libc::AF_INET)?;
    let mut he: hostent = std::mem::zeroed();
    let mut buf = vec![0 as c_char; HOSTENT_BUF];
    let (mut res, mut h_err): (*mut hostent, c_int) = (null_mut(), 0);
    let (n, hp, bp, rp, ep) = (name.as_ptr(), &raw mut he, buf.as_mut_ptr(), &raw mut res, &raw mut h_err);
    // SAFETY: the buffers outlive the call.
    allow_threads(|| unsafe { gethostbyname_r(n, hp, bp, HOSTENT_BUF - 1, rp, ep) });
    host_tuple(res, h_err, a.family())
});

builtin!(pub(super) socket_gethostbyaddr, |args, kws| {
    varargs("gethostbyaddr", args, &kws, 1, 1)?;
    let name = idna_host(args[0], "gethostbyaddr")?;
    audit(c"socket.gethostbyaddr", args)?;
    let a = ip_addr(&name, libc::AF_UNSPEC)?;
    let af = a.family();
    let (ap, al): (*const c_void, usize) = match af {
        libc::AF_INET => {
            let sin = &*a.as_ptr().cast::<libc::sockaddr_in>();
            ((&raw const sin.sin_addr).cast(), 4)
        }
        libc::AF_INET6 => {
            let sin6 = &*a.as_ptr().cast::<libc::sockaddr_in6>();
            ((&raw const sin6.sin6_addr).cast(), 16)
        }
        _ => return Err(os_error_msg("unsupported address family")),
    };
    let mut he: hostent = std::mem::zeroed();
    let mut buf = vec![0 as c_char; HOSTENT_BUF];
    let (mut res, mut h_err): (*mut hostent, c_int) = (null_mut(), 0);
    let (hp, bp, rp, ep) = (&raw mut he, buf.as_mut_ptr(), &raw mut res, &raw mut h_err);
    // SAFETY: the buffers outlive the call.
    allow_threads(|| unsafe { gethostbyaddr_r(ap, al as socklen_t, af, hp, bp, HOSTENT_BUF - 1, rp, ep) });
    host_tuple(res, h_err, af)
});

builtin!(pub(super) socket_getservbyname, |args, kws| {
    varargs("getservbyname", args, &kws, 1, 2)?;
    let name = cstr_arg("getservbyname", 1, args[0])?;
    let proto = match args.get(1) {
        Some(&p) => Some(cstr_arg("getservbyname", 2, p)?),
        None => None,
    };
    audit(c"socket.getservbyname", &[args[0], args.get(1).copied().unwrap_or(pynone::none())])?;
    let (n, p) = (name.as_ptr(), proto.as_ref().map_or(std::ptr::null(), |p| p.as_ptr()));
    let sp = allow_threads(|| libc::getservbyname(n, p));
    if sp.is_null() {
        return Err(os_error_msg("service/proto not found"));
    }
    int::from_i64(u16::from_be((*sp).s_port as u16) as i64)
});

builtin!(pub(super) socket_getservbyport, |args, kws| {
    varargs("getservbyport", args, &kws, 1, 2)?;
    let port = format_i(args[0])?;
    let proto = match args.get(1) {
        Some(&p) => Some(cstr_arg("getservbyport", 2, p)?),
        None => None,
    };
    if !(0..=0xffff).contains(&port) {
        return Err(errors::overflow_error("getservbyport: port must be 0-65535."));
    }
    audit(c"socket.getservbyport", &[args[0], args.get(1).copied().unwrap_or(pynone::none())])?;
    let p = proto.as_ref().map_or(std::ptr::null(), |p| p.as_ptr());
    let sp = allow_threads(|| libc::getservbyport((port as u16).to_be() as c_int, p));
    if sp.is_null() {
        return Err(os_error_msg("port/proto not found"));
    }
    pystr::from_cstr((*sp).s_name)
});

builtin!(pub(super) socket_getprotobyname, |args, kws| {
    varargs("getprotobyname", args, &kws, 1, 1)?;
    let name = cstr_arg("getprotobyname", 1, args[0])?;
    let n = name.as_ptr();
    let pp = allow_threads(|| libc::getprotobyname(n));
    if pp.is_null() {
        return Err(os_error_msg("protocol not found"));
    }
    int::from_i64((*pp).p_proto as i64)
});

builtin!(pub(super) socket_getaddrinfo, |args, kws| {
    let [h, p, f, t, pr, fl] = bind(
        "getaddrinfo",
        args,
        &kws,
        ["host", "port", "family", "type", "proto", "flags"],
        6,
        2,
    )?;
    let (h, p) = (h.unwrap(), p.unwrap());
    let host = if h == pynone::none() {
        None
    } else if pystr::check(h) {
        Some(CString::new(addr::idna_bytes(h)?).map_err(|_| errors::value_error("embedded null byte"))?)
    } else if bytes::check(h) {
        Some(CString::new(bytes::as_slice(h)).map_err(|_| errors::value_error("embedded null byte"))?)
    } else {
        return Err(errors::type_error("getaddrinfo() argument 1 must be string or None"));
    };
    let port = if number::index_check(p) {
        let s = protocol::str_(number::index(p)?.as_ptr())?;
        Some(CString::new(pystr::as_str(s.as_ptr())?).unwrap_or_default())
    } else if pystr::check(p) {
        Some(str_cstring(p)?)
    } else if bytes::check(p) {
        Some(CString::new(bytes::as_slice(p)).map_err(|_| errors::value_error("embedded null byte"))?)
    } else if p == pynone::none() {
        None
    } else {
        return Err(os_error_msg("Int or String expected"));
    };
    let family = opt_int(f, libc::AF_UNSPEC)?;
    let socktype = opt_int(t, 0)?;
    let proto = opt_int(pr, 0)?;
    let flags = opt_int(fl, 0)?;
    audit_with(c"socket.getaddrinfo", || {
        Ok(vec![
            Owned::from_borrowed(h),
            Owned::from_borrowed(p),
            int::from_i64(family as i64)?,
            int::from_i64(socktype as i64)?,
            int::from_i64(proto as i64)?,
        ])
    })?;
    let res = getaddrinfo(host.as_deref(), port.as_deref(), &hints(family, socktype, proto, flags))?;
    let all = list::new(0)?;
    for e in res.iter() {
        let canon = if e.ai_canonname.is_null() {
            pystr::empty()?
        } else {
            pystr::from_cstr(e.ai_canonname)?
        };
        let item = tuple::from_vec(vec![
            int::from_i64(e.ai_family as i64)?,
            int::from_i64(e.ai_socktype as i64)?,
            int::from_i64(e.ai_protocol as i64)?,
            canon,
            addr::make(e.ai_addr, e.ai_addrlen)?,
        ])?;
        list::append(all.as_ptr(), item.as_ptr())?;
    }
    Ok(all)
});

builtin!(pub(super) socket_getnameinfo, |args, kws| {
    varargs("getnameinfo", args, &kws, 2, 2)?;
    let sa = args[0];
    let flags = format_i(args[1])?;
    if !tuple::check(sa) {
        return Err(errors::type_error("getnameinfo() argument 1 must be a tuple"));
    }
    let items = tuple::items(sa);
    let bad = || errors::type_error("getnameinfo(): illegal sockaddr argument");
    if !(2..=4).contains(&items.len()) || !pystr::check(items[0]) || crate::object::float::check(items[1]) {
        return Err(bad());
    }
    let host = str_cstring(items[0])?;
    let port = format_i(items[1])?;
    let uint = |i: usize| -> PyResult<u32> {
        match items.get(i) {
            Some(&o) => Ok(int::low_u64(number::index(o)?.as_ptr()) as u32),
            None => Ok(0),
        }
    };
    let (flowinfo, scope_id) = (uint(2)?, uint(3)?);
    if flowinfo > 0xfffff {
        return Err(errors::overflow_error("getnameinfo(): flowinfo must be 0-1048575."));
    }
    audit(c"socket.getnameinfo", &[sa])?;
    let serv = CString::new(port.to_string()).unwrap_or_default();
    let res = getaddrinfo(Some(&host), Some(&serv), &hints(libc::AF_UNSPEC, libc::SOCK_DGRAM, 0, libc::AI_NUMERICHOST))?;
    let mut entries = res.iter();
    let e = entries.next().ok_or_else(|| os_error_msg("sockaddr resolved to multiple addresses"))?;
    if entries.next().is_some() {
        return Err(os_error_msg("sockaddr resolved to multiple addresses"));
    }
    match e.ai_family {
        libc::AF_INET if items.len() != 2 => return Err(os_error_msg("IPv4 sockaddr must be 2 tuple")),
        libc::AF_INET6 => {
            let sin6 = &mut *e.ai_addr.cast::<libc::sockaddr_in6>();
            sin6.sin6_flowinfo = flowinfo.to_be();
            sin6.sin6_scope_id = scope_id;
        }
        _ => {}
    }
    let mut hbuf = [0 as c_char; libc::NI_MAXHOST as usize];
    let mut pbuf = [0 as c_char; NI_MAXSERV as usize];
    let (sa_p, sa_len, hp, pp) = (e.ai_addr, e.ai_addrlen, hbuf.as_mut_ptr(), pbuf.as_mut_ptr());
    // SAFETY: the buffers have the given sizes.
    let r = allow_threads(|| unsafe {
        libc::getnameinfo(sa_p, sa_len, hp, libc::NI_MAXHOST, pp, NI_MAXSERV, flags)
    });
    if r != 0 {
        return Err(gai_error(r));
    }
    let h = pystr::from_utf8(CStr::from_ptr(hbuf.as_ptr()).to_bytes())?;
    tuple::from_vec(vec![h, pystr::from_cstr(pbuf.as_ptr())?])
});

builtin!(pub(super) socket_if_nameindex, |args, kws| {
    varargs("if_nameindex", args, &kws, 0, 0)?;
    let ni = libc::if_nameindex();
    if ni.is_null() {
        return Err(errors::last_os_error());
    }
    let build = || -> PyResult<Owned> {
        let out = list::new(0)?;
        let mut p = ni;
        while (*p).if_index != 0 {
            let item = tuple::from_vec(vec![
                int::from_i64((*p).if_index as i64)?,
                fs_codec::decode(CStr::from_ptr((*p).if_name).to_bytes())?,
            ])?;
            list::append(out.as_ptr(), item.as_ptr())?;
            p = p.add(1);
        }
        Ok(out)
    };
    let r = build();
    libc::if_freenameindex(ni);
    r
});

builtin!(pub(super) socket_if_nametoindex, |args, kws| {
    varargs("if_nametoindex", args, &kws, 1, 1)?;
    let b = fs_codec::fs_converter(args[0])?;
    let name = CString::new(bytes::as_slice(b.as_ptr())).map_err(|_| errors::value_error("embedded null byte"))?;
    let index = libc::if_nametoindex(name.as_ptr());
    if index == 0 {
        return Err(os_error_msg("no interface with this name"));
    }
    int::from_i64(index as i64)
});

builtin!(pub(super) socket_if_indextoname, |args, kws| {
    varargs("if_indextoname", args, &kws, 1, 1)?;
    let o = args[0];
    if crate::object::float::check(o) {
        return Err(errors::type_error("'float' object cannot be interpreted as an integer"));
    }
    let v = number::index(o)?;
    if int::sign(v.as_ptr()) < 0 {
        return Err(errors::overflow_error("can't convert negative int to unsigned"));
    }
    let index = int::as_u64(v.as_ptr())
        .and_then(|v| u32::try_from(v).ok())
        .ok_or_else(|| errors::overflow_error("Python int too large for C unsigned int"))?;
    let mut name = [0 as c_char; libc::IF_NAMESIZE + 1];
    if libc::if_indextoname(index, name.as_mut_ptr()).is_null() {
        return Err(errors::last_os_error());
    }
    fs_codec::decode(CStr::from_ptr(name.as_ptr()).to_bytes())
});
