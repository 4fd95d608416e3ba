//! Binding a statement's parameters from a sequence (qmark style) or a
//! dict (named style), adapting values first (CPython's
//! `bind_parameters` in `Modules/_sqlite/cursor.c`).
use super::{adapters, errors, values};
use crate::ffi::*;
use crate::object::{dict, list, protocol, str as pystr, tuple, typeobj};
use crate::runtime::errors::{self as rterr, PyResult};
use crate::Owned;
use libsqlite3_sys as sq;
use std::ffi::{c_int, CStr};

/// Adapts and binds one value; `what` names the parameter for the error.
unsafe fn bind_one(
    st: *mut sq::sqlite3_stmt,
    i: c_int,
    v: *mut PyObject,
    what: impl FnOnce() -> String,
) -> PyResult<()> {
    // SAFETY: st live; v valid.
    unsafe {
        let adapted = if adapters::needs_adapting(v) {
            adapters::adapt(v, None)?
        } else {
            Owned::from_borrowed(v)
        };
        match values::bind(st, i, adapted.as_ptr())? {
            None => Err(errors::programming(&format!(
                "Error binding parameter {}: type '{}' is not supported",
                what(),
                typeobj::type_name(adapted.as_ptr())
            ))),
            Some(sq::SQLITE_OK) => Ok(()),
            Some(_) => Err(errors::from_db(sq::sqlite3_db_handle(st))),
        }
    }
}

/// `bind_parameters`.
///
/// # Safety
/// `st` is a live statement; `params` valid.
pub unsafe fn bind_parameters(st: *mut sq::sqlite3_stmt, params: *mut PyObject) -> PyResult<()> {
    // SAFETY: per the contract.
    unsafe {
        let n = sq::sqlite3_bind_parameter_count(st);
        let is_seq = tuple::check_exact(params)
            || list::check_exact(params)
            || (!dict::check(params) && crate::capi::sequence::PySequence_Check(params) != 0);
        if is_seq {
            let given = protocol::len(params)?;
            if given != n as Py_ssize_t {
                return Err(errors::programming(&format!(
                    "Incorrect number of bindings supplied. The current statement uses {n}, and there are {given} supplied."
                )));
            }
            for i in 1..=n {
                let name = sq::sqlite3_bind_parameter_name(st, i);
                if !name.is_null() && *name != b'?' as libc::c_char {
                    let name = CStr::from_ptr(name).to_string_lossy();
                    super::connection::deprecation(&format!(
                        "Binding {i} ('{name}') is a named parameter, but you supplied a sequence which requires nameless (qmark) placeholders. Starting with Python 3.14 an sqlite3.ProgrammingError will be raised."
                    ))?;
                }
                let v = if tuple::check_exact(params) {
                    Owned::from_borrowed(tuple::items(params)[i as usize - 1])
                } else {
                    let idx = crate::object::int::from_i64(i as i64 - 1)?;
                    protocol::get_item(params, idx.as_ptr())?
                };
                bind_one(st, i, v.as_ptr(), || i.to_string())?;
            }
            Ok(())
        } else if dict::check(params) {
            for i in 1..=n {
                let name = sq::sqlite3_bind_parameter_name(st, i);
                if name.is_null() {
                    return Err(errors::programming(&format!(
                        "Binding {i} has no name, but you supplied a dictionary (which has only names)."
                    )));
                }
                let key = CStr::from_ptr(name.add(1)).to_string_lossy();
                let k = pystr::from_str(&key)?;
                let v = match protocol::get_item(params, k.as_ptr()) {
                    Ok(v) => v,
                    Err(e) => {
                        if rterr::matches(crate::object::exceptions::PyExc_LookupError) {
                            rterr::clear();
                            return Err(errors::programming(&format!(
                                "You did not supply a value for binding parameter :{key}."
                            )));
                        }
                        return Err(e);
                    }
                };
                bind_one(st, i, v.as_ptr(), || format!(":{key}"))?;
            }
            Ok(())
        } else {
            Err(errors::programming("parameters are of unsupported type"))
        }
    }
}
