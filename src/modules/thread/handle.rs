//! `_thread._ThreadHandle`: the joinable end of a thread that
//! `start_joinable_thread` started (or, from `_make_thread_handle`, of a
//! thread started elsewhere, which `_set_done` marks finished). Joining
//! waits with the GIL released.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::modules::args::{arity, bind, builtin};
use crate::object::descr::{getset, method, GETSET_END, METHOD_END};
use crate::object::typeobj::type_template;
use crate::object::{bool as pybool, float, int, none, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::{gil, tstate};
use crate::Owned;
use libc::c_void;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, Weak};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// What a handle knows about its thread.
#[derive(Default)]
pub struct HandleState {
    /// The thread's `get_ident()`, 0 before it starts.
    pub ident: u64,
    pub started: bool,
    pub done: bool,
    /// The OS thread to join once it is done (threads we started).
    pub os: Option<JoinHandle<()>>,
}

/// Shared between the handle object, the running thread and the list of
/// non-daemon threads that `_shutdown` waits for.
#[derive(Default)]
pub struct Handle {
    state: Mutex<HandleState>,
    cond: Condvar,
}

impl Handle {
    pub fn state(&self) -> MutexGuard<'_, HandleState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Marks the thread finished and wakes its joiners.
    pub fn set_done(&self) {
        self.state().done = true;
        self.cond.notify_all();
    }

    /// Waits (without the GIL: the caller releases it) until the thread is
    /// done or `timeout` passes, then joins the OS thread if it is done.
    /// True when done.
    pub fn wait(&self, timeout: Option<Duration>) -> bool {
        let deadline = timeout.and_then(|t| Instant::now().checked_add(t));
        let mut st = self.state();
        while !st.done {
            match (timeout, deadline) {
                (Some(_), Some(d)) => {
                    let now = Instant::now();
                    if now >= d {
                        return false;
                    }
                    st = self
                        .cond
                        .wait_timeout(st, d - now)
                        .unwrap_or_else(|e| e.into_inner())
                        .0;
                }
                _ => st = self.cond.wait(st).unwrap_or_else(|e| e.into_inner()),
            }
        }
        let os = st.os.take();
        drop(st);
        if let Some(h) = os {
            let _ = h.join();
        }
        true
    }
}

/// Every handle that has an object, for [`after_fork_child`].
static ALL: Mutex<Vec<Weak<Handle>>> = Mutex::new(Vec::new());

/// In the child of `fork()`, marks the handle of every thread but the
/// calling one done, as CPython's `_PyThread_AfterFork`: those threads do
/// not exist in the child, so joining them (the main thread's, when a
/// worker forked) returns at once and never waits on or joins an OS thread.
pub fn after_fork_child() {
    let me = tstate::thread_ident();
    let all = ALL.lock().unwrap_or_else(|e| e.into_inner());
    for h in all.iter().filter_map(Weak::upgrade) {
        let mut st = h.state();
        if st.started && st.ident != me {
            st.done = true;
            // The parent's thread cannot be joined from the child.
            std::mem::forget(st.os.take());
        }
    }
}

/// A `_thread._ThreadHandle` instance.
#[repr(C)]
pub struct HandleObject {
    pub ob_base: PyObject,
    /// From `Arc::into_raw`.
    pub handle: *const Handle,
}

/// `_thread._ThreadHandle`.
pub static mut HANDLE_TYPE: PyTypeObject = PyTypeObject {
    tp_dealloc: Some(handle_dealloc),
    tp_repr: Some(handle_repr),
    tp_new: Some(handle_new),
    tp_methods: (&raw const HANDLE_METHODS).cast_mut().cast(),
    tp_getset: (&raw const HANDLE_GETSET).cast_mut().cast(),
    ..type_template(
        c"_thread._ThreadHandle",
        std::mem::size_of::<HandleObject>(),
        0,
    )
};

const FK: libc::c_int = METH_FASTCALL | METH_KEYWORDS;

static HANDLE_METHODS: [PyMethodDef; 4] = [
    method(c"join", handle_join as *const c_void, FK),
    method(c"is_done", handle_is_done as *const c_void, FK),
    method(c"_set_done", handle_set_done as *const c_void, FK),
    METHOD_END,
];

static HANDLE_GETSET: [PyGetSetDef; 2] = [getset(c"ident", Some(handle_ident), None), GETSET_END];

/// A new handle object for `h`.
pub fn new_object(h: Arc<Handle>) -> PyResult<Owned> {
    {
        let mut all = ALL.lock().unwrap_or_else(|e| e.into_inner());
        all.retain(|w| w.strong_count() > 0);
        all.push(Arc::downgrade(&h));
    }
    // SAFETY: HANDLE_TYPE is readied at initialization.
    unsafe {
        let op = errors::check(crate::capi::allocation::PyType_GenericAlloc(
            &raw mut HANDLE_TYPE,
            0,
        ))?;
        (*op.as_ptr().cast::<HandleObject>()).handle = Arc::into_raw(h);
        Ok(op)
    }
}

/// The handle behind a `_ThreadHandle` object, or a `TypeError`.
///
/// # Safety
/// `op` is a live object.
pub unsafe fn handle_of(op: *mut PyObject) -> PyResult<Arc<Handle>> {
    // SAFETY: op valid; a _ThreadHandle holds an Arc from into_raw.
    unsafe {
        if (*op).ob_type != &raw mut HANDLE_TYPE {
            return Err(errors::type_error(format!(
                "'handle' must be _thread._ThreadHandle, not {}",
                crate::object::typeobj::type_name(op)
            )));
        }
        let p = (*op.cast::<HandleObject>()).handle;
        Arc::increment_strong_count(p);
        Ok(Arc::from_raw(p))
    }
}

unsafe extern "C" fn handle_new(
    _tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple, kwds NULL or a dict.
        unsafe {
            if tuple::size(args) != 0 || (!kwds.is_null() && crate::object::dict::len(kwds) != 0) {
                return Err(errors::type_error("_ThreadHandle() takes no arguments"));
            }
        }
        new_object(Arc::default())
    })
}

unsafe extern "C" fn handle_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; handle came from Arc::into_raw.
    unsafe {
        drop(Arc::from_raw((*op.cast::<HandleObject>()).handle));
        if let Some(free) = (*(*op).ob_type).tp_free {
            free(op.cast());
        }
    }
}

unsafe extern "C" fn handle_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a handle.
        let h = unsafe { handle_of(op)? };
        let ident = h.state().ident;
        pystr::from_str(&format!("<_thread._ThreadHandle object: ident={ident}>"))
    })
}

unsafe extern "C" fn handle_ident(op: *mut PyObject, _closure: *mut c_void) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a handle.
        let h = unsafe { handle_of(op)? };
        let ident = h.state().ident;
        int::from_u64(ident)
    })
}

builtin!(handle_join, |slf, args, kws| {
    let [timeout] = bind("join", args, &kws, ["timeout"], 1, 0)?;
    let timeout = match timeout {
        Some(t) if t != none::none() => Some(Duration::from_secs_f64(float::as_f64(t)?.max(0.0))),
        _ => None,
    };
    let h = handle_of(slf)?;
    {
        let st = h.state();
        if !st.started {
            return Err(errors::runtime_error("thread not started"));
        }
        if st.ident == tstate::thread_ident() && !st.done {
            return Err(errors::runtime_error("Cannot join current thread"));
        }
    }
    gil::allow_threads(|| h.wait(timeout));
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(handle_is_done, |slf, args, kws| {
    arity("is_done", args, 0, 0)?;
    let done = handle_of(slf)?.state().done;
    Ok(Owned::from_borrowed_static(pybool::from_bool(done)))
});

builtin!(handle_set_done, |slf, args, kws| {
    arity("_set_done", args, 0, 0)?;
    let h = handle_of(slf)?;
    if !h.state().started {
        return Err(errors::runtime_error("thread not started"));
    }
    h.set_done();
    Ok(Owned::from_borrowed_static(none::none()))
});
