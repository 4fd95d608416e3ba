//! Prepared statements (CPython's `Modules/_sqlite/statement.c`) and the
//! `sqlite3.Statement` objects that hold them. A connection caches them as
//! CPython does: `functools.lru_cache(cached_statements)` wrapped around
//! the connection, whose `__call__` prepares one.
use super::errors::{self, Exc};
use crate::ffi::PyObject;
use crate::object::str as pystr;
use crate::runtime::errors::PyResult;
use crate::runtime::gil::allow_threads;
use crate::Owned;
use libsqlite3_sys as sq;
use std::ptr::null_mut;

/// A prepared statement, finalized when the last holder drops it. `st` is
/// NULL for SQL without a statement (empty, or only comments).
pub struct Stmt {
    pub st: *mut sq::sqlite3_stmt,
    /// INSERT, UPDATE, DELETE or REPLACE: implicit transactions and
    /// `rowcount` apply.
    pub is_dml: bool,
}

impl Drop for Stmt {
    fn drop(&mut self) {
        if !self.st.is_null() {
            // SAFETY: st was prepared and is finalized only here; its
            // connection is closed with sqlite3_close_v2, which waits for it.
            unsafe { sq::sqlite3_finalize(self.st) };
        }
    }
}

impl Stmt {
    /// `stmt_reset`.
    pub fn reset(&self) {
        if !self.st.is_null() {
            // SAFETY: st is a live statement.
            unsafe { sq::sqlite3_reset(self.st) };
        }
    }
}

/// Skips whitespace and SQL comments at the start of `s` (`lstrip_sql`).
fn skip_blank(mut s: &[u8]) -> &[u8] {
    loop {
        match s {
            [b' ' | b'\t' | b'\n' | b'\r' | b'\x0c', rest @ ..] => s = rest,
            [b'-', b'-', rest @ ..] => {
                s = match rest.iter().position(|&c| c == b'\n') {
                    Some(i) => &rest[i + 1..],
                    None => &[],
                }
            }
            [b'/', b'*', rest @ ..] => {
                s = match rest.windows(2).position(|w| w == b"*/") {
                    Some(i) => &rest[i + 2..],
                    None => &[],
                }
            }
            _ => return s,
        }
    }
}

/// Whether the statement starts with a data-modifying keyword.
fn starts_dml(sql: &[u8]) -> bool {
    let s = skip_blank(sql);
    ["insert", "update", "delete", "replace"]
        .iter()
        .any(|k| s.len() >= k.len() && s[..k.len()].eq_ignore_ascii_case(k.as_bytes()))
}

/// `pysqlite_statement_create`: prepares the single statement of `sql`.
///
/// # Safety
/// `db` is an open connection; `sql` is a str.
pub unsafe fn prepare(db: *mut sq::sqlite3, sql: *mut PyObject) -> PyResult<Stmt> {
    // SAFETY: sql is a str.
    let text = unsafe { pystr::as_str(sql)? };
    // SAFETY: db is open.
    let max = unsafe { sq::sqlite3_limit(db, sq::SQLITE_LIMIT_SQL_LENGTH, -1) };
    if text.len() > max as usize {
        return Err(errors::raise(Exc::DataError, "query string is too large"));
    }
    if text.as_bytes().contains(&0) {
        return Err(errors::programming("the query contains a null character"));
    }
    let mut st: *mut sq::sqlite3_stmt = null_mut();
    let mut tail: *const libc::c_char = std::ptr::null();
    let (p, n) = (text.as_ptr() as usize, text.len() as i32);
    let (stp, tailp) = (&raw mut st as usize, &raw mut tail as usize);
    // SAFETY: the text outlives the call; the out-pointers are locals.
    let rc = allow_threads(|| unsafe {
        sq::sqlite3_prepare_v2(
            db,
            p as *const libc::c_char,
            n,
            stp as *mut *mut sq::sqlite3_stmt,
            tailp as *mut *const libc::c_char,
        )
    });
    if rc != sq::SQLITE_OK {
        // SAFETY: db is open.
        return Err(unsafe { errors::from_db(db) });
    }
    let stmt = Stmt {
        st,
        is_dml: starts_dml(text.as_bytes()),
    };
    let used = tail as usize - p;
    if !skip_blank(&text.as_bytes()[used..]).is_empty() {
        return Err(errors::programming(
            "You can only execute one statement at a time.",
        ));
    }
    Ok(stmt)
}

/// The state of a `sqlite3.Statement` (what `Connection.__call__` returns).
pub struct StatementObj {
    stmt: Stmt,
}

impl crate::modules::objtype::State for StatementObj {
    fn traverse(&self, _v: crate::modules::objtype::Visit) -> libc::c_int {
        0
    }
    fn clear(&mut self) {}
}

/// `sqlite3.Statement`: a prepared statement, not creatable from Python.
pub static mut STATEMENT_TYPE: crate::ffi::PyTypeObject = crate::ffi::PyTypeObject {
    ..crate::modules::objtype::gc_type::<StatementObj>(
        c"sqlite3.Statement",
        crate::ffi::Py_TPFLAGS_IMMUTABLETYPE | crate::ffi::Py_TPFLAGS_DISALLOW_INSTANTIATION,
    )
};

/// A new `sqlite3.Statement` holding `stmt`.
pub fn new_object(stmt: Stmt) -> PyResult<Owned> {
    let tp = &raw mut STATEMENT_TYPE;
    // SAFETY: the static type is readied once, under the GIL.
    unsafe {
        if (*tp).tp_flags & crate::ffi::Py_TPFLAGS_READY == 0 {
            crate::object::typeobj::ready(tp)?;
        }
        crate::modules::objtype::new_obj(tp, StatementObj { stmt })
    }
}

/// Whether `op` is a `sqlite3.Statement`.
pub fn check(op: *mut PyObject) -> bool {
    // SAFETY: op is a live object.
    unsafe { (*op).ob_type == &raw mut STATEMENT_TYPE }
}

/// The prepared statement of a `sqlite3.Statement`.
///
/// # Safety
/// `op` is a `sqlite3.Statement` ([`check`]).
pub unsafe fn stmt<'a>(op: *mut PyObject) -> &'a Stmt {
    // SAFETY: per the contract.
    unsafe { &crate::modules::objtype::state::<StatementObj>(op).stmt }
}
