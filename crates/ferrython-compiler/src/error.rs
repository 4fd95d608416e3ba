//! Compile errors as plain data: what CPython would raise as `SyntaxError`,
//! `IndentationError` or `TabError`, with the same message and position fields.

use std::fmt;

/// Which exception class CPython raises for this error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    SyntaxError,
    IndentationError,
    TabError,
    /// `_IncompleteInputError` (3.13): the text stopped before its
    /// statement did (`PyCF_ALLOW_INCOMPLETE_INPUT`).
    IncompleteInput,
    /// `MemoryError`: the source nests deeper than CPython's parser stack
    /// (no position; see `parse::nesting`).
    MemoryError,
    /// `RecursionError`: the tree nests deeper than CPython's compiler
    /// passes recurse (no position).
    RecursionError,
}

impl SyntaxErrorKind {
    /// The Python class name (`"SyntaxError"` ...).
    pub fn name(self) -> &'static str {
        match self {
            SyntaxErrorKind::SyntaxError => "SyntaxError",
            SyntaxErrorKind::IndentationError => "IndentationError",
            SyntaxErrorKind::TabError => "TabError",
            SyntaxErrorKind::IncompleteInput => "_IncompleteInputError",
            SyntaxErrorKind::MemoryError => "MemoryError",
            SyntaxErrorKind::RecursionError => "RecursionError",
        }
    }
}

/// The arguments of a `SyntaxError` as CPython fills them in: `lineno` and
/// `offset` are 1-based, `offset`/`end_offset` count characters (not bytes) of
/// `text`, which is the offending source line including its newline.
/// A value of 0 means "unknown" (CPython shows `None` or omits the caret).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxErrorInfo {
    pub kind: SyntaxErrorKind,
    pub msg: String,
    pub filename: String,
    pub lineno: u32,
    pub offset: u32,
    pub end_lineno: u32,
    pub end_offset: u32,
    pub text: Option<String>,
}

impl SyntaxErrorInfo {
    /// An error of `kind` in `filename` with no position (every line and
    /// offset 0) and no text: one found before the source is read as
    /// lines, such as an encoding problem or a nesting limit.
    pub fn unplaced(kind: SyntaxErrorKind, msg: impl Into<String>, filename: &str) -> Self {
        SyntaxErrorInfo {
            kind,
            msg: msg.into(),
            filename: filename.into(),
            lineno: 0,
            offset: 0,
            end_lineno: 0,
            end_offset: 0,
            text: None,
        }
    }

    /// A `SyntaxWarning` with this error's message and position, showing
    /// `text` as its line (the inverse of [`CompileWarning::to_error`]).
    pub fn into_warning(self, text: Option<String>) -> CompileWarning {
        CompileWarning {
            category: "SyntaxWarning",
            msg: self.msg,
            filename: self.filename,
            lineno: self.lineno,
            offset: self.offset,
            end_lineno: self.end_lineno,
            end_offset: self.end_offset,
            text,
        }
    }
}

impl fmt::Display for SyntaxErrorInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} ({}, line {})",
            self.kind.name(),
            self.msg,
            self.filename,
            self.lineno
        )
    }
}

impl std::error::Error for SyntaxErrorInfo {}

/// A warning issued while compiling (CPython emits these through the
/// `warnings` module as `SyntaxWarning` at compile time). When a warnings
/// filter turns one into an error, CPython raises a `SyntaxError` with the
/// same message at the warning's position instead ([`Self::to_error`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileWarning {
    /// The warning class name, `"SyntaxWarning"`.
    pub category: &'static str,
    pub msg: String,
    pub filename: String,
    pub lineno: u32,
    /// 1-based character offsets on `lineno` / `end_lineno`, as in
    /// [`SyntaxErrorInfo`].
    pub offset: u32,
    pub end_lineno: u32,
    pub end_offset: u32,
    /// The source line the tokenizer had (None for warnings of the
    /// compiler proper, which CPython reports without a line of text).
    pub text: Option<String>,
}

impl CompileWarning {
    /// The `SyntaxError` CPython raises in place of this warning when a
    /// filter makes it an error (`_PyErr_EmitSyntaxWarning`).
    pub fn to_error(&self) -> SyntaxErrorInfo {
        SyntaxErrorInfo {
            kind: SyntaxErrorKind::SyntaxError,
            msg: self.msg.clone(),
            filename: self.filename.clone(),
            lineno: self.lineno,
            offset: self.offset,
            end_lineno: self.end_lineno,
            end_offset: self.end_offset,
            text: self.text.clone(),
        }
    }
}
