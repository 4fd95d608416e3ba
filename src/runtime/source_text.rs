//! Source bytes to text as CPython's tokenizer decodes them (PEP 263):
//! the compiler handles UTF-8, a BOM and Latin-1; a cookie naming any
//! other codec decodes the whole source through the codec registry.
use crate::object::exceptions as exc;
use crate::object::{bytes, int, none, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use ferrython_compiler::parse::Decoded;

/// Where the source came from, which decides how a codec failure reads.
#[derive(Clone, Copy, PartialEq)]
pub enum Origin {
    /// Bytes given to `compile()`, `exec()` or an import loader: the
    /// codec's own error becomes a `SyntaxError` at line 0.
    String,
    /// A file run as a script (`ferrython file.py`, `PyRun_File*`):
    /// `SyntaxError: encoding problem: NAME`.
    File,
}

/// The message of a source given as a string that holds a NUL.
const NUL_IN_STRING: &str = "source code string cannot contain null bytes";

/// Refuses a source given as a string or bytes (to `compile()`, `exec()`,
/// `eval()`, `symtable()`, or an import loader) that holds a NUL, as
/// `_Py_SourceAsString` does: a `SyntaxError` carrying only its message.
pub fn reject_nul(source: &[u8]) -> PyResult<()> {
    if memchr::memchr(0, source).is_none() {
        return Ok(());
    }
    // SAFETY: SyntaxError is a static exception class.
    Err(unsafe { errors::set_string(exc::PyExc_SyntaxError, NUL_IN_STRING) })
}

/// The text of `source` (`filename` for errors), decoded as CPython's
/// tokenizer does for input from `origin`. A string's NUL is refused
/// before decoding ([`reject_nul`]); a file's is a `SyntaxError` at the
/// line that holds it.
pub fn decode(source: &[u8], filename: &str, origin: Origin) -> PyResult<String> {
    if origin == Origin::String {
        reject_nul(source)?;
    }
    let text = decode_any(source, filename, origin)?;
    match text.find('\0') {
        Some(at) if origin == Origin::File => Err(nul_in_file(&text, at, filename)),
        _ => Ok(text),
    }
}

/// The error of CPython's file tokenizer for the NUL at byte `at` of
/// `text`: at the NUL's line, offset 0, showing the line up to the NUL.
fn nul_in_file(text: &str, at: usize, filename: &str) -> errors::Raised {
    let start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let lineno = text[..start].matches('\n').count() as u32 + 1;
    crate::runtime::run::raise_syntax_error(&ferrython_compiler::SyntaxErrorInfo {
        kind: ferrython_compiler::SyntaxErrorKind::SyntaxError,
        msg: "source code cannot contain null bytes".into(),
        filename: filename.into(),
        lineno,
        offset: 0,
        end_lineno: lineno,
        end_offset: 0,
        text: Some(text[start..at].to_string()),
    })
}

/// [`decode`] without the NUL checks.
fn decode_any(source: &[u8], filename: &str, origin: Origin) -> PyResult<String> {
    let enc = match ferrython_compiler::parse::decode_source(source, filename) {
        Ok(Decoded::Text(t)) => return Ok(t),
        Ok(Decoded::Codec(enc)) => enc,
        // A problem with the encoding itself has no position.
        Err(e) if e.lineno == 0 => return Err(raise_unplaced(e.msg, filename, origin)),
        Err(_) if origin == Origin::File && undeclared(source) => {
            return Err(raise_unplaced(non_utf8(source, filename), filename, origin))
        }
        Err(e) => return Err(crate::runtime::run::raise_syntax_error(&e)),
    };
    let decoded = bytes::from_slice(source).and_then(|b| {
        // SAFETY: b is a bytes object.
        let s = unsafe { crate::modules::codecs::registry::decode_text(b.as_ptr(), &enc, None)? };
        // SAFETY: decode_text returns a str.
        unsafe { pystr::as_str(s.as_ptr()) }.map(str::to_string)
    });
    decoded.map_err(|_| codec_failure(&enc, filename, origin))
}

/// Whether `source` declares no encoding (no BOM, no cookie), which makes
/// a file's bad UTF-8 a "Non-UTF-8 code" error.
fn undeclared(source: &[u8]) -> bool {
    !source.starts_with(b"\xef\xbb\xbf")
        && ferrython_compiler::parse::coding_cookie(source).is_none()
}

/// The message for a file that is not UTF-8 and declares no encoding.
fn non_utf8(source: &[u8], filename: &str) -> String {
    let bad = std::str::from_utf8(source)
        .err()
        .map_or(source.len(), |e| e.valid_up_to());
    let line = source[..bad].iter().filter(|&&b| b == b'\n').count() + 1;
    let byte = source.get(bad).copied().unwrap_or(0);
    format!(
        "Non-UTF-8 code starting with '\\x{byte:02x}' in file {filename} on line {line}, but no encoding declared; see https://peps.python.org/pep-0263/ for details"
    )
}

/// Replaces the codec's raised exception with the `SyntaxError` CPython
/// reports for it.
fn codec_failure(enc: &str, filename: &str, origin: Origin) -> errors::Raised {
    let cause = errors::take();
    let msg = match (&cause, origin) {
        // SAFETY: the exception is a live object.
        (Some(c), Origin::String) => match unsafe { protocol::str_(c.as_ptr()) }
            .and_then(|s| unsafe { pystr::as_str(s.as_ptr()).map(str::to_string) })
        {
            Ok(m) => m,
            Err(r) => return r,
        },
        _ => format!("encoding problem: {enc}"),
    };
    raise_unplaced(msg, filename, origin)
}

/// A `SyntaxError` about the encoding, which has no line: in a file it
/// names no place at all, in a string it is at line 0 and offset -1.
fn raise_unplaced(msg: String, filename: &str, origin: Origin) -> errors::Raised {
    let build = || -> PyResult<Owned> {
        let msg = pystr::from_str(&msg)?;
        if origin == Origin::File {
            return tuple::from_vec(vec![msg]);
        }
        let at = tuple::from_vec(vec![
            pystr::from_str(filename)?,
            int::from_i64(0)?,
            int::from_i64(-1)?,
            Owned::from_borrowed_static(none::none()),
        ])?;
        tuple::from_vec(vec![msg, at])
    };
    match build() {
        // SAFETY: SyntaxError is a static exception class; args a tuple.
        Ok(args) => unsafe { errors::set_object(exc::PyExc_SyntaxError, args.as_ptr()) },
        Err(r) => r,
    }
}
