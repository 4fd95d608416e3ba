//! The format-specification mini-language (`format(value, spec)`,
//! `str.format` fields), with CPython 3.13 semantics and error messages.
//!
//! Grammar (PEP 3101, PEP 378, PEP 515, PEP 682):
//!
//! ```text
//! [[fill]align][sign]["z"]["#"]["0"][width][grouping]["." precision][type]
//! align    ::= "<" | ">" | "=" | "^"
//! sign     ::= "+" | "-" | " "
//! grouping ::= "," | "_"
//! ```
//!
//! [`parse`] turns a spec into a [`FormatSpec`]; [`format_int_digits`],
//! [`format_int_char`], [`format_float`] and [`format_str`] apply it to a
//! value. The `n` type behaves as in the C locale (no grouping, `.` as
//! decimal point). CPython 3.14's fractional-part grouping is not
//! implemented (3.13 rejects it too).
//!
//! Float digits come from the sibling module `float_repr`
//! (`super::float_repr`), which must be declared next to this one.
//!
//! All errors are CPython `ValueError`s except `%c arg not in
//! range(0x110000)` and `int too large to convert to float`, which are
//! `OverflowError`s.

use super::float_repr::{double_to_string, Flags};
use std::fmt;

/// Alignment option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// `<`
    Left,
    /// `>`
    Right,
    /// `=`: padding after the sign (and prefix), before the digits.
    AfterSign,
    /// `^`
    Center,
}

/// Sign option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    /// `+`: always show a sign.
    Plus,
    /// `-`: only negative numbers get a sign (the default).
    Minus,
    /// ` `: a space for non-negative numbers.
    Space,
}

/// A parsed format specification.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FormatSpec {
    /// Explicit fill character (only present together with `align`).
    pub fill: Option<char>,
    /// Explicit alignment.
    pub align: Option<Align>,
    /// Sign option.
    pub sign: Option<Sign>,
    /// `z`: coerce negative zero to positive zero (floats only).
    pub no_neg_0: bool,
    /// `#`: alternate form.
    pub alternate: bool,
    /// The `0` flag (zero padding); only set when no fill was given.
    pub zero_pad: bool,
    /// Minimum width, in characters.
    pub width: Option<usize>,
    /// Thousands separator: `,` or `_`.
    pub grouping: Option<char>,
    /// Precision.
    pub precision: Option<usize>,
    /// Presentation type character.
    pub ty: Option<char>,
}

impl FormatSpec {
    /// The fill character and alignment actually used, given the type's
    /// default alignment (`Right` for numbers, `Left` for strings).
    pub fn effective_fill_align(&self, default_align: Align) -> (char, Align) {
        let fill = self.fill.unwrap_or(if self.zero_pad { '0' } else { ' ' });
        let align = match self.align {
            Some(a) => a,
            None if self.zero_pad && default_align == Align::Right => Align::AfterSign,
            None => default_align,
        };
        (fill, align)
    }
}

/// Python exception class of a [`FormatSpecError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// `ValueError`
    ValueError,
    /// `OverflowError`
    OverflowError,
    /// `MemoryError`: the width asks for more memory than there is.
    MemoryError,
}

/// A formatting error: the exception class and CPython's exact message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatSpecError {
    /// Exception class.
    pub kind: ErrorKind,
    /// Exact CPython message.
    pub message: String,
    /// When the message ends with `for object of type '<name>'`: the part
    /// before ` for object of type`.
    type_head: Option<String>,
}

impl FormatSpecError {
    /// A `ValueError` with `message`.
    pub fn value(message: impl Into<String>) -> Self {
        FormatSpecError {
            kind: ErrorKind::ValueError,
            message: message.into(),
            type_head: None,
        }
    }

    fn no_memory() -> Self {
        FormatSpecError {
            kind: ErrorKind::MemoryError,
            message: String::new(),
            type_head: None,
        }
    }

    fn overflow(message: impl Into<String>) -> Self {
        FormatSpecError {
            kind: ErrorKind::OverflowError,
            message: message.into(),
            type_head: None,
        }
    }

    fn typed(head: String, type_name: &str) -> Self {
        FormatSpecError {
            kind: ErrorKind::ValueError,
            message: format!("{} for object of type '{}'", head, truncate200(type_name)),
            type_head: Some(head),
        }
    }

    /// Re-label a message that names the object's type (`Invalid format
    /// specifier ... for object of type 'X'`, `Unknown format code ... for
    /// object of type 'X'`) with `type_name` (e.g. `bool` for a `bool`
    /// formatted through `int.__format__`). Other messages are unchanged.
    pub fn with_type_name(self, type_name: &str) -> Self {
        match self.type_head {
            Some(head) => FormatSpecError::typed(head, type_name),
            None => self,
        }
    }
}

impl fmt::Display for FormatSpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FormatSpecError {}

fn truncate200(s: &str) -> &str {
    match s.char_indices().nth(200) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// `'c'` for printable ASCII (33..=127), otherwise `'\xNN'` (CPython's
/// `%x`, no zero padding).
fn code_text(c: char) -> String {
    let v = c as u32;
    if v > 32 && v < 128 {
        c.to_string()
    } else {
        format!("\\x{:x}", v)
    }
}

/// `Unknown format code 'X' for object of type 'T'`.
pub fn unknown_code(ty: char, type_name: &str) -> FormatSpecError {
    FormatSpecError::typed(
        format!("Unknown format code '{}'", code_text(ty)),
        type_name,
    )
}

fn align_of(c: char) -> Option<Align> {
    match c {
        '<' => Some(Align::Left),
        '>' => Some(Align::Right),
        '=' => Some(Align::AfterSign),
        '^' => Some(Align::Center),
        _ => None,
    }
}

/// Parse a format spec. Messages that mention the object's type say
/// `'object'`; use [`FormatSpecError::with_type_name`] or [`parse_for`].
pub fn parse(spec: &str) -> Result<FormatSpec, FormatSpecError> {
    parse_for(spec, "object")
}

/// Parse a format spec for an object whose type is named `type_name`
/// (used in the `Invalid format specifier` message).
pub fn parse_for(spec: &str, type_name: &str) -> Result<FormatSpec, FormatSpecError> {
    let c: Vec<char> = spec.chars().collect();
    let end = c.len();
    let mut pos = 0;
    let mut f = FormatSpec::default();
    if end >= 2 {
        if let Some(a) = align_of(c[1]) {
            f.fill = Some(c[0]);
            f.align = Some(a);
            pos = 2;
        }
    }
    if pos == 0 && end >= 1 {
        if let Some(a) = align_of(c[0]) {
            f.align = Some(a);
            pos = 1;
        }
    }
    if pos < end {
        f.sign = match c[pos] {
            '+' => Some(Sign::Plus),
            '-' => Some(Sign::Minus),
            ' ' => Some(Sign::Space),
            _ => None,
        };
        if f.sign.is_some() {
            pos += 1;
        }
    }
    if pos < end && c[pos] == 'z' {
        f.no_neg_0 = true;
        pos += 1;
    }
    if pos < end && c[pos] == '#' {
        f.alternate = true;
        pos += 1;
    }
    if f.fill.is_none() && pos < end && c[pos] == '0' {
        f.zero_pad = true;
        pos += 1;
    }
    let read_int = |pos: &mut usize| -> Result<Option<usize>, FormatSpecError> {
        let start = *pos;
        let mut v: u64 = 0;
        while *pos < end {
            let Some(d) = c[*pos].to_digit(10).filter(|_| c[*pos].is_ascii_digit()) else {
                break;
            };
            v = v
                .checked_mul(10)
                .and_then(|v| v.checked_add(d as u64))
                .filter(|v| *v <= isize::MAX as u64)
                .ok_or_else(|| {
                    FormatSpecError::value("Too many decimal digits in format string")
                })?;
            *pos += 1;
        }
        Ok((*pos > start).then_some(v as usize))
    };
    f.width = read_int(&mut pos)?;
    let both = || FormatSpecError::value("Cannot specify both ',' and '_'.");
    if pos < end && c[pos] == ',' {
        f.grouping = Some(',');
        pos += 1;
    }
    if pos < end && c[pos] == '_' {
        if f.grouping.is_some() {
            return Err(both());
        }
        f.grouping = Some('_');
        pos += 1;
    }
    if pos < end && c[pos] == ',' && f.grouping == Some('_') {
        return Err(both());
    }
    if pos < end && c[pos] == '.' {
        pos += 1;
        f.precision = read_int(&mut pos)?;
        if f.precision.is_none() {
            return Err(FormatSpecError::value("Format specifier missing precision"));
        }
    }
    if end - pos > 1 {
        return Err(FormatSpecError::typed(
            format!("Invalid format specifier '{}'", spec),
            type_name,
        ));
    }
    if end - pos == 1 {
        f.ty = Some(c[pos]);
    }
    if let Some(sep) = f.grouping {
        let ok = match f.ty {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => true,
            Some('b' | 'o' | 'x' | 'X') => sep == '_',
            _ => false,
        };
        if !ok {
            let ty = f.ty.unwrap_or('\0');
            return Err(FormatSpecError::value(format!(
                "Cannot specify '{}' with '{}'.",
                sep,
                code_text(ty)
            )));
        }
    }
    Ok(f)
}

/// Insert `sep` every `size` digits from the right, padding with zeros up
/// to `min_width` characters (zeros and separators) as CPython does for
/// `0`-padding combined with grouping.
fn group_digits(digits: &[char], sep: char, size: usize, min_width: isize) -> String {
    let mut groups: Vec<String> = Vec::new();
    let mut remaining = digits.len() as isize;
    let mut min_width = min_width;
    let size = size as isize;
    loop {
        let l = size.min(remaining.max(min_width).max(1));
        let n_zeros = (l - remaining).max(0);
        let n_chars = remaining.min(l).max(0);
        let mut g = "0".repeat(n_zeros as usize);
        g.extend(&digits[(remaining - n_chars) as usize..remaining as usize]);
        groups.push(g);
        remaining -= n_chars;
        min_width -= l;
        if remaining <= 0 && min_width <= 0 {
            break;
        }
        min_width -= 1;
    }
    groups.reverse();
    groups.join(&sep.to_string())
}

/// Lay out a number: `[sign][prefix][digits][remainder]`, grouping the
/// digits and padding to the spec's width.
#[allow(clippy::too_many_arguments)]
fn layout_number(
    sign: &str,
    prefix: &str,
    digits: &str,
    remainder: &str,
    group: Option<(char, usize)>,
    fill: char,
    align: Align,
    width: usize,
) -> Result<String, FormatSpecError> {
    let dchars: Vec<char> = digits.chars().collect();
    let fixed = sign.chars().count() + prefix.chars().count() + remainder.chars().count();
    let grouped = match group {
        Some((sep, size)) if !dchars.is_empty() => {
            let min_width = if fill == '0' && align == Align::AfterSign {
                width as isize - fixed as isize
            } else {
                0
            };
            group_digits(&dchars, sep, size, min_width)
        }
        _ => digits.to_string(),
    };
    let len = fixed + grouped.chars().count();
    let pad = width.saturating_sub(len);
    let mut out = padded_buffer(
        sign.len() + prefix.len() + grouped.len() + remainder.len(),
        pad,
        fill,
    )?;
    let fills = |out: &mut String, n: usize| out.extend(std::iter::repeat_n(fill, n));
    match align {
        Align::Left => {
            out.push_str(sign);
            out.push_str(prefix);
            out.push_str(&grouped);
            out.push_str(remainder);
            fills(&mut out, pad);
        }
        Align::Right => {
            fills(&mut out, pad);
            out.push_str(sign);
            out.push_str(prefix);
            out.push_str(&grouped);
            out.push_str(remainder);
        }
        Align::Center => {
            fills(&mut out, pad / 2);
            out.push_str(sign);
            out.push_str(prefix);
            out.push_str(&grouped);
            out.push_str(remainder);
            fills(&mut out, pad - pad / 2);
        }
        Align::AfterSign => {
            out.push_str(sign);
            out.push_str(prefix);
            fills(&mut out, pad);
            out.push_str(&grouped);
            out.push_str(remainder);
        }
    }
    Ok(out)
}

/// An empty string with room for `bytes` bytes of text and `pad` fill
/// characters; `MemoryError` when a huge width asks for more than there is.
fn padded_buffer(bytes: usize, pad: usize, fill: char) -> Result<String, FormatSpecError> {
    let mut out = String::new();
    pad.checked_mul(fill.len_utf8())
        .and_then(|n| n.checked_add(bytes))
        .and_then(|n| out.try_reserve(n).ok())
        .ok_or_else(FormatSpecError::no_memory)?;
    Ok(out)
}

/// `s` (of `len` characters) padded with `fill` to `width` as `align`
/// says (`AfterSign` pads in front, as `Right`).
pub(crate) fn pad_text(
    s: &str,
    len: usize,
    fill: char,
    align: Align,
    width: usize,
) -> Result<String, FormatSpecError> {
    let pad = width.saturating_sub(len);
    let mut out = padded_buffer(s.len(), pad, fill)?;
    let (before, after) = match align {
        Align::Right | Align::AfterSign => (pad, 0),
        Align::Center => (pad / 2, pad - pad / 2),
        Align::Left => (0, pad),
    };
    out.extend(std::iter::repeat_n(fill, before));
    out.push_str(s);
    out.extend(std::iter::repeat_n(fill, after));
    Ok(out)
}

fn sign_text(negative: bool, sign: Option<Sign>) -> &'static str {
    if negative {
        "-"
    } else {
        match sign {
            Some(Sign::Plus) => "+",
            Some(Sign::Space) => " ",
            _ => "",
        }
    }
}

/// How an int must be presented for a parsed spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntPresentation {
    /// Digits in this base (2, 8, 10 or 16): pass them to
    /// [`format_int_digits_parsed`].
    Digits(u32),
    /// `c`: a character; pass decimal digits (or use [`format_int_char`]).
    Char,
    /// A float type (`e E f F g G %`): the int is converted to float;
    /// pass decimal digits.
    Float,
}

/// Which base the caller must convert the magnitude to for
/// [`format_int_digits`]: 2 for `b`, 8 for `o`, 16 for `x`/`X`, otherwise
/// 10 (including `c` and the float types, which take decimal digits).
pub fn int_digits_base(spec: &FormatSpec) -> u32 {
    match int_presentation(spec) {
        IntPresentation::Digits(b) => b,
        _ => 10,
    }
}

/// Classify the spec's type for an int (does not validate it).
pub fn int_presentation(spec: &FormatSpec) -> IntPresentation {
    match spec.ty {
        Some('b') => IntPresentation::Digits(2),
        Some('o') => IntPresentation::Digits(8),
        Some('x' | 'X') => IntPresentation::Digits(16),
        Some('c') => IntPresentation::Char,
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => IntPresentation::Float,
        _ => IntPresentation::Digits(10),
    }
}

/// `format(int, spec)` given the magnitude's digits already converted to
/// the base reported by [`int_digits_base`] (lower- or upper-case; no sign,
/// no prefix, no leading zeros except for zero itself).
///
/// Handles `b c d o x X n` and no type, plus the float types (the decimal
/// digits are converted to the nearest float; `OverflowError: int too large
/// to convert to float` if out of range).
pub fn format_int_digits(
    negative: bool,
    magnitude_digits: &str,
    spec: &str,
) -> Result<String, FormatSpecError> {
    let parsed = parse_for(spec, "int")?;
    format_int_digits_parsed(negative, magnitude_digits, &parsed, "int")
}

/// [`format_int_digits`] with an already parsed spec; `type_name` is used
/// in the `Unknown format code` message.
pub fn format_int_digits_parsed(
    negative: bool,
    magnitude_digits: &str,
    spec: &FormatSpec,
    type_name: &str,
) -> Result<String, FormatSpecError> {
    match spec.ty {
        None | Some('b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n') => {}
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => {
            let text = format!("{}{}", if negative { "-" } else { "" }, magnitude_digits);
            let x: f64 = text
                .parse()
                .map_err(|_| FormatSpecError::value("invalid digits"))?;
            if x.is_infinite() {
                return Err(FormatSpecError::overflow(
                    "int too large to convert to float",
                ));
            }
            return format_float_parsed(x, spec, type_name);
        }
        Some(t) => return Err(unknown_code(t, type_name)),
    }
    if spec.precision.is_some() {
        return Err(FormatSpecError::value(
            "Precision not allowed in integer format specifier",
        ));
    }
    if spec.no_neg_0 {
        return Err(FormatSpecError::value(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    if spec.ty == Some('c') {
        if spec.sign.is_some() {
            return Err(FormatSpecError::value(
                "Sign not allowed with integer format specifier 'c'",
            ));
        }
        if spec.alternate {
            return Err(FormatSpecError::value(
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ));
        }
        // CPython first converts to a C long (64-bit), then range-checks.
        let as_long = format!("{}{}", if negative { "-" } else { "" }, magnitude_digits)
            .parse::<i64>()
            .map_err(|_| FormatSpecError::overflow("Python int too large to convert to C long"))?;
        let cp = u32::try_from(as_long).ok().and_then(char::from_u32);
        return match cp {
            Some(ch) => format_char_checked(ch, spec),
            None => Err(FormatSpecError::overflow("%c arg not in range(0x110000)")),
        };
    }
    let (fill, align) = spec.effective_fill_align(Align::Right);
    let prefix = if spec.alternate {
        match spec.ty {
            Some('b') => "0b",
            Some('o') => "0o",
            Some('x') => "0x",
            Some('X') => "0X",
            _ => "",
        }
    } else {
        ""
    };
    let digits = if spec.ty == Some('X') {
        magnitude_digits.to_ascii_uppercase()
    } else {
        magnitude_digits.to_ascii_lowercase()
    };
    let group = spec.grouping.map(|sep| {
        let size = match spec.ty {
            Some('b' | 'o' | 'x' | 'X') => 4,
            _ => 3,
        };
        (sep, size)
    });
    layout_number(
        sign_text(negative, spec.sign),
        prefix,
        &digits,
        "",
        group,
        fill,
        align,
        spec.width.unwrap_or(0),
    )
}

fn format_char_checked(ch: char, spec: &FormatSpec) -> Result<String, FormatSpecError> {
    let (fill, align) = spec.effective_fill_align(Align::Right);
    layout_number(
        "",
        "",
        "",
        &ch.to_string(),
        None,
        fill,
        align,
        spec.width.unwrap_or(0),
    )
}

/// `format(i, spec)` with type `c` for the code point `code_point`
/// (`OverflowError: %c arg not in range(0x110000)` outside 0..=0x10FFFF;
/// values outside the C `long` range give `OverflowError: Python int too
/// large to convert to C long` in [`format_int_digits`]).
/// Surrogate code points cannot be represented in a Rust `String` and are
/// also reported as out of range.
pub fn format_int_char(code_point: i64, spec: &FormatSpec) -> Result<String, FormatSpecError> {
    let digits = code_point.unsigned_abs().to_string();
    let spec_c = FormatSpec {
        ty: Some('c'),
        ..spec.clone()
    };
    format_int_digits_parsed(code_point < 0, &digits, &spec_c, "int")
}

/// `format(float, spec)`.
///
/// Types `e E f F g G n %` and no type (like `str(x)` without precision;
/// like `g` with at least one digit after the point, with a precision).
pub fn format_float(x: f64, spec: &str) -> Result<String, FormatSpecError> {
    let parsed = parse_for(spec, "float")?;
    format_float_parsed(x, &parsed, "float")
}

/// [`format_float`] with an already parsed spec.
pub fn format_float_parsed(
    x: f64,
    spec: &FormatSpec,
    type_name: &str,
) -> Result<String, FormatSpecError> {
    match spec.ty {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => {}
        Some(t) => return Err(unknown_code(t, type_name)),
    }
    if let Some(p) = spec.precision {
        if p > i32::MAX as usize {
            return Err(FormatSpecError::value("precision too big"));
        }
    }
    let mut flags = Flags {
        alt: spec.alternate,
        no_neg_0: spec.no_neg_0,
        ..Flags::default()
    };
    let (code, precision) = match (spec.ty, spec.precision) {
        (None, None) => {
            flags.add_dot_0_if_integer = true;
            ('r', 0)
        }
        (None, Some(p)) => {
            flags.add_dot_0_if_integer = true;
            ('g', p)
        }
        (Some('n'), p) => ('g', p.unwrap_or(6)),
        (Some(t), p) => (t, p.unwrap_or(6)),
    };
    let (text, _) = double_to_string(x, code, precision, flags);
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let ndigits = body.bytes().take_while(|b| b.is_ascii_digit()).count();
    let (digits, remainder) = body.split_at(ndigits);
    let (fill, align) = spec.effective_fill_align(Align::Right);
    let group = spec.grouping.map(|sep| (sep, 3));
    layout_number(
        sign_text(negative, spec.sign),
        "",
        digits,
        remainder,
        group,
        fill,
        align,
        spec.width.unwrap_or(0),
    )
}

/// `format(str, spec)`: type `s` or none; precision truncates (in
/// characters); default alignment is left; sign, `z`, `#` and `=` are errors.
pub fn format_str(s: &str, spec: &str) -> Result<String, FormatSpecError> {
    let parsed = parse_for(spec, "str")?;
    format_str_parsed(s, &parsed, "str")
}

/// [`format_str`] with an already parsed spec.
pub fn format_str_parsed(
    s: &str,
    spec: &FormatSpec,
    type_name: &str,
) -> Result<String, FormatSpecError> {
    match (spec.ty, spec.grouping) {
        // The default type of str is 's', which rejects grouping (this is
        // a parse-time error in CPython, hence checked first).
        (None, Some(sep)) => {
            return Err(FormatSpecError::value(format!(
                "Cannot specify '{}' with 's'.",
                sep
            )));
        }
        (None | Some('s'), _) => {}
        (Some(t), _) => return Err(unknown_code(t, type_name)),
    }
    match spec.sign {
        Some(Sign::Space) => {
            return Err(FormatSpecError::value(
                "Space not allowed in string format specifier",
            ));
        }
        Some(_) => {
            return Err(FormatSpecError::value(
                "Sign not allowed in string format specifier",
            ));
        }
        None => {}
    }
    if spec.no_neg_0 {
        return Err(FormatSpecError::value(
            "Negative zero coercion (z) not allowed in string format specifier",
        ));
    }
    if spec.alternate {
        return Err(FormatSpecError::value(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    if spec.align == Some(Align::AfterSign) {
        return Err(FormatSpecError::value(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    let (text, len) = match spec.precision {
        Some(p) => match s.char_indices().nth(p) {
            Some((i, _)) => (&s[..i], p),
            None => (s, s.chars().count()),
        },
        None => (s, s.chars().count()),
    };
    let (fill, align) = spec.effective_fill_align(Align::Left);
    pad_text(text, len, fill, align, spec.width.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_fields() {
        let f = parse("*^+z#012_.3f").unwrap();
        assert_eq!(f.fill, Some('*'));
        assert_eq!(f.align, Some(Align::Center));
        assert_eq!(f.sign, Some(Sign::Plus));
        assert!(f.no_neg_0 && f.alternate);
        assert!(!f.zero_pad, "fill given: '0' starts the width");
        assert_eq!(f.width, Some(12));
        assert_eq!(f.grouping, Some('_'));
        assert_eq!(f.precision, Some(3));
        assert_eq!(f.ty, Some('f'));
        let f = parse("010").unwrap();
        assert!(f.zero_pad);
        assert_eq!(f.width, Some(10));
        assert_eq!(parse("").unwrap(), FormatSpec::default());
        let f = parse("é^7").unwrap();
        assert_eq!((f.fill, f.width), (Some('é'), Some(7)));
    }

    #[test]
    fn parse_errors() {
        let msg = |s: &str| parse_for(s, "int").unwrap_err().message;
        assert_eq!(msg(",,"), "Cannot specify ',' with ','.");
        assert_eq!(msg(",_"), "Cannot specify both ',' and '_'.");
        assert_eq!(msg("_,"), "Cannot specify both ',' and '_'.");
        assert_eq!(msg(",x"), "Cannot specify ',' with 'x'.");
        assert_eq!(msg("_n"), "Cannot specify '_' with 'n'.");
        assert_eq!(
            msg("xx"),
            "Invalid format specifier 'xx' for object of type 'int'"
        );
        assert_eq!(msg("."), "Format specifier missing precision");
        assert_eq!(
            msg(&"1".repeat(30)),
            "Too many decimal digits in format string"
        );
        assert_eq!(
            msg(&format!(".{}", "9".repeat(20))),
            "Too many decimal digits in format string"
        );
        let e = parse("abc").unwrap_err().with_type_name("bool");
        assert_eq!(
            e.message,
            "Invalid format specifier 'abc' for object of type 'bool'"
        );
        assert_eq!(e.kind, ErrorKind::ValueError);
    }

    #[test]
    fn examples() {
        assert_eq!(format_float(1.0, "").unwrap(), "1.0");
        assert_eq!(format_float(1e16, "").unwrap(), "1e+16");
        assert_eq!(format_float(1.5, "10").unwrap(), "       1.5");
        assert_eq!(format_float(123.0, ".3").unwrap(), "1.23e+02");
        assert_eq!(format_float(1234567.891, ",.2f").unwrap(), "1,234,567.89");
        assert_eq!(format_float(-0.0, "z").unwrap(), "0.0");
        assert_eq!(format_float(f64::INFINITY, "010,").unwrap(), "0000000inf");
        assert_eq!(
            format_int_digits(false, "1234", "010,").unwrap(),
            "00,001,234"
        );
        assert_eq!(
            format_int_digits(false, "1234", "08,").unwrap(),
            "0,001,234"
        );
        assert_eq!(
            format_int_digits(true, "ff", "#010x").unwrap(),
            "-0x00000ff"
        );
        assert_eq!(
            format_int_digits(false, "abcdef", "#012_x").unwrap(),
            "0x0_00ab_cdef"
        );
        assert_eq!(format_int_digits(false, "65", "=5c").unwrap(), "    A");
        assert_eq!(format_int_digits(false, "5", "x<05").unwrap(), "5xxxx");
        assert_eq!(format_int_digits(false, "5", ".2f").unwrap(), "5.00");
        assert_eq!(format_str("abc", "^6.2").unwrap(), "  ab  ");
        assert_eq!(format_str("ab", "05").unwrap(), "ab000");
        assert_eq!(format_str("日本", "*^6").unwrap(), "**日本**");
        let sp = parse("^5").unwrap();
        assert_eq!(format_int_char(0x41, &sp).unwrap(), "  A  ");
        assert_eq!(
            format_int_char(0x110000, &sp).unwrap_err().kind,
            ErrorKind::OverflowError
        );
    }

    #[test]
    fn error_messages() {
        let s = |spec: &str| format_str("a", spec).unwrap_err().message;
        assert_eq!(s("+"), "Sign not allowed in string format specifier");
        assert_eq!(s(" "), "Space not allowed in string format specifier");
        assert_eq!(
            s("#"),
            "Alternate form (#) not allowed in string format specifier"
        );
        assert_eq!(
            s("="),
            "'=' alignment not allowed in string format specifier"
        );
        assert_eq!(s(","), "Cannot specify ',' with 's'.");
        assert_eq!(s("d"), "Unknown format code 'd' for object of type 'str'");
        assert_eq!(
            s("  "),
            "Unknown format code '\\x20' for object of type 'str'"
        );
        let i = |spec: &str| format_int_digits(false, "1", spec).unwrap_err().message;
        assert_eq!(i(".2"), "Precision not allowed in integer format specifier");
        assert_eq!(i("s"), "Unknown format code 's' for object of type 'int'");
        assert_eq!(
            i("+c"),
            "Sign not allowed with integer format specifier 'c'"
        );
        let f = |spec: &str| format_float(1.0, spec).unwrap_err().message;
        assert_eq!(f("d"), "Unknown format code 'd' for object of type 'float'");
        assert_eq!(
            f("é"),
            "Unknown format code '\\xe9' for object of type 'float'"
        );
        assert_eq!(f(".2147483648f"), "precision too big");
        let e = format_int_digits(false, &"9".repeat(400), "e").unwrap_err();
        assert_eq!(
            (e.kind, e.message.as_str()),
            (
                ErrorKind::OverflowError,
                "int too large to convert to float"
            )
        );
    }

    /// Undo the table escaping: `\\` and `\xNN`.
    fn unesc(t: &str) -> String {
        let mut out = String::new();
        let mut it = t.chars();
        while let Some(c) = it.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match it.next() {
                Some('x') => {
                    let h: String = it.by_ref().take(2).collect();
                    out.push(char::from(u8::from_str_radix(&h, 16).unwrap()));
                }
                Some(o) => out.push(o),
                None => panic!("dangling escape"),
            }
        }
        out
    }

    /// `kind<TAB>value<TAB>spec<TAB>"OK <text>" | "ERR <Class>: <message>"`,
    /// kind `i` (value in decimal), `f` (value as IEEE bits in hex) or `s`
    /// (the string); text fields escape `\\` and control characters as
    /// `\xNN`. Generated with CPython 3.13.0's `format()`.
    const TABLE: &str = r##"
i	5	x<05	OK 5xxxx
i	5	<05	OK 50000
s	ab	05	OK ab000
s	ab	<05	OK ab000
i	1234	010,	OK 00,001,234
i	1234	08,	OK 0,001,234
i	1234	09,	OK 0,001,234
i	1234	0=10,	OK 00,001,234
f	7ff0000000000000	010,	OK 0000000inf
f	7ff0000000000000	010	OK 0000000inf
f	7ff8000000000000	+010	OK +000000nan
i	1	,,	ERR ValueError: Cannot specify ',' with ','.
i	1	,_	ERR ValueError: Cannot specify both ',' and '_'.
i	1	_,	ERR ValueError: Cannot specify both ',' and '_'.
i	1	__	ERR ValueError: Cannot specify '_' with '_'.
i	1	z	ERR ValueError: Negative zero coercion (z) not allowed in integer format specifier
s	a	z	ERR ValueError: Negative zero coercion (z) not allowed in string format specifier
f	3ff0000000000000	z	OK 1.0
s	a	+	ERR ValueError: Sign not allowed in string format specifier
s	a	#	ERR ValueError: Alternate form (#) not allowed in string format specifier
s	a	=	ERR ValueError: '=' alignment not allowed in string format specifier
s	a	,	ERR ValueError: Cannot specify ',' with 's'.
s	a	_	ERR ValueError: Cannot specify '_' with 's'.
i	1	,x	ERR ValueError: Cannot specify ',' with 'x'.
i	1	_x	OK 1
i	1	,n	ERR ValueError: Cannot specify ',' with 'n'.
i	1	_n	ERR ValueError: Cannot specify '_' with 'n'.
i	1	,c	ERR ValueError: Cannot specify ',' with 'c'.
i	1	.2	ERR ValueError: Precision not allowed in integer format specifier
i	1	.2d	ERR ValueError: Precision not allowed in integer format specifier
i	65	+c	ERR ValueError: Sign not allowed with integer format specifier 'c'
i	65	#c	ERR ValueError: Alternate form (#) not allowed with integer format specifier 'c'
i	65	,c	ERR ValueError: Cannot specify ',' with 'c'.
f	3ff0000000000000	d	ERR ValueError: Unknown format code 'd' for object of type 'float'
i	1	s	ERR ValueError: Unknown format code 's' for object of type 'int'
s	a	d	ERR ValueError: Unknown format code 'd' for object of type 'str'
i	1	111111111111111111111111111111	ERR ValueError: Too many decimal digits in format string
i	1	.111111111111111111111111111111	ERR ValueError: Too many decimal digits in format string
i	1	.	ERR ValueError: Format specifier missing precision
i	1	.x	ERR ValueError: Format specifier missing precision
f	3ff0000000000000	.2147483648f	ERR ValueError: precision too big
i	1	xx	ERR ValueError: Invalid format specifier 'xx' for object of type 'int'
i	1	abc	ERR ValueError: Invalid format specifier 'abc' for object of type 'int'
f	3ff0000000000000	\x01	ERR ValueError: Unknown format code '\\x1' for object of type 'float'
f	3ff0000000000000	é	ERR ValueError: Unknown format code '\\xe9' for object of type 'float'
i	1	>>>	ERR ValueError: Unknown format code '>' for object of type 'int'
s	abc	.1	OK a
s	abc	^6.2	OK   ab  
f	3ff8000000000000	10	OK        1.5
f	3ff0000000000000		OK 1.0
f	4341c37937e08000		OK 1e+16
f	405ec00000000000	.3	OK 1.23e+02
f	8000000000000000	z	OK 0.0
f	bf1a36e2eb1c432d	z.2f	OK 0.00
f	8000000000000000	z+	ERR ValueError: Unknown format code '+' for object of type 'float'
f	3ff0000000000000	%	OK 100.000000%
f	3ff8000000000000	.0%	OK 150%
f	4132d687e4189375	,.2f	OK 1,234,567.89
f	4132d687e4189375	_	OK 1_234_567.891
f	4132d687e4189375	_e	OK 1.234568e+06
f	4415af1d78b58c40	,	OK 1e+20
f	c0934a0000000000	=+12,.1f	OK -    1,234.5
i	255	#x	OK 0xff
i	255	#X	OK 0XFF
i	-255	#010x	OK -0x00000ff
i	255	#_b	OK 0b1111_1111
i	1099511627776	_x	OK 100_0000_0000
i	1099511627776	_o	OK 20_0000_0000_0000
i	0	#b	OK 0b0
i	65	c	OK A
i	1114112	c	ERR OverflowError: %c arg not in range(0x110000)
i	-1	c	ERR OverflowError: %c arg not in range(0x110000)
i	1234	n	OK 1234
f	40934a0000000000	n	OK 1234.5
i	12	.2e	OK 1.20e+01
i	13582985290493858492773514283592667786034938469317445497485196697278130927542418487205392083207560592298578262953847383475038725543234929971155548342800628721885763499406390331782864144164680730766837160526223176512798435772129956553355286032203080380775759732320198985094884004069116123084147875437183658467465148948790552744165376	f	ERR OverflowError: int too large to convert to float
i	1	z>5	OK zzzz1
s	ab	\x00<5	OK ab\x00\x00\x00
i	1000000000000000000000000000000	e	OK 1.000000e+30
f	3ff0000000000000	#	OK 1.0
f	3ff0000000000000	#.0	OK 1.e+00
i	5	#.0	ERR ValueError: Precision not allowed in integer format specifier
i	5	d 	ERR ValueError: Invalid format specifier 'd ' for object of type 'int'
i	1	0	OK 1
i	1	00	OK 1
i	1	+0	OK +1
i	1	-06	OK 000001
f	3ff0000000000000	 06	OK  001.0
i	1	 =5	OK     1
i	1	= 5	OK     1
i	-1	0=5	OK -0001
f	3ff8000000000000	010.1%	OK 0000150.0%
f	3ff8000000000000	=10.1%	OK     150.0%
f	d4b249ad2594c37d	020,.0f	OK -10,000,000,000,000,000,159,028,911,097,599,180,468,360,808,563,945,281,389,781,327,557,747,838,772,170,381,060,813,469,985,856,815,104
f	4202a05f20000000	>020,.0f	OK 00000010,000,000,000
i	12345	_>15_	OK _________12_345
i	1	é^7	OK ééé1ééé
f	3ff0000000000000	,g	OK 1
f	3ff0000000000000	,G	OK 1
f	3ff0000000000000	,%	OK 100.000000%
f	3ff0000000000000	,r	ERR ValueError: Cannot specify ',' with 'r'.
f	3ff0000000000000	r	ERR ValueError: Unknown format code 'r' for object of type 'float'
s	x	s	OK x
s	x	r	ERR ValueError: Unknown format code 'r' for object of type 'str'
i	1	0,	OK 1
i	1234567	0,	OK 1,234,567
i	1234567	010,	OK 01,234,567
i	1234567	011,	OK 001,234,567
i	1234567	012,	OK 0,001,234,567
i	1234567	013,	OK 0,001,234,567
i	-1234567	012,	OK -001,234,567
i	11259375	#012_x	OK 0x0_00ab_cdef
i	11259375	#013_x	OK 0x0_00ab_cdef
f	3ff8000000000000	016,.3e	OK 0,000,001.500e+00
f	40c81cd6c8b43958	015,.2f	OK 0,000,012,345.68
f	40c81cd6c8b43958	016,.2f	OK 0,000,012,345.68
f	40c81cd6c8b43958	017,.2f	OK 00,000,012,345.68
s	a	 	ERR ValueError: Space not allowed in string format specifier
s	a	-	ERR ValueError: Sign not allowed in string format specifier
s	a	+#	ERR ValueError: Sign not allowed in string format specifier
s	a	#=	ERR ValueError: '=' alignment not allowed in string format specifier
s	a	z#	ERR ValueError: Negative zero coercion (z) not allowed in string format specifier
s	a	=#	ERR ValueError: Alternate form (#) not allowed in string format specifier
s	a	,d	ERR ValueError: Unknown format code 'd' for object of type 'str'
f	3ff0000000000000	,x	ERR ValueError: Cannot specify ',' with 'x'.
f	4341c37937e08000	#	OK 1.e+16
f	3ff0000000000000	#g	OK 1.00000
i	65	=5c	OK     A
i	65	05c	OK 0000A
i	65	.2c	ERR ValueError: Precision not allowed in integer format specifier
i	65	zc	ERR ValueError: Negative zero coercion (z) not allowed in integer format specifier
f	3ff8000000000000	.2c	ERR ValueError: Unknown format code 'c' for object of type 'float'
i	-5	 	OK -5
f	fff8000000000000		OK nan
f	fff8000000000000	+	OK +nan
i	5	.2f	OK 5.00
i	9007199254740993	.0f	OK 9007199254740992
f	3ff0000000000000	0	OK 1.0
s	a	\x7f	ERR ValueError: Unknown format code '\x7f' for object of type 'str'
s	a	  	ERR ValueError: Unknown format code '\\x20' for object of type 'str'
s	abc	.0	OK 
i	1	 c	ERR ValueError: Sign not allowed with integer format specifier 'c'
i	-1	c	ERR OverflowError: %c arg not in range(0x110000)
i	1114111	c	OK 􏿿
i	1	=+5	OK +   1
f	3ff0000000000000	z=+5	OK +z1.0
f	8000000000000000	z	OK 0.0
f	8000000000000000		OK -0.0
f	3ff0000000000000	F	OK 1.000000
f	7ff0000000000000	F	OK INF
f	7ff8000000000000	E	OK NAN
f	7ff0000000000000	#010,.2%	OK 000000inf%
i	1	,b	ERR ValueError: Cannot specify ',' with 'b'.
i	1	_c	ERR ValueError: Cannot specify '_' with 'c'.
f	3ff0000000000000	n	OK 1
f	3ff0000000000000	.0n	OK 1
f	7e37e43c8800759c	.3n	OK 1e+300
f	3ee4f8b588e368f1	n	OK 1e-05
f	3ee4f8b588e368f1		OK 1e-05
f	3ee4f8b588e368f1	.2	OK 1e-05
f	0000000000000000	.0	OK 0e+00
f	4059000000000000	.2	OK 1e+02
f	4059000000000000	.3	OK 1e+02
f	4059000000000000	.4	OK 100.0
f	3ff0000000000000	.0e	OK 1e+00
f	3ff0000000000000	#.0e	OK 1.e+00
f	3ff0000000000000	.0f	OK 1
f	4004000000000000	.0f	OK 2
f	3fe0000000000000	.0%	OK 50%
i	1000000000000000000000000000000	e	OK 1.000000e+30
i	1000000000000000000000000000000	,.3f	OK 1,000,000,000,000,000,019,884,624,838,656.000
i	-100000000000000000000	_	OK -100_000_000_000_000_000_000
i	1180591620717411303424	#_o	OK 0o2000_0000_0000_0000_0000_0000
i	1180591620717411303424	#_X	OK 0X40_0000_0000_0000_0000
s	日本語	*^8.2	OK ***日本***
s	x		OK x
s		5	OK      
s	abc	<	OK abc
i	0	c	OK \x00
i	0	x	OK 0
i	0	#x	OK 0x0
i	0	+	OK +0
f	0000000000000000	+.2f	OK +0.00
f	bddb7cdfd9d7bdbb	z.3f	OK 0.000
f	bddb7cdfd9d7bdbb	z.3e	OK -1.000e-10
f	bddb7cdfd9d7bdbb	z.3g	OK -1e-10
f	bddb7cdfd9d7bdbb	z	OK -1e-10
f	6974e718d7d7625a	,.0f	OK 99,999,999,999,999,996,973,312,221,251,036,165,947,450,327,545,502,362,648,241,750,950,346,848,435,554,075,534,196,338,404,706,251,868,027,512,415,973,882,408,182,135,734,368,278,484,639,385,041,047,239,877,871,023,591,066,789,981,811,181,813,306,167,128,854,888,448
i	10000000000000000000000000	.25g	OK 1.000000000000000090596966e+25
i	9223372036854775807	==.25o	ERR ValueError: Precision not allowed in integer format specifier
i	65	8.10X	ERR ValueError: Precision not allowed in integer format specifier
i	123456789	 >n	OK 123456789
i	-1237940039285380274899111879	=<#_.3g	OK -1.24e+27
i	10000000000000000000000000	= 8o	OK  4105452130240024411200000000
i	123456789	z0.3d	ERR ValueError: Precision not allowed in integer format specifier
i	255	*<e	OK 2.550000e+02
i	65535	<.3f	OK 65535.000
i	-987654321	^.0F	OK -987654321
i	42	#8,q	ERR ValueError: Cannot specify ',' with 'q'.
i	0	=01,X	ERR ValueError: Cannot specify ',' with 'X'.
i	-9223372036854775808	+_o	OK -10_0000_0000_0000_0000_0000
i	255	1s	ERR ValueError: Unknown format code 's' for object of type 'int'
i	1	015n	OK 000000000000001
i	-42	,e	OK -4.200000e+01
i	-1234	>-5_x	OK  -4d2
i	-1237940039285380274899111879	^-5o	OK -777777777777777777777777747707
i	255	==10X	OK ========FF
i	2147483648	== 12.10E	OK  2.1474836480E+09
i	7	 >E	OK 7.000000E+00
i	128512	0<#20.17F	OK 128512.00000000000000000
i	42	_^ #012%	OK  4200.000000%
i	65535	20o	OK               177777
i	7	=>s	ERR ValueError: Unknown format code 's' for object of type 'int'
i	-42	#08b	OK -0b101010
i	1000	*=8.10q	ERR ValueError: Unknown format code 'q' for object of type 'int'
i	1000	0q	ERR ValueError: Unknown format code 'q' for object of type 'int'
i	42	 ^1s	ERR ValueError: Unknown format code 's' for object of type 'int'
i	-1237940039285380274899111879	>+	OK -1237940039285380274899111879
i	65535	-12_	OK       65_535
i	42	^+30.3f	OK            +42.000            
i	-1237940039285380274899111879	0^ z10n	ERR ValueError: Negative zero coercion (z) not allowed in integer format specifier
i	123456789	 1X	OK  75BCD15
i	-42	é<#1o	OK -0o52
i	-987654321	-#1F	OK -987654321.000000
i	9223372036854775807	é^20	OK 9223372036854775807é
i	-9223372036854775808	x^15_G	OK x-9.22337E+18xx
i	-1234	 ^20,.0n	ERR ValueError: Cannot specify ',' with 'n'.
i	1	1g	OK 1
i	-1	_=0E	OK -1.000000E+00
i	1000	10.3f	OK   1000.000
i	-1	=30,.17d	ERR ValueError: Precision not allowed in integer format specifier
i	9223372036854775807	 =,.0o	ERR ValueError: Cannot specify ',' with 'o'.
i	-1234	*>5o	OK -2322
i	123456789	08.17E	OK 1.23456789000000000E+08
i	128512	 =10s	ERR ValueError: Unknown format code 's' for object of type 'int'
i	0	é=.3s	ERR ValueError: Unknown format code 's' for object of type 'int'
i	-9223372036854775808	x<z1.25X	ERR ValueError: Precision not allowed in integer format specifier
i	65535	 >z15.1q	ERR ValueError: Unknown format code 'q' for object of type 'int'
i	65	_.10e	OK 6.5000000000e+01
i	123456789	_^1_.3	ERR ValueError: Precision not allowed in integer format specifier
i	7	=015,c	ERR ValueError: Cannot specify ',' with 'c'.
i	-1237940039285380274899111879	*>.25g	OK -1.237940039285380274899124e+27
i	123456789	x>-8g	OK 1.23457e+08
i	-1237940039285380274899111879	+#10.1c	ERR ValueError: Precision not allowed in integer format specifier
i	10000000000000000000000000	 <zX	ERR ValueError: Negative zero coercion (z) not allowed in integer format specifier
i	0	*=.0E	OK 0E+00
i	9223372036854775807	 <8b	OK 111111111111111111111111111111111111111111111111111111111111111
i	65	_=z1.10d	ERR ValueError: Precision not allowed in integer format specifier
i	1000	15.0	ERR ValueError: Precision not allowed in integer format specifier
i	-1234	8	OK    -1234
i	-1	-	OK -1
i	-1237940039285380274899111879	15.17n	ERR ValueError: Precision not allowed in integer format specifier
i	-1	^	OK -1
i	10000000000000000000000000	é>-#8,.6%	OK 1,000,000,000,000,000,150,726,508,544.000000%
i	0	_>1f	OK 0.000000
i	42	*<E	OK 4.200000E+01
i	255	#s	ERR ValueError: Unknown format code 's' for object of type 'int'
i	1000	 0,E	OK  1.000000E+03
i	-987654321	=-#0.10q	ERR ValueError: Unknown format code 'q' for object of type 'int'
i	123456789	0> 30_G	OK 000000000000000000 1.23457E+08
i	-1	é<z10,.10f	OK -1.0000000000
i	-1237940039285380274899111879	*^01_n	ERR ValueError: Cannot specify '_' with 'n'.
i	0	 ^s	ERR ValueError: Unknown format code 's' for object of type 'int'
i	7	>z8.1g	OK        7
i	1	1.17n	ERR ValueError: Precision not allowed in integer format specifier
i	-987654321	*^-#_g	OK -9.87654e+08
i	-9223372036854775808	x^8_.6F	OK -9_223_372_036_854_775_808.000000
i	2147483648	+#o	OK +0o20000000000
i	7	<g	OK 7
i	9223372036854775807	 =+#15,g	OK +   9.22337e+18
i	255	15,	OK             255
i	-987654321	+.3	ERR ValueError: Precision not allowed in integer format specifier
i	10000000000000000000000000	=<8x	OK 84595161401484a000000
i	10000000000000000000000000	=^ #30_.17s	ERR ValueError: Cannot specify '_' with 's'.
i	1	#15.1d	ERR ValueError: Precision not allowed in integer format specifier
i	-42	>12.10e	OK -4.2000000000e+01
i	-1	^#30.1g	OK              -1.              
i	0	#.6d	ERR ValueError: Precision not allowed in integer format specifier
i	65	5e	OK 6.500000e+01
i	42	x^-z.0F	OK 42
i	-42	=<z.17G	OK -42
i	-9223372036854775808	x=5_q	ERR ValueError: Cannot specify '_' with 'q'.
i	2147483648	^,e	OK 2.147484e+09
i	255	 =010.2c	ERR ValueError: Precision not allowed in integer format specifier
i	2147483648	15,s	ERR ValueError: Cannot specify ',' with 's'.
i	255	.25d	ERR ValueError: Precision not allowed in integer format specifier
i	9223372036854775807	x=#,.6c	ERR ValueError: Cannot specify ',' with 'c'.
i	123456789	<#20c	ERR ValueError: Alternate form (#) not allowed with integer format specifier 'c'
i	-1234	<30,.2	ERR ValueError: Precision not allowed in integer format specifier
i	0	^12F	OK   0.000000  
i	-1	x=+15,q	ERR ValueError: Cannot specify ',' with 'q'.
i	10000000000000000000000000	é^#0G	OK 1.00000E+25
i	7	8,b	ERR ValueError: Cannot specify ',' with 'b'.
i	255	#12.17q	ERR ValueError: Unknown format code 'q' for object of type 'int'
i	65	>+01.0E	OK +6E+01
i	7	1.6e	OK 7.000000e+00
i	9223372036854775807	+_.0%	OK +922_337_203_685_477_580_800%
i	9223372036854775807	0X	OK 7FFFFFFFFFFFFFFF
i	65535	20_b	OK  1111_1111_1111_1111
i	9223372036854775807	<.10b	ERR ValueError: Precision not allowed in integer format specifier
i	-9223372036854775808	=>,.17f	OK -9,223,372,036,854,775,808.00000000000000000
i	65535	-z30E	OK                   6.553500E+04
i	9223372036854775807	0.25	ERR ValueError: Precision not allowed in integer format specifier
i	-1234	20o	OK                -2322
i	-1237940039285380274899111879	x<020_G	OK -1.23794E+27xxxxxxxx
i	-1234	*=#8,x	ERR ValueError: Cannot specify ',' with 'x'.
i	65535	 >.1f	OK 65535.0
i	-1237940039285380274899111879	*^01o	OK -777777777777777777777777747707
i	0	=< #10	OK  0========
i	2147483648	5o	OK 20000000000
i	9223372036854775807	15g	OK     9.22337e+18
i	7	é< 0.6s	ERR ValueError: Unknown format code 's' for object of type 'int'
i	255	x=#20G	OK xxxxxxxxxxxxx255.000
i	9223372036854775807	==#1c	ERR ValueError: Alternate form (#) not allowed with integer format specifier 'c'
i	-1	== #.25q	ERR ValueError: Unknown format code 'q' for object of type 'int'
i	123456789	 =-#x	OK 0x75bcd15
i	-42	 z8.3	ERR ValueError: Precision not allowed in integer format specifier
i	-9223372036854775808	^12n	OK -9223372036854775808
i	7	-30f	OK                       7.000000
i	-9223372036854775808	 = 010G	OK -9.22337E+18
i	1000	*= z20c	ERR ValueError: Negative zero coercion (z) not allowed in integer format specifier
i	-9223372036854775808	x=.17c	ERR ValueError: Precision not allowed in integer format specifier
i	123456789	z010f	OK 123456789.000000
i	2147483648	15.0X	ERR ValueError: Precision not allowed in integer format specifier
i	-9223372036854775808	,n	ERR ValueError: Cannot specify ',' with 'n'.
i	1	=> 12F	OK === 1.000000
i	-9223372036854775808	=8o	OK -1000000000000000000000
i	7	0<10.6X	ERR ValueError: Precision not allowed in integer format specifier
i	42	é^#1.2G	OK 42.
i	-9223372036854775808	_= 0_.6F	OK -9_223_372_036_854_775_808.000000
i	9223372036854775807	*=30,x	ERR ValueError: Cannot specify ',' with 'x'.
i	-1237940039285380274899111879	é=020.6f	OK -1237940039285380274899124224.000000
i	-1	8X	OK       -1
i	1000	 >#30f	OK                    1000.000000
i	-42	x>z10.3X	ERR ValueError: Precision not allowed in integer format specifier
i	-9223372036854775808	#10_g	OK -9.22337e+18
i	-1237940039285380274899111879	^+20.17x	ERR ValueError: Precision not allowed in integer format specifier
i	-987654321	 =8.0g	OK -  1e+09
i	0	x<0c	OK \x00
i	9223372036854775807	.2n	ERR ValueError: Precision not allowed in integer format specifier
i	1000	n	OK 1000
i	7	>10,	OK          7
i	255	*<12f	OK 255.000000**
i	9223372036854775807	 =5F	OK 9223372036854775808.000000
i	42	^15.1E	OK     4.2E+01    
i	-987654321	*^5.0g	OK -1e+09
i	7	^,g	OK 7
i	255	^#12,.3e	OK  2.550e+02  
i	65	=d	OK 65
i	42	 ^z_q	ERR ValueError: Cannot specify '_' with 'q'.
i	1	zq	ERR ValueError: Unknown format code 'q' for object of type 'int'
i	0	z8.2c	ERR ValueError: Precision not allowed in integer format specifier
i	-1	20b	OK                   -1
i	-987654321	#020.10F	OK -987654321.0000000000
i	7	0^ 10.3F	OK 00 7.00000
i	1000	0<#1.3b	ERR ValueError: Precision not allowed in integer format specifier
i	42	020.2F	OK 00000000000000042.00
i	-987654321	_<+0_.0F	OK -987_654_321
i	-1237940039285380274899111879	_< 08.3n	ERR ValueError: Precision not allowed in integer format specifier
i	65535	_<30,.10c	ERR ValueError: Cannot specify ',' with 'c'.
i	65	-.25F	OK 65.0000000000000000000000000
i	65535	z010.2o	ERR ValueError: Precision not allowed in integer format specifier
i	1	<15	OK 1              
i	128512	=^z012,.1F	OK =128,512.0==
i	0	x=-5.1E	OK 0.0E+00
i	2147483648	z#20E	OK         2.147484E+09
i	-42	^z#12.1g	OK   -4.e+01   
i	2147483648	*^+.0b	ERR ValueError: Precision not allowed in integer format specifier
i	65	é<015e	OK 6.500000e+01ééé
i	7	x<20_d	OK 7xxxxxxxxxxxxxxxxxxx
i	-1	>05F	OK -1.000000
i	9223372036854775807	.0x	ERR ValueError: Precision not allowed in integer format specifier
i	1000	x^#15x	OK xxxxx0x3e8xxxxx
i	-987654321	+10,n	ERR ValueError: Cannot specify ',' with 'n'.
i	-42	#15g	OK        -42.0000
i	1	=12G	OK            1
i	65	 8_x	OK       41
i	-1237940039285380274899111879	 <10%	OK -123794003928538027489912422400.000000%
i	2147483648	*=#1_.1F	OK 2_147_483_648.0
i	2147483648	.0X	ERR ValueError: Precision not allowed in integer format specifier
i	10000000000000000000000000	*^12q	ERR ValueError: Unknown format code 'q' for object of type 'int'
i	42	é<-z10_c	ERR ValueError: Cannot specify '_' with 'c'.
i	128512	0<1.17F	OK 128512.00000000000000000
i	42	x>-#8F	OK 42.000000
i	9223372036854775807	-X	OK 7FFFFFFFFFFFFFFF
i	42	*^12_.2F	OK ***42.00****
i	10000000000000000000000000	010	OK 10000000000000000000000000
i	2147483648	010q	ERR ValueError: Unknown format code 'q' for object of type 'int'
i	255	n	OK 255
i	42	020.0x	ERR ValueError: Precision not allowed in integer format specifier
i	7	1.6c	ERR ValueError: Precision not allowed in integer format specifier
i	10000000000000000000000000	08E	OK 1.000000E+25
i	65535	*=.6f	OK 65535.000000
i	123456789	*<15g	OK 1.23457e+08****
i	65535	=#8,d	OK   65,535
i	-42	 ^#,.0s	ERR ValueError: Cannot specify ',' with 's'.
i	1	+10o	OK         +1
i	10000000000000000000000000	30F	OK 10000000000000000905969664.000000
i	-987654321	==30X	OK -=====================3ADE68B1
i	123456789	-#20n	OK            123456789
i	-1	0^015,.0G	OK 000000-10000000
i	-1	*=#10.25f	OK -1.0000000000000000000000000
i	42	+o	OK +52
i	-1237940039285380274899111879	 ^-20.17E	OK -1.23794003928538027E+27
i	1000	15.6c	ERR ValueError: Precision not allowed in integer format specifier
i	10000000000000000000000000	*^+.3f	OK +10000000000000000905969664.000
i	65	 10.17q	ERR ValueError: Unknown format code 'q' for object of type 'int'
i	7	==30,x	ERR ValueError: Cannot specify ',' with 'x'.
i	2147483648	x^-0_.3F	OK 2_147_483_648.000
i	1000	x= 30q	ERR ValueError: Unknown format code 'q' for object of type 'int'
i	9223372036854775807	_=#.2b	ERR ValueError: Precision not allowed in integer format specifier
i	42	>30.25n	ERR ValueError: Precision not allowed in integer format specifier
i	42	é^#0_X	OK 0X2A
i	128512	==-,b	ERR ValueError: Cannot specify ',' with 'b'.
i	0	-20_.1G	OK                    0
i	-9223372036854775808	*<z1%	OK -922337203685477580800.000000%
i	2147483648	-.25X	ERR ValueError: Precision not allowed in integer format specifier
i	-1	<z#8.0g	OK -1.     
i	9223372036854775807	<0	OK 9223372036854775807
i	-1237940039285380274899111879	x=#,.1s	ERR ValueError: Cannot specify ',' with 's'.
i	-1237940039285380274899111879	.0E	OK -1E+27
i	255	5.2o	ERR ValueError: Precision not allowed in integer format specifier
i	65	z20e	OK         6.500000e+01
i	0	>10,E	OK 0.000000E+00
i	7	1c	OK \x07
i	65535	é= #30_.25X	ERR ValueError: Precision not allowed in integer format specifier
i	10000000000000000000000000	é^ #0.3e	OK  1.000e+25
i	1000	 <8e	OK 1.000000e+03
i	255	0<10X	OK FF00000000
i	123456789	 z30_%	OK         12_345_678_900.000000%
i	9223372036854775807	0^#01.10%	OK 922337203685477580800.0000000000%
i	-987654321	x= 8x	OK -3ade68b1
i	1	+#5,.2o	ERR ValueError: Cannot specify ',' with 'o'.
i	128512	0<10,x	ERR ValueError: Cannot specify ',' with 'x'.
i	123456789	x< 20%	OK  12345678900.000000%
i	7	zF	OK 7.000000
i	-1234	#20.17e	OK -1.23400000000000000e+03
i	2147483648	#b	OK 0b10000000000000000000000000000000
i	255	05.2E	OK 2.55E+02
i	-1	==-30_.2n	ERR ValueError: Cannot specify '_' with 'n'.
i	-9223372036854775808	z015c	ERR ValueError: Negative zero coercion (z) not allowed in integer format specifier
i	-1	*> #12,G	OK ****-1.00000
i	65535	*^0X	OK FFFF
i	65	x^z12.2f	OK xxx65.00xxxx
i	65535	> .3%	OK  6553500.000%
i	128512	 ^5.1e	OK 1.3e+05
i	-42	x<+.25e	OK -4.2000000000000000000000000e+01
i	1	_= #01q	ERR ValueError: Unknown format code 'q' for object of type 'int'
i	10000000000000000000000000	5.17b	ERR ValueError: Precision not allowed in integer format specifier
i	10000000000000000000000000	é<z30o	ERR ValueError: Negative zero coercion (z) not allowed in integer format specifier
i	-1234	30.6g	OK                          -1234
i	-42	>10x	OK        -2a
i	-987654321	^ 8,.0	ERR ValueError: Precision not allowed in integer format specifier
i	65	>020X	OK 00000000000000000041
i	10000000000000000000000000	_=	OK 10000000000000000000000000
i	128512	,.10g	OK 128,512
i	42	 >0b	OK 101010
i	255	x<-#12x	OK 0xffxxxxxxxx
i	2147483648	 ^30n	OK           2147483648          
i	1000	x^#30g	OK xxxxxxxxxxx1000.00xxxxxxxxxxxx
i	123456789	+z1s	ERR ValueError: Unknown format code 's' for object of type 'int'
i	42	 <#20E	OK 4.200000E+01        
i	10000000000000000000000000	é^+30g	OK éééééééééééé+1e+25éééééééééééé
i	128512	*=z5	ERR ValueError: Negative zero coercion (z) not allowed in integer format specifier
i	10000000000000000000000000	^zs	ERR ValueError: Unknown format code 's' for object of type 'int'
i	1000	x<z12F	OK 1000.000000x
i	-1237940039285380274899111879	30o	OK -777777777777777777777777747707
i	65	<z030f	OK 65.000000000000000000000000000
i	128512	_^030,X	ERR ValueError: Cannot specify ',' with 'X'.
i	-1	x^ 5%	OK -100.000000%
i	9223372036854775807	1q	ERR ValueError: Unknown format code 'q' for object of type 'int'
i	65535	é<z10.3x	ERR ValueError: Precision not allowed in integer format specifier
i	0	é=#30E	OK éééééééééééééééééé0.000000E+00
i	7	g	OK 7
i	-1234	<z010f	OK -1234.000000
i	-1	= .2	ERR ValueError: Precision not allowed in integer format specifier
i	-1	0<+5f	OK -1.000000
i	128512	*<-5s	ERR ValueError: Unknown format code 's' for object of type 'int'
i	65	x=z20.6g	OK xxxxxxxxxxxxxxxxxx65
i	-1	 =20.2d	ERR ValueError: Precision not allowed in integer format specifier
i	-9223372036854775808	12g	OK -9.22337e+18
i	65535	=#01.10b	ERR ValueError: Precision not allowed in integer format specifier
i	-1	0<z010.25%	OK -100.0000000000000000000000000%
i	123456789	_=#o	OK 0o726746425
i	128512	> 0E	OK  1.285120E+05
i	-1237940039285380274899111879	_>-#,s	ERR ValueError: Cannot specify ',' with 's'.
i	65	<z12_.17e	OK 6.50000000000000000e+01
i	-1234	é>+.1s	ERR ValueError: Unknown format code 's' for object of type 'int'
i	1000	*=d	OK 1000
i	255	 >30_x	OK                             ff
i	7	-8.6b	ERR ValueError: Precision not allowed in integer format specifier
i	123456789	é^,.0n	ERR ValueError: Cannot specify ',' with 'n'.
i	-1237940039285380274899111879	<020.10e	OK -1.2379400393e+27000
i	-9223372036854775808	*=+#8b	OK -0b1000000000000000000000000000000000000000000000000000000000000000
i	255	.0E	OK 3E+02
i	123456789	*=-10_o	OK 7_2674_6425
i	65	0<-z08.0q	ERR ValueError: Unknown format code 'q' for object of type 'int'
i	65535	 =#b	OK 0b1111111111111111
i	-9223372036854775808	-.10x	ERR ValueError: Precision not allowed in integer format specifier
i	-9223372036854775808	zb	ERR ValueError: Negative zero coercion (z) not allowed in integer format specifier
i	128512	z,.0X	ERR ValueError: Cannot specify ',' with 'X'.
i	1000	_<_.25X	ERR ValueError: Precision not allowed in integer format specifier
i	7	=<5	OK 7====
i	-1234	é>zf	OK -1234.000000
i	123456789	+5e	OK +1.234568e+08
i	-987654321	#1	OK -987654321
i	65535	#8,G	OK 65,535.0
i	10000000000000000000000000	*^ b	OK  100001000101100101010001011000010100000000010100100001001010000000000000000000000000
i	65	_=8d	OK ______65
i	-9223372036854775808	0=015.17x	ERR ValueError: Precision not allowed in integer format specifier
i	9223372036854775807	=+#12%	OK +922337203685477580800.000000%
i	7	 <-10F	OK 7.000000  
i	-1	 .25g	OK -1
i	1000	é<30.10q	ERR ValueError: Unknown format code 'q' for object of type 'int'
i	123456789	= 15%	OK  12345678900.000000%
i	-1234	0.0g	OK -1e+03
i	-9223372036854775808	 ^12	OK -9223372036854775808
i	0	*<#1%	OK 0.000000%
i	255	_>15,.25f	OK 255.0000000000000000000000000
i	123456789	015.0f	OK 000000123456789
i	7	*^12F	OK **7.000000**
i	128512	_=-_E	OK 1.285120E+05
i	-987654321	z20.6	ERR ValueError: Precision not allowed in integer format specifier
i	1000	 ^0.17	ERR ValueError: Precision not allowed in integer format specifier
i	0	=5E	OK 0.000000E+00
i	1000	é= #1,c	ERR ValueError: Cannot specify ',' with 'c'.
i	65535	012_.0	ERR ValueError: Precision not allowed in integer format specifier
i	65535	x^#010.1F	OK x65535.0xx
i	10000000000000000000000000	x=+010.3g	OK +xxxx1e+25
i	65535	_^10.6	ERR ValueError: Precision not allowed in integer format specifier
i	42	<g	OK 42
i	65535	<E	OK 6.553500E+04
i	-1237940039285380274899111879	<12,%	OK -123,794,003,928,538,027,489,912,422,400.000000%
i	255	,.17o	ERR ValueError: Cannot specify ',' with 'o'.
i	0	_	OK 0
i	-1237940039285380274899111879	 <-#E	OK -1.237940E+27
i	1000	 =+12.0e	OK +      1e+03
i	65	=#0F	OK 65.000000
f	c05edd2f1a9fbe77	^f	OK -123.456000
f	3ff8000000000000	>5,.3r	ERR ValueError: Cannot specify ',' with 'r'.
f	3f1a36e2eb1c432d	_<8g	OK 0.0001__
f	4132d687e4189375	.17E	OK 1.23456789100000006E+06
f	3fb999999999999a	-20.2g	OK                  0.1
f	0000000000000000	0<-30,.3x	ERR ValueError: Cannot specify ',' with 'x'.
f	bfe5555555555555	<#20s	ERR ValueError: Unknown format code 's' for object of type 'float'
f	3f1a36e2bf21436a	_>.2F	OK 0.00
f	4341c37937e08000	0=08_.1r	ERR ValueError: Cannot specify '_' with 'r'.
f	4058ffae147ae148	*<z030%	OK 9999.500000%******************
f	3ff0000000000000	é^-8.0x	ERR ValueError: Unknown format code 'x' for object of type 'float'
f	7ff0000000000000	=<015.0s	ERR ValueError: Unknown format code 's' for object of type 'float'
f	405edd2f1a9fbe77	0< 5f	OK  123.456000
f	405edd2f1a9fbe77	+0x	ERR ValueError: Unknown format code 'x' for object of type 'float'
f	7ff0000000000000	x<-,e	OK inf
f	4004000000000000	0<1.3G	OK 2.5
f	c132d687e4189375	=+#12.3F	OK -1234567.891
f	c05edd2f1a9fbe77	=^-z12f	OK -123.456000=
f	fff0000000000000	< 12.6f	OK -inf        
f	bfe5555555555555	20x	ERR ValueError: Unknown format code 'x' for object of type 'float'
f	4480f0cf064dd592	<8	OK 1e+22   
f	430c6bf526340000	 <012s	ERR ValueError: Unknown format code 's' for object of type 'float'
f	3ee4f8b588e368f1	10G	OK      1E-05
f	0000000000000001	=<+20,.25f	OK +0.0000000000000000000000000
f	7ff8000000000000	z0.17g	OK nan
f	3fd5555555555555	 =z#030,.17x	ERR ValueError: Cannot specify ',' with 'x'.
f	4480f0cf064dd592	10.25x	ERR ValueError: Unknown format code 'x' for object of type 'float'
f	bfe5555555555555	*>+08.10f	OK -0.6666666667
f	3f1a36e2bf21436a	-1.25f	OK 0.0000999999900000000040926
f	3ff0000000000000	 #.3f	OK  1.000
f	bff0000000000000	é>12,F	OK ééé-1.000000
f	4480f0cf064dd592	^f	OK 10000000000000000000000.000000
f	405edd2f1a9fbe77	 <015.25x	ERR ValueError: Unknown format code 'x' for object of type 'float'
f	0000000000000001	0<30.6E	OK 4.940656E-32400000000000000000
f	bff0000000000000	x=#1_E	OK -1.000000E+00
f	3f1a36e2eb1c432d	 ^-010	OK   0.0001  
f	430c6bf526340000	^05,r	ERR ValueError: Cannot specify ',' with 'r'.
f	405edd2f1a9fbe77	<#30.1n	OK 1.e+02                        
f	4132d687e4189375	= 012F	OK  1234567.891000
f	c05edd2f1a9fbe77	 #G	OK -123.456
f	3ff8000000000000	-z	OK 1.5
f	01a56e1fc2f8f359	10r	ERR ValueError: Unknown format code 'r' for object of type 'float'
f	0000000000000000	0>.10E	OK 0.0000000000E+00
f	bfe5555555555555	1.25n	OK -0.6666666666666666296592325
f	0000000000000000	010%	OK 00.000000%
f	3ff8000000000000	5_F	OK 1.500000
f	c132d687e4189375	*<8_%	OK -123_456_789.100000%
f	0000000000000000	 <15g	OK 0              
f	4480f0cf064dd592	=<-1	OK 1e+22
f	4004000000000000	>#05.25f	OK 2.5000000000000000000000000
f	4341c37937e08000	-.3f	OK 10000000000000000.000
f	01a56e1fc2f8f359	=^#8E	OK 1.000000E-300
f	430c6bf526340000	8.3E	OK 1.000E+15
f	7ff0000000000000	0=+e	OK +inf
f	4132d687e4189375	+#8.10E	OK +1.2345678910E+06
f	8000000000000000	^15r	ERR ValueError: Unknown format code 'r' for object of type 'float'
f	4132d687e4189375	*>#0e	OK 1.234568e+06
f	7fefffffffffffff	 z0s	ERR ValueError: Unknown format code 's' for object of type 'float'
f	bfe5555555555555	5.1	OK  -0.7
f	01a56e1fc2f8f359	=-0.0G	OK 1E-300
f	4132d687e4189375	 >+20.2n	OK             +1.2e+06
f	bfe5555555555555	==20d	ERR ValueError: Unknown format code 'd' for object of type 'float'
f	4004000000000000	20,.17	OK                  2.5
f	430c6bf526340000	x=-	OK 1000000000000000.0
f	3fb999999999999a	.17x	ERR ValueError: Unknown format code 'x' for object of type 'float'
f	3fe0000000000000	=-n	OK 0.5
f	3ee4f8b588e368f1	-_.6G	OK 1E-05
f	8000000000000000	015	OK -000000000000.0
f	3fd5555555555555	*^12.17	OK 0.33333333333333331
f	3f1a36e2eb1c432d	z,g	OK 0.0001
f	7fefffffffffffff	>f	OK 179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.000000
f	3fb999999999999a	==#8_G	OK 0.100000
f	7ff8000000000000	.1s	ERR ValueError: Unknown format code 's' for object of type 'float'
f	c05edd2f1a9fbe77	0>08.3%	OK -12345.600%
f	3f50624dd2f1a9fc	é=.25e	OK 1.0000000000000000208166817e-03
f	4004000000000000	>#,	OK 2.5
f	3f1a36e2eb1c432d	x^g	OK 0.0001
f	4341c37937e08000	12,.17r	ERR ValueError: Cannot specify ',' with 'r'.
f	3ee4f8b588e368f1	 >20d	ERR ValueError: Unknown format code 'd' for object of type 'float'
f	4132d687e4189375	*<012.2s	ERR ValueError: Unknown format code 's' for object of type 'float'
f	3ff0000000000000	x>12s	ERR ValueError: Unknown format code 's' for object of type 'float'
f	4004000000000000	z8,%	OK 250.000000%
f	4341c37937e08000	.2e	OK 1.00e+16
f	7ff0000000000000	.3e	OK inf
f	3f50624dd2f1a9fc	é<#,F	OK 0.001000
f	3fd5555555555555	é^r	ERR ValueError: Unknown format code 'r' for object of type 'float'
f	c05edd2f1a9fbe77	+z	OK -123.456
f	3ff0000000000000	= r	ERR ValueError: Unknown format code 'r' for object of type 'float'
f	4058ffae147ae148	 .6n	OK  99.995
f	4058ffae147ae148	>015,.6e	OK 0009.999500e+01
f	c05edd2f1a9fbe77	x<E	OK -1.234560E+02
f	3f50624dd2f1a9fc	x<.6	OK 0.001
f	4480f0cf064dd592	é<z5f	OK 10000000000000000000000.000000
f	3ff0000000000000	 .1f	OK  1.0
f	4480f0cf064dd592	_^20G	OK _______1E+22________
f	430c6bf526340000	0.25n	OK 1000000000000000
f	7ff0000000000000	é^8d	ERR ValueError: Unknown format code 'd' for object of type 'float'
f	4058ffae147ae148	0>15G	OK 00000000099.995
f	0000000000000001	x<+	OK +5e-324
f	3ff0000000000000	^z0g	OK 1
f	3ee4f8b588e368f1	<20	OK 1e-05               
f	4132d687e4189375	0^	OK 1234567.891
f	bfe5555555555555	5e	OK -6.666667e-01
f	4480f0cf064dd592	 = 0_.17G	OK  1E+22
f	3f1a36e2eb1c432d	x^_g	OK 0.0001
f	4004000000000000	08_	OK 00_002.5
f	3ff8000000000000	0^z10g	OK 0001.50000
f	8000000000000000	 =z#015.25	OK 0.000000000000000000000000
f	7fefffffffffffff	é<012.1s	ERR ValueError: Unknown format code 's' for object of type 'float'
f	4132d687e4189375	 <30%	OK 123456789.100000%             
f	c132d687e4189375	>.2	OK -1.2e+06
f	3fb999999999999a	0=012.0	OK 0000000000.1
f	3f1a36e2eb1c432d	^+010g	OK 0+0.000100
f	3f1a36e2bf21436a	1.10r	ERR ValueError: Unknown format code 'r' for object of type 'float'
f	3f1a36e2eb1c432d	_^020E	OK ____1.000000E-04____
f	430c6bf526340000	^zd	ERR ValueError: Unknown format code 'd' for object of type 'float'
f	3ff8000000000000	_=g	OK 1.5
f	3fd5555555555555	 ^ #_r	ERR ValueError: Cannot specify '_' with 'r'.
f	c05edd2f1a9fbe77	 =-.25G	OK -123.4560000000000030695446
f	3f1a36e2bf21436a	=<5,x	ERR ValueError: Cannot specify ',' with 'x'.
f	8000000000000000	<,f	OK -0.000000
f	4480f0cf064dd592	 =,d	ERR ValueError: Unknown format code 'd' for object of type 'float'
f	3ff0000000000000	=<+_.10%	OK +100.0000000000%
f	4132d687e4189375	^#8x	ERR ValueError: Unknown format code 'x' for object of type 'float'
f	419d6f3454000000	^#f	OK 123456789.000000
f	c05edd2f1a9fbe77	_>z#030_%	OK _______________-12_345.600000%
f	0000000000000001	0>#12e	OK 4.940656e-324
f	3f1a36e2eb1c432d	#20,n	ERR ValueError: Cannot specify ',' with 'n'.
f	4004000000000000	<.2F	OK 2.50
f	c05edd2f1a9fbe77	>8%	OK -12345.600000%
f	4004000000000000	 <z15,.0E	OK 2E+00          
f	430c6bf526340000	#15E	OK    1.000000E+15
f	0000000000000001	^z12_G	OK 4.94066E-324
f	3ff8000000000000	0<1_.3f	OK 1.500
f	fff0000000000000	_=e	OK -inf
f	419d6f3454000000	x=020_.17G	OK xxxxxxxxx123_456_789
f	4132d687e4189375	#.25f	OK 1234567.8910000000614672899246216
f	fff0000000000000	*= 15.2r	ERR ValueError: Unknown format code 'r' for object of type 'float'
f	c132d687e4189375	0>30f	OK 000000000000000-1234567.891000
f	4132d687e4189375	é=0.3n	OK 1.23e+06
f	7fefffffffffffff	x<5.6e	OK 1.797693e+308
f	01a56e1fc2f8f359	>8_d	ERR ValueError: Unknown format code 'd' for object of type 'float'
f	3fb999999999999a	x=r	ERR ValueError: Unknown format code 'r' for object of type 'float'
f	3ff8000000000000	-8.0f	OK        2
f	7ff8000000000000	<,	OK nan
f	0000000000000001	é^08.25	OK 4.940656458412465441765688e-324
f	4341c37937e08000	*>12n	OK *******1e+16
f	0000000000000001	 >#E	OK 4.940656E-324
f	bff0000000000000	 <10.3r	ERR ValueError: Unknown format code 'r' for object of type 'float'
f	7fefffffffffffff	= #1G	OK  1.79769E+308
f	419d6f3454000000	^#.6d	ERR ValueError: Unknown format code 'd' for object of type 'float'
f	bff0000000000000	#20x	ERR ValueError: Unknown format code 'x' for object of type 'float'
f	8000000000000000	<.6s	ERR ValueError: Unknown format code 's' for object of type 'float'
f	8000000000000000	<#.6d	ERR ValueError: Unknown format code 'd' for object of type 'float'
f	3fb999999999999a	-z1.25f	OK 0.1000000000000000055511151
f	0000000000000000	_=030r	ERR ValueError: Unknown format code 'r' for object of type 'float'
f	7ff8000000000000	é= _s	ERR ValueError: Cannot specify '_' with 's'.
f	4480f0cf064dd592	^020s	ERR ValueError: Unknown format code 's' for object of type 'float'
f	4004000000000000	=>_s	ERR ValueError: Cannot specify '_' with 's'.
f	4004000000000000	 ^15.2G	OK       2.5      
f	430c6bf526340000	é^12	OK 1000000000000000.0
f	3f50624dd2f1a9fc	é^ #E	OK  1.000000E-03
f	bfe5555555555555	0.3G	OK -0.667
f	7fefffffffffffff	s	ERR ValueError: Unknown format code 's' for object of type 'float'
f	c132d687e4189375	<012.2g	OK -1.2e+060000
f	3ff0000000000000	_<12,G	OK 1___________
f	c05edd2f1a9fbe77	.6E	OK -1.234560E+02
f	bfe5555555555555	x^5n	OK -0.666667
f	01a56e1fc2f8f359	é^r	ERR ValueError: Unknown format code 'r' for object of type 'float'
f	3fb999999999999a	x^+30_G	OK xxxxxxxxxxxxx+0.1xxxxxxxxxxxxx
f	419d6f3454000000	 >15.0E	OK           1E+08
f	3ee4f8b588e368f1	==#012s	ERR ValueError: Unknown format code 's' for object of type 'float'
f	8000000000000000	é<z.0d	ERR ValueError: Unknown format code 'd' for object of type 'float'
f	7ff0000000000000	=s	ERR ValueError: Unknown format code 's' for object of type 'float'
f	430c6bf526340000	_=15e	OK ___1.000000e+15
f	7ff0000000000000	 ^8n	OK   inf   
f	0000000000000001	+z.2G	OK +4.9E-324
f	8000000000000000	#.3F	OK -0.000
f	4058ffae147ae148	x>-_.10x	ERR ValueError: Unknown format code 'x' for object of type 'float'
f	419d6f3454000000	é>_E	OK 1.234568E+08
f	bfe5555555555555	 =-8.3g	OK -  0.667
f	7ff0000000000000	_=+z#015	OK +___________inf
f	3ff8000000000000	30e	OK                   1.500000e+00
f	3fb999999999999a	^12.17e	OK 1.00000000000000006e-01
f	0000000000000001	_>#,.10d	ERR ValueError: Unknown format code 'd' for object of type 'float'
f	419d6f3454000000	-_.25g	OK 123_456_789
f	419d6f3454000000	15.17g	OK       123456789
f	8000000000000000	30_.1s	ERR ValueError: Cannot specify '_' with 's'.
f	3ee4f8b588e368f1	<#n	OK 1.00000e-05
f	3ff8000000000000	^-.2%	OK 150.00%
f	3ff8000000000000	é<1e	OK 1.500000e+00
f	3f1a36e2eb1c432d	x=,x	ERR ValueError: Cannot specify ',' with 'x'.
f	3ff8000000000000	 >5g	OK   1.5
f	fff0000000000000	x^z.3F	OK -INF
f	bff0000000000000	0=8e	OK -1.000000e+00
f	405edd2f1a9fbe77	x=#12	OK xxxxx123.456
f	3fe0000000000000	+#30,.6n	ERR ValueError: Cannot specify ',' with 'n'.
f	bfe5555555555555	 >+12x	ERR ValueError: Unknown format code 'x' for object of type 'float'
f	01a56e1fc2f8f359	15.25E	OK 1.0000000000000000250590918E-300
f	bff0000000000000	08%	OK -100.000000%
f	430c6bf526340000	*<+30%	OK +100000000000000000.000000%***
f	419d6f3454000000	-G	OK 1.23457E+08
f	8000000000000000	 =.2d	ERR ValueError: Unknown format code 'd' for object of type 'float'
f	01a56e1fc2f8f359	0d	ERR ValueError: Unknown format code 'd' for object of type 'float'
f	4058ffae147ae148	x<G	OK 99.995
f	4341c37937e08000	+e	OK +1.000000e+16
f	3f1a36e2eb1c432d	_^0,.0	OK 0.0001
f	c05edd2f1a9fbe77	#.25x	ERR ValueError: Unknown format code 'x' for object of type 'float'
f	bfe5555555555555	=#G	OK -0.666667
f	430c6bf526340000	==G	OK 1E+15
f	7ff8000000000000	>#.17	OK nan
f	0000000000000000	é^#1.1e	OK 0.0e+00
f	0000000000000000	.6F	OK 0.000000
f	4004000000000000	x^-E	OK 2.500000E+00
f	7ff8000000000000	<0	OK nan
f	fff0000000000000	^-015e	OK 00000-inf000000
f	7fefffffffffffff	< 8	OK  1.7976931348623157e+308
f	3f1a36e2bf21436a	^08.17s	ERR ValueError: Unknown format code 's' for object of type 'float'
f	419d6f3454000000	> .1x	ERR ValueError: Unknown format code 'x' for object of type 'float'
f	3fe0000000000000	0=#10_s	ERR ValueError: Cannot specify '_' with 's'.
f	bfe5555555555555	+#15r	ERR ValueError: Unknown format code 'r' for object of type 'float'
f	0000000000000001	<z#8%	OK 0.000000%
f	3ee4f8b588e368f1	=>-z01s	ERR ValueError: Unknown format code 's' for object of type 'float'
f	4004000000000000	+10.3%	OK  +250.000%
f	3f50624dd2f1a9fc	*> #20	OK ************** 0.001
f	3fb999999999999a	12.10s	ERR ValueError: Unknown format code 's' for object of type 'float'
f	430c6bf526340000	=^z,n	ERR ValueError: Cannot specify ',' with 'n'.
f	405edd2f1a9fbe77	 <#15d	ERR ValueError: Unknown format code 'd' for object of type 'float'
f	c132d687e4189375	>15.0E	OK          -1E+06
f	7fefffffffffffff	 030	OK  0000001.7976931348623157e+308
f	0000000000000000	015%	OK 0000000.000000%
f	c05edd2f1a9fbe77	30.2%	OK                     -12345.60%
f	3ff8000000000000	é<#_.3G	OK 1.50
f	4480f0cf064dd592	x=z#20.17G	OK 1.0000000000000000E+22
f	3fe0000000000000	 >15	OK             0.5
f	3f1a36e2bf21436a	 >5F	OK 0.000100
f	4132d687e4189375	_>#_.0s	ERR ValueError: Cannot specify '_' with 's'.
f	3f50624dd2f1a9fc	15f	OK        0.001000
f	4480f0cf064dd592	,e	OK 1.000000e+22
f	3f50624dd2f1a9fc	<12_G	OK 0.001       
f	430c6bf526340000	x^-#01g	OK 1.00000e+15
f	bfe5555555555555	 ^#12.1G	OK     -0.7    
f	4341c37937e08000	>+#15E	OK   +1.000000E+16
f	3fb999999999999a	é^s	ERR ValueError: Unknown format code 's' for object of type 'float'
f	fff0000000000000	 >12	OK         -inf
f	8000000000000000	x<#12_.2f	OK -0.00xxxxxxx
f	419d6f3454000000	#20.6f	OK     123456789.000000
f	3fb999999999999a	_>12%	OK __10.000000%
f	3ee4f8b588e368f1	E	OK 1.000000E-05
f	bff0000000000000	x=z.17n	OK -1
f	7ff0000000000000	n	OK inf
f	4004000000000000	 =12_F	OK     2.500000
f	405edd2f1a9fbe77	é>-030.10%	OK ééééééééééééé12345.6000000000%
f	3fe0000000000000	<	OK 0.5
f	bfe5555555555555	0<030.0e	OK -7e-01000000000000000000000000
f	4058ffae147ae148	0^1g	OK 99.995
f	4058ffae147ae148	>8	OK   99.995
f	7ff8000000000000	é<5E	OK NANéé
f	c05edd2f1a9fbe77	 <08_.17E	OK -1.23456000000000003E+02
f	419d6f3454000000	=<#12_d	ERR ValueError: Unknown format code 'd' for object of type 'float'
f	7ff8000000000000	 ^0,	OK nan
f	4058ffae147ae148	=z#30,.2s	ERR ValueError: Cannot specify ',' with 's'.
f	4004000000000000	x<#5_	OK 2.5xx
f	7ff0000000000000	#020,E	OK 00000000000000000INF
f	c132d687e4189375	.17E	OK -1.23456789100000006E+06
f	3ff8000000000000	<12f	OK 1.500000    
f	3f1a36e2bf21436a	_>.25d	ERR ValueError: Unknown format code 'd' for object of type 'float'
f	3f1a36e2eb1c432d	-#5	OK 0.0001
f	3ff8000000000000	*=5E	OK 1.500000E+00
f	c132d687e4189375	*= 1.1	OK -1e+06
f	7ff0000000000000	x=+#%	OK +inf%
f	c05edd2f1a9fbe77	x<10.10F	OK -123.4560000000
f	0000000000000000	=<#20_n	ERR ValueError: Cannot specify '_' with 'n'.
f	3f1a36e2eb1c432d	zs	ERR ValueError: Unknown format code 's' for object of type 'float'
f	3fd5555555555555	+5.0	OK  +0.3
f	4132d687e4189375	_=g	OK 1.23457e+06
f	7fefffffffffffff	#1	OK 1.7976931348623157e+308
f	430c6bf526340000	*=0x	ERR ValueError: Unknown format code 'x' for object of type 'float'
f	0000000000000000	=-z12,s	ERR ValueError: Cannot specify ',' with 's'.
f	bff0000000000000	<8f	OK -1.000000
f	c132d687e4189375	_.10x	ERR ValueError: Unknown format code 'x' for object of type 'float'
f	4480f0cf064dd592	>0_e	OK 1.000000e+22
f	7fefffffffffffff	030	OK 00000001.7976931348623157e+308
f	3ee4f8b588e368f1	=^#20	OK =======1.e-05=======
f	4004000000000000	<020s	ERR ValueError: Unknown format code 's' for object of type 'float'
f	3ee4f8b588e368f1	e	OK 1.000000e-05
f	bff0000000000000	x<12.10G	OK -1xxxxxxxxxx
f	4058ffae147ae148	5,G	OK 99.995
f	c05edd2f1a9fbe77	1.25F	OK -123.4560000000000030695446185
f	3ff0000000000000	+10F	OK  +1.000000
f	4132d687e4189375	_^s	ERR ValueError: Unknown format code 's' for object of type 'float'
f	bfe5555555555555	x^15r	ERR ValueError: Unknown format code 'r' for object of type 'float'
f	3f1a36e2eb1c432d	 1G	OK  0.0001
f	4480f0cf064dd592	 x	ERR ValueError: Unknown format code 'x' for object of type 'float'
f	4132d687e4189375	*^.6G	OK 1.23457E+06
f	7ff8000000000000	=zx	ERR ValueError: Unknown format code 'x' for object of type 'float'
f	0000000000000001	0x	ERR ValueError: Unknown format code 'x' for object of type 'float'
f	bff0000000000000	 > #0.0%	OK -100.%
f	3f1a36e2eb1c432d	 <+#_x	ERR ValueError: Unknown format code 'x' for object of type 'float'
f	8000000000000000	^10	OK    -0.0   
f	4132d687e4189375	30.6r	ERR ValueError: Unknown format code 'r' for object of type 'float'
f	7fefffffffffffff	é^#10G	OK 1.79769E+308
f	405edd2f1a9fbe77	z15x	ERR ValueError: Unknown format code 'x' for object of type 'float'
f	3fe0000000000000	-#5E	OK 5.000000E-01
f	430c6bf526340000	 =z#,.0G	OK 1.E+15
f	4480f0cf064dd592	^#8n	OK 1.00000e+22
f	3f1a36e2bf21436a	é<-z,.10f	OK 0.0001000000
f	c132d687e4189375	é> 30_x	ERR ValueError: Unknown format code 'x' for object of type 'float'
f	3f50624dd2f1a9fc	10.1F	OK        0.0
f	7ff8000000000000	>+z30.10f	OK                           +nan
f	4058ffae147ae148	#30,.1e	OK                        1.0e+02
f	4480f0cf064dd592	x>,.3r	ERR ValueError: Cannot specify ',' with 'r'.
f	3fd5555555555555	+	OK +0.3333333333333333
f	3fd5555555555555	20.1d	ERR ValueError: Unknown format code 'd' for object of type 'float'
f	c05edd2f1a9fbe77	0=0	OK -123.456
f	7fefffffffffffff	#_	OK 1.7976931348623157e+308
f	3fe0000000000000	x^ 0d	ERR ValueError: Unknown format code 'd' for object of type 'float'
f	bff0000000000000	x^15	OK xxxxx-1.0xxxxxx
f	3f50624dd2f1a9fc	%	OK 0.100000%
f	3ee4f8b588e368f1	#1F	OK 0.000010
f	8000000000000000	=#.17G	OK -0.0000000000000000
f	3ff0000000000000	05.1n	OK 00001
f	7ff0000000000000	=+z8.6n	OK +    inf
f	4058ffae147ae148	 <,.1	OK 1e+02
f	bff0000000000000	-0_.2G	OK -1
f	7ff0000000000000	^z012n	OK 0000inf00000
f	c05edd2f1a9fbe77	0f	OK -123.456000
f	3f50624dd2f1a9fc	*>#8.6f	OK 0.001000
f	3ff0000000000000	é>+d	ERR ValueError: Unknown format code 'd' for object of type 'float'
f	4480f0cf064dd592	_=15.2d	ERR ValueError: Unknown format code 'd' for object of type 'float'
f	fff0000000000000	=>z20E	OK ================-INF
f	3fe0000000000000	*<15%	OK 50.000000%*****
f	bff0000000000000	15.0g	OK              -1
f	4004000000000000	x^.3f	OK 2.500
f	3fe0000000000000	0<zE	OK 5.000000E-01
f	3fd5555555555555	x>8	OK 0.3333333333333333
f	bfe5555555555555	<n	OK -0.666667
f	3fd5555555555555	_=5_	OK 0.3333333333333333
f	405edd2f1a9fbe77	x>30.10F	OK xxxxxxxxxxxxxxxx123.4560000000
f	fff0000000000000	<30.6r	ERR ValueError: Unknown format code 'r' for object of type 'float'
f	bff0000000000000	0>x	ERR ValueError: Unknown format code 'x' for object of type 'float'
f	7ff0000000000000	= #15	OK             inf
f	3fb999999999999a	*=z#20d	ERR ValueError: Unknown format code 'd' for object of type 'float'
f	3ee4f8b588e368f1	 0.1f	OK  0.0
f	3f1a36e2eb1c432d	=.1G	OK 0.0001
f	4341c37937e08000	<_n	ERR ValueError: Cannot specify '_' with 'n'.
f	c05edd2f1a9fbe77	x<+15,F	OK -123.456000xxxx
f	405edd2f1a9fbe77	 >.6%	OK 12345.600000%
f	bff0000000000000	x>d	ERR ValueError: Unknown format code 'd' for object of type 'float'
f	bff0000000000000	0r	ERR ValueError: Unknown format code 'r' for object of type 'float'
f	0000000000000001	=>#0.10%	OK 0.0000000000%
f	3ff0000000000000	=>-r	ERR ValueError: Unknown format code 'r' for object of type 'float'
f	419d6f3454000000	%	OK 12345678900.000000%
f	405edd2f1a9fbe77	=^z1	OK 123.456
f	4004000000000000	<z1_	OK 2.5
f	0000000000000001	08.3g	OK 4.94e-324
f	405edd2f1a9fbe77	0>n	OK 123.456
f	3f50624dd2f1a9fc	<+15F	OK +0.001000      
f	7fefffffffffffff	0.6g	OK 1.79769e+308
f	7fefffffffffffff	15.17s	ERR ValueError: Unknown format code 's' for object of type 'float'
f	01a56e1fc2f8f359	é^#8,d	ERR ValueError: Unknown format code 'd' for object of type 'float'
f	bfe5555555555555	zG	OK -0.666667
f	4132d687e4189375	x>,x	ERR ValueError: Cannot specify ',' with 'x'.
f	3fd5555555555555	-10f	OK   0.333333
f	3ff8000000000000	0^z0,	OK 1.5
f	0000000000000001	x<%	OK 0.000000%
f	3f1a36e2eb1c432d	15g	OK          0.0001
f	c05edd2f1a9fbe77	30	OK                       -123.456
f	419d6f3454000000	_>5_%	OK 12_345_678_900.000000%
f	bfe5555555555555	>12.3	OK       -0.667
f	c05edd2f1a9fbe77	+10_f	OK -123.456000
f	3f1a36e2bf21436a	é>10.10G	OK 9.999999E-05
f	3fd5555555555555	1x	ERR ValueError: Unknown format code 'x' for object of type 'float'
f	bff0000000000000	_>.0d	ERR ValueError: Unknown format code 'd' for object of type 'float'
f	7ff8000000000000	#G	OK NAN
f	3fd5555555555555	==-15.6%	OK =====33.333333%
f	7ff8000000000000	=^012F	OK ====NAN=====
f	7ff0000000000000	#g	OK inf
f	3f1a36e2bf21436a	20.3f	OK                0.000
f	01a56e1fc2f8f359	>+01e	OK +1.000000e-300
f	c05edd2f1a9fbe77	é^12x	ERR ValueError: Unknown format code 'x' for object of type 'float'
f	3ff0000000000000	030g	OK 000000000000000000000000000001
f	3ee4f8b588e368f1	_> 15.25x	ERR ValueError: Unknown format code 'x' for object of type 'float'
f	bff0000000000000	^-%	OK -100.000000%
f	4058ffae147ae148	#12.10e	OK 9.9995000000e+01
f	3f1a36e2eb1c432d	-5.17g	OK 0.0001
f	4341c37937e08000	é^#10f	OK 10000000000000000.000000
f	fff0000000000000	-12.2r	ERR ValueError: Unknown format code 'r' for object of type 'float'
f	c132d687e4189375	#1_d	ERR ValueError: Unknown format code 'd' for object of type 'float'
f	430c6bf526340000	0>30	OK 0000000000001000000000000000.0
f	3ff8000000000000	0^8,.3E	OK 1.500E+00
f	bfe5555555555555	é^30s	ERR ValueError: Unknown format code 's' for object of type 'float'
f	3fe0000000000000	<20g	OK 0.5                 
f	419d6f3454000000	<-1x	ERR ValueError: Unknown format code 'x' for object of type 'float'
f	3fe0000000000000	1d	ERR ValueError: Unknown format code 'd' for object of type 'float'
f	4480f0cf064dd592	*^0,F	OK 10,000,000,000,000,000,000,000.000000
f	419d6f3454000000	_^8e	OK 1.234568e+08
f	3fe0000000000000	x<#s	ERR ValueError: Unknown format code 's' for object of type 'float'
f	3ff8000000000000	0<z8_	OK 1.500000
f	3ff0000000000000	>z020.17e	OK 1.00000000000000000e+00
f	3fb999999999999a	0>#.3r	ERR ValueError: Unknown format code 'r' for object of type 'float'
f	bff0000000000000	0=-8.2%	OK -100.00%
f	3f50624dd2f1a9fc	 30,.2g	OK                          0.001
f	405edd2f1a9fbe77	^030n	OK 00000000000123.456000000000000
f	3fd5555555555555	>10.0d	ERR ValueError: Unknown format code 'd' for object of type 'float'
f	3fd5555555555555	 15	OK  0.3333333333333333
f	c132d687e4189375	z10.25r	ERR ValueError: Unknown format code 'r' for object of type 'float'
f	3fb999999999999a	e	OK 1.000000e-01
f	3fe0000000000000	é>.25d	ERR ValueError: Unknown format code 'd' for object of type 'float'
f	3fe0000000000000	r	ERR ValueError: Unknown format code 'r' for object of type 'float'
f	3f1a36e2eb1c432d	0<0r	ERR ValueError: Unknown format code 'r' for object of type 'float'
f	3fb999999999999a	_=20.10g	OK _________________0.1
f	3f1a36e2eb1c432d	*>+f	OK +0.000100
f	3fd5555555555555	>20.3	OK                0.333
f	8000000000000000	*=1_g	OK -0
f	4341c37937e08000	s	ERR ValueError: Unknown format code 's' for object of type 'float'
f	7fefffffffffffff	.6	OK 1.79769e+308
f	3ee4f8b588e368f1	^+#15e	OK  +1.000000e-05 
f	7ff8000000000000	=^_.10d	ERR ValueError: Unknown format code 'd' for object of type 'float'
f	430c6bf526340000	-#,	OK 1,000,000,000,000,000.0
f	3ff8000000000000	z12g	OK          1.5
f	0000000000000001	x>12r	ERR ValueError: Unknown format code 'r' for object of type 'float'
f	3f1a36e2eb1c432d	0>-15n	OK 0000000000.0001
f	3f1a36e2bf21436a	=#12.25F	OK 0.0000999999900000000040926
f	7fefffffffffffff	==5e	OK 1.797693e+308
f	4341c37937e08000	*^5.1g	OK 1e+16
f	3ff8000000000000	é=-z15E	OK ééé1.500000E+00
f	3f50624dd2f1a9fc	^10	OK   0.001   
f	01a56e1fc2f8f359	zr	ERR ValueError: Unknown format code 'r' for object of type 'float'
f	419d6f3454000000	^-,.25%	OK 12,345,678,900.0000000000000000000000000%
f	3ff0000000000000	=.1%	OK 100.0%
f	4004000000000000	*>-10.10F	OK 2.5000000000
f	3ff0000000000000	15E	OK    1.000000E+00
f	8000000000000000	x	ERR ValueError: Unknown format code 'x' for object of type 'float'
f	7fefffffffffffff	+01_.2	OK +1.8e+308
f	4004000000000000	z8.17G	OK      2.5
f	7ff0000000000000	=+015.2s	ERR ValueError: Unknown format code 's' for object of type 'float'
f	3fe0000000000000	*<12.3G	OK 0.5*********
f	3f50624dd2f1a9fc	 =z0E	OK 1.000000E-03
f	405edd2f1a9fbe77	-8r	ERR ValueError: Unknown format code 'r' for object of type 'float'
f	3f1a36e2eb1c432d	==,E	OK 1.000000E-04
f	3ff8000000000000	<20.10r	ERR ValueError: Unknown format code 'r' for object of type 'float'
f	405edd2f1a9fbe77	g	OK 123.456
f	bfe5555555555555	 >08,G	OK -0.666667
f	3f1a36e2eb1c432d	_>10g	OK ____0.0001
f	0000000000000000	<+8%	OK +0.000000%
f	3fe0000000000000	<_e	OK 5.000000e-01
f	fff0000000000000	-,.2r	ERR ValueError: Cannot specify ',' with 'r'.
f	c05edd2f1a9fbe77	<#8r	ERR ValueError: Unknown format code 'r' for object of type 'float'
f	4132d687e4189375	8_.17E	OK 1.23456789100000006E+06
s	it's	_^,s	ERR ValueError: Cannot specify ',' with 's'.
s	hello world	x^s	OK hello world
s	hello world	1,s	ERR ValueError: Cannot specify ',' with 's'.
s	a	+.25	ERR ValueError: Sign not allowed in string format specifier
s	abc	x>8_d	ERR ValueError: Unknown format code 'd' for object of type 'str'
s	a	0< z1_	ERR ValueError: Cannot specify '_' with 's'.
s	abc	=+10,r	ERR ValueError: Cannot specify ',' with 'r'.
s	日本語	=.25	ERR ValueError: '=' alignment not allowed in string format specifier
s	hello world	#5	ERR ValueError: Alternate form (#) not allowed in string format specifier
s	é	5	OK é    
s	日本語	*<,	ERR ValueError: Cannot specify ',' with 's'.
s	it's	>1.6s	OK it's
s		0=-1	ERR ValueError: Sign not allowed in string format specifier
s	abc	0>_	ERR ValueError: Cannot specify '_' with 's'.
s	abc	^d	ERR ValueError: Unknown format code 'd' for object of type 'str'
s	hello world	é^12,.10	ERR ValueError: Cannot specify ',' with 's'.
s	é	 =30s	ERR ValueError: '=' alignment not allowed in string format specifier
s	日本語	+#01	ERR ValueError: Sign not allowed in string format specifier
s	a	=< #,d	ERR ValueError: Unknown format code 'd' for object of type 'str'
s	é	^ 08,d	ERR ValueError: Unknown format code 'd' for object of type 'str'
s	abc	15d	ERR ValueError: Unknown format code 'd' for object of type 'str'
s	a	*^_.6	ERR ValueError: Cannot specify '_' with 's'.
s	日本語	*>010_r	ERR ValueError: Cannot specify '_' with 'r'.
s	a	*^.1	OK a
s	it's	08.17s	OK it's0000
s		15r	ERR ValueError: Unknown format code 'r' for object of type 'str'
s	日本語	x^-1r	ERR ValueError: Unknown format code 'r' for object of type 'str'
s	it's	12.17d	ERR ValueError: Unknown format code 'd' for object of type 'str'
s	it's	*=0d	ERR ValueError: Unknown format code 'd' for object of type 'str'
s	é	zd	ERR ValueError: Unknown format code 'd' for object of type 'str'
s	日本語	 #01,	ERR ValueError: Cannot specify ',' with 's'.
s		<d	ERR ValueError: Unknown format code 'd' for object of type 'str'
s	日本語	30_.25r	ERR ValueError: Cannot specify '_' with 'r'.
s	日本語	=10.2	ERR ValueError: '=' alignment not allowed in string format specifier
s	it's	12s	OK it's        
s	a	 012,	ERR ValueError: Cannot specify ',' with 's'.
s	hello world	12	OK hello world 
s		>-015s	ERR ValueError: Sign not allowed in string format specifier
s		=30.3	ERR ValueError: '=' alignment not allowed in string format specifier
s	a	10r	ERR ValueError: Unknown format code 'r' for object of type 'str'
s	é	0	OK é
s	é	^+8.0	ERR ValueError: Sign not allowed in string format specifier
s	it's	0<#	ERR ValueError: Alternate form (#) not allowed in string format specifier
s	日本語	>15	OK             日本語
s	hello world	#0_.6	ERR ValueError: Cannot specify '_' with 's'.
s	é	0<z#1r	ERR ValueError: Unknown format code 'r' for object of type 'str'
s	日本語	>z#5s	ERR ValueError: Negative zero coercion (z) not allowed in string format specifier
s	hello world	>	OK hello world
s	abc	^020	OK 00000000abc000000000
s		>30r	ERR ValueError: Unknown format code 'r' for object of type 'str'
s	abc	x^5s	OK xabcx
s	a	x^+.0r	ERR ValueError: Unknown format code 'r' for object of type 'str'
s	日本語	 <0r	ERR ValueError: Unknown format code 'r' for object of type 'str'
s	é	>20.0	OK                     
s	hello world	_<#5d	ERR ValueError: Unknown format code 'd' for object of type 'str'
s	abc	é^05.10	OK éabcé
s	abc	15	OK abc            
s	a	>-#20s	ERR ValueError: Sign not allowed in string format specifier
s	a	é<r	ERR ValueError: Unknown format code 'r' for object of type 'str'
s	hello world	é=-0	ERR ValueError: Sign not allowed in string format specifier
s	hello world	_>s	OK hello world
s	hello world	1.25r	ERR ValueError: Unknown format code 'r' for object of type 'str'
s	日本語	*<+#,s	ERR ValueError: Cannot specify ',' with 's'.
s	é	10s	OK é         
s	hello world	>.1d	ERR ValueError: Unknown format code 'd' for object of type 'str'
s	é	 #30	ERR ValueError: Space not allowed in string format specifier
s	a	05s	OK a0000
s	abc	é<	OK abc
s	it's	x<-z#8	ERR ValueError: Sign not allowed in string format specifier
s	hello world	=^#30.2r	ERR ValueError: Unknown format code 'r' for object of type 'str'
s		=12.6	ERR ValueError: '=' alignment not allowed in string format specifier
s		*>,	ERR ValueError: Cannot specify ',' with 's'.
s	é	>8.2s	OK        é
s		==_.10	ERR ValueError: Cannot specify '_' with 's'.
s	abc	0= z10	ERR ValueError: Space not allowed in string format specifier
s	hello world	=^#_d	ERR ValueError: Unknown format code 'd' for object of type 'str'
s	日本語	 =+#30,.3d	ERR ValueError: Unknown format code 'd' for object of type 'str'
s	abc	*^	OK abc
s	日本語	^z8r	ERR ValueError: Unknown format code 'r' for object of type 'str'
s	it's	 20_.10	ERR ValueError: Cannot specify '_' with 's'.
s	abc	^-015s	ERR ValueError: Sign not allowed in string format specifier
s	a	_^0d	ERR ValueError: Unknown format code 'd' for object of type 'str'
s	hello world	0r	ERR ValueError: Unknown format code 'r' for object of type 'str'
s	hello world	0>-0.2	ERR ValueError: Sign not allowed in string format specifier
s	日本語	0d	ERR ValueError: Unknown format code 'd' for object of type 'str'
s	a	-0.10r	ERR ValueError: Unknown format code 'r' for object of type 'str'
s		#15.25d	ERR ValueError: Unknown format code 'd' for object of type 'str'
s	it's	x<10r	ERR ValueError: Unknown format code 'r' for object of type 'str'
s	é	,.1	ERR ValueError: Cannot specify ',' with 's'.
s	é	*>#1	ERR ValueError: Alternate form (#) not allowed in string format specifier
s	hello world	> 12d	ERR ValueError: Unknown format code 'd' for object of type 'str'
s	é	é=1.10s	ERR ValueError: '=' alignment not allowed in string format specifier
s	a	 > #8s	ERR ValueError: Space not allowed in string format specifier
s	hello world	é=+08	ERR ValueError: Sign not allowed in string format specifier
s		=020.17	ERR ValueError: '=' alignment not allowed in string format specifier
s	é	_=+z8	ERR ValueError: Sign not allowed in string format specifier
s	日本語	é<	OK 日本語
s		015s	OK 000000000000000
s	é	_=8_r	ERR ValueError: Cannot specify '_' with 'r'.
s	it's	_>12,.6s	ERR ValueError: Cannot specify ',' with 's'.
s	é	x=8,d	ERR ValueError: Unknown format code 'd' for object of type 'str'
s	it's	>15.2d	ERR ValueError: Unknown format code 'd' for object of type 'str'
s		_=30d	ERR ValueError: Unknown format code 'd' for object of type 'str'
s	it's	<d	ERR ValueError: Unknown format code 'd' for object of type 'str'
s	日本語	_>-030d	ERR ValueError: Unknown format code 'd' for object of type 'str'
s	a	z.3s	ERR ValueError: Negative zero coercion (z) not allowed in string format specifier
s		=20	ERR ValueError: '=' alignment not allowed in string format specifier
s	a	=#15r	ERR ValueError: Unknown format code 'r' for object of type 'str'
s	a	0^.10s	OK a
s	hello world	0=z15.6	ERR ValueError: Negative zero coercion (z) not allowed in string format specifier
s	a	^-1,.0r	ERR ValueError: Cannot specify ',' with 'r'.
s	hello world	>+_.0s	ERR ValueError: Cannot specify '_' with 's'.
s		*^ #30_d	ERR ValueError: Unknown format code 'd' for object of type 'str'
s	hello world	*>-#_s	ERR ValueError: Cannot specify '_' with 's'.
s	hello world	-#20.2	ERR ValueError: Sign not allowed in string format specifier
s	it's	-.6s	ERR ValueError: Sign not allowed in string format specifier
s	a	_=#0.17s	ERR ValueError: Alternate form (#) not allowed in string format specifier
s			OK 
s	a	=>zd	ERR ValueError: Unknown format code 'd' for object of type 'str'
s	abc	_<30d	ERR ValueError: Unknown format code 'd' for object of type 'str'
s	it's	 <z10s	ERR ValueError: Negative zero coercion (z) not allowed in string format specifier
s	a	12	OK a           
s	a	=_	ERR ValueError: Cannot specify '_' with 's'.
s	abc	+30d	ERR ValueError: Unknown format code 'd' for object of type 'str'
s	a	*< 20_.10	ERR ValueError: Cannot specify '_' with 's'.
s	it's	 ^0s	OK it's
s	abc	0>,r	ERR ValueError: Cannot specify ',' with 'r'.
s	it's	=^-#20	ERR ValueError: Sign not allowed in string format specifier
s	日本語	_< #20	ERR ValueError: Space not allowed in string format specifier
s	abc	é=012_.10	ERR ValueError: Cannot specify '_' with 's'.
s	é	=< d	ERR ValueError: Unknown format code 'd' for object of type 'str'
s	a	 <+5	ERR ValueError: Sign not allowed in string format specifier
s	é	=12d	ERR ValueError: Unknown format code 'd' for object of type 'str'
s	hello world	*=-z08.10	ERR ValueError: Sign not allowed in string format specifier
s	abc	-1,	ERR ValueError: Cannot specify ',' with 's'.
s	日本語	=>_r	ERR ValueError: Cannot specify '_' with 'r'.
s	hello world	= #0r	ERR ValueError: Unknown format code 'r' for object of type 'str'
s	é	>8.2	OK        é
s	abc	,.0s	ERR ValueError: Cannot specify ',' with 's'.
s	hello world	#r	ERR ValueError: Unknown format code 'r' for object of type 'str'
s	hello world	1.25r	ERR ValueError: Unknown format code 'r' for object of type 'str'
s		z10	ERR ValueError: Negative zero coercion (z) not allowed in string format specifier
s	it's	.6r	ERR ValueError: Unknown format code 'r' for object of type 'str'
s	é	*<-15.1	ERR ValueError: Sign not allowed in string format specifier
s	é	==.3s	ERR ValueError: '=' alignment not allowed in string format specifier
s	日本語	_^#.0d	ERR ValueError: Unknown format code 'd' for object of type 'str'
s	hello world	*>20.2s	OK ******************he
s	é	é< z8s	ERR ValueError: Space not allowed in string format specifier
s	a	=<#20r	ERR ValueError: Unknown format code 'r' for object of type 'str'
s	a	_<-,s	ERR ValueError: Cannot specify ',' with 's'.
"##;

    #[test]
    fn differential_cpython() {
        let mut n = 0;
        for line in TABLE.lines().filter(|l| !l.is_empty()) {
            let p: Vec<&str> = line.split('\t').collect();
            let spec = unesc(p[2]);
            let want = unesc(p[3]);
            let result = match p[0] {
                "i" => {
                    let negative = p[1].starts_with('-');
                    let dec = p[1].trim_start_matches('-');
                    let small: Option<u128> = dec.parse().ok();
                    parse_for(&spec, "int").and_then(|ps| {
                        let digits = match (int_digits_base(&ps), small) {
                            (2, Some(m)) => format!("{:b}", m),
                            (8, Some(m)) => format!("{:o}", m),
                            (16, Some(m)) => format!("{:x}", m),
                            (10, _) => dec.to_string(),
                            _ => panic!("value too large for the test harness"),
                        };
                        format_int_digits_parsed(negative, &digits, &ps, "int")
                    })
                }
                "f" => format_float(
                    f64::from_bits(u64::from_str_radix(p[1], 16).unwrap()),
                    &spec,
                ),
                _ => format_str(&unesc(p[1]), &spec),
            };
            let got = match result {
                Ok(s) => format!("OK {}", s),
                Err(e) => format!(
                    "ERR {}: {}",
                    match e.kind {
                        ErrorKind::ValueError => "ValueError",
                        ErrorKind::OverflowError => "OverflowError",
                        ErrorKind::MemoryError => "MemoryError",
                    },
                    e.message
                ),
            };
            assert_eq!(got, want, "{} {} {:?}", p[0], p[1], spec);
            n += 1;
        }
        assert!(n >= 300, "{}", n);
    }
}
