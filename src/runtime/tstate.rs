//! Interpreter and thread states. Each OS thread running Python has a
//! `PyThreadState`, found through a thread-local; the thread state holds the
//! error indicator (the raised exception) and the recursion depth.
use crate::ffi::PyObject;
use std::cell::Cell;
use std::ptr::null_mut;

/// `PyInterpreterState`: one interpreter's modules and builtins.
pub struct PyInterpreterState {
    /// `sys.modules`.
    pub modules: *mut PyObject,
    /// The `builtins` module.
    pub builtins: *mut PyObject,
    /// Directories searched for modules (`sys.path` until `sys` exists).
    pub path: Vec<String>,
    /// The command line as `sys.argv` shows it.
    pub argv: Vec<String>,
    /// Single-phase extension modules by `PyModuleDef.m_base.m_index`
    /// (`PyState_FindModule`), strong references.
    pub modules_by_index: Vec<*mut PyObject>,
}

impl PyInterpreterState {
    /// An empty interpreter state.
    pub fn new() -> PyInterpreterState {
        PyInterpreterState {
            modules: null_mut(),
            builtins: null_mut(),
            path: Vec::new(),
            argv: Vec::new(),
            modules_by_index: Vec::new(),
        }
    }

    /// Releases what the interpreter holds (at finalization). Module dicts
    /// are emptied first: their functions point back at the module (or its
    /// dict), a cycle that reference counting alone would never free.
    pub fn clear(&mut self) {
        for m in [self.modules, self.builtins] {
            if m.is_null() {
                continue;
            }
            // SAFETY: modules is a dict of modules; builtins a module.
            unsafe { clear_modules(m) };
        }
        for m in std::mem::take(&mut self.modules_by_index) {
            // SAFETY: the table owns these references.
            unsafe { crate::object::refcount::xdecref(m) };
        }
        for p in [&mut self.modules, &mut self.builtins] {
            let old = std::mem::replace(p, null_mut());
            // SAFETY: owned references or NULL.
            unsafe { crate::object::refcount::xdecref(old) };
        }
    }
}

/// Empties the dict of `m` (a module) or of every module in `m` (a dict).
unsafe fn clear_modules(m: *mut PyObject) {
    use crate::object::{dict, module, typeobj};
    // SAFETY: m is a module or a dict of objects; dict clearing releases
    // values after the swap, so callbacks see consistent dicts.
    unsafe {
        let is_module = |o: *mut PyObject| typeobj::instance_of(o, &raw mut module::PyModule_Type);
        if is_module(m) {
            dict::clear(module::dict_of(m));
            return;
        }
        let mut mods = Vec::new();
        let mut pos = 0;
        while let Some((_, v)) = dict::next(m, &mut pos) {
            if is_module(v) {
                mods.push(crate::Owned::from_borrowed(v));
            }
        }
        for v in mods.iter().rev() {
            let d = module::dict_of(v.as_ptr());
            if !d.is_null() {
                dict::clear(d);
            }
        }
    }
}

impl Default for PyInterpreterState {
    fn default() -> Self {
        Self::new()
    }
}

/// `PyThreadState`: opaque to C.
pub struct PyThreadState {
    /// The interpreter this thread state belongs to.
    pub interp: *mut PyInterpreterState,
    /// The raised exception (the error indicator), NULL when none.
    pub current_exception: *mut PyObject,
    /// The exception being handled (`sys.exception()`), NULL when none.
    pub handled_exception: *mut PyObject,
    /// Depth of nested `Py_EnterRecursiveCall`s.
    pub recursion_depth: i32,
    /// The recursion limit (`sys.getrecursionlimit()`).
    pub recursion_limit: i32,
    /// The running Python frame (borrowed), NULL outside Python code.
    pub frame: *mut PyObject,
    /// `sys.set_asyncgen_hooks` `firstiter` (owned), NULL when unset.
    pub async_gen_firstiter: *mut PyObject,
    /// `sys.set_asyncgen_hooks` `finalizer` (owned), NULL when unset.
    pub async_gen_finalizer: *mut PyObject,
}

thread_local! {
    static CURRENT: Cell<*mut PyThreadState> = const { Cell::new(null_mut()) };
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

    /// A fresh thread state for `interp`.
    pub fn new(interp: *mut PyInterpreterState) -> Box<PyThreadState> {
        Box::new(PyThreadState {
            interp,
            current_exception: null_mut(),
            handled_exception: null_mut(),
            recursion_depth: 0,
            recursion_limit: 1000,
            frame: null_mut(),
            async_gen_firstiter: null_mut(),
            async_gen_finalizer: null_mut(),
        })
    }
}
