//! The Very High Level Layer chapter: `PyRun_*`, `Py_CompileString*`,
//! `PyEval_EvalCode`, and `Py_BytesMain`/`Py_Main`, the `ferrython`
//! command.
use crate::capi::boundary::{guard, guard_obj};
use crate::ffi::*;
use crate::object::{dict, module};
use crate::runtime::errors;
use crate::runtime::run;
use ferrython_compiler::CompileMode;
use libc::{c_char, c_int};
use std::ffi::CStr;

/// `Py_single_input`.
pub const Py_single_input: c_int = 256;
/// `Py_file_input`.
pub const Py_file_input: c_int = 257;
/// `Py_eval_input`.
pub const Py_eval_input: c_int = 258;

/// The compiler mode for a `Py_*_input` start symbol.
pub(crate) fn mode_of(start: c_int) -> Option<CompileMode> {
    match start {
        Py_single_input => Some(CompileMode::Single),
        Py_file_input => Some(CompileMode::Exec),
        Py_eval_input => Some(CompileMode::Eval),
        _ => None,
    }
}

unsafe fn text<'a>(p: *const c_char) -> crate::PyResult<&'a str> {
    // SAFETY: p is a C string.
    unsafe { CStr::from_ptr(p) }
        .to_str()
        .map_err(|_| errors::unicode_error("source is not valid UTF-8"))
}

/// `Py_CompileStringExFlags` without flags: compiles to a code object.
#[no_mangle]
pub unsafe extern "C" fn Py_CompileString(
    source: *const c_char,
    filename: *const c_char,
    start: c_int,
) -> *mut PyObject {
    crate::null_check!(source, filename);
    guard_obj(|| {
        // SAFETY: C strings.
        unsafe {
            let Some(mode) = mode_of(start) else {
                return Err(errors::value_error("invalid start symbol"));
            };
            run::compile(text(source)?, text(filename)?, mode)
        }
    })
}

/// `PyEval_EvalCode`.
#[no_mangle]
pub unsafe extern "C" fn PyEval_EvalCode(
    co: *mut PyObject,
    globals: *mut PyObject,
    locals: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(co, globals);
    guard_obj(|| {
        // SAFETY: co checked to be a code object, globals a dict.
        unsafe {
            if !crate::vm::code::check(co) {
                return Err(errors::type_error(
                    "PyEval_EvalCode() expects a code object",
                ));
            }
            if !dict::check(globals) {
                return Err(errors::system_error("globals must be a dict"));
            }
            crate::vm::call::eval_code(co, globals, locals)
        }
    })
}

/// `PyRun_String`: runs `source` in `globals`/`locals`.
#[no_mangle]
pub unsafe extern "C" fn PyRun_String(
    source: *const c_char,
    start: c_int,
    globals: *mut PyObject,
    locals: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(source, globals);
    guard_obj(|| {
        // SAFETY: C string; globals a dict.
        unsafe {
            let Some(mode) = mode_of(start) else {
                return Err(errors::value_error("invalid start symbol"));
            };
            run::run_string(text(source)?, "<string>", mode, globals, locals)
        }
    })
}

/// `PyRun_SimpleString`: runs `source` in `__main__`; on error prints the
/// traceback and returns -1.
#[no_mangle]
pub unsafe extern "C" fn PyRun_SimpleString(source: *const c_char) -> c_int {
    crate::null_check!(source);
    guard(|| {
        // SAFETY: C string.
        let r = unsafe { text(source) }.and_then(|s| {
            let m = run::main_module()?;
            // SAFETY: m is a module.
            // SAFETY: m is a module, so d is its dict.
            unsafe {
                let d = module::dict_of(m.as_ptr());
                run::run_string(s, "<string>", CompileMode::Exec, d, d)
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

/// `Py_BytesMain`: the `ferrython` command. The command line is read
/// into a Python configuration (`PyConfig_SetBytesArgv`), the runtime is
/// initialized from it and `Py_RunMain` runs the program, as in CPython.
#[no_mangle]
pub unsafe extern "C" fn Py_BytesMain(argc: c_int, argv: *mut *mut c_char) -> c_int {
    // SAFETY: argv holds argc C strings (caller contract).
    unsafe { main_with(|c| crate::capi::config::PyConfig_SetBytesArgv(c, argc as _, argv)) }
}

/// `Py_Main`: `Py_BytesMain` with a wide-character command line
/// (`PyConfig_SetArgv`).
#[no_mangle]
pub unsafe extern "C" fn Py_Main(argc: c_int, argv: *mut *mut libc::wchar_t) -> c_int {
    // SAFETY: argv holds argc wide strings (caller contract).
    unsafe { main_with(|c| crate::capi::config::PyConfig_SetArgv(c, argc as _, argv)) }
}

/// The body of `Py_Main`/`Py_BytesMain`: `set_argv` stores the command
/// line in a fresh Python configuration, then the runtime is initialized
/// from it and `Py_RunMain` runs the program.
unsafe fn main_with(
    set_argv: impl FnOnce(*mut crate::capi::config::PyConfig) -> crate::capi::config::PyStatus,
) -> c_int {
    use crate::capi::config::*;
    let mut config = std::mem::MaybeUninit::<PyConfig>::uninit();
    // SAFETY: config is initialized by PyConfig_InitPythonConfig before use.
    unsafe {
        let c = config.as_mut_ptr();
        PyConfig_InitPythonConfig(c);
        let mut st = set_argv(c);
        if PyStatus_Exception(st) == 0 {
            st = Py_InitializeFromConfig(c);
        }
        PyConfig_Clear(c);
        if PyStatus_Exception(st) != 0 {
            Py_ExitStatusException(st);
        }
    }
    Py_RunMain()
}
