//! `pickle.PickleBuffer` (CPython's `Objects/picklebufobject.c`, PEP 574):
//! a wrapper around another object's buffer that a protocol 5 pickler may
//! send out of band. Its own buffer protocol hands out views of the wrapped
//! object, so a memoryview of it sees the original memory.
use crate::capi::boundary::guard_status;
use crate::ffi::*;
use crate::modules::objtype::{self, meth_noargs, new_obj, State, Visit};
use crate::object::buffer;
use crate::object::descr::{method, METHOD_END};
use crate::object::{memoryview, none};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::{c_int, c_void};
use std::ptr::null_mut;

/// The state of a `PickleBuffer`: the view of the wrapped object (its
/// `obj` NULL once released). Exporters may point the view's shape or
/// strides into the view itself, so it is filled in place and never moves.
#[repr(C)]
pub struct PickleBuffer {
    view: Py_buffer,
    weakreflist: *mut PyObject,
}

impl PickleBuffer {
    fn release(&mut self) {
        // SAFETY: the view was filled by a successful get, or has obj NULL.
        unsafe { buffer::release(&mut self.view) }
    }
}

impl Drop for PickleBuffer {
    fn drop(&mut self) {
        self.release();
    }
}

impl State for PickleBuffer {
    fn traverse(&self, v: Visit) -> c_int {
        if self.view.obj.is_null() {
            0
        } else {
            v(self.view.obj)
        }
    }
    fn clear(&mut self) {
        self.release();
    }
}

/// `pickle.PickleBuffer` (`PyPickleBuffer_Type`); not subclassable.
#[no_mangle]
pub static mut PyPickleBuffer_Type: PyTypeObject = PyTypeObject {
    tp_doc: c"A buffer that pickle protocol 5 may pass out of band, beside the pickle data."
        .as_ptr(),
    tp_new: Some(picklebuffer_new),
    tp_methods: (&raw const METHODS).cast_mut().cast(),
    tp_as_buffer: &raw mut AS_BUFFER,
    tp_weaklistoffset: std::mem::offset_of!(objtype::Obj<PickleBuffer>, state.weakreflist)
        as Py_ssize_t,
    ..objtype::gc_type::<PickleBuffer>(c"pickle.PickleBuffer", 0)
};

static METHODS: [PyMethodDef; 3] = [
    PyMethodDef {
        ml_doc: c"raw($self, /)\n--\n\nA memoryview of the bytes this buffer wraps, as unsigned bytes;\nBufferError when they are not contiguous."
            .as_ptr(),
        ..method(c"raw", pb_raw as *const c_void, METH_NOARGS)
    },
    PyMethodDef {
        ml_doc: c"release($self, /)\n--\n\nLet go of the wrapped buffer; the PickleBuffer cannot be used afterwards."
            .as_ptr(),
        ..method(c"release", pb_release as *const c_void, METH_NOARGS)
    },
    METHOD_END,
];

static mut AS_BUFFER: PyBufferProcs = PyBufferProcs {
    bf_getbuffer: Some(pb_getbuffer),
    bf_releasebuffer: Some(pb_releasebuffer),
};

/// Whether `op` is a `PickleBuffer` (`PyPickleBuffer_Check`).
pub unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*op).ob_type == &raw mut PyPickleBuffer_Type }
}

/// The wrapped view of `op`, a `PickleBuffer`; `ValueError` once released
/// (`PyPickleBuffer_GetBuffer`).
///
/// # Safety
/// `op` is a live `PickleBuffer`; the reference must not outlive it.
pub unsafe fn live_view<'a>(op: *mut PyObject) -> PyResult<&'a Py_buffer> {
    // SAFETY: as the caller promises.
    let view = unsafe { &objtype::state::<PickleBuffer>(op).view };
    if view.obj.is_null() {
        return Err(errors::value_error(
            "operation forbidden on released PickleBuffer object",
        ));
    }
    Ok(view)
}

/// A new `PickleBuffer` over `base`'s buffer (`PyPickleBuffer_FromObject`).
pub unsafe fn from_object(base: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: base valid; the static type's layout is Obj<PickleBuffer>;
    // a zeroed view has obj NULL, so a failed get leaves nothing to release.
    unsafe {
        let pb = new_obj(
            &raw mut PyPickleBuffer_Type,
            PickleBuffer {
                view: std::mem::zeroed(),
                weakreflist: null_mut(),
            },
        )?;
        buffer::get(
            base,
            &mut objtype::state::<PickleBuffer>(pb.as_ptr()).view,
            PyBUF_FULL_RO,
        )?;
        Ok(pb)
    }
}

unsafe extern "C" fn picklebuffer_new(
    _tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: args is a tuple, kwds NULL or a dict.
        unsafe {
            let n = crate::object::tuple::size(args);
            let nkw = if kwds.is_null() {
                0
            } else {
                crate::object::dict::len(kwds)
            };
            if n + nkw > 1 {
                return Err(errors::type_error(format!(
                    "PickleBuffer() takes at most 1 argument ({} given)",
                    n + nkw
                )));
            }
            if n == 0 {
                return Err(errors::type_error(
                    "PickleBuffer() takes exactly 1 positional argument (0 given)",
                ));
            }
            from_object(crate::object::tuple::items(args)[0])
        }
    })
}

/// Views of a `PickleBuffer` are views of the wrapped object.
unsafe extern "C" fn pb_getbuffer(op: *mut PyObject, view: *mut Py_buffer, flags: c_int) -> c_int {
    guard_status(|| {
        // SAFETY: op is a PickleBuffer; view writable.
        unsafe {
            let obj = live_view(op)?.obj;
            buffer::get(obj, view, flags)
        }
    })
}

/// Lets go of the wrapped view of `op`, a `PickleBuffer`
/// (`PyPickleBuffer_Release`); releasing twice does nothing.
///
/// # Safety
/// `op` is a live `PickleBuffer`.
pub unsafe fn release(op: *mut PyObject) {
    // SAFETY: as the caller promises.
    unsafe { objtype::state::<PickleBuffer>(op).release() }
}

/// Never called, since the views come from the wrapped object; its
/// presence marks the buffers as needing a release, as in CPython.
unsafe extern "C" fn pb_releasebuffer(_op: *mut PyObject, _view: *mut Py_buffer) {}

meth_noargs!(pb_raw, |slf| {
    let v = live_view(slf)?;
    if !buffer::is_contiguous(v, b'A') {
        return Err(buffer::buffer_error(
            "cannot extract raw buffer from non-contiguous buffer",
        ));
    }
    let m = memoryview::from_object(slf)?;
    memoryview::flatten_to_bytes(m.as_ptr());
    Ok(m)
});

meth_noargs!(pb_release, |slf| {
    release(slf);
    Ok::<_, Raised>(Owned::from_borrowed_static(none::none()))
});
