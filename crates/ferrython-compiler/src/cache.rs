//! The bytecode cache format: a [`CodeObject`] as bytes and back, for the
//! files the import system keeps in `__pycache__` (CPython keeps `marshal`
//! output there; this is our own, simpler format for our own code objects).
//!
//! A cache file is a header, then a table of the names used by its code
//! objects (each once; a code object refers to them by index), then the
//! top-level code object:
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
//! (unsigned), strings and byte strings a length then the bytes; a line
//! table entry's start and line are differences from the entry before.
//! The file name is not stored: the runtime sets `co_filename` of every
//! code object to the source path it read, so a moved tree stays correct.
//! [`read_with`] hands the decoded parts to a [`Build`], so the runtime
//! makes its objects without an intermediate [`CodeObject`].
use crate::bytecode::{BigInt, CodeObject, Constant, ExceptionEntry, LineEntry};
use std::collections::HashMap;

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
    let mut w = Writer::new(4096);
    w.out.extend_from_slice(MAGIC);
    w.out.extend_from_slice(&FINGERPRINT.to_le_bytes());
    w.out.extend_from_slice(&stamp.mtime_ns.to_le_bytes());
    w.out.extend_from_slice(&stamp.size.to_le_bytes());
    w.file(code);
    w.out
}

/// One code object as a record of its own, for `marshal`: the compiler's
/// [`FINGERPRINT`] then the code's fields as a cache file holds them (its
/// constants, usually none: marshal writes them in its own stream, and
/// not its file name).
pub fn write_record(code: &CodeObject) -> Vec<u8> {
    let mut w = Writer::new(256);
    w.out.extend_from_slice(&FINGERPRINT.to_le_bytes());
    w.file(code);
    w.out
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
    let mut r = Reader { buf: rest };
    let code = r.file(&mut Plain { filename: "" });
    match code.and_then(unwrap_code) {
        Some(code) if r.buf.is_empty() => Ok(code),
        Some(_) => Err("trailing bytes in code record"),
        None => Err("corrupt code record"),
    }
}

/// Writes the records of a file; `names` numbers the entries of its name
/// table.
struct Writer<'c> {
    out: Vec<u8>,
    names: HashMap<&'c str, u64>,
}

impl<'c> Writer<'c> {
    fn uint(&mut self, mut v: u64) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.out.push(b);
                return;
            }
            self.out.push(b | 0x80);
        }
    }

    fn bytes(&mut self, b: &[u8]) {
        self.uint(b.len() as u64);
        self.out.extend_from_slice(b);
    }

    fn new(capacity: usize) -> Self {
        Writer {
            out: Vec::with_capacity(capacity),
            names: HashMap::new(),
        }
    }

    /// The name table of `code` and the code objects in it, then `code`.
    fn file(&mut self, code: &'c CodeObject) {
        let mut table = Vec::new();
        self.number_names(code, &mut table);
        self.uint(table.len() as u64);
        for n in table {
            self.bytes(n.as_bytes());
        }
        self.code(code);
    }

    /// Numbers the names of `c` and of the code among its constants, in
    /// the order they first appear, each once.
    fn number_names(&mut self, c: &'c CodeObject, table: &mut Vec<&'c str>) {
        let all = std::iter::once(&c.name)
            .chain(&c.names)
            .chain(&c.localsplusnames);
        for n in all {
            self.names.entry(n).or_insert_with(|| {
                table.push(n);
                table.len() as u64 - 1
            });
        }
        fn inner<'c>(w: &mut Writer<'c>, k: &'c Constant, table: &mut Vec<&'c str>) {
            match k {
                Constant::Code(c) => w.number_names(c, table),
                Constant::Tuple(items) | Constant::FrozenSet(items) => {
                    for i in items {
                        inner(w, i, table);
                    }
                }
                _ => {}
            }
        }
        for k in &c.consts {
            inner(self, k, table);
        }
    }

    /// References to names of the table.
    fn name_refs(&mut self, v: &[String]) {
        self.uint(v.len() as u64);
        for n in v {
            let i = self.names[n.as_str()];
            self.uint(i);
        }
    }

    fn code(&mut self, c: &'c CodeObject) {
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
        let i = self.names[name.as_str()];
        self.uint(i);
        self.bytes(qualname.as_bytes());
        self.uint(code.len() as u64);
        for &u in code {
            self.out.extend_from_slice(&u.to_le_bytes());
        }
        self.uint(consts.len() as u64);
        for k in consts {
            self.constant(k);
        }
        self.name_refs(names);
        self.name_refs(localsplusnames);
        self.bytes(localspluskinds);
        // The entry count and the byte length first, so a reader can keep
        // the entries packed until they are asked for (see `PackedLines`).
        let mut lines = Writer::new(linetable.len() * 6);
        lines.lines(linetable);
        self.uint(linetable.len() as u64);
        self.bytes(&lines.out);
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

    /// Line table entries, each start and line a difference from the
    /// entry before (and the end line from the line), which mostly fit in
    /// a byte.
    fn lines(&mut self, linetable: &[LineEntry]) {
        let (mut prev_start, mut prev_line) = (0u32, 0u32);
        for e in linetable {
            let LineEntry {
                start,
                lineno,
                end_lineno,
                col,
                end_col,
            } = *e;
            self.uint(u64::from(start.wrapping_sub(prev_start)));
            self.uint(zigzag(i64::from(lineno) - i64::from(prev_line)));
            self.uint(zigzag(i64::from(end_lineno) - i64::from(lineno)));
            self.uint(u64::from(col));
            self.uint(u64::from(end_col));
            (prev_start, prev_line) = (start, lineno);
        }
    }

    fn constant(&mut self, k: &'c Constant) {
        match k {
            Constant::None => self.out.push(0),
            Constant::True => self.out.push(1),
            Constant::False => self.out.push(2),
            Constant::Ellipsis => self.out.push(3),
            Constant::Int(BigInt::Small(v)) => {
                self.out.push(4);
                self.out.extend_from_slice(&v.to_le_bytes());
            }
            Constant::Int(BigInt::Big(s)) => {
                self.out.push(5);
                self.bytes(s.as_bytes());
            }
            Constant::Float(f) => {
                self.out.push(6);
                self.out.extend_from_slice(&f.to_bits().to_le_bytes());
            }
            Constant::Complex { real, imag } => {
                self.out.push(7);
                self.out.extend_from_slice(&real.to_bits().to_le_bytes());
                self.out.extend_from_slice(&imag.to_bits().to_le_bytes());
            }
            Constant::Str(s) => {
                self.out.push(8);
                self.bytes(s.as_bytes());
            }
            Constant::StrCodePoints(v) => {
                self.out.push(13);
                self.uint(v.len() as u64);
                for &c in v {
                    self.uint(u64::from(c));
                }
            }
            Constant::Bytes(b) => {
                self.out.push(9);
                self.bytes(b);
            }
            Constant::Tuple(items) | Constant::FrozenSet(items) => {
                self.out.push(if matches!(k, Constant::Tuple(_)) {
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
                self.out.push(12);
                self.code(c);
            }
        }
    }
}

/// A scalar constant of a cache file, its text borrowed from the file.
pub enum Leaf<'a> {
    None,
    True,
    False,
    Ellipsis,
    Int(i64),
    /// An int too large for `i64`, as decimal text.
    BigInt(&'a str),
    Float(f64),
    Complex {
        real: f64,
        imag: f64,
    },
    Str(&'a str),
    /// A str with lone surrogates, as code points.
    StrCodePoints(&'a [u32]),
    Bytes(&'a [u8]),
}

/// A code object's fields as a cache file holds them: strings borrowed
/// from the file, names and constants already made by the [`Build`].
pub struct CodeParts<'a, K, N> {
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: u32,
    pub firstlineno: u32,
    pub stacksize: u32,
    pub name: N,
    pub qualname: &'a str,
    pub code: Vec<u16>,
    pub consts: Vec<K>,
    pub names: Vec<N>,
    pub localsplusnames: Vec<N>,
    pub localspluskinds: &'a [u8],
    pub linetable: PackedLines<'a>,
    pub exceptiontable: Vec<ExceptionEntry>,
}

/// A code object's line table as a cache file holds it: most code never
/// needs its line numbers, so a runtime can keep the bytes and unpack them
/// when asked.
#[derive(Clone, Copy)]
pub struct PackedLines<'a> {
    /// The number of entries.
    pub count: usize,
    pub bytes: &'a [u8],
}

impl PackedLines<'_> {
    /// The entries, or `None` if the bytes do not hold `count` of them.
    pub fn unpack(&self) -> Option<Vec<LineEntry>> {
        // Each entry takes at least five bytes.
        if self.count > self.bytes.len() / 5 {
            return None;
        }
        let mut r = Reader { buf: self.bytes };
        let mut v = Vec::with_capacity(self.count);
        let (mut start, mut lineno) = (0u32, 0u32);
        for _ in 0..self.count {
            start = start.wrapping_add(r.u32()?);
            lineno = unzigzag(lineno, r.uint()?)?;
            v.push(LineEntry {
                start,
                lineno,
                end_lineno: unzigzag(lineno, r.uint()?)?,
                col: r.u32()?,
                end_col: r.u32()?,
            });
        }
        r.buf.is_empty().then_some(v)
    }
}

/// What [`read_with`] makes the constants of a cache file with, innermost
/// first, so that a runtime can build its own objects straight from the
/// file's bytes. `None` stops the read.
pub trait Build {
    type Const;
    /// A code object's name or one of its `co_names` or variable names;
    /// a file holds each once, in a table read first.
    type Name: Clone;
    fn name(&mut self, name: &str) -> Option<Self::Name>;
    fn leaf(&mut self, leaf: Leaf<'_>) -> Option<Self::Const>;
    fn tuple(&mut self, items: Vec<Self::Const>) -> Option<Self::Const>;
    fn frozenset(&mut self, items: Vec<Self::Const>) -> Option<Self::Const>;
    fn code(&mut self, parts: CodeParts<'_, Self::Const, Self::Name>) -> Option<Self::Const>;
}

/// Whether the header of the cache file `bytes` says it was written by
/// this compiler for the source `stamp` describes (its body unchecked).
pub fn header_matches(bytes: &[u8], stamp: SourceStamp) -> bool {
    if bytes.len() < HEADER_LEN || &bytes[..4] != MAGIC {
        return false;
    }
    let word = |i: usize| u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap_or([0; 8]));
    word(4) == FINGERPRINT && word(12) == stamp.mtime_ns && word(20) == stamp.size
}

/// The top-level code object of a cache file, made by `b`, if the file was
/// written by this compiler for the source `stamp` describes and is
/// intact; `None` when it is not, or `b` refused a part.
pub fn read_with<B: Build>(bytes: &[u8], stamp: SourceStamp, b: &mut B) -> Option<B::Const> {
    if !header_matches(bytes, stamp) {
        return None;
    }
    let mut r = Reader {
        buf: &bytes[HEADER_LEN..],
    };
    let code = r.file(b)?;
    r.buf.is_empty().then_some(code)
}

/// Builds the compiler's own [`CodeObject`]s, with `filename` as
/// `co_filename`.
struct Plain<'f> {
    filename: &'f str,
}

impl Build for Plain<'_> {
    type Const = Constant;
    type Name = String;

    fn name(&mut self, name: &str) -> Option<String> {
        Some(name.to_owned())
    }

    fn leaf(&mut self, leaf: Leaf<'_>) -> Option<Constant> {
        Some(match leaf {
            Leaf::None => Constant::None,
            Leaf::True => Constant::True,
            Leaf::False => Constant::False,
            Leaf::Ellipsis => Constant::Ellipsis,
            Leaf::Int(v) => Constant::Int(BigInt::Small(v)),
            Leaf::BigInt(s) => Constant::Int(BigInt::Big(s.to_owned())),
            Leaf::Float(f) => Constant::Float(f),
            Leaf::Complex { real, imag } => Constant::Complex { real, imag },
            Leaf::Str(s) => Constant::Str(s.to_owned()),
            Leaf::StrCodePoints(v) => Constant::StrCodePoints(v.to_vec()),
            Leaf::Bytes(b) => Constant::Bytes(b.to_vec()),
        })
    }

    fn tuple(&mut self, items: Vec<Constant>) -> Option<Constant> {
        Some(Constant::Tuple(items))
    }

    fn frozenset(&mut self, items: Vec<Constant>) -> Option<Constant> {
        Some(Constant::FrozenSet(items))
    }

    fn code(&mut self, p: CodeParts<'_, Constant, String>) -> Option<Constant> {
        Some(Constant::Code(Box::new(CodeObject {
            argcount: p.argcount,
            posonlyargcount: p.posonlyargcount,
            kwonlyargcount: p.kwonlyargcount,
            flags: p.flags,
            name: p.name,
            qualname: p.qualname.to_owned(),
            filename: self.filename.to_owned(),
            firstlineno: p.firstlineno,
            code: p.code,
            consts: p.consts,
            names: p.names,
            localsplusnames: p.localsplusnames,
            localspluskinds: p.localspluskinds.to_vec(),
            stacksize: p.stacksize,
            linetable: p.linetable.unpack()?,
            exceptiontable: p.exceptiontable,
        })))
    }
}

/// The `CodeObject` inside what [`Plain`] made for a code record.
fn unwrap_code(k: Constant) -> Option<CodeObject> {
    match k {
        Constant::Code(c) => Some(*c),
        _ => None,
    }
}

/// Zigzag encoding of a signed difference.
fn zigzag(d: i64) -> u64 {
    ((d << 1) ^ (d >> 63)) as u64
}

/// `base` moved by the zigzag-encoded difference `z`, if that stays a u32.
fn unzigzag(base: u32, z: u64) -> Option<u32> {
    let d = ((z >> 1) as i64) ^ -((z & 1) as i64);
    u32::try_from(i64::from(base).checked_add(d)?).ok()
}

struct Reader<'a> {
    buf: &'a [u8],
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
        let (&b, rest) = self.buf.split_first()?;
        self.buf = rest;
        Some(b)
    }

    fn u64_le(&mut self) -> Option<u64> {
        let (w, rest) = self.buf.split_first_chunk::<8>()?;
        self.buf = rest;
        Some(u64::from_le_bytes(*w))
    }

    #[inline]
    fn uint(&mut self) -> Option<u64> {
        // Most numbers in a cache file fit in one byte.
        let b = self.byte()?;
        if b & 0x80 == 0 {
            return Some(u64::from(b));
        }
        let mut v = u64::from(b & 0x7f);
        for shift in (7..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    #[inline]
    fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.uint()?).ok()
    }

    /// A length that cannot exceed what is left of the input.
    fn len(&mut self) -> Option<usize> {
        let n = usize::try_from(self.uint()?).ok()?;
        (n <= self.buf.len()).then_some(n)
    }

    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.len()?;
        self.take(n)
    }

    fn string(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.bytes()?).ok()
    }

    /// The name table, then the top-level code object.
    fn file<B: Build>(&mut self, b: &mut B) -> Option<B::Const> {
        let n = self.len()?;
        let mut names = Vec::with_capacity(n);
        for _ in 0..n {
            let s = self.string()?;
            names.push(b.name(s)?);
        }
        self.code(b, &names)
    }

    /// A count, then that many references to names of the table.
    fn name_refs<N: Clone>(&mut self, table: &[N]) -> Option<Vec<N>> {
        let n = self.len()?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(self.name_ref(table)?);
        }
        Some(v)
    }

    fn name_ref<N: Clone>(&mut self, table: &[N]) -> Option<N> {
        let i = usize::try_from(self.uint()?).ok()?;
        table.get(i).cloned()
    }

    fn code<B: Build>(&mut self, b: &mut B, table: &[B::Name]) -> Option<B::Const> {
        let argcount = self.u32()?;
        let posonlyargcount = self.u32()?;
        let kwonlyargcount = self.u32()?;
        let flags = self.u32()?;
        let firstlineno = self.u32()?;
        let stacksize = self.u32()?;
        let name = self.name_ref(table)?;
        let qualname = self.string()?;
        let n = self.len()?;
        let raw = self.take(n.checked_mul(2)?)?;
        let code = raw
            .chunks_exact(2)
            .map(|u| u16::from_le_bytes([u[0], u[1]]))
            .collect();
        let consts = self.items(b, table)?;
        let names = self.name_refs(table)?;
        let localsplusnames = self.name_refs(table)?;
        let localspluskinds = self.bytes()?;
        let count = usize::try_from(self.uint()?).ok()?;
        let linetable = PackedLines {
            count,
            bytes: self.bytes()?,
        };
        let n = self.len()?;
        let mut exceptiontable = Vec::with_capacity(n);
        for _ in 0..n {
            exceptiontable.push(ExceptionEntry {
                start: self.u32()?,
                end: self.u32()?,
                target: self.u32()?,
                depth: self.u32()?,
                lasti: self.u32()? != 0,
            });
        }
        b.code(CodeParts {
            argcount,
            posonlyargcount,
            kwonlyargcount,
            flags,
            firstlineno,
            stacksize,
            name,
            qualname,
            code,
            consts,
            names,
            localsplusnames,
            localspluskinds,
            linetable,
            exceptiontable,
        })
    }

    /// A count, then that many constants.
    fn items<B: Build>(&mut self, b: &mut B, table: &[B::Name]) -> Option<Vec<B::Const>> {
        let n = self.len()?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(self.constant(b, table)?);
        }
        Some(v)
    }

    fn constant<B: Build>(&mut self, b: &mut B, table: &[B::Name]) -> Option<B::Const> {
        let leaf = match self.byte()? {
            0 => Leaf::None,
            1 => Leaf::True,
            2 => Leaf::False,
            3 => Leaf::Ellipsis,
            4 => Leaf::Int(self.u64_le()? as i64),
            5 => Leaf::BigInt(self.string()?),
            6 => Leaf::Float(f64::from_bits(self.u64_le()?)),
            7 => Leaf::Complex {
                real: f64::from_bits(self.u64_le()?),
                imag: f64::from_bits(self.u64_le()?),
            },
            8 => Leaf::Str(self.string()?),
            9 => Leaf::Bytes(self.bytes()?),
            10 => {
                let items = self.items(b, table)?;
                return b.tuple(items);
            }
            11 => {
                let items = self.items(b, table)?;
                return b.frozenset(items);
            }
            12 => return self.code(b, table),
            13 => {
                let n = self.len()?;
                let mut v = Vec::with_capacity(n);
                for _ in 0..n {
                    v.push(self.u32()?);
                }
                return b.leaf(Leaf::StrCodePoints(&v));
            }
            _ => return None,
        };
        b.leaf(leaf)
    }
}
