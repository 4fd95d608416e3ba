//! `types.UnionType` (CPython's `Objects/unionobject.c`): what `int | str`
//! evaluates to. The arguments are flattened (a union inside a union
//! contributes its own arguments), `None` becomes `NoneType`, duplicates
//! are dropped, and a single remaining argument is returned as is.
use crate::capi::boundary::{guard_int, guard_obj};
use crate::ffi::*;
use crate::modules::objtype::{new_obj, state, state_refs, Obj};
use crate::object::descr::{getset, GETSET_END};
use crate::object::exceptions::{member, MEMBER_END};
use crate::object::genericalias::Py_GenericAliasType;
use crate::object::{bool as pybool, none, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_void;

/// The arguments (a tuple) and the parameters, computed on first use.
pub struct Union {
    args: Option<Owned>,
    parameters: Option<Owned>,
}
state_refs!(Union, args, parameters);

/// `_PyUnion_Type` (`types.UnionType`).
#[no_mangle]
pub static mut _PyUnion_Type: PyTypeObject = PyTypeObject {
    tp_repr: Some(union_repr),
    tp_hash: Some(union_hash),
    tp_richcompare: Some(union_richcompare),
    tp_as_number: &raw mut UNION_AS_NUMBER,
    tp_members: (&raw const UNION_MEMBERS).cast_mut().cast(),
    tp_getset: (&raw const UNION_GETSET).cast_mut().cast(),
    ..crate::modules::objtype::gc_type::<Union>(c"types.UnionType", 0)
};

/// The `|` slot shared by `type`, `GenericAlias` and unions.
pub static mut UNION_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_or: Some(union_or),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

static UNION_MEMBERS: [PyMemberDef; 2] = [
    member(
        c"__args__",
        std::mem::offset_of!(Obj<Union>, state.args),
        Py_READONLY,
        c"",
    ),
    MEMBER_END,
];

static UNION_GETSET: [PyGetSetDef; 2] = [
    getset(c"__parameters__", Some(union_parameters), None),
    GETSET_END,
];

fn none_type() -> *mut PyObject {
    // SAFETY: None is a static object.
    unsafe { (*none::none()).ob_type.cast() }
}

/// Whether `x` may be an operand of a union (`is_unionable`).
unsafe fn unionable(x: *mut PyObject) -> bool {
    // SAFETY: x valid.
    unsafe {
        use crate::object::typeobj::{instance_of, PyType_Type};
        x == none::none()
            || instance_of(x, &raw mut PyType_Type)
            || instance_of(x, &raw mut Py_GenericAliasType)
            || instance_of(x, &raw mut _PyUnion_Type)
            || instance_of(
                x,
                &raw mut crate::object::typevar::typealias::_PyTypeAlias_Type,
            )
    }
}

/// The arguments `x` contributes: a union's own, `NoneType` for `None`.
unsafe fn flatten(x: *mut PyObject, out: &mut Vec<Owned>) -> PyResult<()> {
    // SAFETY: x valid.
    unsafe {
        if crate::object::typeobj::instance_of(x, &raw mut _PyUnion_Type) {
            if let Some(a) = state::<Union>(x).args.clone() {
                for &y in tuple::items(a.as_ptr()) {
                    flatten(y, out)?;
                }
            }
            return Ok(());
        }
        let x = if x == none::none() { none_type() } else { x };
        for y in out.iter() {
            let same = y.as_ptr() == x
                || (!crate::object::typeobj::instance_of(
                    x,
                    &raw mut crate::object::typeobj::PyType_Type,
                ) && protocol::rich_compare_bool(y.as_ptr(), x, Py_EQ)?);
            if same {
                return Ok(());
            }
        }
        out.push(Owned::from_borrowed(x));
        Ok(())
    }
}

/// `a | b` for unionable operands (`_Py_union_type_or`); NotImplemented
/// otherwise.
unsafe extern "C" fn union_or(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a and b valid.
        unsafe {
            if !unionable(a) || !unionable(b) {
                return Ok(Owned::from_borrowed_static(none::not_implemented()));
            }
            let mut args = Vec::new();
            flatten(a, &mut args)?;
            flatten(b, &mut args)?;
            if args.len() == 1 {
                return Ok(args.pop().expect("one argument"));
            }
            crate::object::typeobj::ready(&raw mut _PyUnion_Type)?;
            new_obj(
                &raw mut _PyUnion_Type,
                Union {
                    args: Some(tuple::from_vec(args)?),
                    parameters: None,
                },
            )
        }
    })
}

unsafe fn args_of(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is a union.
    unsafe {
        state::<Union>(op)
            .args
            .clone()
            .ok_or_else(|| errors::type_error("union object is cleared"))
    }
}

unsafe extern "C" fn union_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a union.
        unsafe {
            let args = args_of(op)?;
            let parts = tuple::items(args.as_ptr())
                .iter()
                .map(|&a| {
                    if a == none_type() {
                        Ok("None".to_string())
                    } else {
                        crate::object::genericalias::item_repr(a)
                    }
                })
                .collect::<PyResult<Vec<_>>>()?;
            pystr::from_str(&parts.join(" | "))
        }
    })
}

unsafe extern "C" fn union_hash(op: *mut PyObject) -> Py_hash_t {
    guard_int(|| {
        // SAFETY: op is a union.
        unsafe {
            let args = args_of(op)?;
            let s = crate::object::set::new_frozenset(args.as_ptr())?;
            protocol::hash(s.as_ptr())
        }
    })
}

unsafe extern "C" fn union_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: libc::c_int,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is a union.
        unsafe {
            if !crate::object::typeobj::instance_of(b, &raw mut _PyUnion_Type)
                || (op != Py_EQ && op != Py_NE)
            {
                return Ok(Owned::from_borrowed_static(none::not_implemented()));
            }
            let sa = crate::object::set::new_frozenset(args_of(a)?.as_ptr())?;
            let sb = crate::object::set::new_frozenset(args_of(b)?.as_ptr())?;
            let eq = protocol::rich_compare_bool(sa.as_ptr(), sb.as_ptr(), Py_EQ)?;
            Ok(Owned::from_borrowed_static(pybool::from_bool(
                eq == (op == Py_EQ),
            )))
        }
    })
}

unsafe extern "C" fn union_parameters(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a union.
        unsafe {
            if let Some(p) = state::<Union>(op).parameters.clone() {
                return Ok(p);
            }
            let p = crate::object::genericalias::make_parameters(args_of(op)?.as_ptr())?;
            state::<Union>(op).parameters = Some(p.clone());
            Ok(p)
        }
    })
}
