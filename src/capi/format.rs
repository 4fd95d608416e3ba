//! `PyUnicode_FromFormat` (and so `PyErr_Format`): the Rust half of the
//! variadic functions in `variadic.c`, which hands over the arguments as an
//! array of tagged values.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::{protocol, str as pystr, typeobj};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_char;
use std::ffi::CStr;

/// A variadic argument as `variadic.c` stores it.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct FerrythonVarArg {
    pub tag: libc::c_int,
    pub v: u64,
}

/// Walks the collected arguments in order.
struct Args<'a> {
    items: &'a [FerrythonVarArg],
    next: usize,
}

impl Args<'_> {
    fn take(&mut self) -> PyResult<FerrythonVarArg> {
        let a = self.items.get(self.next).copied();
        self.next += 1;
        a.ok_or_else(|| errors::system_error("PyUnicode_FromFormatV() got too few arguments"))
    }
    fn int(&mut self) -> PyResult<i64> {
        let a = self.take()?;
        Ok(a.v as i64)
    }
    fn ptr<T>(&mut self) -> PyResult<*mut T> {
        Ok(self.take()?.v as usize as *mut T)
    }
}

/// Pads `s` to `width` characters (right-aligned unless `left`), after
/// truncating to `precision` characters.
fn pad(s: &str, width: Option<usize>, precision: Option<usize>, left: bool, zero: bool) -> String {
    let s: String = match precision {
        Some(p) => s.chars().take(p).collect(),
        None => s.to_string(),
    };
    let n = s.chars().count();
    match width {
        Some(w) if w > n => {
            let fill = w - n;
            if left {
                format!("{s}{}", " ".repeat(fill))
            } else if zero {
                let (sign, digits) = if let Some(d) = s.strip_prefix('-') {
                    ("-", d)
                } else {
                    ("", s.as_str())
                };
                format!("{sign}{}{digits}", "0".repeat(fill))
            } else {
                format!("{}{s}", " ".repeat(fill))
            }
        }
        _ => s,
    }
}

unsafe fn object_text(op: *mut PyObject, conv: u8) -> PyResult<String> {
    // SAFETY: op is a valid object (checked non-NULL by the caller).
    unsafe {
        let s = match conv {
            b'S' => protocol::str_(op)?,
            b'R' => protocol::repr(op)?,
            b'A' => {
                let r = protocol::repr(op)?;
                let text = pystr::as_str(r.as_ptr())?;
                return Ok(ascii_escape(text));
            }
            _ => Owned::from_borrowed(op),
        };
        Ok(pystr::as_str(s.as_ptr())?.to_string())
    }
}

/// Escapes non-ASCII characters as `ascii()` does.
pub fn ascii_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        let c = ch as u32;
        match c {
            0..=0x7f => out.push(ch),
            0x80..=0xff => out.push_str(&format!("\\x{c:02x}")),
            0x100..=0xffff => out.push_str(&format!("\\u{c:04x}")),
            _ => out.push_str(&format!("\\U{c:08x}")),
        }
    }
    out
}

/// Formats `fmt` with `args` per `PyUnicode_FromFormat`'s rules.
pub unsafe fn format(fmt: &[u8], args: &[FerrythonVarArg]) -> PyResult<String> {
    let mut a = Args {
        items: args,
        next: 0,
    };
    let mut out = String::new();
    let mut i = 0;
    while i < fmt.len() {
        let c = fmt[i];
        if c != b'%' {
            // Copy a run of literal bytes (the format is ASCII/UTF-8).
            let start = i;
            while i < fmt.len() && fmt[i] != b'%' {
                i += 1;
            }
            out.push_str(&String::from_utf8_lossy(&fmt[start..i]));
            continue;
        }
        let spec_start = i;
        i += 1;
        if i < fmt.len() && fmt[i] == b'%' {
            out.push('%');
            i += 1;
            continue;
        }
        let (mut left, mut zero, mut alt) = (false, false, false);
        while i < fmt.len() && matches!(fmt[i], b'-' | b'0' | b'#') {
            match fmt[i] {
                b'-' => left = true,
                b'0' => zero = true,
                _ => alt = true,
            }
            i += 1;
        }
        let mut width = None;
        if i < fmt.len() && fmt[i] == b'*' {
            let w = a.int()?;
            if w < 0 {
                left = true;
            }
            width = Some(w.unsigned_abs() as usize);
            i += 1;
        } else {
            let s = i;
            while i < fmt.len() && fmt[i].is_ascii_digit() {
                i += 1;
            }
            if i > s {
                width = std::str::from_utf8(&fmt[s..i])
                    .ok()
                    .and_then(|t| t.parse().ok());
            }
        }
        let mut precision = None;
        if i < fmt.len() && fmt[i] == b'.' {
            i += 1;
            if i < fmt.len() && fmt[i] == b'*' {
                let p = a.int()?;
                precision = (p >= 0).then_some(p as usize);
                i += 1;
            } else {
                let s = i;
                while i < fmt.len() && fmt[i].is_ascii_digit() {
                    i += 1;
                }
                precision = Some(
                    std::str::from_utf8(&fmt[s..i])
                        .ok()
                        .and_then(|t| t.parse().ok())
                        .unwrap_or(0),
                );
            }
        }
        let mut size = "";
        for m in ["ll", "l", "z", "t", "j"] {
            if fmt[i..].starts_with(m.as_bytes()) {
                size = m;
                i += m.len();
                break;
            }
        }
        let Some(&conv) = fmt.get(i) else {
            return Err(errors::value_error("incomplete format"));
        };
        i += 1;
        let text = match conv {
            b'd' | b'i' => {
                let v = a.int()?;
                let v = match size {
                    "" => v as i32 as i64,
                    _ => v,
                };
                let digits = v.unsigned_abs().to_string();
                let digits = match precision {
                    Some(p) if p > digits.len() => {
                        format!("{}{digits}", "0".repeat(p - digits.len()))
                    }
                    _ => digits,
                };
                let s = if v < 0 { format!("-{digits}") } else { digits };
                out.push_str(&pad(&s, width, None, left, zero && precision.is_none()));
                continue;
            }
            b'u' | b'x' | b'X' | b'o' => {
                let raw = a.take()?;
                let v = if size.is_empty() {
                    raw.v as u32 as u64
                } else {
                    raw.v
                };
                let digits = match conv {
                    b'u' => v.to_string(),
                    b'x' => format!("{v:x}"),
                    b'X' => format!("{v:X}"),
                    _ => format!("{v:o}"),
                };
                let digits = match precision {
                    Some(p) if p > digits.len() => {
                        format!("{}{digits}", "0".repeat(p - digits.len()))
                    }
                    _ => digits,
                };
                let digits = if alt && conv == b'x' {
                    format!("0x{digits}")
                } else if alt && conv == b'X' {
                    format!("0X{digits}")
                } else if alt && conv == b'o' {
                    format!("0o{digits}")
                } else {
                    digits
                };
                out.push_str(&pad(
                    &digits,
                    width,
                    None,
                    left,
                    zero && precision.is_none(),
                ));
                continue;
            }
            b'c' => {
                let v = a.int()?;
                match u32::try_from(v).ok().filter(|&c| c <= 0x10ffff) {
                    Some(cp) => char::from_u32(cp).map(String::from).unwrap_or_default(),
                    None => {
                        return Err(errors::overflow_error(
                            "character argument not in range(0x110000)",
                        ))
                    }
                }
            }
            b'p' => {
                let p: *mut u8 = a.ptr()?;
                format!("{p:p}")
            }
            b's' => {
                let p: *const c_char = a.ptr()?;
                if p.is_null() {
                    return Err(errors::system_error(
                        "PyUnicode_FromFormat(): %s argument is NULL",
                    ));
                }
                // SAFETY: %s takes a NUL-terminated UTF-8 string.
                let bytes = unsafe { CStr::from_ptr(p) }.to_bytes();
                let bytes = match precision {
                    Some(p) if bytes.len() > p => &bytes[..p],
                    _ => bytes,
                };
                String::from_utf8_lossy(bytes).into_owned()
            }
            b'U' | b'S' | b'R' | b'A' => {
                let o: *mut PyObject = a.ptr()?;
                if o.is_null() {
                    return Err(errors::system_error(format!(
                        "PyUnicode_FromFormat(): NULL object passed to %{}",
                        conv as char
                    )));
                }
                // SAFETY: o non-NULL.
                unsafe { object_text(o, conv)? }
            }
            b'V' => {
                let o: *mut PyObject = a.ptr()?;
                let s: *const c_char = a.ptr()?;
                if !o.is_null() {
                    // SAFETY: o is a str.
                    unsafe { pystr::as_str(o)?.to_string() }
                } else if !s.is_null() {
                    // SAFETY: s is a C string.
                    unsafe { CStr::from_ptr(s) }.to_string_lossy().into_owned()
                } else {
                    return Err(errors::system_error(
                        "PyUnicode_FromFormat(): %V with NULL object and string",
                    ));
                }
            }
            b'T' | b'N' => {
                let o: *mut PyObject = a.ptr()?;
                if o.is_null() {
                    return Err(errors::system_error(
                        "PyUnicode_FromFormat(): NULL object for %T/%N",
                    ));
                }
                // SAFETY: o valid; %N takes a type, %T an object.
                unsafe {
                    let tp = if conv == b'T' { (*o).ob_type } else { o.cast() };
                    if conv == b'N' && !typeobj::instance_of(o, &raw mut typeobj::PyType_Type) {
                        return Err(errors::type_error(format!(
                            "%N argument must be a type; got {}",
                            typeobj::type_name(o)
                        )));
                    }
                    typeobj::fully_qualified_name(tp, if alt { ":" } else { "." })?
                }
            }
            _ => {
                return Err(errors::system_error(format!(
                    "PyUnicode_FromFormatV() expects a character after %, got '{}'",
                    String::from_utf8_lossy(&fmt[spec_start..i])
                )))
            }
        };
        out.push_str(&pad(&text, width, precision, left, false));
    }
    Ok(out)
}

/// The Rust half of `PyUnicode_FromFormatV`.
#[no_mangle]
pub unsafe extern "C" fn _Ferrython_UnicodeFromFormatArgs(
    fmt: *const c_char,
    args: *const FerrythonVarArg,
    n: usize,
) -> *mut PyObject {
    crate::null_check!(fmt);
    guard_obj(|| {
        // SAFETY: fmt is a C string; args holds n entries.
        unsafe {
            let items = if n == 0 {
                &[][..]
            } else {
                std::slice::from_raw_parts(args, n)
            };
            let text = format(CStr::from_ptr(fmt).to_bytes(), items)?;
            pystr::from_str(&text)
        }
    })
}

/// Raises `exc(value)` and releases `value` (used by `PyErr_FormatV`).
#[no_mangle]
pub unsafe extern "C" fn _Ferrython_ErrSetObjectStolen(exc: *mut PyObject, value: *mut PyObject) {
    // SAFETY: value is an owned reference; exc an exception class.
    unsafe {
        let v = Owned::from_raw(value);
        if exc.is_null() {
            errors::bad_internal_call();
            return;
        }
        errors::set_object(exc, v.as_ref().map_or(std::ptr::null_mut(), |v| v.as_ptr()));
    }
}
