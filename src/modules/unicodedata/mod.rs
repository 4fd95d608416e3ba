//! The `unicodedata` module (`Modules/unicodedata.c`) over the Unicode
//! 15.1 tables of CPython 3.13: character properties (category,
//! bidirectional class, combining class, mirrored, East Asian width,
//! decomposition, decimal/digit/numeric values) and the four
//! normalization forms, and character names (`name`/`lookup`, without
//! name aliases and named sequences). `ucd_3_2_0`, the one `UCD` object,
//! has the same functions as methods answering as Unicode 3.2.0 did (for
//! `stringprep` and the `idna` codec): the module's functions serve as its
//! methods and consult `ucd_3_2_0.rs` when called on it, as CPython's do.
mod names;
mod tables;
mod ucd_3_2_0;

use crate::ffi::*;
use crate::modules::args::{arity, builtin, no_kwargs};
use crate::modules::module_def::{self, add, exec_slot, SLOT_END};
use crate::object::descr::{method, METHOD_END};
use crate::object::typeobj::{type_name, type_template};
use crate::object::unicode_props;
use crate::object::{float, int, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};

/// The table record of `cp`.
fn record(cp: u32) -> (u8, u8, bool, u8, u16) {
    let hi = tables::INDEX1[(cp >> tables::SHIFT) as usize] as usize;
    let lo = (cp & ((1 << tables::SHIFT) - 1)) as usize;
    tables::RECORDS[tables::INDEX2[(hi << tables::SHIFT) + lo] as usize]
}

/// What Unicode 3.2.0 says differently about `cp`, when `old`.
fn change(old: bool, cp: u32) -> Option<&'static ucd_3_2_0::Change> {
    if !old {
        return None;
    }
    let i = ucd_3_2_0::RANGES
        .binary_search_by(|&(a, b, _)| {
            if b < cp {
                std::cmp::Ordering::Less
            } else if a > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .ok()?;
    Some(&ucd_3_2_0::CHANGES[ucd_3_2_0::RANGES[i].2 as usize])
}

/// Whether a function was called as a method of `ucd_3_2_0` (CPython's
/// `UCD_Check`) rather than as a module function.
unsafe fn is_old(slf: *mut PyObject) -> bool {
    // SAFETY: slf is the module or a UCD object.
    unsafe { !slf.is_null() && (*slf).ob_type == &raw mut UCD_TYPE }
}

fn combining(old: bool, cp: u32) -> u8 {
    change(old, cp)
        .and_then(|c| c.combining)
        .unwrap_or_else(|| record(cp).1)
}

/// The one-character argument of `fname`.
unsafe fn char_arg(fname: &str, o: *mut PyObject) -> PyResult<u32> {
    // SAFETY: o valid.
    unsafe {
        if !pystr::check(o) || pystr::len(o) != 1 {
            return Err(errors::type_error(format!(
                "{fname}() argument must be a unicode character, not {}",
                type_name(o)
            )));
        }
        Ok(pystr::read_char(o, 0))
    }
}

/// `(chr, default)` of the value functions.
unsafe fn char_default(
    fname: &str,
    args: &[*mut PyObject],
    kws: &[(&str, *mut PyObject)],
) -> PyResult<(u32, Option<*mut PyObject>)> {
    no_kwargs(fname, kws)?;
    arity(fname, args, 1, 2)?;
    // SAFETY: valid arguments.
    unsafe { Ok((char_arg(fname, args[0])?, args.get(1).copied())) }
}

/// A value function's result: the value, else `default`, else
/// `ValueError(msg)`.
fn value_or(
    v: Option<PyResult<Owned>>,
    default: Option<*mut PyObject>,
    msg: &str,
) -> PyResult<Owned> {
    match (v, default) {
        (Some(v), _) => v,
        // SAFETY: default is a valid argument.
        (None, Some(d)) => Ok(unsafe { Owned::from_borrowed(d) }),
        (None, None) => Err(errors::value_error(msg)),
    }
}

builtin!(decimal, |slf, args, kws| {
    let (cp, default) = char_default("decimal", args, &kws)?;
    let v = match change(is_old(slf), cp).and_then(|c| c.decimal) {
        Some(d) => d,
        None => unicode_props::decimal_value(cp),
    };
    let v = v.map(|d| int::from_i64(d.into()));
    value_or(v, default, "not a decimal")
});

builtin!(digit, |slf, args, kws| {
    let (cp, default) = char_default("digit", args, &kws)?;
    let v = unicode_props::digit_value(cp).map(|d| int::from_i64(d.into()));
    value_or(v, default, "not a digit")
});

builtin!(numeric, |slf, args, kws| {
    let (cp, default) = char_default("numeric", args, &kws)?;
    let v = match change(is_old(slf), cp).and_then(|c| c.numeric) {
        Some(n) => n,
        None => unicode_props::numeric_value(cp),
    };
    let v = v.map(float::from_f64);
    value_or(v, default, "not a numeric character")
});

/// The one character of a property function.
unsafe fn one(fname: &str, args: &[*mut PyObject], kws: &[(&str, *mut PyObject)]) -> PyResult<u32> {
    no_kwargs(fname, kws)?;
    arity(fname, args, 1, 1)?;
    // SAFETY: a valid argument.
    unsafe { char_arg(fname, args[0]) }
}

builtin!(category, |slf, args, kws| {
    let cp = one("category", args, &kws)?;
    let c = change(is_old(slf), cp).and_then(|c| c.category);
    pystr::from_str(c.unwrap_or_else(|| unicode_props::category(cp)))
});

builtin!(bidirectional, |slf, args, kws| {
    let cp = one("bidirectional", args, &kws)?;
    let c = change(is_old(slf), cp).and_then(|c| c.bidirectional);
    pystr::from_str(c.unwrap_or_else(|| tables::BIDI[record(cp).0 as usize]))
});

builtin!(combining_fn, |slf, args, kws| {
    int::from_i64(combining(is_old(slf), one("combining", args, &kws)?).into())
});

builtin!(mirrored, |slf, args, kws| {
    let cp = one("mirrored", args, &kws)?;
    let m = change(is_old(slf), cp).and_then(|c| c.mirrored);
    int::from_i64(m.unwrap_or_else(|| record(cp).2).into())
});

builtin!(east_asian_width, |slf, args, kws| {
    let cp = one("east_asian_width", args, &kws)?;
    let c = change(is_old(slf), cp).and_then(|c| c.east_asian_width);
    pystr::from_str(c.unwrap_or_else(|| tables::EAW[record(cp).3 as usize]))
});

/// The decomposition mapping of `cp` (`decomposition()`'s string).
fn decomposition_of(old: bool, cp: u32) -> &'static str {
    change(old, cp)
        .and_then(|c| c.decomposition)
        .unwrap_or_else(|| tables::DECOMPOSITIONS[record(cp).4 as usize])
}

builtin!(decomposition, |slf, args, kws| {
    let cp = one("decomposition", args, &kws)?;
    pystr::from_str(decomposition_of(is_old(slf), cp))
});

// ---- normalization ---------------------------------------------------------

const S_BASE: u32 = 0xAC00;
const L_BASE: u32 = 0x1100;
const V_BASE: u32 = 0x1161;
const T_BASE: u32 = 0x11A7;
const L_COUNT: u32 = 19;
const V_COUNT: u32 = 21;
const T_COUNT: u32 = 28;
const N_COUNT: u32 = V_COUNT * T_COUNT;
const S_COUNT: u32 = L_COUNT * N_COUNT;

/// The five decompositions Unicode corrected after 3.2.0 (Corrigendum
/// #4), as 3.2.0 normalization still maps them: (character, old mapping).
const CORRECTIONS_3_2_0: [(u32, u32); 5] = [
    (0x2F868, 0x2136A),
    (0x2F874, 0x5F33),
    (0x2F91F, 0x43AB),
    (0x2F95F, 0x7AAE),
    (0x2F9BF, 0x4D57),
];

/// Appends the full canonical (or compatibility) decomposition of `cp`,
/// as Unicode 3.2.0 has it when `old`.
fn decompose_into(cp: u32, compat: bool, old: bool, out: &mut Vec<u32>) {
    if old {
        if let Some(&(_, v)) = CORRECTIONS_3_2_0.iter().find(|&&(c, _)| c == cp) {
            out.push(v);
            return;
        }
    }
    if (S_BASE..S_BASE + S_COUNT).contains(&cp) {
        let s = cp - S_BASE;
        out.push(L_BASE + s / N_COUNT);
        out.push(V_BASE + (s % N_COUNT) / T_COUNT);
        if !s.is_multiple_of(T_COUNT) {
            out.push(T_BASE + s % T_COUNT);
        }
        return;
    }
    let d = decomposition_of(old, cp);
    if d.is_empty() || (!compat && d.starts_with('<')) {
        out.push(cp);
        return;
    }
    for part in d.split(' ').filter(|p| !p.starts_with('<')) {
        if let Ok(c) = u32::from_str_radix(part, 16) {
            decompose_into(c, compat, old, out);
        }
    }
}

/// Decomposes and puts combining marks in canonical order.
fn decompose(text: &[u32], compat: bool, old: bool) -> Vec<u32> {
    let mut out = Vec::with_capacity(text.len());
    for &cp in text {
        decompose_into(cp, compat, old, &mut out);
    }
    // A stable sort of each run of non-starters by combining class.
    let mut i = 0;
    while i < out.len() {
        if combining(old, out[i]) == 0 {
            i += 1;
            continue;
        }
        let start = i;
        while i < out.len() && combining(old, out[i]) != 0 {
            i += 1;
        }
        out[start..i].sort_by_key(|&c| combining(old, c));
    }
    out
}

/// The primary composite of `a` followed by `b`, if there is one.
fn compose_pair(a: u32, b: u32) -> Option<u32> {
    if (L_BASE..L_BASE + L_COUNT).contains(&a) && (V_BASE..V_BASE + V_COUNT).contains(&b) {
        return Some(S_BASE + ((a - L_BASE) * V_COUNT + (b - V_BASE)) * T_COUNT);
    }
    if (S_BASE..S_BASE + S_COUNT).contains(&a)
        && (a - S_BASE).is_multiple_of(T_COUNT)
        && (T_BASE + 1..T_BASE + T_COUNT).contains(&b)
    {
        return Some(a + (b - T_BASE));
    }
    tables::COMPOSITIONS
        .binary_search_by(|&(x, y, _)| (x, y).cmp(&(a, b)))
        .ok()
        .map(|i| tables::COMPOSITIONS[i].2)
}

/// Canonical composition of a decomposed, ordered text.
fn compose(text: Vec<u32>, old: bool) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::with_capacity(text.len());
    let mut starter: Option<usize> = None;
    for cp in text {
        let cc = combining(old, cp);
        if let Some(s) = starter {
            let last = out.len() - 1;
            let last_cc = combining(old, out[last]);
            // Not blocked: adjacent to the starter, or every mark between
            // has a lower, non-zero class.
            if last == s || (last_cc != 0 && last_cc < cc) {
                if let Some(c) = compose_pair(out[s], cp) {
                    out[s] = c;
                    continue;
                }
            }
        }
        if cc == 0 {
            starter = Some(out.len());
        }
        out.push(cp);
    }
    out
}

/// Normalizes `text` to `form` (as Unicode 3.2.0 when `old`); `None` for
/// an unknown form.
fn normalized(form: &str, text: &[u32], old: bool) -> Option<Vec<u32>> {
    Some(match form {
        "NFD" => decompose(text, false, old),
        "NFKD" => decompose(text, true, old),
        "NFC" => compose(decompose(text, false, old), old),
        "NFKC" => compose(decompose(text, true, old), old),
        _ => return None,
    })
}

/// `(form, text code points)` of `normalize`/`is_normalized`.
unsafe fn form_args(
    fname: &str,
    args: &[*mut PyObject],
    kws: &[(&str, *mut PyObject)],
) -> PyResult<(String, Vec<u32>)> {
    no_kwargs(fname, kws)?;
    arity(fname, args, 2, 2)?;
    // SAFETY: valid arguments.
    unsafe {
        for (i, &a) in args.iter().enumerate() {
            if !pystr::check(a) {
                return Err(errors::type_error(format!(
                    "{fname}() argument {} must be str, not {}",
                    i + 1,
                    type_name(a)
                )));
            }
        }
        let form = pystr::as_str(args[0])?.to_string();
        let n = pystr::len(args[1]) as usize;
        let text = (0..n).map(|i| pystr::read_char(args[1], i)).collect();
        Ok((form, text))
    }
}

builtin!(normalize, |slf, args, kws| {
    let (form, text) = form_args("normalize", args, &kws)?;
    let Some(out) = normalized(&form, &text, is_old(slf)) else {
        return Err(errors::value_error("invalid normalization form"));
    };
    if out == text {
        return Ok(Owned::from_borrowed(args[1]));
    }
    let max = out.iter().copied().max().unwrap_or(0);
    pystr::from_code_points(out.iter().copied(), out.len(), max)
});

builtin!(is_normalized, |slf, args, kws| {
    let (form, text) = form_args("is_normalized", args, &kws)?;
    let Some(out) = normalized(&form, &text, is_old(slf)) else {
        return Err(errors::value_error("invalid normalization form"));
    };
    Ok(Owned::from_borrowed_static(crate::object::bool::from_bool(
        out == text,
    )))
});

// ---- names -------------------------------------------------------------------

const JAMO_L: [&str; 19] = [
    "G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T", "P",
    "H",
];
const JAMO_V: [&str; 21] = [
    "A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO", "WE",
    "WI", "YU", "EU", "YI", "I",
];
const JAMO_T: [&str; 28] = [
    "", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH", "M",
    "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H",
];

/// The explicit names, in `names::CODES` order.
fn name_lines() -> &'static [&'static str] {
    static LINES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    LINES.get_or_init(|| names::NAMES.lines().collect())
}

/// The name of `cp`, if it has one.
pub(crate) fn name_of(cp: u32) -> Option<String> {
    if (S_BASE..S_BASE + S_COUNT).contains(&cp) {
        let s = cp - S_BASE;
        let (l, v, t) = (s / N_COUNT, (s % N_COUNT) / T_COUNT, s % T_COUNT);
        return Some(format!(
            "HANGUL SYLLABLE {}{}{}",
            JAMO_L[l as usize], JAMO_V[v as usize], JAMO_T[t as usize]
        ));
    }
    if let Some(&(_, _, prefix)) = names::RANGES
        .iter()
        .find(|&&(a, b, _)| (a..=b).contains(&cp))
    {
        return Some(format!("{prefix}-{cp:X}"));
    }
    let i = names::CODES.binary_search(&cp).ok()?;
    Some(name_lines()[i].to_string())
}

/// The code point named `name`, if any: computed names match exactly
/// (upper case, upper-case hex), explicit names in any case.
fn code_of(name: &str) -> Option<u32> {
    if let Some(rest) = name.strip_prefix("HANGUL SYLLABLE ") {
        // The longest jamo that match, in order, must use up the name.
        let take = |s: &str, set: &[&str]| -> Option<(usize, usize)> {
            set.iter()
                .enumerate()
                .filter(|(_, j)| s.starts_with(*j))
                .max_by_key(|(_, j)| j.len())
                .map(|(i, j)| (i, j.len()))
        };
        let (l, n) = take(rest, &JAMO_L)?;
        let (v, m) = take(&rest[n..], &JAMO_V)?;
        let (t, k) = take(&rest[n + m..], &JAMO_T)?;
        if n + m + k != rest.len() {
            return None;
        }
        return Some(S_BASE + (l as u32 * V_COUNT + v as u32) * T_COUNT + t as u32);
    }
    if let Some((prefix, hex)) = name.rsplit_once('-') {
        if let Ok(cp) = u32::from_str_radix(hex, 16) {
            let hit = names::RANGES
                .iter()
                .any(|&(a, b, p)| p == prefix && (a..=b).contains(&cp));
            let upper_hex = hex
                .bytes()
                .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase());
            if hit && (4..=6).contains(&hex.len()) && upper_hex {
                return Some(cp);
            }
        }
    }
    static BY_NAME: std::sync::OnceLock<std::collections::HashMap<&'static str, u32>> =
        std::sync::OnceLock::new();
    BY_NAME
        .get_or_init(|| {
            name_lines()
                .iter()
                .copied()
                .zip(names::CODES.iter().copied())
                .collect()
        })
        .get(name.to_ascii_uppercase().as_str())
        .copied()
}

builtin!(name, |slf, args, kws| {
    let (cp, default) = char_default("name", args, &kws)?;
    let named = change(is_old(slf), cp).and_then(|c| c.named);
    let v = if named == Some(false) {
        None
    } else {
        name_of(cp).map(|n| pystr::from_str(&n))
    };
    value_or(v, default, "no such name")
});

builtin!(lookup, |slf, args, kws| {
    no_kwargs("lookup", &kws)?;
    arity("lookup", args, 1, 1)?;
    let text = if pystr::check(args[0]) {
        pystr::as_str(args[0])?.to_string()
    } else {
        String::from_utf8_lossy(&crate::object::bytes_methods::need_bytes_like(args[0])?)
            .into_owned()
    };
    match code_of(&text).and_then(char::from_u32) {
        Some(c) => pystr::from_str(c.encode_utf8(&mut [0; 4])),
        None => {
            let msg = pystr::from_str(&format!("undefined character name '{text}'"))?;
            Err(errors::set_object(
                crate::object::exceptions::PyExc_KeyError,
                msg.as_ptr(),
            ))
        }
    }
});

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut METHODS: [PyMethodDef; 14] = [
    method(c"bidirectional", bidirectional as *const c_void, FK),
    method(c"category", category as *const c_void, FK),
    method(c"combining", combining_fn as *const c_void, FK),
    method(c"decimal", decimal as *const c_void, FK),
    method(c"decomposition", decomposition as *const c_void, FK),
    method(c"digit", digit as *const c_void, FK),
    method(c"east_asian_width", east_asian_width as *const c_void, FK),
    method(c"is_normalized", is_normalized as *const c_void, FK),
    method(c"lookup", lookup as *const c_void, FK),
    method(c"mirrored", mirrored as *const c_void, FK),
    method(c"name", name as *const c_void, FK),
    method(c"normalize", normalize as *const c_void, FK),
    method(c"numeric", numeric as *const c_void, FK),
    METHOD_END,
];

/// `unicodedata.UCD`, the type of `ucd_3_2_0`: the module's functions as
/// methods, and `unidata_version`. It cannot be instantiated from Python.
pub static mut UCD_TYPE: PyTypeObject = PyTypeObject {
    tp_methods: (&raw const METHODS).cast_mut().cast(),
    tp_getset: (&raw const UCD_GETSET).cast_mut().cast(),
    ..type_template(c"unicodedata.UCD", std::mem::size_of::<PyObject>(), 0)
};

static UCD_GETSET: [PyGetSetDef; 2] = [
    crate::object::descr::getset(c"unidata_version", Some(ucd_version), None),
    crate::object::descr::GETSET_END,
];

unsafe extern "C" fn ucd_version(_slf: *mut PyObject, _closure: *mut c_void) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| pystr::from_str("3.2.0"))
}

unsafe extern "C" fn exec(m: *mut PyObject) -> c_int {
    // SAFETY: the module being executed; UCD_TYPE is a static type whose
    // instances are bare objects.
    crate::capi::boundary::guard_status(|| unsafe {
        add(m, "unidata_version", pystr::from_str("15.1.0"))?;
        module_def::add_type(m, &raw mut UCD_TYPE)?;
        let tp = &raw mut UCD_TYPE;
        let alloc = (*tp)
            .tp_alloc
            .unwrap_or(crate::capi::allocation::PyType_GenericAlloc);
        add(m, "ucd_3_2_0", crate::runtime::errors::check(alloc(tp, 0)))
    })
}

static mut SLOTS: [PyModuleDef_Slot; 2] = [exec_slot(exec), SLOT_END];

static mut DEF: PyModuleDef = module_def::def(
    c"unicodedata",
    c"This module provides access to the Unicode Character Database which\ndefines character properties for all Unicode characters.",
    (&raw mut METHODS).cast(),
    (&raw mut SLOTS).cast(),
);

/// `PyInit_unicodedata`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    // SAFETY: DEF is a static module definition.
    unsafe { crate::capi::module::PyModuleDef_Init(&raw mut DEF) }
}
