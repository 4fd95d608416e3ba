//! `bytes % args` and `bytearray % args` (PEP 461, CPython's
//! `_PyBytes_FormatEx`). Numeric conversions are delegated to the str
//! formatter one specifier at a time (their output is ASCII), as are
//! `%r`/`%a`; `%s`/`%b` and `%c` are handled here.
use crate::ffi::*;
use crate::object::bytes_methods::{bytes_like, make};
use crate::object::typeobj::type_name;
use crate::object::{bytearray, bytes, int, none, number, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;

/// The arguments of one `%` operation: a tuple consumed in order, or a
/// single object, or a mapping for `%(key)s`.
struct Args {
    items: Vec<*mut PyObject>,
    next: usize,
    mapping: *mut PyObject,
}

impl Args {
    fn take(&mut self) -> PyResult<*mut PyObject> {
        let a = self.items.get(self.next).copied();
        self.next += 1;
        a.ok_or_else(|| errors::type_error("not enough arguments for format string"))
    }
}

/// Pads `body` to `width` (left-justified with `-`).
fn pad(body: &[u8], width: usize, left: bool) -> PyResult<Vec<u8>> {
    if body.len() >= width {
        return Ok(body.to_vec());
    }
    let mut out = Vec::new();
    crate::object::str_format::reserve(&mut out, width)?;
    if left {
        out.extend_from_slice(body);
        out.resize(width, b' ');
    } else {
        out.resize(width - body.len(), b' ');
        out.extend_from_slice(body);
    }
    Ok(out)
}

/// `%s`/`%b`: a bytes-like object or one with `__bytes__`.
unsafe fn bytes_of(v: *mut PyObject) -> PyResult<Vec<u8>> {
    // SAFETY: v valid.
    unsafe {
        if let Some(b) = bytes_like(v)? {
            return Ok(b.into_owned());
        }
        if !crate::object::typeobj::lookup_str((*v).ob_type, "__bytes__").is_null() {
            let r = protocol::call_method_obj(v, "__bytes__", &[])?;
            if !bytes::check(r.as_ptr()) {
                return Err(errors::type_error(format!(
                    "__bytes__ returned non-bytes (type {})",
                    type_name(r.as_ptr())
                )));
            }
            return Ok(bytes::as_slice(r.as_ptr()).to_vec());
        }
        Err(errors::type_error(format!(
            "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
            type_name(v)
        )))
    }
}

/// Formats `fmt` (the receiver's bytes) with `args`.
pub unsafe fn format(fmt: &[u8], args: *mut PyObject) -> PyResult<Vec<u8>> {
    // SAFETY: args valid.
    unsafe {
        let is_tuple = tuple::check(args);
        let mapping = if !is_tuple
            && !bytes::check(args)
            && !bytearray::check(args)
            && !pystr::check(args)
            && !(*(*args).ob_type).tp_as_mapping.is_null()
            && (*(*(*args).ob_type).tp_as_mapping).mp_subscript.is_some()
        {
            args
        } else {
            std::ptr::null_mut()
        };
        let mut a = Args {
            items: if is_tuple {
                tuple::items(args).to_vec()
            } else {
                vec![args]
            },
            next: 0,
            mapping,
        };
        let mut out = Vec::with_capacity(fmt.len() + 16);
        let mut used_mapping = false;
        let mut i = 0;
        while i < fmt.len() {
            if fmt[i] != b'%' {
                let start = i;
                while i < fmt.len() && fmt[i] != b'%' {
                    i += 1;
                }
                out.extend_from_slice(&fmt[start..i]);
                continue;
            }

            i += 1;
            let mut arg: Option<*mut PyObject> = None;
            let mut key_owner: Option<Owned> = None;
            if fmt.get(i) == Some(&b'(') {
                if a.mapping.is_null() {
                    return Err(errors::type_error("format requires a mapping"));
                }
                let mut depth = 1;
                let k0 = i + 1;
                i += 1;
                while i < fmt.len() && depth > 0 {
                    match fmt[i] {
                        b'(' => depth += 1,
                        b')' => depth -= 1,
                        _ => {}
                    }
                    i += 1;
                }
                if depth > 0 {
                    return Err(errors::value_error("incomplete format key"));
                }
                let key = bytes::from_slice(&fmt[k0..i - 1])?;
                let v = protocol::get_item(a.mapping, key.as_ptr())?;
                arg = Some(v.as_ptr());
                key_owner = Some(v);
                used_mapping = true;
            }
            let mut flags = Vec::new();
            while let Some(&c @ (b'-' | b'+' | b' ' | b'#' | b'0')) = fmt.get(i) {
                flags.push(c);
                i += 1;
            }
            let mut width: Option<usize> = None;
            if fmt.get(i) == Some(&b'*') {
                let (w, left) = crate::object::str_format::star_width(a.take()?)?;
                if left {
                    flags.push(b'-');
                }
                width = Some(w);
                i += 1;
            } else {
                let s = i;
                while i < fmt.len() && fmt[i].is_ascii_digit() {
                    i += 1;
                }
                if i > s {
                    let digits = fmt[s..i].iter().map(|&c| c as u32);
                    width = Some(crate::object::str_format::percent_number(digits, "width")?);
                }
            }
            let mut prec: Option<usize> = None;
            if fmt.get(i) == Some(&b'.') {
                i += 1;
                if fmt.get(i) == Some(&b'*') {
                    prec = Some(crate::object::str_format::star_precision(a.take()?)?);
                    i += 1;
                } else {
                    let s = i;
                    while i < fmt.len() && fmt[i].is_ascii_digit() {
                        i += 1;
                    }
                    let digits = fmt[s..i].iter().map(|&c| c as u32);
                    prec = Some(crate::object::str_format::percent_precision(
                        digits, "prec",
                    )?);
                }
            }
            while let Some(b'h' | b'l' | b'L') = fmt.get(i) {
                i += 1;
            }
            let Some(&conv) = fmt.get(i) else {
                return Err(errors::value_error("incomplete format"));
            };
            i += 1;
            if conv == b'%' {
                out.push(b'%');
                continue;
            }
            let v = match arg {
                Some(v) => v,
                None => a.take()?,
            };
            let left = flags.contains(&b'-');
            let w = width.unwrap_or(0);
            match conv {
                b's' | b'b' => {
                    let b = bytes_of(v)?;
                    let b = &b[..prec.map_or(b.len(), |p| p.min(b.len()))];
                    out.extend_from_slice(&pad(b, w, left)?);
                }
                b'c' => {
                    let c = if let Some(b) = bytes_like(v)?.filter(|b| b.len() == 1) {
                        b[0]
                    } else {
                        let bad = || {
                            errors::type_error(
                                "%c requires an integer in range(256) or a single byte",
                            )
                        };
                        let nb = (*(*v).ob_type).tp_as_number;
                        if !int::check(v) && (nb.is_null() || (*nb).nb_index.is_none()) {
                            return Err(bad());
                        }
                        let n = number::index(v)?;
                        match int::as_i64(n.as_ptr()) {
                            Ok(x) if (0..256).contains(&x) => x as u8,
                            Ok(_) => {
                                return Err(errors::overflow_error("%c arg not in range(256)"));
                            }
                            Err(_) => {
                                errors::clear();
                                return Err(errors::overflow_error("%c arg not in range(256)"));
                            }
                        }
                    };
                    out.extend_from_slice(&pad(&[c], w, left)?);
                }
                b'd' | b'i' | b'u' | b'o' | b'x' | b'X' | b'e' | b'E' | b'f' | b'F' | b'g'
                | b'G' | b'r' | b'a' => {
                    // One specifier through the str formatter (numbers and
                    // `ascii()` give ASCII); `%u` is `%d`, `%r` is `%a`.
                    let mut spec = String::from("%");
                    spec.extend(flags.iter().map(|&f| f as char));
                    if let Some(w) = width {
                        spec.push_str(&w.to_string());
                    }
                    if let Some(p) = prec {
                        spec.push('.');
                        spec.push_str(&p.to_string());
                    }
                    spec.push(match conv {
                        b'u' => 'd',
                        b'r' => 'a',
                        c => c as char,
                    });
                    let spec = pystr::from_str(&spec)?;
                    let one = tuple::pack(&[v])?;
                    let r = crate::object::str_format::percent_format(spec.as_ptr(), one.as_ptr())?;
                    out.extend_from_slice(pystr::as_str(r.as_ptr())?.as_bytes());
                }
                other => {
                    return Err(errors::value_error(format!(
                        "unsupported format character '{}' (0x{:x}) at index {}",
                        other as char,
                        other,
                        i - 1
                    )));
                }
            }
            drop(key_owner);
        }
        if !used_mapping && a.mapping.is_null() && a.next < a.items.len() {
            return Err(errors::type_error(
                "not all arguments converted during bytes formatting",
            ));
        }
        Ok(out)
    }
}

/// The `nb_remainder` slot of `bytes` and `bytearray`.
pub unsafe extern "C" fn bytes_mod(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: a and b valid.
        unsafe {
            if !bytes::check(a) && !bytearray::check(a) {
                return Ok(Owned::from_borrowed_static(none::not_implemented()));
            }
            let fmt = crate::object::bytes_methods::data(a).to_vec();
            let out = format(&fmt, b)?;
            make(a, &out)
        }
    })
}
