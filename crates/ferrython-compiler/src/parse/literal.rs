//! Finding the string literal around a byte of the source, for errors
//! that CPython reports on a whole literal (a bad escape, a non-ASCII
//! byte in a bytes literal, bytes that are not UTF-8 in a str literal).
//! It works on bytes so that source not yet decoded can use it too.

/// A string literal of the source.
pub(super) struct Literal {
    /// Where it starts, its prefix included.
    pub start: usize,
    /// Where its body starts (after the opening quotes).
    pub body: usize,
    /// Where its body ends (at the closing quotes, or the end of input).
    pub body_end: usize,
    /// Where it ends (past the closing quotes).
    pub end: usize,
    /// Its prefix (`b`, `rb`, `f` ...) in lower case.
    pub prefix: String,
}

/// The string literal whose body holds byte `at`, found by scanning the
/// line `at` is on (a triple-quoted literal begun on an earlier line is
/// not found).
pub(super) fn literal_at(b: &[u8], at: usize) -> Option<Literal> {
    let line_start = b[..at.min(b.len())]
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(0, |p| p + 1);
    let mut i = line_start;
    while i < b.len() && b[i] != b'\n' {
        let c = b[i];
        if c == b'#' {
            return None;
        }
        if c == b'\'' || c == b'"' {
            let mut p = i;
            while p > line_start && b[p - 1].is_ascii_alphabetic() {
                p -= 1;
            }
            let triple = b[i..].starts_with(&[c, c, c]);
            let quotes = if triple { 3 } else { 1 };
            let body = i + quotes;
            let mut j = body;
            while j < b.len() {
                if b[j] == b'\\' {
                    j += 2;
                    continue;
                }
                if (triple && b[j..].starts_with(&[c, c, c])) || (!triple && b[j] == c) {
                    break;
                }
                j += 1;
            }
            let body_end = j.min(b.len());
            let end = (j + quotes).min(b.len());
            if body <= at && at <= j {
                return Some(Literal {
                    start: p,
                    body,
                    body_end,
                    end,
                    prefix: String::from_utf8_lossy(&b[p..i]).to_ascii_lowercase(),
                });
            }
            i = end;
            continue;
        }
        i += 1;
    }
    None
}
