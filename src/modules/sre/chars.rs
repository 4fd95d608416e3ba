//! Character predicates and case mappings of the matcher (`_sre`'s ASCII,
//! locale and Unicode flavours), and set membership for the `IN` family
//! (`LITERAL`, `RANGE`, `CHARSET` bitmaps, `BIGCHARSET` block tables,
//! `CATEGORY`, `NEGATE`).
use super::constants::*;
use crate::object::unicode_props::{self as up, Case};

/// Lower case of an ASCII letter; anything else unchanged.
#[inline]
pub fn lower_ascii(c: u32) -> u32 {
    if c < 128 {
        (c as u8).to_ascii_lowercase() as u32
    } else {
        c
    }
}

/// The first code point of the Unicode lower-case mapping.
#[inline]
pub fn lower_unicode(c: u32) -> u32 {
    if c < 128 {
        (c as u8).to_ascii_lowercase() as u32
    } else {
        up::simple_mapped(c, Case::Lower)
    }
}

/// The first code point of the Unicode upper-case mapping.
#[inline]
pub fn upper_unicode(c: u32) -> u32 {
    if c < 128 {
        (c as u8).to_ascii_uppercase() as u32
    } else {
        up::simple_mapped(c, Case::Upper)
    }
}

/// `tolower` of the C library's current locale, for byte values.
pub fn lower_locale(c: u32) -> u32 {
    if c < 256 {
        // SAFETY: tolower accepts any unsigned char value.
        unsafe { libc::tolower(c as libc::c_int) as u32 }
    } else {
        c
    }
}

/// `toupper` of the C library's current locale, for byte values.
pub fn upper_locale(c: u32) -> u32 {
    if c < 256 {
        // SAFETY: toupper accepts any unsigned char value.
        unsafe { libc::toupper(c as libc::c_int) as u32 }
    } else {
        c
    }
}

/// Whether `c` equals the pattern character `p` under the locale's case
/// mapping (`p` itself is as the compiler wrote it).
#[inline]
pub fn loc_ignore_eq(p: u32, c: u32) -> bool {
    c == p || lower_locale(c) == p || upper_locale(c) == p
}

#[inline]
fn is_ascii_word(c: u32) -> bool {
    c < 128 && ((c as u8).is_ascii_alphanumeric() || c == b'_' as u32)
}

#[inline]
fn is_loc_word(c: u32) -> bool {
    // SAFETY: isalnum accepts any unsigned char value.
    (c < 256 && unsafe { libc::isalnum(c as libc::c_int) } != 0) || c == b'_' as u32
}

#[inline]
fn is_uni_word(c: u32) -> bool {
    if c < 128 {
        return is_ascii_word(c);
    }
    up::is_alnum(c)
}

/// A word character for `\b` under the given boundary flavour.
#[inline]
pub fn is_word(flavour: u32, c: u32) -> bool {
    match flavour {
        AT_LOC_BOUNDARY | AT_LOC_NON_BOUNDARY => is_loc_word(c),
        AT_UNI_BOUNDARY | AT_UNI_NON_BOUNDARY => is_uni_word(c),
        _ => is_ascii_word(c),
    }
}

/// Whether `c` belongs to the category `cat` (`\d`, `\s`, `\w` and their
/// negations in the ASCII, locale and Unicode flavours).
pub fn category(cat: u32, c: u32) -> bool {
    match cat {
        CATEGORY_DIGIT => c < 128 && (c as u8).is_ascii_digit(),
        CATEGORY_NOT_DIGIT => !(c < 128 && (c as u8).is_ascii_digit()),
        CATEGORY_SPACE => is_ascii_space(c),
        CATEGORY_NOT_SPACE => !is_ascii_space(c),
        CATEGORY_WORD => is_ascii_word(c),
        CATEGORY_NOT_WORD => !is_ascii_word(c),
        CATEGORY_LINEBREAK => c == 10,
        CATEGORY_NOT_LINEBREAK => c != 10,
        CATEGORY_LOC_WORD => is_loc_word(c),
        CATEGORY_LOC_NOT_WORD => !is_loc_word(c),
        CATEGORY_UNI_DIGIT => up::is_decimal(c),
        CATEGORY_UNI_NOT_DIGIT => !up::is_decimal(c),
        CATEGORY_UNI_SPACE => up::is_space(c),
        CATEGORY_UNI_NOT_SPACE => !up::is_space(c),
        CATEGORY_UNI_WORD => is_uni_word(c),
        CATEGORY_UNI_NOT_WORD => !is_uni_word(c),
        CATEGORY_UNI_LINEBREAK => up::is_linebreak(c),
        CATEGORY_UNI_NOT_LINEBREAK => !up::is_linebreak(c),
        _ => false,
    }
}

#[inline]
fn is_ascii_space(c: u32) -> bool {
    matches!(c, 9..=13 | 32)
}

/// Whether `c` is in the set whose description starts at `code[at]` and
/// ends with `FAILURE` (the compiler's charset sub-program).
pub fn in_charset(code: &[u32], mut at: usize, c: u32) -> bool {
    let mut ok = true;
    loop {
        let op = code[at];
        at += 1;
        match op {
            FAILURE => return !ok,
            LITERAL => {
                if c == code[at] {
                    return ok;
                }
                at += 1;
            }
            CATEGORY => {
                if category(code[at], c) {
                    return ok;
                }
                at += 1;
            }
            CHARSET => {
                if c < 256 && code[at + (c >> 5) as usize] & (1 << (c & 31)) != 0 {
                    return ok;
                }
                at += 8;
            }
            RANGE => {
                if code[at] <= c && c <= code[at + 1] {
                    return ok;
                }
                at += 2;
            }
            RANGE_UNI_IGNORE => {
                // c is lower-cased already; its upper case may be in range.
                if code[at] <= c && c <= code[at + 1] {
                    return ok;
                }
                let u = upper_unicode(c);
                if code[at] <= u && u <= code[at + 1] {
                    return ok;
                }
                at += 2;
            }
            NEGATE => ok = !ok,
            BIGCHARSET => {
                // <count> <256 block numbers as bytes> <count 256-bit blocks>
                let count = code[at] as usize;
                at += 1;
                if c < 0x10000 {
                    let hi = (c >> 8) as usize;
                    let block = (code[at + hi / 4] >> (8 * (hi % 4))) & 0xff;
                    let bit = block * 256 + (c & 255);
                    if code[at + 64 + (bit >> 5) as usize] & (1 << (bit & 31)) != 0 {
                        return ok;
                    }
                }
                at += 64 + count * 8;
            }
            _ => return false,
        }
    }
}

/// Set membership under the locale's case mapping (`IN_LOC_IGNORE`).
pub fn in_charset_loc_ignore(code: &[u32], at: usize, c: u32) -> bool {
    let lo = lower_locale(c);
    if in_charset(code, at, lo) {
        return true;
    }
    let up = upper_locale(c);
    up != lo && in_charset(code, at, up)
}
