//! Integer <-> text conversion on plain base-2^30 digit slices, with the
//! exact rules of CPython 3.13's `int(str, base)`, `str(int)`, `bin`/`oct`/`hex`
//! and the `sys.set_int_max_str_digits()` limit.
//!
//! Magnitudes are little-endian slices of `u32` "digits", each `< 2^30`
//! (CPython's `PyLong_SHIFT == 30` layout); a sign is carried separately.
//! Trailing (most significant) zero digits are allowed on input and never
//! produced on output; zero is the empty vector.
//!
//! Also provides [`str_repr`], Python's `repr()` of a `str` (with the Unicode
//! 15.1 printable table of CPython 3.13), used for error messages.
//!
//! Pure Rust: no `unsafe`, no object model.

use std::fmt;

/// Bits per digit (`PyLong_SHIFT`).
pub const SHIFT: u32 = 30;
/// Mask of one digit (`PyLong_MASK`).
pub const MASK: u32 = (1 << SHIFT) - 1;
/// Default of `sys.get_int_max_str_digits()` (`_PY_LONG_DEFAULT_MAX_STR_DIGITS`).
pub const DEFAULT_MAX_STR_DIGITS: usize = 4300;
/// Smallest non-zero value accepted by `sys.set_int_max_str_digits()`
/// (`_PY_LONG_MAX_STR_DIGITS_THRESHOLD`).
pub const MAX_STR_DIGITS_THRESHOLD: usize = 640;

/// Kind of an [`IntTextError`] (all are `ValueError` in CPython).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntTextErrorKind {
    /// `int() base must be >= 2 and <= 36, or 0`.
    BadBase,
    /// `invalid literal for int() with base N: '...'`.
    InvalidLiteral,
    /// The int-max-str-digits limit was exceeded.
    TooManyDigits,
}

/// Error from parsing or printing an integer; CPython raises `ValueError`
/// with [`IntTextError::message`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntTextError {
    /// What went wrong.
    pub kind: IntTextErrorKind,
    /// The exact CPython message.
    pub message: String,
}

/// The error type of [`parse_int`].
pub type ParseIntError = IntTextError;

impl fmt::Display for IntTextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for IntTextError {}

/// The message raised by `int(str)` when the input has `ndigits` digits,
/// more than `limit`.
pub fn parse_limit_message(limit: usize, ndigits: usize) -> String {
    format!(
        "Exceeds the limit ({} digits) for integer string conversion: value has {} digits; \
         use sys.set_int_max_str_digits() to increase the limit",
        limit, ndigits
    )
}

/// The message raised by `str(int)` when the result would exceed `limit`
/// decimal digits.
pub fn print_limit_message(limit: usize) -> String {
    format!(
        "Exceeds the limit ({} digits) for integer string conversion; \
         use sys.set_int_max_str_digits() to increase the limit",
        limit
    )
}

/// Check a digit count against the int-max-str-digits limit (`limit == 0`
/// means unlimited). `parsing` selects the `int(str)` wording (which
/// includes the digit count) over the `str(int)` wording.
pub fn check_str_digits(ndigits: usize, limit: usize, parsing: bool) -> Result<(), IntTextError> {
    if limit == 0 || ndigits <= limit {
        return Ok(());
    }
    Err(IntTextError {
        kind: IntTextErrorKind::TooManyDigits,
        message: if parsing {
            parse_limit_message(limit, ndigits)
        } else {
            print_limit_message(limit)
        },
    })
}

fn trimmed(digits: &[u32]) -> &[u32] {
    let n = digits.iter().rposition(|d| *d != 0).map_or(0, |p| p + 1);
    &digits[..n]
}

/// Convert a magnitude to base 10^9 "limbs" (little-endian).
fn to_base_1e9(digits: &[u32]) -> Vec<u32> {
    const B: u64 = 1_000_000_000;
    let digits = trimmed(digits);
    // Each 30-bit digit adds at most log10(2^30) ~ 9.03 decimal digits.
    let mut out: Vec<u32> = Vec::with_capacity(digits.len() + digits.len() / 9 + 2);
    for &d in digits.iter().rev() {
        let mut carry = d as u64;
        for o in out.iter_mut() {
            let z = ((*o as u64) << SHIFT) | carry;
            carry = z / B;
            *o = (z - carry * B) as u32;
        }
        while carry != 0 {
            out.push((carry % B) as u32);
            carry /= B;
        }
    }
    out
}

/// Decimal text of a magnitude (no sign, no limit check): `"0"` for zero.
///
/// Quadratic but with a small constant (a 100,000-digit number takes a few
/// tens of milliseconds in release builds).
pub fn to_decimal(digits: &[u32]) -> String {
    let limbs = to_base_1e9(digits);
    let Some((top, rest)) = limbs.split_last() else {
        return "0".to_string();
    };
    let mut s = String::with_capacity(limbs.len() * 9);
    s.push_str(&top.to_string());
    for l in rest.iter().rev() {
        s.push_str(&format!("{:09}", l));
    }
    s
}

/// `str(int)` with the int-max-str-digits limit (`limit == 0`: unlimited).
///
/// Like CPython, a value that is clearly too large is rejected before doing
/// the quadratic conversion.
pub fn to_decimal_signed(
    negative: bool,
    digits: &[u32],
    limit: usize,
) -> Result<String, IntTextError> {
    let digits = trimmed(digits);
    if limit != 0 {
        // 2^(30*(n-1)) <= value, and log10(2^30) > 9.03, so the value has
        // more than 9*(n-1) decimal digits.
        let lower_bound = 9 * digits.len().saturating_sub(1);
        check_str_digits(lower_bound, limit, false)?;
    }
    let s = to_decimal(digits);
    check_str_digits(s.len(), limit, false)?;
    if negative && !digits.is_empty() {
        Ok(format!("-{}", s))
    } else {
        Ok(s)
    }
}

/// Digits of a magnitude in a power-of-two base (2, 4, 8, 16 or 32),
/// lower-case, no prefix or sign; `"0"` for zero.
///
/// # Panics
/// If `base` is not one of 2, 4, 8, 16, 32.
pub fn to_base(digits: &[u32], base: u32) -> String {
    assert!(
        matches!(base, 2 | 4 | 8 | 16 | 32),
        "to_base: base must be a power of two <= 32"
    );
    let bits = base.trailing_zeros() as usize;
    let digits = trimmed(digits);
    if digits.is_empty() {
        return "0".to_string();
    }
    let total_bits = (digits.len() - 1) * SHIFT as usize
        + (32 - digits[digits.len() - 1].leading_zeros()) as usize;
    let nchars = total_bits.div_ceil(bits);
    let get_bit = |i: usize| -> u32 { (digits[i / 30] >> (i % 30)) & 1 };
    let mut out = String::with_capacity(nchars);
    for c in (0..nchars).rev() {
        let mut v = 0u32;
        for b in (0..bits).rev() {
            let i = c * bits + b;
            if i < total_bits {
                v = (v << 1) | get_bit(i);
            } else {
                v <<= 1;
            }
        }
        out.push(char::from_digit(v, base).expect("digit in base"));
    }
    out
}

/// `bin()`/`oct()`/`hex()`-style text: sign, `0b`/`0o`/`0x` prefix, digits.
pub fn to_base_prefixed(negative: bool, digits: &[u32], base: u32) -> String {
    let prefix = match base {
        2 => "0b",
        8 => "0o",
        16 => "0x",
        _ => "",
    };
    let body = to_base(digits, base);
    let sign = if negative && body != "0" { "-" } else { "" };
    format!("{}{}{}", sign, prefix, body)
}

/// Python's `str.isspace()` for one character.
pub fn is_py_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n'
            | '\x0b'
            | '\x0c'
            | '\r'
            | '\x1c'..='\x1f'
            | ' '
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// Code points of the Unicode (15.1) decimal digits with value 0; each
/// starts a run of ten consecutive digits 0..9 (category Nd).
const DECIMAL_ZEROS: [u32; 68] = [
    0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66,
    0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90,
    0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10,
    0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650,
    0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x11f50, 0x16a60, 0x16ac0,
    0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e4f0, 0x1e950,
    0x1fbf0,
];

/// The value of a Unicode decimal digit (`unicodedata.decimal(c)`), if any.
pub fn unicode_decimal(c: char) -> Option<u32> {
    let cp = c as u32;
    let idx = DECIMAL_ZEROS.partition_point(|z| *z <= cp);
    if idx == 0 {
        return None;
    }
    let zero = DECIMAL_ZEROS[idx - 1];
    (cp - zero < 10).then_some(cp - zero)
}

/// Python's `str.isprintable()` for one character (CPython 3.13 /
/// Unicode 15.1): false for categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs
/// other than the ASCII space.
pub fn is_printable(c: char) -> bool {
    let cp = c as u32;
    let idx = NONPRINTABLE.partition_point(|(lo, _)| *lo <= cp);
    idx == 0 || NONPRINTABLE[idx - 1].1 < cp
}

/// Python's `repr()` of a `str`: single quotes unless the text contains a
/// single quote and no double quote; `\\`, `\n`, `\r`, `\t` and the quote
/// escaped; other non-printable characters as `\xNN`, `\uNNNN` or
/// `\UNNNNNNNN`.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_printable(c) => out.push(c),
            c => {
                let cp = c as u32;
                if cp <= 0xff {
                    out.push_str(&format!("\\x{:02x}", cp));
                } else if cp <= 0xffff {
                    out.push_str(&format!("\\u{:04x}", cp));
                } else {
                    out.push_str(&format!("\\U{:08x}", cp));
                }
            }
        }
    }
    out.push(quote);
    out
}

/// The first `n` characters of `s` (C's `%.200R` truncation).
fn truncate_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

fn invalid_literal(original: &str, base: u32) -> IntTextError {
    let r = str_repr(original);
    IntTextError {
        kind: IntTextErrorKind::InvalidLiteral,
        message: format!(
            "invalid literal for int() with base {}: {}",
            base,
            truncate_chars(&r, 200)
        ),
    }
}

/// `int(s, base)` with the default digit limit ([`DEFAULT_MAX_STR_DIGITS`]).
/// Returns `(negative, magnitude)`; zero is `(false, vec![])`.
///
/// `base` is a Python int, so any value is accepted here and bad ones give
/// `int() base must be >= 2 and <= 36, or 0`.
pub fn parse_int(s: &str, base: u32) -> Result<(bool, Vec<u32>), ParseIntError> {
    parse_int_limited(s, base as i64, DEFAULT_MAX_STR_DIGITS)
}

/// `int(s, base)` with an explicit int-max-str-digits `limit` (0 =
/// unlimited; the limit applies only to bases that are not powers of two).
///
/// Rules (CPython 3.13): surrounding Unicode whitespace is ignored; Unicode
/// decimal digits count as ASCII digits; optional sign; for base 16/8/2 (or
/// base 0) an optional `0x`/`0o`/`0b` prefix, which may be followed by an
/// underscore; single underscores between digits; base 0 infers the base and
/// rejects leading zeros in a non-zero decimal literal (`"010"`).
pub fn parse_int_limited(
    s: &str,
    base: i64,
    limit: usize,
) -> Result<(bool, Vec<u32>), ParseIntError> {
    if base != 0 && !(2..=36).contains(&base) {
        return Err(IntTextError {
            kind: IntTextErrorKind::BadBase,
            message: "int() base must be >= 2 and <= 36, or 0".to_string(),
        });
    }
    let orig_base = base as u32;
    let err = || invalid_literal(s, orig_base);
    let t = s.trim_matches(is_py_space);
    let mut buf: Vec<u8> = Vec::with_capacity(t.len());
    for c in t.chars() {
        if c.is_ascii() {
            buf.push(c as u8);
        } else if let Some(d) = unicode_decimal(c) {
            buf.push(b'0' + d as u8);
        } else {
            return Err(err());
        }
    }
    let mut i = 0;
    let mut negative = false;
    if i < buf.len() && (buf[i] == b'+' || buf[i] == b'-') {
        negative = buf[i] == b'-';
        i += 1;
    }
    let mut base = orig_base;
    let mut after_prefix = false;
    let prefix_base = if i + 1 < buf.len() && buf[i] == b'0' {
        match buf[i + 1] {
            b'x' | b'X' => 16,
            b'o' | b'O' => 8,
            b'b' | b'B' => 2,
            _ => 0,
        }
    } else {
        0
    };
    let mut zero_only = false;
    if base == 0 {
        if prefix_base != 0 {
            base = prefix_base;
            i += 2;
            after_prefix = true;
        } else {
            base = 10;
            zero_only = i < buf.len() && buf[i] == b'0';
        }
    } else if prefix_base == base {
        i += 2;
        after_prefix = true;
    }
    // Digits with underscores.
    let body = &buf[i..];
    let mut vals: Vec<u8> = Vec::with_capacity(body.len());
    let mut prev_underscore = false;
    for (k, &c) in body.iter().enumerate() {
        if c == b'_' {
            if prev_underscore || (k == 0 && !after_prefix) {
                return Err(err());
            }
            prev_underscore = true;
            continue;
        }
        let v = (c as char).to_digit(36).ok_or_else(err)?;
        if v >= base {
            return Err(err());
        }
        vals.push(v as u8);
        prev_underscore = false;
    }
    if vals.is_empty() || prev_underscore {
        return Err(err());
    }
    if zero_only && vals.iter().any(|v| *v != 0) {
        return Err(err());
    }
    if !base.is_power_of_two() {
        check_str_digits(vals.len(), limit, true)?;
    }
    let mag = digits_to_magnitude(&vals, base);
    Ok((negative && !mag.is_empty(), mag))
}

/// Convert digit values (most significant first, each `< base`) to a
/// base-2^30 magnitude.
fn digits_to_magnitude(vals: &[u8], base: u32) -> Vec<u32> {
    if base.is_power_of_two() {
        let bits = base.trailing_zeros() as usize;
        let total = vals.len() * bits;
        let mut out = vec![0u32; total.div_ceil(SHIFT as usize)];
        for (k, &v) in vals.iter().rev().enumerate() {
            let pos = k * bits;
            let (idx, off) = (pos / 30, pos % 30);
            out[idx] |= ((v as u32) << off) & MASK;
            if off + bits > 30 {
                out[idx + 1] |= (v as u32) >> (30 - off);
            }
        }
        let n = trimmed(&out).len();
        out.truncate(n);
        return out;
    }
    // Largest chunk size k with base^k <= u32::MAX.
    let mut k = 1usize;
    let mut pow = base as u64;
    while pow * base as u64 <= u32::MAX as u64 {
        pow *= base as u64;
        k += 1;
    }
    let mut out: Vec<u32> = Vec::with_capacity(vals.len() / 9 + 2);
    let mut idx = 0;
    // The first chunk takes the remainder so all later chunks are full.
    let first = match vals.len() % k {
        0 => k,
        r => r,
    };
    while idx < vals.len() {
        let len = if idx == 0 { first } else { k };
        let mut chunk: u64 = 0;
        let mut mul: u64 = 1;
        for &v in &vals[idx..idx + len] {
            chunk = chunk * base as u64 + v as u64;
            mul *= base as u64;
        }
        idx += len;
        let mut carry = chunk;
        for o in out.iter_mut() {
            let z = (*o as u64) * mul + carry;
            *o = (z as u32) & MASK;
            carry = z >> SHIFT;
        }
        while carry != 0 {
            out.push((carry as u32) & MASK);
            carry >>= SHIFT;
        }
    }
    out
}

/// Inclusive ranges of code points for which `str.isprintable()` is false
/// (generated from CPython 3.13.0, Unicode 15.1).
const NONPRINTABLE: [(u32, u32); 713] = [
    (0x0, 0x1f),
    (0x7f, 0xa0),
    (0xad, 0xad),
    (0x378, 0x379),
    (0x380, 0x383),
    (0x38b, 0x38b),
    (0x38d, 0x38d),
    (0x3a2, 0x3a2),
    (0x530, 0x530),
    (0x557, 0x558),
    (0x58b, 0x58c),
    (0x590, 0x590),
    (0x5c8, 0x5cf),
    (0x5eb, 0x5ee),
    (0x5f5, 0x605),
    (0x61c, 0x61c),
    (0x6dd, 0x6dd),
    (0x70e, 0x70f),
    (0x74b, 0x74c),
    (0x7b2, 0x7bf),
    (0x7fb, 0x7fc),
    (0x82e, 0x82f),
    (0x83f, 0x83f),
    (0x85c, 0x85d),
    (0x85f, 0x85f),
    (0x86b, 0x86f),
    (0x88f, 0x897),
    (0x8e2, 0x8e2),
    (0x984, 0x984),
    (0x98d, 0x98e),
    (0x991, 0x992),
    (0x9a9, 0x9a9),
    (0x9b1, 0x9b1),
    (0x9b3, 0x9b5),
    (0x9ba, 0x9bb),
    (0x9c5, 0x9c6),
    (0x9c9, 0x9ca),
    (0x9cf, 0x9d6),
    (0x9d8, 0x9db),
    (0x9de, 0x9de),
    (0x9e4, 0x9e5),
    (0x9ff, 0xa00),
    (0xa04, 0xa04),
    (0xa0b, 0xa0e),
    (0xa11, 0xa12),
    (0xa29, 0xa29),
    (0xa31, 0xa31),
    (0xa34, 0xa34),
    (0xa37, 0xa37),
    (0xa3a, 0xa3b),
    (0xa3d, 0xa3d),
    (0xa43, 0xa46),
    (0xa49, 0xa4a),
    (0xa4e, 0xa50),
    (0xa52, 0xa58),
    (0xa5d, 0xa5d),
    (0xa5f, 0xa65),
    (0xa77, 0xa80),
    (0xa84, 0xa84),
    (0xa8e, 0xa8e),
    (0xa92, 0xa92),
    (0xaa9, 0xaa9),
    (0xab1, 0xab1),
    (0xab4, 0xab4),
    (0xaba, 0xabb),
    (0xac6, 0xac6),
    (0xaca, 0xaca),
    (0xace, 0xacf),
    (0xad1, 0xadf),
    (0xae4, 0xae5),
    (0xaf2, 0xaf8),
    (0xb00, 0xb00),
    (0xb04, 0xb04),
    (0xb0d, 0xb0e),
    (0xb11, 0xb12),
    (0xb29, 0xb29),
    (0xb31, 0xb31),
    (0xb34, 0xb34),
    (0xb3a, 0xb3b),
    (0xb45, 0xb46),
    (0xb49, 0xb4a),
    (0xb4e, 0xb54),
    (0xb58, 0xb5b),
    (0xb5e, 0xb5e),
    (0xb64, 0xb65),
    (0xb78, 0xb81),
    (0xb84, 0xb84),
    (0xb8b, 0xb8d),
    (0xb91, 0xb91),
    (0xb96, 0xb98),
    (0xb9b, 0xb9b),
    (0xb9d, 0xb9d),
    (0xba0, 0xba2),
    (0xba5, 0xba7),
    (0xbab, 0xbad),
    (0xbba, 0xbbd),
    (0xbc3, 0xbc5),
    (0xbc9, 0xbc9),
    (0xbce, 0xbcf),
    (0xbd1, 0xbd6),
    (0xbd8, 0xbe5),
    (0xbfb, 0xbff),
    (0xc0d, 0xc0d),
    (0xc11, 0xc11),
    (0xc29, 0xc29),
    (0xc3a, 0xc3b),
    (0xc45, 0xc45),
    (0xc49, 0xc49),
    (0xc4e, 0xc54),
    (0xc57, 0xc57),
    (0xc5b, 0xc5c),
    (0xc5e, 0xc5f),
    (0xc64, 0xc65),
    (0xc70, 0xc76),
    (0xc8d, 0xc8d),
    (0xc91, 0xc91),
    (0xca9, 0xca9),
    (0xcb4, 0xcb4),
    (0xcba, 0xcbb),
    (0xcc5, 0xcc5),
    (0xcc9, 0xcc9),
    (0xcce, 0xcd4),
    (0xcd7, 0xcdc),
    (0xcdf, 0xcdf),
    (0xce4, 0xce5),
    (0xcf0, 0xcf0),
    (0xcf4, 0xcff),
    (0xd0d, 0xd0d),
    (0xd11, 0xd11),
    (0xd45, 0xd45),
    (0xd49, 0xd49),
    (0xd50, 0xd53),
    (0xd64, 0xd65),
    (0xd80, 0xd80),
    (0xd84, 0xd84),
    (0xd97, 0xd99),
    (0xdb2, 0xdb2),
    (0xdbc, 0xdbc),
    (0xdbe, 0xdbf),
    (0xdc7, 0xdc9),
    (0xdcb, 0xdce),
    (0xdd5, 0xdd5),
    (0xdd7, 0xdd7),
    (0xde0, 0xde5),
    (0xdf0, 0xdf1),
    (0xdf5, 0xe00),
    (0xe3b, 0xe3e),
    (0xe5c, 0xe80),
    (0xe83, 0xe83),
    (0xe85, 0xe85),
    (0xe8b, 0xe8b),
    (0xea4, 0xea4),
    (0xea6, 0xea6),
    (0xebe, 0xebf),
    (0xec5, 0xec5),
    (0xec7, 0xec7),
    (0xecf, 0xecf),
    (0xeda, 0xedb),
    (0xee0, 0xeff),
    (0xf48, 0xf48),
    (0xf6d, 0xf70),
    (0xf98, 0xf98),
    (0xfbd, 0xfbd),
    (0xfcd, 0xfcd),
    (0xfdb, 0xfff),
    (0x10c6, 0x10c6),
    (0x10c8, 0x10cc),
    (0x10ce, 0x10cf),
    (0x1249, 0x1249),
    (0x124e, 0x124f),
    (0x1257, 0x1257),
    (0x1259, 0x1259),
    (0x125e, 0x125f),
    (0x1289, 0x1289),
    (0x128e, 0x128f),
    (0x12b1, 0x12b1),
    (0x12b6, 0x12b7),
    (0x12bf, 0x12bf),
    (0x12c1, 0x12c1),
    (0x12c6, 0x12c7),
    (0x12d7, 0x12d7),
    (0x1311, 0x1311),
    (0x1316, 0x1317),
    (0x135b, 0x135c),
    (0x137d, 0x137f),
    (0x139a, 0x139f),
    (0x13f6, 0x13f7),
    (0x13fe, 0x13ff),
    (0x1680, 0x1680),
    (0x169d, 0x169f),
    (0x16f9, 0x16ff),
    (0x1716, 0x171e),
    (0x1737, 0x173f),
    (0x1754, 0x175f),
    (0x176d, 0x176d),
    (0x1771, 0x1771),
    (0x1774, 0x177f),
    (0x17de, 0x17df),
    (0x17ea, 0x17ef),
    (0x17fa, 0x17ff),
    (0x180e, 0x180e),
    (0x181a, 0x181f),
    (0x1879, 0x187f),
    (0x18ab, 0x18af),
    (0x18f6, 0x18ff),
    (0x191f, 0x191f),
    (0x192c, 0x192f),
    (0x193c, 0x193f),
    (0x1941, 0x1943),
    (0x196e, 0x196f),
    (0x1975, 0x197f),
    (0x19ac, 0x19af),
    (0x19ca, 0x19cf),
    (0x19db, 0x19dd),
    (0x1a1c, 0x1a1d),
    (0x1a5f, 0x1a5f),
    (0x1a7d, 0x1a7e),
    (0x1a8a, 0x1a8f),
    (0x1a9a, 0x1a9f),
    (0x1aae, 0x1aaf),
    (0x1acf, 0x1aff),
    (0x1b4d, 0x1b4f),
    (0x1b7f, 0x1b7f),
    (0x1bf4, 0x1bfb),
    (0x1c38, 0x1c3a),
    (0x1c4a, 0x1c4c),
    (0x1c89, 0x1c8f),
    (0x1cbb, 0x1cbc),
    (0x1cc8, 0x1ccf),
    (0x1cfb, 0x1cff),
    (0x1f16, 0x1f17),
    (0x1f1e, 0x1f1f),
    (0x1f46, 0x1f47),
    (0x1f4e, 0x1f4f),
    (0x1f58, 0x1f58),
    (0x1f5a, 0x1f5a),
    (0x1f5c, 0x1f5c),
    (0x1f5e, 0x1f5e),
    (0x1f7e, 0x1f7f),
    (0x1fb5, 0x1fb5),
    (0x1fc5, 0x1fc5),
    (0x1fd4, 0x1fd5),
    (0x1fdc, 0x1fdc),
    (0x1ff0, 0x1ff1),
    (0x1ff5, 0x1ff5),
    (0x1fff, 0x200f),
    (0x2028, 0x202f),
    (0x205f, 0x206f),
    (0x2072, 0x2073),
    (0x208f, 0x208f),
    (0x209d, 0x209f),
    (0x20c1, 0x20cf),
    (0x20f1, 0x20ff),
    (0x218c, 0x218f),
    (0x2427, 0x243f),
    (0x244b, 0x245f),
    (0x2b74, 0x2b75),
    (0x2b96, 0x2b96),
    (0x2cf4, 0x2cf8),
    (0x2d26, 0x2d26),
    (0x2d28, 0x2d2c),
    (0x2d2e, 0x2d2f),
    (0x2d68, 0x2d6e),
    (0x2d71, 0x2d7e),
    (0x2d97, 0x2d9f),
    (0x2da7, 0x2da7),
    (0x2daf, 0x2daf),
    (0x2db7, 0x2db7),
    (0x2dbf, 0x2dbf),
    (0x2dc7, 0x2dc7),
    (0x2dcf, 0x2dcf),
    (0x2dd7, 0x2dd7),
    (0x2ddf, 0x2ddf),
    (0x2e5e, 0x2e7f),
    (0x2e9a, 0x2e9a),
    (0x2ef4, 0x2eff),
    (0x2fd6, 0x2fef),
    (0x3000, 0x3000),
    (0x3040, 0x3040),
    (0x3097, 0x3098),
    (0x3100, 0x3104),
    (0x3130, 0x3130),
    (0x318f, 0x318f),
    (0x31e4, 0x31ee),
    (0x321f, 0x321f),
    (0xa48d, 0xa48f),
    (0xa4c7, 0xa4cf),
    (0xa62c, 0xa63f),
    (0xa6f8, 0xa6ff),
    (0xa7cb, 0xa7cf),
    (0xa7d2, 0xa7d2),
    (0xa7d4, 0xa7d4),
    (0xa7da, 0xa7f1),
    (0xa82d, 0xa82f),
    (0xa83a, 0xa83f),
    (0xa878, 0xa87f),
    (0xa8c6, 0xa8cd),
    (0xa8da, 0xa8df),
    (0xa954, 0xa95e),
    (0xa97d, 0xa97f),
    (0xa9ce, 0xa9ce),
    (0xa9da, 0xa9dd),
    (0xa9ff, 0xa9ff),
    (0xaa37, 0xaa3f),
    (0xaa4e, 0xaa4f),
    (0xaa5a, 0xaa5b),
    (0xaac3, 0xaada),
    (0xaaf7, 0xab00),
    (0xab07, 0xab08),
    (0xab0f, 0xab10),
    (0xab17, 0xab1f),
    (0xab27, 0xab27),
    (0xab2f, 0xab2f),
    (0xab6c, 0xab6f),
    (0xabee, 0xabef),
    (0xabfa, 0xabff),
    (0xd7a4, 0xd7af),
    (0xd7c7, 0xd7ca),
    (0xd7fc, 0xf8ff),
    (0xfa6e, 0xfa6f),
    (0xfada, 0xfaff),
    (0xfb07, 0xfb12),
    (0xfb18, 0xfb1c),
    (0xfb37, 0xfb37),
    (0xfb3d, 0xfb3d),
    (0xfb3f, 0xfb3f),
    (0xfb42, 0xfb42),
    (0xfb45, 0xfb45),
    (0xfbc3, 0xfbd2),
    (0xfd90, 0xfd91),
    (0xfdc8, 0xfdce),
    (0xfdd0, 0xfdef),
    (0xfe1a, 0xfe1f),
    (0xfe53, 0xfe53),
    (0xfe67, 0xfe67),
    (0xfe6c, 0xfe6f),
    (0xfe75, 0xfe75),
    (0xfefd, 0xff00),
    (0xffbf, 0xffc1),
    (0xffc8, 0xffc9),
    (0xffd0, 0xffd1),
    (0xffd8, 0xffd9),
    (0xffdd, 0xffdf),
    (0xffe7, 0xffe7),
    (0xffef, 0xfffb),
    (0xfffe, 0xffff),
    (0x1000c, 0x1000c),
    (0x10027, 0x10027),
    (0x1003b, 0x1003b),
    (0x1003e, 0x1003e),
    (0x1004e, 0x1004f),
    (0x1005e, 0x1007f),
    (0x100fb, 0x100ff),
    (0x10103, 0x10106),
    (0x10134, 0x10136),
    (0x1018f, 0x1018f),
    (0x1019d, 0x1019f),
    (0x101a1, 0x101cf),
    (0x101fe, 0x1027f),
    (0x1029d, 0x1029f),
    (0x102d1, 0x102df),
    (0x102fc, 0x102ff),
    (0x10324, 0x1032c),
    (0x1034b, 0x1034f),
    (0x1037b, 0x1037f),
    (0x1039e, 0x1039e),
    (0x103c4, 0x103c7),
    (0x103d6, 0x103ff),
    (0x1049e, 0x1049f),
    (0x104aa, 0x104af),
    (0x104d4, 0x104d7),
    (0x104fc, 0x104ff),
    (0x10528, 0x1052f),
    (0x10564, 0x1056e),
    (0x1057b, 0x1057b),
    (0x1058b, 0x1058b),
    (0x10593, 0x10593),
    (0x10596, 0x10596),
    (0x105a2, 0x105a2),
    (0x105b2, 0x105b2),
    (0x105ba, 0x105ba),
    (0x105bd, 0x105ff),
    (0x10737, 0x1073f),
    (0x10756, 0x1075f),
    (0x10768, 0x1077f),
    (0x10786, 0x10786),
    (0x107b1, 0x107b1),
    (0x107bb, 0x107ff),
    (0x10806, 0x10807),
    (0x10809, 0x10809),
    (0x10836, 0x10836),
    (0x10839, 0x1083b),
    (0x1083d, 0x1083e),
    (0x10856, 0x10856),
    (0x1089f, 0x108a6),
    (0x108b0, 0x108df),
    (0x108f3, 0x108f3),
    (0x108f6, 0x108fa),
    (0x1091c, 0x1091e),
    (0x1093a, 0x1093e),
    (0x10940, 0x1097f),
    (0x109b8, 0x109bb),
    (0x109d0, 0x109d1),
    (0x10a04, 0x10a04),
    (0x10a07, 0x10a0b),
    (0x10a14, 0x10a14),
    (0x10a18, 0x10a18),
    (0x10a36, 0x10a37),
    (0x10a3b, 0x10a3e),
    (0x10a49, 0x10a4f),
    (0x10a59, 0x10a5f),
    (0x10aa0, 0x10abf),
    (0x10ae7, 0x10aea),
    (0x10af7, 0x10aff),
    (0x10b36, 0x10b38),
    (0x10b56, 0x10b57),
    (0x10b73, 0x10b77),
    (0x10b92, 0x10b98),
    (0x10b9d, 0x10ba8),
    (0x10bb0, 0x10bff),
    (0x10c49, 0x10c7f),
    (0x10cb3, 0x10cbf),
    (0x10cf3, 0x10cf9),
    (0x10d28, 0x10d2f),
    (0x10d3a, 0x10e5f),
    (0x10e7f, 0x10e7f),
    (0x10eaa, 0x10eaa),
    (0x10eae, 0x10eaf),
    (0x10eb2, 0x10efc),
    (0x10f28, 0x10f2f),
    (0x10f5a, 0x10f6f),
    (0x10f8a, 0x10faf),
    (0x10fcc, 0x10fdf),
    (0x10ff7, 0x10fff),
    (0x1104e, 0x11051),
    (0x11076, 0x1107e),
    (0x110bd, 0x110bd),
    (0x110c3, 0x110cf),
    (0x110e9, 0x110ef),
    (0x110fa, 0x110ff),
    (0x11135, 0x11135),
    (0x11148, 0x1114f),
    (0x11177, 0x1117f),
    (0x111e0, 0x111e0),
    (0x111f5, 0x111ff),
    (0x11212, 0x11212),
    (0x11242, 0x1127f),
    (0x11287, 0x11287),
    (0x11289, 0x11289),
    (0x1128e, 0x1128e),
    (0x1129e, 0x1129e),
    (0x112aa, 0x112af),
    (0x112eb, 0x112ef),
    (0x112fa, 0x112ff),
    (0x11304, 0x11304),
    (0x1130d, 0x1130e),
    (0x11311, 0x11312),
    (0x11329, 0x11329),
    (0x11331, 0x11331),
    (0x11334, 0x11334),
    (0x1133a, 0x1133a),
    (0x11345, 0x11346),
    (0x11349, 0x1134a),
    (0x1134e, 0x1134f),
    (0x11351, 0x11356),
    (0x11358, 0x1135c),
    (0x11364, 0x11365),
    (0x1136d, 0x1136f),
    (0x11375, 0x113ff),
    (0x1145c, 0x1145c),
    (0x11462, 0x1147f),
    (0x114c8, 0x114cf),
    (0x114da, 0x1157f),
    (0x115b6, 0x115b7),
    (0x115de, 0x115ff),
    (0x11645, 0x1164f),
    (0x1165a, 0x1165f),
    (0x1166d, 0x1167f),
    (0x116ba, 0x116bf),
    (0x116ca, 0x116ff),
    (0x1171b, 0x1171c),
    (0x1172c, 0x1172f),
    (0x11747, 0x117ff),
    (0x1183c, 0x1189f),
    (0x118f3, 0x118fe),
    (0x11907, 0x11908),
    (0x1190a, 0x1190b),
    (0x11914, 0x11914),
    (0x11917, 0x11917),
    (0x11936, 0x11936),
    (0x11939, 0x1193a),
    (0x11947, 0x1194f),
    (0x1195a, 0x1199f),
    (0x119a8, 0x119a9),
    (0x119d8, 0x119d9),
    (0x119e5, 0x119ff),
    (0x11a48, 0x11a4f),
    (0x11aa3, 0x11aaf),
    (0x11af9, 0x11aff),
    (0x11b0a, 0x11bff),
    (0x11c09, 0x11c09),
    (0x11c37, 0x11c37),
    (0x11c46, 0x11c4f),
    (0x11c6d, 0x11c6f),
    (0x11c90, 0x11c91),
    (0x11ca8, 0x11ca8),
    (0x11cb7, 0x11cff),
    (0x11d07, 0x11d07),
    (0x11d0a, 0x11d0a),
    (0x11d37, 0x11d39),
    (0x11d3b, 0x11d3b),
    (0x11d3e, 0x11d3e),
    (0x11d48, 0x11d4f),
    (0x11d5a, 0x11d5f),
    (0x11d66, 0x11d66),
    (0x11d69, 0x11d69),
    (0x11d8f, 0x11d8f),
    (0x11d92, 0x11d92),
    (0x11d99, 0x11d9f),
    (0x11daa, 0x11edf),
    (0x11ef9, 0x11eff),
    (0x11f11, 0x11f11),
    (0x11f3b, 0x11f3d),
    (0x11f5a, 0x11faf),
    (0x11fb1, 0x11fbf),
    (0x11ff2, 0x11ffe),
    (0x1239a, 0x123ff),
    (0x1246f, 0x1246f),
    (0x12475, 0x1247f),
    (0x12544, 0x12f8f),
    (0x12ff3, 0x12fff),
    (0x13430, 0x1343f),
    (0x13456, 0x143ff),
    (0x14647, 0x167ff),
    (0x16a39, 0x16a3f),
    (0x16a5f, 0x16a5f),
    (0x16a6a, 0x16a6d),
    (0x16abf, 0x16abf),
    (0x16aca, 0x16acf),
    (0x16aee, 0x16aef),
    (0x16af6, 0x16aff),
    (0x16b46, 0x16b4f),
    (0x16b5a, 0x16b5a),
    (0x16b62, 0x16b62),
    (0x16b78, 0x16b7c),
    (0x16b90, 0x16e3f),
    (0x16e9b, 0x16eff),
    (0x16f4b, 0x16f4e),
    (0x16f88, 0x16f8e),
    (0x16fa0, 0x16fdf),
    (0x16fe5, 0x16fef),
    (0x16ff2, 0x16fff),
    (0x187f8, 0x187ff),
    (0x18cd6, 0x18cff),
    (0x18d09, 0x1afef),
    (0x1aff4, 0x1aff4),
    (0x1affc, 0x1affc),
    (0x1afff, 0x1afff),
    (0x1b123, 0x1b131),
    (0x1b133, 0x1b14f),
    (0x1b153, 0x1b154),
    (0x1b156, 0x1b163),
    (0x1b168, 0x1b16f),
    (0x1b2fc, 0x1bbff),
    (0x1bc6b, 0x1bc6f),
    (0x1bc7d, 0x1bc7f),
    (0x1bc89, 0x1bc8f),
    (0x1bc9a, 0x1bc9b),
    (0x1bca0, 0x1ceff),
    (0x1cf2e, 0x1cf2f),
    (0x1cf47, 0x1cf4f),
    (0x1cfc4, 0x1cfff),
    (0x1d0f6, 0x1d0ff),
    (0x1d127, 0x1d128),
    (0x1d173, 0x1d17a),
    (0x1d1eb, 0x1d1ff),
    (0x1d246, 0x1d2bf),
    (0x1d2d4, 0x1d2df),
    (0x1d2f4, 0x1d2ff),
    (0x1d357, 0x1d35f),
    (0x1d379, 0x1d3ff),
    (0x1d455, 0x1d455),
    (0x1d49d, 0x1d49d),
    (0x1d4a0, 0x1d4a1),
    (0x1d4a3, 0x1d4a4),
    (0x1d4a7, 0x1d4a8),
    (0x1d4ad, 0x1d4ad),
    (0x1d4ba, 0x1d4ba),
    (0x1d4bc, 0x1d4bc),
    (0x1d4c4, 0x1d4c4),
    (0x1d506, 0x1d506),
    (0x1d50b, 0x1d50c),
    (0x1d515, 0x1d515),
    (0x1d51d, 0x1d51d),
    (0x1d53a, 0x1d53a),
    (0x1d53f, 0x1d53f),
    (0x1d545, 0x1d545),
    (0x1d547, 0x1d549),
    (0x1d551, 0x1d551),
    (0x1d6a6, 0x1d6a7),
    (0x1d7cc, 0x1d7cd),
    (0x1da8c, 0x1da9a),
    (0x1daa0, 0x1daa0),
    (0x1dab0, 0x1deff),
    (0x1df1f, 0x1df24),
    (0x1df2b, 0x1dfff),
    (0x1e007, 0x1e007),
    (0x1e019, 0x1e01a),
    (0x1e022, 0x1e022),
    (0x1e025, 0x1e025),
    (0x1e02b, 0x1e02f),
    (0x1e06e, 0x1e08e),
    (0x1e090, 0x1e0ff),
    (0x1e12d, 0x1e12f),
    (0x1e13e, 0x1e13f),
    (0x1e14a, 0x1e14d),
    (0x1e150, 0x1e28f),
    (0x1e2af, 0x1e2bf),
    (0x1e2fa, 0x1e2fe),
    (0x1e300, 0x1e4cf),
    (0x1e4fa, 0x1e7df),
    (0x1e7e7, 0x1e7e7),
    (0x1e7ec, 0x1e7ec),
    (0x1e7ef, 0x1e7ef),
    (0x1e7ff, 0x1e7ff),
    (0x1e8c5, 0x1e8c6),
    (0x1e8d7, 0x1e8ff),
    (0x1e94c, 0x1e94f),
    (0x1e95a, 0x1e95d),
    (0x1e960, 0x1ec70),
    (0x1ecb5, 0x1ed00),
    (0x1ed3e, 0x1edff),
    (0x1ee04, 0x1ee04),
    (0x1ee20, 0x1ee20),
    (0x1ee23, 0x1ee23),
    (0x1ee25, 0x1ee26),
    (0x1ee28, 0x1ee28),
    (0x1ee33, 0x1ee33),
    (0x1ee38, 0x1ee38),
    (0x1ee3a, 0x1ee3a),
    (0x1ee3c, 0x1ee41),
    (0x1ee43, 0x1ee46),
    (0x1ee48, 0x1ee48),
    (0x1ee4a, 0x1ee4a),
    (0x1ee4c, 0x1ee4c),
    (0x1ee50, 0x1ee50),
    (0x1ee53, 0x1ee53),
    (0x1ee55, 0x1ee56),
    (0x1ee58, 0x1ee58),
    (0x1ee5a, 0x1ee5a),
    (0x1ee5c, 0x1ee5c),
    (0x1ee5e, 0x1ee5e),
    (0x1ee60, 0x1ee60),
    (0x1ee63, 0x1ee63),
    (0x1ee65, 0x1ee66),
    (0x1ee6b, 0x1ee6b),
    (0x1ee73, 0x1ee73),
    (0x1ee78, 0x1ee78),
    (0x1ee7d, 0x1ee7d),
    (0x1ee7f, 0x1ee7f),
    (0x1ee8a, 0x1ee8a),
    (0x1ee9c, 0x1eea0),
    (0x1eea4, 0x1eea4),
    (0x1eeaa, 0x1eeaa),
    (0x1eebc, 0x1eeef),
    (0x1eef2, 0x1efff),
    (0x1f02c, 0x1f02f),
    (0x1f094, 0x1f09f),
    (0x1f0af, 0x1f0b0),
    (0x1f0c0, 0x1f0c0),
    (0x1f0d0, 0x1f0d0),
    (0x1f0f6, 0x1f0ff),
    (0x1f1ae, 0x1f1e5),
    (0x1f203, 0x1f20f),
    (0x1f23c, 0x1f23f),
    (0x1f249, 0x1f24f),
    (0x1f252, 0x1f25f),
    (0x1f266, 0x1f2ff),
    (0x1f6d8, 0x1f6db),
    (0x1f6ed, 0x1f6ef),
    (0x1f6fd, 0x1f6ff),
    (0x1f777, 0x1f77a),
    (0x1f7da, 0x1f7df),
    (0x1f7ec, 0x1f7ef),
    (0x1f7f1, 0x1f7ff),
    (0x1f80c, 0x1f80f),
    (0x1f848, 0x1f84f),
    (0x1f85a, 0x1f85f),
    (0x1f888, 0x1f88f),
    (0x1f8ae, 0x1f8af),
    (0x1f8b2, 0x1f8ff),
    (0x1fa54, 0x1fa5f),
    (0x1fa6e, 0x1fa6f),
    (0x1fa7d, 0x1fa7f),
    (0x1fa89, 0x1fa8f),
    (0x1fabe, 0x1fabe),
    (0x1fac6, 0x1facd),
    (0x1fadc, 0x1fadf),
    (0x1fae9, 0x1faef),
    (0x1faf9, 0x1faff),
    (0x1fb93, 0x1fb93),
    (0x1fbcb, 0x1fbef),
    (0x1fbfa, 0x1ffff),
    (0x2a6e0, 0x2a6ff),
    (0x2b73a, 0x2b73f),
    (0x2b81e, 0x2b81f),
    (0x2cea2, 0x2ceaf),
    (0x2ebe1, 0x2ebef),
    (0x2ee5e, 0x2f7ff),
    (0x2fa1e, 0x2ffff),
    (0x3134b, 0x3134f),
    (0x323b0, 0xe00ff),
    (0xe01f0, 0x10ffff),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn from_hex(h: &str) -> (bool, Vec<u32>) {
        parse_int_limited(h, 16, 0).unwrap()
    }

    fn unhex(h: &str) -> String {
        let bytes: Vec<u8> = (0..h.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap())
            .collect();
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn small_values() {
        assert_eq!(to_decimal(&[]), "0");
        assert_eq!(to_decimal(&[0, 0]), "0");
        assert_eq!(to_decimal(&[5]), "5");
        assert_eq!(to_decimal(&[0, 1]), (1u64 << 30).to_string());
        assert_eq!(
            to_decimal(&[MASK, MASK, 3]),
            ((1u128 << 62) - 1).to_string()
        );
        assert_eq!(to_base(&[], 2), "0");
        assert_eq!(to_base(&[255], 16), "ff");
        assert_eq!(to_base(&[0, 1], 8), "10000000000");
        assert_eq!(to_base_prefixed(true, &[255], 16), "-0xff");
        assert_eq!(to_base_prefixed(false, &[5], 2), "0b101");
        assert_eq!(to_base_prefixed(true, &[], 8), "0o0");
        assert_eq!(to_decimal_signed(true, &[7], 0).unwrap(), "-7");
        assert_eq!(to_decimal_signed(true, &[0], 0).unwrap(), "0");
        assert_eq!(parse_int("-0", 10).unwrap(), (false, vec![]));
        assert_eq!(parse_int("1073741824", 10).unwrap(), (false, vec![0, 1]));
    }

    #[test]
    fn random_u128_roundtrip() {
        let mut state: u64 = 12345;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            state
        };
        for _ in 0..5_000 {
            let shift = next() % 128;
            let v: u128 = (((next() as u128) << 64) | next() as u128) >> shift;
            let text = v.to_string();
            let (neg, mag) = parse_int(&text, 10).unwrap();
            assert!(!neg);
            assert!(mag.iter().all(|d| *d <= MASK) && mag.last() != Some(&0));
            let mut back: u128 = 0;
            for d in mag.iter().rev() {
                back = (back << 30) | *d as u128;
            }
            assert_eq!(back, v);
            assert_eq!(to_decimal(&mag), text);
            assert_eq!(to_base(&mag, 16), format!("{:x}", v));
            assert_eq!(to_base(&mag, 8), format!("{:o}", v));
            assert_eq!(to_base(&mag, 2), format!("{:b}", v));
            let base = (next() % 35 + 2) as u32;
            let mut digits = String::new();
            let mut m = v;
            loop {
                digits.insert(
                    0,
                    char::from_digit((m % base as u128) as u32, base).unwrap(),
                );
                m /= base as u128;
                if m == 0 {
                    break;
                }
            }
            assert_eq!(
                parse_int(&format!("-{}", digits), base).unwrap(),
                (v != 0, mag)
            );
        }
    }

    #[test]
    fn repr_of_str() {
        assert_eq!(str_repr("abc\n"), "'abc\\n'");
        assert_eq!(str_repr("it's"), "\"it's\"");
        assert_eq!(str_repr("it's \"x\""), "'it\\'s \"x\"'");
        assert_eq!(
            str_repr("\x00\x7f\u{80}\u{a0}\u{200b}\u{e000}\u{1f600}é\\"),
            "'\\x00\\x7f\\x80\\xa0\\u200b\\ue000\u{1f600}é\\\\'"
        );
        assert_eq!(str_repr("\u{e0001}\u{378}"), "'\\U000e0001\\u0378'");
        assert!(is_printable('a') && !is_printable('\u{2028}') && is_printable('\u{4e00}'));
    }

    #[test]
    fn unicode_digits_and_space() {
        assert_eq!(unicode_decimal('\u{663}'), Some(3));
        assert_eq!(unicode_decimal('\u{1d7ff}'), Some(9));
        assert_eq!(unicode_decimal('a'), None);
        assert_eq!(
            parse_int("\u{3000} \u{661}\u{662}\u{663}\n", 10).unwrap(),
            (false, vec![123])
        );
    }

    #[test]
    fn limits() {
        let big = "1".repeat(5000);
        let e = parse_int(&big, 10).unwrap_err();
        assert_eq!(e.kind, IntTextErrorKind::TooManyDigits);
        assert_eq!(
            e.message,
            "Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits; \
             use sys.set_int_max_str_digits() to increase the limit"
        );
        // Syntax errors win over the limit.
        let e = parse_int(&format!("{}x", big), 10).unwrap_err();
        assert_eq!(e.kind, IntTextErrorKind::InvalidLiteral);
        assert_eq!(e.message.chars().count(), 240);
        // Underscores are not digits.
        let e = parse_int(&format!("{}1", "1_".repeat(4300)), 10).unwrap_err();
        assert!(e.message.contains("value has 4301 digits"));
        assert!(parse_int(&"1".repeat(4300), 10).is_ok());
        assert!(parse_int(&"f".repeat(5000), 16).is_ok());
        assert!(parse_int(&format!("0x{}", "f".repeat(5000)), 0).is_ok());
        assert!(parse_int(&"1".repeat(4301), 0).is_err());
        assert!(parse_int(&"1".repeat(5000), 7).is_err());
        assert!(parse_int_limited(&"1".repeat(5000), 7, 0).is_ok());
        // Printing.
        let (_, n4300) = parse_int(&format!("1{}", "0".repeat(4299)), 10).unwrap();
        assert!(to_decimal_signed(false, &n4300, DEFAULT_MAX_STR_DIGITS).is_ok());
        let (_, n4301) = parse_int_limited(&format!("1{}", "0".repeat(4300)), 10, 0).unwrap();
        let e = to_decimal_signed(true, &n4301, DEFAULT_MAX_STR_DIGITS).unwrap_err();
        assert_eq!(
            e.message,
            "Exceeds the limit (4300 digits) for integer string conversion; \
             use sys.set_int_max_str_digits() to increase the limit"
        );
        let huge = vec![MASK; 10_000];
        assert_eq!(
            to_decimal_signed(false, &huge, 4300).unwrap_err().kind,
            IntTextErrorKind::TooManyDigits
        );
        assert_eq!(
            parse_int("1", 37).unwrap_err().message,
            "int() base must be >= 2 and <= 36, or 0"
        );
        assert!(parse_int_limited("1", -1, 0).is_err());
        assert!(parse_int_limited("1", 1, 0).is_err());
    }

    #[test]
    fn big_roundtrip_speed() {
        // 100,000 decimal digits each way.
        let s: String = (0..100_000)
            .map(|i| char::from(b'1' + (i * 7 % 9) as u8))
            .collect();
        let t = std::time::Instant::now();
        let (neg, mag) = parse_int_limited(&s, 10, 0).unwrap();
        assert!(!neg);
        let back = to_decimal(&mag);
        assert_eq!(back, s);
        let elapsed = t.elapsed();
        // Generous bound so debug builds pass too; release takes ~0.1 s.
        assert!(elapsed.as_secs() < 20, "took {:?}", elapsed);
        // Power-of-two bases round-trip.
        for base in [2u32, 4, 8, 16, 32] {
            let txt = to_base(&mag, base);
            let (_, again) = parse_int_limited(&txt, base as i64, 0).unwrap();
            assert_eq!(again, mag);
        }
    }

    /// `hex<TAB>decimal<TAB>binary<TAB>octal`, generated with CPython 3.13.0.
    const DEC_TABLE: &str = r#"
5f915ef09cfbac6e	6886389692745100398	101111110010001010111101111000010011100111110111010110001101110	576212757023476726156
17d3990237751aa	107305257359856042	101111101001110011001000000100011011101110101000110101010	5751631004335650652
fdec801bdfdf2965b3819ad93b21e6a46f1c670ea90d243a163cee5e2c2b1e1885283b73a66c2ea417b99de255f386825473b7a490f23b2cc4b4174a672b5ebaa061076dc3ba6ace6c0a78250fb339a4769ddcc6f8efb6fbfe8de4ab47558298e214b044d79acd8acde5f6db1d76b6745180b65386569c803601a5ba50	10628186296323493641529423672842246050524282213759928515362756135397800104915511999979148627143254010730536060118186716468218998592509047681986425970827834661564866029219592854777801663989386260322648874537472125123141905220948500471149418660724987262418510587308895363701013550063696257815574680549968	1111110111101100100000000001101111011111110111110010100101100101101100111000000110011010110110010011101100100001111001101010010001101111000111000110011100001110101010010000110100100100001110100001011000111100111011100101111000101100001010110001111000011000100001010010100000111011011100111010011001101100001011101010010000010111101110011001110111100010010101011111001110000110100000100101010001110011101101111010010010010000111100100011101100101100110001001011010000010111010010100110011100101011010111101011101010100000011000010000011101101101110000111011101001101010110011100110110000001010011110000010010100001111101100110011100110100100011101101001110111011100110001101111100011101111101101101111101111111110100011011110010010101011010001110101010110000010100110001110001000010100101100000100010011010111100110101100110110001010110011011110010111110110110110110001110101110110101101100111010001010001100000001011011001010011100001100101011010011100100000000011011000000001101001011011101001010000	1767544001573767624545547006326623544171522157070634165220644416413074734570541261703041224073347231541352202756316742253716064045216355722220744354546113202722463453275352403020355560735152634660123602241754634644355167346157435755575776433622532165260246161024540423274654661263362766666165665547212140133123414532344003300151335120
4a8eb40a9b81a070205e323bb2abf00188dca22e4c76237dbe6b03da701c632976a10363c5f	593266315688308245912018333358747100071904171542218810389048352355752862578699612261334111	10010101000111010110100000010101001101110000001101000000111000000100000010111100011001000111011101100101010101111110000000000011000100011011100101000100010111001001100011101100010001101111101101111100110101100000011110110100111000000011100011000110010100101110110101000010000001101100011110001011111	2250726402515601500700402743107354525760003043345042711435421575574654036647003430624566502015436137
564d5d86	1447910790	1010110010011010101110110000110	12623256606
5ce3f21a	1558442522	1011100111000111111001000011010	13470771032
2ce8a31e3bb41b3	202250980156981683	1011001110100010100011000111100011101110110100000110110011	13164243074356640663
1addae0e9502700	120993424530745088	110101101110110101110000011101001010100000010011100000000	6556656035124023400
aeee07347fbb3b4	787813770569954228	101011101110111000000111001101000111111110111011001110110100	53567007150776731664
0	0	0	0
de0c05163488cbb00e0067c64dd2e190b301ff971b377685a5a77aac937076d87d8e185daeb168bc6a37110b0410008141df319c72d92c2967c63d3c9e0381e7f8ec98f36face167019017b4999178de6081741f0fd9e908c3d505ff7a96319345a915feb0b634bca4537f44b00011bec2223b2638d17fda1bddc69b3bc5efaee7d5168e187590451e5c330dde4b940a8c16a8f554d8c2b83a04209be01b4ff09131582c2c93ab25362104946dc860b36ac08417ea3a98c3d0560da382fe103131b13d65ec29f8119e333a6b8c290d32bba064ebc1d3d2899f57f77f2a75ec92aeb20c15b7d95f8034a6a704789365eaeb999b8a2e547e22184e8215607df9e4794195021cd6ff548914ef33fb4b4fda298adee5329b4e329a86139425b3e2c3ad4d991f0916cb00fded6598cae043f6c986f21caf107ad9c98c23e80a86cfbc79ce036cbaccf13c9a8df50602fe0c239edd3a7de0d208d886c5d060fa1c95e553fb510e06acd4694398c5e11e99fb01597ac1e2eb17c8	1067067380189921208837322001157491771420989719181127539434687620788417738521116909603074097180731059567484731396849432854081921443666341691181630841570949688478103071819706562684933974131827211382813603900043616614869719890925952507871316878124191839926910544534321433442291439413161403163018195905735938156783913620925588417458990066286182323853615000602903718574655280119854780818335770999514168607700592619241424379993017525126236601514905730978780443435812155039913022575151447610316541044466168417625886238183351783441343521619120303458986643114255415943814528953526705398202669610515042350758188091935953469734629893532332452695520225917956975161502201187874636341895911520057873033274135082605066455351690800307168540329301276995043061155198301442145398337830289326904139356639211392116008654913149500684588290913283362413246853808816340497569973617786638534581739743644316189926524260599972173768	110111100000110000000101000101100011010010001000110010111011000000001110000000000110011111000110010011011101001011100001100100001011001100000001111111111001011100011011001101110111011010000101101001011010011101111010101011001001001101110000011101101101100001111101100011100001100001011101101011101011000101101000101111000110101000110111000100010000101100000100000100000000000010000001010000011101111100110001100111000111001011011001001011000010100101100111110001100011110100111100100111100000001110000001111001111111100011101100100110001111001101101111101011001110000101100111000000011001000000010111101101001001100110010001011110001101111001100000100000010111010000011111000011111101100111101001000010001100001111010101000001011111111101111010100101100011000110010011010001011010100100010101111111101011000010110110001101001011110010100100010100110111111101000100101100000000000000010001101111101100001000100010001110110010011000111000110100010111111111011010000110111101110111000110100110110011101111000101111011111010111011100111110101010001011010001110000110000111010110010000010001010001111001011100001100110000110111011110010010111001010000001010100011000001011010101000111101010101010011011000110000101011100000111010000001000010000010011011111000000001101101001111111100001001000100110001010110000010110000101100100100111010101100100101001101100010000100000100100101000110110111001000011000001011001101101010110000001000010000010111111010100011101010011000110000111101000001010110000011011010001110000010111111100001000000110001001100011011000100111101011001011110110000101001111110000001000110011110001100110011101001101011100011000010100100001101001100101011101110100000011001001110101111000001110100111101001010001001100111110101011111110111011111110010101001110101111011001001001010101110101100100000110000010101101101111101100101011111100000000011010010100110101001110000010001111000100100110110010111101010111010111001100110011011100010100010111001010100011111100010001000011000010011101000001000010101011000000111110111111001111001000111100101000001100101010000001000011100110101101111111101010100100010010001010011101111001100111111101101001011010011111101101000101001100010101101111011100101001100101001101101001110001100101001101010000110000100111001010000100101101100111110001011000011101011010100110110011001000111110000100100010110110010110000000011111101111011010110010110011000110010101110000001000011111101101100100110000110111100100001110010101111000100000111101011011001110010011000110000100011111010000000101010000110110011111011110001111001110011100000001101101100101110101100110011110001001111001001101010001101111101010000011000000010111111100000110000100011100111101101110100111010011111011110000011010010000010001101100010000110110001011101000001100000111110100001110010010101111001010101001111111011010100010000111000000110101011001101010001101001010000111001100011000101111000010001111010011001111110110000000101011001011110101100000111100010111010110001011111001000	6740600505432210627300160006370623351341441314017771343315673205513235725311156035554175434141355353055057065067042054040400020120357461470713311302454761436474474016017177435446171557531605470031002755114621361571404027203703754751021417250137757245430623213244257753026615136244246775045400002157541042166230706427773206756706466357057372734765213216060726202121713414606736227120124301325075252330605340720102023370015517741104612602605444725445154204044506671030131552601020277243523060750126033216027741006114330475313660517601063614635153430244151453564031165701647512114765376737625165731112565440602555754537400322465160217044662752727146334242712437421030235010253007677171074501452010346557752442212357147755132375505142557345145155161451520604712045547613035324663107604426626003757326263062560103755446067441625704075331623060437200520663736171634015545654636117115215752030027740604347556472373603220215420661350140764162257125177324207006531521512071430570217231766005313654074272613710
dd317781c26b9c0	996165747214825920	110111010011000101110111100000011100001001101011100111000000	67230567403411534700
4bbee62671930e3b99f268403afc6f313e32e2bbbd66f4a21535c490fa738865ad5d95e3eb	37670096326416211058973281558832388586407636901672578047890324767484853068064804398556139	1001011101111101110011000100110011100011001001100001110001110111001100111110010011010000100000000111010111111000110111100110001001111100011001011100010101110111011110101100110111101001010001000010101001101011100010010010000111110100111001110001000011001011010110101011101100101011110001111101011	113575630463431141616714762320400727706746117431342567365467512102515342220764716103132653545361753
1372a95ccca380aa	1401368650100998314	1001101110010101010010101110011001100101000111000000010101010	115625225631450700252
6efe9b600284cfa	499875051557375226	11011101111111010011011011000000000001010000100110011111010	33577233300012046372
da	218	11011010	332
38d57754	953513812	111000110101010111011101010100	7065273524
68480de53202a75	469641953519086197	11010000100100000001101111001010011001000000010101001110101	32044015712310025165
13a	314	100111010	472
5e8f7a8c30dc228135f4b2021d5f7aecc48287503e66a1a567c2bfcd84f6cd9abc1884b5ff3b1fc1dca5d9b12a6ccd428d10f7bc33bcd473b290e71c233f8e05aec71cc9b5b59e60ce58989c777f510ef56dbb3c3acebb95c28f78a4cdc7dd5a6e61a23d2f068007ca0e1f35a9c8bab293847b27e21a62c23748ee59b5	3957904325422431853149122888444139026626026195757387643763733114093287454906712754757638963013725273190916882852071035451061504063523248562733189008801815160796682999404408585616862604443447430902495193994667914771871372490713753405028945311853821256283354179916099514050064733726858057656527573899701	101111010001111011110101000110000110000110111000010001010000001001101011111010010110010000000100001110101011111011110101110110011000100100000101000011101010000001111100110011010100001101001010110011111000010101111111100110110000100111101101100110110011010101111000001100010000100101101011111111100111011000111111100000111011100101001011101100110110001001010100110110011001101010000101000110100010000111101111011110000110011101111001101010001110011101100101001000011100111000111000010001100111111100011100000010110101110110001110001110011001001101101011011010110011110011000001100111001011000100110001001110001110111011111110101000100001110111101010110110110111011001111000011101011001110101110111001010111000010100011110111100010100100110011011100011111011101010110100110111001100001101000100011110100101111000001101000000000000111110010100000111000011111001101011010100111001000101110101011001010010011100001000111101100100111111000100001101001100010110000100011011101001000111011100101100110110101	572173650606067021201153722620041653736566304405035201746324151263702577466047554663257014204553774730774073451354661124663152050642075736063571521635451034707021477434026566161631155332636301471304611616737650416752666731703531656712702436742446334373526467141504364570150000762407037153247105653122341075447704151426043351073454665
2ab86875	716728437	101010101110000110100001110101	5256064165
58a89c02bca927e	399282975437132414	10110001010100010011100000000101011110010101001001001111110	26124234005362511176
676e8207851326	29113427352163110	1100111011011101000001000000111100001010001001100100110	1473350100741211446
10d45955	282351957	10000110101000101100101010101	2065054525
3f1d586a	1058887786	111111000111010101100001101010	7707254152
26d	621	1001101101	1155
c28e41	12750401	110000101000111001000001	60507101
0	0	0	0
c95d3d6a3566ee58	14509821100829371992	1100100101011101001111010110101000110101011001101110111001011000	1445351726506531567130
1391ce894b533d78	1410135247413263736	1001110010001110011101000100101001011010100110011110101111000	116216350451324636570
1	1	1	1
240147448f670b0	162152076258209968	1001000000000101000111010001001000111101100111000010110000	11000507211075470260
471918ad8fdac907	5123153184832538887	100011100011001000110001010110110001111110110101100100100000111	434310612661766544407
3d8daaa4	1032694436	111101100011011010101010100100	7543325244
2fd	765	1011111101	1375
11e30b9e1b22c47ff4bc7556d	88571619049401655124226954605	1000111100011000010111001111000011011001000101100010001111111111101001011110001110101010101101101	107430271703310542177751361652555
48f874b738efacd	328630055952382669	10010001111100001110100101101110011100011101111101011001101	22174164556343575315
5f86480779e38a9a58d3bbadc55ff70d8e010cba3d7ab4a302cea7e38eb9627d7ec6cc0f7971c5741aa7e47ddde0a5b313c81d19809c2d1a6bf9a023301c4fb87e3c49396b36e6b994d45b10773c7e4ce1a6a4f49772258aca6da592e97fcda48f39f5e09ed5d210c9cb68cbce8180e8d73f93a440ea658980f4e086e8e4808603cbd14f0afb9c8b5ac3e66f8d4506e3951e7a95d3f8c9fe3f552494bd8462075db002a6ac1edef0f835a3110b98e88911ed91432f304ef249b5ce97ca5e0e7b6864928c7254612c4cfd20154c5eb5636694ba8ba64bc38f2ab367976e108774ea20b7794032f52d048a8833f0de1e0354e640dbee95d538efb8d1ca26689bc7b7d938298791551592de82d20477aca132f3f0cc64adb82c5f44d720db29c48761e88346dfba810c67d997ec5621101966e7b4594f9b0c7e9358719bc55eb7e158706998e7e466c58e70c9462f09dfb728cfc0a9c6b5c42b48d173cd80b868e31e0280969287dc620c5871cb7dee30c3a0a9568fda5929	459052086907910476249961137616611414775063792255467910880729259015655852072087555578030435503834193075558755327959662185549105792425898798758027400455459536464076430908013066493246648062002362465047003409167449996865645685490946613081781542157186415405335798337661245786005140252085067687314923685160067242971100555940337251887137729466113817356331356078616926998550808753233218549842478893359594403146661739603646439205441423793611219592295308977300738636340370495578195093559924833249484070532455100999791261193293697497731011659985684056502892145206445262005010559065830692248679806839568085485040304723997982270422754120893337986710221540956810075896218248448511334831792549923934824243922307478928590064094822260669270337930657678895005798836943351504282529230919745256832470687616196474674954491768666595154330580246286765078354390248898020142877349906470083564502780413385379660286414541324704041	10111111000011001001000000001110111100111100011100010101001101001011000110100111011101110101101110001010101111111110111000011011000111000000001000011001011101000111101011110101011010010100011000000101100111010100111111000111000111010111001011000100111110101111110110001101100110000001111011110010111000111000101011101000001101010100111111001000111110111011101111000001010010110110011000100111100100000011101000110011000000010011100001011010001101001101011111110011010000000100011001100000001110001001111101110000111111000111100010010010011100101101011001101101110011010111001100101001101010001011011000100000111011100111100011111100100110011100001101001101010010011110100100101110111001000100101100010101100101001101101101001011001001011101001011111111100110110100100100011110011100111110101111000001001111011010101110100100001000011001001110010110110100011001011110011101000000110000000111010001101011100111111100100111010010001000000111010100110010110001001100000001111010011100000100001101110100011100100100000001000011000000011110010111101000101001111000010101111101110011100100010110101101011000011111001100110111110001101010001010000011011100011100101010001111001111010100101011101001111111000110010011111111000111111010101010010010010010100101111011000010001100010000001110101110110110000000000101010011010101100000111101101111011110000111110000011010110100011000100010000101110011000111010001000100100010001111011011001000101000011001011110011000001001110111100100100100110110101110011101001011111001010010111100000111001111011011010000110010010010010100011000111001001010100011000010010110001001100111111010010000000010101010011000101111010110101011000110110011010010100101110101000101110100110010010111100001110001111001010101011001101100111100101110110111000010000100001110111010011101010001000001011011101111001010000000011001011110101001011010000010010001010100010000011001111110000110111100001111000000011010101001110011001000000110110111110111010010101110101010011100011101111101110001101000111001010001001100110100010011011110001111011011111011001001110000010100110000111100100010101010100010101100100101101111010000010110100100000010001110111101011001010000100110010111100111111000011001100011001001010110110111000001011000101111101000100110101110010000011011011001010011100010010000111011000011110100010000011010001101101111110111010100000010000110001100111110110011001011111101100010101100010000100010000000110010110011011100111101101000101100101001111100110110000110001111110100100110101100001110001100110111100010101011110101101111110000101011000011100000110100110011000111001111110010001100110110001011000111001110000110010010100011000101111000010011101111110110111001010001100111111000000101010011100011010110101110001000010101101001000110100010111001111001101100000001011100001101000111000110001111000000010100000001001011010010010100001111101110001100010000011000101100001110001110010110111110111101110001100001100001110100000101010010101011010001111110110100101100100101001	2770311001674743425151306473565561257767033070010313507536532243005472477070727130476576615460173627070535015247710767357012266304744035063002341321515376320043140161175607707422234553155632714515213304073474374463415152236445671045425451555131135137746644436347657011732564410311626643136350060072153477447221007246261140172340415643444010300362750517025756344265530371467615212033434521717245351770623770772522222457302142016566600052325407557360760326430420563072104421733105031363011674444665635137122740717332062222430711243022611477220025230572653066322456505646227416171253154745667020416723521013357120031365132022124203176067417003251631006676722565234357561507121146423361733731160246074425242544557202644021675312046274770314311266701305750465620333123422073036420321557672402061476631375425420420062633475505451746606176446541614674253655760530340646307176214661307160622430570235766712147700523432656102551064271715401341507061700240113222417561420305416162676756141416405225321766454451
707a5b47	1887066951	1110000011110100101101101000111	16036455507
5f08f4ce3b29b74c	6847992400009869132	101111100001000111101001100111000111011001010011011011101001100	574107514707312333514
f1a38e40d5f3d8707311d203f691da328606f9aecad29484905178c36b472c41a11d010166957f3c7488b614c54c80a27c98a1dfd3e85d5e96c9fe335fbf7e85a2ad77a065dff277aeb03006011581bdb5dc011a86d9325f576f4c15220a04f9e7ce47a533a8f2f0295827131b2eef1ebe49e90d7fc2ec1c50b2a11bd8adbe389d947ef7fbaadb313194052120130dc7ad11da73946a023b378e73abd62dac59488fe9e4873f001b323c8a234de559d5315b907a6d9040fc7f20bd62d6cc63f9f30f3626095366971a4fc972fbf5ddf43bee8a76bed46d0231aca7524c4b1ac866f1a915a85dd55575d7181347cf7fc68c0605b41b7e5b06a6141c7981029c891b0f4e8c094edb7861c2f49fe5c4df5ad3cb5807a51942109bbff1159c15f42e6a8726c0adc89a9bad7cea08bb7e8c306834d214ab365911a7ac5b96aba45d681bf31868e6304cad95132c0c0255e79cff85b715aa6dc398d251d39f58ddbb09373a373e3c2eb0e037aa6b7ef4aa1f9fff151792bb8943	1161218263005383972807229631446242174685802064109345399320768001914260862757168958369074300040151967459059169066361025000045456178111954553935117160749747569263225834702890658175300368638372383591205207344308426604105381022949202967404122437624914272523985382758133741874642397222131097203345849235687439115525261436884215329179687191228631271324211782393754660078952136365815144837563037422448508229292504308624523390831070641091212848591072436300350609723095720968207494303674683009011887583168138415309616507057626837322911252037239649983059096630236211873532739470451147078131528799101452563185117072710380961776414638071939676031571208776596901374793204367259675582002326119185289905731942505008187965689103459935449722686939124724014257464844286855235888866263359269918104462098870182997517361849303561511228113766064634146041837813577159584625831949397140793877253144290604093146826554720378390851	111100011010001110001110010000001101010111110011110110000111000001110011000100011101001000000011111101101001000111011010001100101000011000000110111110011010111011001010110100101001010010000100100100000101000101111000110000110110101101000111001011000100000110100001000111010000000100000001011001101001010101111111001111000111010010001000101101100001010011000101010011001000000010100010011111001001100010100001110111111101001111101000010111010101111010010110110010011111111000110011010111111011111101111110100001011010001010101101011101111010000001100101110111111111001001110111101011101011000000110000000001100000000100010101100000011011110110110101110111000000000100011010100001101101100100110010010111110101011101101111010011000001010100100010000010100000010011111001111001111100111001000111101001010011001110101000111100101111000000101001010110000010011100010011000110110010111011101111000111101011111001001001111010010000110101111111110000101110110000011100010100001011001010100001000110111101100010101101101111100011100010011101100101000111111011110111111110111010101011011011001100010011000110010100000001010010000100100000000100110000110111000111101011010001000111011010011100111001010001101010000000100011101100110111100011100111001110101011110101100010110110101100010110010100100010001111111010011110010010000111001111110000000000011011001100100011110010001010001000110100110111100101010110011101010100110001010110111001000001111010011011011001000001000000111111000111111100100000101111010110001011010110110011000110001111111001111100110000111100110110001001100000100101010011011001101001011100011010010011111100100101110010111110111111010111011101111101000011101111101110100010100111011010111110110101000110110100000010001100011010110010100111010100100100110001001011000110101100100001100110111100011010100100010101101010000101110111010101010101010111010111010111000110000001001101000111110011110111111111000110100011000000011000000101101101000001101101111110010110110000011010100110000101000001110001111001100000010000001010011100100010010001101100001111010011101000110000001001010011101101101101111000011000011100001011110100100111111110010111000100110111110101101011010011110010110101100000000111101001010001100101000010000100001001101110111111111100010001010110011100000101011111010000101110011010101000011100100110110000001010110111001000100110101001101110101101011111001110101000001000101110110111111010001100001100000110100000110100110100100001010010101011001101100101100100010001101001111010110001011011100101101010101110100100010111010110100000011011111100110001100001101000111001100011000001001100101011011001010100010011001011000000110000000010010101011110011110011100111111111000010110110111000101011010101001101101110000111001100011010010010100011101001110011111010110001101110110111011000010010011011100111010001101110011111000111100001011101011000011100000001101111010101001101011011111101111010010101010000111111001111111111111000101010001011110010010101110111000100101000011	7432161620152763660701630435100375510732145030067632731264512204440505706066550713040641072004013151257717072210554123052310024237114241677517502725722662377063277375764132125535720145677711675353006001400425403366656700043241554462276535572301244202402371717471075123165074570051260234230662735707537111722065776056603424131241067542555743423545077367767253331423062401220440046067075321073234712152004354674347165365426654262442177236220717600033144362121064674526352461267101723331010077077440572613266306177174607466114045233151343223744562767727357503575642473276650664021432624724446113065441467432442552056725252727270601150763677706430030055501557626603246050161714020123442215417235060112355557030341364477627046765532362654007512145020411567774212634053720563250344660126710465156553716501056677214140640646441225315454421517261334552564427264033746141507143011453312423130060022536363477702667053251556071432224351637261566730223347215637074135303401572515337572252077177770521362256704503
79b405103f4e61eb23e0ecc32016aca8f52cccada3584fa520b1a6ed6cef5f089af05b11fcb	968413286888821900233090937499655700490483118386732361862865043440125187079336842511851467	11110011011010000000101000100000011111101001110011000011110101100100011111000001110110011000011001000000001011010101100101010001111010100101100110011001010110110100011010110000100111110100101001000001011000110100110111011010110110011101111010111110000100010011010111100000101101100010001111111001011	3633200504037516303654437016630310013254521724546312664326047645101306467326635727604232740554217713
dff5ee99af1deb9	1008629198974213817	110111111111010111101110100110011010111100011101111010111001	67772756463274357271
51c8e25d	1372119645	1010001110010001110001001011101	12162161135
1	1	1	1
266b46021d9d375	173023960678126453	1001100110101101000110000000100001110110011101001101110101	11465506004166351565
1	1	1	1
3e6f7af2	1047493362	111110011011110111101011110010	7633675362
fb4a19cc94a3798	1131707101140891544	111110110100101000011001110011001001010010100011011110011000	76645031631122433630
3b6b6fee4119c8	16725152108714440	111011011010110110111111101110010000010001100111001000	733266775620214710
6df8768f7b098a9	495263368935938217	11011011111100001110110100011110111101100001001100010101001	33374166436754114251
1e	30	11110	36
3f4764e70774acb	284982755697576651	1111110100011101100100111001110000011101110100101011001011	17643544716035645313
a4bc41b9aaaea47	741902186470632007	101001001011110001000001101110011010101010101110101001000111	51136101563252565107
58d12b5f903a577d	6399944234911815549	101100011010001001010110101111110010000001110100101011101111101	543211265762016453575
6af92fa6e19fc49	481765289438608457	11010101111100100101111101001101110000110011111110001001001	32574457515606376111
11b	283	100011011	433
3bb9e2e7635399e	268982525147560350	1110111011100111100010111001110110001101010011100110011110	16734742716615234636
5330f12a83066f45710545889432fb3a1f86290dceb709f773874b67f2c91852ceaecb2fb80	661966509274306653090470446462975169544523458329938166611982320707544606856501924897946496	10100110011000011110001001010101000001100000110011011110100010101110001000001010100010110001000100101000011001011111011001110100001111110000110001010010000110111001110101101110000100111110111011100111000011101001011011001111111001011001001000110000101001011001110101011101100101100101111101110000000	2463036112501406336425610124261045031373164176061220671655604767347035133177131106051316535454575600
ae	174	10101110	256
"#;

    #[test]
    fn differential_to_text() {
        let mut n = 0;
        for line in DEC_TABLE.lines().filter(|l| !l.is_empty()) {
            let f: Vec<&str> = line.split('\t').collect();
            let (_, mag) = from_hex(f[0]);
            assert!(mag.iter().all(|d| *d <= MASK));
            assert_eq!(to_decimal(&mag), f[1]);
            assert_eq!(to_base(&mag, 2), f[2]);
            assert_eq!(to_base(&mag, 8), f[3]);
            assert_eq!(to_base(&mag, 16), f[0]);
            let (_, again) = parse_int(f[1], 10).unwrap();
            assert_eq!(again, mag);
            n += 1;
        }
        assert!(n >= 60);
    }

    /// `base<TAB>hex(utf8 input)<TAB>hex(utf8 "OK <hex value>" | "ERR <message>")`,
    /// generated with CPython 3.13.0's `int(s, base)`.
    const PARSE_TABLE: &str = r#"
10	30	4f4b2030
10	2d30	4f4b2030
10	20313220	4f4b2063
10	2b3132	4f4b2063
10	315f303030	4f4b20336538
10	315f5f303030	45525220696e76616c6964206c69746572616c20666f7220696e742829207769746820626173652031303a2027315f5f30303027
10	5f31	45525220696e76616c6964206c69746572616c20666f7220696e742829207769746820626173652031303a20275f3127
10	315f	45525220696e76616c6964206c69746572616c20666f7220696e742829207769746820626173652031303a2027315f27
16	30785f6666	4f4b206666
0	30785f6666	4f4b206666
16	30786666	4f4b206666
0	30586666	4f4b206666
0	3062313031	4f4b2035
0	306f3137	4f4b2066
8	306f5f3137	4f4b2066
10	306f3137	45525220696e76616c6964206c69746572616c20666f7220696e742829207769746820626173652031303a2027306f313727
0	303130	45525220696e76616c6964206c69746572616c20666f7220696e7428292077697468206261736520303a202730313027
0	303030	4f4b2030
0	305f30	4f4b2030
0	305f37	45525220696e76616c6964206c69746572616c20666f7220696e7428292077697468206261736520303a2027305f3727
0	30305f30	4f4b2030
16	3078	45525220696e76616c6964206c69746572616c20666f7220696e742829207769746820626173652031363a2027307827
0	3078	45525220696e76616c6964206c69746572616c20666f7220696e7428292077697468206261736520303a2027307827
16	306231	4f4b206231
36	7a	4f4b203233
36	5a	4f4b203233
2	3130	4f4b2032
2	32	45525220696e76616c6964206c69746572616c20666f7220696e7428292077697468206261736520323a20273227
10		45525220696e76616c6964206c69746572616c20666f7220696e742829207769746820626173652031303a202727
10	20	45525220696e76616c6964206c69746572616c20666f7220696e742829207769746820626173652031303a20272027
10	2d	45525220696e76616c6964206c69746572616c20666f7220696e742829207769746820626173652031303a20272d27
10	2b2d31	45525220696e76616c6964206c69746572616c20666f7220696e742829207769746820626173652031303a20272b2d3127
10	312032	45525220696e76616c6964206c69746572616c20666f7220696e742829207769746820626173652031303a202731203227
10	d9a1d9a2d9a3	4f4b203762
10	e380802034320a	4f4b203261
16	30785f	45525220696e76616c6964206c69746572616c20666f7220696e742829207769746820626173652031363a202730785f27
16	30785f5f66	45525220696e76616c6964206c69746572616c20666f7220696e742829207769746820626173652031363a202730785f5f6627
0	305f7831	45525220696e76616c6964206c69746572616c20666f7220696e7428292077697468206261736520303a2027305f783127
10	393939393939393939393939393939393939393939393939393939393939	4f4b2063396632633963643034363734656465613366666666666666
16	2d66666666666666666666666666666666666666666666666666666666666666666666666666666666	4f4b202d66666666666666666666666666666666666666666666666666666666666666666666666666666666
8	37373737373737373737373737373737373737373737373737	4f4b2037666666666666666666666666666666666666
2	31313131313131313131313131313131313131313131313131313131313131313131313131313131313131313131313131313131313131313131313131313131313131313131313131313131313131313131313131313131313131313131313131313131	4f4b2066666666666666666666666666666666666666666666666666
35	7a7a	45525220696e76616c6964206c69746572616c20666f7220696e742829207769746820626173652033353a20277a7a27
37	3132	45525220696e7428292062617365206d757374206265203e3d203220616e64203c3d2033362c206f722030
1	3132	45525220696e7428292062617365206d757374206265203e3d203220616e64203c3d2033362c206f722030
-1	3132	45525220696e7428292062617365206d757374206265203e3d203220616e64203c3d2033362c206f722030
10	6162630a	45525220696e76616c6964206c69746572616c20666f7220696e742829207769746820626173652031303a20276162635c6e27
10	69742773	45525220696e76616c6964206c69746572616c20666f7220696e742829207769746820626173652031303a20226974277322
10	227822	45525220696e76616c6964206c69746572616c20666f7220696e742829207769746820626173652031303a202722782227
10	6974277320227822	45525220696e76616c6964206c69746572616c20666f7220696e742829207769746820626173652031303a202769745c27732022782227
10	007fc280c2a0e2808bee8080f09f9880c3a9	45525220696e76616c6964206c69746572616c20666f7220696e742829207769746820626173652031303a20275c7830305c7837665c7838305c7861305c75323030625c7565303030f09f9880c3a927
10	316535	45525220696e76616c6964206c69746572616c20666f7220696e742829207769746820626173652031303a202731653527
2	3062	45525220696e76616c6964206c69746572616c20666f7220696e7428292077697468206261736520323a2027306227
2	30625f31	4f4b2031
2	304231	4f4b2031
10	5f	45525220696e76616c6964206c69746572616c20666f7220696e742829207769746820626173652031303a20275f27
0	315f305f30	4f4b203634
0	305f	45525220696e76616c6964206c69746572616c20666f7220696e7428292077697468206261736520303a2027305f27
8	3037	4f4b2037
16	30783167	45525220696e76616c6964206c69746572616c20666f7220696e742829207769746820626173652031363a20273078316727
10	d9a378	45525220696e76616c6964206c69746572616c20666f7220696e742829207769746820626173652031303a2027d9a37827
10	312e30	45525220696e76616c6964206c69746572616c20666f7220696e742829207769746820626173652031303a2027312e3027
10	20202d202031	45525220696e76616c6964206c69746572616c20666f7220696e742829207769746820626173652031303a202720202d20203127
0	35393136353737323431333932333039373431393134303239323136393333333834303934363232373834333736323932	4f4b203430633563376664306136613361343530363531333237306532363965306433376632613734646534
16	2030783161633336663033363735613136303061333561303939393530643809	4f4b2031616333366630333637356131363030613335613039393935306438
2	202d313031303031303031313130313131313031303030303031303031313030313131313030303031313131313130313031313030303131303030303131313130303031313131313030313031303031313130313030303031313031313031303130303131303031303130313030313131313131303130303130303031313131303030313130313030303030313030313131313130313131303131303130313130313031313031303030303130313131303030303130313130303131303031313130303030303131313030313030313030313130303031313030303030313031313030313131313130303130313030303131303030303031303030303031303131313031303030313131313131303131303030313031313131313030303031303030313109	4f4b202d32393362643034636630666436333066316632396430646139393533663438663161303966373662356131373062333338333932363330353966323863313035643166623137633233
36	68376361307a6537766f373836	4f4b203436623463623234323461323364353936
0	35315f3434393532343131373636363733	4f4b203132343734653934653362663931
0	2d313536323332363837353832343234353030333630363131303436373834393030373131303530363733313839373139353134363439333537333934383830333434333036383235353239363334313434323537343630	4f4b202d353036626632656663366638373731383664373662303765383831656431363261653265623135343766313530353234333462396235646639653737363962313066343230356234
8	3434373133343636333033353237323537313636343430323537363730303536333336303031313030353433353736353737373130303634313437313530373130323436333335313030353236323330333236373235373035313732313633313736333731373530363737353730373530353635303430	4f4b20313237326536636333616261626365643230353765653035636465303039303263373765626666323036383637333437323134636464323035353933306436656166313466343733336633653764316266626337613265613230
0	3932313431383839353238363331393639393935363938353337323633323537383638313833313430383030383434353539373031	4f4b206636343630613039376339373662663436633639376432636166383265656561636265323236653837353535
8	2d325f313231353237353430333631363535313733323630353737323735303135373533343130313031373730323134363437313332313335313434373337333235343630303130373135363632343335303031343333	4f4b202d32323864356563306631643639656436313766356538333764373038323066653131396137326431373463396466366163633031316364643934373430333162
7	34303135313631313331303032333134343231343130343630343532363336343536333531343032313230353633333536343132343036303634303231303435363335363233323131333331323033353033333336363034363636363334343035363233303532363134333430323234323435353633	4f4b203538646162326364333165653331353132383836326333336134666237373465623532343864623430616637323135383337306432363961396135616536353866333366653362383930623933663434386233
7	2d335f3334333432313230343033323231343331323433343634313633343132343432343634343034363331333635353230333533353630363434323131343632343630303033363636343232313030343436333334313235353432	4f4b202d636262393365613366363361663833626430353631653632313163373063663439393532333939633461616561633133376463373666623066313761333030
0	2d35343839313739363032373336373634363539343631373735333936323934343739363436323234343030353233343630383335333938393436343331383837333136393739363232383730323730333735373131	4f4b202d3264333539613834373436396134643863646233303566646432653136303936653336616162306431626335326439323330643937376565323235373135393437323037373166
16	3078313335646265326431633961663031353365376332613236613263306264	4f4b20313335646265326431633961663031353365376332613236613263306264
0	2d3233323831373631303537343834363032373236303736353031353633303838363338333532353732	4f4b202d34343662343031336566323534623063346530313063343735393438326339636263
3	2d3131323132303231303130303231303230323131313132303031303030313130323031323130303030313232303130303030303030323231313030303032323232323031303230303030323032303030313230303132313032323231323032303231313030303032313132303032313031303130313231323030303131323031323030313130323031303031303030303030313132313131323131303032303131303032313030	4f4b202d646565363437636238663734653639613564306464323761363562643632383838316164316237326462613761626531633239653161386566346633343165303761
8	31315f3532373033333430363235303730323231303237363232343631343534373232353630363331363630363131353237303630313032353736303233313332303634323131373333303537353134313435373131333732303737353733363232343134363430363634323036	4f4b2031333537306463313935316332343432663932393863623361353730636365633331333537313831306166633133326430643131336462313764333063626339376430666566373932383636383336383836
8	3536343235343336323733343437313035	4f4b2035643135386632656534653435
0	2d313434333837333139313939323030373332323933373637	4f4b202d3165393334303933663664656132363861613837
0	323630373434373731303633353430313635333635373532383238343735313830323335353732383738333234303930393039373131393239343732353635363335313633333535383636	4f4b203933393338393135666338393965346664353864626537626463393638623761666232633638373734623135643766613532396261336665336266616461
36	6139703238716f37703565646375783873736931367a3678766e39336135766d353131756e6b6f79627a6c786e67776e6b6f32323937387077766e797176646131306d656d	4f4b203738623064353930626230613834346535323538376265366235633962636633353837336265303738663362376135306466333733636135333334383866383736303565393939663338343265376663323239353430613665
16	2d313838616134323438633838353766396134333930386632323763353964623931363562306565373666326163333434343665383833613164343564653030393937383462356138313834326438373230386438366634306636	4f4b202d313838616134323438633838353766396134333930386632323763353964623931363562306565373666326163333434343665383833613164343564653030393937383462356138313834326438373230386438366634306636
16	36643137653434393733643438383261356365356232613932	4f4b2036643137653434393733643438383261356365356232613932
7	2d313335333234	4f4b202d36353232
8	2d3236323735313736333630303337363632373130373536343734353733373630323337303137343733373631323431373536323337333031353131	4f4b202d6232663466636630306665636239316565396535656665303966303763656665326131663732376438333439
7	343033343432343034343034353030323634323432313530323032343030353531323436	4f4b203133376238663261623533343531643031333536373566366164
3	31323130313230303232323231303130323230313130303031313030313131323230303131323230303231313232323232323130303131303032313131313130303032313230313132303230323032303031303031323231313130323230303031313232323230303030313232303231313132303130323231323231303132313030313231323231303132313231323030323032323132323131323230303231303230313132303132303030303030313132323231303231313132323231303131323032303231323130303032323032	4f4b203165393333303639386131633030393334393262363234363737316338343530303730363337373134303765386537323738393165623230313039613931633234333964356162386234643135623430616562
7	36323334353330343136343433333635333332333233363636333334323533303435343436313030313334333630363632313530313531363131313031363032353530343030353634343436353330323436323031343630363231313134353432363033313133343333323530323136303533363634343334313235353232303433	4f4b203163333532303835393633346665336339633866326238353563316632386161636135316239386336376332313562643434386666323631343965646265346335636536363663313439346537363931623036663635353561626665
8	3132373531313033303430353033373530363133343334323537363134333531373630333631313736343734303333363534363634323335313133353737373335373335323532303431323734303632373435353733353132363737323735323532323236	4f4b2031356539323138383238376538633563373135663863373466633165323765396530366635396234346539326566666464656561613834326263313937393666373461646661663535343936
16	2d305833393534633639333630366465666364666238356330646433376565393135333164656334663464663261386237396663386538306233	4f4b202d33393534633639333630366465666364666238356330646433376565393135333164656334663464663261386237396663386538306233
7	2d3130303135333636353536313631313531333336313336353532323335313035333031333535363033313632313431343431313336363331313235	4f4b202d3732313865306237626435386463646234366234343638303638623561623365653432363562623331
7	3130363232343434313034333635363136363030333234363235343336303536303532363333323336303034363132333335313231353130303230323330343634323335353136343030333431333634343336303330333036363336363533	4f4b2031306332366465626664623838323561653536323137396233376438303663313062356530636661623463656165666334643264336266366430313662616534623562
8	202d3230343534353335323635303435343035313536333434313632343137363336333037313234333437323435373637363137333136333032353636373135313434323035363437343736353533313536373434363636353233333034343137323332353630313330313733353230373632333133313335313233373134343534363735303609	4f4b202d32313263616561643434623035333733393065353066636633316361386537353266646631656365363135646239613634343265396537643662333737393336643533363234336433353730326331656561316632363539373461376363393636663436
2	2d313130303031303131303131303031303131313030313131303130313130313030303030313031303131303031313031313030303130313131313130303030313031303030313130313131303031303030303030313030313130303130303030	4f4b202d633562326537356130616364386265313436653430393930
7	2d333331333035313230363136313335343030353035353030313234343436363036363230363535323233313333343531313231323134343533303132333236313233313436323031313135363530353635	4f4b202d353333306331366133383331643033626639623262643663303831366265653036663932653233333939636365613039383533356236613433
7	31305f30353535323630343330313036333632333035363430333431313332363536353031363531343436303335353333363132323534363134313632333436323535333033323133323032333435333336313036343533353430323331	4f4b203465643834653931656631333262663264653034303031356365303634613131343835663131313562623266666631376233663636356564656631303633376365
8	2d32343636333435353332353630343533343031323733323636363437343635303334373534363530303137313532373530333237373636313132323233303330323532303731303036353234	4f4b202d353336373264366165313262383061656436646137396138373364396138303739616264306437666231323932363138353530653430643534
3	31323032303130303232313130323032313031313030323132303030303131303031313230313232323232303131323030303032303130323231313030313030313231303032303131313232303231313030303232303032323231323131313032313232303232303232303230303132303231303031313232303030323232313131323132303231323231323032323130313130323132323132303131323130313030323132303231323232303232323232313131303030303231313032313132313032303232313132303030303131323032323232303031323130303232323231323032313030	4f4b203739656262663236386561303338333665383635373762643839316666376231303364663233323331653165653230313535323234306362616364303234396134353834356462653330323361393036393232666134623961396334
0	2d315f373533363731383838313736353933313535383436353435353038383234393533323231383630343036323931343434323639373737363933313532373839343836373433323037333130303234323635343134393638313835363439323736353930313031	4f4b202d63383731343662643863363736353664303530636436373630313336373833666562313762666537623861653436653738333661346234643139656331323935356436663033393435333336626435316231383135
36	202d3431616e757a3435776e616632633530707265657a386f6c72756b796c367571706c09	4f4b202d3138393930346131303534376234303162613835373063316463613137353662373238393864643633636239
36	2d315f6d317064377262616e6f706578766939356869657772	4f4b202d3536313432316164326435663165303562336531336638633131306662
3	2d315f323131313032323131303131303031323230313031303230323230303032313132323130323130303231313231323230313130313231303232323131323130313031303032323230313130323232303032323232323132	4f4b202d3663623663313864393832643164636563353332313261386439626331376139323632
36	346c7976716570313468786c686e61656a6d6b373673397a7031633261357462347335646a6e6c7667787031766230636f3832393235396764	4f4b2064326565666132373962303265336438646363623163353164306562613065613834373730613038373136653666656333353362393733373762333465386563653765396565353164
8	2d3230373037333733353335333636363330373134363435313536363134303736303432353334303233313533	4f4b202d343338656662616562646233316363643239626231383365313135373032363662
8	3236353531303331333130333334333731363233303133303337303334373331303231323334303332313137343437373532323631303434343437323332323732343534353437343635363634373231343532343135323734343533353130	4f4b206235613433326338366533653732363062306638373362323131346530363839663237663532633434393237346432656135393637396165643361333261383661663235373438
16	2d30583966626437376465656137626236343333613731353638	4f4b202d3966626437376465656137626236343333613731353638
2	31305f30303030303030303131313131313130313030313031313130313131313130303031303130313130303030303031303031303130303131303031303130313130303130313030303131313030313130313130313131313031313131303031313130313030303131313031303131303030313130313031303130303030313131313030303131303131	4f4b203230306665393737633536303461363536353163646264653734373538643530663162
8	2d333137353632333332323634373436313137323335303230333531313633303531	4f4b202d33336565346461356137393839653964303833613465363239
0	32375f35303531353130323339363133303939373132353036313030343635383036393132383836313035333438383234303734363730353339313739313438353832393534363936313638323732353330353833383239373231353137393330333433353131	4f4b2031663730323337313631633136623030666437626234656361646561323831623632626235663836363634616536346131343966356533383338623965643561393432326138626330383331313765623836633537
3	202d315f3231303232303031323132313230323232313131303031313031303030323030303231303230323132303032303230303032323132313030323030323232303130303231313231313232313132323231303230313130313031323232313032313130303031313130313031303231323030303031323132303232313132323032323231313232323131303230313230323231313130303031323130313232323031323132303030303232303230313131323031313232313232303031313130313132313031313231313232313032303032303232303032303131313230303230313230323130313131323209	4f4b202d32383037353831323161653365363033613633393636323133626361376664363434646532663064656336383233666235633964353635386639326465616664346264303330363739613434646432336334396361656132636636326261
2	2d3131313030313130303130313030313030313130303031303130313130303031303030313030313030303030313031313030313130303031313131303030313131303131313131303030313030303131313031313031313131303030303130303030313031303130313131303130313030303130313131303031313031313030313131303030303030313130303030313031303131313130303130313131313130303131303131313130313130313130313131303031303030313030303031303031	4f4b202d33393934393861633434383263633738656638386564653130616261386239623338313835373937636465646239313039
16	2d307831316663323332356139663866646432303835343334383135366636333761343638356433383565303634333633653564393030656436623032	4f4b202d31316663323332356139663866646432303835343334383135366636333761343638356433383565303634333633653564393030656436623032
16	202d30783363633131663135373964613061363162323438306335356438356538643030343630643639326564363534313109	4f4b202d33636331316631353739646130613631623234383063353564383565386430303436306436393265643635343131
3	31315f303231313032303132323230323130323132313031303131323032303030313130303130303131313032313132313130303132313131303230303231313130323031313232323131313130323232323030303130	4f4b2039363636343635643238323464343538396331366661313432316431323964303637
3	31303131303230303030323132313131323132323130323230313231323230303131303130303030313031303032323231323031323232313230303130313030323131323231303232313130	4f4b20383737386637663532376235633239356538633933653135613061386165
10	2d3233383737393832383039383730313331303331383936303939383037353435303839303737373833313039363033303738303430323831333939393836313832313639353438373635303830	4f4b202d33346361373539373062333562316465323530653762333461346161303762343965363339376434623936323435643334386266636263663236343333373938
8	31335f373131313031373532323334363130373434373533363235343132303730343135333733363233343532333531363137343330343234303430373334363632343633333737353332303731353030333234343234363332353537343734313332	4f4b2062653439303764343963633437393364373935383530653231616662633963613964333866386334353034316463643934636466663561316364303161393134636435626537383561
2	3130303031313130313131313130313131303130303130303030313131303031313130303031313130303030303130313130313131303131313131303130313031313131313130303030313130303030303131303030303131303131303030303030313130313031303030303031313031313131303130313130303031313031303131303131303131313130303131313030313031313130313131313130313031313031303030313031313031313030303031313131303031	4f4b203131646637343837333865306237376435663836306333363036613064656231616462636535646635613264383739
8	323030363035333237373536353631313737363135373730373132313532343130373632363530343637313431353336343036343335313735323234303434303033333131353233323130333431373637313733	4f4b20343036313561666565623839666631626638653531616131316632643434646363333565383334373466613934313230306439333533343433383765653762
16	307832316438396333366232	4f4b2032316438396333366232
16	307831383862303465353439386462666138616630366263663765393134353764623761613036386631313361353339376636316566376264316438373462633739	4f4b2031383862303465353439386462666138616630366263663765393134353764623761613036386631313361353339376636316566376264316438373462633739
16	313133333763356434326463306638373761653337623766656334623033333132656164323232393330616539313538643461383966303362633561346465653438313262313631303766316265343337633762	4f4b20313133333763356434326463306638373761653337623766656334623033333132656164323232393330616539313538643461383966303362633561346465653438313262313631303766316265343337633762
36	6b366b626a687873336f777836776d646f7376746f706c3330633971	4f4b20663262316334363533636465373736323030623537373435313063613736663432353165
8	2d323234	4f4b202d3934
8	31355f333536313537313631343537343431313030313731313635323433323532363630363535353736323131303330363034313736323434343233303635363131323737363335313137313437	4f4b2031616565333739633635663231323031653465616133353536633335623765343438363330383765353234346336623839356665373439653637
0	3133373039393639303734343037383339303036373439383039333634383737393231363932363631393135363432333430393932393934	4f4b2038663233383538323364313165646131623530316436643166396264666539613736326435343231663236376532
36	2d7434633067623864326770616f7634716776737a3135316475327665673938373331696a65736c3370367279386e6236	4f4b202d6536636130646165376338663039376464666362633966333330386365353030656234653131323862383830373330363562386333353634653237363032
3	2d315f31313231323230323230313030313031313231303231313231323230303131303031303130303132323132303132303232303132323232313230323232323131303231323230303231313130323030303031303230323232323031303031303231313130313031313131303032303132313030313131313231	4f4b202d31353331353863653430303732316638343534643161633662643731393631383931656633656134343530656137646137
0	3838353634353439363738323335393932353538343230363037313930323630333736323738383738333836303430343530393231383339353730313535323338383233393635363436393035303835303232383636303937303536333033343236323539313535363933353733	4f4b203235623564656236376165376666623064643965363365313938363936343935306463323130613235623139356634396630666334306432383430363461333237653264626436613939366465366364313066313033303033303035
2	313030303131313131303130313131313130313131313130	4f4b20386661666265
0	2d345f30313538303237363034393237393933353933343936	4f4b202d38383066383935666335353366643362653938
8	31365f343732363131333433313436343434313236313230363032333036323337303237363735343234333633373536333032323536303335353532323230353334323237363435343334	4f4b2065396436323563363636393231353861313832363332376332666264386133636664636332353730373664343930616532356634623163
10	313734383530373538323831303135393034333737393831323836323938353730343132383132383132393539343336333338313631313131393634373438323834343739	4f4b20363763346561363033343934346632636564653936326136646134666435376335323337393764343563306165643963353964366230323366
3	2d31303131313232303030313230303130313232323231323231323130303231323231313030323231313132323030323031323232323131313032323232303032323130323031303131323032313230323130303031323131323132313230303231	4f4b202d313465336532336639656538626338626431653639313262643331336265653431373835626336
16	2d3058323030396538613833353337323233353133336536313533323936323539633861346139313564303261643634636539316561373732323836346635343936396162336237346665	4f4b202d323030396538613833353337323233353133336536313533323936323539633861346139313564303261643634636539316561373732323836346635343936396162336237346665
0	31313633393837343737303538323131323039303734353135373838343237393938373731373831363839323332373934373932373338343331383939373536333730303432	4f4b2032623263623864313463313733393130653333653763363536373331343139373735386333626138353932336263393135323664366239383761
3	32303130303032313231323131303231303232303031303032303132323230303032313230303032323232323231303230323031313132313230313131313231323032303230303132323131303031303231313132313032323032313030323132323030313132313231313031323131313130313132303131323032313032303130303231313130323132323230303231323032313132303032303231313231303030323031323030313030313132323031323232323031	4f4b2038626565663637666236396634343631323632303161396433363961633066303364656530613834336266653938663863303532343133376665333232653936643333626639313537
8	3130333537333235333435363030363735303534373635333734373431363335363230303731323037373331333431343437353135353735373335303730353535313134303430343036373130373032363437363535	4f4b2038373762353563623830646538623365616663663065373732303339343366363563333237613664663762613338623639333034313036653437306234666164
10	34315f383739383732393530353035323430333634323332323331333034363531323332303137383435343231393138303831323034373934353936313031	4f4b2031613066643934333535343134666530343830326634333561353733366538636439346537323233633638616135353239623035
7	2d323531343133343235323533313630353533353334333134303235333132343131303134363233363434363635303134363133313230313132353435333130353330313632313134353236313532363531313134333132	4f4b202d37366132346565323431633433363433616239653231326239326130313030306262356639376436353231333539363531333264366637653134376664
7	32335f363130353633303133333334363432353032313335353134353131	4f4b206638636438356239633039613236656466316264
16	31	4f4b2031
8	2d345f313633353633313031303033353331303535363530303630323034333330323033303233333637303736363330343231303536	4f4b202d383733623939303430373539313665613036303834366332306332366637316636363232323265
36	2d357a7963767361726170313262376d67356334647075793573726e7132343273733264336d38326633743533676e6e6134736b706b7438327931	4f4b202d323639383939383063353030326164396432623030346237666430393964663230396263613564356537643339336362636464343263393237623936333539353662653331313335646539
2	3130303031313030303030303130303030313031303131303130313030303031313131303030303031313030313131303030303131303030313031303131303030303131303130313131303130303031303030313031313031313130313031313131303031313031303131303131303030313030313130303131303031	4f4b203131383130616434336331396333313538366261323264643739616438393939
8	2d3334323431323637333035373734343234313230363134333330363131303634303236323336363732313031363132313333313137	4f4b202d33386131356262313766393134323836333162313839316130353933646261323065323862363466
0	2d31313237323631313433303132343131303536393832363736333533323530363338333033393430303932303334303538333231353639353035	4f4b202d326466393237636435363861386332396232323137313339303862613962643937653331386164363361306561366531
16	2d305864323234643131343334306666383133666235636464383562626236626264333739323964	4f4b202d64323234643131343334306666383133666235636464383562626236626264333739323964
10	2d353530393235323134303934353631393234343934373438343433373739383233383338373134393831303639363132353339393137313035313731303739383735323935373133	4f4b202d346664326633623137616630316265376633636634623830623832386533616236323833633261653335643234336438376139373338623037396531
3	2032305f30323230323032323130313031303231313130303030303030323032303231323131313032323230303031303030313132313232323231323032313131323231313230303132313030313030303231303230323132303131313230323232323131303231323032313031303231313130303131313030313132303030303030323032323030303232303232303232303232303032303031303132313030303030313032303132323032313231313230303231323232303131313030313030303232313130313032303032313230313231313231323009	4f4b203133313337396639356665386130303630633838303433363833643462633064656136653465363462396362316365633033326536623235373935633138393834346634373666326532303534643065373135393761
10	373236343636303831323033333136363532353337303931363339313030383933373230373831363130383139353839353838303339343832343333	4f4b203733626239336338656235303666363861636532333238393934623634376538613865356565346339313733316262633431
7	202d315f353632303435303530353232323033303432343631333634323530333532363132363134333033323234353334313331303036313432313231313435323134353236323330323633363030333230333536313430303031353433313536333109	4f4b202d62663664366431303666623630656433336130623962323533653361613138313334353466643365373538303832613266346437376235616263626266306531316530
16	3058653239616634396339656261366239313166393735396639626237393134616365316362	4f4b20653239616634396339656261366239313166393735396639626237393134616365316362
16	2d30583232613836393637356636613335643933323161366563313739333466306238623438626230373530633963323065663136373737346566	4f4b202d3232613836393637356636613335643933323161366563313739333466306238623438626230373530633963323065663136373737346566
16	202d6131623409	4f4b202d61316234
2	3131313031313031313030313130303030	4f4b203164623330
36	2d3161786b6f31306a346564637062656c6f74676e38786a636a7538393637307877777a79686e7069386a7179316163756b7134677234686137667a7971	4f4b202d356638623436343331646263336630623238366337303964663234643565663432396336323266353262323534393535633061373464343562363639663735636562653231333536636434326432
7	2d323432343136323030363334353034363331353536313632313336333236313334323331313236343434313536303336303135363136333433313336363232333135343030343136343430353036323435353034333532353330363632343435343530313534353631343130	4f4b202d33366561336264656138633364333735656666313036333561666566313062393961633966313738643737666632346430346664613234633834303763653366613032386561396431386232
10	2d315f3637393230343439303238373332393039373535333436333134353732323535333331343439	4f4b202d3765353434643536643039366266643636653130366330656539646530343739
0	3535343638393430373138333537393139393132323035373632353837303631393333323533303337333937363631	4f4b20396237353033363236626339383538633564366435653962313265316465326432613031363964
7	34333533353036333133343034363633313631333030363035313134303233363134303333333336313031303636323535343033343436353431313630363031323031303435303230363330323430323530363031363631343130313434313132303034323231303432313631	4f4b203239393232313039323537663736383632626637393366346638623964323866316138316263306264316438343634343537656134333238333036383938333061653139653134336135313830
8	353330333135373734373736323734333436323431373137373235353734323233363236343231343737313631303035363332313533353736323436313334323132363632323436	4f4b20616333333766396665356533393934336366656164663132373936383863666365323035636431616566636136326532326236346136
8	3132373434313233343431373434373534363137333237363732373737303633313635353235353431303531373130343033373036363030333537363432323337363435343235343436353236	4f4b2031356534323963383763396563633762356637356666313939643661623631313466323230376336633033626634343966643263353634643536
16	2d3058626366313431303964386436356637623037623834343835633034663931316635326463	4f4b202d626366313431303964386436356637623037623834343835633034663931316635326463
0	35345f38363034303332303235343434323034353937383731	4f4b203734326265323538643236383438303664323666
7	333432313031343034323432303132303132333131313131303430323230363235303232313236313235313134	4f4b203239393362363635336233626338313338366263326239393831653030346662
16	2d305f78613535323566623635623535656131343834336137326333396132386437326562336131336232613432316164316230623730626532303064323138	45525220696e76616c6964206c69746572616c20666f7220696e742829207769746820626173652031363a20272d305f7861353532356662363562353565613134383433613732633339613238643732656233613133623261343231616431623062373062653230306432313827
8	31303234343634363033373130363237313337313130303233303535343033313634373036373333353230353231373031343736323135313735333732323536353735333034363335333237313733363730333736373336303036313535313131343534	4f4b20323134396136306639313937326639323032363264383139643338646462613835343738333365343639663566346165626562313333616437336465653166646465303331623439333263
36	746f5f6b6f66616e6672306775373267686e733262733771647a7830757a706f706a63	4f4b206234653732343330636136643537306235333464356536336166313630393936396537633337623739633438
0	2d315f33323935393737373832333834343536383235323035353432383136363132	4f4b202d6137643139663062653930326539633966626430393330623634
8	2d3433303337353630353133343431343536323734323736313431303033343330363630	4f4b202d313138376565313462393063623937386265333038306533316230
36	202d3663727039767a78666169387436356332697032666b3964696c663273616d656461343130666135666c7a653168396974366562647a78797231307832357071783309	4f4b202d36386537653435366233313263623230363165636336356434363466643239653738623036613732656435303831373535633664653838623430396338613361313664393232373930626230313863643564313837
3	31323232303032303131303131313132323130313031323031313032323232303130323232313032313031313032303030323230323232313031323130313032323032313230313132303231323231323032323131303032323032323032323131323232313130323231303031313231303031313232323132313132313231303132313231323131323131303132303131323032313031313232323132323231303032303232303230303230303231303030303030323032313131303232313232313230303032323030303132323032303130313130323230303232313130313132313132323230313132303131323130	4f4b20323933663231383835643230633661366364356534616130666632323832653663343434303035346464336634303036303461393965363336613963326133333661303132363066356237303432646665323339643364373931303737353666
3	20323009	4f4b2036
8	2d3434343332333130373534373430363437333732313637303033363330323736333331303234333031343236343234363334343133303637303537313536333035373335333736373633333730353635333636303332363734323030333235333735	4f4b202d3234386433323364396530643362653865653033636332663962323134363063356132393963383538646335653665363266373566646633376335643565633161646532303161616664
16	2d305f583138386631633331626439643931323131326434303935656365643864656432626661316631303835366161623164323936636230386334383836303538623539313265623630323535386436633032626633393737353831323437646434	45525220696e76616c6964206c69746572616c20666f7220696e742829207769746820626173652031363a20272d305f58313838663163333162643964393132313132643430393565636564386465643262666131663130383536616162316432393663623038633438383630353862353931326562363032353538643663303262663339373735383132343764643427
16	6537376230343136313736343362363334643139353261326538666563306564313935353761396238653961383230646139663434613530383463363366	4f4b206537376230343136313736343362363334643139353261326538666563306564313935353761396238653961383230646139663434613530383463363366
0	2d325f323131383037393836393237373535303933373638323737353838393738373030383332303139333736353132393431313734373836373237353634383833343939383635313834	4f4b202d31343037383834393439616162663034346330333236363535623966303061616461636630333764376431393039306266643739323265643664343630
8	2d36353531323231323533373332303531323031313630353436353633353330313433313532333534303735303736363133333237353332313432343734333737323637323335373631313034363430353734313234313237333530363134323436373633343135363236363531303036373332303633343635373034	4f4b202d643639343861616662343239343039633263643733616331386364346563316538666231366437616431386137386666356261373765323434643035663061383537373436333134646633383665356235323036656430636536626334
7	202d315f34323130303530333636343631323030323130353031303134363234363232343434323335343234343332363234313335363336303531303331353534353635323633343535313636303234343131333032333533303330313030343034343332363235303131323430343031323233313009	4f4b202d316138613965613632363361333636616136636664343934303366636636643835393532366533643034656536663466663662383964343633613632366230393734653634306364346337333061376362
7	2031303034353033363436313430303636323036313236343436303334363436363032343232333231333335313430343634323136363332303536323031343234303435353530303632333134303531333233333230333136323309	4f4b20336161393337316431613830383838633761633666333739653561663261346333373930323365373236326238613933633339363739643737316332336531
2	203130303030303031303030313131303031303030313131313031313130303031303031303031303031313030303031303030303030313031313130303131303130313130303031303031303131303130303131313131313130303031303131313031313131303130313030303030313130303131303130303031303131313031313030303031313030313130313031313030313130313030303131303131313030303131313031313130313131313030313030313031313109	4f4b2038313163386637313234633230356364363235613766313737613833333435643836366233343665336262633937
2	31313131303031313031313031313030303030313031303131303130303131313030303131303130303130313031313031313030303131303031313030303030313031313130313131303031313031303131313031313130313131303031303130303031303131303030303031303031303031313030303131303030303030313030303030303031303031303130313031313031303131303131303030303030313030303031313031313130313131303031303130303131303030303131303131313130303130303031303031313130303131303031303130303031303130303031313131303030313130303031313131303131313030313130303030303130313131313030303030313131303131313130303131313031313031313130303030313130313031313130313130313030313130313031313031313030303131313030303130303131303031303130303031303031303030313031303130303030303130313030303030313031303131303031303130303130	4f4b2066333663313561373161353663363630626239616565653531363039333138313031326164366330383665653533306465343465363531343738633762393832663037373964623836626234643663373133323839313530353035363532
16	307837353430643663663964356430356634653634666536343962323962626537646562333061646532626365373633666235323838326632316231616564323331393663643434316330646636343564306133323631316231346165643534	4f4b2037353430643663663964356430356634653634666536343962323962626537646562333061646532626365373633666235323838326632316231616564323331393663643434316330646636343564306133323631316231346165643534
10	2d353439303536333933333732393034373336353139373431333633343532353837303830363633	4f4b202d313964313036613337653538333736666235326537316366383238613466626437
16	30783137643333383531616631303734336363363331343138313839616334353964613936386632343334623462393439373835663466383335353461646138	4f4b203137643333383531616631303734336363363331343138313839616334353964613936386632343334623462393439373835663466383335353461646138
8	202d353331343534303336313232303036373132333437313330353435313735343232373131363535373737303035343509	4f4b202d313539393630373861343036653533396362313635336563346239336164666638313635
36	396d696d6469617234326f6d65767875696f39756f6e747074643263366e377864703669	4f4b203132386662376338353764653936643865323034386463373366613536343864663739633965656637353565646261
0	203233373236383438313235313238383434363731363239353736353939363130353838363030303635333338303935303730393635363536383030323209	4f4b20313739666439313462306536303330376237353433633665643165356631383639303463633334323431366263653838373936
36	696469717634717a353067646d6379787664366e623837	4f4b20336434663862626535633339333139643839323039383264336665323937
16	307862663030373535663634626261383664663735303039633061396535346531396535613965383235383165646166383066333935666239386639646563626331306266626562306139386637343866393331	4f4b2062663030373535663634626261383664663735303039633061396535346531396535613965383235383165646166383066333935666239386639646563626331306266626562306139386637343866393331
2	31315f313031303030313031313031313031313030303131313131303130303030303131313031313031313030303030303130313130303130303030313131303031313030303130303031313130313031303030313030303031313030303031313130313130303031303031303031313030313130313131303031303130313030303031303031303030313031303031313131303130313031313130313030313130313031313030313031313130313131303131313130303030303131303031313131313031313031313130313031303031303131	4f4b206538623663376430373663306232316363343735313063336231323636653534323435336435643335393737373833336564643462
36	2d663337363569713330383163336173687365327a6b6d74656e71376a6e67	4f4b202d333936393039313838626261333137356236653438623038356539323531633162336139353363
8	2d345f363136323630373231353532313633353437333633373133333633313633333135313336343434363437333734323135343032303031363334363630363130343233373536323031313132313135363133353232373436323331323435303332343035353334323531	4f4b202d3236333936316431623531636563656633653562636365366364326634393334656663343663303830333963643836323232376565343039323839623862613937393933326135306434313662386139
7	2d3132353231353034313031313233363232313136323635303234353432323434333435363334353036343535303332323335313332343536333034303436323135323534353132363131343236303135313031353235353234303033353235343031343434363633303436323333333530333534353436353530	4f4b202d3131666539646432323533633837613531623435336630653565393238633032663136373965663739363266383334336135333863346366633331363031363665363632366434353066303032616338336236323639
10	202d33363531313034353730393932323437383439303636313133383031393635323635313835393039343730393336303332323631313538363936363238353330353338353436313335343009	4f4b202d6365613532623838313232653134306663303535333130623433623664643030316132666433653734633030663432613433663034373366396438303234
10	202d38323937393038303831373836333135383839373133303232333938383732353339333436303131393037353532323736363539303833343538313930363138323430383437393536383334353535303838353830363631363632373532323934313330383832373030383835343032343735343932333509	4f4b202d35323433396261623533343038346163386665363333313361313031363963363064316232343662393438303332376638326638663065303263343261383234303966313864303934393739396364356632626230333239363032613161646265353333
7	2d315f323234313631363432333131363131323232313035313132313535363432323231333535313333353032353633323235323032313533363636303133303534303035353432353634333336313631323532353036363533303333323234323230363636333432363033333133353334303230	4f4b202d313630306136373332303161303164343238396434666639386237323435643163376135393466363763383730666566326239366331663733653361633939623266653761636465323063363965343234
16	2d365f626365663666663231646435613339643763313430	4f4b202d36626365663666663231646435613339643763313430
36	2d313636306f79346d34786665677033653037747634766a3666346935686e71393164313367677a6e6b683374666e6936346a6b35793379316b77773232763963647731666c323372316167	4f4b202d366661313236613861646532353635353864633530386336613263383163333234343137633533303064373263623937623633306630303534333637383835366438363763343636663135656138396462316632616438626563643837613438
36	35777535667172393135756e73646d6f6c786e3534	4f4b20336535383165366436633865313461613436303135646532383638
16	2d30586561626630336336343432386330366632356631643762386161	4f4b202d6561626630336336343432386330366632356631643762386161
2	3130303131303130313130313131313031313130313031303030313031303130303031303131313130303031313031313131303030313130303131303131303030303130313131313030303030313130303030313031313030303031303030303031313130303031303031303130303131313031303031313131313030313130313131313131313130313031303130303030303130303131313131303131303031303131313031303131313031313031313031313131303031313030303030313031313130313031303130303130303131303031313130313031313131313130303130313131313130313130313030313131303030303131313031303031313031313031303131303030313031303131313130303031303031313131313130303131303131313031303131313131313030313130303031303130313030313131313030	4f4b20346436663735313531373864653333363137383330623038333839346539663337666161303966363564373664653630626161346365626632666234653164333662313565323765366562663331353363
10	31345f373033343633323232383339393237343533323235363139323233313232383636363933333436343234303937313334353130393930353633363836303132323339343337353438343731323234383935353037343332	4f4b203164393062313366333031336561646163333935643835363735396636343238656636343364373966313336343336393234636130393262313834656338633232336532376638626538
8	203231353536323436363630323532343631313535303033373437303534363534303732363630323631333534363631363537323036323231313735363537363337323135363635313536323630343433373433313032343535343335343436373535363337313335333409	4f4b203131623732396236306161393839623430376537313636623037356230353862623336336166343332343466626166636661333736613665353834386663363432393663373634646564636639373563
8	2d34313630353234303332333536343736323035323734313236363130353332343435363236343334373334373035333732313336353336313633323132323733333736353134363033303337353730353634313031333536353330333030363432343235	4f4b202d383730616130363964643365343261663061643838616434393732643163656537313566343565616631636431346262376635333330363166626335643038326565616333303334353135
36	36796f	4f4b2032333430
0	2d3131313334373430313037383632353839373532373336353436333330353135393032373338333138373733393538333937343432353534303238353535363139363730393138323435333433323631303131373639333839383533353933343538383234303931383231353639303331353633	4f4b202d343835383037396565653161646463383431623733643534353964346132386330353561653938653432646235623462366337626533376535363235653637313531623331356563346236316230666433343761373332356135373533643862
8	2d3337373737313531353532323737303236323337373632303434303033373536333131373732373637303633363531323437343433353233343530343436343332363236323333313734373536353035	4f4b202d376666653639623532666332633966663930393030376565363466656265653333643461396534373533393434396133353936346439663364643435
3	31305f30303030303132303231323231313031323132313032313131313030313130313231303232313232323132323030303131303232323030323232303032303030303032313030303031303032303132303232323231303131323231323032303132313230313130303131323231323232323130323030313132323232303232313231323131313030323230323031323031313031313231313030323232313130303231313230323132313232	4f4b20343938303064316466323464303933313531636639313734343839373164336563613735316463626262373537623665323434383233373731363930633930656263326333
0	2d34383533373137313838363031323239353135323030343031363937373235373132333439373434393632353138353638303732343239383830393832383433363239343730393831383639313338303036323238313131323832313231393531323032343036393836353739343036303932383237	4f4b202d3762326633636136363164333439373962336362663933653366623166393235636237646431653663373138376631333264376461363933373035393039613935383031316464386233306464303965353166613535363833356330323166613162
10	616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161	45525220696e76616c6964206c69746572616c20666f7220696e742829207769746820626173652031303a202761616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161
10	c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9	45525220696e76616c6964206c69746572616c20666f7220696e742829207769746820626173652031303a2027c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9
10	f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f98800a	45525220696e76616c6964206c69746572616c20666f7220696e742829207769746820626173652031303a2027f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f98805c6e27
"#;

    #[test]
    fn differential_parse() {
        let mut n = 0;
        for line in PARSE_TABLE.lines().filter(|l| !l.is_empty()) {
            let f: Vec<&str> = line.split('\t').collect();
            let base: i64 = f[0].parse().unwrap();
            let input = unhex(f[1]);
            let want = unhex(f[2]);
            let got = match parse_int_limited(&input, base, DEFAULT_MAX_STR_DIGITS) {
                Ok((neg, mag)) => {
                    format!("OK {}{}", if neg { "-" } else { "" }, to_base(&mag, 16))
                }
                Err(e) => format!("ERR {}", e.message),
            };
            assert_eq!(got, want, "int({:?}, {})", input, base);
            n += 1;
        }
        assert!(n >= 200);
    }
}
