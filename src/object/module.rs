//! `module` (`PyModule_Type`): a namespace object with a dict, a name and,
//! for modules defined in C, their `PyModuleDef` and state.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::type_template;
use crate::object::{dict, none, protocol, str as pystr};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;

/// The layout of a module object.
#[repr(C)]
pub struct PyModuleObject {
    pub ob_base: PyObject,
    pub md_dict: *mut PyObject,
    pub md_def: *mut PyModuleDef,
    pub md_state: *mut libc::c_void,
    pub md_weaklist: *mut PyObject,
    pub md_name: *mut PyObject,
}

/// `PyModule_Type`.
#[no_mangle]
pub static mut PyModule_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(module_dealloc),
    tp_traverse: Some(module_traverse),
    tp_clear: Some(module_clear),
    tp_repr: Some(module_repr),
    tp_getattro: Some(module_getattro),
    tp_setattro: Some(crate::object::object::PyObject_GenericSetAttr),
    tp_dictoffset: std::mem::offset_of!(PyModuleObject, md_dict) as Py_ssize_t,
    tp_weaklistoffset: std::mem::offset_of!(PyModuleObject, md_weaklist) as Py_ssize_t,
    tp_getset: (&raw const MODULE_GETSET).cast_mut().cast(),
    tp_methods: (&raw const MODULE_METHODS).cast_mut().cast(),
    tp_new: Some(module_new),
    tp_init: Some(module_init),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_doc: c"module(name, doc=None)\n--\n\nA new module object named name (a str), with doc as its __doc__."
        .as_ptr(),
    ..type_template(c"module", std::mem::size_of::<PyModuleObject>(), 0)
};

static MODULE_METHODS: [PyMethodDef; 2] = [
    crate::object::dir::MODULE_DIR,
    crate::object::descr::METHOD_END,
];

static MODULE_GETSET: [PyGetSetDef; 4] = [
    crate::object::descr::getset(
        c"__dict__",
        Some(crate::object::object::PyObject_GenericGetDict),
        None,
    ),
    crate::object::descr::getset(
        c"__annotations__",
        Some(crate::object::moduleannotations::get_annotations),
        Some(crate::object::moduleannotations::set_annotations),
    ),
    crate::object::descr::getset(
        c"__annotate__",
        Some(crate::object::moduleannotations::get_annotate),
        Some(crate::object::moduleannotations::set_annotate),
    ),
    crate::object::descr::GETSET_END,
];

/// `module.__new__` (`new_module`): a module with an empty namespace.
unsafe extern "C" fn module_new(
    tp: *mut PyTypeObject,
    _args: *mut PyObject,
    _kwds: *mut PyObject,
) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: tp is the module type or a subclass.
        unsafe {
            let op = crate::object::alloc::generic_alloc(tp, 0);
            let m = errors::check(op)?;
            (*op.cast::<PyModuleObject>()).md_dict = dict::new()?.into_raw();
            crate::object::gc::track(op);
            Ok(m)
        }
    })
}

/// `module.__init__(name, doc=None)` (`module___init___impl`).
unsafe extern "C" fn module_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> libc::c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is a module; args a tuple; kwds NULL or a dict.
        unsafe {
            let n = crate::object::tuple::size(args);
            if n > 2 {
                return Err(errors::type_error(format!(
                    "module() takes at most 2 arguments ({n} given)"
                )));
            }
            let b = crate::object::typevar::bind_args(
                "module",
                args,
                kwds,
                &["name", "doc"],
                &[],
                false,
            )?;
            let name = crate::object::typevar::name_arg("module", b.values[0])?;
            let doc = if b.values[1].is_null() {
                crate::object::none::none()
            } else {
                b.values[1]
            };
            let m = op.cast::<PyModuleObject>();
            if (*m).md_dict.is_null() {
                (*m).md_dict = dict::new()?.into_raw();
            }
            let d = (*m).md_dict;
            let none = crate::object::none::none();
            dict::set_item(d, crate::interned!("__name__"), name)?;
            dict::set_item(d, crate::interned!("__doc__"), doc)?;
            for k in ["__package__", "__loader__", "__spec__"] {
                dict::set_item(d, pystr::intern(k), none)?;
            }
            xdecref(std::mem::replace(&mut (*m).md_name, new_ref(name)));
            Ok(())
        }
    })
}

/// `PyModuleDef_Type`: the type `PyModuleDef_Init` gives a def.
#[no_mangle]
pub static mut PyModuleDef_Type: PyTypeObject =
    type_template(c"moduledef", std::mem::size_of::<PyModuleDef>(), 0);

/// `PyModule_NewObject`: a module named `name` with `__name__`, `__doc__`,
/// `__package__`, `__loader__` and `__spec__` set.
pub unsafe fn new(name: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: PyModule_Type is ready; name is a str.
    unsafe {
        let op = crate::object::alloc::generic_alloc(&raw mut PyModule_Type, 0);
        if op.is_null() {
            return Err(Raised::assume());
        }
        let m = Owned::from_raw_unchecked(op);
        let d = dict::new()?;
        let none = crate::object::none::none();
        dict::set_item(d.as_ptr(), crate::interned!("__name__"), name)?;
        for k in ["__doc__", "__package__", "__loader__", "__spec__"] {
            dict::set_item(d.as_ptr(), pystr::intern(k), none)?;
        }
        let mo = op.cast::<PyModuleObject>();
        (*mo).md_dict = d.into_raw();
        (*mo).md_name = new_ref(name);
        crate::object::gc::track(op);
        Ok(m)
    }
}

/// The module's dict (borrowed).
pub unsafe fn dict_of(m: *mut PyObject) -> *mut PyObject {
    // SAFETY: m is a module.
    unsafe { (*m.cast::<PyModuleObject>()).md_dict }
}

unsafe extern "C" fn module_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        let m = op.cast::<PyModuleObject>();
        if !(*m).md_weaklist.is_null() {
            crate::object::weakref::clear_weakrefs(op);
        }
        let def = (*m).md_def;
        if !def.is_null() {
            if let Some(free) = (*def).m_free {
                free(op.cast());
            }
        }
        if !(*m).md_state.is_null() {
            crate::object::alloc::raw_free((*m).md_state);
        }
        xdecref((*m).md_dict);
        xdecref((*m).md_name);
        let tp = (*op).ob_type;
        crate::object::alloc::gc_free(op.cast());
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(tp.cast());
        }
    }
}

/// `module_traverse`: the namespace, and the state through the
/// definition's `m_traverse`.
unsafe extern "C" fn module_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut libc::c_void,
) -> libc::c_int {
    // SAFETY: op is a module.
    unsafe {
        let m = op.cast::<PyModuleObject>();
        let def = (*m).md_def;
        if !def.is_null() && ((*def).m_size <= 0 || !(*m).md_state.is_null()) {
            if let Some(t) = (*def).m_traverse {
                let r = t(op, visit, arg);
                if r != 0 {
                    return r;
                }
            }
        }
        match visit {
            Some(v) if !(*m).md_dict.is_null() => v((*m).md_dict, arg),
            _ => 0,
        }
    }
}

/// `module_clear`: the definition's `m_clear`, then lets go of the namespace.
unsafe extern "C" fn module_clear(op: *mut PyObject) -> libc::c_int {
    // SAFETY: op is a module.
    unsafe {
        let m = op.cast::<PyModuleObject>();
        let def = (*m).md_def;
        if !def.is_null() && ((*def).m_size <= 0 || !(*m).md_state.is_null()) {
            if let Some(c) = (*def).m_clear {
                let r = c(op);
                if r != 0 {
                    return r;
                }
            }
        }
        // The module lets go of its namespace, which lives on (intact)
        // if anything else holds it, such as a function's globals kept
        // alive by a weak reference callback. An empty dict takes its
        // place, so code that still holds the module finds an empty
        // namespace, never a missing one.
        if !(*m).md_dict.is_null() {
            match dict::new() {
                Ok(fresh) => {
                    decref(std::mem::replace(&mut (*m).md_dict, fresh.into_raw()));
                }
                Err(_) => {
                    errors::clear();
                    dict::clear((*m).md_dict);
                }
            }
        }
    }
    0
}

/// `module.__repr__`: what importlib's `_module_repr` gives, from the
/// module's `__spec__` when it has one, else from its `__name__`,
/// `__file__` and `__loader__` (each looked up as an attribute).
unsafe extern "C" fn module_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a module.
        unsafe {
            let attr = |name: &str| protocol::getattr_opt(op, pystr::intern(name));
            let loader = attr("__loader__")?.filter(|l| l.as_ptr() != none::none());
            if let Some(spec) = attr("__spec__")? {
                if protocol::is_true(spec.as_ptr())? {
                    return pystr::from_str(&repr_from_spec(spec.as_ptr())?);
                }
            }
            let name = match attr("__name__")? {
                Some(n) => protocol::repr_string(n.as_ptr())?,
                None => "'?'".to_string(),
            };
            let text = match (attr("__file__")?, loader) {
                (Some(f), _) => format!(
                    "<module {name} from {}>",
                    protocol::repr_string(f.as_ptr())?
                ),
                (None, None) => format!("<module {name}>"),
                (None, Some(l)) => {
                    format!("<module {name} ({})>", protocol::repr_string(l.as_ptr())?)
                }
            };
            pystr::from_str(&text)
        }
    })
}

/// importlib's `_module_repr_from_spec`: the repr of a module from its
/// spec's name, origin (with `has_location`) or loader.
unsafe fn repr_from_spec(spec: *mut PyObject) -> PyResult<String> {
    // SAFETY: spec is a live object.
    unsafe {
        let attr = |name: &str| protocol::getattr(spec, pystr::intern(name));
        let spec_name = attr("name")?;
        let name = if spec_name.as_ptr() == none::none() {
            "'?'".to_string()
        } else {
            protocol::repr_string(spec_name.as_ptr())?
        };
        let origin = attr("origin")?;
        if origin.as_ptr() != none::none() {
            return Ok(if protocol::is_true(attr("has_location")?.as_ptr())? {
                format!(
                    "<module {name} from {}>",
                    protocol::repr_string(origin.as_ptr())?
                )
            } else {
                format!(
                    "<module {} ({})>",
                    protocol::repr_string(spec_name.as_ptr())?,
                    pystr::as_str(protocol::str_(origin.as_ptr())?.as_ptr())?
                )
            });
        }
        let loader = attr("loader")?;
        if loader.as_ptr() == none::none() {
            return Ok(format!("<module {name}>"));
        }
        if is_namespace_loader(loader.as_ptr())? {
            let path = protocol::getattr(loader.as_ptr(), crate::interned!("_path"))?;
            let path = crate::object::list::from_iterable(path.as_ptr())?;
            return Ok(format!(
                "<module {name} (namespace) from {}>",
                protocol::repr_string(path.as_ptr())?
            ));
        }
        Ok(format!(
            "<module {name} ({})>",
            protocol::repr_string(loader.as_ptr())?
        ))
    }
}

/// Whether `loader` is an `importlib.machinery.NamespaceLoader` (when
/// importlib's external importers are loaded at all).
unsafe fn is_namespace_loader(loader: *mut PyObject) -> PyResult<bool> {
    // SAFETY: loader is live; sys.modules is a dict.
    unsafe {
        let modules = crate::modules::sys_modules();
        if modules.is_null() {
            return Ok(false);
        }
        let external = dict::get_item_known_hash_str(
            modules,
            crate::interned!("importlib._bootstrap_external"),
        );
        if external.is_null() {
            return Ok(false);
        }
        let Some(cls) = protocol::getattr_opt(external, crate::interned!("NamespaceLoader"))?
        else {
            return Ok(false);
        };
        crate::object::instancecheck::is_instance(loader, cls.as_ptr())
    }
}

/// `module.__getattribute__`: generic lookup, then the module's own
/// `__getattr__` (PEP 562), then "module 'x' has no attribute 'y'".
pub(crate) unsafe extern "C" fn module_getattro(
    op: *mut PyObject,
    name: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a module; name a str (checked by generic_getattr).
        unsafe {
            let exc = crate::object::exceptions::PyExc_AttributeError;
            match crate::object::object::generic_getattr_opt(op, name) {
                Ok(Some(v)) => return Ok(v),
                Ok(None) => {}
                Err(e) if !crate::runtime::errors::matches(exc) => return Err(e),
                Err(_) => crate::runtime::errors::clear(),
            }
            let d = dict_of(op);
            let hook = dict::get_item_known_hash_str(d, crate::interned!("__getattr__"));
            if !hook.is_null() {
                return crate::object::protocol::call_args(hook, &[name]);
            }
            let modname = dict::get_item_known_hash_str(d, crate::interned!("__name__"));
            let before = if !modname.is_null() && pystr::check(modname) {
                format!("module '{}' has no attribute '", pystr::as_str(modname)?)
            } else {
                "module has no attribute '".to_string()
            };
            Err(crate::runtime::errors::set_with_name(
                crate::object::exceptions::PyExc_AttributeError,
                &before,
                name,
                "'",
            ))
        }
    })
}
