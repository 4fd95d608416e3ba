//! The `_collections` module (CPython's `Modules/_collectionsmodule.c`):
//! `deque` and its iterators, `defaultdict`, `_tuplegetter` and
//! `_count_elements`. `OrderedDict` stays in pure Python
//! (`collections/__init__.py` falls back to its own class).
mod defaultdict;
mod deque;
mod deque_iter;
mod tuplegetter;

use crate::ffi::*;
use crate::modules::args::{arity, builtin, no_kwargs};
use crate::modules::objtype::new_module;
use crate::object::descr::{method, METHOD_END};
use crate::object::{dict, int, number, protocol};
use crate::Owned;

builtin!(count_elements, |args, kws| {
    no_kwargs("_count_elements", &kws)?;
    arity("_count_elements", args, 2, 2)?;
    let (mapping, iterable) = (args[0], args[1]);
    let it = protocol::get_iter(iterable)?;
    let one = int::small(1);
    let exact = dict::check_exact(mapping);
    let get = if exact {
        None
    } else {
        Some(protocol::getattr_str(mapping, "get")?)
    };
    let zero = int::small(0);
    while let Some(key) = protocol::iter_next(it.as_ptr())? {
        let k = key.as_ptr();
        let new = match &get {
            None => {
                let old = dict::get_item(mapping, k)?;
                if old.is_null() {
                    Owned::from_borrowed_static(one)
                } else {
                    number::add(old, one)?
                }
            }
            Some(g) => {
                let old = protocol::call_args(g.as_ptr(), &[k, zero])?;
                number::add(old.as_ptr(), one)?
            }
        };
        protocol::set_item(mapping, k, new.as_ptr())?;
    }
    Ok(Owned::from_borrowed_static(crate::object::none::none()))
});

static mut FUNCTIONS: [PyMethodDef; 2] = [
    method(
        c"_count_elements",
        count_elements as *const libc::c_void,
        METH_FASTCALL | METH_KEYWORDS,
    ),
    METHOD_END,
];

/// `PyInit__collections`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the tables are static.
        unsafe {
            new_module(
                "_collections",
                (&raw mut FUNCTIONS).cast(),
                &[
                    &raw mut deque::DEQUE_TYPE,
                    &raw mut deque_iter::DEQUE_ITER_TYPE,
                    &raw mut deque_iter::DEQUE_REVITER_TYPE,
                    &raw mut defaultdict::DEFDICT_TYPE,
                    &raw mut tuplegetter::TUPLEGETTER_TYPE,
                ],
            )
        }
    })
}
