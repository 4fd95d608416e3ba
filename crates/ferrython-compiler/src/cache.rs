//! The bytecode cache format: a [`CodeObject`] as bytes and back, for the
//! files the import system keeps in `__pycache__` (CPython keeps `marshal`
//! output there; this is our own, simpler format for our own code objects).
//!
//! A cache file is a header followed by the top-level code object:
//!
//! | bytes | what                                                        |
//! |-------|-------------------------------------------------------------|
//! | 4     | magic `b"FRPC"`                                             |
//! | 8     | [`FINGERPRINT`]: the compiler that wrote it (little endian) |
//! | 8     | the source's modification time, nanoseconds since the epoch |
//! | 8     | the source's size in bytes                                  |
//!
//! A file written by another build of the compiler, or for another version
//! of the source, does not match and is recompiled. Integers are LEB128
//! (unsigned), strings and byte strings a length then the bytes. The
//! file name is not stored: [`read`] sets `co_filename` of every code
//! object to the source path it is given, so a moved tree stays correct.
use crate::bytecode::{BigInt, CodeObject, Constant, ExceptionEntry, LineEntry};

/// Identifies the compiler build that writes and reads cache files: a
/// hash of this crate's sources and of its pinned parser, computed by
/// `build.rs`. Any change to the compiler invalidates every cache file.
pub const FINGERPRINT: u64 = {
    let s = env!("FERRYTHON_COMPILER_FINGERPRINT").as_bytes();
    let mut v = 0u64;
    let mut i = 0;
    while i < s.len() {
        let d = s[i];
        let x = if d >= b'a' { d - b'a' + 10 } else { d - b'0' };
        v = (v << 4) | x as u64;
        i += 1;
    }
    v
};

const MAGIC: &[u8; 4] = b"FRPC";

/// The header length in bytes.
pub const HEADER_LEN: usize = 28;

/// The source file a cache file was written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SourceStamp {
    pub mtime_ns: u64,
    pub size: u64,
}

/// The bytes of a cache file for `code`, compiled from the source `stamp`
/// describes.
pub fn write(code: &CodeObject, stamp: SourceStamp) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(4096));
    w.0.extend_from_slice(MAGIC);
    w.0.extend_from_slice(&FINGERPRINT.to_le_bytes());
    w.0.extend_from_slice(&stamp.mtime_ns.to_le_bytes());
    w.0.extend_from_slice(&stamp.size.to_le_bytes());
    w.code(code);
    w.0
}

/// The code object in a cache file, if the file was written by this
/// compiler for the source `stamp` describes and is intact; `filename`
/// becomes every code object's `co_filename`.
pub fn read(bytes: &[u8], stamp: SourceStamp, filename: &str) -> Option<CodeObject> {
    if bytes.len() < HEADER_LEN || &bytes[..4] != MAGIC {
        return None;
    }
    let word = |i: usize| u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap_or([0; 8]));
    if word(4) != FINGERPRINT || word(12) != stamp.mtime_ns || word(20) != stamp.size {
        return None;
    }
    let mut r = Reader {
        buf: &bytes[HEADER_LEN..],
        filename,
    };
    let code = r.code()?;
    r.buf.is_empty().then_some(code)
}

/// One code object as a record of its own, for `marshal`: the compiler's
/// [`FINGERPRINT`] then the code's fields as a cache file holds them (its
/// constants, usually none: marshal writes them in its own stream, and
/// not its file name).
pub fn write_record(code: &CodeObject) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(256));
    w.0.extend_from_slice(&FINGERPRINT.to_le_bytes());
    w.code(code);
    w.0
}

/// The code object of a [`write_record`] record (with an empty file
/// name), or why it cannot be read.
pub fn read_record(bytes: &[u8]) -> Result<CodeObject, &'static str> {
    let Some((fp, rest)) = bytes.split_first_chunk::<8>() else {
        return Err("truncated code record");
    };
    if u64::from_le_bytes(*fp) != FINGERPRINT {
        return Err("code object written by another ferrython build");
    }
    let mut r = Reader {
        buf: rest,
        filename: "",
    };
    match r.code() {
        Some(code) if r.buf.is_empty() => Ok(code),
        Some(_) => Err("trailing bytes in code record"),
        None => Err("corrupt code record"),
    }
}

struct Writer(Vec<u8>);

impl Writer {
    fn uint(&mut self, mut v: u64) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.0.push(b);
                return;
            }
            self.0.push(b | 0x80);
        }
    }

    fn bytes(&mut self, b: &[u8]) {
        self.uint(b.len() as u64);
        self.0.extend_from_slice(b);
    }

    fn strs(&mut self, v: &[String]) {
        self.uint(v.len() as u64);
        for s in v {
            self.bytes(s.as_bytes());
        }
    }

    fn code(&mut self, c: &CodeObject) {
        // Exhaustive on purpose: a new field must be added here too.
        let CodeObject {
            argcount,
            posonlyargcount,
            kwonlyargcount,
            flags,
            name,
            qualname,
            filename: _,
            firstlineno,
            code,
            consts,
            names,
            localsplusnames,
            localspluskinds,
            stacksize,
            linetable,
            exceptiontable,
        } = c;
        for v in [
            argcount,
            posonlyargcount,
            kwonlyargcount,
            flags,
            firstlineno,
        ] {
            self.uint(u64::from(*v));
        }
        self.uint(u64::from(*stacksize));
        self.bytes(name.as_bytes());
        self.bytes(qualname.as_bytes());
        self.uint(code.len() as u64);
        for &u in code {
            self.0.extend_from_slice(&u.to_le_bytes());
        }
        self.uint(consts.len() as u64);
        for k in consts {
            self.constant(k);
        }
        self.strs(names);
        self.strs(localsplusnames);
        self.bytes(localspluskinds);
        self.uint(linetable.len() as u64);
        for e in linetable {
            let LineEntry {
                start,
                lineno,
                end_lineno,
                col,
                end_col,
            } = *e;
            for v in [start, lineno, end_lineno, col, end_col] {
                self.uint(u64::from(v));
            }
        }
        self.uint(exceptiontable.len() as u64);
        for e in exceptiontable {
            let ExceptionEntry {
                start,
                end,
                target,
                depth,
                lasti,
            } = *e;
            for v in [start, end, target, depth, u32::from(lasti)] {
                self.uint(u64::from(v));
            }
        }
    }

    fn constant(&mut self, k: &Constant) {
        match k {
            Constant::None => self.0.push(0),
            Constant::True => self.0.push(1),
            Constant::False => self.0.push(2),
            Constant::Ellipsis => self.0.push(3),
            Constant::Int(BigInt::Small(v)) => {
                self.0.push(4);
                self.0.extend_from_slice(&v.to_le_bytes());
            }
            Constant::Int(BigInt::Big(s)) => {
                self.0.push(5);
                self.bytes(s.as_bytes());
            }
            Constant::Float(f) => {
                self.0.push(6);
                self.0.extend_from_slice(&f.to_bits().to_le_bytes());
            }
            Constant::Complex { real, imag } => {
                self.0.push(7);
                self.0.extend_from_slice(&real.to_bits().to_le_bytes());
                self.0.extend_from_slice(&imag.to_bits().to_le_bytes());
            }
            Constant::Str(s) => {
                self.0.push(8);
                self.bytes(s.as_bytes());
            }
            Constant::StrCodePoints(v) => {
                self.0.push(13);
                self.uint(v.len() as u64);
                for &c in v {
                    self.uint(u64::from(c));
                }
            }
            Constant::Bytes(b) => {
                self.0.push(9);
                self.bytes(b);
            }
            Constant::Tuple(items) | Constant::FrozenSet(items) => {
                self.0.push(if matches!(k, Constant::Tuple(_)) {
                    10
                } else {
                    11
                });
                self.uint(items.len() as u64);
                for i in items {
                    self.constant(i);
                }
            }
            Constant::Code(c) => {
                self.0.push(12);
                self.code(c);
            }
        }
    }
}

struct Reader<'a> {
    buf: &'a [u8],
    filename: &'a str,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.buf.len() < n {
            return None;
        }
        let (h, t) = self.buf.split_at(n);
        self.buf = t;
        Some(h)
    }

    fn byte(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    fn u64_le(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn uint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.uint()?).ok()
    }

    /// A length that cannot exceed what is left of the input.
    fn len(&mut self) -> Option<usize> {
        let n = usize::try_from(self.uint()?).ok()?;
        (n <= self.buf.len()).then_some(n)
    }

    fn bytes(&mut self) -> Option<Vec<u8>> {
        let n = self.len()?;
        Some(self.take(n)?.to_vec())
    }

    fn string(&mut self) -> Option<String> {
        String::from_utf8(self.bytes()?).ok()
    }

    fn strs(&mut self) -> Option<Vec<String>> {
        let n = self.len()?;
        (0..n).map(|_| self.string()).collect()
    }

    fn code(&mut self) -> Option<CodeObject> {
        let argcount = self.u32()?;
        let posonlyargcount = self.u32()?;
        let kwonlyargcount = self.u32()?;
        let flags = self.u32()?;
        let firstlineno = self.u32()?;
        let stacksize = self.u32()?;
        let name = self.string()?;
        let qualname = self.string()?;
        let n = self.len()?;
        let raw = self.take(n.checked_mul(2)?)?;
        let code = raw
            .chunks_exact(2)
            .map(|u| u16::from_le_bytes([u[0], u[1]]))
            .collect();
        let n = self.len()?;
        let consts = (0..n).map(|_| self.constant()).collect::<Option<_>>()?;
        let names = self.strs()?;
        let localsplusnames = self.strs()?;
        let localspluskinds = self.bytes()?;
        let n = self.len()?;
        let linetable = (0..n)
            .map(|_| {
                Some(LineEntry {
                    start: self.u32()?,
                    lineno: self.u32()?,
                    end_lineno: self.u32()?,
                    col: self.u32()?,
                    end_col: self.u32()?,
                })
            })
            .collect::<Option<_>>()?;
        let n = self.len()?;
        let exceptiontable = (0..n)
            .map(|_| {
                Some(ExceptionEntry {
                    start: self.u32()?,
                    end: self.u32()?,
                    target: self.u32()?,
                    depth: self.u32()?,
                    lasti: self.u32()? != 0,
                })
            })
            .collect::<Option<_>>()?;
        Some(CodeObject {
            argcount,
            posonlyargcount,
            kwonlyargcount,
            flags,
            name,
            qualname,
            filename: self.filename.to_string(),
            firstlineno,
            code,
            consts,
            names,
            localsplusnames,
            localspluskinds,
            stacksize,
            linetable,
            exceptiontable,
        })
    }

    fn constant(&mut self) -> Option<Constant> {
        Some(match self.byte()? {
            0 => Constant::None,
            1 => Constant::True,
            2 => Constant::False,
            3 => Constant::Ellipsis,
            4 => Constant::Int(BigInt::Small(self.u64_le()? as i64)),
            5 => Constant::Int(BigInt::Big(self.string()?)),
            6 => Constant::Float(f64::from_bits(self.u64_le()?)),
            7 => Constant::Complex {
                real: f64::from_bits(self.u64_le()?),
                imag: f64::from_bits(self.u64_le()?),
            },
            8 => Constant::Str(self.string()?),
            9 => Constant::Bytes(self.bytes()?),
            t @ (10 | 11) => {
                let n = self.len()?;
                let items = (0..n).map(|_| self.constant()).collect::<Option<_>>()?;
                if t == 10 {
                    Constant::Tuple(items)
                } else {
                    Constant::FrozenSet(items)
                }
            }
            12 => Constant::Code(Box::new(self.code()?)),
            13 => {
                let n = self.len()?;
                let v = (0..n)
                    .map(|_| self.uint().and_then(|c| u32::try_from(c).ok()))
                    .collect::<Option<_>>()?;
                Constant::StrCodePoints(v)
            }
            _ => return None,
        })
    }
}
