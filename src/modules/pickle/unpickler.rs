//! The unpickling machine (CPython's `load` and its `load_*` functions in
//! `Modules/_pickle.c`): reads opcodes from an [`Input`] and builds objects
//! on a stack, with marks kept on a stack of their own and a memo.
use super::input::Input;
use super::opcodes::*;
use super::unpickling_error;
use crate::ffi::*;
use crate::object::int_arith::BigInt;
use crate::object::typeobj::type_name;
use crate::object::{
    bool as pybool, bytearray, bytes, dict, float, int, list, memoryview, none, protocol, set,
    str as pystr, tuple,
};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use std::collections::HashMap;
use std::ptr::null_mut;

/// Memo indices below this live in a vector, larger ones in a map (so a
/// hostile index cannot make the memo allocate gigabytes).
const DENSE_MEMO: usize = 1 << 20;

/// The objects a pickle stored for later reference (PUT) by index.
#[derive(Default, Clone)]
pub struct Memo {
    dense: Vec<Option<Owned>>,
    sparse: HashMap<usize, Owned>,
}

impl Memo {
    fn get(&self, i: usize) -> Option<&Owned> {
        match self.dense.get(i) {
            Some(o) => o.as_ref(),
            None => self.sparse.get(&i),
        }
    }

    fn put(&mut self, i: usize, v: Owned) {
        if i < DENSE_MEMO {
            if i >= self.dense.len() {
                self.dense.resize_with(i + 1, || None);
            }
            self.dense[i] = Some(v);
        } else {
            self.sparse.insert(i, v);
        }
    }

    /// One past the highest index in use (where MEMOIZE stores).
    fn next_index(&self) -> usize {
        self.dense.len() + self.sparse.len()
    }

    /// Every stored object (for the garbage collector).
    pub fn values(&self) -> impl Iterator<Item = &Owned> {
        self.dense.iter().flatten().chain(self.sparse.values())
    }

    /// The memo as `UnpicklerMemoProxy.copy()` shows it: `{index: obj}`,
    /// in index order.
    pub fn to_dict(&self) -> PyResult<Owned> {
        let mut sparse: Vec<_> = self.sparse.iter().collect();
        sparse.sort_unstable_by_key(|(i, _)| **i);
        let dense = self.dense.iter().enumerate();
        let entries = dense.filter_map(|(i, o)| Some((i, o.as_ref()?)));
        let d = dict::new()?;
        for (i, obj) in entries.chain(sparse.into_iter().map(|(i, o)| (*i, o))) {
            // SAFETY: d is a new dict; the key is a fresh int.
            unsafe { dict::set_item(d.as_ptr(), int::from_u64(i as u64)?.as_ptr(), obj.as_ptr())? };
        }
        Ok(d)
    }

    /// A memo from a dict `{index: obj}`, as assigning `Unpickler.memo`
    /// takes it: the keys must be non-negative ints.
    ///
    /// # Safety
    /// `d` is a dict.
    pub unsafe fn from_dict(d: *mut PyObject) -> PyResult<Memo> {
        let mut memo = Memo::default();
        let mut pos = 0;
        // SAFETY: d is a dict; its items stay alive while it is read.
        unsafe {
            while let Some((k, v)) = dict::next(d, &mut pos) {
                if !int::check(k) {
                    return Err(errors::type_error("memo key must be integers"));
                }
                let idx = int::as_i64(k)?;
                let Ok(idx) = usize::try_from(idx) else {
                    return Err(errors::value_error("memo key must be positive integers."));
                };
                memo.put(idx, Owned::from_borrowed(v));
            }
        }
        Ok(memo)
    }
}

/// The settings of an unpickler (`Unpickler.__init__`'s keywords).
pub struct Options {
    pub fix_imports: bool,
    /// How to decode protocol 0-2 8-bit strings; "bytes" keeps them bytes.
    pub encoding: String,
    pub errors: String,
    /// An iterator over the out-of-band buffers, if any were given.
    pub buffers: Option<Owned>,
}

/// One run of the machine over one pickle.
pub struct Load<'a> {
    pub input: Input,
    pub options: &'a Options,
    pub memo: &'a mut Memo,
    /// The `Unpickler` whose `find_class` and `persistent_load` methods
    /// are used, or NULL for the module-level functions.
    pub owner: *mut PyObject,
    stack: Vec<Owned>,
    marks: Vec<usize>,
    proto: u8,
}

/// `UnpicklingError` for an empty stack (or a stack emptied down to a
/// mark).
fn underflow(marked: bool) -> Raised {
    unpickling_error(if marked {
        "unexpected MARK found"
    } else {
        "unpickling stack underflow"
    })
}

/// A little-endian unsigned count of `s.len()` bytes; `None` above
/// `isize::MAX`.
fn binsize(s: &[u8]) -> Option<usize> {
    let mut b = [0u8; 8];
    b[..s.len()].copy_from_slice(s);
    let v = u64::from_le_bytes(b);
    (v <= isize::MAX as u64).then_some(v as usize)
}

/// The text of a line without its newline, as a str (or the error).
fn line_text(line: &[u8]) -> PyResult<&str> {
    let body = &line[..line.len().saturating_sub(1)];
    std::str::from_utf8(body).map_err(|_| {
        errors::value_error(format!(
            "invalid literal for int() with base 10: {:?}",
            String::from_utf8_lossy(body)
        ))
    })
}

impl<'a> Load<'a> {
    pub fn new(
        input: Input,
        options: &'a Options,
        memo: &'a mut Memo,
        owner: *mut PyObject,
    ) -> Self {
        Load {
            input,
            options,
            memo,
            owner,
            stack: Vec::new(),
            marks: Vec::new(),
            proto: 0,
        }
    }

    /// The stack length below which the current mark protects items.
    fn fence(&self) -> usize {
        self.marks.last().copied().unwrap_or(0)
    }

    fn push(&mut self, o: Owned) {
        self.stack.push(o);
    }

    fn pop(&mut self) -> PyResult<Owned> {
        if self.stack.len() <= self.fence() {
            return Err(underflow(!self.marks.is_empty()));
        }
        Ok(self.stack.pop().expect("stack is above the fence"))
    }

    fn top(&self) -> PyResult<*mut PyObject> {
        if self.stack.len() <= self.fence() {
            return Err(underflow(!self.marks.is_empty()));
        }
        Ok(self.stack[self.stack.len() - 1].as_ptr())
    }

    /// Pops the top mark: the stack length when it was set.
    fn marker(&mut self) -> PyResult<usize> {
        self.marks
            .pop()
            .ok_or_else(|| unpickling_error("could not find MARK"))
    }

    /// The items above stack index `start`, as a tuple, removed.
    fn pop_tuple(&mut self, start: usize) -> PyResult<Owned> {
        if start < self.fence() || start > self.stack.len() {
            return Err(underflow(!self.marks.is_empty()));
        }
        tuple::from_vec(self.stack.split_off(start))
    }

    /// Runs to the STOP opcode and returns the object it leaves.
    pub fn run(&mut self) -> PyResult<Owned> {
        loop {
            let op = match self.input.byte() {
                Ok(b) => b,
                Err(e) => {
                    // SAFETY: an error is set.
                    // SAFETY: an error is set; the class is live.
                    if unsafe { errors::matches(super::unpickling_error_class()) } {
                        errors::clear();
                        // SAFETY: the exception classes are live.
                        return Err(unsafe {
                            errors::set_string(
                                crate::object::exceptions::PyExc_EOFError,
                                "Ran out of input",
                            )
                        });
                    }
                    return Err(e);
                }
            };
            if op == STOP {
                return self.pop();
            }
            // SAFETY: the stack holds live objects; the GIL is held.
            unsafe { self.step(op)? };
        }
    }

    unsafe fn step(&mut self, op: u8) -> PyResult<()> {
        // SAFETY: every object touched is live (owned by the stack, the
        // memo or a local); the GIL is held.
        unsafe {
            match op {
                NONE => self.push(Owned::from_borrowed_static(none::none())),
                NEWTRUE => self.push(Owned::from_borrowed_static(pybool::from_bool(true))),
                NEWFALSE => self.push(Owned::from_borrowed_static(pybool::from_bool(false))),
                BININT => {
                    let s = self.input.read(4)?;
                    let v = i32::from_le_bytes([s[0], s[1], s[2], s[3]]);
                    self.push(int::from_i64(v as i64)?);
                }
                BININT1 => {
                    let v = self.input.byte()?;
                    self.push(int::from_i64(v as i64)?);
                }
                BININT2 => {
                    let s = self.input.read(2)?;
                    let v = u16::from_le_bytes([s[0], s[1]]);
                    self.push(int::from_i64(v as i64)?);
                }
                INT => self.load_int()?,
                LONG => self.load_long()?,
                LONG1 | LONG4 => {
                    let n = if op == LONG1 { 1 } else { 4 };
                    let s = self.input.read(n)?;
                    let size = if n == 1 {
                        s[0] as i64
                    } else {
                        i32::from_le_bytes([s[0], s[1], s[2], s[3]]) as i64
                    };
                    if size < 0 {
                        return Err(unpickling_error("LONG pickle has negative byte count"));
                    }
                    let data = self.input.read(size as usize)?;
                    let v = int::from_big(&BigInt::from_le_bytes(data, true))?;
                    self.push(v);
                }
                FLOAT => {
                    let line = self.input.readline()?;
                    let text = std::str::from_utf8(&line[..line.len().saturating_sub(1)])
                        .ok()
                        .and_then(|t| t.trim().parse::<f64>().ok());
                    let Some(v) = text else {
                        return Err(errors::value_error("could not convert string to float"));
                    };
                    self.push(float::from_f64(v)?);
                }
                BINFLOAT => {
                    let s = self.input.read(8)?;
                    let v = f64::from_be_bytes(s.try_into().expect("8 bytes"));
                    self.push(float::from_f64(v)?);
                }
                SHORT_BINBYTES | BINBYTES | BINBYTES8 => {
                    let n = match op {
                        SHORT_BINBYTES => 1,
                        BINBYTES => 4,
                        _ => 8,
                    };
                    let size = binsize(self.input.read(n)?).ok_or_else(|| {
                        errors::overflow_error(format!(
                            "BINBYTES exceeds system's maximum size of {} bytes",
                            isize::MAX
                        ))
                    })?;
                    let b = bytes::from_slice(self.input.read(size)?)?;
                    self.push(b);
                }
                BYTEARRAY8 => {
                    let size = binsize(self.input.read(8)?).ok_or_else(|| {
                        errors::overflow_error(format!(
                            "BYTEARRAY8 exceeds system's maximum size of {} bytes",
                            isize::MAX
                        ))
                    })?;
                    let b = bytearray::from_slice(self.input.read(size)?)?;
                    self.push(b);
                }
                NEXT_BUFFER => {
                    let Some(it) = &self.options.buffers else {
                        return Err(unpickling_error(
                            "pickle stream refers to out-of-band data but no *buffers* argument was given",
                        ));
                    };
                    match protocol::iter_next(it.as_ptr())? {
                        Some(b) => self.push(b),
                        None => return Err(unpickling_error("not enough out-of-band buffers")),
                    }
                }
                READONLY_BUFFER => {
                    let obj = self.top()?;
                    let view = memoryview::from_object(obj)?;
                    if memoryview::view(view.as_ptr()).readonly == 0 {
                        memoryview::set_readonly(view.as_ptr());
                        *self.stack.last_mut().expect("top exists") = view;
                    }
                }
                SHORT_BINSTRING | BINSTRING => {
                    let n = if op == SHORT_BINSTRING { 1 } else { 4 };
                    let size = binsize(self.input.read(n)?).expect("4 bytes fit");
                    let data = self.input.read(size)?.to_vec();
                    let o = self.decode_string(&data)?;
                    self.push(o);
                }
                STRING => self.load_string()?,
                UNICODE => {
                    let line = self.input.readline()?;
                    if line.is_empty() {
                        return Err(super::input::truncated());
                    }
                    let body = &line[..line.len() - 1];
                    let s = crate::object::codecs_core::decode_raw_unicode_escape(body, None)?;
                    self.push(s);
                }
                SHORT_BINUNICODE | BINUNICODE | BINUNICODE8 => {
                    let n = match op {
                        SHORT_BINUNICODE => 1,
                        BINUNICODE => 4,
                        _ => 8,
                    };
                    let size = binsize(self.input.read(n)?).ok_or_else(|| {
                        errors::overflow_error(format!(
                            "BINUNICODE exceeds system's maximum size of {} bytes",
                            isize::MAX
                        ))
                    })?;
                    let data = self.input.read(size)?;
                    let (s, _) =
                        crate::object::codecs_core::decode_utf8(data, Some("surrogatepass"), true)?;
                    self.push(s);
                }
                EMPTY_TUPLE => self.push(tuple::empty()),
                TUPLE1 | TUPLE2 | TUPLE3 => {
                    let n = (op - TUPLE1 + 1) as usize;
                    if self.stack.len() < n {
                        return Err(underflow(!self.marks.is_empty()));
                    }
                    let t = self.pop_tuple(self.stack.len() - n)?;
                    self.push(t);
                }
                TUPLE => {
                    let i = self.marker()?;
                    let t = self.pop_tuple(i)?;
                    self.push(t);
                }
                EMPTY_LIST => self.push(list::new(0)?),
                LIST => {
                    let i = self.marker()?;
                    let l = list::from_vec(self.stack.split_off(i))?;
                    self.push(l);
                }
                EMPTY_DICT => self.push(dict::new()?),
                DICT => {
                    let i = self.marker()?;
                    let d = dict::new()?;
                    if !(self.stack.len() - i).is_multiple_of(2) {
                        return Err(unpickling_error("odd number of items for DICT"));
                    }
                    for kv in self.stack[i..].chunks(2) {
                        dict::set_item(d.as_ptr(), kv[0].as_ptr(), kv[1].as_ptr())?;
                    }
                    self.stack.truncate(i);
                    self.push(d);
                }
                EMPTY_SET => self.push(set::new_set(null_mut())?),
                ADDITEMS => self.load_additems()?,
                FROZENSET => {
                    let i = self.marker()?;
                    let items = self.pop_tuple(i)?;
                    self.push(set::new_frozenset(items.as_ptr())?);
                }
                OBJ => {
                    let i = self.marker()?;
                    if self.stack.len() < i + 1 {
                        return Err(underflow(!self.marks.is_empty()));
                    }
                    let args = self.pop_tuple(i + 1)?;
                    let cls = self.pop()?;
                    let o = instantiate(cls.as_ptr(), args.as_ptr())?;
                    self.push(o);
                }
                INST => {
                    let i = self.marker()?;
                    let module = self.read_name_line(false)?;
                    let name = self.read_name_line(false)?;
                    let cls = self.find_class(module.as_ptr(), name.as_ptr())?;
                    let args = self.pop_tuple(i)?;
                    let o = instantiate(cls.as_ptr(), args.as_ptr())?;
                    self.push(o);
                }
                NEWOBJ | NEWOBJ_EX => self.load_newobj(op == NEWOBJ_EX)?,
                GLOBAL => {
                    let module = self.read_name_line(true)?;
                    let name = self.read_name_line(true)?;
                    let g = self.find_class(module.as_ptr(), name.as_ptr())?;
                    self.push(g);
                }
                STACK_GLOBAL => {
                    let name = self.pop()?;
                    let module = self.pop()?;
                    if !pystr::check_exact(module.as_ptr()) || !pystr::check_exact(name.as_ptr()) {
                        return Err(unpickling_error("STACK_GLOBAL requires str"));
                    }
                    let g = self.find_class(module.as_ptr(), name.as_ptr())?;
                    self.push(g);
                }
                APPEND => {
                    if self.stack.len() <= self.fence() + 1 {
                        return Err(underflow(!self.marks.is_empty()));
                    }
                    self.do_append(self.stack.len() - 1)?;
                }
                APPENDS => {
                    let i = self.marker()?;
                    self.do_append(i)?;
                }
                SETITEM => {
                    let x = self.stack.len().checked_sub(2);
                    match x {
                        Some(x) => self.do_setitems(x)?,
                        None => return Err(underflow(!self.marks.is_empty())),
                    }
                }
                SETITEMS => {
                    let i = self.marker()?;
                    self.do_setitems(i)?;
                }
                BUILD => self.load_build()?,
                DUP => {
                    let top = self.top()?;
                    self.push(Owned::from_borrowed(top));
                }
                MARK => self.marks.push(self.stack.len()),
                POP => {
                    if self.marks.last() == Some(&self.stack.len()) {
                        self.marks.pop();
                    } else {
                        self.pop()?;
                    }
                }
                POP_MARK => {
                    let i = self.marker()?;
                    self.stack.truncate(i);
                }
                GET => {
                    let line = self.input.readline()?;
                    if line.len() < 2 {
                        return Err(super::input::truncated());
                    }
                    let key = int::parse_text(line_text(line)?, 10)?;
                    let idx = int::as_i64(key.as_ptr())?;
                    self.memo_get(idx)?;
                }
                BINGET => {
                    let idx = self.input.byte()? as i64;
                    self.memo_get(idx)?;
                }
                LONG_BINGET => {
                    let s = self.input.read(4)?;
                    let idx = u32::from_le_bytes([s[0], s[1], s[2], s[3]]) as i64;
                    self.memo_get(idx)?;
                }
                PUT => {
                    let line = self.input.readline()?;
                    if line.len() < 2 {
                        return Err(super::input::truncated());
                    }
                    let text = line_text(line)?.to_owned();
                    let top = self.top()?;
                    let idx = int::as_i64(int::parse_text(&text, 10)?.as_ptr())?;
                    if idx < 0 {
                        return Err(errors::value_error("negative PUT argument"));
                    }
                    self.memo.put(idx as usize, Owned::from_borrowed(top));
                }
                BINPUT => {
                    let idx = self.input.byte()? as usize;
                    let top = self.top()?;
                    self.memo.put(idx, Owned::from_borrowed(top));
                }
                LONG_BINPUT => {
                    let s = self.input.read(4)?;
                    let idx = u32::from_le_bytes([s[0], s[1], s[2], s[3]]) as usize;
                    let top = self.top()?;
                    self.memo.put(idx, Owned::from_borrowed(top));
                }
                MEMOIZE => {
                    let top = self.top()?;
                    let idx = self.memo.next_index();
                    self.memo.put(idx, Owned::from_borrowed(top));
                }
                PERSID => {
                    let line = self.input.readline()?;
                    if line.is_empty() {
                        return Err(super::input::truncated());
                    }
                    let body = &line[..line.len() - 1];
                    if !body.is_ascii() {
                        return Err(unpickling_error(
                            "persistent IDs in protocol 0 must be ASCII strings",
                        ));
                    }
                    let pid = pystr::from_utf8(body)?;
                    let o = self.persistent_load(pid.as_ptr())?;
                    self.push(o);
                }
                BINPERSID => {
                    let pid = self.pop()?;
                    let o = self.persistent_load(pid.as_ptr())?;
                    self.push(o);
                }
                REDUCE => {
                    let args = self.pop()?;
                    let callable = self.pop()?;
                    let o = call_object(callable.as_ptr(), args.as_ptr())?;
                    self.push(o);
                }
                PROTO => {
                    let p = self.input.byte()?;
                    if p > HIGHEST_PROTOCOL {
                        return Err(errors::value_error(format!(
                            "unsupported pickle protocol: {p}"
                        )));
                    }
                    self.proto = p;
                    if !self.owner.is_null() {
                        super::load::set_proto(self.owner, p);
                    }
                }
                FRAME => {
                    let len = binsize(self.input.read(8)?).ok_or_else(|| {
                        errors::overflow_error(format!(
                            "FRAME length exceeds system's maximum of {} bytes",
                            isize::MAX
                        ))
                    })?;
                    self.input.read(len)?;
                    self.input.unread(len);
                }
                EXT1 | EXT2 | EXT4 => self.load_extension(op)?,
                _ => {
                    let msg = if (0x20..=0x7e).contains(&op) && op != b'\'' && op != b'\\' {
                        format!("invalid load key, '{}'.", op as char)
                    } else {
                        format!("invalid load key, '\\x{op:02x}'.")
                    };
                    return Err(unpickling_error(&msg));
                }
            }
        }
        Ok(())
    }

    /// INT: a decimal line; `00` and `01` are protocol 0's False and True.
    fn load_int(&mut self) -> PyResult<()> {
        let line = self.input.readline()?;
        if line.len() < 2 {
            return Err(super::input::truncated());
        }
        let o = match &line[..line.len() - 1] {
            b"00" => Owned::from_borrowed_static(pybool::from_bool(false)),
            b"01" => Owned::from_borrowed_static(pybool::from_bool(true)),
            body => {
                let text = std::str::from_utf8(body).ok();
                match text.and_then(strtol) {
                    Some(v) => int::from_i64(v)?,
                    None => text
                        .and_then(|t| int::parse_text(t, 0).ok())
                        .ok_or_else(|| {
                            errors::clear();
                            errors::value_error("could not convert string to int")
                        })?,
                }
            }
        };
        self.push(o);
        Ok(())
    }

    /// LONG: a decimal line, maybe with Python 2's trailing `L`.
    fn load_long(&mut self) -> PyResult<()> {
        let line = self.input.readline()?;
        if line.len() < 2 {
            return Err(super::input::truncated());
        }
        let mut text = line_text(line)?;
        if let Some(t) = text.strip_suffix('L') {
            text = t;
        }
        let o = int::parse_text(text, 0)?;
        self.push(o);
        Ok(())
    }

    /// STRING: a quoted, backslash-escaped Python 2 string literal.
    fn load_string(&mut self) -> PyResult<()> {
        let line = self.input.readline()?;
        let body = &line[..line.len().saturating_sub(1)];
        let n = body.len();
        if n < 2 || body[0] != body[n - 1] || (body[0] != b'\'' && body[0] != b'"') {
            return Err(unpickling_error(
                "the STRING opcode argument must be quoted",
            ));
        }
        let data = crate::modules::codecs::charmap::unescape_bytes(&body[1..n - 1], None)?;
        let o = self.decode_string(&data)?;
        self.push(o);
        Ok(())
    }

    /// A Python 2 8-bit string: bytes with the encoding "bytes", else
    /// decoded with the unpickler's encoding and errors.
    fn decode_string(&self, data: &[u8]) -> PyResult<Owned> {
        if self.options.encoding == "bytes" {
            bytes::from_slice(data)
        } else {
            pystr::decode(
                data,
                Some(&self.options.encoding),
                Some(&self.options.errors),
            )
        }
    }

    /// A module or class name line of GLOBAL (UTF-8) or INST (ASCII).
    fn read_name_line(&mut self, utf8: bool) -> PyResult<Owned> {
        let line = self.input.readline()?;
        if line.len() < 2 {
            return Err(super::input::truncated());
        }
        let body = &line[..line.len() - 1];
        if utf8 {
            Ok(crate::object::codecs_core::decode_utf8(body, None, true)?.0)
        } else {
            crate::object::codecs_core::decode_ascii(body, None)
        }
    }

    fn memo_get(&mut self, idx: i64) -> PyResult<()> {
        let v = usize::try_from(idx).ok().and_then(|i| self.memo.get(i));
        match v {
            Some(v) => {
                let v = v.clone();
                self.push(v);
                Ok(())
            }
            None => Err(unpickling_error(&format!(
                "Memo value not found at index {idx}"
            ))),
        }
    }

    /// APPEND(S): the items above `x` go onto the list below them.
    unsafe fn do_append(&mut self, x: usize) -> PyResult<()> {
        if x > self.stack.len() || x <= self.fence() {
            return Err(underflow(!self.marks.is_empty()));
        }
        if x == self.stack.len() {
            return Ok(());
        }
        let target = self.stack[x - 1].as_ptr();
        // SAFETY: target and the items are live.
        unsafe {
            if list::check_exact(target) {
                for o in self.stack.split_off(x) {
                    list::append(target, o.as_ptr())?;
                }
                return Ok(());
            }
            if let Some(extend) = protocol::getattr_opt(target, crate::interned!("extend"))? {
                let items = list::from_vec(self.stack.split_off(x))?;
                protocol::call_args(extend.as_ptr(), &[items.as_ptr()])?;
                return Ok(());
            }
            let append = protocol::getattr(target, crate::interned!("append"))?;
            for o in self.stack.split_off(x) {
                protocol::call_args(append.as_ptr(), &[o.as_ptr()])?;
            }
        }
        Ok(())
    }

    /// SETITEM(S): the key/value pairs above `x` go into the mapping below.
    unsafe fn do_setitems(&mut self, x: usize) -> PyResult<()> {
        let len = self.stack.len();
        if x > len || x <= self.fence() {
            return Err(underflow(!self.marks.is_empty()));
        }
        if x == len {
            return Ok(());
        }
        if !(len - x).is_multiple_of(2) {
            return Err(unpickling_error("odd number of items for SETITEMS"));
        }
        let target = self.stack[x - 1].as_ptr();
        let items = self.stack.split_off(x);
        for kv in items.chunks(2) {
            // SAFETY: the objects are live.
            unsafe { protocol::set_item(target, kv[0].as_ptr(), kv[1].as_ptr())? };
        }
        Ok(())
    }

    /// ADDITEMS: the items above the mark go into the set below it.
    unsafe fn load_additems(&mut self) -> PyResult<()> {
        let mark = self.marker()?;
        let len = self.stack.len();
        if mark > len || mark <= self.fence() {
            return Err(underflow(!self.marks.is_empty()));
        }
        if mark == len {
            return Ok(());
        }
        let target = self.stack[mark - 1].as_ptr();
        let items = self.stack.split_off(mark);
        // SAFETY: the objects are live.
        unsafe {
            if set::check_set(target) {
                for o in &items {
                    set::add(target, o.as_ptr())?;
                }
            } else {
                let add = protocol::getattr(target, crate::interned!("add"))?;
                for o in &items {
                    protocol::call_args(add.as_ptr(), &[o.as_ptr()])?;
                }
            }
        }
        Ok(())
    }

    /// BUILD: `inst.__setstate__(state)`, or the default: the state's dict
    /// goes into `inst.__dict__` and its slot dict onto the attributes.
    unsafe fn load_build(&mut self) -> PyResult<()> {
        if self.stack.len() < self.fence() + 2 {
            return Err(underflow(!self.marks.is_empty()));
        }
        let state = self.pop()?;
        let inst = self.top()?;
        // SAFETY: inst and state are live.
        unsafe {
            if let Some(setstate) = protocol::getattr_opt(inst, crate::interned!("__setstate__"))? {
                protocol::call_args(setstate.as_ptr(), &[state.as_ptr()])?;
                return Ok(());
            }
            let (state, slotstate) =
                if tuple::check(state.as_ptr()) && tuple::size(state.as_ptr()) == 2 {
                    let its = tuple::items(state.as_ptr());
                    (
                        Owned::from_borrowed(its[0]),
                        Some(Owned::from_borrowed(its[1])),
                    )
                } else {
                    (state, None)
                };
            if state.as_ptr() != none::none() {
                if !dict::check(state.as_ptr()) {
                    return Err(unpickling_error("state is not a dictionary"));
                }
                let d = protocol::getattr(inst, crate::interned!("__dict__"))?;
                let mut pos = 0;
                while let Some((k, v)) = dict::next(state.as_ptr(), &mut pos) {
                    let mut key = Owned::from_borrowed(k);
                    if pystr::check_exact(k) {
                        let mut p = key.into_raw();
                        pystr::intern_in_place(&mut p)?;
                        key = Owned::from_raw_unchecked(p);
                    }
                    protocol::set_item(d.as_ptr(), key.as_ptr(), v)?;
                }
            }
            if let Some(slots) = slotstate {
                if !dict::check(slots.as_ptr()) {
                    return Err(unpickling_error("slot state is not a dictionary"));
                }
                let mut pos = 0;
                while let Some((k, v)) = dict::next(slots.as_ptr(), &mut pos) {
                    protocol::setattr(inst, k, v)?;
                }
            }
        }
        Ok(())
    }

    /// NEWOBJ / NEWOBJ_EX: `cls.__new__(cls, *args[, **kwargs])`.
    unsafe fn load_newobj(&mut self, ex: bool) -> PyResult<()> {
        let kwargs = if ex { Some(self.pop()?) } else { None };
        let args = self.pop()?;
        let cls = self.pop()?;
        let opname = if ex { "NEWOBJ_EX" } else { "NEWOBJ" };
        // SAFETY: the objects are live.
        unsafe {
            let fail = |what: &str, o: *mut PyObject| {
                unpickling_error(&format!("{opname} {what}{}", type_name(o)))
            };
            if !is_type(cls.as_ptr()) {
                return Err(fail("class argument must be a type, not ", cls.as_ptr()));
            }
            let tp = cls.as_ptr().cast::<PyTypeObject>();
            let Some(new) = (*tp).tp_new else {
                return Err(unpickling_error(&format!(
                    "{opname} class argument '{}' doesn't have __new__",
                    type_name(cls.as_ptr())
                )));
            };
            if !tuple::check(args.as_ptr()) {
                return Err(fail("args argument must be a tuple, not ", args.as_ptr()));
            }
            let kw = match &kwargs {
                Some(k) if !dict::check(k.as_ptr()) => {
                    return Err(fail("kwargs argument must be a dict, not ", k.as_ptr()))
                }
                Some(k) => k.as_ptr(),
                None => null_mut(),
            };
            let o = errors::check(new(tp, args.as_ptr(), kw))?;
            self.push(o);
        }
        Ok(())
    }

    /// EXT1/2/4: an object named in `copyreg`'s extension registry.
    unsafe fn load_extension(&mut self, op: u8) -> PyResult<()> {
        let s = self.input.read(match op {
            EXT1 => 1,
            EXT2 => 2,
            _ => 4,
        })?;
        let code = match s.len() {
            1 => s[0] as i64,
            2 => u16::from_le_bytes([s[0], s[1]]) as i64,
            _ => i32::from_le_bytes([s[0], s[1], s[2], s[3]]) as i64,
        };
        if code <= 0 {
            return Err(unpickling_error("EXT specifies code <= 0"));
        }
        // SAFETY: the registry objects are live.
        unsafe {
            let copyreg = crate::runtime::import::import_absolute("copyreg")?;
            let cache = protocol::getattr_str(copyreg.as_ptr(), "_extension_cache")?;
            let key = int::from_i64(code)?;
            let hit = dict::get_item(cache.as_ptr(), key.as_ptr())?;
            if !hit.is_null() {
                self.push(Owned::from_borrowed(hit));
                return Ok(());
            }
            let inverted = protocol::getattr_str(copyreg.as_ptr(), "_inverted_registry")?;
            let pair = dict::get_item(inverted.as_ptr(), key.as_ptr())?;
            if pair.is_null() {
                return Err(errors::value_error(format!(
                    "unregistered extension code {code}"
                )));
            }
            let ok = tuple::check(pair)
                && tuple::size(pair) == 2
                && pystr::check(tuple::items(pair)[0])
                && pystr::check(tuple::items(pair)[1]);
            if !ok {
                return Err(errors::value_error(format!(
                    "_inverted_registry[{code}] isn't a 2-tuple of strings"
                )));
            }
            let its = tuple::items(pair);
            let obj = self.find_class(its[0], its[1])?;
            dict::set_item(cache.as_ptr(), key.as_ptr(), obj.as_ptr())?;
            self.push(obj);
        }
        Ok(())
    }

    /// The object of a persistent ID: the owning unpickler's
    /// `persistent_load(pid)` (which a subclass or instance provides).
    unsafe fn persistent_load(&self, pid: *mut PyObject) -> PyResult<Owned> {
        if self.owner.is_null() {
            return Err(no_persistent_load());
        }
        // SAFETY: the owner is a live Unpickler; pid live.
        unsafe {
            let f = protocol::getattr(self.owner, crate::interned!("persistent_load"))?;
            protocol::call_args(f.as_ptr(), &[pid])
        }
    }

    /// The global `module.name`: through the owner's `find_class` method
    /// (which a subclass may override), else the default.
    unsafe fn find_class(&self, module: *mut PyObject, name: *mut PyObject) -> PyResult<Owned> {
        // SAFETY: the objects are live.
        unsafe {
            if self.owner.is_null() {
                return find_class(module, name, self.proto, self.options.fix_imports);
            }
            let m = protocol::getattr(self.owner, crate::interned!("find_class"))?;
            protocol::call_args(m.as_ptr(), &[module, name])
        }
    }
}

/// C's `strtol(text, &end, 0)` where all of `text` must be consumed:
/// leading blanks, a sign, then hex (`0x`), octal (leading `0`) or decimal
/// digits; `None` on anything else or on overflow.
fn strtol(text: &str) -> Option<i64> {
    let t = text.trim_start();
    let (neg, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let (radix, digits) = if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        (16, h)
    } else if t.len() > 1 && t.starts_with('0') {
        (8, &t[1..])
    } else {
        (10, t)
    };
    if digits.is_empty() || !digits.bytes().all(|b| (b as char).is_digit(radix)) {
        return None;
    }
    let v = i64::from_str_radix(digits, radix).ok()?;
    Some(if neg { -v } else { v })
}

/// `PyType_Check`.
unsafe fn is_type(o: *mut PyObject) -> bool {
    // SAFETY: o is live.
    unsafe { (*(*o).ob_type).tp_flags & Py_TPFLAGS_TYPE_SUBCLASS != 0 }
}

/// The error of a persistent ID without a `persistent_load` to resolve it.
pub fn no_persistent_load() -> Raised {
    unpickling_error(
        "A load persistent id instruction was encountered, but no persistent_load function was specified.",
    )
}

/// `callable(*args)`; `args` must be a tuple.
unsafe fn call_object(callable: *mut PyObject, args: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: the objects are live.
    unsafe {
        if !tuple::check(args) {
            return Err(errors::type_error("argument list must be a tuple"));
        }
        protocol::call(callable, args, null_mut())
    }
}

/// OBJ and INST: `cls(*args)`, except that a class called with no
/// arguments and without `__getinitargs__` is made with `cls.__new__(cls)`.
unsafe fn instantiate(cls: *mut PyObject, args: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: the objects are live; args is a tuple.
    unsafe {
        if tuple::size(args) == 0 && is_type(cls) {
            let init = protocol::getattr_opt(cls, crate::interned!("__getinitargs__"))?;
            if init.is_none() {
                let new = protocol::getattr(cls, crate::interned!("__new__"))?;
                return protocol::call_args(new.as_ptr(), &[cls]);
            }
        }
        call_object(cls, args)
    }
}

/// `Unpickler.find_class`'s default: maps Python 2 names (protocols below
/// 3, with `fix_imports`), imports the module and looks the name up,
/// following dots for protocol 4 and later.
pub unsafe fn find_class(
    module: *mut PyObject,
    name: *mut PyObject,
    proto: u8,
    fix_imports: bool,
) -> PyResult<Owned> {
    // SAFETY: the objects are live.
    unsafe {
        crate::runtime::audit::audit(c"pickle.find_class", &[module, name])?;
        let (mut module, mut name) = (Owned::from_borrowed(module), Owned::from_borrowed(name));
        if proto < 3 && fix_imports {
            let compat = crate::runtime::import::import_absolute("_compat_pickle")?;
            let names = protocol::getattr_str(compat.as_ptr(), "NAME_MAPPING")?;
            let key = tuple::pack(&[module.as_ptr(), name.as_ptr()])?;
            let item = protocol::get_item(names.as_ptr(), key.as_ptr());
            match item {
                Ok(item) => {
                    if !tuple::check(item.as_ptr()) || tuple::size(item.as_ptr()) != 2 {
                        return Err(errors::runtime_error(format!(
                            "_compat_pickle.NAME_MAPPING values should be 2-tuples, not {}",
                            type_name(item.as_ptr())
                        )));
                    }
                    let its = tuple::items(item.as_ptr());
                    if !pystr::check(its[0]) || !pystr::check(its[1]) {
                        return Err(errors::runtime_error(format!(
                            "_compat_pickle.NAME_MAPPING values should be pairs of str, not ({}, {})",
                            type_name(its[0]),
                            type_name(its[1])
                        )));
                    }
                    module = Owned::from_borrowed(its[0]);
                    name = Owned::from_borrowed(its[1]);
                }
                Err(_) if errors::matches(crate::object::exceptions::PyExc_KeyError) => {
                    errors::clear();
                    let imports = protocol::getattr_str(compat.as_ptr(), "IMPORT_MAPPING")?;
                    match protocol::get_item(imports.as_ptr(), module.as_ptr()) {
                        Ok(m) => {
                            if !pystr::check(m.as_ptr()) {
                                return Err(errors::runtime_error(format!(
                                    "_compat_pickle.IMPORT_MAPPING values should be strings, not {}",
                                    type_name(m.as_ptr())
                                )));
                            }
                            module = m;
                        }
                        Err(_) if errors::matches(crate::object::exceptions::PyExc_KeyError) => {
                            errors::clear();
                        }
                        Err(e) => return Err(e),
                    }
                }
                Err(e) => return Err(e),
            }
        }
        let m = errors::check(crate::capi::import::PyImport_Import(module.as_ptr()))?;
        getattribute(m.as_ptr(), name.as_ptr(), proto >= 4)
    }
}

/// `getattr(obj, name)`, or with `dotted` the attribute path `a.b.c`
/// (refusing `<locals>`), with pickle.py's messages.
unsafe fn getattribute(obj: *mut PyObject, name: *mut PyObject, dotted: bool) -> PyResult<Owned> {
    // SAFETY: the objects are live.
    unsafe {
        if !pystr::check(name) {
            // getattr raises the TypeError for a name that is not a str.
            return protocol::getattr(obj, name);
        }
        let text = pystr::as_str(name)?.to_owned();
        let mut cur = Owned::from_borrowed(obj);
        let parts: Vec<&str> = if dotted {
            text.split('.').collect()
        } else {
            vec![&text]
        };
        for part in parts {
            if part == "<locals>" {
                return Err(errors::attribute_error(format!(
                    "Can't get local attribute {} on {}",
                    protocol::repr_string(name)?,
                    protocol::repr_string(obj)?
                )));
            }
            match protocol::getattr(cur.as_ptr(), pystr::from_str(part)?.as_ptr()) {
                Ok(next) => cur = next,
                Err(_) if errors::matches(crate::object::exceptions::PyExc_AttributeError) => {
                    errors::clear();
                    return Err(errors::attribute_error(format!(
                        "Can't get attribute {} on {}",
                        protocol::repr_string(name)?,
                        protocol::repr_string(obj)?
                    )));
                }
                Err(e) => return Err(e),
            }
        }
        Ok(cur)
    }
}
