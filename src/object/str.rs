//! `str` (`PyUnicode_Type`): PEP 393 compact strings — one allocation holding
//! the header and the characters as 1, 2 or 4 bytes each (the narrowest that
//! fits), NUL-terminated, with a cached UTF-8 form and hash; interning; the
//! shared empty and Latin-1 one-character strings; the type's slots
//! (indexing, slicing, repetition, iteration, `str()`), and subclass
//! instances (non-compact, data in their own buffer). Methods live in
//! `str_methods`, formatting in `str_format`, codecs in `codecs_core`,
//! character properties in `unicode_props`.
use crate::capi::boundary::{guard, guard_obj};
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::type_template;
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_char;
use std::ffi::CStr;
use std::ptr::null_mut;

/// `PyUnicode_Type`.
#[no_mangle]
pub static mut PyUnicode_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_UNICODE_SUBCLASS | _Py_TPFLAGS_MATCH_SELF,
    tp_dealloc: Some(str_dealloc),
    tp_repr: Some(str_repr),
    tp_str: Some(str_str),
    tp_hash: Some(str_hash),
    tp_richcompare: Some(str_richcompare),
    tp_as_sequence: &raw mut STR_AS_SEQUENCE,
    tp_as_mapping: &raw mut STR_AS_MAPPING,
    tp_as_number: &raw mut STR_AS_NUMBER,
    tp_iter: Some(str_iter),
    tp_new: Some(str_new),
    tp_methods: (&raw const crate::object::str_methods::STR_METHODS)
        .cast_mut()
        .cast(),
    tp_free: Some(crate::capi::memory::PyObject_Free),
    tp_doc: c"str(object='') -> str\nstr(bytes_or_buffer[, encoding[, errors]]) -> str\n\nText: an immutable sequence of Unicode code points.\n\nWith only an object, its __str__() (or repr()) is the result; with an\nencoding or errors, the object is decoded (see bytes.decode())."
        .as_ptr(),
    ..type_template(c"str", std::mem::size_of::<PyUnicodeObject>(), 0)
};

static mut STR_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(str_length),
    sq_concat: Some(str_concat),
    sq_repeat: Some(str_repeat),
    sq_item: Some(str_item),
    sq_contains: Some(str_contains),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

static mut STR_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: Some(str_length),
    mp_subscript: Some(str_subscript),
    mp_ass_subscript: None,
};

static mut STR_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_remainder: Some(crate::object::str_format::str_mod),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

const STATE_KIND_SHIFT: u32 = 2;
const STATE_COMPACT: u32 = 1 << 5;
const STATE_ASCII: u32 = 1 << 6;

/// Whether `op` is a str or a str subclass instance (`PyUnicode_Check`).
#[inline(always)]
pub unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*(*op).ob_type).tp_flags & Py_TPFLAGS_UNICODE_SUBCLASS != 0 }
}

/// `PyUnicode_CheckExact`.
#[inline(always)]
pub unsafe fn check_exact(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*op).ob_type == &raw mut PyUnicode_Type }
}

#[inline(always)]
unsafe fn ascii(op: *mut PyObject) -> *mut PyASCIIObject {
    op.cast()
}

/// Length in code points.
#[inline(always)]
pub unsafe fn len(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: op is a str.
    unsafe { (*ascii(op)).length }
}

/// Bytes per character: 1, 2 or 4 (`PyUnicode_KIND`).
#[inline(always)]
pub unsafe fn kind(op: *mut PyObject) -> u32 {
    // SAFETY: op is a str.
    unsafe { ((*ascii(op)).state >> STATE_KIND_SHIFT) & 7 }
}

/// Whether all characters are ASCII.
#[inline(always)]
pub unsafe fn is_ascii(op: *mut PyObject) -> bool {
    // SAFETY: op is a str.
    unsafe { (*ascii(op)).state & STATE_ASCII != 0 }
}

/// The character data (`PyUnicode_DATA`).
#[inline(always)]
pub unsafe fn data(op: *mut PyObject) -> *mut u8 {
    // SAFETY: op is a str; compact strings keep data right after the header.
    unsafe {
        let st = (*ascii(op)).state;
        if st & STATE_COMPACT == 0 {
            (*op.cast::<PyUnicodeObject>()).data.cast()
        } else if st & STATE_ASCII != 0 {
            op.cast::<u8>().add(std::mem::size_of::<PyASCIIObject>())
        } else {
            op.cast::<u8>()
                .add(std::mem::size_of::<PyCompactUnicodeObject>())
        }
    }
}

/// The character data as bytes (`len * kind` of them).
#[inline(always)]
pub unsafe fn data_bytes<'a>(op: *mut PyObject) -> &'a [u8] {
    // SAFETY: data holds len*kind bytes.
    unsafe { std::slice::from_raw_parts(data(op), len(op) as usize * kind(op) as usize) }
}

/// The code point at `i` (`PyUnicode_READ_CHAR`).
#[inline(always)]
pub unsafe fn read_char(op: *mut PyObject, i: usize) -> u32 {
    // SAFETY: i < len.
    unsafe {
        let d = data(op);
        match kind(op) {
            1 => *d.add(i) as u32,
            2 => *(d as *const u16).add(i) as u32,
            _ => *(d as *const u32).add(i),
        }
    }
}

/// `PyUnicode_New`: an uninitialized compact string of `length` characters
/// able to hold `maxchar`. NULL with an error set on failure.
pub unsafe fn new_uninit(length: Py_ssize_t, maxchar: u32) -> PyResult<*mut PyObject> {
    if maxchar > 0x10ffff {
        return Err(errors::system_error(
            "invalid maximum character passed to PyUnicode_New",
        ));
    }
    if length < 0 {
        return Err(errors::system_error(
            "Negative size passed to PyUnicode_New",
        ));
    }
    let (kind, is_ascii) = match maxchar {
        0..=0x7f => (1u32, true),
        0x80..=0xff => (1, false),
        0x100..=0xffff => (2, false),
        _ => (4, false),
    };
    // SAFETY: length is not negative; kind matches is_ascii.
    unsafe { alloc_compact(length as usize, kind, is_ascii) }
}

/// Allocates a compact str of `length` characters of `kind` bytes (ASCII
/// when `is_ascii`, then `kind` is 1) with its header and NUL terminator
/// set, the characters left to the caller.
#[inline(always)]
unsafe fn alloc_compact(length: usize, kind: u32, is_ascii: bool) -> PyResult<*mut PyObject> {
    let header = if is_ascii {
        std::mem::size_of::<PyASCIIObject>()
    } else {
        std::mem::size_of::<PyCompactUnicodeObject>()
    };
    let Some(size) = length
        .checked_add(1)
        .and_then(|n| n.checked_mul(kind as usize))
        .and_then(|n| n.checked_add(header))
        .filter(|&n| n < isize::MAX as usize)
    else {
        return Err(errors::no_memory());
    };
    // SAFETY: a fresh allocation of `size` bytes, header initialized below.
    unsafe {
        let op = crate::object::alloc::raw_malloc(size) as *mut PyObject;
        if op.is_null() {
            return Err(errors::no_memory());
        }
        crate::object::alloc::init_object(op, &raw mut PyUnicode_Type);
        let a = ascii(op);
        (*a).length = length as Py_ssize_t;
        (*a).hash = -1;
        (*a).state =
            (kind << STATE_KIND_SHIFT) | STATE_COMPACT | if is_ascii { STATE_ASCII } else { 0 };
        if !is_ascii {
            let c = op.cast::<PyCompactUnicodeObject>();
            (*c).utf8 = null_mut();
            (*c).utf8_length = 0;
        }
        // NUL terminator (a store of the kind's width, not a memset call).
        let end = op.cast::<u8>().add(header + length * kind as usize);
        match kind {
            1 => *end = 0,
            2 => end.cast::<u16>().write_unaligned(0),
            _ => end.cast::<u32>().write_unaligned(0),
        }
        Ok(op)
    }
}

/// A new compact ASCII str holding a copy of `bytes`, which are all ASCII.
#[inline]
fn from_ascii(bytes: &[u8]) -> PyResult<Owned> {
    // SAFETY: alloc_compact gives room for len bytes; ASCII needs no
    // decoding.
    unsafe {
        let op = alloc_compact(bytes.len(), 1, true)?;
        std::ptr::copy_nonoverlapping(
            bytes.as_ptr(),
            op.cast::<u8>().add(std::mem::size_of::<PyASCIIObject>()),
            bytes.len(),
        );
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// A new str holding the text `s`.
pub fn from_str(s: &str) -> PyResult<Owned> {
    if s.len() <= 1 {
        return match s.as_bytes().first() {
            None => empty(),
            Some(&c) => char_str(c as u32),
        };
    }
    if s.is_ascii() {
        return from_ascii(s.as_bytes());
    }
    let (n, maxchar) = s
        .chars()
        .fold((0usize, 0u32), |(n, m), c| (n + 1, m.max(c as u32)));
    // SAFETY: room for n characters of the kind maxchar needs.
    unsafe { from_code_points(s.chars().map(|c| c as u32), n, maxchar) }
}

/// A new str from `n` code points (`maxchar` the largest of them); code
/// points may include lone surrogates.
pub unsafe fn from_code_points(
    cps: impl Iterator<Item = u32>,
    n: usize,
    maxchar: u32,
) -> PyResult<Owned> {
    // SAFETY: new_uninit gives room for n characters of the right kind.
    unsafe {
        let op = new_uninit(n as isize, maxchar)?;
        let d = data(op);
        match kind(op) {
            1 => cps.enumerate().for_each(|(i, c)| *d.add(i) = c as u8),
            2 => cps
                .enumerate()
                .for_each(|(i, c)| *(d as *mut u16).add(i) = c as u16),
            _ => cps
                .enumerate()
                .for_each(|(i, c)| *(d as *mut u32).add(i) = c),
        }
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// A new str from a NUL-terminated UTF-8 C string (`PyUnicode_FromString`).
pub unsafe fn from_cstr(p: *const c_char) -> PyResult<Owned> {
    // SAFETY: p is NUL-terminated.
    let bytes = unsafe { CStr::from_ptr(p) }.to_bytes();
    from_utf8(bytes)
}

/// Decodes strict UTF-8 into a new str.
pub fn from_utf8(bytes: &[u8]) -> PyResult<Owned> {
    if bytes.len() > 1 && bytes.is_ascii() {
        return from_ascii(bytes);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => from_str(s),
        Err(e) => {
            let start = e.valid_up_to();
            let end = start + e.error_len().unwrap_or(bytes.len() - start);
            Err(crate::object::exceptions::unicode_decode_error(
                "utf-8",
                bytes,
                start,
                end,
                if e.error_len().is_none() {
                    "unexpected end of data"
                } else {
                    "invalid start byte"
                },
            ))
        }
    }
}

/// The text of a compact ASCII str (its own data is its UTF-8), else None.
#[inline(always)]
pub unsafe fn ascii_str<'a>(op: *mut PyObject) -> Option<&'a str> {
    // SAFETY: op is a str; compact ASCII data is len bytes after the header.
    unsafe {
        let st = (*ascii(op)).state;
        if st & STATE_ASCII != 0 && st & STATE_COMPACT != 0 {
            let p = op.cast::<u8>().add(std::mem::size_of::<PyASCIIObject>());
            let b = std::slice::from_raw_parts(p, len(op) as usize);
            return Some(std::str::from_utf8_unchecked(b));
        }
        None
    }
}

/// [`as_str`] for text that only matters when it is valid UTF-8 (a name
/// to compare, say): None, with no exception left set, when the str holds
/// lone surrogates.
pub unsafe fn as_str_opt<'a>(op: *mut PyObject) -> Option<&'a str> {
    // SAFETY: op is a str.
    match unsafe { as_str(op) } {
        Ok(s) => Some(s),
        Err(_) => {
            crate::runtime::errors::clear();
            None
        }
    }
}

/// The UTF-8 text of a str, cached in the object (`PyUnicode_AsUTF8`). A str
/// holding lone surrogates raises `UnicodeEncodeError`.
#[inline]
pub unsafe fn as_str<'a>(op: *mut PyObject) -> PyResult<&'a str> {
    // SAFETY: op is a str.
    match unsafe { ascii_str(op) } {
        Some(s) => Ok(s),
        // SAFETY: op is a str.
        None => unsafe { utf8_cached(op) },
    }
}

/// [`as_str`] for a str that is not compact ASCII: the UTF-8 copy kept in
/// the object, made on first use.
#[inline(never)]
unsafe fn utf8_cached<'a>(op: *mut PyObject) -> PyResult<&'a str> {
    // SAFETY: op is a str; the cache lives as long as the object.
    unsafe {
        let c = op.cast::<PyCompactUnicodeObject>();
        if (*c).utf8.is_null() {
            let n = len(op) as usize;
            let mut s = String::with_capacity(n * 2);
            for i in 0..n {
                let cp = read_char(op, i);
                match char::from_u32(cp) {
                    Some(ch) => s.push(ch),
                    None => {
                        let end = (i..n)
                            .find(|&j| !(0xd800..0xe000).contains(&read_char(op, j)))
                            .unwrap_or(n);
                        return Err(crate::object::exceptions::unicode_encode_error(
                            "utf-8",
                            op,
                            i,
                            end,
                            "surrogates not allowed",
                        ));
                    }
                }
            }
            let buf = crate::object::alloc::raw_malloc(s.len() + 1) as *mut u8;
            if buf.is_null() {
                return Err(errors::no_memory());
            }
            std::ptr::copy_nonoverlapping(s.as_ptr(), buf, s.len());
            *buf.add(s.len()) = 0;
            (*c).utf8 = buf.cast();
            (*c).utf8_length = s.len() as isize;
        }
        let b = std::slice::from_raw_parts((*c).utf8 as *const u8, (*c).utf8_length as usize);
        Ok(std::str::from_utf8_unchecked(b))
    }
}

/// The hash of a str (cached).
#[inline]
pub unsafe fn hash(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: op is a str.
    unsafe {
        let a = ascii(op);
        let h = (*a).hash;
        if h != -1 {
            return h;
        }
        let h = crate::object::hash::hash_bytes(data_bytes(op));
        (*a).hash = h;
        h
    }
}

/// Whether two strs have equal contents (`unicode_eq`).
#[inline]
pub unsafe fn eq(a: *mut PyObject, b: *mut PyObject) -> bool {
    if a == b {
        return true;
    }
    // SAFETY: both are strs.
    unsafe {
        if len(a) != len(b) || kind(a) != kind(b) {
            return false;
        }
        let (ha, hb) = ((*ascii(a)).hash, (*ascii(b)).hash);
        if ha != -1 && hb != -1 && ha != hb {
            return false;
        }
        data_bytes(a) == data_bytes(b)
    }
}

/// Compares two strs by code points.
pub unsafe fn compare(a: *mut PyObject, b: *mut PyObject) -> std::cmp::Ordering {
    // SAFETY: both are strs; each slice covers len * kind bytes.
    unsafe {
        let (ka, kb) = (kind(a), kind(b));
        if ka == 1 && kb == 1 {
            return data_bytes(a).cmp(data_bytes(b));
        }
        let (la, lb) = (len(a) as usize, len(b) as usize);
        let (da, db) = (data(a), data(b));
        let s1 = |d: *mut u8, n| std::slice::from_raw_parts(d, n);
        let s2 = |d: *mut u8, n| std::slice::from_raw_parts(d as *const u16, n);
        let s4 = |d: *mut u8, n| std::slice::from_raw_parts(d as *const u32, n);
        match (ka, kb) {
            (1, 2) => cmp_units(s1(da, la), s2(db, lb)),
            (1, _) => cmp_units(s1(da, la), s4(db, lb)),
            (2, 1) => cmp_units(s2(da, la), s1(db, lb)),
            (2, 2) => s2(da, la).cmp(s2(db, lb)),
            (2, _) => cmp_units(s2(da, la), s4(db, lb)),
            (_, 1) => cmp_units(s4(da, la), s1(db, lb)),
            (_, 2) => cmp_units(s4(da, la), s2(db, lb)),
            _ => s4(da, la).cmp(s4(db, lb)),
        }
    }
}

/// Compares code unit sequences of different widths by code point.
fn cmp_units<A: Copy + Into<u32>, B: Copy + Into<u32>>(a: &[A], b: &[B]) -> std::cmp::Ordering {
    for (&x, &y) in a.iter().zip(b) {
        let (x, y): (u32, u32) = (x.into(), y.into());
        if x != y {
            return x.cmp(&y);
        }
    }
    a.len().cmp(&b.len())
}

/// The interned, immortal str for `s` (borrowed; it lives until the runtime
/// is finalized).
pub fn intern(s: &str) -> *mut PyObject {
    crate::object::str_intern::get_or_insert(s, || {
        let Ok(o) = from_str(s) else {
            crate::runtime::lifecycle::fatal_error("out of memory interning a string");
        };
        let p = o.into_raw();
        // SAFETY: p is a fresh str made from UTF-8 text, so its UTF-8 view
        // exists; the str lives until `clear_interned`.
        unsafe {
            make_immortal(p);
            hash(p);
            (*ascii(p)).state |= SSTATE_INTERNED_IMMORTAL;
            // The table compares keys with this text: make it now.
            if as_str(p).is_err() {
                crate::runtime::lifecycle::fatal_error("out of memory interning a string");
            }
            p
        }
    })
}

/// Whether `op` is an interned string (`PyUnicode_CHECK_INTERNED`).
#[inline(always)]
pub unsafe fn is_interned(op: *mut PyObject) -> bool {
    // SAFETY: op is a str.
    unsafe { (*ascii(op)).state & 3 != 0 }
}

/// `intern` for a C string.
pub unsafe fn intern_cstr(p: *const c_char) -> PyResult<*mut PyObject> {
    // SAFETY: p is NUL-terminated.
    let bytes = unsafe { CStr::from_ptr(p) }.to_bytes();
    // Names in method and member tables are ASCII: checking that is
    // cheaper than full UTF-8 validation.
    if bytes.is_ascii() {
        // SAFETY: ASCII is valid UTF-8.
        return Ok(intern(unsafe { std::str::from_utf8_unchecked(bytes) }));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(intern(s)),
        Err(_) => Err(errors::value_error("name is not valid UTF-8")),
    }
}

/// `PyUnicode_InternInPlace`: replaces `*p` by the interned equal string;
/// when there is none yet, `*p` itself becomes it (immortal, as interned
/// strings are here). A string with lone surrogates has no UTF-8 text to
/// key the table with: it stays as it is, not interned.
pub unsafe fn intern_in_place(p: *mut *mut PyObject) -> PyResult<()> {
    // SAFETY: *p is a str the caller owns a reference to.
    unsafe {
        let op = *p;
        if !check_exact(op) || (*ascii(op)).state & 3 != 0 {
            return Ok(());
        }
        // The table keys on this text, cached in the object for its life.
        let Ok(s) = as_str(op) else {
            errors::clear();
            return Ok(());
        };
        let i = crate::object::str_intern::get_or_insert(s, || {
            make_immortal(op);
            hash(op);
            (*ascii(op)).state |= SSTATE_INTERNED_IMMORTAL;
            op
        });
        if i != op {
            decref(op);
            *p = i;
        }
        Ok(())
    }
}

/// Frees the interned strings and the one-character cache (at
/// finalization).
pub fn clear_interned() {
    crate::object::str_intern::drain(|p| {
        // SAFETY: interned strings are owned by the table (the cached
        // empty and one-character strings by their cache); nothing uses
        // them after finalization.
        unsafe {
            if !is_cached(p) {
                free_str(p);
            }
        }
    });
    clear_char_cache();
}

/// Whether `op` is the cached empty string or a cached one-character string.
unsafe fn is_cached(op: *mut PyObject) -> bool {
    // SAFETY: op is a live str; the caches are only touched with the GIL.
    unsafe {
        if op == EMPTY {
            return true;
        }
        if len(op) != 1 || read_char(op, 0) >= 256 {
            return false;
        }
        *(&raw mut LATIN1)
            .cast::<*mut PyObject>()
            .add(read_char(op, 0) as usize)
            == op
    }
}

unsafe fn free_str(op: *mut PyObject) {
    // SAFETY: op is a str nobody references any more.
    unsafe {
        let st = (*ascii(op)).state;
        if st & STATE_ASCII == 0 || st & STATE_COMPACT == 0 {
            let c = op.cast::<PyCompactUnicodeObject>();
            if !(*c).utf8.is_null() {
                crate::object::alloc::raw_free((*c).utf8.cast());
            }
        }
        if st & STATE_COMPACT == 0 {
            crate::object::alloc::raw_free((*op.cast::<PyUnicodeObject>()).data);
        }
        let tp = (*op).ob_type;
        match (*tp).tp_free {
            Some(f) => f(op.cast()),
            None => crate::object::alloc::raw_free(op.cast()),
        }
    }
}

unsafe extern "C" fn str_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        let tp = (*op).ob_type;
        free_str(op);
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(tp.cast());
        }
    }
}

/// `repr(str)` as code points: quotes chosen as CPython does, escapes for
/// non-printables.
pub unsafe fn repr_units(op: *mut PyObject) -> Vec<u32> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    // SAFETY: op is a str.
    unsafe {
        let n = len(op) as usize;
        let (mut sq, mut dq) = (false, false);
        for i in 0..n {
            match read_char(op, i) {
                0x27 => sq = true,
                0x22 => dq = true,
                _ => {}
            }
        }
        let quote = if sq && !dq { 0x22 } else { 0x27 };
        let mut out = Vec::with_capacity(n + 2);
        out.push(quote);
        let hex = |out: &mut Vec<u32>, tag: u8, c: u32, digits: u32| {
            out.push(0x5c);
            out.push(tag as u32);
            for k in (0..digits).rev() {
                out.push(HEX[((c >> (4 * k)) & 15) as usize] as u32);
            }
        };
        for i in 0..n {
            let c = read_char(op, i);
            match c {
                0x5c => out.extend_from_slice(&[0x5c, 0x5c]),
                0x09 => out.extend_from_slice(&[0x5c, 0x74]),
                0x0a => out.extend_from_slice(&[0x5c, 0x6e]),
                0x0d => out.extend_from_slice(&[0x5c, 0x72]),
                _ if c == quote => out.extend_from_slice(&[0x5c, quote]),
                0x20..=0x7e => out.push(c),
                _ if c > 0x7f && crate::object::unicode_props::is_printable(c) => out.push(c),
                _ if c <= 0xff => hex(&mut out, b'x', c, 2),
                _ if c <= 0xffff => hex(&mut out, b'u', c, 4),
                _ => hex(&mut out, b'U', c, 8),
            }
        }
        out.push(quote);
        out
    }
}

unsafe extern "C" fn str_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a str.
        unsafe {
            if is_ascii(op) {
                return ascii_repr(data_bytes(op));
            }
            from_ucs4(&repr_units(op))
        }
    })
}

/// `repr` of an ASCII string, built byte by byte.
fn ascii_repr(b: &[u8]) -> PyResult<Owned> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = Vec::with_capacity(b.len() + 2);
    out.push(quote);
    for &c in b {
        match c {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ if c == quote => out.extend_from_slice(&[b'\\', c]),
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
    // SAFETY: the output is ASCII.
    from_str(unsafe { std::str::from_utf8_unchecked(&out) })
}

unsafe extern "C" fn str_str(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a str (maybe a subclass instance: copy to exact str).
        unsafe {
            if check_exact(op) {
                Ok(Owned::from_borrowed(op))
            } else {
                copy_exact(op)
            }
        }
    })
}

/// An exact `str` with the same characters as `op`.
pub unsafe fn copy_exact(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is a str.
    unsafe {
        let n = len(op) as usize;
        let maxc = (0..n).map(|i| read_char(op, i)).max().unwrap_or(0);
        from_code_points((0..n).map(|i| read_char(op, i)), n, maxc)
    }
}

unsafe extern "C" fn str_hash(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: op is a str.
    unsafe { hash(op) }
}

unsafe extern "C" fn str_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: libc::c_int,
) -> *mut PyObject {
    use std::cmp::Ordering::*;
    // SAFETY: a is a str; b valid.
    unsafe {
        if !check(b) {
            return new_ref(crate::object::none::not_implemented());
        }
        let r = match op {
            Py_EQ => eq(a, b),
            Py_NE => !eq(a, b),
            _ => {
                let o = compare(a, b);
                match op {
                    Py_LT => o == Less,
                    Py_LE => o != Greater,
                    Py_GT => o == Greater,
                    _ => o != Less,
                }
            }
        };
        new_ref(crate::object::bool::from_bool(r))
    }
}

unsafe extern "C" fn str_length(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: op is a str.
    unsafe { len(op) }
}

/// Concatenates two strs.
pub unsafe fn concat(a: *mut PyObject, b: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: both are strs; the result has room for both.
    unsafe {
        let (la, lb) = (len(a), len(b));
        if lb == 0 && check_exact(a) {
            return Ok(Owned::from_borrowed(a));
        }
        if la == 0 && check_exact(b) {
            return Ok(Owned::from_borrowed(b));
        }
        let Some(total) = la.checked_add(lb) else {
            return Err(errors::overflow_error("strings are too large to concat"));
        };
        let res = new_uninit(total, max_char(a).max(max_char(b)))?;
        copy_chars(res, 0, a);
        copy_chars(res, la as usize, b);
        Ok(Owned::from_raw_unchecked(res))
    }
}

/// Copies all of `src` into `dst` at `at` (dst's kind is at least src's).
pub unsafe fn copy_chars(dst: *mut PyObject, at: usize, src: *mut PyObject) {
    // SAFETY: dst has room for len(src) characters at `at`.
    unsafe {
        let (kd, ks, n) = (kind(dst) as usize, kind(src) as usize, len(src) as usize);
        if kd == ks {
            std::ptr::copy_nonoverlapping(data(src), data(dst).add(at * kd), n * kd);
            return;
        }
        let (s, d) = (data(src), data(dst));
        match (ks, kd) {
            (1, 2) => widen(
                std::slice::from_raw_parts(s, n),
                std::slice::from_raw_parts_mut((d as *mut u16).add(at), n),
            ),
            (1, _) => widen(
                std::slice::from_raw_parts(s, n),
                std::slice::from_raw_parts_mut((d as *mut u32).add(at), n),
            ),
            _ => widen(
                std::slice::from_raw_parts(s as *const u16, n),
                std::slice::from_raw_parts_mut((d as *mut u32).add(at), n),
            ),
        }
    }
}

/// Copies narrower code units into wider ones.
#[inline]
fn widen<S: Copy, D: From<S>>(src: &[S], dst: &mut [D]) {
    for (d, &s) in dst.iter_mut().zip(src) {
        *d = D::from(s);
    }
}

/// The largest code point a string's kind allows, narrowed for ASCII.
pub unsafe fn max_char(op: *mut PyObject) -> u32 {
    // SAFETY: op is a str.
    unsafe {
        if is_ascii(op) {
            return 0x7f;
        }
        match kind(op) {
            1 => 0xff,
            2 => 0xffff,
            _ => 0x10ffff,
        }
    }
}

unsafe extern "C" fn str_concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is a str.
        unsafe {
            if !check(b) {
                return Err(errors::type_error(format!(
                    "can only concatenate str (not \"{}\") to str",
                    crate::object::typeobj::type_name(b)
                )));
            }
            concat(a, b)
        }
    })
}

/// Finds `needle` in `hay` (code-point positions).
pub unsafe fn find(hay: *mut PyObject, needle: *mut PyObject) -> Option<usize> {
    // SAFETY: both are strs.
    unsafe { crate::object::str_methods::find_range(hay, needle, 0, len(hay), true) }
}

unsafe extern "C" fn str_contains(a: *mut PyObject, b: *mut PyObject) -> libc::c_int {
    guard(|| {
        // SAFETY: a is a str.
        unsafe {
            if !check(b) {
                errors::type_error(format!(
                    "'in <string>' requires string as left operand, not {}",
                    crate::object::typeobj::type_name(b)
                ));
                return -1;
            }
            find(a, b).is_some() as libc::c_int
        }
    })
}

/// A new str from code points, in the narrowest kind that holds them.
pub fn from_ucs4(v: &[u32]) -> PyResult<Owned> {
    if v.len() == 1 {
        return char_str(v[0]);
    }
    let maxc = v.iter().copied().max().unwrap_or(0);
    // SAFETY: maxc bounds every code point.
    unsafe { from_code_points(v.iter().copied(), v.len(), maxc) }
}

/// The code points of a str.
pub unsafe fn to_ucs4(op: *mut PyObject) -> Vec<u32> {
    // SAFETY: op is a str.
    unsafe {
        let n = len(op) as usize;
        let d = data(op);
        match kind(op) {
            1 => std::slice::from_raw_parts(d, n)
                .iter()
                .map(|&c| c as u32)
                .collect(),
            2 => std::slice::from_raw_parts(d as *const u16, n)
                .iter()
                .map(|&c| c as u32)
                .collect(),
            _ => std::slice::from_raw_parts(d as *const u32, n).to_vec(),
        }
    }
}

/// `s[start:end]` (indices already within bounds, start <= end), in the
/// narrowest kind; the whole of an exact str is returned as is.
pub unsafe fn substring(op: *mut PyObject, start: usize, end: usize) -> PyResult<Owned> {
    // SAFETY: op is a str and start <= end <= len.
    unsafe {
        if start == 0 && end == len(op) as usize && check_exact(op) {
            return Ok(Owned::from_borrowed(op));
        }
        match end - start {
            0 => return empty(),
            1 => return char_str(read_char(op, start)),
            _ => {}
        }
        let k = kind(op) as usize;
        let maxc = if is_ascii(op) {
            0x7f
        } else {
            (start..end).map(|i| read_char(op, i)).max().unwrap_or(0)
        };
        let res = new_uninit((end - start) as Py_ssize_t, maxc)?;
        if kind(res) as usize == k {
            std::ptr::copy_nonoverlapping(data(op).add(start * k), data(res), (end - start) * k);
        } else {
            let d = data(res);
            for (j, i) in (start..end).enumerate() {
                let c = read_char(op, i);
                match kind(res) {
                    1 => *d.add(j) = c as u8,
                    _ => *(d as *mut u16).add(j) = c as u16,
                }
            }
        }
        Ok(Owned::from_raw_unchecked(res))
    }
}

/// The one-character str for code point `c` (shared, immortal for Latin-1
/// characters as in CPython).
pub fn char_str(c: u32) -> PyResult<Owned> {
    if c < 256 {
        // SAFETY: the cache is only touched with the GIL held.
        unsafe {
            let slot = (&raw mut LATIN1).cast::<*mut PyObject>().add(c as usize);
            if (*slot).is_null() {
                let o = from_code_points(std::iter::once(c), 1, c)?;
                let p = o.into_raw();
                make_immortal(p);
                *slot = p;
            }
            return Ok(Owned::from_borrowed_static(*slot));
        }
    }
    if c > 0x10ffff {
        return Err(errors::value_error("chr() arg not in range(0x110000)"));
    }
    // SAFETY: one code point <= c.
    unsafe { from_code_points(std::iter::once(c), 1, c) }
}

static mut LATIN1: [*mut PyObject; 256] = [null_mut(); 256];
static mut EMPTY: *mut PyObject = null_mut();

/// The empty str (shared and immortal, as in CPython).
pub fn empty() -> PyResult<Owned> {
    // SAFETY: the cache is only touched with the GIL held.
    unsafe {
        if EMPTY.is_null() {
            let p = new_uninit(0, 0)?;
            make_immortal(p);
            EMPTY = p;
        }
        Ok(Owned::from_borrowed_static(EMPTY))
    }
}

/// Frees the one-character cache.
fn clear_char_cache() {
    // SAFETY: finalization; nothing uses the cached strs any more.
    unsafe {
        if !EMPTY.is_null() {
            free_str(EMPTY);
            EMPTY = null_mut();
        }
        let base = (&raw mut LATIN1).cast::<*mut PyObject>();
        for i in 0..256 {
            let slot = base.add(i);
            if !(*slot).is_null() {
                free_str(*slot);
                *slot = null_mut();
            }
        }
    }
}

unsafe extern "C" fn str_repeat(op: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a str.
        unsafe {
            let l = len(op);
            if n <= 0 || l == 0 {
                return from_str("");
            }
            if n == 1 && check_exact(op) {
                return Ok(Owned::from_borrowed(op));
            }
            let Some(total) = l.checked_mul(n) else {
                return Err(errors::overflow_error("repeated string is too long"));
            };
            let res = new_uninit(total, max_char(op))?;
            let k = kind(op) as usize;
            let src = data_bytes(op);
            let dst = std::slice::from_raw_parts_mut(data(res), total as usize * k);
            for chunk in dst.chunks_exact_mut(src.len()) {
                chunk.copy_from_slice(src);
            }
            Ok(Owned::from_raw_unchecked(res))
        }
    })
}

unsafe extern "C" fn str_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a str.
        unsafe {
            if i < 0 || i >= len(op) {
                return Err(errors::index_error("string index out of range"));
            }
            char_str(read_char(op, i as usize))
        }
    })
}

unsafe extern "C" fn str_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    use crate::object::slice;
    guard_obj(|| {
        // SAFETY: op is a str, key valid.
        unsafe {
            if slice::check(key) {
                let ix = slice::indices(key, len(op))?;
                if ix.len <= 0 {
                    return from_str("");
                }
                if ix.step == 1 {
                    return substring(op, ix.start as usize, ix.stop as usize);
                }
                let v: Vec<u32> = (0..ix.len)
                    .map(|k| read_char(op, ix.at(k) as usize))
                    .collect();
                return from_ucs4(&v);
            }
            let nb = (*(*key).ob_type).tp_as_number;
            if !crate::object::int::check(key) && (nb.is_null() || (*nb).nb_index.is_none()) {
                return Err(errors::type_error(format!(
                    "string indices must be integers, not '{}'",
                    crate::object::typeobj::type_name(key)
                )));
            }
            let mut i = crate::object::number::index_as_ssize(key, "string indice")?;
            if i < 0 {
                i += len(op);
            }
            if i < 0 || i >= len(op) {
                return Err(errors::index_error("string index out of range"));
            }
            char_str(read_char(op, i as usize))
        }
    })
}

/// Pickling of the str iterators (laid out as `list::SeqIndexIter`).
static STR_ITER_METHODS: [PyMethodDef; 3] = [
    crate::object::descr::method(
        c"__reduce__",
        crate::object::seqiter_pickle::reduce as *const _,
        METH_NOARGS,
    ),
    crate::object::descr::method(
        c"__setstate__",
        crate::object::seqiter_pickle::setstate as *const _,
        METH_O,
    ),
    crate::object::descr::METHOD_END,
];

/// The str iterator object (the layout of `list::SeqIndexIter`).
#[repr(C)]
pub struct StrIterObject {
    ob_base: PyObject,
    index: Py_ssize_t,
    seq: *mut PyObject,
}

/// `PyUnicodeIter_Type` (`str_iterator`).
#[no_mangle]
pub static mut PyUnicodeIter_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(iter_dealloc),
    tp_traverse: Some(iter_traverse),
    tp_iter: Some(iter_self),
    tp_iternext: Some(iter_next),
    tp_methods: (&raw const STR_ITER_METHODS).cast_mut().cast(),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    ..type_template(c"str_iterator", std::mem::size_of::<StrIterObject>(), 0)
};

/// `_PyUnicodeASCIIIter_Type` (`str_ascii_iterator`): the iterator of an
/// ASCII str (same behaviour, CPython's type name).
#[no_mangle]
pub static mut _PyUnicodeASCIIIter_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(iter_dealloc),
    tp_traverse: Some(iter_traverse),
    tp_iter: Some(iter_self),
    tp_iternext: Some(iter_next),
    tp_methods: (&raw const STR_ITER_METHODS).cast_mut().cast(),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    ..type_template(
        c"str_ascii_iterator",
        std::mem::size_of::<StrIterObject>(),
        0,
    )
};

unsafe extern "C" fn str_iter(op: *mut PyObject) -> *mut PyObject {
    guard(|| {
        // SAFETY: a fresh allocation of the iterator's size, with the GC
        // header its type asks for.
        unsafe {
            let tp = if is_ascii(op) {
                &raw mut _PyUnicodeASCIIIter_Type
            } else {
                &raw mut PyUnicodeIter_Type
            };
            let it = crate::object::alloc::alloc_zeroed(tp, std::mem::size_of::<StrIterObject>())
                as *mut StrIterObject;
            if it.is_null() {
                return errors::no_memory_null();
            }
            crate::object::alloc::init_object(it.cast(), tp);
            (*it).index = 0;
            (*it).seq = new_ref(op);
            crate::object::gc::track(it.cast());
            it.cast()
        }
    })
}

unsafe extern "C" fn iter_dealloc(op: *mut PyObject) {
    // SAFETY: op is a str iterator whose refcount reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        let it = op.cast::<StrIterObject>();
        if !(*it).seq.is_null() {
            decref((*it).seq);
        }
        crate::object::alloc::gc_free(op.cast());
    }
}

unsafe extern "C" fn iter_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut libc::c_void,
) -> libc::c_int {
    // SAFETY: op is a str iterator, which owns its str.
    unsafe { crate::object::gc::visit_all(&[(*op.cast::<StrIterObject>()).seq], visit, arg) }
}

unsafe extern "C" fn iter_self(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op valid.
    unsafe { new_ref(op) }
}

unsafe extern "C" fn iter_next(op: *mut PyObject) -> *mut PyObject {
    // Exhaustion is NULL without an exception set.
    guard(|| {
        // SAFETY: op is a str iterator.
        unsafe {
            let it = op.cast::<StrIterObject>();
            let seq = (*it).seq;
            if seq.is_null() {
                return null_mut();
            }
            if (*it).index < len(seq) {
                let c = read_char(seq, (*it).index as usize);
                (*it).index += 1;
                return char_str(c).map_or(null_mut(), Owned::into_raw);
            }
            (*it).seq = null_mut();
            decref(seq);
            null_mut()
        }
    })
}

unsafe extern "C" fn str_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args is a tuple, kwds NULL or a dict.
        unsafe {
            let n = crate::object::tuple::items(args).len();
            if n > 3 {
                return Err(errors::type_error(format!(
                    "str expected at most 3 arguments, got {n}"
                )));
            }
            let [obj, enc, errs] = crate::object::str_methods::parse_tuple_kw(
                "str",
                args,
                kwds,
                &["object", "encoding", "errors"],
            )?;
            let r = if enc.is_null() && errs.is_null() {
                if obj.is_null() {
                    from_str("")?
                } else {
                    crate::object::protocol::str_(obj)?
                }
            } else {
                let enc = crate::object::str_methods::opt_str_arg("str", "encoding", enc)?;
                let errs = crate::object::str_methods::opt_str_arg("str", "errors", errs)?;
                if obj.is_null() {
                    from_str("")?
                } else {
                    decode_object(obj, enc, errs)?
                }
            };
            if tp == &raw mut PyUnicode_Type {
                Ok(r)
            } else {
                subtype_new(tp, r.as_ptr())
            }
        }
    })
}

/// `str(obj, encoding, errors)` / `PyUnicode_FromEncodedObject`: decodes a
/// bytes-like object (bytes, bytearray, any buffer exporter).
pub unsafe fn decode_object(
    obj: *mut PyObject,
    encoding: Option<&str>,
    errors: Option<&str>,
) -> PyResult<Owned> {
    // SAFETY: obj valid.
    unsafe {
        if check(obj) {
            return Err(errors::type_error("decoding str is not supported"));
        }
        match crate::object::bytes_methods::bytes_like(obj)? {
            Some(data) => decode(&data, encoding, errors),
            None => Err(errors::type_error(format!(
                "decoding to str: need a bytes-like object, {} found",
                crate::object::typeobj::type_name(obj)
            ))),
        }
    }
}

/// In development mode (`-X dev`), a codec or error handler name given to
/// an encode or decode must exist even when the data needs neither
/// (`unicode_check_encoding_errors`): looks both up, once the file-system
/// codec is set up (before that the codec registry may not be usable
/// yet, and CPython does not check either).
pub(crate) fn check_encoding_errors(encoding: Option<&str>, errors: Option<&str>) -> PyResult<()> {
    if !crate::runtime::config::dev_mode() || !crate::runtime::fs_codec::is_initialized() {
        return Ok(());
    }
    use crate::modules::codecs::registry;
    if let Some(e) = encoding.filter(|e| !matches!(*e, "utf-8" | "utf8")) {
        registry::lookup(e)?;
    }
    let builtin = [
        "strict",
        "ignore",
        "replace",
        "surrogateescape",
        "surrogatepass",
    ];
    if let Some(h) = errors.filter(|h| !builtin.contains(h)) {
        registry::lookup_error(h)?;
    }
    Ok(())
}

/// `PyUnicode_Decode`: decodes bytes with a named encoding (UTF-8 when
/// None).
pub fn decode(data: &[u8], encoding: Option<&str>, errors: Option<&str>) -> PyResult<Owned> {
    use crate::object::codecs_core as cc;
    check_encoding_errors(encoding, errors)?;
    let name = encoding.unwrap_or("utf-8");
    match cc::lookup(name) {
        Some(codec) => cc::decode(data, codec, errors),
        None => {
            let b = crate::object::bytes::from_slice(data)?;
            // SAFETY: b is a bytes object.
            unsafe { crate::modules::codecs::registry::decode_text(b.as_ptr(), name, errors) }
        }
    }
}

/// `PyUnicode_AsEncodedString` / `str.encode`: encodes a str with a named
/// encoding (UTF-8 when None).
pub unsafe fn encode(
    op: *mut PyObject,
    encoding: Option<&str>,
    errors: Option<&str>,
) -> PyResult<Owned> {
    use crate::object::codecs_core as cc;
    check_encoding_errors(encoding, errors)?;
    let name = encoding.unwrap_or("utf-8");
    match cc::lookup(name) {
        // SAFETY: op is a str.
        Some(codec) => unsafe { cc::encode(op, codec, errors) },
        // SAFETY: op is a str.
        None => unsafe { crate::modules::codecs::registry::encode_text(op, name, errors) },
    }
}

/// An instance of the str subclass `tp` with the characters of `s`: a
/// non-compact string whose data lives in its own buffer.
unsafe fn subtype_new(tp: *mut PyTypeObject, s: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: tp is a str subtype; s a str.
    unsafe {
        let alloc = (*tp)
            .tp_alloc
            .unwrap_or(crate::capi::allocation::PyType_GenericAlloc);
        let op = errors::check(alloc(tp, 0))?;
        let p = op.as_ptr();
        let n = len(s) as usize;
        let k = kind(s) as usize;
        let buf = crate::object::alloc::raw_malloc((n + 1) * k) as *mut u8;
        if buf.is_null() {
            return Err(errors::no_memory());
        }
        std::ptr::copy_nonoverlapping(data(s), buf, n * k);
        std::ptr::write_bytes(buf.add(n * k), 0, k);
        let a = ascii(p);
        (*a).length = n as Py_ssize_t;
        (*a).hash = -1;
        (*a).state = (kind(s) << STATE_KIND_SHIFT) | if is_ascii(s) { STATE_ASCII } else { 0 };
        let c = p.cast::<PyCompactUnicodeObject>();
        (*c).utf8 = null_mut();
        (*c).utf8_length = 0;
        (*p.cast::<PyUnicodeObject>()).data = buf.cast();
        Ok(op)
    }
}
