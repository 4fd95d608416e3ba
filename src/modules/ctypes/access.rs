//! Reading and writing a ctypes value inside another object's memory
//! (`PyCData_get` / `PyCData_set` of `Modules/_ctypes/_ctypes.c`): items
//! of arrays and pointers and fields of structures.
use super::cdata::{self, cd};
use super::stginfo::{GetFunc, SetFunc};
use super::{array, pointer, simple, stginfo};
use crate::ffi::*;
use crate::object::typeobj::{self, name_of, type_name};
use crate::object::{none, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;

/// `PyCData_get`: the value of type `tp` at `adr` inside `src`: converted
/// to a Python value for simple types, else an instance sharing `src`'s
/// memory.
pub unsafe fn get(
    tp: *mut PyObject,
    getfunc: Option<GetFunc>,
    src: *mut PyObject,
    index: Py_ssize_t,
    size: Py_ssize_t,
    adr: *mut u8,
) -> PyResult<Owned> {
    // SAFETY: adr points into src's memory for size bytes.
    unsafe {
        if let Some(g) = getfunc {
            return g(adr, size);
        }
        if let Some(info) = stginfo::from_type(tp) {
            if let Some(g) = info.getfunc {
                if simple::is_direct_simple(tp) {
                    return g(adr, size);
                }
            }
        }
        cdata::from_base_obj(tp, src, index, adr)
    }
}

/// `_PyCData_set`: stores `value` as type `tp` at `ptr`; returns what must
/// be kept alive.
unsafe fn set_inner(
    tp: *mut PyObject,
    setfunc: Option<SetFunc>,
    value: *mut PyObject,
    size: Py_ssize_t,
    ptr: *mut u8,
) -> PyResult<Owned> {
    // SAFETY: ptr addresses size writable bytes.
    unsafe {
        if let Some(s) = setfunc {
            return s(ptr, value, size);
        }
        if !cdata::check(value) {
            if let Some(info) = stginfo::from_type(tp) {
                if let Some(s) = info.setfunc {
                    return s(ptr, value, size);
                }
            }
            if tuple::check(value) {
                let ob = crate::object::protocol::call(tp, value, std::ptr::null_mut())?;
                return set_inner(tp, None, ob.as_ptr(), size, ptr);
            }
            if value == none::none() && pointer::is_pointer_type(tp) {
                std::ptr::write_unaligned(ptr.cast::<usize>(), 0);
                return Ok(Owned::from_borrowed_static(none::none()));
            }
            return Err(errors::type_error(format!(
                "expected {} instance, got {}",
                name_of(tp.cast()),
                type_name(value)
            )));
        }
        if typeobj::instance_of(value, tp.cast()) {
            std::ptr::copy(cd(value).b_ptr, ptr, size as usize);
            return cdata::kept_objects(value);
        }
        if pointer::is_pointer_type(tp) && array::is_array(value) {
            let p1 = stginfo::from_object(value).map_or(std::ptr::null_mut(), |i| i.proto);
            let p2 = stginfo::from_type(tp).map_or(std::ptr::null_mut(), |i| i.proto);
            if p1.is_null() || p2.is_null() || !typeobj::is_subtype(p1.cast(), p2.cast()) {
                return Err(errors::type_error(format!(
                    "incompatible types, {} instance instead of {} instance",
                    type_name(value),
                    name_of(tp.cast())
                )));
            }
            std::ptr::write_unaligned(ptr.cast::<*mut u8>(), cd(value).b_ptr);
            let keep = cdata::kept_objects(value)?;
            return tuple::pack(&[keep.as_ptr(), value]);
        }
        Err(errors::type_error(format!(
            "incompatible types, {} instance instead of {} instance",
            type_name(value),
            name_of(tp.cast())
        )))
    }
}

/// `PyCData_set`: stores `value` and keeps what it needs alive in `dst`.
pub unsafe fn set(
    dst: *mut PyObject,
    tp: *mut PyObject,
    setfunc: Option<SetFunc>,
    value: *mut PyObject,
    index: Py_ssize_t,
    size: Py_ssize_t,
    ptr: *mut u8,
) -> PyResult<()> {
    // SAFETY: forwarded.
    unsafe {
        let keep = set_inner(tp, setfunc, value, size, ptr)?;
        cdata::keep_ref(dst, index, keep)
    }
}
