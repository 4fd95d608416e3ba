//! The basic interactive loop of `Python/pythonrun.c`
//! (`PyRun_InteractiveLoopObject`, `PyRun_InteractiveOneObject`): lines
//! read from a C stream with the `sys.ps1`/`sys.ps2` prompts written to
//! stderr (`PyOS_StdioReadline`), gathered into one statement as the
//! tokenizer does in prompt mode ([`prompt_state`]), compiled in `single`
//! mode (expression statements go to `sys.displayhook`) and run in
//! `__main__`. Line numbers count from each statement's first line, and
//! the statement's text is registered with `linecache` under the file
//! name so that tracebacks show it.
use crate::object::{module, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::run;
use crate::Owned;
use ferrython_compiler::parse::interactive::{prompt_state, stray_statement_error, Prompt};
use ferrython_compiler::CompileMode;
use libc::FILE;
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};

extern "C" {
    /// The C library's standard input stream, which the `ferrython`
    /// command's prompt reads as CPython's does.
    #[link_name = "stdin"]
    static mut C_STDIN: *mut FILE;
}

/// The C standard input stream.
pub fn c_stdin() -> *mut FILE {
    // SAFETY: the C library initializes `stdin` before main.
    unsafe { C_STDIN }
}

/// How many statements the prompt has compiled (`_interactive_src_count`),
/// which numbers their code's file names.
static SOURCE_COUNT: AtomicUsize = AtomicUsize::new(0);

/// How reading one statement ended.
#[derive(Debug, PartialEq, Eq)]
pub enum One {
    /// A statement (possibly empty) was read and ran.
    Ran,
    /// End of input at the first prompt.
    Eof,
}

/// `str(sys.<name>)`, or "" when it is missing or its `str()` fails, as
/// the prompt of `PyRun_InteractiveOneObject` is chosen.
fn prompt_text(name: &str) -> String {
    let v = crate::modules::sys::get(name);
    if v.is_null() {
        return String::new();
    }
    // SAFETY: v is a live attribute of sys, held for the call.
    let text = unsafe {
        let v = Owned::from_borrowed(v);
        crate::object::protocol::str_(v.as_ptr())
            .and_then(|s| pystr::as_str(s.as_ptr()).map(str::to_string))
    };
    text.unwrap_or_else(|_| {
        errors::clear();
        String::new()
    })
}

/// Sets `sys.ps1` to `">>> "` and `sys.ps2` to `"... "` where they are
/// missing, as `PyRun_InteractiveLoopFlags` does before its first prompt.
pub fn ensure_prompts() {
    for (name, text) in [("ps1", ">>> "), ("ps2", "... ")] {
        if crate::modules::sys::get(name).is_null() {
            // SAFETY: s is a new string.
            let set = pystr::from_str(text)
                .and_then(|s| unsafe { crate::modules::sys::set(name, s.as_ptr()) });
            if set.is_err() {
                errors::clear();
            }
        }
    }
}

/// Writes `text` to the process's stderr (the prompts and the newline at
/// end of input go there unbuffered, as in `PyOS_StdioReadline`).
fn to_stderr(text: &str) {
    let mut e = std::io::stderr().lock();
    let _ = e.write_all(text.as_bytes());
    let _ = e.flush();
}

/// `PyOS_InputHook`: when set, called before each line the prompt reads
/// (so a GUI toolkit can process events while Python waits for input).
#[no_mangle]
pub static mut PyOS_InputHook: Option<unsafe extern "C" fn() -> libc::c_int> = None;

/// `PyOS_StdioReadline`: flushes the output streams, writes `prompt` to
/// stderr and reads one line of `fp` (with its newline, if any), calling
/// `PyOS_InputHook` first. At end
/// of input a newline goes to stderr and None is returned. A signal that
/// interrupts the read runs its handler; an exception it raises
/// (`KeyboardInterrupt`) is returned.
///
/// # Safety
/// `fp` is an open input stream.
unsafe fn read_line(fp: *mut FILE, prompt: &str) -> PyResult<Option<String>> {
    crate::modules::io::stdio::flush_std_streams();
    // SAFETY: NULL flushes every C output stream.
    unsafe { libc::fflush(std::ptr::null_mut()) };
    to_stderr(prompt);
    let mut buf: *mut libc::c_char = std::ptr::null_mut();
    let mut cap: libc::size_t = 0;
    loop {
        // SAFETY: the hook is NULL or a function the embedder installed.
        if let Some(hook) = unsafe { (&raw const PyOS_InputHook).read() } {
            // SAFETY: as above.
            unsafe { hook() };
        }
        // SAFETY: fp is open; getline allocates buf, which is freed below.
        let n = unsafe { libc::getline(&mut buf, &mut cap, fp) };
        if n >= 0 {
            // SAFETY: getline stored n bytes at buf.
            let bytes = unsafe { std::slice::from_raw_parts(buf.cast::<u8>(), n as usize) };
            let line = String::from_utf8_lossy(bytes).into_owned();
            // SAFETY: buf came from getline's malloc.
            unsafe { libc::free(buf.cast()) };
            return Ok(Some(line));
        }
        let interrupted = std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR);
        // SAFETY: fp is open; later reads (a terminal after ^D) go on.
        unsafe { libc::clearerr(fp) };
        if interrupted {
            if let Err(e) = errors::check_signals() {
                // SAFETY: buf is NULL or getline's allocation.
                unsafe { libc::free(buf.cast()) };
                return Err(e);
            }
            continue;
        }
        // SAFETY: buf is NULL or getline's allocation.
        unsafe { libc::free(buf.cast()) };
        to_stderr("\n");
        return Ok(None);
    }
}

/// Reads the lines of one statement from `fp`: None at end of input at
/// the first prompt, else the text and whether its last line is a stray
/// second statement ([`Prompt::Stray`]).
///
/// # Safety
/// `fp` is an open input stream.
unsafe fn read_statement(fp: *mut FILE) -> PyResult<Option<(String, bool)>> {
    let mut text = String::new();
    loop {
        let prompt = prompt_text(if text.is_empty() { "ps1" } else { "ps2" });
        // SAFETY: fp is open (caller).
        let Some(line) = (unsafe { read_line(fp, &prompt)? }) else {
            return Ok((!text.is_empty()).then_some((text, false)));
        };
        text.push_str(&line);
        // A last line without its newline waits for more (the end of
        // input).
        if !text.ends_with('\n') {
            continue;
        }
        match prompt_state(&text) {
            Prompt::More => {}
            Prompt::Complete => return Ok(Some((text, false))),
            Prompt::Stray => return Ok(Some((text, true))),
        }
    }
}

/// Registers `text` as the source of `filename` with `linecache`
/// (`linecache._register_code`, as `run_mod` of 3.13 does for the
/// prompt and `-c`), so that tracebacks show its lines. Failures are
/// dropped.
pub fn register_source(filename: &str, text: &str) {
    let r = (|| -> PyResult<()> {
        let lc = crate::runtime::import::import_absolute("linecache")?;
        let name = pystr::from_str(filename)?;
        let src = pystr::from_str(text)?;
        // SAFETY: lc is a module; the arguments are strings.
        unsafe {
            crate::object::protocol::call_method_obj(
                lc.as_ptr(),
                "_register_code",
                &[name.as_ptr(), src.as_ptr(), name.as_ptr()],
            )?;
        }
        Ok(())
    })();
    if r.is_err() {
        errors::clear();
    }
}

/// `PyRun_InteractiveOneObjectEx`: reads, compiles and runs one statement
/// of `fp` in `__main__`, with the `__future__` features of `flags`; the
/// features the statement imports are added to `flags`, so that the
/// statements after it have them too. Errors are left raised for the
/// caller to print.
///
/// # Safety
/// `fp` is an open input stream.
pub unsafe fn run_one(fp: *mut FILE, filename: &str, flags: &mut u32) -> PyResult<One> {
    // SAFETY: fp is open (caller).
    let Some((text, stray)) = (unsafe { read_statement(fp)? }) else {
        return Ok(One::Eof);
    };
    // A first line of blanks or a comment is an empty statement.
    if text.lines().next().is_none_or(|l| {
        let l = l.trim_start();
        l.is_empty() || l.starts_with('#')
    }) {
        SOURCE_COUNT.fetch_add(1, Ordering::Relaxed);
        return Ok(One::Ran);
    }
    let main = run::main_module()?;
    if stray {
        let lineno = text.split_inclusive('\n').count() as u32;
        return Err(run::raise_syntax_error(&stray_statement_error(
            &text, filename, lineno,
        )));
    }
    // Each statement's code gets a file name of its own, `NAME-N`, under
    // which its text is registered (CPython 3.13's `run_mod`).
    let n = SOURCE_COUNT.load(Ordering::Relaxed);
    let code_name = format!("{filename}-{n}");
    run::audit_compile(None, filename)?;
    let co = match ferrython_compiler::compile_source(
        &text,
        &code_name,
        CompileMode::Single,
        *flags & crate::capi::runfile::FUTURE_FLAGS,
        crate::runtime::config::optimization_level(),
    ) {
        Ok(c) => {
            *flags |= c.flags & crate::capi::runfile::FUTURE_FLAGS;
            crate::vm::code::from_compiled(&c)?
        }
        Err(mut e) => {
            e.filename = filename.to_string();
            return Err(run::raise_syntax_error(&e));
        }
    };
    SOURCE_COUNT.fetch_add(1, Ordering::Relaxed);
    register_source(&code_name, &text);
    crate::runtime::audit::audit(c"exec", &[co.as_ptr()])?;
    // SAFETY: main is a module, so d is its dict; co is a code object.
    unsafe {
        let d = module::dict_of(main.as_ptr());
        crate::runtime::run::eval_program(co.as_ptr(), d, d)?;
    }
    crate::modules::io::stdio::flush_std_streams();
    Ok(One::Ran)
}

/// `PyRun_InteractiveLoopObject`: creates the prompts when missing, then
/// runs statements from `fp` until end of input, printing each error
/// (with `sys.excepthook`, as `PyErr_Print` does; a `SystemExit` exits)
/// and going on; `__future__` imports carry over as [`run_one`] adds them
/// to `flags`. Returns 0, or -1 after too many `MemoryError`s in a row.
///
/// # Safety
/// `fp` is an open input stream.
pub unsafe fn run_loop(fp: *mut FILE, filename: &str, flags: &mut u32) -> i32 {
    ensure_prompts();
    let mut nomem = 0;
    loop {
        // SAFETY: fp is open (caller).
        match unsafe { run_one(fp, filename, flags) } {
            Ok(One::Eof) => return 0,
            Ok(One::Ran) => nomem = 0,
            Err(_) => {
                // SAFETY: MemoryError is a static type.
                if unsafe { errors::matches(crate::object::exceptions::PyExc_MemoryError) } {
                    nomem += 1;
                    if nomem > 16 {
                        errors::clear();
                        return -1;
                    }
                } else {
                    nomem = 0;
                }
                crate::capi::exceptions::PyErr_Print();
                crate::modules::io::stdio::flush_std_streams();
            }
        }
    }
}

/// Whether the program's standard input counts as interactive
/// (`stdin_is_interactive` of `Modules/main.c`): a terminal, or `-i`.
pub fn stdin_is_interactive(cfg: &crate::runtime::config::Config) -> bool {
    // SAFETY: isatty only inspects the descriptor.
    (unsafe { libc::isatty(0) } == 1) || cfg.interactive > 0
}

/// The banner on stderr (`pymain_header`): unless `-q`, when the prompt
/// will show without a program to run first, or always under `-v`.
pub fn print_banner(cfg: &crate::runtime::config::Config) {
    let runs_code =
        cfg.run_command.is_some() || cfg.run_module.is_some() || cfg.run_filename.is_some();
    if cfg.quiet > 0 || (cfg.verbose == 0 && (runs_code || !stdin_is_interactive(cfg))) {
        return;
    }
    let mut text = format!(
        "Python {} on {}\n",
        crate::modules::sys::VERSION_TEXT,
        std::env::consts::OS
    );
    if cfg.site_import {
        text.push_str(
            "Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.\n",
        );
    }
    to_stderr(&text);
}

/// Runs the file `PYTHONSTARTUP` names in `__main__` before the first
/// prompt (`pymain_run_startup`; not in isolated mode). A file that cannot
/// be opened is reported and the prompt comes anyway; errors in it are
/// printed (a `SystemExit` exits).
pub fn run_startup(cfg: &crate::runtime::config::Config) {
    if cfg.isolated || !cfg.use_environment {
        return;
    }
    let Some(path) = std::env::var_os("PYTHONSTARTUP").filter(|p| !p.is_empty()) else {
        return;
    };
    let path = path.to_string_lossy().into_owned();
    let r = (|| -> PyResult<()> {
        let name = pystr::from_str(&path)?;
        crate::runtime::audit::audit(c"cpython.run_startup", &[name.as_ptr()])?;
        match std::fs::read(&path) {
            Ok(src) => {
                let c = std::ffi::CString::new(path.as_str()).unwrap_or_default();
                // SAFETY: c is a C string naming the file whose text runs.
                unsafe {
                    crate::capi::runfile::run_simple_source(&src, c.as_ptr(), std::ptr::null_mut())
                };
                Ok(())
            }
            Err(e) => {
                to_stderr("Could not open PYTHONSTARTUP\n");
                // SAFETY: OSError is a static type; name a str.
                Err(unsafe {
                    errors::set_from_errno(
                        crate::object::exceptions::PyExc_OSError,
                        e.raw_os_error().unwrap_or(0),
                        name.as_ptr(),
                        std::ptr::null_mut(),
                    )
                })
            }
        }
    })();
    if r.is_err() {
        crate::capi::exceptions::PyErr_Print();
    }
}

/// Calls `sys.__interactivehook__` (which `site` sets) before the first
/// prompt, after raising `cpython.run_interactivehook` with it
/// (`pymain_run_interactive_hook`). A failure is reported and the prompt
/// comes anyway.
pub fn run_interactive_hook() {
    let hook = crate::modules::sys::get("__interactivehook__");
    if hook.is_null() {
        return;
    }
    // SAFETY: hook is a valid object borrowed from sys, kept alive here.
    let hook = unsafe { crate::Owned::from_borrowed(hook) };
    let r = crate::runtime::audit::audit(c"cpython.run_interactivehook", &[hook.as_ptr()])
        // SAFETY: hook is a valid object.
        .and_then(|()| unsafe { crate::object::protocol::call_args(hook.as_ptr(), &[]) });
    if r.is_err() {
        to_stderr("Failed calling sys.__interactivehook__\n");
        crate::capi::exceptions::PyErr_Print();
    }
}
