//! str literals that hold lone surrogates (`'\ud800'`, `'\U0000dc80'`).
//! The parser decodes escapes into Rust strings, which cannot hold a
//! surrogate, and puts U+FFFD in its place; for a literal part whose value
//! has a U+FFFD we decode the escapes of its source text again (as
//! CPython's `_PyUnicode_DecodeUnicodeEscapeInternal` does), keeping
//! surrogates as code points.
use ruff_python_ast::{self as ast, StringFlags};
use ruff_text_size::{Ranged, TextRange};

use crate::bytecode::Constant;

/// Text of a str constant being assembled from literal parts: a Rust
/// string until a lone surrogate appears, code points from then on.
#[derive(Default)]
pub(crate) struct Lit {
    text: String,
    wide: Option<Vec<u32>>,
}

impl Lit {
    pub fn push_str(&mut self, s: &str) {
        match &mut self.wide {
            None => self.text.push_str(s),
            Some(w) => w.extend(s.chars().map(u32::from)),
        }
    }

    fn push_code_points(&mut self, cps: Vec<u32>) {
        let w = self
            .wide
            .get_or_insert_with(|| self.text.chars().map(u32::from).collect());
        w.extend(cps);
    }

    pub fn is_empty(&self) -> bool {
        match &self.wide {
            None => self.text.is_empty(),
            Some(w) => w.is_empty(),
        }
    }

    /// Appends a decoded literal piece whose source text (escapes not yet
    /// decoded; `{{`/`}}` doubled when `braces`) is `raw_source`.
    pub fn push_decoded(&mut self, value: &str, raw_source: Option<&str>, braces: bool) {
        match raw_source {
            Some(src) if value.contains('\u{FFFD}') => {
                let cps = decode(src, braces);
                if cps.iter().any(|c| (0xD800..0xE000).contains(c)) {
                    self.push_code_points(cps);
                } else {
                    self.push_str(value);
                }
            }
            _ => self.push_str(value),
        }
    }

    /// The constant, leaving the buffer empty.
    pub fn take(&mut self) -> Constant {
        match self.wide.take() {
            None => Constant::Str(std::mem::take(&mut self.text)),
            Some(w) => {
                self.text.clear();
                Constant::StrCodePoints(w)
            }
        }
    }
}

/// The constant of a (possibly implicitly concatenated) str literal.
pub(crate) fn string_literal(s: &ast::ExprStringLiteral, source: &str) -> Constant {
    if !s.value.to_str().contains('\u{FFFD}') {
        return Constant::Str(s.value.to_str().to_string());
    }
    let mut lit = Lit::default();
    for part in s.value.iter() {
        lit.push_decoded(&part.value, string_literal_part(part, source), false);
    }
    lit.take()
}

/// The source between the quotes of a literal part, if it is not raw.
pub(crate) fn string_literal_part<'s>(
    part: &ast::StringLiteral,
    source: &'s str,
) -> Option<&'s str> {
    if part.flags.prefix().is_raw() {
        return None;
    }
    let r = part.range();
    let body = TextRange::new(
        r.start() + part.flags.opener_len(),
        r.end() - part.flags.closer_len(),
    );
    source.get(body.start().to_usize()..body.end().to_usize())
}

/// Decodes the escapes of a str literal's body into code points; the
/// parser has already rejected malformed escapes. With `braces` (an f- or
/// t-string's literal text) `{{` and `}}` stand for one brace.
fn decode(src: &str, braces: bool) -> Vec<u32> {
    let mut out = Vec::with_capacity(src.len());
    let mut chars = src.chars().peekable();
    while let Some(c) = chars.next() {
        if braces && (c == '{' || c == '}') {
            if chars.peek() == Some(&c) {
                chars.next();
            }
            out.push(c as u32);
            continue;
        }
        if c != '\\' {
            out.push(c as u32);
            continue;
        }
        let Some(e) = chars.next() else {
            out.push('\\' as u32);
            break;
        };
        let simple = match e {
            '\n' => continue,
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                continue;
            }
            '\\' | '\'' | '"' => Some(e as u32),
            'a' => Some(7),
            'b' => Some(8),
            'f' => Some(12),
            'n' => Some(10),
            'r' => Some(13),
            't' => Some(9),
            'v' => Some(11),
            _ => None,
        };
        if let Some(v) = simple {
            out.push(v);
            continue;
        }
        match e {
            '0'..='7' => {
                let mut v = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match chars.peek().and_then(|d| d.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                out.push(v);
            }
            'x' | 'u' | 'U' => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut v = 0u32;
                for _ in 0..n {
                    let d = chars.next().and_then(|d| d.to_digit(16)).unwrap_or(0);
                    v = v.wrapping_mul(16).wrapping_add(d);
                }
                out.push(v);
            }
            'N' => {
                let mut name = String::new();
                if chars.peek() == Some(&'{') {
                    chars.next();
                    for d in chars.by_ref() {
                        if d == '}' {
                            break;
                        }
                        name.push(d);
                    }
                }
                let ch = unicode_names2::character(&name).unwrap_or('\u{FFFD}');
                out.push(ch as u32);
            }
            _ => {
                out.push('\\' as u32);
                out.push(e as u32);
            }
        }
    }
    out
}
