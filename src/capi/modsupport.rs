//! `Py_BuildValue` (the Rust half of the variadic shim in `variadic.c`) and
//! the calls built on it (`PyObject_CallFunction`, `PyObject_CallMethod`).
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::{bool as pybool, bytes, dict, float, int, none, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_char, c_void};
use std::ffi::CStr;
use std::ptr::null_mut;

/// The C type of a variadic argument, as `_Ferrython_VaArg` in
/// `variadic.c` numbers them.
#[derive(Clone, Copy)]
enum VaKind {
    Int,
    UInt,
    Long,
    ULong,
    LongLong,
    ULongLong,
    SSize,
    Double,
    Pointer,
}

extern "C" {
    /// The next argument of a `va_list`, of the C type `kind` names,
    /// widened to 64 bits (`variadic.c`).
    fn _Ferrython_VaArg(va: *mut c_void, kind: libc::c_int) -> u64;
}

/// The C type a format unit's argument has (`#` lengths are
/// `Py_ssize_t`); `None` for a character that takes no argument or is
/// unknown.
fn unit_kind(c: u8) -> Option<VaKind> {
    Some(match c {
        b'i' | b'b' | b'h' | b'B' | b'H' | b'c' | b'C' | b'p' => VaKind::Int,
        b'I' => VaKind::UInt,
        b'l' => VaKind::Long,
        b'k' => VaKind::ULong,
        b'L' => VaKind::LongLong,
        b'K' => VaKind::ULongLong,
        b'n' => VaKind::SSize,
        b'd' | b'f' => VaKind::Double,
        b's' | b'z' | b'y' | b'u' | b'U' | b'S' | b'N' | b'O' => VaKind::Pointer,
        _ => return None,
    })
}

/// Walks a `Py_BuildValue` format, reading its arguments from the caller's
/// `va_list` as it goes.
struct Builder<'a> {
    fmt: &'a [u8],
    pos: usize,
    /// The caller's `va_list *`, positioned at the next unit's argument.
    va: *mut c_void,
    /// Sizes of the first tuple groups, from [`scan`], and the ordinal of
    /// the next `(` to build.
    tuples: [u32; MAX_KNOWN_TUPLES],
    known_tuples: usize,
    next_tuple: usize,
}

impl Builder<'_> {
    /// The next argument, of C type `kind`.
    fn arg(&mut self, kind: VaKind) -> u64 {
        // SAFETY: the format says the next argument has this type (the
        // caller's contract with Py_BuildValue).
        unsafe { _Ferrython_VaArg(self.va, kind as libc::c_int) }
    }

    fn ptr<T>(&mut self) -> *mut T {
        self.arg(VaKind::Pointer) as usize as *mut T
    }

    /// The argument of integer unit `c`, as a signed value.
    fn int(&mut self, c: u8) -> i64 {
        self.arg(unit_kind(c).unwrap_or(VaKind::Int)) as i64
    }

    /// A `#` length after a string unit, if present.
    fn length(&mut self) -> Option<isize> {
        if self.fmt.get(self.pos) == Some(&b'#') {
            self.pos += 1;
            return Some(self.arg(VaKind::SSize) as isize);
        }
        None
    }

    fn skip_separators(&mut self) {
        while matches!(self.fmt.get(self.pos), Some(b',' | b' ' | b'\t' | b':')) {
            self.pos += 1;
        }
    }

    /// Items up to (not including) `end` (0 for the end of the format).
    fn items(&mut self, end: u8) -> PyResult<Vec<Owned>> {
        let mut out = Vec::new();
        self.each(end, |v| {
            out.push(v);
            Ok(())
        })?;
        Ok(out)
    }

    /// Hands each item up to (not including) `end` (0 for the end of the
    /// format) to `sink`.
    fn each(&mut self, end: u8, mut sink: impl FnMut(Owned) -> PyResult<()>) -> PyResult<()> {
        loop {
            self.skip_separators();
            match self.fmt.get(self.pos) {
                None if end == 0 => return Ok(()),
                None => return Err(errors::system_error("Unmatched paren in format")),
                Some(&c) if c == end => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(_) => match self.item() {
                    Ok(v) => sink(v)?,
                    Err(e) => {
                        if self.bad_char_in_sequence(end) {
                            return Err(errors::system_error("Unmatched paren in format"));
                        }
                        return Err(e);
                    }
                },
            }
        }
    }

    /// A tuple of the `n` items up to `end`, filled in place.
    fn tuple_of(&mut self, n: usize, end: u8) -> PyResult<Owned> {
        let t = tuple::new_uninit(n as Py_ssize_t)?;
        let mut i = 0;
        self.each(end, |v| {
            if i >= n {
                return Err(errors::system_error("bad format passed to Py_BuildValue"));
            }
            // SAFETY: t is a new tuple with n slots, slot i still NULL.
            unsafe { *tuple::items_ptr(t.as_ptr()).add(i) = v.into_raw() };
            i += 1;
            Ok(())
        })?;
        if i != n {
            return Err(errors::system_error("bad format passed to Py_BuildValue"));
        }
        Ok(t)
    }

    /// The number of items of the group that starts at the current
    /// position (just after its opening bracket).
    fn group_len(&self) -> usize {
        let rest = &self.fmt[self.pos..];
        let mut depth = 0i32;
        let close = rest
            .iter()
            .position(|&c| {
                match c {
                    b'(' | b'[' | b'{' => depth += 1,
                    b')' | b']' | b'}' => {
                        if depth == 0 {
                            return true;
                        }
                        depth -= 1;
                    }
                    _ => {}
                }
                false
            })
            .unwrap_or(rest.len());
        count_items(&rest[..close])
    }

    /// Whether the failing item was an unknown format character inside a
    /// group or a multi-item format (CPython then reports the group as
    /// unmatched, since it cannot skip the character).
    fn bad_char_in_sequence(&self, end: u8) -> bool {
        let stuck = self.fmt.get(self.pos).is_some_and(|c| {
            !b"()[]{},: \t".contains(c) && !b"ibhBHIlkLKnpcCdfszUyuNOSD".contains(c)
        });
        stuck && (end != 0 || count_items(self.fmt) > 1)
    }

    /// Bytes of a C string of `len` bytes (-1: up to the NUL).
    unsafe fn c_bytes<'b>(p: *const c_char, len: Option<isize>) -> &'b [u8] {
        // SAFETY: p points at len bytes, or at a NUL-terminated string.
        unsafe {
            match len {
                Some(n) if n >= 0 => std::slice::from_raw_parts(p.cast(), n as usize),
                _ => CStr::from_ptr(p).to_bytes(),
            }
        }
    }

    fn item(&mut self) -> PyResult<Owned> {
        let c = self.fmt[self.pos];
        self.pos += 1;
        match c {
            b'(' => {
                let i = self.next_tuple;
                self.next_tuple += 1;
                let n = if i < self.known_tuples {
                    self.tuples[i] as usize
                } else {
                    self.group_len()
                };
                self.tuple_of(n, b')')
            }
            b'[' => crate::object::list::from_vec(self.items(b']')?),
            b'{' => {
                let items = self.items(b'}')?;
                if items.len() % 2 != 0 {
                    return Err(errors::system_error("Bad dict format"));
                }
                let d = dict::new()?;
                for kv in items.chunks(2) {
                    // SAFETY: d is a new dict; keys and values are valid.
                    unsafe { dict::set_item(d.as_ptr(), kv[0].as_ptr(), kv[1].as_ptr())? };
                }
                Ok(d)
            }
            b'b' | b'B' | b'h' | b'H' | b'i' | b'l' | b'L' | b'n' => int::from_i64(self.int(c)),
            b'I' => {
                let v = self.arg(VaKind::UInt) as u32;
                int::from_u64(v as u64)
            }
            b'k' => int::from_u64(self.arg(VaKind::ULong)),
            b'K' => int::from_u64(self.arg(VaKind::ULongLong)),
            b'p' => Ok(Owned::from_borrowed_static(pybool::from_bool(
                self.int(c) != 0,
            ))),
            b'c' => bytes::from_slice(&[self.int(c) as u8]),
            b'C' => {
                let cp = self.int(c);
                match u32::try_from(cp).ok().filter(|&c| c <= 0x10ffff) {
                    // SAFETY: one code point in range.
                    Some(c) => unsafe { pystr::from_code_points(std::iter::once(c), 1, c) },
                    None => Err(errors::value_error(format!(
                        "character U+{cp:x} is not in range [U+0000; U+10ffff]"
                    ))),
                }
            }
            b'd' | b'f' => float::from_f64(f64::from_bits(self.arg(VaKind::Double))),
            b's' | b'z' | b'U' | b'y' => {
                let p: *const c_char = self.ptr();
                let len = self.length();
                if p.is_null() {
                    return Ok(Owned::from_borrowed_static(none::none()));
                }
                // SAFETY: p is a C string or a buffer of len bytes.
                let data = unsafe { Self::c_bytes(p, len) };
                if c == b'y' {
                    bytes::from_slice(data)
                } else {
                    pystr::from_utf8(data)
                }
            }
            b'u' => {
                let p: *const libc::wchar_t = self.ptr();
                let len = self.length();
                if p.is_null() {
                    return Ok(Owned::from_borrowed_static(none::none()));
                }
                // SAFETY: p is a wide string of len characters or NUL-terminated.
                let wide = unsafe {
                    let n = match len {
                        Some(n) if n >= 0 => n as usize,
                        _ => libc::wcslen(p),
                    };
                    std::slice::from_raw_parts(p, n)
                };
                let maxc = wide.iter().map(|&w| w as u32).max().unwrap_or(0);
                if maxc > 0x10ffff {
                    return Err(errors::value_error(
                        "character is not in range [U+0000; U+10ffff]",
                    ));
                }
                // SAFETY: all code points checked in range.
                unsafe { pystr::from_code_points(wide.iter().map(|&w| w as u32), wide.len(), maxc) }
            }
            b'N' | b'O' | b'S' => {
                if c == b'O' && self.fmt.get(self.pos) == Some(&b'&') {
                    self.pos += 1;
                    let conv: Option<unsafe extern "C" fn(*mut c_void) -> *mut PyObject> =
                        // SAFETY: O& takes a converter function pointer.
                        unsafe { std::mem::transmute(self.ptr::<c_void>()) };
                    let data: *mut c_void = self.ptr();
                    let Some(conv) = conv else {
                        return Err(errors::system_error(
                            "NULL converter passed to Py_BuildValue",
                        ));
                    };
                    // SAFETY: the converter returns a new reference or NULL.
                    return unsafe { errors::check(conv(data)) };
                }
                let p: *mut PyObject = self.ptr();
                if p.is_null() {
                    if errors::occurred().is_null() {
                        return Err(errors::system_error("NULL object passed to Py_BuildValue"));
                    }
                    return Err(errors::Raised::assume());
                }
                // SAFETY: N hands over a reference; O and S lend one.
                unsafe {
                    Ok(if c == b'N' {
                        Owned::from_raw_unchecked(p)
                    } else {
                        Owned::from_borrowed(p)
                    })
                }
            }
            _ => {
                // Left unconsumed: a sequence around it then reports the
                // unmatched group, as CPython does.
                self.pos -= 1;
                Err(errors::system_error(
                    "bad format char passed to Py_BuildValue",
                ))
            }
        }
    }

    /// After an error: reads the remaining arguments and releases the
    /// references that `N` units would have handed over, as CPython does.
    /// Stops at a character it does not know (its argument's type is
    /// unknown).
    fn release_remaining_steals(&mut self) {
        while let Some(&c) = self.fmt.get(self.pos) {
            self.pos += 1;
            if b"()[]{}, \t:".contains(&c) {
                continue;
            }
            let Some(kind) = unit_kind(c) else { return };
            let v = self.arg(kind);
            match (c, self.fmt.get(self.pos)) {
                (b's' | b'z' | b'U' | b'y' | b'u', Some(b'#')) => {
                    self.pos += 1;
                    self.arg(VaKind::SSize);
                }
                (b'O', Some(b'&')) => {
                    self.pos += 1;
                    self.arg(VaKind::Pointer);
                }
                // SAFETY: an N argument is an owned reference or NULL.
                (b'N', _) => unsafe {
                    crate::object::refcount::xdecref(v as usize as *mut PyObject)
                },
                _ => {}
            }
        }
    }
}

/// Number of top-level items in a format, or `None` when its brackets do
/// not balance (`countformat`).
fn count_items(fmt: &[u8]) -> usize {
    let mut depth = 0i32;
    let mut n = 0;
    for (i, &c) in fmt.iter().enumerate() {
        match c {
            b'(' | b'[' | b'{' => {
                if depth == 0 {
                    n += 1;
                }
                depth += 1;
            }
            b')' | b']' | b'}' => depth -= 1,
            b'#' | b'&' | b',' | b':' | b' ' | b'\t' => {}
            _ if depth == 0 && !(i > 0 && fmt[i - 1] == b'O' && c == b'&') => n += 1,
            _ => {}
        }
    }
    n
}

/// What one pass over a format learns before anything is built.
struct Scan {
    /// Top-level items (as [`count_items`]).
    count: usize,
    /// Item counts of the first `known` tuple groups, in the order their
    /// `(` appear, so building a tuple need not count its group again.
    tuples: [u32; MAX_KNOWN_TUPLES],
    known: usize,
}

/// Tuple groups whose sizes one scan records.
const MAX_KNOWN_TUPLES: usize = 8;

/// Scans a format once: its top-level item count and the sizes of its first
/// tuple groups, or `None` when its brackets do not balance.
fn scan(fmt: &[u8]) -> Option<Scan> {
    // Per open bracket: the expected closing bracket and, for a recorded
    // tuple group, its index in `tuples` (NONE otherwise). The first few
    // levels inline, deeper ones (rare) in a vector.
    const INLINE: usize = 16;
    const NONE: u8 = u8::MAX;
    let mut inline = [(0u8, NONE); INLINE];
    let mut deeper = Vec::new();
    let mut depth = 0;
    let mut out = Scan {
        count: 0,
        tuples: [0; MAX_KNOWN_TUPLES],
        known: 0,
    };
    // Set once a tuple group goes unrecorded: later groups' ordinals would
    // no longer match their index.
    let mut recording = true;
    for &c in fmt {
        let close = match c {
            b'(' => b')',
            b'[' => b']',
            b'{' => b'}',
            b')' | b']' | b'}' => {
                if depth == 0 {
                    return None;
                }
                depth -= 1;
                let want = if depth < INLINE {
                    inline[depth].0
                } else {
                    deeper.pop().unwrap_or(0)
                };
                if want != c {
                    return None;
                }
                continue;
            }
            b'#' | b'&' | b',' | b':' | b' ' | b'\t' => continue,
            _ => {
                out.count_item(depth, &inline);
                continue;
            }
        };
        out.count_item(depth, &inline);
        let mut slot = NONE;
        if c == b'(' && recording {
            if depth < INLINE && out.known < MAX_KNOWN_TUPLES {
                slot = out.known as u8;
                out.known += 1;
            } else {
                recording = false;
            }
        }
        if depth < INLINE {
            inline[depth] = (close, slot);
        } else {
            deeper.push(close);
        }
        depth += 1;
    }
    (depth == 0).then_some(out)
}

impl Scan {
    /// Counts an item found at `depth`: a top-level one, or one of the
    /// enclosing group when that group is a recorded tuple.
    #[inline]
    fn count_item(&mut self, depth: usize, open: &[(u8, u8)]) {
        if depth == 0 {
            self.count += 1;
        } else if let Some(&(_, slot)) = open.get(depth - 1) {
            if let Some(n) = self.tuples.get_mut(slot as usize) {
                *n += 1;
            }
        }
    }
}

/// Builds the value for a `Py_BuildValue` format from the arguments in
/// `va` (a `va_list *`): nothing gives `None`, one item that item, several
/// items a tuple.
///
/// # Safety
/// `va` points at a `va_list` holding the arguments `fmt` describes.
unsafe fn build_value(fmt: &[u8], va: *mut c_void) -> PyResult<Owned> {
    let mut b = Builder {
        fmt,
        pos: 0,
        va,
        tuples: [0; MAX_KNOWN_TUPLES],
        known_tuples: 0,
        next_tuple: 0,
    };
    let Some(scan) = scan(fmt) else {
        b.release_remaining_steals();
        return Err(errors::system_error("unmatched paren in format"));
    };
    b.tuples = scan.tuples;
    b.known_tuples = scan.known;
    let r = match scan.count {
        0 | 1 => {
            let mut one = None;
            b.each(0, |v| {
                if one.is_some() {
                    return Err(errors::system_error("bad format passed to Py_BuildValue"));
                }
                one = Some(v);
                Ok(())
            })
            .map(|()| one.unwrap_or_else(|| Owned::from_borrowed_static(none::none())))
        }
        n => b.tuple_of(n, 0),
    };
    match r {
        Ok(v) => Ok(v),
        Err(e) => {
            b.release_remaining_steals();
            Err(e)
        }
    }
}

/// The Rust half of `Py_BuildValue`/`Py_VaBuildValue`: builds from the
/// C caller's `va_list *`.
#[no_mangle]
pub unsafe extern "C" fn _Ferrython_BuildValueVa(
    format: *const c_char,
    va: *mut c_void,
) -> *mut PyObject {
    guard_obj(|| {
        let fmt = if format.is_null() {
            &b""[..]
        } else {
            // SAFETY: format is a C string.
            unsafe { CStr::from_ptr(format).to_bytes() }
        };
        // SAFETY: va holds the arguments the format describes.
        unsafe { build_value(fmt, va) }
    })
}

/// Calls `callable` with a built value: a tuple is the argument list,
/// anything else the single argument. Releases `built`.
#[no_mangle]
pub unsafe extern "C" fn _Ferrython_CallWithBuiltArgs(
    callable: *mut PyObject,
    built: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: built is an owned reference or NULL.
    let built = unsafe { Owned::from_raw(built) };
    crate::null_check!(callable);
    guard_obj(|| {
        // SAFETY: callable valid; built owned.
        unsafe {
            let Some(b) = built else {
                return Err(errors::bad_internal_call());
            };
            let args = if tuple::check(b.as_ptr()) {
                b
            } else {
                tuple::pack(&[b.as_ptr()])?
            };
            errors::check(crate::capi::call::call_raw(
                callable,
                args.as_ptr(),
                null_mut(),
            ))
        }
    })
}

/// `getattr(obj, name)` with a C name, for the variadic shims.
#[no_mangle]
pub unsafe extern "C" fn _Ferrython_GetAttrString(
    obj: *mut PyObject,
    name: *const c_char,
) -> *mut PyObject {
    // SAFETY: forwarded with the same contract.
    unsafe { crate::capi::object::PyObject_GetAttrString(obj, name) }
}

/// `Py_PACK_FULL_VERSION` (3.14): a version as `PY_VERSION_HEX` spells it,
/// `0xMMmmuuLS`; each field keeps only its own bits. Python.h also defines
/// it as a macro; this is the function for callers that cannot use C
/// macros.
#[no_mangle]
pub extern "C" fn Py_PACK_FULL_VERSION(
    x: libc::c_int,
    y: libc::c_int,
    z: libc::c_int,
    level: libc::c_int,
    serial: libc::c_int,
) -> u32 {
    let field = |v: libc::c_int, mask: u32, shift: u32| (v as u32 & mask) << shift;
    field(x, 0xff, 24)
        | field(y, 0xff, 16)
        | field(z, 0xff, 8)
        | field(level, 0xf, 4)
        | field(serial, 0xf, 0)
}

/// `Py_PACK_VERSION` (3.14): `Py_PACK_FULL_VERSION(x, y, 0, 0, 0)`.
#[no_mangle]
pub extern "C" fn Py_PACK_VERSION(x: libc::c_int, y: libc::c_int) -> u32 {
    Py_PACK_FULL_VERSION(x, y, 0, 0, 0)
}
