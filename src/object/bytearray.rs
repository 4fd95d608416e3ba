//! `bytearray` (`PyByteArray_Type`): a mutable byte string in a separately
//! allocated, NUL-terminated buffer (`ob_bytes`, with `ob_start ==
//! ob_bytes` here), CPython's over-allocation, and a count of buffer
//! exports that forbids resizing while a view is alive.
use crate::capi::boundary::{guard_int, guard_obj, guard_status};
use crate::ffi::*;
use crate::object::bytes_methods::{self as bm, bytes_like};
use crate::object::refcount::*;
use crate::object::typeobj::{type_name, type_template};
use crate::object::{bytes, descr, int, none, number, slice, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_int;
use std::ptr::null_mut;

/// `PyByteArray_Type`.
#[no_mangle]
pub static mut PyByteArray_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE | _Py_TPFLAGS_MATCH_SELF,
    tp_dealloc: Some(ba_dealloc),
    tp_repr: Some(ba_repr),
    tp_str: Some(ba_str),
    tp_hash: Some(crate::capi::object::PyObject_HashNotImplemented),
    tp_richcompare: Some(ba_richcompare),
    tp_as_number: &raw mut BA_AS_NUMBER,
    tp_as_sequence: &raw mut BA_AS_SEQUENCE,
    tp_as_mapping: &raw mut BA_AS_MAPPING,
    tp_as_buffer: &raw mut BA_AS_BUFFER,
    tp_iter: Some(ba_iter),
    tp_methods: (&raw const BA_METHODS).cast_mut().cast(),
    tp_init: Some(ba_init),
    tp_new: Some(crate::capi::allocation::PyType_GenericNew),
    tp_free: Some(crate::capi::memory::PyObject_Free),
    tp_doc: c"bytearray() -> empty bytearray\nbytearray(int) -> bytearray of that many zero bytes\nbytearray(iterable_of_ints) -> bytearray\nbytearray(string, encoding[, errors]) -> bytearray\nbytearray(bytes_or_buffer) -> mutable copy of the buffer\n\nA mutable sequence of bytes (integers in range(256))."
        .as_ptr(),
    ..type_template(c"bytearray", std::mem::size_of::<PyByteArrayObject>(), 0)
};

static mut BA_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_remainder: Some(crate::object::bytes_format::bytes_mod),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

static mut BA_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(ba_length),
    sq_concat: Some(ba_concat),
    sq_repeat: Some(ba_repeat),
    sq_item: Some(ba_item),
    sq_ass_item: Some(ba_ass_item),
    sq_contains: Some(ba_contains),
    sq_inplace_concat: Some(ba_inplace_concat),
    sq_inplace_repeat: Some(ba_inplace_repeat),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

static mut BA_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: Some(ba_length),
    mp_subscript: Some(ba_subscript),
    mp_ass_subscript: Some(ba_ass_subscript),
};

static mut BA_AS_BUFFER: PyBufferProcs = PyBufferProcs {
    bf_getbuffer: Some(ba_getbuffer),
    bf_releasebuffer: Some(ba_releasebuffer),
};

const OWN_METHODS: [PyMethodDef; 12] = [
    descr::method(c"append", m_append as *const _, METH_O).with_doc(c"append($self, item, /)\n--\n\nAdd one byte (an int in range(256)) at the end."),
    descr::method(c"extend", m_extend as *const _, METH_O).with_doc(c"extend($self, iterable_of_ints, /)\n--\n\nAdd the ints of iterable_of_ints (or the bytes of a bytes-like object)\nat the end."),
    descr::method(c"insert", m_insert as *const _, METH_FASTCALL).with_doc(c"insert($self, index, item, /)\n--\n\nInsert one byte (an int in range(256)) before index."),
    descr::method(c"pop", m_pop as *const _, METH_FASTCALL).with_doc(c"pop($self, index=-1, /)\n--\n\nRemove the byte at index (by default the last) and return it.\n\nIndexError for an empty bytearray or an index out of range."),
    descr::method(c"remove", m_remove as *const _, METH_O).with_doc(c"remove($self, value, /)\n--\n\nRemove the first byte equal to value; ValueError when there is none."),
    descr::method(c"clear", m_clear as *const _, METH_NOARGS).with_doc(c"clear($self, /)\n--\n\nRemove every byte."),
    descr::method(c"copy", m_copy as *const _, METH_NOARGS).with_doc(c"copy($self, /)\n--\n\nA shallow copy."),
    descr::method(c"reverse", m_reverse as *const _, METH_NOARGS).with_doc(c"reverse($self, /)\n--\n\nReverse the bytes in place."),
    descr::method(c"__alloc__", m_alloc as *const _, METH_NOARGS).with_doc(c"__alloc__($self, /)\n--\n\nThe number of bytes allocated for the data."),
    descr::method(c"__sizeof__", m_sizeof as *const _, METH_NOARGS).with_doc(c"__sizeof__($self, /)\n--\n\nThe memory used by self, in bytes."),
    descr::method(c"__getitem__", m_getitem as *const _, METH_O | METH_COEXIST).with_doc(c"__getitem__($self, key, /)\n--\n\nThe item self[key]."),
    descr::method(c"__reduce__", m_reduce as *const _, METH_NOARGS).with_doc(c"__reduce__($self, /)\n--\n\nThe state of self for pickling."),
];

static BA_METHODS: [PyMethodDef; bm::SHARED + 13] = bm::method_table(&OWN_METHODS);

#[inline(always)]
fn raw(op: *mut PyObject) -> *mut PyByteArrayObject {
    op.cast()
}

/// Whether `op` is a bytearray or subclass instance.
#[inline(always)]
pub unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { crate::object::typeobj::instance_of(op, &raw mut PyByteArray_Type) }
}

/// Number of bytes.
#[inline(always)]
pub unsafe fn len(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: op is a bytearray.
    unsafe { (*raw(op)).ob_base.ob_size }
}

/// The contents; valid until the bytearray is next resized.
#[inline(always)]
pub unsafe fn as_slice<'a>(op: *mut PyObject) -> &'a [u8] {
    // SAFETY: op is a bytearray; ob_start holds ob_size bytes when non-NULL.
    unsafe {
        let n = len(op) as usize;
        if n == 0 {
            return &[];
        }
        std::slice::from_raw_parts((*raw(op)).ob_start as *const u8, n)
    }
}

/// The contents, mutable.
#[inline(always)]
pub unsafe fn as_mut_slice<'a>(op: *mut PyObject) -> &'a mut [u8] {
    // SAFETY: as for as_slice; the caller holds no other view.
    unsafe {
        let n = len(op) as usize;
        if n == 0 {
            return &mut [];
        }
        std::slice::from_raw_parts_mut((*raw(op)).ob_start as *mut u8, n)
    }
}

/// `PyByteArray_Resize`: sets the size, keeping the prefix; new bytes are
/// uninitialized. `BufferError` while a buffer view is exported.
pub unsafe fn resize(op: *mut PyObject, size: Py_ssize_t) -> PyResult<()> {
    // SAFETY: op is a bytearray.
    unsafe {
        let b = raw(op);
        if size < 0 {
            return Err(errors::system_error(
                "Negative size passed to PyByteArray_Resize",
            ));
        }
        if size == (*b).ob_base.ob_size {
            return Ok(());
        }
        if (*b).ob_exports > 0 {
            return Err(errors::set_string(
                crate::object::exceptions::PyExc_BufferError,
                "Existing exports of data: object cannot be re-sized",
            ));
        }
        let alloc = (*b).ob_alloc;
        let new_alloc = if size + 1 < alloc / 2 {
            size + 1
        } else if size < alloc {
            (*b).ob_base.ob_size = size;
            *(*b).ob_start.offset(size) = 0;
            return Ok(());
        } else if size as f64 <= alloc as f64 * 1.125 {
            size + (size >> 3) + if size < 9 { 3 } else { 6 }
        } else {
            size + 1
        };
        if new_alloc as usize > isize::MAX as usize {
            return Err(errors::no_memory());
        }
        let p = crate::object::alloc::raw_realloc((*b).ob_bytes.cast(), new_alloc as usize)
            as *mut libc::c_char;
        if p.is_null() {
            return Err(errors::no_memory());
        }
        (*b).ob_bytes = p;
        (*b).ob_start = p;
        (*b).ob_alloc = new_alloc;
        (*b).ob_base.ob_size = size;
        *p.offset(size) = 0;
        Ok(())
    }
}

/// Replaces the whole contents with `data`.
pub unsafe fn set_contents(op: *mut PyObject, data: &[u8]) -> PyResult<()> {
    // SAFETY: op is a bytearray; data does not alias its buffer (callers
    // pass copies).
    unsafe {
        resize(op, data.len() as Py_ssize_t)?;
        if !data.is_empty() {
            std::ptr::copy_nonoverlapping(
                data.as_ptr(),
                (*raw(op)).ob_start as *mut u8,
                data.len(),
            );
        }
        Ok(())
    }
}

/// A new bytearray copied from `data`.
pub fn from_slice(data: &[u8]) -> PyResult<Owned> {
    // SAFETY: a fresh exact bytearray.
    unsafe {
        let op = errors::check(crate::capi::allocation::PyType_GenericAlloc(
            &raw mut PyByteArray_Type,
            0,
        ))?;
        set_contents(op.as_ptr(), data)?;
        Ok(op)
    }
}

/// Replaces `self[lo:hi]` with `src` (a copy).
unsafe fn splice(op: *mut PyObject, lo: usize, hi: usize, src: &[u8]) -> PyResult<()> {
    // SAFETY: op is a bytearray; lo <= hi <= len.
    unsafe {
        let mut v = as_slice(op).to_vec();
        v.splice(lo..hi, src.iter().copied());
        set_contents(op, &v)
    }
}

// ---- slots ---------------------------------------------------------------

unsafe extern "C" fn ba_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        crate::object::alloc::raw_free((*raw(op)).ob_bytes.cast());
        let tp = (*op).ob_type;
        if let Some(free) = (*tp).tp_free {
            free(op.cast());
        }
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(tp.cast());
        }
    }
}

unsafe extern "C" fn ba_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a bytearray.
        unsafe {
            let name = crate::object::typeobj::short_name((*op).ob_type);
            pystr::from_str(&format!("{name}({})", bm::repr_text(as_slice(op))))
        }
    })
}

/// `bytearray.__str__` (`bytearray_str`): the repr, after a
/// `BytesWarning` under `-b`.
unsafe extern "C" fn ba_str(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded after the warning.
    match bytes::bytes_warning("str() on a bytearray instance") {
        Ok(()) => unsafe { ba_repr(op) },
        Err(_) => null_mut(),
    }
}

unsafe extern "C" fn ba_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    // SAFETY: a and b valid.
    guard_obj(|| unsafe {
        if pystr::check(a) || pystr::check(b) {
            if op == Py_EQ || op == Py_NE {
                bytes::bytes_warning("Comparison between bytearray and string")?;
            }
            return Ok(Owned::from_borrowed_static(none::not_implemented()));
        }
        let (Some(x), Some(y)) = (bytes_like(a)?, bytes_like(b)?) else {
            return Ok(Owned::from_borrowed_static(none::not_implemented()));
        };
        let r = match op {
            Py_EQ => x == y,
            Py_NE => x != y,
            Py_LT => x < y,
            Py_LE => x <= y,
            Py_GT => x > y,
            _ => x >= y,
        };
        Ok(Owned::from_borrowed_static(crate::object::bool::from_bool(
            r,
        )))
    })
}

unsafe extern "C" fn ba_length(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: op is a bytearray.
    unsafe { len(op) }
}

unsafe extern "C" fn ba_concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is a bytearray.
        unsafe {
            let Some(y) = bytes_like(b)? else {
                return Err(errors::type_error(format!(
                    "can't concat {} to {}",
                    type_name(b),
                    type_name(a)
                )));
            };
            let mut v = as_slice(a).to_vec();
            v.extend_from_slice(&y);
            from_slice(&v)
        }
    })
}

unsafe extern "C" fn ba_inplace_concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is a bytearray.
        unsafe {
            let Some(y) = bytes_like(b)? else {
                return Err(errors::type_error(format!(
                    "can't concat {} to {}",
                    type_name(b),
                    type_name(a)
                )));
            };
            let y = y.into_owned();
            let n = as_slice(a).len();
            splice(a, n, n, &y)?;
            Ok(Owned::from_borrowed(a))
        }
    })
}

fn repeated(data: &[u8], n: Py_ssize_t) -> PyResult<Vec<u8>> {
    let n = n.max(0) as usize;
    if data
        .len()
        .checked_mul(n)
        .is_none_or(|t| t >= isize::MAX as usize)
    {
        return Err(errors::no_memory());
    }
    Ok(data.repeat(n))
}

unsafe extern "C" fn ba_repeat(op: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    // SAFETY: op is a bytearray.
    guard_obj(|| unsafe { from_slice(&repeated(as_slice(op), n)?) })
}

unsafe extern "C" fn ba_inplace_repeat(op: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a bytearray.
        unsafe {
            let v = repeated(as_slice(op), n)?;
            set_contents(op, &v)?;
            Ok(Owned::from_borrowed(op))
        }
    })
}

unsafe extern "C" fn ba_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    // SAFETY: op is a bytearray.
    unsafe {
        match as_slice(op).get(i as usize) {
            Some(&c) if i >= 0 => new_ref(int::small(c as i64)),
            _ => {
                errors::index_error("bytearray index out of range");
                null_mut()
            }
        }
    }
}

/// `self[i] = v` (v NULL deletes) with `i` already adjusted.
unsafe fn ass_item(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a bytearray.
    unsafe {
        // The value first: its `__index__` may resize the bytearray.
        let c = if v.is_null() {
            None
        } else {
            Some(bm::byte_value(v)?)
        };
        let n = len(op);
        if i < 0 || i >= n {
            return Err(errors::index_error("bytearray index out of range"));
        }
        match c {
            None => splice(op, i as usize, i as usize + 1, &[]),
            Some(c) => {
                as_mut_slice(op)[i as usize] = c;
                Ok(())
            }
        }
    }
}

unsafe extern "C" fn ba_ass_item(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) -> c_int {
    // SAFETY: op is a bytearray.
    guard_status(|| unsafe { ass_item(op, i, v) })
}

unsafe extern "C" fn ba_contains(op: *mut PyObject, x: *mut PyObject) -> c_int {
    // SAFETY: op is a bytearray.
    guard_int(|| unsafe {
        // A snapshot: `__index__` of x may resize the bytearray.
        let snapshot = as_slice(op).to_vec();
        bytes::contains(&snapshot, x).map(c_int::from)
    })
}

unsafe extern "C" fn ba_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a bytearray; the key is converted before the read.
        unsafe {
            if slice::check(key) {
                let ix = slice::indices_with(key, || len(op))?;
                let data = as_slice(op);
                let v: Vec<u8> = (0..ix.len).map(|k| data[ix.at(k) as usize]).collect();
                return from_slice(&v);
            }
            let mut i = number::index_as_ssize(key, "bytearray indice")?;
            if i < 0 {
                i += len(op);
            }
            match as_slice(op).get(i as usize) {
                Some(&c) if i >= 0 => Ok(Owned::from_borrowed_static(int::small(c as i64))),
                _ => Err(errors::index_error("bytearray index out of range")),
            }
        }
    })
}

/// The bytes a slice assignment inserts: a bytes-like object, or an
/// iterable of ints (not an int or str).
unsafe fn assigned_bytes(v: *mut PyObject) -> PyResult<Vec<u8>> {
    // SAFETY: v valid.
    unsafe {
        if let Some(b) = bytes_like(v)? {
            return Ok(b.into_owned());
        }
        if int::check(v) || pystr::check(v) {
            return Err(errors::type_error(
                "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
            ));
        }
        bytes::ints_of(v)
    }
}

unsafe fn ass_subscript(op: *mut PyObject, key: *mut PyObject, v: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a bytearray.
    unsafe {
        if !slice::check(key) {
            let mut i = number::index_as_ssize(key, "bytearray indice")?;
            if i < 0 {
                i += len(op);
            }
            return ass_item(op, i, v);
        }
        let src = if v.is_null() {
            None
        } else {
            Some(assigned_bytes(v)?)
        };
        let ix = slice::indices_with(key, || len(op))?;
        if ix.step == 1 {
            let lo = ix.start as usize;
            return splice(op, lo, lo + ix.len as usize, src.as_deref().unwrap_or(&[]));
        }
        // An empty replacement deletes the slice, as `del` does.
        match src.filter(|s| !s.is_empty()) {
            None => {
                let drop: std::collections::HashSet<usize> =
                    (0..ix.len).map(|k| ix.at(k) as usize).collect();
                let kept: Vec<u8> = as_slice(op)
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !drop.contains(i))
                    .map(|(_, &c)| c)
                    .collect();
                set_contents(op, &kept)
            }
            Some(src) => {
                if src.len() as Py_ssize_t != ix.len {
                    return Err(errors::value_error(format!(
                        "attempt to assign bytes of size {} to extended slice of size {}",
                        src.len(),
                        ix.len
                    )));
                }
                let data = as_mut_slice(op);
                for (k, &c) in src.iter().enumerate() {
                    data[ix.at(k as Py_ssize_t) as usize] = c;
                }
                Ok(())
            }
        }
    }
}

unsafe extern "C" fn ba_ass_subscript(
    op: *mut PyObject,
    key: *mut PyObject,
    v: *mut PyObject,
) -> c_int {
    // SAFETY: op is a bytearray.
    guard_status(|| unsafe { ass_subscript(op, key, v) })
}

unsafe extern "C" fn ba_getbuffer(op: *mut PyObject, view: *mut Py_buffer, flags: c_int) -> c_int {
    // SAFETY: op is a bytearray; view writable.
    unsafe {
        let b = raw(op);
        let p = if (*b).ob_start.is_null() {
            c"".as_ptr() as *mut u8
        } else {
            (*b).ob_start as *mut u8
        };
        let r = bytes::fill_buffer_info(view, op, p, len(op), false, flags);
        if r == 0 {
            (*b).ob_exports += 1;
        }
        r
    }
}

unsafe extern "C" fn ba_releasebuffer(op: *mut PyObject, _view: *mut Py_buffer) {
    // SAFETY: op is a bytearray with an export outstanding.
    unsafe { (*raw(op)).ob_exports -= 1 }
}

unsafe extern "C" fn ba_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> c_int {
    guard_status(|| {
        // SAFETY: op is a bytearray.
        unsafe {
            if let Some(it) = plain_iterator(args, kwargs)? {
                return init_from_iter(op, it.as_ptr());
            }
            let b = bytes::from_constructor_args("bytearray", args, kwargs)?;
            set_contents(op, bytes::as_slice(b.as_ptr()))
        }
    })
}

/// An iterator over the one positional argument of `bytearray(x)` when x
/// is an iterable of ints (no buffer, str or int).
unsafe fn plain_iterator(args: *mut PyObject, kwargs: *mut PyObject) -> PyResult<Option<Owned>> {
    // SAFETY: args a tuple, kwargs NULL or a dict.
    unsafe {
        let &[x] = tuple::items(args) else {
            return Ok(None);
        };
        if !kwargs.is_null() && crate::object::dict::len(kwargs) != 0
            || pystr::check(x)
            || bytes_like(x)?.is_some()
        {
            return Ok(None);
        }
        let nb = (*(*x).ob_type).tp_as_number;
        if !nb.is_null() && (*nb).nb_index.is_some() {
            return Ok(None);
        }
        match crate::object::protocol::get_iter(x) {
            Ok(it) => Ok(Some(it)),
            Err(_) if errors::matches(crate::object::exceptions::PyExc_TypeError) => {
                errors::clear();
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }
}

/// `bytearray.__init__(iterable)`: empties the bytearray, then appends
/// each value as it comes, as CPython does (the iterator sees it grow).
unsafe fn init_from_iter(op: *mut PyObject, it: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a bytearray; it an iterator.
    unsafe {
        resize(op, 0)?;
        while let Some(item) = crate::object::protocol::iter_next(it)? {
            let c = bm::byte_value(item.as_ptr())?;
            let n = len(op);
            resize(op, n + 1)?;
            as_mut_slice(op)[n as usize] = c;
        }
        Ok(())
    }
}

// ---- methods ---------------------------------------------------------------

unsafe extern "C" fn m_append(op: *mut PyObject, x: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a bytearray.
        unsafe {
            let c = bm::byte_value(x)?;
            let n = len(op);
            resize(op, n + 1)?;
            as_mut_slice(op)[n as usize] = c;
            Ok(Owned::from_borrowed_static(none::none()))
        }
    })
}

unsafe extern "C" fn m_extend(op: *mut PyObject, x: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a bytearray.
        unsafe {
            let v = match bytes_like(x)? {
                Some(b) => b.into_owned(),
                None => {
                    if pystr::check(x) {
                        return Err(errors::type_error(
                            "expected iterable of integers; got: 'str'",
                        ));
                    }
                    // As `bytearray_extend`, which sizes its buffer from the
                    // length hint: an error from `__len__` or
                    // `__length_hint__` propagates.
                    if (*(*x).ob_type).tp_iter.is_some() {
                        crate::object::list::length_hint(x, 64)?;
                    }
                    bytes::ints_of(x).map_err(|e| {
                        if errors::matches(crate::object::exceptions::PyExc_TypeError)
                            && (*(*x).ob_type).tp_iter.is_none()
                        {
                            errors::clear();
                            return errors::type_error(format!(
                                "can't extend bytearray with {}",
                                type_name(x)
                            ));
                        }
                        e
                    })?
                }
            };
            let n = as_slice(op).len();
            splice(op, n, n, &v)?;
            Ok(Owned::from_borrowed_static(none::none()))
        }
    })
}

unsafe extern "C" fn m_insert(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a bytearray; a holds n arguments.
        unsafe {
            let [i, x] = crate::capi::call::arg_slice(a, n as usize) else {
                return Err(errors::type_error(format!(
                    "insert expected 2 arguments, got {n}"
                )));
            };
            let i = number::index(*i)?;
            let mut i = int::as_i64(i.as_ptr())? as Py_ssize_t;
            let c = bm::byte_value(*x)?;
            let len = len(op);
            if i < 0 {
                i = (i + len).max(0);
            }
            let i = i.min(len) as usize;
            splice(op, i, i, &[c])?;
            Ok(Owned::from_borrowed_static(none::none()))
        }
    })
}

unsafe extern "C" fn m_pop(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a bytearray; a holds n arguments.
        unsafe {
            let i = match crate::capi::call::arg_slice(a, n as usize) {
                [] => -1,
                [i] => int::as_i64(number::index(*i)?.as_ptr())? as Py_ssize_t,
                _ => {
                    return Err(errors::type_error(format!(
                        "pop expected at most 1 argument, got {n}"
                    )))
                }
            };
            let len = len(op);
            if len == 0 {
                return Err(errors::index_error("pop from empty bytearray"));
            }
            let i = if i < 0 { i + len } else { i };
            if i < 0 || i >= len {
                return Err(errors::index_error("pop index out of range"));
            }
            let c = as_slice(op)[i as usize];
            splice(op, i as usize, i as usize + 1, &[])?;
            int::from_i64(c as i64)
        }
    })
}

unsafe extern "C" fn m_remove(op: *mut PyObject, x: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a bytearray.
        unsafe {
            let c = bm::byte_value(x)?;
            let Some(i) = as_slice(op).iter().position(|&b| b == c) else {
                return Err(errors::value_error("value not found in bytearray"));
            };
            splice(op, i, i + 1, &[])?;
            Ok(Owned::from_borrowed_static(none::none()))
        }
    })
}

unsafe extern "C" fn m_clear(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a bytearray.
        unsafe { resize(op, 0)? };
        Ok(Owned::from_borrowed_static(none::none()))
    })
}

unsafe extern "C" fn m_copy(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a bytearray.
    guard_obj(|| unsafe { from_slice(as_slice(op)) })
}

unsafe extern "C" fn m_reverse(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a bytearray.
    unsafe { as_mut_slice(op).reverse() };
    none::none()
}

unsafe extern "C" fn m_alloc(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a bytearray.
    guard_obj(|| unsafe { int::from_i64((*raw(op)).ob_alloc as i64) })
}

unsafe extern "C" fn m_sizeof(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a bytearray.
    guard_obj(|| unsafe {
        int::from_i64((*(*op).ob_type).tp_basicsize as i64 + (*raw(op)).ob_alloc as i64)
    })
}

unsafe extern "C" fn m_getitem(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a bytearray.
    unsafe { ba_subscript(op, key) }
}

unsafe extern "C" fn m_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a bytearray.
        unsafe {
            let b = bytes::from_slice(as_slice(op))?;
            let args = tuple::pack(&[b.as_ptr()])?;
            let state = crate::object::object_reduce::get_state(op)?;
            tuple::pack(&[(*op).ob_type.cast(), args.as_ptr(), state.as_ptr()])
        }
    })
}

// ---- iterator --------------------------------------------------------------

/// `PyByteArrayIter_Type` (`bytearray_iterator`).
#[no_mangle]
pub static mut PyByteArrayIter_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(crate::object::list::iter_dealloc),
    tp_traverse: Some(crate::object::list::iter_traverse),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_iter: Some(crate::object::iterobject::self_iter),
    tp_iternext: Some(baiter_next),
    tp_methods: (&raw const crate::object::list::ITER_METHODS)
        .cast_mut()
        .cast(),
    ..type_template(
        c"bytearray_iterator",
        std::mem::size_of::<crate::object::list::SeqIndexIter>(),
        0,
    )
};

unsafe extern "C" fn ba_iter(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a bytearray.
    guard_obj(|| unsafe { crate::object::list::new_iter(&raw mut PyByteArrayIter_Type, op, 0) })
}

unsafe extern "C" fn baiter_next(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a bytearray iterator.
    unsafe {
        let it = op.cast::<crate::object::list::SeqIndexIter>();
        let seq = (*it).it_seq;
        if seq.is_null() {
            return null_mut();
        }
        let i = (*it).it_index;
        if let Some(&c) = as_slice(seq).get(i as usize) {
            (*it).it_index = i + 1;
            return new_ref(int::small(c as i64));
        }
        (*it).it_seq = null_mut();
        decref(seq);
        null_mut()
    }
}
