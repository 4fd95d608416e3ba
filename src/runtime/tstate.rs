//! Interpreter and thread states. Each OS thread running Python has a
//! `PyThreadState`, found through a thread-local; the thread state holds the
//! error indicator (the raised exception) and the recursion depth. The
//! interpreter keeps the list of its thread states (`PyInterpreterState_ThreadHead`).
use crate::ffi::PyObject;
use std::cell::Cell;
use std::ptr::null_mut;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// `PyInterpreterState`: one interpreter's modules and builtins.
pub struct PyInterpreterState {
    /// `sys.modules`.
    pub modules: *mut PyObject,
    /// The `builtins` module.
    pub builtins: *mut PyObject,
    /// The `sys` module's dict (`interp->sysdict`, owned), NULL until
    /// `sys` is created. Kept until the interpreter is cleared, after the
    /// modules are torn down: a finalizer running meanwhile sees this
    /// `sys`, emptied at the end, never a new one.
    pub sysdict: *mut PyObject,
    /// Directories searched for modules (`sys.path` until `sys` exists).
    pub path: Vec<std::ffi::OsString>,
    /// The command line as `sys.argv` shows it (bytes; see
    /// `runtime::config::Config::argv`).
    pub argv: Vec<std::ffi::OsString>,
    /// Single-phase extension modules by `PyModuleDef.m_base.m_index`
    /// (`PyState_FindModule`), strong references.
    pub modules_by_index: Vec<*mut PyObject>,
    /// Its thread states (addresses), newest first; a mutex because native
    /// threads create thread states without holding the GIL.
    pub threads: Mutex<Vec<usize>>,
    /// `threading.get_ident()` of the thread that created the interpreter.
    pub main_thread: u64,
    /// `PyInterpreterState_GetDict`'s dict (owned), NULL until first used.
    pub dict: *mut PyObject,
    /// The `_warnings` module last made for it (owned), NULL before.
    pub warnings: *mut PyObject,
    /// The recursion limit its new thread states start with
    /// (`Py_GetRecursionLimit`).
    pub recursion_limit: i32,
    /// The `dlopen` flags extension modules are loaded with
    /// (`sys.setdlopenflags`; `RTLD_NOW` at first, as in CPython).
    pub dlopenflags: i32,
}

impl PyInterpreterState {
    /// An empty interpreter state.
    pub fn new() -> PyInterpreterState {
        PyInterpreterState {
            modules: null_mut(),
            builtins: null_mut(),
            sysdict: null_mut(),
            path: Vec::new(),
            argv: Vec::new(),
            modules_by_index: Vec::new(),
            threads: Mutex::new(Vec::new()),
            main_thread: thread_ident(),
            dict: null_mut(),
            warnings: null_mut(),
            recursion_limit: 1000,
            dlopenflags: libc::RTLD_NOW,
        }
    }

    /// `Py_SetRecursionLimit`: the limit of the interpreter and of every
    /// thread state it has.
    pub fn set_recursion_limit(&mut self, limit: i32) {
        self.recursion_limit = limit;
        for ts in self.thread_states() {
            // SAFETY: thread states stay allocated while listed.
            unsafe { (*ts).recursion_limit = limit };
        }
    }

    /// The addresses of its thread states, newest first.
    pub fn thread_states(&self) -> Vec<*mut PyThreadState> {
        let list = self.threads.lock().unwrap_or_else(|e| e.into_inner());
        list.iter().map(|&a| a as *mut PyThreadState).collect()
    }

    /// Releases what the interpreter holds (at finalization): the modules
    /// go first, in CPython's order (`module_teardown`).
    pub fn clear(&mut self) {
        // SAFETY: modules is NULL or a dict of modules; builtins NULL or
        // a module.
        unsafe { crate::runtime::module_teardown::finalize_modules(self.modules, self.builtins) };
        for m in std::mem::take(&mut self.modules_by_index) {
            // SAFETY: the table owns these references.
            unsafe { crate::object::refcount::xdecref(m) };
        }
        for p in [
            &mut self.modules,
            &mut self.builtins,
            &mut self.sysdict,
            &mut self.dict,
            &mut self.warnings,
        ] {
            let old = std::mem::replace(p, null_mut());
            // SAFETY: owned references or NULL.
            unsafe { crate::object::refcount::xdecref(old) };
        }
    }
}

impl Default for PyInterpreterState {
    fn default() -> Self {
        Self::new()
    }
}

/// The lowest stack address the calling thread may use before a deeper
/// call raises `RecursionError` instead of overflowing its stack: the
/// stack's end plus a margin for the code that runs between two checks
/// (and for reporting the error). 1 (never reached) when unknown.
pub fn stack_limit_here() -> usize {
    let Some((low, size)) = main_thread_stack().or_else(thread_stack) else {
        return 1;
    };
    low + (size / 4).min(1 << 20)
}

/// The calling thread's stack (lowest address, size) from
/// `pthread_getattr_np`.
fn thread_stack() -> Option<(usize, usize)> {
    // SAFETY: attr is initialized by pthread_getattr_np before use and
    // destroyed after; the out-pointers are valid locals.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return None;
        }
        let mut addr: *mut libc::c_void = null_mut();
        let mut size: libc::size_t = 0;
        let r = libc::pthread_attr_getstack(&attr, &mut addr, &mut size);
        libc::pthread_attr_destroy(&mut attr);
        (r == 0 && !addr.is_null()).then_some((addr as usize, size))
    }
}

/// The stack of the process's main thread (lowest address, size) when the
/// calling thread is that one, without reading `/proc/self/maps` (which
/// `pthread_getattr_np` does for it, at a cost of several system calls per
/// startup): the kernel writes the executable's path (`AT_EXECFN`) last at
/// the top of the new stack, a pointer's size below its end, and the stack
/// may grow to `RLIMIT_STACK` below that end. `None` for another thread or
/// an unlimited stack.
fn main_thread_stack() -> Option<(usize, usize)> {
    // SAFETY: plain queries; AT_EXECFN, when set, points at the
    // NUL-terminated path the kernel placed on the stack.
    unsafe {
        if libc::getpid() != libc::gettid() {
            return None;
        }
        let execfn = libc::getauxval(libc::AT_EXECFN) as *const libc::c_char;
        let page = usize::try_from(libc::sysconf(libc::_SC_PAGESIZE)).ok()?;
        let mut lim: libc::rlimit = std::mem::zeroed();
        if execfn.is_null() || page == 0 || libc::getrlimit(libc::RLIMIT_STACK, &mut lim) != 0 {
            return None;
        }
        // A larger limit than this may overlap other mappings; ask glibc.
        let size = usize::try_from(lim.rlim_cur)
            .ok()
            .filter(|&s| s <= 1 << 30)?
            & !(page - 1);
        let end = (execfn as usize + libc::strlen(execfn) + 1 + size_of::<usize>())
            .next_multiple_of(page);
        let here = &raw const page as usize;
        (end > here && end - size < here).then_some((end - size, size))
    }
}

/// `PyThreadState`: opaque to C.
pub struct PyThreadState {
    /// The interpreter this thread state belongs to.
    pub interp: *mut PyInterpreterState,
    /// The raised exception (the error indicator), NULL when none.
    pub current_exception: *mut PyObject,
    /// The exception being handled by the running frame and its callers
    /// up to the innermost running generator (that generator's own
    /// `gi_exc_state`), NULL when none.
    pub handled_exception: *mut PyObject,
    /// The handled exceptions set aside while generators run, one per
    /// running generator, innermost last (owned, NULL for none): the rest
    /// of CPython's `exc_info` chain.
    pub exc_outer: Vec<*mut PyObject>,
    /// Depth of nested `Py_EnterRecursiveCall`s.
    pub recursion_depth: i32,
    /// The recursion limit (`sys.getrecursionlimit()`).
    pub recursion_limit: i32,
    /// Below this address the thread's native stack is nearly used up
    /// (see [`stack_limit_here`]); 0 until first needed.
    pub stack_limit: usize,
    /// The running Python frame (borrowed), NULL outside Python code.
    pub frame: *mut PyObject,
    /// `PyThreadState_GetDict`'s dict, created on first use.
    pub dict: *mut PyObject,
    /// The exception class `PyThreadState_SetAsyncExc` asked this thread
    /// to raise, NULL when none.
    pub async_exc: *mut PyObject,
    /// Nesting of `PyGILState_Ensure` calls on this thread state.
    pub gilstate_counter: i32,
    /// `pthread_self()` of the OS thread it belongs to (`get_ident`).
    pub thread_id: u64,
    /// The kernel's id of that thread (`get_native_id`).
    pub native_id: u64,
    /// Unique among the process's thread states (`PyThreadState_GetID`).
    pub id: u64,
    /// The runtime generation it was made in (see `lifecycle::generation`):
    /// a thread state from before a finalization must never run again.
    pub generation: u64,
    /// `sys.set_asyncgen_hooks` `firstiter` (owned), NULL when unset.
    pub async_gen_firstiter: *mut PyObject,
    /// `sys.set_asyncgen_hooks` `finalizer` (owned), NULL when unset.
    pub async_gen_finalizer: *mut PyObject,
    /// The current `contextvars.Context` (owned), NULL until first used.
    pub context: *mut PyObject,
    /// Bumped whenever `context` changes (the `ContextVar` caches check it).
    pub context_ver: u64,
    /// The trace function (`PyEval_SetTrace`; `sys.settrace` sets a
    /// trampoline calling its Python function), None when unset.
    pub c_tracefunc: crate::vm::tracing::Py_tracefunc,
    /// The trace function's object (owned), NULL when unset.
    pub c_traceobj: *mut PyObject,
    /// The profile function (`PyEval_SetProfile`, `sys.setprofile`).
    pub c_profilefunc: crate::vm::tracing::Py_tracefunc,
    /// The profile function's object (owned), NULL when unset.
    pub c_profileobj: *mut PyObject,
    /// Nonzero while a trace or profile function runs (no events then).
    pub tracing: i32,
    /// `sys.set_coroutine_origin_tracking_depth`: how many frames a new
    /// coroutine records in `cr_origin` (0: none).
    pub coroutine_origin_tracking_depth: i32,
    /// Dead frames kept for the next calls on this thread.
    pub frame_freelist: crate::vm::frame::FrameFreelist,
}

/// `PyThread_get_thread_ident`: the calling thread's `pthread_self()`.
pub fn thread_ident() -> u64 {
    // SAFETY: pthread_self has no preconditions.
    unsafe { libc::pthread_self() as u64 }
}

/// `PyThread_get_thread_native_id`: the kernel's id of the calling thread.
pub fn native_thread_id() -> u64 {
    // SAFETY: gettid has no preconditions.
    unsafe { libc::gettid() as u64 }
}

/// The last `PyThreadState.id` handed out.
static NEXT_ID: AtomicU64 = AtomicU64::new(0);

thread_local! {
    static CURRENT: Cell<*mut PyThreadState> = const { Cell::new(null_mut()) };
    /// The thread state `PyGILState_*` uses on this thread, with the
    /// runtime generation it belongs to.
    static GILSTATE: Cell<(*mut PyThreadState, u64)> = const { Cell::new((null_mut(), 0)) };
}

/// This thread's `PyGILState` thread state, NULL when it has none (or only
/// one from before a finalization).
pub fn gilstate() -> *mut PyThreadState {
    let (ts, generation) = GILSTATE.with(|c| c.get());
    if generation == crate::runtime::lifecycle::generation() {
        ts
    } else {
        null_mut()
    }
}

/// Makes `ts` this thread's `PyGILState` thread state (NULL forgets it).
pub fn set_gilstate(ts: *mut PyThreadState) {
    let generation = crate::runtime::lifecycle::generation();
    GILSTATE.with(|c| c.set((ts, generation)));
}

/// The current thread's state (NULL when it has none).
#[inline(always)]
pub fn current() -> *mut PyThreadState {
    CURRENT.with(|c| c.get())
}

/// Makes `ts` the current thread state; returns the previous one.
pub fn swap(ts: *mut PyThreadState) -> *mut PyThreadState {
    CURRENT.with(|c| c.replace(ts))
}

/// The current thread state, or a fatal error naming the caller's misuse:
/// the C API used without an initialized runtime.
#[inline(always)]
pub fn get() -> &'static mut PyThreadState {
    let ts = current();
    if ts.is_null() {
        crate::runtime::lifecycle::fatal_error(
            "the Python C API was called without a thread state (is the interpreter initialized, and does this thread hold the GIL?)",
        );
    }
    // SAFETY: a non-NULL current thread state is live while it is current.
    unsafe { &mut *ts }
}

impl PyThreadState {
    /// Drops the `sys.set_asyncgen_hooks` hooks.
    pub fn clear_asyncgen_hooks(&mut self) {
        for p in [
            std::mem::replace(&mut self.async_gen_firstiter, null_mut()),
            std::mem::replace(&mut self.async_gen_finalizer, null_mut()),
        ] {
            // SAFETY: the thread state owned these references.
            unsafe { crate::object::refcount::xdecref(p) };
        }
    }

    /// A fresh thread state for `interp`, bound to the calling OS thread
    /// and added to the interpreter's list (`PyThreadState_New`). Free it
    /// with [`delete`].
    ///
    /// # Safety
    /// `interp` is a live interpreter.
    pub unsafe fn new(interp: *mut PyInterpreterState) -> *mut PyThreadState {
        let ts = Box::into_raw(Box::new(PyThreadState {
            interp,
            current_exception: null_mut(),
            handled_exception: null_mut(),
            exc_outer: Vec::new(),
            recursion_depth: 0,
            // SAFETY: the caller passes a live interpreter.
            recursion_limit: unsafe { (*interp).recursion_limit },
            stack_limit: 0,
            frame: null_mut(),
            dict: null_mut(),
            async_exc: null_mut(),
            // As CPython's `init_threadstate`: a thread state that is not
            // `PyGILState_Ensure`'s own survives a balanced Ensure/Release.
            gilstate_counter: 1,
            thread_id: thread_ident(),
            native_id: native_thread_id(),
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed) + 1,
            generation: crate::runtime::lifecycle::generation(),
            async_gen_firstiter: null_mut(),
            async_gen_finalizer: null_mut(),
            context: null_mut(),
            context_ver: 0,
            c_tracefunc: None,
            c_traceobj: null_mut(),
            c_profilefunc: None,
            c_profileobj: null_mut(),
            tracing: 0,
            coroutine_origin_tracking_depth: 0,
            frame_freelist: crate::vm::frame::FrameFreelist::default(),
        }));
        // SAFETY: the caller passes a live interpreter.
        let list = unsafe { &(*interp).threads };
        list.lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(0, ts as usize);
        ts
    }

    /// Rebinds the thread state to the calling OS thread (a thread state
    /// made by one thread for another, as `_thread.start_new_thread` does).
    pub fn bind_to_current_thread(&mut self) {
        self.thread_id = thread_ident();
        self.native_id = native_thread_id();
    }

    /// The exception being handled as `sys.exception()` sees it
    /// (`_PyErr_GetTopmostException`): the innermost one set, looking past
    /// generators that handle none (borrowed), NULL when none.
    pub fn topmost_handled(&self) -> *mut PyObject {
        let none = crate::object::none::none();
        std::iter::once(&self.handled_exception)
            .chain(self.exc_outer.iter().rev())
            .copied()
            .find(|&e| !e.is_null() && e != none)
            .unwrap_or(null_mut())
    }

    /// Releases the objects the thread state holds (`PyThreadState_Clear`);
    /// needs the GIL.
    pub fn clear(&mut self) {
        crate::vm::tracing::clear(self);
        let exc = std::mem::replace(&mut self.async_exc, null_mut());
        if !exc.is_null() {
            crate::runtime::gil::note_async_exc(false);
        }
        for p in std::mem::take(&mut self.exc_outer) {
            // SAFETY: the thread state owned these references.
            unsafe { crate::object::refcount::xdecref(p) };
        }
        for p in [
            exc,
            std::mem::replace(&mut self.current_exception, null_mut()),
            std::mem::replace(&mut self.handled_exception, null_mut()),
            std::mem::replace(&mut self.dict, null_mut()),
            std::mem::replace(&mut self.context, null_mut()),
        ] {
            // SAFETY: the thread state owned these references.
            unsafe { crate::object::refcount::xdecref(p) };
        }
        self.clear_asyncgen_hooks();
    }
}

/// Removes `ts` from its interpreter's list and frees it
/// (`PyThreadState_Delete`); it must be cleared and not current anywhere.
///
/// # Safety
/// `ts` came from [`PyThreadState::new`] and is not used afterwards.
pub unsafe fn delete(ts: *mut PyThreadState) {
    // SAFETY: ts is live until freed here; its interpreter outlives it.
    unsafe {
        unlink(ts);
        drop(Box::from_raw(ts));
    }
}

/// Frees the current thread state `ts` and releases the GIL
/// (`PyThreadState_DeleteCurrent`); the thread's object caches are emptied
/// first, as the thread may be about to end.
///
/// # Safety
/// `ts` is the current thread state, made by [`PyThreadState::new`], and
/// cleared.
pub unsafe fn delete_current(ts: *mut PyThreadState) {
    crate::runtime::lifecycle::clear_thread_caches();
    forget_gilstate(ts);
    swap(null_mut());
    crate::runtime::gil::release(ts, false);
    // SAFETY: ts is no longer current.
    unsafe { delete(ts) }
}

/// Unbinds `ts` from this thread's `PyGILState` thread state if it is it.
pub fn forget_gilstate(ts: *mut PyThreadState) {
    if gilstate() == ts {
        set_gilstate(null_mut());
    }
}

/// In the child of `fork()`, where the calling thread is the only one
/// left: it becomes its interpreter's main thread, and the states of the
/// other threads are unlinked and cleared (CPython's
/// `_PyThreadState_DeleteExcept`), so `sys._current_frames()` shows one
/// thread. They are not freed: a stale pointer to one may remain in the
/// GIL's bookkeeping.
pub fn after_fork_child() {
    let me = current();
    if me.is_null() {
        return;
    }
    // SAFETY: the current thread state and its interpreter are live; the
    // others stay allocated, and this thread holds the GIL.
    unsafe {
        let interp = (*me).interp;
        (*interp).main_thread = thread_ident();
        for ts in (*interp).thread_states() {
            if ts != me {
                unlink(ts);
                (*ts).clear();
            }
        }
    }
}

/// Removes `ts` from its interpreter's list without freeing it.
///
/// # Safety
/// `ts` is a live thread state whose interpreter is live.
pub unsafe fn unlink(ts: *mut PyThreadState) {
    // SAFETY: as the caller promises.
    let list = unsafe { &(*(*ts).interp).threads };
    list.lock()
        .unwrap_or_else(|e| e.into_inner())
        .retain(|&a| a != ts as usize);
}
