//! "invalid escape sequence" SyntaxWarnings, found on the token stream.

use ruff_text_size::{Ranged, TextRange, TextSize};

use super::LineIndex;
use crate::error::{CompileWarning, SyntaxErrorKind};

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
    // Per open f-string: whether it is raw, and the warnings of its
    // literal parts (CPython places those at the f-string's closing quote).
    let mut fstrings: Vec<(bool, Vec<String>)> = Vec::new();
    let mut warn = |msg: String, range: TextRange| {
        let e = index.error(SyntaxErrorKind::SyntaxError, msg, filename, range);
        // The tokenizer's line: for a token on one line, with its newline;
        // for one spanning lines, the first line without it.
        let line = index.line_text(e.lineno);
        let line = line.strip_suffix('\n').unwrap_or(line);
        let text = if e.end_lineno == e.lineno {
            format!("{line}\n")
        } else {
            line.to_string()
        };
        out.push(e.into_warning(Some(text)));
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
                    warn(m, range);
                }
            }
            T::FStringStart | T::TStringStart => {
                fstrings.push((text.to_ascii_lowercase().contains('r'), Vec::new()));
            }
            T::FStringEnd | T::TStringEnd => {
                if let Some((_, msgs)) = fstrings.pop() {
                    let quote = TextRange::new(range.end() - TextSize::from(1), range.end());
                    msgs.into_iter().for_each(|m| warn(m, quote));
                }
            }
            T::FStringMiddle | T::TStringMiddle => {
                if let Some((false, msgs)) = fstrings.last_mut() {
                    msgs.extend(invalid_escape(text, false));
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
