//! The warning functions of the Exception Handling chapter
//! (`PyErr_WarnEx`, `PyErr_WarnExplicit*`, `PyErr_WarnFormat`,
//! `PyErr_ResourceWarning`).
//!
//! Until the `warnings` module exists, a warning goes through CPython's
//! default filters only: `DeprecationWarning` (outside `__main__`),
//! `PendingDeprecationWarning`, `ImportWarning` and `ResourceWarning` are
//! ignored, every other category is printed to stderr once per (message,
//! category, location) as the default `showwarning` formats it:
//! `file:line: Category: message`, plus the source line when the file can be
//! read. A warning is located at the Python frame `stack_level` up and
//! recorded in that frame's globals' `__warningregistry__` (its module's
//! `__name__` decides the `__main__` exception above); a call from C without
//! a Python frame is located at `<sys>:0`, as in CPython 3.13. `-W` options,
//! `PYTHONWARNINGS` and `warnings.filterwarnings` (including the "error"
//! action) arrive with the `warnings` module.
use crate::capi::boundary::guard_status;
use crate::ffi::*;
use crate::object::exceptions::{self as exc, display};
use crate::object::{dict, int, none, str as pystr, tuple, typeobj};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_char;
use std::collections::HashSet;
use std::sync::Mutex;

/// A shown warning: (message, category address, filename, lineno).
type WarningKey = (String, usize, String, i64);

/// Warnings already shown from C code without a frame (the `<sys>`
/// module's registry).
static SHOWN: Mutex<Option<HashSet<WarningKey>>> = Mutex::new(None);

/// The category to use: NULL means `RuntimeWarning`, as for CPython's C
/// callers (which do not check that it is a `Warning` subclass either).
fn category_of(category: *mut PyObject) -> *mut PyTypeObject {
    if category.is_null() {
        // SAFETY: the PyExc_* pointers are set at load time.
        return unsafe { exc::PyExc_RuntimeWarning.cast() };
    }
    category.cast()
}

/// Whether CPython's default filters ignore `category` for `module`.
unsafe fn ignored_by_default(category: *mut PyTypeObject, module: &str) -> bool {
    // SAFETY: the PyExc_* pointers are set at load time; category a type.
    unsafe {
        let is = |c: *mut PyObject| typeobj::is_subtype(category, c.cast());
        if is(exc::PyExc_DeprecationWarning) {
            return module != "__main__";
        }
        is(exc::PyExc_PendingDeprecationWarning)
            || is(exc::PyExc_ImportWarning)
            || is(exc::PyExc_ResourceWarning)
    }
}

/// The module a filename names for filter matching (`normalize_module`).
fn module_of_filename(filename: &str) -> &str {
    if filename.is_empty() {
        "<unknown>"
    } else {
        filename.strip_suffix(".py").unwrap_or(filename)
    }
}

/// Issues one warning (`category` a class or NULL). `registry` is the caller's registry dict (None or
/// NULL: none, every occurrence is shown) or, for frameless C callers,
/// `Registry::Sys`.
unsafe fn warn(
    category: *mut PyObject,
    message: &str,
    filename: &str,
    lineno: i64,
    module: &str,
    registry: Registry,
) -> PyResult<()> {
    // SAFETY: category NULL or valid; a registry is a dict.
    unsafe {
        let category = category_of(category);
        if !typeobj::instance_of(category.cast(), &raw mut typeobj::PyType_Type) {
            return Err(errors::bad_internal_call());
        }
        if ignored_by_default(category, module) {
            return Ok(());
        }
        match registry {
            Registry::None => {}
            Registry::Sys => {
                let key = (
                    message.to_string(),
                    category as usize,
                    filename.to_string(),
                    lineno,
                );
                let mut shown = SHOWN.lock().unwrap_or_else(|e| e.into_inner());
                if !shown.get_or_insert_with(HashSet::new).insert(key) {
                    return Ok(());
                }
            }
            Registry::Dict(d) => {
                let d = d.as_ptr();
                let key = tuple::from_vec(vec![
                    pystr::from_str(message)?,
                    Owned::from_borrowed(category.cast()),
                    int::from_i64(lineno)?,
                ])?;
                if !dict::get_item(d, key.as_ptr())?.is_null() {
                    return Ok(());
                }
                dict::set_item(d, key.as_ptr(), crate::object::bool::from_bool(true))?;
            }
        }
        let mut text = format!(
            "{filename}:{lineno}: {}: {message}\n",
            typeobj::short_name(category)
        );
        if let Some(line) = display::source_line(filename, lineno) {
            let line = line.trim();
            if !line.is_empty() {
                text.push_str(&format!("  {line}\n"));
            }
        }
        crate::modules::io::stdio::write_stderr(&text);
        Ok(())
    }
}

/// Where "already shown" is recorded.
enum Registry {
    /// Nowhere: shown every time.
    None,
    /// The `<sys>` registry of frameless C callers.
    Sys,
    /// A `__warningregistry__`-style dict.
    Dict(Owned),
}

/// Where a warning issued from C points: the Python frame `stack_level`
/// levels up (1 = the code that called into C) as `setup_context` finds it,
/// or `<sys>:0` when there is none.
struct Location {
    filename: String,
    lineno: i64,
    module: String,
    registry: Registry,
}

/// An attribute, None and errors counting as absent.
unsafe fn attr(o: *mut PyObject, name: &str) -> Option<Owned> {
    // SAFETY: o valid.
    match unsafe { crate::object::protocol::getattr_opt(o, pystr::intern(name)) } {
        Ok(Some(v)) if v.as_ptr() != none::none() => Some(v),
        Ok(_) => None,
        Err(_) => {
            errors::clear();
            None
        }
    }
}

/// The location for `stack_level`, read through the frame attributes
/// `f_back`, `f_code.co_filename`, `f_lineno` and `f_globals`; the frame's
/// globals get a `__warningregistry__` dict, as in CPython.
unsafe fn caller_location(stack_level: Py_ssize_t) -> PyResult<Location> {
    // SAFETY: the thread state's frame is NULL or a live frame.
    unsafe {
        let mut f = {
            let fr = crate::runtime::tstate::get().frame;
            (!fr.is_null()).then(|| Owned::from_borrowed(fr))
        };
        let mut level = stack_level;
        while level > 1 {
            level -= 1;
            f = f.and_then(|fr| attr(fr.as_ptr(), "f_back"));
        }
        let Some(f) = f else {
            return Ok(Location {
                filename: "<sys>".into(),
                lineno: 0,
                module: "sys".into(),
                registry: Registry::Sys,
            });
        };
        let text = |o: Option<Owned>| {
            o.and_then(|v| str_arg(v.as_ptr()).ok()).unwrap_or_else(|| {
                errors::clear();
                "<string>".into()
            })
        };
        let filename =
            text(attr(f.as_ptr(), "f_code").and_then(|c| attr(c.as_ptr(), "co_filename")));
        let lineno = attr(f.as_ptr(), "f_lineno")
            .and_then(|l| int::as_i64(l.as_ptr()).ok())
            .unwrap_or(0);
        let Some(globals) = attr(f.as_ptr(), "f_globals").filter(|g| dict::check(g.as_ptr()))
        else {
            return Ok(Location {
                filename,
                lineno,
                module: "<string>".into(),
                registry: Registry::None,
            });
        };
        let g = globals.as_ptr();
        let module = match dict::get_item(g, pystr::intern("__name__"))? {
            m if !m.is_null() && pystr::check(m) => pystr::as_str(m)?.to_string(),
            _ => "<string>".into(),
        };
        let key = pystr::intern("__warningregistry__");
        let mut reg = dict::get_item(g, key)?;
        if reg.is_null() || !dict::check(reg) {
            let d = dict::new()?;
            dict::set_item(g, key, d.as_ptr())?;
            reg = d.as_ptr();
        }
        Ok(Location {
            filename,
            lineno,
            module,
            registry: Registry::Dict(Owned::from_borrowed(reg)),
        })
    }
}

/// Warns at the caller's location.
unsafe fn warn_from_caller(
    category: *mut PyObject,
    message: &str,
    stack_level: Py_ssize_t,
) -> PyResult<()> {
    // SAFETY: category NULL or valid.
    unsafe {
        let loc = caller_location(stack_level)?;
        warn(
            category,
            message,
            &loc.filename,
            loc.lineno,
            &loc.module,
            loc.registry,
        )
    }
}

/// A C string argument as text.
unsafe fn text_arg<'a>(p: *const c_char) -> PyResult<&'a str> {
    if p.is_null() {
        return Err(errors::bad_internal_call());
    }
    // SAFETY: p is a C string.
    unsafe { std::ffi::CStr::from_ptr(p) }
        .to_str()
        .map_err(|_| errors::unicode_error("warning text is not valid UTF-8"))
}

/// `str(o)` as text.
unsafe fn str_arg(o: *mut PyObject) -> PyResult<String> {
    // SAFETY: o valid.
    unsafe {
        let s = crate::object::protocol::str_(o)?;
        Ok(pystr::as_str(s.as_ptr())?.to_string())
    }
}

/// `PyErr_WarnEx`: warns at the Python code `stack_level` frames up
/// (`<sys>:0` when C runs without a Python caller). Returns 0, or -1 with
/// an exception set.
#[no_mangle]
pub unsafe extern "C" fn PyErr_WarnEx(
    category: *mut PyObject,
    message: *const c_char,
    stack_level: Py_ssize_t,
) -> libc::c_int {
    guard_status(|| {
        // SAFETY: message a C string; category NULL or valid.
        unsafe { warn_from_caller(category, text_arg(message)?, stack_level) }
    })
}

/// `PyErr_WarnExplicitObject`: a warning at an explicit location.
#[no_mangle]
pub unsafe extern "C" fn PyErr_WarnExplicitObject(
    category: *mut PyObject,
    message: *mut PyObject,
    filename: *mut PyObject,
    lineno: libc::c_int,
    module: *mut PyObject,
    registry: *mut PyObject,
) -> libc::c_int {
    crate::null_check!(message, filename);
    guard_status(|| {
        // SAFETY: message/filename valid; module/registry NULL or valid.
        unsafe {
            let msg = str_arg(message)?;
            let file = str_arg(filename)?;
            let module = if module.is_null() || module == none::none() {
                module_of_filename(&file).to_string()
            } else {
                str_arg(module)?
            };
            let reg = if registry.is_null() || registry == none::none() {
                Registry::None
            } else if dict::check(registry) {
                Registry::Dict(Owned::from_borrowed(registry))
            } else {
                return Err(errors::type_error("'registry' must be a dict or None"));
            };
            warn(category, &msg, &file, lineno as i64, &module, reg)
        }
    })
}

/// `PyErr_WarnExplicit`.
#[no_mangle]
pub unsafe extern "C" fn PyErr_WarnExplicit(
    category: *mut PyObject,
    text: *const c_char,
    filename: *const c_char,
    lineno: libc::c_int,
    module: *const c_char,
    registry: *mut PyObject,
) -> libc::c_int {
    guard_status(|| {
        // SAFETY: C strings (module may be NULL); registry NULL or valid.
        unsafe {
            let msg = pystr::from_str(text_arg(text)?)?;
            let file = pystr::from_str(text_arg(filename)?)?;
            let module = if module.is_null() {
                None
            } else {
                Some(pystr::from_str(text_arg(module)?)?)
            };
            let m = module.as_ref().map_or(std::ptr::null_mut(), |m| m.as_ptr());
            if PyErr_WarnExplicitObject(category, msg.as_ptr(), file.as_ptr(), lineno, m, registry)
                < 0
            {
                return Err(errors::Raised::assume());
            }
            Ok(())
        }
    })
}

/// The Rust half of `PyErr_WarnFormat` and `PyErr_ResourceWarning`
/// (src/capi/variadic.c): `message` is the formatted str (stolen; NULL
/// when formatting failed, with the exception set).
#[no_mangle]
pub unsafe extern "C" fn _Ferrython_WarnFormatted(
    category: *mut PyObject,
    stack_level: Py_ssize_t,
    message: *mut PyObject,
) -> libc::c_int {
    guard_status(|| {
        // SAFETY: message NULL (error set) or an owned str.
        unsafe {
            let Some(m) = Owned::from_raw(message) else {
                return Err(errors::Raised::assume());
            };
            warn_from_caller(category, pystr::as_str(m.as_ptr())?, stack_level)
        }
    })
}
