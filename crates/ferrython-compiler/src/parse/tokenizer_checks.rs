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
                match scan_number(b, i) {
                    Ok(end) => i = end,
                    Err(e) => return err(e.msg, e.start, e.end),
                }
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
                let mut escaped_quote = false;
                while j < b.len() {
                    if b[j] == b'\\' {
                        escaped_quote |= b.get(j + 1) == Some(&c);
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
                    let what = if !is_prefix {
                        "string"
                    } else if prefix.contains('f') {
                        "f-string"
                    } else if prefix.contains('t') {
                        "t-string"
                    } else {
                        "string"
                    };
                    let triple_word = if triple { "triple-quoted " } else { "" };
                    let kind = format!("unterminated {triple_word}{what} literal");
                    let hint = if escaped_quote && !triple {
                        "; perhaps you escaped the end quote?"
                    } else {
                        ""
                    };
                    let mut e = err(
                        format!("{kind} (detected at line {}){hint}", last_line.max(1)),
                        start,
                        start,
                    )?;
                    // The tokenizer stops before it adds a missing last newline.
                    e.text = Some(index.line_text(e.lineno).to_string());
                    return Some(e);
                }
                i = j;
                continue;
            }
            0..=0x08 | 0x0b | 0x0e..=0x1f | 0x7f => {
                let mut e = err(format!("invalid non-printable character U+{c:04X}"), i, i)?;
                e.text = Some(index.line_text(e.lineno).to_string());
                return Some(e);
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

/// A number literal CPython's tokenizer rejects: the message and the byte
/// range its `SyntaxError` covers.
struct NumberError {
    msg: String,
    start: usize,
    end: usize,
}

/// Reads the number literal starting at `i` as CPython's tokenizer does:
/// its end, or the error it reports (bad digits, a dangling `_` or
/// exponent, a letter stuck to it). Positions of such errors are where
/// the tokenizer stopped: the error covers the last character read.
fn scan_number(b: &[u8], i: usize) -> Result<usize, NumberError> {
    // The character at `j` (end of input reads as the newline CPython
    // adds), and the error "at" the reading position `j`.
    let at = |j: usize| b.get(j).copied().unwrap_or(b'\n');
    let stop = |msg: String, j: usize| NumberError {
        msg,
        start: j.saturating_sub(1),
        end: j.saturating_sub(1),
    };
    // `verify_end_of_number`: a letter may only follow a number when it
    // starts one of the keywords valid code can have there.
    let check_end = |j: usize, kind: &str| -> Result<usize, NumberError> {
        let c = at(j);
        if (c.is_ascii_alphanumeric() || c == b'_') && !keyword_follows(b, j) {
            return Err(stop(format!("invalid {kind} literal"), j));
        }
        Ok(j)
    };
    // Digits with single underscores between them (`tok_decimal_tail`).
    let decimal_tail = |mut j: usize| -> Result<usize, NumberError> {
        loop {
            while at(j).is_ascii_digit() {
                j += 1;
            }
            if at(j) != b'_' {
                return Ok(j);
            }
            j += 1;
            if !at(j).is_ascii_digit() {
                return Err(stop("invalid decimal literal".into(), j));
            }
        }
    };
    let radix = match (b[i], at(i + 1).to_ascii_lowercase()) {
        (b'0', b'x') => Some(("hexadecimal", 16)),
        (b'0', b'o') => Some(("octal", 8)),
        (b'0', b'b') => Some(("binary", 2)),
        _ => None,
    };
    if let Some((kind, base)) = radix {
        let mut j = i + 2;
        loop {
            if at(j) == b'_' {
                j += 1;
            }
            let c = at(j);
            if !(c as char).is_digit(base) {
                if base != 16 && c.is_ascii_digit() {
                    return Err(stop(
                        format!("invalid digit '{}' in {kind} literal", c as char),
                        j + 1,
                    ));
                }
                return Err(stop(format!("invalid {kind} literal"), j));
            }
            while (at(j) as char).is_digit(base) {
                j += 1;
            }
            if at(j) != b'_' {
                break;
            }
        }
        if base != 16 && at(j).is_ascii_digit() {
            return Err(stop(
                format!("invalid digit '{}' in {kind} literal", at(j) as char),
                j + 1,
            ));
        }
        return check_end(j, kind);
    }
    let mut j = decimal_tail(i)?;
    if b[i] == b'0' {
        let zeros_end = i + b[i..j]
            .iter()
            .take_while(|&&c| c == b'0' || c == b'_')
            .count();
        if j > zeros_end && !matches!(at(j), b'.' | b'e' | b'E' | b'j' | b'J') {
            return Err(NumberError {
                msg: "leading zeros in decimal integer literals are not permitted; \
                      use an 0o prefix for octal integers"
                    .into(),
                start: i,
                end: zeros_end,
            });
        }
    }
    if at(j) == b'.' {
        j += 1;
        if at(j).is_ascii_digit() {
            j = decimal_tail(j)?;
        }
    }
    if matches!(at(j), b'e' | b'E') {
        let e = j;
        j += 1;
        if matches!(at(j), b'+' | b'-') {
            j += 1;
            if !at(j).is_ascii_digit() {
                return Err(stop("invalid decimal literal".into(), j));
            }
        } else if !at(j).is_ascii_digit() {
            // `1else`: the `e` starts the next token.
            check_end(e, "decimal")?;
            return Ok(e);
        }
        j = decimal_tail(j)?;
    }
    if matches!(at(j), b'j' | b'J') {
        return check_end(j + 1, "imaginary");
    }
    check_end(j, "decimal")
}

/// Keywords CPython still accepts right after a number (`1if x else y`);
/// `if`, `in` and `is` count even when more letters follow, as there.
fn keyword_follows(b: &[u8], at: usize) -> bool {
    let word_follows = |w: &[u8]| {
        b[at..].starts_with(w) && !b.get(at + w.len()).is_some_and(|&c| is_ident_byte(c))
    };
    let rest = &b[at..];
    rest.starts_with(b"if")
        || rest.starts_with(b"in")
        || rest.starts_with(b"is")
        || [&b"and"[..], b"else", b"for", b"not", b"or"]
            .iter()
            .any(|w| word_follows(w))
}
