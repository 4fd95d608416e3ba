//! `types.GenericAlias` (`Objects/genericaliasobject.c`): the result of
//! subscripting a generic class such as `list[int]`. It remembers the
//! origin and the arguments, forwards other attribute lookups and calls
//! to the origin, substitutes type variables when subscripted again, and
//! takes part in `X | Y` unions.
use crate::capi::boundary::{guard, guard_obj};
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::type_template;
use crate::object::{bool as pybool, dict, list, none, protocol, str as pystr, tuple, typeobj};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};
use std::ptr::null_mut;

/// A generic alias: `origin[args]`, `*origin[args]` when starred.
#[repr(C)]
pub struct GenericAliasObject {
    pub ob_base: PyObject,
    pub origin: *mut PyObject,
    pub args: *mut PyObject,
    /// `__parameters__`, computed on first use.
    pub parameters: *mut PyObject,
    pub weakreflist: *mut PyObject,
    pub starred: bool,
}

/// `Py_GenericAliasType`.
#[no_mangle]
pub static mut Py_GenericAliasType: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(ga_dealloc),
    tp_repr: Some(ga_repr),
    tp_hash: Some(ga_hash),
    tp_call: Some(ga_call),
    tp_getattro: Some(ga_getattro),
    tp_traverse: Some(ga_traverse),
    tp_richcompare: Some(ga_richcompare),
    tp_weaklistoffset: std::mem::offset_of!(GenericAliasObject, weakreflist) as Py_ssize_t,
    tp_iter: Some(ga_iter),
    tp_methods: (&raw const GA_METHODS).cast_mut().cast(),
    tp_getset: (&raw const GA_GETSET).cast_mut().cast(),
    tp_new: Some(ga_new),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_as_mapping: &raw mut GA_AS_MAPPING,
    tp_as_number: &raw mut GA_AS_NUMBER,
    tp_doc: c"GenericAlias(origin, args, /)\n--\n\nRepresent a PEP 585 generic type\n\nE.g. for t = list[int], t.__origin__ is list and t.__args__ is (int,).".as_ptr(),
    ..type_template(
        c"types.GenericAlias",
        std::mem::size_of::<GenericAliasObject>(),
        0,
    )
};

static mut GA_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: None,
    mp_subscript: Some(ga_getitem),
    mp_ass_subscript: None,
};

static mut GA_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_or: Some(crate::object::union::type_or),
    // SAFETY: every other field is an Option of a function pointer.
    ..unsafe { std::mem::zeroed() }
};

static GA_METHODS: [PyMethodDef; 6] = [
    crate::object::descr::method(c"__mro_entries__", ga_mro_entries as *const c_void, METH_O),
    crate::object::descr::method(
        c"__instancecheck__",
        ga_instancecheck as *const c_void,
        METH_O,
    ),
    crate::object::descr::method(
        c"__subclasscheck__",
        ga_subclasscheck as *const c_void,
        METH_O,
    ),
    crate::object::descr::method(c"__reduce__", ga_reduce as *const c_void, METH_NOARGS),
    crate::object::descr::method(c"__dir__", ga_dir as *const c_void, METH_NOARGS),
    crate::object::descr::METHOD_END,
];

static GA_GETSET: [PyGetSetDef; 6] = [
    crate::object::descr::getset(c"__origin__", Some(ga_get_origin), None),
    crate::object::descr::getset(c"__args__", Some(ga_get_args), None),
    crate::object::descr::getset(c"__parameters__", Some(ga_get_parameters), None),
    crate::object::descr::getset(c"__unpacked__", Some(ga_get_unpacked), None),
    crate::object::descr::getset(
        c"__typing_unpacked_tuple_args__",
        Some(ga_get_unpacked_tuple_args),
        None,
    ),
    crate::object::descr::GETSET_END,
];

/// The attributes a generic alias answers itself; every other name is
/// looked up on the origin.
const OWN_ATTRIBUTES: [&str; 12] = [
    "__class__",
    "__bases__",
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
];

#[inline(always)]
fn ga(op: *mut PyObject) -> *mut GenericAliasObject {
    op.cast()
}

/// Whether `op` is a generic alias (`_PyGenericAlias_Check`).
pub unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { typeobj::instance_of(op, &raw mut Py_GenericAliasType) }
}

/// A new alias of type `tp` for `origin[args]`; `args` that is not a
/// tuple becomes a 1-tuple.
unsafe fn new_of(
    tp: *mut PyTypeObject,
    origin: *mut PyObject,
    args: *mut PyObject,
    starred: bool,
) -> PyResult<Owned> {
    // SAFETY: tp is the alias type or a subtype; origin/args valid.
    unsafe {
        let args = if tuple::check(args) {
            Owned::from_borrowed(args)
        } else {
            tuple::pack(&[args])?
        };
        let alloc = (*tp)
            .tp_alloc
            .unwrap_or(crate::capi::allocation::PyType_GenericAlloc);
        let op = errors::check(alloc(tp, 0))?;
        let g = ga(op.as_ptr());
        (*g).origin = new_ref(origin);
        (*g).args = args.into_raw();
        (*g).parameters = null_mut();
        (*g).starred = starred;
        Ok(op)
    }
}

/// `Py_GenericAlias(origin, args)`.
pub unsafe fn new(origin: *mut PyObject, args: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: forwarded.
    unsafe { new_of(&raw mut Py_GenericAliasType, origin, args, false) }
}

/// `Py_GenericAlias`.
#[no_mangle]
pub unsafe extern "C" fn Py_GenericAlias(
    origin: *mut PyObject,
    args: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(origin, args);
    // SAFETY: both checked non-NULL.
    guard_obj(|| unsafe { new(origin, args) })
}

/// `__class_getitem__` of the builtin generic classes (a `METH_O |
/// METH_CLASS` method): `cls[item]` is `GenericAlias(cls, item)`.
pub unsafe extern "C" fn class_getitem(cls: *mut PyObject, item: *mut PyObject) -> *mut PyObject {
    // SAFETY: cls is a type, item valid.
    guard_obj(|| unsafe { new(cls, item) })
}

/// The `__class_getitem__` entry of a builtin generic class's methods.
pub const CLASS_GETITEM: PyMethodDef = crate::object::descr::method(
    c"__class_getitem__",
    class_getitem as *const c_void,
    METH_O | METH_CLASS,
).with_doc(c"__class_getitem__($type, object, /)\n--\n\nA generic alias of the class, as in list[int] (see PEP 585).");

unsafe extern "C" fn ga_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: args is a tuple, kwargs NULL or a dict.
    guard_obj(|| unsafe {
        if !kwargs.is_null() && dict::len(kwargs) > 0 {
            return Err(errors::type_error(
                "GenericAlias() takes no keyword arguments",
            ));
        }
        match tuple::items(args) {
            [origin, a] => new_of(tp, *origin, *a, false),
            items => Err(errors::type_error(format!(
                "GenericAlias expected 2 arguments, got {}",
                items.len()
            ))),
        }
    })
}

unsafe extern "C" fn ga_dealloc(op: *mut PyObject) {
    // SAFETY: the refcount reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        let g = ga(op);
        if !(*g).weakreflist.is_null() {
            crate::object::weakref::clear_weakrefs(op);
        }
        xdecref((*g).origin);
        xdecref((*g).args);
        xdecref((*g).parameters);
        let tp = (*op).ob_type;
        match (*tp).tp_free {
            Some(free) => free(op.cast()),
            None => crate::object::alloc::gc_free(op.cast()),
        }
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(tp.cast());
        }
    }
}

unsafe extern "C" fn ga_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    // SAFETY: op is an alias.
    unsafe {
        let g = ga(op);
        crate::object::gc::visit_all(&[(*g).origin, (*g).args, (*g).parameters], visit, arg)
    }
}

/// The repr of one argument (`ga_repr_item`): `...` for Ellipsis, lists
/// item by item, aliases by their repr, classes as `module.qualname`
/// (`qualname` for builtins).
pub unsafe fn repr_item(p: *mut PyObject, out: &mut String) -> PyResult<()> {
    // SAFETY: p valid.
    unsafe {
        if p == none::ellipsis() {
            out.push_str("...");
            return Ok(());
        }
        if list::check(p) {
            out.push('[');
            let items = list::from_slice(list::items(p))?;
            for (i, &x) in list::items(items.as_ptr()).iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                repr_item(x, out)?;
            }
            out.push(']');
            return Ok(());
        }
        let has = |name: &str| -> PyResult<bool> {
            Ok(protocol::getattr_opt(p, pystr::intern(name))?.is_some())
        };
        if !(has("__origin__")? && has("__args__")?) {
            if let Some(qualname) = protocol::getattr_opt(p, crate::interned!("__qualname__"))? {
                let module = protocol::getattr_opt(p, crate::interned!("__module__"))?;
                if let Some(module) = module.filter(|m| m.as_ptr() != none::none()) {
                    if pystr::check(module.as_ptr())
                        && pystr::as_str(module.as_ptr())? == "builtins"
                    {
                        out.push_str(pystr::as_str(protocol::str_(qualname.as_ptr())?.as_ptr())?);
                    } else {
                        let m = protocol::str_(module.as_ptr())?;
                        let q = protocol::str_(qualname.as_ptr())?;
                        out.push_str(pystr::as_str(m.as_ptr())?);
                        out.push('.');
                        out.push_str(pystr::as_str(q.as_ptr())?);
                    }
                    return Ok(());
                }
            }
        }
        let r = protocol::repr(p)?;
        out.push_str(pystr::as_str(r.as_ptr())?);
        Ok(())
    }
}

unsafe extern "C" fn ga_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is an alias.
    guard_obj(|| unsafe {
        let g = ga(op);
        let mut out = String::new();
        if (*g).starred {
            out.push('*');
        }
        repr_item((*g).origin, &mut out)?;
        out.push('[');
        let args = tuple::items((*g).args);
        if args.is_empty() {
            out.push_str("()");
        }
        for (i, &a) in args.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            repr_item(a, &mut out)?;
        }
        out.push(']');
        pystr::from_str(&out)
    })
}

unsafe extern "C" fn ga_hash(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: op is an alias.
    guard(|| unsafe {
        let g = ga(op);
        match (protocol::hash((*g).origin), protocol::hash((*g).args)) {
            (Ok(a), Ok(b)) => a ^ b,
            _ => -1,
        }
    })
}

unsafe extern "C" fn ga_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    // SAFETY: a is an alias, b valid.
    guard_obj(|| unsafe {
        if !check(b) || (op != Py_EQ && op != Py_NE) {
            return Ok(Owned::from_borrowed_static(none::not_implemented()));
        }
        let (ga_a, ga_b) = (ga(a), ga(b));
        let eq = (*ga_a).starred == (*ga_b).starred
            && protocol::rich_compare_bool((*ga_a).origin, (*ga_b).origin, Py_EQ)?
            && protocol::rich_compare_bool((*ga_a).args, (*ga_b).args, Py_EQ)?;
        Ok(Owned::from_borrowed_static(pybool::from_bool(
            eq == (op == Py_EQ),
        )))
    })
}

unsafe extern "C" fn ga_call(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: op is an alias; args a tuple.
    guard_obj(|| unsafe {
        let obj = protocol::call((*ga(op)).origin, args, kwargs)?;
        if protocol::setattr(obj.as_ptr(), crate::interned!("__orig_class__"), op).is_err() {
            if errors::matches(crate::object::exceptions::PyExc_AttributeError)
                || errors::matches(crate::object::exceptions::PyExc_TypeError)
            {
                errors::clear();
            } else {
                return Err(errors::Raised::assume());
            }
        }
        Ok(obj)
    })
}

unsafe extern "C" fn ga_getattro(op: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is an alias, name valid.
    guard_obj(|| unsafe {
        if pystr::check(name)
            && !pystr::as_str_opt(name).is_some_and(|n| OWN_ATTRIBUTES.contains(&n))
        {
            return protocol::getattr((*ga(op)).origin, name);
        }
        crate::object::object::generic_getattr(op, name)
    })
}

unsafe extern "C" fn ga_iter(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is an alias.
    guard_obj(|| unsafe {
        let g = ga(op);
        let starred = new_of(&raw mut Py_GenericAliasType, (*g).origin, (*g).args, true)?;
        let t = tuple::pack(&[starred.as_ptr()])?;
        protocol::get_iter(t.as_ptr())
    })
}

unsafe extern "C" fn ga_mro_entries(op: *mut PyObject, _bases: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is an alias.
    guard_obj(|| unsafe { tuple::pack(&[(*ga(op)).origin]) })
}

unsafe extern "C" fn ga_instancecheck(_op: *mut PyObject, _x: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        Err(errors::type_error(
            "isinstance() argument 2 cannot be a parameterized generic",
        ))
    })
}

unsafe extern "C" fn ga_subclasscheck(_op: *mut PyObject, _x: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        Err(errors::type_error(
            "issubclass() argument 2 cannot be a parameterized generic",
        ))
    })
}

unsafe extern "C" fn ga_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is an alias.
    guard_obj(|| unsafe {
        let g = ga(op);
        if (*g).starred {
            let plain = new((*g).origin, (*g).args)?;
            let it = protocol::get_iter(plain.as_ptr())?;
            let next = dict::get_str(
                crate::object::module::dict_of(crate::modules::builtins::module()),
                "next",
            );
            let args = tuple::pack(&[it.as_ptr()])?;
            return tuple::pack(&[next, args.as_ptr()]);
        }
        let args = tuple::pack(&[(*g).origin, (*g).args])?;
        tuple::pack(&[(*op).ob_type.cast(), args.as_ptr()])
    })
}

unsafe extern "C" fn ga_dir(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is an alias.
    guard_obj(|| unsafe {
        let names = crate::object::dir::dir_of((*ga(op)).origin)?;
        for n in OWN_ATTRIBUTES {
            let s = pystr::from_str(n)?;
            if !list::contains(names.as_ptr(), s.as_ptr())? {
                list::append(names.as_ptr(), s.as_ptr())?;
            }
        }
        Ok(names)
    })
}

unsafe extern "C" fn ga_get_origin(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: op is an alias.
    unsafe { new_ref((*ga(op)).origin) }
}

unsafe extern "C" fn ga_get_args(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: op is an alias.
    unsafe { new_ref((*ga(op)).args) }
}

unsafe extern "C" fn ga_get_unpacked(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: op is an alias.
    unsafe { new_ref(pybool::from_bool((*ga(op)).starred)) }
}

unsafe extern "C" fn ga_get_unpacked_tuple_args(
    op: *mut PyObject,
    _: *mut c_void,
) -> *mut PyObject {
    // SAFETY: op is an alias.
    unsafe {
        let g = ga(op);
        if (*g).starred && (*g).origin == (&raw mut tuple::PyTuple_Type).cast() {
            new_ref((*g).args)
        } else {
            new_ref(none::none())
        }
    }
}

unsafe extern "C" fn ga_get_parameters(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: op is an alias.
    guard_obj(|| unsafe {
        let g = ga(op);
        if (*g).parameters.is_null() {
            (*g).parameters = make_parameters((*g).args)?.into_raw();
        }
        Ok(Owned::from_borrowed((*g).parameters))
    })
}

/// Adds to `out` the type variables in `items` (`_Py_make_parameters`):
/// objects with `__typing_subst__`, the `__parameters__` of nested
/// generics, and those inside lists and tuples (`Callable[[T], U]`).
unsafe fn collect_parameters(items: &[*mut PyObject], out: &mut Vec<Owned>) -> PyResult<()> {
    // SAFETY: items are valid objects.
    unsafe {
        for &t in items {
            if typeobj::instance_of(t, &raw mut typeobj::PyType_Type) {
                continue;
            }
            if tuple::check(t) {
                collect_parameters(tuple::items(t), out)?;
                continue;
            }
            if list::check(t) {
                let copy = list::from_slice(list::items(t))?;
                collect_parameters(list::items(copy.as_ptr()), out)?;
                continue;
            }
            if protocol::getattr_opt(t, crate::interned!("__typing_subst__"))?.is_some() {
                if !out.iter().any(|o| o.as_ptr() == t) {
                    out.push(Owned::from_borrowed(t));
                }
                continue;
            }
            if let Some(sub) = protocol::getattr_opt(t, crate::interned!("__parameters__"))? {
                if tuple::check(sub.as_ptr()) {
                    for &p in tuple::items(sub.as_ptr()) {
                        if !out.iter().any(|o| o.as_ptr() == p) {
                            out.push(Owned::from_borrowed(p));
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// `__parameters__` of an alias or union with arguments `args`.
pub unsafe fn make_parameters(args: *mut PyObject) -> PyResult<Owned> {
    let mut out = Vec::new();
    // SAFETY: args is a tuple.
    unsafe { collect_parameters(tuple::items(args), &mut out)? };
    tuple::from_vec(out)
}

/// Whether `arg` is an unpacked `TypeVarTuple` (`*Ts`).
unsafe fn is_unpacked_typevartuple(arg: *mut PyObject) -> PyResult<bool> {
    // SAFETY: arg valid.
    unsafe {
        if typeobj::instance_of(arg, &raw mut typeobj::PyType_Type) {
            return Ok(false);
        }
        match protocol::getattr_opt(arg, crate::interned!("__typing_is_unpacked_typevartuple__"))? {
            Some(v) => protocol::is_true(v.as_ptr()),
            None => Ok(false),
        }
    }
}

/// `arg` with the parameters `params` replaced by `items`
/// (`subs_tvars`): nested generics are subscripted with their own
/// parameters' replacements.
unsafe fn subs_tvars(
    arg: *mut PyObject,
    params: &[*mut PyObject],
    items: &[*mut PyObject],
) -> PyResult<Owned> {
    // SAFETY: arg, params and items are valid.
    unsafe {
        let Some(sub) = protocol::getattr_opt(arg, crate::interned!("__parameters__"))? else {
            return Ok(Owned::from_borrowed(arg));
        };
        if !tuple::check(sub.as_ptr()) || tuple::size(sub.as_ptr()) == 0 {
            return Ok(Owned::from_borrowed(arg));
        }
        let mut subargs = Vec::new();
        for &p in tuple::items(sub.as_ptr()) {
            match params.iter().position(|&q| q == p) {
                Some(i) => {
                    let v = items[i];
                    // A TypeVarTuple's replacement (an iterable parameter
                    // given a tuple) is unpacked into place.
                    if (*(*p).ob_type).tp_iter.is_some() && tuple::check(v) {
                        subargs.extend(tuple::items(v).iter().map(|&x| Owned::from_borrowed(x)));
                    } else {
                        subargs.push(Owned::from_borrowed(v));
                    }
                }
                None => subargs.push(Owned::from_borrowed(p)),
            }
        }
        let key = tuple::from_vec(subargs)?;
        protocol::get_item(arg, key.as_ptr())
    }
}

/// The subscript `item` as a tuple of arguments, an unpacked tuple among
/// them (`*tuple[int, str]`, `*Tuple[int, str]`) spliced into its items
/// unless it ends in `...` (`_unpack_args`).
unsafe fn unpack_args(item: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: item valid.
    unsafe {
        let items: &[*mut PyObject] = if tuple::check(item) {
            tuple::items(item)
        } else {
            std::slice::from_ref(&item)
        };
        let mut out = Vec::with_capacity(items.len());
        for &arg in items {
            if !typeobj::instance_of(arg, &raw mut typeobj::PyType_Type) {
                if let Some(sub) =
                    protocol::getattr_opt(arg, crate::interned!("__typing_unpacked_tuple_args__"))?
                {
                    let sub = sub.as_ptr();
                    if tuple::check(sub)
                        && tuple::items(sub).last() != Some(&(&raw mut none::_Py_EllipsisObject))
                    {
                        out.extend(tuple::items(sub).iter().map(|&x| Owned::from_borrowed(x)));
                        continue;
                    }
                }
            }
            out.push(Owned::from_borrowed(arg));
        }
        tuple::from_vec(out)
    }
}

/// `alias[item]` for an alias or union with arguments `args` and
/// parameters `params` (`_Py_subs_parameters`): the new arguments.
pub unsafe fn subs_parameters(
    self_: *mut PyObject,
    args: *mut PyObject,
    params: *mut PyObject,
    item: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: args and params are tuples; item valid.
    unsafe {
        let nparams = tuple::size(params);
        if nparams == 0 {
            let r = protocol::repr(self_)?;
            return Err(errors::type_error(format!(
                "{} is not a generic class",
                pystr::as_str(r.as_ptr())?
            )));
        }
        let mut item = unpack_args(item)?;
        for &p in tuple::items(params) {
            if let Some(prepare) =
                protocol::getattr_opt(p, crate::interned!("__typing_prepare_subst__"))?
            {
                let itemarg = if tuple::check(item.as_ptr()) {
                    item.clone()
                } else {
                    tuple::pack(&[item.as_ptr()])?
                };
                item = protocol::call_args(prepare.as_ptr(), &[self_, itemarg.as_ptr()])?;
            }
        }
        let argitems = if tuple::check(item.as_ptr()) {
            item.clone()
        } else {
            tuple::pack(&[item.as_ptr()])?
        };
        let items = tuple::items(argitems.as_ptr());
        if items.len() as Py_ssize_t != nparams {
            let r = protocol::repr(self_)?;
            return Err(errors::type_error(format!(
                "Too {} arguments for {}; actual {}, expected {}",
                if items.len() as Py_ssize_t > nparams {
                    "many"
                } else {
                    "few"
                },
                pystr::as_str(r.as_ptr())?,
                items.len(),
                nparams
            )));
        }
        let params = tuple::items(params);
        let mut newargs = Vec::new();
        for &arg in tuple::items(args) {
            if typeobj::instance_of(arg, &raw mut typeobj::PyType_Type) {
                newargs.push(Owned::from_borrowed(arg));
                continue;
            }
            let unpack = is_unpacked_typevartuple(arg)?;
            let new = match protocol::getattr_opt(arg, crate::interned!("__typing_subst__"))? {
                Some(subst) => {
                    let i = params.iter().position(|&q| q == arg).unwrap_or(0);
                    protocol::call_args(subst.as_ptr(), &[items[i]])?
                }
                None => subs_tvars(arg, params, items)?,
            };
            if unpack && tuple::check(new.as_ptr()) {
                newargs.extend(
                    tuple::items(new.as_ptr())
                        .iter()
                        .map(|&x| Owned::from_borrowed(x)),
                );
            } else {
                newargs.push(new);
            }
        }
        tuple::from_vec(newargs)
    }
}

unsafe extern "C" fn ga_getitem(op: *mut PyObject, item: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is an alias.
    guard_obj(|| unsafe {
        let g = ga(op);
        if (*g).parameters.is_null() {
            (*g).parameters = make_parameters((*g).args)?.into_raw();
        }
        let newargs = subs_parameters(op, (*g).args, (*g).parameters, item)?;
        new_of(
            &raw mut Py_GenericAliasType,
            (*g).origin,
            newargs.as_ptr(),
            (*g).starred,
        )
    })
}
