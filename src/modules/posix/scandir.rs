//! `scandir` and its two types (CPython's `ScandirIterator` and
//! `DirEntry`): the iterator reads a directory stream and yields entries
//! that keep the `d_type` and inode from `readdir`, so `is_dir()` and
//! friends usually need no system call, and cache `stat()` results.
use super::path::{self, Target};
use super::stat::{do_stat, from_stat};
use crate::ffi::*;
use crate::modules::args::{bind, builtin};
use crate::object::descr::{method, METHOD_END};
use crate::object::exceptions::{member, MEMBER_END};
use crate::object::none;
use crate::object::refcount::*;
use crate::object::typeobj::type_template;
use crate::object::{bool as pybool, bytes, int, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::runtime::fs_codec;
use crate::Owned;
use libc::{c_int, c_void};
use std::ffi::CString;
use std::mem::offset_of;
use std::ptr::null_mut;

/// A `posix.DirEntry`.
#[repr(C)]
pub struct DirEntry {
    ob_base: PyObject,
    name: *mut PyObject,
    path: *mut PyObject,
    stat: *mut PyObject,
    lstat: *mut PyObject,
    ino: u64,
    d_type: u8,
    /// The directory's descriptor when scanning one (`scandir(fd)`), else -1.
    dir_fd: c_int,
}

/// A `posix.ScandirIterator`.
#[repr(C)]
pub struct ScandirIter {
    ob_base: PyObject,
    dir: *mut libc::DIR,
    /// The directory as given (str or bytes), NULL for a descriptor scan.
    prefix: *mut PyObject,
    fd: c_int,
}

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut ENTRY_METHODS: [PyMethodDef; 8] = [
    method(c"is_dir", entry_is_dir as *const c_void, FK),
    method(c"is_file", entry_is_file as *const c_void, FK),
    method(c"is_symlink", entry_is_symlink as *const c_void, FK),
    method(c"is_junction", entry_is_junction as *const c_void, FK),
    method(c"stat", entry_stat as *const c_void, FK),
    method(c"inode", entry_inode as *const c_void, FK),
    method(c"__fspath__", entry_fspath as *const c_void, FK),
    METHOD_END,
];

static mut ENTRY_MEMBERS: [PyMemberDef; 3] = [
    member(
        c"name",
        offset_of!(DirEntry, name),
        Py_READONLY,
        c"the entry's base filename",
    ),
    member(
        c"path",
        offset_of!(DirEntry, path),
        Py_READONLY,
        c"the entry's full path name",
    ),
    MEMBER_END,
];

/// `posix.DirEntry`.
pub static mut DIR_ENTRY_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT,
    tp_dealloc: Some(entry_dealloc),
    tp_repr: Some(entry_repr),
    tp_methods: (&raw mut ENTRY_METHODS).cast(),
    tp_members: (&raw mut ENTRY_MEMBERS).cast(),
    ..type_template(c"posix.DirEntry", std::mem::size_of::<DirEntry>(), 0)
};

static mut ITER_METHODS: [PyMethodDef; 4] = [
    method(c"close", iter_close as *const c_void, FK),
    method(c"__enter__", iter_enter as *const c_void, FK),
    method(c"__exit__", iter_exit as *const c_void, FK),
    METHOD_END,
];

/// `posix.ScandirIterator`.
pub static mut SCANDIR_ITER_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT,
    tp_dealloc: Some(iter_dealloc),
    tp_finalize: Some(iter_finalize),
    tp_iter: Some(crate::object::iterobject::self_iter),
    tp_iternext: Some(iter_next),
    tp_methods: (&raw mut ITER_METHODS).cast(),
    ..type_template(
        c"posix.ScandirIterator",
        std::mem::size_of::<ScandirIter>(),
        0,
    )
};

/// Readies both types (for the module namespace).
pub(super) fn types() -> PyResult<[*mut PyTypeObject; 2]> {
    // SAFETY: static types.
    unsafe {
        for tp in [&raw mut DIR_ENTRY_TYPE, &raw mut SCANDIR_ITER_TYPE] {
            if (*tp).tp_flags & Py_TPFLAGS_READY == 0 {
                crate::object::typeobj::ready(tp)?;
            }
        }
        Ok([&raw mut DIR_ENTRY_TYPE, &raw mut SCANDIR_ITER_TYPE])
    }
}

/// Allocates an instance of a static type of ours.
unsafe fn alloc(tp: *mut PyTypeObject) -> PyResult<*mut PyObject> {
    // SAFETY: tp is ready; generic allocation zero-fills.
    unsafe {
        let alloc = (*tp)
            .tp_alloc
            .unwrap_or(crate::capi::allocation::PyType_GenericAlloc);
        let op = alloc(tp, 0);
        if op.is_null() {
            return Err(Raised::assume());
        }
        Ok(op)
    }
}

unsafe fn free(op: *mut PyObject) {
    // SAFETY: op's refcount reached zero.
    unsafe {
        let tp = (*op).ob_type;
        if let Some(f) = (*tp).tp_free {
            f(op.cast());
        }
    }
}

builtin!(pub(super) posix_scandir, |args, kws| {
    let [p] = bind("scandir", args, &kws, ["path"], 1, 0)?;
    super::audit(c"os.scandir", &[p.unwrap_or(none::none())], &[])?;
    types()?;
    let (dir, prefix, fd) = match p.filter(|&p| p != none::none()) {
        None => {
            let d = libc::opendir(c".".as_ptr());
            if d.is_null() {
                return Err(errors::os_error(errors::last_errno(), fs_codec::decode(b".")?.as_ptr(), null_mut()));
            }
            (d, fs_codec::decode(b".")?, -1)
        }
        Some(p) => match path::nullable_target("scandir", "path", p)? {
            Target::Fd(fd) => {
                let d = super::fs::fdopen_dir(fd)?;
                libc::rewinddir(d);
                (d, Owned::from_borrowed_static(none::owned().into_raw()), fd)
            }
            Target::Path(pa) => {
                let d = libc::opendir(pa.c.as_ptr());
                if d.is_null() {
                    return Err(pa.error());
                }
                let value = if pa.bytes {
                    bytes::from_slice(pa.as_bytes())?
                } else {
                    fs_codec::decode(pa.as_bytes())?
                };
                (d, value, -1)
            }
        },
    };
    let op = match alloc(&raw mut SCANDIR_ITER_TYPE) {
        Ok(op) => op,
        Err(r) => {
            libc::closedir(dir);
            return Err(r);
        }
    };
    let it = op.cast::<ScandirIter>();
    (*it).dir = dir;
    (*it).fd = fd;
    (*it).prefix = if fd >= 0 { null_mut() } else { prefix.into_raw() };
    Ok(Owned::from_raw_unchecked(op))
});

unsafe fn close_dir(it: *mut ScandirIter) {
    // SAFETY: it is a live iterator; the stream is closed once.
    unsafe {
        if !(*it).dir.is_null() {
            libc::closedir((*it).dir);
            (*it).dir = null_mut();
        }
    }
}

/// `tp_finalize` (`ScandirIterator_finalize`): an iterator dropped before
/// it was exhausted or closed closes its directory and warns
/// `ResourceWarning: unclosed scandir iterator <repr>`.
unsafe extern "C" fn iter_finalize(op: *mut PyObject) {
    errors::keeping_raised(|| {
        // SAFETY: op is a live iterator (held by the caller).
        unsafe {
            let it = op.cast::<ScandirIter>();
            if (*it).dir.is_null() {
                return;
            }
            close_dir(it);
            let warned = protocol::repr_string(op).and_then(|r| {
                let msg = pystr::from_str(&format!("unclosed scandir iterator {r}"))?;
                crate::modules::_warnings::warn(
                    crate::object::exceptions::PyExc_ResourceWarning,
                    msg.as_ptr(),
                    1,
                    op,
                    null_mut(),
                )
            });
            if warned.is_err() && errors::matches(crate::object::exceptions::PyExc_Warning) {
                crate::capi::exceptions::PyErr_WriteUnraisable(op);
            }
        }
    })
}

unsafe extern "C" fn iter_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        if crate::object::subtype::call_finalizer_from_dealloc(op) {
            return;
        }
        let it = op.cast::<ScandirIter>();
        close_dir(it);
        xdecref((*it).prefix);
        free(op);
    }
}

/// The entry's path: the prefix joined with the name (as CPython's
/// `join_path_filename`), or the name alone for a descriptor scan.
unsafe fn entry_path(prefix: *mut PyObject, name: &[u8]) -> PyResult<Owned> {
    // SAFETY: prefix is NULL, a str or a bytes.
    unsafe {
        if prefix.is_null() {
            return fs_codec::decode(name);
        }
        let (pb, is_bytes) = if bytes::check(prefix) {
            (bytes::as_slice(prefix).to_vec(), true)
        } else {
            (
                bytes::as_slice(fs_codec::encode(prefix)?.as_ptr()).to_vec(),
                false,
            )
        };
        let mut full = pb;
        if !full.is_empty() && full.last() != Some(&b'/') {
            full.push(b'/');
        }
        full.extend_from_slice(name);
        if is_bytes {
            bytes::from_slice(&full)
        } else {
            fs_codec::decode(&full)
        }
    }
}

unsafe extern "C" fn iter_next(op: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a ScandirIterator.
        unsafe {
            let it = op.cast::<ScandirIter>();
            if (*it).dir.is_null() {
                return Err(errors::set_object(
                    crate::object::exceptions::PyExc_StopIteration,
                    null_mut(),
                ));
            }
            loop {
                *libc::__errno_location() = 0;
                let ent = libc::readdir((*it).dir);
                if ent.is_null() {
                    let e = errors::last_errno();
                    close_dir(it);
                    if e != 0 {
                        return Err(errors::os_error(e, (*it).prefix, null_mut()));
                    }
                    return Err(errors::set_object(
                        crate::object::exceptions::PyExc_StopIteration,
                        null_mut(),
                    ));
                }
                let name = path::cstr_bytes((*ent).d_name.as_ptr());
                if name == b"." || name == b".." {
                    continue;
                }
                let as_bytes = !(*it).prefix.is_null() && bytes::check((*it).prefix);
                let name_obj = if as_bytes {
                    bytes::from_slice(name)?
                } else {
                    fs_codec::decode(name)?
                };
                let path_obj = entry_path((*it).prefix, name)?;
                let e = alloc(&raw mut DIR_ENTRY_TYPE)?.cast::<DirEntry>();
                (*e).name = name_obj.into_raw();
                (*e).path = path_obj.into_raw();
                (*e).ino = (*ent).d_ino;
                (*e).d_type = (*ent).d_type;
                (*e).dir_fd = (*it).fd;
                return Ok(Owned::from_raw_unchecked(e.cast()));
            }
        }
    })
}

builtin!(iter_close, |slf, args, kws| {
    bind("close", args, &kws, [], 0, 0)?;
    close_dir(slf.cast());
    Ok(none::owned())
});

builtin!(iter_enter, |slf, args, kws| {
    bind("__enter__", args, &kws, [], 0, 0)?;
    Ok(Owned::from_borrowed(slf))
});

builtin!(iter_exit, |slf, args, kws| {
    let _ = (args, kws);
    close_dir(slf.cast());
    Ok(none::owned())
});

unsafe extern "C" fn entry_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        let e = op.cast::<DirEntry>();
        xdecref((*e).name);
        xdecref((*e).path);
        xdecref((*e).stat);
        xdecref((*e).lstat);
        free(op);
    }
}

unsafe extern "C" fn entry_repr(op: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a DirEntry.
        unsafe {
            let r = protocol::repr_string((*op.cast::<DirEntry>()).name)?;
            pystr::from_str(&format!("<DirEntry {r}>"))
        }
    })
}

/// The `follow_symlinks` keyword of the entry methods.
fn follow(
    fname: &str,
    args: crate::modules::args::Args,
    kws: &[(&str, *mut PyObject)],
) -> PyResult<bool> {
    let [f] = bind(fname, args, kws, ["follow_symlinks"], 0, 0)?;
    super::follow_arg(f)
}

/// The entry's `stat_result`, fetched once per `follow` mode.
unsafe fn entry_stat_obj(e: *mut DirEntry, follow: bool) -> PyResult<*mut PyObject> {
    // SAFETY: e is a live DirEntry.
    unsafe {
        let follow = follow && is_symlink(e)?;
        let slot = if follow {
            &mut (*e).stat
        } else {
            &mut (*e).lstat
        };
        if slot.is_null() {
            let st = if (*e).dir_fd >= 0 {
                let name = bytes::as_slice(fs_codec::encode((*e).name)?.as_ptr()).to_vec();
                let c =
                    CString::new(name).map_err(|_| errors::value_error("embedded null byte"))?;
                let t = Target::Path(path::PathArg {
                    c,
                    obj: Owned::from_borrowed((*e).name),
                    bytes: false,
                });
                do_stat(&t, (*e).dir_fd, follow)?
            } else {
                let t = Target::Path(path::path("stat", "path", (*e).path)?);
                do_stat(&t, libc::AT_FDCWD, follow)?
            };
            *slot = from_stat(&st)?.into_raw();
        }
        Ok(*slot)
    }
}

unsafe fn is_symlink(e: *mut DirEntry) -> PyResult<bool> {
    // SAFETY: e is a live DirEntry.
    unsafe {
        if (*e).d_type != libc::DT_UNKNOWN {
            return Ok((*e).d_type == libc::DT_LNK);
        }
        mode_test(e, false, libc::S_IFLNK)
    }
}

/// Whether the entry's (l)stat mode has file type `kind`; a vanished file
/// tests false.
unsafe fn mode_test(e: *mut DirEntry, follow: bool, kind: libc::mode_t) -> PyResult<bool> {
    // SAFETY: e is a live DirEntry.
    unsafe {
        let st = match entry_stat_obj(e, follow) {
            Ok(s) => s,
            Err(r) => {
                if errors::matches(crate::object::exceptions::PyExc_FileNotFoundError) {
                    errors::clear();
                    return Ok(false);
                }
                return Err(r);
            }
        };
        let mode = int::as_i64(tuple::items(st)[0])? as libc::mode_t;
        Ok(mode & libc::S_IFMT == kind)
    }
}

/// `is_dir`/`is_file`: from `d_type` when it answers, else from stat.
unsafe fn test_kind(e: *mut DirEntry, follow: bool, dt: u8, kind: libc::mode_t) -> PyResult<Owned> {
    // SAFETY: e is a live DirEntry.
    unsafe {
        let t = (*e).d_type;
        let r = if t != libc::DT_UNKNOWN && !(follow && t == libc::DT_LNK) {
            t == dt
        } else {
            mode_test(e, follow, kind)?
        };
        Ok(Owned::from_borrowed_static(pybool::from_bool(r)))
    }
}

builtin!(entry_is_dir, |slf, args, kws| {
    let f = follow("is_dir", args, &kws)?;
    test_kind(slf.cast(), f, libc::DT_DIR, libc::S_IFDIR)
});

builtin!(entry_is_file, |slf, args, kws| {
    let f = follow("is_file", args, &kws)?;
    test_kind(slf.cast(), f, libc::DT_REG, libc::S_IFREG)
});

builtin!(entry_is_symlink, |slf, args, kws| {
    bind("is_symlink", args, &kws, [], 0, 0)?;
    Ok(Owned::from_borrowed_static(pybool::from_bool(is_symlink(
        slf.cast(),
    )?)))
});

builtin!(entry_is_junction, |slf, args, kws| {
    bind("is_junction", args, &kws, [], 0, 0)?;
    Ok(Owned::from_borrowed_static(pybool::py_false()))
});

builtin!(entry_stat, |slf, args, kws| {
    let f = follow("stat", args, &kws)?;
    Ok(Owned::from_borrowed(entry_stat_obj(slf.cast(), f)?))
});

builtin!(entry_inode, |slf, args, kws| {
    bind("inode", args, &kws, [], 0, 0)?;
    int::from_u64((*slf.cast::<DirEntry>()).ino)
});

builtin!(entry_fspath, |slf, args, kws| {
    bind("__fspath__", args, &kws, [], 0, 0)?;
    Ok(Owned::from_borrowed((*slf.cast::<DirEntry>()).path))
});
