//! The built-in codec error handlers (`Python/codecs.c`): the callables
//! `codecs.lookup_error` returns for `strict`, `ignore`, `replace`,
//! `backslashreplace`, `xmlcharrefreplace`, `surrogateescape`,
//! `namereplace` and `surrogatepass`. Each
//! takes a `UnicodeError` and returns (replacement, position to resume).
use crate::ffi::*;
use crate::modules::args::{arity, builtin};
use crate::object::descr::{method, METHOD_END};
use crate::object::exceptions::unicode::{self as ue, UnicodeErrorKind as Kind};
use crate::object::{bytes, dict, exceptions as exc, int, str as pystr, tuple, typeobj};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_void;
use std::ptr::null_mut;

/// Which kind of `UnicodeError` `e` is (None: not one of the three).
unsafe fn kind_of(e: *mut PyObject) -> Option<Kind> {
    // SAFETY: e valid.
    unsafe {
        if typeobj::instance_of(e, exc::PyExc_UnicodeEncodeError.cast()) {
            Some(Kind::Encode)
        } else if typeobj::instance_of(e, exc::PyExc_UnicodeDecodeError.cast()) {
            Some(Kind::Decode)
        } else if typeobj::instance_of(e, exc::PyExc_UnicodeTranslateError.cast()) {
            Some(Kind::Translate)
        } else {
            None
        }
    }
}

unsafe fn wrong_type(e: *mut PyObject) -> errors::Raised {
    // SAFETY: e valid.
    errors::type_error(format!(
        "don't know how to handle {} in error callback",
        unsafe { typeobj::type_name(e) }
    ))
}

/// (replacement, end) as the handlers return.
fn result(rep: Owned, end: Py_ssize_t) -> PyResult<Owned> {
    let e = int::from_i64(end as i64)?;
    tuple::pack(&[rep.as_ptr(), e.as_ptr()])
}

/// The range and object of a `UnicodeError`.
unsafe fn parts(e: *mut PyObject, k: Kind) -> PyResult<(usize, usize, Owned)> {
    // SAFETY: e is a UnicodeError of kind k.
    unsafe {
        let start = ue::get_start(e, k)?.max(0) as usize;
        let end = ue::get_end(e, k)?.max(0) as usize;
        Ok((start, end.max(start), ue::get_object(e, k)?))
    }
}

builtin!(pub strict_errors, |args, kws| {
    arity("strict_errors", args, 1, 1)?;
    let e = args[0];
    if !typeobj::instance_of(e, exc::PyExc_BaseException.cast()) {
        return Err(errors::type_error("codec must pass exception instance"));
    }
    Err(errors::set_object((*e).ob_type.cast(), e))
});

builtin!(pub ignore_errors, |args, kws| {
    arity("ignore_errors", args, 1, 1)?;
    let e = args[0];
    let Some(k) = kind_of(e) else {
        return Err(wrong_type(e));
    };
    let end = ue::get_end(e, k)?;
    result(pystr::empty()?, end)
});

builtin!(pub replace_errors, |args, kws| {
    arity("replace_errors", args, 1, 1)?;
    let e = args[0];
    let Some(k) = kind_of(e) else {
        return Err(wrong_type(e));
    };
    let (start, end, _) = parts(e, k)?;
    let rep = match k {
        Kind::Encode => pystr::from_str(&"?".repeat(end - start))?,
        Kind::Decode => pystr::from_str("\u{fffd}")?,
        Kind::Translate => pystr::from_str(&"\u{fffd}".repeat(end - start))?,
    };
    result(rep, end as Py_ssize_t)
});

builtin!(pub backslashreplace_errors, |args, kws| {
    arity("backslashreplace_errors", args, 1, 1)?;
    let e = args[0];
    let Some(k) = kind_of(e) else {
        return Err(wrong_type(e));
    };
    let (start, end, obj) = parts(e, k)?;
    let mut s = String::new();
    if k == Kind::Decode {
        for &b in &bytes::as_slice(obj.as_ptr())[start..end] {
            s.push_str(&format!("\\x{b:02x}"));
        }
    } else {
        for i in start..end {
            s.push_str(&crate::object::codecs_core::backslash_escape(
                pystr::read_char(obj.as_ptr(), i),
            ));
        }
    }
    result(pystr::from_str(&s)?, end as Py_ssize_t)
});

builtin!(pub namereplace_errors, |args, kws| {
    arity("namereplace_errors", args, 1, 1)?;
    let e = args[0];
    if kind_of(e) != Some(Kind::Encode) {
        return Err(wrong_type(e));
    }
    let (start, end, obj) = parts(e, Kind::Encode)?;
    let mut s = String::new();
    for i in start..end {
        let c = pystr::read_char(obj.as_ptr(), i);
        match crate::modules::unicodedata::name_of(c) {
            Some(n) => {
                s.push_str("\\N{");
                s.push_str(&n);
                s.push('}');
            }
            None => s.push_str(&crate::object::codecs_core::backslash_escape(c)),
        }
    }
    result(pystr::from_str(&s)?, end as Py_ssize_t)
});

builtin!(pub xmlcharrefreplace_errors, |args, kws| {
    arity("xmlcharrefreplace_errors", args, 1, 1)?;
    let e = args[0];
    if kind_of(e) != Some(Kind::Encode) {
        return Err(wrong_type(e));
    }
    let (start, end, obj) = parts(e, Kind::Encode)?;
    let mut s = String::new();
    for i in start..end {
        s.push_str(&format!("&#{};", pystr::read_char(obj.as_ptr(), i)));
    }
    result(pystr::from_str(&s)?, end as Py_ssize_t)
});

builtin!(surrogateescape_errors, |args, kws| {
    arity("surrogateescape", args, 1, 1)?;
    let e = args[0];
    match kind_of(e) {
        Some(Kind::Decode) => {
            let (start, end, obj) = parts(e, Kind::Decode)?;
            let data = &bytes::as_slice(obj.as_ptr())[start..end.min(start + 4)];
            let mut out = Vec::new();
            for &b in data {
                if b < 128 {
                    break;
                }
                out.push(0xdc00 + b as u32);
            }
            if out.is_empty() {
                return Err(errors::set_object((*e).ob_type.cast(), e));
            }
            let n = out.len();
            result(pystr::from_ucs4(&out)?, (start + n) as Py_ssize_t)
        }
        Some(Kind::Encode) => {
            let (start, end, obj) = parts(e, Kind::Encode)?;
            let mut out = Vec::new();
            for i in start..end {
                let c = pystr::read_char(obj.as_ptr(), i);
                if !(0xdc80..=0xdcff).contains(&c) {
                    return Err(errors::set_object((*e).ob_type.cast(), e));
                }
                out.push((c - 0xdc00) as u8);
            }
            result(bytes::from_slice(&out)?, end as Py_ssize_t)
        }
        _ => Err(wrong_type(e)),
    }
});

/// The UTF form a `surrogatepass` error is about, from the error's
/// `encoding` (`get_standard_encoding`): unit size and byte order.
#[derive(Clone, Copy)]
enum Utf {
    Eight,
    Sixteen { big: bool },
    ThirtyTwo { big: bool },
}

impl Utf {
    fn of(encoding: &str) -> Option<Utf> {
        let lower = encoding.to_ascii_lowercase();
        if lower == "cp_utf8" {
            return Some(Utf::Eight);
        }
        let rest = lower.strip_prefix("utf")?;
        let rest = rest.strip_prefix(['-', '_']).unwrap_or(rest);
        let (width, order) = if let Some(o) = rest.strip_prefix('8') {
            return o.is_empty().then_some(Utf::Eight);
        } else if let Some(o) = rest.strip_prefix("16") {
            (16, o)
        } else {
            (32, rest.strip_prefix("32")?)
        };
        let order = order.strip_prefix(['-', '_']).unwrap_or(order);
        let big = match order {
            "" => cfg!(target_endian = "big"),
            "le" => false,
            "be" => true,
            _ => return None,
        };
        Some(if width == 16 {
            Utf::Sixteen { big }
        } else {
            Utf::ThirtyTwo { big }
        })
    }

    fn width(self) -> usize {
        match self {
            Utf::Eight => 3,
            Utf::Sixteen { .. } => 2,
            Utf::ThirtyTwo { .. } => 4,
        }
    }

    /// The bytes of the surrogate `c` in this form.
    fn encode(self, c: u32, out: &mut Vec<u8>) {
        match self {
            Utf::Eight => out.extend_from_slice(&[
                0xe0 | (c >> 12) as u8,
                0x80 | ((c >> 6) & 0x3f) as u8,
                0x80 | (c & 0x3f) as u8,
            ]),
            Utf::Sixteen { big: true } => out.extend_from_slice(&(c as u16).to_be_bytes()),
            Utf::Sixteen { big: false } => out.extend_from_slice(&(c as u16).to_le_bytes()),
            Utf::ThirtyTwo { big: true } => out.extend_from_slice(&c.to_be_bytes()),
            Utf::ThirtyTwo { big: false } => out.extend_from_slice(&c.to_le_bytes()),
        }
    }

    /// The code point of the first unit of `b` (None: too short, or not
    /// a well-formed three-byte UTF-8 sequence).
    fn decode(self, b: &[u8]) -> Option<u32> {
        let b = b.get(..self.width())?;
        Some(match self {
            Utf::Eight => {
                if b[0] & 0xf0 != 0xe0 || b[1] & 0xc0 != 0x80 || b[2] & 0xc0 != 0x80 {
                    return None;
                }
                ((b[0] as u32 & 0x0f) << 12) | ((b[1] as u32 & 0x3f) << 6) | (b[2] as u32 & 0x3f)
            }
            Utf::Sixteen { big } => {
                let u = [b[0], b[1]];
                (if big {
                    u16::from_be_bytes(u)
                } else {
                    u16::from_le_bytes(u)
                }) as u32
            }
            Utf::ThirtyTwo { big } => {
                let u = [b[0], b[1], b[2], b[3]];
                if big {
                    u32::from_be_bytes(u)
                } else {
                    u32::from_le_bytes(u)
                }
            }
        })
    }
}

/// The `Utf` form named by the error's `encoding`, or None.
unsafe fn utf_of(e: *mut PyObject) -> PyResult<Option<Utf>> {
    // SAFETY: e is a UnicodeError.
    unsafe {
        let enc = ue::get_encoding(e)?;
        Ok(pystr::as_str(enc.as_ptr()).ok().and_then(Utf::of))
    }
}

fn is_surrogate(c: u32) -> bool {
    (0xd800..=0xdfff).contains(&c)
}

builtin!(surrogatepass_errors, |args, kws| {
    arity("surrogatepass", args, 1, 1)?;
    let e = args[0];
    let reraise = || errors::set_object((*e).ob_type.cast(), e);
    match kind_of(e) {
        Some(Kind::Encode) => {
            let (start, end, obj) = parts(e, Kind::Encode)?;
            let Some(utf) = utf_of(e)? else {
                return Err(reraise());
            };
            let mut out = Vec::with_capacity((end - start) * utf.width());
            for i in start..end {
                let c = pystr::read_char(obj.as_ptr(), i);
                if !is_surrogate(c) {
                    return Err(reraise());
                }
                utf.encode(c, &mut out);
            }
            result(bytes::from_slice(&out)?, end as Py_ssize_t)
        }
        Some(Kind::Decode) => {
            let (start, _, obj) = parts(e, Kind::Decode)?;
            let Some(utf) = utf_of(e)? else {
                return Err(reraise());
            };
            let data = bytes::as_slice(obj.as_ptr());
            match data.get(start..).and_then(|b| utf.decode(b)) {
                Some(c) if is_surrogate(c) => {
                    result(pystr::from_ucs4(&[c])?, (start + utf.width()) as Py_ssize_t)
                }
                _ => Err(reraise()),
            }
        }
        _ => Err(wrong_type(e)),
    }
});

const FK: libc::c_int = METH_FASTCALL | METH_KEYWORDS;

static mut HANDLER_METHODS: [PyMethodDef; 9] = [
    method(c"strict_errors", strict_errors as *const c_void, FK),
    method(c"ignore_errors", ignore_errors as *const c_void, FK),
    method(c"replace_errors", replace_errors as *const c_void, FK),
    method(
        c"backslashreplace_errors",
        backslashreplace_errors as *const c_void,
        FK,
    ),
    method(
        c"xmlcharrefreplace_errors",
        xmlcharrefreplace_errors as *const c_void,
        FK,
    ),
    method(
        c"surrogateescape",
        surrogateescape_errors as *const c_void,
        FK,
    ),
    method(
        c"namereplace_errors",
        namereplace_errors as *const c_void,
        FK,
    ),
    method(c"surrogatepass", surrogatepass_errors as *const c_void, FK),
    METHOD_END,
];

/// A dict of the built-in handlers under their names.
pub fn builtin_handlers() -> PyResult<Owned> {
    let d = dict::new()?;
    let names = [
        "strict",
        "ignore",
        "replace",
        "backslashreplace",
        "xmlcharrefreplace",
        "surrogateescape",
        "namereplace",
        "surrogatepass",
    ];
    // SAFETY: the method table is static.
    unsafe {
        let table = &raw mut HANDLER_METHODS;
        for (i, n) in names.iter().enumerate() {
            let ml = (table as *mut PyMethodDef).add(i);
            let f = crate::object::methodobject::new(
                ml,
                null_mut(),
                crate::interned!("_codecs"),
                null_mut(),
            )?;
            dict::set_item(d.as_ptr(), pystr::intern(n), f.as_ptr())?;
        }
    }
    Ok(d)
}
