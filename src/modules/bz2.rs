//! The `_bz2` module (`Modules/_bz2module.c`): `BZ2Compressor` and
//! `BZ2Decompressor` over libbzip2 as ported to Rust (`libbz2-rs-sys`,
//! which writes the same streams as the C library). The codec runs with the
//! GIL released; each object's lock keeps threads from sharing its stream.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::modules::args::clinic_int;
use crate::modules::args::{arity, bind, builtin};
use crate::modules::compression::{self, ssize_arg, Compressing, Input, Run};
use crate::modules::module_def::{self, exec_slot, SLOT_END};
use crate::modules::objtype::{gc_type, new_obj, no_keywords, state, state_refs};
use crate::object::buffer::Guard;
use crate::object::descr::{getset, method, GETSET_END, METHOD_END};
use crate::object::exceptions::{
    PyExc_EOFError, PyExc_OSError, PyExc_RuntimeError, PyExc_SystemError,
};
use crate::object::{bytes, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::runtime::gil::{allow_threads, lock_detached};
use libbz2_rs_sys as bz;
use libc::{c_int, c_uint, c_void};
use std::sync::Mutex;

/// The first output buffer's size (CPython's `INITIAL_BUFFER_SIZE`).
const INITIAL_BUFFER: usize = 8192;

/// Raises the exception CPython's `catch_bz2_error` gives for a libbzip2
/// error code.
fn bz2_error(code: c_int) -> Raised {
    // SAFETY: the exception classes exist before any code runs.
    unsafe {
        match code {
            bz::BZ_CONFIG_ERROR => {
                errors::set_string(PyExc_SystemError, "libbzip2 was not compiled correctly")
            }
            bz::BZ_PARAM_ERROR => {
                errors::value_error("Internal error - invalid parameters passed to libbzip2")
            }
            bz::BZ_MEM_ERROR => errors::no_memory(),
            bz::BZ_DATA_ERROR | bz::BZ_DATA_ERROR_MAGIC => {
                errors::set_string(PyExc_OSError, "Invalid data stream")
            }
            bz::BZ_IO_ERROR => errors::set_string(PyExc_OSError, "Unknown I/O error"),
            bz::BZ_UNEXPECTED_EOF => errors::set_string(
                PyExc_EOFError,
                "Compressed file ended before the logical end-of-stream was detected",
            ),
            bz::BZ_SEQUENCE_ERROR => errors::set_string(
                PyExc_RuntimeError,
                "Internal error - Invalid sequence of commands sent to libbzip2",
            ),
            _ => errors::set_string(
                PyExc_OSError,
                &format!("Unrecognized error from libbzip2: {code}"),
            ),
        }
    }
}

/// Whether a libbzip2 return code is a success.
fn ok(code: c_int) -> bool {
    matches!(
        code,
        bz::BZ_OK | bz::BZ_RUN_OK | bz::BZ_FLUSH_OK | bz::BZ_FINISH_OK | bz::BZ_STREAM_END
    )
}

/// A libbzip2 stream; boxed because the library's state points back at it.
struct Stream {
    bzs: Box<bz::bz_stream>,
    compress: bool,
}

impl Stream {
    fn new(compress: bool, level: c_int) -> Result<Stream, c_int> {
        // SAFETY: a zeroed bz_stream (no allocator: the library's own) is
        // what the init functions expect.
        let mut bzs: Box<bz::bz_stream> = Box::new(unsafe { std::mem::zeroed() });
        // SAFETY: bzs is a fresh stream at a stable address.
        let code = unsafe {
            if compress {
                bz::BZ2_bzCompressInit(&mut *bzs, level, 0, 0)
            } else {
                bz::BZ2_bzDecompressInit(&mut *bzs, 0, 0)
            }
        };
        if code != bz::BZ_OK {
            return Err(code);
        }
        Ok(Stream { bzs, compress })
    }

    /// Points the stream at `input` and the spare capacity of `out`
    /// (at most `room` bytes), runs one call, and records what it did.
    /// Returns the code and the input consumed.
    fn step(
        &mut self,
        input: &[u8],
        out: &mut Vec<u8>,
        room: usize,
        action: c_int,
    ) -> (c_int, usize) {
        out.reserve(room);
        let start = out.len();
        let avail_in = input.len().min(c_uint::MAX as usize) as c_uint;
        let avail_out = room.min(c_uint::MAX as usize) as c_uint;
        self.bzs.next_in = input.as_ptr().cast();
        self.bzs.avail_in = avail_in;
        // SAFETY: `room` bytes are reserved past `start`.
        self.bzs.next_out = unsafe { out.as_mut_ptr().add(start) }.cast();
        self.bzs.avail_out = avail_out;
        // SAFETY: an initialized stream with valid buffers.
        let code = unsafe {
            if self.compress {
                bz::BZ2_bzCompress(&mut *self.bzs, action)
            } else {
                bz::BZ2_bzDecompress(&mut *self.bzs)
            }
        };
        let produced = (avail_out - self.bzs.avail_out) as usize;
        // SAFETY: the library wrote `produced` bytes.
        unsafe { out.set_len(start + produced) };
        (code, (avail_in - self.bzs.avail_in) as usize)
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        // SAFETY: an initialized stream, ended once.
        unsafe {
            if self.compress {
                bz::BZ2_bzCompressEnd(&mut *self.bzs);
            } else {
                bz::BZ2_bzDecompressEnd(&mut *self.bzs);
            }
        }
    }
}

/// How much more output room to offer when `len` bytes are out (a
/// less-than-double growth, as CPython's `grow_buffer`).
fn growth(len: usize) -> usize {
    (len >> 3) + 6
}

// ---- BZ2Compressor -----------------------------------------------------------

struct Compressor {
    s: Stream,
    flushed: bool,
}

/// The state of a `BZ2Compressor`.
pub struct CompressorObj(Mutex<Compressor>);
state_refs!(CompressorObj);

impl Compressor {
    /// CPython's `compress()`: feeds all of `data` with `action` and
    /// collects the output (without the GIL).
    fn run(&mut self, data: &[u8], action: c_int) -> Result<Vec<u8>, c_int> {
        allow_threads(|| {
            let mut out = Vec::with_capacity(INITIAL_BUFFER);
            let mut used = 0;
            loop {
                if action == bz::BZ_RUN && used == data.len() {
                    break;
                }
                let room = if out.len() < out.capacity() {
                    out.capacity() - out.len()
                } else {
                    growth(out.len()).max(INITIAL_BUFFER)
                };
                let (code, n) = self.s.step(&data[used..], &mut out, room, action);
                used += n;
                if !ok(code) {
                    return Err(code);
                }
                if action == bz::BZ_FINISH && code == bz::BZ_STREAM_END {
                    break;
                }
            }
            Ok(out)
        })
    }
}

impl Compressing for Compressor {
    fn step(&mut self, data: &[u8], finish: bool) -> PyResult<Vec<u8>> {
        let action = if finish { bz::BZ_FINISH } else { bz::BZ_RUN };
        self.run(data, action).map_err(bz2_error)
    }

    fn flushed(&mut self) -> &mut bool {
        &mut self.flushed
    }
}

pub static mut COMPRESSOR_TYPE: PyTypeObject = PyTypeObject {
    tp_new: Some(compressor_new),
    tp_methods: (&raw const COMPRESSOR_METHODS).cast_mut().cast(),
    tp_doc: c"BZ2Compressor(compresslevel=9, /)\n--\n\nCreate a compressor object for compressing data incrementally.\n\n  compresslevel\n    Compression level, as a number between 1 and 9.\n\nFor one-shot compression, use the compress() function instead.".as_ptr(),
    ..gc_type::<CompressorObj>(c"_bz2.BZ2Compressor", 0)
};

static COMPRESSOR_METHODS: [PyMethodDef; 3] = [
    method(c"compress", c_compress as *const c_void, METH_O),
    method(c"flush", c_flush as *const c_void, METH_NOARGS),
    METHOD_END,
];

unsafe extern "C" fn compressor_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple, kwargs NULL or a dict.
        unsafe {
            no_keywords("BZ2Compressor", kwargs)?;
            let a = tuple::items(args);
            arity("BZ2Compressor", a, 0, 1)?;
            let level = match a.first() {
                Some(&l) => clinic_int(l)?,
                None => 9,
            };
            if !(1..=9).contains(&level) {
                return Err(errors::value_error("compresslevel must be between 1 and 9"));
            }
            let s = Stream::new(true, level).map_err(bz2_error)?;
            new_obj(
                tp,
                CompressorObj(Mutex::new(Compressor { s, flushed: false })),
            )
        }
    })
}

unsafe extern "C" fn c_compress(op: *mut PyObject, data: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a BZ2Compressor.
    guard_obj(|| unsafe { compression::compress(&state::<CompressorObj>(op).0, data) })
}

unsafe extern "C" fn c_flush(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a BZ2Compressor.
    guard_obj(|| compression::flush(unsafe { &state::<CompressorObj>(op).0 }))
}

// ---- BZ2Decompressor ---------------------------------------------------------

struct Decompressor {
    s: Stream,
    input: Input,
}

/// The state of a `BZ2Decompressor`.
pub struct DecompressorObj(Mutex<Decompressor>);
state_refs!(DecompressorObj);

/// CPython's `decompress_buf`: decompresses `input` into at most `max`
/// bytes (no limit when negative), without the GIL.
fn decompress_buf(s: &mut Stream, input: &[u8], max: isize) -> Result<(Vec<u8>, Run), c_int> {
    allow_threads(|| {
        let limit = usize::try_from(max).ok();
        let mut size = limit.map_or(INITIAL_BUFFER, |m| m.min(INITIAL_BUFFER));
        let mut out = Vec::with_capacity(size);
        let mut used = 0;
        loop {
            let room = size - out.len();
            let (code, n) = s.step(&input[used..], &mut out, room, 0);
            used += n;
            if !ok(code) {
                return Err(code);
            }
            let run = |end| Run {
                consumed: used,
                end,
                full: false,
            };
            if code == bz::BZ_STREAM_END {
                return Ok((out, run(true)));
            }
            if used == input.len() {
                return Ok((out, run(false)));
            }
            if out.len() == size {
                if Some(out.len()) == limit {
                    return Ok((out, run(false)));
                }
                size += growth(size);
                if let Some(m) = limit {
                    size = size.min(m);
                }
            }
        }
    })
}

pub static mut DECOMPRESSOR_TYPE: PyTypeObject = PyTypeObject {
    tp_new: Some(decompressor_new),
    tp_methods: (&raw const DECOMPRESSOR_METHODS).cast_mut().cast(),
    tp_getset: (&raw const DECOMPRESSOR_GETSET).cast_mut().cast(),
    tp_doc: c"BZ2Decompressor()\n--\n\nCreate a decompressor object for decompressing data incrementally.\n\nFor one-shot decompression, use the decompress() function instead.".as_ptr(),
    ..gc_type::<DecompressorObj>(c"_bz2.BZ2Decompressor", 0)
};

static DECOMPRESSOR_METHODS: [PyMethodDef; 2] = [
    method(
        c"decompress",
        d_decompress as *const c_void,
        METH_FASTCALL | METH_KEYWORDS,
    ),
    METHOD_END,
];

static DECOMPRESSOR_GETSET: [PyGetSetDef; 4] = [
    getset(c"eof", Some(compression::get_eof::<DecompressorObj>), None),
    getset(
        c"unused_data",
        Some(compression::get_unused_data::<DecompressorObj>),
        None,
    ),
    getset(
        c"needs_input",
        Some(compression::get_needs_input::<DecompressorObj>),
        None,
    ),
    GETSET_END,
];

unsafe extern "C" fn decompressor_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple, kwargs NULL or a dict.
        unsafe {
            if tuple::size(args) != 0 {
                return Err(errors::type_error(
                    "BZ2Decompressor() takes no positional arguments",
                ));
            }
            no_keywords("BZ2Decompressor", kwargs)?;
            let s = Stream::new(false, 0).map_err(bz2_error)?;
            new_obj(
                tp,
                DecompressorObj(Mutex::new(Decompressor {
                    s,
                    input: Input::new(),
                })),
            )
        }
    })
}

builtin!(d_decompress, |op, args, kws| {
    let [data, max_length] = bind("decompress", args, &kws, ["data", "max_length"], 2, 1)?;
    let data = Guard::new(data.expect("required"), PyBUF_SIMPLE)?;
    let max = match max_length {
        Some(m) => ssize_arg(m)?,
        None => -1,
    };
    let mut guard = lock_detached(&state::<DecompressorObj>(op).0);
    let d = &mut *guard;
    if d.input.eof {
        return Err(errors::set_string(
            PyExc_EOFError,
            "End of stream already reached",
        ));
    }
    let mut out = Vec::new();
    let s = &mut d.s;
    d.input
        .feed(data.as_slice(), |input| {
            let (o, run) = decompress_buf(s, input, max)?;
            out = o;
            Ok(run)
        })
        .map_err(bz2_error)?;
    bytes::from_slice(&out)
});

/// The decompressor's state, locked.
unsafe fn locked<'a>(op: *mut PyObject) -> std::sync::MutexGuard<'a, Decompressor> {
    // SAFETY: op is a BZ2Decompressor.
    lock_detached(unsafe { &state::<DecompressorObj>(op).0 })
}

impl compression::HoldsInput for DecompressorObj {
    unsafe fn with_input<R>(op: *mut PyObject, f: impl FnOnce(&Input) -> R) -> R {
        // SAFETY: op is a BZ2Decompressor, as the caller promises.
        f(&unsafe { locked(op) }.input)
    }
}

// ---- the module --------------------------------------------------------------

unsafe extern "C" fn exec(m: *mut PyObject) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: the module being executed; static types.
        unsafe {
            module_def::add_type(m, &raw mut COMPRESSOR_TYPE)?;
            module_def::add_type(m, &raw mut DECOMPRESSOR_TYPE)
        }
    })
}

static mut METHODS: [PyMethodDef; 1] = [METHOD_END];

static mut SLOTS: [PyModuleDef_Slot; 2] = [exec_slot(exec), SLOT_END];

static mut DEF: PyModuleDef = module_def::def(
    c"_bz2",
    c"",
    (&raw mut METHODS).cast(),
    (&raw mut SLOTS).cast(),
);

/// `PyInit__bz2`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    // SAFETY: DEF is a static module definition.
    unsafe { crate::capi::module::PyModuleDef_Init(&raw mut DEF) }
}
