//! What the streaming codecs of `_bz2` and `_lzma` share: the compressor
//! objects' `compress()`/`flush()`, the input the decompressors were given
//! but have not used yet, the data past the end of the stream,
//! `eof`/`needs_input` as CPython's `decompress()` sets them, and the
//! argument conversions of their Argument Clinic signatures.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::buffer::Guard;
use crate::object::{bool as pybool, bytes, number};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::runtime::gil::lock_detached;
use crate::Owned;
use libc::c_void;
use std::sync::Mutex;

/// A compressor object's stream (`BZ2Compressor`, `LZMACompressor`).
pub trait Compressing {
    /// The output for `data` or, with `finish`, for the end of the stream
    /// (run without the GIL).
    fn step(&mut self, data: &[u8], finish: bool) -> PyResult<Vec<u8>>;
    /// Whether `flush()` has ended the stream.
    fn flushed(&mut self) -> &mut bool;
}

/// A compressor's `compress(data)`.
pub unsafe fn compress(c: &Mutex<impl Compressing>, data: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: data is a live object.
    let data = unsafe { Guard::new(data, PyBUF_SIMPLE)? };
    let mut c = lock_detached(c);
    if *c.flushed() {
        return Err(errors::value_error("Compressor has been flushed"));
    }
    bytes::from_slice(&c.step(data.as_slice(), false)?)
}

/// A compressor's `flush()`.
pub fn flush(c: &Mutex<impl Compressing>) -> PyResult<Owned> {
    let mut c = lock_detached(c);
    if *c.flushed() {
        return Err(errors::value_error("Repeated call to flush()"));
    }
    *c.flushed() = true;
    bytes::from_slice(&c.step(&[], true)?)
}

/// A `Py_ssize_t` argument (`__index__`, then `PyLong_AsSsize_t`).
pub unsafe fn ssize_arg(o: *mut PyObject) -> PyResult<Py_ssize_t> {
    // SAFETY: o valid.
    unsafe {
        let i = number::index(o)?;
        let v = crate::capi::long::PyLong_AsSsize_t(i.as_ptr());
        if v == -1 && !errors::occurred().is_null() {
            return Err(Raised::assume());
        }
        Ok(v)
    }
}

/// How one run of a codec over the input ended.
pub struct Run {
    /// Input bytes the codec consumed.
    pub consumed: usize,
    /// The end of the compressed stream was reached.
    pub end: bool,
    /// The output limit was reached with the codec possibly holding more.
    pub full: bool,
}

/// A decompressor object (`BZ2Decompressor`, `LZMADecompressor`) whose
/// state holds an [`Input`]: it gets the shared `eof`, `needs_input` and
/// `unused_data` getters.
pub trait HoldsInput {
    /// Runs `f` on the input of decompressor `op`, its state locked.
    ///
    /// # Safety
    /// `op` is a decompressor of this kind.
    unsafe fn with_input<R>(op: *mut PyObject, f: impl FnOnce(&Input) -> R) -> R;
}

/// The decompressors' `eof` getter.
pub unsafe extern "C" fn get_eof<D: HoldsInput>(
    op: *mut PyObject,
    _: *mut c_void,
) -> *mut PyObject {
    // SAFETY: the getter is installed on D's type.
    let v = unsafe { D::with_input(op, |i| i.eof) };
    Owned::from_borrowed_static(pybool::from_bool(v)).into_raw()
}

/// The decompressors' `needs_input` getter.
pub unsafe extern "C" fn get_needs_input<D: HoldsInput>(
    op: *mut PyObject,
    _: *mut c_void,
) -> *mut PyObject {
    // SAFETY: the getter is installed on D's type.
    let v = unsafe { D::with_input(op, |i| i.needs_input) };
    Owned::from_borrowed_static(pybool::from_bool(v)).into_raw()
}

/// The decompressors' `unused_data` getter.
pub unsafe extern "C" fn get_unused_data<D: HoldsInput>(
    op: *mut PyObject,
    _: *mut c_void,
) -> *mut PyObject {
    // SAFETY: the getter is installed on D's type.
    guard_obj(|| unsafe { D::with_input(op, |i| bytes::from_slice(&i.unused_data)) })
}

/// The input side of a streaming decompressor.
#[derive(Default)]
pub struct Input {
    pending: Vec<u8>,
    pub unused_data: Vec<u8>,
    pub eof: bool,
    pub needs_input: bool,
}

impl Input {
    pub fn new() -> Input {
        Input {
            needs_input: true,
            ..Input::default()
        }
    }

    /// Runs `codec` over the unused input followed by `data`, then keeps
    /// what it left: as `unused_data` past the end of the stream, else for
    /// the next call. A failed run drops the pending input, as CPython does.
    pub fn feed<E>(
        &mut self,
        data: &[u8],
        codec: impl FnOnce(&[u8]) -> Result<Run, E>,
    ) -> Result<(), E> {
        let joined;
        let input: &[u8] = if self.pending.is_empty() {
            data
        } else {
            self.pending.extend_from_slice(data);
            joined = std::mem::take(&mut self.pending);
            &joined
        };
        let run = codec(input)?;
        let rest = &input[run.consumed..];
        if run.end {
            self.eof = true;
            self.needs_input = false;
            if !rest.is_empty() {
                self.unused_data = rest.to_vec();
            }
        } else if rest.is_empty() {
            self.needs_input = !run.full;
        } else {
            self.needs_input = false;
            self.pending = rest.to_vec();
        }
        Ok(())
    }
}
