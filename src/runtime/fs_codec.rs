//! The file-system encoding (CPython's `interp->unicode.fs_codec`, set up
//! by `init_fs_encoding`): the codec and error handler that every file
//! name, directory entry, host name and user name is encoded and decoded
//! with (`PyUnicode_EncodeFSDefault`, `PyUnicode_DecodeFSDefault`,
//! `os.fsencode`), taken from `PyConfig.filesystem_encoding` and
//! `filesystem_errors`.
//!
//! Until the runtime is initialized, and whenever the configuration is
//! UTF-8 with "surrogateescape" (the default under a UTF-8 locale), names
//! take the UTF-8 fast path without a lock; another codec is looked up by
//! name in the codec registry.
use crate::ffi::PyObject;
use crate::object::{bytes, codecs_core, codecs_core::Codec, str as pystr};
use crate::runtime::config::{Config, ConfigError};
use crate::runtime::errors::PyResult;
use crate::Owned;
use std::ffi::CString;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, RwLock};

/// The configured codec's normalized name and error handler, when they
/// are not UTF-8 with "surrogateescape".
static CONFIGURED: RwLock<Option<Configured>> = RwLock::new(None);
/// A codec other than UTF-8 with "surrogateescape".
#[derive(Clone)]
struct Configured {
    /// The codec's name.
    encoding: String,
    /// The error handler.
    errors: String,
    /// The built-in codec of that name, used directly (no registry
    /// lookup: the import system converts names with it).
    builtin: Option<Codec>,
}

/// Whether names use UTF-8 with "surrogateescape" (read without a lock on
/// every conversion).
static UTF8_ESCAPE: AtomicBool = AtomicBool::new(true);
/// Whether [`init`] has run since the runtime started (CPython's
/// `fs_codec.encoding` being set).
static INITIALIZED: AtomicBool = AtomicBool::new(false);
/// What `Py_FileSystemDefaultEncoding` and
/// `Py_FileSystemDefaultEncodeErrors` point to while initialized.
static C_NAMES: Mutex<Option<(CString, CString)>> = Mutex::new(None);

/// The error handlers a file-system codec may use: the ones CPython's
/// locale functions, which convert file names before the codecs exist,
/// support.
const HANDLERS: [&str; 2] = ["strict", "surrogateescape"];

/// Fails for an error handler the file-system codec cannot use (checked
/// before anything is created; CPython fails later, on its first file
/// name).
pub fn check_errors(cfg: &Config) -> Result<(), ConfigError> {
    match cfg.filesystem_errors.as_deref() {
        Some(errors) if !HANDLERS.contains(&errors) => Err(ConfigError {
            func: Some(c"init_fs_encoding"),
            msg: format!(
                "unsupported filesystem error handler '{errors}': the file-system codec \
                 supports 'strict' and 'surrogateescape'"
            ),
        }),
        _ => Ok(()),
    }
}

/// `init_fs_encoding`, once imports work: looks up the configured
/// `encoding` (None for UTF-8; normalized to the codec's name, as
/// `codecs.lookup(name).name`) and makes it and `errors` (None for
/// "surrogateescape"; [`check_errors`] passed) the codec of every file
/// name. Returns the normalized encoding name.
pub fn init(encoding: Option<&str>, errors: Option<&str>) -> Result<String, ConfigError> {
    let errors = errors.unwrap_or("surrogateescape");
    let requested = encoding.unwrap_or("utf-8");
    let encoding =
        crate::modules::codecs::registry::codec_name(requested).ok_or_else(|| ConfigError {
            func: Some(c"init_fs_encoding"),
            msg: "failed to get the Python codec of the filesystem encoding".into(),
        })?;
    let default = encoding == "utf-8" && errors == "surrogateescape";
    *CONFIGURED.write().unwrap_or_else(|e| e.into_inner()) = (!default).then(|| Configured {
        encoding: encoding.clone(),
        errors: errors.to_string(),
        builtin: codecs_core::lookup(&encoding),
    });
    UTF8_ESCAPE.store(default, Ordering::Release);
    INITIALIZED.store(true, Ordering::Release);
    publish(&encoding, errors);
    Ok(encoding)
}

/// Sets `Py_FileSystemDefaultEncoding` and
/// `Py_FileSystemDefaultEncodeErrors` (`_Py_SetFileSystemEncoding`).
fn publish(encoding: &str, errors: &str) {
    use crate::runtime::global_config::{
        Py_FileSystemDefaultEncodeErrors, Py_FileSystemDefaultEncoding,
    };
    let names = (
        CString::new(encoding).unwrap_or_default(),
        CString::new(errors).unwrap_or_default(),
    );
    let mut held = C_NAMES.lock().unwrap_or_else(|e| e.into_inner());
    // SAFETY: written while the runtime initializes, before other threads
    // run Python; the strings live in C_NAMES until cleared.
    unsafe {
        (&raw mut Py_FileSystemDefaultEncoding).write(names.0.as_ptr());
        (&raw mut Py_FileSystemDefaultEncodeErrors).write(names.1.as_ptr());
    }
    *held = Some(names);
}

/// `_Py_ClearFileSystemEncoding` at finalization: the legacy globals are
/// NULL again and names go back to UTF-8 with "surrogateescape".
pub fn clear() {
    use crate::runtime::global_config::{
        Py_FileSystemDefaultEncodeErrors, Py_FileSystemDefaultEncoding,
    };
    let mut held = C_NAMES.lock().unwrap_or_else(|e| e.into_inner());
    // SAFETY: written by the finalizing thread, no other runs Python.
    unsafe {
        (&raw mut Py_FileSystemDefaultEncoding).write(std::ptr::null());
        (&raw mut Py_FileSystemDefaultEncodeErrors).write(std::ptr::null());
    }
    *held = None;
    *CONFIGURED.write().unwrap_or_else(|e| e.into_inner()) = None;
    UTF8_ESCAPE.store(true, Ordering::Release);
    INITIALIZED.store(false, Ordering::Release);
}

/// Whether the file-system codec is set up.
pub fn is_initialized() -> bool {
    INITIALIZED.load(Ordering::Acquire)
}

/// The configured codec and error handler, when not the default.
fn configured() -> Option<Configured> {
    if UTF8_ESCAPE.load(Ordering::Acquire) {
        return None;
    }
    CONFIGURED.read().unwrap_or_else(|e| e.into_inner()).clone()
}

/// `sys.getfilesystemencoding()`.
pub fn encoding() -> String {
    configured().map_or_else(|| "utf-8".into(), |c| c.encoding)
}

/// `sys.getfilesystemencodeerrors()`.
pub fn errors() -> String {
    configured().map_or_else(|| "surrogateescape".into(), |c| c.errors)
}

/// `PyUnicode_DecodeFSDefaultAndSize`: the str a file name's bytes stand
/// for.
pub fn decode(data: &[u8]) -> PyResult<Owned> {
    match configured() {
        None => codecs_core::decode_utf8(data, Some("surrogateescape"), true).map(|r| r.0),
        Some(c) => match c.builtin {
            Some(codec) => codecs_core::decode(data, codec, Some(&c.errors)),
            None => pystr::decode(data, Some(&c.encoding), Some(&c.errors)),
        },
    }
}

/// `PyUnicode_EncodeFSDefault`: the bytes of the file name the str `s`
/// stands for.
///
/// # Safety
/// `s` must be a str.
pub unsafe fn encode(s: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: s is a str (caller contract).
    unsafe {
        match configured() {
            None => codecs_core::encode(s, Codec::Utf8, Some("surrogateescape")),
            Some(c) => match c.builtin {
                Some(codec) => codecs_core::encode(s, codec, Some(&c.errors)),
                None => pystr::encode(s, Some(&c.encoding), Some(&c.errors)),
            },
        }
    }
}

/// `PyUnicode_FSConverter`'s conversion: a str, bytes or `os.PathLike`
/// object as the bytes of a file name; `ValueError` for a NUL byte.
///
/// # Safety
/// `o` must be a live object.
pub unsafe fn fs_converter(o: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: o is live (caller contract); PyOS_FSPath returns a str or
    // bytes.
    unsafe {
        let p = crate::runtime::errors::check(crate::capi::osutil::PyOS_FSPath(o))?;
        let b = if pystr::check(p.as_ptr()) {
            encode(p.as_ptr())?
        } else {
            p
        };
        if bytes::as_slice(b.as_ptr()).contains(&0) {
            return Err(crate::runtime::errors::value_error("embedded null byte"));
        }
        Ok(b)
    }
}

/// `PyUnicode_FSDecoder`'s conversion: a str, bytes (decoded) or
/// `os.PathLike` object as a str; `ValueError` for a NUL character.
///
/// # Safety
/// `o` must be a live object.
pub unsafe fn fs_decoder(o: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: o is live (caller contract); PyOS_FSPath returns a str or
    // bytes.
    unsafe {
        let p = crate::runtime::errors::check(crate::capi::osutil::PyOS_FSPath(o))?;
        let s = if pystr::check(p.as_ptr()) {
            p
        } else {
            decode(bytes::as_slice(p.as_ptr()))?
        };
        if pystr::to_ucs4(s.as_ptr()).contains(&0) {
            return Err(crate::runtime::errors::value_error(
                "embedded null character",
            ));
        }
        Ok(s)
    }
}

/// A file-system path as a str (`os.fsdecode`).
pub fn path_str(p: &Path) -> PyResult<Owned> {
    match p.to_str() {
        Some(s) if UTF8_ESCAPE.load(Ordering::Acquire) => pystr::from_str(s),
        _ => decode(p.as_os_str().as_bytes()),
    }
}

/// The file-system path the str `s` names (`os.fsencode`).
///
/// # Safety
/// `s` must be a str.
pub unsafe fn str_path(s: *mut PyObject) -> PyResult<PathBuf> {
    // SAFETY: s is a str (caller contract).
    unsafe {
        if UTF8_ESCAPE.load(Ordering::Acquire) {
            if let Some(text) = pystr::as_str_opt(s) {
                return Ok(text.into());
            }
        }
        let b = encode(s)?;
        Ok(std::ffi::OsString::from_vec(bytes::as_slice(b.as_ptr()).to_vec()).into())
    }
}

/// `PyUnicode_DecodeLocale(s, "surrogateescape")`: text from the C
/// library or the command line. Always decoded as UTF-8: CPython uses the
/// locale's own encoding, which differs only when UTF-8 mode is off under
/// a locale that is not UTF-8 (`LC_ALL=C PYTHONUTF8=0`, or an isolated
/// embedder in the "C" locale); there non-ASCII bytes decode to
/// different text than in CPython.
pub fn decode_locale(data: &[u8]) -> PyResult<Owned> {
    codecs_core::decode_utf8(data, Some("surrogateescape"), true).map(|r| r.0)
}

/// `PyUnicode_EncodeLocale(s, "surrogateescape")`: the locale's bytes for
/// the str `s`.
///
/// # Safety
/// `s` must be a str.
pub unsafe fn encode_locale(s: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: s is a str (caller contract).
    unsafe { codecs_core::encode(s, Codec::Utf8, Some("surrogateescape")) }
}
