//! The `_csv` module (CPython's `Modules/_csv.c`): `reader`, `writer`,
//! `Dialect`, the dialect registry (`register_dialect`, `get_dialect`,
//! `unregister_dialect`, `list_dialects`, the `_dialects` dict),
//! `field_size_limit`, `Error` and the `QUOTE_*` constants. `csv.py`
//! builds `DictReader`, `DictWriter` and `Sniffer` on it.
mod dialect;
mod reader;
mod writer;

use crate::ffi::*;
use crate::modules::args::{arity, builtin, Args};
use crate::modules::objtype::new_module;
use crate::object::descr::{method, METHOD_END};
use crate::object::{dict, int, list, none, protocol, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use dialect::{call_dialect, csv_error, lookup};
use libc::c_void;
use std::sync::atomic::Ordering;

/// The keyword arguments of a fastcall as a dict (NULL when none).
fn kw_dict(kws: &[(&str, *mut PyObject)]) -> PyResult<Option<Owned>> {
    if kws.is_empty() {
        return Ok(None);
    }
    let d = dict::new()?;
    for &(k, v) in kws {
        // SAFETY: d is a dict; v valid.
        unsafe { dict::set_item(d.as_ptr(), pystr::from_str(k)?.as_ptr(), v)? };
    }
    Ok(Some(d))
}

/// The dialect for `reader`/`writer`/`register_dialect` arguments.
fn make_dialect(args: Args, kws: &[(&str, *mut PyObject)]) -> PyResult<Owned> {
    let kw = kw_dict(kws)?;
    let d = args.get(1).copied().unwrap_or(std::ptr::null_mut());
    // SAFETY: d NULL or valid; kw a dict or NULL.
    unsafe { call_dialect(d, kw.as_ref().map_or(std::ptr::null_mut(), Owned::as_ptr)) }
}

/// The module's `_dialects` dict.
fn registry(m: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: m is the _csv module.
    unsafe { protocol::getattr_str(m, "_dialects") }
}

builtin!(csv_reader, |args, kws| {
    arity("", args, 1, 2)?;
    let it = protocol::get_iter(args[0])?;
    let d = make_dialect(args, &kws)?;
    reader::new_reader(it, d)
});

builtin!(csv_writer, |args, kws| {
    arity("", args, 1, 2)?;
    let write = match protocol::getattr_opt(args[0], crate::interned!("write"))? {
        Some(w) => w,
        None => {
            return Err(errors::type_error(
                "argument 1 must have a \"write\" method",
            ))
        }
    };
    let d = make_dialect(args, &kws)?;
    writer::new_writer(write, d)
});

builtin!(register_dialect, |m, args, kws| {
    arity("", args, 1, 2)?;
    if !pystr::check(args[0]) {
        return Err(errors::type_error("dialect name must be a string"));
    }
    let d = make_dialect(args, &kws)?;
    dict::set_item(registry(m)?.as_ptr(), args[0], d.as_ptr())?;
    Ok(Owned::from_borrowed_static(none::none()))
});

/// The single `name` argument of the registry functions.
fn name_arg<'a>(
    fname: &str,
    args: Args<'a>,
    kws: &[(&str, *mut PyObject)],
) -> PyResult<*mut PyObject> {
    let [name] = crate::modules::args::bind(fname, args, kws, ["name"], 1, 1)?;
    Ok(name.unwrap_or(std::ptr::null_mut()))
}

builtin!(unregister_dialect, |m, args, kws| {
    let name = name_arg("unregister_dialect", args, &kws)?;
    if !dict::del_item_opt(registry(m)?.as_ptr(), name)? {
        return Err(csv_error("unknown dialect"));
    }
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(get_dialect, |args, kws| {
    let name = name_arg("get_dialect", args, &kws)?;
    lookup(name)
});

builtin!(list_dialects, |m, args, kws| {
    crate::modules::args::no_kwargs("list_dialects", &kws)?;
    if !args.is_empty() {
        return Err(errors::type_error(format!(
            "list_dialects() takes no arguments ({} given)",
            args.len()
        )));
    }
    let reg = registry(m)?;
    let keys = crate::object::dict::mapping_keys_iter(reg.as_ptr())?;
    list::from_iterable(keys.as_ptr())
});

builtin!(field_size_limit, |args, kws| {
    if args.len() + kws.len() > 1 {
        return Err(errors::type_error(format!(
            "field_size_limit() takes at most 1 argument ({} given)",
            args.len() + kws.len()
        )));
    }
    let new = match (args.first(), kws.first()) {
        (Some(&a), _) => Some(a),
        (None, Some(&("new_limit", v))) => Some(v),
        (None, Some(&(k, _))) => {
            return Err(errors::type_error(format!(
                "field_size_limit() got an unexpected keyword argument '{k}'"
            )))
        }
        (None, None) => None,
    };
    let old = reader::FIELD_LIMIT.load(Ordering::Relaxed);
    if let Some(n) = new {
        if !int::check(n) {
            return Err(errors::type_error("limit must be an integer"));
        }
        let v = int::as_i64(n)?;
        reader::FIELD_LIMIT.store(v, Ordering::Relaxed);
    }
    int::from_i64(old)
});

const FK: libc::c_int = METH_FASTCALL | METH_KEYWORDS;

static mut FUNCTIONS: [PyMethodDef; 8] = [
    method(c"reader", csv_reader as *const c_void, FK),
    method(c"writer", csv_writer as *const c_void, FK),
    method(c"register_dialect", register_dialect as *const c_void, FK),
    method(
        c"unregister_dialect",
        unregister_dialect as *const c_void,
        FK,
    ),
    method(c"get_dialect", get_dialect as *const c_void, FK),
    method(c"list_dialects", list_dialects as *const c_void, FK),
    method(c"field_size_limit", field_size_limit as *const c_void, FK),
    METHOD_END,
];

/// `PyInit__csv`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the tables and types are static.
        unsafe {
            let m = new_module(
                "_csv",
                (&raw mut FUNCTIONS).cast(),
                &[&raw mut dialect::DIALECT_TYPE],
            )?;
            let p = m.as_ptr();
            let set = |name: &str, v: *mut PyObject| protocol::setattr(p, pystr::intern(name), v);
            set(
                "__doc__",
                pystr::from_str("CSV parsing and writing.\n")?.as_ptr(),
            )?;
            for (name, tp) in [
                ("Reader", &raw mut reader::READER_TYPE),
                ("Writer", &raw mut writer::WRITER_TYPE),
            ] {
                crate::object::typeobj::ready(tp)?;
                set(name, tp.cast())?;
            }
            for (name, v) in [
                ("QUOTE_MINIMAL", dialect::QUOTE_MINIMAL),
                ("QUOTE_ALL", dialect::QUOTE_ALL),
                ("QUOTE_NONNUMERIC", dialect::QUOTE_NONNUMERIC),
                ("QUOTE_NONE", dialect::QUOTE_NONE),
                ("QUOTE_STRINGS", dialect::QUOTE_STRINGS),
                ("QUOTE_NOTNULL", dialect::QUOTE_NOTNULL),
            ] {
                set(name, int::from_i64(v as i64)?.as_ptr())?;
            }
            set("_dialects", dict::new()?.as_ptr())?;
            let err = crate::object::exceptions::new_exception_class(
                c"_csv.Error".as_ptr(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            )?;
            set("Error", err.as_ptr())?;
            reader::FIELD_LIMIT.store(128 * 1024, Ordering::Relaxed);
            Ok(m)
        }
    })
}
