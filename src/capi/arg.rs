//! Parsing arguments (`PyArg_ParseTuple`, `PyArg_ParseTupleAndKeywords`,
//! `PyArg_Parse`, `PyArg_UnpackTuple`, `PyArg_ValidateKeywordArguments`):
//! the Rust half of the variadic shims in `variadic.c`, which pass the
//! output pointers of every format unit in order. Conversions and error
//! messages follow CPython's `Python/getargs.c`.
use crate::capi::boundary::guard;
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::{bytes, dict, float, int, number, protocol, str as pystr, tuple, typeobj};
use crate::runtime::errors::{self, PyResult, Raised};
use libc::{c_char, c_int, c_void};
use std::ffi::CStr;
use std::ptr::null_mut;

/// `Py_CLEANUP_SUPPORTED`: an `O&` converter that wants a cleanup call.
pub const Py_CLEANUP_SUPPORTED: c_int = 0x20000;

const PARSE_TUPLE: c_int = 0;
const PARSE_KEYWORDS: c_int = 1;
const PARSE_SINGLE: c_int = 2;

/// The output pointers collected by the C shim, consumed in order.
struct Outs<'a> {
    ptrs: &'a [*mut c_void],
    next: usize,
}

impl Outs<'_> {
    fn take<T>(&mut self) -> *mut T {
        let p = self.ptrs.get(self.next).copied().unwrap_or(null_mut());
        self.next += 1;
        p.cast()
    }
}

/// Why a conversion failed.
enum ConvError {
    /// "must be EXPECTED, not TYPE": formatted with the argument position.
    Expected(String),
    /// The error indicator is already set.
    Raised,
}

impl From<Raised> for ConvError {
    fn from(_: Raised) -> Self {
        ConvError::Raised
    }
}

type ConvResult = Result<(), ConvError>;

unsafe fn must_be(expected: &str, arg: *mut PyObject) -> ConvError {
    // SAFETY: arg valid.
    let got = unsafe {
        if arg == crate::object::none::none() {
            "None".to_string()
        } else {
            typeobj::type_name(arg).to_string()
        }
    };
    ConvError::Expected(format!("must be {expected}, not {got}"))
}

/// A format split at its `:` or `;`: the units, and the rest, read only
/// for error messages.
struct Format<'a> {
    units: &'a [u8],
    /// The NUL-terminated rest of the format from its `:` or `;` on (or
    /// its NUL), as long-lived as `units`; its length is only looked for
    /// when an error message needs it.
    tail: *const c_char,
}

impl<'a> Format<'a> {
    /// The text after the `:` or `;` that `sep` names.
    fn after(&self, sep: u8) -> Option<&'a str> {
        // SAFETY: tail is a C string living as long as the format ('a).
        let rest = unsafe { CStr::from_ptr(self.tail) }.to_bytes();
        match rest.split_first() {
            Some((&c, text)) if c == sep => std::str::from_utf8(text).ok(),
            _ => None,
        }
    }

    /// The function name after `:`.
    fn fname(&self) -> Option<&'a str> {
        self.after(b':')
    }

    /// The error message after `;`, which replaces the default one.
    fn message(&self) -> Option<&'a str> {
        self.after(b';')
    }
}

/// Length of the unit starting at `i` (including `#`, `*`, `!`, `&`, a
/// nested group).
#[inline]
fn unit_len(u: &[u8], i: usize) -> usize {
    match u[i] {
        b'(' => {
            let mut depth = 0;
            for (j, &c) in u[i..].iter().enumerate() {
                match c {
                    b'(' => depth += 1,
                    b')' => {
                        depth -= 1;
                        if depth == 0 {
                            return j + 1;
                        }
                    }
                    _ => {}
                }
            }
            u.len() - i
        }
        b'e' => {
            let mut n = 2;
            if u.get(i + 2) == Some(&b'#') {
                n += 1;
            }
            n
        }
        _ => match u.get(i + 1) {
            Some(b'#' | b'*' | b'!' | b'&') => 2,
            _ => 1,
        },
    }
}

/// The top-level units of a format with their flags: (unit, optional,
/// keyword-only).
fn top_units(u: &[u8]) -> Vec<(&[u8], bool, bool)> {
    Units::new(u).collect()
}

/// The top-level units of a format, each with whether it is optional and
/// keyword-only (an iterator: no allocation on the hot path).
#[derive(Clone)]
struct Units<'a> {
    u: &'a [u8],
    i: usize,
    optional: bool,
    kwonly: bool,
}

impl<'a> Units<'a> {
    fn new(u: &'a [u8]) -> Self {
        Units {
            u,
            i: 0,
            optional: false,
            kwonly: false,
        }
    }
}

impl<'a> Iterator for Units<'a> {
    type Item = (&'a [u8], bool, bool);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        while self.i < self.u.len() {
            match self.u[self.i] {
                b'|' => {
                    self.optional = true;
                    self.i += 1;
                }
                b'$' => {
                    self.kwonly = true;
                    self.optional = true;
                    self.i += 1;
                }
                b' ' => self.i += 1,
                _ => {
                    let n = unit_len(self.u, self.i);
                    let unit = &self.u[self.i..self.i + n];
                    self.i += n;
                    return Some((unit, self.optional, self.kwonly));
                }
            }
        }
        None
    }
}

/// Skips the outputs of a unit that received no argument.
fn skip_unit(unit: &[u8], outs: &mut Outs) {
    match unit[0] {
        b'(' => {
            for (u, _, _) in top_units(&unit[1..unit.len() - 1]) {
                skip_unit(u, outs);
            }
        }
        b'e' => {
            outs.take::<c_void>();
            outs.take::<c_void>();
            if unit.len() == 3 {
                outs.take::<c_void>();
            }
        }
        _ => {
            outs.take::<c_void>();
            if matches!(unit.get(1), Some(b'#' | b'!' | b'&')) {
                outs.take::<c_void>();
            }
        }
    }
}

#[inline]
unsafe fn as_c_long(arg: *mut PyObject) -> PyResult<i64> {
    // SAFETY: arg valid; ints via __index__ as PyLong_AsLong does.
    unsafe {
        if int::check(arg) {
            if let Some(v) = int::small_value(arg) {
                return Ok(v);
            }
        }
        let i = number::index(arg)?;
        int::as_i64(i.as_ptr())
    }
}

unsafe fn as_mask(arg: *mut PyObject) -> PyResult<u64> {
    // SAFETY: arg valid; the low 64 bits of the two's complement value.
    unsafe {
        let i = number::index(arg)?;
        let p = i.as_ptr();
        let mut m: u64 = 0;
        for &d in int::digits(p).iter().rev() {
            m = (m << PyLong_SHIFT) | d as u64;
        }
        Ok(if int::sign(p) < 0 {
            m.wrapping_neg()
        } else {
            m
        })
    }
}

unsafe fn as_double(arg: *mut PyObject) -> PyResult<f64> {
    // SAFETY: arg valid.
    unsafe {
        if float::check(arg) {
            return Ok(float::value(arg));
        }
        let nb = (*(*arg).ob_type).tp_as_number;
        if !nb.is_null() {
            if let Some(f) = (*nb).nb_float {
                let r = errors::check(f(arg))?;
                return Ok(float::value(r.as_ptr()));
            }
            if (*nb).nb_index.is_some() {
                let i = number::index(arg)?;
                return Ok(int::as_i64(i.as_ptr())? as f64);
            }
        }
        Err(errors::type_error(format!(
            "must be real number, not {}",
            typeobj::type_name(arg)
        )))
    }
}

/// The contents of a str (UTF-8) or a bytes-like object for `s#`, `y#` etc.
unsafe fn bytes_like(arg: *mut PyObject, allow_str: bool) -> Option<(*const c_char, usize)> {
    // SAFETY: arg valid; the data lives as long as the object.
    unsafe {
        if allow_str && pystr::check(arg) {
            let s = pystr::as_str(arg).ok()?;
            return Some((s.as_ptr().cast(), s.len()));
        }
        if bytes::check(arg) {
            let b = bytes::as_slice(arg);
            return Some((b.as_ptr().cast(), b.len()));
        }
        None
    }
}

/// Fills a `Py_buffer` describing the bytes of `obj` (read-only view).
unsafe fn fill_buffer(view: *mut Py_buffer, obj: *mut PyObject, data: *const c_char, len: usize) {
    // SAFETY: view points at writable memory; obj owns data.
    unsafe {
        (*view).buf = data as *mut c_void;
        (*view).obj = new_ref(obj);
        (*view).len = len as Py_ssize_t;
        (*view).itemsize = 1;
        (*view).readonly = 1;
        (*view).ndim = 1;
        (*view).format = null_mut();
        (*view).shape = null_mut();
        (*view).strides = null_mut();
        (*view).suboffsets = null_mut();
        (*view).internal = null_mut();
    }
}

/// Converts one argument for `unit`, writing through the next output
/// pointers (`convertsimple` in CPython). The commonest units with the
/// commonest arguments (`i`, `l`, `n` with a small int, `O`, `s` with an
/// ASCII str) are done here; the rest in [`convert_any`].
#[inline(always)]
unsafe fn convert(arg: *mut PyObject, unit: &[u8], outs: &mut Outs) -> ConvResult {
    // SAFETY: the output pointers have the C types the format documents;
    // arg is a valid object.
    unsafe {
        if let [c] = *unit {
            match c {
                b'O' => {
                    *outs.take::<*mut PyObject>() = arg;
                    return Ok(());
                }
                b'i' | b'l' | b'n' if int::check(arg) => {
                    if let Some(v) = int::small_value(arg) {
                        if c != b'i' {
                            *outs.take::<i64>() = v;
                            return Ok(());
                        }
                        if let Ok(v) = c_int::try_from(v) {
                            *outs.take::<c_int>() = v;
                            return Ok(());
                        }
                    }
                }
                b's' if pystr::check(arg) => {
                    if let Some(s) = pystr::ascii_str(arg) {
                        if !s.as_bytes().contains(&0) {
                            *outs.take::<*const c_char>() = s.as_ptr().cast();
                            return Ok(());
                        }
                    }
                }
                _ => {}
            }
        }
        convert_any(arg, unit, outs)
    }
}

/// [`convert`] for every unit.
#[inline(never)]
unsafe fn convert_any(arg: *mut PyObject, unit: &[u8], outs: &mut Outs) -> ConvResult {
    // SAFETY: the output pointers have the C types the format documents.
    unsafe {
        let suffix = unit.get(1).copied();
        match unit[0] {
            b'(' => {
                let inner = top_units(&unit[1..unit.len() - 1]);
                let seq_ok = tuple::check(arg) || crate::object::list::check(arg);
                if !seq_ok {
                    return Err(must_be(&format!("{}-item sequence", inner.len()), arg));
                }
                let items: Vec<*mut PyObject> = if tuple::check(arg) {
                    tuple::items(arg).to_vec()
                } else {
                    crate::object::list::items(arg).to_vec()
                };
                if items.len() != inner.len() {
                    return Err(ConvError::Expected(format!(
                        "must be sequence of length {}, not {}",
                        inner.len(),
                        items.len()
                    )));
                }
                for ((u, _, _), a) in inner.iter().zip(items) {
                    convert(a, u, outs)?;
                }
                Ok(())
            }
            b'b' => {
                let v = as_c_long(arg)?;
                if v < 0 {
                    return Err(errors::overflow_error(
                        "unsigned byte integer is less than minimum",
                    )
                    .into());
                }
                if v > 255 {
                    return Err(errors::overflow_error(
                        "unsigned byte integer is greater than maximum",
                    )
                    .into());
                }
                *outs.take::<u8>() = v as u8;
                Ok(())
            }
            b'B' => {
                *outs.take::<u8>() = as_mask(arg)? as u8;
                Ok(())
            }
            b'h' => {
                let v = as_c_long(arg)?;
                if v < i16::MIN as i64 {
                    return Err(errors::overflow_error(
                        "signed short integer is less than minimum",
                    )
                    .into());
                }
                if v > i16::MAX as i64 {
                    return Err(errors::overflow_error(
                        "signed short integer is greater than maximum",
                    )
                    .into());
                }
                *outs.take::<i16>() = v as i16;
                Ok(())
            }
            b'H' => {
                *outs.take::<u16>() = as_mask(arg)? as u16;
                Ok(())
            }
            b'i' => {
                let v = as_c_long(arg)?;
                if v > c_int::MAX as i64 {
                    return Err(
                        errors::overflow_error("signed integer is greater than maximum").into(),
                    );
                }
                if v < c_int::MIN as i64 {
                    return Err(
                        errors::overflow_error("signed integer is less than minimum").into(),
                    );
                }
                *outs.take::<c_int>() = v as c_int;
                Ok(())
            }
            b'I' => {
                *outs.take::<u32>() = as_mask(arg)? as u32;
                Ok(())
            }
            b'l' | b'L' => {
                *outs.take::<i64>() = as_c_long(arg)?;
                Ok(())
            }
            b'k' | b'K' => {
                if !int::check(arg) {
                    return Err(must_be("int", arg));
                }
                *outs.take::<u64>() = as_mask(arg)?;
                Ok(())
            }
            b'n' => {
                let i = number::index(arg)?;
                let v = int::as_i64(i.as_ptr()).map_err(|_| {
                    errors::clear();
                    errors::overflow_error("Python int too large to convert to C ssize_t")
                })?;
                *outs.take::<Py_ssize_t>() = v as Py_ssize_t;
                Ok(())
            }
            b'c' => {
                if bytes::check(arg) && bytes::as_slice(arg).len() == 1 {
                    *outs.take::<c_char>() = bytes::as_slice(arg)[0] as c_char;
                    return Ok(());
                }
                Err(must_be("a byte string of length 1", arg))
            }
            b'C' => {
                if pystr::check(arg) && pystr::len(arg) == 1 {
                    *outs.take::<c_int>() = pystr::read_char(arg, 0) as c_int;
                    return Ok(());
                }
                Err(must_be("a unicode character", arg))
            }
            b'p' => {
                *outs.take::<c_int>() = protocol::is_true(arg)? as c_int;
                Ok(())
            }
            b'f' => {
                *outs.take::<f32>() = as_double(arg)? as f32;
                Ok(())
            }
            b'd' => {
                *outs.take::<f64>() = as_double(arg)?;
                Ok(())
            }
            b's' | b'z' => {
                let none_ok = unit[0] == b'z';
                let is_none = arg == crate::object::none::none();
                let expected = match (none_ok, suffix) {
                    (false, Some(b'#' | b'*')) => "str or bytes-like object",
                    (true, Some(b'#' | b'*')) => "str, bytes-like object or None",
                    (false, _) => "str",
                    (true, _) => "str or None",
                };
                match suffix {
                    Some(b'*') => {
                        let view = outs.take::<Py_buffer>();
                        if none_ok && is_none {
                            fill_buffer(view, arg, std::ptr::null(), 0);
                            (*view).buf = null_mut();
                            return Ok(());
                        }
                        let Some((p, n)) = bytes_like(arg, true) else {
                            return Err(must_be(expected, arg));
                        };
                        fill_buffer(view, arg, p, n);
                        Ok(())
                    }
                    Some(b'#') => {
                        let pp = outs.take::<*const c_char>();
                        let pn = outs.take::<Py_ssize_t>();
                        if none_ok && is_none {
                            *pp = std::ptr::null();
                            *pn = 0;
                            return Ok(());
                        }
                        let Some((p, n)) = bytes_like(arg, true) else {
                            return Err(must_be(expected, arg));
                        };
                        *pp = p;
                        *pn = n as Py_ssize_t;
                        Ok(())
                    }
                    _ => {
                        let pp = outs.take::<*const c_char>();
                        if none_ok && is_none {
                            *pp = std::ptr::null();
                            return Ok(());
                        }
                        if !pystr::check(arg) {
                            return Err(must_be(expected, arg));
                        }
                        let s = pystr::as_str(arg)?;
                        if s.as_bytes().contains(&0) {
                            return Err(errors::value_error("embedded null character").into());
                        }
                        *pp = s.as_ptr().cast();
                        Ok(())
                    }
                }
            }
            b'y' => match suffix {
                Some(b'*') => {
                    let view = outs.take::<Py_buffer>();
                    let Some((p, n)) = bytes_like(arg, false) else {
                        return Err(must_be("bytes-like object", arg));
                    };
                    fill_buffer(view, arg, p, n);
                    Ok(())
                }
                Some(b'#') => {
                    let pp = outs.take::<*const c_char>();
                    let pn = outs.take::<Py_ssize_t>();
                    let Some((p, n)) = bytes_like(arg, false) else {
                        return Err(must_be("bytes-like object", arg));
                    };
                    *pp = p;
                    *pn = n as Py_ssize_t;
                    Ok(())
                }
                _ => {
                    let pp = outs.take::<*const c_char>();
                    if !bytes::check(arg) {
                        return Err(must_be("bytes", arg));
                    }
                    let b = bytes::as_slice(arg);
                    if b.contains(&0) {
                        return Err(errors::value_error("embedded null byte").into());
                    }
                    *pp = b.as_ptr().cast();
                    Ok(())
                }
            },
            b'S' | b'U' | b'O' => {
                if unit[0] == b'O' && suffix == Some(b'!') {
                    let tp = outs.take::<PyTypeObject>();
                    let out = outs.take::<*mut PyObject>();
                    if !typeobj::instance_of(arg, tp) {
                        return Err(must_be(typeobj::name_of(tp), arg));
                    }
                    *out = arg;
                    return Ok(());
                }
                if unit[0] == b'O' && suffix == Some(b'&') {
                    let conv: Option<unsafe extern "C" fn(*mut PyObject, *mut c_void) -> c_int> =
                        std::mem::transmute(outs.take::<c_void>());
                    let addr = outs.take::<c_void>();
                    let Some(conv) = conv else {
                        return Err(errors::bad_internal_call().into());
                    };
                    if conv(arg, addr) == 0 {
                        return Err(ConvError::Raised);
                    }
                    return Ok(());
                }
                let out = outs.take::<*mut PyObject>();
                match unit[0] {
                    b'S' if !bytes::check(arg) => Err(must_be("bytes", arg)),
                    b'U' if !pystr::check(arg) => Err(must_be("str", arg)),
                    _ => {
                        *out = arg;
                        Ok(())
                    }
                }
            }
            b'e' => convert_encoded(arg, unit, outs),
            b'w' => {
                let _view = outs.take::<Py_buffer>();
                Err(must_be("read-write bytes-like object", arg))
            }
            _ => Err(errors::system_error(format!(
                "bad format char '{}' in argument parsing format",
                unit[0] as char
            ))
            .into()),
        }
    }
}

/// `es`, `et`, `es#`, `et#`: encodes a str (or passes bytes through for
/// `et`) into a buffer from `PyMem_Malloc`, or into the caller's buffer.
unsafe fn convert_encoded(arg: *mut PyObject, unit: &[u8], outs: &mut Outs) -> ConvResult {
    // SAFETY: outputs are (const char *encoding, char **buffer[, Py_ssize_t *len]).
    unsafe {
        let encoding = outs.take::<c_char>();
        let buffer = outs.take::<*mut c_char>();
        let with_len = unit.len() == 3;
        let plen = if with_len {
            outs.take::<Py_ssize_t>()
        } else {
            null_mut()
        };
        let enc = if encoding.is_null() {
            "utf-8".to_string()
        } else {
            CStr::from_ptr(encoding).to_string_lossy().into_owned()
        };
        let encoded = if unit[1] == b't' && bytes::check(arg) {
            crate::Owned::from_borrowed(arg)
        } else if pystr::check(arg) {
            let e = pystr::from_str(&enc)?;
            let r = protocol::call_method_obj(arg, "encode", &[e.as_ptr()])?;
            if !bytes::check(r.as_ptr()) {
                return Err(errors::type_error("encoder did not return a bytes object").into());
            }
            r
        } else {
            return Err(must_be("str, bytes or bytearray", arg));
        };
        let data = bytes::as_slice(encoded.as_ptr());
        if !with_len && data.contains(&0) {
            return Err(errors::value_error("encoded string without null bytes").into());
        }
        if with_len && !(*buffer).is_null() {
            if (data.len() as Py_ssize_t) + 1 > *plen {
                return Err(errors::value_error("encoded string too long").into());
            }
        } else {
            let p = crate::object::alloc::raw_malloc(data.len() + 1) as *mut c_char;
            if p.is_null() {
                return Err(errors::no_memory().into());
            }
            *buffer = p;
        }
        std::ptr::copy_nonoverlapping(data.as_ptr(), (*buffer).cast(), data.len());
        *(*buffer).add(data.len()) = 0;
        if with_len {
            *plen = data.len() as Py_ssize_t;
        }
        Ok(())
    }
}

fn func_label(fname: Option<&str>) -> String {
    match fname {
        Some(n) => format!("{n}()"),
        None => "function".to_string(),
    }
}

/// Raises the conversion error for argument `iarg` (1-based; 0 for
/// `PyArg_Parse`).
fn conversion_error(e: ConvError, iarg: usize, f: &Format) -> Raised {
    match e {
        ConvError::Raised => Raised::assume(),
        ConvError::Expected(msg) => {
            if let Some(m) = f.message() {
                return errors::type_error(m);
            }
            let prefix = f.fname().map(|n| format!("{n}() ")).unwrap_or_default();
            if iarg == 0 {
                errors::type_error(format!("{prefix}argument {msg}"))
            } else {
                errors::type_error(format!("{prefix}argument {iarg} {msg}"))
            }
        }
    }
}

unsafe fn parse_tuple(args: *mut PyObject, f: &Format, outs: &mut Outs) -> PyResult<()> {
    // SAFETY: args is checked to be a tuple.
    unsafe {
        if !tuple::check(args) {
            return Err(errors::system_error(
                "new style getargs format but argument is not a tuple",
            ));
        }
        let items = tuple::items(args);
        // The common shape, every unit one plain letter (no group, `|`,
        // `$`, modifier or two-letter `es`): one unit per byte.
        if items.len() == f.units.len()
            && f.units
                .iter()
                .all(|&c| c.is_ascii_alphabetic() && c != b'e')
        {
            for (i, &a) in items.iter().enumerate() {
                convert(a, &f.units[i..i + 1], outs).map_err(|e| conversion_error(e, i + 1, f))?;
            }
            return Ok(());
        }
        let units = Units::new(f.units);
        let (min, max) = units
            .clone()
            .fold((0, 0), |(min, max), u| (min + !u.1 as usize, max + 1));
        let len = items.len();
        if len < min || len > max {
            if let Some(m) = f.message() {
                return Err(errors::type_error(m));
            }
            let label = func_label(f.fname());
            let (how, n) = if min == max {
                ("exactly", max)
            } else if len < min {
                ("at least", min)
            } else {
                ("at most", max)
            };
            return Err(errors::type_error(format!(
                "{label} takes {how} {n} argument{} ({len} given)",
                if n == 1 { "" } else { "s" }
            )));
        }
        for (i, (unit, _, _)) in units.enumerate() {
            match items.get(i) {
                Some(&a) => convert(a, unit, outs).map_err(|e| conversion_error(e, i + 1, f))?,
                None => skip_unit(unit, outs),
            }
        }
        Ok(())
    }
}

unsafe fn parse_single(arg: *mut PyObject, f: &Format, outs: &mut Outs) -> PyResult<()> {
    let units = top_units(f.units);
    match units.as_slice() {
        [] => Ok(()),
        [(unit, _, _)] => {
            // SAFETY: one unit, one argument.
            unsafe { convert(arg, unit, outs).map_err(|e| conversion_error(e, 0, f)) }
        }
        _ => Err(errors::system_error(
            "old style getargs format uses new features",
        )),
    }
}

unsafe fn parse_keywords(
    args: *mut PyObject,
    kwargs: *mut PyObject,
    f: &Format,
    kwlist: *const *const c_char,
    outs: &mut Outs,
) -> PyResult<()> {
    // SAFETY: args a tuple, kwargs NULL or a dict, kwlist NULL-terminated.
    unsafe {
        if !tuple::check(args) || (!kwargs.is_null() && !dict::check(kwargs)) || kwlist.is_null() {
            return Err(errors::bad_internal_call());
        }
        let units = top_units(f.units);
        let mut names = Vec::new();
        let mut k = kwlist;
        while !(*k).is_null() {
            names.push(CStr::from_ptr(*k).to_str().unwrap_or(""));
            k = k.add(1);
        }
        if names.len() != units.len() {
            return Err(errors::system_error(format!(
                "more argument specifiers than keyword list entries (remaining format:'{}')",
                String::from_utf8_lossy(f.units)
            )));
        }
        let label = func_label(f.fname());
        let items = tuple::items(args);
        let nargs = items.len();
        let nkw = if kwargs.is_null() {
            0
        } else {
            dict::len(kwargs) as usize
        };
        let len = units.len();
        let pos_only = names.iter().take_while(|n| n.is_empty()).count();
        let min = units.iter().filter(|u| !u.1).count();
        let max_pos = units.iter().filter(|u| !u.2).count();
        let has_optional = units.iter().any(|u| u.1);
        if nargs + nkw > len {
            return Err(errors::type_error(format!(
                "{label} takes at most {len} {}argument{} ({} given)",
                if nargs == 0 { "keyword " } else { "" },
                if len == 1 { "" } else { "s" },
                nargs + nkw
            )));
        }
        if nargs > max_pos {
            if max_pos == 0 {
                return Err(errors::type_error(format!(
                    "{label} takes no positional arguments"
                )));
            }
            return Err(errors::type_error(format!(
                "{label} takes {} {max_pos} positional argument{} ({nargs} given)",
                if has_optional { "at most" } else { "exactly" },
                if max_pos == 1 { "" } else { "s" }
            )));
        }
        if nargs < pos_only.min(min) {
            let need = pos_only.min(min);
            return Err(errors::type_error(format!(
                "{label} takes {} {need} positional argument{} ({nargs} given)",
                if need < max_pos {
                    "at least"
                } else {
                    "exactly"
                },
                if need == 1 { "" } else { "s" }
            )));
        }
        let mut used_kw = 0;
        for (i, (unit, optional, _)) in units.iter().enumerate() {
            let from_kw = if i >= pos_only && nkw > 0 {
                dict::get_str(kwargs, names[i])
            } else {
                null_mut()
            };
            let value = if i < nargs {
                if !from_kw.is_null() {
                    return Err(errors::type_error(format!(
                        "argument for {label} given by name ('{}') and position ({})",
                        names[i],
                        i + 1
                    )));
                }
                items[i]
            } else if !from_kw.is_null() {
                used_kw += 1;
                from_kw
            } else {
                if !optional {
                    if i < pos_only {
                        return Err(errors::type_error(format!(
                            "{label} takes {} {} positional argument{} ({nargs} given)",
                            if pos_only < max_pos {
                                "at least"
                            } else {
                                "exactly"
                            },
                            pos_only,
                            if pos_only == 1 { "" } else { "s" }
                        )));
                    }
                    return Err(errors::type_error(format!(
                        "{label} missing required argument '{}' (pos {})",
                        names[i],
                        i + 1
                    )));
                }
                skip_unit(unit, outs);
                continue;
            };
            convert(value, unit, outs).map_err(|e| conversion_error(e, i + 1, f))?;
        }
        if used_kw < nkw {
            let mut pos = 0;
            while let Some((key, _)) = dict::next(kwargs, &mut pos) {
                if !pystr::check(key) {
                    return Err(errors::type_error("keywords must be strings"));
                }
                let k = pystr::as_str(key)?;
                if !names[pos_only..].contains(&k) {
                    return Err(errors::type_error(format!(
                        "{label} got an unexpected keyword argument '{k}'"
                    )));
                }
            }
        }
        Ok(())
    }
}

/// The Rust half of the `PyArg_Parse*` functions: 1 on success, 0 with an
/// exception set. The format's units are its first `units_len` bytes
/// (where the C side stopped at `:`, `;` or the end).
#[no_mangle]
pub unsafe extern "C" fn _Ferrython_ParseArgs(
    args: *mut PyObject,
    kwargs: *mut PyObject,
    format: *const c_char,
    units_len: usize,
    kwlist: *const *const c_char,
    outs: *const *mut c_void,
    n: usize,
    flags: c_int,
) -> c_int {
    guard(|| {
        if format.is_null() || (args.is_null() && flags != PARSE_SINGLE) {
            errors::bad_internal_call();
            return 0;
        }
        // SAFETY: format is a C string whose first units_len bytes are
        // not NUL; outs holds n output pointers.
        unsafe {
            let f = Format {
                units: std::slice::from_raw_parts(format.cast::<u8>(), units_len),
                tail: format.add(units_len),
            };
            let ptrs = if n == 0 {
                &[][..]
            } else {
                std::slice::from_raw_parts(outs, n)
            };
            let mut o = Outs { ptrs, next: 0 };
            let r = match flags {
                PARSE_TUPLE => parse_tuple(args, &f, &mut o),
                PARSE_KEYWORDS => parse_keywords(args, kwargs, &f, kwlist, &mut o),
                _ => parse_single(args, &f, &mut o),
            };
            r.is_ok() as c_int
        }
    })
}

/// The Rust half of `PyArg_UnpackTuple`.
#[no_mangle]
pub unsafe extern "C" fn _Ferrython_UnpackTuple(
    args: *mut PyObject,
    name: *const c_char,
    min: Py_ssize_t,
    max: Py_ssize_t,
    outs: *const *mut c_void,
    n: usize,
) -> c_int {
    crate::null_check!(args);
    guard(|| {
        // SAFETY: args valid; outs holds n PyObject** pointers.
        unsafe {
            if !tuple::check(args) {
                errors::system_error("PyArg_UnpackTuple() argument list is not a tuple");
                return 0;
            }
            let items = tuple::items(args);
            let l = items.len() as Py_ssize_t;
            let label = if name.is_null() {
                "unpacked tuple".to_string()
            } else {
                CStr::from_ptr(name).to_string_lossy().into_owned()
            };
            if l < min {
                errors::type_error(format!(
                    "{label} expected {}{} argument{}, got {l}",
                    if min == max { "" } else { "at least " },
                    min,
                    if min == 1 { "" } else { "s" }
                ));
                return 0;
            }
            if l > max {
                if max == 0 {
                    errors::type_error(format!("{label} expected no arguments, got {l}"));
                } else {
                    errors::type_error(format!(
                        "{label} expected {}{} argument{}, got {l}",
                        if min == max { "" } else { "at most " },
                        max,
                        if max == 1 { "" } else { "s" }
                    ));
                }
                return 0;
            }
            for (i, &item) in items.iter().enumerate().take(n) {
                *(*outs.add(i)).cast::<*mut PyObject>() = item;
            }
            1
        }
    })
}

/// `PyArg_ValidateKeywordArguments`: 1 when every key of the dict is a str.
#[no_mangle]
pub unsafe extern "C" fn PyArg_ValidateKeywordArguments(kwargs: *mut PyObject) -> c_int {
    crate::null_check!(kwargs);
    guard(|| {
        // SAFETY: kwargs valid.
        unsafe {
            if !dict::check(kwargs) {
                errors::bad_internal_call();
                return 0;
            }
            let mut pos = 0;
            while let Some((k, _)) = dict::next(kwargs, &mut pos) {
                if !pystr::check(k) {
                    errors::type_error("keywords must be strings");
                    return 0;
                }
            }
            1
        }
    })
}
