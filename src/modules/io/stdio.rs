//! The standard streams (`create_stdio` in `Python/pylifecycle.c`):
//! `sys.stdin`, `sys.stdout` and `sys.stderr` as `TextIOWrapper`s over
//! file descriptors 0, 1 and 2, and the writers the runtime uses for its
//! own reports.
use super::stringio::NewlineMode;
use super::*;
use crate::object::int;

/// The encoding and error handler of the standard streams: the
/// configuration's (`PYTHONIOENCODING`, "encoding[:errors]", unless `-E`),
/// else the locale encoding, named as its codec names itself; the error
/// handler is the one configured, else `strict` when an encoding is, else
/// the locale's default (`locale_config::stdio_errors`); stderr always
/// uses `backslashreplace`.
fn stream_codec(fd: c_int) -> (String, String) {
    let cfg = crate::runtime::config::current().unwrap_or_default();
    let configured = cfg.stdio_encoding.is_some();
    let enc = cfg
        .stdio_encoding
        .clone()
        .unwrap_or_else(|| crate::runtime::locale_config::encoding(&cfg));
    // The codec's own name ("latin-1" gives "iso8859-1").
    let enc = crate::modules::codecs::registry::codec_name(&enc).unwrap_or(enc);
    let errs = if fd == 2 {
        "backslashreplace".to_string()
    } else if let Some(e) = cfg.stdio_errors.clone().filter(|e| !e.is_empty()) {
        e
    } else if configured {
        "strict".to_string()
    } else {
        crate::runtime::locale_config::stdio_errors(&cfg).to_string()
    };
    (enc, errs)
}

/// Creates the stream for `fd` (None when the descriptor is not open).
unsafe fn create(fd: c_int, name: &str) -> PyResult<Owned> {
    // SAFETY: fcntl only queries the descriptor.
    if unsafe { libc::fcntl(fd, libc::F_GETFD) } < 0 {
        return Ok(none::owned());
    }
    // SAFETY: the _io types are ready.
    unsafe {
        let fdo = int::from_i64(fd as i64)?;
        let write = fd != 0;
        let raw = super::fileio::new(
            fdo.as_ptr(),
            if write { "wb" } else { "rb" },
            false,
            none::none(),
        )?;
        let nm = pystr::from_str(name)?;
        protocol::setattr(raw.as_ptr(), crate::interned!("name"), nm.as_ptr())?;
        let tty = libc::isatty(fd) == 1;
        // PYTHONUNBUFFERED: stdout and stderr write straight to the file
        // descriptor; stdin stays buffered (TextIOWrapper wants read1).
        let buffered = crate::runtime::config::current().is_none_or(|c| c.buffered_stdio);
        let buf = if write && !buffered {
            raw.clone()
        } else {
            let tp = if write {
                super::bufferedio::writer_type()
            } else {
                super::bufferedio::reader_type()
            };
            super::bufferedio::new(tp, raw.as_ptr(), DEFAULT_BUFFER_SIZE)?
        };
        let (enc, errs) = stream_codec(fd);
        let line_buffering = buffered && (tty || fd == 2);
        let t = super::textio::new(
            buf.as_ptr(),
            Some(enc),
            Some(errs),
            NewlineMode::Lf,
            line_buffering,
            !buffered,
        )?;
        let mode = pystr::from_str(if write { "w" } else { "r" })?;
        protocol::setattr(t.as_ptr(), crate::interned!("mode"), mode.as_ptr())?;
        Ok(t)
    }
}

/// Sets `sys.stdin`, `sys.stdout`, `sys.stderr`, `sys.displayhook`,
/// `sys.excepthook` and their `__x__` copies in the namespace `d` of the
/// new `sys` module `m`.
pub unsafe fn install(m: *mut PyObject, d: *mut PyObject) -> PyResult<()> {
    // SAFETY: d is the sys dict.
    unsafe {
        install_hooks(d, m)?;
        for (fd, name, attr, orig) in [
            (0, "<stdin>", "stdin", "__stdin__"),
            (1, "<stdout>", "stdout", "__stdout__"),
            (2, "<stderr>", "stderr", "__stderr__"),
        ] {
            let s = create(fd, name)?;
            dict::set_item(d, pystr::intern(attr), s.as_ptr())?;
            dict::set_item(d, pystr::intern(orig), s.as_ptr())?;
        }
        Ok(())
    }
}

/// The sys module's `name` stream (borrowed) if `sys` exists and has one
/// that is not None. Never creates `sys`.
fn sys_stream(name: &str) -> *mut PyObject {
    // The interpreter's own sys namespace: sys.modules may already list
    // None for it while the modules are torn down.
    let f = crate::modules::sys::get(name);
    if f.is_null() || f == none::none() {
        return null_mut();
    }
    f
}

/// Writes `text` to `sys.stderr` (flushed), or to the process's stderr
/// when there is none; the caller's raised exception survives and write
/// errors are dropped.
pub fn write_stderr(text: &str) {
    errors::keeping_raised(|| {
        let f = sys_stream("stderr");
        if !f.is_null() {
            // SAFETY: f is a live object.
            unsafe {
                if let Ok(s) = pystr::from_str(text) {
                    let r = protocol::call_method_obj(f, "write", &[s.as_ptr()]);
                    if r.is_ok() && protocol::call_method_obj(f, "flush", &[]).is_ok() {
                        return;
                    }
                }
            }
            errors::clear();
        }
        use std::io::Write;
        let mut e = std::io::stderr().lock();
        let _ = e.write_all(text.as_bytes());
        let _ = e.flush();
    })
}

/// Prints exception `e` with its chain to `sys.stderr` as `PyErr_Display`
/// does (CPython 3.13's `_PyErr_Display`): through the `traceback`
/// module's `_print_exception_bltin`, which marks the failing expression
/// of each source line with carets, or, when that module cannot be used
/// (not importable, or failing), with the built-in report. The caller's
/// raised exception survives.
///
/// # Safety
/// `e` is an exception instance.
pub unsafe fn display_exception(e: *mut PyObject) {
    errors::keeping_raised(|| {
        let shown = || -> PyResult<()> {
            let tb = crate::runtime::import::import_absolute("traceback")?;
            // SAFETY: tb is a module, print a live object; e an exception.
            unsafe {
                let print = protocol::getattr_str(tb.as_ptr(), "_print_exception_bltin")?;
                protocol::call_args(print.as_ptr(), &[e])?;
            }
            Ok(())
        };
        if shown().is_err() {
            errors::clear();
            // SAFETY: e is an exception instance.
            write_stderr(&unsafe { exc::display::format_exception(e) });
        }
    })
}

/// Flushes `sys.stdout` and `sys.stderr` at finalization
/// (`flush_std_files`), unless closed: a failure to flush stdout is
/// reported as unraisable ("Exception ignored on flushing sys.stdout"),
/// one of stderr dropped. False when either failed.
pub fn flush_at_exit() -> bool {
    let mut ok = true;
    errors::keeping_raised(|| {
        for name in ["stdout", "stderr"] {
            let f = sys_stream(name);
            if f.is_null() {
                continue;
            }
            // SAFETY: f is a live object.
            let r = unsafe {
                let f = Owned::from_borrowed(f);
                let closed = protocol::getattr_opt(f.as_ptr(), crate::interned!("closed"))
                    .and_then(|c| c.map_or(Ok(false), |c| protocol::is_true(c.as_ptr())));
                match closed {
                    Ok(true) => Ok(()),
                    Ok(false) => protocol::call_method_obj(f.as_ptr(), "flush", &[]).map(drop),
                    Err(e) => Err(e),
                }
            };
            if r.is_err() {
                ok = false;
                if name == "stdout" {
                    crate::capi::exceptions::write_unraisable(
                        Some("Exception ignored on flushing sys.stdout"),
                        null_mut(),
                    );
                } else {
                    errors::clear();
                }
            }
        }
    });
    ok
}

/// Flushes `sys.stdout` and `sys.stderr` (at finalization); errors are
/// dropped.
pub fn flush_std_streams() {
    errors::keeping_raised(|| {
        for name in ["stdout", "stderr"] {
            let f = sys_stream(name);
            if !f.is_null() {
                // SAFETY: f is a live object.
                let _ = unsafe { protocol::call_method_obj(f, "flush", &[]) };
                errors::clear();
            }
        }
    })
}

/// Writes the repr `r` that `out`'s encoding cannot encode, with the
/// characters it lacks escaped (`sys_displayhook_unencodable`): as bytes to
/// `out.buffer` (after what `out` holds), else decoded back to text.
unsafe fn write_unencodable(out: *mut PyObject, r: *mut PyObject) -> PyResult<()> {
    // SAFETY: out and r are live objects (r a str).
    unsafe {
        let encoding = protocol::getattr_str(out, "encoding")?;
        let errs = pystr::from_str("backslashreplace")?;
        let encoded = protocol::call_method_obj(r, "encode", &[encoding.as_ptr(), errs.as_ptr()])?;
        match protocol::getattr_opt(out, crate::interned!("buffer"))? {
            Some(buffer) => {
                protocol::call_method_obj(out, "flush", &[])?;
                protocol::call_method_obj(buffer.as_ptr(), "write", &[encoded.as_ptr()])?;
            }
            None => {
                let text =
                    protocol::call_method_obj(encoded.as_ptr(), "decode", &[encoding.as_ptr()])?;
                protocol::call_method_obj(out, "write", &[text.as_ptr()])?;
            }
        }
        Ok(())
    }
}

crate::modules::args::builtin!(sys_displayhook, |args, kws| {
    // `sys.displayhook(value)`: shows repr(value) on sys.stdout and keeps
    // it in `builtins._`.
    crate::modules::args::no_kwargs("displayhook", &kws)?;
    crate::modules::args::arity("sys.displayhook", args, 1, 1)?;
    let v = args[0];
    if v == none::none() {
        return Ok(none::owned());
    }
    let b = crate::modules::builtins::dict();
    dict::set_item(b, crate::interned!("_"), none::none())?;
    let out = sys_stream("stdout");
    if out.is_null() {
        return Err(errors::runtime_error("lost sys.stdout"));
    }
    let out = Owned::from_borrowed(out);
    let r = protocol::repr(v)?;
    if protocol::call_method_obj(out.as_ptr(), "write", &[r.as_ptr()]).is_err() {
        if !errors::matches(exc::PyExc_UnicodeEncodeError) {
            return Err(errors::Raised::assume());
        }
        errors::clear();
        write_unencodable(out.as_ptr(), r.as_ptr())?;
    }
    let nl = pystr::from_str("\n")?;
    protocol::call_method_obj(out.as_ptr(), "write", &[nl.as_ptr()])?;
    dict::set_item(b, crate::interned!("_"), v)?;
    Ok(none::owned())
});

crate::modules::args::builtin!(sys_excepthook, |args, kws| {
    // `sys.excepthook(type, value, traceback)`: the report of `value` on
    // sys.stderr.
    crate::modules::args::no_kwargs("excepthook", &kws)?;
    crate::modules::args::arity("excepthook", args, 3, 3)?;
    let v = args[1];
    if !typeobj::instance_of(v, exc::PyExc_BaseException.cast()) {
        let s = protocol::str_(v)?;
        write_stderr(&format!(
            "TypeError: print_exception(): Exception expected for value, {} found\n{}\n",
            typeobj::type_name(v),
            pystr::as_str(s.as_ptr())?
        ));
        return Ok(none::owned());
    }
    display_exception(v);
    Ok(none::owned())
});

static mut HOOK_METHODS: [PyMethodDef; 3] = [
    crate::object::descr::method(c"displayhook", sys_displayhook as *const c_void, FK),
    crate::object::descr::method(c"excepthook", sys_excepthook as *const c_void, FK),
    crate::object::descr::METHOD_END,
];

/// Sets `sys.displayhook`, `sys.excepthook` and their `__x__` copies.
unsafe fn install_hooks(d: *mut PyObject, module: *mut PyObject) -> PyResult<()> {
    // SAFETY: the table is static; d is the sys dict.
    unsafe {
        let table = &raw mut HOOK_METHODS;
        for (i, (name, orig)) in [
            ("displayhook", "__displayhook__"),
            ("excepthook", "__excepthook__"),
        ]
        .into_iter()
        .enumerate()
        {
            let ml = (table as *mut PyMethodDef).add(i);
            let f =
                crate::object::methodobject::new(ml, module, crate::interned!("sys"), null_mut())?;
            dict::set_item(d, pystr::intern(name), f.as_ptr())?;
            dict::set_item(d, pystr::intern(orig), f.as_ptr())?;
        }
        Ok(())
    }
}

/// Reports the uncaught exception `e` through `sys.excepthook` (as
/// `PyErr_Print` does); without a hook, the report goes to `sys.stderr`.
///
/// # Safety
/// `e` is an exception instance.
pub unsafe fn report_uncaught(e: *mut PyObject) {
    // SAFETY: e valid; the hook is a live object.
    unsafe {
        let hook = sys_stream("excepthook");
        if hook.is_null() {
            write_stderr(&exc::display::format_exception(e));
            return;
        }
        let hook = Owned::from_borrowed(hook);
        let tb = (*e.cast::<PyBaseExceptionObject>()).traceback;
        let tb = if tb.is_null() { none::none() } else { tb };
        let tp = (*e).ob_type.cast();
        // A hook refusing the event with a RuntimeError silences the
        // report; another error is reported and the report goes on.
        if crate::runtime::audit::audit(c"sys.excepthook", &[hook.as_ptr(), tp, e, tb]).is_err() {
            if errors::matches(exc::PyExc_RuntimeError) {
                errors::clear();
                return;
            }
            crate::capi::exceptions::write_unraisable(
                Some("Exception ignored in audit hook"),
                null_mut(),
            );
        }
        if protocol::call_args(hook.as_ptr(), &[tp, e, tb]).is_err() {
            let Some(err) = errors::take() else { return };
            let mut text = String::from("Error in sys.excepthook:\n");
            text.push_str(&exc::display::format_exception(err.as_ptr()));
            text.push_str("\nOriginal exception was:\n");
            text.push_str(&exc::display::format_exception(e));
            write_stderr(&text);
        }
    }
}
