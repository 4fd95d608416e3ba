//! Running source code: compiling with `ferrython-compiler` (syntax errors
//! become `SyntaxError` objects), `__main__`, and running strings and files
//! as the `PyRun_*` family and the `ferrython` command do.
use crate::ffi::*;
use crate::object::exceptions::{self as exc, display};
use crate::object::{dict, int, module, none, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::vm::code;
use crate::Owned;
use ferrython_compiler::{CompileMode, CompileWarning, SyntaxErrorInfo, SyntaxErrorKind};
use std::ptr::null_mut;

/// Raises the `SyntaxError` (or `IndentationError`/`TabError`) for `e`.
pub fn raise_syntax_error(e: &SyntaxErrorInfo) -> errors::Raised {
    match e.kind {
        // SAFETY: the exception class is static.
        SyntaxErrorKind::MemoryError => unsafe {
            return errors::set_string(exc::PyExc_MemoryError, &e.msg);
        },
        SyntaxErrorKind::RecursionError => return errors::recursion_error(&e.msg),
        _ => {}
    }
    let build = || -> PyResult<Owned> {
        // Errors from the compiler carry no text: like CPython, read the
        // line from the file when there is one.
        let from_file = || display::source_line(&e.filename, e.lineno as i64);
        let text = match e.text.clone().or_else(from_file) {
            Some(t) => pystr::from_str(&t)?,
            None => Owned::from_borrowed_static(none::none()),
        };
        let details = tuple::from_vec(vec![
            pystr::from_str(&e.filename)?,
            int::from_i64(e.lineno as i64)?,
            int::from_i64(e.offset as i64)?,
            text,
            int::from_i64(e.end_lineno as i64)?,
            int::from_i64(e.end_offset as i64)?,
        ])?;
        tuple::from_vec(vec![pystr::from_str(&e.msg)?, details])
    };
    // SAFETY: the exception classes are static.
    let cls = unsafe {
        match e.kind {
            SyntaxErrorKind::SyntaxError => exc::PyExc_SyntaxError,
            SyntaxErrorKind::IndentationError => exc::PyExc_IndentationError,
            SyntaxErrorKind::TabError => exc::PyExc_TabError,
            SyntaxErrorKind::IncompleteInput => exc::PyExc_IncompleteInputError,
            SyntaxErrorKind::MemoryError | SyntaxErrorKind::RecursionError => unreachable!(),
        }
    };
    match build() {
        // SAFETY: cls is an exception class; args a tuple.
        Ok(args) => unsafe { errors::set_object(cls, args.as_ptr()) },
        Err(r) => r,
    }
}

/// Issues the compiler's `SyntaxWarning`s through the warnings filters
/// (`_PyErr_EmitSyntaxWarning`), with no registry (as CPython 3.13, so
/// the "default" action shows each one); one that a filter turns into an
/// error is raised as a `SyntaxError` at the warning's position instead.
pub fn emit_compile_warnings(warnings: &[CompileWarning]) -> PyResult<()> {
    for w in warnings {
        let msg = pystr::from_str(&w.msg)?;
        let filename = pystr::from_str(&w.filename)?;
        // SAFETY: the category is a static class; msg and filename are str.
        unsafe {
            let category = exc::PyExc_SyntaxWarning;
            let r = crate::modules::_warnings::warn_explicit(
                category,
                msg.as_ptr(),
                filename.as_ptr(),
                w.lineno as i64,
                null_mut(),
                null_mut(),
                null_mut(),
                null_mut(),
            );
            if let Err(raised) = r {
                if errors::matches(category) {
                    errors::clear();
                    return Err(raise_syntax_error(&w.to_error()));
                }
                return Err(raised);
            }
        }
    }
    Ok(())
}

/// The optimization level a compile asks for: a negative `optimize` (as
/// `compile()` and `Py_CompileStringExFlags` take -1) is the
/// interpreter's (`-O`, `PyConfig.optimization_level`).
pub fn resolve_optimize(optimize: i32) -> i32 {
    if optimize < 0 {
        crate::runtime::config::optimization_level()
    } else {
        optimize
    }
}

/// Compiles source text into a code object (`flags` as
/// [`ferrython_compiler::compile_source`] takes them, `optimize` as
/// [`resolve_optimize`]), issuing its compile-time warnings.
pub fn compile_with(
    source: &str,
    filename: &str,
    mode: CompileMode,
    flags: u32,
    optimize: i32,
) -> PyResult<Owned> {
    let optimize = resolve_optimize(optimize);
    match ferrython_compiler::compile_source_with_warnings(source, filename, mode, flags, optimize)
    {
        Ok((c, warnings)) => {
            emit_compile_warnings(&warnings)?;
            code::from_compiled(&c)
        }
        Err(e) => Err(raise_syntax_error(&e)),
    }
}

/// Compiles source text into a code object, at the interpreter's
/// optimization level. Raises the `compile` audit event with the source
/// (as UTF-8 bytes) and `filename` first, as CPython's parser of strings.
pub fn compile(source: &str, filename: &str, mode: CompileMode) -> PyResult<Owned> {
    audit_compile(Some(source.as_bytes()), filename)?;
    compile_with(source, filename, mode, 0, -1)
}

/// Raises `compile` `(source, filename)`: the source as bytes, or None
/// for source read from a file (CPython's parser of files gives none).
pub fn audit_compile(source: Option<&[u8]>, filename: &str) -> PyResult<()> {
    crate::runtime::audit::audit_with(c"compile", || {
        Ok(vec![
            match source {
                Some(s) => crate::object::bytes::from_slice(s)?,
                None => Owned::from_borrowed_static(crate::object::none::none()),
            },
            pystr::from_str(filename)?,
        ])
    })
}

/// Compiles `text`, read from the file `filename` (the `compile` audit
/// event has no source), with compiler `flags` at the interpreter's
/// optimization level.
fn compile_file_text(text: &str, filename: &str, mode: CompileMode, flags: u32) -> PyResult<Owned> {
    audit_compile(None, filename)?;
    compile_with(text, filename, mode, flags, -1)
}

/// Compiles source bytes (a file's contents: BOM and coding cookie
/// honoured) into a code object, with compiler `flags` (as
/// [`compile_with`] takes them).
pub fn compile_bytes(
    source: &[u8],
    filename: &str,
    mode: CompileMode,
    flags: u32,
) -> PyResult<Owned> {
    use crate::runtime::source_text::{decode, Origin};
    compile_file_text(
        &decode(source, filename, Origin::File)?,
        filename,
        mode,
        flags,
    )
}

/// The `__main__` module, created on first use and kept in `sys.modules`,
/// with `BuiltinImporter` as `__loader__` (as CPython's `add_main_module`;
/// a script's becomes its `SourceFileLoader` once `importlib` is there).
pub fn main_module() -> PyResult<Owned> {
    let modules = crate::modules::sys_modules();
    // SAFETY: sys.modules is a dict.
    unsafe {
        let m = dict::get_item_known_hash_str(modules, crate::interned!("__main__"));
        if !m.is_null() {
            return Ok(Owned::from_borrowed(m));
        }
        let m = module::new(crate::interned!("__main__"))?;
        let d = module::dict_of(m.as_ptr());
        dict::set_item(
            d,
            crate::interned!("__builtins__"),
            crate::modules::builtins::module(),
        )?;
        let loader = crate::modules::imp::builtin_importer::builtin_importer()?;
        dict::set_item(d, crate::interned!("__loader__"), loader)?;
        dict::set_item(modules, crate::interned!("__main__"), m.as_ptr())?;
        Ok(m)
    }
}

/// Runs the code object of a program (`run_eval_code_obj`), noting for
/// `Py_RunMain` whether it ended in an uncaught `KeyboardInterrupt`.
pub unsafe fn eval_program(
    co: *mut PyObject,
    globals: *mut PyObject,
    locals: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: the caller passes a code object, a dict and a mapping.
    let r = unsafe { crate::vm::call::eval_code(co, globals, locals) };
    crate::runtime::signals::note_run_end(r.is_err());
    r
}

/// Runs the `-c` command `cmd` as the `__main__` module
/// (`pymain_run_command`): compiled as `<string>`, its text then
/// registered with `linecache` for tracebacks (as 3.13's `run_mod` does
/// after compiling), then run.
pub fn run_command(cmd: &str) -> PyResult<()> {
    let m = main_module()?;
    let co = compile(cmd, "<string>", CompileMode::Exec)?;
    crate::runtime::interactive::register_source("<string>", cmd);
    crate::runtime::audit::audit(c"exec", &[co.as_ptr()])?;
    // SAFETY: m is a module; co a code object.
    unsafe {
        let d = module::dict_of(m.as_ptr());
        eval_program(co.as_ptr(), d, d)?;
    }
    Ok(())
}

/// Runs `source`, the text of the file `filename`, as the `__main__`
/// module with `__file__` set.
fn run_main_file(source: &str, filename: &str) -> PyResult<()> {
    let m = main_module()?;
    // SAFETY: m is a module.
    unsafe {
        let d = module::dict_of(m.as_ptr());
        dict::set_item(
            d,
            crate::interned!("__file__"),
            pystr::from_str(filename)?.as_ptr(),
        )?;
        dict::set_item(
            d,
            crate::interned!("__cached__"),
            crate::object::none::none(),
        )?;
        let co = compile_file_text(source, filename, CompileMode::Exec, 0)?;
        crate::runtime::audit::audit(c"exec", &[co.as_ptr()])?;
        eval_program(co.as_ptr(), d, d)?;
    }
    Ok(())
}

/// Runs a script file's contents (`pymain_run_file`): decoded as a file
/// is (BOM, coding cookie), then run as `__main__` with `__file__` set.
/// A `path` that is not UTF-8 keeps its bytes as surrogate escapes in
/// `__file__` and `co_filename`, as CPython's decoded command line does.
pub fn run_main_bytes(source: &[u8], path: &std::ffi::OsStr) -> PyResult<()> {
    use crate::runtime::source_text::{decode, Origin};
    let Some(filename) = path.to_str() else {
        let shown = path.to_string_lossy();
        let code = compile_file_text(
            &decode(source, &shown, Origin::File)?,
            &shown,
            CompileMode::Exec,
            0,
        )?;
        return run_main_code(code, path, true);
    };
    run_main_file(&decode(source, filename, Origin::File)?, filename)
}

/// Raises `open` `(path, 'rb', 0)`, the event of CPython's `_Py_fopen_obj`
/// opening the script `file`.
pub fn audit_open_script(file: &std::ffi::OsStr) -> PyResult<()> {
    use std::os::unix::ffi::OsStrExt;
    crate::runtime::audit::audit_with(c"open", || {
        Ok(vec![
            crate::runtime::fs_codec::decode_locale(file.as_bytes())?,
            pystr::from_str("rb")?,
            crate::object::int::from_i64(0)?,
        ])
    })
}

/// Runs `code`, compiled from the file `path`, as `__main__` with
/// `__file__` set; a `path` that is not UTF-8 replaces the code's
/// `co_filename` by its escaped form. `exec_event` raises the `exec`
/// audit event first (CPython raises none for a `.pyc` script).
fn run_main_code(code: Owned, path: &std::ffi::OsStr, exec_event: bool) -> PyResult<()> {
    use std::os::unix::ffi::OsStrExt;
    let m = main_module()?;
    let file = crate::runtime::fs_codec::decode_locale(path.as_bytes())?;
    // SAFETY: m is a module; code a code object; file a str.
    unsafe {
        if path.to_str().is_none() {
            crate::vm::code::set_filename(code.as_ptr(), file.as_ptr());
        }
        let d = module::dict_of(m.as_ptr());
        dict::set_item(d, crate::interned!("__file__"), file.as_ptr())?;
        dict::set_item(
            d,
            crate::interned!("__cached__"),
            crate::object::none::none(),
        )?;
        if exec_event {
            crate::runtime::audit::audit(c"exec", &[code.as_ptr()])?;
        }
        eval_program(code.as_ptr(), d, d)?;
    }
    Ok(())
}

/// Writes `str(v)` and a newline to the file object `f`.
unsafe fn write_line(f: *mut PyObject, v: *mut PyObject) -> PyResult<()> {
    use crate::object::protocol;
    // SAFETY: f and v are valid objects.
    unsafe {
        let write = protocol::getattr_str(f, "write")?;
        let text = protocol::str_(v)?;
        protocol::call_args(write.as_ptr(), &[text.as_ptr()])?;
        protocol::call_args(write.as_ptr(), &[crate::interned!("\n")])?;
        Ok(())
    }
}

/// Runs the code of a `.pyc` file given as the script (`run_pyc_file`) as
/// `__main__`, with `__file__` set.
pub fn run_main_pyc(path: &std::ffi::OsStr) -> PyResult<()> {
    let path_ = std::path::Path::new(path);
    let stem = path_.file_stem().unwrap_or_default().to_string_lossy();
    // `run_pyc_file` opens the file again.
    audit_open_script(path)?;
    let code = crate::runtime::pycache::read_pyc(path_, &stem)?;
    run_main_code(code, path, false)
}

/// `pymain_run_module`: `-m NAME` runs `runpy._run_module_as_main(NAME,
/// alter_argv)`, which finds the module (a package runs its `__main__`
/// submodule), puts its path in `sys.argv[0]` when `alter_argv` and runs
/// it as `__main__`; a missing module exits with runpy's message.
pub fn run_module_as_main(name: &str, alter_argv: bool) -> PyResult<()> {
    // runpy runs the module in the namespace of the existing `__main__`.
    main_module()?;
    let runpy = crate::runtime::import::import_absolute("runpy")?;
    // SAFETY: runpy is a module; the arguments are fresh objects.
    unsafe {
        let f = crate::object::protocol::getattr_str(runpy.as_ptr(), "_run_module_as_main")?;
        let n = pystr::from_str(name)?;
        let r = crate::object::protocol::call_args(
            f.as_ptr(),
            &[n.as_ptr(), crate::object::bool::from_bool(alter_argv)],
        );
        crate::runtime::signals::note_run_end(r.is_err());
        r?;
    }
    Ok(())
}

/// Prints the raised exception the way the interpreter does at top level,
/// and returns the process exit status it implies: `SystemExit`'s code,
/// else 1. Under `-i` a `SystemExit` is printed like any other exception,
/// as in `_Py_HandleSystemExit`.
pub fn handle_uncaught() -> i32 {
    let Some(e) = errors::take() else { return 0 };
    // SAFETY: e is an exception instance.
    unsafe {
        if exc::given_matches(e.as_ptr(), exc::PyExc_SystemExit)
            && !crate::runtime::config::inspect()
        {
            return system_exit_code(e.as_ptr());
        }
        crate::modules::io::stdio::flush_std_streams();
        crate::modules::io::stdio::report_uncaught(e.as_ptr());
    }
    1
}

/// The exit status for a `SystemExit`: None → 0, an int → itself, anything
/// else is written to `sys.stderr` (after what it holds; the C stream when
/// it is None) → 1, as CPython's `_Py_HandleSystemExit`.
unsafe fn system_exit_code(e: *mut PyObject) -> i32 {
    // SAFETY: e is a SystemExit instance.
    unsafe {
        let args = exc::args_of(e);
        let code = if args.is_null() || tuple::size(args) == 0 {
            none::none()
        } else if tuple::size(args) == 1 {
            tuple::items(args)[0]
        } else {
            args
        };
        if code == none::none() {
            return 0;
        }
        if int::check(code) {
            return int::as_i64(code).unwrap_or_else(|_| {
                errors::clear();
                -1
            }) as i32;
        }
        let stderr = crate::modules::sys::get("stderr");
        let written =
            !stderr.is_null() && stderr != none::none() && write_line(stderr, code).is_ok();
        if !written {
            errors::clear();
            if let Ok(s) = crate::object::protocol::str_(code) {
                eprintln!("{}", pystr::as_str(s.as_ptr()).unwrap_or(""));
            }
        }
        errors::clear();
        1
    }
}
