//! Pickling arrays (CPython's `array.__reduce_ex__` and
//! `array._array_reconstructor`): protocols 0-2 rebuild from a list; from
//! protocol 3 the items travel as bytes with a machine format code that
//! names their size, signedness, byte order and encoding, so another
//! machine can rebuild the same values.
use super::descr::{find, Descr, Kind, DESCRS};
use super::object::{construct, data, descr, to_list, ARRAY_TYPE};
use crate::ffi::*;
use crate::modules::args::{arity, builtin, no_kwargs};
use crate::object::codecs_core::{decode_utf16, decode_utf32};
use crate::object::typeobj::{instance_of, is_subtype, name_of, type_name, PyType_Type};
use crate::object::{bytes, float, int, list, none, number, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;

/// One machine format: item size, signedness, big-endian.
struct MFormat {
    size: usize,
    signed: bool,
    big: bool,
}

const fn mf(size: usize, signed: bool, big: bool) -> MFormat {
    MFormat { size, signed, big }
}

/// The machine formats by code (CPython's `mformat_descriptors`): 0-13
/// integers, 14-15 IEEE floats, 16-17 IEEE doubles, 18-19 UTF-16, 20-21
/// UTF-32 (the sizes of the last four are CPython's too).
static MFORMATS: [MFormat; 22] = [
    mf(1, false, false),
    mf(1, true, false),
    mf(2, false, false),
    mf(2, false, true),
    mf(2, true, false),
    mf(2, true, true),
    mf(4, false, false),
    mf(4, false, true),
    mf(4, true, false),
    mf(4, true, true),
    mf(8, false, false),
    mf(8, false, true),
    mf(8, true, false),
    mf(8, true, true),
    mf(4, false, false),
    mf(4, false, true),
    mf(8, false, false),
    mf(8, false, true),
    mf(4, false, false),
    mf(4, false, true),
    mf(8, false, false),
    mf(8, false, true),
];

const FLOAT_LE: i64 = 14;
const DOUBLE_LE: i64 = 16;
const UTF16_LE: i64 = 18;
const UTF32_LE: i64 = 20;

/// `typecode_to_mformat_code`: this machine's format for a typecode.
fn mformat_code(d: &Descr) -> i64 {
    let be = cfg!(target_endian = "big") as i64;
    match d.kind {
        Kind::Float if d.size == 4 => FLOAT_LE + be,
        Kind::Float => DOUBLE_LE + be,
        // 'u' is a 4-byte wchar_t here, like 'w'.
        Kind::Char => UTF32_LE + be,
        Kind::Signed | Kind::Unsigned => {
            let signed = (d.kind == Kind::Signed) as i64;
            match d.size {
                1 => signed,
                2 => 2 + be + 2 * signed,
                4 => 6 + be + 2 * signed,
                _ => 10 + be + 2 * signed,
            }
        }
    }
}

builtin!(pub array_reduce_ex, |op, args, kws| {
    super::methods::clinic_arity("__reduce_ex__", args, &kws, 1)?;
    let proto = args[0];
    let array_mod = crate::runtime::import::import_absolute("array")?;
    let reconstructor = protocol::getattr_str(array_mod.as_ptr(), "_array_reconstructor")?;
    if !int::check(proto) {
        return Err(errors::type_error("__reduce_ex__ argument should be an integer"));
    }
    let proto = int::as_i64(proto)?;
    let dict = protocol::getattr_opt(op, crate::interned!("__dict__"))?
        .unwrap_or_else(|| Owned::from_borrowed_static(none::none()));
    let d = descr(op);
    let code = pystr::char_str(d.code as u32)?;
    let tp = (*op).ob_type.cast::<PyObject>();
    if proto < 3 {
        let items = to_list(op)?;
        let args = tuple::pack(&[code.as_ptr(), items.as_ptr()])?;
        return tuple::pack(&[tp, args.as_ptr(), dict.as_ptr()]);
    }
    let mcode = int::from_i64(mformat_code(d))?;
    let items = bytes::from_slice(data(op))?;
    let args = tuple::pack(&[tp, code.as_ptr(), mcode.as_ptr(), items.as_ptr()])?;
    tuple::pack(&[reconstructor.as_ptr(), args.as_ptr(), dict.as_ptr()])
});

/// The values of `raw` read in machine format `mcode` (not this machine's
/// own format for the typecode): a list of ints or floats, or a str.
unsafe fn convert(mcode: i64, raw: &[u8]) -> PyResult<Owned> {
    let f = &MFORMATS[mcode as usize];
    if !raw.len().is_multiple_of(f.size) {
        return Err(errors::value_error(
            "string length not a multiple of item size",
        ));
    }
    if mcode == UTF16_LE || mcode == UTF16_LE + 1 {
        let mut bo = if f.big { 1 } else { -1 };
        return Ok(decode_utf16(raw, None, &mut bo, true)?.0);
    }
    if mcode == UTF32_LE || mcode == UTF32_LE + 1 {
        let mut bo = if f.big { 1 } else { -1 };
        return Ok(decode_utf32(raw, None, &mut bo, true)?.0);
    }
    let mut items = Vec::with_capacity(raw.len() / f.size);
    for chunk in raw.chunks_exact(f.size) {
        let mut b = [0u8; 8];
        if f.big {
            b[8 - f.size..].copy_from_slice(chunk);
        } else {
            b[..f.size].copy_from_slice(chunk);
        }
        let bits = if f.big {
            u64::from_be_bytes(b)
        } else {
            u64::from_le_bytes(b)
        };
        items.push(if (FLOAT_LE..FLOAT_LE + 2).contains(&mcode) {
            float::from_f64(f32::from_bits(bits as u32) as f64)?
        } else if (DOUBLE_LE..DOUBLE_LE + 2).contains(&mcode) {
            float::from_f64(f64::from_bits(bits))?
        } else if f.signed {
            let shift = 64 - 8 * f.size as u32;
            int::from_i64(((bits << shift) as i64) >> shift)?
        } else {
            int::from_u64(bits)?
        });
    }
    list::from_vec(items)
}

builtin!(pub array_reconstructor, |args, kws| {
    no_kwargs("_array_reconstructor", &kws)?;
    arity("_array_reconstructor", args, 4, 4)?;
    let (tp, code, mcode, items) = (args[0], args[1], args[2], args[3]);
    if !pystr::check(code) || pystr::len(code) != 1 {
        return Err(errors::type_error(format!(
            "_array_reconstructor() argument 2 must be a unicode character, not {}",
            type_name(code)
        )));
    }
    let mcode = {
        let i = number::index(mcode)?;
        int::as_i64_or(i.as_ptr(), "Python int too large to convert to C int")?
    };
    if i32::try_from(mcode).is_err() {
        return Err(errors::overflow_error("Python int too large to convert to C int"));
    }
    if !instance_of(tp, &raw mut PyType_Type) {
        return Err(errors::type_error(format!(
            "first argument must be a type object, not {}",
            type_name(tp)
        )));
    }
    let tp = tp.cast::<PyTypeObject>();
    if !is_subtype(tp, &raw mut ARRAY_TYPE) {
        return Err(errors::type_error(format!(
            "{} is not a subtype of array.array",
            name_of(tp)
        )));
    }
    let Some(d) = find(pystr::read_char(code, 0)) else {
        return Err(errors::value_error("second argument must be a valid type code"));
    };
    if !(0..MFORMATS.len() as i64).contains(&mcode) {
        return Err(errors::value_error(
            "third argument must be a valid machine format code.",
        ));
    }
    if !bytes::check(items) {
        return Err(errors::type_error(format!(
            "fourth argument should be bytes, not {}",
            type_name(items)
        )));
    }
    if mcode == mformat_code(d) {
        return construct(tp, code, items);
    }
    let converted = convert(mcode, bytes::as_slice(items))?;
    let mut code = Owned::from_borrowed(code);
    if mcode < FLOAT_LE {
        // Pick the last integer typecode of the format's size and sign.
        let f = &MFORMATS[mcode as usize];
        if let Some(best) = DESCRS
            .iter()
            .rfind(|x| x.is_integer() && x.size == f.size && (x.kind == Kind::Signed) == f.signed)
        {
            code = pystr::char_str(best.code as u32)?;
        }
    }
    construct(tp, code.as_ptr(), converted.as_ptr())
});
