//! `cell` (`PyCell_Type`): the box a closure shares with the frame that
//! created a variable.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::str as pystr;
use crate::object::typeobj::type_template;
use crate::runtime::errors::{PyResult, Raised};
use crate::Owned;
use std::ptr::null_mut;

/// `PyCellObject`.
#[repr(C)]
pub struct PyCellObject {
    pub ob_base: PyObject,
    /// The content, NULL when empty.
    pub ob_ref: *mut PyObject,
}

/// `PyCell_Type`.
#[no_mangle]
pub static mut PyCell_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(cell_dealloc),
    tp_repr: Some(cell_repr),
    tp_traverse: Some(cell_traverse),
    tp_clear: Some(cell_clear),
    tp_getset: (&raw const CELL_GETSET).cast_mut().cast(),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_new: Some(cell_new),
    tp_richcompare: Some(cell_richcompare),
    tp_hash: Some(crate::capi::object::PyObject_HashNotImplemented),
    ..type_template(c"cell", std::mem::size_of::<PyCellObject>(), 0)
};

static CELL_GETSET: [PyGetSetDef; 2] = [
    crate::object::descr::getset(c"cell_contents", Some(get_contents), Some(set_contents)),
    crate::object::descr::GETSET_END,
];

/// `PyCell_New`: a cell holding `v` (NULL for an empty cell); `v` must
/// be NULL or a valid object.
pub unsafe fn new(v: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: the type is static; the content reference is taken here.
    unsafe {
        let op = crate::object::alloc::generic_alloc(&raw mut PyCell_Type, 0);
        if op.is_null() {
            return Err(Raised::assume());
        }
        xincref(v);
        (*op.cast::<PyCellObject>()).ob_ref = v;
        crate::object::gc::track(op);
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// The content of a cell (borrowed, NULL when empty).
#[inline(always)]
pub unsafe fn get(cell: *mut PyObject) -> *mut PyObject {
    // SAFETY: cell is a cell.
    unsafe { (*cell.cast::<PyCellObject>()).ob_ref }
}

/// Replaces the content of a cell, taking a new reference to `v`.
#[inline]
pub unsafe fn set(cell: *mut PyObject, v: *mut PyObject) {
    // SAFETY: cell is a cell; v NULL or valid.
    unsafe {
        xincref(v);
        let old = std::mem::replace(&mut (*cell.cast::<PyCellObject>()).ob_ref, v);
        xdecref(old);
    }
}

/// `types.CellType([contents])` (CPython's `cell_new`): an empty cell,
/// or one holding `contents`.
unsafe extern "C" fn cell_new(
    _tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple, kwargs NULL or a dict.
        unsafe {
            crate::modules::objtype::no_keywords("cell", kwargs)?;
            match crate::object::tuple::items(args) {
                [] => new(null_mut()),
                [v] => new(*v),
                a => Err(crate::runtime::errors::type_error(format!(
                    "cell expected at most 1 argument, got {}",
                    a.len()
                ))),
            }
        }
    })
}

/// `cell_richcompare`: cells compare by their contents, an empty cell
/// before any other.
unsafe extern "C" fn cell_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: libc::c_int,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a and b valid.
        unsafe {
            if (*a).ob_type != &raw mut PyCell_Type || (*b).ob_type != &raw mut PyCell_Type {
                return Ok(Owned::from_borrowed_static(
                    crate::object::none::not_implemented(),
                ));
            }
            let (x, y) = (get(a), get(b));
            if !x.is_null() && !y.is_null() {
                return crate::object::protocol::rich_compare(x, y, op);
            }
            // Empty is less than full: order by "has contents".
            let ord = (!x.is_null()).cmp(&!y.is_null());
            Ok(Owned::from_borrowed_static(crate::object::bool::from_bool(
                crate::object::float::compare_result(Some(ord), op),
            )))
        }
    })
}

unsafe extern "C" fn cell_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        xdecref((*op.cast::<PyCellObject>()).ob_ref);
        crate::object::alloc::gc_free(op.cast());
    }
}

unsafe extern "C" fn cell_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut libc::c_void,
) -> libc::c_int {
    // SAFETY: op is a cell.
    unsafe {
        let v = get(op);
        match visit {
            Some(f) if !v.is_null() => f(v, arg),
            _ => 0,
        }
    }
}

/// `cell_clear`: empties the cell.
unsafe extern "C" fn cell_clear(op: *mut PyObject) -> libc::c_int {
    // SAFETY: op is a cell owning its contents.
    unsafe {
        let c = op.cast::<PyCellObject>();
        crate::object::refcount::xdecref(std::mem::replace(&mut (*c).ob_ref, std::ptr::null_mut()));
    }
    0
}

unsafe extern "C" fn cell_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a cell.
        unsafe {
            let v = get(op);
            if v.is_null() {
                return pystr::from_str(&format!("<cell at {op:p}: empty>"));
            }
            pystr::from_str(&format!(
                "<cell at {op:p}: {} object at {v:p}>",
                crate::object::typeobj::type_name(v)
            ))
        }
    })
}

unsafe extern "C" fn get_contents(op: *mut PyObject, _c: *mut libc::c_void) -> *mut PyObject {
    // SAFETY: op is a cell.
    unsafe {
        let v = get(op);
        if v.is_null() {
            crate::runtime::errors::value_error("Cell is empty");
            return null_mut();
        }
        new_ref(v)
    }
}

unsafe extern "C" fn set_contents(
    op: *mut PyObject,
    v: *mut PyObject,
    _c: *mut libc::c_void,
) -> libc::c_int {
    // SAFETY: op is a cell.
    unsafe { set(op, v) };
    0
}
