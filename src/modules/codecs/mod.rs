//! The `_codecs` module (`Modules/_codecsmodule.c`): the codec registry
//! and the codec functions the `codecs` module and the `encodings`
//! package are built on. The UTF/Latin-1/ASCII/escape codecs run in
//! `crate::object::codecs_core` (UTF-7 in `codecs_utf7`); `charmap`
//! codecs run here.
pub mod charmap;
pub mod encoding_map;
pub mod handlers;
pub mod registry;

pub use registry::{lookup, lookup_text};

use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::modules::args::builtin;
use crate::modules::io::bind;
use crate::object::codecs_core::{self as cc, Codec};
use crate::object::descr::{method, METHOD_END};
use crate::object::{bytes, dict, int, none, protocol, str as pystr, tuple, typeobj};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_void;
use std::ptr::null_mut;

/// A str argument, or `TypeError: F() argument N must be str, not T`.
unsafe fn str_arg(fname: &str, n: usize, o: Option<*mut PyObject>) -> PyResult<*mut PyObject> {
    let o = o.unwrap_or(null_mut());
    // SAFETY: o valid.
    unsafe {
        if !pystr::check(o) {
            return Err(errors::type_error(format!(
                "{fname}() argument {n} must be str, not {}",
                typeobj::type_name(o)
            )));
        }
    }
    Ok(o)
}

/// The optional `errors` argument.
unsafe fn errors_arg<'a>(fname: &str, o: Option<*mut PyObject>) -> PyResult<Option<&'a str>> {
    // SAFETY: o valid when present.
    unsafe {
        match o {
            None => Ok(None),
            Some(o) if o == none::none() => Ok(None),
            Some(o) if pystr::check(o) => Ok(Some(pystr::as_str(o)?)),
            Some(o) => Err(errors::type_error(format!(
                "{fname}() argument 2 must be str or None, not {}",
                typeobj::type_name(o)
            ))),
        }
    }
}

unsafe fn bool_arg(o: Option<*mut PyObject>, default: bool) -> PyResult<bool> {
    // SAFETY: o valid when present.
    unsafe {
        match o {
            None => Ok(default),
            Some(o) => protocol::is_true(o),
        }
    }
}

/// The bytes of a bytes-like argument.
unsafe fn data_arg<'a>(o: Option<*mut PyObject>) -> PyResult<std::borrow::Cow<'a, [u8]>> {
    // SAFETY: o valid.
    unsafe { crate::modules::io::bytes_arg(o.unwrap_or(null_mut())) }
}

fn pair(a: Owned, n: usize) -> PyResult<Owned> {
    let n = int::from_i64(n as i64)?;
    tuple::pack(&[a.as_ptr(), n.as_ptr()])
}

/// `X_encode(str, errors=None)` for a built-in codec.
unsafe fn encode_fn(
    fname: &str,
    codec: Codec,
    args: &[*mut PyObject],
    kws: &[(&str, *mut PyObject)],
) -> PyResult<Owned> {
    // SAFETY: arguments valid.
    unsafe {
        let [s, e] = bind(fname, args, kws, ["str", "errors"], 1)?;
        let s = str_arg(fname, 1, s)?;
        let errs = errors_arg(fname, e)?;
        pair(cc::encode(s, codec, errs)?, pystr::len(s) as usize)
    }
}

macro_rules! encoder {
    ($name:ident, $codec:expr) => {
        builtin!($name, |args, kws| encode_fn(
            stringify!($name),
            $codec,
            args,
            &kws
        ));
    };
}
encoder!(utf_8_encode, Codec::Utf8);
encoder!(ascii_encode, Codec::Ascii);
encoder!(latin_1_encode, Codec::Latin1);
encoder!(utf_16_le_encode, Codec::Utf16(-1));
encoder!(utf_16_be_encode, Codec::Utf16(1));
encoder!(utf_32_le_encode, Codec::Utf32(-1));
encoder!(utf_32_be_encode, Codec::Utf32(1));
encoder!(unicode_escape_encode, Codec::UnicodeEscape);
encoder!(raw_unicode_escape_encode, Codec::RawUnicodeEscape);

builtin!(utf_16_encode, |args, kws| {
    let [s, e, bo] = bind(
        "utf_16_encode",
        args,
        &kws,
        ["str", "errors", "byteorder"],
        1,
    )?;
    let s = str_arg("utf_16_encode", 1, s)?;
    let errs = errors_arg("utf_16_encode", e)?;
    let bo = match bo {
        Some(b) => int::as_i64(b)?,
        None => 0,
    };
    let bo = bo.signum() as i32;
    pair(
        cc::encode(s, Codec::Utf16(bo), errs)?,
        pystr::len(s) as usize,
    )
});

builtin!(utf_32_encode, |args, kws| {
    let [s, e, bo] = bind(
        "utf_32_encode",
        args,
        &kws,
        ["str", "errors", "byteorder"],
        1,
    )?;
    let s = str_arg("utf_32_encode", 1, s)?;
    let errs = errors_arg("utf_32_encode", e)?;
    let bo = match bo {
        Some(b) => int::as_i64(b)?,
        None => 0,
    };
    let bo = bo.signum() as i32;
    pair(
        cc::encode(s, Codec::Utf32(bo), errs)?,
        pystr::len(s) as usize,
    )
});

builtin!(utf_8_decode, |args, kws| {
    let [d, e, f] = bind("utf_8_decode", args, &kws, ["data", "errors", "final"], 1)?;
    let data = data_arg(d)?;
    let errs = errors_arg("utf_8_decode", e)?;
    let (s, n) = cc::decode_utf8(&data, errs, bool_arg(f, false)?)?;
    pair(s, n)
});

builtin!(utf_7_encode, |args, kws| {
    let [s, e] = bind("utf_7_encode", args, &kws, ["str", "errors"], 1)?;
    let s = str_arg("utf_7_encode", 1, s)?;
    errors_arg("utf_7_encode", e)?;
    pair(
        crate::object::codecs_utf7::encode(s)?,
        pystr::len(s) as usize,
    )
});

builtin!(utf_7_decode, |args, kws| {
    let [d, e, f] = bind("utf_7_decode", args, &kws, ["data", "errors", "final"], 1)?;
    let data = data_arg(d)?;
    let errs = errors_arg("utf_7_decode", e)?;
    let (s, n) = crate::object::codecs_utf7::decode(&data, errs, bool_arg(f, false)?)?;
    pair(s, n)
});

builtin!(ascii_decode, |args, kws| {
    let [d, e] = bind("ascii_decode", args, &kws, ["data", "errors"], 1)?;
    let data = data_arg(d)?;
    let errs = errors_arg("ascii_decode", e)?;
    pair(cc::decode_ascii(&data, errs)?, data.len())
});

builtin!(latin_1_decode, |args, kws| {
    let [d, _e] = bind("latin_1_decode", args, &kws, ["data", "errors"], 1)?;
    let data = data_arg(d)?;
    pair(cc::decode_latin1(&data)?, data.len())
});

/// The UTF-16/32 decoders with a fixed (or detected) byte order.
unsafe fn utf_decode(
    fname: &str,
    wide: bool,
    bo: i32,
    args: &[*mut PyObject],
    kws: &[(&str, *mut PyObject)],
) -> PyResult<Owned> {
    // SAFETY: arguments valid.
    unsafe {
        let [d, e, f] = bind(fname, args, kws, ["data", "errors", "final"], 1)?;
        let data = data_arg(d)?;
        let errs = errors_arg(fname, e)?;
        let mut bo = bo;
        let final_ = bool_arg(f, false)?;
        let (s, n) = if wide {
            cc::decode_utf32(&data, errs, &mut bo, final_)?
        } else {
            cc::decode_utf16(&data, errs, &mut bo, final_)?
        };
        pair(s, n)
    }
}

builtin!(utf_16_decode, |args, kws| utf_decode(
    "utf_16_decode",
    false,
    0,
    args,
    &kws
));
builtin!(utf_16_le_decode, |args, kws| utf_decode(
    "utf_16_le_decode",
    false,
    -1,
    args,
    &kws
));
builtin!(utf_16_be_decode, |args, kws| utf_decode(
    "utf_16_be_decode",
    false,
    1,
    args,
    &kws
));
builtin!(utf_32_decode, |args, kws| utf_decode(
    "utf_32_decode",
    true,
    0,
    args,
    &kws
));
builtin!(utf_32_le_decode, |args, kws| utf_decode(
    "utf_32_le_decode",
    true,
    -1,
    args,
    &kws
));
builtin!(utf_32_be_decode, |args, kws| utf_decode(
    "utf_32_be_decode",
    true,
    1,
    args,
    &kws
));

/// `utf_16_ex_decode` / `utf_32_ex_decode`: also returns the byte order.
unsafe fn utf_ex_decode(
    fname: &str,
    wide: bool,
    args: &[*mut PyObject],
    kws: &[(&str, *mut PyObject)],
) -> PyResult<Owned> {
    // SAFETY: arguments valid.
    unsafe {
        let [d, e, b, f] = bind(
            fname,
            args,
            kws,
            ["data", "errors", "byteorder", "final"],
            1,
        )?;
        let data = data_arg(d)?;
        let errs = errors_arg(fname, e)?;
        let mut bo = match b {
            Some(b) => int::as_i64(b)?.signum() as i32,
            None => 0,
        };
        let final_ = bool_arg(f, false)?;
        let (s, n) = if wide {
            cc::decode_utf32(&data, errs, &mut bo, final_)?
        } else {
            cc::decode_utf16(&data, errs, &mut bo, final_)?
        };
        let n = int::from_i64(n as i64)?;
        let bo = int::from_i64(bo as i64)?;
        tuple::pack(&[s.as_ptr(), n.as_ptr(), bo.as_ptr()])
    }
}

builtin!(utf_16_ex_decode, |args, kws| utf_ex_decode(
    "utf_16_ex_decode",
    false,
    args,
    &kws
));
builtin!(utf_32_ex_decode, |args, kws| utf_ex_decode(
    "utf_32_ex_decode",
    true,
    args,
    &kws
));

builtin!(unicode_escape_decode, |args, kws| {
    let [d, e, f] = bind(
        "unicode_escape_decode",
        args,
        &kws,
        ["data", "errors", "final"],
        1,
    )?;
    let data = match d {
        Some(s) if pystr::check(s) => pystr::as_str(s)?.as_bytes().to_vec(),
        _ => data_arg(d)?.into_owned(),
    };
    let errs = errors_arg("unicode_escape_decode", e)?;
    // Not final: an escape cut short at the end waits for more data.
    let end = if bool_arg(f, true)? {
        data.len()
    } else {
        cc::incomplete_escape(&data, false).unwrap_or(data.len())
    };
    pair(cc::decode_unicode_escape(&data[..end], errs)?, end)
});

builtin!(raw_unicode_escape_decode, |args, kws| {
    let [d, e, f] = bind(
        "raw_unicode_escape_decode",
        args,
        &kws,
        ["data", "errors", "final"],
        1,
    )?;
    let data = match d {
        Some(s) if pystr::check(s) => pystr::as_str(s)?.as_bytes().to_vec(),
        _ => data_arg(d)?.into_owned(),
    };
    let errs = errors_arg("raw_unicode_escape_decode", e)?;
    // Not final: an escape cut short at the end waits for more data.
    let end = if bool_arg(f, true)? {
        data.len()
    } else {
        cc::incomplete_escape(&data, true).unwrap_or(data.len())
    };
    pair(cc::decode_raw_unicode_escape(&data[..end], errs)?, end)
});

builtin!(escape_encode, |args, kws| {
    let [d, _e] = bind("escape_encode", args, &kws, ["data", "errors"], 1)?;
    let d = d.unwrap_or(null_mut());
    if !bytes::check(d) {
        return Err(errors::type_error(format!(
            "escape_encode() argument 1 must be bytes, not {}",
            typeobj::type_name(d)
        )));
    }
    let data = bytes::as_slice(d);
    let mut out = Vec::with_capacity(data.len());
    for &b in data {
        match b {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\'' => out.extend_from_slice(b"\\'"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            0x20..=0x7e => out.push(b),
            _ => out.extend_from_slice(format!("\\x{b:02x}").as_bytes()),
        }
    }
    pair(bytes::from_slice(&out)?, data.len())
});

builtin!(escape_decode, |args, kws| {
    let [d, e] = bind("escape_decode", args, &kws, ["data", "errors"], 1)?;
    let data = match d {
        Some(s) if pystr::check(s) => pystr::as_str(s)?.as_bytes().to_vec(),
        _ => data_arg(d)?.into_owned(),
    };
    let errs = errors_arg("escape_decode", e)?;
    let out = charmap::unescape_bytes(&data, errs)?;
    pair(bytes::from_slice(&out)?, data.len())
});

builtin!(readbuffer_encode, |args, kws| {
    let [d, _e] = bind("readbuffer_encode", args, &kws, ["data", "errors"], 1)?;
    let data = match d {
        Some(s) if pystr::check(s) => pystr::as_str(s)?.as_bytes().to_vec(),
        _ => data_arg(d)?.into_owned(),
    };
    let n = data.len();
    pair(bytes::from_slice(&data)?, n)
});

builtin!(codecs_register, |args, kws| {
    let [f] = bind("register", args, &kws, ["search_function"], 1)?;
    registry::register(f.unwrap_or(null_mut()))?;
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(codecs_unregister, |args, kws| {
    let [f] = bind("unregister", args, &kws, ["search_function"], 1)?;
    registry::unregister(f.unwrap_or(null_mut()))?;
    Ok(Owned::from_borrowed_static(none::none()))
});

/// An encoding-name argument.
unsafe fn name_arg<'a>(fname: &str, o: Option<*mut PyObject>) -> PyResult<&'a str> {
    // SAFETY: o valid.
    unsafe {
        let o = str_arg(fname, 1, o)?;
        let s = pystr::as_str(o)?;
        if s.contains('\0') {
            return Err(errors::value_error("embedded null character"));
        }
        Ok(s)
    }
}

builtin!(codecs_lookup, |args, kws| {
    let [e] = bind("lookup", args, &kws, ["encoding"], 1)?;
    registry::lookup(name_arg("lookup", e)?)
});

builtin!(codecs_forget, |args, kws| {
    let [e] = bind("_forget_codec", args, &kws, ["encoding"], 1)?;
    registry::forget(name_arg("_forget_codec", e)?)?;
    Ok(Owned::from_borrowed_static(none::none()))
});

/// The encoding argument of `encode`/`decode` (UTF-8 when absent).
unsafe fn enc_arg<'a>(fname: &str, o: Option<*mut PyObject>) -> PyResult<&'a str> {
    // SAFETY: o valid when present.
    unsafe {
        match o {
            None => Ok("utf-8"),
            Some(o) if pystr::check(o) => pystr::as_str(o),
            Some(o) => Err(errors::type_error(format!(
                "{fname}() argument 'encoding' must be str, not {}",
                typeobj::type_name(o)
            ))),
        }
    }
}

builtin!(codecs_encode, |args, kws| {
    let [o, e, r] = bind("encode", args, &kws, ["obj", "encoding", "errors"], 1)?;
    let enc = enc_arg("encode", e)?;
    let errs = errors_arg("encode", r)?;
    registry::encode(o.unwrap_or(null_mut()), enc, errs)
});

builtin!(codecs_decode, |args, kws| {
    let [o, e, r] = bind("decode", args, &kws, ["obj", "encoding", "errors"], 1)?;
    let enc = enc_arg("decode", e)?;
    let errs = errors_arg("decode", r)?;
    registry::decode(o.unwrap_or(null_mut()), enc, errs)
});

builtin!(codecs_lookup_error, |args, kws| {
    let [n] = bind("lookup_error", args, &kws, ["name"], 1)?;
    registry::lookup_error(name_arg("lookup_error", n)?)
});

builtin!(codecs_register_error, |args, kws| {
    let [n, h] = bind("register_error", args, &kws, ["errors", "handler"], 2)?;
    let n = str_arg("register_error", 1, n)?;
    registry::register_error(n, h.unwrap_or(null_mut()))?;
    Ok(Owned::from_borrowed_static(none::none()))
});

const FK: libc::c_int = METH_FASTCALL | METH_KEYWORDS;

macro_rules! table {
    ($($name:literal => $f:ident),* $(,)?) => {
        static mut CODECS_METHODS: [PyMethodDef; [$($name),*].len() + 1] = [
            $(method($name, $f as *const c_void, FK),)*
            METHOD_END,
        ];
    };
}

table! {
    c"register" => codecs_register,
    c"unregister" => codecs_unregister,
    c"lookup" => codecs_lookup,
    c"encode" => codecs_encode,
    c"decode" => codecs_decode,
    c"_forget_codec" => codecs_forget,
    c"lookup_error" => codecs_lookup_error,
    c"register_error" => codecs_register_error,
    c"utf_8_encode" => utf_8_encode,
    c"utf_8_decode" => utf_8_decode,
    c"utf_7_encode" => utf_7_encode,
    c"utf_7_decode" => utf_7_decode,
    c"ascii_encode" => ascii_encode,
    c"ascii_decode" => ascii_decode,
    c"latin_1_encode" => latin_1_encode,
    c"latin_1_decode" => latin_1_decode,
    c"utf_16_encode" => utf_16_encode,
    c"utf_16_decode" => utf_16_decode,
    c"utf_16_le_encode" => utf_16_le_encode,
    c"utf_16_le_decode" => utf_16_le_decode,
    c"utf_16_be_encode" => utf_16_be_encode,
    c"utf_16_be_decode" => utf_16_be_decode,
    c"utf_16_ex_decode" => utf_16_ex_decode,
    c"utf_32_encode" => utf_32_encode,
    c"utf_32_decode" => utf_32_decode,
    c"utf_32_le_encode" => utf_32_le_encode,
    c"utf_32_le_decode" => utf_32_le_decode,
    c"utf_32_be_encode" => utf_32_be_encode,
    c"utf_32_be_decode" => utf_32_be_decode,
    c"utf_32_ex_decode" => utf_32_ex_decode,
    c"unicode_escape_encode" => unicode_escape_encode,
    c"unicode_escape_decode" => unicode_escape_decode,
    c"raw_unicode_escape_encode" => raw_unicode_escape_encode,
    c"raw_unicode_escape_decode" => raw_unicode_escape_decode,
    c"escape_encode" => escape_encode,
    c"escape_decode" => escape_decode,
    c"readbuffer_encode" => readbuffer_encode,
    c"charmap_encode" => charmap_encode,
    c"charmap_decode" => charmap_decode,
    c"charmap_build" => charmap_build,
}

use charmap::{charmap_build, charmap_decode, charmap_encode};

/// `PyInit__codecs`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: the method table is static.
        unsafe {
            let m = crate::object::module::new(crate::interned!("_codecs"))?;
            let d = crate::object::module::dict_of(m.as_ptr());
            let table = &raw mut CODECS_METHODS;
            for i in 0..(*table).len() - 1 {
                let ml = (table as *mut PyMethodDef).add(i);
                let f = crate::object::methodobject::new(
                    ml,
                    m.as_ptr(),
                    crate::interned!("_codecs"),
                    null_mut(),
                )?;
                dict::set_item(d, pystr::intern_cstr((*ml).ml_name)?, f.as_ptr())?;
            }
            Ok(m)
        }
    })
}
