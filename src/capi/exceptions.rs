//! The Exception Handling chapter: the error indicator (`PyErr_*`), the
//! handled exception, signals, printing, and exception objects
//! (`PyException_*`, `PyUnicode*Error_*`).
use crate::capi::boundary::{guard, guard_obj, guard_status};
use crate::ffi::*;
use crate::object::exceptions::unicode::{self as uerr, UnicodeErrorKind};
use crate::object::exceptions::{self as exc, display};
use crate::object::refcount::*;
use crate::object::{dict, int, none, protocol, str as pystr, tuple, typeobj};
use crate::runtime::{errors, tstate};
use crate::{Owned, PyResult};
use libc::{c_char, c_int};
use std::ptr::null_mut;

/// `PyErr_SetString`.
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetString(tp: *mut PyObject, msg: *const c_char) {
    crate::null_check!(tp, msg);
    guard(|| {
        // SAFETY: tp non-NULL; msg a C string.
        unsafe {
            match pystr::from_cstr(msg) {
                Ok(m) => errors::set_object(tp, m.as_ptr()),
                Err(r) => r,
            };
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
                let tb = (*v.cast::<PyBaseExceptionObject>()).traceback;
                xincref(tb);
                *ptb = tb;
                *pvalue = v;
            }
        }
    }
}

/// `PyErr_Restore`: steals the three references. A value that is not
/// exactly of the type is turned into `type(value)` as CPython 3.12+ does;
/// the traceback must be a traceback or None.
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
            let e = match v {
                Some(v) if (*v.as_ptr()).ob_type.cast() == t.as_ptr() => v,
                v => {
                    let v = v.as_ref().map_or(null_mut(), |v| v.as_ptr());
                    match exc::create(t.as_ptr(), v) {
                        Ok(e) => e,
                        Err(_) => return,
                    }
                }
            };
            let tb = match tb {
                Some(tb) if tb.as_ptr() == none::none() => None,
                Some(tb) if !exc::is_traceback(tb.as_ptr()) => {
                    errors::type_error("traceback must be a Traceback or None");
                    return;
                }
                tb => tb,
            };
            if let Some(tb) = tb {
                let b = exc_base(e.as_ptr());
                let old = std::mem::replace(&mut (*b).traceback, tb.into_raw());
                xdecref(old);
            }
            errors::restore(e);
        }
    })
}

/// `PyErr_NormalizeException`: makes `*val` an instance of `*exc` (and
/// `*exc` its exact type); an error while normalizing replaces both.
#[no_mangle]
pub unsafe extern "C" fn PyErr_NormalizeException(
    pexc: *mut *mut PyObject,
    pval: *mut *mut PyObject,
    ptb: *mut *mut PyObject,
) {
    crate::null_check!(pexc, pval, ptb);
    guard(|| {
        // SAFETY: out-pointers non-NULL and owning their contents.
        unsafe {
            if (*pexc).is_null() {
                return;
            }
            let e = match exc::instantiate(*pexc, *pval) {
                Ok(e) => e,
                Err(_) => match errors::take() {
                    Some(e) => e,
                    None => return,
                },
            };
            xdecref(*pexc);
            xdecref(*pval);
            *pexc = new_ref((*e.as_ptr()).ob_type.cast());
            *pval = e.into_raw();
        }
    })
}

/// `PyErr_ExceptionMatches`: against a class or a tuple of classes.
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

/// `PyErr_SetFromErrno`: `tp(errno, strerror(errno))`; OSError picks the
/// errno's subclass. Always returns NULL.
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetFromErrno(tp: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { PyErr_SetFromErrnoWithFilenameObjects(tp, null_mut(), null_mut()) }
}

/// `PyErr_SetFromErrnoWithFilenameObject`.
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetFromErrnoWithFilenameObject(
    tp: *mut PyObject,
    filename: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { PyErr_SetFromErrnoWithFilenameObjects(tp, filename, null_mut()) }
}

/// `PyErr_SetFromErrnoWithFilenameObjects`.
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetFromErrnoWithFilenameObjects(
    tp: *mut PyObject,
    filename: *mut PyObject,
    filename2: *mut PyObject,
) -> *mut PyObject {
    let errno = errors::last_errno();
    crate::null_check!(tp);
    guard(|| {
        // SAFETY: tp non-NULL; the filenames NULL or valid.
        let _ = unsafe { errors::set_from_errno(tp, errno, filename, filename2) };
        null_mut()
    })
}

/// `PyErr_SetFromErrnoWithFilename`: the filename decoded as a file-system path (UTF-8, surrogateescape).
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetFromErrnoWithFilename(
    tp: *mut PyObject,
    filename: *const c_char,
) -> *mut PyObject {
    let errno = errors::last_errno();
    crate::null_check!(tp);
    guard(|| {
        // SAFETY: filename NULL or a C string; tp non-NULL.
        unsafe {
            let name = if filename.is_null() {
                None
            } else {
                match fs_decode(filename) {
                    Ok(n) => Some(n),
                    Err(_) => return null_mut(),
                }
            };
            let f = name.as_ref().map_or(null_mut(), |n| n.as_ptr());
            let _ = errors::set_from_errno(tp, errno, f, null_mut());
            null_mut()
        }
    })
}

/// A C filename decoded as `PyUnicode_DecodeFSDefault` does.
unsafe fn fs_decode(p: *const c_char) -> PyResult<Owned> {
    // SAFETY: p is a NUL-terminated C string.
    let data = unsafe { std::ffi::CStr::from_ptr(p) }.to_bytes();
    crate::runtime::fs_codec::decode(data)
}

/// `PyErr_SetImportErrorSubclass`: raises `exception(msg, name=name,
/// path=path, name_from=None)`; always returns NULL.
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetImportErrorSubclass(
    exception: *mut PyObject,
    msg: *mut PyObject,
    name: *mut PyObject,
    path: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(exception);
    guard(|| {
        let raise = || -> PyResult<()> {
            // SAFETY: exception valid; the others NULL or valid.
            unsafe {
                if !exc::is_class(exception)
                    || !typeobj::is_subtype(exception.cast(), exc::PyExc_ImportError.cast())
                {
                    return Err(errors::type_error("expected a subclass of ImportError"));
                }
                if msg.is_null() {
                    return Err(errors::type_error("expected a message argument"));
                }
                let or_none = |p: *mut PyObject| if p.is_null() { none::none() } else { p };
                let kw = dict::new()?;
                dict::set_item(kw.as_ptr(), crate::interned!("name"), or_none(name))?;
                dict::set_item(kw.as_ptr(), crate::interned!("path"), or_none(path))?;
                dict::set_item(kw.as_ptr(), crate::interned!("name_from"), none::none())?;
                let args = tuple::pack(&[msg])?;
                let e = protocol::call(exception, args.as_ptr(), kw.as_ptr())?;
                Err(errors::set_object((*e.as_ptr()).ob_type.cast(), e.as_ptr()))
            }
        };
        let _ = raise();
        null_mut()
    })
}

/// `PyErr_SetImportError`.
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetImportError(
    msg: *mut PyObject,
    name: *mut PyObject,
    path: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { PyErr_SetImportErrorSubclass(exc::PyExc_ImportError, msg, name, path) }
}

/// Sets `exc.name = value`, ignoring failures (as CPython does while
/// decorating a syntax error).
unsafe fn set_quietly(e: *mut PyObject, name: &str, value: *mut PyObject) {
    // SAFETY: e and value valid.
    if unsafe { protocol::setattr(e, pystr::intern(name), value) }.is_err() {
        errors::clear();
    }
}

/// An int attribute value, or None for a negative "absent" marker.
fn int_or_none(v: c_int) -> Owned {
    if v < 0 {
        return Owned::from_borrowed_static(none::none());
    }
    int::from_i64(v as i64).unwrap_or_else(|_| {
        errors::clear();
        Owned::from_borrowed_static(none::none())
    })
}

/// `PyErr_RangedSyntaxLocationObject`: adds the location (and the source
/// line when the file can be read) to the raised exception.
#[no_mangle]
pub unsafe extern "C" fn PyErr_RangedSyntaxLocationObject(
    filename: *mut PyObject,
    lineno: c_int,
    col_offset: c_int,
    end_lineno: c_int,
    end_col_offset: c_int,
) {
    guard(|| {
        let Some(e) = errors::take() else { return };
        let p = e.as_ptr();
        // SAFETY: p is an exception instance; filename NULL or valid.
        unsafe {
            let l = int::from_i64(lineno as i64);
            if let Ok(l) = l {
                set_quietly(p, "lineno", l.as_ptr());
            } else {
                errors::clear();
            }
            set_quietly(p, "offset", int_or_none(col_offset).as_ptr());
            set_quietly(p, "end_lineno", int_or_none(end_lineno).as_ptr());
            set_quietly(p, "end_offset", int_or_none(end_col_offset).as_ptr());
            if !filename.is_null() {
                set_quietly(p, "filename", filename);
                if let Some(text) = program_text(filename, lineno) {
                    set_quietly(p, "text", text.as_ptr());
                }
            }
            if (*p).ob_type != exc::PyExc_SyntaxError.cast() {
                for (name, value) in [("msg", true), ("print_file_and_line", false)] {
                    match protocol::getattr_opt(p, pystr::intern(name)) {
                        Ok(Some(_)) => {}
                        Ok(None) => {
                            let v = if value {
                                protocol::str_(p).ok()
                            } else {
                                Some(Owned::from_borrowed_static(none::none()))
                            };
                            match v {
                                Some(v) => set_quietly(p, name, v.as_ptr()),
                                None => errors::clear(),
                            }
                        }
                        Err(_) => errors::clear(),
                    }
                }
            }
        }
        errors::restore(e);
    })
}

/// `PyErr_SyntaxLocationObject`.
#[no_mangle]
pub unsafe extern "C" fn PyErr_SyntaxLocationObject(
    filename: *mut PyObject,
    lineno: c_int,
    col_offset: c_int,
) {
    // SAFETY: forwarded.
    unsafe { PyErr_RangedSyntaxLocationObject(filename, lineno, col_offset, lineno, -1) }
}

/// `PyErr_SyntaxLocationEx`.
#[no_mangle]
pub unsafe extern "C" fn PyErr_SyntaxLocationEx(
    filename: *const c_char,
    lineno: c_int,
    col_offset: c_int,
) {
    guard(|| {
        // SAFETY: filename NULL or a C string.
        let f = if filename.is_null() {
            None
        } else {
            match unsafe { fs_decode(filename) } {
                Ok(f) => Some(f),
                Err(_) => {
                    errors::clear();
                    None
                }
            }
        };
        let fp = f.as_ref().map_or(null_mut(), |f| f.as_ptr());
        // SAFETY: fp NULL or a str.
        unsafe { PyErr_SyntaxLocationObject(fp, lineno, col_offset) }
    })
}

/// `PyErr_SyntaxLocation`.
#[no_mangle]
pub unsafe extern "C" fn PyErr_SyntaxLocation(filename: *const c_char, lineno: c_int) {
    // SAFETY: forwarded.
    unsafe { PyErr_SyntaxLocationEx(filename, lineno, -1) }
}

/// Line `lineno` of the file `filename` as a str (None when unreadable).
unsafe fn program_text(filename: *mut PyObject, lineno: c_int) -> Option<Owned> {
    // SAFETY: filename valid.
    let path = match unsafe { pystr::as_str(filename) } {
        Ok(p) => p,
        Err(_) => {
            errors::clear();
            return None;
        }
    };
    let line = display::source_line(path, lineno as i64)?;
    match pystr::from_str(&line) {
        Ok(s) => Some(s),
        Err(_) => {
            errors::clear();
            None
        }
    }
}

/// `PyErr_ProgramTextObject`: a source line, or NULL (no exception set).
#[no_mangle]
pub unsafe extern "C" fn PyErr_ProgramTextObject(
    filename: *mut PyObject,
    lineno: c_int,
) -> *mut PyObject {
    if filename.is_null() {
        return null_mut();
    }
    // SAFETY: filename valid.
    guard(|| unsafe { program_text(filename, lineno) }.map_or(null_mut(), Owned::into_raw))
}

/// `PyErr_ProgramText`.
#[no_mangle]
pub unsafe extern "C" fn PyErr_ProgramText(
    filename: *const c_char,
    lineno: c_int,
) -> *mut PyObject {
    if filename.is_null() {
        return null_mut();
    }
    guard(|| {
        // SAFETY: filename a C string.
        match unsafe { fs_decode(filename) } {
            // SAFETY: f is a str.
            Ok(f) => unsafe { PyErr_ProgramTextObject(f.as_ptr(), lineno) },
            Err(_) => {
                errors::clear();
                null_mut()
            }
        }
    })
}

/// `PyErr_SetInterruptEx`: simulates the arrival of `signum`; its Python
/// handler runs at the next `PyErr_CheckSignals` (SIGINT's default one
/// raises KeyboardInterrupt; an ignored or default disposition does
/// nothing). An invalid number gives -1.
#[no_mangle]
pub extern "C" fn PyErr_SetInterruptEx(signum: c_int) -> c_int {
    if signum < 1 || signum > libc::SIGRTMAX() {
        return -1;
    }
    crate::runtime::signals::simulate(signum);
    0
}

/// `PyErr_SetInterrupt`.
#[no_mangle]
pub extern "C" fn PyErr_SetInterrupt() {
    PyErr_SetInterruptEx(libc::SIGINT);
}

/// `PyErr_CheckSignals`: raises KeyboardInterrupt (-1) when an interrupt
/// is pending.
#[no_mangle]
pub extern "C" fn PyErr_CheckSignals() -> c_int {
    guard_status(errors::check_signals)
}

/// `PyOS_InterruptOccurred`: 1 (and the interrupt is consumed) when a
/// SIGINT is pending.
#[no_mangle]
pub extern "C" fn PyOS_InterruptOccurred() -> c_int {
    errors::take_interrupt() as c_int
}

/// `Py_EnterRecursiveCall`: -1 with `RecursionError("maximum recursion
/// depth exceeded" + where)` past the limit.
#[no_mangle]
pub unsafe extern "C" fn Py_EnterRecursiveCall(where_: *const c_char) -> c_int {
    // SAFETY: where_ is NULL or a C string.
    let w = unsafe { typeobj::cstr_or(where_, "") };
    guard_status(|| protocol::enter_recursive_call(w))
}

/// `Py_LeaveRecursiveCall`.
#[no_mangle]
pub extern "C" fn Py_LeaveRecursiveCall() {
    protocol::leave_recursive_call()
}

/// `_Py_CheckRecursiveCall` (stable ABI only; what the old
/// `Py_EnterRecursiveCall` macro called once it had counted the call):
/// -1 with `RecursionError("maximum recursion depth exceeded" + where)`
/// when the thread is past its recursion limit or nearly out of native
/// stack, else 0. Counts nothing itself.
#[no_mangle]
pub unsafe extern "C" fn _Py_CheckRecursiveCall(
    ts: *mut crate::runtime::tstate::PyThreadState,
    where_: *const c_char,
) -> c_int {
    // SAFETY: where_ is NULL or a C string.
    let w = unsafe { typeobj::cstr_or(where_, "") };
    let ts = if ts.is_null() {
        tstate::get()
    } else {
        // SAFETY: the caller passes its live thread state.
        unsafe { &mut *ts }
    };
    guard_status(|| protocol::check_recursion(ts, w))
}

/// `Py_GetRecursionLimit`: the current interpreter's recursion limit.
#[no_mangle]
pub extern "C" fn Py_GetRecursionLimit() -> c_int {
    // SAFETY: the current thread state's interpreter is live.
    unsafe { (*tstate::get().interp).recursion_limit }
}

/// `Py_SetRecursionLimit`: sets the recursion limit of the current
/// interpreter and all its thread states (no check, unlike
/// `sys.setrecursionlimit`).
#[no_mangle]
pub extern "C" fn Py_SetRecursionLimit(limit: c_int) {
    // SAFETY: the current thread state's interpreter is live.
    unsafe { (*tstate::get().interp).set_recursion_limit(limit) }
}

/// `PyErr_GetHandledException`: the exception being handled (new
/// reference) or NULL.
#[no_mangle]
pub extern "C" fn PyErr_GetHandledException() -> *mut PyObject {
    let h = tstate::get().topmost_handled();
    // SAFETY: the thread state owns h when non-NULL.
    unsafe { xincref(h) };
    h
}

/// `PyErr_SetHandledException`: does not steal; None or NULL clears.
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetHandledException(e: *mut PyObject) {
    let e = if e == none::none() { null_mut() } else { e };
    let ts = tstate::get();
    // SAFETY: e NULL or valid; the thread state owned the old value.
    unsafe {
        xincref(e);
        let old = std::mem::replace(&mut ts.handled_exception, e);
        xdecref(old);
    }
}

/// `PyErr_GetExcInfo`: `(type, value, traceback)` of the handled
/// exception, new references; `(None, NULL, None)` when there is none.
#[no_mangle]
pub unsafe extern "C" fn PyErr_GetExcInfo(
    ptype: *mut *mut PyObject,
    pvalue: *mut *mut PyObject,
    ptb: *mut *mut PyObject,
) {
    crate::null_check!(ptype, pvalue, ptb);
    let h = tstate::get().topmost_handled();
    // SAFETY: out-pointers valid; h NULL or an exception instance.
    unsafe {
        if h.is_null() {
            *ptype = new_ref(none::none());
            *pvalue = null_mut();
            *ptb = new_ref(none::none());
            return;
        }
        *ptype = new_ref((*h).ob_type.cast());
        *pvalue = new_ref(h);
        let tb = (*h.cast::<PyBaseExceptionObject>()).traceback;
        *ptb = new_ref(if tb.is_null() { none::none() } else { tb });
    }
}

/// `PyErr_SetExcInfo`: steals the three references; only the value is
/// kept (the handled exception).
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetExcInfo(
    tp: *mut PyObject,
    value: *mut PyObject,
    tb: *mut PyObject,
) {
    // SAFETY: each argument NULL or owned.
    unsafe {
        PyErr_SetHandledException(value);
        xdecref(value);
        xdecref(tp);
        xdecref(tb);
    }
}

/// `_PyErr_ChainExceptions1`: re-raises `e` (stolen), or makes it the
/// `__context__` of the exception raised meanwhile.
#[no_mangle]
pub unsafe extern "C" fn _PyErr_ChainExceptions1(e: *mut PyObject) {
    // SAFETY: e NULL or an owned exception instance.
    let Some(e) = (unsafe { Owned::from_raw(e) }) else {
        return;
    };
    match errors::take() {
        None => {
            errors::restore(e);
        }
        Some(cur) => {
            if cur.as_ptr() != e.as_ptr() {
                let b = cur.as_ptr().cast::<PyBaseExceptionObject>();
                // SAFETY: cur is an exception instance owning its context.
                unsafe {
                    let old = std::mem::replace(&mut (*b).context, e.into_raw());
                    xdecref(old);
                }
            }
            errors::restore(cur);
        }
    }
}

/// `PyUnstable_Exc_PrepReraiseStar`: the exception an `except*` block
/// raises, from the one it caught (`orig`, which must have a traceback)
/// and the list of what its clauses raised (`excs`; None items allowed).
#[no_mangle]
pub unsafe extern "C" fn PyUnstable_Exc_PrepReraiseStar(
    orig: *mut PyObject,
    excs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: orig/excs NULL or valid.
        unsafe {
            if orig.is_null() || !exc::is_instance(orig) {
                return Err(errors::type_error("orig must be an exception instance"));
            }
            if excs.is_null() || !crate::object::list::check(excs) {
                return Err(errors::type_error(
                    "excs must be a list of exception instances",
                ));
            }
            let items = crate::object::list::items(excs).to_vec();
            for (i, &e) in items.iter().enumerate() {
                if e.is_null() || !(exc::is_instance(e) || e == none::none()) {
                    return Err(errors::type_error(format!(
                        "item {i} of excs is not an exception"
                    )));
                }
            }
            if (*exc_base(orig)).traceback.is_null() {
                return Err(errors::value_error("orig must be a raised exception"));
            }
            exc::group::prep_reraise_star(orig, &items)
        }
    })
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
    guard_obj(|| unsafe { exc::new_exception_class(name, base, dict, null_mut()) })
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
    guard_obj(|| unsafe {
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

#[inline]
unsafe fn exc_base(e: *mut PyObject) -> *mut PyBaseExceptionObject {
    e.cast()
}

/// `PyException_GetTraceback`: a new reference or NULL.
#[no_mangle]
pub unsafe extern "C" fn PyException_GetTraceback(e: *mut PyObject) -> *mut PyObject {
    crate::null_check!(e);
    // SAFETY: e is an exception.
    unsafe {
        let tb = (*exc_base(e)).traceback;
        xincref(tb);
        tb
    }
}

/// `PyException_SetTraceback`: a traceback or None (NULL is a TypeError,
/// as deleting `__traceback__`).
#[no_mangle]
pub unsafe extern "C" fn PyException_SetTraceback(e: *mut PyObject, tb: *mut PyObject) -> c_int {
    crate::null_check!(e);
    // SAFETY: e is an exception.
    guard_status(|| unsafe { protocol::setattr(e, crate::interned!("__traceback__"), tb) })
}

/// `PyException_GetContext`: a new reference or NULL.
#[no_mangle]
pub unsafe extern "C" fn PyException_GetContext(e: *mut PyObject) -> *mut PyObject {
    crate::null_check!(e);
    // SAFETY: e is an exception.
    unsafe {
        let v = (*exc_base(e)).context;
        xincref(v);
        v
    }
}

/// `PyException_SetContext`: steals the reference (NULL clears).
#[no_mangle]
pub unsafe extern "C" fn PyException_SetContext(e: *mut PyObject, v: *mut PyObject) {
    if e.is_null() {
        // SAFETY: v NULL or owned.
        unsafe { xdecref(v) };
        return;
    }
    // SAFETY: e is an exception; v NULL or owned.
    unsafe {
        let old = std::mem::replace(&mut (*exc_base(e)).context, v);
        xdecref(old);
    }
}

/// `PyException_GetCause`: a new reference or NULL.
#[no_mangle]
pub unsafe extern "C" fn PyException_GetCause(e: *mut PyObject) -> *mut PyObject {
    crate::null_check!(e);
    // SAFETY: e is an exception.
    unsafe {
        let v = (*exc_base(e)).cause;
        xincref(v);
        v
    }
}

/// `PyException_SetCause`: steals the reference (NULL clears) and sets
/// `__suppress_context__`.
#[no_mangle]
pub unsafe extern "C" fn PyException_SetCause(e: *mut PyObject, v: *mut PyObject) {
    if e.is_null() {
        // SAFETY: v NULL or owned.
        unsafe { xdecref(v) };
        return;
    }
    // SAFETY: e is an exception; v NULL or owned.
    unsafe {
        let b = exc_base(e);
        (*b).suppress_context = 1;
        let old = std::mem::replace(&mut (*b).cause, v);
        xdecref(old);
    }
}

/// `PyException_GetArgs`: a new reference to `e.args`.
#[no_mangle]
pub unsafe extern "C" fn PyException_GetArgs(e: *mut PyObject) -> *mut PyObject {
    crate::null_check!(e);
    // SAFETY: e is an exception.
    unsafe {
        let a = exc::args_of(e);
        new_ref(if a.is_null() {
            tuple::empty().as_ptr()
        } else {
            a
        })
    }
}

/// `PyException_SetArgs`: does not steal.
#[no_mangle]
pub unsafe extern "C" fn PyException_SetArgs(e: *mut PyObject, args: *mut PyObject) {
    if e.is_null() || args.is_null() {
        return;
    }
    // SAFETY: e is an exception; args a tuple.
    unsafe {
        let b = exc_base(e);
        let old = std::mem::replace(&mut (*b).args, new_ref(args));
        xdecref(old);
    }
}

/// Writes a report to the process's stderr (`sys.stderr` once the `sys`
/// module routes it).
fn write_stderr(text: &str) {
    crate::modules::io::stdio::write_stderr(text);
}

/// Takes the raised exception and reports it as unraisable (through
/// `sys.unraisablehook`).
pub(crate) fn write_unraisable(msg: Option<&str>, obj: *mut PyObject) {
    let Some(e) = errors::take() else { return };
    // SAFETY: e is the raised exception, owned here.
    unsafe { trace_running_frame(e.as_ptr()) };
    crate::modules::sys::unraisable::report(msg, obj, e);
}

/// Gives an exception that has no traceback (one raised from C, never
/// passed through Python code) the running Python frame as its traceback,
/// as CPython's unraisable report does, so the report shows where it
/// happened.
unsafe fn trace_running_frame(e: *mut PyObject) {
    // SAFETY: e is a live object; a current thread state's frame is live.
    unsafe {
        if !exc::is_instance(e) || !(*exc_base(e)).traceback.is_null() {
            return;
        }
        let ts = tstate::current();
        if ts.is_null() || (*ts).frame.is_null() {
            return;
        }
        match crate::vm::traceback::new_entry(null_mut(), (*ts).frame) {
            Ok(tb) => (*exc_base(e)).traceback = tb,
            Err(_) => errors::clear(),
        }
    }
}

/// `PyErr_WriteUnraisable`: reports and clears the raised exception as the
/// default `sys.unraisablehook` does ("Exception ignored in: <obj>").
#[no_mangle]
pub unsafe extern "C" fn PyErr_WriteUnraisable(obj: *mut PyObject) {
    guard(|| write_unraisable(None, obj))
}

/// The Rust half of `PyErr_FormatUnraisable` (src/capi/variadic.c):
/// `msg` is the formatted message (stolen) or NULL.
#[no_mangle]
pub unsafe extern "C" fn _Ferrython_ErrFormatUnraisable(msg: *mut PyObject) {
    guard(|| {
        // SAFETY: msg NULL or an owned str.
        let m = unsafe { Owned::from_raw(msg) };
        // SAFETY: m is a str.
        let text = m
            .as_ref()
            .and_then(|m| unsafe { pystr::as_str(m.as_ptr()) }.ok());
        write_unraisable(text, null_mut())
    })
}

/// `PyErr_DisplayException`: prints `e` and its chain to stderr.
#[no_mangle]
pub unsafe extern "C" fn PyErr_DisplayException(e: *mut PyObject) {
    if e.is_null() {
        return;
    }
    guard(|| {
        // SAFETY: e valid.
        unsafe {
            if !exc::is_instance(e) {
                write_stderr(&format!(
                    "TypeError: print_exception(): Exception expected for value, {} found\n",
                    typeobj::type_name(e)
                ));
                return;
            }
            crate::modules::io::stdio::display_exception(e);
        }
    })
}

/// `PyErr_Display`: the legacy form; only `value` is used.
#[no_mangle]
pub unsafe extern "C" fn PyErr_Display(
    _tp: *mut PyObject,
    value: *mut PyObject,
    _tb: *mut PyObject,
) {
    // SAFETY: forwarded.
    unsafe { PyErr_DisplayException(value) }
}

/// `PyErr_PrintEx`: prints the raised exception with its chain through
/// `sys.excepthook` and clears it; with `set_sys_last_vars`, also stores
/// it as `sys.last_exc` (and the legacy `last_type`, `last_value`,
/// `last_traceback`). A `SystemExit` is not printed: the process exits
/// with its code, through `Py_Exit`, unless the interpreter inspects
/// after the program (`-i`), as in `_Py_HandleSystemExit`.
#[no_mangle]
pub extern "C" fn PyErr_PrintEx(set_sys_last_vars: c_int) {
    guard(|| {
        // SAFETY: the raised exception, if any, is a valid instance.
        if unsafe { errors::matches(exc::PyExc_SystemExit) } && !crate::runtime::config::inspect() {
            let status = crate::runtime::run::handle_uncaught();
            crate::capi::init::Py_Exit(status);
        }
        let Some(e) = errors::take() else { return };
        if set_sys_last_vars != 0 {
            // SAFETY: e is an exception instance.
            unsafe { set_last_vars(e.as_ptr()) };
        }
        // SAFETY: e is an exception instance.
        unsafe { crate::modules::io::stdio::report_uncaught(e.as_ptr()) };
    })
}

/// Stores `e` as `sys.last_exc`, `last_type`, `last_value` and
/// `last_traceback`; failures there are dropped, as printing must go on.
unsafe fn set_last_vars(e: *mut PyObject) {
    // SAFETY: e is an exception instance.
    unsafe {
        let tb = protocol::getattr_str(e, "__traceback__");
        let tb = tb
            .as_ref()
            .map_or(crate::object::none::none(), |t| t.as_ptr());
        use crate::modules::sys;
        let r = sys::set("last_exc", e)
            .and_then(|_| sys::set("last_type", (*e).ob_type.cast()))
            .and_then(|_| sys::set("last_value", e))
            .and_then(|_| sys::set("last_traceback", tb));
        if r.is_err() {
            errors::clear();
        }
    }
}

/// `PyErr_Print`.
#[no_mangle]
pub extern "C" fn PyErr_Print() {
    PyErr_PrintEx(1)
}

/// `PyExceptionClass_Check` as a function.
#[no_mangle]
pub unsafe extern "C" fn PyExceptionClass_Check(op: *mut PyObject) -> c_int {
    crate::null_check!(op);
    // SAFETY: op valid.
    unsafe { exc::is_class(op) as c_int }
}

/// `PyExceptionInstance_Check` as a function.
#[no_mangle]
pub unsafe extern "C" fn PyExceptionInstance_Check(op: *mut PyObject) -> c_int {
    crate::null_check!(op);
    // SAFETY: op valid.
    unsafe { exc::is_instance(op) as c_int }
}

/// `PyExceptionClass_Name`: the class's `tp_name`.
#[no_mangle]
pub unsafe extern "C" fn PyExceptionClass_Name(op: *mut PyObject) -> *const c_char {
    crate::null_check!(op);
    // SAFETY: op is a class.
    unsafe { (*op.cast::<PyTypeObject>()).tp_name }
}

/// `PyUnicodeDecodeError_Create`: `UnicodeDecodeError(encoding,
/// object[:length], start, end, reason)`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeDecodeError_Create(
    encoding: *const c_char,
    object: *const c_char,
    length: Py_ssize_t,
    start: Py_ssize_t,
    end: Py_ssize_t,
    reason: *const c_char,
) -> *mut PyObject {
    crate::null_check!(encoding, reason);
    guard_obj(|| {
        // SAFETY: C strings; object has length bytes.
        unsafe {
            if length < 0 || (object.is_null() && length > 0) {
                return Err(errors::bad_internal_call());
            }
            let data = if length == 0 {
                &[][..]
            } else {
                std::slice::from_raw_parts(object.cast::<u8>(), length as usize)
            };
            let args = tuple::from_vec(vec![
                pystr::from_cstr(encoding)?,
                crate::object::bytes::from_slice(data)?,
                int::from_i64(start as i64)?,
                int::from_i64(end as i64)?,
                pystr::from_cstr(reason)?,
            ])?;
            protocol::call(exc::PyExc_UnicodeDecodeError, args.as_ptr(), null_mut())
        }
    })
}

/// `PyUnicodeEncodeError_GetEncoding`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeEncodeError_GetEncoding(e: *mut PyObject) -> *mut PyObject {
    // SAFETY: checked by the core.
    guard_obj(|| unsafe { uerr::get_encoding(e) })
}

/// `PyUnicodeDecodeError_GetEncoding`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeDecodeError_GetEncoding(e: *mut PyObject) -> *mut PyObject {
    // SAFETY: checked by the core.
    guard_obj(|| unsafe { uerr::get_encoding(e) })
}

/// `PyUnicodeEncodeError_GetObject`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeEncodeError_GetObject(e: *mut PyObject) -> *mut PyObject {
    // SAFETY: checked by the core.
    guard_obj(|| unsafe { uerr::get_object(e, UnicodeErrorKind::Encode) })
}

/// `PyUnicodeDecodeError_GetObject`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeDecodeError_GetObject(e: *mut PyObject) -> *mut PyObject {
    // SAFETY: checked by the core.
    guard_obj(|| unsafe { uerr::get_object(e, UnicodeErrorKind::Decode) })
}

/// `PyUnicodeTranslateError_GetObject`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeTranslateError_GetObject(e: *mut PyObject) -> *mut PyObject {
    // SAFETY: checked by the core.
    guard_obj(|| unsafe { uerr::get_object(e, UnicodeErrorKind::Translate) })
}

/// Stores a clamped position in `*out`.
unsafe fn store(out: *mut Py_ssize_t, r: PyResult<Py_ssize_t>) -> PyResult<()> {
    if out.is_null() {
        return Err(errors::bad_internal_call());
    }
    // SAFETY: out non-NULL.
    unsafe { *out = r? };
    Ok(())
}

/// `PyUnicodeEncodeError_GetStart`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeEncodeError_GetStart(
    e: *mut PyObject,
    start: *mut Py_ssize_t,
) -> c_int {
    // SAFETY: checked by the core.
    guard_status(|| unsafe { store(start, uerr::get_start(e, UnicodeErrorKind::Encode)) })
}

/// `PyUnicodeDecodeError_GetStart`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeDecodeError_GetStart(
    e: *mut PyObject,
    start: *mut Py_ssize_t,
) -> c_int {
    // SAFETY: checked by the core.
    guard_status(|| unsafe { store(start, uerr::get_start(e, UnicodeErrorKind::Decode)) })
}

/// `PyUnicodeTranslateError_GetStart`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeTranslateError_GetStart(
    e: *mut PyObject,
    start: *mut Py_ssize_t,
) -> c_int {
    // SAFETY: checked by the core.
    guard_status(|| unsafe { store(start, uerr::get_start(e, UnicodeErrorKind::Translate)) })
}

/// `PyUnicodeEncodeError_GetEnd`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeEncodeError_GetEnd(
    e: *mut PyObject,
    end: *mut Py_ssize_t,
) -> c_int {
    // SAFETY: checked by the core.
    guard_status(|| unsafe { store(end, uerr::get_end(e, UnicodeErrorKind::Encode)) })
}

/// `PyUnicodeDecodeError_GetEnd`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeDecodeError_GetEnd(
    e: *mut PyObject,
    end: *mut Py_ssize_t,
) -> c_int {
    // SAFETY: checked by the core.
    guard_status(|| unsafe { store(end, uerr::get_end(e, UnicodeErrorKind::Decode)) })
}

/// `PyUnicodeTranslateError_GetEnd`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeTranslateError_GetEnd(
    e: *mut PyObject,
    end: *mut Py_ssize_t,
) -> c_int {
    // SAFETY: checked by the core.
    guard_status(|| unsafe { store(end, uerr::get_end(e, UnicodeErrorKind::Translate)) })
}

/// `PyUnicodeEncodeError_SetStart`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeEncodeError_SetStart(
    e: *mut PyObject,
    start: Py_ssize_t,
) -> c_int {
    // SAFETY: checked by the core.
    guard_status(|| unsafe { uerr::set_start(e, start) })
}

/// `PyUnicodeDecodeError_SetStart`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeDecodeError_SetStart(
    e: *mut PyObject,
    start: Py_ssize_t,
) -> c_int {
    // SAFETY: checked by the core.
    guard_status(|| unsafe { uerr::set_start(e, start) })
}

/// `PyUnicodeTranslateError_SetStart`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeTranslateError_SetStart(
    e: *mut PyObject,
    start: Py_ssize_t,
) -> c_int {
    // SAFETY: checked by the core.
    guard_status(|| unsafe { uerr::set_start(e, start) })
}

/// `PyUnicodeEncodeError_SetEnd`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeEncodeError_SetEnd(e: *mut PyObject, end: Py_ssize_t) -> c_int {
    // SAFETY: checked by the core.
    guard_status(|| unsafe { uerr::set_end(e, end) })
}

/// `PyUnicodeDecodeError_SetEnd`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeDecodeError_SetEnd(e: *mut PyObject, end: Py_ssize_t) -> c_int {
    // SAFETY: checked by the core.
    guard_status(|| unsafe { uerr::set_end(e, end) })
}

/// `PyUnicodeTranslateError_SetEnd`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeTranslateError_SetEnd(
    e: *mut PyObject,
    end: Py_ssize_t,
) -> c_int {
    // SAFETY: checked by the core.
    guard_status(|| unsafe { uerr::set_end(e, end) })
}

/// `PyUnicodeEncodeError_GetReason`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeEncodeError_GetReason(e: *mut PyObject) -> *mut PyObject {
    // SAFETY: checked by the core.
    guard_obj(|| unsafe { uerr::get_reason(e) })
}

/// `PyUnicodeDecodeError_GetReason`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeDecodeError_GetReason(e: *mut PyObject) -> *mut PyObject {
    // SAFETY: checked by the core.
    guard_obj(|| unsafe { uerr::get_reason(e) })
}

/// `PyUnicodeTranslateError_GetReason`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeTranslateError_GetReason(e: *mut PyObject) -> *mut PyObject {
    // SAFETY: checked by the core.
    guard_obj(|| unsafe { uerr::get_reason(e) })
}

/// `reason` as UTF-8 text.
unsafe fn reason_text<'a>(reason: *const c_char) -> PyResult<&'a str> {
    if reason.is_null() {
        return Err(errors::bad_internal_call());
    }
    // SAFETY: reason is a C string.
    unsafe { std::ffi::CStr::from_ptr(reason) }
        .to_str()
        .map_err(|_| errors::unicode_error("reason is not valid UTF-8"))
}

/// `PyUnicodeEncodeError_SetReason`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeEncodeError_SetReason(
    e: *mut PyObject,
    reason: *const c_char,
) -> c_int {
    // SAFETY: checked by the core.
    guard_status(|| unsafe { uerr::set_reason(e, reason_text(reason)?) })
}

/// `PyUnicodeDecodeError_SetReason`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeDecodeError_SetReason(
    e: *mut PyObject,
    reason: *const c_char,
) -> c_int {
    // SAFETY: checked by the core.
    guard_status(|| unsafe { uerr::set_reason(e, reason_text(reason)?) })
}

/// `PyUnicodeTranslateError_SetReason`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeTranslateError_SetReason(
    e: *mut PyObject,
    reason: *const c_char,
) -> c_int {
    // SAFETY: checked by the core.
    guard_status(|| unsafe { uerr::set_reason(e, reason_text(reason)?) })
}
