//! The Python-visible methods of `str` (`str.split`, `str.upper`, ...) as
//! a `tp_methods` table, with CPython 3.13's argument rules and messages,
//! and the argument-parsing helpers they share with `str()`.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::str::{self as pystr, from_ucs4, to_ucs4};
use crate::object::typeobj::type_name;
use crate::object::unicode_props::{self as up, Case};
use crate::object::{bool as pybool, descr, dict, int, number, protocol, slice, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_void;

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Matches the arguments of a `METH_FASTCALL | METH_KEYWORDS` call to
/// `names` (the first `posonly` positional-only, the first `required`
/// required); missing ones are NULL. Messages follow Argument Clinic.
pub unsafe fn parse_fast_kw<const N: usize>(
    fname: &str,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
    names: [&str; N],
    posonly: usize,
    required: usize,
) -> PyResult<[*mut PyObject; N]> {
    let nargs = nargs as usize;
    let mut out = [std::ptr::null_mut(); N];
    if nargs > N {
        return Err(errors::type_error(format!(
            "{fname}() takes at most {N} argument{} ({nargs} given)",
            plural(N)
        )));
    }
    // SAFETY: args holds nargs positional then len(kwnames) keyword values.
    unsafe {
        out[..nargs].copy_from_slice(args_slice(args, nargs as Py_ssize_t));
        if !kwnames.is_null() {
            for (j, &k) in tuple::items(kwnames).iter().enumerate() {
                let key = pystr::as_str(k)?;
                let v = *args.add(nargs + j);
                place_keyword(fname, &names, posonly, key, v, &mut out)?;
            }
        }
    }
    check_required(fname, &names, posonly, required, nargs, &out)?;
    Ok(out)
}

/// Matches a `(args tuple, kwargs dict)` call to `names` (no positional-only
/// parameters, none required), as `str()` takes them.
pub unsafe fn parse_tuple_kw<const N: usize>(
    fname: &str,
    args: *mut PyObject,
    kwds: *mut PyObject,
    names: &[&str; N],
) -> PyResult<[*mut PyObject; N]> {
    let mut out = [std::ptr::null_mut(); N];
    // SAFETY: args is a tuple, kwds NULL or a dict.
    unsafe {
        let pos = tuple::items(args);
        let total = pos.len()
            + if kwds.is_null() {
                0
            } else {
                dict::len(kwds) as usize
            };
        if total > N {
            return Err(errors::type_error(format!(
                "{fname}() takes at most {N} argument{} ({total} given)",
                plural(N)
            )));
        }
        out[..pos.len()].copy_from_slice(pos);
        if !kwds.is_null() {
            let mut i = 0;
            while let Some((k, v)) = dict::next(kwds, &mut i) {
                if !pystr::check(k) {
                    return Err(errors::type_error("keywords must be strings"));
                }
                place_keyword(fname, names, 0, pystr::as_str(k)?, v, &mut out)?;
            }
        }
    }
    Ok(out)
}

fn place_keyword<const N: usize>(
    fname: &str,
    names: &[&str; N],
    posonly: usize,
    key: &str,
    v: *mut PyObject,
    out: &mut [*mut PyObject; N],
) -> PyResult<()> {
    match names.iter().position(|n| *n == key) {
        Some(i) if i >= posonly => {
            if !out[i].is_null() {
                return Err(errors::type_error(format!(
                    "argument for {fname}() given by name ('{key}') and position ({})",
                    i + 1
                )));
            }
            out[i] = v;
            Ok(())
        }
        _ => Err(errors::type_error(format!(
            "{fname}() got an unexpected keyword argument '{key}'"
        ))),
    }
}

fn check_required<const N: usize>(
    fname: &str,
    names: &[&str; N],
    posonly: usize,
    required: usize,
    nargs: usize,
    out: &[*mut PyObject; N],
) -> PyResult<()> {
    for i in 0..required {
        if out[i].is_null() {
            if i < posonly {
                return Err(errors::type_error(format!(
                    "{fname}() takes at least {posonly} positional argument{} ({nargs} given)",
                    plural(posonly)
                )));
            }
            return Err(errors::type_error(format!(
                "{fname}() missing required argument '{}' (pos {})",
                names[i],
                i + 1
            )));
        }
    }
    Ok(())
}

/// Checks the count of a positional-only `METH_FASTCALL` call.
fn check_positional(fname: &str, nargs: Py_ssize_t, min: usize, max: usize) -> PyResult<()> {
    let n = nargs as usize;
    if n < min {
        return Err(errors::type_error(format!(
            "{fname} expected {}{min} argument{}, got {n}",
            if min == max { "" } else { "at least " },
            plural(min)
        )));
    }
    if n > max {
        return Err(errors::type_error(format!(
            "{fname} expected {}{max} argument{}, got {n}",
            if min == max { "" } else { "at most " },
            plural(max)
        )));
    }
    Ok(())
}

/// An optional str argument as text: NULL is None; otherwise it must be a
/// str ("{fname}() argument '{arg}' must be str, not T").
pub unsafe fn opt_str_arg<'a>(
    fname: &str,
    arg: &str,
    o: *mut PyObject,
) -> PyResult<Option<&'a str>> {
    if o.is_null() {
        return Ok(None);
    }
    // SAFETY: o valid.
    unsafe {
        if !pystr::check(o) {
            return Err(errors::type_error(format!(
                "{fname}() argument '{arg}' must be str, not {}",
                type_name(o)
            )));
        }
        pystr::as_str(o).map(Some)
    }
}

/// A str argument given by position ("{fname}() argument N must be str, not T").
unsafe fn str_arg(fname: &str, pos: usize, o: *mut PyObject) -> PyResult<*mut PyObject> {
    // SAFETY: o valid.
    unsafe {
        if !pystr::check(o) {
            return Err(errors::type_error(format!(
                "{fname}() argument {pos} must be str, not {}",
                type_name(o)
            )));
        }
        Ok(o)
    }
}

/// An integer argument as `Py_ssize_t` (`OverflowError: Python int too
/// large to convert to C ssize_t` when too large).
unsafe fn ssize_arg(o: *mut PyObject) -> PyResult<Py_ssize_t> {
    // SAFETY: o valid.
    unsafe {
        let i = number::index(o)?;
        int::as_i64_or(i.as_ptr(), "Python int too large to convert to C ssize_t")
            .map(|v| v as Py_ssize_t)
    }
}

unsafe fn args_slice<'a>(args: *const *mut PyObject, nargs: Py_ssize_t) -> &'a [*mut PyObject] {
    if nargs == 0 {
        return &[];
    }
    // SAFETY: the caller passes nargs valid pointers.
    unsafe { std::slice::from_raw_parts(args, nargs as usize) }
}

/// CPython's `ADJUST_INDICES`: negative indices count from the end, `end`
/// is clipped to `len`; `start` may stay past the end (nothing matches).
fn adjust_indices(start: Py_ssize_t, end: Py_ssize_t, len: usize) -> (usize, usize) {
    let n = len as Py_ssize_t;
    let from_end = |i: Py_ssize_t| if i < 0 { (i + n).max(0) } else { i };
    (from_end(start) as usize, from_end(end).min(n) as usize)
}

/// `start`/`end` of the find family, adjusted as `ADJUST_INDICES` does.
unsafe fn range_args(rest: &[*mut PyObject], len: usize) -> PyResult<(usize, usize)> {
    let get = |i: usize, default: Py_ssize_t| -> PyResult<Py_ssize_t> {
        match rest.get(i) {
            // SAFETY: arguments are valid objects.
            Some(&o) if o != crate::object::none::none() => unsafe { slice::slice_index(o) },
            _ => Ok(default),
        }
    };
    Ok(adjust_indices(get(0, 0)?, get(1, len as Py_ssize_t)?, len))
}

/// A code unit of a string's data (1-byte strings are searched as bytes,
/// everything else as code points).
pub trait Unit: crate::object::fastsearch::Searchable {
    fn cp(self) -> u32;
    /// A new str from units of this width.
    fn build(v: &[Self]) -> PyResult<Owned>;
}

impl Unit for u8 {
    #[inline(always)]
    fn cp(self) -> u32 {
        self as u32
    }
    fn build(v: &[u8]) -> PyResult<Owned> {
        if v.is_ascii() {
            // SAFETY: ASCII is UTF-8.
            return pystr::from_str(unsafe { std::str::from_utf8_unchecked(v) });
        }
        let maxc = v.iter().copied().max().unwrap_or(0) as u32;
        // SAFETY: every unit is a code point <= maxc.
        unsafe { pystr::from_code_points(v.iter().map(|&c| c as u32), v.len(), maxc) }
    }
}

impl Unit for u32 {
    #[inline(always)]
    fn cp(self) -> u32 {
        self
    }
    fn build(v: &[u32]) -> PyResult<Owned> {
        from_ucs4(v)
    }
}

/// Runs `$body` with `$h` and `$n` bound to the units of two strs: bytes
/// when both are 1-byte strings, code points otherwise.
macro_rules! with_units2 {
    ($a:expr, $b:expr, |$h:ident, $n:ident| $body:expr) => {{
        let (a, b) = ($a, $b);
        if pystr::kind(a) == 1 && pystr::kind(b) == 1 {
            let $h: &[u8] = pystr::data_bytes(a);
            let $n: &[u8] = pystr::data_bytes(b);
            $body
        } else {
            let (hv, nv) = (to_ucs4(a), to_ucs4(b));
            let $h: &[u32] = &hv;
            let $n: &[u32] = &nv;
            $body
        }
    }};
}

/// Runs `$body` with `$h` bound to the units of one str.
macro_rules! with_units {
    ($a:expr, |$h:ident| $body:expr) => {{
        let a = $a;
        if pystr::kind(a) == 1 {
            let $h: &[u8] = pystr::data_bytes(a);
            $body
        } else {
            let hv = to_ucs4(a);
            let $h: &[u32] = &hv;
            $body
        }
    }};
}

fn find_at<T: Unit>(hay: &[T], needle: &[T], start: usize, end: usize) -> Option<usize> {
    if end < start || end - start < needle.len() {
        return None;
    }
    T::find(&hay[start..end], needle).map(|p| p + start)
}

fn rfind_at<T: Unit>(hay: &[T], needle: &[T], start: usize, end: usize) -> Option<usize> {
    if end < start || end - start < needle.len() {
        return None;
    }
    T::rfind(&hay[start..end], needle).map(|p| p + start)
}

/// Non-overlapping occurrences of `needle` in `hay[start..end]`, at most `max`.
fn count_in<T: Unit>(hay: &[T], needle: &[T], start: usize, end: usize, max: usize) -> usize {
    if end < start {
        return 0;
    }
    if needle.is_empty() {
        return (end - start + 1).min(max);
    }
    T::count(&hay[start..end], needle, max)
}

/// `PyUnicode_Find` / `str.find` family on code points: the index or None.
pub unsafe fn find_range(
    s: *mut PyObject,
    sub: *mut PyObject,
    start: Py_ssize_t,
    end: Py_ssize_t,
    forward: bool,
) -> Option<usize> {
    // SAFETY: both strs.
    unsafe {
        with_units2!(s, sub, |h, n| {
            let (a, b) = adjust_indices(start, end, h.len());
            if forward {
                find_at(h, n, a, b)
            } else {
                rfind_at(h, n, a, b)
            }
        })
    }
}

/// `PyUnicode_Count`: occurrences of `sub` in `s[start:end]`.
pub unsafe fn count_range(
    s: *mut PyObject,
    sub: *mut PyObject,
    start: Py_ssize_t,
    end: Py_ssize_t,
) -> usize {
    // SAFETY: both strs.
    unsafe {
        with_units2!(s, sub, |h, n| {
            let (a, b) = adjust_indices(start, end, h.len());
            count_in(h, n, a, b, usize::MAX)
        })
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FindOp {
    Find,
    RFind,
    Index,
    RIndex,
    Count,
}

unsafe fn find_family(
    s: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    op: FindOp,
) -> *mut PyObject {
    let name = match op {
        FindOp::Find => "find",
        FindOp::RFind => "rfind",
        FindOp::Index => "index",
        FindOp::RIndex => "rindex",
        FindOp::Count => "count",
    };
    guard_obj(|| {
        check_positional(name, nargs, 1, 3)?;
        // SAFETY: s is a str; args valid.
        unsafe {
            let a = args_slice(args, nargs);
            let sub = str_arg(name, 1, a[0])?;
            let (start, end) = range_args(&a[1..], pystr::len(s) as usize)?;
            let r = with_units2!(s, sub, |hay, sub| match op {
                FindOp::Count => Some(count_in(hay, sub, start, end, usize::MAX)),
                FindOp::Find | FindOp::Index => find_at(hay, sub, start, end),
                _ => rfind_at(hay, sub, start, end),
            });
            if op == FindOp::Count {
                return int::from_i64(r.unwrap_or(0) as i64);
            }
            match (r, op) {
                (Some(i), _) => int::from_i64(i as i64),
                (None, FindOp::Index | FindOp::RIndex) => {
                    Err(errors::value_error("substring not found"))
                }
                (None, _) => int::from_i64(-1),
            }
        }
    })
}

unsafe extern "C" fn str_find(
    s: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { find_family(s, a, n, FindOp::Find) }
}
unsafe extern "C" fn str_rfind(
    s: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { find_family(s, a, n, FindOp::RFind) }
}
unsafe extern "C" fn str_index(
    s: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { find_family(s, a, n, FindOp::Index) }
}
unsafe extern "C" fn str_rindex(
    s: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { find_family(s, a, n, FindOp::RIndex) }
}
unsafe extern "C" fn str_count(
    s: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { find_family(s, a, n, FindOp::Count) }
}

/// `PyUnicode_Tailmatch` / `startswith` core: whether `s[start:end]`
/// starts (`suffix` false) or ends with `sub`.
pub unsafe fn tailmatch(
    s: *mut PyObject,
    sub: *mut PyObject,
    start: Py_ssize_t,
    end: Py_ssize_t,
    suffix: bool,
) -> bool {
    // SAFETY: both strs.
    unsafe {
        with_units2!(s, sub, |h, n| {
            let (a, b) = adjust_indices(start, end, h.len());
            tail(h, n, a, b, suffix)
        })
    }
}

fn tail<T: Unit>(h: &[T], n: &[T], start: usize, end: usize, suffix: bool) -> bool {
    if end < start || end - start < n.len() {
        return false;
    }
    if suffix {
        &h[end - n.len()..end] == n
    } else {
        &h[start..start + n.len()] == n
    }
}

unsafe fn starts_ends(
    s: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    suffix: bool,
) -> *mut PyObject {
    let name = if suffix { "endswith" } else { "startswith" };
    guard_obj(|| {
        check_positional(name, nargs, 1, 3)?;
        // SAFETY: s is a str; args valid.
        unsafe {
            let a = args_slice(args, nargs);
            let (start, end) = range_args(&a[1..], pystr::len(s) as usize)?;
            let p = a[0];
            let found = if tuple::check(p) {
                let mut any = false;
                for &item in tuple::items(p) {
                    if !pystr::check(item) {
                        return Err(errors::type_error(format!(
                            "tuple for {name} must only contain str, not {}",
                            type_name(item)
                        )));
                    }
                    if with_units2!(s, item, |h, n| tail(h, n, start, end, suffix)) {
                        any = true;
                        break;
                    }
                }
                any
            } else if pystr::check(p) {
                with_units2!(s, p, |h, n| tail(h, n, start, end, suffix))
            } else {
                return Err(errors::type_error(format!(
                    "{name} first arg must be str or a tuple of str, not {}",
                    type_name(p)
                )));
            };
            Ok(Owned::from_borrowed_static(pybool::from_bool(found)))
        }
    })
}

unsafe extern "C" fn str_startswith(
    s: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { starts_ends(s, a, n, false) }
}
unsafe extern "C" fn str_endswith(
    s: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { starts_ends(s, a, n, true) }
}

/// Applies a full case mapping with the Final_Sigma rule for lowercase.
fn map_case(v: &[u32], case: Case, out: &mut Vec<u32>) {
    for (i, &c) in v.iter().enumerate() {
        if c == 0x3a3 && case == Case::Lower {
            out.push(final_sigma(v, i));
        } else {
            up::push_mapped(c, case, out);
        }
    }
}

/// σ or ς for the capital sigma at `v[i]` (Unicode's Final_Sigma context).
fn final_sigma(v: &[u32], i: usize) -> u32 {
    let before = v[..i].iter().rev().find(|&&c| !up::is_case_ignorable(c));
    let mut is_final = before.is_some_and(|&c| up::is_cased(c));
    if is_final {
        let after = v[i + 1..].iter().find(|&&c| !up::is_case_ignorable(c));
        is_final = after.is_none_or(|&c| !up::is_cased(c));
    }
    if is_final {
        0x3c2
    } else {
        0x3c3
    }
}

#[derive(Clone, Copy)]
enum CaseOp {
    Lower,
    Upper,
    Title,
    Capitalize,
    Swapcase,
    Casefold,
}

unsafe fn case_op(s: *mut PyObject, op: CaseOp) -> PyResult<Owned> {
    // SAFETY: s is a str.
    unsafe {
        if pystr::is_ascii(s) {
            let b = pystr::data_bytes(s);
            let mut out = b.to_vec();
            match op {
                CaseOp::Lower | CaseOp::Casefold => out.make_ascii_lowercase(),
                CaseOp::Upper => out.make_ascii_uppercase(),
                CaseOp::Swapcase => out.iter_mut().for_each(|c| {
                    if c.is_ascii_alphabetic() {
                        *c ^= 0x20
                    }
                }),
                CaseOp::Capitalize => {
                    out.make_ascii_lowercase();
                    if let Some(c) = out.first_mut() {
                        c.make_ascii_uppercase();
                    }
                }
                CaseOp::Title => {
                    let mut prev = false;
                    for c in out.iter_mut() {
                        if prev {
                            c.make_ascii_lowercase()
                        } else {
                            c.make_ascii_uppercase()
                        }
                        prev = c.is_ascii_alphabetic();
                    }
                }
            }
            return pystr::from_str(std::str::from_utf8_unchecked(&out));
        }
        let v = to_ucs4(s);
        let mut out = Vec::with_capacity(v.len());
        match op {
            CaseOp::Lower => map_case(&v, Case::Lower, &mut out),
            CaseOp::Upper => map_case(&v, Case::Upper, &mut out),
            CaseOp::Casefold => map_case(&v, Case::Fold, &mut out),
            CaseOp::Title => {
                let mut prev = false;
                for (i, &c) in v.iter().enumerate() {
                    if !prev {
                        up::push_mapped(c, Case::Title, &mut out);
                    } else if c == 0x3a3 {
                        out.push(final_sigma(&v, i));
                    } else {
                        up::push_mapped(c, Case::Lower, &mut out);
                    }
                    prev = up::is_cased(c);
                }
            }
            CaseOp::Capitalize => {
                for (i, &c) in v.iter().enumerate() {
                    if i == 0 {
                        up::push_mapped(c, Case::Title, &mut out);
                    } else if c == 0x3a3 {
                        out.push(final_sigma(&v, i));
                    } else {
                        up::push_mapped(c, Case::Lower, &mut out);
                    }
                }
            }
            CaseOp::Swapcase => {
                for (i, &c) in v.iter().enumerate() {
                    if up::is_upper(c) {
                        if c == 0x3a3 {
                            out.push(final_sigma(&v, i));
                        } else {
                            up::push_mapped(c, Case::Lower, &mut out);
                        }
                    } else if up::is_lower(c) {
                        up::push_mapped(c, Case::Upper, &mut out);
                    } else {
                        out.push(c);
                    }
                }
            }
        }
        from_ucs4(&out)
    }
}

unsafe extern "C" fn str_lower(s: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: s is a str.
    guard_obj(|| unsafe { case_op(s, CaseOp::Lower) })
}
unsafe extern "C" fn str_upper(s: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: s is a str.
    guard_obj(|| unsafe { case_op(s, CaseOp::Upper) })
}
unsafe extern "C" fn str_title(s: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: s is a str.
    guard_obj(|| unsafe { case_op(s, CaseOp::Title) })
}
unsafe extern "C" fn str_capitalize(s: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: s is a str.
    guard_obj(|| unsafe { case_op(s, CaseOp::Capitalize) })
}
unsafe extern "C" fn str_swapcase(s: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: s is a str.
    guard_obj(|| unsafe { case_op(s, CaseOp::Swapcase) })
}
unsafe extern "C" fn str_casefold(s: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: s is a str.
    guard_obj(|| unsafe { case_op(s, CaseOp::Casefold) })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Pred {
    Alnum,
    Alpha,
    Ascii,
    Decimal,
    Digit,
    Identifier,
    Lower,
    Numeric,
    Printable,
    Space,
    Title,
    Upper,
}

/// `str.isidentifier()` on code units.
pub fn is_identifier<T: Unit>(v: &[T]) -> bool {
    match v.split_first() {
        Some((&first, rest)) => {
            up::is_id_start(first.cp()) && rest.iter().all(|&c| up::is_id_continue(c.cp()))
        }
        None => false,
    }
}

/// Whether str `s` is an identifier (`PyUnicode_IsIdentifier`).
pub unsafe fn str_is_identifier(s: *mut PyObject) -> bool {
    // SAFETY: s is a str.
    unsafe { predicate(s, Pred::Identifier) }
}

unsafe fn predicate(s: *mut PyObject, p: Pred) -> bool {
    // SAFETY: s is a str.
    unsafe {
        if p == Pred::Ascii {
            return pystr::is_ascii(s);
        }
        with_units!(s, |v| pred_units(v, p))
    }
}

fn pred_units<T: Unit>(v: &[T], p: Pred) -> bool {
    let all = |f: fn(u32) -> bool| !v.is_empty() && v.iter().all(|&c| f(c.cp()));
    match p {
        Pred::Alnum => all(up::is_alnum),
        Pred::Alpha => all(up::is_alpha),
        Pred::Ascii => v.iter().all(|&c| c.cp() < 0x80),
        Pred::Decimal => all(up::is_decimal),
        Pred::Digit => all(up::is_digit),
        Pred::Numeric => all(up::is_numeric),
        Pred::Space => all(up::is_space),
        Pred::Printable => v.iter().all(|&c| up::is_printable(c.cp())),
        Pred::Identifier => is_identifier(v),
        Pred::Lower => {
            let mut cased = false;
            for c in v.iter().map(|c| c.cp()) {
                if up::is_upper(c) || up::is_title(c) {
                    return false;
                }
                cased |= up::is_lower(c);
            }
            cased
        }
        Pred::Upper => {
            let mut cased = false;
            for c in v.iter().map(|c| c.cp()) {
                if up::is_lower(c) || up::is_title(c) {
                    return false;
                }
                cased |= up::is_upper(c);
            }
            cased
        }
        Pred::Title => {
            let (mut cased, mut prev) = (false, false);
            for c in v.iter().map(|c| c.cp()) {
                if up::is_upper(c) || up::is_title(c) {
                    if prev {
                        return false;
                    }
                    prev = true;
                    cased = true;
                } else if up::is_lower(c) {
                    if !prev {
                        return false;
                    }
                    prev = true;
                    cased = true;
                } else {
                    prev = false;
                }
            }
            cased
        }
    }
}

macro_rules! pred_fn {
    ($($f:ident => $p:ident;)*) => {$(
        unsafe extern "C" fn $f(s: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
            // SAFETY: s is a str; the bool singletons are immortal.
            unsafe { new_ref(pybool::from_bool(predicate(s, Pred::$p))) }
        }
    )*};
}
pred_fn! {
    str_isalnum => Alnum;
    str_isalpha => Alpha;
    str_isascii => Ascii;
    str_isdecimal => Decimal;
    str_isdigit => Digit;
    str_isidentifier => Identifier;
    str_islower => Lower;
    str_isnumeric => Numeric;
    str_isprintable => Printable;
    str_isspace => Space;
    str_istitle => Title;
    str_isupper => Upper;
}

/// `str.join(iterable)` / `PyUnicode_Join`.
pub unsafe fn join(sep: *mut PyObject, iterable: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: sep is a str, iterable valid.
    unsafe {
        let seq = if tuple::check_exact(iterable) || crate::object::list::check_exact(iterable) {
            Owned::from_borrowed(iterable)
        } else {
            let tp = (*iterable).ob_type;
            let sq = (*tp).tp_as_sequence;
            if (*tp).tp_iter.is_none() && (sq.is_null() || (*sq).sq_item.is_none()) {
                return Err(errors::type_error("can only join an iterable"));
            }
            tuple::from_iterable(iterable)?
        };
        // A list's items are read in place: nothing below runs Python code.
        let items = if tuple::check(seq.as_ptr()) {
            tuple::items(seq.as_ptr())
        } else {
            crate::object::list::items(seq.as_ptr())
        };
        if items.len() == 1 && pystr::check_exact(items[0]) {
            return Ok(Owned::from_borrowed(items[0]));
        }
        let mut maxc = if items.len() > 1 {
            pystr::max_char(sep)
        } else {
            0
        };
        let mut total: Py_ssize_t =
            pystr::len(sep).saturating_mul(items.len().saturating_sub(1) as Py_ssize_t);
        for (i, &it) in items.iter().enumerate() {
            if !pystr::check(it) {
                return Err(errors::type_error(format!(
                    "sequence item {i}: expected str instance, {} found",
                    type_name(it)
                )));
            }
            maxc = maxc.max(pystr::max_char(it));
            total = total.saturating_add(pystr::len(it));
        }
        if items.is_empty() {
            return pystr::empty();
        }
        if total >= Py_ssize_t::MAX / 4 {
            return Err(errors::overflow_error(
                "join() result is too long for a Python string",
            ));
        }
        let res = pystr::new_uninit(total, maxc)?;
        let res = Owned::from_raw_unchecked(res);
        let seplen = pystr::len(sep) as usize;
        let mut at = 0usize;
        for (i, &it) in items.iter().enumerate() {
            if i > 0 && seplen > 0 {
                pystr::copy_chars(res.as_ptr(), at, sep);
                at += seplen;
            }
            pystr::copy_chars(res.as_ptr(), at, it);
            at += pystr::len(it) as usize;
        }
        Ok(res)
    }
}

unsafe extern "C" fn str_join(s: *mut PyObject, it: *mut PyObject) -> *mut PyObject {
    // SAFETY: s is a str.
    guard_obj(|| unsafe { join(s, it) })
}

/// `str.split` / `PyUnicode_Split` (`sep` NULL or None: runs of whitespace).
pub unsafe fn split(
    s: *mut PyObject,
    sep: *mut PyObject,
    maxsplit: Py_ssize_t,
    right: bool,
) -> PyResult<Owned> {
    // SAFETY: s is a str; sep NULL, None or a str.
    unsafe {
        let max = if maxsplit < 0 {
            usize::MAX
        } else {
            maxsplit as usize
        };
        let mut parts: Vec<(usize, usize)> = Vec::with_capacity(8);
        if sep.is_null() || sep == crate::object::none::none() {
            with_units!(s, |v| split_whitespace(v, max, right, &mut parts));
        } else {
            if !pystr::check(sep) {
                return Err(errors::type_error(format!(
                    "must be str or None, not {}",
                    type_name(sep)
                )));
            }
            if pystr::len(sep) == 0 {
                return Err(errors::value_error("empty separator"));
            }
            with_units2!(s, sep, |v, sv| split_on(v, sv, max, right, &mut parts));
        }
        parts_to_list(s, &parts)
    }
}

fn split_on<T: Unit>(v: &[T], sv: &[T], max: usize, right: bool, parts: &mut Vec<(usize, usize)>) {
    if right {
        let mut end = v.len();
        while parts.len() < max {
            match rfind_at(v, sv, 0, end) {
                Some(p) => {
                    parts.push((p + sv.len(), end));
                    end = p;
                }
                None => break,
            }
        }
        parts.push((0, end));
        parts.reverse();
    } else {
        let mut start = 0;
        while parts.len() < max {
            match find_at(v, sv, start, v.len()) {
                Some(p) => {
                    parts.push((start, p));
                    start = p + sv.len();
                }
                None => break,
            }
        }
        parts.push((start, v.len()));
    }
}

fn split_whitespace<T: Unit>(v: &[T], max: usize, right: bool, parts: &mut Vec<(usize, usize)>) {
    let sp = |c: T| up::is_space(c.cp());
    let n = v.len();
    if !right {
        let mut i = 0;
        loop {
            while i < n && sp(v[i]) {
                i += 1;
            }
            if i == n {
                break;
            }
            if parts.len() == max {
                parts.push((i, n));
                break;
            }
            let j = i;
            while i < n && !sp(v[i]) {
                i += 1;
            }
            parts.push((j, i));
        }
    } else {
        let mut i = n;
        loop {
            while i > 0 && sp(v[i - 1]) {
                i -= 1;
            }
            if i == 0 {
                break;
            }
            if parts.len() == max {
                parts.push((0, i));
                break;
            }
            let j = i;
            while i > 0 && !sp(v[i - 1]) {
                i -= 1;
            }
            parts.push((i, j));
        }
        parts.reverse();
    }
}

unsafe fn parts_to_list(s: *mut PyObject, parts: &[(usize, usize)]) -> PyResult<Owned> {
    // SAFETY: s is a str and every part is within it.
    unsafe {
        let items = parts
            .iter()
            .map(|&(a, b)| pystr::substring(s, a, b))
            .collect::<PyResult<Vec<Owned>>>()?;
        crate::object::list::from_vec(items)
    }
}

unsafe fn split_call(
    s: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
    right: bool,
) -> *mut PyObject {
    let name = if right { "rsplit" } else { "split" };
    guard_obj(|| {
        // SAFETY: s is a str; fastcall arguments.
        unsafe {
            let [sep, maxsplit] =
                parse_fast_kw(name, args, nargs, kwnames, ["sep", "maxsplit"], 0, 0)?;
            let max = if maxsplit.is_null() {
                -1
            } else {
                ssize_arg(maxsplit)?
            };
            split(s, sep, max, right)
        }
    })
}

unsafe extern "C" fn str_split(
    s: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
    kw: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { split_call(s, a, n, kw, false) }
}
unsafe extern "C" fn str_rsplit(
    s: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
    kw: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { split_call(s, a, n, kw, true) }
}

/// `str.splitlines` / `PyUnicode_Splitlines`.
pub unsafe fn splitlines(s: *mut PyObject, keepends: bool) -> PyResult<Owned> {
    // SAFETY: s is a str.
    unsafe {
        let v = to_ucs4(s);
        let mut parts = Vec::new();
        let mut i = 0;
        let n = v.len();
        while i < n {
            let start = i;
            while i < n && !up::is_linebreak(v[i]) {
                i += 1;
            }
            let mut eol = i;
            if i < n {
                if v[i] == 0x0d && i + 1 < n && v[i + 1] == 0x0a {
                    i += 2;
                } else {
                    i += 1;
                }
                if keepends {
                    eol = i;
                }
            }
            parts.push((start, eol));
        }
        parts_to_list(s, &parts)
    }
}

unsafe extern "C" fn str_splitlines(
    s: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
    kw: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: s is a str; fastcall arguments.
        unsafe {
            let [keep] = parse_fast_kw("splitlines", a, n, kw, ["keepends"], 0, 0)?;
            let keep = !keep.is_null() && protocol::is_true(keep)?;
            splitlines(s, keep)
        }
    })
}

/// `str.partition` / `rpartition` (and `PyUnicode_Partition`).
pub unsafe fn partition(s: *mut PyObject, sep: *mut PyObject, right: bool) -> PyResult<Owned> {
    // SAFETY: s is a str, sep valid.
    unsafe {
        if !pystr::check(sep) {
            return Err(errors::type_error(format!(
                "must be str, not {}",
                type_name(sep)
            )));
        }
        let (n, sn) = (pystr::len(s) as usize, pystr::len(sep) as usize);
        if sn == 0 {
            return Err(errors::value_error("empty separator"));
        }
        let empty = pystr::from_str("")?;
        let found = with_units2!(s, sep, |v, sv| if right {
            rfind_at(v, sv, 0, n)
        } else {
            find_at(v, sv, 0, n)
        });
        match found {
            Some(p) => {
                let head = pystr::substring(s, 0, p)?;
                let tail = pystr::substring(s, p + sn, n)?;
                tuple::pack(&[head.as_ptr(), sep, tail.as_ptr()])
            }
            None => {
                let whole = pystr::substring(s, 0, n)?;
                if right {
                    tuple::pack(&[empty.as_ptr(), empty.as_ptr(), whole.as_ptr()])
                } else {
                    tuple::pack(&[whole.as_ptr(), empty.as_ptr(), empty.as_ptr()])
                }
            }
        }
    }
}

unsafe extern "C" fn str_partition(s: *mut PyObject, sep: *mut PyObject) -> *mut PyObject {
    // SAFETY: s is a str.
    guard_obj(|| unsafe { partition(s, sep, false) })
}
unsafe extern "C" fn str_rpartition(s: *mut PyObject, sep: *mut PyObject) -> *mut PyObject {
    // SAFETY: s is a str.
    guard_obj(|| unsafe { partition(s, sep, true) })
}

/// `str.replace` / `PyUnicode_Replace`: at most `count` (all if negative).
pub unsafe fn replace(
    s: *mut PyObject,
    old: *mut PyObject,
    new: *mut PyObject,
    count: Py_ssize_t,
) -> PyResult<Owned> {
    // SAFETY: all three are strs.
    unsafe {
        let max = if count < 0 {
            usize::MAX
        } else {
            count as usize
        };
        let r = if pystr::kind(s) == 1 && pystr::kind(old) == 1 && pystr::kind(new) == 1 {
            let (v, ov, nv) = (
                pystr::data_bytes(s),
                pystr::data_bytes(old),
                pystr::data_bytes(new),
            );
            replace_units(v, ov, nv, max).map(|out| u8::build(&out))
        } else {
            let (v, ov, nv) = (to_ucs4(s), to_ucs4(old), to_ucs4(new));
            replace_units(&v, &ov, &nv, max).map(|out| u32::build(&out))
        };
        match r {
            Some(r) => r,
            None => pystr::substring(s, 0, pystr::len(s) as usize),
        }
    }
}

/// `v` with at most `max` occurrences of `ov` replaced by `nv`; None when
/// nothing was replaced.
fn replace_units<T: Unit>(v: &[T], ov: &[T], nv: &[T], max: usize) -> Option<Vec<T>> {
    let mut out = Vec::with_capacity(v.len());
    let mut done = 0;
    if ov.is_empty() {
        for &c in v {
            if done < max {
                out.extend_from_slice(nv);
                done += 1;
            }
            out.push(c);
        }
        if done < max {
            out.extend_from_slice(nv);
            done += 1;
        }
    } else {
        let mut i = 0;
        while done < max {
            match find_at(v, ov, i, v.len()) {
                Some(p) => {
                    out.extend_from_slice(&v[i..p]);
                    out.extend_from_slice(nv);
                    i = p + ov.len();
                    done += 1;
                }
                None => break,
            }
        }
        out.extend_from_slice(&v[i..]);
    }
    (done > 0).then_some(out)
}

unsafe extern "C" fn str_replace(
    s: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
    kw: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: s is a str; fastcall arguments.
        unsafe {
            let [old, new, count] =
                parse_fast_kw("replace", a, n, kw, ["old", "new", "count"], 2, 2)?;
            for (i, o) in [old, new].into_iter().enumerate() {
                if !pystr::check(o) {
                    return Err(errors::type_error(format!(
                        "replace() argument {} must be str, not {}",
                        i + 1,
                        type_name(o)
                    )));
                }
            }
            let count = if count.is_null() {
                -1
            } else {
                ssize_arg(count)?
            };
            replace(s, old, new, count)
        }
    })
}

/// Characters for `strip`: whitespace (None) or the characters of a str.
unsafe fn strip_impl(
    s: *mut PyObject,
    chars: Option<*mut PyObject>,
    left: bool,
    right: bool,
    name: &str,
) -> PyResult<Owned> {
    // SAFETY: s is a str; chars valid if given.
    unsafe {
        let set: Option<Vec<u32>> = match chars {
            None => None,
            Some(c) if c == crate::object::none::none() => None,
            Some(c) if pystr::check(c) => Some(to_ucs4(c)),
            Some(_) => {
                return Err(errors::type_error(format!(
                    "{name} arg must be None or str"
                )))
            }
        };
        let strip_it = |c: u32| match &set {
            None => up::is_space(c),
            Some(cs) => cs.contains(&c),
        };
        let (a, b) = with_units!(s, |v| {
            let mut a = 0;
            let mut b = v.len();
            if left {
                while a < b && strip_it(v[a].cp()) {
                    a += 1;
                }
            }
            if right {
                while b > a && strip_it(v[b - 1].cp()) {
                    b -= 1;
                }
            }
            (a, b)
        });
        pystr::substring(s, a, b)
    }
}

unsafe fn strip_call(
    s: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
    name: &str,
    l: bool,
    r: bool,
) -> *mut PyObject {
    guard_obj(|| {
        check_positional(name, n, 0, 1)?;
        // SAFETY: s is a str; args valid.
        unsafe { strip_impl(s, args_slice(a, n).first().copied(), l, r, name) }
    })
}

unsafe extern "C" fn str_strip(
    s: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { strip_call(s, a, n, "strip", true, true) }
}
unsafe extern "C" fn str_lstrip(
    s: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { strip_call(s, a, n, "lstrip", true, false) }
}
unsafe extern "C" fn str_rstrip(
    s: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { strip_call(s, a, n, "rstrip", false, true) }
}

#[derive(Clone, Copy)]
enum Pad {
    Left,
    Right,
    Center,
}

unsafe fn pad_call(
    s: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
    name: &str,
    how: Pad,
) -> *mut PyObject {
    guard_obj(|| {
        check_positional(name, n, 1, 2)?;
        // SAFETY: s is a str; args valid.
        unsafe {
            let a = args_slice(a, n);
            let width = ssize_arg(a[0])?;
            let fill = match a.get(1) {
                None => 0x20,
                Some(&f) => {
                    if !pystr::check(f) {
                        return Err(errors::type_error(format!(
                            "{name}() argument 2 must be a unicode character, not {}",
                            type_name(f)
                        )));
                    }
                    if pystr::len(f) != 1 {
                        return Err(errors::type_error(
                            "The fill character must be exactly one character long",
                        ));
                    }
                    pystr::read_char(f, 0)
                }
            };
            let len = pystr::len(s);
            if width <= len {
                return pystr::substring(s, 0, len as usize);
            }
            let marg = (width - len) as usize;
            let left = match how {
                Pad::Left => 0,
                Pad::Right => marg,
                Pad::Center => marg / 2 + (marg & width as usize & 1),
            };
            let v = to_ucs4(s);
            let mut out = Vec::with_capacity(width as usize);
            out.resize(left, fill);
            out.extend_from_slice(&v);
            out.resize(width as usize, fill);
            from_ucs4(&out)
        }
    })
}

unsafe extern "C" fn str_ljust(
    s: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { pad_call(s, a, n, "ljust", Pad::Left) }
}
unsafe extern "C" fn str_rjust(
    s: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { pad_call(s, a, n, "rjust", Pad::Right) }
}
unsafe extern "C" fn str_center(
    s: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { pad_call(s, a, n, "center", Pad::Center) }
}

unsafe extern "C" fn str_zfill(s: *mut PyObject, w: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: s is a str; w valid.
        unsafe {
            let width = ssize_arg(w)?;
            let len = pystr::len(s);
            if width <= len {
                return pystr::substring(s, 0, len as usize);
            }
            let v = to_ucs4(s);
            let fill = (width - len) as usize;
            let mut out = Vec::with_capacity(width as usize);
            let sign = matches!(v.first(), Some(0x2b | 0x2d));
            if sign {
                out.push(v[0]);
            }
            out.resize(out.len() + fill, 0x30);
            out.extend_from_slice(&v[sign as usize..]);
            from_ucs4(&out)
        }
    })
}

unsafe extern "C" fn str_expandtabs(
    s: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
    kw: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: s is a str; fastcall arguments.
        unsafe {
            let [ts] = parse_fast_kw("expandtabs", a, n, kw, ["tabsize"], 0, 0)?;
            let tabsize = if ts.is_null() { 8 } else { ssize_arg(ts)? };
            let v = to_ucs4(s);
            let mut out = Vec::with_capacity(v.len());
            let mut col: usize = 0;
            for &c in &v {
                match c {
                    0x09 => {
                        if tabsize > 0 {
                            let k = tabsize as usize - col % tabsize as usize;
                            out.resize(out.len() + k, 0x20);
                            col += k;
                        }
                    }
                    0x0a | 0x0d => {
                        out.push(c);
                        col = 0;
                    }
                    _ => {
                        out.push(c);
                        col += 1;
                    }
                }
            }
            from_ucs4(&out)
        }
    })
}

unsafe fn affix(s: *mut PyObject, p: *mut PyObject, name: &str, suffix: bool) -> PyResult<Owned> {
    // SAFETY: s is a str; p valid.
    unsafe {
        if !pystr::check(p) {
            return Err(errors::type_error(format!(
                "{name}() argument must be str, not {}",
                type_name(p)
            )));
        }
        let v = to_ucs4(s);
        let pv = to_ucs4(p);
        let n = v.len();
        if !pv.is_empty() && tail(&v, &pv, 0, n, suffix) {
            if suffix {
                pystr::substring(s, 0, n - pv.len())
            } else {
                pystr::substring(s, pv.len(), n)
            }
        } else {
            pystr::substring(s, 0, n)
        }
    }
}

unsafe extern "C" fn str_removeprefix(s: *mut PyObject, p: *mut PyObject) -> *mut PyObject {
    // SAFETY: s is a str.
    guard_obj(|| unsafe { affix(s, p, "removeprefix", false) })
}
unsafe extern "C" fn str_removesuffix(s: *mut PyObject, p: *mut PyObject) -> *mut PyObject {
    // SAFETY: s is a str.
    guard_obj(|| unsafe { affix(s, p, "removesuffix", true) })
}

unsafe extern "C" fn str_encode(
    s: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
    kw: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: s is a str; fastcall arguments.
        unsafe {
            let [enc, errs] = parse_fast_kw("encode", a, n, kw, ["encoding", "errors"], 0, 0)?;
            let enc = opt_str_arg("encode", "encoding", enc)?;
            let errs = opt_str_arg("encode", "errors", errs)?;
            pystr::encode(s, enc, errs)
        }
    })
}

/// `str.translate(table)` / `PyUnicode_Translate` without an errors
/// argument: table[ord(c)] is None (delete), an int or a str; a
/// `LookupError` keeps the character.
pub unsafe fn translate(s: *mut PyObject, table: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: s is a str; table valid.
    unsafe {
        let v = to_ucs4(s);
        let mut out = Vec::with_capacity(v.len());
        for &c in &v {
            let key = int::from_i64(c as i64)?;
            let r = match protocol::get_item(table, key.as_ptr()) {
                Ok(r) => r,
                Err(_) => {
                    if errors::matches(crate::object::exceptions::PyExc_LookupError) {
                        errors::clear();
                        out.push(c);
                        continue;
                    }
                    return Err(errors::Raised::assume());
                }
            };
            let r = r.as_ptr();
            if r == crate::object::none::none() {
                continue;
            }
            if int::check(r) {
                let x = int::as_i64(r);
                match x {
                    Ok(x) if (0..0x110000).contains(&x) => out.push(x as u32),
                    _ => {
                        errors::clear();
                        return Err(errors::value_error(
                            "character mapping must be in range(0x110000)",
                        ));
                    }
                }
            } else if pystr::check(r) {
                out.extend(to_ucs4(r));
            } else {
                return Err(errors::type_error(
                    "character mapping must return integer, None or str",
                ));
            }
        }
        from_ucs4(&out)
    }
}

unsafe extern "C" fn str_translate(s: *mut PyObject, t: *mut PyObject) -> *mut PyObject {
    // SAFETY: s is a str.
    guard_obj(|| unsafe { translate(s, t) })
}

unsafe extern "C" fn str_maketrans(
    _: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        check_positional("maketrans", n, 1, 3)?;
        // SAFETY: args valid.
        unsafe {
            let a = args_slice(a, n);
            let out = dict::new()?;
            if a.len() == 1 {
                let d = a[0];
                if !dict::check(d) {
                    return Err(errors::type_error(
                        "if you give only one argument to maketrans it must be a dict",
                    ));
                }
                let mut pos = 0;
                while let Some((k, v)) = dict::next(d, &mut pos) {
                    if pystr::check(k) {
                        if pystr::len(k) != 1 {
                            return Err(errors::value_error(
                                "string keys in translate table must be of length 1",
                            ));
                        }
                        let key = int::from_i64(pystr::read_char(k, 0) as i64)?;
                        dict::set_item(out.as_ptr(), key.as_ptr(), v)?;
                    } else if int::check(k) {
                        dict::set_item(out.as_ptr(), k, v)?;
                    } else {
                        return Err(errors::type_error(
                            "keys in translate table must be strings or integers",
                        ));
                    }
                }
                return Ok(out);
            }
            let x = to_ucs4(str_arg("maketrans", 1, a[0])?);
            let y = to_ucs4(str_arg("maketrans", 2, a[1])?);
            if x.len() != y.len() {
                return Err(errors::value_error(
                    "the first two maketrans arguments must have equal length",
                ));
            }
            for (&k, &v) in x.iter().zip(&y) {
                let (k, v) = (int::from_i64(k as i64)?, int::from_i64(v as i64)?);
                dict::set_item(out.as_ptr(), k.as_ptr(), v.as_ptr())?;
            }
            if let Some(&z) = a.get(2) {
                for c in to_ucs4(str_arg("maketrans", 3, z)?) {
                    let k = int::from_i64(c as i64)?;
                    dict::set_item(out.as_ptr(), k.as_ptr(), crate::object::none::none())?;
                }
            }
            Ok(out)
        }
    })
}

unsafe extern "C" fn str_format_method(s: *mut PyObject, spec: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: s is a str; spec valid.
        unsafe {
            if !pystr::check(spec) {
                return Err(errors::type_error(format!(
                    "__format__() argument must be str, not {}",
                    type_name(spec)
                )));
            }
            crate::object::format_fill::with_spec(spec, |spec| {
                if spec.is_empty() {
                    // A subclass formats as its str(), as int and float do.
                    if !pystr::check_exact(s) {
                        return protocol::str_(s);
                    }
                    return pystr::substring(s, 0, pystr::len(s) as usize);
                }
                let text = pystr::as_str(s)?;
                match crate::object::format_spec::format_str(text, spec) {
                    Ok(r) => pystr::from_str(&r),
                    Err(e) => Err(crate::object::float::format_error(e)),
                }
            })
        }
    })
}

unsafe extern "C" fn str_getnewargs(s: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: s is a str.
        unsafe {
            let c = pystr::copy_exact(s)?;
            tuple::pack(&[c.as_ptr()])
        }
    })
}

/// `str.__sizeof__()` as CPython computes it.
pub unsafe fn sizeof(s: *mut PyObject) -> usize {
    // SAFETY: s is a str.
    unsafe {
        let n = pystr::len(s) as usize;
        let k = pystr::kind(s) as usize;
        let a = s.cast::<PyASCIIObject>();
        let compact = (*a).state & (1 << 5) != 0;
        let mut size = if !compact {
            std::mem::size_of::<PyUnicodeObject>() + (n + 1) * k
        } else if pystr::is_ascii(s) {
            std::mem::size_of::<PyASCIIObject>() + n + 1
        } else {
            std::mem::size_of::<PyCompactUnicodeObject>() + (n + 1) * k
        };
        if !pystr::is_ascii(s) || !compact {
            let c = s.cast::<PyCompactUnicodeObject>();
            if !(*c).utf8.is_null() {
                size += (*c).utf8_length as usize + 1;
            }
        }
        size
    }
}

unsafe extern "C" fn str_sizeof(s: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: s is a str.
    guard_obj(|| int::from_i64(unsafe { sizeof(s) } as i64))
}

const NOARGS: libc::c_int = METH_NOARGS;
const FAST: libc::c_int = METH_FASTCALL;
const FASTKW: libc::c_int = METH_FASTCALL | METH_KEYWORDS;

/// The `tp_methods` of `str`.
pub static mut STR_METHODS: [PyMethodDef; 51] = [
    descr::method(c"encode", str_encode as *const c_void, FASTKW).with_doc(c"encode($self, /, encoding='utf-8', errors='strict')\n--\n\nThe string encoded with a codec.\n\nencoding defaults to 'utf-8'; errors chooses how encoding errors are\nhandled: 'strict' (UnicodeEncodeError), 'ignore', 'replace',\n'xmlcharrefreplace', 'backslashreplace' or any name registered with\ncodecs.register_error."),
    descr::method(c"replace", str_replace as *const c_void, FASTKW).with_doc(c"replace($self, old, new, /, count=-1)\n--\n\nA copy with occurrences of old replaced by new.\n\nA count of -1 (the default) replaces all of them; otherwise at most\ncount, from the left."),
    descr::method(c"split", str_split as *const c_void, FASTKW).with_doc(c"split($self, /, sep=None, maxsplit=-1)\n--\n\nThe pieces of the data split at sep, as a list.\n\nWithout sep (or with None), runs of whitespace separate the pieces and\nempty pieces are dropped. maxsplit, when not -1, caps the number of\nsplits, made from the left."),
    descr::method(c"rsplit", str_rsplit as *const c_void, FASTKW).with_doc(c"rsplit($self, /, sep=None, maxsplit=-1)\n--\n\nThe pieces of the data split at sep, as a list, splitting from the right.\n\nWithout sep (or with None), runs of whitespace separate the pieces and\nempty pieces are dropped. maxsplit, when not -1, caps the number of\nsplits, made from the right."),
    descr::method(c"join", str_join as *const c_void, METH_O).with_doc(c"join($self, iterable, /)\n--\n\nThe strings of iterable concatenated with self between them.\n\nExample: '.'.join(['ab', 'pq', 'rs']) == 'ab.pq.rs'."),
    descr::method(c"capitalize", str_capitalize as *const c_void, NOARGS).with_doc(c"capitalize($self, /)\n--\n\nA copy with the first character upper case and the rest lower case."),
    descr::method(c"casefold", str_casefold as *const c_void, NOARGS).with_doc(c"casefold($self, /)\n--\n\nA copy suited to caseless comparisons."),
    descr::method(c"title", str_title as *const c_void, NOARGS).with_doc(c"title($self, /)\n--\n\nA copy with each word starting upper case and continuing lower case."),
    descr::method(c"center", str_center as *const c_void, FAST).with_doc(c"center($self, width, fillchar=' ', /)\n--\n\nself centered in a result of length width, padded with fillchar."),
    descr::method(c"count", str_count as *const c_void, FAST).with_doc(c"count($self, sub[, start[, end]], /)\n--\n\nThe number of non-overlapping occurrences of sub in self[start:end]."),
    descr::method(c"expandtabs", str_expandtabs as *const c_void, FASTKW).with_doc(c"expandtabs($self, /, tabsize=8)\n--\n\nA copy with each tab replaced by spaces, up to the next multiple of\ntabsize columns."),
    descr::method(c"find", str_find as *const c_void, FAST).with_doc(c"find($self, sub[, start[, end]], /)\n--\n\nThe lowest index of sub in self[start:end] (as an index into self), or\n-1 when it does not occur."),
    descr::method(c"partition", str_partition as *const c_void, METH_O).with_doc(c"partition($self, sep, /)\n--\n\nThe triple (head, sep, tail) around the first occurrence of sep; when\nsep does not occur, (self, empty, empty)."),
    descr::method(c"index", str_index as *const c_void, FAST).with_doc(c"index($self, sub[, start[, end]], /)\n--\n\nThe lowest index of sub in self[start:end] (as an index into self);\nValueError when it does not occur."),
    descr::method(c"ljust", str_ljust as *const c_void, FAST).with_doc(c"ljust($self, width, fillchar=' ', /)\n--\n\nself left-justified in a result of length width, padded with fillchar."),
    descr::method(c"lower", str_lower as *const c_void, NOARGS).with_doc(c"lower($self, /)\n--\n\nA copy with the cased characters in lower case."),
    descr::method(c"lstrip", str_lstrip as *const c_void, FAST).with_doc(c"lstrip($self, chars=None, /)\n--\n\nA copy without leading whitespace (or, when chars is given, without\nleading characters from chars)."),
    descr::method(c"rfind", str_rfind as *const c_void, FAST).with_doc(c"rfind($self, sub[, start[, end]], /)\n--\n\nThe highest index of sub in self[start:end] (as an index into self), or\n-1 when it does not occur."),
    descr::method(c"rindex", str_rindex as *const c_void, FAST).with_doc(c"rindex($self, sub[, start[, end]], /)\n--\n\nThe highest index of sub in self[start:end] (as an index into self);\nValueError when it does not occur."),
    descr::method(c"rjust", str_rjust as *const c_void, FAST).with_doc(c"rjust($self, width, fillchar=' ', /)\n--\n\nself right-justified in a result of length width, padded with fillchar."),
    descr::method(c"rstrip", str_rstrip as *const c_void, FAST).with_doc(c"rstrip($self, chars=None, /)\n--\n\nA copy without trailing whitespace (or, when chars is given, without\ntrailing characters from chars)."),
    descr::method(c"rpartition", str_rpartition as *const c_void, METH_O).with_doc(c"rpartition($self, sep, /)\n--\n\nThe triple (head, sep, tail) around the last occurrence of sep; when\nsep does not occur, (empty, empty, self)."),
    descr::method(c"splitlines", str_splitlines as *const c_void, FASTKW).with_doc(c"splitlines($self, /, keepends=False)\n--\n\nThe lines of self, as a list, split at line boundaries; keepends=True\nkeeps the line breaks in the lines."),
    descr::method(c"strip", str_strip as *const c_void, FAST).with_doc(c"strip($self, chars=None, /)\n--\n\nA copy without leading and trailing whitespace (or, when chars is\ngiven, without leading and trailing characters from chars)."),
    descr::method(c"swapcase", str_swapcase as *const c_void, NOARGS).with_doc(c"swapcase($self, /)\n--\n\nA copy with upper case characters made lower case and lower case ones\nupper case."),
    descr::method(c"translate", str_translate as *const c_void, METH_O).with_doc(c"translate($self, table, /)\n--\n\nA copy with each character mapped through table.\n\ntable maps code points (ints) to code points, strings or None (to\ndelete the character), e.g. a dict made by str.maketrans(); characters\nit does not map are kept."),
    descr::method(c"upper", str_upper as *const c_void, NOARGS).with_doc(c"upper($self, /)\n--\n\nA copy with the cased characters in upper case."),
    descr::method(c"startswith", str_startswith as *const c_void, FAST).with_doc(c"startswith($self, prefix[, start[, end]], /)\n--\n\nTrue if self[start:end] starts with prefix (or with any of a tuple of\nprefixes)."),
    descr::method(c"endswith", str_endswith as *const c_void, FAST).with_doc(c"endswith($self, suffix[, start[, end]], /)\n--\n\nTrue if self[start:end] ends with suffix (or with any of a tuple of\nsuffixes)."),
    descr::method(c"removeprefix", str_removeprefix as *const c_void, METH_O).with_doc(c"removeprefix($self, prefix, /)\n--\n\nA copy without prefix at the start, if it is there; otherwise self\nunchanged."),
    descr::method(c"removesuffix", str_removesuffix as *const c_void, METH_O).with_doc(c"removesuffix($self, suffix, /)\n--\n\nA copy without suffix at the end, if it is there; otherwise self\nunchanged."),
    descr::method(c"isascii", str_isascii as *const c_void, NOARGS).with_doc(c"isascii($self, /)\n--\n\nTrue if every character is ASCII (U+0000 to U+007F); True when empty."),
    descr::method(c"islower", str_islower as *const c_void, NOARGS).with_doc(c"islower($self, /)\n--\n\nTrue if every cased character is lower case and there is at least one."),
    descr::method(c"isupper", str_isupper as *const c_void, NOARGS).with_doc(c"isupper($self, /)\n--\n\nTrue if every cased character is upper case and there is at least one."),
    descr::method(c"istitle", str_istitle as *const c_void, NOARGS).with_doc(c"istitle($self, /)\n--\n\nTrue if it is titlecased: upper case letters only start words and lower\ncase ones only follow cased characters; False when empty."),
    descr::method(c"isspace", str_isspace as *const c_void, NOARGS).with_doc(c"isspace($self, /)\n--\n\nTrue if it is not empty and every character is whitespace."),
    descr::method(c"isdecimal", str_isdecimal as *const c_void, NOARGS).with_doc(c"isdecimal($self, /)\n--\n\nTrue if it is not empty and every character is a decimal digit."),
    descr::method(c"isdigit", str_isdigit as *const c_void, NOARGS).with_doc(c"isdigit($self, /)\n--\n\nTrue if it is not empty and every character is a digit."),
    descr::method(c"isnumeric", str_isnumeric as *const c_void, NOARGS).with_doc(c"isnumeric($self, /)\n--\n\nTrue if it is not empty and every character is numeric."),
    descr::method(c"isalpha", str_isalpha as *const c_void, NOARGS).with_doc(c"isalpha($self, /)\n--\n\nTrue if it is not empty and every character is alphabetic."),
    descr::method(c"isalnum", str_isalnum as *const c_void, NOARGS).with_doc(c"isalnum($self, /)\n--\n\nTrue if it is not empty and every character is alphanumeric."),
    descr::method(c"isidentifier", str_isidentifier as *const c_void, NOARGS).with_doc(c"isidentifier($self, /)\n--\n\nTrue if it is a valid Python identifier (keywords included; see\nkeyword.iskeyword)."),
    descr::method(c"isprintable", str_isprintable as *const c_void, NOARGS).with_doc(c"isprintable($self, /)\n--\n\nTrue if every character is printable (repr() shows it as itself);\nTrue when empty."),
    descr::method(c"zfill", str_zfill as *const c_void, METH_O).with_doc(c"zfill($self, width, /)\n--\n\nself padded with zeros on the left to length width, after any sign."),
    descr::method(
        c"format",
        crate::object::str_format::str_format_meth as *const c_void,
        METH_VARARGS | METH_KEYWORDS,
    ).with_doc(c"format($self, /, *args, **kwargs)\n--\n\nself with its replacement fields ({...}) filled from args and kwargs."),
    descr::method(
        c"format_map",
        crate::object::str_format::str_format_map as *const c_void,
        METH_O,
    ).with_doc(c"format_map($self, mapping, /)\n--\n\nself with its replacement fields ({...}) filled from mapping."),
    descr::method(c"__format__", str_format_method as *const c_void, METH_O).with_doc(c"__format__($self, format_spec, /)\n--\n\nself formatted by format_spec (see format())."),
    descr::method(
        c"maketrans",
        str_maketrans as *const c_void,
        FAST | METH_STATIC,
    ).with_doc(c"maketrans(x, y=<unrepresentable>, z=<unrepresentable>, /)\n--\n\nA translation table for str.translate().\n\nWith one argument, a dict mapping characters (or code points) to code\npoints, strings or None. With two strings of equal length, each\ncharacter of the first maps to the one at the same place in the second;\na third string lists characters to map to None."),
    descr::method(c"__sizeof__", str_sizeof as *const c_void, NOARGS).with_doc(c"__sizeof__($self, /)\n--\n\nThe memory used by self, in bytes."),
    descr::method(c"__getnewargs__", str_getnewargs as *const c_void, NOARGS).with_doc(c"__getnewargs__($self, /)\n--\n\nThe arguments that recreate self, for pickling."),
    descr::METHOD_END,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Vec<u32> {
        s.chars().map(u32::from).collect()
    }

    #[test]
    fn searching() {
        let h = u("abcabcab");
        assert_eq!(find_at(&h, &u("cab"), 0, 8), Some(2));
        assert_eq!(find_at(&h, &u("cab"), 3, 8), Some(5));
        assert_eq!(find_at(&h, &u("cab"), 3, 7), None);
        assert_eq!(rfind_at(&h, &u("ab"), 0, 8), Some(6));
        assert_eq!(rfind_at(&h, &u(""), 2, 5), Some(5));
        assert_eq!(find_at(b"aaa".as_slice(), b"".as_slice(), 4, 3), None);
        assert_eq!(count_in(&h, &u("ab"), 0, 8, usize::MAX), 3);
        assert_eq!(count_in(&h, &u(""), 0, 8, usize::MAX), 9);
        assert_eq!(
            count_in(b"aaaa".as_slice(), b"aa".as_slice(), 0, 4, usize::MAX),
            2
        );
        assert!(tail(&h, &u("cab"), 0, 8, true) && !tail(&h, &u("cab"), 0, 8, false));
        assert_eq!(adjust_indices(-3, -1, 8), (5, 7));
        assert_eq!(adjust_indices(20, 100, 8), (20, 8));
    }

    #[test]
    fn replacing_and_splitting() {
        let r = replace_units(b"a,b,,c".as_slice(), b",".as_slice(), b"--".as_slice(), 2);
        assert_eq!(r.as_deref(), Some(b"a--b--,c".as_slice()));
        assert_eq!(
            replace_units(
                b"ab".as_slice(),
                b"".as_slice(),
                b"-".as_slice(),
                usize::MAX
            )
            .as_deref(),
            Some(b"-a-b-".as_slice())
        );
        assert_eq!(
            replace_units(
                b"ab".as_slice(),
                b"x".as_slice(),
                b"-".as_slice(),
                usize::MAX
            ),
            None
        );
        let mut parts = Vec::new();
        split_whitespace(&u("  a b\u{3000}c  "), 1, false, &mut parts);
        assert_eq!(parts, vec![(2, 3), (4, 9)]);
        parts.clear();
        split_whitespace(&u("  a b c  "), 1, true, &mut parts);
        assert_eq!(parts, vec![(0, 5), (6, 7)]);
        parts.clear();
        split_on(b"a,b,c".as_slice(), b",".as_slice(), 1, true, &mut parts);
        assert_eq!(parts, vec![(0, 3), (4, 5)]);
    }

    #[test]
    fn sigma_and_identifiers() {
        let v = u("ΑΣ Σ'Σ");
        assert_eq!(final_sigma(&v, 1), 0x3c2);
        assert_eq!(final_sigma(&v, 3), 0x3c3);
        assert_eq!(final_sigma(&v, 5), 0x3c2);
        assert!(
            is_identifier(&u("_ñame1")) && !is_identifier(&u("1a")) && !is_identifier::<u32>(&[])
        );
    }
}
