//! Extension modules in shared libraries (CPython's `Python/importdl.c`
//! and `dynload_shlib.c`): the file is `dlopen`ed and its
//! `PyInit_<name>` run, single-phase (it returns the module) or
//! multi-phase (it returns a `PyModuleDef`, PEP 489). The library's
//! C-API symbols resolve from the process, which exports them.
use crate::object::exceptions as exc;
use crate::object::{dict, list, module, protocol, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use std::ffi::{CStr, CString};
use std::path::Path;

/// The file name suffixes of extension modules, most specific first
/// (`importlib.machinery.EXTENSION_SUFFIXES`).
pub fn suffixes() -> [String; 3] {
    [
        format!(
            ".ferrython-314-{}-{}-gnu.so",
            std::env::consts::ARCH,
            std::env::consts::OS
        ),
        ".abi3.so".to_string(),
        ".so".to_string(),
    ]
}

/// Raises `ImportError(msg, name=..., path=...)`.
pub(crate) fn import_error(msg: &str, name: &str, path: &Path) -> errors::Raised {
    let build = || -> PyResult<errors::Raised> {
        // SAFETY: fresh objects; the class is static.
        unsafe {
            let m = pystr::from_str(msg)?;
            let kw = dict::new()?;
            dict::set_item(
                kw.as_ptr(),
                crate::interned!("name"),
                pystr::from_str(name)?.as_ptr(),
            )?;
            let p = crate::runtime::fs_codec::path_str(path)?;
            dict::set_item(kw.as_ptr(), crate::interned!("path"), p.as_ptr())?;
            let args = crate::object::tuple::pack(&[m.as_ptr()])?;
            let e = protocol::call(exc::PyExc_ImportError, args.as_ptr(), kw.as_ptr())?;
            Ok(errors::restore(e))
        }
    };
    build().unwrap_or_else(|r| r)
}

/// Loads the extension module `fullname` from `path` (a package when
/// `is_package`) and registers it in `sys.modules`.
pub fn load(fullname: &str, path: &Path, is_package: bool) -> PyResult<Owned> {
    crate::runtime::import_events::import_extension(fullname, path)?;
    let last = fullname.rsplit('.').next().unwrap_or(fullname);
    if !last.is_ascii() {
        return Err(import_error(
            "ferrython cannot load extension modules with non-ASCII names yet",
            fullname,
            path,
        ));
    }
    let cpath = CString::new(path.as_os_str().as_encoded_bytes())
        .map_err(|_| errors::value_error("embedded null byte"))?;
    // SAFETY: dlopen/dlsym/dlerror with valid C strings; the library stays
    // loaded for the life of the process, as in CPython.
    let init = unsafe {
        let flags = (*crate::runtime::tstate::get().interp).dlopenflags;
        let handle = libc::dlopen(cpath.as_ptr(), flags);
        if handle.is_null() {
            let e = libc::dlerror();
            let msg = if e.is_null() {
                format!("cannot load {}", path.display())
            } else {
                CStr::from_ptr(e).to_string_lossy().into_owned()
            };
            return Err(import_error(&msg, fullname, path));
        }
        let sym = CString::new(format!("PyInit_{last}")).expect("an ASCII name");
        let f = libc::dlsym(handle, sym.as_ptr());
        if f.is_null() {
            return Err(import_error(
                &format!("dynamic module does not define module export function (PyInit_{last})"),
                fullname,
                path,
            ));
        }
        std::mem::transmute::<*mut libc::c_void, crate::capi::import::InitFunc>(f)
    };
    let filename = crate::runtime::fs_codec::path_str(path)?;
    let found = crate::runtime::import::Found {
        path: path.to_path_buf(),
        is_package,
        is_extension: true,
    };
    let name = pystr::from_str(fullname)?;
    // SAFETY: name is a str; spec a fresh object; init is the library's
    // export.
    unsafe {
        let spec = crate::modules::imp::file_module_spec(name.as_ptr(), &found)?;
        let loader = protocol::getattr_str(spec.as_ptr(), "loader")?;
        let m = crate::capi::import::run_init_function_with_spec(fullname, init, spec.clone())?;
        if (*m.as_ptr()).ob_type != &raw mut module::PyModule_Type
            && !crate::object::typeobj::instance_of(m.as_ptr(), &raw mut module::PyModule_Type)
        {
            return Err(errors::system_error(format!(
                "initialization of {last} did not return an extension module"
            )));
        }
        let d = module::dict_of(m.as_ptr());
        // A single-phase module is named by its PyModuleDef; inside a
        // package it gets the full name (CPython's package context).
        if fullname != last {
            let n = dict::get_item_known_hash_str(d, crate::interned!("__name__"));
            if !n.is_null() && pystr::check(n) && pystr::as_str(n)? == last {
                dict::set_item(
                    d,
                    crate::interned!("__name__"),
                    pystr::from_str(fullname)?.as_ptr(),
                )?;
            }
        }
        dict::set_item(d, crate::interned!("__file__"), filename.as_ptr())?;
        let none = crate::object::none::none();
        let s = dict::get_item_known_hash_str(d, crate::interned!("__spec__"));
        if s.is_null() || s == none {
            dict::set_item(d, crate::interned!("__spec__"), spec.as_ptr())?;
        }
        let l = dict::get_item_known_hash_str(d, crate::interned!("__loader__"));
        if l.is_null() || l == none {
            dict::set_item(d, crate::interned!("__loader__"), loader.as_ptr())?;
        }
        if is_package {
            let dir = path.parent().unwrap_or(Path::new("."));
            let p = list::from_vec(vec![crate::runtime::fs_codec::path_str(dir)?])?;
            dict::set_item(d, crate::interned!("__path__"), p.as_ptr())?;
        }
        dict::set_item(
            crate::modules::sys_modules(),
            pystr::intern(fullname),
            m.as_ptr(),
        )?;
        Ok(m)
    }
}
