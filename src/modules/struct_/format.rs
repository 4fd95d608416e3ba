//! Struct format strings: parsing a format into a layout (byte order,
//! sizes, alignment, offsets) and converting single items between Python
//! objects and bytes.
use crate::ffi::*;
use crate::object::buffer::{f64_to_half, half_to_f64};
use crate::object::typeobj::type_name;
use crate::object::{bool as pybool, bytearray, bytes, float, int, number, protocol};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;

/// Raises `struct.error(msg)`.
pub fn error(msg: impl AsRef<str>) -> Raised {
    // SAFETY: the error class is created before any struct code runs.
    unsafe { errors::set_string(super::error_class(), msg.as_ref()) }
}

/// One format code with its repeat count (for `s`/`p`, the byte length),
/// placed at `offset`.
#[derive(Clone, Copy)]
pub struct Code {
    pub code: u8,
    pub offset: usize,
    pub repeat: usize,
    /// Bytes per item (for `s`/`p`, 1).
    pub size: usize,
}

/// A parsed format.
#[derive(Clone)]
pub struct Layout {
    pub codes: Vec<Code>,
    /// Total size in bytes.
    pub size: usize,
    /// How many values pack takes / unpack gives.
    pub nvalues: usize,
    /// Native sizes and alignment (`@` or no prefix).
    pub native: bool,
    pub little: bool,
}

/// The size of `code` in native (`@`) or standard mode; `None` for a code
/// that the mode does not have.
fn item_size(code: u8, native: bool) -> Option<usize> {
    Some(match code {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'f' => 4,
        b'l' | b'L' if native => std::mem::size_of::<libc::c_long>(),
        b'l' | b'L' => 4,
        b'q' | b'Q' | b'd' => 8,
        b'n' | b'N' | b'P' if native => std::mem::size_of::<usize>(),
        _ => return None,
    })
}

impl Layout {
    /// Parses a format (`prepare_s`).
    pub fn parse(fmt: &[u8]) -> PyResult<Layout> {
        if fmt.contains(&0) {
            return Err(error("embedded null character"));
        }
        let (native, little, body) = match fmt.first() {
            Some(b'<') => (false, true, &fmt[1..]),
            Some(b'>' | b'!') => (false, false, &fmt[1..]),
            Some(b'=') => (false, cfg!(target_endian = "little"), &fmt[1..]),
            Some(b'@') => (true, cfg!(target_endian = "little"), &fmt[1..]),
            _ => (true, cfg!(target_endian = "little"), fmt),
        };
        let too_long = || error("total struct size too long");
        let mut codes = Vec::new();
        let (mut size, mut nvalues) = (0usize, 0usize);
        let mut i = 0;
        while i < body.len() {
            let c = body[i];
            i += 1;
            if c.is_ascii_whitespace() {
                continue;
            }
            let mut num = 1usize;
            let mut code = c;
            if c.is_ascii_digit() {
                num = (c - b'0') as usize;
                while i < body.len() && body[i].is_ascii_digit() {
                    num = num
                        .checked_mul(10)
                        .and_then(|n| n.checked_add((body[i] - b'0') as usize))
                        .filter(|&n| n <= isize::MAX as usize)
                        .ok_or_else(too_long)?;
                    i += 1;
                }
                if i == body.len() {
                    return Err(error("repeat count given without format specifier"));
                }
                code = body[i];
                i += 1;
            }
            let item = item_size(code, native).ok_or_else(|| error("bad char in struct format"))?;
            if native && item > 1 {
                size = size.div_ceil(item).checked_mul(item).ok_or_else(too_long)?;
            }
            match code {
                b'x' => {}
                b's' | b'p' => {
                    nvalues += 1;
                    codes.push(Code {
                        code,
                        offset: size,
                        repeat: num,
                        size: 1,
                    });
                }
                _ => {
                    nvalues += num;
                    if num > 0 {
                        codes.push(Code {
                            code,
                            offset: size,
                            repeat: num,
                            size: item,
                        });
                    }
                }
            }
            size = num
                .checked_mul(item)
                .and_then(|n| size.checked_add(n))
                .filter(|&n| n <= isize::MAX as usize)
                .ok_or_else(too_long)?;
        }
        Ok(Layout {
            codes,
            size,
            nvalues,
            native,
            little,
        })
    }

    /// Packs `values` (exactly `nvalues` of them) into `out` (`size` bytes,
    /// zeroed).
    pub unsafe fn pack(&self, values: &[*mut PyObject], out: &mut [u8]) -> PyResult<()> {
        let mut vi = 0;
        for c in &self.codes {
            if matches!(c.code, b's' | b'p') {
                // SAFETY: values holds nvalues objects.
                unsafe { pack_bytes(c, values[vi], &mut out[c.offset..c.offset + c.repeat])? };
                vi += 1;
                continue;
            }
            for k in 0..c.repeat {
                let at = c.offset + k * c.size;
                // SAFETY: as above.
                unsafe { self.pack_item(c.code, values[vi], &mut out[at..at + c.size])? };
                vi += 1;
            }
        }
        Ok(())
    }

    /// Unpacks `data` (`size` bytes) into a list of objects.
    pub fn unpack(&self, data: &[u8]) -> PyResult<Vec<Owned>> {
        let mut out = Vec::with_capacity(self.nvalues);
        for c in &self.codes {
            match c.code {
                b's' => out.push(bytes::from_slice(&data[c.offset..c.offset + c.repeat])?),
                b'p' => {
                    let field = &data[c.offset..c.offset + c.repeat];
                    let n = match field.first() {
                        Some(&n) => (n as usize).min(c.repeat - 1),
                        None => 0,
                    };
                    out.push(bytes::from_slice(
                        &field[1.min(field.len())..1.min(field.len()) + n],
                    )?);
                }
                _ => {
                    for k in 0..c.repeat {
                        let at = c.offset + k * c.size;
                        out.push(self.unpack_item(c.code, &data[at..at + c.size])?);
                    }
                }
            }
        }
        Ok(out)
    }

    /// The integer in `b` (this layout's byte order).
    fn read_uint(&self, b: &[u8]) -> u64 {
        let mut v = 0u64;
        if self.little {
            for &x in b.iter().rev() {
                v = (v << 8) | x as u64;
            }
        } else {
            for &x in b {
                v = (v << 8) | x as u64;
            }
        }
        v
    }

    fn write_uint(&self, v: u64, out: &mut [u8]) {
        let n = out.len();
        for (k, slot) in out.iter_mut().enumerate() {
            let shift = if self.little { k } else { n - 1 - k };
            *slot = (v >> (8 * shift)) as u8;
        }
    }

    fn unpack_item(&self, code: u8, b: &[u8]) -> PyResult<Owned> {
        let u = self.read_uint(b);
        let n = b.len();
        match code {
            b'c' => Ok(Owned::from_borrowed_static(bytes::single(b[0]))),
            b'?' => Ok(Owned::from_borrowed_static(pybool::from_bool(u != 0))),
            b'e' => float::from_f64(half_to_f64(u as u16)),
            b'f' => float::from_f64(f32::from_bits(u as u32) as f64),
            b'd' => float::from_f64(f64::from_bits(u)),
            b'b' | b'h' | b'i' | b'l' | b'q' | b'n' => {
                let shift = 64 - 8 * n as u32;
                int::from_i64(((u << shift) as i64) >> shift)
            }
            _ => int::from_u64(u),
        }
    }

    unsafe fn pack_item(&self, code: u8, v: *mut PyObject, out: &mut [u8]) -> PyResult<()> {
        // SAFETY: v is a valid object.
        unsafe {
            match code {
                b'c' => {
                    if !bytes::check(v) || bytes::size(v) != 1 {
                        return Err(error("char format requires a bytes object of length 1"));
                    }
                    out[0] = bytes::as_slice(v)[0];
                }
                b'?' => out[0] = protocol::is_true(v)? as u8,
                b'e' | b'f' | b'd' => {
                    let x = float::as_f64(v).map_err(|_| {
                        errors::clear();
                        error("required argument is not a float")
                    })?;
                    let bits = match code {
                        b'e' => f64_to_half(x).ok_or_else(|| {
                            errors::overflow_error("float too large to pack with e format")
                        })? as u64,
                        b'f' => {
                            let f = x as f32;
                            if !self.native && f.is_infinite() && x.is_finite() {
                                return Err(errors::overflow_error(
                                    "float too large to pack with f format",
                                ));
                            }
                            f.to_bits() as u64
                        }
                        _ => x.to_bits(),
                    };
                    self.write_uint(bits, out);
                }
                _ => {
                    let v = int_arg(v)?;
                    let n = out.len() as u32;
                    let signed = matches!(code, b'b' | b'h' | b'i' | b'l' | b'q' | b'n');
                    let value = int::as_i128(v.as_ptr());
                    if code == b'P' {
                        // PyLong_AsVoidPtr: any value of a signed or an
                        // unsigned pointer-sized integer.
                        let ok = value.filter(|&x| x >= i64::MIN as i128 && x <= u64::MAX as i128);
                        let x = ok.ok_or_else(|| error("int too large to convert"))?;
                        self.write_uint(x as u64, out);
                        return Ok(());
                    }
                    let (lo, hi): (i128, i128) = if signed {
                        (-(1i128 << (8 * n - 1)), (1i128 << (8 * n - 1)) - 1)
                    } else {
                        (0, (1i128 << (8 * n)) - 1)
                    };
                    match value {
                        Some(x) if x >= lo && x <= hi => self.write_uint(x as u64, out),
                        _ => {
                            return Err(error(format!(
                                "'{}' format requires {lo} <= number <= {hi}",
                                code as char
                            )))
                        }
                    }
                }
            }
            Ok(())
        }
    }
}

/// An integer argument: an int, or an object with `__index__`.
unsafe fn int_arg(v: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: v valid.
    unsafe {
        if int::check(v) {
            return Ok(Owned::from_borrowed(v));
        }
        if number::index_check(v) {
            return number::index(v);
        }
        Err(error("required argument is not an integer"))
    }
}

/// Packs `s` (padded with zeros) or `p` (a length byte first, at most 255).
unsafe fn pack_bytes(c: &Code, v: *mut PyObject, out: &mut [u8]) -> PyResult<()> {
    // SAFETY: v valid.
    let data = unsafe {
        if bytes::check(v) {
            bytes::as_slice(v)
        } else if bytearray::check(v) {
            bytearray::as_slice(v)
        } else {
            return Err(error(format!(
                "argument for '{}' must be a bytes object",
                c.code as char
            )));
        }
    };
    if c.code == b's' {
        let n = data.len().min(out.len());
        out[..n].copy_from_slice(&data[..n]);
        return Ok(());
    }
    if out.is_empty() {
        return Ok(());
    }
    let n = data.len().min(out.len() - 1);
    out[1..1 + n].copy_from_slice(&data[..n]);
    out[0] = n.min(255) as u8;
    Ok(())
}

/// The format argument as bytes: a str or a bytes object.
pub unsafe fn format_bytes<'a>(fmt: *mut PyObject, what: &str) -> PyResult<&'a [u8]> {
    // SAFETY: fmt valid.
    unsafe {
        if crate::object::str::check(fmt) {
            return Ok(crate::object::str::as_str(fmt)?.as_bytes());
        }
        if bytes::check(fmt) {
            return Ok(bytes::as_slice(fmt));
        }
        Err(errors::type_error(format!(
            "{what} argument 1 must be a str or bytes object, not {}",
            type_name(fmt)
        )))
    }
}
