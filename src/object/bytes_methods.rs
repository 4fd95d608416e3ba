//! The methods `bytes` and `bytearray` share (CPython's
//! `Objects/bytes_methods.c` plus the stringlib templates): each C method
//! reads its receiver through [`data`] and builds results of the receiver's
//! own kind through [`make`]. Only ASCII is special for case and class tests.
use crate::ffi::*;
use crate::object::typeobj::type_name;
use crate::object::{
    bytearray, bytes, int, list, none, number, protocol, slice, str as pystr, tuple,
};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use std::borrow::Cow;
use std::ptr::null_mut;

// ---- receivers and arguments -------------------------------------------

/// The contents of a `bytes` or `bytearray` receiver. Valid until Python
/// code next runs (a bytearray may be resized by it).
#[inline]
pub unsafe fn data<'a>(op: *mut PyObject) -> &'a [u8] {
    // SAFETY: op is a bytes or a bytearray.
    unsafe {
        if bytes::check(op) {
            bytes::as_slice(op)
        } else {
            bytearray::as_slice(op)
        }
    }
}

/// A new object of the receiver's kind: `bytes` for bytes (and its
/// subclasses), `bytearray` for bytearrays.
#[inline]
pub unsafe fn make(op: *mut PyObject, v: &[u8]) -> PyResult<Owned> {
    // SAFETY: op is a bytes or a bytearray.
    unsafe {
        if bytes::check(op) {
            bytes::from_slice(v)
        } else {
            bytearray::from_slice(v)
        }
    }
}

/// The receiver itself when it is an exact `bytes` (immutable, so it can
/// stand for an unchanged result), else a copy of `v`.
unsafe fn same_or_make(op: *mut PyObject, v: &[u8]) -> PyResult<Owned> {
    // SAFETY: op valid.
    unsafe {
        if bytes::check_exact(op) && v.len() == data(op).len() {
            return Ok(Owned::from_borrowed(op));
        }
        make(op, v)
    }
}

/// The bytes of a bytes-like object (bytes, bytearray, or any buffer
/// exporter), `None` when it is not one.
pub unsafe fn bytes_like<'a>(o: *mut PyObject) -> PyResult<Option<Cow<'a, [u8]>>> {
    // SAFETY: o valid.
    unsafe { bytes_like_with(o, PyBUF_SIMPLE) }
}

/// `bytes_like`, asking other exporters for a buffer with `flags` (the
/// bytes are copied in C order).
pub unsafe fn bytes_like_with<'a>(
    o: *mut PyObject,
    flags: libc::c_int,
) -> PyResult<Option<Cow<'a, [u8]>>> {
    // SAFETY: o valid.
    unsafe {
        if bytes::check(o) {
            return Ok(Some(Cow::Borrowed(bytes::as_slice(o))));
        }
        if bytearray::check(o) {
            return Ok(Some(Cow::Borrowed(bytearray::as_slice(o))));
        }
        if !crate::object::buffer::check(o) {
            return Ok(None);
        }
        let mut view: Py_buffer = std::mem::zeroed();
        crate::object::buffer::get(o, &mut view, flags)?;
        let v = crate::object::buffer::to_vec(&view, b'C');
        crate::object::buffer::release(&mut view);
        Ok(Some(Cow::Owned(v)))
    }
}

/// A bytes-like argument, else `TypeError: a bytes-like object is
/// required, not 'T'`.
pub unsafe fn need_bytes_like<'a>(o: *mut PyObject) -> PyResult<Cow<'a, [u8]>> {
    // SAFETY: o valid.
    unsafe {
        match bytes_like(o)? {
            Some(b) => Ok(b),
            None => Err(errors::type_error(format!(
                "a bytes-like object is required, not '{}'",
                type_name(o)
            ))),
        }
    }
}

/// How a method reports bad argument counts: the positional-only style
/// (`find expected at least 1 argument, got 0`) or Argument Clinic's
/// (`decode() takes at most 2 arguments (3 given)`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    PosOnly,
    Clinic,
}

/// Binds FASTCALL arguments to `names` (the first `pos_only` of them
/// positional-only); `min` are required.
unsafe fn bind<const N: usize>(
    fname: &str,
    style: Style,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
    names: [&str; N],
    min: usize,
) -> PyResult<[*mut PyObject; N]> {
    // SAFETY: vectorcall arguments: nargs positional then one per kwname.
    unsafe {
        let nargs = nargs as usize;
        let kw: &[*mut PyObject] = if kwnames.is_null() {
            &[]
        } else {
            tuple::items(kwnames)
        };
        let all = crate::capi::call::arg_slice(args, nargs + kw.len());
        let mut out = [null_mut(); N];
        if style == Style::Clinic && nargs + kw.len() > N {
            let given = nargs + kw.len();
            return Err(errors::type_error(format!(
                "{fname}() takes at most {N} argument{} ({given} given)",
                if N == 1 { "" } else { "s" }
            )));
        }
        if nargs > N {
            return Err(errors::type_error(match style {
                Style::PosOnly => format!(
                    "{fname} expected at most {N} argument{}, got {nargs}",
                    if N == 1 { "" } else { "s" }
                ),
                Style::Clinic => format!(
                    "{fname}() takes at most {N} argument{} ({nargs} given)",
                    if N == 1 { "" } else { "s" }
                ),
            }));
        }
        out[..nargs].copy_from_slice(&all[..nargs]);
        if !kw.is_empty() && style == Style::PosOnly {
            return Err(errors::type_error(format!(
                "{fname}() takes no keyword arguments"
            )));
        }
        for (k, &v) in kw.iter().zip(&all[nargs..]) {
            let key = pystr::as_str(*k)?;
            match names.iter().position(|n| *n == key) {
                Some(i) if out[i].is_null() => out[i] = v,
                Some(_) => {
                    return Err(errors::type_error(format!(
                        "argument for {fname}() given by name ('{key}') and position ({})",
                        names.iter().position(|n| *n == key).unwrap() + 1
                    )))
                }
                None => {
                    return Err(errors::type_error(format!(
                        "{fname}() got an unexpected keyword argument '{key}'"
                    )))
                }
            }
        }
        let given = out.iter().take_while(|p| !p.is_null()).count();
        if given < min {
            return Err(errors::type_error(match style {
                Style::PosOnly => format!(
                    "{fname} expected at least {min} argument{}, got {nargs}",
                    if min == 1 { "" } else { "s" }
                ),
                Style::Clinic => format!(
                    "{fname}() missing required argument '{}' (pos {})",
                    names[given],
                    given + 1
                ),
            }));
        }
        Ok(out)
    }
}

/// An optional slice bound (`None`/absent → `default`).
unsafe fn bound(o: *mut PyObject, default: Py_ssize_t) -> PyResult<Py_ssize_t> {
    if o.is_null() || o == none::none() {
        return Ok(default);
    }
    // SAFETY: o valid.
    unsafe { slice::slice_index(o) }
}

/// `ADJUST_INDICES`: clamps `start`/`end` to `[0, len]`.
fn adjust(start: Py_ssize_t, end: Py_ssize_t, len: usize) -> (usize, usize) {
    let len = len as Py_ssize_t;
    let end = if end > len {
        len
    } else if end < 0 {
        (end + len).max(0)
    } else {
        end
    };
    let start = if start < 0 {
        (start + len).max(0)
    } else {
        start
    };
    (start as usize, end as usize)
}

/// A `Py_ssize_t` argument through `__index__` (`OverflowError` past the
/// range).
unsafe fn ssize(o: *mut PyObject) -> PyResult<Py_ssize_t> {
    // SAFETY: o valid.
    unsafe {
        let i = number::index(o)?;
        int::as_i64(i.as_ptr())
            .map(|v| v as Py_ssize_t)
            .map_err(|_| {
                errors::clear();
                errors::overflow_error("Python int too large to convert to C ssize_t")
            })
    }
}

/// A byte value argument: `ValueError` outside `range(0, 256)`.
pub unsafe fn byte_value(o: *mut PyObject) -> PyResult<u8> {
    // SAFETY: o valid.
    unsafe {
        let i = number::index(o)?;
        match int::as_i64(i.as_ptr()) {
            Ok(v) if (0..256).contains(&v) => Ok(v as u8),
            Ok(_) => Err(errors::value_error("byte must be in range(0, 256)")),
            Err(e) => {
                if errors::matches(crate::object::exceptions::PyExc_OverflowError) {
                    errors::clear();
                    return Err(errors::value_error("byte must be in range(0, 256)"));
                }
                Err(e)
            }
        }
    }
}

// ---- pure algorithms -----------------------------------------------------

/// `Py_ISSPACE` for bytes.
#[inline]
pub fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// First index of `needle` in `hay`.
pub fn find_sub(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// Last index of `needle` in `hay`.
pub fn rfind_sub(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::rfind(hay, needle)
}

/// Non-overlapping occurrences of `needle`, at most `max`.
pub fn count_sub(hay: &[u8], needle: &[u8], max: usize) -> usize {
    if needle.is_empty() {
        return (hay.len() + 1).min(max);
    }
    memchr::memmem::find_iter(hay, needle).take(max).count()
}

/// `bytes.replace` on plain data.
pub fn replace(s: &[u8], old: &[u8], new: &[u8], count: Py_ssize_t) -> Vec<u8> {
    let max = if count < 0 {
        usize::MAX
    } else {
        count as usize
    };
    let mut out = Vec::with_capacity(s.len());
    if old.is_empty() {
        let mut n = 0;
        for (i, &c) in s.iter().enumerate() {
            if n < max {
                out.extend_from_slice(new);
                n += 1;
            } else {
                out.extend_from_slice(&s[i..]);
                return out;
            }
            out.push(c);
        }
        if n < max {
            out.extend_from_slice(new);
        }
        return out;
    }
    let (mut i, mut n) = (0, 0);
    while n < max {
        match find_sub(&s[i..], old) {
            Some(p) => {
                out.extend_from_slice(&s[i..i + p]);
                out.extend_from_slice(new);
                i += p + old.len();
                n += 1;
            }
            None => break,
        }
    }
    out.extend_from_slice(&s[i..]);
    out
}

/// Whitespace split (`sep=None`), left to right.
pub fn split_whitespace(s: &[u8], maxsplit: Py_ssize_t) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut max = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    let (mut i, n) = (0, s.len());
    while i < n {
        while i < n && is_space(s[i]) {
            i += 1;
        }
        if i == n {
            break;
        }
        if max == 0 {
            // The remainder keeps its trailing whitespace.
            out.push(&s[i..]);
            break;
        }
        let j = i + s[i..].iter().position(|&c| is_space(c)).unwrap_or(n - i);
        out.push(&s[i..j]);
        max -= 1;
        i = j;
    }
    out
}

/// Whitespace split from the right (`rsplit(None)`), in order.
pub fn rsplit_whitespace(s: &[u8], maxsplit: Py_ssize_t) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut max = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    let mut j = s.len();
    while j > 0 {
        while j > 0 && is_space(s[j - 1]) {
            j -= 1;
        }
        if j == 0 {
            break;
        }
        if max == 0 {
            // The remainder keeps its leading whitespace.
            out.push(&s[..j]);
            break;
        }
        let i = s[..j]
            .iter()
            .rposition(|&c| is_space(c))
            .map_or(0, |p| p + 1);
        out.push(&s[i..j]);
        max -= 1;
        j = i;
    }
    out.reverse();
    out
}

/// Split on a non-empty separator.
pub fn split_sep<'a>(s: &'a [u8], sep: &[u8], maxsplit: Py_ssize_t) -> Vec<&'a [u8]> {
    let max = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    let mut out = Vec::new();
    let mut i = 0;
    while out.len() < max {
        match find_sub(&s[i..], sep) {
            Some(p) => {
                out.push(&s[i..i + p]);
                i += p + sep.len();
            }
            None => break,
        }
    }
    out.push(&s[i..]);
    out
}

/// Split on a non-empty separator from the right, in order.
pub fn rsplit_sep<'a>(s: &'a [u8], sep: &[u8], maxsplit: Py_ssize_t) -> Vec<&'a [u8]> {
    let max = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    let mut out = Vec::new();
    let mut j = s.len();
    while out.len() < max {
        match rfind_sub(&s[..j], sep) {
            Some(p) => {
                out.push(&s[p + sep.len()..j]);
                j = p;
            }
            None => break,
        }
    }
    out.push(&s[..j]);
    out.reverse();
    out
}

/// `splitlines`: `\n`, `\r` and `\r\n` end lines.
pub fn split_lines(s: &[u8], keepends: bool) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let (mut i, n) = (0, s.len());
    while i < n {
        let start = i;
        while i < n && s[i] != b'\n' && s[i] != b'\r' {
            i += 1;
        }
        let mut eol = i;
        if i < n {
            if s[i] == b'\r' && i + 1 < n && s[i + 1] == b'\n' {
                i += 2;
            } else {
                i += 1;
            }
            if keepends {
                eol = i;
            }
        }
        out.push(&s[start..eol]);
    }
    out
}

/// `expandtabs`.
pub fn expand_tabs(s: &[u8], tabsize: Py_ssize_t) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut col: Py_ssize_t = 0;
    for &c in s {
        match c {
            b'\t' => {
                if tabsize > 0 {
                    let n = tabsize - col % tabsize;
                    out.resize(out.len() + n as usize, b' ');
                    col += n;
                }
            }
            b'\n' | b'\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    out
}

/// `title`: uppercase after a non-letter, lowercase after a letter.
pub fn title(s: &[u8]) -> Vec<u8> {
    let mut prev_cased = false;
    s.iter()
        .map(|&c| {
            let r = if c.is_ascii_alphabetic() {
                if prev_cased {
                    c.to_ascii_lowercase()
                } else {
                    c.to_ascii_uppercase()
                }
            } else {
                c
            };
            prev_cased = c.is_ascii_alphabetic();
            r
        })
        .collect()
}

/// `istitle`.
pub fn is_title(s: &[u8]) -> bool {
    let (mut cased, mut prev_cased) = (false, false);
    for &c in s {
        if c.is_ascii_uppercase() {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else if c.is_ascii_lowercase() {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    cased
}

/// `hex(sep, bytes_per_sep)`: groups counted from the right for a positive
/// group size, from the left for a negative one.
pub fn to_hex(s: &[u8], sep: Option<u8>, per: Py_ssize_t) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(s.len() * 3);
    let group = per.unsigned_abs();
    for (i, &c) in s.iter().enumerate() {
        if let (Some(sep), true) = (sep, i > 0 && group > 0) {
            let boundary = if per > 0 {
                (s.len() - i).is_multiple_of(group)
            } else {
                i.is_multiple_of(group)
            };
            if boundary {
                out.push(sep as char);
            }
        }
        out.push(HEX[(c >> 4) as usize] as char);
        out.push(HEX[(c & 15) as usize] as char);
    }
    out
}

/// `bytes.fromhex` on text: pairs of hex digits, whitespace between pairs.
pub fn from_hex(s: &str) -> Result<Vec<u8>, usize> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 2);
    let mut i = 0;
    let digit = |c: u8| (c as char).to_digit(16);
    while i < b.len() {
        if b[i].is_ascii_whitespace() || b[i] == 0x0b {
            i += 1;
            continue;
        }
        let hi = digit(b[i]).ok_or(i)?;
        let lo = b.get(i + 1).and_then(|&c| digit(c)).ok_or(i + 1)?;
        out.push((hi * 16 + lo) as u8);
        i += 2;
    }
    Ok(out)
}

/// The text of `repr(b)` for `bytes` (`b'...'`, CPython's quote choice and
/// escapes).
pub fn repr_text(s: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let quote = if s.contains(&b'\'') && !s.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = Vec::with_capacity(s.len() + 3);
    out.push(b'b');
    out.push(quote);
    for &c in s {
        match c {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            c if c == quote => out.extend_from_slice(&[b'\\', c]),
            0x20..=0x7e => out.push(c),
            _ => out.extend_from_slice(&[
                b'\\',
                b'x',
                HEX[(c >> 4) as usize],
                HEX[(c & 15) as usize],
            ]),
        }
    }
    out.push(quote);
    // SAFETY: every byte pushed is ASCII.
    unsafe { String::from_utf8_unchecked(out) }
}

// ---- the shared C methods ------------------------------------------------

macro_rules! pyfn {
    ($body:expr) => {
        crate::capi::boundary::guard_obj(|| {
            // SAFETY: called by the method-descriptor machinery with a
            // receiver of the right kind and valid arguments.
            #[allow(unused_unsafe)]
            unsafe {
                $body
            }
        })
    };
}

type Fast = unsafe extern "C" fn(*mut PyObject, *const *mut PyObject, Py_ssize_t) -> *mut PyObject;
type FastKw = unsafe extern "C" fn(
    *mut PyObject,
    *const *mut PyObject,
    Py_ssize_t,
    *mut PyObject,
) -> *mut PyObject;
type Unary = unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject;

/// The `sub` of find-like methods: an int byte or bytes-like.
unsafe fn sub_arg<'a>(o: *mut PyObject) -> PyResult<Cow<'a, [u8]>> {
    // SAFETY: o valid.
    unsafe {
        if let Some(b) = bytes_like(o)? {
            return Ok(b);
        }
        let nb = (*(*o).ob_type).tp_as_number;
        if int::check(o) || (!nb.is_null() && (*nb).nb_index.is_some()) {
            return Ok(Cow::Owned(vec![byte_value(o)?]));
        }
        Err(errors::type_error(format!(
            "argument should be integer or bytes-like object, not '{}'",
            type_name(o)
        )))
    }
}

#[derive(Clone, Copy)]
enum FindKind {
    Find,
    RFind,
    Index,
    RIndex,
    Count,
}

unsafe fn find_impl(
    op: *mut PyObject,
    args: *const *mut PyObject,
    n: Py_ssize_t,
    name: &str,
    kind: FindKind,
) -> PyResult<Owned> {
    // SAFETY: op is a bytes/bytearray; args per FASTCALL.
    unsafe {
        let [sub, start, end] = bind(
            name,
            Style::PosOnly,
            args,
            n,
            null_mut(),
            ["sub", "start", "end"],
            1,
        )?;
        let sub = sub_arg(sub)?;
        let start = bound(start, 0)?;
        let end = bound(end, Py_ssize_t::MAX)?;
        let s = data(op);
        let (a, b) = adjust(start, end, s.len());
        if a > s.len() || a > b {
            return match kind {
                FindKind::Count => int::from_i64(0),
                FindKind::Index | FindKind::RIndex => {
                    Err(errors::value_error("subsection not found"))
                }
                _ => int::from_i64(-1),
            };
        }
        let hay = &s[a..b];
        let found = match kind {
            FindKind::Count => return int::from_i64(count_sub(hay, &sub, usize::MAX) as i64),
            FindKind::Find | FindKind::Index => find_sub(hay, &sub),
            FindKind::RFind | FindKind::RIndex => rfind_sub(hay, &sub),
        };
        match (found, kind) {
            (Some(p), _) => int::from_i64((p + a) as i64),
            (None, FindKind::Index | FindKind::RIndex) => {
                Err(errors::value_error("subsection not found"))
            }
            (None, _) => int::from_i64(-1),
        }
    }
}

/// `find(sub[, start[, end]])`.
pub unsafe extern "C" fn b_find(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    pyfn!(find_impl(op, a, n, "find", FindKind::Find))
}
/// `rfind(sub[, start[, end]])`.
pub unsafe extern "C" fn b_rfind(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    pyfn!(find_impl(op, a, n, "rfind", FindKind::RFind))
}
/// `index(sub[, start[, end]])`.
pub unsafe extern "C" fn b_index(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    pyfn!(find_impl(op, a, n, "index", FindKind::Index))
}
/// `rindex(sub[, start[, end]])`.
pub unsafe extern "C" fn b_rindex(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    pyfn!(find_impl(op, a, n, "rindex", FindKind::RIndex))
}
/// `count(sub[, start[, end]])`.
pub unsafe extern "C" fn b_count(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    pyfn!(find_impl(op, a, n, "count", FindKind::Count))
}

unsafe fn tailmatch_impl(
    op: *mut PyObject,
    args: *const *mut PyObject,
    n: Py_ssize_t,
    name: &str,
    at_end: bool,
) -> PyResult<Owned> {
    // SAFETY: op is a bytes/bytearray.
    unsafe {
        let [prefix, start, end] = bind(
            name,
            Style::PosOnly,
            args,
            n,
            null_mut(),
            ["prefix", "start", "end"],
            1,
        )?;
        let start = bound(start, 0)?;
        let end = bound(end, Py_ssize_t::MAX)?;
        let candidates: Vec<*mut PyObject> = if tuple::check(prefix) {
            tuple::items(prefix).to_vec()
        } else {
            vec![prefix]
        };
        for c in candidates {
            let Some(p) = bytes_like(c)? else {
                return Err(errors::type_error(format!(
                    "{name} first arg must be bytes or a tuple of bytes, not {}",
                    type_name(c)
                )));
            };
            let s = data(op);
            let (a, b) = adjust(start, end, s.len());
            if a > s.len() || b < a || b - a < p.len() {
                continue;
            }
            let hit = if at_end {
                s[b - p.len()..b] == p[..]
            } else {
                s[a..a + p.len()] == p[..]
            };
            if hit {
                return Ok(Owned::from_borrowed_static(crate::object::bool::py_true()));
            }
        }
        Ok(Owned::from_borrowed_static(crate::object::bool::py_false()))
    }
}

/// `startswith(prefix[, start[, end]])`.
pub unsafe extern "C" fn b_startswith(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    pyfn!(tailmatch_impl(op, a, n, "startswith", false))
}
/// `endswith(suffix[, start[, end]])`.
pub unsafe extern "C" fn b_endswith(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    pyfn!(tailmatch_impl(op, a, n, "endswith", true))
}

unsafe fn parts_list(op: *mut PyObject, parts: &[&[u8]]) -> PyResult<Owned> {
    // SAFETY: op is a bytes/bytearray.
    unsafe {
        let mut v = Vec::with_capacity(parts.len());
        let whole = data(op);
        for p in parts {
            // The whole of an exact bytes is returned as itself.
            if p.len() == whole.len() {
                v.push(same_or_make(op, p)?);
            } else {
                v.push(make(op, p)?);
            }
        }
        list::from_vec(v)
    }
}

unsafe fn split_impl(
    op: *mut PyObject,
    args: *const *mut PyObject,
    n: Py_ssize_t,
    kw: *mut PyObject,
    name: &str,
    right: bool,
) -> PyResult<Owned> {
    // SAFETY: op is a bytes/bytearray.
    unsafe {
        let [sep, maxsplit] = bind(name, Style::Clinic, args, n, kw, ["sep", "maxsplit"], 0)?;
        let maxsplit = if maxsplit.is_null() {
            -1
        } else {
            ssize(maxsplit)?
        };
        if sep.is_null() || sep == none::none() {
            let s = data(op).to_vec();
            let parts = if right {
                rsplit_whitespace(&s, maxsplit)
            } else {
                split_whitespace(&s, maxsplit)
            };
            return parts_list(op, &parts);
        }
        let sep = need_bytes_like(sep)?.into_owned();
        if sep.is_empty() {
            return Err(errors::value_error("empty separator"));
        }
        let s = data(op).to_vec();
        let parts = if right {
            rsplit_sep(&s, &sep, maxsplit)
        } else {
            split_sep(&s, &sep, maxsplit)
        };
        parts_list(op, &parts)
    }
}

/// `split(sep=None, maxsplit=-1)`.
pub unsafe extern "C" fn b_split(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
    kw: *mut PyObject,
) -> *mut PyObject {
    pyfn!(split_impl(op, a, n, kw, "split", false))
}
/// `rsplit(sep=None, maxsplit=-1)`.
pub unsafe extern "C" fn b_rsplit(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
    kw: *mut PyObject,
) -> *mut PyObject {
    pyfn!(split_impl(op, a, n, kw, "rsplit", true))
}

/// `splitlines(keepends=False)`.
pub unsafe extern "C" fn b_splitlines(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
    kw: *mut PyObject,
) -> *mut PyObject {
    pyfn!({
        let [keep] = bind("splitlines", Style::Clinic, a, n, kw, ["keepends"], 0)?;
        let keep = !keep.is_null() && protocol::is_true(keep)?;
        let s = data(op).to_vec();
        parts_list(op, &split_lines(&s, keep))
    })
}

#[derive(Clone, Copy)]
enum Strip {
    Left,
    Right,
    Both,
}

unsafe fn strip_impl(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
    name: &str,
    how: Strip,
) -> PyResult<Owned> {
    // SAFETY: op is a bytes/bytearray.
    unsafe {
        let [chars] = bind(name, Style::PosOnly, a, n, null_mut(), ["bytes"], 0)?;
        let set: Option<Vec<u8>> = if chars.is_null() || chars == none::none() {
            None
        } else {
            Some(need_bytes_like(chars)?.into_owned())
        };
        let strip = |c: &u8| match &set {
            None => is_space(*c),
            Some(s) => s.contains(c),
        };
        let s = data(op);
        let mut i = 0;
        let mut j = s.len();
        if !matches!(how, Strip::Right) {
            while i < j && strip(&s[i]) {
                i += 1;
            }
        }
        if !matches!(how, Strip::Left) {
            while j > i && strip(&s[j - 1]) {
                j -= 1;
            }
        }
        same_or_make(op, &s[i..j])
    }
}

/// `strip([bytes])`.
pub unsafe extern "C" fn b_strip(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    pyfn!(strip_impl(op, a, n, "strip", Strip::Both))
}
/// `lstrip([bytes])`.
pub unsafe extern "C" fn b_lstrip(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    pyfn!(strip_impl(op, a, n, "lstrip", Strip::Left))
}
/// `rstrip([bytes])`.
pub unsafe extern "C" fn b_rstrip(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    pyfn!(strip_impl(op, a, n, "rstrip", Strip::Right))
}

unsafe fn partition_impl(op: *mut PyObject, sep: *mut PyObject, right: bool) -> PyResult<Owned> {
    // SAFETY: op is a bytes/bytearray.
    unsafe {
        let sep = need_bytes_like(sep)?.into_owned();
        if sep.is_empty() {
            return Err(errors::value_error("empty separator"));
        }
        let s = data(op).to_vec();
        let hit = if right {
            rfind_sub(&s, &sep)
        } else {
            find_sub(&s, &sep)
        };
        let (a, b, c) = match hit {
            Some(p) => (
                make(op, &s[..p])?,
                make(op, &sep)?,
                make(op, &s[p + sep.len()..])?,
            ),
            None if right => (make(op, b"")?, make(op, b"")?, same_or_make(op, &s)?),
            None => (same_or_make(op, &s)?, make(op, b"")?, make(op, b"")?),
        };
        tuple::from_vec(vec![a, b, c])
    }
}

/// `partition(sep)`.
pub unsafe extern "C" fn b_partition(op: *mut PyObject, sep: *mut PyObject) -> *mut PyObject {
    pyfn!(partition_impl(op, sep, false))
}
/// `rpartition(sep)`.
pub unsafe extern "C" fn b_rpartition(op: *mut PyObject, sep: *mut PyObject) -> *mut PyObject {
    pyfn!(partition_impl(op, sep, true))
}

/// `replace(old, new, count=-1, /)`.
pub unsafe extern "C" fn b_replace(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    pyfn!({
        let [old, new, count] = bind(
            "replace",
            Style::PosOnly,
            a,
            n,
            null_mut(),
            ["old", "new", "count"],
            2,
        )?;
        let old = need_bytes_like(old)?.into_owned();
        let new = need_bytes_like(new)?.into_owned();
        let count = if count.is_null() { -1 } else { ssize(count)? };
        let s = data(op);
        if count == 0 || (!old.is_empty() && find_sub(s, &old).is_none()) {
            return same_or_make(op, s);
        }
        make(op, &replace(s, &old, &new, count))
    })
}

/// `join(iterable_of_bytes)`.
pub unsafe extern "C" fn b_join(op: *mut PyObject, it: *mut PyObject) -> *mut PyObject {
    pyfn!({
        // A bytearray separator is exported while the items are gathered,
        // so an iterator that resizes it gets BufferError.
        let view = crate::object::buffer::Guard::new(op, 0)?;
        let seq = tuple::from_iterable_msg(it, "can only join an iterable")?;
        let items = tuple::items(seq.as_ptr());
        let sep = view.as_slice().to_vec();
        drop(view);
        if items.len() == 1 && bytes::check_exact(items[0]) && bytes::check_exact(op) {
            return Ok(Owned::from_borrowed(items[0]));
        }
        let mut out = Vec::new();
        for (i, &x) in items.iter().enumerate() {
            let Some(b) = bytes_like(x)? else {
                return Err(errors::type_error(format!(
                    "sequence item {i}: expected a bytes-like object, {} found",
                    type_name(x)
                )));
            };
            if i > 0 {
                out.extend_from_slice(&sep);
            }
            out.extend_from_slice(&b);
        }
        make(op, &out)
    })
}

unsafe fn map_impl(op: *mut PyObject, f: impl Fn(&[u8]) -> Vec<u8>) -> PyResult<Owned> {
    // SAFETY: op is a bytes/bytearray.
    unsafe { make(op, &f(data(op))) }
}

/// `lower()`.
pub unsafe extern "C" fn b_lower(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    pyfn!(map_impl(op, |s| s.to_ascii_lowercase()))
}
/// `upper()`.
pub unsafe extern "C" fn b_upper(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    pyfn!(map_impl(op, |s| s.to_ascii_uppercase()))
}
/// `swapcase()`.
pub unsafe extern "C" fn b_swapcase(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    pyfn!(map_impl(op, |s| s
        .iter()
        .map(|&c| if c.is_ascii_uppercase() {
            c.to_ascii_lowercase()
        } else {
            c.to_ascii_uppercase()
        })
        .collect()))
}
/// `capitalize()`.
pub unsafe extern "C" fn b_capitalize(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    pyfn!(map_impl(op, |s| s
        .iter()
        .enumerate()
        .map(|(i, &c)| if i == 0 {
            c.to_ascii_uppercase()
        } else {
            c.to_ascii_lowercase()
        })
        .collect()))
}
/// `title()`.
pub unsafe extern "C" fn b_title(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    pyfn!(map_impl(op, title))
}

unsafe fn predicate(op: *mut PyObject, f: impl Fn(&[u8]) -> bool) -> PyResult<Owned> {
    // SAFETY: op is a bytes/bytearray.
    unsafe {
        Ok(Owned::from_borrowed_static(crate::object::bool::from_bool(
            f(data(op)),
        )))
    }
}

/// `isalnum()`.
pub unsafe extern "C" fn b_isalnum(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    pyfn!(predicate(op, |s| !s.is_empty()
        && s.iter().all(u8::is_ascii_alphanumeric)))
}
/// `isalpha()`.
pub unsafe extern "C" fn b_isalpha(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    pyfn!(predicate(op, |s| !s.is_empty()
        && s.iter().all(u8::is_ascii_alphabetic)))
}
/// `isascii()`.
pub unsafe extern "C" fn b_isascii(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    pyfn!(predicate(op, |s| s.is_ascii()))
}
/// `isdigit()`.
pub unsafe extern "C" fn b_isdigit(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    pyfn!(predicate(op, |s| !s.is_empty() && s.iter().all(u8::is_ascii_digit)))
}
/// `isspace()`.
pub unsafe extern "C" fn b_isspace(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    pyfn!(predicate(op, |s| !s.is_empty() && s.iter().all(|&c| is_space(c))))
}
/// `islower()`.
pub unsafe extern "C" fn b_islower(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    pyfn!(predicate(op, |s| s.iter().any(u8::is_ascii_lowercase)
        && !s.iter().any(u8::is_ascii_uppercase)))
}
/// `isupper()`.
pub unsafe extern "C" fn b_isupper(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    pyfn!(predicate(op, |s| s.iter().any(u8::is_ascii_uppercase)
        && !s.iter().any(u8::is_ascii_lowercase)))
}
/// `istitle()`.
pub unsafe extern "C" fn b_istitle(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    pyfn!(predicate(op, is_title))
}

unsafe fn pad_impl(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
    name: &str,
) -> PyResult<Owned> {
    // SAFETY: op is a bytes/bytearray.
    unsafe {
        let [width, fill] = bind(
            name,
            Style::PosOnly,
            a,
            n,
            null_mut(),
            ["width", "fillchar"],
            1,
        )?;
        let width = ssize(width)?;
        let fill = if fill.is_null() {
            b' '
        } else {
            match (bytes::check(fill) || bytearray::check(fill)).then(|| data(fill)) {
                Some([c]) => *c,
                _ => {
                    return Err(errors::type_error(format!(
                        "{name}() argument 2 must be a byte string of length 1, not {}",
                        type_name(fill)
                    )))
                }
            }
        };
        let s = data(op);
        let len = s.len() as Py_ssize_t;
        if width <= len {
            return same_or_make(op, s);
        }
        let marg = width - len;
        let left = match name {
            "ljust" => 0,
            "rjust" => marg,
            _ => marg / 2 + (marg & width & 1),
        } as usize;
        let mut out = vec![fill; width as usize];
        out[left..left + s.len()].copy_from_slice(s);
        make(op, &out)
    }
}

/// `center(width, fillchar=b' ', /)`.
pub unsafe extern "C" fn b_center(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    pyfn!(pad_impl(op, a, n, "center"))
}
/// `ljust(width, fillchar=b' ', /)`.
pub unsafe extern "C" fn b_ljust(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    pyfn!(pad_impl(op, a, n, "ljust"))
}
/// `rjust(width, fillchar=b' ', /)`.
pub unsafe extern "C" fn b_rjust(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    pyfn!(pad_impl(op, a, n, "rjust"))
}

/// `zfill(width, /)`.
pub unsafe extern "C" fn b_zfill(op: *mut PyObject, width: *mut PyObject) -> *mut PyObject {
    pyfn!({
        let width = ssize(width)?;
        let s = data(op);
        if width <= s.len() as Py_ssize_t {
            return same_or_make(op, s);
        }
        let fill = width as usize - s.len();
        let mut out = vec![b'0'; fill];
        out.extend_from_slice(s);
        if let Some(&c @ (b'+' | b'-')) = s.first() {
            out[0] = c;
            out[fill] = b'0';
        }
        make(op, &out)
    })
}

/// `expandtabs(tabsize=8)`.
pub unsafe extern "C" fn b_expandtabs(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
    kw: *mut PyObject,
) -> *mut PyObject {
    pyfn!({
        let [t] = bind("expandtabs", Style::Clinic, a, n, kw, ["tabsize"], 0)?;
        let t = if t.is_null() { 8 } else { ssize(t)? };
        make(op, &expand_tabs(data(op), t))
    })
}

/// `removeprefix(prefix, /)`.
pub unsafe extern "C" fn b_removeprefix(op: *mut PyObject, p: *mut PyObject) -> *mut PyObject {
    pyfn!({
        let p = need_bytes_like(p)?.into_owned();
        let s = data(op);
        same_or_make(op, s.strip_prefix(&p[..]).unwrap_or(s))
    })
}

/// `removesuffix(suffix, /)`.
pub unsafe extern "C" fn b_removesuffix(op: *mut PyObject, p: *mut PyObject) -> *mut PyObject {
    pyfn!({
        let p = need_bytes_like(p)?.into_owned();
        let s = data(op);
        same_or_make(op, s.strip_suffix(&p[..]).unwrap_or(s))
    })
}

/// `translate(table, /, delete=b'')`.
pub unsafe extern "C" fn b_translate(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
    kw: *mut PyObject,
) -> *mut PyObject {
    pyfn!({
        if n > 2 {
            return Err(errors::type_error(format!(
                "translate() takes at most 2 arguments ({n} given)"
            )));
        }
        let [table, delete] = bind("translate", Style::Clinic, a, n, kw, ["table", "delete"], 1)?;
        let table = if table == none::none() {
            None
        } else {
            let t = need_bytes_like(table)?.into_owned();
            if t.len() != 256 {
                return Err(errors::value_error(
                    "translation table must be 256 characters long",
                ));
            }
            Some(t)
        };
        let delete = if delete.is_null() {
            Vec::new()
        } else {
            need_bytes_like(delete)?.into_owned()
        };
        let s = data(op);
        let out: Vec<u8> = s
            .iter()
            .filter(|c| !delete.contains(c))
            .map(|&c| table.as_ref().map_or(c, |t| t[c as usize]))
            .collect();
        if table.is_none() && out.len() == s.len() {
            return same_or_make(op, s);
        }
        make(op, &out)
    })
}

/// `bytes.maketrans(frm, to, /)` (static).
pub unsafe extern "C" fn b_maketrans(
    _: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    pyfn!({
        let [frm, to] = bind(
            "maketrans",
            Style::PosOnly,
            a,
            n,
            null_mut(),
            ["frm", "to"],
            2,
        )?;
        let frm = need_bytes_like(frm)?.into_owned();
        let to = need_bytes_like(to)?.into_owned();
        if frm.len() != to.len() {
            return Err(errors::value_error(
                "maketrans arguments must have same length",
            ));
        }
        let mut t: Vec<u8> = (0..=255u8).collect();
        for (&f, &g) in frm.iter().zip(&to) {
            t[f as usize] = g;
        }
        bytes::from_slice(&t)
    })
}

/// The separator argument of `hex()` / `binascii.hexlify`: a str or
/// bytes-like object holding one ASCII character.
pub unsafe fn hex_sep(sep: *mut PyObject) -> PyResult<u8> {
    // SAFETY: sep valid.
    unsafe {
        let text: Vec<u8> = if pystr::check(sep) {
            pystr::as_str(sep)?.as_bytes().to_vec()
        } else {
            need_bytes_like(sep)?.into_owned()
        };
        if (pystr::check(sep) && pystr::len(sep) != 1) || (!pystr::check(sep) && text.len() != 1) {
            return Err(errors::value_error("sep must be length 1."));
        }
        if !text[0].is_ascii() {
            return Err(errors::value_error("sep must be ASCII."));
        }
        Ok(text[0])
    }
}

/// `hex(sep=<none>, bytes_per_sep=1)`.
pub unsafe extern "C" fn b_hex(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
    kw: *mut PyObject,
) -> *mut PyObject {
    pyfn!({
        let [sep, per] = bind("hex", Style::Clinic, a, n, kw, ["sep", "bytes_per_sep"], 0)?;
        let sep = if sep.is_null() {
            None
        } else {
            Some(hex_sep(sep)?)
        };
        let per = if per.is_null() { 1 } else { ssize(per)? };
        pystr::from_str(&to_hex(data(op), sep, per))
    })
}

/// `fromhex(string, /)` (class method): an instance of the class.
pub unsafe extern "C" fn b_fromhex(cls: *mut PyObject, s: *mut PyObject) -> *mut PyObject {
    pyfn!({
        if !pystr::check(s) {
            return Err(errors::type_error(format!(
                "fromhex() argument must be str, not {}",
                type_name(s)
            )));
        }
        let v = match from_hex(pystr::as_str(s)?) {
            Ok(v) => v,
            Err(pos) => {
                return Err(errors::value_error(format!(
                    "non-hexadecimal number found in fromhex() arg at position {pos}"
                )))
            }
        };
        let r = if cls == (&raw mut bytearray::PyByteArray_Type).cast()
            || crate::object::typeobj::is_subtype(cls.cast(), &raw mut bytearray::PyByteArray_Type)
        {
            bytearray::from_slice(&v)?
        } else {
            bytes::from_slice(&v)?
        };
        if cls == (&raw mut bytes::PyBytes_Type).cast()
            || cls == (&raw mut bytearray::PyByteArray_Type).cast()
        {
            return Ok(r);
        }
        protocol::call_args(cls, &[r.as_ptr()])
    })
}

/// `decode(encoding='utf-8', errors='strict')`: `str(self, encoding, errors)`.
pub unsafe extern "C" fn b_decode(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
    kw: *mut PyObject,
) -> *mut PyObject {
    pyfn!({
        let [enc, errs] = bind("decode", Style::Clinic, a, n, kw, ["encoding", "errors"], 0)?;
        let enc = if enc.is_null() {
            crate::interned!("utf-8")
        } else {
            enc
        };
        let errs = if errs.is_null() {
            crate::interned!("strict")
        } else {
            errs
        };
        for (o, what) in [(enc, "encoding"), (errs, "errors")] {
            if !pystr::check(o) {
                return Err(errors::type_error(format!(
                    "decode() argument '{what}' must be str, not {}",
                    type_name(o)
                )));
            }
        }
        protocol::call_args((&raw mut pystr::PyUnicode_Type).cast(), &[op, enc, errs])
    })
}

/// How many methods `bytes` and `bytearray` share.
pub const SHARED: usize = 42;

const fn copy_def(m: &PyMethodDef) -> PyMethodDef {
    PyMethodDef {
        ml_name: m.ml_name,
        ml_meth: m.ml_meth,
        ml_flags: m.ml_flags,
        ml_doc: m.ml_doc,
    }
}

/// A method table: the shared methods, then `own`, then the terminator
/// (`N` = `SHARED + own.len() + 1`).
pub const fn method_table<const N: usize>(own: &[PyMethodDef]) -> [PyMethodDef; N] {
    let shared = shared_methods();
    let mut out = [crate::object::descr::METHOD_END; N];
    let mut i = 0;
    while i < SHARED {
        out[i] = copy_def(&shared[i]);
        i += 1;
    }
    let mut j = 0;
    while j < own.len() {
        out[SHARED + j] = copy_def(&own[j]);
        j += 1;
    }
    out
}

/// The method-table entries both `bytes` and `bytearray` carry.
const fn shared_methods() -> [PyMethodDef; SHARED] {
    use crate::object::descr::method;
    [
        method(c"find", b_find as Fast as *const _, METH_FASTCALL).with_doc(c"find($self, sub[, start[, end]], /)\n--\n\nThe lowest index of sub in self[start:end] (as an index into self), or\n-1 when it does not occur."),
        method(c"rfind", b_rfind as Fast as *const _, METH_FASTCALL).with_doc(c"rfind($self, sub[, start[, end]], /)\n--\n\nThe highest index of sub in self[start:end] (as an index into self), or\n-1 when it does not occur."),
        method(c"index", b_index as Fast as *const _, METH_FASTCALL).with_doc(c"index($self, sub[, start[, end]], /)\n--\n\nThe lowest index of sub in self[start:end] (as an index into self);\nValueError when it does not occur."),
        method(c"rindex", b_rindex as Fast as *const _, METH_FASTCALL).with_doc(c"rindex($self, sub[, start[, end]], /)\n--\n\nThe highest index of sub in self[start:end] (as an index into self);\nValueError when it does not occur."),
        method(c"count", b_count as Fast as *const _, METH_FASTCALL).with_doc(c"count($self, sub[, start[, end]], /)\n--\n\nThe number of non-overlapping occurrences of sub in self[start:end]."),
        method(
            c"startswith",
            b_startswith as Fast as *const _,
            METH_FASTCALL,
        ).with_doc(c"startswith($self, prefix[, start[, end]], /)\n--\n\nTrue if self[start:end] starts with prefix (or with any of a tuple of\nprefixes)."),
        method(c"endswith", b_endswith as Fast as *const _, METH_FASTCALL).with_doc(c"endswith($self, suffix[, start[, end]], /)\n--\n\nTrue if self[start:end] ends with suffix (or with any of a tuple of\nsuffixes)."),
        method(
            c"split",
            b_split as FastKw as *const _,
            METH_FASTCALL | METH_KEYWORDS,
        ).with_doc(c"split($self, /, sep=None, maxsplit=-1)\n--\n\nThe pieces of the data split at sep, as a list.\n\nWithout sep (or with None), runs of whitespace separate the pieces and\nempty pieces are dropped. maxsplit, when not -1, caps the number of\nsplits, made from the left."),
        method(
            c"rsplit",
            b_rsplit as FastKw as *const _,
            METH_FASTCALL | METH_KEYWORDS,
        ).with_doc(c"rsplit($self, /, sep=None, maxsplit=-1)\n--\n\nThe pieces of the data split at sep, as a list, splitting from the right.\n\nWithout sep (or with None), runs of whitespace separate the pieces and\nempty pieces are dropped. maxsplit, when not -1, caps the number of\nsplits, made from the right."),
        method(
            c"splitlines",
            b_splitlines as FastKw as *const _,
            METH_FASTCALL | METH_KEYWORDS,
        ).with_doc(c"splitlines($self, /, keepends=False)\n--\n\nThe lines of self, as a list, split at line boundaries; keepends=True\nkeeps the line breaks in the lines."),
        method(c"strip", b_strip as Fast as *const _, METH_FASTCALL).with_doc(c"strip($self, bytes=None, /)\n--\n\nA copy without leading and trailing ASCII whitespace (or, when bytes is\ngiven, without leading and trailing bytes found in it)."),
        method(c"lstrip", b_lstrip as Fast as *const _, METH_FASTCALL).with_doc(c"lstrip($self, bytes=None, /)\n--\n\nA copy without leading ASCII whitespace (or, when bytes is given,\nwithout leading bytes found in it)."),
        method(c"rstrip", b_rstrip as Fast as *const _, METH_FASTCALL).with_doc(c"rstrip($self, bytes=None, /)\n--\n\nA copy without trailing ASCII whitespace (or, when bytes is given,\nwithout trailing bytes found in it)."),
        method(c"partition", b_partition as Unary as *const _, METH_O).with_doc(c"partition($self, sep, /)\n--\n\nThe triple (head, sep, tail) around the first occurrence of sep; when\nsep does not occur, (self, empty, empty)."),
        method(c"rpartition", b_rpartition as Unary as *const _, METH_O).with_doc(c"rpartition($self, sep, /)\n--\n\nThe triple (head, sep, tail) around the last occurrence of sep; when\nsep does not occur, (empty, empty, self)."),
        method(c"replace", b_replace as Fast as *const _, METH_FASTCALL).with_doc(c"replace($self, old, new, count=-1, /)\n--\n\nA copy with occurrences of old replaced by new.\n\nWith count, at most count are replaced, from the left."),
        method(c"join", b_join as Unary as *const _, METH_O).with_doc(c"join($self, iterable_of_bytes, /)\n--\n\nThe bytes-like items of iterable_of_bytes concatenated with self between\nthem, as in b'.'.join([b'ab', b'pq']) == b'ab.pq'."),
        method(c"lower", b_lower as Unary as *const _, METH_NOARGS).with_doc(c"lower($self, /)\n--\n\nA copy with the cased characters in lower case."),
        method(c"upper", b_upper as Unary as *const _, METH_NOARGS).with_doc(c"upper($self, /)\n--\n\nA copy with the cased characters in upper case."),
        method(c"swapcase", b_swapcase as Unary as *const _, METH_NOARGS).with_doc(c"swapcase($self, /)\n--\n\nA copy with upper case characters made lower case and lower case ones\nupper case."),
        method(
            c"capitalize",
            b_capitalize as Unary as *const _,
            METH_NOARGS,
        ).with_doc(c"capitalize($self, /)\n--\n\nA copy with the first character upper case and the rest lower case."),
        method(c"title", b_title as Unary as *const _, METH_NOARGS).with_doc(c"title($self, /)\n--\n\nA copy with each word starting upper case and continuing lower case."),
        method(c"isalnum", b_isalnum as Unary as *const _, METH_NOARGS).with_doc(c"isalnum($self, /)\n--\n\nTrue if it is not empty and every character is alphanumeric."),
        method(c"isalpha", b_isalpha as Unary as *const _, METH_NOARGS).with_doc(c"isalpha($self, /)\n--\n\nTrue if it is not empty and every character is alphabetic."),
        method(c"isascii", b_isascii as Unary as *const _, METH_NOARGS).with_doc(c"isascii($self, /)\n--\n\nTrue if every character is ASCII (U+0000 to U+007F); True when empty."),
        method(c"isdigit", b_isdigit as Unary as *const _, METH_NOARGS).with_doc(c"isdigit($self, /)\n--\n\nTrue if it is not empty and every character is a digit."),
        method(c"isspace", b_isspace as Unary as *const _, METH_NOARGS).with_doc(c"isspace($self, /)\n--\n\nTrue if it is not empty and every character is whitespace."),
        method(c"islower", b_islower as Unary as *const _, METH_NOARGS).with_doc(c"islower($self, /)\n--\n\nTrue if every cased character is lower case and there is at least one."),
        method(c"isupper", b_isupper as Unary as *const _, METH_NOARGS).with_doc(c"isupper($self, /)\n--\n\nTrue if every cased character is upper case and there is at least one."),
        method(c"istitle", b_istitle as Unary as *const _, METH_NOARGS).with_doc(c"istitle($self, /)\n--\n\nTrue if it is titlecased: upper case letters only start words and lower\ncase ones only follow cased characters; False when empty."),
        method(c"center", b_center as Fast as *const _, METH_FASTCALL).with_doc(c"center($self, width, fillchar=b' ', /)\n--\n\nself centered in a result of length width, padded with fillchar."),
        method(c"ljust", b_ljust as Fast as *const _, METH_FASTCALL).with_doc(c"ljust($self, width, fillchar=b' ', /)\n--\n\nself left-justified in a result of length width, padded with fillchar."),
        method(c"rjust", b_rjust as Fast as *const _, METH_FASTCALL).with_doc(c"rjust($self, width, fillchar=b' ', /)\n--\n\nself right-justified in a result of length width, padded with fillchar."),
        method(c"zfill", b_zfill as Unary as *const _, METH_O).with_doc(c"zfill($self, width, /)\n--\n\nself padded with zeros on the left to length width, after any sign."),
        method(
            c"expandtabs",
            b_expandtabs as FastKw as *const _,
            METH_FASTCALL | METH_KEYWORDS,
        ).with_doc(c"expandtabs($self, /, tabsize=8)\n--\n\nA copy with each tab replaced by spaces, up to the next multiple of\ntabsize columns."),
        method(c"removeprefix", b_removeprefix as Unary as *const _, METH_O).with_doc(c"removeprefix($self, prefix, /)\n--\n\nA copy without prefix at the start, if it is there; otherwise self\nunchanged."),
        method(c"removesuffix", b_removesuffix as Unary as *const _, METH_O).with_doc(c"removesuffix($self, suffix, /)\n--\n\nA copy without suffix at the end, if it is there; otherwise self\nunchanged."),
        method(
            c"translate",
            b_translate as FastKw as *const _,
            METH_FASTCALL | METH_KEYWORDS,
        ).with_doc(c"translate($self, table, /, delete=b'')\n--\n\nA copy with each byte mapped through table, a bytes object of length\n256 (or None for no mapping), after removing the bytes found in delete."),
        method(
            c"maketrans",
            b_maketrans as Fast as *const _,
            METH_FASTCALL | METH_STATIC,
        ).with_doc(c"maketrans(frm, to, /)\n--\n\nA translation table for bytes.translate(): 256 bytes in which each byte\nof frm is mapped to the byte at the same place in to."),
        method(
            c"hex",
            b_hex as FastKw as *const _,
            METH_FASTCALL | METH_KEYWORDS,
        ).with_doc(c"hex($self, /, sep=<unrepresentable>, bytes_per_sep=1)\n--\n\nThe data as hexadecimal text, two digits per byte.\n\nsep, a one-character str or bytes, goes between groups of\nbytes_per_sep bytes, counted from the right (from the left when\nnegative): b'\\xb9\\x01\\xef'.hex(':', 2) == 'b9:01ef'."),
        method(
            c"fromhex",
            b_fromhex as Unary as *const _,
            METH_O | METH_CLASS,
        ).with_doc(c"fromhex($type, string, /)\n--\n\nThe object made from hexadecimal text, two digits per byte; whitespace\nbetween the pairs is ignored: bytes.fromhex('B9 01EF') == b'\\xb9\\x01\\xef'."),
        method(
            c"decode",
            b_decode as FastKw as *const _,
            METH_FASTCALL | METH_KEYWORDS,
        ).with_doc(c"decode($self, /, encoding='utf-8', errors='strict')\n--\n\nThe bytes decoded to a str with a codec.\n\nencoding defaults to 'utf-8'; errors chooses how decoding errors are\nhandled: 'strict' (UnicodeDecodeError), 'ignore', 'replace',\n'backslashreplace' or any name registered with codecs.register_error."),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_and_hex() {
        assert_eq!(repr_text(b"a'b"), "b\"a'b\"");
        assert_eq!(repr_text(b"a'\"b"), "b'a\\'\"b'");
        assert_eq!(
            repr_text(b"\x00\x7f\x80\xff\t"),
            "b'\\x00\\x7f\\x80\\xff\\t'"
        );
        assert_eq!(to_hex(b"abc", Some(b':'), 2), "61:6263");
        assert_eq!(to_hex(b"abc", Some(b':'), -2), "6162:63");
        assert_eq!(from_hex("61 62"), Ok(b"ab".to_vec()));
        assert_eq!(from_hex("6"), Err(1));
    }

    #[test]
    fn splitting() {
        assert_eq!(split_whitespace(b"  a b  c ", 1), vec![&b"a"[..], b"b  c "]);
        assert_eq!(
            rsplit_whitespace(b"  a b  c ", 1),
            vec![&b"  a b"[..], b"c"]
        );
        assert_eq!(
            split_sep(b"a,b,,c", b",", -1),
            vec![&b"a"[..], b"b", b"", b"c"]
        );
        assert_eq!(rsplit_sep(b"a,b,c", b",", 1), vec![&b"a,b"[..], b"c"]);
        assert_eq!(
            split_lines(b"a\r\nb\rc\n", true),
            vec![&b"a\r\n"[..], b"b\r", b"c\n"]
        );
        assert_eq!(replace(b"aaa", b"a", b"bb", 2), b"bbbba".to_vec());
        assert_eq!(replace(b"ab", b"", b"-", -1), b"-a-b-".to_vec());
        assert_eq!(count_sub(b"aaaa", b"aa", usize::MAX), 2);
        assert_eq!(expand_tabs(b"a\tbc\td", 4), b"a   bc  d".to_vec());
    }
}
