//! `callable_iterator` (`PyCallIter_Type`): what `iter(callable, sentinel)`
//! returns: calls `callable()` until it returns `sentinel` (or raises
//! `StopIteration`).
use crate::capi::boundary::guard_iter;
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::type_template;
use crate::object::{protocol, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::c_void;
use std::ptr::null_mut;

#[repr(C)]
struct CallIterObject {
    ob_base: PyObject,
    /// Both NULL once exhausted.
    callable: *mut PyObject,
    sentinel: *mut PyObject,
}

/// `PyCallIter_Type`.
#[no_mangle]
pub static mut PyCallIter_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(calliter_dealloc),
    tp_traverse: Some(calliter_traverse),
    tp_iter: Some(crate::object::iterobject::self_iter),
    tp_iternext: Some(calliter_next),
    tp_methods: (&raw const CALLITER_METHODS).cast_mut().cast(),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    ..type_template(
        c"callable_iterator",
        std::mem::size_of::<CallIterObject>(),
        0,
    )
};

static CALLITER_METHODS: [PyMethodDef; 2] = [
    crate::object::descr::method(c"__reduce__", calliter_reduce as *const c_void, METH_NOARGS),
    crate::object::descr::METHOD_END,
];

/// `PyCallIter_New`.
pub unsafe fn new(callable: *mut PyObject, sentinel: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: the type is static; both arguments valid.
    unsafe {
        let op = crate::object::alloc::generic_alloc(&raw mut PyCallIter_Type, 0);
        if op.is_null() {
            return Err(Raised::assume());
        }
        let it = &mut *op.cast::<CallIterObject>();
        it.callable = new_ref(callable);
        it.sentinel = new_ref(sentinel);
        crate::object::gc::track(op);
        Ok(Owned::from_raw_unchecked(op))
    }
}

unsafe fn exhaust(it: &mut CallIterObject) {
    // SAFETY: the fields own their references.
    unsafe {
        xdecref(std::mem::replace(&mut it.callable, null_mut()));
        xdecref(std::mem::replace(&mut it.sentinel, null_mut()));
    }
}

unsafe extern "C" fn calliter_next(op: *mut PyObject) -> *mut PyObject {
    guard_iter(|| {
        // SAFETY: op is a callable iterator.
        unsafe {
            let it = &mut *op.cast::<CallIterObject>();
            if it.callable.is_null() {
                return Ok(None);
            }
            let callable = Owned::from_borrowed(it.callable);
            let v = match protocol::call_args(callable.as_ptr(), &[]) {
                Ok(v) => v,
                Err(e) => {
                    if errors::matches(crate::object::exceptions::PyExc_StopIteration) {
                        errors::clear();
                        exhaust(it);
                        return Ok(None);
                    }
                    return Err(e);
                }
            };
            if it.sentinel.is_null() {
                return Ok(None);
            }
            let sentinel = Owned::from_borrowed(it.sentinel);
            if protocol::rich_compare_bool(v.as_ptr(), sentinel.as_ptr(), Py_EQ)? {
                exhaust(it);
                return Ok(None);
            }
            Ok(Some(v))
        }
    })
}

/// `calliter_reduce`: `(iter, (callable, sentinel))`, or `(iter, ((),))`
/// once exhausted.
unsafe extern "C" fn calliter_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a callable iterator.
        unsafe {
            let f = crate::capi::reflection::builtin("iter")?;
            let it = &*op.cast::<CallIterObject>();
            let args = if it.callable.is_null() || it.sentinel.is_null() {
                tuple::from_vec(vec![tuple::empty()])?
            } else {
                tuple::pack(&[it.callable, it.sentinel])?
            };
            tuple::from_vec(vec![f, args])
        }
    })
}

unsafe extern "C" fn calliter_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        exhaust(&mut *op.cast::<CallIterObject>());
        crate::object::alloc::gc_free(op.cast());
    }
}

unsafe extern "C" fn calliter_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> i32 {
    // SAFETY: op is a callable iterator.
    unsafe {
        let it = &*op.cast::<CallIterObject>();
        crate::object::gc::visit_all(&[it.callable, it.sentinel], visit, arg)
    }
}
