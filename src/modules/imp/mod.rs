//! The `_imp` module (CPython's `Python/import.c`): what `importlib`'s
//! bootstrap needs from the import system: builtin modules
//! (`is_builtin`, `create_builtin`, `exec_builtin`), extension modules
//! (`create_dynamic`, `exec_dynamic`, `extension_suffixes`), the global
//! import lock, and the frozen-module queries (ferrython has no frozen
//! modules). `NativeImporter` (`importer.rs`) is the finder `sys.meta_path`
//! holds.
pub mod builtin_importer;
mod importer;
mod loaders;
pub mod pyc_magic;

pub use importer::{
    builtin_module_spec, file_module_spec, native_importer, spec_earlier_modules, spec_for_import,
};
pub use loaders::bless_modules;

use crate::ffi::*;
use crate::modules::args::{arity, builtin, no_kwargs};
use crate::object::descr::{method, METHOD_END};
use crate::object::exceptions as exc;
use crate::object::{bool as pybool, dict, int, list, none, protocol, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};
use std::sync::{Condvar, Mutex};

fn none_ref() -> Owned {
    Owned::from_borrowed_static(none::none())
}

/// The name argument as a str.
unsafe fn name_arg<'a>(f: &str, o: *mut PyObject) -> PyResult<&'a str> {
    // SAFETY: o is a valid object.
    unsafe {
        if !pystr::check(o) {
            return Err(errors::type_error(format!(
                "{f}() argument must be str, not {}",
                crate::object::typeobj::type_name(o)
            )));
        }
        pystr::as_str(o)
    }
}

// `_imp.is_builtin(name)`: -1 for `sys` and `builtins` (they cannot be
// initialized again), 1 for another builtin module, else 0.
builtin!(is_builtin, |args, kws| {
    no_kwargs("is_builtin", &kws)?;
    arity("is_builtin", args, 1, 1)?;
    let name = name_arg("is_builtin", args[0])?;
    let v = match name {
        "sys" | "builtins" => -1,
        n if crate::modules::builtin_names().contains(&n) => 1,
        _ => 0,
    };
    int::from_i64(v)
});

// `_imp.create_builtin(spec)`: the builtin module `spec.name`; one already
// in `sys.modules` is returned as it is.
builtin!(create_builtin, |args, kws| {
    no_kwargs("create_builtin", &kws)?;
    arity("create_builtin", args, 1, 1)?;
    let name = protocol::getattr_str(args[0], "name")?;
    let n = name_arg("create_builtin", name.as_ptr())?;
    let existing = dict::get_str(crate::modules::sys_modules(), n);
    if !existing.is_null() {
        return Ok(Owned::from_borrowed(existing));
    }
    match crate::modules::create_builtin(n)? {
        Some(m) => Ok(m),
        None => Err(errors::set_string(
            exc::PyExc_ImportError,
            &format!("no built-in module named {n}"),
        )),
    }
});

// `_imp.exec_builtin(mod)` / `_imp.exec_dynamic(mod)`: 0; creating a
// module here already ran its `Py_mod_exec` slots.
builtin!(exec_module, |args, kws| {
    no_kwargs("exec_builtin", &kws)?;
    arity("exec_builtin", args, 1, 1)?;
    int::from_i64(0)
});

// `_imp._fix_co_filename(code, path)`: sets `co_filename` of `code` and
// of the code objects nested in it to `path` (a `.pyc` loaded from
// elsewhere than where it was compiled).
builtin!(fix_co_filename, |args, kws| {
    no_kwargs("_fix_co_filename", &kws)?;
    arity("_fix_co_filename", args, 2, 2)?;
    let (code, path) = (args[0], args[1]);
    if !crate::vm::code::check(code) {
        return Err(errors::type_error(format!(
            "_fix_co_filename() argument 1 must be code, not {}",
            crate::object::typeobj::type_name(code)
        )));
    }
    if !pystr::check(path) {
        return Err(errors::type_error(format!(
            "_fix_co_filename() argument 2 must be str, not {}",
            crate::object::typeobj::type_name(path)
        )));
    }
    crate::vm::code::set_filename(code, path);
    Ok(none_ref())
});

// `_imp.source_hash(key, source)`: the keyed SipHash-1-3 of a source
// that hash-based `.pyc` files record, as 8 bytes.
builtin!(source_hash, |args, kws| {
    let (mut key, mut source) = (args.first().copied(), args.get(1).copied());
    for &(k, v) in &kws {
        match k {
            "key" => key = Some(v),
            "source" => source = Some(v),
            _ => {
                return Err(errors::type_error(format!(
                    "source_hash() got an unexpected keyword argument '{k}'"
                )))
            }
        }
    }
    let (Some(key), Some(source)) = (key, source) else {
        return Err(errors::type_error(
            "source_hash() missing required argument",
        ));
    };
    let key = int::as_i64(crate::object::number::index(key)?.as_ptr())?;
    let mut view: Py_buffer = std::mem::zeroed();
    crate::object::buffer::get(source, &mut view, PyBUF_SIMPLE)?;
    let data: &[u8] = if view.len == 0 {
        &[]
    } else {
        std::slice::from_raw_parts(view.buf as *const u8, view.len as usize)
    };
    let h = crate::object::hash::siphash13_keyed(key as u64, 0, data);
    crate::object::buffer::release(&mut view);
    crate::object::bytes::from_slice(&h.to_le_bytes())
});

// `_imp.create_dynamic(spec, file=None)`: loads the extension module at
// `spec.origin`.
builtin!(create_dynamic, |args, kws| {
    no_kwargs("create_dynamic", &kws)?;
    arity("create_dynamic", args, 1, 2)?;
    let spec = args[0];
    let name = protocol::getattr_str(spec, "name")?;
    let origin = protocol::getattr_str(spec, "origin")?;
    let name = name_arg("create_dynamic", name.as_ptr())?;
    let origin = name_arg("create_dynamic", origin.as_ptr())?;
    let locations = protocol::getattr_opt(spec, crate::interned!("submodule_search_locations"))?;
    let is_package = locations.is_some_and(|l| l.as_ptr() != none::none());
    crate::runtime::dynload::load(name, std::path::Path::new(origin), is_package)
});

// `_imp.extension_suffixes()`.
builtin!(extension_suffixes, |args, kws| {
    no_kwargs("extension_suffixes", &kws)?;
    arity("extension_suffixes", args, 0, 0)?;
    let items = crate::runtime::dynload::suffixes()
        .iter()
        .map(|s| pystr::from_str(s))
        .collect::<PyResult<Vec<_>>>()?;
    list::from_vec(items)
});

// `_imp.is_frozen(name)`: False (no frozen modules).
builtin!(is_frozen, |args, kws| {
    no_kwargs("is_frozen", &kws)?;
    arity("is_frozen", args, 1, 1)?;
    name_arg("is_frozen", args[0])?;
    Ok(Owned::from_borrowed_static(pybool::from_bool(false)))
});

// `_imp.find_frozen(name, *, withdata=False)`: None (no frozen modules).
builtin!(find_frozen, |args, kws| {
    arity("find_frozen", args, 1, 1)?;
    name_arg("find_frozen", args[0])?;
    if let Some((k, _)) = kws.iter().find(|(k, _)| *k != "withdata") {
        return Err(errors::type_error(format!(
            "find_frozen() got an unexpected keyword argument '{k}'"
        )));
    }
    Ok(none_ref())
});

// `_imp.is_frozen_package(name)` / `get_frozen_object(name)`: there is no
// frozen object of any name.
builtin!(no_frozen_object, |args, kws| {
    no_kwargs("is_frozen_package", &kws)?;
    arity("is_frozen_package", args, 1, 2)?;
    let r = protocol::repr_string(args[0])?;
    Err(errors::set_string(
        exc::PyExc_ImportError,
        &format!("No such frozen object named {r}"),
    ))
});

// `_imp._frozen_module_names()`: the names in the frozen tables, a list
// as in CPython; ferrython freezes none, so it is empty.
builtin!(frozen_module_names, |args, kws| {
    no_kwargs("_frozen_module_names", &kws)?;
    arity("_frozen_module_names", args, 0, 0)?;
    crate::object::list::new(0)
});

/// The frozen-modules override the test helpers set (there are no frozen
/// modules, so it changes nothing).
static FROZEN_OVERRIDE: Mutex<i64> = Mutex::new(0);

// `_imp._override_frozen_modules_for_tests(override)`: records the
// override (1 use frozen modules, -1 never, 0 default); returns None.
builtin!(override_frozen, |args, kws| {
    no_kwargs("_override_frozen_modules_for_tests", &kws)?;
    arity("_override_frozen_modules_for_tests", args, 1, 1)?;
    let v = int::as_i64(args[0])?;
    *FROZEN_OVERRIDE.lock().unwrap_or_else(|e| e.into_inner()) = v;
    Ok(none_ref())
});

/// The global import lock: reentrant, owned by one thread at a time.
struct ImportLock {
    owner: u64,
    count: usize,
}

static LOCK: Mutex<ImportLock> = Mutex::new(ImportLock { owner: 0, count: 0 });
static RELEASED: Condvar = Condvar::new();

fn lock() -> std::sync::MutexGuard<'static, ImportLock> {
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

// `_imp.acquire_lock()`: waits (without the GIL) while another thread
// holds the import lock.
builtin!(acquire_lock, |args, kws| {
    no_kwargs("acquire_lock", &kws)?;
    arity("acquire_lock", args, 0, 0)?;
    let me = crate::runtime::tstate::thread_ident();
    let mut g = lock();
    if g.count > 0 && g.owner != me {
        drop(g);
        crate::runtime::gil::allow_threads(|| {
            let mut g = lock();
            while g.count > 0 && g.owner != me {
                g = RELEASED.wait(g).unwrap_or_else(|e| e.into_inner());
            }
            g.owner = me;
            g.count += 1;
        });
    } else {
        g.owner = me;
        g.count += 1;
    }
    Ok(none_ref())
});

// `_imp.release_lock()`.
builtin!(release_lock, |args, kws| {
    no_kwargs("release_lock", &kws)?;
    arity("release_lock", args, 0, 0)?;
    let me = crate::runtime::tstate::thread_ident();
    let mut g = lock();
    if g.count == 0 || g.owner != me {
        return Err(errors::set_string(
            exc::PyExc_RuntimeError,
            "not holding the import lock",
        ));
    }
    g.count -= 1;
    if g.count == 0 {
        g.owner = 0;
        RELEASED.notify_all();
    }
    Ok(none_ref())
});

// `_imp.lock_held()`: whether any thread holds the import lock.
builtin!(lock_held, |args, kws| {
    no_kwargs("lock_held", &kws)?;
    arity("lock_held", args, 0, 0)?;
    Ok(Owned::from_borrowed_static(pybool::from_bool(
        lock().count > 0,
    )))
});

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut METHODS: [PyMethodDef; 18] = [
    method(c"is_builtin", is_builtin as *const c_void, FK),
    method(c"create_builtin", create_builtin as *const c_void, FK),
    method(c"exec_builtin", exec_module as *const c_void, FK),
    method(c"create_dynamic", create_dynamic as *const c_void, FK),
    method(c"exec_dynamic", exec_module as *const c_void, FK),
    method(c"_fix_co_filename", fix_co_filename as *const c_void, FK),
    method(c"source_hash", source_hash as *const c_void, FK),
    method(
        c"extension_suffixes",
        extension_suffixes as *const c_void,
        FK,
    ),
    method(c"is_frozen", is_frozen as *const c_void, FK),
    method(c"find_frozen", find_frozen as *const c_void, FK),
    method(c"is_frozen_package", no_frozen_object as *const c_void, FK),
    method(c"get_frozen_object", no_frozen_object as *const c_void, FK),
    method(
        c"_frozen_module_names",
        frozen_module_names as *const c_void,
        FK,
    ),
    method(c"acquire_lock", acquire_lock as *const c_void, FK),
    method(c"release_lock", release_lock as *const c_void, FK),
    method(c"lock_held", lock_held as *const c_void, FK),
    method(
        c"_override_frozen_modules_for_tests",
        override_frozen as *const c_void,
        FK,
    ),
    METHOD_END,
];

unsafe extern "C" fn exec(m: *mut PyObject) -> c_int {
    let add = || -> PyResult<()> {
        // SAFETY: m is the module being executed.
        unsafe {
            crate::modules::module_def::add(
                m,
                "NativeImporter",
                native_importer().map(|t| Owned::from_borrowed(t)),
            )?;
            // `--check-hash-based-pycs` of the running interpreter.
            let mode = crate::runtime::config::current()
                .map_or_else(|| "default".to_string(), |c| c.check_hash_pycs_mode);
            crate::modules::module_def::add(m, "check_hash_based_pycs", pystr::from_str(&mode))?;
            crate::modules::module_def::add(
                m,
                "pyc_magic_number_token",
                int::from_i64(i64::from(pyc_magic::TOKEN)),
            )
        }
    };
    if add().is_ok() {
        0
    } else {
        -1
    }
}

static mut SLOTS: [PyModuleDef_Slot; 2] = [
    crate::modules::module_def::exec_slot(exec),
    crate::modules::module_def::SLOT_END,
];

static mut DEF: PyModuleDef = crate::modules::module_def::def(
    c"_imp",
    c"(Extremely) low-level import machinery bits as used by importlib.",
    (&raw mut METHODS).cast(),
    (&raw mut SLOTS).cast(),
);

/// `PyInit__imp`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    // SAFETY: DEF is a static module definition.
    unsafe { crate::capi::module::PyModuleDef_Init(&raw mut DEF) }
}
