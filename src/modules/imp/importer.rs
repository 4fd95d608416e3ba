//! `_imp.NativeImporter`: the finder and loader that `sys.meta_path`
//! holds, so `importlib` (`importlib.import_module`, `importlib.util.find_spec`,
//! `importlib.reload`, `runpy`) finds and loads modules the way the
//! `import` statement does: builtin modules, then packages, extension
//! modules and source files on `sys.path` or the parent's `__path__`
//! (`runtime::import::find_module`), source through the bytecode cache.
//! It plays the parts of CPython's `BuiltinImporter` and `PathFinder` with
//! `SourceFileLoader` / `ExtensionFileLoader`, including the loader
//! queries `runpy`, `pkgutil`, `linecache` and `inspect` make
//! (`get_code`, `get_source`, `is_package`, `get_filename`, `get_data`).
use crate::ffi::*;
use crate::modules::args::{arity, builtin};
use crate::object::descr::{method, METHOD_END};
use crate::object::exceptions as exc;
use crate::object::typeobj::type_template;
use crate::object::{bool as pybool, dict, list, module, none, protocol, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::fs_codec::{path_str, str_path};
use crate::runtime::import;
use crate::Owned;
use libc::{c_int, c_void};
use std::path::{Path, PathBuf};

/// The `origin` of a builtin module's spec.
pub(super) const BUILT_IN: &str = "built-in";

/// `None` (a new reference).
fn none_ref() -> Owned {
    Owned::from_borrowed_static(none::none())
}

/// A keyword argument by name, else the positional one at `i`, else NULL.
fn arg(
    args: &[*mut PyObject],
    kws: &[(&str, *mut PyObject)],
    i: usize,
    name: &str,
) -> *mut PyObject {
    kws.iter()
        .find(|(k, _)| *k == name)
        .map(|&(_, v)| v)
        .or_else(|| args.get(i).copied())
        .unwrap_or(std::ptr::null_mut())
}

// `NativeImporter.find_spec(fullname, path=None, target=None)`: a
// `ModuleSpec` for `fullname`, or None when it cannot be found.
builtin!(find_spec, |_cls, args, kws| {
    arity("find_spec", args, 0, 3)?;
    let fullname = arg(args, &kws, 0, "fullname");
    if fullname.is_null() || !pystr::check(fullname) {
        return Err(errors::type_error(
            "find_spec() argument 'fullname' must be str",
        ));
    }
    let name = pystr::as_str(fullname)?;
    let path = arg(args, &kws, 1, "path");
    let bootstrap = import::import_absolute("importlib._bootstrap")?;
    if crate::modules::builtin_names().contains(&name) {
        let loader = super::loaders::builtin_loader()?;
        return make_spec(
            bootstrap.as_ptr(),
            fullname,
            loader,
            pystr::intern(BUILT_IN),
            false,
        );
    }
    let dirs: Vec<PathBuf> = if path.is_null() || path == none::none() {
        if name.contains('.') {
            return Ok(none_ref());
        }
        import::search_path()
    } else {
        import::path_dirs(path)?
    };
    let last = name.rsplit('.').next().unwrap_or(name);
    match import::find_location(&dirs, name, last)? {
        Some(import::Location::File(found)) => file_spec(bootstrap.as_ptr(), fullname, &found),
        Some(import::Location::Spec(spec)) => Ok(spec),
        Some(import::Location::Namespace(portions)) => {
            Ok(import::namespace_spec(fullname, &portions)?.0)
        }
        None => Ok(none_ref()),
    }
});

/// `importlib._bootstrap.ModuleSpec(name, loader, origin=origin,
/// is_package=is_package)`.
unsafe fn make_spec(
    bootstrap: *mut PyObject,
    name: *mut PyObject,
    loader: *mut PyObject,
    origin: *mut PyObject,
    is_package: bool,
) -> PyResult<Owned> {
    // SAFETY: bootstrap is the importlib._bootstrap module; name a str.
    unsafe {
        let spec_type = protocol::getattr_str(bootstrap, "ModuleSpec")?;
        let kw = dict::new()?;
        dict::set_item(kw.as_ptr(), crate::interned!("origin"), origin)?;
        dict::set_item(
            kw.as_ptr(),
            crate::interned!("is_package"),
            pybool::from_bool(is_package),
        )?;
        let pos = crate::object::tuple::pack(&[name, loader])?;
        protocol::call(spec_type.as_ptr(), pos.as_ptr(), kw.as_ptr())
    }
}

/// The spec of a module found on the path: its file as `origin`, the
/// cache file as `cached` (source), the package directory as
/// `submodule_search_locations`.
unsafe fn file_spec(
    bootstrap: *mut PyObject,
    name: *mut PyObject,
    found: &import::Found,
) -> PyResult<Owned> {
    // SAFETY: bootstrap is the importlib._bootstrap module; name a str.
    unsafe {
        let origin = path_str(&found.path)?;
        let loader = super::loaders::file_loader(name, found)?;
        let spec = make_spec(
            bootstrap,
            name,
            loader.as_ptr(),
            origin.as_ptr(),
            found.is_package,
        )?;
        let s = spec.as_ptr();
        protocol::setattr(s, crate::interned!("has_location"), pybool::from_bool(true))?;
        if !found.is_extension {
            if let Some(c) = crate::runtime::pycache::cache_path(&found.path) {
                let c = path_str(&c)?;
                protocol::setattr(s, crate::interned!("cached"), c.as_ptr())?;
            }
        }
        if found.is_package {
            let dir = found.path.parent().unwrap_or(Path::new("."));
            let l = list::from_vec(vec![path_str(dir)?])?;
            protocol::setattr(
                s,
                crate::interned!("submodule_search_locations"),
                l.as_ptr(),
            )?;
        }
        Ok(spec)
    }
}

/// The spec of the builtin module `name`: importlib's `ModuleSpec` with
/// `BuiltinImporter` once `importlib._bootstrap` has run, else a stand-in
/// ([`import::builtin_spec`]).
pub unsafe fn builtin_module_spec(name: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: sys.modules is a dict; name a str.
    unsafe {
        let bootstrap = dict::get_item_known_hash_str(
            crate::modules::sys_modules(),
            crate::interned!("importlib._bootstrap"),
        );
        if bootstrap.is_null()
            || dict::get_item_known_hash_str(
                module::dict_of(bootstrap),
                crate::interned!("ModuleSpec"),
            )
            .is_null()
        {
            return import::builtin_spec(pystr::as_str(name)?);
        }
        let loader = super::loaders::builtin_loader()?;
        make_spec(bootstrap, name, loader, pystr::intern(BUILT_IN), false)
    }
}

/// The spec of the module `name` in the file `found` (an extension module
/// being loaded): as [`spec_for_import`] makes it once `importlib` has
/// been imported, else a stand-in with the file as `origin`.
pub unsafe fn file_module_spec(name: *mut PyObject, found: &import::Found) -> PyResult<Owned> {
    // SAFETY: name is a str.
    unsafe {
        if let Some(spec) = spec_for_import(name, found)? {
            return Ok(spec);
        }
        let spec = import::builtin_spec(pystr::as_str(name)?)?;
        let origin = path_str(&found.path)?;
        protocol::setattr(spec.as_ptr(), crate::interned!("origin"), origin.as_ptr())?;
        Ok(spec)
    }
}

/// The spec of a module the `import` statement found on the path, when
/// `importlib` has been imported (None before: nothing can read it yet).
pub unsafe fn spec_for_import(
    name: *mut PyObject,
    found: &import::Found,
) -> PyResult<Option<Owned>> {
    // SAFETY: sys.modules is a dict.
    let bootstrap = unsafe {
        dict::get_item_known_hash_str(
            crate::modules::sys_modules(),
            crate::interned!("importlib._bootstrap"),
        )
    };
    if bootstrap.is_null() {
        return Ok(None);
    }
    // SAFETY: bootstrap is a module; name a str.
    unsafe { file_spec(bootstrap, name, found).map(Some) }
}

/// Gives the modules `names`, loaded from source before
/// `importlib._bootstrap` (the start-up's `site`, `os` ..., and
/// `importlib` itself), the spec and loader later imports get, once
/// `bootstrap`, that module, has run and can make specs. One that has a
/// spec by now, or is gone, is left alone.
pub unsafe fn spec_earlier_modules(bootstrap: *mut PyObject, names: Vec<String>) -> PyResult<()> {
    let modules = crate::modules::sys_modules();
    // SAFETY: modules is a dict; a module there has a dict.
    unsafe {
        let module_type = &raw mut crate::object::module::PyModule_Type;
        for name in names {
            let m = dict::get_str(modules, &name);
            if m.is_null() || !crate::object::typeobj::instance_of(m, module_type) {
                continue;
            }
            let m = Owned::from_borrowed(m);
            let d = module::dict_of(m.as_ptr());
            let spec = dict::get_item_known_hash_str(d, crate::interned!("__spec__"));
            let file = dict::get_item_known_hash_str(d, crate::interned!("__file__"));
            if (!spec.is_null() && spec != none::none()) || file.is_null() || !pystr::check(file) {
                continue;
            }
            let found = import::Found {
                path: str_path(file)?,
                is_package: !dict::get_item_known_hash_str(d, crate::interned!("__path__"))
                    .is_null(),
                is_extension: false,
            };
            let name = pystr::from_str(&name)?;
            let spec = file_spec(bootstrap, name.as_ptr(), &found)?;
            dict::set_item(d, crate::interned!("__spec__"), spec.as_ptr())?;
            let loader = dict::get_item_known_hash_str(d, crate::interned!("__loader__"));
            if loader.is_null() || loader == none::none() {
                let l = protocol::getattr_str(spec.as_ptr(), "loader")?;
                dict::set_item(d, crate::interned!("__loader__"), l.as_ptr())?;
            }
        }
        Ok(())
    }
}

/// The spec's `origin` as a string, if it is one.
unsafe fn origin_of(spec: *mut PyObject) -> PyResult<Option<String>> {
    // SAFETY: spec is a valid object.
    unsafe {
        let o = protocol::getattr_str(spec, "origin")?;
        Ok(if pystr::check(o.as_ptr()) {
            Some(pystr::as_str(o.as_ptr())?.to_string())
        } else {
            None
        })
    }
}

// `NativeImporter.create_module(spec)`: a builtin or extension module
// (created and initialized), or a new empty module for a source module
// (importlib then sets its attributes and calls `exec_module`).
builtin!(create_module, |_cls, args, kws| {
    crate::modules::args::no_kwargs("create_module", &kws)?;
    arity("create_module", args, 1, 1)?;
    let spec = args[0];
    let name = protocol::getattr_str(spec, "name")?;
    let name = pystr::as_str(name.as_ptr())?.to_string();
    let Some(origin) = origin_of(spec)? else {
        return Ok(none_ref());
    };
    if origin == BUILT_IN {
        return match crate::modules::create_builtin(&name)? {
            Some(m) => Ok(m),
            None => Err(errors::set_string(
                exc::PyExc_ImportError,
                &format!("no built-in module named {name}"),
            )),
        };
    }
    if origin.ends_with(".py") {
        return module::new(pystr::from_str(&name)?.as_ptr());
    }
    let locations = protocol::getattr_str(spec, "submodule_search_locations")?;
    let is_package = locations.as_ptr() != none::none();
    crate::runtime::dynload::load(&name, Path::new(&origin), is_package)
});

// `NativeImporter.exec_module(module)`: runs a source module's code (from
// the bytecode cache when current) in the module's namespace; builtin and
// extension modules were initialized by `create_module`.
builtin!(exec_module, |_cls, args, kws| {
    crate::modules::args::no_kwargs("exec_module", &kws)?;
    arity("exec_module", args, 1, 1)?;
    let m = args[0];
    let spec = protocol::getattr_str(m, "__spec__")?;
    let Some(origin) = origin_of(spec.as_ptr())? else {
        return Ok(none_ref());
    };
    if !origin.ends_with(".py") {
        return Ok(none_ref());
    }
    let d = module::dict_of(m);
    if dict::get_item_known_hash_str(d, crate::interned!("__builtins__")).is_null() {
        dict::set_item(
            d,
            crate::interned!("__builtins__"),
            crate::modules::builtins::dict(),
        )?;
    }
    let name = protocol::getattr_str(spec.as_ptr(), "name")?;
    let name = pystr::as_str(name.as_ptr())?;
    let (code, _) = crate::runtime::pycache::load_code(Path::new(&origin), name)?;
    crate::runtime::import_events::exec(code.as_ptr())?;
    crate::vm::call::eval_code(code.as_ptr(), d, d)?;
    Ok(none_ref())
});

/// What the loader knows of module `fullname`: None for a builtin one,
/// else where `find_spec` finds it (under the parent package's
/// `__path__`, which is imported first, or on `sys.path`).
unsafe fn locate(fullname: *mut PyObject) -> PyResult<Option<import::Found>> {
    // SAFETY: fullname is checked to be a str.
    unsafe {
        if !pystr::check(fullname) {
            return Err(errors::type_error("fullname must be str"));
        }
        let name = pystr::as_str(fullname)?;
        if crate::modules::builtin_names().contains(&name) {
            return Ok(None);
        }
        let (dirs, last) = match name.rsplit_once('.') {
            Some((parent, last)) => {
                let pkg = import::import_absolute(parent)?;
                let path = protocol::getattr_str(pkg.as_ptr(), "__path__")?;
                (import::path_dirs(path.as_ptr())?, last)
            }
            None => (import::search_path(), name),
        };
        match import::find_module(&dirs, last)? {
            Some(found) => Ok(Some(found)),
            None => Err(errors::set_string(
                exc::PyExc_ImportError,
                &format!("No module named {name:?}"),
            )),
        }
    }
}

/// The bytes of the file at `path`; an `OSError` naming it on failure.
fn read_file(path: &Path) -> PyResult<Owned> {
    match std::fs::read(path) {
        Ok(data) => crate::object::bytes::from_slice(&data),
        Err(e) => {
            let name = path_str(path)?;
            // SAFETY: name is a str.
            Err(unsafe {
                errors::os_error(
                    e.raw_os_error().unwrap_or(0),
                    name.as_ptr(),
                    std::ptr::null_mut(),
                )
            })
        }
    }
}

/// The one `fullname` argument of the loader queries.
fn fullname_arg(
    func: &str,
    args: &[*mut PyObject],
    kws: &[(&str, *mut PyObject)],
) -> PyResult<*mut PyObject> {
    arity(func, args, 0, 1)?;
    let f = arg(args, kws, 0, "fullname");
    if f.is_null() {
        return Err(errors::type_error(format!(
            "{func}() missing required argument 'fullname'"
        )));
    }
    Ok(f)
}

// `NativeImporter.get_code(fullname)`: the module's code object (through
// the bytecode cache), None for builtin and extension modules.
builtin!(get_code, |_cls, args, kws| {
    let fullname = fullname_arg("get_code", args, &kws)?;
    match locate(fullname)? {
        Some(f) if !f.is_extension => {
            let name = pystr::as_str(fullname)?;
            Ok(crate::runtime::pycache::load_code(&f.path, name)?.0)
        }
        _ => Ok(none_ref()),
    }
});

// `NativeImporter.get_source(fullname)`: the module's source decoded as
// `importlib.util.decode_source` does, None without source.
builtin!(get_source, |_cls, args, kws| {
    match locate(fullname_arg("get_source", args, &kws)?)? {
        Some(f) if !f.is_extension && f.path.extension().is_none_or(|e| e != "pyc") => {
            let bytes = read_file(&f.path)?;
            let ext = import::import_absolute("importlib._bootstrap_external")?;
            let decode = protocol::getattr_str(ext.as_ptr(), "decode_source")?;
            protocol::call_args(decode.as_ptr(), &[bytes.as_ptr()])
        }
        _ => Ok(none_ref()),
    }
});

// `NativeImporter.is_package(fullname)`.
builtin!(is_package, |_cls, args, kws| {
    let found = locate(fullname_arg("is_package", args, &kws)?)?;
    Ok(Owned::from_borrowed_static(pybool::from_bool(
        found.is_some_and(|f| f.is_package),
    )))
});

// `NativeImporter.get_filename(fullname)`: the file the module loads from.
builtin!(get_filename, |_cls, args, kws| {
    match locate(fullname_arg("get_filename", args, &kws)?)? {
        Some(f) => path_str(&f.path),
        None => Err(errors::set_string(
            exc::PyExc_ImportError,
            "built-in modules have no file",
        )),
    }
});

// `NativeImporter.get_data(path)`: the bytes of a file (`FileLoader.get_data`).
builtin!(get_data, |_cls, args, kws| {
    arity("get_data", args, 0, 1)?;
    let p = arg(args, &kws, 0, "path");
    if p.is_null() || !pystr::check(p) {
        return Err(errors::type_error("get_data() argument 'path' must be str"));
    }
    read_file(Path::new(pystr::as_str(p)?))
});

// `NativeImporter.invalidate_caches()`: forgets the directory listings
// (`FileFinder.invalidate_caches`), so files made since are found.
crate::modules::objtype::meth_noargs!(invalidate_caches, |_cls| {
    crate::runtime::dir_listing::invalidate();
    Ok(none_ref())
});

const STATIC: c_int = METH_FASTCALL | METH_KEYWORDS | METH_STATIC;

static METHODS: [PyMethodDef; 10] = [
    method(c"find_spec", find_spec as *const c_void, STATIC),
    method(c"create_module", create_module as *const c_void, STATIC),
    method(c"exec_module", exec_module as *const c_void, STATIC),
    method(c"get_code", get_code as *const c_void, STATIC),
    method(c"get_source", get_source as *const c_void, STATIC),
    method(c"is_package", is_package as *const c_void, STATIC),
    method(c"get_filename", get_filename as *const c_void, STATIC),
    method(c"get_data", get_data as *const c_void, STATIC),
    method(
        c"invalidate_caches",
        invalidate_caches as *const c_void,
        METH_NOARGS | METH_STATIC,
    ),
    METHOD_END,
];

/// The `NativeImporter` class; the class itself is the finder and loader.
pub static mut NATIVE_IMPORTER_TYPE: PyTypeObject = PyTypeObject {
    tp_methods: (&raw const METHODS).cast_mut().cast(),
    tp_doc: c"Finds and loads builtin, extension and source modules for importlib.".as_ptr(),
    ..type_template(c"_imp.NativeImporter", std::mem::size_of::<PyObject>(), 0)
};

/// The `NativeImporter` class, readied (borrowed; static).
pub fn native_importer() -> PyResult<*mut PyObject> {
    let tp = &raw mut NATIVE_IMPORTER_TYPE;
    // SAFETY: the type is static.
    unsafe { crate::object::typeobj::ready(tp)? };
    Ok(tp.cast())
}
