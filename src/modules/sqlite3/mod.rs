//! The `_sqlite3` module (CPython's `Modules/_sqlite/`): the DB-API 2.0
//! interface to SQLite under the standard library's `sqlite3` package,
//! written over SQLite's C API (the `libsqlite3-sys` crate, built from
//! its bundled source). This file holds `connect()`, the module functions
//! and constants; the types are in `connection`, `cursor`, `row` and
//! `blob`.
mod adapters;
mod backup;
mod bind;
mod blob;
mod callbacks;
mod connection;
mod consts;
mod cursor;
mod dbops;
mod errors;
mod row;
mod statement;
mod values;

use crate::ffi::*;
use crate::modules::args::clinic_int;
use crate::modules::args::{self, builtin};
use crate::object::descr::{method, METHOD_END};
use crate::object::{bool as pybool, dict, int, module, none, str as pystr};
use crate::Owned;
use libc::{c_int, c_void};
use libsqlite3_sys as sq;
use std::ffi::CStr;
use std::sync::atomic::{AtomicBool, Ordering};

/// `PARSE_DECLTYPES` and `PARSE_COLNAMES` of `detect_types`.
pub(super) const PARSE_DECLTYPES: c_int = 1;
pub(super) const PARSE_COLNAMES: c_int = 2;

/// `enable_callback_tracebacks()`: report exceptions in callbacks.
static CALLBACK_TRACEBACKS: AtomicBool = AtomicBool::new(false);

/// Drops the module's classes and registries (interpreter finalization).
pub fn finalize() {
    errors::finalize();
    adapters::finalize();
    CALLBACK_TRACEBACKS.store(false, Ordering::Relaxed);
}

/// Where `factory` sits among `connect()`'s positional parameters.
const FACTORY_POS: usize = 5;

/// `sqlite3.connect()`: calls `factory` (default `Connection`) with the
/// same arguments.
unsafe extern "C" fn sqlite_connect(
    _m: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: fastcall arguments per the METH_FASTCALL contract.
        unsafe {
            let n = nargs as usize;
            let (pos, kws) = args::split(args, nargs, kwnames);
            let mut factory: *mut PyObject = (&raw mut connection::CONNECTION_TYPE).cast();
            if n > FACTORY_POS {
                factory = pos[FACTORY_POS];
            } else if let Some(&(_, f)) = kws.iter().find(|(k, _)| *k == "factory") {
                factory = f;
            }
            if n > 1 && n <= 8 {
                connection::deprecation("Passing more than 1 positional argument to sqlite3.connect() is deprecated. Parameters 'timeout', 'detect_types', 'isolation_level', 'check_same_thread', 'factory', 'cached_statements' and 'uri' will become keyword-only parameters in Python 3.15.")?;
            }
            crate::runtime::errors::check(crate::capi::call::PyObject_Vectorcall(
                factory, args, n, kwnames,
            ))
        }
    })
}

builtin!(sqlite_complete_statement, |args, kws| {
    let [s] = args::bind("complete_statement", args, &kws, ["statement"], 1, 1)?;
    let s = connection::cstring_arg(s.unwrap(), "complete_statement", "'statement'")?;
    Ok(Owned::from_borrowed_static(pybool::from_bool(
        sq::sqlite3_complete(s.as_ptr()) != 0,
    )))
});

builtin!(sqlite_enable_callback_tracebacks, |args, kws| {
    args::no_kwargs("enable_callback_tracebacks", &kws)?;
    args::arity("enable_callback_tracebacks", args, 1, 1)?;
    let on = clinic_int(args[0])? != 0;
    CALLBACK_TRACEBACKS.store(on, Ordering::Relaxed);
    Ok(Owned::from_borrowed_static(none::none()))
});

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut METHODS: [PyMethodDef; 7] = [
    method(c"connect", sqlite_connect as *const c_void, FK),
    method(
        c"complete_statement",
        sqlite_complete_statement as *const c_void,
        FK,
    ),
    method(
        c"enable_callback_tracebacks",
        sqlite_enable_callback_tracebacks as *const c_void,
        FK,
    ),
    method(
        c"register_adapter",
        adapters::register_adapter as *const c_void,
        FK,
    ),
    method(
        c"register_converter",
        adapters::register_converter as *const c_void,
        FK,
    ),
    method(c"adapt", adapters::module_adapt as *const c_void, FK),
    METHOD_END,
];

/// `threadsafety` (DB-API) from SQLite's compile-time threading mode.
fn threadsafety() -> i64 {
    // SAFETY: a plain query.
    match unsafe { sq::sqlite3_threadsafe() } {
        0 => 0,
        2 => 1,
        _ => 3,
    }
}

/// `PyInit__sqlite3`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the tables and types are static; the module is new.
        unsafe {
            errors::create_classes()?;
            adapters::create()?;
            let m = crate::modules::objtype::new_module(
                "_sqlite3",
                (&raw mut METHODS).cast(),
                &[
                    &raw mut connection::CONNECTION_TYPE,
                    &raw mut cursor::CURSOR_TYPE,
                    &raw mut row::ROW_TYPE,
                    &raw mut blob::BLOB_TYPE,
                    &raw mut adapters::PREPARE_PROTOCOL_TYPE,
                ],
            )?;
            // Instances show `__call__`'s signature to `inspect`.
            let ctp = &raw mut connection::CONNECTION_TYPE;
            dict::set_item(
                (*ctp).tp_dict,
                crate::interned!("__text_signature__"),
                pystr::from_str("(sql, /)")?.as_ptr(),
            )?;
            crate::object::typeobj::modified(ctp);
            let d = module::dict_of(m.as_ptr());
            let set = |k: &str, v: *mut PyObject| dict::set_item(d, pystr::intern(k), v);
            for (i, (name, _)) in errors::NAMES.iter().enumerate() {
                let short = &name.to_str().unwrap_or("")["sqlite3.".len()..];
                set(short, errors::class_at(i))?;
            }
            set("adapters", adapters::ADAPTERS.load(Ordering::Relaxed))?;
            set("converters", adapters::CONVERTERS.load(Ordering::Relaxed))?;
            for &(k, v) in consts::RESULT_CODES.iter().chain(&consts::OTHER) {
                set(k, int::from_i64(v as i64)?.as_ptr())?;
            }
            set(
                "PARSE_DECLTYPES",
                int::from_i64(PARSE_DECLTYPES as i64)?.as_ptr(),
            )?;
            set(
                "PARSE_COLNAMES",
                int::from_i64(PARSE_COLNAMES as i64)?.as_ptr(),
            )?;
            set(
                "LEGACY_TRANSACTION_CONTROL",
                int::from_i64(connection::LEGACY as i64)?.as_ptr(),
            )?;
            let version = CStr::from_ptr(sq::sqlite3_libversion()).to_string_lossy();
            set("sqlite_version", pystr::from_str(&version)?.as_ptr())?;
            set("threadsafety", int::from_i64(threadsafety())?.as_ptr())?;
            set("_deprecated_version", pystr::from_str("2.6.0")?.as_ptr())?;
            Ok(m)
        }
    })
}
