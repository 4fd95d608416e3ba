//! Where an unpickler reads from: the bytes given to `loads`, or a file
//! object's `read` / `readline` (`_Unpickler_Read`, `_Unpickler_Readline`
//! of CPython's `Modules/_pickle.c`). A file is read no further than the
//! pickle goes, so it is left positioned just after the STOP opcode.
use super::unpickling_error;
use crate::ffi::PyObject;
use crate::object::protocol;
use crate::runtime::errors::{PyResult, Raised};
use crate::Owned;

/// The bytes read so far and the file to read more from, if any.
pub struct Input {
    data: Vec<u8>,
    pos: usize,
    file: Option<FileMethods>,
}

/// The bound `read` and `readline` methods of a file.
pub struct FileMethods {
    pub read: Owned,
    pub readline: Owned,
}

/// `UnpicklingError("pickle data was truncated")`.
pub fn truncated() -> Raised {
    unpickling_error("pickle data was truncated")
}

impl Input {
    /// Reads from `data`.
    pub fn from_bytes(data: &[u8]) -> Input {
        Input {
            data: data.to_vec(),
            pos: 0,
            file: None,
        }
    }

    /// Reads from a file's methods.
    pub fn from_file(file: FileMethods) -> Input {
        Input {
            data: Vec::new(),
            pos: 0,
            file: Some(file),
        }
    }

    /// Appends what a call of `method(arg...)` returned (bytes-like).
    unsafe fn fetch(&mut self, method: *mut PyObject, args: &[*mut PyObject]) -> PyResult<usize> {
        // SAFETY: method is a live callable; args valid.
        unsafe {
            let got = protocol::call_args(method, args)?;
            let buf = crate::object::buffer::Guard::new(got.as_ptr(), crate::ffi::PyBUF_SIMPLE)?;
            if self.pos > 0 && self.pos == self.data.len() {
                self.data.clear();
                self.pos = 0;
            }
            self.data.extend_from_slice(buf.as_slice());
            Ok(buf.len())
        }
    }

    /// Makes `n` bytes available at the read position.
    fn want(&mut self, n: usize) -> PyResult<()> {
        let have = self.data.len() - self.pos;
        if have >= n {
            return Ok(());
        }
        let Some(read) = self.file.as_ref().map(|f| f.read.as_ptr()) else {
            return Err(truncated());
        };
        let missing = crate::object::int::from_u64((n - have) as u64)?;
        // SAFETY: read is the file's live method.
        unsafe { self.fetch(read, &[missing.as_ptr()])? };
        if self.data.len() - self.pos < n {
            return Err(truncated());
        }
        Ok(())
    }

    /// The next `n` bytes.
    pub fn read(&mut self, n: usize) -> PyResult<&[u8]> {
        self.want(n)?;
        let s = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    /// The next byte.
    pub fn byte(&mut self) -> PyResult<u8> {
        Ok(self.read(1)?[0])
    }

    /// Puts back `n` bytes just read (a FRAME's contents, once fetched).
    pub fn unread(&mut self, n: usize) {
        self.pos -= n;
    }

    /// The next line, with its newline; `truncated` when none is left.
    pub fn readline(&mut self) -> PyResult<&[u8]> {
        let start = self.pos;
        let end = match self.data[start..].iter().position(|&b| b == b'\n') {
            Some(i) => start + i + 1,
            None => {
                let Some(readline) = self.file.as_ref().map(|f| f.readline.as_ptr()) else {
                    return Err(truncated());
                };
                let rest = self.data.len() - start;
                // SAFETY: readline is the file's live method.
                let n = unsafe { self.fetch(readline, &[])? };
                // fetch may have dropped consumed bytes: the line starts
                // `rest` bytes before the end.
                let start = self.data.len() - n - rest;
                self.pos = start;
                // A last line without its newline is truncated data, as
                // in memory.
                if n == 0 || self.data.last() != Some(&b'\n') {
                    return Err(truncated());
                }
                self.data.len()
            }
        };
        let start = self.pos;
        self.pos = end;
        Ok(&self.data[start..end])
    }
}
