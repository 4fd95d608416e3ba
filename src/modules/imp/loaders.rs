//! The loaders modules show as `__loader__` and `__spec__.loader`: the
//! classes of `importlib` that CPython uses (`BuiltinImporter`,
//! `SourceFileLoader`, `SourcelessFileLoader`, `ExtensionFileLoader`),
//! once `importlib` has been imported. Start-up does not import it (it
//! costs a third of a bare start); until then modules have no loader or
//! `NativeImporter` (`BuiltinImporter` for builtin modules and `__main__`),
//! and when `importlib._bootstrap_external` has run, [`bless_modules`]
//! gives every module loaded before the loader CPython would have given
//! it (`__main__` included: `SourceFileLoader` for a script).
//!
//! `SourceFileLoader.get_code` is ours for loaders of exactly that class
//! ([`source_get_code`]): our bytecode cache is not CPython's `marshal`
//! format that `SourceLoader.get_code` reads and writes.
use crate::ffi::*;
use crate::modules::args::{arity, builtin};
use crate::object::descr::method;
use crate::object::{dict, module, none, protocol, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::import::Found;
use crate::Owned;
use libc::c_void;
use std::path::PathBuf;

/// Attribute `name` of the module `module` in `sys.modules`, once that
/// module has defined it (borrowed; NULL when absent).
fn from_module(module: &str, name: &str) -> *mut PyObject {
    // SAFETY: sys.modules is a dict; a module there has a dict.
    unsafe {
        let m = dict::get_str(crate::modules::sys_modules(), module);
        if m.is_null() || !crate::object::typeobj::instance_of(m, &raw mut module::PyModule_Type) {
            return std::ptr::null_mut();
        }
        dict::get_str(module::dict_of(m), name)
    }
}

/// The loader of builtin modules: `BuiltinImporter` (borrowed).
pub fn builtin_loader() -> PyResult<*mut PyObject> {
    super::builtin_importer::builtin_importer()
}

/// The loader of the module `name` found as `found`: a new
/// `SourceFileLoader(name, path)` (or `SourcelessFileLoader` for a `.pyc`,
/// `ExtensionFileLoader` for an extension module) once
/// `importlib._bootstrap_external` has run, else `NativeImporter`.
pub unsafe fn file_loader(name: *mut PyObject, found: &Found) -> PyResult<Owned> {
    let class = if found.is_extension {
        "ExtensionFileLoader"
    } else if found.path.extension().is_some_and(|e| e == "pyc") {
        "SourcelessFileLoader"
    } else {
        "SourceFileLoader"
    };
    let cls = from_module("importlib._bootstrap_external", class);
    if cls.is_null() {
        return Ok(Owned::from_borrowed_static(super::native_importer()?));
    }
    let path = crate::runtime::fs_codec::path_str(&found.path)?;
    // SAFETY: cls is a class; name a str.
    unsafe { protocol::call_args(cls, &[name, path.as_ptr()]) }
}

/// Whether `loader` is a stand-in ([`bless_modules`] replaces it):
/// missing, None or `NativeImporter`.
fn is_stand_in(loader: *mut PyObject) -> PyResult<bool> {
    Ok(loader.is_null() || loader == none::none() || loader == super::native_importer()?)
}

/// Gives the modules in `sys.modules` whose loader is a stand-in the one
/// importlib would have given them, now that `importlib._bootstrap_external`
/// (whose dict is `external`) has run; also makes its `SourceFileLoader`
/// read our bytecode cache ([`source_get_code`]).
pub unsafe fn bless_modules(external: *mut PyObject) -> PyResult<()> {
    // SAFETY: external is the module's dict; sys.modules a dict.
    unsafe {
        install_get_code(external)?;
        let modules = crate::modules::sys_modules();
        let mut items = Vec::new();
        let mut pos = 0;
        while let Some((k, v)) = dict::next(modules, &mut pos) {
            items.push((Owned::from_borrowed(k), Owned::from_borrowed(v)));
        }
        for (name, m) in items {
            if !pystr::check(name.as_ptr())
                || !crate::object::typeobj::instance_of(m.as_ptr(), &raw mut module::PyModule_Type)
            {
                continue;
            }
            bless(name.as_ptr(), module::dict_of(m.as_ptr()))?;
        }
        Ok(())
    }
}

/// [`bless_modules`] for one module named `name` with dict `d`.
unsafe fn bless(name: *mut PyObject, d: *mut PyObject) -> PyResult<()> {
    // SAFETY: d is a module's dict; name a str.
    unsafe {
        let spec = dict::get_item_known_hash_str(d, crate::interned!("__spec__"));
        let loader = dict::get_item_known_hash_str(d, crate::interned!("__loader__"));
        if spec.is_null() || spec == none::none() {
            if pystr::as_str(name)? != "__main__" {
                return Ok(());
            }
            let file = dict::get_item_known_hash_str(d, crate::interned!("__file__"));
            let has_file = !file.is_null() && pystr::check(file);
            // A script's loader replaces the `BuiltinImporter` it started with.
            let replaced = is_stand_in(loader)? || (has_file && loader == builtin_loader()?);
            if !replaced {
                return Ok(());
            }
            let new = if !has_file {
                Owned::from_borrowed_static(builtin_loader()?)
            } else {
                let found = Found {
                    path: PathBuf::from(pystr::as_str(file)?),
                    is_package: false,
                    is_extension: false,
                };
                file_loader(name, &found)?
            };
            return dict::set_item(d, crate::interned!("__loader__"), new.as_ptr());
        }
        let Some(spec_loader) = protocol::getattr_opt(spec, crate::interned!("loader"))? else {
            return Ok(());
        };
        if spec_loader.as_ptr() != super::native_importer()? {
            return Ok(());
        }
        let origin = protocol::getattr_str(spec, "origin")?;
        if !pystr::check(origin.as_ptr()) {
            return Ok(());
        }
        let origin = pystr::as_str(origin.as_ptr())?;
        let new = if origin == super::importer::BUILT_IN {
            let spec = super::builtin_module_spec(name)?;
            dict::set_item(d, crate::interned!("__spec__"), spec.as_ptr())?;
            protocol::getattr_str(spec.as_ptr(), "loader")?
        } else {
            let locations = protocol::getattr_str(spec, "submodule_search_locations")?;
            let path = PathBuf::from(origin);
            let found = Found {
                is_package: locations.as_ptr() != none::none(),
                is_extension: path.extension().is_none_or(|e| e != "py" && e != "pyc"),
                path,
            };
            let new = file_loader(name, &found)?;
            protocol::setattr(spec, crate::interned!("loader"), new.as_ptr())?;
            new
        };
        if is_stand_in(loader)? {
            dict::set_item(d, crate::interned!("__loader__"), new.as_ptr())?;
        }
        Ok(())
    }
}

// `SourceFileLoader.get_code(fullname)`: for a loader of exactly that
// class, the module's code through our bytecode cache; a subclass (which
// may override `get_data`, `path_stats` or `source_to_code`) gets
// `SourceLoader.get_code`, which it inherits in CPython.
builtin!(source_get_code, |slf, args, kws| {
    crate::modules::args::no_kwargs("get_code", &kws)?;
    arity("get_code", args, 1, 1)?;
    let exact = from_module("importlib._bootstrap_external", "SourceFileLoader");
    if exact.is_null() || (*slf).ob_type.cast() != exact {
        let base = from_module("importlib._bootstrap_external", "SourceLoader");
        if base.is_null() {
            return Err(errors::system_error(
                "importlib._bootstrap_external is gone",
            ));
        }
        let f = protocol::getattr_str(base, "get_code")?;
        return protocol::call_args(f.as_ptr(), &[slf, args[0]]);
    }
    let getter = protocol::getattr_str(slf, "get_filename")?;
    let path = protocol::call_args(getter.as_ptr(), &[args[0]])?;
    if !pystr::check(path.as_ptr()) {
        return Err(errors::type_error("get_filename() must return str"));
    }
    let path = crate::runtime::fs_codec::str_path(path.as_ptr())?;
    let name = pystr::as_str(args[0])?;
    Ok(crate::runtime::pycache::load_code(&path, name)?.0)
});

static mut GET_CODE: PyMethodDef = method(
    c"get_code",
    source_get_code as *const c_void,
    METH_FASTCALL | METH_KEYWORDS,
);

/// Makes `SourceFileLoader.get_code` of the module whose dict is
/// `external` [`source_get_code`].
unsafe fn install_get_code(external: *mut PyObject) -> PyResult<()> {
    // SAFETY: external is a module's dict; GET_CODE is static.
    unsafe {
        let cls = dict::get_item_known_hash_str(external, crate::interned!("SourceFileLoader"));
        if cls.is_null()
            || !crate::object::typeobj::instance_of(
                cls,
                &raw mut crate::object::typeobj::PyType_Type,
            )
        {
            return Ok(());
        }
        let descr = crate::object::descr::new_method(cls.cast(), &raw mut GET_CODE)?;
        protocol::setattr(cls, crate::interned!("get_code"), descr.as_ptr())?;
        Ok(())
    }
}
