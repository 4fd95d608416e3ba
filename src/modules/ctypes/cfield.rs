//! `_ctypes.CField`, the descriptor of one field of a structure or union
//! (`Modules/_ctypes/cfield.c`): its type, byte offset and size (with
//! bit-field bits packed in as `NUM_BITS << 16 | LOW_BIT`), reading and
//! writing the field in an instance's memory.
use super::access;
use super::cdata::cd;
use super::fields::{low_bit, num_bits};
use super::stginfo::{GetFunc, SetFunc};
use crate::ffi::*;
use crate::object::descr::readonly_member;
use crate::object::refcount::*;
use crate::object::typeobj::{self, name_of, type_template};
use crate::object::{none, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};
use std::ptr::null_mut;

/// `CFieldObject`.
#[repr(C)]
pub struct CFieldObject {
    pub ob_base: PyObject,
    pub offset: Py_ssize_t,
    pub size: Py_ssize_t,
    /// Index of the field among the structure's fields (key of kept objects).
    pub index: Py_ssize_t,
    pub proto: *mut PyObject,
    pub getfunc: Option<GetFunc>,
    pub setfunc: Option<SetFunc>,
    pub anonymous: c_int,
}

/// `_ctypes.CField`.
pub static mut CFIELD_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_DISALLOW_INSTANTIATION | Py_TPFLAGS_IMMUTABLETYPE,
    tp_dealloc: Some(cfield_dealloc),
    tp_traverse: Some(cfield_traverse),
    tp_clear: Some(cfield_clear),
    tp_repr: Some(cfield_repr),
    tp_descr_get: Some(cfield_get),
    tp_descr_set: Some(cfield_set),
    tp_members: (&raw const CFIELD_MEMBERS).cast_mut().cast(),
    tp_doc: c"Structure/Union member".as_ptr(),
    ..type_template(c"_ctypes.CField", std::mem::size_of::<CFieldObject>(), 0)
};

static CFIELD_MEMBERS: [PyMemberDef; 3] = [
    readonly_member(
        c"offset",
        Py_T_PYSSIZET,
        std::mem::offset_of!(CFieldObject, offset),
    ),
    readonly_member(
        c"size",
        Py_T_PYSSIZET,
        std::mem::offset_of!(CFieldObject, size),
    ),
    crate::object::exceptions::MEMBER_END,
];

/// The CFieldObject behind `op`.
pub unsafe fn field<'a>(op: *mut PyObject) -> &'a mut CFieldObject {
    // SAFETY: the caller checked the type.
    unsafe { &mut *op.cast() }
}

/// Whether `op` is a CField.
pub unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op is live.
    unsafe { (*op).ob_type == &raw mut CFIELD_TYPE }
}

/// A new field descriptor.
pub unsafe fn new(
    proto: *mut PyObject,
    offset: Py_ssize_t,
    size: Py_ssize_t,
    index: Py_ssize_t,
    getset: Option<(GetFunc, SetFunc)>,
) -> PyResult<Owned> {
    // SAFETY: CFIELD_TYPE is ready; the allocation is zeroed.
    unsafe {
        let op = errors::check(crate::capi::allocation::PyType_GenericAlloc(
            &raw mut CFIELD_TYPE,
            0,
        ))?;
        let f = field(op.as_ptr());
        f.proto = new_ref(proto);
        f.offset = offset;
        f.size = size;
        f.index = index;
        if let Some((g, s)) = getset {
            f.getfunc = Some(g);
            f.setfunc = Some(s);
        }
        crate::object::gc::track(op.as_ptr());
        Ok(op)
    }
}

unsafe extern "C" fn cfield_get(
    op: *mut PyObject,
    inst: *mut PyObject,
    _owner: *mut PyObject,
) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a CField; inst NULL or an instance of its class.
        unsafe {
            if inst.is_null() || inst == none::none() {
                return Ok(Owned::from_borrowed(op));
            }
            if !super::cdata::check(inst) {
                return Err(errors::type_error("not a ctype instance"));
            }
            let f = field(op);
            access::get(
                f.proto,
                f.getfunc,
                inst,
                f.index,
                f.size,
                cd(inst).b_ptr.offset(f.offset),
            )
        }
    })
}

unsafe extern "C" fn cfield_set(
    op: *mut PyObject,
    inst: *mut PyObject,
    value: *mut PyObject,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is a CField; inst an instance of its class.
        unsafe {
            if !super::cdata::check(inst) {
                return Err(errors::type_error("not a ctype instance"));
            }
            if value.is_null() {
                return Err(errors::type_error("can't delete attribute"));
            }
            let f = field(op);
            access::set(
                inst,
                f.proto,
                f.setfunc,
                value,
                f.index,
                f.size,
                cd(inst).b_ptr.offset(f.offset),
            )
        }
    })
}

/// `PyCField_repr`.
unsafe extern "C" fn cfield_repr(op: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a CField.
        unsafe {
            let f = field(op);
            let name = name_of(f.proto.cast());
            let s = if num_bits(f.size) != 0 {
                format!(
                    "<Field type={name}, ofs={}:{}, bits={}>",
                    f.offset,
                    low_bit(f.size),
                    num_bits(f.size)
                )
            } else {
                format!("<Field type={name}, ofs={}, size={}>", f.offset, f.size)
            };
            pystr::from_str(&s)
        }
    })
}

unsafe extern "C" fn cfield_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: op is a CField.
    unsafe { crate::object::gc::visit_all(&[field(op).proto], visit, arg) }
}

unsafe extern "C" fn cfield_clear(op: *mut PyObject) -> c_int {
    // SAFETY: op is a CField.
    unsafe { xdecref(std::mem::replace(&mut field(op).proto, null_mut())) };
    0
}

unsafe extern "C" fn cfield_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        cfield_clear(op);
        crate::object::alloc::gc_free(op.cast());
    }
}

/// Readies the type.
pub unsafe fn ready() -> PyResult<()> {
    // SAFETY: a static type.
    unsafe { typeobj::ready(&raw mut CFIELD_TYPE) }
}
