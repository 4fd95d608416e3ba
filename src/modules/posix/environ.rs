//! The environment (`environ` as a dict of bytes, `putenv`, `unsetenv`),
//! `strerror` and `urandom`.
use super::int_arg;
use crate::ffi::*;
use crate::modules::args::{bind, builtin};
use crate::object::none;
use crate::object::{bytes, dict, str as pystr, typeobj};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::fs_codec;
use crate::Owned;
use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;

/// `posix.environ`: the process environment at import, bytes to bytes.
pub(super) fn environ() -> PyResult<Owned> {
    let d = dict::new()?;
    for (k, v) in std::env::vars_os() {
        let k = bytes::from_slice(k.as_bytes())?;
        let v = bytes::from_slice(v.as_bytes())?;
        // SAFETY: d is a dict; k, v valid; the first value of a repeated
        // name wins, as getenv sees it.
        unsafe {
            if !dict::contains(d.as_ptr(), k.as_ptr())? {
                dict::set_item(d.as_ptr(), k.as_ptr(), v.as_ptr())?;
            }
        }
    }
    Ok(d)
}

/// An environment name or value: str (file-system encoded) or bytes.
unsafe fn env_bytes(func: &str, o: *mut PyObject) -> PyResult<CString> {
    // SAFETY: o valid.
    unsafe {
        let b = if pystr::check(o) {
            fs_codec::encode(o)?
        } else if bytes::check(o) {
            Owned::from_borrowed(o)
        } else {
            return Err(errors::type_error(format!(
                "{func}: expected str or bytes, not {}",
                typeobj::type_name(o)
            )));
        };
        CString::new(bytes::as_slice(b.as_ptr()))
            .map_err(|_| errors::value_error("embedded null byte"))
    }
}

/// Checks an environment variable name.
fn check_name(n: &CString) -> PyResult<()> {
    if n.as_bytes().is_empty() || n.as_bytes().contains(&b'=') {
        return Err(errors::value_error("illegal environment variable name"));
    }
    Ok(())
}

builtin!(pub(super) posix_putenv, |args, kws| {
    let [n, v] = bind("putenv", args, &kws, ["name", "value"], 2, 2)?;
    let n = env_bytes("putenv", n.unwrap())?;
    let v = env_bytes("putenv", v.unwrap())?;
    check_name(&n)?;
    crate::runtime::audit::audit_with(c"os.putenv", || {
        Ok(vec![
            crate::object::bytes::from_slice(n.as_bytes())?,
            crate::object::bytes::from_slice(v.as_bytes())?,
        ])
    })?;
    if libc::setenv(n.as_ptr(), v.as_ptr(), 1) != 0 {
        return Err(errors::last_os_error());
    }
    Ok(none::owned())
});

builtin!(pub(super) posix_unsetenv, |args, kws| {
    let [n] = bind("unsetenv", args, &kws, ["name"], 1, 1)?;
    let n = env_bytes("unsetenv", n.unwrap())?;
    check_name(&n)?;
    crate::runtime::audit::audit_with(c"os.unsetenv", || {
        Ok(vec![crate::object::bytes::from_slice(n.as_bytes())?])
    })?;
    if libc::unsetenv(n.as_ptr()) != 0 {
        return Err(errors::last_os_error());
    }
    Ok(none::owned())
});

builtin!(pub(super) posix_strerror, |args, kws| {
    let [c] = bind("strerror", args, &kws, ["code"], 1, 1)?;
    let code = int_arg(c.unwrap())?;
    let s = libc::strerror(code as libc::c_int);
    fs_codec::decode_locale(super::path::cstr_bytes(s))
});

builtin!(pub(super) posix_urandom, |args, kws| {
    let [n] = bind("urandom", args, &kws, ["size"], 1, 1)?;
    let n = int_arg(n.unwrap())?;
    if n < 0 {
        return Err(errors::value_error("negative argument not allowed"));
    }
    let b = bytes::new_uninit(n as usize)?;
    let mut done = 0usize;
    while done < n as usize {
        let r = libc::getrandom(
            bytes::as_mut_ptr(b.as_ptr()).add(done).cast(),
            n as usize - done,
            0,
        );
        if r < 0 {
            if errors::last_errno() == libc::EINTR {
                errors::check_signals()?;
                continue;
            }
            return Err(errors::last_os_error());
        }
        done += r as usize;
    }
    Ok(b)
});
