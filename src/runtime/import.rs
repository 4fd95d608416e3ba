//! The import system's core: `__import__` over `sys.modules`, the builtin
//! modules and Python source files found on the module search path
//! (packages with `__init__.py`, namespace packages, relative imports,
//! submodules in `fromlist`). `importlib` integration comes with the standard library.
use crate::ffi::*;
use crate::object::exceptions as exc;
use crate::object::{dict, int, list, module, protocol, str as pystr, tuple};
use crate::runtime::dir_listing;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::fs_codec::{path_str, str_path};
use crate::Owned;
use std::path::{Path, PathBuf};

/// Raises `ModuleNotFoundError: No module named 'x'` with `name` set.
fn not_found(name: &str) -> errors::Raised {
    not_found_msg(name, &format!("No module named '{name}'"))
}

/// `ModuleNotFoundError(msg, name=name)`, raised.
fn not_found_msg(name: &str, msg: &str) -> errors::Raised {
    let build = || -> PyResult<errors::Raised> {
        let msg = pystr::from_str(msg)?;
        let kw = dict::new()?;
        // SAFETY: kw is a new dict; the class is static.
        unsafe {
            dict::set_item(
                kw.as_ptr(),
                crate::interned!("name"),
                pystr::from_str(name)?.as_ptr(),
            )?;
            let args = tuple::pack(&[msg.as_ptr()])?;
            let e = protocol::call(exc::PyExc_ModuleNotFoundError, args.as_ptr(), kw.as_ptr())?;
            Ok(errors::restore(e))
        }
    };
    build().unwrap_or_else(|r| r)
}

/// The absolute name for a relative import of `name` at `level` from the
/// module whose globals are given.
unsafe fn resolve_name(name: &str, globals: *mut PyObject, level: i64) -> PyResult<String> {
    if level == 0 {
        return Ok(name.to_string());
    }
    // SAFETY: globals NULL or a dict.
    unsafe {
        if globals.is_null() || !dict::check(globals) {
            return Err(key_error_name());
        }
        let package = package_of(globals)?;
        let package = if let Some(p) = package {
            p
        } else {
            let n = dict::get_item_known_hash_str(globals, crate::interned!("__name__"));
            if n.is_null() || !pystr::check(n) {
                return Err(key_error_name());
            }
            let n = pystr::as_str(n)?;
            if dict::get_item_known_hash_str(globals, crate::interned!("__path__")).is_null() {
                n.rsplit_once('.')
                    .map(|(p, _)| p.to_string())
                    .unwrap_or_default()
            } else {
                n.to_string()
            }
        };
        if package.is_empty() {
            return Err(errors::set_string(
                exc::PyExc_ImportError,
                "attempted relative import with no known parent package",
            ));
        }
        let parts: Vec<&str> = package.split('.').collect();
        if (level as usize) > parts.len() {
            return Err(errors::set_string(
                exc::PyExc_ImportError,
                "attempted relative import beyond top-level package",
            ));
        }
        let base = parts[..parts.len() + 1 - level as usize].join(".");
        Ok(if name.is_empty() {
            base
        } else {
            format!("{base}.{name}")
        })
    }
}

/// The package a relative import is relative to, from `__package__`
/// or else `__spec__.parent` (as CPython's `resolve_name`, with its
/// warnings); None when neither is set, after an `ImportWarning`.
unsafe fn package_of(globals: *mut PyObject) -> PyResult<Option<String>> {
    // SAFETY: globals is a dict.
    unsafe {
        let set = |v: *mut PyObject| !v.is_null() && v != crate::object::none::none();
        let pkg = dict::get_item_known_hash_str(globals, crate::interned!("__package__"));
        let spec = dict::get_item_known_hash_str(globals, crate::interned!("__spec__"));
        if set(pkg) {
            if !pystr::check(pkg) {
                return Err(errors::type_error("package must be a string"));
            }
            if set(spec) {
                let parent = protocol::getattr_str(spec, "parent")?;
                if !protocol::rich_compare_bool(pkg, parent.as_ptr(), crate::ffi::Py_EQ)? {
                    crate::modules::_warnings::deprecation("__package__ != __spec__.parent", 1)?;
                }
            }
            return Ok(Some(pystr::as_str(pkg)?.to_string()));
        }
        if set(spec) {
            let parent = protocol::getattr_str(spec, "parent")?;
            if !pystr::check(parent.as_ptr()) {
                return Err(errors::type_error("__spec__.parent must be a string"));
            }
            return Ok(Some(pystr::as_str(parent.as_ptr())?.to_string()));
        }
        let msg = pystr::from_str(
            "can't resolve package from __spec__ or __package__, falling back on __name__ and __path__",
        )?;
        crate::modules::_warnings::warn(
            crate::object::exceptions::PyExc_ImportWarning,
            msg.as_ptr(),
            1,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        )?;
        Ok(None)
    }
}

/// `KeyError: "'__name__' not in globals"`.
fn key_error_name() -> errors::Raised {
    match pystr::from_str("'__name__' not in globals") {
        // SAFETY: the key is a str.
        Ok(k) => unsafe { errors::key_error(k.as_ptr()) },
        Err(r) => r,
    }
}

/// The directories searched for top-level modules.
pub fn search_path() -> Vec<PathBuf> {
    let list = crate::modules::sys::path_list();
    if !list.is_null() {
        // SAFETY: list is sys.path, a list; non-str entries are skipped,
        // and so are those holding surrogates that are not escaped bytes.
        return unsafe {
            crate::object::list::items(list)
                .iter()
                .filter(|&&p| pystr::check(p))
                .filter_map(|&p| str_path(p).map_err(|_| errors::clear()).ok())
                .collect()
        };
    }
    // SAFETY: the interpreter of the current thread state is live.
    let interp = unsafe { &*crate::runtime::tstate::get().interp };
    interp.path.iter().map(PathBuf::from).collect()
}

/// The directories a package's `__path__` (any iterable) lists: its str
/// items, as file-system paths ([`str_path`]; one that names none raises).
pub unsafe fn path_dirs(path: *mut PyObject) -> PyResult<Vec<PathBuf>> {
    let mut dirs = Vec::new();
    // SAFETY: path is a live object.
    unsafe {
        let it = protocol::get_iter(path)?;
        while let Some(d) = protocol::iter_next(it.as_ptr())? {
            if pystr::check(d.as_ptr()) {
                dirs.push(str_path(d.as_ptr())?);
            }
        }
    }
    Ok(dirs)
}

/// What a search of the module path found.
pub struct Found {
    pub path: PathBuf,
    pub is_package: bool,
    /// An extension module (a shared library) rather than source.
    pub is_extension: bool,
}

/// Finds `name` (the last part of a dotted name) in `dirs`, as CPython's
/// `FileFinder` does: in each directory a package (`name/__init__` with an
/// extension suffix or `.py`) first, then an extension module
/// (`name.ferrython-314-<arch>-<os>-gnu.so`, `name.abi3.so`, `name.so`),
/// then `name.py`, then a `name.pyc` without source.
/// A hook refusing a directory's `os.listdir` event fails the search.
pub fn find_module(dirs: &[PathBuf], name: &str) -> PyResult<Option<Found>> {
    for d in dirs {
        if let InDir::Found(f) = find_in_dir(d, name)? {
            return Ok(Some(f));
        }
    }
    Ok(None)
}

/// What [`find_in_dir`] found.
enum InDir {
    Found(Found),
    /// A directory `name` without `__init__`: a namespace portion.
    Portion(PathBuf),
    Nothing,
    /// The path entry is no directory (an archive, say, or nothing).
    NotDir,
}

/// The files `stem` + suffix that `names` (the listing of `dir`) holds,
/// in order of preference: extension suffixes, `.py`, `.pyc`; each with
/// whether it is an extension module.
fn listed_files(names: &dir_listing::Names, dir: &Path, stem: &str) -> Vec<(PathBuf, bool)> {
    let suffixes = crate::runtime::dynload::suffixes();
    suffixes
        .iter()
        .map(|s| (s.as_str(), true))
        .chain([(".py", false), (".pyc", false)])
        .filter(|(s, _)| dir_listing::contains(names, stem, s))
        .map(|(s, ext)| (dir.join(format!("{stem}{s}")), ext))
        .collect()
}

/// [`find_module`] in the one directory `d`, through its listing
/// (`runtime::dir_listing`) as CPython's `FileFinder`: a listed name is
/// checked to be a file (or directory) before it is taken. A relative `d`
/// (`''` is the current directory) is made absolute first, as
/// `FileFinder` does, so that `__file__` is absolute.
fn find_in_dir(d: &Path, name: &str) -> PyResult<InDir> {
    let absolute;
    let d = if d.is_absolute() {
        d
    } else {
        match std::path::absolute(if d.as_os_str().is_empty() {
            Path::new(".")
        } else {
            d
        }) {
            Ok(p) => {
                absolute = p;
                &absolute
            }
            Err(_) => return Ok(InDir::NotDir),
        }
    };
    crate::runtime::import_trace::verbose_message(2, || {
        format!("trying {}", d.join(name).display())
    });
    let listed = dir_listing::with_names(d, true, |names| {
        names.map(|n| (dir_listing::contains(n, name, ""), listed_files(n, d, name)))
    })?;
    let Some((has_name, files)) = listed else {
        return Ok(InDir::NotDir);
    };
    let first_file = |files: Vec<(PathBuf, bool)>| files.into_iter().find(|(p, _)| p.is_file());
    let pkg_dir = d.join(name);
    let is_dir = has_name && pkg_dir.is_dir();
    if is_dir {
        let init = dir_listing::with_names(&pkg_dir, false, |names| {
            names.map(|n| listed_files(n, &pkg_dir, "__init__"))
        })?;
        if let Some((path, is_extension)) = init.and_then(first_file) {
            return Ok(InDir::Found(Found {
                path,
                is_package: true,
                is_extension,
            }));
        }
    }
    Ok(match first_file(files) {
        Some((path, is_extension)) => InDir::Found(Found {
            path,
            is_package: false,
            is_extension,
        }),
        None if is_dir => InDir::Portion(pkg_dir),
        None => InDir::Nothing,
    })
}

/// Where a search of the module path found a module.
pub enum Location {
    /// A file in a directory, loaded natively.
    File(Found),
    /// The spec the finder of a path entry that is not a directory (a zip
    /// archive, or an entry a hook in `sys.path_hooks` accepts) gave.
    Spec(Owned),
    /// A namespace package (PEP 420): its portions (directories named like
    /// it without `__init__`, and the locations finders reported, as str),
    /// where no entry holds a module or regular package of that name.
    Namespace(Vec<Owned>),
}

/// Finds module `fullname` (whose last part is `name`) on `dirs`, in
/// order: directories natively ([`find_module`]), other entries through
/// their finders (`runtime::path_finder`), as CPython's `PathFinder`.
pub fn find_location(dirs: &[PathBuf], fullname: &str, name: &str) -> PyResult<Option<Location>> {
    use crate::runtime::path_finder::{self, EntrySpec};
    let mut portions = Vec::new();
    for d in dirs {
        match find_in_dir(d, name)? {
            InDir::Found(found) => return Ok(Some(Location::File(found))),
            InDir::Portion(p) => {
                portions.push(path_str(&p)?);
                continue;
            }
            InDir::Nothing => continue,
            InDir::NotDir => {}
        }
        if let Some(finder) = path_finder::entry_finder(d)? {
            // SAFETY: finder is a live object.
            match unsafe { path_finder::find_spec(finder.as_ptr(), fullname)? } {
                Some(EntrySpec::Module(spec)) => return Ok(Some(Location::Spec(spec))),
                Some(EntrySpec::Portions(p)) => portions.extend(p),
                None => {}
            }
        }
    }
    Ok((!portions.is_empty()).then_some(Location::Namespace(portions)))
}

/// The module whose copy CPython freezes as `fullname`:
/// `_frozen_importlib` is `importlib._bootstrap`,
/// `_frozen_importlib_external` is `importlib._bootstrap_external`.
fn frozen_original(fullname: &str) -> Option<&'static str> {
    match fullname {
        "_frozen_importlib" => Some("importlib._bootstrap"),
        "_frozen_importlib_external" => Some("importlib._bootstrap_external"),
        _ => None,
    }
}

/// Imports `fullname`, one of CPython's frozen importlib modules, as the
/// module `original` that `importlib` loads from source and sets up (for
/// `zipimport` and other users of the frozen names), kept in
/// `sys.modules` under both names. While `importlib` itself initializes
/// the name is missing, so that it sets up its own copies.
fn import_frozen(fullname: &str, original: &str) -> PyResult<Owned> {
    let modules = crate::modules::sys_modules();
    // SAFETY: modules is a dict.
    unsafe {
        let mut m = dict::get_str(modules, original);
        if m.is_null() {
            if !dict::get_item_known_hash_str(modules, crate::interned!("importlib")).is_null() {
                return Err(not_found(fullname));
            }
            import_absolute("importlib")?;
            m = dict::get_str(modules, original);
            if m.is_null() {
                return Err(not_found(fullname));
            }
        }
        let m = Owned::from_borrowed(m);
        dict::set_item(modules, pystr::intern(fullname), m.as_ptr())?;
        Ok(m)
    }
}

/// The modules [`load_source`] ran before `importlib._bootstrap` was
/// there to make their specs; they get them once it has run.
static WITHOUT_SPEC: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

fn without_spec() -> std::sync::MutexGuard<'static, Vec<String>> {
    WITHOUT_SPEC.lock().unwrap_or_else(|e| e.into_inner())
}

/// Forgets the modules waiting for a spec (at finalization: a run that
/// never imported `importlib` leaves them) and the directory listings,
/// which die with the interpreter as its `FileFinder`s do.
pub fn finalize() {
    std::mem::take(&mut *without_spec());
    dir_listing::invalidate();
}

/// Loads and runs the module `fullname` from `path`, registering it in
/// `sys.modules` before running it (so circular imports see it).
fn load_source(fullname: &str, found: &Found) -> PyResult<Owned> {
    let (path, is_package) = (found.path.as_path(), found.is_package);
    let modules = crate::modules::sys_modules();
    // SAFETY: modules is a dict; m a new module.
    unsafe {
        let name = pystr::from_str(fullname)?;
        let m = module::new(name.as_ptr())?;
        let d = module::dict_of(m.as_ptr());
        dict::set_item(d, crate::interned!("__file__"), path_str(path)?.as_ptr())?;
        dict::set_item(
            d,
            crate::interned!("__builtins__"),
            crate::modules::builtins::dict(),
        )?;
        let package = if is_package {
            let dir = path.parent().unwrap_or(Path::new("."));
            let p = list::from_vec(vec![path_str(dir)?])?;
            dict::set_item(d, crate::interned!("__path__"), p.as_ptr())?;
            fullname.to_string()
        } else {
            fullname
                .rsplit_once('.')
                .map(|(p, _)| p.to_string())
                .unwrap_or_default()
        };
        dict::set_item(
            d,
            crate::interned!("__package__"),
            pystr::from_str(&package)?.as_ptr(),
        )?;
        let spec = crate::modules::imp::spec_for_import(name.as_ptr(), found)?;
        if spec.is_none() {
            without_spec().push(fullname.to_string());
        }
        if let Some(spec) = &spec {
            dict::set_item(d, crate::interned!("__spec__"), spec.as_ptr())?;
            let loader = protocol::getattr_str(spec.as_ptr(), "loader")?;
            dict::set_item(d, crate::interned!("__loader__"), loader.as_ptr())?;
            // While the code runs, as importlib's `_load_unlocked` marks it
            // (`module.__annotations__` is not cached meanwhile).
            protocol::setattr(
                spec.as_ptr(),
                crate::interned!("_initializing"),
                crate::object::bool::from_bool(true),
            )?;
        }
        dict::set_item(modules, name.as_ptr(), m.as_ptr())?;
        let r = crate::runtime::pycache::load_code(path, fullname).and_then(|(code, cached)| {
            if let Some(c) = cached {
                dict::set_item(d, crate::interned!("__cached__"), path_str(&c)?.as_ptr())?;
            }
            crate::runtime::import_events::exec(code.as_ptr())?;
            crate::vm::call::eval_code(code.as_ptr(), d, d)?;
            if fullname == "importlib._bootstrap_external" {
                crate::modules::imp::pyc_magic::fix_bootstrap_external(d)?;
                crate::modules::imp::bless_modules(d)?;
            }
            if fullname == "importlib._bootstrap" {
                crate::modules::imp::builtin_importer::replace_in_bootstrap(d)?;
                let names = std::mem::take(&mut *without_spec());
                crate::modules::imp::spec_earlier_modules(m.as_ptr(), names)?;
            }
            Ok(())
        });
        if let Some(spec) = &spec {
            let off = crate::object::bool::from_bool(false);
            // A spec refusing the reset leaves it marked; the import goes on.
            let _ = errors::keeping_raised(|| {
                protocol::setattr(spec.as_ptr(), crate::interned!("_initializing"), off)
            });
        }
        if let Err(e) = r {
            let _ = errors::keeping_raised(|| dict::del_item_opt(modules, name.as_ptr()));
            return Err(e);
        }
        // The module as stored in sys.modules (it may replace itself).
        let stored = dict::get_item(modules, name.as_ptr())?;
        Ok(if stored.is_null() {
            m
        } else {
            Owned::from_borrowed(stored)
        })
    }
}

/// A minimal module spec for multi-phase init of a builtin module until
/// importlib's `ModuleSpec` is available: an instance of a plain class
/// made with `type(...)` with the attributes importlib reads (`name`,
/// `origin='built-in'`, `loader` (`_imp.NativeImporter`), `parent` ...).
pub fn builtin_spec(name: &str) -> PyResult<Owned> {
    // SAFETY: type is ready; the arguments are fresh objects.
    unsafe {
        let ns = dict::new()?;
        dict::set_item(
            ns.as_ptr(),
            crate::interned!("__module__"),
            pystr::from_str("importlib._bootstrap")?.as_ptr(),
        )?;
        let bases = tuple::pack(&[])?;
        let tp = protocol::call_args(
            (&raw mut crate::object::typeobj::PyType_Type).cast(),
            &[
                pystr::from_str("ModuleSpec")?.as_ptr(),
                bases.as_ptr(),
                ns.as_ptr(),
            ],
        )?;
        let spec = protocol::call_args(tp.as_ptr(), &[])?;
        protocol::setattr(
            spec.as_ptr(),
            crate::interned!("name"),
            pystr::from_str(name)?.as_ptr(),
        )?;
        protocol::setattr(
            spec.as_ptr(),
            crate::interned!("origin"),
            pystr::from_str("built-in")?.as_ptr(),
        )?;
        let none = crate::object::none::none();
        let attrs = [
            ("loader", crate::modules::imp::native_importer()?),
            ("loader_state", none),
            ("submodule_search_locations", none),
            ("cached", none),
            ("has_location", crate::object::bool::from_bool(false)),
        ];
        for (k, v) in attrs {
            protocol::setattr(spec.as_ptr(), pystr::intern(k), v)?;
        }
        let parent = name.rsplit_once('.').map_or("", |(p, _)| p);
        protocol::setattr(
            spec.as_ptr(),
            crate::interned!("parent"),
            pystr::from_str(parent)?.as_ptr(),
        )?;
        Ok(spec)
    }
}

/// Raises the `import` audit event for a module about to be searched:
/// `(module, filename, sys.path, sys.meta_path, sys.path_hooks)`, with no
/// filename yet (None), as CPython's `import_find_and_load`.
fn audit_import(fullname: &str) -> PyResult<()> {
    crate::runtime::audit::audit_with(c"import", || {
        let none = crate::object::none::none();
        // Not through `modules::sys::get`, which imports `sys` when it
        // is not yet (and so would come back here).
        // SAFETY: sys.modules is a dict; a module there has a dict.
        let sys = unsafe {
            dict::get_item_known_hash_str(crate::modules::sys_modules(), crate::interned!("sys"))
        };
        let sys = |name| {
            // SAFETY: sys is NULL or a module; what it holds is borrowed.
            unsafe {
                let v = match sys.is_null() {
                    true => std::ptr::null_mut(),
                    false => dict::get_str(module::dict_of(sys), name),
                };
                Owned::from_borrowed(if v.is_null() { none } else { v })
            }
        };
        Ok(vec![
            pystr::from_str(fullname)?,
            // SAFETY: None is immortal.
            unsafe { Owned::from_borrowed(none) },
            sys("path"),
            sys("meta_path"),
            sys("path_hooks"),
        ])
    })
}

/// Imports one absolute dotted name, importing its parents first; returns
/// the module named.
pub fn import_absolute(fullname: &str) -> PyResult<Owned> {
    let modules = crate::modules::sys_modules();
    // SAFETY: modules is a dict.
    unsafe {
        let m = dict::get_str(modules, fullname);
        if m == crate::object::none::none() {
            return Err(not_found_msg(
                fullname,
                &format!("import of {fullname} halted; None in sys.modules"),
            ));
        }
        if !m.is_null() {
            return Ok(Owned::from_borrowed(m));
        }
        audit_import(fullname)?;
        let m = crate::runtime::import_trace::timed(fullname, || find_and_load(fullname))?;
        crate::runtime::import_trace::verbose_message(1, || {
            format!("import '{fullname}' # {}", loader_text(m.as_ptr()))
        });
        Ok(m)
    }
}

/// The loader of module `m` as `-v` shows it: `repr(m.__spec__.loader)`
/// (`repr(m.__loader__)` without a spec).
fn loader_text(m: *mut PyObject) -> String {
    // SAFETY: m is a module; lookups that fail count as absent.
    errors::keeping_raised(|| unsafe {
        let spec = protocol::getattr_opt(m, crate::interned!("__spec__"))
            .ok()
            .flatten();
        let loader = match spec {
            Some(s) if s.as_ptr() != crate::object::none::none() => {
                protocol::getattr_opt(s.as_ptr(), crate::interned!("loader"))
            }
            _ => protocol::getattr_opt(m, crate::interned!("__loader__")),
        };
        match loader.ok().flatten().map(|l| protocol::repr(l.as_ptr())) {
            Some(Ok(r)) => pystr::as_str(r.as_ptr()).unwrap_or("None").to_string(),
            _ => "None".to_string(),
        }
    })
}

/// The part of [`import_absolute`] after `sys.modules` missed: a builtin
/// module, else the module found on the path of its parent package (or
/// `sys.path`), loaded.
fn find_and_load(fullname: &str) -> PyResult<Owned> {
    let modules = crate::modules::sys_modules();
    // SAFETY: modules is a dict.
    unsafe {
        if let Some(original) = frozen_original(fullname) {
            return import_frozen(fullname, original);
        }
        if let Some(m) = crate::modules::create_builtin(fullname)? {
            let d = module::dict_of(m.as_ptr());
            let spec = dict::get_item_known_hash_str(d, crate::interned!("__spec__"));
            if spec.is_null() || spec == crate::object::none::none() {
                let name = pystr::from_str(fullname)?;
                let spec = crate::modules::imp::builtin_module_spec(name.as_ptr())?;
                dict::set_item(d, crate::interned!("__spec__"), spec.as_ptr())?;
                let loader = protocol::getattr_str(spec.as_ptr(), "loader")?;
                dict::set_item(d, crate::interned!("__loader__"), loader.as_ptr())?;
            }
            dict::set_item(modules, pystr::intern(fullname), m.as_ptr())?;
            return Ok(m);
        }
        let (dirs, last, parent) = match fullname.rsplit_once('.') {
            None => (search_path(), fullname, None),
            Some((parent, last)) => {
                let p = import_absolute(parent)?;
                // Importing the parent may have imported this module too
                // (`importlib/__init__.py` imports and sets up
                // `importlib._bootstrap_external`): use that one, as
                // CPython's `_find_and_load_unlocked` does.
                let m = dict::get_str(modules, fullname);
                if !m.is_null() {
                    return Ok(Owned::from_borrowed(m));
                }
                let path = match protocol::getattr_opt(p.as_ptr(), crate::interned!("__path__"))? {
                    Some(path) => path,
                    None => {
                        return Err(not_found_msg(
                            fullname,
                            &format!("No module named '{fullname}'; '{parent}' is not a package"),
                        ))
                    }
                };
                (path_dirs(path.as_ptr())?, last, Some(p))
            }
        };
        let found = match find_location(&dirs, fullname, last)? {
            Some(Location::File(found)) => found,
            other => {
                let m = match other {
                    Some(Location::Spec(spec)) => crate::runtime::path_finder::load(spec.as_ptr())?,
                    Some(Location::Namespace(portions)) => load_namespace(fullname, &portions)?,
                    _ => return Err(not_found(fullname)),
                };
                if let Some(p) = parent {
                    protocol::setattr(p.as_ptr(), pystr::intern(last), m.as_ptr())?;
                }
                return Ok(m);
            }
        };
        let m = if found.is_extension {
            crate::runtime::dynload::load(fullname, &found.path, found.is_package)?
        } else {
            load_source(fullname, &found)?
        };
        if fullname == "zipimport" {
            crate::runtime::path_finder::zipimport_loaded(m.as_ptr())?;
        }
        if let Some(p) = parent {
            protocol::setattr(p.as_ptr(), pystr::intern(last), m.as_ptr())?;
        }
        Ok(m)
    }
}

/// Makes the namespace package `fullname` (PEP 420) over the directories
/// `portions` (named like it, without `__init__`, found where no module or
/// regular package of that name was): no code, no `__file__`, a `__path__`
/// listing the portions, a spec with no origin.
fn load_namespace(fullname: &str, portions: &[Owned]) -> PyResult<Owned> {
    let modules = crate::modules::sys_modules();
    // SAFETY: modules is a dict; m a new module.
    unsafe {
        let name = pystr::from_str(fullname)?;
        let m = module::new(name.as_ptr())?;
        let d = module::dict_of(m.as_ptr());
        let (spec, path) = namespace_spec(name.as_ptr(), portions)?;
        dict::set_item(d, crate::interned!("__path__"), path.as_ptr())?;
        dict::set_item(d, crate::interned!("__package__"), name.as_ptr())?;
        dict::set_item(d, crate::interned!("__file__"), crate::object::none::none())?;
        dict::set_item(d, crate::interned!("__spec__"), spec.as_ptr())?;
        dict::set_item(modules, name.as_ptr(), m.as_ptr())?;
        Ok(m)
    }
}

/// The spec of the namespace package `name` (a str) made of `portions`:
/// `ModuleSpec(name, None, is_package=True)` whose
/// `submodule_search_locations` is the list of the portions, returned too.
pub(crate) fn namespace_spec(name: *mut PyObject, portions: &[Owned]) -> PyResult<(Owned, Owned)> {
    let path = list::from_vec(portions.to_vec())?;
    let bootstrap = import_absolute("importlib._bootstrap")?;
    // SAFETY: bootstrap is a module; name a str; the rest fresh objects.
    unsafe {
        let spec_type = protocol::getattr_str(bootstrap.as_ptr(), "ModuleSpec")?;
        let kw = dict::new()?;
        dict::set_item(
            kw.as_ptr(),
            crate::interned!("is_package"),
            crate::object::bool::from_bool(true),
        )?;
        let args = tuple::pack(&[name, crate::object::none::none()])?;
        let spec = protocol::call(spec_type.as_ptr(), args.as_ptr(), kw.as_ptr())?;
        protocol::setattr(
            spec.as_ptr(),
            crate::interned!("submodule_search_locations"),
            path.as_ptr(),
        )?;
        Ok((spec, path))
    }
}

/// Whether the raised `ModuleNotFoundError` names `name` as the missing
/// module.
pub(crate) fn missing_module_is(name: &str) -> PyResult<bool> {
    let e = errors::current();
    // SAFETY: e is the raised exception.
    unsafe {
        let n = errors::keeping_raised(|| protocol::getattr_opt(e, crate::interned!("name")));
        Ok(match n {
            Ok(Some(n)) => pystr::check(n.as_ptr()) && pystr::as_str(n.as_ptr())? == name,
            _ => false,
        })
    }
}

/// `__import__(name, globals, locals, fromlist, level)`.
pub unsafe fn import_module_level(
    name: *mut PyObject,
    globals: *mut PyObject,
    fromlist: *mut PyObject,
    level: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: arguments are valid objects (globals/fromlist may be NULL or None).
    unsafe {
        if !pystr::check(name) {
            return Err(errors::type_error(format!(
                "module name must be str, not {}",
                crate::object::typeobj::type_name(name)
            )));
        }
        let level = int::as_i64(level)?;
        if level < 0 {
            return Err(errors::value_error("level must be >= 0"));
        }
        let n = pystr::as_str(name)?;
        if n.is_empty() && level == 0 {
            return Err(errors::value_error("Empty module name"));
        }
        let fullname = resolve_name(n, globals, level)?;
        let m = import_absolute(&fullname)?;
        let has_fromlist = !fromlist.is_null()
            && fromlist != crate::object::none::none()
            && protocol::is_true(fromlist)?;
        if !has_fromlist {
            if level == 0 && n.contains('.') {
                let top = n.split('.').next().unwrap_or(n);
                return import_absolute(top);
            }
            if level > 0 && n.contains('.') {
                let cut = fullname.len() - (n.len() - n.split('.').next().unwrap_or(n).len());
                return import_absolute(&fullname[..cut]);
            }
            return Ok(m);
        }
        // `from package import submodule`: import submodules named in
        // fromlist that are not attributes yet.
        if protocol::getattr_opt(m.as_ptr(), crate::interned!("__path__"))?.is_some() {
            let items = tuple::from_iterable(fromlist)?;
            for &item in tuple::items(items.as_ptr()) {
                if !pystr::check(item) {
                    continue;
                }
                let s = pystr::as_str(item)?;
                if s == "*" || protocol::getattr_opt(m.as_ptr(), item)?.is_some() {
                    continue;
                }
                let sub = format!("{fullname}.{s}");
                if let Err(e) = import_absolute(&sub) {
                    // Only the submodule itself being absent is ignored,
                    // not a module it fails to import.
                    if !errors::matches(exc::PyExc_ModuleNotFoundError) || !missing_module_is(&sub)?
                    {
                        return Err(e);
                    }
                    errors::clear();
                }
            }
        }
        Ok(m)
    }
}
