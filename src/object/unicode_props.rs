//! Character properties that `str` needs (printable, whitespace, ...).
//! `is_printable` follows `str.isprintable`: everything but the Unicode
//! categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs other than the ASCII space.

/// Whether `c` is printable in the sense of `str.isprintable`.
pub fn is_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    // Format characters (Cf) that commonly appear.
    !matches!(c as u32,
        0xad | 0x600..=0x605 | 0x61c | 0x6dd | 0x70f | 0x890..=0x891 | 0x8e2
        | 0x180e | 0x200b..=0x200f | 0x202a..=0x202e | 0x2060..=0x2064
        | 0x2066..=0x206f | 0xfeff | 0xfff9..=0xfffb | 0x110bd | 0x110cd
        | 0xe0001 | 0xe0020..=0xe007f
        | 0xe000..=0xf8ff | 0xf0000..=0xffffd | 0x100000..=0x10fffd
        | 0xfdd0..=0xfdef)
        && (c as u32 & 0xfffe) != 0xfffe
}
