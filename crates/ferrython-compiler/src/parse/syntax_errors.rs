//! ruff parse errors -> CPython's SyntaxError messages and positions.

use ruff_python_ast::{Expr, UnaryOp};
use ruff_python_parser::{LexicalErrorType, ParseErrorType};
use ruff_text_size::{Ranged, TextRange};

use super::fstring_fields::replacement_field_error;
use super::grammar_hints::{expr_name, parse_expr, Hints};
use super::literal::{literal_at, Literal};
use super::tokenizer_checks::scan_brackets_and_strings;
use super::{LineIndex, Location};
use crate::error::{SyntaxErrorInfo, SyntaxErrorKind};

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
            "except" if head[6..].trim_start().starts_with('*') => {
                "'except*' statement".to_string()
            }
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
pub(super) fn translate_error(
    index: &LineIndex,
    source: &str,
    filename: &str,
    error: &ParseErrorType,
    range: TextRange,
    tokenizer_stop: u32,
    tokens: &[ruff_python_ast::token::Token],
) -> SyntaxErrorInfo {
    let mut e = translate_error_inner(index, source, filename, error, range, tokens);
    if e.msg == "invalid syntax" || e.msg == "f-string: expecting '=', or '!', or ':', or '}'" {
        let at = u32::from(range.start()) as usize;
        if let Some(f) = replacement_field_error(index, filename, tokens, at) {
            return f;
        }
    }
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
    tokens: &[ruff_python_ast::token::Token],
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
    let hints = Hints {
        index,
        filename,
        tokens,
    };
    if let Some(e) = hints.hint(error, range) {
        return e;
    }
    match error {
        ParseErrorType::OtherError(m) if m.starts_with("Cannot have both 'except' and 'except*'") => {
            // CPython underlines the `except` or `except*` keyword.
            let line_end = source[s..].find('\n').map_or(source.len(), |p| s + p);
            let head = &source[s..line_end];
            let mut end = s + "except".len();
            if head["except".len().min(head.len())..].trim_start().starts_with('*') {
                end = source[..line_end][end..].find('*').map_or(end, |p| end + p + 1);
            }
            index.error(
                SyntaxError,
                "cannot have both 'except' and 'except*' on the same 'try'",
                filename,
                TextRange::new(range.start(), (end as u32).into()),
            )
        }
        ParseErrorType::OtherError(m)
            if m.starts_with("Expected one or more exception types")
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
        ParseErrorType::InvalidMatchPatternTarget => {
            // `**_` in a mapping pattern is plain invalid syntax in CPython.
            if source[..s].trim_end().ends_with("**") {
                syntax("invalid syntax")
            } else {
                syntax("cannot use '_' as a target")
            }
        }
        ParseErrorType::ExpectedExpression
            if source[s..].starts_with('}') && source[..s].trim_end().ends_with('{') =>
        {
            syntax("f-string: valid expression required before '}'")
        }
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
                "try" | "finally" | "else" | "def"
            );
            if forced && !matches!(found, T::Newline | T::Comment) && !at_eof {
                // `try`, `finally`, `else` and `def` force
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
            legacy_call(index, filename, s).unwrap_or_else(|| syntax("invalid syntax"))
        }
        ParseErrorType::ExpectedToken {
            expected: T::Lpar, ..
        } if line_keyword(index, start) == "def" => syntax("expected '('"),
        ParseErrorType::ExpectedToken {
            expected: T::In, ..
        } if bracket_depth_at(source, s) > 0 => {
            // In a comprehension's `for` clause.
            syntax("'in' expected after for-loop variables")
        }
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
            // CPython points just past the offending argument.
            let end = u32::from(range.end());
            index.error(
                SyntaxError,
                "positional argument follows keyword argument",
                filename,
                TextRange::new(end.into(), (end + 1).into()),
            )
        }
        ParseErrorType::PositionalAfterKeywordUnpacking => {
            syntax("positional argument follows keyword argument unpacking")
        }
        ParseErrorType::InvalidArgumentUnpackingOrder => {
            // CPython's range starts at the comma before the `*` argument.
            let comma = source[..s].rfind(',').map(|p| p as u32).unwrap_or(start);
            index.error(
                SyntaxError,
                "iterable argument unpacking follows keyword argument unpacking",
                filename,
                TextRange::new(comma.into(), range.end()),
            )
        }
        ParseErrorType::ExpectedExpression
            if source[..s].ends_with('{') && source[s..].starts_with(['\'', '"']) =>
        {
            // `f'{'`: the f-string ends inside a replacement field.
            let mut e = syntax("f-string: expecting '}'");
            e.end_offset = e.offset;
            e
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
            let target = parse_expr(text);
            let what = if text.trim_start().starts_with('*') {
                "starred"
            } else {
                target.as_ref().map_or("expression", expr_name)
            };
            let msg = match error {
                ParseErrorType::InvalidDeleteTarget => format!("cannot delete {what}"),
                ParseErrorType::InvalidAugmentedAssignmentTarget => {
                    format!("'{what}' is an illegal expression for augmented assignment")
                }
                ParseErrorType::InvalidNamedAssignmentTarget => {
                    format!("cannot use assignment expressions with {what}")
                }
                _ => {
                    let after = source[u32::from(range.end()) as usize..].trim_start_matches([' ', '\t']);
                    let start = u32::from(range.start()) as usize;
                    let yields = matches!(target, Some(Expr::Yield(_) | Expr::YieldFrom(_)));
                    // A parenthesized yield is an atom; what precedes it
                    // is what precedes its parenthesis.
                    let before = source[..start].trim_end_matches([' ', '\t']);
                    let parenthesized = yields && before.ends_with('(');
                    let lead_end = if parenthesized { before.len() - 1 } else { start };
                    let first_target = leads_statement(&source[..lead_end]);
                    let after = match after.strip_prefix(')') {
                        Some(rest) if parenthesized => rest.trim_start_matches([' ', '\t']),
                        _ => after,
                    };
                    let equals = after.starts_with('=') && !after.starts_with("==");
                    let plain_assign = first_target && equals;
                    // CPython's hint is for a `bitwise_or` target only.
                    let simple = !matches!(
                        target,
                        Some(
                            Expr::Generator(_)
                                | Expr::Compare(_)
                                | Expr::BoolOp(_)
                                | Expr::If(_)
                                | Expr::Lambda(_)
                                | Expr::Named(_)
                        )
                    ) && !matches!(&target, Some(Expr::UnaryOp(u)) if u.op == UnaryOp::Not)
                        && (!yields || parenthesized);
                    if matches!(what, "None" | "True" | "False") || text.trim() == "__debug__" {
                        format!("cannot assign to {}", text.trim())
                    } else if yields && !parenthesized && equals {
                        "assignment to yield expression not possible".to_string()
                    } else if plain_assign
                        && simple
                        && matches!(error, ParseErrorType::InvalidAssignmentTarget)
                    {
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
                    // After a conversion (`!r`) only a format spec or
                    // the closing brace may follow.
                    let before = source[..s].trim_end();
                    let flag_start = before.trim_end_matches(|c: char| c.is_alphanumeric() || c == '_');
                    let conversion = flag_start.ends_with('!') && flag_start.len() < before.len();
                    if t.is_empty() || t.starts_with(['\'', '"', '\n', '\r']) {
                        "f-string: expecting '}'".to_string()
                    } else if conversion {
                        "f-string: expecting ':' or '}'".to_string()
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
            scan_brackets_and_strings(index, filename, u32::MAX)
                .filter(|e| e.msg.starts_with("unterminated string literal"))
                .unwrap_or_else(|| syntax("unterminated string literal"))
        }
        ParseErrorType::Lexical(LexicalErrorType::LineContinuationError | LexicalErrorType::Eof)
            if source[s..].starts_with('\\') =>
        {
            // CPython points just past the backslash.
            let after = (start + 1).min(source.len() as u32);
            let rest = &source[after as usize..];
            let msg = if rest.is_empty() || rest == "\n" {
                // At the end of input, an open bracket is the error.
                if let Some(e) = scan_brackets_and_strings(index, filename, u32::MAX)
                    .filter(|e| e.msg.ends_with("was never closed"))
                {
                    return e;
                }
                "unexpected EOF while parsing"
            } else {
                "unexpected character after line continuation character"
            };
            let mut e = index.error(SyntaxError, msg, filename, TextRange::new(after.into(), after.into()));
            e.end_offset = 0;
            e
        }
        ParseErrorType::Lexical(LexicalErrorType::UnrecognizedToken { tok }) => {
            if tok.is_ascii() {
                syntax("invalid syntax")
            } else {
                // The tokenizer's error: no range, just where it stopped.
                let msg = if is_non_printable(*tok) {
                    format!("invalid non-printable character U+{:04X}", *tok as u32)
                } else {
                    format!("invalid character '{tok}' (U+{:04X})", *tok as u32)
                };
                let mut e = syntax(&msg);
                e.end_offset = e.offset;
                e
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
        | ParseErrorType::Lexical(LexicalErrorType::MissingUnicodeRbrace) => {
            escape_error(index, source, filename, s).unwrap_or_else(|| {
                syntax("(unicode error) 'unicodeescape' codec can't decode bytes: malformed \\N character escape")
            })
        }
        ParseErrorType::Lexical(LexicalErrorType::InvalidByteLiteral) => {
            // CPython underlines the whole literal.
            let msg = "bytes can only contain ASCII literal characters";
            match literal_at(source.as_bytes(), s) {
                Some(l) => index.error(
                    SyntaxError,
                    msg,
                    filename,
                    TextRange::new((l.start as u32).into(), (l.end as u32).into()),
                ),
                None => syntax(msg),
            }
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

/// Whether `str.isprintable()` is false for a non-ASCII character:
/// controls, separators other than the space, and the common format
/// characters (soft hyphen, zero-width and directional marks, BOM).
fn is_non_printable(c: char) -> bool {
    c.is_control()
        || c.is_whitespace()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206F}'
                | '\u{FEFF}'
        )
}

/// CPython's error for a bad `\\x`, `\\u`, `\\U` or `\\N` escape in the string
/// literal around byte `at`: positions count bytes of the literal's body,
/// the error covers the whole literal.
fn escape_error(
    index: &LineIndex,
    source: &str,
    filename: &str,
    at: usize,
) -> Option<SyntaxErrorInfo> {
    let b = source.as_bytes();
    let Literal {
        start: lit_start,
        body: body_start,
        end: lit_end,
        prefix,
        ..
    } = literal_at(b, at)?;
    let upto = (at + 1).min(b.len());
    let bs = b[body_start.min(upto)..upto]
        .iter()
        .rposition(|&c| c == b'\\')?
        + body_start;
    let pos = bs - body_start;
    let kind = *b.get(bs + 1)?;
    let (msg, last) = if prefix.contains('b') {
        (
            format!("(value error) invalid \\x escape at position {pos}"),
            None,
        )
    } else {
        match kind {
            b'x' | b'u' | b'U' => {
                let want = match kind {
                    b'x' => 2,
                    b'u' => 4,
                    _ => 8,
                };
                let digits = b[bs + 2..]
                    .iter()
                    .take(want)
                    .take_while(|c| c.is_ascii_hexdigit())
                    .count();
                let name = match kind {
                    b'x' => "\\xXX",
                    b'u' => "\\uXXXX",
                    _ => "\\UXXXXXXXX",
                };
                (format!("truncated {name} escape"), Some(pos + 1 + digits))
            }
            b'N' => match b.get(bs + 2) {
                Some(b'{') => match source[bs..].find('}') {
                    Some(close) => (
                        "unknown Unicode character name".to_string(),
                        Some(pos + close),
                    ),
                    None => ("malformed \\N character escape".to_string(), Some(pos + 1)),
                },
                _ => ("malformed \\N character escape".to_string(), Some(pos + 1)),
            },
            _ => return None,
        }
    };
    let msg = match last {
        Some(last) => format!("(unicode error) 'unicodeescape' codec can't decode bytes in position {pos}-{last}: {msg}"),
        None => msg,
    };
    Some(index.error(
        SyntaxErrorKind::SyntaxError,
        msg,
        filename,
        TextRange::new((lit_start as u32).into(), (lit_end as u32).into()),
    ))
}

/// `print foo` / `exec foo` (CPython's `invalid_legacy_expression`): the
/// name of a former statement followed by an expression, where the parser
/// found a second statement starting at byte `at`.
fn legacy_call(index: &LineIndex, filename: &str, at: usize) -> Option<SyntaxErrorInfo> {
    let source = index.source();
    let before = source[..at].trim_end_matches([' ', '\t']);
    let name = ["print", "exec"]
        .into_iter()
        .find(|n| before.ends_with(n))?;
    let name_start = before.len() - name.len();
    let prev = before[..name_start].chars().next_back();
    if prev.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
        return None;
    }
    let line_end = source[at..].find('\n').map_or(source.len(), |i| at + i);
    // The expression runs to the end of the line or to a `;` (the first
    // one after which what came before parses: `print "a;b";`).
    let semis = source[at..line_end].match_indices(';').map(|(i, _)| at + i);
    let expr = semis
        .chain([line_end])
        .find_map(|stop| ruff_python_parser::parse_expression(&source[at..stop]).ok())?;
    let end = at + u32::from(expr.expr().range().end()) as usize;
    Some(index.error(
        SyntaxErrorKind::SyntaxError,
        format!("Missing parentheses in call to '{name}'. Did you mean {name}(...)?"),
        filename,
        TextRange::new((name_start as u32).into(), (end as u32).into()),
    ))
}

/// Whether an assignment target starting after `before` (the source up
/// to it) is the first item of its statement's target list: nothing but
/// `a, b,` items (no `=`) since the statement began, the statement
/// beginning at a line start, a `;` or a one-line compound header's `:`
/// (CPython's `invalid_named_expression` alternative then applies).
fn leads_statement(before: &str) -> bool {
    let line = &before[before.rfind(['\n', '\r', ';']).map_or(0, |p| p + 1)..];
    let mut lead = line.trim_start();
    let compound = [
        "def ", "async ", "if ", "elif ", "else", "for ", "while ", "with ", "try", "except",
        "finally", "class ",
    ];
    if compound.iter().any(|k| lead.starts_with(k)) {
        if let Some(p) = lead.rfind(':') {
            lead = &lead[p + 1..];
        }
    }
    let lead = lead.trim();
    lead.is_empty() || (lead.ends_with(',') && !lead.contains('='))
}
