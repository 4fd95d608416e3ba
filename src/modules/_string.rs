//! The `_string` module (`Objects/unicodeobject.c`'s formatter helpers):
//! the parsing half of `str.format`, which `string.Formatter` builds on.
//! Both functions parse eagerly and return an iterator over the parts.
use crate::ffi::*;
use crate::modules::args::{arity, builtin, no_kwargs};
use crate::object::descr::{method, METHOD_END};
use crate::object::str::{self as pystr, from_ucs4, to_ucs4};
use crate::object::str_format::next_chunk;
use crate::object::{bool as pybool, int, list, none, protocol, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};

/// The str argument, or a TypeError.
unsafe fn str_arg(o: *mut PyObject) -> PyResult<Vec<u32>> {
    // SAFETY: o is a valid object.
    unsafe {
        if !pystr::check(o) {
            return Err(errors::type_error(format!(
                "expected str, got {}",
                crate::object::typeobj::type_name(o)
            )));
        }
        Ok(to_ucs4(o))
    }
}

/// A str, or None for `None`.
fn text_or_none(v: Option<&[u32]>) -> PyResult<Owned> {
    match v {
        Some(v) => from_ucs4(v),
        None => Ok(Owned::from_borrowed_static(none::none())),
    }
}

/// An iterator over the items of `v`.
fn iter_of(v: Vec<Owned>) -> PyResult<Owned> {
    let l = list::from_vec(v)?;
    // SAFETY: l is a list.
    unsafe { protocol::get_iter(l.as_ptr()) }
}

builtin!(formatter_parser, |args, kws| {
    no_kwargs("formatter_parser", &kws)?;
    arity("formatter_parser", args, 1, 1)?;
    let f = str_arg(args[0])?;
    let mut items = Vec::new();
    let mut i = 0;
    while let Some(chunk) = next_chunk(&f, &mut i)? {
        let literal = from_ucs4(chunk.literal)?;
        let (name, spec, conv) = match &chunk.field {
            Some(field) => (
                from_ucs4(field.name)?,
                from_ucs4(field.spec)?,
                text_or_none(field.conv.as_ref().map(std::slice::from_ref))?,
            ),
            None => {
                let n = Owned::from_borrowed_static(none::none());
                (n.clone(), n.clone(), n)
            }
        };
        items.push(tuple::from_vec(vec![literal, name, spec, conv])?);
    }
    iter_of(items)
});

/// A field name part: an int when it is all digits, else a str.
fn name_part(v: &[u32]) -> PyResult<Owned> {
    if !v.is_empty() && v.iter().all(|&c| (0x30..=0x39).contains(&c)) {
        let text: String = v.iter().filter_map(|&c| char::from_u32(c)).collect();
        return int::parse_text(&text, 10);
    }
    from_ucs4(v)
}

builtin!(formatter_field_name_split, |args, kws| {
    no_kwargs("formatter_field_name_split", &kws)?;
    arity("formatter_field_name_split", args, 1, 1)?;
    let name = str_arg(args[0])?;
    let first_end = name
        .iter()
        .position(|&c| c == 0x2e || c == 0x5b)
        .unwrap_or(name.len());
    let first = name_part(&name[..first_end])?;
    let mut rest = Vec::new();
    let mut i = first_end;
    while i < name.len() {
        let (is_attr, s, e, next) = if name[i] == 0x2e {
            let s = i + 1;
            let e = name[s..]
                .iter()
                .position(|&c| c == 0x2e || c == 0x5b)
                .map_or(name.len(), |o| s + o);
            (true, s, e, e)
        } else if name[i] == 0x5b {
            let s = i + 1;
            let Some(o) = name[s..].iter().position(|&c| c == 0x5d) else {
                return Err(errors::value_error("Missing ']' in format string"));
            };
            let e = s + o;
            if e + 1 < name.len() && name[e + 1] != 0x2e && name[e + 1] != 0x5b {
                return Err(errors::value_error(
                    "Only '.' or '[' may follow ']' in format field specifier",
                ));
            }
            (false, s, e, e + 1)
        } else {
            return Err(errors::value_error(
                "Only '.' or '[' may follow ']' in format field specifier",
            ));
        };
        if e == s {
            return Err(errors::value_error("Empty attribute in format string"));
        }
        let value = if is_attr {
            from_ucs4(&name[s..e])?
        } else {
            name_part(&name[s..e])?
        };
        let flag = Owned::from_borrowed_static(pybool::from_bool(is_attr));
        rest.push(tuple::from_vec(vec![flag, value])?);
        i = next;
    }
    tuple::from_vec(vec![first, iter_of(rest)?])
});

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut METHODS: [PyMethodDef; 3] = [
    method(c"formatter_parser", formatter_parser as *const c_void, FK),
    method(
        c"formatter_field_name_split",
        formatter_field_name_split as *const c_void,
        FK,
    ),
    METHOD_END,
];

static mut DEF: PyModuleDef = crate::modules::module_def::def(
    c"_string",
    c"string helper module",
    (&raw mut METHODS).cast(),
    std::ptr::null_mut(),
);

/// `PyInit__string`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    // SAFETY: DEF is a static module definition.
    unsafe { crate::capi::module::PyModuleDef_Init(&raw mut DEF) }
}
