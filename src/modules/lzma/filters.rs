//! Filter specifiers (`Modules/_lzmamodule.c`'s filter parsing and
//! `build_filter_spec`): the dicts of the Python API turned into liblzma
//! filter chains, whose option structs Rust owns, and back.
use super::lzma_error;
use crate::capi::mapping::{PyMapping_Check, PyMapping_GetOptionalItemString};
use crate::capi::sequence::{PySequence_GetItem, PySequence_Size};
use crate::ffi::*;
use crate::object::{dict, int, str as pystr};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use liblzma_sys as lz;
use std::ffi::CStr;
use std::ptr::null_mut;

/// liblzma's `LZMA_FILTERS_MAX`.
pub const FILTERS_MAX: usize = 4;

/// liblzma's `lzma_options_delta` (not in the bindings).
#[repr(C)]
pub struct OptionsDelta {
    pub kind: u32,
    pub dist: u32,
    reserved_int: [u32; 8],
    reserved_ptr: [*mut libc::c_void; 2],
}

/// The options of one filter, owned here.
enum Options {
    Lzma(Box<lz::lzma_options_lzma>),
    Delta(Box<OptionsDelta>),
    Bcj(Box<lz::lzma_options_bcj>),
}

impl Options {
    fn ptr(&mut self) -> *mut libc::c_void {
        match self {
            Options::Lzma(o) => (&mut **o as *mut lz::lzma_options_lzma).cast(),
            Options::Delta(o) => (&mut **o as *mut OptionsDelta).cast(),
            Options::Bcj(o) => (&mut **o as *mut lz::lzma_options_bcj).cast(),
        }
    }
}

/// A filter chain as liblzma takes it (ended by `LZMA_VLI_UNKNOWN`),
/// with the options it points at.
pub struct Chain {
    _options: Vec<Options>,
    filters: Vec<lz::lzma_filter>,
}

impl Chain {
    /// The chain for liblzma.
    pub fn as_ptr(&self) -> *const lz::lzma_filter {
        self.filters.as_ptr()
    }

    /// The filters (without the terminator).
    pub fn filters(&self) -> &[lz::lzma_filter] {
        &self.filters[..self.filters.len() - 1]
    }

    /// The options of the only filter when it is LZMA1 (what
    /// `FORMAT_ALONE` accepts).
    pub fn single_lzma1(&self) -> Option<*const lz::lzma_options_lzma> {
        match self.filters() {
            [f] if f.id == lz::LZMA_FILTER_LZMA1 => Some(f.options.cast()),
            _ => None,
        }
    }
}

/// The value of `PyLong_AsUnsignedLongLong(o)`.
unsafe fn u64_of(o: *mut PyObject) -> PyResult<u64> {
    // SAFETY: o valid.
    let v = unsafe { crate::capi::long::PyLong_AsUnsignedLongLong(o) };
    if v == u64::MAX && !errors::occurred().is_null() {
        return Err(Raised::assume());
    }
    Ok(v)
}

/// CPython's `uint32_converter`.
pub unsafe fn u32_of(o: *mut PyObject) -> PyResult<u32> {
    // SAFETY: o valid.
    let v = unsafe { u64_of(o)? };
    u32::try_from(v).map_err(|_| errors::overflow_error("Value too large for uint32_t type"))
}

/// Reads the entries of `spec` (a dict, as `PyArg_ParseTupleAndKeywords`
/// requires) into `set`, which knows the option names; any failure becomes
/// `ValueError(msg)`, as in CPython.
unsafe fn read_options(
    spec: *mut PyObject,
    msg: &str,
    mut set: impl FnMut(&str, *mut PyObject) -> PyResult<bool>,
) -> PyResult<()> {
    // SAFETY: spec valid.
    let r = unsafe {
        (|| -> PyResult<bool> {
            if !dict::check(spec) {
                return Ok(false);
            }
            let mut pos = 0;
            while let Some((k, v)) = dict::next(spec, &mut pos) {
                if !pystr::check(k) {
                    return Ok(false);
                }
                let key = pystr::as_str(k)?;
                if key != "id" && !set(key, v)? {
                    return Ok(false);
                }
            }
            Ok(true)
        })()
    };
    match r {
        Ok(true) => Ok(()),
        _ => {
            errors::clear();
            Err(errors::value_error(msg))
        }
    }
}

/// The options of an LZMA1/LZMA2 filter: a preset's, then the spec's.
unsafe fn lzma_options(spec: *mut PyObject) -> PyResult<Options> {
    // SAFETY: spec is a mapping.
    unsafe {
        let mut preset = lz::LZMA_PRESET_DEFAULT;
        if let Some(p) = optional_item(spec, c"preset")? {
            preset = u32_of(p.as_ptr())?;
        }
        let mut o: Box<lz::lzma_options_lzma> = Box::new(std::mem::zeroed());
        if lz::lzma_lzma_preset(&mut *o, preset) != 0 {
            return Err(lzma_error(&format!("Invalid compression preset: {preset}")));
        }
        read_options(spec, "Invalid filter specifier for LZMA filter", |k, v| {
            match k {
                "preset" => {}
                "dict_size" => o.dict_size = u32_of(v)?,
                "lc" => o.lc = u32_of(v)?,
                "lp" => o.lp = u32_of(v)?,
                "pb" => o.pb = u32_of(v)?,
                "mode" => o.mode = u32_of(v)? as lz::lzma_mode,
                "nice_len" => o.nice_len = u32_of(v)?,
                "mf" => o.mf = u32_of(v)? as lz::lzma_match_finder,
                "depth" => o.depth = u32_of(v)?,
                _ => return Ok(false),
            }
            Ok(true)
        })?;
        Ok(Options::Lzma(o))
    }
}

/// `spec[key]`, `None` when absent (`PyMapping_GetOptionalItemString`).
unsafe fn optional_item(spec: *mut PyObject, key: &CStr) -> PyResult<Option<Owned>> {
    let mut out = null_mut();
    // SAFETY: spec valid; out receives a new reference or NULL.
    unsafe {
        if PyMapping_GetOptionalItemString(spec, key.as_ptr(), &mut out) < 0 {
            return Err(Raised::assume());
        }
        Ok((!out.is_null()).then(|| Owned::from_raw_unchecked(out)))
    }
}

/// Whether `id` is one of the branch-call-jump filters.
fn is_bcj(id: u64) -> bool {
    matches!(
        id,
        lz::LZMA_FILTER_X86
            | lz::LZMA_FILTER_POWERPC
            | lz::LZMA_FILTER_IA64
            | lz::LZMA_FILTER_ARM
            | lz::LZMA_FILTER_ARMTHUMB
            | lz::LZMA_FILTER_SPARC
    )
}

/// One filter from its specifier (CPython's `lzma_filter_converter`).
unsafe fn filter(spec: *mut PyObject) -> PyResult<(u64, Options)> {
    // SAFETY: spec valid.
    unsafe {
        if PyMapping_Check(spec) == 0 {
            return Err(errors::type_error(
                "Filter specifier must be a dict or dict-like object",
            ));
        }
        let Some(id) = optional_item(spec, c"id")? else {
            return Err(errors::value_error(
                "Filter specifier must have an \"id\" entry",
            ));
        };
        let id = u64_of(id.as_ptr())?;
        let opts = match id {
            lz::LZMA_FILTER_LZMA1 | lz::LZMA_FILTER_LZMA2 => lzma_options(spec)?,
            lz::LZMA_FILTER_DELTA => {
                let mut dist = 1;
                read_options(spec, "Invalid filter specifier for delta filter", |k, v| {
                    if k != "dist" {
                        return Ok(false);
                    }
                    dist = u32_of(v)?;
                    Ok(true)
                })?;
                Options::Delta(Box::new(OptionsDelta {
                    kind: 0,
                    dist,
                    reserved_int: [0; 8],
                    reserved_ptr: [null_mut(); 2],
                }))
            }
            id if is_bcj(id) => {
                let mut start_offset = 0;
                read_options(spec, "Invalid filter specifier for BCJ filter", |k, v| {
                    if k != "start_offset" {
                        return Ok(false);
                    }
                    start_offset = u32_of(v)?;
                    Ok(true)
                })?;
                Options::Bcj(Box::new(lz::lzma_options_bcj { start_offset }))
            }
            _ => return Err(errors::value_error(format!("Invalid filter ID: {id}"))),
        };
        Ok((id, opts))
    }
}

impl Chain {
    fn from_parts(parts: Vec<(u64, Options)>) -> Chain {
        let mut options = Vec::with_capacity(parts.len());
        let mut filters = Vec::with_capacity(parts.len() + 1);
        for (id, mut o) in parts {
            filters.push(lz::lzma_filter {
                id,
                options: o.ptr(),
            });
            options.push(o);
        }
        filters.push(lz::lzma_filter {
            id: lz::LZMA_VLI_UNKNOWN,
            options: null_mut(),
        });
        Chain {
            _options: options,
            filters,
        }
    }

    /// A chain from a sequence of specifiers (`parse_filter_chain_spec`).
    pub unsafe fn parse(specs: *mut PyObject) -> PyResult<Chain> {
        // SAFETY: specs valid.
        unsafe {
            let n = PySequence_Size(specs);
            if n < 0 {
                return Err(Raised::assume());
            }
            if n as usize > FILTERS_MAX {
                return Err(errors::value_error(format!(
                    "Too many filters - liblzma supports a maximum of {FILTERS_MAX}"
                )));
            }
            let mut parts = Vec::with_capacity(n as usize);
            for i in 0..n {
                let spec = errors::check(PySequence_GetItem(specs, i))?;
                parts.push(filter(spec.as_ptr())?);
            }
            Ok(Chain::from_parts(parts))
        }
    }

    /// A one-filter chain from a specifier.
    pub unsafe fn single(spec: *mut PyObject) -> PyResult<Chain> {
        // SAFETY: spec valid.
        Ok(Chain::from_parts(vec![unsafe { filter(spec)? }]))
    }
}

/// The specifier dict of a decoded filter (`build_filter_spec`).
pub unsafe fn build_spec(f: &lz::lzma_filter) -> PyResult<Owned> {
    // SAFETY: f's options match its id (lzma_properties_decode's output).
    unsafe {
        let d = dict::new()?;
        let add = |k: &str, v: u64| -> PyResult<()> {
            let v = int::from_u64(v)?;
            dict::set_item(d.as_ptr(), pystr::intern(k), v.as_ptr())
        };
        add("id", f.id)?;
        match f.id {
            lz::LZMA_FILTER_LZMA1 => {
                let o = &*f.options.cast::<lz::lzma_options_lzma>();
                add("lc", o.lc.into())?;
                add("lp", o.lp.into())?;
                add("pb", o.pb.into())?;
                add("dict_size", o.dict_size.into())?;
            }
            lz::LZMA_FILTER_LZMA2 => {
                let o = &*f.options.cast::<lz::lzma_options_lzma>();
                add("dict_size", o.dict_size.into())?;
            }
            lz::LZMA_FILTER_DELTA => {
                let o = &*f.options.cast::<OptionsDelta>();
                add("dist", o.dist.into())?;
            }
            id if is_bcj(id) => {
                // Decoding empty properties leaves the options NULL: the
                // spec then has no offset, as in CPython.
                let o = f.options.cast::<lz::lzma_options_bcj>();
                if !o.is_null() {
                    add("start_offset", (*o).start_offset.into())?;
                }
            }
            id => return Err(errors::value_error(format!("Invalid filter ID: {id}"))),
        }
        Ok(d)
    }
}
