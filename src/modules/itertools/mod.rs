//! The `itertools` module (CPython's `Modules/itertoolsmodule.c`): the
//! iterator types, each an `Obj<T>` with its state in Rust. As in 3.14 the
//! iterators do not support copy or pickling (`tee` objects keep
//! `__copy__`).
mod chain;
mod combinatorics;
mod filters;
mod groupby;
mod infinite;
mod tee;

use crate::ffi::*;
use crate::modules::objtype::{gc_type, new_module, State};
use crate::object::descr::METHOD_END;
use std::ffi::CStr;

/// An iterator type built on `Obj<T>`: `__iter__` returns self.
const fn iter_type<T: State>(
    name: &'static CStr,
    new: newfunc,
    next: iternextfunc,
    flags: std::ffi::c_ulong,
) -> PyTypeObject {
    PyTypeObject {
        tp_iter: Some(crate::object::iterobject::self_iter),
        tp_iternext: next,
        tp_new: new,
        ..gc_type::<T>(name, flags)
    }
}

/// Subclassable iterator types.
const BASE: std::ffi::c_ulong = Py_TPFLAGS_BASETYPE;

static mut FUNCTIONS: [PyMethodDef; 2] = [tee::TEE_FUNCTION, METHOD_END];

/// `PyInit_itertools`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the tables are static.
        unsafe {
            let types = [
                &raw mut filters::ACCUMULATE_TYPE,
                &raw mut filters::BATCHED_TYPE,
                &raw mut combinatorics::COMBINATIONS_TYPE,
                &raw mut combinatorics::CWR_TYPE,
                &raw mut filters::COMPRESS_TYPE,
                &raw mut infinite::COUNT_TYPE,
                &raw mut infinite::CYCLE_TYPE,
                &raw mut filters::DROPWHILE_TYPE,
                &raw mut filters::FILTERFALSE_TYPE,
                &raw mut groupby::GROUPBY_TYPE,
                &raw mut groupby::GROUPER_TYPE,
                &raw mut chain::ISLICE_TYPE,
                &raw mut filters::PAIRWISE_TYPE,
                &raw mut combinatorics::PERMUTATIONS_TYPE,
                &raw mut combinatorics::PRODUCT_TYPE,
                &raw mut infinite::REPEAT_TYPE,
                &raw mut filters::STARMAP_TYPE,
                &raw mut filters::TAKEWHILE_TYPE,
                &raw mut tee::TEE_TYPE,
                &raw mut tee::TEEDATA_TYPE,
                &raw mut chain::ZIP_LONGEST_TYPE,
                &raw mut chain::CHAIN_TYPE,
            ];
            new_module("itertools", (&raw mut FUNCTIONS).cast(), &types)
        }
    })
}
