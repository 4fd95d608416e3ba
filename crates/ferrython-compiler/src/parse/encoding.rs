//! Source bytes -> text (BOM, PEP 263 cookies, UTF-8 errors as CPython reports them).

use crate::error::{SyntaxErrorInfo, SyntaxErrorKind};

/// Decode source bytes the way CPython's tokenizer does for the cases we
/// support: a UTF-8 BOM is dropped, a PEP 263 `latin-1`/`iso-8859-1` cookie
/// decodes as Latin-1, anything else must be valid UTF-8.
pub fn decode_source(bytes: &[u8], filename: &str) -> Result<String, SyntaxErrorInfo> {
    let has_bom = bytes.starts_with(b"\xef\xbb\xbf");
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let encoding_error = |msg: String| SyntaxErrorInfo {
        kind: SyntaxErrorKind::SyntaxError,
        msg,
        filename: filename.to_string(),
        lineno: 0,
        offset: 0,
        end_lineno: 0,
        end_offset: 0,
        text: None,
    };
    if let Some(enc) = coding_cookie(bytes) {
        let e = enc.to_ascii_lowercase().replace('_', "-");
        let is_utf8 = e == "utf-8" || e == "utf8" || e.starts_with("utf-8-");
        if has_bom && !is_utf8 {
            return Err(encoding_error(format!("encoding problem: {enc} with BOM")));
        }
        if e == "latin-1" || e == "iso-8859-1" || e == "iso-latin-1" || e == "latin1" {
            return Ok(bytes.iter().map(|&b| b as char).collect());
        }
        // Other codecs are accepted only for sources that are valid UTF-8
        // (usually pure ASCII); unknown codec names are errors as in CPython.
        const KNOWN: &[&str] = &[
            "ascii",
            "us-ascii",
            "cp1252",
            "cp1251",
            "cp1250",
            "cp437",
            "cp850",
            "cp932",
            "cp949",
            "cp950",
            "koi8-r",
            "koi8-u",
            "euc-jp",
            "euc-kr",
            "shift-jis",
            "sjis",
            "gbk",
            "gb2312",
            "gb18030",
            "big5",
            "mac-roman",
            "utf-16",
            "utf-32",
            "latin-9",
            "iso-8859-15",
            "iso-8859-2",
            "iso-8859-5",
            "iso-8859-7",
            "hebrew",
            "greek",
            "iso8859-15",
            "iso8859-1",
            "euc-jis-2004",
            "iso-2022-jp",
            "mbcs",
            "charmap",
        ];
        if !is_utf8
            && !KNOWN.contains(&e.as_str())
            && !e.starts_with("iso-8859-")
            && !e.starts_with("cp")
        {
            return Err(encoding_error(format!("unknown encoding: {enc}")));
        }
    }
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
            let col = String::from_utf8_lossy(&bytes[line_start..bad])
                .chars()
                .count() as u32;
            Err(SyntaxErrorInfo {
                kind: SyntaxErrorKind::SyntaxError,
                msg: format!(
                    "(unicode error) 'utf-8' codec can't decode byte 0x{:02x} in position {}: {}",
                    bytes[bad],
                    bad - line_start,
                    why
                ),
                filename: filename.to_string(),
                lineno,
                offset: col + 1,
                end_lineno: lineno,
                end_offset: col + 2,
                text: Some(text),
            })
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
