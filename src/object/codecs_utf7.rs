//! The UTF-7 codec (RFC 2152) that `str` has built in, as CPython's
//! `PyUnicode_DecodeUTF7Stateful` and `_PyUnicode_EncodeUTF7` work:
//! characters of RFC 2152's direct set (and, when encoding, its optional
//! set and white space) stand for themselves, everything else goes into
//! `+...-` runs of modified base64 over UTF-16. Errors name the codec
//! `utf7`, as CPython's do.
use crate::ffi::*;
use crate::object::codecs_core::{decode_error, Handler};
use crate::object::{bytes, str as pystr};
use crate::runtime::errors::PyResult;
use crate::Owned;

const ENCODING: &str = "utf7";

/// The value of a base64 digit, if `b` is one.
fn from_base64(b: u8) -> Option<u32> {
    match b {
        b'A'..=b'Z' => Some(u32::from(b - b'A')),
        b'a'..=b'z' => Some(u32::from(b - b'a') + 26),
        b'0'..=b'9' => Some(u32::from(b - b'0') + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// The base64 digit for the low six bits of `v`.
fn to_base64(v: u32) -> u8 {
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[(v & 0x3f) as usize]
}

/// Whether the encoder writes `c` as itself: RFC 2152's direct characters,
/// its optional direct characters and space, tab, CR and LF (never NUL,
/// `+`, `\` or `~`, which only base64 carries).
fn encodes_direct(c: u32) -> bool {
    match u8::try_from(c) {
        Ok(b) => {
            b.is_ascii_alphanumeric()
                || b"'(),-./:?".contains(&b)
                || b"!\"#$%&*;<=>@[]^_`{|}".contains(&b)
                || b" \t\r\n".contains(&b)
        }
        Err(_) => false,
    }
}

/// Whether the decoder takes byte `b` as the character it stands for.
fn decodes_direct(b: u8) -> bool {
    b <= 127 && b != b'+'
}

fn is_high_surrogate(u: u32) -> bool {
    (0xd800..0xdc00).contains(&u)
}

fn is_low_surrogate(u: u32) -> bool {
    (0xdc00..0xe000).contains(&u)
}

/// `PyUnicode_DecodeUTF7Stateful`: decodes `data`; with `final_` false an
/// unfinished base64 run at the end is left for the next call. Returns the
/// str and how many bytes were consumed.
pub fn decode(data: &[u8], errors: Option<&str>, final_: bool) -> PyResult<(Owned, usize)> {
    let h = Handler::parse(errors);
    let n = data.len();
    let mut out: Vec<u32> = Vec::with_capacity(n);
    let mut pos = 0;
    // State of a base64 run: where its `+` is, the output length when it
    // began, the bits not yet used and a pending high surrogate.
    let mut in_shift = false;
    let mut shift_start = 0;
    let mut shift_out_start = 0;
    let mut bits = 0u32;
    let mut buffer = 0u32;
    let mut surrogate = 0u32;
    loop {
        while pos < n {
            let b = data[pos];
            let (start, reason) = if in_shift {
                if let Some(v) = from_base64(b) {
                    buffer = (buffer << 6) | v;
                    bits += 6;
                    pos += 1;
                    if bits >= 16 {
                        let unit = (buffer >> (bits - 16)) & 0xffff;
                        bits -= 16;
                        buffer &= (1 << bits) - 1;
                        if surrogate != 0 {
                            if is_low_surrogate(unit) {
                                out.push(0x10000 + ((surrogate - 0xd800) << 10) + (unit - 0xdc00));
                                surrogate = 0;
                                continue;
                            }
                            out.push(surrogate);
                            surrogate = 0;
                        }
                        if is_high_surrogate(unit) {
                            surrogate = unit;
                        } else {
                            out.push(unit);
                        }
                    }
                    continue;
                }
                // The run ends here.
                in_shift = false;
                if bits >= 6 {
                    pos += 1;
                    (shift_start, "partial character in shift sequence")
                } else if bits > 0 && buffer != 0 {
                    pos += 1;
                    (shift_start, "non-zero padding bits in shift sequence")
                } else {
                    if surrogate != 0 && decodes_direct(b) {
                        out.push(surrogate);
                    }
                    surrogate = 0;
                    if b == b'-' {
                        // The `-` that ends a run is absorbed.
                        pos += 1;
                    }
                    continue;
                }
            } else if b == b'+' {
                let start = pos;
                pos += 1;
                if data.get(pos) == Some(&b'-') {
                    pos += 1;
                    out.push(u32::from(b'+'));
                    continue;
                }
                if pos < n && from_base64(data[pos]).is_none() {
                    pos += 1;
                    (start, "ill-formed sequence")
                } else {
                    in_shift = true;
                    shift_start = start;
                    shift_out_start = out.len();
                    surrogate = 0;
                    bits = 0;
                    buffer = 0;
                    continue;
                }
            } else if decodes_direct(b) {
                out.push(u32::from(b));
                pos += 1;
                continue;
            } else {
                pos += 1;
                (pos - 1, "unexpected special character")
            };
            pos = decode_error(h, ENCODING, data, start, pos, reason, &mut out)?;
        }
        if in_shift && final_ {
            in_shift = false;
            if surrogate != 0 || bits >= 6 || (bits > 0 && buffer != 0) {
                surrogate = 0;
                pos = decode_error(
                    h,
                    ENCODING,
                    data,
                    shift_start,
                    n,
                    "unterminated shift sequence",
                    &mut out,
                )?;
                if pos < n {
                    continue;
                }
            }
        }
        break;
    }
    let consumed = if in_shift {
        // Leave the unfinished run for the next call.
        out.truncate(shift_out_start);
        shift_start
    } else {
        pos
    };
    Ok((pystr::from_ucs4(&out)?, consumed))
}

/// `_PyUnicode_EncodeUTF7` as `str.encode('utf-7')` calls it: the optional
/// direct characters and white space are written as themselves. It never
/// fails (lone surrogates are encoded like any other UTF-16 unit).
pub unsafe fn encode(s: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: s is a str.
    unsafe {
        let n = pystr::len(s) as usize;
        let mut out: Vec<u8> = Vec::with_capacity(n + n / 2);
        let mut in_shift = false;
        let mut bits = 0u32;
        let mut buffer = 0u64;
        fn push_unit(out: &mut Vec<u8>, unit: u32, bits: &mut u32, buffer: &mut u64) {
            *bits += 16;
            *buffer = (*buffer << 16) | u64::from(unit);
            while *bits >= 6 {
                out.push(to_base64((*buffer >> (*bits - 6)) as u32));
                *bits -= 6;
            }
            *buffer &= (1 << *bits) - 1;
        }
        for i in 0..n {
            let c = pystr::read_char(s, i);
            if in_shift {
                if encodes_direct(c) {
                    if bits > 0 {
                        out.push(to_base64((buffer << (6 - bits)) as u32));
                        buffer = 0;
                        bits = 0;
                    }
                    in_shift = false;
                    // A character that could be read as base64 (or `-`)
                    // needs the explicit end of the run.
                    if from_base64(c as u8).is_some() || c == u32::from(b'-') {
                        out.push(b'-');
                    }
                    out.push(c as u8);
                    continue;
                }
            } else if c == u32::from(b'+') {
                out.extend_from_slice(b"+-");
                continue;
            } else if encodes_direct(c) {
                out.push(c as u8);
                continue;
            } else {
                out.push(b'+');
                in_shift = true;
            }
            if c >= 0x10000 {
                push_unit(
                    &mut out,
                    0xd800 | ((c - 0x10000) >> 10),
                    &mut bits,
                    &mut buffer,
                );
                push_unit(
                    &mut out,
                    0xdc00 | ((c - 0x10000) & 0x3ff),
                    &mut bits,
                    &mut buffer,
                );
            } else {
                push_unit(&mut out, c, &mut bits, &mut buffer);
            }
        }
        if bits > 0 {
            out.push(to_base64((buffer << (6 - bits)) as u32));
        }
        if in_shift {
            out.push(b'-');
        }
        bytes::from_slice(&out)
    }
}
