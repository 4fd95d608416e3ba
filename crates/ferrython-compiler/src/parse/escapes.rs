//! "invalid escape sequence" SyntaxWarnings, found on the token stream.

use ruff_text_size::Ranged;

use super::LineIndex;
use crate::error::CompileWarning;

/// CPython's "invalid escape sequence" SyntaxWarnings: one per non-raw
/// string literal (or f-string literal part) with an unknown escape.
pub(super) fn escape_warnings(
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
