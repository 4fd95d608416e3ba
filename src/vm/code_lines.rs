//! `code.co_positions()` and `code.co_lines()` (`Objects/codeobject.c`):
//! the location table as `traceback` and `dis` read it. Offsets count
//! bytes, two per code unit, as in CPython.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::{int, list, none, protocol, tuple};
use crate::runtime::errors::PyResult;
use crate::vm::code::{data, CodeData};
use crate::Owned;
use ferrython_compiler::bytecode::{LineEntry, NO_LINE};

/// A line field: None for [`NO_LINE`].
fn field(v: u32) -> PyResult<Owned> {
    if v == NO_LINE {
        Ok(Owned::from_borrowed_static(none::none()))
    } else {
        int::from_i64(v as i64)
    }
}

/// The location entry covering code unit `i`, if any.
fn entry_at(d: &CodeData, i: usize) -> Option<&LineEntry> {
    let lines = d.linetable.entries();
    let k = lines.partition_point(|e| e.start as usize <= i);
    (k > 0).then(|| &lines[k - 1])
}

/// `co_positions()`: `(line, end_line, column, end_column)` for each code
/// unit; columns are UTF-8 byte offsets, and None marks what is unknown.
pub unsafe extern "C" fn co_positions(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a code object.
        let d = unsafe { data(op) };
        let out = list::new(0)?;
        let unknown = {
            let n = none::none();
            tuple::from_slice(&[n, n, n, n])?
        };
        for i in 0..d.code.len() {
            let t = match entry_at(d, i) {
                // A line without columns (the table's "no columns" form).
                Some(e) if e.lineno != NO_LINE && e.end_lineno == 0 => {
                    let (l, n) = (field(e.lineno)?, none::none());
                    tuple::from_slice(&[l.as_ptr(), l.as_ptr(), n, n])?
                }
                Some(e) if e.lineno != NO_LINE => {
                    let (l, el) = (field(e.lineno)?, field(e.end_lineno)?);
                    let (c, ec) = (
                        int::from_i64(e.col as i64)?,
                        int::from_i64(e.end_col as i64)?,
                    );
                    tuple::from_slice(&[l.as_ptr(), el.as_ptr(), c.as_ptr(), ec.as_ptr()])?
                }
                _ => unknown.clone(),
            };
            // SAFETY: out is a list.
            unsafe { list::append(out.as_ptr(), t.as_ptr())? };
        }
        // SAFETY: out is a list.
        unsafe { protocol::get_iter(out.as_ptr()) }
    })
}

/// `co_lines()`: `(start, end, line)` byte ranges of the code that belong
/// to one line (None for code without one), adjacent ranges of a line
/// merged.
pub unsafe extern "C" fn co_lines(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a code object.
        let d = unsafe { data(op) };
        let n = d.code.len() as u32;
        let mut ranges: Vec<(u32, u32, u32)> = Vec::new();
        let lines = d.linetable.entries();
        let first = lines.first().map_or(n, |e| e.start);
        if first > 0 {
            ranges.push((0, first.min(n), d.firstlineno));
        }
        for (k, e) in lines.iter().enumerate() {
            let end = lines.get(k + 1).map_or(n, |x| x.start).min(n);
            if e.start >= end {
                continue;
            }
            match ranges.last_mut() {
                Some(last) if last.2 == e.lineno && last.1 == e.start => last.1 = end,
                _ => ranges.push((e.start, end, e.lineno)),
            }
        }
        let out = list::new(0)?;
        for (s, e, l) in ranges {
            let (s, e, l) = (
                int::from_i64(s as i64 * 2)?,
                int::from_i64(e as i64 * 2)?,
                field(l)?,
            );
            let t = tuple::from_slice(&[s.as_ptr(), e.as_ptr(), l.as_ptr()])?;
            // SAFETY: out is a list.
            unsafe { list::append(out.as_ptr(), t.as_ptr())? };
        }
        // SAFETY: out is a list.
        unsafe { protocol::get_iter(out.as_ptr()) }
    })
}
