//! `BuiltinImporter` (`importlib._bootstrap.BuiltinImporter`), the finder
//! and loader of builtin modules, as a static type: `__main__` of `-c`
//! and of standard input has it as `__loader__` from the start, as in
//! CPython, without importing `importlib`, and once
//! `importlib._bootstrap` has run it is that module's `BuiltinImporter`
//! ([`replace_in_bootstrap`]), so `importlib.machinery.BuiltinImporter`
//! is this class.
use crate::ffi::*;
use crate::modules::args::{arity, builtin, no_kwargs};
use crate::object::descr::{method, METHOD_END};
use crate::object::exceptions as exc;
use crate::object::typeobj::type_template;
use crate::object::{bool as pybool, dict, none, protocol, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::import;
use crate::Owned;
use libc::{c_int, c_void};

/// `ImportError('NAME' is not a built-in module, name=NAME)`, raised.
unsafe fn not_builtin(name: *mut PyObject) -> errors::Raised {
    let build = || -> PyResult<errors::Raised> {
        // SAFETY: name is a valid object; the class is static.
        unsafe {
            let msg = format!("{} is not a built-in module", protocol::repr_string(name)?);
            let msg = pystr::from_str(&msg)?;
            let kw = dict::new()?;
            dict::set_item(kw.as_ptr(), crate::interned!("name"), name)?;
            let args = crate::object::tuple::pack(&[msg.as_ptr()])?;
            let e = protocol::call(exc::PyExc_ImportError, args.as_ptr(), kw.as_ptr())?;
            Ok(errors::restore(e))
        }
    };
    build().unwrap_or_else(|r| r)
}

/// Whether `name` is a str naming a builtin module.
unsafe fn is_builtin_name(name: *mut PyObject) -> PyResult<bool> {
    // SAFETY: name is a valid object.
    unsafe {
        Ok(pystr::check(name) && crate::modules::builtin_names().contains(&pystr::as_str(name)?))
    }
}

/// The `fullname` argument of the loader queries (`_requires_builtin`):
/// an `ImportError` unless it names a builtin module.
unsafe fn builtin_fullname(
    func: &str,
    args: &[*mut PyObject],
    kws: &[(&str, *mut PyObject)],
) -> PyResult<()> {
    arity(func, args, 0, 1)?;
    let name = kws
        .iter()
        .find(|(k, _)| *k == "fullname")
        .map(|&(_, v)| v)
        .or_else(|| args.first().copied());
    let Some(name) = name else {
        return Err(errors::type_error(format!(
            "{func}() missing required argument 'fullname'"
        )));
    };
    // SAFETY: name is a valid object.
    unsafe {
        if is_builtin_name(name)? {
            Ok(())
        } else {
            Err(not_builtin(name))
        }
    }
}

// `BuiltinImporter.find_spec(fullname, path=None, target=None)`: the spec
// of a builtin module (this class its loader), else None.
builtin!(find_spec, |_cls, args, kws| {
    arity("find_spec", args, 0, 3)?;
    let name = kws
        .iter()
        .find(|(k, _)| *k == "fullname")
        .map(|&(_, v)| v)
        .or_else(|| args.first().copied())
        .ok_or_else(|| errors::type_error("find_spec() missing required argument 'fullname'"))?;
    if !is_builtin_name(name)? {
        return Ok(Owned::from_borrowed_static(none::none()));
    }
    import::import_absolute("importlib._bootstrap")?;
    super::builtin_module_spec(name)
});

// `BuiltinImporter.create_module(spec)`: the builtin module `spec.name`.
builtin!(create_module, |_cls, args, kws| {
    no_kwargs("create_module", &kws)?;
    arity("create_module", args, 1, 1)?;
    let name = protocol::getattr_str(args[0], "name")?;
    if !is_builtin_name(name.as_ptr())? {
        return Err(not_builtin(name.as_ptr()));
    }
    let n = pystr::as_str(name.as_ptr())?;
    let existing = dict::get_str(crate::modules::sys_modules(), n);
    if !existing.is_null() {
        return Ok(Owned::from_borrowed(existing));
    }
    match crate::modules::create_builtin(n)? {
        Some(m) => Ok(m),
        None => Err(not_builtin(name.as_ptr())),
    }
});

// `BuiltinImporter.exec_module(module)`: nothing more to do; creating a
// builtin module ran its `Py_mod_exec` slots.
builtin!(exec_module, |_cls, args, kws| {
    no_kwargs("exec_module", &kws)?;
    arity("exec_module", args, 1, 1)?;
    Ok(Owned::from_borrowed_static(none::none()))
});

// `BuiltinImporter.get_code(fullname)` / `get_source(fullname)`: None, a
// builtin module has neither.
builtin!(get_nothing, |_cls, args, kws| {
    builtin_fullname("get_source", args, &kws)?;
    Ok(Owned::from_borrowed_static(none::none()))
});

// `BuiltinImporter.is_package(fullname)`: False.
builtin!(is_package, |_cls, args, kws| {
    builtin_fullname("is_package", args, &kws)?;
    Ok(Owned::from_borrowed_static(pybool::from_bool(false)))
});

// `BuiltinImporter.load_module(fullname)`: the deprecated way, through
// `importlib._bootstrap._load_module_shim`.
builtin!(load_module, |cls, args, kws| {
    no_kwargs("load_module", &kws)?;
    arity("load_module", args, 1, 1)?;
    let bootstrap = import::import_absolute("importlib._bootstrap")?;
    let shim = protocol::getattr_str(bootstrap.as_ptr(), "_load_module_shim")?;
    protocol::call_args(shim.as_ptr(), &[cls, args[0]])
});

const CLASS: c_int = METH_FASTCALL | METH_KEYWORDS | METH_CLASS;
const STATIC: c_int = METH_FASTCALL | METH_KEYWORDS | METH_STATIC;

static METHODS: [PyMethodDef; 8] = [
    method(c"find_spec", find_spec as *const c_void, CLASS),
    method(c"create_module", create_module as *const c_void, STATIC),
    method(c"exec_module", exec_module as *const c_void, STATIC),
    method(c"get_code", get_nothing as *const c_void, CLASS),
    method(c"get_source", get_nothing as *const c_void, CLASS),
    method(c"is_package", is_package as *const c_void, CLASS),
    method(c"load_module", load_module as *const c_void, CLASS),
    METHOD_END,
];

/// The `BuiltinImporter` class; the class itself is the finder and loader.
static mut BUILTIN_IMPORTER_TYPE: PyTypeObject = PyTypeObject {
    tp_methods: (&raw const METHODS).cast_mut().cast(),
    tp_doc: c"Meta path import for built-in modules.\n\nAll methods are either class or static methods to avoid the need to\ninstantiate the class.".as_ptr(),
    ..type_template(
        c"importlib._bootstrap.BuiltinImporter",
        std::mem::size_of::<PyObject>(),
        0,
    )
};

/// The `BuiltinImporter` class, readied (borrowed; static).
pub fn builtin_importer() -> PyResult<*mut PyObject> {
    let tp = &raw mut BUILTIN_IMPORTER_TYPE;
    // SAFETY: the type is static.
    unsafe {
        if (*tp).tp_dict.is_null() {
            crate::object::typeobj::ready(tp)?;
            let origin = pystr::from_str(super::importer::BUILT_IN)?;
            dict::set_item((*tp).tp_dict, crate::interned!("_ORIGIN"), origin.as_ptr())?;
        }
    }
    Ok(tp.cast())
}

/// Makes `BuiltinImporter` of `importlib._bootstrap` (whose dict is
/// `bootstrap`, which has just run) this class.
pub unsafe fn replace_in_bootstrap(bootstrap: *mut PyObject) -> PyResult<()> {
    // SAFETY: bootstrap is a module's dict.
    unsafe {
        dict::set_item(
            bootstrap,
            crate::interned!("BuiltinImporter"),
            builtin_importer()?,
        )
    }
}
