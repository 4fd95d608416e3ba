//! The pickling machine (CPython's `save` and its `save_*` functions in
//! `Modules/_pickle.c`): writes the opcodes for an object graph into a
//! byte buffer, with the memo that makes shared and recursive objects
//! references, and protocol 4's framing.
use super::opcodes::*;
use super::{buffer as picklebuffer, pickling_error};
use crate::ffi::*;
use crate::object::protocol::RecursionGuard;
use crate::object::typeobj::type_name;
use crate::object::{
    bool as pybool, bytearray, bytes, dict, float, int, list, none, protocol, str as pystr, tuple,
};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use std::collections::HashMap;
use std::ptr::null_mut;

/// A frame is closed at the first opcode boundary past this size.
const FRAME_SIZE_TARGET: usize = 64 * 1024;
/// Frames shorter than this get no FRAME opcode.
const FRAME_SIZE_MIN: usize = 4;
/// FRAME and its 8-byte length.
const FRAME_HEADER: usize = 9;
/// Items per APPENDS / SETITEMS / ADDITEMS.
const BATCHSIZE: usize = 1000;

/// The settings and hooks of a pickler.
pub struct Settings {
    pub proto: u8,
    pub fix_imports: bool,
    pub buffer_callback: Option<Owned>,
    pub persistent_id: Option<Owned>,
    pub reducer_override: Option<Owned>,
    pub dispatch_table: Option<Owned>,
    pub fast: bool,
}

/// The objects already written, by identity: their memo index, and a
/// reference that keeps them alive (so an address is never reused).
#[derive(Default, Clone)]
pub struct PickleMemo {
    map: HashMap<usize, (usize, Owned)>,
}

impl PickleMemo {
    pub fn clear(&mut self) {
        self.map.clear();
    }
    pub fn values(&self) -> impl Iterator<Item = &Owned> {
        self.map.values().map(|(_, o)| o)
    }

    /// The memo as `PicklerMemoProxy.copy()` shows it: `{id(obj): (index,
    /// obj)}`, in index order.
    pub fn to_dict(&self) -> PyResult<Owned> {
        let mut entries: Vec<_> = self.map.iter().collect();
        entries.sort_unstable_by_key(|(_, (idx, _))| *idx);
        let d = dict::new()?;
        for (&addr, (idx, obj)) in entries {
            let value = tuple::pack(&[int::from_u64(*idx as u64)?.as_ptr(), obj.as_ptr()])?;
            // SAFETY: d is a new dict; the key and value are fresh objects.
            unsafe {
                dict::set_item(
                    d.as_ptr(),
                    int::from_u64(addr as u64)?.as_ptr(),
                    value.as_ptr(),
                )?
            };
        }
        Ok(d)
    }

    /// A memo from a dict whose values are `(index, obj)` pairs (the
    /// keys do not matter), as assigning `Pickler.memo` takes it.
    ///
    /// # Safety
    /// `d` is a dict.
    pub unsafe fn from_dict(d: *mut PyObject) -> PyResult<PickleMemo> {
        let mut memo = PickleMemo::default();
        let mut pos = 0;
        // SAFETY: d is a dict; its values stay alive while it is read.
        unsafe {
            while let Some((_, v)) = dict::next(d, &mut pos) {
                if !tuple::check(v) || tuple::size(v) != 2 {
                    return Err(errors::type_error("'memo' values must be 2-item tuples"));
                }
                let [idx, obj] = [tuple::items(v)[0], tuple::items(v)[1]];
                if !int::check(idx) {
                    return Err(errors::type_error("an integer is required"));
                }
                let idx = int::as_i64(idx)?;
                let keep = Owned::from_borrowed(obj);
                memo.map.insert(obj as usize, (idx as usize, keep));
            }
        }
        Ok(memo)
    }
}

/// One run of the machine.
pub struct Dump<'a> {
    pub out: Vec<u8>,
    settings: &'a Settings,
    memo: &'a mut PickleMemo,
    /// Where the open frame's reserved header starts, if one is open.
    frame_start: Option<usize>,
    /// The file's `write` when dumping to a file: each full frame, and
    /// each large payload, is handed to it as soon as it is complete
    /// (CPython's `_Pickler_FlushToFile`), instead of the whole pickle at
    /// the end.
    sink: Option<*mut PyObject>,
}

impl<'a> Dump<'a> {
    pub fn new(settings: &'a Settings, memo: &'a mut PickleMemo) -> Self {
        Dump {
            out: Vec::new(),
            settings,
            memo,
            frame_start: None,
            sink: None,
        }
    }

    /// As [`Dump::new`], writing through `write` (a live callable) as it
    /// goes; [`Dump::flush`] writes what is left after the dump.
    pub fn to_file(settings: &'a Settings, memo: &'a mut PickleMemo, write: *mut PyObject) -> Self {
        Dump {
            sink: Some(write),
            ..Dump::new(settings, memo)
        }
    }

    /// Hands the buffered output to the file (no frame may be open).
    pub unsafe fn flush(&mut self) -> PyResult<()> {
        let Some(write) = self.sink else {
            return Ok(());
        };
        if self.out.is_empty() {
            return Ok(());
        }
        let data = bytes::from_slice(&self.out)?;
        self.out.clear();
        // SAFETY: write is the live callable of to_file.
        unsafe { protocol::call_args(write, &[data.as_ptr()])? };
        Ok(())
    }

    fn proto(&self) -> u8 {
        self.settings.proto
    }

    fn bin(&self) -> bool {
        self.settings.proto >= 1
    }

    fn w(&mut self, b: &[u8]) {
        self.out.extend_from_slice(b);
    }

    fn op(&mut self, o: u8) {
        self.out.push(o);
    }

    fn open_frame(&mut self) {
        self.frame_start = Some(self.out.len());
        self.out.extend_from_slice(&[0; FRAME_HEADER]);
    }

    /// Closes the open frame: fills in its header, or drops the reserved
    /// room when it is too short to be worth one.
    fn commit_frame(&mut self) {
        let Some(start) = self.frame_start.take() else {
            return;
        };
        let len = self.out.len() - start - FRAME_HEADER;
        if len >= FRAME_SIZE_MIN {
            self.out[start] = FRAME;
            self.out[start + 1..start + FRAME_HEADER].copy_from_slice(&(len as u64).to_le_bytes());
        } else {
            self.out.drain(start..start + FRAME_HEADER);
        }
    }

    /// Between two opcodes: a full frame is closed (and written to the
    /// file, if any) and a new one opened.
    unsafe fn boundary(&mut self) -> PyResult<()> {
        if let Some(start) = self.frame_start {
            if self.out.len() - start - FRAME_HEADER >= FRAME_SIZE_TARGET {
                self.commit_frame();
                // SAFETY: no frame is open.
                unsafe { self.flush()? };
                self.open_frame();
            }
        }
        Ok(())
    }

    /// Writes a whole pickle of `obj`: PROTO, the object, STOP.
    pub unsafe fn dump(&mut self, obj: *mut PyObject) -> PyResult<()> {
        if self.proto() >= 2 {
            self.w(&[PROTO, self.proto()]);
            if self.proto() >= 4 {
                self.open_frame();
            }
        }
        // SAFETY: obj is live.
        unsafe { self.save(obj, false)? };
        self.op(STOP);
        self.commit_frame();
        Ok(())
    }

    /// A header and a large payload go outside any frame; with a file,
    /// the payload goes to it directly, after the output before it
    /// (CPython's `_Pickler_write_bytes`).
    unsafe fn write_large(&mut self, header: &[u8], payload: &[u8]) -> PyResult<()> {
        if payload.len() < FRAME_SIZE_TARGET {
            self.w(header);
            self.w(payload);
            return Ok(());
        }
        let framing = self.frame_start.is_some();
        self.commit_frame();
        self.w(header);
        match self.sink {
            Some(write) => {
                // SAFETY: no frame is open; write is live.
                unsafe {
                    self.flush()?;
                    let data = bytes::from_slice(payload)?;
                    protocol::call_args(write, &[data.as_ptr()])?;
                }
            }
            None => self.w(payload),
        }
        if framing {
            self.open_frame();
        }
        Ok(())
    }

    fn memo_index(&self, obj: *mut PyObject) -> Option<usize> {
        self.memo.map.get(&(obj as usize)).map(|e| e.0)
    }

    /// Stores `obj` in the memo and writes the PUT for it.
    unsafe fn memoize(&mut self, obj: *mut PyObject) {
        if self.settings.fast {
            return;
        }
        let idx = self.memo.map.len();
        if self.proto() >= 4 {
            self.op(MEMOIZE);
        } else if self.bin() {
            if idx < 256 {
                self.w(&[BINPUT, idx as u8]);
            } else {
                self.op(LONG_BINPUT);
                self.w(&(idx as u32).to_le_bytes());
            }
        } else {
            self.op(PUT);
            self.w(idx.to_string().as_bytes());
            self.op(b'\n');
        }
        // SAFETY: obj is live.
        let keep = unsafe { Owned::from_borrowed(obj) };
        self.memo.map.insert(obj as usize, (idx, keep));
    }

    /// Writes the GET of memo entry `idx`.
    fn get(&mut self, idx: usize) {
        if self.bin() {
            if idx < 256 {
                self.w(&[BINGET, idx as u8]);
            } else {
                self.op(LONG_BINGET);
                self.w(&(idx as u32).to_le_bytes());
            }
        } else {
            self.op(GET);
            self.w(idx.to_string().as_bytes());
            self.op(b'\n');
        }
    }

    /// Writes `obj`.
    pub unsafe fn save(&mut self, obj: *mut PyObject, pers_save: bool) -> PyResult<()> {
        // SAFETY: obj and everything reached from it are live.
        unsafe {
            self.boundary()?;
            self.save_inner(obj, pers_save)
        }
    }

    unsafe fn save_inner(&mut self, obj: *mut PyObject, pers_save: bool) -> PyResult<()> {
        // SAFETY: obj live; the GIL is held.
        unsafe {
            if !pers_save {
                if let Some(f) = &self.settings.persistent_id {
                    let pid = protocol::call_args(f.as_ptr(), &[obj])?;
                    if pid.as_ptr() != none::none() {
                        return self.save_pers(pid.as_ptr());
                    }
                }
            }
            let tp = (*obj).ob_type;
            if obj == none::none() {
                self.op(NONE);
                return Ok(());
            }
            if obj == pybool::from_bool(true) || obj == pybool::from_bool(false) {
                let t = obj == pybool::from_bool(true);
                if self.proto() >= 2 {
                    self.op(if t { NEWTRUE } else { NEWFALSE });
                } else {
                    self.w(if t { b"I01\n" } else { b"I00\n" });
                }
                return Ok(());
            }
            if int::check_exact(obj) {
                return self.save_long(obj);
            }
            if float::check_exact(obj) {
                let v = float::value(obj);
                if self.bin() {
                    self.op(BINFLOAT);
                    self.w(&v.to_be_bytes());
                } else {
                    self.op(FLOAT);
                    self.w(crate::object::float_repr::repr(v).as_bytes());
                    self.op(b'\n');
                }
                return Ok(());
            }
            if let Some(idx) = self.memo_index(obj) {
                self.get(idx);
                return Ok(());
            }
            if bytes::check_exact(obj) {
                return self.save_bytes(obj);
            }
            if pystr::check_exact(obj) {
                return self.save_str(obj);
            }
            let _guard = RecursionGuard::enter(" while pickling an object")?;
            if dict::check_exact(obj) {
                return self.save_dict(obj);
            }
            if tp == &raw mut crate::object::set::PySet_Type {
                return self.save_set(obj);
            }
            if tp == &raw mut crate::object::set::PyFrozenSet_Type {
                return self.save_frozenset(obj);
            }
            if list::check_exact(obj) {
                return self.save_list(obj);
            }
            if tuple::check_exact(obj) {
                return self.save_tuple(obj);
            }
            if tp == &raw mut crate::object::bytearray::PyByteArray_Type {
                return self.save_bytearray(obj);
            }
            if picklebuffer::check(obj) {
                return self.save_picklebuffer(obj);
            }
            if let Some(f) = &self.settings.reducer_override {
                let rv = protocol::call_args(f.as_ptr(), &[obj])?;
                if rv.as_ptr() != none::not_implemented() {
                    return self.save_reduce_value(obj, rv);
                }
            }
            if tp == &raw mut crate::object::typeobj::PyType_Type {
                return self.save_type(obj);
            }
            if tp == &raw mut crate::vm::function::PyFunction_Type {
                return self.save_global(obj, null_mut());
            }
            let reduce = match &self.settings.dispatch_table {
                Some(t) => match protocol::get_item(t.as_ptr(), tp.cast()) {
                    Ok(f) => Some(f),
                    Err(_) if errors::matches(crate::object::exceptions::PyExc_KeyError) => {
                        errors::clear();
                        None
                    }
                    Err(e) => return Err(e),
                },
                None => {
                    let copyreg = crate::runtime::import::import_absolute("copyreg")?;
                    let table = protocol::getattr_str(copyreg.as_ptr(), "dispatch_table")?;
                    let f = dict::get_item(table.as_ptr(), tp.cast())?;
                    (!f.is_null()).then(|| Owned::from_borrowed(f))
                }
            };
            let rv = if let Some(f) = reduce {
                protocol::call_args(f.as_ptr(), &[obj])?
            } else if (*tp).tp_flags & Py_TPFLAGS_TYPE_SUBCLASS != 0 {
                return self.save_global(obj, null_mut());
            } else if let Some(f) = protocol::getattr_opt(obj, crate::interned!("__reduce_ex__"))? {
                let p = int::from_i64(self.proto() as i64)?;
                protocol::call_args(f.as_ptr(), &[p.as_ptr()])?
            } else if let Some(f) = protocol::getattr_opt(obj, crate::interned!("__reduce__"))? {
                protocol::call_args(f.as_ptr(), &[])?
            } else {
                return Err(pickling_error(&format!(
                    "can't pickle '{}' object: {}",
                    type_name(obj),
                    protocol::repr_string(obj)?
                )));
            };
            self.save_reduce_value(obj, rv)
        }
    }

    unsafe fn save_reduce_value(&mut self, obj: *mut PyObject, rv: Owned) -> PyResult<()> {
        // SAFETY: the objects are live.
        unsafe {
            if pystr::check(rv.as_ptr()) {
                return self.save_global(obj, rv.as_ptr());
            }
            if !tuple::check(rv.as_ptr()) {
                return Err(pickling_error("__reduce__ must return a string or tuple"));
            }
            self.save_reduce(rv.as_ptr(), obj)
        }
    }

    unsafe fn save_pers(&mut self, pid: *mut PyObject) -> PyResult<()> {
        // SAFETY: pid live.
        unsafe {
            if self.bin() {
                self.save(pid, true)?;
                self.op(BINPERSID);
            } else {
                let s = protocol::str_(pid)?;
                let text = pystr::as_str(s.as_ptr())?;
                if !text.is_ascii() {
                    return Err(pickling_error(
                        "persistent IDs in protocol 0 must be ASCII strings",
                    ));
                }
                self.op(PERSID);
                self.w(text.as_bytes());
                self.op(b'\n');
            }
        }
        Ok(())
    }

    unsafe fn save_long(&mut self, obj: *mut PyObject) -> PyResult<()> {
        // SAFETY: obj is an int.
        unsafe {
            let small = int::as_i128(obj).filter(|v| i32::try_from(*v).is_ok());
            if let Some(v) = small {
                let v = v as i64;
                if self.bin() {
                    if (0..=0xff).contains(&v) {
                        self.w(&[BININT1, v as u8]);
                    } else if (0..=0xffff).contains(&v) {
                        self.op(BININT2);
                        self.w(&(v as u16).to_le_bytes());
                    } else {
                        self.op(BININT);
                        self.w(&(v as i32).to_le_bytes());
                    }
                    return Ok(());
                }
                if !self.bin() {
                    self.op(INT);
                    self.w(v.to_string().as_bytes());
                    self.op(b'\n');
                    return Ok(());
                }
            }
            if self.proto() >= 2 {
                let data = long_bytes(obj)?;
                if data.len() < 256 {
                    self.w(&[LONG1, data.len() as u8]);
                } else {
                    if data.len() > i32::MAX as usize {
                        return Err(errors::overflow_error("int too large to pickle"));
                    }
                    self.op(LONG4);
                    self.w(&(data.len() as i32).to_le_bytes());
                }
                self.w(&data);
            } else {
                let r = protocol::repr(obj)?;
                self.op(LONG);
                self.w(pystr::as_str(r.as_ptr())?.as_bytes());
                self.w(b"L\n");
            }
        }
        Ok(())
    }

    /// The bytes of a bytes-like pickled in band (BINBYTES family), and
    /// the memo entry for `obj`.
    unsafe fn save_bytes_data(&mut self, obj: *mut PyObject, data: &[u8]) -> PyResult<()> {
        let n = data.len();
        let mut header = Vec::with_capacity(9);
        if n < 256 {
            header.extend_from_slice(&[SHORT_BINBYTES, n as u8]);
        } else if n <= u32::MAX as usize {
            header.push(BINBYTES);
            header.extend_from_slice(&(n as u32).to_le_bytes());
        } else if self.proto() >= 4 {
            header.push(BINBYTES8);
            header.extend_from_slice(&(n as u64).to_le_bytes());
        } else {
            return Err(pickling_error(
                "cannot serialize a bytes object larger than 4 GiB",
            ));
        }
        self.write_large(&header, data)?;
        // SAFETY: obj live.
        unsafe { self.memoize(obj) };
        Ok(())
    }

    unsafe fn save_bytes(&mut self, obj: *mut PyObject) -> PyResult<()> {
        // SAFETY: obj is bytes.
        unsafe {
            let data =
                std::slice::from_raw_parts(bytes::as_mut_ptr(obj), bytes::size(obj) as usize);
            if self.proto() >= 3 {
                return self.save_bytes_data(obj, data);
            }
            // Older protocols have no bytes: `bytes()` for an empty one,
            // else `_codecs.encode(text, 'latin1')`.
            let rv = if data.is_empty() {
                tuple::pack(&[
                    (&raw mut crate::object::bytes::PyBytes_Type).cast(),
                    tuple::empty().as_ptr(),
                ])?
            } else {
                let codecs = crate::runtime::import::import_absolute("_codecs")?;
                let encode = protocol::getattr_str(codecs.as_ptr(), "encode")?;
                let text = crate::object::codecs_core::decode_latin1(data)?;
                let args = tuple::pack(&[text.as_ptr(), crate::interned!("latin1")])?;
                tuple::pack(&[encode.as_ptr(), args.as_ptr()])?
            };
            self.save_reduce(rv.as_ptr(), obj)
        }
    }

    unsafe fn save_bytearray_data(&mut self, obj: *mut PyObject, data: &[u8]) -> PyResult<()> {
        let mut header = vec![BYTEARRAY8];
        header.extend_from_slice(&(data.len() as u64).to_le_bytes());
        self.write_large(&header, data)?;
        // SAFETY: obj live.
        unsafe { self.memoize(obj) };
        Ok(())
    }

    unsafe fn save_bytearray(&mut self, obj: *mut PyObject) -> PyResult<()> {
        // SAFETY: obj is a bytearray.
        unsafe {
            let data = bytearray::as_slice(obj).to_vec();
            if self.proto() < 5 {
                let tp: *mut PyObject =
                    (&raw mut crate::object::bytearray::PyByteArray_Type).cast();
                let args = if data.is_empty() {
                    tuple::empty()
                } else {
                    let b = bytes::from_slice(&data)?;
                    tuple::pack(&[b.as_ptr()])?
                };
                let rv = tuple::pack(&[tp, args.as_ptr()])?;
                return self.save_reduce(rv.as_ptr(), obj);
            }
            self.save_bytearray_data(obj, &data)
        }
    }

    unsafe fn save_picklebuffer(&mut self, obj: *mut PyObject) -> PyResult<()> {
        // SAFETY: obj is a PickleBuffer.
        unsafe {
            if self.proto() < 5 {
                return Err(pickling_error(
                    "PickleBuffer can only be pickled with protocol >= 5",
                ));
            }
            let view = picklebuffer::live_view(obj)?;
            if !crate::object::buffer::is_contiguous(view, b'A') {
                return Err(pickling_error(
                    "PickleBuffer can not be pickled when pointing to a non-contiguous buffer",
                ));
            }
            let readonly = view.readonly != 0;
            let data = if view.len == 0 {
                Vec::new()
            } else {
                std::slice::from_raw_parts(view.buf.cast::<u8>(), view.len as usize).to_vec()
            };
            let in_band = match &self.settings.buffer_callback {
                None => true,
                Some(cb) => {
                    let r = protocol::call_args(cb.as_ptr(), &[obj])?;
                    protocol::is_true(r.as_ptr())?
                }
            };
            if in_band {
                if readonly {
                    self.save_bytes_data(obj, &data)
                } else {
                    self.save_bytearray_data(obj, &data)
                }
            } else {
                self.op(NEXT_BUFFER);
                if readonly {
                    self.op(READONLY_BUFFER);
                }
                Ok(())
            }
        }
    }

    unsafe fn save_str(&mut self, obj: *mut PyObject) -> PyResult<()> {
        // SAFETY: obj is a str.
        unsafe {
            if self.bin() {
                let enc = crate::object::codecs_core::encode(
                    obj,
                    crate::object::codecs_core::lookup("utf-8").expect("utf-8 codec"),
                    Some("surrogatepass"),
                )?;
                let data = std::slice::from_raw_parts(
                    bytes::as_mut_ptr(enc.as_ptr()),
                    bytes::size(enc.as_ptr()) as usize,
                );
                let n = data.len();
                let mut header = Vec::with_capacity(9);
                if n < 256 && self.proto() >= 4 {
                    header.extend_from_slice(&[SHORT_BINUNICODE, n as u8]);
                } else if n > u32::MAX as usize && self.proto() >= 4 {
                    header.push(BINUNICODE8);
                    header.extend_from_slice(&(n as u64).to_le_bytes());
                } else if n <= u32::MAX as usize {
                    header.push(BINUNICODE);
                    header.extend_from_slice(&(n as u32).to_le_bytes());
                } else {
                    return Err(pickling_error("cannot serialize a string larger than 4GiB"));
                }
                self.write_large(&header, data)?;
            } else {
                self.op(UNICODE);
                let n = pystr::len(obj) as usize;
                let mut line = Vec::with_capacity(n + 1);
                for i in 0..n {
                    let c = pystr::read_char(obj, i);
                    if c >= 0x10000 {
                        line.extend_from_slice(format!("\\U{c:08x}").as_bytes());
                    } else if c >= 256 || matches!(c, 0x5c | 0 | 0x0a | 0x0d | 0x1a) {
                        line.extend_from_slice(format!("\\u{c:04x}").as_bytes());
                    } else {
                        line.push(c as u8);
                    }
                }
                line.push(b'\n');
                self.w(&line);
            }
            self.memoize(obj);
        }
        Ok(())
    }

    unsafe fn save_tuple(&mut self, obj: *mut PyObject) -> PyResult<()> {
        // SAFETY: obj is a tuple; its items live while it does.
        unsafe {
            let items = tuple::items(obj).to_vec();
            let n = items.len();
            if n == 0 {
                if self.proto() >= 1 {
                    self.op(EMPTY_TUPLE);
                } else {
                    self.w(&[MARK, TUPLE]);
                }
                return Ok(());
            }
            if n <= 3 && self.proto() >= 2 {
                for &it in &items {
                    self.save(it, false)?;
                }
                if let Some(idx) = self.memo_index(obj) {
                    // Recursive: drop the items and fetch the tuple.
                    for _ in 0..n {
                        self.op(POP);
                    }
                    self.get(idx);
                } else {
                    self.op(TUPLE1 + n as u8 - 1);
                    self.memoize(obj);
                }
                return Ok(());
            }
            self.op(MARK);
            for &it in &items {
                self.save(it, false)?;
            }
            if let Some(idx) = self.memo_index(obj) {
                if self.bin() {
                    self.op(POP_MARK);
                } else {
                    for _ in 0..=n {
                        self.op(POP);
                    }
                }
                self.get(idx);
            } else {
                self.op(TUPLE);
                self.memoize(obj);
            }
        }
        Ok(())
    }

    unsafe fn save_list(&mut self, obj: *mut PyObject) -> PyResult<()> {
        // SAFETY: obj is a list.
        unsafe {
            if self.bin() {
                self.op(EMPTY_LIST);
            } else {
                self.w(&[MARK, LIST]);
            }
            self.memoize(obj);
            if list::len(obj) == 0 {
                return Ok(());
            }
            if !self.bin() {
                let mut i = 0;
                while i < list::len(obj) {
                    let it = list::item(obj, i)?;
                    self.save(it.as_ptr(), false)?;
                    self.op(APPEND);
                    i += 1;
                }
                return Ok(());
            }
            if list::len(obj) == 1 {
                let it = list::item(obj, 0)?;
                self.save(it.as_ptr(), false)?;
                self.op(APPEND);
                return Ok(());
            }
            // Batches of MARK ... APPENDS, however short the last one.
            let mut i = 0;
            while i < list::len(obj) {
                self.op(MARK);
                let mut n = 0;
                while i < list::len(obj) && n < BATCHSIZE {
                    let it = list::item(obj, i)?;
                    self.save(it.as_ptr(), false)?;
                    i += 1;
                    n += 1;
                }
                self.op(APPENDS);
            }
        }
        Ok(())
    }

    /// APPENDS for the items of an iterator (a reduce value's list items).
    unsafe fn batch_appends(&mut self, it: *mut PyObject) -> PyResult<()> {
        // SAFETY: it is an iterator.
        unsafe { self.batch(it, APPEND, APPENDS, |p, x| p.save(x.as_ptr(), false)) }
    }

    /// The items of the iterator `it` in batches (`_batch_appends`,
    /// `_batch_setitems`): each item is written by `save_item`, then `one`
    /// (text protocols, or a batch of a single item), or MARK, up to
    /// BATCHSIZE items, then `many`.
    unsafe fn batch(
        &mut self,
        it: *mut PyObject,
        one: u8,
        many: u8,
        save_item: impl Fn(&mut Self, &Owned) -> PyResult<()>,
    ) -> PyResult<()> {
        // SAFETY: it is an iterator.
        unsafe {
            if !self.bin() {
                while let Some(x) = protocol::iter_next(it)? {
                    save_item(self, &x)?;
                    self.op(one);
                }
                return Ok(());
            }
            let mut first = protocol::iter_next(it)?;
            while let Some(x) = first.take() {
                let Some(y) = protocol::iter_next(it)? else {
                    save_item(self, &x)?;
                    self.op(one);
                    break;
                };
                self.op(MARK);
                save_item(self, &x)?;
                save_item(self, &y)?;
                let mut n = 2;
                while n < BATCHSIZE {
                    match protocol::iter_next(it)? {
                        Some(z) => {
                            save_item(self, &z)?;
                            n += 1;
                        }
                        None => break,
                    }
                }
                self.op(many);
                if n == BATCHSIZE {
                    first = protocol::iter_next(it)?;
                }
            }
        }
        Ok(())
    }

    unsafe fn save_dict(&mut self, obj: *mut PyObject) -> PyResult<()> {
        // SAFETY: obj is a dict.
        unsafe {
            if self.bin() {
                self.op(EMPTY_DICT);
            } else {
                self.w(&[MARK, DICT]);
            }
            self.memoize(obj);
            if dict::len(obj) == 0 {
                return Ok(());
            }
            if !self.bin() || dict::len(obj) == 1 {
                let items = protocol::call_method_obj(obj, "items", &[])?;
                let it = protocol::get_iter(items.as_ptr())?;
                return self.batch_setitems(it.as_ptr());
            }
            self.batch_dict_exact(obj)
        }
    }

    /// SETITEMS batches for a dict of several items, however short the
    /// last batch; the dict must not change size meanwhile.
    unsafe fn batch_dict_exact(&mut self, obj: *mut PyObject) -> PyResult<()> {
        // SAFETY: obj is a dict; each pair is held while saved.
        unsafe {
            let size = dict::len(obj);
            let mut pos = 0;
            let mut done = 0;
            loop {
                self.op(MARK);
                let mut n = 0;
                while n < BATCHSIZE {
                    let Some((k, v)) = dict::next(obj, &mut pos) else {
                        break;
                    };
                    let (k, v) = (Owned::from_borrowed(k), Owned::from_borrowed(v));
                    self.save(k.as_ptr(), false)?;
                    self.save(v.as_ptr(), false)?;
                    if dict::len(obj) != size {
                        return Err(errors::runtime_error(
                            "dictionary changed size during iteration",
                        ));
                    }
                    n += 1;
                }
                done += n;
                self.op(SETITEMS);
                if n < BATCHSIZE || done as Py_ssize_t >= size {
                    break;
                }
            }
        }
        Ok(())
    }

    /// SETITEMS for the (key, value) pairs of an iterator.
    unsafe fn batch_setitems(&mut self, it: *mut PyObject) -> PyResult<()> {
        let save_pair = |p: &mut Self, pair: &Owned| -> PyResult<()> {
            // SAFETY: pair is a live object; a 2-tuple's items are live.
            unsafe {
                if !tuple::check(pair.as_ptr()) || tuple::size(pair.as_ptr()) != 2 {
                    return Err(errors::type_error(
                        "dict items iterator must return 2-tuples",
                    ));
                }
                let kv = tuple::items(pair.as_ptr());
                p.save(kv[0], false)?;
                p.save(kv[1], false)
            }
        };
        // SAFETY: it is an iterator.
        unsafe { self.batch(it, SETITEM, SETITEMS, save_pair) }
    }

    unsafe fn save_set(&mut self, obj: *mut PyObject) -> PyResult<()> {
        // SAFETY: obj is a set.
        unsafe {
            if self.proto() < 4 {
                let items = list::from_iterable(obj)?;
                let args = tuple::pack(&[items.as_ptr()])?;
                let rv = tuple::pack(&[(*obj).ob_type.cast(), args.as_ptr()])?;
                return self.save_reduce(rv.as_ptr(), obj);
            }
            self.op(EMPTY_SET);
            self.memoize(obj);
            let items = list::from_iterable(obj)?;
            let all = crate::object::list::items(items.as_ptr()).to_vec();
            for chunk in all.chunks(BATCHSIZE) {
                self.op(MARK);
                for &x in chunk {
                    self.save(x, false)?;
                }
                self.op(ADDITEMS);
            }
        }
        Ok(())
    }

    unsafe fn save_frozenset(&mut self, obj: *mut PyObject) -> PyResult<()> {
        // SAFETY: obj is a frozenset.
        unsafe {
            if self.proto() < 4 {
                let items = list::from_iterable(obj)?;
                let args = tuple::pack(&[items.as_ptr()])?;
                let rv = tuple::pack(&[(*obj).ob_type.cast(), args.as_ptr()])?;
                return self.save_reduce(rv.as_ptr(), obj);
            }
            self.op(MARK);
            let items = list::from_iterable(obj)?;
            for &x in crate::object::list::items(items.as_ptr()).to_vec().iter() {
                self.save(x, false)?;
            }
            if let Some(idx) = self.memo_index(obj) {
                self.op(POP_MARK);
                self.get(idx);
            } else {
                self.op(FROZENSET);
                self.memoize(obj);
            }
        }
        Ok(())
    }

    unsafe fn save_type(&mut self, obj: *mut PyObject) -> PyResult<()> {
        // SAFETY: obj is a type.
        unsafe {
            for single in [none::none(), none::not_implemented(), none::ellipsis()] {
                if obj == (*single).ob_type.cast() {
                    let args = tuple::pack(&[single])?;
                    let rv = tuple::pack(&[
                        (&raw mut crate::object::typeobj::PyType_Type).cast(),
                        args.as_ptr(),
                    ])?;
                    return self.save_reduce(rv.as_ptr(), obj);
                }
            }
            self.save_global(obj, null_mut())
        }
    }

    /// `obj` by name (GLOBAL, STACK_GLOBAL or an extension code); `name`
    /// overrides its `__qualname__`.
    unsafe fn save_global(&mut self, obj: *mut PyObject, name: *mut PyObject) -> PyResult<()> {
        // SAFETY: the objects are live.
        unsafe {
            let global_name = if !name.is_null() {
                Owned::from_borrowed(name)
            } else if let Some(q) = protocol::getattr_opt(obj, crate::interned!("__qualname__"))? {
                q
            } else {
                protocol::getattr(obj, crate::interned!("__name__"))?
            };
            if !pystr::check(global_name.as_ptr()) {
                return Err(errors::type_error(format!(
                    "attribute name must be string, not '{}'",
                    type_name(global_name.as_ptr())
                )));
            }
            let gname = pystr::as_str(global_name.as_ptr())?.to_owned();
            let dotted: Vec<&str> = gname.split('.').collect();
            if dotted.contains(&"<locals>") {
                return Err(errors::attribute_error(format!(
                    "Can't get local object {}",
                    protocol::repr_string(global_name.as_ptr())?
                )));
            }
            // Interned, so that the same module name is memoized once.
            let module_name = whichmodule(obj, &dotted)?;
            if !pystr::check(module_name.as_ptr()) {
                return Err(errors::type_error(format!(
                    "module name must be str, not {}",
                    type_name(module_name.as_ptr())
                )));
            }
            let mut module_name = module_name.into_raw();
            pystr::intern_in_place(&mut module_name)?;
            let module_name = Owned::from_raw_unchecked(module_name);
            let module =
                match crate::runtime::import::import_absolute(pystr::as_str(module_name.as_ptr())?)
                {
                    Ok(m) => m,
                    Err(_) if errors::matches(crate::object::exceptions::PyExc_ImportError) => {
                        errors::clear();
                        return Err(pickling_error(&format!(
                            "Can't pickle {}: import of module {} failed",
                            protocol::repr_string(obj)?,
                            protocol::repr_string(module_name.as_ptr())?
                        )));
                    }
                    Err(e) => return Err(e),
                };
            let mut cur = Owned::from_borrowed(module.as_ptr());
            for part in &dotted {
                match protocol::getattr(cur.as_ptr(), pystr::from_str(part)?.as_ptr()) {
                    Ok(next) => cur = next,
                    Err(_) if errors::matches(crate::object::exceptions::PyExc_AttributeError) => {
                        errors::clear();
                        return Err(pickling_error(&format!(
                            "Can't pickle {}: attribute lookup {} on {} failed",
                            protocol::repr_string(obj)?,
                            gname,
                            pystr::as_str(module_name.as_ptr())?
                        )));
                    }
                    Err(e) => return Err(e),
                }
            }
            if cur.as_ptr() != obj {
                return Err(pickling_error(&format!(
                    "Can't pickle {}: it's not the same object as {}.{}",
                    protocol::repr_string(obj)?,
                    pystr::as_str(module_name.as_ptr())?,
                    gname
                )));
            }
            if self.proto() >= 2 {
                let copyreg = crate::runtime::import::import_absolute("copyreg")?;
                let reg = protocol::getattr_str(copyreg.as_ptr(), "_extension_registry")?;
                let key = tuple::pack(&[module_name.as_ptr(), global_name.as_ptr()])?;
                let code = dict::get_item(reg.as_ptr(), key.as_ptr())?;
                if !code.is_null() {
                    let c = int::as_i64(code)?;
                    if !(1..=0x7fffffff).contains(&c) {
                        return Err(pickling_error(&format!(
                            "Can't pickle {}: extension code {} is out of range",
                            protocol::repr_string(obj)?,
                            c
                        )));
                    }
                    if c <= 0xff {
                        self.w(&[EXT1, c as u8]);
                    } else if c <= 0xffff {
                        self.op(EXT2);
                        self.w(&(c as u16).to_le_bytes());
                    } else {
                        self.op(EXT4);
                        self.w(&(c as i32).to_le_bytes());
                    }
                    return Ok(());
                }
            }
            if self.proto() >= 4 {
                self.save(module_name.as_ptr(), false)?;
                self.save(global_name.as_ptr(), false)?;
                self.op(STACK_GLOBAL);
            } else if dotted.len() > 1 {
                self.write_nested(module_name.as_ptr(), &dotted)?;
            } else {
                self.write_global(module_name.as_ptr(), global_name.as_ptr())?;
            }
            self.memoize(obj);
        }
        Ok(())
    }

    /// A nested name before protocol 4: `getattr(parent, last)`, the
    /// parent written the same way (none of it memoized but the names).
    unsafe fn write_nested(&mut self, module: *mut PyObject, path: &[&str]) -> PyResult<()> {
        // SAFETY: module is a live str.
        unsafe {
            if path.len() == 1 {
                let n = pystr::from_str(path[0])?;
                return self.write_global(module, n.as_ptr());
            }
            let getattr = protocol::getattr_str(crate::modules::builtins::module(), "getattr")?;
            self.save(getattr.as_ptr(), false)?;
            if self.proto() < 2 {
                self.op(MARK);
            }
            self.write_nested(module, &path[..path.len() - 1])?;
            let last = pystr::from_str(path[path.len() - 1])?;
            self.save(last.as_ptr(), false)?;
            self.op(if self.proto() < 2 { TUPLE } else { TUPLE2 });
            self.op(REDUCE);
        }
        Ok(())
    }

    /// GLOBAL with `module` and `name`, mapped to their Python 2 names
    /// when `fix_imports` asks for it.
    unsafe fn write_global(&mut self, module: *mut PyObject, name: *mut PyObject) -> PyResult<()> {
        // SAFETY: module and name are live strs.
        unsafe {
            let (mut m, mut n) = (Owned::from_borrowed(module), Owned::from_borrowed(name));
            if self.proto() < 3 && self.settings.fix_imports {
                let compat = crate::runtime::import::import_absolute("_compat_pickle")?;
                let names = protocol::getattr_str(compat.as_ptr(), "REVERSE_NAME_MAPPING")?;
                let key = tuple::pack(&[m.as_ptr(), n.as_ptr()])?;
                let item = dict::get_item(names.as_ptr(), key.as_ptr())?;
                if !item.is_null() {
                    if !tuple::check(item) || tuple::size(item) != 2 {
                        return Err(errors::runtime_error(format!(
                            "_compat_pickle.REVERSE_NAME_MAPPING values should be 2-tuples, not {}",
                            type_name(item)
                        )));
                    }
                    m = Owned::from_borrowed(tuple::items(item)[0]);
                    n = Owned::from_borrowed(tuple::items(item)[1]);
                } else {
                    let imports = protocol::getattr_str(compat.as_ptr(), "REVERSE_IMPORT_MAPPING")?;
                    let item = dict::get_item(imports.as_ptr(), m.as_ptr())?;
                    if !item.is_null() {
                        m = Owned::from_borrowed(item);
                    }
                }
            }
            if !pystr::check(m.as_ptr()) || !pystr::check(n.as_ptr()) {
                return Err(errors::runtime_error(format!(
                    "_compat_pickle.REVERSE_NAME_MAPPING values should be pairs of str, not ({}, {})",
                    type_name(m.as_ptr()),
                    type_name(n.as_ptr())
                )));
            }
            let ms = pystr::as_str(m.as_ptr())?.to_owned();
            let ns = pystr::as_str(n.as_ptr())?.to_owned();
            if self.proto() < 3 && (!ms.is_ascii() || !ns.is_ascii()) {
                let bad = if ms.is_ascii() { &n } else { &m };
                return Err(pickling_error(&format!(
                    "can't pickle global identifier {} using pickle protocol {}",
                    protocol::repr_string(bad.as_ptr())?,
                    self.proto()
                )));
            }
            self.op(GLOBAL);
            self.w(ms.as_bytes());
            self.op(b'\n');
            self.w(ns.as_bytes());
            self.op(b'\n');
        }
        Ok(())
    }

    /// The reduce tuple `rv` of `obj` (NULL when not to be memoized).
    unsafe fn save_reduce(&mut self, rv: *mut PyObject, obj: *mut PyObject) -> PyResult<()> {
        // SAFETY: the objects are live; rv is a tuple.
        unsafe {
            let its = tuple::items(rv).to_vec();
            if !(2..=6).contains(&its.len()) {
                return Err(pickling_error(
                    "tuple returned by __reduce__ must contain 2 through 6 elements",
                ));
            }
            let opt = |i: usize| its.get(i).copied().filter(|&o| o != none::none());
            let (callable, argtup) = (its[0], its[1]);
            let (state, listitems, dictitems, setter) = (opt(2), opt(3), opt(4), opt(5));
            if (*(*callable).ob_type).tp_call.is_none() {
                return Err(pickling_error(
                    "first item of the tuple returned by __reduce__ must be callable",
                ));
            }
            if !tuple::check(argtup) {
                return Err(pickling_error(
                    "second item of the tuple returned by __reduce__ must be a tuple",
                ));
            }
            for (o, nth) in [(listitems, "fourth"), (dictitems, "fifth")] {
                if let Some(o) = o {
                    if (*(*o).ob_type).tp_iternext.is_none() {
                        return Err(pickling_error(&format!(
                            "{nth} element of the tuple returned by __reduce__ must be an iterator, not {}",
                            type_name(o)
                        )));
                    }
                }
            }
            if let Some(s) = setter {
                if (*(*s).ob_type).tp_call.is_none() {
                    return Err(pickling_error(&format!(
                        "sixth element of the tuple returned by __reduce__ must be a function, not {}",
                        type_name(s)
                    )));
                }
            }
            let fname = if self.proto() >= 2 {
                match protocol::getattr_opt(callable, crate::interned!("__name__"))? {
                    Some(n) if pystr::check(n.as_ptr()) => pystr::as_str(n.as_ptr())?.to_owned(),
                    _ => String::new(),
                }
            } else {
                String::new()
            };
            let args = tuple::items(argtup).to_vec();
            if fname == "__newobj_ex__" {
                if args.len() != 3 {
                    return Err(pickling_error(&format!(
                        "length of the NEWOBJ_EX argument tuple must be exactly 3, not {}",
                        args.len()
                    )));
                }
                let (cls, a, kw) = (args[0], args[1], args[2]);
                if (*(*cls).ob_type).tp_flags & Py_TPFLAGS_TYPE_SUBCLASS == 0 {
                    return Err(pickling_error(&format!(
                        "first item from NEWOBJ_EX argument tuple must be a class, not {}",
                        type_name(cls)
                    )));
                }
                if !tuple::check(a) {
                    return Err(pickling_error(&format!(
                        "second item from NEWOBJ_EX argument tuple must be a tuple, not {}",
                        type_name(a)
                    )));
                }
                if !dict::check(kw) {
                    return Err(pickling_error(&format!(
                        "third item from NEWOBJ_EX argument tuple must be a dict, not {}",
                        type_name(kw)
                    )));
                }
                if self.proto() >= 4 {
                    self.save(cls, false)?;
                    self.save(a, false)?;
                    self.save(kw, false)?;
                    self.op(NEWOBJ_EX);
                } else {
                    let functools = crate::runtime::import::import_absolute("functools")?;
                    let partial = protocol::getattr_str(functools.as_ptr(), "partial")?;
                    let new = protocol::getattr(cls, crate::interned!("__new__"))?;
                    let mut pargs = vec![new.as_ptr(), cls];
                    pargs.extend_from_slice(tuple::items(a));
                    let pargs = tuple::from_slice(&pargs)?;
                    let f = protocol::call(partial.as_ptr(), pargs.as_ptr(), kw)?;
                    self.save(f.as_ptr(), false)?;
                    self.save(tuple::empty().as_ptr(), false)?;
                    self.op(REDUCE);
                }
            } else if fname == "__newobj__" {
                let Some(&cls) = args.first() else {
                    return Err(pickling_error("__newobj__ arglist is empty"));
                };
                if (*(*cls).ob_type).tp_flags & Py_TPFLAGS_TYPE_SUBCLASS == 0 {
                    return Err(pickling_error("args[0] from __newobj__ args is not a type"));
                }
                if !obj.is_null() {
                    let oc = protocol::getattr(obj, crate::interned!("__class__"))?;
                    if oc.as_ptr() != cls {
                        return Err(pickling_error(
                            "args[0] from __newobj__ args has the wrong class",
                        ));
                    }
                }
                self.save(cls, false)?;
                let rest = tuple::from_slice(&args[1..])?;
                self.save(rest.as_ptr(), false)?;
                self.op(NEWOBJ);
            } else {
                self.save(callable, false)?;
                self.save(argtup, false)?;
                self.op(REDUCE);
            }
            if !obj.is_null() {
                if let Some(idx) = self.memo_index(obj) {
                    self.op(POP);
                    self.get(idx);
                } else {
                    self.memoize(obj);
                }
            }
            if let Some(l) = listitems {
                self.batch_appends(l)?;
            }
            if let Some(d) = dictitems {
                self.batch_setitems(d)?;
            }
            if let Some(s) = state {
                match setter {
                    None => {
                        self.save(s, false)?;
                        self.op(BUILD);
                    }
                    Some(f) => {
                        self.save(f, false)?;
                        self.save(obj, false)?;
                        self.save(s, false)?;
                        self.w(&[TUPLE2, REDUCE, POP]);
                    }
                }
            }
        }
        Ok(())
    }
}

/// The minimal little-endian two's complement bytes of an int (LONG1 and
/// LONG4; zero has none).
unsafe fn long_bytes(obj: *mut PyObject) -> PyResult<Vec<u8>> {
    // SAFETY: obj is an int.
    unsafe {
        if int::sign(obj) == 0 {
            return Ok(Vec::new());
        }
        let big = int::to_big(obj);
        let bits = protocol::call_method_obj(obj, "bit_length", &[])?;
        let nbits = int::as_i64(bits.as_ptr())? as usize;
        let mut n = (nbits >> 3) + 1;
        // -(2**(8k-1)) and its like fit one byte less.
        if n > 1 && big.fits_bytes(n - 1, true) {
            n -= 1;
        }
        let mut out = vec![0u8; n];
        big.write_bytes(&mut out, true);
        Ok(out)
    }
}

/// The module of a global: its `__module__`, else the module in
/// `sys.modules` where the dotted name finds it, else `__main__`.
unsafe fn whichmodule(obj: *mut PyObject, dotted: &[&str]) -> PyResult<Owned> {
    // SAFETY: obj live.
    unsafe {
        if let Some(m) = protocol::getattr_opt(obj, crate::interned!("__module__"))? {
            if m.as_ptr() != none::none() {
                return Ok(m);
            }
        }
        let modules = dict::copy(crate::modules::sys_modules())?;
        let mut pos = 0;
        while let Some((name, module)) = dict::next(modules.as_ptr(), &mut pos) {
            if !pystr::check(name) || module == none::none() {
                continue;
            }
            let n = pystr::as_str(name)?;
            if n == "__main__" || n == "__mp_main__" {
                continue;
            }
            let mut cur = Owned::from_borrowed(module);
            let mut found = true;
            for part in dotted {
                match protocol::getattr(cur.as_ptr(), pystr::from_str(part)?.as_ptr()) {
                    Ok(next) => cur = next,
                    Err(_) => {
                        errors::clear();
                        found = false;
                        break;
                    }
                }
            }
            if found && cur.as_ptr() == obj {
                return Ok(Owned::from_borrowed(name));
            }
        }
        pystr::from_str("__main__")
    }
}
