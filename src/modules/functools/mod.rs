//! The `_functools` module (CPython's `Modules/_functoolsmodule.c`):
//! `partial`, `reduce`, `cmp_to_key` and `_lru_cache_wrapper`.
mod keywrapper;
mod lru_cache;
mod partial;

pub use partial::PARTIAL_TYPE;

use crate::ffi::*;
use crate::modules::args::builtin;
use crate::modules::objtype::new_module;
use crate::object::descr::{method, METHOD_END};
use crate::object::{exceptions, protocol};
use crate::runtime::errors;

builtin!(reduce, |args, kws| {
    let mut initial = args.get(2).copied();
    for &(k, v) in &kws {
        if k == "initial" && initial.is_none() {
            initial = Some(v);
        } else {
            return Err(errors::type_error(format!(
                "reduce() got an unexpected keyword argument '{k}'"
            )));
        }
    }
    crate::modules::args::arity("reduce", args, 2, 3)?;
    let (func, seq) = (args[0], args[1]);
    let it = protocol::get_iter(seq).map_err(|e| {
        if errors::matches(exceptions::PyExc_TypeError) {
            errors::clear();
            return errors::type_error("reduce() arg 2 must support iteration");
        }
        e
    })?;
    let mut acc = initial.map(|p| crate::Owned::from_borrowed(p));
    while let Some(v) = protocol::iter_next(it.as_ptr())? {
        acc = Some(match acc {
            None => v,
            Some(a) => protocol::call_args(func, &[a.as_ptr(), v.as_ptr()])?,
        });
    }
    acc.ok_or_else(|| errors::type_error("reduce() of empty iterable with no initial value"))
});

builtin!(cmp_to_key, |args, kws| {
    let f = match (args, kws.as_slice()) {
        ([f], []) => *f,
        ([], [("mycmp", f)]) => *f,
        _ => {
            return Err(errors::type_error(
                "cmp_to_key() takes exactly one argument (mycmp)",
            ))
        }
    };
    keywrapper::cmp_to_key(f)
});

const FK: libc::c_int = METH_FASTCALL | METH_KEYWORDS;

static mut FUNCTIONS: [PyMethodDef; 3] = [
    method(c"reduce", reduce as *const libc::c_void, FK),
    PyMethodDef {
        ml_doc: c"cmp_to_key($module, /, mycmp)\n--\n\nTurn an old-style comparison function mycmp(a, b) into a key function.".as_ptr(),
        ..method(c"cmp_to_key", cmp_to_key as *const libc::c_void, FK)
    },
    METHOD_END,
];

/// `PyInit__functools`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the tables are static.
        unsafe {
            let m = new_module(
                "_functools",
                (&raw mut FUNCTIONS).cast(),
                &[&raw mut partial::PARTIAL_TYPE, &raw mut lru_cache::LRU_TYPE],
            )?;
            crate::object::typeobj::ready(&raw mut keywrapper::KEYWRAPPER_TYPE)?;
            Ok(m)
        }
    })
}
