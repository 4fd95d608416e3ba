//! `memoryview` (`PyMemoryView_Type`) and the managed buffer it shares with
//! its slices (`_PyManagedBuffer_Type`): the managed buffer holds the one
//! view obtained from the exporter and gives it back when the last
//! memoryview on it goes away or is released.
use crate::capi::boundary::{guard, guard_obj, guard_status};
use crate::ffi::*;
use crate::object::buffer::{self, buffer_error};
use crate::object::refcount::*;
use crate::object::typeobj::{type_name, type_template};
use crate::object::{
    bool as pybool, bytes, descr, dict, int, list, none, slice, str as pystr, tuple,
};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::{c_int, c_void};
use std::ptr::null_mut;

/// `_PyManagedBufferObject`.
#[repr(C)]
pub struct PyManagedBufferObject {
    pub ob_base: PyObject,
    pub flags: c_int,
    pub exports: Py_ssize_t,
    pub master: Py_buffer,
}

/// `PyMemoryViewObject` (CPython 3.14 layout): `ob_array` holds the
/// shape, strides and suboffsets, `ndim` entries each.
#[repr(C)]
pub struct PyMemoryViewObject {
    pub ob_base: PyVarObject,
    pub mbuf: *mut PyObject,
    pub hash: Py_hash_t,
    pub flags: c_int,
    pub exports: Py_ssize_t,
    pub view: Py_buffer,
    pub weakreflist: *mut PyObject,
    pub ob_array: [Py_ssize_t; 1],
}

const RELEASED: c_int = 0x001;

/// `_PyManagedBuffer_Type`.
#[no_mangle]
pub static mut _PyManagedBuffer_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(mbuf_dealloc),
    tp_traverse: Some(mbuf_traverse),
    tp_clear: Some(mbuf_clear),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    ..type_template(
        c"managedbuffer",
        std::mem::size_of::<PyManagedBufferObject>(),
        0,
    )
};

/// `PyMemoryView_Type`.
#[no_mangle]
pub static mut PyMemoryView_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_SEQUENCE | Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(mv_dealloc),
    tp_traverse: Some(mv_traverse),
    tp_clear: Some(mv_clear),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_repr: Some(mv_repr),
    tp_hash: Some(mv_hash),
    tp_richcompare: Some(mv_richcompare),
    tp_iter: Some(mv_iter),
    tp_new: Some(mv_new),
    tp_weaklistoffset: std::mem::offset_of!(PyMemoryViewObject, weakreflist) as Py_ssize_t,
    tp_as_sequence: &raw mut MV_AS_SEQUENCE,
    tp_as_mapping: &raw mut MV_AS_MAPPING,
    tp_as_buffer: &raw mut MV_AS_BUFFER,
    tp_methods: (&raw const MV_METHODS).cast_mut().cast(),
    tp_getset: (&raw const MV_GETSET).cast_mut().cast(),
    tp_doc: c"memoryview(object)\n--\n\nA view of the memory of an object that exports a buffer, without a copy."
        .as_ptr(),
    ..type_template(
        c"memoryview",
        std::mem::offset_of!(PyMemoryViewObject, ob_array),
        std::mem::size_of::<Py_ssize_t>(),
    )
};

/// The iterator over a one-dimensional memoryview.
#[repr(C)]
pub struct MemoryIter {
    pub ob_base: PyObject,
    /// The memoryview, NULL once exhausted.
    pub view: *mut PyObject,
    pub index: Py_ssize_t,
}

/// `_PyMemoryIter_Type`.
#[no_mangle]
pub static mut _PyMemoryIter_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(memoryiter_dealloc),
    tp_traverse: Some(memoryiter_traverse),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_iter: Some(crate::object::iterobject::self_iter),
    tp_iternext: Some(memoryiter_next),
    ..type_template(c"memory_iterator", std::mem::size_of::<MemoryIter>(), 0)
};

static mut MV_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(mv_length),
    sq_item: Some(mv_item),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

static mut MV_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: Some(mv_length),
    mp_subscript: Some(mv_subscript),
    mp_ass_subscript: Some(mv_ass_subscript),
};

static mut MV_AS_BUFFER: PyBufferProcs = PyBufferProcs {
    bf_getbuffer: Some(mv_getbuffer),
    bf_releasebuffer: Some(mv_releasebuffer),
};

static MV_METHODS: [PyMethodDef; 11] = [
    descr::method(c"release", m_release as *const _, METH_NOARGS).with_doc(c"release($self, /)\n--\n\nRelease the buffer the view holds; the view cannot be used afterwards."),
    descr::method(c"count", m_count as *const _, METH_O).with_doc(c"count($self, value, /)\n--\n\nThe number of elements equal to value."),
    descr::method(c"index", m_index as *const _, METH_FASTCALL).with_doc(c"index($self, value, start=0, stop=sys.maxsize, /)\n--\n\nThe index of the first element equal to value in self[start:stop];\nValueError when there is none."),
    descr::method(
        c"tobytes",
        m_tobytes as *const _,
        METH_VARARGS | METH_KEYWORDS,
    ).with_doc(c"tobytes($self, /, order='C')\n--\n\nThe data of the view as bytes, in C (order='C'), Fortran ('F') or\nmemory ('A') order."),
    descr::method(c"hex", m_hex as *const _, METH_VARARGS | METH_KEYWORDS).with_doc(c"hex($self, /, sep=<unrepresentable>, bytes_per_sep=1)\n--\n\nThe data as hexadecimal text, two digits per byte.\n\nsep, a one-character str or bytes, goes between groups of\nbytes_per_sep bytes, counted from the right (from the left when\nnegative): b'\\xb9\\x01\\xef'.hex(':', 2) == 'b9:01ef'."),
    descr::method(c"tolist", m_tolist as *const _, METH_NOARGS).with_doc(c"tolist($self, /)\n--\n\nThe data of the view as a (nested) list of elements."),
    descr::method(c"toreadonly", m_toreadonly as *const _, METH_NOARGS).with_doc(c"toreadonly($self, /)\n--\n\nA read-only view of the same memory."),
    descr::method(c"cast", m_cast as *const _, METH_VARARGS | METH_KEYWORDS).with_doc(c"cast($self, /, format, shape=<unrepresentable>)\n--\n\nA view of the same memory with another element format and shape."),
    descr::method(c"__enter__", m_enter as *const _, METH_NOARGS).with_doc(c"__enter__($self, /)\n--\n\nself, for a with statement that releases the view at its end."),
    descr::method(c"__exit__", m_exit as *const _, METH_VARARGS).with_doc(c"__exit__($self, /, *exc_info)\n--\n\nRelease the view at the end of a with statement."),
    descr::METHOD_END,
];

static MV_GETSET: [PyGetSetDef; 13] = [
    descr::getset(c"obj", Some(g_obj), None).with_doc(c"The object whose memory the view shows."),
    descr::getset(c"nbytes", Some(g_nbytes), None).with_doc(c"The size in bytes the data would take in a contiguous copy\n(product of the shape times itemsize)."),
    descr::getset(c"readonly", Some(g_readonly), None).with_doc(c"True if the memory cannot be written through the view."),
    descr::getset(c"itemsize", Some(g_itemsize), None).with_doc(c"The size in bytes of one element."),
    descr::getset(c"format", Some(g_format), None).with_doc(c"The format of an element, in struct module syntax."),
    descr::getset(c"ndim", Some(g_ndim), None).with_doc(c"The number of dimensions of the view."),
    descr::getset(c"shape", Some(g_shape), None).with_doc(c"The length of the view in each dimension, as a tuple."),
    descr::getset(c"strides", Some(g_strides), None).with_doc(c"The step in bytes between elements in each dimension, as a tuple."),
    descr::getset(c"suboffsets", Some(g_suboffsets), None).with_doc(c"The suboffsets of a PIL-style array, as a tuple (empty for others)."),
    descr::getset(c"c_contiguous", Some(g_c_contiguous), None).with_doc(c"True if the memory is contiguous in C order."),
    descr::getset(c"f_contiguous", Some(g_f_contiguous), None).with_doc(c"True if the memory is contiguous in Fortran order."),
    descr::getset(c"contiguous", Some(g_contiguous), None).with_doc(c"True if the memory is contiguous (in C or Fortran order)."),
    descr::GETSET_END,
];

/// `PyMemoryView_Check`.
pub unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*op).ob_type == &raw mut PyMemoryView_Type }
}

unsafe fn mv<'a>(op: *mut PyObject) -> &'a mut PyMemoryViewObject {
    // SAFETY: op is a memoryview.
    unsafe { &mut *op.cast::<PyMemoryViewObject>() }
}

/// The exporter a memoryview's view names (borrowed; NULL for none).
pub unsafe fn exporter(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a memoryview.
    unsafe { mv(op).view.obj }
}

/// The buffer a memoryview exposes.
pub unsafe fn view<'a>(op: *mut PyObject) -> &'a Py_buffer {
    // SAFETY: op is a memoryview.
    unsafe { &mv(op).view }
}

/// Whether a memoryview was released.
pub unsafe fn is_released(op: *mut PyObject) -> bool {
    // SAFETY: op is a memoryview.
    unsafe { mv(op).flags & RELEASED != 0 }
}

/// Makes a new memoryview over contiguous memory show it as raw bytes:
/// format `B`, one dimension of `len` items (`PickleBuffer.raw`). The
/// shape and strides point into the view itself, as CPython's do.
pub unsafe fn flatten_to_bytes(op: *mut PyObject) {
    // SAFETY: op is a memoryview nobody has seen yet; its view lives in
    // the object, so the pointers stay valid as long as it does.
    unsafe {
        let v = &mut mv(op).view;
        v.format = c"B".as_ptr() as *mut _;
        v.ndim = 1;
        v.itemsize = 1;
        v.shape = &mut v.len;
        v.strides = &mut v.itemsize;
    }
}

/// Makes a new memoryview read-only (the unpickler's READONLY_BUFFER).
pub unsafe fn set_readonly(op: *mut PyObject) {
    // SAFETY: op is a memoryview nobody else has seen yet.
    unsafe { mv(op).view.readonly = 1 }
}

/// The view of a live memoryview; `ValueError` once released.
unsafe fn live<'a>(op: *mut PyObject) -> PyResult<&'a mut Py_buffer> {
    // SAFETY: op is a memoryview.
    unsafe {
        let m = mv(op);
        if m.flags & RELEASED != 0 {
            return Err(errors::value_error(
                "operation forbidden on released memoryview object",
            ));
        }
        Ok(&mut m.view)
    }
}

/// A managed buffer owning `master` (whose exporter reference moves in).
unsafe fn new_mbuf(master: Py_buffer) -> PyResult<*mut PyObject> {
    // SAFETY: static type; the new object is fully initialized here.
    unsafe {
        let op = crate::object::alloc::generic_alloc(&raw mut _PyManagedBuffer_Type, 0);
        if op.is_null() {
            let mut m = master;
            buffer::release(&mut m);
            return Err(Raised::assume());
        }
        (*op.cast::<PyManagedBufferObject>()).master = master;
        crate::object::gc::track(op);
        Ok(op)
    }
}

/// A memoryview on `mbuf` (a new reference is taken) with the layout of
/// `src`: its shape and strides are copied into the object.
unsafe fn from_view(mbuf: *mut PyObject, src: &Py_buffer) -> PyResult<Owned> {
    // SAFETY: src's arrays valid; the object is allocated with room for them.
    unsafe {
        let shape = buffer::shape_of(src);
        let strides = buffer::strides_of(src);
        let nd = shape.len();
        let op =
            crate::object::alloc::generic_alloc(&raw mut PyMemoryView_Type, 3 * nd as Py_ssize_t);
        if op.is_null() {
            return Err(Raised::assume());
        }
        let m = mv(op);
        incref(mbuf);
        m.mbuf = mbuf;
        m.hash = -1;
        let arr = m.ob_array.as_mut_ptr();
        std::ptr::copy_nonoverlapping(shape.as_ptr(), arr, nd);
        std::ptr::copy_nonoverlapping(strides.as_ptr(), arr.add(nd), nd);
        m.view = Py_buffer {
            buf: src.buf,
            obj: src.obj,
            len: src.len,
            itemsize: src.itemsize,
            readonly: src.readonly,
            ndim: nd as c_int,
            format: if src.format.is_null() {
                c"B".as_ptr() as *mut _
            } else {
                src.format
            },
            shape: arr,
            strides: arr.add(nd),
            suboffsets: null_mut(),
            internal: null_mut(),
        };
        xincref(m.view.obj);
        crate::object::gc::track(op);
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// A memoryview owning `master` (filled by an exporter or by hand).
pub unsafe fn from_master(master: Py_buffer) -> PyResult<Owned> {
    // SAFETY: master valid; the mbuf keeps it alive.
    unsafe {
        let mbuf = new_mbuf(master)?;
        let r = from_view(mbuf, &(*mbuf.cast::<PyManagedBufferObject>()).master);
        decref(mbuf);
        r
    }
}

/// `PyMemoryView_FromObject`: a view sharing a memoryview's managed buffer,
/// else a new one over `o`'s exported buffer.
pub unsafe fn from_object(o: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: o valid.
    unsafe {
        if check(o) {
            let v = live(o)?;
            return from_view(mv(o).mbuf, v);
        }
        if !buffer::check(o) {
            return Err(errors::type_error(format!(
                "memoryview: a bytes-like object is required, not '{}'",
                type_name(o)
            )));
        }
        let mut view: Py_buffer = std::mem::zeroed();
        buffer::get(o, &mut view, PyBUF_FULL_RO)?;
        from_master(view)
    }
}

/// `PyMemoryView_FromMemory`: a one-dimensional byte view of `size` bytes
/// at `mem`, writable when `flags` is `PyBUF_WRITE`.
pub unsafe fn from_memory(mem: *mut u8, size: Py_ssize_t, flags: c_int) -> PyResult<Owned> {
    if flags != PyBUF_READ && flags != PyBUF_WRITE {
        return Err(errors::system_error("bad argument to internal function"));
    }
    // SAFETY: the caller keeps mem alive as long as the view.
    unsafe {
        from_master(Py_buffer {
            buf: mem.cast(),
            obj: null_mut(),
            len: size,
            itemsize: 1,
            readonly: (flags == PyBUF_READ) as c_int,
            ndim: 1,
            format: c"B".as_ptr() as *mut _,
            shape: null_mut(),
            strides: null_mut(),
            suboffsets: null_mut(),
            internal: null_mut(),
        })
    }
}

/// `PyMemoryView_FromBuffer`: a view of `info` that owns no exporter.
pub unsafe fn from_buffer(info: &Py_buffer) -> PyResult<Owned> {
    if info.buf.is_null() {
        return Err(errors::value_error(
            "PyMemoryView_FromBuffer(): info->buf must not be NULL",
        ));
    }
    // SAFETY: info's arrays stay valid while from_view copies them.
    unsafe {
        let mbuf = new_mbuf(Py_buffer {
            obj: null_mut(),
            ..std::ptr::read(info)
        })?;
        let r = from_view(mbuf, info);
        decref(mbuf);
        r
    }
}

/// `PyMemoryView_GetContiguous`: a view of `o` if it is contiguous in
/// `order`, else (read-only requests only) a view of a contiguous copy.
pub unsafe fn get_contiguous(o: *mut PyObject, buffertype: c_int, order: u8) -> PyResult<Owned> {
    if buffertype != PyBUF_READ && buffertype != PyBUF_WRITE {
        return Err(errors::system_error("bad argument to internal function"));
    }
    // SAFETY: o valid.
    unsafe {
        let m = from_object(o)?;
        let v = &mv(m.as_ptr()).view;
        if buffertype == PyBUF_WRITE && v.readonly != 0 {
            return Err(buffer_error("underlying buffer is not writable"));
        }
        if buffer::is_contiguous(v, order) {
            return Ok(m);
        }
        if buffertype == PyBUF_WRITE {
            return Err(buffer_error(
                "writable contiguous buffer requested for a non-contiguous object.",
            ));
        }
        let data = buffer::to_vec(v, order);
        let b = bytes::from_slice(&data)?;
        let shape = buffer::shape_of(v);
        let strides = buffer::contiguous_strides(&shape, v.itemsize, order);
        let copy = Py_buffer {
            buf: bytes::as_mut_ptr(b.as_ptr()).cast(),
            obj: b.as_ptr(),
            readonly: 1,
            shape: shape.as_ptr().cast_mut(),
            strides: strides.as_ptr().cast_mut(),
            ..std::ptr::read(v)
        };
        let mut master: Py_buffer = std::mem::zeroed();
        buffer::get(b.as_ptr(), &mut master, PyBUF_FULL_RO)?;
        let mbuf = new_mbuf(master)?;
        let r = from_view(mbuf, &copy);
        decref(mbuf);
        r
    }
}

unsafe extern "C" fn mbuf_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; master came from an exporter or by hand.
    unsafe {
        crate::object::gc::untrack(op);
        buffer::release(&mut (*op.cast::<PyManagedBufferObject>()).master);
        crate::object::alloc::gc_free(op.cast());
    }
}

/// Calls `visit` on `o` when it is not NULL.
unsafe fn visit_opt(o: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    match visit {
        // SAFETY: o is a live object the traversed one references.
        Some(f) if !o.is_null() => unsafe { f(o, arg) },
        _ => 0,
    }
}

unsafe extern "C" fn mbuf_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    // SAFETY: op is a managed buffer.
    unsafe { visit_opt((*op.cast::<PyManagedBufferObject>()).master.obj, visit, arg) }
}

unsafe extern "C" fn mbuf_clear(op: *mut PyObject) -> c_int {
    // SAFETY: op is an unreachable managed buffer; its exporter gets the
    // view back now rather than at deallocation.
    unsafe { buffer::release(&mut (*op.cast::<PyManagedBufferObject>()).master) };
    0
}

/// Gives up the managed buffer (and with it, when last, the exporter's
/// view).
unsafe fn do_release(op: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a memoryview.
    unsafe {
        let m = mv(op);
        if m.flags & RELEASED != 0 {
            return Ok(());
        }
        if m.exports > 0 {
            let n = m.exports;
            return Err(buffer_error(&format!(
                "memoryview has {n} exported buffer{}",
                if n == 1 { "" } else { "s" }
            )));
        }
        m.flags |= RELEASED;
        let mbuf = std::mem::replace(&mut m.mbuf, null_mut());
        xdecref(mbuf);
        Ok(())
    }
}

unsafe extern "C" fn mv_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; no exports can be alive.
    unsafe {
        crate::object::gc::untrack(op);
        let m = mv(op);
        if !m.weakreflist.is_null() {
            crate::object::weakref::clear_weakrefs(op);
        }
        xdecref(m.mbuf);
        xdecref(m.view.obj);
        crate::object::alloc::gc_free(op.cast());
    }
}

unsafe extern "C" fn mv_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    // SAFETY: op is a memoryview.
    unsafe {
        let m = mv(op);
        match visit_opt(m.mbuf, visit, arg) {
            0 => visit_opt(m.view.obj, visit, arg),
            r => r,
        }
    }
}

unsafe extern "C" fn mv_clear(op: *mut PyObject) -> c_int {
    // SAFETY: op is an unreachable memoryview: nothing can use its view
    // again, so it is marked released whatever its export count.
    unsafe {
        let m = mv(op);
        m.flags |= RELEASED;
        let mbuf = std::mem::replace(&mut m.mbuf, null_mut());
        let obj = std::mem::replace(&mut m.view.obj, null_mut());
        xdecref(mbuf);
        xdecref(obj);
    }
    0
}

unsafe extern "C" fn mv_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a memoryview.
    guard_obj(|| unsafe {
        let what = if mv(op).flags & RELEASED != 0 {
            "released memory"
        } else {
            "memory"
        };
        pystr::from_str(&format!("<{what} at {op:p}>"))
    })
}

/// The native format code of a view, `NotImplementedError` for others.
unsafe fn code_of(v: &Py_buffer) -> PyResult<u8> {
    // SAFETY: format is a C string.
    let f = unsafe { std::ffi::CStr::from_ptr(v.format) }.to_bytes();
    match buffer::native_format(f) {
        Some((c, _)) => Ok(c),
        None => Err(errors::not_implemented_error(format!(
            "memoryview: format {} not supported",
            String::from_utf8_lossy(f)
        ))),
    }
}

unsafe extern "C" fn mv_hash(op: *mut PyObject) -> Py_hash_t {
    guard(|| {
        // SAFETY: op is a memoryview.
        let r: PyResult<Py_hash_t> = unsafe {
            (|| {
                let m = mv(op);
                if m.hash != -1 {
                    return Ok(m.hash);
                }
                let v = live(op)?;
                if v.readonly == 0 {
                    return Err(errors::value_error(
                        "cannot hash writable memoryview object",
                    ));
                }
                let code = code_of(v)?;
                if !matches!(code, b'B' | b'b' | b'c') {
                    return Err(errors::value_error(
                        "memoryview: hashing is restricted to formats 'B', 'b' or 'c'",
                    ));
                }
                let b = bytes::from_slice(&buffer::to_vec(v, b'C'))?;
                m.hash = bytes::hash(b.as_ptr());
                Ok(m.hash)
            })()
        };
        r.unwrap_or(-1)
    })
}

unsafe extern "C" fn mv_length(op: *mut PyObject) -> Py_ssize_t {
    guard(|| {
        // SAFETY: op is a memoryview.
        let r: PyResult<Py_ssize_t> = unsafe {
            live(op).and_then(|v| {
                if v.ndim == 0 {
                    Err(errors::type_error("0-dim memory has no length"))
                } else {
                    Ok(*v.shape)
                }
            })
        };
        r.unwrap_or(-1)
    })
}

/// The address of item `i` of a one-dimensional view (negative from the
/// end), `IndexError` when out of range.
unsafe fn item_ptr(v: &Py_buffer, mut i: Py_ssize_t) -> PyResult<*mut u8> {
    // SAFETY: view with ndim >= 1.
    unsafe {
        if v.ndim == 0 {
            return Err(errors::type_error("invalid indexing of 0-dim memory"));
        }
        if v.ndim > 1 {
            return Err(errors::not_implemented_error(
                "multi-dimensional sub-views are not implemented",
            ));
        }
        let n = *v.shape;
        if i < 0 {
            i += n;
        }
        if i < 0 || i >= n {
            return Err(errors::index_error("index out of bounds on dimension 1"));
        }
        Ok(v.buf.cast::<u8>().offset(i * *v.strides))
    }
}

/// The address of the item a tuple of ints names (one per dimension),
/// `None` when `key` is not such a tuple.
unsafe fn tuple_ptr(v: &Py_buffer, key: *mut PyObject) -> PyResult<Option<*mut u8>> {
    // SAFETY: v is a live view with ndim-entry shape and strides.
    unsafe {
        if !tuple::check(key) {
            return Ok(None);
        }
        let items = tuple::items(key);
        if !items.iter().all(|&k| int::check(k)) {
            return Ok(None);
        }
        let nd = v.ndim as usize;
        if items.len() < nd {
            return Err(errors::not_implemented_error(
                "sub-views are not implemented",
            ));
        }
        if items.len() > nd {
            return Err(errors::type_error(format!(
                "cannot index {nd}-dimension view with {}-element tuple",
                items.len()
            )));
        }
        let mut p = v.buf.cast::<u8>();
        for (d, &k) in items.iter().enumerate() {
            let n = *v.shape.add(d);
            let mut i =
                int::as_i64_or(k, "cannot fit 'int' into an index-sized integer")? as Py_ssize_t;
            if i < 0 {
                i += n;
            }
            if i < 0 || i >= n {
                return Err(errors::index_error(format!(
                    "index out of bounds on dimension {}",
                    d + 1
                )));
            }
            p = p.offset(i * *v.strides.add(d));
        }
        Ok(Some(p))
    }
}

unsafe extern "C" fn mv_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    // SAFETY: op is a memoryview.
    guard_obj(|| unsafe {
        let v = live(op)?;
        let code = code_of(v)?;
        buffer::unpack(code, item_ptr(v, i)?)
    })
}

unsafe extern "C" fn mv_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a memoryview, key valid.
    guard_obj(|| unsafe {
        let v = live(op)?;
        if slice::check(key) {
            if v.ndim == 0 {
                return Err(errors::type_error("invalid indexing of 0-dim memory"));
            }
            let ix = slice::indices(key, *v.shape)?;
            let r = from_view(mv(op).mbuf, v)?;
            let nv = &mut mv(r.as_ptr()).view;
            nv.buf = v.buf.cast::<u8>().offset(ix.start * *v.strides).cast();
            *nv.shape = ix.len;
            *nv.strides = *v.strides * ix.step;
            nv.len = buffer::shape_of(nv).iter().product::<Py_ssize_t>() * nv.itemsize;
            return Ok(r);
        }
        if key == &raw mut none::_Py_EllipsisObject && v.ndim == 0 {
            return Ok(Owned::from_borrowed(op));
        }
        if let Some(p) = tuple_ptr(v, key)? {
            return buffer::unpack(code_of(v)?, p);
        }
        if !int::check(key) {
            return Err(errors::type_error("memoryview: invalid slice key"));
        }
        let i = int::as_i64_or(key, "cannot fit 'int' into an index-sized integer")?;
        let code = code_of(v)?;
        buffer::unpack(code, item_ptr(v, i as Py_ssize_t)?)
    })
}

unsafe extern "C" fn mv_ass_subscript(
    op: *mut PyObject,
    key: *mut PyObject,
    value: *mut PyObject,
) -> c_int {
    // SAFETY: op is a memoryview; key valid; value NULL or valid.
    guard_status(|| unsafe {
        let v = live(op)?;
        if v.readonly != 0 {
            return Err(errors::type_error("cannot modify read-only memory"));
        }
        if value.is_null() {
            return Err(errors::type_error("cannot delete memory"));
        }
        let code = code_of(v)?;
        if let Some(p) = tuple_ptr(v, key)? {
            return buffer::pack(code, value, p);
        }
        if int::check(key) {
            if v.ndim > 1 {
                return Err(errors::not_implemented_error(
                    "sub-views are not implemented",
                ));
            }
            let i = int::as_i64_or(key, "cannot fit 'int' into an index-sized integer")?;
            return buffer::pack(code, value, item_ptr(v, i as Py_ssize_t)?);
        }
        if !slice::check(key) || v.ndim != 1 {
            return Err(errors::type_error("memoryview: invalid slice key"));
        }
        let ix = slice::indices(key, *v.shape)?;
        let mut src: Py_buffer = std::mem::zeroed();
        buffer::get(value, &mut src, PyBUF_FULL_RO)?;
        let src_fmt = if src.format.is_null() {
            &b"B"[..]
        } else {
            std::ffi::CStr::from_ptr(src.format).to_bytes()
        };
        let same = buffer::native_format(src_fmt).map(|f| f.0) == Some(code)
            && src.itemsize == v.itemsize
            && src.ndim == 1
            && buffer::shape_of(&src) == [ix.len];
        if !same {
            buffer::release(&mut src);
            return Err(errors::value_error(
                "memoryview assignment: lvalue and rvalue have different structures",
            ));
        }
        let data = buffer::to_vec(&src, b'C');
        buffer::release(&mut src);
        let target = Py_buffer {
            buf: v.buf.cast::<u8>().offset(ix.start * *v.strides).cast(),
            shape: &ix.len as *const _ as *mut _,
            strides: &(*v.strides * ix.step) as *const _ as *mut _,
            ..std::ptr::read(v)
        };
        buffer::write_from(&target, &data, b'C');
        Ok(())
    })
}

unsafe extern "C" fn mv_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    // SAFETY: a is a memoryview, b valid.
    guard_obj(|| unsafe {
        if op != Py_EQ && op != Py_NE {
            return Ok(Owned::from_borrowed(none::not_implemented()));
        }
        let answer = |eq: bool| Ok(Owned::from_borrowed(pybool::from_bool(eq == (op == Py_EQ))));
        if a == b {
            return answer(true);
        }
        let released = |x: *mut PyObject| check(x) && mv(x).flags & RELEASED != 0;
        if released(a) || released(b) {
            return answer(false);
        }
        if !buffer::check(b) {
            return Ok(Owned::from_borrowed(none::not_implemented()));
        }
        let va = &mv(a).view;
        let mut vb: Py_buffer = std::mem::zeroed();
        buffer::get(b, &mut vb, PyBUF_FULL_RO)?;
        let eq = views_equal(va, &vb);
        buffer::release(&mut vb);
        answer(eq)
    })
}

/// Element-wise equality of two views with the same shape.
unsafe fn views_equal(a: &Py_buffer, b: &Py_buffer) -> bool {
    // SAFETY: both views valid.
    unsafe {
        if buffer::shape_of(a) != buffer::shape_of(b) {
            return false;
        }
        let fmt = |v: &Py_buffer| {
            if v.format.is_null() {
                b"B".to_vec()
            } else {
                std::ffi::CStr::from_ptr(v.format).to_bytes().to_vec()
            }
        };
        let (fa, fb) = (fmt(a), fmt(b));
        match (buffer::native_format(&fa), buffer::native_format(&fb)) {
            (Some((ca, _)), Some((cb, _))) => buffer::item_pointers(a, b'C')
                .into_iter()
                .zip(buffer::item_pointers(b, b'C'))
                .all(|(pa, pb)| buffer::read_item(ca, pa).same(buffer::read_item(cb, pb))),
            _ => fa == fb && buffer::to_vec(a, b'C') == buffer::to_vec(b, b'C'),
        }
    }
}

unsafe extern "C" fn mv_getbuffer(op: *mut PyObject, view: *mut Py_buffer, flags: c_int) -> c_int {
    // SAFETY: op is a memoryview; view writable.
    guard_status(|| unsafe {
        let v = live(op)?;
        if flags & PyBUF_WRITABLE != 0 && v.readonly != 0 {
            return Err(buffer_error(
                "memoryview: underlying buffer is not writable",
            ));
        }
        let mut out = std::ptr::read(v);
        if flags & PyBUF_FORMAT == 0 {
            out.format = null_mut();
        }
        let contiguity = [
            (PyBUF_C_CONTIGUOUS, b'C', "C-contiguous"),
            (PyBUF_F_CONTIGUOUS, b'F', "Fortran contiguous"),
            (PyBUF_ANY_CONTIGUOUS, b'A', "contiguous"),
        ];
        for (flag, order, what) in contiguity {
            if flags & flag == flag && !buffer::is_contiguous(v, order) {
                return Err(buffer_error(&format!(
                    "memoryview: underlying buffer is not {what}"
                )));
            }
        }
        if flags & PyBUF_STRIDES != PyBUF_STRIDES {
            if !buffer::is_contiguous(v, b'C') {
                return Err(buffer_error(
                    "memoryview: underlying buffer is not C-contiguous",
                ));
            }
            out.strides = null_mut();
        }
        if flags & PyBUF_ND == 0 {
            if !out.format.is_null() {
                return Err(buffer_error(
                    "memoryview: cannot cast to unsigned bytes if the format flag is present",
                ));
            }
            out.ndim = 1;
            out.shape = null_mut();
        }
        out.obj = new_ref(op);
        *view = out;
        mv(op).exports += 1;
        Ok(())
    })
}

unsafe extern "C" fn mv_releasebuffer(op: *mut PyObject, _view: *mut Py_buffer) {
    // SAFETY: op is a memoryview with an export outstanding.
    unsafe { mv(op).exports -= 1 }
}

unsafe extern "C" fn mv_new(
    _tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple, kwargs NULL or a dict.
        unsafe {
            let nkw = if kwargs.is_null() {
                0
            } else {
                dict::len(kwargs)
            };
            let kw_obj = if nkw == 1 {
                kwarg(kwargs, "object")?
            } else {
                null_mut()
            };
            let pos = tuple::items(args);
            let total = pos.len() + nkw as usize;
            if pos.is_empty() && nkw > 1 {
                return Err(errors::type_error(format!(
                    "memoryview() takes at most 1 keyword argument ({nkw} given)"
                )));
            }
            if total > 1 {
                return Err(errors::type_error(format!(
                    "memoryview() takes at most 1 argument ({total} given)"
                )));
            }
            match pos {
                [o] => from_object(*o),
                _ if !kw_obj.is_null() => from_object(kw_obj),
                _ => Err(errors::type_error(
                    "memoryview() missing required argument 'object' (pos 1)",
                )),
            }
        }
    })
}

unsafe extern "C" fn m_release(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a memoryview.
    guard_obj(|| unsafe {
        do_release(op)?;
        Ok(Owned::from_borrowed(none::none()))
    })
}

unsafe extern "C" fn m_enter(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a memoryview.
    guard_obj(|| unsafe {
        live(op)?;
        Ok(Owned::from_borrowed(op))
    })
}

unsafe extern "C" fn m_exit(op: *mut PyObject, _args: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a memoryview.
    guard_obj(|| unsafe {
        do_release(op)?;
        Ok(Owned::from_borrowed(none::none()))
    })
}

/// Whether item `i` of the one-dimensional view `op` equals `value`. The
/// view is looked up again for each item: a comparison may release it.
unsafe fn item_equals(op: *mut PyObject, i: Py_ssize_t, value: *mut PyObject) -> PyResult<bool> {
    // SAFETY: op is a one-dimensional memoryview whose shape (fixed for
    // its life) has more than i items.
    unsafe {
        let v = live(op)?;
        let item = buffer::unpack(code_of(v)?, v.buf.cast::<u8>().offset(i * *v.strides))?;
        if item.as_ptr() == value {
            return Ok(true);
        }
        crate::object::protocol::rich_compare_bool(item.as_ptr(), value, Py_EQ)
    }
}

/// `memoryview.count(value)` (3.14): how many items equal `value`, with
/// the errors of iterating the view.
unsafe extern "C" fn m_count(op: *mut PyObject, value: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a memoryview.
    guard_obj(|| unsafe {
        let v = live(op)?;
        if v.ndim == 0 {
            return Err(errors::type_error("invalid indexing of 0-dim memory"));
        }
        if v.ndim > 1 {
            return Err(errors::not_implemented_error(
                "multi-dimensional sub-views are not implemented",
            ));
        }
        code_of(v)?;
        let n = *v.shape;
        let mut count = 0i64;
        for i in 0..n {
            if item_equals(op, i, value)? {
                count += 1;
            }
        }
        int::from_i64(count)
    })
}

/// `memoryview.index(value, start=0, stop=sys.maxsize, /)` (3.14): the
/// first index in `start..stop` whose item equals `value`.
unsafe extern "C" fn m_index(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
) -> *mut PyObject {
    // SAFETY: op is a memoryview; args holds nargs objects.
    guard_obj(|| unsafe {
        let a = crate::capi::call::arg_slice(args, nargs as usize);
        if a.is_empty() {
            return Err(errors::type_error(
                "index expected at least 1 argument, got 0",
            ));
        }
        if a.len() > 3 {
            return Err(errors::type_error(format!(
                "index expected at most 3 arguments, got {nargs}"
            )));
        }
        // The bounds are converted before the view is checked, as in
        // CPython.
        let m = mv(op);
        let one_dim = m.flags & RELEASED == 0 && m.view.ndim == 1;
        let n = if one_dim { *m.view.shape } else { 0 };
        let (start, stop) = list::index_bounds(&a[1..], n)?;
        let v = live(op)?;
        if v.ndim == 0 {
            return Err(errors::type_error("invalid lookup on 0-dim memory"));
        }
        if v.ndim > 1 {
            return Err(errors::not_implemented_error(
                "multi-dimensional lookup is not implemented",
            ));
        }
        for i in start..stop.min(n) {
            if item_equals(op, i, a[0])? {
                return int::from_i64(i as i64);
            }
        }
        Err(errors::value_error("memoryview.index(x): x not found"))
    })
}

/// The keyword argument `name` (borrowed, NULL when absent).
unsafe fn kwarg(kwargs: *mut PyObject, name: &str) -> PyResult<*mut PyObject> {
    // SAFETY: kwargs NULL or a dict.
    unsafe {
        if kwargs.is_null() {
            return Ok(null_mut());
        }
        dict::get_item(kwargs, pystr::intern(name))
    }
}

/// The contiguous bytes of a live view, in C order.
unsafe fn c_bytes(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is a memoryview.
    unsafe { bytes::from_slice(&buffer::to_vec(live(op)?, b'C')) }
}

unsafe extern "C" fn m_tobytes(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: op is a memoryview; args a tuple.
    guard_obj(|| unsafe {
        let order = match tuple::items(args) {
            [o] => *o,
            _ if !kwargs.is_null() => kwarg(kwargs, "order")?,
            _ => null_mut(),
        };
        let ord = if order.is_null() || order == none::none() {
            b'C'
        } else {
            match pystr::as_str(order)? {
                "C" => b'C',
                "F" => b'F',
                "A" => b'A',
                _ => return Err(errors::value_error("order must be 'C', 'F' or 'A'")),
            }
        };
        bytes::from_slice(&buffer::to_vec(live(op)?, ord))
    })
}

unsafe extern "C" fn m_hex(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: op is a memoryview; args a tuple.
    guard_obj(|| unsafe {
        let b = c_bytes(op)?;
        let hex = crate::object::protocol::getattr_str(b.as_ptr(), "hex")?;
        crate::object::protocol::call(hex.as_ptr(), args, kwargs)
    })
}

/// The items of `v` along dimension `d` from `p`, nested as lists.
unsafe fn list_at(v: &Py_buffer, code: u8, d: usize, p: *mut u8) -> PyResult<Owned> {
    // SAFETY: p addresses a sub-array of v.
    unsafe {
        if d == v.ndim as usize {
            return buffer::unpack(code, p);
        }
        let n = *v.shape.add(d);
        let mut items = Vec::with_capacity(n as usize);
        for i in 0..n {
            items.push(list_at(v, code, d + 1, p.offset(i * *v.strides.add(d)))?);
        }
        list::from_vec(items)
    }
}

unsafe extern "C" fn m_tolist(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a memoryview.
    guard_obj(|| unsafe {
        let v = live(op)?;
        let code = code_of(v)?;
        list_at(v, code, 0, v.buf.cast())
    })
}

unsafe extern "C" fn m_toreadonly(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a memoryview.
    guard_obj(|| unsafe {
        let v = live(op)?;
        let r = from_view(mv(op).mbuf, v)?;
        mv(r.as_ptr()).view.readonly = 1;
        Ok(r)
    })
}

unsafe extern "C" fn m_cast(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: op is a memoryview; args a tuple.
    guard_obj(|| unsafe {
        let v = live(op)?;
        let kw = |name: &str| kwarg(kwargs, name);
        let (fmt, shape) = match tuple::items(args) {
            [f] => (*f, kw("shape")?),
            [f, s] => (*f, *s),
            [] => (kw("format")?, kw("shape")?),
            _ => return Err(errors::type_error("cast() takes at most 2 arguments")),
        };
        if fmt.is_null() {
            return Err(errors::type_error(
                "cast() missing required argument 'format' (pos 1)",
            ));
        }
        if !pystr::check(fmt) {
            return Err(errors::type_error(format!(
                "cast() argument 'format' must be str, not {}",
                type_name(fmt)
            )));
        }
        if !buffer::is_contiguous(v, b'C') {
            return Err(errors::type_error(
                "memoryview: casts are restricted to C-contiguous views",
            ));
        }
        let Some((code, size)) = buffer::native_format(pystr::as_str(fmt)?.as_bytes()) else {
            return Err(errors::value_error(
                "memoryview: destination format must be a native single character format prefixed with an optional '@'",
            ));
        };
        let byte_fmt = |c: u8| matches!(c, b'B' | b'b' | b'c');
        // Any source format (a ctypes array's `<i`, say) may be cast to
        // bytes; only a native byte source may be cast to something else.
        let src = std::ffi::CStr::from_ptr(v.format).to_bytes();
        let src_is_bytes = buffer::native_format(src).is_some_and(|(c, _)| byte_fmt(c));
        if !src_is_bytes && !byte_fmt(code) {
            return Err(errors::type_error(
                "memoryview: cannot cast between two non-byte formats",
            ));
        }
        if v.len % size as Py_ssize_t != 0 {
            return Err(errors::type_error(
                "memoryview: length is not a multiple of itemsize",
            ));
        }
        let dims: Vec<Py_ssize_t> = if shape.is_null() || shape == none::none() {
            vec![v.len / size as Py_ssize_t]
        } else {
            let items: Vec<*mut PyObject> = if list::check(shape) {
                list::items(shape).to_vec()
            } else if tuple::check(shape) {
                tuple::items(shape).to_vec()
            } else {
                return Err(errors::type_error("shape must be a list or a tuple"));
            };
            let mut d = Vec::with_capacity(items.len());
            for x in items {
                let n = int::as_i64_or(
                    x,
                    "memoryview.cast(): elements of shape must be integers > 0",
                )?;
                if n <= 0 {
                    return Err(errors::value_error(
                        "memoryview.cast(): elements of shape must be integers > 0",
                    ));
                }
                d.push(n as Py_ssize_t);
            }
            if d.iter().product::<Py_ssize_t>() * size as Py_ssize_t != v.len {
                return Err(errors::type_error(
                    "memoryview: product(shape) * itemsize != buffer size",
                ));
            }
            d
        };
        if v.ndim != 1 && dims.len() != 1 {
            return Err(errors::type_error(
                "memoryview: cast must be 1D -> ND or ND -> 1D",
            ));
        }
        let strides = buffer::contiguous_strides(&dims, size as Py_ssize_t, b'C');
        let tmpl = Py_buffer {
            itemsize: size as Py_ssize_t,
            ndim: dims.len() as c_int,
            format: buffer::format_cstr(code).as_ptr() as *mut _,
            shape: dims.as_ptr().cast_mut(),
            strides: strides.as_ptr().cast_mut(),
            ..std::ptr::read(v)
        };
        from_view(mv(op).mbuf, &tmpl)
    })
}

macro_rules! getter {
    ($name:ident, |$v:ident, $op:ident| $body:expr) => {
        unsafe extern "C" fn $name($op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
            // SAFETY: op is a memoryview.
            guard_obj(|| unsafe {
                let $v = live($op)?;
                $body
            })
        }
    };
}

/// A tuple of ints.
fn int_tuple(xs: &[Py_ssize_t]) -> PyResult<Owned> {
    let items = xs
        .iter()
        .map(|&x| int::from_i64(x as i64))
        .collect::<PyResult<Vec<_>>>()?;
    tuple::from_vec(items)
}

getter!(g_obj, |v, _op| Ok(Owned::from_borrowed(
    if v.obj.is_null() { none::none() } else { v.obj }
)));
getter!(g_nbytes, |v, _op| int::from_i64(v.len as i64));
getter!(g_readonly, |v, _op| Ok(Owned::from_borrowed(
    pybool::from_bool(v.readonly != 0)
)));
getter!(g_itemsize, |v, _op| int::from_i64(v.itemsize as i64));
getter!(g_format, |v, _op| pystr::from_cstr(v.format));
getter!(g_ndim, |v, _op| int::from_i64(v.ndim as i64));
getter!(g_shape, |v, _op| int_tuple(&buffer::shape_of(v)));
getter!(g_strides, |v, _op| int_tuple(&buffer::strides_of(v)));
getter!(g_suboffsets, |_v, _op| tuple::from_vec(Vec::new()));
getter!(g_c_contiguous, |v, _op| Ok(Owned::from_borrowed(
    pybool::from_bool(buffer::is_contiguous(v, b'C'))
)));
getter!(g_f_contiguous, |v, _op| Ok(Owned::from_borrowed(
    pybool::from_bool(buffer::is_contiguous(v, b'F'))
)));
getter!(g_contiguous, |v, _op| Ok(Owned::from_borrowed(
    pybool::from_bool(buffer::is_contiguous(v, b'A'))
)));

unsafe extern "C" fn mv_iter(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a memoryview; the iterator is initialized in full.
    guard_obj(|| unsafe {
        let v = live(op)?;
        if v.ndim == 0 {
            return Err(errors::type_error("invalid indexing of 0-dim memory"));
        }
        if v.ndim > 1 {
            return Err(errors::not_implemented_error(
                "multi-dimensional sub-views are not implemented",
            ));
        }
        code_of(v)?;
        let it = crate::object::alloc::generic_alloc(&raw mut _PyMemoryIter_Type, 0);
        if it.is_null() {
            return Err(Raised::assume());
        }
        (*it.cast::<MemoryIter>()).view = new_ref(op);
        crate::object::gc::track(it);
        Ok(Owned::from_raw_unchecked(it))
    })
}

unsafe extern "C" fn memoryiter_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        xdecref((*op.cast::<MemoryIter>()).view);
        crate::object::alloc::gc_free(op.cast());
    }
}

unsafe extern "C" fn memoryiter_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: op is a memory iterator.
    unsafe { visit_opt((*op.cast::<MemoryIter>()).view, visit, arg) }
}

unsafe extern "C" fn memoryiter_next(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a memory iterator over a one-dimensional memoryview.
    crate::capi::boundary::guard_iter(|| unsafe {
        let it = &mut *op.cast::<MemoryIter>();
        if it.view.is_null() {
            return Ok(None);
        }
        let v = live(it.view)?;
        if it.index >= *v.shape {
            decref(std::mem::replace(&mut it.view, null_mut()));
            return Ok(None);
        }
        let p = v.buf.cast::<u8>().offset(it.index * *v.strides);
        it.index += 1;
        buffer::unpack(code_of(v)?, p).map(Some)
    })
}
