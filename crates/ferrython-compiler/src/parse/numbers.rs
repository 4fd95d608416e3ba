//! "invalid ... literal" SyntaxWarnings for a number followed directly by
//! a keyword (`1if x else y`, `0x1for x in y`), as CPython's tokenizer
//! gives them (`verify_end_of_number`): still valid code, deprecated.

use ruff_python_ast::token::{Token, TokenKind};
use ruff_text_size::Ranged;

use super::LineIndex;
use crate::error::CompileWarning;

/// The keywords that may follow a number in valid code, which CPython
/// tolerates with a warning when nothing separates them from the number
/// (any other letter there is an error).
fn starts_with_allowed_keyword(rest: &str) -> bool {
    ["and", "else", "for", "if", "in", "is", "or", "not"]
        .iter()
        .any(|k| rest.starts_with(k))
}

/// The word CPython's message uses for a number literal's kind.
fn literal_kind(kind: TokenKind, text: &str) -> &'static str {
    if kind == TokenKind::Complex {
        return "imaginary";
    }
    match text.get(..2).map(str::to_ascii_lowercase).as_deref() {
        Some("0x") => "hexadecimal",
        Some("0o") => "octal",
        Some("0b") => "binary",
        _ => "decimal",
    }
}

/// One warning per number token that a keyword follows without a space.
pub(super) fn number_end_warnings(
    source: &str,
    tokens: &[Token],
    index: &LineIndex,
    filename: &str,
) -> Vec<CompileWarning> {
    let mut out = Vec::new();
    for (tok, next) in tokens.iter().zip(tokens.iter().skip(1)) {
        if !matches!(
            tok.kind(),
            TokenKind::Int | TokenKind::Float | TokenKind::Complex
        ) || next.start() != tok.end()
        {
            continue;
        }
        let end = u32::from(tok.end());
        if !starts_with_allowed_keyword(&source[end as usize..]) {
            continue;
        }
        let text = &source[tok.range()];
        // CPython points at the number's last character (its tokenizer
        // reports the column it stopped at, 0-based, as the offset).
        let (lineno, col) = index.line_col(end);
        let offset = index.char_offset(lineno, col) - 1;
        let line = index.line_text(lineno);
        out.push(CompileWarning {
            category: "SyntaxWarning",
            msg: format!("invalid {} literal", literal_kind(tok.kind(), text)),
            filename: filename.to_string(),
            lineno,
            offset,
            end_lineno: lineno,
            end_offset: offset,
            text: Some(line.strip_suffix('\n').unwrap_or(line).to_string()),
        });
    }
    out
}
