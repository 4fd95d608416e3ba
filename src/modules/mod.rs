//! Builtin modules written in Rust, and the per-interpreter module table
//! (`sys.modules`).
pub mod _abc;
pub mod _string;
pub mod _warnings;
pub mod _weakref;
pub mod args;
pub mod array;
pub mod ast;
pub mod atexit;
pub mod binascii;
pub mod bisect;
pub mod builtins;
pub mod bz2;
pub mod cmath;
pub mod codecs;
pub mod collections;
pub mod compression;
pub mod contextvars;
pub mod csv;
pub mod ctypes;
pub mod datetime;
pub mod errno;
pub mod faulthandler;
pub mod fcntl;
pub mod functools;
pub mod gc;
pub mod grp;
pub mod hashes;
pub mod heapq;
pub mod imp;
pub mod io;
pub mod itertools;
pub mod json;
pub mod locale;
pub mod lsprof;
pub mod lzma;
pub mod marshal;
pub mod math;
pub mod mmap;
pub mod module_def;
pub mod multiprocessing;
pub mod objtype;
pub mod opcode;
pub mod opcode_metadata;
pub mod operator;
pub mod pickle;
pub mod posix;
pub mod posixshmem;
pub mod posixsubprocess;
pub mod pwd;
pub mod pyexpat;
pub mod queue;
pub mod random;
pub mod resource;
pub mod select;
pub mod signal;
pub mod signal_wait;
pub mod socket;
pub mod sqlite3;
pub mod sre;
pub mod ssl;
pub mod stat;
pub mod struct_;
pub mod symtable;
pub mod sys;
pub mod syslog;
pub mod termios;
pub mod thread;
pub mod time;
pub mod tokenize;
pub mod tracemalloc;
pub mod typing;
pub mod unicodedata;
pub mod zlib;

use crate::ffi::PyObject;

/// The interpreter's `sys.modules` dict (borrowed), NULL before
/// initialization.
pub fn sys_modules() -> *mut PyObject {
    let ts = crate::runtime::tstate::current();
    if ts.is_null() {
        return std::ptr::null_mut();
    }
    // SAFETY: a current thread state has a live interpreter.
    unsafe { (*(*ts).interp).modules }
}

/// The builtin modules written in Rust, besides `builtins` and `sys`:
/// (name, init function). An init function works like an extension's
/// `PyInit_<name>`: it returns a new module (single-phase) or its static
/// `PyModuleDef` (multi-phase, PEP 489). One line per module, sorted.
const TABLE: &[(&str, crate::capi::import::InitFunc)] = &[
    // One line per module, sorted by name.
    ("_abc", _abc::init),
    ("_ast", ast::init),
    ("_bisect", bisect::init),
    ("_blake2", hashes::init_blake2),
    ("_bz2", bz2::init),
    ("_codecs", codecs::init),
    ("_collections", collections::init),
    ("_contextvars", contextvars::init),
    ("_csv", csv::init),
    ("_ctypes", ctypes::init),
    ("_datetime", datetime::init),
    ("_functools", functools::init),
    ("_heapq", heapq::init),
    ("_imp", imp::init),
    ("_io", io::init),
    ("_json", json::init),
    ("_locale", locale::init),
    ("_lsprof", lsprof::init),
    ("_lzma", lzma::init),
    ("_md5", hashes::init_md5),
    ("_multiprocessing", multiprocessing::init),
    ("_opcode", opcode::init),
    ("_opcode_metadata", opcode_metadata::init),
    ("_operator", operator::init),
    ("_pickle", pickle::init),
    ("_posixshmem", posixshmem::init),
    ("_posixsubprocess", posixsubprocess::init),
    ("_queue", queue::init),
    ("_random", random::init),
    ("_sha1", hashes::init_sha1),
    ("_sha2", hashes::init_sha2),
    ("_sha3", hashes::init_sha3),
    ("_sqlite3", sqlite3::init),
    ("_sre", sre::init),
    ("_ssl", ssl::init),
    ("_signal", signal::init),
    ("_socket", socket::init),
    ("_stat", stat::init),
    ("_string", _string::init),
    ("_struct", struct_::init),
    ("_symtable", symtable::init),
    ("_thread", thread::init),
    ("_tokenize", tokenize::init),
    ("_tracemalloc", tracemalloc::init),
    ("_typing", typing::init),
    ("_warnings", _warnings::init),
    ("_weakref", _weakref::init),
    ("array", array::init),
    ("atexit", atexit::init),
    ("binascii", binascii::init),
    ("cmath", cmath::init),
    ("errno", errno::init),
    ("faulthandler", faulthandler::init),
    ("fcntl", fcntl::init),
    ("gc", gc::init),
    ("grp", grp::init),
    ("itertools", itertools::init),
    ("marshal", marshal::init),
    ("math", math::init),
    ("mmap", mmap::init),
    ("posix", posix::init),
    ("pwd", pwd::init),
    ("pyexpat", pyexpat::init),
    ("resource", resource::init),
    ("select", select::init),
    ("syslog", syslog::init),
    ("termios", termios::init),
    ("time", time::init),
    ("unicodedata", unicodedata::init),
    ("zlib", zlib::init),
];

/// The names of all builtin modules, sorted (`sys.builtin_module_names`).
pub fn builtin_names() -> Vec<&'static str> {
    let mut v: Vec<&str> = ["builtins", "sys"]
        .into_iter()
        .chain(TABLE.iter().map(|&(n, _)| n))
        .collect();
    v.sort_unstable();
    v
}

/// Whether `name` is one of [`builtin_names`], found without allocating
/// (faulthandler asks from a signal handler).
pub fn is_builtin(name: &[u8]) -> bool {
    name == b"builtins" || name == b"sys" || TABLE.iter().any(|&(n, _)| n.as_bytes() == name)
}

/// A new module `name` with the functions of a static `METH_FASTCALL |
/// METH_KEYWORDS` table (ending with `METHOD_END`) bound to it.
///
/// # Safety
/// `table` points at a static method table that ends with a NULL name.
pub unsafe fn new_module(
    name: &str,
    table: *mut crate::ffi::PyMethodDef,
) -> crate::PyResult<crate::Owned> {
    use crate::object::{dict, methodobject, module, str as pystr};
    // SAFETY: the table is static and NULL-terminated.
    unsafe {
        let n = pystr::intern(name);
        let m = module::new(n)?;
        let d = module::dict_of(m.as_ptr());
        let mut ml = table;
        while !(*ml).ml_name.is_null() {
            let f = methodobject::new(ml, m.as_ptr(), n, std::ptr::null_mut())?;
            dict::set_item(d, pystr::intern_cstr((*ml).ml_name)?, f.as_ptr())?;
            ml = ml.add(1);
        }
        Ok(m)
    }
}

/// Creates the builtin module `name`, if there is one (`None` otherwise).
/// `builtins` exists per interpreter already; the embedder's inittab is
/// searched after the modules written in Rust.
pub fn create_builtin(name: &str) -> crate::PyResult<Option<crate::Owned>> {
    let m = match name {
        // SAFETY: the builtins module lives in the interpreter.
        "builtins" => Some(unsafe { crate::Owned::from_borrowed(builtins::module()) }),
        "sys" => Some(sys::create()?),
        _ => match TABLE.iter().find(|&&(n, _)| n == name) {
            // SAFETY: the table holds our modules' init functions.
            Some(&(n, f)) => Some(unsafe { crate::capi::import::run_init_function(n, f) }?),
            None => crate::capi::import::create_from_inittab(name)?,
        },
    };
    if let Some(m) = &m {
        set_builtin_package(m.as_ptr(), name)?;
    }
    Ok(m)
}

/// Gives builtin module `m` (named `name`) the `__package__` importlib's
/// `_init_module_attrs` gives it, its parent package ("" at the top
/// level), unless the module set one itself.
fn set_builtin_package(m: *mut PyObject, name: &str) -> crate::PyResult<()> {
    // SAFETY: m is a live object; a module has a dict.
    unsafe {
        if !crate::object::typeobj::instance_of(m, &raw mut crate::object::module::PyModule_Type) {
            return Ok(());
        }
        let d = crate::object::module::dict_of(m);
        let package =
            crate::object::dict::get_item_known_hash_str(d, crate::interned!("__package__"));
        if !package.is_null() && package != crate::object::none::none() {
            return Ok(());
        }
        let parent = name.rsplit_once('.').map_or("", |(p, _)| p);
        crate::object::dict::set_item(
            d,
            crate::interned!("__package__"),
            crate::object::str::from_str(parent)?.as_ptr(),
        )
    }
}
