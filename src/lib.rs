//! Ferrython: a Python runtime that implements the CPython C API.
//!
//! Layers (see `DESIGN.md`): [`ffi`] holds the raw C layouts; [`object`] the
//! object model and every builtin type; [`runtime`] the interpreter and thread
//! states, the error indicator, initialization; [`capi`] the `extern "C"`
//! exports, a thin face over the core.
#![allow(clippy::missing_safety_doc)]
// The C API names things as CPython does: `PyLong_Type`, `Py_TPFLAGS_*`, `tp_new`.
#![allow(non_upper_case_globals, non_snake_case, non_camel_case_types)]

pub mod capi;
pub mod ffi;
pub mod modules;
pub mod object;
pub mod runtime;
pub mod vm;

pub use object::handle::{Borrowed, Owned};
pub use runtime::errors::{PyResult, Raised};
