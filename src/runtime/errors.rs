//! The error indicator and the Rust core's error type. A [`Raised`] is a
//! zero-sized proof that the current thread's error indicator is set; `?`
//! carries it up, and the C boundary turns it into NULL or -1.
use crate::ffi::*;
use crate::object::exceptions as exc;
use crate::object::handle::Owned;
use crate::object::refcount::{decref, xdecref};
use crate::runtime::tstate;
use std::ptr::null_mut;

/// Proof that the current thread's error indicator holds an exception.
#[derive(Debug)]
pub struct Raised(());

/// Result of a core operation that may raise.
pub type PyResult<T> = Result<T, Raised>;

impl Raised {
    /// Asserts that the indicator is set (for example because a C slot
    /// returned NULL). The caller vouches for it.
    #[inline(always)]
    pub fn assume() -> Raised {
        debug_assert!(!tstate::get().current_exception.is_null());
        Raised(())
    }
}

/// Turns a C result (NULL = error) into a `PyResult`.
#[inline(always)]
pub unsafe fn check(p: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: a non-NULL result is a new reference.
    unsafe { Owned::from_raw(p).ok_or_else(Raised::assume) }
}

/// The raised exception without taking it (borrowed), NULL when none.
#[inline(always)]
pub fn current() -> *mut PyObject {
    tstate::get().current_exception
}

/// The type of the raised exception (borrowed), NULL when none
/// (`PyErr_Occurred`).
#[inline(always)]
pub fn occurred() -> *mut PyObject {
    let ts = tstate::current();
    if ts.is_null() {
        return null_mut();
    }
    // SAFETY: a current thread state is live.
    let e = unsafe { (*ts).current_exception };
    if e.is_null() {
        null_mut()
    } else {
        // SAFETY: an exception instance is a valid object.
        unsafe { (*e).ob_type.cast() }
    }
}

/// Takes the raised exception out of the indicator (`PyErr_GetRaisedException`).
pub fn take() -> Option<Owned> {
    let ts = tstate::get();
    let e = std::mem::replace(&mut ts.current_exception, null_mut());
    // SAFETY: the indicator held a strong reference.
    unsafe { Owned::from_raw(e) }
}

/// Sets the indicator to an exception instance, stealing the reference
/// (`PyErr_SetRaisedException`). Returns the proof.
pub fn restore(e: Owned) -> Raised {
    let ts = tstate::get();
    let old = std::mem::replace(&mut ts.current_exception, e.into_raw());
    // SAFETY: the indicator owned the old exception.
    unsafe { xdecref(old) };
    Raised(())
}

/// Runs `f` with the raised exception (if any) set aside and restored
/// afterwards; whatever `f` raises is dropped. For cleanup after a
/// failure, and for output that must not disturb the caller's error.
pub fn keeping_raised<T>(f: impl FnOnce() -> T) -> T {
    let saved = take();
    let r = f();
    clear();
    if let Some(e) = saved {
        restore(e);
    }
    r
}

/// Adds `note` to the raised exception's `__notes__` through its
/// `add_note` method (`_PyErr_FormatNote`); when that fails, its error is
/// raised instead, chained to the original.
pub fn add_note(note: &str) -> Raised {
    let Some(e) = take() else {
        return Raised(());
    };
    // SAFETY: e is a live exception; the text becomes a new str.
    let added = unsafe {
        crate::object::str::from_str(note).and_then(|n| {
            crate::object::protocol::call_method_obj(e.as_ptr(), "add_note", &[n.as_ptr()])
        })
    };
    match added {
        Ok(_) => restore(e),
        Err(r) => {
            if let Some(new) = take() {
                // SAFETY: both are live exceptions.
                unsafe { crate::object::exceptions::chain_context(new.as_ptr(), e.as_ptr()) };
                return restore(new);
            }
            r
        }
    }
}

/// Clears the indicator (`PyErr_Clear`).
pub fn clear() {
    let ts = tstate::current();
    if ts.is_null() {
        return;
    }
    // SAFETY: a current thread state is live.
    let old = unsafe { std::mem::replace(&mut (*ts).current_exception, null_mut()) };
    // SAFETY: the indicator owned it.
    unsafe { xdecref(old) };
}

/// Raises `exc_type(value)` (`PyErr_SetObject`): `value` may already be an
/// instance, a tuple of arguments, a single argument or NULL/None.
pub unsafe fn set_object(exc_type: *mut PyObject, value: *mut PyObject) -> Raised {
    // SAFETY: exc_type is an exception class; value is NULL or valid.
    match unsafe { exc::instantiate(exc_type, value) } {
        Ok(e) => {
            let ts = tstate::get();
            // SAFETY: e is an exception instance; the thread state owns its
            // handled exception.
            unsafe { exc::chain_context(e.as_ptr(), ts.topmost_handled()) };
            let old = std::mem::replace(&mut ts.current_exception, e.into_raw());
            // SAFETY: the indicator owned the old exception.
            unsafe { xdecref(old) };
            Raised(())
        }
        Err(r) => r,
    }
}

/// Raises `exc_type` with a message (`PyErr_SetString`).
pub unsafe fn set_string(exc_type: *mut PyObject, msg: &str) -> Raised {
    let s = match crate::object::str::from_str(msg) {
        Ok(s) => s,
        Err(r) => return r,
    };
    // SAFETY: exc_type is an exception class, s a str.
    unsafe { set_object(exc_type, s.as_ptr()) }
}

/// Raises `exc_type` with the message `before`, the str `name`, `after`,
/// keeping `name` whole (lone surrogates included) as `PyErr_Format`'s
/// `%U` does.
pub unsafe fn set_with_name(
    exc_type: *mut PyObject,
    before: &str,
    name: *mut PyObject,
    after: &str,
) -> Raised {
    use crate::object::str as pystr;
    // SAFETY: name is a str; exc_type an exception class.
    unsafe {
        if let Some(n) = pystr::as_str_opt(name) {
            return set_string(exc_type, &format!("{before}{n}{after}"));
        }
        let msg = pystr::from_str(before)
            .and_then(|b| pystr::concat(b.as_ptr(), name))
            .and_then(|m| pystr::concat(m.as_ptr(), pystr::from_str(after)?.as_ptr()));
        match msg {
            Ok(m) => set_object(exc_type, m.as_ptr()),
            Err(r) => r,
        }
    }
}

macro_rules! raisers {
    ($($(#[$doc:meta])* $name:ident => $exc:ident;)*) => {$(
        $(#[$doc])*
        pub fn $name(msg: impl AsRef<str>) -> Raised {
            // SAFETY: the PyExc_* pointers are set before any code runs.
            unsafe { set_string(exc::$exc, msg.as_ref()) }
        }
    )*};
}

raisers! {
    /// Raises `TypeError(msg)`.
    type_error => PyExc_TypeError;
    /// Raises `ValueError(msg)`.
    value_error => PyExc_ValueError;
    /// Raises `IndexError(msg)`.
    index_error => PyExc_IndexError;
    /// Raises `OverflowError(msg)`.
    overflow_error => PyExc_OverflowError;
    /// Raises `ZeroDivisionError(msg)`.
    zero_division_error => PyExc_ZeroDivisionError;
    /// Raises `AttributeError(msg)`.
    attribute_error => PyExc_AttributeError;
    /// Raises `SystemError(msg)`.
    system_error => PyExc_SystemError;
    /// Raises `RuntimeError(msg)`.
    runtime_error => PyExc_RuntimeError;
    /// Raises `NotImplementedError(msg)`.
    not_implemented_error => PyExc_NotImplementedError;
    /// Raises `UnicodeError(msg)`.
    unicode_error => PyExc_UnicodeError;
    /// Raises `RecursionError(msg)`.
    recursion_error => PyExc_RecursionError;
}

/// Raises `KeyError(key)` with the key as the single argument.
pub unsafe fn key_error(key: *mut PyObject) -> Raised {
    // SAFETY: key valid; a 1-tuple keeps a tuple key intact.
    unsafe {
        match crate::object::tuple::pack(&[key]) {
            Ok(t) => set_object(exc::PyExc_KeyError, t.as_ptr()),
            Err(r) => r,
        }
    }
}

/// `PyErr_BadInternalCall`: a C-API function was misused.
#[cold]
#[inline(never)]
pub fn bad_internal_call() -> Raised {
    system_error("bad argument to internal function")
}

/// CPython's `null_error` in the abstract object API: a NULL argument is
/// `SystemError("null argument to internal routine")`.
pub fn null_argument() -> Raised {
    system_error("null argument to internal routine")
}

/// `PyErr_NoMemory`: raises the preallocated-style `MemoryError`.
pub fn no_memory() -> Raised {
    // SAFETY: PyExc_MemoryError is set at startup.
    unsafe { set_object(exc::PyExc_MemoryError, null_mut()) }
}

/// `PyErr_NoMemory` for C callers: raises and returns NULL.
pub fn no_memory_null() -> *mut PyObject {
    no_memory();
    null_mut()
}

/// Whether the raised exception matches `exc_type` (`PyErr_ExceptionMatches`).
pub unsafe fn matches(exc_type: *mut PyObject) -> bool {
    let e = occurred();
    // SAFETY: both are valid or NULL.
    !e.is_null() && unsafe { exc::given_matches(e, exc_type) }
}

/// Records a pending SIGINT: the next [`check_signals`] runs its handler
/// (`KeyboardInterrupt` by default). Async-signal-safe.
pub fn trip_interrupt() {
    crate::runtime::signals::trip(libc::SIGINT);
}

/// Takes a pending SIGINT (`PyOS_InterruptOccurred`).
pub fn take_interrupt() -> bool {
    crate::runtime::signals::take_interrupt()
}

/// `PyErr_CheckSignals`: runs the Python handlers of pending signals
/// (SIGINT without one raises `KeyboardInterrupt`).
pub fn check_signals() -> PyResult<()> {
    crate::runtime::signals::check()
}

/// Drops a reference that may be NULL; convenience for C-style cleanup.
#[inline]
pub unsafe fn release(p: *mut PyObject) {
    if !p.is_null() {
        // SAFETY: the caller owns p.
        unsafe { decref(p) }
    }
}

/// The calling thread's C `errno`.
pub fn last_errno() -> libc::c_int {
    // SAFETY: __errno_location returns this thread's errno slot.
    unsafe { *libc::__errno_location() }
}

/// Raises `tp(errno, strerror(errno)[, filename[, 0, filename2]])`, the
/// core of `PyErr_SetFromErrnoWithFilenameObjects`: `OSError` picks the
/// errno's subclass (`FileNotFoundError` for `ENOENT` ...). An `EINTR`
/// with a pending signal raises the signal's exception instead.
pub unsafe fn set_from_errno(
    tp: *mut PyObject,
    errno: libc::c_int,
    filename: *mut PyObject,
    filename2: *mut PyObject,
) -> Raised {
    if errno == libc::EINTR {
        if let Err(r) = check_signals() {
            return r;
        }
    }
    let build = || -> PyResult<Raised> {
        let msg = if errno == 0 {
            "Error".to_string()
        } else {
            // SAFETY: strerror returns a NUL-terminated string.
            unsafe {
                std::ffi::CStr::from_ptr(libc::strerror(errno))
                    .to_string_lossy()
                    .into_owned()
            }
        };
        let mut items = vec![
            crate::object::int::from_i64(errno as i64)?,
            crate::object::str::from_str(&msg)?,
        ];
        // SAFETY: filename/filename2 NULL or valid; tp callable.
        unsafe {
            if !filename.is_null() {
                items.push(Owned::from_borrowed(filename));
                if !filename2.is_null() {
                    items.push(crate::object::int::from_i64(0)?);
                    items.push(Owned::from_borrowed(filename2));
                }
            }
            let args = crate::object::tuple::from_vec(items)?;
            let e = crate::object::protocol::call(tp, args.as_ptr(), null_mut())?;
            Ok(set_object((*e.as_ptr()).ob_type.cast(), e.as_ptr()))
        }
    };
    match build() {
        Ok(r) | Err(r) => r,
    }
}

/// Raises the `OSError` subclass for `errno`, naming up to two files
/// (NULL when absent).
pub unsafe fn os_error(
    errno: libc::c_int,
    filename: *mut PyObject,
    filename2: *mut PyObject,
) -> Raised {
    // SAFETY: PyExc_OSError is set at load time; filenames per contract.
    unsafe { set_from_errno(exc::PyExc_OSError, errno, filename, filename2) }
}

/// Raises the `OSError` subclass for the current `errno`.
pub fn last_os_error() -> Raised {
    // SAFETY: no filenames.
    unsafe { os_error(last_errno(), null_mut(), null_mut()) }
}
