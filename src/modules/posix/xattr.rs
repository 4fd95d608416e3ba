//! Extended attributes of `posix` on Linux (`getxattr`, `setxattr`,
//! `removexattr`, `listxattr`): the file is a path, a descriptor, or with
//! `follow_symlinks=False` the link itself (the `l*` calls); each raises
//! its `os.*` audit event as CPython does.
use super::path::{self, PathArg, Target};
use super::{audit, follow_arg, int_arg};
use crate::ffi::*;
use crate::modules::args::{bind, builtin};
use crate::object::{buffer, bytes, list, none};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_char, c_int, c_void};

/// The file an attribute call works on.
enum File {
    Fd(c_int),
    /// A path; `follow` is false for the link itself.
    Path(PathArg, bool),
}

impl File {
    /// The file argument `o` of `func` (a path or a descriptor) with its
    /// `follow_symlinks`; a descriptor cannot be combined with not
    /// following links (`fd_and_follow_symlinks_invalid`).
    unsafe fn of(func: &str, o: *mut PyObject, follow: Option<*mut PyObject>) -> PyResult<File> {
        let follow = follow_arg(follow)?;
        // SAFETY: o valid.
        match unsafe { path::target(func, "path", o, true)? } {
            Target::Fd(_) if !follow => Err(errors::value_error(format!(
                "{func}: cannot use fd and follow_symlinks together"
            ))),
            Target::Fd(fd) => Ok(File::Fd(fd)),
            Target::Path(p) => Ok(File::Path(p, follow)),
        }
    }

    /// The `OSError` of the last call, naming the path when there is one.
    fn error(&self) -> errors::Raised {
        match self {
            File::Fd(_) => errors::last_os_error(),
            File::Path(p, _) => p.error(),
        }
    }
}

/// The attribute name argument (str, bytes or `os.PathLike`).
unsafe fn attribute(func: &str, o: *mut PyObject) -> PyResult<PathArg> {
    // SAFETY: o valid.
    unsafe { path::path(func, "attribute", o) }
}

/// Calls `get` with growing buffers (128 bytes, then `XATTR_SIZE_MAX`)
/// until the value fits, as CPython does; the bytes read.
fn read_sized(file: &File, mut get: impl FnMut(*mut c_void, usize) -> isize) -> PyResult<Owned> {
    const XATTR_SIZE_MAX: usize = 65536;
    let mut size = 128;
    loop {
        let mut buf = vec![0u8; size];
        let n = crate::runtime::gil::allow_threads(|| get(buf.as_mut_ptr().cast(), size));
        if n >= 0 {
            return bytes::from_slice(&buf[..n as usize]);
        }
        if errors::last_errno() != libc::ERANGE || size == XATTR_SIZE_MAX {
            return Err(file.error());
        }
        size = XATTR_SIZE_MAX;
    }
}

// `os.getxattr(path, attribute, *, follow_symlinks=True)`: the value of
// the attribute, as bytes.
builtin!(pub(super) posix_getxattr, |args, kws| {
    let [p, a, f] = bind("getxattr", args, &kws, ["path", "attribute", "follow_symlinks"], 2, 2)?;
    let file = File::of("getxattr", p.unwrap(), f)?;
    let attr = attribute("getxattr", a.unwrap())?;
    audit(c"os.getxattr", &[p.unwrap(), a.unwrap()], &[])?;
    let name = attr.c.as_ptr();
    read_sized(&file, |buf, size| match &file {
        // SAFETY: buf has size bytes; the names are C strings.
        File::Fd(fd) => unsafe { libc::fgetxattr(*fd, name, buf, size) },
        File::Path(p, true) => unsafe { libc::getxattr(p.c.as_ptr(), name, buf, size) },
        File::Path(p, false) => unsafe { libc::lgetxattr(p.c.as_ptr(), name, buf, size) },
    })
});

// `os.setxattr(path, attribute, value, flags=0, *, follow_symlinks=True)`.
builtin!(pub(super) posix_setxattr, |args, kws| {
    let [p, a, v, fl, f] = bind(
        "setxattr",
        args,
        &kws,
        ["path", "attribute", "value", "flags", "follow_symlinks"],
        4,
        3,
    )?;
    let file = File::of("setxattr", p.unwrap(), f)?;
    let attr = attribute("setxattr", a.unwrap())?;
    let mut view: Py_buffer = std::mem::zeroed();
    buffer::get(v.unwrap(), &mut view, PyBUF_SIMPLE)?;
    let r = (|| -> PyResult<()> {
        let flags = match fl {
            Some(fl) => c_int::try_from(int_arg(fl)?)
                .map_err(|_| errors::overflow_error("signed integer is greater than maximum"))?,
            None => 0,
        };
        let (name, value, size) = (attr.c.as_ptr(), view.buf as *const c_void, view.len as usize);
        // Hooks see the value as bytes, whatever buffer it came in.
        crate::runtime::audit::audit_with(c"os.setxattr", || {
            let data = match size {
                0 => &[][..],
                // SAFETY: the view holds size bytes.
                _ => std::slice::from_raw_parts(value as *const u8, size),
            };
            Ok(vec![
                Owned::from_borrowed(p.unwrap()),
                Owned::from_borrowed(a.unwrap()),
                bytes::from_slice(data)?,
                crate::object::int::from_i64(flags as i64)?,
            ])
        })?;
        let r = crate::runtime::gil::allow_threads(|| match &file {
            // SAFETY: value has size bytes; the names are C strings.
            File::Fd(fd) => unsafe { libc::fsetxattr(*fd, name, value, size, flags) },
            File::Path(p, true) => unsafe {
                libc::setxattr(p.c.as_ptr(), name, value, size, flags)
            },
            File::Path(p, false) => unsafe {
                libc::lsetxattr(p.c.as_ptr(), name, value, size, flags)
            },
        });
        if r != 0 {
            return Err(file.error());
        }
        Ok(())
    })();
    buffer::release(&mut view);
    r?;
    Ok(none::owned())
});

// `os.removexattr(path, attribute, *, follow_symlinks=True)`.
builtin!(pub(super) posix_removexattr, |args, kws| {
    let [p, a, f] = bind("removexattr", args, &kws, ["path", "attribute", "follow_symlinks"], 2, 2)?;
    let file = File::of("removexattr", p.unwrap(), f)?;
    let attr = attribute("removexattr", a.unwrap())?;
    audit(c"os.removexattr", &[p.unwrap(), a.unwrap()], &[])?;
    let name = attr.c.as_ptr();
    let r = crate::runtime::gil::allow_threads(|| match &file {
        // SAFETY: the names are C strings.
        File::Fd(fd) => unsafe { libc::fremovexattr(*fd, name) },
        File::Path(p, true) => unsafe { libc::removexattr(p.c.as_ptr(), name) },
        File::Path(p, false) => unsafe { libc::lremovexattr(p.c.as_ptr(), name) },
    });
    if r != 0 {
        return Err(file.error());
    }
    Ok(none::owned())
});

// `os.listxattr(path=None, *, follow_symlinks=True)`: the attribute names
// of the file (the current directory for None), as str.
builtin!(pub(super) posix_listxattr, |args, kws| {
    let [p, f] = bind("listxattr", args, &kws, ["path", "follow_symlinks"], 1, 0)?;
    let given = p.filter(|&p| p != none::none());
    let file = match given {
        Some(p) => File::of("listxattr", p, f)?,
        None => File::Path(path::path("listxattr", "path", crate::interned!("."))?, follow_arg(f)?),
    };
    audit(c"os.listxattr", &[given.unwrap_or(none::none())], &[])?;
    let names = read_sized(&file, |buf, size| {
        let buf = buf.cast::<c_char>();
        match &file {
            // SAFETY: buf has size bytes; the path is a C string.
            File::Fd(fd) => unsafe { libc::flistxattr(*fd, buf, size) },
            File::Path(p, true) => unsafe { libc::listxattr(p.c.as_ptr(), buf, size) },
            File::Path(p, false) => unsafe { libc::llistxattr(p.c.as_ptr(), buf, size) },
        }
    })?;
    let out = list::new(0)?;
    for name in bytes::as_slice(names.as_ptr()).split(|&b| b == 0).filter(|n| !n.is_empty()) {
        list::append(out.as_ptr(), crate::runtime::fs_codec::decode(name)?.as_ptr())?;
    }
    Ok(out)
});
