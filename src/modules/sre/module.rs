//! The `_sre` module itself: `compile`, `template`, `getcodesize`, the
//! case helpers the compiler calls (`ascii_iscased`, `unicode_iscased`,
//! `ascii_tolower`, `unicode_tolower`) and the constants `MAGIC`,
//! `CODESIZE`, `MAXREPEAT`, `MAXGROUPS`, `copyright`.
use super::chars;
use super::constants::{MAGIC, MAXGROUPS, MAXREPEAT};
use super::pattern::{self, require};
use super::template;
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::modules::args::arity;
use crate::object::descr::{method, METHOD_END};
use crate::object::str_methods::parse_fast_kw;
use crate::object::{bool as pybool, dict, float, int, list, number, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};

/// The `int` argument of the case helpers (Argument Clinic's `int`).
unsafe fn character(name: &str, args: *const *mut PyObject, nargs: Py_ssize_t) -> PyResult<u32> {
    // SAFETY: fastcall arguments.
    unsafe {
        let args = crate::capi::call::arg_slice(args, nargs as usize);
        arity(name, args, 1, 1)?;
        if float::check(args[0]) {
            return Err(errors::type_error(
                "'float' object cannot be interpreted as an integer",
            ));
        }
        let v = int::as_i64(number::index(args[0])?.as_ptr())?;
        if v < i32::MIN as i64 || v > i32::MAX as i64 {
            return Err(errors::overflow_error(
                "Python int too large to convert to C int",
            ));
        }
        Ok(v as i32 as u32)
    }
}

macro_rules! char_fn {
    ($name:ident, $py:literal, |$c:ident| $body:expr) => {
        unsafe extern "C" fn $name(
            _m: *mut PyObject,
            args: *const *mut PyObject,
            nargs: Py_ssize_t,
        ) -> *mut PyObject {
            guard_obj(|| {
                // SAFETY: fastcall arguments.
                let $c = unsafe { character($py, args, nargs)? };
                $body
            })
        }
    };
}

fn py_bool(b: bool) -> PyResult<Owned> {
    Ok(Owned::from_borrowed_static(pybool::from_bool(b)))
}

char_fn!(ascii_iscased, "ascii_iscased", |c| py_bool(
    c < 128 && (c as u8).is_ascii_alphabetic()
));
char_fn!(unicode_iscased, "unicode_iscased", |c| py_bool(
    c != chars::lower_unicode(c) || c != chars::upper_unicode(c)
));
char_fn!(ascii_tolower, "ascii_tolower", |c| int::from_i64(
    chars::lower_ascii(c) as i32 as i64
));
char_fn!(unicode_tolower, "unicode_tolower", |c| int::from_i64(
    chars::lower_unicode(c) as i32 as i64
));

unsafe extern "C" fn getcodesize(_m: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| int::from_i64(4))
}

unsafe extern "C" fn compile(
    _m: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: fastcall arguments; each is type-checked before use.
        unsafe {
            let [p, flags, code, groups, groupindex, indexgroup] = parse_fast_kw(
                "compile",
                args,
                nargs,
                kwnames,
                [
                    "pattern",
                    "flags",
                    "code",
                    "groups",
                    "groupindex",
                    "indexgroup",
                ],
                0,
                6,
            )?;
            if float::check(flags) {
                return Err(errors::type_error(
                    "'float' object cannot be interpreted as an integer",
                ));
            }
            let flags = int::as_i64(number::index(flags)?.as_ptr())? as c_int;
            require(code, list::check(code), "list", "code")?;
            let groups = pattern::ssize_arg(groups, 0)?;
            require(groupindex, dict::check(groupindex), "dict", "groupindex")?;
            require(indexgroup, tuple::check(indexgroup), "tuple", "indexgroup")?;
            pattern::compile(p, flags, code, groups, groupindex, indexgroup)
        }
    })
}

unsafe extern "C" fn template_fn(
    _m: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: fastcall arguments.
        unsafe {
            let args = crate::capi::call::arg_slice(args, nargs as usize);
            arity("template", args, 2, 2)?;
            if !list::check(args[1]) {
                return Err(errors::type_error(format!(
                    "template() argument 2 must be list, not {}",
                    crate::object::typeobj::type_name(args[1])
                )));
            }
            template::new(args[1])
        }
    })
}

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut SRE_METHODS: [PyMethodDef; 8] = [
    method(c"compile", compile as *const c_void, FK),
    method(c"template", template_fn as *const c_void, METH_FASTCALL),
    method(c"getcodesize", getcodesize as *const c_void, METH_NOARGS),
    method(
        c"ascii_iscased",
        ascii_iscased as *const c_void,
        METH_FASTCALL,
    ),
    method(
        c"unicode_iscased",
        unicode_iscased as *const c_void,
        METH_FASTCALL,
    ),
    method(
        c"ascii_tolower",
        ascii_tolower as *const c_void,
        METH_FASTCALL,
    ),
    method(
        c"unicode_tolower",
        unicode_tolower as *const c_void,
        METH_FASTCALL,
    ),
    METHOD_END,
];

fn create() -> PyResult<Owned> {
    // SAFETY: the interpreter is live; the method table is static.
    unsafe {
        let m = crate::modules::new_module("_sre", &raw mut SRE_METHODS as *mut PyMethodDef)?;
        let d = crate::object::module::dict_of(m.as_ptr());
        let set = |k: &str, v: Owned| dict::set_item(d, pystr::intern(k), v.as_ptr());
        set("MAGIC", int::from_i64(MAGIC)?)?;
        set("CODESIZE", int::from_i64(4)?)?;
        set("MAXREPEAT", int::from_i64(MAXREPEAT as i64)?)?;
        set("MAXGROUPS", int::from_i64(MAXGROUPS as i64)?)?;
        set(
            "copyright",
            pystr::from_str(" SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB ")?,
        )?;
        Ok(m)
    }
}

/// `PyInit__sre`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    guard_obj(create)
}
