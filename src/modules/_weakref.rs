//! The `_weakref` module (`Modules/_weakref.c`): the weak reference and
//! proxy types of `src/object/weakref.rs` under their module names, and
//! the functions `weakref.py` builds on.
use crate::ffi::*;
use crate::modules::args::{arity, builtin, no_kwargs};
use crate::object::descr::{method, METHOD_END};
use crate::object::weakref::{
    self, _PyWeakref_CallableProxyType, _PyWeakref_ProxyType, _PyWeakref_RefType,
};
use crate::object::{dict, int, list, none};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};

builtin!(getweakrefcount, |args, kws| {
    no_kwargs("getweakrefcount", &kws)?;
    arity("getweakrefcount", args, 1, 1)?;
    int::from_i64(weakref::refs_of(args[0]).len() as i64)
});

builtin!(getweakrefs, |args, kws| {
    no_kwargs("getweakrefs", &kws)?;
    arity("getweakrefs", args, 1, 1)?;
    let refs = weakref::refs_of(args[0]);
    list::from_slice(&refs)
});

builtin!(proxy, |args, kws| {
    no_kwargs("proxy", &kws)?;
    arity("proxy", args, 1, 2)?;
    let callback = args.get(1).copied().unwrap_or(std::ptr::null_mut());
    weakref::new_proxy(args[0], callback)
});

builtin!(remove_dead_weakref, |args, kws| {
    no_kwargs("_remove_dead_weakref", &kws)?;
    arity("_remove_dead_weakref", args, 2, 2)?;
    let (d, key) = (args[0], args[1]);
    if !dict::check(d) {
        return Err(errors::type_error(format!(
            "_remove_dead_weakref() argument 1 must be dict, not {}",
            crate::object::typeobj::type_name(d)
        )));
    }
    let v = dict::get_item(d, key)?;
    // Only a dead weak reference is removed: the key may have been
    // re-bound to a live one meanwhile.
    if !v.is_null() && weakref::check(v) && weakref::is_dead(v) {
        dict::del_item_opt(d, key)?;
    }
    Ok(Owned::from_borrowed_static(none::none()))
});

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut METHODS: [PyMethodDef; 5] = [
    method(c"getweakrefcount", getweakrefcount as *const c_void, FK),
    method(c"getweakrefs", getweakrefs as *const c_void, FK),
    method(c"proxy", proxy as *const c_void, FK),
    method(
        c"_remove_dead_weakref",
        remove_dead_weakref as *const c_void,
        FK,
    ),
    METHOD_END,
];

/// Adds the types.
unsafe extern "C" fn exec(m: *mut PyObject) -> c_int {
    let add = || -> PyResult<()> {
        let types: [(&str, *mut PyTypeObject); 4] = [
            ("ref", &raw mut _PyWeakref_RefType),
            ("ReferenceType", &raw mut _PyWeakref_RefType),
            ("ProxyType", &raw mut _PyWeakref_ProxyType),
            ("CallableProxyType", &raw mut _PyWeakref_CallableProxyType),
        ];
        for (name, tp) in types {
            // SAFETY: m is the module being executed; the types are static.
            unsafe {
                crate::modules::module_def::add(m, name, Ok(Owned::from_borrowed(tp.cast())))?
            };
        }
        Ok(())
    };
    crate::capi::boundary::guard_status(add)
}

static mut SLOTS: [PyModuleDef_Slot; 2] = [
    crate::modules::module_def::exec_slot(exec),
    crate::modules::module_def::SLOT_END,
];

static mut DEF: PyModuleDef = crate::modules::module_def::def(
    c"_weakref",
    c"Weak-reference support module.",
    (&raw mut METHODS).cast(),
    (&raw mut SLOTS).cast(),
);

/// `PyInit__weakref`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    // SAFETY: DEF is a static module definition.
    unsafe { crate::capi::module::PyModuleDef_Init(&raw mut DEF) }
}
