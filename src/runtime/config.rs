//! The runtime's initialization configuration (`Python/initconfig.c`), in
//! Rust terms: what `Py_InitializeFromConfig` applies to the new
//! interpreter and what `Py_RunMain` runs afterwards.
use std::sync::Mutex;

/// A configuration that has been read: the command line already split
/// into what `sys.argv` shows and what the program runs, the options
/// applied, and (after `pathconfig::compute`) the paths filled in.
#[derive(Clone, Debug)]
pub struct Config {
    /// `sys.argv`.
    pub argv: Vec<String>,
    /// The command line as given (`Py_GetArgcArgv`, `sys.orig_argv`).
    pub orig_argv: Vec<String>,
    /// `sys.path` exactly, when the embedder set it
    /// (`module_search_paths_set`); after path computation, the search
    /// path in any case.
    pub module_search_paths: Option<Vec<String>>,
    /// The code `Py_RunMain` runs (`-c`).
    pub run_command: Option<String>,
    /// The module `Py_RunMain` runs (`-m`).
    pub run_module: Option<String>,
    /// The script `Py_RunMain` runs.
    pub run_filename: Option<String>,
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
    /// `-q`.
    pub quiet: bool,
    /// `-i`.
    pub inspect: bool,
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
    /// `PYTHONPATH` (or `PyConfig.pythonpath_env`).
    pub pythonpath_env: Option<String>,
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
            quiet: false,
            inspect: false,
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

/// Why a command line ends the program before it runs: text for stdout
/// (`-V`, `-h`) or stderr (a usage error), and the exit status.
#[derive(Debug)]
pub struct EarlyExit {
    pub stdout: String,
    pub stderr: String,
    pub status: i32,
}

/// The configuration of the running interpreter, for `Py_RunMain`.
static CURRENT: Mutex<Option<Config>> = Mutex::new(None);

/// The usage line for a bad command line.
const USAGE: &str = "usage: ferrython [option] ... [-c cmd | -m mod | file | -] [arg] ...";

/// What `-h` prints.
const HELP: &str = "\
Options (and corresponding environment variables):
-b     : issue warnings about str(bytes_instance) and comparing bytes/bytearray
         with str (-bb: issue errors)
-B     : don't write .pyc files on import; also PYTHONDONTWRITEBYTECODE=x
-c cmd : program passed in as string (terminates option list)
-d     : turn on parser debugging output
-E     : ignore PYTHON* environment variables (such as PYTHONPATH)
-h     : print this help message and exit (also -? or --help)
-i     : inspect interactively after running script
-I     : isolate Python from the user's environment (implies -E, -P and -s)
-m mod : run library module as a script (terminates option list)
-O     : remove assert and __debug__-dependent statements (-OO: also docstrings)
-P     : don't prepend a potentially unsafe path to sys.path
-q     : don't print version and copyright messages on interactive startup
-s     : don't add user site directory to sys.path; also PYTHONNOUSERSITE=x
-S     : don't imply 'import site' on initialization
-u     : force the stdout and stderr streams to be unbuffered
-v     : verbose (trace import statements); also PYTHONVERBOSE=x
-V     : print the Python version number and exit (also --version)
-W arg : warning control; also PYTHONWARNINGS=arg
-x     : skip first line of source
-X opt : set implementation-specific option
file   : program read from script file
-      : program read from stdin (default; interactive mode if a tty)
arg ...: arguments passed to program in sys.argv[1:]
";

fn usage_error(msg: String) -> EarlyExit {
    EarlyExit {
        stdout: String::new(),
        stderr: format!("{msg}\n{USAGE}\nTry `ferrython -h' for more information.\n"),
        status: 2,
    }
}

/// Splits a command line (`argv[0]` is the program) the way `python3`
/// does: options first (single letters may be grouped, `-W`/`-X` take an
/// argument, attached or next), then `-c CMD`, `-m MOD`, `-` or a script
/// name, which end the options; what follows is left to the program.
/// Applies the options to `cfg`.
pub fn parse_argv(cfg: &mut Config, args: &[String]) -> Result<(), EarlyExit> {
    let rest = args.get(1..).unwrap_or(&[]);
    let mut i = 0;
    while let Some(arg) = rest.get(i) {
        i += 1;
        match arg.as_str() {
            "--version" => return Err(version_exit()),
            "--help" => return Err(help_exit()),
            "-" => {
                cfg.argv = rest[i - 1..].to_vec();
                return Ok(());
            }
            "--" => break,
            a if a.starts_with("--") => {
                return Err(usage_error(format!("unknown option {a}")));
            }
            a if a.starts_with('-') => {
                let letters: Vec<char> = a[1..].chars().collect();
                let mut j = 0;
                while j < letters.len() {
                    let c = letters[j];
                    j += 1;
                    if matches!(c, 'c' | 'm' | 'W' | 'X') {
                        let attached: String = letters[j..].iter().collect();
                        let value = if !attached.is_empty() {
                            attached
                        } else if let Some(v) = rest.get(i) {
                            i += 1;
                            v.clone()
                        } else {
                            return Err(usage_error(format!(
                                "Argument expected for the -{c} option"
                            )));
                        };
                        match c {
                            'c' => {
                                cfg.run_command = Some(format!("{value}\n"));
                                cfg.argv = std::iter::once("-c".to_string())
                                    .chain(rest[i..].iter().cloned())
                                    .collect();
                                return Ok(());
                            }
                            'm' => {
                                cfg.run_module = Some(value.clone());
                                cfg.argv = std::iter::once(value)
                                    .chain(rest[i..].iter().cloned())
                                    .collect();
                                return Ok(());
                            }
                            'W' => cfg.warnoptions.push(value),
                            _ => apply_xoption(cfg, value),
                        }
                        break;
                    }
                    apply_flag(cfg, c)?;
                }
            }
            _ => {
                i -= 1;
                break;
            }
        }
    }
    match rest.get(i) {
        Some(script) => {
            cfg.run_filename = Some(script.clone());
            cfg.argv = rest[i..].to_vec();
        }
        None => cfg.argv = Vec::new(),
    }
    Ok(())
}

fn version_exit() -> EarlyExit {
    EarlyExit {
        stdout: "Python 3.14.0\n".to_string(),
        stderr: String::new(),
        status: 0,
    }
}

fn help_exit() -> EarlyExit {
    EarlyExit {
        stdout: format!("{USAGE}\n{HELP}"),
        stderr: String::new(),
        status: 0,
    }
}

/// Applies one single-letter option.
fn apply_flag(cfg: &mut Config, c: char) -> Result<(), EarlyExit> {
    match c {
        'b' => cfg.bytes_warning += 1,
        'B' => cfg.write_bytecode = false,
        'd' => cfg.parser_debug += 1,
        'E' => cfg.use_environment = false,
        'h' | '?' => return Err(help_exit()),
        'i' => cfg.inspect = true,
        'I' => {
            cfg.isolated = true;
            cfg.use_environment = false;
            cfg.user_site_directory = false;
            cfg.safe_path = true;
        }
        'O' => cfg.optimization_level += 1,
        'P' => cfg.safe_path = true,
        'q' => cfg.quiet = true,
        'R' | 'x' => {}
        's' => cfg.user_site_directory = false,
        'S' => cfg.site_import = false,
        'u' => cfg.buffered_stdio = false,
        'v' => cfg.verbose += 1,
        'V' => return Err(version_exit()),
        _ => return Err(usage_error(format!("Unknown option: -{c}"))),
    }
    Ok(())
}

/// Records a `-X` option and applies the ones this runtime knows.
fn apply_xoption(cfg: &mut Config, opt: String) {
    match opt.as_str() {
        "dev" => cfg.dev_mode = true,
        "warn_default_encoding" => cfg.warn_default_encoding = true,
        _ => {}
    }
    if let Some(p) = opt.strip_prefix("pycache_prefix=") {
        cfg.pycache_prefix = Some(p.to_string());
    }
    if let Some(n) = opt.strip_prefix("cpu_count=").and_then(|n| n.parse().ok()) {
        cfg.cpu_count = n;
    }
    cfg.xoptions.push(opt);
}

/// A `PYTHON*` variable, if set and non-empty.
fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The level a `PYTHONVERBOSE`-style variable asks for: its number, or 1
/// for any other text.
fn env_level(name: &str) -> Option<i32> {
    env(name).map(|v| v.parse::<i32>().map(|n| n.max(1)).unwrap_or(1))
}

/// Applies the `PYTHON*` environment variables (when `use_environment`):
/// the command line's options win where both say something.
pub fn apply_environment(cfg: &mut Config) {
    if !cfg.use_environment {
        return;
    }
    if cfg.home.is_none() {
        cfg.home = env("PYTHONHOME");
    }
    if cfg.pythonpath_env.is_none() {
        cfg.pythonpath_env = env("PYTHONPATH");
    }
    if env("PYTHONDONTWRITEBYTECODE").is_some() {
        cfg.write_bytecode = false;
    }
    if env("PYTHONNOUSERSITE").is_some() {
        cfg.user_site_directory = false;
    }
    if env("PYTHONSAFEPATH").is_some() {
        cfg.safe_path = true;
    }
    if env("PYTHONUNBUFFERED").is_some() {
        cfg.buffered_stdio = false;
    }
    if env("PYTHONINSPECT").is_some() {
        cfg.inspect = true;
    }
    if env("PYTHONDEVMODE").is_some() {
        cfg.dev_mode = true;
    }
    if let Some(n) = env_level("PYTHONVERBOSE") {
        cfg.verbose = cfg.verbose.max(n);
    }
    if let Some(n) = env_level("PYTHONOPTIMIZE") {
        cfg.optimization_level = cfg.optimization_level.max(n);
    }
    if cfg.pycache_prefix.is_none() {
        cfg.pycache_prefix = env("PYTHONPYCACHEPREFIX");
    }
    if cfg.cpu_count < 0 {
        if let Some(n) = env("PYTHON_CPU_COUNT").and_then(|n| n.parse().ok()) {
            cfg.cpu_count = n;
        }
    }
    if let Some(w) = env("PYTHONWARNINGS") {
        let from_env = w.split(',').filter(|s| !s.is_empty()).map(str::to_string);
        // The variable's options come before the command line's.
        let mut opts: Vec<String> = from_env.collect();
        opts.append(&mut cfg.warnoptions);
        cfg.warnoptions = opts;
    }
}

/// Records the configuration the interpreter was initialized with.
pub fn set_current(cfg: Option<Config>) {
    *CURRENT.lock().unwrap_or_else(|e| e.into_inner()) = cfg;
}

/// The configuration the interpreter was initialized with, if any.
pub fn current() -> Option<Config> {
    CURRENT.lock().unwrap_or_else(|e| e.into_inner()).clone()
}
