//! The `_thread` module (CPython's `Modules/_threadmodule.c`): starting
//! threads that run Python callables, locks, thread handles, thread-local
//! objects, and the bookkeeping `threading` builds on.
//!
//! A new thread gets a thread state made by its parent (holding the GIL),
//! binds it to itself, takes the GIL and runs the callable; at the end it
//! clears and deletes its thread state, which releases the GIL.
pub mod excepthook;
pub mod handle;
pub mod local;
pub mod lock;

use crate::ffi::*;
use crate::modules::args::{arity, bind, builtin, no_kwargs};
use crate::object::descr::{method, METHOD_END};
use crate::object::{dict, exceptions as exc, float, int, none, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::tstate::{self, PyThreadState};
use crate::runtime::{gil, pythread};
use crate::Owned;
use handle::Handle;
use libc::c_void;
use std::ptr::null_mut;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// The module's static types, readied with the core's at initialization.
pub fn all_types() -> [*mut PyTypeObject; 4] {
    [
        &raw mut lock::LOCK_TYPE,
        &raw mut lock::RLOCK_TYPE,
        &raw mut handle::HANDLE_TYPE,
        &raw mut local::LOCAL_TYPE,
    ]
}

/// Threads started by this module that are still running (`_count()`).
static RUNNING: AtomicUsize = AtomicUsize::new(0);

/// Handles of running non-daemon threads, which `_shutdown` joins.
static NON_DAEMON: Mutex<Vec<Arc<Handle>>> = Mutex::new(Vec::new());

/// What a new thread needs: the callable and its arguments (owned
/// references), its thread state, and its handle.
struct Bootstrap {
    func: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
    ts: *mut PyThreadState,
    handle: Arc<Handle>,
}

// SAFETY: the objects are only touched by the new thread once it holds the
// GIL; until then nobody else uses these references.
unsafe impl Send for Bootstrap {}

/// The body of every thread this module starts (`thread_run`).
fn run(boot: Bootstrap) {
    let Bootstrap {
        func,
        args,
        kwargs,
        ts,
        handle,
    } = boot;
    // SAFETY: ts was made for this thread and is used by nobody else; the
    // objects are owned references, touched only with the GIL held.
    unsafe {
        (*ts).bind_to_current_thread();
        tstate::set_gilstate(ts);
        gil::restore_thread(ts);
        let r = protocol::call(func, args, kwargs);
        if r.is_err() {
            if errors::matches(exc::PyExc_SystemExit) {
                errors::clear();
            } else {
                let e = errors::take();
                let msg = match protocol::repr_string(func) {
                    Ok(r) => format!("Exception ignored in thread started by {r}"),
                    Err(_) => {
                        errors::clear();
                        "Exception ignored in thread".into()
                    }
                };
                if let Some(e) = e {
                    errors::restore(e);
                }
                crate::capi::exceptions::write_unraisable(Some(&msg), null_mut());
            }
        }
        drop(r);
        for p in [func, args, kwargs] {
            crate::object::refcount::xdecref(p);
        }
        (*ts).clear();
        RUNNING.fetch_sub(1, Ordering::Relaxed);
        handle.set_done();
        tstate::delete_current(ts);
    }
}

/// Starts a thread running `func(*args, **kwargs)`, with `handle` tracking
/// it.
///
/// # Safety
/// The caller holds the GIL; `args` is a tuple, `kwargs` NULL or a dict.
unsafe fn start(
    func: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
    handle: Arc<Handle>,
) -> PyResult<u64> {
    let interp = tstate::get().interp;
    {
        let mut st = handle.state();
        if st.started {
            return Err(errors::runtime_error("thread already started"));
        }
        st.started = true;
    }
    // SAFETY: the current interpreter is live.
    let ts = unsafe { PyThreadState::new(interp) };
    // SAFETY: the caller passes valid objects; the new thread owns these
    // references.
    let boot = unsafe {
        for p in [func, args, kwargs] {
            crate::object::refcount::xincref(p);
        }
        Bootstrap {
            func,
            args,
            kwargs,
            ts,
            handle: handle.clone(),
        }
    };
    RUNNING.fetch_add(1, Ordering::Relaxed);
    // The new thread waits for the GIL, which we hold, until we are done
    // filling in its handle.
    match pythread::spawn(move || run(boot)) {
        Ok((ident, os)) => {
            let mut st = handle.state();
            st.ident = ident;
            st.os = Some(os);
            Ok(ident)
        }
        Err(_) => {
            RUNNING.fetch_sub(1, Ordering::Relaxed);
            handle.state().started = false;
            // SAFETY: the thread never started: take back its references
            // and its thread state.
            unsafe {
                for p in [func, args, kwargs] {
                    crate::object::refcount::xdecref(p);
                }
                tstate::delete(ts);
            }
            Err(errors::runtime_error("can't start new thread"))
        }
    }
}

fn py_none() -> PyResult<Owned> {
    Ok(Owned::from_borrowed_static(none::none()))
}

builtin!(thread_start_new_thread, |args, kws| {
    no_kwargs("start_new_thread", &kws)?;
    arity("start_new_thread", args, 2, 3)?;
    let (func, fargs) = (args[0], args[1]);
    if crate::capi::call::PyCallable_Check(func) == 0 {
        return Err(errors::type_error("first arg must be callable"));
    }
    if !tuple::check(fargs) {
        return Err(errors::type_error("2nd arg must be a tuple"));
    }
    let kwargs = match args.get(2) {
        None => null_mut(),
        Some(&k) if dict::check(k) => k,
        Some(_) => return Err(errors::type_error("optional 3rd arg must be a dictionary")),
    };
    let kw_or_none = if kwargs.is_null() {
        none::none()
    } else {
        kwargs
    };
    crate::runtime::audit::audit(c"_thread.start_new_thread", &[func, fargs, kw_or_none])?;
    let ident = start(func, fargs, kwargs, Arc::default())?;
    int::from_u64(ident)
});

builtin!(thread_start_joinable_thread, |args, kws| {
    let [func, h, daemon] = bind(
        "start_joinable_thread",
        args,
        &kws,
        ["function", "handle", "daemon"],
        3,
        1,
    )?;
    let func = func.unwrap_or(null_mut());
    if crate::capi::call::PyCallable_Check(func) == 0 {
        return Err(errors::type_error("thread function must be callable"));
    }
    let daemon = match daemon {
        Some(d) => protocol::is_true(d)?,
        None => true,
    };
    crate::runtime::audit::audit_with(c"_thread.start_joinable_thread", || {
        Ok(vec![
            Owned::from_borrowed(func),
            int::from_i64(daemon as i64)?,
            Owned::from_borrowed(h.unwrap_or(none::none())),
        ])
    })?;
    let (handle, obj) = match h {
        Some(h) if h != none::none() => (handle::handle_of(h)?, Owned::from_borrowed(h)),
        _ => {
            let hd = Arc::new(Handle::default());
            let obj = handle::new_object(hd.clone())?;
            (hd, obj)
        }
    };
    let empty = tuple::empty();
    start(func, empty.as_ptr(), null_mut(), handle.clone())?;
    if !daemon {
        let mut list = NON_DAEMON.lock().unwrap_or_else(|e| e.into_inner());
        list.retain(|h| !h.state().done);
        list.push(handle);
    }
    Ok(obj)
});

builtin!(thread_allocate_lock, |args, kws| {
    arity("allocate_lock", args, 0, 0)?;
    lock::new_lock()
});

builtin!(thread_get_ident, |args, kws| {
    arity("get_ident", args, 0, 0)?;
    int::from_u64(tstate::thread_ident())
});

builtin!(thread_get_native_id, |args, kws| {
    arity("get_native_id", args, 0, 0)?;
    int::from_u64(tstate::native_thread_id())
});

builtin!(thread_count, |args, kws| {
    arity("_count", args, 0, 0)?;
    int::from_i64(RUNNING.load(Ordering::Relaxed) as i64)
});

builtin!(thread_stack_size, |args, kws| {
    no_kwargs("stack_size", &kws)?;
    arity("stack_size", args, 0, 1)?;
    let old = pythread::stack_size();
    if let Some(&s) = args.first() {
        let n = int::as_i64(crate::object::number::index(s)?.as_ptr())?;
        if n < 0 {
            return Err(errors::value_error("size must be 0 or a positive value"));
        }
        if !pythread::set_stack_size(n as usize) {
            return Err(errors::value_error(format!("size not valid: {n} bytes")));
        }
    }
    int::from_i64(old as i64)
});

builtin!(thread_exit, |args, kws| {
    arity("exit", args, 0, 0)?;
    Err(errors::set_object(exc::PyExc_SystemExit, null_mut()))
});

builtin!(thread_interrupt_main, |args, kws| {
    let [signum] = bind("interrupt_main", args, &kws, ["signum"], 1, 0)?;
    let signum = match signum {
        Some(s) => int::as_i64(s)?,
        None => libc::SIGINT as i64,
    };
    if !(1..65).contains(&signum) {
        return Err(errors::value_error("signal number out of range"));
    }
    crate::runtime::signals::simulate(signum as libc::c_int);
    py_none()
});

builtin!(thread_get_main_thread_ident, |args, kws| {
    arity("_get_main_thread_ident", args, 0, 0)?;
    // SAFETY: the current interpreter is live.
    int::from_u64(unsafe { (*tstate::get().interp).main_thread })
});

builtin!(thread_is_main_interpreter, |args, kws| {
    arity("_is_main_interpreter", args, 0, 0)?;
    let main = tstate::get().interp == crate::runtime::lifecycle::main_interpreter();
    Ok(Owned::from_borrowed_static(crate::object::bool::from_bool(
        main,
    )))
});

builtin!(thread_daemon_threads_allowed, |args, kws| {
    arity("daemon_threads_allowed", args, 0, 0)?;
    Ok(Owned::from_borrowed_static(crate::object::bool::from_bool(
        true,
    )))
});

builtin!(thread_make_thread_handle, |args, kws| {
    arity("_make_thread_handle", args, 1, 1)?;
    let ident =
        int::as_u64(args[0]).ok_or_else(|| errors::overflow_error("thread ident out of range"))?;
    let h = Arc::new(Handle::default());
    {
        let mut st = h.state();
        st.ident = ident;
        st.started = true;
    }
    handle::new_object(h)
});

builtin!(thread_shutdown, |args, kws| {
    arity("_shutdown", args, 0, 0)?;
    let me = tstate::thread_ident();
    loop {
        let next = {
            let mut list = NON_DAEMON.lock().unwrap_or_else(|e| e.into_inner());
            list.retain(|h| {
                let st = h.state();
                !st.done && st.ident != me
            });
            list.pop()
        };
        let Some(h) = next else { break };
        gil::allow_threads(|| h.wait(None));
    }
    py_none()
});

const FK: libc::c_int = METH_FASTCALL | METH_KEYWORDS;

static mut METHODS: [PyMethodDef; 19] = [
    method(
        c"start_new_thread",
        thread_start_new_thread as *const c_void,
        FK,
    ),
    method(c"start_new", thread_start_new_thread as *const c_void, FK),
    method(
        c"start_joinable_thread",
        thread_start_joinable_thread as *const c_void,
        FK,
    ),
    method(c"allocate_lock", thread_allocate_lock as *const c_void, FK),
    method(c"allocate", thread_allocate_lock as *const c_void, FK),
    method(c"get_ident", thread_get_ident as *const c_void, FK),
    method(c"get_native_id", thread_get_native_id as *const c_void, FK),
    method(c"_count", thread_count as *const c_void, FK),
    method(c"stack_size", thread_stack_size as *const c_void, FK),
    method(c"exit", thread_exit as *const c_void, FK),
    method(c"exit_thread", thread_exit as *const c_void, FK),
    method(
        c"interrupt_main",
        thread_interrupt_main as *const c_void,
        FK,
    ),
    method(
        c"_get_main_thread_ident",
        thread_get_main_thread_ident as *const c_void,
        FK,
    ),
    method(
        c"_is_main_interpreter",
        thread_is_main_interpreter as *const c_void,
        FK,
    ),
    method(
        c"daemon_threads_allowed",
        thread_daemon_threads_allowed as *const c_void,
        FK,
    ),
    method(
        c"_make_thread_handle",
        thread_make_thread_handle as *const c_void,
        FK,
    ),
    method(c"_shutdown", thread_shutdown as *const c_void, FK),
    method(
        c"_excepthook",
        excepthook::thread_excepthook as *const c_void,
        FK,
    ),
    METHOD_END,
];

/// `PyInit__thread`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the types are readied; the method table is static.
        unsafe {
            let name = crate::interned!("_thread");
            let m = crate::object::module::new(name)?;
            let d = crate::object::module::dict_of(m.as_ptr());
            let table = &raw mut METHODS;
            for i in 0..(*table).len() {
                let ml = (table as *mut PyMethodDef).add(i);
                if (*ml).ml_name.is_null() {
                    break;
                }
                let f = crate::object::methodobject::new(ml, m.as_ptr(), name, null_mut())?;
                dict::set_item(d, pystr::intern_cstr((*ml).ml_name)?, f.as_ptr())?;
            }
            let set = |k: &str, v: *mut PyObject| dict::set_item(d, pystr::intern(k), v);
            set("LockType", (&raw mut lock::LOCK_TYPE).cast())?;
            set("lock", (&raw mut lock::LOCK_TYPE).cast())?;
            set("RLock", (&raw mut lock::RLOCK_TYPE).cast())?;
            set("_ThreadHandle", (&raw mut handle::HANDLE_TYPE).cast())?;
            set("_local", (&raw mut local::LOCAL_TYPE).cast())?;
            set("error", exc::PyExc_RuntimeError)?;
            set("_ExceptHookArgs", excepthook::args_type()?.as_ptr())?;
            set("TIMEOUT_MAX", float::from_f64(lock::TIMEOUT_MAX)?.as_ptr())?;
            Ok(m)
        }
    })
}
