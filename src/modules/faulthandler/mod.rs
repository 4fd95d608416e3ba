//! The `faulthandler` module (`Modules/faulthandler.c`): on a fatal
//! signal (SIGSEGV, SIGFPE, SIGABRT, SIGBUS, SIGILL) write the Python
//! traceback of every thread to a file descriptor from the signal handler
//! ([`dump`], no allocation), then let the signal kill the process as it
//! would have; dump tracebacks on demand, after a timeout (a watchdog
//! thread, [`watchdog`]) or on a user signal. `-X faulthandler` and
//! `PYTHONFAULTHANDLER` enable it at startup.
mod dump;
mod watchdog;

use crate::ffi::*;
use crate::modules::args::{arity, bind, builtin, no_kwargs};
use crate::object::descr::{method, METHOD_END};
use crate::object::refcount::xdecref;
use crate::object::{bool as pybool, int, none, protocol, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::signals::NSIG;
use crate::Owned;
use libc::{c_int, c_void};
use std::ptr::null_mut;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::Mutex;

/// The fatal signals and the names written for them, in CPython's order.
const FATAL_SIGNALS: [(c_int, &[u8]); 5] = [
    (libc::SIGBUS, b"Bus error"),
    (libc::SIGILL, b"Illegal instruction"),
    (libc::SIGFPE, b"Floating-point exception"),
    (libc::SIGABRT, b"Aborted"),
    (libc::SIGSEGV, b"Segmentation fault"),
];

/// Whether the fatal-signal handlers are installed.
static FATAL_ENABLED: AtomicBool = AtomicBool::new(false);
/// Where the fatal handler writes.
static FATAL_FD: AtomicI32 = AtomicI32::new(2);
/// Whether the fatal handler shows every thread.
static FATAL_ALL_THREADS: AtomicBool = AtomicBool::new(true);
/// Set while a traceback is being written from a handler, so a fault in
/// the dump does not dump again.
static DUMPING: AtomicBool = AtomicBool::new(false);

/// The handlers the fatal-signal handlers replaced, restored by
/// `disable()` and before a caught signal is raised again.
static mut PREVIOUS: [std::mem::MaybeUninit<libc::sigaction>; 5] =
    [const { std::mem::MaybeUninit::uninit() }; 5];

/// Where the action replaced for fatal signal `i` (an index into
/// [`FATAL_SIGNALS`]) is kept.
fn previous_slot(i: usize) -> *mut libc::sigaction {
    debug_assert!(i < FATAL_SIGNALS.len());
    // SAFETY: i is in bounds; MaybeUninit<T> has the layout of T.
    unsafe { (&raw mut PREVIOUS).cast::<libc::sigaction>().add(i) }
}

/// Objects the module keeps alive while a handler may write to their
/// descriptor: the `enable()` file, one per registered signal, and the
/// watchdog's (strong references as addresses; 0 for none).
struct Files {
    fatal: usize,
    user: [usize; NSIG],
}

static FILES: Mutex<Files> = Mutex::new(Files {
    fatal: 0,
    user: [0; NSIG],
});

fn files() -> std::sync::MutexGuard<'static, Files> {
    FILES.lock().unwrap_or_else(|e| e.into_inner())
}

/// Replaces a kept file reference, releasing the old one.
fn keep(slot: &mut usize, file: Option<Owned>) {
    let old = std::mem::replace(slot, file.map_or(0, |f| f.into_raw() as usize));
    // SAFETY: a non-zero slot is a strong reference.
    unsafe { xdecref(old as *mut PyObject) };
}

/// A registered user signal (`register()`).
struct UserSignal {
    enabled: AtomicBool,
    fd: AtomicI32,
    all_threads: AtomicBool,
    chain: AtomicBool,
}

static USER: [UserSignal; NSIG] = [const {
    UserSignal {
        enabled: AtomicBool::new(false),
        fd: AtomicI32::new(2),
        all_threads: AtomicBool::new(true),
        chain: AtomicBool::new(false),
    }
}; NSIG];

/// The handlers `register()` replaced, per signal.
static mut USER_PREVIOUS: [std::mem::MaybeUninit<libc::sigaction>; NSIG] =
    [const { std::mem::MaybeUninit::uninit() }; NSIG];

/// Where the action `register()` replaced for `signum` is kept.
fn user_previous_slot(signum: usize) -> *mut libc::sigaction {
    debug_assert!(signum < NSIG);
    // SAFETY: signum is in bounds; MaybeUninit<T> has the layout of T.
    unsafe {
        (&raw mut USER_PREVIOUS)
            .cast::<libc::sigaction>()
            .add(signum)
    }
}

/// The descriptor a `file` argument names (`faulthandler_get_fileno`): an
/// int, or an object's `fileno()` (after its `flush()`); None or absent
/// means `sys.stderr`. Also returns the object to keep alive.
fn file_descriptor(file: Option<*mut PyObject>) -> PyResult<(c_int, Option<Owned>)> {
    // SAFETY: the argument is a live object; sys.stderr is looked up.
    unsafe {
        let file = match file {
            Some(f) if f != none::none() => Owned::from_borrowed(f),
            _ => {
                let f = crate::modules::sys::get("stderr");
                if f.is_null() {
                    return Err(errors::runtime_error("unable to get sys.stderr"));
                }
                if f == none::none() {
                    return Err(errors::runtime_error("sys.stderr is None"));
                }
                Owned::from_borrowed(f)
            }
        };
        if int::check(file.as_ptr()) {
            if (*file.as_ptr()).ob_type == &raw mut pybool::PyBool_Type {
                let m = pystr::from_str("bool is used as a file descriptor")?;
                crate::modules::_warnings::warn(
                    crate::object::exceptions::PyExc_RuntimeWarning,
                    m.as_ptr(),
                    1,
                    null_mut(),
                    null_mut(),
                )?;
            }
            let fd = int::as_i64(file.as_ptr())?;
            if fd < 0 || fd > c_int::MAX as i64 {
                return Err(errors::value_error("file is not a valid file descriptor"));
            }
            return Ok((fd as c_int, None));
        }
        let r = protocol::call_method_obj(file.as_ptr(), "fileno", &[])?;
        let fd = if int::check(r.as_ptr()) {
            int::as_i64(r.as_ptr()).unwrap_or_else(|_| {
                errors::clear();
                -1
            })
        } else {
            -1
        };
        if fd < 0 || fd > c_int::MAX as i64 {
            return Err(errors::runtime_error(
                "file.fileno() is not a valid file descriptor",
            ));
        }
        if protocol::call_method_obj(file.as_ptr(), "flush", &[]).is_err() {
            errors::clear();
        }
        Ok((fd as c_int, Some(file)))
    }
}

/// The thread state of the calling thread (its attached one, else its
/// `PyGILState` one), NULL when it has none.
fn this_thread_state() -> *mut crate::runtime::tstate::PyThreadState {
    let ts = crate::runtime::tstate::current();
    if ts.is_null() {
        crate::runtime::tstate::gilstate()
    } else {
        ts
    }
}

/// The traceback a handler writes (`faulthandler_dump_traceback`): every
/// thread, or the calling thread's frames; never twice at once.
fn dump_from_handler(fd: c_int, all_threads: bool) {
    if DUMPING.swap(true, Ordering::Acquire) {
        return;
    }
    let ts = this_thread_state();
    // SAFETY: ts is NULL or this thread's live thread state.
    unsafe {
        if all_threads {
            let _ = dump::dump_threads(fd, ts);
        } else if !ts.is_null() {
            dump::dump_traceback(fd, ts, true);
        }
    }
    DUMPING.store(false, Ordering::Release);
}

/// The handler of the fatal signals: restores the previous handler,
/// writes `Fatal Python error: NAME` and the traceback, and raises the
/// signal again so that it has its usual effect (ending the process).
extern "C" fn fatal_handler(signum: c_int) {
    let Some(i) = FATAL_SIGNALS.iter().position(|&(s, _)| s == signum) else {
        return;
    };
    if !FATAL_ENABLED.load(Ordering::Acquire) {
        return;
    }
    let saved = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
    // SAFETY: PREVIOUS[i] was filled when the handler was installed.
    unsafe { libc::sigaction(signum, previous_slot(i), null_mut()) };
    let fd = FATAL_FD.load(Ordering::Relaxed);
    dump::puts(fd, b"Fatal Python error: ");
    dump::puts(fd, FATAL_SIGNALS[i].1);
    dump::puts(fd, b"\n\n");
    dump_from_handler(fd, FATAL_ALL_THREADS.load(Ordering::Relaxed));
    // SAFETY: the thread state is NULL or this thread's.
    unsafe { dump::dump_extension_modules(fd, this_thread_state()) };
    // SAFETY: errno is this thread's; raise delivers to this thread.
    unsafe {
        *libc::__errno_location() = saved;
        libc::raise(signum);
        // The previous handler returned (Rust's own SIGSEGV handler does,
        // after resetting the action): a signal the program raised itself
        // would not come again, so the default action ends the process.
        libc::signal(signum, libc::SIG_DFL);
        libc::raise(signum);
    }
}

/// The report of a fatal error after its header (CPython's
/// `_Py_FatalError_DumpTracebacks` and `_Py_DumpExtensionModules`): a blank
/// line and every thread's traceback, the thread state `ts` marked as the
/// current one, unless `traceback` is false; then the extension modules.
/// The fatal-signal handlers are restored, so that the `abort()` that
/// follows does not report again (`_PyFaulthandler_Fini`).
///
/// # Safety
/// `ts` is NULL or the calling thread's live thread state.
pub unsafe fn fatal_error_report(
    fd: c_int,
    ts: *mut crate::runtime::tstate::PyThreadState,
    traceback: bool,
) {
    // SAFETY: per the contract.
    unsafe {
        if traceback {
            dump::puts(fd, b"\n");
            if let Err(e) = dump::dump_threads(fd, ts) {
                dump::puts(fd, e.as_bytes());
                dump::puts(fd, b"\n");
            }
        }
        dump::dump_extension_modules(fd, ts);
    }
    restore_fatal_handlers();
}

/// The handler of `register()`ed signals: writes the traceback, then with
/// `chain` runs the previous handler too.
extern "C" fn user_handler(signum: c_int) {
    let Some(u) = USER.get(signum as usize) else {
        return;
    };
    if !u.enabled.load(Ordering::Acquire) {
        return;
    }
    let saved = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
    dump_from_handler(
        u.fd.load(Ordering::Relaxed),
        u.all_threads.load(Ordering::Relaxed),
    );
    if u.chain.load(Ordering::Relaxed) {
        // SAFETY: the previous action was saved by register(); ours is
        // put back once the previous one ran.
        unsafe {
            let mut ours: libc::sigaction = std::mem::zeroed();
            libc::sigaction(signum, user_previous_slot(signum as usize), &mut ours);
            libc::raise(signum);
            libc::sigaction(signum, &ours, null_mut());
        }
    }
    // SAFETY: errno is this thread's.
    unsafe { *libc::__errno_location() = saved };
}

/// An alternate signal stack for the calling thread, so that a stack
/// overflow can still be reported (installed once; kept for the process).
fn ensure_alt_stack() {
    static DONE: AtomicBool = AtomicBool::new(false);
    if DONE.swap(true, Ordering::AcqRel) {
        return;
    }
    let size = (libc::SIGSTKSZ * 2).max(64 * 1024);
    let stack = Box::leak(vec![0u8; size].into_boxed_slice());
    let ss = libc::stack_t {
        ss_sp: stack.as_mut_ptr().cast(),
        ss_flags: 0,
        ss_size: size,
    };
    // SAFETY: ss describes a buffer that lives for the process.
    unsafe { libc::sigaltstack(&ss, null_mut()) };
}

/// Installs `handler` for `signum` with `flags`, saving the old action in
/// `previous`. Returns false when sigaction fails (errno set).
///
/// # Safety
/// `previous` is writable.
unsafe fn install(
    signum: c_int,
    handler: extern "C" fn(c_int),
    flags: c_int,
    previous: *mut libc::sigaction,
) -> bool {
    // SAFETY: a zeroed sigaction with an empty mask is valid.
    unsafe {
        let mut act: libc::sigaction = std::mem::zeroed();
        act.sa_sigaction = handler as usize;
        libc::sigemptyset(&mut act.sa_mask);
        act.sa_flags = flags | libc::SA_ONSTACK;
        libc::sigaction(signum, &act, previous) == 0
    }
}

/// Installs the fatal-signal handlers if they are not (`enable()`'s core).
fn enable_fatal() -> PyResult<()> {
    if FATAL_ENABLED.load(Ordering::Acquire) {
        return Ok(());
    }
    ensure_alt_stack();
    for (i, &(signum, _)) in FATAL_SIGNALS.iter().enumerate() {
        // SAFETY: PREVIOUS[i] is written only here, with the GIL held.
        let ok = unsafe { install(signum, fatal_handler, libc::SA_NODEFER, previous_slot(i)) };
        if !ok {
            // SAFETY: the class is static.
            return Err(unsafe {
                errors::set_from_errno(
                    crate::object::exceptions::PyExc_RuntimeError,
                    errors::last_errno(),
                    null_mut(),
                    null_mut(),
                )
            });
        }
    }
    FATAL_ENABLED.store(true, Ordering::Release);
    Ok(())
}

/// Restores the handlers the fatal-signal handlers replaced, touching no
/// object (safe without the GIL, on the way to `abort()`). Returns whether
/// they were installed.
pub fn restore_fatal_handlers() -> bool {
    if !FATAL_ENABLED.swap(false, Ordering::AcqRel) {
        return false;
    }
    for (i, &(signum, _)) in FATAL_SIGNALS.iter().enumerate() {
        // SAFETY: PREVIOUS[i] was filled by enable_fatal.
        unsafe { libc::sigaction(signum, previous_slot(i), null_mut()) };
    }
    true
}

/// [`restore_fatal_handlers`], and the file written to is let go.
fn disable_fatal() -> bool {
    if !restore_fatal_handlers() {
        return false;
    }
    keep(&mut files().fatal, None);
    true
}

/// Removes a `register()`ed handler; returns whether there was one.
fn unregister_signal(signum: usize) -> bool {
    if !USER[signum].enabled.swap(false, Ordering::AcqRel) {
        return false;
    }
    // SAFETY: USER_PREVIOUS[signum] was filled by register().
    unsafe { libc::sigaction(signum as c_int, user_previous_slot(signum), null_mut()) };
    keep(&mut files().user[signum], None);
    true
}

/// Undoes everything at finalization (`_PyFaulthandler_Fini`): the
/// watchdog stops, registered signals and the fatal handlers are
/// restored, kept files released.
pub fn finalize() {
    watchdog::cancel();
    for signum in 1..NSIG {
        unregister_signal(signum);
    }
    disable_fatal();
}

/// `-X faulthandler` / `PYTHONFAULTHANDLER` at startup: `enable()` on
/// `sys.stderr` for every thread.
pub fn enable_at_startup() -> PyResult<()> {
    let (fd, file) = file_descriptor(None)?;
    FATAL_FD.store(fd, Ordering::Relaxed);
    FATAL_ALL_THREADS.store(true, Ordering::Relaxed);
    keep(&mut files().fatal, file);
    enable_fatal()
}

/// A boolean argument (`all_threads=`, `chain=` ...), `default` when absent.
fn flag(v: Option<*mut PyObject>, default: bool) -> PyResult<bool> {
    // SAFETY: v is a live object.
    v.map_or(Ok(default), |v| unsafe { protocol::is_true(v) })
}

/// A signal number argument in `1..NSIG`.
fn signal_number(v: *mut PyObject) -> PyResult<usize> {
    // SAFETY: v is a live object.
    let n = unsafe { int::as_i64(v)? };
    if n < 1 || n >= NSIG as i64 {
        return Err(errors::value_error("signal number out of range"));
    }
    Ok(n as usize)
}

fn py_bool(b: bool) -> PyResult<Owned> {
    Ok(Owned::from_borrowed_static(pybool::from_bool(b)))
}

builtin!(enable, |args, kws| {
    let [file, all_threads] = bind("enable", args, &kws, ["file", "all_threads"], 2, 0)?;
    let (fd, file) = file_descriptor(file)?;
    let all = flag(all_threads, true)?;
    FATAL_FD.store(fd, Ordering::Relaxed);
    FATAL_ALL_THREADS.store(all, Ordering::Relaxed);
    keep(&mut files().fatal, file);
    enable_fatal()?;
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(disable, |args, kws| {
    no_kwargs("disable", &kws)?;
    arity("disable", args, 0, 0)?;
    py_bool(disable_fatal())
});

builtin!(is_enabled, |args, kws| {
    no_kwargs("is_enabled", &kws)?;
    arity("is_enabled", args, 0, 0)?;
    py_bool(FATAL_ENABLED.load(Ordering::Acquire))
});

builtin!(dump_traceback, |args, kws| {
    let [file, all_threads] = bind("dump_traceback", args, &kws, ["file", "all_threads"], 2, 0)?;
    let (fd, _file) = file_descriptor(file)?;
    let ts = crate::runtime::tstate::current();
    if flag(all_threads, true)? {
        // SAFETY: ts is this thread's live thread state.
        if let Err(msg) = unsafe { dump::dump_threads(fd, ts) } {
            return Err(errors::runtime_error(msg));
        }
    } else {
        // SAFETY: as above.
        unsafe { dump::dump_traceback(fd, ts, true) };
    }
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(dump_traceback_later, |args, kws| {
    let [timeout, repeat, file, exit] = bind(
        "dump_traceback_later",
        args,
        &kws,
        ["timeout", "repeat", "file", "exit"],
        4,
        1,
    )?;
    // SAFETY: the timeout argument is a live object (required).
    let seconds = unsafe { crate::object::float::as_f64(timeout.unwrap_or(null_mut()))? };
    let micros = (seconds * 1e6).ceil();
    if micros <= 0.0 || micros.is_nan() {
        return Err(errors::value_error("timeout must be greater than 0"));
    }
    if micros >= i64::MAX as f64 {
        return Err(errors::overflow_error("timeout value is too large"));
    }
    let (fd, file) = file_descriptor(file)?;
    watchdog::arm(
        micros as u64,
        flag(repeat, false)?,
        fd,
        flag(exit, false)?,
        file,
    )?;
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(cancel_dump_traceback_later, |args, kws| {
    no_kwargs("cancel_dump_traceback_later", &kws)?;
    arity("cancel_dump_traceback_later", args, 0, 0)?;
    watchdog::cancel();
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(register, |args, kws| {
    let [signum, file, all_threads, chain] = bind(
        "register",
        args,
        &kws,
        ["signum", "file", "all_threads", "chain"],
        4,
        1,
    )?;
    let signum = signal_number(signum.unwrap_or(null_mut()))?;
    if FATAL_SIGNALS.iter().any(|&(s, _)| s as usize == signum) {
        return Err(errors::runtime_error(format!(
            "signal {signum} cannot be registered, use enable() instead"
        )));
    }
    let (fd, file) = file_descriptor(file)?;
    let chain = flag(chain, false)?;
    let u = &USER[signum];
    u.fd.store(fd, Ordering::Relaxed);
    u.all_threads
        .store(flag(all_threads, true)?, Ordering::Relaxed);
    u.chain.store(chain, Ordering::Relaxed);
    keep(&mut files().user[signum], file);
    if !u.enabled.load(Ordering::Acquire) {
        ensure_alt_stack();
        let flags = if chain {
            libc::SA_NODEFER
        } else {
            libc::SA_RESTART
        };
        // SAFETY: USER_PREVIOUS[signum] is written with the GIL held.
        let ok = unsafe {
            install(
                signum as c_int,
                user_handler,
                flags,
                user_previous_slot(signum),
            )
        };
        if !ok {
            keep(&mut files().user[signum], None);
            // SAFETY: the class is static.
            return Err(unsafe {
                errors::set_from_errno(
                    crate::object::exceptions::PyExc_OSError,
                    errors::last_errno(),
                    null_mut(),
                    null_mut(),
                )
            });
        }
        u.enabled.store(true, Ordering::Release);
    }
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(unregister, |args, kws| {
    no_kwargs("unregister", &kws)?;
    arity("unregister", args, 1, 1)?;
    py_bool(unregister_signal(signal_number(args[0])?))
});

/// Stops core dumps for the crashes the test helpers cause
/// (`faulthandler_suppress_crash_report`).
fn suppress_crash_report() {
    let rl = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: rl is a valid limit; lowering RLIMIT_CORE is always allowed.
    unsafe {
        let mut old: libc::rlimit = std::mem::zeroed();
        if libc::getrlimit(libc::RLIMIT_CORE, &mut old) == 0 {
            libc::setrlimit(
                libc::RLIMIT_CORE,
                &libc::rlimit {
                    rlim_cur: 0,
                    rlim_max: old.rlim_max,
                },
            );
        } else {
            libc::setrlimit(libc::RLIMIT_CORE, &rl);
        }
    }
}

/// The crash helpers CPython's tests use: raise the signal in this thread.
fn crash(signum: c_int) -> PyResult<Owned> {
    suppress_crash_report();
    // SAFETY: raising a signal in the calling thread.
    unsafe { libc::raise(signum) };
    Ok(Owned::from_borrowed_static(none::none()))
}

builtin!(sigsegv, |args, kws| {
    let _ = bind("_sigsegv", args, &kws, ["release_gil"], 1, 0)?;
    crash(libc::SIGSEGV)
});

builtin!(sigabrt, |args, kws| {
    no_kwargs("_sigabrt", &kws)?;
    arity("_sigabrt", args, 0, 0)?;
    suppress_crash_report();
    // SAFETY: abort ends the process with SIGABRT.
    unsafe { libc::abort() }
});

builtin!(read_null, |args, kws| {
    no_kwargs("_read_null", &kws)?;
    arity("_read_null", args, 0, 0)?;
    suppress_crash_report();
    let null = std::hint::black_box(std::ptr::null::<c_int>());
    // SAFETY: none: reading address 0 is the point, it raises SIGSEGV (the
    // address is hidden from the optimizer so that the load is made).
    let v = unsafe { std::ptr::read_volatile(null) };
    int::from_i64(v.into())
});

// `_fatal_error_c_thread()`: a native thread with no thread state calls
// `Py_FatalError`, while this one waits for it (with the GIL released).
builtin!(fatal_error_c_thread, |args, kws| {
    no_kwargs("_fatal_error_c_thread", &kws)?;
    arity("_fatal_error_c_thread", args, 0, 0)?;
    suppress_crash_report();
    let t = std::thread::spawn(|| {
        crate::runtime::lifecycle::fatal_error_in(
            Some("faulthandler_fatal_error_thread"),
            "in new thread",
        )
    });
    let _ = crate::runtime::gil::allow_threads(move || t.join());
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(sigfpe, |args, kws| {
    no_kwargs("_sigfpe", &kws)?;
    arity("_sigfpe", args, 0, 0)?;
    crash(libc::SIGFPE)
});

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut METHODS: [PyMethodDef; 14] = [
    method(c"enable", enable as *const c_void, FK),
    method(c"disable", disable as *const c_void, FK),
    method(c"is_enabled", is_enabled as *const c_void, FK),
    method(c"dump_traceback", dump_traceback as *const c_void, FK),
    method(
        c"dump_traceback_later",
        dump_traceback_later as *const c_void,
        FK,
    ),
    method(
        c"cancel_dump_traceback_later",
        cancel_dump_traceback_later as *const c_void,
        FK,
    ),
    method(c"register", register as *const c_void, FK),
    method(c"unregister", unregister as *const c_void, FK),
    method(c"_sigsegv", sigsegv as *const c_void, FK),
    method(c"_sigabrt", sigabrt as *const c_void, FK),
    method(c"_sigfpe", sigfpe as *const c_void, FK),
    method(c"_read_null", read_null as *const c_void, FK),
    method(
        c"_fatal_error_c_thread",
        fatal_error_c_thread as *const c_void,
        FK,
    ),
    METHOD_END,
];

static mut DEF: PyModuleDef = crate::modules::module_def::def(
    c"faulthandler",
    c"faulthandler module.",
    (&raw mut METHODS).cast(),
    std::ptr::null_mut(),
);

/// `PyInit_faulthandler`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    // SAFETY: DEF is a static module definition.
    unsafe { crate::capi::module::PyModuleDef_Init(&raw mut DEF) }
}
