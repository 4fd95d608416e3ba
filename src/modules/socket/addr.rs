//! Socket addresses between Python and C (CPython's `getsockaddrarg`,
//! `getsockaddrlen`, `makesockaddr`, `setipaddr`): `(host, port)` for
//! AF_INET, `(host, port, flowinfo, scope_id)` for AF_INET6, a str or bytes
//! path for AF_UNIX (a leading NUL byte names Linux's abstract namespace).
use super::{gai_error, os_error_msg};
use crate::ffi::*;
use crate::modules::args::format_i;
use crate::object::buffer::Guard;
use crate::object::none;
use crate::object::typeobj::type_name;
use crate::object::{bytearray, bytes, int, number, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_char, c_int, c_void, sockaddr, socklen_t};
use std::ffi::{CStr, CString};
use std::mem::{size_of, zeroed};
use std::ptr::null_mut;

extern "C" {
    pub(super) fn inet_pton(af: c_int, src: *const c_char, dst: *mut c_void) -> c_int;
    pub(super) fn inet_ntop(
        af: c_int,
        src: *const c_void,
        dst: *mut c_char,
        size: socklen_t,
    ) -> *const c_char;
}

/// A socket address of any family, with its length.
pub(super) struct SockAddr {
    pub storage: libc::sockaddr_storage,
    pub len: socklen_t,
}

impl SockAddr {
    /// An all-zero address of length `len`.
    pub fn zeroed(len: socklen_t) -> SockAddr {
        SockAddr {
            // SAFETY: sockaddr_storage is plain data; zero is valid.
            storage: unsafe { zeroed() },
            len,
        }
    }

    pub fn as_ptr(&self) -> *const sockaddr {
        (&raw const self.storage).cast()
    }

    pub fn as_mut_ptr(&mut self) -> *mut sockaddr {
        (&raw mut self.storage).cast()
    }

    /// The family field.
    pub fn family(&self) -> c_int {
        self.storage.ss_family as c_int
    }
}

/// `getsockaddrlen`: the size of an address of `family`.
pub(super) fn addr_len(family: c_int) -> PyResult<socklen_t> {
    let n = match family {
        libc::AF_UNIX => size_of::<libc::sockaddr_un>(),
        libc::AF_INET => size_of::<libc::sockaddr_in>(),
        libc::AF_INET6 => size_of::<libc::sockaddr_in6>(),
        libc::AF_NETLINK => size_of::<libc::sockaddr_nl>(),
        libc::AF_PACKET => size_of::<libc::sockaddr_ll>(),
        _ => return Err(os_error_msg("getsockaddrlen: bad family")),
    };
    Ok(n as socklen_t)
}

/// The longest IPv6 address text with its NUL (glibc's `INET6_ADDRSTRLEN`,
/// which the `libc` crate lacks).
const INET6_ADDRSTRLEN: usize = 46;

/// A textual IPv4 or IPv6 address (`make_ipv4_addr`, `make_ipv6_addr`).
pub(super) fn ip_str(af: c_int, addr: *const c_void) -> PyResult<Owned> {
    let mut buf = [0 as c_char; INET6_ADDRSTRLEN];
    // SAFETY: addr points at an in_addr / in6_addr of family af; buf is
    // large enough for either.
    unsafe {
        if inet_ntop(af, addr, buf.as_mut_ptr(), buf.len() as socklen_t).is_null() {
            return Err(errors::last_os_error());
        }
        pystr::from_cstr(buf.as_ptr())
    }
}

/// `makesockaddr`: the Python form of the `len`-byte address at `sa`
/// (None when empty).
pub(super) unsafe fn make(sa: *const sockaddr, len: socklen_t) -> PyResult<Owned> {
    if len == 0 {
        return Ok(none::owned());
    }
    // SAFETY: sa holds len bytes of an address of its family.
    unsafe {
        match (*sa).sa_family as c_int {
            libc::AF_INET => {
                let a = &*sa.cast::<libc::sockaddr_in>();
                tuple::from_vec(vec![
                    ip_str(libc::AF_INET, (&raw const a.sin_addr).cast())?,
                    int::from_i64(u16::from_be(a.sin_port) as i64)?,
                ])
            }
            libc::AF_INET6 => {
                let a = &*sa.cast::<libc::sockaddr_in6>();
                tuple::from_vec(vec![
                    ip_str(libc::AF_INET6, (&raw const a.sin6_addr).cast())?,
                    int::from_i64(u16::from_be(a.sin6_port) as i64)?,
                    int::from_i64(u32::from_be(a.sin6_flowinfo) as i64)?,
                    int::from_i64(a.sin6_scope_id as i64)?,
                ])
            }
            libc::AF_UNIX => {
                let a = &*sa.cast::<libc::sockaddr_un>();
                let off = std::mem::offset_of!(libc::sockaddr_un, sun_path);
                let path_len = (len as usize).saturating_sub(off).min(a.sun_path.len());
                let path = std::slice::from_raw_parts(a.sun_path.as_ptr().cast::<u8>(), path_len);
                if path_len > 0 && path[0] == 0 {
                    // Linux's abstract namespace: the bytes as they are.
                    return bytes::from_slice(path);
                }
                let end = path.iter().position(|&b| b == 0).unwrap_or(path_len);
                crate::runtime::fs_codec::decode(&path[..end])
            }
            libc::AF_NETLINK => {
                let a = &*sa.cast::<libc::sockaddr_nl>();
                tuple::from_vec(vec![
                    int::from_i64(a.nl_pid as i64)?,
                    int::from_i64(a.nl_groups as i64)?,
                ])
            }
            family => {
                let a = &*sa;
                let data =
                    std::slice::from_raw_parts(a.sa_data.as_ptr().cast::<u8>(), a.sa_data.len());
                tuple::from_vec(vec![
                    int::from_i64(family as i64)?,
                    bytes::from_slice(data)?,
                ])
            }
        }
    }
}

/// A str as a NUL-terminated UTF-8 C string (the `s` format): lone
/// surrogates raise `UnicodeEncodeError`, NUL characters `ValueError`.
pub(super) unsafe fn str_cstring(o: *mut PyObject) -> PyResult<CString> {
    // SAFETY: o is a str.
    let b = unsafe { pystr::encode(o, Some("utf-8"), None)? };
    // SAFETY: b is a bytes object.
    CString::new(unsafe { bytes::as_slice(b.as_ptr()) })
        .map_err(|_| errors::value_error("embedded null character"))
}

/// A str host name as the IDNA codec encodes it: an ASCII name is
/// unchanged (the codec's fast path), any other goes through the codec.
pub(super) unsafe fn idna_bytes(o: *mut PyObject) -> PyResult<Vec<u8>> {
    // SAFETY: o is a str.
    unsafe {
        if pystr::is_ascii(o) {
            return Ok(pystr::data_bytes(o).to_vec());
        }
        let b = pystr::encode(o, Some("idna"), None)?;
        Ok(bytes::as_slice(b.as_ptr()).to_vec())
    }
}

/// A host name argument (`idna_converter`): bytes or bytearray as they
/// are, an ASCII str as it is, any other str IDNA-encoded.
pub(super) unsafe fn host_arg(o: *mut PyObject) -> PyResult<CString> {
    // SAFETY: o valid.
    unsafe {
        let data: Vec<u8> = if bytes::check(o) {
            bytes::as_slice(o).to_vec()
        } else if bytearray::check(o) {
            bytearray::as_slice(o).to_vec()
        } else if pystr::check(o) {
            idna_bytes(o).map_err(|_| {
                errors::clear();
                errors::type_error("encoding of hostname failed")
            })?
        } else {
            return Err(errors::type_error(format!(
                "str, bytes or bytearray expected, not {}",
                type_name(o)
            )));
        };
        CString::new(data)
            .map_err(|_| errors::type_error("host name must not contain null character"))
    }
}

/// The result list of `getaddrinfo`, freed when dropped.
pub(super) struct AddrInfo(pub *mut libc::addrinfo);

impl Drop for AddrInfo {
    fn drop(&mut self) {
        if !self.0.is_null() {
            // SAFETY: the list came from getaddrinfo and is freed once.
            unsafe { libc::freeaddrinfo(self.0) }
        }
    }
}

impl AddrInfo {
    /// The entries of the list.
    pub fn iter(&self) -> impl Iterator<Item = &libc::addrinfo> {
        let mut p = self.0;
        std::iter::from_fn(move || {
            // SAFETY: each entry is valid until the list is freed.
            let e = unsafe { p.as_ref()? };
            p = e.ai_next;
            Some(e)
        })
    }
}

/// `getaddrinfo(3)` with the GIL released; errors raise `gaierror`.
pub(super) fn getaddrinfo(
    host: Option<&CStr>,
    port: Option<&CStr>,
    hints: &libc::addrinfo,
) -> PyResult<AddrInfo> {
    let mut res: *mut libc::addrinfo = null_mut();
    let h = host.map_or(std::ptr::null(), CStr::as_ptr);
    let p = port.map_or(std::ptr::null(), CStr::as_ptr);
    // SAFETY: the strings are NUL-terminated or NULL; res is writable.
    let r =
        crate::runtime::gil::allow_threads(|| unsafe { libc::getaddrinfo(h, p, hints, &mut res) });
    if r != 0 {
        return Err(gai_error(r));
    }
    Ok(AddrInfo(res))
}

/// Zeroed `getaddrinfo` hints.
pub(super) fn hints(
    family: c_int,
    socktype: c_int,
    protocol: c_int,
    flags: c_int,
) -> libc::addrinfo {
    // SAFETY: addrinfo is plain data; zero (NULL pointers) is valid.
    let mut h: libc::addrinfo = unsafe { zeroed() };
    h.ai_family = family;
    h.ai_socktype = socktype;
    h.ai_protocol = protocol;
    h.ai_flags = flags;
    h
}

/// `setipaddr`: the address of host `name` for family `af` (or either
/// when AF_UNSPEC): "" is the wildcard address, "<broadcast>" the
/// broadcast address, numeric addresses are not looked up.
pub(super) fn ip_addr(name: &CStr, af: c_int) -> PyResult<SockAddr> {
    let mut out = SockAddr::zeroed(0);
    let bytes = name.to_bytes();
    if bytes.is_empty() {
        let res = getaddrinfo(
            None,
            Some(c"0"),
            &hints(af, libc::SOCK_DGRAM, 0, libc::AI_PASSIVE),
        )?;
        let e = res
            .iter()
            .next()
            .ok_or_else(|| os_error_msg("unsupported address family"))?;
        if e.ai_family != libc::AF_INET && e.ai_family != libc::AF_INET6 {
            return Err(os_error_msg("unsupported address family"));
        }
        if !e.ai_next.is_null() {
            return Err(os_error_msg("wildcard resolved to multiple address"));
        }
        copy_addr(&mut out, e);
        return Ok(out);
    }
    if bytes == b"255.255.255.255" || bytes == b"<broadcast>" {
        if af != libc::AF_INET && af != libc::AF_UNSPEC {
            return Err(os_error_msg("address family mismatched"));
        }
        // SAFETY: the storage is large enough for a sockaddr_in.
        let sin = unsafe { &mut *out.as_mut_ptr().cast::<libc::sockaddr_in>() };
        sin.sin_family = libc::AF_INET as libc::sa_family_t;
        sin.sin_addr.s_addr = libc::INADDR_BROADCAST.to_be();
        out.len = size_of::<libc::sockaddr_in>() as socklen_t;
        return Ok(out);
    }
    if af == libc::AF_UNSPEC || af == libc::AF_INET {
        // SAFETY: the storage is large enough for a sockaddr_in.
        let sin = unsafe { &mut *out.as_mut_ptr().cast::<libc::sockaddr_in>() };
        // SAFETY: name is NUL-terminated; sin_addr is writable.
        if unsafe { inet_pton(libc::AF_INET, name.as_ptr(), (&raw mut sin.sin_addr).cast()) } > 0 {
            sin.sin_family = libc::AF_INET as libc::sa_family_t;
            out.len = size_of::<libc::sockaddr_in>() as socklen_t;
            return Ok(out);
        }
    }
    // An IPv6 address with a scope goes through getaddrinfo, which knows
    // interface names.
    if (af == libc::AF_UNSPEC || af == libc::AF_INET6) && !bytes.contains(&b'%') {
        // SAFETY: the storage is large enough for a sockaddr_in6.
        let sin6 = unsafe { &mut *out.as_mut_ptr().cast::<libc::sockaddr_in6>() };
        // SAFETY: name is NUL-terminated; sin6_addr is writable.
        if unsafe {
            inet_pton(
                libc::AF_INET6,
                name.as_ptr(),
                (&raw mut sin6.sin6_addr).cast(),
            )
        } > 0
        {
            sin6.sin6_family = libc::AF_INET6 as libc::sa_family_t;
            out.len = size_of::<libc::sockaddr_in6>() as socklen_t;
            return Ok(out);
        }
    }
    let res = getaddrinfo(Some(name), None, &hints(af, 0, 0, 0))?;
    let e = res
        .iter()
        .next()
        .ok_or_else(|| os_error_msg("unknown address family"))?;
    copy_addr(&mut out, e);
    match out.family() {
        libc::AF_INET | libc::AF_INET6 => Ok(out),
        _ => Err(os_error_msg("unknown address family")),
    }
}

/// Copies the address of a `getaddrinfo` entry.
fn copy_addr(out: &mut SockAddr, e: &libc::addrinfo) {
    let n = (e.ai_addrlen as usize).min(size_of::<libc::sockaddr_storage>());
    // SAFETY: ai_addr holds ai_addrlen bytes; the storage holds n.
    unsafe { std::ptr::copy_nonoverlapping(e.ai_addr.cast::<u8>(), out.as_mut_ptr().cast(), n) };
    out.len = n as socklen_t;
}

/// Parses the `(host, port)` head of an IP address tuple (CPython's
/// `O&i`).
unsafe fn host_port(items: &[*mut PyObject], caller: &str) -> PyResult<(CString, c_int)> {
    // SAFETY: the items are valid objects.
    unsafe {
        let host = host_arg(items[0])?;
        let port = match format_i(items[1]) {
            Ok(v) => v,
            Err(e) => {
                if errors::matches(crate::object::exceptions::PyExc_OverflowError) {
                    errors::clear();
                    return Err(errors::overflow_error(format!(
                        "{caller}(): port must be 0-65535."
                    )));
                }
                return Err(e);
            }
        };
        Ok((host, port))
    }
}

/// An unsigned 32-bit item of an address tuple (the `I` format, which
/// truncates).
unsafe fn uint_item(o: *mut PyObject) -> PyResult<u32> {
    // SAFETY: o valid.
    unsafe {
        if crate::object::float::check(o) {
            return Err(errors::type_error(
                "'float' object cannot be interpreted as an integer",
            ));
        }
        Ok(int::low_u64(number::index(o)?.as_ptr()) as u32)
    }
}

/// `getsockaddrarg`: the C address of `o` for a socket of `family`;
/// `caller` names the method in messages.
pub(super) unsafe fn parse(family: c_int, o: *mut PyObject, caller: &str) -> PyResult<SockAddr> {
    // SAFETY: o valid.
    unsafe {
        match family {
            libc::AF_UNIX => {
                let encoded;
                let src = if pystr::check(o) {
                    encoded = crate::runtime::fs_codec::encode(o)?;
                    encoded.as_ptr()
                } else {
                    o
                };
                let view = Guard::new(src, PyBUF_SIMPLE)?;
                let path = view.as_slice();
                let mut out = SockAddr::zeroed(0);
                let sun = &mut *out.as_mut_ptr().cast::<libc::sockaddr_un>();
                let off = std::mem::offset_of!(libc::sockaddr_un, sun_path);
                let abstract_ns = path.is_empty() || path[0] == 0;
                // A regular path needs room for its terminating NUL.
                if path.len() > sun.sun_path.len()
                    || (!abstract_ns && path.len() == sun.sun_path.len())
                {
                    return Err(os_error_msg("AF_UNIX path too long"));
                }
                sun.sun_family = libc::AF_UNIX as libc::sa_family_t;
                std::ptr::copy_nonoverlapping(
                    path.as_ptr(),
                    sun.sun_path.as_mut_ptr().cast(),
                    path.len(),
                );
                out.len = (off + path.len() + usize::from(!abstract_ns)) as socklen_t;
                Ok(out)
            }
            libc::AF_INET => {
                if !tuple::check(o) {
                    return Err(errors::type_error(format!(
                        "{caller}(): AF_INET address must be tuple, not {}",
                        type_name(o)
                    )));
                }
                let msg = "AF_INET address must be a pair (host, port)";
                let items = tuple::items(o);
                if items.len() != 2 {
                    return Err(errors::type_error(msg));
                }
                let (host, port) = host_port(items, caller)?;
                let mut out = ip_addr(&host, libc::AF_INET)?;
                if !(0..=0xffff).contains(&port) {
                    return Err(errors::overflow_error(format!(
                        "{caller}(): port must be 0-65535."
                    )));
                }
                let sin = &mut *out.as_mut_ptr().cast::<libc::sockaddr_in>();
                sin.sin_family = libc::AF_INET as libc::sa_family_t;
                sin.sin_port = (port as u16).to_be();
                out.len = size_of::<libc::sockaddr_in>() as socklen_t;
                Ok(out)
            }
            libc::AF_INET6 => {
                if !tuple::check(o) {
                    return Err(errors::type_error(format!(
                        "{caller}(): AF_INET6 address must be tuple, not {}",
                        type_name(o)
                    )));
                }
                let msg = "AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])";
                let items = tuple::items(o);
                if !(2..=4).contains(&items.len()) {
                    return Err(errors::type_error(msg));
                }
                let (host, port) = host_port(items, caller)?;
                let flowinfo = match items.get(2) {
                    Some(&f) => uint_item(f)?,
                    None => 0,
                };
                let scope_id = match items.get(3) {
                    Some(&s) => uint_item(s)?,
                    None => 0,
                };
                let mut out = ip_addr(&host, libc::AF_INET6)?;
                if !(0..=0xffff).contains(&port) {
                    return Err(errors::overflow_error(format!(
                        "{caller}(): port must be 0-65535."
                    )));
                }
                if flowinfo > 0xfffff {
                    return Err(errors::overflow_error(format!(
                        "{caller}(): flowinfo must be 0-1048575."
                    )));
                }
                let sin6 = &mut *out.as_mut_ptr().cast::<libc::sockaddr_in6>();
                sin6.sin6_family = libc::AF_INET6 as libc::sa_family_t;
                sin6.sin6_port = (port as u16).to_be();
                sin6.sin6_flowinfo = flowinfo.to_be();
                sin6.sin6_scope_id = scope_id;
                out.len = size_of::<libc::sockaddr_in6>() as socklen_t;
                Ok(out)
            }
            libc::AF_NETLINK => {
                if !tuple::check(o) {
                    return Err(errors::type_error(format!(
                        "{caller}(): AF_NETLINK address must be tuple, not {}",
                        type_name(o)
                    )));
                }
                let items = tuple::items(o);
                if items.len() != 2 {
                    return Err(errors::type_error(
                        "AF_NETLINK address must be a pair (pid, groups)",
                    ));
                }
                let mut out = SockAddr::zeroed(size_of::<libc::sockaddr_nl>() as socklen_t);
                let nl = &mut *out.as_mut_ptr().cast::<libc::sockaddr_nl>();
                nl.nl_family = libc::AF_NETLINK as libc::sa_family_t;
                nl.nl_pid = uint_item(items[0])?;
                nl.nl_groups = uint_item(items[1])?;
                Ok(out)
            }
            _ => Err(os_error_msg(&format!("{caller}(): bad family"))),
        }
    }
}
