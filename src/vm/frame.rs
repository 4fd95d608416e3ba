//! Frames (`PyFrame_Type`): one per running Python call, holding the fast
//! locals, cells, free variables and the value stack in one array after the
//! header. The thread state points at the running frame; each frame keeps
//! its caller (`f_back`) alive, so tracebacks can walk the chain.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::type_template;
use crate::object::{int, none, str as pystr};
use crate::runtime::errors::{PyResult, Raised};
use crate::vm::code;
use crate::Owned;
use libc::c_void;

/// A frame.
#[repr(C)]
pub struct PyFrameObject {
    pub ob_base: PyVarObject,
    /// The caller's frame (owned), NULL at the bottom.
    pub f_back: *mut PyObject,
    pub code: *mut PyObject,
    pub globals: *mut PyObject,
    pub builtins: *mut PyObject,
    /// The locals mapping of module and class bodies; NULL for functions.
    pub locals: *mut PyObject,
    /// The function being run, if any.
    pub func: *mut PyObject,
    /// The code unit of the last instruction started (past its
    /// `EXTENDED_ARG` prefixes), NULL before the first: the eval loop
    /// stores its instruction pointer here, as CPython's `instr_ptr`;
    /// [`PyFrameObject::lasti`] is its index.
    pub instr_ptr: *mut u16,
    /// Live stack entries while the frame is suspended or unwinding.
    pub stacktop: i32,
    pub nlocalsplus: i32,
    /// Whether the eval loop is running this frame.
    pub executing: u8,
    /// `f_trace_lines`: whether the trace function gets `line` events.
    pub trace_lines: u8,
    /// `f_trace_opcodes`: whether the trace function gets `opcode` events.
    pub trace_opcodes: u8,
    /// Whether `globals` and `builtins` are the function's own, borrowed
    /// from `func` (which the frame owns and which never changes them), as
    /// CPython's frames do; else the frame owns references to them.
    pub env_borrowed: u8,
    /// Where the loop goes on after an `f_lineno` assignment (a code unit
    /// index; -1 for none), see `vm::frame_jump`.
    pub pending_jump: i32,
    /// Where this frame's loop goes on when the generator its `FOR_ITER`
    /// runs in the same eval loop finishes (a code unit index).
    pub for_iter_exit: u32,
    /// The local trace function (`f_trace`, owned), NULL when none.
    pub f_trace: *mut PyObject,
    /// The dict `PyEval_GetLocals` lends out for a function frame
    /// (`f_locals_cache`, owned), NULL until asked for.
    pub locals_cache: *mut PyObject,
    /// Variables a function frame's `f_locals` proxy was given that are
    /// not fast locals (`f_extra_locals`, an owned dict), NULL until then.
    pub extra_locals: *mut PyObject,
    /// The generator, coroutine or async generator that runs this frame
    /// (borrowed: the generator owns the frame, `_PyFrame_GetGenerator`),
    /// NULL for a plain call and once the generator let go of the frame.
    pub generator: *mut PyObject,
    pub localsplus: [*mut PyObject; 0],
}

impl PyFrameObject {
    /// The code unit index of the last instruction started (`f_lasti` in
    /// code units), -1 before the first.
    #[inline]
    pub fn lasti(&self) -> i32 {
        if self.instr_ptr.is_null() {
            return -1;
        }
        // SAFETY: a frame's instruction pointer points into its code's
        // units, which live as long as the code the frame owns.
        unsafe {
            self.instr_ptr
                .offset_from(code::data(self.code).code.as_ptr()) as i32
        }
    }

    /// Makes unit `i` the last instruction started (-1: none yet).
    #[inline]
    pub fn set_lasti(&mut self, i: i32) {
        self.instr_ptr = if i < 0 {
            std::ptr::null_mut()
        } else {
            // SAFETY: as for lasti; i is a unit of the code.
            unsafe { code::data(self.code).code.as_mut_ptr().add(i as usize) }
        };
    }
}

/// `PyFrame_Type`.
#[no_mangle]
pub static mut PyFrame_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(frame_dealloc),
    tp_repr: Some(frame_repr),
    tp_traverse: Some(frame_traverse),
    tp_clear: Some(frame_clear),
    tp_getset: (&raw const FRAME_GETSET).cast_mut().cast(),
    tp_methods: (&raw const FRAME_METHODS).cast_mut().cast(),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    ..type_template(
        c"frame",
        std::mem::size_of::<PyFrameObject>(),
        std::mem::size_of::<*mut PyObject>(),
    )
};

/// Whether `op` is a frame (`PyFrame_Check`; the type has no subclasses).
pub unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*op).ob_type == &raw mut PyFrame_Type }
}

/// The frame struct behind an object pointer.
#[inline(always)]
pub unsafe fn fr<'a>(op: *mut PyObject) -> &'a mut PyFrameObject {
    // SAFETY: op is a frame.
    unsafe { &mut *op.cast::<PyFrameObject>() }
}

/// The localsplus-and-stack array of a frame.
#[inline(always)]
pub unsafe fn slots(op: *mut PyObject) -> *mut *mut PyObject {
    // SAFETY: op is a frame with its array right after the header.
    unsafe { (*op.cast::<PyFrameObject>()).localsplus.as_mut_ptr() }
}

/// A new frame for `code_obj` with empty locals; the caller fills the
/// arguments. `locals` is NULL for optimized (function) code.
///
/// The frame is not tracked by the collector while it runs (a running
/// frame is reachable from its thread anyway): [`run_frame`] tracks it
/// when it outlives its run, and a generator tracks its frame.
///
/// [`run_frame`]: crate::vm::eval::run_frame
pub unsafe fn new(
    code_obj: *mut PyObject,
    globals: *mut PyObject,
    builtins: *mut PyObject,
    locals: *mut PyObject,
    func: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: code_obj is a code object; the other references are taken.
    unsafe {
        let d = code::data(code_obj);
        let nlp = d.localsplusnames.len();
        let op = alloc(crate::runtime::tstate::get(), nlp + d.stacksize as usize)?;
        std::ptr::write_bytes(slots(op), 0, nlp);
        xincref(locals);
        xincref(func);
        let borrowed = !func.is_null() && {
            let fo = &*func.cast::<crate::vm::function::PyFunctionObject>();
            fo.func_globals == globals && fo.func_builtins == builtins
        };
        init(op, code_obj, globals, builtins, borrowed, locals, func, nlp);
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// The frame of a call of Python function `func` whose `nargs` arguments
/// at `args` are exactly its positional parameters (what CPython's
/// `CALL_PY_EXACT_ARGS` pushes): the frame takes over the references to
/// the arguments and to `func`, also on failure.
#[inline(always)]
pub unsafe fn new_exact_call(
    ts: &mut crate::runtime::tstate::PyThreadState,
    func: *mut PyObject,
    args: *const *mut PyObject,
    nargs: usize,
) -> PyResult<Owned> {
    // SAFETY: func is a function whose code takes `nargs` positional
    // parameters and nothing else; args holds nargs owned references.
    unsafe {
        let fo = &*func.cast::<crate::vm::function::PyFunctionObject>();
        let d = code::data(fo.func_code);
        let nlp = d.localsplusnames.len();
        let op = match alloc(ts, nlp + d.stacksize as usize) {
            Ok(op) => op,
            Err(e) => {
                (0..nargs).for_each(|i| decref(*args.add(i)));
                decref(func);
                return Err(e);
            }
        };
        let s = slots(op);
        for i in 0..nargs {
            *s.add(i) = *args.add(i);
        }
        for i in nargs..nlp {
            *s.add(i) = std::ptr::null_mut();
        }
        // Module-level code made into a function uses its globals as its
        // locals (see `call::empty_frame`).
        let locals = if d.flags & ferrython_compiler::bytecode::co_flags::OPTIMIZED == 0 {
            new_ref(fo.func_globals)
        } else {
            std::ptr::null_mut()
        };
        init(
            op,
            fo.func_code,
            fo.func_globals,
            fo.func_builtins,
            true,
            locals,
            func,
            nlp,
        );
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// Memory for a frame of `n` slots with its header zeroed and its slots
/// not initialized: a kept dead frame of thread `ts`, or a new one.
#[inline(always)]
unsafe fn alloc(
    ts: &mut crate::runtime::tstate::PyThreadState,
    n: usize,
) -> PyResult<*mut PyObject> {
    // SAFETY: a kept frame is untracked memory of exactly n slots whose
    // references were all released; generic_alloc gives zeroed memory.
    unsafe {
        if let Some(op) = ts.frame_freelist.pop(n) {
            // The header zeroed, then the object header of a static type
            // (no type reference to take, as `init_object` checks).
            std::ptr::write_bytes(op.cast::<PyFrameObject>(), 0, 1);
            (*op).ob_refcnt = 1;
            (*op).ob_type = &raw mut PyFrame_Type;
            (*op.cast::<PyVarObject>()).ob_size = n as Py_ssize_t;
            return Ok(op);
        }
        let op = crate::object::alloc::generic_alloc(&raw mut PyFrame_Type, n as Py_ssize_t);
        if op.is_null() {
            return Err(Raised::assume());
        }
        Ok(op)
    }
}

/// Fills the header of a zeroed frame: a new reference to the code; the
/// globals and builtins borrowed from `func` when `borrowed` (they are its
/// own), else new references; `locals` and `func` (NULL or owned) are
/// taken.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
unsafe fn init(
    op: *mut PyObject,
    code_obj: *mut PyObject,
    globals: *mut PyObject,
    builtins: *mut PyObject,
    borrowed: bool,
    locals: *mut PyObject,
    func: *mut PyObject,
    nlp: usize,
) {
    // SAFETY: op is a frame with a zeroed header; the objects are valid.
    unsafe {
        let f = fr(op);
        f.code = new_ref(code_obj);
        if borrowed {
            f.globals = globals;
            f.builtins = builtins;
            f.env_borrowed = 1;
        } else {
            f.globals = new_ref(globals);
            f.builtins = new_ref(builtins);
        }
        f.locals = locals;
        f.func = func;
        f.nlocalsplus = nlp as i32;
        f.trace_lines = 1;
        f.pending_jump = -1;
    }
}

/// Hands a frame that outlives its run (a traceback, `sys._getframe()`, a
/// trace function or a callee's `f_back` kept it) to the collector.
#[inline]
pub unsafe fn track_if_shared(op: *mut PyObject) {
    // SAFETY: op is a frame owned by the caller.
    unsafe {
        if (*op).ob_refcnt > 1 {
            crate::object::gc::track(op);
        }
    }
}

/// The line being run by a frame (`f_lineno`), or the line it goes on
/// at when a trace function set `f_lineno`; None where the code has no
/// line.
pub unsafe fn lineno(op: *mut PyObject) -> Option<u32> {
    // SAFETY: op is a frame.
    unsafe {
        let f = fr(op);
        let at = if f.pending_jump >= 0 {
            f.pending_jump
        } else {
            f.lasti().max(0)
        };
        code::line_of(code::data(f.code), at as usize)
    }
}

unsafe extern "C" fn frame_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; the frame is not executing.
    unsafe {
        let f = fr(op);
        // A frame holding the last reference to its caller releases the
        // chain of a deep recursion (kept by a traceback) through the
        // trashcan; the frame of a call that returned does not.
        let chain = !f.f_back.is_null() && (*f.f_back).ob_refcnt == 1;
        if chain && !crate::object::trashcan::enter(op, frame_dealloc) {
            return;
        }
        crate::object::gc::untrack(op);
        release(op);
        if chain {
            crate::object::trashcan::leave();
        }
    }
}

/// Lets go of frame `op` of thread `ts`, which the eval loop owned while
/// it ran a call: a frame no one else holds (the common case) is released
/// at once, its memory kept for the thread's next call; one that outlives
/// its run goes to the collector. Inlined into the loop's return: the
/// thread state is the loop's, not looked up again.
#[inline(always)]
pub unsafe fn finish(ts: &mut crate::runtime::tstate::PyThreadState, op: *mut PyObject) {
    // SAFETY: op is a frame that stopped running, owned by the caller;
    // its caller outlives this release, so no trashcan is needed.
    unsafe {
        if (*op).ob_refcnt != 1 {
            return finish_shared(op);
        }
        (*op).ob_refcnt = 0;
        crate::object::gc::untrack(op);
        drop_refs(op);
        let n = (*op.cast::<PyVarObject>()).ob_size as usize;
        if !ts.frame_freelist.push(op, n) {
            crate::object::alloc::gc_free(op.cast());
        }
    }
}

/// [`finish`] of a frame someone else still holds.
#[cold]
#[inline(never)]
unsafe fn finish_shared(op: *mut PyObject) {
    // SAFETY: op is a frame owned by the caller.
    unsafe {
        track_if_shared(op);
        decref(op);
    }
}

/// Drops the references of dead, untracked frame `op` and keeps its
/// memory for reuse (or frees it).
unsafe fn release(op: *mut PyObject) {
    // SAFETY: op is an unreferenced frame.
    unsafe {
        drop_refs(op);
        let n = (*op.cast::<PyVarObject>()).ob_size as usize;
        let ts = crate::runtime::tstate::current();
        if ts.is_null() || !(*ts).frame_freelist.push(op, n) {
            crate::object::alloc::gc_free(op.cast());
        }
    }
}

/// Drops the references a dead frame `op` holds.
#[inline(always)]
unsafe fn drop_refs(op: *mut PyObject) {
    // SAFETY: op is an unreferenced frame; its slots and fields are owned.
    unsafe {
        let f = fr(op);
        let s = slots(op);
        for i in 0..(f.nlocalsplus + f.stacktop) as usize {
            xdecref(*s.add(i));
        }
        if f.env_borrowed == 0 {
            xdecref(f.globals);
            xdecref(f.builtins);
        }
        for p in [
            f.f_back,
            f.code,
            f.locals,
            f.func,
            f.f_trace,
            f.locals_cache,
            f.extra_locals,
        ] {
            xdecref(p);
        }
    }
}

/// Frames kept for reuse, by slot count (small frames only): allocation
/// and zeroing of a frame on every call is the largest cost of a call.
const FREELIST_SLOTS: usize = 40;
const FREELIST_DEPTH: usize = 16;

/// The dead frames one thread state keeps for reuse, by slot count (the
/// thread state owns them, so threads never share the lists).
pub struct FrameFreelist([Vec<*mut PyObject>; FREELIST_SLOTS]);

impl Default for FrameFreelist {
    fn default() -> FrameFreelist {
        FrameFreelist([const { Vec::new() }; FREELIST_SLOTS])
    }
}

impl FrameFreelist {
    /// A kept frame of `n` slots, as it was left (see [`alloc`]).
    #[inline(always)]
    fn pop(&mut self, n: usize) -> Option<*mut PyObject> {
        self.0.get_mut(n)?.pop()
    }

    /// Keeps a dead frame's memory for reuse; false when the list is full.
    #[inline]
    fn push(&mut self, op: *mut PyObject, n: usize) -> bool {
        match self.0.get_mut(n) {
            Some(list)
                if list.len() < FREELIST_DEPTH && !crate::runtime::lifecycle::is_finalizing() =>
            {
                list.push(op);
                true
            }
            _ => false,
        }
    }

    /// Frees the kept frames.
    pub fn clear(&mut self) {
        for list in self.0.iter_mut() {
            for op in list.drain(..) {
                // SAFETY: the kept frames are unreferenced, untracked memory
                // from the object allocator.
                unsafe { crate::object::alloc::gc_free(op.cast()) };
            }
        }
    }
}

impl Drop for FrameFreelist {
    fn drop(&mut self) {
        self.clear();
    }
}

/// Frees the frames the current thread state keeps for reuse
/// (finalization and thread exit).
pub fn clear_freelist() {
    let ts = crate::runtime::tstate::current();
    if !ts.is_null() {
        // SAFETY: the current thread state is live.
        unsafe { (*ts).frame_freelist.clear() };
    }
}

unsafe extern "C" fn frame_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> libc::c_int {
    // SAFETY: op is a frame.
    unsafe {
        let f = fr(op);
        let s = slots(op);
        // The value stack of a running frame lives in the loop's registers;
        // its entries count as references from outside.
        let live = if f.executing != 0 {
            f.nlocalsplus
        } else {
            f.nlocalsplus + f.stacktop
        };
        let r =
            crate::object::gc::visit_all(std::slice::from_raw_parts(s, live as usize), visit, arg);
        if r != 0 {
            return r;
        }
        if f.env_borrowed == 0 {
            let r = crate::object::gc::visit_all(&[f.globals, f.builtins], visit, arg);
            if r != 0 {
                return r;
            }
        }
        crate::object::gc::visit_all(
            &[
                f.f_back,
                f.code,
                f.locals,
                f.func,
                f.f_trace,
                f.locals_cache,
                f.extra_locals,
            ],
            visit,
            arg,
        )
    }
}

/// `frame_tp_clear`: drops the locals and value stack of a frame that is
/// not running (the collector only clears garbage, which never runs again).
unsafe extern "C" fn frame_clear(op: *mut PyObject) -> libc::c_int {
    // SAFETY: op is a frame; its slots are owned.
    unsafe {
        let f = fr(op);
        if f.executing != 0 {
            return 0;
        }
        let s = slots(op);
        let n = (f.nlocalsplus + f.stacktop) as usize;
        f.stacktop = 0;
        for i in 0..n {
            xdecref(std::mem::replace(&mut *s.add(i), std::ptr::null_mut()));
        }
        xdecref(std::mem::replace(&mut f.locals, std::ptr::null_mut()));
        xdecref(std::mem::replace(&mut f.f_trace, std::ptr::null_mut()));
        xdecref(std::mem::replace(&mut f.locals_cache, std::ptr::null_mut()));
        xdecref(std::mem::replace(&mut f.extra_locals, std::ptr::null_mut()));
        0
    }
}

unsafe extern "C" fn frame_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a frame.
        unsafe {
            let d = code::data(fr(op).code);
            pystr::from_str(&format!(
                "<frame at {op:p}, file '{}', line {}, code {}>",
                pystr::as_str(d.filename.as_ptr())?,
                lineno(op).map_or(-1, i64::from),
                pystr::as_str(d.name.as_ptr())?
            ))
        }
    })
}

unsafe extern "C" fn get_lineno(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a frame.
    guard_obj(|| unsafe {
        match lineno(op) {
            Some(l) => int::from_i64(l.into()),
            None => Ok(none::owned()),
        }
    })
}

unsafe extern "C" fn get_back(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a frame.
    unsafe {
        let b = fr(op).f_back;
        new_ref(if b.is_null() { none::none() } else { b })
    }
}

/// `f_code`, audited as `object.__getattr__`.
unsafe extern "C" fn get_code(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    if crate::runtime::audit::audit_getattr(op, "f_code").is_err() {
        return std::ptr::null_mut();
    }
    // SAFETY: op is a frame.
    unsafe { new_ref(fr(op).code) }
}

unsafe extern "C" fn get_globals(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a frame.
    unsafe { new_ref(fr(op).globals) }
}

unsafe extern "C" fn get_builtins(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a frame.
    unsafe { new_ref(fr(op).builtins) }
}

unsafe extern "C" fn get_lasti(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a frame; f_lasti counts bytes as in CPython.
    guard_obj(|| unsafe { int::from_i64(fr(op).lasti() as i64 * 2) })
}

unsafe extern "C" fn get_locals(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a frame.
    guard_obj(|| unsafe { crate::vm::frame_locals::f_locals(op) })
}

unsafe extern "C" fn get_trace(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a frame.
    unsafe {
        let t = fr(op).f_trace;
        new_ref(if t.is_null() { none::none() } else { t })
    }
}

unsafe extern "C" fn set_trace(
    op: *mut PyObject,
    v: *mut PyObject,
    _c: *mut c_void,
) -> libc::c_int {
    // SAFETY: op is a frame; v NULL (delete) or valid.
    unsafe {
        let v = if v.is_null() || v == none::none() {
            std::ptr::null_mut()
        } else {
            new_ref(v)
        };
        xdecref(std::mem::replace(&mut fr(op).f_trace, v));
        0
    }
}

unsafe extern "C" fn set_lineno(
    op: *mut PyObject,
    v: *mut PyObject,
    _c: *mut c_void,
) -> libc::c_int {
    // SAFETY: op is a frame; v NULL (delete) or valid.
    match unsafe { crate::vm::frame_jump::set_lineno(op, v) } {
        Ok(()) => 0,
        Err(_) => -1,
    }
}

/// The getter of a boolean frame flag (`f_trace_lines`, `f_trace_opcodes`).
fn get_flag(flag: u8) -> *mut PyObject {
    // SAFETY: True and False are immortal objects.
    unsafe { new_ref(crate::object::bool::from_bool(flag != 0)) }
}

/// The setter of a boolean frame flag: only a bool is accepted.
fn set_flag(flag: &mut u8, v: *mut PyObject) -> libc::c_int {
    let t = crate::object::bool::py_true();
    if v != t && v != crate::object::bool::py_false() {
        crate::runtime::errors::type_error("attribute value type must be bool");
        return -1;
    }
    *flag = (v == t) as u8;
    0
}

unsafe extern "C" fn get_trace_lines(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a frame.
    get_flag(unsafe { fr(op).trace_lines })
}

unsafe extern "C" fn set_trace_lines(
    op: *mut PyObject,
    v: *mut PyObject,
    _c: *mut c_void,
) -> libc::c_int {
    // SAFETY: op is a frame.
    set_flag(unsafe { &mut fr(op).trace_lines }, v)
}

unsafe extern "C" fn get_trace_opcodes(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a frame.
    get_flag(unsafe { fr(op).trace_opcodes })
}

unsafe extern "C" fn set_trace_opcodes(
    op: *mut PyObject,
    v: *mut PyObject,
    _c: *mut c_void,
) -> libc::c_int {
    // SAFETY: op is a frame.
    set_flag(unsafe { &mut fr(op).trace_opcodes }, v)
}

/// `frame.clear()`: drops the locals and value stack of a frame that is
/// done. A frame on the call stack cannot be cleared ("cannot clear an
/// executing frame"), nor can the frame of a suspended generator or
/// coroutine ("cannot clear a suspended frame"). A generator that has not
/// started is finalized instead, as the collector would (closed, or the
/// never-awaited warning of a coroutine), and its frame kept as it is.
/// `traceback.clear_frames` and `unittest` ignore both errors.
unsafe extern "C" fn frame_clear_method(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a frame; the generator it names is alive (it owns
        // the frame and unlinks itself when it lets go).
        unsafe {
            let f = fr(op);
            let g = f.generator;
            // A generator delegating to another one it is running counts
            // as executing too.
            if f.executing != 0 || (!g.is_null() && crate::vm::genobject::is_running(g)) {
                return Err(crate::runtime::errors::runtime_error(
                    "cannot clear an executing frame",
                ));
            }
            if !g.is_null() {
                if f.lasti() >= 0 {
                    return Err(crate::runtime::errors::runtime_error(
                        "cannot clear a suspended frame",
                    ));
                }
                let g = Owned::from_borrowed(g);
                crate::vm::genobject::gen_finalize(g.as_ptr());
            } else {
                frame_clear(op);
            }
            Ok(Owned::from_borrowed_static(none::none()))
        }
    })
}

static FRAME_METHODS: [PyMethodDef; 2] = [
    crate::object::descr::method(c"clear", frame_clear_method as *const c_void, METH_NOARGS),
    crate::object::descr::METHOD_END,
];

static FRAME_GETSET: [PyGetSetDef; 11] = [
    crate::object::descr::getset(c"f_trace", Some(get_trace), Some(set_trace)),
    crate::object::descr::getset(
        c"f_trace_lines",
        Some(get_trace_lines),
        Some(set_trace_lines),
    ),
    crate::object::descr::getset(
        c"f_trace_opcodes",
        Some(get_trace_opcodes),
        Some(set_trace_opcodes),
    ),
    crate::object::descr::getset(c"f_lineno", Some(get_lineno), Some(set_lineno)),
    crate::object::descr::getset(c"f_back", Some(get_back), None),
    crate::object::descr::getset(c"f_code", Some(get_code), None),
    crate::object::descr::getset(c"f_globals", Some(get_globals), None),
    crate::object::descr::getset(c"f_builtins", Some(get_builtins), None),
    crate::object::descr::getset(c"f_lasti", Some(get_lasti), None),
    crate::object::descr::getset(c"f_locals", Some(get_locals), None),
    crate::object::descr::GETSET_END,
];

/// The running frame of this thread (borrowed; NULL outside Python code).
pub fn current() -> *mut PyObject {
    crate::runtime::tstate::get().frame
}

/// Makes `frame` the running one, linking the previous as its `f_back`.
pub unsafe fn push(frame: *mut PyObject) {
    // SAFETY: per the contract.
    unsafe { push_on(crate::runtime::tstate::get(), frame) }
}

/// [`push`] on thread state `ts`, the current one.
#[inline(always)]
pub unsafe fn push_on(ts: &mut crate::runtime::tstate::PyThreadState, frame: *mut PyObject) {
    // SAFETY: frame is a fresh frame; the previous frame is kept alive by it.
    unsafe {
        let f = fr(frame);
        if f.f_back.is_null() && !ts.frame.is_null() {
            f.f_back = new_ref(ts.frame);
        }
    }
    ts.frame = frame;
}

/// Restores the caller as the running frame.
pub unsafe fn pop(frame: *mut PyObject) {
    let ts = crate::runtime::tstate::get();
    // SAFETY: frame is the running frame.
    unsafe { ts.frame = fr(frame).f_back };
}
