//! The Module Objects chapter: `PyModule_*`, `PyModuleDef` single-phase
//! (`PyModule_Create2`) and multi-phase (PEP 489) initialization, module
//! state, `PyState_*`.
use crate::capi::boundary::{guard, guard_obj, guard_status};
use crate::ffi::*;
use crate::object::module::{self, PyModuleObject};
use crate::object::refcount::*;
use crate::object::{dict, methodobject, protocol, str as pystr, typeobj};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::{c_char, c_int, c_long, c_void};
use std::ffi::CStr;
use std::ptr::null_mut;

unsafe fn cstr<'a>(p: *const c_char) -> PyResult<&'a str> {
    // SAFETY: p is a NUL-terminated string.
    unsafe { CStr::from_ptr(p) }
        .to_str()
        .map_err(|_| errors::value_error("name is not valid UTF-8"))
}

unsafe fn check_module(m: *mut PyObject) -> PyResult<*mut PyModuleObject> {
    // SAFETY: m valid.
    unsafe {
        if !typeobj::instance_of(m, &raw mut module::PyModule_Type) {
            return Err(errors::bad_internal_call());
        }
        Ok(m.cast())
    }
}

/// `m` as a module, else `TypeError` (`PyErr_BadArgument`): the check of
/// the `PyModule_Get*` functions other than `PyModule_GetDict`.
unsafe fn module_arg(m: *mut PyObject) -> PyResult<*mut PyModuleObject> {
    // SAFETY: m valid.
    unsafe {
        if !typeobj::instance_of(m, &raw mut module::PyModule_Type) {
            crate::capi::exceptions::PyErr_BadArgument();
            return Err(errors::Raised::assume());
        }
        Ok(m.cast())
    }
}

/// `PyModule_NewObject`.
#[no_mangle]
pub unsafe extern "C" fn PyModule_NewObject(name: *mut PyObject) -> *mut PyObject {
    crate::null_check!(name);
    // SAFETY: name non-NULL.
    guard_obj(|| unsafe { module::new(name) })
}

/// `PyModule_New`.
#[no_mangle]
pub unsafe extern "C" fn PyModule_New(name: *const c_char) -> *mut PyObject {
    crate::null_check!(name);
    // SAFETY: name is a C string.
    guard_obj(|| unsafe { module::new(pystr::from_cstr(name)?.as_ptr()) })
}

/// `PyModule_GetDict` (borrowed).
#[no_mangle]
pub unsafe extern "C" fn PyModule_GetDict(m: *mut PyObject) -> *mut PyObject {
    crate::null_check!(m);
    // SAFETY: m non-NULL.
    guard(|| unsafe { check_module(m).map_or(null_mut(), |mo| (*mo).md_dict) })
}

/// `PyModule_GetNameObject`.
#[no_mangle]
pub unsafe extern "C" fn PyModule_GetNameObject(m: *mut PyObject) -> *mut PyObject {
    crate::null_check!(m);
    guard_obj(|| {
        // SAFETY: m non-NULL.
        unsafe {
            let mo = module_arg(m)?;
            let n = dict::get_item_known_hash_str((*mo).md_dict, crate::interned!("__name__"));
            if n.is_null() || !pystr::check(n) {
                return Err(errors::system_error("nameless module"));
            }
            Ok(Owned::from_borrowed(n))
        }
    })
}

/// `PyModule_GetName`: borrowed UTF-8 of `__name__`.
#[no_mangle]
pub unsafe extern "C" fn PyModule_GetName(m: *mut PyObject) -> *const c_char {
    // SAFETY: the name object stays in the module dict.
    unsafe {
        let n = PyModule_GetNameObject(m);
        if n.is_null() {
            return std::ptr::null();
        }
        decref(n);
        crate::capi::unicode::PyUnicode_AsUTF8(n)
    }
}

/// `PyModule_GetFilenameObject`: `__file__`.
#[no_mangle]
pub unsafe extern "C" fn PyModule_GetFilenameObject(m: *mut PyObject) -> *mut PyObject {
    crate::null_check!(m);
    guard_obj(|| {
        // SAFETY: m non-NULL.
        unsafe {
            let mo = module_arg(m)?;
            let f = dict::get_item_known_hash_str((*mo).md_dict, crate::interned!("__file__"));
            if f.is_null() || !pystr::check(f) {
                return Err(errors::system_error("module filename missing"));
            }
            Ok(Owned::from_borrowed(f))
        }
    })
}

/// `PyModule_GetFilename` (deprecated): borrowed UTF-8 of `__file__`.
#[no_mangle]
pub unsafe extern "C" fn PyModule_GetFilename(m: *mut PyObject) -> *const c_char {
    // SAFETY: the file name object stays in the module dict.
    unsafe {
        let f = PyModule_GetFilenameObject(m);
        if f.is_null() {
            return std::ptr::null();
        }
        decref(f);
        crate::capi::unicode::PyUnicode_AsUTF8(f)
    }
}

/// `PyModule_GetDef`: NULL (no error) for modules not made from a def.
#[no_mangle]
pub unsafe extern "C" fn PyModule_GetDef(m: *mut PyObject) -> *mut PyModuleDef {
    crate::null_check!(m);
    // SAFETY: m non-NULL.
    guard(|| unsafe { module_arg(m).map_or(null_mut(), |mo| (*mo).md_def) })
}

/// `PyModule_GetState`.
#[no_mangle]
pub unsafe extern "C" fn PyModule_GetState(m: *mut PyObject) -> *mut c_void {
    crate::null_check!(m);
    // SAFETY: m non-NULL.
    guard(|| unsafe { module_arg(m).map_or(null_mut(), |mo| (*mo).md_state) })
}

static NEXT_MODULE_INDEX: std::sync::atomic::AtomicIsize = std::sync::atomic::AtomicIsize::new(1);

/// `PyModuleDef_Init`: readies a def for multi-phase init and returns it.
#[no_mangle]
pub unsafe extern "C" fn PyModuleDef_Init(def: *mut PyModuleDef) -> *mut PyObject {
    crate::null_check!(def);
    // SAFETY: def is a static module definition.
    unsafe {
        let base = &mut (*def).m_base;
        if base.m_index == 0 {
            base.ob_base.ob_type = &raw mut module::PyModuleDef_Type;
            base.ob_base.ob_refcnt = _Py_IMMORTAL_INITIAL_REFCNT;
            base.m_index = NEXT_MODULE_INDEX.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        def.cast()
    }
}

/// Allocates zeroed module state of `m_size` bytes.
unsafe fn alloc_state(mo: *mut PyModuleObject, def: *mut PyModuleDef) -> PyResult<()> {
    // SAFETY: mo is a module under construction.
    unsafe {
        (*mo).md_def = def;
        if (*def).m_size > 0 && (*mo).md_state.is_null() {
            let st = crate::object::alloc::raw_calloc(1, (*def).m_size as usize);
            if st.is_null() {
                return Err(errors::no_memory());
            }
            (*mo).md_state = st;
        }
        Ok(())
    }
}

/// Adds builtin functions for `methods` to `m`'s dict, bound to `m`.
unsafe fn add_functions(m: *mut PyObject, methods: *mut PyMethodDef) -> PyResult<()> {
    // SAFETY: methods is NULL or a NULL-name-terminated static table.
    unsafe {
        let name = PyModule_GetNameObject(m);
        let name = Owned::from_raw(name).ok_or_else(Raised::assume)?;
        let mut ml = methods;
        while !ml.is_null() && !(*ml).ml_name.is_null() {
            if (*ml).ml_flags & (METH_CLASS | METH_STATIC) != 0 {
                return Err(errors::value_error(
                    "module functions cannot set METH_CLASS or METH_STATIC",
                ));
            }
            let f = methodobject::new(ml, m, name.as_ptr(), null_mut())?;
            protocol::setattr(m, pystr::intern_cstr((*ml).ml_name)?, f.as_ptr())?;
            ml = ml.add(1);
        }
        Ok(())
    }
}

unsafe fn set_doc(m: *mut PyObject, doc: *const c_char) -> PyResult<()> {
    // SAFETY: doc is a C string.
    unsafe {
        let d = pystr::from_cstr(doc)?;
        protocol::setattr(m, crate::interned!("__doc__"), d.as_ptr())
    }
}

/// `PyModule_Create2`: single-phase creation from a def.
#[no_mangle]
pub unsafe extern "C" fn PyModule_Create2(
    def: *mut PyModuleDef,
    _api_version: libc::c_int,
) -> *mut PyObject {
    crate::null_check!(def);
    guard_obj(|| {
        // SAFETY: def is a module definition living for the process.
        unsafe {
            PyModuleDef_Init(def);
            if !(*def).m_slots.is_null() {
                return Err(errors::system_error(format!(
                    "module {}: PyModule_Create is incompatible with m_slots",
                    cstr((*def).m_name)?
                )));
            }
            let m = module::new(pystr::from_cstr((*def).m_name)?.as_ptr())?;
            alloc_state(m.as_ptr().cast(), def)?;
            add_functions(m.as_ptr(), (*def).m_methods)?;
            if !(*def).m_doc.is_null() {
                set_doc(m.as_ptr(), (*def).m_doc)?;
            }
            Ok(m)
        }
    })
}

/// The signature of a `Py_mod_create` slot.
type CreateFn = unsafe extern "C" fn(*mut PyObject, *mut PyModuleDef) -> *mut PyObject;

/// `PyModule_FromDefAndSpec2`: the creation step of multi-phase init.
#[no_mangle]
pub unsafe extern "C" fn PyModule_FromDefAndSpec2(
    def: *mut PyModuleDef,
    spec: *mut PyObject,
    _api_version: c_int,
) -> *mut PyObject {
    crate::null_check!(def, spec);
    guard_obj(|| {
        // SAFETY: def is a static definition; spec an object with `name`.
        unsafe {
            PyModuleDef_Init(def);
            let name = protocol::getattr_str(spec, "name")?;
            let mut create: Option<CreateFn> = None;
            let mut slot = (*def).m_slots;
            while !slot.is_null() && (*slot).slot != 0 {
                match (*slot).slot {
                    Py_mod_create => {
                        if create.is_some() {
                            return Err(errors::system_error(format!(
                                "module {} has multiple create slots",
                                pystr::as_str(name.as_ptr())?
                            )));
                        }
                        create = Some(std::mem::transmute::<*mut c_void, CreateFn>((*slot).value));
                    }
                    Py_mod_exec | Py_mod_multiple_interpreters | Py_mod_gil => {}
                    n if !(0..=Py_mod_gil).contains(&n) => {
                        return Err(errors::system_error(format!(
                            "module {} uses unknown slot ID {n}",
                            pystr::as_str(name.as_ptr())?
                        )));
                    }
                    _ => {}
                }
                slot = slot.add(1);
            }
            let m = match create {
                Some(c) => {
                    let m = errors::check(c(spec, def))?;
                    if !typeobj::instance_of(m.as_ptr(), &raw mut module::PyModule_Type) {
                        if (*def).m_size > 0 || !(*def).m_methods.is_null() {
                            return Err(errors::system_error(format!(
                                "module {} is not a module object, but requests module state or methods",
                                pystr::as_str(name.as_ptr())?
                            )));
                        }
                        return Ok(m);
                    }
                    m
                }
                None => module::new(name.as_ptr())?,
            };
            alloc_state(m.as_ptr().cast(), def)?;
            add_functions(m.as_ptr(), (*def).m_methods)?;
            if !(*def).m_doc.is_null() {
                set_doc(m.as_ptr(), (*def).m_doc)?;
            }
            Ok(m)
        }
    })
}

/// `PyModule_ExecDef`: runs the def's `Py_mod_exec` slots on `m`.
#[no_mangle]
pub unsafe extern "C" fn PyModule_ExecDef(m: *mut PyObject, def: *mut PyModuleDef) -> c_int {
    crate::null_check!(m, def);
    guard_status(|| {
        // SAFETY: def is a static definition; exec slots take the module.
        unsafe {
            if typeobj::instance_of(m, &raw mut module::PyModule_Type) {
                alloc_state(m.cast(), def)?;
            }
            let mut slot = (*def).m_slots;
            while !slot.is_null() && (*slot).slot != 0 {
                if (*slot).slot == Py_mod_exec {
                    let f: unsafe extern "C" fn(*mut PyObject) -> c_int =
                        std::mem::transmute((*slot).value);
                    let r = f(m);
                    if r != 0 {
                        if errors::occurred().is_null() {
                            return Err(errors::system_error(format!(
                                "execution of module {} failed without setting an exception",
                                cstr((*def).m_name)?
                            )));
                        }
                        return Err(Raised::assume());
                    }
                    if !errors::occurred().is_null() {
                        return Err(errors::system_error(format!(
                            "execution of module {} raised unreported exception",
                            cstr((*def).m_name)?
                        )));
                    }
                }
                slot = slot.add(1);
            }
            Ok(())
        }
    })
}

/// `PyModule_AddFunctions`.
#[no_mangle]
pub unsafe extern "C" fn PyModule_AddFunctions(
    m: *mut PyObject,
    functions: *mut PyMethodDef,
) -> c_int {
    crate::null_check!(m);
    // SAFETY: m non-NULL; functions a method table.
    guard_status(|| unsafe { add_functions(m, functions) })
}

/// `PyModule_SetDocString`.
#[no_mangle]
pub unsafe extern "C" fn PyModule_SetDocString(m: *mut PyObject, doc: *const c_char) -> c_int {
    crate::null_check!(m, doc);
    // SAFETY: non-NULL.
    guard_status(|| unsafe { set_doc(m, doc) })
}

/// `PyModule_AddObjectRef`: does not steal `value`.
#[no_mangle]
pub unsafe extern "C" fn PyModule_AddObjectRef(
    m: *mut PyObject,
    name: *const c_char,
    value: *mut PyObject,
) -> c_int {
    crate::null_check!(m, name);
    guard_status(|| {
        // SAFETY: m and name non-NULL.
        unsafe {
            if value.is_null() {
                if errors::occurred().is_null() {
                    return Err(errors::system_error("PyModule_AddObjectRef() must be called with an exception raised if value is NULL"));
                }
                return Err(Raised::assume());
            }
            let mo = check_module(m)?;
            dict::set_item((*mo).md_dict, pystr::intern(cstr(name)?), value)
        }
    })
}

/// `PyModule_Add`: steals `value`, also on failure.
#[no_mangle]
pub unsafe extern "C" fn PyModule_Add(
    m: *mut PyObject,
    name: *const c_char,
    value: *mut PyObject,
) -> c_int {
    // SAFETY: value is an owned reference or NULL.
    unsafe {
        let r = PyModule_AddObjectRef(m, name, value);
        xdecref(value);
        r
    }
}

/// `PyModule_AddObject`: steals `value` only on success.
#[no_mangle]
pub unsafe extern "C" fn PyModule_AddObject(
    m: *mut PyObject,
    name: *const c_char,
    value: *mut PyObject,
) -> c_int {
    // SAFETY: value is an owned reference.
    unsafe {
        let r = PyModule_AddObjectRef(m, name, value);
        if r == 0 {
            xdecref(value);
        }
        r
    }
}

/// `PyModule_AddIntConstant`.
#[no_mangle]
pub unsafe extern "C" fn PyModule_AddIntConstant(
    m: *mut PyObject,
    name: *const c_char,
    value: c_long,
) -> c_int {
    // SAFETY: forwarded; the new int is handed over.
    unsafe {
        match crate::object::int::from_i64(value) {
            Ok(v) => PyModule_Add(m, name, v.into_raw()),
            Err(_) => -1,
        }
    }
}

/// `PyModule_AddStringConstant`.
#[no_mangle]
pub unsafe extern "C" fn PyModule_AddStringConstant(
    m: *mut PyObject,
    name: *const c_char,
    value: *const c_char,
) -> c_int {
    crate::null_check!(value);
    // SAFETY: value is a C string; the new str is handed over.
    unsafe {
        match pystr::from_cstr(value) {
            Ok(v) => PyModule_Add(m, name, v.into_raw()),
            Err(_) => -1,
        }
    }
}

/// `PyModule_AddType`: readies `tp` and adds it under its short name.
#[no_mangle]
pub unsafe extern "C" fn PyModule_AddType(m: *mut PyObject, tp: *mut PyTypeObject) -> c_int {
    crate::null_check!(m, tp);
    guard_status(|| {
        // SAFETY: tp is a type object.
        unsafe {
            typeobj::ready(tp)?;
            let name = typeobj::short_name(tp);
            let mo = check_module(m)?;
            dict::set_item((*mo).md_dict, pystr::intern(name), tp.cast())
        }
    })
}

/// `PyState_AddModule`.
#[no_mangle]
pub unsafe extern "C" fn PyState_AddModule(m: *mut PyObject, def: *mut PyModuleDef) -> c_int {
    crate::null_check!(m, def);
    // SAFETY: def is a static definition.
    unsafe {
        if !(*def).m_slots.is_null() {
            errors::system_error("PyState_AddModule called on module with slots");
            return -1;
        }
        PyModuleDef_Init(def);
        let table = &mut interp().modules_by_index;
        let i = (*def).m_base.m_index as usize;
        if table.len() <= i {
            table.resize(i + 1, null_mut());
        }
        let old = std::mem::replace(&mut table[i], new_ref(m));
        xdecref(old);
        0
    }
}

/// `_PyState_AddModule` (stable ABI only): `PyState_AddModule` for the
/// thread state `ts`'s interpreter (the only one); -1 with the raised
/// exception kept when `def` is NULL.
#[no_mangle]
pub unsafe extern "C" fn _PyState_AddModule(
    _ts: *mut crate::runtime::tstate::PyThreadState,
    m: *mut PyObject,
    def: *mut PyModuleDef,
) -> c_int {
    if def.is_null() {
        if errors::occurred().is_null() {
            errors::bad_internal_call();
        }
        return -1;
    }
    // SAFETY: as PyState_AddModule.
    unsafe { PyState_AddModule(m, def) }
}

fn interp() -> &'static mut crate::runtime::tstate::PyInterpreterState {
    // SAFETY: the current thread state's interpreter lives while it is current.
    unsafe { &mut *crate::runtime::tstate::get().interp }
}

/// `PyState_FindModule` (borrowed; NULL when absent).
#[no_mangle]
pub unsafe extern "C" fn PyState_FindModule(def: *mut PyModuleDef) -> *mut PyObject {
    crate::null_check!(def);
    // SAFETY: def is a static definition.
    let i = unsafe { (*def).m_base.m_index } as usize;
    interp()
        .modules_by_index
        .get(i)
        .copied()
        .unwrap_or(null_mut())
}

/// `PyState_RemoveModule`.
#[no_mangle]
pub unsafe extern "C" fn PyState_RemoveModule(def: *mut PyModuleDef) -> c_int {
    crate::null_check!(def);
    // SAFETY: def is a static definition.
    let i = unsafe { (*def).m_base.m_index } as usize;
    match interp()
        .modules_by_index
        .get_mut(i)
        .map(|s| std::mem::replace(s, null_mut()))
    {
        Some(p) if !p.is_null() => {
            // SAFETY: the table owned a reference.
            unsafe { decref(p) };
            0
        }
        _ => {
            errors::system_error("PyState_RemoveModule: module not found");
            -1
        }
    }
}
