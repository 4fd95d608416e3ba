//! Errors inside an f-string replacement field that CPython's grammar
//! names (`invalid_replacement_field`) where ruff only finds a generic
//! syntax error: an empty expression (`f'{!r}'`), one that cannot start
//! (`f'{.}'`), or one followed by something other than `=`, `!`, `:`
//! or `}` (`f'{a + }'`).

use ruff_python_ast::token::{Token, TokenKind as T};
use ruff_text_size::{Ranged, TextRange, TextSize};

use super::LineIndex;
use crate::error::{SyntaxErrorInfo, SyntaxErrorKind};

/// Where the parser is: in an f-string's literal text or in one of its
/// replacement fields (with its `{`, bracket depth, and whether its
/// format spec has started).
enum Context {
    FString,
    Field {
        brace: usize,
        depth: u32,
        spec: bool,
    },
}

/// The byte position of the `{` opening the innermost replacement field
/// that byte `at` lies in, if any.
fn field_brace(tokens: &[Token], at: usize) -> Option<usize> {
    let mut stack: Vec<Context> = Vec::new();
    for tok in tokens {
        let start = u32::from(tok.start()) as usize;
        if start >= at {
            break;
        }
        match (tok.kind(), stack.last_mut()) {
            (T::FStringStart | T::TStringStart, _) => stack.push(Context::FString),
            (T::FStringEnd | T::TStringEnd, _) => {
                while let Some(c) = stack.pop() {
                    if matches!(c, Context::FString) {
                        break;
                    }
                }
            }
            (T::Lbrace, Some(Context::FString))
            | (
                T::Lbrace,
                Some(Context::Field {
                    depth: 0,
                    spec: true,
                    ..
                }),
            ) => stack.push(Context::Field {
                brace: start,
                depth: 0,
                spec: false,
            }),
            (T::Lbrace | T::Lpar | T::Lsqb, Some(Context::Field { depth, .. })) => *depth += 1,
            (T::Rbrace | T::Rpar | T::Rsqb, Some(Context::Field { depth, .. })) if *depth > 0 => {
                *depth -= 1
            }
            (T::Rbrace, Some(Context::Field { .. })) => {
                stack.pop();
            }
            (T::Colon, Some(Context::Field { depth: 0, spec, .. })) => *spec = true,
            _ => {}
        }
    }
    match stack.last() {
        Some(Context::Field { brace, .. }) => Some(*brace),
        _ => None,
    }
}

/// CPython's message for a generic syntax error at byte `at` when it lies
/// in an f-string replacement field.
pub(super) fn replacement_field_error(
    index: &LineIndex,
    filename: &str,
    tokens: &[Token],
    at: usize,
) -> Option<SyntaxErrorInfo> {
    let source = index.source();
    let brace = field_brace(tokens, at)?;
    let error = |msg: String, range: TextRange| {
        Some(index.error(SyntaxErrorKind::SyntaxError, msg, filename, range))
    };
    // The tokens of the field, from the one after its `{`.
    let field: Vec<&Token> = tokens
        .iter()
        .filter(|t| u32::from(t.start()) as usize > brace)
        .filter(|t| !matches!(t.kind(), T::NonLogicalNewline | T::Comment))
        .take_while(|t| !matches!(t.kind(), T::FStringEnd | T::TStringEnd))
        .collect();
    if let Some(e) = unmatched_bracket(index, filename, &field) {
        return Some(e);
    }
    let first = field.first()?;
    let p = u32::from(first.start()) as usize;
    if let Some(c @ ('=' | '!' | ':' | '}')) = source[p..].chars().next() {
        let r = TextRange::at(first.start(), TextSize::from(1));
        return error(
            format!("f-string: valid expression required before '{c}'"),
            r,
        );
    }
    // The longest run of the field's tokens that is an expression.
    let expr_end = field
        .iter()
        .take_while(|t| (u32::from(t.start()) as usize) < at)
        .map(|t| u32::from(t.end()) as usize)
        .filter(|&end| ruff_python_parser::parse_expression(&source[p..end]).is_ok())
        .last();
    match expr_end {
        None => error(
            "f-string: expecting a valid expression after '{'".into(),
            first.range(),
        ),
        Some(end) => {
            let i = field
                .iter()
                .position(|t| u32::from(t.start()) as usize >= end)?;
            let next = field[i];
            if matches!(
                next.kind(),
                T::Exclamation | T::Equal | T::Colon | T::Rbrace
            ) {
                // A complete expression: the error is in what follows.
                return None;
            }
            if next.kind() == T::Lambda {
                // Up to the lambda's colon.
                let colon = field[i..].iter().find(|t| t.kind() == T::Colon);
                let stop = colon.map_or(next.end(), |c| c.end());
                return error(
                    "f-string: lambda expressions are not allowed without parentheses".into(),
                    TextRange::new(next.start(), stop),
                );
            }
            if let Some(e) = missing_comma(index, filename, &field[i..], p, end) {
                return Some(e);
            }
            error(
                "f-string: expecting '=', or '!', or ':', or '}'".into(),
                next.range(),
            )
        }
    }
}

/// A field holding two expressions in a row (`f'{a b}'`): CPython's
/// `invalid_expression` asks "Perhaps you forgot a comma?", underlining
/// from the first expression to the end of the second, unless the first
/// is a lone name before a string (a prefix typo) or `print`/`exec`.
/// `rest` starts at the token after the first expression, which spans
/// `start..end` of the source.
fn missing_comma(
    index: &LineIndex,
    filename: &str,
    rest: &[&Token],
    start: usize,
    end: usize,
) -> Option<SyntaxErrorInfo> {
    let source = index.source();
    let next = rest.first()?;
    let starts_expression = matches!(
        next.kind(),
        T::Name
            | T::Int
            | T::Float
            | T::Complex
            | T::String
            | T::FStringStart
            | T::TStringStart
            | T::None
            | T::True
            | T::False
    );
    if !starts_expression {
        return None;
    }
    let first = ruff_python_parser::parse_expression(&source[start..end]).ok()?;
    let first = first.expr();
    if let ruff_python_ast::Expr::Name(n) = first {
        if next.kind() == T::String || matches!(n.id.as_str(), "print" | "exec") {
            return None;
        }
    }
    let second_start = u32::from(next.start()) as usize;
    let second_end = rest
        .iter()
        .rev()
        .map(|t| u32::from(t.end()) as usize)
        .find(|&e| ruff_python_parser::parse_expression(&source[second_start..e]).is_ok())?;
    let from = start as u32 + u32::from(first.range().start());
    let range = TextRange::new(from.into(), (second_end as u32).into());
    Some(index.error(
        SyntaxErrorKind::SyntaxError,
        "invalid syntax. Perhaps you forgot a comma?",
        filename,
        range,
    ))
}

/// The tokenizer's bracket errors inside a replacement field: a closing
/// bracket of the wrong kind, or a `)` / `]` nothing opened.
fn unmatched_bracket(
    index: &LineIndex,
    filename: &str,
    field: &[&Token],
) -> Option<SyntaxErrorInfo> {
    let mut open: Vec<char> = Vec::new();
    for t in field {
        let opener = match t.kind() {
            T::Lpar | T::Lsqb | T::Lbrace => {
                open.push(match t.kind() {
                    T::Lpar => '(',
                    T::Lsqb => '[',
                    _ => '{',
                });
                continue;
            }
            T::Rpar => '(',
            T::Rsqb => '[',
            T::Rbrace => '{',
            _ => continue,
        };
        let close = match opener {
            '(' => ')',
            '[' => ']',
            _ => '}',
        };
        let at = TextRange::at(t.start(), TextSize::from(0));
        let msg = match open.pop() {
            Some(o) if o == opener => continue,
            Some(o) => {
                format!("closing parenthesis '{close}' does not match opening parenthesis '{o}'")
            }
            // The `}` closing the field itself.
            None if close == '}' => return None,
            None => format!("f-string: unmatched '{close}'"),
        };
        let mut e = index.error(SyntaxErrorKind::SyntaxError, msg, filename, at);
        e.end_offset = e.offset;
        return Some(e);
    }
    None
}
