//! The runtime's initialization configuration (`Python/initconfig.c`), in
//! Rust terms: what `Py_InitializeFromConfig` applies to the new
//! interpreter and what `Py_RunMain` runs afterwards.
use std::ffi::{CStr, OsString};
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU8, Ordering};
use std::sync::Mutex;

/// A configuration that has been read: the command line already split
/// into what `sys.argv` shows and what the program runs, the options
/// applied, and (after `pathconfig::compute`) the paths filled in.
#[derive(Clone, Debug)]
pub struct Config {
    /// `sys.argv`: the bytes of the command line's words (a word that is
    /// not UTF-8 shows in `sys.argv` with its bytes escaped, as
    /// `os.fsdecode` does).
    pub argv: Vec<OsString>,
    /// The command line as given (`Py_GetArgcArgv`, `sys.orig_argv`).
    pub orig_argv: Vec<OsString>,
    /// `sys.path` exactly, when the embedder set it
    /// (`module_search_paths_set`); after path computation, the search
    /// path in any case (bytes: an entry that is not UTF-8 shows in
    /// `sys.path` with its bytes escaped).
    pub module_search_paths: Option<Vec<OsString>>,
    /// The code `Py_RunMain` runs (`-c`), as given (it must be UTF-8).
    pub run_command: Option<OsString>,
    /// The module `Py_RunMain` runs (`-m`).
    pub run_module: Option<String>,
    /// The script `Py_RunMain` runs (bytes that are not UTF-8 allowed).
    pub run_filename: Option<OsString>,
    /// Whether `Py_RunMain` leaves `sys.path` alone (otherwise it puts the
    /// script's directory, or `''` for a command, first): `-P`, `-I`.
    pub safe_path: bool,
    /// `sys.executable`, when the embedder set it.
    pub executable: Option<String>,
    /// `-I`.
    pub isolated: bool,
    /// Whether `PYTHON*` environment variables are read (not `-E`/`-I`).
    pub use_environment: bool,
    /// Whether `site` is imported at startup (not `-S`).
    pub site_import: bool,
    /// Whether `site` adds the user site directory (not `-s`).
    pub user_site_directory: bool,
    /// Whether imports may write `.pyc` files (not `-B`).
    pub write_bytecode: bool,
    /// `-O` count.
    pub optimization_level: i32,
    /// `-v` count.
    pub verbose: i32,
    /// `-q` count.
    pub quiet: i32,
    /// `-i` count, or `PYTHONINSPECT`: inspect after running the program.
    pub inspect: i32,
    /// `-i` count: the interpreter is interactive.
    pub interactive: i32,
    /// `-x`: the script's first line is not Python.
    pub skip_source_first_line: bool,
    /// 1 when `hash_seed` seeds the hashes of `str` and `bytes` (a seed
    /// of 0 disables randomization), 0 for a random secret, -1 until
    /// `PYTHONHASHSEED` is read.
    pub use_hash_seed: i32,
    /// The hash seed when `use_hash_seed`.
    pub hash_seed: u64,
    /// `-X int_max_str_digits` or `PYTHONINTMAXSTRDIGITS`; -1 for the
    /// default.
    pub int_max_str_digits: i32,
    /// UTF-8 mode (`-X utf8`, `PYTHONUTF8`): -1 when not set.
    pub utf8_mode: i32,
    /// Not `-X no_debug_ranges` / `PYTHONNODEBUGRANGES`.
    pub code_debug_ranges: bool,
    /// `-X importtime[=2]` / `PYTHONPROFILEIMPORTTIME`.
    pub import_time: i32,
    /// `-X faulthandler` / `PYTHONFAULTHANDLER`.
    pub faulthandler: bool,
    /// `-X tracemalloc[=N]` / `PYTHONTRACEMALLOC`: frames to keep, 0 when
    /// off.
    pub tracemalloc: i32,
    /// `-X perf` (1) / `-X perf_jit` (2) / `PYTHONPERFSUPPORT`.
    pub perf_profiling: i32,
    /// Not `-X disable-remote-debug` / `PYTHON_DISABLE_REMOTE_DEBUG`.
    pub remote_debug: bool,
    /// `-X showrefcount`.
    pub show_ref_count: bool,
    /// `-X frozen_modules=on|off` / `PYTHON_FROZEN_MODULES`.
    pub use_frozen_modules: bool,
    /// `-X thread_inherit_context` / `PYTHON_THREAD_INHERIT_CONTEXT`.
    pub thread_inherit_context: i32,
    /// `-X context_aware_warnings` / `PYTHON_CONTEXT_AWARE_WARNINGS`.
    pub context_aware_warnings: i32,
    /// `PYTHONMALLOCSTATS`.
    pub malloc_stats: bool,
    /// `--check-hash-based-pycs`.
    pub check_hash_pycs_mode: String,
    /// The encoding of `sys.stdin`/`stdout`/`stderr` (`PYTHONIOENCODING`).
    pub stdio_encoding: Option<String>,
    /// Their error handler (`PYTHONIOENCODING=:errors`).
    pub stdio_errors: Option<String>,
    /// The codec of file names (`PyConfig.filesystem_encoding`); None for
    /// the locale's.
    pub filesystem_encoding: Option<String>,
    /// Its error handler (`PyConfig.filesystem_errors`); None for
    /// "surrogateescape".
    pub filesystem_errors: Option<String>,
    /// Whether Python installs its signal handlers (SIGINT).
    pub install_signal_handlers: bool,
    /// The program's name (`argv[0]` of the command line, or the
    /// embedder's `program_name`).
    pub program_name: Option<String>,
    /// `-b` count.
    pub bytes_warning: i32,
    /// `-d` count.
    pub parser_debug: i32,
    /// Not `-u`.
    pub buffered_stdio: bool,
    /// `-X dev`.
    pub dev_mode: bool,
    /// `-X warn_default_encoding`.
    pub warn_default_encoding: bool,
    /// `sys.warnoptions`: the embedder's, then `PYTHONWARNINGS`, then `-W`.
    pub warnoptions: Vec<String>,
    /// `-X` options, as given (`sys._xoptions`).
    pub xoptions: Vec<String>,
    /// `PyConfig.home` or `PYTHONHOME`: `prefix[:exec_prefix]` of the
    /// installation whose standard library is used.
    pub home: Option<String>,
    /// `PYTHONPATH` (or `PyConfig.pythonpath_env`), as bytes.
    pub pythonpath_env: Option<OsString>,
    /// `sys.pycache_prefix`.
    pub pycache_prefix: Option<String>,
    /// The standard library's directory (`sys._stdlib_dir`).
    pub stdlib_dir: Option<String>,
    /// `sys.prefix`.
    pub prefix: Option<String>,
    /// `sys.exec_prefix`.
    pub exec_prefix: Option<String>,
    /// `sys.base_prefix`.
    pub base_prefix: Option<String>,
    /// `sys.base_exec_prefix`.
    pub base_exec_prefix: Option<String>,
    /// `sys.platlibdir`.
    pub platlibdir: String,
    /// `-X cpu_count=N` or `PYTHON_CPU_COUNT` (`os.cpu_count()`'s
    /// override), -1 when not set.
    pub cpu_count: i32,
    /// Whether initialization sets `LC_CTYPE` from the environment (the
    /// preconfiguration's `configure_locale`: true unless isolated).
    pub configure_locale: bool,
}

impl Default for Config {
    /// The Python configuration's defaults (`PyConfig_InitPythonConfig`).
    fn default() -> Config {
        Config {
            argv: Vec::new(),
            orig_argv: Vec::new(),
            module_search_paths: None,
            run_command: None,
            run_module: None,
            run_filename: None,
            safe_path: false,
            executable: None,
            isolated: false,
            use_environment: true,
            site_import: true,
            user_site_directory: true,
            write_bytecode: true,
            optimization_level: 0,
            verbose: 0,
            quiet: 0,
            inspect: 0,
            interactive: 0,
            skip_source_first_line: false,
            use_hash_seed: -1,
            hash_seed: 0,
            int_max_str_digits: -1,
            utf8_mode: -1,
            code_debug_ranges: true,
            import_time: 0,
            faulthandler: false,
            tracemalloc: 0,
            perf_profiling: 0,
            remote_debug: true,
            show_ref_count: false,
            use_frozen_modules: true,
            thread_inherit_context: 0,
            context_aware_warnings: 0,
            malloc_stats: false,
            check_hash_pycs_mode: "default".to_string(),
            stdio_encoding: None,
            stdio_errors: None,
            filesystem_encoding: None,
            filesystem_errors: None,
            install_signal_handlers: true,
            program_name: None,
            bytes_warning: 0,
            parser_debug: 0,
            buffered_stdio: true,
            dev_mode: false,
            warn_default_encoding: false,
            warnoptions: Vec::new(),
            xoptions: Vec::new(),
            home: None,
            pythonpath_env: None,
            pycache_prefix: None,
            stdlib_dir: None,
            prefix: None,
            exec_prefix: None,
            base_prefix: None,
            base_exec_prefix: None,
            platlibdir: "lib".to_string(),
            cpu_count: -1,
            configure_locale: true,
        }
    }
}

/// An error found while reading a configuration (a `PyStatus` error):
/// the CPython function that reports it, if it names one, and the
/// message.
#[derive(Debug)]
pub struct ConfigError {
    pub func: Option<&'static CStr>,
    pub msg: String,
}

fn error(func: &'static CStr, msg: &str) -> ConfigError {
    ConfigError {
        func: Some(func),
        msg: msg.to_string(),
    }
}

/// How far pre-initialization got, for "Python runtime state" in fatal
/// error reports: 0 not started, 1 preinitializing, 2 preinitialized.
static PREINIT: AtomicU8 = AtomicU8::new(0);

/// The UTF-8 mode the last `Py_PreInitialize` asked for (-1: none). The
/// runtime is pre-initialized once, so it wins over the `-X utf8` and
/// `PYTHONUTF8` of the configurations read afterwards.
static PRE_UTF8: AtomicI32 = AtomicI32::new(-1);

/// Records the pre-configuration's UTF-8 mode (`PyPreConfig.utf8_mode`,
/// or `-X utf8` of the arguments `Py_PreInitializeFromArgs` parses).
pub fn set_preconfig_utf8_mode(mode: i32) {
    PRE_UTF8.store(mode, Ordering::Relaxed);
}

/// Records that pre-initialization (`Py_PreInitialize`, or the locale
/// and UTF-8 part of reading a configuration) is done.
pub fn set_preinitialized() {
    PREINIT.store(2, Ordering::Relaxed);
}

/// The runtime state a fatal error report names, as CPython words it.
pub fn runtime_state() -> &'static str {
    if crate::runtime::lifecycle::is_finalizing() {
        "finalizing"
    } else if crate::runtime::lifecycle::is_initialized() {
        "initialized"
    } else {
        match PREINIT.load(Ordering::Relaxed) {
            2 => "preinitialized",
            1 => "preinitializing",
            _ => "unknown",
        }
    }
}

/// A `PYTHON*` variable, if the environment is used and it is set and
/// non-empty.
fn env(cfg: &Config, name: &str) -> Option<String> {
    if !cfg.use_environment {
        return None;
    }
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The first `-X name` or `-X name=value` option: `Some(None)` for the
/// first form, `Some(Some(value))` for the second.
fn xoption<'a>(cfg: &'a Config, name: &str) -> Option<Option<&'a str>> {
    cfg.xoptions
        .iter()
        .find_map(|x| match x.strip_prefix(name)? {
            "" => Some(None),
            v => v.strip_prefix('=').map(Some),
        })
}

/// `_Py_str_to_int`: a whole decimal `int` (leading blanks and a sign
/// allowed, as `strtol` reads it).
fn str_to_int(s: &str) -> Option<i32> {
    s.trim_start().parse().ok()
}

/// The level a flag variable such as `PYTHONVERBOSE` asks for: its
/// number, or 1 for text that is not a non-negative number.
fn env_level(cfg: &Config, name: &str) -> i32 {
    env(cfg, name).map_or(0, |v| str_to_int(&v).filter(|n| *n >= 0).unwrap_or(1))
}

/// Reads the pre-configuration part (`Python/preconfig.c`): UTF-8 mode
/// and development mode.
fn read_preconfig(cfg: &mut Config) -> Result<(), ConfigError> {
    const F: &CStr = c"preconfig_init_utf8_mode";
    if let Some(v) = xoption(cfg, "utf8") {
        cfg.utf8_mode = match v {
            None | Some("1") => 1,
            Some("0") => 0,
            _ => return Err(error(F, "invalid -X utf8 option value")),
        };
    } else if let Some(v) = env(cfg, "PYTHONUTF8") {
        cfg.utf8_mode = match v.as_str() {
            "1" => 1,
            "0" => 0,
            _ => return Err(error(F, "invalid PYTHONUTF8 environment variable value")),
        };
    } else if cfg.utf8_mode < 0 {
        // On under the "C" or "POSIX" locale, as CPython decides.
        cfg.utf8_mode = crate::runtime::locale_config::env_is_c_locale() as i32;
    }
    let pre = PRE_UTF8.load(Ordering::Relaxed);
    if pre >= 0 {
        cfg.utf8_mode = pre;
    }
    if xoption(cfg, "dev").is_some() || env(cfg, "PYTHONDEVMODE").is_some() {
        cfg.dev_mode = true;
    }
    Ok(())
}

/// `config_init_hash_seed`: `PYTHONHASHSEED` is "random" or a number in
/// [0; 4294967295] (read as `strtoul` does).
fn read_hash_seed(cfg: &mut Config) -> Result<(), ConfigError> {
    if cfg.use_hash_seed >= 0 {
        return Ok(());
    }
    cfg.use_hash_seed = 0;
    let Some(text) = env(cfg, "PYTHONHASHSEED").filter(|t| t != "random") else {
        return Ok(());
    };
    let t = text.trim_start();
    let (neg, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let seed = digits
        .parse::<u64>()
        .ok()
        .filter(|_| !digits.starts_with('+'))
        .map(|n| if neg { n.wrapping_neg() } else { n })
        .filter(|&n| n <= u32::MAX as u64);
    let Some(seed) = seed else {
        return Err(error(
            c"config_init_hash_seed",
            "PYTHONHASHSEED must be \"random\" or an integer in range [0; 4294967295]",
        ));
    };
    cfg.use_hash_seed = 1;
    cfg.hash_seed = seed;
    Ok(())
}

/// `-X name=N` or the variable `var` as a number, checked by `ok`:
/// the option wins over the variable.
fn numeric_option(
    cfg: &Config,
    name: &str,
    var: &str,
    ok: impl Fn(i32) -> bool,
    func: &'static CStr,
    var_msg: &str,
    opt_msg: &str,
) -> Result<Option<i32>, ConfigError> {
    let mut value = None;
    if let Some(v) = env(cfg, var) {
        value = Some(
            str_to_int(&v)
                .filter(|n| ok(*n))
                .ok_or_else(|| error(func, var_msg))?,
        );
    }
    if let Some(v) = xoption(cfg, name) {
        value = Some(
            v.and_then(str_to_int)
                .filter(|n| ok(*n))
                .ok_or_else(|| error(func, opt_msg))?,
        );
    }
    Ok(value)
}

/// A `-X name=on|off` option (or its variable `var`); the option with no
/// value (`-X name`, `-X name=`) means on.
fn on_off(cfg: &Config, name: &str, var: &str) -> Result<Option<bool>, ConfigError> {
    let parse = |v: Option<&str>, what: String| match v {
        Some("on") => Ok(true),
        Some("off") => Ok(false),
        _ => Err(ConfigError {
            func: None,
            msg: format!("bad value for {what} (expected \"on\" or \"off\")"),
        }),
    };
    match xoption(cfg, name) {
        Some(None | Some("")) => return Ok(Some(true)),
        Some(v) => return parse(v, format!("option -X {name}")).map(Some),
        None => {}
    }
    match env(cfg, var) {
        Some(v) => parse(Some(&v), var.to_string()).map(Some),
        None => Ok(None),
    }
}

/// The `-X` options and environment variables that take values
/// (`config_read_complex_options` and friends), checked as CPython does.
fn read_complex_options(cfg: &mut Config) -> Result<(), ConfigError> {
    const DIGITS: &str = "invalid limit; must be >= 640 or 0 for unlimited.";
    if let Some(n) = numeric_option(
        cfg,
        "int_max_str_digits",
        "PYTHONINTMAXSTRDIGITS",
        |n| n == 0 || n >= 640,
        c"config_init_int_max_str_digits",
        &format!("PYTHONINTMAXSTRDIGITS: {DIGITS}"),
        &format!("-X int_max_str_digits: {DIGITS}"),
    )? {
        cfg.int_max_str_digits = n;
    }
    if cfg.int_max_str_digits < 0 {
        cfg.int_max_str_digits = crate::object::int_text::DEFAULT_MAX_STR_DIGITS as i32;
    }
    const CPU: &str =
        "-X cpu_count=n option: n is missing or an invalid number, n must be greater than 0";
    let cpu = |v: Option<&str>| match v {
        Some("default") => Ok(-1),
        v => v
            .and_then(str_to_int)
            .filter(|n| *n >= 1)
            .ok_or_else(|| error(c"config_init_cpu_count", CPU)),
    };
    if let Some(v) = env(cfg, "PYTHON_CPU_COUNT") {
        cfg.cpu_count = cpu(Some(&v))?;
    }
    if let Some(v) = xoption(cfg, "cpu_count") {
        cfg.cpu_count = cpu(v)?;
    }
    if let Some(v) = env(cfg, "PYTHONTRACEMALLOC") {
        cfg.tracemalloc = str_to_int(&v).filter(|n| *n >= 0).ok_or_else(|| {
            error(
                c"config_init_tracemalloc",
                "PYTHONTRACEMALLOC: invalid number of frames",
            )
        })?;
    }
    if let Some(v) = xoption(cfg, "tracemalloc") {
        cfg.tracemalloc = match v {
            None => 1,
            Some(v) => str_to_int(v).filter(|n| *n >= 0).ok_or_else(|| {
                error(
                    c"config_init_tracemalloc",
                    "-X tracemalloc=NFRAME: invalid number of frames",
                )
            })?,
        };
    }
    if let Some(on) = on_off(cfg, "frozen_modules", "PYTHON_FROZEN_MODULES")? {
        cfg.use_frozen_modules = on;
    }
    if xoption(cfg, "importtime").is_some() || env(cfg, "PYTHONPROFILEIMPORTTIME").is_some() {
        let level = xoption(cfg, "importtime")
            .flatten()
            .map(str::to_string)
            .or_else(|| env(cfg, "PYTHONPROFILEIMPORTTIME"));
        cfg.import_time = if level.as_deref() == Some("2") { 2 } else { 1 };
    }
    if xoption(cfg, "perf").is_some() || env(cfg, "PYTHONPERFSUPPORT").as_deref() == Some("1") {
        cfg.perf_profiling = 1;
    }
    if xoption(cfg, "perf_jit").is_some()
        || env(cfg, "PYTHON_PERF_JIT_SUPPORT").as_deref() == Some("1")
    {
        cfg.perf_profiling = 2;
    }
    if xoption(cfg, "disable-remote-debug").is_some()
        || env(cfg, "PYTHON_DISABLE_REMOTE_DEBUG").is_some()
    {
        cfg.remote_debug = false;
    }
    let level = |cfg: &Config, name: &str, var: &str| {
        xoption(cfg, name)
            .map(|v| v.unwrap_or("1").to_string())
            .or_else(|| env(cfg, var))
            .as_deref()
            .and_then(str_to_int)
    };
    if let Some(n) = level(
        cfg,
        "thread_inherit_context",
        "PYTHON_THREAD_INHERIT_CONTEXT",
    ) {
        cfg.thread_inherit_context = n;
    }
    if let Some(n) = level(
        cfg,
        "context_aware_warnings",
        "PYTHON_CONTEXT_AWARE_WARNINGS",
    ) {
        cfg.context_aware_warnings = n;
    }
    if xoption(cfg, "no_debug_ranges").is_some() || env(cfg, "PYTHONNODEBUGRANGES").is_some() {
        cfg.code_debug_ranges = false;
    }
    // The development mode implies faulthandler.
    if xoption(cfg, "faulthandler").is_some()
        || env(cfg, "PYTHONFAULTHANDLER").is_some()
        || cfg.dev_mode
    {
        cfg.faulthandler = true;
    }
    if xoption(cfg, "warn_default_encoding").is_some()
        || env(cfg, "PYTHONWARNDEFAULTENCODING").is_some()
    {
        cfg.warn_default_encoding = true;
    }
    if xoption(cfg, "showrefcount").is_some() {
        cfg.show_ref_count = true;
    }
    // `-X pycache_prefix` without a path (or with an empty one) turns the
    // variable's prefix off.
    if let Some(p) = xoption(cfg, "pycache_prefix") {
        cfg.pycache_prefix = p.filter(|p| !p.is_empty()).map(str::to_string);
    } else if cfg.pycache_prefix.is_none() {
        cfg.pycache_prefix = env(cfg, "PYTHONPYCACHEPREFIX");
    }
    Ok(())
}

/// `PyConfig_Read` in Rust terms: applies the `PYTHON*` environment
/// variables (unless `use_environment` is off; the command line's options
/// win where both say something) and the `-X` options, checks their
/// values as CPython does, and computes `warnoptions` from the
/// dev mode, `PYTHONWARNINGS`, `cmdline_warnoptions` (`-W`), `-b` and
/// the embedder's, in that order.
pub fn read(cfg: &mut Config, cmdline_warnoptions: Vec<String>) -> Result<(), ConfigError> {
    // Isolated mode, however it was asked for (`-I`, or the field set by
    // an embedder), implies -E, -P and -s (`_PyConfig_Read`).
    if cfg.isolated {
        cfg.use_environment = false;
        cfg.user_site_directory = false;
        cfg.safe_path = true;
    }
    let first = PREINIT.fetch_max(1, Ordering::Relaxed) < 2;
    read_preconfig(cfg)?;
    if first {
        // The pre-initialization sets the locale once, for good.
        crate::runtime::locale_config::configure(cfg);
    }
    set_preinitialized();
    // A variable raises a level the command line set, never lowers it.
    cfg.parser_debug = cfg.parser_debug.max(env_level(cfg, "PYTHONDEBUG"));
    cfg.verbose = cfg.verbose.max(env_level(cfg, "PYTHONVERBOSE"));
    cfg.optimization_level = cfg.optimization_level.max(env_level(cfg, "PYTHONOPTIMIZE"));
    cfg.inspect = cfg.inspect.max(env_level(cfg, "PYTHONINSPECT"));
    if env_level(cfg, "PYTHONDONTWRITEBYTECODE") > 0 {
        cfg.write_bytecode = false;
    }
    if env_level(cfg, "PYTHONNOUSERSITE") > 0 {
        cfg.user_site_directory = false;
    }
    if env_level(cfg, "PYTHONUNBUFFERED") > 0 {
        cfg.buffered_stdio = false;
    }
    if env(cfg, "PYTHONSAFEPATH").is_some() {
        cfg.safe_path = true;
    }
    if env(cfg, "PYTHONMALLOCSTATS").is_some() {
        cfg.malloc_stats = true;
    }
    if cfg.home.is_none() {
        cfg.home = env(cfg, "PYTHONHOME");
    }
    if cfg.pythonpath_env.is_none() {
        cfg.pythonpath_env = cfg
            .use_environment
            .then(|| std::env::var_os("PYTHONPATH"))
            .flatten()
            .filter(|v| !v.is_empty());
    }
    if let Some(p) = env(cfg, "PYTHONPLATLIBDIR") {
        cfg.platlibdir = p;
    }
    if let Some(io) = env(cfg, "PYTHONIOENCODING") {
        let (enc, errors) = match io.split_once(':') {
            Some((e, r)) => (e, Some(r)),
            None => (io.as_str(), None),
        };
        if cfg.stdio_encoding.is_none() && !enc.is_empty() {
            cfg.stdio_encoding = Some(enc.to_string());
        }
        if let (None, Some(r)) = (&cfg.stdio_errors, errors.filter(|r| !r.is_empty())) {
            cfg.stdio_errors = Some(r.to_string());
        }
    }
    read_hash_seed(cfg)?;
    read_complex_options(cfg)?;
    // The embedder's options stay last; an option already present is not
    // added again (CPython's `config_init_warnoptions`).
    let embedder = std::mem::take(&mut cfg.warnoptions);
    let env_options: Vec<String> = env(cfg, "PYTHONWARNINGS")
        .map(|w| {
            w.split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let bytes = match cfg.bytes_warning {
        0 => None,
        1 => Some("default::BytesWarning".to_string()),
        _ => Some("error::BytesWarning".to_string()),
    };
    let added = cfg
        .dev_mode
        .then(|| "default".to_string())
        .into_iter()
        .chain(env_options)
        .chain(cmdline_warnoptions)
        .chain(bytes);
    let mut options: Vec<String> = Vec::new();
    for o in added {
        if !options.contains(&o) && !embedder.contains(&o) {
            options.push(o);
        }
    }
    options.extend(embedder);
    cfg.warnoptions = options;
    Ok(())
}
/// The configuration of the running interpreter, for `Py_RunMain`.
static CURRENT: Mutex<Option<Config>> = Mutex::new(None);

/// The optimization level code is compiled with (`-O` count), kept apart
/// from [`CURRENT`] because every compilation reads it.
static OPTIMIZE: AtomicI32 = AtomicI32::new(0);

/// `PyConfig.inspect` of the running interpreter, which decides whether an
/// uncaught `SystemExit` exits (`_Py_HandleSystemExit`); `Py_RunMain`
/// clears it when it enters the prompt after the program.
static INSPECT: AtomicI32 = AtomicI32::new(0);

/// Whether the interpreter inspects after the program (`-i`,
/// `PYTHONINSPECT`): a `SystemExit` is then printed, not obeyed.
pub fn inspect() -> bool {
    INSPECT.load(Ordering::Relaxed) != 0
}

/// Sets the running interpreter's `inspect` value (`pymain_set_inspect`).
pub fn set_inspect(on: bool) {
    INSPECT.store(on as i32, Ordering::Relaxed);
}

/// `PyConfig.bytes_warning` (`-b` count), read by `str(bytes)` and
/// bytes comparisons.
static BYTES_WARNING: AtomicI32 = AtomicI32::new(0);

/// `-b` count of the running interpreter: whether `str()` of bytes and
/// comparisons of bytes with str or int warn (`BytesWarning`; `-bb`
/// makes the warnings errors through the warning filters).
pub fn bytes_warning() -> i32 {
    BYTES_WARNING.load(Ordering::Relaxed)
}

/// `PyConfig.dev_mode` (`-X dev`) of the running interpreter.
static DEV_MODE: AtomicBool = AtomicBool::new(false);

/// Whether the running interpreter is in development mode (`-X dev`):
/// extra checks, such as the codec and error handler names of every
/// encode and decode.
pub fn dev_mode() -> bool {
    DEV_MODE.load(Ordering::Relaxed)
}

/// `PyConfig.verbose` (`-v` count) of the running interpreter: import
/// tracing on stderr.
static VERBOSE: AtomicI32 = AtomicI32::new(0);

/// `-v` count of the running interpreter.
pub fn verbose() -> i32 {
    VERBOSE.load(Ordering::Relaxed)
}

/// `PyConfig.import_time` (`-X importtime`) of the running interpreter.
static IMPORT_TIME: AtomicI32 = AtomicI32::new(0);

/// Whether imports are timed (`-X importtime`, `PYTHONPROFILEIMPORTTIME`).
pub fn import_time() -> i32 {
    IMPORT_TIME.load(Ordering::Relaxed)
}

/// `PyConfig.code_debug_ranges` of the running interpreter (false under
/// `-X no_debug_ranges` / `PYTHONNODEBUGRANGES`).
static CODE_DEBUG_RANGES: AtomicBool = AtomicBool::new(true);

/// Whether code objects keep their column positions: without them
/// `co_positions()` has None for columns and tracebacks show no carets.
pub fn code_debug_ranges() -> bool {
    CODE_DEBUG_RANGES.load(Ordering::Relaxed)
}

/// The interpreter's optimization level: what `compile()` with
/// `optimize=-1` and imports compile with (asserts and `__debug__` at 1,
/// docstrings too at 2).
pub fn optimization_level() -> i32 {
    OPTIMIZE.load(Ordering::Relaxed)
}

/// Records the configuration the interpreter was initialized with.
pub fn set_current(cfg: Option<Config>) {
    if cfg.is_none() {
        // Finalized: the next initialization pre-initializes afresh.
        PRE_UTF8.store(-1, Ordering::Relaxed);
        PREINIT.store(0, Ordering::Relaxed);
    }
    OPTIMIZE.store(
        cfg.as_ref().map_or(0, |c| c.optimization_level),
        Ordering::Relaxed,
    );
    INSPECT.store(cfg.as_ref().map_or(0, |c| c.inspect), Ordering::Relaxed);
    BYTES_WARNING.store(
        cfg.as_ref().map_or(0, |c| c.bytes_warning),
        Ordering::Relaxed,
    );
    DEV_MODE.store(cfg.as_ref().is_some_and(|c| c.dev_mode), Ordering::Relaxed);
    VERBOSE.store(cfg.as_ref().map_or(0, |c| c.verbose), Ordering::Relaxed);
    IMPORT_TIME.store(cfg.as_ref().map_or(0, |c| c.import_time), Ordering::Relaxed);
    CODE_DEBUG_RANGES.store(
        cfg.as_ref().is_none_or(|c| c.code_debug_ranges),
        Ordering::Relaxed,
    );
    *CURRENT.lock().unwrap_or_else(|e| e.into_inner()) = cfg;
}

/// Changes the running configuration (a value initialization derives,
/// such as the normalized file-system encoding).
pub fn update_current(change: impl FnOnce(&mut Config)) {
    if let Some(cfg) = CURRENT.lock().unwrap_or_else(|e| e.into_inner()).as_mut() {
        change(cfg);
    }
}

/// The configuration the interpreter was initialized with, if any.
pub fn current() -> Option<Config> {
    CURRENT.lock().unwrap_or_else(|e| e.into_inner()).clone()
}
