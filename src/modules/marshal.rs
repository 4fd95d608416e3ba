//! The `marshal` module (CPython's `Python/marshal.c`), so far only its
//! `version` (4, as CPython 3.13): `importlib` imports it for `.pyc`
//! files, which ferrython never reads (its own bytecode cache is
//! `runtime::pycache`). `dumps`, `loads`, `dump` and `load` are not
//! written yet.
use crate::ffi::*;
use crate::object::int;
use libc::c_int;

/// `marshal.version`: the format version CPython 3.13 writes.
const VERSION: i64 = 4;

unsafe extern "C" fn exec(m: *mut PyObject) -> c_int {
    // SAFETY: m is the module being executed.
    match unsafe { crate::modules::module_def::add(m, "version", int::from_i64(VERSION)) } {
        Ok(()) => 0,
        Err(_) => -1,
    }
}

static mut SLOTS: [PyModuleDef_Slot; 2] = [
    crate::modules::module_def::exec_slot(exec),
    crate::modules::module_def::SLOT_END,
];

static mut DEF: PyModuleDef = crate::modules::module_def::def(
    c"marshal",
    c"This module contains functions that can read and write Python values in\na binary format.",
    std::ptr::null_mut(),
    (&raw mut SLOTS).cast(),
);

/// `PyInit_marshal`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    // SAFETY: DEF is a static module definition.
    unsafe { crate::capi::module::PyModuleDef_Init(&raw mut DEF) }
}
