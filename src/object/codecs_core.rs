//! The codecs built into `str`: UTF-8, Latin-1, ASCII, UTF-16 and UTF-32,
//! each way, with the standard error handlers (`strict`, `replace`,
//! `ignore`, `surrogateescape`, `surrogatepass`, `backslashreplace`, and
//! `xmlcharrefreplace` when encoding). Errors are CPython's exact
//! `UnicodeDecodeError`/`UnicodeEncodeError` arguments. Other encodings and
//! custom handlers need the codec registry (`_codecs`): until it exists they
//! raise `LookupError`.
use crate::ffi::*;
use crate::object::{bytes, exceptions, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;

/// A built-in codec. The UTF-16/32 byte order is 0 (native order, with a
/// BOM when encoding and BOM detection when decoding), -1 (little endian)
/// or 1 (big endian), as in `PyUnicode_DecodeUTF16`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Codec {
    Utf8,
    Latin1,
    Ascii,
    Utf16(i32),
    Utf32(i32),
    UnicodeEscape,
    RawUnicodeEscape,
}

/// The codec an encoding name stands for (CPython's aliases of these
/// codecs), or None for an encoding we do not have.
pub fn lookup(name: &str) -> Option<Codec> {
    let mut n = String::with_capacity(name.len());
    for c in name.chars() {
        n.push(match c {
            '-' | ' ' => '_',
            c => c.to_ascii_lowercase(),
        });
    }
    Some(match n.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "utf8_ucs2" | "utf8_ucs4" | "cp65001" => Codec::Utf8,
        "latin_1" | "latin1" | "latin" | "l1" | "iso_8859_1" | "iso8859_1" | "8859" | "cp819"
        | "iso_ir_100" | "csisolatin1" => Codec::Latin1,
        "ascii" | "us_ascii" | "646" | "us" | "cp367" | "csascii" | "ibm367" | "iso646_us"
        | "iso_ir_6" | "ansi_x3.4_1968" | "ansi_x3_4_1968" | "ansi_x3.4_1986" => Codec::Ascii,
        "utf_16" | "utf16" | "u16" => Codec::Utf16(0),
        "utf_16_le" | "utf_16le" | "utf16le" => Codec::Utf16(-1),
        "utf_16_be" | "utf_16be" | "utf16be" => Codec::Utf16(1),
        "utf_32" | "utf32" | "u32" => Codec::Utf32(0),
        "utf_32_le" | "utf_32le" | "utf32le" => Codec::Utf32(-1),
        "utf_32_be" | "utf_32be" | "utf32be" => Codec::Utf32(1),
        "unicode_escape" => Codec::UnicodeEscape,
        "raw_unicode_escape" => Codec::RawUnicodeEscape,
        _ => return None,
    })
}

/// `LookupError: unknown encoding: NAME`.
pub fn unknown_encoding(name: &str) -> errors::Raised {
    lookup_error(&format!("unknown encoding: {name}"))
}

/// An error handler named by the `errors` argument.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Handler<'a> {
    Strict,
    Replace,
    Ignore,
    SurrogateEscape,
    SurrogatePass,
    BackslashReplace,
    XmlCharRefReplace,
    /// A name we do not know: `LookupError` when an error happens.
    Unknown(&'a str),
}

impl<'a> Handler<'a> {
    /// The handler for `errors` (NULL / None means `strict`).
    pub fn parse(errors: Option<&'a str>) -> Handler<'a> {
        match errors.unwrap_or("strict") {
            "strict" => Handler::Strict,
            "replace" => Handler::Replace,
            "ignore" => Handler::Ignore,
            "surrogateescape" => Handler::SurrogateEscape,
            "surrogatepass" => Handler::SurrogatePass,
            "backslashreplace" => Handler::BackslashReplace,
            "xmlcharrefreplace" => Handler::XmlCharRefReplace,
            other => Handler::Unknown(other),
        }
    }
}

fn lookup_error(msg: &str) -> errors::Raised {
    // SAFETY: the exception type pointers are set before any code runs.
    unsafe { errors::set_string(exceptions::PyExc_LookupError, msg) }
}

/// Applies a decoding error handler to `data[start..end]`; returns where
/// decoding resumes. `surrogatepass` is handled by each decoder first.
pub fn decode_error(
    h: Handler,
    encoding: &str,
    data: &[u8],
    start: usize,
    end: usize,
    reason: &str,
    out: &mut Vec<u32>,
) -> PyResult<usize> {
    match h {
        Handler::Replace => out.push(0xfffd),
        Handler::Ignore => {}
        Handler::SurrogateEscape if data[start..end].iter().all(|&b| b >= 0x80) => {
            out.extend(data[start..end].iter().map(|&b| 0xdc00 + b as u32));
        }
        Handler::BackslashReplace => {
            for &b in &data[start..end] {
                push_ascii(out, &format!("\\x{b:02x}"));
            }
        }
        Handler::XmlCharRefReplace => {
            return Err(errors::type_error(
                "don't know how to handle UnicodeDecodeError in error callback",
            ))
        }
        Handler::Unknown(name) => {
            // A handler registered with codecs.register_error.
            let (rep, pos) = crate::modules::codecs::registry::decode_error_handler(
                name, encoding, data, start, end, reason,
            )?;
            out.extend_from_slice(&rep);
            return Ok(pos);
        }
        _ => {
            return Err(exceptions::unicode_decode_error(
                encoding, data, start, end, reason,
            ))
        }
    }
    Ok(end)
}

fn push_ascii(out: &mut Vec<u32>, s: &str) {
    out.extend(s.bytes().map(u32::from));
}

/// Decodes `data` with `codec` into a new str.
pub fn decode(data: &[u8], codec: Codec, errors: Option<&str>) -> PyResult<Owned> {
    match codec {
        Codec::Utf8 => decode_utf8(data, errors, true).map(|r| r.0),
        Codec::Latin1 => decode_latin1(data),
        Codec::Ascii => decode_ascii(data, errors),
        Codec::Utf16(mut bo) => decode_utf16(data, errors, &mut bo, true).map(|r| r.0),
        Codec::Utf32(mut bo) => decode_utf32(data, errors, &mut bo, true).map(|r| r.0),
        Codec::UnicodeEscape => decode_unicode_escape(data, errors),
        Codec::RawUnicodeEscape => decode_raw_unicode_escape(data, errors),
    }
}

/// The `DeprecationWarning` that bytes-escape and `unicode_escape`
/// decoding give for the first invalid escape they kept: `first` is the
/// character after the backslash, or (above 0xff) the value of an octal
/// escape too large for a byte.
pub fn warn_invalid_escape(first: Option<u32>) -> PyResult<()> {
    let Some(c) = first else {
        return Ok(());
    };
    let msg = if c > 0xff {
        format!("invalid octal escape sequence '\\{c:o}'")
    } else {
        format!("invalid escape sequence '\\{}'", char::from(c as u8))
    };
    let msg = std::ffi::CString::new(msg).expect("no NUL in the message");
    // SAFETY: the category is a static exception type.
    let r = unsafe {
        crate::capi::warnings::PyErr_WarnEx(exceptions::PyExc_DeprecationWarning, msg.as_ptr(), 1)
    };
    if r < 0 {
        return Err(errors::Raised::assume());
    }
    Ok(())
}

fn hex_run(data: &[u8], from: usize, n: usize) -> (u32, usize) {
    let mut v = 0u32;
    let mut k = 0;
    while k < n && from + k < data.len() {
        match (data[from + k] as char).to_digit(16) {
            Some(d) => v = (v << 4) | d,
            None => break,
        }
        k += 1;
    }
    (v, k)
}

/// Where a trailing escape that `data` cuts short starts (None: the data
/// ends with complete text), for decoding `unicode_escape` (`raw` false)
/// or `raw_unicode_escape` incrementally: the decoder stops there and
/// reports the bytes before it as consumed. A malformed escape is left
/// to the decoder, which reports it.
pub fn incomplete_escape(data: &[u8], raw: bool) -> Option<usize> {
    let n = data.len();
    let mut i = 0;
    while i < n {
        if data[i] != b'\\' {
            i += 1;
            continue;
        }
        let start = i;
        let Some(&c) = data.get(i + 1) else {
            return Some(start);
        };
        i += 2;
        let digits = match c {
            b'u' => 4,
            b'U' => 8,
            b'x' if !raw => 2,
            b'N' if !raw => {
                if i >= n {
                    return Some(start);
                }
                if data[i] == b'{' {
                    match data[i + 1..].iter().position(|&b| b == b'}') {
                        Some(k) => i += k + 2,
                        None => return Some(start),
                    }
                }
                continue;
            }
            _ => continue,
        };
        for _ in 0..digits {
            if i >= n {
                return Some(start);
            }
            if !data[i].is_ascii_hexdigit() {
                break;
            }
            i += 1;
        }
    }
    None
}

/// `unicode_escape` decoding (Python string-literal escapes over Latin-1
/// text). `\N{name}` needs the character name database, which we do not
/// have: it is reported as an unknown name.
pub fn decode_unicode_escape(data: &[u8], errors: Option<&str>) -> PyResult<Owned> {
    const ENC: &str = "unicodeescape";
    let h = Handler::parse(errors);
    let n = data.len();
    let mut out = Vec::with_capacity(n);
    let mut first_invalid = None;
    let mut i = 0;
    while i < n {
        let b = data[i];
        if b != b'\\' {
            out.push(b as u32);
            i += 1;
            continue;
        }
        let start = i;
        if i + 1 >= n {
            i = decode_error(h, ENC, data, start, n, "\\ at end of string", &mut out)?;
            continue;
        }
        let c = data[i + 1];
        i += 2;
        let simple = match c {
            b'\n' => Some(None),
            b'\\' | b'\'' | b'"' => Some(Some(c as u32)),
            b'b' => Some(Some(8)),
            b'f' => Some(Some(12)),
            b't' => Some(Some(9)),
            b'n' => Some(Some(10)),
            b'r' => Some(Some(13)),
            b'v' => Some(Some(11)),
            b'a' => Some(Some(7)),
            _ => None,
        };
        if let Some(v) = simple {
            out.extend(v);
            continue;
        }
        match c {
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
                out.push(v);
            }
            b'x' | b'u' | b'U' => {
                let (want, reason) = match c {
                    b'x' => (2, "truncated \\xXX escape"),
                    b'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                let (v, got) = hex_run(data, i, want);
                i += got;
                if got < want {
                    i = decode_error(h, ENC, data, start, i, reason, &mut out)?;
                } else if v > 0x10ffff {
                    i = decode_error(
                        h,
                        ENC,
                        data,
                        start,
                        i,
                        "illegal Unicode character",
                        &mut out,
                    )?;
                } else {
                    out.push(v);
                }
            }
            b'N' => {
                let close = (data.get(i) == Some(&b'{'))
                    .then(|| data[i..].iter().position(|&b| b == b'}'))
                    .flatten();
                let (end, reason) = match close {
                    Some(k) if k > 1 => (i + k + 1, "unknown Unicode character name"),
                    _ => (n.min(i + 1), "malformed \\N character escape"),
                };
                i = decode_error(h, ENC, data, start, end, reason, &mut out)?;
            }
            _ => {
                first_invalid.get_or_insert(u32::from(c));
                out.push(b'\\' as u32);
                out.push(c as u32);
            }
        }
    }
    let r = pystr::from_ucs4(&out)?;
    warn_invalid_escape(first_invalid)?;
    Ok(r)
}

/// `raw_unicode_escape` decoding: Latin-1 text in which only `\\uXXXX` and
/// `\\UXXXXXXXX` after an odd number of backslashes are escapes.
pub fn decode_raw_unicode_escape(data: &[u8], errors: Option<&str>) -> PyResult<Owned> {
    const ENC: &str = "rawunicodeescape";
    let h = Handler::parse(errors);
    let n = data.len();
    let mut out = Vec::with_capacity(n);
    let mut i = 0;
    while i < n {
        let b = data[i];
        if b != b'\\' {
            out.push(b as u32);
            i += 1;
            continue;
        }
        let start = i;
        let mut run = 0;
        while i < n && data[i] == b'\\' {
            run += 1;
            i += 1;
        }
        let escape = run % 2 == 1 && matches!(data.get(i), Some(b'u' | b'U'));
        let kept = if escape { run - 1 } else { run };
        out.extend(std::iter::repeat_n(b'\\' as u32, kept));
        if !escape {
            continue;
        }
        let esc_start = start + kept;
        let (want, reason) = if data[i] == b'u' {
            (4, "truncated \\uXXXX escape")
        } else {
            (8, "truncated \\UXXXXXXXX escape")
        };
        i += 1;
        let (v, got) = hex_run(data, i, want);
        i += got;
        if got < want {
            i = decode_error(h, ENC, data, esc_start, i, reason, &mut out)?;
        } else if v > 0x10ffff {
            i = decode_error(
                h,
                ENC,
                data,
                esc_start,
                i,
                "\\Uxxxxxxxx out of range",
                &mut out,
            )?;
        } else {
            out.push(v);
        }
    }
    pystr::from_ucs4(&out)
}

/// UTF-8 decoding; unless `final_`, an incomplete sequence at the end is
/// left undecoded. Returns the str and the number of bytes consumed.
pub fn decode_utf8(data: &[u8], errors: Option<&str>, final_: bool) -> PyResult<(Owned, usize)> {
    let first = match std::str::from_utf8(data) {
        Ok(s) => return Ok((pystr::from_str(s)?, data.len())),
        Err(e) => e,
    };
    let h = Handler::parse(errors);
    let n = data.len();
    let mut out: Vec<u32> = Vec::with_capacity(n);
    let mut pos = 0;
    let mut err = Some(first);
    loop {
        let e = match err.take() {
            Some(e) => e,
            None => match std::str::from_utf8(&data[pos..]) {
                Ok(s) => {
                    out.extend(s.chars().map(u32::from));
                    pos = n;
                    break;
                }
                Err(e) => e,
            },
        };
        let good = pos + e.valid_up_to();
        // SAFETY: from_utf8 validated data[pos..good].
        let valid = unsafe { std::str::from_utf8_unchecked(&data[pos..good]) };
        out.extend(valid.chars().map(u32::from));
        pos = match e.error_len() {
            None if !final_ => {
                pos = good;
                break;
            }
            None => decode_error(
                h,
                "utf-8",
                data,
                good,
                n,
                "unexpected end of data",
                &mut out,
            )?,
            // A surrogate's first two bytes at the end of a chunk may be
            // completed by the next one.
            Some(_)
                if !final_
                    && n - good == 2
                    && data[good] == 0xed
                    && (0xa0..=0xbf).contains(&data[good + 1]) =>
            {
                pos = good;
                break;
            }
            Some(len) => {
                let b = data[good];
                if h == Handler::SurrogatePass
                    && b == 0xed
                    && good + 2 < n
                    && data[good + 1] & 0xe0 == 0xa0
                    && data[good + 2] & 0xc0 == 0x80
                {
                    out.push(
                        ((b as u32 & 0x0f) << 12)
                            | ((data[good + 1] as u32 & 0x3f) << 6)
                            | (data[good + 2] as u32 & 0x3f),
                    );
                    good + 3
                } else {
                    let reason = if !(0xc2..=0xf4).contains(&b) {
                        "invalid start byte"
                    } else {
                        "invalid continuation byte"
                    };
                    decode_error(h, "utf-8", data, good, good + len, reason, &mut out)?
                }
            }
        };
        if pos >= n {
            break;
        }
    }
    Ok((pystr::from_ucs4(&out)?, pos))
}

/// Latin-1 decoding (never fails).
pub fn decode_latin1(data: &[u8]) -> PyResult<Owned> {
    let maxc = data.iter().copied().max().unwrap_or(0) as u32;
    // SAFETY: every byte is a code point <= maxc.
    unsafe { pystr::from_code_points(data.iter().map(|&b| b as u32), data.len(), maxc) }
}

/// ASCII decoding.
pub fn decode_ascii(data: &[u8], errors: Option<&str>) -> PyResult<Owned> {
    if data.is_ascii() {
        // SAFETY: ASCII is UTF-8.
        return pystr::from_str(unsafe { std::str::from_utf8_unchecked(data) });
    }
    let h = Handler::parse(errors);
    let mut out = Vec::with_capacity(data.len());
    let mut pos = 0;
    while pos < data.len() {
        let b = data[pos];
        if b < 0x80 {
            out.push(b as u32);
            pos += 1;
        } else {
            pos = decode_error(
                h,
                "ascii",
                data,
                pos,
                pos + 1,
                "ordinal not in range(128)",
                &mut out,
            )?;
        }
    }
    pystr::from_ucs4(&out)
}

/// UTF-16 decoding. `byteorder` is read (0: detect a BOM, else native) and
/// set to the order found; unless `final_`, a trailing incomplete unit or
/// surrogate pair is left undecoded. Returns the str and bytes consumed.
pub fn decode_utf16(
    data: &[u8],
    errors: Option<&str>,
    byteorder: &mut i32,
    final_: bool,
) -> PyResult<(Owned, usize)> {
    let h = Handler::parse(errors);
    let n = data.len();
    let mut pos = 0;
    let mut bo = *byteorder;
    if bo == 0 && n >= 2 {
        match (data[0], data[1]) {
            (0xff, 0xfe) => (bo, pos) = (-1, 2),
            (0xfe, 0xff) => (bo, pos) = (1, 2),
            _ => {}
        }
    }
    *byteorder = bo;
    let be = bo > 0;
    let enc = if be { "utf-16-be" } else { "utf-16-le" };
    let unit = |i: usize| -> u32 {
        let p = [data[i], data[i + 1]];
        (if be {
            u16::from_be_bytes(p)
        } else {
            u16::from_le_bytes(p)
        }) as u32
    };
    let mut out = Vec::with_capacity(n / 2);
    while pos < n {
        if n - pos < 2 {
            if !final_ {
                break;
            }
            pos = decode_error(h, enc, data, pos, n, "truncated data", &mut out)?;
            continue;
        }
        let u = unit(pos);
        if !(0xd800..0xe000).contains(&u) {
            out.push(u);
            pos += 2;
        } else if u >= 0xdc00 {
            if h == Handler::SurrogatePass {
                out.push(u);
                pos += 2;
            } else {
                pos = decode_error(h, enc, data, pos, pos + 2, "illegal encoding", &mut out)?;
            }
        } else if n - pos < 4 {
            if !final_ {
                break;
            }
            if h == Handler::SurrogatePass {
                out.push(u);
                pos += 2;
            } else {
                pos = decode_error(h, enc, data, pos, n, "unexpected end of data", &mut out)?;
            }
        } else {
            let u2 = unit(pos + 2);
            if (0xdc00..0xe000).contains(&u2) {
                out.push(0x10000 + ((u - 0xd800) << 10) + (u2 - 0xdc00));
                pos += 4;
            } else if h == Handler::SurrogatePass {
                out.push(u);
                pos += 2;
            } else {
                pos = decode_error(
                    h,
                    enc,
                    data,
                    pos,
                    pos + 2,
                    "illegal UTF-16 surrogate",
                    &mut out,
                )?;
            }
        }
    }
    Ok((pystr::from_ucs4(&out)?, pos))
}

/// UTF-32 decoding; arguments and result as for `decode_utf16`.
pub fn decode_utf32(
    data: &[u8],
    errors: Option<&str>,
    byteorder: &mut i32,
    final_: bool,
) -> PyResult<(Owned, usize)> {
    let h = Handler::parse(errors);
    let n = data.len();
    let mut pos = 0;
    let mut bo = *byteorder;
    if bo == 0 && n >= 4 {
        match data[..4] {
            [0xff, 0xfe, 0, 0] => (bo, pos) = (-1, 4),
            [0, 0, 0xfe, 0xff] => (bo, pos) = (1, 4),
            _ => {}
        }
    }
    *byteorder = bo;
    let be = bo > 0;
    let enc = if be { "utf-32-be" } else { "utf-32-le" };
    let mut out = Vec::with_capacity(n / 4);
    while pos < n {
        if n - pos < 4 {
            if !final_ {
                break;
            }
            pos = decode_error(h, enc, data, pos, n, "truncated data", &mut out)?;
            continue;
        }
        let p = [data[pos], data[pos + 1], data[pos + 2], data[pos + 3]];
        let c = if be {
            u32::from_be_bytes(p)
        } else {
            u32::from_le_bytes(p)
        };
        if c > 0x10ffff {
            pos = decode_error(
                h,
                enc,
                data,
                pos,
                pos + 4,
                "code point not in range(0x110000)",
                &mut out,
            )?;
        } else if (0xd800..0xe000).contains(&c) && h != Handler::SurrogatePass {
            pos = decode_error(
                h,
                enc,
                data,
                pos,
                pos + 4,
                "code point in surrogate code point range(0xd800, 0xe000)",
                &mut out,
            )?;
        } else {
            out.push(c);
            pos += 4;
        }
    }
    Ok((pystr::from_ucs4(&out)?, pos))
}

/// Where encoded output goes: bytes for UTF-8/Latin-1/ASCII, code units for
/// UTF-16/32 (in the chosen byte order).
struct Sink {
    out: Vec<u8>,
    width: usize,
    be: bool,
}

impl Sink {
    /// Writes one code point as one code unit of the sink's width.
    fn unit(&mut self, c: u32) {
        match (self.width, self.be) {
            (1, _) => self.out.push(c as u8),
            (2, false) => self.out.extend_from_slice(&(c as u16).to_le_bytes()),
            (2, true) => self.out.extend_from_slice(&(c as u16).to_be_bytes()),
            (_, false) => self.out.extend_from_slice(&c.to_le_bytes()),
            (_, true) => self.out.extend_from_slice(&c.to_be_bytes()),
        }
    }

    fn ascii(&mut self, s: &str) {
        s.bytes().for_each(|b| self.unit(b as u32));
    }

    fn utf8(&mut self, c: u32) {
        let mut buf = [0u8; 4];
        let n = encode_utf8_raw(c, &mut buf);
        self.out.extend_from_slice(&buf[..n]);
    }
}

/// The UTF-8 form of a str without surrogates as a new bytes object (None
/// if it has some): the length is counted first, then the bytes are
/// written in place.
unsafe fn utf8_of(s: *mut PyObject) -> PyResult<Option<Owned>> {
    // SAFETY: s is a str; the bytes object has exactly `size` bytes.
    unsafe {
        let n = pystr::len(s) as usize;
        let mut size = 0usize;
        for i in 0..n {
            size += match pystr::read_char(s, i) {
                0..=0x7f => 1,
                0x80..=0x7ff => 2,
                0xd800..=0xdfff => return Ok(None),
                0x800..=0xffff => 3,
                _ => 4,
            };
        }
        let b = bytes::new_uninit(size)?;
        let out = std::slice::from_raw_parts_mut(bytes::as_mut_ptr(b.as_ptr()), size);
        let mut at = 0;
        let mut buf = [0u8; 4];
        for i in 0..n {
            let k = encode_utf8_raw(pystr::read_char(s, i), &mut buf);
            out[at..at + k].copy_from_slice(&buf[..k]);
            at += k;
        }
        Ok(Some(b))
    }
}

/// UTF-8 bytes of any code point, surrogates included (as `surrogatepass`).
fn encode_utf8_raw(c: u32, buf: &mut [u8; 4]) -> usize {
    match c {
        0..=0x7f => {
            buf[0] = c as u8;
            1
        }
        0x80..=0x7ff => {
            buf[0] = 0xc0 | (c >> 6) as u8;
            buf[1] = 0x80 | (c & 0x3f) as u8;
            2
        }
        0x800..=0xffff => {
            buf[0] = 0xe0 | (c >> 12) as u8;
            buf[1] = 0x80 | ((c >> 6) & 0x3f) as u8;
            buf[2] = 0x80 | (c & 0x3f) as u8;
            3
        }
        _ => {
            buf[0] = 0xf0 | (c >> 18) as u8;
            buf[1] = 0x80 | ((c >> 12) & 0x3f) as u8;
            buf[2] = 0x80 | ((c >> 6) & 0x3f) as u8;
            buf[3] = 0x80 | (c & 0x3f) as u8;
            4
        }
    }
}

/// Encodes a str with `codec` into a new bytes object.
pub unsafe fn encode(s: *mut PyObject, codec: Codec, errors: Option<&str>) -> PyResult<Owned> {
    // SAFETY: s is a str.
    unsafe {
        if matches!(codec, Codec::UnicodeEscape | Codec::RawUnicodeEscape) {
            return encode_escaped(s, codec == Codec::RawUnicodeEscape);
        }
        if pystr::is_ascii(s) && !matches!(codec, Codec::Utf16(_) | Codec::Utf32(_)) {
            return bytes::from_slice(pystr::data_bytes(s));
        }
        if codec == Codec::Latin1 && pystr::kind(s) == 1 {
            return bytes::from_slice(pystr::data_bytes(s));
        }
        if codec == Codec::Utf8 {
            if let Some(b) = utf8_of(s)? {
                return Ok(b);
            }
        }
        let n = pystr::len(s) as usize;
        let (width, bo, name, limit, reason) = match codec {
            Codec::Utf8 => (1, 0, "utf-8", 0x10ffff, "surrogates not allowed"),
            Codec::Latin1 => (1, 0, "latin-1", 0xff, "ordinal not in range(256)"),
            Codec::Ascii => (1, 0, "ascii", 0x7f, "ordinal not in range(128)"),
            Codec::Utf16(bo) => (2, bo, utf_name(16, bo), 0x10ffff, "surrogates not allowed"),
            Codec::Utf32(bo) => (4, bo, utf_name(32, bo), 0x10ffff, "surrogates not allowed"),
            Codec::UnicodeEscape | Codec::RawUnicodeEscape => unreachable!("handled above"),
        };
        let mut sink = Sink {
            out: Vec::with_capacity(n * width + 4),
            width,
            be: bo > 0,
        };
        if bo == 0 && width > 1 {
            sink.unit(0xfeff);
        }
        let bad = |c: u32| c > limit || (0xd800..0xe000).contains(&c);
        let h = Handler::parse(errors);
        let mut i = 0;
        while i < n {
            let c = pystr::read_char(s, i);
            if !bad(c) {
                match codec {
                    Codec::Utf8 => sink.utf8(c),
                    Codec::Utf16(_) if c > 0xffff => {
                        sink.unit(0xd800 + ((c - 0x10000) >> 10));
                        sink.unit(0xdc00 + ((c - 0x10000) & 0x3ff));
                    }
                    _ => sink.unit(c),
                }
                i += 1;
                continue;
            }
            let mut end = i + 1;
            while end < n && bad(pystr::read_char(s, end)) {
                end += 1;
            }
            let run = (i..end).map(|k| pystr::read_char(s, k));
            match h {
                Handler::Replace => run.for_each(|_| sink.unit(b'?' as u32)),
                Handler::Ignore => {}
                Handler::BackslashReplace => run.for_each(|c| sink.ascii(&backslash_escape(c))),
                Handler::XmlCharRefReplace => run.for_each(|c| sink.ascii(&format!("&#{c};"))),
                Handler::SurrogateEscape if width == 1 => {
                    // The escaped bytes at the start of the run are put
                    // back; the error covers the rest of the run.
                    let escaped = run.take_while(|c| (0xdc80..0xdd00).contains(c));
                    let mut k = i;
                    for c in escaped {
                        sink.out.push((c - 0xdc00) as u8);
                        k += 1;
                    }
                    if k < end {
                        return Err(exceptions::unicode_encode_error(name, s, k, end, reason));
                    }
                }
                Handler::SurrogatePass
                    if limit == 0x10ffff && run.clone().all(|c| (0xd800..0xe000).contains(&c)) =>
                {
                    if width == 1 {
                        run.for_each(|c| sink.utf8(c))
                    } else {
                        run.for_each(|c| sink.unit(c))
                    }
                }
                Handler::Unknown(hname) => {
                    // A handler registered with codecs.register_error: its
                    // text must be encodable itself.
                    use crate::modules::codecs::registry::{self as reg, Replacement};
                    let (rep, pos) = reg::encode_error_handler(hname, name, s, i, end, reason)?;
                    match rep {
                        Replacement::Bytes(b) => sink.out.extend_from_slice(&b),
                        Replacement::Text(t) => {
                            if t.iter().any(|&c| bad(c)) {
                                return Err(exceptions::unicode_encode_error(
                                    name, s, i, end, reason,
                                ));
                            }
                            for c in t {
                                match codec {
                                    Codec::Utf8 => sink.utf8(c),
                                    Codec::Utf16(_) if c > 0xffff => {
                                        sink.unit(0xd800 + ((c - 0x10000) >> 10));
                                        sink.unit(0xdc00 + ((c - 0x10000) & 0x3ff));
                                    }
                                    _ => sink.unit(c),
                                }
                            }
                        }
                    }
                    i = pos;
                    continue;
                }
                _ => return Err(exceptions::unicode_encode_error(name, s, i, end, reason)),
            }
            i = end;
        }
        bytes::from_slice(&sink.out)
    }
}

/// `unicode_escape` (or, with `raw`, `raw_unicode_escape`) encoding; it
/// never fails.
unsafe fn encode_escaped(s: *mut PyObject, raw: bool) -> PyResult<Owned> {
    // SAFETY: s is a str.
    unsafe {
        let n = pystr::len(s) as usize;
        let mut out = Vec::with_capacity(n + 8);
        for i in 0..n {
            let c = pystr::read_char(s, i);
            if raw {
                if c < 0x100 {
                    out.push(c as u8);
                } else {
                    out.extend_from_slice(backslash_escape(c).as_bytes());
                }
                continue;
            }
            match c {
                0x5c => out.extend_from_slice(b"\\\\"),
                0x09 => out.extend_from_slice(b"\\t"),
                0x0a => out.extend_from_slice(b"\\n"),
                0x0d => out.extend_from_slice(b"\\r"),
                0x20..=0x7e => out.push(c as u8),
                _ => out.extend_from_slice(backslash_escape(c).as_bytes()),
            }
        }
        bytes::from_slice(&out)
    }
}

fn utf_name(bits: u32, bo: i32) -> &'static str {
    match (bits, bo) {
        (16, 0) => "utf-16",
        (16, b) if b < 0 => "utf-16-le",
        (16, _) => "utf-16-be",
        (_, 0) => "utf-32",
        (_, b) if b < 0 => "utf-32-le",
        _ => "utf-32-be",
    }
}

/// `\xNN`, `\uNNNN` or `\UNNNNNNNN` for one code point.
pub fn backslash_escape(c: u32) -> String {
    if c <= 0xff {
        format!("\\x{c:02x}")
    } else if c <= 0xffff {
        format!("\\u{c:04x}")
    } else {
        format!("\\U{c:08x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_handlers() {
        assert_eq!(lookup("UTF-8"), Some(Codec::Utf8));
        assert_eq!(lookup("latin_1"), Some(Codec::Latin1));
        assert_eq!(lookup("US-ASCII"), Some(Codec::Ascii));
        assert_eq!(lookup("utf-16-be"), Some(Codec::Utf16(1)));
        assert_eq!(lookup("UTF32"), Some(Codec::Utf32(0)));
        assert_eq!(lookup("cp1252"), None);
        assert_eq!(Handler::parse(None), Handler::Strict);
        assert_eq!(
            Handler::parse(Some("surrogateescape")),
            Handler::SurrogateEscape
        );
        assert_eq!(Handler::parse(Some("bogus")), Handler::Unknown("bogus"));
    }

    #[test]
    fn raw_utf8_and_escapes() {
        let mut b = [0u8; 4];
        let n = encode_utf8_raw(0xd800, &mut b);
        assert_eq!(&b[..n], b"\xed\xa0\x80");
        let n = encode_utf8_raw(0x1f600, &mut b);
        assert_eq!(&b[..n], "😀".as_bytes());
        assert_eq!(backslash_escape(0xe9), "\\xe9");
        assert_eq!(backslash_escape(0x20ac), "\\u20ac");
        assert_eq!(backslash_escape(0x1f600), "\\U0001f600");
    }
}
