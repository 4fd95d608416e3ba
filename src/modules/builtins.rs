//! The `builtins` module: the builtin functions and the names of the
//! builtin types, constants and exceptions.
use crate::ffi::*;
use crate::modules::io::open::io_open;
use crate::object::descr::{method, METHOD_END};
use crate::object::{
    bool as pybool, dict, exceptions as exc, int, list, none, number, protocol, str as pystr,
    tuple, typeobj,
};
use crate::runtime::audit;
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_void;
use std::ptr::null_mut;

/// The `builtins` module (borrowed).
pub fn module() -> *mut PyObject {
    // SAFETY: the interpreter of the current thread state is live.
    unsafe { (*crate::runtime::tstate::get().interp).builtins }
}

/// The `builtins` module's dict (borrowed).
pub fn dict() -> *mut PyObject {
    // SAFETY: the builtins module exists once the interpreter is set up.
    unsafe { crate::object::module::dict_of(module()) }
}

use crate::modules::args::{arity, builtin, no_kwargs, Args};

builtin!(bi_print, |args, kws| {
    let mut sep = None;
    let mut end = None;
    let mut file = none::none();
    let mut flush = false;
    for &(k, v) in &kws {
        match k {
            "sep" => sep = (v != none::none()).then_some(v),
            "end" => end = (v != none::none()).then_some(v),
            "file" => file = v,
            "flush" => flush = protocol::is_true(v)?,
            _ => {
                return Err(errors::type_error(format!(
                    "print() got an unexpected keyword argument '{k}'"
                )))
            }
        }
    }
    let text_of = |o: Option<*mut PyObject>, default: &str, what: &str| -> PyResult<String> {
        match o {
            None => Ok(default.to_string()),
            Some(o) if pystr::check(o) => Ok(pystr::as_str(o)?.to_string()),
            Some(o) => Err(errors::type_error(format!(
                "{what} must be None or a string, not {}",
                typeobj::type_name(o)
            ))),
        }
    };
    let sep = text_of(sep, " ", "sep")?;
    let end = text_of(end, "\n", "end")?;
    if file == none::none() {
        file = crate::modules::sys::get("stdout");
        if file.is_null() {
            return Err(errors::runtime_error("lost sys.stdout"));
        }
        if file == none::none() {
            return Ok(none::owned());
        }
    }
    let file = Owned::from_borrowed(file);
    let file = file.as_ptr();
    // A TextIOWrapper (the usual sys.stdout) is written to directly.
    let direct = (*file).ob_type == &raw mut crate::modules::io::textio::TEXTIO_TYPE;
    let write = if direct {
        None
    } else {
        Some(protocol::getattr_str(file, "write")?)
    };
    let put_obj = |o: *mut PyObject| -> PyResult<()> {
        match &write {
            None => crate::modules::io::textio::write(file, o).map(drop),
            Some(w) => protocol::call_args(w.as_ptr(), &[o]).map(drop),
        }
    };
    let put = |s: &str| -> PyResult<()> { put_obj(pystr::from_str(s)?.as_ptr()) };
    for (i, &a) in args.iter().enumerate() {
        if i > 0 {
            put(&sep)?;
        }
        let s = protocol::str_(a)?;
        put_obj(s.as_ptr())?;
    }
    put(&end)?;
    if flush {
        protocol::call_method_obj(file, "flush", &[])?;
    }
    Ok(none::owned())
});

builtin!(bi_input, |args, kws| {
    no_kwargs("input", &kws)?;
    arity("input", args, 0, 1)?;
    let stream = |name: &str| -> PyResult<Owned> {
        let f = crate::modules::sys::get(name);
        if f.is_null() || f == none::none() {
            return Err(errors::runtime_error(format!("input(): lost sys.{name}")));
        }
        Ok(Owned::from_borrowed(f))
    };
    let stdin = stream("stdin")?;
    let stdout = stream("stdout")?;
    let stderr = stream("stderr")?;
    audit::audit(
        c"builtins.input",
        &[args.first().copied().unwrap_or(none::none())],
    )?;
    if protocol::call_method_obj(stderr.as_ptr(), "flush", &[]).is_err() {
        errors::clear();
    }
    if let Some(&p) = args.first() {
        let s = protocol::str_(p)?;
        protocol::call_method_obj(stdout.as_ptr(), "write", &[s.as_ptr()])?;
    }
    if protocol::call_method_obj(stdout.as_ptr(), "flush", &[]).is_err() {
        errors::clear();
    }
    let line = protocol::call_method_obj(stdin.as_ptr(), "readline", &[])?;
    if !pystr::check(line.as_ptr()) {
        return Err(errors::type_error("object.readline() returned non-string"));
    }
    let n = pystr::len(line.as_ptr()) as usize;
    if n == 0 {
        return Err(errors::set_string(
            exc::PyExc_EOFError,
            "EOF when reading a line",
        ));
    }
    if pystr::read_char(line.as_ptr(), n - 1) == '\n' as u32 {
        return pystr::substring(line.as_ptr(), 0, n - 1);
    }
    Ok(line)
});

builtin!(bi_len, |args, kws| {
    no_kwargs("len", &kws)?;
    arity("len", args, 1, 1)?;
    int::from_i64(protocol::len(args[0])? as i64)
});

builtin!(bi_repr, |args, kws| {
    no_kwargs("repr", &kws)?;
    arity("repr", args, 1, 1)?;
    protocol::repr(args[0])
});

builtin!(bi_ascii, |args, kws| {
    no_kwargs("ascii", &kws)?;
    arity("ascii", args, 1, 1)?;
    protocol::ascii(args[0])
});

builtin!(bi_abs, |args, kws| {
    no_kwargs("abs", &kws)?;
    arity("abs", args, 1, 1)?;
    number::unary_op(args[0], |nb| nb.nb_absolute, "abs()")
});

builtin!(bi_isinstance, |args, kws| {
    no_kwargs("isinstance", &kws)?;
    arity("isinstance", args, 2, 2)?;
    let r = crate::capi::object::PyObject_IsInstance(args[0], args[1]);
    if r < 0 {
        return Err(errors::Raised::assume());
    }
    Ok(Owned::from_borrowed_static(pybool::from_bool(r != 0)))
});

builtin!(bi_issubclass, |args, kws| {
    no_kwargs("issubclass", &kws)?;
    arity("issubclass", args, 2, 2)?;
    let r = crate::capi::object::PyObject_IsSubclass(args[0], args[1]);
    if r < 0 {
        return Err(errors::Raised::assume());
    }
    Ok(Owned::from_borrowed_static(pybool::from_bool(r != 0)))
});

builtin!(bi_getattr, |args, kws| {
    no_kwargs("getattr", &kws)?;
    arity("getattr", args, 2, 3)?;
    if !pystr::check(args[1]) {
        return Err(errors::type_error(format!(
            "attribute name must be string, not '{}'",
            typeobj::type_name(args[1])
        )));
    }
    if args.len() == 3 {
        return Ok(protocol::getattr_opt(args[0], args[1])?
            .unwrap_or_else(|| Owned::from_borrowed(args[2])));
    }
    protocol::getattr(args[0], args[1])
});

builtin!(bi_setattr, |args, kws| {
    no_kwargs("setattr", &kws)?;
    arity("setattr", args, 3, 3)?;
    protocol::setattr(args[0], args[1], args[2])?;
    Ok(none::owned())
});

builtin!(bi_delattr, |args, kws| {
    no_kwargs("delattr", &kws)?;
    arity("delattr", args, 2, 2)?;
    protocol::setattr(args[0], args[1], null_mut())?;
    Ok(none::owned())
});

builtin!(bi_hasattr, |args, kws| {
    no_kwargs("hasattr", &kws)?;
    arity("hasattr", args, 2, 2)?;
    if !pystr::check(args[1]) {
        return Err(errors::type_error(format!(
            "attribute name must be string, not '{}'",
            typeobj::type_name(args[1])
        )));
    }
    Ok(Owned::from_borrowed_static(pybool::from_bool(
        protocol::getattr_opt(args[0], args[1])?.is_some(),
    )))
});

builtin!(bi_id, |args, kws| {
    no_kwargs("id", &kws)?;
    arity("id", args, 1, 1)?;
    let id = int::from_u64(args[0] as usize as u64)?;
    audit::audit(c"builtins.id", &[id.as_ptr()])?;
    Ok(id)
});

builtin!(bi_hash, |args, kws| {
    no_kwargs("hash", &kws)?;
    arity("hash", args, 1, 1)?;
    int::from_i64(protocol::hash(args[0])? as i64)
});

builtin!(bi_iter, |args, kws| {
    no_kwargs("iter", &kws)?;
    arity("iter", args, 1, 2)?;
    if let [callable, sentinel] = args {
        if (*(**callable).ob_type).tp_call.is_none() {
            return Err(errors::type_error("iter(v, w): v must be callable"));
        }
        return crate::object::calliter::new(*callable, *sentinel);
    }
    protocol::get_iter(args[0])
});

builtin!(bi_aiter, |args, kws| {
    no_kwargs("aiter", &kws)?;
    arity("aiter", args, 1, 1)?;
    protocol::get_aiter(args[0])
});

builtin!(bi_anext, |args, kws| {
    no_kwargs("anext", &kws)?;
    arity("anext", args, 1, 2)?;
    let it = args[0];
    let am = (*(*it).ob_type).tp_as_async;
    let Some(f) = (if am.is_null() { None } else { (*am).am_anext }) else {
        return Err(errors::type_error(format!(
            "'{}' object is not an async iterator",
            typeobj::type_name(it)
        )));
    };
    let awaitable = errors::check(f(it))?;
    match args.get(1) {
        Some(&default) => crate::vm::anext::new(awaitable.as_ptr(), default),
        None => Ok(awaitable),
    }
});

builtin!(bi_breakpoint, |args, kws| {
    let hook = crate::modules::sys::get("breakpointhook");
    if hook.is_null() {
        return Err(errors::runtime_error("lost sys.breakpointhook"));
    }
    let hook = Owned::from_borrowed(hook);
    audit::audit(c"builtins.breakpoint", &[hook.as_ptr()])?;
    let names: Vec<*mut PyObject> = kws.iter().map(|&(k, _)| pystr::intern(k)).collect();
    let mut all: Vec<*mut PyObject> = args.to_vec();
    all.extend(kws.iter().map(|&(_, v)| v));
    let kn = tuple::from_slice(&names)?;
    errors::check(crate::capi::call::vectorcall(
        hook.as_ptr(),
        all.as_ptr(),
        args.len(),
        if names.is_empty() {
            null_mut()
        } else {
            kn.as_ptr()
        },
    ))
});

builtin!(bi_next, |args, kws| {
    no_kwargs("next", &kws)?;
    arity("next", args, 1, 2)?;
    let it = args[0];
    if (*(*it).ob_type).tp_iternext.is_none() {
        return Err(errors::type_error(format!(
            "'{}' object is not an iterator",
            typeobj::type_name(it)
        )));
    }
    let next = (*(*it).ob_type).tp_iternext.expect("checked above");
    let v = next(it);
    if !v.is_null() {
        return Ok(Owned::from_raw_unchecked(v));
    }
    if args.len() == 2 {
        if !errors::occurred().is_null() {
            if !errors::matches(exc::PyExc_StopIteration) {
                return Err(errors::Raised::assume());
            }
            errors::clear();
        }
        return Ok(Owned::from_borrowed(args[1]));
    }
    if errors::occurred().is_null() {
        return Err(errors::set_object(exc::PyExc_StopIteration, null_mut()));
    }
    Err(errors::Raised::assume())
});

builtin!(bi_callable, |args, kws| {
    no_kwargs("callable", &kws)?;
    arity("callable", args, 1, 1)?;
    Ok(Owned::from_borrowed_static(pybool::from_bool(
        (*(*args[0]).ob_type).tp_call.is_some(),
    )))
});

builtin!(bi_chr, |args, kws| {
    no_kwargs("chr", &kws)?;
    arity("chr", args, 1, 1)?;
    let i = number::index(args[0])?;
    // An int too large for a C long is out of range too, as in CPython.
    let v = int::as_i64(i.as_ptr()).unwrap_or_else(|_| {
        errors::clear();
        -1
    });
    if !(0..=0x10ffff).contains(&v) {
        return Err(errors::value_error("chr() arg not in range(0x110000)"));
    }
    pystr::from_code_points(std::iter::once(v as u32), 1, v as u32)
});

builtin!(bi_ord, |args, kws| {
    no_kwargs("ord", &kws)?;
    arity("ord", args, 1, 1)?;
    let o = args[0];
    if pystr::check(o) {
        if pystr::len(o) != 1 {
            return Err(errors::type_error(format!(
                "ord() expected a character, but string of length {} found",
                pystr::len(o)
            )));
        }
        return int::from_i64(pystr::read_char(o, 0) as i64);
    }
    let bytes = if crate::object::bytes::check(o) {
        Some(crate::object::bytes::as_slice(o))
    } else if crate::object::bytearray::check(o) {
        Some(crate::object::bytearray::as_slice(o))
    } else {
        None
    };
    if let Some(b) = bytes {
        if b.len() != 1 {
            return Err(errors::type_error(format!(
                "ord() expected a character, but string of length {} found",
                b.len()
            )));
        }
        return int::from_i64(b[0] as i64);
    }
    Err(errors::type_error(format!(
        "ord() expected string of length 1, but {} found",
        typeobj::type_name(o)
    )))
});

unsafe fn min_max(
    name: &str,
    args: Args,
    kws: &[(&str, *mut PyObject)],
    op: i32,
) -> PyResult<Owned> {
    // SAFETY: arguments are valid objects.
    unsafe {
        let mut key = none::none();
        let mut default = null_mut();
        for &(k, v) in kws {
            match k {
                "key" => key = v,
                "default" => default = v,
                _ => {
                    return Err(errors::type_error(format!(
                        "{name}() got an unexpected keyword argument '{k}'"
                    )))
                }
            }
        }
        if args.is_empty() {
            return Err(errors::type_error(format!(
                "{name} expected at least 1 argument, got 0"
            )));
        }
        let iterable = if args.len() == 1 {
            Owned::from_borrowed(args[0])
        } else {
            if !default.is_null() {
                return Err(errors::type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            tuple::from_slice(args)?
        };
        let it = protocol::get_iter(iterable.as_ptr())?;
        let mut best: Option<(Owned, Owned)> = None;
        while let Some(x) = protocol::iter_next(it.as_ptr())? {
            let k = if key == none::none() {
                x.clone()
            } else {
                protocol::call_args(key, &[x.as_ptr()])?
            };
            let better = match &best {
                None => true,
                Some((bk, _)) => protocol::rich_compare_bool(k.as_ptr(), bk.as_ptr(), op)?,
            };
            if better {
                best = Some((k, x));
            }
        }
        match best {
            Some((_, v)) => Ok(v),
            None if !default.is_null() => Ok(Owned::from_borrowed(default)),
            None => Err(errors::value_error(format!(
                "{name}() iterable argument is empty"
            ))),
        }
    }
}

builtin!(bi_min, |args, kws| min_max("min", args, &kws, Py_LT));
builtin!(bi_max, |args, kws| min_max("max", args, &kws, Py_GT));

builtin!(bi_sum, |args, kws| {
    let mut start = None;
    for &(k, v) in &kws {
        if k == "start" {
            start = Some(v);
        } else {
            return Err(errors::type_error(format!(
                "sum() got an unexpected keyword argument '{k}'"
            )));
        }
    }
    arity("sum", args, 1, 2)?;
    let start = start.or(args.get(1).copied());
    if let Some(s) = start {
        if pystr::check(s) {
            return Err(errors::type_error(
                "sum() can't sum strings [use ''.join(seq) instead]",
            ));
        }
        if crate::object::bytes::check(s) {
            return Err(errors::type_error(
                "sum() can't sum bytes [use b''.join(seq) instead]",
            ));
        }
        if crate::object::bytearray::check(s) {
            return Err(errors::type_error(
                "sum() can't sum bytearray [use b''.join(seq) instead]",
            ));
        }
    }
    let acc = match start {
        Some(s) => Owned::from_borrowed(s),
        None => Owned::from_borrowed_static(int::small(0)),
    };
    let it = protocol::get_iter(args[0])?;
    sum_items(acc, it.as_ptr())
});

/// The value of int `op` when it fits an `i64` (`PyLong_AsLongAndOverflow`
/// without the overflow flag); one- and two-digit ints are read inline.
#[inline(always)]
unsafe fn i64_of(op: *mut PyObject) -> Option<i64> {
    // SAFETY: op is an int.
    unsafe { int::small_value(op).or_else(|| int::as_i128(op).and_then(|v| i64::try_from(v).ok())) }
}

/// `sum`'s loop over iterator `it` from `acc`, as CPython's
/// `builtin_sum_impl`: from an exact int, exact ints and bools add up in
/// an `i64` while the total fits; from an exact float, exact floats add up
/// in an `f64` with Neumaier's compensation (CPython 3.12+), ints that fit
/// an `i64` converted as they come; the first other item, and all after
/// it, go through `+`.
unsafe fn sum_items(mut acc: Owned, it: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: acc and the items are valid objects; it is an iterator.
    unsafe {
        let a = acc.as_ptr();
        if let Some(mut total) = int::check_exact(a).then(|| i64_of(a)).flatten() {
            loop {
                let Some(x) = protocol::iter_next(it)? else {
                    return int::from_i64(total);
                };
                let xp = x.as_ptr();
                if int::check_exact(xp) || (*xp).ob_type == &raw mut pybool::PyBool_Type {
                    if let Some(t) = i64_of(xp).and_then(|v| total.checked_add(v)) {
                        total = t;
                        continue;
                    }
                }
                acc = number::add(int::from_i64(total)?.as_ptr(), xp)?;
                break;
            }
        }
        if crate::object::float::check_exact(acc.as_ptr()) {
            use crate::object::float;
            let mut total = float::value(acc.as_ptr());
            let mut c = 0.0f64;
            // The compensation is left out when it is not finite: an
            // infinite or overflowed sum stays what it is, not a NaN.
            let finish = |total: f64, c: f64| {
                if c != 0.0 && c.is_finite() {
                    total + c
                } else {
                    total
                }
            };
            loop {
                let Some(x) = protocol::iter_next(it)? else {
                    return float::from_f64(finish(total, c));
                };
                let xp = x.as_ptr();
                if float::check_exact(xp) {
                    let v = float::value(xp);
                    let t = total + v;
                    c += if total.abs() >= v.abs() {
                        (total - t) + v
                    } else {
                        (v - t) + total
                    };
                    total = t;
                    continue;
                }
                if int::check(xp) {
                    if let Some(v) = i64_of(xp) {
                        total += v as f64;
                        continue;
                    }
                }
                acc = number::add(float::from_f64(finish(total, c))?.as_ptr(), xp)?;
                break;
            }
        }
        while let Some(x) = protocol::iter_next(it)? {
            acc = number::add(acc.as_ptr(), x.as_ptr())?;
        }
        Ok(acc)
    }
}

builtin!(bi_any, |args, kws| {
    no_kwargs("any", &kws)?;
    arity("any", args, 1, 1)?;
    let it = protocol::get_iter(args[0])?;
    while let Some(x) = protocol::iter_next(it.as_ptr())? {
        if protocol::is_true(x.as_ptr())? {
            return Ok(Owned::from_borrowed_static(pybool::py_true()));
        }
    }
    Ok(Owned::from_borrowed_static(pybool::py_false()))
});

builtin!(bi_all, |args, kws| {
    no_kwargs("all", &kws)?;
    arity("all", args, 1, 1)?;
    let it = protocol::get_iter(args[0])?;
    while let Some(x) = protocol::iter_next(it.as_ptr())? {
        if !protocol::is_true(x.as_ptr())? {
            return Ok(Owned::from_borrowed_static(pybool::py_false()));
        }
    }
    Ok(Owned::from_borrowed_static(pybool::py_true()))
});

builtin!(bi_sorted, |args, kws| {
    arity("sorted", args, 1, 1)?;
    let l = list::from_iterable(args[0])?;
    let sort = protocol::getattr_str(l.as_ptr(), "sort")?;
    let names: Vec<*mut PyObject> = kws.iter().map(|(k, _)| pystr::intern(k)).collect();
    let values: Vec<*mut PyObject> = kws.iter().map(|&(_, v)| v).collect();
    let kwnames = tuple::from_slice(&names)?;
    let r = crate::capi::call::vectorcall(
        sort.as_ptr(),
        values.as_ptr(),
        0,
        if kws.is_empty() {
            null_mut()
        } else {
            kwnames.as_ptr()
        },
    );
    errors::check(r)?;
    Ok(l)
});

builtin!(bi_divmod, |args, kws| {
    no_kwargs("divmod", &kws)?;
    arity("divmod", args, 2, 2)?;
    number::binary_op(args[0], args[1], |nb| nb.nb_divmod, "divmod()")
});

builtin!(bi_pow, |args, kws| {
    let [base, exp, modulus] =
        crate::modules::args::bind("pow", args, &kws, ["base", "exp", "mod"], 3, 2)?;
    let (Some(base), Some(exp)) = (base, exp) else {
        unreachable!("bind checks the required arguments")
    };
    number::power(base, exp, modulus.unwrap_or(none::none()))
});

builtin!(bi_round, |args, kws| {
    let mut all: Vec<*mut PyObject> = args.to_vec();
    for &(k, v) in &kws {
        match k {
            "number" if all.is_empty() => all.push(v),
            "ndigits" if all.len() == 1 => all.push(v),
            _ => {
                return Err(errors::type_error(format!(
                    "round() got an unexpected keyword argument '{k}'"
                )))
            }
        }
    }
    arity("round", &all, 1, 2)?;
    let Some(m) = protocol::lookup_special(all[0], "__round__")? else {
        return Err(errors::type_error(format!(
            "type {} doesn't define __round__ method",
            typeobj::type_name(all[0])
        )));
    };
    match all.get(1) {
        Some(&n) if n != none::none() => protocol::call_args(m.as_ptr(), &[n]),
        _ => protocol::call_args(m.as_ptr(), &[]),
    }
});

builtin!(bi_format, |args, kws| {
    no_kwargs("format", &kws)?;
    arity("format", args, 1, 2)?;
    match args.get(1) {
        Some(&s) if pystr::check(s) => crate::object::str_format::format_with(args[0], s),
        Some(&s) => Err(errors::type_error(format!(
            "format() argument 2 must be str, not {}",
            typeobj::type_name(s)
        ))),
        None => crate::object::str_format::format_obj(args[0], ""),
    }
});

/// `bin()`/`oct()`/`hex()`: `PyNumber_ToBase` of the argument's
/// `__index__` (an int subclass's own `__format__` plays no part).
unsafe fn int_to_base(
    name: &str,
    args: Args,
    kws: &[(&str, *mut PyObject)],
    base: libc::c_int,
) -> PyResult<Owned> {
    // SAFETY: arguments valid.
    unsafe {
        no_kwargs(name, kws)?;
        arity(name, args, 1, 1)?;
        errors::check(crate::capi::number::PyNumber_ToBase(args[0], base))
    }
}

builtin!(bi_bin, |args, kws| int_to_base("bin", args, &kws, 2));
builtin!(bi_oct, |args, kws| int_to_base("oct", args, &kws, 8));
builtin!(bi_hex, |args, kws| int_to_base("hex", args, &kws, 16));

builtin!(bi_globals, |args, kws| {
    arity("globals", args, 0, 0)?;
    let f = crate::vm::frame::current();
    if f.is_null() {
        return Err(errors::system_error("globals(): no current frame"));
    }
    Ok(Owned::from_borrowed(crate::vm::frame::fr(f).globals))
});

builtin!(bi_locals, |args, kws| {
    arity("locals", args, 0, 0)?;
    let f = crate::vm::frame::current();
    if f.is_null() {
        return Err(errors::system_error("locals(): no current frame"));
    }
    crate::vm::frame_locals::snapshot(f)
});

builtin!(bi_vars, |args, kws| {
    arity("vars", args, 0, 1)?;
    if args.is_empty() {
        let f = crate::vm::frame::current();
        return crate::vm::frame_locals::snapshot(f);
    }
    protocol::getattr_opt(args[0], crate::interned!("__dict__"))?
        .ok_or_else(|| errors::type_error("vars() argument must have __dict__ attribute"))
});

builtin!(bi_dir, |args, kws| {
    arity("dir", args, 0, 1)?;
    match args.first() {
        Some(&o) => crate::object::dir::dir_of(o),
        None => crate::object::dir::dir_locals(),
    }
});

/// `exec`/`eval` (`builtin_exec_impl` / `builtin_eval_impl`): compiles a
/// string (or takes a code object) and runs it. `exec` also takes the
/// keyword-only `closure`: the cells a code object with free variables
/// needs.
unsafe fn exec_eval(
    name: &str,
    args: Args,
    kws: &[(&str, *mut PyObject)],
    mode: ferrython_compiler::CompileMode,
) -> PyResult<Owned> {
    // SAFETY: arguments valid.
    unsafe {
        let is_exec = name == "exec";
        if args.is_empty() {
            return Err(errors::type_error(format!(
                "{name}() takes at least 1 positional argument (0 given)"
            )));
        }
        // The source is positional-only ("" matches no keyword); closure
        // is exec's alone.
        use crate::modules::args::bind;
        let (bound, closure) = if is_exec {
            let [s, g, l, c] = bind(name, args, kws, ["", "globals", "locals", "closure"], 3, 1)?;
            ([s, g, l], c)
        } else {
            (
                bind(name, args, kws, ["", "globals", "locals"], 3, 1)?,
                None,
            )
        };
        // Absent globals and locals are None, as their defaults are.
        let all = bound.map(|a| a.unwrap_or(none::none()));
        let closure = closure.filter(|&c| c != none::none()).unwrap_or(null_mut());
        let cur = crate::vm::frame::current();
        let mut globals = all
            .get(1)
            .copied()
            .filter(|&g| g != none::none())
            .unwrap_or(null_mut());
        let mut locals = all
            .get(2)
            .copied()
            .filter(|&l| l != none::none())
            .unwrap_or(null_mut());
        if !locals.is_null() && crate::capi::mapping::PyMapping_Check(locals) == 0 {
            return Err(errors::type_error(if is_exec {
                format!(
                    "locals must be a mapping or None, not {}",
                    typeobj::type_name(locals)
                )
            } else {
                "locals must be a mapping".to_string()
            }));
        }
        let caller_locals;
        if globals.is_null() {
            if cur.is_null() {
                return Err(errors::system_error(format!("{name}(): no current frame")));
            }
            globals = crate::vm::frame::fr(cur).globals;
            if locals.is_null() {
                caller_locals = crate::vm::frame_locals::snapshot(cur)?;
                locals = caller_locals.as_ptr();
            }
        } else if !dict::check(globals) {
            return Err(errors::type_error(if is_exec {
                format!(
                    "exec() globals must be a dict, not {}",
                    typeobj::type_name(globals)
                )
            } else if crate::capi::mapping::PyMapping_Check(globals) != 0 {
                "globals must be a real dict; try eval(expr, {}, mapping)".to_string()
            } else {
                "globals must be a dict".to_string()
            }));
        }
        let src = all[0];
        let code_obj = if crate::vm::code::check(src) {
            check_closure(name, src, closure)?;
            Owned::from_borrowed(src)
        } else {
            if !closure.is_null() {
                return Err(errors::type_error(
                    "closure can only be used when source is a code object",
                ));
            }
            let text = if pystr::check(src) {
                let text = pystr::as_str(src)?;
                crate::runtime::source_text::reject_nul(text.as_bytes())?;
                text.to_string()
            } else if crate::object::bytes::check(src) {
                crate::runtime::source_text::decode(
                    crate::object::bytes::as_slice(src),
                    "<string>",
                    crate::runtime::source_text::Origin::String,
                )?
            } else {
                return Err(errors::type_error(format!(
                    "{name}() arg 1 must be a string, bytes or code object"
                )));
            };
            let text = if is_exec {
                text
            } else {
                text.trim_start_matches([' ', '\t']).to_string()
            };
            // Raises the `compile` event.
            crate::runtime::run::compile(&text, "<string>", mode)?
        };
        audit::audit(c"exec", &[code_obj.as_ptr()])?;
        let r =
            crate::vm::call::eval_code_with_closure(code_obj.as_ptr(), globals, locals, closure)?;
        if is_exec {
            return Ok(none::owned());
        }
        Ok(r)
    }
}

/// Checks the `closure` given to `exec`/`eval` (NULL when none) against the
/// free variables of code object `co`: a tuple of exactly that many cells.
unsafe fn check_closure(name: &str, co: *mut PyObject, closure: *mut PyObject) -> PyResult<()> {
    // SAFETY: co is a code object; closure NULL or valid.
    unsafe {
        let nfree = crate::vm::code::data(co).nfrees;
        if nfree == 0 {
            if !closure.is_null() {
                return Err(errors::type_error(
                    "cannot use a closure with this code object",
                ));
            }
            return Ok(());
        }
        if name != "exec" {
            return Err(errors::type_error(format!(
                "code object passed to {name}() may not contain free variables"
            )));
        }
        let ok = !closure.is_null()
            && tuple::check_exact(closure)
            && tuple::items(closure).len() == nfree
            && tuple::items(closure)
                .iter()
                .all(|&c| (*c).ob_type == &raw mut crate::vm::cell::PyCell_Type);
        if !ok {
            return Err(errors::type_error(format!(
                "code object requires a closure of exactly length {nfree}"
            )));
        }
        Ok(())
    }
}

builtin!(bi_exec, |args, kws| exec_eval(
    "exec",
    args,
    &kws,
    ferrython_compiler::CompileMode::Exec
));
builtin!(bi_eval, |args, kws| exec_eval(
    "eval",
    args,
    &kws,
    ferrython_compiler::CompileMode::Eval
));

builtin!(bi_compile, |args, kws| {
    let mut all: Vec<*mut PyObject> = args.to_vec();
    let names = [
        "source",
        "filename",
        "mode",
        "flags",
        "dont_inherit",
        "optimize",
    ];
    all.resize(names.len(), null_mut());
    for &(k, v) in &kws {
        match names.iter().position(|&n| n == k) {
            Some(i) if i >= args.len() => all[i] = v,
            Some(i) => {
                return Err(errors::type_error(format!(
                    "argument for compile() given by name ('{k}') and position ({})",
                    i + 1
                )))
            }
            // Restricting the grammar to an older version is not supported:
            // the newest grammar is always used.
            None if k == "_feature_version" => {}
            None => {
                return Err(errors::type_error(format!(
                    "compile() got an unexpected keyword argument '{k}'"
                )))
            }
        }
    }
    if let Some(i) = all[..3].iter().position(|p| p.is_null()) {
        return Err(errors::type_error(format!(
            "compile() missing required argument '{}' (pos {})",
            names[i],
            i + 1
        )));
    }
    let flags = if all[3].is_null() {
        0
    } else {
        int::as_i64(all[3])?
    };
    let optimize = if all[5].is_null() {
        -1
    } else {
        int::as_i64(all[5])?
    };
    // SAFETY: the filename argument is a live object.
    let filename = unsafe { crate::runtime::fs_codec::fs_decoder(all[1]) }?;
    // SAFETY: the source argument is a live object.
    let is_ast = unsafe { crate::modules::ast::is_ast(all[0]) };
    audit::audit_with(c"compile", || {
        Ok(vec![
            if pystr::check(all[0]) {
                crate::object::bytes::from_slice(pystr::as_str(all[0])?.as_bytes())?
            } else {
                Owned::from_borrowed(all[0])
            },
            if is_ast {
                Owned::from_borrowed_static(crate::object::none::none())
            } else {
                filename.clone()
            },
        ])
    })?;
    let mode = pystr::as_str(all[2])?;
    // A name with lone surrogates (the escaped bytes of a path that is not
    // UTF-8) is not UTF-8 text: the code compiles under a stand-in and
    // then gets the name itself, as CPython's code objects keep it.
    let Some(name) = pystr::as_str_opt(filename.as_ptr()) else {
        let stand_in: String = pystr::to_ucs4(filename.as_ptr())
            .into_iter()
            .map(|c| char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
        // SAFETY: the source argument is a live object.
        let r = unsafe {
            crate::modules::ast::compile(all[0], &stand_in, mode, flags, optimize as i32)
        }
        .inspect_err(|_| {
            // SAFETY: a SyntaxError is raised: its filename is the name
            // itself, not the stand-in.
            unsafe {
                if errors::matches(crate::object::exceptions::PyExc_SyntaxError) {
                    let e = errors::current();
                    let set = protocol::setattr(e, crate::interned!("filename"), filename.as_ptr());
                    debug_assert!(set.is_ok());
                }
            }
        })?;
        if crate::vm::code::check(r.as_ptr()) {
            crate::vm::code::set_filename(r.as_ptr(), filename.as_ptr());
        }
        return Ok(r);
    };
    // SAFETY: the source argument is a live object.
    unsafe { crate::modules::ast::compile(all[0], name, mode, flags, optimize as i32) }
});

builtin!(bi_build_class, |args, kws| crate::vm::classes::build_class(
    args, &kws
));

builtin!(bi_import, |args, kws| {
    let [name, globals, _locals, fromlist, level] = crate::modules::io::bind(
        "__import__",
        args,
        &kws,
        ["name", "globals", "locals", "fromlist", "level"],
        1,
    )?;
    crate::runtime::import::import_module_level(
        name.unwrap_or(null_mut()),
        globals.unwrap_or(null_mut()),
        fromlist.unwrap_or(null_mut()),
        level.unwrap_or(int::small(0)),
    )
});

const FK: libc::c_int = METH_FASTCALL | METH_KEYWORDS;

macro_rules! table {
    ($($name:literal => $f:ident, $doc:expr),* $(,)?) => {
        [$(method($name, $f as *const c_void, FK).with_doc($doc),)* METHOD_END]
    };
}

/// The functions of `builtins`, each with its doc (the signature line
/// first where one signature describes it; the text is ours).
static mut BUILTIN_METHODS: [PyMethodDef; 46] = table![
    c"print" => bi_print,
    c"print($module, /, *args, sep=' ', end='\\n', file=None, flush=False)\n--\n\nWrite the arguments to a stream (sys.stdout unless file is given).\n\nThe arguments are converted with str() and written with sep between\nthem and end after the last; flush=True flushes the stream afterwards.",
    c"input" => bi_input,
    c"input($module, prompt='', /)\n--\n\nRead one line from standard input and return it without its newline.\n\nThe prompt, if given, is written to standard output first. EOFError\nis raised at the end of the input.",
    c"open" => io_open,
    crate::modules::io::open::DOC,
    c"len" => bi_len,
    c"len($module, obj, /)\n--\n\nThe number of items in a container.",
    c"repr" => bi_repr,
    c"repr($module, obj, /)\n--\n\nThe printable representation of an object.\n\nFor many types, eval(repr(obj)) == obj.",
    c"ascii" => bi_ascii,
    c"ascii($module, obj, /)\n--\n\nLike repr(), with characters outside ASCII written as escapes.",
    c"abs" => bi_abs,
    c"abs($module, x, /)\n--\n\nThe absolute value of x.",
    c"isinstance" => bi_isinstance,
    c"isinstance($module, obj, class_or_tuple, /)\n--\n\nWhether obj is an instance of the class (or of a subclass of it).\n\nA tuple of classes, as in isinstance(x, (A, B, ...)), tests each of\nthem: the result is True when any one matches.",
    c"issubclass" => bi_issubclass,
    c"issubclass($module, cls, class_or_tuple, /)\n--\n\nWhether cls is the class or a subclass of it.\n\nA tuple of classes, as in issubclass(x, (A, B, ...)), tests each of\nthem: the result is True when any one matches.",
    c"getattr" => bi_getattr,
    c"getattr(object, name[, default]) -> value\n\nThe attribute called name of object: getattr(x, 'y') is x.y.\nWithout default, a missing attribute raises AttributeError; with it,\ndefault is returned instead.",
    c"setattr" => bi_setattr,
    c"setattr($module, obj, name, value, /)\n--\n\nAssign value to the attribute called name of obj.\n\nsetattr(x, 'y', v) does x.y = v.",
    c"delattr" => bi_delattr,
    c"delattr($module, obj, name, /)\n--\n\nDelete the attribute called name of obj.\n\ndelattr(x, 'y') does del x.y.",
    c"hasattr" => bi_hasattr,
    c"hasattr($module, obj, name, /)\n--\n\nWhether obj has an attribute called name.\n\nIt calls getattr(obj, name) and sees whether AttributeError is raised.",
    c"id" => bi_id,
    c"id($module, obj, /)\n--\n\nAn integer that identifies obj among the objects alive at the same time.",
    c"hash" => bi_hash,
    c"hash($module, obj, /)\n--\n\nThe hash value of obj.\n\nObjects that compare equal have the same hash; the reverse need not hold.",
    c"iter" => bi_iter,
    c"iter(iterable) -> iterator\niter(callable, sentinel) -> iterator\n\nAn iterator over iterable; or, with a sentinel, an iterator that calls\ncallable with no arguments until it returns sentinel.",
    c"next" => bi_next,
    c"next(iterator[, default])\n\nThe next item of iterator. When it is exhausted, default is returned if\ngiven, else StopIteration is raised.",
    c"aiter" => bi_aiter,
    c"aiter($module, async_iterable, /)\n--\n\nThe asynchronous iterator of an asynchronous iterable.",
    c"anext" => bi_anext,
    c"anext($module, aiterator, default=<unrepresentable>, /)\n--\n\nAn awaitable for the next item of an asynchronous iterator.\n\nWhen the iterator is exhausted, the awaitable gives default if given,\nelse raises StopAsyncIteration.",
    c"breakpoint" => bi_breakpoint,
    c"breakpoint($module, /, *args, **kws)\n--\n\nEnter the debugger through sys.breakpointhook(*args, **kws).\n\nBy default the hook starts pdb.",
    c"callable" => bi_callable,
    c"callable($module, obj, /)\n--\n\nWhether obj can be called.\n\nClasses are callable; so are instances of classes with __call__().",
    c"chr" => bi_chr,
    c"chr($module, i, /)\n--\n\nThe one-character string of the code point i (0 <= i <= 0x10ffff).",
    c"ord" => bi_ord,
    c"ord($module, c, /)\n--\n\nThe code point of a one-character string (or the byte value of a\none-byte bytes or bytearray object).",
    c"min" => bi_min,
    c"min(iterable, *[, default=obj, key=func]) -> value\nmin(arg1, arg2, *args, *[, key=func]) -> value\n\nThe smallest item of an iterable, or of two or more arguments.\n\nkey, if given, maps each item to what is compared. For an empty\niterable, default is returned if given, else ValueError is raised.",
    c"max" => bi_max,
    c"max(iterable, *[, default=obj, key=func]) -> value\nmax(arg1, arg2, *args, *[, key=func]) -> value\n\nThe largest item of an iterable, or of two or more arguments.\n\nkey, if given, maps each item to what is compared. For an empty\niterable, default is returned if given, else ValueError is raised.",
    c"sum" => bi_sum,
    c"sum($module, iterable, /, start=0)\n--\n\nThe total of start and the items of iterable, added left to right.\n\nMeant for numbers; strings are refused (use ''.join instead).",
    c"any" => bi_any,
    c"any($module, iterable, /)\n--\n\nTrue if some item of iterable is true; False for an empty one.",
    c"all" => bi_all,
    c"all($module, iterable, /)\n--\n\nTrue if every item of iterable is true; True for an empty one.",
    c"sorted" => bi_sorted,
    c"sorted($module, iterable, /, *, key=None, reverse=False)\n--\n\nA new list of the items of iterable in ascending order.\n\nkey maps each item to what is compared, and reverse=True sorts in\ndescending order. The sort is stable.",
    c"divmod" => bi_divmod,
    c"divmod($module, x, y, /)\n--\n\nThe pair (x//y, x%y), for which div*y + mod == x.",
    c"pow" => bi_pow,
    c"pow($module, /, base, exp, mod=None)\n--\n\nbase**exp, or base**exp % mod when mod is given.\n\nWith mod, the result is computed more efficiently than the two\noperations one after the other.",
    c"round" => bi_round,
    c"round($module, /, number, ndigits=None)\n--\n\nnumber rounded to ndigits digits after the decimal point.\n\nWithout ndigits (or with None) the result is an int; otherwise it has\nthe type of number. Halfway cases go to the even neighbour.",
    c"format" => bi_format,
    c"format($module, value, format_spec='', /)\n--\n\nvalue formatted by its type's __format__ with format_spec.\n\nhelp('FORMATTING') describes the format specifications of the builtin\ntypes.",
    c"bin" => bi_bin,
    c"bin($module, number, /)\n--\n\nThe binary text of an integer, as in bin(5) == '0b101'.",
    c"oct" => bi_oct,
    c"oct($module, number, /)\n--\n\nThe octal text of an integer, as in oct(8) == '0o10'.",
    c"hex" => bi_hex,
    c"hex($module, number, /)\n--\n\nThe hexadecimal text of an integer, as in hex(255) == '0xff'.",
    c"globals" => bi_globals,
    c"globals($module, /)\n--\n\nThe dictionary of the global variables of the current scope.\n\nChanges to it change the globals.",
    c"locals" => bi_locals,
    c"locals($module, /)\n--\n\nA mapping of the local variables of the current scope.\n\nIn a function it is a snapshot; whether changes to it reach the local\nvariables depends on the scope.",
    c"vars" => bi_vars,
    c"vars([object]) -> dictionary\n\nWithout an argument, the same as locals(); with one, object.__dict__.",
    c"dir" => bi_dir,
    c"dir([object]) -> list of strings\n\nThe sorted names of the attributes of object, or, without an argument,\nthe names in the current scope.\n\nAn object's __dir__() decides; otherwise modules list their globals,\nclasses their attributes and those of their bases, and other objects\ntheir own attributes, their class's and its bases'.",
    c"exec" => bi_exec,
    c"exec($module, source, /, globals=None, locals=None, *, closure=None)\n--\n\nRun source (a string or a code object) in globals and locals.\n\nBy default they are the current ones; with only globals, locals is the\nsame mapping. closure supplies the cells of a code object's free\nvariables.",
    c"eval" => bi_eval,
    c"eval($module, source, /, globals=None, locals=None)\n--\n\nEvaluate source (an expression string or a code object) in globals and\nlocals and return its value.\n\nBy default they are the current ones; with only globals, locals is the\nsame mapping.",
    c"compile" => bi_compile,
    c"compile($module, /, source, filename, mode, flags=0,\n        dont_inherit=False, optimize=-1, *, _feature_version=-1)\n--\n\nCompile source into a code object for exec() or eval(), or into an AST.\n\nsource is a string, bytes or an AST object; filename is used in error\nmessages; mode is 'exec' for statements, 'eval' for one expression or\n'single' for one interactive statement. flags and dont_inherit choose\nthe compiler options and future features; optimize is the level.",
    c"__build_class__" => bi_build_class,
    c"__build_class__(func, name, /, *bases, [metaclass], **kwds) -> class\n\nMake a class: the class statement's helper.",
    c"__import__" => bi_import,
    c"__import__($module, /, name, globals=None, locals=None, fromlist=(),\n           level=0)\n--\n\nImport a module: the import statement's helper.\n\nimportlib.import_module() is the function to call from programs. level\n0 is an absolute import; a positive level counts the parent packages\nfor a relative one; fromlist names what 'from name import ...' takes.",
];

/// Creates the `builtins` module of a new interpreter: functions, types,
/// constants and exceptions; stores its dict in the interpreter.
pub fn create() -> PyResult<Owned> {
    // SAFETY: the types are ready; the method table is static.
    unsafe {
        let m = crate::object::module::new(crate::interned!("builtins"))?;
        let d = crate::object::module::dict_of(m.as_ptr());
        let table = &raw mut BUILTIN_METHODS;
        for i in 0..(*table).len() - 1 {
            let ml = (table as *mut PyMethodDef).add(i);
            let f = crate::object::methodobject::new(
                ml,
                m.as_ptr(),
                crate::interned!("builtins"),
                null_mut(),
            )?;
            dict::set_item(d, pystr::intern_cstr((*ml).ml_name)?, f.as_ptr())?;
        }
        let set = |name: &str, v: *mut PyObject| dict::set_item(d, pystr::intern(name), v);
        set(
            "__doc__",
            pystr::from_str(
                "The builtin functions, types, exceptions and constants: names that\n\
                 every module finds when its globals lack them.\n\n\
                 None stands for no value, Ellipsis is the '...' literal and\n\
                 NotImplemented is what binary special methods return for operands\n\
                 they do not handle.",
            )?
            .as_ptr(),
        )?;
        set("None", none::none())?;
        set("Ellipsis", none::ellipsis())?;
        set("NotImplemented", none::not_implemented())?;
        set("True", pybool::py_true())?;
        set("False", pybool::py_false())?;
        // False under -O, as CPython sets it from the optimization level.
        set(
            "__debug__",
            pybool::from_bool(crate::runtime::config::optimization_level() == 0),
        )?;
        set(
            "__spec__",
            crate::runtime::import::builtin_spec("builtins")?.as_ptr(),
        )?;
        set("__package__", pystr::from_str("")?.as_ptr())?;
        for tp in crate::runtime::lifecycle::builtin_type_names() {
            set(typeobj::short_name(tp), tp.cast())?;
        }
        for tp in exc::all_types() {
            set(typeobj::short_name(tp), tp.cast())?;
        }
        set("EnvironmentError", exc::PyExc_OSError)?;
        set("IOError", exc::PyExc_OSError)?;
        Ok(m)
    }
}
