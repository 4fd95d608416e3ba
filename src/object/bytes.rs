//! `bytes` (`PyBytes_Type`): an immutable byte string stored inline after
//! the header, NUL-terminated, with a cached hash. The empty string and the
//! 256 one-byte strings are static immortal singletons, as in CPython.
//! Methods shared with `bytearray` live in `bytes_methods.rs`.
use crate::capi::boundary::{guard_int, guard_obj};
use crate::ffi::*;
use crate::object::bytes_methods::{self as bm, bytes_like, need_bytes_like};
use crate::object::refcount::*;
use crate::object::typeobj::{type_name, type_template};
use crate::object::{descr, int, none, number, protocol, slice, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_int;
use std::ptr::null_mut;

/// `PyBytes_Type`.
#[no_mangle]
pub static mut PyBytes_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_BYTES_SUBCLASS | _Py_TPFLAGS_MATCH_SELF,
    tp_dealloc: Some(bytes_dealloc),
    tp_repr: Some(bytes_repr),
    tp_str: Some(bytes_str),
    tp_hash: Some(bytes_hash),
    tp_richcompare: Some(bytes_richcompare),
    tp_as_number: &raw mut BYTES_AS_NUMBER,
    tp_as_sequence: &raw mut BYTES_AS_SEQUENCE,
    tp_as_mapping: &raw mut BYTES_AS_MAPPING,
    tp_as_buffer: &raw mut BYTES_AS_BUFFER,
    tp_iter: Some(bytes_iter),
    tp_methods: (&raw const BYTES_METHODS).cast_mut().cast(),
    tp_new: Some(bytes_new),
    tp_free: Some(crate::capi::memory::PyObject_Free),
    tp_doc: c"bytes() -> empty bytes\nbytes(int) -> bytes of that many zero bytes\nbytes(iterable_of_ints) -> bytes\nbytes(string, encoding[, errors]) -> bytes\nbytes(bytes_or_buffer) -> immutable copy of the buffer\n\nAn immutable sequence of bytes (integers in range(256))."
        .as_ptr(),
    ..type_template(c"bytes", std::mem::offset_of!(PyBytesObject, ob_sval) + 1, 1)
};

static mut BYTES_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_remainder: Some(crate::object::bytes_format::bytes_mod),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

static mut BYTES_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(bytes_length),
    sq_concat: Some(bytes_concat),
    sq_repeat: Some(bytes_repeat),
    sq_item: Some(bytes_item),
    sq_contains: Some(bytes_contains),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

static mut BYTES_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: Some(bytes_length),
    mp_subscript: Some(bytes_subscript),
    mp_ass_subscript: None,
};

static mut BYTES_AS_BUFFER: PyBufferProcs = PyBufferProcs {
    bf_getbuffer: Some(bytes_getbuffer),
    bf_releasebuffer: None,
};

const OWN_METHODS: [PyMethodDef; 3] = [
    descr::method(c"__getnewargs__", bytes_getnewargs as *const _, METH_NOARGS).with_doc(
        c"__getnewargs__($self, /)\n--\n\nThe arguments that recreate self, for pickling.",
    ),
    descr::method(c"__bytes__", bytes_bytes as *const _, METH_NOARGS)
        .with_doc(c"__bytes__($self, /)\n--\n\nself as a bytes object."),
    descr::method(
        c"__getitem__",
        bytes_getitem as *const _,
        METH_O | METH_COEXIST,
    )
    .with_doc(c"__getitem__($self, key, /)\n--\n\nThe item self[key]."),
];

static BYTES_METHODS: [PyMethodDef; bm::SHARED + 4] = bm::method_table(&OWN_METHODS);

/// The empty bytes object, a static immortal singleton.
static mut EMPTY_BYTES: PyBytesObject = PyBytesObject {
    ob_base: static_var_head(&raw mut PyBytes_Type, 0),
    ob_shash: 0,
    ob_sval: [0],
};

/// A one-byte bytes object with room for its NUL (layout of
/// `PyBytesObject` with a longer `ob_sval`).
#[repr(C)]
struct CharBytes {
    ob_base: PyVarObject,
    ob_shash: Py_hash_t,
    ob_sval: [u8; 8],
}

const fn char_table() -> [CharBytes; 256] {
    let mut t = [const {
        CharBytes {
            ob_base: static_var_head(&raw mut PyBytes_Type, 1),
            ob_shash: -1,
            ob_sval: [0; 8],
        }
    }; 256];
    let mut i = 0;
    while i < 256 {
        t[i].ob_sval[0] = i as u8;
        i += 1;
    }
    t
}

/// `b'\x00'` .. `b'\xff'`, static immortal singletons.
static mut CHARACTERS: [CharBytes; 256] = char_table();

/// The empty bytes singleton (borrowed; immortal).
pub fn empty() -> *mut PyObject {
    (&raw mut EMPTY_BYTES).cast()
}

/// The one-byte singleton for `c` (borrowed; immortal).
#[inline]
pub fn single(c: u8) -> *mut PyObject {
    // SAFETY: a static table entry.
    unsafe { (&raw mut CHARACTERS[c as usize]).cast() }
}

/// Whether `op` is a bytes or bytes subclass instance.
#[inline(always)]
pub unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*(*op).ob_type).tp_flags & Py_TPFLAGS_BYTES_SUBCLASS != 0 }
}

/// Whether `op` is exactly a bytes.
#[inline(always)]
pub unsafe fn check_exact(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*op).ob_type == &raw mut PyBytes_Type }
}

/// A new bytes of `n` uninitialized bytes (NUL-terminated). The caller
/// fills it before anyone else sees it (no singleton is returned).
pub fn new_uninit(n: usize) -> PyResult<Owned> {
    let header = std::mem::offset_of!(PyBytesObject, ob_sval);
    let Some(size) = n
        .checked_add(header + 1)
        .filter(|&s| s <= isize::MAX as usize)
    else {
        return Err(errors::overflow_error("byte string is too large"));
    };
    // SAFETY: room for the header, n bytes and a NUL.
    unsafe {
        let op = crate::object::alloc::raw_malloc(size) as *mut PyObject;
        if op.is_null() {
            return Err(errors::no_memory());
        }
        crate::object::alloc::init_object(op, &raw mut PyBytes_Type);
        let b = op.cast::<PyBytesObject>();
        (*b).ob_base.ob_size = n as Py_ssize_t;
        (*b).ob_shash = -1;
        *(*b).ob_sval.as_mut_ptr().add(n) = 0;
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// A new bytes copied from `data` (the singletons for lengths 0 and 1).
#[inline]
pub fn from_slice(data: &[u8]) -> PyResult<Owned> {
    match data {
        [] => return Ok(Owned::from_borrowed_static(empty())),
        [c] => return Ok(Owned::from_borrowed_static(single(*c))),
        _ => {}
    }
    let o = new_uninit(data.len())?;
    // SAFETY: o has room for data.len() bytes.
    unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), as_mut_ptr(o.as_ptr()), data.len()) };
    Ok(o)
}

/// The byte buffer of a bytes object.
#[inline(always)]
pub unsafe fn as_mut_ptr(op: *mut PyObject) -> *mut u8 {
    // SAFETY: op is a bytes.
    unsafe { (*op.cast::<PyBytesObject>()).ob_sval.as_mut_ptr().cast() }
}

/// The contents of a bytes object.
#[inline(always)]
pub unsafe fn as_slice<'a>(op: *mut PyObject) -> &'a [u8] {
    // SAFETY: op is a bytes with ob_size bytes.
    unsafe {
        std::slice::from_raw_parts(as_mut_ptr(op), (*op.cast::<PyVarObject>()).ob_size as usize)
    }
}

/// Number of bytes.
#[inline(always)]
pub unsafe fn size(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: op is a bytes.
    unsafe { (*op.cast::<PyVarObject>()).ob_size }
}

/// `_PyBytes_Resize`: resizes a bytes only the caller references; on
/// failure `*p` is released and set to NULL.
pub unsafe fn resize(p: *mut *mut PyObject, newsize: Py_ssize_t) -> PyResult<()> {
    // SAFETY: *p is a bytes the caller owns alone (checked).
    unsafe {
        let v = *p;
        if v.is_null() || !check(v) || newsize < 0 || ((*v).ob_refcnt != 1 && size(v) != newsize) {
            *p = null_mut();
            xdecref(v);
            return Err(errors::bad_internal_call());
        }
        if size(v) == newsize {
            return Ok(());
        }
        if is_immortal(v) || newsize <= 1 {
            // A singleton (or a result that should be one): copy.
            let keep = (size(v) as usize).min(newsize as usize);
            let r = if newsize <= 1 && keep as Py_ssize_t == newsize {
                from_slice(&as_slice(v)[..keep])
            } else {
                new_uninit(newsize as usize).inspect(|r| {
                    std::ptr::copy_nonoverlapping(as_mut_ptr(v), as_mut_ptr(r.as_ptr()), keep)
                })
            };
            decref(v);
            *p = match r {
                Ok(r) => r.into_raw(),
                Err(e) => {
                    *p = null_mut();
                    return Err(e);
                }
            };
            return Ok(());
        }
        let header = std::mem::offset_of!(PyBytesObject, ob_sval);
        let np = crate::object::alloc::raw_realloc(v.cast(), header + newsize as usize + 1)
            as *mut PyObject;
        if np.is_null() {
            *p = null_mut();
            decref(v);
            return Err(errors::no_memory());
        }
        let b = np.cast::<PyBytesObject>();
        (*b).ob_base.ob_size = newsize;
        (*b).ob_shash = -1;
        *as_mut_ptr(np).add(newsize as usize) = 0;
        *p = np;
        Ok(())
    }
}

/// `a + b` for two bytes-like objects, as a bytes.
pub unsafe fn concat(a: *mut PyObject, b: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: a and b valid.
    unsafe {
        let (Some(x), Some(y)) = (bytes_like(a)?, bytes_like(b)?) else {
            let bad = if bytes_like(a)?.is_none() { a } else { b };
            return Err(errors::type_error(format!(
                "can't concat {} to {}",
                type_name(bad),
                type_name(a)
            )));
        };
        if y.is_empty() && check_exact(a) {
            return Ok(Owned::from_borrowed(a));
        }
        if x.is_empty() && check_exact(b) {
            return Ok(Owned::from_borrowed(b));
        }
        let r = new_uninit(x.len() + y.len())?;
        let p = as_mut_ptr(r.as_ptr());
        std::ptr::copy_nonoverlapping(x.as_ptr(), p, x.len());
        std::ptr::copy_nonoverlapping(y.as_ptr(), p.add(x.len()), y.len());
        Ok(r)
    }
}

/// `PyBytes_FromObject` / `bytes(x)` for a non-str argument: a copy of a
/// buffer, or the ints of an iterable.
pub unsafe fn from_object(x: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: x valid.
    unsafe {
        if check_exact(x) {
            return Ok(Owned::from_borrowed(x));
        }
        if let Some(b) = crate::object::bytes_methods::bytes_like_with(x, PyBUF_FULL_RO)? {
            return from_slice(&b);
        }
        if pystr::check(x) {
            return Err(errors::type_error(format!(
                "cannot convert '{}' object to bytes",
                type_name(x)
            )));
        }
        from_iterable_of_ints(x)
    }
}

/// The byte values of an iterable of ints (`bytes([1, 2])`).
pub unsafe fn ints_of(x: *mut PyObject) -> PyResult<Vec<u8>> {
    // SAFETY: x valid.
    unsafe {
        let it = match protocol::get_iter(x) {
            Ok(it) => it,
            Err(e) => {
                if errors::matches(crate::object::exceptions::PyExc_TypeError) {
                    errors::clear();
                    return Err(errors::type_error(format!(
                        "cannot convert '{}' object to bytes",
                        type_name(x)
                    )));
                }
                return Err(e);
            }
        };
        let mut v = Vec::new();
        while let Some(o) = protocol::iter_next(it.as_ptr())? {
            let i = number::index(o.as_ptr())?;
            match int::as_i64(i.as_ptr()) {
                Ok(b) if (0..256).contains(&b) => v.push(b as u8),
                r => {
                    if r.is_err() {
                        errors::clear();
                    }
                    return Err(errors::value_error("bytes must be in range(0, 256)"));
                }
            }
        }
        Ok(v)
    }
}

unsafe fn from_iterable_of_ints(x: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: x valid.
    unsafe { from_slice(&ints_of(x)?) }
}

/// `hash(b)`: the same value as the hash of the equal ASCII str.
#[inline]
pub unsafe fn hash(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: op is a bytes.
    unsafe {
        let b = op.cast::<PyBytesObject>();
        if (*b).ob_shash != -1 {
            return (*b).ob_shash;
        }
        let h = crate::object::hash::hash_bytes(as_slice(op));
        (*b).ob_shash = h;
        h
    }
}

// ---- slots ---------------------------------------------------------------

unsafe extern "C" fn bytes_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; singletons are immortal.
    unsafe {
        let tp = (*op).ob_type;
        if let Some(free) = (*tp).tp_free {
            free(op.cast());
        }
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(tp.cast());
        }
    }
}

unsafe extern "C" fn bytes_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a bytes.
    guard_obj(|| unsafe { pystr::from_str(&bm::repr_text(as_slice(op))) })
}

/// A `BytesWarning` with `msg` when `-b` is given (`PyErr_WarnEx(...,
/// 1)`); an error when the warning filters make it one (`-bb`).
pub fn bytes_warning(msg: &str) -> PyResult<()> {
    if crate::runtime::config::bytes_warning() == 0 {
        return Ok(());
    }
    let m = pystr::from_str(msg)?;
    // SAFETY: the category is a static type; m a str.
    unsafe {
        crate::modules::_warnings::warn(
            crate::object::exceptions::PyExc_BytesWarning,
            m.as_ptr(),
            1,
            null_mut(),
            null_mut(),
        )
    }
}

/// `bytes.__str__` (`bytes_str`): the repr, after a `BytesWarning` under
/// `-b`.
unsafe extern "C" fn bytes_str(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a bytes.
    guard_obj(|| unsafe {
        bytes_warning("str() on a bytes instance")?;
        pystr::from_str(&bm::repr_text(as_slice(op)))
    })
}

unsafe extern "C" fn bytes_hash(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: op is a bytes.
    unsafe { hash(op) }
}

unsafe extern "C" fn bytes_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    // SAFETY: a and b valid.
    guard_obj(|| unsafe {
        if !check(a) || !check(b) {
            // Under -b, equality with a str or an int warns.
            if crate::runtime::config::bytes_warning() != 0 && (op == Py_EQ || op == Py_NE) {
                let any_is = |tp: *mut PyTypeObject| {
                    crate::object::typeobj::instance_of(a, tp)
                        || crate::object::typeobj::instance_of(b, tp)
                };
                if any_is(&raw mut crate::object::str::PyUnicode_Type) {
                    bytes_warning("Comparison between bytes and string")?;
                } else if any_is(&raw mut crate::object::int::PyLong_Type) {
                    bytes_warning("Comparison between bytes and int")?;
                }
            }
            return Ok(Owned::from_borrowed_static(none::not_implemented()));
        }
        let (x, y) = (as_slice(a), as_slice(b));
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

unsafe extern "C" fn bytes_length(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: op is a bytes.
    unsafe { size(op) }
}

unsafe extern "C" fn bytes_concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: a is a bytes.
    guard_obj(|| unsafe { concat(a, b) })
}

/// `data * n` as a bytes.
pub fn repeat(data: &[u8], n: Py_ssize_t) -> PyResult<Owned> {
    let n = n.max(0) as usize;
    let Some(total) = data
        .len()
        .checked_mul(n)
        .filter(|&t| t < isize::MAX as usize - 64)
    else {
        return Err(errors::overflow_error("repeated bytes are too long"));
    };
    if total <= 1 {
        return from_slice(&data[..total]);
    }
    let r = new_uninit(total)?;
    // SAFETY: r has room for total bytes.
    let out = unsafe { std::slice::from_raw_parts_mut(as_mut_ptr(r.as_ptr()), total) };
    if data.len() == 1 {
        out.fill(data[0]);
    } else {
        for chunk in out.chunks_exact_mut(data.len()) {
            chunk.copy_from_slice(data);
        }
    }
    Ok(r)
}

unsafe extern "C" fn bytes_repeat(op: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a bytes.
        unsafe {
            if n == 1 && check_exact(op) {
                return Ok(Owned::from_borrowed(op));
            }
            repeat(as_slice(op), n)
        }
    })
}

unsafe extern "C" fn bytes_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    // SAFETY: op is a bytes.
    unsafe {
        match as_slice(op).get(i as usize) {
            Some(&c) if i >= 0 => new_ref(int::small(c as i64)),
            _ => {
                errors::index_error("index out of range");
                null_mut()
            }
        }
    }
}

/// `x in data` for bytes and bytearray: an int byte or a bytes-like
/// subsequence.
pub unsafe fn contains(data: &[u8], x: *mut PyObject) -> PyResult<bool> {
    // SAFETY: x valid.
    unsafe {
        if let Some(b) = bytes_like(x)? {
            return Ok(bm::find_sub(data, &b).is_some());
        }
        let nb = (*(*x).ob_type).tp_as_number;
        if int::check(x) || (!nb.is_null() && (*nb).nb_index.is_some()) {
            let c = bm::byte_value(x)?;
            return Ok(data.contains(&c));
        }
        need_bytes_like(x).map(|_| false)
    }
}

unsafe extern "C" fn bytes_contains(op: *mut PyObject, x: *mut PyObject) -> c_int {
    // SAFETY: op is a bytes.
    guard_int(|| unsafe { contains(as_slice(op), x).map(c_int::from) })
}

/// `data[key]` for bytes-like sequences: an int for an index, `make` of
/// the selected bytes for a slice.
pub unsafe fn subscript(
    data: &[u8],
    key: *mut PyObject,
    make: impl FnOnce(&[u8]) -> PyResult<Owned>,
) -> PyResult<Owned> {
    // SAFETY: key valid.
    unsafe {
        if slice::check(key) {
            let ix = slice::indices(key, data.len() as Py_ssize_t)?;
            if ix.step == 1 {
                return make(&data[ix.start as usize..(ix.start + ix.len) as usize]);
            }
            let v: Vec<u8> = (0..ix.len).map(|k| data[ix.at(k) as usize]).collect();
            return make(&v);
        }
        let mut i = number::index_as_ssize(key, "byte indice")?;
        if i < 0 {
            i += data.len() as Py_ssize_t;
        }
        match data.get(i as usize) {
            Some(&c) if i >= 0 => Ok(Owned::from_borrowed_static(int::small(c as i64))),
            _ => Err(errors::index_error("index out of range")),
        }
    }
}

unsafe extern "C" fn bytes_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a bytes.
        unsafe {
            let data = as_slice(op);
            if slice::check(key) {
                let ix = slice::indices(key, data.len() as Py_ssize_t)?;
                if ix.step == 1 && ix.len == data.len() as Py_ssize_t && check_exact(op) {
                    return Ok(Owned::from_borrowed(op));
                }
            }
            subscript(data, key, from_slice)
        }
    })
}

unsafe extern "C" fn bytes_getitem(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a bytes.
    unsafe { bytes_subscript(op, key) }
}

unsafe extern "C" fn bytes_getbuffer(
    op: *mut PyObject,
    view: *mut Py_buffer,
    flags: c_int,
) -> c_int {
    // SAFETY: op is a bytes; view writable.
    unsafe { fill_buffer_info(view, op, as_mut_ptr(op), size(op), true, flags) }
}

/// `PyBuffer_FillInfo`: a one-dimensional unsigned-byte view of `len`
/// bytes at `buf`, owned by `obj`.
pub unsafe fn fill_buffer_info(
    view: *mut Py_buffer,
    obj: *mut PyObject,
    buf: *mut u8,
    len: Py_ssize_t,
    readonly: bool,
    flags: c_int,
) -> c_int {
    // SAFETY: view writable; obj valid.
    unsafe {
        if view.is_null() {
            errors::set_string(
                crate::object::exceptions::PyExc_BufferError,
                "PyBuffer_FillInfo: view==NULL argument is obsolete",
            );
            return -1;
        }
        if flags != -1 && (flags & PyBUF_WRITABLE) == PyBUF_WRITABLE && readonly {
            errors::set_string(
                crate::object::exceptions::PyExc_BufferError,
                "Object is not writable.",
            );
            return -1;
        }
        let v = &mut *view;
        v.obj = new_ref(obj);
        v.buf = buf.cast();
        v.len = len;
        v.readonly = readonly as c_int;
        v.itemsize = 1;
        v.format = if flags != -1 && flags & PyBUF_FORMAT == PyBUF_FORMAT {
            c"B".as_ptr() as *mut _
        } else {
            null_mut()
        };
        v.ndim = 1;
        v.shape = if flags != -1 && flags & PyBUF_ND == PyBUF_ND {
            &mut v.len
        } else {
            null_mut()
        };
        v.strides = if flags != -1 && flags & PyBUF_STRIDES == PyBUF_STRIDES {
            &mut v.itemsize
        } else {
            null_mut()
        };
        v.suboffsets = null_mut();
        v.internal = null_mut();
        0
    }
}

unsafe extern "C" fn bytes_getnewargs(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a bytes.
        unsafe {
            let b = from_slice(as_slice(op))?;
            tuple::pack(&[b.as_ptr()])
        }
    })
}

unsafe extern "C" fn bytes_bytes(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a bytes.
        unsafe {
            if check_exact(op) {
                return Ok(Owned::from_borrowed(op));
            }
            from_slice(as_slice(op))
        }
    })
}

/// `bytes(x)` through `x.__bytes__()` when the type defines it.
unsafe fn via_dunder_bytes(x: *mut PyObject) -> PyResult<Option<Owned>> {
    // SAFETY: x valid.
    unsafe {
        if crate::object::typeobj::lookup_str((*x).ob_type, "__bytes__").is_null() {
            return Ok(None);
        }
        let r = protocol::call_method_obj(x, "__bytes__", &[])?;
        if !check(r.as_ptr()) {
            return Err(errors::type_error(format!(
                "__bytes__ returned non-bytes (type {})",
                type_name(r.as_ptr())
            )));
        }
        Ok(Some(r))
    }
}

/// `PyObject_Bytes`: `bytes(x)` of one argument: `x` itself when it is
/// an exact bytes, else `x.__bytes__()`, else `PyBytes_FromObject`.
pub unsafe fn of_object(x: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: x valid.
    unsafe {
        if check_exact(x) {
            return Ok(Owned::from_borrowed(x));
        }
        match via_dunder_bytes(x)? {
            Some(b) => Ok(b),
            None => from_object(x),
        }
    }
}

/// The contents `bytes(...)` / `bytearray(...)` (`name`) build from their
/// arguments, as a new exact bytes; only `bytes` consults `__bytes__`.
pub unsafe fn from_constructor_args(
    name: &str,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: args a tuple, kwargs NULL or a dict.
    unsafe {
        let pos = tuple::items(args);
        if pos.len() > 3 {
            return Err(errors::type_error(format!(
                "{name}() takes at most 3 arguments ({} given)",
                pos.len()
            )));
        }
        let mut a: [*mut PyObject; 3] = [null_mut(); 3];
        a[..pos.len()].copy_from_slice(pos);
        if !kwargs.is_null() {
            let mut i = 0;
            while let Some((k, v)) = crate::object::dict::next(kwargs, &mut i) {
                let (fname, key) = (name, pystr::as_str(k)?);
                let slot = match key {
                    "source" => 0,
                    "encoding" => 1,
                    "errors" => 2,
                    _ => {
                        return Err(errors::type_error(format!(
                            "{fname}() got an unexpected keyword argument '{key}'"
                        )))
                    }
                };
                if !a[slot].is_null() {
                    return Err(errors::type_error(format!(
                        "argument for {fname}() given by name ('{key}') and position ({})",
                        slot + 1
                    )));
                }
                a[slot] = v;
            }
        }
        let [x, enc, errs] = a;
        if x.is_null() {
            if !enc.is_null() || !errs.is_null() {
                return Err(errors::type_error(if !enc.is_null() {
                    "encoding without a string argument"
                } else {
                    "errors without a string argument"
                }));
            }
            return Ok(Owned::from_borrowed_static(empty()));
        }
        if !enc.is_null() || !errs.is_null() {
            if !pystr::check(x) {
                return Err(errors::type_error(if !enc.is_null() {
                    "encoding without a string argument"
                } else {
                    "errors without a string argument"
                }));
            }
            let mut call_args = vec![if enc.is_null() {
                pystr::intern("utf-8")
            } else {
                enc
            }];
            if !errs.is_null() {
                call_args.push(errs);
            }
            let r = protocol::call_method_obj(x, "encode", &call_args)?;
            return from_object(r.as_ptr());
        }
        if name == "bytes" {
            if let Some(r) = via_dunder_bytes(x)? {
                return Ok(r);
            }
        }
        if pystr::check(x) {
            return Err(errors::type_error("string argument without an encoding"));
        }
        let nb = (*(*x).ob_type).tp_as_number;
        if !nb.is_null() && (*nb).nb_index.is_some() && bytes_like(x)?.is_none() {
            let n = match number::index_as_ssize(x, "integer") {
                Ok(n) => n,
                Err(e) => {
                    if errors::matches(crate::object::exceptions::PyExc_IndexError) {
                        errors::clear();
                        return Err(errors::overflow_error(
                            "cannot fit 'int' into an index-sized integer",
                        ));
                    }
                    return Err(e);
                }
            };
            if n < 0 {
                return Err(errors::value_error("negative count"));
            }
            let r = new_uninit(n as usize)?;
            std::ptr::write_bytes(as_mut_ptr(r.as_ptr()), 0, n as usize);
            return Ok(r);
        }
        from_object(x)
    }
}

unsafe extern "C" fn bytes_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: tp is bytes or a subclass.
        unsafe {
            let b = from_constructor_args("bytes", args, kwargs)?;
            if tp == &raw mut PyBytes_Type {
                return Ok(b);
            }
            let data = as_slice(b.as_ptr());
            let alloc = (*tp)
                .tp_alloc
                .unwrap_or(crate::capi::allocation::PyType_GenericAlloc);
            let r = errors::check(alloc(tp, data.len() as Py_ssize_t))?;
            std::ptr::copy_nonoverlapping(data.as_ptr(), as_mut_ptr(r.as_ptr()), data.len());
            *as_mut_ptr(r.as_ptr()).add(data.len()) = 0;
            (*r.as_ptr().cast::<PyBytesObject>()).ob_shash = -1;
            Ok(r)
        }
    })
}

// ---- iterator --------------------------------------------------------------

/// `PyBytesIter_Type` (`bytes_iterator`), laid out as `list::SeqIndexIter`.
#[no_mangle]
pub static mut PyBytesIter_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(crate::object::list::iter_dealloc),
    tp_traverse: Some(crate::object::list::iter_traverse),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_iter: Some(crate::object::iterobject::self_iter),
    tp_iternext: Some(bytesiter_next),
    tp_methods: (&raw const crate::object::list::ITER_METHODS)
        .cast_mut()
        .cast(),
    ..type_template(
        c"bytes_iterator",
        std::mem::size_of::<crate::object::list::SeqIndexIter>(),
        0,
    )
};

unsafe extern "C" fn bytes_iter(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a bytes.
    guard_obj(|| unsafe { crate::object::list::new_iter(&raw mut PyBytesIter_Type, op, 0) })
}

unsafe extern "C" fn bytesiter_next(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a bytes iterator.
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
