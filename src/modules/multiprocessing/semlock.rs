//! `_multiprocessing.SemLock` (CPython's
//! `Modules/_multiprocessing/semaphore.c`): a POSIX named semaphore used
//! as a lock (kind `RECURSIVE_MUTEX`, owned by the thread that took it)
//! or as a counting semaphore (kind `SEMAPHORE`), shared with child
//! processes by inheritance (fork) or by name (`_rebuild`).
use crate::ffi::*;
use crate::modules::args::format_i;
use crate::modules::args::{bind, builtin};
use crate::modules::objtype::{meth_fast, meth_noargs, parse};
use crate::object::descr::{method, readonly_member, METHOD_END};
use crate::object::none;
use crate::object::refcount::decref;
use crate::object::typeobj::type_template;
use crate::object::{float, int, protocol, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::tstate;
use crate::Owned;
use libc::{c_char, c_int, c_void};
use std::ffi::CString;
use std::mem::offset_of;

/// A lock that the thread holding it may take again.
const RECURSIVE_MUTEX: c_int = 0;
/// A counting semaphore.
const SEMAPHORE: c_int = 1;

/// A `SemLock`: the semaphore, the thread that last took it and how many
/// times it holds it, the kind, the largest value, and the name (NULL
/// once unlinked; owned, from `CString::into_raw`).
#[repr(C)]
pub struct SemLockObject {
    ob_base: PyObject,
    handle: *mut libc::sem_t,
    last_tid: u64,
    count: c_int,
    maxvalue: c_int,
    kind: c_int,
    name: *mut c_char,
}

/// `_multiprocessing.SemLock`.
pub static mut SEMLOCK_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE,
    tp_dealloc: Some(semlock_dealloc),
    tp_methods: (&raw const METHODS).cast_mut().cast(),
    tp_members: (&raw const MEMBERS).cast_mut().cast(),
    tp_new: Some(semlock_new),
    tp_free: Some(crate::capi::memory::PyObject_Free),
    tp_doc: c"Semaphore/Mutex type".as_ptr(),
    ..type_template(
        c"_multiprocessing.SemLock",
        std::mem::size_of::<SemLockObject>(),
        0,
    )
};

static MEMBERS: [PyMemberDef; 5] = [
    readonly_member(c"handle", Py_T_ULONG, offset_of!(SemLockObject, handle)),
    readonly_member(c"kind", Py_T_INT, offset_of!(SemLockObject, kind)),
    readonly_member(c"maxvalue", Py_T_INT, offset_of!(SemLockObject, maxvalue)),
    readonly_member(c"name", Py_T_STRING, offset_of!(SemLockObject, name)),
    crate::object::exceptions::MEMBER_END,
];

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static METHODS: [PyMethodDef; 11] = [
    method(c"acquire", semlock_acquire as *const c_void, FK),
    method(c"release", semlock_release as *const c_void, METH_NOARGS),
    method(c"__enter__", semlock_enter as *const c_void, METH_NOARGS),
    method(c"__exit__", semlock_exit as *const c_void, METH_FASTCALL),
    method(c"_count", semlock_count as *const c_void, METH_NOARGS),
    method(c"_is_mine", semlock_is_mine as *const c_void, METH_NOARGS),
    method(
        c"_get_value",
        semlock_get_value as *const c_void,
        METH_NOARGS,
    ),
    method(c"_is_zero", semlock_is_zero as *const c_void, METH_NOARGS),
    method(
        c"_rebuild",
        semlock_rebuild as *const c_void,
        METH_FASTCALL | METH_CLASS,
    ),
    method(
        c"_after_fork",
        semlock_after_fork as *const c_void,
        METH_NOARGS,
    ),
    METHOD_END,
];

/// `True` or `False` as a new reference.
fn py_bool(b: bool) -> Owned {
    Owned::from_borrowed_static(crate::object::bool::from_bool(b))
}

unsafe fn this<'a>(op: *mut PyObject) -> &'a mut SemLockObject {
    // SAFETY: op is a SemLock (the methods are bound to the type).
    unsafe { &mut *op.cast::<SemLockObject>() }
}

impl SemLockObject {
    /// Held by the calling thread (`ISMINE`).
    fn is_mine(&self) -> bool {
        self.count > 0 && self.last_tid == tstate::thread_ident()
    }

    /// The semaphore's value; negative values (waiters, on some systems)
    /// read as 0.
    fn value(&self) -> PyResult<c_int> {
        let mut v: c_int = 0;
        // SAFETY: handle is an open semaphore.
        if unsafe { libc::sem_getvalue(self.handle, &mut v) } < 0 {
            return Err(errors::last_os_error());
        }
        Ok(v.max(0))
    }
}

unsafe extern "C" fn semlock_dealloc(op: *mut PyObject) {
    // SAFETY: the refcount reached zero; handle and name are owned.
    unsafe {
        let s = this(op);
        if !s.handle.is_null() {
            libc::sem_close(s.handle);
        }
        if !s.name.is_null() {
            drop(CString::from_raw(s.name));
        }
        let tp = (*op).ob_type;
        if let Some(free) = (*tp).tp_free {
            free(op.cast());
        }
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(tp.cast());
        }
    }
}

/// A new `SemLock` of type `tp` owning `handle` and `name`.
unsafe fn new_semlock(
    tp: *mut PyTypeObject,
    handle: *mut libc::sem_t,
    kind: c_int,
    maxvalue: c_int,
    name: Option<CString>,
) -> PyResult<Owned> {
    // SAFETY: tp is SemLock or a subclass; the allocation is zeroed.
    unsafe {
        let alloc = (*tp)
            .tp_alloc
            .unwrap_or(crate::capi::allocation::PyType_GenericAlloc);
        let op = alloc(tp, 0);
        if op.is_null() {
            libc::sem_close(handle);
            return Err(errors::Raised::assume());
        }
        let s = this(op);
        s.handle = handle;
        s.kind = kind;
        s.maxvalue = maxvalue;
        s.name = name.map_or(std::ptr::null_mut(), CString::into_raw);
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// A semaphore name argument (a str without NUL).
unsafe fn name_arg(func: &str, o: *mut PyObject) -> PyResult<CString> {
    // SAFETY: o valid (caller contract).
    unsafe {
        if !pystr::check(o) {
            return Err(errors::type_error(format!(
                "{func}() argument 'name' must be str, not {}",
                crate::object::typeobj::type_name(o)
            )));
        }
        CString::new(pystr::as_str(o)?).map_err(|_| errors::value_error("embedded null character"))
    }
}

unsafe extern "C" fn semlock_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: args is a tuple, kwargs NULL or a dict.
        unsafe {
            let names = ["kind", "value", "maxvalue", "name", "unlink"];
            let [k, v, m, n, u] = parse("SemLock", args, kwargs, names, 0, 5)?;
            let kind = format_i(k)?;
            let value = format_i(v)?;
            let maxvalue = format_i(m)?;
            let name = name_arg("SemLock", n)?;
            let unlink = protocol::is_true(u)?;
            if kind != RECURSIVE_MUTEX && kind != SEMAPHORE {
                return Err(errors::value_error("unrecognized kind"));
            }
            let handle = libc::sem_open(
                name.as_ptr(),
                libc::O_CREAT | libc::O_EXCL,
                0o600 as libc::c_uint,
                value as libc::c_uint,
            );
            if handle == libc::SEM_FAILED {
                return Err(errors::last_os_error());
            }
            if unlink && libc::sem_unlink(name.as_ptr()) < 0 {
                let e = errors::last_os_error();
                libc::sem_close(handle);
                return Err(e);
            }
            new_semlock(tp, handle, kind, maxvalue, (!unlink).then_some(name))
        }
    })
}

/// The absolute `CLOCK_REALTIME` time `timeout` seconds from now.
fn deadline(timeout: f64) -> libc::timespec {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: now is a valid out-parameter.
    unsafe { libc::clock_gettime(libc::CLOCK_REALTIME, &mut now) };
    let whole = timeout.trunc();
    let mut sec = now.tv_sec + whole as libc::time_t;
    let mut nsec = now.tv_nsec + ((timeout - whole) * 1e9) as libc::c_long;
    if nsec >= 1_000_000_000 {
        sec += 1;
        nsec -= 1_000_000_000;
    }
    libc::timespec {
        tv_sec: sec,
        tv_nsec: nsec,
    }
}

/// `acquire(block=True, timeout=None)`.
unsafe fn acquire(s: &mut SemLockObject, blocking: bool, timeout: Option<f64>) -> PyResult<bool> {
    if s.kind == RECURSIVE_MUTEX && s.is_mine() {
        s.count += 1;
        return Ok(true);
    }
    let until = timeout.map(|t| deadline(t.max(0.0)));
    let h = s.handle;
    // A first try without giving up the GIL.
    let mut res;
    let mut err;
    loop {
        // SAFETY: h is an open semaphore.
        res = unsafe { libc::sem_trywait(h) };
        err = errors::last_errno();
        if res < 0 && err == libc::EINTR {
            errors::check_signals()?;
            continue;
        }
        break;
    }
    if res < 0 && err == libc::EAGAIN && blocking {
        loop {
            res = crate::runtime::gil::allow_threads(|| match &until {
                // SAFETY: h is an open semaphore; d a valid time.
                Some(d) => unsafe { libc::sem_timedwait(h, d) },
                // SAFETY: as above.
                None => unsafe { libc::sem_wait(h) },
            });
            err = errors::last_errno();
            if res < 0 && err == libc::EINTR {
                errors::check_signals()?;
                continue;
            }
            break;
        }
    }
    if res < 0 {
        return match err {
            libc::EAGAIN | libc::ETIMEDOUT => Ok(false),
            // SAFETY: no file names.
            e => Err(unsafe { errors::os_error(e, std::ptr::null_mut(), std::ptr::null_mut()) }),
        };
    }
    s.count += 1;
    s.last_tid = tstate::thread_ident();
    Ok(true)
}

builtin!(semlock_acquire, |slf, args, kws| {
    let [b, t] = bind("acquire", args, &kws, ["block", "timeout"], 2, 0)?;
    let blocking = match b {
        Some(b) => protocol::is_true(b)?,
        None => true,
    };
    let timeout = match t {
        Some(t) if t != none::none() => Some(float::as_f64(t)?),
        _ => None,
    };
    acquire(this(slf), blocking, timeout).map(py_bool)
});

meth_noargs!(semlock_enter, |slf| {
    acquire(this(slf), true, None).map(py_bool)
});

/// `release()`.
fn release(s: &mut SemLockObject) -> PyResult<Owned> {
    if s.kind == RECURSIVE_MUTEX {
        if !s.is_mine() {
            // SAFETY: the exception type is a static.
            return Err(unsafe {
                errors::set_string(
                    crate::object::exceptions::PyExc_AssertionError,
                    "attempt to release recursive lock not owned by thread",
                )
            });
        }
        if s.count > 1 {
            s.count -= 1;
            return Ok(none::owned());
        }
    } else if s.value()? >= s.maxvalue {
        return Err(errors::value_error(
            "semaphore or lock released too many times",
        ));
    }
    // SAFETY: handle is an open semaphore.
    if unsafe { libc::sem_post(s.handle) } < 0 {
        return Err(errors::last_os_error());
    }
    s.count -= 1;
    Ok(none::owned())
}

meth_noargs!(semlock_release, |slf| release(this(slf)));

meth_fast!(semlock_exit, |slf, _args| release(this(slf)));

meth_noargs!(semlock_count, |slf| int::from_i64(this(slf).count as i64));

meth_noargs!(semlock_is_mine, |slf| Ok(py_bool(this(slf).is_mine())));

meth_noargs!(semlock_get_value, |slf| int::from_i64(
    this(slf).value()? as i64
));

meth_noargs!(semlock_is_zero, |slf| Ok(py_bool(this(slf).value()? == 0)));

meth_noargs!(semlock_after_fork, |slf| {
    this(slf).count = 0;
    Ok(none::owned())
});

meth_fast!(semlock_rebuild, |cls, args| {
    let [h, k, m, n] = match args {
        [h, k, m, n] => [*h, *k, *m, *n],
        _ => {
            return Err(errors::type_error(format!(
                "_rebuild expected 4 arguments, got {}",
                args.len()
            )))
        }
    };
    let mut handle = int::as_u64(crate::object::number::index(h)?.as_ptr())
        .ok_or_else(|| errors::overflow_error("handle out of range"))?
        as *mut libc::sem_t;
    let kind = format_i(k)?;
    let maxvalue = format_i(m)?;
    let name = if n == none::none() {
        None
    } else {
        Some(name_arg("_rebuild", n)?)
    };
    // Another process's semaphore is opened again by name; an inherited
    // one (fork) is the same handle.
    if let Some(name) = &name {
        handle = libc::sem_open(name.as_ptr(), 0);
        if handle == libc::SEM_FAILED {
            return Err(errors::last_os_error());
        }
    }
    new_semlock(cls.cast(), handle, kind, maxvalue, name)
});
