//! `UnicodeEncodeError`, `UnicodeDecodeError`, `UnicodeTranslateError`:
//! construction, `__str__` ("'utf-8' codec can't decode byte 0xff in
//! position 0: invalid start byte") and the field accessors behind the
//! `PyUnicode*Error_*` C functions.
use super::*;
use std::mem::offset_of;

impl ExcLayout for PyUnicodeErrorObject {
    const FIELDS: &'static [usize] = &[
        offset_of!(PyUnicodeErrorObject, encoding),
        offset_of!(PyUnicodeErrorObject, object),
        offset_of!(PyUnicodeErrorObject, reason),
    ];
}

pub(super) static MEMBERS: [PyMemberDef; 6] = [
    member(
        c"encoding",
        offset_of!(PyUnicodeErrorObject, encoding),
        0,
        c"exception encoding",
    ),
    member(
        c"object",
        offset_of!(PyUnicodeErrorObject, object),
        0,
        c"exception object",
    ),
    PyMemberDef {
        name: c"start".as_ptr(),
        r#type: Py_T_PYSSIZET,
        offset: offset_of!(PyUnicodeErrorObject, start) as Py_ssize_t,
        flags: 0,
        doc: c"exception start".as_ptr(),
    },
    PyMemberDef {
        name: c"end".as_ptr(),
        r#type: Py_T_PYSSIZET,
        offset: offset_of!(PyUnicodeErrorObject, end) as Py_ssize_t,
        flags: 0,
        doc: c"exception end".as_ptr(),
    },
    member(
        c"reason",
        offset_of!(PyUnicodeErrorObject, reason),
        0,
        c"exception reason",
    ),
    MEMBER_END,
];

/// Which of the three Unicode errors: it decides whether `object` is a str
/// or bytes and how `__str__` reads.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum UnicodeErrorKind {
    /// `UnicodeEncodeError`: `object` is the str being encoded.
    Encode,
    /// `UnicodeDecodeError`: `object` is the bytes being decoded.
    Decode,
    /// `UnicodeTranslateError`: `object` is a str; no encoding.
    Translate,
}

#[inline]
unsafe fn ue(op: *mut PyObject) -> *mut PyUnicodeErrorObject {
    op.cast()
}

/// A `Py_ssize_t` argument (the `n` format unit).
unsafe fn ssize_arg(v: *mut PyObject) -> PyResult<Py_ssize_t> {
    // SAFETY: v valid.
    unsafe {
        let i = crate::object::number::index(v)?;
        int::as_i64(i.as_ptr()).map(|v| v as Py_ssize_t)
    }
}

/// A str argument (the `U` format unit).
unsafe fn str_arg(v: *mut PyObject, n: usize) -> PyResult<*mut PyObject> {
    // SAFETY: v valid.
    unsafe {
        if !pystr::check(v) {
            return Err(errors::type_error(format!(
                "argument {n} must be str, not {}",
                typeobj::type_name(v)
            )));
        }
        Ok(v)
    }
}

/// `__init__` of the three types: `(encoding, object, start, end, reason)`,
/// without `encoding` for `UnicodeTranslateError`.
unsafe fn init_common(
    op: *mut PyObject,
    args: *mut PyObject,
    kw: *mut PyObject,
    kind: UnicodeErrorKind,
) -> PyResult<()> {
    // SAFETY: op is a Unicode*Error; args a tuple.
    unsafe {
        no_keywords((*op).ob_type, kw)?;
        init_args(op, args);
        let items = tuple::items(args);
        let want = if kind == UnicodeErrorKind::Translate {
            4
        } else {
            5
        };
        if items.len() != want {
            return Err(errors::type_error(format!(
                "function takes exactly {want} arguments ({} given)",
                items.len()
            )));
        }
        let (encoding, rest) = if kind == UnicodeErrorKind::Translate {
            (none::none(), items)
        } else {
            (str_arg(items[0], 1)?, &items[1..])
        };
        let first = want - 3;
        // A decode error holds bytes: other bytes-like objects are copied.
        let object = match kind {
            UnicodeErrorKind::Decode if bytes::check(rest[0]) => Owned::from_borrowed(rest[0]),
            UnicodeErrorKind::Decode => match crate::object::bytes_methods::bytes_like(rest[0])? {
                Some(data) => bytes::from_slice(&data)?,
                None => {
                    return Err(errors::type_error(format!(
                        "a bytes-like object is required, not '{}'",
                        typeobj::type_name(rest[0])
                    )))
                }
            },
            _ => Owned::from_borrowed(str_arg(rest[0], first)?),
        };
        let start = ssize_arg(rest[1])?;
        let end = ssize_arg(rest[2])?;
        let reason = str_arg(rest[3], want)?;
        let u = ue(op);
        set_field(&raw mut (*u).encoding, encoding);
        set_field(&raw mut (*u).object, object.as_ptr());
        (*u).start = start;
        (*u).end = end;
        set_field(&raw mut (*u).reason, reason);
        Ok(())
    }
}

pub(super) unsafe extern "C" fn encode_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kw: *mut PyObject,
) -> c_int {
    // SAFETY: forwarded from tp_init.
    guard_status(|| unsafe { init_common(op, args, kw, UnicodeErrorKind::Encode) })
}

pub(super) unsafe extern "C" fn decode_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kw: *mut PyObject,
) -> c_int {
    // SAFETY: forwarded from tp_init.
    guard_status(|| unsafe { init_common(op, args, kw, UnicodeErrorKind::Decode) })
}

pub(super) unsafe extern "C" fn translate_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kw: *mut PyObject,
) -> c_int {
    // SAFETY: forwarded from tp_init.
    guard_status(|| unsafe { init_common(op, args, kw, UnicodeErrorKind::Translate) })
}

/// `str(o)` as Rust text.
unsafe fn text(o: *mut PyObject) -> PyResult<String> {
    // SAFETY: o NULL or valid.
    unsafe {
        let s = protocol::str_(if o.is_null() { none::none() } else { o })?;
        Ok(pystr::as_str(s.as_ptr())?.to_string())
    }
}

/// A code point as CPython's `\xNN`, `\uNNNN` or `\UNNNNNNNN`.
fn escaped(c: u32) -> String {
    if c <= 0xff {
        format!("\\x{c:02x}")
    } else if c <= 0xffff {
        format!("\\u{c:04x}")
    } else {
        format!("\\U{c:08x}")
    }
}

unsafe fn str_common(op: *mut PyObject, kind: UnicodeErrorKind) -> PyResult<Owned> {
    // SAFETY: op is a Unicode*Error.
    unsafe {
        let u = ue(op);
        if (*u).object.is_null() {
            return pystr::from_str("");
        }
        // `object` may have been reassigned: check its type (CPython 3.13
        // reads it blindly).
        get_object(op, kind)?;
        let reason = text((*u).reason)?;
        let (start, end) = ((*u).start, (*u).end);
        let len = if kind == UnicodeErrorKind::Decode {
            bytes::as_slice((*u).object).len() as Py_ssize_t
        } else {
            pystr::len((*u).object)
        };
        let single = start >= 0 && start < len && end >= 0 && end <= len && end == start + 1;
        let s = match kind {
            UnicodeErrorKind::Decode => {
                let enc = text((*u).encoding)?;
                if single {
                    let b = bytes::as_slice((*u).object)[start as usize];
                    format!(
                        "'{enc}' codec can't decode byte 0x{b:02x} in position {start}: {reason}"
                    )
                } else {
                    format!(
                        "'{enc}' codec can't decode bytes in position {start}-{}: {reason}",
                        end - 1
                    )
                }
            }
            UnicodeErrorKind::Encode => {
                let enc = text((*u).encoding)?;
                if single {
                    let c = escaped(pystr::read_char((*u).object, start as usize));
                    format!(
                        "'{enc}' codec can't encode character '{c}' in position {start}: {reason}"
                    )
                } else {
                    format!(
                        "'{enc}' codec can't encode characters in position {start}-{}: {reason}",
                        end - 1
                    )
                }
            }
            UnicodeErrorKind::Translate => {
                if single {
                    let c = escaped(pystr::read_char((*u).object, start as usize));
                    format!("can't translate character '{c}' in position {start}: {reason}")
                } else {
                    format!(
                        "can't translate characters in position {start}-{}: {reason}",
                        end - 1
                    )
                }
            }
        };
        pystr::from_str(&s)
    }
}

pub(super) unsafe extern "C" fn encode_str(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded from tp_str.
    guard_obj(|| unsafe { str_common(op, UnicodeErrorKind::Encode) })
}

pub(super) unsafe extern "C" fn decode_str(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded from tp_str.
    guard_obj(|| unsafe { str_common(op, UnicodeErrorKind::Decode) })
}

pub(super) unsafe extern "C" fn translate_str(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded from tp_str.
    guard_obj(|| unsafe { str_common(op, UnicodeErrorKind::Translate) })
}

/// Checks that `op` is a `UnicodeError` instance (the C accessors cast it).
unsafe fn check(op: *mut PyObject) -> PyResult<*mut PyUnicodeErrorObject> {
    // SAFETY: op NULL or valid.
    unsafe {
        if op.is_null() || !typeobj::instance_of(op, &raw mut _PyExc_UnicodeError) {
            return Err(errors::bad_internal_call());
        }
        // A plain UnicodeError has the base layout: no fields to read.
        if (*(*op).ob_type).tp_basicsize < std::mem::size_of::<PyUnicodeErrorObject>() as isize {
            return Err(errors::bad_internal_call());
        }
        Ok(ue(op))
    }
}

/// A str field (`encoding`, `reason`, or a str `object`): "X attribute not
/// set" / "X attribute must be unicode".
unsafe fn str_field(v: *mut PyObject, name: &str) -> PyResult<Owned> {
    // SAFETY: v NULL or valid.
    unsafe {
        if v.is_null() {
            return Err(errors::type_error(format!("{name} attribute not set")));
        }
        if !pystr::check(v) {
            return Err(errors::type_error(format!(
                "{name} attribute must be unicode"
            )));
        }
        Ok(Owned::from_borrowed(v))
    }
}

/// `PyUnicode*Error_GetEncoding`.
pub unsafe fn get_encoding(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: checked below.
    unsafe { str_field((*check(op)?).encoding, "encoding") }
}

/// `PyUnicode*Error_GetReason`.
pub unsafe fn get_reason(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: checked below.
    unsafe { str_field((*check(op)?).reason, "reason") }
}

/// `PyUnicode*Error_GetObject`: bytes for decoding, str otherwise.
pub unsafe fn get_object(op: *mut PyObject, kind: UnicodeErrorKind) -> PyResult<Owned> {
    // SAFETY: checked below.
    unsafe {
        let v = (*check(op)?).object;
        if kind != UnicodeErrorKind::Decode {
            return str_field(v, "object");
        }
        if v.is_null() {
            return Err(errors::type_error("object attribute not set"));
        }
        if !bytes::check(v) {
            return Err(errors::type_error("object attribute must be bytes"));
        }
        Ok(Owned::from_borrowed(v))
    }
}

/// The length of `object` (validated as for `get_object`).
unsafe fn object_len(op: *mut PyObject, kind: UnicodeErrorKind) -> PyResult<Py_ssize_t> {
    // SAFETY: get_object validated the type.
    unsafe {
        let o = get_object(op, kind)?;
        Ok(if kind == UnicodeErrorKind::Decode {
            bytes::as_slice(o.as_ptr()).len() as Py_ssize_t
        } else {
            pystr::len(o.as_ptr())
        })
    }
}

/// `PyUnicode*Error_GetStart`: clamped to the object as CPython 3.13 does.
pub unsafe fn get_start(op: *mut PyObject, kind: UnicodeErrorKind) -> PyResult<Py_ssize_t> {
    // SAFETY: object_len checked op.
    unsafe {
        let size = object_len(op, kind)?;
        let mut start = (*ue(op)).start;
        if start < 0 {
            start = 0;
        }
        if start >= size {
            start = size - 1;
        }
        Ok(start)
    }
}

/// `PyUnicode*Error_GetEnd`: clamped to `1..=len(object)`.
pub unsafe fn get_end(op: *mut PyObject, kind: UnicodeErrorKind) -> PyResult<Py_ssize_t> {
    // SAFETY: object_len checked op.
    unsafe {
        let size = object_len(op, kind)?;
        let mut end = (*ue(op)).end;
        if end < 1 {
            end = 1;
        }
        if end > size {
            end = size;
        }
        Ok(end)
    }
}

/// `PyUnicode*Error_SetStart`.
pub unsafe fn set_start(op: *mut PyObject, v: Py_ssize_t) -> PyResult<()> {
    // SAFETY: checked.
    unsafe { (*check(op)?).start = v };
    Ok(())
}

/// `PyUnicode*Error_SetEnd`.
pub unsafe fn set_end(op: *mut PyObject, v: Py_ssize_t) -> PyResult<()> {
    // SAFETY: checked.
    unsafe { (*check(op)?).end = v };
    Ok(())
}

/// `PyUnicode*Error_SetReason`.
pub unsafe fn set_reason(op: *mut PyObject, reason: &str) -> PyResult<()> {
    // SAFETY: checked.
    unsafe {
        let u = check(op)?;
        let r = pystr::from_str(reason)?;
        set_field(&raw mut (*u).reason, r.as_ptr());
        Ok(())
    }
}
