//! `sqlite3.Connection` (CPython's `Modules/_sqlite/connection.c`): opening
//! and closing the database, thread checks, transaction control (the
//! legacy `isolation_level` behaviour and the 3.12 `autocommit`
//! attribute), cursors and the `execute*` shortcuts, the context manager
//! and the attributes. User callbacks are in `callbacks`, the other
//! database operations in `dbops`.
use super::errors::{self, Exc};
use super::{callbacks, cursor, dbops};
use crate::ffi::*;
use crate::modules::args::clinic_int;
use crate::modules::args::{self, builtin};
use crate::modules::objtype::{self, meth_noargs, state, Obj, Refs, State, Visit};
use crate::object::descr::{getset, method, GETSET_END, METHOD_END};
use crate::object::exceptions as exc;
use crate::object::{bool as pybool, int, none, protocol, str as pystr, tuple, typeobj};
use crate::runtime::errors::{self as rterr, PyResult, Raised};
use crate::runtime::gil::allow_threads;
use crate::Owned;
use libc::{c_int, c_ulong, c_void};
use libsqlite3_sys as sq;
use std::ffi::CString;
use std::ptr::null_mut;

extern "C" {
    /// Closes a handle once its statements and blobs are finalized (the
    /// crate's bundled bindings leave it out; the library has it).
    fn sqlite3_close_v2(db: *mut sq::sqlite3) -> c_int;
}

/// `LEGACY_TRANSACTION_CONTROL`: `autocommit` follows `isolation_level`.
pub(super) const LEGACY: c_int = -1;
const AUTOCOMMIT_DISABLED: c_int = 0;
const AUTOCOMMIT_ENABLED: c_int = 1;

/// The isolation levels `isolation_level` accepts, as stored.
const LEVELS: [&str; 4] = ["", "DEFERRED", "IMMEDIATE", "EXCLUSIVE"];

/// The state of a connection.
pub struct Connection {
    /// The handle, NULL before `__init__` and after `close()`.
    pub db: *mut sq::sqlite3,
    pub initialized: bool,
    pub check_same_thread: bool,
    pub thread_ident: c_ulong,
    pub detect_types: c_int,
    /// `None`: autocommit mode of the legacy transaction control.
    pub isolation_level: Option<&'static str>,
    pub autocommit: c_int,
    /// `functools.lru_cache(cached_statements)` around the connection
    /// itself: calling it with SQL gives a cached `sqlite3.Statement`. As
    /// in CPython, this makes every connection part of a reference cycle,
    /// so a dropped connection is finalized by the collector.
    pub statement_cache: Option<Owned>,
    pub row_factory: Option<Owned>,
    pub text_factory: Option<Owned>,
    pub trace: Option<Owned>,
    pub progress: Option<Owned>,
    pub authorizer: Option<Owned>,
    /// The handles of the blobs opened here.
    pub blobs: Vec<super::blob::Handle>,
    weakreflist: *mut PyObject,
}

impl State for Connection {
    fn traverse(&self, v: Visit) -> c_int {
        for r in [
            &self.statement_cache,
            &self.row_factory,
            &self.text_factory,
            &self.trace,
            &self.progress,
            &self.authorizer,
        ] {
            let rc = r.visit(v);
            if rc != 0 {
                return rc;
            }
        }
        0
    }
    fn clear(&mut self) {
        self.statement_cache.clear_refs();
        self.row_factory.clear_refs();
        self.text_factory.clear_refs();
        self.trace.clear_refs();
        self.progress.clear_refs();
        self.authorizer.clear_refs();
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        if !self.db.is_null() {
            // SAFETY: db is open; close_v2 defers until statements finish.
            unsafe { sqlite3_close_v2(self.db) };
            self.db = null_mut();
        }
    }
}

impl Connection {
    fn new() -> Connection {
        Connection {
            db: null_mut(),
            initialized: false,
            check_same_thread: false,
            thread_ident: 0,
            detect_types: 0,
            isolation_level: Some(""),
            autocommit: LEGACY,
            statement_cache: None,
            row_factory: None,
            text_factory: None,
            trace: None,
            progress: None,
            authorizer: None,
            blobs: Vec::new(),
            weakreflist: null_mut(),
        }
    }

    /// `pysqlite_check_thread`.
    pub fn check_thread(&self) -> PyResult<()> {
        if self.check_same_thread {
            let me = crate::capi::thread::PyThread_get_thread_ident();
            if me != self.thread_ident {
                return Err(errors::programming(&format!(
                    "SQLite objects created in a thread can only be used in that same thread. The object was created in thread id {} and this is thread id {}.",
                    self.thread_ident, me
                )));
            }
        }
        Ok(())
    }

    /// `pysqlite_check_connection`: the open handle.
    pub fn check_open(&self) -> PyResult<*mut sq::sqlite3> {
        if !self.initialized {
            return Err(errors::programming("Base Connection.__init__ not called."));
        }
        if self.db.is_null() {
            return Err(errors::programming("Cannot operate on a closed database."));
        }
        Ok(self.db)
    }

    /// Both checks, in CPython's order.
    pub fn checked(&self) -> PyResult<*mut sq::sqlite3> {
        self.check_thread()?;
        self.check_open()
    }

    /// Whether the database is outside a transaction.
    pub fn autocommit_mode(&self) -> bool {
        // SAFETY: db is open (callers checked).
        unsafe { sq::sqlite3_get_autocommit(self.db) != 0 }
    }

    /// Runs one SQL statement without parameters or results (`BEGIN`,
    /// `COMMIT`, `ROLLBACK`).
    pub fn exec(&self, sql: &std::ffi::CStr) -> PyResult<()> {
        let db = self.db as usize;
        let p = sql.as_ptr() as usize;
        // SAFETY: db is open; the statement is finalized before return.
        let rc = allow_threads(|| unsafe {
            let db = db as *mut sq::sqlite3;
            let mut st = null_mut();
            let mut rc =
                sq::sqlite3_prepare_v2(db, p as *const _, -1, &mut st, std::ptr::null_mut());
            if rc == sq::SQLITE_OK {
                rc = sq::sqlite3_step(st);
                if rc == sq::SQLITE_DONE {
                    rc = sq::sqlite3_finalize(st);
                } else {
                    sq::sqlite3_finalize(st);
                }
            }
            rc
        });
        if rc != sq::SQLITE_OK {
            // SAFETY: db is open.
            return Err(unsafe { errors::from_db(self.db) });
        }
        Ok(())
    }

    /// The implicit `BEGIN` of the legacy transaction control, with the
    /// isolation level.
    pub fn begin(&self) -> PyResult<()> {
        match self.isolation_level {
            Some("DEFERRED") => self.exec(c"BEGIN DEFERRED"),
            Some("IMMEDIATE") => self.exec(c"BEGIN IMMEDIATE"),
            Some("EXCLUSIVE") => self.exec(c"BEGIN EXCLUSIVE"),
            _ => self.exec(c"BEGIN "),
        }
    }

    /// Unregisters the trace, progress and authorizer callbacks
    /// (`free_callback_contexts`).
    fn unhook(&mut self) {
        // SAFETY: db is open.
        unsafe {
            sq::sqlite3_trace_v2(self.db, 0, None, null_mut());
            sq::sqlite3_progress_handler(self.db, 0, None, null_mut());
            sq::sqlite3_set_authorizer(self.db, None, null_mut());
        }
        self.trace = None;
        self.progress = None;
        self.authorizer = None;
    }

    /// `connection_close`: rolls back a pending transaction when
    /// `autocommit` is False, closes the blobs and the handle.
    unsafe fn close(&mut self) -> PyResult<()> {
        if self.db.is_null() {
            return Ok(());
        }
        let mut res = Ok(());
        if self.autocommit == AUTOCOMMIT_DISABLED && !self.autocommit_mode() {
            res = self.exec(c"ROLLBACK");
        }
        for h in std::mem::take(&mut self.blobs) {
            super::blob::close_handle(&h);
        }
        self.statement_cache.clear_refs();
        self.unhook();
        // SAFETY: db is open; close_v2 waits for statements still held by
        // cursors.
        unsafe { sqlite3_close_v2(self.db) };
        self.db = null_mut();
        res
    }
}

/// The connection state of `op`.
///
/// # Safety
/// `op` is a `Connection` (or subclass) instance.
pub unsafe fn conn<'a>(op: *mut PyObject) -> &'a mut Connection {
    // SAFETY: per the contract.
    unsafe { state::<Connection>(op) }
}

/// Whether `op` is a `Connection`.
pub fn is_connection(op: *mut PyObject) -> bool {
    // SAFETY: op valid; the type is static.
    unsafe { typeobj::instance_of(op, &raw mut CONNECTION_TYPE) }
}

/// The isolation level for a `str` or `None` value.
unsafe fn level_arg(v: *mut PyObject) -> PyResult<Option<&'static str>> {
    // SAFETY: v valid.
    unsafe {
        if v == none::none() {
            return Ok(None);
        }
        if !pystr::check(v) {
            return Err(rterr::type_error("isolation_level must be str or None"));
        }
        let s = pystr::as_str(v)?;
        if s.contains('\0') {
            return Err(rterr::value_error("embedded null character"));
        }
        LEVELS
            .iter()
            .find(|l| l.eq_ignore_ascii_case(s))
            .map(|&l| Some(l))
            .ok_or_else(|| {
                rterr::value_error(
                    "isolation_level string must be '', 'DEFERRED', 'IMMEDIATE', or 'EXCLUSIVE'",
                )
            })
    }
}

/// `autocommit_converter`.
unsafe fn autocommit_arg(v: *mut PyObject) -> PyResult<c_int> {
    // SAFETY: v valid.
    unsafe {
        if v == pybool::py_true() {
            return Ok(AUTOCOMMIT_ENABLED);
        }
        if v == pybool::py_false() {
            return Ok(AUTOCOMMIT_DISABLED);
        }
        if int::check(v) && int::small_value(v) == Some(LEGACY as i64) {
            return Ok(LEGACY);
        }
    }
    Err(rterr::value_error(
        "autocommit must be True, False, or sqlite3.LEGACY_TRANSACTION_CONTROL",
    ))
}

/// A str argument as a C string (no NUL inside).
pub unsafe fn cstring_arg(o: *mut PyObject, fname: &str, pos: &str) -> PyResult<CString> {
    // SAFETY: o valid.
    unsafe {
        if !pystr::check(o) {
            return Err(rterr::type_error(format!(
                "{fname}() argument {pos} must be str, not {}",
                typeobj::type_name(o)
            )));
        }
        CString::new(pystr::as_str(o)?).map_err(|_| rterr::value_error("embedded null character"))
    }
}

/// Warns when parameters that become positional-only in 3.15 are passed
/// by keyword (Argument Clinic's deprecation of `Connection` methods).
pub fn keyword_deprecation(
    method: &str,
    names: &[&str],
    kws: &[(&str, *mut PyObject)],
) -> PyResult<()> {
    if !kws.iter().any(|(k, _)| names.contains(k)) {
        return Ok(());
    }
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    let list = match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => quoted.join(""),
    };
    let (arg, param) = if names.len() == 1 {
        ("argument", "Parameter")
    } else {
        ("arguments", "Parameters")
    };
    deprecation(&format!(
        "Passing keyword {arg} {list} to _sqlite3.Connection.{method}() is deprecated. {param} {list} will become positional-only in Python 3.15."
    ))
}

const WARN_POSITIONAL: &str = "Passing more than 1 positional argument to _sqlite3.Connection() is deprecated. Parameters 'timeout', 'detect_types', 'isolation_level', 'check_same_thread', 'factory', 'cached_statements' and 'uri' will become keyword-only parameters in Python 3.15.";

/// Issues a `DeprecationWarning` (stack level 1).
pub fn deprecation(msg: &str) -> PyResult<()> {
    crate::modules::_warnings::deprecation(msg, 1)
}

/// `Connection.__init__`: opens the database.
unsafe extern "C" fn conn_init(
    slf: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: slf is a Connection; args a tuple, kwargs NULL or a dict.
        unsafe {
            let npos = tuple::size(args);
            if npos > 8 {
                return Err(rterr::type_error(format!(
                    "Connection() takes at most 8 positional arguments ({npos} given)"
                )));
            }
            let a = objtype::parse(
                "Connection",
                args,
                kwargs,
                [
                    "database",
                    "timeout",
                    "detect_types",
                    "isolation_level",
                    "check_same_thread",
                    "factory",
                    "cached_statements",
                    "uri",
                    "autocommit",
                ],
                0,
                1,
            )?;
            if npos > 1 {
                deprecation(WARN_POSITIONAL)?;
            }
            if !a[0].is_null() {
                crate::runtime::audit::audit(c"sqlite3.connect", &[a[0]])?;
            }
            open(slf, a)?;
            crate::runtime::audit::audit(c"sqlite3.connect/handle", &[slf])
        }
    })
}

unsafe fn open(slf: *mut PyObject, a: [*mut PyObject; 9]) -> PyResult<()> {
    // SAFETY: slf is a Connection; the arguments are valid or NULL.
    unsafe {
        let fspath = rterr::check(crate::capi::osutil::PyOS_FSPath(a[0]))?;
        let mut path: *mut PyObject = null_mut();
        if crate::capi::unicode::PyUnicode_FSConverter(fspath.as_ptr(), (&raw mut path).cast()) == 0
        {
            return Err(Raised::assume());
        }
        let path = Owned::from_raw_unchecked(path);
        let timeout = if a[1].is_null() {
            5.0
        } else {
            crate::object::float::as_f64(a[1])?
        };
        let detect_types = if a[2].is_null() { 0 } else { clinic_int(a[2])? };
        let level = if a[3].is_null() {
            Some("")
        } else {
            level_arg(a[3])?
        };
        let same_thread = a[4].is_null() || protocol::is_true(a[4])?;
        let cached = if a[6].is_null() {
            128
        } else {
            clinic_int(a[6])?
        };
        let uri = !a[7].is_null() && protocol::is_true(a[7])?;
        let autocommit = if a[8].is_null() {
            LEGACY
        } else {
            autocommit_arg(a[8])?
        };
        let c = conn(slf);
        if c.initialized {
            // Re-initialization: the old handle goes first.
            c.close()?;
            c.initialized = false;
        }
        let name = crate::object::bytes::as_slice(path.as_ptr());
        let cname = CString::new(name).map_err(|_| rterr::value_error("embedded null byte"))?;
        let mut db: *mut sq::sqlite3 = null_mut();
        let flags = sq::SQLITE_OPEN_READWRITE
            | sq::SQLITE_OPEN_CREATE
            | if uri { sq::SQLITE_OPEN_URI } else { 0 };
        let (np, dbp) = (cname.as_ptr() as usize, &raw mut db as usize);
        let rc = allow_threads(|| {
            sq::sqlite3_open_v2(
                np as *const _,
                dbp as *mut *mut sq::sqlite3,
                flags,
                std::ptr::null(),
            )
        });
        if db.is_null() {
            return Err(rterr::no_memory());
        }
        if rc != sq::SQLITE_OK {
            let e = errors::from_db(db);
            sq::sqlite3_close(db);
            return Err(e);
        }
        // CPython's SQLite builds leave foreign keys off by default.
        sq::sqlite3_db_config(
            db,
            sq::SQLITE_DBCONFIG_ENABLE_FKEY,
            0 as c_int,
            null_mut::<c_int>(),
        );
        sq::sqlite3_busy_timeout(db, (timeout * 1000.0) as c_int);
        c.db = db;
        c.initialized = true;
        c.check_same_thread = same_thread;
        c.thread_ident = crate::capi::thread::PyThread_get_thread_ident();
        c.detect_types = detect_types;
        c.isolation_level = level;
        c.autocommit = autocommit;
        let lru_cache = crate::modules::datetime::import_attr("functools", "lru_cache")?;
        let maxsize = crate::object::int::from_i64(cached.into())?;
        let wrap = protocol::call_args(lru_cache.as_ptr(), &[maxsize.as_ptr()])?;
        let cache = protocol::call_args(wrap.as_ptr(), &[slf])?;
        let c = conn(slf);
        c.statement_cache = Some(cache);
        c.row_factory = Some(Owned::from_borrowed(none::none()));
        c.text_factory = Some(Owned::from_borrowed(
            (&raw mut crate::object::str::PyUnicode_Type).cast(),
        ));
        if autocommit == AUTOCOMMIT_DISABLED {
            c.exec(c"BEGIN")?;
        }
        Ok(())
    }
}

unsafe extern "C" fn conn_new(
    tp: *mut PyTypeObject,
    _a: *mut PyObject,
    _k: *mut PyObject,
) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: tp is Connection or a subclass.
        unsafe { objtype::new_obj(tp, Connection::new()) }
    })
}

/// `tp_dealloc`: the finalizer first (as for any collected object whose
/// type has one), then the state.
unsafe extern "C" fn conn_dealloc(slf: *mut PyObject) {
    // SAFETY: slf's refcount reached zero.
    unsafe {
        if crate::object::subtype::call_finalizer_from_dealloc(slf) {
            return;
        }
        objtype::dealloc::<Connection>(slf);
    }
}

/// `Connection.__call__(sql)`: a prepared statement object.
unsafe extern "C" fn conn_call(
    slf: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: slf is a Connection; args a tuple, kwargs NULL or a dict.
        unsafe {
            let db = conn(slf).checked()?;
            objtype::no_keywords("sqlite3.Connection", kwargs)?;
            let [sql] = objtype::parse("Connection", args, kwargs, ["sql"], 1, 1)?;
            if !pystr::check(sql) {
                return Err(rterr::type_error(format!(
                    "argument 1 must be str, not {}",
                    typeobj::type_name(sql)
                )));
            }
            super::statement::new_object(super::statement::prepare(db, sql)?)
        }
    })
}

/// `tp_finalize`: warns about a connection left open, then closes it.
unsafe extern "C" fn conn_finalize(slf: *mut PyObject) {
    rterr::keeping_raised(|| {
        // SAFETY: slf is a Connection being finalized.
        unsafe {
            let c = conn(slf);
            if c.db.is_null() {
                return;
            }
            if crate::runtime::lifecycle::is_finalizing() {
                // No calls back into Python during tear-down.
                c.unhook();
            } else {
                let warned = (|| -> PyResult<()> {
                    let r = protocol::repr(slf)?;
                    let msg = pystr::from_str(&format!(
                        "unclosed database in {}",
                        pystr::as_str(r.as_ptr())?
                    ))?;
                    crate::modules::_warnings::warn(
                        exc::PyExc_ResourceWarning,
                        msg.as_ptr(),
                        1,
                        slf,
                        null_mut(),
                    )
                })();
                if warned.is_err() {
                    crate::capi::exceptions::PyErr_WriteUnraisable(slf);
                }
            }
            if c.close().is_err() {
                crate::capi::exceptions::PyErr_WriteUnraisable(slf);
            }
        }
    })
}

meth_noargs!(conn_close, |slf| {
    let c = conn(slf);
    c.check_thread()?;
    if !c.initialized {
        return Err(errors::programming("Base Connection.__init__ not called."));
    }
    c.close()?;
    Ok(Owned::from_borrowed(none::none()))
});

/// `commit()` without the checks.
fn commit(c: &Connection) -> PyResult<()> {
    match c.autocommit {
        LEGACY if !c.autocommit_mode() => c.exec(c"COMMIT")?,
        AUTOCOMMIT_DISABLED => {
            c.exec(c"COMMIT")?;
            c.exec(c"BEGIN")?;
        }
        _ => {}
    }
    Ok(())
}

/// `rollback()` without the checks.
fn rollback(c: &Connection) -> PyResult<()> {
    match c.autocommit {
        LEGACY if !c.autocommit_mode() => c.exec(c"ROLLBACK")?,
        AUTOCOMMIT_DISABLED => {
            c.exec(c"ROLLBACK")?;
            c.exec(c"BEGIN")?;
        }
        _ => {}
    }
    Ok(())
}

meth_noargs!(conn_commit, |slf| {
    let c = conn(slf);
    c.checked()?;
    commit(c)?;
    Ok(Owned::from_borrowed(none::none()))
});

meth_noargs!(conn_rollback, |slf| {
    let c = conn(slf);
    c.checked()?;
    rollback(c)?;
    Ok(Owned::from_borrowed(none::none()))
});

/// `Connection.cursor(factory=Cursor)` (`pysqlite_connection_cursor_impl`).
pub unsafe fn new_cursor(slf: *mut PyObject, factory: Option<*mut PyObject>) -> PyResult<Owned> {
    // SAFETY: slf is a Connection.
    unsafe {
        let c = conn(slf);
        c.checked()?;
        let factory = factory.unwrap_or((&raw mut cursor::CURSOR_TYPE).cast());
        let cur = protocol::call_args(factory, &[slf])?;
        if !cursor::is_cursor(cur.as_ptr()) {
            return Err(rterr::type_error(format!(
                "factory must return a cursor, not {}",
                typeobj::type_name(cur.as_ptr())
            )));
        }
        let c = conn(slf);
        if objtype::ptr(&c.row_factory) != none::none() {
            cursor::cur(cur.as_ptr()).row_factory = c.row_factory.clone();
        }
        Ok(cur)
    }
}

builtin!(conn_cursor, |slf, args, kws| {
    let [f] = args::bind("cursor", args, &kws, ["factory"], 1, 0)?;
    new_cursor(slf, f)
});

builtin!(conn_execute, |slf, args, kws| {
    args::no_kwargs("execute", &kws)?;
    args::arity("execute", args, 1, 2)?;
    let cur = new_cursor(slf, None)?;
    cursor::execute(cur.as_ptr(), false, args[0], args.get(1).copied())?;
    Ok(cur)
});

builtin!(conn_executemany, |slf, args, kws| {
    args::no_kwargs("executemany", &kws)?;
    args::arity("executemany", args, 2, 2)?;
    let cur = new_cursor(slf, None)?;
    cursor::execute(cur.as_ptr(), true, args[0], Some(args[1]))?;
    Ok(cur)
});

builtin!(conn_executescript, |slf, args, kws| {
    args::no_kwargs("executescript", &kws)?;
    args::arity("executescript", args, 1, 1)?;
    let cur = new_cursor(slf, None)?;
    cursor::executescript(cur.as_ptr(), args[0])?;
    Ok(cur)
});

meth_noargs!(conn_enter, |slf| {
    conn(slf).checked()?;
    Ok(Owned::from_borrowed(slf))
});

builtin!(conn_exit, |slf, args, kws| {
    args::no_kwargs("__exit__", &kws)?;
    args::arity("__exit__", args, 3, 3)?;
    let c = conn(slf);
    c.checked()?;
    if args[0] == none::none() && args[1] == none::none() && args[2] == none::none() {
        if let Err(e) = commit(c) {
            // The commit failed: roll back, and raise the commit's error.
            let err = rterr::take();
            let _ = rollback(c);
            rterr::clear();
            if let Some(err) = err {
                rterr::restore(err);
            }
            return Err(e);
        }
    } else {
        rollback(c)?;
    }
    Ok(Owned::from_borrowed(pybool::py_false()))
});

unsafe extern "C" fn get_isolation_level(slf: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: slf is a Connection.
        let c = unsafe { conn(slf) };
        c.checked()?;
        match c.isolation_level {
            None => Ok(Owned::from_borrowed_static(none::none())),
            Some(l) => pystr::from_str(l),
        }
    })
}

/// The message for deleting an attribute that cannot be deleted.
fn no_delete() -> Raised {
    rterr::attribute_error("cannot delete attribute")
}

unsafe extern "C" fn set_isolation_level(
    slf: *mut PyObject,
    v: *mut PyObject,
    _: *mut c_void,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        if v.is_null() {
            return Err(no_delete());
        }
        // SAFETY: slf is a Connection; v valid.
        unsafe {
            let c = conn(slf);
            c.checked()?;
            let level = level_arg(v)?;
            c.isolation_level = level;
            if level.is_none() {
                // Autocommit mode: end the pending transaction.
                commit(c)?;
            }
        }
        Ok(())
    })
}

unsafe extern "C" fn get_in_transaction(slf: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: slf is a Connection.
        let c = unsafe { conn(slf) };
        c.checked()?;
        Ok(Owned::from_borrowed_static(pybool::from_bool(
            !c.autocommit_mode(),
        )))
    })
}

unsafe extern "C" fn get_total_changes(slf: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: slf is a Connection.
        let c = unsafe { conn(slf) };
        let db = c.checked()?;
        // SAFETY: db is open.
        int::from_i64(unsafe { sq::sqlite3_total_changes64(db) })
    })
}

unsafe extern "C" fn get_autocommit(slf: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: slf is a Connection.
        let c = unsafe { conn(slf) };
        c.checked()?;
        Ok(match c.autocommit {
            AUTOCOMMIT_ENABLED => Owned::from_borrowed_static(pybool::py_true()),
            AUTOCOMMIT_DISABLED => Owned::from_borrowed_static(pybool::py_false()),
            _ => int::from_i64(LEGACY as i64)?,
        })
    })
}

unsafe extern "C" fn set_autocommit(slf: *mut PyObject, v: *mut PyObject, _: *mut c_void) -> c_int {
    crate::capi::boundary::guard_status(|| {
        if v.is_null() {
            return Err(no_delete());
        }
        // SAFETY: slf is a Connection; v valid.
        unsafe {
            let c = conn(slf);
            c.checked()?;
            let mode = autocommit_arg(v)?;
            c.autocommit = mode;
            if mode == AUTOCOMMIT_ENABLED && !c.autocommit_mode() {
                c.exec(c"COMMIT")?;
            } else if mode == AUTOCOMMIT_DISABLED && c.autocommit_mode() {
                c.exec(c"BEGIN")?;
            }
        }
        Ok(())
    })
}

/// The getter of the exception-class attributes (`Connection.Error` ...):
/// the closure is the class's index.
unsafe extern "C" fn get_exc_class(_slf: *mut PyObject, closure: *mut c_void) -> *mut PyObject {
    let p = errors::class_at(closure as usize);
    // SAFETY: the classes live while the module does.
    unsafe { crate::object::refcount::new_ref(p) }
}

const fn exc_getset(name: &'static std::ffi::CStr, i: usize) -> PyGetSetDef {
    PyGetSetDef {
        closure: i as *mut c_void,
        ..getset(name, Some(get_exc_class), None)
    }
}

static mut CONN_GETSET: [PyGetSetDef; 15] = [
    getset(
        c"isolation_level",
        Some(get_isolation_level),
        Some(set_isolation_level),
    ),
    getset(c"in_transaction", Some(get_in_transaction), None),
    getset(c"total_changes", Some(get_total_changes), None),
    getset(c"autocommit", Some(get_autocommit), Some(set_autocommit)),
    exc_getset(c"Warning", Exc::Warning as usize),
    exc_getset(c"Error", Exc::Error as usize),
    exc_getset(c"InterfaceError", Exc::InterfaceError as usize),
    exc_getset(c"DatabaseError", Exc::DatabaseError as usize),
    exc_getset(c"DataError", Exc::DataError as usize),
    exc_getset(c"OperationalError", Exc::OperationalError as usize),
    exc_getset(c"IntegrityError", Exc::IntegrityError as usize),
    exc_getset(c"InternalError", Exc::InternalError as usize),
    exc_getset(c"ProgrammingError", Exc::ProgrammingError as usize),
    exc_getset(c"NotSupportedError", Exc::NotSupportedError as usize),
    GETSET_END,
];

static CONN_MEMBERS: [PyMemberDef; 3] = [
    crate::object::exceptions::member(
        c"row_factory",
        std::mem::offset_of!(Obj<Connection>, state.row_factory),
        0,
        c"",
    ),
    crate::object::exceptions::member(
        c"text_factory",
        std::mem::offset_of!(Obj<Connection>, state.text_factory),
        0,
        c"",
    ),
    PyMemberDef {
        name: std::ptr::null(),
        r#type: 0,
        offset: 0,
        flags: 0,
        doc: std::ptr::null(),
    },
];

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut CONN_METHODS: [PyMethodDef; 29] = [
    method(c"cursor", conn_cursor as *const c_void, FK),
    method(c"close", conn_close as *const c_void, METH_NOARGS),
    method(c"commit", conn_commit as *const c_void, METH_NOARGS),
    method(c"rollback", conn_rollback as *const c_void, METH_NOARGS),
    method(c"execute", conn_execute as *const c_void, FK),
    method(c"executemany", conn_executemany as *const c_void, FK),
    method(c"executescript", conn_executescript as *const c_void, FK),
    method(
        c"create_function",
        callbacks::create_function as *const c_void,
        FK,
    ),
    method(
        c"create_aggregate",
        callbacks::create_aggregate as *const c_void,
        FK,
    ),
    method(
        c"create_window_function",
        callbacks::create_window_function as *const c_void,
        FK,
    ),
    method(
        c"create_collation",
        callbacks::create_collation as *const c_void,
        FK,
    ),
    method(
        c"set_authorizer",
        callbacks::set_authorizer as *const c_void,
        FK,
    ),
    method(
        c"set_progress_handler",
        callbacks::set_progress_handler as *const c_void,
        FK,
    ),
    method(
        c"set_trace_callback",
        callbacks::set_trace_callback as *const c_void,
        FK,
    ),
    method(
        c"enable_load_extension",
        dbops::enable_load_extension as *const c_void,
        FK,
    ),
    method(
        c"load_extension",
        dbops::load_extension as *const c_void,
        FK,
    ),
    method(c"interrupt", dbops::interrupt as *const c_void, METH_NOARGS),
    method(c"iterdump", dbops::iterdump as *const c_void, FK),
    method(c"backup", super::backup::backup as *const c_void, FK),
    method(c"getlimit", dbops::getlimit as *const c_void, FK),
    method(c"setlimit", dbops::setlimit as *const c_void, FK),
    method(c"getconfig", dbops::getconfig as *const c_void, FK),
    method(c"setconfig", dbops::setconfig as *const c_void, FK),
    method(c"serialize", dbops::serialize as *const c_void, FK),
    method(c"deserialize", dbops::deserialize as *const c_void, FK),
    method(c"blobopen", super::blob::blobopen as *const c_void, FK),
    method(c"__enter__", conn_enter as *const c_void, METH_NOARGS),
    method(c"__exit__", conn_exit as *const c_void, FK),
    METHOD_END,
];

/// `sqlite3.Connection`.
pub static mut CONNECTION_TYPE: PyTypeObject = PyTypeObject {
    tp_new: Some(conn_new),
    tp_init: Some(conn_init),
    tp_dealloc: Some(conn_dealloc),
    tp_call: Some(conn_call),
    tp_weaklistoffset: std::mem::offset_of!(Obj<Connection>, state.weakreflist) as Py_ssize_t,
    tp_finalize: Some(conn_finalize),
    tp_methods: (&raw mut CONN_METHODS).cast(),
    tp_members: (&raw const CONN_MEMBERS).cast_mut().cast(),
    tp_getset: (&raw mut CONN_GETSET).cast(),
    tp_doc: c"SQLite database connection object.".as_ptr(),
    ..objtype::gc_type::<Connection>(c"sqlite3.Connection", Py_TPFLAGS_BASETYPE)
};
