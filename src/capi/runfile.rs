//! The Very High Level Layer's file and flags variants: `PyRun_File*`,
//! `PyRun_SimpleFile*`, `PyRun_AnyFile*`, `PyRun_StringFlags`,
//! `PyRun_SimpleStringFlags` and `Py_CompileStringExFlags`. Compiler flags
//! are accepted and not yet interpreted (no `from __future__` carry-over).
use crate::capi::boundary::{guard, guard_obj};
use crate::capi::veryhigh::{mode_of, PyRun_SimpleString, PyRun_String, Py_CompileString};
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
    _flags: *mut PyCompilerFlags,
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
            let co = run::compile_bytes(&source, filename_of(filename)?, mode)?;
            let locals = if locals.is_null() { globals } else { locals };
            crate::vm::call::eval_code(co.as_ptr(), globals, locals)
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
/// run (removed afterwards when it was not there before, as CPython does).
unsafe fn run_in_main(source: &[u8], filename: &str) -> PyResult<()> {
    let m = run::main_module()?;
    // SAFETY: m is a module, so d is its dict.
    unsafe {
        let d = module::dict_of(m.as_ptr());
        let key = pystr::intern("__file__");
        let had_file = !dict::get_str(d, "__file__").is_null();
        if !had_file {
            dict::set_item(d, key, pystr::from_str(filename)?.as_ptr())?;
        }
        let r = run::compile_bytes(source, filename, CompileMode::Exec)
            .and_then(|co| crate::vm::call::eval_code(co.as_ptr(), d, d));
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
    _flags: *mut PyCompilerFlags,
) -> c_int {
    crate::null_check!(fp, filename);
    // SAFETY: fp is an open stream.
    let source = unsafe { read_file(fp, closeit) };
    guard(|| {
        // SAFETY: filename is a C string.
        let r = unsafe { filename_of(filename).and_then(|f| run_in_main(&source, f)) };
        match r {
            Ok(()) => 0,
            Err(_) => {
                crate::capi::exceptions::PyErr_Print();
                -1
            }
        }
    })
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

/// `PyRun_AnyFileExFlags`: `PyRun_SimpleFileExFlags`; an interactive
/// stream is read to its end rather than run as a prompt loop.
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
    // SAFETY: forwarded.
    unsafe { PyRun_SimpleFileExFlags(fp, name, closeit, flags) }
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

/// `PyRun_StringFlags`.
#[no_mangle]
pub unsafe extern "C" fn PyRun_StringFlags(
    source: *const c_char,
    start: c_int,
    globals: *mut PyObject,
    locals: *mut PyObject,
    _flags: *mut PyCompilerFlags,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { PyRun_String(source, start, globals, locals) }
}

/// `PyRun_SimpleStringFlags`.
#[no_mangle]
pub unsafe extern "C" fn PyRun_SimpleStringFlags(
    source: *const c_char,
    _flags: *mut PyCompilerFlags,
) -> c_int {
    // SAFETY: forwarded.
    unsafe { PyRun_SimpleString(source) }
}

/// `Py_CompileStringExFlags`: `Py_CompileString`; the flags and the
/// optimization level are not applied yet (code compiles as with 0).
#[no_mangle]
pub unsafe extern "C" fn Py_CompileStringExFlags(
    source: *const c_char,
    filename: *const c_char,
    start: c_int,
    _flags: *mut PyCompilerFlags,
    _optimize: c_int,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { Py_CompileString(source, filename, start) }
}
