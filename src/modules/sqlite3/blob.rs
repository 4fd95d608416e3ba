//! `sqlite3.Blob` (CPython's `Modules/_sqlite/blob.c`): incremental I/O on
//! one BLOB value, as a file-like object (`read`, `write`, `seek`, `tell`)
//! with `len()`, indexing, slicing and the context manager. Closing the
//! connection closes its blobs.
use super::connection::{conn, cstring_arg, is_connection};
use super::errors::{self, Exc};
use crate::ffi::*;
use crate::modules::args::clinic_int;
use crate::modules::args::{self, builtin};
use crate::modules::objtype::{self, meth_noargs, Obj, Refs, State, Visit};
use crate::object::buffer::Guard;
use crate::object::descr::{method, METHOD_END};
use crate::object::{bool as pybool, bytes, int, none, protocol, typeobj};
use crate::runtime::errors::{self as rterr, PyResult};
use crate::runtime::gil::allow_threads;
use crate::Owned;
use libc::{c_int, c_void};
use libsqlite3_sys as sq;
use std::cell::Cell;
use std::rc::Rc;

/// A blob handle shared with the connection, which closes it (and
/// empties the cell) when it closes first.
pub type Handle = Rc<Cell<*mut sq::sqlite3_blob>>;

/// Closes the handle in `h` if it is still open.
pub fn close_handle(h: &Handle) {
    let b = h.replace(std::ptr::null_mut());
    if !b.is_null() {
        let p = b as usize;
        // SAFETY: b is an open blob handle, closed only here.
        allow_threads(|| unsafe { sq::sqlite3_blob_close(p as *mut sq::sqlite3_blob) });
    }
}

/// The state of a blob.
pub struct Blob {
    connection: Option<Owned>,
    handle: Handle,
    offset: c_int,
    weakreflist: *mut PyObject,
}

impl State for Blob {
    fn traverse(&self, v: Visit) -> c_int {
        self.connection.visit(v)
    }
    fn clear(&mut self) {
        self.connection.clear_refs();
    }
}

impl Drop for Blob {
    fn drop(&mut self) {
        close_handle(&self.handle);
    }
}

unsafe fn blob<'a>(op: *mut PyObject) -> &'a mut Blob {
    // SAFETY: op is a Blob.
    unsafe { objtype::state::<Blob>(op) }
}

impl Blob {
    /// `check_blob`: the connection usable and the blob open.
    fn check(&self) -> PyResult<*mut sq::sqlite3_blob> {
        let c = objtype::ptr(&self.connection);
        if c.is_null() {
            return Err(errors::programming("Cannot operate on a closed blob."));
        }
        // SAFETY: connection is a Connection.
        unsafe { conn(c) }.checked()?;
        let b = self.handle.get();
        if b.is_null() {
            return Err(errors::programming("Cannot operate on a closed blob."));
        }
        Ok(b)
    }

    fn db(&self) -> *mut sq::sqlite3 {
        // SAFETY: connection is a Connection.
        unsafe { conn(objtype::ptr(&self.connection)) }.db
    }

    fn len(&self, b: *mut sq::sqlite3_blob) -> c_int {
        // SAFETY: b is open.
        unsafe { sq::sqlite3_blob_bytes(b) }
    }

    /// Reads `n` bytes at `at`.
    fn read_at(&self, b: *mut sq::sqlite3_blob, n: c_int, at: c_int) -> PyResult<Vec<u8>> {
        let mut buf = vec![0u8; n.max(0) as usize];
        let (bp, p) = (b as usize, buf.as_mut_ptr() as usize);
        // SAFETY: buf has n bytes; b is open.
        let rc = allow_threads(|| unsafe {
            sq::sqlite3_blob_read(bp as *mut sq::sqlite3_blob, p as *mut c_void, n, at)
        });
        if rc != sq::SQLITE_OK {
            // SAFETY: the connection is open.
            return Err(unsafe { errors::from_db(self.db()) });
        }
        Ok(buf)
    }

    /// Writes `data` at `at`.
    fn write_at(&self, b: *mut sq::sqlite3_blob, data: &[u8], at: c_int) -> PyResult<()> {
        let (bp, p, n) = (b as usize, data.as_ptr() as usize, data.len() as c_int);
        // SAFETY: data has n bytes; b is open.
        let rc = allow_threads(|| unsafe {
            sq::sqlite3_blob_write(bp as *mut sq::sqlite3_blob, p as *const c_void, n, at)
        });
        if rc != sq::SQLITE_OK {
            // SAFETY: the connection is open.
            return Err(unsafe { errors::from_db(self.db()) });
        }
        Ok(())
    }
}

builtin!(pub blobopen, |slf, args, kws| {
    let [table, column, row, readonly, name] = args::bind(
        "blobopen",
        args,
        &kws,
        ["table", "column", "row", "readonly", "name"],
        3,
        3,
    )?;
    let c = conn(slf);
    let db = c.checked()?;
    let table = cstring_arg(table.unwrap(), "blobopen", "1")?;
    let column = cstring_arg(column.unwrap(), "blobopen", "2")?;
    let row = int::as_i64(crate::object::number::index(row.unwrap())?.as_ptr())?;
    let readonly = match readonly {
        Some(r) => protocol::is_true(r)?,
        None => false,
    };
    let schema = match name {
        Some(n) => cstring_arg(n, "blobopen", "'name'")?,
        None => std::ffi::CString::from(c"main"),
    };
    let mut b: *mut sq::sqlite3_blob = std::ptr::null_mut();
    let rc = sq::sqlite3_blob_open(
        db,
        schema.as_ptr(),
        table.as_ptr(),
        column.as_ptr(),
        row,
        (!readonly) as c_int,
        &mut b,
    );
    if rc == sq::SQLITE_MISUSE {
        let msg = std::ffi::CStr::from_ptr(sq::sqlite3_errstr(rc)).to_string_lossy();
        return Err(errors::raise(Exc::InterfaceError, &msg));
    }
    if rc != sq::SQLITE_OK {
        return Err(errors::from_db(db));
    }
    let handle: Handle = Rc::new(Cell::new(b));
    c.blobs.retain(|h| Rc::strong_count(h) > 1 && !h.get().is_null());
    c.blobs.push(handle.clone());
    objtype::new_obj(
        &raw mut BLOB_TYPE,
        Blob {
            connection: Some(Owned::from_borrowed(slf)),
            handle,
            offset: 0,
            weakreflist: std::ptr::null_mut(),
        },
    )
});

meth_noargs!(blob_close, |slf| {
    let b = blob(slf);
    let c = objtype::ptr(&b.connection);
    if !c.is_null() && is_connection(c) {
        conn(c).checked()?;
    }
    close_handle(&b.handle);
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(blob_read, |slf, args, kws| {
    let [length] = args::bind("read", args, &kws, ["length"], 1, 0)?;
    let mut n = match length {
        Some(l) => clinic_int(l)?,
        None => -1,
    };
    let s = blob(slf);
    let b = s.check()?;
    let len = s.len(b);
    if n < 0 || n > len - s.offset {
        n = len - s.offset;
    }
    if n == 0 {
        return bytes::from_slice(&[]);
    }
    let data = s.read_at(b, n, s.offset)?;
    s.offset += n;
    bytes::from_slice(&data)
});

builtin!(blob_write, |slf, args, kws| {
    args::no_kwargs("write", &kws)?;
    args::arity("write", args, 1, 1)?;
    let s = blob(slf);
    let g = Guard::new(args[0], PyBUF_SIMPLE)?;
    let b = s.check()?;
    if g.len() > c_int::MAX as usize {
        return Err(rterr::overflow_error("data longer than INT_MAX bytes"));
    }
    let n = g.len() as c_int;
    if n > s.len(b) - s.offset {
        return Err(rterr::value_error("data longer than blob length"));
    }
    s.write_at(b, g.as_slice(), s.offset)?;
    s.offset += n;
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(blob_seek, |slf, args, kws| {
    let [offset, origin] = args::bind("seek", args, &kws, ["offset", "origin"], 2, 1)?;
    let mut off = clinic_int(offset.unwrap())? as i64;
    let origin = match origin {
        Some(o) => clinic_int(o)?,
        None => 0,
    };
    let s = blob(slf);
    let b = s.check()?;
    let len = s.len(b) as i64;
    match origin {
        0 => {}
        1 => off += s.offset as i64,
        2 => off += len,
        _ => {
            return Err(rterr::value_error(
                "'origin' should be os.SEEK_SET, os.SEEK_CUR, or os.SEEK_END",
            ))
        }
    }
    if off > c_int::MAX as i64 {
        return Err(rterr::overflow_error("seek offset results in overflow"));
    }
    if off < 0 || off > len {
        return Err(rterr::value_error("offset out of blob range"));
    }
    s.offset = off as c_int;
    Ok(Owned::from_borrowed_static(none::none()))
});

meth_noargs!(blob_tell, |slf| {
    let s = blob(slf);
    s.check()?;
    int::from_i64(s.offset as i64)
});

meth_noargs!(blob_enter, |slf| {
    blob(slf).check()?;
    Ok(Owned::from_borrowed(slf))
});

builtin!(blob_exit, |slf, args, kws| {
    args::no_kwargs("__exit__", &kws)?;
    args::arity("__exit__", args, 3, 3)?;
    let s = blob(slf);
    s.check()?;
    close_handle(&s.handle);
    Ok(Owned::from_borrowed_static(pybool::py_false()))
});

unsafe extern "C" fn blob_length(slf: *mut PyObject) -> Py_ssize_t {
    crate::capi::boundary::guard(|| {
        // SAFETY: slf is a Blob.
        let s = unsafe { blob(slf) };
        match s.check() {
            Ok(b) => s.len(b) as Py_ssize_t,
            Err(_) => -1,
        }
    })
}

/// An index into a blob of `len` bytes.
unsafe fn blob_index(key: *mut PyObject, len: c_int) -> PyResult<c_int> {
    // SAFETY: key has __index__.
    let mut i = unsafe { crate::object::number::index_as_ssize(key, "Blob index")? };
    if i < 0 {
        i += len as Py_ssize_t;
    }
    if i < 0 || i >= len as Py_ssize_t {
        return Err(rterr::index_error("Blob index out of range"));
    }
    Ok(i as c_int)
}

/// A slice's (start, stop, step, length) over `len` bytes.
unsafe fn slice_bounds(key: *mut PyObject, len: c_int) -> PyResult<(isize, isize, isize, isize)> {
    let (mut start, mut stop, mut step) = (0, 0, 0);
    // SAFETY: key is a slice.
    unsafe {
        if crate::capi::slice::PySlice_Unpack(key, &mut start, &mut stop, &mut step) < 0 {
            return Err(crate::runtime::errors::Raised::assume());
        }
        let n =
            crate::capi::slice::PySlice_AdjustIndices(len as isize, &mut start, &mut stop, step);
        Ok((start, stop, step, n))
    }
}

fn is_index(o: *mut PyObject) -> bool {
    // SAFETY: o valid.
    unsafe {
        let nb = (*(*o).ob_type).tp_as_number;
        int::check(o) || (!nb.is_null() && (*nb).nb_index.is_some())
    }
}

unsafe extern "C" fn blob_subscript(slf: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: slf is a Blob; key valid.
        unsafe {
            let s = blob(slf);
            let b = s.check()?;
            let len = s.len(b);
            if is_index(key) {
                let i = blob_index(key, len)?;
                let v = s.read_at(b, 1, i)?;
                return int::from_i64(v[0] as i64);
            }
            if !crate::object::slice::check(key) {
                return Err(rterr::type_error("Blob indices must be integers"));
            }
            let (start, stop, step, n) = slice_bounds(key, len)?;
            if n <= 0 {
                return bytes::from_slice(&[]);
            }
            if step == 1 {
                return bytes::from_slice(&s.read_at(b, n as c_int, start as c_int)?);
            }
            let (lo, hi) = if step > 0 {
                (start, stop)
            } else {
                (stop + 1, start + 1)
            };
            let all = s.read_at(b, (hi - lo) as c_int, lo as c_int)?;
            let picked: Vec<u8> = (0..n)
                .map(|k| all[(start + k * step - lo) as usize])
                .collect();
            bytes::from_slice(&picked)
        }
    })
}

unsafe extern "C" fn blob_ass_subscript(
    slf: *mut PyObject,
    key: *mut PyObject,
    v: *mut PyObject,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: slf is a Blob; key and v valid or v NULL.
        unsafe {
            let s = blob(slf);
            let b = s.check()?;
            if v.is_null() {
                return Err(rterr::type_error("Blob doesn't support item deletion"));
            }
            let len = s.len(b);
            if is_index(key) {
                let i = blob_index(key, len)?;
                if !int::check(v) {
                    return Err(rterr::type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        typeobj::type_name(v)
                    )));
                }
                let x = int::as_i128(v).unwrap_or(-1);
                if !(0..=255).contains(&x) {
                    return Err(rterr::value_error("byte must be in range(0, 256)"));
                }
                return s.write_at(b, &[x as u8], i);
            }
            if !crate::object::slice::check(key) {
                return Err(rterr::type_error("Blob indices must be integers"));
            }
            let g = Guard::new(v, PyBUF_SIMPLE)?;
            let (start, stop, step, n) = slice_bounds(key, len)?;
            if g.len() as isize != n {
                return Err(rterr::index_error("Blob slice assignment is wrong size"));
            }
            if n <= 0 {
                return Ok(());
            }
            if step == 1 {
                return s.write_at(b, g.as_slice(), start as c_int);
            }
            let (lo, hi) = if step > 0 {
                (start, stop)
            } else {
                (stop + 1, start + 1)
            };
            let mut all = s.read_at(b, (hi - lo) as c_int, lo as c_int)?;
            for (k, &byte) in g.as_slice().iter().enumerate() {
                all[(start + k as isize * step - lo) as usize] = byte;
            }
            s.write_at(b, &all, lo as c_int)
        }
    })
}

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut BLOB_METHODS: [PyMethodDef; 8] = [
    method(c"close", blob_close as *const c_void, METH_NOARGS),
    method(c"read", blob_read as *const c_void, FK),
    method(c"write", blob_write as *const c_void, FK),
    method(c"seek", blob_seek as *const c_void, FK),
    method(c"tell", blob_tell as *const c_void, METH_NOARGS),
    method(c"__enter__", blob_enter as *const c_void, METH_NOARGS),
    method(c"__exit__", blob_exit as *const c_void, FK),
    METHOD_END,
];

static mut BLOB_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: Some(blob_length),
    mp_subscript: Some(blob_subscript),
    mp_ass_subscript: Some(blob_ass_subscript),
};

static mut BLOB_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(blob_length),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

/// `sqlite3.Blob`.
pub static mut BLOB_TYPE: PyTypeObject = PyTypeObject {
    tp_as_mapping: &raw mut BLOB_AS_MAPPING,
    tp_as_sequence: &raw mut BLOB_AS_SEQUENCE,
    tp_methods: (&raw mut BLOB_METHODS).cast(),
    tp_weaklistoffset: std::mem::offset_of!(Obj<Blob>, state.weakreflist) as Py_ssize_t,
    ..objtype::gc_type::<Blob>(
        c"sqlite3.Blob",
        Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    )
};
