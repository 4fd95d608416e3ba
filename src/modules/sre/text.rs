//! The subject of a match (`getstring` in CPython's `sre.c`): a `str` read
//! in place in its PEP 393 kind, or any bytes-like object through the
//! buffer protocol; and slices of it as new `str`/`bytes` objects.
use crate::ffi::*;
use crate::object::typeobj::type_name;
use crate::object::{buffer, bytes, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;

/// A subject's characters, borrowed for as long as the `Subject` lives.
pub enum Units<'a> {
    One(&'a [u8]),
    Two(&'a [u16]),
    Four(&'a [u32]),
}

/// A string or bytes-like object opened for matching; a buffer view, if
/// any, is released on drop.
pub struct Subject {
    pub obj: *mut PyObject,
    data: *const u8,
    pub len: usize,
    kind: u8,
    pub isbytes: bool,
    view: Option<Box<Py_buffer>>,
}

impl Subject {
    /// Opens `obj` (borrowed; it must outlive the subject).
    pub unsafe fn open(obj: *mut PyObject) -> PyResult<Subject> {
        // SAFETY: obj is a live object; a str's data stays put while it lives.
        unsafe {
            if pystr::check(obj) {
                return Ok(Subject {
                    obj,
                    data: pystr::data(obj),
                    len: pystr::len(obj) as usize,
                    kind: pystr::kind(obj) as u8,
                    isbytes: false,
                    view: None,
                });
            }
            let mut view: Box<Py_buffer> = Box::new(std::mem::zeroed());
            if !buffer::check(obj) || buffer::get(obj, &mut *view, PyBUF_SIMPLE).is_err() {
                errors::clear();
                return Err(errors::type_error(format!(
                    "expected string or bytes-like object, got '{}'",
                    type_name(obj)
                )));
            }
            if view.buf.is_null() {
                buffer::release(&mut *view);
                return Err(errors::value_error("Buffer is NULL"));
            }
            Ok(Subject {
                obj,
                data: view.buf as *const u8,
                len: view.len as usize,
                kind: 1,
                isbytes: true,
                view: Some(view),
            })
        }
    }

    /// The characters.
    pub fn units(&self) -> Units<'_> {
        // SAFETY: data holds len units of the subject's kind, alive and
        // unchanged while self (and so the object or the view) lives.
        unsafe {
            match self.kind {
                1 => Units::One(std::slice::from_raw_parts(self.data, self.len)),
                2 => Units::Two(std::slice::from_raw_parts(self.data.cast(), self.len)),
                _ => Units::Four(std::slice::from_raw_parts(self.data.cast(), self.len)),
            }
        }
    }

    /// `subject[a:b]` as `str` or `bytes` (`getslice`).
    pub fn slice(&self, a: usize, b: usize) -> PyResult<Owned> {
        let (a, b) = (a.min(self.len), b.min(self.len));
        // SAFETY: obj is a live str, or data holds len bytes.
        unsafe {
            if !self.isbytes {
                return pystr::substring(self.obj, a, b);
            }
            if a == 0 && b == self.len && bytes::check_exact(self.obj) {
                return Ok(Owned::from_borrowed(self.obj));
            }
            bytes::from_slice(std::slice::from_raw_parts(self.data.add(a), b - a))
        }
    }
}

impl Drop for Subject {
    fn drop(&mut self) {
        if let Some(v) = self.view.as_mut() {
            // SAFETY: the view was filled by a successful get.
            unsafe { buffer::release(&mut **v) }
        }
    }
}

/// Runs `$body` with `$t` bound to the subject's units as a slice of the
/// right width, so that generic code is instantiated once per width.
macro_rules! with_units {
    ($subject:expr, |$t:ident| $body:expr) => {
        match $subject.units() {
            $crate::modules::sre::text::Units::One($t) => $body,
            $crate::modules::sre::text::Units::Two($t) => $body,
            $crate::modules::sre::text::Units::Four($t) => $body,
        }
    };
}
pub(crate) use with_units;
