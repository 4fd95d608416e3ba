//! The `_queue` module (CPython's `Modules/_queuemodule.c`): `SimpleQueue`,
//! an unbounded FIFO queue whose `get` may block, and the `Empty` exception
//! that `queue.Empty` re-exports.
//!
//! Items are only touched with the GIL held. A getter that finds the queue
//! empty waits on the queue's `Lock` with the GIL released: the first one
//! takes the free lock and waits to take it a second time, the others wait
//! behind it; `put` releases the lock, and so does a getter that got an
//! item while holding it (CPython 3.12's scheme).
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::modules::args::{bind, builtin};
use crate::modules::module_def::{self, add, add_type, exec_slot, SLOT_END};
use crate::modules::objtype::{self, meth_noargs, new_obj, Obj, Refs, State, Visit};
use crate::object::descr::{method, METHOD_END};
use crate::object::{bool as pybool, int, none, protocol};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::runtime::gil;
use crate::runtime::pythread::Lock;
use crate::Owned;
use libc::{c_int, c_void};
use std::collections::VecDeque;
use std::ptr::null_mut;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::time::{Duration, Instant};

/// `_queue.Empty`, created by the first exec of the module.
static EMPTY: AtomicPtr<PyObject> = AtomicPtr::new(null_mut());

/// Drops the module's exception class (interpreter finalization).
pub fn finalize() {
    crate::object::refcount::release_static(&EMPTY);
}

/// The state of a `SimpleQueue`.
#[repr(C)]
pub struct SimpleQueue {
    weakreflist: *mut PyObject,
    items: VecDeque<Owned>,
    /// Taken by a getter that found the queue empty; `put` releases it.
    lock: Lock,
    /// Whether a getter holds `lock`.
    locked: bool,
}

impl State for SimpleQueue {
    fn traverse(&self, v: Visit) -> c_int {
        self.items.visit(v)
    }
    fn clear(&mut self) {
        drop(std::mem::take(&mut self.items));
    }
}

/// `_queue.SimpleQueue`.
pub static mut SIMPLEQUEUE_TYPE: PyTypeObject = PyTypeObject {
    tp_doc: c"Simple, unbounded, reentrant FIFO queue.".as_ptr(),
    tp_new: Some(simplequeue_new),
    tp_methods: (&raw const METHODS).cast_mut().cast(),
    tp_weaklistoffset: std::mem::offset_of!(Obj<SimpleQueue>, state.weakreflist) as Py_ssize_t,
    ..objtype::gc_type::<SimpleQueue>(c"_queue.SimpleQueue", Py_TPFLAGS_BASETYPE)
};

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static METHODS: [PyMethodDef; 8] = [
    method(c"empty", sq_empty as *const c_void, METH_NOARGS),
    method(c"get", sq_get as *const c_void, FK),
    method(c"get_nowait", sq_get_nowait as *const c_void, FK),
    method(c"put", sq_put as *const c_void, FK),
    method(c"put_nowait", sq_put_nowait as *const c_void, FK),
    method(c"qsize", sq_qsize as *const c_void, METH_NOARGS),
    crate::object::genericalias::CLASS_GETITEM,
    METHOD_END,
];

unsafe extern "C" fn simplequeue_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args is a tuple, kwds NULL or a dict, tp SimpleQueue or a
        // subclass (whose basic size covers the state).
        unsafe {
            if crate::object::tuple::size(args) != 0 {
                return Err(errors::type_error(
                    "SimpleQueue() takes no positional arguments",
                ));
            }
            objtype::no_keywords("SimpleQueue", kwds)?;
            new_obj(
                tp,
                SimpleQueue {
                    weakreflist: null_mut(),
                    items: VecDeque::new(),
                    lock: Lock::new(),
                    locked: false,
                },
            )
        }
    })
}

/// The state of `op`, a `SimpleQueue`.
///
/// # Safety
/// `op` is a live `SimpleQueue` and the caller holds the GIL; the
/// reference must not be kept across a release of the GIL.
unsafe fn queue<'a>(op: *mut PyObject) -> &'a mut SimpleQueue {
    // SAFETY: as the caller promises.
    unsafe { objtype::state::<SimpleQueue>(op) }
}

/// Appends `item` and wakes a waiting getter.
unsafe fn put(slf: *mut PyObject, item: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: slf is a SimpleQueue, item valid; the GIL is held.
    unsafe {
        let q = queue(slf);
        q.items.push_back(Owned::from_borrowed(item));
        if q.locked {
            q.locked = false;
            q.lock.release();
        }
    }
    Ok(Owned::from_borrowed_static(none::none()))
}

/// Raises `_queue.Empty()`.
fn empty_error() -> Raised {
    // SAFETY: the class is created by exec before a queue exists.
    unsafe { errors::set_object(EMPTY.load(Ordering::Relaxed), null_mut()) }
}

/// Removes the first item, waiting at most `timeout` (forever with
/// `None`) with the GIL released while the queue is empty.
unsafe fn get(slf: *mut PyObject, timeout: Option<Duration>) -> PyResult<Owned> {
    let deadline = timeout.map(|t| Instant::now().checked_add(t));
    loop {
        // SAFETY: slf is a SimpleQueue; the GIL is held here.
        let q = unsafe { queue(slf) };
        if let Some(item) = q.items.pop_front() {
            // Pass the wait on to the next getter, if any.
            if q.locked {
                q.locked = false;
                q.lock.release();
            }
            return Ok(item);
        }
        // Wait for `put` to release the lock (the first pass takes a free
        // lock at once, the next one waits). The lock is used through a
        // shared reference only: it is made for use from several threads.
        let lock: *const Lock = &q.lock;
        // SAFETY: the caller's reference keeps the queue, hence the lock,
        // alive while this thread waits.
        let lock = unsafe { &*lock };
        let got = if lock.try_acquire() {
            true
        } else {
            let wait = match deadline {
                None | Some(None) => None,
                Some(Some(d)) => Some(d.saturating_duration_since(Instant::now())),
            };
            wait != Some(Duration::ZERO) && gil::allow_threads(|| lock.acquire(wait))
        };
        if !got {
            return Err(empty_error());
        }
        // SAFETY: the GIL is held again; the state is re-borrowed because
        // other threads ran meanwhile.
        unsafe { queue(slf) }.locked = true;
    }
}

/// The `timeout` of `get`: None waits forever; a number of seconds must
/// not be negative.
unsafe fn timeout_arg(t: Option<*mut PyObject>) -> PyResult<Option<Duration>> {
    let Some(t) = t.filter(|&t| t != none::none()) else {
        return Ok(None);
    };
    // SAFETY: t is a valid object.
    let ns = unsafe { crate::modules::time::clocks::duration_ns(t)? };
    if ns < 0 {
        return Err(errors::value_error(
            "'timeout' must be a non-negative number",
        ));
    }
    Ok(Some(Duration::from_nanos(ns as u64)))
}

builtin!(sq_put, |slf, args, kws| {
    let [item, _block, _timeout] = bind("put", args, &kws, ["item", "block", "timeout"], 3, 1)?;
    put(slf, item.unwrap())
});

builtin!(sq_put_nowait, |slf, args, kws| {
    let [item] = bind("put_nowait", args, &kws, ["item"], 1, 1)?;
    put(slf, item.unwrap())
});

builtin!(sq_get, |slf, args, kws| {
    let [block, timeout] = bind("get", args, &kws, ["block", "timeout"], 2, 0)?;
    let block = match block {
        Some(b) => protocol::is_true(b)?,
        None => true,
    };
    let timeout = if block {
        timeout_arg(timeout)?
    } else {
        Some(Duration::ZERO)
    };
    get(slf, timeout)
});

builtin!(sq_get_nowait, |slf, args, kws| {
    if !args.is_empty() || !kws.is_empty() {
        return Err(errors::type_error("get_nowait() takes no arguments"));
    }
    get(slf, Some(Duration::ZERO))
});

meth_noargs!(sq_empty, |slf| Ok(Owned::from_borrowed_static(
    pybool::from_bool(queue(slf).items.is_empty())
)));

meth_noargs!(sq_qsize, |slf| int::from_i64(queue(slf).items.len() as i64));

unsafe extern "C" fn exec(m: *mut PyObject) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: m is the module being executed.
        unsafe {
            if EMPTY.load(Ordering::Relaxed).is_null() {
                let e = crate::object::exceptions::new_exception_class(
                    c"_queue.Empty".as_ptr(),
                    null_mut(),
                    null_mut(),
                    crate::object::str::from_str(
                        "Exception raised by Queue.get(block=0)/get_nowait().",
                    )?
                    .as_ptr(),
                )?;
                EMPTY.store(e.into_raw(), Ordering::Relaxed);
            }
            add(
                m,
                "Empty",
                Ok(Owned::from_borrowed(EMPTY.load(Ordering::Relaxed))),
            )?;
            add_type(m, &raw mut SIMPLEQUEUE_TYPE)
        }
    })
}

static mut SLOTS: [PyModuleDef_Slot; 2] = [exec_slot(exec), SLOT_END];

static mut METHODS_MODULE: [PyMethodDef; 1] = [METHOD_END];

static mut DEF: PyModuleDef = module_def::def(
    c"_queue",
    c"C implementation of the Python queue module.\nThis module is an implementation detail, please do not use it directly.",
    (&raw mut METHODS_MODULE).cast(),
    (&raw mut SLOTS).cast(),
);

/// `PyInit__queue`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    // SAFETY: DEF is a static module definition.
    unsafe { crate::capi::module::PyModuleDef_Init(&raw mut DEF) }
}
