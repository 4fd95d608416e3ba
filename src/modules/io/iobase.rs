//! `_io._IOBase`, `_io._RawIOBase`, `_io._BufferedIOBase` and
//! `_io._TextIOBase` (`Modules/_io/iobase.c`, `bufferedio.c`,
//! `textio.c`): the default behaviour the concrete classes and Python
//! subclasses build on. Methods reach the rest of the object through its
//! Python-level methods, so a subclass's override takes part.
use super::*;
use crate::object::descr::{getset, method, GETSET_END, METHOD_END};
use crate::object::{bytearray, bytes, int, list};

/// `_io._IOBase`.
pub static mut IOBASE_TYPE: PyTypeObject = PyTypeObject {
    tp_methods: (&raw const IOBASE_METHODS).cast_mut().cast(),
    tp_getset: (&raw const IOBASE_GETSET).cast_mut().cast(),
    ..io_type(c"_io._IOBase", null_mut())
};

/// `_io._RawIOBase`.
pub static mut RAWIOBASE_TYPE: PyTypeObject = PyTypeObject {
    tp_methods: (&raw const RAWIOBASE_METHODS).cast_mut().cast(),
    ..io_type(c"_io._RawIOBase", &raw mut IOBASE_TYPE)
};

/// `_io._BufferedIOBase`.
pub static mut BUFFEREDIOBASE_TYPE: PyTypeObject = PyTypeObject {
    tp_methods: (&raw const BUFFEREDIOBASE_METHODS).cast_mut().cast(),
    ..io_type(c"_io._BufferedIOBase", &raw mut IOBASE_TYPE)
};

/// `_io._TextIOBase`.
pub static mut TEXTIOBASE_TYPE: PyTypeObject = PyTypeObject {
    tp_methods: (&raw const TEXTIOBASE_METHODS).cast_mut().cast(),
    tp_getset: (&raw const TEXTIOBASE_GETSET).cast_mut().cast(),
    ..io_type(c"_io._TextIOBase", &raw mut IOBASE_TYPE)
};

/// The four abstract bases, `_IOBase` first.
pub fn types() -> Vec<*mut PyTypeObject> {
    vec![
        &raw mut IOBASE_TYPE,
        &raw mut RAWIOBASE_TYPE,
        &raw mut BUFFEREDIOBASE_TYPE,
        &raw mut TEXTIOBASE_TYPE,
    ]
}

/// `tp_iter`: the object itself, once it is checked to be open.
pub unsafe extern "C" fn iobase_iter(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op valid.
        unsafe {
            check_closed(op)?;
            Ok(Owned::from_borrowed(op))
        }
    })
}

/// `tp_iternext`: `self.readline()`, stopping at an empty line.
pub unsafe extern "C" fn iobase_iternext(op: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_iter(|| {
        // SAFETY: op valid.
        unsafe {
            let line = protocol::call_method_obj(op, "readline", &[])?;
            if protocol::len(line.as_ptr())? == 0 {
                return Ok(None);
            }
            Ok(Some(line))
        }
    })
}

/// Whether `op` is closed by `_IOBase`'s own flag.
unsafe fn base_closed(op: *mut PyObject) -> bool {
    // SAFETY: op is an _io object.
    unsafe { head(op).ioclosed != 0 }
}

io_method!(iobase_seek, |slf, args, kws| Err(unsupported("seek")));
io_method!(iobase_truncate, |slf, args, kws| Err(unsupported(
    "truncate"
)));
io_method!(iobase_fileno, |slf, args, kws| Err(unsupported("fileno")));

io_method!(iobase_tell, |slf, args, kws| {
    bind("tell", args, &kws, [], 0)?;
    protocol::call_method_obj(slf, "seek", &[int::small(0), int::small(1)])
});

io_method!(iobase_flush, |slf, args, kws| {
    bind("flush", args, &kws, [], 0)?;
    if base_closed(slf) {
        return Err(closed_file());
    }
    Ok(none::owned())
});

io_method!(iobase_close, |slf, args, kws| {
    bind("close", args, &kws, [], 0)?;
    if base_closed(slf) {
        return Ok(none::owned());
    }
    let r = protocol::call_method_obj(slf, "flush", &[]);
    head(slf).ioclosed = 1;
    r?;
    Ok(none::owned())
});

io_getter!(iobase_closed_get, |slf| bool_obj(base_closed(slf)));

io_method!(iobase_false, |slf, args, kws| bool_obj(false));

/// Calls `op.<what>()` and raises `UnsupportedOperation(msg)` when the
/// answer is false (`_PyIOBase_check_readable` and friends).
unsafe fn check_able(op: *mut PyObject, what: &str, msg: &str) -> PyResult<Owned> {
    // SAFETY: op valid.
    unsafe {
        let r = protocol::call_method_obj(op, what, &[])?;
        if !protocol::is_true(r.as_ptr())? {
            return Err(unsupported(msg));
        }
        Ok(r)
    }
}

io_method!(iobase_check_closed, |slf, args, kws| {
    check_closed(slf)?;
    Ok(none::owned())
});
io_method!(iobase_check_seekable, |slf, args, kws| check_able(
    slf,
    "seekable",
    "File or stream is not seekable."
));
io_method!(iobase_check_readable, |slf, args, kws| check_able(
    slf,
    "readable",
    "File or stream is not readable."
));
io_method!(iobase_check_writable, |slf, args, kws| check_able(
    slf,
    "writable",
    "File or stream is not writable."
));

/// `_PyIOBase_check_readable` for the Rust side.
pub unsafe fn require_readable(op: *mut PyObject) -> PyResult<()> {
    // SAFETY: op valid.
    unsafe { check_able(op, "readable", "File or stream is not readable.").map(drop) }
}

/// `_PyIOBase_check_writable` for the Rust side.
pub unsafe fn require_writable(op: *mut PyObject) -> PyResult<()> {
    // SAFETY: op valid.
    unsafe { check_able(op, "writable", "File or stream is not writable.").map(drop) }
}

/// `_PyIOBase_check_seekable` for the Rust side.
pub unsafe fn require_seekable(op: *mut PyObject) -> PyResult<()> {
    // SAFETY: op valid.
    unsafe { check_able(op, "seekable", "File or stream is not seekable.").map(drop) }
}

io_method!(iobase_enter, |slf, args, kws| {
    check_closed(slf)?;
    Ok(Owned::from_borrowed(slf))
});

io_method!(iobase_exit, |slf, args, kws| protocol::call_method_obj(
    slf,
    "close",
    &[]
));

io_method!(iobase_isatty, |slf, args, kws| {
    check_closed(slf)?;
    bool_obj(false)
});

io_method!(iobase_readline, |slf, args, kws| {
    let [size] = bind("readline", args, &kws, ["size"], 0)?;
    let limit = opt_size(size)?;
    let peek = protocol::getattr_opt(slf, crate::interned!("peek"))?;
    let mut out: Vec<u8> = Vec::new();
    while limit < 0 || (out.len() as isize) < limit {
        let mut nreadahead = 1isize;
        if let Some(peek) = &peek {
            let ahead = protocol::call_args(peek.as_ptr(), &[int::small(1)])?;
            let data = expect_bytes(ahead.as_ptr(), "peek()")?;
            if !data.is_empty() {
                let n = match data.iter().position(|&b| b == b'\n') {
                    Some(i) => i + 1,
                    None => data.len(),
                };
                nreadahead = n as isize;
                if limit >= 0 {
                    nreadahead = nreadahead.min(limit - out.len() as isize);
                }
            }
        }
        let n = int::from_i64(nreadahead as i64)?;
        let b = protocol::call_method_obj(slf, "read", &[n.as_ptr()])?;
        if b.as_ptr() == none::none() {
            break;
        }
        let data = crate::object::bytes_methods::bytes_like(b.as_ptr())?.ok_or_else(|| {
            errors::type_error(format!(
                "read() should have returned a bytes object, not '{}'",
                typeobj::type_name(b.as_ptr())
            ))
        })?;
        if data.is_empty() {
            break;
        }
        out.extend_from_slice(&data);
        if out.last() == Some(&b'\n') {
            break;
        }
    }
    bytes::from_slice(&out)
});

/// `readlines(hint)` over any iterable file: the lines until their total
/// length reaches `hint` (all when `hint` <= 0).
pub unsafe fn readlines(op: *mut PyObject, hint: isize) -> PyResult<Owned> {
    // SAFETY: op valid.
    unsafe {
        let result = list::new(0)?;
        if hint <= 0 {
            list::extend(result.as_ptr(), op)?;
            return Ok(result);
        }
        let it = protocol::get_iter(op)?;
        let mut total = 0isize;
        while let Some(line) = protocol::iter_next(it.as_ptr())? {
            list::append(result.as_ptr(), line.as_ptr())?;
            total += protocol::len(line.as_ptr())?;
            if total >= hint {
                break;
            }
        }
        Ok(result)
    }
}

io_method!(iobase_readlines, |slf, args, kws| {
    let [hint] = bind("readlines", args, &kws, ["hint"], 0)?;
    readlines(slf, opt_size(hint)?)
});

io_method!(iobase_writelines, |slf, args, kws| {
    let [lines] = bind("writelines", args, &kws, ["lines"], 1)?;
    check_closed(slf)?;
    let it = protocol::get_iter(lines.unwrap_or(null_mut()))?;
    while let Some(line) = protocol::iter_next(it.as_ptr())? {
        protocol::call_method_obj(slf, "write", &[line.as_ptr()])?;
    }
    Ok(none::owned())
});

static IOBASE_METHODS: [PyMethodDef; 20] = [
    method(c"seek", iobase_seek as *const c_void, FK),
    method(c"tell", iobase_tell as *const c_void, FK),
    method(c"truncate", iobase_truncate as *const c_void, FK),
    method(c"flush", iobase_flush as *const c_void, FK),
    method(c"close", iobase_close as *const c_void, FK),
    method(c"seekable", iobase_false as *const c_void, FK),
    method(c"readable", iobase_false as *const c_void, FK),
    method(c"writable", iobase_false as *const c_void, FK),
    method(c"_checkClosed", iobase_check_closed as *const c_void, FK),
    method(
        c"_checkSeekable",
        iobase_check_seekable as *const c_void,
        FK,
    ),
    method(
        c"_checkReadable",
        iobase_check_readable as *const c_void,
        FK,
    ),
    method(
        c"_checkWritable",
        iobase_check_writable as *const c_void,
        FK,
    ),
    method(c"fileno", iobase_fileno as *const c_void, FK),
    method(c"isatty", iobase_isatty as *const c_void, FK),
    method(c"__enter__", iobase_enter as *const c_void, FK),
    method(c"__exit__", iobase_exit as *const c_void, FK),
    method(c"readline", iobase_readline as *const c_void, FK),
    method(c"readlines", iobase_readlines as *const c_void, FK),
    method(c"writelines", iobase_writelines as *const c_void, FK),
    METHOD_END,
];

// `__reduce__` and `__reduce_ex__` of the file-backed streams (FileIO,
// the buffered readers and writers, TextIOWrapper): they cannot be
// pickled (`_PyIOBase_cannot_pickle`).
io_method!(pub(super) cannot_pickle, |slf, args, kws| Err(errors::type_error(
    format!(
        "cannot pickle '{}' instances",
        typeobj::short_name((*slf).ob_type)
    )
)));

static IOBASE_GETSET: [PyGetSetDef; 3] = [
    getset(c"closed", Some(iobase_closed_get), None),
    getset(
        c"__dict__",
        Some(crate::object::object::PyObject_GenericGetDict),
        Some(crate::object::object::PyObject_GenericSetDict),
    ),
    GETSET_END,
];

// _RawIOBase

io_method!(rawiobase_read, |slf, args, kws| {
    let [size] = bind("read", args, &kws, ["size"], 0)?;
    let n = opt_size(size)?;
    if n < 0 {
        return protocol::call_method_obj(slf, "readall", &[]);
    }
    let b = bytearray::from_slice(&vec![0u8; n as usize])?;
    let r = protocol::call_method_obj(slf, "readinto", &[b.as_ptr()])?;
    if r.as_ptr() == none::none() {
        return Ok(r);
    }
    let got = number::as_ssize(r.as_ptr(), exc::PyExc_ValueError)?;
    if got < 0 || got > n {
        return Err(errors::value_error(format!(
            "readinto returned {got} outside buffer size {n}"
        )));
    }
    bytes::from_slice(&bytearray::as_slice(b.as_ptr())[..got as usize])
});

io_method!(rawiobase_readall, |slf, args, kws| {
    let mut out: Vec<u8> = Vec::new();
    let n = int::from_i64(DEFAULT_BUFFER_SIZE as i64)?;
    loop {
        let data = protocol::call_method_obj(slf, "read", &[n.as_ptr()])?;
        if data.as_ptr() == none::none() {
            if out.is_empty() {
                return Ok(data);
            }
            break;
        }
        let d = expect_bytes(data.as_ptr(), "read()")?;
        if d.is_empty() {
            break;
        }
        out.extend_from_slice(d);
    }
    bytes::from_slice(&out)
});

static RAWIOBASE_METHODS: [PyMethodDef; 3] = [
    method(c"read", rawiobase_read as *const c_void, FK),
    method(c"readall", rawiobase_readall as *const c_void, FK),
    METHOD_END,
];

// _BufferedIOBase

io_method!(bufbase_read, |slf, args, kws| Err(unsupported("read")));
io_method!(bufbase_read1, |slf, args, kws| Err(unsupported("read1")));
io_method!(bufbase_write, |slf, args, kws| Err(unsupported("write")));
io_method!(bufbase_detach, |slf, args, kws| Err(unsupported("detach")));

/// `readinto(b)` through `read` (or `read1`): copies what it returns.
unsafe fn readinto_via(slf: *mut PyObject, b: *mut PyObject, meth: &str) -> PyResult<Owned> {
    // SAFETY: arguments valid.
    unsafe {
        let n = buffer_len(b)?;
        let len = int::from_i64(n as i64)?;
        let data = protocol::call_method_obj(slf, meth, &[len.as_ptr()])?;
        let d = expect_bytes(data.as_ptr(), &format!("{meth}()"))?;
        if d.len() > n {
            return Err(errors::value_error(format!(
                "read() returned too much data: {n} bytes requested, {} returned",
                d.len()
            )));
        }
        let k = copy_into_buffer(b, d)?;
        int::from_i64(k as i64)
    }
}

io_method!(bufbase_readinto, |slf, args, kws| {
    let [b] = bind("readinto", args, &kws, ["buffer"], 1)?;
    readinto_via(slf, b.unwrap_or(null_mut()), "read")
});

io_method!(bufbase_readinto1, |slf, args, kws| {
    let [b] = bind("readinto1", args, &kws, ["buffer"], 1)?;
    readinto_via(slf, b.unwrap_or(null_mut()), "read1")
});

static BUFFEREDIOBASE_METHODS: [PyMethodDef; 7] = [
    method(c"read", bufbase_read as *const c_void, FK),
    method(c"read1", bufbase_read1 as *const c_void, FK),
    method(c"readinto", bufbase_readinto as *const c_void, FK),
    method(c"readinto1", bufbase_readinto1 as *const c_void, FK),
    method(c"write", bufbase_write as *const c_void, FK),
    method(c"detach", bufbase_detach as *const c_void, FK),
    METHOD_END,
];

// _TextIOBase

io_method!(textbase_read, |slf, args, kws| Err(unsupported("read")));
io_method!(textbase_readline, |slf, args, kws| Err(unsupported(
    "readline"
)));
io_method!(textbase_write, |slf, args, kws| Err(unsupported("write")));
io_method!(textbase_detach, |slf, args, kws| Err(unsupported("detach")));
io_getter!(textbase_none, |slf| Ok(none::owned()));

static TEXTIOBASE_METHODS: [PyMethodDef; 5] = [
    method(c"read", textbase_read as *const c_void, FK),
    method(c"readline", textbase_readline as *const c_void, FK),
    method(c"write", textbase_write as *const c_void, FK),
    method(c"detach", textbase_detach as *const c_void, FK),
    METHOD_END,
];

static TEXTIOBASE_GETSET: [PyGetSetDef; 4] = [
    getset(c"encoding", Some(textbase_none), None),
    getset(c"newlines", Some(textbase_none), None),
    getset(c"errors", Some(textbase_none), None),
    GETSET_END,
];
