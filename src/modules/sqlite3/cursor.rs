//! `sqlite3.Cursor` (CPython's `Modules/_sqlite/cursor.c`): executing
//! statements with parameters, the implicit `BEGIN` of the legacy
//! transaction control, `description`, `rowcount` and `lastrowid`, the
//! converters of `detect_types`, fetching rows and `executescript`.
use super::connection::{self, conn, Connection};
use super::errors::{self, Exc};
use super::statement::{self, Stmt};
use super::{adapters, bind, PARSE_COLNAMES, PARSE_DECLTYPES};
use crate::ffi::*;
use crate::modules::args::clinic_int;
use crate::modules::args::{self, builtin};
use crate::modules::objtype::{self, meth_noargs, Obj, Refs, State, Visit};
use crate::object::descr::{method, METHOD_END};
use crate::object::{bytes, float, int, list, none, protocol, str as pystr, tuple, typeobj};
use crate::runtime::errors::{self as rterr, PyResult};
use crate::runtime::gil::allow_threads;
use crate::Owned;
use libc::{c_int, c_void};
use libsqlite3_sys as sq;
use std::ffi::CStr;

/// The state of a cursor.
pub struct Cursor {
    pub connection: Option<Owned>,
    pub description: Option<Owned>,
    /// One converter (or `None`) per result column (`row_cast_map`).
    converters: Vec<Option<Owned>>,
    pub arraysize: c_int,
    pub lastrowid: Option<Owned>,
    pub rowcount: i64,
    pub row_factory: Option<Owned>,
    /// The `sqlite3.Statement` being run, if any.
    statement: Option<Owned>,
    closed: bool,
    locked: bool,
    weakreflist: *mut PyObject,
}

impl Drop for Cursor {
    fn drop(&mut self) {
        self.reset_statement();
    }
}

impl State for Cursor {
    fn traverse(&self, v: Visit) -> c_int {
        for r in [
            &self.connection,
            &self.description,
            &self.lastrowid,
            &self.row_factory,
            &self.statement,
        ]
        .into_iter()
        .chain(&self.converters)
        {
            let rc = r.visit(v);
            if rc != 0 {
                return rc;
            }
        }
        0
    }
    fn clear(&mut self) {
        self.connection.clear_refs();
        self.description.clear_refs();
        self.lastrowid.clear_refs();
        self.row_factory.clear_refs();
        self.converters.clear();
        self.reset_statement();
    }
}

/// The cursor state of `op`.
///
/// # Safety
/// `op` is a `Cursor` (or subclass) instance.
pub unsafe fn cur<'a>(op: *mut PyObject) -> &'a mut Cursor {
    // SAFETY: per the contract.
    unsafe { objtype::state::<Cursor>(op) }
}

/// Whether `op` is a `Cursor`.
pub fn is_cursor(op: *mut PyObject) -> bool {
    // SAFETY: op valid; the type is static.
    unsafe { typeobj::instance_of(op, &raw mut CURSOR_TYPE) }
}

impl Cursor {
    /// The connection state (the cursor is initialized).
    fn conn(&self) -> &'static mut Connection {
        // SAFETY: connection holds a Connection once initialized.
        unsafe { conn(objtype::ptr(&self.connection)) }
    }

    /// `check_cursor`: initialized, open, not in use, right thread and
    /// connection open.
    fn check(&self) -> PyResult<*mut sq::sqlite3> {
        if self.connection.is_none() {
            return Err(errors::programming("Base Cursor.__init__ not called."));
        }
        if self.closed {
            return Err(errors::programming("Cannot operate on a closed cursor."));
        }
        if self.locked {
            return Err(errors::programming("Recursive use of cursors not allowed."));
        }
        self.conn().checked()
    }

    fn reset_statement(&mut self) {
        if let Some(s) = self.statement.take() {
            // SAFETY: the cursor holds only sqlite3.Statement objects.
            unsafe { statement::stmt(s.as_ptr()) }.reset();
        }
    }

    /// The prepared statement being run.
    fn stmt(&self) -> Option<&Stmt> {
        // SAFETY: as above.
        self.statement
            .as_ref()
            .map(|s| unsafe { statement::stmt(s.as_ptr()) })
    }
}

unsafe extern "C" fn cursor_new(
    tp: *mut PyTypeObject,
    _a: *mut PyObject,
    _k: *mut PyObject,
) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        let st = Cursor {
            connection: None,
            description: Some(none::owned()),
            converters: Vec::new(),
            arraysize: 1,
            lastrowid: Some(none::owned()),
            rowcount: -1,
            row_factory: Some(none::owned()),
            statement: None,
            closed: false,
            locked: false,
            weakreflist: std::ptr::null_mut(),
        };
        // SAFETY: tp is Cursor or a subclass.
        unsafe { objtype::new_obj(tp, st) }
    })
}

unsafe extern "C" fn cursor_init(
    slf: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: slf is a Cursor; args a tuple, kwargs NULL or a dict.
        unsafe {
            objtype::no_keywords("Cursor", kwargs)?;
            super::row::positional("Cursor", args, 1)?;
            let c = tuple::items(args)[0];
            if !connection::is_connection(c) {
                return Err(rterr::type_error(format!(
                    "Cursor() argument 1 must be sqlite3.Connection, not {}",
                    typeobj::type_name(c)
                )));
            }
            let s = cur(slf);
            if s.locked {
                return Err(errors::programming("Recursive use of cursors not allowed."));
            }
            s.connection = Some(Owned::from_borrowed(c));
            s.arraysize = 1;
            s.rowcount = -1;
            s.lastrowid = Some(none::owned());
            s.description = Some(none::owned());
            s.row_factory = Some(none::owned());
            s.closed = false;
            Ok(())
        }
    })
}

/// `_pysqlite_build_column_name`.
fn column_name(name: &[u8], detect: c_int) -> PyResult<Owned> {
    let mut end = name.len();
    if detect & PARSE_COLNAMES != 0 {
        if let Some(i) = name.iter().position(|&c| c == b'[') {
            end = if i > 0 && name[i - 1] == b' ' {
                i - 1
            } else {
                i
            };
        }
    }
    pystr::from_utf8(&name[..end])
}

/// `pysqlite_build_row_cast_map`: the converter of each column, from its
/// name (`[type]`) and/or its declared type.
unsafe fn build_converters(
    c: &mut Cursor,
    st: *mut sq::sqlite3_stmt,
    detect: c_int,
) -> PyResult<()> {
    c.converters.clear();
    if detect == 0 {
        return Ok(());
    }
    // SAFETY: st is live; the names are NUL-terminated.
    unsafe {
        for i in 0..sq::sqlite3_column_count(st) {
            let mut conv = None;
            if detect & PARSE_COLNAMES != 0 {
                let p = sq::sqlite3_column_name(st, i);
                if !p.is_null() {
                    let name = CStr::from_ptr(p).to_bytes();
                    if let Some(open) = name.iter().position(|&c| c == b'[') {
                        if let Some(len) = name[open + 1..].iter().position(|&c| c == b']') {
                            conv = adapters::converter(&name[open + 1..open + 1 + len])?;
                        }
                    }
                }
            }
            if conv.is_none() && detect & PARSE_DECLTYPES != 0 {
                let p = sq::sqlite3_column_decltype(st, i);
                if !p.is_null() {
                    let decl = CStr::from_ptr(p).to_bytes();
                    let end = decl
                        .iter()
                        .position(|&c| c == b' ' || c == b'(')
                        .unwrap_or(decl.len());
                    conv = adapters::converter(&decl[..end])?;
                }
            }
            c.converters.push(conv);
        }
    }
    Ok(())
}

/// `sqlite3_step` with the GIL released. A callback's exception that
/// made the step fail (a user function's, reported already) is dropped:
/// SQLite's error is the one raised.
fn step(st: usize) -> c_int {
    // SAFETY: st is a live statement.
    let rc = allow_threads(|| unsafe { sq::sqlite3_step(st as *mut sq::sqlite3_stmt) });
    if rc != sq::SQLITE_DONE && rc != sq::SQLITE_ROW && !rterr::occurred().is_null() {
        super::callbacks::print_or_clear(none::none());
    }
    rc
}

/// Raises an exception a callback left while the step went on (a
/// collation's).
fn pending_error() -> PyResult<()> {
    if rterr::occurred().is_null() {
        Ok(())
    } else {
        Err(crate::runtime::errors::Raised::assume())
    }
}

/// `_pysqlite_query_execute`: `execute` (one parameter set) or
/// `executemany` (an iterable of them).
///
/// # Safety
/// `slf` is a Cursor; the objects are valid.
pub unsafe fn execute(
    slf: *mut PyObject,
    multiple: bool,
    sql: *mut PyObject,
    params: Option<*mut PyObject>,
) -> PyResult<()> {
    // SAFETY: per the contract.
    unsafe {
        let c = cur(slf);
        c.check()?;
        if !pystr::check(sql) {
            return Err(rterr::type_error(format!(
                "{}() argument 1 must be str, not {}",
                if multiple { "executemany" } else { "execute" },
                typeobj::type_name(sql)
            )));
        }
        c.locked = true;
        let r = execute_locked(c, multiple, sql, params);
        c.locked = false;
        if r.is_err() {
            c.reset_statement();
            c.rowcount = -1;
        } else if let Some(s) = c.stmt() {
            if s.st.is_null() || sq::sqlite3_stmt_busy(s.st) == 0 {
                c.statement = None;
            }
        }
        r
    }
}

unsafe fn execute_locked(
    c: &mut Cursor,
    multiple: bool,
    sql: *mut PyObject,
    params: Option<*mut PyObject>,
) -> PyResult<()> {
    // SAFETY: the cursor is checked; objects valid.
    unsafe {
        // executemany iterates; execute binds one set (default: none).
        let (iter, mut single) = match params {
            Some(p) if multiple => (Some(protocol::get_iter(p)?), None),
            Some(p) => (None, Some(Owned::from_borrowed(p))),
            None => (None, Some(tuple::empty())),
        };
        c.reset_statement();
        c.description = Some(none::owned());
        let cache = objtype::ptr(&c.conn().statement_cache);
        let found = protocol::call_args(cache, &[sql])?;
        if !statement::check(found.as_ptr()) {
            return Err(rterr::type_error(format!(
                "the statement cache returned {}, not sqlite3.Statement",
                typeobj::type_name(found.as_ptr())
            )));
        }
        // The call ran Python code: the connection is checked again.
        let conn = c.conn();
        let db = conn.checked()?;
        let mut obj = found.clone();
        c.statement = Some(found);
        let mut stmt = statement::stmt(obj.as_ptr());
        if multiple && (stmt.st.is_null() || sq::sqlite3_stmt_readonly(stmt.st) != 0) {
            return Err(errors::programming(
                "executemany() can only execute DML statements.",
            ));
        }
        if stmt.st.is_null() {
            return Ok(());
        }
        if sq::sqlite3_stmt_busy(stmt.st) != 0 {
            obj = statement::new_object(statement::prepare(db, sql)?)?;
            c.statement = Some(obj.clone());
            stmt = statement::stmt(obj.as_ptr());
        }
        stmt.reset();
        c.rowcount = if stmt.is_dml { 0 } else { -1 };
        if conn.autocommit == connection::LEGACY
            && conn.isolation_level.is_some()
            && stmt.is_dml
            && conn.autocommit_mode()
        {
            conn.begin()?;
        }
        let st = stmt.st;
        loop {
            let p = match &iter {
                Some(it) => protocol::iter_next(it.as_ptr())?,
                None => single.take(),
            };
            let Some(p) = p else { break };
            bind::bind_parameters(st, p.as_ptr())?;
            let stp = st as usize;
            let rc = step(stp);
            if rc != sq::SQLITE_DONE && rc != sq::SQLITE_ROW {
                return Err(errors::from_db(db));
            }
            pending_error()?;
            build_converters(c, st, conn.detect_types)?;
            let ncols = sq::sqlite3_column_count(st);
            if objtype::ptr(&c.description) == none::none() && ncols > 0 {
                let mut cols = Vec::with_capacity(ncols as usize);
                let n = none::none();
                for i in 0..ncols {
                    let p = sq::sqlite3_column_name(st, i);
                    if p.is_null() {
                        return Err(rterr::no_memory());
                    }
                    let name = column_name(CStr::from_ptr(p).to_bytes(), conn.detect_types)?;
                    cols.push(tuple::pack(&[name.as_ptr(), n, n, n, n, n, n])?);
                }
                c.description = Some(tuple::from_vec(cols)?);
            }
            if rc == sq::SQLITE_DONE {
                if stmt.is_dml {
                    c.rowcount += sq::sqlite3_changes64(db);
                }
                stmt.reset();
            }
        }
        if !multiple {
            c.lastrowid = Some(int::from_i64(sq::sqlite3_last_insert_rowid(db))?);
        }
        Ok(())
    }
}

builtin!(cursor_execute, |slf, args, kws| {
    args::no_kwargs("execute", &kws)?;
    args::arity("execute", args, 1, 2)?;
    execute(slf, false, args[0], args.get(1).copied())?;
    Ok(Owned::from_borrowed(slf))
});

builtin!(cursor_executemany, |slf, args, kws| {
    args::no_kwargs("executemany", &kws)?;
    args::arity("executemany", args, 2, 2)?;
    execute(slf, true, args[0], Some(args[1]))?;
    Ok(Owned::from_borrowed(slf))
});

/// `pysqlite_cursor_executescript_impl`.
///
/// # Safety
/// `slf` is a Cursor; `script` valid.
pub unsafe fn executescript(slf: *mut PyObject, script: *mut PyObject) -> PyResult<()> {
    // SAFETY: per the contract.
    unsafe {
        let c = cur(slf);
        if !pystr::check(script) {
            return Err(rterr::type_error(format!(
                "executescript() argument must be str, not {}",
                typeobj::type_name(script)
            )));
        }
        let db = c.check()?;
        let text = std::ffi::CString::new(pystr::as_str(script)?)
            .map_err(|_| rterr::value_error("embedded null character"))?;
        let max = sq::sqlite3_limit(db, sq::SQLITE_LIMIT_SQL_LENGTH, -1);
        if text.as_bytes().len() > max as usize {
            return Err(errors::raise(Exc::DataError, "query string is too large"));
        }
        let conn = c.conn();
        if conn.autocommit == connection::LEGACY && !conn.autocommit_mode() {
            conn.exec(c"COMMIT")?;
        }
        let (dbp, mut sqlp) = (db as usize, text.as_ptr() as usize);
        loop {
            let (rc, tail) = allow_threads(|| {
                let mut st = std::ptr::null_mut();
                let mut tail: *const libc::c_char = std::ptr::null();
                let db = dbp as *mut sq::sqlite3;
                let mut rc = sq::sqlite3_prepare_v2(db, sqlp as *const _, -1, &mut st, &mut tail);
                if rc == sq::SQLITE_OK {
                    loop {
                        rc = sq::sqlite3_step(st);
                        if rc != sq::SQLITE_ROW {
                            break;
                        }
                    }
                    rc = sq::sqlite3_finalize(st);
                }
                (rc, tail as usize)
            });
            if rc != sq::SQLITE_OK {
                return Err(errors::from_db(db));
            }
            if *(tail as *const u8) == 0 {
                return Ok(());
            }
            sqlp = tail;
        }
    }
}

builtin!(cursor_executescript, |slf, args, kws| {
    args::no_kwargs("executescript", &kws)?;
    args::arity("executescript", args, 1, 1)?;
    executescript(slf, args[0])?;
    Ok(Owned::from_borrowed(slf))
});

/// The message for undecodable text (`Could not decode to UTF-8 ...`),
/// the bytes shown as ASCII with replacement characters.
fn decode_failure(col: &[u8], text: &[u8]) -> String {
    let ascii = |b: &[u8]| -> String {
        b.iter()
            .map(|&c| if c < 0x80 { c as char } else { '\u{fffd}' })
            .collect()
    };
    format!(
        "Could not decode to UTF-8 column '{}' with text '{}'",
        ascii(col),
        ascii(text)
    )
}

/// `_pysqlite_fetch_one_row`: the current row as a tuple.
unsafe fn fetch_row(c: &Cursor, st: *mut sq::sqlite3_stmt) -> PyResult<Owned> {
    // SAFETY: st has a current row.
    unsafe {
        let conn = c.conn();
        let n = sq::sqlite3_data_count(st);
        let mut items = Vec::with_capacity(n as usize);
        for i in 0..n {
            let conv = c.converters.get(i as usize).and_then(Option::as_ref);
            let v = if let Some(conv) = conv {
                let p = sq::sqlite3_column_blob(st, i);
                if p.is_null() {
                    none::owned()
                } else {
                    let b = bytes::from_slice(super::values::raw_slice(
                        p,
                        sq::sqlite3_column_bytes(st, i),
                    ))?;
                    protocol::call_args(conv.as_ptr(), &[b.as_ptr()])?
                }
            } else {
                match sq::sqlite3_column_type(st, i) {
                    sq::SQLITE_NULL => none::owned(),
                    sq::SQLITE_INTEGER => int::from_i64(sq::sqlite3_column_int64(st, i))?,
                    sq::SQLITE_FLOAT => float::from_f64(sq::sqlite3_column_double(st, i))?,
                    sq::SQLITE_TEXT => {
                        let p = sq::sqlite3_column_text(st, i);
                        let t = super::values::raw_slice(p.cast(), sq::sqlite3_column_bytes(st, i));
                        let tf = objtype::ptr(&conn.text_factory);
                        if tf == (&raw mut pystr::PyUnicode_Type).cast() {
                            match std::str::from_utf8(t) {
                                Ok(s) => pystr::from_str(s)?,
                                Err(_) => {
                                    let name =
                                        CStr::from_ptr(sq::sqlite3_column_name(st, i)).to_bytes();
                                    return Err(errors::operational(&decode_failure(name, t)));
                                }
                            }
                        } else if tf == (&raw mut bytes::PyBytes_Type).cast() {
                            bytes::from_slice(t)?
                        } else {
                            let b = bytes::from_slice(t)?;
                            protocol::call_args(tf, &[b.as_ptr()])?
                        }
                    }
                    _ => {
                        let p = sq::sqlite3_column_blob(st, i);
                        bytes::from_slice(super::values::raw_slice(
                            p,
                            sq::sqlite3_column_bytes(st, i),
                        ))?
                    }
                }
            };
            items.push(v);
        }
        tuple::from_vec(items)
    }
}

/// `pysqlite_cursor_iternext`: the next row (through `row_factory`), or
/// `None` at the end.
unsafe fn next_row(slf: *mut PyObject) -> PyResult<Option<Owned>> {
    // SAFETY: slf is a Cursor.
    unsafe {
        let c = cur(slf);
        let db = c.check()?;
        let Some(obj) = c.statement.clone() else {
            return Ok(None);
        };
        let stmt = statement::stmt(obj.as_ptr());
        let st = stmt.st;
        if sq::sqlite3_data_count(st) == 0 {
            c.reset_statement();
            return Ok(None);
        }
        c.locked = true;
        let row = fetch_row(c, st);
        c.locked = false;
        let row = row?;
        let stp = st as usize;
        let rc = step(stp);
        if rc == sq::SQLITE_DONE {
            if stmt.is_dml {
                c.rowcount = sq::sqlite3_changes64(db);
            }
            c.reset_statement();
        } else if rc != sq::SQLITE_ROW {
            let e = errors::from_db(db);
            c.reset_statement();
            return Err(e);
        }
        pending_error()?;
        let rf = objtype::ptr(&c.row_factory);
        if !rf.is_null() && rf != none::none() {
            let rf = Owned::from_borrowed(rf);
            return Ok(Some(protocol::call_args(
                rf.as_ptr(),
                &[slf, row.as_ptr()],
            )?));
        }
        Ok(Some(row))
    }
}

unsafe extern "C" fn cursor_iternext(slf: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_iter(|| {
        // SAFETY: tp_iternext of a Cursor.
        unsafe { next_row(slf) }
    })
}

meth_noargs!(cursor_fetchone, |slf| {
    Ok(next_row(slf)?.unwrap_or_else(none::owned))
});

builtin!(cursor_fetchmany, |slf, args, kws| {
    let [size] = args::bind("fetchmany", args, &kws, ["size"], 1, 0)?;
    let max = match size {
        Some(s) => clinic_int(s)?,
        None => cur(slf).arraysize,
    };
    let out = list::new(0)?;
    let mut n = 0;
    while let Some(r) = next_row(slf)? {
        list::append(out.as_ptr(), r.as_ptr())?;
        n += 1;
        if n == max {
            break;
        }
    }
    Ok(out)
});

meth_noargs!(cursor_fetchall, |slf| {
    let out = list::new(0)?;
    while let Some(r) = next_row(slf)? {
        list::append(out.as_ptr(), r.as_ptr())?;
    }
    Ok(out)
});

meth_noargs!(cursor_close, |slf| {
    let c = cur(slf);
    if c.locked {
        return Err(errors::programming("Recursive use of cursors not allowed."));
    }
    if c.connection.is_none() {
        return Err(errors::programming("Base Cursor.__init__ not called."));
    }
    c.conn().checked()?;
    c.reset_statement();
    c.closed = true;
    Ok(none::owned())
});

builtin!(cursor_setinputsizes, |args, kws| {
    args::no_kwargs("setinputsizes", &kws)?;
    args::arity("setinputsizes", args, 1, 1)?;
    Ok(none::owned())
});

builtin!(cursor_setoutputsize, |args, kws| {
    args::no_kwargs("setoutputsize", &kws)?;
    args::arity("setoutputsize", args, 1, 2)?;
    Ok(none::owned())
});

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut CURSOR_METHODS: [PyMethodDef; 10] = [
    method(c"execute", cursor_execute as *const c_void, FK),
    method(c"executemany", cursor_executemany as *const c_void, FK),
    method(c"executescript", cursor_executescript as *const c_void, FK),
    method(c"fetchone", cursor_fetchone as *const c_void, METH_NOARGS),
    method(c"fetchmany", cursor_fetchmany as *const c_void, FK),
    method(c"fetchall", cursor_fetchall as *const c_void, METH_NOARGS),
    method(c"close", cursor_close as *const c_void, METH_NOARGS),
    method(c"setinputsizes", cursor_setinputsizes as *const c_void, FK),
    method(c"setoutputsize", cursor_setoutputsize as *const c_void, FK),
    METHOD_END,
];

const fn obj_member(name: &'static CStr, offset: usize, flags: c_int) -> PyMemberDef {
    crate::object::exceptions::member(name, offset, flags, c"")
}

static CURSOR_MEMBERS: [PyMemberDef; 7] = [
    obj_member(
        c"connection",
        std::mem::offset_of!(Obj<Cursor>, state.connection),
        Py_READONLY,
    ),
    obj_member(
        c"description",
        std::mem::offset_of!(Obj<Cursor>, state.description),
        Py_READONLY,
    ),
    obj_member(
        c"lastrowid",
        std::mem::offset_of!(Obj<Cursor>, state.lastrowid),
        Py_READONLY,
    ),
    obj_member(
        c"row_factory",
        std::mem::offset_of!(Obj<Cursor>, state.row_factory),
        0,
    ),
    PyMemberDef {
        r#type: Py_T_INT,
        ..obj_member(
            c"arraysize",
            std::mem::offset_of!(Obj<Cursor>, state.arraysize),
            0,
        )
    },
    PyMemberDef {
        r#type: Py_T_LONGLONG,
        ..obj_member(
            c"rowcount",
            std::mem::offset_of!(Obj<Cursor>, state.rowcount),
            Py_READONLY,
        )
    },
    PyMemberDef {
        name: std::ptr::null(),
        r#type: 0,
        offset: 0,
        flags: 0,
        doc: std::ptr::null(),
    },
];

/// `sqlite3.Cursor`.
pub static mut CURSOR_TYPE: PyTypeObject = PyTypeObject {
    tp_new: Some(cursor_new),
    tp_init: Some(cursor_init),
    tp_iter: Some(crate::object::iterobject::self_iter),
    tp_iternext: Some(cursor_iternext),
    tp_weaklistoffset: std::mem::offset_of!(Obj<Cursor>, state.weakreflist) as Py_ssize_t,
    tp_methods: (&raw mut CURSOR_METHODS).cast(),
    tp_members: (&raw const CURSOR_MEMBERS).cast_mut().cast(),
    tp_doc: c"SQLite database cursor class.".as_ptr(),
    ..objtype::gc_type::<Cursor>(c"sqlite3.Cursor", Py_TPFLAGS_BASETYPE)
};
