//! The `pyexpat` module (CPython's `Modules/pyexpat.c` over expat): an
//! XML parser of our own with expat's interface and behaviour, which
//! `xml.parsers.expat`, `xml.etree.ElementTree`, `xml.dom.minidom`,
//! `xml.sax`, `plistlib` and `xmlrpc` build on. `ParserCreate`,
//! `ErrorString`, `ExpatError`, the `errors` and `model` submodules and the
//! version constants live here; the parser type is in `parser.rs`.
mod chars;
mod content;
mod core;
mod decode;
mod dispatch;
mod dtd;
mod errors;
mod event;
mod parser;
mod prolog;
mod tags;
mod token;

use crate::ffi::*;
use crate::modules::args::{bind, builtin};
use crate::object::descr::{method, METHOD_END};
use crate::object::{dict, int, none, protocol, str as pystr, tuple};
use crate::runtime::errors::{self as rerr, PyResult};
use crate::Owned;
use libc::c_void;
use std::sync::atomic::Ordering;

builtin!(parser_create, |args, kws| {
    let [encoding, sep, intern] = bind(
        "ParserCreate",
        args,
        &kws,
        ["encoding", "namespace_separator", "intern"],
        3,
        0,
    )?;
    let is_none = |o: Option<*mut PyObject>| o.is_none_or(|p| p == none::none());
    let str_arg = |o: Option<*mut PyObject>, what: &str| -> PyResult<Option<String>> {
        match o {
            Some(p) if p != none::none() => {
                if !pystr::check(p) {
                    return Err(rerr::type_error(format!(
                        "ParserCreate() argument '{what}' must be str or None, not {}",
                        crate::object::typeobj::type_name(p)
                    )));
                }
                Ok(Some(pystr::as_str(p)?.to_string()))
            }
            _ => Ok(None),
        }
    };
    let encoding = str_arg(encoding, "encoding")?;
    let sep = match str_arg(sep, "namespace_separator")? {
        None => None,
        Some(s) => {
            let mut it = s.chars();
            match (it.next(), it.next()) {
                (None, _) => Some('\0'),
                (Some(c), None) => Some(c),
                _ => {
                    return Err(rerr::value_error(
                        "namespace_separator must be at most one character, omitted, or None",
                    ))
                }
            }
        }
    };
    let intern = match intern {
        None => Some(dict::new()?),
        Some(p) if p == none::none() => None,
        Some(p) if dict::check(p) => Some(Owned::from_borrowed(p)),
        Some(_) => return Err(rerr::type_error("intern must be a dictionary")),
    };
    let _ = is_none;
    parser::new_parser(encoding, sep, intern)
});

builtin!(error_string, |args, kws| {
    crate::modules::args::no_kwargs("ErrorString", &kws)?;
    crate::modules::args::arity("ErrorString", args, 1, 1)?;
    let c = int::as_i64(args[0])?;
    match usize::try_from(c)
        .ok()
        .and_then(|c| c.checked_sub(1))
        .and_then(|i| errors::TABLE.get(i))
    {
        Some((_, msg)) => pystr::from_str(msg),
        None => Ok(Owned::from_borrowed_static(none::none())),
    }
});

const FK: libc::c_int = METH_FASTCALL | METH_KEYWORDS;

static mut FUNCTIONS: [PyMethodDef; 3] = [
    method(c"ParserCreate", parser_create as *const c_void, FK),
    method(c"ErrorString", error_string as *const c_void, FK),
    METHOD_END,
];

/// A submodule `pyexpat.NAME` with `doc`, also put in `sys.modules`.
unsafe fn submodule(m: *mut PyObject, name: &str, doc: &str) -> PyResult<Owned> {
    // SAFETY: m is the module being made.
    unsafe {
        let full = format!("pyexpat.{name}");
        let sub = crate::object::module::new(pystr::from_str(&full)?.as_ptr())?;
        protocol::setattr(
            sub.as_ptr(),
            crate::interned!("__doc__"),
            pystr::from_str(doc)?.as_ptr(),
        )?;
        protocol::setattr(m, pystr::intern(name), sub.as_ptr())?;
        let mods = crate::modules::sys_modules();
        if !mods.is_null() {
            dict::set_item(mods, pystr::from_str(&full)?.as_ptr(), sub.as_ptr())?;
        }
        Ok(sub)
    }
}

/// `PyInit_pyexpat`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the tables and types are static.
        unsafe {
            let m =
                crate::modules::objtype::new_module("pyexpat", (&raw mut FUNCTIONS).cast(), &[])?;
            let p = m.as_ptr();
            let set = |name: &str, v: *mut PyObject| protocol::setattr(p, pystr::intern(name), v);
            set(
                "__doc__",
                pystr::from_str("Python wrapper for Expat parser.")?.as_ptr(),
            )?;
            crate::object::typeobj::ready(&raw mut parser::PARSER_TYPE)?;
            set("XMLParserType", (&raw mut parser::PARSER_TYPE).cast())?;
            let err = crate::object::exceptions::new_exception_class(
                c"xml.parsers.expat.ExpatError".as_ptr(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            )?;
            parser::EXPAT_ERROR.store(err.as_ptr(), Ordering::Relaxed);
            set("ExpatError", err.as_ptr())?;
            set("error", err.as_ptr())?;
            std::mem::forget(err);
            set("EXPAT_VERSION", pystr::from_str("expat_2.6.3")?.as_ptr())?;
            let vi = tuple::from_vec(vec![
                int::from_i64(2)?,
                int::from_i64(6)?,
                int::from_i64(3)?,
            ])?;
            set("version_info", vi.as_ptr())?;
            set("native_encoding", pystr::from_str("UTF-8")?.as_ptr())?;
            let mut feats = Vec::new();
            for (n, v) in [
                ("sizeof(XML_Char)", 1),
                ("sizeof(XML_LChar)", 1),
                ("XML_DTD", 0),
                ("XML_CONTEXT_BYTES", 1024),
                ("XML_NS", 0),
                ("XML_BLAP_MAX_AMP", 100),
                ("XML_BLAP_ACT_THRES", 8388608),
                ("XML_GE", 0),
            ] {
                feats.push(tuple::from_vec(vec![
                    pystr::from_str(n)?,
                    int::from_i64(v)?,
                ])?);
            }
            set("features", crate::object::list::from_vec(feats)?.as_ptr())?;
            for (n, v) in [
                ("XML_PARAM_ENTITY_PARSING_NEVER", 0),
                ("XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE", 1),
                ("XML_PARAM_ENTITY_PARSING_ALWAYS", 2),
            ] {
                set(n, int::from_i64(v)?.as_ptr())?;
            }
            let e = submodule(p, "errors", "Constants used to describe error conditions.")?;
            let codes = dict::new()?;
            let messages = dict::new()?;
            for (i, (name, msg)) in errors::TABLE.iter().enumerate() {
                let ms = pystr::from_str(msg)?;
                let c = int::from_i64(i as i64 + 1)?;
                protocol::setattr(e.as_ptr(), pystr::from_str(name)?.as_ptr(), ms.as_ptr())?;
                dict::set_item(codes.as_ptr(), ms.as_ptr(), c.as_ptr())?;
                dict::set_item(messages.as_ptr(), c.as_ptr(), ms.as_ptr())?;
            }
            protocol::setattr(e.as_ptr(), crate::interned!("codes"), codes.as_ptr())?;
            protocol::setattr(e.as_ptr(), crate::interned!("messages"), messages.as_ptr())?;
            let md = submodule(
                p,
                "model",
                "Constants used to interpret content model information.",
            )?;
            for (n, v) in [
                ("XML_CTYPE_EMPTY", 1),
                ("XML_CTYPE_ANY", 2),
                ("XML_CTYPE_MIXED", 3),
                ("XML_CTYPE_NAME", 4),
                ("XML_CTYPE_CHOICE", 5),
                ("XML_CTYPE_SEQ", 6),
                ("XML_CQUANT_NONE", 0),
                ("XML_CQUANT_OPT", 1),
                ("XML_CQUANT_REP", 2),
                ("XML_CQUANT_PLUS", 3),
            ] {
                protocol::setattr(md.as_ptr(), pystr::intern(n), int::from_i64(v)?.as_ptr())?;
            }
            Ok(m)
        }
    })
}
