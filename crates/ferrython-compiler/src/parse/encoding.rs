//! Source bytes -> text (BOM, PEP 263 cookies, UTF-8 errors as CPython reports them).

use crate::error::{SyntaxErrorInfo, SyntaxErrorKind};

/// Source bytes as text, or the codec that must decode them.
#[derive(Debug, PartialEq)]
pub enum Decoded {
    /// UTF-8 (a BOM dropped) or Latin-1 source, decoded.
    Text(String),
    /// A PEP 263 cookie names another codec (as written in the cookie):
    /// the runtime decodes the whole source with it from its codec
    /// registry, as CPython's tokenizer does for string input.
    Codec(String),
}

/// Decode source bytes the way CPython's tokenizer does, as far as the
/// compiler can alone: a UTF-8 BOM is dropped (and then only a UTF-8
/// cookie may follow), a `latin-1`/`iso-8859-1` cookie decodes as
/// Latin-1, another cookie is left to a codec, and anything else must be
/// valid UTF-8.
pub fn decode_source(bytes: &[u8], filename: &str) -> Result<Decoded, SyntaxErrorInfo> {
    let has_bom = bytes.starts_with(b"\xef\xbb\xbf");
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if let Some(enc) = coding_cookie(bytes) {
        let name = normal_name(&enc);
        if has_bom && name != "utf-8" {
            return Err(SyntaxErrorInfo::unplaced(
                SyntaxErrorKind::SyntaxError,
                format!("encoding problem: {name} with BOM"),
                filename,
            ));
        }
        if name == "iso-8859-1" {
            return Ok(Decoded::Text(bytes.iter().map(|&b| b as char).collect()));
        }
        if name != "utf-8" && !enc.eq_ignore_ascii_case("utf8") {
            return Ok(Decoded::Codec(enc));
        }
    }
    decode_utf8(bytes, filename).map(Decoded::Text)
}

/// The tokenizer's name for a cookie's encoding (`get_normal_name`):
/// spellings of UTF-8 become `utf-8` and those of Latin-1 `iso-8859-1`
/// (case and `_`/`-` ignored, a `-suffix` allowed, as judged on the
/// first 12 characters); any other name is kept as written.
fn normal_name(enc: &str) -> std::borrow::Cow<'_, str> {
    let e: String = enc
        .chars()
        .take(12)
        .map(|c| {
            if c == '_' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    let is = |name: &str| e == name || e.strip_prefix(name).is_some_and(|r| r.starts_with('-'));
    if is("utf-8") {
        "utf-8".into()
    } else if is("latin-1") || is("iso-8859-1") || is("iso-latin-1") {
        "iso-8859-1".into()
    } else {
        enc.into()
    }
}

/// UTF-8 source to text, with CPython's SyntaxError for a bad byte.
fn decode_utf8(bytes: &[u8], filename: &str) -> Result<String, SyntaxErrorInfo> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let bad = e.valid_up_to();
            let line_start = bytes[..bad]
                .iter()
                .rposition(|&b| b == b'\n')
                .map(|p| p + 1)
                .unwrap_or(0);
            let lineno = bytes[..bad].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
            let why = if e.error_len().is_none() {
                "unexpected end of data"
            } else if bytes[bad] >= 0x80 && bytes[bad] < 0xc2 || bytes[bad] > 0xf4 {
                "invalid start byte"
            } else {
                "invalid continuation byte"
            };
            let line_end = bytes[bad..]
                .iter()
                .position(|&b| b == b'\n')
                .map(|p| bad + p + 1)
                .unwrap_or(bytes.len());
            let text = String::from_utf8_lossy(&bytes[line_start..line_end]).into_owned();
            let col = |at: usize| {
                String::from_utf8_lossy(&bytes[line_start..at])
                    .chars()
                    .count() as u32
            };
            let msg = |pos: usize, why: &str| {
                format!(
                    "(unicode error) 'utf-8' codec can't decode byte 0x{:02x} in position {pos}: {why}",
                    bytes[bad]
                )
            };
            let mut err = SyntaxErrorInfo {
                kind: SyntaxErrorKind::SyntaxError,
                // Outside a literal, CPython decodes from the bad byte on.
                msg: msg(0, why),
                filename: filename.to_string(),
                lineno,
                offset: col(bad) + 1,
                end_lineno: lineno,
                end_offset: col(bad) + 2,
                text: Some(text),
            };
            // In a str literal, CPython decodes the literal's body and
            // places the error on the literal.
            if let Some(lit) = super::literal::literal_at(bytes, bad)
                .filter(|l| !l.prefix.contains('b') && l.end <= line_end)
            {
                if let Err(e) = std::str::from_utf8(&bytes[lit.body..lit.body_end]) {
                    let why = match e.error_len() {
                        None => "unexpected end of data",
                        Some(_) => why,
                    };
                    err.msg = msg(e.valid_up_to(), why);
                    err.offset = col(lit.start) + 1;
                    err.end_offset = col(lit.end) + 1;
                }
            }
            Err(err)
        }
    }
}

/// The encoding named by a PEP 263 cookie on line 1 or 2, if any.
pub fn coding_cookie(bytes: &[u8]) -> Option<String> {
    for (i, line) in bytes.split(|&b| b == b'\n').take(2).enumerate() {
        let line = String::from_utf8_lossy(line);
        let t = line.trim_start();
        if !t.starts_with('#') {
            if i == 0 && t.is_empty() {
                continue;
            }
            return None;
        }
        if let Some(p) = t.find("coding") {
            let rest = &t[p + 6..];
            if let Some(rest) = rest.strip_prefix(':').or_else(|| rest.strip_prefix('=')) {
                let name: String = rest
                    .trim_start()
                    .chars()
                    .take_while(|c| {
                        c.is_ascii_alphanumeric() || *c == '-' || *c == '_' || *c == '.'
                    })
                    .collect();
                if !name.is_empty() {
                    return Some(name);
                }
            }
        }
    }
    None
}
