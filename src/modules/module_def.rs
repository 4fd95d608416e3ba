//! Static module definitions for the builtin modules written in Rust that
//! use multi-phase initialization (PEP 489): a `PyModuleDef` built in a
//! const initializer, and the small helpers their exec functions use.
use crate::ffi::*;
use crate::object::refcount::static_head;
use crate::runtime::errors::PyResult;
use crate::Owned;
use libc::c_int;
use std::ffi::CStr;
use std::ptr::null_mut;

/// A `PyModuleDef` (`PyModuleDef_HEAD_INIT`, no state) named `name` with
/// the method table `methods` and the slot table `slots`, both static and
/// ending with their zeroed sentinel.
pub const fn def(
    name: &'static CStr,
    doc: &'static CStr,
    methods: *mut PyMethodDef,
    slots: *mut PyModuleDef_Slot,
) -> PyModuleDef {
    PyModuleDef {
        m_base: PyModuleDef_Base {
            ob_base: static_head(null_mut()),
            m_init: None,
            m_index: 0,
            m_copy: null_mut(),
        },
        m_name: name.as_ptr(),
        m_doc: doc.as_ptr(),
        m_size: 0,
        m_methods: methods,
        m_slots: slots,
        m_traverse: None,
        m_clear: None,
        m_free: None,
    }
}

/// The slot table entry that runs `exec` on the new module.
pub const fn exec_slot(exec: unsafe extern "C" fn(*mut PyObject) -> c_int) -> PyModuleDef_Slot {
    PyModuleDef_Slot {
        slot: Py_mod_exec,
        value: exec as *mut libc::c_void,
    }
}

/// The zeroed entry that ends a slot table.
pub const SLOT_END: PyModuleDef_Slot = PyModuleDef_Slot {
    slot: 0,
    value: null_mut(),
};

/// Sets `m.name = value`.
pub unsafe fn add(m: *mut PyObject, name: &str, value: PyResult<Owned>) -> PyResult<()> {
    let v = value?;
    // SAFETY: m is a module under construction; its dict is live.
    unsafe {
        crate::object::dict::set_item(
            crate::object::module::dict_of(m),
            crate::object::str::intern(name),
            v.as_ptr(),
        )
    }
}

/// Readies the static type `tp` and sets `m.<its short name> = tp`.
pub unsafe fn add_type(m: *mut PyObject, tp: *mut PyTypeObject) -> PyResult<()> {
    // SAFETY: tp is a static type object; m a module.
    unsafe {
        crate::object::typeobj::ready(tp)?;
        let name = crate::object::typeobj::short_name(tp);
        add(m, name, Ok(Owned::from_borrowed(tp.cast())))
    }
}
