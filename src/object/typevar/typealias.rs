//! `typing.TypeAliasType` (PEP 695): what `type X[T] = ...` creates, its
//! value computed on first access to `__value__`.
use super::{bind_args, caller_module, name_arg};
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::descr::{getset, method, GETSET_END, METHOD_END};
use crate::object::refcount::*;
use crate::object::typeobj::type_template;
use crate::object::{none, protocol, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::c_void;
use std::ptr::null_mut;

#[repr(C)]
struct TypeAliasObject {
    ob_base: PyObject,
    name: *mut PyObject,
    /// A tuple, or NULL for none.
    type_params: *mut PyObject,
    /// Computes the value (syntax form); NULL once `value` is known.
    compute_value: *mut PyObject,
    value: *mut PyObject,
    module: *mut PyObject,
}

/// `X | Y` builds a `types.UnionType`, as for classes.
static mut ALIAS_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_or: Some(crate::object::union::type_or),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

/// `_PyTypeAlias_Type`.
#[no_mangle]
pub static mut _PyTypeAlias_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(alias_dealloc),
    tp_traverse: Some(alias_traverse),
    tp_repr: Some(alias_repr),
    tp_as_mapping: &raw mut ALIAS_AS_MAPPING,
    tp_as_number: &raw mut ALIAS_AS_NUMBER,
    tp_new: Some(alias_new),
    tp_methods: (&raw const ALIAS_METHODS).cast_mut().cast(),
    tp_getset: (&raw const ALIAS_GETSET).cast_mut().cast(),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    ..type_template(
        c"typing.TypeAliasType",
        std::mem::size_of::<TypeAliasObject>(),
        0,
    )
};

unsafe fn ta<'a>(op: *mut PyObject) -> &'a mut TypeAliasObject {
    // SAFETY: op is a TypeAliasType.
    unsafe { &mut *op.cast::<TypeAliasObject>() }
}

unsafe fn alloc(
    name: *mut PyObject,
    type_params: *mut PyObject,
    compute_value: *mut PyObject,
    value: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: name a str; the others NULL or valid.
    unsafe {
        let op = crate::object::alloc::generic_alloc(&raw mut _PyTypeAlias_Type, 0);
        if op.is_null() {
            return Err(Raised::assume());
        }
        let a = ta(op);
        a.name = new_ref(name);
        a.type_params = if type_params.is_null() || tuple::size(type_params) == 0 {
            null_mut()
        } else {
            new_ref(type_params)
        };
        a.compute_value = xnew_ref(compute_value);
        a.value = xnew_ref(value);
        a.module = xnew_ref(caller_module());
        crate::object::gc::track(op);
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// `INTRINSIC_TYPEALIAS`: `(name, type_params or None, compute_value)`.
pub unsafe fn from_syntax(args: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: args is the compiler's 3-tuple.
    unsafe {
        let [name, params, compute] = tuple::items(args) else {
            return Err(errors::system_error("bad INTRINSIC_TYPEALIAS argument"));
        };
        let params = if *params == none::none() {
            null_mut()
        } else {
            *params
        };
        alloc(*name, params, *compute, null_mut())
    }
}

/// `TypeAliasType(name, value, *, type_params=())`.
unsafe extern "C" fn alias_new(
    _t: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple; kwargs NULL or a dict.
        unsafe {
            let b = bind_args(
                "typealias",
                args,
                kwargs,
                &["name", "value"],
                &["type_params"],
                false,
            )?;
            let name = name_arg("typealias", b.values[0])?;
            let value = b.values[1];
            if value.is_null() {
                return Err(errors::type_error(
                    "typealias() missing required argument 'value' (pos 2)",
                ));
            }
            let params = b.values[2];
            if !params.is_null() && !tuple::check(params) {
                return Err(errors::type_error("type_params must be a tuple"));
            }
            alloc(name, params, null_mut(), value)
        }
    })
}

unsafe fn fields(a: &mut TypeAliasObject) -> [&mut *mut PyObject; 5] {
    [
        &mut a.name,
        &mut a.type_params,
        &mut a.compute_value,
        &mut a.value,
        &mut a.module,
    ]
}

unsafe extern "C" fn alias_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        for f in fields(ta(op)) {
            xdecref(*f);
        }
        crate::object::alloc::gc_free(op.cast());
    }
}

unsafe extern "C" fn alias_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> i32 {
    // SAFETY: op is a TypeAliasType.
    unsafe {
        let Some(v) = visit else { return 0 };
        for f in fields(ta(op)) {
            if !f.is_null() {
                let r = v(*f, arg);
                if r != 0 {
                    return r;
                }
            }
        }
        0
    }
}

unsafe extern "C" fn alias_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a TypeAliasType.
    unsafe { new_ref(ta(op).name) }
}

unsafe extern "C" fn get_name(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a TypeAliasType.
    unsafe { new_ref(ta(op).name) }
}

unsafe extern "C" fn get_module(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a TypeAliasType.
    unsafe {
        let m = ta(op).module;
        new_ref(if m.is_null() { none::none() } else { m })
    }
}

/// `__value__`: evaluated once, on first access.
unsafe extern "C" fn get_value(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a TypeAliasType.
        unsafe {
            let a = ta(op);
            if !a.value.is_null() {
                return Ok(Owned::from_borrowed(a.value));
            }
            let v = protocol::call_args(a.compute_value, &[])?;
            a.value = new_ref(v.as_ptr());
            Ok(v)
        }
    })
}

unsafe extern "C" fn get_type_params(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a TypeAliasType.
    unsafe {
        let p = ta(op).type_params;
        if p.is_null() {
            tuple::empty().into_raw()
        } else {
            new_ref(p)
        }
    }
}

/// `__parameters__`: the type parameters, a `TypeVarTuple` standing for
/// its unpacking (`unpack_typevartuples`).
unsafe extern "C" fn get_parameters(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a TypeAliasType.
        unsafe {
            let p = ta(op).type_params;
            if p.is_null() {
                return Ok(tuple::empty());
            }
            super::generic::unpack_typevartuples(p)
        }
    })
}

unsafe extern "C" fn alias_reduce(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a TypeAliasType.
    unsafe { new_ref(ta(op).name) }
}

/// `alias[args]`: a generic alias, for aliases with type parameters.
unsafe extern "C" fn alias_getitem(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a TypeAliasType.
        unsafe {
            if ta(op).type_params.is_null() {
                return Err(errors::type_error(
                    "Only generic type aliases are subscriptable",
                ));
            }
            errors::check(crate::object::genericalias::Py_GenericAlias(op, args))
        }
    })
}

static ALIAS_METHODS: [PyMethodDef; 2] = [
    method(c"__reduce__", alias_reduce as *const c_void, METH_NOARGS),
    METHOD_END,
];

static mut ALIAS_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_subscript: Some(alias_getitem),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

static ALIAS_GETSET: [PyGetSetDef; 6] = [
    getset(c"__name__", Some(get_name), None),
    getset(c"__module__", Some(get_module), None),
    getset(c"__value__", Some(get_value), None),
    getset(c"__type_params__", Some(get_type_params), None),
    getset(c"__parameters__", Some(get_parameters), None),
    GETSET_END,
];
