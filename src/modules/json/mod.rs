//! The `_json` module (CPython's `Modules/_json.c`): the accelerators that
//! `json` uses when present: `scanstring`, `make_scanner`
//! (`scanner.rs`), `make_encoder` (`encoder.rs`), `encode_basestring` and
//! `encode_basestring_ascii` (`writer.rs`).
mod encoder;
mod scanner;
mod writer;

use crate::ffi::*;
use crate::modules::args::{arity, builtin};
use crate::modules::objtype::{meth_o, new_module};
use crate::object::descr::{method, METHOD_END};
use crate::object::{int, protocol, str as pystr};
use crate::runtime::errors::{self, PyResult, Raised};
use libc::c_void;

/// Raises `json.decoder.JSONDecodeError(msg, s, pos)`.
fn raise_errmsg(msg: &str, s: *mut PyObject, pos: isize) -> Raised {
    let r = (|| -> PyResult<Raised> {
        let m = crate::runtime::import::import_absolute("json.decoder")?;
        // SAFETY: m is a module; the arguments are valid objects.
        unsafe {
            let cls = protocol::getattr_str(m.as_ptr(), "JSONDecodeError")?;
            let msg = pystr::from_str(msg)?;
            let pos = int::from_i64(pos as i64)?;
            let exc = protocol::call_args(cls.as_ptr(), &[msg.as_ptr(), s, pos.as_ptr()])?;
            Ok(errors::set_object(cls.as_ptr(), exc.as_ptr()))
        }
    })();
    r.unwrap_or_else(|e| e)
}

/// Raises `StopIteration(idx)`: no JSON term starts at `idx`.
fn stop_iteration(idx: usize) -> Raised {
    match int::from_i64(idx as i64) {
        // SAFETY: the exception class is static; v is an int.
        Ok(v) => unsafe {
            errors::set_object(crate::object::exceptions::PyExc_StopIteration, v.as_ptr())
        },
        Err(e) => e,
    }
}

/// Raises `TypeError` unless `op` is a str.
unsafe fn need_str(op: *mut PyObject) -> PyResult<()> {
    // SAFETY: op valid.
    unsafe {
        if pystr::check(op) {
            return Ok(());
        }
        Err(errors::type_error(format!(
            "first argument must be a string, not {}",
            crate::object::typeobj::name_of((*op).ob_type)
        )))
    }
}

meth_o!(pub encode_basestring_ascii, |_m, s| {
    need_str(s)?;
    let mut w = writer::Writer::new();
    writer::escape_ascii(&mut w, s);
    w.finish()
});

meth_o!(pub encode_basestring, |_m, s| {
    need_str(s)?;
    let mut w = writer::Writer::new();
    writer::escape(&mut w, s);
    w.finish()
});

builtin!(py_scanstring, |args, kws| {
    crate::modules::args::no_kwargs("scanstring", &kws)?;
    arity("scanstring", args, 2, 3)?;
    // Arguments are converted before the string's type is checked, as
    // CPython's "On|p" parsing does.
    let end = crate::object::int::as_i64_or(
        crate::object::number::index(args[1])?.as_ptr(),
        "Python int too large to convert to C ssize_t",
    )? as Py_ssize_t;
    let strict = match args.get(2) {
        Some(&s) => protocol::is_true(s)?,
        None => true,
    };
    need_str(args[0])?;
    scanner::py_scanstring(args[0], end, strict)
});

static mut FUNCTIONS: [PyMethodDef; 4] = [
    method(
        c"encode_basestring_ascii",
        encode_basestring_ascii as *const c_void,
        METH_O,
    ),
    method(
        c"encode_basestring",
        encode_basestring as *const c_void,
        METH_O,
    ),
    method(
        c"scanstring",
        py_scanstring as *const c_void,
        METH_FASTCALL | METH_KEYWORDS,
    ),
    METHOD_END,
];

/// `PyInit__json`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the tables and types are static.
        unsafe {
            let m = new_module("_json", (&raw mut FUNCTIONS).cast(), &[])?;
            for (name, tp) in [
                ("make_scanner", &raw mut scanner::SCANNER_TYPE),
                ("make_encoder", &raw mut encoder::ENCODER_TYPE),
            ] {
                crate::object::typeobj::ready(tp)?;
                protocol::setattr(m.as_ptr(), pystr::intern(name), tp.cast())?;
            }
            Ok(m)
        }
    })
}
