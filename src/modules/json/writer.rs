//! The text builder of the JSON encoder and `scanstring`: characters go
//! into a byte buffer while they are all below 256 and into a `u32` buffer
//! from the first wider one; the result is a str of the narrowest kind.
//! Also the two string escapers (`encode_basestring_ascii`,
//! `encode_basestring`), which write straight into a builder.
use crate::ffi::PyObject;
use crate::object::str as pystr;
use crate::runtime::errors::PyResult;
use crate::Owned;

/// Characters of a str, by its kind.
pub enum Chars<'a> {
    One(&'a [u8]),
    Two(&'a [u16]),
    Four(&'a [u32]),
}

/// The characters of str `op`.
pub unsafe fn chars<'a>(op: *mut PyObject) -> Chars<'a> {
    // SAFETY: op is a str; its data holds len characters of its kind.
    unsafe {
        let n = pystr::len(op) as usize;
        let d = pystr::data(op);
        match pystr::kind(op) {
            1 => Chars::One(std::slice::from_raw_parts(d, n)),
            2 => Chars::Two(std::slice::from_raw_parts(d.cast(), n)),
            _ => Chars::Four(std::slice::from_raw_parts(d.cast(), n)),
        }
    }
}

/// A character unit of a str's data: `u8`, `u16` or `u32`.
pub trait Unit: Copy {
    fn u(self) -> u32;
}
impl Unit for u8 {
    #[inline(always)]
    fn u(self) -> u32 {
        self as u32
    }
}
impl Unit for u16 {
    #[inline(always)]
    fn u(self) -> u32 {
        self as u32
    }
}
impl Unit for u32 {
    #[inline(always)]
    fn u(self) -> u32 {
        self
    }
}

/// A str under construction.
#[derive(Default)]
pub struct Writer {
    narrow: Vec<u8>,
    wide: Option<Vec<u32>>,
    max: u32,
}

impl Writer {
    pub fn new() -> Writer {
        Writer::default()
    }

    fn widen(&mut self) -> &mut Vec<u32> {
        let narrow = std::mem::take(&mut self.narrow);
        self.wide.get_or_insert_with(|| {
            let mut w = Vec::with_capacity(narrow.len() * 2 + 16);
            w.extend(narrow.iter().map(|&b| b as u32));
            w
        })
    }

    /// Appends ASCII bytes.
    #[inline]
    pub fn ascii(&mut self, s: &[u8]) {
        match &mut self.wide {
            None => self.narrow.extend_from_slice(s),
            Some(w) => w.extend(s.iter().map(|&b| b as u32)),
        }
    }

    /// Appends one ASCII byte.
    #[inline]
    pub fn byte(&mut self, b: u8) {
        match &mut self.wide {
            None => self.narrow.push(b),
            Some(w) => w.push(b as u32),
        }
    }

    /// Appends one character.
    #[inline]
    pub fn char(&mut self, c: u32) {
        self.max = self.max.max(c);
        if c < 256 && self.wide.is_none() {
            self.narrow.push(c as u8);
        } else {
            self.widen().push(c);
        }
    }

    /// Appends the characters `lo..hi` of a str given as [`Chars`].
    pub fn slice(&mut self, src: &Chars, lo: usize, hi: usize) {
        match src {
            Chars::One(s) => self.units(&s[lo..hi]),
            Chars::Two(s) => self.units(&s[lo..hi]),
            Chars::Four(s) => self.units(&s[lo..hi]),
        }
    }

    /// Appends characters.
    pub fn units<T: Unit>(&mut self, s: &[T]) {
        let m = s.iter().map(|c| c.u()).max().unwrap_or(0);
        self.max = self.max.max(m);
        if m < 256 && self.wide.is_none() {
            self.narrow.extend(s.iter().map(|c| c.u() as u8));
        } else {
            self.widen().extend(s.iter().map(|c| c.u()));
        }
    }

    /// Appends a whole str.
    pub unsafe fn str(&mut self, op: *mut PyObject) {
        // SAFETY: op is a str.
        unsafe {
            if pystr::is_ascii(op) {
                self.ascii(pystr::data_bytes(op));
            } else {
                let c = chars(op);
                self.slice(&c, 0, pystr::len(op) as usize);
            }
        }
    }

    /// The built str.
    pub fn finish(self) -> PyResult<Owned> {
        // SAFETY: new_uninit gives room for n characters of the kind that
        // `max` needs, which holds every character written.
        unsafe {
            match self.wide {
                None => {
                    let n = self.narrow.len();
                    let op = pystr::new_uninit(n as isize, self.max)?;
                    std::ptr::copy_nonoverlapping(self.narrow.as_ptr(), pystr::data(op), n);
                    Ok(Owned::from_raw_unchecked(op))
                }
                Some(w) => pystr::from_code_points(w.iter().copied(), w.len(), self.max),
            }
        }
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// The two-character escape of `c`, if JSON has one.
#[inline]
fn short_escape(c: u32) -> Option<u8> {
    Some(match c {
        0x22 => b'"',
        0x5c => b'\\',
        0x08 => b'b',
        0x0c => b'f',
        0x0a => b'n',
        0x0d => b'r',
        0x09 => b't',
        _ => return None,
    })
}

#[inline]
fn u_escape(w: &mut Writer, c: u32) {
    w.ascii(&[
        b'\\',
        b'u',
        HEX[(c >> 12) as usize & 15],
        HEX[(c >> 8) as usize & 15],
        HEX[(c >> 4) as usize & 15],
        HEX[c as usize & 15],
    ]);
}

/// Writes `"s"` with every non-printable-ASCII character escaped, as
/// `\uXXXX` (surrogate pairs beyond the BMP) where no short escape exists.
pub unsafe fn escape_ascii(w: &mut Writer, op: *mut PyObject) {
    fn run<T: Copy + Into<u32>>(w: &mut Writer, s: &[T]) {
        for &c in s {
            let c: u32 = c.into();
            if (0x20..0x7f).contains(&c) && c != 0x22 && c != 0x5c {
                w.byte(c as u8);
            } else if let Some(e) = short_escape(c) {
                w.ascii(&[b'\\', e]);
            } else if c >= 0x10000 {
                let v = c - 0x10000;
                u_escape(w, 0xd800 | (v >> 10));
                u_escape(w, 0xdc00 | (v & 0x3ff));
            } else {
                u_escape(w, c);
            }
        }
    }
    w.byte(b'"');
    // SAFETY: op is a str.
    match unsafe { chars(op) } {
        Chars::One(s) => {
            let mut start = 0;
            for (i, &c) in s.iter().enumerate() {
                if (0x20..0x7f).contains(&c) && c != b'"' && c != b'\\' {
                    continue;
                }
                w.ascii(&s[start..i]);
                start = i + 1;
                match short_escape(c as u32) {
                    Some(e) => w.ascii(&[b'\\', e]),
                    None => u_escape(w, c as u32),
                }
            }
            w.ascii(&s[start..]);
        }
        Chars::Two(s) => run(w, s),
        Chars::Four(s) => run(w, s),
    }
    w.byte(b'"');
}

/// Writes `"s"` escaping only `"`, `\` and control characters.
pub unsafe fn escape(w: &mut Writer, op: *mut PyObject) {
    fn run<T: Unit>(w: &mut Writer, s: &[T]) {
        let mut start = 0;
        for (i, c) in s.iter().enumerate() {
            let c = c.u();
            if c >= 0x20 && c != 0x22 && c != 0x5c {
                continue;
            }
            w.units(&s[start..i]);
            start = i + 1;
            match short_escape(c) {
                Some(e) => w.ascii(&[b'\\', e]),
                None => u_escape(w, c),
            }
        }
        w.units(&s[start..]);
    }
    w.byte(b'"');
    // SAFETY: op is a str.
    match unsafe { chars(op) } {
        Chars::One(s) => run(w, s),
        Chars::Two(s) => run(w, s),
        Chars::Four(s) => run(w, s),
    }
    w.byte(b'"');
}
