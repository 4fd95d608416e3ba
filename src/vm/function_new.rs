//! `types.FunctionType(code, globals, name=None, argdefs=None,
//! closure=None, kwdefaults=None)` (`func_new` in CPython's
//! `Objects/funcobject.c`): a function made from a code object, with the
//! closure checked against the code's free variables, since the eval loop
//! trusts it.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::{dict, none, str as pystr, tuple, typeobj};
use crate::runtime::errors::{self, PyResult};
use crate::vm::cell::PyCell_Type;
use crate::vm::function::PyFunctionObject;
use crate::Owned;

const PARAMS: [&str; 6] = [
    "code",
    "globals",
    "name",
    "argdefs",
    "closure",
    "kwdefaults",
];

/// The six arguments from `args` and `kwargs` (NULL when not given).
unsafe fn arguments(args: *mut PyObject, kwargs: *mut PyObject) -> PyResult<[*mut PyObject; 6]> {
    // SAFETY: args is a tuple, kwargs NULL or a dict.
    unsafe {
        let pos = tuple::items(args);
        if pos.len() > 6 {
            return Err(errors::type_error(format!(
                "function() takes at most 6 arguments ({} given)",
                pos.len()
            )));
        }
        let mut out = [std::ptr::null_mut(); 6];
        out[..pos.len()].copy_from_slice(pos);
        if !kwargs.is_null() {
            let mut at = 0;
            while let Some((k, v)) = dict::next(kwargs, &mut at) {
                let k = pystr::as_str(k)?;
                let Some(i) = PARAMS.iter().position(|&p| p == k) else {
                    return Err(errors::type_error(format!(
                        "function() got an unexpected keyword argument '{k}'"
                    )));
                };
                if !out[i].is_null() {
                    return Err(errors::type_error(format!(
                        "argument for function() given by name ('{k}') and position ({})",
                        i + 1
                    )));
                }
                out[i] = v;
            }
        }
        for (i, p) in PARAMS.iter().enumerate().take(2) {
            if out[i].is_null() {
                return Err(errors::type_error(format!(
                    "function() missing required argument '{p}' (pos {})",
                    i + 1
                )));
            }
        }
        Ok(out)
    }
}

/// `tp_new` of `function`.
pub unsafe extern "C" fn function_new(
    _tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args is a tuple, kwargs NULL or a dict; each value is
        // checked for its type before it is read as one.
        unsafe {
            let [code, globals, name, defaults, closure, kwdefaults] = arguments(args, kwargs)?;
            let given = |v: *mut PyObject| !v.is_null() && v != none::none();
            if !crate::vm::code::check(code) {
                return Err(errors::type_error(format!(
                    "function() argument 'code' must be code, not {}",
                    typeobj::type_name(code)
                )));
            }
            if !dict::check(globals) {
                return Err(errors::type_error(format!(
                    "function() argument 'globals' must be dict, not {}",
                    typeobj::type_name(globals)
                )));
            }
            if given(name) && !pystr::check(name) {
                return Err(errors::type_error("arg 3 (name) must be None or string"));
            }
            if given(defaults) && !tuple::check(defaults) {
                return Err(errors::type_error("arg 4 (defaults) must be None or tuple"));
            }
            if given(kwdefaults) && !dict::check(kwdefaults) {
                return Err(errors::type_error(
                    "arg 6 (kwdefaults) must be None or dict",
                ));
            }
            let nfree = crate::vm::code::data(code).nfrees;
            if given(closure) && !tuple::check(closure) {
                return Err(errors::type_error("arg 5 (closure) must be None or tuple"));
            }
            let cells: &[*mut PyObject] = if given(closure) {
                tuple::items(closure)
            } else {
                &[]
            };
            if nfree > 0 && !given(closure) {
                return Err(errors::type_error("arg 5 (closure) must be tuple"));
            }
            if cells.len() != nfree {
                let d = crate::vm::code::data(code);
                return Err(errors::value_error(format!(
                    "{} requires closure of length {nfree}, not {}",
                    pystr::as_str(d.name.as_ptr())?,
                    cells.len()
                )));
            }
            if let Some(&c) = cells
                .iter()
                .find(|&&c| (*c).ob_type != &raw mut PyCell_Type)
            {
                return Err(errors::type_error(format!(
                    "arg 5 (closure) expected cell, found {}",
                    typeobj::type_name(c)
                )));
            }
            crate::runtime::audit::audit(c"function.__new__", &[code])?;
            let func = crate::vm::function::new(code, globals, std::ptr::null_mut())?;
            let fo = &mut *func.as_ptr().cast::<PyFunctionObject>();
            if given(name) {
                decref(std::mem::replace(&mut fo.func_name, new_ref(name)));
            }
            let set = |slot: &mut *mut PyObject, v: *mut PyObject| {
                if given(v) {
                    xdecref(std::mem::replace(slot, new_ref(v)));
                }
            };
            set(&mut fo.func_defaults, defaults);
            set(&mut fo.func_closure, closure);
            set(&mut fo.func_kwdefaults, kwdefaults);
            PyResult::<Owned>::Ok(func)
        }
    })
}
