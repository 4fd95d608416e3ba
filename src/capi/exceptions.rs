//! The Exception Handling chapter: the error indicator (`PyErr_*`) and
//! exception objects (`PyException_*`).
use crate::capi::boundary::guard;
use crate::ffi::*;
use crate::object::exceptions as exc;
use crate::object::refcount::*;
use crate::object::str as pystr;
use crate::runtime::errors;
use crate::Owned;
use libc::{c_char, c_int};
use std::ptr::null_mut;

/// `PyErr_SetString`.
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetString(tp: *mut PyObject, msg: *const c_char) {
    crate::null_check!(tp);
    guard(|| {
        // SAFETY: tp non-NULL; msg a C string or NULL.
        unsafe {
            let m = if msg.is_null() {
                None
            } else {
                pystr::from_cstr(msg).ok()
            };
            errors::set_object(tp, m.as_ref().map_or(null_mut(), |m| m.as_ptr()));
        }
    })
}

/// `PyErr_SetObject`.
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetObject(tp: *mut PyObject, value: *mut PyObject) {
    crate::null_check!(tp);
    // SAFETY: tp non-NULL.
    guard(|| unsafe {
        errors::set_object(tp, value);
    })
}

/// `PyErr_SetNone`.
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetNone(tp: *mut PyObject) {
    // SAFETY: forwarded.
    unsafe { PyErr_SetObject(tp, null_mut()) }
}

/// `PyErr_Occurred`: the type of the raised exception (borrowed) or NULL.
#[no_mangle]
pub extern "C" fn PyErr_Occurred() -> *mut PyObject {
    errors::occurred()
}

/// `PyErr_Clear`.
#[no_mangle]
pub extern "C" fn PyErr_Clear() {
    errors::clear()
}

/// `PyErr_GetRaisedException`: takes the raised exception (new reference).
#[no_mangle]
pub extern "C" fn PyErr_GetRaisedException() -> *mut PyObject {
    errors::take().map_or(null_mut(), Owned::into_raw)
}

/// `PyErr_SetRaisedException`: steals `e` (NULL clears).
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetRaisedException(e: *mut PyObject) {
    // SAFETY: e NULL or an owned exception instance.
    match unsafe { Owned::from_raw(e) } {
        Some(e) => {
            errors::restore(e);
        }
        None => errors::clear(),
    }
}

/// `PyErr_Fetch`: the raised exception as (type, value, traceback), new
/// references; the indicator is cleared.
#[no_mangle]
pub unsafe extern "C" fn PyErr_Fetch(
    ptype: *mut *mut PyObject,
    pvalue: *mut *mut PyObject,
    ptb: *mut *mut PyObject,
) {
    crate::null_check!(ptype, pvalue, ptb);
    // SAFETY: out-pointers non-NULL.
    unsafe {
        match errors::take() {
            None => {
                *ptype = null_mut();
                *pvalue = null_mut();
                *ptb = null_mut();
            }
            Some(e) => {
                let v = e.into_raw();
                *ptype = new_ref((*v).ob_type.cast());
                let b = v.cast::<PyBaseExceptionObject>();
                *ptb = if (*b).traceback.is_null() {
                    null_mut()
                } else {
                    new_ref((*b).traceback)
                };
                *pvalue = v;
            }
        }
    }
}

/// `PyErr_Restore`: steals the three references; a value that is not an
/// instance of the type is normalized.
#[no_mangle]
pub unsafe extern "C" fn PyErr_Restore(tp: *mut PyObject, value: *mut PyObject, tb: *mut PyObject) {
    guard(|| {
        // SAFETY: each argument NULL or an owned reference.
        unsafe {
            let (t, v, tb) = (
                Owned::from_raw(tp),
                Owned::from_raw(value),
                Owned::from_raw(tb),
            );
            let Some(t) = t else {
                errors::clear();
                return;
            };
            let e =
                match exc::instantiate(t.as_ptr(), v.as_ref().map_or(null_mut(), |v| v.as_ptr())) {
                    Ok(e) => e,
                    Err(_) => return,
                };
            if let Some(tb) = tb {
                let b = e.as_ptr().cast::<PyBaseExceptionObject>();
                let old = std::mem::replace(&mut (*b).traceback, tb.into_raw());
                xdecref(old);
            }
            errors::restore(e);
        }
    })
}

/// `PyErr_NormalizeException`: makes `*val` an instance of `*exc`.
#[no_mangle]
pub unsafe extern "C" fn PyErr_NormalizeException(
    pexc: *mut *mut PyObject,
    pval: *mut *mut PyObject,
    _ptb: *mut *mut PyObject,
) {
    crate::null_check!(pexc, pval);
    guard(|| {
        // SAFETY: out-pointers non-NULL and owning their contents.
        unsafe {
            if (*pexc).is_null() {
                return;
            }
            match exc::instantiate(*pexc, *pval) {
                Ok(e) => {
                    xdecref(*pval);
                    *pval = e.into_raw();
                }
                Err(_) => {
                    // Replace with the error raised while normalizing.
                    let e = errors::take();
                    if let Some(e) = e {
                        xdecref(*pexc);
                        xdecref(*pval);
                        *pexc = new_ref((*e.as_ptr()).ob_type.cast());
                        *pval = e.into_raw();
                    }
                }
            }
        }
    })
}

/// `PyErr_ExceptionMatches`.
#[no_mangle]
pub unsafe extern "C" fn PyErr_ExceptionMatches(tp: *mut PyObject) -> c_int {
    // SAFETY: tp NULL or valid.
    unsafe { errors::matches(tp) as c_int }
}

/// `PyErr_GivenExceptionMatches`.
#[no_mangle]
pub unsafe extern "C" fn PyErr_GivenExceptionMatches(
    given: *mut PyObject,
    tp: *mut PyObject,
) -> c_int {
    // SAFETY: NULL or valid.
    unsafe { exc::given_matches(given, tp) as c_int }
}

/// `PyErr_NoMemory`.
#[no_mangle]
pub extern "C" fn PyErr_NoMemory() -> *mut PyObject {
    errors::no_memory_null()
}

/// `PyErr_BadArgument`: `TypeError("bad argument type for built-in operation")`.
#[no_mangle]
pub extern "C" fn PyErr_BadArgument() -> c_int {
    errors::type_error("bad argument type for built-in operation");
    0
}

/// `PyErr_BadInternalCall`.
#[no_mangle]
pub extern "C" fn PyErr_BadInternalCall() {
    errors::bad_internal_call();
}

/// `_PyErr_BadInternalCall` (older headers' macro target).
#[no_mangle]
pub unsafe extern "C" fn _PyErr_BadInternalCall(_file: *const c_char, _line: c_int) {
    errors::bad_internal_call();
}

/// `PyErr_SetFromErrno`: `exc(errno, strerror(errno))`.
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetFromErrno(tp: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { PyErr_SetFromErrnoWithFilenameObject(tp, null_mut()) }
}

/// `PyErr_SetFromErrnoWithFilenameObject`.
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetFromErrnoWithFilenameObject(
    tp: *mut PyObject,
    filename: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(tp);
    let errno = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
    guard(|| {
        let build = || -> crate::PyResult<Owned> {
            let msg = if errno == 0 {
                "Error".to_string()
            } else {
                // SAFETY: strerror returns a static C string.
                unsafe {
                    std::ffi::CStr::from_ptr(libc::strerror(errno))
                        .to_string_lossy()
                        .into_owned()
                }
            };
            let mut items = vec![
                crate::object::int::from_i64(errno as i64)?,
                pystr::from_str(&msg)?,
            ];
            if !filename.is_null() {
                // SAFETY: filename valid.
                items.push(unsafe { Owned::from_borrowed(filename) });
            }
            crate::object::tuple::from_vec(items)
        };
        if let Ok(args) = build() {
            // SAFETY: tp is an exception class.
            unsafe { errors::set_object(tp, args.as_ptr()) };
        }
        null_mut()
    })
}

/// `PyErr_SetFromErrnoWithFilename`.
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetFromErrnoWithFilename(
    tp: *mut PyObject,
    filename: *const c_char,
) -> *mut PyObject {
    let errno = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
    // SAFETY: filename NULL or a C string.
    let name = if filename.is_null() {
        None
    } else {
        unsafe { pystr::from_cstr(filename).ok() }
    };
    // Restore errno: building the name may have changed it.
    // SAFETY: __errno_location is the thread's errno.
    unsafe { *libc::__errno_location() = errno };
    // SAFETY: forwarded.
    unsafe {
        PyErr_SetFromErrnoWithFilenameObject(tp, name.as_ref().map_or(null_mut(), |n| n.as_ptr()))
    }
}

/// `PyErr_NewException`: a new exception class `module.Name` deriving from
/// `base` (default `Exception`), with class attributes from `dict`.
#[no_mangle]
pub unsafe extern "C" fn PyErr_NewException(
    name: *const c_char,
    base: *mut PyObject,
    dict: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(name);
    // SAFETY: name a C string; base/dict NULL or valid.
    crate::capi::boundary::guard_obj(|| unsafe {
        exc::new_exception_class(name, base, dict, null_mut())
    })
}

/// `PyErr_NewExceptionWithDoc`.
#[no_mangle]
pub unsafe extern "C" fn PyErr_NewExceptionWithDoc(
    name: *const c_char,
    doc: *const c_char,
    base: *mut PyObject,
    dict: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(name);
    // SAFETY: as PyErr_NewException.
    crate::capi::boundary::guard_obj(|| unsafe {
        let d = if doc.is_null() {
            None
        } else {
            Some(pystr::from_cstr(doc)?)
        };
        exc::new_exception_class(
            name,
            base,
            dict,
            d.as_ref().map_or(null_mut(), |d| d.as_ptr()),
        )
    })
}

/// `PyException_GetTraceback`.
#[no_mangle]
pub unsafe extern "C" fn PyException_GetTraceback(e: *mut PyObject) -> *mut PyObject {
    crate::null_check!(e);
    // SAFETY: e is an exception.
    unsafe {
        xincref((*e.cast::<PyBaseExceptionObject>()).traceback);
        (*e.cast::<PyBaseExceptionObject>()).traceback
    }
}

/// `PyException_SetTraceback`.
#[no_mangle]
pub unsafe extern "C" fn PyException_SetTraceback(e: *mut PyObject, tb: *mut PyObject) -> c_int {
    crate::null_check!(e);
    // SAFETY: e is an exception.
    unsafe {
        crate::object::protocol::setattr(
            e,
            pystr::intern("__traceback__"),
            if tb.is_null() {
                crate::object::none::none()
            } else {
                tb
            },
        )
        .map_or(-1, |_| 0)
    }
}

/// `PyException_GetContext`: a new reference or NULL.
#[no_mangle]
pub unsafe extern "C" fn PyException_GetContext(e: *mut PyObject) -> *mut PyObject {
    crate::null_check!(e);
    // SAFETY: e is an exception.
    unsafe {
        let v = (*e.cast::<PyBaseExceptionObject>()).context;
        xincref(v);
        v
    }
}

/// `PyException_SetContext`: steals the reference (NULL clears).
#[no_mangle]
pub unsafe extern "C" fn PyException_SetContext(e: *mut PyObject, v: *mut PyObject) {
    if e.is_null() {
        return;
    }
    // SAFETY: e is an exception; v NULL or owned.
    unsafe {
        let old = std::mem::replace(&mut (*e.cast::<PyBaseExceptionObject>()).context, v);
        xdecref(old);
    }
}

/// `PyException_GetCause`: a new reference or NULL.
#[no_mangle]
pub unsafe extern "C" fn PyException_GetCause(e: *mut PyObject) -> *mut PyObject {
    crate::null_check!(e);
    // SAFETY: e is an exception.
    unsafe {
        let v = (*e.cast::<PyBaseExceptionObject>()).cause;
        xincref(v);
        v
    }
}

/// `PyException_SetCause`: steals the reference (NULL clears).
#[no_mangle]
pub unsafe extern "C" fn PyException_SetCause(e: *mut PyObject, v: *mut PyObject) {
    if e.is_null() {
        return;
    }
    // SAFETY: e is an exception; v NULL or owned.
    unsafe {
        let old = std::mem::replace(&mut (*e.cast::<PyBaseExceptionObject>()).cause, v);
        xdecref(old);
    }
}

/// `PyException_GetArgs`.
#[no_mangle]
pub unsafe extern "C" fn PyException_GetArgs(e: *mut PyObject) -> *mut PyObject {
    crate::null_check!(e);
    // SAFETY: e is an exception.
    unsafe { new_ref(exc::args_of(e)) }
}

/// `PyException_SetArgs`.
#[no_mangle]
pub unsafe extern "C" fn PyException_SetArgs(e: *mut PyObject, args: *mut PyObject) {
    if e.is_null() || args.is_null() {
        return;
    }
    // SAFETY: e is an exception; args a tuple.
    unsafe {
        let b = e.cast::<PyBaseExceptionObject>();
        let old = std::mem::replace(&mut (*b).args, new_ref(args));
        xdecref(old);
    }
}

/// `PyErr_WriteUnraisable`: prints the raised exception to stderr as
/// "Exception ignored in: <obj repr>" followed by the exception.
#[no_mangle]
pub unsafe extern "C" fn PyErr_WriteUnraisable(obj: *mut PyObject) {
    guard(|| {
        let Some(e) = errors::take() else { return };
        // SAFETY: obj NULL or valid; e an exception.
        unsafe {
            if !obj.is_null() {
                let r = crate::object::protocol::repr_string(obj).unwrap_or_else(|_| {
                    errors::clear();
                    "<object repr() failed>".into()
                });
                eprintln!("Exception ignored in: {r}");
            }
            eprintln!("{}", exc::format_exception_only(e.as_ptr()));
        }
    })
}

/// `PyErr_Print`: prints the raised exception to stderr and clears it.
#[no_mangle]
pub extern "C" fn PyErr_Print() {
    PyErr_PrintEx(1)
}

/// `PyErr_PrintEx`.
#[no_mangle]
pub extern "C" fn PyErr_PrintEx(_set_sys_last_vars: c_int) {
    guard(|| {
        let Some(e) = errors::take() else { return };
        // SAFETY: e is an exception instance.
        unsafe { eprintln!("{}", exc::format_exception_only(e.as_ptr())) };
    })
}

/// `PyErr_DisplayException`.
#[no_mangle]
pub unsafe extern "C" fn PyErr_DisplayException(e: *mut PyObject) {
    if e.is_null() {
        return;
    }
    // SAFETY: e is an exception instance.
    guard(|| unsafe { eprintln!("{}", exc::format_exception_only(e)) })
}

/// Whether the exception type named is a class deriving from BaseException.
#[no_mangle]
pub unsafe extern "C" fn PyExceptionClass_Check(op: *mut PyObject) -> c_int {
    // SAFETY: op valid.
    unsafe { exc::is_class(op) as c_int }
}

/// `PyExceptionInstance_Check` as a function.
#[no_mangle]
pub unsafe extern "C" fn PyExceptionInstance_Check(op: *mut PyObject) -> c_int {
    // SAFETY: op valid.
    unsafe { exc::is_instance(op) as c_int }
}

/// Type name for diagnostics (`PyExceptionClass_Name`).
#[no_mangle]
pub unsafe extern "C" fn PyExceptionClass_Name(op: *mut PyObject) -> *const c_char {
    // SAFETY: op is a class.
    unsafe { (*op.cast::<PyTypeObject>()).tp_name }
}
