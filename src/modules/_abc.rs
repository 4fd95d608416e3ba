//! The `_abc` module (`Modules/_abc.c`): the machinery behind
//! `abc.ABCMeta`. Each abstract class keeps an `_abc_impl` object with its
//! registry of virtual subclasses and its positive and negative subclass
//! caches (sets of weak references); a global counter invalidates the
//! negative caches whenever a class is registered anywhere.
use crate::ffi::*;
use crate::modules::args::{arity, builtin, no_kwargs};
use crate::object::descr::{method, METHOD_END};
use crate::object::refcount::*;
use crate::object::typeobj::{self, type_template};
use crate::object::{
    bool as pybool, dict, instancecheck, int, none, protocol, set, tuple, weakref,
};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};
use std::sync::atomic::{AtomicU64, Ordering};

/// `abc_invalidation_counter`: bumped by every registration.
static INVALIDATION_COUNTER: AtomicU64 = AtomicU64::new(0);

/// The per-class state (`_abc._abc_data`).
#[repr(C)]
pub struct AbcData {
    pub ob_base: PyObject,
    pub registry: *mut PyObject,
    pub cache: *mut PyObject,
    pub negative_cache: *mut PyObject,
    pub negative_cache_version: u64,
}

/// `_abc._abc_data` (readied with the core's static types).
pub static mut ABC_DATA_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(data_dealloc),
    tp_traverse: Some(data_traverse),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_doc: c"Internal state held by ABC machinery.".as_ptr(),
    ..type_template(c"_abc._abc_data", std::mem::size_of::<AbcData>(), 0)
};

unsafe extern "C" fn data_dealloc(op: *mut PyObject) {
    // SAFETY: the refcount reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        let d = op.cast::<AbcData>();
        xdecref((*d).registry);
        xdecref((*d).cache);
        xdecref((*d).negative_cache);
        crate::object::alloc::gc_free(op.cast());
    }
}

unsafe extern "C" fn data_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    // SAFETY: op is an _abc_data.
    unsafe {
        let d = op.cast::<AbcData>();
        crate::object::gc::visit_all(
            &[(*d).registry, (*d).cache, (*d).negative_cache],
            visit,
            arg,
        )
    }
}

/// A new, empty state.
fn new_data() -> PyResult<Owned> {
    // SAFETY: the type is ready (a static type of the runtime).
    unsafe {
        let op = errors::check(crate::object::alloc::generic_alloc(
            &raw mut ABC_DATA_TYPE,
            0,
        ))?;
        let d = op.as_ptr().cast::<AbcData>();
        (*d).registry = set::new_set(std::ptr::null_mut())?.into_raw();
        (*d).cache = set::new_set(std::ptr::null_mut())?.into_raw();
        (*d).negative_cache = set::new_set(std::ptr::null_mut())?.into_raw();
        (*d).negative_cache_version = INVALIDATION_COUNTER.load(Ordering::Relaxed);
        crate::object::gc::track(op.as_ptr());
        Ok(op)
    }
}

/// `cls._abc_impl` (`_get_impl`).
unsafe fn impl_of(cls: *mut PyObject) -> PyResult<(Owned, *mut AbcData)> {
    // SAFETY: cls valid.
    unsafe {
        let i = protocol::getattr_str(cls, "_abc_impl")?;
        if (*i.as_ptr()).ob_type != &raw mut ABC_DATA_TYPE {
            return Err(errors::type_error("_abc_impl is set to a wrong type"));
        }
        let d = i.as_ptr().cast::<AbcData>();
        Ok((i, d))
    }
}

/// Whether `set` holds a weak reference to `obj` (`_in_weak_set`).
unsafe fn in_weak_set(set: *mut PyObject, obj: *mut PyObject) -> PyResult<bool> {
    // SAFETY: set is a set; obj valid.
    unsafe {
        if set::len(set) == 0 || !weakref::supports((*obj).ob_type) {
            return Ok(false);
        }
        let r = weakref::new(
            &raw mut weakref::_PyWeakref_RefType,
            obj,
            std::ptr::null_mut(),
        )?;
        set::contains(set, r.as_ptr())
    }
}

/// Adds a weak reference to `obj` to `set` (`_add_to_weak_set`). Dead
/// references left behind compare equal to nothing alive.
unsafe fn add_to_weak_set(set: *mut PyObject, obj: *mut PyObject) -> PyResult<()> {
    // SAFETY: set is a set; obj valid.
    unsafe {
        let r = weakref::new(
            &raw mut weakref::_PyWeakref_RefType,
            obj,
            std::ptr::null_mut(),
        )?;
        set::add(set, r.as_ptr())
    }
}

/// The abstract methods of `cls` (`compute_abstract_methods`): names in
/// its namespace whose values are abstract, and inherited abstract names
/// that it still leaves abstract.
unsafe fn compute_abstract_methods(cls: *mut PyObject) -> PyResult<()> {
    // SAFETY: cls is a class.
    unsafe {
        let abstracts = set::new_frozenset(std::ptr::null_mut())?;
        let is_abstract = |v: *mut PyObject| -> PyResult<bool> {
            match protocol::getattr_opt(v, crate::interned!("__isabstractmethod__"))? {
                Some(f) => protocol::is_true(f.as_ptr()),
                None => Ok(false),
            }
        };
        let ns = protocol::getattr_str(cls, "__dict__")?;
        let items = protocol::call_method_obj(ns.as_ptr(), "items", &[])?;
        let it = protocol::get_iter(items.as_ptr())?;
        while let Some(kv) = protocol::iter_next(it.as_ptr())? {
            if !tuple::check(kv.as_ptr()) || tuple::size(kv.as_ptr()) != 2 {
                return Err(errors::type_error(
                    "items() returned item which is not a 2-tuple",
                ));
            }
            let [k, v] = tuple::items(kv.as_ptr()) else {
                unreachable!()
            };
            if is_abstract(*v)? {
                set::add(abstracts.as_ptr(), *k)?;
            }
        }
        let bases = protocol::getattr_str(cls, "__bases__")?;
        if !tuple::check(bases.as_ptr()) {
            return Err(errors::type_error("__bases__ is not tuple"));
        }
        for &b in tuple::items(bases.as_ptr()) {
            let Some(names) = protocol::getattr_opt(b, crate::interned!("__abstractmethods__"))?
            else {
                continue;
            };
            let it = protocol::get_iter(names.as_ptr())?;
            while let Some(name) = protocol::iter_next(it.as_ptr())? {
                if let Some(v) = protocol::getattr_opt(cls, name.as_ptr())? {
                    if is_abstract(v.as_ptr())? {
                        set::add(abstracts.as_ptr(), name.as_ptr())?;
                    }
                }
            }
        }
        protocol::setattr(
            cls,
            crate::interned!("__abstractmethods__"),
            abstracts.as_ptr(),
        )
    }
}

/// The collection flags an ABC hands to its subclasses (for `match`).
const COLLECTION_FLAGS: libc::c_ulong = Py_TPFLAGS_SEQUENCE | Py_TPFLAGS_MAPPING;

builtin!(abc_init, |args, kws| {
    no_kwargs("_abc_init", &kws)?;
    arity("_abc_init", args, 1, 1)?;
    let cls = args[0];
    compute_abstract_methods(cls)?;
    let data = new_data()?;
    protocol::setattr(cls, crate::interned!("_abc_impl"), data.as_ptr())?;
    if typeobj::instance_of(cls, &raw mut typeobj::PyType_Type) {
        let tp: *mut PyTypeObject = cls.cast();
        let flags = dict::pop((*tp).tp_dict, crate::interned!("__abc_tpflags__"))?;
        if let Some(flags) = flags.filter(|f| int::check_exact(f.as_ptr())) {
            let f = int::as_i64(flags.as_ptr())? as libc::c_ulong & COLLECTION_FLAGS;
            if f == COLLECTION_FLAGS {
                return Err(errors::type_error(
                    "__abc_tpflags__ cannot be both Py_TPFLAGS_SEQUENCE and Py_TPFLAGS_MAPPING",
                ));
            }
            (*tp).tp_flags = ((*tp).tp_flags & !COLLECTION_FLAGS) | f;
        }
    }
    Ok(Owned::from_borrowed_static(none::none()))
});

/// Gives `tp` and its heap subclasses the collection flag `flag` when
/// they have none yet (`set_collection_flag_recursive`).
unsafe fn set_collection_flag(tp: *mut PyTypeObject, flag: libc::c_ulong) -> PyResult<()> {
    // SAFETY: tp is a type.
    unsafe {
        // Builtin (static) types are immutable, as in CPython.
        let immutable = (*tp).tp_flags & Py_TPFLAGS_IMMUTABLETYPE != 0
            || (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE == 0;
        if immutable || (*tp).tp_flags & COLLECTION_FLAGS != 0 {
            return Ok(());
        }
        (*tp).tp_flags |= flag;
        let subs = crate::object::subclasses::list_of(tp)?;
        for &s in crate::object::list::items(subs.as_ptr()) {
            set_collection_flag(s.cast(), flag)?;
        }
        Ok(())
    }
}

builtin!(abc_register, |args, kws| {
    no_kwargs("_abc_register", &kws)?;
    arity("_abc_register", args, 2, 2)?;
    let (cls, subclass) = (args[0], args[1]);
    if !typeobj::instance_of(subclass, &raw mut typeobj::PyType_Type) {
        return Err(errors::type_error("Can only register classes"));
    }
    if instancecheck::is_subclass(subclass, cls)? {
        return Ok(Owned::from_borrowed(subclass));
    }
    if instancecheck::is_subclass(cls, subclass)? {
        return Err(errors::runtime_error(
            "Refusing to create an inheritance cycle",
        ));
    }
    let (_i, d) = impl_of(cls)?;
    add_to_weak_set((*d).registry, subclass)?;
    INVALIDATION_COUNTER.fetch_add(1, Ordering::Relaxed);
    if typeobj::instance_of(cls, &raw mut typeobj::PyType_Type) {
        let flag = (*cls.cast::<PyTypeObject>()).tp_flags & COLLECTION_FLAGS;
        if flag != 0 {
            set_collection_flag(subclass.cast(), flag)?;
        }
    }
    Ok(Owned::from_borrowed(subclass))
});

/// `cls.__subclasscheck__(c)` as a bool.
unsafe fn call_subclasscheck(cls: *mut PyObject, c: *mut PyObject) -> PyResult<bool> {
    // SAFETY: cls and c valid.
    unsafe {
        let r = protocol::call_method_obj(cls, "__subclasscheck__", &[c])?;
        protocol::is_true(r.as_ptr())
    }
}

builtin!(abc_instancecheck, |args, kws| {
    no_kwargs("_abc_instancecheck", &kws)?;
    arity("_abc_instancecheck", args, 2, 2)?;
    let (cls, instance) = (args[0], args[1]);
    let (_i, d) = impl_of(cls)?;
    let subclass = protocol::getattr_str(instance, "__class__")?;
    let yes = |b: bool| Ok(Owned::from_borrowed_static(pybool::from_bool(b)));
    if in_weak_set((*d).cache, subclass.as_ptr())? {
        return yes(true);
    }
    let subtype: *mut PyObject = (*instance).ob_type.cast();
    if subtype == subclass.as_ptr() {
        if (*d).negative_cache_version == INVALIDATION_COUNTER.load(Ordering::Relaxed)
            && in_weak_set((*d).negative_cache, subclass.as_ptr())?
        {
            return yes(false);
        }
        return yes(call_subclasscheck(cls, subclass.as_ptr())?);
    }
    if call_subclasscheck(cls, subclass.as_ptr())? {
        return yes(true);
    }
    yes(call_subclasscheck(cls, subtype)?)
});

builtin!(abc_subclasscheck, |args, kws| {
    no_kwargs("_abc_subclasscheck", &kws)?;
    arity("_abc_subclasscheck", args, 2, 2)?;
    let (cls, subclass) = (args[0], args[1]);
    if !typeobj::instance_of(subclass, &raw mut typeobj::PyType_Type) {
        return Err(errors::type_error("issubclass() arg 1 must be a class"));
    }
    let (_i, d) = impl_of(cls)?;
    let (cache, negative) = ((*d).cache, (*d).negative_cache);
    let answer = |b: bool| -> PyResult<Owned> {
        add_to_weak_set(if b { cache } else { negative }, subclass)?;
        Ok(Owned::from_borrowed_static(pybool::from_bool(b)))
    };
    // 1. The positive cache.
    if in_weak_set((*d).cache, subclass)? {
        return Ok(Owned::from_borrowed_static(pybool::py_true()));
    }
    // 2. The negative cache, emptied when registrations happened since.
    let counter = INVALIDATION_COUNTER.load(Ordering::Relaxed);
    if (*d).negative_cache_version < counter {
        set::clear((*d).negative_cache);
        (*d).negative_cache_version = counter;
    } else if in_weak_set((*d).negative_cache, subclass)? {
        return Ok(Owned::from_borrowed_static(pybool::py_false()));
    }
    // 3. The subclass hook.
    let ok = protocol::call_method_obj(cls, "__subclasshook__", &[subclass])?;
    if ok.as_ptr() == pybool::py_true() {
        return answer(true);
    }
    if ok.as_ptr() == pybool::py_false() {
        return answer(false);
    }
    if ok.as_ptr() != none::not_implemented() {
        return Err(errors::set_string(
            crate::object::exceptions::PyExc_AssertionError,
            "__subclasshook__ must return either False, True, or NotImplemented",
        ));
    }
    // 4. A direct subclass.
    if let Some(mro) = protocol::getattr_opt(subclass, crate::interned!("__mro__"))? {
        if tuple::check(mro.as_ptr()) && tuple::items(mro.as_ptr()).contains(&cls) {
            return answer(true);
        }
    }
    // 5. A subclass of a registered class.
    let registry = crate::object::list::from_iterable((*d).registry)?;
    for &r in crate::object::list::items(registry.as_ptr()) {
        if let Some(rcls) = weakref::get_ref(r) {
            if instancecheck::is_subclass(subclass, rcls.as_ptr())? {
                return answer(true);
            }
        }
    }
    // 6. A subclass of a subclass.
    let subs = protocol::call_method_obj(cls, "__subclasses__", &[])?;
    let subs = crate::object::list::from_iterable(subs.as_ptr())?;
    for &s in crate::object::list::items(subs.as_ptr()) {
        if instancecheck::is_subclass(subclass, s)? {
            return answer(true);
        }
    }
    answer(false)
});

builtin!(get_cache_token, |args, kws| {
    no_kwargs("get_cache_token", &kws)?;
    arity("get_cache_token", args, 0, 0)?;
    int::from_i64(INVALIDATION_COUNTER.load(Ordering::Relaxed) as i64)
});

builtin!(get_dump, |args, kws| {
    no_kwargs("_get_dump", &kws)?;
    arity("_get_dump", args, 1, 1)?;
    let (_i, d) = impl_of(args[0])?;
    tuple::from_vec(vec![
        set::new_set((*d).registry)?,
        set::new_set((*d).cache)?,
        set::new_set((*d).negative_cache)?,
        int::from_i64((*d).negative_cache_version as i64)?,
    ])
});

builtin!(reset_registry, |args, kws| {
    no_kwargs("_reset_registry", &kws)?;
    arity("_reset_registry", args, 1, 1)?;
    let (_i, d) = impl_of(args[0])?;
    set::clear((*d).registry);
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(reset_caches, |args, kws| {
    no_kwargs("_reset_caches", &kws)?;
    arity("_reset_caches", args, 1, 1)?;
    let (_i, d) = impl_of(args[0])?;
    set::clear((*d).cache);
    set::clear((*d).negative_cache);
    Ok(Owned::from_borrowed_static(none::none()))
});

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut METHODS: [PyMethodDef; 9] = [
    method(c"get_cache_token", get_cache_token as *const c_void, FK),
    method(c"_abc_init", abc_init as *const c_void, FK),
    method(c"_reset_registry", reset_registry as *const c_void, FK),
    method(c"_reset_caches", reset_caches as *const c_void, FK),
    method(c"_get_dump", get_dump as *const c_void, FK),
    method(c"_abc_register", abc_register as *const c_void, FK),
    method(
        c"_abc_instancecheck",
        abc_instancecheck as *const c_void,
        FK,
    ),
    method(
        c"_abc_subclasscheck",
        abc_subclasscheck as *const c_void,
        FK,
    ),
    METHOD_END,
];

static mut DEF: PyModuleDef = crate::modules::module_def::def(
    c"_abc",
    c"Module contains faster C implementation of abc.ABCMeta",
    (&raw mut METHODS).cast(),
    std::ptr::null_mut(),
);

/// `PyInit__abc`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    // SAFETY: DEF is a static module definition.
    unsafe { crate::capi::module::PyModuleDef_Init(&raw mut DEF) }
}
