//! Calling Python functions: binding positional and keyword arguments to
//! the parameters of a code object (with CPython's error messages), then
//! running the new frame.
use crate::capi::boundary::guard;
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::{dict, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::vm::function::PyFunctionObject;
use crate::vm::{code, frame};
use crate::Owned;
use ferrython_compiler::bytecode::co_flags;
use std::ptr::null_mut;

/// The vectorcall of Python functions.
pub unsafe extern "C" fn function_vectorcall(
    func: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard(|| {
        // SAFETY: func is a function; args per the vectorcall contract.
        unsafe {
            let n = crate::capi::call::nargs(nargsf) as usize;
            let nkw = if kwnames.is_null() {
                0
            } else {
                tuple::size(kwnames) as usize
            };
            let all = crate::capi::call::arg_slice(args, n + nkw);
            match call_function(func, &all[..n], kwnames, &all[n..]) {
                Ok(r) => r.into_raw(),
                Err(_) => null_mut(),
            }
        }
    })
}

/// Calls a Python function with positional `args` and keyword `kwvalues`
/// named by `kwnames`.
pub unsafe fn call_function(
    func: *mut PyObject,
    args: &[*mut PyObject],
    kwnames: *mut PyObject,
    kwvalues: &[*mut PyObject],
) -> PyResult<Owned> {
    // SAFETY: as call_function_in, with no locals mapping.
    unsafe { call_function_in(func, null_mut(), args, kwnames, kwvalues) }
}

/// The code flags of functions whose call makes a generator, coroutine or
/// async generator instead of running the frame.
const RESUMABLE: u32 = co_flags::GENERATOR | co_flags::COROUTINE | co_flags::ASYNC_GENERATOR;

/// Whether a call of Python function `func` runs its frame at once (so
/// the eval loop can run it in place), rather than making a generator.
#[inline]
pub unsafe fn runs_inline(func: *mut PyObject) -> bool {
    // SAFETY: func is a function object.
    unsafe { code::data((*func.cast::<PyFunctionObject>()).func_code).flags & RESUMABLE == 0 }
}

/// Whether a call of Python function `func` with `nargs` positional
/// arguments and keywords `kwnames` (NULL for none) gives exactly its
/// positional parameters: nothing to bind, the arguments go to the first
/// slots of the frame in order.
#[inline]
pub unsafe fn exact_positional(func: *mut PyObject, nargs: usize, kwnames: *mut PyObject) -> bool {
    // SAFETY: func is a function object.
    unsafe {
        let d = code::data((*func.cast::<PyFunctionObject>()).func_code);
        kwnames.is_null()
            && d.flags & (co_flags::VARARGS | co_flags::VARKEYWORDS) == 0
            && d.kwonlyargcount == 0
            && d.argcount as usize == nargs
    }
}

/// A frame for a call of Python function `func` with its parameters not
/// yet filled; `locals` as in [`call_function_in`].
#[inline]
pub unsafe fn empty_frame(func: *mut PyObject, locals: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: func is a function object.
    unsafe {
        let fo = &*func.cast::<PyFunctionObject>();
        let locals = if code::data(fo.func_code).flags & co_flags::OPTIMIZED != 0 {
            null_mut()
        } else if locals.is_null() {
            // A function made from module-level code (`FunctionType(co,
            // g)`) runs with its globals as its locals, as in CPython's
            // `_PyFunction_Vectorcall`.
            fo.func_globals
        } else {
            locals
        };
        frame::new(
            fo.func_code,
            fo.func_globals,
            fo.func_builtins,
            locals,
            func,
        )
    }
}

/// The frame of a call of Python function `func`, its parameters bound to
/// the positional `args` and keyword `kwvalues` named by `kwnames` (all
/// borrowed); `locals` as in [`call_function_in`].
pub unsafe fn new_frame(
    func: *mut PyObject,
    locals: *mut PyObject,
    args: &[*mut PyObject],
    kwnames: *mut PyObject,
    kwvalues: &[*mut PyObject],
) -> PyResult<Owned> {
    // SAFETY: func is a function object.
    unsafe {
        let f = empty_frame(func, locals)?;
        if exact_positional(func, args.len(), kwnames) {
            let slots = frame::slots(f.as_ptr());
            for (i, &a) in args.iter().enumerate() {
                *slots.add(i) = new_ref(a);
            }
        } else {
            bind_arguments(func, f.as_ptr(), args, kwnames, kwvalues)?;
        }
        Ok(f)
    }
}

/// The frame of `func(*args, **kwargs)` (`CALL_FUNCTION_EX`): `args` is a
/// tuple, `kwargs` NULL or a dict.
pub unsafe fn new_frame_ex(
    func: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: func is a function; args a tuple; kwargs NULL or a dict,
    // which nothing changes while the frame is made.
    unsafe {
        let items = tuple::items(args);
        if kwargs.is_null() || dict::len(kwargs) == 0 {
            return new_frame(func, null_mut(), items, null_mut(), &[]);
        }
        let n = dict::len(kwargs) as usize;
        let mut names = Vec::with_capacity(n);
        let mut values = Vec::with_capacity(n);
        let mut pos = 0;
        while let Some((k, v)) = dict::next(kwargs, &mut pos) {
            // As `_PyStack_UnpackDict`, before the callee sees any name.
            if !pystr::check(k) {
                return Err(errors::type_error("keywords must be strings"));
            }
            names.push(k);
            values.push(v);
        }
        let kwnames = tuple::from_slice(&names)?;
        new_frame(func, null_mut(), items, kwnames.as_ptr(), &values)
    }
}

/// [`call_function`] with `locals` (NULL or a mapping) as the locals of
/// code that is not a function body (`_PyEval_Vector`).
unsafe fn call_function_in(
    func: *mut PyObject,
    locals: *mut PyObject,
    args: &[*mut PyObject],
    kwnames: *mut PyObject,
    kwvalues: &[*mut PyObject],
) -> PyResult<Owned> {
    // SAFETY: func is a function object.
    unsafe {
        let f = new_frame(func, locals, args, kwnames, kwvalues)?;
        let flags = code::data((*func.cast::<PyFunctionObject>()).func_code).flags;
        if flags & RESUMABLE != 0 {
            return crate::vm::genobject::new(f, flags);
        }
        crate::vm::eval::run_frame(f.as_ptr())
    }
}

unsafe fn qualname(func: *mut PyObject) -> String {
    // SAFETY: func is a function.
    unsafe {
        pystr::as_str((*func.cast::<PyFunctionObject>()).func_qualname)
            .unwrap_or("?")
            .to_string()
    }
}

/// "'a', 'b' and 'c'" as CPython lists missing names.
fn name_list(names: &[String]) -> String {
    match names {
        [a] => format!("'{a}'"),
        [a, b] => format!("'{a}' and '{b}'"),
        _ => {
            let head: Vec<String> = names[..names.len() - 1]
                .iter()
                .map(|n| format!("'{n}'"))
                .collect();
            format!("{}, and '{}'", head.join(", "), names[names.len() - 1])
        }
    }
}

/// Fills the parameter slots of `f` from the call's arguments.
pub unsafe fn bind_arguments(
    func: *mut PyObject,
    f: *mut PyObject,
    args: &[*mut PyObject],
    kwnames: *mut PyObject,
    kwvalues: &[*mut PyObject],
) -> PyResult<()> {
    // SAFETY: f is a fresh frame for func's code; slots are empty.
    unsafe {
        let fo = &*func.cast::<PyFunctionObject>();
        let d = code::data(fo.func_code);
        let slots = frame::slots(f);
        let argcount = d.argcount as usize;
        let posonly = d.posonlyargcount as usize;
        let kwonly = d.kwonlyargcount as usize;
        let total = argcount + kwonly;
        let has_varargs = d.flags & co_flags::VARARGS != 0;
        let has_varkw = d.flags & co_flags::VARKEYWORDS != 0;
        let varargs_slot = total;
        let varkw_slot = total + has_varargs as usize;
        let kwdict = if has_varkw {
            let k = dict::new()?;
            *slots.add(varkw_slot) = new_ref(k.as_ptr());
            Some(k)
        } else {
            None
        };
        // Positional arguments.
        let npos = args.len().min(argcount);
        for (i, &a) in args[..npos].iter().enumerate() {
            *slots.add(i) = new_ref(a);
        }
        if has_varargs {
            *slots.add(varargs_slot) = tuple::from_slice(&args[npos..])?.into_raw();
        } else if args.len() > argcount {
            let ndefaults = if fo.func_defaults.is_null() {
                0
            } else {
                tuple::size(fo.func_defaults) as usize
            };
            let given_kwonly = if kwnames.is_null() {
                0
            } else {
                tuple::items(kwnames)
                    .iter()
                    .filter(|&&k| {
                        d.localsplusnames[argcount..total]
                            .iter()
                            .any(|&n| pystr::eq(n, k))
                    })
                    .count()
            };
            let takes = if ndefaults > 0 {
                format!(
                    "from {} to {argcount} positional arguments",
                    argcount - ndefaults
                )
            } else {
                format!(
                    "{argcount} positional argument{}",
                    if argcount == 1 { "" } else { "s" }
                )
            };
            let given = args.len();
            let kw_part = if given_kwonly > 0 {
                format!(
                    " positional argument{} (and {given_kwonly} keyword-only argument{})",
                    if given == 1 { "" } else { "s" },
                    if given_kwonly == 1 { "" } else { "s" }
                )
            } else {
                String::new()
            };
            return Err(errors::type_error(format!(
                "{}() takes {takes} but {given}{kw_part} {} given",
                qualname(func),
                if given == 1 && given_kwonly == 0 {
                    "was"
                } else {
                    "were"
                }
            )));
        }
        // Keyword arguments.
        if !kwnames.is_null() {
            let mut posonly_as_kw = Vec::new();
            for (&key, &value) in tuple::items(kwnames).iter().zip(kwvalues) {
                if !pystr::check(key) {
                    return Err(errors::type_error(format!(
                        "{}() keywords must be strings",
                        qualname(func)
                    )));
                }
                let found = d.localsplusnames[posonly..total]
                    .iter()
                    .position(|&n| n == key || pystr::eq(n, key));
                match found {
                    Some(j) => {
                        let i = j + posonly;
                        if !(*slots.add(i)).is_null() {
                            return Err(errors::type_error(format!(
                                "{}() got multiple values for argument '{}'",
                                qualname(func),
                                pystr::as_str(key)?
                            )));
                        }
                        *slots.add(i) = new_ref(value);
                    }
                    None => match &kwdict {
                        Some(k) => dict::set_item(k.as_ptr(), key, value)?,
                        None => {
                            if d.localsplusnames[..posonly]
                                .iter()
                                .any(|&n| pystr::eq(n, key))
                            {
                                posonly_as_kw.push(pystr::as_str(key)?.to_string());
                                continue;
                            }
                            return Err(errors::type_error(format!(
                                "{}() got an unexpected keyword argument '{}'",
                                qualname(func),
                                pystr::as_str(key)?
                            )));
                        }
                    },
                }
            }
            if !posonly_as_kw.is_empty() {
                return Err(errors::type_error(format!(
                    "{}() got some positional-only arguments passed as keyword arguments: '{}'",
                    qualname(func),
                    posonly_as_kw.join(", ")
                )));
            }
        }
        // Defaults and missing arguments.
        let defaults: &[*mut PyObject] = if fo.func_defaults.is_null() {
            &[]
        } else {
            tuple::items(fo.func_defaults)
        };
        let first_default = argcount - defaults.len().min(argcount);
        let mut missing = Vec::new();
        for i in npos..argcount {
            if (*slots.add(i)).is_null() {
                if i >= first_default {
                    *slots.add(i) = new_ref(defaults[i - first_default]);
                } else {
                    missing.push(pystr::as_str(d.localsplusnames[i])?.to_string());
                }
            }
        }
        if !missing.is_empty() {
            return Err(errors::type_error(format!(
                "{}() missing {} required positional argument{}: {}",
                qualname(func),
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                name_list(&missing)
            )));
        }
        for i in argcount..total {
            if (*slots.add(i)).is_null() {
                let name = d.localsplusnames[i];
                let v = if fo.func_kwdefaults.is_null() {
                    null_mut()
                } else {
                    dict::get_item_known_hash_str(fo.func_kwdefaults, name)
                };
                if v.is_null() {
                    missing.push(pystr::as_str(name)?.to_string());
                } else {
                    *slots.add(i) = new_ref(v);
                }
            }
        }
        if !missing.is_empty() {
            return Err(errors::type_error(format!(
                "{}() missing {} required keyword-only argument{}: {}",
                qualname(func),
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                name_list(&missing)
            )));
        }
        Ok(())
    }
}

/// Runs a code object with explicit globals and locals (module and class
/// bodies, `exec`): `PyEval_EvalCode`.
pub unsafe fn eval_code(
    code_obj: *mut PyObject,
    globals: *mut PyObject,
    locals: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: as eval_code_with_closure, without a closure.
    unsafe { eval_code_with_closure(code_obj, globals, locals, null_mut()) }
}

/// `PyEval_EvalCodeEx` with only a closure: runs `code_obj` as
/// [`eval_code`] does, its free variables taken from `closure` (NULL, or a
/// tuple of cells). A code object whose free variables the closure does
/// not supply raises TypeError.
pub unsafe fn eval_code_with_closure(
    code_obj: *mut PyObject,
    globals: *mut PyObject,
    locals: *mut PyObject,
    closure: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: code_obj is a code object; globals a dict; closure NULL or a
    // tuple of cells.
    unsafe {
        let nfree = crate::vm::code::data(code_obj).nfrees;
        let ncells = if closure.is_null() {
            0
        } else {
            tuple::items(closure).len()
        };
        if nfree != ncells {
            return Err(errors::type_error(format!(
                "code object requires a closure of exactly length {nfree}"
            )));
        }
        let mut builtins = dict::get_item_known_hash_str(globals, crate::interned!("__builtins__"));
        if builtins.is_null() {
            // As CPython, the dict of the builtins module (only __main__
            // holds the module itself).
            builtins = crate::modules::builtins::dict();
            dict::set_item(globals, crate::interned!("__builtins__"), builtins)?;
        }
        let builtins = if crate::object::typeobj::instance_of(
            builtins,
            &raw mut crate::object::module::PyModule_Type,
        ) {
            crate::object::module::dict_of(builtins)
        } else {
            builtins
        };
        let locals = if locals.is_null() { globals } else { locals };
        // COPY_FREE_VARS takes the cells from the frame's function.
        let func = if closure.is_null() {
            None
        } else {
            let func = crate::vm::function::new(code_obj, globals, null_mut())?;
            (*func.as_ptr().cast::<PyFunctionObject>()).func_closure = new_ref(closure);
            Some(func)
        };
        let func_ptr = func.as_ref().map_or(null_mut(), Owned::as_ptr);
        let f = frame::new(code_obj, globals, builtins, locals, func_ptr)?;
        // Top-level-await code (a coroutine's flags) gives its coroutine,
        // as running its RETURN_GENERATOR does in CPython.
        let flags = code::data(code_obj).flags;
        if flags & RESUMABLE != 0 {
            return crate::vm::genobject::new(f, flags);
        }
        crate::vm::eval::run_frame(f.as_ptr())
    }
}

/// What [`eval_code_ex`] puts in the function it makes, each NULL for
/// none.
pub struct FunctionParts {
    /// The positional defaults (a tuple).
    pub defaults: *mut PyObject,
    /// The keyword-only defaults (a dict).
    pub kwdefaults: *mut PyObject,
    /// The cells of the free variables (a tuple).
    pub closure: *mut PyObject,
}

/// `PyEval_EvalCodeEx`: runs `code_obj` as a function named after it,
/// built from `globals`, the `defaults` tuple, the `kwdefaults` dict and
/// the `closure` tuple of cells (each NULL for none), called with
/// positional `args` and the keyword `(name, value)` pairs `kws`; code that
/// is not a function body runs with `locals` (`globals` when NULL).
pub unsafe fn eval_code_ex(
    code_obj: *mut PyObject,
    globals: *mut PyObject,
    locals: *mut PyObject,
    args: &[*mut PyObject],
    kws: &[*mut PyObject],
    parts: FunctionParts,
) -> PyResult<Owned> {
    let FunctionParts {
        defaults,
        kwdefaults,
        closure,
    } = parts;
    // SAFETY: code_obj is a code object, globals a dict; the others are
    // NULL or of the types named above.
    unsafe {
        let d = code::data(code_obj);
        let ncells = if closure.is_null() {
            0
        } else {
            tuple::items(closure).len()
        };
        if d.nfrees != ncells {
            return Err(errors::type_error(format!(
                "code object requires a closure of exactly length {}",
                d.nfrees
            )));
        }
        let func = crate::vm::function::new(code_obj, globals, d.name.as_ptr())?;
        let fo = &mut *func.as_ptr().cast::<PyFunctionObject>();
        for (field, value) in [
            (&mut fo.func_defaults, defaults),
            (&mut fo.func_kwdefaults, kwdefaults),
            (&mut fo.func_closure, closure),
        ] {
            xincref(value);
            xdecref(std::mem::replace(field, value));
        }
        let names: Vec<*mut PyObject> = kws.iter().step_by(2).copied().collect();
        let mut all: Vec<*mut PyObject> = args.to_vec();
        all.extend(kws.iter().skip(1).step_by(2));
        let kwnames = if names.is_empty() {
            None
        } else {
            Some(tuple::from_slice(&names)?)
        };
        let locals = if locals.is_null() { globals } else { locals };
        call_function_in(
            func.as_ptr(),
            locals,
            &all[..args.len()],
            kwnames.as_ref().map_or(null_mut(), Owned::as_ptr),
            &all[args.len()..],
        )
    }
}
