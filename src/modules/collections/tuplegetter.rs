//! `_tuplegetter`: the field descriptors of `collections.namedtuple`
//! classes, reading one index of the tuple.
use crate::capi::boundary::{guard_obj, guard_status};
use crate::ffi::*;
use crate::modules::objtype::{meth_noargs, new_obj, parse, state, Obj, State, Visit};
use crate::object::descr::{method, METHOD_END};
use crate::object::exceptions::{member, PyExc_OverflowError, MEMBER_END};
use crate::object::refcount::*;
use crate::object::{int, none, number, tuple};
use crate::runtime::errors;
use crate::Owned;
use libc::{c_int, c_void};
use std::ptr::null_mut;

/// The index read, and the writable `__doc__`.
#[repr(C)]
pub struct TupleGetter {
    index: Py_ssize_t,
    doc: *mut PyObject,
}

impl State for TupleGetter {
    fn traverse(&self, v: Visit) -> c_int {
        if self.doc.is_null() {
            0
        } else {
            v(self.doc)
        }
    }
    fn clear(&mut self) {
        // SAFETY: doc is NULL or a reference we own.
        unsafe { xdecref(std::mem::replace(&mut self.doc, null_mut())) }
    }
}

impl Drop for TupleGetter {
    fn drop(&mut self) {
        self.clear();
    }
}

/// `collections._tuplegetter`.
pub static mut TUPLEGETTER_TYPE: PyTypeObject = PyTypeObject {
    tp_descr_get: Some(tuplegetter_get),
    tp_descr_set: Some(tuplegetter_set),
    tp_new: Some(tuplegetter_new),
    tp_methods: (&raw const TG_METHODS).cast_mut().cast(),
    tp_members: (&raw const TG_MEMBERS).cast_mut().cast(),
    ..crate::modules::objtype::gc_type::<TupleGetter>(c"collections._tuplegetter", 0)
};

static TG_METHODS: [PyMethodDef; 2] = [
    method(
        c"__reduce__",
        tuplegetter_reduce as *const c_void,
        METH_NOARGS,
    ),
    METHOD_END,
];

static TG_MEMBERS: [PyMemberDef; 2] = [
    member(
        c"__doc__",
        std::mem::offset_of!(Obj<TupleGetter>, state.doc),
        0,
        c"",
    ),
    MEMBER_END,
];

unsafe extern "C" fn tuplegetter_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple, kwargs NULL or a dict.
        unsafe {
            let [index, doc] = parse("_tuplegetter", args, kwargs, ["index", "doc"], 2, 2)?;
            let index = number::as_ssize(index, PyExc_OverflowError)?;
            new_obj(
                tp,
                TupleGetter {
                    index,
                    doc: new_ref(doc),
                },
            )
        }
    })
}

unsafe extern "C" fn tuplegetter_get(
    op: *mut PyObject,
    obj: *mut PyObject,
    _tp: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a _tuplegetter; obj NULL or valid.
        unsafe {
            if obj.is_null() || obj == none::none() {
                return Ok(Owned::from_borrowed(op));
            }
            let i = state::<TupleGetter>(op).index;
            if !tuple::check(obj) {
                return Err(errors::type_error(format!(
                    "descriptor for index '{i}' for tuple subclasses doesn't apply to '{}' object",
                    crate::object::typeobj::type_name(obj)
                )));
            }
            let items = tuple::items(obj);
            if i < 0 || i as usize >= items.len() {
                return Err(errors::index_error("tuple index out of range"));
            }
            Ok(Owned::from_borrowed(items[i as usize]))
        }
    })
}

unsafe extern "C" fn tuplegetter_set(
    _op: *mut PyObject,
    _obj: *mut PyObject,
    value: *mut PyObject,
) -> c_int {
    guard_status(|| {
        Err(errors::attribute_error(if value.is_null() {
            "can't delete attribute"
        } else {
            "can't set attribute"
        }))
    })
}

meth_noargs!(tuplegetter_reduce, |op| {
    let tg = state::<TupleGetter>(op);
    let i = int::from_i64(tg.index as i64)?;
    let doc = if tg.doc.is_null() {
        none::none()
    } else {
        tg.doc
    };
    let args = tuple::pack(&[i.as_ptr(), doc])?;
    tuple::pack(&[(*op).ob_type.cast(), args.as_ptr()])
});
