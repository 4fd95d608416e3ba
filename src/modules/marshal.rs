//! The `marshal` module (CPython's `Python/marshal.c`): CPython's
//! serialization of core values, byte for byte: `None`, bools, ints,
//! floats, complex numbers, str, bytes (and other buffers, written as
//! bytes), tuples, lists, dicts, sets, frozensets, `StopIteration` and
//! `Ellipsis`, in format versions 0 to 4 (a higher version writes as 4),
//! with references (`FLAG_REF`) from version 3 on.
//!
//! As in CPython, a value gets a reference slot only when something else
//! also holds it (its reference count is above one) or it is an interned
//! str, and set elements are written in the order of their own marshalled
//! bytes.
//!
//! Code objects are the exception: Ferrython's bytecode is its own, so a
//! code object (`TYPE_CODE`) is written as a byte string holding our own
//! record of its fields (`ferrython_compiler::cache::write_record`, which
//! names the compiler build), then its constants tuple and file name as
//! ordinary marshalled objects, so that references and nested code work as
//! in CPython's stream. Reading one runs the bytecode verifier before the
//! code object exists; CPython's code records (and ours from another
//! build) are refused with `ValueError`.
use crate::ffi::*;
use crate::modules::args::{builtin, Args};
use crate::object::descr::{method, METHOD_END};
use crate::object::exceptions as exc;
use crate::object::float_repr::{self, Flags};
use crate::object::{
    bool as pybool, bytearray, bytes, complex, dict, float, int, list, memoryview, none, number,
    protocol, set, str as pystr, tuple,
};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};
use std::borrow::Cow;
use std::collections::HashMap;

/// The current format version (`marshal.version`).
const VERSION: i64 = 4;

/// Nesting deeper than this is refused (`MAX_MARSHAL_STACK_DEPTH`).
const MAX_DEPTH: usize = 2000;

const FLAG_REF: u8 = 0x80;

/// The digits of a marshalled int are 15 bits wide.
const SHIFT: u32 = 15;

/// Type codes.
const TYPE_NULL: u8 = b'0';
const TYPE_NONE: u8 = b'N';
const TYPE_FALSE: u8 = b'F';
const TYPE_TRUE: u8 = b'T';
const TYPE_STOPITER: u8 = b'S';
const TYPE_ELLIPSIS: u8 = b'.';
const TYPE_INT: u8 = b'i';
const TYPE_INT64: u8 = b'I';
const TYPE_FLOAT: u8 = b'f';
const TYPE_BINARY_FLOAT: u8 = b'g';
const TYPE_COMPLEX: u8 = b'x';
const TYPE_BINARY_COMPLEX: u8 = b'y';
const TYPE_LONG: u8 = b'l';
const TYPE_STRING: u8 = b's';
const TYPE_INTERNED: u8 = b't';
const TYPE_REF: u8 = b'r';
const TYPE_TUPLE: u8 = b'(';
const TYPE_LIST: u8 = b'[';
const TYPE_DICT: u8 = b'{';
const TYPE_CODE: u8 = b'c';
const TYPE_UNICODE: u8 = b'u';
const TYPE_SET: u8 = b'<';
const TYPE_FROZENSET: u8 = b'>';
const TYPE_ASCII: u8 = b'a';
const TYPE_ASCII_INTERNED: u8 = b'A';
const TYPE_SMALL_TUPLE: u8 = b')';
const TYPE_SHORT_ASCII: u8 = b'z';
const TYPE_SHORT_ASCII_INTERNED: u8 = b'Z';

fn unmarshallable() -> errors::Raised {
    errors::value_error("unmarshallable object")
}

/// The writer (`WFILE`): the output, the version and the reference table
/// (object address -> index; the objects are kept alive in `kept`).
struct Writer {
    out: Vec<u8>,
    version: i64,
    allow_code: bool,
    refs: HashMap<usize, u32>,
    kept: Vec<Owned>,
    depth: usize,
}

impl Writer {
    fn new(version: i64, allow_code: bool) -> Self {
        Writer {
            out: Vec::new(),
            version,
            allow_code,
            refs: HashMap::new(),
            kept: Vec::new(),
            depth: 0,
        }
    }

    fn long(&mut self, v: i32) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }

    fn size(&mut self, n: usize) -> PyResult<()> {
        let n = i32::try_from(n).map_err(|_| unmarshallable())?;
        self.long(n);
        Ok(())
    }

    fn pstring(&mut self, data: &[u8]) -> PyResult<()> {
        self.size(data.len())?;
        self.out.extend_from_slice(data);
        Ok(())
    }

    fn short_pstring(&mut self, data: &[u8]) {
        self.out.push(data.len() as u8);
        self.out.extend_from_slice(data);
    }

    fn float_str(&mut self, x: f64) {
        let (s, _) = float_repr::double_to_string(x, 'g', 17, Flags::default());
        self.short_pstring(s.as_bytes());
    }

    /// `w_object`.
    unsafe fn object(&mut self, v: *mut PyObject) -> PyResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(errors::value_error("object too deeply nested to marshal"));
        }
        // SAFETY: v valid.
        let r = unsafe {
            if v == none::none() {
                self.out.push(TYPE_NONE);
                Ok(())
            } else if v == exc::PyExc_StopIteration {
                self.out.push(TYPE_STOPITER);
                Ok(())
            } else if v == none::ellipsis() {
                self.out.push(TYPE_ELLIPSIS);
                Ok(())
            } else if v == pybool::py_false() {
                self.out.push(TYPE_FALSE);
                Ok(())
            } else if v == pybool::py_true() {
                self.out.push(TYPE_TRUE);
                Ok(())
            } else {
                match self.reference(v)? {
                    None => Ok(()),
                    Some(flag) => self.complex_object(v, flag),
                }
            }
        };
        self.depth -= 1;
        r
    }

    /// `w_ref`: writes a reference to `v` if it was written before and
    /// answers `None`; else the flag for its type code (`FLAG_REF` when it
    /// gets a slot).
    unsafe fn reference(&mut self, v: *mut PyObject) -> PyResult<Option<u8>> {
        if self.version < 3 {
            return Ok(Some(0));
        }
        // SAFETY: v valid.
        unsafe {
            let shared = (*v).ob_refcnt != 1 || (pystr::check_exact(v) && pystr::is_interned(v));
            if !shared {
                return Ok(Some(0));
            }
            if let Some(&i) = self.refs.get(&(v as usize)) {
                self.out.push(TYPE_REF);
                self.long(i as i32);
                return Ok(None);
            }
            let i = u32::try_from(self.refs.len())
                .ok()
                .filter(|&i| i < 0x7fff_ffff)
                .ok_or_else(|| errors::value_error("too many objects"))?;
            self.refs.insert(v as usize, i);
            self.kept.push(Owned::from_borrowed(v));
            Ok(Some(FLAG_REF))
        }
    }

    /// `w_complex_object`: `v` with its type code or'ed with `flag`.
    unsafe fn complex_object(&mut self, v: *mut PyObject, flag: u8) -> PyResult<()> {
        // SAFETY: v valid; each branch reads v as the type it checked.
        unsafe {
            let tp = (*v).ob_type;
            if tp == &raw mut int::PyLong_Type {
                match int::as_i64(v).ok().and_then(|x| i32::try_from(x).ok()) {
                    Some(x) => {
                        self.out.push(TYPE_INT | flag);
                        self.long(x);
                    }
                    None => {
                        errors::clear();
                        self.long_object(v, flag)?;
                    }
                }
            } else if tp == &raw mut float::PyFloat_Type {
                let x = float::value(v);
                if self.version > 1 {
                    self.out.push(TYPE_BINARY_FLOAT | flag);
                    self.out.extend_from_slice(&x.to_le_bytes());
                } else {
                    self.out.push(TYPE_FLOAT | flag);
                    self.float_str(x);
                }
            } else if tp == &raw mut complex::PyComplex_Type {
                let c = complex::value(v);
                if self.version > 1 {
                    self.out.push(TYPE_BINARY_COMPLEX | flag);
                    self.out.extend_from_slice(&c.real.to_le_bytes());
                    self.out.extend_from_slice(&c.imag.to_le_bytes());
                } else {
                    self.out.push(TYPE_COMPLEX | flag);
                    self.float_str(c.real);
                    self.float_str(c.imag);
                }
            } else if bytes::check_exact(v) {
                self.out.push(TYPE_STRING | flag);
                self.pstring(bytes::as_slice(v))?;
            } else if pystr::check_exact(v) {
                self.str_object(v, flag)?;
            } else if tuple::check_exact(v) {
                let items = tuple::items(v);
                if self.version >= 4 && items.len() < 256 {
                    self.out.push(TYPE_SMALL_TUPLE | flag);
                    self.out.push(items.len() as u8);
                } else {
                    self.out.push(TYPE_TUPLE | flag);
                    self.size(items.len())?;
                }
                for &item in items {
                    self.object(item)?;
                }
            } else if list::check_exact(v) {
                self.out.push(TYPE_LIST | flag);
                let n = list::len(v) as usize;
                self.size(n)?;
                let mut i = 0;
                // The list may not change while it is written (nothing
                // runs Python code), but read it by index all the same.
                while i < list::len(v) as usize {
                    self.object(list::get(v, i as Py_ssize_t))?;
                    i += 1;
                }
            } else if dict::check_exact(v) {
                self.out.push(TYPE_DICT | flag);
                let mut pos = 0;
                while let Some((k, val)) = dict::next(v, &mut pos) {
                    self.object(k)?;
                    self.object(val)?;
                }
                self.out.push(TYPE_NULL);
            } else if set::check_any_exact(v) {
                let frozen = !set::check_exact(v);
                self.out
                    .push(if frozen { TYPE_FROZENSET } else { TYPE_SET } | flag);
                self.size(set::len(v) as usize)?;
                // Elements go in the order of their own marshalled bytes,
                // so that equal sets give equal bytes.
                let mut items = Vec::new();
                let mut pos = 0;
                while let Some(e) = set::next_entry(v, &mut pos) {
                    let key = Owned::from_borrowed(e.key);
                    let mut w = Writer::new(self.version, self.allow_code);
                    w.object(key.as_ptr())?;
                    items.push((w.out, key));
                }
                items.sort_by(|a, b| a.0.cmp(&b.0));
                for (_, key) in &items {
                    self.object(key.as_ptr())?;
                }
            } else if crate::vm::code::check(v) {
                if !self.allow_code {
                    return Err(errors::value_error(
                        "marshalling code objects is disallowed",
                    ));
                }
                // Our own record for the instructions and tables, then the
                // constants and the file name as marshalled objects.
                let d = crate::vm::code::data(v);
                let record = ferrython_compiler::cache::write_record(&crate::vm::code::shell(d)?);
                self.out.push(TYPE_CODE | flag);
                self.pstring(&record)?;
                let consts = tuple::from_slice(&d.consts)?;
                self.object(consts.as_ptr())?;
                self.object(d.filename.as_ptr())?;
            } else if crate::object::buffer::check(v) {
                let mut view: Py_buffer = std::mem::zeroed();
                crate::object::buffer::get(v, &mut view, PyBUF_SIMPLE)?;
                let data = std::slice::from_raw_parts(view.buf as *const u8, view.len as usize);
                self.out.push(TYPE_STRING | flag);
                let r = self.pstring(data);
                crate::object::buffer::release(&mut view);
                r?;
            } else {
                return Err(unmarshallable());
            }
            Ok(())
        }
    }

    /// An int that does not fit 32 bits: its 15-bit digits.
    unsafe fn long_object(&mut self, v: *mut PyObject, flag: u8) -> PyResult<()> {
        // SAFETY: v is an int.
        let (sign, ds) = unsafe { (int::sign(v), int::digits(v)) };
        let mut small: Vec<u16> = Vec::with_capacity(ds.len() * 2);
        for &d in ds {
            small.push((d & 0x7fff) as u16);
            small.push((d >> SHIFT) as u16);
        }
        while small.last() == Some(&0) {
            small.pop();
        }
        let n = i32::try_from(small.len()).map_err(|_| unmarshallable())?;
        self.out.push(TYPE_LONG | flag);
        self.long(if sign < 0 { -n } else { n });
        for d in small {
            self.out.extend_from_slice(&d.to_le_bytes());
        }
        Ok(())
    }

    unsafe fn str_object(&mut self, v: *mut PyObject, flag: u8) -> PyResult<()> {
        // SAFETY: v is an exact str.
        unsafe {
            let interned = pystr::is_interned(v);
            if self.version >= 4 && pystr::is_ascii(v) {
                let data = pystr::data_bytes(v);
                if data.len() < 256 {
                    let t = if interned {
                        TYPE_SHORT_ASCII_INTERNED
                    } else {
                        TYPE_SHORT_ASCII
                    };
                    self.out.push(t | flag);
                    self.short_pstring(data);
                } else {
                    let t = if interned {
                        TYPE_ASCII_INTERNED
                    } else {
                        TYPE_ASCII
                    };
                    self.out.push(t | flag);
                    self.pstring(data)?;
                }
                return Ok(());
            }
            // UTF-8 with surrogates passed through.
            let mut utf8 = Vec::with_capacity(pystr::len(v) as usize);
            for cp in pystr::to_ucs4(v) {
                push_utf8(&mut utf8, cp);
            }
            let t = if self.version >= 3 && interned {
                TYPE_INTERNED
            } else {
                TYPE_UNICODE
            };
            self.out.push(t | flag);
            self.pstring(&utf8)
        }
    }
}

/// Appends the UTF-8 form of a code point (surrogates included).
fn push_utf8(out: &mut Vec<u8>, cp: u32) {
    match cp {
        0..=0x7f => out.push(cp as u8),
        0x80..=0x7ff => out.extend_from_slice(&[0xc0 | (cp >> 6) as u8, 0x80 | (cp & 0x3f) as u8]),
        0x800..=0xffff => out.extend_from_slice(&[
            0xe0 | (cp >> 12) as u8,
            0x80 | ((cp >> 6) & 0x3f) as u8,
            0x80 | (cp & 0x3f) as u8,
        ]),
        _ => out.extend_from_slice(&[
            0xf0 | (cp >> 18) as u8,
            0x80 | ((cp >> 12) & 0x3f) as u8,
            0x80 | ((cp >> 6) & 0x3f) as u8,
            0x80 | (cp & 0x3f) as u8,
        ]),
    }
}

/// Decodes UTF-8 with surrogates passed through; `None` for bad data.
fn decode_utf8(data: &[u8]) -> Option<Vec<u32>> {
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let b = data[i] as u32;
        let (n, init) = match b {
            0..=0x7f => (0, b),
            0xc2..=0xdf => (1, b & 0x1f),
            0xe0..=0xef => (2, b & 0x0f),
            0xf0..=0xf4 => (3, b & 0x07),
            _ => return None,
        };
        let mut cp = init;
        for k in 1..=n {
            let c = *data.get(i + k)? as u32;
            if c & 0xc0 != 0x80 {
                return None;
            }
            cp = (cp << 6) | (c & 0x3f);
        }
        let min = [0, 0x80, 0x800, 0x10000][n];
        if cp < min || cp > 0x10ffff {
            return None;
        }
        out.push(cp);
        i += n + 1;
    }
    Some(out)
}

/// Where a reader's bytes come from: a buffer, or a file's `readinto`.
enum Source<'a> {
    Buf(&'a [u8], usize),
    File(*mut PyObject),
}

/// The reader (`RFILE`): the source, the objects that have reference
/// slots (`None` while reserved), the depth.
struct Reader<'a> {
    src: Source<'a>,
    refs: Vec<Option<Owned>>,
    allow_code: bool,
    depth: usize,
}

fn too_short() -> errors::Raised {
    // SAFETY: the exception classes are set at load time.
    unsafe { errors::set_string(exc::PyExc_EOFError, "marshal data too short") }
}

/// `read()` gave something else than bytes.
unsafe fn not_bytes(got: *mut PyObject) -> errors::Raised {
    // SAFETY: got valid.
    errors::type_error(format!("file.read() returned not bytes but {}", unsafe {
        crate::object::typeobj::type_name(got)
    }))
}

/// The end of the data inside a field.
fn not_expected() -> errors::Raised {
    // SAFETY: the exception classes are set at load time.
    unsafe { errors::set_string(exc::PyExc_EOFError, "EOF read where not expected") }
}

/// The end of the data where an object should start.
fn object_expected() -> errors::Raised {
    // SAFETY: the exception classes are set at load time.
    unsafe { errors::set_string(exc::PyExc_EOFError, "EOF read where object expected") }
}

fn bad(what: &str) -> errors::Raised {
    errors::value_error(format!("bad marshal data ({what})"))
}

impl Reader<'_> {
    /// Exactly `n` bytes.
    fn bytes(&mut self, n: usize) -> PyResult<Cow<'_, [u8]>> {
        match &mut self.src {
            Source::Buf(data, pos) => {
                if data.len() - *pos < n {
                    return Err(too_short());
                }
                let s = &data[*pos..*pos + n];
                *pos += n;
                Ok(Cow::Borrowed(s))
            }
            Source::File(f) => {
                // The file fills a fresh bytearray through a memoryview,
                // so that a view the file keeps never outlives its memory.
                let buf = bytearray::from_slice(&vec![0; n])?;
                // SAFETY: f is the live file object; buf a bytearray.
                unsafe {
                    let view = memoryview::from_object(buf.as_ptr())?;
                    let got = protocol::call_method_obj(*f, "readinto", &[view.as_ptr()])?;
                    let read = number::as_ssize(got.as_ptr(), exc::PyExc_ValueError)?;
                    if read != n as Py_ssize_t {
                        return Err(if read > n as Py_ssize_t {
                            errors::value_error(format!(
                                "read() returned too much data: {n} bytes requested, {read} returned"
                            ))
                        } else {
                            not_expected()
                        });
                    }
                    Ok(Cow::Owned(bytearray::as_slice(buf.as_ptr()).to_vec()))
                }
            }
        }
    }

    /// A one-byte length (`r_byte`), whose end is unexpected.
    fn byte(&mut self) -> PyResult<u8> {
        if let Source::File(_) = self.src {
            return Ok(self.bytes(1)?[0]);
        }
        self.type_byte()?.ok_or_else(not_expected)
    }

    fn long(&mut self) -> PyResult<i32> {
        let b = self.bytes(4)?;
        Ok(i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn f64(&mut self) -> PyResult<f64> {
        let b = self.bytes(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(&b);
        Ok(f64::from_le_bytes(a))
    }

    fn float_str(&mut self) -> PyResult<f64> {
        // (CPython reads this length as a field: "too short" in a buffer.)
        let n = self.bytes(1)?[0] as usize;
        let text = String::from_utf8_lossy(&self.bytes(n)?).into_owned();
        let s = pystr::from_str(&text)?;
        // SAFETY: s is a str; the result a float.
        unsafe { Ok(float::value(float::from_string(s.as_ptr())?.as_ptr())) }
    }

    /// A size, checked against CPython's 32-bit limit.
    fn size(&mut self, what: &str) -> PyResult<usize> {
        let n = self.long()?;
        usize::try_from(n).map_err(|_| bad(&format!("{what} size out of range")))
    }

    /// Registers `v` when `flag` asks for a slot.
    fn keep(&mut self, v: Owned, flag: bool) -> Owned {
        if flag {
            self.refs.push(Some(v.clone()));
        }
        v
    }

    /// Reserves a slot to fill once the object is built.
    fn reserve(&mut self, flag: bool) -> Option<usize> {
        flag.then(|| {
            self.refs.push(None);
            self.refs.len() - 1
        })
    }

    fn fill(&mut self, slot: Option<usize>, v: &Owned) {
        if let Some(i) = slot {
            self.refs[i] = Some(v.clone());
        }
    }

    /// The next type code, `None` at the end of the data (a file's
    /// other errors go through).
    fn type_byte(&mut self) -> PyResult<Option<u8>> {
        match &mut self.src {
            Source::Buf(data, pos) => Ok(data.get(*pos).copied().inspect(|_| *pos += 1)),
            Source::File(_) => match self.bytes(1) {
                Ok(b) => Ok(Some(b[0])),
                // SAFETY: the exception classes are set at load time.
                Err(_) if unsafe { errors::matches(exc::PyExc_EOFError) } => {
                    errors::clear();
                    Ok(None)
                }
                Err(e) => Err(e),
            },
        }
    }

    /// `r_object`: the next object, `None` for `TYPE_NULL`.
    fn object(&mut self) -> PyResult<Option<Owned>> {
        let Some(t) = self.type_byte()? else {
            return Err(object_expected());
        };
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.depth -= 1;
            return Err(errors::value_error("recursion limit exceeded"));
        }
        let r = self.typed(t & !FLAG_REF, t & FLAG_REF != 0);
        self.depth -= 1;
        r
    }

    /// An object that must not be `TYPE_NULL`.
    fn item(&mut self, container: &str) -> PyResult<Owned> {
        self.object()?.ok_or_else(|| {
            errors::type_error(format!("NULL object in marshal data for {container}"))
        })
    }

    fn typed(&mut self, t: u8, flag: bool) -> PyResult<Option<Owned>> {
        let st = Owned::from_borrowed_static;
        // SAFETY: the singletons and exception classes are static.
        let v = unsafe {
            match t {
                TYPE_NULL => return Ok(None),
                TYPE_NONE => st(none::none()),
                TYPE_STOPITER => st(exc::PyExc_StopIteration),
                TYPE_ELLIPSIS => st(none::ellipsis()),
                TYPE_FALSE => st(pybool::py_false()),
                TYPE_TRUE => st(pybool::py_true()),
                TYPE_INT => {
                    let v = int::from_i64(self.long()? as i64)?;
                    self.keep(v, flag)
                }
                TYPE_INT64 => {
                    let b = self.bytes(8)?;
                    let mut a = [0u8; 8];
                    a.copy_from_slice(&b);
                    let v = int::from_i64(i64::from_le_bytes(a))?;
                    self.keep(v, flag)
                }
                TYPE_LONG => {
                    let v = self.long_value()?;
                    self.keep(v, flag)
                }
                TYPE_FLOAT => {
                    let v = float::from_f64(self.float_str()?)?;
                    self.keep(v, flag)
                }
                TYPE_BINARY_FLOAT => {
                    let v = float::from_f64(self.f64()?)?;
                    self.keep(v, flag)
                }
                TYPE_COMPLEX => {
                    let re = self.float_str()?;
                    let im = self.float_str()?;
                    let v = complex::from_parts(re, im)?;
                    self.keep(v, flag)
                }
                TYPE_BINARY_COMPLEX => {
                    let re = self.f64()?;
                    let im = self.f64()?;
                    let v = complex::from_parts(re, im)?;
                    self.keep(v, flag)
                }
                TYPE_STRING => {
                    let n = self.size("bytes object")?;
                    let v = bytes::from_slice(&self.bytes(n)?)?;
                    self.keep(v, flag)
                }
                TYPE_UNICODE | TYPE_INTERNED => {
                    let n = self.size("string")?;
                    let cps = decode_utf8(&self.bytes(n)?).ok_or_else(|| {
                        errors::value_error("bad marshal data (invalid UTF-8 in string)")
                    })?;
                    let max = cps.iter().copied().max().unwrap_or(0);
                    let mut v = pystr::from_code_points(cps.iter().copied(), cps.len(), max)?;
                    if t == TYPE_INTERNED {
                        v = intern(v)?;
                    }
                    self.keep(v, flag)
                }
                TYPE_ASCII | TYPE_ASCII_INTERNED | TYPE_SHORT_ASCII | TYPE_SHORT_ASCII_INTERNED => {
                    let n = if matches!(t, TYPE_ASCII | TYPE_ASCII_INTERNED) {
                        self.size("string")?
                    } else {
                        self.byte()? as usize
                    };
                    let data = self.bytes(n)?;
                    let max = data.iter().copied().max().unwrap_or(0) as u32;
                    let mut v = pystr::from_code_points(data.iter().map(|&b| b as u32), n, max)?;
                    if matches!(t, TYPE_ASCII_INTERNED | TYPE_SHORT_ASCII_INTERNED) {
                        v = intern(v)?;
                    }
                    self.keep(v, flag)
                }
                TYPE_TUPLE | TYPE_SMALL_TUPLE => {
                    let n = if t == TYPE_TUPLE {
                        self.size("tuple")?
                    } else {
                        self.byte()? as usize
                    };
                    let slot = self.reserve(flag);
                    let mut items = Vec::with_capacity(n.min(1 << 16));
                    for _ in 0..n {
                        items.push(self.item("tuple")?);
                    }
                    let v = tuple::from_vec(items)?;
                    self.fill(slot, &v);
                    v
                }
                TYPE_LIST => {
                    let n = self.size("list")?;
                    let v = list::new(0)?;
                    let v = self.keep(v, flag);
                    for _ in 0..n {
                        let item = self.item("list")?;
                        list::append(v.as_ptr(), item.as_ptr())?;
                    }
                    v
                }
                TYPE_DICT => {
                    let v = dict::new()?;
                    let v = self.keep(v, flag);
                    loop {
                        let Some(k) = self.object()? else { break };
                        let Some(val) = self.object()? else { break };
                        dict::set_item(v.as_ptr(), k.as_ptr(), val.as_ptr())?;
                    }
                    v
                }
                TYPE_SET | TYPE_FROZENSET => {
                    let n = self.size("set")?;
                    if t == TYPE_SET {
                        let v = set::new_set(std::ptr::null_mut())?;
                        let v = self.keep(v, flag);
                        for _ in 0..n {
                            let item = self.item("set")?;
                            set::add(v.as_ptr(), item.as_ptr())?;
                        }
                        v
                    } else {
                        let slot = self.reserve(flag);
                        let s = set::new_set(std::ptr::null_mut())?;
                        for _ in 0..n {
                            let item = self.item("set")?;
                            set::add(s.as_ptr(), item.as_ptr())?;
                        }
                        let v = set::new_frozenset(s.as_ptr())?;
                        self.fill(slot, &v);
                        v
                    }
                }
                TYPE_REF => {
                    let n = self.long()?;
                    match usize::try_from(n).ok().and_then(|i| self.refs.get(i)) {
                        Some(Some(v)) => v.clone(),
                        _ => return Err(bad("invalid reference")),
                    }
                }
                TYPE_CODE => {
                    if !self.allow_code {
                        return Err(errors::value_error(
                            "unmarshalling code objects is disallowed",
                        ));
                    }
                    self.code_object(flag)?
                }
                _ => return Err(bad("unknown type code")),
            }
        };
        Ok(Some(v))
    }

    /// `TYPE_CODE`'s body: our code record, the constants, the file
    /// name. Kept out of `typed` so that its locals do not enlarge every
    /// level of a deeply nested load.
    #[inline(never)]
    fn code_object(&mut self, flag: bool) -> PyResult<Owned> {
        let slot = self.reserve(flag);
        let n = self.size("code object")?;
        let record = self.bytes(n)?;
        let shell = ferrython_compiler::cache::read_record(&record).map_err(bad)?;
        let consts = self.item("code object")?;
        let filename = self.item("code object")?;
        // SAFETY: consts and filename are live objects, read as a tuple
        // and a str once checked.
        let v = unsafe {
            if !tuple::check_exact(consts.as_ptr()) || !pystr::check_exact(filename.as_ptr()) {
                return Err(bad("code object constants or file name of a wrong type"));
            }
            let consts = tuple::items(consts.as_ptr())
                .iter()
                .map(|&c| Owned::from_borrowed(c))
                .collect();
            crate::vm::code::from_verified(&shell, consts, filename, |e| {
                bad(&format!("invalid code object: {e}"))
            })?
        };
        self.fill(slot, &v);
        Ok(v)
    }

    /// `TYPE_LONG`'s body: a signed digit count, then 15-bit digits.
    fn long_value(&mut self) -> PyResult<Owned> {
        let n = self.long()?;
        if n == i32::MIN {
            return Err(bad("long size out of range"));
        }
        let size = n.unsigned_abs() as usize;
        let mut small = Vec::with_capacity(size.min(1 << 16));
        for _ in 0..size {
            let b = self.bytes(2)?;
            let d = u16::from_le_bytes([b[0], b[1]]);
            if d > 0x7fff {
                return Err(bad("digit out of range in long"));
            }
            small.push(d as u32);
        }
        if small.last() == Some(&0) {
            return Err(bad("unnormalized long data"));
        }
        let ds: Vec<digit> = small
            .chunks(2)
            .map(|c| (c[0] | c.get(1).map_or(0, |&h| h << SHIFT)) as digit)
            .collect();
        int::from_digits(if n < 0 { -1 } else { 1 }, &ds)
    }
}

/// The interned equal of a new str.
fn intern(v: Owned) -> PyResult<Owned> {
    let mut p = v.into_raw();
    // SAFETY: p is an owned str reference, replaced in place.
    unsafe {
        let r = pystr::intern_in_place(&mut p);
        let v = Owned::from_raw_unchecked(p);
        r.map(|()| v)
    }
}

/// Reads one object; `TYPE_NULL` at the top is an error.
fn read_object(r: &mut Reader) -> PyResult<Owned> {
    r.object()?
        .ok_or_else(|| errors::type_error("NULL object in marshal data for object"))
}

/// Splits `(value[, version], *, allow_code)`-style arguments: the
/// positional ones (between `min` and `max`) and `allow_code`.
fn marshal_args<'a>(
    name: &str,
    args: Args<'a>,
    kws: &[(&str, *mut PyObject)],
    min: usize,
    max: usize,
) -> PyResult<(Args<'a>, bool)> {
    if args.len() < min || args.len() > max {
        return Err(errors::type_error(if min == max {
            format!(
                "{name}() takes exactly {max} positional argument{} ({} given)",
                if max == 1 { "" } else { "s" },
                args.len()
            )
        } else if args.len() < min {
            format!(
                "{name}() takes at least {min} positional argument{} ({} given)",
                if min == 1 { "" } else { "s" },
                args.len()
            )
        } else {
            format!(
                "{name}() takes at most {max} positional arguments ({} given)",
                args.len()
            )
        }));
    }
    let mut allow_code = true;
    for &(k, v) in kws {
        if k != "allow_code" {
            return Err(errors::type_error(format!(
                "{name}() got an unexpected keyword argument '{k}'"
            )));
        }
        // SAFETY: v valid.
        allow_code = unsafe { protocol::is_true(v)? };
    }
    Ok((args, allow_code))
}

/// The `version` argument (a C int).
unsafe fn version_arg(v: Option<&*mut PyObject>) -> PyResult<i64> {
    let Some(&v) = v else { return Ok(VERSION) };
    // SAFETY: v valid.
    unsafe {
        if float::check(v) {
            return Err(errors::type_error(
                "'float' object cannot be interpreted as an integer",
            ));
        }
        let i = crate::object::number::index(v)?;
        match int::as_i64(i.as_ptr()) {
            Ok(x) if i32::try_from(x).is_ok() => Ok(x),
            r => {
                if r.is_err() {
                    errors::clear();
                }
                Err(errors::overflow_error(
                    "Python int too large to convert to C int",
                ))
            }
        }
    }
}

/// `marshal.dumps(v, version)` (`PyMarshal_WriteObjectToString` with code
/// allowed).
pub unsafe fn dumps_value(v: *mut PyObject, version: i64, allow_code: bool) -> PyResult<Owned> {
    let mut w = Writer::new(version, allow_code);
    // SAFETY: v valid.
    unsafe { w.object(v)? };
    bytes::from_slice(&w.out)
}

/// The `marshal.dumps` audit event `(value, version)` that `dump` and
/// `dumps` raise.
fn audit_dumps(v: *mut PyObject, version: i64) -> PyResult<()> {
    crate::runtime::audit::audit_with(c"marshal.dumps", || {
        // SAFETY: v is a valid object.
        Ok(vec![
            unsafe { Owned::from_borrowed(v) },
            int::from_i64(version)?,
        ])
    })
}

builtin!(m_dumps, |args, kws| {
    let (args, allow_code) = marshal_args("dumps", args, &kws, 1, 2)?;
    let version = version_arg(args.get(1))?;
    audit_dumps(args[0], version)?;
    dumps_value(args[0], version, allow_code)
});

builtin!(m_dump, |args, kws| {
    let (args, allow_code) = marshal_args("dump", args, &kws, 2, 3)?;
    let version = version_arg(args.get(2))?;
    audit_dumps(args[0], version)?;
    let data = dumps_value(args[0], version, allow_code)?;
    // The result of the file's write is dump's result, as in CPython.
    protocol::call_method_obj(args[1], "write", &[data.as_ptr()])
});

/// `marshal.loads(data)` of bytes in memory (code allowed).
pub fn loads(data: &[u8]) -> PyResult<Owned> {
    let mut r = Reader {
        src: Source::Buf(data, 0),
        refs: Vec::new(),
        allow_code: true,
        depth: 0,
    };
    read_object(&mut r)
}

builtin!(m_loads, |args, kws| {
    let (args, allow_code) = marshal_args("loads", args, &kws, 1, 1)?;
    let mut view: Py_buffer = std::mem::zeroed();
    crate::object::buffer::get(args[0], &mut view, PyBUF_SIMPLE)?;
    let data: &[u8] = if view.len == 0 {
        &[]
    } else {
        std::slice::from_raw_parts(view.buf as *const u8, view.len as usize)
    };
    let audited =
        crate::runtime::audit::audit_with(c"marshal.loads", || Ok(vec![bytes::from_slice(data)?]));
    if let Err(e) = audited {
        crate::object::buffer::release(&mut view);
        return Err(e);
    }
    let mut r = Reader {
        src: Source::Buf(data, 0),
        refs: Vec::new(),
        allow_code,
        depth: 0,
    };
    let v = read_object(&mut r);
    drop(r);
    crate::object::buffer::release(&mut view);
    v
});

builtin!(m_load, |args, kws| {
    let (args, allow_code) = marshal_args("load", args, &kws, 1, 1)?;
    // A read of nothing first checks that the file gives bytes (before
    // the audit event, as in CPython); the data then comes through its
    // `readinto`.
    let zero = int::from_i64(0)?;
    let got = protocol::call_method_obj(args[0], "read", &[zero.as_ptr()])?;
    if !bytes::check(got.as_ptr()) {
        return Err(not_bytes(got.as_ptr()));
    }
    crate::runtime::audit::audit(c"marshal.load", &[])?;
    let mut r = Reader {
        src: Source::File(args[0]),
        refs: Vec::new(),
        allow_code,
        depth: 0,
    };
    read_object(&mut r)
});

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut METHODS: [PyMethodDef; 5] = [
    method(c"dump", m_dump as *const c_void, FK),
    method(c"load", m_load as *const c_void, FK),
    method(c"dumps", m_dumps as *const c_void, FK),
    method(c"loads", m_loads as *const c_void, FK),
    METHOD_END,
];

/// `PyInit_marshal`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the method table is static; the module is new.
        unsafe {
            let m = crate::modules::new_module("marshal", (&raw mut METHODS).cast())?;
            crate::modules::module_def::add(m.as_ptr(), "version", int::from_i64(VERSION))?;
            PyResult::Ok(m)
        }
    })
}
