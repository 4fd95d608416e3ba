//! Item access and the buffer protocol of `mmap.mmap`: `len()`, indexing
//! (an int per byte; the sequence protocol, which iteration uses, gives
//! one-byte bytes as CPython's does), slices with steps, assignment to
//! both, and buffer views that count as exports.
use super::{valid, writable, Mmap, ACCESS_READ};
use crate::capi::boundary::{guard_int, guard_obj};
use crate::ffi::*;
use crate::modules::objtype::state;
use crate::object::buffer::Guard;
use crate::object::exceptions::PyExc_IndexError;
use crate::object::{bytes, int, number, slice};
use crate::runtime::errors::{self, PyResult};
use libc::c_int;

pub static mut AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(length),
    sq_concat: None,
    sq_repeat: None,
    sq_item: Some(item),
    was_sq_slice: std::ptr::null_mut(),
    sq_ass_item: None,
    was_sq_ass_slice: std::ptr::null_mut(),
    sq_contains: None,
    sq_inplace_concat: None,
    sq_inplace_repeat: None,
};

pub static mut AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: Some(length),
    mp_subscript: Some(subscript),
    mp_ass_subscript: Some(ass_subscript),
};

pub static mut AS_BUFFER: PyBufferProcs = PyBufferProcs {
    bf_getbuffer: Some(getbuffer),
    bf_releasebuffer: Some(releasebuffer),
};

fn index_error() -> errors::Raised {
    errors::index_error("mmap index out of range")
}

/// A subscript index counted from the end when negative, checked.
fn position(m: &Mmap, i: Py_ssize_t) -> PyResult<usize> {
    let i = if i < 0 { i + m.size as Py_ssize_t } else { i };
    if i < 0 || i as usize >= m.size {
        return Err(index_error());
    }
    Ok(i as usize)
}

unsafe extern "C" fn length(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: op is an mmap.
    guard_int(|| Ok(unsafe { valid(op) }?.size as Py_ssize_t))
}

unsafe extern "C" fn item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an mmap.
        let m = unsafe { valid(op)? };
        if i < 0 || i as usize >= m.size {
            return Err(index_error());
        }
        bytes::from_slice(&m.bytes()[i as usize..i as usize + 1])
    })
}

unsafe extern "C" fn subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an mmap; key valid.
        unsafe {
            valid(op)?;
            if number::index_check(key) {
                let i = number::as_ssize(key, PyExc_IndexError)?;
                // The index's conversion may have closed or resized the map.
                let m = valid(op)?;
                let i = position(m, i)?;
                return int::from_i64(m.bytes()[i].into());
            }
            if slice::check(key) {
                let ix = slice::indices_with(key, || state::<Mmap>(op).size as Py_ssize_t)?;
                let data = valid(op)?.bytes();
                if ix.step == 1 {
                    return bytes::from_slice(
                        &data[ix.start as usize..(ix.start + ix.len) as usize],
                    );
                }
                let v: Vec<u8> = (0..ix.len).map(|k| data[ix.at(k) as usize]).collect();
                return bytes::from_slice(&v);
            }
            Err(errors::type_error("mmap indices must be integers"))
        }
    })
}

unsafe extern "C" fn ass_subscript(
    op: *mut PyObject,
    key: *mut PyObject,
    value: *mut PyObject,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is an mmap; key valid; value NULL (deletion) or valid.
        unsafe {
            writable(valid(op)?)?;
            if number::index_check(key) {
                let i = number::as_ssize(key, PyExc_IndexError)?;
                let i = position(valid(op)?, i)?;
                if value.is_null() {
                    return Err(errors::type_error("mmap doesn't support item deletion"));
                }
                if !number::index_check(value) {
                    return Err(errors::type_error("mmap item value must be an int"));
                }
                let v = int::as_i64(number::index(value)?.as_ptr());
                match v {
                    Ok(v) if (0..256).contains(&v) => {
                        let m = valid(op)?;
                        if i >= m.size {
                            return Err(index_error());
                        }
                        m.bytes_mut()[i] = v as u8;
                        return Ok(());
                    }
                    Ok(_) => {}
                    Err(e) => {
                        if !errors::matches(crate::object::exceptions::PyExc_OverflowError) {
                            return Err(e);
                        }
                        errors::clear();
                    }
                }
                return Err(errors::value_error(
                    "mmap item value must be in range(0, 256)",
                ));
            }
            if slice::check(key) {
                let ix = slice::indices_with(key, || state::<Mmap>(op).size as Py_ssize_t)?;
                if value.is_null() {
                    return Err(errors::type_error(
                        "mmap object doesn't support slice deletion",
                    ));
                }
                let src = Guard::new(value, PyBUF_SIMPLE)?;
                if src.len() != ix.len as usize {
                    return Err(errors::index_error("mmap slice assignment is wrong size"));
                }
                let data = valid(op)?.bytes_mut();
                for (k, &b) in src.as_slice().iter().enumerate() {
                    // Getting the buffer may have run code that shrank the map.
                    match data.get_mut(ix.at(k as Py_ssize_t) as usize) {
                        Some(d) => *d = b,
                        None => return Err(index_error()),
                    }
                }
                return Ok(());
            }
            Err(errors::type_error("mmap indices must be integer"))
        }
    })
}

unsafe extern "C" fn getbuffer(op: *mut PyObject, view: *mut Py_buffer, flags: c_int) -> c_int {
    // SAFETY: op is an mmap; view writable.
    unsafe {
        let m = match valid(op) {
            Ok(m) => m,
            Err(_) => return -1,
        };
        let readonly = m.access == ACCESS_READ;
        if bytes::fill_buffer_info(view, op, m.data, m.size as Py_ssize_t, readonly, flags) < 0 {
            return -1;
        }
        m.exports += 1;
        0
    }
}

unsafe extern "C" fn releasebuffer(op: *mut PyObject, _view: *mut Py_buffer) {
    // SAFETY: op is an mmap with an export outstanding.
    unsafe { state::<Mmap>(op).exports -= 1 }
}
