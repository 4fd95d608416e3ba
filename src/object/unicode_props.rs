//! Character properties that `str` needs, exactly as CPython 3.13 (Unicode
//! 15.1) answers them: general category, the `str.is*` predicates, and the
//! full (special-casing) upper/lower/title/fold mappings. The data lives in
//! the generated `unicode_db`; printable, whitespace and decimal digits reuse
//! the tables in `int_text`.
use crate::object::int_text;
use crate::object::unicode_db::{self as db, Record};

const ALPHA: u16 = 1;
const DIGIT: u16 = 1 << 1;
const NUMERIC: u16 = 1 << 2;
const LOWER: u16 = 1 << 3;
const UPPER: u16 = 1 << 4;
const TITLE: u16 = 1 << 5;
const CASED: u16 = 1 << 6;
const CASE_IGNORABLE: u16 = 1 << 7;
const ID_START: u16 = 1 << 8;
const ID_CONTINUE: u16 = 1 << 9;

/// The database record of code point `cp` (any value up to 0x10ffff).
#[inline]
fn record(cp: u32) -> &'static Record {
    let cp = cp.min(0x10ffff) as usize;
    let shift = db::SHIFT as usize;
    let block = db::INDEX1[cp >> shift] as usize;
    &db::RECORDS[db::INDEX2[(block << shift) + (cp & ((1 << shift) - 1))] as usize]
}

#[inline]
fn has(cp: u32, flag: u16) -> bool {
    record(cp).flags & flag != 0
}

/// `unicodedata.category(c)`: the two-letter general category.
pub fn category(cp: u32) -> &'static str {
    db::CATEGORIES[record(cp).category as usize]
}

/// `str.isalpha()` for one character (categories L*).
pub fn is_alpha(cp: u32) -> bool {
    if cp < 0x80 {
        return (cp as u8).is_ascii_alphabetic();
    }
    has(cp, ALPHA)
}

/// `str.isdecimal()` for one character (category Nd).
pub fn is_decimal(cp: u32) -> bool {
    decimal_value(cp).is_some()
}

/// The decimal digit value of `cp` (`unicodedata.decimal`).
pub fn decimal_value(cp: u32) -> Option<u32> {
    if cp < 0x80 {
        return (cp as u8).is_ascii_digit().then(|| cp - 0x30);
    }
    char::from_u32(cp).and_then(int_text::unicode_decimal)
}

/// The digit value of `cp` (`unicodedata.digit`).
pub fn digit_value(cp: u32) -> Option<u32> {
    let d = record(cp).digit;
    (d >= 0).then_some(d as u32)
}

/// The numeric value of `cp` (`unicodedata.numeric`).
pub fn numeric_value(cp: u32) -> Option<f64> {
    let i = record(cp).numeric;
    (i != u16::MAX).then(|| db::NUMERIC[i as usize])
}

/// The first code point of the full `case` mapping (CPython's
/// `_PyUnicode_ToUppercase` & co.).
pub fn simple_mapped(cp: u32, case: Case) -> u32 {
    let r = record(cp);
    let m = match case {
        Case::Upper => r.upper,
        Case::Lower => r.lower,
        Case::Title => r.title,
        Case::Fold => r.fold,
    };
    if m >= db::EXT_BASE {
        db::EXTENDED[((m - db::EXT_BASE) >> 2) as usize]
    } else {
        (cp as i32 + m) as u32
    }
}

/// `str.isdigit()` for one character (Numeric_Type Digit or Decimal).
pub fn is_digit(cp: u32) -> bool {
    if cp < 0x80 {
        return (cp as u8).is_ascii_digit();
    }
    has(cp, DIGIT)
}

/// `str.isnumeric()` for one character (any Numeric_Type).
pub fn is_numeric(cp: u32) -> bool {
    if cp < 0x80 {
        return (cp as u8).is_ascii_digit();
    }
    has(cp, NUMERIC)
}

/// `str.isalnum()` for one character.
pub fn is_alnum(cp: u32) -> bool {
    if cp < 0x80 {
        return (cp as u8).is_ascii_alphanumeric();
    }
    let f = record(cp).flags;
    f & (ALPHA | DIGIT | NUMERIC) != 0 || is_decimal(cp)
}

/// `str.isspace()` for one character.
#[inline]
pub fn is_space(cp: u32) -> bool {
    char::from_u32(cp).is_some_and(int_text::is_py_space)
}

/// `str.isprintable()` for one character.
pub fn is_printable(cp: u32) -> bool {
    if (0x20..0x7f).contains(&cp) {
        return true;
    }
    char::from_u32(cp).is_some_and(int_text::is_printable)
}

/// A line boundary for `str.splitlines()`.
pub fn is_linebreak(cp: u32) -> bool {
    matches!(
        cp,
        0x0a | 0x0b | 0x0c | 0x0d | 0x1c | 0x1d | 0x1e | 0x85 | 0x2028 | 0x2029
    )
}

/// The Lowercase property (`str.islower()` of one character).
pub fn is_lower(cp: u32) -> bool {
    if cp < 0x80 {
        return (cp as u8).is_ascii_lowercase();
    }
    has(cp, LOWER)
}

/// The Uppercase property (`str.isupper()` of one character).
pub fn is_upper(cp: u32) -> bool {
    if cp < 0x80 {
        return (cp as u8).is_ascii_uppercase();
    }
    has(cp, UPPER)
}

/// Category Lt (titlecase letters).
pub fn is_title(cp: u32) -> bool {
    has(cp, TITLE)
}

/// The Cased property.
pub fn is_cased(cp: u32) -> bool {
    if cp < 0x80 {
        return (cp as u8).is_ascii_alphabetic();
    }
    has(cp, CASED)
}

/// The Case_Ignorable property.
pub fn is_case_ignorable(cp: u32) -> bool {
    has(cp, CASE_IGNORABLE)
}

/// Whether `cp` may start an identifier (XID_Start or `_`).
pub fn is_id_start(cp: u32) -> bool {
    if cp < 0x80 {
        return (cp as u8).is_ascii_alphabetic() || cp == 0x5f;
    }
    has(cp, ID_START)
}

/// Whether `cp` may continue an identifier (XID_Continue).
pub fn is_id_continue(cp: u32) -> bool {
    if cp < 0x80 {
        return (cp as u8).is_ascii_alphanumeric() || cp == 0x5f;
    }
    has(cp, ID_CONTINUE)
}

/// Which full case mapping to apply.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Case {
    Upper,
    Lower,
    Title,
    Fold,
}

/// Appends the full `case` mapping of `cp` (one to three code points).
#[inline]
pub fn push_mapped(cp: u32, case: Case, out: &mut Vec<u32>) {
    let r = record(cp);
    let m = match case {
        Case::Upper => r.upper,
        Case::Lower => r.lower,
        Case::Title => r.title,
        Case::Fold => r.fold,
    };
    if m >= db::EXT_BASE {
        let v = (m - db::EXT_BASE) as usize;
        let (i, n) = (v >> 2, (v & 3) + 1);
        out.extend_from_slice(&db::EXTENDED[i..i + n]);
    } else {
        out.push((cp as i32 + m) as u32);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(s: &str, case: Case) -> String {
        let mut v = Vec::new();
        s.chars().for_each(|c| push_mapped(c as u32, case, &mut v));
        v.into_iter().map(|c| char::from_u32(c).unwrap()).collect()
    }

    #[test]
    fn mappings() {
        assert_eq!(map("straße", Case::Upper), "STRASSE");
        assert_eq!(map("ǆ", Case::Title), "ǅ");
        assert_eq!(map("İ", Case::Lower), "i\u{307}");
        assert_eq!(map("ß", Case::Fold), "ss");
        assert_eq!(map("ΑΣ", Case::Lower), "ασ");
        assert_eq!(map("ﬃ", Case::Upper), "FFI");
    }

    #[test]
    fn predicates() {
        assert_eq!(category(0x41), "Lu");
        assert_eq!(category(0x10ffff), "Cn");
        assert_eq!(category(0xd800), "Cs");
        assert!(is_alpha(0x4e00) && !is_alpha(0x30));
        assert!(is_digit(0xb2) && !is_decimal(0xb2) && is_numeric(0xbd));
        assert!(is_lower(0xdf) && is_upper(0x130) && is_title(0x1c5));
        assert!(is_case_ignorable(0x27) && is_case_ignorable(0x300));
        assert!(is_id_start(0x5f) && !is_id_start(0x30) && is_id_continue(0x30));
        assert!(is_linebreak(0x2028) && is_space(0x3000) && !is_printable(0xad));
        assert_eq!(digit_value(0xb2), Some(2));
        assert_eq!(numeric_value(0xbd), Some(0.5));
        assert_eq!(numeric_value(0x41), None);
        assert_eq!(simple_mapped(0xdf, Case::Upper), 0x53);
    }
}
