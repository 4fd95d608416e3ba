//! The `_tracemalloc` module (`Python/tracemalloc.c`), behind the pure
//! Python `tracemalloc`: while tracing, each memory block the object
//! allocator hands out (objects, `PyMem_*`/`PyObject_Malloc` blocks; see
//! `object::alloc`) is recorded with its size and the Python traceback
//! that allocated it (up to `nframe` frames, innermost first), and
//! forgotten when freed. `-X tracemalloc[=N]` / `PYTHONTRACEMALLOC` start
//! it at startup. Tables, tracebacks and the totals live in Rust memory,
//! so recording never re-enters the traced allocator.
use crate::ffi::*;
use crate::modules::args::{arity, bind, builtin, no_kwargs};
use crate::object::descr::{method, METHOD_END};
use crate::object::refcount::{decref, incref};
use crate::object::{int, list, none, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// Whether allocations are being traced (checked on every allocation).
pub static TRACING: AtomicBool = AtomicBool::new(false);

/// The largest traceback limit `start()` accepts.
const MAX_NFRAME: usize = 65535;

/// One traced block: its size and the index of its traceback.
struct Trace {
    size: usize,
    traceback: usize,
}

/// A frame of a recorded traceback: the code's file name (a strong
/// reference, as an address) and the line.
type Frame = (usize, u32);

/// A recorded traceback (innermost frame first) and the depth of the
/// stack it was cut from.
type Recorded = (Vec<Frame>, usize);

/// What tracing has recorded.
struct State {
    nframe: usize,
    traces: HashMap<usize, Trace>,
    /// Distinct tracebacks (innermost frame first) and how many frames
    /// the stack had; blocks share them by index.
    tracebacks: Vec<Recorded>,
    index: HashMap<Recorded, usize>,
    current: usize,
    peak: usize,
}

static STATE: Mutex<Option<State>> = Mutex::new(None);

fn state() -> std::sync::MutexGuard<'static, Option<State>> {
    STATE.lock().unwrap_or_else(|e| e.into_inner())
}

thread_local! {
    /// Set while this thread records a block, so nothing recursive is.
    static BUSY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The calling thread's Python stack, innermost first, cut at `limit`
/// frames, and its full depth. File names are new strong references.
fn current_frames(limit: usize) -> (Vec<Frame>, usize) {
    let ts = crate::runtime::tstate::current();
    let mut frames = Vec::new();
    let mut total = 0;
    if ts.is_null() {
        return (frames, 0);
    }
    // SAFETY: ts is this thread's live thread state; frames link to their
    // (owned) callers and keep their code objects alive.
    unsafe {
        let mut f = (*ts).frame;
        while !f.is_null() {
            let fr = &*f.cast::<crate::vm::frame::PyFrameObject>();
            if total < limit && crate::vm::code::check(fr.code) {
                let d = crate::vm::code::data(fr.code);
                // CPython records 0 for code without a line.
                let line = crate::vm::code::line_of(d, fr.lasti().max(0) as usize).unwrap_or(0);
                let name = d.filename.as_ptr();
                incref(name);
                frames.push((name as usize, line));
            }
            total += 1;
            f = fr.f_back;
        }
    }
    (frames, total)
}

/// Records the new block `p` of `size` bytes (called by the allocator
/// while [`TRACING`] is set).
pub fn track(p: *mut c_void, size: usize) {
    if p.is_null() || BUSY.with(|b| b.replace(true)) {
        return;
    }
    let mut guard = state();
    if let Some(st) = guard.as_mut() {
        let (frames, total) = current_frames(st.nframe);
        let key = (frames, total);
        let tb = match st.index.get(&key) {
            Some(&i) => {
                // The code objects hold these names too, so dropping the
                // duplicate's references frees nothing.
                for &(name, _) in &key.0 {
                    // SAFETY: each frame of the duplicate holds a reference.
                    unsafe { decref(name as *mut PyObject) };
                }
                i
            }
            None => {
                st.tracebacks.push(key.clone());
                st.index.insert(key, st.tracebacks.len() - 1);
                st.tracebacks.len() - 1
            }
        };
        if let Some(old) = st.traces.insert(
            p as usize,
            Trace {
                size,
                traceback: tb,
            },
        ) {
            st.current -= old.size;
        }
        st.current += size;
        st.peak = st.peak.max(st.current);
    }
    drop(guard);
    BUSY.with(|b| b.set(false));
}

/// Forgets the block `p`, about to be freed.
pub fn untrack(p: *mut c_void) {
    if p.is_null() || BUSY.with(|b| b.get()) {
        return;
    }
    if let Some(st) = state().as_mut() {
        if let Some(t) = st.traces.remove(&(p as usize)) {
            st.current -= t.size;
        }
    }
}

/// Empties the records, returning their tracebacks, whose file-name
/// references the caller drops with [`release`] once the lock is gone
/// (freeing a name reaches the allocator, which takes the lock).
fn clear(st: &mut State) -> Vec<Recorded> {
    st.traces.clear();
    st.index.clear();
    st.current = 0;
    st.peak = 0;
    std::mem::take(&mut st.tracebacks)
}

/// Drops the file-name references of `tracebacks`.
fn release(tracebacks: Vec<Recorded>) {
    for (frames, _) in tracebacks {
        for (name, _) in frames {
            // SAFETY: each frame holds one reference.
            unsafe { decref(name as *mut PyObject) };
        }
    }
}

/// Starts tracing with tracebacks of up to `nframe` frames (`start()`);
/// tracing that runs keeps its records and takes the new limit.
pub fn start(nframe: usize) -> PyResult<()> {
    if !(1..=MAX_NFRAME).contains(&nframe) {
        return Err(errors::value_error(format!(
            "the number of frames must be in range [1; {MAX_NFRAME}]"
        )));
    }
    let mut guard = state();
    match guard.as_mut() {
        Some(st) => st.nframe = nframe,
        None => {
            *guard = Some(State {
                nframe,
                traces: HashMap::new(),
                tracebacks: Vec::new(),
                index: HashMap::new(),
                current: 0,
                peak: 0,
            })
        }
    }
    TRACING.store(true, Ordering::Release);
    Ok(())
}

/// Stops tracing and forgets what was recorded (`stop()`, finalization).
pub fn stop() {
    TRACING.store(false, Ordering::Release);
    let taken = state().take();
    if let Some(mut st) = taken {
        release(clear(&mut st));
    }
}

/// A recorded traceback as `_tracemalloc` returns it: a tuple of
/// `(filename, lineno)`, innermost first.
fn traceback_tuple(frames: &[Frame]) -> PyResult<Owned> {
    let items = frames
        .iter()
        .map(|&(name, line)| {
            // SAFETY: name is a str the record keeps alive.
            let name = unsafe { Owned::from_borrowed(name as *mut PyObject) };
            tuple::from_vec(vec![name, int::from_i64(line as i64)?])
        })
        .collect::<PyResult<Vec<_>>>()?;
    tuple::from_vec(items)
}

builtin!(is_tracing, |args, kws| {
    no_kwargs("is_tracing", &kws)?;
    arity("is_tracing", args, 0, 0)?;
    Ok(Owned::from_borrowed_static(crate::object::bool::from_bool(
        TRACING.load(Ordering::Acquire),
    )))
});

builtin!(start_fn, |args, kws| {
    no_kwargs("start", &kws)?;
    arity("start", args, 0, 1)?;
    let n = match args.first() {
        Some(&v) => int::as_i64(v)?,
        None => 1,
    };
    start(n.clamp(0, MAX_NFRAME as i64 + 1) as usize)?;
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(stop_fn, |args, kws| {
    no_kwargs("stop", &kws)?;
    arity("stop", args, 0, 0)?;
    stop();
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(clear_traces, |args, kws| {
    no_kwargs("clear_traces", &kws)?;
    arity("clear_traces", args, 0, 0)?;
    let old = state().as_mut().map(clear);
    release(old.unwrap_or_default());
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(get_traceback_limit, |args, kws| {
    no_kwargs("get_traceback_limit", &kws)?;
    arity("get_traceback_limit", args, 0, 0)?;
    let n = state().as_ref().map_or(1, |s| s.nframe);
    int::from_i64(n as i64)
});

builtin!(get_traced_memory, |args, kws| {
    no_kwargs("get_traced_memory", &kws)?;
    arity("get_traced_memory", args, 0, 0)?;
    let (cur, peak) = state().as_ref().map_or((0, 0), |s| (s.current, s.peak));
    tuple::from_vec(vec![
        int::from_i64(cur as i64)?,
        int::from_i64(peak as i64)?,
    ])
});

builtin!(reset_peak, |args, kws| {
    no_kwargs("reset_peak", &kws)?;
    arity("reset_peak", args, 0, 0)?;
    if let Some(st) = state().as_mut() {
        st.peak = st.current;
    }
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(get_tracemalloc_memory, |args, kws| {
    no_kwargs("get_tracemalloc_memory", &kws)?;
    arity("get_tracemalloc_memory", args, 0, 0)?;
    let bytes = state().as_ref().map_or(0, |s| {
        s.traces.capacity() * std::mem::size_of::<(usize, Trace)>()
            + s.tracebacks
                .iter()
                .map(|(f, _)| f.capacity() * std::mem::size_of::<Frame>())
                .sum::<usize>()
    });
    int::from_i64(bytes as i64)
});

builtin!(get_traces, |args, kws| {
    no_kwargs("_get_traces", &kws)?;
    arity("_get_traces", args, 0, 0)?;
    // Copy under the lock, build objects after: building allocates, and
    // the allocator takes the lock to record.
    let (traces, tracebacks): (Vec<(usize, usize)>, Vec<Recorded>) = {
        let guard = state();
        let Some(st) = guard.as_ref() else {
            return list::from_vec(Vec::new());
        };
        let tbs = st.tracebacks.clone();
        for (frames, _) in &tbs {
            for &(name, _) in frames {
                // SAFETY: the copy holds its own references until the end.
                unsafe { incref(name as *mut PyObject) };
            }
        }
        (
            st.traces.values().map(|t| (t.size, t.traceback)).collect(),
            tbs,
        )
    };
    let result = (|| {
        let objects = tracebacks
            .iter()
            .map(|(f, _)| traceback_tuple(f))
            .collect::<PyResult<Vec<_>>>()?;
        let domain = int::from_i64(0)?;
        let items = traces
            .iter()
            .map(|&(size, tb)| {
                tuple::from_vec(vec![
                    domain.clone(),
                    int::from_i64(size as i64)?,
                    objects[tb].clone(),
                    int::from_i64(tracebacks[tb].1 as i64)?,
                ])
            })
            .collect::<PyResult<Vec<_>>>()?;
        list::from_vec(items)
    })();
    for (frames, _) in &tracebacks {
        for &(name, _) in frames {
            decref(name as *mut PyObject);
        }
    }
    result
});

builtin!(get_object_traceback, |args, kws| {
    let [obj] = bind("_get_object_traceback", args, &kws, ["obj"], 1, 1)?;
    let obj = obj.unwrap_or(std::ptr::null_mut()) as usize;
    let frames = {
        let guard = state();
        guard.as_ref().and_then(|st| {
            let t = st
                .traces
                .get(&obj)
                .or_else(|| st.traces.get(&(obj - crate::object::alloc::GC_HEAD_SIZE)))?;
            let frames = st.tracebacks[t.traceback].0.clone();
            for &(name, _) in &frames {
                // SAFETY: the copy holds its own references.
                unsafe { incref(name as *mut PyObject) };
            }
            Some(frames)
        })
    };
    let Some(frames) = frames else {
        return Ok(Owned::from_borrowed_static(none::none()));
    };
    let r = traceback_tuple(&frames);
    for &(name, _) in &frames {
        decref(name as *mut PyObject);
    }
    r
});

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut METHODS: [PyMethodDef; 11] = [
    method(c"is_tracing", is_tracing as *const c_void, FK),
    method(c"start", start_fn as *const c_void, FK),
    method(c"stop", stop_fn as *const c_void, FK),
    method(c"clear_traces", clear_traces as *const c_void, FK),
    method(
        c"get_traceback_limit",
        get_traceback_limit as *const c_void,
        FK,
    ),
    method(c"get_traced_memory", get_traced_memory as *const c_void, FK),
    method(c"reset_peak", reset_peak as *const c_void, FK),
    method(
        c"get_tracemalloc_memory",
        get_tracemalloc_memory as *const c_void,
        FK,
    ),
    method(c"_get_traces", get_traces as *const c_void, FK),
    method(
        c"_get_object_traceback",
        get_object_traceback as *const c_void,
        FK,
    ),
    METHOD_END,
];

static mut DEF: PyModuleDef = crate::modules::module_def::def(
    c"_tracemalloc",
    c"Debug module to trace memory blocks allocated by Python.",
    (&raw mut METHODS).cast(),
    std::ptr::null_mut(),
);

/// `PyInit__tracemalloc`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    // SAFETY: DEF is a static module definition.
    unsafe { crate::capi::module::PyModuleDef_Init(&raw mut DEF) }
}
