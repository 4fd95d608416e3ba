//! The array typecodes (CPython's `arraydescr` table in
//! `Modules/arraymodule.c`): each code's item size and kind, how an item's
//! memory becomes a Python object, and how a Python object is checked and
//! turned into an item, with the messages `PyArg_Parse` and the
//! `PyLong_As*` functions give on this platform (64-bit `long`, 4-byte
//! `wchar_t`).
use crate::ffi::*;
use crate::object::{float, int, number, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use std::ffi::CStr;

/// What an item holds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Signed,
    Unsigned,
    Float,
    /// A code point (`'u'`, a `wchar_t`, and `'w'`, a `Py_UCS4`).
    Char,
}

/// One typecode.
#[derive(Debug)]
pub struct Descr {
    pub code: u8,
    pub size: usize,
    pub kind: Kind,
    /// The struct format a buffer export announces.
    pub format: &'static CStr,
}

const fn d(code: u8, size: usize, kind: Kind, format: &'static CStr) -> Descr {
    Descr {
        code,
        size,
        kind,
        format,
    }
}

/// Every typecode, in `array.typecodes` order. `'u'` is a 4-byte
/// `wchar_t` here, so its buffers say `'w'` as CPython's wide builds do.
pub static DESCRS: [Descr; 14] = [
    d(b'b', 1, Kind::Signed, c"b"),
    d(b'B', 1, Kind::Unsigned, c"B"),
    d(b'u', 4, Kind::Char, c"w"),
    d(b'w', 4, Kind::Char, c"w"),
    d(b'h', 2, Kind::Signed, c"h"),
    d(b'H', 2, Kind::Unsigned, c"H"),
    d(b'i', 4, Kind::Signed, c"i"),
    d(b'I', 4, Kind::Unsigned, c"I"),
    d(b'l', 8, Kind::Signed, c"l"),
    d(b'L', 8, Kind::Unsigned, c"L"),
    d(b'q', 8, Kind::Signed, c"q"),
    d(b'Q', 8, Kind::Unsigned, c"Q"),
    d(b'f', 4, Kind::Float, c"f"),
    d(b'd', 8, Kind::Float, c"d"),
];

/// The descriptor of typecode `c` (a code point), if it is one.
pub fn find(c: u32) -> Option<&'static Descr> {
    DESCRS.iter().find(|d| d.code as u32 == c)
}

/// `OverflowError` unless `lo <= x <= hi`, with getargs' wording.
fn in_range(x: i64, lo: i64, hi: i64, what: &str) -> PyResult<i64> {
    if x < lo {
        Err(errors::overflow_error(format!(
            "{what} is less than minimum"
        )))
    } else if x > hi {
        Err(errors::overflow_error(format!(
            "{what} is greater than maximum"
        )))
    } else {
        Ok(x)
    }
}

/// `PyLong_AsLong`: the int (or `__index__`) as a C long.
unsafe fn c_long(v: *mut PyObject, msg: &str) -> PyResult<i64> {
    // SAFETY: v valid.
    unsafe {
        if int::check(v) {
            return int::as_i64_or(v, msg);
        }
        let i = number::index(v)?;
        int::as_i64_or(i.as_ptr(), msg)
    }
}

/// `PyLong_AsUnsignedLong` / `PyLong_AsUnsignedLongLong` after
/// `__index__`, with the caller's messages for a negative and a too large
/// value.
unsafe fn c_ulong(v: *mut PyObject, negative: &str, too_big: &str) -> PyResult<u64> {
    // SAFETY: v valid.
    unsafe {
        let i = number::index(v)?;
        if int::sign(i.as_ptr()) < 0 {
            return Err(errors::overflow_error(negative));
        }
        int::as_u64(i.as_ptr()).ok_or_else(|| errors::overflow_error(too_big))
    }
}

const LONG_MSG: &str = "Python int too large to convert to C long";

impl Descr {
    /// Whether items are integers (the typecodes `_array_reconstructor`
    /// may pick for an integer machine format).
    pub fn is_integer(&self) -> bool {
        matches!(self.kind, Kind::Signed | Kind::Unsigned)
    }

    /// The raw bits of the item at `p`, zero-extended.
    #[inline]
    pub unsafe fn read_bits(&self, p: *const u8) -> u64 {
        // SAFETY: p holds one item (unaligned reads).
        unsafe {
            match self.size {
                1 => *p as u64,
                2 => p.cast::<u16>().read_unaligned() as u64,
                4 => p.cast::<u32>().read_unaligned() as u64,
                _ => p.cast::<u64>().read_unaligned(),
            }
        }
    }

    /// Stores the low `size` bytes of `bits` at `p`.
    #[inline]
    pub unsafe fn write_bits(&self, p: *mut u8, bits: u64) {
        // SAFETY: p has room for one item (unaligned writes).
        unsafe {
            match self.size {
                1 => *p = bits as u8,
                2 => p.cast::<u16>().write_unaligned(bits as u16),
                4 => p.cast::<u32>().write_unaligned(bits as u32),
                _ => p.cast::<u64>().write_unaligned(bits),
            }
        }
    }

    /// The signed value of integer or code point bits (a `'u'` item is a
    /// signed `wchar_t`), for comparing items of one typecode.
    #[inline]
    pub fn int_value(&self, bits: u64) -> i128 {
        match self.kind {
            Kind::Unsigned => bits as i128,
            Kind::Char if self.code == b'w' => bits as i128,
            _ => {
                let shift = 64 - 8 * self.size as u32;
                (((bits << shift) as i64) >> shift) as i128
            }
        }
    }

    /// The float value of `'f'` / `'d'` bits.
    #[inline]
    pub fn float_value(&self, bits: u64) -> f64 {
        if self.size == 4 {
            f32::from_bits(bits as u32) as f64
        } else {
            f64::from_bits(bits)
        }
    }

    /// The Python object for the item at `p` (`getitem` of the typecode).
    pub unsafe fn get(&self, p: *const u8) -> PyResult<Owned> {
        // SAFETY: p holds one item.
        let bits = unsafe { self.read_bits(p) };
        match self.kind {
            Kind::Signed => int::from_i64(self.int_value(bits) as i64),
            Kind::Unsigned => int::from_u64(bits),
            Kind::Float => float::from_f64(self.float_value(bits)),
            // A negative wchar_t is out of range just as a large one is.
            Kind::Char => pystr::char_str(bits as u32),
        }
    }

    /// The item bits for `v` (`setitem` of the typecode without the
    /// store): `TypeError` / `OverflowError` as CPython raises them.
    pub unsafe fn pack(&self, v: *mut PyObject) -> PyResult<u64> {
        // SAFETY: v valid.
        unsafe {
            Ok(match self.code {
                b'b' => {
                    let x = in_range(
                        c_long(v, LONG_MSG)?,
                        i16::MIN as i64,
                        i16::MAX as i64,
                        "signed short integer",
                    )?;
                    in_range(x, -128, 127, "signed char")? as u64
                }
                b'B' => in_range(c_long(v, LONG_MSG)?, 0, 255, "unsigned byte integer")? as u64,
                b'h' => in_range(
                    c_long(v, LONG_MSG)?,
                    i16::MIN as i64,
                    i16::MAX as i64,
                    "signed short integer",
                )? as u64,
                b'H' => {
                    let x = in_range(
                        c_long(v, LONG_MSG)?,
                        i32::MIN as i64,
                        i32::MAX as i64,
                        "signed integer",
                    )?;
                    in_range(x, 0, u16::MAX as i64, "unsigned short")? as u64
                }
                b'i' => in_range(
                    c_long(v, LONG_MSG)?,
                    i32::MIN as i64,
                    i32::MAX as i64,
                    "signed integer",
                )? as u64,
                b'l' => c_long(v, LONG_MSG)? as u64,
                b'q' => c_long(v, "int too big to convert")? as u64,
                b'I' | b'L' => {
                    let x = c_ulong(
                        v,
                        "can't convert negative value to unsigned int",
                        "Python int too large to convert to C unsigned long",
                    )?;
                    if self.code == b'I' && x > u32::MAX as u64 {
                        return Err(errors::overflow_error(
                            "unsigned int is greater than maximum",
                        ));
                    }
                    x
                }
                b'Q' => c_ulong(
                    v,
                    "can't convert negative int to unsigned",
                    "int too big to convert",
                )?,
                b'f' => (float::as_f64(v)? as f32).to_bits() as u64,
                b'd' => float::as_f64(v)?.to_bits(),
                _ => {
                    if !pystr::check(v) || pystr::len(v) != 1 {
                        return Err(errors::type_error("array item must be unicode character"));
                    }
                    pystr::read_char(v, 0) as u64
                }
            })
        }
    }
}
