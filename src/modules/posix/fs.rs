//! File-system functions of `posix`: directories (`listdir`, `mkdir`,
//! `rmdir`, `chdir`, `getcwd`), names (`unlink`, `rename`, `link`,
//! `symlink`, `readlink`), and metadata (`chmod`, `chown`, `lchown`,
//! `fchown`, `utime`, `access`, `truncate`), nodes (`mkfifo`, `mknod`,
//! `makedev`), `chroot`. Paths may be relative to `dir_fd`.
use super::path::{self, PathArg, Target};
use super::{audit, audit_dir_fd, dir_fd_arg, follow_arg, ids, int_arg};
use crate::modules::args::{bind, builtin};
use crate::object::none;
use crate::object::{bool as pybool, bytes, float, int, list, number, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::fs_codec;
use crate::Owned;
use libc::c_int;
use std::ptr::null_mut;

/// Fails with the path's `OSError` when a libc call returned non-zero.
fn check(r: c_int, p: &PathArg) -> PyResult<()> {
    if r != 0 {
        return Err(p.error());
    }
    Ok(())
}

/// Fails with the `OSError` naming two paths when a libc call failed.
fn check2(r: c_int, a: &PathArg, b: &PathArg) -> PyResult<()> {
    if r != 0 {
        return Err(a.error2(b));
    }
    Ok(())
}

/// The names in an open directory stream, closing it.
unsafe fn read_names(dir: *mut libc::DIR, as_bytes: bool) -> PyResult<Owned> {
    let out = list::new(0)?;
    // SAFETY: dir is an open stream that we close once.
    unsafe {
        loop {
            *libc::__errno_location() = 0;
            let ent = libc::readdir(dir);
            if ent.is_null() {
                let e = errors::last_errno();
                libc::closedir(dir);
                if e != 0 {
                    return Err(errors::os_error(e, null_mut(), null_mut()));
                }
                return Ok(out);
            }
            let name = path::cstr_bytes((*ent).d_name.as_ptr());
            if name == b"." || name == b".." {
                continue;
            }
            let v = if as_bytes {
                bytes::from_slice(name)
            } else {
                fs_codec::decode(name)
            };
            match v {
                Ok(v) => list::append(out.as_ptr(), v.as_ptr())?,
                Err(r) => {
                    libc::closedir(dir);
                    return Err(r);
                }
            }
        }
    }
}

builtin!(pub(super) posix_listdir, |args, kws| {
    let [p] = bind("listdir", args, &kws, ["path"], 1, 0)?;
    audit(c"os.listdir", &[p.unwrap_or(none::none())], &[])?;
    let dir = match p.filter(|&p| p != none::none()) {
        None => {
            let d = libc::opendir(c".".as_ptr());
            if d.is_null() {
                return Err(errors::os_error(
                    errors::last_errno(),
                    fs_codec::decode(b".")?.as_ptr(),
                    null_mut(),
                ));
            }
            return read_names(d, false);
        }
        Some(p) => path::nullable_target("listdir", "path", p)?,
    };
    match dir {
        Target::Fd(fd) => {
            let d = fdopen_dir(fd)?;
            libc::rewinddir(d);
            read_names(d, false)
        }
        Target::Path(p) => {
            let d = libc::opendir(p.c.as_ptr());
            if d.is_null() {
                return Err(p.error());
            }
            read_names(d, p.bytes)
        }
    }
});

/// A directory stream over a duplicate of `fd` (the caller keeps `fd`).
pub(super) fn fdopen_dir(fd: c_int) -> PyResult<*mut libc::DIR> {
    // SAFETY: plain libc calls on descriptors.
    unsafe {
        let dup = libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0);
        if dup < 0 {
            return Err(errors::last_os_error());
        }
        let d = libc::fdopendir(dup);
        if d.is_null() {
            let e = errors::last_errno();
            libc::close(dup);
            return Err(errors::os_error(e, null_mut(), null_mut()));
        }
        Ok(d)
    }
}

builtin!(pub(super) posix_mkdir, |args, kws| {
    let [p, m, d] = bind("mkdir", args, &kws, ["path", "mode", "dir_fd"], 2, 1)?;
    let p = path::path("mkdir", "path", p.unwrap())?;
    let mode = match m {
        Some(m) => int_arg(m)? as libc::mode_t,
        None => 0o777,
    };
    let dfd = dir_fd_arg(d)?;
    audit(c"os.mkdir", &[p.obj.as_ptr()], &[mode as i64, audit_dir_fd(dfd)])?;
    check(libc::mkdirat(dfd, p.c.as_ptr(), mode), &p)?;
    Ok(none::owned())
});

builtin!(pub(super) posix_rmdir, |args, kws| {
    let [p, d] = bind("rmdir", args, &kws, ["path", "dir_fd"], 1, 1)?;
    let p = path::path("rmdir", "path", p.unwrap())?;
    let dfd = dir_fd_arg(d)?;
    audit(c"os.rmdir", &[p.obj.as_ptr()], &[audit_dir_fd(dfd)])?;
    check(libc::unlinkat(dfd, p.c.as_ptr(), libc::AT_REMOVEDIR), &p)?;
    Ok(none::owned())
});

/// `unlink` and its alias `remove`.
unsafe fn unlink_impl(
    name: &str,
    args: crate::modules::args::Args,
    kws: &[(&str, *mut crate::ffi::PyObject)],
) -> PyResult<Owned> {
    let [p, d] = bind(name, args, kws, ["path", "dir_fd"], 1, 1)?;
    // SAFETY: p is a valid object.
    let p = unsafe { path::path(name, "path", p.unwrap())? };
    let dfd = dir_fd_arg(d)?;
    audit(c"os.remove", &[p.obj.as_ptr()], &[audit_dir_fd(dfd)])?;
    // SAFETY: p.c is a C string.
    check(unsafe { libc::unlinkat(dfd, p.c.as_ptr(), 0) }, &p)?;
    Ok(none::owned())
}

builtin!(pub(super) posix_unlink, |args, kws| unlink_impl("unlink", args, &kws));
builtin!(pub(super) posix_remove, |args, kws| unlink_impl("remove", args, &kws));

/// `rename` and `replace` (the same call on POSIX).
unsafe fn rename_impl(
    name: &str,
    args: crate::modules::args::Args,
    kws: &[(&str, *mut crate::ffi::PyObject)],
) -> PyResult<Owned> {
    let [s, d, sd, dd] = bind(
        name,
        args,
        kws,
        ["src", "dst", "src_dir_fd", "dst_dir_fd"],
        2,
        2,
    )?;
    // SAFETY: valid objects; C strings.
    unsafe {
        let s = path::path(name, "src", s.unwrap())?;
        let d = path::path(name, "dst", d.unwrap())?;
        let (sd, dd) = (dir_fd_arg(sd)?, dir_fd_arg(dd)?);
        audit(
            c"os.rename",
            &[s.obj.as_ptr(), d.obj.as_ptr()],
            &[audit_dir_fd(sd), audit_dir_fd(dd)],
        )?;
        let r = libc::renameat(sd, s.c.as_ptr(), dd, d.c.as_ptr());
        check2(r, &s, &d)?;
    }
    Ok(none::owned())
}

builtin!(pub(super) posix_rename, |args, kws| rename_impl("rename", args, &kws));
builtin!(pub(super) posix_replace, |args, kws| rename_impl("replace", args, &kws));

builtin!(pub(super) posix_chdir, |args, kws| {
    let [p] = bind("chdir", args, &kws, ["path"], 1, 1)?;
    let target = path::target("chdir", "path", p.unwrap(), true)?;
    audit(c"os.chdir", &[p.unwrap()], &[])?;
    match target {
        Target::Fd(fd) => {
            if libc::fchdir(fd) != 0 {
                return Err(errors::last_os_error());
            }
        }
        Target::Path(p) => check(libc::chdir(p.c.as_ptr()), &p)?,
    }
    Ok(none::owned())
});

builtin!(pub(super) posix_fchdir, |args, kws| {
    let [fd] = bind("fchdir", args, &kws, ["fd"], 1, 1)?;
    let fd = crate::modules::select::as_fd(fd.unwrap())?;
    audit(c"os.chdir", &[], &[fd as i64])?;
    if libc::fchdir(fd) != 0 {
        return Err(errors::last_os_error());
    }
    Ok(none::owned())
});

/// The current directory's bytes.
fn cwd() -> PyResult<Vec<u8>> {
    let mut buf = vec![0u8; 1024];
    loop {
        // SAFETY: buf has buf.len() writable bytes.
        let r = unsafe { libc::getcwd(buf.as_mut_ptr().cast(), buf.len()) };
        if !r.is_null() {
            let n = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
            buf.truncate(n);
            return Ok(buf);
        }
        if errors::last_errno() != libc::ERANGE {
            return Err(errors::last_os_error());
        }
        buf.resize(buf.len() * 2, 0);
    }
}

builtin!(pub(super) posix_getcwd, |args, kws| {
    bind("getcwd", args, &kws, [], 0, 0)?;
    fs_codec::decode(&cwd()?)
});

builtin!(pub(super) posix_getcwdb, |args, kws| {
    bind("getcwdb", args, &kws, [], 0, 0)?;
    bytes::from_slice(&cwd()?)
});

builtin!(pub(super) posix_chmod, |args, kws| {
    let [p, m, d, f] = bind("chmod", args, &kws, ["path", "mode", "dir_fd", "follow_symlinks"], 2, 2)?;
    let mode = int_arg(m.unwrap())? as libc::mode_t;
    let target = path::target("chmod", "path", p.unwrap(), true)?;
    let dfd = dir_fd_arg(d)?;
    audit(c"os.chmod", &[p.unwrap()], &[mode as i64, audit_dir_fd(dfd)])?;
    match target {
        Target::Fd(fd) => {
            if libc::fchmod(fd, mode) != 0 {
                return Err(errors::last_os_error());
            }
        }
        Target::Path(p) => {
            // Linux cannot change a link's own mode: fchmodat refuses
            // AT_SYMLINK_NOFOLLOW with ENOTSUP, as CPython reports.
            let flags = if follow_arg(f)? { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
            check(libc::fchmodat(dfd, p.c.as_ptr(), mode, flags), &p)?;
        }
    }
    Ok(none::owned())
});

builtin!(pub(super) posix_fchmod, |args, kws| {
    let [fd, m] = bind("fchmod", args, &kws, ["fd", "mode"], 2, 2)?;
    let (fd, mode) = (path::fd_value(fd.unwrap())?, int_arg(m.unwrap())?);
    audit(c"os.chmod", &[], &[fd as i64, mode, -1])?;
    if libc::fchmod(fd, mode as libc::mode_t) != 0 {
        return Err(errors::last_os_error());
    }
    Ok(none::owned())
});

builtin!(pub(super) posix_chown, |args, kws| {
    let [p, u, g, d, f] = bind("chown", args, &kws, ["path", "uid", "gid", "dir_fd", "follow_symlinks"], 3, 3)?;
    let uid = ids::uid_arg(u.unwrap())?;
    let gid = ids::gid_arg(g.unwrap())?;
    let target = path::target("chown", "path", p.unwrap(), true)?;
    let dfd = dir_fd_arg(d)?;
    audit(
        c"os.chown",
        &[p.unwrap()],
        &[uid as i64, gid as i64, audit_dir_fd(dfd)],
    )?;
    match target {
        Target::Fd(fd) => {
            if libc::fchown(fd, uid, gid) != 0 {
                return Err(errors::last_os_error());
            }
        }
        Target::Path(p) => {
            let flags = if follow_arg(f)? { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
            check(libc::fchownat(dfd, p.c.as_ptr(), uid, gid, flags), &p)?;
        }
    }
    Ok(none::owned())
});

// `os.lchown(path, uid, gid)`: chown without following a final symlink;
// CPython raises `os.chown` for it, with no `dir_fd` (-1).
builtin!(pub(super) posix_lchown, |args, kws| {
    let [p, u, g] = bind("lchown", args, &kws, ["path", "uid", "gid"], 3, 3)?;
    let path = path::path("lchown", "path", p.unwrap())?;
    let (uid, gid) = (ids::uid_arg(u.unwrap())?, ids::gid_arg(g.unwrap())?);
    audit(c"os.chown", &[p.unwrap()], &[uid as i64, gid as i64, -1])?;
    check(libc::lchown(path.c.as_ptr(), uid, gid), &path)?;
    Ok(none::owned())
});

// `os.fchown(fd, uid, gid)`: raises `os.chown` with the descriptor, as
// CPython; retried when a signal interrupts it.
builtin!(pub(super) posix_fchown, |args, kws| {
    let [fd, u, g] = bind("fchown", args, &kws, ["fd", "uid", "gid"], 3, 3)?;
    let fd = path::fd_value(fd.unwrap())?;
    let (uid, gid) = (ids::uid_arg(u.unwrap())?, ids::gid_arg(g.unwrap())?);
    audit(c"os.chown", &[], &[fd as i64, uid as i64, gid as i64, -1])?;
    super::fd::retry(|| libc::fchown(fd, uid, gid))?;
    Ok(none::owned())
});

// `os.chroot(path)`.
builtin!(pub(super) posix_chroot, |args, kws| {
    let [p] = bind("chroot", args, &kws, ["path"], 1, 1)?;
    let p = path::path("chroot", "path", p.unwrap())?;
    check(libc::chroot(p.c.as_ptr()), &p)?;
    Ok(none::owned())
});

// `os.mknod(path, mode=0o600, device=0, *, dir_fd=None)`.
builtin!(pub(super) posix_mknod, |args, kws| {
    let [p, m, dev, d] = bind("mknod", args, &kws, ["path", "mode", "device", "dir_fd"], 3, 1)?;
    let p = path::path("mknod", "path", p.unwrap())?;
    let mode = match m {
        Some(m) => int_arg(m)? as libc::mode_t,
        None => 0o600,
    };
    let dev = match dev {
        Some(d) => dev_arg(d)?,
        None => 0,
    };
    // CPython's error names no file.
    if libc::mknodat(dir_fd_arg(d)?, p.c.as_ptr(), mode, dev) != 0 {
        return Err(errors::last_os_error());
    }
    Ok(none::owned())
});

/// A `dev_t` argument (`_Py_Dev_Converter`): an int; -1 is `NODEV`,
/// other negative or too large values overflow.
unsafe fn dev_arg(o: *mut crate::ffi::PyObject) -> PyResult<libc::dev_t> {
    // SAFETY: o valid.
    unsafe {
        if !int::check(o) {
            return Err(errors::type_error("an integer is required"));
        }
        match int::as_i128(o) {
            Some(-1) => Ok(libc::dev_t::MAX),
            Some(v) if (0..=u64::MAX as i128).contains(&v) => Ok(v as libc::dev_t),
            _ if int::sign(o) < 0 => Err(errors::overflow_error(
                "can't convert negative int to unsigned",
            )),
            _ => Err(errors::overflow_error("int too big to convert")),
        }
    }
}

/// A device number as an int (`_PyLong_FromDev`): `NODEV` is -1.
fn from_dev(dev: libc::dev_t) -> PyResult<Owned> {
    match dev {
        libc::dev_t::MAX => int::from_i64(-1),
        d => int::from_u64(d),
    }
}

/// A device's major or minor number argument of `makedev`: converted as
/// a `dev_t`, then an unsigned C int (-1 stays `NODEV`'s part).
unsafe fn dev_part_arg(o: *mut crate::ffi::PyObject) -> PyResult<u32> {
    // SAFETY: o valid.
    match unsafe { dev_arg(o)? } {
        libc::dev_t::MAX => Ok(u32::MAX),
        v => u32::try_from(v).map_err(|_| {
            errors::overflow_error("Python int too large to convert to C unsigned int")
        }),
    }
}

/// `os.major(device, /)` or `os.minor(device, /)` (`name`): the `part`
/// of a device number, -1 for `NODEV`.
unsafe fn device_part(
    name: &str,
    args: &[*mut crate::ffi::PyObject],
    kws: &[(&str, *mut crate::ffi::PyObject)],
    part: extern "C" fn(libc::dev_t) -> libc::c_uint,
) -> PyResult<Owned> {
    crate::modules::args::no_kwargs(&format!("posix.{name}"), kws)?;
    crate::modules::args::arity(&format!("posix.{name}"), args, 1, 1)?;
    // SAFETY: args[0] is a live argument.
    match unsafe { dev_arg(args[0]) }? {
        libc::dev_t::MAX => int::from_i64(-1),
        d => int::from_i64(i64::from(part(d))),
    }
}

builtin!(pub(super) posix_major, |args, kws| device_part("major", args, &kws, libc::major));
builtin!(pub(super) posix_minor, |args, kws| device_part("minor", args, &kws, libc::minor));

// `os.makedev(major, minor, /)`: `NODEV` from two -1s.
builtin!(pub(super) posix_makedev, |args, kws| {
    crate::modules::args::no_kwargs("posix.makedev", &kws)?;
    crate::modules::args::arity("makedev", args, 2, 2)?;
    let (major, minor) = (dev_part_arg(args[0])?, dev_part_arg(args[1])?);
    if major == u32::MAX && minor == u32::MAX {
        return from_dev(libc::dev_t::MAX);
    }
    from_dev(libc::makedev(major, minor))
});

/// A timestamp in seconds as a `timespec` (ints exactly, floats rounded
/// down to nanoseconds, as `_PyTime_ObjectToTimespec` with
/// `_PyTime_ROUND_FLOOR`: whole and fractional seconds apart, so a large
/// timestamp keeps its nanoseconds).
unsafe fn timespec_of(o: *mut crate::ffi::PyObject) -> PyResult<libc::timespec> {
    // SAFETY: o valid.
    unsafe {
        if float::check(o) {
            let v = float::value(o);
            if v.is_nan() {
                return Err(errors::value_error("Invalid value NaN (not a number)"));
            }
            let mut secs = v.trunc();
            let mut frac = ((v - secs) * 1e9).floor();
            if frac >= 1e9 {
                frac -= 1e9;
                secs += 1.0;
            } else if frac < 0.0 {
                frac += 1e9;
                secs -= 1.0;
            }
            if !(secs >= i64::MIN as f64 && secs < i64::MAX as f64) {
                return Err(errors::overflow_error(
                    "timestamp out of range for platform time_t",
                ));
            }
            return Ok(libc::timespec {
                tv_sec: secs as i64,
                tv_nsec: frac as i64,
            });
        }
        Ok(libc::timespec {
            tv_sec: int::as_i64(number::index(o)?.as_ptr())?,
            tv_nsec: 0,
        })
    }
}

builtin!(pub(super) posix_utime, |args, kws| {
    let [p, t, n, d, f] = bind("utime", args, &kws, ["path", "times", "ns", "dir_fd", "follow_symlinks"], 2, 1)?;
    let nn = none::none();
    let t = t.filter(|&t| t != nn);
    let mut ts = [libc::timespec { tv_sec: 0, tv_nsec: libc::UTIME_NOW }; 2];
    match (t, n) {
        (Some(_), Some(_)) => {
            return Err(errors::value_error(
                "utime: you may specify either 'times' or 'ns' but not both",
            ))
        }
        (Some(t), None) => {
            if !tuple::check(t) || tuple::size(t) != 2 {
                return Err(errors::type_error(
                    "utime: 'times' must be either a tuple of two ints or None",
                ));
            }
            for (slot, &v) in ts.iter_mut().zip(tuple::items(t)) {
                *slot = timespec_of(v)?;
            }
        }
        (None, Some(n)) => {
            if !tuple::check(n) || tuple::size(n) != 2 {
                return Err(errors::type_error(
                    "utime: 'ns' must be a tuple of two ints",
                ));
            }
            for (slot, &v) in ts.iter_mut().zip(tuple::items(n)) {
                let total = int::as_i128(number::index(v)?.as_ptr())
                    .ok_or_else(|| errors::overflow_error("timestamp out of range"))?;
                *slot = libc::timespec {
                    tv_sec: total.div_euclid(1_000_000_000) as i64,
                    tv_nsec: total.rem_euclid(1_000_000_000) as i64,
                };
            }
        }
        (None, None) => {}
    }
    let target = path::target("utime", "path", p.unwrap(), true)?;
    let dfd = dir_fd_arg(d)?;
    audit(
        c"os.utime",
        &[p.unwrap(), t.unwrap_or(nn), n.unwrap_or(nn)],
        &[audit_dir_fd(dfd)],
    )?;
    match target {
        Target::Fd(fd) => {
            if libc::futimens(fd, ts.as_ptr()) != 0 {
                return Err(errors::last_os_error());
            }
        }
        Target::Path(p) => {
            let flags = if follow_arg(f)? { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
            check(libc::utimensat(dfd, p.c.as_ptr(), ts.as_ptr(), flags), &p)?;
        }
    }
    Ok(none::owned())
});

builtin!(pub(super) posix_readlink, |args, kws| {
    let [p, d] = bind("readlink", args, &kws, ["path", "dir_fd"], 1, 1)?;
    let p = path::path("readlink", "path", p.unwrap())?;
    let dfd = dir_fd_arg(d)?;
    let mut buf = vec![0u8; 256];
    loop {
        let n = libc::readlinkat(dfd, p.c.as_ptr(), buf.as_mut_ptr().cast(), buf.len());
        if n < 0 {
            return Err(p.error());
        }
        if (n as usize) < buf.len() {
            buf.truncate(n as usize);
            return p.name(&buf);
        }
        buf.resize(buf.len() * 2, 0);
    }
});

builtin!(pub(super) posix_symlink, |args, kws| {
    let [s, d, _dir, dfd] = bind("symlink", args, &kws, ["src", "dst", "target_is_directory", "dir_fd"], 3, 2)?;
    let s = path::path("symlink", "src", s.unwrap())?;
    let d = path::path("symlink", "dst", d.unwrap())?;
    let dfd = dir_fd_arg(dfd)?;
    audit(c"os.symlink", &[s.obj.as_ptr(), d.obj.as_ptr()], &[audit_dir_fd(dfd)])?;
    check2(libc::symlinkat(s.c.as_ptr(), dfd, d.c.as_ptr()), &s, &d)?;
    Ok(none::owned())
});

builtin!(pub(super) posix_link, |args, kws| {
    let [s, d, sd, dd, f] = bind("link", args, &kws, ["src", "dst", "src_dir_fd", "dst_dir_fd", "follow_symlinks"], 2, 2)?;
    let s = path::path("link", "src", s.unwrap())?;
    let d = path::path("link", "dst", d.unwrap())?;
    let flags = if follow_arg(f)? { libc::AT_SYMLINK_FOLLOW } else { 0 };
    let (sd, dd) = (dir_fd_arg(sd)?, dir_fd_arg(dd)?);
    audit(
        c"os.link",
        &[s.obj.as_ptr(), d.obj.as_ptr()],
        &[audit_dir_fd(sd), audit_dir_fd(dd)],
    )?;
    let r = libc::linkat(sd, s.c.as_ptr(), dd, d.c.as_ptr(), flags);
    check2(r, &s, &d)?;
    Ok(none::owned())
});

builtin!(pub(super) posix_access, |args, kws| {
    let [p, m, d, e, f] = bind("access", args, &kws, ["path", "mode", "dir_fd", "effective_ids", "follow_symlinks"], 2, 2)?;
    let p = path::path("access", "path", p.unwrap())?;
    let mode = int_arg(m.unwrap())? as c_int;
    let mut flags = if follow_arg(f)? { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
    if let Some(e) = e {
        if crate::object::protocol::is_true(e)? {
            flags |= libc::AT_EACCESS;
        }
    }
    let r = libc::faccessat(dir_fd_arg(d)?, p.c.as_ptr(), mode, flags);
    Ok(Owned::from_borrowed_static(pybool::from_bool(r == 0)))
});

builtin!(pub(super) posix_truncate, |args, kws| {
    let [p, l] = bind("truncate", args, &kws, ["path", "length"], 2, 2)?;
    let len = int_arg(l.unwrap())?;
    let target = path::target("truncate", "path", p.unwrap(), true)?;
    audit(c"os.truncate", &[p.unwrap()], &[len])?;
    match target {
        Target::Fd(fd) => {
            if libc::ftruncate(fd, len) != 0 {
                return Err(errors::last_os_error());
            }
        }
        Target::Path(p) => check(libc::truncate(p.c.as_ptr(), len), &p)?,
    }
    Ok(none::owned())
});

builtin!(pub(super) posix_mkfifo, |args, kws| {
    let [p, m, d] = bind("mkfifo", args, &kws, ["path", "mode", "dir_fd"], 2, 1)?;
    let p = path::path("mkfifo", "path", p.unwrap())?;
    let mode = match m {
        Some(m) => int_arg(m)? as libc::mode_t,
        None => 0o666,
    };
    check(libc::mkfifoat(dir_fd_arg(d)?, p.c.as_ptr(), mode), &p)?;
    Ok(none::owned())
});
