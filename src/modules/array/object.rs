//! `array.array` (CPython's `arrayobject` in `Modules/arraymodule.c`): the
//! instance layout of CPython 3.13 (a variable-size header whose `ob_size`
//! is the length, a separately allocated item buffer with CPython's
//! over-allocation, the typecode descriptor, weak references and a count of
//! buffer exports that forbids resizing), the storage primitives the other
//! files build on, the constructor, `repr` and comparisons.
use super::descr::{find, Descr, Kind};
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::exceptions::PyExc_BufferError;
use crate::object::refcount::*;
use crate::object::typeobj::{instance_of, short_name, type_name, type_template};
use crate::object::{bool as pybool, bytearray, bytes, dict, list, none, protocol};
use crate::object::{str as pystr, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::c_int;
use std::ptr::null_mut;

/// An array: CPython 3.13's `arrayobject` layout.
#[repr(C)]
pub struct ArrayObject {
    /// `ob_size` is the number of items.
    pub ob_base: PyVarObject,
    /// `allocated` items of `descr.size` bytes; NULL when nothing is
    /// allocated.
    pub ob_item: *mut u8,
    pub allocated: Py_ssize_t,
    pub descr: *const Descr,
    pub weakreflist: *mut PyObject,
    /// Buffer views handed out and not yet released.
    pub exports: Py_ssize_t,
}

/// `array.array`.
pub static mut ARRAY_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_SEQUENCE,
    tp_dealloc: Some(array_dealloc),
    tp_repr: Some(array_repr),
    tp_hash: Some(crate::capi::object::PyObject_HashNotImplemented),
    tp_richcompare: Some(array_richcompare),
    tp_iter: Some(super::iter::array_iter),
    tp_methods: (&raw const super::methods::METHODS).cast_mut().cast(),
    tp_getset: (&raw const super::methods::GETSET).cast_mut().cast(),
    tp_as_sequence: &raw mut super::sequence::AS_SEQUENCE,
    tp_as_mapping: &raw mut super::sequence::AS_MAPPING,
    tp_as_buffer: &raw mut super::buffer::AS_BUFFER,
    tp_weaklistoffset: std::mem::offset_of!(ArrayObject, weakreflist) as Py_ssize_t,
    tp_new: Some(array_new),
    tp_free: Some(crate::capi::memory::PyObject_Free),
    tp_doc: DOC.as_ptr(),
    ..type_template(c"array.array", std::mem::size_of::<ArrayObject>(), 0)
};

const DOC: &std::ffi::CStr = c"array(typecode [, initializer]) -> array

Return a new array whose items are restricted by typecode, and
initialized from the optional initializer value, which must be a list,
string or iterable over elements of the appropriate type.

Arrays represent basic values and behave very much like lists, except
the type of objects stored in them is constrained. The type is specified
at object creation time by using a type code, which is a single character.
The following type codes are defined:

    Type code   C Type             Minimum size in bytes
    'b'         signed integer     1
    'B'         unsigned integer   1
    'u'         Unicode character  2 (see note)
    'h'         signed integer     2
    'H'         unsigned integer   2
    'i'         signed integer     2
    'I'         unsigned integer   2
    'l'         signed integer     4
    'L'         unsigned integer   4
    'q'         signed integer     8 (see note)
    'Q'         unsigned integer   8 (see note)
    'f'         floating-point     4
    'd'         floating-point     8

NOTE: The 'u' typecode corresponds to Python's unicode character. On
narrow builds this is 2-bytes on wide builds this is 4-bytes.

NOTE: The 'q' and 'Q' type codes are only available if the platform
C compiler used to build Python supports 'long long', or, on Windows,
'__int64'.

Methods:

append() -- append a new item to the end of the array
buffer_info() -- return information giving the current memory info
byteswap() -- byteswap all the items of the array
count() -- return number of occurrences of an object
extend() -- extend array by appending multiple elements from an iterable
fromfile() -- read items from a file object
fromlist() -- append items from the list
frombytes() -- append items from the string
index() -- return index of first occurrence of an object
insert() -- insert a new item into the array at a provided position
pop() -- remove and return item (default last)
remove() -- remove first occurrence of an object
reverse() -- reverse the order of the items in the array
tofile() -- write all items to a file object
tolist() -- return the array converted to an ordinary list
tobytes() -- return the array converted to a string

Attributes:

typecode -- the typecode character used to create the array
itemsize -- the length in bytes of one array item
";

/// The array fields of `op`.
#[inline(always)]
pub unsafe fn raw<'a>(op: *mut PyObject) -> &'a mut ArrayObject {
    // SAFETY: op is an array (or subclass instance).
    unsafe { &mut *op.cast::<ArrayObject>() }
}

/// Whether `op` is an array or an instance of a subclass.
#[inline]
pub unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { instance_of(op, &raw mut ARRAY_TYPE) }
}

/// The number of items.
#[inline(always)]
pub unsafe fn len(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: op is an array.
    unsafe { raw(op).ob_base.ob_size }
}

/// The typecode descriptor.
#[inline(always)]
pub unsafe fn descr(op: *mut PyObject) -> &'static Descr {
    // SAFETY: op is an array; new_array set the descriptor.
    unsafe { &*raw(op).descr }
}

/// The items' memory; valid until the array is next resized.
#[inline]
pub unsafe fn data<'a>(op: *mut PyObject) -> &'a mut [u8] {
    // SAFETY: op is an array; ob_item holds ob_size items when non-NULL.
    unsafe {
        let a = raw(op);
        if a.ob_item.is_null() {
            return &mut [];
        }
        std::slice::from_raw_parts_mut(a.ob_item, a.ob_base.ob_size as usize * (*a.descr).size)
    }
}

/// The address of item `i` (which may be one past the end).
#[inline]
pub unsafe fn item_ptr(op: *mut PyObject, i: Py_ssize_t) -> *mut u8 {
    // SAFETY: op is an array and i <= allocated.
    unsafe { raw(op).ob_item.add(i as usize * descr(op).size) }
}

/// The Python object for item `i` (in bounds).
#[inline]
pub unsafe fn get(op: *mut PyObject, i: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: 0 <= i < len.
    unsafe { descr(op).get(item_ptr(op, i)) }
}

/// Stores `v` as item `i` (in bounds), checking it first.
#[inline]
pub unsafe fn set(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) -> PyResult<()> {
    // SAFETY: 0 <= i < len; the item is read again after pack, which may
    // run Python code (__index__) that resizes the array.
    unsafe {
        let bits = descr(op).pack(v)?;
        if i >= len(op) {
            return Err(errors::index_error("array assignment index out of range"));
        }
        descr(op).write_bits(item_ptr(op, i), bits);
        Ok(())
    }
}

/// `BufferError` for a size change while views are exported.
pub fn exports_error() -> Raised {
    // SAFETY: the exception classes exist before any code runs.
    unsafe {
        errors::set_string(
            PyExc_BufferError,
            "cannot resize an array that is exporting buffers",
        )
    }
}

/// `array_resize`: sets the length, keeping the prefix (new items are
/// zero), with CPython's over-allocation; `BufferError` when the size
/// changes while buffers are exported.
pub unsafe fn resize(op: *mut PyObject, newsize: Py_ssize_t) -> PyResult<()> {
    // SAFETY: op is an array; ob_item came from raw_realloc or is NULL.
    unsafe {
        let a = raw(op);
        let size = a.ob_base.ob_size;
        if a.exports > 0 && newsize != size {
            return Err(exports_error());
        }
        let isz = (*a.descr).size;
        if !a.ob_item.is_null() && a.allocated >= newsize && size < newsize + 16 {
            if newsize > size {
                std::ptr::write_bytes(
                    a.ob_item.add(size as usize * isz),
                    0,
                    (newsize - size) as usize * isz,
                );
            }
            a.ob_base.ob_size = newsize;
            return Ok(());
        }
        if newsize == 0 {
            crate::object::alloc::raw_free(a.ob_item.cast());
            a.ob_item = null_mut();
            a.allocated = 0;
            a.ob_base.ob_size = 0;
            return Ok(());
        }
        let grown = (newsize as usize >> 4) + if size < 8 { 3 } else { 7 } + newsize as usize;
        let Some(nbytes) = grown.checked_mul(isz).filter(|&n| n <= isize::MAX as usize) else {
            return Err(errors::no_memory());
        };
        let p = crate::object::alloc::raw_realloc(a.ob_item.cast(), nbytes).cast::<u8>();
        if p.is_null() {
            return Err(errors::no_memory());
        }
        if newsize > size {
            std::ptr::write_bytes(
                p.add(size as usize * isz),
                0,
                (newsize - size) as usize * isz,
            );
        }
        a.ob_item = p;
        a.allocated = grown as Py_ssize_t;
        a.ob_base.ob_size = newsize;
        Ok(())
    }
}

/// `newarrayobject`: a new instance of `tp` with `size` zero items.
pub unsafe fn new_array(
    tp: *mut PyTypeObject,
    size: Py_ssize_t,
    d: &'static Descr,
) -> PyResult<Owned> {
    // SAFETY: tp is array or a subclass; tp_alloc returns zeroed memory.
    unsafe {
        if size as usize > isize::MAX as usize / d.size {
            return Err(errors::no_memory());
        }
        let alloc = (*tp)
            .tp_alloc
            .unwrap_or(crate::capi::allocation::PyType_GenericAlloc);
        let op = errors::check(alloc(tp, 0))?;
        let a = raw(op.as_ptr());
        a.descr = d;
        if size > 0 {
            let p = crate::object::alloc::raw_calloc(size as usize, d.size).cast::<u8>();
            if p.is_null() {
                return Err(errors::no_memory());
            }
            a.ob_item = p;
            a.allocated = size;
            a.ob_base.ob_size = size;
        }
        Ok(op)
    }
}

/// A new exact array of typecode `d` holding a copy of `items` (whole
/// items).
pub unsafe fn from_bytes(d: &'static Descr, items: &[u8]) -> PyResult<Owned> {
    // SAFETY: the new array has room for the items.
    unsafe {
        let n = items.len() / d.size;
        let a = new_array(&raw mut ARRAY_TYPE, n as Py_ssize_t, d)?;
        data(a.as_ptr()).copy_from_slice(items);
        Ok(a)
    }
}

/// `ins1`: inserts `v` before `where_` (clamped like `list.insert`).
pub unsafe fn insert(op: *mut PyObject, where_: Py_ssize_t, v: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is an array; the item is checked before the resize.
    unsafe {
        let d = descr(op);
        let bits = d.pack(v)?;
        let n = len(op);
        resize(op, n + 1)?;
        let at = if where_ < 0 {
            (where_ + n).max(0)
        } else {
            where_.min(n)
        };
        let p = item_ptr(op, at);
        if at != n {
            std::ptr::copy(p, p.add(d.size), (n - at) as usize * d.size);
        }
        d.write_bits(p, bits);
        Ok(())
    }
}

/// `array_del_slice`: removes items `lo..hi` (clamped).
pub unsafe fn del_slice(op: *mut PyObject, lo: Py_ssize_t, hi: Py_ssize_t) -> PyResult<()> {
    // SAFETY: op is an array; the indices are clamped to its length.
    unsafe {
        let n = len(op);
        let lo = lo.clamp(0, n);
        let hi = hi.clamp(lo, n);
        let k = hi - lo;
        if k == 0 {
            return Ok(());
        }
        if raw(op).exports > 0 {
            return Err(exports_error());
        }
        let isz = descr(op).size;
        std::ptr::copy(item_ptr(op, hi), item_ptr(op, lo), (n - hi) as usize * isz);
        resize(op, n - k)
    }
}

/// Appends whole items from `bytes` (`frombytes` after its checks).
pub unsafe fn append_bytes(op: *mut PyObject, bytes: &[u8]) -> PyResult<()> {
    // SAFETY: op is an array; the copy happens after the resize, into the
    // new tail.
    unsafe {
        let isz = descr(op).size;
        if !bytes.len().is_multiple_of(isz) {
            return Err(errors::value_error(
                "bytes length not a multiple of item size",
            ));
        }
        let k = (bytes.len() / isz) as Py_ssize_t;
        if k == 0 {
            return Ok(());
        }
        let old = len(op);
        if k > Py_ssize_t::MAX - old || (old + k) as usize > isize::MAX as usize / isz {
            return Err(errors::no_memory());
        }
        resize(op, old + k)?;
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), item_ptr(op, old), bytes.len());
        Ok(())
    }
}

/// Appends the code points of the str `s` (a `'u'` or `'w'` array).
pub unsafe fn append_str(op: *mut PyObject, s: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a unicode array, s a str.
    unsafe {
        let n = pystr::len(s);
        let old = len(op);
        resize(op, old + n)?;
        let d = descr(op);
        for i in 0..n {
            d.write_bits(
                item_ptr(op, old + i),
                pystr::read_char(s, i as usize) as u64,
            );
        }
        Ok(())
    }
}

/// `array_iter_extend`: appends every item of an iterable.
pub unsafe fn extend_from_iter(op: *mut PyObject, iterable: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is an array.
    unsafe {
        let it = protocol::get_iter(iterable)?;
        while let Some(v) = protocol::iter_next(it.as_ptr())? {
            insert(op, len(op), v.as_ptr())?;
        }
        Ok(())
    }
}

/// `array_do_extend`: another array of the same typecode is copied, any
/// other iterable appended item by item.
pub unsafe fn extend(op: *mut PyObject, other: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is an array.
    unsafe {
        if !check(other) {
            return extend_from_iter(op, other);
        }
        if descr(op).code != descr(other).code {
            return Err(errors::type_error(
                "can only extend with array of same kind",
            ));
        }
        let old = len(op);
        let k = len(other);
        let isz = descr(op).size;
        if old > Py_ssize_t::MAX - k || (old + k) as usize > isize::MAX as usize / isz {
            return Err(errors::no_memory());
        }
        resize(op, old + k)?;
        if k > 0 {
            // other may be op itself: its first k items are still in place.
            std::ptr::copy(raw(other).ob_item, item_ptr(op, old), k as usize * isz);
        }
        Ok(())
    }
}

/// The items as a new list (`tolist`).
pub unsafe fn to_list(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is an array; items are read by index within its length.
    unsafe {
        let n = len(op);
        let mut v = Vec::with_capacity(n as usize);
        let mut i = 0;
        while i < len(op) {
            v.push(get(op, i)?);
            i += 1;
        }
        list::from_vec(v)
    }
}

/// The contents of a `'u'` / `'w'` array as a str (`tounicode`): `'w'`
/// decodes as native UTF-32 (a leading BOM is dropped, surrogates are
/// refused) as CPython does; `'u'` takes the `wchar_t` values as they are.
pub unsafe fn to_str(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is a unicode array.
    unsafe {
        let d = descr(op);
        if d.code == b'w' {
            let mut bo = 0;
            return Ok(crate::object::codecs_core::decode_utf32(data(op), None, &mut bo, true)?.0);
        }
        let n = len(op);
        let mut cps = Vec::with_capacity(n as usize);
        for i in 0..n {
            let c = d.read_bits(item_ptr(op, i)) as u32;
            if c > 0x10ffff {
                return Err(errors::value_error(format!(
                    "character U+{c:x} is not in range [U+0000; U+10ffff]"
                )));
            }
            cps.push(c);
        }
        pystr::from_ucs4(&cps)
    }
}

unsafe extern "C" fn array_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; the layout is ArrayObject.
    unsafe {
        let a = raw(op);
        if !a.weakreflist.is_null() {
            crate::object::weakref::clear_weakrefs(op);
        }
        crate::object::alloc::raw_free(a.ob_item.cast());
        let tp = (*op).ob_type;
        if let Some(free) = (*tp).tp_free {
            free(op.cast());
        }
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(tp.cast());
        }
    }
}

unsafe extern "C" fn array_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an array.
        unsafe {
            let name = short_name((*op).ob_type);
            let code = descr(op).code as char;
            if len(op) == 0 {
                return pystr::from_str(&format!("{name}('{code}')"));
            }
            let v = if descr(op).kind == Kind::Char {
                to_str(op)?
            } else {
                to_list(op)?
            };
            let r = protocol::repr_string(v.as_ptr())?;
            pystr::from_str(&format!("{name}('{code}', {r})"))
        }
    })
}

/// The outcome of comparing two lengths (or two equal items' positions).
fn compare_sizes(a: Py_ssize_t, b: Py_ssize_t, op: c_int) -> bool {
    match op {
        Py_LT => a < b,
        Py_LE => a <= b,
        Py_EQ => a == b,
        Py_NE => a != b,
        Py_GT => a > b,
        _ => a >= b,
    }
}

unsafe extern "C" fn array_richcompare(
    v: *mut PyObject,
    w: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    // SAFETY: v and w valid.
    guard_obj(|| unsafe {
        let res = |b: bool| Ok(Owned::from_borrowed_static(pybool::from_bool(b)));
        if !check(v) || !check(w) {
            return Ok(Owned::from_borrowed_static(none::not_implemented()));
        }
        let (vs, ws) = (len(v), len(w));
        if vs != ws && (op == Py_EQ || op == Py_NE) {
            return res(op == Py_NE);
        }
        let (dv, dw) = (descr(v), descr(w));
        if dv.code == dw.code && dv.kind != Kind::Float {
            // Same integer or character typecode: compare the values.
            for i in 0..vs.min(ws) {
                let a = dv.int_value(dv.read_bits(item_ptr(v, i)));
                let b = dv.int_value(dv.read_bits(item_ptr(w, i)));
                if a != b {
                    return res(match op {
                        Py_LT | Py_LE => a < b,
                        Py_EQ => false,
                        Py_NE => true,
                        _ => a > b,
                    });
                }
            }
            return res(compare_sizes(vs, ws, op));
        }
        let mut i = 0;
        while i < len(v) && i < len(w) {
            let a = get(v, i)?;
            let b = get(w, i)?;
            if !protocol::rich_compare_bool(a.as_ptr(), b.as_ptr(), Py_EQ)? {
                return match op {
                    Py_EQ => res(false),
                    Py_NE => res(true),
                    _ => protocol::rich_compare(a.as_ptr(), b.as_ptr(), op),
                };
            }
            i += 1;
        }
        res(compare_sizes(len(v), len(w), op))
    })
}

/// Raises the `'u'` typecode's `DeprecationWarning` at the caller.
fn warn_u() -> PyResult<()> {
    crate::modules::_warnings::deprecation(
        "The 'u' type code is deprecated and will be removed in Python 3.16",
        1,
    )
}

/// `array_new`: `array(typecode[, initializer])`.
unsafe extern "C" fn array_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: tp is array or a subclass; args a tuple, kwds NULL or a dict.
        unsafe {
            let base = &raw mut ARRAY_TYPE;
            let same_init =
                (*tp).tp_init.map(|f| f as usize) == (*base).tp_init.map(|f| f as usize);
            if (tp == base || same_init) && !kwds.is_null() && dict::len(kwds) != 0 {
                return Err(errors::type_error(
                    "array.array() takes no keyword arguments",
                ));
            }
            let a = tuple::items(args);
            match a.len() {
                0 => {
                    return Err(errors::type_error(
                        "array() takes at least 1 argument (0 given)",
                    ))
                }
                1 | 2 => {}
                n => {
                    return Err(errors::type_error(format!(
                        "array() takes at most 2 arguments ({n} given)"
                    )))
                }
            }
            let code = a[0];
            if !pystr::check(code) || pystr::len(code) != 1 {
                return Err(errors::type_error(format!(
                    "array() argument 1 must be a unicode character, not {}",
                    type_name(code)
                )));
            }
            construct(tp, code, a.get(1).copied().unwrap_or(null_mut()))
        }
    })
}

/// The body of `array_new` after argument parsing: `code` is a
/// one-character str, `initial` NULL or the initializer.
pub unsafe fn construct(
    tp: *mut PyTypeObject,
    code: *mut PyObject,
    initial: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: tp is array or a subclass; code a str of length 1.
    unsafe {
        let c = pystr::read_char(code, 0);
        crate::runtime::audit::audit(
            c"array.__new__",
            &[
                code,
                if initial.is_null() {
                    none::none()
                } else {
                    initial
                },
            ],
        )?;
        if c == 'u' as u32 {
            warn_u()?;
        }
        let is_unicode = c == 'u' as u32 || c == 'w' as u32;
        if !initial.is_null() && !is_unicode {
            let ch = char::from_u32(c).unwrap_or('?');
            if pystr::check(initial) {
                return Err(errors::type_error(format!(
                    "cannot use a str to initialize an array with typecode '{ch}'"
                )));
            }
            if check(initial) && descr(initial).kind == Kind::Char {
                return Err(errors::type_error(format!(
                    "cannot use a unicode array to initialize an array with typecode '{ch}'"
                )));
            }
        }
        let direct = initial.is_null()
            || list::check(initial)
            || bytearray::check(initial)
            || bytes::check(initial)
            || tuple::check(initial)
            || (is_unicode && pystr::check(initial))
            || (check(initial) && descr(initial).code as u32 == c);
        // Anything else is iterated, and is asked for its iterator before
        // the typecode is checked, as CPython does.
        let it = if direct {
            None
        } else {
            Some(protocol::get_iter(initial)?)
        };
        let Some(d) = find(c) else {
            return Err(errors::value_error(
                "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)",
            ));
        };
        if let Some(it) = it {
            let a = new_array(tp, 0, d)?;
            extend_from_iter(a.as_ptr(), it.as_ptr())?;
            return Ok(a);
        }
        if initial.is_null() {
            return new_array(tp, 0, d);
        }
        if list::check(initial) || tuple::check(initial) {
            let n = protocol::len(initial)?;
            let a = new_array(tp, n, d)?;
            for i in 0..n {
                let v = if list::check(initial) {
                    list::item(initial, i)?
                } else {
                    Owned::from_borrowed(tuple::items(initial)[i as usize])
                };
                set(a.as_ptr(), i, v.as_ptr())?;
            }
            return Ok(a);
        }
        let a = new_array(tp, 0, d)?;
        if bytes::check(initial) {
            append_bytes(a.as_ptr(), bytes::as_slice(initial))?;
        } else if bytearray::check(initial) {
            let copy = bytearray::as_slice(initial).to_vec();
            append_bytes(a.as_ptr(), &copy)?;
        } else if pystr::check(initial) {
            append_str(a.as_ptr(), initial)?;
        } else {
            let copy = data(initial).to_vec();
            append_bytes(a.as_ptr(), &copy)?;
        }
        Ok(a)
    }
}
