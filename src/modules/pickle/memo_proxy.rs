//! `Pickler.memo` and `Unpickler.memo` (CPython's `PicklerMemoProxy` and
//! `UnpicklerMemoProxy` in `Modules/_pickle.c`): views of a pickler's or
//! an unpickler's memo that can clear it or copy it into a dict, and the
//! attribute setters that replace a memo by a proxy's or by a dict's
//! contents.
use super::{dump, load};
use crate::ffi::*;
use crate::modules::objtype::{self, meth_noargs, new_obj, state_refs};
use crate::object::descr::{method, METHOD_END};
use crate::object::{dict, none, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_void;

/// The state of a memo proxy: the pickler or unpickler whose memo it shows.
#[repr(C)]
pub struct MemoProxy {
    owner: Option<Owned>,
}

state_refs!(MemoProxy, owner);

/// `_pickle.PicklerMemoProxy`; made only by `Pickler.memo`.
pub static mut PICKLER_MEMO_PROXY_TYPE: PyTypeObject = PyTypeObject {
    tp_hash: Some(crate::capi::object::PyObject_HashNotImplemented),
    tp_methods: (&raw const PICKLER_METHODS).cast_mut().cast(),
    ..objtype::gc_type::<MemoProxy>(c"_pickle.PicklerMemoProxy", 0)
};

/// `_pickle.UnpicklerMemoProxy`; made only by `Unpickler.memo`.
pub static mut UNPICKLER_MEMO_PROXY_TYPE: PyTypeObject = PyTypeObject {
    tp_hash: Some(crate::capi::object::PyObject_HashNotImplemented),
    tp_methods: (&raw const UNPICKLER_METHODS).cast_mut().cast(),
    ..objtype::gc_type::<MemoProxy>(c"_pickle.UnpicklerMemoProxy", 0)
};

static PICKLER_METHODS: [PyMethodDef; 4] = [
    method(c"clear", pickler_clear as *const c_void, METH_NOARGS),
    method(c"copy", pickler_copy as *const c_void, METH_NOARGS),
    method(c"__reduce__", pickler_reduce as *const c_void, METH_NOARGS),
    METHOD_END,
];

static UNPICKLER_METHODS: [PyMethodDef; 4] = [
    method(c"clear", unpickler_clear as *const c_void, METH_NOARGS),
    method(c"copy", unpickler_copy as *const c_void, METH_NOARGS),
    method(
        c"__reduce__",
        unpickler_reduce as *const c_void,
        METH_NOARGS,
    ),
    METHOD_END,
];

/// A new proxy of type `tp` for `owner`.
unsafe fn new_proxy(tp: *mut PyTypeObject, owner: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: tp is one of the static proxy types; owner is live.
    unsafe {
        crate::object::typeobj::ready(tp)?;
        new_obj(
            tp,
            MemoProxy {
                owner: objtype::some(owner),
            },
        )
    }
}

/// The pickler or unpickler a proxy shows; `ValueError` once the proxy
/// was cleared by the collector.
unsafe fn owner(proxy: *mut PyObject) -> PyResult<*mut PyObject> {
    // SAFETY: proxy is a memo proxy.
    let owner = unsafe { objtype::ptr(&objtype::state::<MemoProxy>(proxy).owner) };
    if owner.is_null() {
        return Err(errors::value_error("memo proxy is detached"));
    }
    Ok(owner)
}

/// `(dict, (contents,))`: a proxy pickles as a copy of its memo.
fn reduce(contents: Owned) -> PyResult<Owned> {
    let args = tuple::pack(&[contents.as_ptr()])?;
    let dict_type = (&raw mut crate::object::dict::PyDict_Type).cast();
    tuple::pack(&[dict_type, args.as_ptr()])
}

fn none_ref() -> Owned {
    Owned::from_borrowed_static(none::none())
}

/// `TypeError` for `del pickler.memo`.
fn no_deletion() -> errors::Raised {
    errors::type_error("attribute deletion is not supported")
}

meth_noargs!(pickler_clear, |slf| {
    dump::memo_of(owner(slf)?).clear();
    Ok::<_, errors::Raised>(none_ref())
});

meth_noargs!(pickler_copy, |slf| dump::memo_of(owner(slf)?).to_dict());

meth_noargs!(pickler_reduce, |slf| reduce(
    dump::memo_of(owner(slf)?).to_dict()?
));

meth_noargs!(unpickler_clear, |slf| {
    *load::memo_of(owner(slf)?) = Default::default();
    Ok::<_, errors::Raised>(none_ref())
});

meth_noargs!(unpickler_copy, |slf| load::memo_of(owner(slf)?).to_dict());

meth_noargs!(unpickler_reduce, |slf| reduce(
    load::memo_of(owner(slf)?).to_dict()?
));

/// The `memo` getter of `Pickler`: a new `PicklerMemoProxy`.
pub unsafe extern "C" fn pickler_memo_get(slf: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: slf is a Pickler.
    crate::capi::boundary::guard_obj(|| unsafe { new_proxy(&raw mut PICKLER_MEMO_PROXY_TYPE, slf) })
}

/// The `memo` setter of `Pickler`: takes a `PicklerMemoProxy`'s memo (a
/// copy) or a dict of `(index, obj)` values.
pub unsafe extern "C" fn pickler_memo_set(
    slf: *mut PyObject,
    value: *mut PyObject,
    _c: *mut c_void,
) -> libc::c_int {
    // SAFETY: slf is a Pickler; value NULL or live.
    unsafe {
        set_memo(
            slf,
            value,
            &raw mut PICKLER_MEMO_PROXY_TYPE,
            dump::memo_of,
            super::pickler::PickleMemo::from_dict,
            "a PicklerMemoProxy",
        )
    }
}

/// The body of the `memo` setters: `slf`'s memo (read by `memo_of`)
/// becomes a copy of the memo of the owner of `value`, a proxy of type
/// `proxy`, or is made from `value`, a dict, by `from_dict`; any other
/// value is a TypeError naming `proxy_name`.
unsafe fn set_memo<M: Clone>(
    slf: *mut PyObject,
    value: *mut PyObject,
    proxy: *mut PyTypeObject,
    memo_of: unsafe fn(*mut PyObject) -> &'static mut M,
    from_dict: unsafe fn(*mut PyObject) -> PyResult<M>,
    proxy_name: &str,
) -> libc::c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: slf is a Pickler or Unpickler whose memo memo_of reads;
        // value NULL or live.
        unsafe {
            if value.is_null() {
                return Err(no_deletion());
            }
            let memo = if (*value).ob_type == proxy {
                memo_of(owner(value)?).clone()
            } else if dict::check(value) {
                from_dict(value)?
            } else {
                return Err(errors::type_error(format!(
                    "'memo' attribute must be {proxy_name} object or dict, not {}",
                    crate::object::typeobj::type_name(value)
                )));
            };
            *memo_of(slf) = memo;
            Ok(())
        }
    })
}

/// The `memo` getter of `Unpickler`: a new `UnpicklerMemoProxy`.
pub unsafe extern "C" fn unpickler_memo_get(slf: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: slf is an Unpickler.
    crate::capi::boundary::guard_obj(|| unsafe {
        new_proxy(&raw mut UNPICKLER_MEMO_PROXY_TYPE, slf)
    })
}

/// The `memo` setter of `Unpickler`: takes an `UnpicklerMemoProxy`'s memo
/// (a copy) or a dict `{index: obj}`.
pub unsafe extern "C" fn unpickler_memo_set(
    slf: *mut PyObject,
    value: *mut PyObject,
    _c: *mut c_void,
) -> libc::c_int {
    // SAFETY: slf is an Unpickler; value NULL or live.
    unsafe {
        set_memo(
            slf,
            value,
            &raw mut UNPICKLER_MEMO_PROXY_TYPE,
            load::memo_of,
            super::unpickler::Memo::from_dict,
            "an UnpicklerMemoProxy",
        )
    }
}
