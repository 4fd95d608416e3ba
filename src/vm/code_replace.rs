//! `code.replace(**changes)`: a copy of a code object with some `co_*`
//! fields changed (what `types.coroutine` uses to set
//! `CO_ITERABLE_COROUTINE`). The instructions and the tables that index
//! into them cannot be replaced yet: a `ValueError` says so.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::{int, str as pystr, tuple, typeobj};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::vm::code::{data, CodeData, PyCodeObject, PyCode_Type};
use crate::Owned;
use ferrython_compiler::bytecode::co_flags;

unsafe fn int_arg(name: &str, v: *mut PyObject) -> PyResult<u32> {
    // SAFETY: v valid.
    unsafe {
        if !int::check(v) {
            return Err(errors::type_error(format!(
                "replace() argument '{name}' must be int, not {}",
                typeobj::type_name(v)
            )));
        }
        let n = int::as_i64(v)?;
        u32::try_from(n).map_err(|_| errors::value_error(format!("{name} must be a positive int")))
    }
}

unsafe fn str_arg(name: &str, v: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: v valid.
    unsafe {
        if !pystr::check(v) {
            return Err(errors::type_error(format!(
                "replace() argument '{name}' must be str, not {}",
                typeobj::type_name(v)
            )));
        }
        Ok(Owned::from_borrowed(v))
    }
}

/// A tuple argument at least as long as what the instructions index.
unsafe fn tuple_arg<'a>(name: &str, v: *mut PyObject, min: usize) -> PyResult<&'a [*mut PyObject]> {
    // SAFETY: v valid.
    unsafe {
        if !tuple::check(v) {
            return Err(errors::type_error(format!(
                "replace() argument '{name}' must be tuple, not {}",
                typeobj::type_name(v)
            )));
        }
        let items = tuple::items(v);
        if items.len() < min {
            return Err(errors::value_error(format!(
                "{name} has {} items; the instructions use {min}",
                items.len()
            )));
        }
        Ok(items)
    }
}

/// A copy of the code's data (constants get new references).
unsafe fn copy(d: &CodeData) -> CodeData {
    for &c in &d.consts {
        // SAFETY: the constants are live objects.
        unsafe { incref(c) };
    }
    CodeData {
        argcount: d.argcount,
        posonlyargcount: d.posonlyargcount,
        kwonlyargcount: d.kwonlyargcount,
        flags: d.flags,
        firstlineno: d.firstlineno,
        stacksize: d.stacksize,
        code: d.code.clone(),
        consts: d.consts.clone(),
        names: d.names.clone(),
        localsplusnames: d.localsplusnames.clone(),
        localspluskinds: d.localspluskinds.clone(),
        name: d.name.clone(),
        qualname: d.qualname.clone(),
        filename: d.filename.clone(),
        linetable: d.linetable.clone(),
        exceptiontable: d.exceptiontable.clone(),
        ncells: d.ncells,
        nfrees: d.nfrees,
    }
}

unsafe fn replace(op: *mut PyObject, changes: &[(&str, *mut PyObject)]) -> PyResult<Owned> {
    // SAFETY: op is a code object; the values are valid.
    unsafe {
        let mut d = copy(data(op));
        for &(k, v) in changes {
            match k {
                "co_argcount" => d.argcount = int_arg(k, v)?,
                "co_posonlyargcount" => d.posonlyargcount = int_arg(k, v)?,
                "co_kwonlyargcount" => d.kwonlyargcount = int_arg(k, v)?,
                "co_flags" => d.flags = int_arg(k, v)?,
                "co_firstlineno" => d.firstlineno = int_arg(k, v)?,
                "co_name" => d.name = str_arg(k, v)?,
                "co_qualname" => d.qualname = str_arg(k, v)?,
                "co_filename" => d.filename = str_arg(k, v)?,
                "co_consts" => {
                    let items = tuple_arg(k, v, d.consts.len())?;
                    for &c in &d.consts {
                        decref(c);
                    }
                    d.consts = items.iter().map(|&c| new_ref(c)).collect();
                }
                "co_names" => {
                    let items = tuple_arg(k, v, d.names.len())?;
                    let mut names = Vec::with_capacity(items.len());
                    for &n in items {
                        names.push(pystr::intern(pystr::as_str(str_arg(k, n)?.as_ptr())?));
                    }
                    d.names = names;
                }
                "co_code" | "co_varnames" | "co_freevars" | "co_cellvars" | "co_nlocals"
                | "co_stacksize" | "co_linetable" | "co_exceptiontable" => {
                    return Err(errors::value_error(format!(
                        "ferrython cannot replace {k} of a code object yet"
                    )));
                }
                _ => {
                    return Err(errors::type_error(format!(
                        "replace() got an unexpected keyword argument '{k}'"
                    )));
                }
            }
        }
        // The argument slots must exist among the locals.
        let star = (d.flags & co_flags::VARARGS != 0) as u32
            + (d.flags & co_flags::VARKEYWORDS != 0) as u32;
        let slots = (d.localsplusnames.len() - d.nfrees) as u32;
        if d.posonlyargcount > d.argcount || d.argcount + d.kwonlyargcount + star > slots {
            return Err(errors::value_error(
                "code: co_varnames is too small for the argument counts",
            ));
        }
        audit_new(&d)?;
        let op = crate::object::alloc::generic_alloc(&raw mut PyCode_Type, 0);
        if op.is_null() {
            return Err(Raised::assume());
        }
        (*op.cast::<PyCodeObject>()).data = Box::into_raw(Box::new(d));
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// Raises the `code.__new__` audit event for a code object about to be
/// made from `d`, with CPython's arguments: `(code, filename, name,
/// argcount, posonlyargcount, kwonlyargcount, nlocals, stacksize, flags)`.
fn audit_new(d: &CodeData) -> PyResult<()> {
    crate::runtime::audit::audit_with(c"code.__new__", || {
        let bytes: Vec<u8> = d.code.iter().flat_map(|w| w.to_le_bytes()).collect();
        let nlocals = d.localsplusnames.len() - d.ncells - d.nfrees;
        Ok(vec![
            crate::object::bytes::from_slice(&bytes)?,
            d.filename.clone(),
            d.name.clone(),
            int::from_i64(d.argcount as i64)?,
            int::from_i64(d.posonlyargcount as i64)?,
            int::from_i64(d.kwonlyargcount as i64)?,
            int::from_i64(nlocals as i64)?,
            int::from_i64(d.stacksize as i64)?,
            int::from_i64(d.flags as i64)?,
        ])
    })
}

/// `code.replace(*, co_argcount=..., ...)` (METH_FASTCALL | METH_KEYWORDS).
pub unsafe extern "C" fn code_replace(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: fastcall arguments: nargs positional then the keywords.
        unsafe {
            if nargs != 0 {
                return Err(errors::type_error(format!(
                    "replace() takes no positional arguments ({nargs} given)"
                )));
            }
            let mut changes = Vec::new();
            if !kwnames.is_null() {
                let names = tuple::items(kwnames);
                let vals = crate::capi::call::arg_slice(args, names.len());
                for (&k, &v) in names.iter().zip(vals) {
                    changes.push((pystr::as_str(k)?, v));
                }
            }
            replace(op, &changes)
        }
    })
}
