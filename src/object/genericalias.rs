//! `types.GenericAlias` (CPython's `Objects/genericaliasobject.c`): what
//! `list[int]` evaluates to. It records the origin class and the
//! arguments, forwards other attribute lookups and calls to the origin,
//! collects the type parameters among the arguments and substitutes them
//! on subscription. `Py_GenericAlias` and the `__class_getitem__` that the
//! builtin generic classes share live here too.
use crate::capi::boundary::{guard_int, guard_obj};
use crate::ffi::*;
use crate::modules::objtype::{meth_noargs, meth_o, new_obj, some, state, state_refs, Obj};
use crate::object::descr::{getset, method, GETSET_END, METHOD_END};
use crate::object::exceptions::{member, PyExc_AttributeError, PyExc_TypeError, MEMBER_END};
use crate::object::{bool as pybool, none, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_void;

/// The origin, the arguments (a tuple) and the parameters, computed on
/// first use.
pub struct GenericAlias {
    origin: Option<Owned>,
    args: Option<Owned>,
    parameters: Option<Owned>,
}
state_refs!(GenericAlias, origin, args, parameters);

/// `Py_GenericAliasType` (`types.GenericAlias`).
#[no_mangle]
pub static mut Py_GenericAliasType: PyTypeObject = PyTypeObject {
    tp_new: Some(ga_new),
    tp_repr: Some(ga_repr),
    tp_hash: Some(ga_hash),
    tp_call: Some(ga_call),
    tp_getattro: Some(ga_getattro),
    tp_richcompare: Some(ga_richcompare),
    tp_as_mapping: &raw mut GA_AS_MAPPING,
    tp_methods: (&raw const GA_METHODS).cast_mut().cast(),
    tp_members: (&raw const GA_MEMBERS).cast_mut().cast(),
    tp_getset: (&raw const GA_GETSET).cast_mut().cast(),
    ..crate::modules::objtype::gc_type::<GenericAlias>(c"types.GenericAlias", Py_TPFLAGS_BASETYPE)
};

static mut GA_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: None,
    mp_subscript: Some(ga_getitem),
    mp_ass_subscript: None,
};

static GA_METHODS: [PyMethodDef; 5] = [
    method(c"__mro_entries__", ga_mro_entries as *const c_void, METH_O),
    method(
        c"__instancecheck__",
        ga_instancecheck as *const c_void,
        METH_O,
    ),
    method(
        c"__subclasscheck__",
        ga_subclasscheck as *const c_void,
        METH_O,
    ),
    method(c"__reduce__", ga_reduce as *const c_void, METH_NOARGS),
    METHOD_END,
];

static GA_MEMBERS: [PyMemberDef; 3] = [
    member(
        c"__origin__",
        std::mem::offset_of!(Obj<GenericAlias>, state.origin),
        Py_READONLY,
        c"",
    ),
    member(
        c"__args__",
        std::mem::offset_of!(Obj<GenericAlias>, state.args),
        Py_READONLY,
        c"",
    ),
    MEMBER_END,
];

static GA_GETSET: [PyGetSetDef; 2] = [
    getset(c"__parameters__", Some(ga_parameters), None),
    GETSET_END,
];

/// The attributes read from the alias itself; every other name is looked
/// up on the origin.
const OWN_ATTRS: &[&str] = &[
    "__class__",
    "__origin__",
    "__args__",
    "__unpacked__",
    "__parameters__",
    "__typing_unpacked_tuple_args__",
    "__mro_entries__",
    "__reduce_ex__",
    "__reduce__",
    "__copy__",
    "__deepcopy__",
    "__instancecheck__",
    "__subclasscheck__",
    "__getattribute__",
    "__dict__",
];

/// `Py_GenericAlias(origin, args)`: a new alias; `args` that is not a
/// tuple becomes the only argument.
pub unsafe fn new(
    tp: *mut PyTypeObject,
    origin: *mut PyObject,
    args: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: origin and args valid; tp is the alias type or a subclass.
    unsafe {
        let args = if tuple::check(args) {
            Owned::from_borrowed(args)
        } else {
            tuple::pack(&[args])?
        };
        new_obj(
            tp,
            GenericAlias {
                origin: some(origin),
                args: Some(args),
                parameters: None,
            },
        )
    }
}

/// `Py_GenericAlias`.
#[no_mangle]
pub unsafe extern "C" fn Py_GenericAlias(
    origin: *mut PyObject,
    args: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(origin, args);
    // SAFETY: both checked non-NULL.
    guard_obj(|| unsafe { new(&raw mut Py_GenericAliasType, origin, args) })
}

meth_o!(pub class_getitem, |cls, item| {
    crate::object::typeobj::ready(&raw mut Py_GenericAliasType)?;
    new(&raw mut Py_GenericAliasType, cls, item)
});

/// The `__class_getitem__` entry of a builtin generic class's methods.
pub const CLASS_GETITEM: PyMethodDef = method(
    c"__class_getitem__",
    class_getitem as *const c_void,
    METH_O | METH_CLASS,
);

unsafe extern "C" fn ga_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple; kwargs NULL or a dict.
        unsafe {
            if tp == &raw mut Py_GenericAliasType {
                crate::modules::objtype::no_keywords("GenericAlias", kwargs)?;
            }
            match tuple::items(args) {
                [origin, a] => new(tp, *origin, *a),
                a => Err(errors::type_error(format!(
                    "GenericAlias expected 2 arguments, got {}",
                    a.len()
                ))),
            }
        }
    })
}

unsafe fn ga<'a>(op: *mut PyObject) -> &'a mut GenericAlias {
    // SAFETY: op is a GenericAlias.
    unsafe { state::<GenericAlias>(op) }
}

/// The origin and the arguments, new references.
unsafe fn parts(op: *mut PyObject) -> PyResult<(Owned, Owned)> {
    // SAFETY: op is a GenericAlias.
    unsafe {
        let g = ga(op);
        match (g.origin.clone(), g.args.clone()) {
            (Some(o), Some(a)) => Ok((o, a)),
            _ => Err(errors::type_error("GenericAlias object is cleared")),
        }
    }
}

/// The repr of one item: `...`, `module.qualname` for classes (without
/// `builtins.`), `[a, b]` for lists, else `repr()`.
unsafe fn item_repr(p: *mut PyObject) -> PyResult<String> {
    // SAFETY: p valid.
    unsafe {
        if p == (&raw mut none::_Py_EllipsisObject).cast() {
            return Ok("...".into());
        }
        if crate::object::list::check(p) {
            let items = crate::object::list::items(p).to_vec();
            let keep: Vec<Owned> = items.iter().map(|&x| Owned::from_borrowed(x)).collect();
            let parts = keep
                .iter()
                .map(|x| item_repr(x.as_ptr()))
                .collect::<PyResult<Vec<_>>>()?;
            return Ok(format!("[{}]", parts.join(", ")));
        }
        if crate::object::typeobj::instance_of(p, &raw mut Py_GenericAliasType) {
            return protocol::repr_string(p);
        }
        let has_origin = protocol::getattr_opt(p, pystr::intern("__origin__"))?.is_some();
        let has_args = protocol::getattr_opt(p, pystr::intern("__args__"))?.is_some();
        if has_origin && has_args {
            return protocol::repr_string(p);
        }
        let qual = protocol::getattr_opt(p, pystr::intern("__qualname__"))?;
        let module = protocol::getattr_opt(p, pystr::intern("__module__"))?;
        match (qual, module) {
            (Some(q), Some(m)) if pystr::check(q.as_ptr()) && pystr::check(m.as_ptr()) => {
                let q = pystr::as_str(q.as_ptr())?;
                let m = pystr::as_str(m.as_ptr())?;
                Ok(if m == "builtins" {
                    q.to_string()
                } else {
                    format!("{m}.{q}")
                })
            }
            _ => protocol::repr_string(p),
        }
    }
}

unsafe extern "C" fn ga_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a GenericAlias.
        unsafe {
            let (origin, args) = parts(op)?;
            let mut s = item_repr(origin.as_ptr())?;
            s.push('[');
            let items = tuple::items(args.as_ptr());
            if items.is_empty() {
                s.push_str("()");
            }
            for (i, &a) in items.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                s.push_str(&item_repr(a)?);
            }
            s.push(']');
            pystr::from_str(&s)
        }
    })
}

unsafe extern "C" fn ga_hash(op: *mut PyObject) -> Py_hash_t {
    guard_int(|| {
        // SAFETY: op is a GenericAlias.
        unsafe {
            let (origin, args) = parts(op)?;
            let h = protocol::hash(origin.as_ptr())? ^ protocol::hash(args.as_ptr())?;
            Ok(if h == -1 { -2 } else { h })
        }
    })
}

unsafe extern "C" fn ga_call(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a GenericAlias.
        unsafe {
            let (origin, _) = parts(op)?;
            let r = protocol::call(origin.as_ptr(), args, kwargs)?;
            if protocol::setattr(r.as_ptr(), pystr::intern("__orig_class__"), op).is_err() {
                if !errors::matches(PyExc_AttributeError) && !errors::matches(PyExc_TypeError) {
                    return Err(errors::Raised::assume());
                }
                errors::clear();
            }
            Ok(r)
        }
    })
}

unsafe extern "C" fn ga_getattro(op: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a GenericAlias; name a str.
        unsafe {
            if pystr::check(name) {
                let n = pystr::as_str(name)?;
                if !OWN_ATTRS.contains(&n) {
                    let (origin, _) = parts(op)?;
                    return protocol::getattr(origin.as_ptr(), name);
                }
            }
            crate::object::object::generic_getattr(op, name)
        }
    })
}

unsafe extern "C" fn ga_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: libc::c_int,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is a GenericAlias.
        unsafe {
            if !crate::object::typeobj::instance_of(b, &raw mut Py_GenericAliasType)
                || (op != Py_EQ && op != Py_NE)
            {
                return Ok(Owned::from_borrowed_static(none::not_implemented()));
            }
            let (oa, aa) = parts(a)?;
            let (ob, ab) = parts(b)?;
            let eq = protocol::rich_compare_bool(oa.as_ptr(), ob.as_ptr(), Py_EQ)?
                && protocol::rich_compare_bool(aa.as_ptr(), ab.as_ptr(), Py_EQ)?;
            Ok(Owned::from_borrowed_static(pybool::from_bool(
                eq == (op == Py_EQ),
            )))
        }
    })
}

/// Whether `p` is a type parameter (it has `__typing_subst__`, and is not
/// a class).
unsafe fn is_typevar_like(p: *mut PyObject) -> PyResult<bool> {
    // SAFETY: p valid.
    unsafe {
        if crate::object::typeobj::instance_of(p, &raw mut crate::object::typeobj::PyType_Type) {
            return Ok(false);
        }
        Ok(protocol::getattr_opt(p, pystr::intern("__typing_subst__"))?.is_some())
    }
}

/// The parameters among `args`, in order of first appearance
/// (`_Py_make_parameters`): type parameters themselves, the parameters of
/// nested aliases, and those inside list or tuple arguments.
unsafe fn make_parameters(args: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: args is a tuple.
    unsafe {
        let mut out: Vec<Owned> = Vec::new();
        for &a in tuple::items(args) {
            let found: Vec<Owned> = if is_typevar_like(a)? {
                vec![Owned::from_borrowed(a)]
            } else if crate::object::typeobj::instance_of(
                a,
                &raw mut crate::object::typeobj::PyType_Type,
            ) {
                Vec::new()
            } else if crate::object::list::check(a) || tuple::check(a) {
                let t = tuple::from_iterable(a)?;
                let inner = make_parameters(t.as_ptr())?;
                tuple::items(inner.as_ptr())
                    .iter()
                    .map(|&x| Owned::from_borrowed(x))
                    .collect()
            } else {
                match protocol::getattr_opt(a, pystr::intern("__parameters__"))? {
                    Some(ps) if tuple::check(ps.as_ptr()) => tuple::items(ps.as_ptr())
                        .iter()
                        .map(|&x| Owned::from_borrowed(x))
                        .collect(),
                    _ => Vec::new(),
                }
            };
            for x in found {
                if !out.iter().any(|y| y.as_ptr() == x.as_ptr()) {
                    out.push(x);
                }
            }
        }
        tuple::from_vec(out)
    }
}

unsafe extern "C" fn ga_parameters(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a GenericAlias.
        unsafe {
            if let Some(p) = ga(op).parameters.clone() {
                return Ok(p);
            }
            let (_, args) = parts(op)?;
            let p = make_parameters(args.as_ptr())?;
            ga(op).parameters = Some(p.clone());
            Ok(p)
        }
    })
}

/// Replaces the parameters in `arg` with their arguments.
unsafe fn substitute(
    arg: *mut PyObject,
    params: &[*mut PyObject],
    values: &[*mut PyObject],
) -> PyResult<Owned> {
    // SAFETY: all valid.
    unsafe {
        if let Some(i) = params.iter().position(|&p| p == arg) {
            return Ok(Owned::from_borrowed(values[i]));
        }
        if crate::object::typeobj::instance_of(arg, &raw mut crate::object::typeobj::PyType_Type) {
            return Ok(Owned::from_borrowed(arg));
        }
        let Some(sub) = protocol::getattr_opt(arg, pystr::intern("__parameters__"))? else {
            return Ok(Owned::from_borrowed(arg));
        };
        if !tuple::check(sub.as_ptr()) || tuple::size(sub.as_ptr()) == 0 {
            return Ok(Owned::from_borrowed(arg));
        }
        let subargs = tuple::items(sub.as_ptr())
            .iter()
            .map(|&p| substitute(p, params, values))
            .collect::<PyResult<Vec<_>>>()?;
        let key = if subargs.len() == 1 {
            subargs[0].clone()
        } else {
            tuple::from_vec(subargs)?
        };
        protocol::get_item(arg, key.as_ptr())
    }
}

unsafe extern "C" fn ga_getitem(op: *mut PyObject, item: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a GenericAlias.
        unsafe {
            let params = errors::check(ga_parameters(op, std::ptr::null_mut()))?;
            let ps = tuple::items(params.as_ptr());
            if ps.is_empty() {
                return Err(errors::type_error(format!(
                    "{} is not a generic class",
                    protocol::repr_string(op)?
                )));
            }
            let items = if tuple::check(item) {
                Owned::from_borrowed(item)
            } else {
                tuple::pack(&[item])?
            };
            let vals = tuple::items(items.as_ptr());
            if vals.len() != ps.len() {
                return Err(errors::type_error(format!(
                    "Too {} arguments for {}; actual {}, expected {}",
                    if vals.len() > ps.len() { "many" } else { "few" },
                    protocol::repr_string(op)?,
                    vals.len(),
                    ps.len()
                )));
            }
            let (origin, args) = parts(op)?;
            let new_args = tuple::items(args.as_ptr())
                .iter()
                .map(|&a| substitute(a, ps, vals))
                .collect::<PyResult<Vec<_>>>()?;
            let t = tuple::from_vec(new_args)?;
            new(&raw mut Py_GenericAliasType, origin.as_ptr(), t.as_ptr())
        }
    })
}

meth_o!(ga_mro_entries, |op, _bases| {
    let (origin, _) = parts(op)?;
    tuple::pack(&[origin.as_ptr()])
});

meth_o!(ga_instancecheck, |_op, _x| Err(errors::type_error(
    "isinstance() argument 2 cannot be a parameterized generic"
)));

meth_o!(ga_subclasscheck, |_op, _x| Err(errors::type_error(
    "issubclass() argument 2 cannot be a parameterized generic"
)));

meth_noargs!(ga_reduce, |op| {
    let (origin, args) = parts(op)?;
    let a = tuple::pack(&[origin.as_ptr(), args.as_ptr()])?;
    tuple::pack(&[(*op).ob_type.cast(), a.as_ptr()])
});
