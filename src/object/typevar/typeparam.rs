//! `typing.TypeVar`, `typing.ParamSpec` and `typing.TypeVarTuple`: one
//! layout for the three kinds of type parameter, each with its own type
//! object, constructor and attributes.
use super::nodefault::no_default;
use super::{bind_args, call_typing, caller_module, flag_arg, name_arg, type_check};
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::descr::{getset, method, GETSET_END, METHOD_END};
use crate::object::refcount::*;
use crate::object::typeobj::type_template;
use crate::object::{bool as pybool, none, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::c_void;
use std::ptr::null_mut;

/// A type parameter. Each of `bound`, `constraints` and `default_value`
/// is either known or computed on first use by its `evaluate_*` function
/// (PEP 695 syntax); NULL when neither.
#[repr(C)]
pub struct TypeParamObject {
    pub ob_base: PyObject,
    pub name: *mut PyObject,
    pub bound: *mut PyObject,
    pub evaluate_bound: *mut PyObject,
    pub constraints: *mut PyObject,
    pub evaluate_constraints: *mut PyObject,
    pub default_value: *mut PyObject,
    pub evaluate_default: *mut PyObject,
    /// The defining module's name; NULL for the syntax's parameters,
    /// which report the type's module (`typing`).
    pub module: *mut PyObject,
    pub covariant: bool,
    pub contravariant: bool,
    pub infer_variance: bool,
    pub weakreflist: *mut PyObject,
}

const fn param_type(
    name: &'static std::ffi::CStr,
    new: newfunc,
    methods: *const PyMethodDef,
    getsets: *const PyGetSetDef,
    repr: reprfunc,
) -> PyTypeObject {
    PyTypeObject {
        tp_flags: Py_TPFLAGS_HAVE_GC,
        tp_as_number: &raw mut PARAM_AS_NUMBER,
        tp_dealloc: Some(param_dealloc),
        tp_traverse: Some(param_traverse),
        tp_repr: repr,
        tp_new: new,
        tp_methods: methods.cast_mut(),
        tp_getset: getsets.cast_mut(),
        tp_free: Some(crate::capi::gc::PyObject_GC_Del),
        tp_weaklistoffset: std::mem::offset_of!(TypeParamObject, weakreflist) as Py_ssize_t,
        ..type_template(name, std::mem::size_of::<TypeParamObject>(), 0)
    }
}

/// `T | X` and `X | T` are `typing.Union`s (`make_union`).
static mut PARAM_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_or: Some(make_union),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

unsafe extern "C" fn make_union(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot arguments are valid objects.
    guard_obj(|| unsafe { call_typing("_make_union", &[a, b]) })
}

/// `_PyTypeVar_Type`.
#[no_mangle]
pub static mut _PyTypeVar_Type: PyTypeObject = param_type(
    c"typing.TypeVar",
    Some(typevar_new),
    (&raw const TYPEVAR_METHODS).cast(),
    (&raw const TYPEVAR_GETSET).cast(),
    Some(variance_repr),
);

/// `_PyParamSpec_Type`.
#[no_mangle]
pub static mut _PyParamSpec_Type: PyTypeObject = param_type(
    c"typing.ParamSpec",
    Some(paramspec_new),
    (&raw const PARAMSPEC_METHODS).cast(),
    (&raw const PARAMSPEC_GETSET).cast(),
    Some(variance_repr),
);

/// `_PyTypeVarTuple_Type`.
#[no_mangle]
pub static mut _PyTypeVarTuple_Type: PyTypeObject = PyTypeObject {
    tp_iter: Some(typevartuple_iter),
    tp_as_number: null_mut(),
    ..param_type(
        c"typing.TypeVarTuple",
        Some(typevartuple_new),
        (&raw const TYPEVARTUPLE_METHODS).cast(),
        (&raw const TYPEVARTUPLE_GETSET).cast(),
        Some(name_repr),
    )
};

unsafe fn tp<'a>(op: *mut PyObject) -> &'a mut TypeParamObject {
    // SAFETY: op is a type parameter.
    unsafe { &mut *op.cast::<TypeParamObject>() }
}

/// Whether `op` is a `TypeVarTuple`.
pub unsafe fn is_typevartuple(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*op).ob_type == &raw mut _PyTypeVarTuple_Type }
}

/// The `__module__` a constructor call records (`caller()`): the caller's
/// module name, None when its globals have none (code run by `exec`).
unsafe fn constructor_module() -> *mut PyObject {
    let m = caller_module();
    // SAFETY: m is NULL or a live str.
    unsafe { new_ref(if m.is_null() { none::none() } else { m }) }
}

/// A new parameter of type `ty` named `name` (a str), invariant, with
/// nothing bound.
pub unsafe fn alloc(ty: *mut PyTypeObject, name: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: ty is one of the parameter types; name a str.
    unsafe {
        let op = crate::object::alloc::generic_alloc(ty, 0);
        if op.is_null() {
            return Err(Raised::assume());
        }
        tp(op).name = new_ref(name);
        crate::object::gc::track(op);
        Ok(Owned::from_raw_unchecked(op))
    }
}

unsafe fn fields(p: &mut TypeParamObject) -> [&mut *mut PyObject; 8] {
    [
        &mut p.name,
        &mut p.bound,
        &mut p.evaluate_bound,
        &mut p.constraints,
        &mut p.evaluate_constraints,
        &mut p.default_value,
        &mut p.evaluate_default,
        &mut p.module,
    ]
}

unsafe extern "C" fn param_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        if !tp(op).weakreflist.is_null() {
            crate::object::weakref::clear_weakrefs(op);
        }
        for f in fields(tp(op)) {
            xdecref(*f);
        }
        crate::object::alloc::gc_free(op.cast());
    }
}

unsafe extern "C" fn param_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> i32 {
    // SAFETY: op is a type parameter.
    unsafe {
        let Some(v) = visit else { return 0 };
        for f in fields(tp(op)) {
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

/// The value in `value`, computing it with `evaluate` the first time
/// (and keeping it); `None` when there is neither.
unsafe fn lazy(value: &mut *mut PyObject, evaluate: *mut PyObject) -> PyResult<Option<Owned>> {
    // SAFETY: the fields hold owned references or NULL.
    unsafe {
        if !value.is_null() {
            return Ok(Some(Owned::from_borrowed(*value)));
        }
        if evaluate.is_null() {
            return Ok(None);
        }
        let v = protocol::call_args(evaluate, &[])?;
        *value = new_ref(v.as_ptr());
        Ok(Some(v))
    }
}

/// `~T`, `+T`, `-T`, or just `T` when the variance is inferred.
unsafe extern "C" fn variance_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a TypeVar or ParamSpec.
        unsafe {
            let p = tp(op);
            let name = pystr::as_str(p.name)?;
            if p.infer_variance {
                return Ok(Owned::from_borrowed(p.name));
            }
            let sign = if p.covariant {
                '+'
            } else if p.contravariant {
                '-'
            } else {
                '~'
            };
            pystr::from_str(&format!("{sign}{name}"))
        }
    })
}

unsafe extern "C" fn name_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a type parameter.
    unsafe { new_ref(tp(op).name) }
}

unsafe extern "C" fn get_name(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a type parameter.
    unsafe { new_ref(tp(op).name) }
}

unsafe extern "C" fn get_module(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a type parameter.
    unsafe {
        let m = tp(op).module;
        if m.is_null() {
            Owned::from_borrowed_static(crate::interned!("typing")).into_raw()
        } else {
            new_ref(m)
        }
    }
}

unsafe extern "C" fn set_module(op: *mut PyObject, v: *mut PyObject, _c: *mut c_void) -> i32 {
    // SAFETY: op is a type parameter; v NULL (delete) or valid.
    unsafe {
        let v = if v.is_null() { null_mut() } else { new_ref(v) };
        xdecref(std::mem::replace(&mut tp(op).module, v));
        0
    }
}

unsafe extern "C" fn get_bound(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a TypeVar or ParamSpec.
        unsafe {
            let p = tp(op);
            let ev = p.evaluate_bound;
            Ok(
                lazy(&mut p.bound, ev)?
                    .unwrap_or_else(|| Owned::from_borrowed_static(none::none())),
            )
        }
    })
}

unsafe extern "C" fn get_constraints(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a TypeVar.
        unsafe {
            let p = tp(op);
            let ev = p.evaluate_constraints;
            Ok(lazy(&mut p.constraints, ev)?.unwrap_or_else(tuple::empty))
        }
    })
}

unsafe extern "C" fn get_default(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a type parameter.
        unsafe {
            let p = tp(op);
            let ev = p.evaluate_default;
            Ok(lazy(&mut p.default_value, ev)?
                .unwrap_or_else(|| Owned::from_borrowed_static(no_default())))
        }
    })
}

unsafe extern "C" fn has_default(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a type parameter.
    unsafe {
        let p = tp(op);
        let has = !p.evaluate_default.is_null()
            || (!p.default_value.is_null() && p.default_value != no_default());
        new_ref(pybool::from_bool(has))
    }
}

macro_rules! flag_getter {
    ($($f:ident: $field:ident;)*) => {$(
        unsafe extern "C" fn $f(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
            // SAFETY: op is a type parameter.
            unsafe { new_ref(pybool::from_bool(tp(op).$field)) }
        }
    )*};
}

flag_getter! {
    get_covariant: covariant;
    get_contravariant: contravariant;
    get_infer_variance: infer_variance;
}

/// Pickles by reference: the name.
unsafe extern "C" fn param_reduce(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a type parameter.
    unsafe { new_ref(tp(op).name) }
}

unsafe extern "C" fn param_mro_entries(op: *mut PyObject, _bases: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a type parameter.
        let kind = unsafe { crate::object::typeobj::short_name((*op).ob_type) };
        Err(errors::type_error(format!(
            "Cannot subclass an instance of {kind}"
        )))
    })
}

macro_rules! typing_method {
    ($($f:ident => $name:literal;)*) => {$(
        unsafe extern "C" fn $f(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
            guard_obj(|| {
                // SAFETY: op a type parameter; args holds n objects.
                unsafe {
                    let a = crate::capi::call::arg_slice(args, n as usize);
                    let mut all = Vec::with_capacity(a.len() + 1);
                    all.push(op);
                    all.extend_from_slice(a);
                    call_typing($name, &all)
                }
            })
        }
    )*};
}

typing_method! {
    typevar_subst => "_typevar_subst";
    paramspec_subst => "_paramspec_subst";
    paramspec_prepare_subst => "_paramspec_prepare_subst";
    typevartuple_prepare_subst => "_typevartuple_prepare_subst";
}

/// `TypeVar.__typing_prepare_subst__(alias, args)`
/// (`typevar_typing_prepare_subst_impl`): `args` as given when it already
/// reaches this parameter, else with the parameter's default appended.
unsafe extern "C" fn typevar_prepare_subst(
    op: *mut PyObject,
    args: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a TypeVar; args holds n objects.
        unsafe {
            let a = crate::capi::call::arg_slice(args, n as usize);
            let [alias, args] = a else {
                return Err(errors::type_error(format!(
                    "__typing_prepare_subst__ expected 2 arguments, got {}",
                    a.len()
                )));
            };
            let params = protocol::getattr_str(*alias, "__parameters__")?;
            let params = tuple::from_iterable(params.as_ptr())?;
            let mut index = None;
            for (i, &p) in tuple::items(params.as_ptr()).iter().enumerate() {
                if p == op || protocol::rich_compare_bool(p, op, Py_EQ)? {
                    index = Some(i);
                    break;
                }
            }
            let Some(i) = index else {
                return Err(errors::value_error("sequence.index(x): x not in sequence"));
            };
            let given = protocol::len(*args)? as usize;
            if i < given {
                return Ok(Owned::from_borrowed(*args));
            }
            if i == given {
                let dflt = errors::check(get_default(op, null_mut()))?;
                if dflt.as_ptr() != no_default() {
                    let extra = tuple::pack(&[dflt.as_ptr()])?;
                    return crate::object::number::add(*args, extra.as_ptr());
                }
            }
            let alias = protocol::repr_string(*alias)?;
            Err(errors::type_error(format!(
                "Too few arguments for {alias}; actual {given}, expected at least {}",
                i + 1
            )))
        }
    })
}

unsafe extern "C" fn typevartuple_subst(_op: *mut PyObject, _arg: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        Err(errors::type_error(
            "Substitution of bare TypeVarTuple is not supported",
        ))
    })
}

/// `iter(Ts)`: yields `Unpack[Ts]` once (what `*Ts` means).
unsafe extern "C" fn typevartuple_iter(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a TypeVarTuple.
        unsafe {
            let typing = crate::runtime::import::import_absolute("typing")?;
            let unpack = protocol::getattr_str(typing.as_ptr(), "Unpack")?;
            let u = protocol::get_item(unpack.as_ptr(), op)?;
            let t = tuple::pack(&[u.as_ptr()])?;
            protocol::get_iter(t.as_ptr())
        }
    })
}

/// Sets the default from a constructor's `default=` (NoDefault when
/// absent).
unsafe fn set_default_arg(p: &mut TypeParamObject, v: *mut PyObject) {
    // SAFETY: v NULL or valid.
    unsafe {
        p.default_value = new_ref(if v.is_null() { no_default() } else { v });
    }
}

/// The variance flags, checked as `typevar_new` and `paramspec_new` do.
unsafe fn variance(v: &[*mut PyObject]) -> PyResult<(bool, bool, bool)> {
    // SAFETY: the values are NULL or valid.
    unsafe {
        let (co, contra, infer) = (flag_arg(v[0])?, flag_arg(v[1])?, flag_arg(v[2])?);
        if co && contra {
            return Err(errors::value_error("Bivariant types are not supported."));
        }
        if infer && (co || contra) {
            return Err(errors::value_error(
                "Variance cannot be specified with infer_variance.",
            ));
        }
        Ok((co, contra, infer))
    }
}

/// `TypeVar(name, *constraints, bound=None, covariant=False,
/// contravariant=False, infer_variance=False, default=NoDefault)`.
unsafe extern "C" fn typevar_new(
    _t: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple; kwargs NULL or a dict.
        unsafe {
            let b = bind_args(
                "typevar",
                args,
                kwargs,
                &["name"],
                &[
                    "bound",
                    "covariant",
                    "contravariant",
                    "infer_variance",
                    "default",
                ],
                true,
            )?;
            let v = &b.values;
            let name = name_arg("typevar", v[0])?;
            let (co, contra, infer) = variance(&v[2..5])?;
            let bound = if v[1].is_null() || v[1] == none::none() {
                None
            } else {
                Some(type_check(v[1], "Bound must be a type.")?)
            };
            let constraints = b.rest;
            match tuple::size(constraints.as_ptr()) {
                0 => {}
                1 => return Err(errors::type_error("A single constraint is not allowed")),
                _ if bound.is_some() => {
                    return Err(errors::type_error(
                        "Constraints cannot be combined with bound=...",
                    ))
                }
                _ => {
                    for &c in tuple::items(constraints.as_ptr()) {
                        type_check(
                            c,
                            "TypeVar(name, constraint, ...): constraints must be types.",
                        )?;
                    }
                }
            }
            let op = alloc(&raw mut _PyTypeVar_Type, name)?;
            let p = tp(op.as_ptr());
            p.bound = bound.map_or(null_mut(), Owned::into_raw);
            if tuple::size(constraints.as_ptr()) > 0 {
                p.constraints = constraints.into_raw();
            }
            (p.covariant, p.contravariant, p.infer_variance) = (co, contra, infer);
            set_default_arg(p, v[5]);
            p.module = constructor_module();
            Ok(op)
        }
    })
}

/// `ParamSpec(name, *, bound=None, covariant=False, contravariant=False,
/// infer_variance=False, default=NoDefault)`.
unsafe extern "C" fn paramspec_new(
    _t: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple; kwargs NULL or a dict.
        unsafe {
            let b = bind_args(
                "paramspec",
                args,
                kwargs,
                &["name"],
                &[
                    "bound",
                    "covariant",
                    "contravariant",
                    "infer_variance",
                    "default",
                ],
                false,
            )?;
            let v = &b.values;
            let name = name_arg("paramspec", v[0])?;
            let (co, contra, infer) = variance(&v[2..5])?;
            // Unlike TypeVar's, a None bound is checked, becoming NoneType.
            let bound = if v[1].is_null() { none::none() } else { v[1] };
            let bound = Some(type_check(bound, "Bound must be a type.")?);
            let op = alloc(&raw mut _PyParamSpec_Type, name)?;
            let p = tp(op.as_ptr());
            p.bound = bound.map_or(null_mut(), Owned::into_raw);
            (p.covariant, p.contravariant, p.infer_variance) = (co, contra, infer);
            set_default_arg(p, v[5]);
            p.module = constructor_module();
            Ok(op)
        }
    })
}

/// `TypeVarTuple(name, *, default=NoDefault)`.
unsafe extern "C" fn typevartuple_new(
    _t: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple; kwargs NULL or a dict.
        unsafe {
            let b = bind_args("typevartuple", args, kwargs, &["name"], &["default"], false)?;
            let name = name_arg("typevartuple", b.values[0])?;
            let op = alloc(&raw mut _PyTypeVarTuple_Type, name)?;
            let p = tp(op.as_ptr());
            set_default_arg(p, b.values[1]);
            p.module = constructor_module();
            Ok(op)
        }
    })
}

/// The type parameters the PEP 695 syntax makes (`INTRINSIC_TYPEVAR`,
/// `_WITH_BOUND`, `_WITH_CONSTRAINTS`, `PARAMSPEC`, `TYPEVARTUPLE`):
/// variance inferred, bound or constraints computed by `evaluate`.
pub unsafe fn from_syntax(
    ty: *mut PyTypeObject,
    name: *mut PyObject,
    evaluate_bound: *mut PyObject,
    evaluate_constraints: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: name a str; the evaluators NULL or callables.
    unsafe {
        let op = alloc(ty, name)?;
        let p = tp(op.as_ptr());
        p.infer_variance = ty != &raw mut _PyTypeVarTuple_Type;
        p.evaluate_bound = xnew_ref(evaluate_bound);
        p.evaluate_constraints = xnew_ref(evaluate_constraints);
        Ok(op)
    }
}

/// `INTRINSIC_SET_TYPEPARAM_DEFAULT`: gives `param` a default computed by
/// `evaluate`; returns the parameter.
pub unsafe fn set_default_evaluator(
    param: *mut PyObject,
    evaluate: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: param is a type parameter made by from_syntax.
    unsafe {
        let t = (*param).ob_type;
        if t != &raw mut _PyTypeVar_Type
            && t != &raw mut _PyParamSpec_Type
            && t != &raw mut _PyTypeVarTuple_Type
        {
            return Err(errors::type_error(format!(
                "Expected a type param, got {}",
                crate::object::typeobj::type_name(param)
            )));
        }
        xdecref(std::mem::replace(
            &mut tp(param).evaluate_default,
            new_ref(evaluate),
        ));
        Ok(Owned::from_borrowed(param))
    }
}

unsafe extern "C" fn get_args(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a ParamSpec.
    guard_obj(|| unsafe { super::paramspec_args::new(op, false) })
}

unsafe extern "C" fn get_kwargs(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a ParamSpec.
    guard_obj(|| unsafe { super::paramspec_args::new(op, true) })
}

static TYPEVAR_METHODS: [PyMethodDef; 6] = [
    method(c"has_default", has_default as *const c_void, METH_NOARGS),
    method(c"__reduce__", param_reduce as *const c_void, METH_NOARGS),
    method(
        c"__mro_entries__",
        param_mro_entries as *const c_void,
        METH_O,
    ),
    method(
        c"__typing_subst__",
        typevar_subst as *const c_void,
        METH_FASTCALL,
    ),
    method(
        c"__typing_prepare_subst__",
        typevar_prepare_subst as *const c_void,
        METH_FASTCALL,
    ),
    METHOD_END,
];

static PARAMSPEC_METHODS: [PyMethodDef; 6] = [
    method(c"has_default", has_default as *const c_void, METH_NOARGS),
    method(c"__reduce__", param_reduce as *const c_void, METH_NOARGS),
    method(
        c"__mro_entries__",
        param_mro_entries as *const c_void,
        METH_O,
    ),
    method(
        c"__typing_subst__",
        paramspec_subst as *const c_void,
        METH_FASTCALL,
    ),
    method(
        c"__typing_prepare_subst__",
        paramspec_prepare_subst as *const c_void,
        METH_FASTCALL,
    ),
    METHOD_END,
];

static TYPEVARTUPLE_METHODS: [PyMethodDef; 6] = [
    method(c"has_default", has_default as *const c_void, METH_NOARGS),
    method(c"__reduce__", param_reduce as *const c_void, METH_NOARGS),
    method(
        c"__mro_entries__",
        param_mro_entries as *const c_void,
        METH_O,
    ),
    method(
        c"__typing_subst__",
        typevartuple_subst as *const c_void,
        METH_O,
    ),
    method(
        c"__typing_prepare_subst__",
        typevartuple_prepare_subst as *const c_void,
        METH_FASTCALL,
    ),
    METHOD_END,
];

static TYPEVAR_GETSET: [PyGetSetDef; 9] = [
    getset(c"__name__", Some(get_name), None),
    getset(c"__module__", Some(get_module), Some(set_module)),
    getset(c"__bound__", Some(get_bound), None),
    getset(c"__constraints__", Some(get_constraints), None),
    getset(c"__default__", Some(get_default), None),
    getset(c"__covariant__", Some(get_covariant), None),
    getset(c"__contravariant__", Some(get_contravariant), None),
    getset(c"__infer_variance__", Some(get_infer_variance), None),
    GETSET_END,
];

static PARAMSPEC_GETSET: [PyGetSetDef; 10] = [
    getset(c"__name__", Some(get_name), None),
    getset(c"__module__", Some(get_module), Some(set_module)),
    getset(c"__bound__", Some(get_bound), None),
    getset(c"__default__", Some(get_default), None),
    getset(c"__covariant__", Some(get_covariant), None),
    getset(c"__contravariant__", Some(get_contravariant), None),
    getset(c"__infer_variance__", Some(get_infer_variance), None),
    getset(c"args", Some(get_args), None),
    getset(c"kwargs", Some(get_kwargs), None),
    GETSET_END,
];

static TYPEVARTUPLE_GETSET: [PyGetSetDef; 4] = [
    getset(c"__name__", Some(get_name), None),
    getset(c"__module__", Some(get_module), Some(set_module)),
    getset(c"__default__", Some(get_default), None),
    GETSET_END,
];
