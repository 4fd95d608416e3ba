//! The `_locale` module (CPython's `Modules/_localemodule.c`) over the C
//! library: `setlocale`, `localeconv`, `nl_langinfo` and its constants,
//! `strcoll`, `strxfrm`, `getencoding`, the gettext functions, the `LC_*`
//! constants and `Error`. Text from the C library is decoded as the locale
//! encoding (UTF-8 here) with `surrogateescape`.
use crate::ffi::*;
use crate::modules::args::clinic_int;
use crate::modules::args::{arity, builtin, no_kwargs};
use crate::modules::objtype::{meth_noargs, new_module};
use crate::object::descr::{method, METHOD_END};
use crate::object::{dict, int, list, none, protocol, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_char, c_int, c_void, wchar_t};
use std::ffi::{CStr, CString};

extern "C" {
    fn wcscoll(a: *const wchar_t, b: *const wchar_t) -> c_int;
    fn wcsxfrm(dst: *mut wchar_t, src: *const wchar_t, n: usize) -> usize;
    fn gettext(msgid: *const c_char) -> *mut c_char;
    fn dgettext(domain: *const c_char, msgid: *const c_char) -> *mut c_char;
    fn dcgettext(domain: *const c_char, msgid: *const c_char, category: c_int) -> *mut c_char;
    fn textdomain(domain: *const c_char) -> *mut c_char;
    fn bindtextdomain(domain: *const c_char, dir: *const c_char) -> *mut c_char;
    fn bind_textdomain_codeset(domain: *const c_char, codeset: *const c_char) -> *mut c_char;
}

/// glibc's `_DATE_FMT` (`_NL_ITEM (LC_TIME, 0x6c)`; `ABDAY_1` is the
/// first `LC_TIME` item).
const DATE_FMT: libc::nl_item = libc::ABDAY_1 + 0x6c;

/// The `nl_langinfo` keys the module names (and accepts).
const LANGINFO: &[(&str, libc::nl_item)] = &[
    ("RADIXCHAR", libc::RADIXCHAR),
    ("THOUSEP", libc::THOUSEP),
    ("CRNCYSTR", libc::CRNCYSTR),
    ("D_T_FMT", libc::D_T_FMT),
    ("D_FMT", libc::D_FMT),
    ("T_FMT", libc::T_FMT),
    ("AM_STR", libc::AM_STR),
    ("PM_STR", libc::PM_STR),
    ("CODESET", libc::CODESET),
    ("T_FMT_AMPM", libc::T_FMT_AMPM),
    ("ERA", libc::ERA),
    ("ERA_D_FMT", libc::ERA_D_FMT),
    ("ERA_D_T_FMT", libc::ERA_D_T_FMT),
    ("ERA_T_FMT", libc::ERA_T_FMT),
    ("ALT_DIGITS", libc::ALT_DIGITS),
    ("YESEXPR", libc::YESEXPR),
    ("NOEXPR", libc::NOEXPR),
    ("_DATE_FMT", DATE_FMT),
    ("DAY_1", libc::DAY_1),
    ("DAY_2", libc::DAY_2),
    ("DAY_3", libc::DAY_3),
    ("DAY_4", libc::DAY_4),
    ("DAY_5", libc::DAY_5),
    ("DAY_6", libc::DAY_6),
    ("DAY_7", libc::DAY_7),
    ("ABDAY_1", libc::ABDAY_1),
    ("ABDAY_2", libc::ABDAY_2),
    ("ABDAY_3", libc::ABDAY_3),
    ("ABDAY_4", libc::ABDAY_4),
    ("ABDAY_5", libc::ABDAY_5),
    ("ABDAY_6", libc::ABDAY_6),
    ("ABDAY_7", libc::ABDAY_7),
    ("MON_1", libc::MON_1),
    ("MON_2", libc::MON_2),
    ("MON_3", libc::MON_3),
    ("MON_4", libc::MON_4),
    ("MON_5", libc::MON_5),
    ("MON_6", libc::MON_6),
    ("MON_7", libc::MON_7),
    ("MON_8", libc::MON_8),
    ("MON_9", libc::MON_9),
    ("MON_10", libc::MON_10),
    ("MON_11", libc::MON_11),
    ("MON_12", libc::MON_12),
    ("ABMON_1", libc::ABMON_1),
    ("ABMON_2", libc::ABMON_2),
    ("ABMON_3", libc::ABMON_3),
    ("ABMON_4", libc::ABMON_4),
    ("ABMON_5", libc::ABMON_5),
    ("ABMON_6", libc::ABMON_6),
    ("ABMON_7", libc::ABMON_7),
    ("ABMON_8", libc::ABMON_8),
    ("ABMON_9", libc::ABMON_9),
    ("ABMON_10", libc::ABMON_10),
    ("ABMON_11", libc::ABMON_11),
    ("ABMON_12", libc::ABMON_12),
];

const CATEGORIES: &[(&str, c_int)] = &[
    ("LC_CTYPE", libc::LC_CTYPE),
    ("LC_TIME", libc::LC_TIME),
    ("LC_COLLATE", libc::LC_COLLATE),
    ("LC_MONETARY", libc::LC_MONETARY),
    ("LC_MESSAGES", libc::LC_MESSAGES),
    ("LC_NUMERIC", libc::LC_NUMERIC),
    ("LC_ALL", libc::LC_ALL),
];

/// A C string from the C library as a str (NULL: None).
unsafe fn decode(p: *const c_char) -> PyResult<Owned> {
    // SAFETY: p NULL or NUL-terminated.
    unsafe {
        if p.is_null() {
            return Ok(Owned::from_borrowed_static(none::none()));
        }
        errors::check(crate::capi::unicode::PyUnicode_DecodeLocale(
            p,
            c"surrogateescape".as_ptr(),
        ))
    }
}

/// Raises `locale.Error(msg)`.
fn locale_error(m: *mut PyObject, msg: &str) -> errors::Raised {
    // SAFETY: m is the _locale module.
    match unsafe { protocol::getattr_str(m, "Error") } {
        // SAFETY: e is an exception class.
        Ok(e) => unsafe { errors::set_string(e.as_ptr(), msg) },
        Err(r) => r,
    }
}

/// A str argument as a C string (`PyArg` format `s`/`z`); `None` gives
/// NULL when `nullable`.
unsafe fn cstr_arg(
    fname: &str,
    what: &str,
    op: *mut PyObject,
    nullable: bool,
) -> PyResult<Option<CString>> {
    // SAFETY: op valid.
    unsafe {
        if nullable && op == none::none() {
            return Ok(None);
        }
        if !pystr::check(op) {
            return Err(errors::type_error(format!(
                "{fname}() {what} must be str{}, not {}",
                if nullable { " or None" } else { "" },
                crate::object::typeobj::type_name(op)
            )));
        }
        let s = pystr::as_str(op)?;
        CString::new(s)
            .map(Some)
            .map_err(|_| errors::value_error("embedded null character"))
    }
}

fn opt_ptr(s: &Option<CString>) -> *const c_char {
    s.as_ref().map_or(std::ptr::null(), |s| s.as_ptr())
}

builtin!(setlocale, |m, args, kws| {
    let [cat, loc] =
        crate::modules::args::bind("setlocale", args, &kws, ["category", "locale"], 2, 1)?;
    let cat = clinic_int(cat.unwrap_or(std::ptr::null_mut()))?;
    let loc = match loc {
        Some(l) => cstr_arg("setlocale", "argument 2", l, true)?,
        None => None,
    };
    let r = libc::setlocale(cat, opt_ptr(&loc));
    if r.is_null() {
        return Err(locale_error(
            m,
            if loc.is_some() {
                "unsupported locale setting"
            } else {
                "locale query failed"
            },
        ));
    }
    decode(r)
});

/// A grouping string as CPython lists it: the sizes up to and including
/// the terminating 0 or `CHAR_MAX`; empty when there is no grouping.
unsafe fn grouping(p: *const c_char) -> PyResult<Owned> {
    // SAFETY: p is NUL-terminated.
    unsafe {
        let bytes = CStr::from_ptr(p).to_bytes_with_nul();
        if bytes[0] == 0 {
            return list::new(0);
        }
        let end = bytes
            .iter()
            .position(|&b| b == 0 || b as c_char == c_char::MAX)
            .unwrap_or(bytes.len() - 1);
        let items: PyResult<Vec<Owned>> = bytes[..=end]
            .iter()
            .map(|&b| int::from_i64(b as c_char as i64))
            .collect();
        list::from_vec(items?)
    }
}

meth_noargs!(localeconv, |_m| {
    let lc = &*libc::localeconv();
    let d = dict::new()?;
    let put =
        |k: &str, v: Owned| dict::set_item(d.as_ptr(), pystr::from_str(k)?.as_ptr(), v.as_ptr());
    let num = |c: c_char| int::from_i64(c as i64);
    put("int_curr_symbol", decode(lc.int_curr_symbol)?)?;
    put("currency_symbol", decode(lc.currency_symbol)?)?;
    put("mon_decimal_point", decode(lc.mon_decimal_point)?)?;
    put("mon_thousands_sep", decode(lc.mon_thousands_sep)?)?;
    put("mon_grouping", grouping(lc.mon_grouping)?)?;
    put("positive_sign", decode(lc.positive_sign)?)?;
    put("negative_sign", decode(lc.negative_sign)?)?;
    put("int_frac_digits", num(lc.int_frac_digits)?)?;
    put("frac_digits", num(lc.frac_digits)?)?;
    put("p_cs_precedes", num(lc.p_cs_precedes)?)?;
    put("p_sep_by_space", num(lc.p_sep_by_space)?)?;
    put("n_cs_precedes", num(lc.n_cs_precedes)?)?;
    put("n_sep_by_space", num(lc.n_sep_by_space)?)?;
    put("p_sign_posn", num(lc.p_sign_posn)?)?;
    put("n_sign_posn", num(lc.n_sign_posn)?)?;
    put("decimal_point", decode(lc.decimal_point)?)?;
    put("thousands_sep", decode(lc.thousands_sep)?)?;
    put("grouping", grouping(lc.grouping)?)?;
    Ok(d)
});

builtin!(nl_langinfo, |args, kws| {
    no_kwargs("nl_langinfo", &kws)?;
    if args.len() != 1 {
        return Err(errors::type_error(format!(
            "nl_langinfo() takes exactly one argument ({} given)",
            args.len()
        )));
    }
    let key = clinic_int(args[0])?;
    if !LANGINFO.iter().any(|&(_, k)| k == key) {
        return Err(errors::value_error("unsupported langinfo constant"));
    }
    decode(libc::nl_langinfo(key))
});

/// A str as a NUL-terminated wide string.
unsafe fn wide(op: *mut PyObject) -> PyResult<Vec<wchar_t>> {
    // SAFETY: op is a str.
    let mut w: Vec<wchar_t> = unsafe { pystr::to_ucs4(op) }
        .into_iter()
        .map(|c| c as wchar_t)
        .collect();
    if w.contains(&0) {
        return Err(errors::value_error("embedded null character"));
    }
    w.push(0);
    Ok(w)
}

builtin!(strcoll, |args, kws| {
    no_kwargs("strcoll", &kws)?;
    arity("strcoll", args, 2, 2)?;
    for (i, &a) in args.iter().enumerate() {
        if !pystr::check(a) {
            return Err(errors::type_error(format!(
                "strcoll() argument {} must be str, not {}",
                i + 1,
                crate::object::typeobj::type_name(a)
            )));
        }
    }
    let (a, b) = (wide(args[0])?, wide(args[1])?);
    int::from_i64(wcscoll(a.as_ptr(), b.as_ptr()) as i64)
});

builtin!(strxfrm, |args, kws| {
    no_kwargs("strxfrm", &kws)?;
    if args.len() != 1 {
        return Err(errors::type_error(format!(
            "strxfrm() takes exactly one argument ({} given)",
            args.len()
        )));
    }
    if !pystr::check(args[0]) {
        return Err(errors::type_error(format!(
            "strxfrm() argument must be str, not {}",
            crate::object::typeobj::type_name(args[0])
        )));
    }
    let s = wide(args[0])?;
    let n = wcsxfrm(std::ptr::null_mut(), s.as_ptr(), 0);
    let mut out: Vec<wchar_t> = vec![0; n + 1];
    wcsxfrm(out.as_mut_ptr(), s.as_ptr(), n + 1);
    out.truncate(n);
    let cps: Vec<u32> = out.iter().map(|&c| c as u32).collect();
    if let Some(&bad) = cps.iter().find(|&&c| c > 0x10ffff) {
        return Err(errors::value_error(format!(
            "character U+{bad:x} is not in range [U+0000; U+10ffff]"
        )));
    }
    pystr::from_ucs4(&cps)
});

meth_noargs!(getencoding, |_m| {
    let p = libc::nl_langinfo(libc::CODESET);
    if p.is_null() || *p == 0 {
        return pystr::from_str("utf-8");
    }
    decode(p)
});

builtin!(py_gettext, |args, kws| {
    let [msg] = crate::modules::args::bind("gettext", args, &kws, ["msg"], 1, 1)?;
    let msg = cstr_arg(
        "gettext",
        "argument",
        msg.unwrap_or(std::ptr::null_mut()),
        false,
    )?;
    decode(gettext(opt_ptr(&msg)))
});

builtin!(py_dgettext, |args, kws| {
    no_kwargs("dgettext", &kws)?;
    arity("dgettext", args, 2, 2)?;
    let domain = cstr_arg("dgettext", "argument 1", args[0], true)?;
    let msg = cstr_arg("dgettext", "argument 2", args[1], false)?;
    decode(dgettext(opt_ptr(&domain), opt_ptr(&msg)))
});

builtin!(py_dcgettext, |args, kws| {
    no_kwargs("dcgettext", &kws)?;
    arity("dcgettext", args, 3, 3)?;
    let domain = cstr_arg("dcgettext", "argument 1", args[0], true)?;
    let msg = cstr_arg("dcgettext", "argument 2", args[1], false)?;
    let cat = clinic_int(args[2])?;
    decode(dcgettext(opt_ptr(&domain), opt_ptr(&msg), cat))
});

builtin!(py_textdomain, |args, kws| {
    no_kwargs("textdomain", &kws)?;
    arity("textdomain", args, 1, 1)?;
    let domain = cstr_arg("textdomain", "argument", args[0], true)?;
    let r = textdomain(opt_ptr(&domain));
    if r.is_null() {
        return Err(errors::last_os_error());
    }
    decode(r)
});

builtin!(py_bindtextdomain, |args, kws| {
    no_kwargs("bindtextdomain", &kws)?;
    arity("bindtextdomain", args, 2, 2)?;
    let domain = cstr_arg("bindtextdomain", "argument 1", args[0], false)?;
    if domain.as_ref().is_some_and(|d| d.as_bytes().is_empty()) {
        return Err(errors::value_error("empty string"));
    }
    let dir = if args[1] == none::none() {
        None
    } else {
        Some(crate::modules::posix::path::path("bindtextdomain", "dirname", args[1])?.c)
    };
    let r = bindtextdomain(opt_ptr(&domain), opt_ptr(&dir));
    if r.is_null() {
        return Err(errors::last_os_error());
    }
    decode(r)
});

builtin!(py_bind_textdomain_codeset, |args, kws| {
    no_kwargs("bind_textdomain_codeset", &kws)?;
    arity("bind_textdomain_codeset", args, 2, 2)?;
    let domain = cstr_arg("bind_textdomain_codeset", "argument 1", args[0], false)?;
    let codeset = cstr_arg("bind_textdomain_codeset", "argument 2", args[1], true)?;
    let r = bind_textdomain_codeset(opt_ptr(&domain), opt_ptr(&codeset));
    if r.is_null() {
        if errors::last_errno() != 0 {
            return Err(errors::last_os_error());
        }
        return Ok(Owned::from_borrowed_static(none::none()));
    }
    decode(r)
});

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut FUNCTIONS: [PyMethodDef; 13] = [
    method(c"setlocale", setlocale as *const c_void, FK),
    method(c"localeconv", localeconv as *const c_void, METH_NOARGS),
    method(c"nl_langinfo", nl_langinfo as *const c_void, FK),
    method(c"strcoll", strcoll as *const c_void, FK),
    method(c"strxfrm", strxfrm as *const c_void, FK),
    method(c"getencoding", getencoding as *const c_void, METH_NOARGS),
    method(c"gettext", py_gettext as *const c_void, FK),
    method(c"dgettext", py_dgettext as *const c_void, FK),
    method(c"dcgettext", py_dcgettext as *const c_void, FK),
    method(c"textdomain", py_textdomain as *const c_void, FK),
    method(c"bindtextdomain", py_bindtextdomain as *const c_void, FK),
    method(
        c"bind_textdomain_codeset",
        py_bind_textdomain_codeset as *const c_void,
        FK,
    ),
    METHOD_END,
];

/// `PyInit__locale`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the tables are static.
        unsafe {
            let m = new_module("_locale", (&raw mut FUNCTIONS).cast(), &[])?;
            let p = m.as_ptr();
            let set = |name: &str, v: *mut PyObject| protocol::setattr(p, pystr::intern(name), v);
            set(
                "__doc__",
                pystr::from_str("Support for POSIX locales.")?.as_ptr(),
            )?;
            for &(name, v) in CATEGORIES {
                set(name, int::from_i64(v as i64)?.as_ptr())?;
            }
            set("CHAR_MAX", int::from_i64(c_char::MAX as i64)?.as_ptr())?;
            for &(name, v) in LANGINFO {
                set(name, int::from_i64(v as i64)?.as_ptr())?;
            }
            let err = crate::object::exceptions::new_exception_class(
                c"locale.Error".as_ptr(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            )?;
            set("Error", err.as_ptr())?;
            Ok(m)
        }
    })
}
