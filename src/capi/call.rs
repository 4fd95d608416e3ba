//! The Call Protocol chapter: `PyObject_Call*`, vectorcall (PEP 590).
use crate::capi::boundary::{guard, guard_obj};
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::{dict, protocol, str as pystr, tuple, typeobj};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use std::ptr::null_mut;

/// `PY_VECTORCALL_ARGUMENTS_OFFSET`: set in `nargsf` when `args[-1]` may be
/// overwritten by the callee.
pub const PY_VECTORCALL_ARGUMENTS_OFFSET: usize = 1 << (usize::BITS - 1);

/// `PyVectorcall_NARGS`.
#[inline(always)]
pub fn nargs(nargsf: usize) -> Py_ssize_t {
    (nargsf & !PY_VECTORCALL_ARGUMENTS_OFFSET) as Py_ssize_t
}

/// The argument array of a vectorcall as a slice; C callers may pass NULL
/// when there are no arguments.
#[inline(always)]
pub unsafe fn arg_slice<'a>(args: *const *mut PyObject, n: usize) -> &'a [*mut PyObject] {
    if n == 0 {
        return &[];
    }
    // SAFETY: the caller guarantees n readable pointers at args.
    unsafe { std::slice::from_raw_parts(args, n) }
}

/// The vectorcall function of `callable`, if its type supports it. A
/// class whose metatype is exactly `type` is called through its own
/// `tp_vectorcall` when it has one (CPython's `type` keeps its vectorcall
/// offset at that field; the field is never inherited, so only the
/// builtin types that set it, `range(...)`, `list(...)`, `enumerate(...)`,
/// skip the generic `type.__call__`).
#[inline]
pub unsafe fn vectorcall_func(callable: *mut PyObject) -> vectorcallfunc {
    // SAFETY: callable valid; the offset names a vectorcallfunc field.
    unsafe {
        let tp = (*callable).ob_type;
        if tp == &raw mut typeobj::PyType_Type {
            return (*callable.cast::<PyTypeObject>()).tp_vectorcall;
        }
        if (*tp).tp_flags & Py_TPFLAGS_HAVE_VECTORCALL == 0 || (*tp).tp_vectorcall_offset <= 0 {
            return None;
        }
        *(callable
            .cast::<u8>()
            .add((*tp).tp_vectorcall_offset as usize) as *const vectorcallfunc)
    }
}

/// Checks a C callable's result against the error indicator, as
/// `_Py_CheckFunctionResult` does.
#[inline]
unsafe fn check_result(callable: *mut PyObject, r: *mut PyObject) -> *mut PyObject {
    let err = errors::occurred();
    // SAFETY: as the caller guarantees.
    unsafe { check_result_with(callable, r, err) }
}

/// [`check_result`] given the raised exception (NULL when none).
#[inline]
unsafe fn check_result_with(
    callable: *mut PyObject,
    r: *mut PyObject,
    err: *mut PyObject,
) -> *mut PyObject {
    if r.is_null() && err.is_null() {
        // SAFETY: callable valid.
        let n = unsafe { typeobj::type_name(callable) };
        errors::system_error(format!(
            "<{n} object> returned NULL without setting an exception"
        ));
    } else if !r.is_null() && !err.is_null() {
        // SAFETY: we own r.
        unsafe { decref(r) };
        // SAFETY: callable valid.
        let n = unsafe { typeobj::type_name(callable) };
        let cause = errors::take();
        errors::system_error(format!(
            "<{n} object> returned a result with an exception set"
        ));
        if let Some(c) = cause {
            // SAFETY: both are exception instances.
            unsafe { crate::object::exceptions::set_cause_of_current(c) };
        }
        return null_mut();
    }
    r
}

/// `PyObject_Vectorcall`: positional args then keyword values named by
/// `kwnames` (a tuple of str or NULL).
pub unsafe fn vectorcall(
    callable: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { vectorcall_inline(callable, args, nargsf, kwnames) }
}

/// [`vectorcall`], inlined into the `PyObject_Vectorcall` export: the
/// callable's own vectorcall, else [`call_as_tuple`].
#[inline(always)]
unsafe fn vectorcall_inline(
    callable: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: callable valid; args holds nargs + len(kwnames) objects.
    unsafe {
        if let Some(f) = vectorcall_func(callable) {
            // The thread state is looked up once for the recursion count
            // and the result check (a thread-local read each time).
            let ts = crate::runtime::tstate::get() as *mut crate::runtime::tstate::PyThreadState;
            (*ts).recursion_depth += 1;
            if (*ts).recursion_depth > (*ts).recursion_limit {
                (*ts).recursion_depth -= 1;
                errors::recursion_error(
                    "maximum recursion depth exceeded while calling a Python object",
                );
                return null_mut();
            }
            let r = f(callable, args, nargsf, kwnames);
            (*ts).recursion_depth -= 1;
            if !r.is_null() && (*ts).current_exception.is_null() {
                return r;
            }
            return check_result_with(callable, r, (*ts).current_exception);
        }
        call_as_tuple(callable, args, nargsf, kwnames)
    }
}

/// [`vectorcall`] of a callable without its own vectorcall: the
/// positional arguments as a tuple, the keywords as a dict, through
/// `tp_call`.
#[inline(never)]
unsafe fn call_as_tuple(
    callable: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: callable valid; args holds nargs + len(kwnames) objects.
    unsafe { with_tuple(args, nargsf, kwnames, |t, kw| call_raw(callable, t, kw)) }
}

/// `type.__call__` of class `tp` (`type_call`) given vectorcall
/// arguments: what a type's own `tp_vectorcall` falls back on for the
/// arguments it does not take apart itself.
#[inline(never)]
pub unsafe fn call_type_generic(
    tp: *mut PyTypeObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: tp is a type; args holds nargs + len(kwnames) objects.
    unsafe {
        with_tuple(args, nargsf, kwnames, |t, kw| {
            typeobj::type_call(tp.cast(), t, kw)
        })
    }
}

/// Runs `f` with vectorcall arguments as a tuple and a keyword dict
/// (NULL when there are no keywords).
#[inline(always)]
unsafe fn with_tuple(
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
    f: impl FnOnce(*mut PyObject, *mut PyObject) -> *mut PyObject,
) -> *mut PyObject {
    // SAFETY: args holds nargs + len(kwnames) objects.
    unsafe {
        let n = nargs(nargsf) as usize;
        let nkw = if kwnames.is_null() {
            0
        } else {
            tuple::size(kwnames) as usize
        };
        let all = arg_slice(args, n + nkw);
        let Ok(t) = tuple::from_slice(&all[..n]) else {
            return null_mut();
        };
        let kw = if nkw == 0 {
            None
        } else {
            match kwnames_to_dict(kwnames, &all[n..]) {
                Ok(d) => Some(d),
                Err(_) => return null_mut(),
            }
        };
        f(t.as_ptr(), kw.as_ref().map_or(null_mut(), |d| d.as_ptr()))
    }
}

/// `PyObject_Call` through `tp_call` (or vectorcall).
pub unsafe fn call_raw(
    callable: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: callable valid; args a tuple; kwargs NULL or a dict.
    unsafe {
        let tp = (*callable).ob_type;
        if let Some(f) = vectorcall_func(callable) {
            return call_with_dict(
                tuple::items(args).as_ptr(),
                tuple::size(args) as usize,
                kwargs,
                |a, n, kw| f(callable, a, n, kw),
            );
        }
        let Some(call) = (*tp).tp_call else {
            errors::type_error(format!(
                "'{}' object is not callable",
                typeobj::type_name(callable)
            ));
            return null_mut();
        };
        if protocol::enter_recursive_call(" while calling a Python object").is_err() {
            return null_mut();
        }
        let r = call(callable, args, kwargs);
        protocol::leave_recursive_call();
        check_result(callable, r)
    }
}

/// Builds the keyword dict for `kwnames` and their values.
pub unsafe fn kwnames_to_dict(kwnames: *mut PyObject, values: &[*mut PyObject]) -> PyResult<Owned> {
    // SAFETY: kwnames is a tuple of str with values.len() items.
    unsafe {
        let d = dict::with_capacity(values.len())?;
        for (&k, &v) in tuple::items(kwnames).iter().zip(values) {
            dict::set_item(d.as_ptr(), k, v)?;
        }
        Ok(d)
    }
}

/// Converts (args, kwargs dict) to vectorcall form and runs `f`.
pub unsafe fn call_with_dict(
    args: *const *mut PyObject,
    n: usize,
    kwargs: *mut PyObject,
    f: impl FnOnce(*const *mut PyObject, usize, *mut PyObject) -> *mut PyObject,
) -> *mut PyObject {
    // SAFETY: args holds n objects; kwargs NULL or a dict with str keys.
    unsafe {
        if kwargs.is_null() || dict::len(kwargs) == 0 {
            return f(args, n, null_mut());
        }
        let mut stack: Vec<*mut PyObject> = arg_slice(args, n).to_vec();
        let mut names = Vec::new();
        let mut pos = 0;
        while let Some((k, v)) = dict::next(kwargs, &mut pos) {
            if !pystr::check(k) {
                errors::type_error("keywords must be strings");
                return null_mut();
            }
            names.push(k);
            stack.push(v);
        }
        let Ok(kwnames) = tuple::from_slice(&names) else {
            return null_mut();
        };
        // Keep the values alive even if the callee mutates the dict.
        let held: Vec<Owned> = stack.iter().map(|&o| Owned::from_borrowed(o)).collect();
        let r = f(stack.as_ptr(), n, kwnames.as_ptr());
        drop(held);
        r
    }
}

/// `PyObject_Call`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_Call(
    callable: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(callable, args);
    guard(|| {
        // SAFETY: checked non-NULL; args must be a tuple.
        unsafe {
            if !tuple::check(args) {
                errors::type_error("argument list must be a tuple");
                return null_mut();
            }
            if !kwargs.is_null() && !dict::check(kwargs) {
                errors::type_error("keyword list must be a dictionary");
                return null_mut();
            }
            call_raw(callable, args, kwargs)
        }
    })
}

/// `PyCFunction_Call`: the pre-3.9 name of `PyObject_Call`, kept in the
/// stable ABI.
#[no_mangle]
pub unsafe extern "C" fn PyCFunction_Call(
    callable: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { PyObject_Call(callable, args, kwargs) }
}

/// `PyObject_CallObject`: `args` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn PyObject_CallObject(
    callable: *mut PyObject,
    args: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(callable);
    guard(|| {
        // SAFETY: callable non-NULL.
        unsafe {
            if args.is_null() {
                return vectorcall(callable, std::ptr::null(), 0, null_mut());
            }
            if !tuple::check(args) {
                errors::type_error("argument list must be a tuple");
                return null_mut();
            }
            call_raw(callable, args, null_mut())
        }
    })
}

/// `PyEval_CallObjectWithKeywords` (removed from the 3.13 headers, kept
/// in the stable ABI): `callable(*args, **kwargs)`, each of `args` (a
/// tuple) and `kwargs` (a dict) optional.
#[no_mangle]
pub unsafe extern "C" fn PyEval_CallObjectWithKeywords(
    callable: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(callable);
    guard(|| {
        // SAFETY: callable non-NULL; args and kwargs NULL or checked.
        unsafe {
            if !args.is_null() && !tuple::check(args) {
                errors::type_error("argument list must be a tuple");
                return null_mut();
            }
            if !kwargs.is_null() && !dict::check(kwargs) {
                errors::type_error("keyword list must be a dictionary");
                return null_mut();
            }
            if args.is_null() {
                let empty = crate::object::tuple::empty();
                return call_raw(callable, empty.as_ptr(), kwargs);
            }
            call_raw(callable, args, kwargs)
        }
    })
}

/// `PyObject_CallNoArgs`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_CallNoArgs(callable: *mut PyObject) -> *mut PyObject {
    crate::null_check!(callable);
    // SAFETY: callable non-NULL.
    guard(|| unsafe { vectorcall(callable, std::ptr::null(), 0, null_mut()) })
}

/// `PyObject_CallOneArg`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_CallOneArg(
    callable: *mut PyObject,
    arg: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(callable, arg);
    // SAFETY: both non-NULL.
    guard(|| unsafe { vectorcall(callable, &arg, 1, null_mut()) })
}

/// `PyObject_Vectorcall`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_Vectorcall(
    callable: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(callable);
    // SAFETY: callable non-NULL; args per the vectorcall contract.
    guard(|| unsafe { vectorcall_inline(callable, args, nargsf, kwnames) })
}

/// `PyObject_VectorcallDict`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_VectorcallDict(
    callable: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(callable);
    guard(|| {
        // SAFETY: callable non-NULL; args holds nargs objects.
        unsafe {
            call_with_dict(args, nargs(nargsf) as usize, kwargs, |a, n, kw| {
                vectorcall(callable, a, n, kw)
            })
        }
    })
}

/// `PyVectorcall_Call`: calls a vectorcall object with a tuple and a dict.
#[no_mangle]
pub unsafe extern "C" fn PyVectorcall_Call(
    callable: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(callable, args);
    guard(|| {
        // SAFETY: callable non-NULL; args a tuple.
        unsafe {
            let Some(f) = vectorcall_func(callable) else {
                errors::type_error(format!(
                    "'{}' object does not support vectorcall",
                    typeobj::type_name(callable)
                ));
                return null_mut();
            };
            call_with_dict(
                tuple::items(args).as_ptr(),
                tuple::size(args) as usize,
                kwargs,
                |a, n, kw| f(callable, a, n, kw),
            )
        }
    })
}

/// `PyVectorcall_Function`.
#[no_mangle]
pub unsafe extern "C" fn PyVectorcall_Function(callable: *mut PyObject) -> vectorcallfunc {
    crate::null_check!(callable);
    // SAFETY: non-NULL.
    unsafe { vectorcall_func(callable) }
}

/// `PyVectorcall_NARGS` (also a macro in the header).
#[no_mangle]
pub extern "C" fn PyVectorcall_NARGS(nargsf: usize) -> Py_ssize_t {
    nargs(nargsf)
}

/// `PyObject_VectorcallMethod`: `args[0]` is self, `name` the method.
#[no_mangle]
pub unsafe extern "C" fn PyObject_VectorcallMethod(
    name: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(name, args);
    guard(|| {
        // SAFETY: args[0] is self; the rest per the vectorcall contract.
        unsafe {
            let n = nargs(nargsf);
            if n < 1 {
                errors::bad_internal_call();
                return null_mut();
            }
            let m = match protocol::getattr(*args, name) {
                Ok(m) => m,
                Err(_) => return null_mut(),
            };
            vectorcall(m.as_ptr(), args.add(1), (n - 1) as usize, kwnames)
        }
    })
}

/// `PyCallable_Check`.
#[no_mangle]
pub unsafe extern "C" fn PyCallable_Check(op: *mut PyObject) -> libc::c_int {
    if op.is_null() {
        return 0;
    }
    // SAFETY: op non-NULL.
    unsafe { (*(*op).ob_type).tp_call.is_some() as libc::c_int }
}

/// `PyObject_CallMethodObjArgs`-style helper used by the variadic shims:
/// calls `op.name(*args)`.
#[no_mangle]
pub unsafe extern "C" fn _Ferrython_CallMethodArray(
    op: *mut PyObject,
    name: *mut PyObject,
    args: *const *mut PyObject,
    n: usize,
) -> *mut PyObject {
    crate::null_check!(op, name);
    guard_obj(|| {
        // SAFETY: op/name non-NULL; args holds n objects.
        unsafe {
            let m = protocol::getattr(op, name)?;
            errors::check(vectorcall(m.as_ptr(), args, n, null_mut()))
        }
    })
}

/// Calls `callable(*args)` for the variadic shims.
#[no_mangle]
pub unsafe extern "C" fn _Ferrython_CallArray(
    callable: *mut PyObject,
    args: *const *mut PyObject,
    n: usize,
) -> *mut PyObject {
    crate::null_check!(callable);
    // SAFETY: args holds n objects.
    guard(|| unsafe { vectorcall(callable, args, n, null_mut()) })
}
