//! Audit hooks (PEP 578): C hooks added with `PySys_AddAuditHook` (also
//! before initialization) and Python hooks added with `sys.addaudithook`
//! see every event raised through `PySys_Audit`, `PySys_AuditTuple` or
//! `sys.audit`, C hooks first. A hook that fails aborts the audited
//! operation with its exception. Both lists are emptied by
//! `Py_FinalizeEx`. With no hook installed an event costs one load.
use crate::capi::boundary::guard_int;
use crate::ffi::*;
use crate::object::{exceptions as exc, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_char, c_int, c_void};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// `Py_AuditHookFunction`.
pub type Py_AuditHookFunction = Option<
    unsafe extern "C" fn(
        event: *const c_char,
        args: *mut PyObject,
        user_data: *mut c_void,
    ) -> c_int,
>;

/// A hook function (never NULL).
type HookFn = unsafe extern "C" fn(
    event: *const c_char,
    args: *mut PyObject,
    user_data: *mut c_void,
) -> c_int;

/// The hooks: C functions with their data, Python callables (owned).
struct Hooks {
    c: Vec<(HookFn, usize)>,
    python: Vec<usize>,
}

static HOOKS: Mutex<Hooks> = Mutex::new(Hooks {
    c: Vec::new(),
    python: Vec::new(),
});

/// Whether any hook is installed (the fast path of every event).
static ACTIVE: AtomicBool = AtomicBool::new(false);

fn hooks() -> std::sync::MutexGuard<'static, Hooks> {
    HOOKS.lock().unwrap_or_else(|e| e.into_inner())
}

/// Whether an event would reach a hook.
#[inline]
pub fn active() -> bool {
    ACTIVE.load(Ordering::Relaxed)
}

/// Raises the audit event `event` with the argument tuple `args` (NULL
/// for none): every hook sees it; the first failure is returned.
pub unsafe fn audit_tuple(event: &std::ffi::CStr, args: *mut PyObject) -> PyResult<()> {
    if !active() || crate::runtime::tstate::current().is_null() {
        return Ok(());
    }
    // SAFETY: args is NULL or a tuple (checked by the callers).
    unsafe {
        let args = match args.is_null() {
            true => tuple::from_vec(Vec::new())?,
            false => Owned::from_borrowed(args),
        };
        let python = hooks().python.clone();
        run_c_hooks(event, args.as_ptr())?;
        if !python.is_empty() {
            let name = pystr::from_str(event.to_str().unwrap_or("?"))?;
            for h in python {
                let h = h as *mut PyObject;
                // A hook runs with tracing off unless its `__cantrace__`
                // is true (`sys_audit_tstate`).
                let can_trace = match protocol::getattr_opt(h, crate::interned!("__cantrace__"))? {
                    Some(v) => protocol::is_true(v.as_ptr())?,
                    None => false,
                };
                let ts = crate::runtime::tstate::get();
                if !can_trace {
                    ts.tracing += 1;
                }
                let r = protocol::call_args(h, &[name.as_ptr(), args.as_ptr()]);
                if !can_trace {
                    crate::runtime::tstate::get().tracing -= 1;
                }
                r?;
            }
        }
        Ok(())
    }
}

/// Runs the C hooks on `event` with the tuple `args`; the first failure is
/// returned.
unsafe fn run_c_hooks(event: &std::ffi::CStr, args: *mut PyObject) -> PyResult<()> {
    let c = hooks().c.clone();
    for (f, data) in c {
        // SAFETY: f is a hook function given by C; args a tuple.
        if unsafe { f(event.as_ptr(), args, data as *mut c_void) } < 0 {
            if errors::occurred().is_null() {
                return Err(errors::system_error(
                    "audit hook failed without an exception",
                ));
            }
            return Err(errors::Raised::assume());
        }
    }
    Ok(())
}

/// Raises `event` with `args` (borrowed references) as its argument
/// tuple; free when no hook is installed.
#[inline]
pub fn audit(event: &std::ffi::CStr, args: &[*mut PyObject]) -> PyResult<()> {
    if !active() {
        return Ok(());
    }
    let t = tuple::pack(args)?;
    // SAFETY: t is a tuple (the arguments are valid objects, caller contract).
    unsafe { audit_tuple(event, t.as_ptr()) }
}

/// Raises `event` with the arguments `make` builds; `make` only runs when
/// a hook is installed (for arguments that cost something to build).
#[inline]
pub fn audit_with(
    event: &std::ffi::CStr,
    make: impl FnOnce() -> PyResult<Vec<Owned>>,
) -> PyResult<()> {
    if !active() {
        return Ok(());
    }
    let t = tuple::from_vec(make()?)?;
    // SAFETY: t is a tuple.
    unsafe { audit_tuple(event, t.as_ptr()) }
}

/// Raises `object.__getattr__` `(obj, name)`, CPython's event for reading
/// an attribute that exposes code or frames (`__code__`, `f_code`,
/// `gi_frame`, `tb_frame`, ...).
#[inline]
pub fn audit_getattr(obj: *mut PyObject, name: &str) -> PyResult<()> {
    if !active() {
        return Ok(());
    }
    audit(c"object.__getattr__", &[obj, pystr::intern(name)])
}

/// Raises the event `sys.addaudithook`; `Ok(false)` when a hook refused
/// it with an `Exception` (which is cleared: the new hook is not added).
unsafe fn audit_addaudithook() -> PyResult<bool> {
    // SAFETY: no arguments.
    match unsafe { audit_tuple(c"sys.addaudithook", std::ptr::null_mut()) } {
        Ok(()) => Ok(true),
        // SAFETY: an exception is set.
        Err(e) => unsafe {
            if errors::matches(exc::PyExc_Exception) {
                errors::clear();
                Ok(false)
            } else {
                Err(e)
            }
        },
    }
}

/// `PySys_AddAuditHook`: adds a C hook (also before initialization); 0, or
/// -1 with an exception set when an existing hook fails with something
/// other than an `Exception`.
#[no_mangle]
pub unsafe extern "C" fn PySys_AddAuditHook(
    hook: Py_AuditHookFunction,
    user_data: *mut c_void,
) -> c_int {
    let Some(hook) = hook else { return -1 };
    // SAFETY: raising the event runs the installed hooks.
    match unsafe { audit_addaudithook() } {
        Ok(true) => {}
        Ok(false) => return 0,
        Err(_) => return -1,
    }
    hooks().c.push((hook, user_data as usize));
    ACTIVE.store(true, Ordering::Relaxed);
    0
}

/// `PySys_AuditTuple`: raises `event` with `args` (a tuple or NULL).
#[no_mangle]
pub unsafe extern "C" fn PySys_AuditTuple(event: *const c_char, args: *mut PyObject) -> c_int {
    crate::null_check!(event);
    guard_int(|| {
        // SAFETY: event is a C string; args NULL or an object.
        unsafe {
            if !args.is_null() && !tuple::check(args) {
                return Err(errors::type_error(format!(
                    "args must be tuple, got {}",
                    crate::object::typeobj::type_name(args)
                )));
            }
            audit_tuple(std::ffi::CStr::from_ptr(event), args).map(|()| 0 as c_int)
        }
    })
}

/// Whether `PySys_Audit` (in `variadic.c`) needs to build its arguments.
#[no_mangle]
pub extern "C" fn _Ferrython_AuditActive() -> c_int {
    active() as c_int
}

/// The tail of `PySys_Audit`: raises `event` with what its format built
/// (stolen), wrapped in a 1-tuple when it is not a tuple.
#[no_mangle]
pub unsafe extern "C" fn _Ferrython_AuditBuilt(
    event: *const c_char,
    built: *mut PyObject,
) -> c_int {
    guard_int(|| {
        // SAFETY: built is a new reference; event a C string.
        unsafe {
            let built = Owned::from_raw_unchecked(built);
            let args = if tuple::check(built.as_ptr()) {
                built
            } else {
                tuple::pack(&[built.as_ptr()])?
            };
            audit_tuple(std::ffi::CStr::from_ptr(event), args.as_ptr()).map(|()| 0 as c_int)
        }
    })
}

/// `sys.addaudithook(hook)`.
pub unsafe fn add_python_hook(hook: *mut PyObject) -> PyResult<()> {
    // SAFETY: raising the event runs the installed hooks.
    if unsafe { audit_addaudithook()? } {
        hooks()
            .python
            .push(Owned::from_borrowed(hook).into_raw() as usize);
        ACTIVE.store(true, Ordering::Relaxed);
    }
    Ok(())
}

/// Raises `cpython.PyInterpreterState_Clear` as the interpreter is
/// cleared at finalization; a hook's failure cannot stop it.
pub fn audit_interpreter_clear() {
    errors::keeping_raised(|| audit(c"cpython.PyInterpreterState_Clear", &[]).ok());
}

/// Drops every hook (`Py_FinalizeEx`), after raising
/// `cpython._PySys_ClearAuditHooks` to the C hooks (the Python ones went
/// with the interpreter, as in CPython); a hook's failure is ignored.
pub fn clear() {
    if active() && !crate::runtime::tstate::current().is_null() {
        errors::keeping_raised(|| {
            // SAFETY: t is a tuple; the hooks run on this thread, which still
            // has its thread state.
            tuple::from_vec(Vec::new())
                .and_then(|t| unsafe { run_c_hooks(c"cpython._PySys_ClearAuditHooks", t.as_ptr()) })
                .ok()
        });
    }
    let mut guard = hooks();
    guard.c.clear();
    let python = std::mem::take(&mut guard.python);
    drop(guard);
    ACTIVE.store(false, Ordering::Relaxed);
    for h in python {
        // SAFETY: each entry is an owned reference.
        unsafe { crate::object::refcount::decref(h as *mut PyObject) };
    }
}
