//! `_json.scanstring` and `_json.make_scanner` (the `_json.Scanner` type),
//! as CPython's `Modules/_json.c`: the JSON decoder's string and term
//! scanners, generic over the str's character width.
use super::writer::{Unit, Writer};
use super::{need_str, raise_errmsg, stop_iteration};
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::modules::objtype::{parse, ptr, state, Obj, Refs, State, Visit};
use crate::object::exceptions::{member, MEMBER_END};
use crate::object::{bool as pybool, dict, float, int, list, none, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_int;

/// A scanner's settings, read from the decoder it was made for.
pub struct Scanner {
    strict: bool,
    object_hook: Option<Owned>,
    object_pairs_hook: Option<Owned>,
    parse_float: Option<Owned>,
    parse_int: Option<Owned>,
    parse_constant: Option<Owned>,
}

impl State for Scanner {
    fn traverse(&self, v: Visit) -> c_int {
        [
            &self.object_hook,
            &self.object_pairs_hook,
            &self.parse_float,
            &self.parse_int,
            &self.parse_constant,
        ]
        .into_iter()
        .map(|r| r.visit(v))
        .find(|&r| r != 0)
        .unwrap_or(0)
    }
    fn clear(&mut self) {
        for r in [
            &mut self.object_hook,
            &mut self.object_pairs_hook,
            &mut self.parse_float,
            &mut self.parse_int,
            &mut self.parse_constant,
        ] {
            r.clear_refs();
        }
    }
}

/// `_json.Scanner` (the module's `make_scanner`).
pub static mut SCANNER_TYPE: PyTypeObject = PyTypeObject {
    tp_new: Some(scanner_new),
    tp_call: Some(scanner_call),
    tp_members: (&raw const SCANNER_MEMBERS).cast_mut().cast(),
    ..crate::modules::objtype::gc_type::<Scanner>(c"_json.Scanner", 0)
};

macro_rules! ro {
    ($name:literal, $field:ident) => {
        member(
            $name,
            std::mem::offset_of!(Obj<Scanner>, state.$field),
            Py_READONLY,
            $name,
        )
    };
}

static SCANNER_MEMBERS: [PyMemberDef; 7] = [
    PyMemberDef {
        r#type: Py_T_BOOL,
        ..ro!(c"strict", strict)
    },
    ro!(c"object_hook", object_hook),
    ro!(c"object_pairs_hook", object_pairs_hook),
    ro!(c"parse_float", parse_float),
    ro!(c"parse_int", parse_int),
    ro!(c"parse_constant", parse_constant),
    MEMBER_END,
];

#[inline]
fn is_ws(c: u32) -> bool {
    matches!(c, 0x20 | 0x09 | 0x0a | 0x0d)
}

#[inline]
fn hex_digit(c: u32) -> Option<u32> {
    char::from_u32(c).and_then(|c| c.to_digit(16))
}

/// Decodes the JSON string whose body starts at `end` (just after the
/// opening quote) in `s`, the characters of str `obj`; returns the value
/// and the index after the closing quote.
fn scanstring<T: Unit>(
    s: &[T],
    obj: *mut PyObject,
    mut end: usize,
    strict: bool,
) -> PyResult<(Owned, usize)> {
    let len = s.len();
    if end > len {
        return Err(errors::value_error("end is out of bounds"));
    }
    let begin = end as isize - 1;
    let mut w: Option<Writer> = None;
    loop {
        let mut next = end;
        let mut c = 0;
        while next < len {
            c = s[next].u();
            if c == 0x22 || c == 0x5c {
                break;
            }
            if c <= 0x1f && strict {
                return Err(raise_errmsg(
                    "Invalid control character at",
                    obj,
                    next as isize,
                ));
            }
            next += 1;
        }
        if next == len {
            return Err(raise_errmsg("Unterminated string starting at", obj, begin));
        }
        if c == 0x22 && w.is_none() {
            // SAFETY: obj is a str and end <= next <= len.
            return Ok((unsafe { pystr::substring(obj, end, next)? }, next + 1));
        }
        let wr = w.get_or_insert_with(Writer::new);
        wr.units(&s[end..next]);
        next += 1;
        if c == 0x22 {
            end = next;
            break;
        }
        if next == len {
            return Err(raise_errmsg("Unterminated string starting at", obj, begin));
        }
        let e = s[next].u();
        if e != u32::from(b'u') {
            end = next + 1;
            let ch = match e {
                0x22 | 0x5c | 0x2f => e,
                0x62 => 0x08,
                0x66 => 0x0c,
                0x6e => 0x0a,
                0x72 => 0x0d,
                0x74 => 0x09,
                _ => {
                    return Err(raise_errmsg("Invalid \\escape", obj, end as isize - 2));
                }
            };
            wr.char(ch);
            continue;
        }
        next += 1;
        end = next + 4;
        if end >= len {
            return Err(raise_errmsg(
                "Invalid \\uXXXX escape",
                obj,
                next as isize - 1,
            ));
        }
        let hex4 = |at: usize| -> Option<u32> {
            (at..at + 4).try_fold(0u32, |acc, i| Some(acc << 4 | hex_digit(s[i].u())?))
        };
        let Some(mut ch) = hex4(next) else {
            return Err(raise_errmsg(
                "Invalid \\uXXXX escape",
                obj,
                end as isize - 5,
            ));
        };
        if (0xd800..0xdc00).contains(&ch)
            && end + 6 < len
            && s[end].u() == 0x5c
            && s[end + 1].u() == u32::from(b'u')
        {
            let Some(c2) = hex4(end + 2) else {
                return Err(raise_errmsg(
                    "Invalid \\uXXXX escape",
                    obj,
                    end as isize + 1,
                ));
            };
            if (0xdc00..0xe000).contains(&c2) {
                ch = 0x10000 + (((ch - 0xd800) << 10) | (c2 - 0xdc00));
                end += 6;
            }
        }
        wr.char(ch);
    }
    Ok((w.unwrap_or_default().finish()?, end))
}

/// One scan: the scanner's settings, the key memo, and the source.
struct Scan<'a, T> {
    sc: &'a Scanner,
    memo: *mut PyObject,
    s: &'a [T],
    obj: *mut PyObject,
}

impl<T: Unit> Scan<'_, T> {
    #[inline]
    fn skip_ws(&self, mut i: usize) -> usize {
        while i < self.s.len() && is_ws(self.s[i].u()) {
            i += 1;
        }
        i
    }

    /// Past an item of an object (`close` is `}`) or an array (`]`):
    /// whitespace, then the closing bracket (its index, `true`) or a comma
    /// and whitespace (the next item's index, `false`); CPython's errors
    /// for a missing or a trailing comma.
    fn after_item(&self, idx: usize, close: u32, what: &str) -> PyResult<(usize, bool)> {
        let idx = self.skip_ws(idx);
        if self.at(idx) == close {
            return Ok((idx, true));
        }
        if self.at(idx) != 0x2c {
            return Err(raise_errmsg(
                "Expecting ',' delimiter",
                self.obj,
                idx as isize,
            ));
        }
        let next = self.skip_ws(idx + 1);
        if self.at(next) == close {
            let msg = format!("Illegal trailing comma before end of {what}");
            return Err(raise_errmsg(&msg, self.obj, idx as isize));
        }
        Ok((next, false))
    }

    #[inline]
    fn at(&self, i: usize) -> u32 {
        if i < self.s.len() {
            self.s[i].u()
        } else {
            u32::MAX
        }
    }

    fn matches(&self, i: usize, word: &[u8]) -> bool {
        i + word.len() <= self.s.len()
            && word
                .iter()
                .zip(&self.s[i..])
                .all(|(&a, &b)| u32::from(a) == b.u())
    }

    /// One JSON term at `idx` (CPython's `scan_once_unicode`).
    fn term(&self, idx: usize) -> PyResult<(Owned, usize)> {
        if idx >= self.s.len() {
            return Err(stop_iteration(idx));
        }
        let simple = |p: *mut PyObject, n: usize| Ok((Owned::from_borrowed_static(p), idx + n));
        match self.s[idx].u() {
            0x22 => return scanstring(self.s, self.obj, idx + 1, self.sc.strict),
            0x7b => {
                protocol::enter_recursive_call(
                    " while decoding a JSON object from a unicode string",
                )?;
                let r = self.object(idx + 1);
                protocol::leave_recursive_call();
                return r;
            }
            0x5b => {
                protocol::enter_recursive_call(
                    " while decoding a JSON array from a unicode string",
                )?;
                let r = self.array(idx + 1);
                protocol::leave_recursive_call();
                return r;
            }
            0x6e if self.matches(idx, b"null") => return simple(none::none(), 4),
            0x74 if self.matches(idx, b"true") => return simple(pybool::from_bool(true), 4),
            0x66 if self.matches(idx, b"false") => return simple(pybool::from_bool(false), 5),
            0x4e if self.matches(idx, b"NaN") => return self.constant("NaN", idx),
            0x49 if self.matches(idx, b"Infinity") => return self.constant("Infinity", idx),
            0x2d if self.matches(idx, b"-Infinity") => return self.constant("-Infinity", idx),
            _ => {}
        }
        self.number(idx)
    }

    fn constant(&self, name: &str, idx: usize) -> PyResult<(Owned, usize)> {
        // SAFETY: parse_constant is set for a live scanner.
        let v =
            unsafe { protocol::call_args(ptr(&self.sc.parse_constant), &[pystr::intern(name)])? };
        Ok((v, idx + name.len()))
    }

    fn number(&self, start: usize) -> PyResult<(Owned, usize)> {
        let digit = |i: usize| (0x30..=0x39).contains(&self.at(i));
        let mut idx = start;
        if self.at(idx) == 0x2d {
            idx += 1;
            if idx >= self.s.len() {
                return Err(stop_iteration(start));
            }
        }
        match self.at(idx) {
            0x31..=0x39 => {
                idx += 1;
                while digit(idx) {
                    idx += 1;
                }
            }
            0x30 => idx += 1,
            _ => return Err(stop_iteration(start)),
        }
        let mut is_float = false;
        if self.at(idx) == 0x2e && digit(idx + 1) {
            is_float = true;
            idx += 2;
            while digit(idx) {
                idx += 1;
            }
        }
        if matches!(self.at(idx), 0x65 | 0x45) && idx + 1 < self.s.len() {
            let e_start = idx;
            idx += 1;
            if matches!(self.at(idx), 0x2d | 0x2b) && idx + 1 < self.s.len() {
                idx += 1;
            }
            while digit(idx) {
                idx += 1;
            }
            if digit(idx - 1) {
                is_float = true;
            } else {
                idx = e_start;
            }
        }
        // SAFETY: the parse functions are set for a live scanner; obj is a
        // str holding [start, idx).
        unsafe {
            let custom = if is_float {
                ptr(&self.sc.parse_float)
            } else {
                ptr(&self.sc.parse_int)
            };
            let default: *mut PyObject = if is_float {
                (&raw mut float::PyFloat_Type).cast()
            } else {
                (&raw mut int::PyLong_Type).cast()
            };
            if custom != default {
                let text = pystr::substring(self.obj, start, idx)?;
                return Ok((protocol::call_args(custom, &[text.as_ptr()])?, idx));
            }
            let digits = &self.s[start..idx];
            if !is_float && digits.len() <= 18 {
                // At most 18 digits (and a sign) fit in an i64.
                let (neg, ds) = match digits.first().map(|c| c.u()) {
                    Some(0x2d) => (true, &digits[1..]),
                    _ => (false, digits),
                };
                let v = ds
                    .iter()
                    .fold(0i64, |acc, c| acc * 10 + (c.u() - 0x30) as i64);
                return Ok((int::from_i64(if neg { -v } else { v })?, idx));
            }
            let text: Vec<u8> = digits.iter().map(|c| c.u() as u8).collect();
            // SAFETY: the text is ASCII digits, sign, point and exponent.
            let text = std::str::from_utf8_unchecked(&text);
            let v = if is_float {
                let x = crate::object::float_repr::parse_float(text)
                    .map_err(|_| errors::value_error("could not convert string to float"))?;
                float::from_f64(x)?
            } else {
                int::parse_text(text, 10)?
            };
            Ok((v, idx))
        }
    }

    fn object(&self, idx: usize) -> PyResult<(Owned, usize)> {
        let pairs_hook = ptr(&self.sc.object_pairs_hook);
        // SAFETY: the none singleton is live.
        let has_pairs = pairs_hook != none::none();
        let rval = if has_pairs {
            list::new(0)?
        } else {
            dict::new()?
        };
        let mut idx = self.skip_ws(idx);
        if self.at(idx) != 0x7d {
            loop {
                if self.at(idx) != 0x22 {
                    return Err(raise_errmsg(
                        "Expecting property name enclosed in double quotes",
                        self.obj,
                        idx as isize,
                    ));
                }
                let (key, next) = scanstring(self.s, self.obj, idx + 1, self.sc.strict)?;
                // SAFETY: memo is a dict; key a str.
                let key = unsafe {
                    Owned::from_borrowed(dict::setdefault(self.memo, key.as_ptr(), key.as_ptr())?)
                };
                idx = self.skip_ws(next);
                if self.at(idx) != 0x3a {
                    return Err(raise_errmsg(
                        "Expecting ':' delimiter",
                        self.obj,
                        idx as isize,
                    ));
                }
                idx = self.skip_ws(idx + 1);
                let (val, next) = self.term(idx)?;
                // SAFETY: rval is a list or dict as made above.
                unsafe {
                    if has_pairs {
                        let item = tuple::pack(&[key.as_ptr(), val.as_ptr()])?;
                        list::append(rval.as_ptr(), item.as_ptr())?;
                    } else {
                        dict::set_item(rval.as_ptr(), key.as_ptr(), val.as_ptr())?;
                    }
                }
                let (i, closed) = self.after_item(next, 0x7d, "object")?;
                idx = i;
                if closed {
                    break;
                }
            }
        }
        let hook = ptr(&self.sc.object_hook);
        // SAFETY: the hooks are callables (or None) of a live scanner.
        let v = unsafe {
            if has_pairs {
                protocol::call_args(pairs_hook, &[rval.as_ptr()])?
            } else if hook != none::none() {
                protocol::call_args(hook, &[rval.as_ptr()])?
            } else {
                rval
            }
        };
        Ok((v, idx + 1))
    }

    fn array(&self, idx: usize) -> PyResult<(Owned, usize)> {
        let rval = list::new(0)?;
        let mut idx = self.skip_ws(idx);
        if self.at(idx) != 0x5d {
            loop {
                let (val, next) = self.term(idx)?;
                // SAFETY: rval is a list.
                unsafe { list::append(rval.as_ptr(), val.as_ptr())? };
                let (i, closed) = self.after_item(next, 0x5d, "array")?;
                idx = i;
                if closed {
                    break;
                }
            }
        }
        Ok((rval, idx + 1))
    }
}

/// A `(value, index)` tuple.
fn pair(v: Owned, idx: usize) -> PyResult<Owned> {
    let i = int::from_i64(idx as i64)?;
    tuple::pack(&[v.as_ptr(), i.as_ptr()])
}

/// `_json.scanstring(string, end, strict=True)`.
pub unsafe fn py_scanstring(s: *mut PyObject, end: isize, strict: bool) -> PyResult<Owned> {
    // SAFETY: s valid.
    unsafe {
        need_str(s)?;
        if end < 0 {
            return Err(errors::value_error("end is out of bounds"));
        }
        let (v, next) = match super::writer::chars(s) {
            super::writer::Chars::One(c) => scanstring(c, s, end as usize, strict)?,
            super::writer::Chars::Two(c) => scanstring(c, s, end as usize, strict)?,
            super::writer::Chars::Four(c) => scanstring(c, s, end as usize, strict)?,
        };
        pair(v, next)
    }
}

unsafe extern "C" fn scanner_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple; kwargs NULL or a dict.
        unsafe {
            let [ctx] = parse("make_scanner", args, kwargs, ["context"], 0, 1)?;
            let get = |n: &str| protocol::getattr_str(ctx, n).map(Some);
            let strict = protocol::getattr_str(ctx, "strict")?;
            let strict = protocol::is_true(strict.as_ptr())?;
            let st = Scanner {
                strict,
                object_hook: get("object_hook")?,
                object_pairs_hook: get("object_pairs_hook")?,
                parse_float: get("parse_float")?,
                parse_int: get("parse_int")?,
                parse_constant: get("parse_constant")?,
            };
            crate::modules::objtype::new_obj(tp, st)
        }
    })
}

unsafe extern "C" fn scanner_call(
    slf: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: slf is a Scanner; args a tuple; kwargs NULL or a dict.
        unsafe {
            let [s, idx] = parse("scan_once", args, kwargs, ["string", "idx"], 0, 2)?;
            let idx = crate::object::number::as_ssize(
                idx,
                crate::object::exceptions::PyExc_OverflowError,
            )?;
            need_str(s)?;
            if idx < 0 {
                return Err(errors::value_error("idx cannot be negative"));
            }
            let memo = dict::new()?;
            let sc = state::<Scanner>(slf);
            let (v, next) = match super::writer::chars(s) {
                super::writer::Chars::One(c) => Scan {
                    sc,
                    memo: memo.as_ptr(),
                    s: c,
                    obj: s,
                }
                .term(idx as usize)?,
                super::writer::Chars::Two(c) => Scan {
                    sc,
                    memo: memo.as_ptr(),
                    s: c,
                    obj: s,
                }
                .term(idx as usize)?,
                super::writer::Chars::Four(c) => Scan {
                    sc,
                    memo: memo.as_ptr(),
                    s: c,
                    obj: s,
                }
                .term(idx as usize)?,
            };
            pair(v, next)
        }
    })
}
