//! PEP 484/612/646/695/696 runtime objects, CPython's
//! `Objects/typevarobject.c`: `TypeVar`, `ParamSpec` (with its `args` and
//! `kwargs`), `TypeVarTuple`, `TypeAliasType`, `Generic` and `NoDefault`,
//! exposed by the `_typing` module. Bounds, constraints, defaults and alias
//! values written with the PEP 695 syntax are evaluated lazily, on first
//! access. Operations CPython delegates to `typing.py` (type checks,
//! substitution, `Generic[...]`) call into it the same way.
pub mod generic;
pub mod nodefault;
pub mod paramspec_args;
pub mod typealias;
pub mod typeparam;

use crate::ffi::*;
use crate::object::{dict, none, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use std::ptr::null_mut;

/// `typing.<name>(*args)` (`call_typing_func_object`).
pub unsafe fn call_typing(name: &str, args: &[*mut PyObject]) -> PyResult<Owned> {
    // SAFETY: the arguments are valid objects.
    unsafe {
        let typing = crate::runtime::import::import_absolute("typing")?;
        let f = protocol::getattr_str(typing.as_ptr(), name)?;
        protocol::call_args(f.as_ptr(), args)
    }
}

/// `typing._type_check(arg, msg)`; None stands for `NoneType`.
pub unsafe fn type_check(arg: *mut PyObject, msg: &str) -> PyResult<Owned> {
    // SAFETY: arg valid.
    unsafe {
        if arg == none::none() {
            return Ok(Owned::from_borrowed((*arg).ob_type.cast()));
        }
        let m = pystr::from_str(msg)?;
        call_typing("_type_check", &[arg, m.as_ptr()])
    }
}

/// The `__name__` of the module whose code is running (`caller()`), or
/// NULL outside Python code.
pub unsafe fn caller_module() -> *mut PyObject {
    // SAFETY: the current frame, if any, is live with its globals dict.
    unsafe {
        let f = crate::vm::frame::current();
        if f.is_null() {
            return null_mut();
        }
        let g = crate::vm::frame::fr(f).globals;
        if g.is_null() {
            return null_mut();
        }
        dict::get_item_known_hash_str(g, crate::interned!("__name__"))
    }
}

/// Constructor arguments bound to parameter names: `positional` (all
/// required) may come by position or keyword, `keyword_only` only by
/// keyword; with `star`
/// extra positional arguments are returned as the rest. Messages follow
/// Argument Clinic's for `fname`.
pub struct BoundArgs {
    pub values: Vec<*mut PyObject>,
    pub rest: Owned,
}

pub unsafe fn bind_args(
    fname: &str,
    args: *mut PyObject,
    kwargs: *mut PyObject,
    positional: &[&str],
    keyword_only: &[&str],
    star: bool,
) -> PyResult<BoundArgs> {
    // SAFETY: args is a tuple; kwargs NULL or a dict with str keys.
    unsafe {
        let items = tuple::items(args);
        let np = positional.len();
        let mut values = vec![null_mut(); np + keyword_only.len()];
        let take = items.len().min(np);
        values[..take].copy_from_slice(&items[..take]);
        if items.len() > np && !star {
            return Err(errors::type_error(format!(
                "{fname}() takes exactly {np} positional argument{} ({} given)",
                if np == 1 { "" } else { "s" },
                items.len()
            )));
        }
        let rest = tuple::from_slice(&items[take..])?;
        if !kwargs.is_null() {
            let mut pos = 0;
            while let Some((k, v)) = dict::next(kwargs, &mut pos) {
                let k = pystr::as_str(k)?;
                let Some(i) = positional.iter().chain(keyword_only).position(|&n| n == k) else {
                    return Err(errors::type_error(format!(
                        "{fname}() got an unexpected keyword argument '{k}'"
                    )));
                };
                if !values[i].is_null() {
                    return Err(errors::type_error(format!(
                        "argument for {fname}() given by name ('{k}') and position ({})",
                        i + 1
                    )));
                }
                values[i] = v;
            }
        }
        Ok(BoundArgs { values, rest })
    }
}

/// The `name` argument: required, a str.
pub unsafe fn name_arg(fname: &str, v: *mut PyObject) -> PyResult<*mut PyObject> {
    // SAFETY: v NULL or valid.
    unsafe {
        if v.is_null() {
            return Err(errors::type_error(format!(
                "{fname}() missing required argument 'name' (pos 1)"
            )));
        }
        if !pystr::check(v) {
            return Err(errors::type_error(format!(
                "{fname}() argument 'name' must be str, not {}",
                crate::object::typeobj::type_name(v)
            )));
        }
        Ok(v)
    }
}

/// A flag argument (`p` converter): false when absent.
pub unsafe fn flag_arg(v: *mut PyObject) -> PyResult<bool> {
    // SAFETY: v NULL or valid.
    unsafe {
        if v.is_null() {
            Ok(false)
        } else {
            protocol::is_true(v)
        }
    }
}
