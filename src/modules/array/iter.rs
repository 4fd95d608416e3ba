//! `array.arrayiterator` (CPython's `arrayiterobject`): walks an array by
//! index, reading its length at every step, and drops the array once
//! exhausted; pickles as `iter(array)` plus the position.
use super::object::{get, len};
use crate::capi::boundary::{guard_iter, guard_obj};
use crate::ffi::*;
use crate::modules::args::builtin;
use crate::modules::objtype::{meth_o, new_obj, ptr, some, state, state_refs};
use crate::object::descr::{method, METHOD_END};
use crate::object::{int, none, protocol, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_void;

/// The iterator's state: the array (`None` once exhausted) and the next
/// index.
pub struct ArrayIter {
    array: Option<Owned>,
    index: Py_ssize_t,
}
state_refs!(ArrayIter, array);

/// `array.arrayiterator`.
pub static mut ARRAY_ITER_TYPE: PyTypeObject = PyTypeObject {
    tp_iter: Some(crate::object::iterobject::self_iter),
    tp_iternext: Some(arrayiter_next),
    tp_methods: (&raw const ITER_METHODS).cast_mut().cast(),
    ..crate::modules::objtype::gc_type::<ArrayIter>(
        c"array.arrayiterator",
        Py_TPFLAGS_DISALLOW_INSTANTIATION,
    )
};

static ITER_METHODS: [PyMethodDef; 3] = [
    method(
        c"__reduce__",
        arrayiter_reduce as *const c_void,
        super::methods::CLINIC,
    ),
    method(c"__setstate__", arrayiter_setstate as *const c_void, METH_O),
    METHOD_END,
];

/// `array.__iter__`.
pub unsafe extern "C" fn array_iter(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an array.
        unsafe {
            new_obj(
                &raw mut ARRAY_ITER_TYPE,
                ArrayIter {
                    array: some(op),
                    index: 0,
                },
            )
        }
    })
}

unsafe extern "C" fn arrayiter_next(op: *mut PyObject) -> *mut PyObject {
    guard_iter(|| {
        // SAFETY: op is an array iterator; its array (if any) an array.
        unsafe {
            let it = state::<ArrayIter>(op);
            let a = ptr(&it.array);
            if a.is_null() {
                return Ok(None);
            }
            if it.index < len(a) {
                let v = get(a, it.index)?;
                it.index += 1;
                return Ok(Some(v));
            }
            drop(it.array.take());
            Ok(None)
        }
    })
}

/// The builtin `iter`, which the iterator pickles as.
unsafe fn builtin_iter() -> PyResult<Owned> {
    // SAFETY: the builtins module lives in the interpreter.
    unsafe { protocol::getattr_str(crate::modules::builtins::module(), "iter") }
}

builtin!(arrayiter_reduce, |op, args, kws| {
    super::methods::clinic_arity("__reduce__", args, &kws, 0)?;
    let it = state::<ArrayIter>(op);
    let f = builtin_iter()?;
    let a = ptr(&it.array);
    if a.is_null() {
        let empty = tuple::empty();
        let args = tuple::pack(&[empty.as_ptr()])?;
        return tuple::pack(&[f.as_ptr(), args.as_ptr()]);
    }
    let args = tuple::pack(&[a])?;
    let i = int::from_i64(it.index as i64)?;
    tuple::pack(&[f.as_ptr(), args.as_ptr(), i.as_ptr()])
});

meth_o!(arrayiter_setstate, |op, v| {
    if !int::check(v) {
        return Err(errors::type_error("an integer is required"));
    }
    let i = int::as_i64_or(v, "Python int too large to convert to C ssize_t")? as Py_ssize_t;
    let it = state::<ArrayIter>(op);
    let a = ptr(&it.array);
    if !a.is_null() {
        it.index = i.clamp(0, len(a));
    }
    Ok(Owned::from_borrowed_static(none::none()))
});
