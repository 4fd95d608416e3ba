//! Front end: source text -> AST, over `ruff_python_parser`.
//!
//! This is the only module that calls the parser. It turns ruff's byte ranges
//! into CPython positions (see [`LineIndex`]) and ruff's parse errors into
//! [`SyntaxErrorInfo`] with CPython 3.13's messages where we can tell which
//! one CPython would give (`syntax_errors.rs`). `tokenizer_checks.rs` supplies
//! the tokenizer-level errors CPython reports (unclosed brackets, unterminated
//! strings, tabs/spaces) that ruff phrases differently; `escapes.rs` the
//! invalid-escape warnings; `numbers.rs` those for a
//! keyword stuck to a number; `encoding.rs` decodes source bytes.

mod encoding;
mod escapes;
mod fstring_fields;
mod grammar_hints;
pub mod interactive;
mod line_index;
mod literal;
mod nesting;
mod numbers;
mod syntax_errors;
mod tokenizer_checks;

use ruff_python_ast::Mod;
use ruff_python_parser::{LexicalErrorType, Mode, ParseErrorType, ParseOptions};
use ruff_text_size::Ranged;

use crate::error::{CompileWarning, SyntaxErrorInfo, SyntaxErrorKind};

pub use encoding::{coding_cookie, decode_source, Decoded};
use escapes::escape_warnings;
pub use line_index::{LineIndex, Location};
use numbers::number_end_warnings;
use syntax_errors::translate_error;
pub(crate) use tokenizer_checks::scan_brackets_and_strings;
use tokenizer_checks::scan_tabs;

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
    /// How deeply `module` nests (`nesting::Nesting::depth`), for
    /// [`Ast::check_depth`] and for dropping it.
    depth: u32,
}

impl Drop for Ast {
    fn drop(&mut self) {
        let empty = Mod::Module(ruff_python_ast::ModModule {
            node_index: Default::default(),
            range: Default::default(),
            body: Default::default(),
        });
        nesting::drop_tree(std::mem::replace(&mut self.module, empty), self.depth);
    }
}

impl Ast {
    /// A tree built elsewhere (the `_ast` module's conversion of AST
    /// objects), with the source text its ranges index (there: a synthetic
    /// text whose lines and columns are the nodes' positions).
    pub fn from_tree(module: Mod, source: &str, mode: ParseMode) -> Ast {
        Ast {
            depth: nesting::depth(&module),
            module,
            index: LineIndex::new(source),
            mode,
            warnings: Vec::new(),
        }
    }

    /// The line index of the parsed source.
    pub fn line_index(&self) -> &LineIndex {
        &self.index
    }

    /// The parser's tree.
    pub fn module(&self) -> &Mod {
        &self.module
    }

    /// `RecursionError` when the tree nests deeper than the compiler's
    /// passes go (as CPython's `ast_opt.c`/`symtable.c` refuse it).
    pub fn check_depth(&self, filename: &str) -> Result<(), SyntaxErrorInfo> {
        nesting::check_depth(self.depth, filename)
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

/// Parse `source` in `mode`. Errors carry CPython-style messages.
pub fn parse(source: &str, mode: ParseMode, filename: &str) -> Result<Ast, SyntaxErrorInfo> {
    parse_with_flags(source, mode, filename, 0)
}

/// [`parse`] under `compile()`'s `PyCF_ALLOW_INCOMPLETE_INPUT` and
/// `PyCF_DONT_IMPLY_DEDENT` flags (see [`interactive`]); other bits of
/// `flags` are ignored.
pub fn parse_with_flags(
    source: &str,
    mode: ParseMode,
    filename: &str,
    flags: u32,
) -> Result<Ast, SyntaxErrorInfo> {
    let source = &*universal_newlines(source);
    let parsed = parse_unadjusted(source, mode, filename);
    let tokenizer_error = matches!(&parsed, Err((e, _)) if e.kind != SyntaxErrorKind::SyntaxError
        && !e.msg.starts_with("expected an indented block"));
    if mode == ParseMode::Single && !tokenizer_error {
        if let Some(err) = interactive::open_block_error(source, filename, flags) {
            return Err(err);
        }
        if matches!(&parsed, Ok(ast) if ast.top_level_len() == 1) {
            if let Some(err) = interactive::unfinished_statement_error(source, filename, flags) {
                return Err(err);
            }
        }
    }
    parsed.map_err(|(err, at)| interactive::adjust_error(source, mode, flags, err, at))
}

/// The source with `\r\n` and a lone `\r` read as `\n`, as CPython's
/// tokenizer reads every input (`translate_newlines`).
fn universal_newlines(source: &str) -> std::borrow::Cow<'_, str> {
    if !source.contains('\r') {
        return std::borrow::Cow::Borrowed(source);
    }
    std::borrow::Cow::Owned(source.replace("\r\n", "\n").replace('\r', "\n"))
}

/// [`parse`], each error with the byte offset where the parser found it
/// (None for checks made before parsing).
fn parse_unadjusted(
    source: &str,
    mode: ParseMode,
    filename: &str,
) -> Result<Ast, (SyntaxErrorInfo, Option<usize>)> {
    if source.contains('\0') {
        return Err((
            SyntaxErrorInfo::unplaced(
                SyntaxErrorKind::SyntaxError,
                "source code string cannot contain null bytes",
                filename,
            ),
            None,
        ));
    }
    let index = LineIndex::new(source);
    if let Some(err) = scan_tabs(&index, filename) {
        return Err((err, None));
    }
    if let Some(err) = scan_brackets_and_strings(&index, filename, u32::MAX) {
        if err.msg == "too many nested parentheses" {
            return Err((err, None));
        }
    }
    let ruff_mode = match mode {
        ParseMode::Exec | ParseMode::Single => Mode::Module,
        ParseMode::Eval => Mode::Expression,
    };
    let options =
        ParseOptions::from(ruff_mode).with_target_version(ruff_python_ast::PythonVersion::PY314);
    let parsed = ruff_python_parser::parse_unchecked(source, options);
    let nesting = nesting::check(parsed.syntax(), filename);
    // Unknown (as deep as can be) when the parser would have given up.
    let depth = nesting.as_ref().map_or(u32::MAX, |n| n.depth);
    let error = match nesting {
        Err(e) => Some((e, None)),
        Ok(_) => first_error(&parsed, &index, source, filename),
    };
    if let Some(error) = error {
        nesting::drop_tree(parsed.into_syntax(), depth);
        return Err(error);
    }
    let mut warnings = number_end_warnings(source, parsed.tokens(), &index, filename);
    warnings.extend(escape_warnings(source, parsed.tokens(), &index, filename));
    // In source order, as the tokenizer meets them.
    warnings.sort_by_key(|w| (w.lineno, w.offset));
    let ast = Ast {
        module: parsed.into_syntax(),
        index,
        mode,
        warnings,
        depth,
    };
    if mode == ParseMode::Single {
        check_single(&ast.module, &ast.index, filename).map_err(|e| (e, None))?;
    }
    Ok(ast)
}

/// The first of ruff's parse errors as CPython reports it, with the byte
/// offset where it was found; failing that, an error CPython's grammar
/// finds that ruff accepts (a parenthesized keyword argument name).
fn first_error(
    parsed: &ruff_python_parser::Parsed<Mod>,
    index: &LineIndex,
    source: &str,
    filename: &str,
) -> Option<(SyntaxErrorInfo, Option<usize>)> {
    // A lambda in an f-string replacement field is reported by ruff after
    // the expression error it causes; CPython names the lambda.
    let lambda_in_fstring = parsed.errors().iter().find(|e| {
        matches!(
            e.error,
            ParseErrorType::FStringError(
                ruff_python_parser::InterpolatedStringErrorType::LambdaWithoutParentheses
            )
        )
    });
    if let Some(first) = lambda_in_fstring.or(parsed.errors().first()) {
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
        let at = u32::from(first.range().start()) as usize;
        return Some((
            translate_error(
                index,
                source,
                filename,
                &first.error,
                first.range(),
                stop,
                parsed.tokens(),
            ),
            Some(at),
        ));
    }
    let hints = grammar_hints::Hints {
        index,
        filename,
        tokens: parsed.tokens(),
    };
    hints.parenthesized_keyword().map(|err| (err, None))
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
    // After a compound statement the grammar wants the end of input: a
    // second statement is `invalid syntax` at its start.
    if ruff_python_ast::helpers::is_compound_statement(first) {
        if let Some(next) = m.body.get(1) {
            let line = index.line_col(next.range().start().into()).0;
            return Err(interactive::stray_statement_error(
                index.source(),
                filename,
                line,
            ));
        }
    }
    if m.body[1..]
        .iter()
        .any(|s| index.line_col(s.range().start().into()).0 > end_line)
    {
        // CPython's range is the rest of the line after the statement,
        // from its comment if there is one, through the newline.
        let text = index.line_text(end_line);
        let line_last = m
            .body
            .iter()
            .take_while(|s| index.line_col(s.range().start().into()).0 <= end_line)
            .last()
            .unwrap_or(first);
        let (last_line, last_col) = index.line_col(line_last.range().end().into());
        let stmt_end = if last_line == end_line {
            last_col as usize
        } else {
            text.trim_end().len()
        };
        let rest = text.get(stmt_end..).unwrap_or("");
        let col = (stmt_end + rest.len() - rest.trim_start_matches([' ', '\t']).len()) as u32;
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
        e.end_offset = text.trim_end().chars().count() as u32 + 2;
        return Err(e);
    }
    Ok(())
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
            Decoded::Text("x = 1\n".into())
        );
        let latin = decode_source(b"# -*- coding: latin-1 -*-\nx = '\xe9'\n", "f").unwrap();
        assert_eq!(
            latin,
            Decoded::Text("# -*- coding: latin-1 -*-\nx = '\u{e9}'\n".into())
        );
        assert_eq!(
            decode_source(b"# coding: cp1252\n", "f").unwrap(),
            Decoded::Codec("cp1252".into())
        );
        assert_eq!(
            decode_source(b"\xef\xbb\xbf# coding: cp1252\n", "f")
                .unwrap_err()
                .msg,
            "encoding problem: cp1252 with BOM"
        );
        // The message names the codec as the tokenizer normalizes it.
        for cookie in ["latin-1", "Latin_1-x", "ISO_8859_1", "iso-latin-1-foo-bar"] {
            let source = format!("\u{feff}# coding: {cookie}\nx = 1\n");
            assert_eq!(
                decode_source(source.as_bytes(), "f").unwrap_err().msg,
                "encoding problem: iso-8859-1 with BOM"
            );
        }
        assert_eq!(
            decode_source(b"\xef\xbb\xbf# coding: utf8\n", "f")
                .unwrap_err()
                .msg,
            "encoding problem: utf8 with BOM"
        );
        assert!(decode_source(b"\xef\xbb\xbf# coding: UTF_8\n", "f").is_ok());
    }
}
