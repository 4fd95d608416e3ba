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

/// The usage line for a bad command line.
const USAGE: &str = "usage: ferrython [option] ... [-c cmd | file | -] [arg] ...";

/// Runs the command line `args` (without the program name); returns the
/// exit status.
fn main_with_args(args: &[String]) -> i32 {
    let mut command = None;
    let mut file = None;
    match args.first().map(String::as_str) {
        Some("-V" | "--version") => {
            println!("Python 3.14.0");
            return 0;
        }
        Some("-c") => {
            let Some(c) = args.get(1) else {
                eprintln!("Argument expected for the -c option\n{USAGE}\nTry `ferrython -h' for more information.");
                return 2;
            };
            command = Some(c.clone());
        }
        Some("-") | None => {}
        Some(s) if s.starts_with('-') => {
            eprintln!("Unknown option: {s}\n{USAGE}\nTry `ferrython -h' for more information.");
            return 2;
        }
        Some(s) => file = Some(s.to_string()),
    }
    crate::runtime::lifecycle::initialize();
    let (command_given, file_given) = (command.is_some(), file.is_some());
    let (source, name, is_file, dir) = if let Some(c) = command {
        (c, "<string>".to_string(), false, String::new())
    } else {
        let path = file.unwrap_or_else(|| "-".into());
        let text = if path == "-" {
            let mut s = String::new();
            use std::io::Read;
            if std::io::stdin().read_to_string(&mut s).is_err() {
                eprintln!("ferrython: cannot read the program from standard input");
                return 2;
            }
            s
        } else {
            match std::fs::read_to_string(&path) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!(
                        "ferrython: can't open file '{}': [Errno {}] {}",
                        std::path::absolute(&path)
                            .unwrap_or_else(|_| path.clone().into())
                            .display(),
                        e.raw_os_error().unwrap_or(0),
                        std::io::Error::from_raw_os_error(e.raw_os_error().unwrap_or(0))
                            .to_string()
                            .split(" (os error")
                            .next()
                            .unwrap_or("")
                    );
                    return 2;
                }
            }
        };
        let dir = std::path::Path::new(&path)
            .parent()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = if path == "-" {
            "<stdin>".to_string()
        } else {
            path.clone()
        };
        (text, name, path != "-", dir)
    };
    // SAFETY: the runtime is initialized on this thread.
    unsafe {
        let interp = &mut *crate::runtime::tstate::get().interp;
        interp
            .path
            .insert(0, if dir.is_empty() { ".".into() } else { dir });
        interp.argv = match (&command_given, &file_given) {
            (true, _) => std::iter::once("-c".to_string())
                .chain(args.iter().skip(2).cloned())
                .collect(),
            (false, true) => args.to_vec(),
            (false, false) => std::iter::once(String::new())
                .chain(args.iter().skip(1).cloned())
                .collect(),
        };
    }
    let status = match run::run_main(&source, &name, is_file) {
        Ok(()) => 0,
        Err(_) => run::handle_uncaught(),
    };
    use std::io::Write;
    let _ = std::io::stdout().flush();
    crate::runtime::lifecycle::finalize();
    status
}

/// `Py_BytesMain`: the `ferrython` command (`-c CMD`, `FILE`, `-` or
/// standard input, `-V`). The remaining `python3` options arrive with the
/// configuration work.
#[no_mangle]
pub unsafe extern "C" fn Py_BytesMain(argc: c_int, argv: *mut *mut c_char) -> c_int {
    let args: Vec<String> = (1..argc.max(0) as usize)
        // SAFETY: argv holds argc C strings.
        .map(|i| {
            unsafe { CStr::from_ptr(*argv.add(i)) }
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    guard(|| main_with_args(&args))
}
