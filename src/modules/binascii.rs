//! The `binascii` module (`Modules/binascii.c`): hex, base64, uuencode
//! and quoted-printable codecs, `crc32` and `crc_hqx`, and the `Error` /
//! `Incomplete` exceptions, with CPython's decoding rules and messages.
use crate::ffi::*;
use crate::modules::args::{bind, builtin};
use crate::modules::module_def::{self, add, exec_slot, SLOT_END};
use crate::object::bytes_methods::{hex_sep, need_bytes_like, to_hex};
use crate::object::descr::{method, METHOD_END};
use crate::object::{bytes, int, protocol, str as pystr};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::{c_int, c_void};
use std::borrow::Cow;
use std::ptr::null_mut;
use std::sync::atomic::{AtomicPtr, Ordering};

static ERROR: AtomicPtr<PyObject> = AtomicPtr::new(null_mut());
static INCOMPLETE: AtomicPtr<PyObject> = AtomicPtr::new(null_mut());

/// Drops the module's exception classes (interpreter finalization).
pub fn finalize() {
    crate::object::refcount::release_static(&ERROR);
    crate::object::refcount::release_static(&INCOMPLETE);
}

/// Raises `binascii.Error(msg)`.
fn error(msg: impl AsRef<str>) -> Raised {
    // SAFETY: the class is created by the module's exec before any call.
    unsafe { errors::set_string(ERROR.load(Ordering::Relaxed), msg.as_ref()) }
}

/// The data of an `a2b_*` argument: a bytes-like object or an ASCII str.
unsafe fn ascii_data<'a>(o: *mut PyObject) -> PyResult<Cow<'a, [u8]>> {
    // SAFETY: o valid.
    unsafe {
        if pystr::check(o) {
            if !pystr::is_ascii(o) {
                return Err(errors::value_error(
                    "string argument should contain only ASCII characters",
                ));
            }
            return Ok(Cow::Borrowed(pystr::as_str(o)?.as_bytes()));
        }
        match crate::object::bytes_methods::bytes_like(o)? {
            Some(b) => Ok(b),
            None => Err(errors::type_error(format!(
                "argument should be bytes, buffer or ASCII string, not '{}'",
                crate::object::typeobj::type_name(o)
            ))),
        }
    }
}

/// A boolean keyword (`newline=`, `strict_mode=` ...), `default` when absent.
unsafe fn flag(o: Option<*mut PyObject>, default: bool) -> PyResult<bool> {
    // SAFETY: o valid when present.
    unsafe { o.map_or(Ok(default), |o| protocol::is_true(o)) }
}

// ---- hex -------------------------------------------------------------------

unsafe fn hexlify(
    fname: &str,
    args: &[*mut PyObject],
    kws: &[(&str, *mut PyObject)],
) -> PyResult<Owned> {
    let [data, sep, per] = bind(fname, args, kws, ["data", "sep", "bytes_per_sep"], 3, 1)?;
    // SAFETY: valid arguments.
    unsafe {
        let data = need_bytes_like(data.expect("required"))?;
        let sep = match sep {
            Some(s) => Some(hex_sep(s)?),
            None => None,
        };
        let per = match per {
            Some(p) => {
                crate::object::number::as_ssize(p, crate::object::exceptions::PyExc_OverflowError)?
            }
            None => 1,
        };
        bytes::from_slice(to_hex(&data, sep, per).as_bytes())
    }
}

builtin!(b2a_hex, |args, kws| hexlify("b2a_hex", args, &kws));
builtin!(hexlify_fn, |args, kws| hexlify("hexlify", args, &kws));

unsafe fn unhexlify(
    fname: &str,
    args: &[*mut PyObject],
    kws: &[(&str, *mut PyObject)],
) -> PyResult<Owned> {
    let [s] = bind(fname, args, kws, ["hexstr"], 1, 1)?;
    // SAFETY: a valid argument.
    let s = unsafe { ascii_data(s.expect("required"))? };
    if s.len() % 2 != 0 {
        return Err(error("Odd-length string"));
    }
    let digit = |c: u8| (c as char).to_digit(16);
    let mut out = Vec::with_capacity(s.len() / 2);
    for pair in s.chunks_exact(2) {
        match (digit(pair[0]), digit(pair[1])) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            _ => return Err(error("Non-hexadecimal digit found")),
        }
    }
    bytes::from_slice(&out)
}

builtin!(a2b_hex, |args, kws| unhexlify("a2b_hex", args, &kws));
builtin!(unhexlify_fn, |args, kws| unhexlify("unhexlify", args, &kws));

// ---- base64 ----------------------------------------------------------------

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn b64_value(c: u8) -> Option<u8> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    })
}

builtin!(a2b_base64, |args, kws| {
    let [data, strict] = bind("a2b_base64", args, &kws, ["data", "strict_mode"], 1, 1)?;
    let data = ascii_data(data.expect("required"))?;
    let strict = flag(strict, false)?;
    if strict && data.first() == Some(&b'=') {
        return Err(error("Leading padding not allowed"));
    }
    let mut out = Vec::with_capacity(data.len() / 4 * 3 + 3);
    let (mut quad_pos, mut pads, mut padding_started, mut left) = (0u8, 0usize, false, 0u8);
    let mut finished = false;
    for (i, &c) in data.iter().enumerate() {
        if c == b'=' {
            padding_started = true;
            if strict && quad_pos == 0 {
                // Padding after a complete group (the first character
                // was refused above as leading padding).
                return Err(error("Excess padding not allowed"));
            }
            if quad_pos >= 2 {
                pads += 1;
                if quad_pos as usize + pads >= 4 {
                    // Complete padding ends the data.
                    if strict && i + 1 < data.len() {
                        return Err(error("Excess data after padding"));
                    }
                    finished = true;
                    break;
                }
            }
            continue;
        }
        let Some(v) = b64_value(c) else {
            if strict {
                return Err(error("Only base64 data is allowed"));
            }
            continue;
        };
        if strict && padding_started {
            return Err(error("Discontinuous padding not allowed"));
        }
        pads = 0;
        match quad_pos {
            0 => {
                quad_pos = 1;
                left = v;
            }
            1 => {
                quad_pos = 2;
                out.push((left << 2) | (v >> 4));
                left = v & 0x0f;
            }
            2 => {
                quad_pos = 3;
                out.push((left << 4) | (v >> 2));
                left = v & 0x03;
            }
            _ => {
                quad_pos = 0;
                out.push((left << 6) | v);
                left = 0;
            }
        }
    }
    if !finished && quad_pos != 0 {
        if quad_pos == 1 {
            return Err(error(format!(
                "Invalid base64-encoded string: number of data characters ({}) cannot be 1 more than a multiple of 4",
                out.len() / 3 * 4 + 1
            )));
        }
        return Err(error("Incorrect padding"));
    }
    bytes::from_slice(&out)
});

builtin!(b2a_base64, |args, kws| {
    let [data, newline] = bind("b2a_base64", args, &kws, ["data", "newline"], 1, 1)?;
    let data = need_bytes_like(data.expect("required"))?;
    let newline = flag(newline, true)?;
    let mut out = Vec::with_capacity(data.len().div_ceil(3) * 4 + 1);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        out.push(B64[(b[0] >> 2) as usize]);
        out.push(B64[(((b[0] & 3) << 4) | (b[1] >> 4)) as usize]);
        out.push(if chunk.len() > 1 {
            B64[(((b[1] & 15) << 2) | (b[2] >> 6)) as usize]
        } else {
            b'='
        });
        out.push(if chunk.len() > 2 {
            B64[(b[2] & 63) as usize]
        } else {
            b'='
        });
    }
    if newline {
        out.push(b'\n');
    }
    bytes::from_slice(&out)
});

// ---- uuencode --------------------------------------------------------------

builtin!(a2b_uu, |args, kws| {
    let [data] = bind("a2b_uu", args, &kws, ["data"], 1, 1)?;
    let data = ascii_data(data.expect("required"))?;
    // An empty line reads as a NUL length byte, as C's terminator does.
    let first = data.first().copied().unwrap_or(0);
    let mut bin_len = (first.wrapping_sub(b' ') & 0o77) as usize;
    let mut rest = data.get(1..).unwrap_or(&[]).iter();
    let mut out = Vec::with_capacity(bin_len);
    let (mut left, mut bits) = (0u32, 0u32);
    while bin_len > 0 {
        let v = match rest.next() {
            None | Some(b'\n') | Some(b'\r') => 0,
            Some(&c) => {
                if !(b' '..=b' ' + 64).contains(&c) {
                    return Err(error("Illegal char"));
                }
                ((c - b' ') & 0o77) as u32
            }
        };
        left = (left << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((left >> bits) as u8);
            left &= (1 << bits) - 1;
            bin_len -= 1;
        }
    }
    for &c in rest {
        if c != b' ' && c != b' ' + 64 && c != b'\n' && c != b'\r' {
            return Err(error("Trailing garbage"));
        }
    }
    bytes::from_slice(&out)
});

builtin!(b2a_uu, |args, kws| {
    let [data, backtick] = bind("b2a_uu", args, &kws, ["data", "backtick"], 1, 1)?;
    let data = need_bytes_like(data.expect("required"))?;
    let backtick = flag(backtick, false)?;
    if data.len() > 45 {
        return Err(error("At most 45 bytes at once"));
    }
    let enc = |v: u8| if backtick && v == 0 { b'`' } else { b' ' + v };
    let mut out = Vec::with_capacity(2 + data.len().div_ceil(3) * 4);
    out.push(enc(data.len() as u8));
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        out.push(enc(b[0] >> 2));
        out.push(enc(((b[0] & 3) << 4) | (b[1] >> 4)));
        out.push(enc(((b[1] & 15) << 2) | (b[2] >> 6)));
        out.push(enc(b[2] & 63));
    }
    out.push(b'\n');
    bytes::from_slice(&out)
});

// ---- quoted-printable ------------------------------------------------------

builtin!(a2b_qp, |args, kws| {
    let [data, header] = bind("a2b_qp", args, &kws, ["data", "header"], 2, 1)?;
    let data = ascii_data(data.expect("required"))?;
    let header = flag(header, false)?;
    let hex = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        if c == b'=' {
            i += 1;
            let Some(&n) = data.get(i) else { break };
            if n == b'\n' || n == b'\r' {
                // A soft line break: skip to the end of the line.
                if n != b'\n' {
                    while i < data.len() && data[i] != b'\n' {
                        i += 1;
                    }
                }
                if i < data.len() {
                    i += 1;
                }
            } else if n == b'=' {
                out.push(b'=');
                i += 1;
            } else if let (Some(h), Some(l)) = (hex(n), data.get(i + 1).and_then(|&c| hex(c))) {
                out.push(h << 4 | l);
                i += 2;
            } else {
                out.push(b'=');
            }
        } else if header && c == b'_' {
            out.push(b' ');
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    bytes::from_slice(&out)
});

/// Appends `=XX` (upper-case hex) for `c`.
fn qp_escape(out: &mut Vec<u8>, c: u8) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.extend_from_slice(&[b'=', HEX[(c >> 4) as usize], HEX[(c & 15) as usize]]);
}

builtin!(b2a_qp, |args, kws| {
    let [data, quotetabs, istext, header] = bind(
        "b2a_qp",
        args,
        &kws,
        ["data", "quotetabs", "istext", "header"],
        4,
        1,
    )?;
    let data = need_bytes_like(data.expect("required"))?;
    let quotetabs = flag(quotetabs, false)?;
    let istext = flag(istext, true)?;
    let header = flag(header, false)?;
    const MAXLINESIZE: usize = 76;
    // Lines end in CRLF when the first line break is one.
    let crlf =
        matches!(data.iter().position(|&c| c == b'\n'), Some(p) if p > 0 && data[p - 1] == b'\r');
    let soft_break = |out: &mut Vec<u8>| {
        out.push(b'=');
        if crlf {
            out.push(b'\r');
        }
        out.push(b'\n');
    };
    let mut out = Vec::with_capacity(data.len() * 2);
    let (mut i, mut linelen) = (0usize, 0usize);
    while i < data.len() {
        let c = data[i];
        let next = data.get(i + 1).copied();
        let encode = c > 126
            || c == b'='
            || (header && c == b'_')
            || (c == b'.' && linelen == 0 && matches!(next, None | Some(b'\n' | b'\r' | 0)))
            || (!istext && (c == b'\r' || c == b'\n'))
            || ((c == b'\t' || c == b' ') && next.is_none())
            || (c < 33 && c != b'\r' && c != b'\n' && (quotetabs || (c != b'\t' && c != b' ')));
        if encode {
            if linelen + 3 >= MAXLINESIZE {
                soft_break(&mut out);
                linelen = 0;
            }
            qp_escape(&mut out, c);
            i += 1;
            linelen += 3;
        } else if istext && (c == b'\n' || (c == b'\r' && next == Some(b'\n'))) {
            linelen = 0;
            // Whitespace before a line end is escaped.
            if let Some(&last @ (b' ' | b'\t')) = out.last() {
                out.pop();
                qp_escape(&mut out, last);
            }
            if crlf {
                out.push(b'\r');
            }
            out.push(b'\n');
            i += if c == b'\r' { 2 } else { 1 };
        } else {
            if next.is_some() && next != Some(b'\n') && linelen + 1 >= MAXLINESIZE {
                soft_break(&mut out);
                linelen = 0;
            }
            linelen += 1;
            out.push(if header && c == b' ' { b'_' } else { c });
            i += 1;
        }
    }
    bytes::from_slice(&out)
});

// ---- checksums -------------------------------------------------------------

/// The CRC-32 table (reflected polynomial 0xEDB88320).
fn crc32_table() -> &'static [u32; 256] {
    static TABLE: std::sync::OnceLock<[u32; 256]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [0u32; 256];
        for (i, slot) in t.iter_mut().enumerate() {
            let mut c = i as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
            *slot = c;
        }
        t
    })
}

/// CRC-32 of `data` continuing from `crc`, as zlib's `crc32`.
pub fn crc32_update(crc: u32, data: &[u8]) -> u32 {
    let t = crc32_table();
    let mut c = !crc;
    for &b in data {
        c = t[((c ^ b as u32) & 0xff) as usize] ^ (c >> 8);
    }
    !c
}

/// An unsigned int argument reduced modulo 2**bits (`PyLong_AsUnsignedLongMask`).
unsafe fn masked(o: *mut PyObject, bits: u32) -> PyResult<u32> {
    // SAFETY: o valid.
    unsafe {
        let i = crate::object::number::index(o)?;
        let mut b = [0u8; 4];
        int::to_big(i.as_ptr()).write_bytes(&mut b, true);
        let v = u32::from_le_bytes(b);
        Ok(if bits == 32 { v } else { v & ((1 << bits) - 1) })
    }
}

builtin!(crc32, |args, kws| {
    let [data, crc] = bind("crc32", args, &kws, ["data", "crc"], 2, 1)?;
    let data = need_bytes_like(data.expect("required"))?;
    let crc = match crc {
        Some(c) => masked(c, 32)?,
        None => 0,
    };
    int::from_u64(crc32_update(crc, &data).into())
});

builtin!(crc_hqx, |args, kws| {
    let [data, crc] = bind("crc_hqx", args, &kws, ["data", "crc"], 2, 2)?;
    let data = need_bytes_like(data.expect("required"))?;
    let mut crc = masked(crc.expect("required"), 16)? as u16;
    for &b in data.iter() {
        crc ^= (b as u16) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    int::from_u64(crc.into())
});

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut METHODS: [PyMethodDef; 13] = [
    method(c"a2b_base64", a2b_base64 as *const c_void, FK),
    method(c"a2b_hex", a2b_hex as *const c_void, FK),
    method(c"a2b_qp", a2b_qp as *const c_void, FK),
    method(c"a2b_uu", a2b_uu as *const c_void, FK),
    method(c"b2a_base64", b2a_base64 as *const c_void, FK),
    method(c"b2a_hex", b2a_hex as *const c_void, FK),
    method(c"b2a_qp", b2a_qp as *const c_void, FK),
    method(c"b2a_uu", b2a_uu as *const c_void, FK),
    method(c"crc32", crc32 as *const c_void, FK),
    method(c"crc_hqx", crc_hqx as *const c_void, FK),
    method(c"hexlify", hexlify_fn as *const c_void, FK),
    method(c"unhexlify", unhexlify_fn as *const c_void, FK),
    METHOD_END,
];

unsafe extern "C" fn exec(m: *mut PyObject) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: m is the module being executed.
        unsafe {
            use crate::object::exceptions::{new_exception_class, PyExc_ValueError};
            if ERROR.load(Ordering::Relaxed).is_null() {
                let e = new_exception_class(
                    c"binascii.Error".as_ptr(),
                    PyExc_ValueError,
                    null_mut(),
                    null_mut(),
                )?;
                ERROR.store(e.into_raw(), Ordering::Relaxed);
                let i = new_exception_class(
                    c"binascii.Incomplete".as_ptr(),
                    null_mut(),
                    null_mut(),
                    null_mut(),
                )?;
                INCOMPLETE.store(i.into_raw(), Ordering::Relaxed);
            }
            add(
                m,
                "Error",
                Ok(Owned::from_borrowed(ERROR.load(Ordering::Relaxed))),
            )?;
            add(
                m,
                "Incomplete",
                Ok(Owned::from_borrowed(INCOMPLETE.load(Ordering::Relaxed))),
            )
        }
    })
}

static mut SLOTS: [PyModuleDef_Slot; 2] = [exec_slot(exec), SLOT_END];

static mut DEF: PyModuleDef = module_def::def(
    c"binascii",
    c"Conversion between binary data and ASCII",
    (&raw mut METHODS).cast(),
    (&raw mut SLOTS).cast(),
);

/// `PyInit_binascii`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    // SAFETY: DEF is a static module definition.
    unsafe { crate::capi::module::PyModuleDef_Init(&raw mut DEF) }
}
