//! Byte offsets -> CPython line/column positions.

use ruff_text_size::TextRange;

use crate::error::{SyntaxErrorInfo, SyntaxErrorKind};

/// CPython's position of a node or error: 1-based lines, 0-based UTF-8 byte columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Location {
    pub lineno: u32,
    pub end_lineno: u32,
    pub col: u32,
    pub end_col: u32,
}

impl Location {
    /// No source location (CPython's `NO_LOCATION`): artificial code.
    pub const NONE: Location = Location {
        lineno: crate::bytecode::NO_LINE,
        end_lineno: 0,
        col: 0,
        end_col: 0,
    };

    /// Whether this is a real location.
    pub fn has_line(&self) -> bool {
        self.lineno != crate::bytecode::NO_LINE
    }
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

    /// Line `lineno` as `SyntaxError.text` shows it: CPython's tokenizer
    /// reads a last line without a newline as if it had one.
    fn line_text_with_newline(&self, lineno: u32) -> String {
        let mut text = self.line_text(lineno).to_string();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text
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

    /// A `SyntaxErrorInfo` for a byte range from the symbol table or the
    /// compiler: CPython gives those no text of their own (the runtime reads
    /// the line from the file when there is one, `PyErr_ProgramTextObject`).
    pub fn compile_error(
        &self,
        msg: impl Into<String>,
        filename: &str,
        range: TextRange,
    ) -> SyntaxErrorInfo {
        let mut e = self.error(SyntaxErrorKind::SyntaxError, msg, filename, range);
        e.text = None;
        e
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
            text: Some(self.line_text_with_newline(loc.lineno)),
        }
    }
}
