//! The methods of `mmap.mmap`: the file-like interface (`read`, `write`,
//! `seek` ...), `find`/`rfind`, `flush`, `madvise`, `move`, `resize`,
//! `close` and the context manager, with the argument messages of
//! CPython's `PyArg_ParseTuple` formats.
use super::{
    at, os_error, valid, writable, Mmap, ACCESS_COPY, ACCESS_DEFAULT, ACCESS_READ, ACCESS_WRITE,
};
use crate::ffi::*;
use crate::modules::args::clinic_int;
use crate::modules::compression::ssize_arg;
use crate::modules::objtype::{meth_fast, meth_noargs, state};
use crate::object::buffer::Guard;
use crate::object::bytes_methods::{find_sub, rfind_sub};
use crate::object::descr::{getset, method, GETSET_END, METHOD_END};
use crate::object::exceptions::PyExc_BufferError;
use crate::object::none;
use crate::object::{bool as pybool, bytes, int, number};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_void;
use none::none;

pub static METHODS: [PyMethodDef; 19] = [
    method(c"close", close as *const c_void, METH_NOARGS),
    method(c"find", find as *const c_void, METH_FASTCALL),
    method(c"rfind", rfind as *const c_void, METH_FASTCALL),
    method(c"flush", flush as *const c_void, METH_FASTCALL),
    method(c"madvise", madvise as *const c_void, METH_FASTCALL),
    method(c"move", move_ as *const c_void, METH_FASTCALL),
    method(c"read", read as *const c_void, METH_FASTCALL),
    method(c"read_byte", read_byte as *const c_void, METH_NOARGS),
    method(c"readline", readline as *const c_void, METH_NOARGS),
    method(c"resize", resize as *const c_void, METH_FASTCALL),
    method(c"seek", seek as *const c_void, METH_FASTCALL),
    method(c"seekable", seekable as *const c_void, METH_NOARGS),
    method(c"size", size as *const c_void, METH_NOARGS),
    method(c"tell", tell as *const c_void, METH_NOARGS),
    method(c"write", write as *const c_void, METH_FASTCALL),
    method(c"write_byte", write_byte as *const c_void, METH_FASTCALL),
    method(c"__enter__", enter as *const c_void, METH_NOARGS),
    method(c"__exit__", exit as *const c_void, METH_VARARGS),
    METHOD_END,
];

pub static GETSET: [PyGetSetDef; 2] = [getset(c"closed", Some(closed), None), GETSET_END];

/// `PyArg_ParseTuple`'s message for a wrong number of arguments.
fn arity(name: &str, args: &[*mut PyObject], min: usize, max: usize) -> PyResult<()> {
    let n = args.len();
    if n >= min && n <= max {
        return Ok(());
    }
    let (how, k) = if min == max {
        ("exactly", min)
    } else if n < min {
        ("at least", min)
    } else {
        ("at most", max)
    };
    Err(errors::type_error(format!(
        "{name}() takes {how} {k} argument{} ({n} given)",
        if k == 1 { "" } else { "s" }
    )))
}

/// An index clamped into `0..=size` after counting negatives from the end
/// (how `find` treats its bounds).
fn clamp(i: Py_ssize_t, size: usize) -> usize {
    let i = if i < 0 { i + size as Py_ssize_t } else { i };
    i.clamp(0, size as Py_ssize_t) as usize
}

unsafe extern "C" fn closed(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: op is an mmap.
    let c = unsafe { state::<Mmap>(op) }.data.is_null();
    Owned::from_borrowed_static(pybool::from_bool(c)).into_raw()
}

meth_noargs!(close, |op| {
    let m = state::<Mmap>(op);
    if m.exports > 0 {
        return Err(errors::set_string(
            PyExc_BufferError,
            "cannot close exported pointers exist",
        ));
    }
    m.release();
    Ok(none::owned())
});

meth_noargs!(enter, |op| {
    valid(op)?;
    Ok(Owned::from_borrowed(op))
});

unsafe extern "C" fn exit(op: *mut PyObject, _args: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is an mmap.
    unsafe { close(op, std::ptr::null_mut()) }
}

/// `find` and `rfind`.
unsafe fn gfind(op: *mut PyObject, a: &[*mut PyObject], name: &str, rev: bool) -> PyResult<Owned> {
    // SAFETY: op is an mmap; a holds valid objects.
    unsafe {
        valid(op)?;
        arity(name, a, 1, 3)?;
        let sub = Guard::new(a[0], PyBUF_SIMPLE)?;
        let start = a.get(1).map(|&s| ssize_arg(s)).transpose()?;
        let end = a.get(2).map(|&e| ssize_arg(e)).transpose()?;
        // The conversions may have run code that closed or resized the map.
        let m = valid(op)?;
        let start = clamp(start.unwrap_or(m.pos as Py_ssize_t), m.size);
        let end = clamp(end.unwrap_or(m.size as Py_ssize_t), m.size);
        if end < start {
            return int::from_i64(-1);
        }
        let hay = &m.bytes()[start..end];
        let found = if rev {
            rfind_sub(hay, sub.as_slice())
        } else {
            find_sub(hay, sub.as_slice())
        };
        int::from_i64(found.map_or(-1, |i| (start + i) as i64))
    }
}

meth_fast!(find, |op, a| gfind(op, a, "find", false));
meth_fast!(rfind, |op, a| gfind(op, a, "rfind", true));

meth_fast!(flush, |op, a| {
    valid(op)?;
    arity("flush", a, 0, 2)?;
    let offset = a.first().map(|&o| ssize_arg(o)).transpose()?.unwrap_or(0);
    let size = a.get(1).map(|&s| ssize_arg(s)).transpose()?;
    let m = valid(op)?;
    let size = size.unwrap_or(m.size as Py_ssize_t);
    if size < 0
        || offset < 0
        || offset as usize > m.size
        || m.size - (offset as usize) < size as usize
    {
        return Err(errors::value_error("flush values out of range"));
    }
    if m.access == ACCESS_READ || m.access == ACCESS_COPY {
        return Ok(none::owned());
    }
    if libc::msync(at(m, offset as usize), size as usize, libc::MS_SYNC) == -1 {
        return Err(os_error());
    }
    Ok(none::owned())
});

meth_fast!(madvise, |op, a| {
    valid(op)?;
    arity("madvise", a, 1, 3)?;
    let option = clinic_int(a[0])?;
    let start = a.get(1).map(|&s| ssize_arg(s)).transpose()?.unwrap_or(0);
    let length = a.get(2).map(|&l| ssize_arg(l)).transpose()?;
    let m = valid(op)?;
    let mut length = length.unwrap_or(m.size as Py_ssize_t);
    if start < 0 || start as usize >= m.size {
        return Err(errors::value_error("madvise start out of bounds"));
    }
    if length < 0 {
        return Err(errors::value_error("madvise length invalid"));
    }
    if Py_ssize_t::MAX - start < length {
        return Err(errors::overflow_error("madvise length too large"));
    }
    if (start + length) as usize > m.size {
        length = m.size as Py_ssize_t - start;
    }
    if libc::madvise(at(m, start as usize), length as usize, option) != 0 {
        return Err(os_error());
    }
    Ok(none::owned())
});

meth_fast!(move_, |op, a| {
    valid(op)?;
    arity("move", a, 3, 3)?;
    let dest = ssize_arg(a[0])?;
    let src = ssize_arg(a[1])?;
    let count = ssize_arg(a[2])?;
    let m = valid(op)?;
    writable(m)?;
    let size = m.size as Py_ssize_t;
    if dest < 0 || src < 0 || count < 0 || size - dest < count || size - src < count {
        return Err(errors::value_error(
            "source, destination, or count out of range",
        ));
    }
    let (dest, src, count) = (dest as usize, src as usize, count as usize);
    m.bytes_mut().copy_within(src..src + count, dest);
    Ok(none::owned())
});

meth_fast!(read, |op, a| {
    valid(op)?;
    arity("read", a, 0, 1)?;
    let mut n: Py_ssize_t = -1;
    if let Some(&o) = a.first() {
        if o != none() {
            if !number::index_check(o) {
                return Err(errors::type_error(format!(
                    "argument should be integer or None, not '{}'",
                    crate::object::typeobj::type_name(o)
                )));
            }
            n = number::as_ssize(o, crate::object::exceptions::PyExc_OverflowError)?;
        }
    }
    let m = valid(op)?;
    // After a shrink the position may lie past the end: nothing is left.
    let start = m.pos.min(m.size);
    let left = m.size - start;
    let n = if n < 0 || n as usize > left {
        left
    } else {
        n as usize
    };
    let out = bytes::from_slice(&m.bytes()[start..start + n])?;
    m.pos += n;
    Ok(out)
});

meth_noargs!(read_byte, |op| {
    let m = valid(op)?;
    if m.pos >= m.size {
        return Err(errors::value_error("read byte out of range"));
    }
    let b = m.bytes()[m.pos];
    m.pos += 1;
    int::from_i64(b.into())
});

meth_noargs!(readline, |op| {
    let m = valid(op)?;
    let start = m.pos.min(m.size);
    let rest = &m.bytes()[start..];
    let n = memchr::memchr(b'\n', rest).map_or(rest.len(), |i| i + 1);
    let out = bytes::from_slice(&rest[..n])?;
    m.pos = start + n;
    Ok(out)
});

meth_fast!(resize, |op, a| {
    valid(op)?;
    arity("resize", a, 1, 1)?;
    let new_size = ssize_arg(a[0])?;
    let m = valid(op)?;
    if m.exports > 0 {
        return Err(errors::set_string(
            PyExc_BufferError,
            "mmap can't resize with extant buffers exported.",
        ));
    }
    if m.access != ACCESS_WRITE && m.access != ACCESS_DEFAULT {
        return Err(errors::type_error(
            "mmap can't resize a readonly or copy-on-write memory map.",
        ));
    }
    if !m.trackfd {
        return Err(errors::value_error("mmap can't resize with trackfd=False."));
    }
    if new_size < 0 || (Py_ssize_t::MAX - new_size) < m.offset as Py_ssize_t {
        return Err(errors::value_error("new size out of range"));
    }
    if m.fd != -1 && libc::ftruncate(m.fd, m.offset + new_size as i64) == -1 {
        return Err(os_error());
    }
    let p = libc::mremap(
        m.data.cast(),
        m.size,
        new_size as usize,
        libc::MREMAP_MAYMOVE,
    );
    if p == libc::MAP_FAILED {
        return Err(os_error());
    }
    m.data = p.cast();
    m.size = new_size as usize;
    Ok(none::owned())
});

meth_fast!(seek, |op, a| {
    valid(op)?;
    arity("seek", a, 1, 2)?;
    let dist = ssize_arg(a[0])?;
    let how = a.get(1).map(|&h| clinic_int(h)).transpose()?.unwrap_or(0);
    let m = valid(op)?;
    let base = match how {
        0 => 0,
        1 => m.pos as Py_ssize_t,
        2 => m.size as Py_ssize_t,
        _ => return Err(errors::value_error("unknown seek type")),
    };
    match base.checked_add(dist) {
        Some(w) if w >= 0 && w as usize <= m.size => {
            m.pos = w as usize;
            int::from_i64(w as i64)
        }
        _ => Err(errors::value_error("seek out of range")),
    }
});

meth_noargs!(seekable, |_op| Ok(Owned::from_borrowed_static(
    pybool::from_bool(true)
)));

meth_noargs!(size, |op| {
    let m = valid(op)?;
    let mut st: libc::stat = std::mem::zeroed();
    if libc::fstat(m.fd, &mut st) == -1 {
        return Err(os_error());
    }
    int::from_i64(st.st_size)
});

meth_noargs!(tell, |op| {
    let m = valid(op)?;
    int::from_u64(m.pos as u64)
});

meth_fast!(write, |op, a| {
    valid(op)?;
    arity("write", a, 1, 1)?;
    let data = Guard::new(a[0], PyBUF_SIMPLE)?;
    let m = valid(op)?;
    writable(m)?;
    let n = data.len();
    if m.pos > m.size || m.size - m.pos < n {
        return Err(errors::value_error("data out of range"));
    }
    let pos = m.pos;
    m.bytes_mut()[pos..pos + n].copy_from_slice(data.as_slice());
    m.pos += n;
    int::from_u64(n as u64)
});

meth_fast!(write_byte, |op, a| {
    valid(op)?;
    arity("write_byte", a, 1, 1)?;
    let v = int::as_i64(number::index(a[0])?.as_ptr())?;
    if v < 0 {
        return Err(errors::overflow_error(
            "unsigned byte integer is less than minimum",
        ));
    }
    if v > 255 {
        return Err(errors::overflow_error(
            "unsigned byte integer is greater than maximum",
        ));
    }
    let m = valid(op)?;
    writable(m)?;
    if m.pos >= m.size {
        return Err(errors::value_error("write byte out of range"));
    }
    let pos = m.pos;
    m.bytes_mut()[pos] = v as u8;
    m.pos += 1;
    Ok(none::owned())
});
