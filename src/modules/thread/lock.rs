//! `_thread.lock` (`LockType`) and `_thread.RLock` (CPython's
//! `Modules/_threadmodule.c`). Waiting for a lock releases the GIL.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::modules::args::{arity, bind, builtin, no_kwargs, Args};
use crate::object::descr::{method, METHOD_END};
use crate::object::typeobj::{self, type_template};
use crate::object::{bool as pybool, float, int, none, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::pythread::Lock;
use crate::runtime::{gil, tstate};
use crate::Owned;
use libc::c_void;
use std::time::{Duration, Instant};

/// `_thread.TIMEOUT_MAX`: the longest timeout in seconds (timeouts are
/// kept in nanoseconds in an i64).
pub const TIMEOUT_MAX: f64 = 9223372036.0;

const FK: libc::c_int = METH_FASTCALL | METH_KEYWORDS;

/// A `_thread.lock` instance.
#[repr(C)]
pub struct LockObject {
    pub ob_base: PyObject,
    pub lock: Lock,
    pub weakreflist: *mut PyObject,
}

/// A `_thread.RLock` instance: the lock, its owner's `get_ident()` and the
/// recursion count (changed only by the owner, under the GIL).
#[repr(C)]
pub struct RLockObject {
    pub ob_base: PyObject,
    pub lock: Lock,
    pub owner: u64,
    pub count: u64,
    pub weakreflist: *mut PyObject,
}

/// `_thread.lock`.
pub static mut LOCK_TYPE: PyTypeObject = PyTypeObject {
    tp_dealloc: Some(lock_dealloc),
    tp_repr: Some(lock_repr),
    tp_new: Some(lock_new),
    tp_methods: (&raw const LOCK_METHODS).cast_mut().cast(),
    tp_weaklistoffset: std::mem::offset_of!(LockObject, weakreflist) as Py_ssize_t,
    ..type_template(c"_thread.lock", std::mem::size_of::<LockObject>(), 0)
};

/// `_thread.RLock`.
pub static mut RLOCK_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE,
    tp_dealloc: Some(rlock_dealloc),
    tp_repr: Some(rlock_repr),
    tp_new: Some(rlock_new),
    tp_methods: (&raw const RLOCK_METHODS).cast_mut().cast(),
    tp_weaklistoffset: std::mem::offset_of!(RLockObject, weakreflist) as Py_ssize_t,
    ..type_template(c"_thread.RLock", std::mem::size_of::<RLockObject>(), 0)
};

static LOCK_METHODS: [PyMethodDef; 10] = [
    method(c"acquire", lock_acquire as *const c_void, FK),
    method(c"acquire_lock", lock_acquire as *const c_void, FK),
    method(c"__enter__", lock_acquire as *const c_void, FK),
    method(c"release", lock_release as *const c_void, FK),
    method(c"release_lock", lock_release as *const c_void, FK),
    method(c"__exit__", lock_exit as *const c_void, FK),
    method(c"locked", lock_locked as *const c_void, FK),
    method(c"locked_lock", lock_locked as *const c_void, FK),
    method(c"_at_fork_reinit", lock_at_fork_reinit as *const c_void, FK),
    METHOD_END,
];

static RLOCK_METHODS: [PyMethodDef; 10] = [
    method(c"acquire", rlock_acquire as *const c_void, FK),
    method(c"__enter__", rlock_acquire as *const c_void, FK),
    method(c"release", rlock_release as *const c_void, FK),
    method(c"__exit__", rlock_exit as *const c_void, FK),
    method(c"_is_owned", rlock_is_owned as *const c_void, FK),
    method(
        c"_recursion_count",
        rlock_recursion_count as *const c_void,
        FK,
    ),
    method(c"_release_save", rlock_release_save as *const c_void, FK),
    method(
        c"_acquire_restore",
        rlock_acquire_restore as *const c_void,
        FK,
    ),
    method(
        c"_at_fork_reinit",
        rlock_at_fork_reinit as *const c_void,
        FK,
    ),
    METHOD_END,
];

/// Allocates an instance of `tp` (a lock type or a subclass) with its
/// `Lock` initialized; the rest is zero.
unsafe fn alloc_with_lock(tp: *mut PyTypeObject, lock_offset: usize) -> PyResult<Owned> {
    // SAFETY: tp is a ready lock type (or subclass), whose instances hold a
    // Lock at lock_offset; generic allocation zeroes the rest.
    unsafe {
        let alloc = (*tp)
            .tp_alloc
            .unwrap_or(crate::capi::allocation::PyType_GenericAlloc);
        let op = errors::check(alloc(tp, 0))?;
        std::ptr::write(
            op.as_ptr().cast::<u8>().add(lock_offset).cast::<Lock>(),
            Lock::new(),
        );
        Ok(op)
    }
}

/// A new `_thread.lock` (`allocate_lock()`).
pub fn new_lock() -> PyResult<Owned> {
    // SAFETY: LOCK_TYPE is readied at initialization.
    unsafe { alloc_with_lock(&raw mut LOCK_TYPE, std::mem::offset_of!(LockObject, lock)) }
}

unsafe extern "C" fn lock_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple, kwds NULL or a dict.
        unsafe {
            if tuple::size(args) != 0 || (!kwds.is_null() && crate::object::dict::len(kwds) != 0) {
                return Err(errors::type_error("lock() takes no arguments"));
            }
            alloc_with_lock(tp, std::mem::offset_of!(LockObject, lock))
        }
    })
}

unsafe extern "C" fn rlock_new(
    tp: *mut PyTypeObject,
    _args: *mut PyObject,
    _kwds: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: tp is RLock or a subclass.
    guard_obj(|| unsafe { alloc_with_lock(tp, std::mem::offset_of!(RLockObject, lock)) })
}

/// Frees an instance whose `Lock` sits at `lock_offset` and weak reference
/// list at `weak_offset`.
unsafe fn dealloc_with_lock(op: *mut PyObject, lock_offset: usize, weak_offset: usize) {
    // SAFETY: refcount reached zero; the Lock was written at allocation;
    // the weak reference list is NULL or a list clear_weakrefs empties.
    unsafe {
        if !(*op.cast::<u8>().add(weak_offset).cast::<*mut PyObject>()).is_null() {
            crate::object::weakref::clear_weakrefs(op);
        }
        std::ptr::drop_in_place(op.cast::<u8>().add(lock_offset).cast::<Lock>());
        let tp = (*op).ob_type;
        if let Some(free) = (*tp).tp_free {
            free(op.cast());
        }
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            crate::object::refcount::decref(tp.cast());
        }
    }
}

unsafe extern "C" fn lock_dealloc(op: *mut PyObject) {
    // SAFETY: a dying lock.
    unsafe {
        dealloc_with_lock(
            op,
            std::mem::offset_of!(LockObject, lock),
            std::mem::offset_of!(LockObject, weakreflist),
        )
    }
}

unsafe extern "C" fn rlock_dealloc(op: *mut PyObject) {
    // SAFETY: a dying RLock.
    unsafe {
        dealloc_with_lock(
            op,
            std::mem::offset_of!(RLockObject, lock),
            std::mem::offset_of!(RLockObject, weakreflist),
        )
    }
}

/// The lock of a `_thread.lock`.
///
/// # Safety
/// `op` is a live `_thread.lock`.
pub unsafe fn lock_of<'a>(op: *mut PyObject) -> &'a Lock {
    // SAFETY: as the caller promises.
    unsafe { &(*op.cast::<LockObject>()).lock }
}

/// `(blocking=True, timeout=-1)` parsed as CPython's `lock_acquire_parse_args`
/// does: `None` waits forever, `Some(0)` does not wait.
fn acquire_args(args: Args, kws: &[(&str, *mut PyObject)]) -> PyResult<Option<Duration>> {
    // CPython parses these with PyArg_ParseTupleAndKeywords, whose
    // messages differ from Argument Clinic's.
    let n = args.len() + kws.len();
    if n > 2 {
        return Err(errors::type_error(format!(
            "acquire() takes at most 2 arguments ({n} given)"
        )));
    }
    if let Some((k, _)) = kws
        .iter()
        .find(|(k, _)| *k != "blocking" && *k != "timeout")
    {
        return Err(errors::type_error(format!(
            "acquire() got an unexpected keyword argument '{k}'"
        )));
    }
    let [blocking, timeout] = bind("acquire", args, kws, ["blocking", "timeout"], 2, 0)?;
    // SAFETY: argument objects are valid.
    let blocking = match blocking {
        Some(b) => unsafe { protocol::is_true(b)? },
        None => true,
    };
    let secs = match timeout {
        // SAFETY: as above.
        Some(t) => unsafe { float::as_f64(t)? },
        None => -1.0,
    };
    if !blocking {
        if secs != -1.0 {
            return Err(errors::value_error(
                "can't specify a timeout for a non-blocking call",
            ));
        }
        return Ok(Some(Duration::ZERO));
    }
    if secs == -1.0 {
        return Ok(None);
    }
    if secs.is_nan() {
        return Err(errors::value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(errors::value_error(
            "timeout value must be a non-negative number",
        ));
    }
    if secs > TIMEOUT_MAX {
        return Err(errors::overflow_error(
            "timestamp out of range for platform time_t",
        ));
    }
    Ok(Some(Duration::from_secs_f64(secs)))
}

/// Takes `lock`, first without waiting, then (unless `timeout` is zero)
/// with the GIL released while it waits.
pub fn acquire_releasing_gil(lock: &Lock, timeout: Option<Duration>) -> bool {
    if lock.try_acquire() {
        return true;
    }
    if timeout == Some(Duration::ZERO) {
        return false;
    }
    gil::allow_threads(|| lock.acquire(timeout))
}

/// How often a wait in the main thread looks for signals that arrived.
const SIGNAL_POLL: Duration = Duration::from_millis(10);

/// [`acquire_releasing_gil`] as the `acquire()` methods do it
/// (`acquire_timed`): in the main thread, a signal that arrives while it
/// waits has its handler run (with the GIL), whose exception ends the
/// wait (`KeyboardInterrupt` on SIGINT); otherwise the wait goes on for
/// what is left of `timeout`.
fn acquire_interruptible(lock: &Lock, timeout: Option<Duration>) -> PyResult<bool> {
    use crate::runtime::signals;
    if !signals::is_main_thread() {
        return Ok(acquire_releasing_gil(lock, timeout));
    }
    if lock.try_acquire() {
        return Ok(true);
    }
    if timeout == Some(Duration::ZERO) {
        return Ok(false);
    }
    let deadline = timeout.and_then(|t| Instant::now().checked_add(t));
    loop {
        // None: a signal is waiting for its handler.
        let taken = gil::allow_threads(|| loop {
            let slice = deadline.map_or(SIGNAL_POLL, |d| {
                d.saturating_duration_since(Instant::now()).min(SIGNAL_POLL)
            });
            if lock.acquire(Some(slice)) {
                return Some(true);
            }
            if deadline.is_some_and(|d| Instant::now() >= d) {
                return Some(false);
            }
            if signals::pending() {
                return None;
            }
        });
        match taken {
            Some(got) => return Ok(got),
            None => signals::check()?,
        }
    }
}

fn py_bool(b: bool) -> PyResult<Owned> {
    Ok(Owned::from_borrowed_static(pybool::from_bool(b)))
}

fn py_none() -> PyResult<Owned> {
    Ok(Owned::from_borrowed_static(none::none()))
}

builtin!(lock_acquire, |slf, args, kws| {
    let timeout = acquire_args(args, &kws)?;
    py_bool(acquire_interruptible(lock_of(slf), timeout)?)
});

builtin!(lock_release, |slf, args, kws| {
    arity("release", args, 0, 0)?;
    if !lock_of(slf).release() {
        return Err(errors::runtime_error("release unlocked lock"));
    }
    py_none()
});

builtin!(lock_exit, |slf, args, kws| {
    no_kwargs("__exit__", &kws)?;
    if !lock_of(slf).release() {
        return Err(errors::runtime_error("release unlocked lock"));
    }
    py_none()
});

builtin!(lock_locked, |slf, args, kws| {
    arity("locked", args, 0, 0)?;
    py_bool(lock_of(slf).is_locked())
});

builtin!(lock_at_fork_reinit, |slf, args, kws| {
    arity("_at_fork_reinit", args, 0, 0)?;
    lock_of(slf).reset();
    py_none()
});

unsafe extern "C" fn lock_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a lock.
        let state = if unsafe { lock_of(op) }.is_locked() {
            "locked"
        } else {
            "unlocked"
        };
        // SAFETY: op valid.
        let name = unsafe { typeobj::name_of((*op).ob_type) };
        pystr::from_str(&format!("<{state} {name} object at {op:p}>"))
    })
}

/// The fields of an `RLock`.
///
/// # Safety
/// `op` is a live `_thread.RLock` (or subclass instance).
unsafe fn rlock<'a>(op: *mut PyObject) -> &'a mut RLockObject {
    // SAFETY: as the caller promises.
    unsafe { &mut *op.cast::<RLockObject>() }
}

builtin!(rlock_acquire, |slf, args, kws| {
    let timeout = acquire_args(args, &kws)?;
    let r = rlock(slf);
    let me = tstate::thread_ident();
    if r.count > 0 && r.owner == me {
        r.count = r
            .count
            .checked_add(1)
            .ok_or_else(|| errors::overflow_error("Internal lock count overflowed"))?;
        return py_bool(true);
    }
    if !acquire_interruptible(&r.lock, timeout)? {
        return py_bool(false);
    }
    // Re-borrowed: other threads ran while we waited.
    let r = rlock(slf);
    r.owner = me;
    r.count = 1;
    py_bool(true)
});

/// Releases one level of the RLock held by the calling thread.
unsafe fn rlock_release_one(slf: *mut PyObject) -> PyResult<()> {
    // SAFETY: slf is an RLock.
    let r = unsafe { rlock(slf) };
    if r.count == 0 || r.owner != tstate::thread_ident() {
        return Err(errors::runtime_error("cannot release un-acquired lock"));
    }
    r.count -= 1;
    if r.count == 0 {
        r.owner = 0;
        r.lock.release();
    }
    Ok(())
}

builtin!(rlock_release, |slf, args, kws| {
    arity("release", args, 0, 0)?;
    rlock_release_one(slf)?;
    py_none()
});

builtin!(rlock_exit, |slf, args, kws| {
    no_kwargs("__exit__", &kws)?;
    rlock_release_one(slf)?;
    py_none()
});

builtin!(rlock_is_owned, |slf, args, kws| {
    arity("_is_owned", args, 0, 0)?;
    let r = rlock(slf);
    py_bool(r.count > 0 && r.owner == tstate::thread_ident())
});

builtin!(rlock_recursion_count, |slf, args, kws| {
    arity("_recursion_count", args, 0, 0)?;
    let r = rlock(slf);
    let n = if r.owner == tstate::thread_ident() {
        r.count
    } else {
        0
    };
    int::from_i64(n as i64)
});

builtin!(rlock_release_save, |slf, args, kws| {
    arity("_release_save", args, 0, 0)?;
    let r = rlock(slf);
    if r.count == 0 {
        return Err(errors::runtime_error("cannot release un-acquired lock"));
    }
    let (count, owner) = (r.count, r.owner);
    r.count = 0;
    r.owner = 0;
    r.lock.release();
    let c = int::from_i64(count as i64)?;
    let o = int::from_u64(owner)?;
    tuple::pack(&[c.as_ptr(), o.as_ptr()])
});

builtin!(rlock_acquire_restore, |slf, args, kws| {
    arity("_acquire_restore", args, 1, 1)?;
    let state = args[0];
    if !tuple::check(state) || tuple::size(state) != 2 {
        return Err(errors::type_error(
            "_acquire_restore(): argument must be a 2-tuple",
        ));
    }
    let items = tuple::items(state);
    let count = int::as_i64(items[0])?;
    let owner =
        int::as_u64(items[1]).ok_or_else(|| errors::overflow_error("RLock owner out of range"))?;
    acquire_releasing_gil(&rlock(slf).lock, None);
    let r = rlock(slf);
    r.owner = owner;
    r.count = count as u64;
    py_none()
});

builtin!(rlock_at_fork_reinit, |slf, args, kws| {
    arity("_at_fork_reinit", args, 0, 0)?;
    let r = rlock(slf);
    r.lock.reset();
    r.owner = 0;
    r.count = 0;
    py_none()
});

unsafe extern "C" fn rlock_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an RLock.
        let r = unsafe { rlock(op) };
        let state = if r.count > 0 { "locked" } else { "unlocked" };
        // SAFETY: op valid.
        let name = unsafe { typeobj::name_of((*op).ob_type) };
        pystr::from_str(&format!(
            "<{state} {name} object owner={} count={} at {op:p}>",
            r.owner, r.count
        ))
    })
}
