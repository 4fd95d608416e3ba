//! The simple C types by format code (`Modules/_ctypes/cfield.c`'s
//! field descriptors): size, alignment, libffi type, and the functions
//! that store a Python value into C memory and read it back, in native
//! and swapped byte order, with bit-field support for the integer codes.
use super::stginfo::{GetFunc, SetFunc};
use crate::ffi::*;
use crate::object::refcount::new_ref;
use crate::object::typeobj::type_name;
use crate::object::{bool as pybool, bytes, float, int, none, number, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libffi_sys::ffi_type;

/// One simple C type.
pub struct FieldDesc {
    pub code: u8,
    pub size: usize,
    pub align: usize,
    pub ffi: fn() -> *mut ffi_type,
    pub setfunc: SetFunc,
    pub getfunc: GetFunc,
    /// The other byte order's functions, for the multi-byte numbers.
    pub swapped: Option<(SetFunc, GetFunc)>,
}

/// The codes `_type_` of a simple type may name, in CPython's order.
pub const SIMPLE_TYPE_CHARS: &str = "cbBhHiIlLdfuzZqQPXOv?g";

/// The number of bits of a bit field (`NUM_BITS`), 0 for a whole value.
#[inline]
pub fn num_bits(size: Py_ssize_t) -> u32 {
    (size >> 16) as u32
}

/// The offset of a bit field's lowest bit (`LOW_BIT`).
#[inline]
pub fn low_bit(size: Py_ssize_t) -> u32 {
    (size & 0xFFFF) as u32
}

fn none_owned() -> Owned {
    Owned::from_borrowed_static(none::none())
}

/// The low 64 bits of `value` as an integer (`__index__`, masked as
/// `PyLong_AsUnsignedLongLongMask`).
unsafe fn int_bits(value: *mut PyObject) -> PyResult<u64> {
    // SAFETY: value is a live object.
    unsafe {
        let i = number::index(value)?;
        Ok(int::low_u64(i.as_ptr()))
    }
}

/// Stores the low `nbits` bits of `v` at bit `ofs` of `old`.
#[inline]
fn set_bits(old: u64, v: u64, size: Py_ssize_t) -> u64 {
    let n = num_bits(size);
    if n == 0 {
        return v;
    }
    let ofs = low_bit(size);
    let mask = if n >= 64 { u64::MAX } else { (1u64 << n) - 1 } << ofs;
    (old & !mask) | ((v << ofs) & mask)
}

/// Extracts a bit field of a `width`-bit value, sign-extending when signed.
#[inline]
fn get_bits(v: u64, size: Py_ssize_t, width: u32, signed: bool) -> u64 {
    let n = num_bits(size);
    if n == 0 {
        return v;
    }
    let ofs = low_bit(size);
    let up = 64 - ofs - n;
    let shifted = v << up;
    if signed {
        ((shifted as i64) >> (64 - n)) as u64
    } else {
        let _ = width;
        shifted >> (64 - n)
    }
}

macro_rules! int_codes {
    ($($set:ident, $get:ident, $set_sw:ident, $get_sw:ident, $t:ty, $signed:expr;)*) => {$(
        unsafe fn $set(ptr: *mut u8, value: *mut PyObject, size: Py_ssize_t) -> PyResult<Owned> {
            // SAFETY: ptr addresses a value of the type.
            unsafe {
                let v = int_bits(value)?;
                let old = std::ptr::read_unaligned(ptr.cast::<$t>()) as u64;
                std::ptr::write_unaligned(ptr.cast::<$t>(), set_bits(old, v, size) as $t);
            }
            Ok(none_owned())
        }
        unsafe fn $get(ptr: *const u8, size: Py_ssize_t) -> PyResult<Owned> {
            // SAFETY: ptr addresses a value of the type.
            let raw = unsafe { std::ptr::read_unaligned(ptr.cast::<$t>()) };
            let v = get_bits(raw as u64, size, <$t>::BITS, $signed);
            if $signed {
                int::from_i64(if num_bits(size) == 0 { raw as i64 } else { v as i64 })
            } else {
                int::from_u64(v & (<$t>::MAX as u64))
            }
        }
        unsafe fn $set_sw(ptr: *mut u8, value: *mut PyObject, size: Py_ssize_t) -> PyResult<Owned> {
            // SAFETY: ptr addresses a value of the type.
            unsafe {
                let v = int_bits(value)?;
                let old = std::ptr::read_unaligned(ptr.cast::<$t>()).swap_bytes() as u64;
                let new = set_bits(old, v, size) as $t;
                std::ptr::write_unaligned(ptr.cast::<$t>(), new.swap_bytes());
            }
            Ok(none_owned())
        }
        unsafe fn $get_sw(ptr: *const u8, size: Py_ssize_t) -> PyResult<Owned> {
            // SAFETY: ptr addresses a value of the type.
            let raw = unsafe { std::ptr::read_unaligned(ptr.cast::<$t>()) }.swap_bytes();
            let v = get_bits(raw as u64, size, <$t>::BITS, $signed);
            if $signed {
                int::from_i64(if num_bits(size) == 0 { raw as i64 } else { v as i64 })
            } else {
                int::from_u64(v & (<$t>::MAX as u64))
            }
        }
    )*};
}

int_codes! {
    b_set, b_get, b_set_sw, b_get_sw, i8, true;
    bu_set, bu_get, bu_set_sw, bu_get_sw, u8, false;
    h_set, h_get, h_set_sw, h_get_sw, i16, true;
    hu_set, hu_get, hu_set_sw, hu_get_sw, u16, false;
    i_set, i_get, i_set_sw, i_get_sw, i32, true;
    iu_set, iu_get, iu_set_sw, iu_get_sw, u32, false;
    q_set, q_get, q_set_sw, q_get_sw, i64, true;
    qu_set, qu_get, qu_set_sw, qu_get_sw, u64, false;
}

unsafe fn bool_set(ptr: *mut u8, value: *mut PyObject, size: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: ptr addresses a C bool.
    unsafe {
        let v = crate::object::protocol::is_true(value)? as u64;
        let old = *ptr as u64;
        *ptr = set_bits(old, v, size) as u8;
    }
    Ok(none_owned())
}

unsafe fn bool_get(ptr: *const u8, size: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: ptr addresses a C bool.
    let v = get_bits(unsafe { *ptr } as u64, size, 8, false);
    Ok(Owned::from_borrowed_static(pybool::from_bool(v != 0)))
}

/// `PyFloat_AsDouble`, with its "must be real number" error.
/// `v` (`VARIANT_BOOL`): true is stored as -1.
unsafe fn vbool_set(ptr: *mut u8, value: *mut PyObject, _size: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: ptr addresses a 16-bit value.
    unsafe {
        let v: i16 = if crate::object::protocol::is_true(value)? {
            -1
        } else {
            0
        };
        std::ptr::write_unaligned(ptr.cast::<i16>(), v);
    }
    Ok(none_owned())
}

unsafe fn vbool_get(ptr: *const u8, _size: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: ptr addresses a 16-bit value.
    let v = unsafe { std::ptr::read_unaligned(ptr.cast::<i16>()) };
    Ok(Owned::from_borrowed_static(pybool::from_bool(v != 0)))
}

unsafe fn real_value(value: *mut PyObject) -> PyResult<f64> {
    // SAFETY: value is live.
    unsafe { float::as_f64(value) }
}

unsafe fn d_set(ptr: *mut u8, value: *mut PyObject, _size: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: ptr addresses a double.
    unsafe { std::ptr::write_unaligned(ptr.cast::<f64>(), real_value(value)?) };
    Ok(none_owned())
}

unsafe fn d_get(ptr: *const u8, _size: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: ptr addresses a double.
    float::from_f64(unsafe { std::ptr::read_unaligned(ptr.cast::<f64>()) })
}

unsafe fn d_set_sw(ptr: *mut u8, value: *mut PyObject, _size: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: ptr addresses a double.
    unsafe {
        let bits = real_value(value)?.to_bits().swap_bytes();
        std::ptr::write_unaligned(ptr.cast::<u64>(), bits);
    }
    Ok(none_owned())
}

unsafe fn d_get_sw(ptr: *const u8, _size: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: ptr addresses a double.
    let bits = unsafe { std::ptr::read_unaligned(ptr.cast::<u64>()) }.swap_bytes();
    float::from_f64(f64::from_bits(bits))
}

unsafe fn f_set(ptr: *mut u8, value: *mut PyObject, _size: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: ptr addresses a float.
    unsafe { std::ptr::write_unaligned(ptr.cast::<f32>(), real_value(value)? as f32) };
    Ok(none_owned())
}

unsafe fn f_get(ptr: *const u8, _size: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: ptr addresses a float.
    float::from_f64(unsafe { std::ptr::read_unaligned(ptr.cast::<f32>()) } as f64)
}

unsafe fn f_set_sw(ptr: *mut u8, value: *mut PyObject, _size: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: ptr addresses a float.
    unsafe {
        let bits = (real_value(value)? as f32).to_bits().swap_bytes();
        std::ptr::write_unaligned(ptr.cast::<u32>(), bits);
    }
    Ok(none_owned())
}

unsafe fn f_get_sw(ptr: *const u8, _size: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: ptr addresses a float.
    let bits = unsafe { std::ptr::read_unaligned(ptr.cast::<u32>()) }.swap_bytes();
    float::from_f64(f32::from_bits(bits) as f64)
}

unsafe fn g_set(ptr: *mut u8, value: *mut PyObject, _size: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: ptr addresses a 16-byte long double.
    unsafe {
        let b = super::longdouble::from_f64(real_value(value)?);
        std::ptr::copy_nonoverlapping(b.as_ptr(), ptr, 10);
    }
    Ok(none_owned())
}

unsafe fn g_get(ptr: *const u8, _size: Py_ssize_t) -> PyResult<Owned> {
    let mut b = [0u8; 10];
    // SAFETY: ptr addresses a 16-byte long double.
    unsafe { std::ptr::copy_nonoverlapping(ptr, b.as_mut_ptr(), 10) };
    float::from_f64(super::longdouble::to_f64(&b))
}

unsafe fn c_set(ptr: *mut u8, value: *mut PyObject, _size: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: ptr addresses a char; value is live.
    unsafe {
        let byte = if bytes::check(value) && bytes::size(value) == 1 {
            Some(bytes::as_slice(value)[0])
        } else if crate::object::bytearray::check(value)
            && crate::object::bytearray::as_slice(value).len() == 1
        {
            Some(crate::object::bytearray::as_slice(value)[0])
        } else if int::check(value) {
            int::as_i128(value).and_then(|v| u8::try_from(v).ok())
        } else {
            None
        };
        let Some(b) = byte else {
            return Err(errors::type_error(
                "one character bytes, bytearray or integer expected",
            ));
        };
        *ptr = b;
    }
    Ok(none_owned())
}

unsafe fn c_get(ptr: *const u8, _size: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: ptr addresses a char.
    Ok(Owned::from_borrowed_static(bytes::single(unsafe { *ptr })))
}

unsafe fn u_set(ptr: *mut u8, value: *mut PyObject, _size: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: ptr addresses a wchar_t; value is live.
    unsafe {
        if !pystr::check(value) {
            return Err(errors::type_error(format!(
                "unicode string expected instead of {} instance",
                type_name(value)
            )));
        }
        if pystr::len(value) != 1 {
            return Err(errors::type_error("one character unicode string expected"));
        }
        std::ptr::write_unaligned(ptr.cast::<u32>(), pystr::read_char(value, 0));
    }
    Ok(none_owned())
}

unsafe fn u_get(ptr: *const u8, _size: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: ptr addresses a wchar_t.
    pystr::char_str(unsafe { std::ptr::read_unaligned(ptr.cast::<u32>()) })
}

/// The address in an int, masked to 64 bits (`PyLong_AsVoidPtr` as ctypes
/// uses it).
unsafe fn address_of(value: *mut PyObject) -> PyResult<usize> {
    // SAFETY: value is an int.
    unsafe { Ok(int::low_u64(value) as usize) }
}

unsafe fn z_set(ptr: *mut u8, value: *mut PyObject, _size: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: ptr addresses a char*; value is live.
    unsafe {
        if value == none::none() {
            std::ptr::write_unaligned(ptr.cast::<usize>(), 0);
            return Ok(none_owned());
        }
        if bytes::check(value) {
            std::ptr::write_unaligned(ptr.cast::<*mut u8>(), bytes::as_mut_ptr(value));
            return Ok(Owned::from_borrowed(value));
        }
        if int::check(value) {
            std::ptr::write_unaligned(ptr.cast::<usize>(), address_of(value)?);
            return Ok(none_owned());
        }
        Err(errors::type_error(format!(
            "bytes or integer address expected instead of {} instance",
            type_name(value)
        )))
    }
}

unsafe fn z_get(ptr: *const u8, _size: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: ptr addresses a char*, NULL or a C string.
    unsafe {
        let p = std::ptr::read_unaligned(ptr.cast::<*const libc::c_char>());
        if p.is_null() {
            return Ok(none_owned());
        }
        bytes::from_slice(std::ffi::CStr::from_ptr(p).to_bytes())
    }
}

/// A NUL-terminated `wchar_t` copy of a str, in a bytes object that keeps
/// it alive.
pub unsafe fn wide_buffer(value: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: value is a str.
    unsafe {
        let mut units = pystr::to_ucs4(value);
        units.push(0);
        let raw: Vec<u8> = units.iter().flat_map(|u| u.to_ne_bytes()).collect();
        bytes::from_slice(&raw)
    }
}

unsafe fn zw_set(ptr: *mut u8, value: *mut PyObject, _size: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: ptr addresses a wchar_t*; value is live.
    unsafe {
        if value == none::none() {
            std::ptr::write_unaligned(ptr.cast::<usize>(), 0);
            return Ok(none_owned());
        }
        if int::check(value) {
            std::ptr::write_unaligned(ptr.cast::<usize>(), address_of(value)?);
            return Ok(none_owned());
        }
        if !pystr::check(value) {
            return Err(errors::type_error(format!(
                "unicode string or integer address expected instead of {} instance",
                type_name(value)
            )));
        }
        let keep = wide_buffer(value)?;
        std::ptr::write_unaligned(ptr.cast::<*mut u8>(), bytes::as_mut_ptr(keep.as_ptr()));
        Ok(keep)
    }
}

/// The str of a NUL-terminated `wchar_t` string.
pub unsafe fn wide_to_str(p: *const u32, maxlen: Option<usize>) -> PyResult<Owned> {
    let mut units = Vec::new();
    // SAFETY: p addresses a NUL-terminated wide string (or maxlen units).
    unsafe {
        loop {
            if maxlen.is_some_and(|m| units.len() >= m) {
                break;
            }
            let u = std::ptr::read_unaligned(p.add(units.len()));
            if u == 0 {
                break;
            }
            units.push(u);
        }
    }
    pystr::from_ucs4(&units)
}

unsafe fn zw_get(ptr: *const u8, _size: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: ptr addresses a wchar_t*.
    unsafe {
        let p = std::ptr::read_unaligned(ptr.cast::<*const u32>());
        if p.is_null() {
            return Ok(none_owned());
        }
        wide_to_str(p, None)
    }
}

unsafe fn p_set(ptr: *mut u8, value: *mut PyObject, _size: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: ptr addresses a void*; value is live.
    unsafe {
        let v = if value == none::none() {
            0
        } else if int::check(value) {
            address_of(value)?
        } else {
            return Err(errors::type_error("cannot be converted to pointer"));
        };
        std::ptr::write_unaligned(ptr.cast::<usize>(), v);
    }
    Ok(none_owned())
}

unsafe fn p_get(ptr: *const u8, _size: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: ptr addresses a void*.
    let v = unsafe { std::ptr::read_unaligned(ptr.cast::<usize>()) };
    if v == 0 {
        return Ok(none_owned());
    }
    int::from_u64(v as u64)
}

unsafe fn o_set(ptr: *mut u8, value: *mut PyObject, _size: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: ptr addresses a PyObject*; the returned reference keeps it.
    unsafe {
        std::ptr::write_unaligned(ptr.cast::<*mut PyObject>(), value);
        Ok(Owned::from_borrowed(value))
    }
}

unsafe fn o_get(ptr: *const u8, _size: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: ptr addresses a PyObject*, NULL or a live object.
    unsafe {
        let p = std::ptr::read_unaligned(ptr.cast::<*mut PyObject>());
        if p.is_null() {
            return Err(errors::value_error("PyObject is NULL"));
        }
        Ok(Owned::from_raw_unchecked(new_ref(p)))
    }
}

/// `s`: a char array field read as bytes up to the first NUL.
pub unsafe fn s_set(ptr: *mut u8, value: *mut PyObject, size: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: ptr addresses size bytes; value is live.
    unsafe {
        if !bytes::check(value) {
            return Err(errors::type_error(format!(
                "expected bytes, {} found",
                type_name(value)
            )));
        }
        // The value ends at its first NUL, which is copied when it fits.
        let all = bytes::as_slice(value);
        let data = &all[..memchr::memchr(0, all).unwrap_or(all.len())];
        let size = size as usize;
        if data.len() > size {
            return Err(errors::value_error(format!(
                "bytes too long ({}, maximum length {size})",
                data.len()
            )));
        }
        std::ptr::copy_nonoverlapping(data.as_ptr(), ptr, data.len());
        if data.len() < size {
            *ptr.add(data.len()) = 0;
        }
    }
    Ok(none_owned())
}

/// Reads bytes up to the first NUL within `size`.
pub unsafe fn s_get(ptr: *const u8, size: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: ptr addresses size bytes.
    unsafe {
        let all = std::slice::from_raw_parts(ptr, size as usize);
        let n = memchr::memchr(0, all).unwrap_or(all.len());
        bytes::from_slice(&all[..n])
    }
}

/// `U`: a wchar_t array field read as str up to the first NUL.
pub unsafe fn uu_set(ptr: *mut u8, value: *mut PyObject, size: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: ptr addresses size bytes; value is live.
    unsafe {
        if !pystr::check(value) {
            return Err(errors::type_error(format!(
                "unicode string expected instead of {} instance",
                type_name(value)
            )));
        }
        let units = pystr::to_ucs4(value);
        let max = size as usize / 4;
        if units.len() > max {
            return Err(errors::value_error(format!(
                "string too long ({}, maximum length {max})",
                units.len()
            )));
        }
        let p = ptr.cast::<u32>();
        for (i, &u) in units.iter().enumerate() {
            std::ptr::write_unaligned(p.add(i), u);
        }
        if units.len() < max {
            std::ptr::write_unaligned(p.add(units.len()), 0);
        }
    }
    Ok(none_owned())
}

/// Reads a str up to the first NUL within `size` bytes.
pub unsafe fn uu_get(ptr: *const u8, size: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: ptr addresses size bytes.
    unsafe { wide_to_str(ptr.cast(), Some(size as usize / 4)) }
}

macro_rules! ffi {
    ($name:ident, $t:ident) => {
        fn $name() -> *mut ffi_type {
            &raw mut libffi_sys::$t
        }
    };
}
ffi!(ffi_sint8, ffi_type_sint8);
ffi!(ffi_uint8, ffi_type_uint8);
ffi!(ffi_sint16, ffi_type_sint16);
ffi!(ffi_uint16, ffi_type_uint16);
ffi!(ffi_sint32, ffi_type_sint32);
ffi!(ffi_uint32, ffi_type_uint32);
ffi!(ffi_sint64, ffi_type_sint64);
ffi!(ffi_uint64, ffi_type_uint64);
ffi!(ffi_float, ffi_type_float);
ffi!(ffi_double, ffi_type_double);
ffi!(ffi_longdouble, ffi_type_longdouble);
ffi!(ffi_pointer, ffi_type_pointer);

const fn desc(
    code: u8,
    size: usize,
    ffi: fn() -> *mut ffi_type,
    setfunc: SetFunc,
    getfunc: GetFunc,
    swapped: Option<(SetFunc, GetFunc)>,
) -> FieldDesc {
    FieldDesc {
        code,
        size,
        align: size,
        ffi,
        setfunc,
        getfunc,
        swapped,
    }
}

static TABLE: [FieldDesc; 23] = [
    desc(b'b', 1, ffi_sint8, b_set, b_get, Some((b_set_sw, b_get_sw))),
    desc(
        b'B',
        1,
        ffi_uint8,
        bu_set,
        bu_get,
        Some((bu_set_sw, bu_get_sw)),
    ),
    desc(b'c', 1, ffi_sint8, c_set, c_get, None),
    desc(
        b'h',
        2,
        ffi_sint16,
        h_set,
        h_get,
        Some((h_set_sw, h_get_sw)),
    ),
    desc(
        b'H',
        2,
        ffi_uint16,
        hu_set,
        hu_get,
        Some((hu_set_sw, hu_get_sw)),
    ),
    desc(
        b'i',
        4,
        ffi_sint32,
        i_set,
        i_get,
        Some((i_set_sw, i_get_sw)),
    ),
    desc(
        b'I',
        4,
        ffi_uint32,
        iu_set,
        iu_get,
        Some((iu_set_sw, iu_get_sw)),
    ),
    desc(
        b'l',
        8,
        ffi_sint64,
        q_set,
        q_get,
        Some((q_set_sw, q_get_sw)),
    ),
    desc(
        b'L',
        8,
        ffi_uint64,
        qu_set,
        qu_get,
        Some((qu_set_sw, qu_get_sw)),
    ),
    desc(
        b'q',
        8,
        ffi_sint64,
        q_set,
        q_get,
        Some((q_set_sw, q_get_sw)),
    ),
    desc(
        b'Q',
        8,
        ffi_uint64,
        qu_set,
        qu_get,
        Some((qu_set_sw, qu_get_sw)),
    ),
    desc(b'f', 4, ffi_float, f_set, f_get, Some((f_set_sw, f_get_sw))),
    desc(
        b'd',
        8,
        ffi_double,
        d_set,
        d_get,
        Some((d_set_sw, d_get_sw)),
    ),
    desc(b'g', 16, ffi_longdouble, g_set, g_get, None),
    desc(b'u', 4, ffi_sint32, u_set, u_get, None),
    desc(b'z', 8, ffi_pointer, z_set, z_get, None),
    desc(b'Z', 8, ffi_pointer, zw_set, zw_get, None),
    desc(b'P', 8, ffi_pointer, p_set, p_get, None),
    desc(b'O', 8, ffi_pointer, o_set, o_get, None),
    desc(b'?', 1, ffi_uint8, bool_set, bool_get, None),
    desc(b'v', 2, ffi_sint16, vbool_set, vbool_get, None),
    desc(b's', 1, ffi_sint8, s_set, s_get, None),
    desc(b'U', 4, ffi_sint32, uu_set, uu_get, None),
];

/// `_ctypes_get_fielddesc`.
pub fn get(code: u8) -> Option<&'static FieldDesc> {
    TABLE.iter().find(|d| d.code == code)
}

/// Whether `f` is the getter of `code`.
pub fn is_getfunc(f: Option<GetFunc>, code: u8) -> bool {
    match (f, get(code)) {
        (Some(f), Some(d)) => std::ptr::fn_addr_eq(f, d.getfunc),
        _ => false,
    }
}

/// The PEP 3118 code of a simple type code in standard sizes (C `long`
/// is 8 bytes here, which struct's standard `l` is not).
pub fn pep3118_code(code: u8) -> u8 {
    match code {
        b'l' => b'q',
        b'L' => b'Q',
        c => c,
    }
}
