//! The path configuration (CPython's `Modules/getpath.py`): where the
//! standard library is, `sys.prefix` and friends, and the module search
//! path. Ferrython has no library of its own: it uses the pure-Python
//! `Lib` directory of an installed CPython 3.13 or later, found from
//! `PyConfig.home` / `PYTHONHOME` (`HOME/lib/python3.N`), from
//! `PyConfig.stdlib_dir`, or else from the default that `build.rs`
//! discovered when ferrython was built. CPython's `lib-dynload` is never
//! put on the path: its extension modules are built for CPython. A
//! `pybuilddir.txt` beside the executable adds the extension directory it
//! names, as in a CPython build tree.
use crate::runtime::config::Config;
use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// The standard library found when ferrython was built (empty when none
/// was).
const BUILD_DEFAULT: &str = env!("FERRYTHON_DEFAULT_STDLIB");

/// The oldest CPython whose library ferrython can use: 3.13.
const MIN_MINOR: u32 = 13;

/// Whether `dir` looks like a standard library directory.
fn is_stdlib(dir: &Path) -> bool {
    dir.join("os.py").is_file()
}

/// The newest `PREFIX/LIBDIR/python3.N` (N >= 13) that holds a standard
/// library; every directory looked at is added to `looked`.
fn find_in_prefix(prefix: &Path, libdir: &str, looked: &mut Vec<String>) -> Option<PathBuf> {
    let lib = prefix.join(libdir);
    let mut minors: Vec<u32> = std::fs::read_dir(&lib)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name();
            let n = name
                .to_str()?
                .strip_prefix("python3.")?
                .parse::<u32>()
                .ok()?;
            (n >= MIN_MINOR).then_some(n)
        })
        .collect();
    minors.sort_unstable_by(|a, b| b.cmp(a));
    if minors.is_empty() {
        looked.push(format!("{}/python3.N (N >= {MIN_MINOR})", lib.display()));
    }
    minors.into_iter().find_map(|n| {
        let dir = lib.join(format!("python3.{n}"));
        looked.push(dir.display().to_string());
        is_stdlib(&dir).then_some(dir)
    })
}

/// `path` made absolute against the current directory, without a
/// trailing slash, as CPython does for `PYTHONPATH` entries.
fn absolute(path: &OsStr) -> OsString {
    let p = if path.is_empty() {
        OsStr::new(".")
    } else {
        path
    };
    let abs = std::path::absolute(p).unwrap_or_else(|_| PathBuf::from(p));
    let mut s = abs.as_os_str().as_bytes();
    while let Some(rest) = s.strip_suffix(b"/") {
        s = rest;
    }
    let s = s.strip_suffix(b"/.").unwrap_or(s);
    OsStr::from_bytes(if s.is_empty() { b"/" } else { s }).to_owned()
}

/// The entries of `PYTHONPATH` (split at `:`), made [`absolute`].
fn pythonpath_entries(cfg: &Config) -> Vec<OsString> {
    cfg.pythonpath_env
        .iter()
        .flat_map(|pp| pp.as_bytes().split(|&b| b == b':'))
        .map(|p| absolute(OsStr::from_bytes(p)))
        .collect()
}

/// The parent of the `lib` directory holding `stdlib` (`PREFIX` of
/// `PREFIX/lib/python3.N`).
fn prefix_of(stdlib: &Path) -> PathBuf {
    stdlib
        .parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| stdlib.to_path_buf())
}

/// CPython's `_Py_path_config`: the process-wide path values that
/// `Py_SetPath`, `Py_SetProgramName` and `Py_SetPythonHome` set before
/// initialization (read into the configuration by [`compute`]) and that
/// initialization sets to the computed values (`Py_GetPath` ...). They
/// outlive finalization, as in CPython.
#[derive(Clone, Default, PartialEq)]
pub struct PathGlobals {
    pub prefix: Option<String>,
    pub exec_prefix: Option<String>,
    pub stdlib_dir: Option<String>,
    pub program_name: Option<String>,
    pub home: Option<String>,
    pub program_full_path: Option<String>,
    /// What `Py_SetPath` set (entries joined by `:`).
    pub module_search_path: Option<String>,
    /// The search path of the last initialization, joined by `:`.
    pub calculated_module_search_path: Option<String>,
}

/// The path globals.
pub static GLOBALS: Mutex<PathGlobals> = Mutex::new(PathGlobals {
    prefix: None,
    exec_prefix: None,
    stdlib_dir: None,
    program_name: None,
    home: None,
    program_full_path: None,
    module_search_path: None,
    calculated_module_search_path: None,
});

/// The path globals, locked.
pub fn globals() -> MutexGuard<'static, PathGlobals> {
    GLOBALS.lock().unwrap_or_else(|e| e.into_inner())
}

/// `Py_SetPath`: the module search path is `path` (split at `:`), the
/// prefixes empty and the library directory `home` (if set); None
/// forgets every path global.
pub fn set_path(path: Option<String>) {
    let mut g = globals();
    let Some(path) = path else {
        *g = PathGlobals::default();
        return;
    };
    g.prefix = Some(String::new());
    g.exec_prefix = Some(String::new());
    g.stdlib_dir = Some(g.home.clone().unwrap_or_default());
    g.module_search_path = Some(path);
    g.calculated_module_search_path = None;
}

/// `_PyPathConfig_ReadGlobal`: the path globals set before
/// initialization fill the fields `cfg` leaves unset.
fn read_global(cfg: &mut Config) {
    let g = globals();
    let pairs = [
        (&mut cfg.prefix, &g.prefix),
        (&mut cfg.exec_prefix, &g.exec_prefix),
        (&mut cfg.stdlib_dir, &g.stdlib_dir),
        (&mut cfg.program_name, &g.program_name),
        (&mut cfg.home, &g.home),
        (&mut cfg.executable, &g.program_full_path),
    ];
    for (field, global) in pairs {
        if field.is_none() {
            field.clone_from(global);
        }
    }
    if cfg.module_search_paths.is_none() {
        if let Some(p) = &g.module_search_path {
            cfg.module_search_paths = Some(p.split(':').map(OsString::from).collect());
        }
    }
}

/// `_PyPathConfig_UpdateGlobal`: the path globals take the computed
/// configuration's values.
fn update_global(cfg: &Config) {
    let mut guard = globals();
    let g = &mut *guard;
    let pairs = [
        (&mut g.prefix, &cfg.prefix),
        (&mut g.exec_prefix, &cfg.exec_prefix),
        (&mut g.stdlib_dir, &cfg.stdlib_dir),
        (&mut g.program_name, &cfg.program_name),
        (&mut g.home, &cfg.home),
    ];
    for (global, field) in pairs {
        if field.is_some() {
            global.clone_from(field);
        }
    }
    g.program_full_path = Some(executable(cfg));
    g.calculated_module_search_path = cfg.module_search_paths.as_ref().map(|p| {
        p.iter()
            .map(|s| s.to_string_lossy())
            .collect::<Vec<_>>()
            .join(":")
    });
}

/// `sys.executable`: the configuration's, else the running program.
pub fn executable(cfg: &Config) -> String {
    cfg.executable
        .clone()
        .or_else(|| {
            std::env::current_exe()
                .ok()
                .map(|p| p.to_string_lossy().into_owned())
        })
        .unwrap_or_default()
}

/// `dir/line` with `.` and `..` components resolved as `os.path.abspath`
/// does (`dir` is absolute).
fn join_normalized(dir: &Path, line: &str) -> OsString {
    let mut out = PathBuf::from("/");
    for c in dir.join(line).components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::Normal(n) => out.push(n),
            _ => {}
        }
    }
    out.into_os_string()
}

/// The `._pth` file of the executable (`PROGRAM._pth` beside it, or beside
/// the file it links to), which CPython's getpath reads unless the home or
/// the search path was set: its lines (`#` starts a comment) are the whole
/// module search path, relative to the file's directory, and the
/// interpreter runs isolated, without `site` unless a line is
/// `import site`.
fn apply_pth_file(cfg: &mut Config) {
    if cfg.module_search_paths.is_some() || cfg.home.is_some() {
        return;
    }
    let exe = PathBuf::from(executable(cfg));
    if exe.as_os_str().is_empty() {
        return;
    }
    let real = std::iter::once_with(|| std::fs::canonicalize(&exe).ok()).flatten();
    let found = std::iter::once(exe.clone()).chain(real).find_map(|p| {
        let mut name = p.into_os_string();
        name.push("._pth");
        let pth = PathBuf::from(name);
        let text = std::fs::read_to_string(&pth).ok()?;
        Some((pth.parent()?.to_path_buf(), text))
    });
    let Some((dir, text)) = found else { return };
    cfg.isolated = true;
    cfg.use_environment = false;
    cfg.site_import = false;
    cfg.safe_path = true;
    let mut paths = Vec::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if line == "import site" {
            cfg.site_import = true;
        } else if line.starts_with("import ") {
            eprintln!("unsupported 'import' line in ._pth file");
        } else {
            paths.push(join_normalized(&dir, line));
        }
    }
    cfg.module_search_paths = Some(paths);
}

/// The build-tree marker of CPython's getpath: a `pybuilddir.txt` beside
/// the executable (symbolic links resolved) names, by its first line
/// relative to that directory, where the interpreter's own extension
/// modules were built (the directory itself when the line is empty). That
/// directory goes on the module search path after the standard library,
/// in every mode, `-I` included, as CPython's build directory does. None
/// without a marker.
fn build_ext_dir(cfg: &Config) -> Option<OsString> {
    let exe = std::fs::canonicalize(executable(cfg)).ok()?;
    let dir = exe.parent()?;
    let text = std::fs::read_to_string(dir.join("pybuilddir.txt")).ok()?;
    let line = text.lines().next().unwrap_or("").trim_end();
    let ext = if line.is_empty() {
        dir.to_path_buf()
    } else {
        dir.join(line)
    };
    Some(ext.into_os_string())
}

/// Fills in `cfg`'s standard library directory, prefixes and module
/// search path. Fails, with a message that says where it looked, when no
/// standard library is found and the embedder did not set the search
/// path itself.
pub fn compute(cfg: &mut Config) -> Result<(), String> {
    read_global(cfg);
    if cfg.program_name.is_none() {
        cfg.program_name = Some("python3".into());
    }
    if cfg.executable.is_none() {
        // A program name with a slash names the program itself.
        cfg.executable = cfg
            .program_name
            .as_deref()
            .filter(|n| n.contains('/'))
            .map(|n| absolute(n.as_ref()).to_string_lossy().into_owned());
    }
    apply_pth_file(cfg);
    let mut looked = Vec::new();
    let mut home_exec_prefix = None;
    let stdlib = if let Some(dir) = cfg.stdlib_dir.clone() {
        looked.push(dir.clone());
        is_stdlib(Path::new(&dir)).then(|| PathBuf::from(dir))
    } else if let Some(home) = &cfg.home {
        let (prefix, exec_prefix) = home.split_once(':').unwrap_or((home, home));
        home_exec_prefix = Some(exec_prefix.to_string());
        find_in_prefix(Path::new(prefix), &cfg.platlibdir, &mut looked)
    } else if BUILD_DEFAULT.is_empty() {
        looked.push("(no default: none was found when ferrython was built)".into());
        None
    } else {
        looked.push(BUILD_DEFAULT.to_string());
        is_stdlib(Path::new(BUILD_DEFAULT)).then(|| PathBuf::from(BUILD_DEFAULT))
    };
    let stdlib = match (stdlib, &cfg.module_search_paths) {
        (Some(dir), _) => Some(dir),
        // An explicit search path is the embedder's choice: take the
        // standard library from it if it has one.
        (None, Some(paths)) => paths.iter().map(PathBuf::from).find(|d| is_stdlib(d)),
        (None, None) => {
            return Err(format!(
                "ferrython could not find the Python standard library (the Lib \
                 directory of an installed CPython 3.{MIN_MINOR} or later, containing \
                 os.py). Looked in: {}. Set PYTHONHOME to the prefix of such an \
                 installation, or rebuild ferrython with FERRYTHON_STDLIB set to \
                 its lib/python3.N directory.\n{}",
                looked.join(", "),
                describe(cfg)
            ))
        }
    };
    let prefix = stdlib.as_deref().map(prefix_of);
    let text = |p: &Path| p.to_string_lossy().into_owned();
    if cfg.prefix.is_none() {
        cfg.prefix = prefix.as_deref().map(text);
    }
    if cfg.exec_prefix.is_none() {
        cfg.exec_prefix = home_exec_prefix.or_else(|| cfg.prefix.clone());
    }
    if cfg.base_prefix.is_none() {
        cfg.base_prefix = cfg.prefix.clone();
    }
    if cfg.base_exec_prefix.is_none() {
        cfg.base_exec_prefix = cfg.exec_prefix.clone();
    }
    cfg.stdlib_dir = stdlib.as_deref().map(text);
    if cfg.module_search_paths.is_none() {
        let mut paths = pythonpath_entries(cfg);
        paths.extend(cfg.stdlib_dir.clone().map(OsString::from));
        if cfg.home.is_none() {
            paths.extend(build_ext_dir(cfg));
        }
        cfg.module_search_paths = Some(paths);
    }
    update_global(cfg);
    Ok(())
}

/// The path configuration as computed so far, one item a line, in the
/// manner of CPython's "Python path configuration:" report on a failed
/// startup.
pub fn describe(cfg: &Config) -> String {
    let q = |v: &Option<String>| match v {
        Some(s) => format!("'{s}'"),
        None => "(not set)".to_string(),
    };
    let paths = match &cfg.module_search_paths {
        Some(p) => p.clone(),
        None => pythonpath_entries(cfg),
    };
    let mut text = format!(
        "Python path configuration:\n  \
         PYTHONHOME = {}\n  \
         PYTHONPATH = {}\n  \
         program name = {}\n  \
         isolated = {}\n  \
         environment = {}\n  \
         user site = {}\n  \
         safe_path = {}\n  \
         import site = {}\n  \
         stdlib dir = {}\n  \
         sys.executable = {}\n  \
         sys.prefix = {}\n  \
         sys.exec_prefix = {}\n  \
         sys.platlibdir = '{}'\n  \
         sys.path = [\n",
        q(&cfg.home),
        q(&cfg
            .pythonpath_env
            .as_ref()
            .map(|p| p.to_string_lossy().into_owned())),
        q(&cfg.program_name),
        cfg.isolated as i32,
        cfg.use_environment as i32,
        cfg.user_site_directory as i32,
        cfg.safe_path as i32,
        cfg.site_import as i32,
        q(&cfg.stdlib_dir),
        q(&cfg.executable),
        q(&cfg.prefix),
        q(&cfg.exec_prefix),
        cfg.platlibdir,
    );
    for p in paths {
        text.push_str(&format!("    '{}',\n", p.to_string_lossy()));
    }
    text.push_str("  ]");
    text
}
