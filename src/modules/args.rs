//! Argument handling shared by the builtin modules' functions, which use
//! the `METH_FASTCALL | METH_KEYWORDS` convention.
use crate::ffi::*;
use crate::object::{int, number, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use std::ffi::c_int;

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

/// Checks that between `min` and `max` positional arguments were given,
/// with CPython's messages: those of `METH_NOARGS` and `METH_O` functions
/// for none and exactly one (`name` is then what CPython shows, e.g.
/// `sys.intern`), else `_PyArg_CheckPositional`'s.
pub fn arity(name: &str, args: Args, min: usize, max: usize) -> PyResult<()> {
    let n = args.len();
    if n >= min && n <= max {
        return Ok(());
    }
    Err(errors::type_error(if max == 0 {
        format!("{name}() takes no arguments ({n} given)")
    } else if min == max {
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
    ($vis:vis $name:ident, |$slf:ident, $args:ident, $kws:ident| $body:expr) => {
        $vis unsafe extern "C" fn $name(
            #[allow(unused_variables)] $slf: *mut $crate::ffi::PyObject,
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

/// Binds fastcall arguments to the parameters `names` as Argument Clinic
/// does: the first `max_pos` may come by position, all by keyword, and the
/// first `required` must be given. Absent optional ones are `None`.
pub fn bind<const N: usize>(
    fname: &str,
    args: Args,
    kws: &[(&str, *mut PyObject)],
    names: [&str; N],
    max_pos: usize,
    required: usize,
) -> PyResult<[Option<*mut PyObject>; N]> {
    let given = args.len() + kws.len();
    if given > N && N > 0 {
        return Err(errors::type_error(format!(
            "{fname}() takes at most {N} {}argument{} ({given} given)",
            if args.is_empty() { "keyword " } else { "" },
            if N == 1 { "" } else { "s" },
        )));
    }
    if args.len() > max_pos {
        return Err(errors::type_error(format!(
            "{fname}() takes {} {max_pos} positional argument{} ({} given)",
            if required == max_pos {
                "exactly"
            } else {
                "at most"
            },
            if max_pos == 1 { "" } else { "s" },
            args.len()
        )));
    }
    let mut out = [None; N];
    for (slot, &a) in out.iter_mut().zip(args) {
        *slot = Some(a);
    }
    // A missing required argument is reported before an unknown keyword,
    // as Argument Clinic's parser does.
    let mut unknown = None;
    for &(k, v) in kws {
        match names.iter().position(|&n| n == k) {
            Some(i) if i < args.len() => {
                return Err(errors::type_error(format!(
                    "argument for {fname}() given by name ('{k}') and position ({})",
                    i + 1
                )))
            }
            Some(i) => out[i] = Some(v),
            None => {
                unknown.get_or_insert(k);
            }
        }
    }
    if let Some(i) = out[..required].iter().position(Option::is_none) {
        return Err(errors::type_error(format!(
            "{fname}() missing required argument '{}' (pos {})",
            names[i],
            i + 1
        )));
    }
    if let Some(k) = unknown {
        return Err(errors::type_error(format!(
            "{fname}() got an unexpected keyword argument '{k}'"
        )));
    }
    Ok(out)
}

/// [`bind`] for a signature whose first `posonly` parameters are
/// positional-only (before a `/`): those names are no keywords, and a
/// call that leaves out a required one fails as Argument Clinic's does.
pub fn bind_posonly<const N: usize>(
    fname: &str,
    args: Args,
    kws: &[(&str, *mut PyObject)],
    names: [&str; N],
    posonly: usize,
    max_pos: usize,
    required: usize,
) -> PyResult<[Option<*mut PyObject>; N]> {
    let need = required.min(posonly);
    if args.len() < need {
        return Err(errors::type_error(format!(
            "{fname}() takes {} {need} positional argument{} ({} given)",
            if max_pos > need {
                "at least"
            } else {
                "exactly"
            },
            if need == 1 { "" } else { "s" },
            args.len()
        )));
    }
    if let Some((k, _)) = kws.iter().find(|(k, _)| names[..posonly].contains(k)) {
        return Err(errors::type_error(format!(
            "{fname}() got an unexpected keyword argument '{k}'"
        )));
    }
    bind(fname, args, kws, names, max_pos, required)
}

/// A C `int` argument as Argument Clinic's `int` converter takes it
/// (`PyLong_AsInt`): `__index__` (so floats are refused), and
/// `OverflowError` "Python int too large to convert to C int".
pub unsafe fn clinic_int(o: *mut PyObject) -> PyResult<c_int> {
    const MSG: &str = "Python int too large to convert to C int";
    // SAFETY: o valid (caller contract); index returns an int.
    let v = unsafe { int::as_i64_or(number::index(o)?.as_ptr(), MSG)? };
    c_int::try_from(v).map_err(|_| errors::overflow_error(MSG))
}

/// A C `int` argument as `PyArg_Parse`'s `i` format takes it: `__index__`
/// (so floats are refused), a C `long`, then `OverflowError` naming the
/// bound it passes.
pub unsafe fn format_i(o: *mut PyObject) -> PyResult<c_int> {
    // SAFETY: o valid (caller contract); index returns an int.
    let v = unsafe { int::as_i64(number::index(o)?.as_ptr())? };
    c_int::try_from(v).map_err(|_| {
        errors::overflow_error(if v < 0 {
            "signed integer is less than minimum"
        } else {
            "signed integer is greater than maximum"
        })
    })
}
