//! Front end: source text -> AST, over `ruff_python_parser`.
//!
//! This is the only module that calls the parser. It turns ruff's byte ranges
//! into CPython positions (see [`LineIndex`]) and ruff's parse errors into
//! [`SyntaxErrorInfo`] with CPython 3.13's messages where we can tell which
//! one CPython would give. A small pre-scanner (`scan_brackets_and_strings`)
//! supplies the tokenizer-level errors CPython reports (unclosed brackets,
//! unterminated strings, tabs/spaces) that ruff phrases differently.

use ruff_python_ast::Mod;
use ruff_python_parser::{LexicalErrorType, Mode, ParseErrorType, ParseOptions};
use ruff_text_size::{Ranged, TextRange};

use crate::error::{CompileWarning, SyntaxErrorInfo, SyntaxErrorKind};

/// CPython's position of a node or error: 1-based lines, 0-based UTF-8 byte columns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Location {
    pub lineno: u32,
    pub end_lineno: u32,
    pub col: u32,
    pub end_col: u32,
}

/// Maps byte offsets of one source text to line/column positions.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<u32>,
    source: String,
}

impl LineIndex {
    /// Index `source` (line ends: `\n`, `\r\n`, `\r`).
    pub fn new(source: &str) -> LineIndex {
        let mut line_starts = vec![0u32];
        let bytes = source.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i as u32 + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    line_starts.push(i as u32 + 1);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex {
            line_starts,
            source: source.to_string(),
        }
    }

    /// The indexed source text.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// 1-based line number and 0-based byte column of `offset`.
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let offset = offset.min(self.source.len() as u32);
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        (line as u32 + 1, offset - self.line_starts[line])
    }

    /// CPython position of a byte range.
    pub fn location(&self, range: TextRange) -> Location {
        let (lineno, col) = self.line_col(range.start().into());
        let (end_lineno, end_col) = self.line_col(range.end().into());
        Location {
            lineno,
            end_lineno,
            col,
            end_col,
        }
    }

    /// Number of lines in the source.
    pub fn line_count(&self) -> u32 {
        self.line_starts.len() as u32
    }

    /// The text of 1-based line `lineno`, including its line end if any.
    pub fn line_text(&self, lineno: u32) -> &str {
        let i = (lineno.max(1) - 1) as usize;
        if i >= self.line_starts.len() {
            return "";
        }
        let start = self.line_starts[i] as usize;
        let end = self
            .line_starts
            .get(i + 1)
            .map(|&e| e as usize)
            .unwrap_or(self.source.len());
        &self.source[start..end]
    }

    /// Character (not byte) column of byte column `col` on line `lineno`, 1-based
    /// like `SyntaxError.offset`.
    pub fn char_offset(&self, lineno: u32, col: u32) -> u32 {
        let text = self.line_text(lineno);
        let col = (col as usize).min(text.len());
        let mut c = col;
        while c > 0 && !text.is_char_boundary(c) {
            c -= 1;
        }
        text[..c].chars().count() as u32 + 1
    }

    /// Build a `SyntaxErrorInfo` for a byte range.
    pub fn error(
        &self,
        kind: SyntaxErrorKind,
        msg: impl Into<String>,
        filename: &str,
        range: TextRange,
    ) -> SyntaxErrorInfo {
        let loc = self.location(range);
        self.error_at(kind, msg, filename, loc)
    }

    /// Build a `SyntaxErrorInfo` for a CPython location.
    pub fn error_at(
        &self,
        kind: SyntaxErrorKind,
        msg: impl Into<String>,
        filename: &str,
        loc: Location,
    ) -> SyntaxErrorInfo {
        SyntaxErrorInfo {
            kind,
            msg: msg.into(),
            filename: filename.to_string(),
            lineno: loc.lineno,
            offset: self.char_offset(loc.lineno, loc.col),
            end_lineno: loc.end_lineno,
            end_offset: self.char_offset(loc.end_lineno, loc.end_col),
            text: Some(self.line_text(loc.lineno).to_string()),
        }
    }
}

/// What the source is parsed as (CPython's `compile()` modes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseMode {
    Exec,
    Eval,
    Single,
}

/// A parsed program: the AST plus the line index of its source. This is the
/// handle a future `_ast` module converts to Python objects.
pub struct Ast {
    pub(crate) module: Mod,
    pub(crate) index: LineIndex,
    pub(crate) mode: ParseMode,
    /// Warnings found while tokenizing (invalid escape sequences).
    pub(crate) warnings: Vec<CompileWarning>,
}

impl Ast {
    /// The line index of the parsed source.
    pub fn line_index(&self) -> &LineIndex {
        &self.index
    }

    /// The mode the source was parsed in.
    pub fn mode(&self) -> ParseMode {
        self.mode
    }

    /// Number of top-level statements (1 for an `eval` expression).
    pub fn top_level_len(&self) -> usize {
        match &self.module {
            Mod::Module(m) => m.body.len(),
            Mod::Expression(_) => 1,
        }
    }

    /// A readable dump of ruff's tree, for debugging.
    pub fn debug_dump(&self) -> String {
        format!("{:#?}", self.module)
    }
}

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
fn coding_cookie(bytes: &[u8]) -> Option<String> {
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

/// Parse `source` in `mode`. Errors carry CPython-style messages.
pub fn parse(source: &str, mode: ParseMode, filename: &str) -> Result<Ast, SyntaxErrorInfo> {
    if source.contains('\0') {
        return Err(SyntaxErrorInfo {
            kind: SyntaxErrorKind::SyntaxError,
            msg: "source code string cannot contain null bytes".into(),
            filename: filename.into(),
            lineno: 0,
            offset: 0,
            end_lineno: 0,
            end_offset: 0,
            text: None,
        });
    }
    let index = LineIndex::new(source);
    if let Some(err) = scan_tabs(&index, filename) {
        return Err(err);
    }
    if let Some(err) = scan_brackets_and_strings(&index, filename, u32::MAX) {
        if err.msg == "too many nested parentheses" {
            return Err(err);
        }
    }
    let ruff_mode = match mode {
        ParseMode::Exec | ParseMode::Single => Mode::Module,
        ParseMode::Eval => Mode::Expression,
    };
    let options =
        ParseOptions::from(ruff_mode).with_target_version(ruff_python_ast::PythonVersion::PY314);
    let parsed = ruff_python_parser::parse_unchecked(source, options);
    if let Some(first) = parsed.errors().first() {
        // CPython's tokenizer stops at the first bad dedent: tokenizer errors
        // after it never surface.
        let stop = parsed
            .errors()
            .iter()
            .find(|e| {
                matches!(
                    e.error,
                    ParseErrorType::Lexical(LexicalErrorType::IndentationError)
                )
            })
            .map(|e| u32::from(e.range().start()))
            .unwrap_or(u32::MAX);
        return Err(translate_error(
            &index,
            source,
            filename,
            &first.error,
            first.range(),
            stop,
        ));
    }
    let warnings = escape_warnings(source, parsed.tokens(), &index, filename);
    let module = parsed.into_syntax();
    if mode == ParseMode::Single {
        check_single(&module, &index, filename)?;
    }
    Ok(Ast {
        module,
        index,
        mode,
        warnings,
    })
}

/// CPython's "invalid escape sequence" SyntaxWarnings: one per non-raw
/// string literal (or f-string literal part) with an unknown escape.
fn escape_warnings(
    source: &str,
    tokens: &[ruff_python_ast::token::Token],
    index: &LineIndex,
    filename: &str,
) -> Vec<CompileWarning> {
    use ruff_python_ast::token::TokenKind as T;
    let mut out = Vec::new();
    let mut fstring_raw: Vec<bool> = Vec::new();
    let mut warn = |msg: String, at: u32| {
        let (lineno, col) = index.line_col(at);
        out.push(CompileWarning {
            category: "SyntaxWarning",
            msg,
            filename: filename.to_string(),
            lineno,
            offset: index.char_offset(lineno, col),
        });
    };
    for tok in tokens {
        let range = tok.range();
        let text = source
            .get(u32::from(range.start()) as usize..u32::from(range.end()) as usize)
            .unwrap_or("");
        match tok.kind() {
            T::String => {
                let prefix_len = text.find(['\'', '"']).unwrap_or(0);
                let prefix = text[..prefix_len].to_ascii_lowercase();
                if prefix.contains('r') {
                    continue;
                }
                let rest = &text[prefix_len..];
                let q = if rest.starts_with("'''") || rest.starts_with("\"\"\"") {
                    3
                } else {
                    1
                };
                if rest.len() < 2 * q {
                    continue;
                }
                if let Some(m) = invalid_escape(&rest[q..rest.len() - q], prefix.contains('b')) {
                    warn(m, range.start().into());
                }
            }
            T::FStringStart | T::TStringStart => {
                fstring_raw.push(text.to_ascii_lowercase().contains('r'));
            }
            T::FStringEnd | T::TStringEnd => {
                fstring_raw.pop();
            }
            T::FStringMiddle | T::TStringMiddle if fstring_raw.last() == Some(&false) => {
                if let Some(m) = invalid_escape(text, false) {
                    warn(m, range.start().into());
                }
            }
            _ => {}
        }
    }
    out
}

/// The warning for the first invalid escape in a literal body, if any.
fn invalid_escape(body: &str, bytes: bool) -> Option<String> {
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            continue;
        }
        let Some(e) = chars.next() else { break };
        match e {
            '\n' | '\r' | '\\' | '\'' | '"' | 'a' | 'b' | 'f' | 'n' | 'r' | 't' | 'v' | 'x' => {}
            'N' | 'u' | 'U' if !bytes => {}
            '0'..='7' => {
                let mut digits = String::from(e);
                while digits.len() < 3 {
                    match chars.peek() {
                        Some(d @ '0'..='7') => {
                            digits.push(*d);
                            chars.next();
                        }
                        _ => break,
                    }
                }
                if u32::from_str_radix(&digits, 8).unwrap_or(0) > 0o377 {
                    return Some(format!("invalid octal escape sequence '\\{digits}'"));
                }
            }
            other => return Some(format!("invalid escape sequence '\\{other}'")),
        }
    }
    None
}

/// `compile(..., "single")` takes one statement (a line of simple
/// statements or one compound statement).
fn check_single(module: &Mod, index: &LineIndex, filename: &str) -> Result<(), SyntaxErrorInfo> {
    let Mod::Module(m) = module else {
        return Ok(());
    };
    let Some(first) = m.body.first() else {
        let last = index.line_count().saturating_sub(1).max(1);
        return Err(SyntaxErrorInfo {
            kind: SyntaxErrorKind::SyntaxError,
            msg: "invalid syntax".into(),
            filename: filename.into(),
            lineno: last,
            offset: 0,
            end_lineno: last,
            end_offset: 0,
            text: Some(index.line_text(last).to_string()),
        });
    };
    let end_line = index.line_col(first.range().end().into()).0;
    if m.body[1..]
        .iter()
        .any(|s| index.line_col(s.range().start().into()).0 > end_line)
    {
        let text = index.line_text(end_line);
        let col = text.trim_end().len() as u32;
        let mut e = index.error_at(
            SyntaxErrorKind::SyntaxError,
            "multiple statements found while compiling a single statement",
            filename,
            Location {
                lineno: end_line,
                end_lineno: end_line,
                col,
                end_col: col,
            },
        );
        e.end_offset = e.offset + 1;
        return Err(e);
    }
    Ok(())
}

/// CPython's TabError: a line whose indentation compares differently when
/// tabs count as 1 column and as 8 columns against the indentation stack.
fn scan_tabs(index: &LineIndex, filename: &str) -> Option<SyntaxErrorInfo> {
    let src = index.source();
    let has_tabs = src.contains('\t');
    let mut stack: Vec<(u32, u32)> = vec![(0, 0)];
    let mut depth = 0i32;
    let mut in_string: Option<&'static [u8]> = None;
    for lineno in 1..=index.line_count() {
        let line = index.line_text(lineno);
        let starts_logical = depth == 0 && in_string.is_none();
        // Track brackets/triple-quoted strings roughly so continuation lines are skipped.
        track_line(line, &mut depth, &mut in_string);
        if !starts_logical {
            continue;
        }
        let trimmed = line.trim_start_matches([' ', '\t', '\x0c']);
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(['\n', '\r']) {
            continue;
        }
        let ws = &line[..line.len() - trimmed.len()];
        let (mut c1, mut c8) = (0u32, 0u32);
        for ch in ws.chars() {
            match ch {
                ' ' => {
                    c1 += 1;
                    c8 += 1;
                }
                '\t' => {
                    c1 += 1;
                    c8 = (c8 / 8 + 1) * 8;
                }
                _ => {
                    c1 = 0;
                    c8 = 0;
                }
            }
        }
        let &(t1, t8) = stack.last().unwrap();
        let inconsistent = if c8 == t8 {
            c1 != t1
        } else if c8 > t8 {
            c1 <= t1
        } else {
            while let Some(&(s1, s8)) = stack.last() {
                if s8 <= c8 {
                    break;
                }
                let _ = s1;
                stack.pop();
            }
            match stack.last() {
                Some(&(s1, s8)) if s8 == c8 => s1 != c1,
                _ => false,
            }
        };
        if c8 > t8 && stack.len() > 99 {
            return Some(SyntaxErrorInfo {
                kind: SyntaxErrorKind::IndentationError,
                msg: "too many levels of indentation".into(),
                filename: filename.into(),
                lineno,
                offset: 1,
                end_lineno: lineno,
                end_offset: 0,
                text: Some(line.to_string()),
            });
        }
        if inconsistent && has_tabs {
            return Some(SyntaxErrorInfo {
                kind: SyntaxErrorKind::TabError,
                msg: "inconsistent use of tabs and spaces in indentation".into(),
                filename: filename.into(),
                lineno,
                offset: 1,
                end_lineno: lineno,
                end_offset: 0,
                text: Some(line.to_string()),
            });
        }
        if c8 > t8 {
            stack.push((c1, c8));
        }
    }
    None
}

/// Update bracket depth / open triple-quote state across one physical line.
fn track_line(line: &str, depth: &mut i32, in_string: &mut Option<&'static [u8]>) {
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if let Some(q) = *in_string {
            if b[i..].starts_with(q) {
                *in_string = None;
                i += q.len();
                continue;
            }
            if b[i] == b'\\' {
                i += 2;
                continue;
            }
            i += 1;
            continue;
        }
        match b[i] {
            b'#' => return,
            b'(' | b'[' | b'{' => *depth += 1,
            b')' | b']' | b'}' => *depth = (*depth - 1).max(0),
            b'\'' | b'"' => {
                let triple: &'static [u8] = if b[i] == b'"' { b"\"\"\"" } else { b"'''" };
                if b[i..].starts_with(triple) {
                    *in_string = Some(triple);
                    i += 3;
                    continue;
                }
                let q = b[i];
                i += 1;
                while i < b.len() && b[i] != q && b[i] != b'\n' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
}

/// Tokenizer-level checks CPython performs: unterminated strings and
/// unbalanced brackets. Only errors that start before byte `limit` count;
/// unclosed brackets are reported regardless.
pub(crate) fn scan_brackets_and_strings(
    index: &LineIndex,
    filename: &str,
    limit: u32,
) -> Option<SyntaxErrorInfo> {
    let src = index.source();
    let b = src.as_bytes();
    let mut stack: Vec<(u8, usize)> = Vec::new();
    let mut i = 0;
    let err = |msg: String, start: usize, end: usize| {
        Some(index.error(
            SyntaxErrorKind::SyntaxError,
            msg,
            filename,
            TextRange::new((start as u32).into(), (end as u32).into()),
        ))
    };
    while i < b.len() {
        if i as u32 >= limit {
            break;
        }
        let c = b[i];
        match c {
            b'#' => {
                while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
                    i += 1;
                }
                continue;
            }
            b'\\' => {
                i += 2;
                continue;
            }
            b'(' | b'[' | b'{' => {
                stack.push((c, i));
                if stack.len() > 200 {
                    return err("too many nested parentheses".into(), i, i);
                }
            }
            b')' | b']' | b'}' => {
                let open = match c {
                    b')' => b'(',
                    b']' => b'[',
                    _ => b'{',
                };
                match stack.pop() {
                    None => return err(format!("unmatched '{}'", c as char), i, i),
                    Some((o, p)) if o != open => {
                        let (l1, _) = index.line_col(p as u32);
                        let (l2, _) = index.line_col(i as u32);
                        let msg = if l1 == l2 {
                            format!(
                                "closing parenthesis '{}' does not match opening parenthesis '{}'",
                                c as char, o as char
                            )
                        } else {
                            format!(
                                "closing parenthesis '{}' does not match opening parenthesis '{}' on line {}",
                                c as char, o as char, l1
                            )
                        };
                        return err(msg, i, i);
                    }
                    Some(_) => {}
                }
            }
            b'\'' | b'"' => {
                // Find the prefix start for the error position.
                let mut start = i;
                while start > 0 && b[start - 1].is_ascii_alphabetic() && start + 3 > i {
                    start -= 1;
                }
                let prefix = src[start..i].to_ascii_lowercase();
                let is_prefix = prefix.chars().all(|ch| "rbfut".contains(ch))
                    && (start == 0
                        || !(b[start - 1].is_ascii_alphanumeric() || b[start - 1] == b'_'));
                if !is_prefix {
                    start = i;
                }
                let raw = is_prefix && prefix.contains('r');
                let triple = b.len() >= i + 3 && b[i + 1] == c && b[i + 2] == c;
                let mut j = if triple { i + 3 } else { i + 1 };
                let mut closed = false;
                while j < b.len() {
                    if b[j] == b'\\' {
                        j += 2;
                        continue;
                    }
                    if !triple && (b[j] == b'\n' || b[j] == b'\r') {
                        break;
                    }
                    if b[j] == c
                        && (!triple
                            || (j + 2 < b.len()
                                && b.get(j + 1) == Some(&c)
                                && b.get(j + 2) == Some(&c)))
                    {
                        closed = true;
                        j += if triple { 3 } else { 1 };
                        break;
                    }
                    j += 1;
                }
                let _ = raw;
                if !closed {
                    let last_line = if triple {
                        index.line_count().max(1)
                            - u32::from(src.ends_with('\n') || src.ends_with('\r'))
                    } else {
                        index.line_col(start as u32).0
                    };
                    let kind = if triple {
                        "unterminated triple-quoted string literal"
                    } else {
                        "unterminated string literal"
                    };
                    return err(
                        format!("{kind} (detected at line {})", last_line.max(1)),
                        start,
                        start,
                    );
                }
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    if limit == u32::MAX || limit as usize >= b.len() {
        if let Some(&(o, p)) = stack.first() {
            let mut e = err(format!("'{}' was never closed", o as char), p, p)?;
            e.end_offset = 0;
            return Some(e);
        }
    }
    None
}

/// Name of the compound statement whose header ends on the line before
/// `lineno`, for "expected an indented block after ..." messages.
fn block_owner(index: &LineIndex, lineno: u32) -> Option<(String, u32)> {
    let mut l = lineno;
    while l > 1 {
        l -= 1;
        let t = index.line_text(l).trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        // Walk back to the line that starts the header (for multi-line headers).
        let mut start = l;
        while start > 1 {
            let prev = index.line_text(start - 1).trim_end();
            if prev.ends_with('\\') || prev.ends_with(',') || prev.ends_with('(') {
                start -= 1;
            } else {
                break;
            }
        }
        let head = index.line_text(start).trim_start();
        let word: String = head
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let word = if word == "async" {
            head[5..]
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect()
        } else if head.starts_with('@') {
            "def".to_string()
        } else {
            word
        };
        let what = match word.as_str() {
            "def" => "function definition".to_string(),
            "class" => "class definition".to_string(),
            "if" | "elif" | "else" | "for" | "while" | "with" | "try" | "except" | "finally"
            | "match" | "case" => format!("'{word}' statement"),
            _ => return None,
        };
        return Some((what, start));
    }
    None
}

/// Bracket nesting depth at byte `pos` (strings and comments skipped).
fn bracket_depth_at(source: &str, pos: usize) -> usize {
    let b = source.as_bytes();
    let end = pos.min(b.len());
    let mut depth = 0usize;
    let mut i = 0;
    while i < end {
        match b[i] {
            b'#' => {
                while i < end && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            q @ (b'\'' | b'"') => {
                let triple = b[i..].starts_with(&[q, q, q]);
                i += if triple { 3 } else { 1 };
                while i < end {
                    if b[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if triple && b[i..].starts_with(&[q, q, q]) {
                        i += 2;
                        break;
                    }
                    if !triple && (b[i] == q || b[i] == b'\n') {
                        break;
                    }
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    depth
}

fn is_keyword(t: &str) -> bool {
    matches!(
        t,
        "False"
            | "None"
            | "True"
            | "and"
            | "as"
            | "assert"
            | "async"
            | "await"
            | "break"
            | "class"
            | "continue"
            | "def"
            | "del"
            | "elif"
            | "else"
            | "except"
            | "finally"
            | "for"
            | "from"
            | "global"
            | "if"
            | "import"
            | "in"
            | "is"
            | "lambda"
            | "nonlocal"
            | "not"
            | "or"
            | "pass"
            | "raise"
            | "return"
            | "try"
            | "while"
            | "with"
            | "yield"
    )
}

/// The first word of the statement on the line containing `pos`.
fn line_keyword(index: &LineIndex, pos: u32) -> String {
    let (l, _) = index.line_col(pos);
    let t = index.line_text(l).trim_start();
    let t = t.strip_prefix("async ").map(str::trim_start).unwrap_or(t);
    t.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

fn token_text(index: &LineIndex, range: TextRange) -> &str {
    let s: usize = u32::from(range.start()) as usize;
    let e: usize = u32::from(range.end()) as usize;
    index
        .source()
        .get(s..e.min(index.source().len()))
        .unwrap_or("")
}

/// Start of the token that ends right before `pos` (skipping blanks).
fn prev_token_start(source: &str, pos: usize) -> usize {
    let b = source.as_bytes();
    let mut i = pos.min(b.len());
    while i > 0 && (b[i - 1] == b' ' || b[i - 1] == b'\t') {
        i -= 1;
    }
    if i == 0 {
        return 0;
    }
    let c = b[i - 1];
    if c == b'\'' || c == b'"' {
        i -= 1;
        while i > 0 && b[i - 1] != c && b[i - 1] != b'\n' {
            i -= 1;
        }
        i = i.saturating_sub(1);
        while i > 0 && b[i - 1].is_ascii_alphabetic() {
            i -= 1;
        }
        return i;
    }
    if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || c >= 0x80 {
        while i > 0
            && (b[i - 1].is_ascii_alphanumeric()
                || b[i - 1] == b'_'
                || b[i - 1] == b'.'
                || b[i - 1] >= 0x80)
        {
            i -= 1;
        }
        return i;
    }
    i - 1
}

/// Turn one ruff parse error into CPython's error, then let tokenizer-level
/// errors override a generic "invalid syntax" the way CPython does.
fn translate_error(
    index: &LineIndex,
    source: &str,
    filename: &str,
    error: &ParseErrorType,
    range: TextRange,
    tokenizer_stop: u32,
) -> SyntaxErrorInfo {
    let mut e = translate_error_inner(index, source, filename, error, range);
    // CPython re-tokenizes the rest of the source after a generic error: an
    // unclosed bracket opened before the error line, or a tokenizer error
    // close to it, replaces "invalid syntax".
    if e.msg == "invalid syntax" {
        if let Some(t) = scan_brackets_and_strings(index, filename, tokenizer_stop) {
            let replaces = if t.msg.ends_with("was never closed") {
                t.lineno < e.lineno
            } else {
                true
            };
            if replaces {
                return t;
            }
        }
    }
    // A range that is just the newline token ends on the same line.
    if e.end_lineno == e.lineno + 1 && e.end_offset == 1 {
        let s: usize = u32::from(range.start()).try_into().unwrap_or(0);
        if source[s.min(source.len())..].starts_with(['\n', '\r']) || range.is_empty() {
            e.end_lineno = e.lineno;
            e.end_offset = e.offset + 1;
        }
    }
    e
}

fn translate_error_inner(
    index: &LineIndex,
    source: &str,
    filename: &str,
    error: &ParseErrorType,
    range: TextRange,
) -> SyntaxErrorInfo {
    use ruff_python_ast::token::TokenKind as T;
    use SyntaxErrorKind::*;
    let start: u32 = range.start().into();
    // Tokenizer-level problems that precede the parse error win, as in CPython.
    if let Some(e) = scan_brackets_and_strings(index, filename, start.saturating_add(1)) {
        if !e.msg.contains("was never closed") {
            return e;
        }
    }
    let at_eof = start as usize >= source.trim_end().len();
    if at_eof {
        if let Some(e) = scan_brackets_and_strings(index, filename, u32::MAX) {
            return e;
        }
    }
    let syntax = |msg: &str| index.error(SyntaxError, msg, filename, range);
    let s = start as usize;
    // `1_`, `1abc`: a number running into a name.
    if s > 0
        && s < source.len()
        && source.as_bytes()[s - 1].is_ascii_digit()
        && (source.as_bytes()[s].is_ascii_alphabetic() || source.as_bytes()[s] == b'_')
    {
        let mut e = syntax("invalid decimal literal");
        e.end_offset = e.offset;
        return e;
    }
    let comma_hint = |found_start: u32| {
        // CPython only suggests a comma inside brackets.
        if bracket_depth_at(source, found_start as usize) == 0 {
            return None;
        }
        let p = prev_token_start(source, found_start as usize) as u32;
        let same_line = index.line_col(p).0 == index.line_col(found_start).0;
        if !same_line {
            return None;
        }
        Some(index.error(
            SyntaxError,
            "invalid syntax. Perhaps you forgot a comma?",
            filename,
            TextRange::new(p.into(), range.end()),
        ))
    };
    match error {
        ParseErrorType::OtherError(m)
            if m.starts_with("Expected one or more exception types")
                || m.starts_with("Cannot have both 'except' and 'except*'")
                || m.starts_with("Only single target (not tuple) can be annotated") =>
        {
            let mut chars = m.chars();
            let first = chars.next().map(|c| c.to_ascii_lowercase()).unwrap_or(' ');
            syntax(&format!("{first}{}", chars.as_str()))
        }
        ParseErrorType::OtherError(m) if m.starts_with("Bytes literal cannot be mixed") => {
            syntax("cannot mix bytes and nonbytes literals")
        }
        ParseErrorType::OtherError(m) if m.starts_with("Expected a parameter name") => {
            let t = token_text(index, range);
            if matches!(t, "True" | "False" | "None" | "__debug__") {
                syntax(&format!("cannot assign to {t}"))
            } else {
                syntax("invalid syntax")
            }
        }
        ParseErrorType::InvalidMatchPatternTarget => syntax("cannot use '_' as a target"),
        ParseErrorType::OtherError(m) if m.starts_with("Expected an indented block") => {
            let (l, c) = index.line_col(start);
            let line = index.line_text(l);
            let ws = line.len() - line.trim_start().len();
            let trimmed = line.trim_end().len() as u32;
            // At the end of the header line itself (the block is missing at
            // the end of the file): CPython points just past the header.
            let (owner_from, loc) = if c >= trimmed && !line.trim().is_empty() {
                (
                    l + 1,
                    Location {
                        lineno: l,
                        end_lineno: l,
                        col: trimmed,
                        end_col: trimmed + 1,
                    },
                )
            } else {
                (
                    l,
                    Location {
                        lineno: l,
                        end_lineno: l,
                        col: ws as u32,
                        end_col: trimmed,
                    },
                )
            };
            let msg = match block_owner(index, owner_from) {
                Some((what, on)) => format!("expected an indented block after {what} on line {on}"),
                None => "expected an indented block".to_string(),
            };
            index.error_at(IndentationError, msg, filename, loc)
        }
        ParseErrorType::OtherError(m) if m.starts_with("Expected `except` or `finally`") => {
            let end = source[..s.min(source.len())].trim_end().len() as u32;
            let mut e = index.error(
                SyntaxError,
                "expected 'except' or 'finally' block",
                filename,
                TextRange::new(end.into(), end.into()),
            );
            e.end_offset = 0;
            e
        }
        ParseErrorType::ExpectedToken {
            expected: T::Colon,
            found: T::Rbrace | T::Comma,
        } => {
            let p = prev_token_start(source, s) as u32;
            let mut e = index.error(
                SyntaxError,
                "':' expected after dictionary key",
                filename,
                TextRange::new(p.into(), p.into()),
            );
            e.end_offset = 0;
            e
        }
        ParseErrorType::UnexpectedIndentation => {
            let (l, _) = index.line_col(start);
            let mut e = index.error(IndentationError, "unexpected indent", filename, range);
            e.lineno = l;
            e.end_lineno = l;
            e.end_offset = 0;
            e
        }
        ParseErrorType::Lexical(LexicalErrorType::IndentationError) => {
            let (l, _) = index.line_col(start);
            let line = index.line_text(l);
            let ws = line.len() - line.trim_start_matches([' ', '\t']).len();
            let mut e = index.error(
                IndentationError,
                "unindent does not match any outer indentation level",
                filename,
                range,
            );
            let _ = ws;
            e.lineno = l;
            e.offset = line.trim_end().chars().count() as u32 + 1;
            e.end_lineno = l;
            e.end_offset = 0;
            e
        }
        ParseErrorType::ExpectedToken {
            expected: T::Indent,
            ..
        } => {
            let (l, _) = index.line_col(start);
            let line = index.line_text(l);
            let ws = line.len() - line.trim_start().len();
            let word_end = line.trim_end().len();
            let loc = Location {
                lineno: l,
                end_lineno: l,
                col: ws as u32,
                end_col: word_end as u32,
            };
            let msg = match block_owner(index, l) {
                Some((what, on)) => format!("expected an indented block after {what} on line {on}"),
                None => "expected an indented block".to_string(),
            };
            index.error_at(IndentationError, msg, filename, loc)
        }
        ParseErrorType::ExpectedToken {
            expected: T::Colon,
            found,
        } => {
            let forced = matches!(
                line_keyword(index, start).as_str(),
                "try" | "finally" | "else" | "for" | "def"
            );
            if forced && !matches!(found, T::Newline | T::Comment) && !at_eof {
                // `try`, `finally`, `else`, `for ... in ...` and `def` force
                // the colon in CPython's grammar.
                return syntax("expected ':'");
            }
            if matches!(found, T::Newline | T::Comment) || at_eof {
                // CPython points just past the previous token.
                let prev_end = source[..start as usize].trim_end().len() as u32;
                index.error(
                    SyntaxError,
                    "expected ':'",
                    filename,
                    TextRange::new(prev_end.into(), (prev_end + 1).into()),
                )
            } else {
                syntax("invalid syntax")
            }
        }
        ParseErrorType::ExpectedToken {
            expected: T::Comma | T::Rpar | T::Rsqb | T::Rbrace,
            found: T::Name | T::Int | T::Float | T::String | T::Complex | T::FStringStart,
        } => comma_hint(start).unwrap_or_else(|| syntax("invalid syntax")),
        ParseErrorType::SimpleStatementsOnSameLine => {
            // `print 1` gets its special message.
            let (l, _) = index.line_col(start);
            let line = index.line_text(l).trim_start();
            if line.starts_with("print ") && !line.starts_with("print (") {
                let e = syntax("Missing parentheses in call to 'print'. Did you mean print(...)?");
                return SyntaxErrorInfo {
                    offset: 1 + (index.line_text(l).len() - line.len()) as u32,
                    end_offset: index.line_text(l).trim_end().chars().count() as u32 + 1,
                    ..e
                };
            }
            syntax("invalid syntax")
        }
        ParseErrorType::ExpectedToken {
            expected: T::Lpar, ..
        } if line_keyword(index, start) == "def" => syntax("expected '('"),
        ParseErrorType::EmptyImportNames => {
            let mut e = syntax("Expected one or more names after 'import'");
            e.end_lineno = e.lineno;
            e.end_offset = e.offset;
            e
        }
        ParseErrorType::ParamAfterVarKeywordParam => {
            syntax("arguments cannot follow var-keyword argument")
        }
        ParseErrorType::OtherError(m) if m.starts_with("Only one '*' parameter") => {
            let mut e = syntax("* argument may appear only once");
            e.end_lineno = e.lineno;
            e.end_offset = e.offset + 1;
            e
        }
        ParseErrorType::OtherError(m) if m.starts_with("Only one '**' parameter") => {
            let mut e = syntax("arguments cannot follow var-keyword argument");
            e.end_lineno = e.lineno;
            e.end_offset = e.offset + 1;
            e
        }
        ParseErrorType::UnparenthesizedGeneratorExpression => {
            syntax("Generator expression must be parenthesized")
        }
        ParseErrorType::PositionalAfterKeywordArgument => {
            syntax("positional argument follows keyword argument")
        }
        ParseErrorType::PositionalAfterKeywordUnpacking => {
            syntax("positional argument follows keyword argument unpacking")
        }
        ParseErrorType::InvalidArgumentUnpackingOrder => {
            syntax("iterable argument unpacking follows keyword argument unpacking")
        }
        ParseErrorType::NonDefaultParamAfterDefaultParam => {
            syntax("parameter without a default follows parameter with a default")
        }
        ParseErrorType::ExpectedKeywordParam => syntax("named arguments must follow bare *"),
        ParseErrorType::VarParameterWithDefault => {
            syntax("var-positional argument cannot have default value")
        }
        ParseErrorType::InvalidAnnotatedAssignmentTarget => syntax("illegal target for annotation"),
        ParseErrorType::InvalidAssignmentTarget
        | ParseErrorType::InvalidNamedAssignmentTarget
        | ParseErrorType::InvalidAugmentedAssignmentTarget
        | ParseErrorType::InvalidDeleteTarget => {
            let text = token_text(index, range);
            let what = describe_target(text);
            let msg = match error {
                ParseErrorType::InvalidDeleteTarget => format!("cannot delete {what}"),
                ParseErrorType::InvalidAugmentedAssignmentTarget => {
                    format!("'{}' is an illegal expression for augmented assignment", what_type(text))
                }
                ParseErrorType::InvalidNamedAssignmentTarget => {
                    format!("cannot use assignment expressions with {what}")
                }
                _ => {
                    let after = source[u32::from(range.end()) as usize..].trim_start_matches([' ', '\t']);
                    let line_start = source[..u32::from(range.start()) as usize]
                        .rfind(['\n', '\r'])
                        .map(|p| p + 1)
                        .unwrap_or(0);
                    let first_target = source[line_start..u32::from(range.start()) as usize].trim().is_empty();
                    let plain_assign = first_target && after.starts_with('=') && !after.starts_with("==");
                    if what == "None" || what == "True" || what == "False" || what == "__debug__" {
                        format!("cannot assign to {what}")
                    } else if text.starts_with("yield") {
                        "assignment to yield expression not possible".into()
                    } else if plain_assign && matches!(error, ParseErrorType::InvalidAssignmentTarget) {
                        format!("cannot assign to {what} here. Maybe you meant '==' instead of '='?")
                    } else {
                        format!("cannot assign to {what}")
                    }
                }
            };
            syntax(&msg)
        }
        ParseErrorType::FStringError(e) | ParseErrorType::Lexical(LexicalErrorType::FStringError(e)) => {
            use ruff_python_parser::InterpolatedStringErrorType as F;
            let msg = match e {
                F::UnclosedLbrace => {
                    let t = token_text(index, range);
                    if t.is_empty() || t.starts_with(['\'', '"', '\n', '\r']) {
                        "f-string: expecting '}'".to_string()
                    } else {
                        "f-string: expecting '=', or '!', or ':', or '}'".to_string()
                    }
                }
                F::SingleRbrace => "f-string: single '}' is not allowed".to_string(),
                F::InvalidConversionFlag => {
                    let t = token_text(index, range);
                    if t.is_empty() || t.starts_with([':', '}']) {
                        "f-string: missing conversion character".to_string()
                    } else if is_keyword(t) || !t.chars().all(|c| c.is_alphanumeric() || c == '_') {
                        "f-string: invalid conversion character".to_string()
                    } else {
                        format!("f-string: invalid conversion character '{t}': expected 's', 'r', or 'a'")
                    }
                }
                F::LambdaWithoutParentheses => {
                    "f-string: lambda expressions are not allowed without parentheses".to_string()
                }
                F::UnterminatedString | F::UnterminatedTripleQuotedString => {
                    "unterminated f-string literal".to_string()
                }
                other => format!("f-string: {other}"),
            };
            syntax(&msg)
        }
        ParseErrorType::Lexical(LexicalErrorType::UnclosedStringError) => {
            syntax("unterminated string literal")
        }
        ParseErrorType::Lexical(LexicalErrorType::LineContinuationError) => {
            syntax("unexpected character after line continuation character")
        }
        ParseErrorType::Lexical(LexicalErrorType::UnrecognizedToken { tok }) => {
            if tok.is_ascii() {
                syntax("invalid syntax")
            } else {
                syntax(&format!(
                    "invalid character '{tok}' (U+{:04X})",
                    *tok as u32
                ))
            }
        }
        ParseErrorType::Lexical(LexicalErrorType::OtherError(msg)) => {
            let m = msg.to_string();
            let tok = token_text(index, range);
            if m.contains("leading zeros")
                || (tok.len() > 1 && tok.starts_with('0') && tok.bytes().all(|c| c.is_ascii_digit() || c == b'_'))
            {
                let mut e = syntax("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
                e.end_offset = e.offset + 1;
                e.end_lineno = e.lineno;
                return e;
            }
            if m.contains("leading zeros") {
                syntax("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers")
            } else if m.to_ascii_lowercase().contains("invalid") && m.contains("literal") {
                syntax("invalid decimal literal")
            } else {
                syntax(&m)
            }
        }
        ParseErrorType::Lexical(LexicalErrorType::UnicodeError)
        | ParseErrorType::Lexical(LexicalErrorType::MissingUnicodeLbrace)
        | ParseErrorType::Lexical(LexicalErrorType::MissingUnicodeRbrace) => syntax(
            "(unicode error) 'unicodeescape' codec can't decode bytes: malformed \\N character escape",
        ),
        ParseErrorType::Lexical(LexicalErrorType::InvalidByteLiteral) => {
            syntax("bytes can only contain ASCII literal characters")
        }
        ParseErrorType::TStringError(_) | ParseErrorType::Lexical(LexicalErrorType::TStringError(_)) => {
            syntax("invalid syntax")
        }
        _ => {
            // Generic: "invalid syntax" at the offending token, with special
            // cases for common shapes.
            let msg = error.to_string();
            if msg.starts_with("Expected 'else'") || msg.contains("`else`") {
                // CPython underlines `body if test`.
                let end = source[..s].trim_end().len();
                let line_start = source[..end].rfind(['\n', '\r']).map(|p| p + 1).unwrap_or(0);
                if let Some(if_at) = source[line_start..end].rfind(" if ") {
                    let body = prev_token_start(source, line_start + if_at) as u32;
                    return index.error(
                        SyntaxError,
                        "expected 'else' after 'if' expression",
                        filename,
                        TextRange::new(body.into(), (end as u32).into()),
                    );
                }
                return syntax("expected 'else' after 'if' expression");
            }
            if let ParseErrorType::ExpectedToken { expected: T::Except, .. }
            | ParseErrorType::ExpectedToken { expected: T::Finally, .. } = error
            {
                return syntax("expected 'except' or 'finally' block");
            }
            let mut e = syntax("invalid syntax");
            if range.is_empty() {
                e.end_offset = e.offset + 1;
            }
            e
        }
    }
}

/// CPython's description of an expression that cannot be a target.
fn describe_target(text: &str) -> String {
    let t = text.trim();
    match t {
        "None" | "True" | "False" | "__debug__" => return t.to_string(),
        _ => {}
    }
    let first = t.chars().next().unwrap_or(' ');
    if t.starts_with('*') {
        return "starred".into();
    }
    if t.ends_with(')') && !t.starts_with('(') {
        return "function call".into();
    }
    if t.starts_with('(') && t.contains(" for ") {
        return "generator expression".into();
    }
    if first.is_ascii_digit() || first == '"' || first == '\'' {
        return "literal".into();
    }
    if t.starts_with("lambda") {
        return "lambda".into();
    }
    if t.starts_with("await") {
        return "await expression".into();
    }
    if t.starts_with('(') && t.contains(',') {
        return "tuple".into();
    }
    "expression".into()
}

fn what_type(text: &str) -> &'static str {
    let t = text.trim();
    if t.starts_with('[') {
        "list"
    } else if t.contains(',') {
        "tuple"
    } else {
        "expression"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_maps_offsets_like_cpython() {
        let idx = LineIndex::new("ab\r\ncé\nx");
        assert_eq!(idx.line_col(0), (1, 0));
        assert_eq!(idx.line_col(4), (2, 0));
        assert_eq!(idx.line_col(6), (2, 2)); // byte column after 'é'
        assert_eq!(idx.line_col(8), (3, 0));
        assert_eq!(idx.char_offset(2, 3), 3); // 'c', 'é' -> 1-based char offset 3
        assert_eq!(idx.line_text(2), "cé\n");
    }

    #[test]
    fn decode_rejects_invalid_utf8_like_cpython() {
        let e = decode_source(b"x = 1\n\xff\n", "f").unwrap_err();
        assert_eq!(
            e.msg,
            "(unicode error) 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"
        );
        assert_eq!(e.lineno, 2);
        assert_eq!(
            decode_source(b"\xef\xbb\xbfx = 1\n", "f").unwrap(),
            "x = 1\n"
        );
        let latin = decode_source(b"# -*- coding: latin-1 -*-\nx = '\xe9'\n", "f").unwrap();
        assert!(latin.contains('\u{e9}'));
        assert_eq!(
            decode_source(b"# coding: nope\n", "f").unwrap_err().msg,
            "unknown encoding: nope"
        );
    }
}
