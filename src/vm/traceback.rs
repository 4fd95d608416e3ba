//! Traceback objects (`PyTraceBack_Type`): the chain of (frame, lasti,
//! line) entries an exception collects while it unwinds, and their text
//! as `traceback.print_tb` writes it.
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::type_template;
use crate::object::{int, none};
use crate::runtime::errors::{PyResult, Raised};
use crate::vm::{code, frame};
use libc::c_void;
use std::ptr::null_mut;

/// `PyTracebackObject`.
#[repr(C)]
pub struct PyTracebackObject {
    pub ob_base: PyObject,
    pub tb_next: *mut PyObject,
    pub tb_frame: *mut PyObject,
    pub tb_lasti: libc::c_int,
    pub tb_lineno: libc::c_int,
}

/// `PyTraceBack_Type`.
#[no_mangle]
pub static mut PyTraceBack_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(tb_dealloc),
    tp_traverse: Some(tb_traverse),
    tp_clear: Some(tb_clear),
    tp_getset: (&raw const TB_GETSET).cast_mut().cast(),
    tp_methods: (&raw const TB_METHODS).cast_mut().cast(),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_new: Some(tb_new),
    ..type_template(c"traceback", std::mem::size_of::<PyTracebackObject>(), 0)
};

/// Whether `op` is a traceback.
pub unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*op).ob_type == &raw mut PyTraceBack_Type }
}

/// `PyTraceBack_Here`: prepends an entry for `f` to the raised exception's
/// traceback.
pub unsafe fn here(f: *mut PyObject) -> PyResult<()> {
    // SAFETY: f is a frame; the indicator holds an exception instance.
    unsafe {
        let exc = crate::runtime::errors::current();
        if exc.is_null() {
            return Ok(());
        }
        let b = exc.cast::<PyBaseExceptionObject>();
        (*b).traceback = new_entry((*b).traceback, f)?;
        Ok(())
    }
}

/// A new traceback entry for `f` at its current instruction, in front of
/// `next` (NULL or a traceback, whose reference it takes over on success).
pub unsafe fn new_entry(next: *mut PyObject, f: *mut PyObject) -> PyResult<*mut PyObject> {
    // SAFETY: f is a frame; next NULL or an owned traceback reference.
    unsafe {
        let op = crate::object::alloc::generic_alloc(&raw mut PyTraceBack_Type, 0);
        if op.is_null() {
            return Err(Raised::assume());
        }
        let tb = op.cast::<PyTracebackObject>();
        (*tb).tb_next = next;
        (*tb).tb_frame = new_ref(f);
        let lasti = frame::fr(f).lasti().max(0);
        (*tb).tb_lasti = lasti * 2;
        (*tb).tb_lineno = code::line_of(code::data(frame::fr(f).code), lasti as usize)
            .map_or(-1, |l| l as libc::c_int);
        crate::object::gc::track(op);
        Ok(op)
    }
}

/// `types.TracebackType(tb_next, tb_frame, tb_lasti, tb_lineno)`
/// (CPython's `tb_new`): an entry made by hand, in front of `tb_next` (a
/// traceback or None).
unsafe extern "C" fn tb_new(
    _tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: args a tuple, kwargs NULL or a dict.
        unsafe {
            const NAMES: [&str; 4] = ["tb_next", "tb_frame", "tb_lasti", "tb_lineno"];
            let a = crate::object::str_methods::parse_tuple_kw("traceback", args, kwargs, &NAMES)?;
            if let Some(i) = a.iter().position(|p| p.is_null()) {
                return Err(crate::runtime::errors::type_error(format!(
                    "traceback() missing required argument '{}' (pos {})",
                    NAMES[i],
                    i + 1
                )));
            }
            let [next, f, lasti, lineno] = a;
            let next = if next == none::none() {
                null_mut()
            } else if check(next) {
                next
            } else {
                return Err(crate::runtime::errors::type_error(format!(
                    "expected traceback object or None, got '{}'",
                    crate::object::typeobj::type_name(next)
                )));
            };
            if !frame::check(f) {
                return Err(crate::runtime::errors::type_error(format!(
                    "traceback() argument 'tb_frame' must be frame, not {}",
                    crate::object::typeobj::type_name(f)
                )));
            }
            let as_c_int = |v: *mut PyObject| -> PyResult<libc::c_int> {
                let i = int::as_i64(crate::object::number::index(v)?.as_ptr())?;
                libc::c_int::try_from(i).map_err(|_| {
                    crate::runtime::errors::overflow_error(
                        "Python int too large to convert to C int",
                    )
                })
            };
            let (lasti, lineno) = (as_c_int(lasti)?, as_c_int(lineno)?);
            let op = crate::object::alloc::generic_alloc(&raw mut PyTraceBack_Type, 0);
            if op.is_null() {
                return Err(Raised::assume());
            }
            let tb = op.cast::<PyTracebackObject>();
            (*tb).tb_next = if next.is_null() { next } else { new_ref(next) };
            (*tb).tb_frame = new_ref(f);
            (*tb).tb_lasti = lasti;
            (*tb).tb_lineno = lineno;
            crate::object::gc::track(op);
            Ok(crate::Owned::from_raw_unchecked(op))
        }
    })
}

unsafe extern "C" fn tb_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        // The traceback of a deep recursion is a long chain.
        if !crate::object::trashcan::enter(op, tb_dealloc) {
            return;
        }
        crate::object::gc::untrack(op);
        let tb = op.cast::<PyTracebackObject>();
        xdecref((*tb).tb_next);
        xdecref((*tb).tb_frame);
        crate::object::alloc::gc_free(op.cast());
        crate::object::trashcan::leave();
    }
}

/// `tb_clear`: drops the next entry and the frame.
unsafe extern "C" fn tb_clear(op: *mut PyObject) -> libc::c_int {
    // SAFETY: op is a traceback owning both.
    unsafe {
        let tb = op.cast::<PyTracebackObject>();
        crate::object::refcount::xdecref(std::mem::replace(
            &mut (*tb).tb_next,
            std::ptr::null_mut(),
        ));
        crate::object::refcount::xdecref(std::mem::replace(
            &mut (*tb).tb_frame,
            std::ptr::null_mut(),
        ));
    }
    0
}

unsafe extern "C" fn tb_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> libc::c_int {
    // SAFETY: op is a traceback.
    unsafe {
        let tb = op.cast::<PyTracebackObject>();
        crate::object::gc::visit_all(&[(*tb).tb_next, (*tb).tb_frame], visit, arg)
    }
}

unsafe extern "C" fn get_next(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a traceback.
    unsafe {
        let n = (*op.cast::<PyTracebackObject>()).tb_next;
        new_ref(if n.is_null() { none::none() } else { n })
    }
}

/// `tb.tb_next = value` (CPython's `tb_next_set`): another traceback or
/// None; deleting it or making a loop is refused.
unsafe extern "C" fn set_next(
    op: *mut PyObject,
    value: *mut PyObject,
    _c: *mut c_void,
) -> libc::c_int {
    // SAFETY: op is a traceback; value NULL or a valid object.
    unsafe {
        if value.is_null() {
            crate::runtime::errors::type_error("can't delete tb_next attribute");
            return -1;
        }
        let next = if value == none::none() {
            null_mut()
        } else if (*value).ob_type == &raw mut PyTraceBack_Type {
            value
        } else {
            crate::runtime::errors::type_error(format!(
                "expected traceback object, got '{}'",
                crate::object::typeobj::type_name(value)
            ));
            return -1;
        };
        let mut cursor = next;
        while !cursor.is_null() {
            if cursor == op {
                crate::runtime::errors::value_error("traceback loop detected");
                return -1;
            }
            cursor = (*cursor.cast::<PyTracebackObject>()).tb_next;
        }
        let t = op.cast::<PyTracebackObject>();
        let old = (*t).tb_next;
        (*t).tb_next = if next.is_null() { next } else { new_ref(next) };
        xdecref(old);
        0
    }
}

/// `tb_frame`, audited as `object.__getattr__`.
unsafe extern "C" fn get_frame(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    if crate::runtime::audit::audit_getattr(op, "tb_frame").is_err() {
        return null_mut();
    }
    // SAFETY: op is a traceback.
    unsafe { new_ref((*op.cast::<PyTracebackObject>()).tb_frame) }
}

/// `tb_lineno`: None where the code has no line (stored as -1).
unsafe extern "C" fn get_lineno(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a traceback.
    let line = unsafe { (*op.cast::<PyTracebackObject>()).tb_lineno };
    if line < 0 {
        return none::owned().into_raw();
    }
    int::from_i64(line.into()).map_or(null_mut(), |o| o.into_raw())
}

unsafe extern "C" fn get_lasti(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a traceback.
    unsafe {
        int::from_i64((*op.cast::<PyTracebackObject>()).tb_lasti as i64)
            .map_or(null_mut(), |o| o.into_raw())
    }
}

static TB_METHODS: [PyMethodDef; 2] = [
    crate::object::descr::method(c"__dir__", tb_dir as *const c_void, METH_NOARGS),
    crate::object::descr::METHOD_END,
];

/// `traceback.__dir__`: only the four `tb_*` attributes, as CPython lists.
unsafe extern "C" fn tb_dir(_tb: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        let names = ["tb_frame", "tb_next", "tb_lasti", "tb_lineno"];
        crate::object::list::from_vec(
            names
                .iter()
                .map(|n| crate::object::str::from_str(n))
                .collect::<PyResult<Vec<_>>>()?,
        )
    })
}

static TB_GETSET: [PyGetSetDef; 5] = [
    crate::object::descr::getset(c"tb_next", Some(get_next), Some(set_next)),
    crate::object::descr::getset(c"tb_frame", Some(get_frame), None),
    crate::object::descr::getset(c"tb_lineno", Some(get_lineno), None),
    crate::object::descr::getset(c"tb_lasti", Some(get_lasti), None),
    crate::object::descr::GETSET_END,
];
