//! The Very High Level Layer chapter: `PyRun_*`, `Py_CompileString*`,
//! `PyEval_EvalCode`, `PyEval_EvalCodeEx`, `PyEval_EvalFrame*`, and `Py_BytesMain`/`Py_Main`, the `ferrython`
//! command.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::dict;
use crate::runtime::errors;
use crate::vm::frame::PyFrameObject;
use crate::PyResult;
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

/// The UTF-8 text of C string `p`.
pub(crate) unsafe fn text<'a>(p: *const c_char) -> crate::PyResult<&'a str> {
    // SAFETY: p is a C string.
    unsafe { CStr::from_ptr(p) }
        .to_str()
        .map_err(|_| errors::unicode_error("source is not valid UTF-8"))
}

/// `Py_CompileString`: `Py_CompileStringExFlags` without flags, at the
/// interpreter's optimization level.
#[no_mangle]
pub unsafe extern "C" fn Py_CompileString(
    source: *const c_char,
    filename: *const c_char,
    start: c_int,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe {
        crate::capi::runfile::Py_CompileStringExFlags(
            source,
            filename,
            start,
            std::ptr::null_mut(),
            -1,
        )
    }
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

/// The `n` pointers at `p` (NULL when `n` is 0), or a `SystemError` for a
/// negative count or missing array.
unsafe fn array<'a>(
    p: *const *mut PyObject,
    n: c_int,
    what: &str,
) -> PyResult<&'a [*mut PyObject]> {
    if n == 0 {
        return Ok(&[]);
    }
    if n < 0 || p.is_null() {
        return Err(errors::system_error(format!(
            "PyEval_EvalCodeEx: bad {what} array"
        )));
    }
    // SAFETY: the caller passes n readable pointers at p.
    Ok(unsafe { std::slice::from_raw_parts(p, n as usize) })
}

/// `PyEval_EvalCodeEx`: runs code object `co` as the body of a function
/// with positional `args`, `kwcount` keyword (name, value) pairs in
/// `kws`, positional `defs`, keyword-only defaults `kwdefs` and the cells
/// of `closure`; `locals` (default `globals`) serves code that is not a
/// function body.
#[no_mangle]
pub unsafe extern "C" fn PyEval_EvalCodeEx(
    co: *mut PyObject,
    globals: *mut PyObject,
    locals: *mut PyObject,
    args: *const *mut PyObject,
    argcount: c_int,
    kws: *const *mut PyObject,
    kwcount: c_int,
    defs: *const *mut PyObject,
    defcount: c_int,
    kwdefs: *mut PyObject,
    closure: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(co, globals);
    guard_obj(|| {
        // SAFETY: the arrays hold the counts given; the objects are
        // checked before use.
        unsafe {
            if !crate::vm::code::check(co) {
                return Err(errors::bad_internal_call());
            }
            if !dict::check(globals) {
                return Err(errors::system_error("globals must be a dict"));
            }
            if !kwdefs.is_null() && !dict::check(kwdefs) {
                return Err(errors::system_error("kwdefs must be a dict"));
            }
            if !closure.is_null() && !crate::object::tuple::check(closure) {
                return Err(errors::system_error("closure must be a tuple"));
            }
            let args = array(args, argcount, "args")?;
            let kws = array(kws, kwcount.saturating_mul(2), "kws")?;
            let defs = array(defs, defcount, "defs")?;
            let defaults = if defs.is_empty() {
                None
            } else {
                Some(crate::object::tuple::from_slice(defs)?)
            };
            crate::vm::call::eval_code_ex(
                co,
                globals,
                locals,
                args,
                kws,
                crate::vm::call::FunctionParts {
                    defaults: defaults
                        .as_ref()
                        .map_or(std::ptr::null_mut(), crate::Owned::as_ptr),
                    kwdefaults: kwdefs,
                    closure,
                },
            )
        }
    })
}

/// `PyEval_EvalFrame`: `PyEval_EvalFrameEx(f, 0)`.
#[no_mangle]
pub unsafe extern "C" fn PyEval_EvalFrame(f: *mut PyFrameObject) -> *mut PyObject {
    // SAFETY: as PyEval_EvalFrameEx.
    unsafe { PyEval_EvalFrameEx(f, 0) }
}

/// `PyEval_EvalFrameEx`: runs a frame that has not started yet (with the
/// raised exception thrown into it when `exc` is nonzero). Frames that are
/// running, finished, or belong to a generator or coroutine (every frame
/// C code can reach) raise `SystemError` rather than being run twice.
#[no_mangle]
pub unsafe extern "C" fn PyEval_EvalFrameEx(f: *mut PyFrameObject, exc: c_int) -> *mut PyObject {
    use ferrython_compiler::bytecode::co_flags;
    crate::null_check!(f);
    guard_obj(|| {
        // SAFETY: f is a live frame.
        unsafe {
            let fo = &*f;
            let resumable = co_flags::GENERATOR | co_flags::COROUTINE | co_flags::ASYNC_GENERATOR;
            if fo.executing != 0 {
                return Err(errors::system_error(
                    "PyEval_EvalFrame: the frame is running",
                ));
            }
            if fo.lasti() >= 0 {
                return Err(errors::system_error(
                    "PyEval_EvalFrame: the frame has already run",
                ));
            }
            if crate::vm::code::data(fo.code).flags & resumable != 0 {
                return Err(errors::system_error(
                    "PyEval_EvalFrame: the frame belongs to a generator or coroutine",
                ));
            }
            if exc == 0 {
                return crate::vm::eval::run_frame(f.cast());
            }
            if errors::occurred().is_null() {
                return Err(errors::system_error(
                    "PyEval_EvalFrameEx: no exception to throw",
                ));
            }
            match crate::vm::eval::resume(f.cast(), true)? {
                crate::vm::eval::Exit::Return(v) => Ok(v),
                crate::vm::eval::Exit::Yield(_) => Err(errors::system_error(
                    "yield from a frame that is not a generator's",
                )),
            }
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
    // SAFETY: forwarded.
    unsafe {
        crate::capi::runfile::PyRun_StringFlags(
            source,
            start,
            globals,
            locals,
            std::ptr::null_mut(),
        )
    }
}

/// `PyRun_SimpleString`: runs `source` in `__main__`; on error prints the
/// traceback and returns -1.
#[no_mangle]
pub unsafe extern "C" fn PyRun_SimpleString(source: *const c_char) -> c_int {
    // SAFETY: forwarded.
    unsafe { crate::capi::runfile::PyRun_SimpleStringFlags(source, std::ptr::null_mut()) }
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
