//! PEP 688, the buffer protocol from Python: the `__buffer__` and
//! `__release_buffer__` slot wrappers that C exporters show, and the
//! buffer slots of classes that define those methods. A view a class's
//! `__buffer__` hands out is owned by a small wrapper object
//! (`_PyBufferWrapper`, as in CPython) that remembers the memoryview and
//! the class instance, so that releasing the view calls
//! `__release_buffer__` with the very memoryview `__buffer__` returned.
use crate::capi::boundary::guard_status;
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::type_template;
use crate::object::{buffer, memoryview, number, protocol};
use crate::runtime::errors::{self, check, PyResult};
use crate::Owned;
use libc::{c_int, c_void};
use std::ptr::null_mut;

/// `_PyBufferWrapper`: the exporter a Python `__buffer__` view reports.
#[repr(C)]
struct BufferWrapper {
    ob_base: PyObject,
    /// The memoryview `__buffer__` returned (owned).
    mv: *mut PyObject,
    /// The instance whose `__buffer__` ran (owned).
    obj: *mut PyObject,
}

static mut WRAPPER_AS_BUFFER: PyBufferProcs = PyBufferProcs {
    bf_getbuffer: None,
    bf_releasebuffer: Some(wrapper_releasebuf),
};

/// `_PyBufferWrapper_Type`.
static mut BUFFER_WRAPPER_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(wrapper_dealloc),
    tp_traverse: Some(wrapper_traverse),
    tp_as_buffer: &raw mut WRAPPER_AS_BUFFER,
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    ..type_template(c"_buffer_wrapper", std::mem::size_of::<BufferWrapper>(), 0)
};

/// The buffer wrapper type, for `PyType_Ready` at startup.
pub fn wrapper_type() -> *mut PyTypeObject {
    &raw mut BUFFER_WRAPPER_TYPE
}

unsafe extern "C" fn wrapper_dealloc(op: *mut PyObject) {
    // SAFETY: op is a buffer wrapper whose count reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        let w = op.cast::<BufferWrapper>();
        xdecref((*w).mv);
        xdecref((*w).obj);
        crate::object::alloc::gc_free(op.cast());
    }
}

unsafe extern "C" fn wrapper_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: op is a buffer wrapper owning both fields (or NULL).
    unsafe {
        let w = op.cast::<BufferWrapper>();
        crate::object::gc::visit_all(&[(*w).mv, (*w).obj], visit, arg)
    }
}

/// `bufferwrapper_releasebuf`: hands the view back to the memoryview, then
/// tells the instance through `__release_buffer__` (when its class
/// defines one).
unsafe extern "C" fn wrapper_releasebuf(op: *mut PyObject, view: *mut Py_buffer) {
    // SAFETY: op is a buffer wrapper; view was filled through it.
    unsafe {
        let w = op.cast::<BufferWrapper>();
        let (mv, obj) = ((*w).mv, (*w).obj);
        if mv.is_null() || obj.is_null() {
            return;
        }
        let mbp = (*(*mv).ob_type).tp_as_buffer;
        if let Some(rel) = (*mbp).bf_releasebuffer {
            rel(mv, view);
        }
        let bp = (*(*obj).ob_type).tp_as_buffer;
        if !bp.is_null()
            && (*bp).bf_releasebuffer.map(|f| f as usize)
                == Some(slot_bf_releasebuffer as *const () as usize)
        {
            call_release(obj, mv);
        }
        (*w).mv = null_mut();
        (*w).obj = null_mut();
        decref(mv);
        decref(obj);
    }
}

/// Calls `obj.__release_buffer__(mv)`, the raised exception set aside;
/// a failure is reported as unraisable (the slot cannot fail).
unsafe fn call_release(obj: *mut PyObject, mv: *mut PyObject) {
    errors::keeping_raised(|| {
        // SAFETY: obj and mv are alive.
        unsafe {
            if protocol::call_method_obj(obj, "__release_buffer__", &[mv]).is_err() {
                crate::capi::exceptions::PyErr_WriteUnraisable(obj);
            }
        }
    })
}

/// `slot_bf_getbuffer`: the `bf_getbuffer` of a class that defines
/// `__buffer__`: calls it, requires a memoryview, and exports that view's
/// buffer through a wrapper that owns both.
pub unsafe extern "C" fn slot_bf_getbuffer(
    op: *mut PyObject,
    view: *mut Py_buffer,
    flags: c_int,
) -> c_int {
    guard_status(|| {
        // SAFETY: op is an instance of the class; view is writable.
        unsafe {
            let f = crate::object::int::from_i64(flags as i64)?;
            let ret = protocol::call_method_obj(op, "__buffer__", &[f.as_ptr()])?;
            if !memoryview::check(ret.as_ptr()) {
                return Err(errors::type_error(
                    "__buffer__ returned non-memoryview object",
                ));
            }
            buffer::get(ret.as_ptr(), view, flags)?;
            let w = crate::object::alloc::generic_alloc(&raw mut BUFFER_WRAPPER_TYPE, 0);
            if w.is_null() {
                buffer::release(view);
                return Err(errors::Raised::assume());
            }
            let bw = w.cast::<BufferWrapper>();
            (*bw).mv = ret.into_raw();
            (*bw).obj = new_ref(op);
            crate::object::gc::track(w);
            // The view's reference to the memoryview moves to the wrapper,
            // which the view now names as its exporter.
            decref((*view).obj);
            (*view).obj = w;
            Ok(())
        }
    })
}

/// `slot_bf_releasebuffer`: the `bf_releasebuffer` of a class that defines
/// `__release_buffer__`. Views from the class's own `__buffer__` are
/// released through their wrapper; this handles the others by calling
/// `__release_buffer__` with a memoryview of the released buffer.
pub unsafe extern "C" fn slot_bf_releasebuffer(op: *mut PyObject, view: *mut Py_buffer) {
    // SAFETY: op is an instance of the class; view was filled by it.
    unsafe {
        if (*view).obj.is_null() || (*(*view).obj).ob_type == &raw mut BUFFER_WRAPPER_TYPE {
            return;
        }
        match memoryview::from_buffer(&*view) {
            Ok(mv) => {
                call_release(op, mv.as_ptr());
                if protocol::call_method_obj(mv.as_ptr(), "release", &[]).is_err() {
                    errors::clear();
                }
            }
            Err(_) => crate::capi::exceptions::PyErr_WriteUnraisable(op),
        }
    }
}

/// The `flags` argument of `__buffer__`: an index that fits a C int.
unsafe fn flags_arg(v: *mut PyObject) -> PyResult<c_int> {
    // SAFETY: v is a valid object.
    unsafe {
        let n = number::as_ssize(v, crate::object::exceptions::PyExc_OverflowError)?;
        c_int::try_from(n).map_err(|_| errors::overflow_error("buffer flags too large"))
    }
}

/// The one argument of the PEP 688 wrappers (CPython unpacks it without a
/// function name, hence the message's leading space).
pub fn one_arg(args: &[*mut PyObject]) -> PyResult<*mut PyObject> {
    match args {
        [a] => Ok(*a),
        _ => Err(errors::type_error(format!(
            " expected 1 argument, got {}",
            args.len()
        ))),
    }
}

/// `wrap_buffer`: `obj.__buffer__(flags)` of a C exporter: a memoryview
/// over the buffer the wrapped `bf_getbuffer` fills.
pub unsafe fn wrap_buffer(
    s: *mut PyObject,
    flags: *mut PyObject,
    get: getbufferproc,
) -> PyResult<Owned> {
    // SAFETY: s is an instance of the exporter's type.
    unsafe {
        let flags = flags_arg(flags)?;
        let Some(get) = get else {
            return Err(errors::system_error("bad argument to internal function"));
        };
        let mut view: Py_buffer = std::mem::zeroed();
        if get(s, &mut view, flags) < 0 {
            return Err(errors::Raised::assume());
        }
        memoryview::from_master(view)
    }
}

/// `wrap_releasebuffer`: `obj.__release_buffer__(view)` releases a
/// memoryview that `obj.__buffer__` made.
pub unsafe fn wrap_releasebuffer(s: *mut PyObject, mv: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: s is an exporter instance; mv a valid object.
    unsafe {
        if !memoryview::check(mv) {
            return Err(errors::type_error("expected a memoryview object"));
        }
        let none = || Ok(Owned::from_borrowed_static(crate::object::none::none()));
        let exporter = memoryview::exporter(mv);
        if exporter.is_null() {
            return none();
        }
        if exporter != s {
            return Err(errors::value_error(
                "memoryview's buffer is not this object",
            ));
        }
        if memoryview::is_released(mv) {
            return Err(errors::value_error(
                "memoryview's buffer has already been released",
            ));
        }
        check(protocol::call_method_obj(mv, "release", &[])?.into_raw())
    }
}
