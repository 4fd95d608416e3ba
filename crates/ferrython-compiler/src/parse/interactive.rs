//! Input typed at a prompt: when the basic REPL has read a whole statement
//! (what CPython's tokenizer decides in prompt mode, `Parser/tokenizer.c`
//! and `Python/pythonrun.c`), and the `compile()` flags `codeop` relies on,
//! `PyCF_ALLOW_INCOMPLETE_INPUT` (an `_IncompleteInputError` when the
//! parser ran out of text) and `PyCF_DONT_IMPLY_DEDENT`.

use crate::error::{SyntaxErrorInfo, SyntaxErrorKind};

use super::ParseMode;

/// `PyCF_DONT_IMPLY_DEDENT`: in `single` mode, the end of a text that does
/// not end with a newline does not close an open block.
pub const PYCF_DONT_IMPLY_DEDENT: u32 = 0x0200;
/// `PyCF_ALLOW_INCOMPLETE_INPUT`: a text that stops before its statement
/// does raises `_IncompleteInputError` instead of `SyntaxError`.
pub const PYCF_ALLOW_INCOMPLETE_INPUT: u32 = 0x4000;

/// What the tokenizer is still inside of at the end of a text.
#[derive(Default)]
struct EndState {
    /// An unclosed `(`, `[` or `{`.
    open_bracket: bool,
    /// An unterminated triple-quoted string.
    open_triple: bool,
    /// The text ends with a backslash-newline.
    continuation: bool,
    /// Where the earliest of these begins.
    open_at: usize,
}

impl EndState {
    fn waiting(&self) -> bool {
        self.open_bracket || self.open_triple || self.continuation
    }
}

/// Scans `src` for brackets, strings, comments and line continuations.
fn end_state(src: &str) -> EndState {
    let b = src.as_bytes();
    let mut brackets: Vec<usize> = Vec::new();
    let mut i = 0;
    let mut st = EndState::default();
    while i < b.len() {
        match b[i] {
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'\\' => {
                if b[i + 1..].iter().all(|&c| c == b'\n' || c == b'\r') && i + 1 < b.len() {
                    st.continuation = true;
                    st.open_at = i;
                }
                i += 2;
                continue;
            }
            b'(' | b'[' | b'{' => brackets.push(i),
            b')' | b']' | b'}' => {
                brackets.pop();
            }
            q @ (b'\'' | b'"') => {
                let triple = b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q);
                let mut j = if triple { i + 3 } else { i + 1 };
                let mut closed = false;
                while j < b.len() {
                    match b[j] {
                        b'\\' => j += 1,
                        b'\n' if !triple => break,
                        c if c == q && (!triple || b[j..].starts_with(&[q, q, q])) => {
                            j += if triple { 3 } else { 1 };
                            closed = true;
                            break;
                        }
                        _ => {}
                    }
                    j += 1;
                }
                if triple && !closed {
                    st.open_triple = true;
                    st.open_at = i;
                }
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    if let Some(&first) = brackets.first() {
        st.open_bracket = true;
        st.open_at = first;
    }
    st
}

/// The first word of `line` (after indentation), or its first character.
fn first_word(line: &str) -> &str {
    let t = line.trim_start();
    let n = t
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(t.len());
    if n == 0 {
        t.get(..t.chars().next().map_or(0, char::len_utf8))
            .unwrap_or("")
    } else {
        &t[..n]
    }
}

/// Whether `line` holds only blanks and a comment.
fn is_blank(line: &str) -> bool {
    let t = line.trim_start();
    t.is_empty() || t.starts_with('#')
}

/// Whether a statement whose first line is `line` is a compound statement,
/// which the prompt only ends at an empty line.
fn starts_compound(line: &str) -> bool {
    match first_word(line) {
        "if" | "while" | "for" | "try" | "with" | "def" | "class" | "async" | "@" => true,
        // `match` is a keyword only as a statement's head, which ends
        // with a colon.
        "match" => {
            let code = line.split('#').next().unwrap_or("").trim_end();
            code.ends_with(':') && !code[5..].trim_start().starts_with(['=', '.', '(', '['])
        }
        _ => false,
    }
}

/// What the prompt does with the lines read so far.
#[derive(Debug, PartialEq, Eq)]
pub enum Prompt {
    /// The statement is whole: compile it.
    Complete,
    /// Read another line (with `sys.ps2`).
    More,
    /// The last line, at the left margin, starts a second statement after
    /// a compound one: CPython reports `invalid syntax` there.
    Stray,
}

/// Decides, as CPython's tokenizer does in prompt mode, whether `source`
/// (the lines typed since the first prompt, each ending with a newline)
/// is a whole statement: a simple statement ends with its logical line; a
/// compound statement ends with an empty line, and a line at the left
/// margin that does not continue it (`elif`, `else`, `except`, `finally`,
/// or the decorated definition) is a syntax error.
pub fn prompt_state(source: &str) -> Prompt {
    if end_state(source).waiting() {
        return Prompt::More;
    }
    let mut lines = source.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return Prompt::Complete;
    };
    if is_blank(first) || !starts_compound(first) {
        return Prompt::Complete;
    }
    let decorator = first_word(first) == "@";
    let rest: Vec<&str> = lines.collect();
    let Some(last) = rest.last() else {
        return Prompt::More;
    };
    if *last == "\n" || *last == "\r\n" {
        return Prompt::Complete;
    }
    if is_blank(last) || last.starts_with([' ', '\t', '\x0c']) {
        return Prompt::More;
    }
    // Inside brackets or strings that started on an earlier line, the
    // line is not at the statement's margin.
    let before = &source[..source.len() - last.len()];
    if end_state(before).waiting() {
        return Prompt::More;
    }
    let definition_seen = rest[..rest.len() - 1]
        .iter()
        .any(|l| matches!(first_word(l), "def" | "class" | "async"));
    match first_word(last) {
        "elif" | "else" | "except" | "finally" => Prompt::More,
        "@" | "def" | "class" | "async" if decorator && !definition_seen => Prompt::More,
        _ => Prompt::Stray,
    }
}

/// The `invalid syntax` error CPython reports for the stray line `lineno`
/// (1-based) of `source` (see [`Prompt::Stray`]): the caret spans its
/// first token.
pub fn stray_statement_error(source: &str, filename: &str, lineno: u32) -> SyntaxErrorInfo {
    let text = source
        .split_inclusive('\n')
        .nth(lineno as usize - 1)
        .unwrap_or("");
    let width = first_word(text).chars().count().max(1) as u32;
    SyntaxErrorInfo {
        kind: SyntaxErrorKind::SyntaxError,
        msg: "invalid syntax".into(),
        filename: filename.into(),
        lineno,
        offset: 1,
        end_lineno: lineno,
        end_offset: 1 + width,
        text: Some(text.to_string()),
    }
}

/// The `_IncompleteInputError` for `source`, placed after its last line.
fn incomplete_error(source: &str, filename: &str) -> SyntaxErrorInfo {
    let lineno = source.split_inclusive('\n').count() as u32;
    let text = source.split_inclusive('\n').next_back().unwrap_or("");
    SyntaxErrorInfo {
        kind: SyntaxErrorKind::IncompleteInput,
        msg: "incomplete input".into(),
        filename: filename.into(),
        lineno,
        offset: text.chars().count() as u32,
        end_lineno: lineno,
        end_offset: 0,
        text: Some(text.to_string()),
    }
}

/// With `PyCF_ALLOW_INCOMPLETE_INPUT`: whether the parse error `err`,
/// found at byte `at` of `source` (None: no position), means the parser
/// ran out of text, as CPython's check of the tokenizer reaching the end
/// does: the text ends inside brackets, a triple-quoted string or after a
/// backslash-newline; the error lies past the last newline; or, outside
/// `exec` mode (where a newline is appended), it lies on a last line with
/// no newline.
fn ran_out(source: &str, mode: ParseMode, err: &SyntaxErrorInfo, at: Option<usize>) -> bool {
    let indented_block = err.kind == SyntaxErrorKind::IndentationError
        && err.msg.starts_with("expected an indented block");
    if (err.kind != SyntaxErrorKind::SyntaxError && !indented_block)
        || err.msg == "unexpected character after line continuation character"
    {
        return false;
    }
    // Unclosed brackets, strings or lines, unless the parser failed
    // before reaching them.
    let st = end_state(source);
    if st.continuation || (st.waiting() && at.is_none_or(|at| at >= st.open_at)) {
        return true;
    }
    // A block header on the last line whose block never came.
    if indented_block && err.lineno as usize >= source.trim_end().lines().count() {
        return true;
    }
    if mode != ParseMode::Exec && source.trim().is_empty() {
        return true;
    }
    let last_newline = source.rfind('\n').map_or(0, |n| n + 1);
    let trailing_blank = source[last_newline..].trim().is_empty();
    match at {
        Some(at) if at >= last_newline && trailing_blank && last_newline > 0 => true,
        _ if mode != ParseMode::Exec && !source.ends_with('\n') => {
            err.lineno as usize >= source.split_inclusive('\n').count()
        }
        _ => false,
    }
}

/// Applies `compile()`'s `flags` to a parse error: an `_IncompleteInputError`
/// in its place when the input stops early and incomplete input is allowed.
pub(crate) fn adjust_error(
    source: &str,
    mode: ParseMode,
    flags: u32,
    err: SyntaxErrorInfo,
    at: Option<usize>,
) -> SyntaxErrorInfo {
    if flags & PYCF_ALLOW_INCOMPLETE_INPUT != 0 && ran_out(source, mode, &err, at) {
        return incomplete_error(source, &err.filename);
    }
    err
}

/// `PyCF_DONT_IMPLY_DEDENT` in `single` mode: a compound statement whose
/// text stops on an indented line without a newline is still open; that is
/// incomplete input, or else `invalid syntax` at that line.
pub(crate) fn open_block_error(
    source: &str,
    filename: &str,
    flags: u32,
) -> Option<SyntaxErrorInfo> {
    if flags & PYCF_DONT_IMPLY_DEDENT == 0 || source.ends_with('\n') {
        return None;
    }
    let first = source.lines().find(|l| !is_blank(l))?;
    let last = source.split_inclusive('\n').next_back()?;
    if !starts_compound(first) || !last.starts_with([' ', '\t']) || is_blank(last) {
        return None;
    }
    Some(unfinished_block(source, filename, flags, last))
}

/// `single` mode: one compound statement whose text stops, without a
/// newline, on an unindented line (`if x: pass`) is not finished either:
/// CPython's tokenizer needs that newline to end it.
pub(crate) fn unfinished_statement_error(
    source: &str,
    filename: &str,
    flags: u32,
) -> Option<SyntaxErrorInfo> {
    if source.ends_with('\n') {
        return None;
    }
    let first = source.lines().find(|l| !is_blank(l))?;
    let last = source.split_inclusive('\n').next_back()?;
    if !starts_compound(first) || last.starts_with([' ', '\t']) || is_blank(last) {
        return None;
    }
    Some(unfinished_block(source, filename, flags, last))
}

/// The error for a compound statement left open on its `last` line:
/// incomplete input for the prompt (`PyCF_ALLOW_INCOMPLETE_INPUT` with
/// `PyCF_DONT_IMPLY_DEDENT`), else `invalid syntax` at that line.
fn unfinished_block(source: &str, filename: &str, flags: u32, last: &str) -> SyntaxErrorInfo {
    let prompt = PYCF_ALLOW_INCOMPLETE_INPUT | PYCF_DONT_IMPLY_DEDENT;
    if flags & prompt == prompt {
        return incomplete_error(source, filename);
    }
    let lineno = source.split_inclusive('\n').count() as u32;
    SyntaxErrorInfo {
        kind: SyntaxErrorKind::SyntaxError,
        msg: "invalid syntax".into(),
        filename: filename.into(),
        lineno,
        offset: 0,
        end_lineno: lineno,
        end_offset: 0,
        text: Some(last.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompt_follows_cpython() {
        assert_eq!(prompt_state("x = 1\n"), Prompt::Complete);
        assert_eq!(prompt_state("# c\n"), Prompt::Complete);
        assert_eq!(prompt_state("(1,\n"), Prompt::More);
        assert_eq!(prompt_state("(1,\n2)\n"), Prompt::Complete);
        assert_eq!(prompt_state("'''a\n"), Prompt::More);
        assert_eq!(prompt_state("1 + \\\n"), Prompt::More);
        assert_eq!(prompt_state("if 1:\n"), Prompt::More);
        assert_eq!(prompt_state("if 1: pass\n"), Prompt::More);
        assert_eq!(prompt_state("if 1:\n  x\n"), Prompt::More);
        assert_eq!(prompt_state("if 1:\n  x\n   \n"), Prompt::More);
        assert_eq!(prompt_state("if 1:\n  x\n# c\n"), Prompt::More);
        assert_eq!(prompt_state("if 1:\n  x\nelse:\n"), Prompt::More);
        assert_eq!(prompt_state("if 1:\n  x\n\n"), Prompt::Complete);
        assert_eq!(prompt_state("if 1:\n  x\ny\n"), Prompt::Stray);
        assert_eq!(prompt_state("if 1:\n  x = (1,\n2)\n"), Prompt::More);
        assert_eq!(prompt_state("@d\ndef f(): pass\n"), Prompt::More);
        assert_eq!(prompt_state("match = 3\n"), Prompt::Complete);
        assert_eq!(prompt_state("match x:\n"), Prompt::More);
    }
}
