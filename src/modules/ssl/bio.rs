//! `_ssl.MemoryBIO` (CPython's `PySSLMemoryBIO`): an OpenSSL memory BIO
//! that an `SSLObject` reads its incoming TLS records from or writes its
//! outgoing ones to, so the caller moves the bytes itself.
use super::errors;
use super::ffi;
use super::ffi::{bio_pending, bio_set_mem_eof_return};
use super::ossl;
use crate::ffi::*;
use crate::modules::args::{self, builtin};
use crate::modules::objtype::{self, meth_noargs, State, Visit};
use crate::object::buffer::Guard;
use crate::object::descr::{getset, method, GETSET_END, METHOD_END};
use crate::object::{bool as pybool, bytes, int, none, tuple};
use crate::runtime::errors::{self as rterr, PyResult};
use crate::Owned;
use libc::{c_int, c_void};

/// The state of a `MemoryBIO`.
pub struct MemBio {
    pub bio: *mut ossl::BIO,
    eof_written: bool,
}

impl State for MemBio {
    fn traverse(&self, _: Visit) -> c_int {
        0
    }
    fn clear(&mut self) {}
}

impl Drop for MemBio {
    fn drop(&mut self) {
        if !self.bio.is_null() {
            // SAFETY: the BIO is ours; an SSL using it holds its own
            // reference.
            unsafe { ossl::BIO_free(self.bio) };
        }
    }
}

/// The state of `op`, a `MemoryBIO`.
///
/// # Safety
/// `op` is a `MemoryBIO`.
pub unsafe fn membio<'a>(op: *mut PyObject) -> &'a mut MemBio {
    // SAFETY: per the contract.
    unsafe { objtype::state::<MemBio>(op) }
}

/// Whether `op` is a `MemoryBIO`.
pub unsafe fn is_membio(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { crate::object::typeobj::instance_of(op, &raw mut MEMORY_BIO_TYPE) }
}

/// `MemoryBIO()`.
unsafe extern "C" fn membio_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: args a tuple, kwargs NULL or a dict; tp is this type.
        unsafe {
            objtype::no_keywords("MemoryBIO", kwargs)?;
            if tuple::size(args) != 0 {
                return Err(rterr::type_error(
                    "MemoryBIO() takes no positional arguments",
                ));
            }
            let bio = ossl::BIO_new(ossl::BIO_s_mem());
            if bio.is_null() {
                return Err(errors::plain("failed to allocate BIO"));
            }
            // An empty BIO asks to retry rather than signalling the end
            // of the stream, until write_eof().
            bio_set_mem_eof_return(bio, -1);
            objtype::new_obj(
                tp,
                MemBio {
                    bio,
                    eof_written: false,
                },
            )
        }
    })
}

unsafe extern "C" fn membio_pending(slf: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: slf is a MemoryBIO.
    crate::capi::boundary::guard_obj(|| unsafe {
        int::from_i64(bio_pending(membio(slf).bio) as i64)
    })
}

unsafe extern "C" fn membio_eof(slf: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: slf is a MemoryBIO.
        let b = unsafe { membio(slf) };
        // SAFETY: the BIO is live while the object is.
        let empty = unsafe { bio_pending(b.bio) } == 0;
        Ok(Owned::from_borrowed_static(pybool::from_bool(
            empty && b.eof_written,
        )))
    })
}

builtin!(membio_read, |slf, args, kws| {
    let [size] = args::bind("read", args, &kws, ["size"], 1, 0)?;
    let size = match size {
        Some(s) => args::clinic_int(s)?,
        None => -1,
    };
    let b = membio(slf);
    let avail = bio_pending(b.bio).min(c_int::MAX as usize) as c_int;
    let n = if size < 0 || size > avail {
        avail
    } else {
        size
    };
    if n == 0 {
        return bytes::from_slice(&[]);
    }
    let mut buf = vec![0u8; n as usize];
    let got = ossl::BIO_read(b.bio, buf.as_mut_ptr().cast(), n);
    if got < 0 {
        return Err(errors::from_queue());
    }
    bytes::from_slice(&buf[..got as usize])
});

objtype::meth_o!(membio_write, |slf, arg| {
    let g = Guard::new(arg, PyBUF_SIMPLE)?;
    let data = g.as_slice();
    if data.len() > c_int::MAX as usize {
        return Err(rterr::overflow_error(format!(
            "string longer than {} bytes",
            c_int::MAX
        )));
    }
    let b = membio(slf);
    if b.eof_written {
        return Err(errors::plain("cannot write() after write_eof()"));
    }
    let n = ossl::BIO_write(b.bio, data.as_ptr().cast(), data.len() as c_int);
    if n < 0 {
        return Err(errors::from_queue());
    }
    int::from_i64(n as i64)
});

meth_noargs!(membio_write_eof, |slf| {
    let b = membio(slf);
    b.eof_written = true;
    // From now on an empty BIO reads as the end of the stream.
    ffi::bio_clear_retry_flags(b.bio);
    bio_set_mem_eof_return(b.bio, 0);
    Ok(none::owned())
});

static mut MEMBIO_METHODS: [PyMethodDef; 4] = [
    method(
        c"read",
        membio_read as *const c_void,
        METH_FASTCALL | METH_KEYWORDS,
    ),
    method(c"write", membio_write as *const c_void, METH_O),
    method(c"write_eof", membio_write_eof as *const c_void, METH_NOARGS),
    METHOD_END,
];

static mut MEMBIO_GETSET: [PyGetSetDef; 3] = [
    getset(c"pending", Some(membio_pending), None),
    getset(c"eof", Some(membio_eof), None),
    GETSET_END,
];

/// `_ssl.MemoryBIO`.
pub static mut MEMORY_BIO_TYPE: PyTypeObject = PyTypeObject {
    tp_methods: (&raw mut MEMBIO_METHODS).cast(),
    tp_getset: (&raw mut MEMBIO_GETSET).cast(),
    tp_new: Some(membio_new),
    ..objtype::gc_type::<MemBio>(c"_ssl.MemoryBIO", Py_TPFLAGS_IMMUTABLETYPE)
};

/// Raises unless `op` is a `MemoryBIO` (argument `what` of `fname`).
pub unsafe fn check(op: *mut PyObject, fname: &str, what: &str) -> PyResult<()> {
    // SAFETY: op valid.
    if unsafe { is_membio(op) } {
        return Ok(());
    }
    Err(rterr::type_error(format!(
        "{fname}() argument '{what}' must be _ssl.MemoryBIO, not {}",
        // SAFETY: op valid.
        unsafe { crate::object::typeobj::type_name(op) }
    )))
}
