//! The DB-API exception classes of `_sqlite3` and the translation of
//! SQLite result codes into them (CPython's `Modules/_sqlite/util.c`
//! `_pysqlite_seterror`, and the `sqlite_errorcode` / `sqlite_errorname`
//! attributes).
use super::consts::RESULT_CODES;
use crate::ffi::*;
use crate::object::exceptions::{self as exc, new_exception_class};
use crate::object::{int, protocol, str as pystr};
use crate::runtime::errors::{self, PyResult, Raised};
use libsqlite3_sys as sq;
use std::ffi::{c_int, CStr};
use std::ptr::null_mut;
use std::sync::atomic::{AtomicPtr, Ordering};

/// The exception classes, in the order of [`NAMES`].
#[derive(Clone, Copy)]
pub enum Exc {
    Warning,
    Error,
    InterfaceError,
    DatabaseError,
    DataError,
    OperationalError,
    IntegrityError,
    InternalError,
    ProgrammingError,
    NotSupportedError,
}

/// The class names, each with the index of its base in this list (`None`:
/// `Exception`).
pub const NAMES: [(&CStr, Option<usize>); 10] = [
    (c"sqlite3.Warning", None),
    (c"sqlite3.Error", None),
    (c"sqlite3.InterfaceError", Some(1)),
    (c"sqlite3.DatabaseError", Some(1)),
    (c"sqlite3.DataError", Some(3)),
    (c"sqlite3.OperationalError", Some(3)),
    (c"sqlite3.IntegrityError", Some(3)),
    (c"sqlite3.InternalError", Some(3)),
    (c"sqlite3.ProgrammingError", Some(3)),
    (c"sqlite3.NotSupportedError", Some(3)),
];

static CLASSES: [AtomicPtr<PyObject>; 10] = [const { AtomicPtr::new(null_mut()) }; 10];

/// The class `e` (borrowed).
pub fn class(e: Exc) -> *mut PyObject {
    CLASSES[e as usize].load(Ordering::Relaxed)
}

/// The class at index `i` of [`NAMES`] (borrowed).
pub fn class_at(i: usize) -> *mut PyObject {
    CLASSES[i].load(Ordering::Relaxed)
}

/// Makes the classes once per process.
pub fn create_classes() -> PyResult<()> {
    if !class(Exc::Error).is_null() {
        return Ok(());
    }
    for (i, &(name, base)) in NAMES.iter().enumerate() {
        let base = match base {
            Some(b) => class_at(b),
            // SAFETY: PyExc_Exception is set before any code runs.
            None => unsafe { exc::PyExc_Exception },
        };
        // SAFETY: name is a C string, base a class.
        let c = unsafe { new_exception_class(name.as_ptr(), base, null_mut(), null_mut())? };
        CLASSES[i].store(c.into_raw(), Ordering::Relaxed);
    }
    Ok(())
}

/// Drops the classes (interpreter finalization).
pub fn finalize() {
    for c in &CLASSES {
        crate::object::refcount::release_static(c);
    }
}

/// Raises `e(msg)`.
pub fn raise(e: Exc, msg: &str) -> Raised {
    // SAFETY: the classes exist once the module is imported.
    unsafe { errors::set_string(class(e), msg) }
}

/// `ProgrammingError(msg)`.
pub fn programming(msg: &str) -> Raised {
    raise(Exc::ProgrammingError, msg)
}

/// `OperationalError(msg)`.
pub fn operational(msg: &str) -> Raised {
    raise(Exc::OperationalError, msg)
}

/// The symbolic name of a result code (`pysqlite_error_name`).
pub fn code_name(code: c_int) -> &'static str {
    RESULT_CODES
        .iter()
        .find(|&&(_, v)| v == code)
        .map_or("SQLITE_UNKNOWN", |&(n, _)| n)
}

/// The class SQLite's primary result code maps to; `None` for
/// `SQLITE_NOMEM` (a `MemoryError`).
fn class_for(code: c_int) -> Option<Exc> {
    Some(match code & 0xff {
        sq::SQLITE_INTERNAL | sq::SQLITE_NOTFOUND => Exc::InternalError,
        sq::SQLITE_NOMEM => return None,
        sq::SQLITE_ERROR
        | sq::SQLITE_PERM
        | sq::SQLITE_ABORT
        | sq::SQLITE_BUSY
        | sq::SQLITE_LOCKED
        | sq::SQLITE_READONLY
        | sq::SQLITE_INTERRUPT
        | sq::SQLITE_IOERR
        | sq::SQLITE_FULL
        | sq::SQLITE_CANTOPEN
        | sq::SQLITE_PROTOCOL
        | sq::SQLITE_EMPTY
        | sq::SQLITE_SCHEMA => Exc::OperationalError,
        sq::SQLITE_CORRUPT => Exc::DatabaseError,
        sq::SQLITE_TOOBIG => Exc::DataError,
        sq::SQLITE_CONSTRAINT | sq::SQLITE_MISMATCH => Exc::IntegrityError,
        sq::SQLITE_MISUSE | sq::SQLITE_RANGE => Exc::InterfaceError,
        _ => Exc::DatabaseError,
    })
}

/// Raises the exception for result code `code` with message `msg`, its
/// `sqlite_errorcode` and `sqlite_errorname` set.
pub fn raise_code(code: c_int, msg: &str) -> Raised {
    let Some(e) = class_for(code) else {
        return errors::no_memory();
    };
    let build = || -> PyResult<Raised> {
        let text = pystr::from_str(msg)?;
        // SAFETY: the class is an exception class, text a str.
        let inst = unsafe { exc::create(class(e), text.as_ptr())? };
        let code_obj = int::from_i64(code as i64)?;
        let name = pystr::from_str(code_name(code))?;
        // SAFETY: inst is a new exception instance with a dict.
        unsafe {
            protocol::setattr(
                inst.as_ptr(),
                crate::interned!("sqlite_errorcode"),
                code_obj.as_ptr(),
            )?;
            protocol::setattr(
                inst.as_ptr(),
                crate::interned!("sqlite_errorname"),
                name.as_ptr(),
            )?;
        }
        Ok(errors::restore(inst))
    };
    match build() {
        Ok(r) | Err(r) => r,
    }
}

/// `_pysqlite_seterror`: raises the error of the last failed call on
/// `db` (its extended code and message).
///
/// # Safety
/// `db` is an open connection handle.
pub unsafe fn from_db(db: *mut sq::sqlite3) -> Raised {
    // SAFETY: per the contract; errmsg returns a NUL-terminated string.
    unsafe {
        let code = sq::sqlite3_extended_errcode(db);
        let msg = CStr::from_ptr(sq::sqlite3_errmsg(db)).to_string_lossy();
        raise_code(code, &msg)
    }
}

/// Raises for `rc` on `db`: the handle's error when it has one, else the
/// generic text of `rc` (some calls return a code without recording it).
///
/// # Safety
/// `db` is an open connection handle.
pub unsafe fn from_rc(db: *mut sq::sqlite3, rc: c_int) -> Raised {
    // SAFETY: per the contract; errstr returns a static string.
    unsafe {
        if sq::sqlite3_errcode(db) != sq::SQLITE_OK {
            return from_db(db);
        }
        let msg = CStr::from_ptr(sq::sqlite3_errstr(rc)).to_string_lossy();
        raise_code(rc, &msg)
    }
}
