//! Concrete object layouts that CPython's non-limited macros read directly
//! (`PyTuple_GET_ITEM`, `PyList_GET_ITEM`, `PyBytes_AS_STRING`,
//! `PyFloat_AS_DOUBLE`, the PEP 393 string macros, ...).
#![allow(non_camel_case_types, non_snake_case)]

use super::methods::PyMethodDef;
use super::object::vectorcallfunc;
use super::object::{PyObject, PyTypeObject, PyVarObject, Py_hash_t, Py_ssize_t};
use libc::{c_char, c_void};

/// One base-2**30 digit of an int.
pub type digit = u32;
/// Bits used in each digit.
pub const PyLong_SHIFT: u32 = 30;
/// `PyLongObject` (3.12+ layout): `lv_tag = ndigits << 3 | sign`, sign 0
/// positive, 1 zero, 2 negative; digits little-endian.
#[repr(C)]
pub struct PyLongObject {
    pub ob_base: PyObject,
    pub lv_tag: usize,
    pub ob_digit: [digit; 1],
}

/// `PyFloatObject`.
#[repr(C)]
pub struct PyFloatObject {
    pub ob_base: PyObject,
    pub ob_fval: f64,
}

/// `Py_complex`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Py_complex {
    pub real: f64,
    pub imag: f64,
}

/// `PyComplexObject`.
#[repr(C)]
pub struct PyComplexObject {
    pub ob_base: PyObject,
    pub cval: Py_complex,
}

/// `PyTupleObject` (3.14: cached hash before the inline items).
#[repr(C)]
pub struct PyTupleObject {
    pub ob_base: PyVarObject,
    pub ob_hash: Py_hash_t,
    pub ob_item: [*mut PyObject; 1],
}

/// `PyListObject`.
#[repr(C)]
pub struct PyListObject {
    pub ob_base: PyVarObject,
    pub ob_item: *mut *mut PyObject,
    pub allocated: Py_ssize_t,
}

/// `PyBytesObject`: `ob_size` bytes then a NUL.
#[repr(C)]
pub struct PyBytesObject {
    pub ob_base: PyVarObject,
    pub ob_shash: Py_hash_t,
    pub ob_sval: [c_char; 1],
}

/// `PyByteArrayObject`.
#[repr(C)]
pub struct PyByteArrayObject {
    pub ob_base: PyVarObject,
    pub ob_alloc: Py_ssize_t,
    pub ob_bytes: *mut c_char,
    pub ob_start: *mut c_char,
    pub ob_exports: Py_ssize_t,
}

/// `PyASCIIObject` (PEP 393). `state` holds CPython's bitfield: bits 0-1
/// `interned`, 2-4 `kind`, 5 `compact`, 6 `ascii`, 7 `statically_allocated`.
#[repr(C)]
pub struct PyASCIIObject {
    pub ob_base: PyObject,
    pub length: Py_ssize_t,
    pub hash: Py_hash_t,
    pub state: u32,
}

/// `PyCompactUnicodeObject`: a non-ASCII compact string.
#[repr(C)]
pub struct PyCompactUnicodeObject {
    pub _base: PyASCIIObject,
    pub utf8_length: Py_ssize_t,
    pub utf8: *mut c_char,
}

/// `PyUnicodeObject`: a string whose data lives in a separate buffer
/// (instances of `str` subclasses).
#[repr(C)]
pub struct PyUnicodeObject {
    pub _base: PyCompactUnicodeObject,
    pub data: *mut c_void,
}

pub const SSTATE_NOT_INTERNED: u32 = 0;
pub const SSTATE_INTERNED_MORTAL: u32 = 1;
pub const SSTATE_INTERNED_IMMORTAL: u32 = 2;
pub const SSTATE_INTERNED_IMMORTAL_STATIC: u32 = 3;
/// `PyUnicode_1BYTE_KIND` and friends.
pub const PyUnicode_1BYTE_KIND: u32 = 1;
pub const PyUnicode_2BYTE_KIND: u32 = 2;
pub const PyUnicode_4BYTE_KIND: u32 = 4;

/// `PyDictObject`. The table behind `ma_keys` is ferrython's own.
#[repr(C)]
pub struct PyDictObject {
    pub ob_base: PyObject,
    pub ma_used: Py_ssize_t,
    pub _ma_watcher_tag: u64,
    pub ma_keys: *mut c_void,
    pub ma_values: *mut c_void,
}

/// `PyCFunctionObject`: a builtin function or bound builtin method.
#[repr(C)]
pub struct PyCFunctionObject {
    pub ob_base: PyObject,
    pub m_ml: *mut PyMethodDef,
    pub m_self: *mut PyObject,
    pub m_module: *mut PyObject,
    pub m_weakreflist: *mut PyObject,
    pub vectorcall: vectorcallfunc,
}

/// `PyCMethodObject`: a `PyCFunctionObject` that knows its defining class.
#[repr(C)]
pub struct PyCMethodObject {
    pub func: PyCFunctionObject,
    pub mm_class: *mut PyTypeObject,
}

/// `PyDescrObject`: the common head of method/member/getset descriptors.
#[repr(C)]
pub struct PyDescrObject {
    pub ob_base: PyObject,
    pub d_type: *mut PyTypeObject,
    pub d_name: *mut PyObject,
    pub d_qualname: *mut PyObject,
}

/// `PyMethodDescrObject`.
#[repr(C)]
pub struct PyMethodDescrObject {
    pub d_common: PyDescrObject,
    pub d_method: *mut PyMethodDef,
    pub vectorcall: vectorcallfunc,
}

/// `PyMemberDescrObject`.
#[repr(C)]
pub struct PyMemberDescrObject {
    pub d_common: PyDescrObject,
    pub d_member: *mut super::methods::PyMemberDef,
}

/// `PyGetSetDescrObject`.
#[repr(C)]
pub struct PyGetSetDescrObject {
    pub d_common: PyDescrObject,
    pub d_getset: *mut super::methods::PyGetSetDef,
}

/// `PyBaseExceptionObject` (`PyException_HEAD`).
#[repr(C)]
pub struct PyBaseExceptionObject {
    pub ob_base: PyObject,
    pub dict: *mut PyObject,
    pub args: *mut PyObject,
    pub notes: *mut PyObject,
    pub traceback: *mut PyObject,
    pub context: *mut PyObject,
    pub cause: *mut PyObject,
    pub suppress_context: c_char,
}

/// `PySliceObject`.
#[repr(C)]
pub struct PySliceObject {
    pub ob_base: PyObject,
    pub start: *mut PyObject,
    pub stop: *mut PyObject,
    pub step: *mut PyObject,
}

// The extended exception layouts repeat `PyException_HEAD` field by field,
// as CPython's structs do, so C code names `e->args` on any of them.

/// `PyBaseExceptionGroupObject`: `BaseExceptionGroup(message, exceptions)`.
#[repr(C)]
pub struct PyBaseExceptionGroupObject {
    pub ob_base: PyObject,
    pub dict: *mut PyObject,
    pub args: *mut PyObject,
    pub notes: *mut PyObject,
    pub traceback: *mut PyObject,
    pub context: *mut PyObject,
    pub cause: *mut PyObject,
    pub suppress_context: c_char,
    pub msg: *mut PyObject,
    pub excs: *mut PyObject,
}

/// `PySyntaxErrorObject` (3.14: `metadata` after `print_file_and_line`).
#[repr(C)]
pub struct PySyntaxErrorObject {
    pub ob_base: PyObject,
    pub dict: *mut PyObject,
    pub args: *mut PyObject,
    pub notes: *mut PyObject,
    pub traceback: *mut PyObject,
    pub context: *mut PyObject,
    pub cause: *mut PyObject,
    pub suppress_context: c_char,
    pub msg: *mut PyObject,
    pub filename: *mut PyObject,
    pub lineno: *mut PyObject,
    pub offset: *mut PyObject,
    pub end_lineno: *mut PyObject,
    pub end_offset: *mut PyObject,
    pub text: *mut PyObject,
    pub print_file_and_line: *mut PyObject,
    pub metadata: *mut PyObject,
}

/// `PyImportErrorObject`.
#[repr(C)]
pub struct PyImportErrorObject {
    pub ob_base: PyObject,
    pub dict: *mut PyObject,
    pub args: *mut PyObject,
    pub notes: *mut PyObject,
    pub traceback: *mut PyObject,
    pub context: *mut PyObject,
    pub cause: *mut PyObject,
    pub suppress_context: c_char,
    pub msg: *mut PyObject,
    pub name: *mut PyObject,
    pub path: *mut PyObject,
    pub name_from: *mut PyObject,
}

/// `PyUnicodeErrorObject`: the three `Unicode*Error` types.
#[repr(C)]
pub struct PyUnicodeErrorObject {
    pub ob_base: PyObject,
    pub dict: *mut PyObject,
    pub args: *mut PyObject,
    pub notes: *mut PyObject,
    pub traceback: *mut PyObject,
    pub context: *mut PyObject,
    pub cause: *mut PyObject,
    pub suppress_context: c_char,
    pub encoding: *mut PyObject,
    pub object: *mut PyObject,
    pub start: Py_ssize_t,
    pub end: Py_ssize_t,
    pub reason: *mut PyObject,
}

/// `PySystemExitObject`.
#[repr(C)]
pub struct PySystemExitObject {
    pub ob_base: PyObject,
    pub dict: *mut PyObject,
    pub args: *mut PyObject,
    pub notes: *mut PyObject,
    pub traceback: *mut PyObject,
    pub context: *mut PyObject,
    pub cause: *mut PyObject,
    pub suppress_context: c_char,
    pub code: *mut PyObject,
}

/// `PyOSErrorObject` (POSIX layout: no `winerror`). `written` is
/// `BlockingIOError.characters_written`, -1 when unset.
#[repr(C)]
pub struct PyOSErrorObject {
    pub ob_base: PyObject,
    pub dict: *mut PyObject,
    pub args: *mut PyObject,
    pub notes: *mut PyObject,
    pub traceback: *mut PyObject,
    pub context: *mut PyObject,
    pub cause: *mut PyObject,
    pub suppress_context: c_char,
    pub myerrno: *mut PyObject,
    pub strerror: *mut PyObject,
    pub filename: *mut PyObject,
    pub filename2: *mut PyObject,
    pub written: Py_ssize_t,
}

/// `PyStopIterationObject`.
#[repr(C)]
pub struct PyStopIterationObject {
    pub ob_base: PyObject,
    pub dict: *mut PyObject,
    pub args: *mut PyObject,
    pub notes: *mut PyObject,
    pub traceback: *mut PyObject,
    pub context: *mut PyObject,
    pub cause: *mut PyObject,
    pub suppress_context: c_char,
    pub value: *mut PyObject,
}

/// `PyNameErrorObject`.
#[repr(C)]
pub struct PyNameErrorObject {
    pub ob_base: PyObject,
    pub dict: *mut PyObject,
    pub args: *mut PyObject,
    pub notes: *mut PyObject,
    pub traceback: *mut PyObject,
    pub context: *mut PyObject,
    pub cause: *mut PyObject,
    pub suppress_context: c_char,
    pub name: *mut PyObject,
}

/// `PyAttributeErrorObject`.
#[repr(C)]
pub struct PyAttributeErrorObject {
    pub ob_base: PyObject,
    pub dict: *mut PyObject,
    pub args: *mut PyObject,
    pub notes: *mut PyObject,
    pub traceback: *mut PyObject,
    pub context: *mut PyObject,
    pub cause: *mut PyObject,
    pub suppress_context: c_char,
    pub obj: *mut PyObject,
    pub name: *mut PyObject,
}
