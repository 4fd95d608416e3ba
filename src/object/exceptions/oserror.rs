//! `OSError` and its errno subclasses: `OSError(errno, strerror[, filename[,
//! winerror[, filename2]]])`, which builds the subclass that the errno
//! names (`OSError(2, 'x')` is a `FileNotFoundError`), and
//! `BlockingIOError.characters_written`.
use super::*;
use std::mem::offset_of;

impl ExcLayout for PyOSErrorObject {
    const FIELDS: &'static [usize] = &[
        offset_of!(PyOSErrorObject, myerrno),
        offset_of!(PyOSErrorObject, strerror),
        offset_of!(PyOSErrorObject, filename),
        offset_of!(PyOSErrorObject, filename2),
    ];
}

pub(super) static MEMBERS: [PyMemberDef; 5] = [
    member(
        c"errno",
        offset_of!(PyOSErrorObject, myerrno),
        0,
        c"POSIX exception code",
    ),
    member(
        c"strerror",
        offset_of!(PyOSErrorObject, strerror),
        0,
        c"exception strerror",
    ),
    member(
        c"filename",
        offset_of!(PyOSErrorObject, filename),
        0,
        c"exception filename",
    ),
    member(
        c"filename2",
        offset_of!(PyOSErrorObject, filename2),
        0,
        c"second exception filename",
    ),
    MEMBER_END,
];

pub(super) static GETSET: [PyGetSetDef; 2] = [
    crate::object::descr::getset(c"characters_written", Some(get_written), Some(set_written)),
    crate::object::descr::GETSET_END,
];

pub(super) static METHODS: [PyMethodDef; 2] = [
    crate::object::descr::method(c"__reduce__", reduce as *const c_void, METH_NOARGS),
    crate::object::descr::METHOD_END,
];

#[inline]
unsafe fn os(op: *mut PyObject) -> *mut PyOSErrorObject {
    op.cast()
}

/// The `OSError` subclass for an errno value (`OSError` itself when the
/// errno has none), as CPython's errno map.
pub fn errno_type(errno: i64) -> *mut PyObject {
    let Ok(e) = c_int::try_from(errno) else {
        // SAFETY: the PyExc_* pointers are set at load time.
        return unsafe { PyExc_OSError };
    };
    // SAFETY: the PyExc_* pointers are set at load time.
    unsafe {
        match e {
            libc::EAGAIN | libc::EALREADY | libc::EINPROGRESS => PyExc_BlockingIOError,
            libc::ECHILD => PyExc_ChildProcessError,
            libc::EPIPE | libc::ESHUTDOWN => PyExc_BrokenPipeError,
            libc::ECONNABORTED => PyExc_ConnectionAbortedError,
            libc::ECONNREFUSED => PyExc_ConnectionRefusedError,
            libc::ECONNRESET => PyExc_ConnectionResetError,
            libc::EEXIST => PyExc_FileExistsError,
            libc::ENOENT => PyExc_FileNotFoundError,
            libc::EISDIR => PyExc_IsADirectoryError,
            libc::ENOTDIR => PyExc_NotADirectoryError,
            libc::EINTR => PyExc_InterruptedError,
            libc::EACCES | libc::EPERM => PyExc_PermissionError,
            libc::ESRCH => PyExc_ProcessLookupError,
            libc::ETIMEDOUT => PyExc_TimeoutError,
            _ => PyExc_OSError,
        }
    }
}

/// Whether a subclass overrides `__init__` but not `__new__`: then the
/// arguments are parsed by `__init__` (CPython's `oserror_use_init`).
unsafe fn use_init(tp: *mut PyTypeObject) -> bool {
    // SAFETY: tp is a type.
    unsafe {
        !(*tp)
            .tp_init
            .is_some_and(|f| std::ptr::fn_addr_eq(f, init as unsafe extern "C" fn(_, _, _) -> _))
            && (*tp)
                .tp_new
                .is_some_and(|f| std::ptr::fn_addr_eq(f, new as unsafe extern "C" fn(_, _, _) -> _))
    }
}

/// The positional fields: errno, strerror, filename, winerror, filename2,
/// present only for 2 to 5 arguments.
unsafe fn parse_args(args: *mut PyObject) -> [*mut PyObject; 5] {
    let mut f = [null_mut(); 5];
    // SAFETY: args is a tuple.
    let items = unsafe { tuple::items(args) };
    if (2..=5).contains(&items.len()) {
        f[..items.len()].copy_from_slice(items);
    }
    f
}

/// Fills the fields from the parsed arguments; a filename trims `args` to
/// `(errno, strerror)`, except that `BlockingIOError`'s third argument may be
/// the number of characters written.
unsafe fn fill(op: *mut PyObject, args: *mut PyObject, f: [*mut PyObject; 5]) -> PyResult<()> {
    // SAFETY: op is an OSError being initialized; args a tuple.
    unsafe {
        let [myerrno, strerror, filename, _winerror, filename2] = f;
        let o = os(op);
        let mut args = Owned::from_borrowed(args);
        if !filename.is_null() && filename != none::none() {
            if (*op).ob_type == &raw mut _PyExc_BlockingIOError && int::check(filename) {
                (*o).written = int::as_i64(filename).map_err(|_| {
                    errors::clear();
                    errors::value_error("cannot fit 'int' into an index-sized integer")
                })? as Py_ssize_t;
            } else {
                set_field(&raw mut (*o).filename, filename);
                if !filename2.is_null() && filename2 != none::none() {
                    set_field(&raw mut (*o).filename2, filename2);
                }
                let items = tuple::items(args.as_ptr());
                if (2..=5).contains(&items.len()) {
                    args = tuple::from_slice(&items[..2])?;
                }
            }
        }
        set_field(&raw mut (*o).myerrno, myerrno);
        set_field(&raw mut (*o).strerror, strerror);
        init_args(op, args.as_ptr());
        Ok(())
    }
}

/// `OSError.__new__`.
pub(super) unsafe extern "C" fn new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kw: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: tp is OSError or a subclass; args a tuple.
        unsafe {
            let mut tp = tp;
            let parsed = if use_init(tp) {
                None
            } else {
                no_keywords(tp, kw)?;
                let f = parse_args(args);
                if tp == &raw mut _PyExc_OSError && !f[0].is_null() && int::check(f[0]) {
                    if let Ok(e) = int::as_i64(f[0]) {
                        tp = errno_type(e).cast();
                    } else {
                        errors::clear();
                    }
                }
                Some(f)
            };
            let op = alloc_exc(tp, null_mut())?;
            (*os(op.as_ptr())).written = -1;
            if let Some(f) = parsed {
                fill(op.as_ptr(), args, f)?;
            }
            Ok(op)
        }
    })
}

/// `OSError.__init__`: does the parsing only for subclasses that override
/// `__init__` and not `__new__`.
pub(super) unsafe extern "C" fn init(
    op: *mut PyObject,
    args: *mut PyObject,
    kw: *mut PyObject,
) -> c_int {
    guard_status(|| {
        // SAFETY: op is an OSError; args a tuple.
        unsafe {
            if !use_init((*op).ob_type) {
                return Ok(());
            }
            no_keywords((*op).ob_type, kw)?;
            fill(op, args, parse_args(args))
        }
    })
}

/// `OSError.__str__`: `[Errno N] strerror: 'filename' -> 'filename2'`.
pub(super) unsafe extern "C" fn str(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an OSError.
        unsafe {
            let o = os(op);
            let or_none = |p: *mut PyObject| if p.is_null() { none::none() } else { p };
            let text = |p: *mut PyObject| -> PyResult<String> {
                let s = protocol::str_(or_none(p))?;
                Ok(pystr::as_str(s.as_ptr())?.to_string())
            };
            let s = if !(*o).filename.is_null() {
                let head = format!(
                    "[Errno {}] {}: {}",
                    text((*o).myerrno)?,
                    text((*o).strerror)?,
                    protocol::repr_string((*o).filename)?
                );
                if (*o).filename2.is_null() {
                    head
                } else {
                    format!("{head} -> {}", protocol::repr_string((*o).filename2)?)
                }
            } else if !(*o).myerrno.is_null() && !(*o).strerror.is_null() {
                format!("[Errno {}] {}", text((*o).myerrno)?, text((*o).strerror)?)
            } else {
                return base_str(op);
            };
            pystr::from_str(&s)
        }
    })
}

/// `OSError.__reduce__`: puts the filenames back into the arguments.
unsafe extern "C" fn reduce(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an OSError.
        unsafe {
            let o = os(op);
            let b = base(op);
            let mut args = Owned::from_borrowed((*b).args);
            if tuple::size(args.as_ptr()) == 2 && !(*o).filename.is_null() {
                let items = tuple::items(args.as_ptr());
                let mut v = vec![items[0], items[1], (*o).filename];
                if !(*o).filename2.is_null() {
                    v.push(none::none());
                    v.push((*o).filename2);
                }
                args = tuple::from_slice(&v)?;
            }
            let tp: *mut PyObject = (*op).ob_type.cast();
            if (*b).dict.is_null() {
                tuple::pack(&[tp, args.as_ptr()])
            } else {
                tuple::pack(&[tp, args.as_ptr(), (*b).dict])
            }
        }
    })
}

unsafe extern "C" fn get_written(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an OSError.
        unsafe {
            let w = (*os(op)).written;
            if w == -1 {
                return Err(errors::attribute_error("characters_written"));
            }
            int::from_i64(w as i64)
        }
    })
}

unsafe extern "C" fn set_written(op: *mut PyObject, v: *mut PyObject, _c: *mut c_void) -> c_int {
    guard_status(|| {
        // SAFETY: op is an OSError; v NULL (delete) or valid.
        unsafe {
            let o = os(op);
            if v.is_null() {
                if (*o).written == -1 {
                    return Err(errors::attribute_error("characters_written"));
                }
                (*o).written = -1;
                return Ok(());
            }
            let i = crate::object::number::index(v)?;
            (*o).written = int::as_i64(i.as_ptr()).map_err(|_| {
                errors::clear();
                errors::value_error("cannot fit 'int' into an index-sized integer")
            })? as Py_ssize_t;
            Ok(())
        }
    })
}
