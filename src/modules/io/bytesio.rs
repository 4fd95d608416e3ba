//! `_io.BytesIO` (`Modules/_io/bytesio.c`): a binary stream over an
//! in-memory buffer.
use super::*;
use crate::object::descr::{getset, method, GETSET_END, METHOD_END};
use crate::object::{bytes, int, list};

/// `_io.BytesIO`.
pub static mut BYTESIO_TYPE: PyTypeObject = PyTypeObject {
    tp_methods: (&raw const BYTESIO_METHODS).cast_mut().cast(),
    tp_getset: (&raw const BYTESIO_GETSET).cast_mut().cast(),
    tp_init: Some(bytesio_init),
    tp_new: Some(bytesio_new),
    tp_doc: c"BytesIO(initial_bytes=b'')\n--\n\nA binary stream held in memory, starting with a copy of initial_bytes."
        .as_ptr(),
    ..io_type(c"_io.BytesIO", &raw mut super::iobase::BUFFEREDIOBASE_TYPE)
};

/// The state of a `BytesIO`.
pub struct BytesIo {
    pub buf: Vec<u8>,
    pub pos: usize,
    pub closed: bool,
    /// Live `getbuffer()` views (the buffer cannot be resized meanwhile).
    pub exports: usize,
}

impl IoState for BytesIo {}

unsafe fn st<'a>(op: *mut PyObject) -> PyResult<&'a mut BytesIo> {
    // SAFETY: the kind tag guarantees the type.
    unsafe { state::<BytesIo>(op, KIND_BYTESIO) }
}

unsafe fn open_st<'a>(op: *mut PyObject) -> PyResult<&'a mut BytesIo> {
    // SAFETY: as above.
    unsafe {
        let s = st(op)?;
        if s.closed {
            return Err(closed_file());
        }
        Ok(s)
    }
}

fn check_exports(s: &BytesIo) -> PyResult<()> {
    if s.exports > 0 {
        return Err(crate::object::buffer::buffer_error(
            "Existing exports of data: object cannot be re-sized",
        ));
    }
    Ok(())
}

unsafe extern "C" fn bytesio_new(
    tp: *mut PyTypeObject,
    _args: *mut PyObject,
    _kw: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: tp is BytesIO or a subclass.
        unsafe {
            let op = errors::check(crate::capi::allocation::PyType_GenericAlloc(tp, 0))?;
            set_state(
                op.as_ptr(),
                KIND_BYTESIO,
                BytesIo {
                    buf: Vec::new(),
                    pos: 0,
                    closed: false,
                    exports: 0,
                },
            );
            Ok(op)
        }
    })
}

unsafe extern "C" fn bytesio_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kw: *mut PyObject,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: args a tuple; kw NULL or a dict.
        unsafe {
            let kws = super::fileio::kw_pairs(kw)?;
            let kwr: Vec<(&str, *mut PyObject)> =
                kws.iter().map(|(k, v)| (k.as_str(), *v)).collect();
            let [init] = bind("BytesIO", tuple::items(args), &kwr, ["initial_bytes"], 0)?;
            let s = st(op)?;
            check_exports(s)?;
            s.buf.clear();
            s.pos = 0;
            if let Some(i) = init {
                if i != none::none() {
                    let data = bytes_arg(i)?.into_owned();
                    let s = st(op)?;
                    s.buf = data;
                }
            }
            Ok(())
        }
    })
}

/// Reads up to `n` bytes (all for n < 0) at the position; a position
/// past the end stays where it is.
fn read_n(s: &mut BytesIo, n: isize) -> &[u8] {
    if s.pos >= s.buf.len() {
        return &[];
    }
    let avail = s.buf.len() - s.pos;
    let n = if n < 0 {
        avail
    } else {
        (n as usize).min(avail)
    };
    let start = s.pos;
    s.pos = start + n;
    &s.buf[start..start + n]
}

/// One line (up to `limit` bytes when limit >= 0) at the position; a
/// position past the end stays where it is.
fn read_line(s: &mut BytesIo, limit: isize) -> &[u8] {
    if s.pos >= s.buf.len() {
        return &[];
    }
    let start = s.pos;
    let rest = &s.buf[start..];
    let mut n = match rest.iter().position(|&b| b == b'\n') {
        Some(i) => i + 1,
        None => rest.len(),
    };
    if limit >= 0 {
        n = n.min(limit as usize);
    }
    s.pos = start + n;
    &s.buf[start..start + n]
}

io_method!(bytesio_read, |slf, args, kws| {
    let [size] = bind("read", args, &kws, ["size"], 0)?;
    let n = opt_size(size)?;
    bytes::from_slice(read_n(open_st(slf)?, n))
});

io_method!(bytesio_read1, |slf, args, kws| {
    let [size] = bind("read1", args, &kws, ["size"], 0)?;
    let n = opt_size(size)?;
    bytes::from_slice(read_n(open_st(slf)?, n))
});

io_method!(bytesio_readline, |slf, args, kws| {
    let [size] = bind("readline", args, &kws, ["size"], 0)?;
    let n = opt_size(size)?;
    bytes::from_slice(read_line(open_st(slf)?, n))
});

io_method!(bytesio_readlines, |slf, args, kws| {
    let [hint] = bind("readlines", args, &kws, ["size"], 0)?;
    let hint = opt_size(hint)?;
    let s = open_st(slf)?;
    let out = list::new(0)?;
    let mut total = 0usize;
    loop {
        let line = read_line(s, -1);
        if line.is_empty() {
            break;
        }
        total += line.len();
        let b = bytes::from_slice(line)?;
        list::append(out.as_ptr(), b.as_ptr())?;
        if hint > 0 && total >= hint as usize {
            break;
        }
    }
    Ok(out)
});

io_method!(bytesio_readinto, |slf, args, kws| {
    let [b] = bind("readinto", args, &kws, ["buffer"], 1)?;
    let b = b.unwrap_or(null_mut());
    let want = buffer_len(b)?;
    let data = read_n(open_st(slf)?, want as isize).to_vec();
    int::from_i64(copy_into_buffer(b, &data)? as i64)
});

/// Writes `data` at the position, padding with zero bytes past the end
/// (nothing, not even padding, for empty data).
fn write_at(s: &mut BytesIo, data: &[u8]) {
    if data.is_empty() {
        return;
    }
    let end = s.pos + data.len();
    if s.pos > s.buf.len() {
        s.buf.resize(s.pos, 0);
    }
    if end > s.buf.len() {
        s.buf.resize(end, 0);
    }
    s.buf[s.pos..end].copy_from_slice(data);
    s.pos = end;
}

io_method!(bytesio_write, |slf, args, kws| {
    let [b] = bind("write", args, &kws, ["b"], 1)?;
    let s = open_st(slf)?;
    check_exports(s)?;
    let data = bytes_arg(b.unwrap_or(null_mut()))?.into_owned();
    let s = open_st(slf)?;
    write_at(s, &data);
    int::from_i64(data.len() as i64)
});

io_method!(bytesio_writelines, |slf, args, kws| {
    let [lines] = bind("writelines", args, &kws, ["lines"], 1)?;
    open_st(slf)?;
    let it = protocol::get_iter(lines.unwrap_or(null_mut()))?;
    while let Some(line) = protocol::iter_next(it.as_ptr())? {
        let s = open_st(slf)?;
        check_exports(s)?;
        let data = bytes_arg(line.as_ptr())?.into_owned();
        write_at(open_st(slf)?, &data);
    }
    Ok(none::owned())
});

io_method!(bytesio_seek, |slf, args, kws| {
    let [pos, whence] = bind("seek", args, &kws, ["pos", "whence"], 1)?;
    let pos = number::as_ssize(
        number::index(pos.unwrap_or(null_mut()))?.as_ptr(),
        exc::PyExc_OverflowError,
    )?;
    let whence = match whence {
        Some(w) => number::as_ssize(w, exc::PyExc_OverflowError)?,
        None => 0,
    };
    let s = open_st(slf)?;
    let newpos = match whence {
        0 => {
            if pos < 0 {
                return Err(errors::value_error(format!("negative seek value {pos}")));
            }
            pos
        }
        1 => (s.pos as isize).saturating_add(pos).max(0),
        2 => (s.buf.len() as isize).saturating_add(pos).max(0),
        w => {
            return Err(errors::value_error(format!(
                "invalid whence ({w}, should be 0, 1 or 2)"
            )))
        }
    };
    s.pos = newpos as usize;
    int::from_i64(newpos as i64)
});

io_method!(bytesio_tell, |slf, args, kws| int::from_i64(
    open_st(slf)?.pos as i64
));

io_method!(bytesio_truncate, |slf, args, kws| {
    let [size] = bind("truncate", args, &kws, ["size"], 0)?;
    let s = open_st(slf)?;
    check_exports(s)?;
    let size = match size {
        Some(o) if o != none::none() => {
            number::as_ssize(number::index(o)?.as_ptr(), exc::PyExc_OverflowError)?
        }
        _ => s.pos as isize,
    };
    if size < 0 {
        return Err(errors::value_error(format!("negative size value {size}")));
    }
    let s = open_st(slf)?;
    if (size as usize) < s.buf.len() {
        s.buf.truncate(size as usize);
    }
    int::from_i64(size as i64)
});

io_method!(bytesio_getvalue, |slf, args, kws| bytes::from_slice(
    &open_st(slf)?.buf
));

io_method!(bytesio_true, |slf, args, kws| {
    open_st(slf)?;
    bool_obj(true)
});

io_method!(bytesio_isatty, |slf, args, kws| {
    open_st(slf)?;
    bool_obj(false)
});

io_method!(bytesio_flush, |slf, args, kws| {
    open_st(slf)?;
    Ok(none::owned())
});

io_method!(bytesio_close, |slf, args, kws| {
    let s = st(slf)?;
    check_exports(s)?;
    s.closed = true;
    s.buf = Vec::new();
    Ok(none::owned())
});

io_method!(bytesio_getbuffer, |slf, args, kws| {
    open_st(slf)?;
    let holder = errors::check(crate::capi::allocation::PyType_GenericAlloc(
        &raw mut BUFFER_TYPE,
        0,
    ))?;
    (*holder.as_ptr().cast::<BufferHolder>()).source = Owned::from_borrowed(slf).into_raw();
    crate::object::memoryview::from_object(holder.as_ptr())
});

// `BytesIO.__getstate__`: (value, position, dict copy or None).
io_method!(bytesio_getstate, |slf, args, kws| {
    let value = bytes::from_slice(&open_st(slf)?.buf)?;
    let pos = int::from_i64(st(slf)?.pos as i64)?;
    tuple::from_vec(vec![value, pos, dict_state(slf)?])
});

// `BytesIO.__setstate__((value, position, dict))`: the state
// `__getstate__` gives.
io_method!(bytesio_setstate, |slf, args, kws| {
    let [state] = bind("__setstate__", args, &kws, ["state"], 1)?;
    let state = state.unwrap_or(null_mut());
    if !tuple::check(state) || tuple::size(state) < 3 {
        return Err(errors::type_error(format!(
            "{}.__setstate__ argument should be 3-tuple, got {}",
            typeobj::type_name(slf),
            typeobj::type_name(state)
        )));
    }
    let [value, pos, dict] = [0, 1, 2].map(|i| tuple::items(state)[i]);
    check_exports(open_st(slf)?)?;
    let data = bytes_arg(value)?.into_owned();
    let s = st(slf)?;
    s.buf = data;
    s.pos = 0;
    st(slf)?.pos = position_state(pos, "second", "not")?;
    restore_dict_state(slf, dict, "third")?;
    Ok(none::owned())
});

io_getter!(bytesio_closed_get, |slf| bool_obj(st(slf)?.closed));

io_method!(bytesio_sizeof, |slf, args, kws| {
    let s = st(slf)?;
    int::from_i64((std::mem::size_of::<Head>() + s.buf.capacity()) as i64)
});

static BYTESIO_METHODS: [PyMethodDef; 23] = [
    method(c"__getstate__", bytesio_getstate as *const c_void, FK),
    method(c"__setstate__", bytesio_setstate as *const c_void, FK),
    method(c"read", bytesio_read as *const c_void, FK),
    method(c"read1", bytesio_read1 as *const c_void, FK),
    method(c"readline", bytesio_readline as *const c_void, FK),
    method(c"readlines", bytesio_readlines as *const c_void, FK),
    method(c"readinto", bytesio_readinto as *const c_void, FK),
    method(c"write", bytesio_write as *const c_void, FK),
    method(c"writelines", bytesio_writelines as *const c_void, FK),
    method(c"seek", bytesio_seek as *const c_void, FK),
    method(c"tell", bytesio_tell as *const c_void, FK),
    method(c"truncate", bytesio_truncate as *const c_void, FK),
    method(c"getvalue", bytesio_getvalue as *const c_void, FK),
    method(c"getbuffer", bytesio_getbuffer as *const c_void, FK),
    method(c"readable", bytesio_true as *const c_void, FK),
    method(c"writable", bytesio_true as *const c_void, FK),
    method(c"seekable", bytesio_true as *const c_void, FK),
    method(c"isatty", bytesio_isatty as *const c_void, FK),
    method(c"flush", bytesio_flush as *const c_void, FK),
    method(c"close", bytesio_close as *const c_void, FK),
    method(c"__sizeof__", bytesio_sizeof as *const c_void, FK),
    method(c"readinto1", bytesio_readinto as *const c_void, FK),
    METHOD_END,
];

static BYTESIO_GETSET: [PyGetSetDef; 2] = [
    getset(c"closed", Some(bytesio_closed_get), None),
    GETSET_END,
];

/// The object behind `getbuffer()`'s memoryview (`_io._BytesIOBuffer`):
/// it exports the `BytesIO`'s bytes and keeps it from resizing.
#[repr(C)]
pub struct BufferHolder {
    pub ob_base: PyObject,
    pub source: *mut PyObject,
}

/// `_io._BytesIOBuffer`.
pub static mut BUFFER_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(holder_dealloc),
    tp_traverse: Some(holder_traverse),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_as_buffer: &raw mut HOLDER_AS_BUFFER,
    ..type_template(
        c"_io._BytesIOBuffer",
        std::mem::size_of::<BufferHolder>(),
        0,
    )
};

static mut HOLDER_AS_BUFFER: PyBufferProcs = PyBufferProcs {
    bf_getbuffer: Some(holder_getbuffer),
    bf_releasebuffer: Some(holder_releasebuffer),
};

unsafe extern "C" fn holder_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; op has a GC header.
    unsafe {
        crate::object::gc::untrack(op);
        xdecref((*op.cast::<BufferHolder>()).source);
        crate::object::alloc::gc_free(op.cast());
    }
}

unsafe extern "C" fn holder_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: op is a holder, which owns its BytesIO.
    unsafe { crate::object::gc::visit_all(&[(*op.cast::<BufferHolder>()).source], visit, arg) }
}

unsafe extern "C" fn holder_getbuffer(
    op: *mut PyObject,
    view: *mut Py_buffer,
    flags: c_int,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is a holder of a BytesIO; view writable.
        unsafe {
            let src = (*op.cast::<BufferHolder>()).source;
            let s = open_st(src)?;
            s.exports += 1;
            let r = crate::object::bytes::fill_buffer_info(
                view,
                op,
                s.buf.as_mut_ptr(),
                s.buf.len() as Py_ssize_t,
                false,
                flags,
            );
            if r < 0 {
                s.exports -= 1;
                return Err(Raised::assume());
            }
            Ok(())
        }
    })
}

unsafe extern "C" fn holder_releasebuffer(op: *mut PyObject, _view: *mut Py_buffer) {
    // SAFETY: op is a holder of a BytesIO.
    unsafe {
        let src = (*op.cast::<BufferHolder>()).source;
        if let Some(s) = try_state::<BytesIo>(src, KIND_BYTESIO) {
            s.exports = s.exports.saturating_sub(1);
        }
    }
}
