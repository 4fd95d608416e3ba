//! The `zlib` module (`Modules/zlibmodule.c`) over the system zlib (through
//! `libz-sys`), so compressed bytes are the same as CPython's: one-shot
//! `compress`/`decompress` for zlib, raw and gzip framing (`wbits`),
//! `compressobj`/`decompressobj` streams with `flush`, `copy`,
//! `unused_data`, `unconsumed_tail` and `eof`, the `_ZlibDecompressor`
//! that `gzip` reads with, `crc32`, `adler32`, and the constants.
mod stream;

use crate::capi::boundary::{guard_obj, guard_status};
use crate::ffi::*;
use crate::modules::args::clinic_int;
use crate::modules::args::{bind, bind_posonly, builtin};
use crate::modules::module_def::{self, add, exec_slot, SLOT_END};
use crate::object::bytes_methods::{bytes_like, need_bytes_like};
use crate::object::descr::{getset, method, GETSET_END, METHOD_END};
use crate::object::typeobj::type_template;
use crate::object::{bool as pybool, bytes, int, number};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::{c_int, c_void};
use libz_sys as z;
use std::ptr::null_mut;
use std::sync::atomic::{AtomicPtr, Ordering};
use stream::{error_text, Stream};

static ERROR: AtomicPtr<PyObject> = AtomicPtr::new(null_mut());

/// Drops the module's exception class (interpreter finalization).
pub fn finalize() {
    crate::object::refcount::release_static(&ERROR);
}

const MAX_WBITS: c_int = 15;
const DEF_MEM_LEVEL: c_int = 8;
const DEF_BUF_SIZE: i64 = 16384;

/// Raises `zlib.error(msg)`.
fn error(msg: impl AsRef<str>) -> Raised {
    // SAFETY: the class is created by exec before any call.
    unsafe { errors::set_string(ERROR.load(Ordering::Relaxed), msg.as_ref()) }
}

/// Raises `zlib.error` for zlib's code `code` while doing `action`.
fn zlib_error(s: &Stream, code: c_int, action: &str) -> Raised {
    error(error_text(code, s.msg(), action))
}

/// An int argument as a C int (Argument Clinic's `int`), `default` when
/// absent.
unsafe fn c_int_arg(o: Option<*mut PyObject>, default: c_int) -> PyResult<c_int> {
    match o {
        None => Ok(default),
        // SAFETY: o valid (caller contract).
        Some(o) => unsafe { clinic_int(o) },
    }
}

builtin!(compress, |args, kws| {
    let [data, level, wbits] =
        bind_posonly("compress", args, &kws, ["data", "level", "wbits"], 1, 3, 1)?;
    let data = need_bytes_like(data.expect("required"))?;
    let level = c_int_arg(level, z::Z_DEFAULT_COMPRESSION)?;
    let wbits = c_int_arg(wbits, MAX_WBITS)?;
    let mut s = match Stream::deflate(
        level,
        z::Z_DEFLATED,
        wbits,
        DEF_MEM_LEVEL,
        z::Z_DEFAULT_STRATEGY,
    ) {
        Ok(s) => s,
        Err(z::Z_MEM_ERROR) => return Err(errors::no_memory()),
        Err(z::Z_STREAM_ERROR) => return Err(error("Bad compression level")),
        Err(e) => return Err(error(error_text(e, None, "while compressing data"))),
    };
    let mut out = Vec::new();
    let (err, _) = s.run(&data, z::Z_FINISH, &mut out, None, |_| false);
    if err != z::Z_STREAM_END {
        return Err(zlib_error(&s, err, "while compressing data"));
    }
    bytes::from_slice(&out)
});

builtin!(decompress, |args, kws| {
    let [data, wbits, bufsize] = bind_posonly(
        "decompress",
        args,
        &kws,
        ["data", "wbits", "bufsize"],
        1,
        3,
        1,
    )?;
    let data = need_bytes_like(data.expect("required"))?;
    let wbits = c_int_arg(wbits, MAX_WBITS)?;
    if let Some(b) = bufsize {
        if int::as_i64(number::index(b)?.as_ptr())? < 0 {
            return Err(errors::value_error("bufsize must be non-negative"));
        }
    }
    let mut s = match Stream::inflate(wbits) {
        Ok(s) => s,
        Err(z::Z_MEM_ERROR) => return Err(errors::no_memory()),
        Err(e) => {
            return Err(error(error_text(
                e,
                None,
                "while preparing to decompress data",
            )))
        }
    };
    let mut out = Vec::new();
    let (err, _) = s.run(&data, z::Z_FINISH, &mut out, None, |_| false);
    if err != z::Z_STREAM_END {
        return Err(zlib_error(&s, err, "while decompressing data"));
    }
    bytes::from_slice(&out)
});

/// A checksum function of zlib over any length of data.
unsafe fn checksum(
    fname: &str,
    args: &[*mut PyObject],
    kws: &[(&str, *mut PyObject)],
    start: u64,
    f: unsafe extern "C" fn(libc::c_ulong, *const u8, libc::c_uint) -> libc::c_ulong,
) -> PyResult<Owned> {
    crate::modules::args::no_kwargs(&format!("zlib.{fname}"), kws)?;
    let [data, value] = bind(fname, args, kws, ["data", "value"], 2, 1)?;
    // SAFETY: valid arguments.
    unsafe {
        let data = need_bytes_like(data.expect("required"))?;
        let mut v = match value {
            Some(v) => {
                let i = number::index(v)?;
                let mut b = [0u8; 4];
                int::to_big(i.as_ptr()).write_bytes(&mut b, true);
                u32::from_le_bytes(b) as libc::c_ulong
            }
            None => start as libc::c_ulong,
        };
        for chunk in data.chunks(1 << 30) {
            v = f(v, chunk.as_ptr(), chunk.len() as libc::c_uint);
        }
        int::from_u64(v as u64 & 0xffff_ffff)
    }
}

builtin!(crc32, |args, kws| checksum(
    "crc32",
    args,
    &kws,
    0,
    z::crc32
));
builtin!(adler32, |args, kws| checksum(
    "adler32",
    args,
    &kws,
    1,
    z::adler32
));

// ---- Compress objects --------------------------------------------------------

#[repr(C)]
struct StreamObject {
    ob_base: PyObject,
    state: *mut c_void,
}

/// The Rust state of a stream object.
///
/// # Safety
/// `op` is an object of the type whose state is `T`.
unsafe fn state_of<'a, T>(op: *mut PyObject) -> &'a mut T {
    // SAFETY: per the contract; the box lives as long as the object.
    unsafe { &mut *(*op.cast::<StreamObject>()).state.cast::<T>() }
}

/// A new stream object of type `tp` owning `state`.
unsafe fn new_stream_object<T>(tp: *mut PyTypeObject, state: T) -> PyResult<Owned> {
    // SAFETY: tp is one of our static types, readied by exec.
    unsafe {
        let o = errors::check(crate::object::alloc::generic_alloc(tp, 0))?;
        (*o.as_ptr().cast::<StreamObject>()).state = Box::into_raw(Box::new(state)).cast();
        Ok(o)
    }
}

static mut COMPRESS_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DISALLOW_INSTANTIATION,
    tp_dealloc: Some(compress_dealloc),
    tp_methods: (&raw const COMPRESS_METHODS).cast_mut().cast(),
    ..type_template(c"zlib.Compress", std::mem::size_of::<StreamObject>(), 0)
};

static COMPRESS_METHODS: [PyMethodDef; 6] = [
    method(c"compress", c_compress as *const c_void, METH_O),
    method(c"flush", c_flush as *const c_void, METH_FASTCALL),
    method(c"copy", c_copy as *const c_void, METH_NOARGS),
    method(c"__copy__", c_copy as *const c_void, METH_NOARGS),
    method(c"__deepcopy__", c_copy as *const c_void, METH_O),
    METHOD_END,
];

unsafe extern "C" fn compress_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; the state was boxed at creation.
    unsafe {
        drop(Box::from_raw(
            (*op.cast::<StreamObject>()).state.cast::<Stream>(),
        ));
        crate::object::alloc::raw_free(op.cast());
    }
}

builtin!(compressobj, |args, kws| {
    let [level, meth, wbits, mem, strategy, zdict] = bind(
        "compressobj",
        args,
        &kws,
        ["level", "method", "wbits", "memLevel", "strategy", "zdict"],
        6,
        0,
    )?;
    let zdict = match zdict {
        Some(d) => Some(need_bytes_like(d)?),
        None => None,
    };
    let s = Stream::deflate(
        c_int_arg(level, z::Z_DEFAULT_COMPRESSION)?,
        c_int_arg(meth, z::Z_DEFLATED)?,
        c_int_arg(wbits, MAX_WBITS)?,
        c_int_arg(mem, DEF_MEM_LEVEL)?,
        c_int_arg(strategy, z::Z_DEFAULT_STRATEGY)?,
    );
    let mut s = match s {
        Ok(s) => s,
        Err(z::Z_MEM_ERROR) => return Err(errors::no_memory()),
        Err(z::Z_STREAM_ERROR) => return Err(errors::value_error("Invalid initialization option")),
        Err(e) => {
            return Err(error(error_text(
                e,
                None,
                "while creating compression object",
            )))
        }
    };
    if let Some(d) = zdict {
        let err = s.set_dictionary(&d);
        if err != z::Z_OK {
            return Err(errors::value_error("Invalid dictionary"));
        }
    }
    new_stream_object(&raw mut COMPRESS_TYPE, s)
});

unsafe extern "C" fn c_compress(op: *mut PyObject, data: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a Compress object.
        unsafe {
            let s = state_of::<Stream>(op);
            let data = need_bytes_like(data)?;
            let mut out = Vec::new();
            let (err, _) = s.run(&data, z::Z_NO_FLUSH, &mut out, None, |_| false);
            if err != z::Z_OK && err != z::Z_BUF_ERROR {
                return Err(zlib_error(s, err, "while compressing data"));
            }
            bytes::from_slice(&out)
        }
    })
}

unsafe extern "C" fn c_flush(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a Compress object; fastcall arguments.
        unsafe {
            let a = crate::capi::call::arg_slice(args, nargs as usize);
            crate::modules::args::arity("flush", a, 0, 1)?;
            let mode = c_int_arg(a.first().copied(), z::Z_FINISH)?;
            if mode == z::Z_NO_FLUSH {
                return Ok(Owned::from_borrowed_static(bytes::empty()));
            }
            let s = state_of::<Stream>(op);
            let mut out = Vec::new();
            let (err, _) = s.run(&[], mode, &mut out, None, |_| false);
            if mode == z::Z_FINISH && err == z::Z_STREAM_END {
                s.end();
            } else if err != z::Z_OK && err != z::Z_BUF_ERROR {
                return Err(zlib_error(s, err, "while flushing"));
            }
            bytes::from_slice(&out)
        }
    })
}

/// `Compress.copy()`, also its `__copy__()` and `__deepcopy__(memo)`.
unsafe extern "C" fn c_copy(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a Compress object.
        unsafe {
            let s = state_of::<Stream>(op);
            if !s.active {
                return Err(errors::value_error("Inconsistent stream state"));
            }
            match s.copy() {
                Ok(c) => new_stream_object(&raw mut COMPRESS_TYPE, c),
                Err(e) => Err(zlib_error(s, e, "while copying compression object")),
            }
        }
    })
}

// ---- Decompress objects ------------------------------------------------------

/// A decompression stream with what it has not used.
struct Decomp {
    s: Stream,
    unused_data: Vec<u8>,
    unconsumed_tail: Vec<u8>,
    eof: bool,
    zdict: Option<Vec<u8>>,
}

impl Decomp {
    /// Runs over `data`, then keeps the input past the end of the stream
    /// (`unused_data`) or past the output limit (`unconsumed_tail`).
    fn feed(&mut self, data: &[u8], flush: c_int, max: Option<usize>) -> PyResult<Vec<u8>> {
        let mut out = Vec::new();
        let zdict = self.zdict.clone();
        let (err, used) = self.s.run(data, flush, &mut out, max, |s| match &zdict {
            Some(d) => s.set_dictionary(d) == z::Z_OK,
            None => false,
        });
        if err == z::Z_NEED_DICT && self.zdict.is_some() {
            return Err(zlib_error(&self.s, err, "while setting zdict"));
        }
        let rest = &data[used..];
        if err == z::Z_STREAM_END {
            self.unused_data.extend_from_slice(rest);
            self.unconsumed_tail.clear();
            self.eof = true;
        } else {
            self.unconsumed_tail = rest.to_vec();
        }
        if err != z::Z_OK && err != z::Z_BUF_ERROR && err != z::Z_STREAM_END {
            return Err(zlib_error(&self.s, err, "while decompressing data"));
        }
        Ok(out)
    }
}

static mut DECOMPRESS_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DISALLOW_INSTANTIATION,
    tp_dealloc: Some(decompress_dealloc),
    tp_methods: (&raw const DECOMPRESS_METHODS).cast_mut().cast(),
    tp_getset: (&raw const DECOMPRESS_GETSET).cast_mut().cast(),
    ..type_template(c"zlib.Decompress", std::mem::size_of::<StreamObject>(), 0)
};

static DECOMPRESS_METHODS: [PyMethodDef; 6] = [
    method(
        c"decompress",
        d_decompress as *const c_void,
        METH_FASTCALL | METH_KEYWORDS,
    ),
    method(c"flush", d_flush as *const c_void, METH_FASTCALL),
    method(c"copy", d_copy as *const c_void, METH_NOARGS),
    method(c"__copy__", d_copy as *const c_void, METH_NOARGS),
    method(c"__deepcopy__", d_copy as *const c_void, METH_O),
    METHOD_END,
];

static DECOMPRESS_GETSET: [PyGetSetDef; 4] = [
    getset(c"unused_data", Some(d_unused_data), None),
    getset(c"unconsumed_tail", Some(d_unconsumed_tail), None),
    getset(c"eof", Some(d_eof), None),
    GETSET_END,
];

unsafe extern "C" fn decompress_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; the state was boxed at creation.
    unsafe {
        drop(Box::from_raw(
            (*op.cast::<StreamObject>()).state.cast::<Decomp>(),
        ));
        crate::object::alloc::raw_free(op.cast());
    }
}

builtin!(decompressobj, |args, kws| {
    let [wbits, zdict] = bind("decompressobj", args, &kws, ["wbits", "zdict"], 2, 0)?;
    let wbits = c_int_arg(wbits, MAX_WBITS)?;
    let zdict = match zdict {
        Some(d) => Some(
            bytes_like(d)?
                .ok_or_else(|| {
                    errors::type_error("zdict argument must support the buffer protocol")
                })?
                .into_owned(),
        ),
        None => None,
    };
    let mut s = match Stream::inflate(wbits) {
        Ok(s) => s,
        Err(z::Z_MEM_ERROR) => return Err(errors::no_memory()),
        Err(z::Z_STREAM_ERROR) => return Err(errors::value_error("Invalid initialization option")),
        Err(e) => {
            return Err(error(error_text(
                e,
                None,
                "while creating decompression object",
            )))
        }
    };
    // A raw stream has no header asking for the dictionary: set it now.
    if let (Some(d), true) = (&zdict, wbits < 0) {
        let err = s.set_dictionary(d);
        if err != z::Z_OK {
            return Err(zlib_error(&s, err, "while setting zdict"));
        }
    }
    new_stream_object(
        &raw mut DECOMPRESS_TYPE,
        Decomp {
            s,
            unused_data: Vec::new(),
            unconsumed_tail: Vec::new(),
            eof: false,
            zdict,
        },
    )
});

unsafe extern "C" fn d_decompress(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a Decompress object; fastcall arguments.
        unsafe {
            let (a, kws) = crate::modules::args::split(args, nargs, kwnames);
            let [data, max_length] =
                bind_posonly("decompress", a, &kws, ["data", "max_length"], 1, 2, 1)?;
            let data = need_bytes_like(data.expect("required"))?;
            let max = match max_length {
                Some(m) => int::as_i64(number::index(m)?.as_ptr())?,
                None => 0,
            };
            if max < 0 {
                return Err(errors::value_error("max_length must be non-negative"));
            }
            let d = state_of::<Decomp>(op);
            let out = d.feed(&data, z::Z_SYNC_FLUSH, (max > 0).then_some(max as usize))?;
            bytes::from_slice(&out)
        }
    })
}

unsafe extern "C" fn d_flush(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a Decompress object; fastcall arguments.
        unsafe {
            let a = crate::capi::call::arg_slice(args, nargs as usize);
            crate::modules::args::arity("flush", a, 0, 1)?;
            let length = match a.first() {
                Some(&l) => int::as_i64(number::index(l)?.as_ptr())?,
                None => DEF_BUF_SIZE,
            };
            if length <= 0 {
                return Err(errors::value_error("length must be greater than zero"));
            }
            let d = state_of::<Decomp>(op);
            if !d.s.active {
                return Ok(Owned::from_borrowed_static(bytes::empty()));
            }
            let tail = std::mem::take(&mut d.unconsumed_tail);
            let out = d.feed(&tail, z::Z_FINISH, None)?;
            if d.eof {
                d.s.end();
            }
            bytes::from_slice(&out)
        }
    })
}

/// `Decompress.copy()`, also its `__copy__()` and `__deepcopy__(memo)`.
unsafe extern "C" fn d_copy(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a Decompress object.
        unsafe {
            let d = state_of::<Decomp>(op);
            if !d.s.active {
                return Err(errors::value_error("Inconsistent stream state"));
            }
            let s =
                d.s.copy()
                    .map_err(|e| zlib_error(&d.s, e, "while copying decompression object"))?;
            new_stream_object(
                &raw mut DECOMPRESS_TYPE,
                Decomp {
                    s,
                    unused_data: d.unused_data.clone(),
                    unconsumed_tail: d.unconsumed_tail.clone(),
                    eof: d.eof,
                    zdict: d.zdict.clone(),
                },
            )
        }
    })
}

unsafe extern "C" fn d_unused_data(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a Decompress object.
    guard_obj(|| bytes::from_slice(&unsafe { state_of::<Decomp>(op) }.unused_data))
}

unsafe extern "C" fn d_unconsumed_tail(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a Decompress object.
    guard_obj(|| bytes::from_slice(&unsafe { state_of::<Decomp>(op) }.unconsumed_tail))
}

unsafe extern "C" fn d_eof(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a Decompress object.
    let eof = unsafe { state_of::<Decomp>(op) }.eof;
    Owned::from_borrowed_static(pybool::from_bool(eof)).into_raw()
}

// ---- _ZlibDecompressor -------------------------------------------------------

/// The state of a `_ZlibDecompressor`: the stream and the input it has
/// not yet consumed.
struct OneShot {
    s: Stream,
    pending: Vec<u8>,
    unused_data: Vec<u8>,
    eof: bool,
    needs_input: bool,
    zdict: Option<Vec<u8>>,
}

static mut ZLIB_DECOMPRESSOR_TYPE: PyTypeObject = PyTypeObject {
    tp_dealloc: Some(oneshot_dealloc),
    tp_new: Some(oneshot_new),
    tp_methods: (&raw const ONESHOT_METHODS).cast_mut().cast(),
    tp_getset: (&raw const ONESHOT_GETSET).cast_mut().cast(),
    ..type_template(
        c"zlib._ZlibDecompressor",
        std::mem::size_of::<StreamObject>(),
        0,
    )
};

static ONESHOT_METHODS: [PyMethodDef; 2] = [
    method(
        c"decompress",
        o_decompress as *const c_void,
        METH_FASTCALL | METH_KEYWORDS,
    ),
    METHOD_END,
];

static ONESHOT_GETSET: [PyGetSetDef; 4] = [
    getset(c"unused_data", Some(o_unused_data), None),
    getset(c"eof", Some(o_eof), None),
    getset(c"needs_input", Some(o_needs_input), None),
    GETSET_END,
];

unsafe extern "C" fn oneshot_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; the state was boxed at creation.
    unsafe {
        drop(Box::from_raw(
            (*op.cast::<StreamObject>()).state.cast::<OneShot>(),
        ));
        crate::object::alloc::raw_free(op.cast());
    }
}

unsafe extern "C" fn oneshot_new(
    _tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: tp_new arguments: a tuple and NULL or a dict.
        unsafe {
            let a = crate::object::tuple::items(args);
            let mut kws = Vec::new();
            if !kwargs.is_null() {
                let mut pos = 0;
                while let Some((k, v)) = crate::object::dict::next(kwargs, &mut pos) {
                    kws.push((crate::object::str::as_str(k)?, v));
                }
            }
            let [wbits, zdict] = bind("_ZlibDecompressor", a, &kws, ["wbits", "zdict"], 2, 0)?;
            let wbits = c_int_arg(wbits, MAX_WBITS)?;
            let zdict = match zdict {
                Some(d) => Some(
                    bytes_like(d)?
                        .ok_or_else(|| {
                            errors::type_error("zdict argument must support the buffer protocol")
                        })?
                        .into_owned(),
                ),
                None => None,
            };
            let mut s = match Stream::inflate(wbits) {
                Ok(s) => s,
                Err(z::Z_MEM_ERROR) => return Err(errors::no_memory()),
                Err(z::Z_STREAM_ERROR) => {
                    return Err(errors::value_error("Invalid initialization option"))
                }
                Err(e) => {
                    return Err(error(error_text(
                        e,
                        None,
                        "while creating decompression object",
                    )))
                }
            };
            if let (Some(d), true) = (&zdict, wbits < 0) {
                let err = s.set_dictionary(d);
                if err != z::Z_OK {
                    return Err(zlib_error(&s, err, "while setting zdict"));
                }
            }
            new_stream_object(
                &raw mut ZLIB_DECOMPRESSOR_TYPE,
                OneShot {
                    s,
                    pending: Vec::new(),
                    unused_data: Vec::new(),
                    eof: false,
                    needs_input: true,
                    zdict,
                },
            )
        }
    })
}

unsafe extern "C" fn o_decompress(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a _ZlibDecompressor; fastcall arguments.
        unsafe {
            let (a, kws) = crate::modules::args::split(args, nargs, kwnames);
            let [data, max_length] = bind("decompress", a, &kws, ["data", "max_length"], 2, 1)?;
            let data = need_bytes_like(data.expect("required"))?;
            let max = match max_length {
                Some(m) => int::as_i64(number::index(m)?.as_ptr())?,
                None => -1,
            };
            let o = state_of::<OneShot>(op);
            if o.eof {
                return Err(errors::set_string(
                    crate::object::exceptions::PyExc_EOFError,
                    "End of stream already reached",
                ));
            }
            let mut input = std::mem::take(&mut o.pending);
            input.extend_from_slice(&data);
            let limit = (max >= 0).then_some(max as usize);
            let mut out = Vec::new();
            let zdict = o.zdict.clone();
            let (err, used) = if limit == Some(0) {
                (z::Z_OK, 0)
            } else {
                o.s.run(&input, z::Z_SYNC_FLUSH, &mut out, limit, |s| match &zdict {
                    Some(d) => s.set_dictionary(d) == z::Z_OK,
                    None => false,
                })
            };
            if err != z::Z_OK && err != z::Z_BUF_ERROR && err != z::Z_STREAM_END {
                return Err(zlib_error(&o.s, err, "while decompressing data"));
            }
            let rest = &input[used..];
            if err == z::Z_STREAM_END {
                o.eof = true;
                o.needs_input = false;
                o.unused_data.extend_from_slice(rest);
            } else if rest.is_empty() {
                // A full output buffer may hide more output.
                o.needs_input = limit != Some(out.len());
            } else {
                o.needs_input = false;
                o.pending = rest.to_vec();
            }
            bytes::from_slice(&out)
        }
    })
}

unsafe extern "C" fn o_unused_data(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a _ZlibDecompressor.
    guard_obj(|| bytes::from_slice(&unsafe { state_of::<OneShot>(op) }.unused_data))
}

unsafe extern "C" fn o_eof(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a _ZlibDecompressor.
    let eof = unsafe { state_of::<OneShot>(op) }.eof;
    Owned::from_borrowed_static(pybool::from_bool(eof)).into_raw()
}

unsafe extern "C" fn o_needs_input(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a _ZlibDecompressor.
    let n = unsafe { state_of::<OneShot>(op) }.needs_input;
    Owned::from_borrowed_static(pybool::from_bool(n)).into_raw()
}

// ---- the module --------------------------------------------------------------

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut METHODS: [PyMethodDef; 7] = [
    method(c"adler32", adler32 as *const c_void, FK),
    method(c"compress", compress as *const c_void, FK),
    method(c"compressobj", compressobj as *const c_void, FK),
    method(c"crc32", crc32 as *const c_void, FK),
    method(c"decompress", decompress as *const c_void, FK),
    method(c"decompressobj", decompressobj as *const c_void, FK),
    METHOD_END,
];

unsafe extern "C" fn exec(m: *mut PyObject) -> c_int {
    guard_status(|| {
        // SAFETY: the module being executed; static types.
        unsafe {
            crate::object::typeobj::ready(&raw mut COMPRESS_TYPE)?;
            crate::object::typeobj::ready(&raw mut DECOMPRESS_TYPE)?;
            module_def::add_type(m, &raw mut ZLIB_DECOMPRESSOR_TYPE)?;
            if ERROR.load(Ordering::Relaxed).is_null() {
                let e = crate::object::exceptions::new_exception_class(
                    c"zlib.error".as_ptr(),
                    null_mut(),
                    null_mut(),
                    null_mut(),
                )?;
                ERROR.store(e.into_raw(), Ordering::Relaxed);
            }
            add(
                m,
                "error",
                Ok(Owned::from_borrowed(ERROR.load(Ordering::Relaxed))),
            )?;
            for (k, v) in [
                ("MAX_WBITS", MAX_WBITS),
                ("DEFLATED", z::Z_DEFLATED),
                ("DEF_MEM_LEVEL", DEF_MEM_LEVEL),
                ("DEF_BUF_SIZE", DEF_BUF_SIZE as c_int),
                ("Z_NO_COMPRESSION", z::Z_NO_COMPRESSION),
                ("Z_BEST_SPEED", z::Z_BEST_SPEED),
                ("Z_BEST_COMPRESSION", z::Z_BEST_COMPRESSION),
                ("Z_DEFAULT_COMPRESSION", z::Z_DEFAULT_COMPRESSION),
                ("Z_FILTERED", z::Z_FILTERED),
                ("Z_HUFFMAN_ONLY", z::Z_HUFFMAN_ONLY),
                ("Z_RLE", z::Z_RLE),
                ("Z_FIXED", z::Z_FIXED),
                ("Z_DEFAULT_STRATEGY", z::Z_DEFAULT_STRATEGY),
                ("Z_NO_FLUSH", z::Z_NO_FLUSH),
                ("Z_PARTIAL_FLUSH", z::Z_PARTIAL_FLUSH),
                ("Z_SYNC_FLUSH", z::Z_SYNC_FLUSH),
                ("Z_FULL_FLUSH", z::Z_FULL_FLUSH),
                ("Z_FINISH", z::Z_FINISH),
                ("Z_BLOCK", z::Z_BLOCK),
                ("Z_TREES", z::Z_TREES),
            ] {
                add(m, k, int::from_i64(v.into()))?;
            }
            let version = std::ffi::CStr::from_ptr(z::zlibVersion()).to_string_lossy();
            add(m, "ZLIB_VERSION", crate::object::str::from_str(&version))?;
            add(
                m,
                "ZLIB_RUNTIME_VERSION",
                crate::object::str::from_str(&version),
            )
        }
    })
}

static mut SLOTS: [PyModuleDef_Slot; 2] = [exec_slot(exec), SLOT_END];

static mut DEF: PyModuleDef = module_def::def(
    c"zlib",
    c"The functions in this module allow compression and decompression using the\nzlib library, which is based on GNU zip.",
    (&raw mut METHODS).cast(),
    (&raw mut SLOTS).cast(),
);

/// `PyInit_zlib`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    // SAFETY: DEF is a static module definition.
    unsafe { crate::capi::module::PyModuleDef_Init(&raw mut DEF) }
}
