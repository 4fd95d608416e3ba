//! The Very High Level Layer's file and flags variants: `PyRun_File*`,
//! `PyRun_SimpleFile*`, `PyRun_AnyFile*`, `PyRun_StringFlags`,
//! `PyRun_SimpleStringFlags` and `Py_CompileString{Flags,ExFlags,Object}`.
//! A `PyCompilerFlags` passes future features, `PyCF_ONLY_AST` and the
//! parser's flags in; the future features a compiled program imports are
//! added to it, so that later runs given the same flags have them too.
use crate::capi::boundary::{guard, guard_obj};
use crate::capi::veryhigh::{mode_of, text};
use crate::ffi::*;
use crate::object::{dict, module, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::run;
use ferrython_compiler::CompileMode;
use libc::{c_char, c_int, FILE};
use std::ffi::CStr;

/// `PyCompilerFlags`: `cf_flags` (`CO_*`/`PyCF_*` bits) and the minor
/// version for `PyCF_ONLY_AST` feature checks.
#[repr(C)]
pub struct PyCompilerFlags {
    pub cf_flags: c_int,
    pub cf_feature_version: c_int,
}

/// Reads the rest of `fp`; closes it when `closeit` is non-zero.
unsafe fn read_file(fp: *mut FILE, closeit: c_int) -> Vec<u8> {
    let mut out = Vec::new();
    let mut buf = [0u8; 8192];
    // SAFETY: fp is an open stream; buf is writable for its length.
    unsafe {
        loop {
            let n = libc::fread(buf.as_mut_ptr().cast(), 1, buf.len(), fp);
            out.extend_from_slice(&buf[..n]);
            if n < buf.len() {
                break;
            }
        }
        if closeit != 0 {
            libc::fclose(fp);
        }
    }
    out
}

unsafe fn filename_of<'a>(filename: *const c_char) -> PyResult<&'a str> {
    // SAFETY: filename is a C string.
    unsafe { CStr::from_ptr(filename) }
        .to_str()
        .map_err(|_| errors::value_error("filename is not valid UTF-8"))
}

/// `PyRun_FileExFlags`: compiles the rest of `fp` in mode `start` and runs
/// it in `globals`/`locals`; closes `fp` when `closeit` is set.
#[no_mangle]
pub unsafe extern "C" fn PyRun_FileExFlags(
    fp: *mut FILE,
    filename: *const c_char,
    start: c_int,
    globals: *mut PyObject,
    locals: *mut PyObject,
    closeit: c_int,
    flags: *mut PyCompilerFlags,
) -> *mut PyObject {
    crate::null_check!(fp, filename, globals);
    // SAFETY: fp is an open stream.
    let source = unsafe { read_file(fp, closeit) };
    guard_obj(|| {
        // SAFETY: filename a C string; globals a dict, locals a mapping.
        unsafe {
            let Some(mode) = mode_of(start) else {
                return Err(errors::value_error("invalid start symbol"));
            };
            if !dict::check(globals) {
                return Err(errors::system_error("globals must be a dict"));
            }
            let co =
                run::compile_bytes(&source, filename_of(filename)?, mode, compiler_flags(flags))?;
            merge_future(flags, co.as_ptr());
            let locals = if locals.is_null() { globals } else { locals };
            crate::runtime::audit::audit(c"exec", &[co.as_ptr()])?;
            run::eval_program(co.as_ptr(), globals, locals)
        }
    })
}

/// `PyRun_File`.
#[no_mangle]
pub unsafe extern "C" fn PyRun_File(
    fp: *mut FILE,
    filename: *const c_char,
    start: c_int,
    globals: *mut PyObject,
    locals: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe {
        PyRun_FileExFlags(
            fp,
            filename,
            start,
            globals,
            locals,
            0,
            std::ptr::null_mut(),
        )
    }
}

/// `PyRun_FileEx`.
#[no_mangle]
pub unsafe extern "C" fn PyRun_FileEx(
    fp: *mut FILE,
    filename: *const c_char,
    start: c_int,
    globals: *mut PyObject,
    locals: *mut PyObject,
    closeit: c_int,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe {
        PyRun_FileExFlags(
            fp,
            filename,
            start,
            globals,
            locals,
            closeit,
            std::ptr::null_mut(),
        )
    }
}

/// `PyRun_FileFlags`.
#[no_mangle]
pub unsafe extern "C" fn PyRun_FileFlags(
    fp: *mut FILE,
    filename: *const c_char,
    start: c_int,
    globals: *mut PyObject,
    locals: *mut PyObject,
    flags: *mut PyCompilerFlags,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { PyRun_FileExFlags(fp, filename, start, globals, locals, 0, flags) }
}

/// Runs `source` in `__main__` with `__file__` set to `filename` for the
/// run (removed afterwards when it was not there before, as CPython does),
/// compiled with `flags` (NULL: none; its future features updated).
unsafe fn run_in_main(source: &[u8], filename: &str, flags: *mut PyCompilerFlags) -> PyResult<()> {
    let m = run::main_module()?;
    // SAFETY: m is a module, so d is its dict.
    unsafe {
        let d = module::dict_of(m.as_ptr());
        let key = crate::interned!("__file__");
        let had_file = !dict::get_item_known_hash_str(d, crate::interned!("__file__")).is_null();
        if !had_file {
            dict::set_item(d, key, pystr::from_str(filename)?.as_ptr())?;
        }
        let r = run::compile_bytes(source, filename, CompileMode::Exec, compiler_flags(flags))
            .and_then(|co| {
                merge_future(flags, co.as_ptr());
                crate::runtime::audit::audit(c"exec", &[co.as_ptr()])?;
                run::eval_program(co.as_ptr(), d, d)
            });
        if !had_file {
            // Keep the run's error while the key is removed.
            let _ = errors::keeping_raised(|| dict::del_item_opt(d, key));
        }
        r.map(drop)
    }
}

/// `PyRun_SimpleFileExFlags`: runs the rest of `fp` as `__main__`; on
/// error prints the traceback and returns -1 (a `SystemExit` exits).
#[no_mangle]
pub unsafe extern "C" fn PyRun_SimpleFileExFlags(
    fp: *mut FILE,
    filename: *const c_char,
    closeit: c_int,
    flags: *mut PyCompilerFlags,
) -> c_int {
    crate::null_check!(fp, filename);
    // SAFETY: fp is an open stream.
    let source = unsafe { read_file(fp, closeit) };
    // SAFETY: filename is a C string.
    guard(|| unsafe { run_simple_source(&source, filename, flags) })
}

/// The body of `PyRun_SimpleFileExFlags` once the text is read: runs it
/// as `__main__`; on error prints it and returns -1.
///
/// # Safety
/// `filename` is a C string; `flags` NULL or a `PyCompilerFlags`.
pub(crate) unsafe fn run_simple_source(
    source: &[u8],
    filename: *const c_char,
    flags: *mut PyCompilerFlags,
) -> c_int {
    // SAFETY: filename is a C string, flags NULL or valid (caller).
    let r = unsafe { filename_of(filename).and_then(|f| run_in_main(source, f, flags)) };
    // The program's output comes before its traceback and the caller's
    // own output (CPython's `flush_io`).
    crate::modules::io::stdio::flush_std_streams();
    match r {
        Ok(()) => 0,
        Err(_) => {
            crate::capi::exceptions::PyErr_Print();
            -1
        }
    }
}

/// `PyRun_SimpleFile`.
#[no_mangle]
pub unsafe extern "C" fn PyRun_SimpleFile(fp: *mut FILE, filename: *const c_char) -> c_int {
    // SAFETY: forwarded.
    unsafe { PyRun_SimpleFileExFlags(fp, filename, 0, std::ptr::null_mut()) }
}

/// `PyRun_SimpleFileEx`.
#[no_mangle]
pub unsafe extern "C" fn PyRun_SimpleFileEx(
    fp: *mut FILE,
    filename: *const c_char,
    closeit: c_int,
) -> c_int {
    // SAFETY: forwarded.
    unsafe { PyRun_SimpleFileExFlags(fp, filename, closeit, std::ptr::null_mut()) }
}

/// `PyRun_AnyFileExFlags`: the prompt loop (`PyRun_InteractiveLoopFlags`)
/// when `Py_FdIsInteractive` says the stream is interactive, else
/// `PyRun_SimpleFileExFlags`.
#[no_mangle]
pub unsafe extern "C" fn PyRun_AnyFileExFlags(
    fp: *mut FILE,
    filename: *const c_char,
    closeit: c_int,
    flags: *mut PyCompilerFlags,
) -> c_int {
    let name = if filename.is_null() {
        c"???".as_ptr()
    } else {
        filename
    };
    // SAFETY: forwarded; fp is an open stream (caller contract).
    unsafe {
        if crate::capi::osutil::Py_FdIsInteractive(fp, filename) != 0 {
            let r = PyRun_InteractiveLoopFlags(fp, name, flags);
            if closeit != 0 {
                libc::fclose(fp);
            }
            return r;
        }
        PyRun_SimpleFileExFlags(fp, name, closeit, flags)
    }
}

/// The `__future__` feature bits of `PyCompilerFlags.cf_flags` that
/// compiling honours (`CO_FUTURE_*`).
pub const FUTURE_FLAGS: u32 = 0x1fe_0000;

/// `E_EOF`: what `PyRun_InteractiveOne*` return at end of input.
const E_EOF: c_int = 11;

/// The `__future__` bits of `flags` (NULL: none).
unsafe fn future_of(flags: *mut PyCompilerFlags) -> u32 {
    if flags.is_null() {
        return 0;
    }
    // SAFETY: a non-NULL flags points at a PyCompilerFlags.
    unsafe { (*flags).cf_flags as u32 & FUTURE_FLAGS }
}

/// `PyRun_InteractiveOneObject`: reads one statement from `fp` with the
/// `sys.ps1`/`sys.ps2` prompts (on stderr), runs it in `__main__` and
/// returns 0; on error prints it and returns -1; at end of input returns
/// `E_EOF`.
#[no_mangle]
pub unsafe extern "C" fn PyRun_InteractiveOneObject(
    fp: *mut FILE,
    filename: *mut PyObject,
    flags: *mut PyCompilerFlags,
) -> c_int {
    crate::null_check!(fp, filename);
    guard(|| {
        // SAFETY: filename checked to be a str; fp an open stream.
        unsafe {
            let mut future = future_of(flags);
            let r = if pystr::check(filename) {
                pystr::as_str(filename)
                    .and_then(|f| crate::runtime::interactive::run_one(fp, f, &mut future))
            } else {
                Err(errors::type_error("filename must be a str"))
            };
            set_future(flags, future);
            match r {
                Ok(crate::runtime::interactive::One::Ran) => 0,
                Ok(crate::runtime::interactive::One::Eof) => E_EOF,
                Err(_) => {
                    crate::capi::exceptions::PyErr_Print();
                    crate::modules::io::stdio::flush_std_streams();
                    -1
                }
            }
        }
    })
}

/// `PyRun_InteractiveOneFlags`: `PyRun_InteractiveOneObject` with a C
/// string file name.
#[no_mangle]
pub unsafe extern "C" fn PyRun_InteractiveOneFlags(
    fp: *mut FILE,
    filename: *const c_char,
    flags: *mut PyCompilerFlags,
) -> c_int {
    crate::null_check!(fp);
    let name = if filename.is_null() {
        c"???".as_ptr()
    } else {
        filename
    };
    guard(|| {
        // SAFETY: name is a C string.
        let f = unsafe { filename_of(name) }.and_then(pystr::from_str);
        match f {
            // SAFETY: forwarded.
            Ok(f) => unsafe { PyRun_InteractiveOneObject(fp, f.as_ptr(), flags) },
            Err(_) => {
                crate::capi::exceptions::PyErr_Print();
                -1
            }
        }
    })
}

/// `PyRun_InteractiveOne`.
#[no_mangle]
pub unsafe extern "C" fn PyRun_InteractiveOne(fp: *mut FILE, filename: *const c_char) -> c_int {
    // SAFETY: forwarded.
    unsafe { PyRun_InteractiveOneFlags(fp, filename, std::ptr::null_mut()) }
}

/// `PyRun_InteractiveLoopFlags`: sets `sys.ps1`/`sys.ps2` to `">>> "` and
/// `"... "` when missing, then runs statements from `fp` until end of
/// input; each error is printed and the loop goes on. Returns 0.
#[no_mangle]
pub unsafe extern "C" fn PyRun_InteractiveLoopFlags(
    fp: *mut FILE,
    filename: *const c_char,
    flags: *mut PyCompilerFlags,
) -> c_int {
    crate::null_check!(fp);
    let name = if filename.is_null() {
        c"???".as_ptr()
    } else {
        filename
    };
    guard(|| {
        // SAFETY: name is a C string; fp an open stream; flags NULL or valid.
        unsafe {
            match filename_of(name) {
                Ok(f) => {
                    let mut future = future_of(flags);
                    let r = crate::runtime::interactive::run_loop(fp, f, &mut future);
                    set_future(flags, future);
                    r
                }
                Err(_) => {
                    crate::capi::exceptions::PyErr_Print();
                    -1
                }
            }
        }
    })
}

/// `PyRun_InteractiveLoop`.
#[no_mangle]
pub unsafe extern "C" fn PyRun_InteractiveLoop(fp: *mut FILE, filename: *const c_char) -> c_int {
    // SAFETY: forwarded.
    unsafe { PyRun_InteractiveLoopFlags(fp, filename, std::ptr::null_mut()) }
}

/// `PyRun_AnyFile`.
#[no_mangle]
pub unsafe extern "C" fn PyRun_AnyFile(fp: *mut FILE, filename: *const c_char) -> c_int {
    // SAFETY: forwarded.
    unsafe { PyRun_AnyFileExFlags(fp, filename, 0, std::ptr::null_mut()) }
}

/// `PyRun_AnyFileEx`.
#[no_mangle]
pub unsafe extern "C" fn PyRun_AnyFileEx(
    fp: *mut FILE,
    filename: *const c_char,
    closeit: c_int,
) -> c_int {
    // SAFETY: forwarded.
    unsafe { PyRun_AnyFileExFlags(fp, filename, closeit, std::ptr::null_mut()) }
}

/// `PyRun_AnyFileFlags`.
#[no_mangle]
pub unsafe extern "C" fn PyRun_AnyFileFlags(
    fp: *mut FILE,
    filename: *const c_char,
    flags: *mut PyCompilerFlags,
) -> c_int {
    // SAFETY: forwarded.
    unsafe { PyRun_AnyFileExFlags(fp, filename, 0, flags) }
}

/// `PyRun_StringFlags`: compiles `source` in mode `start` with `flags`
/// and runs it in `globals` (a dict) and `locals`.
#[no_mangle]
pub unsafe extern "C" fn PyRun_StringFlags(
    source: *const c_char,
    start: c_int,
    globals: *mut PyObject,
    locals: *mut PyObject,
    flags: *mut PyCompilerFlags,
) -> *mut PyObject {
    crate::null_check!(source, globals);
    guard_obj(|| {
        // SAFETY: C string; globals a dict; flags NULL or valid.
        unsafe {
            let Some(mode) = mode_of(start) else {
                return Err(errors::value_error("invalid start symbol"));
            };
            let co = compile_string(text(source)?, "<string>", mode, flags, -1)?;
            crate::runtime::audit::audit(c"exec", &[co.as_ptr()])?;
            run::eval_program(co.as_ptr(), globals, locals)
        }
    })
}

/// `PyRun_SimpleStringFlags`: runs `source` in `__main__`, compiled with
/// `flags`; on error prints the traceback and returns -1.
#[no_mangle]
pub unsafe extern "C" fn PyRun_SimpleStringFlags(
    source: *const c_char,
    flags: *mut PyCompilerFlags,
) -> c_int {
    crate::null_check!(source);
    guard(|| {
        // SAFETY: C string; flags NULL or valid.
        let r = unsafe { text(source) }.and_then(|s| {
            let m = run::main_module()?;
            // SAFETY: m is a module, so d is its dict.
            unsafe {
                let d = module::dict_of(m.as_ptr());
                let co = compile_string(s, "<string>", CompileMode::Exec, flags, -1)?;
                crate::runtime::audit::audit(c"exec", &[co.as_ptr()])?;
                run::eval_program(co.as_ptr(), d, d)
            }
        });
        match r {
            Ok(_) => 0,
            Err(_) => {
                crate::capi::exceptions::PyErr_Print();
                -1
            }
        }
    })
}

/// `PyCF_ONLY_AST`: compile to an `ast` tree, not to code.
const PYCF_ONLY_AST: c_int = 0x400;

/// The `cf_flags` bits the compiler takes: the future features,
/// `PyCF_DONT_IMPLY_DEDENT`, `PyCF_ALLOW_TOP_LEVEL_AWAIT` and
/// `PyCF_ALLOW_INCOMPLETE_INPUT`. The others (`PyCF_SOURCE_IS_UTF8`,
/// `PyCF_IGNORE_COOKIE`) change nothing for text given as UTF-8.
const COMPILER_FLAGS: u32 = FUTURE_FLAGS | 0x200 | 0x2000 | 0x4000;

/// The compiler's bits of `flags` (NULL: none).
unsafe fn compiler_flags(flags: *mut PyCompilerFlags) -> u32 {
    if flags.is_null() {
        return 0;
    }
    // SAFETY: a non-NULL flags points at a PyCompilerFlags.
    unsafe { (*flags).cf_flags as u32 & COMPILER_FLAGS }
}

/// Adds the future features of code object `co` to `flags` (when not
/// NULL), as CPython's compiler merges them into the caller's flags.
unsafe fn merge_future(flags: *mut PyCompilerFlags, co: *mut PyObject) {
    // SAFETY: co is a code object.
    let found = unsafe { crate::vm::code::data(co).flags } & FUTURE_FLAGS;
    // SAFETY: flags NULL or valid (caller).
    unsafe { set_future(flags, future_of(flags) | found) }
}

/// Stores the future features `future` in `flags` (when not NULL).
unsafe fn set_future(flags: *mut PyCompilerFlags, future: u32) {
    if !flags.is_null() {
        // SAFETY: a non-NULL flags points at a PyCompilerFlags.
        unsafe { (*flags).cf_flags |= (future & FUTURE_FLAGS) as c_int };
    }
}

/// Compiles source text as `Py_CompileStringObject` does: raises the
/// `compile` audit event, then parses to an `ast` tree when `flags` has
/// `PyCF_ONLY_AST`, else compiles with its bits at level `optimize` (-1:
/// the interpreter's) and merges the future features found into it.
unsafe fn compile_string(
    source: &str,
    filename: &str,
    mode: CompileMode,
    flags: *mut PyCompilerFlags,
    optimize: c_int,
) -> PyResult<crate::Owned> {
    run::audit_compile(Some(source.as_bytes()), filename)?;
    // SAFETY: flags NULL or valid (caller).
    unsafe {
        if !flags.is_null() && (*flags).cf_flags & PYCF_ONLY_AST != 0 {
            return crate::modules::ast::to_py::parse(source, filename, mode);
        }
        let co = run::compile_with(source, filename, mode, compiler_flags(flags), optimize)?;
        merge_future(flags, co.as_ptr());
        Ok(co)
    }
}

/// `Py_CompileStringObject`: compiles `source` in mode `start` under the
/// file name `filename` (a str), with `flags` (NULL: none) at
/// optimization level `optimize` (-1: the interpreter's); with
/// `PyCF_ONLY_AST` the result is an `ast` tree.
#[no_mangle]
pub unsafe extern "C" fn Py_CompileStringObject(
    source: *const c_char,
    filename: *mut PyObject,
    start: c_int,
    flags: *mut PyCompilerFlags,
    optimize: c_int,
) -> *mut PyObject {
    crate::null_check!(source, filename);
    guard_obj(|| {
        // SAFETY: C string; filename a live object; flags NULL or valid.
        unsafe {
            if !pystr::check(filename) {
                return Err(errors::type_error("filename must be a str"));
            }
            let Some(mode) = mode_of(start) else {
                return Err(errors::value_error("invalid start symbol"));
            };
            compile_string(
                text(source)?,
                pystr::as_str(filename)?,
                mode,
                flags,
                optimize,
            )
        }
    })
}

/// `Py_CompileStringExFlags`: `Py_CompileStringObject` with a C string
/// file name.
#[no_mangle]
pub unsafe extern "C" fn Py_CompileStringExFlags(
    source: *const c_char,
    filename: *const c_char,
    start: c_int,
    flags: *mut PyCompilerFlags,
    optimize: c_int,
) -> *mut PyObject {
    crate::null_check!(source, filename);
    guard_obj(|| {
        // SAFETY: C strings; flags NULL or valid.
        unsafe {
            let Some(mode) = mode_of(start) else {
                return Err(errors::value_error("invalid start symbol"));
            };
            compile_string(text(source)?, filename_of(filename)?, mode, flags, optimize)
        }
    })
}

/// `Py_CompileStringFlags`: `Py_CompileStringExFlags` at the
/// interpreter's optimization level.
#[no_mangle]
pub unsafe extern "C" fn Py_CompileStringFlags(
    source: *const c_char,
    filename: *const c_char,
    start: c_int,
    flags: *mut PyCompilerFlags,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { Py_CompileStringExFlags(source, filename, start, flags, -1) }
}
