//! The buffer protocol's core (`Objects/abstract.c`'s buffer half): getting
//! and releasing views, contiguity, copying between strided and contiguous
//! memory, and the single-item struct formats that `memoryview` understands.
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::type_name;
use crate::object::{bool as pybool, bytes, float, int, protocol};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::c_int;
use std::ffi::CStr;

/// Raises `BufferError(msg)`.
pub fn buffer_error(msg: &str) -> Raised {
    // SAFETY: the exception classes exist before any code runs.
    unsafe { errors::set_string(crate::object::exceptions::PyExc_BufferError, msg) }
}

/// The `bf_getbuffer` slot of `o`'s type, if it has one.
unsafe fn getbuffer_slot(o: *mut PyObject) -> getbufferproc {
    // SAFETY: o valid.
    unsafe {
        let bp = (*(*o).ob_type).tp_as_buffer;
        if bp.is_null() {
            None
        } else {
            (*bp).bf_getbuffer
        }
    }
}

/// `PyObject_CheckBuffer`: whether `o` exports buffers.
pub unsafe fn check(o: *mut PyObject) -> bool {
    // SAFETY: o valid.
    unsafe { getbuffer_slot(o).is_some() }
}

/// `PyObject_GetBuffer`: fills `view` from `o`'s exporter.
pub unsafe fn get(o: *mut PyObject, view: *mut Py_buffer, flags: c_int) -> PyResult<()> {
    // SAFETY: o valid, view writable.
    unsafe {
        let Some(get) = getbuffer_slot(o) else {
            return Err(errors::type_error(format!(
                "a bytes-like object is required, not '{}'",
                type_name(o)
            )));
        };
        if get(o, view, flags) < 0 {
            return Err(Raised::assume());
        }
        Ok(())
    }
}

/// `PyBuffer_Release`: hands the view back to its exporter and drops the
/// view's reference to it.
pub unsafe fn release(view: *mut Py_buffer) {
    // SAFETY: view was filled by a successful get (or has obj NULL).
    unsafe {
        let obj = (*view).obj;
        if obj.is_null() {
            return;
        }
        let bp = (*(*obj).ob_type).tp_as_buffer;
        if !bp.is_null() {
            if let Some(rel) = (*bp).bf_releasebuffer {
                rel(obj, view);
            }
        }
        (*view).obj = std::ptr::null_mut();
        decref(obj);
    }
}

/// A view of an exporter's memory that is released when dropped
/// (`PyObject_GetBuffer` paired with `PyBuffer_Release`).
pub struct Guard(Py_buffer);

impl Guard {
    /// Gets a view of `o` with the request `flags`.
    pub unsafe fn new(o: *mut PyObject, flags: c_int) -> PyResult<Guard> {
        // SAFETY: a zeroed Py_buffer is a valid target; o valid.
        unsafe {
            let mut v: Py_buffer = std::mem::zeroed();
            get(o, &mut v, flags)?;
            Ok(Guard(v))
        }
    }

    /// The start of the viewed memory.
    pub fn ptr(&self) -> *mut u8 {
        self.0.buf.cast()
    }

    /// The length of the viewed memory in bytes.
    pub fn len(&self) -> usize {
        self.0.len as usize
    }

    /// Whether the view is empty.
    pub fn is_empty(&self) -> bool {
        self.0.len == 0
    }

    /// The viewed bytes (a contiguous view, as `PyBUF_SIMPLE` gives).
    pub fn as_slice(&self) -> &[u8] {
        if self.0.len == 0 {
            return &[];
        }
        // SAFETY: the exporter keeps len bytes at buf alive while held.
        unsafe { std::slice::from_raw_parts(self.0.buf.cast(), self.0.len as usize) }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        // SAFETY: the view was filled by a successful get.
        unsafe { release(&mut self.0) }
    }
}

/// The shape of a view as a vector (one dimension of `len / itemsize`
/// when the exporter gave none).
pub unsafe fn shape_of(v: &Py_buffer) -> Vec<Py_ssize_t> {
    // SAFETY: shape has ndim entries when non-NULL.
    unsafe {
        if v.shape.is_null() {
            if v.ndim == 0 {
                return Vec::new();
            }
            vec![v.len / v.itemsize.max(1)]
        } else {
            std::slice::from_raw_parts(v.shape, v.ndim as usize).to_vec()
        }
    }
}

/// The strides of a view (C-contiguous ones when the exporter gave none).
pub unsafe fn strides_of(v: &Py_buffer) -> Vec<Py_ssize_t> {
    // SAFETY: strides has ndim entries when non-NULL.
    unsafe {
        if v.strides.is_null() {
            contiguous_strides(&shape_of(v), v.itemsize, b'C')
        } else {
            std::slice::from_raw_parts(v.strides, v.ndim as usize).to_vec()
        }
    }
}

/// `PyBuffer_FillContiguousStrides` on vectors: the strides of a
/// contiguous array in C (`'C'`) or Fortran (other) order.
pub fn contiguous_strides(
    shape: &[Py_ssize_t],
    itemsize: Py_ssize_t,
    order: u8,
) -> Vec<Py_ssize_t> {
    let mut strides = vec![0; shape.len()];
    let mut sd = itemsize;
    if order == b'C' {
        for i in (0..shape.len()).rev() {
            strides[i] = sd;
            sd *= shape[i];
        }
    } else {
        for i in 0..shape.len() {
            strides[i] = sd;
            sd *= shape[i];
        }
    }
    strides
}

/// Whether the view is contiguous in `order` (`'C'`, `'F'` or `'A'` for
/// either), as `PyBuffer_IsContiguous` decides.
pub unsafe fn is_contiguous(v: &Py_buffer, order: u8) -> bool {
    if !v.suboffsets.is_null() {
        return false;
    }
    if v.strides.is_null() {
        return true;
    }
    // SAFETY: the view's arrays are valid.
    let (shape, strides) = unsafe { (shape_of(v), strides_of(v)) };
    if shape.contains(&0) {
        return true;
    }
    let matches = |o: u8| {
        let want = contiguous_strides(&shape, v.itemsize, o);
        shape
            .iter()
            .zip(strides.iter().zip(&want))
            .all(|(&n, (&s, &w))| n == 1 || s == w)
    };
    match order {
        b'C' => matches(b'C'),
        b'F' => matches(b'F'),
        _ => matches(b'C') || matches(b'F'),
    }
}

/// The address of each item of `v`, visited in `order` (`'F'` for
/// Fortran, anything else for C).
pub unsafe fn item_pointers(v: &Py_buffer, order: u8) -> Vec<*mut u8> {
    // SAFETY: the view's arrays are valid.
    let (shape, strides) = unsafe { (shape_of(v), strides_of(v)) };
    let n: Py_ssize_t = shape.iter().product();
    let mut out = Vec::with_capacity(n.max(0) as usize);
    if n <= 0 {
        if shape.is_empty() {
            out.push(v.buf.cast());
        }
        return out;
    }
    let nd = shape.len();
    let mut idx = vec![0 as Py_ssize_t; nd];
    for _ in 0..n {
        // SAFETY: indices in range; suboffsets as PEP 3118 defines them.
        let p = unsafe { pointer_at(v, &idx, &strides) };
        out.push(p);
        let dims: Box<dyn Iterator<Item = usize>> = if order == b'F' {
            Box::new(0..nd)
        } else {
            Box::new((0..nd).rev())
        };
        for d in dims {
            idx[d] += 1;
            if idx[d] < shape[d] {
                break;
            }
            idx[d] = 0;
        }
    }
    out
}

/// `PyBuffer_GetPointer`: the address of the item at `indices`.
pub unsafe fn pointer_at(v: &Py_buffer, indices: &[Py_ssize_t], strides: &[Py_ssize_t]) -> *mut u8 {
    // SAFETY: indices within the view's shape.
    unsafe {
        let mut p = v.buf.cast::<u8>();
        for (d, &i) in indices.iter().enumerate() {
            p = p.offset(strides[d] * i);
            if !v.suboffsets.is_null() && *v.suboffsets.add(d) >= 0 {
                p = (*p.cast::<*mut u8>()).offset(*v.suboffsets.add(d));
            }
        }
        p
    }
}

/// The view's bytes in `order`, as `PyBuffer_ToContiguous` lays them out.
pub unsafe fn to_vec(v: &Py_buffer, order: u8) -> Vec<u8> {
    // SAFETY: buf holds len bytes when contiguous; else item_pointers.
    unsafe {
        if v.len == 0 {
            return Vec::new();
        }
        if is_contiguous(v, if order == b'A' { b'C' } else { order }) {
            return std::slice::from_raw_parts(v.buf as *const u8, v.len as usize).to_vec();
        }
        let isz = v.itemsize as usize;
        let mut out = Vec::with_capacity(v.len as usize);
        for p in item_pointers(v, order) {
            out.extend_from_slice(std::slice::from_raw_parts(p, isz));
        }
        out
    }
}

/// Writes contiguous `data` (in `order`) into the items of `v`.
pub unsafe fn write_from(v: &Py_buffer, data: &[u8], order: u8) {
    // SAFETY: v writable, data at most v.len bytes.
    unsafe {
        let isz = v.itemsize.max(1) as usize;
        for (p, chunk) in item_pointers(v, order).into_iter().zip(data.chunks(isz)) {
            std::ptr::copy_nonoverlapping(chunk.as_ptr(), p, chunk.len());
        }
    }
}

/// A native single-item struct format (`'B'`, `'@i'` ...): its code and
/// item size; `None` for anything else.
pub fn native_format(fmt: &[u8]) -> Option<(u8, usize)> {
    let code = match fmt {
        [b'@', c] | [c] => *c,
        _ => return None,
    };
    let size = match code {
        b'c' | b'b' | b'B' | b'?' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'f' => 4,
        b'l' | b'L' | b'q' | b'Q' | b'n' | b'N' | b'd' | b'P' => 8,
        _ => return None,
    };
    Some((code, size))
}

/// The size of a struct format (`PyBuffer_SizeFromFormat`, as
/// `struct.calcsize` computes it): an optional byte-order prefix, then
/// codes with optional repeat counts; native mode (no prefix or `@`) aligns
/// each item to its size.
pub fn size_from_format(fmt: &[u8]) -> PyResult<Py_ssize_t> {
    let bad = || {
        errors::value_error(format!(
            "unsupported buffer format '{}'",
            String::from_utf8_lossy(fmt)
        ))
    };
    let (native, body) = match fmt.first() {
        Some(b'<' | b'>' | b'=' | b'!') => (false, &fmt[1..]),
        Some(b'@') => (true, &fmt[1..]),
        _ => (true, fmt),
    };
    let mut size: usize = 0;
    let mut count: Option<usize> = None;
    for &c in body {
        if c.is_ascii_whitespace() {
            continue;
        }
        if c.is_ascii_digit() {
            let d = (c - b'0') as usize;
            count = Some(
                count
                    .unwrap_or(0)
                    .checked_mul(10)
                    .and_then(|n| n.checked_add(d))
                    .ok_or_else(bad)?,
            );
            continue;
        }
        let n = count.take().unwrap_or(1);
        let item = match (c, native) {
            (b's' | b'p' | b'x', _) => {
                size = size.checked_add(n).ok_or_else(bad)?;
                continue;
            }
            (b'l' | b'L', false) => 4,
            (b'n' | b'N' | b'P', false) => return Err(bad()),
            _ => match native_format(&[c]) {
                Some((_, sz)) => sz,
                None => return Err(bad()),
            },
        };
        if native {
            size = size.div_ceil(item) * item;
        }
        size = n
            .checked_mul(item)
            .and_then(|k| size.checked_add(k))
            .ok_or_else(bad)?;
    }
    if count.is_some() {
        return Err(bad());
    }
    Py_ssize_t::try_from(size).map_err(|_| bad())
}

/// The static C string for a native format code (what a cast stores in
/// `view.format`).
pub fn format_cstr(code: u8) -> &'static CStr {
    match code {
        b'c' => c"c",
        b'b' => c"b",
        b'?' => c"?",
        b'h' => c"h",
        b'H' => c"H",
        b'e' => c"e",
        b'i' => c"i",
        b'I' => c"I",
        b'f' => c"f",
        b'l' => c"l",
        b'L' => c"L",
        b'q' => c"q",
        b'Q' => c"Q",
        b'n' => c"n",
        b'N' => c"N",
        b'd' => c"d",
        b'P' => c"P",
        _ => c"B",
    }
}

/// One unpacked item, for comparisons that must not build objects.
#[derive(Clone, Copy, PartialEq)]
pub enum Item {
    Int(i128),
    Float(f64),
    Char(u8),
}

impl Item {
    /// Equality as Python's `==` sees the unpacked objects.
    pub fn same(self, other: Item) -> bool {
        match (self, other) {
            (Item::Int(a), Item::Int(b)) => a == b,
            (Item::Float(a), Item::Float(b)) => a == b,
            (Item::Int(a), Item::Float(b)) | (Item::Float(b), Item::Int(a)) => a as f64 == b,
            (Item::Char(a), Item::Char(b)) => a == b,
            _ => false,
        }
    }
}

/// Reads the item with native format `code` at `p`.
pub unsafe fn read_item(code: u8, p: *const u8) -> Item {
    // SAFETY: p holds one item of the format (unaligned reads).
    unsafe {
        match code {
            b'c' => Item::Char(*p),
            b'b' => Item::Int(*p as i8 as i128),
            b'B' => Item::Int(*p as i128),
            b'?' => Item::Int((*p != 0) as i128),
            b'h' => Item::Int(p.cast::<i16>().read_unaligned() as i128),
            b'H' => Item::Int(p.cast::<u16>().read_unaligned() as i128),
            b'i' => Item::Int(p.cast::<i32>().read_unaligned() as i128),
            b'I' => Item::Int(p.cast::<u32>().read_unaligned() as i128),
            b'l' | b'q' | b'n' => Item::Int(p.cast::<i64>().read_unaligned() as i128),
            b'L' | b'Q' | b'N' | b'P' => Item::Int(p.cast::<u64>().read_unaligned() as i128),
            b'f' => Item::Float(p.cast::<f32>().read_unaligned() as f64),
            b'e' => Item::Float(half_to_f64(p.cast::<u16>().read_unaligned())),
            _ => Item::Float(p.cast::<f64>().read_unaligned()),
        }
    }
}

pub(crate) fn half_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = ((h >> 10) & 0x1f) as i32;
    let frac = (h & 0x3ff) as f64;
    sign * match exp {
        0 => frac * 2f64.powi(-24),
        31 if frac == 0.0 => f64::INFINITY,
        31 => f64::NAN,
        _ => (1.0 + frac / 1024.0) * 2f64.powi(exp - 15),
    }
}

/// The nearest IEEE half-precision value (ties to even), `None` when it
/// would overflow to infinity.
pub(crate) fn f64_to_half(x: f64) -> Option<u16> {
    let sign = if x.is_sign_negative() { 0x8000 } else { 0 };
    let a = x.abs();
    if a.is_nan() {
        return Some(sign | 0x7e00);
    }
    if a.is_infinite() {
        return Some(sign | 0x7c00);
    }
    if a < 2f64.powi(-14) {
        // Subnormal: a multiple of 2**-24; 1024 rounds up into the
        // smallest normal, whose encoding is the same number.
        return Some(sign | (a * 2f64.powi(24)).round_ties_even() as u16);
    }
    let mut exp = ((a.to_bits() >> 52) & 0x7ff) as i32 - 1023;
    let mut mant = ((a / 2f64.powi(exp) - 1.0) * 1024.0).round_ties_even() as u16;
    if mant == 1024 {
        mant = 0;
        exp += 1;
    }
    if exp > 15 {
        return None;
    }
    Some(sign | (((exp + 15) as u16) << 10) | mant)
}

/// The Python object for the item with native format `code` at `p`.
pub unsafe fn unpack(code: u8, p: *const u8) -> PyResult<Owned> {
    // SAFETY: p holds one item of the format.
    unsafe {
        match (code, read_item(code, p)) {
            (b'?', Item::Int(v)) => Ok(Owned::from_borrowed(pybool::from_bool(v != 0))),
            (_, Item::Int(v)) => int::from_i128(v),
            (_, Item::Float(v)) => float::from_f64(v),
            (_, Item::Char(c)) => Ok(Owned::from_borrowed(bytes::single(c))),
        }
    }
}

/// Stores `v` as an item with native format `code` at `p`, with
/// `memoryview`'s messages for a wrong type or an out-of-range value.
pub unsafe fn pack(code: u8, v: *mut PyObject, p: *mut u8) -> PyResult<()> {
    let c = code as char;
    let bad_value = || errors::value_error(format!("memoryview: invalid value for format '{c}'"));
    let bad_type = || errors::type_error(format!("memoryview: invalid type for format '{c}'"));
    // SAFETY: v valid; p holds one item of the format.
    unsafe {
        match code {
            b'c' => {
                if !bytes::check(v) {
                    return Err(bad_type());
                }
                if bytes::size(v) != 1 {
                    return Err(bad_value());
                }
                *p = bytes::as_slice(v)[0];
            }
            b'?' => *p = protocol::is_true(v)? as u8,
            b'f' | b'd' | b'e' => {
                let x = float::as_f64(v).map_err(|e| {
                    if errors::matches(crate::object::exceptions::PyExc_TypeError) {
                        errors::clear();
                        bad_type()
                    } else {
                        e
                    }
                })?;
                match code {
                    b'f' => p.cast::<f32>().write_unaligned(x as f32),
                    b'd' => p.cast::<f64>().write_unaligned(x),
                    _ => p
                        .cast::<u16>()
                        .write_unaligned(f64_to_half(x).ok_or_else(bad_value)?),
                }
            }
            _ => {
                if !int::check(v) {
                    return Err(bad_type());
                }
                let x = int::as_i128(v).ok_or_else(bad_value)?;
                macro_rules! put {
                    ($t:ty) => {{
                        let y = <$t>::try_from(x).map_err(|_| bad_value())?;
                        p.cast::<$t>().write_unaligned(y)
                    }};
                }
                match code {
                    b'b' => put!(i8),
                    b'B' => put!(u8),
                    b'h' => put!(i16),
                    b'H' => put!(u16),
                    b'i' => put!(i32),
                    b'I' => put!(u32),
                    b'l' | b'q' | b'n' => put!(i64),
                    _ => put!(u64),
                }
            }
        }
        Ok(())
    }
}
