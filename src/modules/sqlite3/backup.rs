//! `Connection.backup` (CPython's `pysqlite_connection_backup_impl`):
//! copies a database into another connection with SQLite's online backup
//! API, a number of pages at a time, reporting progress.
use super::connection::{conn, cstring_arg, is_connection};
use super::errors;
use crate::modules::args::clinic_int;
use crate::modules::args::{self, builtin};
use crate::object::{int, none, protocol, typeobj};
use crate::runtime::errors::{self as rterr, PyResult};
use crate::runtime::gil::allow_threads;
use crate::Owned;
use libc::c_int;
use libsqlite3_sys as sq;

builtin!(pub backup, |slf, args, kws| {
    let [target, pages, progress, name, sleep] = args::bind(
        "backup",
        args,
        &kws,
        ["target", "pages", "progress", "name", "sleep"],
        1,
        1,
    )?;
    let target = target.unwrap();
    conn(slf).checked()?;
    if !is_connection(target) {
        return Err(rterr::type_error(format!(
            "backup() argument 'target' must be sqlite3.Connection, not {}",
            typeobj::type_name(target)
        )));
    }
    let mut pages = match pages {
        Some(p) => clinic_int(p)?,
        None => -1,
    };
    let progress = progress.filter(|&p| p != none::none());
    let schema = match name {
        Some(n) => cstring_arg(n, "backup", "'name'")?,
        None => std::ffi::CString::from(c"main"),
    };
    let sleep = match sleep {
        Some(s) => crate::object::float::as_f64(s)?,
        None => 0.25,
    };
    if sleep < 0.0 {
        return Err(rterr::value_error("sleep must be greater-than-or-equal to zero"));
    }
    if target == slf {
        return Err(rterr::value_error("target cannot be the same connection instance"));
    }
    let dest = conn(target).check_open()?;
    if sq::sqlite3_get_autocommit(dest) == 0 {
        return Err(errors::operational("target is in transaction"));
    }
    if let Some(p) = progress {
        if crate::capi::call::PyCallable_Check(p) == 0 {
            return Err(rterr::type_error("progress argument must be a callable"));
        }
    }
    if pages == 0 {
        pages = -1;
    }
    let src = conn(slf).db;
    let bk = sq::sqlite3_backup_init(dest, c"main".as_ptr(), src, schema.as_ptr());
    if bk.is_null() {
        return Err(errors::from_db(dest));
    }
    let bkp = bk as usize;
    loop {
        let rc = allow_threads(|| sq::sqlite3_backup_step(bkp as *mut sq::sqlite3_backup, pages));
        if let Some(p) = progress {
            let r = (|| -> PyResult<Owned> {
                let a = int::from_i64(rc as i64)?;
                let b = int::from_i64(sq::sqlite3_backup_remaining(bk) as i64)?;
                let c = int::from_i64(sq::sqlite3_backup_pagecount(bk) as i64)?;
                protocol::call_args(p, &[a.as_ptr(), b.as_ptr(), c.as_ptr()])
            })();
            if let Err(e) = r {
                allow_threads(|| sq::sqlite3_backup_finish(bkp as *mut sq::sqlite3_backup));
                return Err(e);
            }
        }
        if rc == sq::SQLITE_BUSY || rc == sq::SQLITE_LOCKED {
            let ms = (sleep * 1000.0) as c_int;
            allow_threads(|| sq::sqlite3_sleep(ms));
        } else if rc != sq::SQLITE_OK {
            break;
        }
    }
    let rc = allow_threads(|| sq::sqlite3_backup_finish(bkp as *mut sq::sqlite3_backup));
    if rc != sq::SQLITE_OK {
        return Err(errors::from_db(dest));
    }
    Ok(Owned::from_borrowed_static(none::none()))
});
