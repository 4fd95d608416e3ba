//! Byte-order and address-text conversions: `htons`, `ntohs`, `htonl`,
//! `ntohl`, `inet_aton`, `inet_ntoa`, `inet_pton`, `inet_ntop`.
use super::addr::{inet_pton, ip_str, str_cstring};
use super::{os_error_msg, varargs};
use crate::ffi::*;
use crate::modules::args::builtin;
use crate::modules::args::format_i;
use crate::object::buffer::Guard;
use crate::object::typeobj::type_name;
use crate::object::{bytes, int, number, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_char, c_int};
use std::ffi::CString;

extern "C" {
    fn inet_aton(cp: *const c_char, inp: *mut libc::in_addr) -> c_int;
}

/// A 16-bit unsigned argument of `name` (Argument Clinic's `uint16`).
unsafe fn u16_arg(name: &str, o: *mut PyObject) -> PyResult<u16> {
    // SAFETY: o valid.
    let v = unsafe { format_i(o) }.map_err(|e| {
        // SAFETY: an exception is set.
        if unsafe { errors::matches(crate::object::exceptions::PyExc_OverflowError) } {
            errors::clear();
            errors::overflow_error("Python int too large to convert to C int")
        } else {
            e
        }
    })?;
    if v < 0 {
        return Err(errors::overflow_error(format!(
            "{name}: can't convert negative Python int to C 16-bit unsigned integer"
        )));
    }
    u16::try_from(v).map_err(|_| {
        errors::overflow_error(format!(
            "{name}: Python int too large to convert to C 16-bit unsigned integer"
        ))
    })
}

/// A 32-bit unsigned argument (Argument Clinic's `uint32`).
unsafe fn u32_arg(o: *mut PyObject) -> PyResult<u32> {
    // SAFETY: o valid.
    unsafe {
        if !int::check(o) {
            return Err(errors::type_error(format!(
                "expected int, {} found",
                type_name(o)
            )));
        }
        let v = number::index(o)?;
        if int::sign(v.as_ptr()) < 0 {
            return Err(errors::overflow_error(
                "can't convert negative value to unsigned int",
            ));
        }
        let v = int::as_u64(v.as_ptr()).ok_or_else(|| {
            errors::overflow_error("Python int too large to convert to C unsigned long")
        })?;
        u32::try_from(v).map_err(|_| errors::overflow_error("int larger than 32 bits"))
    }
}

builtin!(pub(super) socket_htons, |args, kws| {
    varargs("htons", args, &kws, 1, 1)?;
    int::from_i64(u16_arg("htons", args[0])?.to_be() as i64)
});

builtin!(pub(super) socket_ntohs, |args, kws| {
    varargs("ntohs", args, &kws, 1, 1)?;
    int::from_i64(u16::from_be(u16_arg("ntohs", args[0])?) as i64)
});

builtin!(pub(super) socket_htonl, |args, kws| {
    varargs("htonl", args, &kws, 1, 1)?;
    int::from_i64(u32_arg(args[0])?.to_be() as i64)
});

builtin!(pub(super) socket_ntohl, |args, kws| {
    varargs("ntohl", args, &kws, 1, 1)?;
    int::from_i64(u32::from_be(u32_arg(args[0])?) as i64)
});

/// A str argument without NUL characters, as a C string.
unsafe fn str_arg(o: *mut PyObject, what: &str) -> PyResult<CString> {
    // SAFETY: o valid.
    unsafe {
        if !pystr::check(o) {
            return Err(errors::type_error(format!(
                "{what} must be str, not {}",
                type_name(o)
            )));
        }
        str_cstring(o)
    }
}

builtin!(pub(super) socket_inet_aton, |args, kws| {
    varargs("inet_aton", args, &kws, 1, 1)?;
    let s = str_arg(args[0], "inet_aton() argument")?;
    let mut a = libc::in_addr { s_addr: 0 };
    if inet_aton(s.as_ptr(), &mut a) == 0 {
        return Err(os_error_msg("illegal IP address string passed to inet_aton"));
    }
    bytes::from_slice(&a.s_addr.to_ne_bytes())
});

builtin!(pub(super) socket_inet_ntoa, |args, kws| {
    varargs("inet_ntoa", args, &kws, 1, 1)?;
    let v = Guard::new(args[0], PyBUF_SIMPLE)?;
    let b = v.as_slice();
    if b.len() != 4 {
        return Err(os_error_msg("packed IP wrong length for inet_ntoa"));
    }
    pystr::from_str(&format!("{}.{}.{}.{}", b[0], b[1], b[2], b[3]))
});

builtin!(pub(super) socket_inet_pton, |args, kws| {
    varargs("inet_pton", args, &kws, 2, 2)?;
    let af = format_i(args[0])?;
    let ip = str_arg(args[1], "inet_pton() argument 2")?;
    let mut packed = [0u8; 16];
    let r = inet_pton(af, ip.as_ptr(), packed.as_mut_ptr().cast());
    if r < 0 {
        return Err(errors::last_os_error());
    }
    if r == 0 {
        return Err(os_error_msg("illegal IP address string passed to inet_pton"));
    }
    match af {
        libc::AF_INET => bytes::from_slice(&packed[..4]),
        libc::AF_INET6 => bytes::from_slice(&packed),
        _ => Err(os_error_msg("unknown address family")),
    }
});

builtin!(pub(super) socket_inet_ntop, |args, kws| {
    varargs("inet_ntop", args, &kws, 2, 2)?;
    let af = format_i(args[0])?;
    let v = Guard::new(args[1], PyBUF_SIMPLE)?;
    let want = match af {
        libc::AF_INET => 4,
        libc::AF_INET6 => 16,
        _ => return Err(errors::value_error(format!("unknown address family {af}"))),
    };
    if v.len() != want {
        return Err(errors::value_error("invalid length of packed IP address string"));
    }
    let r: PyResult<Owned> = ip_str(af, v.ptr().cast());
    r
});
