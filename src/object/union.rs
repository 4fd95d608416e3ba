//! `types.UnionType` (`Objects/unionobject.c`): the result of `X | Y` for
//! classes, `None` and generic aliases. Its arguments are flattened and
//! deduplicated; `isinstance`/`issubclass` check them one by one.
use crate::capi::boundary::{guard, guard_obj};
use crate::ffi::*;
use crate::object::genericalias;
use crate::object::refcount::*;
use crate::object::typeobj::type_template;
use crate::object::{bool as pybool, none, protocol, set, str as pystr, tuple, typeobj};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};
use std::ptr::null_mut;

/// A union: its arguments and (lazily) its parameters.
#[repr(C)]
pub struct UnionObject {
    pub ob_base: PyObject,
    pub args: *mut PyObject,
    pub parameters: *mut PyObject,
}

/// `_PyUnion_Type`.
#[no_mangle]
pub static mut _PyUnion_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(union_dealloc),
    tp_repr: Some(union_repr),
    tp_hash: Some(union_hash),
    tp_traverse: Some(union_traverse),
    tp_richcompare: Some(union_richcompare),
    tp_getset: (&raw const UNION_GETSET).cast_mut().cast(),
    tp_methods: (&raw const UNION_METHODS).cast_mut().cast(),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_as_mapping: &raw mut UNION_AS_MAPPING,
    tp_as_number: &raw mut UNION_AS_NUMBER,
    tp_doc: c"Represent a PEP 604 union type\n\nE.g. for int | str".as_ptr(),
    ..type_template(c"types.UnionType", std::mem::size_of::<UnionObject>(), 0)
};

static mut UNION_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: None,
    mp_subscript: Some(union_getitem),
    mp_ass_subscript: None,
};

static mut UNION_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_or: Some(type_or),
    // SAFETY: every other field is an Option of a function pointer.
    ..unsafe { std::mem::zeroed() }
};

static UNION_GETSET: [PyGetSetDef; 3] = [
    crate::object::descr::getset(c"__args__", Some(union_get_args), None),
    crate::object::descr::getset(c"__parameters__", Some(union_get_parameters), None),
    crate::object::descr::GETSET_END,
];

static UNION_METHODS: [PyMethodDef; 3] = [
    crate::object::descr::method(
        c"__instancecheck__",
        union_instancecheck as *const c_void,
        METH_O,
    ),
    crate::object::descr::method(
        c"__subclasscheck__",
        union_subclasscheck as *const c_void,
        METH_O,
    ),
    crate::object::descr::METHOD_END,
];

#[inline(always)]
fn un(op: *mut PyObject) -> *mut UnionObject {
    op.cast()
}

/// Whether `op` is a union (`_PyUnion_Check`).
pub unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*op).ob_type == &raw mut _PyUnion_Type }
}

/// The arguments of `op` when it is a union (borrowed).
pub unsafe fn args_of(op: *mut PyObject) -> Option<*mut PyObject> {
    // SAFETY: op valid.
    unsafe { check(op).then(|| (*un(op)).args) }
}

/// Whether `op` may be an operand of `|` building a union.
unsafe fn is_unionable(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe {
        op == none::none()
            || typeobj::instance_of(op, &raw mut typeobj::PyType_Type)
            || genericalias::check(op)
            || check(op)
            || (*op).ob_type == &raw mut crate::object::typevar::typealias::_PyTypeAlias_Type
    }
}

/// The arguments of `a | b`: unions flattened, `None` as `NoneType`,
/// duplicates dropped (aliases compared by value, others by identity).
unsafe fn merged_args(items: &[*mut PyObject]) -> PyResult<Vec<Owned>> {
    // SAFETY: items are valid objects.
    unsafe {
        let mut flat: Vec<*mut PyObject> = Vec::new();
        for &a in items {
            match args_of(a) {
                Some(args) => flat.extend_from_slice(tuple::items(args)),
                None if a == none::none() => flat.push((&raw mut none::_PyNone_Type).cast()),
                None => flat.push(a),
            }
        }
        let mut out: Vec<Owned> = Vec::new();
        for a in flat {
            let mut dup = false;
            for o in &out {
                let b = o.as_ptr();
                dup = if genericalias::check(a) && genericalias::check(b) {
                    protocol::rich_compare_bool(a, b, Py_EQ)?
                } else {
                    a == b
                };
                if dup {
                    break;
                }
            }
            if !dup {
                out.push(Owned::from_borrowed(a));
            }
        }
        Ok(out)
    }
}

/// A union of `args`, or the single argument left.
unsafe fn make(args: Vec<Owned>) -> PyResult<Owned> {
    if args.len() == 1 {
        return Ok(args
            .into_iter()
            .next()
            .unwrap_or_else(|| Owned::from_borrowed_static(none::none())));
    }
    let args = tuple::from_vec(args)?;
    // SAFETY: the union type is static and ready.
    unsafe {
        let op = crate::object::alloc::generic_alloc(&raw mut _PyUnion_Type, 0);
        let op = errors::check(op)?;
        (*un(op.as_ptr())).args = args.into_raw();
        (*un(op.as_ptr())).parameters = null_mut();
        crate::object::gc::track(op.as_ptr());
        Ok(op)
    }
}

/// The `nb_or` slot of `type`, generic aliases and unions
/// (`_Py_union_type_or`): `a | b` when both may be in a union.
pub unsafe extern "C" fn type_or(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot arguments are valid objects.
    guard_obj(|| unsafe {
        if !is_unionable(a) || !is_unionable(b) {
            return Ok(Owned::from_borrowed_static(none::not_implemented()));
        }
        make(merged_args(&[a, b])?)
    })
}

unsafe extern "C" fn union_dealloc(op: *mut PyObject) {
    // SAFETY: the refcount reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        xdecref((*un(op)).args);
        xdecref((*un(op)).parameters);
        crate::object::alloc::gc_free(op.cast());
    }
}

unsafe extern "C" fn union_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: op is a union.
    unsafe { crate::object::gc::visit_all(&[(*un(op)).args, (*un(op)).parameters], visit, arg) }
}

unsafe extern "C" fn union_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a union.
    guard_obj(|| unsafe {
        let mut out = String::new();
        for (i, &a) in tuple::items((*un(op)).args).iter().enumerate() {
            if i > 0 {
                out.push_str(" | ");
            }
            if a == (&raw mut none::_PyNone_Type).cast() {
                out.push_str("None");
            } else {
                genericalias::repr_item(a, &mut out)?;
            }
        }
        pystr::from_str(&out)
    })
}

/// The arguments as a frozenset (for hashing and comparing).
unsafe fn args_set(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is a union.
    unsafe { set::new_frozenset((*un(op)).args) }
}

unsafe extern "C" fn union_hash(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: op is a union.
    guard(|| unsafe {
        args_set(op)
            .and_then(|s| protocol::hash(s.as_ptr()))
            .unwrap_or(-1)
    })
}

unsafe extern "C" fn union_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    // SAFETY: a is a union, b valid.
    guard_obj(|| unsafe {
        if !check(b) || (op != Py_EQ && op != Py_NE) {
            return Ok(Owned::from_borrowed_static(none::not_implemented()));
        }
        let (sa, sb) = (args_set(a)?, args_set(b)?);
        protocol::rich_compare(sa.as_ptr(), sb.as_ptr(), op)
    })
}

unsafe extern "C" fn union_get_args(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a union.
    unsafe { new_ref((*un(op)).args) }
}

/// The parameters, computed on first use.
unsafe fn parameters(op: *mut PyObject) -> PyResult<*mut PyObject> {
    // SAFETY: op is a union.
    unsafe {
        let u = un(op);
        if (*u).parameters.is_null() {
            (*u).parameters = genericalias::make_parameters((*u).args)?.into_raw();
        }
        Ok((*u).parameters)
    }
}

unsafe extern "C" fn union_get_parameters(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a union.
    guard_obj(|| unsafe { parameters(op).map(|p| Owned::from_borrowed(p)) })
}

unsafe extern "C" fn union_getitem(op: *mut PyObject, item: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a union.
    guard_obj(|| unsafe {
        let params = parameters(op)?;
        let newargs = genericalias::subs_parameters(op, (*un(op)).args, params, item)?;
        // The substituted arguments are or-ed together again.
        let items = tuple::items(newargs.as_ptr());
        let Some((&first, rest)) = items.split_first() else {
            return Ok(newargs);
        };
        let mut acc = Owned::from_borrowed(first);
        for &x in rest {
            acc = crate::object::number::binary_op(acc.as_ptr(), x, |nb| nb.nb_or, "|")?;
        }
        Ok(acc)
    })
}

/// Rejects parameterized generics among the arguments of a union used
/// with `isinstance`/`issubclass`.
unsafe fn check_plain_args(op: *mut PyObject, what: &str) -> PyResult<()> {
    // SAFETY: op is a union.
    unsafe {
        for &a in tuple::items((*un(op)).args) {
            if genericalias::check(a) {
                return Err(errors::type_error(format!(
                    "{what}() argument 2 cannot be a parameterized generic"
                )));
            }
        }
    }
    Ok(())
}

unsafe extern "C" fn union_instancecheck(op: *mut PyObject, x: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a union, x valid.
    guard_obj(|| unsafe {
        check_plain_args(op, "isinstance")?;
        let r = crate::object::instancecheck::is_instance(x, (*un(op)).args)?;
        Ok(Owned::from_borrowed_static(pybool::from_bool(r)))
    })
}

unsafe extern "C" fn union_subclasscheck(op: *mut PyObject, x: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a union, x valid.
    guard_obj(|| unsafe {
        check_plain_args(op, "issubclass")?;
        let r = crate::object::instancecheck::is_subclass(x, (*un(op)).args)?;
        Ok(Owned::from_borrowed_static(pybool::from_bool(r)))
    })
}
