//! The Importing Modules chapter: `PyImport_*` over the import system in
//! `runtime::import`, and the table of builtin modules that embedders
//! extend with `PyImport_AppendInittab` before initialization.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::{dict, module, none, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::{import, lifecycle};
use crate::Owned;
use libc::{c_char, c_int};
use std::ffi::CStr;
use std::ptr::null_mut;
use std::sync::Mutex;

/// A module initialization function (`PyInit_name`).
pub type InitFunc = unsafe extern "C" fn() -> *mut PyObject;

/// Modules added with `PyImport_AppendInittab`, by name.
static INITTAB: Mutex<Vec<(String, InitFunc)>> = Mutex::new(Vec::new());

unsafe fn name_str(name: *const c_char) -> PyResult<&'static str> {
    // SAFETY: name is a NUL-terminated string that outlives the call.
    unsafe { CStr::from_ptr(name) }
        .to_str()
        .map_err(|_| errors::value_error("module name is not valid UTF-8"))
}

/// `PyImport_AppendInittab`: registers `initfunc` as the builtin module
/// `name`; 0, or -1 once the interpreter is running (CPython stops the
/// process with a fatal error there; refusing is the safer answer).
#[no_mangle]
pub unsafe extern "C" fn PyImport_AppendInittab(
    name: *const c_char,
    initfunc: Option<unsafe extern "C" fn() -> *mut PyObject>,
) -> c_int {
    if lifecycle::is_initialized() || name.is_null() {
        return -1;
    }
    let Some(f) = initfunc else { return -1 };
    // SAFETY: name is a C string.
    let Ok(n) = unsafe { CStr::from_ptr(name) }.to_str() else {
        return -1;
    };
    INITTAB
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push((n.to_string(), f));
    0
}

/// `struct _inittab`: one entry of a table for `PyImport_ExtendInittab`,
/// which ends with a NULL name.
#[repr(C)]
pub struct _inittab {
    pub name: *const c_char,
    pub initfunc: Option<unsafe extern "C" fn() -> *mut PyObject>,
}

/// `PyImport_ExtendInittab`: appends every entry of `newtab`; 0, or -1
/// once the interpreter is running or for a bad entry.
#[no_mangle]
pub unsafe extern "C" fn PyImport_ExtendInittab(newtab: *mut _inittab) -> c_int {
    if newtab.is_null() || lifecycle::is_initialized() {
        return -1;
    }
    let mut entry = newtab;
    // SAFETY: the table ends with an entry whose name is NULL.
    unsafe {
        while !(*entry).name.is_null() {
            if PyImport_AppendInittab((*entry).name, (*entry).initfunc) < 0 {
                return -1;
            }
            entry = entry.add(1);
        }
    }
    0
}

/// Creates the builtin module `name` from the inittab, if it is there.
pub fn create_from_inittab(name: &str) -> PyResult<Option<Owned>> {
    let f = INITTAB
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .rev()
        .find(|(n, _)| n == name)
        .map(|&(_, f)| f);
    match f {
        // SAFETY: f is the embedder's init function.
        Some(f) => unsafe { run_init_function(name, f) }.map(Some),
        None => Ok(None),
    }
}

/// Runs a `PyInit_<name>`-style function and returns the module:
/// single-phase init functions return the module, multi-phase ones a
/// `PyModuleDef` that is created from a spec and executed.
///
/// # Safety
/// `f` returns a new reference to a module, a borrowed `PyModuleDef`, or
/// NULL with an exception set.
pub unsafe fn run_init_function(
    name: &str,
    f: unsafe extern "C" fn() -> *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: per the contract above.
    unsafe { run_init_function_with_spec(name, f, import::builtin_spec(name)?) }
}

/// [`run_init_function`] with the module spec a multi-phase module is
/// created from (an extension module's names its file as `origin`).
///
/// # Safety
/// As for [`run_init_function`].
pub unsafe fn run_init_function_with_spec(
    name: &str,
    f: unsafe extern "C" fn() -> *mut PyObject,
    spec: Owned,
) -> PyResult<Owned> {
    // SAFETY: per the contract above.
    unsafe {
        let r = f();
        if r.is_null() {
            if errors::occurred().is_null() {
                return Err(errors::system_error(format!(
                    "initialization of {name} failed without raising an exception"
                )));
            }
            return Err(errors::Raised::assume());
        }
        if (*r).ob_type != &raw mut module::PyModuleDef_Type {
            let m = Owned::from_raw_unchecked(r);
            // A single-phase module is found again by its definition
            // (PyState_FindModule), as CPython's fix_up_extension records.
            if crate::object::typeobj::instance_of(r, &raw mut module::PyModule_Type) {
                let def = crate::capi::module::PyModule_GetDef(r);
                if !def.is_null()
                    && (*def).m_slots.is_null()
                    && crate::capi::module::PyState_AddModule(r, def) < 0
                {
                    return Err(errors::Raised::assume());
                }
            }
            return Ok(m);
        }
        let def = r.cast::<PyModuleDef>();
        let m = crate::capi::module::PyModule_FromDefAndSpec2(def, spec.as_ptr(), 0);
        let m = errors::check(m)?;
        dict::set_item(
            module::dict_of(m.as_ptr()),
            crate::interned!("__spec__"),
            spec.as_ptr(),
        )?;
        if crate::capi::module::PyModule_ExecDef(m.as_ptr(), def) < 0 {
            return Err(errors::Raised::assume());
        }
        Ok(m)
    }
}

/// `PyImport_ImportModule`: imports `name` and returns that module (the
/// submodule itself for a dotted name).
#[no_mangle]
pub unsafe extern "C" fn PyImport_ImportModule(name: *const c_char) -> *mut PyObject {
    crate::null_check!(name);
    // SAFETY: name is a C string.
    guard_obj(|| import::import_absolute(unsafe { name_str(name) }?))
}

/// `PyImport_ReloadModule`: `importlib.reload(m)`; a new reference to the
/// module (the same object, its code run again).
#[no_mangle]
pub unsafe extern "C" fn PyImport_ReloadModule(m: *mut PyObject) -> *mut PyObject {
    crate::null_check!(m);
    guard_obj(|| {
        let importlib = import::import_absolute("importlib")?;
        // SAFETY: importlib is a module; m a valid object.
        unsafe {
            let reload = protocol::getattr(importlib.as_ptr(), crate::interned!("reload"))?;
            protocol::call_args(reload.as_ptr(), &[m])
        }
    })
}

/// `PyImport_ImportModuleNoBlock`: deprecated alias of
/// `PyImport_ImportModule`.
#[no_mangle]
pub unsafe extern "C" fn PyImport_ImportModuleNoBlock(name: *const c_char) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { PyImport_ImportModule(name) }
}

/// `PyImport_Import`: imports through `builtins.__import__` (so an
/// overriding hook is honoured) and returns `sys.modules[name]`.
#[no_mangle]
pub unsafe extern "C" fn PyImport_Import(name: *mut PyObject) -> *mut PyObject {
    crate::null_check!(name);
    guard_obj(|| {
        // SAFETY: name valid; builtins a module.
        unsafe {
            let hook = dict::get_str(
                module::dict_of(crate::modules::builtins::module()),
                "__import__",
            );
            if hook.is_null() {
                return Err(errors::set_string(
                    crate::object::exceptions::PyExc_ImportError,
                    "__import__ not found",
                ));
            }
            let fromlist = tuple::pack(&[crate::interned!("__doc__")])?;
            let level = crate::object::int::from_i64(0)?;
            let none = none::none();
            protocol::call_args(hook, &[name, none, none, fromlist.as_ptr(), level.as_ptr()])?;
            let m = dict::get_item(crate::modules::sys_modules(), name)?;
            if m.is_null() {
                return Err(errors::set_object(
                    crate::object::exceptions::PyExc_KeyError,
                    name,
                ));
            }
            Ok(Owned::from_borrowed(m))
        }
    })
}

/// `PyImport_ImportModuleLevelObject`: `__import__(name, globals, locals,
/// fromlist, level)`.
#[no_mangle]
pub unsafe extern "C" fn PyImport_ImportModuleLevelObject(
    name: *mut PyObject,
    globals: *mut PyObject,
    _locals: *mut PyObject,
    fromlist: *mut PyObject,
    level: c_int,
) -> *mut PyObject {
    crate::null_check!(name);
    guard_obj(|| {
        let level = crate::object::int::from_i64(level.into())?;
        // SAFETY: arguments valid or NULL.
        unsafe { import::import_module_level(name, globals, fromlist, level.as_ptr()) }
    })
}

/// `PyImport_ImportModuleLevel`: the same with a C-string name.
#[no_mangle]
pub unsafe extern "C" fn PyImport_ImportModuleLevel(
    name: *const c_char,
    globals: *mut PyObject,
    locals: *mut PyObject,
    fromlist: *mut PyObject,
    level: c_int,
) -> *mut PyObject {
    crate::null_check!(name);
    // SAFETY: name is a C string; the rest is forwarded.
    unsafe {
        let n = match pystr::from_cstr(name) {
            Ok(n) => n,
            Err(_) => return null_mut(),
        };
        PyImport_ImportModuleLevelObject(n.as_ptr(), globals, locals, fromlist, level)
    }
}

/// `PyImport_GetModuleDict`: `sys.modules` (borrowed).
#[no_mangle]
pub extern "C" fn PyImport_GetModuleDict() -> *mut PyObject {
    crate::modules::sys_modules()
}

/// `PyImport_GetModule`: `sys.modules[name]` as a new reference, or NULL
/// without an error when it is not imported.
#[no_mangle]
pub unsafe extern "C" fn PyImport_GetModule(name: *mut PyObject) -> *mut PyObject {
    crate::null_check!(name);
    // SAFETY: name valid; sys.modules a dict. A missing module gives NULL
    // with no error set; a lookup failure NULL with the error.
    unsafe {
        match dict::get_item(crate::modules::sys_modules(), name) {
            Ok(m) if m.is_null() || m == none::none() => null_mut(),
            Ok(m) => Owned::from_borrowed(m).into_raw(),
            Err(_) => null_mut(),
        }
    }
}

/// `sys.modules[name]`, created as an empty module when missing.
unsafe fn add_module(name: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: name valid; sys.modules a dict.
    unsafe {
        let modules = crate::modules::sys_modules();
        let m = dict::get_item(modules, name)?;
        if !m.is_null() && crate::object::typeobj::instance_of(m, &raw mut module::PyModule_Type) {
            return Ok(Owned::from_borrowed(m));
        }
        let m = module::new(name)?;
        dict::set_item(modules, name, m.as_ptr())?;
        Ok(m)
    }
}

/// `PyImport_ExecCodeModuleObject`: runs code object `co` as the body of
/// module `name` (created in `sys.modules` if needed) with `__file__` set
/// to `pathname` (else the code's filename) and `__cached__` to
/// `cpathname` when given; returns `sys.modules[name]`. On failure the
/// module is removed from `sys.modules`.
#[no_mangle]
pub unsafe extern "C" fn PyImport_ExecCodeModuleObject(
    name: *mut PyObject,
    co: *mut PyObject,
    pathname: *mut PyObject,
    cpathname: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(name, co);
    guard_obj(|| {
        // SAFETY: name a str, co a code object (checked), paths NULL or str.
        unsafe {
            if !crate::vm::code::check(co) {
                return Err(errors::type_error(format!(
                    "expected a code object, not {}",
                    crate::object::typeobj::type_name(co)
                )));
            }
            let m = add_module(name)?;
            let d = module::dict_of(m.as_ptr());
            if dict::get_item_known_hash_str(d, crate::interned!("__builtins__")).is_null() {
                dict::set_item(
                    d,
                    crate::interned!("__builtins__"),
                    crate::modules::builtins::dict(),
                )?;
            }
            let file = if pathname.is_null() {
                protocol::getattr_str(co, "co_filename")?
            } else {
                Owned::from_borrowed(pathname)
            };
            dict::set_item(d, crate::interned!("__file__"), file.as_ptr())?;
            if !cpathname.is_null() {
                dict::set_item(d, crate::interned!("__cached__"), cpathname)?;
            }
            let modules = crate::modules::sys_modules();
            if let Err(e) = crate::vm::call::eval_code(co, d, d) {
                let _ = errors::keeping_raised(|| dict::del_item_opt(modules, name));
                return Err(e);
            }
            let r = dict::get_item(modules, name)?;
            if r.is_null() {
                return Err(errors::set_string(
                    crate::object::exceptions::PyExc_ImportError,
                    &format!(
                        "Loaded module {} not found in sys.modules",
                        pystr::as_str(name)?
                    ),
                ));
            }
            Ok(Owned::from_borrowed(r))
        }
    })
}

/// `PyImport_ExecCodeModuleWithPathnames`: the C-string form; `pathname`
/// and `cpathname` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn PyImport_ExecCodeModuleWithPathnames(
    name: *const c_char,
    co: *mut PyObject,
    pathname: *const c_char,
    cpathname: *const c_char,
) -> *mut PyObject {
    crate::null_check!(name);
    // SAFETY: the strings are NULL or C strings; co is forwarded.
    unsafe {
        let opt = |p: *const c_char| -> PyResult<Option<Owned>> {
            if p.is_null() {
                Ok(None)
            } else {
                pystr::from_cstr(p).map(Some)
            }
        };
        let args = (pystr::from_cstr(name), opt(pathname), opt(cpathname));
        let (Ok(n), Ok(p), Ok(c)) = args else {
            return null_mut();
        };
        let ptr = |o: &Option<Owned>| o.as_ref().map_or(null_mut(), |o| o.as_ptr());
        PyImport_ExecCodeModuleObject(n.as_ptr(), co, ptr(&p), ptr(&c))
    }
}

/// `PyImport_ExecCodeModuleEx`: with a `__file__` path.
#[no_mangle]
pub unsafe extern "C" fn PyImport_ExecCodeModuleEx(
    name: *const c_char,
    co: *mut PyObject,
    pathname: *const c_char,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { PyImport_ExecCodeModuleWithPathnames(name, co, pathname, std::ptr::null()) }
}

/// `PyImport_ExecCodeModule`: `__file__` is the code's filename.
#[no_mangle]
pub unsafe extern "C" fn PyImport_ExecCodeModule(
    name: *const c_char,
    co: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { PyImport_ExecCodeModuleWithPathnames(name, co, std::ptr::null(), std::ptr::null()) }
}

/// `PyImport_AddModuleRef`: the module `name` in `sys.modules`, created
/// empty if missing (new reference).
#[no_mangle]
pub unsafe extern "C" fn PyImport_AddModuleRef(name: *const c_char) -> *mut PyObject {
    crate::null_check!(name);
    // SAFETY: name is a C string.
    guard_obj(|| unsafe { add_module(pystr::from_cstr(name)?.as_ptr()) })
}

/// `PyImport_AddModuleObject`: as `PyImport_AddModuleRef` but borrowed
/// (`sys.modules` keeps the module alive).
#[no_mangle]
pub unsafe extern "C" fn PyImport_AddModuleObject(name: *mut PyObject) -> *mut PyObject {
    crate::null_check!(name);
    // SAFETY: name valid.
    let m = guard_obj(|| unsafe { add_module(name) });
    // SAFETY: m is NULL or a module that sys.modules also holds.
    unsafe { xdecref(m) };
    m
}

/// `PyImport_AddModule`: `PyImport_AddModuleObject` with a C-string name.
#[no_mangle]
pub unsafe extern "C" fn PyImport_AddModule(name: *const c_char) -> *mut PyObject {
    crate::null_check!(name);
    // SAFETY: name is a C string.
    unsafe {
        match pystr::from_cstr(name) {
            Ok(n) => PyImport_AddModuleObject(n.as_ptr()),
            Err(_) => null_mut(),
        }
    }
}

/// `PyImport_GetMagicNumber`: the magic number of ferrython's `.pyc`
/// files (`importlib.util.MAGIC_NUMBER` as a little-endian integer).
#[no_mangle]
pub extern "C" fn PyImport_GetMagicNumber() -> libc::c_long {
    crate::modules::imp::pyc_magic::TOKEN as libc::c_long
}

/// `PyImport_GetMagicTag`: `sys.implementation.cache_tag`.
#[no_mangle]
pub extern "C" fn PyImport_GetMagicTag() -> *const c_char {
    crate::runtime::pycache::CACHE_TAG_C.as_ptr()
}

/// `PyImport_GetImporter`: the importer for the path entry `path`:
/// `sys.path_importer_cache[path]`, else the first of `sys.path_hooks`
/// that accepts it (hooks raising `ImportError` are skipped), cached;
/// `None` when no hook does.
#[no_mangle]
pub unsafe extern "C" fn PyImport_GetImporter(path: *mut PyObject) -> *mut PyObject {
    crate::null_check!(path);
    // SAFETY: path is a valid object.
    guard_obj(|| unsafe { crate::runtime::path_finder::get_importer(path) })
}

/// `struct _frozen`: one entry of a table of frozen modules (the
/// marshalled code of a module; a negative `size` marks a package in
/// tables older than 3.11); a NULL `name` ends the table.
#[repr(C)]
pub struct _frozen {
    pub name: *const c_char,
    pub code: *const u8,
    pub size: c_int,
    pub is_package: c_int,
}

/// An empty table of frozen modules (just the terminating entry).
static NO_FROZEN_MODULES: [_frozen; 1] = [_frozen {
    name: std::ptr::null(),
    code: std::ptr::null(),
    size: 0,
    is_package: 0,
}];

// SAFETY: the table is immutable and holds only NULL pointers.
unsafe impl Sync for _frozen {}

/// `_PyImport_FrozenBootstrap`: the modules CPython freezes to start its
/// import system. Ferrython's import system is built in, so it points at
/// an empty table.
#[no_mangle]
pub static mut _PyImport_FrozenBootstrap: *const _frozen = NO_FROZEN_MODULES.as_ptr();

/// `_PyImport_FrozenStdlib`: the standard library modules CPython
/// freezes; ferrython freezes none (an empty table).
#[no_mangle]
pub static mut _PyImport_FrozenStdlib: *const _frozen = NO_FROZEN_MODULES.as_ptr();

/// `_PyImport_FrozenTest`: CPython's frozen test modules; none here.
#[no_mangle]
pub static mut _PyImport_FrozenTest: *const _frozen = NO_FROZEN_MODULES.as_ptr();

/// `PyImport_FrozenModules`: an embedder's table of frozen modules (code
/// marshalled by ferrython's `marshal`) for `PyImport_ImportFrozenModule`
/// to find; NULL (none) at startup, as ferrython freezes nothing.
#[no_mangle]
pub static mut PyImport_FrozenModules: *const _frozen = std::ptr::null();

/// The entry of `PyImport_FrozenModules` named `name`, if any.
unsafe fn find_frozen(name: &str) -> Option<&'static _frozen> {
    // SAFETY: the table is a static array ending with a NULL name, as
    // the embedder who set it promises.
    unsafe {
        let mut p = (&raw const PyImport_FrozenModules).read();
        if p.is_null() {
            return None;
        }
        while !(*p).name.is_null() {
            if CStr::from_ptr((*p).name).to_bytes() == name.as_bytes() {
                return Some(&*p);
            }
            p = p.add(1);
        }
        None
    }
}

/// `PyImport_ImportFrozenModuleObject`: imports the frozen module `name`
/// from `PyImport_FrozenModules` (unmarshalling its code and running it
/// as the module's body; a package gets an empty `__path__`): 1 when
/// imported, 0 when no frozen module has that name, -1 with `ImportError`
/// for an excluded (no code) or invalid entry, or the body's exception.
#[no_mangle]
pub unsafe extern "C" fn PyImport_ImportFrozenModuleObject(name: *mut PyObject) -> c_int {
    if name.is_null() || !unsafe { pystr::check(name) } {
        return 0;
    }
    crate::capi::boundary::guard_int(|| {
        // SAFETY: name is a str; the entry's code holds size bytes.
        unsafe {
            let Some(entry) = find_frozen(pystr::as_str(name)?) else {
                return Ok(0);
            };
            // CPython's `set_frozen_error`: ImportError naming the module.
            let frozen_error = |what: &str| match protocol::repr_string(name) {
                Ok(r) => errors::set_string(
                    crate::object::exceptions::PyExc_ImportError,
                    &what.replace("{}", &r),
                ),
                Err(e) => e,
            };
            if entry.code.is_null() {
                return Err(frozen_error("Excluded frozen object named {}"));
            }
            let size = entry.size.unsigned_abs() as usize;
            if size == 0 || *entry.code == 0 {
                return Err(frozen_error("Frozen object named {} is invalid"));
            }
            let data = std::slice::from_raw_parts(entry.code, size);
            let co = match crate::modules::marshal::loads(data) {
                Ok(co) => co,
                Err(_) => {
                    errors::clear();
                    return Err(frozen_error("Frozen object named {} is invalid"));
                }
            };
            if !crate::vm::code::check(co.as_ptr()) {
                return Err(errors::type_error(format!(
                    "frozen object {} is not a code object",
                    protocol::repr_string(name)?
                )));
            }
            let m = add_module(name)?;
            let d = module::dict_of(m.as_ptr());
            if entry.is_package != 0 || entry.size < 0 {
                let path = crate::object::list::new(0)?;
                dict::set_item(d, crate::interned!("__path__"), path.as_ptr())?;
            }
            if dict::get_item_known_hash_str(d, crate::interned!("__builtins__")).is_null() {
                dict::set_item(
                    d,
                    crate::interned!("__builtins__"),
                    crate::modules::builtins::dict(),
                )?;
            }
            if let Err(e) = crate::vm::call::eval_code(co.as_ptr(), d, d) {
                let modules = crate::modules::sys_modules();
                let _ = errors::keeping_raised(|| dict::del_item_opt(modules, name));
                return Err(e);
            }
            dict::set_item(d, crate::interned!("__origname__"), name)?;
            Ok(1)
        }
    })
}

/// `PyImport_ImportFrozenModule`: the C-string form.
#[no_mangle]
pub unsafe extern "C" fn PyImport_ImportFrozenModule(name: *const c_char) -> c_int {
    crate::null_check!(name);
    // SAFETY: name is a C string.
    crate::capi::boundary::guard_int(|| unsafe {
        let n = pystr::from_str(name_str(name)?)?;
        Ok(PyImport_ImportFrozenModuleObject(n.as_ptr()))
    })
}
