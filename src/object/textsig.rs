//! The signature at the head of a builtin's internal docstring, as
//! Argument Clinic writes it: `name(sig)\n--\n\nbody`. `__doc__` shows the
//! body and `__text_signature__` the `(sig)` that `inspect.signature`
//! parses (`_PyType_GetDocFromInternalDoc`,
//! `_PyType_GetTextSignatureFromInternalDoc` in `Objects/typeobject.c`).
use crate::object::{none, str as pystr};
use crate::runtime::errors::PyResult;
use crate::Owned;
use std::ffi::{c_char, CStr};

/// What closes the signature line.
const END_MARKER: &[u8] = b")\n--\n\n";

/// Splits `doc` into its signature (`(...)`, when `doc` starts with the
/// last dotted component of `name`, then `(`, and the end marker follows
/// before any blank line) and the text after it.
fn split<'a>(name: &[u8], doc: &'a [u8]) -> (Option<&'a [u8]>, &'a [u8]) {
    let name = match name.iter().rposition(|&b| b == b'.') {
        Some(i) => &name[i + 1..],
        None => name,
    };
    let Some(rest) = doc.strip_prefix(name).filter(|r| r.first() == Some(&b'(')) else {
        return (None, doc);
    };
    let mut i = 0;
    while i < rest.len() {
        if rest[i..].starts_with(END_MARKER) {
            return (Some(&rest[..=i]), &rest[i + END_MARKER.len()..]);
        }
        if rest[i..].starts_with(b"\n\n") {
            break;
        }
        i += 1;
    }
    (None, doc)
}

/// `__doc__` of a builtin named `name` whose internal doc is `doc` (NULL
/// for none): the doc without its signature; None when empty or absent.
pub unsafe fn doc(name: *const c_char, doc: *const c_char) -> PyResult<Owned> {
    if doc.is_null() {
        return Ok(none::owned());
    }
    // SAFETY: both are NUL-terminated (caller contract).
    let (name, doc) = unsafe {
        (
            CStr::from_ptr(name).to_bytes(),
            CStr::from_ptr(doc).to_bytes(),
        )
    };
    doc_of(name, doc)
}

/// `__doc__` of a builtin named `name` whose internal doc is `doc`.
pub fn doc_of(name: &[u8], doc: &[u8]) -> PyResult<Owned> {
    match split(name, doc) {
        (Some(_), b"") => Ok(none::owned()),
        (_, body) => pystr::from_utf8(body),
    }
}

/// `__text_signature__` of a builtin named `name` whose internal doc is
/// `doc` (NULL for none): its `(...)` signature, or None.
pub unsafe fn signature(name: *const c_char, doc: *const c_char) -> PyResult<Owned> {
    if doc.is_null() {
        return Ok(none::owned());
    }
    // SAFETY: both are NUL-terminated (caller contract).
    let (name, doc) = unsafe {
        (
            CStr::from_ptr(name).to_bytes(),
            CStr::from_ptr(doc).to_bytes(),
        )
    };
    signature_of(name, doc)
}

/// `__text_signature__` of a builtin named `name` whose internal doc is
/// `doc`: its `(...)` signature, or None.
pub fn signature_of(name: &[u8], doc: &[u8]) -> PyResult<Owned> {
    match split(name, doc) {
        (Some(sig), _) => pystr::from_utf8(sig),
        (None, _) => Ok(none::owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn signatures_split_like_cpython() {
        let d = b"cmp_to_key($module, /, mycmp)\n--\n\nConvert.";
        assert_eq!(
            split(b"cmp_to_key", d),
            (Some(&b"($module, /, mycmp)"[..]), &b"Convert."[..])
        );
        let t = b"attrgetter(attr, /, *attrs)\n--\n\nReturn.";
        assert_eq!(
            split(b"operator.attrgetter", t).0,
            Some(&b"(attr, /, *attrs)"[..])
        );
        // Another name, a blank line before the marker, or no marker: no
        // signature and the whole doc.
        assert_eq!(split(b"other", d), (None, &d[..]));
        let blank = b"f(a)\n\nx\n--\n\n";
        assert_eq!(split(b"f", blank), (None, &blank[..]));
        assert_eq!(split(b"f", b"f(a) plain"), (None, &b"f(a) plain"[..]));
        assert_eq!(split(b"f", b"f()\n--\n\n"), (Some(&b"()"[..]), &b""[..]));
    }
}
