//! Argument handling shared by the builtin modules' functions, which use
//! the `METH_FASTCALL | METH_KEYWORDS` convention.
use crate::ffi::*;
use crate::object::{str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};

pub type Args<'a> = &'a [*mut PyObject];

/// Splits fastcall arguments into positional and (name, value) keywords.
pub unsafe fn split<'a>(
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> (Args<'a>, Vec<(&'a str, *mut PyObject)>) {
    // SAFETY: args holds nargs + len(kwnames) objects.
    unsafe {
        let n = nargs as usize;
        let nkw = if kwnames.is_null() {
            0
        } else {
            tuple::size(kwnames) as usize
        };
        let all = crate::capi::call::arg_slice(args, n + nkw);
        let kws = if nkw == 0 {
            Vec::new()
        } else {
            tuple::items(kwnames)
                .iter()
                .zip(&all[n..])
                .map(|(&k, &v)| (pystr::as_str(k).unwrap_or(""), v))
                .collect()
        };
        (&all[..n], kws)
    }
}

pub fn no_kwargs(name: &str, kws: &[(&str, *mut PyObject)]) -> PyResult<()> {
    if kws.is_empty() {
        Ok(())
    } else {
        Err(errors::type_error(format!(
            "{name}() takes no keyword arguments"
        )))
    }
}

pub fn arity(name: &str, args: Args, min: usize, max: usize) -> PyResult<()> {
    let n = args.len();
    if n >= min && n <= max {
        return Ok(());
    }
    Err(errors::type_error(if min == max {
        if min == 1 {
            format!("{name}() takes exactly one argument ({n} given)")
        } else {
            format!("{name} expected {min} arguments, got {n}")
        }
    } else if n < min {
        format!(
            "{name} expected at least {min} argument{}, got {n}",
            if min == 1 { "" } else { "s" }
        )
    } else {
        format!(
            "{name} expected at most {max} argument{}, got {n}",
            if max == 1 { "" } else { "s" }
        )
    }))
}

macro_rules! builtin_fn {
    ($vis:vis $name:ident, |$args:ident, $kws:ident| $body:expr) => {
        $vis unsafe extern "C" fn $name(
            _m: *mut $crate::ffi::PyObject,
            args: *const *mut $crate::ffi::PyObject,
            nargs: $crate::ffi::Py_ssize_t,
            kwnames: *mut $crate::ffi::PyObject,
        ) -> *mut $crate::ffi::PyObject {
            $crate::capi::boundary::guard_obj(|| {
                // SAFETY: fastcall arguments per the METH_FASTCALL contract.
                #[allow(unused_variables)]
                let ($args, $kws) = unsafe { $crate::modules::args::split(args, nargs, kwnames) };
                #[allow(unused_unsafe)]
                unsafe {
                    $body
                }
            })
        }
    };
}

pub(crate) use builtin_fn as builtin;
