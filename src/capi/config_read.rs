//! `PyConfig_Read` (`Python/initconfig.c`): a C `PyConfig` read into the
//! runtime's [`Config`] (command line parsed when `parse_argv` is 1,
//! environment and `-X` options applied and checked), and a [`Config`]
//! written back into every field of a C `PyConfig`.
use crate::capi::config::{
    err, list_os_strings, list_strings, no_memory, set_list, set_os_list, wide_from_os,
    wide_from_str, wide_to_os, wide_to_string, PyConfig, PyStatus, PyStatus_Exit, INIT_ISOLATED,
    STATUS_ERROR, STATUS_OK,
};
use crate::runtime::cmdline;
use crate::runtime::config::{self as rconfig, Config, ConfigError};
use libc::{c_int, wchar_t};
use std::ffi::{CStr, CString, OsString};
use std::sync::Mutex;

/// The messages of reported configuration errors: a `PyStatus` points to
/// its message, so each distinct one is kept for the process's life.
static MESSAGES: Mutex<Vec<CString>> = Mutex::new(Vec::new());

/// A `PyStatus` error from function `func` with message `msg`.
pub(crate) fn status_error(func: Option<&'static CStr>, msg: &str) -> PyStatus {
    let text = CString::new(msg.replace('\0', " ")).unwrap_or_default();
    let mut kept = MESSAGES.lock().unwrap_or_else(|e| e.into_inner());
    let p = match kept.iter().find(|m| **m == text) {
        Some(m) => m.as_ptr(),
        None => {
            kept.push(text);
            kept.last().map_or(std::ptr::null(), |m| m.as_ptr())
        }
    };
    PyStatus {
        _type: STATUS_ERROR,
        func: func.map_or(std::ptr::null(), CStr::as_ptr),
        err_msg: p,
        exitcode: 0,
    }
}

fn config_error(e: ConfigError) -> PyStatus {
    status_error(e.func, &e.msg)
}

/// A string field as Rust text.
fn opt(p: *mut wchar_t) -> Option<String> {
    // SAFETY: a configuration's string fields are NULL or wide strings.
    (!p.is_null()).then(|| unsafe { wide_to_string(p) })
}

/// Reads `config` into the runtime's terms.
///
/// # Safety
/// `config` is NULL or points to a `PyConfig`.
pub(crate) unsafe fn read(config: *const PyConfig) -> Result<Config, PyStatus> {
    const F: &CStr = c"PyConfig_Read";
    if config.is_null() {
        return Err(err(F, c"config is NULL"));
    }
    // SAFETY: config points to a PyConfig.
    let c = unsafe { &*config };
    // 0 is a zeroed configuration, which CPython accepts too.
    if !(0..=INIT_ISOLATED).contains(&c._config_init) {
        return Err(err(F, c"config is not initialized"));
    }
    // SAFETY: c's lists are lists.
    let lists = unsafe {
        (
            list_os_strings(&c.argv),
            list_os_strings(&c.orig_argv),
            list_strings(&c.warnoptions),
            list_strings(&c.xoptions),
        )
    };
    let (Some(args), Some(orig), Some(warnoptions), Some(xoptions)) = lists else {
        return Err(err(
            F,
            c"invalid argv, orig_argv, warnoptions or xoptions list",
        ));
    };
    let orig_argv = if orig.is_empty() { args.clone() } else { orig };
    let mut cfg = Config {
        isolated: c.isolated > 0,
        use_environment: c.use_environment > 0,
        site_import: c.site_import != 0,
        user_site_directory: c.user_site_directory != 0,
        write_bytecode: c.write_bytecode != 0,
        optimization_level: c.optimization_level.max(0),
        verbose: c.verbose.max(0),
        quiet: c.quiet.max(0),
        inspect: c.inspect.max(0),
        interactive: c.interactive.max(0),
        skip_source_first_line: c.skip_source_first_line > 0,
        bytes_warning: c.bytes_warning.max(0),
        parser_debug: c.parser_debug.max(0),
        buffered_stdio: c.buffered_stdio != 0,
        dev_mode: c.dev_mode > 0,
        warn_default_encoding: c.warn_default_encoding > 0,
        safe_path: c.safe_path > 0,
        use_hash_seed: if c.use_hash_seed > 0 { 1 } else { -1 },
        hash_seed: c.hash_seed,
        int_max_str_digits: c.int_max_str_digits,
        // The isolated configuration's pre-configuration turns UTF-8
        // mode off; otherwise the locale decides.
        utf8_mode: if c._config_init == INIT_ISOLATED {
            0
        } else {
            -1
        },
        configure_locale: c._config_init != INIT_ISOLATED,
        code_debug_ranges: c.code_debug_ranges != 0,
        import_time: c.import_time.max(0),
        faulthandler: c.faulthandler > 0,
        tracemalloc: c.tracemalloc.max(0),
        perf_profiling: c.perf_profiling.max(0),
        remote_debug: c.remote_debug != 0,
        show_ref_count: c.show_ref_count > 0,
        use_frozen_modules: c.use_frozen_modules != 0,
        thread_inherit_context: c.thread_inherit_context,
        context_aware_warnings: c.context_aware_warnings,
        malloc_stats: c.malloc_stats > 0,
        check_hash_pycs_mode: opt(c.check_hash_pycs_mode).unwrap_or_else(|| "default".into()),
        stdio_encoding: opt(c.stdio_encoding),
        stdio_errors: opt(c.stdio_errors),
        filesystem_encoding: opt(c.filesystem_encoding),
        filesystem_errors: opt(c.filesystem_errors),
        install_signal_handlers: c.install_signal_handlers > 0,
        program_name: opt(c.program_name),
        cpu_count: c.cpu_count,
        warnoptions,
        xoptions,
        home: opt(c.home),
        // SAFETY: the field is NULL or a wide string.
        pythonpath_env: (!c.pythonpath_env.is_null())
            .then(|| unsafe { wide_to_os(c.pythonpath_env) }),
        pycache_prefix: opt(c.pycache_prefix),
        stdlib_dir: opt(c.stdlib_dir),
        prefix: opt(c.prefix),
        exec_prefix: opt(c.exec_prefix),
        base_prefix: opt(c.base_prefix),
        base_exec_prefix: opt(c.base_exec_prefix),
        executable: opt(c.executable),
        platlibdir: opt(c.platlibdir).unwrap_or_else(|| "lib".into()),
        ..Config::default()
    };
    let mut cmdline_warnoptions = Vec::new();
    if c.parse_argv == 1 {
        match cmdline::parse(&mut cfg, &args) {
            Ok(parsed) => cmdline_warnoptions = parsed.warnoptions,
            Err(e) => {
                use std::io::Write;
                print!("{}", e.stdout);
                let _ = std::io::stdout().flush();
                eprint!("{}", e.stderr);
                return Err(PyStatus_Exit(e.status));
            }
        }
    } else {
        cfg.argv = args;
    }
    if cfg.program_name.is_none() {
        cfg.program_name = Some(
            orig_argv
                .first()
                .filter(|a| !a.is_empty())
                .map(|a| a.to_string_lossy().into_owned())
                .unwrap_or_else(|| "python3".into()),
        );
    }
    if cfg.argv.is_empty() {
        cfg.argv.push(OsString::new());
    }
    rconfig::read(&mut cfg, cmdline_warnoptions).map_err(config_error)?;
    // A faulthandler field set to 0 (the isolated configuration's
    // default) holds: only an unset one (-1) is turned on by
    // `-X faulthandler`, PYTHONFAULTHANDLER or the development mode, as
    // CPython's `config_read_complex_options` reads them.
    if c.faulthandler == 0 {
        cfg.faulthandler = false;
    }
    if c.module_search_paths_set != 0 {
        // SAFETY: as above.
        let Some(p) = (unsafe { list_os_strings(&c.module_search_paths) }) else {
            return Err(err(F, c"invalid module_search_paths list"));
        };
        cfg.module_search_paths = Some(p);
    }
    cfg.orig_argv = orig_argv;
    // SAFETY: a configuration's string fields are NULL or wide strings.
    let command = (!c.run_command.is_null()).then(|| unsafe { wide_to_os(c.run_command) });
    cfg.run_command = command.or(cfg.run_command);
    cfg.run_module = opt(c.run_module).or(cfg.run_module);
    // CPython makes the script's name absolute (it becomes `__file__`).
    // SAFETY: as for the command.
    let file = (!c.run_filename.is_null()).then(|| unsafe { wide_to_os(c.run_filename) });
    cfg.run_filename = file.or(cfg.run_filename).map(|f| {
        std::path::absolute(&f)
            .map(std::path::PathBuf::into_os_string)
            .unwrap_or(f)
    });
    Ok(cfg)
}

/// The standard streams' encoding and error handler a read
/// configuration ends with.
pub(crate) fn stdio_encoding(cfg: &Config) -> (String, String) {
    use crate::runtime::locale_config;
    (
        cfg.stdio_encoding
            .clone()
            .unwrap_or_else(|| locale_config::encoding(cfg)),
        cfg.stdio_errors
            .clone()
            .unwrap_or_else(|| locale_config::stdio_errors(cfg).into()),
    )
}

/// Sets the string field `f` to `v` (NULL for None).
unsafe fn put_string(f: &mut *mut wchar_t, v: Option<&str>) -> PyStatus {
    // SAFETY: per this function's contract.
    unsafe { put_with(f, v.map(wide_from_str)) }
}

/// [`put_string`] for a command-line string ([`wide_from_os`]).
unsafe fn put_os_string(f: &mut *mut wchar_t, v: Option<&std::ffi::OsStr>) -> PyStatus {
    // SAFETY: per this function's contract.
    unsafe { put_with(f, v.map(wide_from_os)) }
}

/// Sets the string field `f` to the raw wide string `v` (NULL for None;
/// a NULL string is a failed allocation).
unsafe fn put_with(f: &mut *mut wchar_t, v: Option<*mut wchar_t>) -> PyStatus {
    let new = match v {
        Some(p) => {
            if p.is_null() {
                return no_memory();
            }
            p
        }
        None => std::ptr::null_mut(),
    };
    // SAFETY: f holds NULL or a string from PyMem_RawMalloc.
    unsafe { crate::capi::memory::PyMem_RawFree((*f).cast()) };
    *f = new;
    crate::capi::config::PyStatus_Ok()
}

/// Writes `cfg` into every field of `c` that a read configuration has:
/// what `PyConfig_Read` leaves in the embedder's structure and what
/// `PyConfig_Get` reads from.
///
/// # Safety
/// `c` is an initialized `PyConfig` whose strings and lists come from
/// `PyMem_RawMalloc`.
pub(crate) unsafe fn write(cfg: &Config, c: &mut PyConfig) -> PyStatus {
    let b = |v: bool| v as c_int;
    c.isolated = b(cfg.isolated);
    c.use_environment = b(cfg.use_environment);
    c.dev_mode = b(cfg.dev_mode);
    c.install_signal_handlers = b(cfg.install_signal_handlers);
    c.use_hash_seed = cfg.use_hash_seed.max(0);
    c.hash_seed = cfg.hash_seed;
    c.faulthandler = b(cfg.faulthandler);
    c.tracemalloc = cfg.tracemalloc;
    c.perf_profiling = cfg.perf_profiling;
    c.remote_debug = b(cfg.remote_debug);
    c.import_time = cfg.import_time;
    c.code_debug_ranges = b(cfg.code_debug_ranges);
    c.show_ref_count = b(cfg.show_ref_count);
    c.malloc_stats = b(cfg.malloc_stats);
    c.site_import = b(cfg.site_import);
    c.bytes_warning = cfg.bytes_warning;
    c.warn_default_encoding = b(cfg.warn_default_encoding);
    c.inspect = cfg.inspect;
    c.interactive = cfg.interactive;
    c.optimization_level = cfg.optimization_level;
    c.parser_debug = cfg.parser_debug;
    c.write_bytecode = b(cfg.write_bytecode);
    c.verbose = cfg.verbose;
    c.quiet = cfg.quiet;
    c.user_site_directory = b(cfg.user_site_directory);
    c.buffered_stdio = b(cfg.buffered_stdio);
    c.use_frozen_modules = b(cfg.use_frozen_modules);
    c.safe_path = b(cfg.safe_path);
    c.int_max_str_digits = cfg.int_max_str_digits;
    c.thread_inherit_context = cfg.thread_inherit_context;
    c.context_aware_warnings = cfg.context_aware_warnings;
    c.cpu_count = cfg.cpu_count;
    c.skip_source_first_line = b(cfg.skip_source_first_line);
    if c.parse_argv == 1 {
        c.parse_argv = 2;
    }
    let (stdio_enc, stdio_err) = stdio_encoding(cfg);
    let exec = cfg.executable.as_deref();
    let search = cfg.module_search_paths.as_deref().unwrap_or(&[]);
    // SAFETY: the fields hold NULL or raw strings; lists are lists.
    unsafe {
        let fs_encoding = (cfg.filesystem_encoding.clone())
            .unwrap_or_else(|| crate::runtime::locale_config::encoding(cfg));
        let steps = [
            put_string(&mut c.filesystem_encoding, Some(&fs_encoding)),
            put_string(
                &mut c.filesystem_errors,
                Some(
                    cfg.filesystem_errors
                        .as_deref()
                        .unwrap_or("surrogateescape"),
                ),
            ),
            put_string(&mut c.pycache_prefix, cfg.pycache_prefix.as_deref()),
            set_os_list(&mut c.orig_argv, &cfg.orig_argv),
            set_os_list(&mut c.argv, &cfg.argv),
            set_list(&mut c.xoptions, &cfg.xoptions),
            set_list(&mut c.warnoptions, &cfg.warnoptions),
            put_string(&mut c.stdio_encoding, Some(&stdio_enc)),
            put_string(&mut c.stdio_errors, Some(&stdio_err)),
            put_string(&mut c.check_hash_pycs_mode, Some(&cfg.check_hash_pycs_mode)),
            put_string(&mut c.program_name, cfg.program_name.as_deref()),
            put_os_string(&mut c.pythonpath_env, cfg.pythonpath_env.as_deref()),
            put_string(&mut c.home, cfg.home.as_deref()),
            put_string(&mut c.platlibdir, Some(&cfg.platlibdir)),
            set_os_list(&mut c.module_search_paths, search),
            put_string(&mut c.stdlib_dir, cfg.stdlib_dir.as_deref()),
            put_string(&mut c.executable, exec),
            put_string(&mut c.base_executable, exec),
            put_string(&mut c.prefix, cfg.prefix.as_deref()),
            put_string(&mut c.base_prefix, cfg.base_prefix.as_deref()),
            put_string(&mut c.exec_prefix, cfg.exec_prefix.as_deref()),
            put_string(&mut c.base_exec_prefix, cfg.base_exec_prefix.as_deref()),
            put_os_string(&mut c.run_command, cfg.run_command.as_deref()),
            put_string(&mut c.run_module, cfg.run_module.as_deref()),
            put_os_string(&mut c.run_filename, cfg.run_filename.as_deref()),
        ];
        if let Some(st) = steps.into_iter().find(|st| st._type != STATUS_OK) {
            return st;
        }
    }
    c.module_search_paths_set = b(cfg.module_search_paths.is_some());
    crate::capi::config::PyStatus_Ok()
}
