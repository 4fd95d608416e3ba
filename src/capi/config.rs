//! The Python Initialization Configuration chapter (PEP 587): `PyStatus`,
//! `PyWideStringList`, `PyPreConfig` and `PyConfig` with CPython 3.14's
//! layouts (64-bit Linux, non-debug build), the functions that fill them,
//! `Py_InitializeFromConfig` and `Py_RunMain`. Strings in a configuration
//! are `wchar_t` strings from `PyMem_RawMalloc`, freed by `PyConfig_Clear`.
use crate::capi::config_read;
use crate::capi::memory::{PyMem_RawFree, PyMem_RawMalloc};
use crate::ffi::Py_ssize_t;
use crate::runtime::config as rconfig;
use crate::runtime::{lifecycle, run};
use libc::{c_char, c_int, c_ulong, wchar_t};
use std::ffi::CStr;
use std::ptr::null;

pub(crate) const STATUS_OK: c_int = 0;
pub(crate) const STATUS_ERROR: c_int = 1;
pub(crate) const STATUS_EXIT: c_int = 2;
/// `_config_init` of a configuration set up by the Python defaults.
const INIT_PYTHON: c_int = 2;
/// `_config_init` of a configuration set up by the isolated defaults.
pub(crate) const INIT_ISOLATED: c_int = 3;

/// `PyStatus`: success, an error (function and message) or an exit code.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct PyStatus {
    pub _type: c_int,
    pub func: *const c_char,
    pub err_msg: *const c_char,
    pub exitcode: c_int,
}

/// `PyWideStringList`: `length` strings at `items`.
#[repr(C)]
pub struct PyWideStringList {
    pub length: Py_ssize_t,
    pub items: *mut *mut wchar_t,
}

/// `PyPreConfig`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct PyPreConfig {
    pub _config_init: c_int,
    pub parse_argv: c_int,
    pub isolated: c_int,
    pub use_environment: c_int,
    pub configure_locale: c_int,
    pub coerce_c_locale: c_int,
    pub coerce_c_locale_warn: c_int,
    pub utf8_mode: c_int,
    pub dev_mode: c_int,
    pub allocator: c_int,
}

/// `PyConfig`, CPython 3.14's structure field for field.
///
/// Every field is read, checked and shown (`PyConfig_Read`, `PyConfig_Get`,
/// `sys.flags`, `sys` attributes), and these take effect: `argv`/`orig_argv`
/// and `parse_argv`, `isolated`, `use_environment`, `safe_path`,
/// `module_search_paths(_set)`, `home`, `stdlib_dir`, `pythonpath_env`,
/// `platlibdir`, the prefixes, `program_name`, `executable`, `run_command`/
/// `run_module`/`run_filename`, `skip_source_first_line`,
/// `optimization_level` (asserts, `__debug__`, docstrings), `warnoptions`,
/// `xoptions`, `dev_mode` (its warning filter, faulthandler), `bytes_warning`,
/// `buffered_stdio`, `stdio_encoding`/`stdio_errors`,
/// `filesystem_encoding`/`filesystem_errors` (the codec of every file
/// name; only "strict" and "surrogateescape" work, as in
/// CPython), `install_signal_handlers`, `int_max_str_digits`, `hash_seed`/
/// `use_hash_seed` (CPython's hashes for a given seed), `cpu_count`,
/// `faulthandler`, `tracemalloc`, `import_time`, `verbose`,
/// `code_debug_ranges` (column positions dropped), `site_import`,
/// `user_site_directory`, `inspect`/`interactive`/`quiet` (the prompt),
/// `write_bytecode` and `pycache_prefix` (ferrython's own cache files),
/// `check_hash_pycs_mode` (`_imp.check_hash_based_pycs`; ferrython's cache
/// files are not hash-based).
///
/// Fields with no meaning for ferrython, kept for layout and reporting
/// only: `perf_profiling`, `remote_debug` (no perf trampoline, no remote
/// debugging), `show_ref_count` and `dump_refs`/`dump_refs_file` (debug
/// builds only in CPython), `malloc_stats` (no statistics at exit), `use_frozen_modules` (nothing is frozen),
/// `parser_debug`, `configure_c_stdio`, `thread_inherit_context`, `context_aware_warnings`,
/// `pathconfig_warnings`, `sys_path_0`, `base_executable`,
/// `_install_importlib`, `_init_main` and `_is_python_build`.
#[repr(C)]
pub struct PyConfig {
    pub _config_init: c_int,
    pub isolated: c_int,
    pub use_environment: c_int,
    pub dev_mode: c_int,
    pub install_signal_handlers: c_int,
    pub use_hash_seed: c_int,
    pub hash_seed: c_ulong,
    pub faulthandler: c_int,
    pub tracemalloc: c_int,
    pub perf_profiling: c_int,
    pub remote_debug: c_int,
    pub import_time: c_int,
    pub code_debug_ranges: c_int,
    pub show_ref_count: c_int,
    pub dump_refs: c_int,
    pub dump_refs_file: *mut wchar_t,
    pub malloc_stats: c_int,
    pub filesystem_encoding: *mut wchar_t,
    pub filesystem_errors: *mut wchar_t,
    pub pycache_prefix: *mut wchar_t,
    pub parse_argv: c_int,
    pub orig_argv: PyWideStringList,
    pub argv: PyWideStringList,
    pub xoptions: PyWideStringList,
    pub warnoptions: PyWideStringList,
    pub site_import: c_int,
    pub bytes_warning: c_int,
    pub warn_default_encoding: c_int,
    pub inspect: c_int,
    pub interactive: c_int,
    pub optimization_level: c_int,
    pub parser_debug: c_int,
    pub write_bytecode: c_int,
    pub verbose: c_int,
    pub quiet: c_int,
    pub user_site_directory: c_int,
    pub configure_c_stdio: c_int,
    pub buffered_stdio: c_int,
    pub stdio_encoding: *mut wchar_t,
    pub stdio_errors: *mut wchar_t,
    pub check_hash_pycs_mode: *mut wchar_t,
    pub use_frozen_modules: c_int,
    pub safe_path: c_int,
    pub int_max_str_digits: c_int,
    pub thread_inherit_context: c_int,
    pub context_aware_warnings: c_int,
    pub cpu_count: c_int,
    pub pathconfig_warnings: c_int,
    pub program_name: *mut wchar_t,
    pub pythonpath_env: *mut wchar_t,
    pub home: *mut wchar_t,
    pub platlibdir: *mut wchar_t,
    pub module_search_paths_set: c_int,
    pub module_search_paths: PyWideStringList,
    pub stdlib_dir: *mut wchar_t,
    pub executable: *mut wchar_t,
    pub base_executable: *mut wchar_t,
    pub prefix: *mut wchar_t,
    pub base_prefix: *mut wchar_t,
    pub exec_prefix: *mut wchar_t,
    pub base_exec_prefix: *mut wchar_t,
    pub skip_source_first_line: c_int,
    pub run_command: *mut wchar_t,
    pub run_module: *mut wchar_t,
    pub run_filename: *mut wchar_t,
    pub sys_path_0: *mut wchar_t,
    pub _install_importlib: c_int,
    pub _init_main: c_int,
    pub _is_python_build: c_int,
}

// CPython 3.14's sizes and offsets on 64-bit Linux (non-debug build, no
// free threading): every field of both structures, in CPython's order.
const _: () = {
    use std::mem::offset_of;
    assert!(size_of::<PyStatus>() == 32);
    assert!(offset_of!(PyStatus, func) == 8);
    assert!(offset_of!(PyStatus, err_msg) == 16);
    assert!(offset_of!(PyStatus, exitcode) == 24);
    assert!(size_of::<PyWideStringList>() == 16);
    assert!(offset_of!(PyWideStringList, items) == 8);
    assert!(size_of::<PyPreConfig>() == 40);
    assert!(offset_of!(PyConfig, _config_init) == 0);
    assert!(offset_of!(PyConfig, isolated) == 4);
    assert!(offset_of!(PyConfig, use_environment) == 8);
    assert!(offset_of!(PyConfig, dev_mode) == 12);
    assert!(offset_of!(PyConfig, install_signal_handlers) == 16);
    assert!(offset_of!(PyConfig, use_hash_seed) == 20);
    assert!(offset_of!(PyConfig, hash_seed) == 24);
    assert!(offset_of!(PyConfig, faulthandler) == 32);
    assert!(offset_of!(PyConfig, tracemalloc) == 36);
    assert!(offset_of!(PyConfig, perf_profiling) == 40);
    assert!(offset_of!(PyConfig, remote_debug) == 44);
    assert!(offset_of!(PyConfig, import_time) == 48);
    assert!(offset_of!(PyConfig, code_debug_ranges) == 52);
    assert!(offset_of!(PyConfig, show_ref_count) == 56);
    assert!(offset_of!(PyConfig, dump_refs) == 60);
    assert!(offset_of!(PyConfig, dump_refs_file) == 64);
    assert!(offset_of!(PyConfig, malloc_stats) == 72);
    assert!(offset_of!(PyConfig, filesystem_encoding) == 80);
    assert!(offset_of!(PyConfig, filesystem_errors) == 88);
    assert!(offset_of!(PyConfig, pycache_prefix) == 96);
    assert!(offset_of!(PyConfig, parse_argv) == 104);
    assert!(offset_of!(PyConfig, orig_argv) == 112);
    assert!(offset_of!(PyConfig, argv) == 128);
    assert!(offset_of!(PyConfig, xoptions) == 144);
    assert!(offset_of!(PyConfig, warnoptions) == 160);
    assert!(offset_of!(PyConfig, site_import) == 176);
    assert!(offset_of!(PyConfig, bytes_warning) == 180);
    assert!(offset_of!(PyConfig, warn_default_encoding) == 184);
    assert!(offset_of!(PyConfig, inspect) == 188);
    assert!(offset_of!(PyConfig, interactive) == 192);
    assert!(offset_of!(PyConfig, optimization_level) == 196);
    assert!(offset_of!(PyConfig, parser_debug) == 200);
    assert!(offset_of!(PyConfig, write_bytecode) == 204);
    assert!(offset_of!(PyConfig, verbose) == 208);
    assert!(offset_of!(PyConfig, quiet) == 212);
    assert!(offset_of!(PyConfig, user_site_directory) == 216);
    assert!(offset_of!(PyConfig, configure_c_stdio) == 220);
    assert!(offset_of!(PyConfig, buffered_stdio) == 224);
    assert!(offset_of!(PyConfig, stdio_encoding) == 232);
    assert!(offset_of!(PyConfig, stdio_errors) == 240);
    assert!(offset_of!(PyConfig, check_hash_pycs_mode) == 248);
    assert!(offset_of!(PyConfig, use_frozen_modules) == 256);
    assert!(offset_of!(PyConfig, safe_path) == 260);
    assert!(offset_of!(PyConfig, int_max_str_digits) == 264);
    assert!(offset_of!(PyConfig, thread_inherit_context) == 268);
    assert!(offset_of!(PyConfig, context_aware_warnings) == 272);
    assert!(offset_of!(PyConfig, cpu_count) == 276);
    assert!(offset_of!(PyConfig, pathconfig_warnings) == 280);
    assert!(offset_of!(PyConfig, program_name) == 288);
    assert!(offset_of!(PyConfig, pythonpath_env) == 296);
    assert!(offset_of!(PyConfig, home) == 304);
    assert!(offset_of!(PyConfig, platlibdir) == 312);
    assert!(offset_of!(PyConfig, module_search_paths_set) == 320);
    assert!(offset_of!(PyConfig, module_search_paths) == 328);
    assert!(offset_of!(PyConfig, stdlib_dir) == 344);
    assert!(offset_of!(PyConfig, executable) == 352);
    assert!(offset_of!(PyConfig, base_executable) == 360);
    assert!(offset_of!(PyConfig, prefix) == 368);
    assert!(offset_of!(PyConfig, base_prefix) == 376);
    assert!(offset_of!(PyConfig, exec_prefix) == 384);
    assert!(offset_of!(PyConfig, base_exec_prefix) == 392);
    assert!(offset_of!(PyConfig, skip_source_first_line) == 400);
    assert!(offset_of!(PyConfig, run_command) == 408);
    assert!(offset_of!(PyConfig, run_module) == 416);
    assert!(offset_of!(PyConfig, run_filename) == 424);
    assert!(offset_of!(PyConfig, sys_path_0) == 432);
    assert!(offset_of!(PyConfig, _install_importlib) == 440);
    assert!(offset_of!(PyConfig, _init_main) == 444);
    assert!(offset_of!(PyConfig, _is_python_build) == 448);
    assert!(offset_of!(PyPreConfig, _config_init) == 0);
    assert!(offset_of!(PyPreConfig, parse_argv) == 4);
    assert!(offset_of!(PyPreConfig, isolated) == 8);
    assert!(offset_of!(PyPreConfig, use_environment) == 12);
    assert!(offset_of!(PyPreConfig, configure_locale) == 16);
    assert!(offset_of!(PyPreConfig, coerce_c_locale) == 20);
    assert!(offset_of!(PyPreConfig, coerce_c_locale_warn) == 24);
    assert!(offset_of!(PyPreConfig, utf8_mode) == 28);
    assert!(offset_of!(PyPreConfig, dev_mode) == 32);
    assert!(offset_of!(PyPreConfig, allocator) == 36);
    assert!(size_of::<PyConfig>() == 456);
};

fn status(t: c_int, func: &'static CStr, msg: &'static CStr, exitcode: c_int) -> PyStatus {
    PyStatus {
        _type: t,
        func: if t == STATUS_ERROR {
            func.as_ptr()
        } else {
            null()
        },
        err_msg: if t == STATUS_ERROR {
            msg.as_ptr()
        } else {
            null()
        },
        exitcode,
    }
}

fn ok() -> PyStatus {
    status(STATUS_OK, c"", c"", 0)
}

pub(crate) fn err(func: &'static CStr, msg: &'static CStr) -> PyStatus {
    status(STATUS_ERROR, func, msg, 0)
}

pub(crate) fn no_memory() -> PyStatus {
    PyStatus_Error(c"memory allocation failed".as_ptr())
}

/// `PyStatus_Ok`.
#[no_mangle]
pub extern "C" fn PyStatus_Ok() -> PyStatus {
    ok()
}

/// `PyStatus_Error`: `err_msg` must outlive the status (a literal).
#[no_mangle]
pub extern "C" fn PyStatus_Error(err_msg: *const c_char) -> PyStatus {
    PyStatus {
        _type: STATUS_ERROR,
        func: null(),
        err_msg,
        exitcode: 0,
    }
}

/// `PyStatus_NoMemory`.
#[no_mangle]
pub extern "C" fn PyStatus_NoMemory() -> PyStatus {
    no_memory()
}

/// `PyStatus_Exit`.
#[no_mangle]
pub extern "C" fn PyStatus_Exit(exitcode: c_int) -> PyStatus {
    status(STATUS_EXIT, c"", c"", exitcode)
}

/// `PyStatus_IsError`.
#[no_mangle]
pub extern "C" fn PyStatus_IsError(err: PyStatus) -> c_int {
    (err._type == STATUS_ERROR) as c_int
}

/// `PyStatus_IsExit`.
#[no_mangle]
pub extern "C" fn PyStatus_IsExit(err: PyStatus) -> c_int {
    (err._type == STATUS_EXIT) as c_int
}

/// `PyStatus_Exception`: an error or an exit.
#[no_mangle]
pub extern "C" fn PyStatus_Exception(err: PyStatus) -> c_int {
    (err._type != STATUS_OK) as c_int
}

/// `Py_ExitStatusException`: exits with the status's exit code, or
/// reports the error as CPython does ("Fatal Python error: FUNC: MSG" and
/// the runtime state on stderr) and exits with status 1.
#[no_mangle]
pub unsafe extern "C" fn Py_ExitStatusException(err: PyStatus) -> ! {
    if err._type == STATUS_EXIT {
        std::process::exit(err.exitcode)
    }
    let text = |p: *const c_char| {
        // SAFETY: a status's strings are NULL or C strings.
        (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
    };
    let msg = if err._type == STATUS_ERROR {
        text(err.err_msg).unwrap_or_else(|| "<message is NULL>".into())
    } else {
        "Py_ExitStatusException() must not be called on success".into()
    };
    // SAFETY: a status's func is NULL or a C string.
    let func = (!err.func.is_null()).then(|| unsafe { CStr::from_ptr(err.func) });
    lifecycle::exit_init_error(func, &msg)
}

/// A copy of `s` (a Rust string) as a `PyMem_RawMalloc` wide string.
pub(crate) fn wide_from_str(s: &str) -> *mut wchar_t {
    let w: Vec<wchar_t> = s.chars().map(|c| c as wchar_t).chain([0]).collect();
    // SAFETY: plain allocation of w.len() wide characters.
    let p = unsafe { PyMem_RawMalloc(w.len() * size_of::<wchar_t>()) }.cast::<wchar_t>();
    if !p.is_null() {
        // SAFETY: p has room for w.len() characters.
        unsafe { std::ptr::copy_nonoverlapping(w.as_ptr(), p, w.len()) };
    }
    p
}

/// A copy of the NUL-terminated wide string `s` from `PyMem_RawMalloc`.
unsafe fn wide_dup(s: *const wchar_t) -> *mut wchar_t {
    // SAFETY: s is a NUL-terminated wide string.
    unsafe {
        let n = libc::wcslen(s) + 1;
        let p = PyMem_RawMalloc(n * size_of::<wchar_t>()).cast::<wchar_t>();
        if !p.is_null() {
            std::ptr::copy_nonoverlapping(s, p, n);
        }
        p
    }
}

/// The wide string `s` as the bytes it stands for on the command line
/// (UTF-8, with the bytes `Py_DecodeLocale` escaped as U+DC80..U+DCFF
/// restored); a character no byte string holds (another surrogate)
/// becomes U+FFFD.
pub(crate) unsafe fn wide_to_os(s: *const wchar_t) -> std::ffi::OsString {
    use std::os::unix::ffi::OsStringExt;
    // SAFETY: s is a NUL-terminated wide string.
    let w = unsafe { std::slice::from_raw_parts(s, libc::wcslen(s)) };
    let bytes = crate::capi::fileutils::encode_surrogateescape(w).unwrap_or_else(|_| {
        let fixed: Vec<wchar_t> = w
            .iter()
            .map(|&c| match char::from_u32(c as u32) {
                Some(_) => c,
                None if (0xdc80..=0xdcff).contains(&(c as u32)) => c,
                None => 0xfffd,
            })
            .collect();
        crate::capi::fileutils::encode_surrogateescape(&fixed).unwrap_or_default()
    });
    std::ffi::OsString::from_vec(bytes)
}

/// `s` as a `PyMem_RawMalloc` wide string, its undecodable bytes escaped
/// as `Py_DecodeLocale` does (NULL when memory runs out).
pub(crate) fn wide_from_os(s: &std::ffi::OsStr) -> *mut wchar_t {
    use std::os::unix::ffi::OsStrExt;
    let mut w = crate::capi::fileutils::decode_surrogateescape(s.as_bytes());
    w.push(0);
    // SAFETY: plain allocation of w.len() wide characters.
    let p = unsafe { PyMem_RawMalloc(w.len() * size_of::<wchar_t>()) }.cast::<wchar_t>();
    if !p.is_null() {
        // SAFETY: p has room for w.len() characters.
        unsafe { std::ptr::copy_nonoverlapping(w.as_ptr(), p, w.len()) };
    }
    p
}

/// The wide string `s` as Rust text (invalid code points become U+FFFD).
pub(crate) unsafe fn wide_to_string(s: *const wchar_t) -> String {
    // SAFETY: s is a NUL-terminated wide string.
    let w = unsafe { std::slice::from_raw_parts(s, libc::wcslen(s)) };
    w.iter()
        .map(|&c| char::from_u32(c as u32).unwrap_or('\u{fffd}'))
        .collect()
}

/// `PyWideStringList_Insert`: a copy of `item` at `index` (clamped to the
/// end).
#[no_mangle]
pub unsafe extern "C" fn PyWideStringList_Insert(
    list: *mut PyWideStringList,
    index: Py_ssize_t,
    item: *const wchar_t,
) -> PyStatus {
    const F: &CStr = c"PyWideStringList_Insert";
    if list.is_null() || item.is_null() {
        return err(F, c"PyWideStringList_Insert: list or item is NULL");
    }
    if index < 0 {
        return err(F, c"PyWideStringList_Insert index must be >= 0");
    }
    // SAFETY: list is a valid list whose items come from PyMem_RawMalloc.
    unsafe {
        let l = &mut *list;
        let len = l.length.max(0) as usize;
        let index = (index as usize).min(len);
        let copy = wide_dup(item);
        if copy.is_null() {
            return no_memory();
        }
        let items = crate::capi::memory::PyMem_RawRealloc(
            l.items.cast(),
            (len + 1) * size_of::<*mut wchar_t>(),
        )
        .cast::<*mut wchar_t>();
        if items.is_null() {
            PyMem_RawFree(copy.cast());
            return no_memory();
        }
        std::ptr::copy(items.add(index), items.add(index + 1), len - index);
        *items.add(index) = copy;
        l.items = items;
        l.length = len as Py_ssize_t + 1;
    }
    ok()
}

/// `PyWideStringList_Append`.
#[no_mangle]
pub unsafe extern "C" fn PyWideStringList_Append(
    list: *mut PyWideStringList,
    item: *const wchar_t,
) -> PyStatus {
    if list.is_null() {
        return err(c"PyWideStringList_Append", c"list is NULL");
    }
    // SAFETY: list is valid; the insert checks item.
    unsafe { PyWideStringList_Insert(list, (*list).length.max(0), item) }
}

/// Frees the strings of `l` and empties it.
unsafe fn list_clear(l: &mut PyWideStringList) {
    // SAFETY: l's items and strings come from PyMem_RawMalloc.
    unsafe {
        for i in 0..l.length.max(0) as usize {
            PyMem_RawFree((*l.items.add(i)).cast());
        }
        PyMem_RawFree(l.items.cast());
    }
    l.length = 0;
    l.items = std::ptr::null_mut();
}

/// The strings of `l`, or None if it is malformed (NULL items).
pub(crate) unsafe fn list_strings(l: &PyWideStringList) -> Option<Vec<String>> {
    // SAFETY: per this function's contract.
    unsafe { list_with(l, |s| wide_to_string(s)) }
}

/// The strings of `l` as the bytes they stand for ([`wide_to_os`]); None
/// for a broken list.
pub(crate) unsafe fn list_os_strings(l: &PyWideStringList) -> Option<Vec<std::ffi::OsString>> {
    // SAFETY: per this function's contract.
    unsafe { list_with(l, |s| wide_to_os(s)) }
}

/// The strings of `l`, each converted by `convert`; None for a broken
/// list.
unsafe fn list_with<T>(
    l: &PyWideStringList,
    convert: impl Fn(*const wchar_t) -> T,
) -> Option<Vec<T>> {
    if l.length < 0 || (l.length > 0 && l.items.is_null()) {
        return None;
    }
    (0..l.length as usize)
        .map(|i| {
            // SAFETY: items holds length pointers.
            let s = unsafe { *l.items.add(i) };
            (!s.is_null()).then(|| convert(s))
        })
        .collect()
}

/// `PyPreConfig_InitPythonConfig`.
#[no_mangle]
pub unsafe extern "C" fn PyPreConfig_InitPythonConfig(config: *mut PyPreConfig) {
    if config.is_null() {
        return;
    }
    // SAFETY: config points to a PyPreConfig.
    unsafe {
        config.write(PyPreConfig {
            _config_init: INIT_PYTHON,
            parse_argv: 1,
            isolated: 0,
            use_environment: 1,
            configure_locale: 1,
            coerce_c_locale: -1,
            coerce_c_locale_warn: -1,
            utf8_mode: -1,
            dev_mode: -1,
            allocator: 0,
        })
    }
}

/// `PyPreConfig_InitIsolatedConfig`.
#[no_mangle]
pub unsafe extern "C" fn PyPreConfig_InitIsolatedConfig(config: *mut PyPreConfig) {
    if config.is_null() {
        return;
    }
    // SAFETY: config points to a PyPreConfig.
    unsafe {
        config.write(PyPreConfig {
            _config_init: INIT_ISOLATED,
            parse_argv: 0,
            isolated: 1,
            use_environment: 0,
            configure_locale: 0,
            coerce_c_locale: 0,
            coerce_c_locale_warn: 0,
            utf8_mode: 0,
            dev_mode: 0,
            allocator: 0,
        })
    }
}

/// The pre-configuration of the last `Py_PreInitialize`.
static PRECONFIG: std::sync::Mutex<Option<PyPreConfig>> = std::sync::Mutex::new(None);

/// The runtime's pre-configuration (`PyConfig_Get` reads its options):
/// the last one given to `Py_PreInitialize`, else the Python defaults.
pub(crate) fn current_preconfig() -> PyPreConfig {
    if let Some(p) = *PRECONFIG.lock().unwrap_or_else(|e| e.into_inner()) {
        return p;
    }
    let mut p = std::mem::MaybeUninit::<PyPreConfig>::uninit();
    // SAFETY: p is written by the init function before it is read.
    unsafe {
        PyPreConfig_InitPythonConfig(p.as_mut_ptr());
        p.assume_init()
    }
}

/// `Py_PreInitialize`: records the pre-configuration (its UTF-8 mode
/// applies to the configuration read later, and `PyConfig_Get` shows its
/// options); this runtime has no locale coercion or allocator choice.
#[no_mangle]
pub unsafe extern "C" fn Py_PreInitialize(src_config: *const PyPreConfig) -> PyStatus {
    if src_config.is_null() {
        return err(c"Py_PreInitialize", c"preinitialization config is NULL");
    }
    // SAFETY: src_config points to a PyPreConfig (caller contract).
    let pre = unsafe { src_config.read() };
    rconfig::set_preconfig_utf8_mode(pre.utf8_mode);
    let locale = rconfig::Config {
        configure_locale: pre.configure_locale != 0,
        use_environment: pre.use_environment != 0,
        ..Default::default()
    };
    crate::runtime::locale_config::configure(&locale);
    rconfig::set_preinitialized();
    *PRECONFIG.lock().unwrap_or_else(|e| e.into_inner()) = Some(pre);
    ok()
}

/// The pre-configuration part of a command line (`-X utf8[=0|1]`, `-E`,
/// `-I`, `-X dev`) applied to `pre` when its `parse_argv` is 1, as
/// CPython's pre-initialization reads it.
fn preconfig_from_args(pre: &mut PyPreConfig, args: &[std::ffi::OsString]) {
    if pre.parse_argv != 1 {
        return;
    }
    let mut cfg = crate::runtime::config::Config::default();
    if crate::runtime::cmdline::parse(&mut cfg, args).is_err() {
        // Usage errors are reported when the configuration is read.
        return;
    }
    if !cfg.use_environment {
        pre.use_environment = 0;
    }
    if cfg.isolated {
        pre.isolated = 1;
    }
    for x in &cfg.xoptions {
        match x.as_str() {
            "utf8" | "utf8=1" => pre.utf8_mode = 1,
            "utf8=0" => pre.utf8_mode = 0,
            "dev" => pre.dev_mode = 1,
            _ => {}
        }
    }
}

/// `Py_PreInitializeFromBytesArgs`: `Py_PreInitialize` with the
/// pre-configuration options of the (locale-encoded) command line.
#[no_mangle]
pub unsafe extern "C" fn Py_PreInitializeFromBytesArgs(
    src_config: *const PyPreConfig,
    argc: Py_ssize_t,
    argv: *mut *mut c_char,
) -> PyStatus {
    if src_config.is_null() {
        return err(c"Py_PreInitialize", c"preinitialization config is NULL");
    }
    // SAFETY: argv holds argc C strings (caller contract).
    let args: Vec<std::ffi::OsString> = (0..argc.max(0) as usize)
        .filter_map(|i| unsafe { argv.as_ref().map(|_| *argv.add(i)) })
        .filter(|a| !a.is_null())
        .map(|a| {
            use std::os::unix::ffi::OsStrExt;
            // SAFETY: a is a C string.
            std::ffi::OsStr::from_bytes(unsafe { CStr::from_ptr(a) }.to_bytes()).to_owned()
        })
        .collect();
    // SAFETY: src_config points to a PyPreConfig.
    let mut pre = unsafe { src_config.read() };
    preconfig_from_args(&mut pre, &args);
    // SAFETY: pre is a PyPreConfig.
    unsafe { Py_PreInitialize(&pre) }
}

/// `Py_PreInitializeFromArgs`: as `Py_PreInitializeFromBytesArgs`, with
/// wide strings.
#[no_mangle]
pub unsafe extern "C" fn Py_PreInitializeFromArgs(
    src_config: *const PyPreConfig,
    argc: Py_ssize_t,
    argv: *mut *mut wchar_t,
) -> PyStatus {
    if src_config.is_null() {
        return err(c"Py_PreInitialize", c"preinitialization config is NULL");
    }
    // SAFETY: argv holds argc wide strings (caller contract).
    let args: Vec<std::ffi::OsString> = (0..argc.max(0) as usize)
        .filter_map(|i| unsafe { argv.as_ref().map(|_| *argv.add(i)) })
        .filter(|a| !a.is_null())
        // SAFETY: a is a wide string.
        .map(|a| unsafe { wide_to_os(a) })
        .collect();
    // SAFETY: src_config points to a PyPreConfig.
    let mut pre = unsafe { src_config.read() };
    preconfig_from_args(&mut pre, &args);
    // SAFETY: pre is a PyPreConfig.
    unsafe { Py_PreInitialize(&pre) }
}

/// The defaults both configurations share, on a zeroed `PyConfig`.
fn config_defaults(c: &mut PyConfig) {
    c.install_signal_handlers = 1;
    c.use_hash_seed = -1;
    c.tracemalloc = -1;
    c.perf_profiling = -1;
    c.code_debug_ranges = 1;
    c.parse_argv = 0;
    c.site_import = 1;
    c.write_bytecode = 1;
    c.user_site_directory = 1;
    c.buffered_stdio = 1;
    c.pathconfig_warnings = 1;
    c.use_frozen_modules = 1;
    c.int_max_str_digits = -1;
    c.cpu_count = -1;
    c._install_importlib = 1;
    c._init_main = 1;
}

/// `PyConfig_InitPythonConfig`.
#[no_mangle]
pub unsafe extern "C" fn PyConfig_InitPythonConfig(config: *mut PyConfig) {
    if config.is_null() {
        return;
    }
    // SAFETY: config points to a PyConfig; all-zero is a valid PyConfig.
    let c = unsafe {
        config.write_bytes(0, 1);
        &mut *config
    };
    config_defaults(c);
    c._config_init = INIT_PYTHON;
    // Unset: the environment and the development mode decide.
    c.dev_mode = -1;
    c.faulthandler = -1;
    c.use_environment = 1;
    c.configure_c_stdio = 1;
    c.parse_argv = 1;
}

/// `PyConfig_InitIsolatedConfig`.
#[no_mangle]
pub unsafe extern "C" fn PyConfig_InitIsolatedConfig(config: *mut PyConfig) {
    if config.is_null() {
        return;
    }
    // SAFETY: config points to a PyConfig; all-zero is a valid PyConfig.
    let c = unsafe {
        config.write_bytes(0, 1);
        &mut *config
    };
    config_defaults(c);
    c._config_init = INIT_ISOLATED;
    c.isolated = 1;
    c.user_site_directory = 0;
    c.dev_mode = 0;
    c.install_signal_handlers = 0;
    c.use_hash_seed = 0;
    c.faulthandler = 0;
    c.tracemalloc = 0;
    c.perf_profiling = 0;
    c.int_max_str_digits = 4300;
    c.safe_path = 1;
    c.pathconfig_warnings = 0;
}

/// The string fields of a `PyConfig`.
fn string_fields(c: &mut PyConfig) -> [&mut *mut wchar_t; 22] {
    [
        &mut c.dump_refs_file,
        &mut c.filesystem_encoding,
        &mut c.filesystem_errors,
        &mut c.pycache_prefix,
        &mut c.stdio_encoding,
        &mut c.stdio_errors,
        &mut c.check_hash_pycs_mode,
        &mut c.program_name,
        &mut c.pythonpath_env,
        &mut c.home,
        &mut c.platlibdir,
        &mut c.stdlib_dir,
        &mut c.executable,
        &mut c.base_executable,
        &mut c.prefix,
        &mut c.base_prefix,
        &mut c.exec_prefix,
        &mut c.base_exec_prefix,
        &mut c.run_command,
        &mut c.run_module,
        &mut c.run_filename,
        &mut c.sys_path_0,
    ]
}

/// `PyConfig_Clear`: frees the strings and lists and sets them to NULL.
#[no_mangle]
pub unsafe extern "C" fn PyConfig_Clear(config: *mut PyConfig) {
    if config.is_null() {
        return;
    }
    // SAFETY: config points to an initialized PyConfig whose strings come
    // from PyMem_RawMalloc.
    unsafe {
        let c = &mut *config;
        for f in string_fields(c) {
            PyMem_RawFree((*f).cast());
            *f = std::ptr::null_mut();
        }
        list_clear(&mut c.orig_argv);
        list_clear(&mut c.argv);
        list_clear(&mut c.xoptions);
        list_clear(&mut c.warnoptions);
        list_clear(&mut c.module_search_paths);
    }
}

/// Replaces `*config_str` by `new` (already allocated, or NULL).
unsafe fn replace_string(config_str: *mut *mut wchar_t, new: *mut wchar_t) {
    // SAFETY: config_str points to a field holding NULL or a raw string.
    unsafe {
        PyMem_RawFree((*config_str).cast());
        *config_str = new;
    }
}

/// `PyConfig_SetString`: a copy of `str` (NULL clears the field).
#[no_mangle]
pub unsafe extern "C" fn PyConfig_SetString(
    config: *mut PyConfig,
    config_str: *mut *mut wchar_t,
    str: *const wchar_t,
) -> PyStatus {
    if config.is_null() || config_str.is_null() {
        return err(c"PyConfig_SetString", c"config or field is NULL");
    }
    // SAFETY: str is NULL or a wide string; config_str a field of config.
    unsafe {
        let new = if str.is_null() {
            std::ptr::null_mut()
        } else {
            let p = wide_dup(str);
            if p.is_null() {
                return no_memory();
            }
            p
        };
        replace_string(config_str, new);
    }
    ok()
}

/// `PyConfig_SetBytesString`: `str` decoded from the locale encoding.
#[no_mangle]
pub unsafe extern "C" fn PyConfig_SetBytesString(
    config: *mut PyConfig,
    config_str: *mut *mut wchar_t,
    str: *const c_char,
) -> PyStatus {
    if config.is_null() || config_str.is_null() {
        return err(c"PyConfig_SetBytesString", c"config or field is NULL");
    }
    // SAFETY: str is NULL or a C string; config_str a field of config.
    unsafe {
        let new = if str.is_null() {
            std::ptr::null_mut()
        } else {
            let p = crate::capi::fileutils::Py_DecodeLocale(str, std::ptr::null_mut());
            if p.is_null() {
                return no_memory();
            }
            p
        };
        replace_string(config_str, new);
    }
    ok()
}

/// `PyConfig_SetWideStringList`: `list` becomes a copy of `items`.
#[no_mangle]
pub unsafe extern "C" fn PyConfig_SetWideStringList(
    config: *mut PyConfig,
    list: *mut PyWideStringList,
    length: Py_ssize_t,
    items: *mut *mut wchar_t,
) -> PyStatus {
    if config.is_null() || list.is_null() || length < 0 || (length > 0 && items.is_null()) {
        return err(c"PyConfig_SetWideStringList", c"invalid list");
    }
    let mut new = PyWideStringList {
        length: 0,
        items: std::ptr::null_mut(),
    };
    for i in 0..length as usize {
        // SAFETY: items holds length wide strings; new is a valid list.
        let st = unsafe { PyWideStringList_Append(&mut new, *items.add(i)) };
        if st._type != STATUS_OK {
            // SAFETY: new holds what was appended so far.
            unsafe { list_clear(&mut new) };
            return st;
        }
    }
    // SAFETY: list is a valid list of config.
    unsafe {
        list_clear(&mut *list);
        list.write(new);
    }
    ok()
}

/// `PyConfig_SetArgv`.
#[no_mangle]
pub unsafe extern "C" fn PyConfig_SetArgv(
    config: *mut PyConfig,
    argc: Py_ssize_t,
    argv: *const *mut wchar_t,
) -> PyStatus {
    if config.is_null() {
        return err(c"PyConfig_SetArgv", c"config is NULL");
    }
    // SAFETY: config is valid; the callee checks the rest.
    unsafe { PyConfig_SetWideStringList(config, &mut (*config).argv, argc, argv.cast_mut()) }
}

/// `PyConfig_SetBytesArgv`: the arguments decoded from the locale
/// encoding.
#[no_mangle]
pub unsafe extern "C" fn PyConfig_SetBytesArgv(
    config: *mut PyConfig,
    argc: Py_ssize_t,
    argv: *const *mut c_char,
) -> PyStatus {
    if config.is_null() || argc < 0 || (argc > 0 && argv.is_null()) {
        return err(c"PyConfig_SetBytesArgv", c"invalid arguments");
    }
    let mut new = PyWideStringList {
        length: 0,
        items: std::ptr::null_mut(),
    };
    for i in 0..argc as usize {
        // SAFETY: argv holds argc pointers.
        let a = unsafe { *argv.add(i) };
        if a.is_null() {
            // SAFETY: new holds what was appended so far.
            unsafe { list_clear(&mut new) };
            return err(c"PyConfig_SetBytesArgv", c"argv item is NULL");
        }
        // SAFETY: a is a C string.
        let w = unsafe { crate::capi::fileutils::Py_DecodeLocale(a, std::ptr::null_mut()) };
        // SAFETY: w is NULL or a raw wide string; new is valid.
        let st = unsafe {
            let st = PyWideStringList_Append(&mut new, w);
            PyMem_RawFree(w.cast());
            st
        };
        if st._type != STATUS_OK {
            // SAFETY: as above.
            unsafe { list_clear(&mut new) };
            return st;
        }
    }
    // SAFETY: config is valid.
    unsafe {
        list_clear(&mut (*config).argv);
        (&raw mut (*config).argv).write(new);
    }
    ok()
}

/// Replaces the strings of `l` by copies of `items`.
pub(crate) unsafe fn set_list(l: &mut PyWideStringList, items: &[String]) -> PyStatus {
    // SAFETY: per this function's contract.
    unsafe { set_list_with(l, items, |s| wide_from_str(s)) }
}

/// [`set_list`] for command-line strings ([`wide_from_os`]).
pub(crate) unsafe fn set_os_list(
    l: &mut PyWideStringList,
    items: &[std::ffi::OsString],
) -> PyStatus {
    // SAFETY: per this function's contract.
    unsafe { set_list_with(l, items, |s| wide_from_os(s)) }
}

/// Replaces the strings of `l` by `items`, each made a raw wide string by
/// `to_wide`.
unsafe fn set_list_with<T>(
    l: &mut PyWideStringList,
    items: &[T],
    to_wide: impl Fn(&T) -> *mut wchar_t,
) -> PyStatus {
    let mut new = PyWideStringList {
        length: 0,
        items: std::ptr::null_mut(),
    };
    for it in items {
        let w = to_wide(it);
        // SAFETY: w is NULL (refused by the insert) or a raw wide string.
        let st = unsafe {
            let st = PyWideStringList_Append(&mut new, w);
            PyMem_RawFree(w.cast());
            st
        };
        if st._type != STATUS_OK {
            // SAFETY: new holds what was appended so far.
            unsafe { list_clear(&mut new) };
            return st;
        }
    }
    // SAFETY: l is a valid list.
    unsafe { list_clear(l) };
    *l = new;
    ok()
}

/// `PyConfig_Read`: checks the configuration, parses its command line
/// (when `parse_argv` is 1, which then becomes 2 so that it is parsed
/// once), applies the environment variables and `-X` options, and fills
/// in every field CPython's reading fills: `argv` becomes what `sys.argv`
/// will be, `orig_argv` keeps the original, `run_command`/`run_module`/
/// `run_filename`, `warnoptions`, `program_name`, the encodings,
/// `int_max_str_digits`, the hash seed ... A bad value is an error with
/// CPython's message; `-h`, `-V` and a usage error are an exit. The path
/// configuration is computed by `Py_InitializeFromConfig`, as in CPython
/// 3.11 and later.
#[no_mangle]
pub unsafe extern "C" fn PyConfig_Read(config: *mut PyConfig) -> PyStatus {
    // SAFETY: config is NULL or a PyConfig.
    let cfg = match unsafe { config_read::read(config) } {
        Ok(cfg) => cfg,
        Err(st) => return st,
    };
    // SAFETY: read() checked config; its fields hold raw strings.
    unsafe {
        let c = &mut *config;
        // CPython computes these with the path configuration, at
        // initialization: reading leaves them unset.
        let (no_name, no_libdir) = (c.program_name.is_null(), c.platlibdir.is_null());
        let st = config_read::write(&cfg, c);
        if no_name {
            replace_string(&mut c.program_name, std::ptr::null_mut());
        }
        if no_libdir {
            replace_string(&mut c.platlibdir, std::ptr::null_mut());
        }
        st
    }
}

/// `Py_InitializeFromConfig`: `sys.argv` from `argv` (parsed when
/// `parse_argv` is 1), `sys.path` from `module_search_paths` when
/// `module_search_paths_set`, else from `pythonpath_env` (or `PYTHONPATH`
/// when `use_environment`).
#[no_mangle]
pub unsafe extern "C" fn Py_InitializeFromConfig(config: *const PyConfig) -> PyStatus {
    if config.is_null() {
        return err(c"Py_InitializeFromConfig", c"initialization config is NULL");
    }
    // SAFETY: config is a PyConfig.
    match unsafe { config_read::read(config) } {
        Ok(cfg) => match lifecycle::initialize_with(&cfg) {
            Ok(()) => ok(),
            Err(e) => {
                config_read::status_error(e.func.or(Some(c"Py_InitializeFromConfig")), &e.msg)
            }
        },
        Err(st) => st,
    }
}

/// Puts `dir` first in `sys.path` (or in the path `sys` will start from),
/// its bytes that are not UTF-8 escaped as `os.fsdecode` does.
fn prepend_path(dir: &std::ffi::OsStr) -> crate::PyResult<()> {
    use std::os::unix::ffi::OsStrExt;
    let list = crate::modules::sys::path_list();
    if list.is_null() {
        // SAFETY: the runtime is initialized on this thread.
        unsafe {
            (*crate::runtime::tstate::get().interp)
                .path
                .insert(0, dir.to_owned())
        };
        return Ok(());
    }
    let s = crate::runtime::fs_codec::decode_locale(dir.as_bytes())?;
    // SAFETY: list is sys.path, a list.
    unsafe { crate::object::list::insert(list, 0, s.as_ptr()) }
}

/// `repr()` of the command-line word `s` decoded as `os.fsdecode` does
/// (undecodable bytes shown as `\udcXX` escapes).
fn os_repr(s: &std::ffi::OsStr) -> String {
    use std::os::unix::ffi::OsStrExt;
    let text = crate::runtime::fs_codec::decode_locale(s.as_bytes())
        // SAFETY: decode_locale returns a str.
        .and_then(|o| unsafe { crate::object::protocol::repr_string(o.as_ptr()) });
    text.unwrap_or_else(|_| {
        crate::runtime::errors::clear();
        format!("'{}'", s.to_string_lossy())
    })
}

/// The `-c` command as text. One that is not UTF-8 raises the
/// `UnicodeEncodeError` of encoding its escaped form (CPython decodes the
/// command line, then encodes the command as UTF-8), after the line
/// saying so.
fn command_text(cmd: &std::ffi::OsStr) -> crate::runtime::errors::PyResult<&str> {
    use std::os::unix::ffi::OsStrExt;
    if let Some(text) = cmd.to_str() {
        return Ok(text);
    }
    let escaped = crate::runtime::fs_codec::decode_locale(cmd.as_bytes())?;
    eprintln!("Unable to decode the command from the command line:");
    use crate::object::codecs_core::{encode, Codec};
    // SAFETY: escaped is a str.
    unsafe { encode(escaped.as_ptr(), Codec::Utf8, None) }?;
    Err(crate::runtime::errors::system_error(
        "a command that is not UTF-8 encoded as UTF-8",
    ))
}

/// The script path when it names a directory or a zip archive
/// (`pymain_get_importer`), made absolute: it goes first on `sys.path` and
/// its `__main__` module runs.
fn main_importer_path(file: &std::ffi::OsStr) -> Option<std::ffi::OsString> {
    let path = std::path::Path::new(file);
    if !path.is_dir() && !crate::runtime::path_finder::is_zip_file(path) {
        return None;
    }
    if path.is_absolute() {
        return Some(file.to_owned());
    }
    let cwd = std::env::current_dir().ok()?;
    Some(cwd.join(path).into_os_string())
}

/// `Py_RunMain`: runs the configured command, script or module as
/// `__main__`, finalizes the interpreter and returns the exit status (1
/// for an uncaught exception). An uncaught `SystemExit` finalizes and
/// exits the process with its code, and an uncaught `KeyboardInterrupt`
/// ends it by SIGINT after finalizing, as in CPython.
#[no_mangle]
pub extern "C" fn Py_RunMain() -> c_int {
    use crate::runtime::signals;
    crate::capi::boundary::guard(|| {
        // What earlier runs of an embedding program left does not count.
        signals::take_unhandled_interrupt();
        let status = run_main();
        if signals::take_unhandled_interrupt() {
            return signals::exit_sigint();
        }
        status
    })
}

/// The body of `Py_RunMain`, up to finalization.
fn run_main() -> c_int {
    let cfg = rconfig::current().unwrap_or_default();
    let importer_path = cfg.run_filename.as_deref().and_then(main_importer_path);
    if let Some(p) = &importer_path {
        if prepend_path(p).is_err() {
            return run::handle_uncaught();
        }
    } else if !cfg.safe_path && lifecycle::is_initialized() {
        let first = match (&cfg.run_filename, &cfg.run_module) {
            (Some(f), _) => std::path::absolute(f)
                .ok()
                .and_then(|p| p.parent().map(|d| d.as_os_str().to_owned()))
                .unwrap_or_default(),
            (None, Some(_)) => std::env::current_dir()
                .map(std::path::PathBuf::into_os_string)
                .unwrap_or_default(),
            (None, None) => std::ffi::OsString::new(),
        };
        if prepend_path(&first).is_err() {
            return run::handle_uncaught();
        }
    }
    crate::runtime::interactive::print_banner(&cfg);
    let result = if let Some(cmd) = &cfg.run_command {
        command_text(cmd).and_then(|cmd| {
            let text = crate::object::str::from_str(cmd)?;
            crate::runtime::audit::audit(c"cpython.run_command", &[text.as_ptr()])?;
            run::run_command(cmd)
        })
    } else if importer_path.is_some() {
        audit_run_module("__main__").and_then(|()| run::run_module_as_main("__main__", false))
    } else if let Some(Err(e)) = cfg.run_filename.as_ref().map(|f| audit_run_file(f)) {
        Err(e)
    } else if let Some(file) = cfg
        .run_filename
        .as_ref()
        .filter(|f| run::audit_open_script(f).is_err())
    {
        // A hook refusing the open is a file that cannot be opened.
        crate::runtime::errors::clear();
        return cant_open(&cfg, file, 0);
    } else if let Some(file) = cfg
        .run_filename
        .as_ref()
        .filter(|f| f.as_encoded_bytes().ends_with(b".pyc"))
    {
        run::run_main_pyc(file)
    } else if let Some(file) = &cfg.run_filename {
        match std::fs::read(file) {
            // -x: the first line is dropped, its newline kept so that line
            // numbers stay those of the file.
            Ok(src) if cfg.skip_source_first_line => {
                let rest = src
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(&[][..], |n| &src[n..]);
                run::run_main_bytes(rest, file)
            }
            Ok(src) => run::run_main_bytes(&src, file),
            Err(e) => return cant_open(&cfg, file, e.raw_os_error().unwrap_or(0)),
        }
    } else if let Some(m) = &cfg.run_module {
        audit_run_module(m).and_then(|()| run::run_module_as_main(m, true))
    } else {
        return finish(run_stdin(&cfg), false);
    };
    // SAFETY: SystemExit is a static exception type.
    let exiting = result.is_err()
        && !rconfig::inspect()
        && unsafe { crate::runtime::errors::matches(crate::object::exceptions::PyExc_SystemExit) };
    let mut status = match result {
        Ok(()) => 0,
        Err(_) => run::handle_uncaught(),
    };
    if !exiting {
        if let Some(s) = inspect_after(&cfg) {
            status = s;
        }
    }
    finish(status, exiting)
}

/// Reports that the script `file` cannot be opened (`errno` says why),
/// under the configuration's program name as CPython does, then
/// finalizes; returns the exit status, 2 unless `-i` runs the prompt
/// after (`pymain_repl`).
fn cant_open(cfg: &rconfig::Config, file: &std::ffi::OsStr, errno: c_int) -> c_int {
    // SAFETY: strerror returns a C string for any errno.
    let text = unsafe { CStr::from_ptr(libc::strerror(errno)) }.to_string_lossy();
    eprintln!(
        "{}: can't open file {}: [Errno {errno}] {text}",
        cfg.program_name.as_deref().unwrap_or("python3"),
        os_repr(file)
    );
    let status = inspect_after(cfg).unwrap_or(2);
    finish(status, false)
}

/// Raises `cpython.run_module` with the module's name (`pymain_run_module`).
fn audit_run_module(name: &str) -> crate::runtime::errors::PyResult<()> {
    crate::runtime::audit::audit_with(c"cpython.run_module", || {
        Ok(vec![crate::object::str::from_str(name)?])
    })
}

/// Raises `cpython.run_file` with the script's path (`pymain_run_file_obj`),
/// before the file is opened.
fn audit_run_file(file: &std::ffi::OsStr) -> crate::runtime::errors::PyResult<()> {
    use std::os::unix::ffi::OsStrExt;
    crate::runtime::audit::audit_with(c"cpython.run_file", || {
        Ok(vec![crate::runtime::fs_codec::decode_locale(
            file.as_bytes(),
        )?])
    })
}

/// The program read from standard input (`pymain_run_stdin`): the prompt
/// loop when stdin is interactive (after `PYTHONSTARTUP`), else the text
/// run as a script, both through `PyRun_AnyFileExFlags`.
fn run_stdin(cfg: &rconfig::Config) -> c_int {
    use crate::runtime::interactive;
    if interactive::stdin_is_interactive(cfg) {
        rconfig::set_inspect(false);
        interactive::run_startup(cfg);
        interactive::run_interactive_hook();
    }
    if crate::runtime::audit::audit(c"cpython.run_stdin", &[]).is_err() {
        return run::handle_uncaught();
    }
    // SAFETY: the C stdin stream is open.
    let r = unsafe {
        crate::capi::runfile::PyRun_AnyFileExFlags(
            interactive::c_stdin(),
            c"<stdin>".as_ptr(),
            0,
            std::ptr::null_mut(),
        )
    };
    (r != 0) as c_int
}

/// The prompt after the program (`pymain_repl`): with `-i` or
/// `PYTHONINSPECT` (also set by the program through `os.environ`), when
/// stdin is interactive. Returns the new exit status, if the prompt ran.
fn inspect_after(cfg: &rconfig::Config) -> Option<c_int> {
    use crate::runtime::interactive;
    if !rconfig::inspect()
        && cfg.use_environment
        && std::env::var_os("PYTHONINSPECT").is_some_and(|v| !v.is_empty())
    {
        rconfig::set_inspect(true);
    }
    if !rconfig::inspect() || !interactive::stdin_is_interactive(cfg) {
        return None;
    }
    rconfig::set_inspect(false);
    interactive::run_interactive_hook();
    if crate::runtime::audit::audit(c"cpython.run_stdin", &[]).is_err() {
        return Some(run::handle_uncaught());
    }
    // SAFETY: the C stdin stream is open.
    let r = unsafe {
        crate::capi::runfile::PyRun_AnyFileExFlags(
            interactive::c_stdin(),
            c"<stdin>".as_ptr(),
            0,
            std::ptr::null_mut(),
        )
    };
    Some((r != 0) as c_int)
}

/// Flushes stdout and finalizes; `exiting` (an uncaught `SystemExit`)
/// leaves the process at once with `status`. A failed finalization (the
/// standard streams could not be flushed) makes the status 120, as in
/// CPython.
fn finish(status: c_int, exiting: bool) -> c_int {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let status = if lifecycle::finalize() < 0 {
        120
    } else {
        status
    };
    if exiting {
        std::process::exit(status)
    }
    status
}

/// The command line `Py_GetArgcArgv` hands out: the text, its wide
/// strings and the array of pointers to them. Kept until a different
/// command line is asked for, so earlier answers stay valid meanwhile.
struct OrigArgv {
    args: Vec<std::ffi::OsString>,
    _strings: Vec<Vec<wchar_t>>,
    pointers: Vec<*mut wchar_t>,
}

// SAFETY: the pointers point into `_strings`, owned by the same value.
unsafe impl Send for OrigArgv {}

static ORIG_ARGV: std::sync::Mutex<Option<OrigArgv>> = std::sync::Mutex::new(None);

/// `Py_GetArgcArgv`: the command line before Python modified it
/// (`orig_argv` of the configuration of the last initialization, or its
/// `argv`); 0 and NULL if the runtime was not initialized from a
/// configuration.
#[no_mangle]
pub unsafe extern "C" fn Py_GetArgcArgv(argc: *mut c_int, argv: *mut *mut *mut wchar_t) {
    let args = rconfig::current().map(|c| c.orig_argv).unwrap_or_default();
    let mut store = ORIG_ARGV.lock().unwrap_or_else(|e| e.into_inner());
    if store.as_ref().is_none_or(|s| s.args != args) {
        let mut strings: Vec<Vec<wchar_t>> = args
            .iter()
            .map(|a| {
                use std::os::unix::ffi::OsStrExt;
                let mut w = crate::capi::fileutils::decode_surrogateescape(a.as_bytes());
                w.push(0);
                w
            })
            .collect();
        let mut pointers: Vec<*mut wchar_t> = strings.iter_mut().map(|s| s.as_mut_ptr()).collect();
        pointers.push(std::ptr::null_mut());
        *store = Some(OrigArgv {
            args,
            _strings: strings,
            pointers,
        });
    }
    let Some(s) = store.as_mut() else { return };
    let (n, ptr) = if s.args.is_empty() {
        (0, std::ptr::null_mut())
    } else {
        (s.args.len() as c_int, s.pointers.as_mut_ptr())
    };
    // SAFETY: the out-parameters are NULL or writable.
    unsafe {
        if !argc.is_null() {
            *argc = n;
        }
        if !argv.is_null() {
            *argv = ptr;
        }
    }
}
