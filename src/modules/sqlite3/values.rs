//! Moving values between Python and SQLite: binding statement parameters
//! (`_pysqlite_bind_parameter`), reading user-function arguments
//! (`_pysqlite_build_py_params`) and setting their results
//! (`_pysqlite_set_result`).
use super::errors;
use crate::ffi::*;
use crate::object::buffer::Guard;
use crate::object::{bytes, float, int, none, str as pystr, typeobj};
use crate::runtime::errors::{self as rterr, PyResult};
use crate::Owned;
use libsqlite3_sys as sq;
use std::ffi::c_int;

/// An SQLite INTEGER from a Python int.
///
/// # Safety
/// `o` is an int.
pub unsafe fn int64(o: *mut PyObject) -> PyResult<i64> {
    // SAFETY: o is an int.
    unsafe { int::as_i128(o) }
        .and_then(|v| i64::try_from(v).ok())
        .ok_or_else(|| rterr::overflow_error("Python int too large to convert to SQLite INTEGER"))
}

/// What a Python value is stored as.
enum Kind {
    Null,
    Int,
    Float,
    Text,
    Buffer,
    Other,
}

/// # Safety
/// `o` is valid.
unsafe fn kind(o: *mut PyObject) -> Kind {
    // SAFETY: o valid.
    unsafe {
        if o == none::none() {
            Kind::Null
        } else if int::check(o) {
            Kind::Int
        } else if float::check(o) {
            Kind::Float
        } else if pystr::check(o) {
            Kind::Text
        } else if crate::object::buffer::check(o) {
            Kind::Buffer
        } else {
            Kind::Other
        }
    }
}

fn int_len(n: usize, what: &str) -> PyResult<c_int> {
    c_int::try_from(n)
        .map_err(|_| rterr::overflow_error(format!("{what} longer than INT_MAX bytes")))
}

/// Binds `o` to parameter `i` of `st`; `Ok(None)` when the type is not
/// supported, else SQLite's result code.
///
/// # Safety
/// `st` is a live statement; `o` valid.
pub unsafe fn bind(
    st: *mut sq::sqlite3_stmt,
    i: c_int,
    o: *mut PyObject,
) -> PyResult<Option<c_int>> {
    // SAFETY: per the contract; SQLITE_TRANSIENT makes SQLite copy.
    unsafe {
        Ok(Some(match kind(o) {
            Kind::Null => sq::sqlite3_bind_null(st, i),
            Kind::Int => sq::sqlite3_bind_int64(st, i, int64(o)?),
            Kind::Float => sq::sqlite3_bind_double(st, i, float::value(o)),
            Kind::Text => {
                let s = pystr::as_str(o)?;
                let n = int_len(s.len(), "string")?;
                sq::sqlite3_bind_text(st, i, s.as_ptr().cast(), n, sq::SQLITE_TRANSIENT())
            }
            Kind::Buffer => {
                let g = Guard::new(o, PyBUF_SIMPLE)?;
                let n = int_len(g.len(), "BLOB")?;
                sq::sqlite3_bind_blob(st, i, g.ptr().cast(), n, sq::SQLITE_TRANSIENT())
            }
            Kind::Other => return Ok(None),
        }))
    }
}

/// `_pysqlite_set_result`: makes `o` the result of a user function.
///
/// # Safety
/// `ctx` is the context of the running call; `o` valid.
pub unsafe fn set_result(ctx: *mut sq::sqlite3_context, o: *mut PyObject) -> PyResult<()> {
    // SAFETY: per the contract.
    unsafe {
        match kind(o) {
            Kind::Null => sq::sqlite3_result_null(ctx),
            Kind::Int => sq::sqlite3_result_int64(ctx, int64(o)?),
            Kind::Float => sq::sqlite3_result_double(ctx, float::value(o)),
            Kind::Text => {
                let s = pystr::as_str(o)?;
                let n = int_len(s.len(), "string")?;
                sq::sqlite3_result_text(ctx, s.as_ptr().cast(), n, sq::SQLITE_TRANSIENT())
            }
            Kind::Buffer => {
                let g = Guard::new(o, PyBUF_SIMPLE)?;
                let n = int_len(g.len(), "BLOB")?;
                sq::sqlite3_result_blob(ctx, g.ptr().cast(), n, sq::SQLITE_TRANSIENT())
            }
            Kind::Other => {
                return Err(errors::programming(&format!(
                    "User-defined functions cannot return '{}' values to SQLite",
                    typeobj::type_name(o)
                )))
            }
        }
    }
    Ok(())
}

/// The bytes of a blob or text pointer (NULL means empty).
///
/// # Safety
/// `p` is NULL or points at `n` readable bytes.
pub unsafe fn raw_slice<'a>(p: *const std::ffi::c_void, n: c_int) -> &'a [u8] {
    if p.is_null() || n <= 0 {
        &[]
    } else {
        // SAFETY: per the contract.
        unsafe { std::slice::from_raw_parts(p.cast(), n as usize) }
    }
}

/// `_pysqlite_build_py_params` for one argument of a user function.
///
/// # Safety
/// `v` is an argument of the running call.
pub unsafe fn from_value(v: *mut sq::sqlite3_value) -> PyResult<Owned> {
    // SAFETY: per the contract.
    unsafe {
        match sq::sqlite3_value_type(v) {
            sq::SQLITE_INTEGER => int::from_i64(sq::sqlite3_value_int64(v)),
            sq::SQLITE_FLOAT => float::from_f64(sq::sqlite3_value_double(v)),
            sq::SQLITE_TEXT => {
                let p = sq::sqlite3_value_text(v);
                let n = sq::sqlite3_value_bytes(v);
                pystr::from_utf8(raw_slice(p.cast(), n))
            }
            sq::SQLITE_BLOB => {
                let p = sq::sqlite3_value_blob(v);
                let n = sq::sqlite3_value_bytes(v);
                bytes::from_slice(raw_slice(p, n))
            }
            _ => Ok(Owned::from_borrowed_static(none::none())),
        }
    }
}
