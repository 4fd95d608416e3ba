//! The codec registry (`Python/codecs.c`): search functions, the lookup
//! cache, error handlers, and encoding/decoding by name through them.
use crate::ffi::*;
use crate::object::{dict, exceptions as exc, list, none, protocol, str as pystr, tuple, typeobj};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use std::ptr::null_mut;
use std::sync::atomic::{AtomicBool, AtomicPtr, Ordering};

/// The search functions (a list), the cache (a dict) and the error
/// handlers (a dict): strong references, released at finalization.
static SEARCH: AtomicPtr<PyObject> = AtomicPtr::new(null_mut());
static CACHE: AtomicPtr<PyObject> = AtomicPtr::new(null_mut());
static HANDLERS: AtomicPtr<PyObject> = AtomicPtr::new(null_mut());
/// Whether the `encodings` package was imported (it registers its search
/// function).
static ENCODINGS_LOADED: AtomicBool = AtomicBool::new(false);

fn get_or_make(
    slot: &AtomicPtr<PyObject>,
    make: fn() -> PyResult<Owned>,
) -> PyResult<*mut PyObject> {
    let p = slot.load(Ordering::Acquire);
    if !p.is_null() {
        return Ok(p);
    }
    let o = make()?.into_raw();
    slot.store(o, Ordering::Release);
    Ok(o)
}

fn search_list() -> PyResult<*mut PyObject> {
    get_or_make(&SEARCH, || list::new(0))
}

fn cache() -> PyResult<*mut PyObject> {
    get_or_make(&CACHE, dict::new)
}

/// The error-handler dict, with the built-in handlers registered.
pub fn handlers() -> PyResult<*mut PyObject> {
    get_or_make(&HANDLERS, super::handlers::builtin_handlers)
}

/// Releases the registry (at finalization).
pub fn finalize() {
    for slot in [&SEARCH, &CACHE, &HANDLERS] {
        crate::object::refcount::release_static(slot);
    }
    ENCODINGS_LOADED.store(false, Ordering::Release);
}

/// `codecs.register(search_function)`.
pub unsafe fn register(f: *mut PyObject) -> PyResult<()> {
    // SAFETY: f valid.
    unsafe {
        if crate::capi::call::PyCallable_Check(f) == 0 {
            return Err(errors::type_error("argument must be callable"));
        }
        list::append(search_list()?, f)
    }
}

/// `codecs.unregister(search_function)`.
pub unsafe fn unregister(f: *mut PyObject) -> PyResult<()> {
    // SAFETY: f valid; the list is ours.
    unsafe {
        let l = search_list()?;
        if let Some(i) = list::items(l).iter().position(|&x| x == f) {
            list::pop(l, i as Py_ssize_t)?;
            dict::clear(cache()?);
        }
        Ok(())
    }
}

/// The registry's form of an encoding name (`_Py_normalize_encoding`):
/// ASCII letters and digits (lower case) and dots are kept; each run of
/// anything else becomes one underscore between them (none at the ends).
fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut gap = false;
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b == b'.' {
            if gap && !out.is_empty() {
                out.push('_');
            }
            gap = false;
            out.push(b.to_ascii_lowercase() as char);
        } else {
            gap = true;
        }
    }
    out
}

fn load_encodings() {
    if ENCODINGS_LOADED.swap(true, Ordering::AcqRel) {
        return;
    }
    // Without the standard library only the built-in codecs exist.
    if crate::runtime::import::import_absolute("encodings").is_err() {
        errors::clear();
    }
}

/// The name a codec gives itself (`codecs.lookup(encoding).name`, as
/// CPython's `config_get_codec_name`): "utf-8", "iso8859-1", "ascii" for
/// the built-in codecs without a lookup; None, its exception cleared,
/// when no codec has that name.
pub fn codec_name(encoding: &str) -> Option<String> {
    use crate::object::codecs_core::{self, Codec};
    match codecs_core::lookup(encoding) {
        Some(Codec::Utf8) => return Some("utf-8".into()),
        Some(Codec::Latin1) => return Some("iso8859-1".into()),
        Some(Codec::Ascii) => return Some("ascii".into()),
        _ => {}
    }
    let name = lookup(encoding).and_then(|info| {
        // SAFETY: info is a live CodecInfo.
        let n = unsafe { protocol::getattr_str(info.as_ptr(), "name") }?;
        // SAFETY: n is a live object, checked to be a str before use.
        unsafe {
            if !pystr::check(n.as_ptr()) {
                return Err(errors::type_error("codec name is not a str"));
            }
            pystr::as_str(n.as_ptr()).map(str::to_string)
        }
    });
    name.map_err(|_| errors::clear()).ok()
}

/// `codecs.lookup(encoding)`: the `CodecInfo` of `encoding`.
pub fn lookup(encoding: &str) -> PyResult<Owned> {
    load_encodings();
    let norm = normalize(encoding);
    // SAFETY: registry objects are ours; search functions valid.
    unsafe {
        let key = pystr::from_str(&norm)?;
        let c = cache()?;
        let hit = dict::get_item(c, key.as_ptr())?;
        if !hit.is_null() {
            return Ok(Owned::from_borrowed(hit));
        }
        let fns: Vec<Owned> = list::items(search_list()?)
            .iter()
            .map(|&f| Owned::from_borrowed(f))
            .collect();
        for f in fns {
            let r = protocol::call_args(f.as_ptr(), &[key.as_ptr()])?;
            if r.as_ptr() == none::none() {
                continue;
            }
            if !tuple::check(r.as_ptr()) || tuple::size(r.as_ptr()) != 4 {
                return Err(errors::type_error(
                    "codec search functions must return 4-tuples",
                ));
            }
            dict::set_item(c, key.as_ptr(), r.as_ptr())?;
            return Ok(r);
        }
        Err(errors::set_string(
            exc::PyExc_LookupError,
            &format!("unknown encoding: {encoding}"),
        ))
    }
}

/// `_forget_codec(encoding)`: drops the cached lookup.
pub fn forget(encoding: &str) -> PyResult<()> {
    // SAFETY: the cache is a dict.
    unsafe {
        let key = pystr::from_str(&normalize(encoding))?;
        dict::del_item_opt(cache()?, key.as_ptr())?;
        Ok(())
    }
}

/// `lookup` for a text encoding: `LookupError` when the codec is marked
/// `_is_text_encoding = False` (`_PyCodec_LookupTextEncoding`).
pub fn lookup_text(encoding: &str, alternative: &str) -> PyResult<Owned> {
    let info = lookup(encoding)?;
    // SAFETY: info is a codec info tuple.
    unsafe {
        if !tuple::check_exact(info.as_ptr()) {
            if let Some(v) =
                protocol::getattr_opt(info.as_ptr(), crate::interned!("_is_text_encoding"))?
            {
                if !protocol::is_true(v.as_ptr())? {
                    return Err(errors::set_string(
                        exc::PyExc_LookupError,
                        &format!("'{encoding}' is not a text encoding; use {alternative} to handle arbitrary codecs"),
                    ));
                }
            }
        }
    }
    Ok(info)
}

/// Adds the note `"<operation> with '<encoding>' codec failed"` to the
/// exception being raised (`wrap_codec_error`); when that fails, the new
/// error is raised with the original as its context.
unsafe fn note_failure(operation: &str, encoding: &str) -> Raised {
    let Some(e) = errors::take() else {
        return Raised::assume();
    };
    // SAFETY: e is an exception instance.
    unsafe {
        let added = pystr::from_str(encoding)
            .and_then(|enc| protocol::repr_string(enc.as_ptr()))
            .and_then(|r| pystr::from_str(&format!("{operation} with {r} codec failed")))
            .and_then(|note| protocol::call_method_obj(e.as_ptr(), "add_note", &[note.as_ptr()]));
        match added {
            Ok(_) => errors::restore(e),
            Err(r) => {
                crate::capi::exceptions::_PyErr_ChainExceptions1(e.into_raw());
                r
            }
        }
    }
}

/// Calls item `which` (0: encoder, 1: decoder) of the codec `info` for
/// `encoding` on `obj` and returns the first item of its result.
unsafe fn run(
    info: *mut PyObject,
    encoding: &str,
    which: usize,
    obj: *mut PyObject,
    errors_: Option<&str>,
) -> PyResult<Owned> {
    // SAFETY: info is a 4-tuple.
    unsafe {
        let f = tuple::items(info)[which];
        let r = match errors_ {
            Some(e) => {
                let e = pystr::from_str(e)?;
                protocol::call_args(f, &[obj, e.as_ptr()])
            }
            None => protocol::call_args(f, &[obj]),
        };
        let r = match r {
            Ok(r) => r,
            Err(_) => {
                let op = if which == 0 { "encoding" } else { "decoding" };
                return Err(note_failure(op, encoding));
            }
        };
        if !tuple::check(r.as_ptr()) || tuple::size(r.as_ptr()) != 2 {
            return Err(errors::type_error(if which == 0 {
                "encoder must return a tuple (object, integer)"
            } else {
                "decoder must return a tuple (object, integer)"
            }));
        }
        Ok(Owned::from_borrowed(tuple::items(r.as_ptr())[0]))
    }
}

/// `codecs.encode(obj, encoding, errors)`.
pub unsafe fn encode(obj: *mut PyObject, encoding: &str, errors_: Option<&str>) -> PyResult<Owned> {
    let info = lookup(encoding)?;
    // SAFETY: arguments valid.
    unsafe { run(info.as_ptr(), encoding, 0, obj, errors_) }
}

/// `codecs.decode(obj, encoding, errors)`.
pub unsafe fn decode(obj: *mut PyObject, encoding: &str, errors_: Option<&str>) -> PyResult<Owned> {
    let info = lookup(encoding)?;
    // SAFETY: arguments valid.
    unsafe { run(info.as_ptr(), encoding, 1, obj, errors_) }
}

/// `str.encode` with an encoding the built-in codecs lack
/// (`_PyCodec_EncodeText`): the result must be bytes.
pub unsafe fn encode_text(
    s: *mut PyObject,
    encoding: &str,
    errors_: Option<&str>,
) -> PyResult<Owned> {
    let info = lookup_text(encoding, "codecs.encode()")?;
    // SAFETY: arguments valid.
    unsafe {
        let r = run(info.as_ptr(), encoding, 0, s, errors_)?;
        if !crate::object::bytes::check(r.as_ptr()) {
            return Err(errors::type_error(format!(
                "'{encoding}' encoder returned '{}' instead of 'bytes'; use codecs.encode() to encode to arbitrary types",
                typeobj::type_name(r.as_ptr())
            )));
        }
        Ok(r)
    }
}

/// `bytes.decode` with an encoding the built-in codecs lack
/// (`_PyCodec_DecodeText`): the result must be str.
pub unsafe fn decode_text(
    data: *mut PyObject,
    encoding: &str,
    errors_: Option<&str>,
) -> PyResult<Owned> {
    let info = lookup_text(encoding, "codecs.decode()")?;
    // SAFETY: arguments valid.
    unsafe {
        let r = run(info.as_ptr(), encoding, 1, data, errors_)?;
        if !pystr::check(r.as_ptr()) {
            return Err(errors::type_error(format!(
                "'{encoding}' decoder returned '{}' instead of 'str'; use codecs.decode() to decode to arbitrary types",
                typeobj::type_name(r.as_ptr())
            )));
        }
        Ok(r)
    }
}

/// `codecs.register_error(name, handler)`.
pub unsafe fn register_error(name: *mut PyObject, handler: *mut PyObject) -> PyResult<()> {
    // SAFETY: arguments valid.
    unsafe {
        if crate::capi::call::PyCallable_Check(handler) == 0 {
            return Err(errors::type_error("handler must be callable"));
        }
        dict::set_item(handlers()?, name, handler)
    }
}

/// `codecs.lookup_error(name)`.
pub fn lookup_error(name: &str) -> PyResult<Owned> {
    // SAFETY: the handler dict is ours.
    unsafe {
        let h = dict::get_str(handlers()?, name);
        if h.is_null() {
            return Err(errors::set_string(
                exc::PyExc_LookupError,
                &format!("unknown error handler name '{name}'"),
            ));
        }
        Ok(Owned::from_borrowed(h))
    }
}

/// What a registered error handler returned: text to use, or (when
/// encoding) bytes to use, and where to resume.
pub enum Replacement {
    Text(Vec<u32>),
    Bytes(Vec<u8>),
}

/// Calls handler `name` on `exc` and checks its `(replacement, position)`
/// answer; a negative position counts from `len`.
unsafe fn call_handler(
    name: &str,
    exc: Owned,
    len: usize,
    encoding: bool,
) -> PyResult<(Replacement, usize)> {
    // SAFETY: exc is an exception instance; the handler a callable.
    unsafe {
        let h = lookup_error(name)?;
        let r = protocol::call_args(h.as_ptr(), &[exc.as_ptr()])?;
        let bad = || {
            errors::type_error(if encoding {
                "encoding error handler must return (str/bytes, int) tuple"
            } else {
                "decoding error handler must return (str, int) tuple"
            })
        };
        if !tuple::check(r.as_ptr()) || tuple::size(r.as_ptr()) != 2 {
            return Err(bad());
        }
        let it = tuple::items(r.as_ptr());
        let rep = if pystr::check(it[0]) {
            Replacement::Text(pystr::to_ucs4(it[0]))
        } else if encoding && crate::object::bytes::check(it[0]) {
            Replacement::Bytes(crate::object::bytes::as_slice(it[0]).to_vec())
        } else {
            return Err(bad());
        };
        if !crate::object::int::check(it[1]) {
            return Err(bad());
        }
        let mut pos = crate::object::int::as_i64(it[1])?;
        if pos < 0 {
            pos += len as i64;
        }
        if pos < 0 || pos > len as i64 {
            return Err(errors::index_error(format!(
                "position {pos} from error handler out of bounds"
            )));
        }
        Ok((rep, pos as usize))
    }
}

/// Runs the registered handler `name` for a decoding error of
/// `data[start..end]` (`UnicodeDecodeError(encoding, data, start, end,
/// reason)`): the replacement text and where decoding resumes.
pub fn decode_error_handler(
    name: &str,
    encoding: &str,
    data: &[u8],
    start: usize,
    end: usize,
    reason: &str,
) -> PyResult<(Vec<u32>, usize)> {
    // SAFETY: the exception type is set at startup.
    unsafe {
        let args = [
            pystr::from_str(encoding)?,
            crate::object::bytes::from_slice(data)?,
            crate::object::int::from_i64(start as i64)?,
            crate::object::int::from_i64(end as i64)?,
            pystr::from_str(reason)?,
        ];
        let ptrs: Vec<*mut PyObject> = args.iter().map(|a| a.as_ptr()).collect();
        let e = protocol::call_args(exc::PyExc_UnicodeDecodeError, &ptrs)?;
        match call_handler(name, e, data.len(), false)? {
            (Replacement::Text(t), pos) => Ok((t, pos)),
            (Replacement::Bytes(_), _) => Err(errors::type_error(
                "decoding error handler must return (str, int) tuple",
            )),
        }
    }
}

/// Runs the registered handler `name` for an encoding error of the
/// characters `start..end` of the str `s`.
///
/// # Safety
/// `s` is a str.
pub unsafe fn encode_error_handler(
    name: &str,
    encoding: &str,
    s: *mut PyObject,
    start: usize,
    end: usize,
    reason: &str,
) -> PyResult<(Replacement, usize)> {
    // SAFETY: s is a str; the exception type is set at startup.
    unsafe {
        let args = [
            pystr::from_str(encoding)?,
            Owned::from_borrowed(s),
            crate::object::int::from_i64(start as i64)?,
            crate::object::int::from_i64(end as i64)?,
            pystr::from_str(reason)?,
        ];
        let ptrs: Vec<*mut PyObject> = args.iter().map(|a| a.as_ptr()).collect();
        let e = protocol::call_args(exc::PyExc_UnicodeEncodeError, &ptrs)?;
        call_handler(name, e, pystr::len(s) as usize, true)
    }
}
