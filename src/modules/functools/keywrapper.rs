//! `functools.KeyWrapper`, made by `cmp_to_key`: calling it wraps an
//! object; wrapped objects compare through the comparison function.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::modules::objtype::{new_obj, parse, ptr, some, state, state_refs, Obj};
use crate::object::exceptions::{member, MEMBER_END};
use crate::object::{int, protocol};
use crate::runtime::errors;
use crate::Owned;

/// The comparison function and the wrapped object (NULL for the key
/// factory itself).
pub struct KeyWrapper {
    cmp: Option<Owned>,
    obj: Option<Owned>,
}
state_refs!(KeyWrapper, cmp, obj);

/// `functools.KeyWrapper`.
pub static mut KEYWRAPPER_TYPE: PyTypeObject = PyTypeObject {
    tp_call: Some(keywrapper_call),
    tp_richcompare: Some(keywrapper_richcompare),
    tp_hash: Some(crate::capi::object::PyObject_HashNotImplemented),
    tp_members: (&raw const KW_MEMBERS).cast_mut().cast(),
    tp_getset: (&raw const KW_GETSET).cast_mut().cast(),
    ..crate::modules::objtype::gc_type::<KeyWrapper>(c"functools.KeyWrapper", 0)
};

static KW_MEMBERS: [PyMemberDef; 2] = [
    member(
        c"obj",
        std::mem::offset_of!(Obj<KeyWrapper>, state.obj),
        0,
        c"Value wrapped by a key function.",
    ),
    MEMBER_END,
];

/// `__text_signature__` of a key (`keyobject_text_signature`): calling
/// one takes the object to wrap, which `inspect.signature` shows.
unsafe extern "C" fn keywrapper_text_signature(
    _op: *mut PyObject,
    _c: *mut libc::c_void,
) -> *mut PyObject {
    guard_obj(|| crate::object::str::from_str("(obj)"))
}

static KW_GETSET: [PyGetSetDef; 2] = [
    crate::object::descr::getset(c"__text_signature__", Some(keywrapper_text_signature), None),
    crate::object::descr::GETSET_END,
];

/// `cmp_to_key(mycmp)`.
pub unsafe fn cmp_to_key(cmp: *mut PyObject) -> crate::PyResult<Owned> {
    // SAFETY: cmp valid.
    unsafe {
        new_obj(
            &raw mut KEYWRAPPER_TYPE,
            KeyWrapper {
                cmp: some(cmp),
                obj: None,
            },
        )
    }
}

unsafe extern "C" fn keywrapper_call(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a KeyWrapper; args a tuple.
        unsafe {
            let [obj] = parse("K", args, kwargs, ["obj"], 0, 1)?;
            new_obj(
                &raw mut KEYWRAPPER_TYPE,
                KeyWrapper {
                    cmp: state::<KeyWrapper>(op).cmp.clone(),
                    obj: some(obj),
                },
            )
        }
    })
}

unsafe extern "C" fn keywrapper_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: libc::c_int,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is a KeyWrapper.
        unsafe {
            if (*b).ob_type != &raw mut KEYWRAPPER_TYPE {
                return Err(errors::type_error("other argument must be K instance"));
            }
            let sa = state::<KeyWrapper>(a);
            let (x, y) = (ptr(&sa.obj), ptr(&state::<KeyWrapper>(b).obj));
            let cmp = ptr(&sa.cmp);
            if x.is_null() || y.is_null() || cmp.is_null() {
                return Err(errors::attribute_error("object"));
            }
            let cmp = Owned::from_borrowed(cmp);
            let r = protocol::call_args(cmp.as_ptr(), &[x, y])?;
            protocol::rich_compare(r.as_ptr(), int::small(0), op)
        }
    })
}
