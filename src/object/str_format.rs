//! String formatting: printf-style `str % args` (`PyUnicode_Format`) and
//! `str.format` / `str.format_map` (PEP 3101), with CPython 3.13's errors.
//! Numbers are formatted through their own `__format__`, never through
//! their internals.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::codecs_core::backslash_escape;
use crate::object::str::{self as pystr, from_ucs4, to_ucs4};
use crate::object::typeobj::type_name;
use crate::object::{dict, float, int, protocol, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;

/// `format(obj, spec)` (`PyObject_Format`).
pub unsafe fn format_obj(obj: *mut PyObject, spec: &str) -> PyResult<Owned> {
    // SAFETY: obj valid.
    unsafe {
        if spec.is_empty() {
            if pystr::check_exact(obj) {
                return Ok(Owned::from_borrowed(obj));
            }
            // format(x, '') is str(x) for exact ints and floats.
            if (*obj).ob_type == &raw mut int::PyLong_Type || float::check_exact(obj) {
                return protocol::str_(obj);
            }
        }
        let s = pystr::from_str(spec)?;
        format_with(obj, s.as_ptr())
    }
}

/// `format(obj, spec)` with the spec a str object (`PyObject_Format`);
/// unlike [`format_obj`] the spec may hold any code point.
pub unsafe fn format_with(obj: *mut PyObject, spec: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: obj valid, spec a str.
    unsafe {
        let Some(f) = protocol::lookup_special(obj, "__format__")? else {
            return Err(errors::type_error(format!(
                "Type {} doesn't define __format__",
                type_name(obj)
            )));
        };
        let r = protocol::call_args(f.as_ptr(), &[spec])?;
        if !pystr::check(r.as_ptr()) {
            return Err(errors::type_error(format!(
                "__format__ must return a str, not {}",
                type_name(r.as_ptr())
            )));
        }
        Ok(r)
    }
}

/// `ascii(obj)` as code points: `repr` with non-ASCII characters escaped.
unsafe fn ascii_of(obj: *mut PyObject) -> PyResult<Vec<u32>> {
    // SAFETY: obj valid.
    unsafe {
        let r = protocol::repr(obj)?;
        let mut out = Vec::new();
        for c in to_ucs4(r.as_ptr()) {
            if c < 0x80 {
                out.push(c);
            } else {
                out.extend(backslash_escape(c).bytes().map(u32::from));
            }
        }
        Ok(out)
    }
}

fn ascii_units(s: &str) -> impl Iterator<Item = u32> + '_ {
    s.chars().map(u32::from)
}

/// The `nb_remainder` slot of `str`: `fmt % args`.
pub unsafe extern "C" fn str_mod(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: slot arguments are valid objects.
        unsafe {
            if !pystr::check(a) {
                return Ok(Owned::from_borrowed(crate::object::none::not_implemented()));
            }
            percent_format(a, b)
        }
    })
}

struct Spec {
    left: bool,
    sign: bool,
    space: bool,
    alt: bool,
    zero: bool,
    width: Option<usize>,
    prec: Option<usize>,
}

/// `PyUnicode_Format`: printf-style formatting of `fmt` with `args`.
pub unsafe fn percent_format(fmt: *mut PyObject, args: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: fmt is a str; args valid.
    unsafe {
        let f = to_ucs4(fmt);
        let single = [args];
        let items: &[*mut PyObject] = if tuple::check(args) {
            tuple::items(args)
        } else {
            &single
        };
        let tp = (*args).ob_type;
        let mapping = !(*tp).tp_as_mapping.is_null()
            && (*(*tp).tp_as_mapping).mp_subscript.is_some()
            && !tuple::check(args)
            && !pystr::check(args);
        let mut argi = 0usize;
        let next_arg = |argi: &mut usize| -> PyResult<*mut PyObject> {
            match items.get(*argi) {
                Some(&o) => {
                    *argi += 1;
                    Ok(o)
                }
                None => Err(errors::type_error("not enough arguments for format string")),
            }
        };
        let mut out: Vec<u32> = Vec::with_capacity(f.len() + 16);
        let mut i = 0;
        let n = f.len();
        while i < n {
            let c = f[i];
            if c != 0x25 {
                out.push(c);
                i += 1;
                continue;
            }
            i += 1;
            if i < n && f[i] == 0x25 {
                out.push(0x25);
                i += 1;
                continue;
            }
            let mut arg_override: Option<Owned> = None;
            if i < n && f[i] == 0x28 {
                if !mapping {
                    return Err(errors::type_error("format requires a mapping"));
                }
                let start = i + 1;
                let mut depth = 1;
                i += 1;
                while i < n && depth > 0 {
                    match f[i] {
                        0x28 => depth += 1,
                        0x29 => depth -= 1,
                        _ => {}
                    }
                    i += 1;
                }
                if depth > 0 {
                    return Err(errors::value_error("incomplete format key"));
                }
                let key = from_ucs4(&f[start..i - 1])?;
                arg_override = Some(protocol::get_item(args, key.as_ptr())?);
                // A keyed field uses up the positional argument.
                argi = items.len();
            }
            let mut sp = Spec {
                left: false,
                sign: false,
                space: false,
                alt: false,
                zero: false,
                width: None,
                prec: None,
            };
            while i < n {
                match f[i] {
                    0x2d => sp.left = true,
                    0x2b => sp.sign = true,
                    0x20 => sp.space = true,
                    0x23 => sp.alt = true,
                    0x30 => sp.zero = true,
                    _ => break,
                }
                i += 1;
            }
            if i < n && f[i] == 0x2a {
                let (w, left) = star_width(next_arg(&mut argi)?)?;
                sp.width = Some(w);
                sp.left |= left;
                i += 1;
            } else {
                let s = i;
                while i < n && (0x30..=0x39).contains(&f[i]) {
                    i += 1;
                }
                if i > s {
                    sp.width = Some(percent_number(f[s..i].iter().copied(), "width")?);
                }
            }
            if i < n && f[i] == 0x2e {
                i += 1;
                if i < n && f[i] == 0x2a {
                    sp.prec = Some(star_precision(next_arg(&mut argi)?)?);
                    i += 1;
                } else {
                    let s = i;
                    while i < n && (0x30..=0x39).contains(&f[i]) {
                        i += 1;
                    }
                    sp.prec = Some(percent_precision(f[s..i].iter().copied(), "precision")?);
                }
            }
            while i < n && matches!(f[i], 0x68 | 0x6c | 0x4c) {
                i += 1;
            }
            if i >= n {
                return Err(errors::value_error("incomplete format"));
            }
            let conv = f[i];
            i += 1;
            let arg = match &arg_override {
                Some(o) => o.as_ptr(),
                None => next_arg(&mut argi)?,
            };
            let conv_ch = char::from_u32(conv).unwrap_or('?');
            let body: Vec<u32> = match conv_ch {
                's' | 'r' | 'a' => {
                    let mut v = match conv_ch {
                        's' if pystr::check_exact(arg) => to_ucs4(arg),
                        's' => to_ucs4(protocol::str_(arg)?.as_ptr()),
                        'r' => to_ucs4(protocol::repr(arg)?.as_ptr()),
                        _ => ascii_of(arg)?,
                    };
                    if let Some(p) = sp.prec {
                        v.truncate(p);
                    }
                    pad(v, &sp, false)?
                }
                'd' | 'i' | 'u' | 'x' | 'X' | 'o' => format_int(arg, conv_ch, &sp)?,
                'e' | 'E' | 'f' | 'F' | 'g' | 'G' => format_float(arg, conv_ch, &sp)?,
                'c' => {
                    let ch = if pystr::check(arg) {
                        if pystr::len(arg) != 1 {
                            return Err(errors::type_error("%c requires int or char"));
                        }
                        pystr::read_char(arg, 0)
                    } else if int::check(arg) || has_index(arg) {
                        let v = crate::object::number::index(arg)?;
                        match int::as_i64(v.as_ptr()) {
                            Ok(x) if (0..0x110000).contains(&x) => x as u32,
                            _ => {
                                errors::clear();
                                return Err(errors::overflow_error(
                                    "%c arg not in range(0x110000)",
                                ));
                            }
                        }
                    } else {
                        return Err(errors::type_error("%c requires int or char"));
                    };
                    pad(vec![ch], &sp, false)?
                }
                _ => {
                    return Err(errors::value_error(format!(
                        "unsupported format character '{}' (0x{:x}) at index {}",
                        conv_ch,
                        conv,
                        i - 1
                    )))
                }
            };
            out.extend(body);
        }
        if argi < items.len() && !mapping {
            return Err(errors::type_error(
                "not all arguments converted during string formatting",
            ));
        }
        from_ucs4(&out)
    }
}

/// The value of the ASCII digits of a `%` format's width or precision
/// (`what`); `ValueError` ("width too big") beyond `Py_ssize_t`.
pub(crate) fn percent_number(digits: impl Iterator<Item = u32>, what: &str) -> PyResult<usize> {
    let mut v = 0usize;
    for c in digits {
        v = v
            .checked_mul(10)
            .and_then(|v| v.checked_add((c - 0x30) as usize))
            .filter(|&v| v <= isize::MAX as usize)
            .ok_or_else(|| errors::value_error(format!("{what} too big")))?;
    }
    Ok(v)
}

/// The value of the ASCII digits of a field name's index (`get_integer`);
/// `ValueError` beyond `Py_ssize_t`.
fn decimal_index(digits: &[u32]) -> PyResult<usize> {
    digits
        .iter()
        .try_fold(0usize, |a, &c| {
            a.checked_mul(10)
                .and_then(|a| a.checked_add((c - 0x30) as usize))
                .filter(|&a| a <= isize::MAX as usize)
        })
        .ok_or_else(|| errors::value_error("Too many decimal digits in format string"))
}

unsafe fn has_index(o: *mut PyObject) -> bool {
    // SAFETY: o valid.
    unsafe {
        let nb = (*(*o).ob_type).tp_as_number;
        !nb.is_null() && (*nb).nb_index.is_some()
    }
}

/// Pads `v` to the spec's width: left-justified with `-`, else right with
/// spaces (or zeros after `lead` sign/prefix characters when `zero_ok`).
fn pad(v: Vec<u32>, sp: &Spec, zero_ok: bool) -> PyResult<Vec<u32>> {
    pad_with_lead(v, 0, sp, zero_ok)
}

fn pad_with_lead(mut v: Vec<u32>, lead: usize, sp: &Spec, zero_ok: bool) -> PyResult<Vec<u32>> {
    let w = sp.width.unwrap_or(0);
    if v.len() >= w {
        return Ok(v);
    }
    let k = w - v.len();
    if sp.left {
        reserve(&mut v, k)?;
        v.resize(w, 0x20);
        Ok(v)
    } else {
        let mut out = Vec::new();
        reserve(&mut out, w)?;
        if sp.zero && zero_ok {
            out.extend_from_slice(&v[..lead]);
            out.resize(lead + k, 0x30);
            out.extend_from_slice(&v[lead..]);
        } else {
            out.resize(k, 0x20);
            out.extend(v);
        }
        Ok(out)
    }
}

/// Room for `more` items in `v`, or `MemoryError` (a width or precision
/// near `sys.maxsize` asks for more than can be had).
pub(crate) fn reserve<T>(v: &mut Vec<T>, more: usize) -> PyResult<()> {
    v.try_reserve(more).map_err(|_| errors::no_memory())
}

/// A `*` width's argument (`PyLong_AsSsize_t`): its size, and whether it
/// was negative (left-justified).
pub(crate) unsafe fn star_width(o: *mut PyObject) -> PyResult<(usize, bool)> {
    // SAFETY: o valid.
    unsafe {
        if !int::check(o) {
            return Err(errors::type_error("* wants int"));
        }
        let v = int::as_i64(o).map_err(|_| {
            errors::clear();
            errors::overflow_error("Python int too large to convert to C ssize_t")
        })?;
        Ok((v.unsigned_abs() as usize, v < 0))
    }
}

/// A `*` precision's argument: a C int (`PyLong_AsInt`), negative as 0.
pub(crate) unsafe fn star_precision(o: *mut PyObject) -> PyResult<usize> {
    // SAFETY: o valid.
    unsafe {
        if !int::check(o) {
            return Err(errors::type_error("* wants int"));
        }
        let v = int::as_i64(o)
            .ok()
            .and_then(|v| i32::try_from(v).ok())
            .ok_or_else(|| {
                errors::clear();
                errors::overflow_error("Python int too large to convert to C int")
            })?;
        Ok(v.max(0) as usize)
    }
}

/// A literal precision, at most a C int ("precision too big" beyond).
pub(crate) fn percent_precision(digits: impl Iterator<Item = u32>, what: &str) -> PyResult<usize> {
    let v = percent_number(digits, what)?;
    if v > i32::MAX as usize {
        return Err(errors::value_error(format!("{what} too big")));
    }
    Ok(v)
}

unsafe fn format_int(arg: *mut PyObject, conv: char, sp: &Spec) -> PyResult<Vec<u32>> {
    // SAFETY: arg valid.
    unsafe {
        let num = if int::check(arg) {
            Owned::from_borrowed(arg)
        } else if matches!(conv, 'x' | 'X' | 'o') {
            if !has_index(arg) {
                return Err(errors::type_error(format!(
                    "%{conv} format: an integer is required, not {}",
                    type_name(arg)
                )));
            }
            crate::object::number::index(arg)?
        } else {
            let nb = (*(*arg).ob_type).tp_as_number;
            let numeric = !nb.is_null()
                && ((*nb).nb_int.is_some() || (*nb).nb_index.is_some() || (*nb).nb_float.is_some());
            if !numeric {
                return Err(errors::type_error(format!(
                    "%{conv} format: a real number is required, not {}",
                    type_name(arg)
                )));
            }
            int::from_object(arg)?
        };
        let n = num.as_ptr();
        let formatted;
        let small;
        let (neg, digits): (bool, &str) =
            if (*n).ob_type == &raw mut int::PyLong_Type && int::ndigits(n) <= 2 {
                // Small exact ints: the digit helpers directly (no
                // max-str-digits question below 2**60).
                let d = int::digits(n);
                small = match conv {
                    'x' => crate::object::int_text::to_base(d, 16),
                    'X' => crate::object::int_text::to_base(d, 16).to_ascii_uppercase(),
                    'o' => crate::object::int_text::to_base(d, 8),
                    _ => crate::object::int_text::to_decimal(d),
                };
                (int::sign(n) < 0, small.as_str())
            } else {
                let ty = match conv {
                    'x' => "x",
                    'X' => "X",
                    'o' => "o",
                    _ => "d",
                };
                formatted = format_obj(n, ty)?;
                let text = pystr::as_str(formatted.as_ptr())?;
                match text.strip_prefix('-') {
                    Some(d) => (true, d),
                    None => (false, text),
                }
            };
        let mut v: Vec<u32> = Vec::with_capacity(digits.len() + 4);
        if neg {
            v.push(0x2d);
        } else if sp.sign {
            v.push(0x2b);
        } else if sp.space {
            v.push(0x20);
        }
        if sp.alt && conv != 'd' && conv != 'i' && conv != 'u' {
            v.push(0x30);
            v.push(conv as u32);
        }
        let lead = v.len();
        if let Some(p) = sp.prec {
            let zeros = p.saturating_sub(digits.len());
            reserve(&mut v, zeros)?;
            v.extend(std::iter::repeat_n(0x30, zeros));
        }
        v.extend(ascii_units(digits));
        pad_with_lead(v, lead, sp, true)
    }
}

unsafe fn format_float(arg: *mut PyObject, conv: char, sp: &Spec) -> PyResult<Vec<u32>> {
    // SAFETY: arg valid.
    unsafe {
        if pystr::check(arg) || crate::object::bytes::check(arg) {
            return Err(errors::type_error(format!(
                "must be real number, not {}",
                type_name(arg)
            )));
        }
        let x = float::from_object(arg)?;
        let mut spec = String::new();
        if sp.left {
            spec.push('<');
        }
        if sp.sign {
            spec.push('+');
        } else if sp.space {
            spec.push(' ');
        }
        if sp.alt {
            spec.push('#');
        }
        if sp.zero && !sp.left {
            spec.push('0');
        }
        if let Some(w) = sp.width {
            spec.push_str(&w.to_string());
        }
        spec.push('.');
        spec.push_str(&sp.prec.unwrap_or(6).to_string());
        spec.push(conv);
        if float::check_exact(x.as_ptr()) {
            return crate::object::format_spec::format_float(float::value(x.as_ptr()), &spec)
                .map(|t| t.chars().map(u32::from).collect())
                .map_err(float::format_error);
        }
        let r = format_obj(x.as_ptr(), &spec)?;
        Ok(to_ucs4(r.as_ptr()))
    }
}

/// `str.format(*args, **kwargs)`.
pub unsafe extern "C" fn str_format_meth(
    s: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: s is a str, args a tuple, kwargs NULL or a dict.
        unsafe {
            let mut auto = AutoNumber::Unknown;
            let out = vformat(&to_ucs4(s), Some(tuple::items(args)), kwargs, 2, &mut auto)?;
            from_ucs4(&out)
        }
    })
}

/// `str.format_map(mapping)`.
pub unsafe extern "C" fn str_format_map(s: *mut PyObject, mapping: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: s is a str, mapping valid.
        unsafe {
            let mut auto = AutoNumber::Unknown;
            let out = vformat(&to_ucs4(s), None, mapping, 2, &mut auto)?;
            from_ucs4(&out)
        }
    })
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum AutoNumber {
    Unknown,
    Auto(usize),
    Manual,
}

fn is_digit(c: u32) -> bool {
    (0x30..=0x39).contains(&c)
}

/// One replacement field of a format string, split into its parts.
pub struct Field<'a> {
    /// `arg_name ('.' attr | '[' key ']')*`.
    pub name: &'a [u32],
    /// The conversion character after `!`, if any.
    pub conv: Option<u32>,
    /// The format spec after `:` (empty when absent).
    pub spec: &'a [u32],
}

/// A piece of a format string: literal text (with `{{`/`}}` reduced to one
/// brace, which ends the piece) and the replacement field after it.
pub struct Chunk<'a> {
    pub literal: &'a [u32],
    pub field: Option<Field<'a>>,
}

/// The next piece of the format string `f` from `*i` on (PEP 3101's
/// markup iterator, as `_string.formatter_parser` exposes it); `None` at
/// the end.
pub fn next_chunk<'a>(f: &'a [u32], i: &mut usize) -> PyResult<Option<Chunk<'a>>> {
    let n = f.len();
    let start = *i;
    while *i < n {
        let c = f[*i];
        if c != 0x7b && c != 0x7d {
            *i += 1;
            continue;
        }
        if *i + 1 < n && f[*i + 1] == c {
            let literal = &f[start..=*i];
            *i += 2;
            return Ok(Some(Chunk {
                literal,
                field: None,
            }));
        }
        if c == 0x7d {
            return Err(errors::value_error(
                "Single '}' encountered in format string",
            ));
        }
        if *i + 1 == n {
            return Err(errors::value_error(
                "Single '{' encountered in format string",
            ));
        }
        let literal = &f[start..*i];
        // The field runs to its closing '}'. Braces nest only in the
        // format spec; the conversion character is skipped.
        let fstart = *i + 1;
        let mut level = 1;
        let mut j = fstart;
        let mut bracket = false;
        let mut in_spec = false;
        let mut conv = false;
        while j < n {
            match f[j] {
                0x5b if !in_spec && !bracket => bracket = true,
                0x5d if !in_spec && bracket => bracket = false,
                _ if bracket => {}
                0x21 if !in_spec && !conv => {
                    conv = true;
                    j += 1;
                }
                0x3a if !in_spec => in_spec = true,
                0x7b if in_spec => level += 1,
                0x7b => {
                    return Err(errors::value_error("unexpected '{' in field name"));
                }
                0x7d => {
                    level -= 1;
                    if level == 0 {
                        break;
                    }
                }
                _ => {}
            }
            j += 1;
        }
        if j >= n {
            return Err(errors::value_error(if in_spec || conv {
                "unmatched '{' in format spec"
            } else {
                "expected '}' before end of string"
            }));
        }
        *i = j + 1;
        return Ok(Some(Chunk {
            literal,
            field: Some(split_field(&f[fstart..j])?),
        }));
    }
    Ok((start < n).then(|| Chunk {
        literal: &f[start..n],
        field: None,
    }))
}

/// Splits the text between a field's braces into name, `!conv` and
/// `:spec` (outside brackets).
fn split_field(field: &[u32]) -> PyResult<Field<'_>> {
    let mut k = 0;
    let mut bracket = false;
    while k < field.len() {
        match field[k] {
            0x5b => bracket = true,
            0x5d => bracket = false,
            0x21 | 0x3a if !bracket => break,
            _ => {}
        }
        k += 1;
    }
    let name = &field[..k];
    let mut conv = None;
    let mut spec: &[u32] = &[];
    if k < field.len() && field[k] == 0x21 {
        if k + 1 >= field.len() {
            return Err(errors::value_error(
                "end of string while looking for conversion specifier",
            ));
        }
        conv = Some(field[k + 1]);
        if k + 2 < field.len() {
            if field[k + 2] != 0x3a {
                return Err(errors::value_error(
                    "expected ':' after conversion specifier",
                ));
            }
            spec = &field[k + 3..];
        }
    } else if k < field.len() {
        spec = &field[k + 1..];
    }
    Ok(Field { name, conv, spec })
}

/// Expands the replacement fields of `f` (PEP 3101); `depth` limits
/// nesting inside format specs.
unsafe fn vformat(
    f: &[u32],
    args: Option<&[*mut PyObject]>,
    kwargs: *mut PyObject,
    depth: i32,
    auto: &mut AutoNumber,
) -> PyResult<Vec<u32>> {
    if depth <= 0 {
        return Err(errors::value_error("Max string recursion exceeded"));
    }
    let mut out = Vec::with_capacity(f.len());
    let mut i = 0;
    while let Some(chunk) = next_chunk(f, &mut i)? {
        out.extend_from_slice(chunk.literal);
        if let Some(field) = chunk.field {
            // SAFETY: forwarded arguments.
            out.extend(unsafe { render_field(&field, args, kwargs, depth, auto)? });
        }
    }
    Ok(out)
}

unsafe fn render_field(
    field: &Field,
    args: Option<&[*mut PyObject]>,
    kwargs: *mut PyObject,
    depth: i32,
    auto: &mut AutoNumber,
) -> PyResult<Vec<u32>> {
    let (name, conv, spec) = (field.name, field.conv, field.spec);
    // SAFETY: forwarded arguments.
    unsafe {
        let obj = get_field(name, args, kwargs, auto)?;
        let obj = match conv {
            None => obj,
            Some(0x72) => protocol::repr(obj.as_ptr())?,
            Some(0x73) => protocol::str_(obj.as_ptr())?,
            Some(0x61) => from_ucs4(&ascii_of(obj.as_ptr())?)?,
            Some(c) => {
                return Err(errors::value_error(format!(
                    "Unknown conversion specifier {}",
                    char::from_u32(c).unwrap_or('?')
                )))
            }
        };
        let spec_text = if spec.contains(&0x7b) {
            vformat(spec, args, kwargs, depth - 1, auto)?
        } else {
            spec.to_vec()
        };
        let spec_obj = from_ucs4(&spec_text)?;
        let r = format_with(obj.as_ptr(), spec_obj.as_ptr())?;
        Ok(to_ucs4(r.as_ptr()))
    }
}

/// Resolves `arg_name ('.' attr | '[' key ']')*`.
unsafe fn get_field(
    name: &[u32],
    args: Option<&[*mut PyObject]>,
    kwargs: *mut PyObject,
    auto: &mut AutoNumber,
) -> PyResult<Owned> {
    let first_end = name
        .iter()
        .position(|&c| c == 0x2e || c == 0x5b)
        .unwrap_or(name.len());
    let first = &name[..first_end];
    // SAFETY: args/kwargs valid.
    unsafe {
        let mut obj = if first.is_empty() || first.iter().all(|&c| is_digit(c)) {
            let index = if first.is_empty() {
                let next = match *auto {
                    AutoNumber::Manual => {
                        return Err(errors::value_error(
                            "cannot switch from manual field specification to automatic field numbering",
                        ))
                    }
                    AutoNumber::Unknown => 0,
                    AutoNumber::Auto(k) => k,
                };
                *auto = AutoNumber::Auto(next + 1);
                next
            } else {
                if let AutoNumber::Auto(_) = *auto {
                    return Err(errors::value_error(
                        "cannot switch from automatic field numbering to manual field specification",
                    ));
                }
                *auto = AutoNumber::Manual;
                decimal_index(first)?
            };
            // format_map has no positional arguments at all.
            let Some(args) = args else {
                return Err(errors::value_error(
                    "Format string contains positional fields",
                ));
            };
            match args.get(index) {
                Some(&o) => Owned::from_borrowed(o),
                None => {
                    return Err(errors::index_error(format!(
                        "Replacement index {index} out of range for positional args tuple"
                    )))
                }
            }
        } else {
            let key = from_ucs4(first)?;
            if kwargs.is_null() {
                return Err(errors::key_error(key.as_ptr()));
            }
            if dict::check_exact(kwargs) {
                let v = dict::get_item(kwargs, key.as_ptr())?;
                if v.is_null() {
                    return Err(errors::key_error(key.as_ptr()));
                }
                Owned::from_borrowed(v)
            } else {
                protocol::get_item(kwargs, key.as_ptr())?
            }
        };
        let mut i = first_end;
        while i < name.len() {
            if name[i] == 0x2e {
                let s = i + 1;
                let mut e = s;
                while e < name.len() && name[e] != 0x2e && name[e] != 0x5b {
                    e += 1;
                }
                if e == s {
                    return Err(errors::value_error("Empty attribute in format string"));
                }
                let attr = from_ucs4(&name[s..e])?;
                obj = protocol::getattr(obj.as_ptr(), attr.as_ptr())?;
                i = e;
            } else if name[i] == 0x5b {
                let s = i + 1;
                let Some(off) = name[s..].iter().position(|&c| c == 0x5d) else {
                    return Err(errors::value_error("Missing ']' in format string"));
                };
                let e = s + off;
                if e == s {
                    return Err(errors::value_error("Empty attribute in format string"));
                }
                let k = &name[s..e];
                let key = if k.iter().all(|&c| is_digit(c)) {
                    int::from_i64(decimal_index(k)? as i64)?
                } else {
                    from_ucs4(k)?
                };
                obj = protocol::get_item(obj.as_ptr(), key.as_ptr())?;
                i = e + 1;
                if i < name.len() && name[i] != 0x2e && name[i] != 0x5b {
                    return Err(errors::value_error(
                        "Only '.' or '[' may follow ']' in format field specifier",
                    ));
                }
            } else {
                return Err(errors::value_error(
                    "Only '.' or '[' may follow ']' in format field specifier",
                ));
            }
        }
        Ok(obj)
    }
}
