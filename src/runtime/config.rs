//! The runtime's initialization configuration (`Python/initconfig.c`), in
//! Rust terms: what `Py_InitializeFromConfig` applies to the new
//! interpreter and what `Py_RunMain` runs afterwards.
use std::sync::Mutex;

/// A configuration that has been read: the command line already split
/// into what `sys.argv` shows and what the program runs.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// `sys.argv`.
    pub argv: Vec<String>,
    /// The command line as given (`Py_GetArgcArgv`).
    pub orig_argv: Vec<String>,
    /// `sys.path` when the embedder set it (`module_search_paths_set`).
    pub module_search_paths: Option<Vec<String>>,
    /// The code `Py_RunMain` runs (`-c`).
    pub run_command: Option<String>,
    /// The module `Py_RunMain` runs (`-m`).
    pub run_module: Option<String>,
    /// The script `Py_RunMain` runs.
    pub run_filename: Option<String>,
    /// Whether `Py_RunMain` leaves `sys.path` alone (otherwise it puts the
    /// script's directory, or `''` for a command, first).
    pub safe_path: bool,
    /// `sys.executable`, when the embedder set it.
    pub executable: Option<String>,
}

/// Why a command line could not be read: the message for stderr and the
/// exit status (2, as `python3` uses for usage errors).
#[derive(Debug)]
pub struct UsageError(pub String);

/// The configuration of the running interpreter, for `Py_RunMain`.
static CURRENT: Mutex<Option<Config>> = Mutex::new(None);

/// Splits a command line (`argv[0]` is the program) the way `python3`
/// does for the options this runtime knows: `-c CMD`, `-m MOD` and a
/// script name end the options; what follows is left to the program.
pub fn parse_argv(args: &[String]) -> Result<Config, UsageError> {
    let rest = args.get(1..).unwrap_or(&[]);
    let mut cfg = Config::default();
    match rest.first().map(String::as_str) {
        Some(opt @ ("-c" | "-m")) => {
            let Some(v) = rest.get(1) else {
                return Err(UsageError(format!(
                    "Argument expected for the {opt} option"
                )));
            };
            if opt == "-c" {
                cfg.run_command = Some(format!("{v}\n"));
                cfg.argv = std::iter::once("-c".to_string())
                    .chain(rest[2..].iter().cloned())
                    .collect();
            } else {
                cfg.run_module = Some(v.clone());
                cfg.argv = std::iter::once(v.clone())
                    .chain(rest[2..].iter().cloned())
                    .collect();
            }
        }
        Some("-") | None => {
            cfg.argv = if rest.is_empty() {
                Vec::new()
            } else {
                rest.to_vec()
            };
        }
        Some(s) if s.starts_with('-') => {
            return Err(UsageError(format!("Unknown option: {s}")));
        }
        Some(s) => {
            cfg.run_filename = Some(s.to_string());
            cfg.argv = rest.to_vec();
        }
    }
    Ok(cfg)
}

/// Records the configuration the interpreter was initialized with.
pub fn set_current(cfg: Option<Config>) {
    *CURRENT.lock().unwrap_or_else(|e| e.into_inner()) = cfg;
}

/// The configuration the interpreter was initialized with, if any.
pub fn current() -> Option<Config> {
    CURRENT.lock().unwrap_or_else(|e| e.into_inner()).clone()
}
