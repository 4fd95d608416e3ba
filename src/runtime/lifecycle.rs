//! Initialization and finalization of the runtime (`Python/pylifecycle.c`):
//! the builtin types are readied, one interpreter and its main thread state
//! are created; finalization releases them.
use crate::ffi::*;
use crate::object;
use crate::runtime::config::ConfigError;
use crate::runtime::tstate::{self, PyInterpreterState, PyThreadState};
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU64, Ordering};

static INITIALIZED: AtomicBool = AtomicBool::new(false);
static FINALIZING: AtomicBool = AtomicBool::new(false);
/// `get_ident()` of the thread running `Py_FinalizeEx`, 0 when none.
static FINALIZER: AtomicU64 = AtomicU64::new(0);
/// Incremented by every finalization: thread states carry the generation
/// they were made in, and one from an earlier generation never runs again.
static GENERATION: AtomicU64 = AtomicU64::new(0);

/// The main interpreter, NULL when the runtime is not initialized.
static MAIN_INTERP: AtomicPtr<PyInterpreterState> = AtomicPtr::new(std::ptr::null_mut());

/// `PyInterpreterState_Main`.
pub fn main_interpreter() -> *mut PyInterpreterState {
    MAIN_INTERP.load(Ordering::Acquire)
}

/// Frees the calling thread's object caches (free lists): done at
/// finalization and when a thread's thread state goes away, since a
/// thread's caches die with it.
pub fn clear_thread_caches() {
    crate::vm::frame::clear_freelist();
    object::tuple::clear_freelist();
    object::list::clear_freelist();
    object::slice::clear_freelist();
    object::float::clear_freelist();
    object::int::clear_freelist();
    object::dict::clear_freelist();
    object::dictkeys::clear_freelist();
}

/// The current runtime generation.
pub fn generation() -> u64 {
    GENERATION.load(Ordering::Acquire)
}

/// Whether a thread that just took the GIL with `ts` must give it back and
/// hang: `ts` belongs to a finalized runtime, or finalization is under way
/// in another thread.
///
/// # Safety
/// `ts` is NULL or a thread state (never freed while its thread lives).
pub unsafe fn must_hang(ts: *mut PyThreadState) -> bool {
    if ts.is_null() {
        return false;
    }
    // SAFETY: thread states of other threads are never freed by
    // finalization (see `finalize`), so ts is live.
    let (generation, ident) = unsafe { ((*ts).generation, (*ts).thread_id) };
    let finalizer = FINALIZER.load(Ordering::Acquire);
    generation != GENERATION.load(Ordering::Acquire) || (finalizer != 0 && finalizer != ident)
}

/// Every static type of the core, bases first.
fn static_types() -> Vec<*mut PyTypeObject> {
    use crate::object::{
        bool, bytes, descr, dict, exceptions, float, funcobject, int, iterobject, methodobject,
        module, none, str, tuple, typeobj,
    };
    let mut v: Vec<*mut PyTypeObject> = vec![
        &raw mut crate::object::object::PyBaseObject_Type,
        &raw mut typeobj::PyType_Type,
        &raw mut str::PyUnicode_Type,
        &raw mut dict::PyDict_Type,
        &raw mut tuple::PyTuple_Type,
        &raw mut int::PyLong_Type,
        &raw mut bool::PyBool_Type,
        &raw mut float::PyFloat_Type,
        &raw mut crate::object::complex::PyComplex_Type,
        &raw mut bytes::PyBytes_Type,
        &raw mut none::_PyNone_Type,
        &raw mut none::_PyNotImplemented_Type,
        &raw mut none::PyEllipsis_Type,
        &raw mut methodobject::PyCFunction_Type,
        &raw mut methodobject::PyCMethod_Type,
        &raw mut descr::PyMethodDescr_Type,
        &raw mut descr::PyClassMethodDescr_Type,
        &raw mut descr::PyMemberDescr_Type,
        &raw mut descr::PyGetSetDescr_Type,
        &raw mut funcobject::PyStaticMethod_Type,
        &raw mut module::PyModule_Type,
        &raw mut module::PyModuleDef_Type,
        &raw mut iterobject::PySeqIter_Type,
        &raw mut crate::object::slotdefs::PyWrapperDescr_Type,
        &raw mut crate::object::slotdefs::_PyMethodWrapper_Type,
        &raw mut crate::object::slice::PySlice_Type,
        &raw mut crate::object::list::PyList_Type,
        &raw mut crate::object::list::PyListIter_Type,
        &raw mut crate::object::list::PyListRevIter_Type,
        &raw mut crate::object::tuple::PyTupleIter_Type,
        &raw mut crate::object::bytes::PyBytesIter_Type,
        &raw mut crate::object::bytearray::PyByteArray_Type,
        &raw mut crate::object::bytearray::PyByteArrayIter_Type,
        &raw mut str::PyUnicodeIter_Type,
        &raw mut str::_PyUnicodeASCIIIter_Type,
    ];
    v.extend([
        &raw mut crate::object::funcobject::PyClassMethod_Type,
        &raw mut crate::vm::code::PyCode_Type,
        &raw mut crate::vm::cell::PyCell_Type,
        &raw mut crate::vm::function::PyFunction_Type,
        &raw mut crate::vm::function::PyMethod_Type,
        &raw mut crate::vm::frame::PyFrame_Type,
        &raw mut crate::vm::traceback::PyTraceBack_Type,
        &raw mut crate::vm::genobject::PyGen_Type,
        &raw mut crate::vm::genobject::PyCoro_Type,
        &raw mut crate::vm::genobject::_PyCoroWrapper_Type,
        &raw mut crate::vm::asyncgen::PyAsyncGen_Type,
        &raw mut crate::vm::anext::_PyAnextAwaitable_Type,
        &raw mut crate::object::calliter::PyCallIter_Type,
        &raw mut crate::object::typevar::nodefault::_PyNoDefault_Type,
        &raw mut crate::object::typevar::typeparam::_PyTypeVar_Type,
        &raw mut crate::object::typevar::typeparam::_PyParamSpec_Type,
        &raw mut crate::object::typevar::typeparam::_PyTypeVarTuple_Type,
        &raw mut crate::object::typevar::paramspec_args::_PyParamSpecArgs_Type,
        &raw mut crate::object::typevar::paramspec_args::_PyParamSpecKwargs_Type,
        &raw mut crate::object::typevar::typealias::_PyTypeAlias_Type,
        &raw mut crate::object::typevar::generic::_PyGeneric_Type,
        &raw mut crate::vm::asyncgen::_PyAsyncGenASend_Type,
        &raw mut crate::vm::asyncgen::_PyAsyncGenAThrow_Type,
        &raw mut crate::vm::asyncgen::_PyAsyncGenWrappedValue_Type,
        &raw mut crate::object::range::PyRange_Type,
        &raw mut crate::object::range::PyRangeIter_Type,
        &raw mut crate::object::range::PyLongRangeIter_Type,
        &raw mut crate::object::property::PyProperty_Type,
        &raw mut crate::object::superobject::PySuper_Type,
        &raw mut crate::object::memoryview::PyMemoryView_Type,
        &raw mut crate::object::memoryview::_PyManagedBuffer_Type,
        &raw mut crate::object::memoryview::_PyMemoryIter_Type,
    ]);
    v.push(crate::object::bufferslots::wrapper_type());
    v.extend(crate::object::itertypes::all_types());
    v.extend(crate::modules::sre::types());
    v.push(&raw mut crate::object::mappingproxy::PyDictProxy_Type);
    v.push(&raw mut crate::vm::frame_locals::PyFrameLocalsProxy_Type);
    v.push(&raw mut crate::object::capsule::PyCapsule_Type);
    v.push(&raw mut crate::modules::pickle::buffer::PyPickleBuffer_Type);
    v.push(&raw mut crate::object::namespace::_PyNamespace_Type);
    v.push(&raw mut crate::object::genericalias::Py_GenericAliasType);
    v.push(&raw mut crate::object::union::_PyUnion_Type);
    v.extend(crate::object::templatelib::types());
    v.push(&raw mut crate::modules::_abc::ABC_DATA_TYPE);
    v.push(&raw mut crate::object::weakref::_PyWeakref_RefType);
    v.push(&raw mut crate::object::weakref::_PyWeakref_ProxyType);
    v.push(&raw mut crate::object::weakref::_PyWeakref_CallableProxyType);
    v.extend(crate::object::dictview::all_types());
    v.extend(crate::object::set::all_types());
    v.extend(exceptions::all_types());
    v.extend(crate::modules::thread::all_types());
    v.extend(crate::modules::contextvars::all_types());
    v.extend(crate::modules::io::all_types());
    v
}

/// The builtin types that `builtins` names.
pub fn builtin_type_names() -> Vec<*mut PyTypeObject> {
    use crate::object::*;
    vec![
        &raw mut object::PyBaseObject_Type,
        &raw mut typeobj::PyType_Type,
        &raw mut str::PyUnicode_Type,
        &raw mut dict::PyDict_Type,
        &raw mut tuple::PyTuple_Type,
        &raw mut int::PyLong_Type,
        &raw mut bool::PyBool_Type,
        &raw mut float::PyFloat_Type,
        &raw mut complex::PyComplex_Type,
        &raw mut bytes::PyBytes_Type,
        &raw mut bytearray::PyByteArray_Type,
        &raw mut memoryview::PyMemoryView_Type,
        &raw mut list::PyList_Type,
        &raw mut slice::PySlice_Type,
        &raw mut funcobject::PyStaticMethod_Type,
        &raw mut funcobject::PyClassMethod_Type,
        &raw mut range::PyRange_Type,
        &raw mut property::PyProperty_Type,
        &raw mut superobject::PySuper_Type,
        &raw mut itertypes::PyEnum_Type,
        &raw mut itertypes::PyReversed_Type,
        &raw mut itertypes::PyZip_Type,
        &raw mut itertypes::PyMap_Type,
        &raw mut itertypes::PyFilter_Type,
    ]
    .into_iter()
    .chain(set::all_types().into_iter().filter(|&t| {
        // SAFETY: static types with static names.
        let n = unsafe { typeobj::short_name(t) };
        n == "set" || n == "frozenset"
    }))
    .collect()
}

/// Creates what a new interpreter starts with: `sys.modules` and the
/// `builtins` module.
fn init_interpreter(interp: &mut PyInterpreterState) -> crate::PyResult<()> {
    interp.modules = object::dict::new()?.into_raw();
    let b = crate::modules::builtins::create()?;
    interp.builtins = b.clone().into_raw();
    // SAFETY: modules is a dict.
    unsafe { object::dict::set_item(interp.modules, crate::interned!("builtins"), b.as_ptr())? };
    Ok(())
}

/// `Py_FatalError` without a function name: see [`fatal_error_in`].
pub fn fatal_error(msg: &str) -> ! {
    fatal_error_in(None, msg)
}

/// `_Py_FatalErrorFunc` (CPython's `fatal_error`): writes `Fatal Python
/// error: FUNC: MSG` and the runtime state; then the exception being
/// raised when the calling thread holds the GIL and sys.stderr is there,
/// else every thread's traceback; then the extension modules. The
/// standard streams are flushed when the GIL is held, and the process
/// aborts. A fatal error met while reporting one aborts at once.
pub fn fatal_error_in(func: Option<&str>, msg: &str) -> ! {
    static REPORTING: AtomicBool = AtomicBool::new(false);
    if REPORTING.swap(true, Ordering::AcqRel) {
        std::process::abort()
    }
    let prefix = func.map(|f| format!("{f}: ")).unwrap_or_default();
    eprintln!("Fatal Python error: {prefix}{msg}");
    eprintln!(
        "Python runtime state: {}",
        crate::runtime::config::runtime_state()
    );
    let attached = tstate::current();
    let ts = if attached.is_null() {
        tstate::gilstate()
    } else {
        attached
    };
    let mut traceback = true;
    if !attached.is_null() && is_initialized() {
        let stderr = crate::modules::sys::get("stderr");
        if !stderr.is_null() && stderr != crate::object::none::none() {
            if let Some(e) = crate::runtime::errors::take() {
                // SAFETY: e is the raised exception, owned here.
                unsafe {
                    crate::modules::io::stdio::display_exception(e.as_ptr());
                    let tb = (*e.as_ptr().cast::<PyBaseExceptionObject>()).traceback;
                    traceback = tb.is_null() || tb == crate::object::none::none();
                }
            }
        }
    }
    // SAFETY: ts is NULL or this thread's thread state.
    unsafe { crate::modules::faulthandler::fatal_error_report(2, ts, traceback) };
    if !attached.is_null() && is_initialized() {
        crate::modules::io::stdio::flush_std_streams();
    }
    std::process::abort()
}

/// Whether the runtime is initialized (`Py_IsInitialized`).
pub fn is_initialized() -> bool {
    INITIALIZED.load(Ordering::Acquire)
}

/// Whether finalization is under way (`Py_IsFinalizing`).
pub fn is_finalizing() -> bool {
    FINALIZING.load(Ordering::Acquire)
}

/// `Py_InitializeEx`: idempotent; the Python configuration's defaults
/// with the environment applied. A failure (no standard library) is
/// fatal, as in CPython.
pub fn initialize() {
    if is_initialized() {
        return;
    }
    let mut cfg = crate::runtime::config::Config::default();
    cfg.argv.push(std::ffi::OsString::new());
    // CPython's compatibility configuration: the legacy global variables
    // (`Py_OptimizeFlag` ...) say what the embedder wants.
    crate::runtime::global_config::read_into(&mut cfg);
    let read = crate::runtime::config::read(&mut cfg, Vec::new());
    if let Err(e) = read.and_then(|()| initialize_with(&cfg)) {
        exit_init_error(e.func.or(Some(c"Py_Initialize")), &e.msg)
    }
}

/// `Py_ExitStatusException` for an error status: flushes stdout, prints
/// "Fatal Python error: FUNC: MSG", the runtime state and the exception
/// that caused it (a failing `site` import), and exits with status 1.
pub fn exit_init_error(func: Option<&std::ffi::CStr>, msg: &str) -> ! {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    match func {
        Some(f) => eprintln!("Fatal Python error: {}: {msg}", f.to_string_lossy()),
        None => eprintln!("Fatal Python error: {msg}"),
    }
    eprintln!(
        "Python runtime state: {}",
        crate::runtime::config::runtime_state()
    );
    if is_initialized() && !crate::runtime::errors::occurred().is_null() {
        crate::capi::exceptions::PyErr_PrintEx(0);
    } else {
        eprintln!();
    }
    std::process::exit(1)
}

/// `Py_InitializeFromConfig` once the configuration is read: computes the
/// path configuration, then initializes the runtime (if it is not yet)
/// with `config`'s `sys.argv` and `sys.path`, and imports `site` last
/// unless `site_import` is off. Fails, before anything is created, when no
/// standard library is found; a failing `site` import leaves its exception
/// raised.
pub fn initialize_with(config: &crate::runtime::config::Config) -> Result<(), ConfigError> {
    if is_initialized() {
        return Ok(());
    }
    let mut config = config.clone();
    crate::runtime::pathconfig::compute(&mut config)
        .map_err(|msg| ConfigError { func: None, msg })?;
    crate::runtime::fs_codec::check_errors(&config)?;
    crate::runtime::global_config::write_from(&config);
    let site_import = config.site_import;
    object::hash::set_secret((config.use_hash_seed > 0).then_some(config.hash_seed));
    if config.int_max_str_digits >= 0 {
        object::int::set_max_str_digits(config.int_max_str_digits as usize);
    }
    let interp = Box::into_raw(Box::new(PyInterpreterState::new()));
    // SAFETY: interp was just created.
    let ts = unsafe { PyThreadState::new(interp) };
    // SAFETY: ts was just made for this thread.
    unsafe { crate::runtime::gil::take(ts) };
    tstate::swap(ts);
    tstate::set_gilstate(ts);
    MAIN_INTERP.store(interp, Ordering::Release);
    for tp in static_types() {
        // SAFETY: static types live for the process.
        if unsafe { object::typeobj::ready(tp) }.is_err() {
            fatal_error("failed to initialize a builtin type");
        }
    }
    if object::templatelib::finish_types().is_err() {
        fatal_error("failed to initialize a builtin type");
    }
    // Types readied before weak references existed are recorded in their
    // bases' `__subclasses__()` now.
    for tp in static_types() {
        // SAFETY: as above; every static type is ready.
        if unsafe { object::subclasses::register(tp) }.is_err() {
            fatal_error("failed to record the builtin types' subclasses");
        }
    }
    object::gc::set_aside_static();
    // SAFETY: interp was just created and is owned by the runtime.
    if init_interpreter(unsafe { &mut *interp }).is_err() {
        fatal_error("failed to create the builtins module");
    }
    // SAFETY: as above; sys does not exist yet, so it will read these.
    unsafe {
        (*interp).argv.clone_from(&config.argv);
        if let Some(p) = &config.module_search_paths {
            (*interp).path.clone_from(p);
        }
    }
    let install_signal_handlers = config.install_signal_handlers;
    let faulthandler = config.faulthandler;
    let tracemalloc = config.tracemalloc;
    let fs_encoding = (config.filesystem_encoding.clone())
        .or_else(|| Some(crate::runtime::locale_config::encoding(&config)));
    let fs_errors = config.filesystem_errors.clone();
    crate::runtime::config::set_current(Some(config));
    // No signal handler unless the configuration asks for them (the
    // isolated configuration does not).
    if install_signal_handlers {
        crate::runtime::signals::install_startup_handlers();
    } else {
        crate::runtime::signals::note_main_thread();
    }
    INITIALIZED.store(true, Ordering::Release);
    if faulthandler && crate::modules::faulthandler::enable_at_startup().is_err() {
        return Err(ConfigError {
            func: Some(c"_PyFaulthandler_Init"),
            msg: "failed to initialize faulthandler".into(),
        });
    }
    if tracemalloc > 0 && crate::modules::tracemalloc::start(tracemalloc as usize).is_err() {
        return Err(ConfigError {
            func: Some(c"_PyTraceMalloc_Start"),
            msg: "failed to start tracemalloc".into(),
        });
    }
    let fs_encoding = crate::runtime::fs_codec::init(fs_encoding.as_deref(), fs_errors.as_deref())
        .inspect_err(|_| {
            if let Some(c) = crate::runtime::config::current() {
                eprint!("{}", crate::runtime::pathconfig::describe(&c));
            }
        })?;
    crate::runtime::config::update_current(|c| c.filesystem_encoding = Some(fs_encoding));
    crate::modules::_warnings::import_for_warnoptions();
    if site_import {
        import_site()?;
    }
    Ok(())
}

/// `init_import_site`: imports `site`. CPython always finds its frozen
/// copy; ferrython has no frozen modules, so when `sys.path` has no
/// `site` at all (an embedder's path without the standard library) it is
/// skipped. Any other failure is an initialization error that leaves its
/// exception raised.
fn import_site() -> Result<(), ConfigError> {
    use crate::runtime::{errors, import};
    if import::import_absolute("site").is_ok() {
        return Ok(());
    }
    // SAFETY: an exception is raised.
    let missing = unsafe { errors::matches(crate::object::exceptions::PyExc_ModuleNotFoundError) }
        && import::missing_module_is("site").unwrap_or(false);
    if missing {
        errors::clear();
        return Ok(());
    }
    Err(ConfigError {
        func: Some(c"init_import_site"),
        msg: "Failed to import the site module".into(),
    })
}

/// `Py_FinalizeEx`: releases the builtin types' dicts, the interned
/// strings, the interpreter and the main thread state, so that a later
/// `initialize` starts from scratch. Returns 0, or -1 when flushing
/// `sys.stdout` or `sys.stderr` failed.
pub fn finalize() -> i32 {
    if !is_initialized() {
        return 0;
    }
    wait_for_thread_shutdown();
    crate::runtime::pending::finish();
    // atexit callbacks run next, while the runtime is not yet finalizing.
    crate::modules::atexit::run_exitfuncs();
    FINALIZER.store(tstate::thread_ident(), Ordering::Release);
    FINALIZING.store(true, Ordering::Release);
    crate::runtime::errors::clear();
    // No Python signal handler runs from here on (CPython disables signal
    // handling before the last collection and the modules' teardown).
    crate::runtime::signals::finalize();
    // Nothing is being handled once the main program is over; what was
    // must die while the objects it reaches are intact.
    let handled = std::mem::replace(&mut tstate::get().handled_exception, std::ptr::null_mut());
    // SAFETY: the thread state owned it.
    unsafe { object::refcount::xdecref(handled) };
    // Garbage cycles die while everything they may use is still there
    // (their finalizers run now, and may print).
    object::gc::collect(object::gc::NUM_GENERATIONS - 1);
    let flushed = crate::modules::io::stdio::flush_at_exit();
    let ts = tstate::current();
    if !ts.is_null() {
        // SAFETY: the main thread state's interpreter is live until freed
        // below; the hooks are owned references.
        unsafe {
            (*ts).clear_asyncgen_hooks();
            // The context's values may be anything the modules hold.
            object::refcount::xdecref(std::mem::replace(&mut (*ts).context, std::ptr::null_mut()));
            crate::runtime::audit::audit_interpreter_clear();
            (*(*ts).interp).clear();
            // Thread-local values (`_thread._local`) outlive the modules'
            // teardown, which may still use them.
            object::refcount::xdecref(std::mem::replace(&mut (*ts).dict, std::ptr::null_mut()));
        };
    }
    crate::modules::codecs::registry::finalize();
    crate::runtime::import::finalize();
    crate::modules::posix::clear_fork_hooks();
    crate::modules::faulthandler::finalize();
    crate::modules::tracemalloc::stop();
    crate::runtime::audit::clear();
    crate::vm::monitoring::clear();
    crate::modules::io::finalize();
    crate::modules::binascii::finalize();
    crate::modules::queue::finalize();
    crate::modules::pickle::finalize();
    crate::modules::socket::finalize();
    crate::modules::sqlite3::finalize();
    crate::modules::ssl::finalize();
    crate::modules::struct_::finalize();
    crate::modules::termios::finalize();
    crate::modules::signal_wait::finalize();
    crate::modules::zlib::finalize();
    crate::modules::lzma::finalize();
    // The emptied modules leave their classes and functions in cycles.
    object::gc::clear_lists();
    object::gc::collect(object::gc::NUM_GENERATIONS - 1);
    // Every static type readied (the core's and the modules'), subclasses
    // first, so a base's dict outlives the types built on it; the last
    // collection sees whatever of theirs outlives them.
    object::gc::restore_static();
    let mut readied = object::typeobj::take_readied_static();
    readied.dedup();
    for tp in readied.into_iter().rev() {
        // SAFETY: these static types were readied during this run.
        unsafe { object::typeobj::clear_static(tp) };
    }
    object::gc::collect(object::gc::NUM_GENERATIONS - 1);
    object::gc::forget_all();
    object::str::clear_interned();
    let ts = tstate::swap(std::ptr::null_mut());
    MAIN_INTERP.store(std::ptr::null_mut(), Ordering::Release);
    GENERATION.fetch_add(1, Ordering::AcqRel);
    if !ts.is_null() {
        // SAFETY: the main thread state and interpreter were boxed in
        // initialize() and nothing refers to them once detached. Other
        // thread states are only unlinked: a daemon thread may still hold
        // one, and must find it intact when it wakes up to hang.
        unsafe {
            let interp = (*ts).interp;
            for other in (*interp).thread_states() {
                tstate::unlink(other);
            }
            (*ts).clear();
            tstate::delete(ts);
            Box::from_raw(interp).clear();
        }
        crate::runtime::gil::release(ts, false);
    }
    // Last: tearing down the thread state and interpreter refills them.
    clear_thread_caches();
    crate::runtime::config::set_current(None);
    crate::runtime::fs_codec::clear();
    INITIALIZED.store(false, Ordering::Release);
    FINALIZING.store(false, Ordering::Release);
    FINALIZER.store(0, Ordering::Release);
    run_exit_funcs();
    if flushed {
        0
    } else {
        -1
    }
}

/// `wait_for_thread_shutdown`: if `threading` was imported, calls its
/// `_shutdown()`, which joins the non-daemon threads; a failure there is
/// reported as unraisable.
fn wait_for_thread_shutdown() {
    let modules = crate::modules::sys_modules();
    if modules.is_null() {
        return;
    }
    // SAFETY: sys.modules is a dict; we hold the GIL.
    unsafe {
        let threading =
            object::dict::get_item_known_hash_str(modules, crate::interned!("threading"));
        if threading.is_null() {
            return;
        }
        let threading = crate::Owned::from_borrowed(threading);
        let r = object::protocol::call_method_obj(threading.as_ptr(), "_shutdown", &[]);
        if r.is_err() {
            crate::capi::exceptions::write_unraisable(None, threading.as_ptr());
        }
    }
}

/// The most `Py_AtExit` functions CPython keeps.
const MAX_EXIT_FUNCS: usize = 32;

/// Functions registered with `Py_AtExit`, in registration order.
static EXIT_FUNCS: std::sync::Mutex<Vec<extern "C" fn()>> = std::sync::Mutex::new(Vec::new());

/// Registers `f` to run after finalization (`Py_AtExit`); false when the
/// table is full.
pub fn at_exit(f: extern "C" fn()) -> bool {
    let mut funcs = EXIT_FUNCS.lock().unwrap_or_else(|e| e.into_inner());
    if funcs.len() >= MAX_EXIT_FUNCS {
        return false;
    }
    funcs.push(f);
    true
}

/// Runs and forgets the `Py_AtExit` functions, last registered first.
fn run_exit_funcs() {
    let funcs = std::mem::take(&mut *EXIT_FUNCS.lock().unwrap_or_else(|e| e.into_inner()));
    for f in funcs.into_iter().rev() {
        f();
    }
}
