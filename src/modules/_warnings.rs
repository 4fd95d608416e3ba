//! The `_warnings` module (CPython's `Python/_warnings.c`), as far as the
//! import system needs it: `warn` and `warn_explicit`, carried out by the
//! `warnings` module's own implementation (its filters, registries and
//! `showwarning`). The filter state is not kept here, so `warnings` uses
//! its pure-Python version of all of it.
use crate::ffi::*;
use crate::modules::args::builtin;
use crate::object::descr::{method, METHOD_END};
use crate::object::{dict, protocol, str as pystr, tuple};
use crate::runtime::errors::PyResult;
use crate::Owned;
use libc::{c_int, c_void};

/// Calls `warnings.<name>(*args, **kws)`.
unsafe fn delegate(
    name: &str,
    args: &[*mut PyObject],
    kws: &[(&str, *mut PyObject)],
) -> PyResult<Owned> {
    // SAFETY: the arguments are valid objects.
    unsafe {
        let warnings = crate::runtime::import::import_absolute("warnings")?;
        let f = protocol::getattr_str(warnings.as_ptr(), name)?;
        let pos = tuple::from_slice(args)?;
        let kw = dict::new()?;
        for &(k, v) in kws {
            dict::set_item(kw.as_ptr(), pystr::from_str(k)?.as_ptr(), v)?;
        }
        protocol::call(f.as_ptr(), pos.as_ptr(), kw.as_ptr())
    }
}

// `_warnings.warn(message, category=None, stacklevel=1, source=None, *,
// skip_file_prefixes=())`.
builtin!(warn, |args, kws| delegate("warn", args, &kws));

// `_warnings.warn_explicit(message, category, filename, lineno, ...)`.
builtin!(warn_explicit, |args, kws| delegate(
    "warn_explicit",
    args,
    &kws
));

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut METHODS: [PyMethodDef; 3] = [
    method(c"warn", warn as *const c_void, FK),
    method(c"warn_explicit", warn_explicit as *const c_void, FK),
    METHOD_END,
];

static mut DEF: PyModuleDef = crate::modules::module_def::def(
    c"_warnings",
    c"_warnings provides basic warning filtering support.\nIt is a helper module to speed up interpreter start-up.",
    (&raw mut METHODS).cast(),
    std::ptr::null_mut(),
);

/// `PyInit__warnings`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    // SAFETY: DEF is a static module definition.
    unsafe { crate::capi::module::PyModuleDef_Init(&raw mut DEF) }
}
