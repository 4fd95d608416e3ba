//! Checks CPython's tokenizer makes that ruff reports differently or not
//! at all: tabs/spaces (TabError), indentation depth, unbalanced brackets,
//! unterminated strings, nesting limits.

use ruff_text_size::TextRange;

use super::LineIndex;
use crate::error::{SyntaxErrorInfo, SyntaxErrorKind};

/// CPython's TabError: a line whose indentation compares differently when
/// tabs count as 1 column and as 8 columns against the indentation stack.
pub(super) fn scan_tabs(index: &LineIndex, filename: &str) -> Option<SyntaxErrorInfo> {
    let src = index.source();
    let has_tabs = src.contains('\t');
    let mut stack: Vec<(u32, u32)> = vec![(0, 0)];
    let mut depth = 0i32;
    let mut in_string: Option<&'static [u8]> = None;
    for lineno in 1..=index.line_count() {
        let line = index.line_text(lineno);
        let starts_logical = depth == 0 && in_string.is_none();
        // Track brackets/triple-quoted strings roughly so continuation lines are skipped.
        track_line(line, &mut depth, &mut in_string);
        if !starts_logical {
            continue;
        }
        let trimmed = line.trim_start_matches([' ', '\t', '\x0c']);
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(['\n', '\r']) {
            continue;
        }
        let ws = &line[..line.len() - trimmed.len()];
        let (mut c1, mut c8) = (0u32, 0u32);
        for ch in ws.chars() {
            match ch {
                ' ' => {
                    c1 += 1;
                    c8 += 1;
                }
                '\t' => {
                    c1 += 1;
                    c8 = (c8 / 8 + 1) * 8;
                }
                _ => {
                    c1 = 0;
                    c8 = 0;
                }
            }
        }
        let &(t1, t8) = stack.last().unwrap();
        let inconsistent = if c8 == t8 {
            c1 != t1
        } else if c8 > t8 {
            c1 <= t1
        } else {
            while let Some(&(s1, s8)) = stack.last() {
                if s8 <= c8 {
                    break;
                }
                let _ = s1;
                stack.pop();
            }
            match stack.last() {
                Some(&(s1, s8)) if s8 == c8 => s1 != c1,
                _ => false,
            }
        };
        if c8 > t8 && stack.len() > 99 {
            return Some(SyntaxErrorInfo {
                kind: SyntaxErrorKind::IndentationError,
                msg: "too many levels of indentation".into(),
                filename: filename.into(),
                lineno,
                offset: 1,
                end_lineno: lineno,
                end_offset: 0,
                text: Some(line.to_string()),
            });
        }
        if inconsistent && has_tabs {
            return Some(SyntaxErrorInfo {
                kind: SyntaxErrorKind::TabError,
                msg: "inconsistent use of tabs and spaces in indentation".into(),
                filename: filename.into(),
                lineno,
                offset: 1,
                end_lineno: lineno,
                end_offset: 0,
                text: Some(line.to_string()),
            });
        }
        if c8 > t8 {
            stack.push((c1, c8));
        }
    }
    None
}

/// Update bracket depth / open triple-quote state across one physical line.
fn track_line(line: &str, depth: &mut i32, in_string: &mut Option<&'static [u8]>) {
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if let Some(q) = *in_string {
            if b[i..].starts_with(q) {
                *in_string = None;
                i += q.len();
                continue;
            }
            if b[i] == b'\\' {
                i += 2;
                continue;
            }
            i += 1;
            continue;
        }
        match b[i] {
            b'#' => return,
            b'(' | b'[' | b'{' => *depth += 1,
            b')' | b']' | b'}' => *depth = (*depth - 1).max(0),
            b'\'' | b'"' => {
                let triple: &'static [u8] = if b[i] == b'"' { b"\"\"\"" } else { b"'''" };
                if b[i..].starts_with(triple) {
                    *in_string = Some(triple);
                    i += 3;
                    continue;
                }
                let q = b[i];
                i += 1;
                while i < b.len() && b[i] != q && b[i] != b'\n' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
}

/// Tokenizer-level checks CPython performs: unterminated strings and
/// unbalanced brackets. Only errors that start before byte `limit` count;
/// unclosed brackets are reported regardless.
pub(crate) fn scan_brackets_and_strings(
    index: &LineIndex,
    filename: &str,
    limit: u32,
) -> Option<SyntaxErrorInfo> {
    let src = index.source();
    let b = src.as_bytes();
    let mut stack: Vec<(u8, usize)> = Vec::new();
    let mut i = 0;
    let err = |msg: String, start: usize, end: usize| {
        Some(index.error(
            SyntaxErrorKind::SyntaxError,
            msg,
            filename,
            TextRange::new((start as u32).into(), (end as u32).into()),
        ))
    };
    while i < b.len() {
        if i as u32 >= limit {
            break;
        }
        let c = b[i];
        match c {
            b'#' => {
                while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
                    i += 1;
                }
                continue;
            }
            b'\\' => {
                i += 2;
                continue;
            }
            b'0'..=b'9' if i == 0 || !is_ident_byte(b[i - 1]) && b[i - 1] != b'.' => {
                let (end, kind) = number_end(b, i);
                if end < b.len() && is_ident_byte(b[end]) && !keyword_follows(b, end) {
                    // CPython points at the last character of the literal.
                    let at = end - 1;
                    return err(format!("invalid {kind} literal"), at, at);
                }
                i = end;
                continue;
            }
            b'(' | b'[' | b'{' => {
                stack.push((c, i));
                if stack.len() > 200 {
                    return err("too many nested parentheses".into(), i, i);
                }
            }
            b')' | b']' | b'}' => {
                let open = match c {
                    b')' => b'(',
                    b']' => b'[',
                    _ => b'{',
                };
                match stack.pop() {
                    None => return err(format!("unmatched '{}'", c as char), i, i),
                    Some((o, p)) if o != open => {
                        let (l1, _) = index.line_col(p as u32);
                        let (l2, _) = index.line_col(i as u32);
                        let msg = if l1 == l2 {
                            format!(
                                "closing parenthesis '{}' does not match opening parenthesis '{}'",
                                c as char, o as char
                            )
                        } else {
                            format!(
                                "closing parenthesis '{}' does not match opening parenthesis '{}' on line {}",
                                c as char, o as char, l1
                            )
                        };
                        return err(msg, i, i);
                    }
                    Some(_) => {}
                }
            }
            b'\'' | b'"' => {
                // Find the prefix start for the error position.
                let mut start = i;
                while start > 0 && b[start - 1].is_ascii_alphabetic() && start + 3 > i {
                    start -= 1;
                }
                let prefix = src[start..i].to_ascii_lowercase();
                let is_prefix = prefix.chars().all(|ch| "rbfut".contains(ch))
                    && (start == 0
                        || !(b[start - 1].is_ascii_alphanumeric() || b[start - 1] == b'_'));
                if !is_prefix {
                    start = i;
                }
                let raw = is_prefix && prefix.contains('r');
                let triple = b.len() >= i + 3 && b[i + 1] == c && b[i + 2] == c;
                let mut j = if triple { i + 3 } else { i + 1 };
                let mut closed = false;
                while j < b.len() {
                    if b[j] == b'\\' {
                        j += 2;
                        continue;
                    }
                    if !triple && (b[j] == b'\n' || b[j] == b'\r') {
                        break;
                    }
                    if b[j] == c
                        && (!triple
                            || (j + 2 < b.len()
                                && b.get(j + 1) == Some(&c)
                                && b.get(j + 2) == Some(&c)))
                    {
                        closed = true;
                        j += if triple { 3 } else { 1 };
                        break;
                    }
                    j += 1;
                }
                let _ = raw;
                if !closed {
                    let last_line = if triple {
                        index.line_count().max(1)
                            - u32::from(src.ends_with('\n') || src.ends_with('\r'))
                    } else {
                        index.line_col(start as u32).0
                    };
                    let kind = if triple {
                        "unterminated triple-quoted string literal"
                    } else {
                        "unterminated string literal"
                    };
                    return err(
                        format!("{kind} (detected at line {})", last_line.max(1)),
                        start,
                        start,
                    );
                }
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    if limit == u32::MAX || limit as usize >= b.len() {
        if let Some(&(o, p)) = stack.first() {
            let mut e = err(format!("'{}' was never closed", o as char), p, p)?;
            e.end_offset = 0;
            return Some(e);
        }
    }
    None
}

fn is_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

/// End of the number literal starting at `i`, and its kind for messages.
fn number_end(b: &[u8], i: usize) -> (usize, &'static str) {
    let mut j = i;
    if b[i] == b'0' && i + 1 < b.len() {
        let (kind, ok): (&str, fn(u8) -> bool) = match b[i + 1] {
            b'x' | b'X' => ("hexadecimal", |c| c.is_ascii_hexdigit() || c == b'_'),
            b'o' | b'O' => ("octal", |c| (b'0'..=b'7').contains(&c) || c == b'_'),
            b'b' | b'B' => ("binary", |c| c == b'0' || c == b'1' || c == b'_'),
            _ => ("", |_| false),
        };
        if !kind.is_empty() {
            j += 2;
            while j < b.len() && ok(b[j]) {
                j += 1;
            }
            return (j, kind);
        }
    }
    // Digits with single underscores between them; a trailing `_` is
    // consumed (CPython reports the error on it).
    let digits = |j: &mut usize| {
        let start = *j;
        while *j < b.len() {
            if b[*j].is_ascii_digit() {
                *j += 1;
            } else if b[*j] == b'_' && *j > start {
                *j += 1;
                if *j >= b.len() || !b[*j].is_ascii_digit() {
                    break;
                }
            } else {
                break;
            }
        }
    };
    digits(&mut j);
    if j < b.len() && b[j] == b'.' {
        j += 1;
        digits(&mut j);
    }
    if j < b.len() && (b[j] == b'e' || b[j] == b'E') {
        let mut k = j + 1;
        if k < b.len() && (b[k] == b'+' || b[k] == b'-') {
            k += 1;
        }
        if k < b.len() && b[k].is_ascii_digit() {
            j = k;
            digits(&mut j);
        }
    }
    if j < b.len() && (b[j] == b'j' || b[j] == b'J') {
        return (j + 1, "imaginary");
    }
    (j, "decimal")
}

/// Keywords CPython still accepts right after a number (`1if x else y`).
fn keyword_follows(b: &[u8], at: usize) -> bool {
    let mut e = at;
    while e < b.len() && is_ident_byte(b[e]) {
        e += 1;
    }
    matches!(
        &b[at..e],
        b"and" | b"else" | b"for" | b"if" | b"in" | b"is" | b"not" | b"or"
    )
}
