//! Object types whose instance state is a Rust value: the layout `Obj<T>`
//! (object header, then `T`), generic `tp_dealloc` / `tp_traverse` /
//! `tp_clear` slots, allocation through the type's `tp_alloc` (so Python
//! subclasses work), constructor-argument matching, and the method-table
//! macros. The types of `itertools`, `_collections`, `_functools` and
//! `_operator` are built on it.
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::type_template;
use crate::object::{dict, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::{c_int, c_void};
use std::ffi::CStr;
use std::ptr::null_mut;

/// An object of a type defined here: the header, then the Rust state.
#[repr(C)]
pub struct Obj<T> {
    pub ob_base: PyObject,
    pub state: T,
}

/// The visitor a state's `traverse` calls on each object it references.
pub type Visit<'a> = &'a mut dyn FnMut(*mut PyObject) -> c_int;

/// What the generic GC slots need from an instance state.
pub trait State {
    /// Calls `visit` on every object the state references (`tp_traverse`);
    /// returns the first nonzero result.
    fn traverse(&self, visit: Visit) -> c_int;
    /// Drops the references that may form cycles (`tp_clear`).
    fn clear(&mut self);
}

/// Object references a state holds: visiting and clearing them.
pub trait Refs {
    fn visit(&self, v: Visit) -> c_int;
    fn clear_refs(&mut self);
}

impl Refs for Option<Owned> {
    fn visit(&self, v: Visit) -> c_int {
        self.as_ref().map_or(0, |o| v(o.as_ptr()))
    }
    fn clear_refs(&mut self) {
        drop(self.take());
    }
}

impl Refs for Vec<Owned> {
    fn visit(&self, v: Visit) -> c_int {
        self.iter()
            .map(|o| v(o.as_ptr()))
            .find(|&r| r != 0)
            .unwrap_or(0)
    }
    fn clear_refs(&mut self) {
        drop(std::mem::take(self));
    }
}

impl Refs for std::collections::VecDeque<Owned> {
    fn visit(&self, v: Visit) -> c_int {
        self.iter()
            .map(|o| v(o.as_ptr()))
            .find(|&r| r != 0)
            .unwrap_or(0)
    }
    fn clear_refs(&mut self) {
        drop(std::mem::take(self));
    }
}

/// Implements [`State`] for a struct from the list of its reference fields
/// (each an `Option<Owned>`, `Vec<Owned>` or `VecDeque<Owned>`).
macro_rules! state_refs {
    ($t:ty $(, $f:ident)*) => {
        impl $crate::modules::objtype::State for $t {
            fn traverse(&self, _v: $crate::modules::objtype::Visit) -> libc::c_int {
                $(
                    let r = $crate::modules::objtype::Refs::visit(&self.$f, _v);
                    if r != 0 {
                        return r;
                    }
                )*
                0
            }
            fn clear(&mut self) {
                $($crate::modules::objtype::Refs::clear_refs(&mut self.$f);)*
            }
        }
    };
}
pub(crate) use state_refs;

/// The pointer held by an optional reference, NULL when empty.
#[inline]
pub fn ptr(o: &Option<Owned>) -> *mut PyObject {
    o.as_ref().map_or(null_mut(), Owned::as_ptr)
}

/// A new reference to a borrowed object, as an optional field value.
#[inline]
pub unsafe fn some(p: *mut PyObject) -> Option<Owned> {
    // SAFETY: the caller passes a valid object or NULL.
    unsafe {
        if p.is_null() {
            None
        } else {
            Some(Owned::from_borrowed(p))
        }
    }
}

/// The state of `op`, an instance of a type whose layout is `Obj<T>`.
#[inline]
pub unsafe fn state<'a, T>(op: *mut PyObject) -> &'a mut T {
    // SAFETY: the caller guarantees the layout.
    unsafe { &mut (*op.cast::<Obj<T>>()).state }
}

/// Allocates an instance of `tp` (a type built on `Obj<T>`, or a subclass)
/// holding `st`, and tracks it when the type is collected.
pub unsafe fn new_obj<T>(tp: *mut PyTypeObject, st: T) -> PyResult<Owned> {
    // SAFETY: tp's basic size covers Obj<T>; tp_alloc returns zeroed memory.
    unsafe {
        let alloc = (*tp)
            .tp_alloc
            .unwrap_or(crate::capi::allocation::PyType_GenericAlloc);
        let op = alloc(tp, 0);
        if op.is_null() {
            return Err(Raised::assume());
        }
        std::ptr::write(&mut (*op.cast::<Obj<T>>()).state, st);
        if crate::object::alloc::type_is_gc(tp) {
            crate::object::gc::track(op);
        }
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// `tp_new` of an `Obj<T>` type whose new instances hold `T::default()`
/// whatever the arguments (`tp_init` reads them).
pub unsafe extern "C" fn new_default<T: Default>(
    tp: *mut PyTypeObject,
    _args: *mut PyObject,
    _kwds: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: tp is the Obj<T> type whose tp_new this is, or a subclass.
    crate::capi::boundary::guard_obj(|| unsafe { new_obj(tp, T::default()) })
}

/// `tp_dealloc` of an `Obj<T>` type: weak references, the state (which
/// owns the instance dict when the type has one), then the memory.
pub unsafe extern "C" fn dealloc<T>(op: *mut PyObject) {
    // SAFETY: refcount reached zero; the layout is Obj<T>, its state written
    // by new_obj.
    unsafe {
        let tp = (*op).ob_type;
        if crate::object::alloc::type_is_gc(tp) {
            crate::object::gc::untrack(op);
        }
        if (*tp).tp_weaklistoffset > 0 {
            crate::object::weakref::clear_weakrefs(op);
        }
        std::ptr::drop_in_place(&mut (*op.cast::<Obj<T>>()).state);
        match (*tp).tp_free {
            Some(free) => free(op.cast()),
            None => crate::object::alloc::gc_free(op.cast()),
        }
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(tp.cast());
        }
    }
}

/// `tp_traverse` of an `Obj<T>` type.
pub unsafe extern "C" fn traverse<T: State>(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> c_int {
    let Some(visit) = visit else { return 0 };
    // SAFETY: op has the Obj<T> layout; visit is the collector's callback.
    unsafe { state::<T>(op).traverse(&mut |o| visit(o, arg)) }
}

/// `tp_clear` of an `Obj<T>` type.
pub unsafe extern "C" fn clear<T: State>(op: *mut PyObject) -> c_int {
    // SAFETY: op has the Obj<T> layout.
    unsafe { state::<T>(op).clear() };
    0
}

/// A collected type whose instances are `Obj<T>`; the caller adds the
/// behaviour slots and flags (`Py_TPFLAGS_BASETYPE` where CPython allows
/// subclassing).
pub const fn gc_type<T: State>(name: &'static CStr, flags: std::ffi::c_ulong) -> PyTypeObject {
    PyTypeObject {
        tp_flags: flags | Py_TPFLAGS_HAVE_GC,
        tp_dealloc: Some(dealloc::<T>),
        tp_traverse: Some(traverse::<T>),
        tp_clear: Some(clear::<T>),
        tp_free: Some(crate::capi::gc::PyObject_GC_Del),
        ..type_template(name, std::mem::size_of::<Obj<T>>(), 0)
    }
}

/// Matches a constructor call's `args` (tuple) and `kwargs` (dict or NULL)
/// to the parameter `names`: the first `npos` are positional-only (their
/// names are only for messages), the first `required` must be given.
/// Missing arguments are NULL.
pub unsafe fn parse<const N: usize>(
    fname: &str,
    args: *mut PyObject,
    kwargs: *mut PyObject,
    names: [&str; N],
    npos: usize,
    required: usize,
) -> PyResult<[*mut PyObject; N]> {
    // SAFETY: args a tuple; kwargs NULL or a dict.
    unsafe {
        let pos = tuple::items(args);
        if pos.len() > N {
            return Err(errors::type_error(if N == required {
                format!(
                    "{fname}() takes exactly {N} argument{} ({} given)",
                    if N == 1 { "" } else { "s" },
                    pos.len()
                )
            } else {
                format!(
                    "{fname}() takes at most {N} argument{} ({} given)",
                    if N == 1 { "" } else { "s" },
                    pos.len()
                )
            }));
        }
        let mut out = [null_mut(); N];
        out[..pos.len()].copy_from_slice(pos);
        if !kwargs.is_null() && dict::len(kwargs) != 0 {
            if npos == N {
                return Err(errors::type_error(format!(
                    "{fname}() takes no keyword arguments"
                )));
            }
            let mut it = 0;
            while let Some((k, v)) = dict::next(kwargs, &mut it) {
                let key = pystr::as_str(k)?;
                match names.iter().position(|&n| n == key) {
                    Some(i) if i >= npos => {
                        if !out[i].is_null() {
                            return Err(errors::type_error(format!(
                                "argument for {fname}() given by name ('{key}') and position ({})",
                                i + 1
                            )));
                        }
                        out[i] = v;
                    }
                    Some(_) => {
                        return Err(errors::type_error(format!(
                            "{fname}() got some positional-only arguments passed as keyword arguments: '{key}'"
                        )))
                    }
                    None => {
                        return Err(errors::type_error(format!(
                            "{fname}() got an unexpected keyword argument '{key}'"
                        )))
                    }
                }
            }
        }
        if let Some(i) = out[..required].iter().position(|p| p.is_null()) {
            return Err(errors::type_error(if i < npos {
                format!(
                    "{fname}() takes at least {required} positional argument{} ({} given)",
                    if required == 1 { "" } else { "s" },
                    pos.len()
                )
            } else {
                format!(
                    "{fname}() missing required argument '{}' (pos {})",
                    names[i],
                    i + 1
                )
            }));
        }
        Ok(out)
    }
}

/// Raises `TypeError` when more than `max` positional arguments were given
/// (the rest of the parameters are keyword-only).
pub unsafe fn max_positional(fname: &str, args: *mut PyObject, max: usize) -> PyResult<()> {
    // SAFETY: args is a tuple.
    let n = unsafe { tuple::size(args) } as usize;
    if n > max {
        return Err(errors::type_error(format!(
            "{fname}() takes at most {max} positional argument{} ({n} given)",
            if max == 1 { "" } else { "s" }
        )));
    }
    Ok(())
}

/// Raises `TypeError` when a constructor that takes no keywords got some
/// (`_PyArg_NoKeywords`).
pub unsafe fn no_keywords(fname: &str, kwargs: *mut PyObject) -> PyResult<()> {
    // SAFETY: kwargs NULL or a dict.
    if !kwargs.is_null() && unsafe { dict::len(kwargs) } != 0 {
        return Err(errors::type_error(format!(
            "{fname}() takes no keyword arguments"
        )));
    }
    Ok(())
}

/// The short name of `op`'s type, as reprs show it (`_PyType_Name`).
pub unsafe fn type_short_name(op: *mut PyObject) -> &'static str {
    // SAFETY: op valid.
    unsafe { crate::object::typeobj::short_name((*op).ob_type) }
}

/// Defines a `METH_NOARGS` method: `|self| -> PyResult<Owned>`.
macro_rules! meth_noargs {
    ($vis:vis $name:ident, |$slf:ident| $body:expr) => {
        $vis unsafe extern "C" fn $name(
            $slf: *mut $crate::ffi::PyObject,
            _unused: *mut $crate::ffi::PyObject,
        ) -> *mut $crate::ffi::PyObject {
            $crate::capi::boundary::guard_obj(|| {
                #[allow(unused_unsafe)]
                unsafe {
                    $body
                }
            })
        }
    };
}
pub(crate) use meth_noargs;

/// Defines a `METH_O` method: `|self, arg| -> PyResult<Owned>`.
macro_rules! meth_o {
    ($vis:vis $name:ident, |$slf:ident, $arg:ident| $body:expr) => {
        $vis unsafe extern "C" fn $name(
            $slf: *mut $crate::ffi::PyObject,
            $arg: *mut $crate::ffi::PyObject,
        ) -> *mut $crate::ffi::PyObject {
            $crate::capi::boundary::guard_obj(|| {
                #[allow(unused_unsafe)]
                unsafe {
                    $body
                }
            })
        }
    };
}
pub(crate) use meth_o;

/// Defines a `METH_FASTCALL` method: `|self, args| -> PyResult<Owned>`.
macro_rules! meth_fast {
    ($vis:vis $name:ident, |$slf:ident, $args:ident| $body:expr) => {
        $vis unsafe extern "C" fn $name(
            $slf: *mut $crate::ffi::PyObject,
            args: *const *mut $crate::ffi::PyObject,
            nargs: $crate::ffi::Py_ssize_t,
        ) -> *mut $crate::ffi::PyObject {
            $crate::capi::boundary::guard_obj(|| {
                // SAFETY: fastcall arguments per the METH_FASTCALL contract.
                let $args = unsafe { $crate::capi::call::arg_slice(args, nargs as usize) };
                #[allow(unused_unsafe)]
                unsafe {
                    $body
                }
            })
        }
    };
}
pub(crate) use meth_fast;

/// Creates a builtin module `name` with the functions of `methods` (a
/// static table, terminated) and the static `types` (readied and added
/// under their short names).
pub unsafe fn new_module(
    name: &str,
    methods: *mut PyMethodDef,
    types: &[*mut PyTypeObject],
) -> PyResult<Owned> {
    // SAFETY: the tables are static and live for the process.
    unsafe {
        let m = crate::modules::new_module(name, methods)?;
        for &tp in types {
            if crate::capi::module::PyModule_AddType(m.as_ptr(), tp) < 0 {
                return Err(Raised::assume());
            }
        }
        Ok(m)
    }
}

/// The `tp_getset` of a type whose instances have a `__dict__` slot
/// (`tp_dictoffset`): exposes it as `__dict__`, which may be replaced by
/// another dict but not deleted.
pub static DICT_GETSET: [PyGetSetDef; 2] = [
    crate::object::descr::getset(
        c"__dict__",
        Some(crate::object::object::PyObject_GenericGetDict),
        Some(crate::object::object::PyObject_GenericSetDict),
    ),
    crate::object::descr::GETSET_END,
];
