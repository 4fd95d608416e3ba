//! The `_lzma` module (`Modules/_lzmamodule.c`) over liblzma (built from
//! the sources bundled in `liblzma-sys`): `LZMACompressor` and
//! `LZMADecompressor` for the xz, alone and raw formats with custom filter
//! chains, `is_check_supported`, the filter-property helpers `zipfile`
//! uses, `LZMAError` and the constants. The codec runs with the GIL
//! released; each object's lock keeps threads from sharing its stream.
mod filters;

use crate::capi::boundary::{guard_obj, guard_status};
use crate::ffi::*;
use crate::modules::args::{arity, bind, builtin, clinic_int, format_i};
use crate::modules::compression::{self, ssize_arg, Compressing, Input, Run};
use crate::modules::module_def::{self, add, exec_slot, SLOT_END};
use crate::modules::objtype::{gc_type, new_obj, parse, state, state_refs};
use crate::object::buffer::Guard;
use crate::object::descr::{getset, method, GETSET_END, METHOD_END};
use crate::object::exceptions::PyExc_EOFError;
use crate::object::none::none;
use crate::object::{bool as pybool, bytes, int};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::runtime::gil::{allow_threads, lock_detached};
use crate::Owned;
use filters::{u32_of, Chain};
use libc::{c_int, c_void};
use liblzma_sys as lz;
use std::ptr::null_mut;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::Mutex;

static ERROR: AtomicPtr<PyObject> = AtomicPtr::new(null_mut());

/// Drops the module's exception class (interpreter finalization).
pub fn finalize() {
    crate::object::refcount::release_static(&ERROR);
}

/// Raises `LZMAError(msg)`.
fn lzma_error(msg: &str) -> Raised {
    // SAFETY: the class is created by exec before any call.
    unsafe { errors::set_string(ERROR.load(Ordering::Relaxed), msg) }
}

const FORMAT_AUTO: c_int = 0;
const FORMAT_XZ: c_int = 1;
const FORMAT_ALONE: c_int = 2;
const FORMAT_RAW: c_int = 3;
const CHECK_ID_MAX: u32 = 15;
const CHECK_UNKNOWN: u32 = CHECK_ID_MAX + 1;

/// The output buffer's first block (CPython's blocks output buffer).
const FIRST_BLOCK: usize = 32 * 1024;

/// Raises what CPython's `catch_lzma_error` gives for a failing liblzma
/// return code.
fn code_error(code: lz::lzma_ret) -> Raised {
    match code {
        lz::LZMA_UNSUPPORTED_CHECK => lzma_error("Unsupported integrity check"),
        lz::LZMA_MEM_ERROR => errors::no_memory(),
        lz::LZMA_MEMLIMIT_ERROR => lzma_error("Memory usage limit exceeded"),
        lz::LZMA_FORMAT_ERROR => lzma_error("Input format not supported by decoder"),
        lz::LZMA_OPTIONS_ERROR => lzma_error("Invalid or unsupported options"),
        lz::LZMA_DATA_ERROR => lzma_error("Corrupt input data"),
        lz::LZMA_BUF_ERROR => lzma_error("Insufficient buffer space"),
        lz::LZMA_PROG_ERROR => lzma_error("Internal error"),
        c => lzma_error(&format!("Unrecognized error from liblzma: {c}")),
    }
}

/// Whether a liblzma return code is a success.
fn ok(code: lz::lzma_ret) -> bool {
    matches!(
        code,
        lz::LZMA_OK | lz::LZMA_GET_CHECK | lz::LZMA_NO_CHECK | lz::LZMA_STREAM_END
    )
}

/// `Ok(())` for a success code, else its exception.
fn check(code: lz::lzma_ret) -> Result<(), Raised> {
    if ok(code) {
        Ok(())
    } else {
        Err(code_error(code))
    }
}

/// An `lzma_stream`, boxed so its address stays put.
struct Stream(Box<lz::lzma_stream>);

impl Stream {
    fn new() -> Stream {
        // SAFETY: all zeros is LZMA_STREAM_INIT.
        Stream(Box::new(unsafe { std::mem::zeroed() }))
    }

    fn raw(&mut self) -> *mut lz::lzma_stream {
        &mut *self.0
    }

    /// Runs `lzma_code` once over `input` into `room` bytes of spare
    /// capacity of `out`; returns the code and the input consumed.
    fn step(
        &mut self,
        input: &[u8],
        out: &mut Vec<u8>,
        room: usize,
        action: lz::lzma_action,
    ) -> (lz::lzma_ret, usize) {
        out.reserve(room);
        let start = out.len();
        let s = &mut *self.0;
        s.next_in = input.as_ptr();
        s.avail_in = input.len();
        // SAFETY: `room` bytes are reserved past `start`.
        s.next_out = unsafe { out.as_mut_ptr().add(start) };
        s.avail_out = room;
        // SAFETY: an initialized stream with valid buffers.
        let code = unsafe { lz::lzma_code(s, action) };
        // SAFETY: liblzma wrote `room - avail_out` bytes.
        unsafe { out.set_len(start + room - s.avail_out) };
        (code, input.len() - s.avail_in)
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        // SAFETY: a stream that was initialized or is still all zeros.
        unsafe { lz::lzma_end(&mut *self.0) }
    }
}

/// The next output block's size, as CPython's blocks buffer grows.
fn next_block(len: usize) -> usize {
    len.clamp(FIRST_BLOCK, 256 * 1024 * 1024)
}

// ---- LZMACompressor ----------------------------------------------------------

struct Compressor {
    s: Stream,
    flushed: bool,
}

/// The state of an `LZMACompressor`.
pub struct CompressorObj(Mutex<Compressor>);
state_refs!(CompressorObj);

impl Compressor {
    /// CPython's `compress()`: feeds all of `data` with `action` and
    /// collects the output (without the GIL).
    fn run(&mut self, data: &[u8], action: lz::lzma_action) -> Result<Vec<u8>, lz::lzma_ret> {
        allow_threads(|| {
            let mut out = Vec::new();
            let mut size = FIRST_BLOCK;
            let mut used = 0;
            loop {
                let room = size - out.len();
                let (mut code, n) = self.s.step(&data[used..], &mut out, room, action);
                used += n;
                if code == lz::LZMA_BUF_ERROR && data.is_empty() && out.len() < size {
                    code = lz::LZMA_OK;
                }
                if !ok(code) {
                    return Err(code);
                }
                if (action == lz::LZMA_RUN && used == data.len())
                    || (action == lz::LZMA_FINISH && code == lz::LZMA_STREAM_END)
                {
                    return Ok(out);
                }
                if out.len() == size {
                    size += next_block(size);
                }
            }
        })
    }
}

impl Compressing for Compressor {
    fn step(&mut self, data: &[u8], finish: bool) -> PyResult<Vec<u8>> {
        let action = if finish {
            lz::LZMA_FINISH
        } else {
            lz::LZMA_RUN
        };
        self.run(data, action).map_err(code_error)
    }

    fn flushed(&mut self) -> &mut bool {
        &mut self.flushed
    }
}

pub static mut COMPRESSOR_TYPE: PyTypeObject = PyTypeObject {
    tp_new: Some(compressor_new),
    tp_methods: (&raw const COMPRESSOR_METHODS).cast_mut().cast(),
    tp_doc: c"LZMACompressor(format=FORMAT_XZ, check=-1, preset=None, filters=None)\n\nCreate a compressor object for compressing data incrementally.\n\nformat specifies the container format to use for the output. This can\nbe FORMAT_XZ (default), FORMAT_ALONE, or FORMAT_RAW.\n\ncheck specifies the integrity check to use. For FORMAT_XZ, the default\nis CHECK_CRC64. FORMAT_ALONE and FORMAT_RAW do not support integrity\nchecks; for these formats, check must be omitted, or be CHECK_NONE.\n\nThe settings used by the compressor can be specified either as a\npreset compression level (with the 'preset' argument), or in detail\nas a custom filter chain (with the 'filters' argument). For FORMAT_XZ\nand FORMAT_ALONE, the default is to use the PRESET_DEFAULT preset\nlevel. For FORMAT_RAW, the caller must always specify a filter chain;\nthe raw compressor does not support preset compression levels.\n\npreset (if provided) should be an integer in the range 0-9, optionally\nOR-ed with the constant PRESET_EXTREME.\n\nfilters (if provided) should be a sequence of dicts. Each dict should\nhave an entry for \"id\" indicating the ID of the filter, plus\nadditional entries for options to the filter.\n\nFor one-shot compression, use the compress() function instead.\n".as_ptr(),
    ..gc_type::<CompressorObj>(c"_lzma.LZMACompressor", 0)
};

static COMPRESSOR_METHODS: [PyMethodDef; 3] = [
    method(c"compress", c_compress as *const c_void, METH_O),
    method(c"flush", c_flush as *const c_void, METH_NOARGS),
    METHOD_END,
];

/// Sets up `s` as an encoder for `format` (CPython's `Compressor_init_*`).
unsafe fn init_encoder(
    s: &mut Stream,
    format: c_int,
    check: c_int,
    preset: u32,
    specs: *mut PyObject,
) -> Result<(), Raised> {
    // SAFETY: s is a fresh stream; specs valid.
    unsafe {
        let no_filters = specs == none();
        match format {
            FORMAT_XZ => {
                let check = if check == -1 {
                    lz::LZMA_CHECK_CRC64
                } else {
                    check as lz::lzma_check
                };
                let code = if no_filters {
                    lz::lzma_easy_encoder(s.raw(), preset, check)
                } else {
                    let chain = Chain::parse(specs)?;
                    lz::lzma_stream_encoder(s.raw(), chain.as_ptr(), check)
                };
                self::check(code)
            }
            FORMAT_ALONE => {
                let code = if no_filters {
                    let mut o: lz::lzma_options_lzma = std::mem::zeroed();
                    if lz::lzma_lzma_preset(&mut o, preset) != 0 {
                        return Err(lzma_error(&format!("Invalid compression preset: {preset}")));
                    }
                    lz::lzma_alone_encoder(s.raw(), &o)
                } else {
                    let chain = Chain::parse(specs)?;
                    let Some(o) = chain.single_lzma1() else {
                        return Err(errors::value_error(
                            "Invalid filter chain for FORMAT_ALONE - must be a single LZMA1 filter",
                        ));
                    };
                    lz::lzma_alone_encoder(s.raw(), o)
                };
                self::check(code)
            }
            FORMAT_RAW => {
                if no_filters {
                    return Err(errors::value_error("Must specify filters for FORMAT_RAW"));
                }
                let chain = Chain::parse(specs)?;
                self::check(lz::lzma_raw_encoder(s.raw(), chain.as_ptr()))
            }
            _ => Err(errors::value_error(format!(
                "Invalid container format: {format}"
            ))),
        }
    }
}

unsafe extern "C" fn compressor_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple, kwargs NULL or a dict.
        unsafe {
            let [format, check, preset, specs] = parse(
                "LZMACompressor",
                args,
                kwargs,
                ["format", "check", "preset", "filters"],
                0,
                0,
            )?;
            let format = if format.is_null() {
                FORMAT_XZ
            } else {
                format_i(format)?
            };
            let check = if check.is_null() {
                -1
            } else {
                format_i(check)?
            };
            let preset = if preset.is_null() { none() } else { preset };
            let specs = if specs.is_null() { none() } else { specs };
            if format != FORMAT_XZ && check != -1 && check != lz::LZMA_CHECK_NONE as c_int {
                return Err(errors::value_error(
                    "Integrity checks are only supported by FORMAT_XZ",
                ));
            }
            if preset != none() && specs != none() {
                return Err(errors::value_error(
                    "Cannot specify both preset and filter chain",
                ));
            }
            let preset = if preset == none() {
                lz::LZMA_PRESET_DEFAULT
            } else {
                u32_of(preset)?
            };
            let mut s = Stream::new();
            init_encoder(&mut s, format, check, preset, specs)?;
            new_obj(
                tp,
                CompressorObj(Mutex::new(Compressor { s, flushed: false })),
            )
        }
    })
}

unsafe extern "C" fn c_compress(op: *mut PyObject, data: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a LZMACompressor.
    guard_obj(|| unsafe { compression::compress(&state::<CompressorObj>(op).0, data) })
}

unsafe extern "C" fn c_flush(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a LZMACompressor.
    guard_obj(|| compression::flush(unsafe { &state::<CompressorObj>(op).0 }))
}

// ---- LZMADecompressor --------------------------------------------------------

struct Decompressor {
    s: Stream,
    check: u32,
    input: Input,
}

/// The state of an `LZMADecompressor`.
pub struct DecompressorObj(Mutex<Decompressor>);
state_refs!(DecompressorObj);

/// CPython's `decompress_buf`: decompresses `input` into at most `max`
/// bytes (no limit when negative), without the GIL; `check` learns the
/// stream's integrity check when liblzma reports it.
fn decompress_buf(
    s: &mut Stream,
    check: &mut u32,
    input: &[u8],
    max: isize,
) -> Result<(Vec<u8>, Run), lz::lzma_ret> {
    allow_threads(|| {
        let limit = usize::try_from(max).ok();
        let mut size = limit.map_or(FIRST_BLOCK, |m| m.min(FIRST_BLOCK));
        let mut out = Vec::new();
        let mut used = 0;
        loop {
            let room = size - out.len();
            let (mut code, n) = s.step(&input[used..], &mut out, room, lz::LZMA_RUN);
            used += n;
            let full = out.len() == size;
            if code == lz::LZMA_BUF_ERROR && used == input.len() && !full {
                code = lz::LZMA_OK;
            }
            if !ok(code) {
                return Err(code);
            }
            if code == lz::LZMA_GET_CHECK || code == lz::LZMA_NO_CHECK {
                // SAFETY: an initialized stream.
                *check = unsafe { lz::lzma_get_check(&*s.0) } as u32;
            }
            let run = |end| Run {
                consumed: used,
                end,
                full,
            };
            if code == lz::LZMA_STREAM_END {
                return Ok((out, run(true)));
            }
            if full {
                if Some(size) == limit {
                    return Ok((out, run(false)));
                }
                size += next_block(size);
                if let Some(m) = limit {
                    size = size.min(m);
                }
            } else if used == input.len() {
                return Ok((out, run(false)));
            }
        }
    })
}

pub static mut DECOMPRESSOR_TYPE: PyTypeObject = PyTypeObject {
    tp_new: Some(decompressor_new),
    tp_methods: (&raw const DECOMPRESSOR_METHODS).cast_mut().cast(),
    tp_getset: (&raw const DECOMPRESSOR_GETSET).cast_mut().cast(),
    tp_doc: c"LZMADecompressor(format=FORMAT_AUTO, memlimit=None, filters=None)\n--\n\nCreate a decompressor object for decompressing data incrementally.\n\n  format\n    Specifies the container format of the input stream.  If this is\n    FORMAT_AUTO (the default), the decompressor will automatically detect\n    whether the input is FORMAT_XZ or FORMAT_ALONE.  Streams created with\n    FORMAT_RAW cannot be autodetected.\n  memlimit\n    Limit the amount of memory used by the decompressor.  This will cause\n    decompression to fail if the input cannot be decompressed within the\n    given limit.\n  filters\n    A custom filter chain.  This argument is required for FORMAT_RAW, and\n    not accepted with any other format.  When provided, this should be a\n    sequence of dicts, each indicating the ID and options for a single\n    filter.\n\nFor one-shot decompression, use the decompress() function instead.".as_ptr(),
    ..gc_type::<DecompressorObj>(c"_lzma.LZMADecompressor", 0)
};

static DECOMPRESSOR_METHODS: [PyMethodDef; 2] = [
    method(
        c"decompress",
        d_decompress as *const c_void,
        METH_FASTCALL | METH_KEYWORDS,
    ),
    METHOD_END,
];

static DECOMPRESSOR_GETSET: [PyGetSetDef; 5] = [
    getset(c"check", Some(d_check), None),
    getset(c"eof", Some(compression::get_eof::<DecompressorObj>), None),
    getset(
        c"needs_input",
        Some(compression::get_needs_input::<DecompressorObj>),
        None,
    ),
    getset(
        c"unused_data",
        Some(compression::get_unused_data::<DecompressorObj>),
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
            let [format, memlimit, specs] = parse(
                "LZMADecompressor",
                args,
                kwargs,
                ["format", "memlimit", "filters"],
                0,
                0,
            )?;
            let format = if format.is_null() {
                FORMAT_AUTO
            } else {
                clinic_int(format)?
            };
            let mut limit = u64::MAX;
            if !memlimit.is_null() && memlimit != none() {
                if format == FORMAT_RAW {
                    return Err(errors::value_error(
                        "Cannot specify memory limit with FORMAT_RAW",
                    ));
                }
                limit = crate::capi::long::PyLong_AsUnsignedLongLong(memlimit);
                if limit == u64::MAX && !errors::occurred().is_null() {
                    return Err(Raised::assume());
                }
            }
            let specs = if specs.is_null() { none() } else { specs };
            if format == FORMAT_RAW && specs == none() {
                return Err(errors::value_error("Must specify filters for FORMAT_RAW"));
            }
            if format != FORMAT_RAW && specs != none() {
                return Err(errors::value_error(
                    "Cannot specify filters except with FORMAT_RAW",
                ));
            }
            let flags = lz::LZMA_TELL_ANY_CHECK | lz::LZMA_TELL_NO_CHECK;
            let mut s = Stream::new();
            let mut check = CHECK_UNKNOWN;
            let code = match format {
                FORMAT_AUTO => lz::lzma_auto_decoder(s.raw(), limit, flags),
                FORMAT_XZ => lz::lzma_stream_decoder(s.raw(), limit, flags),
                FORMAT_ALONE => {
                    check = lz::LZMA_CHECK_NONE;
                    lz::lzma_alone_decoder(s.raw(), limit)
                }
                FORMAT_RAW => {
                    check = lz::LZMA_CHECK_NONE;
                    let chain = Chain::parse(specs)?;
                    lz::lzma_raw_decoder(s.raw(), chain.as_ptr())
                }
                _ => {
                    return Err(errors::value_error(format!(
                        "Invalid container format: {format}"
                    )))
                }
            };
            self::check(code)?;
            new_obj(
                tp,
                DecompressorObj(Mutex::new(Decompressor {
                    s,
                    check,
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
            "Already at end of stream",
        ));
    }
    let mut out = Vec::new();
    let (s, check) = (&mut d.s, &mut d.check);
    d.input
        .feed(data.as_slice(), |input| {
            let (o, run) = decompress_buf(s, check, input, max)?;
            out = o;
            Ok(run)
        })
        .map_err(code_error)?;
    bytes::from_slice(&out)
});

/// The decompressor's state, locked.
unsafe fn locked<'a>(op: *mut PyObject) -> std::sync::MutexGuard<'a, Decompressor> {
    // SAFETY: op is an LZMADecompressor.
    lock_detached(unsafe { &state::<DecompressorObj>(op).0 })
}

impl compression::HoldsInput for DecompressorObj {
    unsafe fn with_input<R>(op: *mut PyObject, f: impl FnOnce(&Input) -> R) -> R {
        // SAFETY: op is a LZMADecompressor, as the caller promises.
        f(&unsafe { locked(op) }.input)
    }
}

unsafe extern "C" fn d_check(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: op is an LZMADecompressor.
    guard_obj(|| int::from_i64(unsafe { locked(op) }.check.into()))
}

// ---- module functions --------------------------------------------------------

unsafe extern "C" fn is_check_supported(_m: *mut PyObject, arg: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: arg valid.
        let id = unsafe { clinic_int(arg)? };
        // SAFETY: a plain query.
        let yes = unsafe { lz::lzma_check_is_supported(id as lz::lzma_check) } != 0;
        Ok(Owned::from_borrowed_static(pybool::from_bool(yes)))
    })
}

unsafe extern "C" fn encode_filter_properties(
    _m: *mut PyObject,
    spec: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: spec valid; the chain's filter is valid for liblzma.
        unsafe {
            let chain = Chain::single(spec)?;
            let f = &chain.filters()[0];
            let mut size = 0u32;
            check(lz::lzma_properties_size(&mut size, f))?;
            let mut out = vec![0u8; size as usize];
            check(lz::lzma_properties_encode(f, out.as_mut_ptr()))?;
            bytes::from_slice(&out)
        }
    })
}

unsafe extern "C" fn decode_filter_properties(
    _m: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: fastcall arguments.
        unsafe {
            let a = crate::capi::call::arg_slice(args, nargs as usize);
            arity("_decode_filter_properties", a, 2, 2)?;
            let id = crate::capi::long::PyLong_AsUnsignedLongLong(a[0]);
            if id == u64::MAX && !errors::occurred().is_null() {
                return Err(Raised::assume());
            }
            let props = Guard::new(a[1], PyBUF_SIMPLE)?;
            let mut f = lz::lzma_filter {
                id,
                options: null_mut(),
            };
            let p = props.as_slice();
            check(lz::lzma_properties_decode(
                &mut f,
                std::ptr::null(),
                p.as_ptr(),
                p.len(),
            ))?;
            let spec = filters::build_spec(&f);
            // liblzma allocated the options with malloc (no allocator given).
            libc::free(f.options);
            spec
        }
    })
}

// ---- the module --------------------------------------------------------------

static mut METHODS: [PyMethodDef; 4] = [
    method(
        c"_decode_filter_properties",
        decode_filter_properties as *const c_void,
        METH_FASTCALL,
    ),
    method(
        c"_encode_filter_properties",
        encode_filter_properties as *const c_void,
        METH_O,
    ),
    method(
        c"is_check_supported",
        is_check_supported as *const c_void,
        METH_O,
    ),
    METHOD_END,
];

unsafe extern "C" fn exec(m: *mut PyObject) -> c_int {
    guard_status(|| {
        // SAFETY: the module being executed; static types.
        unsafe {
            let consts: [(&str, i64); 28] = [
                ("FORMAT_AUTO", FORMAT_AUTO.into()),
                ("FORMAT_XZ", FORMAT_XZ.into()),
                ("FORMAT_ALONE", FORMAT_ALONE.into()),
                ("FORMAT_RAW", FORMAT_RAW.into()),
                ("CHECK_NONE", lz::LZMA_CHECK_NONE as i64),
                ("CHECK_CRC32", lz::LZMA_CHECK_CRC32 as i64),
                ("CHECK_CRC64", lz::LZMA_CHECK_CRC64 as i64),
                ("CHECK_SHA256", lz::LZMA_CHECK_SHA256 as i64),
                ("CHECK_ID_MAX", CHECK_ID_MAX.into()),
                ("CHECK_UNKNOWN", CHECK_UNKNOWN.into()),
                ("FILTER_LZMA1", lz::LZMA_FILTER_LZMA1 as i64),
                ("FILTER_LZMA2", lz::LZMA_FILTER_LZMA2 as i64),
                ("FILTER_DELTA", lz::LZMA_FILTER_DELTA as i64),
                ("FILTER_X86", lz::LZMA_FILTER_X86 as i64),
                ("FILTER_IA64", lz::LZMA_FILTER_IA64 as i64),
                ("FILTER_ARM", lz::LZMA_FILTER_ARM as i64),
                ("FILTER_ARMTHUMB", lz::LZMA_FILTER_ARMTHUMB as i64),
                ("FILTER_SPARC", lz::LZMA_FILTER_SPARC as i64),
                ("FILTER_POWERPC", lz::LZMA_FILTER_POWERPC as i64),
                ("MF_HC3", lz::LZMA_MF_HC3 as i64),
                ("MF_HC4", lz::LZMA_MF_HC4 as i64),
                ("MF_BT2", lz::LZMA_MF_BT2 as i64),
                ("MF_BT3", lz::LZMA_MF_BT3 as i64),
                ("MF_BT4", lz::LZMA_MF_BT4 as i64),
                ("MODE_FAST", lz::LZMA_MODE_FAST as i64),
                ("MODE_NORMAL", lz::LZMA_MODE_NORMAL as i64),
                ("PRESET_DEFAULT", lz::LZMA_PRESET_DEFAULT.into()),
                ("PRESET_EXTREME", lz::LZMA_PRESET_EXTREME.into()),
            ];
            for (k, v) in consts {
                add(m, k, int::from_i64(v))?;
            }
            if ERROR.load(Ordering::Relaxed).is_null() {
                let doc = crate::object::str::from_str("Call to liblzma failed.")?;
                let e = crate::object::exceptions::new_exception_class(
                    c"_lzma.LZMAError".as_ptr(),
                    null_mut(),
                    null_mut(),
                    doc.as_ptr(),
                )?;
                ERROR.store(e.into_raw(), Ordering::Relaxed);
            }
            add(
                m,
                "LZMAError",
                Ok(Owned::from_borrowed(ERROR.load(Ordering::Relaxed))),
            )?;
            module_def::add_type(m, &raw mut COMPRESSOR_TYPE)?;
            module_def::add_type(m, &raw mut DECOMPRESSOR_TYPE)
        }
    })
}

static mut SLOTS: [PyModuleDef_Slot; 2] = [exec_slot(exec), SLOT_END];

static mut DEF: PyModuleDef = module_def::def(
    c"_lzma",
    c"",
    (&raw mut METHODS).cast(),
    (&raw mut SLOTS).cast(),
);

/// `PyInit__lzma`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    // SAFETY: DEF is a static module definition.
    unsafe { crate::capi::module::PyModuleDef_Init(&raw mut DEF) }
}
