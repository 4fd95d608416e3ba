//! The `charmap` codecs (`charmap_encode`, `charmap_decode`,
//! `charmap_build`) that the `encodings` package's 8-bit code pages use,
//! and the bytes-literal unescaping of `escape_decode`.
use super::*;
use crate::object::exceptions as exc;

/// Calls the error handler `errors` on a new `UnicodeError` of type `tp`
/// built from `args`; returns (replacement, resume position).
unsafe fn call_handler(
    errors_: Option<&str>,
    tp: *mut PyObject,
    args: &[*mut PyObject],
) -> PyResult<(Owned, usize)> {
    // SAFETY: tp is an exception class; args valid.
    unsafe {
        let e = protocol::call_args(tp, args)?;
        let h = registry::lookup_error(errors_.unwrap_or("strict"))?;
        let r = protocol::call_args(h.as_ptr(), &[e.as_ptr()])?;
        if !tuple::check(r.as_ptr()) || tuple::size(r.as_ptr()) != 2 {
            return Err(errors::type_error(
                "encoding error handler must return (str/bytes, int) tuple",
            ));
        }
        let it = tuple::items(r.as_ptr());
        let pos = int::as_i64(it[1])?;
        Ok((Owned::from_borrowed(it[0]), pos.max(0) as usize))
    }
}

/// The code point `mapping` gives byte `b` (None: undefined).
unsafe fn decode_byte(mapping: *mut PyObject, b: u8) -> PyResult<Option<Vec<u32>>> {
    // SAFETY: mapping valid.
    unsafe {
        if pystr::check(mapping) {
            let n = pystr::len(mapping) as usize;
            if (b as usize) < n {
                let c = pystr::read_char(mapping, b as usize);
                if c != 0xfffe {
                    return Ok(Some(vec![c]));
                }
            }
            return Ok(None);
        }
        let key = int::from_i64(b as i64)?;
        let v = match protocol::get_item(mapping, key.as_ptr()) {
            Ok(v) => v,
            Err(e) => {
                if errors::matches(exc::PyExc_LookupError) {
                    errors::clear();
                    return Ok(None);
                }
                return Err(e);
            }
        };
        let v = v.as_ptr();
        if v == none::none() {
            return Ok(None);
        }
        if int::check(v) {
            let c = int::as_i64(v)?;
            if c == 0xfffe {
                return Ok(None);
            }
            if !(0..=0x10ffff).contains(&c) {
                return Err(errors::type_error(
                    "character mapping must be in range(0x110000)",
                ));
            }
            return Ok(Some(vec![c as u32]));
        }
        if pystr::check(v) {
            let chars = pystr::to_ucs4(v);
            if chars == [0xfffe] {
                return Ok(None);
            }
            return Ok(Some(chars));
        }
        Err(errors::type_error(
            "character mapping must return integer, None or str",
        ))
    }
}

builtin!(pub charmap_decode, |args, kws| {
    let [d, e, m] = bind("charmap_decode", args, &kws, ["data", "errors", "mapping"], 1)?;
    let data = data_arg(d)?.into_owned();
    let errs = errors_arg("charmap_decode", e)?;
    let mapping = m.unwrap_or(none::none());
    if mapping == none::none() {
        return pair(cc::decode_latin1(&data)?, data.len());
    }
    pair(decode(&data, errs, mapping)?, data.len())
});

/// `PyUnicode_DecodeCharmap` with a mapping: each byte through `mapping`
/// (a str indexed by byte value, or a mapping to code points, str or
/// None), undefined bytes through the error handler `errors_`.
pub unsafe fn decode(
    data: &[u8],
    errors_: Option<&str>,
    mapping: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: mapping valid.
    unsafe {
        let mut out: Vec<u32> = Vec::with_capacity(data.len());
        let mut i = 0;
        while i < data.len() {
            match decode_byte(mapping, data[i])? {
                Some(cs) => {
                    out.extend_from_slice(&cs);
                    i += 1;
                }
                None => {
                    let enc = pystr::from_str("charmap")?;
                    let obj = bytes::from_slice(data)?;
                    let (s, e2) = (int::from_i64(i as i64)?, int::from_i64(i as i64 + 1)?);
                    let reason = pystr::from_str("character maps to <undefined>")?;
                    let (rep, pos) = call_handler(
                        errors_,
                        exc::PyExc_UnicodeDecodeError,
                        &[
                            enc.as_ptr(),
                            obj.as_ptr(),
                            s.as_ptr(),
                            e2.as_ptr(),
                            reason.as_ptr(),
                        ],
                    )?;
                    if !pystr::check(rep.as_ptr()) {
                        return Err(errors::type_error(
                            "decoding error handler must return (str, int) tuple",
                        ));
                    }
                    out.extend(pystr::to_ucs4(rep.as_ptr()));
                    i = pos.max(i + 1).min(data.len());
                }
            }
        }
        pystr::from_ucs4(&out)
    }
}

/// The bytes `mapping` gives code point `c` (None: undefined).
unsafe fn encode_char(mapping: *mut PyObject, c: u32) -> PyResult<Option<Vec<u8>>> {
    // SAFETY: mapping valid.
    unsafe {
        if let Some(b) = super::encoding_map::lookup(mapping, c) {
            return Ok(b.map(|b| vec![b]));
        }
        let key = int::from_i64(c as i64)?;
        let v = match protocol::get_item(mapping, key.as_ptr()) {
            Ok(v) => v,
            Err(e) => {
                if errors::matches(exc::PyExc_LookupError) {
                    errors::clear();
                    return Ok(None);
                }
                return Err(e);
            }
        };
        let v = v.as_ptr();
        if v == none::none() {
            return Ok(None);
        }
        if int::check(v) {
            let b = int::as_i64(v)?;
            if !(0..=255).contains(&b) {
                return Err(errors::type_error(
                    "character mapping must be in range(256)",
                ));
            }
            return Ok(Some(vec![b as u8]));
        }
        if bytes::check(v) {
            return Ok(Some(bytes::as_slice(v).to_vec()));
        }
        Err(errors::type_error(
            "character mapping must return integer, bytes or None, not str",
        ))
    }
}

builtin!(pub charmap_encode, |args, kws| {
    let [s, e, m] = bind("charmap_encode", args, &kws, ["str", "errors", "mapping"], 1)?;
    let s = str_arg("charmap_encode", 1, s)?;
    let errs = errors_arg("charmap_encode", e)?;
    let mapping = m.unwrap_or(none::none());
    if mapping == none::none() {
        return pair(cc::encode(s, Codec::Latin1, errs)?, pystr::len(s) as usize);
    }
    pair(encode(s, errs, mapping)?, pystr::len(s) as usize)
});

/// `PyUnicode_AsCharmapString` / `charmap_encode` with a mapping: each
/// code point through `mapping` (to a byte value, bytes or None),
/// undefined runs through the error handler `errors_`.
pub unsafe fn encode(
    s: *mut PyObject,
    errors_: Option<&str>,
    mapping: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: s is a str, mapping valid.
    unsafe {
        let chars = pystr::to_ucs4(s);
        let mut out = Vec::with_capacity(chars.len());
        let mut i = 0;
        while i < chars.len() {
            if let Some(b) = encode_char(mapping, chars[i])? {
                out.extend_from_slice(&b);
                i += 1;
                continue;
            }
            // An undefined run: hand the whole run to the error handler.
            let mut j = i + 1;
            while j < chars.len() && encode_char(mapping, chars[j])?.is_none() {
                j += 1;
            }
            let enc = pystr::from_str("charmap")?;
            let (a, b) = (int::from_i64(i as i64)?, int::from_i64(j as i64)?);
            let reason = pystr::from_str("character maps to <undefined>")?;
            let (rep, pos) = call_handler(
                errors_,
                exc::PyExc_UnicodeEncodeError,
                &[enc.as_ptr(), s, a.as_ptr(), b.as_ptr(), reason.as_ptr()],
            )?;
            if bytes::check(rep.as_ptr()) {
                out.extend_from_slice(bytes::as_slice(rep.as_ptr()));
            } else if pystr::check(rep.as_ptr()) {
                for c in pystr::to_ucs4(rep.as_ptr()) {
                    match encode_char(mapping, c)? {
                        Some(b) => out.extend_from_slice(&b),
                        None => {
                            let (a, b) = (int::from_i64(i as i64)?, int::from_i64(j as i64)?);
                            let e = protocol::call_args(
                                exc::PyExc_UnicodeEncodeError,
                                &[enc.as_ptr(), s, a.as_ptr(), b.as_ptr(), reason.as_ptr()],
                            )?;
                            return Err(errors::set_object(
                                (*e.as_ptr()).ob_type.cast(),
                                e.as_ptr(),
                            ));
                        }
                    }
                }
            } else {
                return Err(errors::type_error(
                    "encoding error handler must return (str/bytes, int) tuple",
                ));
            }
            i = if pos > i { pos.min(chars.len()) } else { j };
        }
        bytes::from_slice(&out)
    }
}

builtin!(pub charmap_build, |args, kws| {
    let [m] = bind("charmap_build", args, &kws, ["map"], 1)?;
    let m = m.unwrap_or(null_mut());
    if !pystr::check(m) {
        // Argument Clinic leaves out the number of a sole argument.
        return Err(errors::type_error(format!(
            "charmap_build() argument must be str, not {}",
            typeobj::type_name(m)
        )));
    }
    super::encoding_map::build(m)
});

/// Decodes the escapes of a bytes literal (`escape_decode`,
/// `PyBytes_DecodeEscape`). An unknown escape stays as it is and an octal
/// escape above `\377` keeps its low byte; the first of either is then
/// reported as a `DeprecationWarning`.
pub fn unescape_bytes(data: &[u8], errors_: Option<&str>) -> PyResult<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    let mut first_invalid = None;
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        if b != b'\\' {
            out.push(b);
            i += 1;
            continue;
        }
        i += 1;
        let Some(&c) = data.get(i) else {
            return Err(errors::value_error("Trailing \\ in string"));
        };
        i += 1;
        match c {
            b'\n' => {}
            b'\\' => out.push(b'\\'),
            b'\'' => out.push(b'\''),
            b'"' => out.push(b'"'),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b't' => out.push(b'\t'),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b'v' => out.push(11),
            b'a' => out.push(7),
            b'0'..=b'7' => {
                let mut v = (c - b'0') as u32;
                for _ in 0..2 {
                    match data.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + (d - b'0') as u32;
                            i += 1;
                        }
                        _ => break,
                    }
                }
                if v > 0o377 {
                    first_invalid.get_or_insert(v);
                }
                out.push(v as u8);
            }
            b'x' => {
                let hex = |k: usize| data.get(k).and_then(|&h| (h as char).to_digit(16));
                match (hex(i), hex(i + 1)) {
                    (Some(a), Some(b)) => {
                        out.push((a * 16 + b) as u8);
                        i += 2;
                    }
                    _ => match errors_.unwrap_or("strict") {
                        "strict" => {
                            return Err(errors::value_error(format!(
                                "invalid \\x escape at position {}",
                                i - 2
                            )))
                        }
                        "replace" => {
                            out.push(b'?');
                            while i < data.len() && (data[i] as char).is_ascii_hexdigit() {
                                i += 1;
                            }
                        }
                        "ignore" => {
                            while i < data.len() && (data[i] as char).is_ascii_hexdigit() {
                                i += 1;
                            }
                        }
                        other => {
                            return Err(errors::value_error(format!(
                                "decoding error; unknown error handling code: {other}"
                            )))
                        }
                    },
                }
            }
            other => {
                first_invalid.get_or_insert(u32::from(other));
                out.push(b'\\');
                out.push(other);
            }
        }
    }
    cc::warn_invalid_escape(first_invalid)?;
    Ok(out)
}
