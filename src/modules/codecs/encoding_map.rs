//! `EncodingMap` (`Objects/unicodeobject.c`): the compact reverse of a
//! 256-character decoding table that `PyUnicode_BuildEncodingMap` and
//! `codecs.charmap_build` return, for the charmap encoder. Code points
//! the table marks U+FFFE are unmapped. Tables it cannot hold (a code
//! point beyond the BMP, U+0000 anywhere but at 0, or one spread over
//! too many 128-character blocks) get a dict instead, as in CPython.
use super::*;
use crate::object::typeobj::type_template;
use std::collections::HashMap;

#[repr(C)]
struct EncodingMapObject {
    ob_base: PyObject,
    /// Code point -> byte value.
    map: *mut HashMap<u32, u8>,
    /// What `size()` reports: the bytes CPython's three-level table takes.
    size: isize,
}

static mut ENCODING_MAP_TYPE: PyTypeObject = PyTypeObject {
    tp_dealloc: Some(encoding_map_dealloc),
    tp_methods: (&raw const ENCODING_MAP_METHODS).cast_mut().cast(),
    ..type_template(c"EncodingMap", std::mem::size_of::<EncodingMapObject>(), 0)
};

static ENCODING_MAP_METHODS: [PyMethodDef; 2] = [
    method(c"size", encoding_map_size as *const c_void, METH_NOARGS),
    METHOD_END,
];

unsafe extern "C" fn encoding_map_dealloc(op: *mut PyObject) {
    // SAFETY: op is an EncodingMap that owns its table.
    unsafe {
        drop(Box::from_raw((*op.cast::<EncodingMapObject>()).map));
        crate::object::alloc::raw_free(op.cast());
    }
}

/// `EncodingMap.size()`: the size of CPython's table for this map (its
/// fixed part plus 16 bytes per 2048-character block and 128 per
/// 128-character block used).
unsafe extern "C" fn encoding_map_size(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is an EncodingMap.
    guard_obj(|| int::from_i64(unsafe { (*op.cast::<EncodingMapObject>()).size } as i64))
}

/// `PyUnicode_BuildEncodingMap` / `codecs.charmap_build`: the encoding map
/// of the first 256 characters of the str `table` (an empty one is
/// `TypeError`, as `PyErr_BadArgument` reports it).
pub unsafe fn build(table: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: table is a str.
    unsafe {
        let chars = pystr::to_ucs4(table);
        if chars.is_empty() {
            crate::capi::exceptions::PyErr_BadArgument();
            return Err(errors::Raised::assume());
        }
        let chars = &chars[..chars.len().min(256)];
        let mut blocks_2048 = [false; 32];
        let mut blocks_128 = [false; 512];
        let (mut count2, mut count3) = (0usize, 0usize);
        let mut need_dict = chars.first().is_some_and(|&c| c != 0);
        for &c in chars.iter().skip(1) {
            if c == 0 || c > 0xffff {
                need_dict = true;
                break;
            }
            if c == 0xfffe {
                continue;
            }
            let (l1, l2) = ((c >> 11) as usize, (c >> 7) as usize);
            count2 += usize::from(!std::mem::replace(&mut blocks_2048[l1], true));
            count3 += usize::from(!std::mem::replace(&mut blocks_128[l2], true));
        }
        if need_dict || count2 >= 0xff || count3 >= 0xff {
            let d = dict::new()?;
            for (i, &c) in chars.iter().enumerate() {
                let k = int::from_i64(i64::from(c))?;
                let v = int::from_i64(i as i64)?;
                dict::set_item(d.as_ptr(), k.as_ptr(), v.as_ptr())?;
            }
            return Ok(d);
        }
        let map: HashMap<u32, u8> = chars
            .iter()
            .enumerate()
            .filter(|&(_, &c)| c != 0xfffe)
            .map(|(i, &c)| (c, i as u8))
            .collect();
        crate::object::typeobj::ready(&raw mut ENCODING_MAP_TYPE)?;
        let op = errors::check(crate::object::alloc::generic_alloc(
            &raw mut ENCODING_MAP_TYPE,
            0,
        ))?;
        let m = op.as_ptr().cast::<EncodingMapObject>();
        (*m).map = Box::into_raw(Box::new(map));
        // CPython's struct: a 16-byte header, 32 level-1 bytes, two ints
        // and one level-2/3 byte, padded to 64; less one, plus the blocks.
        (*m).size = (63 + 16 * count2 + 128 * count3) as isize;
        Ok(op)
    }
}

/// The byte `map` gives code point `c` (None: unmapped), if `map` is an
/// `EncodingMap`.
pub unsafe fn lookup(map: *mut PyObject, c: u32) -> Option<Option<u8>> {
    // SAFETY: map valid; an EncodingMap's table lives as long as it does.
    unsafe {
        ((*map).ob_type == &raw mut ENCODING_MAP_TYPE)
            .then(|| (*(*map.cast::<EncodingMapObject>()).map).get(&c).copied())
    }
}
