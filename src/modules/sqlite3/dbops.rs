//! The `Connection` methods that act on the database as a whole (CPython's
//! `connection.c`): extension loading, `interrupt`, `iterdump` (the
//! library's `sqlite3.dump`), run-time limits, boolean configuration
//! options, and `serialize` / `deserialize`.
use super::connection::{conn, cstring_arg};
use super::consts::OTHER;
use super::errors;
use crate::ffi::*;
use crate::modules::args::clinic_int;
use crate::modules::args::{self, builtin};
use crate::modules::objtype::meth_noargs;
use crate::object::buffer::Guard;
use crate::object::{bool as pybool, bytes, dict, int, none, protocol, tuple};
use crate::runtime::errors::{self as rterr, PyResult};
use crate::Owned;
use libc::c_int;
use libsqlite3_sys as sq;
use std::ffi::{CStr, CString};

builtin!(pub enable_load_extension, |slf, args, kws| {
    args::no_kwargs("enable_load_extension", &kws)?;
    args::arity("enable_load_extension", args, 1, 1)?;
    let db = conn(slf).checked()?;
    let on = protocol::is_true(args[0])?;
    crate::runtime::audit::audit(
        c"sqlite3.enable_load_extension",
        &[slf, crate::object::bool::from_bool(on)],
    )?;
    if sq::sqlite3_enable_load_extension(db, on as c_int) != sq::SQLITE_OK {
        return Err(errors::operational("Error enabling load extension"));
    }
    Ok(none::owned())
});

builtin!(pub load_extension, |slf, args, kws| {
    let [name, entry] = args::bind("load_extension", args, &kws, ["name", "entrypoint"], 1, 1)?;
    let db = conn(slf).checked()?;
    let path = cstring_arg(name.unwrap(), "load_extension", "1")?;
    crate::runtime::audit::audit(c"sqlite3.load_extension", &[slf, name.unwrap()])?;
    let entry = match entry {
        Some(e) if e != none::none() => Some(cstring_arg(e, "load_extension", "'entrypoint'")?),
        _ => None,
    };
    let mut err: *mut libc::c_char = std::ptr::null_mut();
    let rc = sq::sqlite3_load_extension(
        db,
        path.as_ptr(),
        entry.as_ref().map_or(std::ptr::null(), |e| e.as_ptr()),
        &mut err,
    );
    if rc != sq::SQLITE_OK {
        let msg = if err.is_null() {
            String::from("unknown error")
        } else {
            let m = CStr::from_ptr(err).to_string_lossy().into_owned();
            sq::sqlite3_free(err.cast());
            m
        };
        return Err(errors::operational(&msg));
    }
    Ok(none::owned())
});

meth_noargs!(pub interrupt, |slf| {
    let db = conn(slf).check_open()?;
    sq::sqlite3_interrupt(db);
    Ok(none::owned())
});

builtin!(pub iterdump, |slf, args, kws| {
    let [filter] = args::bind("iterdump", args, &kws, ["filter"], 0, 0)?;
    conn(slf).checked()?;
    let m = crate::runtime::import::import_absolute("sqlite3.dump")?;
    let f = protocol::getattr_str(m.as_ptr(), "_iterdump")?;
    let kw = dict::new()?;
    dict::set_item(
        kw.as_ptr(),
        crate::interned!("filter"),
        filter.unwrap_or_else(none::none),
    )?;
    let a = tuple::pack(&[slf])?;
    protocol::call(f.as_ptr(), a.as_ptr(), kw.as_ptr())
});

builtin!(pub getlimit, |slf, args, kws| {
    args::no_kwargs("getlimit", &kws)?;
    args::arity("getlimit", args, 1, 1)?;
    let db = conn(slf).checked()?;
    let cat = clinic_int(args[0])?;
    let v = sq::sqlite3_limit(db, cat, -1);
    if v < 0 {
        return Err(errors::programming("'category' is out of bounds"));
    }
    int::from_i64(v as i64)
});

builtin!(pub setlimit, |slf, args, kws| {
    args::no_kwargs("setlimit", &kws)?;
    args::arity("setlimit", args, 2, 2)?;
    let db = conn(slf).checked()?;
    let cat = clinic_int(args[0])?;
    let val = clinic_int(args[1])?;
    let old = sq::sqlite3_limit(db, cat, val);
    if old < 0 {
        return Err(errors::programming("'category' is out of bounds"));
    }
    int::from_i64(old as i64)
});

/// Checks that `op` is one of the boolean `SQLITE_DBCONFIG_*` options.
fn config_op(op: c_int) -> PyResult<()> {
    if OTHER
        .iter()
        .any(|&(n, v)| v == op && n.starts_with("SQLITE_DBCONFIG_"))
    {
        Ok(())
    } else {
        Err(rterr::value_error(format!("unknown config 'op': {op}")))
    }
}

builtin!(pub getconfig, |slf, args, kws| {
    args::no_kwargs("getconfig", &kws)?;
    args::arity("getconfig", args, 1, 1)?;
    let db = conn(slf).checked()?;
    let op = clinic_int(args[0])?;
    config_op(op)?;
    let mut on: c_int = 0;
    if sq::sqlite3_db_config(db, op, -1 as c_int, &mut on as *mut c_int) != sq::SQLITE_OK {
        return Err(errors::from_db(db));
    }
    Ok(Owned::from_borrowed_static(pybool::from_bool(on != 0)))
});

builtin!(pub setconfig, |slf, args, kws| {
    args::no_kwargs("setconfig", &kws)?;
    args::arity("setconfig", args, 1, 2)?;
    let db = conn(slf).checked()?;
    let op = clinic_int(args[0])?;
    let enable = match args.get(1) {
        Some(&e) => protocol::is_true(e)?,
        None => true,
    };
    config_op(op)?;
    let mut on: c_int = 0;
    if sq::sqlite3_db_config(db, op, enable as c_int, &mut on as *mut c_int) != sq::SQLITE_OK {
        return Err(errors::from_db(db));
    }
    Ok(none::owned())
});

/// The schema name of `name=` (default "main").
unsafe fn schema_arg(o: Option<*mut PyObject>, fname: &str) -> PyResult<CString> {
    match o {
        // SAFETY: o valid.
        Some(o) => unsafe { cstring_arg(o, fname, "'name'") },
        None => Ok(CString::from(c"main")),
    }
}

builtin!(pub serialize, |slf, args, kws| {
    let [name] = args::bind("serialize", args, &kws, ["name"], 0, 0)?;
    let db = conn(slf).checked()?;
    let schema = schema_arg(name, "serialize")?;
    let mut size: i64 = 0;
    let p = sq::sqlite3_serialize(db, schema.as_ptr(), &mut size, sq::SQLITE_SERIALIZE_NOCOPY);
    if !p.is_null() {
        return bytes::from_slice(std::slice::from_raw_parts(p, size as usize));
    }
    let p = sq::sqlite3_serialize(db, schema.as_ptr(), &mut size, 0);
    if p.is_null() {
        return Err(errors::operational(&format!(
            "unable to serialize '{}'",
            schema.to_string_lossy()
        )));
    }
    let r = bytes::from_slice(std::slice::from_raw_parts(p, size as usize));
    sq::sqlite3_free(p.cast());
    r
});

builtin!(pub deserialize, |slf, args, kws| {
    let [data, name] = args::bind("deserialize", args, &kws, ["data", "name"], 1, 1)?;
    let db = conn(slf).checked()?;
    let schema = schema_arg(name, "deserialize")?;
    let data = Guard::new(data.unwrap(), PyBUF_SIMPLE)?;
    let n = data.len();
    let buf = sq::sqlite3_malloc64(n.max(1) as u64).cast::<u8>();
    if buf.is_null() {
        return Err(rterr::no_memory());
    }
    std::ptr::copy_nonoverlapping(data.ptr(), buf, n);
    let rc = sq::sqlite3_deserialize(
        db,
        schema.as_ptr(),
        buf,
        n as i64,
        n as i64,
        sq::SQLITE_DESERIALIZE_FREEONCLOSE | sq::SQLITE_DESERIALIZE_RESIZEABLE,
    );
    if rc != sq::SQLITE_OK {
        return Err(errors::from_rc(db, rc));
    }
    Ok(none::owned())
});
