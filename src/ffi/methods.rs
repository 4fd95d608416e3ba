//! Method, member, getset, module and type-spec definitions
//! (`Include/methodobject.h`, `descrobject.h`, `moduleobject.h`,
//! `object.h`'s `PyType_Spec`), with CPython 3.14's layouts and constants.
#![allow(non_camel_case_types, non_snake_case)]

use super::object::{freefunc, inquiry, traverseproc, PyObject, Py_ssize_t};
use libc::{c_char, c_int, c_uint, c_void};

/// `PyCFunction`: the C signature behind `METH_VARARGS`, `METH_NOARGS`, `METH_O`.
pub type PyCFunction = Option<unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject>;
/// `PyCFunctionFast` (`METH_FASTCALL`).
pub type PyCFunctionFast =
    Option<unsafe extern "C" fn(*mut PyObject, *const *mut PyObject, Py_ssize_t) -> *mut PyObject>;
/// `PyCFunctionWithKeywords` (`METH_VARARGS | METH_KEYWORDS`).
pub type PyCFunctionWithKeywords =
    Option<unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> *mut PyObject>;
/// `PyCFunctionFastWithKeywords` (`METH_FASTCALL | METH_KEYWORDS`).
pub type PyCFunctionFastWithKeywords = Option<
    unsafe extern "C" fn(
        *mut PyObject,
        *const *mut PyObject,
        Py_ssize_t,
        *mut PyObject,
    ) -> *mut PyObject,
>;
/// `PyCMethod` (`METH_METHOD | METH_FASTCALL | METH_KEYWORDS`).
pub type PyCMethod = Option<
    unsafe extern "C" fn(
        *mut PyObject,
        *mut super::object::PyTypeObject,
        *const *mut PyObject,
        usize,
        *mut PyObject,
    ) -> *mut PyObject,
>;

/// `PyMethodDef`, 32 bytes.
#[repr(C)]
pub struct PyMethodDef {
    pub ml_name: *const c_char,
    pub ml_meth: PyCFunction,
    pub ml_flags: c_int,
    pub ml_doc: *const c_char,
}

pub const METH_VARARGS: c_int = 0x0001;
pub const METH_KEYWORDS: c_int = 0x0002;
pub const METH_NOARGS: c_int = 0x0004;
pub const METH_O: c_int = 0x0008;
pub const METH_CLASS: c_int = 0x0010;
pub const METH_STATIC: c_int = 0x0020;
pub const METH_COEXIST: c_int = 0x0040;
pub const METH_FASTCALL: c_int = 0x0080;
pub const METH_STACKLESS: c_int = 0x0000;
pub const METH_METHOD: c_int = 0x0200;

/// `getter` of a `PyGetSetDef`.
pub type getter = Option<unsafe extern "C" fn(*mut PyObject, *mut c_void) -> *mut PyObject>;
/// `setter` of a `PyGetSetDef`.
pub type setter = Option<unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut c_void) -> c_int>;

/// `PyGetSetDef`, 40 bytes.
#[repr(C)]
pub struct PyGetSetDef {
    pub name: *const c_char,
    pub get: getter,
    pub set: setter,
    pub doc: *const c_char,
    pub closure: *mut c_void,
}

/// `PyMemberDef`, 40 bytes.
#[repr(C)]
pub struct PyMemberDef {
    pub name: *const c_char,
    pub r#type: c_int,
    pub offset: Py_ssize_t,
    pub flags: c_int,
    pub doc: *const c_char,
}

pub const Py_T_SHORT: c_int = 0;
pub const Py_T_INT: c_int = 1;
pub const Py_T_LONG: c_int = 2;
pub const Py_T_FLOAT: c_int = 3;
pub const Py_T_DOUBLE: c_int = 4;
pub const Py_T_STRING: c_int = 5;
pub const _Py_T_OBJECT: c_int = 6;
pub const Py_T_CHAR: c_int = 7;
pub const Py_T_BYTE: c_int = 8;
pub const Py_T_UBYTE: c_int = 9;
pub const Py_T_USHORT: c_int = 10;
pub const Py_T_UINT: c_int = 11;
pub const Py_T_ULONG: c_int = 12;
pub const Py_T_STRING_INPLACE: c_int = 13;
pub const Py_T_BOOL: c_int = 14;
pub const Py_T_OBJECT_EX: c_int = 16;
pub const Py_T_LONGLONG: c_int = 17;
pub const Py_T_ULONGLONG: c_int = 18;
pub const Py_T_PYSSIZET: c_int = 19;
pub const _Py_T_NONE: c_int = 20;
pub const Py_READONLY: c_int = 1;
pub const Py_AUDIT_READ: c_int = 2;
pub const _Py_WRITE_RESTRICTED: c_int = 4;
pub const Py_RELATIVE_OFFSET: c_int = 8;

/// `PyModuleDef_Base`, 40 bytes.
#[repr(C)]
pub struct PyModuleDef_Base {
    pub ob_base: PyObject,
    pub m_init: Option<unsafe extern "C" fn() -> *mut PyObject>,
    pub m_index: Py_ssize_t,
    pub m_copy: *mut PyObject,
}

/// `PyModuleDef_Slot`, 16 bytes.
#[repr(C)]
pub struct PyModuleDef_Slot {
    pub slot: c_int,
    pub value: *mut c_void,
}

pub const Py_mod_create: c_int = 1;
pub const Py_mod_exec: c_int = 2;
pub const Py_mod_multiple_interpreters: c_int = 3;
pub const Py_mod_gil: c_int = 4;

/// `PyModuleDef`, 104 bytes.
#[repr(C)]
pub struct PyModuleDef {
    pub m_base: PyModuleDef_Base,
    pub m_name: *const c_char,
    pub m_doc: *const c_char,
    pub m_size: Py_ssize_t,
    pub m_methods: *mut PyMethodDef,
    pub m_slots: *mut PyModuleDef_Slot,
    pub m_traverse: traverseproc,
    pub m_clear: inquiry,
    pub m_free: freefunc,
}

/// `PyType_Slot`, 16 bytes.
#[repr(C)]
pub struct PyType_Slot {
    pub slot: c_int,
    pub pfunc: *mut c_void,
}

/// `PyType_Spec`, 32 bytes.
#[repr(C)]
pub struct PyType_Spec {
    pub name: *const c_char,
    pub basicsize: c_int,
    pub itemsize: c_int,
    pub flags: c_uint,
    pub slots: *mut PyType_Slot,
}

// SAFETY: these definition tables are immutable after construction and only
// hold pointers to static data, so sharing them between threads is sound.
unsafe impl Sync for PyMethodDef {}
// SAFETY: as above.
unsafe impl Sync for PyGetSetDef {}
// SAFETY: as above.
unsafe impl Sync for PyMemberDef {}
